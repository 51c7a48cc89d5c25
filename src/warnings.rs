//! Warnings about input that is valid but probably not what the user meant, or results
//! that need a caveat: the run goes on, and the commands print these on stderr.
//!
//! Each function returns finished sentences (without a "warning:" prefix), each starting
//! with the scenario file, so that the library decides what is suspicious and the
//! commands only decide where to print it.

use crate::duration::format_duration;
use crate::replicate::RunResult;
use crate::scenario::Scenario;

/// A mean handle time above this (seconds) is more likely a unit typo than a real call.
const LONG_HANDLE_TIME_S: f64 = 3600.0;
/// A mean handle time below this (seconds) is more likely minutes written as a bare number
/// (`mean = 4` for four minutes) than real calls.
const SHORT_HANDLE_TIME_S: f64 = 10.0;

/// Warnings about a scenario itself, before simulating it.
pub fn scenario_warnings(sc: &Scenario) -> Vec<String> {
    let mut out = Vec::new();
    let p = &sc.labels.path;
    let model = &sc.model;
    let n = model.intervals();
    let calls = |i: usize| model.expected_calls_in(i);
    let aht = |i: usize| model.main_type().mean_handle_time(i);

    let unstaffed: Vec<usize> = (0..n)
        .filter(|&i| sc.model.agents_in(i) == 0 && calls(i) > 0.0)
        .collect();
    if !unstaffed.is_empty() {
        let then = if model.has_patience() {
            "wait for the next staffed interval or hang up"
        } else {
            "wait for the next staffed interval"
        };
        out.push(format!(
            "{p}: {} with calls expected but no agents ({}): calls arriving then {then}",
            plural(unstaffed.len(), "interval", "intervals"),
            labels(sc, &unstaffed)
        ));
    }

    // With lines the queue is bounded: callers beyond them get a busy signal instead.
    if !model.has_patience() && model.lines.is_none() {
        let overloaded = overloaded(sc);
        if let Some(&first) = overloaded.first() {
            out.push(format!(
                "{p}: the load is at or above capacity in {} ({}; at {}: {:.1} erlangs for {} agents) \
                 and nobody hangs up (no [patience] section): the queue grows without bound while \
                 that lasts, and every waiting call is answered later, however long it waits",
                plural(overloaded.len(), "interval", "intervals"),
                labels(sc, &overloaded),
                sc.model.clock.label(first),
                model.offered_load(first),
                sc.model.agents_in(first)
            ));
        }
    }

    let with_calls = |i: &usize| calls(*i) > 0.0;
    let short: Vec<usize> = (0..n)
        .filter(with_calls)
        .filter(|&i| aht(i) < SHORT_HANDLE_TIME_S)
        .collect();
    if !short.is_empty() && short.len() == (0..n).filter(with_calls).count() {
        out.push(format!(
            "{p}: the mean handle time is {} (`handle_time`): calls rarely last under ten \
             seconds; check the unit (a bare number is seconds, \"4m\" is four minutes)",
            format_duration(aht(short[0]))
        ));
    }

    let long: Vec<usize> = (0..n).filter(|&i| aht(i) > LONG_HANDLE_TIME_S).collect();
    if let Some(&first) = long.first() {
        let what = if long.len() == n && model.main_type().aht_scale.iter().all(|&s| s == 1.0) {
            format!(
                "the mean handle time is {} (`handle_time`)",
                format_duration(aht(first))
            )
        } else {
            format!(
                "the mean handle time is over an hour in {} ({}; {} at {})",
                plural(long.len(), "interval", "intervals"),
                labels(sc, &long),
                format_duration(aht(first)),
                sc.model.clock.label(first)
            )
        };
        out.push(format!(
            "{p}: {what}: calls rarely last over an hour; check the unit (a bare number is \
             seconds, \"4m\" is four minutes)"
        ));
    }

    if let Some(lines) = model.lines {
        let above: Vec<usize> = (0..n).filter(|&i| model.agents_in(i) > lines).collect();
        if let Some(&first) = above.first() {
            out.push(format!(
                "{p}: `lines` ({lines}) is below the agents in {} ({}; {} agents at {}): at \
                 most {lines} calls can be in the centre, so agents beyond that stay idle while \
                 further callers get a busy signal; check `lines`",
                plural(above.len(), "interval", "intervals"),
                labels(sc, &above),
                model.agents_in(first),
                model.clock.label(first)
            ));
        }
    }

    // Redials that can never happen are a silent trap: say which half of the rule is idle.
    for ct in &model.call_types {
        let Some(r) = &ct.redial else { continue };
        if r.after_abandon > 0.0 && ct.patience.is_none() {
            out.push(format!(
                "{p}: `redials.after_abandon` has no effect: nobody hangs up without a \
                 [patience] section"
            ));
        }
        if r.after_busy > 0.0 && model.lines.is_none() {
            out.push(format!(
                "{p}: `redials.after_busy` has no effect: nobody gets a busy signal without \
                 `lines`"
            ));
        }
    }

    let t = sc.model.service_level.threshold_s;
    if t > sc.model.clock.interval_s {
        out.push(format!(
            "{p}: `service_level.threshold` ({}) is longer than an interval ({}): service-level \
             targets are usually seconds (\"20s\"); check the unit",
            format_duration(t),
            format_duration(sc.model.clock.interval_s)
        ));
    }
    out
}

