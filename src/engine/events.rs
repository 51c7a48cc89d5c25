//! The reference engine: event by event, exactly as the model is stated.
//!
//! Pending events (call completions, staffing changes, the next arrival) sit in an event
//! `Calendar` ordered by time, then by the class of event (completions, then staffing
//! changes, then arrivals), then by the order they were scheduled: never by the random
//! generator. State is a FIFO queue of waiting calls and the count of busy agents.
//! Abandonment is resolved lazily: a caller found at the head of the queue past their
//! deadline is recorded as having abandoned at that deadline; when `lines` is set, the
//! count of calls in the centre purges expired callers first.
//!
//! The production engine (`super::recursion`) computes the same outcomes faster for a
//! single queue; this one stays as its test oracle, and is the base for models a
//! recursion cannot express (several call types and groups, shifts with breaks): each of
//! those adds kinds of `Event` with their rank, and routing decides in `Events::arrive`
//! (which agent takes a new call) and `Events::agent_free` (which call a freed agent
//! takes).

use std::collections::VecDeque;

use super::Outcome;
use super::arrivals::{Arrivals, CallDraws};
use super::calendar::{Calendar, Event};
use crate::model::{CallType, Clock, Model, Staffing};
use crate::scenario::Experiment;
use crate::stats::Tally;

/// A caller in the queue.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    arrival: f64,
    /// When the caller hangs up if not answered (+∞ without patience).
    deadline: f64,
    service: f64,
    /// Tally slot: the arrival interval, or the warm-up sink.
    slot: u32,
}

/// Simulates replication `replication` of a single-queue model event by event, filling
/// `tally`.
pub fn simulate(model: &Model, exp: &Experiment, replication: u64, tally: &mut Tally) -> Outcome {
    let (calls, group) = model
        .single_queue()
        .expect("the event engine simulates one call type and one agent group so far");
    // Redials are simulated by the recursion only so far (its oracle for them is the
    // exact retrial-queue chain of the tests).
    debug_assert!(
        calls.redial.is_none(),
        "the event engine has no redials yet"
    );
    if group.absence > 0.0 {
        let mut present = super::absence::Present::default();
        present.draw(&group.staffing, group.absence, exp.seed, replication);
        return simulate_queue(model, (calls, &present.staffing), exp, replication, tally);
    }
    simulate_queue(model, (calls, &group.staffing), exp, replication, tally)
}

fn simulate_queue(
    model: &Model,
    (calls, roster): (&CallType, &Staffing),
    exp: &Experiment,
    replication: u64,
    tally: &mut Tally,
) -> Outcome {
    tally.reset();
    let mut sim = Events {
        clock: &model.clock,
        roster,
        warmup: exp.warmup_s,
        tally,
        calendar: Calendar::default(),
        busy: 0,
        queue: VecDeque::new(),
        arrivals: Arrivals::new(calls, &model.clock, exp.seed, replication),
        draws: CallDraws::new(calls, exp.seed, replication),
        staffing: roster.agents_of_step(0) as usize,
        last_t: 0.0,
        lines: model.lines.map_or(usize::MAX, |l| l as usize),
    };
    sim.run()
}

struct Events<'a> {
    clock: &'a Clock,
    roster: &'a Staffing,
    warmup: f64,
    tally: &'a mut Tally,
    calendar: Calendar,
    /// Agents talking (a completion is pending for each).
    busy: usize,
    queue: VecDeque<Waiting>,
    arrivals: Arrivals<'a>,
    draws: CallDraws<'a>,
    /// Agents on the phones now, as the roster says.
    staffing: usize,
    /// Time up to which agent time has been accounted.
    last_t: f64,
    lines: usize,
}

