//! Results per call type and per agent group for models with several (SPEC "Several call
//! types and agent groups"): each call type gets every metric of the Metrics table,
//! judged against its own goal; each group its occupancy and the calls it answered of
//! each type, as a count and as a share of that type's answered calls.

use super::{Accumulator, Estimate, Estimates, ReplicationMetrics, Running};
use crate::model::Model;
use crate::stats::tally::Breakdown;

/// What a group's row holds, in order: its columns' keys for a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupColumn {
    /// Busy time ÷ time on the phones.
    Occupancy,
    /// Calls answered, all types.
    Answered,
    /// Calls of one type answered by the group.
    AnsweredOf(usize),
    /// Share of one type's answered calls that the group answered.
    ShareOf(usize),
}

impl GroupColumn {
    /// Every column of a group's row for a model with `types` call types.
    pub fn all(types: usize) -> Vec<GroupColumn> {
        let mut c = vec![GroupColumn::Occupancy, GroupColumn::Answered];
        c.extend((0..types).map(GroupColumn::AnsweredOf));
        c.extend((0..types).map(GroupColumn::ShareOf));
        c
    }
}

/// One replication's group rows: one per interval, then the day.
#[derive(Debug, Clone)]
pub struct GroupMetrics {
    pub intervals: Vec<Vec<f64>>,
    pub overall: Vec<f64>,
}

/// One replication's results per call type and per group.
#[derive(Debug, Clone)]
pub struct BreakdownMetrics {
    pub types: Vec<ReplicationMetrics>,
    pub groups: Vec<GroupMetrics>,
}

impl BreakdownMetrics {
    pub fn new(bd: &Breakdown, model: &Model) -> Self {
        let types = bd
            .types
            .iter()
            .zip(&model.call_types)
            .map(|(t, ct)| ReplicationMetrics::from_tally(t, &ct.service_level))
            .collect();
        let n = model.intervals();
        let nt = model.call_types.len();
        let columns = GroupColumn::all(nt);
        let groups = (0..bd.groups.len())
            .map(|g| GroupMetrics {
                intervals: (0..n)
                    .map(|i| group_row(bd, g, i..i + 1, &columns))
                    .collect(),
                overall: group_row(bd, g, 0..n, &columns),
            })
            .collect();
        BreakdownMetrics { types, groups }
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den > 0.0 { num / den } else { f64::NAN }
}

/// Group `g`'s columns over the interval slots `slots`.
fn group_row(
    bd: &Breakdown,
    g: usize,
    slots: std::ops::Range<usize>,
    columns: &[GroupColumn],
) -> Vec<f64> {
    let gt = &bd.groups[g];
    let busy: f64 = gt.busy_time[slots.clone()].iter().sum();
    let staffed: f64 = gt.staffed_time[slots.clone()].iter().sum();
    let of = |k: usize| -> f64 { slots.clone().map(|s| gt.answered_of(s, k)).sum::<u64>() as f64 };
    let type_answered = |k: usize| -> f64 {
        bd.types[k].slots[slots.clone()]
            .iter()
            .map(|s| s.answered)
            .sum::<u64>() as f64
    };
    columns
        .iter()
        .map(|c| match *c {
            GroupColumn::Occupancy => ratio(busy, staffed),
            GroupColumn::Answered => (0..bd.types.len()).map(of).sum(),
            GroupColumn::AnsweredOf(k) => of(k),
            GroupColumn::ShareOf(k) => ratio(of(k), type_answered(k)),
        })
        .collect()
}

/// A group's estimates: one row per interval, then the day; columns as
/// [`GroupColumn::all`].
#[derive(Debug, Clone)]
pub struct GroupEstimates {
    pub intervals: Vec<Vec<Estimate>>,
    pub overall: Vec<Estimate>,
}

/// The run's estimates per call type and per group.
#[derive(Debug, Clone)]
pub struct BreakdownEstimates {
    pub types: Vec<Estimates>,
    pub groups: Vec<GroupEstimates>,
}

/// Accumulates replications, in order, per call type and per group.
#[derive(Debug, Clone)]
pub struct BreakdownAccumulator {
    types: Vec<Accumulator>,
    groups: Vec<(Vec<Vec<Running>>, Vec<Running>)>,
}

impl BreakdownAccumulator {
    pub fn new(model: &Model) -> Self {
        let n = model.intervals();
        let width = GroupColumn::all(model.call_types.len()).len();
        BreakdownAccumulator {
            types: model
                .call_types
                .iter()
                .map(|_| Accumulator::new(n))
                .collect(),
            groups: model
                .agent_groups
                .iter()
                .map(|_| {
                    (
                        vec![vec![Running::default(); width]; n],
                        vec![Running::default(); width],
                    )
                })
                .collect(),
        }
    }

    pub fn push(&mut self, m: &BreakdownMetrics) {
        for (acc, t) in self.types.iter_mut().zip(&m.types) {
            acc.push(t);
        }
        for ((intervals, overall), g) in self.groups.iter_mut().zip(&m.groups) {
            for (acc, row) in intervals.iter_mut().zip(&g.intervals) {
                acc.iter_mut().zip(row).for_each(|(a, x)| a.push(*x));
            }
            overall
                .iter_mut()
                .zip(&g.overall)
                .for_each(|(a, x)| a.push(*x));
        }
    }

    pub fn finish(&self) -> BreakdownEstimates {
        let row = |r: &Vec<Running>| -> Vec<Estimate> { r.iter().map(Running::estimate).collect() };
        BreakdownEstimates {
            types: self.types.iter().map(Accumulator::finish).collect(),
            groups: self
                .groups
                .iter()
                .map(|(intervals, overall)| GroupEstimates {
                    intervals: intervals.iter().map(row).collect(),
                    overall: row(overall),
                })
                .collect(),
        }
    }
}
