//! The pooled estimator (SPEC Metrics, `[service_level] estimator = "pooled"`): a ratio
//! metric is the ratio of its numerator and denominator summed over all replications,
//! as ContactCenters and many switch reports compute it, instead of the mean of the
//! per-replication ratios. Its 95 % half-width is the delta method's: with per-
//! replication pairs (Xᵣ, Yᵣ) over n replications, R = ΣX ÷ ΣY and residuals
//! dᵣ = Xᵣ − R·Yᵣ, the half-width is t₀.₉₇₅(n−1) · s_d ÷ (√n · Ȳ), s_d the residuals'
//! standard deviation. Every replication counts (one without calls adds 0 ÷ 0 to the
//! sums); the ratio is undefined (None) when the denominators sum to 0.
//! Counts, percentiles and `p_meets_target` are not ratios of sums and keep the mean.

use super::{Estimate, Estimates, IntervalTally, Metric, Tally, t975};
use crate::model::{ServiceLevel, SlDefinition};

/// How ratio metrics are estimated over replications.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Estimator {
    /// The mean of per-replication ratios (the default).
    #[default]
    Mean,
    /// Ratios of sums over replications, with delta-method confidence intervals.
    Pooled,
}

impl Estimator {
    pub fn key(self) -> &'static str {
        match self {
            Estimator::Mean => "mean",
            Estimator::Pooled => "pooled",
        }
    }

    pub fn from_key(key: &str) -> Option<Estimator> {
        [Estimator::Mean, Estimator::Pooled]
            .into_iter()
            .find(|e| e.key() == key)
    }
}

/// The ratio metrics, whose pooled estimate replaces the mean.
pub const RATIOS: [Metric; 10] = [
    Metric::ServiceLevel,
    Metric::SlAnswered,
    Metric::SlOffered,
    Metric::SlExclShortAbandons,
    Metric::AsaS,
    Metric::AbandonRate,
    Metric::BlockRate,
    Metric::Occupancy,
    Metric::CallerServiceLevel,
    Metric::CallerAbandonRate,
];

/// Numerator and denominator of each of [`RATIOS`] from one row's counts (as
/// [`super::metric_row`] divides them).
pub fn parts(t: &IntervalTally, goal: &ServiceLevel) -> [(f64, f64); RATIOS.len()] {
    let within = t.answered_within as f64;
    let answered = (within, t.answered as f64);
    let offered = (within, t.offered as f64);
    let excl = (within, (t.offered - t.abandoned_within) as f64);
    std::array::from_fn(|k| match RATIOS[k] {
        Metric::ServiceLevel => match goal.of {
            SlDefinition::Answered => answered,
            SlDefinition::Offered => offered,
            SlDefinition::ExclShortAbandons => excl,
        },
        Metric::SlAnswered => answered,
        Metric::SlOffered => offered,
        Metric::SlExclShortAbandons => excl,
        Metric::AsaS => (t.wait_sum, t.answered as f64),
        Metric::AbandonRate => (t.abandoned as f64, t.offered as f64),
        Metric::BlockRate => (t.blocked as f64, t.offered as f64),
        Metric::Occupancy => (t.busy_time, t.staffed_time),
        Metric::CallerServiceLevel => (t.callers_within as f64, t.callers as f64),
        Metric::CallerAbandonRate => ((t.callers - t.callers_answered) as f64, t.callers as f64),
        _ => unreachable!("only ratio metrics"),
    })
}

type Row = [(f64, f64); RATIOS.len()];

/// One replication's numerators and denominators: per interval, then the day.
#[derive(Debug, Clone)]
pub struct PooledParts {
    intervals: Vec<Row>,
    overall: Row,
}

impl PooledParts {
    pub fn from_tally(tally: &Tally, goal: &ServiceLevel) -> PooledParts {
        PooledParts {
            intervals: (0..tally.intervals())
                .map(|i| parts(&tally.slots[i], goal))
                .collect(),
            overall: parts(&tally.overall(), goal),
        }
    }
}

