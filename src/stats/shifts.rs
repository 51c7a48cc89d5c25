//! What a roster adds to a replication's results (SPEC "Shifts, uncertain days and
//! redials"): per interval, the agent time on the phones, breaks taken, overtime and
//! break delays, and their means over replications.
//!
//! Time is split between intervals where it is spent (a break from 11:50 to 12:05 counts
//! 10 minutes in one interval and 5 in the next); a delay counts in the interval where
//! the break fell due (its start, or its window's end). Overtime and breaks after the
//! close count in the last interval. On-the-phones time is the engine's accounting of
//! agent time, between warm-up and the close.

use super::{Estimate, Running};
use crate::model::Model;

/// One replication's roster figures, seconds per interval.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShiftTally {
    /// Agent-seconds on the phones of the groups with rosters (idle or busy; busy past a
    /// shift end or a due break).
    pub on_phones_s: Vec<f64>,
    /// Agent-seconds on breaks actually taken (cut at the shift end).
    pub break_s: Vec<f64>,
    /// Agent-seconds from a shift's end to the agent's leaving.
    pub overtime_s: Vec<f64>,
    /// Actual break start minus when it was due, summed over breaks.
    pub delayed_break_s: Vec<f64>,
    /// Breaks dropped because the shift ended before they could start.
    pub dropped_breaks: u64,
}

impl ShiftTally {
    pub fn new(intervals: usize) -> Self {
        ShiftTally {
            on_phones_s: vec![0.0; intervals],
            break_s: vec![0.0; intervals],
            overtime_s: vec![0.0; intervals],
            delayed_break_s: vec![0.0; intervals],
            dropped_breaks: 0,
        }
    }

    pub fn reset(&mut self) {
        for v in [
            &mut self.on_phones_s,
            &mut self.break_s,
            &mut self.overtime_s,
            &mut self.delayed_break_s,
        ] {
            v.fill(0.0);
        }
        self.dropped_breaks = 0;
    }
}

/// The roster figures reported per interval and for the day, in this order.
pub const SHIFT_KEYS: [&str; 5] = [
    "on_phones",
    "paid_hours",
    "break_min",
    "overtime_min",
    "delayed_break_min",
];

/// One row of roster figures: mean agents on the phones, paid hours, break minutes,
/// overtime minutes, delayed-break minutes.
pub type ShiftRow = [Estimate; 5];

/// Estimates of the roster figures, per interval and for the day.
#[derive(Debug, Clone)]
pub struct ShiftEstimates {
    pub intervals: Vec<ShiftRow>,
    pub overall: ShiftRow,
}

/// Folds replications' roster figures, in replication order.
#[derive(Debug, Clone)]
pub struct ShiftAccumulator {
    lengths: Vec<f64>,
    paid_s: Vec<f64>,
    intervals: Vec<[Running; 5]>,
    overall: [Running; 5],
}

impl ShiftAccumulator {
    /// For a model whose groups have rosters; None when none has.
    pub fn new(model: &Model) -> Option<Self> {
        if model.agent_groups.iter().all(|g| g.roster.is_none()) {
            return None;
        }
        let n = model.intervals();
        Some(ShiftAccumulator {
            lengths: (0..n).map(|i| model.clock.length_of(i)).collect(),
            paid_s: paid_seconds_per_interval(model),
            intervals: vec![[Running::default(); 5]; n],
            overall: [Running::default(); 5],
        })
    }

    pub fn push(&mut self, t: &ShiftTally) {
        let mut day = [0.0; 5];
        let total_length: f64 = self.lengths.iter().sum();
        for (i, acc) in self.intervals.iter_mut().enumerate() {
            let row = [
                t.on_phones_s[i] / self.lengths[i],
                self.paid_s[i] / 3600.0,
                t.break_s[i] / 60.0,
                t.overtime_s[i] / 60.0,
                t.delayed_break_s[i] / 60.0,
            ];
            for (a, x) in acc.iter_mut().zip(row) {
                a.push(x);
            }
            day[0] += t.on_phones_s[i];
            for k in 1..5 {
                day[k] += row[k];
            }
        }
        day[0] /= total_length;
        for (a, x) in self.overall.iter_mut().zip(day) {
            a.push(x);
        }
    }

    pub fn finish(&self) -> ShiftEstimates {
        let row = |r: &[Running; 5]| -> ShiftRow { std::array::from_fn(|k| r[k].estimate()) };
        ShiftEstimates {
            intervals: self.intervals.iter().map(row).collect(),
            overall: row(&self.overall),
        }
    }
}

/// Agent-seconds paid in each interval by the rosters of all groups (shift time,
/// breaks included, overtime excluded).
pub fn paid_seconds_per_interval(model: &Model) -> Vec<f64> {
    let clock = &model.clock;
    (0..clock.len())
        .map(|i| {
            let (a, b) = clock.bounds(i);
            model
                .agent_groups
                .iter()
                .filter_map(|g| g.roster.as_ref())
                .flat_map(|r| &r.shifts)
                .map(|s| f64::from(s.count) * (s.end_s.min(b) - s.start_s.max(a)).max(0.0))
                .sum()
        })
        .collect()
}
