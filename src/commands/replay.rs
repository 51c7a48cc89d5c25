//! `ccsim replay LOG SCENARIO`: the scenario's centre on the log's own arrivals (and
//! optionally handle times), per interval beside what the log saw.

use crate::calllog::backtest::{METRICS, observe, observed_metric};
use crate::calllog::read::{map_from_flags, parse_weekday, read_log};
use crate::calllog::replay::{ReplayOptions, replay};
use crate::cli::calllog::ReplayArgs;
use crate::error::{Error, Result};

/// Runs `replay`; returns the table.
pub fn run(args: &ReplayArgs) -> Result<String> {
    let sc = crate::scenario::load(&args.scenario)?;
    if sc.model.single_queue().is_none() {
        return Err(Error::input(format!(
            "{}: expected a scenario with one call type and one agent group, found several",
            args.scenario
        )));
    }
    // What replay does not simulate yet must not be silently ignored.
    let (calls, group) = sc.model.single_queue().expect("checked above");
    let unsupported = [
        (sc.model.lines.is_some(), "`lines`"),
        (group.absence > 0.0, "`staffing.absence`"),
        (calls.redial.is_some(), "[redials]"),
    ];
    if let Some((_, what)) = unsupported.iter().find(|u| u.0) {
        return Err(Error::input(format!(
            "{}: expected a scenario without {what} (replay does not simulate it yet; \
             `ccsim run` does), found it",
            args.scenario
        )));
    }
    if args.replications == Some(0) {
        return Err(Error::input("--replications: expected at least 1, found 0"));
    }
    let weekday = args.weekday.as_deref().map(parse_weekday).transpose()?;
    let (map, policy) = map_from_flags(&args.log_flags)?;
    let log = read_log(&args.log, &map, policy)?;
    log.skipped_summary()
        .iter()
        .for_each(|l| crate::progress::warn(l));
    if args.log_handle_times && !log.has_handle {
        return Err(Error::input(format!(
            "{}: --log-handle-times: expected talk times in the log (--talk), found none",
            args.log
        )));
    }
    let days: Vec<usize> = (0..log.days.len())
        .filter(|&d| weekday.is_none() || log.days[d].weekday() == weekday)
        .collect();
    if days.is_empty() {
        return Err(Error::input(format!(
            "{}: expected days of the weekday given with --weekday, found none",
            args.log
        )));
    }
    let opts = ReplayOptions {
        log_handle_times: args.log_handle_times,
        replications: args.replications.unwrap_or(sc.experiment.replications),
        seed: args.seed.unwrap_or(sc.experiment.seed),
    };
    let model = &sc.model;
    let seen = observe(&log, &days, model);
    let replayed = replay(&log, &days, model, &opts);
    let mut s = format!(
        "{} replayed through {}\n({} day{}, {} replication{}{}):\n",
        args.log,
        args.scenario,
        days.len(),
        if days.len() == 1 { "" } else { "s" },
        opts.replications,
        if opts.replications == 1 { "" } else { "s" },
        if opts.log_handle_times {
            ", the log's handle times"
        } else {
            ""
        }
    );
    s.push_str(&format!(
        "{:<6} {:>7} {:>15} {:>15} {:>15} {:>15}\n{:<6} {:>7} {:>15} {:>15} {:>15} {:>15}\n",
        "",
        "calls",
        "service level",
        "ASA (s)",
        "abandonment",
        "occupancy",
        "",
        "a day",
        "log  replay",
        "log  replay",
        "log  replay",
        "log  replay"
    ));
    for i in 0..model.clock.len() {
        s.push_str(&format!(
            "{:<6} {:>7.1}",
            model.clock.label(i),
            seen.intervals[i].offered as f64 / days.len() as f64
        ));
        for (k, (metric, _, _)) in METRICS.iter().enumerate() {
            let f = |x: Option<f64>| match x {
                None => "n/a".to_string(),
                Some(v) if k == 1 => format!("{v:.0}"),
                Some(v) => format!("{:.1}", v * 100.0),
            };
            let a = observed_metric(&seen.intervals[i], *metric, model, i, &seen);
            let b = observed_metric(&replayed.intervals[i], *metric, model, i, &replayed);
            s.push_str(&format!(" {:>6} {:>8}", f(a), f(b)));
        }
        s.push('\n');
    }
    s.push_str("percentages for shares; occupancy over the scenario's agents\n");
    if seen.outside > 0 {
        s.push_str(&format!(
            "{} calls outside the scenario's hours not replayed\n",
            seen.outside
        ));
    }
    Ok(s)
}
