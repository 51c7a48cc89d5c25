//! The table of moved metrics `check` prints: where, metric, baseline, now, change,
//! allowed change and verdict, in at most 80 columns for every metric key and clock label.

use super::Moved;
use crate::stats::Metric;

/// A value for the table: percentages for fractions, seconds with an `s`.
pub fn show(m: Metric, x: Option<f64>) -> String {
    match x {
        None => "n/a".into(),
        Some(x) if m.is_fraction() => format!("{:.2}%", x * 100.0),
        Some(x) if m.key().ends_with("_s") => format!("{x:.2}s"),
        Some(x) => format!("{x:.2}"),
    }
}

/// A difference: signed, in percentage points for fractions; `±` for an allowance.
pub fn show_diff(m: Metric, d: Option<f64>, signed: bool) -> String {
    let Some(d) = d else { return "n/a".into() };
    let (x, unit) = if m.is_fraction() {
        (d * 100.0, "pp")
    } else if m.key().ends_with("_s") {
        (d, "s")
    } else {
        (d, "")
    };
    if signed {
        format!("{x:+.2}{unit}")
    } else {
        format!("±{x:.2}{unit}")
    }
}

/// The table, indented by two spaces; numbers right-aligned.
pub fn table(moved: &[Moved]) -> String {
    table_with(moved, "FAIL")
}

/// The table with another word for rows beyond the allowed change (`--update` replaces
/// the baseline, so nothing fails).
pub fn table_with(moved: &[Moved], beyond: &str) -> String {
    let mut rows: Vec<[String; 7]> = vec![[
        "where".into(),
        "metric".into(),
        "baseline".into(),
        "now".into(),
        "change".into(),
        "allowed".into(),
        String::new(),
    ]];
    for m in moved {
        rows.push([
            m.scope.clone(),
            m.metric.key().into(),
            show(m.metric, m.baseline),
            show(m.metric, m.now),
            show_diff(m.metric, m.difference(), true),
            show_diff(m.metric, Some(m.allowed), false),
            if m.regression { beyond } else { "ok" }.into(),
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    // Two spaces between columns; one between the right-aligned numbers when the widest
    // cells (an 8-character clock label, sl_excl_short_abandons, 100.00 pp changes)
    // would pass 80 columns.
    let mut gaps = [2usize; 7];
    if 2 + widths.iter().sum::<usize>() + 2 * 6 > 80 {
        gaps[2..5].fill(1);
    }
    let mut out = String::new();
    for r in &rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if (2..6).contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str(&" ".repeat(gaps[c]));
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Rule;

    #[test]
    fn the_widest_rows_fit_80_columns() {
        let row = |scope: &str, m: Metric, x: f64, y: f64, allowed: f64| Moved {
            scope: scope.into(),
            interval: Some(0),
            metric: m,
            baseline: Some(x),
            now: Some(y),
            allowed,
            rule: Rule::Unpaired,
            paired_difference: None,
            p_value: None,
            regression: true,
        };
        let t = table(&[
            row("23:59:30", Metric::SlExclShortAbandons, 0.0, 1.0, 0.9999),
            row("23:59:30", Metric::AsaS, 9999.99, 0.0, 9999.99),
            row("day", Metric::Offered, 99999.99, 0.0, 9999.99),
        ]);
        for line in t.lines() {
            assert!(line.chars().count() <= 80, "{} columns: {line}", line.len());
        }
    }
}
