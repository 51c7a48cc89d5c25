//! `intervals.csv`: one row per interval, each metric's mean with its `_ci95` beside it;
//! undefined values are empty cells.

use super::RunReport;
use crate::stats::Metric;

pub fn intervals_csv(r: &RunReport<'_>) -> String {
    let mut out = String::from("index,start,agents");
    for m in Metric::ALL {
        out.push_str(&format!(",{k},{k}_ci95", k = m.key()));
    }
    out.push('\n');
    for (i, row) in r.interval_rows() {
        out.push_str(&format!(
            "{i},{},{}",
            r.scenario.model.clock.label(i),
            r.scenario.model.agents_in(i)
        ));
        for m in Metric::ALL {
            let e = &row[m as usize];
            out.push_str(&format!(",{},{}", cell(e.mean), cell(e.ci95)));
        }
        out.push('\n');
    }
    out
}

fn cell(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}
