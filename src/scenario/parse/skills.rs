//! The several-call-type form (SPEC "Several call types and agent groups"):
//! `[[call_types]]`, `[[agent_groups]]` with their skills, and `[routing]`. It replaces
//! `[arrivals]`, `[handle_time]`, `[patience]` and `[staffing]`; mixing the forms is an
//! error. Every mistake names the file, line, key, what was expected and what was found.

use std::ops::Range;
use std::path::PathBuf;

use toml::Spanned;
use toml::de::DeValue;

use super::arrivals::{ArrivalPlan, parse_arrivals};
use super::dist::parse_dist;
use super::staffing::parse_agents;
use super::{DEFAULT_INTERVAL_S, MIN_INTERVAL_S, fmt_num, parse_simulation, service_level_table};
use crate::error::{Error, Result};
use crate::model::{
    AgentChoice, AgentGroup, CallType, Clock, Model, Policy, Routing, ServiceLevel, Skill, Staffing,
};
use crate::scenario::toml_reader::{
    Source, Table, count_value, describe, duration_value, number_value,
};
use crate::scenario::{Labels, Scenario};
use crate::suggest::closest;

/// The keys that make a file use the several-call-type form.
const MULTI_KEYS: [&str; 3] = ["call_types", "agent_groups", "routing"];
/// The one-queue sections that form replaces.
const ONE_QUEUE_KEYS: [&str; 4] = ["arrivals", "handle_time", "patience", "staffing"];

/// What the top of the file says for either form, read before the form is known.
pub(super) struct Shared {
    pub name: String,
    /// `interval`, if the file gives one (already checked).
    pub interval_s: Option<f64>,
    pub start_s: f64,
    pub lines: Option<u32>,
    pub base_dir: PathBuf,
}

/// Whether the file uses `[[call_types]]`, `[[agent_groups]]` or `[routing]`.
pub(super) fn is_multi_form(top: &mut Table<'_, '_>) -> bool {
    MULTI_KEYS.iter().any(|k| top.has(k))
}

/// A call type as read, with where it was named (for later cross-checks).
struct TypeRead {
    call_type: CallType,
    name_span: Range<usize>,
    plan: ArrivalPlan,
}

/// Parses the rest of a several-call-type file (after name, interval, start, lines).
pub(super) fn parse(mut top: Table<'_, '_>, shared: Shared) -> Result<Scenario> {
    let src = top.src;
    refuse_mixed_forms(&mut top)?;
    let (centre_sl, estimator) = match top.table("service_level")? {
        Some(t) => {
            let (sl, e) = super::centre_service_level(t)?;
            (Some(sl), e)
        }
        None => (None, Default::default()),
    };
    let mut simulation = top.table("simulation")?;
    let horizon = match simulation.as_mut() {
        Some(sim) => sim.duration("horizon")?,
        None => None,
    };
    let mut type_tables = table_array(&mut top, "call_types", "[[call_types]]")?;
    let mut group_tables = table_array(&mut top, "agent_groups", "[[agent_groups]]")?;
    // As in the one-queue form: a constant rate without an interval is one steady-state
    // interval covering the horizon.
    let interval_s = match (shared.interval_s, &horizon) {
        (Some(i), _) => i,
        (None, Some((h, _)))
            if *h >= MIN_INTERVAL_S && type_tables.iter_mut().any(|t| t.has("rate")) =>
        {
            *h
        }
        _ => DEFAULT_INTERVAL_S,
    };
    // `[redials]` applies to every call type without its own `redial`.
    let centre_redial = top
        .table("redials")?
        .map(|t| super::uncertainty::parse_redials(t, &shared.base_dir))
        .transpose()?;
    let mut types: Vec<TypeRead> = Vec::with_capacity(type_tables.len());
    for t in type_tables {
        let mut read = parse_type(t, interval_s, horizon.clone(), &shared, centre_sl.as_ref())?;
        if read.call_type.redial.is_none() {
            read.call_type.redial = centre_redial.clone();
        }
        check_same_day(src, &types, &read)?;
        let key = format!("call_types[{}].name", types.len());
        let earlier = types.iter().map(|r| &r.call_type.name);
        check_unique_name(
            src,
            &key,
            "call type",
            earlier,
            &read.call_type.name,
            &read.name_span,
        )?;
        types.push(read);
    }
    let plan = &types[0].plan;
    let clock = Clock {
        interval_s,
        start_s: shared.start_s,
        horizon_s: plan.horizon_s,
        intervals: plan.rates.len(),
    };
    let names: Vec<&str> = types.iter().map(|r| r.call_type.name.as_str()).collect();
    let mut groups: Vec<(AgentGroup, Range<usize>)> = Vec::with_capacity(group_tables.len());
    for t in group_tables.drain(..) {
        let (group, span) = parse_group(t, &clock, plan, &names, &shared.base_dir)?;
        let key = format!("agent_groups[{}].name", groups.len());
        let earlier = groups.iter().map(|(g, _)| &g.name);
        check_unique_name(src, &key, "agent group", earlier, &group.name, &span)?;
        groups.push((group, span));
    }
    let routing = match top.table("routing")? {
        Some(t) => parse_routing(t)?,
        None => Routing::default(),
    };
    let groups: Vec<AgentGroup> = groups.into_iter().map(|(g, _)| g).collect();
    check_every_type_served(src, &types, &groups)?;
    check_drains(src, &types, &groups, &clock)?;
    let mut experiment = parse_simulation(simulation, clock.horizon_s)?;
    experiment.estimator = estimator;
    top.finish()?;
    let call_types: Vec<CallType> = types.into_iter().map(|r| r.call_type).collect();
    let model = Model {
        service_level: centre_sl.unwrap_or_else(|| call_types[0].service_level.clone()),
        clock,
        call_types,
        agent_groups: groups,
        lines: shared.lines,
        goals: Default::default(),
        cost_per_hour: None,
        routing,
    };
    Ok(Scenario {
        labels: Labels {
            name: shared.name,
            path: src.path.to_string(),
            report: Default::default(),
        },
        model,
        experiment,
    })
}

