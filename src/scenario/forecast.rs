//! CSV files a scenario points to: per-interval forecasts exported from a spreadsheet or
//! WFM tool, and columns of observed durations for empirical distributions.
//!
//! Spreadsheets differ by locale, so the reader accepts comma-, semicolon- or tab-separated
//! files, decimal commas (and spaces as thousands separators) when the separator is not a
//! comma, quoted fields, a byte-order mark, Windows and old Mac line endings, Excel's
//! `sep=;` first line, UTF-16 and, when a file is not valid UTF-8, the Windows-1252 /
//! Latin-1 encoding that spreadsheets on Windows save CSV in. Where a reading would be a
//! guess (a decimal comma in a comma-separated file, a column named twice) the file is
//! refused with a message saying which reading was expected.

use std::ops::Range;

use super::toml_reader::Source;
use super::{MAX_FILE_BYTES, decode_text};
use crate::duration::parse_duration;
use crate::error::{Error, Result, io_reason, one_line};

/// Per-interval columns of a forecast file.
pub struct Forecast {
    pub calls: Vec<f64>,
    pub aht_s: Option<Vec<f64>>,
    pub agents: Option<Vec<u32>>,
}

/// A CSV file split into a header and data rows, with 1-based line numbers.
pub(crate) struct Csv {
    pub(crate) path: String,
    header_line: usize,
    pub(crate) header: Vec<String>,
    pub(crate) rows: Vec<(usize, Vec<String>)>,
    decimal_comma: bool,
}

/// The column of a header named `name` (case-insensitively); a name found twice is
/// ambiguous and refused. `path:line` is the header's, for the message. Shared by the
/// forecast reader and the call-log reader.
pub(crate) fn find_column(
    path: &str,
    line: usize,
    header: &[String],
    name: &str,
) -> Result<Option<usize>> {
    let mut found = header
        .iter()
        .enumerate()
        .filter(|(_, h)| h.eq_ignore_ascii_case(name))
        .map(|(i, _)| i);
    let first = found.next();
    if let (Some(a), Some(b)) = (first, found.next()) {
        return Err(Error::input(format!(
            "{path}:{line}: column `{}`: expected one column of that name, found it twice \
             (columns {} and {}); rename or delete one",
            one_line(name),
            a + 1,
            b + 1
        )));
    }
    Ok(first)
}

