//! The short human summary `run` prints: the day's headline figures, then one line per
//! interval. Undefined values show as "n/a".

use super::RunReport;
use super::term::wrap;
use crate::duration::format_duration;
use crate::stats::breakdown::{BreakdownEstimates, GroupColumn};
use crate::stats::{Estimate, Metric};

/// "83.1% ±0.4" for fractions in prose.
pub fn pct(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{:.1}% ±{:.1}", m * 100.0, h * 100.0),
        _ => "n/a".into(),
    }
}

/// "83.1±0.4" for fractions in a table cell, in percent (the header says "%"): the mean
/// and its 95 % confidence half-width, written tight so that a row of them fits 80
/// columns.
pub fn pct_cell(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{:.1}±{:.1}", m * 100.0, h * 100.0),
        (Some(m), None) => format!("{:.1}", m * 100.0),
        _ => "n/a".into(),
    }
}

/// "12.3±0.4" for seconds in a table cell (the header says "s").
pub fn secs_cell(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) => format!("{m:.1}±{h:.1}"),
        (Some(m), None) => format!("{m:.1}"),
        _ => "n/a".into(),
    }
}

fn count(e: Estimate) -> String {
    e.mean.map_or_else(|| "n/a".into(), |m| format!("{m:.1}"))
}

/// The line under a table's title that says how to read its cells.
pub const CI_LEGEND: &str = "Each figure is a mean ±its 95% confidence half-width.";

pub fn summary_table(r: &RunReport<'_>) -> String {
    let sc = r.scenario;
    let sl = &sc.model.service_level;
    let reps = r.result.estimates.replications;
    let mut head = format!(
        "{} — {reps} replication{}, seed {}\n",
        sc.labels.name,
        if reps == 1 { "" } else { "s" },
        sc.experiment.seed
    );
    head.push_str(&format!(
        "SL (service level) = answered within {} ({}), target {:.0}%\n",
        format_duration(sl.threshold_s),
        match sl.of {
            crate::model::SlDefinition::Answered => "of answered calls",
            crate::model::SlDefinition::Offered => "of all calls offered",
            crate::model::SlDefinition::ExclShortAbandons =>
                "of calls offered, short abandons excluded",
        },
        sl.target * 100.0
    ));
    let below = |e: Estimate| e.mean.is_some_and(|m| m < sl.target);
    let any_below = r
        .interval_rows()
        .map(|(_, row)| row)
        .chain([&r.result.estimates.overall])
        .any(|row| below(row[Metric::ServiceLevel as usize]));
    head.push_str(CI_LEGEND);
    if any_below {
        head.push_str(" * = SL below target.");
    }
    head.push_str("\n\n");
    let mut out = wrap(&head, 2);
    // Busy signals only exist with `lines`; where they happen they must show.
    let busy = r.overall(Metric::BlockRate).mean.is_some_and(|b| b > 0.0);
    // The below-target mark sits right after the SL figure (its own column would cost
    // two more characters of width).
    let mut header = vec!["Time", "Agents", "Offered", "SL % ", "ASA s", "Abandon %"];
    if busy {
        header.push("Busy %");
    }
    header.push("Occup. %");
    let line = |label: String, agents: String, row: &[Estimate]| -> Vec<String> {
        let sl_cell = row[Metric::ServiceLevel as usize];
        let mut cells = vec![
            label,
            agents,
            count(row[Metric::Offered as usize]),
            pct_cell(sl_cell) + if below(sl_cell) { "*" } else { " " },
            secs_cell(row[Metric::AsaS as usize]),
            pct_cell(row[Metric::AbandonRate as usize]),
        ];
        if busy {
            cells.push(pct_cell(row[Metric::BlockRate as usize]));
        }
        cells.push(pct_cell(row[Metric::Occupancy as usize]));
        cells
    };
    let mut rows: Vec<Vec<String>> = vec![header.into_iter().map(String::from).collect()];
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
    let all: Vec<&[String]> = rows.iter().map(|r| &r[..]).collect();
    let widths = column_widths(&all);
    let fmt_row = |cells: &[String]| format_row(cells, &widths, &[0]);
    let last = rows.len() - 1;
    for (i, row) in rows.iter().enumerate() {
        if i == last {
            out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * (widths.len() - 1)));
            out.push('\n');
        }
        out.push_str(&fmt_row(row));
    }
    if let Some(b) = &r.result.breakdown {
        out.push_str(&breakdown_table(r, b));
    }
    out.push_str(&risk_lines(r));
    out.push_str(&shift_lines(r));
    if r.result.mean_waiting_at_close >= 0.5 {
        let calls = format!("{:.0}", r.result.mean_waiting_at_close);
        let (noun, were, they) = if calls == "1" {
            ("call", "was", "it was")
        } else {
            ("calls", "were", "they were")
        };
        out.push_str(&wrap(
            &format!(
                "\nOn average {calls} {noun} {were} still waiting when arrivals stopped; \
                 {they} served after close (or hung up).\n"
            ),
            0,
        ));
    }
    out
}