/// `[arrivals]` and the other one-queue sections cannot stand beside `[[call_types]]`.
fn refuse_mixed_forms(top: &mut Table<'_, '_>) -> Result<()> {
    let multi: Vec<String> = MULTI_KEYS
        .iter()
        .filter(|k| top.has(k))
        .map(|k| match *k {
            "routing" => "[routing]".to_string(),
            k => format!("[[{k}]]"),
        })
        .collect();
    for key in ONE_QUEUE_KEYS {
        if let Some(v) = top.value(key) {
            return Err(top.src.error(
                &v.span(),
                key,
                &format!(
                    "no [{key}] section: in the several-call-type form each [[call_types]] \
                     gives its own calls, handle_time and patience, and each [[agent_groups]] \
                     its agents (the two forms cannot be mixed)"
                ),
                &format!("[{key}] together with {}", multi.join(" and ")),
            ));
        }
    }
    Ok(())
}

/// A required array of tables (`[[key]]`), at least one.
fn table_array<'s, 'a>(
    top: &mut Table<'s, 'a>,
    key: &'static str,
    header: &str,
) -> Result<Vec<Table<'s, 'a>>> {
    let src = top.src;
    let Some(v) = top.value(key) else {
        return Err(top.missing(
            key,
            &format!("at least one {header} section (the several-call-type form needs both [[call_types]] and [[agent_groups]])"),
        ));
    };
    let expected = format!("one or more {header} sections (an array of tables)");
    let DeValue::Array(items) = v.get_ref() else {
        return Err(src.error(&v.span(), key, &expected, &describe(v.get_ref())));
    };
    if items.is_empty() {
        return Err(src.error(&v.span(), key, &expected, "an empty array"));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| match item.get_ref() {
            DeValue::Table(t) => Ok(Table::new(src, &format!("{key}[{i}]"), t, item.span())),
            other => Err(src.error(
                &item.span(),
                &format!("{key}[{i}]"),
                "a table",
                &describe(other),
            )),
        })
        .collect()
}

/// A required, non-empty name without control characters.
fn parse_item_name(t: &mut Table<'_, '_>, what: &str) -> Result<(String, Range<usize>)> {
    let key = t.key_name("name");
    match t.string("name")? {
        Some((n, span)) if n.trim().is_empty() || n.chars().any(char::is_control) => {
            Err(t.src.error(
                &span,
                &key,
                &format!("a non-empty name for the {what}, without control characters"),
                &format!("{n:?}"),
            ))
        }
        Some(found) => Ok(found),
        None => Err(t.missing(
            "name",
            &format!("a name for the {what} such as `name = \"sales\"`"),
        )),
    }
}

