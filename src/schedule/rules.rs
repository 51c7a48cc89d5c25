//! The shift-rules file of `ccsim schedule`: which shifts a planner may hire, read with
//! the scenario's day at hand so that every complaint (a start that would run past the
//! close, a break outside its shift) names the file, line, key, expected and found.
//!
//! ```toml
//! cost_per_hour = 20              # optional, every shift type's default
//!
//! [[shifts]]
//! name = "8h"                     # unique; shown in outputs
//! length = "8h"
//! earliest = "06:00"              # first start (clock time); default: the day's start
//! latest = "15:30"                # last start; default: the last that ends by the close
//! every = "30m"                   # starts every ...; default 30m
//! min_agents = 1                  # a shift used has at least this many agents (default 1)
//! max_agents = 40                 # at most this many agents per start time (optional)
//! cost_per_hour = 22              # optional; overrides the default
//! breaks = [
//!   { after = "2h", length = "15m" },                               # fixed
//!   { after = "3h30m", length = "30m", window = "1h", every = "15m" }, # staggered
//!   { after = "6h", length = "15m" },
//! ]
//! ```
//!
//! A break with a `window` may start at `after`, `after + every`, ... up to
//! `after + window`: the schedule chooses the placement of each agent's break (staggered
//! lunches), and the roster it writes has that break at a fixed time.

use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use crate::error::{Error, Result};
use crate::model::{Clock, clock_label};
use crate::scenario::toml_reader::{Source, Table, describe};

/// Breaks placements of one shift type at most (the product over its windowed breaks):
/// each placement is a column of the integer program.
pub const MAX_PLACEMENTS: usize = 500;
/// Shift types at most.
pub const MAX_TYPES: usize = 50;
/// Starts of one shift type at most.
pub const MAX_STARTS: usize = 2_000;

/// Validated shift rules, with times in simulated seconds of the scenario's day.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftRules {
    /// The file they came from, for messages.
    pub path: String,
    pub types: Vec<ShiftType>,
    /// Whether the file gives a cost per hour (else every paid hour costs 1).
    pub has_cost: bool,
}

/// One kind of shift: its length, allowed starts, head-count limits, cost and breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftType {
    pub name: String,
    pub length_s: f64,
    /// Allowed starts, simulated seconds, increasing.
    pub starts: Vec<f64>,
    /// A start that is used has at least this many agents.
    pub min_agents: u32,
    /// At most this many agents per start time.
    pub max_agents: Option<u32>,
    /// Cost of one paid hour (1 when the file gives no cost).
    pub cost_per_hour: f64,
    /// In time order, never overlapping whatever the placements.
    pub breaks: Vec<BreakRule>,
}

/// A break `after_s` into the shift (or anywhere from there to `after_s + window_s`, in
/// steps of `every_s`), lasting `length_s`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BreakRule {
    pub after_s: f64,
    pub length_s: f64,
    pub window_s: f64,
    pub every_s: f64,
}

impl BreakRule {
    /// Offsets from the shift start at which this break may start.
    pub fn offsets(&self) -> Vec<f64> {
        let steps = if self.window_s > 0.0 {
            (self.window_s / self.every_s + 1e-9).floor() as usize
        } else {
            0
        };
        (0..=steps)
            .map(|k| self.after_s + k as f64 * self.every_s)
            .collect()
    }
}

impl ShiftType {
    /// Every way of placing this type's breaks: per placement, each break's offset from
    /// the shift start (in break order). One empty placement when there are no breaks.
    pub fn placements(&self) -> Vec<Vec<f64>> {
        let mut all = vec![vec![]];
        for b in &self.breaks {
            all = all
                .into_iter()
                .flat_map(|p: Vec<f64>| {
                    b.offsets().into_iter().map(move |o| {
                        let mut q = p.clone();
                        q.push(o);
                        q
                    })
                })
                .collect();
        }
        all
    }

    /// Paid hours of one agent on this shift.
    pub fn paid_hours(&self) -> f64 {
        self.length_s / 3600.0
    }
}

/// Default step between starts and between placements of a windowed break.
const DEFAULT_EVERY_S: f64 = 1800.0;
const DEFAULT_BREAK_EVERY_S: f64 = 900.0;

