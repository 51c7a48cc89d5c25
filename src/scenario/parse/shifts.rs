//! Shifts instead of agents per interval (SPEC "Shifts, uncertain days and redials"):
//! `[[staffing.shifts]]` in the one-queue form, `[[agent_groups.shifts]]` in an agent
//! group, or `roster = "roster.csv"` (a WFM tool's export, one row per agent or per
//! shift). All three become a [`Roster`] whose times are seconds from the start of the
//! simulated day; every mistake names the file, line, key, what was expected and found.
//!
//! The roster CSV: a header naming the columns (any order, any case), `,` `;` or tab
//! separated. `start` and `end` (clock times, required), `count` (optional, default 1:
//! one row per agent), then for each break n = 1, 2, ...: `break<n>_start` (a clock
//! time), `break<n>_length` (a duration) and optionally `break<n>_window`. Other columns
//! (an agent's name or id, a team) are ignored; an empty break cell means no such break.

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::DeValue;

use super::{MAX_AGENTS, parse_clock};
use crate::duration::{format_duration, parse_duration};
use crate::error::{Error, Result};
use crate::model::{Break, Clock, Roster, Shift, clock_label};
use crate::scenario::forecast::read_raw_csv;
use crate::scenario::toml_reader::{Source, Table, count_value, describe};

const DAY_S: f64 = 86_400.0;

/// Where the roster comes from in a `[staffing]` table or an agent group: `shifts`
/// (tables) or `roster` (a CSV file), and the key of each for messages.
pub(super) struct RosterKeys<'s, 'a> {
    pub shifts: Option<&'s Spanned<DeValue<'a>>>,
    pub file: Option<&'s Spanned<DeValue<'a>>>,
    /// "staffing" or "agent_groups[2]".
    pub prefix: String,
}

impl<'s, 'a> RosterKeys<'s, 'a> {
    /// Reads the two keys of a table (and records them as known).
    pub fn of(t: &mut Table<'s, 'a>) -> Self {
        RosterKeys {
            shifts: t.value("shifts"),
            file: t.value("roster"),
            prefix: t.prefix().to_string(),
        }
    }

    pub fn given(&self) -> bool {
        self.shifts.is_some() || self.file.is_some()
    }

    /// The span and key of whichever is given, for messages about the roster as a whole.
    pub fn origin(&self) -> (Range<usize>, String) {
        match (self.shifts, self.file) {
            (Some(v), _) => (v.span(), format!("{}.shifts", self.prefix)),
            (None, Some(v)) => (v.span(), format!("{}.roster", self.prefix)),
            (None, None) => (0..0, self.prefix.clone()),
        }
    }
}

/// The roster of a table whose `agents` may stand beside; None when it gives neither
/// `shifts` nor `roster`. `agents_given`: the span of an `agents` value or a forecast's
/// `agents` column, which cannot be combined with shifts.
pub(super) fn parse_roster(
    src: &Source<'_>,
    keys: &RosterKeys<'_, '_>,
    agents_given: Option<(Range<usize>, &str)>,
    clock: &Clock,
    base_dir: &Path,
) -> Result<Option<Roster>> {
    if !keys.given() {
        return Ok(None);
    }
    let (span, key) = keys.origin();
    if let Some((agents_span, agents_key)) = agents_given {
        return Err(src.error(
            &span,
            &key,
            &format!(
                "either agents per interval or shifts, not both (`{agents_key}` at {} already \
                 gives the agents)",
                src.location(agents_span.start)
            ),
            "both",
        ));
    }
    if let (Some(_), Some(file)) = (keys.shifts, keys.file) {
        return Err(src.error(
            &file.span(),
            &format!("{}.roster", keys.prefix),
            "either [[shifts]] tables or a roster file, not both",
            "both",
        ));
    }
    let roster = match (keys.shifts, keys.file) {
        (Some(v), _) => shift_tables(src, v, &key, clock)?,
        (None, Some(v)) => roster_file(src, v, &key, clock, base_dir)?,
        (None, None) => unreachable!("checked by `given`"),
    };
    Ok(Some(roster))
}

