//! The goals a staffing must meet in every interval, and how an interval's figures are
//! judged against them from per-replication counts.
//!
//! Each figure is computed per replication from that replication's counts (as every
//! metric is, see [`crate::stats`]) and averaged over the replications where it is
//! defined, with the same running mean the reports use, so that a judgement here agrees
//! with the figures written. An interval without calls meets every goal. The confidence
//! goal counts the replications whose interval service level meets the target (a
//! replication without calls in the interval counts as meeting it): their share must be
//! at least the confidence.

use crate::model::{Goals, Model, ServiceLevel, SlDefinition};
use crate::stats::{IntervalTally, Metric, Running, metric_row};

/// Every goal of a staffing: the service-level target and the `[goals]` (or flags).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GoalSet {
    pub target: f64,
    pub threshold_s: f64,
    pub of: SlDefinition,
    pub goals: Goals,
}

/// The figures goals are set on, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    ServiceLevel,
    AbandonRate,
    Asa,
    Occupancy,
    /// Share of replications meeting the service-level target.
    Confidence,
}

impl Figure {
    pub const ALL: [Figure; 5] = [
        Figure::ServiceLevel,
        Figure::AbandonRate,
        Figure::Asa,
        Figure::Occupancy,
        Figure::Confidence,
    ];

    /// The key in staffing.json and staffing.csv.
    pub fn key(self) -> &'static str {
        match self {
            Figure::ServiceLevel => "service_level",
            Figure::AbandonRate => "abandon_rate",
            Figure::Asa => "asa_s",
            Figure::Occupancy => "occupancy",
            Figure::Confidence => "p_meets_target",
        }
    }

    /// The metric behind a mean figure (the confidence is a share of replications).
    pub fn metric(self) -> Option<Metric> {
        match self {
            Figure::ServiceLevel => Some(Metric::ServiceLevel),
            Figure::AbandonRate => Some(Metric::AbandonRate),
            Figure::Asa => Some(Metric::AsaS),
            Figure::Occupancy => Some(Metric::Occupancy),
            Figure::Confidence => None,
        }
    }

    /// Whether more of this figure is better service (service level, confidence).
    pub fn higher_is_better(self) -> bool {
        matches!(self, Figure::ServiceLevel | Figure::Confidence)
    }
}

impl GoalSet {
    pub fn of(model: &Model) -> GoalSet {
        GoalSet {
            target: model.service_level.target,
            threshold_s: model.service_level.threshold_s,
            of: model.service_level.of,
            goals: model.goals,
        }
    }

    /// The goal on a figure, if any: (limit, whether the figure must be at least it).
    pub fn limit(&self, f: Figure) -> Option<(f64, bool)> {
        match f {
            Figure::ServiceLevel => Some((self.target, true)),
            Figure::AbandonRate => self.goals.max_abandon_rate.map(|x| (x, false)),
            Figure::Asa => self.goals.max_asa_s.map(|x| (x, false)),
            Figure::Occupancy => self.goals.max_occupancy.map(|x| (x, false)),
            Figure::Confidence => self.goals.confidence.map(|x| (x, true)),
        }
    }

    /// Whether `value` meets the goal on `f` (an undefined figure, or no goal, does).
    pub fn meets(&self, f: Figure, value: Option<f64>) -> bool {
        match (self.limit(f), value) {
            (Some((limit, true)), Some(v)) => v >= limit,
            (Some((limit, false)), Some(v)) => v <= limit,
            _ => true,
        }
    }

    /// The service-level goal, as the metrics take it.
    pub fn service_level(&self) -> ServiceLevel {
        ServiceLevel {
            threshold_s: self.threshold_s,
            target: self.target,
            of: self.of,
        }
    }

    /// Whether one interval meets every goal, given its counts in each replication, in
    /// replication order.
    pub fn interval_meets<'t>(&self, reps: impl Iterator<Item = &'t IntervalTally>) -> bool {
        let figures = self.figures(reps);
        Figure::ALL
            .iter()
            .zip(figures)
            .all(|(&f, v)| self.meets(f, v))
    }

    /// One interval's mean figures (in [`Figure::ALL`] order; None where undefined) from
    /// its counts in each replication, in replication order.
    pub fn figures<'t>(&self, reps: impl Iterator<Item = &'t IntervalTally>) -> [Option<f64>; 5] {
        let mut means = [Running::default(); 4];
        let (mut meeting, mut n) = (0u64, 0u64);
        let goal = self.service_level();
        for t in reps {
            let row = metric_row(t, &[], &goal);
            for (m, f) in means.iter_mut().zip(Figure::ALL) {
                m.push(row[f.metric().expect("mean figure") as usize]);
            }
            let sl = row[Metric::ServiceLevel as usize];
            meeting += u64::from(sl.is_nan() || sl >= self.target);
            n += 1;
        }
        let mean = |r: &Running| r.estimate().mean;
        [
            mean(&means[0]),
            mean(&means[1]),
            mean(&means[2]),
            mean(&means[3]),
            (n > 0).then(|| meeting as f64 / n as f64),
        ]
    }
}
