//! One flag at a time: durations, fractions and counts parsed from their raw text, each
//! error naming the flag, what it expected and what it found.

use crate::duration::parse_duration;
use crate::erlang::MAX_AGENTS;
use crate::error::Result;

use super::input;

/// Parses a duration flag; `what` names the quantity, `example` shows one.
pub(super) fn parse_duration_flag(
    flag: &str,
    text: &Option<String>,
    what: &str,
    example: &str,
) -> Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    let v = parse_duration(text).map_err(|e| {
        input(format!(
            "{flag}: expected {what} such as {example}, found {e}"
        ))
    })?;
    Ok(Some(v))
}

/// A duration flag that must be above zero.
pub(super) fn positive_duration(
    flag: &str,
    text: &Option<String>,
    what: &str,
    example: &str,
) -> Result<Option<f64>> {
    let v = parse_duration_flag(flag, text, what, example)?;
    if let Some(v) = v
        && v <= 0.0
    {
        return Err(input(format!(
            "{flag}: expected {what} above zero such as {example}, found {}",
            text.as_deref().unwrap_or_default()
        )));
    }
    Ok(v)
}

/// Parses a fraction written as `0.8` or `80%`, checking it lies in the given range.
pub(super) fn fraction_flag(
    flag: &str,
    text: &Option<String>,
    ok: impl Fn(f64) -> bool,
    range: &str,
) -> Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    let t = text.trim();
    let parsed = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
        None => t.parse::<f64>(),
    };
    match parsed {
        Ok(v) if v.is_finite() && ok(v) => Ok(Some(v)),
        _ => Err(input(format!(
            "{flag}: expected a fraction {range} such as 0.8 or 80%, found \"{text}\""
        ))),
    }
}

/// A count of agents or lines, from 1 to [`MAX_AGENTS`].
pub(super) fn count_flag(flag: &str, v: Option<i64>, what: &str) -> Result<Option<u32>> {
    match v {
        None => Ok(None),
        Some(n) if n >= 1 && n <= MAX_AGENTS as i64 => Ok(Some(n as u32)),
        Some(n) => Err(input(format!(
            "{flag}: expected {what}, a whole number from 1 to {MAX_AGENTS}, found {n}"
        ))),
    }
}

/// Rejects a flag the model has no use for, saying why.
pub(super) fn reject(flag: &str, given: bool, why: &str) -> Result<()> {
    if given {
        Err(input(format!("{flag} does not apply here: {why}")))
    } else {
        Ok(())
    }
}
