//! Staffing a centre with several call types and agent groups: agents per group per
//! interval meeting every call type's goals in every interval, by simulation with common
//! random numbers (the phases of [`super::search`] over a judge that simulates every
//! candidate in full), and the classic two-step method beside it for comparison.
//!
//! The two-step method is what spreadsheets do: Erlang C for each call type on its own
//! (its volume, mean handle time and goal) gives the type's agents per interval; then
//! each type's agents are hired in the cheapest group that serves it. Since an agent
//! counts for one type's need only, the cheapest covering separates by type, so this
//! greedy covering is the optimum of the covering problem (ties: the group ranking the
//! type first, then the group declared first). It ignores pooling across groups, calls
//! carried over between intervals and abandonment; the simulation counts all three.
//!
//! Units of the search are laid out group by group (see [`super::search::Judge`]), in
//! the order groups are made lean: the most expensive first, then the groups with fewer
//! skills (specialists before generalists, who pool), then the order declared. Costs are
//! each group's `cost_per_hour` when every group gives one, else agent-hours.

use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use super::goals::GoalSet;
use super::search::{Judge, settle, threads_within_budget};
use super::{Figures, Method, SearchStats, Staffing};
use crate::engine::{self, Workspace};
use crate::erlang::{self, Goal, ServiceLevelGoal};
use crate::error::{Error, Result};
use crate::model::{Goals, Model, Staffing as Roster};
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;
use crate::stats::{Estimate, IntervalTally, Metric, Tally, metric_row};

/// One staffing of every group: `agents[group][interval]`, simulated.
#[derive(Debug, Clone)]
pub struct GroupPlan {
    pub agents: Vec<Vec<u32>>,
    pub result: RunResult,
    /// The centre's figures; as confidence, the share of replications where every call
    /// type meets its own service-level target.
    pub figures: Figures,
    /// Per call type and interval: whether every goal of the type is met.
    pub type_meets: Vec<Vec<bool>>,
}

/// The result of staffing a several-type centre.
#[derive(Debug, Clone)]
pub struct GroupStaffing {
    /// Found by simulation.
    pub sim: GroupPlan,
    pub search: SearchStats,
    /// The two-step method's staffing, simulated.
    pub two_step: GroupPlan,
    /// Erlang C's agents per call type and interval (the two-step method's first step).
    pub type_needs: Vec<Vec<u32>>,
    /// The group hired for each call type's need (its second step).
    pub covering: Vec<usize>,
    /// The scenario's own staffing, simulated.
    pub planned: GroupPlan,
    /// Each group's cost of one agent-hour, when every group gives one.
    pub costs: Option<Vec<f64>>,
}

impl GroupStaffing {
    /// Agent-hours (or cost, with costs) of a staffing, scheduled agents after each
    /// group's shrinkage for the cost as for one queue.
    pub fn hours(model: &Model, agents: &[Vec<u32>]) -> f64 {
        agents
            .iter()
            .map(|a| super::agent_hours(&model.clock, a.iter().copied()))
            .sum()
    }

    /// The cost of a staffing's scheduled agent-hours, with costs.
    pub fn cost(&self, model: &Model, agents: &[Vec<u32>]) -> Option<f64> {
        let costs = self.costs.as_ref()?;
        Some(
            agents
                .iter()
                .zip(&model.agent_groups)
                .zip(costs)
                .map(|((a, g), c)| {
                    let s = g.shrinkage.unwrap_or(0.0);
                    let sched = a
                        .iter()
                        .map(|&r| erlang::scheduled_agents(r, s).unwrap_or(r));
                    c * super::agent_hours(&model.clock, sched)
                })
                .sum(),
        )
    }

    /// What the comparison is on: cost with costs, else agent-hours; (simulation, two-step).
    pub fn compared(&self, model: &Model) -> (f64, f64) {
        match (
            self.cost(model, &self.sim.agents),
            self.cost(model, &self.two_step.agents),
        ) {
            (Some(a), Some(b)) => (a, b),
            _ => (
                Self::hours(model, &self.sim.agents),
                Self::hours(model, &self.two_step.agents),
            ),
        }
    }

