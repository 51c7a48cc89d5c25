//! Regression checks: compare a run's `summary.json` with a stored baseline, metric by
//! metric, overall and per interval, with a tolerance taken from both confidence intervals.
//!
//! A metric regresses when the means differ by more than `k·sqrt(ci95_a² + ci95_b²)/1.96`
//! (k standard errors of the difference; k = 3 by default) plus a small absolute floor
//! that absorbs floating-point noise where both half-widths are zero. A baseline written by
//! another ccsim version or for another scenario (name, intervals or seed) is reported as
//! such instead of being compared.

use serde_json::Value;

use crate::stats::Metric;

/// The default tolerance multiplier k.
pub const DEFAULT_K: f64 = 3.0;

/// What counts as a regression.
#[derive(Debug, Clone)]
pub struct Tolerance {
    /// Multiplier of the standard error of the difference.
    pub k: f64,
    /// The metrics compared.
    pub metrics: Vec<Metric>,
    /// Whether each interval is compared too, not only the day.
    pub per_interval: bool,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            k: DEFAULT_K,
            metrics: Metric::ALL.to_vec(),
            per_interval: true,
        }
    }
}

/// The absolute floor added to the allowed difference: well above floating-point noise,
/// well below any change a planner would care about.
pub fn floor(m: Metric) -> f64 {
    if m.is_fraction() {
        1e-4
    } else {
        // Seconds and call counts.
        1e-2
    }
}

/// A metric's mean and half-width as stored in a summary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanCi {
    pub mean: Option<f64>,
    pub ci95: Option<f64>,
}

/// The parts of a `summary.json` a check reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub schema: String,
    pub ccsim_version: String,
    pub scenario: String,
    pub seed: u64,
    pub replications: u64,
    /// Each interval's start label and metrics.
    pub intervals: Vec<(String, Vec<MeanCi>)>,
    pub overall: Vec<MeanCi>,
}

/// The largest confidence half-width a count or a time in seconds can plausibly have.
const MAX_PLAUSIBLE_CI: f64 = 1e12;

/// Refuses values no run can produce (a tampered or corrupt baseline): a baseline with a
/// huge or negative half-width would pass any result.
fn check_plausible(m: Metric, mean: Option<f64>, ci95: Option<f64>) -> Result<(), String> {
    // Every metric is 0 or more; shares are at most 1.
    let (top, words) = if m.is_fraction() {
        (1.0, "from 0 to 1")
    } else {
        (f64::MAX, "of 0 or more")
    };
    if let Some(x) = mean
        && !(0.0..=top).contains(&x)
    {
        return Err(format!("a mean {words}, found {x}"));
    }
    let top = if m.is_fraction() {
        1.0
    } else {
        MAX_PLAUSIBLE_CI
    };
    if let Some(h) = ci95
        && !(0.0..=top).contains(&h)
    {
        return Err(format!("a 95 % half-width from 0 to {top}, found {h}"));
    }
    Ok(())
}

