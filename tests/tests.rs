//! One integration-test binary, a module per area.
mod support;

mod accuracy;
mod cli;
mod erlang;
mod report;
mod scenario_errors;
mod staffing;
