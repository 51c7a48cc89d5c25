//! Everything a sweep leaves behind: `sweep.csv` and `sweep.json` ([`files`]), read back
//! by `merge` ([`mod@merge`]), the sweep [`chart`]s and the terminal table. `sweep` and
//! `merge` both write through [`write_sweep`], so a merged folder is byte for byte an
//! unsharded one.

pub mod chart;
pub mod files;
pub mod merge;

pub use files::{Manifest, SCHEMA, ShardInfo, SlSettings, SweepJson, SweepJsonRow};
pub use files::{csv_text, json_text, schema};
pub use merge::{ShardFiles, merge};

use std::path::Path;

use super::i18n::Lang;
use super::table::{column_widths, format_row, pct, secs};
use super::{charts, output};
use crate::error::Result;
use crate::stats::Metric;
use crate::sweep::VariantResult;

/// Writes `sweep.csv`, `sweep.json` and, in `chart_lang` (`None`: no charts) unless this
/// is a shard, the sweep charts atomically; returns the JSON text and the names of the
/// files written.
pub fn write_sweep(
    dir: &Path,
    manifest: &Manifest,
    rows: &[VariantResult],
    chart_lang: Option<Lang>,
) -> Result<(String, Vec<String>)> {
    let json = json_text(manifest, rows);
    // Draw before writing anything, so a drawing failure leaves no partial folder.
    let drawn = match chart_lang {
        Some(lang) => chart::draw(manifest, rows, lang)?,
        None => vec![],
    };
    output::ensure_dir(dir)?;
    // Both tables or neither, as `run` does for its results.
    output::write_all_atomic(
        dir,
        &[
            ("sweep.csv", csv_text(&manifest.columns, rows).as_bytes()),
            ("sweep.json", json.as_bytes()),
        ],
    )?;
    let mut files = vec!["sweep.csv".to_string(), "sweep.json".to_string()];
    files.extend(charts::write_all(dir, &drawn)?);
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
