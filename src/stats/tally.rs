//! What one replication counts, per interval: outcomes, waits and agent time.
//! Fixed-size counters and a wait histogram, so memory does not grow with calls.

use crate::model::Model;

/// Sub-buckets per doubling of the wait: percentiles are exact to about ±0.4 %.
const SUB_BITS: u32 = 6;
const SUB: u64 = 1 << SUB_BITS;
/// Waits are bucketed in whole milliseconds below `SUB` ms, then log-linearly up to
/// 2^36 ms (about two years); longer waits share the last bucket.
const MAX_EXP: u32 = 36;
/// Bucket 0 holds waits of exactly zero (answered on arrival).
pub const WAIT_BUCKETS: usize = 1 + SUB as usize + (MAX_EXP - SUB_BITS) as usize * SUB as usize;

/// The histogram bucket of a wait in seconds.
#[inline]
pub fn wait_bucket(wait_s: f64) -> usize {
    if wait_s <= 0.0 {
        return 0;
    }
    let ms = ((wait_s * 1000.0) as u64).min((1u64 << MAX_EXP) - 1);
    if ms < SUB {
        return 1 + ms as usize;
    }
    let e = 63 - ms.leading_zeros(); // floor(log2 ms) >= SUB_BITS
    let sub = (ms >> (e - SUB_BITS)) - SUB;
    1 + SUB as usize + ((e - SUB_BITS) as usize * SUB as usize) + sub as usize
}

/// A representative wait (seconds) for a bucket: the middle of its range.
pub fn bucket_value(bucket: usize) -> f64 {
    if bucket == 0 {
        return 0.0;
    }
    let b = (bucket - 1) as u64;
    if b < SUB {
        return (b as f64 + 0.5) / 1000.0;
    }
    let k = b - SUB;
    let e = (k / SUB) as u32 + SUB_BITS;
    let sub = k % SUB;
    let lo = (SUB + sub) << (e - SUB_BITS);
    let width = 1u64 << (e - SUB_BITS);
    (lo as f64 + width as f64 / 2.0) / 1000.0
}

/// Counters of one interval (or of the whole day) in one replication.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IntervalTally {
    pub offered: u64,
    pub answered: u64,
    pub abandoned: u64,
    pub blocked: u64,
    /// Answered with wait ≤ threshold.
    pub answered_within: u64,
    /// Abandoned with wait ≤ threshold (short abandons).
    pub abandoned_within: u64,
    /// Sum of waits of answered calls, seconds.
    pub wait_sum: f64,
    /// Agent-seconds spent on calls.
    pub busy_time: f64,
    /// Agent-seconds on the phones: staffed agents, or more while leavers finish calls.
    pub staffed_time: f64,
    /// People (counted only with redials, in the interval of their first call): callers,
    /// those answered on some attempt, those answered with at most the threshold of hold
    /// time over all their attempts, and those who called again at least once.
    pub callers: u64,
    pub callers_answered: u64,
    pub callers_within: u64,
    pub redialers: u64,
}

impl IntervalTally {
    pub fn add(&mut self, o: &IntervalTally) {
        self.offered += o.offered;
        self.answered += o.answered;
        self.abandoned += o.abandoned;
        self.blocked += o.blocked;
        self.answered_within += o.answered_within;
        self.abandoned_within += o.abandoned_within;
        self.wait_sum += o.wait_sum;
        self.busy_time += o.busy_time;
        self.staffed_time += o.staffed_time;
        self.callers += o.callers;
        self.callers_answered += o.callers_answered;
        self.callers_within += o.callers_within;
        self.redialers += o.redialers;
    }
}

/// Everything one replication counts. Calls that arrive during warm-up go to a sink slot
/// (index `intervals`), so the engine records every call the same way, without a branch.
#[derive(Debug, Clone)]
pub struct Tally {
    threshold_s: f64,
    intervals: usize,
    pub slots: Vec<IntervalTally>,
    /// Wait histograms of answered calls, `WAIT_BUCKETS` per slot.
    hist: Vec<u32>,
    /// Per slot, the length of the histogram prefix in use: resetting and reading cost
    /// what the replication's waits used, not the full range (a day of short intervals
    /// would otherwise spend more time clearing histograms than simulating).
    hist_len: Vec<usize>,
    /// Per call type and per group, for models with several (filled by the engine, which
    /// then sums the types into the slots above).
    pub breakdown: Option<Box<Breakdown>>,
    /// For models with rosters: breaks, overtime and time on the phones (filled by the
    /// general engine).
    pub shifts: Option<Box<super::shifts::ShiftTally>>,
}

