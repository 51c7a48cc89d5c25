//! ccsim: a discrete-event call-centre simulator.
//!
//! The pipeline: a scenario file is parsed and validated ([`scenario`]) into a
//! [`scenario::Scenario`]: the [`model::Model`] of the centre (call types, agent groups,
//! the planning clock; durations from [`dist`]), the experiment settings and the labels.
//! The [`engine`] simulates one replication of a model with no I/O and fills a
//! [`stats::Tally`]; [`replicate`] runs many in parallel and [`stats`] turns them into
//! means and confidence intervals; [`report`] writes every output format. [`staffing`]
//! finds the agents needed; [`sweep`] runs what-if grids of [`model::Change`]s with
//! common random numbers (their files are written by [`report::sweep`]); [`check`]
//! compares results with stored baselines; [`erlang`] holds the exact analytic formulas;
//! [`warnings`] flags input that is valid but probably not what the user meant; and
//! [`schema`] generates the published JSON Schemas. Command-line flags are validated once
//! into [`settings`]; [`commands`] glue it all together for `main.rs`.
//! [`calllog`] reads a switch's call log, fits a scenario to it and back-tests one.
//! `docs/architecture.md` draws the data flow and says where new things go.
pub mod calllog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod dist;
pub mod duration;
pub mod engine;
pub mod erlang;
pub mod error;
pub mod model;
pub mod progress;
pub mod replicate;
pub mod report;
pub mod scenario;
pub mod schedule;
pub mod schema;
pub mod settings;
pub mod staffing;
pub mod stats;
pub mod suggest;
pub mod sweep;
pub mod warnings;
