//! Arguments of `fit` and `backtest`, and the column map of a call log they share.
// Doc comments here are `--help` text, not rustdoc.
#![allow(rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

use clap::Args;

use super::SimFlags;

/// Which column of the log holds what, and which outcome codes mean what.
#[derive(Debug, Args, Clone, Default)]
pub struct LogFlags {
    /// A column-map file (TOML: [columns], [outcomes], [dates]); flags override it.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// Column of the arrival (clock time or timestamp) [default: arrival].
    #[arg(long, value_name = "COL")]
    pub arrival: Option<String>,
    /// Column of the date, when arrivals are clock times [default: date, if present].
    #[arg(long, value_name = "COL")]
    pub date: Option<String>,
    /// Column of the time in queue [default: wait].
    #[arg(long, value_name = "COL")]
    pub wait: Option<String>,
    /// Column of the outcome code [default: outcome].
    #[arg(long, value_name = "COL")]
    pub outcome: Option<String>,
    /// Column of the talk time [default: talk, if present].
    #[arg(long, value_name = "COL")]
    pub talk: Option<String>,
    /// Column of the wrap-up time, added to talk [default: wrap, if present].
    #[arg(long, value_name = "COL")]
    pub wrap: Option<String>,
    /// Column of the call type [default: type, if present].
    #[arg(long = "type", value_name = "COL")]
    pub call_type: Option<String>,
    /// Column of the agent who answered [default: agent, if present].
    #[arg(long, value_name = "COL")]
    pub agent: Option<String>,
    /// Outcome codes of answered calls, comma-separated [default: answered].
    #[arg(long, value_name = "VALUES", value_delimiter = ',')]
    pub answered: Option<Vec<String>>,
    /// Outcome codes of hang-ups in the queue [default: abandoned].
    #[arg(long, value_name = "VALUES", value_delimiter = ',')]
    pub abandoned: Option<Vec<String>>,
    /// Outcome codes of busy signals [default: busy].
    #[arg(long, value_name = "VALUES", value_delimiter = ',')]
    pub busy: Option<Vec<String>>,
    /// Outcome codes of calls handled in the voice menu, kept apart [default: ivr].
    #[arg(long, value_name = "VALUES", value_delimiter = ',')]
    pub ivr: Option<Vec<String>>,
    /// Read slashed dates month first (11/02/2026 is 2 November).
    #[arg(long)]
    pub month_first: bool,
    /// Leave out rows that cannot be read (counted by reason) instead of refusing the log.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim fit scenarios/example-log.csv
  ccsim fit log.csv --arrival Start --wait Queue --outcome Result --answered ANS \\
      --abandoned ABN --talk Talk --wrap ACW --agent AgentID --out monday.toml")]
pub struct FitArgs {
    /// The call log (CSV, one row per call).
    #[arg(value_name = "LOG")]
    pub log: String,
    /// Where the scenario goes [default: output/<log file stem>-fitted.toml].
    #[arg(long, value_name = "SCENARIO")]
    pub out: Option<String>,
    /// Planning interval of the scenario.
    #[arg(long, value_name = "DURATION", default_value = "30m")]
    pub interval: String,
    /// Fit only the days of this weekday (monday … sunday) [default: every day].
    #[arg(long, value_name = "DAY")]
    pub weekday: Option<String>,
    /// Agents in every interval, instead of the estimate from the log.
    #[arg(long, value_name = "N")]
    pub agents: Option<u32>,
    /// Service-level threshold written into the scenario.
    #[arg(long, value_name = "DURATION", default_value = "20s")]
    pub threshold: String,
    /// Service-level target written into the scenario.
    #[arg(long, value_name = "FRACTION", default_value_t = 0.8)]
    pub target: f64,
    /// Name of the scenario [default: "Fitted from <log file>"].
    #[arg(long, value_name = "TEXT")]
    pub name: Option<String>,
    /// Skip the goodness-of-fit charts (written beside the scenario otherwise).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the charts: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
    #[command(flatten)]
    pub log_flags: LogFlags,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim backtest scenarios/example-log.csv scenarios/example-log-fitted.toml
  ccsim backtest log.csv plan.toml --weekday monday --out results/backtest")]
pub struct BacktestArgs {
    /// The call log (CSV, one row per call).
    #[arg(value_name = "LOG")]
    pub log: String,
    /// The scenario to compare with the log.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// Output folder [default: output/<scenario file stem>-backtest/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Compare only the days of this weekday (monday … sunday) [default: every day].
    #[arg(long, value_name = "DAY")]
    pub weekday: Option<String>,
    /// Print backtest.csv to stdout instead of the table.
    #[arg(long)]
    pub csv: bool,
    #[command(flatten)]
    pub sim: SimFlags,
    #[command(flatten)]
    pub log_flags: LogFlags,
    /// Skip the charts (backtest-service-level and backtest-abandonment, SVG and PNG).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the charts: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
}

#[derive(Debug, Args)]
#[command(after_help = "\
EXAMPLES:
  ccsim replay scenarios/example-log.csv scenarios/example-log-fitted.toml
  ccsim replay log.csv plus-two-agents.toml --log-handle-times --weekday tuesday")]
pub struct ReplayArgs {
    /// The call log (CSV, one row per call).
    #[arg(value_name = "LOG")]
    pub log: String,
    /// The scenario whose staffing, patience and handle times serve the log's calls.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// Answered calls keep the log's handle time (the others draw from the scenario).
    #[arg(long)]
    pub log_handle_times: bool,
    /// Replay only the days of this weekday (monday … sunday) [default: every day].
    #[arg(long, value_name = "DAY")]
    pub weekday: Option<String>,
    /// Replications: each replays every day with new patience (and handle) draws
    /// [default: the scenario's].
    #[arg(long, value_name = "N")]
    pub replications: Option<u64>,
    /// Random seed [default: the scenario's].
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    #[command(flatten)]
    pub log_flags: LogFlags,
}
