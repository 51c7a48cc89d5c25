//! From TOML text to a validated [`Scenario`]: every key is checked for type, range and
//! consistency, with a message naming file, line, key, what was expected and what was found.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use toml::Spanned;
use toml::de::DeValue;

use super::toml_reader::{Source, Table, count_value, describe, number_value};
use super::{Experiment, Labels, Scenario, forecast};
use crate::dist::Dist;
use crate::error::{Error, Result};
use crate::model::{
    AgentGroup, CallType, Clock, Model, ServiceLevel, Skill, SlDefinition, Staffing,
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
/// Calls expected in one replication: more would run for hours and is almost surely a
/// typo (a rate per second meant per hour, say).
const MAX_CALLS: f64 = 1e8;
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

    let name = match top.string("name")? {
        Some((n, span)) if n.trim().is_empty() => {
            return Err(src.error(
                &span,
                "name",
                "a non-empty name for the scenario",
                "an empty string",
            ));
        }
        Some((n, _)) => n,
        None => {
            return Err(top.missing(
                "name",
                "a scenario name such as `name = \"Retail hotline, Monday\"`",
            ));
        }
    };
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
    let start_s = match top.string("start")? {
        Some((s, span)) => parse_clock(&s).ok_or_else(|| {
            src.error(
                &span,
                "start",
                "a clock time \"HH:MM\" such as \"08:00\"",
                &format!("\"{s}\""),
            )
        })?,
        None => 0.0,
    };
    let lines = match top.count("lines")? {
        Some((0, span)) => return Err(src.error(&span, "lines", "at least 1 line", "0")),
        Some((n, span)) if n > MAX_AGENTS => {
            return Err(src.error(
                &span,
                "lines",
                &format!("at most {MAX_AGENTS} lines"),
                &n.to_string(),
            ));
        }
        Some((n, _)) => Some(n as u32),
        None => None,
    };
    let service_level = parse_service_level(&mut top)?;
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
    let (shrinkage, agents_value) = match staffing.as_mut() {
        Some(st) => {
            let shrink = match st.number("shrinkage")? {
                Some((s, span)) if !(0.0..1.0).contains(&s) => {
                    return Err(src.error(
                        &span,
                        "staffing.shrinkage",
                        "a fraction from 0 up to (not including) 1, such as 0.30",
                        &s.to_string(),
                    ));
                }
                s => s.map(|(s, _)| s),
            };
            (shrink, st.value("agents"))
        }
        None => (None, None),
    };
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
    arrivals.finish()?;

    let agents = planned_agents(&src, &plan, agents_value, staffing.as_ref())?;
    let clock = Clock {
        interval_s,
        start_s,
        horizon_s: plan.horizon_s,
        intervals: plan.rates.len(),
    };
    check_drains(
        &src,
        &plan,
        agents_value,
        &agents,
        patience.is_some(),
        &clock,
    )?;
    if let Some(st) = staffing {
        st.finish()?;
    }
    let experiment = parse_simulation(simulation_table, plan.horizon_s)?;
    top.finish()?;

    let aht_mean = handle_time.mean();
    let calls = CallType {
        name: name.clone(),
        aht_scale: match &plan.aht_s {
            Some(aht) => aht.iter().map(|a| a / aht_mean).collect(),
            None => vec![1.0; clock.len()],
        },
        rates: plan.rates,
        handle_time,
        patience,
        service_level: service_level.clone(),
    };
    let agents = AgentGroup {
        name: name.clone(),
        staffing: Staffing::per_interval(&clock, &agents),
        skills: vec![Skill {
            call_type: 0,
            rank: 1,
        }],
        shrinkage,
    };
    Ok(Scenario {
        labels: Labels {
            name,
            path: path.to_string(),
        },
        model: Model {
            clock,
            service_level,
            call_types: vec![calls],
            agent_groups: vec![agents],
            lines,
        },
        experiment,
    })
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
fn parse_clock(s: &str) -> Option<f64> {
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

fn parse_service_level(top: &mut Table<'_, '_>) -> Result<ServiceLevel> {
    let Some(mut t) = top.table("service_level")? else {
        return Err(top.missing(
            "service_level",
            "a [service_level] section with `threshold` (such as \"20s\") and `target` (such as 0.80)",
        ));
    };
    let src = t.src;
    let threshold_s = match t.duration("threshold")? {
        Some((d, span)) if d < 0.0 => {
            return Err(src.error(
                &span,
                "service_level.threshold",
                "a duration of 0 or more",
                &fmt_num(d),
            ));
        }
        Some((d, _)) => d,
        None => return Err(t.missing("threshold", "the \"answered within\" time such as \"20s\"")),
    };
    let target = match t.number("target")? {
        Some((x, span)) if !(x > 0.0 && x <= 1.0) => {
            let hint = if x > 1.0 && x <= 100.0 {
                format!("{} (did you mean {}?)", fmt_num(x), x / 100.0)
            } else {
                fmt_num(x)
            };
            return Err(src.error(
                &span,
                "service_level.target",
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
                    "service_level.of",
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

/// Arrivals as read: per-interval rates and the optional per-interval overrides.
struct ArrivalPlan {
    rates: Vec<f64>,
    horizon_s: f64,
    aht_s: Option<Vec<f64>>,
    agents: Option<Vec<u32>>,
    /// Where the per-interval list came from, for length-mismatch messages.
    origin: String,
    origin_span: Range<usize>,
}

fn parse_arrivals(
    t: &mut Table<'_, '_>,
    interval_s: f64,
    horizon: Option<(f64, Range<usize>)>,
    base_dir: &Path,
) -> Result<ArrivalPlan> {
    let src = t.src;
    let given: Vec<&str> = ["calls", "rate", "file"]
        .into_iter()
        .filter(|k| t.has(k))
        .collect();
    if given.len() != 1 {
        let found = if given.is_empty() {
            "none of them".to_string()
        } else {
            format!("{} together", given.join(" and "))
        };
        return Err(src.error(
            t.span(),
            "arrivals",
            "exactly one of `calls`, `rate` or `file`",
            &found,
        ));
    }
    if given[0] != "rate"
        && let Some((_, span)) = &horizon
    {
        return Err(src.error(
            span,
            "simulation.horizon",
            "no horizon: with per-interval calls the day ends after the last interval (horizon is for a constant `rate`)",
            "a horizon",
        ));
    }
    match given[0] {
        "calls" => {
            let v = t.value("calls").expect("checked present");
            let DeValue::Array(items) = v.get_ref() else {
                return Err(src.error(
                    &v.span(),
                    "arrivals.calls",
                    "an array of expected calls per interval, such as [60, 80, 110]",
                    &describe(v.get_ref()),
                ));
            };
            if items.is_empty() {
                return Err(src.error(
                    &v.span(),
                    "arrivals.calls",
                    "at least one interval",
                    "an empty array",
                ));
            }
            check_interval_count(src, &v.span(), "arrivals.calls", items.len())?;
            let rates = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let x = number_value(
                        src,
                        item,
                        &format!("arrivals.calls[{i}]"),
                        "a number of calls (0 or more)",
                    )?;
                    if x < 0.0 {
                        return Err(src.error(
                            &item.span(),
                            &format!("arrivals.calls[{i}]"),
                            "a number of calls (0 or more)",
                            &fmt_num(x),
                        ));
                    }
                    Ok(x / interval_s)
                })
                .collect::<Result<Vec<_>>>()?;
            check_call_count(
                src,
                &v.span(),
                "arrivals.calls",
                rates.iter().sum::<f64>() * interval_s,
            )?;
            Ok(ArrivalPlan {
                horizon_s: rates.len() as f64 * interval_s,
                rates,
                aht_s: None,
                agents: None,
                origin: "arrivals.calls".into(),
                origin_span: v.span(),
            })
        }
        "rate" => {
            let v = t.value("rate").expect("checked present");
            let per_s = parse_rate(v).ok_or_else(|| {
                src.error(
                    &v.span(),
                    "arrivals.rate",
                    "a rate such as \"600/h\", \"10/min\" or \"0.2/s\" (0 or more)",
                    &describe(v.get_ref()),
                )
            })?;
            let Some((horizon_s, hspan)) = horizon else {
                return Err(src.error(
                    &v.span(),
                    "simulation.horizon",
                    "a horizon such as `horizon = \"200h\"` in [simulation]: with a constant rate it says how long calls arrive",
                    "no horizon",
                ));
            };
            if horizon_s < MIN_INTERVAL_S {
                return Err(src.error(
                    &hspan,
                    "simulation.horizon",
                    "a horizon of at least 1 second, such as \"200h\"",
                    &fmt_num(horizon_s),
                ));
            }
            let n = ((horizon_s / interval_s).ceil() as usize).max(1);
            check_interval_count(src, &hspan, "simulation.horizon", n)?;
            check_call_count(src, &v.span(), "arrivals.rate", per_s * horizon_s)?;
            Ok(ArrivalPlan {
                rates: vec![per_s; n],
                horizon_s,
                aht_s: None,
                agents: None,
                origin: "simulation.horizon".into(),
                origin_span: hspan,
            })
        }
        _ => {
            let (file, span) = t.string("file")?.expect("checked present");
            let full = base_dir.join(&file);
            let f = forecast::read_forecast(&full.to_string_lossy(), src, &span)?;
            check_interval_count(src, &span, "arrivals.file", f.calls.len())?;
            check_call_count(src, &span, "arrivals.file", f.calls.iter().sum())?;
            Ok(ArrivalPlan {
                horizon_s: f.calls.len() as f64 * interval_s,
                rates: f.calls.iter().map(|c| c / interval_s).collect(),
                aht_s: f.aht_s,
                agents: f.agents,
                origin: format!("arrivals.file ({} rows)", f.calls.len()),
                origin_span: span,
            })
        }
    }
}

/// Refuses a day that can never end: the last interval has no agents and nobody hangs up,
/// so any call still waiting when arrivals stop would wait forever. Calls expected at all
/// make that possible in some replication, and whether a run failed would then depend on
/// the seed; refusing up front says so once, clearly.
fn check_drains(
    src: &Source<'_>,
    plan: &ArrivalPlan,
    agents_value: Option<&Spanned<DeValue<'_>>>,
    agents: &[u32],
    has_patience: bool,
    clock: &Clock,
) -> Result<()> {
    let last = agents.len() - 1;
    let calls: f64 = plan.rates.iter().sum();
    if has_patience || agents[last] > 0 || calls == 0.0 {
        return Ok(());
    }
    let label = clock.label(last);
    let (key, span) = match (&plan.agents, agents_value) {
        (None, Some(v)) => ("staffing.agents".to_string(), v.span()),
        _ => ("arrivals.file".to_string(), plan.origin_span.clone()),
    };
    Err(Error::input(format!(
        "{}: `{key}`: expected at least 1 agent in the last interval ({label}) because nobody \
         hangs up (no [patience] section), found 0: calls still waiting when arrivals end \
         would wait forever; staff the last interval or add a [patience] section",
        src.location(span.start)
    )))
}

fn check_call_count(src: &Source<'_>, span: &Range<usize>, key: &str, calls: f64) -> Result<()> {
    if calls.is_nan() || calls > MAX_CALLS {
        return Err(src.error(
            span,
            key,
            "at most 100000000 calls in the day (a larger number is almost surely a typo, and \
             would take hours to simulate)",
            &format!("{calls:.3e} calls"),
        ));
    }
    Ok(())
}

fn check_interval_count(src: &Source<'_>, span: &Range<usize>, key: &str, n: usize) -> Result<()> {
    if n > MAX_INTERVALS {
        return Err(src.error(
            span,
            key,
            &format!("at most {MAX_INTERVALS} intervals"),
            &n.to_string(),
        ));
    }
    Ok(())
}

/// "600/h", "10/min", "0.5/s" → calls per second.
fn parse_rate(v: &Spanned<DeValue<'_>>) -> Option<f64> {
    let DeValue::String(s) = v.get_ref() else {
        return None;
    };
    let (num, unit) = s.split_once('/')?;
    let n: f64 = num.trim().parse().ok()?;
    let per = match unit.trim() {
        "s" | "sec" | "second" => 1.0,
        "m" | "min" | "minute" => 60.0,
        "h" | "hr" | "hour" => 3600.0,
        "d" | "day" => 86400.0,
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n / per)
}

/// Agents per interval: from the forecast file if it has them, else from `staffing.agents`.
fn planned_agents(
    src: &Source<'_>,
    plan: &ArrivalPlan,
    agents_value: Option<&Spanned<DeValue<'_>>>,
    staffing: Option<&Table<'_, '_>>,
) -> Result<Vec<u32>> {
    let n = plan.rates.len();
    let agents: Vec<u32> = match (&plan.agents, agents_value) {
        (Some(from_file), _) => from_file.clone(),
        (None, Some(v)) => parse_agents(src, v, n, plan)?,
        (None, None) => {
            let err = match staffing {
                Some(st) => st.missing(
                    "agents",
                    "the agents on the phones: one number, or one per interval",
                ),
                None => Error::input(format!(
                    "{}: `staffing.agents`: expected a [staffing] section with `agents = ...` (one number, or one per interval), found nothing",
                    src.path
                )),
            };
            return Err(err);
        }
    };
    Ok(agents)
}

fn parse_agents(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    n: usize,
    plan: &ArrivalPlan,
) -> Result<Vec<u32>> {
    let one = |item: &Spanned<DeValue<'_>>, key: &str| -> Result<u32> {
        let a = count_value(src, item, key)?;
        if a > MAX_AGENTS {
            return Err(src.error(
                &item.span(),
                key,
                &format!("at most {MAX_AGENTS} agents"),
                &a.to_string(),
            ));
        }
        Ok(a as u32)
    };
    match v.get_ref() {
        DeValue::Array(items) => {
            if items.len() != n {
                let at = src.location(plan.origin_span.start);
                return Err(src.error(
                    &v.span(),
                    "staffing.agents",
                    &format!(
                        "{n} values, one per interval as in {} at {at}, or a single number",
                        plan.origin
                    ),
                    &format!("{} values", items.len()),
                ));
            }
            items
                .iter()
                .enumerate()
                .map(|(i, item)| one(item, &format!("staffing.agents[{i}]")))
                .collect()
        }
        _ => Ok(vec![one(v, "staffing.agents")?; n]),
    }
}

fn parse_simulation(t: Option<Table<'_, '_>>, horizon_s: f64) -> Result<Experiment> {
    let mut sim = Experiment {
        replications: DEFAULT_REPLICATIONS,
        seed: DEFAULT_SEED,
        warmup_s: 0.0,
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
    if let Some((s, _)) = t.count("seed")? {
        sim.seed = s;
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

/// A `[handle_time]` or `[patience]` table → a distribution.
fn parse_dist(mut t: Table<'_, '_>, base_dir: &Path) -> Result<Dist> {
    let src = t.src;
    let section = t.key_name("distribution");
    let section = section.trim_end_matches(".distribution").to_string();
    let Some((kind, kind_span)) = t.string("distribution")? else {
        return Err(t.missing(
            "distribution",
            "a distribution name such as \"exponential\" or \"lognormal\"",
        ));
    };
    let dur = |t: &mut Table<'_, '_>, key: &'static str, what: &str| -> Result<f64> {
        match t.duration(key)? {
            Some((x, _)) if x >= MIN_PARAM_S => Ok(x),
            Some((x, span)) if x > 0.0 => Err(src.error(
                &span,
                &t.key_name(key),
                &format!("{what} of at least 1 microsecond (\"0.001ms\")"),
                &fmt_num(x),
            )),
            Some((x, span)) => Err(src.error(
                &span,
                &t.key_name(key),
                &format!("{what} greater than zero"),
                &fmt_num(x),
            )),
            None => Err(t.missing(key, &format!("{what} (a {kind} distribution needs it)"))),
        }
    };
    let dist = match kind.as_str() {
        "exponential" => Dist::exponential(dur(&mut t, "mean", "the mean duration")?),
        "lognormal" | "gamma" => {
            let mean = dur(&mut t, "mean", "the mean duration")?;
            let sd = dur(&mut t, "sd", "the standard deviation as a duration")?;
            let cv = sd / mean;
            if !(MIN_CV..=MAX_CV).contains(&cv) {
                let (_, span) = t.duration("sd")?.expect("read above");
                return Err(src.error(
                    &span,
                    &t.key_name("sd"),
                    &format!(
                        "a standard deviation from 1/10000 of the mean to 100 times the mean \
                         ({} to {} seconds); for a constant duration use distribution = \"fixed\"",
                        short_num(mean * MIN_CV),
                        short_num(mean * MAX_CV)
                    ),
                    &fmt_num(sd),
                ));
            }
            if kind == "lognormal" {
                Dist::lognormal(mean, sd)
            } else {
                Dist::gamma(mean, sd)
            }
        }
        "erlang" => {
            let mean = dur(&mut t, "mean", "the mean duration")?;
            let k = match t.count("k")? {
                Some((k, span)) if !(1..=1000).contains(&k) => {
                    return Err(src.error(
                        &span,
                        &t.key_name("k"),
                        "a whole number of phases from 1 to 1000",
                        &k.to_string(),
                    ));
                }
                Some((k, _)) => k as u32,
                None => {
                    return Err(t.missing("k", "the number of phases (a whole number, 1 or more)"));
                }
            };
            Dist::erlang(mean, k)
        }
        "fixed" => Dist::Fixed {
            value: dur(&mut t, "value", "the duration")?,
        },
        "uniform" => {
            let (min, min_span) = t
                .duration("min")?
                .ok_or_else(|| t.missing("min", "the shortest duration"))?;
            let (max, max_span) = t
                .duration("max")?
                .ok_or_else(|| t.missing("max", "the longest duration"))?;
            if min < 0.0 {
                return Err(src.error(
                    &min_span,
                    &t.key_name("min"),
                    "a duration of 0 or more",
                    &fmt_num(min),
                ));
            }
            if max <= min {
                return Err(src.error(
                    &max_span,
                    &t.key_name("max"),
                    &format!("a duration above min ({})", fmt_num(min)),
                    &fmt_num(max),
                ));
            }
            Dist::Uniform { min, max }
        }
        "weibull" => {
            let shape = match t.number("shape")? {
                Some((s, _)) if (0.05..=100.0).contains(&s) => s,
                Some((s, span)) => {
                    return Err(src.error(
                        &span,
                        &t.key_name("shape"),
                        "a shape from 0.05 to 100",
                        &fmt_num(s),
                    ));
                }
                None => return Err(t.missing("shape", "the Weibull shape (a number such as 1.5)")),
            };
            Dist::weibull(shape, dur(&mut t, "scale", "the scale duration")?)
        }
        "empirical" => {
            let (file, span) = t
                .string("file")?
                .ok_or_else(|| t.missing("file", "a CSV file of observed durations"))?;
            let (column, _) = t.string("column")?.ok_or_else(|| {
                t.missing("column", "the name of the column holding the durations")
            })?;
            let full = base_dir.join(&file);
            let values = forecast::read_column(
                &full.to_string_lossy(),
                &column,
                src,
                &span,
                &t.key_name("file"),
            )?;
            Dist::Empirical {
                values: Arc::new(values),
                source: file,
            }
        }
        other => {
            return Err(src.error(
                &kind_span,
                &format!("{section}.distribution"),
                "one of exponential, lognormal, gamma, erlang, fixed, uniform, weibull, empirical",
                &format!("\"{other}\""),
            ));
        }
    };
    t.finish()?;
    Ok(dist)
}
