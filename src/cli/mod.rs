//! Command-line argument definitions only; turning them into validated settings happens
//! in the command modules under `commands/`.

pub mod erlang;

use clap::{Parser, Subcommand};

/// Discrete-event call-centre simulator: service levels, staffing and what-if sweeps.
#[derive(Debug, Parser)]
#[command(name = "ccsim", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Exact analytic calculators: Erlang B, Erlang C (and M/M/c/K), Erlang A.
    Erlang(erlang::ErlangArgs),
}
