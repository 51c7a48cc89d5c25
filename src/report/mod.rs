//! Everything a run leaves behind: `summary.json`, `intervals.csv` and the terminal table,
//! and for people the [`charts`] and the [`client`] report, worded by [`i18n`]; what a
//! sweep leaves behind ([`sweep`]: `sweep.csv`, `sweep.json`, its charts and table) and
//! staffing's formats ([`staffing`]). Each format has its own module; files are written
//! atomically by [`output`].

pub mod charts;
pub mod client;
pub mod csv;
pub mod i18n;
pub mod json;
pub mod output;
pub mod staffing;
pub mod sweep;
pub mod table;

use std::path::Path;

use crate::error::Result;
use crate::replicate::RunResult;
use crate::scenario::Scenario;
use crate::stats::{Estimate, EstimateRow, Metric};

/// A finished run: the scenario as simulated, and its results.
pub struct RunReport<'a> {
    pub scenario: &'a Scenario,
    pub result: &'a RunResult,
}

impl RunReport<'_> {
    pub fn overall(&self, m: Metric) -> Estimate {
        self.result.estimates.overall[m as usize]
    }

    pub fn interval_rows(&self) -> impl Iterator<Item = (usize, &EstimateRow)> {
        self.result.estimates.intervals.iter().enumerate()
    }
}

/// Writes a run's `summary.json` (given, as it is also printed) and `intervals.csv` into
/// `dir`: both files or neither, so a failure never leaves a new summary beside an old CSV.
pub fn write_run_files(rep: &RunReport<'_>, summary: &serde_json::Value, dir: &Path) -> Result<()> {
    output::ensure_dir(dir)?;
    output::write_all_atomic(
        dir,
        &[
            ("summary.json", json::to_text(summary).as_bytes()),
            ("intervals.csv", csv::intervals_csv(rep).as_bytes()),
        ],
    )
}