/// `shifts = [{...}, ...]` or `[[staffing.shifts]]`.
fn shift_tables(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    key: &str,
    clock: &Clock,
) -> Result<Roster> {
    let expected = "one or more shift tables with `start`, `end` and `count`";
    let DeValue::Array(items) = v.get_ref() else {
        return Err(src.error(&v.span(), key, expected, &describe(v.get_ref())));
    };
    if items.is_empty() {
        return Err(src.error(&v.span(), key, expected, "an empty array"));
    }
    let mut shifts = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let name = format!("{key}[{i}]");
        let DeValue::Table(t) = item.get_ref() else {
            return Err(src.error(&item.span(), &name, "a table", &describe(item.get_ref())));
        };
        let t = Table::new(src, &name, t, item.span());
        shifts.push(shift_table(t, clock)?);
    }
    Ok(Roster { shifts })
}

/// A time read from the file, with where it was written and under which key.
struct Placed {
    at: f64,
    place: Place,
    key: String,
    text: String,
}

/// Where a value was written: a TOML span, or a CSV file's line (the key is its column).
#[derive(Clone)]
enum Place {
    Toml(Range<usize>),
    Csv { path: String, line: usize },
}

impl Placed {
    /// The error for this value: file, line, key (or column), expected, found.
    fn error(&self, src: &Source<'_>, expected: &str, found: &str) -> Error {
        match &self.place {
            Place::Toml(span) => src.error(span, &self.key, expected, found),
            Place::Csv { path, line } => Error::input(format!(
                "{path}:{line}: column `{}`: expected {expected}, found {}",
                crate::error::one_line(&self.key),
                crate::error::one_line(found)
            )),
        }
    }
}

fn shift_table(mut t: Table<'_, '_>, clock: &Clock) -> Result<Shift> {
    let src = t.src;
    let start = required_time(&mut t, "start", clock)?;
    let end = required_time(&mut t, "end", clock)?;
    let count = match t.value("count") {
        Some(v) => agent_count(src, v, &t.key_name("count"))?,
        None => {
            return Err(t.missing(
                "count",
                "the number of agents working this shift, such as `count = 12`",
            ));
        }
    };
    let mut breaks = Vec::new();
    if let Some(v) = t.value("breaks") {
        let key = t.key_name("breaks");
        let expected = "a list of breaks such as [{ start = \"10:00\", length = \"15m\" }]";
        let DeValue::Array(items) = v.get_ref() else {
            return Err(src.error(&v.span(), &key, expected, &describe(v.get_ref())));
        };
        for (i, item) in items.iter().enumerate() {
            let name = format!("{key}[{i}]");
            let DeValue::Table(b) = item.get_ref() else {
                return Err(src.error(&item.span(), &name, "a table", &describe(item.get_ref())));
            };
            breaks.push(break_table(Table::new(src, &name, b, item.span()), clock)?);
        }
    }
    t.finish()?;
    let shift = check_shift(src, start, end, breaks, clock)?;
    Ok(Shift { count, ..shift })
}

/// A break as read, before it is checked against its shift.
struct BreakRead {
    start: Placed,
    length_s: f64,
    window_s: f64,
}

fn break_table(mut b: Table<'_, '_>, clock: &Clock) -> Result<BreakRead> {
    let src = b.src;
    let start = required_time(&mut b, "start", clock)?;
    let length_s = match b.duration("length")? {
        Some((d, _)) if d > 0.0 => d,
        Some((d, span)) => {
            return Err(src.error(
                &span,
                &b.key_name("length"),
                "a break length above 0, such as \"15m\"",
                &format_duration(d),
            ));
        }
        None => return Err(b.missing("length", "the break's length, such as \"15m\"")),
    };
    let window_s = match b.duration("window")? {
        Some((d, span)) if d < 0.0 => {
            return Err(src.error(
                &span,
                &b.key_name("window"),
                "a window of 0 or more, such as \"1h\"",
                &format_duration(d),
            ));
        }
        Some((d, _)) => d,
        None => 0.0,
    };
    b.finish()?;
    Ok(BreakRead {
        start,
        length_s,
        window_s,
    })
}

fn required_time(t: &mut Table<'_, '_>, key: &'static str, clock: &Clock) -> Result<Placed> {
    let name = t.key_name(key);
    match t.string(key)? {
        Some((s, span)) => {
            let at = day_time(&s).ok_or_else(|| {
                t.src.error(
                    &span,
                    &name,
                    "a clock time \"HH:MM\" such as \"09:00\"",
                    &format!("\"{s}\""),
                )
            })?;
            Ok(Placed {
                at: since_day_start(at, clock, key == "end"),
                place: Place::Toml(span),
                key: name,
                text: s,
            })
        }
        None => Err(t.missing(key, "a clock time \"HH:MM\" such as \"09:00\"")),
    }
}