impl Tally {
    pub fn new(intervals: usize, threshold_s: f64) -> Self {
        Tally {
            threshold_s,
            intervals,
            slots: vec![IntervalTally::default(); intervals + 1],
            hist: vec![0; (intervals + 1) * WAIT_BUCKETS],
            hist_len: vec![0; intervals + 1],
            breakdown: None,
            shifts: None,
        }
    }

    /// A tally for `model`: with a breakdown per call type and group when it has several.
    pub fn for_model(model: &Model) -> Self {
        let mut t = Tally::new(model.intervals(), model.service_level.threshold_s);
        if model.is_multi() {
            t.breakdown = Some(Box::new(Breakdown::new(model)));
        }
        t
    }

    /// Adds another tally's counts and waits (the same intervals), as the centre's tally
    /// sums its call types.
    pub fn absorb(&mut self, other: &Tally) {
        for (a, b) in self.slots.iter_mut().zip(&other.slots) {
            a.add(b);
        }
        for slot in 0..=self.intervals {
            let from = other.histogram(slot);
            let base = slot * WAIT_BUCKETS;
            for (a, b) in self.hist[base..base + from.len()].iter_mut().zip(from) {
                *a += b;
            }
            self.hist_len[slot] = self.hist_len[slot].max(from.len());
        }
    }

    /// Clears all counts for the next replication, keeping the memory.
    pub fn reset(&mut self) {
        if let Some(b) = self.breakdown.as_mut() {
            b.reset();
        }
        if let Some(s) = self.shifts.as_mut() {
            s.reset();
        }
        self.slots
            .iter_mut()
            .for_each(|s| *s = IntervalTally::default());
        for (slot, len) in self.hist_len.iter_mut().enumerate() {
            self.hist[slot * WAIT_BUCKETS..slot * WAIT_BUCKETS + *len].fill(0);
            *len = 0;
        }
    }

    /// The slot that collects calls arriving during warm-up.
    pub fn sink(&self) -> usize {
        self.intervals
    }

    pub fn intervals(&self) -> usize {
        self.intervals
    }

    // Always inlined: called once per call from both engines' hot loops.
    #[inline(always)]
    pub fn offered(&mut self, slot: usize) {
        self.slots[slot].offered += 1;
    }

    // Always inlined: called once per call from both engines' hot loops.
    #[inline(always)]
    pub fn answered(&mut self, slot: usize, wait_s: f64) {
        let s = &mut self.slots[slot];
        s.answered += 1;
        s.answered_within += (wait_s <= self.threshold_s) as u64;
        s.wait_sum += wait_s;
        let bucket = wait_bucket(wait_s);
        self.hist[slot * WAIT_BUCKETS + bucket] += 1;
        let len = &mut self.hist_len[slot];
        if bucket >= *len {
            *len = bucket + 1;
        }
    }

    // Always inlined: called once per call from both engines' hot loops.
    #[inline(always)]
    pub fn abandoned(&mut self, slot: usize, wait_s: f64) {
        let s = &mut self.slots[slot];
        s.abandoned += 1;
        s.abandoned_within += (wait_s <= self.threshold_s) as u64;
    }

    #[inline]
    pub fn blocked(&mut self, slot: usize) {
        self.slots[slot].blocked += 1;
    }

    /// A new caller (a first attempt), with redials.
    #[inline]
    pub fn caller(&mut self, slot: usize) {
        self.slots[slot].callers += 1;
    }

    /// A caller answered at last, after `held_s` on hold over all attempts.
    #[inline]
    pub fn caller_answered(&mut self, slot: usize, held_s: f64) {
        let s = &mut self.slots[slot];
        s.callers_answered += 1;
        s.callers_within += (held_s <= self.threshold_s) as u64;
    }

    /// A caller who calls again for the first time.
    #[inline]
    pub fn redialer(&mut self, slot: usize) {
        self.slots[slot].redialers += 1;
    }

    /// Adds agent time spent in interval `slot`.
    #[inline]
    pub fn agent_time(&mut self, slot: usize, busy: f64, staffed: f64) {
        let s = &mut self.slots[slot];
        s.busy_time += busy;
        s.staffed_time += staffed;
    }

    /// Wait histogram of one interval's answered calls (the buckets in use; the rest are 0).
    pub fn histogram(&self, slot: usize) -> &[u32] {
        &self.hist[slot * WAIT_BUCKETS..slot * WAIT_BUCKETS + self.hist_len[slot]]
    }

