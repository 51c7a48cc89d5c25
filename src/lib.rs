//! ccsim: a discrete-event call-centre simulator.
pub mod erlang;
