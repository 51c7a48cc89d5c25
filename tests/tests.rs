//! One integration-test binary, a module per area.
mod common;
mod support;

mod accuracy;
mod check;
mod cli;
mod erlang;
mod report;
mod scenario_errors;
mod schema;
mod staffing;
mod sweep;
