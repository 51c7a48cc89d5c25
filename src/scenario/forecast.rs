//! CSV files a scenario points to: per-interval forecasts exported from a spreadsheet or
//! WFM tool, and columns of observed durations for empirical distributions.
//!
//! Spreadsheets differ by locale, so the reader accepts comma-, semicolon- or tab-separated
//! files, decimal commas when the separator is not a comma, quoted fields, a byte-order
//! mark and Windows line endings.

use std::ops::Range;

use super::decode_text;
use super::toml_reader::Source;
use crate::duration::parse_duration;
use crate::error::{Error, Result, io_reason};

/// Per-interval columns of a forecast file.
pub struct Forecast {
    pub calls: Vec<f64>,
    pub aht_s: Option<Vec<f64>>,
    pub agents: Option<Vec<u32>>,
}

/// A CSV file split into a header and data rows, with 1-based line numbers.
struct Csv {
    path: String,
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
    decimal_comma: bool,
}

impl Csv {
    fn column(&self, name: &str) -> Option<usize> {
        self.header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    }

    fn error(&self, line: usize, column: &str, expected: &str, found: &str) -> Error {
        Error::input(format!(
            "{}:{line}: column `{column}`: expected {expected}, found {found}",
            self.path
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
                    cell.replace(',', ".")
                } else {
                    cell.to_string()
                };
                parse(normal.trim()).ok_or_else(|| {
                    let found = if cell.trim().is_empty() {
                        "an empty cell".into()
                    } else {
                        format!("\"{cell}\"")
                    };
                    self.error(*line, &self.header[col], expected, &found)
                })
            })
            .collect()
    }
}

fn open_csv(path: &str, src: &Source<'_>, span: &Range<usize>, key: &str) -> Result<Csv> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::input(format!(
            "{}: `{key}`: cannot read \"{path}\": {}",
            src.location(span.start),
            io_reason(&e)
        ))
    })?;
    let text = decode_text(path, &bytes)?;
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((_, header_line)) = lines.next() else {
        return Err(Error::input(format!(
            "{path}: expected a header line naming the columns, found an empty file"
        )));
    };
    let delimiter = if header_line.contains('\t') {
        '\t'
    } else if header_line.contains(';') {
        ';'
    } else {
        ','
    };
    let header: Vec<String> = split_fields(header_line, delimiter)
        .into_iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows: Vec<_> = lines
        .map(|(n, l)| (n, split_fields(l, delimiter)))
        .collect();
    if rows.is_empty() {
        return Err(Error::input(format!(
            "{path}: expected at least one data row below the header, found none"
        )));
    }
    Ok(Csv {
        path: path.to_string(),
        header,
        rows,
        decimal_comma: delimiter != ',',
    })
}

/// Splits one line on the delimiter, honouring double-quoted fields ("a;b" stays whole).
fn split_fields(line: &str, delimiter: char) -> Vec<String> {
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

/// Reads a per-interval forecast: `calls` (required), `aht_s` and `agents` (optional).
/// Other columns (a time label, say) are ignored.
pub fn read_forecast(path: &str, src: &Source<'_>, span: &Range<usize>) -> Result<Forecast> {
    let csv = open_csv(path, src, span, "arrivals.file")?;
    let Some(calls_col) = csv.column("calls") else {
        return Err(Error::input(format!(
            "{path}:1: expected a column named `calls` (optional: `aht_s`, `agents`), found the columns {}",
            csv.header
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    let calls = csv.values(calls_col, "a number of calls (0 or more)", non_negative)?;
    let aht_s = csv
        .column("aht_s")
        .map(|c| {
            csv.values(
                c,
                "a mean handle time in seconds, greater than zero",
                positive_duration,
            )
        })
        .transpose()?;
    let agents = csv
        .column("agents")
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
) -> Result<Vec<f64>> {
    let csv = open_csv(path, src, span, "file")?;
    let Some(col) = csv.column(column) else {
        return Err(Error::input(format!(
            "{path}:1: expected a column named `{column}`, found the columns {}",
            csv.header
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
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
