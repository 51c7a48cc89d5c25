//! The scenario: a validated, ready-to-simulate description of one call centre's day.
//!
//! `load` reads a TOML file (format in SPEC.md), checks every value and returns a
//! [`Scenario`] in which every quantity is in seconds and per-interval arrays are expanded.
//! Nothing downstream needs to re-check input: what reaches the engine is valid.

pub mod file;
mod forecast;
mod parse;
pub mod toml_reader;

use std::path::Path;

use crate::dist::Dist;
use crate::error::{Error, Result};

pub use parse::parse_scenario;

/// Which definition `service_level` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlDefinition {
    Answered,
    Offered,
    ExclShortAbandons,
}

impl SlDefinition {
    pub fn key(self) -> &'static str {
        match self {
            SlDefinition::Answered => "answered",
            SlDefinition::Offered => "offered",
            SlDefinition::ExclShortAbandons => "excl_short_abandons",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ServiceLevel {
    pub threshold_s: f64,
    pub target: f64,
    pub of: SlDefinition,
}

/// The plan for one interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Interval {
    /// Poisson arrival rate, calls per second.
    pub rate_per_s: f64,
    /// Agents on the phones.
    pub agents: u32,
    /// Multiplies every handle-time sample of calls arriving in this interval
    /// (1 unless a forecast file gives this interval its own mean handle time).
    pub aht_scale: f64,
}

#[derive(Debug, Clone)]
pub struct Simulation {
    pub replications: u64,
    pub seed: u64,
    /// Calls arriving before this time are simulated but not counted.
    pub warmup_s: f64,
}

/// A validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    /// The file it came from, as given on the command line.
    pub path: String,
    pub interval_s: f64,
    /// Clock time of the first interval's start, seconds after midnight.
    pub start_s: f64,
    /// At most this many calls in the centre (talking + waiting).
    pub lines: Option<u32>,
    pub service_level: ServiceLevel,
    pub intervals: Vec<Interval>,
    /// End of arrivals: intervals × interval length, or the constant-rate horizon.
    pub horizon_s: f64,
    pub handle_time: Dist,
    pub patience: Option<Dist>,
    pub shrinkage: Option<f64>,
    pub simulation: Simulation,
}

impl Scenario {
    /// Start and end of interval `i` in simulated seconds (the last may be cut by the horizon).
    pub fn interval_bounds(&self, i: usize) -> (f64, f64) {
        let start = i as f64 * self.interval_s;
        (
            start,
            ((i + 1) as f64 * self.interval_s).min(self.horizon_s),
        )
    }

    /// Clock label of interval `i`'s start: "08:30", or "08:30:15" when seconds matter.
    pub fn interval_label(&self, i: usize) -> String {
        let with_seconds = self.interval_s.fract() != 0.0
            || self.start_s % 60.0 != 0.0
            || self.interval_s % 60.0 != 0.0;
        clock_label(self.start_s + self.interval_bounds(i).0, with_seconds)
    }

    /// Expected calls offered over the day (before warm-up is excluded).
    pub fn expected_calls(&self) -> f64 {
        (0..self.intervals.len())
            .map(|i| {
                let (a, b) = self.interval_bounds(i);
                self.intervals[i].rate_per_s * (b - a)
            })
            .sum()
    }

    /// The file stem, used to name output folders and baselines.
    pub fn stem(&self) -> String {
        Path::new(&self.path)
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
    }
}

/// "HH:MM" (or "HH:MM:SS") of a time of day given in seconds; wraps at midnight.
pub fn clock_label(seconds: f64, with_seconds: bool) -> String {
    let total = seconds.round() as u64 % 86_400;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if with_seconds {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// Reads and validates a scenario file.
pub fn load(path: &str) -> Result<Scenario> {
    let bytes = std::fs::read(path).map_err(|e| {
        Error::input(format!(
            "{path}: cannot read the scenario file: {}",
            crate::error::io_reason(&e)
        ))
    })?;
    let text = decode_text(path, &bytes)?;
    parse_scenario(path, &text)
}

/// Text of a file that must be UTF-8; a byte-order mark is dropped, binary data refused.
/// UTF-16 with a byte-order mark (what Windows tools call "Unicode") is unambiguous, so
/// it is read too.
pub fn decode_text(path: &str, bytes: &[u8]) -> Result<String> {
    if let Some(text) = decode_utf16(path, bytes)? {
        return Ok(text);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(Error::input(format!(
            "{path}:{line}: expected a UTF-8 text file, found binary data (a NUL byte)"
        )));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Error::input(format!(
            "{path}:{line}: expected UTF-8 text, found a byte sequence that is not UTF-8 (byte {at}); \
             save the file as UTF-8"
        ))
    })
}

/// Decodes UTF-16 text that starts with a byte-order mark; None if there is no such mark.
fn decode_utf16(path: &str, bytes: &[u8]) -> Result<Option<String>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return Ok(None),
    };
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| match (c, little) {
            ([a, b], true) => u16::from_le_bytes([*a, *b]),
            ([a, b], false) => u16::from_be_bytes([*a, *b]),
            // An odd final byte cannot be UTF-16: make it an invalid unit.
            _ => 0xDC00,
        })
        .collect();
    let text = String::from_utf16(&units).map_err(|_| {
        Error::input(format!(
            "{path}: expected UTF-16 text after its byte-order mark, found invalid UTF-16; \
             save the file as UTF-8"
        ))
    })?;
    if text.contains('\0') {
        return Err(Error::input(format!(
            "{path}: expected a text file, found binary data (a NUL character)"
        )));
    }
    Ok(Some(text))
}
