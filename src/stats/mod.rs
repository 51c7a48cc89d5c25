//! From per-replication tallies to the reported statistics: each metric is computed per
//! replication, then averaged over replications with a 95 % Student-t half-width.
//!
//! Accumulation runs in replication order, so results do not depend on how replications
//! were spread over threads.

pub mod breakdown;
pub mod pooled;
pub mod shifts;
mod spread;
mod student_t;
pub mod tally;

pub use pooled::Estimator;
pub use spread::{Percentiles, Spread, SpreadFold};
pub use student_t::t975;
pub use tally::{IntervalTally, Tally, percentile, percentile_of};

use crate::model::{ServiceLevel, SlDefinition};

/// The metrics of SPEC.md, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Offered,
    Answered,
    Abandoned,
    Blocked,
    ServiceLevel,
    SlAnswered,
    SlOffered,
    SlExclShortAbandons,
    AsaS,
    AbandonRate,
    BlockRate,
    Occupancy,
    WaitP50S,
    WaitP90S,
    PMeetsTarget,
    Callers,
    CallersAnswered,
    Redials,
    CallerServiceLevel,
    CallerAbandonRate,
}

impl Metric {
    pub const ALL: [Metric; 20] = [
        Metric::Offered,
        Metric::Answered,
        Metric::Abandoned,
        Metric::Blocked,
        Metric::ServiceLevel,
        Metric::SlAnswered,
        Metric::SlOffered,
        Metric::SlExclShortAbandons,
        Metric::AsaS,
        Metric::AbandonRate,
        Metric::BlockRate,
        Metric::Occupancy,
        Metric::WaitP50S,
        Metric::WaitP90S,
        Metric::PMeetsTarget,
        Metric::Callers,
        Metric::CallersAnswered,
        Metric::Redials,
        Metric::CallerServiceLevel,
        Metric::CallerAbandonRate,
    ];
    pub const COUNT: usize = Self::ALL.len();
    /// The metrics of every run; the rest count people and exist only with redials.
    pub const BASE: usize = 15;

    /// Whether the metric came after the first summaries (`p_meets_target` and the
    /// per-caller ones): older baselines do not have it.
    pub fn is_recent(self) -> bool {
        self as usize >= Metric::PMeetsTarget as usize
    }

    /// The metrics reported for a model with or without redials, in SPEC order.
    pub fn reported(redials: bool) -> &'static [Metric] {
        if redials {
            &Self::ALL
        } else {
            &Self::ALL[..Self::BASE]
        }
    }

    /// The key used in JSON and CSV.
    pub fn key(self) -> &'static str {
        match self {
            Metric::Offered => "offered",
            Metric::Answered => "answered",
            Metric::Abandoned => "abandoned",
            Metric::Blocked => "blocked",
            Metric::ServiceLevel => "service_level",
            Metric::SlAnswered => "sl_answered",
            Metric::SlOffered => "sl_offered",
            Metric::SlExclShortAbandons => "sl_excl_short_abandons",
            Metric::AsaS => "asa_s",
            Metric::AbandonRate => "abandon_rate",
            Metric::BlockRate => "block_rate",
            Metric::Occupancy => "occupancy",
            Metric::WaitP50S => "wait_p50_s",
            Metric::WaitP90S => "wait_p90_s",
            Metric::PMeetsTarget => "p_meets_target",
            Metric::Callers => "callers",
            Metric::CallersAnswered => "callers_answered",
            Metric::Redials => "redials",
            Metric::CallerServiceLevel => "caller_service_level",
            Metric::CallerAbandonRate => "caller_abandon_rate",
        }
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }

    /// Whether the metric is a share between 0 and 1 (shown as a percentage).
    pub fn is_fraction(self) -> bool {
        matches!(
            self,
            Metric::ServiceLevel
                | Metric::SlAnswered
                | Metric::SlOffered
                | Metric::SlExclShortAbandons
                | Metric::AbandonRate
                | Metric::BlockRate
                | Metric::Occupancy
                | Metric::PMeetsTarget
                | Metric::CallerServiceLevel
                | Metric::CallerAbandonRate
        )
    }
}