impl Events<'_> {
    fn run(&mut self) -> Outcome {
        let first = self.arrivals.first();
        self.calendar.schedule(first, Event::Arrival);
        self.calendar
            .schedule(self.roster.change_after(0), Event::StaffingChange(1));
        let horizon = self.clock.horizon_s;
        let mut waiting_at_close = None;
        while let Some((t, event)) = self.calendar.pop() {
            if waiting_at_close.is_none() && t > horizon {
                waiting_at_close = Some(self.still_waiting_at(horizon));
            }
            self.account_agent_time(t);
            match event {
                Event::Completion => self.agent_free(t),
                Event::StaffingChange(k) => self.staffing_change(t, k),
                Event::Arrival => {
                    self.arrive(t);
                    let next = self.arrivals.next(t);
                    self.calendar.schedule(next, Event::Arrival);
                }
            }
        }
        // Agent time runs to close even when the last event came before it.
        if self.last_t < horizon {
            self.account_agent_time(horizon);
        }
        let waiting_at_close = waiting_at_close.unwrap_or_else(|| self.still_waiting_at(horizon));
        let stranded = self.flush_queue();
        Outcome {
            stranded,
            waiting_at_close,
            redials_capped: false,
        }
    }

    /// Callers in the queue who have not hung up by `t`.
    fn still_waiting_at(&self, t: f64) -> u64 {
        self.queue.iter().filter(|c| c.deadline > t).count() as u64
    }

    /// Adds agent time from the last event to `t` to the intervals it spans, counting
    /// only the time between warm-up and the end of arrivals.
    fn account_agent_time(&mut self, t: f64) {
        let mut from = self.last_t.max(self.warmup);
        let to = t.min(self.clock.horizon_s);
        self.last_t = self.last_t.max(t);
        let busy = self.busy as f64;
        let on_phones = self.busy.max(self.staffing) as f64;
        while to > from {
            let i = self.clock.interval_at(from);
            let end = self.clock.boundary_after(i).min(to);
            let dt = end - from;
            self.tally.agent_time(i, busy * dt, on_phones * dt);
            from = end;
        }
    }

    fn arrive(&mut self, t: f64) {
        let interval = self.arrivals.interval();
        let (service, deadline) = self.draws.draw(t, interval);
        let slot = if t >= self.warmup {
            interval
        } else {
            self.tally.sink()
        };
        self.tally.offered(slot);
        if self.busy + self.queue.len() >= self.lines {
            self.purge_expired(t);
            if self.busy + self.queue.len() >= self.lines {
                self.tally.blocked(slot);
                return;
            }
        }
        if self.busy < self.staffing {
            self.tally.answered(slot, 0.0);
            self.start_call(t, service);
        } else {
            self.queue.push_back(Waiting {
                arrival: t,
                deadline,
                service,
                slot: slot as u32,
            });
        }
    }

    fn start_call(&mut self, t: f64, service: f64) {
        self.busy += 1;
        self.calendar.schedule(t + service, Event::Completion);
    }

    /// An agent finishes a call at `t` and, if still on shift, takes the next caller.
    fn agent_free(&mut self, t: f64) {
        self.busy -= 1;
        if self.busy < self.staffing
            && let Some(call) = self.next_live_caller(t)
        {
            self.tally.answered(call.slot as usize, t - call.arrival);
            self.start_call(t, call.service);
        }
    }

    /// The roster moves to step `k`: agents arriving take waiting callers at once; when
    /// staffing falls, busy agents leave as they finish (see `agent_free`).
    fn staffing_change(&mut self, t: f64, k: usize) {
        self.staffing = self.roster.agents_of_step(k) as usize;
        self.calendar
            .schedule(self.roster.change_after(k), Event::StaffingChange(k + 1));
        while self.busy < self.staffing {
            let Some(call) = self.next_live_caller(t) else {
                break;
            };
            self.tally.answered(call.slot as usize, t - call.arrival);
            self.start_call(t, call.service);
        }
    }

    /// Pops the first caller still waiting at `t`, recording those who hung up before.
    fn next_live_caller(&mut self, t: f64) -> Option<Waiting> {
        while let Some(call) = self.queue.pop_front() {
            if call.deadline < t {
                self.tally
                    .abandoned(call.slot as usize, call.deadline - call.arrival);
            } else {
                return Some(call);
            }
        }
        None
    }

    /// Records every caller who hung up before `t`, wherever they are in the queue.
    fn purge_expired(&mut self, t: f64) {
        let tally = &mut *self.tally;
        self.queue.retain(|c| {
            let gone = c.deadline < t;
            if gone {
                tally.abandoned(c.slot as usize, c.deadline - c.arrival);
            }
            !gone
        });
    }

    /// After the last event: callers still queued hang up at their deadline, or are
    /// stranded if they never would.
    fn flush_queue(&mut self) -> u64 {
        let mut stranded = 0;
        while let Some(c) = self.queue.pop_front() {
            if c.deadline.is_finite() {
                self.tally
                    .abandoned(c.slot as usize, c.deadline - c.arrival);
            } else {
                stranded += 1;
            }
        }
        stranded
    }
}
