//! Regression checks: compare a run with a stored baseline (a `summary.json`), metric by
//! metric, for the day and per interval.
//!
//! Two rules, the better one that the baseline allows:
//! * paired (when the baseline has its companion of per-replication values, see
//!   [`replications`]): the n-th replication of both runs shares its random numbers, so
//!   each metric is judged on the per-replication differences d: a regression when
//!   |mean d| > t·sd(d)/√n + floor, with t Student's quantile at 1 − α/(2m) (a two-sided
//!   paired t test, Bonferroni-corrected over the m metrics × places compared);
//! * unpaired (SPEC's rule, without a companion): the means differ by more than
//!   `k·sqrt(ci95_a² + ci95_b²)/1.96` plus the floor.
//!
//! The floor absorbs floating-point noise. A baseline written by another ccsim version or
//! for a renamed scenario is compared with a note; other intervals or another seed cannot
//! be compared, and are refused with the reason.

use serde_json::Value;

use statrs::distribution::{ContinuousCDF, StudentsT};

use crate::stats::Metric;

pub mod replications;
pub mod table;

pub use replications::Replications;

/// The default tolerance multiplier k of the unpaired rule.
pub const DEFAULT_K: f64 = 3.0;

/// The default family-wise false-alarm rate of the paired test, per scenario.
pub const DEFAULT_ALPHA: f64 = 0.01;

/// What counts as a regression.
#[derive(Debug, Clone)]
pub struct Tolerance {
    /// Unpaired rule: multiplier of the standard error of the difference.
    pub k: f64,
    /// Paired test: the chance, per scenario, that an unchanged model (same distribution,
    /// other random numbers) is reported as a regression.
    pub alpha: f64,
    /// The metrics compared.
    pub metrics: Vec<Metric>,
    /// Whether each interval is compared too, not only the day.
    pub per_interval: bool,
}

impl Default for Tolerance {
    fn default() -> Self {
        Tolerance {
            k: DEFAULT_K,
            alpha: DEFAULT_ALPHA,
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

/// A number as it reads best in a message: 1e300 rather than three hundred digits.
fn short(x: f64) -> String {
    if x != 0.0 && !(1e-6..1e15).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// The largest 95 % half-width of a share: two replications, 0 and 1.
const MAX_SHARE_CI: f64 = 6.36;

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
        return Err(format!("a mean {words}, found {}", short(x)));
    }
    // A share's Student-t half-width can exceed 1 when few replications define it: two
    // days, one meeting the target and one not, give 12.706 × 0.7071 / √2 = 6.35.
    let top = if m.is_fraction() {
        MAX_SHARE_CI
    } else {
        MAX_PLAUSIBLE_CI
    };
    if let Some(h) = ci95
        && !(0.0..=top).contains(&h)
    {
        return Err(format!(
            "a 95 % half-width from 0 to {}, found {}",
            short(top),
            short(h)
        ));
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

/// How a baseline relates to a run: differences that are only noted, and those that
/// make a comparison meaningless (refusals).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comparability {
    pub notes: Vec<String>,
    pub refusals: Vec<String>,
}

/// Compares what identifies the two runs. Another ccsim version or scenario name is
/// what CI on model results is for (a note); other replications are compared on the
/// replications both have (a note); another seed or other intervals are refused.
pub fn comparability(baseline: &Summary, now: &Summary) -> Comparability {
    let mut c = Comparability::default();
    if baseline.ccsim_version != now.ccsim_version {
        c.notes.push(format!(
            "the baseline was written by ccsim {}, this is ccsim {}",
            baseline.ccsim_version, now.ccsim_version
        ));
    }
    if baseline.scenario != now.scenario {
        c.notes.push(format!(
            "the baseline is for the scenario \"{}\", now named \"{}\"",
            baseline.scenario, now.scenario
        ));
    }
    if baseline.replications != now.replications {
        c.notes.push(format!(
            "{} replications now, {} in the baseline",
            now.replications, baseline.replications
        ));
    }
    if baseline.seed != now.seed {
        c.refusals.push(format!(
            "it was run with seed {}, this run uses seed {}: runs with other random \
             numbers differ by chance, so the check needs the same seed (--seed {})",
            baseline.seed, now.seed, baseline.seed
        ));
    }
    let starts = |s: &Summary| {
        s.intervals
            .iter()
            .map(|(l, _)| l.clone())
            .collect::<Vec<_>>()
    };
    if baseline.intervals.len() != now.intervals.len() {
        c.refusals.push(format!(
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
        c.refusals.push(format!(
            "its intervals start at other times (interval {i} starts at {a} there, at {b} now)"
        ));
    }
    c
}

/// The rule that judged a comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Rule {
    /// Per-replication differences over this many pairs.
    Paired { pairs: u64 },
    /// The two means and their confidence half-widths.
    Unpaired,
}

/// One metric, in one place, whose mean moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// "day", or the interval's start label.
    pub scope: String,
    /// The interval's index; None for the day.
    pub interval: Option<usize>,
    pub metric: Metric,
    pub baseline: Option<f64>,
    pub now: Option<f64>,
    /// The largest difference that is not a regression.
    pub allowed: f64,
    pub rule: Rule,
    /// Paired rule: the mean per-replication difference (now − baseline).
    pub paired_difference: Option<f64>,
    /// Paired rule: the two-sided p-value of the paired t test (before correction).
    pub p_value: Option<f64>,
    pub regression: bool,
}

impl Moved {
    pub fn difference(&self) -> Option<f64> {
        Some(self.now? - self.baseline?)
    }
}

/// The result of comparing a run with its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Every compared metric whose mean moved, the day first, then by interval.
    pub moved: Vec<Moved>,
    /// Metric × place comparisons made.
    /// The metrics compared that either run defines somewhere (a per-caller metric of a
    /// model without redials is not).
    pub metrics: Vec<Metric>,
    pub compared: usize,
    /// Of which judged by the paired test (the Bonferroni family).
    pub paired: usize,
    /// Of which judged by the unpaired rule, not counting those undefined in both runs
    /// (an interval without calls: nothing to judge).
    pub unpaired: usize,
    /// Replications paired (those both runs have); None without a companion.
    pub pairs: Option<u64>,
    /// The per-comparison level of the paired test, α / (2m) on each side.
    pub per_test_alpha: Option<f64>,
}

impl Comparison {
    pub fn regressions(&self) -> usize {
        self.moved.iter().filter(|m| m.regression).count()
    }
}

/// Per-replication values of both runs, for the paired test.
#[derive(Debug, Clone, Copy)]
pub struct Pairs<'a> {
    pub baseline: &'a Replications,
    pub now: &'a Replications,
}

/// Mean and standard deviation of the per-replication differences, over the
/// replications in which both runs define the metric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairedStats {
    pub n: u64,
    pub mean: f64,
    pub sd: f64,
}

