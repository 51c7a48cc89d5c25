//! ccsim: a discrete-event call-centre simulator.
//!
//! The pipeline: a scenario file is parsed and validated ([`scenario`]) into a model whose
//! durations come from [`dist`]; the [`engine`] simulates one replication of it with no
//! I/O and fills a per-replication [`engine::Tally`]; [`stats`] turns many replications
//! into means and confidence intervals; [`report`] writes them as JSON, CSV and tables.
//! [`erlang`] holds the exact analytic formulas the simulation is checked against;
//! [`warnings`] flags input that is valid but probably not what the user meant.
//! [`sweep`] runs what-if grids of variants with common random numbers (their files are
//! written by [`report::sweep`]), [`check`] compares results with stored baselines, and
//! [`schema`] generates the published JSON Schemas.
pub mod check;
pub mod cli;
pub mod commands;
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
pub mod schema;
pub mod settings;
pub mod staffing;
pub mod stats;
pub mod sweep;
pub mod warnings;
