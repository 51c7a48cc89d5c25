//! Required agents per interval found with the simulation itself, so that calls carried
//! over between intervals, abandonment, lines and the real handle-time distribution all
//! count (the analytic, interval-by-interval answers live in [`crate::erlang`]).
//!
//! Every candidate staffing is simulated with the same seed and replications (common
//! random numbers), so comparing candidates is not swamped by noise, and judged on every
//! goal in every interval ([`super::goals`]). Candidates are judged incrementally
//! ([`super::evaluate`]): only the span of the day a change disturbs is simulated again.
//! The search:
//! 1. start from a guess below the need (the offered load, rounded down);
//! 2. raise every interval missing a goal (by one agent, more when the service level is
//!    far off) and simulate again, until every interval meets every goal;
//! 3. make it lean: in interval order, remove agents one at a time while every goal is
//!    still met everywhere; repeat the pass until it removes nothing;
//! 4. improve: try moving an agent to a neighbouring interval together with removing one
//!    near it (one agent-interval fewer where single removals all fail); after any
//!    success, make it lean again;
//! 5. check the answer with a fresh simulation (raising again if rounding ever misjudged
//!    a candidate) and end with a lean pass against it.
//!
//! The result meets every goal in every interval when simulated with the scenario's seed
//! and replications, and one agent fewer in any single interval makes some interval miss
//! some goal.

use std::sync::atomic::AtomicBool;

use crate::stats::tally::WAIT_BUCKETS;

use super::evaluate::Evaluator;
use super::goals::GoalSet;
use crate::error::{Error, Result};
use crate::model::Change;
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;

/// The outcome of a search.
#[derive(Debug, Clone)]
pub struct SimStaffing {
    pub agents: Vec<u32>,
    /// The simulation of the final staffing.
    pub result: RunResult,
    /// Candidate staffings judged.
    pub evaluations: u64,
    /// Agent-intervals the improvement pass saved beyond the greedy lean search.
    pub improved_by: u32,
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

/// Upper bound on raise rounds: a guard against goals that no staffing can meet.
const MAX_RAISE_ROUNDS: usize = 10_000;
/// Rounds of "improve, then lean again" at most (each saves at least one agent-interval).
const MAX_IMPROVE_ROUNDS: usize = 20;
/// Fresh checks at most (a rounding misjudgement is corrected in one in practice).
const MAX_CHECKS: usize = 3;

/// Searches the leanest staffing meeting every goal in every interval.
/// `on_evaluation` is called after each candidate is judged (for progress).
pub fn staff_by_simulation(
    sc: &Scenario,
    threads: usize,
    cancel: &AtomicBool,
    on_evaluation: &(dyn Fn() + Sync),
) -> Result<SimStaffing> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(threads_within_budget(sc.model.intervals())))
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| search(sc, cancel, on_evaluation))
}

/// The search itself, on the current pool.
fn search(
    sc: &Scenario,
    cancel: &AtomicBool,
    on_evaluation: &(dyn Fn() + Sync),
) -> Result<SimStaffing> {
    let goals = GoalSet::of(&sc.model);
    let mut ev = Evaluator::new(sc, goals, initial_guess(sc), cancel, on_evaluation)?;
    let improved_by = settle(sc, &mut ev)?;
    let agents = ev.agents.clone();
    let result = simulate(sc, &agents, cancel)?;
    Ok(SimStaffing {
        agents,
        result,
        evaluations: ev.evaluations,
        improved_by,
    })
}

/// What the search phases need from a judge of candidate staffings. A staffing is a list
/// of agent counts, one per *unit*: for one queue a unit is an interval; for several
/// groups, units are laid out group by group, `intervals()` units per group, so that a
/// unit's neighbours in time are the units beside it within its group's block.
pub(super) trait Judge {
    type Candidate;
    /// The current staffing, one count per unit.
    fn agents(&self) -> &[u32];
    /// Intervals per group (the length of a block of units).
    fn intervals(&self) -> usize;
    /// Units to raise: where (or for whom) the current staffing misses a goal.
    fn failing(&self) -> Vec<usize>;
    /// Agents to add to failing unit `u` in one round.
    fn raise_step(&self, u: usize) -> u32;
    /// The fewest agents unit `u` may have.
    fn minimum(&self, u: usize) -> u32;
    /// Judges the current staffing with `changes` (unit, agents) made to it.
    fn evaluate(&mut self, changes: &[(usize, u32)]) -> Result<Self::Candidate>;
    fn meets(c: &Self::Candidate) -> bool;
    /// Makes a candidate the current staffing.
    fn accept(&mut self, c: Self::Candidate);
    /// Sets the current staffing and simulates it afresh.
    fn set_agents(&mut self, agents: Vec<u32>) -> Result<()>;
    /// Simulates the current staffing afresh.
    fn rebuild(&mut self) -> Result<()>;
}

impl Judge for Evaluator<'_> {
    type Candidate = super::evaluate::Candidate;
    fn agents(&self) -> &[u32] {
        &self.agents
    }
    fn intervals(&self) -> usize {
        self.agents.len()
    }
    fn failing(&self) -> Vec<usize> {
        Evaluator::failing(self)
    }
    fn raise_step(&self, u: usize) -> u32 {
        raise_step(self, u, self.agents[u])
    }
    fn minimum(&self, u: usize) -> u32 {
        minimum_agents(self.scenario(), u)
    }
    fn evaluate(&mut self, changes: &[(usize, u32)]) -> Result<Self::Candidate> {
        Evaluator::evaluate(self, changes)
    }
    fn meets(c: &Self::Candidate) -> bool {
        c.meets
    }
    fn accept(&mut self, c: Self::Candidate) {
        Evaluator::accept(self, c)
    }
    fn set_agents(&mut self, agents: Vec<u32>) -> Result<()> {
        Evaluator::set_agents(self, agents)
    }
    fn rebuild(&mut self) -> Result<()> {
        Evaluator::rebuild(self)
    }
}

