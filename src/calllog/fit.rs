//! Estimators: from a read call log to the figures of a scenario, each with the number of
//! calls it rests on.
//!
//! * Arrivals: offered calls per interval (answered, abandoned, busy; voice-menu calls
//!   apart), the mean over the days fitted; busyness: the day-to-day variability beyond
//!   Poisson, cv² = (Var(day total) − mean) / mean² (a Poisson–Gamma day, as the scenario's
//!   `busyness` simulates it).
//! * Handle time (talk + wrap-up of answered calls): lognormal and gamma by maximum
//!   likelihood; the one with the smaller Kolmogorov–Smirnov distance is taken unless the
//!   KS test rejects it at 1 %, then the empirical distribution (a quantile sample).
//! * Patience from censored data: a hang-up after w is an event at w, an answer after w
//!   says only that patience exceeded w (censored). Kaplan–Meier for the survival curve,
//!   and the exponential maximum-likelihood mean: total waiting time of everyone ÷
//!   hang-ups.
//! * Agents per interval: distinct agents answering calls in it (with an agent column),
//!   else the most calls in progress at once; the mean over the days. Agents logged in
//!   but idle all interval are invisible in a log, so both are lower bounds in quiet
//!   intervals.

use super::numeric::{digamma, gamma_p, ks_critical_1pct, ks_distance, normal_cdf, trigamma};
use super::read::{CallLog, Outcome, WEEKDAYS};
use crate::error::{Error, Result};

/// What to fit and how the scenario is set.
#[derive(Debug, Clone)]
pub struct FitOptions {
    pub interval_s: f64,
    /// Only the days of this weekday (0 = Monday); None: every day.
    pub weekday: Option<usize>,
    /// Agents for every interval instead of the log's estimate.
    pub agents: Option<u32>,
}

/// A family of handle-time distributions tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    LogNormal,
    Gamma,
    Empirical,
}

impl Family {
    pub fn key(self) -> &'static str {
        match self {
            Family::LogNormal => "lognormal",
            Family::Gamma => "gamma",
            Family::Empirical => "empirical",
        }
    }
}

/// One parametric fit: mean and sd of the fitted law, its KS distance and AIC.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParametricFit {
    pub mean: f64,
    pub sd: f64,
    pub ks: f64,
    pub aic: f64,
}

/// The handle-time fit.
#[derive(Debug, Clone)]
pub struct HandleFit {
    /// Answered calls with a handle time.
    pub n: usize,
    pub sample_mean: f64,
    pub sample_sd: f64,
    pub lognormal: ParametricFit,
    pub gamma: ParametricFit,
    pub ks_critical: f64,
    pub choice: Family,
    /// Quantiles of the observed handle times (for the empirical choice and Q–Q charts).
    pub quantiles: Vec<f64>,
}

/// The patience fit.
#[derive(Debug, Clone)]
pub struct PatienceFit {
    /// Hang-ups (events).
    pub abandoned: usize,
    /// Answered callers (censored observations).
    pub censored: usize,
    /// Exponential maximum-likelihood mean (total wait ÷ hang-ups), seconds.
    pub mean: f64,
    /// Its standard error, mean/√hang-ups.
    pub se: f64,
    /// The mean wait of those who hung up: biased low, shown to say why it is not used.
    pub naive_mean: f64,
    /// Kaplan–Meier survival at the check points: (t, KM S(t), exponential S(t)).
    pub km: Vec<(f64, f64, f64)>,
    /// Largest |KM − exponential| at event times while at least 1 % of the callers (and
    /// at least 30) are still waiting; None when no event time qualifies.
    pub km_max_gap: Option<f64>,
    /// The Kaplan–Meier curve (t, S(t)) at its steps, thinned to at most 500 points, for
    /// the chart.
    pub curve: Vec<(f64, f64)>,
}

/// Busyness from day totals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BusynessFit {
    pub days: usize,
    pub mean_day: f64,
    pub sd_day: f64,
    /// cv of the day factor; 0 when the days vary no more than Poisson.
    pub cv: f64,
}

/// How the agents were estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentsSource {
    Given,
    DistinctAgents,
    MostBusyAtOnce,
}

