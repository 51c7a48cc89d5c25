//! Uncertain days (SPEC "Shifts, uncertain days and redials"): `busyness` and
//! `interval_busyness` in `[arrivals]`, `absence` in `[staffing]`, and `[redials]`.

use std::ops::Range;
use std::path::Path;

use super::dist::parse_dist;
use super::fmt_num;
use crate::error::Result;
use crate::model::{Busyness, Redial};
use crate::scenario::toml_reader::{Table, count_value, share_value};

/// The largest coefficient of variation of a busyness factor: beyond it most simulated
/// days would be nearly empty and a few enormous, which no forecast means.
const MAX_BUSYNESS_CV: f64 = 3.0;
/// Most attempts a caller may make when a limit is given.
const MAX_ATTEMPTS: u64 = 1000;

/// `busyness` and `interval_busyness` of an `[arrivals]` table (or a call type).
pub(super) fn parse_busyness(t: &mut Table<'_, '_>) -> Result<Busyness> {
    Ok(Busyness {
        day_cv: busyness_cv(t, "busyness")?,
        interval_cv: busyness_cv(t, "interval_busyness")?,
    })
}

/// `{ cv = 0.1 }` (or `{ sd = 0.1 }`: the factor's mean is 1, so both say the same);
/// 0 when the key is absent.
fn busyness_cv(t: &mut Table<'_, '_>, key: &'static str) -> Result<f64> {
    let Some(mut factor) = t.table(key)? else {
        return Ok(0.0);
    };
    let src = factor.src;
    let expected =
        "a coefficient of variation from 0 to 3 such as 0.1, or a percentage such as \"10%\"";
    let cv = factor.value("cv");
    let sd = factor.value("sd");
    let (v, name) = match (cv, sd) {
        (Some(v), None) => (v, factor.key_name("cv")),
        (None, Some(v)) => (v, factor.key_name("sd")),
        (Some(_), Some(v)) => {
            return Err(src.error(
                &v.span(),
                &factor.key_name("sd"),
                "either `cv` or `sd`, not both (the factor's mean is 1, so they are the same)",
                "both",
            ));
        }
        (None, None) => {
            let missing = factor.missing(
                "cv",
                "the spread of the volume as a coefficient of variation, such as `cv = 0.1`",
            );
            // A misspelt key is the likelier mistake: name it first.
            factor.finish()?;
            return Err(missing);
        }
    };
    let x = share_value(src, v, &name, expected)?;
    if !(0.0..=MAX_BUSYNESS_CV).contains(&x) {
        return Err(src.error(&v.span(), &name, expected, &fmt_num(x)));
    }
    factor.finish()?;
    Ok(x)
}

/// `absence` in `[staffing]` (or an agent group): 0 when absent.
pub(super) fn parse_absence(t: &mut Table<'_, '_>) -> Result<f64> {
    let Some(v) = t.value("absence") else {
        return Ok(0.0);
    };
    let name = t.key_name("absence");
    let expected =
        "a probability from 0 up to (not including) 1 such as 0.05, or a percentage such as \"5%\"";
    let x = share_value(t.src, v, &name, expected)?;
    if !(0.0..1.0).contains(&x) {
        return Err(t.src.error(&v.span(), &name, expected, &fmt_num(x)));
    }
    Ok(x)
}

/// A `[redials]` table.
pub(super) fn parse_redials(mut t: Table<'_, '_>, base_dir: &Path) -> Result<Redial> {
    let src = t.src;
    let after_abandon = probability(&mut t, "after_abandon")?;
    let after_busy = probability(&mut t, "after_busy")?;
    let (after_abandon, after_busy) = match (after_abandon, after_busy) {
        (None, None) => {
            return Err(t.missing(
                "after_abandon",
                "the probability that a caller who hung up calls again (and/or `after_busy`, \
                 after a busy signal), such as `after_abandon = 0.6`",
            ));
        }
        (a, b) => (a.map_or(0.0, |a| a.0), b.map_or(0.0, |b| b.0)),
    };
    let delay = match t.table("delay")? {
        Some(d) => parse_dist(d, base_dir)?,
        None => {
            return Err(t.missing(
                "delay",
                "the time before a caller tries again, as a distribution such as \
                 `delay = { distribution = \"exponential\", mean = \"5m\" }`",
            ));
        }
    };
    let max_attempts = match t.value("max_attempts") {
        None => Redial::UNLIMITED,
        Some(v) => {
            let name = t.key_name("max_attempts");
            let n = count_value(src, v, &name)?;
            if !(1..=MAX_ATTEMPTS).contains(&n) {
                return Err(src.error(
                    &v.span(),
                    &name,
                    &format!(
                        "the most calls a caller makes, first call included: a whole number \
                         from 1 to {MAX_ATTEMPTS}"
                    ),
                    &n.to_string(),
                ));
            }
            n as u32
        }
    };
    t.finish()?;
    Ok(Redial {
        after_abandon,
        after_busy,
        delay,
        max_attempts,
    })
}

fn probability(t: &mut Table<'_, '_>, key: &'static str) -> Result<Option<(f64, Range<usize>)>> {
    let Some(v) = t.value(key) else {
        return Ok(None);
    };
    let name = t.key_name(key);
    let expected = "a probability from 0 to 1 such as 0.6, or a percentage such as \"60%\"";
    let x = share_value(t.src, v, &name, expected)?;
    if !(0.0..=1.0).contains(&x) {
        return Err(t.src.error(&v.span(), &name, expected, &fmt_num(x)));
    }
    Ok(Some((x, v.span())))
}
