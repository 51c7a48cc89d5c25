//! Interval-by-interval Erlang C or Erlang A: each interval stationary, with its own
//! volume and mean handle time (and the mean patience for Erlang A). With `lines`, the
//! Erlang C method is M/M/c/K (callers beyond the lines get a busy signal), since plain
//! Erlang C would recommend more agents than there are lines; Erlang A has no form with
//! lines, so it is refused there.

use super::Method;
use crate::erlang::{self, Goal, ServiceLevelGoal};
use crate::error::{Error, Result};
use crate::model::SlDefinition;
use crate::scenario::Scenario;

/// Required agents per interval by Erlang C (M/M/c/K with lines) or Erlang A, and the
/// service level each interval then has by the same formula (None for an interval
/// without calls).
pub fn analytic(sc: &Scenario, method: Method) -> Result<(Vec<u32>, Vec<Option<f64>>)> {
    let patience = check_fits(sc, method)?;
    let sl = &sc.model.service_level;
    let goal = Goal {
        service_level: Some(ServiceLevelGoal {
            threshold_s: sl.threshold_s,
            target: sl.target,
            of: sl.of,
        }),
        // The formulas also take the ASA and occupancy goals; abandonment and confidence
        // goals have no formula here and are judged on the simulated figures only.
        max_asa_s: sc.model.goals.max_asa_s,
        max_occupancy: sc.model.goals.max_occupancy,
        ..Goal::default()
    };
    let mut required = vec![];
    let mut levels = vec![];
    for i in 0..sc.model.intervals() {
        let (n, level) = match solve_interval(sc, i, patience, &goal)? {
            Some((n, level)) => (n, Some(level)),
            None => (0, None),
        };
        required.push(n);
        levels.push(level);
    }
    Ok((required, levels))
}

/// Refuses what the formulas cannot answer; returns the mean patience for Erlang A.
fn check_fits(sc: &Scenario, method: Method) -> Result<Option<f64>> {
    let path = &sc.labels.path;
    let target = sc.model.service_level.target;
    if target >= 1.0 {
        return Err(Error::input(format!(
            "{path}: `service_level.target`: the Erlang formulas need a target below 1 (100 %), found {target}"
        )));
    }
    if method != Method::ErlangA {
        return Ok(None);
    }
    let Some(patience) = &sc.model.main_type().patience else {
        return Err(Error::input(format!(
            "{path}: --method erlang-a: expected a [patience] section (Erlang A models callers hanging up), found none; use --method erlang-c"
        )));
    };
    if let Some(lines) = sc.model.lines {
        return Err(Error::input(format!(
            "{path}: --method erlang-a: the scenario has `lines = {lines}`, and Erlang A has no \
             busy signals; use --method erlang-c (M/M/c/K with {lines} lines) or --method sim"
        )));
    }
    Ok(Some(patience.mean()))
}

/// The fewest agents meeting `goal` in interval `i` on its own, and its service level;
/// None for an interval without calls.
fn solve_interval(
    sc: &Scenario,
    i: usize,
    patience: Option<f64>,
    goal: &Goal,
) -> Result<Option<(u32, f64)>> {
    let calls = sc.model.main_type();
    let (aht, load) = (calls.mean_handle_time(i), calls.offered_load(i));
    if load <= 0.0 {
        return Ok(None);
    }
    let sl = &sc.model.service_level;
    let at = || {
        format!(
            "{}: interval {} ({})",
            sc.labels.path,
            i,
            sc.model.clock.label(i)
        )
    };
    let fail = |e: erlang::ErlangError| Error::input(format!("{}: {e}", at()));
    let solved = match (patience, sc.model.lines) {
        (None, Some(lines)) => {
            let n = erlang::required_agents_mmck(load, aht, lines, goal).map_err(|e| match e {
                erlang::ErlangError::Unreachable { .. } => Error::input(format!(
                    "{}: no staffing within the scenario's {lines} lines meets the \
                     service-level target (even one agent per line falls short); raise \
                     `lines` or use --method sim",
                    at()
                )),
                e => fail(e),
            })?;
            let m = erlang::mmck(load, n, lines, aht, sl.threshold_s).map_err(fail)?;
            let level = match sl.of {
                SlDefinition::Answered => m.sl_admitted,
                SlDefinition::Offered | SlDefinition::ExclShortAbandons => m.sl_offered,
            };
            (n, level)
        }
        (None, None) => {
            let n = erlang::required_agents_c(load, aht, goal).map_err(fail)?;
            let c = erlang::erlang_c(load, n, aht, sl.threshold_s).map_err(fail)?;
            (n, c.service_level)
        }
        (Some(p), _) => {
            let n = erlang::required_agents_a(load, aht, p, goal).map_err(fail)?;
            let r = erlang::erlang_a(load, n, aht, p, sl.threshold_s).map_err(fail)?;
            (n, r.service_level(sl.of))
        }
    };
    Ok(Some(solved))
}
