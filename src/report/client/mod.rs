//! The client report: `report.html` (one self-contained file, charts inlined, printable
//! on A4) and `report.md` (for pasting into documents), written beside the charts.
//!
//! Both are rendered from one language-resolved [`doc::Document`], so they always say the
//! same thing. Staffing results are an optional input ([`StaffingSection`]): `run` has
//! none, `staff` fills it, and the report then adds required against planned agents and
//! Erlang C beside the simulation.

pub mod doc;
pub mod html;
pub mod markdown;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::RunReport;
use super::charts::{self, Chart};
use super::i18n::Lang;
use super::output;
use crate::error::Result;
use crate::staffing::StaffingSection;

/// What to produce and in which language.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReportOptions {
    pub lang: Lang,
    /// Draw the charts (false with `--no-charts`).
    pub charts: bool,
}

/// What was written, and how long the charts took (for the overhead figure).
#[derive(Debug, Clone)]
pub struct Written {
    pub files: Vec<PathBuf>,
    pub chart_time: Duration,
}

/// File names of the report.
pub const HTML_FILE: &str = "report.html";
pub const MARKDOWN_FILE: &str = "report.md";

/// Draws the charts (unless told not to) and writes them with `report.html` and
/// `report.md` into `dir`, which must exist.
pub fn write(
    rep: &RunReport<'_>,
    staffing: Option<&StaffingSection>,
    opts: &ReportOptions,
    dir: &Path,
) -> Result<Written> {
    let started = Instant::now();
    let charts: Vec<Chart> = if opts.charts {
        charts::draw_all(rep, staffing, opts.lang)?
    } else {
        Vec::new()
    };
    let chart_time = started.elapsed();
    let document = doc::build(rep, staffing, opts, &charts);
    let mut files: Vec<PathBuf> = charts::write_all(dir, &charts)?
        .into_iter()
        .map(|name| dir.join(name))
        .collect();
    let pages = [
        (HTML_FILE, html::render(&document, opts.lang)),
        (MARKDOWN_FILE, markdown::render(&document)),
    ];
    // Each file is synced to disk before it is renamed into place; syncing them in
    // parallel lets the file system batch the work.
    let written = pages
        .par_iter()
        .map(|(name, text)| output::write_atomic(dir, name, text.as_bytes()))
        .collect::<Result<Vec<PathBuf>>>()?;
    files.extend(written);
    Ok(Written { files, chart_time })
}
