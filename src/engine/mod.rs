//! The discrete-event engine: one replication of one scenario, pure and without I/O.
//!
//! State is a FIFO queue of waiting calls, a heap of busy agents' completion times, the
//! next arrival and the next interval boundary. At equal times events are taken in a
//! fixed order (completions, then boundaries, then arrivals), never by the random
//! generator, so a run is fully determined by its seed.
//!
//! Abandonment is resolved lazily: a waiting caller's hang-up time is known on arrival,
//! so a caller found at the head of the queue past their deadline is recorded as having
//! abandoned at that deadline. Nothing else depends on the moment of a hang-up, except the
//! count of calls in the centre when `lines` is set; that check purges expired callers first.
//!
//! Several call types and agent groups (SPEC's planned extensions) would replace the single
//! queue by one queue per type and the single heap by one per group, with a routing step
//! where `serve_waiting` picks the next call; arrivals, tallies and statistics stay as they are.

mod heap;
pub mod rng;

use std::collections::VecDeque;

use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

pub use heap::TimeHeap;
use rng::{Purpose, stream};

use crate::scenario::Scenario;
use crate::stats::Tally;

/// A caller in the queue.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    arrival: f64,
    /// When the caller hangs up if not answered (+∞ without patience).
    deadline: f64,
    /// Handle time this call will need, drawn on arrival (common random numbers).
    service: f64,
    /// Tally slot: the arrival interval, or the warm-up sink.
    slot: u32,
}

/// What a replication reports besides its tally.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Outcome {
    /// Calls left waiting forever: no agents at close and nobody hangs up.
    pub stranded: u64,
    /// Calls still waiting when arrivals stopped (the backlog at close).
    pub waiting_at_close: u64,
    /// When the last call ended, seconds.
    pub end_s: f64,
}

/// Reusable working memory for replications of one scenario (no allocation per call).
#[derive(Debug, Default)]
pub struct Workspace {
    busy: TimeHeap,
    queue: VecDeque<Waiting>,
}

/// Simulates replication `replication` of `sc`, filling `tally` (which it resets first).
pub fn simulate(sc: &Scenario, replication: u64, tally: &mut Tally, ws: &mut Workspace) -> Outcome {
    tally.reset();
    ws.busy.clear();
    ws.queue.clear();
    Replication::new(sc, replication, tally, ws).run()
}

struct Replication<'a> {
    sc: &'a Scenario,
    tally: &'a mut Tally,
    busy: &'a mut TimeHeap,
    queue: &'a mut VecDeque<Waiting>,
    arrivals: Xoshiro256PlusPlus,
    handle: Xoshiro256PlusPlus,
    patience: Xoshiro256PlusPlus,
    /// Agents on the phones now.
    staffing: usize,
    /// Interval the clock is in (staffing and agent-time accounting).
    current: usize,
    /// Interval of the next arrival.
    arrival_interval: usize,
    /// End of the arrival interval, and the mean time between arrivals in it (+∞ at rate 0).
    arrival_end: f64,
    mean_gap: f64,
    /// Time up to which agent time has been accounted.
    last_t: f64,
    lines: usize,
    /// The scenario's warm-up and horizon, read at every event.
    warmup: f64,
    horizon: f64,
}

impl<'a> Replication<'a> {
    fn new(
        sc: &'a Scenario,
        replication: u64,
        tally: &'a mut Tally,
        ws: &'a mut Workspace,
    ) -> Self {
        let seed = sc.simulation.seed;
        Replication {
            sc,
            tally,
            busy: &mut ws.busy,
            queue: &mut ws.queue,
            arrivals: stream(seed, replication, Purpose::Arrivals),
            handle: stream(seed, replication, Purpose::HandleTimes),
            patience: stream(seed, replication, Purpose::Patience),
            staffing: sc.intervals[0].agents as usize,
            current: 0,
            arrival_interval: 0,
            arrival_end: 0.0,
            mean_gap: f64::INFINITY,
            last_t: 0.0,
            lines: sc.lines.map_or(usize::MAX, |l| l as usize),
            warmup: sc.simulation.warmup_s,
            horizon: sc.horizon_s,
        }
    }

