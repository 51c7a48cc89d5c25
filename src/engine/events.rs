//! The reference engine: event by event, exactly as the model is stated.
//!
//! State is a FIFO queue of waiting calls, a heap of busy agents' completion times, the
//! next arrival and the next interval boundary. At equal times events are taken in a
//! fixed order (completions, then boundaries, then arrivals), never by the random
//! generator. Abandonment is resolved lazily: a caller found at the head of the queue
//! past their deadline is recorded as having abandoned at that deadline; when `lines` is
//! set, the count of calls in the centre purges expired callers first.
//!
//! The production engine ([`super::recursion`]) computes the same outcomes faster; this
//! one stays as its test oracle, and as the base for models a recursion cannot express
//! (several call types, skills-based routing), where routing would decide in
//! `serve_waiting`.

use std::collections::VecDeque;

use super::arrivals::{Arrivals, CallDraws};
use super::{Outcome, TimeHeap};
use crate::scenario::Scenario;
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

/// Simulates replication `replication` of `sc` event by event, filling `tally`.
pub fn simulate(sc: &Scenario, replication: u64, tally: &mut Tally) -> Outcome {
    tally.reset();
    let mut sim = Events {
        sc,
        tally,
        busy: TimeHeap::default(),
        queue: VecDeque::new(),
        arrivals: Arrivals::new(sc, replication),
        draws: CallDraws::new(sc, replication),
        staffing: sc.intervals[0].agents as usize,
        current: 0,
        last_t: 0.0,
        lines: sc.lines.map_or(usize::MAX, |l| l as usize),
    };
    sim.run()
}

struct Events<'a> {
    sc: &'a Scenario,
    tally: &'a mut Tally,
    busy: TimeHeap,
    queue: VecDeque<Waiting>,
    arrivals: Arrivals<'a>,
    draws: CallDraws<'a>,
    /// Agents on the phones now.
    staffing: usize,
    /// Interval the clock is in.
    current: usize,
    /// Time up to which agent time has been accounted.
    last_t: f64,
    lines: usize,
}

impl Events<'_> {
    fn run(&mut self) -> Outcome {
        let mut next_arrival = self.arrivals.first();
        let mut next_boundary = self.boundary_after(0);
        let mut waiting_at_close = None;
        loop {
            let next_completion = self.busy.peek();
            let next_event = next_completion.min(next_boundary).min(next_arrival);
            if waiting_at_close.is_none() && next_event > self.sc.horizon_s {
                waiting_at_close = Some(self.still_waiting_at(self.sc.horizon_s));
            }
            if next_completion <= next_boundary && next_completion <= next_arrival {
                if next_completion == f64::INFINITY {
                    break;
                }
                self.complete(next_completion);
            } else if next_boundary <= next_arrival {
                self.account_agent_time(next_boundary);
                self.current += 1;
                self.staffing = self.sc.intervals[self.current].agents as usize;
                next_boundary = self.boundary_after(self.current);
                self.serve_waiting();
            } else {
                self.arrive(next_arrival);
                next_arrival = self.arrivals.next(next_arrival);
            }
        }
        // Agent time runs to close even when the last event came before it.
        if self.last_t < self.sc.horizon_s {
            self.account_agent_time(self.sc.horizon_s);
        }
        let waiting_at_close =
            waiting_at_close.unwrap_or_else(|| self.still_waiting_at(self.sc.horizon_s));
        let stranded = self.flush_queue();
        Outcome {
            stranded,
            waiting_at_close,
        }
    }

    /// Callers in the queue who have not hung up by `t`.
    fn still_waiting_at(&self, t: f64) -> u64 {
        self.queue.iter().filter(|c| c.deadline > t).count() as u64
    }

    /// Start of interval `i + 1`, where staffing may change.
    fn boundary_after(&self, i: usize) -> f64 {
        if i + 1 < self.sc.intervals.len() {
            (i + 1) as f64 * self.sc.interval_s
        } else {
            f64::INFINITY
        }
    }

    /// Adds agent time from the last event to `t` to the current interval, counting only
    /// the time between warm-up and the end of arrivals.
    fn account_agent_time(&mut self, t: f64) {
        let from = self.last_t.max(self.sc.simulation.warmup_s);
        let to = t.min(self.sc.horizon_s);
        if to > from {
            let busy = self.busy.len();
            let on_phones = busy.max(self.staffing);
            let dt = to - from;
            self.tally
                .agent_time(self.current, busy as f64 * dt, on_phones as f64 * dt);
        }
        self.last_t = t;
    }

    fn arrive(&mut self, t: f64) {
        let interval = self.arrivals.interval();
        let (service, deadline) = self.draws.draw(t, interval);
        let slot = if t >= self.sc.simulation.warmup_s {
            interval
        } else {
            self.tally.sink()
        };
        self.account_agent_time(t);
        self.tally.offered(slot);
        if self.busy.len() + self.queue.len() >= self.lines {
            self.purge_expired(t);
            if self.busy.len() + self.queue.len() >= self.lines {
                self.tally.blocked(slot);
                return;
            }
        }
        if self.busy.len() < self.staffing {
            self.tally.answered(slot, 0.0);
            self.busy.push(t + service);
        } else {
            self.queue.push_back(Waiting {
                arrival: t,
                deadline,
                service,
                slot: slot as u32,
            });
        }
    }

    /// An agent finishes a call at `t` and, if still on shift, takes the next caller.
    fn complete(&mut self, t: f64) {
        self.account_agent_time(t);
        if self.busy.len() <= self.staffing
            && let Some(call) = self.next_live_caller(t)
        {
            self.tally.answered(call.slot as usize, t - call.arrival);
            self.busy.replace_top(t + call.service);
        } else {
            self.busy.pop();
        }
    }

    /// Answers waiting callers while agents are free (after staffing rises).
    fn serve_waiting(&mut self) {
        let t = self.last_t;
        while self.busy.len() < self.staffing {
            let Some(call) = self.next_live_caller(t) else {
                break;
            };
            self.tally.answered(call.slot as usize, t - call.arrival);
            self.busy.push(t + call.service);
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
