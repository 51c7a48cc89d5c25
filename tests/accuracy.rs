//! The simulation against exact steady-state values (tests/data/erlang-grid.csv).
//!
//! Each case simulates a long constant-rate horizon after a warm-up, over independent
//! replications. A metric passes when |simulated mean − exact| ≤ 4 standard errors, the
//! standard error being the measured 95 % half-width divided by its t quantile. The
//! z-scores are printed (`cargo test accuracy -- --nocapture`) for the record.

use ccsim::stats::{Metric, t975};

use crate::support::{reference, scenario, simulate};

struct Case {
    case: &'static str,
    model: &'static str,
    lam_per_hour: f64,
    agents: u32,
    patience_s: Option<f64>,
    lines: Option<u32>,
    horizon_h: f64,
}

/// Simulates a case and checks each (reference metric, simulated metric) pair.
fn check(c: &Case, pairs: &[(&str, Metric)]) {
    let patience = c.patience_s.map_or(String::new(), |p| {
        format!("[patience]\ndistribution = \"exponential\"\nmean = {p}\n")
    });
    let lines = c.lines.map_or(String::new(), |k| format!("lines = {k}\n"));
    let text = format!(
        "name = \"{case}\"\ninterval = \"{h}h\"\n{lines}\
         [service_level]\nthreshold = 20\ntarget = 0.8\n\
         [arrivals]\nrate = \"{lam}/h\"\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = 180\n{patience}\
         [staffing]\nagents = {agents}\n\
         [simulation]\nhorizon = \"{h}h\"\nwarmup = \"{w}h\"\nreplications = 30\nseed = 11\n",
        case = c.case,
        h = c.horizon_h,
        w = c.horizon_h / 20.0,
        lam = c.lam_per_hour,
        agents = c.agents,
    );
    let result = simulate(&scenario(&text));
    let patience_key = c.patience_s.map_or(String::new(), |p| format!("{p}"));
    let mut failures = vec![];
    for (ref_metric, metric) in pairs {
        let exact = reference(c.case, c.model, &patience_key, ref_metric);
        let est = result.estimates.overall[*metric as usize];
        let (mean, ci) = (est.mean.unwrap(), est.ci95.unwrap());
        let se = ci / t975(est.n - 1);
        let z = (mean - exact) / se;
        println!(
            "{:>16} {:>7} {:>24} exact {exact:>12.6} sim {mean:>12.6} ±{ci:.6}  z = {z:+.2}",
            c.case, c.model, ref_metric
        );
        if z.abs() > 4.0 {
            failures.push(format!(
                "{} {ref_metric}: exact {exact}, simulated {mean} ± {ci} (z = {z:.2})",
                c.case
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "outside 4 standard errors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn erlang_c_small_centre() {
    let c = Case {
        case: "G_a8_rho0.85",
        model: "ErlangC",
        lam_per_hour: 153.0,
        agents: 9,
        patience_s: None,
        lines: None,
        horizon_h: 2000.0,
    };
    check(
        &c,
        &[
            ("asa_s", Metric::AsaS),
            ("service_level", Metric::SlAnswered),
            ("occupancy", Metric::Occupancy),
        ],
    );
}

#[test]
fn erlang_c_medium_centre() {
    let c = Case {
        case: "G_a45_rho0.85",
        model: "ErlangC",
        lam_per_hour: 901.0,
        agents: 53,
        patience_s: None,
        lines: None,
        horizon_h: 400.0,
    };
    check(
        &c,
        &[
            ("asa_s", Metric::AsaS),
            ("service_level", Metric::SlAnswered),
            ("occupancy", Metric::Occupancy),
        ],
    );
}

#[test]
fn erlang_c_three_agents() {
    let c = Case {
        case: "G_a2_rho0.7",
        model: "ErlangC",
        lam_per_hour: 42.0,
        agents: 3,
        patience_s: None,
        lines: None,
        horizon_h: 4000.0,
    };
    check(
        &c,
        &[
            ("asa_s", Metric::AsaS),
            ("service_level", Metric::SlOffered),
            ("occupancy", Metric::Occupancy),
        ],
    );
}

const ERLANG_A: [(&str, Metric); 5] = [
    ("prob_abandon", Metric::AbandonRate),
    ("sl_answered", Metric::SlAnswered),
    ("sl_offered", Metric::SlOffered),
    ("sl_excl_short_abandons", Metric::SlExclShortAbandons),
    ("mean_wait_served_s", Metric::AsaS),
];

#[test]
fn erlang_a_heavy_load() {
    let c = Case {
        case: "G_a8_rho0.95",
        model: "ErlangA",
        lam_per_hour: 152.0,
        agents: 8,
        patience_s: Some(120.0),
        lines: None,
        horizon_h: 2000.0,
    };
    check(&c, &ERLANG_A);
}

#[test]
fn erlang_a_overloaded() {
    let c = Case {
        case: "G_a45_rho1.1",
        model: "ErlangA",
        lam_per_hour: 902.0,
        agents: 41,
        patience_s: Some(600.0),
        lines: None,
        horizon_h: 400.0,
    };
    check(&c, &ERLANG_A);
}

#[test]
fn mmck_blocking() {
    let c = Case {
        case: "G_a8_rho0.85",
        model: "MMcK",
        lam_per_hour: 153.0,
        agents: 9,
        patience_s: None,
        lines: Some(12),
        horizon_h: 2000.0,
    };
    check(
        &c,
        &[
            ("prob_block", Metric::BlockRate),
            ("sl_offered", Metric::SlOffered),
            ("mean_wait_admitted_s", Metric::AsaS),
        ],
    );
}

#[test]
fn mmck_overloaded() {
    let c = Case {
        case: "G_a45_rho1.1",
        model: "MMcK",
        lam_per_hour: 902.0,
        agents: 41,
        patience_s: None,
        lines: Some(48),
        horizon_h: 400.0,
    };
    check(
        &c,
        &[
            ("prob_block", Metric::BlockRate),
            ("sl_offered", Metric::SlOffered),
            ("sl_admitted", Metric::SlAnswered),
        ],
    );
}

/// Wait percentiles against Erlang C's wait distribution P(W > x) = C·e^(−(cμ−λ)x): checks
/// the histogram and percentile machinery, not only means.
#[test]
fn erlang_c_wait_percentiles() {
    let text = "name = \"p\"\ninterval = \"2000h\"\n[service_level]\nthreshold = 20\ntarget = 0.8\n\
                [arrivals]\nrate = \"153/h\"\n[handle_time]\ndistribution = \"exponential\"\nmean = 180\n\
                [staffing]\nagents = 9\n[simulation]\nhorizon = \"2000h\"\nwarmup = \"100h\"\nreplications = 30\nseed = 5\n";
    let result = simulate(&scenario(text));
    let c = reference("G_a8_rho0.85", "ErlangC", "", "prob_wait");
    let decay = 9.0 / 180.0 - 153.0 / 3600.0;
    for (p, metric) in [(0.5, Metric::WaitP50S), (0.9, Metric::WaitP90S)] {
        let exact = (c / (1.0 - p)).ln() / decay;
        let est = result.estimates.overall[metric as usize];
        let (mean, ci) = (est.mean.unwrap(), est.ci95.unwrap());
        let z = (mean - exact) / (ci / t975(est.n - 1));
        println!(
            "Erlang C wait p{:.0}: exact {exact:.3} s, simulated {mean:.3} ± {ci:.3} s, z = {z:+.2}",
            p * 100.0
        );
        // The histogram's bucket midpoints add at most 0.4 % of the value on top of the noise.
        assert!(
            (mean - exact).abs() <= 4.0 * ci / t975(est.n - 1) + 0.004 * exact,
            "p{p}: {mean} vs {exact}"
        );
    }
}
