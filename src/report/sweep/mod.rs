//! Everything a sweep leaves behind: `sweep.csv` and `sweep.json` ([`files`]), read back
//! by `merge` ([`mod@merge`]), the sweep [`chart`]s and the terminal table. `sweep` and
//! `merge` both write what [`sweep_files`] makes, so a merged folder is byte for byte an
//! unsharded one.

pub mod chart;
pub mod files;
pub mod merge;
pub mod report;

pub use files::{Manifest, SCHEMA, ShardInfo, SlSettings, SweepJson, SweepJsonRow};
pub use files::{csv_text, json_text, schema};
pub use merge::{ShardFiles, merge};

use super::charts;
use super::i18n::Lang;
use super::output::Files;
use super::table::{CI_LEGEND, pct_cell, secs_cell};
use super::term::{fitted_table, plural, wrap};
use crate::cli::SheetFlags;
use crate::error::Result;
use crate::stats::Metric;
use crate::sweep::VariantResult;

/// `sweep.csv` (in the CSV form asked for), `sweep.json`, `sweep.xlsx` with `--xlsx` and, in `chart_lang` (`None`: no charts; shards draw none),
/// the sweep charts, as files to write together; with the JSON text for `--json`.
pub fn sweep_files(
    manifest: &Manifest,
    rows: &[VariantResult],
    chart_lang: Option<Lang>,
    sheets: SheetFlags,
) -> Result<(String, Files)> {
    let json = json_text(manifest, rows);
    let drawn = match chart_lang {
        Some(lang) => chart::draw(manifest, rows, lang)?,
        None => vec![],
    };
    let mut files = vec![
        (
            "sweep.csv".to_string(),
            csv_text(&manifest.columns, rows, sheets.csv_locale).into_bytes(),
        ),
        ("sweep.json".to_string(), json.clone().into_bytes()),
    ];
    if sheets.xlsx {
        let book = super::sheet::xlsx::workbook(&[files::table(&manifest.columns, rows)])?;
        files.push(("sweep.xlsx".to_string(), book));
    }
    files.extend(charts::files(&drawn));
    Ok((json, files))
}

/// The human summary: one line per variant with the headline metrics (busy signals too
/// where any variant has them), split into several tables when many `--vary` columns
/// would make one too wide for the terminal.
pub fn table(manifest: &Manifest, rows: &[VariantResult]) -> String {
    let busy = rows.iter().any(|r| {
        r.overall[Metric::BlockRate as usize]
            .mean
            .is_some_and(|b| b > 0.0)
    });
    let mut header: Vec<String> = manifest.columns.clone();
    header.extend(["SL %", "ASA s", "Abandon %"].map(String::from));
    if busy {
        header.push("Busy %".into());
    }
    header.push("Occup. %".into());
    let mut lines: Vec<Vec<String>> = vec![header];
    for r in rows {
        let mut line = r.cells.clone();
        line.push(pct_cell(r.overall[Metric::ServiceLevel as usize]));
        line.push(secs_cell(r.overall[Metric::AsaS as usize]));
        line.push(pct_cell(r.overall[Metric::AbandonRate as usize]));
        if busy {
            line.push(pct_cell(r.overall[Metric::BlockRate as usize]));
        }
        line.push(pct_cell(r.overall[Metric::Occupancy as usize]));
        lines.push(line);
    }
    let title = format!(
        "{} — sweep of {} ({}), {} each, seed {}\n\
         SL: service level over the day. {CI_LEGEND}\n\n",
        manifest.scenario,
        plural(manifest.variants, "variant", "variants"),
        manifest
            .vary
            .iter()
            .map(|v| format!("--vary {v}"))
            .collect::<Vec<_>>()
            .join(" "),
        plural(manifest.replications, "replication", "replications"),
        manifest.seed
    );
    wrap(&title, 2) + &fitted_table(&lines, manifest.columns.len(), &[])
}
