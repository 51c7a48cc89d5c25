//! Comparing scenarios side by side (`ccsim report A.toml B.toml …`): the variants are
//! simulated with common random numbers (one seed and one replication count for all, so
//! the n-th simulated day of every variant draws the same callers, handle times and
//! patience wherever the scenarios agree), and each variant's difference from the first
//! is estimated from the per-replication differences (a paired confidence interval),
//! which is far narrower than comparing two independent confidence intervals.
//!
//! Only what can be compared is: the variants must share the planning intervals, the
//! warm-up and the definition of the service level, or the figures would measure
//! different things. The report itself is [`crate::report::compare`].

use std::sync::atomic::AtomicBool;

use crate::error::{Error, Result};
use crate::model::clock_label;
use crate::replicate::{self, RunOptions, RunResult};
use crate::scenario::Scenario;
use crate::staffing;
use crate::stats::{Metric, MetricRow, Running};

/// One scenario of a comparison, simulated.
#[derive(Debug, Clone)]
pub struct Variant {
    /// How the report names it: the scenario's name, or its file stem where names repeat.
    pub name: String,
    pub scenario: Scenario,
    pub result: RunResult,
    /// Every replication's figures for the whole period, in replication order.
    pub days: Vec<MetricRow>,
    /// Planned agent-hours on the phones over the period.
    pub agent_hours: f64,
    /// Their cost, with `cost_per_hour`.
    pub cost: Option<f64>,
}

/// Variants simulated with common random numbers.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub variants: Vec<Variant>,
    pub seed: u64,
    pub replications: u64,
}

/// A variant's difference from the first for one metric over the period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Difference {
    /// Mean of the per-replication differences (variant − first); None where the metric
    /// is defined in no replication of both.
    pub mean: Option<f64>,
    /// Half-width of its 95 % Student-t confidence interval (paired).
    pub ci95: Option<f64>,
    /// What the half-width would be without pairing: sqrt(h₁² + h₂²) from the two
    /// variants' own intervals, for comparison (and to show that pairing works).
    pub unpaired_ci95: Option<f64>,
    /// Replications in which both values are defined.
    pub n: u64,
}

impl Difference {
    /// Whether the 95 % interval excludes zero: the difference is not noise.
    pub fn significant(&self) -> bool {
        match (self.mean, self.ci95) {
            (Some(m), Some(h)) => m.abs() > h,
            _ => false,
        }
    }
}

/// The scenarios given, checked to be comparable, with one seed and one replication
/// count (the overrides, else the first scenario's): what [`simulate`] runs. Also
/// returns notes for the user (a scenario whose own seed or replications were replaced).
pub fn prepare(
    mut scenarios: Vec<Scenario>,
    seed: Option<u64>,
    replications: Option<u64>,
) -> Result<(Vec<Scenario>, Vec<String>)> {
    if scenarios.len() < 2 {
        return Err(Error::input(format!(
            "report: expected at least two scenario files to compare (or one folder written \
             by `ccsim sweep`), found {}",
            scenarios.len()
        )));
    }
    for sc in &scenarios[1..] {
        check_comparable(&scenarios[0], sc)?;
    }
    let seed = seed.unwrap_or(scenarios[0].experiment.seed);
    let replications = replications.unwrap_or(scenarios[0].experiment.replications);
    let mut notes = Vec::new();
    for sc in &mut scenarios[1..] {
        let e = &mut sc.experiment;
        if e.seed != seed || e.replications != replications {
            notes.push(format!(
                "{}: simulated with seed {seed} and {replications} replications like the first \
                 scenario (its own: seed {}, {} replications), so that the variants share \
                 their random numbers",
                sc.labels.path, e.seed, e.replications
            ));
        }
        e.seed = seed;
        e.replications = replications;
    }
    scenarios[0].experiment.seed = seed;
    scenarios[0].experiment.replications = replications;
    Ok((scenarios, notes))
}

/// Refuses two scenarios whose figures would not measure the same thing.
fn check_comparable(a: &Scenario, b: &Scenario) -> Result<()> {
    let refuse = |what: String| {
        Err(Error::input(format!(
            "report: {} and {} cannot be compared: {what}",
            a.labels.path, b.labels.path
        )))
    };
    let grid = |sc: &Scenario| {
        let c = &sc.model.clock;
        format!(
            "{} interval{} of {} from {}",
            c.len(),
            if c.len() == 1 { "" } else { "s" },
            crate::duration::format_duration(c.interval_s),
            clock_label(c.start_s, c.labels_need_seconds())
        )
    };
    let (ca, cb) = (&a.model.clock, &b.model.clock);
    if ca.len() != cb.len()
        || ca.interval_s != cb.interval_s
        || ca.start_s != cb.start_s
        || ca.horizon_s != cb.horizon_s
    {
        return refuse(format!(
            "expected the same planning intervals, found {} against {}",
            grid(a),
            grid(b)
        ));
    }
    if a.experiment.warmup_s != b.experiment.warmup_s {
        return refuse(format!(
            "expected the same warm-up, found {} against {}",
            crate::duration::format_duration(a.experiment.warmup_s),
            crate::duration::format_duration(b.experiment.warmup_s)
        ));
    }
    let (oa, ob) = (a.model.service_level.of, b.model.service_level.of);
    if oa != ob {
        return refuse(format!(
            "expected the same service-level definition, found `of = \"{}\"` against \
             `of = \"{}\"`",
            oa.key(),
            ob.key()
        ));
    }
    Ok(())
}

