//! One integration-test binary, a module per area.
mod support;

mod accuracy;
mod calllog;
mod check;
mod cli;
mod compare;
mod engine_oracle;
mod erlang;
mod extreme;
mod invariants;
mod print_check;
mod report;
mod robustness;
mod scenario_errors;
mod schedule;
mod schema;
mod sheets;
mod shifts;
mod skills;
mod staffing;
mod sweep;
mod terminal;
mod uncertainty;
mod words;
