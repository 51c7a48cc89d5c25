//! What `fit` hands back: the scenario TOML (every fitted value with a comment saying how
//! many calls it rests on), the observed handle times for an empirical law, and the
//! goodness-of-fit summary for the terminal (80 columns).

use super::fit::{AgentsSource, Family, Fit};
use super::read::{CallLog, WEEKDAYS};
use crate::duration::format_duration;
use crate::model::clock_label;

/// Service-level goal written into the fitted scenario.
#[derive(Debug, Clone, Copy)]
pub struct Goal {
    pub threshold_s: f64,
    pub target: f64,
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
fn num(x: f64, decimals: usize) -> String {
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// "12,345".
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn days_phrase(log: &CallLog, fit: &Fit) -> String {
    let d = fit.days.len();
    let first = &log.days[fit.days[0]].label;
    let last = &log.days[*fit.days.last().expect("a fit has days")].label;
    match d {
        1 => format!("1 day ({first})"),
        _ => format!("{d} days ({first} to {last})"),
    }
}

/// Wraps a list of numbers as a TOML array, ten to a line.
fn toml_array(values: &[String]) -> String {
    if values.len() <= 10 {
        return format!("[{}]", values.join(", "));
    }
    let lines: Vec<String> = values
        .chunks(10)
        .map(|c| format!("  {},", c.join(", ")))
        .collect();
    format!("[\n{}\n]", lines.join("\n"))
}

/// The fitted scenario. `handle_file` names the CSV of observed handle times (beside the
/// scenario) when the empirical law was chosen.
pub fn scenario_toml(
    log: &CallLog,
    fit: &Fit,
    name: &str,
    goal: Goal,
    handle_file: Option<&str>,
) -> String {
    let offered: u64 = fit.counts.iter().sum();
    let mut t = String::new();
    t.push_str(&format!(
        "# Fitted by `ccsim fit` from {}:\n# {}, {} calls reached the queue\n",
        log.path,
        days_phrase(log, fit),
        thousands(offered)
    ));
    if fit.ivr > 0 {
        t.push_str(&format!(
            "# ({} more were handled in the voice menu and are not modelled).\n",
            thousands(fit.ivr)
        ));
    }
    t.push_str(&format!("name = {}\n", toml_string(name)));
    t.push_str(&format!(
        "interval = \"{}\"\n",
        format_duration(fit.interval_s)
    ));
    t.push_str(&format!(
        "start = \"{}\"\n",
        clock_label(fit.start_s, fit.start_s % 60.0 != 0.0)
    ));
    if fit.busy > 0 {
        t.push_str(&format!(
            "# {} calls got a busy signal: the log does not say how many lines there are;\n\
             # set `lines = N` to model them.\n",
            thousands(fit.busy as u64)
        ));
    }
    t.push_str(&format!(
        "\n[service_level]\nthreshold = \"{}\"\ntarget = {}\n",
        format_duration(goal.threshold_s),
        num(goal.target, 4)
    ));
    t.push_str(&format!(
        "\n[arrivals]\n# offered calls per interval (answered, abandoned, busy), the mean over {}\n\
         # of {} calls\ncalls = {}\n",
        plural(fit.days.len(), "day"),
        thousands(offered),
        toml_array(&fit.calls.iter().map(|c| num(*c, 2)).collect::<Vec<_>>())
    ));
    match fit.busyness {
        Some(b) if b.cv > 0.0 => t.push_str(&format!(
            "# day-to-day variability beyond Poisson, from {} daily totals (mean {}, sd {})\n\
             busyness = {{ cv = {} }}\n",
            b.days,
            num(b.mean_day, 1),
            num(b.sd_day, 1),
            num(b.cv, 4)
        )),
        Some(b) => t.push_str(&format!(
            "# the {} daily totals (mean {}, sd {}) vary no more than Poisson: no busyness\n",
            b.days,
            num(b.mean_day, 1),
            num(b.sd_day, 1)
        )),
        None => t.push_str("# one day only: day-to-day variability unknown\n"),
    }
    if let Some(h) = &fit.handle {
        t.push_str("\n[handle_time]\n");
        t.push_str(&format!(
            "# talk + wrap-up of {} answered calls; KS distance lognormal {}, gamma {}\n\
             # (1 % critical value {}); {}\n",
            thousands(h.n as u64),
            num(h.lognormal.ks, 4),
            num(h.gamma.ks, 4),
            num(h.ks_critical, 4),
            match h.choice {
                Family::Empirical => "both rejected: the observed durations".to_string(),
                f => format!("{} is closer and not rejected", f.key()),
            }
        ));
        match (h.choice, handle_file) {
            (Family::LogNormal, _) => t.push_str(&format!(
                "distribution = \"lognormal\"\nmean = {}\nsd = {}\n",
                num(h.lognormal.mean, 2),
                num(h.lognormal.sd, 2)
            )),
            (Family::Gamma, _) => t.push_str(&format!(
                "distribution = \"gamma\"\nmean = {}\nsd = {}\n",
                num(h.gamma.mean, 2),
                num(h.gamma.sd, 2)
            )),
            (Family::Empirical, file) => t.push_str(&format!(
                "distribution = \"empirical\"\nfile = {}\ncolumn = \"handle_s\"\n",
                toml_string(file.unwrap_or("handle-times.csv"))
            )),
        }
    } else {
        t.push_str(
            "\n[handle_time]\n# the log has no talk times: set the handle time yourself\n\
             distribution = \"exponential\"\nmean = \"4m\"\n",
        );
    }
    match &fit.patience {
        Some(p) => t.push_str(&format!(
            "\n[patience]\n# exponential by maximum likelihood with censoring: {} hang-ups, {} \
             answered\n# callers' waits as censored observations (± {} s standard error)\n\
             distribution = \"exponential\"\nmean = {}\n",
            thousands(p.abandoned as u64),
            thousands(p.censored as u64),
            num(p.se, 1),
            num(p.mean, 2)
        )),
        None => t.push_str("\n# nobody hung up in the log: no [patience]\n"),
    }
    let mut agents = fit.agents.clone();
    // A scenario whose last interval has no agents while nobody hangs up is refused
    // (calls waiting at close would wait forever).
    if fit.patience.is_none()
        && let Some(last) = agents.last_mut()
    {
        *last = (*last).max(1);
    }
    t.push_str(&format!(
        "\n[staffing]\n# {}\nagents = {}\n",
        match fit.agents_source {
            AgentsSource::Given => "as given with --agents".to_string(),
            AgentsSource::DistinctAgents => format!(
                "distinct agents answering calls in each interval, the mean over {}",
                plural(fit.days.len(), "day")
            ),
            AgentsSource::MostBusyAtOnce => format!(
                "the most calls in progress at once in each interval, the mean over {}\n\
                 # rounded up: a lower bound of the agents on the phones",
                plural(fit.days.len(), "day")
            ),
        },
        toml_array(&agents.iter().map(|a| a.to_string()).collect::<Vec<_>>())
    ));
    t
}

/// "1 hang-up", "1,234 hang-ups".
fn plural_count(n: u64, word: &str) -> String {
    format!("{} {word}{}", thousands(n), if n == 1 { "" } else { "s" })
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The observed handle times for an empirical law: a column `handle_s`.
pub fn handle_csv(fit: &Fit) -> Option<String> {
    let h = fit.handle.as_ref()?;
    (h.choice == Family::Empirical).then(|| {
        let mut s = String::from("handle_s\n");
        for q in &h.quantiles {
            s.push_str(&num(*q, 2));
            s.push('\n');
        }
        s
    })
}

/// The goodness-of-fit summary printed by `fit`.
pub fn summary(log: &CallLog, fit: &Fit, written: &str) -> String {
    let mut s = String::new();
    let offered: u64 = fit.counts.iter().sum();
    s.push_str(&format!(
        "{}: {} rows, {} fitted\n",
        log.path,
        thousands(log.rows),
        days_phrase(log, fit)
    ));
    s.push_str(&format!(
        "  calls        {} reached the queue: {} answered, {} abandoned, {} busy\n",
        thousands(offered),
        thousands(fit.answered as u64),
        thousands(fit.abandoned as u64),
        thousands(fit.busy as u64)
    ));
    if fit.ivr > 0 {
        s.push_str(&format!(
            "               {} handled in the voice menu (kept apart)\n",
            thousands(fit.ivr)
        ));
    }
    let peak = fit.calls.iter().cloned().fold(0.0, f64::max);
    s.push_str(&format!(
        "  arrivals     {} intervals of {} from {}, peak {} calls per interval\n",
        fit.calls.len(),
        format_duration(fit.interval_s),
        clock_label(fit.start_s, false),
        num(peak, 1)
    ));
    match fit.busyness {
        Some(b) => s.push_str(&format!(
            "  busyness     cv {} from {} day totals: mean {}, sd {} (Poisson {})\n",
            num(b.cv, 3),
            b.days,
            num(b.mean_day, 1),
            num(b.sd_day, 1),
            num(b.mean_day.sqrt(), 1)
        )),
        None => s.push_str("  busyness     one day only: not estimated\n"),
    }
    if let Some(w) = &fit.weekday_means {
        let parts: Vec<String> = w
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                m.map(|(n, mean)| format!("{} {} ({n})", &WEEKDAYS[i][..3], num(mean, 0)))
            })
            .collect();
        s.push_str("  per weekday  mean calls a day (days), fit one with --weekday NAME:\n");
        for chunk in parts.chunks(4) {
            s.push_str(&format!("               {}\n", chunk.join(", ")));
        }
    }
    match &fit.handle {
        Some(h) => {
            s.push_str(&format!(
                "  handle time  {} answered calls: mean {}, sd {}\n",
                thousands(h.n as u64),
                num(h.sample_mean, 1),
                num(h.sample_sd, 1)
            ));
            s.push_str(&format!(
                "               lognormal  KS {}  AIC {}\n               gamma      KS {}  AIC {}\n",
                num(h.lognormal.ks, 4),
                num(h.lognormal.aic, 0),
                num(h.gamma.ks, 4),
                num(h.gamma.aic, 0)
            ));
            s.push_str(&format!(
                "               chosen: {} (smaller KS distance; empirical when it exceeds\n\
                 \x20              the 1 % critical value {})\n",
                h.choice.key(),
                num(h.ks_critical, 4)
            ));
        }
        None => s.push_str("  handle time  no talk times in the log (--talk): not fitted\n"),
    }
    match &fit.patience {
        Some(p) => {
            s.push_str(&format!(
                "  patience     exponential mean {} s ± {} (95 %), from {} and\n\
                 \x20              {} answered waits (censored); hang-ups' mean wait {} s\n",
                num(p.mean, 1),
                num(1.96 * p.se, 1),
                plural_count(p.abandoned as u64, "hang-up"),
                thousands(p.censored as u64),
                num(p.naive_mean, 1)
            ));
            let row: Vec<String> =
                p.km.iter()
                    .map(|(t, km, ex)| {
                        format!("{}: {}/{}", format_duration(*t), num(*km, 3), num(*ex, 3))
                    })
                    .collect();
            for chunk in row.chunks(2) {
                s.push_str(&format!(
                    "               P(wait on) KM/exp  {}\n",
                    chunk.join("  ")
                ));
            }
            if let Some(gap) = p.km_max_gap {
                s.push_str(&format!(
                    "               largest gap while 1 % still wait: {}\n",
                    num(gap, 3)
                ));
            }
        }
        None => s.push_str("  patience     nobody hung up: no [patience]\n"),
    }
    let source = match fit.agents_source {
        AgentsSource::Given => "as given",
        AgentsSource::DistinctAgents => "distinct agents answering",
        AgentsSource::MostBusyAtOnce => "most calls in progress at once (a lower bound)",
    };
    let max_agents = fit.agents.iter().max().copied().unwrap_or(0);
    s.push_str(&format!("  agents       {source}, up to {max_agents}\n"));
    s.push_str(&format!("wrote {written}\n"));
    s
}
