//! Required agents per interval found with the simulation itself, so that calls carried
//! over between intervals, abandonment, lines and the real handle-time distribution all
//! count (the analytic, interval-by-interval answers live in [`crate::erlang`]).
//!
//! Every candidate staffing is simulated with the same seed and replications (common
//! random numbers), so comparing candidates is not swamped by noise. The search:
//! 1. start from a guess below the need (the offered load, rounded down);
//! 2. raise every interval whose service level is below target by one agent, and
//!    simulate again, until every interval meets the target;
//! 3. make it lean: try one agent fewer in each interval separately (in parallel); keep
//!    the removals that still meet the target everywhere, verify them together, and
//!    repeat until no single removal is possible.
//!
//! The result meets the target in every interval when simulated with the scenario's
//! seed and replications, and one agent fewer in any single interval makes some interval
//! miss it.

use crate::stats::tally::WAIT_BUCKETS;
use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::model::Change;
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;
use crate::stats::Metric;

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SimStaffing {
    pub agents: Vec<u32>,
    /// The simulation of the final staffing.
    pub result: RunResult,
    /// Candidate staffings simulated.
    pub evaluations: u64,
}

/// What the tallies of the candidates simulated at once may take together. Each thread
/// simulates one candidate with a tally of wait histograms per interval (about 10 MB for
/// a month of half hours), so on a machine with hundreds of cores a long scenario would
/// otherwise take gigabytes; fewer threads change the time, never the result.
const TALLY_BUDGET_BYTES: usize = 512 << 20;

/// The most threads whose tallies fit `TALLY_BUDGET_BYTES` (512 MiB) for `intervals` intervals
/// (a third more than the histograms for the other counters and the estimates: measured,
/// a month of half hours takes 15.6 MB a thread).
pub fn threads_within_budget(intervals: usize) -> usize {
    let per_thread = (intervals + 1) * WAIT_BUCKETS * std::mem::size_of::<u32>() * 4 / 3;
    (TALLY_BUDGET_BYTES / per_thread.max(1)).max(1)
}

/// Upper bound on raise rounds: a guard against targets that no staffing can meet.
const MAX_RAISE_ROUNDS: usize = 10_000;

/// Searches the leanest staffing meeting the service-level target in every interval.
/// `on_evaluation` is called after each candidate is simulated (for progress).
pub fn staff_by_simulation(
    sc: &Scenario,
    threads: usize,
    cancel: &AtomicBool,
    on_evaluation: &(dyn Fn() + Sync),
) -> Result<SimStaffing> {
    let evaluator = Evaluator {
        sc,
        cancel,
        on_evaluation,
    };
    // One pool for the whole search: candidates run in parallel on it, each simulated on
    // one thread, so pools are never nested and memory does not grow with the number of
    // intervals (candidates) tried at once.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(threads_within_budget(sc.model.intervals())))
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| search(sc, &evaluator))
}

