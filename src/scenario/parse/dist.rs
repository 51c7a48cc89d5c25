//! `[handle_time]` and `[patience]` tables: a duration distribution from the parameters
//! users think in.

use std::path::Path;
use std::sync::Arc;

use crate::scenario::forecast;
use crate::scenario::toml_reader::Table;

use super::{MAX_CV, MIN_CV, MIN_PARAM_S, fmt_num, short_num};
use crate::dist::Dist;
use crate::error::Result;

/// A `[handle_time]` or `[patience]` table → a distribution.
pub(super) fn parse_dist(mut t: Table<'_, '_>, base_dir: &Path) -> Result<Dist> {
    let section = t.key_name("distribution");
    let section = section.trim_end_matches(".distribution").to_string();
    let Some((kind, kind_span)) = t.string("distribution")? else {
        return Err(t.missing(
            "distribution",
            "a distribution name such as \"exponential\" or \"lognormal\"",
        ));
    };
    let dist = match kind.as_str() {
        "exponential" => Dist::exponential(duration(&mut t, &kind, "mean", "the mean duration")?),
        "lognormal" | "gamma" => mean_and_sd(&mut t, &kind)?,
        "erlang" => erlang(&mut t, &kind)?,
        "fixed" => Dist::Fixed {
            value: duration(&mut t, &kind, "value", "the duration")?,
        },
        "uniform" => uniform(&mut t)?,
        "weibull" => weibull(&mut t, &kind)?,
        "empirical" => empirical(&mut t, base_dir)?,
        other => {
            return Err(t.src.error(
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

/// A duration parameter that must be positive (at least 1 µs), required by `kind`.
fn duration(t: &mut Table<'_, '_>, kind: &str, key: &'static str, what: &str) -> Result<f64> {
    match t.duration(key)? {
        Some((x, _)) if x >= MIN_PARAM_S => Ok(x),
        Some((x, span)) if x > 0.0 => Err(t.src.error(
            &span,
            &t.key_name(key),
            &format!("{what} of at least 1 microsecond (\"0.001ms\")"),
            &fmt_num(x),
        )),
        Some((x, span)) => Err(t.src.error(
            &span,
            &t.key_name(key),
            &format!("{what} greater than zero"),
            &fmt_num(x),
        )),
        None => Err(t.missing(key, &format!("{what} (a {kind} distribution needs it)"))),
    }
}

/// Lognormal or gamma from a mean and a standard deviation within the samplers' range.
fn mean_and_sd(t: &mut Table<'_, '_>, kind: &str) -> Result<Dist> {
    let mean = duration(t, kind, "mean", "the mean duration")?;
    let sd = duration(t, kind, "sd", "the standard deviation as a duration")?;
    let cv = sd / mean;
    if !(MIN_CV..=MAX_CV).contains(&cv) {
        let (_, span) = t.duration("sd")?.expect("read above");
        return Err(t.src.error(
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
    Ok(if kind == "lognormal" {
        Dist::lognormal(mean, sd)
    } else {
        Dist::gamma(mean, sd)
    })
}

fn erlang(t: &mut Table<'_, '_>, kind: &str) -> Result<Dist> {
    let mean = duration(t, kind, "mean", "the mean duration")?;
    let k = match t.count("k")? {
        Some((k, span)) if !(1..=1000).contains(&k) => {
            return Err(t.src.error(
                &span,
                &t.key_name("k"),
                "a whole number of phases from 1 to 1000",
                &k.to_string(),
            ));
        }
        Some((k, _)) => k as u32,
        None => return Err(t.missing("k", "the number of phases (a whole number, 1 or more)")),
    };
    Ok(Dist::erlang(mean, k))
}

fn uniform(t: &mut Table<'_, '_>) -> Result<Dist> {
    let (min, min_span) = t
        .duration("min")?
        .ok_or_else(|| t.missing("min", "the shortest duration"))?;
    let (max, max_span) = t
        .duration("max")?
        .ok_or_else(|| t.missing("max", "the longest duration"))?;
    if min < 0.0 {
        return Err(t.src.error(
            &min_span,
            &t.key_name("min"),
            "a duration of 0 or more",
            &fmt_num(min),
        ));
    }
    if max <= min {
        return Err(t.src.error(
            &max_span,
            &t.key_name("max"),
            &format!("a duration above min ({})", fmt_num(min)),
            &fmt_num(max),
        ));
    }
    Ok(Dist::Uniform { min, max })
}

fn weibull(t: &mut Table<'_, '_>, kind: &str) -> Result<Dist> {
    let shape = match t.number("shape")? {
        Some((s, _)) if (0.05..=100.0).contains(&s) => s,
        Some((s, span)) => {
            return Err(t.src.error(
                &span,
                &t.key_name("shape"),
                "a shape from 0.05 to 100",
                &fmt_num(s),
            ));
        }
        None => return Err(t.missing("shape", "the Weibull shape (a number such as 1.5)")),
    };
    Ok(Dist::weibull(
        shape,
        duration(t, kind, "scale", "the scale duration")?,
    ))
}

/// Observed durations resampled from a CSV column (the path relative to the scenario).
fn empirical(t: &mut Table<'_, '_>, base_dir: &Path) -> Result<Dist> {
    let (file, span) = t
        .string("file")?
        .ok_or_else(|| t.missing("file", "a CSV file of observed durations"))?;
    let (column, _) = t
        .string("column")?
        .ok_or_else(|| t.missing("column", "the name of the column holding the durations"))?;
    let full = base_dir.join(&file);
    let values = forecast::read_column(
        &full.to_string_lossy(),
        &column,
        t.src,
        &span,
        &t.key_name("file"),
    )?;
    Ok(Dist::Empirical {
        values: Arc::new(values),
        source: file,
    })
}