fn check_unique_name<'n>(
    src: &Source<'_>,
    key: &str,
    what: &str,
    earlier: impl Iterator<Item = &'n String>,
    name: &str,
    span: &Range<usize>,
) -> Result<()> {
    if earlier.into_iter().any(|n| n == name) {
        return Err(src.error(
            span,
            key,
            &format!("a name used by no other {what}"),
            &format!("\"{name}\", the name of an earlier {what}"),
        ));
    }
    Ok(())
}

fn parse_type(
    mut t: Table<'_, '_>,
    interval_s: f64,
    horizon: Option<(f64, Range<usize>)>,
    shared: &Shared,
    centre_sl: Option<&ServiceLevel>,
) -> Result<TypeRead> {
    let src = t.src;
    let (name, name_span) = parse_item_name(&mut t, "call type")?;
    let plan = parse_arrivals(&mut t, interval_s, horizon, &shared.base_dir)?;
    if plan.agents.is_some() {
        return Err(src.error(
            &plan.origin_span,
            &t.key_name("file"),
            "a forecast without an `agents` column: agents belong to [[agent_groups]]",
            "an `agents` column",
        ));
    }
    let handle_time = match t.table("handle_time")? {
        Some(d) => parse_dist(d, &shared.base_dir)?,
        None => {
            return Err(t.missing(
                "handle_time",
                "the handle-time distribution, such as `handle_time = { distribution = \"exponential\", mean = \"4m\" }`",
            ));
        }
    };
    let patience = t
        .table("patience")?
        .map(|d| parse_dist(d, &shared.base_dir))
        .transpose()?;
    let balk = match t.number("balk")? {
        Some((b, span)) if !(0.0..=1.0).contains(&b) => {
            return Err(src.error(
                &span,
                &t.key_name("balk"),
                "a share from 0 to 1, such as 0.1",
                &fmt_num(b),
            ));
        }
        b => b.map_or(0.0, |(b, _)| b),
    };
    let service_level = match t.table("service_level")? {
        Some(sl) => service_level_table(sl)?,
        None => match centre_sl {
            Some(sl) => sl.clone(),
            None => {
                return Err(t.missing(
                    "service_level",
                    "`service_level = { threshold = \"20s\", target = 0.80 }` here or a top-level [service_level] section",
                ));
            }
        },
    };
    let weight = match t.number("weight")? {
        Some((w, span)) if w < 0.0 => {
            return Err(src.error(
                &span,
                &t.key_name("weight"),
                "a weight of 0 or more, such as 1.0",
                &fmt_num(w),
            ));
        }
        w => w.map_or(1.0, |(w, _)| w),
    };
    let bonus_s = t.duration("bonus")?.map_or(0.0, |(b, _)| b);
    let busyness = super::uncertainty::parse_busyness(&mut t)?;
    let redial = t
        .table("redial")?
        .map(|r| super::uncertainty::parse_redials(r, &shared.base_dir))
        .transpose()?;
    t.finish()?;
    let aht_mean = handle_time.mean();
    let call_type = CallType {
        name,
        aht_scale: match &plan.aht_s {
            Some(aht) => aht.iter().map(|a| a / aht_mean).collect(),
            None => vec![1.0; plan.rates.len()],
        },
        rates: plan.rates.clone(),
        handle_time,
        patience,
        service_level,
        busyness,
        redial,
        balk,
        weight,
        bonus_s,
    };
    Ok(TypeRead {
        call_type,
        name_span,
        plan,
    })
}

/// Every call type covers the same intervals as the first.
fn check_same_day(src: &Source<'_>, earlier: &[TypeRead], read: &TypeRead) -> Result<()> {
    let Some(first) = earlier.first() else {
        return Ok(());
    };
    let (n, m) = (first.plan.rates.len(), read.plan.rates.len());
    if n != m || first.plan.horizon_s != read.plan.horizon_s {
        return Err(src.error(
            &read.plan.origin_span,
            &read.plan.origin,
            &format!(
                "{n} intervals, as in {} at {} (every call type covers the same day)",
                first.plan.origin,
                src.location(first.plan.origin_span.start)
            ),
            &format!("{m} intervals"),
        ));
    }
    Ok(())
}

/// The entries of an inline table such as `skills = { sales = 1 }`: key, its span, value.
fn entries<'s, 'a>(t: &Table<'s, 'a>) -> Vec<(String, Range<usize>, &'s Spanned<DeValue<'a>>)> {
    t.raw()
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), k.span(), v))
        .collect()
}

