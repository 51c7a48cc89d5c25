//! `intervals.csv`: one row per interval, each metric's mean with its `_ci95` beside it;
//! undefined values are empty cells.

use super::RunReport;
use super::json::SPREAD_KEYS;
use crate::stats::Metric;

pub fn intervals_csv(r: &RunReport<'_>) -> String {
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
    out.push('\n');
    for (i, row) in r.interval_rows() {
        out.push_str(&format!(
            "{i},{},{}",
            r.scenario.model.clock.label(i),
            r.scenario.model.agents_in(i)
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
        out.push('\n');
    }
    out
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}