/// Everything fitted from a log.
#[derive(Debug, Clone)]
pub struct Fit {
    pub interval_s: f64,
    /// Clock time of the first interval, seconds after midnight.
    pub start_s: f64,
    /// Day indices fitted.
    pub days: Vec<usize>,
    /// Offered calls per interval, summed over the days.
    pub counts: Vec<u64>,
    /// Mean calls per interval over the days.
    pub calls: Vec<f64>,
    pub answered: usize,
    pub abandoned: usize,
    pub busy: usize,
    pub ivr: u64,
    pub busyness: Option<BusynessFit>,
    pub handle: Option<HandleFit>,
    pub patience: Option<PatienceFit>,
    pub agents: Vec<u32>,
    pub agents_source: AgentsSource,
    /// Mean offered calls per day by weekday (Monday first), when several weeks are there.
    pub weekday_means: Option<Vec<Option<(usize, f64)>>>,
}

/// Points where the Kaplan–Meier curve is shown beside the exponential.
pub const KM_POINTS_S: [f64; 6] = [15.0, 30.0, 60.0, 120.0, 300.0, 600.0];

/// Fits a log.
pub fn fit(log: &CallLog, opts: &FitOptions) -> Result<Fit> {
    let days: Vec<usize> = (0..log.days.len())
        .filter(|&d| opts.weekday.is_none() || log.days[d].weekday() == opts.weekday)
        .collect();
    if opts.weekday.is_some() && log.days.iter().all(|d| d.number.is_none()) {
        return Err(Error::input(format!(
            "{}: --weekday: expected a log with dates, found clock times only (give the \
             date column with --date)",
            log.path
        )));
    }
    if days.is_empty() {
        let wd = opts.weekday.map_or("", |w| WEEKDAYS[w]);
        return Err(Error::input(format!(
            "{}: expected days that are a {wd} (--weekday), found none among its {} day{}",
            log.path,
            log.days.len(),
            if log.days.len() == 1 { "" } else { "s" }
        )));
    }
    let mut selected = vec![false; log.days.len()];
    days.iter().for_each(|&d| selected[d] = true);
    let calls: Vec<&super::read::Call> = log
        .calls
        .iter()
        .filter(|c| selected[c.day as usize])
        .collect();
    if calls.is_empty() {
        return Err(Error::input(format!(
            "{}: expected calls on the days chosen, found none",
            log.path
        )));
    }
    let step = opts.interval_s;
    let first = calls
        .iter()
        .map(|c| c.arrival_s)
        .fold(f64::INFINITY, f64::min);
    let last = calls.iter().map(|c| c.arrival_s).fold(0.0, f64::max);
    let start_s = (first / step).floor() * step;
    let intervals = (((last - start_s) / step).floor() as usize + 1).max(1);
    let slot = |t: f64| (((t - start_s) / step).floor().max(0.0) as usize).min(intervals - 1);
    let d = days.len();
    let mut counts = vec![0u64; intervals];
    let mut day_totals = vec![0u64; log.days.len()];
    let (mut answered, mut abandoned, mut busy) = (0, 0, 0);
    for c in &calls {
        counts[slot(c.arrival_s)] += 1;
        day_totals[c.day as usize] += 1;
        match c.outcome {
            Outcome::Answered => answered += 1,
            Outcome::Abandoned => abandoned += 1,
            Outcome::Busy => busy += 1,
        }
    }
    let totals: Vec<f64> = days.iter().map(|&d| day_totals[d] as f64).collect();
    let busyness = fit_busyness(&totals);
    let handle = if log.has_handle {
        let mut h: Vec<f64> = calls
            .iter()
            .filter_map(|c| c.handle_s)
            .filter(|h| *h > 0.0)
            .collect();
        (h.len() >= 2).then(|| fit_handle(&mut h))
    } else {
        None
    };
    let patience = fit_patience(&calls);
    let (agents, agents_source) = match opts.agents {
        Some(n) => (vec![n; intervals], AgentsSource::Given),
        None if !log.agents.is_empty() => (
            distinct_agents(&calls, &days, start_s, step, intervals),
            AgentsSource::DistinctAgents,
        ),
        None if log.has_handle => (
            most_busy(&calls, &days, start_s, step, intervals),
            AgentsSource::MostBusyAtOnce,
        ),
        None => {
            return Err(Error::input(format!(
                "{}: expected an agent column (--agent) or talk times (--talk) to estimate \
                 the agents per interval, found neither; give --agents N",
                log.path
            )));
        }
    };
    let weekday_means = weekday_means(log, &day_totals);
    let ivr = days.iter().map(|&d| log.ivr[d]).sum();
    Ok(Fit {
        interval_s: step,
        start_s,
        calls: counts.iter().map(|&n| n as f64 / d as f64).collect(),
        counts,
        days,
        answered,
        abandoned,
        busy,
        ivr,
        busyness,
        handle,
        patience,
        agents,
        agents_source,
        weekday_means,
    })
}