    /// The share the simulation saves against the two-step method (negative: costs more).
    pub fn saving(&self, model: &Model) -> Option<f64> {
        let (sim, two) = self.compared(model);
        (two > 0.0).then(|| 1.0 - sim / two)
    }

    /// The centre's required agents per interval (all groups), as one-queue outputs show.
    pub fn as_staffing(&self) -> Staffing {
        let n = self.sim.agents.first().map_or(0, Vec::len);
        Staffing {
            method: Method::Sim,
            required: (0..n)
                .map(|i| self.sim.agents.iter().map(|a| a[i]).sum())
                .collect(),
            service_level: self
                .sim
                .result
                .estimates
                .intervals
                .iter()
                .map(|row| row[Metric::ServiceLevel as usize])
                .collect(),
            simulated: self.sim.result.clone(),
            figures: self.sim.figures.clone(),
            search: Some(self.search),
        }
    }
}

/// Staffs a several-type scenario by simulation, and by the two-step method.
pub fn staff_groups(
    sc: &Scenario,
    threads: usize,
    cancel: &AtomicBool,
    on_evaluation: &(dyn Fn() + Sync),
) -> Result<GroupStaffing> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.min(threads_within_budget(sc.model.intervals())))
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| {
        let costs = group_costs(sc)?;
        let covering = covering_groups(&sc.model, costs.as_deref());
        let type_needs = erlang_c_per_type(sc)?;
        let order = lean_order(&sc.model, costs.as_deref());
        let mut ev = GroupJudge::new(sc, order, covering.clone(), cancel, on_evaluation)?;
        let guess = ev.initial_guess();
        ev.set_agents(ev.units(&guess))?;
        let mut improved_by = settle(sc, &mut ev)?;
        for _ in 0..MAX_EXCHANGE_ROUNDS {
            let saved = exchange(&mut ev, costs.as_deref())?;
            if saved == 0 {
                break;
            }
            improved_by += saved + settle(sc, &mut ev)?;
        }
        let evaluations = ev.evaluations;
        let sim = ev.plan(ev.by_group(&ev.agents))?;
        let two = two_step(&sc.model, &type_needs, &covering, &ev);
        ev.set_agents(ev.units(&two))?;
        let two_step = ev.plan(two)?;
        let planned: Vec<Vec<u32>> = sc
            .model
            .agent_groups
            .iter()
            .map(|g| {
                (0..sc.model.intervals())
                    .map(|i| g.staffing.agents_in(&sc.model.clock, i))
                    .collect()
            })
            .collect();
        ev.set_agents(ev.units(&planned))?;
        let planned = ev.plan(planned)?;
        Ok(GroupStaffing {
            sim,
            search: SearchStats {
                evaluations,
                improved_by,
            },
            two_step,
            type_needs,
            covering,
            planned,
            costs,
        })
    })
}

/// Rounds of "exchange, then settle again" at most.
const MAX_EXCHANGE_ROUNDS: usize = 10;
/// Exchanges are tried only up to this many groups (the candidates grow as groups³).
const MAX_EXCHANGE_GROUPS: usize = 8;

/// The pooling step the lean search alone cannot take: in each interval, two agents of
/// groups g₁, g₂ (possibly the same) replaced by one of another group h, when that is
/// cheaper (always, on agent-hours). The search starts from the groups the two-step
/// method hires in; generalists who pool several queues enter here. Keeps every
/// exchange meeting every goal; returns how many it kept.
fn exchange(ev: &mut GroupJudge<'_>, costs: Option<&[f64]>) -> Result<u32> {
    let groups = ev.order.len();
    if !(2..=MAX_EXCHANGE_GROUPS).contains(&groups) {
        return Ok(0);
    }
    let n = ev.n();
    let cost = |g: usize| costs.map_or(1.0, |c| c[g]);
    let mut kept = 0;
    for i in 0..n {
        for h in 0..groups {
            for g1 in (0..groups).filter(|&g| g != h) {
                for g2 in (g1..groups).filter(|&g| g != h) {
                    if cost(g1) + cost(g2) <= cost(h) {
                        continue;
                    }
                    let (u1, u2, uh) = (ev.unit(g1, i), ev.unit(g2, i), ev.unit(h, i));
                    let take = if g1 == g2 { 2 } else { 1 };
                    if ev.agents[u1] < ev.minimum(u1) + take
                        || ev.agents[u2] < ev.minimum(u2) + take
                    {
                        continue;
                    }
                    let mut changes = vec![(u1, ev.agents[u1] - take), (uh, ev.agents[uh] + 1)];
                    if g1 != g2 {
                        changes.push((u2, ev.agents[u2] - 1));
                    }
                    let c = ev.evaluate(&changes)?;
                    if c.meets {
                        ev.accept(c);
                        kept += 1;
                    }
                }
            }
        }
    }
    Ok(kept)
}

