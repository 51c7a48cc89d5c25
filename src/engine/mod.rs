//! The simulation engine: one replication of one scenario, pure and without I/O.
//!
//! The engine reads only the [`Model`] and the [`Experiment`] settings. [`simulate`] runs
//! the fast recursion (`recursion`) for a model that is a single queue (one call type,
//! one agent group); [`events`] is the same model simulated event by event from an event
//! `calendar`, kept as the recursion's test oracle and the general engine to grow:
//! several call types and agent groups, shifts and breaks need routing decisions at
//! arrivals and whenever an agent becomes free, which only it can make (new kinds of
//! events get their tie rank in `calendar::Event`). Both draw arrivals, handle times
//! and patience the same way (`arrivals`), from per-purpose random streams ([`rng`]).

mod arrivals;
mod calendar;
pub mod events;
mod heap;
mod recursion;
pub mod rng;
pub mod skills;

pub use heap::TimeHeap;

use crate::model::Model;
use crate::scenario::Experiment;
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
    general: skills::GeneralWorkspace,
}

/// Simulates replication `replication` of `model`, filling `tally` (which it resets first).
pub fn simulate(
    model: &Model,
    exp: &Experiment,
    replication: u64,
    tally: &mut Tally,
    ws: &mut Workspace,
) -> Outcome {
    match model.single_queue() {
        Some((calls, group)) => {
            recursion::simulate(model, (calls, &group.staffing), exp, replication, tally, ws)
        }
        None => skills::simulate(model, exp, replication, tally, &mut ws.general),
    }
}
