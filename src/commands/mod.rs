//! One module per command: validate the arguments, call the library, return what to print.
pub mod check;
pub mod erlang;
pub mod merge;
pub mod run;
pub mod staff;
pub mod sweep;
pub mod validate;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
