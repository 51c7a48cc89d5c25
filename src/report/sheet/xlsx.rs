//! The `.xlsx` workbook: one sheet per [`Table`], written with `rust_xlsxwriter`.
//!
//! Each sheet has its header row bold and frozen, columns wide enough for their header,
//! shares as percentages and seconds with their unit; cells hold the same rounded
//! numbers as the CSV files. The bytes depend on the tables alone: the document's
//! creation time is fixed (a workbook is a result, like the CSV; a changing time stamp
//! would make two identical runs differ).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use super::{Cell, Table, Unit};
use crate::error::{Error, Result};

/// The creation time written in every workbook: 2000-01-01 00:00 UTC.
const FIXED_CREATED: (u16, u8, u8) = (2000, 1, 1);
/// Excel's limit on a sheet name's length.
const SHEET_NAME_MAX: usize = 31;

/// The workbook's bytes, one sheet per table in order (names made distinct if needed).
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>> {
    build(tables).map_err(|e| Error::runtime(format!("cannot write the workbook: {e}")))
}

fn build(tables: &[Table]) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let (y, m, d) = FIXED_CREATED;
    let created = ExcelDateTime::from_ymd(y, m, d)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("ccsim"),
    );
    let header = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    let mut used: Vec<String> = Vec::new();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(distinct_name(&t.sheet, &used))?;
        used.push(sheet.name());
        for (c, col) in t.columns.iter().enumerate() {
            let c = c as u16;
            sheet.write_string_with_format(0, c, &col.key, &header)?;
            sheet.set_column_width(c, width(&col.key, col.unit))?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let formats: Vec<Option<Format>> = t
            .columns
            .iter()
            .map(|col| number_format(col.unit, col.key.ends_with("_ci95")))
            .collect();
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) => {
                        sheet.write_string(r, col, s)?;
                    }
                    Cell::Number(x) => match &formats[c] {
                        Some(f) => {
                            sheet.write_number_with_format(r, col, x.value(), f)?;
                        }
                        None => {
                            sheet.write_number(r, col, x.value())?;
                        }
                    },
                }
            }
        }
    }
    book.save_to_buffer()
}

/// How a column's numbers are shown: percentages with one decimal (two for a
/// half-width, which is small), seconds with their unit.
fn number_format(unit: Unit, half_width: bool) -> Option<Format> {
    let code = match (unit, half_width) {
        (Unit::Share, false) => "0.0%",
        (Unit::Share, true) => "0.00%",
        (Unit::Seconds, _) => "0.0\" s\"",
        (Unit::Calls, _) => "0.0",
        (Unit::Whole, _) => "0",
        (Unit::Text | Unit::Number, _) => return None,
    };
    Some(Format::new().set_num_format(code))
}

/// A column's width in characters: its header on at most two lines (headers wrap at
/// their underscores' width), and room for the numbers.
fn width(key: &str, unit: Unit) -> f64 {
    let numbers = match unit {
        Unit::Text => 10,
        Unit::Whole => 6,
        _ => 9,
    };
    let header = key
        .len()
        .div_ceil(2)
        .max(key.split('_').map(str::len).max().unwrap_or(0));
    (header.max(numbers) + 2) as f64
}

/// A valid sheet name from `name`: the characters Excel forbids replaced, cut to 31
/// characters, and made distinct from `used` (case-insensitively, as Excel compares).
pub fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim();
    let cleaned = if cleaned.is_empty() { "sheet" } else { cleaned };
    cleaned.chars().take(SHEET_NAME_MAX).collect()
}

fn distinct_name(name: &str, used: &[String]) -> String {
    let base = sheet_name(name);
    let taken = |n: &str| used.iter().any(|u| u.eq_ignore_ascii_case(n));
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|k| {
            let suffix = format!(" ({k})");
            let keep = SHEET_NAME_MAX - suffix.len();
            format!("{}{suffix}", base.chars().take(keep).collect::<String>())
        })
        .find(|n| !taken(n))
        .expect("some suffix is free")
}
