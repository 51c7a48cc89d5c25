//! Reading a switch's call log: one row per call, columns named by a [`ColumnMap`].
//!
//! Switches (ACDs) and WFM tools export CSV in every locale: comma, semicolon or tab
//! separated, decimal commas, clock times or full timestamps, durations in seconds or as
//! `mm:ss`. The spreadsheet conventions (encodings, `sep=;`, quoted fields) are those of
//! forecast files (`scenario::forecast`). A row that cannot be read is never dropped
//! silently: every bad row is counted by reason, the first of each reason is kept with
//! its file and line, and the log is refused unless the caller allows skipping them.
//! Rows handled in the voice menu (IVR) never reached the queue: they are counted apart.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::error::{Error, Result, one_line};
use crate::scenario::forecast::{
    decode_spreadsheet_text, find_column, header_cells, header_list, sniff_delimiter, split_fields,
};

/// How a call that reached the queue ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Answered,
    Abandoned,
    /// A busy signal: the call never queued (all lines taken).
    Busy,
}

/// One call that reached the queue.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Call {
    /// Index into [`CallLog::days`].
    pub day: u32,
    /// Arrival, seconds after midnight of its day.
    pub arrival_s: f64,
    /// Time in queue until answer or hang-up (0 for busy signals).
    pub wait_s: f64,
    pub outcome: Outcome,
    /// Talk (+ wrap-up) time of an answered call, when the log has talk times.
    pub handle_s: Option<f64>,
    /// Index into [`CallLog::agents`].
    pub agent: Option<u32>,
    /// Index into [`CallLog::call_types`].
    pub call_type: Option<u32>,
}

/// A day of the log.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// Days since 1970-01-01, or None for a log of clock times without dates.
    pub number: Option<i64>,
    /// "2026-11-02" or "the log's day".
    pub label: String,
}

impl Day {
    /// 0 = Monday … 6 = Sunday, when the date is known.
    pub fn weekday(&self) -> Option<usize> {
        self.number.map(|n| (n + 3).rem_euclid(7) as usize)
    }
}

/// Weekday names, Monday first, as accepted by `--weekday`.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Bad rows of one reason: how many, and the first one's full message.
#[derive(Debug, Clone, PartialEq)]
pub struct BadRows {
    pub count: u64,
    /// Line of the first one.
    pub line: usize,
    pub first: String,
}

/// A call log read into memory.
#[derive(Debug, Clone)]
pub struct CallLog {
    pub path: String,
    /// In date order.
    pub days: Vec<Day>,
    /// Sorted by day, then arrival.
    pub calls: Vec<Call>,
    /// Rows handled in the voice menu, per day (never reached the queue).
    pub ivr: Vec<u64>,
    pub agents: Vec<String>,
    pub call_types: Vec<String>,
    /// Data rows read, bad ones included.
    pub rows: u64,
    /// Skipped rows by reason (empty unless skipping was allowed).
    pub skipped: BTreeMap<&'static str, BadRows>,
    /// Whether the log has talk times (handle times are known).
    pub has_handle: bool,
}

impl CallLog {
    /// Lines for people: how many rows were skipped and why (nothing when none were).
    pub fn skipped_summary(&self) -> Vec<String> {
        let total: u64 = self.skipped.values().map(|b| b.count).sum();
        if total == 0 {
            return Vec::new();
        }
        let mut out = vec![format!(
            "{}: skipped {total} of {} rows:",
            self.path, self.rows
        )];
        for (reason, b) in &self.skipped {
            out.push(format!("  {} × {reason}; first: {}", b.count, b.first));
        }
        out
    }
}

/// Which column holds what, and which outcome codes mean what.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnMap {
    pub arrival: String,
    pub date: Option<String>,
    pub wait: String,
    pub outcome: String,
    pub talk: Option<String>,
    pub wrap: Option<String>,
    pub call_type: Option<String>,
    pub agent: Option<String>,
    pub answered: Vec<String>,
    pub abandoned: Vec<String>,
    pub busy: Vec<String>,
    pub ivr: Vec<String>,
    /// Slashed dates (`02/11/2026`) read month first.
    pub month_first: bool,
}

