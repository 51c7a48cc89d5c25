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
