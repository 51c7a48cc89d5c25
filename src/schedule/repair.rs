//! Verify and repair: the schedule is simulated as a roster (each replication with the
//! scenario's seed, so every round sees the same callers: common random numbers) and
//! every interval judged on the goals of `staff` ([`crate::staffing::goals`]). Where an
//! interval misses, the cheapest shift that covers it is added and the roster simulated
//! again, until every goal holds or [`MAX_ROUNDS`] rounds have passed.
//!
//! The roster goes into the model the one way the engine reads it (the group's `roster`,
//! with its nominal coverage as `staffing`), so the simulation here is the one `ccsim run`
//! does for the same roster.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::program::Program;
use crate::engine::{self, Workspace};
use crate::error::{Error, Result};
use crate::model::Roster;
use crate::scenario::Scenario;
use crate::staffing::GoalSet;
use crate::stats::{IntervalTally, Tally};

/// Repair rounds at most (each adds at least one shift where an interval misses).
pub const MAX_ROUNDS: usize = 40;

/// The scenario with its one agent group working `roster`.
pub fn with_roster(sc: &Scenario, roster: &Roster) -> Scenario {
    let mut model = sc.model.clone();
    let group = &mut model.agent_groups[0];
    group.staffing = roster.nominal_staffing();
    group.roster = Some(roster.clone());
    sc.with_model(model)
}

/// Every replication's per-interval counts of a scenario, in replication order.
pub fn simulate_days(
    sc: &Scenario,
    cancel: &AtomicBool,
    on_replication: &(dyn Fn() + Sync),
) -> Result<Vec<Vec<IntervalTally>>> {
    let n = sc.model.intervals();
    let days: Vec<Option<(Vec<IntervalTally>, engine::Outcome)>> = (0..sc.experiment.replications)
        .into_par_iter()
        .map_init(
            || {
                (
                    Tally::new(n, sc.model.service_level.threshold_s),
                    Workspace::default(),
                )
            },
            |(tally, ws), rep| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let outcome = engine::simulate(&sc.model, &sc.experiment, rep, tally, ws);
                on_replication();
                Some((tally.slots[..n].to_vec(), outcome))
            },
        )
        .collect();
    let mut out = Vec::with_capacity(days.len());
    for d in days {
        let Some((counts, outcome)) = d else {
            return Err(Error::runtime(format!(
                "interrupted: the schedule of {} was stopped before it was verified; \
                 nothing was written",
                sc.labels.path
            )));
        };
        if outcome.stranded > 0 {
            return Err(Error::input(format!(
                "{}: with this roster {} calls would wait forever after arrivals end: no \
                 agent is on the phones after the close to answer them and nobody hangs \
                 up; let a shift reach the close, or give the scenario a [patience] section",
                sc.labels.path, outcome.stranded
            )));
        }
        out.push(counts);
    }
    Ok(out)
}

/// One interval's figures in [`crate::staffing::Figure::ALL`] order, and whether it meets
/// every goal.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub figures: [Option<f64>; 5],
    pub meets: bool,
    /// Mean agents on the phones (time-weighted, over replications).
    pub agents: f64,
}

/// Judges every interval of simulated days.
pub fn judge(sc: &Scenario, goals: &GoalSet, days: &[Vec<IntervalTally>]) -> Vec<Judged> {
    (0..sc.model.intervals())
        .map(|i| {
            let reps = || days.iter().map(move |d| &d[i]);
            let len = sc.model.clock.length_of(i);
            let agents = if days.is_empty() {
                0.0
            } else {
                reps().map(|t| t.staffed_time / len).sum::<f64>() / days.len() as f64
            };
            Judged {
                figures: goals.figures(reps()),
                meets: goals.interval_meets(reps()),
                agents,
            }
        })
        .collect()
}