impl Default for ColumnMap {
    fn default() -> Self {
        ColumnMap {
            arrival: "arrival".into(),
            date: None,
            wait: "wait".into(),
            outcome: "outcome".into(),
            talk: None,
            wrap: None,
            call_type: None,
            agent: None,
            answered: vec!["answered".into()],
            abandoned: vec!["abandoned".into()],
            busy: vec!["busy".into()],
            ivr: vec!["ivr".into()],
            month_first: false,
        }
    }
}

/// The column-map file (`--columns map.toml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    columns: MapColumns,
    #[serde(default)]
    outcomes: MapOutcomes,
    #[serde(default)]
    dates: MapDates,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapColumns {
    arrival: Option<String>,
    date: Option<String>,
    wait: Option<String>,
    outcome: Option<String>,
    talk: Option<String>,
    wrap: Option<String>,
    #[serde(rename = "type")]
    call_type: Option<String>,
    agent: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapOutcomes {
    answered: Option<Vec<String>>,
    abandoned: Option<Vec<String>>,
    busy: Option<Vec<String>>,
    ivr: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MapDates {
    order: Option<String>,
}

impl ColumnMap {
    /// Reads a column-map file over the defaults.
    pub fn from_file(path: &str) -> Result<ColumnMap> {
        let bytes = crate::scenario::read_input(path, "the column map")?;
        let text = crate::scenario::decode_text(path, &bytes)?;
        let file: MapFile = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .map_or(String::new(), |l| format!(":{l}"));
            Error::input(format!("{path}{line}: {}", e.message()))
        })?;
        let mut map = ColumnMap::default();
        let c = file.columns;
        if let Some(v) = c.arrival {
            map.arrival = v;
        }
        if let Some(v) = c.wait {
            map.wait = v;
        }
        if let Some(v) = c.outcome {
            map.outcome = v;
        }
        map.date = c.date.or(map.date);
        map.talk = c.talk.or(map.talk);
        map.wrap = c.wrap.or(map.wrap);
        map.call_type = c.call_type.or(map.call_type);
        map.agent = c.agent.or(map.agent);
        let o = file.outcomes;
        for (from, to) in [
            (o.answered, &mut map.answered),
            (o.abandoned, &mut map.abandoned),
            (o.busy, &mut map.busy),
            (o.ivr, &mut map.ivr),
        ] {
            if let Some(v) = from {
                *to = v;
            }
        }
        match file.dates.order.as_deref() {
            None | Some("dmy") => {}
            Some("mdy") => map.month_first = true,
            Some(other) => {
                return Err(Error::input(format!(
                    "{path}: `dates.order`: expected \"dmy\" or \"mdy\", found \"{}\"",
                    one_line(other)
                )));
            }
        }
        Ok(map)
    }
}

/// The column map of `--columns` with the flags over it, and the bad-row policy.
pub fn map_from_flags(f: &crate::cli::calllog::LogFlags) -> Result<(ColumnMap, BadRowPolicy)> {
    let mut map = match &f.columns {
        Some(path) => ColumnMap::from_file(path)?,
        None => ColumnMap::default(),
    };
    let set = |to: &mut String, from: &Option<String>| {
        if let Some(v) = from {
            *to = v.clone();
        }
    };
    set(&mut map.arrival, &f.arrival);
    set(&mut map.wait, &f.wait);
    set(&mut map.outcome, &f.outcome);
    for (to, from) in [
        (&mut map.date, &f.date),
        (&mut map.talk, &f.talk),
        (&mut map.wrap, &f.wrap),
        (&mut map.call_type, &f.call_type),
        (&mut map.agent, &f.agent),
    ] {
        if from.is_some() {
            *to = from.clone();
        }
    }
    for (to, from, flag) in [
        (&mut map.answered, &f.answered, "--answered"),
        (&mut map.abandoned, &f.abandoned, "--abandoned"),
        (&mut map.busy, &f.busy, "--busy"),
        (&mut map.ivr, &f.ivr, "--ivr"),
    ] {
        if let Some(v) = from {
            if v.iter().all(|c| c.trim().is_empty()) {
                return Err(Error::input(format!(
                    "{flag}: expected outcome codes separated by commas, such as ANS,ANSWERED, \
                     found nothing"
                )));
            }
            *to = v.clone();
        }
    }
    map.month_first |= f.month_first;
    let policy = if f.skip_bad_rows {
        BadRowPolicy::Skip
    } else {
        BadRowPolicy::Refuse
    };
    Ok((map, policy))
}