/// The variants' names: scenario names, or file stems where names repeat, or both with a
/// number where those repeat too (a scenario compared with itself).
pub fn variant_names(scenarios: &[Scenario]) -> Vec<String> {
    let distinct = |v: &[String]| (1..v.len()).all(|i| !v[..i].contains(&v[i]));
    let names: Vec<String> = scenarios.iter().map(|s| s.labels.name.clone()).collect();
    if distinct(&names) {
        return names;
    }
    let stems: Vec<String> = scenarios.iter().map(|s| s.labels.stem()).collect();
    if distinct(&stems) {
        return stems;
    }
    names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{n} ({})", i + 1))
        .collect()
}

/// How to simulate the variants.
pub struct CompareOptions<'a> {
    pub threads: usize,
    /// Called after each replication of each variant.
    pub on_progress: &'a (dyn Fn(u64) + Sync),
    pub cancel: &'a AtomicBool,
}

/// Simulates prepared scenarios ([`prepare`]) one after the other, each on all threads,
/// keeping every replication's figures for the period. The output does not depend on the
/// number of threads.
pub fn simulate(scenarios: Vec<Scenario>, opts: &CompareOptions<'_>) -> Result<Comparison> {
    let names = variant_names(&scenarios);
    let (seed, replications) = (
        scenarios[0].experiment.seed,
        scenarios[0].experiment.replications,
    );
    let mut variants = Vec::with_capacity(scenarios.len());
    for (sc, name) in scenarios.into_iter().zip(names) {
        let mut days = Vec::with_capacity(replications.min(1 << 16) as usize);
        let result = replicate::run_observing(
            &sc,
            &RunOptions {
                replications,
                threads: opts.threads,
                on_progress: opts.on_progress,
                cancel: opts.cancel,
            },
            &mut |m| days.push(m.overall),
        )?;
        let agent_hours = staffing::agent_hours(&sc.model.clock, sc.model.agents_per_interval());
        variants.push(Variant {
            name,
            cost: sc.model.cost_per_hour.map(|c| c * agent_hours),
            agent_hours,
            scenario: sc,
            result,
            days,
        });
    }
    Ok(Comparison {
        variants,
        seed,
        replications,
    })
}

impl Comparison {
    /// Variant `v`'s difference from the first for metric `m` over the period, from the
    /// replications where both are defined.
    pub fn difference(&self, v: usize, m: Metric) -> Difference {
        let (base, other) = (&self.variants[0], &self.variants[v]);
        let mut diff = Running::default();
        for (a, b) in base.days.iter().zip(&other.days) {
            let (a, b) = (a[m as usize], b[m as usize]);
            if !a.is_nan() && !b.is_nan() {
                diff.push(b - a);
            }
        }
        let e = diff.estimate();
        let (ea, eb) = (
            base.result.estimates.overall[m as usize],
            other.result.estimates.overall[m as usize],
        );
        let unpaired = match (ea.ci95, eb.ci95) {
            (Some(x), Some(y)) => Some(x.hypot(y)),
            _ => None,
        };
        Difference {
            mean: e.mean,
            ci95: e.ci95,
            unpaired_ci95: unpaired,
            n: e.n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse_scenario;

    const TEXT: &str = r#"
name = "Plan"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [10, 20]
[handle_time]
distribution = "exponential"
mean = "3m"
[staffing]
agents = 3
"#;

    fn sc(path: &str, text: &str) -> Scenario {
        parse_scenario(path, text).unwrap()
    }

    #[test]
    fn names_are_the_scenarios_then_the_files_then_numbered() {
        let other = TEXT.replace("\"Plan\"", "\"Busier\"");
        let names = |v: &[Scenario]| variant_names(v);
        assert_eq!(
            names(&[sc("a.toml", TEXT), sc("b.toml", &other)]),
            ["Plan", "Busier"]
        );
        assert_eq!(
            names(&[sc("x/a.toml", TEXT), sc("x/b.toml", TEXT)]),
            ["a", "b"]
        );
        assert_eq!(
            names(&[sc("x/a.toml", TEXT), sc("y/a.toml", TEXT)]),
            ["Plan (1)", "Plan (2)"]
        );
    }

    #[test]
    fn only_comparable_scenarios_are_prepared_with_one_seed() {
        let seeded = format!("{TEXT}[simulation]\nseed = 9\nreplications = 7\n");
        let (prepared, notes) =
            prepare(vec![sc("a.toml", TEXT), sc("b.toml", &seeded)], None, None).unwrap();
        assert!(
            prepared
                .iter()
                .all(|s| s.experiment.seed == 1 && s.experiment.replications == 100)
        );
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("b.toml: simulated with seed 1 and 100 replications"));
        let shifted = TEXT.replace("name = \"Plan\"", "name = \"Plan\"\nstart = \"08:00\"");
        let err = prepare(vec![sc("a.toml", TEXT), sc("c.toml", &shifted)], None, None)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("a.toml and c.toml cannot be compared")
                && err.contains(
                    "2 intervals of 30m from 00:00 against 2 intervals of 30m from 08:00"
                ),
            "{err}"
        );
        assert!(prepare(vec![sc("a.toml", TEXT)], None, None).is_err());
    }

    #[test]
    fn a_difference_is_significant_only_when_its_interval_excludes_zero() {
        let d = |mean: f64, h: f64| Difference {
            mean: Some(mean),
            ci95: Some(h),
            unpaired_ci95: None,
            n: 10,
        };
        assert!(d(0.02, 0.01).significant() && d(-0.02, 0.01).significant());
        assert!(!d(0.01, 0.01).significant() && !d(0.0, 0.0).significant());
        assert!(d(0.01, 0.0).significant(), "a difference without noise");
    }
}