/// The day factor's cv from day totals: over-dispersion beyond Poisson.
pub fn fit_busyness(totals: &[f64]) -> Option<BusynessFit> {
    let n = totals.len();
    if n < 2 {
        return None;
    }
    let mean = totals.iter().sum::<f64>() / n as f64;
    let var = totals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
    if mean <= 0.0 {
        return None;
    }
    let cv2 = ((var - mean) / (mean * mean)).max(0.0);
    Some(BusynessFit {
        days: n,
        mean_day: mean,
        sd_day: var.sqrt(),
        cv: cv2.sqrt().min(3.0),
    })
}

/// Fits lognormal and gamma to positive durations (sorted in place) and chooses.
pub fn fit_handle(h: &mut [f64]) -> HandleFit {
    h.sort_unstable_by(f64::total_cmp);
    let n = h.len();
    let nf = n as f64;
    let mean = h.iter().sum::<f64>() / nf;
    let sd = (h.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (nf - 1.0)).sqrt();
    let logs: Vec<f64> = h.iter().map(|x| x.ln()).collect();
    let sum_log: f64 = logs.iter().sum();
    let mu = sum_log / nf;
    let s2 = logs.iter().map(|l| (l - mu).powi(2)).sum::<f64>() / nf;
    let sigma = s2.sqrt().max(1e-9);
    let ln_ll =
        -sum_log - nf * sigma.ln() - 0.5 * nf * (2.0 * std::f64::consts::PI).ln() - 0.5 * nf;
    let lognormal = ParametricFit {
        mean: (mu + s2 / 2.0).exp(),
        sd: (mu + s2 / 2.0).exp() * (s2.exp() - 1.0).sqrt(),
        ks: ks_distance(h, |x| normal_cdf((x.ln() - mu) / sigma)),
        aic: 4.0 - 2.0 * ln_ll,
    };
    // Gamma: the shape solves ln k − ψ(k) = ln(mean) − mean(ln x) (Newton from Minka's start).
    let s = (mean.ln() - mu).max(1e-12);
    let mut k = (3.0 - s + ((s - 3.0).powi(2) + 24.0 * s).sqrt()) / (12.0 * s);
    for _ in 0..50 {
        let f = k.ln() - digamma(k) - s;
        let df = 1.0 / k - trigamma(k);
        let next = (k - f / df).max(k / 10.0);
        if (next - k).abs() < 1e-12 * k {
            k = next;
            break;
        }
        k = next;
    }
    let theta = mean / k;
    let g_ll = (k - 1.0) * sum_log
        - nf * mean / theta
        - nf * k * theta.ln()
        - nf * crate::dist::ln_gamma(k);
    let gamma = ParametricFit {
        mean,
        sd: mean / k.sqrt(),
        ks: ks_distance(h, |x| gamma_p(k, x / theta)),
        aic: 4.0 - 2.0 * g_ll,
    };
    let ks_critical = ks_critical_1pct(n);
    let best = if lognormal.ks <= gamma.ks {
        (Family::LogNormal, lognormal.ks)
    } else {
        (Family::Gamma, gamma.ks)
    };
    let choice = if best.1 > ks_critical {
        Family::Empirical
    } else {
        best.0
    };
    HandleFit {
        n,
        sample_mean: mean,
        sample_sd: sd,
        lognormal,
        gamma,
        ks_critical,
        choice,
        quantiles: quantile_sample(h, 2000),
    }
}