fn day_time(s: &str) -> Option<f64> {
    parse_clock(s)
}

/// A clock time as seconds from the start of the simulated day (a day that runs past
/// midnight reads "01:00" as the next morning). A shift `end` at the day's start time is
/// 24 hours later: "00:00" ends a shift at midnight of a day that starts at midnight.
fn since_day_start(clock_s: f64, clock: &Clock, is_end: bool) -> f64 {
    let t = clock_s - clock.start_s.rem_euclid(DAY_S);
    if t < 0.0 || (is_end && t == 0.0) {
        t + DAY_S
    } else {
        t
    }
}

/// A shift's agents: a whole number from 0 to [`MAX_AGENTS`].
fn agent_count(src: &Source<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<u32> {
    let n = count_value(src, v, key)?;
    if n > MAX_AGENTS {
        return Err(src.error(
            &v.span(),
            key,
            &format!("at most {MAX_AGENTS} agents"),
            &n.to_string(),
        ));
    }
    Ok(n as u32)
}

/// The rules every shift keeps, wherever it was read: it ends after it starts and by the
/// close; its breaks lie inside it and do not overlap.
fn check_shift(
    src: &Source<'_>,
    start: Placed,
    end: Placed,
    mut breaks: Vec<BreakRead>,
    clock: &Clock,
) -> Result<Shift> {
    let day = format!(
        "{} to {}",
        clock_label(clock.start_s, false),
        clock_label(clock.start_s + clock.horizon_s, false)
    );
    if start.at >= clock.horizon_s {
        return Err(start.error(
            src,
            &format!("a shift start within the simulated day ({day})"),
            &format!("\"{}\"", start.text),
        ));
    }
    if end.at <= start.at {
        return Err(end.error(
            src,
            &format!("a shift end after its start ({})", start.text),
            &format!("\"{}\"", end.text),
        ));
    }
    if end.at > clock.horizon_s {
        return Err(end.error(
            src,
            &format!("a shift end at or before the close of the simulated day ({day})"),
            &format!("\"{}\", past the close", end.text),
        ));
    }
    breaks.sort_by(|a, b| a.start.at.total_cmp(&b.start.at));
    for b in &breaks {
        let inside = b.start.at >= start.at
            && b.start.at + b.length_s <= end.at
            && b.start.at + b.window_s < end.at;
        if !inside {
            return Err(b.start.error(
                src,
                &format!(
                    "a break inside its shift ({} to {}): starting at or after the start, \
                     its length and window ending before the end",
                    start.text, end.text
                ),
                &format!(
                    "\"{}\" for {}{}",
                    b.start.text,
                    format_duration(b.length_s),
                    if b.window_s > 0.0 {
                        format!(" within {}", format_duration(b.window_s))
                    } else {
                        String::new()
                    }
                ),
            ));
        }
    }
    for w in breaks.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if b.start.at < a.start.at + a.length_s {
            return Err(b.start.error(
                src,
                &format!(
                    "breaks that do not overlap: the break at {} lasts until {}",
                    a.start.text,
                    clock_label(clock.start_s + a.start.at + a.length_s, false)
                ),
                &format!("a break starting at \"{}\"", b.start.text),
            ));
        }
    }
    Ok(Shift {
        start_s: start.at,
        end_s: end.at,
        count: 0,
        breaks: breaks
            .into_iter()
            .map(|b| Break {
                start_s: b.start.at,
                length_s: b.length_s,
                window_s: b.window_s,
            })
            .collect(),
    })
}