/// `--weekday`: a weekday name (or its first three letters), 0 = Monday.
pub fn parse_weekday(text: &str) -> Result<usize> {
    let t = text.trim().to_lowercase();
    WEEKDAYS
        .iter()
        .position(|w| t.len() >= 3 && w.starts_with(&t))
        .ok_or_else(|| {
            Error::input(format!(
                "--weekday: expected a weekday such as monday or mon, found \"{}\"",
                one_line(text)
            ))
        })
}

/// What happens to rows that cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRowPolicy {
    /// Refuse the log (exit 2), naming the first bad row and counting all.
    Refuse,
    /// Leave them out, counted by reason in [`CallLog::skipped`].
    Skip,
}

/// Column indices in the header.
struct Columns {
    arrival: usize,
    date: Option<usize>,
    wait: usize,
    outcome: usize,
    talk: Option<usize>,
    wrap: Option<usize>,
    call_type: Option<usize>,
    agent: Option<usize>,
}

/// What a cell meant.
enum Code {
    Queued(Outcome),
    Ivr,
}

/// Reads a call log.
pub fn read_log(path: &str, map: &ColumnMap, policy: BadRowPolicy) -> Result<CallLog> {
    let bytes = crate::scenario::read_input(path, "the call log")?;
    let text = decode_spreadsheet_text(path, &bytes)?;
    parse_log(path, &text, map, policy)
}

