//! The risk view: how the service level spreads across simulated days. Percentiles need
//! every day's value, so each replication's service level is kept, per interval to
//! 1/10,000 (two bytes each) and for the whole day exactly (for the chart of the days).
//! Memory grows with replications × intervals, never with calls.

use super::{Metric, ReplicationMetrics};

/// Resolution of the per-interval values: a percentile is exact to ±0.005 percentage points.
const STEPS: f64 = 10_000.0;

/// The 10th, 50th and 90th percentiles of the service level across replications.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

impl Percentiles {
    /// Nearest-rank percentiles of values already sorted; None when there are none.
    fn of_sorted<T: Copy>(sorted: &[T], value: impl Fn(T) -> f64) -> Option<Percentiles> {
        if sorted.is_empty() {
            return None;
        }
        let n = sorted.len();
        let at = |p: f64| value(sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1]);
        Some(Percentiles {
            p10: at(0.1),
            p50: at(0.5),
            p90: at(0.9),
        })
    }
}

/// The service level's spread across the replications of a run.
#[derive(Debug, Clone, Default)]
pub struct Spread {
    pub intervals: Vec<Option<Percentiles>>,
    pub overall: Option<Percentiles>,
    /// Each replication's service level over the whole day, in replication order (days
    /// where it is undefined left out).
    pub days: Vec<f64>,
}

/// Collects replications' service levels, in replication order.
#[derive(Debug, Clone)]
pub struct SpreadFold {
    intervals: Vec<Vec<u16>>,
    days: Vec<f64>,
}

impl SpreadFold {
    pub fn new(intervals: usize) -> Self {
        SpreadFold {
            intervals: vec![Vec::new(); intervals],
            days: Vec::new(),
        }
    }

    pub fn push(&mut self, rep: &ReplicationMetrics) {
        let sl = Metric::ServiceLevel as usize;
        for (values, row) in self.intervals.iter_mut().zip(&rep.intervals) {
            if !row[sl].is_nan() {
                values.push((row[sl] * STEPS).round() as u16);
            }
        }
        if !rep.overall[sl].is_nan() {
            self.days.push(rep.overall[sl]);
        }
    }

    pub fn finish(mut self) -> Spread {
        let intervals = self
            .intervals
            .iter_mut()
            .map(|v| {
                v.sort_unstable();
                Percentiles::of_sorted(v, |q| q as f64 / STEPS)
            })
            .collect();
        let mut sorted = self.days.clone();
        sorted.sort_unstable_by(f64::total_cmp);
        Spread {
            intervals,
            overall: Percentiles::of_sorted(&sorted, |x| x),
            days: self.days,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<f64> = (1..=10).map(|i| i as f64 / 10.0).collect();
        let p = Percentiles::of_sorted(&v, |x| x).unwrap();
        assert_eq!((p.p10, p.p50, p.p90), (0.1, 0.5, 0.9));
        assert_eq!(Percentiles::of_sorted(&[0.7], |x| x).unwrap().p10, 0.7);
        assert!(Percentiles::of_sorted::<f64>(&[], |x| x).is_none());
    }
}