/// The risk view under the table: how often the day meets its target, how its service
/// level spreads across simulated days and, with redials, what callers (people) lived.
fn risk_lines(r: &RunReport<'_>) -> String {
    let mut out = String::new();
    let p = r.overall(Metric::PMeetsTarget);
    if p.mean.is_some() {
        out.push_str(&format!(
            "\nDays meeting the target: {} of {} simulated day{}\n",
            pct(p),
            p.n,
            if p.n == 1 { "" } else { "s" }
        ));
    }
    if let Some(s) = r.result.spread.overall {
        out.push_str(&format!(
            "Day's service level across days: p10 {:.1}%, median {:.1}%, p90 {:.1}%\n",
            s.p10 * 100.0,
            s.p50 * 100.0,
            s.p90 * 100.0
        ));
    }
    if r.scenario.model.has_redials() {
        // Answered in the end = 1 − never answered, with the same half-width.
        let lost = r.overall(Metric::CallerAbandonRate);
        let answered = Estimate {
            mean: lost.mean.map(|a| 1.0 - a),
            ..lost
        };
        out.push_str(&format!(
            "Callers (people): {}, answered in the end {}, called again {}\n",
            count(r.overall(Metric::Callers)),
            pct(answered),
            count(r.overall(Metric::Redials)),
        ));
        out.push_str(&format!(
            "Callers answered within {} of hold time over all attempts: {}\n",
            format_duration(r.scenario.model.service_level.threshold_s),
            pct(r.overall(Metric::CallerServiceLevel)),
        ));
    }
    out
}

/// With shifts: the roster's paid hours and what the day did to it (breaks taken,
/// overtime, breaks delayed), means over the simulated days.
fn shift_lines(r: &RunReport<'_>) -> String {
    let Some(s) = &r.result.shifts else {
        return String::new();
    };
    let people: u32 = r
        .scenario
        .model
        .agent_groups
        .iter()
        .filter_map(|g| g.roster.as_ref())
        .map(|ro| ro.agents())
        .sum();
    let [on_phones, paid, breaks, overtime, delayed] = s.overall;
    // Minutes, or hours once there are more than two.
    let minutes = |e: Estimate| {
        let (m, h) = (e.mean.unwrap_or(0.0), e.ci95.unwrap_or(0.0));
        let (m, h, unit) = if m >= 120.0 {
            (m / 60.0, h / 60.0, "h")
        } else {
            (m, h, "min")
        };
        if h >= 0.05 {
            format!("{m:.1}±{h:.1} {unit}")
        } else {
            format!("{m:.1} {unit}")
        }
    };
    wrap(
        &format!(
            "Shifts: {people} agents, {:.1} paid hours, {:.1} on the phones on average; \
             breaks taken {}, overtime {}, breaks delayed {} in all\n",
            paid.mean.unwrap_or(0.0),
            on_phones.mean.unwrap_or(0.0),
            minutes(breaks),
            minutes(overtime),
            minutes(delayed),
        ),
        0,
    )
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
            pct_cell(sl),
            secs_cell(row[Metric::AsaS as usize]),
            pct_cell(row[Metric::AbandonRate as usize]),
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
            pct_cell(row[at(GroupColumn::Occupancy)]),
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
