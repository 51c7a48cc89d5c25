//! Arguments of `ccsim erlang b|c|a`. Values stay raw here (durations and fractions as
//! text, counts as signed integers) so that `commands::erlang` can reject bad ones with a
//! message naming the flag, what it expected and what it found.

use clap::{Args, ValueEnum};

/// The analytic model to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ErlangModel {
    /// Erlang B: calls finding every line busy are lost (M/M/c/c).
    B,
    /// Erlang C: callers wait as long as it takes (M/M/c); with --lines, M/M/c/K.
    C,
    /// Erlang A: callers wait but hang up after an exponential patience (M/M/c+M).
    A,
}

/// `ccsim erlang b|c|a`: exact steady-state figures for Poisson arrivals and exponential
/// handle times, for a given staffing or solving for the smallest one meeting a goal.
#[derive(Debug, Args)]
#[command(allow_negative_numbers = true)]
pub struct ErlangArgs {
    /// Model: b (lost calls), c (callers wait; M/M/c/K with --lines), a (callers may hang up).
    #[arg(value_enum)]
    pub model: ErlangModel,

    /// Calls arriving in each --per period (Poisson arrivals).
    #[arg(long, value_name = "N")]
    pub calls: Option<f64>,

    /// The period --calls covers, e.g. 1h or 30m.
    #[arg(long, value_name = "DURATION")]
    pub per: Option<String>,

    /// Average handle time: talk + hold + wrap-up, e.g. 4m or 240s.
    #[arg(long, value_name = "DURATION")]
    pub aht: Option<String>,

    /// Agents on the phones. Leave out to solve for the fewest meeting the goal.
    #[arg(long, value_name = "N")]
    pub agents: Option<i64>,

    /// Lines: most calls in the centre, talking or waiting (b: the trunks; c: M/M/c/K).
    #[arg(long, value_name = "K")]
    pub lines: Option<i64>,

    /// Service-level threshold ("answered within"), e.g. 20s.
    #[arg(long, value_name = "DURATION")]
    pub threshold: Option<String>,

    /// Service-level goal to solve for, as a fraction or percentage (0.8 or 80%); needs
    /// --threshold.
    #[arg(long, value_name = "FRACTION")]
    pub target: Option<String>,

    /// Which service level --target means (c with --lines, and a).
    #[arg(long, value_enum, value_name = "DEFINITION")]
    pub sl_of: Option<crate::model::SlDefinition>,

    /// Solve for a mean wait of answered calls (ASA) at most this long, e.g. 30s.
    #[arg(long, value_name = "DURATION")]
    pub asa_target: Option<String>,

    /// Solve with occupancy kept at or below this fraction (0.85 or 85%).
    #[arg(long, value_name = "FRACTION")]
    pub max_occupancy: Option<String>,

    /// Solve for blocking at most this fraction (b, and c with --lines).
    #[arg(long, value_name = "FRACTION")]
    pub max_blocking: Option<String>,

    /// Share of paid time off the phones; also reports scheduled = agents ÷ (1 − shrinkage).
    #[arg(long, value_name = "FRACTION")]
    pub shrinkage: Option<String>,

    /// Mean patience before a waiting caller hangs up (exponential), e.g. 2m (a only).
    #[arg(long, value_name = "DURATION")]
    pub patience: Option<String>,

    /// Print the figures as one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}
