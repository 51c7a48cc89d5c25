//! Staffing: how many agents each interval needs to meet the service-level goal, by
//! simulation (`search`: carry-over between intervals, abandonment, lines and the real
//! handle-time spread all count) or by the classic interval-by-interval Erlang C and
//! Erlang A formulas (`analytic`), and the figures derived from a staffing (scheduled
//! agents after shrinkage, agent-hours). Output formats are in [`crate::report::staffing`].

mod analytic;
mod evaluate;
pub mod goals;
mod groups;
mod search;

use std::sync::atomic::AtomicBool;

use clap::ValueEnum;

use crate::error::Result;
use crate::model::{Clock, Model};
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;
use crate::stats::{Estimate, Metric};

pub use analytic::analytic;
pub use goals::{Figure, GoalSet};
pub use groups::{
    GroupPlan, GroupStaffing, covering_groups, erlang_c_per_type, staff_groups, with_group_agents,
};
pub use search::{SimStaffing, staff_by_simulation, threads_within_budget, with_agents};

/// A way of finding required agents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// Search with the simulation itself (carry-over, abandonment, real handle times).
    Sim,
    /// Classic Erlang C, each interval on its own.
    ErlangC,
    /// Erlang A (callers hang up after an exponential patience), each interval on its own.
    ErlangA,
}

impl Method {
    /// The name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Method::Sim => "sim",
            Method::ErlangC => "erlang-c",
            Method::ErlangA => "erlang-a",
        }
    }

    /// The name shown to people (English tables; reports go through i18n).
    pub fn label(self) -> &'static str {
        match self {
            Method::Sim => "Simulation",
            Method::ErlangC => "Erlang C",
            Method::ErlangA => "Erlang A",
        }
    }

    /// The methods `staff --compare` puts side by side: Erlang A only when callers hang up.
    pub fn compared(model: &Model) -> Vec<Method> {
        let mut m = vec![Method::ErlangC];
        if model.has_patience() {
            m.push(Method::ErlangA);
        }
        m.push(Method::Sim);
        m
    }
}

/// Required agents by one method, and the service level each interval achieves with them.
#[derive(Debug, Clone)]
pub struct Staffing {
    pub method: Method,
    pub required: Vec<u32>,
    /// Per interval: the method's own service-level figure (simulated, or analytic).
    pub service_level: Vec<Estimate>,
    /// The simulation of this staffing (for analytic methods: how it really fares).
    pub simulated: RunResult,
    /// Every goal's simulated figure with this staffing.
    pub figures: Figures,
    /// How the search went (simulation only).
    pub search: Option<SearchStats>,
}

/// How a search by simulation went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchStats {
    /// Candidate staffings judged.
    pub evaluations: u64,
    /// Agent-intervals saved by moving agents between neighbouring intervals, beyond
    /// what removing single agents could.
    pub improved_by: u32,
}

/// Every goal's figure ([`Figure::ALL`] order) per interval and over the day, with 95 %
/// half-widths: the means of the simulation, and the share of replications meeting the
/// service-level target (its half-width by the normal approximation, 1.96·√(p(1−p)/R)).
/// Over the day, that share is of replications meeting the target in every interval.
#[derive(Debug, Clone)]
pub struct Figures {
    pub intervals: Vec<[Estimate; 5]>,
    pub overall: [Estimate; 5],
}

impl Figures {
    fn empty() -> Figures {
        let none = Estimate {
            mean: None,
            ci95: None,
            n: 0,
        };
        Figures {
            intervals: vec![],
            overall: [none; 5],
        }
    }