/// `roster = "roster.csv"`: one row per agent (no `count`) or per shift.
fn roster_file(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    key: &str,
    clock: &Clock,
    base_dir: &Path,
) -> Result<Roster> {
    let DeValue::String(name) = v.get_ref() else {
        return Err(src.error(
            &v.span(),
            key,
            "the path of a roster CSV file in quotes, such as \"roster.csv\"",
            &describe(v.get_ref()),
        ));
    };
    let path = base_dir.join(name.as_ref());
    let path = path.to_string_lossy();
    let csv = read_raw_csv(&path, src, &v.span(), key)?;
    let col = |name: &str| csv.column(name);
    let start_col = col("start")?;
    let end_col = col("end")?;
    let (Some(start_col), Some(end_col)) = (start_col, end_col) else {
        return Err(csv.missing_column(
            "columns `start` and `end` (clock times; optional: `count`, `break1_start`, \
             `break1_length`, `break1_window`, `break2_start`, ...)",
        ));
    };
    let count_col = col("count")?;
    let mut break_cols = Vec::new();
    for n in 1.. {
        let s = col(&format!("break{n}_start"))?;
        let l = col(&format!("break{n}_length"))?;
        let w = col(&format!("break{n}_window"))?;
        match (s, l) {
            (Some(s), Some(l)) => break_cols.push((n, s, l, w)),
            (None, None) if w.is_none() => break,
            _ => {
                return Err(csv.missing_column(&format!(
                    "both `break{n}_start` and `break{n}_length` (a break needs its start and \
                     its length)"
                )));
            }
        }
    }
    let mut shifts = Vec::with_capacity(csv.rows.len());
    for (line, cells) in &csv.rows {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |c: usize| cells.get(c).map_or("", |s| s.trim());
        let time = |c: usize| -> Result<Placed> {
            let text = cell(c).to_string();
            let at = day_time(&text).ok_or_else(|| {
                csv.error(
                    *line,
                    &csv.header[c],
                    "a clock time \"HH:MM\" such as \"09:00\"",
                    &found(&text),
                )
            })?;
            Ok(Placed {
                at: since_day_start(at, clock, csv.header[c].eq_ignore_ascii_case("end")),
                place: Place::Csv {
                    path: csv.path.clone(),
                    line: *line,
                },
                key: csv.header[c].clone(),
                text,
            })
        };
        let start = time(start_col)?;
        let end = time(end_col)?;
        let count = match count_col {
            Some(c) => {
                let text = cell(c);
                let n = text
                    .parse::<f64>()
                    .ok()
                    .filter(|x| x.fract() == 0.0 && (0.0..=MAX_AGENTS as f64).contains(x));
                n.ok_or_else(|| {
                    csv.error(
                        *line,
                        &csv.header[c],
                        &format!("a whole number of agents from 0 to {MAX_AGENTS}"),
                        &found(text),
                    )
                })? as u32
            }
            None => 1,
        };
        let mut breaks = Vec::new();
        for &(_, s, l, w) in &break_cols {
            if cell(s).is_empty() && cell(l).is_empty() {
                continue;
            }
            let start = time(s)?;
            let duration = |c: usize, positive: bool| -> Result<f64> {
                let text = cell(c);
                parse_duration(text)
                    .ok()
                    .filter(|d| if positive { *d > 0.0 } else { *d >= 0.0 })
                    .ok_or_else(|| {
                        csv.error(
                            *line,
                            &csv.header[c],
                            if positive {
                                "a break length above 0, such as 15m"
                            } else {
                                "a window of 0 or more, such as 1h"
                            },
                            &found(text),
                        )
                    })
            };
            let length_s = duration(l, true)?;
            let window_s = match w {
                Some(w) if !cell(w).is_empty() => duration(w, false)?,
                _ => 0.0,
            };
            breaks.push(BreakRead {
                start,
                length_s,
                window_s,
            });
        }
        let shift = check_shift(src, start, end, breaks, clock)?;
        shifts.push(Shift { count, ..shift });
    }
    if shifts.is_empty() {
        return Err(Error::input(format!(
            "{path}: expected at least one shift row below the header, found none"
        )));
    }
    Ok(Roster { shifts })
}

fn found(text: &str) -> String {
    if text.is_empty() {
        "an empty cell".into()
    } else {
        format!("\"{text}\"")
    }
}

/// SPEC: "a roster where no shift reaches the close and nobody hangs up is refused": calls
/// still waiting after the last shift ends would wait forever.
pub(super) fn check_reaches_close(
    src: &Source<'_>,
    roster: &Roster,
    keys: &RosterKeys<'_, '_>,
    clock: &Clock,
) -> Result<()> {
    if roster.reaches_close(clock.horizon_s) {
        return Ok(());
    }
    let (span, key) = keys.origin();
    Err(src.error(
        &span,
        &key,
        &format!(
            "a shift with at least 1 agent that ends at the close ({}) because nobody hangs \
             up (no patience): calls still waiting after the last shift ends would wait \
             forever",
            clock_label(clock.start_s + clock.horizon_s, false)
        ),
        "no shift reaching the close; add one or a patience",
    ))
}