/// Reads a call log from its text (`path` names it in messages).
pub fn parse_log(path: &str, text: &str, map: &ColumnMap, policy: BadRowPolicy) -> Result<CallLog> {
    let mut lines = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip_while(|(_, l)| l.trim().is_empty())
        .peekable();
    let mut delimiter = None;
    if let Some((_, l)) = lines.peek()
        && let Some(d) = l.trim().strip_prefix("sep=")
        && d.chars().count() == 1
    {
        delimiter = d.chars().next();
        lines.next();
    }
    let Some((header_no, header_line)) = lines.next() else {
        return Err(Error::input(format!(
            "{path}: expected a header line naming the columns, found an empty file"
        )));
    };
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(header_line));
    let header = header_cells(header_line, delimiter);
    let cols = find_columns(path, header_no, &header, map)?;
    let codes = outcome_codes(map);
    let expected_codes = describe_codes(map);
    let mut reader = Reader {
        path,
        decimal_comma: delimiter != ',',
        month_first: map.month_first,
        bad: BTreeMap::new(),
    };
    let mut calls: Vec<(i64, Call)> = Vec::new();
    let mut ivr: Vec<(i64, u64)> = Vec::new();
    let mut agents = Interner::default();
    let mut types = Interner::default();
    let mut rows = 0u64;
    let mut dated: Option<bool> = None;
    let mut fields: Vec<String> = Vec::new();
    for (line_no, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        rows += 1;
        split_into(line, delimiter, &mut fields);
        let cell = |i: usize| fields.get(i).map(|s| s.trim()).unwrap_or("");
        let row = reader.row(
            line_no,
            &header,
            &cols,
            &cell,
            &codes,
            &expected_codes,
            &mut dated,
        );
        let Some((day, arrival_s, row)) = row else {
            continue;
        };
        match row {
            RowKind::Ivr => match ivr.iter_mut().find(|(d, _)| *d == day) {
                Some((_, n)) => *n += 1,
                None => ivr.push((day, 1)),
            },
            RowKind::Call {
                wait_s,
                outcome,
                handle_s,
            } => {
                let agent = cols
                    .agent
                    .map(&cell)
                    .filter(|a| !a.is_empty() && outcome == Outcome::Answered)
                    .map(|a| agents.id(a));
                let call_type = cols
                    .call_type
                    .map(&cell)
                    .filter(|t| !t.is_empty())
                    .map(|t| types.id(t));
                calls.push((
                    day,
                    Call {
                        day: 0,
                        arrival_s,
                        wait_s,
                        outcome,
                        handle_s,
                        agent,
                        call_type,
                    },
                ));
            }
        }
    }
    if !reader.bad.is_empty() && policy == BadRowPolicy::Refuse {
        let total: u64 = reader.bad.values().map(|b| b.count).sum();
        let first = reader
            .bad
            .values()
            .min_by_key(|b| b.line)
            .map(|b| b.first.clone())
            .unwrap_or_default();
        let reasons: Vec<String> = reader
            .bad
            .iter()
            .map(|(r, b)| format!("{} × {r}", b.count))
            .collect();
        return Err(Error::input(format!(
            "{first} ({total} bad row{} of {rows}: {}; fix them, or pass --skip-bad-rows to \
             leave them out)",
            if total == 1 { "" } else { "s" },
            reasons.join(", ")
        )));
    }
    if calls.is_empty() {
        return Err(Error::input(format!(
            "{path}: expected at least one call that reached the queue (answered, abandoned \
             or busy), found none in {rows} rows"
        )));
    }
    // Days in date order; calls sorted by day and arrival.
    let mut day_numbers: Vec<i64> = calls.iter().map(|(d, _)| *d).collect();
    day_numbers.extend(ivr.iter().map(|(d, _)| *d));
    day_numbers.sort_unstable();
    day_numbers.dedup();
    let index: HashMap<i64, u32> = day_numbers
        .iter()
        .enumerate()
        .map(|(i, d)| (*d, i as u32))
        .collect();
    let mut calls: Vec<Call> = calls
        .into_iter()
        .map(|(d, mut c)| {
            c.day = index[&d];
            c
        })
        .collect();
    calls.sort_by(|a, b| a.day.cmp(&b.day).then(a.arrival_s.total_cmp(&b.arrival_s)));
    let mut ivr_per_day = vec![0; day_numbers.len()];
    for (d, n) in ivr {
        ivr_per_day[index[&d] as usize] += n;
    }
    let days = day_numbers
        .iter()
        .map(|&n| {
            if dated == Some(true) {
                Day {
                    number: Some(n),
                    label: date_label(n),
                }
            } else {
                Day {
                    number: None,
                    label: "the log's day".into(),
                }
            }
        })
        .collect();
    Ok(CallLog {
        path: path.to_string(),
        days,
        calls,
        ivr: ivr_per_day,
        agents: agents.names,
        call_types: types.names,
        rows,
        skipped: reader.bad,
        has_handle: cols.talk.is_some(),
    })
}

/// Splits a line into `out`, reusing its strings; quoted fields go the slow way.
fn split_into(line: &str, delimiter: char, out: &mut Vec<String>) {
    if line.contains('"') {
        *out = split_fields(line, delimiter);
        return;
    }
    let mut n = 0;
    for field in line.split(delimiter) {
        if n < out.len() {
            out[n].clear();
            out[n].push_str(field);
        } else {
            out.push(field.to_string());
        }
        n += 1;
    }
    out.truncate(n);
}

#[derive(Default)]
struct Interner {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        self.names.push(name.to_string());
        self.ids.insert(name.to_string(), id);
        id
    }
}

fn find_columns(path: &str, line: usize, header: &[String], map: &ColumnMap) -> Result<Columns> {
    let find = |name: &str| find_column(path, line, header, name);
    let shown = || header_list(header);
    let required = |name: &str, flag: &str| -> Result<usize> {
        find(name)?.ok_or_else(|| {
            Error::input(format!(
                "{path}:{line}: expected a column `{}` ({flag} names another), found the \
                 columns {}",
                one_line(name),
                shown()
            ))
        })
    };
    // A column named by the user must exist; the default names are used when present.
    let optional = |given: &Option<String>, default: &str, flag: &str| -> Result<Option<usize>> {
        match given {
            Some(name) => required(name, flag).map(Some),
            None => find(default),
        }
    };
    Ok(Columns {
        arrival: required(&map.arrival, "--arrival")?,
        date: optional(&map.date, "date", "--date")?,
        wait: required(&map.wait, "--wait")?,
        outcome: required(&map.outcome, "--outcome")?,
        talk: optional(&map.talk, "talk", "--talk")?,
        wrap: optional(&map.wrap, "wrap", "--wrap")?,
        call_type: optional(&map.call_type, "type", "--type")?,
        agent: optional(&map.agent, "agent", "--agent")?,
    })
}

