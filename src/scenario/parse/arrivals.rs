//! `[arrivals]`: per-interval calls, a constant rate with a horizon, or a forecast file.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::DeValue;

use crate::scenario::forecast;
use crate::scenario::toml_reader::{Source, Table, describe, number_value};

use super::{MAX_CALLS, MAX_INTERVALS, MIN_INTERVAL_S, fmt_num};
use crate::error::Result;

/// Arrivals as read: per-interval rates and the optional per-interval overrides.
pub(super) struct ArrivalPlan {
    pub(super) rates: Vec<f64>,
    pub(super) horizon_s: f64,
    pub(super) aht_s: Option<Vec<f64>>,
    pub(super) agents: Option<Vec<u32>>,
    /// Where the per-interval list came from, for length-mismatch messages.
    pub(super) origin: String,
    pub(super) origin_span: Range<usize>,
}

pub(super) fn parse_arrivals(
    t: &mut Table<'_, '_>,
    interval_s: f64,
    horizon: Option<(f64, Range<usize>)>,
    base_dir: &Path,
) -> Result<ArrivalPlan> {
    let src = t.src;
    let given: Vec<&str> = ["calls", "rate", "file"]
        .into_iter()
        .filter(|k| t.has(k))
        .collect();
    if given.len() != 1 {
        let found = if given.is_empty() {
            "none of them".to_string()
        } else {
            format!("{} together", given.join(" and "))
        };
        return Err(src.error(
            t.span(),
            t.prefix(),
            "exactly one of `calls`, `rate` or `file`",
            &found,
        ));
    }
    if given[0] != "file"
        && let Some(v) = t.value("columns")
    {
        return Err(src.error(
            &v.span(),
            &t.key_name("columns"),
            "`columns` only beside `file`: it names a forecast file's columns",
            &format!("`columns` with `{}`", given[0]),
        ));
    }
    if given[0] != "rate"
        && let Some((_, span)) = &horizon
    {
        return Err(src.error(
            span,
            "simulation.horizon",
            "no horizon: with per-interval calls the day ends after the last interval (horizon is for a constant `rate`)",
            "a horizon",
        ));
    }
    match given[0] {
        "calls" => per_interval_calls(t, interval_s),
        "rate" => constant_rate(t, interval_s, horizon),
        _ => forecast_file(t, interval_s, base_dir),
    }
}

/// `calls = [...]`: expected calls per interval.
fn per_interval_calls(t: &mut Table<'_, '_>, interval_s: f64) -> Result<ArrivalPlan> {
    let src = t.src;
    let key = t.key_name("calls");
    let v = t.value("calls").expect("checked present");
    let DeValue::Array(items) = v.get_ref() else {
        return Err(src.error(
            &v.span(),
            &key,
            "an array of expected calls per interval, such as [60, 80, 110]",
            &describe(v.get_ref()),
        ));
    };
    if items.is_empty() {
        return Err(src.error(&v.span(), &key, "at least one interval", "an empty array"));
    }
    check_interval_count(src, &v.span(), &key, items.len())?;
    let rates = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let x = number_value(
                src,
                item,
                &format!("{key}[{i}]"),
                "a number of calls (0 or more)",
            )?;
            if x < 0.0 {
                return Err(src.error(
                    &item.span(),
                    &format!("{key}[{i}]"),
                    "a number of calls (0 or more)",
                    &fmt_num(x),
                ));
            }
            Ok(x / interval_s)
        })
        .collect::<Result<Vec<_>>>()?;
    check_call_count(src, &v.span(), &key, rates.iter().sum::<f64>() * interval_s)?;
    Ok(ArrivalPlan {
        horizon_s: rates.len() as f64 * interval_s,
        rates,
        aht_s: None,
        agents: None,
        origin: key.clone(),
        origin_span: v.span(),
    })
}