/// `m` evenly spaced quantiles (midpoints) of a sorted sample: the empirical law in
/// little space.
pub fn quantile_sample(sorted: &[f64], m: usize) -> Vec<f64> {
    if sorted.len() <= m {
        return sorted.to_vec();
    }
    let n = sorted.len() as f64;
    (0..m)
        .map(|i| sorted[(((i as f64 + 0.5) / m as f64) * n) as usize])
        .collect()
}

/// Patience from answered (censored) and abandoned (event) waits.
pub fn fit_patience(calls: &[&super::read::Call]) -> Option<PatienceFit> {
    let mut obs: Vec<(f64, bool)> = calls
        .iter()
        .filter(|c| c.outcome != Outcome::Busy)
        .map(|c| (c.wait_s, c.outcome == Outcome::Abandoned))
        .collect();
    patience_from(&mut obs)
}

/// Patience from (wait, hung up) pairs.
pub fn patience_from(obs: &mut [(f64, bool)]) -> Option<PatienceFit> {
    let events = obs.iter().filter(|o| o.1).count();
    if events == 0 {
        return None;
    }
    let exposure: f64 = obs.iter().map(|o| o.0).sum();
    let mean = exposure / events as f64;
    let naive_mean = obs.iter().filter(|o| o.1).map(|o| o.0).sum::<f64>() / events as f64;
    // Kaplan–Meier: at an event time, those still waiting (censored at that time
    // included) are at risk; events sort before censorings at the same time.
    obs.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut at_risk = obs.len() as f64;
    let mut s = 1.0;
    let mut curve: Vec<(f64, f64)> = Vec::new();
    let mut i = 0;
    let mut gap: Option<f64> = None;
    // The gap is measured where the curve still rests on many callers: in the far tail
    // one hang-up among the last few waiting moves Kaplan–Meier by a large step.
    let enough = (obs.len() as f64 / 100.0).max(30.0);
    while i < obs.len() {
        let t = obs[i].0;
        let mut d = 0.0;
        let mut all = 0.0;
        while i < obs.len() && obs[i].0 == t {
            if obs[i].1 {
                d += 1.0;
            }
            all += 1.0;
            i += 1;
        }
        if d > 0.0 {
            let expo = (-t / mean).exp();
            let counted = at_risk >= enough;
            let before = s;
            s *= 1.0 - d / at_risk;
            curve.push((t, s));
            if counted {
                let g = (before - expo).abs().max((s - expo).abs());
                gap = Some(gap.map_or(g, |x: f64| x.max(g)));
            }
        }
        at_risk -= all;
    }
    let km_at = |t: f64| {
        let k = curve.partition_point(|p| p.0 <= t);
        if k == 0 { 1.0 } else { curve[k - 1].1 }
    };
    let last_wait = obs.last().map_or(0.0, |o| o.0);
    let km = KM_POINTS_S
        .iter()
        .filter(|&&t| t <= last_wait)
        .map(|&t| (t, km_at(t), (-t / mean).exp()))
        .collect();
    Some(PatienceFit {
        abandoned: events,
        censored: obs.len() - events,
        mean,
        se: mean / (events as f64).sqrt(),
        naive_mean,
        km,
        km_max_gap: gap,
        curve: thin(&curve, 500),
    })
}

/// At most about `n` points of `curve`, evenly spread over its index, the last kept.
fn thin(curve: &[(f64, f64)], n: usize) -> Vec<(f64, f64)> {
    let step = curve.len().div_ceil(n.max(1)).max(1);
    let mut out: Vec<(f64, f64)> = curve.iter().step_by(step).copied().collect();
    if let Some(&last) = curve.last()
        && out.last() != Some(&last)
    {
        out.push(last);
    }
    out
}

/// The answered calls' busy spans (answer, end) with their agent.
fn busy_spans<'a>(
    calls: &'a [&super::read::Call],
) -> impl Iterator<Item = (u32, f64, f64, Option<u32>)> + 'a {
    calls.iter().filter_map(|c| {
        let h = c.handle_s?;
        (c.outcome == Outcome::Answered).then(|| {
            let a = c.arrival_s + c.wait_s;
            (c.day, a, a + h, c.agent)
        })
    })
}