/// The search itself, on the current pool.
fn search(sc: &Scenario, evaluator: &Evaluator<'_>) -> Result<SimStaffing> {
    let mut agents = initial_guess(sc);
    let mut evaluations = 0;
    // Phase 1: raise intervals below target until all meet it.
    let mut result = evaluator.simulate(&agents, Parallel::Replications)?;
    evaluations += 1;
    let mut rounds = 0;
    loop {
        let below = evaluator.intervals_below_target(&result);
        if below.is_empty() {
            break;
        }
        rounds += 1;
        if rounds > MAX_RAISE_ROUNDS || below.iter().any(|&i| agents[i] >= 1_000_000) {
            return Err(Error::input(format!(
                "{}: no staffing reaches the service-level target of {:.0}% in some intervals \
                 (for example {}); check the threshold and target",
                sc.labels.path,
                sc.model.service_level.target * 100.0,
                sc.model.clock.label(below[0])
            )));
        }
        for i in below {
            agents[i] += raise_step(&result, i, sc.model.service_level.target, agents[i]);
        }
        result = evaluator.simulate(&agents, Parallel::Replications)?;
        evaluations += 1;
    }
    // Phase 2: remove agents while every interval still meets the target.
    loop {
        let candidates: Vec<usize> = (0..agents.len())
            .filter(|&i| agents[i] > minimum_agents(sc, i))
            .collect();
        let passing: Vec<usize> = candidates
            .par_iter()
            .map(|&i| {
                let mut trial = agents.clone();
                trial[i] -= 1;
                let r = evaluator.simulate(&trial, Parallel::No)?;
                Ok(evaluator.meets_target(&r).then_some(i))
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect();
        evaluations += candidates.len() as u64;
        if passing.is_empty() {
            break;
        }
        // Removals that pass one at a time may not pass together: try all, then fall
        // back to keeping only the first.
        let mut trial = agents.clone();
        passing.iter().for_each(|&i| trial[i] -= 1);
        let r = evaluator.simulate(&trial, Parallel::Replications)?;
        evaluations += 1;
        if evaluator.meets_target(&r) {
            agents = trial;
            result = r;
        } else {
            agents[passing[0]] -= 1;
            result = evaluator.simulate(&agents, Parallel::Replications)?;
            evaluations += 1;
        }
    }
    Ok(SimStaffing {
        agents,
        result,
        evaluations,
    })
}

/// Staff below the need: the offered load rounded down (at least one agent at close when
/// nobody hangs up, so the queue can drain).
fn initial_guess(sc: &Scenario) -> Vec<u32> {
    let mut guess: Vec<u32> = (0..sc.model.intervals())
        .map(|i| sc.model.offered_load(i).floor() as u32)
        .collect();
    for (i, g) in guess.iter_mut().enumerate() {
        *g = (*g).max(minimum_agents(sc, i));
    }
    guess
}

/// The fewest agents an interval may have: one at close when nobody hangs up (otherwise
/// calls could wait forever), else none.
fn minimum_agents(sc: &Scenario, i: usize) -> u32 {
    u32::from(!sc.model.has_patience() && i + 1 == sc.model.intervals())
}

/// How many agents to add to an interval below target: one when close, more when the
/// service level is far off, so that badly understaffed days converge in few rounds.
fn raise_step(r: &RunResult, i: usize, target: f64, agents: u32) -> u32 {
    let sl = r.estimates.intervals[i][Metric::ServiceLevel as usize]
        .mean
        .unwrap_or(0.0);
    if target - sl > 0.3 {
        (agents / 10).max(1)
    } else {
        1
    }
}

struct Evaluator<'a> {
    sc: &'a Scenario,
    cancel: &'a AtomicBool,
    on_evaluation: &'a (dyn Fn() + Sync),
}

/// Whether one candidate's replications run in parallel (on the current pool), or on
/// the calling thread because candidates themselves run in parallel.
#[derive(Clone, Copy)]
enum Parallel {
    Replications,
    No,
}

impl Evaluator<'_> {
    fn simulate(&self, agents: &[u32], parallel: Parallel) -> Result<RunResult> {
        let sc = with_agents(self.sc, agents)?;
        let opts = RunOptions {
            replications: sc.experiment.replications,
            threads: rayon::current_num_threads(),
            on_progress: &|_| {},
            cancel: self.cancel,
        };
        let r = match parallel {
            Parallel::Replications => replicate::run_in_pool(&sc, &opts),
            Parallel::No => replicate::run_sequential(&sc, &opts),
        };
        (self.on_evaluation)();
        r
    }

    fn intervals_below_target(&self, r: &RunResult) -> Vec<usize> {
        r.estimates
            .intervals_below_target(self.sc.model.service_level.target)
    }

    fn meets_target(&self, r: &RunResult) -> bool {
        self.intervals_below_target(r).is_empty()
    }
}

/// The scenario with other agents per interval (a staffing candidate).
pub fn with_agents(sc: &Scenario, agents: &[u32]) -> Result<Scenario> {
    let model = sc
        .model
        .apply(&Change::AgentsPerInterval(agents.to_vec()))
        .map_err(|why| Error::input(format!("{}: {why}", sc.labels.path)))?;
    Ok(sc.with_model(model))
}