    fn run(&mut self) -> Outcome {
        let n = self.sc.intervals.len();
        self.set_arrival_interval(0);
        let mut next_arrival = self.first_arrival_from(0.0);
        let mut next_boundary = self.boundary_after(0);
        let mut waiting_at_close = 0;
        loop {
            let next_completion = self.busy.peek();
            if next_completion <= next_boundary && next_completion <= next_arrival {
                if next_completion == f64::INFINITY {
                    break;
                }
                self.complete(next_completion);
            } else if next_boundary <= next_arrival {
                self.account_agent_time(next_boundary);
                self.current += 1;
                self.staffing = self.sc.intervals[self.current].agents as usize;
                next_boundary = if self.current + 1 < n {
                    self.boundary_after(self.current)
                } else {
                    f64::INFINITY
                };
                self.serve_waiting();
            } else {
                self.arrive(next_arrival);
                next_arrival = self.next_arrival(next_arrival);
                if next_arrival == f64::INFINITY {
                    waiting_at_close = self.queue.len() as u64;
                }
            }
        }
        let end_s = self.last_t;
        let stranded = self.flush_queue();
        Outcome {
            stranded,
            waiting_at_close,
            end_s,
        }
    }

    /// Start of interval `i + 1`, where staffing may change.
    fn boundary_after(&self, i: usize) -> f64 {
        if i + 1 < self.sc.intervals.len() {
            (i + 1) as f64 * self.sc.interval_s
        } else {
            f64::INFINITY
        }
    }

    /// Makes interval `i` the one arrivals are drawn for.
    fn set_arrival_interval(&mut self, i: usize) {
        self.arrival_interval = i;
        self.arrival_end = self.sc.interval_bounds(i).1;
        let rate = self.sc.intervals[i].rate_per_s;
        self.mean_gap = if rate > 0.0 {
            1.0 / rate
        } else {
            f64::INFINITY
        };
    }

    /// The next arrival after `t`, which lies in the current arrival interval.
    #[inline]
    fn next_arrival(&mut self, t: f64) -> f64 {
        let gap: f64 = Exp1.sample(&mut self.arrivals);
        let candidate = t + gap * self.mean_gap;
        if candidate < self.arrival_end {
            candidate
        } else {
            self.arrival_after_interval()
        }
    }

    /// The first arrival at or after `t` in the current arrival interval or a later one.
    fn first_arrival_from(&mut self, t: f64) -> f64 {
        if self.mean_gap.is_finite() {
            self.next_arrival(t)
        } else {
            self.arrival_after_interval()
        }
    }

    /// The first arrival after the current arrival interval ends; +∞ when arrivals are
    /// over. By memorylessness, restarting the clock at the boundary with the next
    /// interval's rate is exact.
    #[cold]
    fn arrival_after_interval(&mut self) -> f64 {
        loop {
            let t = self.arrival_end;
            if self.arrival_interval + 1 >= self.sc.intervals.len() {
                self.arrival_end = f64::INFINITY;
                return f64::INFINITY;
            }
            self.set_arrival_interval(self.arrival_interval + 1);
            if self.mean_gap.is_finite() {
                let gap: f64 = Exp1.sample(&mut self.arrivals);
                let candidate = t + gap * self.mean_gap;
                if candidate < self.arrival_end {
                    return candidate;
                }
            }
        }
    }

    /// Adds agent time from the last event to `t` to the current interval, counting only
    /// the time between warm-up and the end of arrivals.
    #[inline]
    fn account_agent_time(&mut self, t: f64) {
        let from = if self.last_t > self.warmup {
            self.last_t
        } else {
            self.warmup
        };
        let to = if t < self.horizon { t } else { self.horizon };
        if to > from {
            let busy = self.busy.len();
            let on_phones = if busy > self.staffing {
                busy
            } else {
                self.staffing
            };
            let dt = to - from;
            self.tally
                .agent_time(self.current, busy as f64 * dt, on_phones as f64 * dt);
        }
        self.last_t = t;
    }

    #[inline]
    fn arrive(&mut self, t: f64) {
        // Every call draws its handle time and patience, answered or not, so that variants
        // of a scenario give the n-th caller the same durations.
        let aht_scale = self.sc.intervals[self.arrival_interval].aht_scale;
        let service = self.sc.handle_time.sample(&mut self.handle) * aht_scale;
        let deadline = match &self.sc.patience {
            Some(p) => t + p.sample(&mut self.patience),
            None => f64::INFINITY,
        };
        let slot = if t >= self.warmup {
            self.arrival_interval
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
    #[inline]
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
    #[inline]
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
    /// stranded if they never would (returned as a count).
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
