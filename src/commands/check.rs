//! `ccsim check`: run scenarios and compare each with its baseline `DIR/<stem>.json`;
//! `--update` writes the baselines instead.
//!
//! The verdict is separate from the text: the table of moved metrics goes to stdout
//! whatever the outcome, and the verdict decides the exit code (1 for a regression, 2 for
//! a missing or mismatched baseline).

use std::path::{Path, PathBuf};

use super::shared;
use crate::check::{self, Moved, Summary, Tolerance};
use crate::cli::CheckArgs;
use crate::error::{Error, Result, io_reason};
use crate::report::{self, RunReport, output};
use crate::scenario::Scenario;
use crate::settings::{self, SimSettings};
use crate::stats::Metric;

/// What `check` prints, and its verdict (None when everything matched).
#[derive(Debug)]
pub struct CheckOutcome {
    pub text: String,
    pub verdict: Option<Error>,
}

/// A baseline as found on disk.
enum Baseline {
    Missing,
    Unreadable(String),
    Found(Summary),
}

pub fn run(args: &CheckArgs) -> Result<CheckOutcome> {
    let tol = tolerance(args)?;
    let sim = SimSettings::new(args.replications, None, args.threads, args.quiet)?;
    let scenarios = sim.load(&args.scenarios)?;
    let dir = PathBuf::from(settings::folder_flag(
        "--baseline",
        "the baselines",
        &args.baseline,
    )?);
    let stems = unique_stems(&scenarios, &dir)?;
    if args.update {
        output::ensure_dir(&dir)?;
    }
    let ctx = Context {
        args,
        tol: &tol,
        sim: &sim,
        dir: &dir,
    };
    let mut found = Findings::default();
    for (sc, stem) in scenarios.iter().zip(&stems) {
        ctx.check_one(sc, stem, &mut found)?;
    }
    let verdict = found.verdict();
    Ok(CheckOutcome {
        text: found.text,
        verdict,
    })
}

/// Each scenario's file stem, which names its baseline; two alike would share one.
fn unique_stems(scenarios: &[Scenario], dir: &Path) -> Result<Vec<String>> {
    settings::distinct_folder_names(scenarios, |s| {
        format!(
            "so the baseline {}",
            dir.join(format!("{s}.json")).display()
        )
    })
}

/// What the whole check found so far: the text to print and what decides the verdict.
#[derive(Default)]
struct Findings {
    text: String,
    regressions: Vec<String>,
    bad_baselines: Vec<String>,
}

impl Findings {
    /// Adds prose to the text, wrapped to the terminal's 80 columns.
    fn say(&mut self, text: &str) {
        self.text.push_str(&report::term::wrap(text, 2));
    }

    /// Missing or mismatched baselines (exit 2) outrank regressions (exit 1).
    fn verdict(&self) -> Option<Error> {
        if !self.bad_baselines.is_empty() {
            Some(Error::input(format!(
                "check: {}; nothing was compared for {}",
                self.bad_baselines.join("; "),
                if self.bad_baselines.len() == 1 {
                    "it"
                } else {
                    "them"
                }
            )))
        } else if !self.regressions.is_empty() {
            Some(Error::Verdict(format!(
                "check: regression in {}",
                self.regressions.join(", ")
            )))
        } else {
            None
        }
    }
}

/// The settings every scenario of one check shares.
struct Context<'a> {
    args: &'a CheckArgs,
    tol: &'a Tolerance,
    sim: &'a SimSettings,
    dir: &'a Path,
}