    /// Counters summed over all counted intervals (warm-up excluded).
    pub fn overall(&self) -> IntervalTally {
        let mut total = IntervalTally::default();
        self.slots[..self.intervals]
            .iter()
            .for_each(|s| total.add(s));
        total
    }

    /// Wait histogram summed over all counted intervals (the buckets in use).
    pub fn overall_histogram(&self) -> Vec<u32> {
        let len = self.hist_len[..self.intervals]
            .iter()
            .copied()
            .max()
            .unwrap_or(0);
        let mut total = vec![0u32; len];
        for i in 0..self.intervals {
            for (t, h) in total.iter_mut().zip(self.histogram(i)) {
                *t += h;
            }
        }
        total
    }
}

/// What a replication of a several-type model counts per call type and per agent group.
#[derive(Debug, Clone)]
pub struct Breakdown {
    /// One tally per call type, each judged against its own threshold.
    pub types: Vec<Tally>,
    pub groups: Vec<GroupTally>,
}

impl Breakdown {
    pub fn new(model: &Model) -> Self {
        let n = model.intervals();
        let k = model.call_types.len();
        Breakdown {
            types: model
                .call_types
                .iter()
                .map(|t| Tally::new(n, t.service_level.threshold_s))
                .collect(),
            groups: model
                .agent_groups
                .iter()
                .map(|_| GroupTally {
                    busy_time: vec![0.0; n + 1],
                    staffed_time: vec![0.0; n + 1],
                    answered: vec![0; (n + 1) * k],
                    types: k,
                })
                .collect(),
        }
    }

    pub fn reset(&mut self) {
        self.types.iter_mut().for_each(Tally::reset);
        for g in &mut self.groups {
            g.busy_time.fill(0.0);
            g.staffed_time.fill(0.0);
            g.answered.fill(0);
        }
    }
}

/// One agent group's counts per interval slot (the last slot is the warm-up sink).
#[derive(Debug, Clone)]
pub struct GroupTally {
    /// Agent-seconds busy with calls.
    pub busy_time: Vec<f64>,
    /// Agent-seconds on the phones (the larger of busy and staffed agents).
    pub staffed_time: Vec<f64>,
    /// Calls answered, by arrival slot and call type: `answered[slot * types + type]`.
    pub answered: Vec<u64>,
    types: usize,
}

impl GroupTally {
    /// Calls of type `k` arriving in `slot` that this group answered.
    #[inline]
    pub fn answered_of(&self, slot: usize, k: usize) -> u64 {
        self.answered[slot * self.types + k]
    }

    #[inline]
    pub fn count_answered(&mut self, slot: usize, k: usize) {
        self.answered[slot * self.types + k] += 1;
    }
}

/// The `p` quantile (0 < p < 1) of a histogram by nearest rank, or None when it is empty.
pub fn percentile(hist: &[u32], p: f64) -> Option<f64> {
    let n: u64 = hist.iter().map(|&c| c as u64).sum();
    percentile_of(hist, n, p)
}

/// `percentile` when the histogram's total count `n` is already known.
pub fn percentile_of(hist: &[u32], n: u64, p: f64) -> Option<f64> {
    if n == 0 {
        return None;
    }
    let rank = ((p * n as f64).ceil() as u64).clamp(1, n);
    let mut seen = 0u64;
    for (b, &c) in hist.iter().enumerate() {
        seen += c as u64;
        if seen >= rank {
            return Some(bucket_value(b));
        }
    }
    // Only reached if `n` overstates the histogram's count: treat as undefined.
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_monotone_and_tight() {
        let mut last = 0;
        let mut w = 0.0005;
        while w < 1e7 {
            let b = wait_bucket(w);
            assert!(b >= last && b < WAIT_BUCKETS);
            let v = bucket_value(b);
            assert!((v - w).abs() <= 0.0005 + w * 0.008, "wait {w} -> {v}");
            last = b;
            w *= 1.01;
        }
        assert_eq!(wait_bucket(0.0), 0);
        assert_eq!(bucket_value(0), 0.0);
    }

    #[test]
    fn percentile_by_nearest_rank() {
        let mut h = vec![0u32; WAIT_BUCKETS];
        h[0] = 6; // six zero waits
        h[wait_bucket(30.0)] = 4;
        assert_eq!(percentile(&h, 0.5), Some(0.0));
        assert_eq!(percentile(&h, 0.6), Some(0.0));
        assert!((percentile(&h, 0.9).unwrap() - 30.0).abs() < 0.2);
        assert_eq!(percentile(&vec![0u32; WAIT_BUCKETS], 0.5), None);
    }
}