/// Warnings about a finished run's results.
pub fn result_warnings(sc: &Scenario, result: &RunResult) -> Vec<String> {
    let mut out = Vec::new();
    let waiting = result.mean_waiting_at_close;
    if !sc.model.has_patience() && sc.model.lines.is_none() && !overloaded(sc).is_empty() {
        out.push(format!(
            "{}: with the load above capacity and nobody hanging up, on average {waiting:.1} \
             calls were still waiting when arrivals stopped; all of them were answered after \
             the last interval, and the waits of the last intervals include that backlog",
            sc.labels.path
        ));
    }
    out
}

/// Staffed intervals whose offered load (calls × mean handle time) reaches the agents.
fn overloaded(sc: &Scenario) -> Vec<usize> {
    (0..sc.model.intervals())
        .filter(|&i| {
            let agents = sc.model.agents_in(i);
            agents > 0 && sc.model.offered_load(i) >= agents as f64
        })
        .collect()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "08:00, 08:30, 09:00 and 4 more".
fn labels(sc: &Scenario, idx: &[usize]) -> String {
    const SHOWN: usize = 3;
    let mut s = idx
        .iter()
        .take(SHOWN)
        .map(|&i| sc.model.clock.label(i))
        .collect::<Vec<_>>()
        .join(", ");
    if idx.len() > SHOWN {
        s.push_str(&format!(" and {} more", idx.len() - SHOWN));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_scenario;

    fn scenario(extra: &str, calls: &str, agents: &str, aht: &str) -> Scenario {
        let text = format!(
            "name = \"w\"\ninterval = \"30m\"\nstart = \"08:00\"\n{extra}\n\
             [service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
             [arrivals]\ncalls = {calls}\n\
             [handle_time]\ndistribution = \"exponential\"\nmean = \"{aht}\"\n\
             [staffing]\nagents = {agents}\n"
        );
        parse_scenario("w.toml", &text).unwrap()
    }

    #[test]
    fn a_sound_scenario_has_no_warnings() {
        assert!(scenario_warnings(&scenario("", "[100, 120]", "[12, 14]", "3m")).is_empty());
    }

    #[test]
    fn each_suspicious_input_is_named() {
        let w = scenario_warnings(&scenario("", "[100, 120, 0]", "[0, 14, 1]", "3m"));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with("w.toml: 1 interval with calls expected but no agents (08:00)"));

        let w = scenario_warnings(&scenario("", "[100, 400]", "[11, 12]", "3m"));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains(
                "at or above capacity in 1 interval (08:30; at 08:30: 40.0 erlangs for 12 agents)"
            ),
            "{}",
            w[0]
        );

        let w = scenario_warnings(&scenario("", "[1, 1]", "[10, 12]", "2h"));
        assert!(
            w.iter().any(|m| m.contains("mean handle time is 2h")),
            "{w:?}"
        );

        let text = "name = \"w\"\n[service_level]\nthreshold = \"45m\"\ntarget = 0.8\n\
                    [arrivals]\ncalls = [1]\n[handle_time]\ndistribution = \"fixed\"\nvalue = 60\n\
                    [staffing]\nagents = 1\n";
        let w = scenario_warnings(&parse_scenario("w.toml", text).unwrap());
        assert_eq!(w.len(), 1);
        assert!(w[0].contains("`service_level.threshold` (45m) is longer than an interval (30m)"));

        let redials = "[redials]\nafter_abandon = 0.5\nafter_busy = 0.5\n\
                       delay = { distribution = \"fixed\", value = 60 }\n";
        let w = scenario_warnings(&scenario(redials, "[100, 120]", "[12, 14]", "3m"));
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("`redials.after_abandon` has no effect"));
        assert!(w[1].contains("`redials.after_busy` has no effect"));
    }
}
