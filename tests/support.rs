//! Helpers shared by the integration tests: the exact reference grid, scenario builders,
//! and running the binary.

use std::collections::HashMap;
use std::process::{Command, Output};
use std::sync::OnceLock;

use ccsim::replicate::{self, RunOptions, RunResult};
use ccsim::scenario::{Scenario, parse_scenario};

/// Exact analytic values from ../shared/reference/erlang-grid.csv, keyed by
/// (case, model, patience_s or "", metric).
pub fn reference(case: &str, model: &str, patience_s: &str, metric: &str) -> f64 {
    static GRID: OnceLock<HashMap<(String, String, String, String), f64>> = OnceLock::new();
    let grid = GRID.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/reference/erlang-grid.csv"
        );
        let text =
            std::fs::read_to_string(path).expect("the reference grid is in ../shared/reference");
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
        replications: sc.simulation.replications,
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

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ccsim-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