/// One replication's value of every metric; NaN where a metric is undefined (no calls).
pub type MetricRow = [f64; Metric::COUNT];

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { f64::NAN }
}

/// Computes every metric from one interval's (or the day's) counters and wait histogram.
pub fn metric_row(t: &IntervalTally, hist: &[u32], goal: &ServiceLevel) -> MetricRow {
    let of = goal.of;
    let answered = t.answered as f64;
    let offered = t.offered as f64;
    let within = t.answered_within as f64;
    let sl_answered = ratio(within, answered);
    let sl_offered = ratio(within, offered);
    let sl_excl = ratio(within, offered - t.abandoned_within as f64);
    let sl = match of {
        SlDefinition::Answered => sl_answered,
        SlDefinition::Offered => sl_offered,
        SlDefinition::ExclShortAbandons => sl_excl,
    };
    let mut row = [f64::NAN; Metric::COUNT];
    for m in Metric::ALL {
        row[m as usize] = match m {
            Metric::Offered => offered,
            Metric::Answered => answered,
            Metric::Abandoned => t.abandoned as f64,
            Metric::Blocked => t.blocked as f64,
            Metric::ServiceLevel => sl,
            Metric::SlAnswered => sl_answered,
            Metric::SlOffered => sl_offered,
            Metric::SlExclShortAbandons => sl_excl,
            Metric::AsaS => ratio(t.wait_sum, answered),
            Metric::AbandonRate => ratio(t.abandoned as f64, offered),
            Metric::BlockRate => ratio(t.blocked as f64, offered),
            Metric::Occupancy => ratio(t.busy_time, t.staffed_time),
            Metric::WaitP50S => percentile_of(hist, t.answered, 0.5).unwrap_or(f64::NAN),
            Metric::WaitP90S => percentile_of(hist, t.answered, 0.9).unwrap_or(f64::NAN),
            // Whether this day (or interval) met the goal: its mean is the probability.
            Metric::PMeetsTarget if sl.is_nan() => f64::NAN,
            Metric::PMeetsTarget => f64::from(u8::from(sl >= goal.target)),
            Metric::Callers => t.callers as f64,
            Metric::CallersAnswered => t.callers_answered as f64,
            Metric::Redials => t.redialers as f64,
            Metric::CallerServiceLevel => ratio(t.callers_within as f64, t.callers as f64),
            Metric::CallerAbandonRate => {
                ratio((t.callers - t.callers_answered) as f64, t.callers as f64)
            }
        };
    }
    row
}

/// All metric rows of one replication: one per interval, then the overall row.
#[derive(Debug, Clone)]
pub struct ReplicationMetrics {
    pub intervals: Vec<MetricRow>,
    pub overall: MetricRow,
}

impl ReplicationMetrics {
    pub fn from_tally(tally: &Tally, goal: &ServiceLevel) -> Self {
        Self::with_overall_histogram(tally, goal, &tally.overall_histogram())
    }

    /// As `from_tally`, given the day's wait histogram when the caller has it already.
    pub fn with_overall_histogram(
        tally: &Tally,
        goal: &ServiceLevel,
        overall_hist: &[u32],
    ) -> Self {
        let intervals = (0..tally.intervals())
            .map(|i| metric_row(&tally.slots[i], tally.histogram(i), goal))
            .collect();
        let overall = metric_row(&tally.overall(), overall_hist, goal);
        ReplicationMetrics { intervals, overall }
    }
}

/// Running mean and variance (Welford) of one metric over the replications defining it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Running {
    n: u64,
    mean: f64,
    m2: f64,
}

impl Running {
    /// Adds one replication's value (NaN: undefined there, skipped).
    pub fn push(&mut self, x: f64) {
        if x.is_nan() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    pub fn estimate(&self) -> Estimate {
        match self.n {
            0 => Estimate {
                mean: None,
                ci95: None,
                n: 0,
            },
            1 => Estimate {
                mean: Some(self.mean),
                ci95: Some(0.0),
                n: 1,
            },
            n => {
                let sd = (self.m2 / (n - 1) as f64).max(0.0).sqrt();
                Estimate {
                    mean: Some(self.mean),
                    ci95: Some(t975(n - 1) * sd / (n as f64).sqrt()),
                    n,
                }
            }
        }
    }
}

/// A metric's mean over replications and its 95 % half-width; None where undefined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: Option<f64>,
    pub ci95: Option<f64>,
    /// Replications in which the metric was defined.
    pub n: u64,
}

