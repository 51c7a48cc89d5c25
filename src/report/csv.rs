//! `intervals.csv`: one row per interval, each metric's mean with its `_ci95` beside it;
//! undefined values are empty cells.

use super::RunReport;
use super::json::SPREAD_KEYS;
use crate::stats::breakdown::BreakdownEstimates;
use crate::stats::{Estimate, Metric};

pub fn intervals_csv(r: &RunReport<'_>) -> String {
    if let Some(b) = &r.result.breakdown {
        return intervals_by_type_csv(r, b);
    }
    let metrics = Metric::reported(r.scenario.model.has_redials());
    let mut out = String::from("index,start,agents");
    for m in metrics {
        out.push_str(&format!(",{k},{k}_ci95", k = m.key()));
        if *m == Metric::PMeetsTarget {
            SPREAD_KEYS
                .iter()
                .for_each(|k| out.push_str(&format!(",{k}")));
        }
    }
    shift_header(r, &mut out);
    out.push('\n');
    for (i, row) in r.interval_rows() {
        out.push_str(&format!(
            "{i},{},{}",
            r.scenario.model.clock.label(i),
            agents_cell(r, i)
        ));
        for &m in metrics {
            let e = &row[m as usize];
            out.push_str(&format!(",{},{}", cell(e.mean), cell(e.ci95)));
            if m == Metric::PMeetsTarget {
                let p = r.result.spread.intervals[i];
                for v in [p.map(|p| p.p10), p.map(|p| p.p50), p.map(|p| p.p90)] {
                    out.push_str(&format!(",{}", cell(v)));
                }
            }
        }
        shift_cells(r, i, &mut out);
        out.push('\n');
    }
    out
}

/// Agents of interval `i`: planned, or with shifts the roster's time-weighted mean.
fn agents_cell(r: &RunReport<'_>, i: usize) -> String {
    let model = &r.scenario.model;
    if model.has_rosters() {
        model.mean_agents_in(i).to_string()
    } else {
        model.agents_in(i).to_string()
    }
}

/// With shifts: the roster's columns, appended after every other column.
fn shift_header(r: &RunReport<'_>, out: &mut String) {
    if r.result.shifts.is_some() {
        for k in crate::stats::shifts::SHIFT_KEYS {
            out.push_str(&format!(",{k},{k}_ci95"));
        }
    }
}

fn shift_cells(r: &RunReport<'_>, i: usize, out: &mut String) {
    if let Some(s) = &r.result.shifts {
        for e in &s.intervals[i] {
            out.push_str(&format!(",{},{}", cell(e.mean), cell(e.ci95)));
        }
    }
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

/// With several call types: a `call_type` column, and per interval the centre's row
/// (`call_type` empty) followed by one row per call type.
fn intervals_by_type_csv(r: &RunReport<'_>, b: &BreakdownEstimates) -> String {
    let model = &r.scenario.model;
    let mut out = String::from("index,start,call_type,agents");
    for &m in Metric::reported(false) {
        out.push_str(&format!(",{k},{k}_ci95", k = m.key()));
    }
    shift_header(r, &mut out);
    out.push('\n');
    let shift_columns = r.result.shifts.as_ref().map_or(0, |_| 2 * 5);
    let mut line = |i: usize, name: &str, row: &[Estimate]| {
        out.push_str(&format!(
            "{i},{},{},{}",
            model.clock.label(i),
            csv_text(name),
            agents_cell(r, i)
        ));
        for &m in Metric::reported(false) {
            let e = &row[m as usize];
            out.push_str(&format!(",{},{}", cell(e.mean), cell(e.ci95)));
        }
        // The roster's figures are the centre's: on its row, empty on the types' rows.
        if name.is_empty() {
            shift_cells(r, i, &mut out);
        } else {
            out.push_str(&",".repeat(shift_columns));
        }
        out.push('\n');
    };
    for (i, row) in r.interval_rows() {
        line(i, "", row);
        for (t, e) in model.call_types.iter().zip(&b.types) {
            line(i, &t.name, &e.intervals[i]);
        }
    }
    out
}

/// A text cell, quoted when it holds a comma, a quote or a line break.
fn csv_text(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
