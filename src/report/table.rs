//! The short human summary `run` prints: the day's headline figures, then one line per
//! interval. Undefined values show as "n/a".

use super::RunReport;
use crate::duration::format_duration;
use crate::stats::breakdown::{BreakdownEstimates, GroupColumn};
use crate::stats::{Estimate, Metric};

/// "83.1% ±0.4" for fractions.
pub fn pct(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{:.1}% ±{:.1}", m * 100.0, h * 100.0),
        _ => "n/a".into(),
    }
}

/// "12.3s ±0.4" for seconds.
pub fn secs(e: Estimate) -> String {
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
    let sl = &sc.model.service_level;
    let mut out = String::new();
    let reps = r.result.estimates.replications;
    out.push_str(&format!(
        "{} — {reps} replication{}, seed {}\n",
        sc.labels.name,
        if reps == 1 { "" } else { "s" },
        sc.experiment.seed
    ));
    out.push_str(&format!(
        "Service level = answered within {} ({}), target {:.0}%\n\n",
        format_duration(sl.threshold_s),
        match sl.of {
            crate::model::SlDefinition::Answered => "of answered calls",
            crate::model::SlDefinition::Offered => "of all calls offered",
            crate::model::SlDefinition::ExclShortAbandons =>
                "of calls offered, short abandons excluded",
        },
        sl.target * 100.0
    ));
    // Busy signals only exist with `lines`; where they happen they must show.
    let busy = r.overall(Metric::BlockRate).mean.is_some_and(|b| b > 0.0);
    let mut header = vec![
        "Interval",
        "Agents",
        "Offered",
        "Service level",
        "ASA",
        "Abandoned",
    ];
    if busy {
        header.push("Busy signal");
    }
    header.extend(["Occupancy", ""]);
    let mut rows: Vec<Vec<String>> = vec![];
    let flag = |e: Estimate| match e.mean {
        Some(m) if m < sl.target => "below target".to_string(),
        _ => String::new(),
    };
    let line = |label: String, agents: String, row: &[Estimate]| -> Vec<String> {
        let mut cells = vec![
            label,
            agents,
            count(row[Metric::Offered as usize]),
            pct(row[Metric::ServiceLevel as usize]),
            secs(row[Metric::AsaS as usize]),
            pct(row[Metric::AbandonRate as usize]),
        ];
        if busy {
            cells.push(pct(row[Metric::BlockRate as usize]));
        }
        cells.push(pct(row[Metric::Occupancy as usize]));
        cells.push(flag(row[Metric::ServiceLevel as usize]));
        cells
    };
    for (i, row) in r.interval_rows() {
        rows.push(line(
            sc.model.clock.label(i),
            sc.model.agents_in(i).to_string(),
            row,
        ));
    }
    rows.push(line(
        "Day".into(),
        String::new(),
        &r.result.estimates.overall,
    ));
    let header: Vec<String> = header.into_iter().map(String::from).collect();
    let mut all: Vec<&[String]> = vec![&header];
    all.extend(rows.iter().map(|r| &r[..]));
    let widths = column_widths(&all);
    let flag_col = header.len() - 1;
    let fmt_row = |cells: &[String]| format_row(cells, &widths, &[0, flag_col]);
    out.push_str(&fmt_row(&header));
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        if i == last {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * flag_col));
            out.push('\n');
        }
        out.push_str(&fmt_row(row));
    }
    if let Some(b) = &r.result.breakdown {
        out.push_str(&breakdown_table(r, b));
    }
    if r.result.mean_waiting_at_close >= 0.5 {
        out.push_str(&format!(
            "\nOn average {:.0} calls were still waiting when arrivals stopped; they were served after close (or hung up).\n",
            r.result.mean_waiting_at_close
        ));
    }
    out
}

/// The width of each column: its widest cell, in characters.
pub fn column_widths(rows: &[&[String]]) -> Vec<usize> {
    let cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    (0..cols)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect()
}

/// One table line: cells padded to `widths`, two spaces apart, the columns listed in
/// `left` left-aligned and the others right-aligned; no trailing spaces.
pub fn format_row(cells: &[String], widths: &[usize], left: &[usize]) -> String {
    let mut s = String::new();
    for (c, cell) in cells.iter().enumerate() {
        let pad = " ".repeat(widths[c] - cell.chars().count());
        if left.contains(&c) {
            s.push_str(cell);
            s.push_str(&pad);
        } else {
            s.push_str(&pad);
            s.push_str(cell);
        }
        s.push_str("  ");
    }
    s.trim_end().to_string() + "\n"
}

/// Rows laid out as a table with the first column left-aligned.
pub fn align(rows: &[Vec<String>]) -> String {
    let all: Vec<&[String]> = rows.iter().map(|r| &r[..]).collect();
    let widths = column_widths(&all);
    rows.iter().map(|r| format_row(r, &widths, &[0])).collect()
}

/// One line per call type (judged against its own goal) and per agent group (occupancy,
/// calls answered, and its share of each type's answered calls).
fn breakdown_table(r: &RunReport<'_>, b: &BreakdownEstimates) -> String {
    let model = &r.scenario.model;
    let mut rows: Vec<Vec<String>> = vec![
        [
            "Call type",
            "Offered",
            "Service level",
            "ASA",
            "Abandoned",
            "",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (t, e) in model.call_types.iter().zip(&b.types) {
        let row = &e.overall;
        let sl = row[Metric::ServiceLevel as usize];
        let goal = &t.service_level;
        rows.push(vec![
            t.name.clone(),
            count(row[Metric::Offered as usize]),
            pct(sl),
            secs(row[Metric::AsaS as usize]),
            pct(row[Metric::AbandonRate as usize]),
            // Each type is judged against its own goal, named where it is missed.
            match sl.mean {
                Some(m) if m < goal.target => format!(
                    "below {:.0}% in {}",
                    goal.target * 100.0,
                    format_duration(goal.threshold_s)
                ),
                _ => String::new(),
            },
        ]);
    }
    let types = r.scenario.model.call_types.len();
    let columns = GroupColumn::all(types);
    let at = |c: GroupColumn| columns.iter().position(|x| *x == c).unwrap_or(0);
    let mut groups: Vec<Vec<String>> = vec![
        [
            "Agent group",
            "Occupancy",
            "Answered",
            "Share of each type answered",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (g, e) in model.agent_groups.iter().zip(&b.groups) {
        let row = &e.overall;
        let shares: Vec<String> = g
            .skills
            .iter()
            .map(|s| {
                let share = row[at(GroupColumn::ShareOf(s.call_type))].mean;
                let name = &model.call_types[s.call_type].name;
                share.map_or_else(
                    || format!("{name} n/a"),
                    |x| format!("{name} {:.0}%", x * 100.0),
                )
            })
            .collect();
        groups.push(vec![
            g.name.clone(),
            pct(row[at(GroupColumn::Occupancy)]),
            count(row[at(GroupColumn::Answered)]),
            shares.join(", "),
        ]);
    }
    let type_rows: Vec<&[String]> = rows.iter().map(|r| &r[..]).collect();
    let widths = column_widths(&type_rows);
    let mut out = String::from("\n");
    for row in &type_rows {
        out.push_str(&format_row(row, &widths, &[0, 5]));
    }
    out.push('\n');
    let group_rows: Vec<&[String]> = groups.iter().map(|r| &r[..]).collect();
    let widths = column_widths(&group_rows);
    for row in &group_rows {
        out.push_str(&format_row(row, &widths, &[0, 3]));
    }
    out
}
