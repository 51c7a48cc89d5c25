//! Command-line argument definitions only; turning them into validated settings happens
//! in the command modules under `commands/`.

pub mod erlang;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Discrete-event call-centre simulator: service levels, staffing and what-if sweeps.
#[derive(Debug, Parser)]
#[command(name = "ccsim", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Simulate scenarios and report service levels with confidence intervals.
    Run(RunArgs),
    /// Check scenario files without simulating.
    Validate(ValidateArgs),
    /// Exact analytic calculators: Erlang B, Erlang C (and M/M/c/K), Erlang A.
    Erlang(erlang::ErlangArgs),
    /// Required agents per interval to meet the service-level target in every interval.
    Staff(StaffArgs),
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files (TOML).
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
    /// Output folder [default: output/<scenario file stem>/]; with several scenarios,
    /// each gets a sub-folder named after its file.
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Number of replications (overrides the scenario's [simulation] value).
    #[arg(long, value_name = "N")]
    pub replications: Option<u64>,
    /// Random seed (overrides the scenario's [simulation] value).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads [default: one per core]; results do not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print summary.json to stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Do not draw the charts (the report is still written, without them).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the charts and the report: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Scenario files (TOML).
    #[arg(required = true, value_name = "SCENARIO")]
    pub scenarios: Vec<String>,
}

#[derive(Debug, Args)]
pub struct StaffArgs {
    /// Scenario file (TOML); its staffing is shown as "planned" beside the result.
    #[arg(value_name = "SCENARIO")]
    pub scenario: String,
    /// How to find the required agents.
    #[arg(long, value_enum, default_value_t = StaffMethod::Sim)]
    pub method: StaffMethod,
    /// Show Erlang C, Erlang A (when callers hang up) and the simulation side by side.
    #[arg(long)]
    pub compare: bool,
    /// Output folder [default: output/<scenario file stem>/].
    #[arg(long, value_name = "DIR")]
    pub out: Option<String>,
    /// Replications per candidate staffing (overrides the scenario).
    #[arg(long, value_name = "N")]
    pub replications: Option<u64>,
    /// Random seed (overrides the scenario).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads [default: one per core].
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Print staffing.json to stdout instead of the table.
    #[arg(long)]
    pub json: bool,
    /// No progress display.
    #[arg(long, short)]
    pub quiet: bool,
    /// Do not draw the charts (the report is still written, without them).
    #[arg(long)]
    pub no_charts: bool,
    /// Language of the charts and the report: en (English) or fr (français).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = crate::report::i18n::parse_lang)]
    pub lang: crate::report::i18n::Lang,
}

/// A way of finding required agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StaffMethod {
    /// Search with the simulation itself (carry-over, abandonment, real handle times).
    Sim,
    /// Classic Erlang C, each interval on its own.
    ErlangC,
    /// Erlang A (callers hang up after an exponential patience), each interval on its own.
    ErlangA,
}

impl StaffMethod {
    /// The name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            StaffMethod::Sim => "sim",
            StaffMethod::ErlangC => "erlang-c",
            StaffMethod::ErlangA => "erlang-a",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            StaffMethod::Sim => "Simulation",
            StaffMethod::ErlangC => "Erlang C",
            StaffMethod::ErlangA => "Erlang A",
        }
    }
}