/// The header's columns as a message lists them: "`Date`, `Appels`, `DMT`".
pub(crate) fn header_list(header: &[String]) -> String {
    header
        .iter()
        .map(|h| format!("`{}`", one_line(h)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The header names a forecast's columns go by: `calls`, `aht_s` and `agents` unless the
/// scenario maps them (`columns = { calls = "Appels", aht_s = "DMT" }`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForecastColumns {
    pub calls: Option<String>,
    pub aht_s: Option<String>,
    pub agents: Option<String>,
}

/// A CSV file as rows of cells, for readers of other shapes (the roster file).
pub(crate) type RawCsv = Csv;

/// Opens a CSV file the way forecasts are read (separators, encodings, `sep=` line);
/// blank rows are skipped.
pub(crate) fn read_raw_csv(
    path: &str,
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
) -> Result<RawCsv> {
    open_csv(path, src, span, key, BlankRows::Skipped)
}

impl Csv {
    /// The error for a required column that is not in the header.
    pub(crate) fn missing_column(&self, expected: &str) -> Error {
        Error::input(format!(
            "{}:{}: expected {expected}, found the columns {}",
            self.path,
            self.header_line,
            header_list(&self.header)
        ))
    }

    pub(crate) fn column(&self, name: &str) -> Result<Option<usize>> {
        find_column(&self.path, self.header_line, &self.header, name)
    }

    /// The column a forecast value is read from: the mapped name, which must be in the
    /// header, or else the default name if present.
    fn mapped(&self, mapped: &Option<String>, default: &str, key: &str) -> Result<Option<usize>> {
        match mapped {
            None => self.column(default),
            Some(name) => match self.column(name)? {
                Some(c) => Ok(Some(c)),
                None => Err(self.missing_column(&format!(
                    "a column `{}` (`{key}` maps `{default}` to it)",
                    one_line(name)
                ))),
            },
        }
    }

    pub(crate) fn error(&self, line: usize, column: &str, expected: &str, found: &str) -> Error {
        Error::input(format!(
            "{}:{line}: column `{}`: expected {expected}, found {}",
            self.path,
            one_line(column),
            one_line(found)
        ))
    }

    /// Reads every row's cell of a column with `parse`, which returns None for bad cells.
    fn values<T>(
        &self,
        col: usize,
        expected: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> Result<Vec<T>> {
        self.rows
            .iter()
            .map(|(line, cells)| {
                let cell = cells.get(col).map(String::as_str).unwrap_or("");
                let normal = if self.decimal_comma {
                    // "1 234,5" (French) and "1.234,5" (German) mean 1234.5.
                    let c: String = cell
                        .chars()
                        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                        .collect();
                    let c = if c.contains(',') {
                        c.replace('.', "")
                    } else {
                        c
                    };
                    c.replace(',', ".")
                } else {
                    cell.to_string()
                };
                parse(normal.trim()).ok_or_else(|| {
                    let mut found = if cells.iter().all(|c| c.trim().is_empty()) {
                        "an empty line (every interval needs its row, in order; write 0 for \
                         an interval without calls)"
                            .into()
                    } else if cell.trim().is_empty() {
                        "an empty cell".into()
                    } else {
                        format!("\"{cell}\"")
                    };
                    if !self.decimal_comma && looks_like_decimal_comma(cell) {
                        found.push_str(
                            " (a decimal comma? In a comma-separated file numbers need a \
                             decimal point, such as 12.5)",
                        );
                    }
                    self.error(*line, &self.header[col], expected, &found)
                })
            })
            .collect()
    }
}

/// What a blank line between data rows means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum BlankRows {
    /// A row of its own (an interval of a forecast): dropping it would shift every later
    /// interval, so it is read, and its empty cells are reported.
    AreRows,
    /// Nothing (a list of observed durations, where order does not matter).
    Skipped,
}

fn open_csv(
    path: &str,
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
    blank: BlankRows,
) -> Result<Csv> {
    let here = || format!("{}: `{key}`", src.location(span.start));
    let meta = std::fs::metadata(path).map_err(|e| {
        Error::input(format!(
            "{}: cannot read \"{path}\": {}",
            here(),
            io_reason(&e)
        ))
    })?;
    // A device (`/dev/zero`) or a huge file would be read whole into memory.
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        let found = if meta.is_dir() {
            "a folder".to_string()
        } else if !meta.is_file() {
            "a device or other special file".to_string()
        } else {
            format!("{} MB", meta.len() >> 20)
        };
        return Err(Error::input(format!(
            "{}: expected \"{path}\" to be a CSV file of at most {} MB, found {found}",
            here(),
            MAX_FILE_BYTES >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Error::input(format!(
            "{}: cannot read \"{path}\": {}",
            here(),
            io_reason(&e)
        ))
    })?;
    let text = decode_spreadsheet_text(path, &bytes)?;
    // Windows (CRLF) and old Mac (CR) line endings both end a line.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip_while(|(_, l)| l.trim().is_empty())
        .peekable();
    // Excel writes "sep=;" as a first line to name the delimiter.
    let mut delimiter = None;
    if let Some((_, l)) = lines.peek() {
        let l = l.trim();
        if let Some(d) = l.strip_prefix("sep=")
            && d.chars().count() == 1
        {
            delimiter = d.chars().next();
            lines.next();
            while lines.next_if(|(_, l)| l.trim().is_empty()).is_some() {}
        }
    }
    let Some((header_line_no, header_line)) = lines.next() else {
        return Err(Error::input(format!(
            "{path}: expected a header line naming the columns, found an empty file"
        )));
    };
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(header_line));
    let header = header_cells(header_line, delimiter);
    let mut lines: Vec<(usize, &str)> = lines.collect();
    // Blank lines at the end are no rows; in between, they are or are not (see BlankRows).
    while lines.last().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.pop();
    }
    let rows: Vec<_> = lines
        .into_iter()
        .filter(|(_, l)| blank == BlankRows::AreRows || !l.trim().is_empty())
        .map(|(n, l)| (n, split_fields(l, delimiter)))
        .collect();
    if rows.is_empty() {
        return Err(Error::input(format!(
            "{path}: expected at least one data row below the header, found none"
        )));
    }
    // More filled fields than header names would shift values into the wrong columns.
    for (line, cells) in &rows {
        let filled = cells.len()
            - cells
                .iter()
                .rev()
                .take_while(|c| c.trim().is_empty())
                .count();
        if filled > header.len() {
            let shown = if delimiter == '\t' {
                "tab".to_string()
            } else {
                format!("\"{delimiter}\"")
            };
            let hint = if delimiter == ',' {
                ": a decimal comma in a comma-separated file splits a number in two; write \
                 decimal points (12.5), or separate the fields with semicolons"
            } else {
                ""
            };
            return Err(Error::input(format!(
                "{path}:{line}: expected {} fields separated by {shown} as in the header \
                 (line {header_line_no}), found {}{hint}",
                header.len(),
                cells.len()
            )));
        }
    }
    Ok(Csv {
        path: path.to_string(),
        header_line: header_line_no,
        header,
        rows,
        decimal_comma: delimiter != ',',
    })
}

/// Text of a spreadsheet export: UTF-8 or UTF-16 as [`decode_text`] reads them; other
/// text (no NUL byte, not valid UTF-8) is Windows-1252 / Latin-1, the encoding of CSV
/// files saved by spreadsheets on Windows. The columns ccsim reads are ASCII either way.
pub(crate) fn decode_spreadsheet_text(path: &str, bytes: &[u8]) -> Result<String> {
    match decode_text(path, bytes) {
        Ok(text) => Ok(text),
        Err(_) if !bytes.contains(&0) && std::str::from_utf8(bytes).is_err() => {
            Ok(bytes.iter().map(|&b| char::from(b)).collect())
        }
        Err(e) => Err(e),
    }
}

/// "12,5": digits, one comma, digits.
fn looks_like_decimal_comma(cell: &str) -> bool {
    let c = cell.trim();
    c.split_once(',').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && a.trim_start_matches('-')
                .bytes()
                .all(|x| x.is_ascii_digit())
            && b.bytes().all(|x| x.is_ascii_digit())
    })
}

