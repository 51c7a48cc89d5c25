//! The back-test: the log's service level, ASA, abandonment and occupancy per interval
//! beside the scenario's simulated ones, with the band where the log's value would fall
//! if the scenario were right, and a plain verdict.
//!
//! The band of a metric in an interval is sim ± 1.96·s·√(1/D + 1/R): s is the metric's
//! standard deviation across simulated days (from the replications' confidence
//! interval), D the log's days (the observed value is pooled over them) and R the
//! replications (the simulated mean is itself uncertain). A correct scenario leaves about
//! 5 % of the cells outside; the verdict passes while the cells outside are no more than
//! the 99th percentile of Binomial(cells, 5 %) allows.

use super::read::{CallLog, Outcome};
use crate::model::{Model, SlDefinition, clock_label};
use crate::stats::{Estimates, Metric, t975};

/// The metrics compared, in table order.
pub const METRICS: [(Metric, &str, &str); 4] = [
    (Metric::ServiceLevel, "service level", "service_level"),
    (Metric::AsaS, "ASA", "asa_s"),
    (Metric::AbandonRate, "abandonment", "abandon_rate"),
    (Metric::Occupancy, "occupancy", "occupancy"),
];

/// The log's counts in one interval of the scenario, summed over the days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observed {
    pub offered: u64,
    pub answered: u64,
    pub abandoned: u64,
    pub answered_within: u64,
    pub abandoned_within: u64,
    pub wait_sum: f64,
    pub busy_s: f64,
}

/// The log seen through a scenario's clock.
#[derive(Debug, Clone)]
pub struct Observation {
    pub intervals: Vec<Observed>,
    pub days: usize,
    /// Calls arriving outside the scenario's hours (not compared).
    pub outside: u64,
    pub has_handle: bool,
}

/// Counts the log's calls of `days` per interval of the scenario's clock.
pub fn observe(log: &CallLog, days: &[usize], model: &Model) -> Observation {
    let clock = &model.clock;
    let threshold = model.service_level.threshold_s;
    let mut selected = vec![false; log.days.len()];
    days.iter().for_each(|&d| selected[d] = true);
    let mut intervals = vec![Observed::default(); clock.len()];
    let mut outside = 0;
    for c in log.calls.iter().filter(|c| selected[c.day as usize]) {
        let t = c.arrival_s - clock.start_s;
        if t < 0.0 || t >= clock.horizon_s {
            outside += 1;
            continue;
        }
        let o = &mut intervals[clock.interval_at(t)];
        o.offered += 1;
        match c.outcome {
            Outcome::Answered => {
                o.answered += 1;
                o.wait_sum += c.wait_s;
                if c.wait_s <= threshold {
                    o.answered_within += 1;
                }
                if let Some(h) = c.handle_s {
                    // Busy time goes to the intervals it spans.
                    let (a, b) = (t + c.wait_s, t + c.wait_s + h);
                    let mut i = clock.interval_at(a.min(clock.horizon_s));
                    loop {
                        let (lo, hi) = clock.bounds(i);
                        let hi = if i + 1 == clock.len() {
                            f64::INFINITY
                        } else {
                            hi
                        };
                        let part = b.min(hi) - a.max(lo);
                        if part > 0.0 {
                            intervals[i].busy_s += part;
                        }
                        if b <= hi || i + 1 == clock.len() {
                            break;
                        }
                        i += 1;
                    }
                }
            }
            Outcome::Abandoned => {
                o.abandoned += 1;
                if c.wait_s <= threshold {
                    o.abandoned_within += 1;
                }
            }
            Outcome::Busy => {}
        }
    }
    Observation {
        intervals,
        days: days.len(),
        outside,
        has_handle: log.has_handle,
    }
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

/// The observed value of a metric in an interval, as the scenario defines it.
pub fn observed_metric(
    o: &Observed,
    metric: Metric,
    model: &Model,
    i: usize,
    obs: &Observation,
) -> Option<f64> {
    let within = o.answered_within as f64;
    match metric {
        Metric::ServiceLevel => match model.service_level.of {
            SlDefinition::Answered => ratio(within, o.answered as f64),
            SlDefinition::Offered => ratio(within, o.offered as f64),
            SlDefinition::ExclShortAbandons => {
                ratio(within, (o.offered - o.abandoned_within) as f64)
            }
        },
        Metric::AsaS => ratio(o.wait_sum, o.answered as f64),
        Metric::AbandonRate => ratio(o.abandoned as f64, o.offered as f64),
        Metric::Occupancy if obs.has_handle => {
            let staffed = model.agents_in(i) as f64 * model.clock.length_of(i) * obs.days as f64;
            ratio(o.busy_s, staffed)
        }
        _ => None,
    }
}

/// Where the observed value lies against the band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Within,
    /// Observed above the band: the model underestimates.
    Above,
    /// Observed below the band: the model overestimates.
    Below,
    /// Nothing to compare (no calls, or one replication).
    NotComparable,
}