/// Each group's `cost_per_hour` when every group has one; none when no group has one
/// (then agent-hours are compared); an error when only some have one.
fn group_costs(sc: &Scenario) -> Result<Option<Vec<f64>>> {
    let groups = &sc.model.agent_groups;
    if groups.iter().all(|g| g.cost_per_hour.is_none()) {
        return Ok(None);
    }
    match groups.iter().find(|g| g.cost_per_hour.is_none()) {
        Some(g) => Err(Error::input(format!(
            "{}: agent group \"{}\": `cost_per_hour`: expected a cost for every agent group \
             (the search compares groups by cost), found none for this one",
            sc.labels.path, g.name
        ))),
        None => Ok(Some(
            groups
                .iter()
                .map(|g| g.cost_per_hour.expect("checked"))
                .collect(),
        )),
    }
}

/// For each call type, the group the two-step method hires its agents in: the cheapest
/// serving it, then the one ranking it first, then the first declared.
pub fn covering_groups(model: &Model, costs: Option<&[f64]>) -> Vec<usize> {
    (0..model.call_types.len())
        .map(|k| {
            model
                .agent_groups
                .iter()
                .enumerate()
                .filter_map(|(g, grp)| {
                    let s = grp.skills.iter().find(|s| s.call_type == k)?;
                    Some((costs.map_or(1.0, |c| c[g]), s.rank, g))
                })
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)))
                .map(|(_, _, g)| g)
                .expect("every call type is served (checked when parsed)")
        })
        .collect()
}

/// Groups in the order the search makes them lean.
fn lean_order(model: &Model, costs: Option<&[f64]>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..model.agent_groups.len()).collect();
    order.sort_by(|&a, &b| {
        let cost = |g: usize| costs.map_or(1.0, |c| c[g]);
        cost(b)
            .total_cmp(&cost(a))
            .then(
                model.agent_groups[a]
                    .skills
                    .len()
                    .cmp(&model.agent_groups[b].skills.len()),
            )
            .then(a.cmp(&b))
    });
    order
}

/// The two-step method's first step: Erlang C's agents for each call type and interval
/// on its own, against the type's goal (and the `[goals]` ASA and occupancy limits).
pub fn erlang_c_per_type(sc: &Scenario) -> Result<Vec<Vec<u32>>> {
    let model = &sc.model;
    model
        .call_types
        .iter()
        .map(|t| {
            let sl = &t.service_level;
            if sl.target >= 1.0 {
                return Err(Error::input(format!(
                    "{}: call type \"{}\": the two-step method's Erlang C needs a \
                     service-level target below 1 (100 %), found {}",
                    sc.labels.path, t.name, sl.target
                )));
            }
            let goal = Goal {
                service_level: Some(ServiceLevelGoal {
                    threshold_s: sl.threshold_s,
                    target: sl.target,
                    of: sl.of,
                }),
                max_asa_s: model.goals.max_asa_s,
                max_occupancy: model.goals.max_occupancy,
                ..Goal::default()
            };
            (0..model.intervals())
                .map(|i| {
                    let (load, aht) = (t.offered_load(i), t.mean_handle_time(i));
                    if load <= 0.0 {
                        return Ok(0);
                    }
                    erlang::required_agents_c(load, aht, &goal).map_err(|e| {
                        Error::input(format!(
                            "{}: call type \"{}\", interval {} ({}): {e}",
                            sc.labels.path,
                            t.name,
                            i,
                            model.clock.label(i)
                        ))
                    })
                })
                .collect()
        })
        .collect()
}

