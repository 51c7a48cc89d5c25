//! The production engine: a Kiefer–Wolfowitz recursion over arrivals.
//!
//! Under first-come-first-served, each caller is answered by the agent who becomes free
//! first, at `max(arrival, that agent's free time)`, unless they hang up before. So the
//! engine walks through arrivals in order with a heap of agents' free times and never
//! schedules a completion or hang-up event. Interval boundaries are applied lazily, when
//! the next answer would come after them: a rise in staffing adds agents free at the
//! boundary; a fall sends idle agents home at once and marks as many busy ones as needed
//! to leave when they next become free (the agents who leave are the next to become
//! free, as SPEC.md states), which is exactly what the event-by-event model does
//! ([`super::events`], kept as this engine's test oracle).
//!
//! Ties are settled as in the event model: at one instant, completions come first, then
//! a change of staffing, then the arrival.

use super::arrivals::{Arrivals, ArrivalsState, CallDraws, DrawsState};
use super::redials::{Caller, Reason, Redials};
use super::{Outcome, Record, TimeHeap, Workspace};
use crate::model::{CallType, Clock, Model, Staffing};
use crate::scenario::Experiment;
use crate::stats::Tally;

/// Simulates replication `replication` of a single-queue model: `calls` served by one
/// group with `roster`, filling `tally` (which it resets first).
pub fn simulate(
    model: &Model,
    (calls, roster): (&CallType, &Staffing),
    exp: &Experiment,
    replication: u64,
    tally: &mut Tally,
    ws: &mut Workspace,
) -> Outcome {
    tally.reset();
    let mut sim = Recursion::start(model, (calls, roster), exp, replication, tally, ws);
    let redials = calls
        .redial
        .as_ref()
        .map(|rule| Redials::new(rule, exp.seed, replication));
    sim.run(redials)
}

/// What became of one attempt.
#[derive(Debug, Clone, Copy)]
enum Fate {
    Answered {
        wait: f64,
    },
    HungUp {
        at: f64,
    },
    Blocked,
    /// Waits forever: no agent will ever come and nobody hangs up.
    Stranded,
}

struct Recursion<'a, T: Record> {
    clock: &'a Clock,
    roster: &'a Staffing,
    tally: &'a mut T,
    /// Free times of the agents on shift (idle ones have free times in the past).
    agents: &'a mut TimeHeap,
    /// Departure times of callers in the centre; kept only when `lines` is set.
    in_centre: &'a mut TimeHeap,
    arrivals: Arrivals<'a>,
    draws: CallDraws<'a>,
    /// Staffing of step `step` of the roster, the last whose start has been applied.
    staffing: usize,
    step: usize,
    /// When the roster next changes (+∞ after its last step).
    next_change: f64,
    /// Busy agents who go home when they next become free (after staffing fell), and
    /// since when that count has held (for agent time on the phones).
    leaving: usize,
    leaving_since: f64,
    lines: usize,
    warmup: f64,
    horizon: f64,
    /// The interval (and its bounds) where the last call's talk time began.
    busy_interval: usize,
    busy_span: (f64, f64),
    outcome: Outcome,
    /// Traced runs only: roster steps applied, with the checkpoint (interval) of the
    /// arrival whose answer applied them (see [`Trace`]).
    applied: &'a mut Vec<(u32, u32)>,
    tracing: bool,
    at_checkpoint: u32,
}

impl<'a, T: Record> Recursion<'a, T> {
    /// A replication at the start of the day, before its first arrival is drawn.
    fn start(
        model: &'a Model,
        (calls, roster): (&'a CallType, &'a Staffing),
        exp: &Experiment,
        replication: u64,
        tally: &'a mut T,
        ws: &'a mut Workspace,
    ) -> Self {
        ws.agents.clear();
        ws.in_centre.clear();
        ws.applied.clear();
        let staffing = roster.agents_of_step(0) as usize;
        (0..staffing).for_each(|_| ws.agents.push(0.0));
        let clock = &model.clock;
        Recursion {
            clock,
            roster,
            tally,
            agents: &mut ws.agents,
            in_centre: &mut ws.in_centre,
            arrivals: Arrivals::new(calls, clock, exp.seed, replication),
            draws: CallDraws::new(calls, exp.seed, replication),
            staffing,
            step: 0,
            next_change: roster.change_after(0),
            leaving: 0,
            leaving_since: 0.0,
            lines: model.lines.map_or(usize::MAX, |l| l as usize),
            warmup: exp.warmup_s,
            horizon: clock.horizon_s,
            busy_interval: 0,
            busy_span: clock.bounds(0),
            outcome: Outcome::default(),
            applied: &mut ws.applied,
            tracing: false,
            at_checkpoint: 0,
        }
    }