impl Summary {
    /// Reads a summary from JSON; the error says what was wrong, for the caller to place.
    pub fn from_json(v: &Value) -> Result<Summary, String> {
        let s = |key: &str| -> Result<String, String> {
            v.get(key)
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("expected a string `{key}`"))
        };
        let u = |key: &str| -> Result<u64, String> {
            v.get(key)
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("expected a whole number `{key}`"))
        };
        let schema = s("schema")?;
        if schema != crate::report::json::SCHEMA {
            return Err(format!(
                "expected a summary.json (schema \"{}\"), found schema \"{schema}\"",
                crate::report::json::SCHEMA
            ));
        }
        let metrics = |obj: &Value, place: &str| -> Result<Vec<MeanCi>, String> {
            Metric::ALL
                .iter()
                .map(|m| {
                    let Some(e) = obj.get(m.key()) else {
                        // Newer metrics are missing from older baselines, and the
                        // per-caller ones from runs without redials: not compared.
                        if m.is_recent() {
                            return Ok(MeanCi {
                                mean: None,
                                ci95: None,
                            });
                        }
                        return Err(format!("expected the metric `{}` in {place}", m.key()));
                    };
                    let num = |k: &str| -> Result<Option<f64>, String> {
                        match e.get(k) {
                            None | Some(Value::Null) => Ok(None),
                            Some(x) => x.as_f64().map(Some).ok_or_else(|| {
                                format!("expected a number or null as {place} `{}.{k}`", m.key())
                            }),
                        }
                    };
                    let (mean, ci95) = (num("mean")?, num("ci95")?);
                    check_plausible(*m, mean, ci95)
                        .map_err(|why| format!("expected {why} as {place} `{}`", m.key()))?;
                    Ok(MeanCi { mean, ci95 })
                })
                .collect()
        };
        let overall = metrics(
            v.get("overall").ok_or("expected an `overall` object")?,
            "`overall`",
        )?;
        let intervals = v
            .get("intervals")
            .and_then(Value::as_array)
            .ok_or("expected an `intervals` array")?
            .iter()
            .enumerate()
            .map(|(i, iv)| {
                let start = iv
                    .get("start")
                    .and_then(Value::as_str)
                    .ok_or_else(|| format!("expected a `start` label in intervals[{i}]"))?;
                Ok((start.to_string(), metrics(iv, &format!("intervals[{i}]"))?))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Summary {
            schema,
            ccsim_version: s("ccsim_version")?,
            scenario: s("scenario")?,
            seed: u("seed")?,
            replications: u("replications")?,
            intervals,
            overall,
        })
    }
}

/// Why a baseline cannot be compared with a run: one reason per difference.
pub fn mismatches(baseline: &Summary, now: &Summary) -> Vec<String> {
    let mut why = Vec::new();
    if baseline.ccsim_version != now.ccsim_version {
        why.push(format!(
            "it was written by ccsim {}, this is ccsim {}",
            baseline.ccsim_version, now.ccsim_version
        ));
    }
    if baseline.scenario != now.scenario {
        why.push(format!(
            "it is for the scenario \"{}\", not \"{}\"",
            baseline.scenario, now.scenario
        ));
    }
    if baseline.seed != now.seed {
        why.push(format!(
            "it was run with seed {}, this run uses seed {}",
            baseline.seed, now.seed
        ));
    }
    let starts = |s: &Summary| {
        s.intervals
            .iter()
            .map(|(l, _)| l.clone())
            .collect::<Vec<_>>()
    };
    if baseline.intervals.len() != now.intervals.len() {
        why.push(format!(
            "it has {} intervals, the scenario now has {}",
            baseline.intervals.len(),
            now.intervals.len()
        ));
    } else if starts(baseline) != starts(now) {
        let (i, (a, b)) = starts(baseline)
            .into_iter()
            .zip(starts(now))
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .expect("the labels differ somewhere");
        why.push(format!(
            "its intervals start at other times (interval {i} starts at {a} there, at {b} now)"
        ));
    }
    why
}

/// One metric whose mean moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// "day", or the interval's start label.
    pub scope: String,
    pub metric: Metric,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
    /// The largest difference that is not a regression.
    pub allowed: f64,
    pub regression: bool,
}

impl Moved {
    pub fn difference(&self) -> Option<f64> {
        Some(self.now? - self.baseline?)
    }
}

/// Every compared metric whose mean moved at all, overall first, then by interval; the
/// caller has checked that the two summaries are comparable (`mismatches` is empty).
pub fn compare(baseline: &Summary, now: &Summary, tol: &Tolerance) -> Vec<Moved> {
    let mut moved = Vec::new();
    let mut row = |scope: &str, a: &[MeanCi], b: &[MeanCi]| {
        for &m in &tol.metrics {
            let (x, y) = (a[m as usize], b[m as usize]);
            if x.mean == y.mean {
                continue;
            }
            let se = (x.ci95.unwrap_or(0.0).powi(2) + y.ci95.unwrap_or(0.0).powi(2)).sqrt() / 1.96;
            let allowed = tol.k * se + floor(m);
            let regression = match (x.mean, y.mean) {
                (Some(p), Some(q)) => (q - p).abs() > allowed,
                // Absent from an older baseline, or per caller with redials in one run only
                // (then other metrics tell the change); p_meets_target is undefined exactly
                // where the service level is, which is compared.
                _ if m.is_recent() => continue,
                // Defined in one run and not the other: nothing to compare, so it counts.
                _ => true,
            };
            moved.push(Moved {
                scope: scope.to_string(),
                metric: m,
                baseline: x.mean,
                now: y.mean,
                allowed,
                regression,
            });
        }
    };
    row("day", &baseline.overall, &now.overall);
    if tol.per_interval {
        for ((label, a), (_, b)) in baseline.intervals.iter().zip(&now.intervals) {
            row(label, a, b);
        }
    }
    moved
}