fn outcome_codes(map: &ColumnMap) -> HashMap<String, Code> {
    let mut codes = HashMap::new();
    for (list, code) in [
        (&map.answered, Outcome::Answered),
        (&map.abandoned, Outcome::Abandoned),
        (&map.busy, Outcome::Busy),
    ] {
        for v in list {
            codes.insert(v.trim().to_lowercase(), Code::Queued(code));
        }
    }
    for v in &map.ivr {
        codes.insert(v.trim().to_lowercase(), Code::Ivr);
    }
    codes
}

fn describe_codes(map: &ColumnMap) -> String {
    let q = |l: &[String]| {
        l.iter()
            .map(|v| format!("\"{}\"", one_line(v)))
            .collect::<Vec<_>>()
            .join(" or ")
    };
    format!(
        "answered {}, abandoned {}, busy {}, voice menu {}; set them with --answered, \
         --abandoned, --busy, --ivr",
        q(&map.answered),
        q(&map.abandoned),
        q(&map.busy),
        q(&map.ivr)
    )
}

enum RowKind {
    Ivr,
    Call {
        wait_s: f64,
        outcome: Outcome,
        handle_s: Option<f64>,
    },
}

struct Reader<'a> {
    path: &'a str,
    decimal_comma: bool,
    month_first: bool,
    bad: BTreeMap<&'static str, BadRows>,
}

/// The longest wait believed: a wait past a day is a clock error in the export.
const MAX_WAIT_S: f64 = 86_400.0;

impl Reader<'_> {
    fn reject(&mut self, line: usize, reason: &'static str, message: String) {
        let entry = self.bad.entry(reason).or_insert_with(|| BadRows {
            count: 0,
            line,
            first: format!("{}:{line}: {}", self.path, one_line(&message)),
        });
        entry.count += 1;
    }

    /// One data row: its day, arrival and what it holds; None (and counted) when bad.
    #[allow(clippy::too_many_arguments)]
    fn row<'c>(
        &mut self,
        line: usize,
        header: &[String],
        cols: &Columns,
        cell: &impl Fn(usize) -> &'c str,
        codes: &HashMap<String, Code>,
        expected_codes: &str,
        dated: &mut Option<bool>,
    ) -> Option<(i64, f64, RowKind)> {
        let name = |i: usize| one_line(&header[i]);
        let raw_arrival = cell(cols.arrival);
        let Some((date_in_arrival, arrival_s)) = parse_time(raw_arrival, self.month_first) else {
            self.reject(
                line,
                "unreadable arrival time",
                format!(
                    "column `{}`: expected a clock time (08:30:15) or a timestamp \
                     (2026-11-02 08:30:15), found \"{raw_arrival}\"",
                    name(cols.arrival)
                ),
            );
            return None;
        };
        let day = match (date_in_arrival, cols.date) {
            (Some(d), _) => Some(d),
            (None, Some(c)) => {
                let raw = cell(c);
                match parse_date(raw, self.month_first) {
                    Some(d) => Some(d),
                    None => {
                        self.reject(
                            line,
                            "unreadable date",
                            format!(
                                "column `{}`: expected a date (2026-11-02 or 02/11/2026), \
                                 found \"{raw}\"",
                                name(c)
                            ),
                        );
                        return None;
                    }
                }
            }
            (None, None) => None,
        };
        match (*dated, day.is_some()) {
            (None, d) => *dated = Some(d),
            (Some(a), b) if a != b => {
                self.reject(
                    line,
                    "a date missing or unexpected",
                    format!(
                        "column `{}`: expected {} as in the first row, found \"{raw_arrival}\"",
                        name(cols.arrival),
                        if a {
                            "a date with the time"
                        } else {
                            "a clock time without a date"
                        }
                    ),
                );
                return None;
            }
            _ => {}
        }
        let raw_outcome = cell(cols.outcome);
        let code = match codes.get(&raw_outcome.to_lowercase()) {
            Some(c) => c,
            None => {
                self.reject(
                    line,
                    "unknown outcome code",
                    format!(
                        "column `{}`: expected an outcome code ({expected_codes}), found \"{}\"",
                        name(cols.outcome),
                        raw_outcome
                    ),
                );
                return None;
            }
        };
        let outcome = match code {
            Code::Ivr => return Some((day.unwrap_or(0), arrival_s, RowKind::Ivr)),
            Code::Queued(o) => *o,
        };
        let wait_s = if outcome == Outcome::Busy && cell(cols.wait).is_empty() {
            0.0
        } else {
            self.duration(line, cols.wait, &name(cols.wait), cell(cols.wait))?
        };
        if wait_s > MAX_WAIT_S {
            self.reject(
                line,
                "a wait past the end of the day",
                format!(
                    "column `{}`: expected a wait of at most a day, found \"{}\"",
                    name(cols.wait),
                    cell(cols.wait)
                ),
            );
            return None;
        }
        let handle_s = match (outcome, cols.talk) {
            (Outcome::Answered, Some(t)) => {
                let talk = self.duration(line, t, &name(t), cell(t))?;
                let wrap = match cols.wrap {
                    Some(w) if !cell(w).is_empty() => self.duration(line, w, &name(w), cell(w))?,
                    _ => 0.0,
                };
                Some(talk + wrap)
            }
            _ => None,
        };
        Some((
            day.unwrap_or(0),
            arrival_s,
            RowKind::Call {
                wait_s,
                outcome,
                handle_s,
            },
        ))
    }

    fn duration(&mut self, line: usize, _col: usize, name: &str, raw: &str) -> Option<f64> {
        match parse_log_duration(raw, self.decimal_comma) {
            Some(x) if x >= 0.0 => Some(x),
            Some(_) => {
                self.reject(
                    line,
                    "a negative duration",
                    format!("column `{name}`: expected a duration of 0 or more, found \"{raw}\""),
                );
                None
            }
            None => {
                self.reject(
                    line,
                    "unreadable duration",
                    format!(
                        "column `{name}`: expected a duration (seconds such as 42 or 42.5, \
                         mm:ss, hh:mm:ss, or with units such as 4m30s), found \"{raw}\""
                    ),
                );
                None
            }
        }
    }
}