    fn run(&mut self, redials: Option<Redials<'_>>) -> Outcome {
        match redials {
            None => {
                let mut t = self.arrivals.first();
                while t < f64::INFINITY {
                    self.arrive(t, self.arrivals.interval());
                    t = self.arrivals.next(t);
                }
            }
            Some(redials) => self.arrive_with_redials(redials),
        }
        // Staffing changes after the last arrival still count for agent time until close.
        self.close();
        self.account_rostered_time();
        self.outcome
    }

    /// After the last arrival: staffing changes and leavers until close.
    fn close(&mut self) {
        while self.next_change < self.horizon {
            self.apply_boundary();
        }
        while self.leaving > 0 && self.agents.peek() <= self.horizon {
            self.agent_leaves();
        }
        self.account_leaving(self.horizon);
    }

    /// New callers and redials merged in time order (a new caller first at equal times),
    /// following each person from attempt to attempt.
    fn arrive_with_redials(&mut self, mut redials: Redials<'_>) {
        let mut fresh = self.arrivals.first();
        loop {
            let again = redials.next_time();
            if fresh == f64::INFINITY && again == f64::INFINITY {
                return;
            }
            if fresh <= again {
                let interval = self.arrivals.interval();
                let slot = self.slot(fresh, interval);
                self.tally.caller(slot);
                let fate = self.arrive(fresh, interval);
                self.follow(&mut redials, fresh, fate, Caller::first(slot));
                fresh = self.arrivals.next(fresh);
            } else {
                let (t, caller) = redials.pop().expect("a redial is pending");
                // After the close nobody answers: such a caller has given up.
                if t < self.horizon {
                    let fate = self.arrive(t, self.clock.interval_at(t));
                    self.follow(&mut redials, t, fate, caller);
                }
            }
            if redials.over_cap() {
                self.outcome.redials_capped = true;
                return;
            }
        }
    }

    /// Records what an attempt meant for its caller, who may call again.
    fn follow(&mut self, redials: &mut Redials<'_>, t: f64, fate: Fate, caller: Caller) {
        let first = caller.first_slot as usize;
        let again = match fate {
            Fate::Answered { wait } => {
                self.tally.caller_answered(first, caller.held_s + wait);
                false
            }
            Fate::HungUp { at } => {
                let held = Caller {
                    held_s: caller.held_s + (at - t),
                    ..caller
                };
                redials.consider(at, held, Reason::HungUp)
            }
            Fate::Blocked => redials.consider(t, caller, Reason::BusySignal),
            Fate::Stranded => false,
        };
        if again {
            self.tally.redialer(first);
        }
    }

    /// The tally slot of a call arriving at `t` in `interval`: the warm-up sink before it.
    #[inline(always)]
    fn slot(&self, t: f64, interval: usize) -> usize {
        if t >= self.warmup {
            interval
        } else {
            self.tally.sink()
        }
    }

    #[inline(always)]
    fn arrive(&mut self, t: f64, interval: usize) -> Fate {
        let (service, deadline) = self.draws.draw(t, interval);
        let slot = self.slot(t, interval);
        self.tally.offered(slot);
        if self.lines != usize::MAX {
            while self.in_centre.peek() <= t {
                self.in_centre.pop();
            }
            if self.in_centre.len() >= self.lines {
                self.tally.blocked(slot);
                return Fate::Blocked;
            }
        }
        let start = self.answer_time(t);
        if deadline < start {
            self.tally.abandoned(slot, deadline - t);
            // A caller hanging up at the very instant another arrives is still there.
            if self.lines != usize::MAX {
                self.in_centre.push(deadline.next_up());
            }
            self.note_wait_end(deadline);
            Fate::HungUp { at: deadline }
        } else if start < f64::INFINITY {
            self.tally.answered(slot, start - t);
            let end = start + service;
            self.agents.replace_top(end);
            self.add_busy_time(start, end);
            self.leave_centre(end);
            self.note_wait_end(start);
            Fate::Answered { wait: start - t }
        } else {
            // No agent will ever come and nobody hangs up.
            self.outcome.stranded += 1;
            self.leave_centre(f64::INFINITY);
            self.note_wait_end(f64::INFINITY);
            Fate::Stranded
        }
    }

