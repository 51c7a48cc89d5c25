//! The pooled estimator (SPEC Metrics, `[service_level] estimator = "pooled"`): ratios of
//! sums over replications with delta-method confidence intervals.

use ccsim::engine::{Workspace, simulate};
use ccsim::erlang::erlang_c;
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::{Metric, Tally, t975};

fn parse(text: &str) -> Scenario {
    parse_scenario("pooled.toml", text).unwrap_or_else(|e| panic!("{e}"))
}

const DAY: &str = "name = \"pooled\"\ninterval = \"30m\"\n[service_level]\nthreshold = \"20s\"\n\
    target = 0.8\nESTIMATOR\n[arrivals]\ncalls = [40, 70, 55]\n\
    [handle_time]\ndistribution = \"lognormal\"\nmean = \"3m\"\nsd = \"2m\"\n\
    [patience]\ndistribution = \"exponential\"\nmean = \"2m\"\n\
    [staffing]\nagents = [4, 6, 5]\n[simulation]\nreplications = 25\nseed = 7\n";

/// The summary's pooled figures equal a hand computation from the replications' own
/// tallies (simulated here one by one): ΣX ÷ ΣY and t·s_d ÷ (√n·Ȳ), per interval and for
/// the day; counts keep their means; without the key the output is the default's.
#[test]
fn pooled_figures_are_ratios_of_sums_of_the_replications() {
    let pooled = parse(&DAY.replace("ESTIMATOR", "estimator = \"pooled\""));
    let plain = parse(&DAY.replace("ESTIMATOR", ""));
    let explicit_mean = parse(&DAY.replace("ESTIMATOR", "estimator = \"mean\""));
    let rp = crate::support::simulate(&pooled);
    let rm = crate::support::simulate(&plain);
    let n = pooled.model.intervals();
    let reps = pooled.experiment.replications;
    let mut ws = Workspace::default();
    let tallies: Vec<Tally> = (0..reps)
        .map(|rep| {
            let mut t = Tally::new(n, 20.0);
            simulate(&pooled.model, &pooled.experiment, rep, &mut t, &mut ws);
            t
        })
        .collect();
    // (metric, numerator, denominator) from one row's counts, by SPEC's definitions.
    type Part = fn(&ccsim::stats::IntervalTally) -> (f64, f64);
    let parts: [(Metric, Part); 4] = [
        (Metric::ServiceLevel, |t| {
            (
                t.answered_within as f64,
                (t.offered - t.abandoned_within) as f64,
            )
        }),
        (Metric::AsaS, |t| (t.wait_sum, t.answered as f64)),
        (Metric::AbandonRate, |t| {
            (t.abandoned as f64, t.offered as f64)
        }),
        (Metric::Occupancy, |t| (t.busy_time, t.staffed_time)),
    ];
    let rows: Vec<Option<usize>> = (0..n).map(Some).chain([None]).collect();
    for row in rows {
        let est = match row {
            Some(i) => &rp.estimates.intervals[i],
            None => &rp.estimates.overall,
        };
        for (m, part) in parts {
            let xy: Vec<(f64, f64)> = tallies
                .iter()
                .map(|t| match row {
                    Some(i) => part(&t.slots[i]),
                    None => part(&t.overall()),
                })
                .collect();
            let k = xy.len() as f64;
            let (sx, sy): (f64, f64) = xy.iter().fold((0.0, 0.0), |a, p| (a.0 + p.0, a.1 + p.1));
            let r = sx / sy;
            let d: Vec<f64> = xy.iter().map(|(x, y)| x - r * y).collect();
            let dm = d.iter().sum::<f64>() / k;
            let var = d.iter().map(|v| (v - dm).powi(2)).sum::<f64>() / (k - 1.0);
            let h = t975(reps - 1) * (var / k).sqrt() / (sy / k);
            let e = est[m as usize];
            let (mean, ci) = (e.mean.unwrap(), e.ci95.unwrap());
            assert!(
                (mean - r).abs() <= 1e-12 * r.abs().max(1.0),
                "{m:?} {row:?}: {mean} vs {r}"
            );
            assert!(
                (ci - h).abs() <= 1e-9 * h.max(1e-9),
                "{m:?} {row:?}: {ci} vs {h}"
            );
        }
        // Counts are not ratios: their mean is the default's.
        let plain_row = match row {
            Some(i) => &rm.estimates.intervals[i],
            None => &rm.estimates.overall,
        };
        assert_eq!(
            est[Metric::Offered as usize],
            plain_row[Metric::Offered as usize]
        );
    }
    // The pooled and mean figures differ (they are different estimators) ...
    let sl = Metric::ServiceLevel as usize;
    assert_ne!(rp.estimates.overall[sl].mean, rm.estimates.overall[sl].mean);
    // ... and `estimator = "mean"` is the default, byte for byte.
    assert_eq!(
        crate::support::summary(&plain).to_string(),
        crate::support::summary(&explicit_mean).to_string()
    );
    let s = crate::support::summary(&pooled);
    assert_eq!(s["service_level"]["estimator"], "pooled");
    assert!(
        crate::support::summary(&plain)["service_level"]
            .get("estimator")
            .is_none()
    );
}

/// Coverage of the delta-method interval: many independent small runs of a stationary
/// M/M/3 queue; the share of pooled 95 % intervals that cover the exact Erlang C values
/// (P(wait ≤ 20 s) of answered calls and the mean wait) is near 95 %.
#[test]
fn delta_method_intervals_cover_the_exact_values() {
    let runs = 200u64;
    let text = "name = \"mm3\"\n[service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
        of = \"answered\"\nestimator = \"pooled\"\n[arrivals]\nrate = \"120/h\"\n\
        [handle_time]\ndistribution = \"exponential\"\nmean = \"1m\"\n\
        [staffing]\nagents = 3\n[simulation]\nhorizon = \"4h\"\nwarmup = \"30m\"\nreplications = 10\n";
    let mut sc = parse(text);
    let exact = erlang_c(2.0, 3, 60.0, 20.0).unwrap();
    let (mut sl_in, mut asa_in) = (0u64, 0u64);
    for run in 0..runs {
        sc.experiment.seed = 1000 + run;
        let r = crate::support::simulate(&sc);
        let covers = |m: Metric, truth: f64| {
            let e = r.estimates.overall[m as usize];
            ((e.mean.unwrap() - truth).abs() <= e.ci95.unwrap()) as u64
        };
        sl_in += covers(Metric::ServiceLevel, exact.service_level);
        asa_in += covers(Metric::AsaS, exact.asa_s);
    }
    let (sl, asa) = (sl_in as f64 / runs as f64, asa_in as f64 / runs as f64);
    // Binomial noise on 200 runs: sd 1.5 points; accept 95 % ± 4.5 points (3 sd).
    println!("pooled 95% CI coverage over {runs} runs: service level {sl:.3}, ASA {asa:.3}");
    for (what, c) in [("service level", sl), ("ASA", asa)] {
        assert!((0.905..=0.995).contains(&c), "{what}: coverage {c}");
    }
}

/// Bad values name the key and what was expected.
#[test]
fn a_wrong_estimator_is_explained() {
    let e = parse_scenario("x.toml", &DAY.replace("ESTIMATOR", "estimator = \"ratio\""))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("service_level.estimator") && e.contains("pooled"),
        "{e}"
    );
}
