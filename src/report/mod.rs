//! Everything a run leaves behind: `summary.json`, `intervals.csv` and the terminal table,
//! and for people the [`charts`] and the [`client`] report, worded by [`i18n`]; what a
//! sweep leaves behind ([`sweep`]: `sweep.csv`, `sweep.json`, its charts and table) and
//! staffing's formats ([`staffing`]). Each format has its own module; files are written
//! atomically by [`output`].

pub mod charts;
pub mod client;
pub mod compare;
pub mod csv;
pub mod i18n;
pub mod json;
pub mod output;
pub mod schedule;
pub mod sheet;
pub mod staffing;
pub mod sweep;
pub mod table;
pub mod term;

use crate::replicate::RunResult;
use crate::scenario::Scenario;
use crate::stats::{Estimate, EstimateRow, Metric};
use output::Files;

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

/// A run's `summary.json` (given, as it is also printed) and `intervals.csv` in `locale`,
/// as files to write with the run's other results.
pub fn run_files(
    rep: &RunReport<'_>,
    summary: &serde_json::Value,
    locale: sheet::CsvLocale,
) -> Files {
    vec![
        ("summary.json".into(), json::to_text(summary).into_bytes()),
        (
            "intervals.csv".into(),
            csv::intervals_csv(rep, locale).into_bytes(),
        ),
    ]
}

/// A run's sheets for the workbook: the intervals, then one per call type (with several).
pub fn run_tables(rep: &RunReport<'_>) -> Vec<sheet::Table> {
    let mut tables = vec![csv::intervals_table(rep)];
    tables.extend(csv::call_type_tables(rep));
    tables
}