    /// When the first agent free for a caller arriving at `t` takes the call (+∞ if
    /// none ever will), applying the staffing changes that come before it.
    #[inline]
    fn answer_time(&mut self, t: f64) -> f64 {
        loop {
            let free = self.agents.peek();
            let boundary = self.next_change;
            if self.leaving > 0 {
                // The next agent to become free goes home, unless staffing rises first.
                if boundary < free {
                    self.apply_boundary();
                } else {
                    self.agent_leaves();
                }
                continue;
            }
            let start = if t > free { t } else { free };
            if boundary < start || (boundary == t && t >= free) {
                self.apply_boundary();
                continue;
            }
            return start;
        }
    }

    /// The next agent to become free goes home at that moment.
    fn agent_leaves(&mut self) {
        let at = self.agents.peek();
        self.account_leaving(at);
        self.agents.pop();
        self.leaving -= 1;
    }

    /// Moves to the roster's next step at its start.
    #[cold]
    fn apply_boundary(&mut self) {
        let b = self.next_change;
        while self.leaving > 0 && self.agents.peek() <= b {
            self.agent_leaves();
        }
        self.account_leaving(b);
        self.step += 1;
        if self.tracing {
            self.applied.push((self.step as u32, self.at_checkpoint));
        }
        let new = self.roster.agents_of_step(self.step) as usize;
        if new > self.staffing {
            let added = new - self.staffing;
            let kept = added.min(self.leaving);
            self.leaving -= kept;
            (kept..added).for_each(|_| self.agents.push(b));
        } else {
            let mut fewer = self.staffing - new;
            while fewer > 0 && self.agents.peek() <= b {
                self.agents.pop(); // idle: goes home now
                fewer -= 1;
            }
            self.leaving += fewer;
        }
        self.staffing = new;
        self.next_change = self.roster.change_after(self.step);
    }

    /// Counts agent time of busy leavers (on the phones beyond staffing) up to `t`.
    fn account_leaving(&mut self, t: f64) {
        if self.leaving > 0 && t > self.leaving_since {
            self.add_agent_time(self.leaving_since, t, 0.0, self.leaving as f64);
        }
        self.leaving_since = self.leaving_since.max(t);
    }

    /// Rostered agent time: the roster over each interval's counted part.
    fn account_rostered_time(&mut self) {
        let mut step = 0;
        for i in 0..self.clock.len() {
            let (a, b) = self.clock.bounds(i);
            let (a, b) = (a.max(self.warmup), b.min(self.horizon));
            if b > a {
                let staffed = self.roster.agent_seconds_from(&mut step, a, b);
                self.tally.agent_time(i, 0.0, staffed);
            }
        }
    }

    /// Adds a call's talk time [start, end] to agent time. Most calls start after warm-up
    /// and end within the interval they start in, the one seen last: that case skips
    /// the general splitting (and gives the same sums).
    #[inline]
    fn add_busy_time(&mut self, start: f64, end: f64) {
        let (from, to) = self.busy_span;
        if start >= from && end <= to && start >= self.warmup {
            self.tally.agent_time(self.busy_interval, end - start, 0.0);
        } else {
            self.add_agent_time(start, end, 1.0, 0.0);
            let i = self.clock.interval_at(start.max(self.warmup));
            self.busy_interval = i;
            self.busy_span = self.clock.bounds(i);
        }
    }

