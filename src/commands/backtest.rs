//! `ccsim backtest LOG SCENARIO`.
use crate::cli::calllog::BacktestArgs;
use crate::error::{Error, Result};

/// What backtest prints, and its verdict (exit 1 when the log is not reproduced).
pub struct BacktestOutput {
    pub text: String,
    pub verdict: Option<Error>,
}

pub fn run(_args: &BacktestArgs) -> Result<BacktestOutput> {
    Err(Error::input("backtest: not yet"))
}
