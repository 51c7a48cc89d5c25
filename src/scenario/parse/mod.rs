//! From TOML text to a validated [`Scenario`]: every key is checked for type, range and
//! consistency, with a message naming file, line, key, what was expected and what was found.

use std::ops::Range;
use std::path::Path;

use super::toml_reader::{Source, Table, seed_value, share_value};
use super::{Experiment, Labels, Scenario};
use crate::dist::Dist;
use crate::error::Result;
mod arrivals;
mod dist;
mod goals;
mod report;
mod shifts;
mod skills;
mod staffing;
mod uncertainty;

use arrivals::parse_arrivals;
use dist::parse_dist;
use goals::{parse_cost, parse_goals};
use report::parse_report;
use staffing::{check_drains, planned_agents};
use uncertainty::{parse_absence, parse_busyness, parse_redials};

use crate::model::{
    AgentGroup, Busyness, CallType, Clock, Model, Redial, ServiceLevel, Skill, SlDefinition,
    Staffing,
};

const DEFAULT_INTERVAL_S: f64 = 1800.0;
const DEFAULT_REPLICATIONS: u64 = 100;
const DEFAULT_SEED: u64 = 1;
/// Upper bounds that keep a typo from asking for an impossible run.
const MAX_AGENTS: u64 = 1_000_000;
/// Each interval keeps its own wait histogram in every worker (about 8 kB): a year of
/// 15-minute intervals fits, a typo such as `interval = "1s"` with a 200-hour horizon
/// does not exhaust memory.
const MAX_INTERVALS: usize = 50_000;
// Calls expected in one replication: the model's cap, which sweeps respect too.
use crate::model::MAX_CALLS;
use crate::stats::Estimator;
/// The shortest planning interval.
const MIN_INTERVAL_S: f64 = 1.0;
/// The shortest positive duration a distribution parameter may have: 1 µs.
const MIN_PARAM_S: f64 = 1e-6;
/// Widest and narrowest spread (sd ÷ mean) of lognormal and gamma handle times; beyond
/// these the samplers overflow or lose all precision.
const MAX_CV: f64 = 100.0;
const MIN_CV: f64 = 1e-4;