    /// Adds `busy` and `staffed` agents over [a, b] to the intervals it spans, counting
    /// only time between warm-up and close.
    #[inline]
    fn add_agent_time(&mut self, a: f64, b: f64, busy: f64, staffed: f64) {
        let mut a = a.max(self.warmup);
        let b = b.min(self.horizon);
        if b <= a {
            return;
        }
        let last = self.clock.len() - 1;
        let mut i = self.clock.interval_at(a);
        loop {
            let end = if i == last {
                b
            } else {
                self.clock.start_of(i + 1).min(b)
            };
            self.tally
                .agent_time(i, busy * (end - a), staffed * (end - a));
            if end >= b {
                return;
            }
            a = end;
            i += 1;
        }
    }

    #[inline]
    fn leave_centre(&mut self, at: f64) {
        if self.lines != usize::MAX {
            self.in_centre.push(at);
        }
    }

    /// Counts a caller still waiting at close (their wait ends after it).
    #[inline]
    fn note_wait_end(&mut self, wait_end: f64) {
        if wait_end > self.horizon {
            self.outcome.waiting_at_close += 1;
        }
    }
}

/// The state of a single-queue replication just before the first arrival at or after the
/// start of an interval (checkpoint `i` for interval `i`), or after the last arrival
/// (checkpoint `n`, the number of intervals): what a replay resumes from.
#[derive(Debug, Clone)]
pub struct Checkpoint {
    /// The arrival about to be answered (+∞ after the last).
    t: f64,
    arrivals: ArrivalsState,
    draws: DrawsState,
    agents: Vec<f64>,
    in_centre: Vec<f64>,
    staffing: usize,
    step: usize,
    leaving: usize,
    leaving_since: f64,
    busy_interval: usize,
    busy_span: (f64, f64),
    outcome: Outcome,
}

impl Checkpoint {
    /// Whether a run in this state and one in `other` (at the same arrival, with the same
    /// roster from here on) go on identically. Agents free before both the next arrival and
    /// the next staffing change are idle alike, whenever they finished (unless some are
    /// leaving, whose exact free times count agent time); calls that left the centre before
    /// the next arrival no longer count against the lines.
    fn same_future(&self, other: &Checkpoint, roster: &Staffing) -> bool {
        if self.t != other.t
            || self.step != other.step
            || self.staffing != other.staffing
            || self.leaving != other.leaving
            || (self.leaving > 0 && self.leaving_since != other.leaving_since)
            || self.agents.len() != other.agents.len()
        {
            return false;
        }
        let idle_before = if self.leaving == 0 && self.t.is_finite() {
            self.t.min(roster.change_after(self.step))
        } else {
            f64::NEG_INFINITY
        };
        let agents = |c: &Checkpoint| {
            let mut v: Vec<f64> = c.agents.iter().map(|&x| x.max(idle_before)).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        let in_centre = |c: &Checkpoint| {
            let mut v: Vec<f64> = c.in_centre.iter().copied().filter(|&x| x > c.t).collect();
            v.sort_by(f64::total_cmp);
            v
        };
        agents(self) == agents(other) && in_centre(self) == in_centre(other)
    }
}

/// Where a traced run stops.
pub enum Until<'c> {
    /// At the end of the day.
    End,
    /// On reaching checkpoint `m` (not recorded).
    Checkpoint(usize),
    /// At the first checkpoint whose roster step is beyond `after` and whose state
    /// matches `base`'s checkpoint there (from then on the two runs are the same).
    Coupled {
        base: &'c [Checkpoint],
        after: usize,
    },
}

/// What a traced run saw.
#[derive(Debug, Default)]
pub struct Trace {
    /// Index of `checkpoints[0]`.
    pub first: usize,
    /// Checkpoints passed, from `first` on, up to where the run stopped.
    pub checkpoints: Vec<Checkpoint>,
    /// Roster steps applied, with the checkpoint of the arrival whose answer applied each
    /// (the number of intervals when applied after the last arrival). A change of the
    /// roster from step `j` on leaves everything before that checkpoint as it was.
    pub applied: Vec<(u32, u32)>,
    /// The checkpoint where the run stopped; the number of intervals + 1 when it ran to
    /// the end of the day.
    pub stopped_at: usize,
    /// Stranded and waiting-at-close calls, counted from the start of the day.
    pub outcome: Outcome,
}