/// Estimates of every metric for one row (an interval or the day).
pub type EstimateRow = [Estimate; Metric::COUNT];

/// Accumulates replications, in order, into estimates.
#[derive(Debug, Clone)]
pub struct Accumulator {
    intervals: Vec<[Running; Metric::COUNT]>,
    overall: [Running; Metric::COUNT],
    pub replications: u64,
}

impl Accumulator {
    pub fn new(intervals: usize) -> Self {
        Accumulator {
            intervals: vec![[Running::default(); Metric::COUNT]; intervals],
            overall: [Running::default(); Metric::COUNT],
            replications: 0,
        }
    }

    pub fn push(&mut self, rep: &ReplicationMetrics) {
        for (acc, row) in self.intervals.iter_mut().zip(&rep.intervals) {
            acc.iter_mut().zip(row).for_each(|(a, x)| a.push(*x));
        }
        self.overall
            .iter_mut()
            .zip(&rep.overall)
            .for_each(|(a, x)| a.push(*x));
        self.replications += 1;
    }

    pub fn finish(&self) -> Estimates {
        let row = |r: &[Running; Metric::COUNT]| -> EstimateRow {
            std::array::from_fn(|i| r[i].estimate())
        };
        Estimates {
            intervals: self.intervals.iter().map(row).collect(),
            overall: row(&self.overall),
            replications: self.replications,
        }
    }
}

/// The statistics of a whole run.
#[derive(Debug, Clone)]
pub struct Estimates {
    pub intervals: Vec<EstimateRow>,
    pub overall: EstimateRow,
    pub replications: u64,
}

impl Estimates {
    /// Intervals whose mean service level is below `target`; an interval with no calls
    /// (service level undefined) counts as meeting it.
    pub fn intervals_below_target(&self, target: f64) -> Vec<usize> {
        self.intervals
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                row[Metric::ServiceLevel as usize]
                    .mean
                    .is_some_and(|sl| sl < target)
            })
            .map(|(i, _)| i)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_metrics_are_skipped_not_zeroed() {
        let mut r = Running::default();
        for x in [1.0, f64::NAN, 3.0] {
            r.push(x);
        }
        let e = r.estimate();
        assert_eq!(e.n, 2);
        assert_eq!(e.mean, Some(2.0));
        // sd = sqrt(2), half-width = t(1) * sqrt(2) / sqrt(2)
        assert!((e.ci95.unwrap() - 12.706204736174693).abs() < 1e-12);
        assert_eq!(Running::default().estimate().mean, None);
    }

    #[test]
    fn service_level_definitions() {
        let t = IntervalTally {
            offered: 10,
            answered: 7,
            abandoned: 3,
            answered_within: 5,
            abandoned_within: 2,
            ..Default::default()
        };
        let goal = ServiceLevel {
            threshold_s: 20.0,
            target: 0.625,
            of: SlDefinition::ExclShortAbandons,
        };
        let row = metric_row(&t, &[0; tally::WAIT_BUCKETS], &goal);
        assert_eq!(row[Metric::SlAnswered as usize], 5.0 / 7.0);
        assert_eq!(row[Metric::SlOffered as usize], 0.5);
        assert_eq!(row[Metric::SlExclShortAbandons as usize], 5.0 / 8.0);
        assert_eq!(row[Metric::ServiceLevel as usize], 5.0 / 8.0);
        assert!(row[Metric::WaitP50S as usize].is_nan());
        // 5/8 meets a target of 0.625 exactly; one call fewer within would not.
        assert_eq!(row[Metric::PMeetsTarget as usize], 1.0);
        let short = IntervalTally {
            answered_within: 4,
            ..t
        };
        let row = metric_row(&short, &[0; tally::WAIT_BUCKETS], &goal);
        assert_eq!(row[Metric::PMeetsTarget as usize], 0.0);
    }
}