/// Phases 2 to 5 from the judge's current staffing: raise, lean, improve, check afresh.
/// Returns the agent-intervals the improvement saved.
pub(super) fn settle<J: Judge>(sc: &Scenario, ev: &mut J) -> Result<u32> {
    let mut improved_by = 0;
    for check in 0.. {
        raise(sc, ev)?;
        lean(ev)?;
        for _ in 0..MAX_IMPROVE_ROUNDS {
            let saved = improve(ev)?;
            if saved == 0 {
                break;
            }
            improved_by += saved;
            lean(ev)?;
        }
        // A fresh simulation of the answer: every goal met, and no single removal passes.
        ev.rebuild()?;
        if ev.failing().is_empty() && !lean(ev)? || check + 1 >= MAX_CHECKS {
            break;
        }
    }
    if !ev.failing().is_empty() {
        return Err(Error::runtime(format!(
            "{}: the staffing search did not settle; please report this",
            sc.labels.path
        )));
    }
    Ok(improved_by)
}

/// Phase 2: raises every interval missing a goal until all meet every goal.
fn raise<J: Judge>(sc: &Scenario, ev: &mut J) -> Result<()> {
    let mut rounds = 0;
    loop {
        let failing = ev.failing();
        if failing.is_empty() {
            return Ok(());
        }
        rounds += 1;
        if rounds > MAX_RAISE_ROUNDS || failing.iter().any(|&i| ev.agents()[i] >= 1_000_000) {
            return Err(Error::input(format!(
                "{}: no staffing meets every goal in some intervals (for example {}); \
                 check the service-level target and the [goals]",
                sc.labels.path,
                sc.model.clock.label(failing[0] % ev.intervals())
            )));
        }
        let mut agents = ev.agents().to_vec();
        for i in failing {
            agents[i] += ev.raise_step(i);
        }
        ev.set_agents(agents)?;
    }
}

/// Phase 3: removes agents one at a time, in interval order, while every goal is met;
/// passes until one removes nothing. Returns whether anything was removed.
fn lean<J: Judge>(ev: &mut J) -> Result<bool> {
    let mut any = false;
    loop {
        let mut removed = false;
        for i in 0..ev.agents().len() {
            while ev.agents()[i] > ev.minimum(i) {
                let c = ev.evaluate(&[(i, ev.agents()[i] - 1)])?;
                if !J::meets(&c) {
                    break;
                }
                ev.accept(c);
                removed = true;
            }
        }
        any |= removed;
        if !removed {
            return Ok(any);
        }
    }
}

/// Phase 4: for each interval, tries moving one agent to a neighbouring interval together
/// with removing one agent within two intervals of the move; keeps the first that meets
/// every goal. Returns the agent-intervals saved.
fn improve<J: Judge>(ev: &mut J) -> Result<u32> {
    let n = ev.intervals();
    let mut saved = 0;
    for i in 0..ev.agents().len() {
        // Moves stay within the unit's group: `base` is its block's first unit.
        let (base, at) = (i - i % n, i % n);
        for jt in [at.wrapping_sub(1), at + 1] {
            if jt >= n || ev.agents()[i] <= ev.minimum(i) {
                continue;
            }
            let j = base + jt;
            let moved = [(i, ev.agents()[i] - 1), (j, ev.agents()[j] + 1)];
            let c = ev.evaluate(&moved)?;
            if !J::meets(&c) {
                continue;
            }
            let near = at.min(jt).saturating_sub(2)..(at.max(jt) + 3).min(n);
            for k in near.map(|kt| base + kt).filter(|&k| k != i && k != j) {
                if ev.agents()[k] <= ev.minimum(k) {
                    continue;
                }
                let c = ev.evaluate(&[moved[0], moved[1], (k, ev.agents()[k] - 1)])?;
                if J::meets(&c) {
                    ev.accept(c);
                    saved += 1;
                    break;
                }
            }
        }
    }
    Ok(saved)
}

/// Simulates a staffing with the scenario's replications (the figures reported).
fn simulate(sc: &Scenario, agents: &[u32], cancel: &AtomicBool) -> Result<RunResult> {
    let s = with_agents(sc, agents)?;
    replicate::run_in_pool(
        &s,
        &RunOptions {
            replications: s.experiment.replications,
            threads: rayon::current_num_threads(),
            on_progress: &|_| {},
            cancel,
        },
    )
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
pub(super) fn minimum_agents(sc: &Scenario, i: usize) -> u32 {
    u32::from(!sc.model.has_patience() && i + 1 == sc.model.intervals())
}

/// How many agents to add to an interval missing a goal: one when close, more when the
/// service level is far off, so that badly understaffed days converge in few rounds.
fn raise_step(ev: &Evaluator<'_>, i: usize, agents: u32) -> u32 {
    let [sl, ..] = ev.goals.figures(ev.interval_counts(i));
    let gap = ev.goals.target - sl.unwrap_or(ev.goals.target);
    if gap > 0.3 { (agents / 10).max(1) } else { 1 }
}

/// The scenario with other agents per interval (a staffing candidate).
pub fn with_agents(sc: &Scenario, agents: &[u32]) -> Result<Scenario> {
    let model = sc
        .model
        .apply(&Change::AgentsPerInterval(agents.to_vec()))
        .map_err(|why| Error::input(format!("{}: {why}", sc.labels.path)))?;
    Ok(sc.with_model(model))
}