/// The call type a key of `skills`, `delay` or `handle_time_factor` names.
fn type_index(
    src: &Source<'_>,
    names: &[&str],
    key: &str,
    name: &str,
    span: &Range<usize>,
) -> Result<usize> {
    names.iter().position(|n| *n == name).ok_or_else(|| {
        let expected = match closest(name, names.iter().copied()) {
            Some(near) => format!("the name of a call type (did you mean `{near}`?)"),
            None => format!("the name of a call type ({})", names.join(", ")),
        };
        src.error(
            span,
            key,
            &expected,
            &format!("`{name}`, which no [[call_types]] declares"),
        )
    })
}

fn parse_group(
    mut t: Table<'_, '_>,
    clock: &Clock,
    plan: &ArrivalPlan,
    names: &[&str],
    base_dir: &std::path::Path,
) -> Result<(AgentGroup, Range<usize>)> {
    let src = t.src;
    let (name, name_span) = parse_item_name(&mut t, "agent group")?;
    let agents_key = t.key_name("agents");
    let roster_keys = super::shifts::RosterKeys::of(&mut t);
    let agents_given = t.value("agents").map(|v| (v.span(), agents_key.as_str()));
    let roster = super::shifts::parse_roster(src, &roster_keys, agents_given, clock, base_dir)?;
    let agents = match t.value("agents") {
        _ if roster.is_some() => vec![],
        Some(v) => parse_agents(src, v, clock.len(), plan, &agents_key)?,
        None => {
            return Err(t.missing(
                "agents",
                "the agents on the phones: one number, or one per interval",
            ));
        }
    };
    let shrinkage = match t.number("shrinkage")? {
        Some((s, span)) if !(0.0..1.0).contains(&s) => {
            return Err(src.error(
                &span,
                &t.key_name("shrinkage"),
                "a fraction from 0 up to (not including) 1, such as 0.30",
                &s.to_string(),
            ));
        }
        s => s.map(|(s, _)| s),
    };
    let Some(skills_table) = t.table("skills")? else {
        return Err(t.missing(
            "skills",
            "the call types this group serves with their rank, such as `skills = { sales = 1, support = 2 }`",
        ));
    };
    let mut skills: Vec<Skill> = vec![];
    for (type_name, span, v) in entries(&skills_table) {
        let key = skills_table.key_name(&type_name);
        let call_type = type_index(src, names, &key, &type_name, &span)?;
        let rank = count_value(src, v, &key)?;
        if !(1..=1_000_000).contains(&rank) {
            return Err(src.error(
                &v.span(),
                &key,
                "a rank from 1 (first choice) to 1000000",
                &describe(v.get_ref()),
            ));
        }
        skills.push(Skill::plain(call_type, rank as u32));
    }
    if skills.is_empty() {
        return Err(src.error(
            skills_table.span(),
            &skills_table.key_name(""),
            "at least one call type with its rank, such as `{ sales = 1 }`",
            "an empty table",
        ));
    }
    skills.sort_by_key(|s| s.call_type);
    for (key, what) in [("delay", Tune::Delay), ("handle_time_factor", Tune::Factor)] {
        if let Some(table) = t.table(key)? {
            tune_skills(&table, names, &mut skills, what)?;
        }
    }
    let absence = super::uncertainty::parse_absence(&mut t)?;
    if absence > 0.0 && roster.is_some() {
        let (span, key) = roster_keys.origin();
        return Err(src.error(
            &span,
            &key,
            "agents per interval with `absence` (absence with shifts is not simulated yet)",
            "shifts and `absence`",
        ));
    }
    let cost_per_hour = match t.number("cost_per_hour")? {
        Some((c, span)) if !(c >= 0.0 && c.is_finite()) => {
            return Err(src.error(
                &span,
                &t.key_name("cost_per_hour"),
                "the cost of one agent-hour of this group, 0 or more, such as 25",
                &fmt_num(c),
            ));
        }
        c => c.map(|(c, _)| c),
    };
    t.finish()?;
    let staffing = match &roster {
        Some(r) => r.nominal_staffing(),
        None => Staffing::per_interval(clock, &agents),
    };
    let group = AgentGroup {
        name,
        staffing,
        skills,
        shrinkage,
        absence,
        roster,
        cost_per_hour,
    };
    Ok((group, name_span))
}

#[derive(Clone, Copy)]
enum Tune {
    Delay,
    Factor,
}