/// A duration cell: seconds (decimal comma allowed when the file is not comma separated),
/// `mm:ss` / `hh:mm:ss`, or with units. None when unreadable; negatives are returned.
pub fn parse_log_duration(raw: &str, decimal_comma: bool) -> Option<f64> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(x) = s.parse::<f64>() {
        return x.is_finite().then_some(x);
    }
    if decimal_comma && s.contains(',') {
        let t = s.replace('.', "").replace(',', ".");
        if let Ok(x) = t.parse::<f64>() {
            return x.is_finite().then_some(x);
        }
    }
    if s.contains(':') {
        let (neg, body) = match s.strip_prefix('-') {
            Some(b) => (true, b),
            None => (false, s),
        };
        let secs = clock_seconds(body, decimal_comma)?;
        return Some(if neg { -secs } else { secs });
    }
    crate::duration::parse_duration(s).ok()
}

/// `hh:mm:ss(.f)`, `hh:mm` or `mm:ss`-style fields: the last field is seconds when there
/// are three, minutes-and-seconds when `two_as_minutes`.
fn clock_fields(s: &str, decimal_comma: bool) -> Option<(f64, f64, f64, usize)> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let whole = |p: &str| -> Option<f64> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<f64>().ok())
            .flatten()
    };
    let secs = |p: &str| -> Option<f64> {
        let p = if decimal_comma {
            p.replace(',', ".")
        } else {
            p.to_string()
        };
        let int = p.split('.').next().unwrap_or("");
        if int.is_empty() || int.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            return None;
        }
        p.parse::<f64>().ok().filter(|x| *x < 60.0)
    };
    let a = whole(parts[0])?;
    if parts.len() == 3 {
        let b = whole(parts[1]).filter(|m| *m < 60.0)?;
        Some((a, b, secs(parts[2])?, 3))
    } else {
        Some((a, secs(parts[1])?, 0.0, 2))
    }
}

