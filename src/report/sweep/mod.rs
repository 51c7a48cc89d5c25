//! Everything a sweep leaves behind: `sweep.csv` and `sweep.json` ([`files`]), read back
//! by `merge` ([`mod@merge`]), the sweep [`chart`]s and the terminal table. `sweep` and
//! `merge` both write what [`sweep_files`] makes, so a merged folder is byte for byte an
//! unsharded one.

pub mod chart;
pub mod files;
pub mod merge;

pub use files::{Manifest, SCHEMA, ShardInfo, SlSettings, SweepJson, SweepJsonRow};
pub use files::{csv_text, json_text, schema};
pub use merge::{ShardFiles, merge};

use super::charts;
use super::i18n::Lang;
use super::output::Files;
use super::table::{column_widths, format_row, pct, secs};
use crate::error::Result;
use crate::stats::Metric;
use crate::sweep::VariantResult;

/// `sweep.csv`, `sweep.json` and, in `chart_lang` (`None`: no charts; shards draw none),
/// the sweep charts, as files to write together; with the JSON text for `--json`.
pub fn sweep_files(
    manifest: &Manifest,
    rows: &[VariantResult],
    chart_lang: Option<Lang>,
) -> Result<(String, Files)> {
    let json = json_text(manifest, rows);
    let drawn = match chart_lang {
        Some(lang) => chart::draw(manifest, rows, lang)?,
        None => vec![],
    };
    let mut files = vec![
        (
            "sweep.csv".to_string(),
            csv_text(&manifest.columns, rows).into_bytes(),
        ),
        ("sweep.json".to_string(), json.clone().into_bytes()),
    ];
    files.extend(charts::files(&drawn));
    Ok((json, files))
}

/// The human summary: one line per variant with the headline metrics.
pub fn table(manifest: &Manifest, rows: &[VariantResult]) -> String {
    let mut header: Vec<String> = manifest.columns.clone();
    header.extend(
        ["Service level", "ASA", "Abandoned", "Occupancy"]
            .iter()
            .map(|s| s.to_string()),
    );
    let mut lines: Vec<Vec<String>> = vec![header];
    for r in rows {
        let mut line = r.cells.clone();
        line.push(pct(r.overall[Metric::ServiceLevel as usize]));
        line.push(secs(r.overall[Metric::AsaS as usize]));
        line.push(pct(r.overall[Metric::AbandonRate as usize]));
        line.push(pct(r.overall[Metric::Occupancy as usize]));
        lines.push(line);
    }
    let all: Vec<&[String]> = lines.iter().map(|l| &l[..]).collect();
    let widths = column_widths(&all);
    let mut out = format!(
        "{} — sweep of {} variants ({}), {} replications each, seed {}\n\n",
        manifest.scenario,
        manifest.variants,
        manifest
            .vary
            .iter()
            .map(|v| format!("--vary {v}"))
            .collect::<Vec<_>>()
            .join(" "),
        manifest.replications,
        manifest.seed
    );
    for l in &lines {
        out.push_str(&format_row(l, &widths, &[]));
    }
    out
}