/// One metric in one interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    pub observed: Option<f64>,
    pub simulated: Option<f64>,
    pub band: Option<f64>,
    pub verdict: Verdict,
}

/// The comparison of a log with a scenario.
#[derive(Debug, Clone)]
pub struct Backtest {
    pub labels: Vec<String>,
    /// Per interval, one cell per [`METRICS`] entry.
    pub cells: Vec<[Cell; 4]>,
    pub days: usize,
    pub replications: u64,
    pub interval_s: f64,
    pub start_s: f64,
    pub outside: u64,
}

/// Compares an observation with the simulation's estimates.
pub fn compare(model: &Model, obs: &Observation, est: &Estimates) -> Backtest {
    let r = est.replications;
    let cells = (0..model.clock.len())
        .map(|i| {
            std::array::from_fn(|k| {
                let metric = METRICS[k].0;
                let e = est.intervals[i][metric as usize];
                let observed = observed_metric(&obs.intervals[i], metric, model, i, obs);
                let band = match (e.ci95, e.n) {
                    (Some(h), n) if n >= 2 => {
                        let sd = h / t975(n - 1) * (n as f64).sqrt();
                        Some(1.96 * sd * (1.0 / obs.days as f64 + 1.0 / r as f64).sqrt())
                    }
                    _ => None,
                };
                let verdict = match (observed, e.mean, band) {
                    (Some(o), Some(m), Some(b)) => {
                        // A floor for rounding: a band of exactly zero (every simulated
                        // day at 100 %) still admits the same value observed.
                        let b = b + 1e-9;
                        if o > m + b {
                            Verdict::Above
                        } else if o < m - b {
                            Verdict::Below
                        } else {
                            Verdict::Within
                        }
                    }
                    _ => Verdict::NotComparable,
                };
                Cell {
                    observed,
                    simulated: e.mean,
                    band,
                    verdict,
                }
            })
        })
        .collect();
    Backtest {
        labels: (0..model.clock.len())
            .map(|i| model.clock.label(i))
            .collect(),
        cells,
        days: obs.days,
        replications: r,
        interval_s: model.clock.interval_s,
        start_s: model.clock.start_s,
        outside: obs.outside,
    }
}