    /// The figures of a simulated staffing `agents` of `sc` (simulated again per
    /// replication for the share meeting the target).
    pub fn of(
        sc: &Scenario,
        agents: &[u32],
        result: &RunResult,
        cancel: &AtomicBool,
    ) -> Result<Figures> {
        let goals = GoalSet::of(&sc.model);
        let ev = evaluate::Evaluator::new(sc, goals, agents.to_vec(), cancel, &|| {})?;
        let reps = sc.experiment.replications;
        let mut all_meet = vec![true; reps as usize];
        let share = |meeting: u64| {
            let p = meeting as f64 / reps as f64;
            Estimate {
                mean: Some(p),
                ci95: Some(1.96 * (p * (1.0 - p) / reps as f64).sqrt()),
                n: reps,
            }
        };
        let row = |e: &crate::stats::EstimateRow, p: Estimate| -> [Estimate; 5] {
            std::array::from_fn(|k| match Figure::ALL[k].metric() {
                Some(m) => e[m as usize],
                None => p,
            })
        };
        let intervals = (0..sc.model.intervals())
            .map(|i| {
                let mut meeting = 0;
                for (r, t) in ev.interval_counts(i).enumerate() {
                    let sl = crate::stats::metric_row(t, &[], &goals.service_level())
                        [Metric::ServiceLevel as usize];
                    let ok = sl.is_nan() || sl >= goals.target;
                    meeting += u64::from(ok);
                    all_meet[r] &= ok;
                }
                row(&result.estimates.intervals[i], share(meeting))
            })
            .collect();
        let every = all_meet.iter().filter(|&&b| b).count() as u64;
        Ok(Figures {
            intervals,
            overall: row(&result.estimates.overall, share(every)),
        })
    }
}

/// Whether figure `f` of the recommendation is worse than the plan's beyond noise (the
/// means differ by more than √(h₁² + h₂²) in the worse direction) while the plan meets
/// the goal on it (or there is none).
pub fn worse_than_planned(goals: &GoalSet, f: Figure, planned: Estimate, rec: Estimate) -> bool {
    let (Some(p), Some(r)) = (planned.mean, rec.mean) else {
        return false;
    };
    let noise = (planned.ci95.unwrap_or(0.0).powi(2) + rec.ci95.unwrap_or(0.0).powi(2)).sqrt();
    let worse = if f.higher_is_better() { p - r } else { r - p };
    worse > noise.max(1e-12) && goals.meets(f, Some(p))
}

/// How to simulate while staffing: worker threads, Ctrl-C, and progress callbacks.
pub struct StaffOptions<'a> {
    pub threads: usize,
    pub cancel: &'a AtomicBool,
    /// Called after each candidate staffing of the search is simulated.
    pub on_evaluation: &'a (dyn Fn() + Sync),
    /// Called after each replication of a single simulation (an analytic method's check).
    pub on_progress: &'a (dyn Fn(u64) + Sync),
}

/// Staffs a scenario by one method; analytic answers are then simulated too.
pub fn staff(sc: &Scenario, method: Method, opts: &StaffOptions<'_>) -> Result<Staffing> {
    let mut st = staff_only(sc, method, opts)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| crate::error::Error::runtime(format!("cannot start worker threads: {e}")))?;
    st.figures = pool.install(|| Figures::of(sc, &st.required, &st.simulated, opts.cancel))?;
    Ok(st)
}

/// The figures of the scenario's own staffing, simulated as `result`.
pub fn planned_figures(
    sc: &Scenario,
    result: &RunResult,
    opts: &StaffOptions<'_>,
) -> Result<Figures> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| crate::error::Error::runtime(format!("cannot start worker threads: {e}")))?;
    pool.install(|| Figures::of(sc, &sc.model.agents_per_interval(), result, opts.cancel))
}

fn staff_only(sc: &Scenario, method: Method, opts: &StaffOptions<'_>) -> Result<Staffing> {
    match method {
        Method::Sim => {
            let found = staff_by_simulation(sc, opts.threads, opts.cancel, opts.on_evaluation)?;
            let service_level = found
                .result
                .estimates
                .intervals
                .iter()
                .map(|row| row[Metric::ServiceLevel as usize])
                .collect();
            Ok(Staffing {
                method,
                required: found.agents,
                service_level,
                simulated: found.result,
                figures: Figures::empty(),
                search: Some(SearchStats {
                    evaluations: found.evaluations,
                    improved_by: found.improved_by,
                }),
            })
        }
        Method::ErlangC | Method::ErlangA => {
            let (required, sl) = analytic(sc, method)?;
            let candidate = with_agents(sc, &required)?;
            let simulated = replicate::run(
                &candidate,
                &RunOptions {
                    replications: candidate.experiment.replications,
                    threads: opts.threads,
                    on_progress: opts.on_progress,
                    cancel: opts.cancel,
                },
            )?;
            Ok(Staffing {
                method,
                required,
                service_level: sl.into_iter().map(exact).collect(),
                simulated,
                figures: Figures::empty(),
                search: None,
            })
        }
    }
}

