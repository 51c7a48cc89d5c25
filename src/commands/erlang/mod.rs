//! `ccsim erlang b|c|a`: turns the raw flags into validated settings (every bad or
//! contradictory flag is named in the error), evaluates or solves with
//! [`crate::erlang`], and formats the figures as text for people or one JSON object.
//!
//! * `flags` reads one flag at a time; `settings` checks them against each other and
//!   the model.
//! * `evaluate` finds the staffing (given or solved) and lists the figures in output
//!   order; `figures` holds each model's own figures.
//! * `words` puts settings into words for headers, descriptions and messages.
//! * `report` prints the figures as a text table or as one JSON object, whose JSON
//!   Schema ([`schema`], published as `schema/erlang.schema.json`) is in `json_schema`.

mod evaluate;
mod figures;
mod flags;
mod json_schema;
mod report;
mod settings;
mod words;

pub use json_schema::schema;

use crate::cli::erlang::ErlangArgs;
use crate::erlang::ErlangError;
use crate::error::{Error, Result};
use settings::Settings;

/// Runs the calculator and returns the text for stdout.
pub fn run(args: &ErlangArgs) -> Result<String> {
    let (model, flags) = args.flags();
    let settings = Settings::from_args(model, &flags)?;
    let report = settings.evaluate()?;
    Ok(if flags.json {
        report.to_json()
    } else {
        report.to_text()
    })
}

fn input(msg: impl Into<String>) -> Error {
    Error::input(msg)
}

/// A math error the validation above should have prevented, still reported as bad input.
fn math_error(e: ErlangError) -> Error {
    input(e.to_string())
}