/// How verification and repair went.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// Agents per column of the final schedule.
    pub counts: Vec<u32>,
    /// Rounds that added shifts.
    pub rounds: usize,
    /// Shifts (agents) added by the repair.
    pub added: u32,
    /// Whether the round cap ended the repair before every goal held.
    pub capped: bool,
    /// The final roster's intervals, judged.
    pub judged: Vec<Judged>,
}

/// Simulates the schedule `counts` and repairs it until every interval meets every goal.
/// `on_round` is told each round's number before its simulation.
pub fn verify_and_repair(
    sc: &Scenario,
    program: &Program,
    counts: Vec<u32>,
    cancel: &AtomicBool,
    on_round: &(dyn Fn(usize) + Sync),
    on_replication: &(dyn Fn() + Sync),
) -> Result<Repaired> {
    let goals = GoalSet::of(&sc.model);
    let mut counts = counts;
    let mut added = 0;
    for round in 0.. {
        on_round(round);
        let roster = program.roster(&counts);
        let days = simulate_days(&with_roster(sc, &roster), cancel, on_replication)?;
        let judged = judge(sc, &goals, &days);
        let failing: Vec<usize> = (0..judged.len()).filter(|&i| !judged[i].meets).collect();
        if failing.is_empty() || round >= MAX_ROUNDS {
            return Ok(Repaired {
                counts,
                rounds: round,
                added,
                capped: !failing.is_empty(),
                judged,
            });
        }
        let before = added;
        let mut handled = vec![false; judged.len()];
        for &i in &failing {
            if handled[i] {
                continue;
            }
            let Some((v, n)) = cheapest_cover(program, &counts, i, &failing) else {
                continue;
            };
            counts[v] += n;
            added += n;
            for &(j, share) in &program.columns[v].coverage {
                handled[j] |= share >= 1.0 - 1e-9;
            }
            handled[i] = true;
        }
        if added == before {
            return Err(Error::input(format!(
                "{}: the schedule misses the goals at {} and the shift rules allow no \
                 more agents there (every start covering it is at its max_agents)",
                sc.labels.path,
                sc.model.clock.label(failing[0])
            )));
        }
    }
    unreachable!("the loop returns")
}

/// The column to add to for interval `i`, and how many agents (a start not yet used
/// takes its `min_agents`): of the columns that can grow and cover `i` the most, the
/// cheapest per agent added; ties go to the one covering most of the other failing
/// intervals, then to the first.
pub fn cheapest_cover(
    program: &Program,
    counts: &[u32],
    i: usize,
    failing: &[usize],
) -> Option<(usize, u32)> {
    let mut per_group = vec![0u32; program.groups.len()];
    for (c, &n) in program.columns.iter().zip(counts) {
        per_group[c.group] += n;
    }
    let can_add = |v: usize| -> Option<u32> {
        let g = program.columns[v].group;
        let n = if per_group[g] == 0 {
            program.groups[g].min
        } else {
            1
        };
        (per_group[g] + n <= program.groups[g].max).then_some(n)
    };
    let best_share = (0..program.columns.len())
        .filter(|&v| can_add(v).is_some())
        .map(|v| program.columns[v].cover(i))
        .fold(0.0f64, f64::max);
    if best_share <= 0.0 {
        return None;
    }
    let mut best: Option<(usize, u32, f64, f64)> = None;
    for v in 0..program.columns.len() {
        let Some(n) = can_add(v) else { continue };
        let col = &program.columns[v];
        if col.cover(i) + 1e-9 < best_share {
            continue;
        }
        let cost = col.cost * f64::from(n);
        let reach: f64 = failing.iter().map(|&j| col.cover(j)).sum();
        let better = match best {
            None => true,
            Some((_, _, c, r)) => cost < c - 1e-9 || (cost <= c + 1e-9 && reach > r + 1e-9),
        };
        if better {
            best = Some((v, n, cost, reach));
        }
    }
    best.map(|(v, n, _, _)| (v, n))
}
