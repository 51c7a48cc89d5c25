//! The companion of a baseline: every replication's value of every metric, for the day
//! and per interval, so that `check` can judge a change on paired differences (the same
//! seed gives the n-th replication of both runs the same random numbers).
//!
//! The file, `<stem>.reps.csv.gz` beside `<stem>.json`, is a gzip-compressed CSV:
//!
//! ```text
//! replication,metric,day,00:00,00:30,...
//! 1,offered,6530,12,9,...
//! 1,answered,6324,12,9,...
//! ```
//!
//! one row per replication (from 1) and metric, one column for the day and one per
//! interval (headed by its start label); an empty cell where the metric is undefined (an
//! interval without calls). Values are rounded to a tenth of the check's floor (1e-5 for
//! shares, 1e-3 for seconds and counts) so the file stays small; both sides of a
//! comparison are rounded alike, so an unchanged model still gives differences of
//! exactly zero.

use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::stats::{Metric, MetricRow, ReplicationMetrics};

/// The companion file's name beside the baseline `<stem>.json`.
pub fn file_name(stem: &str) -> String {
    format!("{stem}.reps.csv.gz")
}

/// Steps per unit that values are rounded to: a tenth of the check's floor (an exact
/// whole number, so that a rounded value is the double nearest to its decimal text).
fn steps(m: Metric) -> f64 {
    if m.is_fraction() { 1e5 } else { 1e3 }
}

/// The step values are rounded to: a tenth of the check's floor.
pub fn quantum(m: Metric) -> f64 {
    1.0 / steps(m)
}

/// Rounds a value to its metric's quantum; NaN (undefined) stays NaN.
pub fn quantise(m: Metric, x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    (x * steps(m)).round() / steps(m)
}

/// Every replication's values: `values[metric][scope][replication]`, scope 0 being the
/// day and scope i + 1 interval i; NaN where undefined.
#[derive(Debug, Clone, PartialEq)]
pub struct Replications {
    /// The intervals' start labels.
    pub labels: Vec<String>,
    /// The metrics held, in file order.
    pub metrics: Vec<Metric>,
    values: Vec<Vec<Vec<f64>>>,
}