/// The paired differences of two value series (replication by replication).
pub fn paired_stats(baseline: &[f64], now: &[f64]) -> PairedStats {
    let d: Vec<f64> = baseline
        .iter()
        .zip(now)
        .filter(|(a, b)| !a.is_nan() && !b.is_nan())
        .map(|(a, b)| b - a)
        .collect();
    let n = d.len();
    let mean = if n == 0 {
        0.0
    } else {
        d.iter().sum::<f64>() / n as f64
    };
    let sd = if n < 2 {
        0.0
    } else {
        (d.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    };
    PairedStats {
        n: n as u64,
        mean,
        sd,
    }
}

/// Student's t quantile with `df` degrees of freedom that a two-sided test at
/// `per_side` on each side must exceed.
pub fn t_critical(per_side: f64, df: u64) -> f64 {
    let t = StudentsT::new(0.0, 1.0, df as f64).expect("degrees of freedom of at least 1");
    // The lower tail avoids the cancellation of 1 − tiny.
    -t.inverse_cdf(per_side)
}

/// Two-sided p-value of a paired t statistic.
fn p_value(s: PairedStats) -> f64 {
    if s.sd == 0.0 {
        return if s.mean == 0.0 { 1.0 } else { 0.0 };
    }
    let t = StudentsT::new(0.0, 1.0, (s.n - 1) as f64).expect("at least 2 pairs");
    let stat = s.mean.abs() / (s.sd / (s.n as f64).sqrt());
    (2.0 * t.sf(stat)).min(1.0)
}

/// One place compared: its name, interval index, and the two runs' figures.
struct Place<'a> {
    scope: String,
    interval: Option<usize>,
    baseline: &'a [MeanCi],
    now: &'a [MeanCi],
}

