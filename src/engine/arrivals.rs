//! What both engines draw from the random streams: arrival times under piecewise-constant
//! Poisson rates, and each call's handle time and patience.
//!
//! Every call draws its handle time and patience on arrival, answered or not, from its own
//! stream, so variants of a scenario give the n-th caller the same durations (common
//! random numbers).

use rand_distr::{Distribution, Exp1, Gamma};
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
    /// The day's busyness factor (1: the forecast's rates).
    day_factor: f64,
    /// Per-interval busyness factors, drawn as each interval begins.
    interval_factors: Option<(Gamma<f64>, Xoshiro256PlusPlus)>,
}

/// A Gamma law with mean 1 and coefficient of variation `cv` > 0.
fn unit_gamma(cv: f64) -> Gamma<f64> {
    let shape = 1.0 / (cv * cv);
    Gamma::new(shape, cv * cv).expect("busyness cv is positive and finite")
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
        // Busyness has its own stream: the arrival stream's numbers stay the same, so a
        // busier day is the same day's callers with gaps shrunk (common random numbers).
        let b = calls.busyness;
        let (day_factor, interval_factors) = if b.is_none() {
            (1.0, None)
        } else {
            let mut rng = stream_for(seed, replication, Purpose::Busyness, k);
            let day = if b.day_cv > 0.0 {
                unit_gamma(b.day_cv).sample(&mut rng)
            } else {
                1.0
            };
            let per_interval = (b.interval_cv > 0.0).then(|| (unit_gamma(b.interval_cv), rng));
            (day, per_interval)
        };
        let mut a = Arrivals {
            calls,
            clock,
            rng: stream_for(seed, replication, Purpose::Arrivals, k),
            interval: 0,
            end: 0.0,
            mean_gap: f64::INFINITY,
            day_factor,
            interval_factors,
        };
        a.enter_interval(0);
        a
    }

    /// Where the process stands (to resume from a checkpoint).
    pub fn save(&self) -> ArrivalsState {
        ArrivalsState {
            rng: self.rng.clone(),
            interval: self.interval,
            end: self.end,
            mean_gap: self.mean_gap,
            day_factor: self.day_factor,
            interval_factors: self.interval_factors.clone(),
        }
    }

    /// Resumes where [`save`](Self::save) was called.
    pub fn restore(&mut self, s: &ArrivalsState) {
        self.rng = s.rng.clone();
        self.interval = s.interval;
        self.end = s.end;
        self.mean_gap = s.mean_gap;
        self.day_factor = s.day_factor;
        self.interval_factors = s.interval_factors.clone();
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
        let mut rate = self.calls.rates[i];
        if self.day_factor != 1.0 {
            rate *= self.day_factor;
        }
        if let Some((law, rng)) = &mut self.interval_factors {
            rate *= law.sample(rng);
        }
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

/// The state of an [`Arrivals`] (its random stream and current interval).
#[derive(Debug, Clone)]
pub struct ArrivalsState {
    rng: Xoshiro256PlusPlus,
    interval: usize,
    end: f64,
    mean_gap: f64,
    day_factor: f64,
    interval_factors: Option<(Gamma<f64>, Xoshiro256PlusPlus)>,
}

/// The state of a [`CallDraws`] (its random streams).
#[derive(Debug, Clone)]
pub struct DrawsState {
    handle: Xoshiro256PlusPlus,
    patience: Xoshiro256PlusPlus,
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

    pub fn save(&self) -> DrawsState {
        DrawsState {
            handle: self.handle.clone(),
            patience: self.patience.clone(),
        }
    }

    pub fn restore(&mut self, s: &DrawsState) {
        self.handle = s.handle.clone();
        self.patience = s.patience.clone();
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