/// An analytic figure as an estimate without noise.
fn exact(x: Option<f64>) -> Estimate {
    Estimate {
        mean: x,
        ci95: x.map(|_| 0.0),
        n: 1,
    }
}

/// Agents to schedule for `required` on the phones, given the model's shrinkage.
pub fn scheduled(model: &Model, required: u32) -> u32 {
    let s = model.shrinkage().unwrap_or(0.0);
    crate::erlang::scheduled_agents(required, s).unwrap_or(required)
}

/// Agent-hours on the phones of a per-interval staffing over the day.
pub fn agent_hours(clock: &Clock, agents: impl IntoIterator<Item = u32>) -> f64 {
    agents
        .into_iter()
        .enumerate()
        .map(|(i, a)| a as f64 * clock.length_of(i) / 3600.0)
        .sum()
}

/// Staffing results for the client report, one row per interval.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingSection {
    pub method: Method,
    pub intervals: Vec<StaffingRow>,
}

/// One interval's staffing result.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffingRow {
    /// Agents needed on the phones to meet the target, by the section's method.
    pub required_agents: u32,
    /// Agents to schedule once shrinkage is applied, when the scenario has shrinkage.
    pub scheduled_agents: Option<u32>,
    /// Erlang C's answer for the same interval, shown beside the method's for comparison.
    pub erlang_c_agents: Option<u32>,
    /// Simulated service level with the required agents, when it was simulated.
    pub service_level: Option<Estimate>,
    /// Simulated abandonment, ASA and occupancy with the required agents.
    pub abandon_rate: Option<Estimate>,
    pub asa_s: Option<Estimate>,
    pub occupancy: Option<Estimate>,
    /// Figures ([`Figure::key`]) worse than with the planned staffing beyond noise, where
    /// the plan meets the goal on them (or there is none).
    pub worse_than_planned: Vec<&'static str>,
}

impl StaffingSection {
    /// The section for a staffing: its rows with Erlang C's answer beside (Erlang C has no
    /// answer for an interval at or above capacity: then it is left out).
    /// `planned`: the figures of the scenario's own staffing, to flag worse figures.
    pub fn new(sc: &Scenario, main: &Staffing, planned: Option<&Figures>) -> StaffingSection {
        let goals = GoalSet::of(&sc.model);
        let estimate = |i: usize, m: Metric| main.simulated.estimates.intervals[i][m as usize];
        let erlang_c = match main.method {
            // Several call types: the report shows the two-step method elsewhere; plain
            // Erlang C of the first type would mislead.
            _ if sc.model.is_multi() => None,
            Method::ErlangC => Some(main.required.clone()),
            _ => analytic(sc, Method::ErlangC)
                .ok()
                .map(|(required, _)| required),
        };
        let has_shrinkage = sc.model.shrinkage().is_some();
        StaffingSection {
            method: main.method,
            intervals: (0..sc.model.intervals())
                .map(|i| StaffingRow {
                    required_agents: main.required[i],
                    scheduled_agents: has_shrinkage.then(|| scheduled(&sc.model, main.required[i])),
                    erlang_c_agents: erlang_c.as_ref().map(|c| c[i]),
                    service_level: Some(estimate(i, Metric::ServiceLevel)),
                    abandon_rate: Some(estimate(i, Metric::AbandonRate)),
                    asa_s: Some(estimate(i, Metric::AsaS)),
                    occupancy: Some(estimate(i, Metric::Occupancy)),
                    worse_than_planned: match (planned, main.figures.intervals.get(i)) {
                        (Some(p), Some(rec)) => Figure::ALL
                            .iter()
                            .enumerate()
                            .filter(|&(k, &f)| {
                                worse_than_planned(&goals, f, p.intervals[i][k], rec[k])
                            })
                            .map(|(_, f)| f.key())
                            .collect(),
                        _ => vec![],
                    },
                })
                .collect(),
        }
    }
}

/// Ctrl-C during a staffing search: stop between simulations, writing nothing.
pub(crate) fn stop_if_cancelled(cancel: &AtomicBool, sc: &Scenario) -> Result<()> {
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(crate::error::Error::runtime(format!(
            "interrupted: staffing {} was stopped before it finished; nothing was written",
            sc.labels.path
        )));
    }
    Ok(())
}
