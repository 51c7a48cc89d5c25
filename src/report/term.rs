//! Text for an 80-column terminal: prose wrapped at spaces, tables split into several
//! narrower ones that repeat their key columns. Widths are counted in characters (every
//! character ccsim prints to the terminal is one column wide), never in bytes.

use super::table::{column_widths, format_row};

/// The widest line ccsim prints to the terminal.
pub const WIDTH: usize = 80;

/// The display width of `s`: its characters.
pub fn width(s: &str) -> usize {
    s.chars().count()
}

/// `text` with every line longer than [`WIDTH`] wrapped at spaces; a continuation keeps
/// the line's indentation and adds `hang` more. A word too long for a line of its own
/// (a long file path) is cut across lines rather than let through.
pub fn wrap(text: &str, hang: usize) -> String {
    map_lines(text, |line| {
        let indent = width(line) - width(line.trim_start());
        wrap_line(line, indent + hang)
    })
}

/// `text` with every line longer than [`WIDTH`] wrapped at spaces, continuations starting
/// at column `column` (the column of a table's last, free-text cell).
pub fn wrap_at(text: &str, column: usize) -> String {
    map_lines(text, |line| wrap_line(line, column))
}

fn map_lines(text: &str, f: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        out.push_str(&f(body));
        out.push_str(newline);
    }
    out
}

/// One line wrapped; the spaces between the words of a piece that fits are kept as
/// they were (table columns stay aligned), those at a break are dropped.
fn wrap_line(line: &str, continuation: usize) -> String {
    if width(line) <= WIDTH {
        return line.to_string();
    }
    let next_indent = " ".repeat(continuation.min(WIDTH - 20));
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    // Each word with the spaces before it.
    let mut rest = line;
    while !rest.is_empty() {
        let word_start = rest.len() - rest.trim_start_matches(' ').len();
        let word_end = rest[word_start..]
            .find(' ')
            .map_or(rest.len(), |e| word_start + e);
        let (spaces, word) = (&rest[..word_start], &rest[word_start..word_end]);
        rest = &rest[word_end..];
        if word.is_empty() {
            break;
        }
        let fresh = current.trim().is_empty();
        if width(&current) + width(spaces) + width(word) <= WIDTH {
            current.push_str(spaces);
            current.push_str(word);
            continue;
        }
        if !fresh {
            lines.push(std::mem::replace(&mut current, next_indent.clone()));
        } else if current.is_empty() {
            current.push_str(spaces);
        }
        // A word longer than the room left is cut into pieces.
        let mut chars: Vec<char> = word.chars().collect();
        loop {
            let room = WIDTH.saturating_sub(width(&current)).max(1);
            if chars.len() <= room {
                current.extend(chars.iter());
                break;
            }
            current.extend(chars[..room].iter());
            chars.drain(..room);
            lines.push(std::mem::replace(&mut current, next_indent.clone()));
        }
    }
    if !current.trim().is_empty() {
        lines.push(current);
    }
    lines.join("\n")
}

/// Text for the terminal with every control character but the line break shown escaped
/// (`\u{1b}`), so that a file or folder name holding escape codes cannot recolour or
/// rewrite the terminal. Scenario names are refused with control characters already;
/// paths come from the command line or a shell glob and cannot be refused.
pub fn terminal_safe(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// "1 interval", "2 intervals".
pub fn plural(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    format!("{n} {}", if n == "1" { one } else { many })
}

/// A table (header first) laid out to fit [`WIDTH`]: when all its columns do not fit
/// side by side, the columns after the first `keys` go into as many tables as needed,
/// each repeating the `keys` columns and separated by a blank line. Columns listed in
/// `left` are left-aligned, the others right-aligned.
pub fn fitted_table(rows: &[Vec<String>], keys: usize, left: &[usize]) -> String {
    let all: Vec<&[String]> = rows.iter().map(|r| &r[..]).collect();
    let widths = column_widths(&all);
    let line_width = |cols: &[usize]| -> usize {
        cols.iter().map(|&c| widths[c]).sum::<usize>() + 2 * cols.len().saturating_sub(1)
    };
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = (0..keys.min(widths.len())).collect();
    for c in keys..widths.len() {
        current.push(c);
        if line_width(&current) > WIDTH && current.len() > keys + 1 {
            current.pop();
            groups.push(std::mem::replace(&mut current, (0..keys).collect()));
            current.push(c);
        }
    }
    groups.push(current);
    let mut out = String::new();
    for (g, cols) in groups.iter().enumerate() {
        if g > 0 {
            out.push('\n');
        }
        let group_widths: Vec<usize> = cols.iter().map(|&c| widths[c]).collect();
        let group_left: Vec<usize> = (0..cols.len())
            .filter(|i| left.contains(&cols[*i]))
            .collect();
        for r in rows {
            let cells: Vec<String> = cols
                .iter()
                .map(|&c| r.get(c).cloned().unwrap_or_default())
                .collect();
            out.push_str(&format_row(&cells, &group_widths, &group_left));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_at_spaces_and_keep_every_word() {
        let text = "word ".repeat(40) + "end\nshort\n";
        let wrapped = wrap(&text, 2);
        assert!(wrapped.lines().all(|l| width(l) <= WIDTH), "{wrapped}");
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(&text));
        assert!(wrapped.lines().nth(1).unwrap().starts_with("  word"));
        assert!(wrapped.ends_with("end\nshort\n"));
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_not_lost() {
        let path = "x".repeat(200);
        let text = format!("see {path} now");
        let wrapped = wrap(&text, 0);
        assert!(wrapped.lines().all(|l| width(l) <= WIDTH), "{wrapped}");
        assert_eq!(wrapped.replace(['\n', ' '], ""), text.replace(' ', ""));
    }

    #[test]
    fn wide_tables_split_and_repeat_their_keys() {
        let header: Vec<String> = (0..12).map(|i| format!("column{i:02}")).collect();
        let row: Vec<String> = (0..12).map(|i| format!("{i}")).collect();
        let text = fitted_table(&[header, row], 2, &[0]);
        assert!(text.lines().all(|l| width(l) <= WIDTH), "{text}");
        for i in 0..12 {
            assert!(text.contains(&format!("column{i:02}")), "{text}");
        }
        let tables = text.split("\n\n").count();
        assert!(tables >= 2, "{text}");
        assert_eq!(text.matches("column00").count(), tables);
    }
}
