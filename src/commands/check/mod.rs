//! `ccsim check`: run scenarios and compare each with its baseline `DIR/<stem>.json`
//! (and, when present, its per-replication values `DIR/<stem>.reps.csv.gz`); `--update`
//! writes both instead.
//!
//! Each scenario gets its own outcome, so one broken scenario or missing baseline never
//! hides another's regression; the exit code is the worst outcome's (SPEC: 1 regression,
//! 2 bad input such as a missing or incomparable baseline, 3 runtime failure), and one
//! summary line on stderr names every scenario that is not fine. The results print as
//! tables (80 columns), or as JSON with `--json`; `--junit FILE` also writes JUnit XML.

mod json;
mod junit;
mod text;

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

use super::shared;
use crate::check::{self, Comparison, Pairs, Replications, Summary, Tolerance};
use crate::cli::CheckArgs;
use crate::error::{Error, Result, io_reason};
use crate::progress::Progress;
use crate::replicate::{self, RunOptions};
use crate::report::{self, RunReport, output};
use crate::scenario::Scenario;
use crate::settings::{self, SimSettings};
use crate::stats::Metric;

pub use json::schema;

/// What `check` prints, and its verdict (None when every scenario is fine).
#[derive(Debug)]
pub struct CheckOutcome {
    pub text: String,
    pub verdict: Option<Error>,
}

/// How one scenario's check ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Compared; nothing regressed.
    Passed,
    /// Compared; this many metric × place comparisons regressed.
    Regressed(usize),
    /// `--update` wrote the baseline.
    Updated,
    /// No baseline file.
    NoBaseline,
    /// The baseline file cannot be read as a summary: why.
    Unusable(String),
    /// The baseline belongs to another seed or interval layout: why.
    NotComparable(Vec<String>),
    /// The scenario could not be loaded or simulated.
    Failed(Error),
}

impl Status {
    /// The exit code this outcome alone would give (SPEC's table).
    pub fn exit_code(&self) -> u8 {
        match self {
            Status::Passed | Status::Updated => 0,
            Status::Regressed(_) => 1,
            Status::NoBaseline | Status::Unusable(_) | Status::NotComparable(_) => 2,
            Status::Failed(e) => e.exit_code(),
        }
    }

    /// A stable word for JSON and JUnit.
    pub fn key(&self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Regressed(_) => "regressed",
            Status::Updated => "updated",
            Status::NoBaseline => "no_baseline",
            Status::Unusable(_) => "unusable_baseline",
            Status::NotComparable(_) => "not_comparable",
            Status::Failed(_) => "error",
        }
    }
}

/// One scenario's check.
#[derive(Debug, Clone)]
pub struct ScenarioCheck {
    /// The scenario file as given.
    pub path: String,
    /// The scenario's name, once loaded.
    pub name: Option<String>,
    /// The baseline file (and its companion, when one was used or written).
    pub baseline: PathBuf,
    pub companion: Option<PathBuf>,
    pub status: Status,
    /// What differs between baseline and run without preventing the comparison.
    pub notes: Vec<String>,
    pub seed: Option<u64>,
    pub replications: Option<u64>,
    pub baseline_replications: Option<u64>,
    pub intervals: Option<usize>,
    pub comparison: Option<Comparison>,
}

impl ScenarioCheck {
    fn new(path: &str, baseline: PathBuf, status: Status) -> Self {
        ScenarioCheck {
            path: path.to_string(),
            name: None,
            baseline,
            companion: None,
            status,
            notes: Vec::new(),
            seed: None,
            replications: None,
            baseline_replications: None,
            intervals: None,
            comparison: None,
        }
    }
}

/// Everything one `check` found, for the renderers.
pub struct Report<'a> {
    pub tol: &'a Tolerance,
    pub update: bool,
    pub baseline_flag: &'a str,
    pub checks: Vec<ScenarioCheck>,
}

impl Report<'_> {
    /// The worst exit code of all scenarios.
    pub fn exit_code(&self) -> u8 {
        self.checks
            .iter()
            .map(|c| c.status.exit_code())
            .max()
            .unwrap_or(0)
    }
}

