//! Thin entry point: parse arguments, call the library, map errors to exit codes.

use std::io::Write;
use std::process::ExitCode;

use ccsim::cli::{Cli, Command};
use ccsim::commands;
use clap::Parser;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // A negative verdict (`check`) still prints its results before setting the exit code.
    let mut verdict = None;
    let result = match &cli.command {
        Command::Run(args) => commands::run::run(args),
        Command::Validate(args) => commands::validate::run(args),
        Command::Erlang(args) => commands::erlang::run(args),
        Command::Staff(args) => commands::staff::run(args),
        Command::Sweep(args) => commands::sweep::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Check(args) => commands::check::run(args).map(|out| {
            verdict = out.verdict;
            out.text
        }),
        Command::Fit(args) => commands::fit::run(args),
        Command::Replay(args) => commands::replay::run(args),
        Command::Schedule(args) => commands::schedule::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Backtest(args) => commands::backtest::run(args).map(|out| {
            verdict = out.verdict;
            out.text
        }),
    };
    match result {
        Ok(text) => match (print_stdout(&text), verdict) {
            (code, None) => code,
            (_, Some(e)) => {
                eprintln!("error: {e}");
                ExitCode::from(e.exit_code())
            }
        },
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

/// Writes results to stdout; a closed pipe (`ccsim ... | head`) is not an error.
fn print_stdout(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let text = ccsim::report::term::terminal_safe(text);
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to stdout: {e}");
            ExitCode::from(3)
        }
    }
}
