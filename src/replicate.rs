//! Runs many replications of a scenario in parallel and folds them, in replication order,
//! into estimates: the output is the same whatever the number of threads.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::engine::{self, Outcome, Workspace};
use crate::error::{Error, Result};
use crate::scenario::Scenario;
use crate::stats::breakdown::{BreakdownAccumulator, BreakdownEstimates, BreakdownMetrics};
use crate::stats::pooled::{PooledAccumulator, PooledParts};
use crate::stats::shifts::{ShiftAccumulator, ShiftEstimates, ShiftTally};
use crate::stats::tally::WAIT_BUCKETS;
use crate::stats::{
    Accumulator, Estimates, Estimator, ReplicationMetrics, Spread, SpreadFold, Tally,
};

/// Replications are simulated in chunks of this many, then folded in order; this bounds
/// memory however many replications are asked for.
const CHUNK: u64 = 256;

/// How to run.
pub struct RunOptions<'a> {
    pub replications: u64,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Called after each replication with the number finished so far in this chunk's batch.
    pub on_progress: &'a (dyn Fn(u64) + Sync),
    /// Set to stop early (Ctrl-C); the run then returns a runtime error.
    pub cancel: &'a AtomicBool,
}

/// What a run produces.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub estimates: Estimates,
    /// How the service level spreads across replications (simulated days).
    pub spread: Spread,
    /// Waits of answered calls over all replications (see `stats::tally` for buckets).
    pub wait_histogram: Vec<u64>,
    /// Mean over replications of the calls still waiting when arrivals stopped.
    pub mean_waiting_at_close: f64,
    /// Calls simulated in all (including warm-up), for throughput figures.
    pub calls_simulated: u64,
    /// Per call type and per agent group, for models with several.
    pub breakdown: Option<BreakdownEstimates>,
    /// With rosters: time on the phones, paid hours, breaks, overtime, delays.
    pub shifts: Option<ShiftEstimates>,
}

/// Simulates `opts.replications` replications of `sc`.
pub fn run(sc: &Scenario, opts: &RunOptions<'_>) -> Result<RunResult> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| run_in_pool(sc, opts))
}

/// Like [`run`], but on the current rayon pool (`opts.threads` is ignored), so that callers
/// running many scenarios at once (a sweep) can share one pool between them.
pub fn run_in_pool(sc: &Scenario, opts: &RunOptions<'_>) -> Result<RunResult> {
    run_observed(sc, opts, &mut |_| {})
}

/// Like [`run`], and also returns every replication's metrics (per interval and for the
/// day) in replication order: what `check` keeps beside a baseline for its paired test.
/// Memory grows with replications × intervals, so only callers that need them ask.
pub fn run_keeping_replications(
    sc: &Scenario,
    opts: &RunOptions<'_>,
) -> Result<(RunResult, Vec<ReplicationMetrics>)> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    let mut kept = Vec::new();
    let result = pool.install(|| run_observed(sc, opts, &mut |m| kept.push(m.clone())))?;
    Ok((result, kept))
}

/// Like [`run`], showing each replication's metrics to `observe` in replication order:
/// for callers that keep only part of them (`compare` keeps the day's figures, for
/// paired differences), so memory does not grow with replications × intervals.
pub fn run_observing(
    sc: &Scenario,
    opts: &RunOptions<'_>,
    observe: &mut (dyn FnMut(&ReplicationMetrics) + Send),
) -> Result<RunResult> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| run_observed(sc, opts, observe))
}

/// The parallel run, showing each replication's metrics to `observe` in replication order.
fn run_observed(
    sc: &Scenario,
    opts: &RunOptions<'_>,
    observe: &mut (dyn FnMut(&ReplicationMetrics) + Send),
) -> Result<RunResult> {
    let n = sc.model.intervals();
    let mut fold = Fold::new(sc);
    let chunk = chunk_size(n, opts.threads);
    let mut start = 0;
    while start < opts.replications {
        let end = (start + chunk).min(opts.replications);
        let chunk: Vec<_> = (start..end)
            .into_par_iter()
            .map_init(
                || (tally_for(sc), Workspace::default()),
                |(tally, ws), rep| replicate(sc, rep, tally, ws, opts),
            )
            .collect();
        for r in chunk {
            if let Some(r) = &r {
                observe(&r.metrics);
            }
            fold.push(sc, r)?;
        }
        start = end;
    }
    Ok(fold.finish(opts.replications))
}

