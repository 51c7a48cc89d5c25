//! Interval-by-interval Erlang C or Erlang A: each interval stationary, with its own
//! volume and mean handle time (and the mean patience for Erlang A).

use super::Method;
use crate::erlang::{self, Goal, ServiceLevelGoal};
use crate::error::{Error, Result};
use crate::scenario::Scenario;

/// Required agents per interval by Erlang C or Erlang A, and the service level each
/// interval then has by the same formula (None for an interval without calls).
pub fn analytic(sc: &Scenario, method: Method) -> Result<(Vec<u32>, Vec<Option<f64>>)> {
    let sl = &sc.model.service_level;
    let calls = sc.model.main_type();
    if sl.target >= 1.0 {
        return Err(Error::input(format!(
            "{}: `service_level.target`: the Erlang formulas need a target below 1 (100 %), found {}",
            sc.labels.path, sl.target
        )));
    }
    let patience = match (method, &calls.patience) {
        (Method::ErlangA, Some(p)) => Some(p.mean()),
        (Method::ErlangA, None) => {
            return Err(Error::input(format!(
                "{}: --method erlang-a: expected a [patience] section (Erlang A models callers hanging up), found none; use --method erlang-c",
                sc.labels.path
            )));
        }
        _ => None,
    };
    let goal = Goal {
        service_level: Some(ServiceLevelGoal {
            threshold_s: sl.threshold_s,
            target: sl.target,
            of: sl.of,
        }),
        ..Goal::default()
    };
    let mut required = vec![];
    let mut levels = vec![];
    for i in 0..sc.model.intervals() {
        let aht = calls.mean_handle_time(i);
        let load = calls.offered_load(i);
        if load <= 0.0 {
            required.push(0);
            levels.push(None);
            continue;
        }
        let fail = |e: erlang::ErlangError| {
            Error::input(format!(
                "{}: interval {} ({}): {e}",
                sc.labels.path,
                i,
                sc.model.clock.label(i)
            ))
        };
        let (n, level) = match patience {
            None => {
                let n = erlang::required_agents_c(load, aht, &goal).map_err(fail)?;
                (
                    n,
                    erlang::erlang_c(load, n, aht, sl.threshold_s)
                        .map_err(fail)?
                        .service_level,
                )
            }
            Some(p) => {
                let n = erlang::required_agents_a(load, aht, p, &goal).map_err(fail)?;
                let r = erlang::erlang_a(load, n, aht, p, sl.threshold_s).map_err(fail)?;
                (n, r.service_level(sl.of))
            }
        };
        required.push(n);
        levels.push(Some(level));
    }
    Ok((required, levels))
}
