//! What `check` prints for people: per scenario, a verdict line, a wrapped paragraph on
//! what was compared and how, notes, and the table of what moved; all within 80 columns
//! (a long path stays whole). And the one summary line of the verdict.

use super::{Report, ScenarioCheck, Status};
use crate::check::table::{table, table_with};
use crate::check::{Comparison, Tolerance};
use crate::duration::clean_number;

use crate::report::term::{terminal_safe, wrap};

/// Every scenario's block, in command-line order.
pub fn text(report: &Report<'_>) -> String {
    terminal_safe(
        &report
            .checks
            .iter()
            .map(|c| block(report, c))
            .collect::<String>(),
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A paragraph wrapped to 80 columns, indented by two spaces (four after its first line).
fn para(text: &str) -> String {
    let mut s = wrap(&format!("  {text}"), 2);
    s.push('\n');
    s
}

/// A heading line `path: what`, wrapped (continued four spaces in, like paragraphs, so
/// that only table rows start with exactly two).
fn heading(c: &ScenarioCheck, what: &str) -> String {
    let mut s = wrap(&format!("{}: {what}", c.path), 4);
    s.push('\n');
    s
}

fn block(report: &Report<'_>, c: &ScenarioCheck) -> String {
    let baseline = c.baseline.display();
    let mut out = match &c.status {
        Status::NoBaseline => {
            return heading(
                c,
                &format!(
                    "no baseline {baseline}; create it with `ccsim check {} --baseline {} \
                     --update`",
                    c.path, report.baseline_flag
                ),
            );
        }
        Status::Unusable(why) => {
            return heading(c, &format!("the baseline {baseline} cannot be used: {why}"));
        }
        Status::Failed(e) => {
            // Load errors already name the file; say it once.
            let msg = e.to_string();
            let why = msg
                .strip_prefix(&format!("{}: ", c.path))
                .unwrap_or(&msg)
                .to_string();
            return heading(c, &format!("not checked: {why}"));
        }
        Status::NotComparable(why) => heading(
            c,
            &format!(
                "the baseline {baseline} does not belong to this run, so it was not \
                 compared: {}; refresh it with `ccsim check {} --baseline {} --update` if \
                 the change is intended",
                why.join("; "),
                c.path,
                report.baseline_flag
            ),
        ),
        Status::Updated => heading(
            c,
            &format!(
                "baseline written: {baseline}{}",
                c.companion
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or(String::new(), |f| format!(" and {}", f.to_string_lossy()))
            ),
        ),
        Status::Passed | Status::Regressed(_) => {
            let cmp = c.comparison.as_ref().expect("a compared scenario");
            heading(c, &verdict_words(cmp, false))
        }
    };
    for n in &c.notes {
        out.push_str(&para(&format!("note: {n}")));
    }
    if let Some(cmp) = &c.comparison {
        if c.status == Status::Updated {
            out.push_str(&para(&format!(
                "against the old baseline: {}",
                verdict_words(cmp, true)
            )));
        }
        out.push_str(&para(&format!(
            "compared with {baseline}: {}; {}",
            scope_words(report.tol, cmp, c),
            rule_words(report.tol, cmp, c)
        )));
        if !cmp.moved.is_empty() {
            out.push_str(&if c.status == Status::Updated {
                table_with(&cmp.moved, "beyond")
            } else {
                table(&cmp.moved)
            });
        }
    }
    out
}

/// "ok, nothing moved", "ok; 3 moved, all within what chance allows", "2 regressions;
/// 50 moved" (or "beyond tolerance" when the baseline is being replaced).
fn verdict_words(cmp: &Comparison, update: bool) -> String {
    let failed = cmp.regressions();
    let moved = cmp.moved.len();
    if moved == 0 {
        "ok, nothing moved".into()
    } else if failed == 0 {
        format!("ok; {moved} moved, none beyond the allowed change")
    } else if update {
        format!("{failed} beyond the allowed change; {moved} moved")
    } else {
        format!(
            "{}; {moved} moved",
            plural(failed, "regression", "regressions")
        )
    }
}

/// "14 metrics for the day and 48 intervals".
fn scope_words(tol: &Tolerance, cmp: &Comparison, c: &ScenarioCheck) -> String {
    let metrics = plural(cmp.metrics.len(), "metric", "metrics");
    match (tol.per_interval, c.intervals) {
        (true, Some(n)) => format!(
            "{metrics} for the day and {}",
            plural(n, "interval", "intervals")
        ),
        _ => format!("{metrics} for the day"),
    }
}

/// How the comparisons were judged.
fn rule_words(tol: &Tolerance, cmp: &Comparison, c: &ScenarioCheck) -> String {
    let seed = c.seed.map_or(String::new(), |s| format!(" (seed {s})"));
    let unpaired = format!(
        "unpaired rule: allowed = {}·√(ci95_a² + ci95_b²)/1.96 + floor",
        clean_number(tol.k)
    );
    match cmp.pairs {
        Some(n) if cmp.paired > 0 => {
            let paired = format!(
                "paired t test on the differences of {}{seed}, Bonferroni over {}: at \
                 most {} % false alarms",
                plural(n as usize, "replication", "replications"),
                plural(cmp.paired, "comparison", "comparisons"),
                clean_number(tol.alpha * 100.0)
            );
            if cmp.unpaired == 0 {
                paired
            } else {
                format!(
                    "{paired}; {unpaired} for {} without pairs",
                    plural(cmp.unpaired, "comparison", "comparisons")
                )
            }
        }
        _ => format!(
            "{unpaired}, {}{seed}; `--update` stores per-replication values for the \
             sharper paired test",
            plural(
                c.replications.unwrap_or(0) as usize,
                "replication",
                "replications"
            )
        ),
    }
}

/// The verdict's one summary line: every scenario that is not fine, by outcome, the
/// number that passed, and with mixed outcomes the exit code (the worst). Wrapped to 80
/// columns after the `error: ` prefix it is printed with.
pub fn summary_line(report: &Report<'_>) -> String {
    let named = |pick: &dyn Fn(&Status) -> Option<String>| -> Vec<String> {
        report
            .checks
            .iter()
            .filter_map(|c| pick(&c.status).map(|extra| format!("{}{extra}", c.path)))
            .collect()
    };
    let mut parts = Vec::new();
    let mut kinds = 0;
    let mut add = |label: &str, names: Vec<String>| {
        if !names.is_empty() {
            parts.push(format!("{label} {}", names.join(", ")));
            kinds += 1;
        }
    };
    add(
        "regression in",
        named(&|s| match s {
            Status::Regressed(n) => Some(format!(" ({n})")),
            _ => None,
        }),
    );
    add(
        "no baseline for",
        named(&|s| matches!(s, Status::NoBaseline).then(String::new)),
    );
    add(
        "unusable baseline for",
        named(&|s| matches!(s, Status::Unusable(_)).then(String::new)),
    );
    add(
        "baseline of another run for",
        named(&|s| matches!(s, Status::NotComparable(_)).then(String::new)),
    );
    add(
        "not checked (error):",
        named(&|s| matches!(s, Status::Failed(_)).then(String::new)),
    );
    let fine = report
        .checks
        .iter()
        .filter(|c| c.status.exit_code() == 0)
        .count();
    if fine > 0 {
        parts.push(format!("{fine} passed"));
    }
    let mut line = format!("check: {}", parts.join("; "));
    if kinds > 1 {
        line.push_str(&format!("; exit code {}, the worst", report.exit_code()));
    }
    let wrapped = wrap(&terminal_safe(&format!("error: {line}")), 2);
    wrapped
        .strip_prefix("error: ")
        .unwrap_or(&wrapped)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;
    use crate::report::term::WIDTH;
    use std::path::PathBuf;

    fn check(path: &str, status: Status) -> ScenarioCheck {
        ScenarioCheck::new(path, PathBuf::from("b/x.json"), status)
    }

    #[test]
    fn the_summary_names_every_scenario_and_the_worst_code() {
        let tol = Tolerance::default();
        let report = Report {
            tol: &tol,
            update: false,
            baseline_flag: "b",
            checks: vec![
                check("a.toml", Status::Regressed(3)),
                check("b.toml", Status::NoBaseline),
                check("c.toml", Status::Failed(Error::runtime("interrupted"))),
                check("d.toml", Status::Passed),
                check("e.toml", Status::Regressed(1)),
            ],
        };
        assert_eq!(report.exit_code(), 3);
        let line = summary_line(&report);
        assert_eq!(
            line.replace("\n  ", " "),
            "check: regression in a.toml (3), e.toml (1); no baseline for b.toml; not \
             checked (error): c.toml; 1 passed; exit code 3, the worst"
        );
        for l in format!("error: {line}").lines() {
            assert!(l.chars().count() <= WIDTH, "{l}");
        }
        // One kind of trouble only: no word on the worst.
        let report = Report {
            checks: vec![check("a.toml", Status::Regressed(2))],
            ..report
        };
        assert_eq!(report.exit_code(), 1);
        assert_eq!(summary_line(&report), "check: regression in a.toml (2)");
    }
}