impl Replications {
    /// The values of a run, rounded as the file stores them.
    /// `metrics` are those the run reports (the per-caller ones only with redials).
    pub fn from_runs(
        labels: Vec<String>,
        metrics: &[Metric],
        runs: &[ReplicationMetrics],
    ) -> Replications {
        let scopes = labels.len() + 1;
        let row = |r: &ReplicationMetrics, s: usize| -> MetricRow {
            if s == 0 {
                r.overall
            } else {
                r.intervals[s - 1]
            }
        };
        let metrics = metrics.to_vec();
        let values = metrics
            .iter()
            .map(|&m| {
                (0..scopes)
                    .map(|s| {
                        runs.iter()
                            .map(|r| quantise(m, row(r, s)[m as usize]))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Replications {
            labels,
            metrics,
            values,
        }
    }

    /// Values given directly, `values[metric][scope][replication]` (scope 0 the day, i + 1
    /// interval i), rounded as the file stores them: for tests and tools.
    pub fn from_values(
        labels: Vec<String>,
        metrics: Vec<Metric>,
        mut values: Vec<Vec<Vec<f64>>>,
    ) -> Replications {
        assert_eq!(metrics.len(), values.len(), "one series per metric");
        for (m, per_scope) in metrics.iter().zip(values.iter_mut()) {
            assert_eq!(
                per_scope.len(),
                labels.len() + 1,
                "the day and every interval"
            );
            for x in per_scope.iter_mut().flatten() {
                *x = quantise(*m, *x);
            }
        }
        Replications {
            labels,
            metrics,
            values,
        }
    }

    /// Number of replications held.
    pub fn replications(&self) -> usize {
        self.values
            .first()
            .and_then(|v| v.first())
            .map_or(0, Vec::len)
    }

    /// A metric's values over the replications in one scope (0 = day, i + 1 = interval i).
    pub fn values(&self, m: Metric, scope: usize) -> Option<&[f64]> {
        let k = self.metrics.iter().position(|&x| x == m)?;
        self.values[k].get(scope).map(Vec::as_slice)
    }

    /// The CSV text (before compression).
    pub fn csv(&self) -> String {
        let mut out = String::from("replication,metric,day");
        for l in &self.labels {
            out.push(',');
            out.push_str(l);
        }
        out.push('\n');
        for r in 0..self.replications() {
            for (k, m) in self.metrics.iter().enumerate() {
                out.push_str(&format!("{},{}", r + 1, m.key()));
                for scope in &self.values[k] {
                    out.push(',');
                    let x = scope[r];
                    if !x.is_nan() {
                        // The shortest text that reads back as the same number.
                        out.push_str(&format!("{x}"));
                    }
                }
                out.push('\n');
            }
        }
        out
    }

    /// The file's bytes: the CSV, gzip-compressed (no time stamp, so the same run gives
    /// the same bytes).
    pub fn to_gz(&self) -> Vec<u8> {
        let mut gz = GzEncoder::new(Vec::new(), Compression::best());
        gz.write_all(self.csv().as_bytes())
            .expect("writing to memory cannot fail");
        gz.finish().expect("writing to memory cannot fail")
    }

    /// Reads the file's bytes; the error says what is wrong, for the caller to place.
    pub fn from_gz(bytes: &[u8]) -> Result<Replications, String> {
        let mut text = String::new();
        GzDecoder::new(bytes)
            .read_to_string(&mut text)
            .map_err(|e| format!("expected gzip-compressed CSV text ({e})"))?;
        Self::from_csv(&text)
    }

    /// Reads the CSV text.
    pub fn from_csv(text: &str) -> Result<Replications, String> {
        let mut lines = text.lines().enumerate();
        let (_, header) = lines
            .next()
            .ok_or("expected a header line, found nothing")?;
        let cols: Vec<&str> = header.split(',').collect();
        if cols.len() < 3 || cols[..3] != ["replication", "metric", "day"] {
            return Err(format!(
                "line 1: expected the header `replication,metric,day,<interval starts>`, \
                 found `{header}`"
            ));
        }
        let labels: Vec<String> = cols[3..].iter().map(|s| s.to_string()).collect();
        let scopes = labels.len() + 1;
        let mut rows: Vec<(usize, Metric, Vec<f64>)> = Vec::new();
        for (i, line) in lines {
            rows.push(parse_row(line, scopes).map_err(|why| format!("line {}: {why}", i + 1))?);
        }
        // The first replication's rows name the metrics; every replication repeats them
        // in the same order.
        let per_rep = rows.iter().take_while(|r| r.0 == 1).count();
        if per_rep == 0 {
            return Err("line 2: expected the rows of replication 1".into());
        }
        let metrics: Vec<Metric> = rows[..per_rep].iter().map(|r| r.1).collect();
        if let Some(j) = (1..per_rep).find(|&j| metrics[..j].contains(&metrics[j])) {
            return Err(format!(
                "line {}: metric `{}` appears twice in replication 1",
                j + 2,
                metrics[j].key()
            ));
        }
        let mut values = vec![vec![Vec::new(); scopes]; per_rep];
        for (j, (r, m, xs)) in rows.into_iter().enumerate() {
            let (want_r, want_m) = (j / per_rep + 1, metrics[j % per_rep]);
            if (r, m) != (want_r, want_m) {
                return Err(format!(
                    "line {}: expected replication {want_r} metric `{}` (rows go replication \
                     by replication, with the metrics of replication 1 in the same order), \
                     found replication {r} metric `{}`",
                    j + 2,
                    want_m.key(),
                    m.key()
                ));
            }
            for (s, x) in xs.into_iter().enumerate() {
                values[j % per_rep][s].push(x);
            }
        }
        let n = values[0][0].len();
        if let Some(k) = values.iter().position(|v| v[0].len() != n) {
            return Err(format!(
                "expected every metric in each of the {n} replications, `{}` is missing \
                 from the last",
                metrics[k].key()
            ));
        }
        Ok(Replications {
            labels,
            metrics,
            values,
        })
    }

    /// Whether these values belong to the baseline `summary`: the same replications and
    /// intervals, and means that agree with the summary's within rounding. Err says how
    /// they differ.
    pub fn matches(&self, summary: &super::Summary) -> Result<(), String> {
        if self.replications() as u64 != summary.replications {
            return Err(format!(
                "it holds {} replications, the baseline {}",
                self.replications(),
                summary.replications
            ));
        }
        let starts: Vec<&str> = summary.intervals.iter().map(|(l, _)| l.as_str()).collect();
        if self.labels != starts {
            return Err(format!(
                "it has {} intervals starting at {}, the baseline {} starting at {}",
                self.labels.len(),
                self.labels.first().map_or("-", String::as_str),
                starts.len(),
                starts.first().unwrap_or(&"-")
            ));
        }
        for (k, &m) in self.metrics.iter().enumerate() {
            for (s, xs) in self.values[k].iter().enumerate() {
                let (row, place) = if s == 0 {
                    (&summary.overall, "the day".to_string())
                } else {
                    (&summary.intervals[s - 1].1, starts[s - 1].to_string())
                };
                let stored = row[m as usize].mean;
                let here = mean(xs);
                let agree = match (stored, here) {
                    (None, None) => true,
                    (Some(a), Some(b)) => (a - b).abs() <= quantum(m) * (1.0 + 1e-9 * a.abs()),
                    _ => false,
                };
                if !agree {
                    let show =
                        |x: Option<f64>| x.map_or("undefined".to_string(), |x| x.to_string());
                    return Err(format!(
                        "its mean {} at {place} is {}, the baseline's {}",
                        m.key(),
                        show(here),
                        show(stored)
                    ));
                }
            }
        }
        Ok(())
    }
}

/// One data row: replication number, metric and values (NaN for an empty cell).
fn parse_row(line: &str, scopes: usize) -> Result<(usize, Metric, Vec<f64>), String> {
    let cells: Vec<&str> = line.split(',').collect();
    if cells.len() != scopes + 2 {
        return Err(format!(
            "expected {} cells (replication, metric, day and {} intervals), found {}",
            scopes + 2,
            scopes - 1,
            cells.len()
        ));
    }
    let r: usize = cells[0]
        .parse()
        .ok()
        .filter(|&r| r >= 1)
        .ok_or_else(|| format!("expected a replication number from 1, found `{}`", cells[0]))?;
    let m = Metric::from_key(cells[1])
        .ok_or_else(|| format!("expected a metric key, found `{}`", cells[1]))?;
    let xs = cells[2..]
        .iter()
        .map(|cell| {
            if cell.is_empty() {
                return Ok(f64::NAN);
            }
            cell.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| format!("expected a number or nothing, found `{cell}`"))
        })
        .collect::<Result<Vec<f64>, String>>()?;
    Ok((r, m, xs))
}

/// The mean of the defined values; None when there are none.
fn mean(xs: &[f64]) -> Option<f64> {
    let defined: Vec<f64> = xs.iter().copied().filter(|x| !x.is_nan()).collect();
    (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
}