impl Context<'_> {
    /// Simulates one scenario (unless there is nothing to compare or write), compares it
    /// with its baseline, and with `--update` writes the new baseline.
    fn check_one(&self, sc: &Scenario, stem: &str, found: &mut Findings) -> Result<()> {
        let file = format!("{stem}.json");
        let path = self.dir.join(&file);
        let baseline = read_baseline(&path);
        let label = format!("{} vs {}", sc.labels.path, path.display());
        if !self.args.update && self.nothing_to_compare(sc, &path, &label, &baseline, found) {
            return Ok(());
        }
        let result = shared::simulate(sc, self.sim)?;
        let value = report::json::summary_value(&RunReport {
            scenario: sc,
            result: &result,
        });
        let now = Summary::from_json(&value).expect("ccsim reads its own summaries");
        match &baseline {
            Baseline::Missing => found.say(&format!("{label}: no baseline yet\n")),
            Baseline::Unreadable(why) => found.say(&format!(
                "{label}: the old baseline cannot be used: {why}\n"
            )),
            Baseline::Found(b) => self.compare(sc, &path, &label, b, &now, found),
        }
        if self.args.update {
            output::write_atomic(self.dir, &file, report::json::to_text(&value).as_bytes())?;
            found.say(&format!("  baseline written: {}\n", path.display()));
        }
        Ok(())
    }

    /// Without `--update`, a missing or unreadable baseline means there is no need to
    /// simulate: says so and returns true.
    fn nothing_to_compare(
        &self,
        sc: &Scenario,
        path: &Path,
        label: &str,
        baseline: &Baseline,
        found: &mut Findings,
    ) -> bool {
        match baseline {
            Baseline::Missing => {
                found.say(&format!(
                    "{label}: no baseline; create it with `ccsim check {} --baseline {} --update`\n",
                    sc.labels.path, self.args.baseline
                ));
                found
                    .bad_baselines
                    .push(format!("{} has no baseline", sc.labels.path));
                true
            }
            Baseline::Unreadable(why) => {
                found.say(&format!("{label}: the baseline cannot be used: {why}\n"));
                found
                    .bad_baselines
                    .push(format!("{} is not a readable baseline", path.display()));
                true
            }
            Baseline::Found(_) => false,
        }
    }

    /// Compares with a baseline that belongs to this run, or says why it does not.
    fn compare(
        &self,
        sc: &Scenario,
        path: &Path,
        label: &str,
        b: &Summary,
        now: &Summary,
        found: &mut Findings,
    ) {
        let why = check::mismatches(b, now);
        if why.is_empty() {
            let moved = check::compare(b, now, self.tol);
            self.report_moved(sc, label, b, now, &moved, found);
            return;
        }
        found.say(&format!(
            "{label}: the baseline does not belong to this run, so it was not compared: {}\n",
            why.join("; ")
        ));
        if !self.args.update {
            found.say(&format!(
                "  (refresh it with `ccsim check {} --baseline {} --update` if the change is intended)\n",
                sc.labels.path, self.args.baseline
            ));
            found.bad_baselines.push(format!(
                "{} does not match {}",
                path.display(),
                sc.labels.path
            ));
        }
    }

    /// The verdict line for one scenario and the table of what moved.
    fn report_moved(
        &self,
        sc: &Scenario,
        label: &str,
        b: &Summary,
        now: &Summary,
        moved: &[Moved],
        found: &mut Findings,
    ) {
        let (tol, update) = (self.tol, self.args.update);
        let failed = moved.iter().filter(|m| m.regression).count();
        let compared = format!(
            "{} metric{} over the day{}",
            tol.metrics.len(),
            if tol.metrics.len() == 1 { "" } else { "s" },
            if tol.per_interval {
                format!(" and in {} intervals", now.intervals.len())
            } else {
                String::new()
            }
        );
        let reps = if b.replications == now.replications {
            format!("{} replications", now.replications)
        } else {
            format!(
                "{} replications now, {} in the baseline",
                now.replications, b.replications
            )
        };
        if moved.is_empty() {
            found.say(&format!(
                "{label}: ok, nothing moved ({compared}; {reps}, seed {})\n",
                now.seed
            ));
        } else {
            let verdict = if failed > 0 && !update {
                format!("{failed} regression{}", if failed == 1 { "" } else { "s" })
            } else if failed > 0 {
                format!("{failed} beyond tolerance")
            } else {
                "ok".to_string()
            };
            found.say(&format!(
                "{label}: {verdict}; {} moved ({compared}; {reps}, seed {}; allowed = {}·sqrt(ci95_a² + ci95_b²)/1.96 + floor)\n",
                moved.len(),
                now.seed,
                tol.k
            ));
            found.text.push_str(&check::table(moved));
        }
        if failed > 0 && !update {
            found
                .regressions
                .push(format!("{} ({failed})", sc.labels.path));
        }
    }
}

/// The tolerance from the flags.
fn tolerance(args: &CheckArgs) -> Result<Tolerance> {
    if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
        return Err(Error::input(format!(
            "--tolerance: expected a multiplier of 0 or more such as 3, found {}",
            args.tolerance
        )));
    }
    let metrics = if args.metrics.is_empty() {
        Metric::ALL.to_vec()
    } else {
        let mut v = Vec::new();
        for key in &args.metrics {
            let m = Metric::from_key(key.trim()).ok_or_else(|| {
                let keys = Metric::ALL.map(Metric::key);
                Error::input(match crate::suggest::closest(key.trim(), keys) {
                    Some(k) => format!(
                        "--metrics: expected metric keys, found \"{key}\" (did you mean {k}?)"
                    ),
                    None => format!(
                        "--metrics: expected metric keys from {}, found \"{key}\"",
                        keys.join(", ")
                    ),
                })
            })?;
            if !v.contains(&m) {
                v.push(m);
            }
        }
        v
    };
    Ok(Tolerance {
        k: args.tolerance,
        metrics,
        per_interval: !args.overall_only,
    })
}

fn read_baseline(path: &Path) -> Baseline {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Baseline::Missing,
        Err(e) => return Baseline::Unreadable(io_reason(&e)),
    };
    let value: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Baseline::Unreadable(format!("invalid JSON: {e}")),
    };
    match Summary::from_json(&value) {
        Ok(s) => Baseline::Found(s),
        Err(why) => Baseline::Unreadable(why),
    }
}
