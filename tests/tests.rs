//! One integration-test binary, a module per area.
mod support;

mod accuracy;
mod calllog;
mod check;
mod cli;
mod engine_oracle;
mod erlang;
mod extreme;
mod invariants;
mod pooled;
mod report;
mod robustness;
mod scenario_errors;
mod schema;
mod skills;
mod skills_props;
mod staffing;
mod staffing_groups;
mod sweep;
mod terminal;
mod uncertainty;
