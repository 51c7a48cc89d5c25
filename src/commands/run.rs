//! `ccsim run`: simulate scenarios, write their results, print a summary.

use std::path::{Path, PathBuf};

use crate::cli::RunArgs;
use crate::error::{Error, Result};
use crate::progress::{self, Progress};
use crate::replicate::{self, RunOptions, RunResult};
use crate::report::{self, RunReport, output};
use crate::scenario::{self, Scenario};
use crate::warnings;

/// Loads every scenario first (so bad input writes nothing), then simulates each.
pub fn run(args: &RunArgs) -> Result<String> {
    let scenarios = load_all(&args.scenarios, args.sim.replications, args.sim.seed)?;
    let threads = threads(args.sim.threads)?;
    let dirs = output_dirs(&scenarios, args.out.as_deref())?;
    let mut text = String::new();
    let mut summaries = Vec::new();
    for (sc, dir) in scenarios.iter().zip(&dirs) {
        // Warnings print even with --quiet, which only hides the progress bar: they say
        // the results may not mean what the user thinks.
        warnings::scenario_warnings(sc)
            .iter()
            .for_each(|w| progress::warn(w));
        let result = simulate(sc, threads, args.sim.quiet)?;
        warnings::result_warnings(sc, &result)
            .iter()
            .for_each(|w| progress::warn(w));
        let rep = RunReport {
            scenario: sc,
            result: &result,
        };
        let summary = report::json::summary_value(&rep);
        write_outputs(&rep, &summary, dir)?;
        let report_opts = report::client::ReportOptions {
            lang: args.report.lang,
            charts: !args.report.no_charts,
        };
        report::client::write(&rep, None, &report_opts, dir)?;
        if !args.json {
            text.push_str(&report::table::summary_table(&rep));
            text.push_str(&format!("Results written to {}/\n\n", dir.display()));
        }
        summaries.push(summary);
    }
    if args.json {
        let value = if summaries.len() == 1 {
            summaries.remove(0)
        } else {
            serde_json::Value::Array(summaries)
        };
        text = report::json::to_text(&value);
    }
    Ok(text)
}

/// Loads and validates scenarios, applying command-line overrides.
pub fn load_all(
    paths: &[String],
    replications: Option<u64>,
    seed: Option<u64>,
) -> Result<Vec<Scenario>> {
    if replications == Some(0) {
        return Err(Error::input("--replications: expected at least 1, found 0"));
    }
    paths
        .iter()
        .map(|p| {
            let mut sc = scenario::load(p)?;
            if let Some(r) = replications {
                sc.experiment.replications = r;
            }
            if let Some(s) = seed {
                sc.experiment.seed = s;
            }
            Ok(sc)
        })
        .collect()
}

/// The worker-thread count: the flag, or one per core.
pub fn threads(flag: Option<usize>) -> Result<usize> {
    match flag {
        Some(0) => Err(Error::input("--threads: expected at least 1, found 0")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// Simulates one scenario with a progress bar.
pub fn simulate(sc: &Scenario, threads: usize, quiet: bool) -> Result<RunResult> {
    let reps = sc.experiment.replications;
    let progress = Progress::new(reps, &sc.labels.name, quiet);
    let cancel = super::interrupt_flag();
    let on_progress = |n: u64| progress.inc(n);
    let result = replicate::run(
        sc,
        &RunOptions {
            replications: reps,
            threads,
            on_progress: &on_progress,
            cancel: &cancel,
        },
    );
    progress.finish();
    result
}

/// Where each scenario's results go: `--out` (a sub-folder per scenario when there are
/// several), or `output/<stem>/`.
fn output_dirs(scenarios: &[Scenario], out: Option<&str>) -> Result<Vec<PathBuf>> {
    let stems: Vec<String> = scenarios.iter().map(|s| s.labels.stem()).collect();
    for (i, s) in stems.iter().enumerate() {
        if stems[..i].contains(s) {
            return Err(Error::input(format!(
                "two scenarios share the file name \"{s}\" and would write to the same output folder; rename one"
            )));
        }
    }
    Ok(stems
        .iter()
        .map(|stem| match out {
            Some(dir) if scenarios.len() == 1 => PathBuf::from(dir),
            Some(dir) => Path::new(dir).join(stem),
            None => Path::new("output").join(stem),
        })
        .collect())
}

/// Writes `summary.json` and `intervals.csv` of a run into `dir`.
pub fn write_outputs(rep: &RunReport<'_>, summary: &serde_json::Value, dir: &Path) -> Result<()> {
    output::ensure_dir(dir)?;
    // Both files or neither: a failure never leaves a new summary beside an old CSV.
    output::write_all_atomic(
        dir,
        &[
            ("summary.json", report::json::to_text(summary).as_bytes()),
            ("intervals.csv", report::csv::intervals_csv(rep).as_bytes()),
        ],
    )
}
