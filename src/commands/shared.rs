//! What several commands do alike: simulate with a progress bar that Ctrl-C can stop.
//! Commands import this, never each other.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Result;
use crate::progress::Progress;
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;
use crate::settings::SimSettings;

/// A flag set by Ctrl-C so long work can stop promptly and say so.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: std::sync::OnceLock<Arc<AtomicBool>> = std::sync::OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let f = flag.clone();
        // Failing to install the handler only means Ctrl-C kills the process at once,
        // which still leaves no half-written file thanks to atomic writes.
        let _ = ctrlc::set_handler(move || f.store(true, Ordering::SeqCst));
        flag
    })
    .clone()
}

/// Simulates one scenario with a progress bar.
pub fn simulate(sc: &Scenario, sim: &SimSettings) -> Result<RunResult> {
    let reps = sc.experiment.replications;
    let progress = Progress::new(reps, &sc.labels.name, sim.quiet);
    let cancel = interrupt_flag();
    let on_progress = |n: u64| progress.inc(n);
    let result = replicate::run(
        sc,
        &RunOptions {
            replications: reps,
            threads: sim.threads,
            on_progress: &on_progress,
            cancel: &cancel,
        },
    );
    progress.finish();
    result
}