/// The separator a spreadsheet export uses, read off its header line: a tab, else a
/// semicolon (French exports), else a comma.
pub(crate) fn sniff_delimiter(header_line: &str) -> char {
    if header_line.contains('\t') {
        '\t'
    } else if header_line.contains(';') {
        ';'
    } else {
        ','
    }
}

/// A header line's column names, trimmed.
pub(crate) fn header_cells(header_line: &str, delimiter: char) -> Vec<String> {
    split_fields(header_line, delimiter)
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect()
}

/// Splits one line on the delimiter, honouring double-quoted fields ("a;b" stays whole).
pub(crate) fn split_fields(line: &str, delimiter: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    fields.push(cur);
    fields
}

fn non_negative(s: &str) -> Option<f64> {
    s.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0)
}

fn positive_duration(s: &str) -> Option<f64> {
    parse_duration(s).ok().filter(|x| *x > 0.0)
}

/// Reads a per-interval forecast: `calls` (required), `aht_s` and `agents` (optional),
/// under the names `columns` maps them to (`map_key` names the map in messages, such
/// as `arrivals.columns`). Other columns (a time label, say) are ignored.
pub fn read_forecast(
    path: &str,
    src: &Source<'_>,
    span: &Range<usize>,
    columns: &ForecastColumns,
    map_key: &str,
) -> Result<Forecast> {
    let csv = open_csv(path, src, span, "arrivals.file", BlankRows::AreRows)?;
    let Some(calls_col) = csv.mapped(&columns.calls, "calls", &format!("{map_key}.calls"))? else {
        return Err(csv.missing_column(&format!(
            "a column named `calls` (optional: `aht_s`, `agents`; or name yours with \
             `{map_key} = {{ calls = \"...\" }}`)"
        )));
    };
    let calls = csv.values(calls_col, "a number of calls (0 or more)", non_negative)?;
    let aht_s = csv
        .mapped(&columns.aht_s, "aht_s", &format!("{map_key}.aht_s"))?
        .map(|c| {
            csv.values(
                c,
                "a mean handle time in seconds, greater than zero",
                positive_duration,
            )
        })
        .transpose()?;
    let agents = csv
        .mapped(&columns.agents, "agents", &format!("{map_key}.agents"))?
        .map(|c| {
            csv.values(c, "a whole number of agents (0 or more)", |s| {
                non_negative(s)
                    .filter(|x| x.fract() == 0.0 && *x <= 1e6)
                    .map(|x| x as u32)
            })
        })
        .transpose()?;
    Ok(Forecast {
        calls,
        aht_s,
        agents,
    })
}

/// Reads a column of observed durations (seconds or with units), all positive.
pub fn read_column(
    path: &str,
    column: &str,
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
) -> Result<Vec<f64>> {
    let csv = open_csv(path, src, span, key, BlankRows::Skipped)?;
    let Some(col) = csv.column(column)? else {
        return Err(csv.missing_column(&format!("a column named `{column}`")));
    };
    csv.values(col, "a duration greater than zero", positive_duration)
}

#[cfg(test)]
mod tests {
    use super::split_fields;

    #[test]
    fn splits_quoted_fields() {
        assert_eq!(split_fields("a,\"b,c\",d", ','), vec!["a", "b,c", "d"]);
        assert_eq!(split_fields("12,5;3", ';'), vec!["12,5", "3"]);
        assert_eq!(split_fields("\"say \"\"hi\"\"\"", ','), vec!["say \"hi\""]);
    }
}
