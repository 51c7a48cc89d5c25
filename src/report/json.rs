//! `summary.json` (schema `ccsim.summary.v1`, SPEC.md): keys in a fixed order, undefined
//! metrics as `null`, so the bytes are stable for a given scenario and seed.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::RunReport;
use crate::stats::{Estimate, EstimateRow, Metric};

pub const SCHEMA: &str = "ccsim.summary.v1";

#[derive(Serialize)]
struct Summary<'a> {
    schema: &'static str,
    ccsim_version: &'static str,
    scenario: &'a str,
    replications: u64,
    seed: u64,
    interval_s: f64,
    warmup_s: f64,
    service_level: SlInfo,
    overall: Metrics<'a>,
    /// Mean number of calls still waiting when arrivals stopped.
    waiting_at_close: f64,
    intervals: Vec<IntervalEntry<'a>>,
}

#[derive(Serialize)]
struct SlInfo {
    threshold_s: f64,
    target: f64,
    of: &'static str,
}

#[derive(Serialize)]
struct IntervalEntry<'a> {
    index: usize,
    start: String,
    agents: u32,
    #[serde(flatten)]
    metrics: Metrics<'a>,
}

#[derive(Serialize)]
struct MeanCi {
    mean: Option<f64>,
    ci95: Option<f64>,
}

impl From<&Estimate> for MeanCi {
    fn from(e: &Estimate) -> Self {
        MeanCi {
            mean: e.mean,
            ci95: e.ci95,
        }
    }
}

/// Every metric of a row as `"key": {"mean": .., "ci95": ..}`, in SPEC order.
struct Metrics<'a>(&'a EstimateRow);

impl Serialize for Metrics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(Metric::COUNT))?;
        for m in Metric::ALL {
            map.serialize_entry(m.key(), &MeanCi::from(&self.0[m as usize]))?;
        }
        map.end()
    }
}

/// The summary as a JSON value (the object SPEC describes).
pub fn summary_value(r: &RunReport<'_>) -> serde_json::Value {
    let sc = r.scenario;
    let summary = Summary {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        scenario: &sc.name,
        replications: r.result.estimates.replications,
        seed: sc.simulation.seed,
        interval_s: sc.interval_s,
        warmup_s: sc.simulation.warmup_s,
        service_level: SlInfo {
            threshold_s: sc.service_level.threshold_s,
            target: sc.service_level.target,
            of: sc.service_level.of.key(),
        },
        overall: Metrics(&r.result.estimates.overall),
        waiting_at_close: r.result.mean_waiting_at_close,
        intervals: r
            .interval_rows()
            .map(|(i, row)| IntervalEntry {
                index: i,
                start: sc.interval_label(i),
                agents: sc.intervals[i].agents,
                metrics: Metrics(row),
            })
            .collect(),
    };
    serde_json::to_value(&summary).expect("summary serialises")
}

/// Pretty-printed JSON text with a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("JSON value serialises");
    s.push('\n');
    s
}
