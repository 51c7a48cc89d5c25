//! Everything a run leaves behind: `summary.json`, `intervals.csv` and the terminal table,
//! and for people the [`charts`] and the [`client`] report, worded by [`i18n`].
//! Each format has its own module; files are written atomically by [`output`].

pub mod charts;
pub mod client;
pub mod csv;
pub mod i18n;
pub mod json;
pub mod output;
pub mod sweep_chart;
pub mod table;

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
