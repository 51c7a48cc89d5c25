//! `check --junit FILE`: the results as JUnit XML, which GitHub Actions (through a test
//! report action), GitLab (`artifacts:reports:junit`) and Jenkins (`junit` step) show
//! natively. One test suite per scenario; one test case per compared metric, failing
//! with the places it regressed; a scenario that could not be compared (no baseline,
//! another run's baseline, an error) has one test case `baseline` in error instead.
//! No time stamps, so the same run writes the same bytes.

use std::path::Path;

use quick_junit::{NonSuccessKind, Property, Report as JUnit, TestCase, TestCaseStatus, TestSuite};

use super::{Report, ScenarioCheck, Status};
use crate::check::table::{show, show_diff, table};
use crate::error::{Error, Result};
use crate::report::output;

/// Refuses a `--junit` path that cannot name a file, before anything is simulated.
pub fn check_path(file: &str) -> Result<()> {
    let p = Path::new(file);
    if file.trim().is_empty() || p.file_name().is_none() {
        return Err(Error::input(format!(
            "--junit: expected a file name such as check.xml, found \"{file}\""
        )));
    }
    if p.is_dir() {
        return Err(Error::input(format!(
            "--junit: expected a file name, found the folder {file}"
        )));
    }
    Ok(())
}

/// Writes the report to `file` (atomically: a failure leaves any old file as it was).
pub fn write(file: &Path, report: &Report<'_>) -> Result<()> {
    let dir = match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = file
        .file_name()
        .expect("checked by check_path")
        .to_string_lossy();
    output::ensure_dir(dir)?;
    output::write_atomic(dir, &name, xml(report).as_bytes())?;
    Ok(())
}

/// The XML text.
pub fn xml(report: &Report<'_>) -> String {
    let mut junit = JUnit::new("ccsim check");
    for c in &report.checks {
        junit.add_test_suite(suite(report, c));
    }
    let mut text = junit.to_string().expect("JUnit XML serialises");
    text.push('\n');
    text
}

fn suite(report: &Report<'_>, c: &ScenarioCheck) -> TestSuite {
    let mut suite = TestSuite::new(c.path.as_str());
    suite.add_property(Property::new("baseline", c.baseline.display().to_string()));
    suite.add_property(Property::new("outcome", c.status.key()));
    if let Some(s) = c.seed {
        suite.add_property(Property::new("seed", s.to_string()));
    }
    if let Some(r) = c.replications {
        suite.add_property(Property::new("replications", r.to_string()));
    }
    if !c.notes.is_empty() {
        suite.set_system_out(c.notes.join("\n"));
    }
    match (&c.status, &c.comparison) {
        (Status::Passed | Status::Regressed(_) | Status::Updated, Some(cmp)) => {
            for &m in &cmp.metrics {
                let moved: Vec<_> = cmp
                    .moved
                    .iter()
                    .filter(|x| x.metric == m)
                    .cloned()
                    .collect();
                let failed: Vec<_> = moved.iter().filter(|x| x.regression).collect();
                let status = if failed.is_empty() || report.update {
                    TestCaseStatus::success()
                } else {
                    let places: Vec<String> = failed
                        .iter()
                        .map(|x| {
                            format!(
                                "{} {} → {} (allowed {})",
                                x.scope,
                                show(m, x.baseline),
                                show(m, x.now),
                                show_diff(m, Some(x.allowed), false)
                            )
                        })
                        .collect();
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_type("regression");
                    s.set_message(format!(
                        "{} regressed in {} place{}: {}",
                        m.key(),
                        failed.len(),
                        if failed.len() == 1 { "" } else { "s" },
                        places.join("; ")
                    ));
                    s.set_description(table(&moved));
                    s
                };
                let mut case = TestCase::new(m.key(), status);
                case.set_classname(c.path.as_str());
                if !moved.is_empty() && (failed.is_empty() || report.update) {
                    case.set_system_out(table(&moved));
                }
                suite.add_test_case(case);
            }
        }
        (status, _) => {
            let (kind, message) = match status {
                Status::Passed | Status::Regressed(_) | Status::Updated => {
                    (None, "baseline written".to_string())
                }
                Status::NoBaseline => (
                    Some("no_baseline"),
                    format!(
                        "no baseline {}; create it with `ccsim check {} --baseline {} --update`",
                        c.baseline.display(),
                        c.path,
                        report.baseline_flag
                    ),
                ),
                Status::Unusable(why) => (
                    Some("unusable_baseline"),
                    format!(
                        "the baseline {} cannot be used: {why}",
                        c.baseline.display()
                    ),
                ),
                Status::NotComparable(why) => (
                    Some("not_comparable"),
                    format!(
                        "the baseline {} does not belong to this run: {}",
                        c.baseline.display(),
                        why.join("; ")
                    ),
                ),
                Status::Failed(e) => (Some("error"), e.to_string()),
            };
            let status = match kind {
                None => TestCaseStatus::success(),
                Some(kind) => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_type(kind);
                    s.set_message(message.clone());
                    s
                }
            };
            let mut case = TestCase::new("baseline", status);
            case.set_classname(c.path.as_str());
            if kind.is_none() {
                case.set_system_out(message);
            }
            suite.add_test_case(case);
        }
    }
    suite
}
