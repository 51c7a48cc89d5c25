//! One module per command: turn the arguments into settings, call the library, return
//! what to print. What several commands share is in `shared`; commands never import
//! each other.
pub mod backtest;
pub mod check;
pub mod erlang;
pub mod fit;
pub mod merge;
pub mod replay;
pub mod report;
pub mod run;
pub mod schedule;
mod shared;
pub mod staff;
pub mod sweep;
pub mod validate;