/// Like [`run`], but every replication on the calling thread, one at a time: for callers
/// that already run many simulations in parallel (the staffing search's candidates), so
/// that pools are never nested and memory stays at one replication per thread.
pub fn run_sequential(sc: &Scenario, opts: &RunOptions<'_>) -> Result<RunResult> {
    let mut fold = Fold::new(sc);
    let (mut tally, mut ws) = (tally_for(sc), Workspace::default());
    for rep in 0..opts.replications {
        fold.push(sc, replicate(sc, rep, &mut tally, &mut ws, opts))?;
    }
    Ok(fold.finish(opts.replications))
}

fn tally_for(sc: &Scenario) -> Tally {
    Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s)
}

/// Simulates one replication; None when the run was cancelled.
fn replicate(
    sc: &Scenario,
    rep: u64,
    tally: &mut Tally,
    ws: &mut Workspace,
    opts: &RunOptions<'_>,
) -> Option<Replicated> {
    if opts.cancel.load(Ordering::Relaxed) {
        return None;
    }
    let outcome = engine::simulate(&sc.model, &sc.experiment, rep, tally, ws);
    (opts.on_progress)(1);
    Some(Replicated::new(tally, outcome, sc))
}

/// Replications folded in replication order into the run's result.
struct Fold {
    acc: Accumulator,
    spread: SpreadFold,
    wait_histogram: Vec<u64>,
    waiting_at_close: u64,
    calls_simulated: u64,
    breakdown: Option<BreakdownAccumulator>,
    shifts: Option<ShiftAccumulator>,
    /// With the pooled estimator: the centre's sums, then each call type's.
    pooled: Option<(PooledAccumulator, Vec<PooledAccumulator>)>,
}

impl Fold {
    fn new(sc: &Scenario) -> Fold {
        Fold {
            acc: Accumulator::new(sc.model.intervals()),
            spread: SpreadFold::new(sc.model.intervals()),
            wait_histogram: vec![0u64; WAIT_BUCKETS],
            waiting_at_close: 0,
            calls_simulated: 0,
            breakdown: sc
                .model
                .is_multi()
                .then(|| BreakdownAccumulator::new(&sc.model)),
            shifts: ShiftAccumulator::new(&sc.model),
            pooled: (sc.experiment.estimator == Estimator::Pooled).then(|| {
                let n = sc.model.intervals();
                let types = if sc.model.is_multi() {
                    sc.model.call_types.len()
                } else {
                    0
                };
                (
                    PooledAccumulator::new(n),
                    (0..types).map(|_| PooledAccumulator::new(n)).collect(),
                )
            }),
        }
    }

    /// Adds the next replication; an interrupted one or calls stranded forever end the run.
    fn push(&mut self, sc: &Scenario, r: Option<Replicated>) -> Result<()> {
        let Some(r) = r else {
            return Err(Error::runtime(format!(
                "interrupted: the run of {} was stopped before it finished; its results \
                 were not written",
                sc.labels.path
            )));
        };
        if r.outcome.stranded > 0 {
            return Err(never_drains(sc, r.outcome));
        }
        if r.outcome.redials_capped {
            return Err(Error::input(format!(
                "{}: redials never stop: one simulated day passed {:.0} calls again; lower \
                 `redials.after_abandon` / `redials.after_busy`, lengthen `redials.delay` or \
                 set `redials.max_attempts`",
                sc.labels.path,
                crate::model::MAX_CALLS
            )));
        }
        self.acc.push(&r.metrics);
        self.spread.push(&r.metrics);
        self.wait_histogram
            .iter_mut()
            .zip(&r.histogram)
            .for_each(|(a, b)| *a += *b as u64);
        self.waiting_at_close += r.outcome.waiting_at_close;
        self.calls_simulated += r.calls;
        if let (Some(acc), Some(m)) = (self.breakdown.as_mut(), r.breakdown.as_ref()) {
            acc.push(m);
        }
        if let (Some(acc), Some(t)) = (self.shifts.as_mut(), r.shifts.as_ref()) {
            acc.push(t);
        }
        if let (Some((centre, types)), Some((c, t))) = (self.pooled.as_mut(), r.pooled.as_ref()) {
            centre.push(c);
            types.iter_mut().zip(t).for_each(|(a, p)| a.push(p));
        }
        Ok(())
    }

