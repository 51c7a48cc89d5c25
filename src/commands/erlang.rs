//! `ccsim erlang`: the analytic calculators on the command line.

use crate::cli::erlang::ErlangArgs;
use crate::error::Result;

/// Runs the calculator and returns the text for stdout.
pub fn run(_args: &ErlangArgs) -> Result<String> {
    Ok(String::new())
}
