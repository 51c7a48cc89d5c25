//! What both engines draw from the random streams: arrival times under piecewise-constant
//! Poisson rates, and each call's handle time and patience.
//!
//! Every call draws its handle time and patience on arrival, answered or not, from its own
//! stream, so variants of a scenario give the n-th caller the same durations (common
//! random numbers).

use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::rng::{Purpose, stream_for};
use crate::model::{CallType, Clock};

/// The arrival process of one replication.
pub struct Arrivals<'a> {
    calls: &'a CallType,
    clock: &'a Clock,
    rng: Xoshiro256PlusPlus,
    /// Interval of the latest arrival drawn.
    interval: usize,
    /// End of that interval, and the mean time between arrivals in it (+∞ at rate 0).
    end: f64,
    mean_gap: f64,
}

impl<'a> Arrivals<'a> {
    pub fn new(calls: &'a CallType, clock: &'a Clock, seed: u64, replication: u64) -> Self {
        Self::of_type(calls, clock, seed, replication, 0)
    }

    /// The arrivals of call type number `k` (its own random stream).
    pub fn of_type(
        calls: &'a CallType,
        clock: &'a Clock,
        seed: u64,
        replication: u64,
        k: usize,
    ) -> Self {
        let mut a = Arrivals {
            calls,
            clock,
            rng: stream_for(seed, replication, Purpose::Arrivals, k),
            interval: 0,
            end: 0.0,
            mean_gap: f64::INFINITY,
        };
        a.enter_interval(0);
        a
    }

    /// The interval the latest arrival belongs to.
    #[inline]
    pub fn interval(&self) -> usize {
        self.interval
    }

    /// The first arrival of the day; +∞ if no call is expected at all.
    pub fn first(&mut self) -> f64 {
        if self.mean_gap.is_finite() {
            self.next(0.0)
        } else {
            self.after_interval()
        }
    }

    /// The arrival after the one at `t`; +∞ once arrivals are over.
    #[inline(always)]
    pub fn next(&mut self, t: f64) -> f64 {
        let gap: f64 = Exp1.sample(&mut self.rng);
        let candidate = t + gap * self.mean_gap;
        if candidate < self.end {
            candidate
        } else {
            self.after_interval()
        }
    }

    fn enter_interval(&mut self, i: usize) {
        self.interval = i;
        self.end = self.clock.bounds(i).1;
        let rate = self.calls.rates[i];
        self.mean_gap = if rate > 0.0 {
            1.0 / rate
        } else {
            f64::INFINITY
        };
    }

    /// The first arrival after the current interval ends. By memorylessness, restarting
    /// the clock at the boundary with the next interval's rate is exact.
    #[cold]
    fn after_interval(&mut self) -> f64 {
        loop {
            let t = self.end;
            if self.interval + 1 >= self.clock.len() {
                self.end = f64::INFINITY;
                return f64::INFINITY;
            }
            self.enter_interval(self.interval + 1);
            if self.mean_gap.is_finite() {
                let gap: f64 = Exp1.sample(&mut self.rng);
                let candidate = t + gap * self.mean_gap;
                if candidate < self.end {
                    return candidate;
                }
            }
        }
    }
}

/// Handle times and patience of calls, in arrival order.
pub struct CallDraws<'a> {
    calls: &'a CallType,
    handle: Xoshiro256PlusPlus,
    patience: Xoshiro256PlusPlus,
}

impl<'a> CallDraws<'a> {
    pub fn new(calls: &'a CallType, seed: u64, replication: u64) -> Self {
        Self::of_type(calls, seed, replication, 0)
    }

    /// The draws of call type number `k` (its own random streams).
    pub fn of_type(calls: &'a CallType, seed: u64, replication: u64, k: usize) -> Self {
        CallDraws {
            calls,
            handle: stream_for(seed, replication, Purpose::HandleTimes, k),
            patience: stream_for(seed, replication, Purpose::Patience, k),
        }
    }

    /// The handle time and hang-up time (+∞ without patience) of a call arriving at `t`
    /// in `interval`.
    // Always inlined: once per call, from both engines (the inliner may otherwise
    // keep it out of the recursion's loop now that two engines call it).
    #[inline(always)]
    pub fn draw(&mut self, t: f64, interval: usize) -> (f64, f64) {
        let scale = self.calls.aht_scale[interval];
        let service = self.calls.handle_time.sample(&mut self.handle) * scale;
        let deadline = match &self.calls.patience {
            Some(p) => t + p.sample(&mut self.patience),
            None => f64::INFINITY,
        };
        (service, deadline)
    }
}