/// Distinct agents answering calls in each interval (by the instant of the answer: an
/// agent finishing a call after leaving the roster is not counted), mean over the days,
/// rounded.
fn distinct_agents(
    calls: &[&super::read::Call],
    days: &[usize],
    start_s: f64,
    step: f64,
    intervals: usize,
) -> Vec<u32> {
    let mut seen: Vec<(u32, usize, u32)> = calls
        .iter()
        .filter(|c| c.outcome == Outcome::Answered)
        .filter_map(|c| {
            let at = c.arrival_s + c.wait_s;
            let i = (((at - start_s) / step).floor().max(0.0) as usize).min(intervals - 1);
            c.agent.map(|a| (c.day, i, a))
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let mut per = vec![0u64; intervals];
    seen.iter().for_each(|&(_, i, _)| per[i] += 1);
    per.iter()
        .map(|&n| (n as f64 / days.len() as f64).round() as u32)
        .collect()
}

/// How far logged times may be off by rounding, seconds.
const ROUNDING_S: f64 = 1.0;

/// The most calls in progress at once in each interval, mean over the days, rounded up.
fn most_busy(
    calls: &[&super::read::Call],
    days: &[usize],
    start_s: f64,
    step: f64,
    intervals: usize,
) -> Vec<u32> {
    let mut per_day: Vec<Vec<(f64, i32)>> =
        vec![Vec::new(); days.iter().max().map_or(0, |m| m + 1)];
    // Logs round times (often to whole seconds), so a call's computed end can fall just
    // after the next call the same agent answers: ends count one second early.
    for (day, a, b, _) in busy_spans(calls) {
        per_day[day as usize].push((a, 1));
        per_day[day as usize].push(((b - ROUNDING_S).max(a), -1));
    }
    let mut sum = vec![0u64; intervals];
    for events in per_day.iter_mut().filter(|e| !e.is_empty()) {
        // Ends before starts at the same instant: an agent freed takes the next call.
        events.sort_unstable_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
        let mut peak = vec![0i32; intervals];
        let mut now = 0i32;
        let mut cur = 0usize;
        for &(t, delta) in events.iter() {
            let i = (((t - start_s) / step).floor().max(0.0) as usize).min(intervals - 1);
            // Calls in progress carry into the intervals they span.
            while cur < i {
                cur += 1;
                peak[cur] = peak[cur].max(now);
            }
            now += delta;
            peak[i] = peak[i].max(now);
        }
        for (s, p) in sum.iter_mut().zip(&peak) {
            *s += *p as u64;
        }
    }
    sum.iter()
        .map(|&n| (n as f64 / days.len() as f64).ceil() as u32)
        .collect()
}

/// Mean offered calls per day by weekday, when some weekday occurs at least twice.
fn weekday_means(log: &CallLog, day_totals: &[u64]) -> Option<Vec<Option<(usize, f64)>>> {
    let mut per = [(0usize, 0u64); 7];
    for (d, day) in log.days.iter().enumerate() {
        let w = day.weekday()?;
        per[w].0 += 1;
        per[w].1 += day_totals[d];
    }
    per.iter().any(|p| p.0 >= 2).then(|| {
        per.iter()
            .map(|&(n, total)| (n > 0).then(|| (n, total as f64 / n as f64)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busyness_is_zero_for_poisson_like_days() {
        let b = fit_busyness(&[100.0, 110.0, 95.0, 105.0]).unwrap();
        assert_eq!(b.cv, 0.0);
        let b = fit_busyness(&[100.0, 200.0, 150.0, 50.0]).unwrap();
        assert!(b.cv > 0.3);
    }

    #[test]
    fn km_without_censoring_is_the_empirical_survival() {
        let mut obs = vec![(10.0, true), (20.0, true), (30.0, true), (40.0, true)];
        let p = patience_from(&mut obs).unwrap();
        assert_eq!(p.mean, 25.0);
        assert_eq!(p.km[0], (15.0, 0.75, (-15.0f64 / 25.0).exp()));
        assert_eq!(p.km[1].1, 0.25);
    }
}
