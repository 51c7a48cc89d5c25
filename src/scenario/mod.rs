//! The scenario file: `load` reads a TOML file (format in SPEC.md), checks every value and
//! returns a [`Scenario`]: the [`Model`] of the centre (every quantity in seconds,
//! per-interval arrays expanded), the [`Experiment`] settings (replications, seed,
//! warm-up) and the [`Labels`]. Nothing downstream needs to re-check input: what reaches
//! the engine is valid.

pub mod file;
pub(crate) mod forecast;
mod parse;
pub mod toml_reader;

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::Model;

pub(crate) use parse::parse_clock;
pub use parse::parse_scenario;

/// The experiment settings: how a model is simulated, apart from the model itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub replications: u64,
    pub seed: u64,
    /// Calls arriving before this time are simulated but not counted.
    pub warmup_s: f64,
    /// How ratio metrics are estimated over replications (`[service_level] estimator`).
    pub estimator: crate::stats::Estimator,
}

/// What a scenario is called: labels for people, never read by the simulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    pub name: String,
    /// The file it came from, as given on the command line.
    pub path: String,
    /// `[report]`: who a client report is for, by whom, when, and a note.
    pub report: ReportInfo,
}

/// The scenario's `[report]` table: the client report's header, each part optional and
/// overridden by the flags `--client`, `--author`, `--date` and `--note`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportInfo {
    pub client: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

impl Labels {
    /// The file stem, used to name output folders and baselines.
    pub fn stem(&self) -> String {
        Path::new(&self.path)
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
    }
}

/// A validated scenario file: the model of the centre, how to simulate it, its labels.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub labels: Labels,
    pub model: Model,
    pub experiment: Experiment,
}

impl Scenario {
    /// A fingerprint of what is simulated: the canonical model (forecast and duration
    /// files included) and the warm-up. The file's folder, the seed and the replications
    /// are left out (a sweep's manifest shows and compares those on their own).
    pub fn fingerprint(&self) -> String {
        let canonical = serde_json::json!({
            "model": self.model.canonical(),
            "warmup_s": self.experiment.warmup_s,
        });
        crate::model::fnv1a_hex(canonical.to_string().as_bytes())
    }

    /// The same scenario with another model (a variant of it).
    pub fn with_model(&self, model: Model) -> Scenario {
        Scenario {
            labels: self.labels.clone(),
            model,
            experiment: self.experiment.clone(),
        }
    }
}

/// The largest input file ccsim reads (scenario, forecast, observed durations): far
/// beyond any real one, and a guard against a device or a wrong file eating memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The bytes of an input file: a regular file of at most [`MAX_FILE_BYTES`]; `what` names
/// it in messages ("the scenario file").
pub fn read_input(path: &str, what: &str) -> Result<Vec<u8>> {
    let reason = |e: &std::io::Error| crate::error::io_reason(e);
    let meta = std::fs::metadata(path)
        .map_err(|e| Error::input(format!("{path}: cannot read {what}: {}", reason(&e))))?;
    if !meta.is_file() {
        return Err(Error::input(format!(
            "{path}: expected {what} to be a regular file, found {}",
            if meta.is_dir() {
                "a folder"
            } else {
                "a device or other special file"
            }
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(format!(
            "{path}: expected {what} of at most {} MB, found {} MB",
            MAX_FILE_BYTES >> 20,
            meta.len() >> 20
        )));
    }
    std::fs::read(path)
        .map_err(|e| Error::input(format!("{path}: cannot read {what}: {}", reason(&e))))
}

/// Reads and validates a scenario file.
pub fn load(path: &str) -> Result<Scenario> {
    let bytes = read_input(path, "the scenario file")?;
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