    fn finish(self, replications: u64) -> RunResult {
        let mut estimates = self.acc.finish();
        let mut breakdown = self.breakdown.as_ref().map(BreakdownAccumulator::finish);
        if let Some((centre, types)) = &self.pooled {
            centre.apply(&mut estimates);
            if let Some(b) = breakdown.as_mut() {
                types.iter().zip(&mut b.types).for_each(|(p, e)| p.apply(e));
            }
        }
        RunResult {
            estimates,
            spread: self.spread.finish(),
            wait_histogram: self.wait_histogram,
            mean_waiting_at_close: self.waiting_at_close as f64 / replications as f64,
            calls_simulated: self.calls_simulated,
            breakdown,
            shifts: self.shifts.as_ref().map(ShiftAccumulator::finish),
        }
    }
}

/// Replications per chunk: [`CHUNK`], or fewer when there are so many intervals that a
/// chunk's per-interval results would pass about 64 MB (a year of 15-minute intervals).
/// Results are folded in replication order either way, so this never changes the output.
fn chunk_size(intervals: usize, threads: usize) -> u64 {
    let per_replication =
        (intervals as u64 + 1) * (crate::stats::Metric::COUNT as u64 * 8) + WAIT_BUCKETS as u64 * 4;
    // At least one replication per thread (but never more than CHUNK: a machine with
    // more cores than that must not make the bounds cross).
    let fewest = (threads as u64).clamp(2, CHUNK);
    ((64u64 << 20) / per_replication).clamp(fewest, CHUNK)
}

/// One replication's contribution, computed on the worker thread.
struct Replicated {
    metrics: ReplicationMetrics,
    histogram: Vec<u32>,
    outcome: Outcome,
    calls: u64,
    breakdown: Option<BreakdownMetrics>,
    shifts: Option<ShiftTally>,
    /// With the pooled estimator: the centre's numerators and denominators, then each
    /// call type's.
    pooled: Option<(PooledParts, Vec<PooledParts>)>,
}

impl Replicated {
    fn new(tally: &Tally, outcome: Outcome, sc: &Scenario) -> Self {
        let histogram = tally.overall_histogram();
        Replicated {
            metrics: ReplicationMetrics::with_overall_histogram(
                tally,
                &sc.model.service_level,
                &histogram,
            ),
            histogram,
            outcome,
            calls: tally.slots.iter().map(|s| s.offered).sum(),
            breakdown: tally
                .breakdown
                .as_ref()
                .map(|b| BreakdownMetrics::new(b, &sc.model)),
            shifts: tally.shifts.as_deref().cloned(),
            pooled: (sc.experiment.estimator == Estimator::Pooled).then(|| {
                (
                    PooledParts::from_tally(tally, &sc.model.service_level),
                    tally.breakdown.as_ref().map_or(vec![], |b| {
                        b.types
                            .iter()
                            .zip(&sc.model.call_types)
                            .map(|(t, ct)| PooledParts::from_tally(t, &ct.service_level))
                            .collect()
                    }),
                )
            }),
        }
    }
}

fn never_drains(sc: &Scenario, o: Outcome) -> Error {
    if sc.model.is_multi() {
        return Error::input(format!(
            "{}: the queues can never drain: {} calls would wait forever after arrivals \
             end, with no agent left to serve them and no patience; staff the last \
             interval or give the call types a patience",
            sc.labels.path, o.stranded
        ));
    }
    Error::input(format!(
        "{}: the queue can never drain: the last interval has {} agents, nobody hangs up \
         (no [patience] section), and {} calls would wait forever after arrivals end; \
         staff the last interval or add a [patience] section",
        sc.labels.path,
        sc.model.agents_in(sc.model.intervals() - 1),
        o.stranded
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_fit_any_thread_count_and_interval_count() {
        assert_eq!(chunk_size(48, 1), CHUNK);
        assert_eq!(chunk_size(48, 1024), CHUNK);
        assert_eq!(chunk_size(35_040, 300), CHUNK);
        let year = chunk_size(50_000, 4);
        assert!((4..CHUNK).contains(&year), "{year}");
    }
}