/// A value for the table: percentages for fractions, seconds with an `s`.
fn show(m: Metric, x: Option<f64>) -> String {
    match x {
        None => "n/a".into(),
        Some(x) if m.is_fraction() => format!("{:.2}%", x * 100.0),
        Some(x) if m.key().ends_with("_s") => format!("{x:.2}s"),
        Some(x) => format!("{x:.2}"),
    }
}

/// A difference for the table: signed, in percentage points for fractions.
fn show_diff(m: Metric, d: Option<f64>, signed: bool) -> String {
    let Some(d) = d else { return "n/a".into() };
    let (x, unit) = if m.is_fraction() {
        (d * 100.0, " pp")
    } else if m.key().ends_with("_s") {
        (d, "s")
    } else {
        (d, "")
    };
    if signed {
        format!("{x:+.2}{unit}")
    } else {
        format!("±{x:.2}{unit}")
    }
}

/// The table of moved metrics: where, metric, baseline, now, difference, allowed, verdict.
pub fn table(moved: &[Moved]) -> String {
    let mut rows: Vec<[String; 7]> = vec![[
        "where".into(),
        "metric".into(),
        "baseline".into(),
        "now".into(),
        "difference".into(),
        "allowed".into(),
        String::new(),
    ]];
    for m in moved {
        rows.push([
            m.scope.clone(),
            m.metric.key().into(),
            show(m.metric, m.baseline),
            show(m.metric, m.now),
            show_diff(m.metric, m.difference(), true),
            show_diff(m.metric, Some(m.allowed), false),
            if m.regression {
                "REGRESSION".into()
            } else {
                "within tolerance".into()
            },
        ]);
    }
    let widths: Vec<usize> = (0..7)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for r in &rows {
        let mut line = String::from("  ");
        for (c, cell) in r.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if (2..6).contains(&c) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(sl: f64, ci: f64) -> Summary {
        let row = |x: f64, h: f64| {
            Metric::ALL
                .iter()
                .map(|_| MeanCi {
                    mean: Some(x),
                    ci95: Some(h),
                })
                .collect::<Vec<_>>()
        };
        Summary {
            schema: crate::report::json::SCHEMA.into(),
            ccsim_version: "0.1.0".into(),
            scenario: "s".into(),
            seed: 1,
            replications: 10,
            intervals: vec![("08:00".into(), row(sl, ci))],
            overall: row(sl, ci),
        }
    }

    #[test]
    fn tolerance_follows_the_formula() {
        let a = summary(0.80, 0.03);
        let b = summary(0.90, 0.04);
        let tol = Tolerance {
            metrics: vec![Metric::ServiceLevel],
            ..Tolerance::default()
        };
        let moved = compare(&a, &b, &tol);
        assert_eq!(moved.len(), 2);
        let allowed = 3.0 * 0.05 / 1.96 + 1e-4;
        assert!((moved[0].allowed - allowed).abs() < 1e-15);
        assert!(moved[0].regression, "0.10 > {allowed}");
        let b = summary(0.85, 0.04);
        assert!(!compare(&a, &b, &tol)[0].regression);
        assert!(compare(&a, &a, &tol).is_empty());
    }

    #[test]
    fn mismatch_reasons() {
        let a = summary(0.8, 0.0);
        let mut b = a.clone();
        b.ccsim_version = "9.9.9".into();
        b.seed = 2;
        b.intervals[0].0 = "09:00".into();
        let why = mismatches(&a, &b);
        assert_eq!(why.len(), 3, "{why:?}");
    }
}
