//! Replay: the scenario's centre (staffing, patience, handle-time law) fed with the log's
//! own arrival instants, and optionally its own handle times, so that a what-if ("two
//! more agents that Tuesday") runs on the real days rather than on Poisson arrivals.
//!
//! Each replication replays every chosen day once through the first-come-first-served
//! queue of [`super::synth`] (the engine's rules); patience, and the handle times the
//! log does not give, are drawn from the scenario's laws with the replication's seed.
//! The results are pooled over days and replications, as the back-test counts the log.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::backtest::{Observation, Observed};
use super::read::{CallLog, Outcome};
use super::synth::Queue;
use crate::model::Model;

/// What to replay.
#[derive(Debug, Clone, Copy)]
pub struct ReplayOptions {
    /// Answered calls keep their logged handle time (others draw from the scenario).
    pub log_handle_times: bool,
    pub replications: u64,
    pub seed: u64,
}

/// Replays the log's `days` through a one-queue model; counts per interval of the
/// model's clock, pooled over days and replications (`days` of the result is their
/// product).
pub fn replay(log: &CallLog, days: &[usize], model: &Model, opts: &ReplayOptions) -> Observation {
    let (calls, group) = model
        .single_queue()
        .expect("replay is checked to get a one-queue model");
    let clock = &model.clock;
    let threshold = model.service_level.threshold_s;
    let mut intervals = vec![Observed::default(); clock.len()];
    let mut outside = 0;
    for r in 0..opts.replications {
        let mut rng =
            Xoshiro256PlusPlus::seed_from_u64(opts.seed ^ r.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        for &d in days {
            let mut queue = Queue::new(&group.staffing);
            for c in log.calls.iter().filter(|c| c.day as usize == d) {
                let t = c.arrival_s - clock.start_s;
                if t < 0.0 || t >= clock.horizon_s {
                    if r == 0 {
                        outside += 1;
                    }
                    continue;
                }
                let i = clock.interval_at(t);
                let drawn = calls.handle_time.sample(&mut rng) * calls.aht_scale[i];
                let handle = match (opts.log_handle_times, c.outcome, c.handle_s) {
                    (true, Outcome::Answered, Some(h)) if h > 0.0 => h,
                    _ => drawn,
                };
                let patience = calls
                    .patience
                    .as_ref()
                    .map_or(f64::INFINITY, |p| p.sample(&mut rng));
                let o = &mut intervals[i];
                o.offered += 1;
                match queue.offer(t, patience, handle) {
                    Some((wait, true, _)) => {
                        o.answered += 1;
                        o.wait_sum += wait;
                        if wait <= threshold {
                            o.answered_within += 1;
                        }
                        add_busy(&mut intervals, clock, t + wait, t + wait + handle);
                    }
                    Some((wait, false, _)) => {
                        o.abandoned += 1;
                        if wait <= threshold {
                            o.abandoned_within += 1;
                        }
                    }
                    None => {}
                }
            }
        }
    }
    Observation {
        intervals,
        days: days.len() * opts.replications as usize,
        outside,
        has_handle: true,
    }
}

/// Busy time of a call spread over the intervals it spans (after close: the last).
fn add_busy(intervals: &mut [Observed], clock: &crate::model::Clock, a: f64, b: f64) {
    let mut i = clock.interval_at(a.min(clock.horizon_s));
    loop {
        let (lo, hi) = clock.bounds(i);
        let hi = if i + 1 == clock.len() {
            f64::INFINITY
        } else {
            hi
        };
        let part = b.min(hi) - a.max(lo);
        if part > 0.0 {
            intervals[i].busy_s += part;
        }
        if b <= hi || i + 1 == clock.len() {
            break;
        }
        i += 1;
    }
}
