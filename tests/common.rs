//! Helpers of the sweep, check and schema tests (beside `support`): self-cleaning
//! temporary folders, exit codes and summaries.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::atomic::{AtomicUsize, Ordering};

use ccsim::report::{RunReport, json};
use ccsim::scenario::Scenario;

pub use crate::support::ccsim;

/// A fresh empty folder under the target directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "{label}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
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
    let result = crate::support::simulate(sc);
    json::summary_value(&RunReport {
        scenario: sc,
        result: &result,
    })
}
