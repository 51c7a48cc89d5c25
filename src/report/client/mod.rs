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

use super::RunReport;
use super::charts::{self, Chart};
use super::i18n::Lang;
use crate::error::Result;
use crate::report::output::Files;
use crate::staffing::StaffingSection;

/// What to produce and in which language.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub lang: Lang,
    /// Draw the charts (false with `--no-charts`).
    pub charts: bool,
    /// Who the report is for, by whom, when, and a note (`--client`, `--author`,
    /// `--date`, `--note`).
    pub meta: ReportMeta,
}

/// The report's header, from flags; each part optional.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    pub client: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// File names of the report.
pub const HTML_FILE: &str = "report.html";
pub const MARKDOWN_FILE: &str = "report.md";

/// Draws the charts (unless told not to) and renders `report.html` and `report.md`:
/// the report's files, charts first, to write with the run's other results.
pub fn files(
    rep: &RunReport<'_>,
    staffing: Option<&StaffingSection>,
    opts: &ReportOptions,
) -> Result<Files> {
    let charts: Vec<Chart> = if opts.charts {
        let mut drawn = charts::draw_all(rep, staffing, opts.lang)?;
        drawn.extend(charts::several::draw(rep, opts.lang)?);
        drawn
    } else {
        Vec::new()
    };
    let document = doc::build(rep, staffing, opts, &charts);
    Ok(document_files(&document, &charts, opts.lang))
}

/// A report's files: its charts (SVG and PNG), then `report.html` and `report.md`
/// rendered from one document. Every report (run, staff, compare, sweep) ends here.
pub fn document_files(document: &doc::Document, charts: &[Chart], lang: Lang) -> Files {
    let mut files = charts::files(charts);
    files.push((HTML_FILE.into(), html::render(document, lang).into_bytes()));
    files.push((
        MARKDOWN_FILE.into(),
        markdown::render(document).into_bytes(),
    ));
    files
}