/// `rate = "600/h"` with a horizon: one rate for every interval up to the horizon.
fn constant_rate(
    t: &mut Table<'_, '_>,
    interval_s: f64,
    horizon: Option<(f64, Range<usize>)>,
) -> Result<ArrivalPlan> {
    let src = t.src;
    let v = t.value("rate").expect("checked present");
    let per_s = parse_rate(v).ok_or_else(|| {
        src.error(
            &v.span(),
            &t.key_name("rate"),
            "a rate such as \"600/h\", \"10/min\" or \"0.2/s\" (0 or more)",
            &describe(v.get_ref()),
        )
    })?;
    let Some((horizon_s, hspan)) = horizon else {
        return Err(src.error(
            &v.span(),
            "simulation.horizon",
            "a horizon such as `horizon = \"200h\"` in [simulation]: with a constant rate it says how long calls arrive",
            "no horizon",
        ));
    };
    if horizon_s < MIN_INTERVAL_S {
        return Err(src.error(
            &hspan,
            "simulation.horizon",
            "a horizon of at least 1 second, such as \"200h\"",
            &fmt_num(horizon_s),
        ));
    }
    let n = ((horizon_s / interval_s).ceil() as usize).max(1);
    check_interval_count(src, &hspan, "simulation.horizon", n)?;
    check_call_count(src, &v.span(), &t.key_name("rate"), per_s * horizon_s)?;
    Ok(ArrivalPlan {
        rates: vec![per_s; n],
        horizon_s,
        aht_s: None,
        agents: None,
        origin: "simulation.horizon".into(),
        origin_span: hspan,
    })
}

/// `file = "forecast.csv"`: calls per interval, and optionally mean handle times and
/// agents, from a spreadsheet export.
fn forecast_file(t: &mut Table<'_, '_>, interval_s: f64, base_dir: &Path) -> Result<ArrivalPlan> {
    let src = t.src;
    let (file, span) = t.string("file")?.expect("checked present");
    let full = base_dir.join(&file);
    let key = t.key_name("file");
    let map_key = t.key_name("columns");
    let columns = forecast_columns(t)?;
    let f = forecast::read_forecast(&full.to_string_lossy(), src, &span, &columns, &map_key)?;
    check_interval_count(src, &span, &key, f.calls.len())?;
    check_call_count(src, &span, &key, f.calls.iter().sum())?;
    Ok(ArrivalPlan {
        horizon_s: f.calls.len() as f64 * interval_s,
        rates: f.calls.iter().map(|c| c / interval_s).collect(),
        aht_s: f.aht_s,
        agents: f.agents,
        origin: format!("{key} ({} rows)", f.calls.len()),
        origin_span: span,
    })
}

/// `columns = { calls = "Appels", aht_s = "DMT", agents = "ETP" }`: the forecast file's
/// header names for ccsim's columns (each optional; unknown keys are refused).
fn forecast_columns(t: &mut Table<'_, '_>) -> Result<forecast::ForecastColumns> {
    let Some(mut map) = t.table("columns")? else {
        return Ok(forecast::ForecastColumns::default());
    };
    let mut name = |key: &'static str| -> Result<Option<String>> {
        match map.string(key)? {
            Some((s, span)) if s.trim().is_empty() => Err(map.src.error(
                &span,
                &map.key_name(key),
                "the name of a column in the file's header",
                "an empty name",
            )),
            Some((s, _)) => Ok(Some(s.trim().to_string())),
            None => Ok(None),
        }
    };
    let columns = forecast::ForecastColumns {
        calls: name("calls")?,
        aht_s: name("aht_s")?,
        agents: name("agents")?,
    };
    map.finish()?;
    Ok(columns)
}

pub(super) fn check_call_count(
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
    calls: f64,
) -> Result<()> {
    if calls.is_nan() || calls > MAX_CALLS {
        return Err(src.error(
            span,
            key,
            "at most 100000000 calls in the day (a larger number is almost surely a typo, and \
             would take hours to simulate)",
            &format!("{calls:.3e} calls"),
        ));
    }
    Ok(())
}

pub(super) fn check_interval_count(
    src: &Source<'_>,
    span: &Range<usize>,
    key: &str,
    n: usize,
) -> Result<()> {
    if n > MAX_INTERVALS {
        return Err(src.error(
            span,
            key,
            &format!("at most {MAX_INTERVALS} intervals"),
            &n.to_string(),
        ));
    }
    Ok(())
}

/// "600/h", "10/min", "0.5/s" → calls per second.
pub(super) fn parse_rate(v: &Spanned<DeValue<'_>>) -> Option<f64> {
    let DeValue::String(s) = v.get_ref() else {
        return None;
    };
    let (num, unit) = s.split_once('/')?;
    let n: f64 = num.trim().parse().ok()?;
    let per = match unit.trim() {
        "s" | "sec" | "second" => 1.0,
        "m" | "min" | "minute" => 60.0,
        "h" | "hr" | "hour" => 3600.0,
        "d" | "day" => 86400.0,
        _ => return None,
    };
    (n.is_finite() && n >= 0.0).then_some(n / per)
}