/// The two-step method's second step: each type's agents hired in its covering group
/// (at least the search's minimum, so that queues drain at close).
fn two_step(
    model: &Model,
    needs: &[Vec<u32>],
    covering: &[usize],
    ev: &GroupJudge<'_>,
) -> Vec<Vec<u32>> {
    let n = model.intervals();
    let mut agents = vec![vec![0u32; n]; model.agent_groups.len()];
    for (k, need) in needs.iter().enumerate() {
        for (i, &a) in need.iter().enumerate() {
            agents[covering[k]][i] += a;
        }
    }
    for (g, a) in agents.iter_mut().enumerate() {
        for (i, x) in a.iter_mut().enumerate() {
            *x = (*x).max(ev.minimum_of(g, i));
        }
    }
    agents
}

/// The scenario with `agents[group][interval]` on the phones (shifts replaced).
pub fn with_group_agents(sc: &Scenario, agents: &[Vec<u32>]) -> Scenario {
    let mut model = sc.model.clone();
    for (g, a) in model.agent_groups.iter_mut().zip(agents) {
        g.staffing = Roster::per_interval(&sc.model.clock, a);
        g.roster = None;
    }
    sc.with_model(model)
}

/// Judges group staffings by simulating every replication in full (with the scenario's
/// seed: common random numbers). Judged rows: each call type against its own goal (and
/// the `[goals]` on abandonment, ASA and confidence), then each group against the
/// occupancy goal.
pub(super) struct GroupJudge<'a> {
    sc: &'a Scenario,
    cancel: &'a AtomicBool,
    on_evaluation: &'a (dyn Fn() + Sync),
    /// Block `b` of units is group `order[b]`.
    order: Vec<usize>,
    covering: Vec<usize>,
    /// One goal per judged row: call types, then groups.
    goals: Vec<GoalSet>,
    pub agents: Vec<u32>,
    /// Per replication, `rows × intervals` counts (row-major).
    days: Vec<Vec<IntervalTally>>,
    failing: Vec<bool>,
    pub evaluations: u64,
}

/// A judged candidate.
pub(super) struct GroupCandidate {
    agents: Vec<u32>,
    days: Vec<Vec<IntervalTally>>,
    meets: bool,
}

