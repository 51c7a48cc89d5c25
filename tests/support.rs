//! Helpers shared by the integration tests: the exact reference grid, scenario builders,
//! and running the binary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use ccsim::replicate::{self, RunOptions, RunResult};
use ccsim::report::{RunReport, json};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::Tally;

/// Exact analytic values from tests/data/erlang-grid.csv (a copy of shared/reference), keyed by
/// (case, model, patience_s or "", metric).
pub fn reference(case: &str, model: &str, patience_s: &str, metric: &str) -> f64 {
    static GRID: OnceLock<HashMap<(String, String, String, String), f64>> = OnceLock::new();
    let grid = GRID.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/erlang-grid.csv");
        let text = std::fs::read_to_string(path).expect("the reference grid is in tests/data");
        text.lines()
            .skip(1)
            .map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                (
                    (f[0].into(), f[1].into(), f[5].into(), f[8].into()),
                    f[9].parse().unwrap(),
                )
            })
            .collect()
    });
    *grid
        .get(&(case.into(), model.into(), patience_s.into(), metric.into()))
        .unwrap_or_else(|| panic!("no reference value for {case} {model} {patience_s} {metric}"))
}

/// Parses scenario text that the test expects to be valid.
pub fn scenario(text: &str) -> Scenario {
    parse_scenario("test.toml", text).unwrap_or_else(|e| panic!("test scenario is invalid: {e}"))
}

/// Runs a scenario through the library on all cores.
pub fn simulate(sc: &Scenario) -> RunResult {
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let opts = RunOptions {
        replications: sc.experiment.replications,
        threads: 0,
        on_progress: &|_| {},
        cancel: &cancel,
    };
    replicate::run(sc, &opts).expect("simulation runs")
}

/// Runs the ccsim binary with arguments, from the crate root.
pub fn ccsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ccsim"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the ccsim binary runs")
}

/// A fresh, empty folder for one test, unique to this process and call, under cargo's
/// temporary folder for integration tests (`target/tmp`), so it can be inspected after
/// a failure and `cargo clean` removes it.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{tag}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fresh empty folder like [`temp_dir`], removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        TempDir(temp_dir(tag))
    }

    pub fn join(&self, p: &str) -> PathBuf {
        self.0.join(p)
    }

    /// A path inside, as a string for command-line arguments.
    pub fn arg(&self, p: &str) -> String {
        self.join(p).to_string_lossy().into_owned()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Path of a file in the repository, as a string.
pub fn repo_file(p: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(p)
        .to_string_lossy()
        .into_owned()
}

/// The exit code, stdout and stderr of a run, for assertions and messages.
pub fn outcome(o: &Output) -> (i32, String, String) {
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Simulates a scenario and returns its summary.json value.
pub fn summary(sc: &Scenario) -> serde_json::Value {
    let result = simulate(sc);
    json::summary_value(&RunReport {
        scenario: sc,
        result: &result,
    })
}

/// `text` with every run of white space made one space: prose ccsim wraps to 80 columns
/// reads the same wherever the line breaks fall.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Asserts two tallies count the same calls the same way: counts and histograms exactly,
/// the sum of waits to `wait_tol` relative, agent time (when asked) to 1e-9 relative.
pub fn assert_same_tally_to(wait_tol: f64, ctx: &str, a: &Tally, b: &Tally, with_agent_time: bool) {
    let n = a.intervals();
    for slot in 0..=n {
        let (f, s) = (&a.slots[slot], &b.slots[slot]);
        let ctx = format!("{ctx} slot {slot}");
        assert_eq!(
            (f.offered, f.answered, f.abandoned, f.blocked),
            (s.offered, s.answered, s.abandoned, s.blocked),
            "{ctx}: counts"
        );
        assert_eq!(
            (f.answered_within, f.abandoned_within),
            (s.answered_within, s.abandoned_within),
            "{ctx}: within threshold"
        );
        assert!(
            (f.wait_sum - s.wait_sum).abs() <= wait_tol * s.wait_sum.max(1.0),
            "{ctx}: wait sum {} vs {}",
            f.wait_sum,
            s.wait_sum
        );
        if slot < n {
            assert_eq!(a.histogram(slot), b.histogram(slot), "{ctx}: histogram");
            if with_agent_time {
                for (x, y, what) in [
                    (f.busy_time, s.busy_time, "busy"),
                    (f.staffed_time, s.staffed_time, "on the phones"),
                ] {
                    assert!(
                        (x - y).abs() <= 1e-9 * y.max(1.0),
                        "{ctx}: {what} time {x} vs {y}"
                    );
                }
            }
        }
    }
}