/// Reads and validates a shift-rules file for a day of `clock`.
pub fn load(path: &str, clock: &Clock) -> Result<ShiftRules> {
    let bytes = crate::scenario::read_input(path, "the shift-rules file")?;
    let text = crate::scenario::decode_text(path, &bytes)?;
    parse(path, &text, clock)
}

/// Parses shift-rules text (`path` names it in messages).
pub fn parse(path: &str, text: &str, clock: &Clock) -> Result<ShiftRules> {
    let src = Source { path, text };
    let doc = src.parse()?;
    let mut top = Table::new(&src, "", doc.get_ref(), 0..0);
    let default_cost = cost(&mut top, "cost_per_hour")?;
    let Some(v) = top.value("shifts") else {
        return Err(top.missing(
            "shifts",
            "one or more [[shifts]] sections (the shift types a schedule may use)",
        ));
    };
    let expected = "one or more [[shifts]] sections (an array of tables)";
    let items = match v.get_ref() {
        DeValue::Array(a) if !a.is_empty() => a,
        DeValue::Array(_) => {
            return Err(src.error(&v.span(), "shifts", expected, "an empty array"));
        }
        other => return Err(src.error(&v.span(), "shifts", expected, &describe(other))),
    };
    if items.len() > MAX_TYPES {
        return Err(src.error(
            &v.span(),
            "shifts",
            &format!("at most {MAX_TYPES} shift types"),
            &format!("{}", items.len()),
        ));
    }
    let mut types: Vec<ShiftType> = Vec::new();
    let mut has_cost = default_cost.is_some();
    for (i, item) in items.iter().enumerate() {
        let key = format!("shifts[{i}]");
        let DeValue::Table(t) = item.get_ref() else {
            return Err(src.error(&item.span(), &key, "a table", &describe(item.get_ref())));
        };
        let mut t = Table::new(&src, &key, t, item.span());
        let (ty, own_cost) = shift_type(&mut t, clock, default_cost.unwrap_or(1.0))?;
        has_cost |= own_cost;
        if types.iter().any(|o| o.name == ty.name) {
            let span = t.get("name").map_or(item.span(), |v| v.span());
            return Err(src.error(
                &span,
                &t.key_name("name"),
                "a name no other shift type has",
                &format!("\"{}\" again", ty.name),
            ));
        }
        t.finish()?;
        types.push(ty);
    }
    top.finish()?;
    Ok(ShiftRules {
        path: path.to_string(),
        types,
        has_cost,
    })
}

/// An optional cost per hour: a finite number ≥ 0.
fn cost(t: &mut Table<'_, '_>, key: &'static str) -> Result<Option<f64>> {
    match t.number(key)? {
        Some((c, span)) if c < 0.0 => Err(t.src.error(
            &span,
            &t.key_name(key),
            "a cost per paid hour of 0 or more, such as 20",
            &c.to_string(),
        )),
        c => Ok(c.map(|(c, _)| c)),
    }
}

/// One `[[shifts]]` table; also whether it gives its own cost.
fn shift_type(
    t: &mut Table<'_, '_>,
    clock: &Clock,
    default_cost: f64,
) -> Result<(ShiftType, bool)> {
    let src = t.src;
    let name = match t.string("name")? {
        Some((n, span)) if n.trim().is_empty() || n.chars().any(char::is_control) => {
            return Err(src.error(
                &span,
                &t.key_name("name"),
                "a short name such as \"8h\"",
                &format!("\"{n}\""),
            ));
        }
        Some((n, _)) => n.trim().to_string(),
        None => return Err(t.missing("name", "a name for the shift type, such as \"8h\"")),
    };
    let length_s = match t.duration("length")? {
        Some((l, span)) if l <= 0.0 || l > clock.horizon_s + 1e-9 => {
            return Err(src.error(
                &span,
                &t.key_name("length"),
                &format!(
                    "a shift length above 0 and at most the scenario's day ({})",
                    hours(clock.horizon_s)
                ),
                &hours(l),
            ));
        }
        Some((l, _)) => l,
        None => return Err(t.missing("length", "the shift length, such as \"8h\"")),
    };
    let starts = starts(t, clock, length_s)?;
    let min_agents = match t.count("min_agents")? {
        Some((0, span)) => {
            return Err(src.error(
                &span,
                &t.key_name("min_agents"),
                "a whole number of at least 1",
                "0",
            ));
        }
        Some((n, _)) => n.min(u64::from(u32::MAX)) as u32,
        None => 1,
    };
    let max_agents = match t.count("max_agents")? {
        Some((n, span)) if n < u64::from(min_agents) || n > 100_000 => {
            return Err(src.error(
                &span,
                &t.key_name("max_agents"),
                &format!("a whole number from min_agents ({min_agents}) to 100000"),
                &n.to_string(),
            ));
        }
        m => m.map(|(n, _)| n as u32),
    };
    let own = cost(t, "cost_per_hour")?;
    let breaks = breaks(t, length_s)?;
    let ty = ShiftType {
        name,
        length_s,
        starts,
        min_agents,
        max_agents,
        cost_per_hour: own.unwrap_or(default_cost),
        breaks,
    };
    let placements: usize = ty.breaks.iter().map(|b| b.offsets().len()).product();
    if placements > MAX_PLACEMENTS {
        let span = t.get("breaks").map_or(t.span().clone(), |v| v.span());
        return Err(src.error(
            &span,
            &t.key_name("breaks"),
            &format!(
                "at most {MAX_PLACEMENTS} ways of placing the breaks (narrower windows or a \
                 longer `every`)"
            ),
            &format!("{placements} ways"),
        ));
    }
    Ok((ty, own.is_some()))
}