impl<'a> GroupJudge<'a> {
    fn new(
        sc: &'a Scenario,
        order: Vec<usize>,
        covering: Vec<usize>,
        cancel: &'a AtomicBool,
        on_evaluation: &'a (dyn Fn() + Sync),
    ) -> Result<GroupJudge<'a>> {
        let model = &sc.model;
        let mut goals: Vec<GoalSet> = model
            .call_types
            .iter()
            .map(|t| GoalSet {
                target: t.service_level.target,
                threshold_s: t.service_level.threshold_s,
                of: t.service_level.of,
                goals: Goals {
                    max_occupancy: None,
                    ..model.goals
                },
            })
            .collect();
        // A group's row has agent time only: its service level is undefined (met).
        goals.extend(model.agent_groups.iter().map(|_| GoalSet {
            target: 0.0,
            threshold_s: model.service_level.threshold_s,
            of: model.service_level.of,
            goals: Goals {
                max_occupancy: model.goals.max_occupancy,
                ..Goals::default()
            },
        }));
        Ok(GroupJudge {
            sc,
            cancel,
            on_evaluation,
            order,
            covering,
            goals,
            agents: vec![],
            days: vec![],
            failing: vec![],
            evaluations: 0,
        })
    }

    fn n(&self) -> usize {
        self.sc.model.intervals()
    }

    fn rows(&self) -> usize {
        self.goals.len()
    }

    /// Units (block by block) from agents per group.
    fn units(&self, by_group: &[Vec<u32>]) -> Vec<u32> {
        self.order
            .iter()
            .flat_map(|&g| by_group[g].iter().copied())
            .collect()
    }

    /// Agents per group from units.
    fn by_group(&self, units: &[u32]) -> Vec<Vec<u32>> {
        let n = self.n();
        let mut out = vec![vec![]; self.order.len()];
        for (b, &g) in self.order.iter().enumerate() {
            out[g] = units[b * n..(b + 1) * n].to_vec();
        }
        out
    }

    /// The fewest agents of group `g` in interval `i`: one at close in the group hired
    /// for a call type whose callers never hang up (so its queue can drain).
    fn minimum_of(&self, g: usize, i: usize) -> u32 {
        let last = i + 1 == self.n();
        let needed = self
            .covering
            .iter()
            .enumerate()
            .any(|(k, &c)| c == g && self.sc.model.call_types[k].patience.is_none());
        u32::from(last && needed)
    }

    /// Below the need: each group's share of the offered load (the loads of the types it
    /// is hired for), rounded down.
    fn initial_guess(&self) -> Vec<Vec<u32>> {
        let model = &self.sc.model;
        (0..model.agent_groups.len())
            .map(|g| {
                (0..self.n())
                    .map(|i| {
                        let load: f64 = (0..model.call_types.len())
                            .filter(|&k| self.covering[k] == g)
                            .map(|k| model.call_types[k].offered_load(i))
                            .sum();
                        (load.floor() as u32).max(self.minimum_of(g, i))
                    })
                    .collect()
            })
            .collect()
    }

    fn check_cancel(&self) -> Result<()> {
        super::stop_if_cancelled(self.cancel, self.sc)
    }

    /// Every replication of staffing `units`, its judged rows' counts.
    fn simulate_all(&self, units: &[u32]) -> Result<Vec<Vec<IntervalTally>>> {
        self.check_cancel()?;
        let sc = with_group_agents(self.sc, &self.by_group(units));
        let (n, types) = (self.n(), sc.model.call_types.len());
        let rows = self.rows();
        (0..sc.experiment.replications)
            .into_par_iter()
            .map_init(
                || {
                    (
                        Workspace::default(),
                        Tally::new(n, sc.model.service_level.threshold_s),
                    )
                },
                |(ws, tally), rep| {
                    let o = engine::simulate(&sc.model, &sc.experiment, rep, tally, ws);
                    if o.stranded > 0 {
                        return Err(Error::input(format!(
                            "{}: the queues can never drain with this staffing and nobody \
                             hanging up; give the call types a patience",
                            sc.labels.path
                        )));
                    }
                    let bd = tally.breakdown.as_ref().expect("a several-type tally");
                    let mut out = Vec::with_capacity(rows * n);
                    for t in &bd.types {
                        out.extend(t.slots[..n].iter().cloned());
                    }
                    for g in &bd.groups {
                        out.extend((0..n).map(|i| IntervalTally {
                            busy_time: g.busy_time[i],
                            staffed_time: g.staffed_time[i],
                            ..IntervalTally::default()
                        }));
                    }
                    debug_assert_eq!(out.len(), (types + bd.groups.len()) * n);
                    Ok(out)
                },
            )
            .collect()
    }

    fn row_meets(&self, days: &[Vec<IntervalTally>], r: usize, i: usize) -> bool {
        let at = r * self.n() + i;
        self.goals[r].interval_meets(days.iter().map(|d| &d[at]))
    }

    fn failing_of(&self, days: &[Vec<IntervalTally>]) -> Vec<bool> {
        let n = self.n();
        (0..self.rows() * n)
            .map(|at| !self.row_meets(days, at / n, at % n))
            .collect()
    }

    /// The unit of group `g` in interval `i`.
    fn unit(&self, g: usize, i: usize) -> usize {
        self.block_of(g) * self.n() + i
    }

    fn block_of(&self, g: usize) -> usize {
        self.order.iter().position(|&x| x == g).expect("a group")
    }

    /// The current staffing, simulated with the scenario's replications, and its figures.
    fn plan(&self, agents: Vec<Vec<u32>>) -> Result<GroupPlan> {
        let sc = with_group_agents(self.sc, &agents);
        let result = replicate::run_in_pool(
            &sc,
            &RunOptions {
                replications: sc.experiment.replications,
                threads: rayon::current_num_threads(),
                on_progress: &|_| {},
                cancel: self.cancel,
            },
        )?;
        let n = self.n();
        let types = self.sc.model.call_types.len();
        let type_meets = (0..types)
            .map(|k| (0..n).map(|i| !self.failing[k * n + i]).collect())
            .collect();
        Ok(GroupPlan {
            figures: self.figures(&result),
            agents,
            result,
            type_meets,
        })
    }

    /// The centre's figures of the current staffing: the simulated means of the whole
    /// centre, and as confidence the share of replications where every call type meets
    /// its own service-level target (in the interval; over the day, in every interval).
    fn figures(&self, result: &RunResult) -> Figures {
        let n = self.n();
        let reps = self.days.len();
        let types = self.sc.model.call_types.len();
        let meets_sl = |d: &Vec<IntervalTally>, i: usize| {
            (0..types).all(|k| {
                let g = &self.goals[k];
                let sl = metric_row(&d[k * n + i], &[], &g.service_level())
                    [Metric::ServiceLevel as usize];
                sl.is_nan() || sl >= g.target
            })
        };
        let share = |meeting: usize| {
            let p = meeting as f64 / reps.max(1) as f64;
            Estimate {
                mean: Some(p),
                ci95: Some(1.96 * (p * (1.0 - p) / reps.max(1) as f64).sqrt()),
                n: reps as u64,
            }
        };
        let row = |e: &crate::stats::EstimateRow, p: Estimate| -> [Estimate; 5] {
            std::array::from_fn(|k| match super::Figure::ALL[k].metric() {
                Some(m) => e[m as usize],
                None => p,
            })
        };
        let intervals = (0..n)
            .map(|i| {
                let meeting = self.days.iter().filter(|d| meets_sl(d, i)).count();
                row(&result.estimates.intervals[i], share(meeting))
            })
            .collect();
        let every = self
            .days
            .iter()
            .filter(|d| (0..n).all(|i| meets_sl(d, i)))
            .count();
        Figures {
            intervals,
            overall: row(&result.estimates.overall, share(every)),
        }
    }
}