/// Parses and validates scenario text; `path` names the file in messages and anchors
/// relative paths of forecast and empirical CSV files.
pub fn parse_scenario(path: &str, text: &str) -> Result<Scenario> {
    let src = Source { path, text };
    let doc = src.parse()?;
    let mut top = Table::new(&src, "", doc.get_ref(), 0..0);
    let base_dir = Path::new(path)
        .parent()
        .unwrap_or(Path::new(""))
        .to_path_buf();

    let name = parse_name(&mut top)?;
    let report = parse_report(&mut top)?;
    let interval = top.duration("interval")?;
    let interval_s = match &interval {
        Some((d, span)) if *d < MIN_INTERVAL_S => {
            return Err(src.error(
                span,
                "interval",
                "a planning interval of at least 1 second, such as \"30m\"",
                &fmt_num(*d),
            ));
        }
        Some((d, _)) => *d,
        None => DEFAULT_INTERVAL_S,
    };
    let start_s = parse_start(&mut top)?;
    let lines = parse_lines(&mut top)?;
    if skills::is_multi_form(&mut top) {
        let shared = skills::Shared {
            name,
            interval_s: interval.as_ref().map(|_| interval_s),
            start_s,
            lines,
            base_dir,
        };
        // `[report]` is read above for both forms; the labels take it here.
        return skills::parse(top, shared).map(|mut sc| {
            sc.labels.report = report;
            sc
        });
    }
    let (service_level, estimator) = parse_service_level(&mut top)?;
    let handle_time = match top.table("handle_time")? {
        Some(t) => parse_dist(t, &base_dir)?,
        None => {
            return Err(top.missing(
                "handle_time",
                "a [handle_time] section giving the handle-time distribution",
            ));
        }
    };
    let patience = top
        .table("patience")?
        .map(|t| parse_dist(t, &base_dir))
        .transpose()?;
    let mut staffing = top.table("staffing")?;
    let (shrinkage, absence, cost_per_hour, agents_value) = match staffing.as_mut() {
        Some(st) => (
            parse_shrinkage(st)?,
            parse_absence(st)?,
            parse_cost(st)?,
            st.value("agents"),
        ),
        None => (None, 0.0, None, None),
    };
    let roster_keys = staffing.as_mut().map(shifts::RosterKeys::of);
    let goals = parse_goals(&mut top)?;
    let redial_value = top.value("redials").map(|v| v.span());
    let redial = top
        .table("redials")?
        .map(|t| parse_redials(t, &base_dir))
        .transpose()?;
    let mut simulation_table = top.table("simulation")?;
    let mut arrivals = match top.table("arrivals")? {
        Some(t) => t,
        None => {
            return Err(top.missing(
                "arrivals",
                "an [arrivals] section with `calls`, `rate` or `file`",
            ));
        }
    };
    let horizon_value = match simulation_table.as_mut() {
        Some(sim) => sim.duration("horizon")?,
        None => None,
    };
    // A steady-state run (constant rate) without an explicit interval is one interval as
    // long as the horizon: per-half-hour rows mean nothing there, and would make memory
    // grow with the horizon.
    let interval_s = match (&interval, &horizon_value) {
        (None, Some((h, _))) if arrivals.has("rate") && *h > 0.0 => *h,
        _ => interval_s,
    };
    let plan = parse_arrivals(&mut arrivals, interval_s, horizon_value, &base_dir)?;
    let busyness = parse_busyness(&mut arrivals)?;
    arrivals.finish()?;

    let clock = Clock {
        interval_s,
        start_s,
        horizon_s: plan.horizon_s,
        intervals: plan.rates.len(),
    };
    let roster = match &roster_keys {
        Some(keys) if keys.given() => {
            let agents_given = match (&plan.agents, agents_value) {
                (Some(_), _) => Some((plan.origin_span.clone(), "arrivals.file")),
                (None, Some(v)) => Some((v.span(), "staffing.agents")),
                (None, None) => None,
            };
            let roster = shifts::parse_roster(&src, keys, agents_given, &clock, &base_dir)?
                .expect("a roster is given");
            if patience.is_none() && plan.rates.iter().any(|&r| r > 0.0) {
                shifts::check_reaches_close(&src, &roster, keys, &clock)?;
            }
            if let Some(v) = redial_value {
                return Err(src.error(
                    &v,
                    "redials",
                    "no [redials] section with shifts (redials with shifts are not simulated \
                     yet)",
                    "[redials] together with shifts",
                ));
            }
            if absence > 0.0 {
                let (span, key) = keys.origin();
                return Err(src.error(
                    &span,
                    &key,
                    "agents per interval with `absence` (absence with shifts is not \
                     simulated yet)",
                    "shifts and `staffing.absence`",
                ));
            }
            Some(roster)
        }
        _ => None,
    };
    let agents = match &roster {
        Some(_) => vec![],
        None => {
            let agents = planned_agents(&src, &plan, agents_value, staffing.as_ref())?;
            check_drains(
                &src,
                &plan,
                agents_value,
                &agents,
                patience.is_some(),
                &clock,
            )?;
            agents
        }
    };
    if let Some(st) = staffing {
        st.finish()?;
    }
    let mut experiment = parse_simulation(simulation_table, plan.horizon_s)?;
    experiment.estimator = estimator;
    top.finish()?;

    let demand = Demand {
        handle_time,
        patience,
        service_level,
        busyness,
        redial,
    };
    let supply = Supply {
        agents,
        shrinkage,
        absence,
        roster,
    };
    let mut model = one_queue_model(&name, clock, plan, demand, supply, lines);
    model.goals = goals;
    model.cost_per_hour = cost_per_hour;
    Ok(Scenario {
        labels: Labels {
            name,
            path: path.to_string(),
            report,
        },
        model,
        experiment,
    })
}

/// What the one-queue form says of its calls, besides their arrivals.
struct Demand {
    handle_time: Dist,
    patience: Option<Dist>,
    service_level: ServiceLevel,
    busyness: Busyness,
    redial: Option<Redial>,
}

/// What the one-queue form says of its agents.
struct Supply {
    agents: Vec<u32>,
    shrinkage: Option<f64>,
    absence: f64,
    /// Shifts instead of agents per interval (`agents` is then empty).
    roster: Option<crate::model::Roster>,
}

