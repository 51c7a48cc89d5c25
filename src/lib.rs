//! ccsim: a discrete-event call-centre simulator.
pub mod cli;
pub mod commands;
pub mod duration;
pub mod erlang;
pub mod error;