/// Where a traced run starts, where it stops, and whether it counts rostered agent time.
pub struct Replay<'c> {
    pub replication: u64,
    /// Checkpoint `(s, state)` to resume from, taken in a run whose roster equals this
    /// one's before the step the checkpoint's arrival applied; None: the start of the day.
    pub from: Option<(usize, &'c Checkpoint)>,
    pub until: Until<'c>,
    /// Count rostered agent time (which depends on the roster alone) at the end.
    pub rostered: bool,
}

/// Simulates replication `how.replication` of a single-queue `model` with `roster` instead of
/// its own, from and until the points `how` gives, adding what happens into `tally` (not
/// reset) and recording checkpoints into `trace` (cleared first). A full traced run
/// (`from: None, until: End, rostered: true`) counts exactly what [`crate::engine::simulate`] counts.
pub fn replay<T: Record>(
    model: &Model,
    roster: &Staffing,
    exp: &Experiment,
    how: Replay<'_>,
    tally: &mut T,
    ws: &mut Workspace,
    trace: &mut Trace,
) {
    let (calls, _) = model
        .single_queue()
        .expect("replays are for single-queue models");
    trace.checkpoints.clear();
    trace.applied.clear();
    let mut sim = Recursion::start(model, (calls, roster), exp, how.replication, tally, ws);
    let (t, next) = match how.from {
        None => (sim.arrivals.first(), 0),
        Some((s, cp)) => {
            sim.restore(cp);
            (cp.t, s + 1)
        }
    };
    trace.first = next;
    sim.run_traced(t, next, &how.until, trace);
    if how.rostered {
        sim.account_rostered_time();
    }
    trace.outcome = sim.outcome;
    trace.applied.extend_from_slice(sim.applied);
}

impl<T: Record> Recursion<'_, T> {
    fn checkpoint(&self, t: f64) -> Checkpoint {
        Checkpoint {
            t,
            arrivals: self.arrivals.save(),
            draws: self.draws.save(),
            agents: self.agents.as_slice().to_vec(),
            in_centre: self.in_centre.as_slice().to_vec(),
            staffing: self.staffing,
            step: self.step,
            leaving: self.leaving,
            leaving_since: self.leaving_since,
            busy_interval: self.busy_interval,
            busy_span: self.busy_span,
            outcome: self.outcome,
        }
    }

    fn restore(&mut self, cp: &Checkpoint) {
        self.arrivals.restore(&cp.arrivals);
        self.draws.restore(&cp.draws);
        self.agents.restore(&cp.agents);
        self.in_centre.restore(&cp.in_centre);
        self.staffing = cp.staffing;
        self.step = cp.step;
        self.next_change = self.roster.change_after(cp.step);
        self.leaving = cp.leaving;
        self.leaving_since = cp.leaving_since;
        self.busy_interval = cp.busy_interval;
        self.busy_span = cp.busy_span;
        self.outcome = cp.outcome;
    }

    /// [`run`](Self::run) from arrival `t` with checkpoint `next` the next to pass, taking
    /// checkpoints and stopping as `until` says; rostered time is left to the caller.
    fn run_traced(&mut self, mut t: f64, mut next: usize, until: &Until<'_>, trace: &mut Trace) {
        let n = self.clock.len();
        self.tracing = true;
        loop {
            while (next < n && self.clock.start_of(next) <= t) || (next == n && t.is_infinite()) {
                if let Until::Checkpoint(m) = *until
                    && m == next
                {
                    trace.stopped_at = next;
                    return;
                }
                let cp = self.checkpoint(t);
                if let Until::Coupled { base, after } = *until
                    && next > after
                    && cp.step > after
                    && cp.same_future(&base[next], self.roster)
                {
                    trace.stopped_at = next;
                    return;
                }
                trace.checkpoints.push(cp);
                next += 1;
            }
            if t.is_infinite() {
                break;
            }
            self.at_checkpoint = (next - 1) as u32;
            self.arrive(t, self.arrivals.interval());
            t = self.arrivals.next(t);
        }
        self.at_checkpoint = n as u32;
        self.close();
        trace.stopped_at = n + 1;
    }
}
