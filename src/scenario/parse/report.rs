//! `[report]`: the client report's header (`client`, `author`, `date`) and a short `note`,
//! kept with the scenario so that a consultant writes them once; the flags of the same
//! names override them.

use super::super::ReportInfo;
use super::super::toml_reader::Table;
use crate::error::Result;

/// Reads `[report]`; every key is optional text without control characters.
pub(super) fn parse_report(top: &mut Table<'_, '_>) -> Result<ReportInfo> {
    let Some(mut t) = top.table("report")? else {
        return Ok(ReportInfo::default());
    };
    let info = ReportInfo {
        client: text(&mut t, "client")?,
        author: text(&mut t, "author")?,
        date: text(&mut t, "date")?,
        note: text(&mut t, "note")?,
    };
    t.finish()?;
    Ok(info)
}

/// A text value: printed in the report's header and on terminals, so no line breaks,
/// tabs or escape codes, and not blank.
fn text(t: &mut Table<'_, '_>, key: &'static str) -> Result<Option<String>> {
    match t.string(key)? {
        Some((s, span)) if s.chars().any(char::is_control) => Err(t.src.error(
            &span,
            &t.key_name(key),
            "text without control characters (line breaks, tabs, escape codes)",
            &format!("{s:?}"),
        )),
        Some((s, span)) if s.trim().is_empty() => Err(t.src.error(
            &span,
            &t.key_name(key),
            "some text, such as \"Boulangerie Martin\"",
            "an empty string",
        )),
        Some((s, _)) => Ok(Some(s.trim().to_string())),
        None => Ok(None),
    }
}