impl Backtest {
    /// Cells compared and cells outside the band.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.cells.iter().flatten();
        let compared = all
            .clone()
            .filter(|c| c.verdict != Verdict::NotComparable)
            .count();
        let outside = all
            .filter(|c| matches!(c.verdict, Verdict::Above | Verdict::Below))
            .count();
        (compared, outside)
    }

    /// Intervals with something compared, and those with every metric within the band.
    pub fn intervals_reproduced(&self) -> (usize, usize) {
        let with_data: Vec<&[Cell; 4]> = self
            .cells
            .iter()
            .filter(|row| row.iter().any(|c| c.verdict != Verdict::NotComparable))
            .collect();
        let ok = with_data
            .iter()
            .filter(|row| {
                row.iter()
                    .all(|c| matches!(c.verdict, Verdict::Within | Verdict::NotComparable))
            })
            .count();
        (with_data.len(), ok)
    }

    /// The most cells outside the band a correct scenario leaves with 99 % probability.
    pub fn allowed_outside(&self) -> usize {
        binomial_quantile(self.counts().0, 0.05, 0.99)
    }

    pub fn passes(&self) -> bool {
        self.counts().1 <= self.allowed_outside()
    }

    fn interval_word(&self) -> &'static str {
        match self.interval_s as u64 {
            900 => "quarter hours",
            1800 => "half hours",
            3600 => "hours",
            _ => "intervals",
        }
    }

    /// Runs of consecutive intervals where one metric is off in one direction:
    /// "underestimates abandonment at 12:00–13:30".
    pub fn findings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (k, (_, name, _)) in METRICS.iter().enumerate() {
            for (dir, word) in [
                (Verdict::Above, "underestimates"),
                (Verdict::Below, "overestimates"),
            ] {
                let mut runs: Vec<(usize, usize)> = Vec::new();
                for (i, row) in self.cells.iter().enumerate() {
                    if row[k].verdict == dir {
                        match runs.last_mut() {
                            Some(r) if r.1 + 1 == i => r.1 = i,
                            _ => runs.push((i, i)),
                        }
                    }
                }
                if runs.is_empty() {
                    continue;
                }
                let at: Vec<String> = runs
                    .iter()
                    .map(|&(a, b)| {
                        let from = clock_label(self.start_s + a as f64 * self.interval_s, false);
                        let to =
                            clock_label(self.start_s + (b + 1) as f64 * self.interval_s, false);
                        format!("{from}–{to}")
                    })
                    .collect();
                out.push(format!("{word} {name} at {}", at.join(", ")));
            }
        }
        out
    }

    /// The plain verdict, one sentence.
    pub fn verdict(&self) -> String {
        let (n, ok) = self.intervals_reproduced();
        let (cells, outside) = self.counts();
        let mut s = format!(
            "the model reproduces {ok} of {n} {} within the band ({outside} of {cells} \
             figures outside; a right model leaves at most {} outside, 99 % of the time)",
            self.interval_word(),
            self.allowed_outside()
        );
        let f = self.findings();
        if !f.is_empty() {
            s.push_str(&format!("; it {}", f.join("; it ")));
        }
        s
    }

    /// The table for the terminal (80 columns).
    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<6} {:>17} {:>17} {:>17} {:>17}\n",
            "", "service level", "ASA (s)", "abandonment", "occupancy"
        );
        s.push_str(&format!(
            "{:<6} {:>17} {:>17} {:>17} {:>17}\n",
            "", "log  sim ± band", "log  sim ± band", "log  sim ± band", "log  sim ± band"
        ));
        for (label, row) in self.labels.iter().zip(&self.cells) {
            s.push_str(&format!("{label:<6}"));
            for (k, c) in row.iter().enumerate() {
                let pct = k != 1;
                let f = |x: Option<f64>| match x {
                    None => "n/a".to_string(),
                    Some(v) if pct => format!("{:.0}", v * 100.0),
                    Some(v) => format!("{v:.0}"),
                };
                let mark = match c.verdict {
                    Verdict::Above => "▲",
                    Verdict::Below => "▼",
                    _ => " ",
                };
                s.push_str(&format!(
                    " {:>4}{mark}{:>5} ±{:>4}",
                    f(c.observed),
                    f(c.simulated),
                    f(c.band)
                ));
            }
            s.push('\n');
        }
        s.push_str(&format!(
            "percentages for shares; ▲ log above the band (the model underestimates), ▼ below\n\
             log: {} day{}; simulation: {} replications",
            self.days,
            if self.days == 1 { "" } else { "s" },
            self.replications
        ));
        if self.outside > 0 {
            s.push_str(&format!(
                "; {} calls outside the scenario's hours not compared",
                self.outside
            ));
        }
        s.push('\n');
        s
    }

    /// `backtest.csv`: one row per interval, observed, simulated, band low and high, and
    /// the verdict for every metric.
    pub fn csv(&self) -> String {
        let mut s = String::from("interval,start");
        for (_, _, key) in METRICS {
            s.push_str(&format!(
                ",{key}_log,{key}_sim,{key}_low,{key}_high,{key}_verdict"
            ));
        }
        s.push('\n');
        // Rounded as the other CSV files (crate::report::sheet::rounding): the simulated
        // value and its band's ends to the place of the band's second significant digit,
        // the log's value to six significant digits.
        use crate::report::sheet::rounding::{Rounded, estimate};
        let text = |x: Option<Rounded>| x.map_or(String::new(), |r| r.text().to_string());
        let f = |x: Option<f64>| text(x.map(Rounded::plain));
        let at_band = |x: Option<f64>, band: Option<f64>| text(estimate(x, band).0);
        for (i, (label, row)) in self.labels.iter().zip(&self.cells).enumerate() {
            s.push_str(&format!("{i},{label}"));
            for c in row {
                let (lo, hi) = match (c.simulated, c.band) {
                    (Some(m), Some(b)) => (Some(m - b), Some(m + b)),
                    _ => (None, None),
                };
                let sim = at_band(c.simulated, c.band);
                let (lo, hi) = (at_band(lo, c.band), at_band(hi, c.band));
                let v = match c.verdict {
                    Verdict::Within => "within",
                    Verdict::Above => "above",
                    Verdict::Below => "below",
                    Verdict::NotComparable => "",
                };
                s.push_str(&format!(",{},{sim},{lo},{hi},{v}", f(c.observed)));
            }
            s.push('\n');
        }
        s
    }
}

/// The smallest k with P(Binomial(n, p) ≤ k) ≥ q.
pub fn binomial_quantile(n: usize, p: f64, q: f64) -> usize {
    let mut term = (1.0 - p).powi(n as i32);
    let mut cdf = term;
    let mut k = 0;
    while cdf < q && k < n {
        term *= (n - k) as f64 / (k + 1) as f64 * p / (1.0 - p);
        k += 1;
        cdf += term;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::binomial_quantile;

    #[test]
    fn binomial_quantiles() {
        // Binomial(192, 0.05): mean 9.6, sd 3.0; the 99th percentile is 17.
        assert_eq!(binomial_quantile(192, 0.05, 0.99), 17);
        assert_eq!(binomial_quantile(0, 0.05, 0.99), 0);
    }
}