/// A duration written as a clock: `hh:mm:ss` or `mm:ss`.
fn clock_seconds(s: &str, decimal_comma: bool) -> Option<f64> {
    let (a, b, c, n) = clock_fields(s, decimal_comma)?;
    Some(if n == 3 {
        a * 3600.0 + b * 60.0 + c
    } else {
        a * 60.0 + b
    })
}

/// A time of day `hh:mm` or `hh:mm:ss(.f)`, seconds after midnight.
fn time_of_day(s: &str) -> Option<f64> {
    let (a, b, c, n) = clock_fields(s, true)?;
    let t = if n == 3 {
        a * 3600.0 + b * 60.0 + c
    } else {
        // hh:mm
        if b.fract() != 0.0 {
            return None;
        }
        a * 3600.0 + b * 60.0
    };
    (a < 24.0 || (a == 24.0 && b == 0.0 && c == 0.0)).then_some(t)
}

/// An arrival cell: a time of day, or a date and a time (`2026-11-02 08:30:15`,
/// `2026-11-02T08:30:15Z`, `02/11/2026 08:30`). Returns the day number if dated.
pub fn parse_time(raw: &str, month_first: bool) -> Option<(Option<i64>, f64)> {
    let s = raw.trim();
    if let Some(t) = time_of_day(s) {
        return Some((None, t));
    }
    let (date, time) = s.split_once(['T', ' '])?;
    let time = time.trim();
    let time = time
        .strip_suffix('Z')
        .or_else(|| time.strip_suffix("+00:00"))
        .unwrap_or(time);
    Some((Some(parse_date(date, month_first)?), time_of_day(time)?))
}

/// A date: `2026-11-02`, `02/11/2026` (day first unless `month_first`), `02.11.2026`.
/// Days since 1970-01-01.
pub fn parse_date(raw: &str, month_first: bool) -> Option<i64> {
    let s = raw.trim();
    let num = |p: &str, max_len: usize| -> Option<i64> {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (y, m, d) = if let [y, m, d] = s.split('-').collect::<Vec<_>>()[..] {
        (num(y, 4)?, num(m, 2)?, num(d, 2)?)
    } else if let [a, b, y] = s.split(['/', '.']).collect::<Vec<_>>()[..] {
        let (a, b) = (num(a, 2)?, num(b, 2)?);
        let (d, m) = if month_first && s.contains('/') {
            (b, a)
        } else {
            (a, b)
        };
        (num(y, 4).filter(|y| *y >= 1000)?, m, d)
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2026-11-02` for a day number.
pub fn date_label(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2026, 11, 2), (2000, 2, 29), (2024, 12, 31)] {
            let n = days_from_civil(y, m, d);
            assert_eq!(date_label(n), format!("{y:04}-{m:02}-{d:02}"));
        }
        // 2026-11-02 is a Monday.
        let day = Day {
            number: parse_date("2026-11-02", false),
            label: String::new(),
        };
        assert_eq!(day.weekday(), Some(0));
        assert_eq!(
            parse_date("02/11/2026", false),
            parse_date("2026-11-02", false)
        );
        assert_eq!(
            parse_date("11/02/2026", true),
            parse_date("2026-11-02", false)
        );
        assert_eq!(parse_date("31/02/2026", false), None);
    }

    #[test]
    fn times_and_durations() {
        assert_eq!(parse_time("08:30", false), Some((None, 30600.0)));
        assert_eq!(parse_time("08:30:15.5", false), Some((None, 30615.5)));
        let (d, t) = parse_time("2026-11-02T08:30:15Z", false).unwrap();
        assert_eq!((d, t), (parse_date("2026-11-02", false), 30615.0));
        assert_eq!(parse_time("25:00", false), None);
        assert_eq!(parse_log_duration("42,5", true), Some(42.5));
        assert_eq!(parse_log_duration("01:05", false), Some(65.0));
        assert_eq!(parse_log_duration("00:01:05", false), Some(65.0));
        assert_eq!(parse_log_duration("4m30s", false), Some(270.0));
        assert_eq!(parse_log_duration("-3", false), Some(-3.0));
        assert_eq!(parse_log_duration("soon", false), None);
    }
}
