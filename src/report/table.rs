//! The short human summary `run` prints: the day's headline figures, then one line per
//! interval. Undefined values show as "n/a".

use super::RunReport;
use crate::duration::format_duration;
use crate::stats::{Estimate, Metric};

/// "83.1% ±0.4" for fractions.
fn pct(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{:.1}% ±{:.1}", m * 100.0, h * 100.0),
        _ => "n/a".into(),
    }
}

/// "12.3s ±0.4" for seconds.
fn secs(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{m:.1}s ±{h:.1}"),
        _ => "n/a".into(),
    }
}

fn count(e: Estimate) -> String {
    e.mean.map_or_else(|| "n/a".into(), |m| format!("{m:.1}"))
}

pub fn summary_table(r: &RunReport<'_>) -> String {
    let sc = r.scenario;
    let sl = &sc.service_level;
    let mut out = String::new();
    out.push_str(&format!(
        "{} — {} replications, seed {}\n",
        sc.name, r.result.estimates.replications, sc.simulation.seed
    ));
    out.push_str(&format!(
        "Service level = answered within {} ({}), target {:.0}%\n\n",
        format_duration(sl.threshold_s),
        match sl.of {
            crate::scenario::SlDefinition::Answered => "of answered calls",
            crate::scenario::SlDefinition::Offered => "of all calls offered",
            crate::scenario::SlDefinition::ExclShortAbandons =>
                "of calls offered, short abandons excluded",
        },
        sl.target * 100.0
    ));
    let header = [
        "Interval",
        "Agents",
        "Offered",
        "Service level",
        "ASA",
        "Abandoned",
        "Occupancy",
        "",
    ];
    let mut rows: Vec<[String; 8]> = vec![];
    let flag = |e: Estimate| match e.mean {
        Some(m) if m < sl.target => "below target".to_string(),
        _ => String::new(),
    };
    let line = |label: String, agents: String, row: &[Estimate]| -> [String; 8] {
        [
            label,
            agents,
            count(row[Metric::Offered as usize]),
            pct(row[Metric::ServiceLevel as usize]),
            secs(row[Metric::AsaS as usize]),
            pct(row[Metric::AbandonRate as usize]),
            pct(row[Metric::Occupancy as usize]),
            flag(row[Metric::ServiceLevel as usize]),
        ]
    };
    for (i, row) in r.interval_rows() {
        rows.push(line(
            sc.interval_label(i),
            sc.intervals[i].agents.to_string(),
            row,
        ));
    }
    rows.push(line(
        "Day".into(),
        String::new(),
        &r.result.estimates.overall,
    ));
    let widths: Vec<usize> = (0..8)
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fmt_row = |cells: &[String]| -> String {
        let mut s = String::new();
        for (c, cell) in cells.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            if c == 0 || c == 7 {
                s.push_str(cell);
                s.push_str(&" ".repeat(pad));
            } else {
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
            s.push_str("  ");
        }
        s.trim_end().to_string() + "\n"
    };
    out.push_str(&fmt_row(&header.map(String::from)));
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        if i == last {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * 7));
            out.push('\n');
        }
        out.push_str(&fmt_row(row));
    }
    if r.result.mean_waiting_at_close >= 0.5 {
        out.push_str(&format!(
            "\nOn average {:.0} calls were still waiting when arrivals stopped; they were served after close (or hung up).\n",
            r.result.mean_waiting_at_close
        ));
    }
    out
}