/// The one-queue form as a model: one call type, served by one agent group.
fn one_queue_model(
    name: &str,
    clock: Clock,
    plan: arrivals::ArrivalPlan,
    demand: Demand,
    supply: Supply,
    lines: Option<u32>,
) -> Model {
    let Demand {
        handle_time,
        patience,
        service_level,
        busyness,
        redial,
    } = demand;
    let aht_mean = handle_time.mean();
    let calls = CallType {
        name: name.to_string(),
        aht_scale: match &plan.aht_s {
            Some(aht) => aht.iter().map(|a| a / aht_mean).collect(),
            None => vec![1.0; clock.len()],
        },
        rates: plan.rates,
        handle_time,
        patience,
        service_level: service_level.clone(),
        busyness,
        redial,
        balk: 0.0,
        weight: 1.0,
        bonus_s: 0.0,
    };
    let staffing = match &supply.roster {
        Some(roster) => roster.nominal_staffing(),
        None => Staffing::per_interval(&clock, &supply.agents),
    };
    let agents = AgentGroup {
        name: name.to_string(),
        staffing,
        skills: vec![Skill::plain(0, 1)],
        shrinkage: supply.shrinkage,
        absence: supply.absence,
        roster: supply.roster,
        cost_per_hour: None,
    };
    Model {
        clock,
        service_level,
        call_types: vec![calls],
        agent_groups: vec![agents],
        lines,
        goals: Default::default(),
        cost_per_hour: None,
        routing: Default::default(),
    }
}

fn parse_name(top: &mut Table<'_, '_>) -> Result<String> {
    match top.string("name")? {
        // Names are printed on terminals and in reports: no escape sequences or line breaks.
        Some((n, span)) if n.chars().any(char::is_control) => Err(top.src.error(
            &span,
            "name",
            "a name without control characters (tabs, line breaks, escape codes)",
            &format!("{n:?}"),
        )),
        Some((n, span)) if n.trim().is_empty() => Err(top.src.error(
            &span,
            "name",
            "a non-empty name for the scenario",
            "an empty string",
        )),
        Some((n, _)) => Ok(n),
        None => Err(top.missing(
            "name",
            "a scenario name such as `name = \"Retail hotline, Monday\"`",
        )),
    }
}

/// `start`: the clock time of the first interval, seconds after midnight (default 0).
fn parse_start(top: &mut Table<'_, '_>) -> Result<f64> {
    match top.string("start")? {
        Some((s, span)) => parse_clock(&s).ok_or_else(|| {
            top.src.error(
                &span,
                "start",
                "a clock time \"HH:MM\" such as \"08:00\"",
                &format!("\"{s}\""),
            )
        }),
        None => Ok(0.0),
    }
}

fn parse_lines(top: &mut Table<'_, '_>) -> Result<Option<u32>> {
    match top.count("lines")? {
        Some((0, span)) => Err(top.src.error(&span, "lines", "at least 1 line", "0")),
        Some((n, span)) if n > MAX_AGENTS => Err(top.src.error(
            &span,
            "lines",
            &format!("at most {MAX_AGENTS} lines"),
            &n.to_string(),
        )),
        Some((n, _)) => Ok(Some(n as u32)),
        None => Ok(None),
    }
}

fn parse_shrinkage(st: &mut Table<'_, '_>) -> Result<Option<f64>> {
    match st.number("shrinkage")? {
        Some((s, span)) if !(0.0..1.0).contains(&s) => Err(st.src.error(
            &span,
            "staffing.shrinkage",
            "a fraction from 0 up to (not including) 1, such as 0.30",
            &s.to_string(),
        )),
        s => Ok(s.map(|(s, _)| s)),
    }
}

/// A number with at most six decimals and no trailing zeros, for ranges in messages.
fn short_num(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// "08:00" or "8:30" or "08:00:15" → seconds after midnight.
pub(crate) fn parse_clock(s: &str) -> Option<f64> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    if !(2..=3).contains(&parts.len())
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (h, m, sec) = (nums[0], nums[1], nums.get(2).copied().unwrap_or(0));
    (h < 24 && m < 60 && sec < 60).then(|| (h * 3600 + m * 60 + sec) as f64)
}