/// The allowed starts: `earliest` to `latest` every `every`, in simulated seconds.
fn starts(t: &mut Table<'_, '_>, clock: &Clock, length_s: f64) -> Result<Vec<f64>> {
    let src = t.src;
    let close = clock.horizon_s;
    let last_ok = close - length_s;
    let label = |s: f64| clock_label(clock.start_s + s, clock.labels_need_seconds());
    let earliest = match clock_key(t, "earliest", clock)? {
        Some((s, span)) if s > last_ok + 1e-9 => {
            return Err(src.error(
                &span,
                &t.key_name("earliest"),
                &format!(
                    "a start from which a {} shift ends by the close ({}), so at the latest {}",
                    hours(length_s),
                    label(close),
                    label(last_ok)
                ),
                &format!("\"{}\"", label(s)),
            ));
        }
        Some((s, _)) => s,
        None => 0.0,
    };
    let latest = match clock_key(t, "latest", clock)? {
        Some((s, span)) if s > last_ok + 1e-9 || s + 1e-9 < earliest => {
            return Err(src.error(
                &span,
                &t.key_name("latest"),
                &format!(
                    "a start from the earliest ({}) to {} (a {} shift must end by the close, {})",
                    label(earliest),
                    label(last_ok),
                    hours(length_s),
                    label(close)
                ),
                &format!("\"{}\"", label(s)),
            ));
        }
        Some((s, _)) => s,
        None => last_ok,
    };
    let every = match t.duration("every")? {
        Some((e, span)) if e < 60.0 => {
            return Err(src.error(
                &span,
                &t.key_name("every"),
                "a step between starts of at least 1 minute, such as \"30m\"",
                &format!("{e} s"),
            ));
        }
        Some((e, _)) => e,
        None => DEFAULT_EVERY_S,
    };
    let n = ((latest - earliest) / every + 1e-9).floor() as usize + 1;
    if n > MAX_STARTS {
        let span = t.get("every").map_or(t.span().clone(), |v| v.span());
        return Err(src.error(
            &span,
            &t.key_name("every"),
            &format!("at most {MAX_STARTS} starts per shift type"),
            &format!("{n} starts"),
        ));
    }
    Ok((0..n).map(|k| earliest + k as f64 * every).collect())
}

/// A clock time of the scenario's day as simulated seconds (wrapping past midnight).
fn clock_key(
    t: &mut Table<'_, '_>,
    key: &'static str,
    clock: &Clock,
) -> Result<Option<(f64, Range<usize>)>> {
    let Some((s, span)) = t.string(key)? else {
        return Ok(None);
    };
    let Some(c) = crate::scenario::parse_clock(&s) else {
        return Err(t.src.error(
            &span,
            &t.key_name(key),
            "a clock time such as \"06:30\"",
            &format!("\"{s}\""),
        ));
    };
    Ok(Some(((c - clock.start_s).rem_euclid(86_400.0), span)))
}

