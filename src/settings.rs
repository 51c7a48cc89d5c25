//! Command-line flags validated once into settings (low-level arguments in [`crate::cli`]
//! become the high-level settings here), shared by `run`, `staff`, `sweep` and `check`.

use std::path::{Path, PathBuf};

use crate::cli::{ReportFlags, SimFlags};
use crate::error::{Error, Result};
use crate::report::client::ReportOptions;
use crate::scenario::{self, Scenario};

/// More worker threads than this only spend time starting them.
pub const MAX_THREADS: usize = 1024;

/// How to simulate: overrides of the scenario's experiment settings, threads, progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimSettings {
    /// Replaces the scenario's `[simulation] replications` when given.
    pub replications: Option<u64>,
    /// Replaces the scenario's `[simulation] seed` when given.
    pub seed: Option<u64>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// No progress bar.
    pub quiet: bool,
}

impl SimSettings {
    pub fn from_flags(f: &SimFlags) -> Result<SimSettings> {
        SimSettings::new(f.replications, f.seed, f.threads, f.quiet)
    }

    /// Validates the values of `--replications` and `--threads` (the thread count
    /// defaults to one per core).
    pub fn new(
        replications: Option<u64>,
        seed: Option<u64>,
        threads: Option<usize>,
        quiet: bool,
    ) -> Result<SimSettings> {
        if replications == Some(0) {
            return Err(Error::input("--replications: expected at least 1, found 0"));
        }
        let threads = match threads {
            Some(0) => return Err(Error::input("--threads: expected at least 1, found 0")),
            Some(n) if n > MAX_THREADS => {
                return Err(Error::input(format!(
                    "--threads: expected at most {MAX_THREADS} worker threads, found {n} \
                     (leave it out for one per core)"
                )));
            }
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(SimSettings {
            replications,
            seed,
            threads,
            quiet,
        })
    }

    /// Loads and validates scenario files, with the overrides applied.
    pub fn load(&self, paths: &[String]) -> Result<Vec<Scenario>> {
        paths.iter().map(|p| self.load_one(p)).collect()
    }

    pub fn load_one(&self, path: &str) -> Result<Scenario> {
        let mut sc = scenario::load(path)?;
        if let Some(r) = self.replications {
            sc.experiment.replications = r;
        }
        if let Some(s) = self.seed {
            sc.experiment.seed = s;
        }
        Ok(sc)
    }
}

/// Where results go: `--out` as given, or `output/<file stem><suffix>/`. An empty `--out`
/// (which would write into the current folder) and a file name that gives no folder name
/// (`...toml` would send results to `output/../`) are refused.
pub fn output_dir(out: Option<&str>, sc: &Scenario, suffix: &str) -> Result<PathBuf> {
    match out {
        Some(dir) => checked_out(dir).map(PathBuf::from),
        None => Ok(Path::new("output").join(format!("{}{suffix}", folder_name(sc)?))),
    }
}

/// `--out` must name a folder.
pub fn checked_out(dir: &str) -> Result<&str> {
    folder_flag("--out", "the results", dir)
}

/// A folder flag (`--out`, `--baseline`) must name a folder: an empty name would mean the
/// current one.
pub fn folder_flag<'a>(flag: &str, what: &str, dir: &'a str) -> Result<&'a str> {
    if dir.trim().is_empty() {
        return Err(Error::input(format!(
            "{flag}: expected a folder for {what}, found an empty name"
        )));
    }
    Ok(dir)
}

/// The scenarios' folder names ([`folder_name`]), refused when two are alike: they
/// would share an output folder or a baseline; `clash` says which, for a stem.
pub fn distinct_folder_names(
    scenarios: &[Scenario],
    clash: impl Fn(&str) -> String,
) -> Result<Vec<String>> {
    let stems = scenarios
        .iter()
        .map(folder_name)
        .collect::<Result<Vec<String>>>()?;
    for (i, s) in stems.iter().enumerate() {
        if stems[..i].contains(s) {
            return Err(Error::input(format!(
                "two scenarios share the file name \"{s}\" and {}; rename one",
                clash(s)
            )));
        }
    }
    Ok(stems)
}

/// The scenario's file stem as a folder name for its results.
pub fn folder_name(sc: &Scenario) -> Result<String> {
    let stem = sc.labels.stem();
    if stem.trim_matches('.').is_empty() {
        return Err(Error::input(format!(
            "{}: the file name gives no folder name for the results (\"{stem}\"); rename the \
             file or give --out",
            sc.labels.path
        )));
    }
    Ok(stem)
}

impl ReportOptions {
    pub fn from_flags(f: &ReportFlags) -> ReportOptions {
        ReportOptions {
            lang: f.lang,
            charts: !f.no_charts,
            meta: crate::report::client::ReportMeta {
                client: f.client.clone(),
                author: f.author.clone(),
                date: f.date.clone(),
                note: f.note.clone(),
            },
        }
    }
}

impl ReportOptions {
    /// These options with the scenario's `[report]` values wherever no flag gave one:
    /// flags override the file.
    pub fn with_scenario(&self, sc: &Scenario) -> ReportOptions {
        let file = &sc.labels.report;
        let pick = |flag: &Option<String>, file: &Option<String>| flag.clone().or(file.clone());
        let mut out = self.clone();
        out.meta.client = pick(&self.meta.client, &file.client);
        out.meta.author = pick(&self.meta.author, &file.author);
        out.meta.date = pick(&self.meta.date, &file.date);
        out.meta.note = pick(&self.meta.note, &file.note);
        out
    }
}