/// `delay = { sales = "30s" }` or `handle_time_factor = { sales = 1.25 }`: only for call
/// types the group has in its skills.
fn tune_skills(
    table: &Table<'_, '_>,
    names: &[&str],
    skills: &mut [Skill],
    what: Tune,
) -> Result<()> {
    let src = table.src;
    for (type_name, span, v) in entries(table) {
        let key = table.key_name(&type_name);
        let k = type_index(src, names, &key, &type_name, &span)?;
        let Some(skill) = skills.iter_mut().find(|s| s.call_type == k) else {
            let served: Vec<&str> = skills.iter().map(|s| names[s.call_type]).collect();
            return Err(src.error(
                &span,
                &key,
                &format!(
                    "only call types in this group's `skills` ({})",
                    served.join(", ")
                ),
                &format!("`{type_name}`, which the group does not serve"),
            ));
        };
        match what {
            Tune::Delay => {
                let d = duration_value(src, v, &key)?;
                if d < 0.0 {
                    return Err(src.error(
                        &v.span(),
                        &key,
                        "a delay of 0 or more, such as \"30s\"",
                        &fmt_num(d),
                    ));
                }
                skill.delay_s = d;
            }
            Tune::Factor => {
                let f = number_value(src, v, &key, "a factor above 0, such as 1.25")?;
                if !(f > 0.0 && f <= 1000.0) {
                    return Err(src.error(
                        &v.span(),
                        &key,
                        "a factor above 0 and at most 1000, such as 1.25",
                        &fmt_num(f),
                    ));
                }
                skill.factor = f;
            }
        }
    }
    Ok(())
}

fn parse_routing(mut t: Table<'_, '_>) -> Result<Routing> {
    let src = t.src;
    let mut routing = Routing::default();
    if let Some((s, span)) = t.string("policy")? {
        routing.policy = one_of(src, &span, &t.key_name("policy"), &s, &Policy::ALL)?;
    }
    if let Some((s, span)) = t.string("agent_choice")? {
        routing.agent_choice = one_of(
            src,
            &span,
            &t.key_name("agent_choice"),
            &s,
            &AgentChoice::ALL,
        )?;
    }
    t.finish()?;
    Ok(routing)
}

fn one_of<T: Copy>(
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
    found: &str,
    choices: &[(&'static str, T)],
) -> Result<T> {
    choices
        .iter()
        .find(|(k, _)| *k == found)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let keys: Vec<String> = choices.iter().map(|(k, _)| format!("\"{k}\"")).collect();
            src.error(
                span,
                key,
                &format!("one of {}", keys.join(", ")),
                &format!("\"{found}\""),
            )
        })
}

/// A call type that no group has in its skills would never be answered.
fn check_every_type_served(
    src: &Source<'_>,
    types: &[TypeRead],
    groups: &[AgentGroup],
) -> Result<()> {
    for (k, t) in types.iter().enumerate() {
        if !groups
            .iter()
            .any(|g| g.skills.iter().any(|s| s.call_type == k))
        {
            let name = &t.call_type.name;
            return Err(src.error(
                &t.name_span,
                "agent_groups.skills",
                &format!("at least one agent group with `{name}` in its `skills`"),
                &format!("no group serving the call type \"{name}\""),
            ));
        }
    }
    Ok(())
}

/// Refuses a day that can never end: a call type whose callers never hang up, with calls
/// expected, and no agent serving it in the last interval.
fn check_drains(
    src: &Source<'_>,
    types: &[TypeRead],
    groups: &[AgentGroup],
    clock: &Clock,
) -> Result<()> {
    let last = clock.len() - 1;
    for (k, t) in types.iter().enumerate() {
        let ct = &t.call_type;
        if ct.patience.is_some() || ct.rates.iter().all(|&r| r == 0.0) {
            continue;
        }
        let serving: Vec<&AgentGroup> = groups
            .iter()
            .filter(|g| g.skills.iter().any(|s| s.call_type == k))
            .collect();
        let at_close = |g: &AgentGroup| match &g.roster {
            Some(r) => r.reaches_close(clock.horizon_s),
            None => g.staffing.agents_in(clock, last) > 0,
        };
        if !serving.iter().any(|g| at_close(g)) {
            let names: Vec<&str> = serving.iter().map(|g| g.name.as_str()).collect();
            return Err(Error::input(format!(
                "{}: `agent_groups.agents`: expected at least 1 agent in the last interval ({}) \
                 among the groups serving \"{}\" ({}) because its callers never hang up (no \
                 `patience`), found 0: calls still waiting when arrivals end would wait \
                 forever; staff the last interval or give the call type a patience",
                src.location(t.name_span.start),
                clock.label(last),
                ct.name,
                names.join(", ")
            )));
        }
    }
    Ok(())
}
