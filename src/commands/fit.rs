//! `ccsim fit LOG`: read a call log, fit a scenario to it, write the scenario (and the
//! observed handle times when the empirical law wins), check that it loads, and print
//! the goodness-of-fit summary.

use std::path::Path;

use crate::calllog::fit::{FitOptions, fit};
use crate::calllog::read::{map_from_flags, parse_weekday, read_log};
use crate::calllog::write::{Goal, handle_csv, scenario_toml, summary};
use crate::cli::calllog::FitArgs;
use crate::duration::parse_duration;
use crate::error::{Error, Result};

/// Runs `fit`; returns the summary to print.
pub fn run(args: &FitArgs) -> Result<String> {
    let interval_s = parse_duration(&args.interval)
        .ok()
        .filter(|s| *s >= 60.0 && *s <= 86_400.0 && 86_400.0 % s == 0.0)
        .ok_or_else(|| {
            Error::input(format!(
                "--interval: expected a planning interval from 1m to 24h that divides a day, \
                 such as 30m or 15m, found \"{}\"",
                crate::error::one_line(&args.interval)
            ))
        })?;
    let threshold_s = parse_duration(&args.threshold)
        .ok()
        .filter(|s| *s >= 0.0)
        .ok_or_else(|| {
            Error::input(format!(
                "--threshold: expected a duration such as 20s, found \"{}\"",
                crate::error::one_line(&args.threshold)
            ))
        })?;
    if !(args.target > 0.0 && args.target <= 1.0) {
        return Err(Error::input(format!(
            "--target: expected a fraction above 0 and at most 1, such as 0.8, found {}",
            args.target
        )));
    }
    let weekday = args.weekday.as_deref().map(parse_weekday).transpose()?;
    let (map, policy) = map_from_flags(&args.log_flags)?;
    let log = read_log(&args.log, &map, policy)?;
    log.skipped_summary()
        .iter()
        .for_each(|l| crate::progress::warn(l));
    let fitted = fit(
        &log,
        &FitOptions {
            interval_s,
            weekday,
            agents: args.agents,
        },
    )?;
    let stem = Path::new(&args.log)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "log".into());
    let out = match &args.out {
        Some(o) if !o.trim().is_empty() => o.clone(),
        Some(_) => return Err(Error::input("--out: expected a file name, found nothing")),
        None => format!("output/{stem}-fitted.toml"),
    };
    let out_path = Path::new(&out);
    let dir = out_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let out_stem = out_path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .ok_or_else(|| Error::input(format!("--out: expected a file name, found \"{out}\"")))?;
    let file_name = out_path
        .file_name()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let handle_name = format!("{out_stem}-handle-times.csv");
    let handle = handle_csv(&fitted);
    let name = args.name.clone().unwrap_or_else(|| {
        format!(
            "Fitted from {}",
            Path::new(&args.log)
                .file_name()
                .map_or(args.log.clone(), |f| f.to_string_lossy().to_string())
        )
    });
    let toml = scenario_toml(
        &log,
        &fitted,
        &name,
        Goal {
            threshold_s,
            target: args.target,
        },
        handle.as_ref().map(|_| handle_name.as_str()),
    );
    crate::report::output::ensure_dir(dir)?;
    let mut files: Vec<(String, Vec<u8>)> = vec![(file_name.clone(), toml.into_bytes())];
    if let Some(h) = &handle {
        files.push((handle_name.clone(), h.as_bytes().to_vec()));
    }
    // How well the laws follow the log, as pictures beside the scenario:
    // <stem>-fit-handle-time.svg/png and <stem>-fit-patience.svg/png.
    let charts = if args.no_charts {
        Vec::new()
    } else {
        crate::report::charts::fit::draw(&fitted, &name, args.lang)?
    };
    for c in &charts {
        for ext in ["svg", "png"] {
            let bytes = if ext == "svg" {
                c.svg.as_bytes().to_vec()
            } else {
                c.png.clone()
            };
            files.push((format!("{out_stem}-{}.{ext}", c.stem), bytes));
        }
    }
    // A scenario is written where the user keeps scenarios: each file atomically, with no
    // output-folder bookkeeping beside it.
    for (file, bytes) in &files {
        crate::report::output::write_atomic(dir, file, bytes)?;
    }
    // What fit writes must load: a failure here is a bug, reported as such.
    if let Err(e) = crate::scenario::load(&out) {
        return Err(Error::runtime(format!(
            "the fitted scenario {out} does not load (a bug in ccsim fit): {e}"
        )));
    }
    let mut written = out.clone();
    if handle.is_some() {
        written.push_str(&format!(" and {}", dir.join(&handle_name).display()));
    }
    let mut text = summary(&log, &fitted, &written);
    for c in &charts {
        let png = dir.join(format!("{out_stem}-{}.png", c.stem));
        text.push_str(&crate::report::term::wrap(
            &format!("chart {}\n", png.display()),
            2,
        ));
    }
    Ok(text)
}