/// Compares a run with its baseline; the caller has checked that they are comparable
/// (no refusals). With `pairs`, metrics whose per-replication values both runs have are
/// judged by the paired test, the others by the unpaired rule.
pub fn compare(
    baseline: &Summary,
    now: &Summary,
    pairs: Option<Pairs<'_>>,
    tol: &Tolerance,
) -> Comparison {
    let mut places = vec![Place {
        scope: "day".into(),
        interval: None,
        baseline: &baseline.overall,
        now: &now.overall,
    }];
    if tol.per_interval {
        for (i, ((label, a), (_, b))) in baseline.intervals.iter().zip(&now.intervals).enumerate() {
            places.push(Place {
                scope: label.clone(),
                interval: Some(i),
                baseline: a,
                now: b,
            });
        }
    }
    let series = |m: Metric, p: &Place| -> Option<PairedStats> {
        let pr = pairs?;
        let scope = p.interval.map_or(0, |i| i + 1);
        let s = paired_stats(pr.baseline.values(m, scope)?, pr.now.values(m, scope)?);
        // A t test needs two pairs at least; with fewer, the unpaired rule judges.
        (s.n >= 2).then_some(s)
    };
    // The Bonferroni family: every comparison the paired test makes.
    let stats: Vec<Vec<Option<PairedStats>>> = places
        .iter()
        .map(|p| tol.metrics.iter().map(|&m| series(m, p)).collect())
        .collect();
    let paired = stats.iter().flatten().filter(|s| s.is_some()).count();
    let unpaired = places
        .iter()
        .zip(&stats)
        .flat_map(|(p, row)| tol.metrics.iter().zip(row).map(move |(&m, s)| (p, m, s)))
        .filter(|(p, m, s)| {
            s.is_none() && (p.baseline[*m as usize].mean, p.now[*m as usize].mean) != (None, None)
        })
        .count();
    let per_side = (paired > 0).then(|| tol.alpha / (2.0 * paired as f64));
    let mut moved = Vec::new();
    for (p, row) in places.iter().zip(&stats) {
        for (&m, s) in tol.metrics.iter().zip(row) {
            let (x, y) = (p.baseline[m as usize], p.now[m as usize]);
            if x.mean == y.mean {
                continue;
            }
            let (rule, allowed, judged) = match (s, per_side) {
                (Some(s), Some(a)) => {
                    let se = s.sd / (s.n as f64).sqrt();
                    let allowed = t_critical(a, s.n - 1) * se + floor(m);
                    (Rule::Paired { pairs: s.n }, allowed, s.mean)
                }
                _ => {
                    let se = (x.ci95.unwrap_or(0.0).powi(2) + y.ci95.unwrap_or(0.0).powi(2)).sqrt()
                        / 1.96;
                    let d = match (x.mean, y.mean) {
                        (Some(a), Some(b)) => b - a,
                        _ => f64::NAN,
                    };
                    (Rule::Unpaired, tol.k * se + floor(m), d)
                }
            };
            let regression = match (x.mean, y.mean) {
                (Some(_), Some(_)) => judged.abs() > allowed,
                // Absent from an older baseline, or per caller with redials in one run only
                // (then other metrics tell the change); p_meets_target is undefined exactly
                // where the service level is, which is compared.
                _ if m.is_recent() => continue,
                // Defined in one run and not the other: nothing to compare, so it counts.
                _ => true,
            };
            moved.push(Moved {
                scope: p.scope.clone(),
                interval: p.interval,
                metric: m,
                baseline: x.mean,
                now: y.mean,
                allowed,
                rule,
                paired_difference: s.map(|s| s.mean),
                p_value: s.map(p_value),
                regression,
            });
        }
    }
    let pairs_n = pairs.map(|p| p.baseline.replications().min(p.now.replications()) as u64);
    let metrics: Vec<Metric> = tol
        .metrics
        .iter()
        .copied()
        .filter(|&m| {
            places
                .iter()
                .any(|p| p.baseline[m as usize].mean.is_some() || p.now[m as usize].mean.is_some())
        })
        .collect();
    Comparison {
        moved,
        compared: places.len() * metrics.len(),
        metrics,
        paired,
        unpaired,
        pairs: pairs_n,
        per_test_alpha: per_side,
    }
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
        let moved = compare(&a, &b, None, &tol).moved;
        assert_eq!(moved.len(), 2);
        let allowed = 3.0 * 0.05 / 1.96 + 1e-4;
        assert!((moved[0].allowed - allowed).abs() < 1e-15);
        assert!(moved[0].regression, "0.10 > {allowed}");
        let b = summary(0.85, 0.04);
        assert!(!compare(&a, &b, None, &tol).moved[0].regression);
        assert!(compare(&a, &a, None, &tol).moved.is_empty());
    }

    #[test]
    fn mismatch_reasons() {
        let a = summary(0.8, 0.0);
        let mut b = a.clone();
        b.ccsim_version = "9.9.9".into();
        b.seed = 2;
        b.intervals[0].0 = "09:00".into();
        let c = comparability(&a, &b);
        assert_eq!(c.refusals.len(), 2, "{c:?}");
        assert_eq!(c.notes.len(), 1, "{c:?}");
    }
}
