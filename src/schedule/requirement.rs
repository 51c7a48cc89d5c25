//! The requirement a schedule covers: agents on the phones per interval, found by
//! `staff`'s search (or its Erlang C / A answers) on the fly, or read from the
//! `staffing.json` that `ccsim staff` wrote.
//!
//! It is the requirement on the phones (`required_agents`), not after shrinkage: the
//! roster's breaks are explicit, and absence is the scenario's `absence`, simulated.

use std::sync::atomic::AtomicBool;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::scenario::Scenario;
use crate::staffing::{self, Method};

/// Agents required on the phones per interval, and where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub agents: Vec<u32>,
    pub source: Source,
}

/// Where a requirement came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Computed now by this method.
    Method(Method),
    /// Read from a staffing.json (its path, and the method that wrote it).
    File { path: String, method: String },
}

impl Source {
    /// "sim", "erlang-c", "erlang-a", or "file" (JSON key `requirement.source`).
    pub fn key(&self) -> &'static str {
        match self {
            Source::Method(m) => m.key(),
            Source::File { .. } => "file",
        }
    }
}

/// The requirement by `method`, computed on the current rayon pool.
pub fn compute(
    sc: &Scenario,
    method: Method,
    threads: usize,
    cancel: &AtomicBool,
    on_evaluation: &(dyn Fn() + Sync),
) -> Result<Requirement> {
    crate::schedule::check_scenario(sc)?;
    let agents = match method {
        Method::Sim => staffing::staff_by_simulation(sc, threads, cancel, on_evaluation)?.agents,
        Method::ErlangC | Method::ErlangA => staffing::analytic(sc, method)?.0,
    };
    Ok(Requirement {
        agents,
        source: Source::Method(method),
    })
}

/// The requirement read from a `staffing.json` of the same day (same intervals and
/// clock labels).
pub fn read(path: &str, sc: &Scenario) -> Result<Requirement> {
    let bytes = crate::scenario::read_input(path, "the staffing file")?;
    let text = crate::scenario::decode_text(path, &bytes)?;
    from_json(path, &text, sc)
}

/// [`read`] on text already in memory.
pub fn from_json(path: &str, text: &str, sc: &Scenario) -> Result<Requirement> {
    let bad = |key: &str, expected: &str, found: String| {
        Error::input(format!(
            "{path}: `{key}`: expected {expected}, found {found}"
        ))
    };
    let v: Value = serde_json::from_str(text).map_err(|e| {
        Error::input(format!(
            "{path}:{}:{}: expected the staffing.json written by `ccsim staff`, found \
             invalid JSON ({})",
            e.line(),
            e.column(),
            e.to_string().split(" at line").next().unwrap_or_default()
        ))
    })?;
    let schema = v.get("schema").and_then(Value::as_str);
    if schema != Some(crate::report::staffing::SCHEMA) {
        return Err(bad(
            "schema",
            &format!(
                "\"{}\" (a file written by `ccsim staff`)",
                crate::report::staffing::SCHEMA
            ),
            schema.map_or("nothing".into(), |s| format!("\"{s}\"")),
        ));
    }
    let Some(intervals) = v.get("intervals").and_then(Value::as_array) else {
        return Err(bad("intervals", "an array of intervals", "nothing".into()));
    };
    let n = sc.model.intervals();
    if intervals.len() != n {
        return Err(bad(
            "intervals",
            &format!("{n} intervals, as in {}", sc.labels.path),
            format!("{}", intervals.len()),
        ));
    }
    let mut agents = Vec::with_capacity(n);
    for (i, row) in intervals.iter().enumerate() {
        let label = sc.model.clock.label(i);
        let start = row.get("start").and_then(Value::as_str);
        if start != Some(label.as_str()) {
            return Err(bad(
                &format!("intervals[{i}].start"),
                &format!("\"{label}\", as in {}", sc.labels.path),
                start.map_or("nothing".into(), |s| format!("\"{s}\"")),
            ));
        }
        let r = row.get("required_agents");
        match r.and_then(Value::as_u64).filter(|&a| a <= 1_000_000) {
            Some(a) => agents.push(a as u32),
            None => {
                return Err(bad(
                    &format!("intervals[{i}].required_agents"),
                    "a whole number of agents from 0 to 1000000",
                    r.map_or("nothing".into(), |x| x.to_string()),
                ));
            }
        }
    }
    Ok(Requirement {
        agents,
        source: Source::File {
            path: path.to_string(),
            method: v
                .get("method")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_string(),
        },
    })
}
