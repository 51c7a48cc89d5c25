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

mod absence;
mod arrivals;
mod calendar;
pub mod events;
mod heap;
mod recursion;
mod redials;
pub mod rng;

pub use absence::Present;
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
    /// The day's redials passed the cap on calls in a day and were cut short.
    pub redials_capped: bool,
}

/// Reusable working memory for replications of one scenario (no allocation per call).
#[derive(Debug, Default)]
pub struct Workspace {
    agents: TimeHeap,
    in_centre: TimeHeap,
    present: absence::Present,
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
        Some((calls, group)) if group.absence > 0.0 => {
            // Taken out for the call so that the roster can be borrowed beside `ws`.
            let mut present = std::mem::take(&mut ws.present);
            present.draw(&group.staffing, group.absence, exp.seed, replication);
            let outcome = recursion::simulate(
                model,
                (calls, &present.staffing),
                exp,
                replication,
                tally,
                ws,
            );
            ws.present = present;
            outcome
        }
        Some((calls, group)) => {
            recursion::simulate(model, (calls, &group.staffing), exp, replication, tally, ws)
        }
        None => events::simulate(model, exp, replication, tally),
    }
}
