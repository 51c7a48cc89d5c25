//! `[staffing]`: agents per interval, and the check that the day can end.

use toml::Spanned;
use toml::de::DeValue;

use super::arrivals::ArrivalPlan;
use crate::scenario::toml_reader::{Source, Table, count_value};

use super::MAX_AGENTS;
use crate::error::{Error, Result};
use crate::model::Clock;

/// Agents per interval: from the forecast file if it has them, else from `staffing.agents`.
pub(super) fn planned_agents(
    src: &Source<'_>,
    plan: &ArrivalPlan,
    agents_value: Option<&Spanned<DeValue<'_>>>,
    staffing: Option<&Table<'_, '_>>,
) -> Result<Vec<u32>> {
    let n = plan.rates.len();
    let agents: Vec<u32> = match (&plan.agents, agents_value) {
        (Some(from_file), _) => from_file.clone(),
        (None, Some(v)) => parse_agents(src, v, n, plan, "staffing.agents")?,
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

pub(super) fn parse_agents(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    n: usize,
    plan: &ArrivalPlan,
    key: &str,
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
                    key,
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
                .map(|(i, item)| one(item, &format!("{key}[{i}]")))
                .collect()
        }
        _ => Ok(vec![one(v, key)?; n]),
    }
}

/// Refuses a day that can never end: the last interval has no agents and nobody hangs up,
/// so any call still waiting when arrivals stop would wait forever. Calls expected at all
/// make that possible in some replication, and whether a run failed would then depend on
/// the seed; refusing up front says so once, clearly.
pub(super) fn check_drains(
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
