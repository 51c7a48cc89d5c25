//! The charts ccsim draws for people: the run's (`run`: service level, calls and
//! agents, waits, occupancy and abandonment) and the sweep's
//! ([`crate::report::sweep::chart`]), all drawn with the one [`kit`], all returned as
//! [`Chart`]s and written by [`write_all`].

pub mod kit;
mod run;

pub use kit::{HEIGHT, WIDTH};
pub use run::{ChartKind, draw_all};

use std::path::Path;

use super::output;
use crate::error::Result;

/// A drawn chart, ready to be written as `<stem>.svg` and `<stem>.png`.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File name stem, the same in every language: "chart-service-level", "sweep-heatmap".
    pub stem: &'static str,
    /// The chart's title, as drawn (also the report's alt text).
    pub title: String,
    pub svg: String,
    pub png: Vec<u8>,
}

impl Chart {
    /// "chart-service-level.svg" and so on.
    pub fn file_name(&self, ext: &str) -> String {
        format!("{}.{ext}", self.stem)
    }
}

/// Writes every chart's SVG and PNG into `dir` (which must exist) together: all of them
/// or, on failure, none (see [`output::write_all_atomic`]). Returns the file names written,
/// each chart's SVG then PNG, in the order of `charts`.
pub fn write_all(dir: &Path, charts: &[Chart]) -> Result<Vec<String>> {
    let names: Vec<String> = charts
        .iter()
        .flat_map(|c| [c.file_name("svg"), c.file_name("png")])
        .collect();
    let files: Vec<(&str, &[u8])> = charts
        .iter()
        .zip(names.chunks(2))
        .flat_map(|(c, n)| {
            [
                (n[0].as_str(), c.svg.as_bytes()),
                (n[1].as_str(), &c.png[..]),
            ]
        })
        .collect();
    output::write_all_atomic(dir, &files)?;
    Ok(names)
}