/// The breaks of a shift type, checked inside the shift and never overlapping.
fn breaks(t: &mut Table<'_, '_>, length_s: f64) -> Result<Vec<BreakRule>> {
    let src = t.src;
    let key = t.key_name("breaks");
    let Some(v) = t.get("breaks") else {
        return Ok(vec![]);
    };
    let expected = "an array of breaks such as [{ after = \"2h\", length = \"15m\" }]";
    let DeValue::Array(items) = v.get_ref() else {
        return Err(src.error(&v.span(), &key, expected, &describe(v.get_ref())));
    };
    let mut out: Vec<BreakRule> = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let bkey = format!("{key}[{k}]");
        let b = one_break(src, item, &bkey)?;
        if b.after_s + b.window_s + b.length_s > length_s + 1e-9 {
            return Err(src.error(
                &item.span(),
                &bkey,
                &format!(
                    "a break that ends inside the {} shift (after + window + length at most \
                     the shift length, {})",
                    hours(length_s),
                    hours(length_s)
                ),
                &format!(
                    "one ending {} into it",
                    hours(b.after_s + b.window_s + b.length_s)
                ),
            ));
        }
        if let Some(prev) = out.last() {
            let free = prev.after_s + prev.window_s + prev.length_s;
            if b.after_s + 1e-9 < free {
                return Err(src.error(
                    &item.span(),
                    &bkey,
                    &format!(
                        "a break after the previous one ends, so `after` at least {} (the \
                         previous break's after + window + length)",
                        hours(free)
                    ),
                    &format!("after = {}", hours(b.after_s)),
                ));
            }
        }
        out.push(b);
    }
    Ok(out)
}

/// One `{ after, length, window, every }` break.
fn one_break(src: &Source<'_>, item: &Spanned<DeValue<'_>>, key: &str) -> Result<BreakRule> {
    let DeValue::Table(tab) = item.get_ref() else {
        return Err(src.error(
            &item.span(),
            key,
            "a break such as { after = \"2h\", length = \"15m\" }",
            &describe(item.get_ref()),
        ));
    };
    let mut b = Table::new(src, key, tab, item.span());
    let after_s = match b.duration("after")? {
        Some((a, span)) if a < 0.0 => {
            return Err(src.error(
                &span,
                &b.key_name("after"),
                "a duration of 0 or more into the shift",
                &hours(a),
            ));
        }
        Some((a, _)) => a,
        None => {
            return Err(b.missing(
                "after",
                "how long into the shift the break starts, such as \"2h\"",
            ));
        }
    };
    let length_s = match b.duration("length")? {
        Some((l, span)) if l <= 0.0 => {
            return Err(src.error(
                &span,
                &b.key_name("length"),
                "a break length above 0, such as \"15m\"",
                &hours(l),
            ));
        }
        Some((l, _)) => l,
        None => return Err(b.missing("length", "the break length, such as \"15m\"")),
    };
    let window_s = match b.duration("window")? {
        Some((w, span)) if w < 0.0 => {
            return Err(src.error(
                &span,
                &b.key_name("window"),
                "a window of 0 or more, such as \"1h\"",
                &hours(w),
            ));
        }
        Some((w, _)) => w,
        None => 0.0,
    };
    let every_s = match b.duration("every")? {
        Some((e, span)) if e < 60.0 => {
            return Err(src.error(
                &span,
                &b.key_name("every"),
                "a step between break placements of at least 1 minute, such as \"15m\"",
                &format!("{e} s"),
            ));
        }
        Some((e, _)) => e,
        None => DEFAULT_BREAK_EVERY_S,
    };
    b.finish()?;
    Ok(BreakRule {
        after_s,
        length_s,
        window_s,
        every_s,
    })
}

/// A duration for messages: "8 h", "7.5 h", "15 min".
pub fn hours(s: f64) -> String {
    if s.abs() >= 3600.0 || s == 0.0 {
        let h = s / 3600.0;
        if h.fract() == 0.0 {
            format!("{h:.0} h")
        } else {
            format!("{}", ((h * 100.0).round() / 100.0)) + " h"
        }
    } else if (s / 60.0).fract() == 0.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{s} s")
    }
}

/// An error about the rules as a whole (infeasible, no shift covers an interval).
pub fn rules_error(rules: &ShiftRules, msg: impl std::fmt::Display) -> Error {
    Error::input(format!("{}: {msg}", rules.path))
}
