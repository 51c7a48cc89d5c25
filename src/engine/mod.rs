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
pub mod skills;

pub use absence::Present;
pub use heap::TimeHeap;
pub use recursion::{Checkpoint, Replay, Trace, Until, replay};

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
    /// Roster steps applied during a traced run ([`Trace`]).
    applied: Vec<(u32, u32)>,
    present: absence::Present,
    general: skills::GeneralWorkspace,
}

/// Where the recursion counts what happens to calls: a [`Tally`] for runs, or another
/// record (the staffing search's sparse differences) for replays from a checkpoint.
pub trait Record {
    fn offered(&mut self, slot: usize);
    fn answered(&mut self, slot: usize, wait_s: f64);
    fn abandoned(&mut self, slot: usize, wait_s: f64);
    fn blocked(&mut self, slot: usize);
    /// Agent time (busy, on the phones) spent in interval `slot`.
    fn agent_time(&mut self, slot: usize, busy: f64, staffed: f64);
    /// The slot of calls arriving during warm-up.
    fn sink(&self) -> usize;
    /// A new caller (first attempt), with redials.
    fn caller(&mut self, slot: usize);
    /// A caller answered at last, after `held_s` on hold over all attempts.
    fn caller_answered(&mut self, slot: usize, held_s: f64);
    /// A caller who calls again for the first time.
    fn redialer(&mut self, slot: usize);
}

impl Record for Tally {
    #[inline(always)]
    fn offered(&mut self, slot: usize) {
        Tally::offered(self, slot)
    }
    #[inline(always)]
    fn answered(&mut self, slot: usize, wait_s: f64) {
        Tally::answered(self, slot, wait_s)
    }
    #[inline(always)]
    fn abandoned(&mut self, slot: usize, wait_s: f64) {
        Tally::abandoned(self, slot, wait_s)
    }
    #[inline]
    fn blocked(&mut self, slot: usize) {
        Tally::blocked(self, slot)
    }
    #[inline]
    fn agent_time(&mut self, slot: usize, busy: f64, staffed: f64) {
        Tally::agent_time(self, slot, busy, staffed)
    }
    #[inline]
    fn sink(&self) -> usize {
        Tally::sink(self)
    }
    #[inline]
    fn caller(&mut self, slot: usize) {
        Tally::caller(self, slot)
    }
    #[inline]
    fn caller_answered(&mut self, slot: usize, held_s: f64) {
        Tally::caller_answered(self, slot, held_s)
    }
    #[inline]
    fn redialer(&mut self, slot: usize) {
        Tally::redialer(self, slot)
    }
}

/// Simulates replication `replication` of `model`, filling `tally` (which it resets first).
pub fn simulate(
    model: &Model,
    exp: &Experiment,
    replication: u64,
    tally: &mut Tally,
    ws: &mut Workspace,
) -> Outcome {
    // People on shifts are followed one by one: only the general engine can.
    if model.agent_groups.iter().any(|g| g.roster.is_some()) {
        return skills::simulate(model, exp, replication, tally, &mut ws.general);
    }
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
        None if model.agent_groups.iter().any(|g| g.absence > 0.0) => {
            // The day's present agents, group by group: a copy of the model with them
            // (once per replication; the general engine reads staffing from the model).
            let mut day = model.clone();
            let mut present = std::mem::take(&mut ws.present);
            for (g, group) in day.agent_groups.iter_mut().enumerate() {
                if group.absence > 0.0 {
                    present.draw_for_group(
                        &group.staffing,
                        group.absence,
                        exp.seed,
                        replication,
                        g,
                    );
                    group.staffing = present.staffing.clone();
                }
            }
            ws.present = present;
            skills::simulate(&day, exp, replication, tally, &mut ws.general)
        }
        None => skills::simulate(model, exp, replication, tally, &mut ws.general),
    }
}