impl Judge for GroupJudge<'_> {
    type Candidate = GroupCandidate;

    fn agents(&self) -> &[u32] {
        &self.agents
    }

    fn intervals(&self) -> usize {
        self.n()
    }

    fn failing(&self) -> Vec<usize> {
        let n = self.n();
        let types = self.sc.model.call_types.len();
        let mut units: Vec<usize> = (0..self.rows() * n)
            .filter(|&at| self.failing[at])
            .map(|at| {
                let (r, i) = (at / n, at % n);
                let g = if r < types {
                    self.covering[r]
                } else {
                    r - types
                };
                self.block_of(g) * n + i
            })
            .collect();
        units.sort_unstable();
        units.dedup();
        units
    }

    /// One agent, or a tenth more when a call type hired in this group is far below its
    /// service-level target (as for one queue).
    fn raise_step(&self, u: usize) -> u32 {
        let n = self.n();
        let (g, i) = (self.order[u / n], u % n);
        let far = (0..self.sc.model.call_types.len())
            .filter(|&k| self.covering[k] == g && self.failing[k * n + i])
            .any(|k| {
                let goal = &self.goals[k];
                let [sl, ..] = goal.figures(self.days.iter().map(|d| &d[k * n + i]));
                goal.target - sl.unwrap_or(goal.target) > 0.3
            });
        if far { (self.agents[u] / 10).max(1) } else { 1 }
    }

    fn minimum(&self, u: usize) -> u32 {
        let n = self.n();
        self.minimum_of(self.order[u / n], u % n)
    }

    fn evaluate(&mut self, changes: &[(usize, u32)]) -> Result<GroupCandidate> {
        let mut agents = self.agents.clone();
        for &(u, a) in changes {
            agents[u] = a;
        }
        let days = self.simulate_all(&agents)?;
        let meets = self.failing_of(&days).iter().all(|f| !f);
        self.evaluations += 1;
        (self.on_evaluation)();
        Ok(GroupCandidate {
            agents,
            days,
            meets,
        })
    }

    fn meets(c: &GroupCandidate) -> bool {
        c.meets
    }

    fn accept(&mut self, c: GroupCandidate) {
        self.failing = self.failing_of(&c.days);
        self.agents = c.agents;
        self.days = c.days;
    }

    fn set_agents(&mut self, agents: Vec<u32>) -> Result<()> {
        self.agents = agents;
        self.rebuild()
    }

    fn rebuild(&mut self) -> Result<()> {
        self.days = self.simulate_all(&self.agents)?;
        self.failing = self.failing_of(&self.days);
        self.evaluations += 1;
        (self.on_evaluation)();
        Ok(())
    }
}