/// Running means and co-moments of (X, Y) pairs (Welford's update for two variables),
/// so that sums of many replications keep their precision.
#[derive(Debug, Clone, Copy, Default)]
pub struct PairRunning {
    n: u64,
    mx: f64,
    my: f64,
    cxx: f64,
    cyy: f64,
    cxy: f64,
}

impl PairRunning {
    pub fn push(&mut self, x: f64, y: f64) {
        self.n += 1;
        let n = self.n as f64;
        let (dx, dy) = (x - self.mx, y - self.my);
        self.mx += dx / n;
        self.my += dy / n;
        self.cxx += dx * (x - self.mx);
        self.cyy += dy * (y - self.my);
        self.cxy += dx * (y - self.my);
    }

    /// The ratio of sums and its delta-method 95 % half-width.
    pub fn estimate(&self) -> Estimate {
        if self.n == 0 || self.my <= 0.0 {
            return Estimate {
                mean: None,
                ci95: None,
                n: self.n,
            };
        }
        let r = self.mx / self.my;
        let ci95 = if self.n < 2 {
            0.0
        } else {
            let var_d = (self.cxx - 2.0 * r * self.cxy + r * r * self.cyy) / (self.n - 1) as f64;
            t975(self.n - 1) * (var_d.max(0.0) / self.n as f64).sqrt() / self.my
        };
        Estimate {
            mean: Some(r),
            ci95: Some(ci95),
            n: self.n,
        }
    }
}

/// Accumulates replications' parts, in order.
#[derive(Debug, Clone)]
pub struct PooledAccumulator {
    intervals: Vec<[PairRunning; RATIOS.len()]>,
    overall: [PairRunning; RATIOS.len()],
}

impl PooledAccumulator {
    pub fn new(intervals: usize) -> PooledAccumulator {
        PooledAccumulator {
            intervals: vec![Default::default(); intervals],
            overall: Default::default(),
        }
    }

    pub fn push(&mut self, p: &PooledParts) {
        let add = |acc: &mut [PairRunning; RATIOS.len()], row: &Row| {
            for (a, &(x, y)) in acc.iter_mut().zip(row) {
                a.push(x, y);
            }
        };
        for (acc, row) in self.intervals.iter_mut().zip(&p.intervals) {
            add(acc, row);
        }
        add(&mut self.overall, &p.overall);
    }

    /// Replaces the ratio metrics of `est` by their pooled estimates.
    pub fn apply(&self, est: &mut Estimates) {
        let put = |row: &mut super::EstimateRow, acc: &[PairRunning; RATIOS.len()]| {
            for (m, a) in RATIOS.iter().zip(acc) {
                row[*m as usize] = a.estimate();
            }
        };
        for (row, acc) in est.intervals.iter_mut().zip(&self.intervals) {
            put(row, acc);
        }
        put(&mut est.overall, &self.overall);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand computation: X = (3, 5, 4), Y = (4, 6, 8): R = 12/18 = 2/3; residuals
    /// (1/3, 1, −4/3), mean 0, variance (1/9 + 1 + 16/9)/2 = 13/9; Ȳ = 6; half-width
    /// t(2)·√(13/27)/6.
    #[test]
    fn ratio_of_sums_with_the_delta_method() {
        let mut p = PairRunning::default();
        for (x, y) in [(3.0, 4.0), (5.0, 6.0), (4.0, 8.0)] {
            p.push(x, y);
        }
        let e = p.estimate();
        assert!((e.mean.unwrap() - 2.0 / 3.0).abs() < 1e-15);
        let h = t975(2) * (13.0f64 / 27.0).sqrt() / 6.0;
        assert!((e.ci95.unwrap() - h).abs() < 1e-12, "{:?} vs {h}", e.ci95);
        assert_eq!(PairRunning::default().estimate().mean, None);
    }
}