pub fn run(args: &CheckArgs) -> Result<CheckOutcome> {
    let tol = tolerance(args)?;
    let sim = SimSettings::new(args.replications, args.seed, args.threads, args.quiet)?;
    let dir = PathBuf::from(settings::folder_flag(
        "--baseline",
        "the baselines",
        &args.baseline,
    )?);
    if let Some(f) = &args.junit {
        junit::check_path(f)?;
    }
    let (slots, scenarios, mut checks) = load_all(args, &sim, &dir)?;
    let stems = unique_stems(&scenarios, &dir)?;
    let mut writes = Vec::new();
    for ((slot, sc), stem) in slots.iter().zip(&scenarios).zip(&stems) {
        let (check, files) = check_one(args, &tol, &sim, &dir, sc, stem)?;
        checks[*slot] = Some(check);
        writes.extend(files);
    }
    if args.update {
        // Every scenario simulated: only now is anything written, so a failure in the
        // last scenario leaves every old baseline as it was.
        // Each file atomically, the folder's other files left alone (baselines of
        // scenarios not named this time).
        output::ensure_dir(&dir)?;
        for (name, bytes) in &writes {
            output::write_atomic(&dir, name, bytes)?;
        }
    }
    let report = Report {
        tol: &tol,
        update: args.update,
        baseline_flag: &args.baseline,
        checks: checks
            .into_iter()
            .map(|c| c.expect("every scenario checked"))
            .collect(),
    };
    let verdict = verdict(&report);
    if let Some(f) = &args.junit {
        junit::write(Path::new(f), &report)?;
    }
    let text = if args.json {
        json::text(&report, verdict.as_ref())
    } else {
        text::text(&report)
    };
    Ok(CheckOutcome { text, verdict })
}

/// Files to write with `--update`: name in the baseline folder and bytes.
type Files = Vec<(String, Vec<u8>)>;

/// Loads every scenario. With `--update` a bad one stops everything (nothing is written);
/// without, it becomes that scenario's outcome and the others are still checked.
/// Returns the loaded scenarios with their places in the command line, and a slot per
/// scenario for its outcome (already filled for those that failed to load).
#[allow(clippy::type_complexity)]
fn load_all(
    args: &CheckArgs,
    sim: &SimSettings,
    dir: &Path,
) -> Result<(Vec<usize>, Vec<Scenario>, Vec<Option<ScenarioCheck>>)> {
    let (mut slots, mut loaded, mut checks) = (Vec::new(), Vec::new(), Vec::new());
    for (slot, path) in args.scenarios.iter().enumerate() {
        match sim.load_one(path) {
            Ok(sc) => {
                slots.push(slot);
                loaded.push(sc);
                checks.push(None);
            }
            Err(e) if args.update => return Err(e),
            Err(e) => {
                let stem = Path::new(path)
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into_owned());
                checks.push(Some(ScenarioCheck::new(
                    path,
                    dir.join(format!("{stem}.json")),
                    Status::Failed(e),
                )));
            }
        }
    }
    Ok((slots, loaded, checks))
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

/// A baseline as found on disk.
enum Baseline {
    Missing,
    Unreadable(String),
    Found(Summary),
}

