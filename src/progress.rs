//! Progress bars on stderr for long work: shown only when stderr is a terminal and the
//! user did not ask for quiet; otherwise every call is a no-op.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar that hides itself when it should not be drawn.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A bar for `total` steps with a short label, visible only on an interactive stderr.
    pub fn new(total: u64, label: &str, quiet: bool) -> Self {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = if visible {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(10))
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template(
            // Fits an 80-column terminal: a wider line would wrap and smear on redraw.
            "{msg:20!} [{bar:20}] {pos}/{len} replications, {eta} left",
        )
        .expect("valid progress template")
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_message(label.to_string());
        // Short runs finish before the first draw, so they never flash a bar.
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress { bar }
    }

    /// A spinner for work of unknown length, counting steps ("candidate staffings").
    pub fn spinner(label: &str, quiet: bool) -> Self {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = if visible {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10))
        } else {
            ProgressBar::hidden()
        };
        let style = ProgressStyle::with_template(
            "{spinner} {msg:40!} {pos} candidates simulated, {elapsed}",
        )
        .expect("valid progress template");
        bar.set_style(style);
        bar.set_message(label.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar }
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    /// Removes the bar from the screen.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// Prints a warning for people on stderr.
pub fn warn(msg: &str) {
    eprintln!("warning: {msg}");
}
