//! Callers who try again. A caller who hangs up (or gets a busy signal) calls again with
//! the type's probability after a random delay; the new attempt arrives in whatever
//! interval it falls in and is a call like any other, except that it is the same person:
//! per-caller results follow them from attempt to attempt.
//!
//! Pending attempts wait in a [`Calendar`], by time, then by when they were scheduled, so
//! the order never depends on anything but the model and the seed. Decisions and delays
//! come from their own random stream.

use rand_xoshiro::Xoshiro256PlusPlus;

use super::calendar::{Calendar, Ranked};
use super::rng::{Purpose, stream};
use crate::dist::unit_f64;
use crate::model::{MAX_CALLS, Redial};

/// One person calling: which attempt this is, the tally slot of their first attempt, and
/// their time on hold so far.
#[derive(Debug, Clone, Copy, Default)]
pub struct Caller {
    pub attempt: u32,
    pub first_slot: u32,
    pub held_s: f64,
}

impl Caller {
    pub fn first(slot: usize) -> Caller {
        Caller {
            attempt: 1,
            first_slot: slot as u32,
            held_s: 0.0,
        }
    }
}

impl Ranked for Caller {
    /// Redials are one kind of event: ties go by the order they were scheduled.
    fn class(&self) -> u8 {
        0
    }
}

/// The redials of one replication.
pub struct Redials<'a> {
    rule: &'a Redial,
    rng: Xoshiro256PlusPlus,
    pending: Calendar<Caller>,
}

/// Why a caller is considering calling again.
#[derive(Debug, Clone, Copy)]
pub enum Reason {
    HungUp,
    BusySignal,
}

impl<'a> Redials<'a> {
    pub fn new(rule: &'a Redial, seed: u64, replication: u64) -> Self {
        Redials {
            rule,
            rng: stream(seed, replication, Purpose::Redials),
            pending: Calendar::default(),
        }
    }

    /// The redials of call type `k` of a several-type model: its own stream (the first
    /// type's is the one-queue stream).
    pub fn for_type(rule: &'a Redial, seed: u64, replication: u64, k: usize) -> Self {
        Redials {
            rule,
            rng: super::rng::stream_for(seed, replication, Purpose::Redials, k),
            pending: Calendar::default(),
        }
    }

    /// When the next pending attempt arrives (+∞ if none).
    #[inline]
    pub fn next_time(&self) -> f64 {
        self.pending.next_time()
    }

    /// The next pending attempt, with its arrival time.
    pub fn pop(&mut self) -> Option<(f64, Caller)> {
        self.pending.pop()
    }

    /// Whether `caller`, who hung up or got a busy signal at `at`, calls again; if so the
    /// next attempt is scheduled. Returns true for a caller's first redial.
    pub fn consider(&mut self, at: f64, caller: Caller, reason: Reason) -> bool {
        self.consider_when(at, caller, reason)
            .is_some_and(|(_, first)| first)
    }

    /// As [`consider`](Self::consider), returning when the next attempt is scheduled
    /// (and whether it is the caller's first redial), or None if they do not call again.
    pub fn consider_when(
        &mut self,
        at: f64,
        caller: Caller,
        reason: Reason,
    ) -> Option<(f64, bool)> {
        let p = match reason {
            Reason::HungUp => self.rule.after_abandon,
            Reason::BusySignal => self.rule.after_busy,
        };
        if p <= 0.0 || caller.attempt >= self.rule.max_attempts {
            return None;
        }
        if p < 1.0 && unit_f64(&mut self.rng) >= p {
            return None;
        }
        let delay = self.rule.delay.sample(&mut self.rng);
        let next = Caller {
            attempt: caller.attempt + 1,
            ..caller
        };
        self.pending.schedule(at + delay, next);
        Some((at + delay, caller.attempt == 1))
    }

    /// Whether this day has had more redials than any day may have calls: persistent
    /// callers with tiny delays would otherwise never let the day end.
    pub fn over_cap(&self) -> bool {
        self.pending.scheduled() > MAX_CALLS as u64
    }
}
