//! The simulation engine: one replication of one scenario, pure and without I/O.
//!
//! [`simulate`] runs the fast recursion ([`recursion`]); [`events`] is the same model
//! simulated event by event, kept as its test oracle and as the starting point for
//! models a recursion cannot express. Both draw arrivals, handle times and patience the
//! same way ([`arrivals`]), from per-purpose random streams ([`rng`]).
//!
//! Several call types and agent groups (SPEC's planned extensions) need routing decisions
//! at every completion, which only the event engine can make: it would get one queue per
//! call type and one heap per agent group, with `serve_waiting` as the routing step;
//! arrivals, tallies and statistics stay as they are.

mod arrivals;
pub mod events;
mod heap;
mod recursion;
pub mod rng;

pub use heap::TimeHeap;

use crate::scenario::Scenario;
use crate::stats::Tally;

/// What a replication reports besides its tally.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    /// Calls left waiting forever: no agents at close and nobody hangs up.
    pub stranded: u64,
    /// Calls still waiting at close (the end of arrivals): the backlog carried past it.
    pub waiting_at_close: u64,
}

/// Reusable working memory for replications of one scenario (no allocation per call).
#[derive(Debug, Default)]
pub struct Workspace {
    agents: TimeHeap,
    in_centre: TimeHeap,
}

/// Simulates replication `replication` of `sc`, filling `tally` (which it resets first).
pub fn simulate(sc: &Scenario, replication: u64, tally: &mut Tally, ws: &mut Workspace) -> Outcome {
    recursion::simulate(sc, replication, tally, ws)
}