/// Checks one scenario: reads its baseline, simulates (unless there is nothing to
/// compare or write), compares; with `--update`, returns the files to write.
fn check_one(
    args: &CheckArgs,
    tol: &Tolerance,
    sim: &SimSettings,
    dir: &Path,
    sc: &Scenario,
    stem: &str,
) -> Result<(ScenarioCheck, Files)> {
    let path = dir.join(format!("{stem}.json"));
    let companion_name = check::replications::file_name(stem);
    let companion_path = dir.join(&companion_name);
    let mut c = ScenarioCheck::new(&sc.labels.path, path.clone(), Status::Passed);
    c.name = Some(sc.labels.name.clone());
    c.seed = Some(sc.experiment.seed);
    c.replications = Some(sc.experiment.replications);
    c.intervals = Some(sc.model.intervals());
    let baseline = read_baseline(&path);
    let not_found = match &baseline {
        Baseline::Missing => Some((Status::NoBaseline, "there was no baseline yet".into())),
        Baseline::Unreadable(why) => Some((
            Status::Unusable(why.clone()),
            format!("the old baseline could not be used: {why}"),
        )),
        Baseline::Found(_) => None,
    };
    match not_found {
        // Nothing to compare: no need to simulate.
        Some((status, _)) if !args.update => {
            c.status = status;
            return Ok((c, Vec::new()));
        }
        Some((_, note)) => c.notes.push(note),
        None => {}
    }
    let (value, now, reps) = match simulate(sc, sim) {
        Ok(x) => x,
        Err(e) if args.update || shared::interrupt_flag().load(Ordering::SeqCst) => {
            return Err(e);
        }
        Err(e) => {
            c.status = Status::Failed(e);
            return Ok((c, Vec::new()));
        }
    };
    if let Baseline::Found(b) = &baseline {
        c.baseline_replications = Some(b.replications);
        let comparable = check::comparability(b, &now);
        c.notes = comparable.notes;
        if !comparable.refusals.is_empty() && args.update {
            c.notes.push(format!(
                "the old baseline was not compared: {}",
                comparable.refusals.join("; ")
            ));
        } else if comparable.refusals.is_empty() {
            let old = read_companion(&companion_path, b);
            let pairs = match &old {
                Ok(Some(old)) => {
                    c.companion = Some(companion_path.clone());
                    Some(Pairs {
                        baseline: old,
                        now: &reps,
                    })
                }
                Ok(None) => None,
                Err(why) => {
                    c.notes
                        .push(format!("{} was not used: {why}", companion_path.display()));
                    None
                }
            };
            let comparison = check::compare(b, &now, pairs, tol);
            let failed = comparison.regressions();
            c.comparison = Some(comparison);
            if failed > 0 {
                c.status = Status::Regressed(failed);
            }
        } else {
            c.status = Status::NotComparable(comparable.refusals);
        }
    }
    if !args.update {
        return Ok((c, Vec::new()));
    }
    c.status = Status::Updated;
    c.companion = Some(companion_path);
    let files = vec![
        (
            format!("{stem}.json"),
            report::json::to_text(&value).into_bytes(),
        ),
        (companion_name, reps.to_gz()),
    ];
    Ok((c, files))
}

/// Simulates with a progress bar, keeping every replication's values: the summary as
/// JSON, as read back by `check`, and the per-replication values.
fn simulate(
    sc: &Scenario,
    sim: &SimSettings,
) -> Result<(serde_json::Value, Summary, Replications)> {
    let reps = sc.experiment.replications;
    let progress = Progress::new(reps, &sc.labels.name, sim.quiet);
    let cancel = shared::interrupt_flag();
    let on_progress = |n: u64| progress.inc(n);
    let run = replicate::run_keeping_replications(
        sc,
        &RunOptions {
            replications: reps,
            threads: sim.threads,
            on_progress: &on_progress,
            cancel: &cancel,
        },
    );
    progress.finish();
    let (result, kept) = run?;
    let value = report::json::summary_value(&RunReport {
        scenario: sc,
        result: &result,
    });
    let now = Summary::from_json(&value).expect("ccsim reads its own summaries");
    let labels = now.intervals.iter().map(|(l, _)| l.clone()).collect();
    let metrics = Metric::reported(sc.model.has_redials());
    Ok((value, now, Replications::from_runs(labels, metrics, &kept)))
}

/// The verdict: None when every scenario is fine, else the worst outcome's error with
/// one summary line naming every scenario that is not fine.
fn verdict(report: &Report<'_>) -> Option<Error> {
    let code = report.exit_code();
    if code == 0 {
        return None;
    }
    let line = text::summary_line(report);
    Some(match code {
        1 => Error::Verdict(line),
        2 => Error::Input(line),
        _ => Error::Runtime(line),
    })
}

/// The tolerance from the flags.
fn tolerance(args: &CheckArgs) -> Result<Tolerance> {
    if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
        return Err(Error::input(format!(
            "--tolerance: expected a multiplier of 0 or more such as 3, found {}",
            args.tolerance
        )));
    }
    if !(args.alpha > 0.0 && args.alpha < 1.0) {
        return Err(Error::input(format!(
            "--alpha: expected a false-alarm rate between 0 and 1 such as 0.01, found {}",
            args.alpha
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
        alpha: args.alpha,
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

/// The baseline's per-replication values: None when there are none (an older baseline),
/// Err when the file is there but unreadable or belongs to another baseline.
fn read_companion(
    path: &Path,
    baseline: &Summary,
) -> std::result::Result<Option<Replications>, String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_reason(&e)),
    };
    let reps = Replications::from_gz(&bytes)?;
    reps.matches(baseline)
        .map_err(|why| format!("it does not match the baseline: {why}"))?;
    Ok(Some(reps))
}
