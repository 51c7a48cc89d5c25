//! `report.md`: the same report as plain Markdown (GitHub-flavoured tables), for pasting
//! into documents. Charts are linked as the PNG files written beside it.

use super::doc::{Block, Document, RowKind, Table};

pub fn render(doc: &Document) -> String {
    let mut out = format!("# {}\n\n{}\n", inline(&doc.title), inline(&doc.meta));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading(t) => out.push_str(&format!("## {}\n", inline(t))),
            Block::Headline(t) => out.push_str(&format!("**{}**\n", inline(t))),
            Block::Para(t) => out.push_str(&format!("{}\n", inline(t))),
            Block::Term(term, t) => out.push_str(&format!("**{}.** {}\n", inline(term), inline(t))),
            Block::List(items) => {
                for i in items {
                    out.push_str(&format!("- {}\n", inline(i)));
                }
            }
            Block::Table(t) => table(&mut out, t),
            Block::Figure(f) => out.push_str(&format!(
                "![{}]({})\n\n*{}*\n",
                inline(&f.title).replace(['[', ']'], ""),
                f.png_file,
                inline(&f.caption)
            )),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let cells = |c: &[String]| {
        let v: Vec<String> = c.iter().map(|s| cell(s)).collect();
        format!("| {} |\n", v.join(" | "))
    };
    out.push_str(&cells(&t.header));
    let rule: Vec<&str> = (0..t.header.len())
        .map(|i| {
            if t.numeric.get(i) == Some(&true) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in &t.rows {
        // Cells that miss the goal, tinted in the HTML, are set in bold here.
        let marked: Vec<String> = row
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| match row.kind {
                RowKind::BelowCells(mask) if i < 32 && mask & (1 << i) != 0 && !c.is_empty() => {
                    format!("**{}**", cell(c))
                }
                _ => cell(c),
            })
            .collect();
        out.push_str(&format!("| {} |\n", marked.join(" | ")));
    }
}

/// Text with the characters Markdown would read as formatting escaped: brackets too, so
/// that a scenario name such as `[site](http://…)` or `![](http://…)` never becomes a live
/// link or a remote image in the report.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '>' | '#' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn cell(s: &str) -> String {
    inline(s).replace('|', "\\|").replace('\n', " ")
}