/// `target`: a number, or a percentage written as a string ("80%", as on the command line).
fn target_value(t: &mut Table<'_, '_>) -> Result<Option<(f64, Range<usize>)>> {
    let name = t.key_name("target");
    let expected = "a fraction above 0 and at most 1 such as 0.80, or a percentage such as \"80%\"";
    match t.value("target") {
        Some(v) => Ok(Some((share_value(t.src, v, &name, expected)?, v.span()))),
        None => Ok(None),
    }
}

fn parse_service_level(top: &mut Table<'_, '_>) -> Result<(ServiceLevel, Estimator)> {
    let Some(t) = top.table("service_level")? else {
        return Err(top.missing(
            "service_level",
            "a [service_level] section with `threshold` (such as \"20s\") and `target` (such as 0.80)",
        ));
    };
    centre_service_level(t)
}

/// The top-level `[service_level]`: the goal, and `estimator` (only here: it says how
/// every ratio metric of the run is estimated).
pub(super) fn centre_service_level(mut t: Table<'_, '_>) -> Result<(ServiceLevel, Estimator)> {
    let estimator = match t.string("estimator")? {
        None => Estimator::default(),
        Some((s, span)) => Estimator::from_key(&s).ok_or_else(|| {
            t.src.error(
                &span,
                &t.key_name("estimator"),
                "\"mean\" (the mean of per-replication ratios, the default) or \"pooled\" \
                 (ratios of sums over replications)",
                &format!("\"{s}\""),
            )
        })?,
    };
    Ok((service_level_table(t)?, estimator))
}

/// A service-level table (`[service_level]`, or a call type's `service_level = {...}`).
pub(super) fn service_level_table(mut t: Table<'_, '_>) -> Result<ServiceLevel> {
    let src = t.src;
    let threshold_s = match t.duration("threshold")? {
        Some((d, span)) if d < 0.0 => {
            return Err(src.error(
                &span,
                &t.key_name("threshold"),
                "a duration of 0 or more",
                &fmt_num(d),
            ));
        }
        Some((d, _)) => d,
        None => return Err(t.missing("threshold", "the \"answered within\" time such as \"20s\"")),
    };
    let target = match target_value(&mut t)? {
        Some((x, span)) if !(x > 0.0 && x <= 1.0) => {
            let hint = if x > 1.0 && x <= 100.0 {
                format!("{} (did you mean {}?)", fmt_num(x), x / 100.0)
            } else {
                fmt_num(x)
            };
            return Err(src.error(
                &span,
                &t.key_name("target"),
                "a fraction above 0 and at most 1, such as 0.80",
                &hint,
            ));
        }
        Some((x, _)) => x,
        None => return Err(t.missing("target", "the goal as a fraction such as 0.80")),
    };
    let of = match t.string("of")? {
        None => SlDefinition::default(),
        Some((s, span)) => match SlDefinition::from_key(&s) {
            Some(of) => of,
            None => {
                return Err(src.error(
                    &span,
                    &t.key_name("of"),
                    "one of \"answered\", \"offered\", \"excl_short_abandons\"",
                    &format!("\"{s}\""),
                ));
            }
        },
    };
    t.finish()?;
    Ok(ServiceLevel {
        threshold_s,
        target,
        of,
    })
}

pub(super) fn parse_simulation(t: Option<Table<'_, '_>>, horizon_s: f64) -> Result<Experiment> {
    let mut sim = Experiment {
        replications: DEFAULT_REPLICATIONS,
        seed: DEFAULT_SEED,
        warmup_s: 0.0,
        estimator: Estimator::default(),
    };
    let Some(mut t) = t else { return Ok(sim) };
    let src = t.src;
    t.allow(&["horizon"]);
    if let Some((r, span)) = t.count("replications")? {
        if r == 0 {
            return Err(src.error(
                &span,
                "simulation.replications",
                "at least 1 replication",
                "0",
            ));
        }
        sim.replications = r;
    }
    if let Some(v) = t.value("seed") {
        sim.seed = seed_value(src, v, &t.key_name("seed"))?;
    }
    if let Some((w, span)) = t.duration("warmup")? {
        if w < 0.0 || w >= horizon_s {
            return Err(src.error(
                &span,
                "simulation.warmup",
                &format!(
                    "a duration from 0 up to the end of arrivals ({})",
                    crate::duration::format_duration(horizon_s)
                ),
                &crate::duration::format_duration(w),
            ));
        }
        sim.warmup_s = w;
    }
    t.finish()?;
    Ok(sim)
}
