//! The tables ccsim hands to spreadsheets (`intervals.csv`, `staffing.csv`, `sweep.csv`)
//! built once as a [`Table`] and written as CSV ([`Table::csv`], in the international or
//! the French form) or as a sheet of the `.xlsx` workbook ([`xlsx`]).
//!
//! Numbers are rounded to the precision they carry ([`rounding`]): a mean to the decimal
//! place of its confidence interval given to two significant digits (the rule of the
//! ISO Guide to the expression of uncertainty in measurement), so no float noise such
//! as `20.85999999999999` reaches a spreadsheet. `summary.json`, `staffing.json` and
//! `sweep.json` keep full precision: `check` and `merge` read those.

pub mod rounding;
pub mod xlsx;

use crate::stats::{Estimate, Metric};
pub use rounding::Rounded;

/// What a column holds, for the workbook's number formats and column widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Words: a clock label, a call type, a list of goals.
    Text,
    /// A whole number: an index, agents.
    Whole,
    /// A share between 0 and 1, shown as a percentage in the workbook.
    Share,
    /// Seconds.
    Seconds,
    /// Calls (a mean count, not always whole).
    Calls,
    /// Any other number.
    Number,
}

impl Unit {
    /// The unit of a metric's mean (and of its `_ci95`).
    pub fn of_metric(m: Metric) -> Unit {
        if m.is_fraction() {
            Unit::Share
        } else if m.key().ends_with("_s") {
            Unit::Seconds
        } else {
            Unit::Calls
        }
    }
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Undefined (a metric with no call to measure): an empty cell.
    Empty,
    Text(String),
    Number(Rounded),
}

impl Cell {
    pub fn whole(n: impl Into<u64>) -> Cell {
        Cell::Number(Rounded::whole(n.into()))
    }

    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number without a confidence interval of its own, to six significant digits.
    pub fn plain(x: Option<f64>) -> Cell {
        x.map_or(Cell::Empty, |v| Cell::Number(Rounded::plain(v)))
    }

    /// An estimate's mean and its `ci95`, both rounded by [`rounding::estimate`].
    pub fn estimate(e: Estimate) -> [Cell; 2] {
        let (m, h) = rounding::estimate(e.mean, e.ci95);
        [
            m.map_or(Cell::Empty, Cell::Number),
            h.map_or(Cell::Empty, Cell::Number),
        ]
    }

    /// An estimate's mean alone, rounded as it would be beside its `ci95`.
    pub fn mean(e: Estimate) -> Cell {
        let [m, _] = Cell::estimate(e);
        m
    }
}

/// One column: its CSV header and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub key: String,
    pub unit: Unit,
}

/// A table for spreadsheets: a sheet name, columns and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet's name in the workbook (at most 31 characters, no `[]:*?/\`).
    pub sheet: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(sheet: impl Into<String>) -> Table {
        Table {
            sheet: sheet.into(),
            columns: Vec::new(),
            rows: Vec::new(),
        }
    }

    pub fn column(&mut self, key: impl Into<String>, unit: Unit) {
        self.columns.push(Column {
            key: key.into(),
            unit,
        });
    }

    /// A metric's mean column and its `_ci95` beside it.
    pub fn metric_columns(&mut self, key: &str, unit: Unit) {
        self.column(key, unit);
        self.column(format!("{key}_ci95"), unit);
    }

    /// The table as CSV text in `locale`: a header line of the column keys, then one
    /// line per row.
    pub fn csv(&self, locale: CsvLocale) -> String {
        let sep = locale.separator();
        let mut out = String::new();
        if locale == CsvLocale::Fr {
            out.push('\u{feff}');
        }
        let header: Vec<String> = self.columns.iter().map(|c| csv_text(&c.key, sep)).collect();
        out.push_str(&header.join(&sep.to_string()));
        out.push('\n');
        for row in &self.rows {
            debug_assert_eq!(row.len(), self.columns.len(), "{}", self.sheet);
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Cell::Empty => String::new(),
                    Cell::Text(s) => csv_text(s, sep),
                    Cell::Number(r) => locale.number(r.text()),
                })
                .collect();
            out.push_str(&cells.join(&sep.to_string()));
            out.push('\n');
        }
        out
    }
}

/// The form of the CSV files: `en` (the default: commas between fields, decimal points,
/// what scripts and most tools read) or `fr` (semicolons and decimal commas, with a
/// UTF-8 byte-order mark, as a French Excel or LibreOffice opens them with a
/// double-click, accents included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CsvLocale {
    #[default]
    En,
    Fr,
}

impl CsvLocale {
    pub fn separator(self) -> char {
        match self {
            CsvLocale::En => ',',
            CsvLocale::Fr => ';',
        }
    }

    /// A number as this locale writes it: "0.83" or "0,83".
    fn number(self, text: &str) -> String {
        match self {
            CsvLocale::En => text.to_string(),
            CsvLocale::Fr => text.replace('.', ","),
        }
    }
}

/// A text cell, quoted when it holds the separator, a quote or a line break.
pub fn csv_text(s: &str, sep: char) -> String {
    if s.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
