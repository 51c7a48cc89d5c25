//! `ccsim check`: baselines written with --update pass; real changes fail with exit 1, by
//! the paired test when the baseline has its per-replication values and by SPEC's
//! unpaired rule otherwise; baselines of another version or name are compared with a
//! note, those of another seed or interval layout refused; mixed outcomes exit with the
//! worst code and name every scenario; --json and --junit say the same for machines;
//! every line fits 80 columns.

use serde_json::Value;

use ccsim::check::{self, Pairs, Replications, Summary, Tolerance};
use ccsim::stats::Metric;

use crate::support::{TempDir, ccsim, flat, outcome, repo_file};

/// A copy of the small-business example with few replications, in its own folder.
fn scenario_in(dir: &TempDir, edit: impl Fn(String) -> String) -> String {
    let text = std::fs::read_to_string(repo_file("scenarios/small-business.toml")).unwrap();
    let text = edit(text.replace("replications = 200", "replications = 30"));
    let path = dir.join("hotline.toml");
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

fn check(scenario: &str, baseline: &str, extra: &[&str]) -> (i32, String, String) {
    let o = ccsim(
        &[
            &["check", scenario, "--baseline", baseline, "--quiet"][..],
            extra,
        ]
        .concat(),
    );
    let (code, stdout, stderr) = outcome(&o);
    if !extra.contains(&"--json") {
        fits_80_columns(&stdout);
    }
    if stderr.starts_with("error: check:") {
        fits_80_columns(&stderr);
    }
    (code, stdout, stderr)
}

/// Every line fits 80 columns, except one that is a single word (a long path).
fn fits_80_columns(text: &str) {
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80 || line.split_whitespace().count() == 1,
            "{} columns:\n{line}\nin\n{text}",
            line.chars().count()
        );
    }
}

fn read_baseline(dir: &TempDir) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("baselines/hotline.json")).unwrap())
        .unwrap()
}

fn write_baseline(dir: &TempDir, v: &Value) {
    std::fs::write(
        dir.join("baselines/hotline.json"),
        serde_json::to_string_pretty(v).unwrap(),
    )
    .unwrap();
}

fn companion(dir: &TempDir) -> std::path::PathBuf {
    dir.join("baselines/hotline.reps.csv.gz")
}

#[test]
fn update_then_check_passes_and_the_baseline_is_the_run_summary() {
    let dir = TempDir::new("check-pass");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");

    let (code, stdout, stderr) = check(&sc, &baselines, &[]);
    assert_eq!(code, 2, "no baseline yet: {stdout}{stderr}");
    assert!(flat(&stdout).contains("--update"), "{stdout}");
    assert!(
        !dir.join("baselines").exists(),
        "nothing written without --update"
    );

    let (code, stdout, stderr) = check(&sc, &baselines, &["--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(flat(&stdout).contains("baseline written"), "{stdout}");
    let baseline = read_baseline(&dir);
    crate::schema::assert_valid("summary.schema.json", &baseline, "a baseline");

    // The baseline is exactly what `run --json` prints.
    let o = ccsim(&["run", &sc, "--json", "--quiet", "--out", &dir.arg("run")]);
    let run: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(run, baseline);

    // Its companion holds every metric of every replication, for the day and each
    // interval, and agrees with the baseline's means.
    let reps = Replications::from_gz(&std::fs::read(companion(&dir)).unwrap()).unwrap();
    assert_eq!(reps.replications(), 30);
    assert_eq!(reps.metrics, Metric::reported(false).to_vec());
    assert_eq!(reps.labels.len(), 16);
    assert_eq!(reps.labels[0], "09:00");
    let summary = Summary::from_json(&baseline).unwrap();
    reps.matches(&summary).unwrap();

    // Same commit, any thread count: nothing moved, nothing listed, nothing on stderr.
    for threads in ["1", "2"] {
        let (code, stdout, stderr) = check(&sc, &baselines, &["--threads", threads]);
        assert_eq!(code, 0, "{stdout}{stderr}");
        assert!(flat(&stdout).contains("ok, nothing moved"), "{stdout}");
        assert!(flat(&stdout).contains("paired t test"), "{stdout}");
        assert!(
            !flat(&stdout).contains("where"),
            "no table when nothing moved: {stdout}"
        );
        assert!(stderr.is_empty(), "{stderr}");
    }
    // --update again writes the same bytes.
    let before = std::fs::read(companion(&dir)).unwrap();
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    assert_eq!(std::fs::read(companion(&dir)).unwrap(), before);
}

#[test]
fn a_real_change_is_a_regression_with_exit_1() {
    let dir = TempDir::new("check-regress");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);

    // One agent fewer all day: same name, intervals and seed, much worse service.
    scenario_in(&dir, |t| t.replace("agents = 6 ", "agents = 5 "));
    let (code, stdout, stderr) = check(&sc, &baselines, &[]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("regression in"), "{stderr}");
    assert!(stderr.contains("hotline.toml"), "{stderr}");
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("day") && l.contains(" service_level "))
        .unwrap_or_else(|| panic!("a row for the day's service level:\n{stdout}"));
    assert!(line.ends_with("FAIL"), "{line}");
    assert!(
        stdout.contains("baseline") && stdout.contains("allowed"),
        "{stdout}"
    );
    // Per-interval rows too (09:00 is the first interval's label).
    assert!(
        stdout.lines().any(|l| l.trim_start().starts_with("09:00")),
        "{stdout}"
    );

    // Only the day, only occupancy: still a regression.
    let (code, stdout, _) = check(
        &sc,
        &baselines,
        &["--overall-only", "--metrics", "occupancy"],
    );
    assert_eq!(code, 1, "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.trim_start().starts_with("09:00")),
        "{stdout}"
    );
    // Without the companion the unpaired rule judges; with a huge k, nothing fails.
    std::fs::remove_file(companion(&dir)).unwrap();
    let (code, stdout, _) = check(&sc, &baselines, &["--tolerance", "1000"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(flat(&stdout).contains("unpaired rule"), "{stdout}");
    assert!(flat(&stdout).contains(" ok"), "{stdout}");

    // --update accepts the change.
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    assert_eq!(check(&sc, &baselines, &[]).0, 0);
}

/// SPEC's unpaired rule: |mean_a − mean_b| > k·sqrt(ci95_a² + ci95_b²)/1.96 + floor.
#[test]
fn without_a_companion_the_tolerance_is_k_standard_errors_of_the_difference() {
    let dir = TempDir::new("check-tolerance");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    std::fs::remove_file(companion(&dir)).unwrap();
    let original = read_baseline(&dir);
    let ci = original["overall"]["asa_s"]["ci95"].as_f64().unwrap();
    let mean = original["overall"]["asa_s"]["mean"].as_f64().unwrap();
    assert!(ci > 0.0);
    // Both runs have the same half-width, so the allowed difference is k·√2·ci/1.96 + floor.
    let allowed = 3.0 * (2.0f64).sqrt() * ci / 1.96 + check::floor(Metric::AsaS);
    for (shift, expected) in [(0.9 * allowed, 0), (1.1 * allowed, 1)] {
        let mut b = original.clone();
        b["overall"]["asa_s"]["mean"] = (mean + shift).into();
        write_baseline(&dir, &b);
        let (code, stdout, _) = check(&sc, &baselines, &[]);
        assert_eq!(
            code, expected,
            "shift {shift} vs allowed {allowed}:\n{stdout}"
        );
        assert!(flat(&stdout).contains("asa_s"), "{stdout}");
        // Other metrics do not count when left out.
        let (code, _, _) = check(&sc, &baselines, &["--metrics", "service_level,occupancy"]);
        assert_eq!(code, 0);
        // k = 1.5 halves the statistical part of the allowance.
        if expected == 0 {
            assert_eq!(check(&sc, &baselines, &["--tolerance", "1.5"]).0, 1);
        }
    }
}

/// A companion that does not belong to its baseline (edited, stale, corrupt) is not
/// trusted: the check says so and falls back to the unpaired rule.
#[test]
fn a_companion_that_does_not_match_its_baseline_is_set_aside_with_a_note() {
    let dir = TempDir::new("check-companion");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let original = read_baseline(&dir);
    let mut b = original.clone();
    let x = b["intervals"][2]["service_level"]["mean"].as_f64().unwrap();
    b["intervals"][2]["service_level"]["mean"] = (x - 0.001).into();
    write_baseline(&dir, &b);
    let (code, stdout, _) = check(&sc, &baselines, &[]);
    assert!(flat(&stdout).contains("was not used"), "{stdout}");
    assert!(
        flat(&stdout).contains("its mean service_level at 10:00"),
        "{stdout}"
    );
    assert!(flat(&stdout).contains("unpaired rule"), "{stdout}");
    assert_eq!(code, 0, "0.1 pp is within the unpaired rule: {stdout}");

    write_baseline(&dir, &original);
    for (bytes, why) in [
        (b"not gzip".to_vec(), "expected gzip-compressed CSV"),
        (
            Replications::from_csv("replication,metric,day\n1,offered,3\n")
                .unwrap()
                .to_gz(),
            "replications",
        ),
    ] {
        std::fs::write(companion(&dir), bytes).unwrap();
        let (code, stdout, _) = check(&sc, &baselines, &[]);
        assert_eq!(code, 0, "{stdout}");
        assert!(flat(&stdout).contains(why), "{why}: {stdout}");
        assert!(flat(&stdout).contains("unpaired rule"), "{stdout}");
    }
}

/// A change made to a stored baseline.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn baselines_of_another_version_or_name_are_compared_other_seeds_or_intervals_refused() {
    let dir = TempDir::new("check-mismatch");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let original = read_baseline(&dir);

    // Compared, with a note: what CI on model results across upgrades is for.
    let noted: Vec<(&str, Edit)> = vec![
        (
            "written by ccsim 0.0.1",
            Box::new(|b| b["ccsim_version"] = "0.0.1".into()),
        ),
        (
            "for the scenario \"Another hotline\"",
            Box::new(|b| b["scenario"] = "Another hotline".into()),
        ),
    ];
    for (expected, edit) in noted {
        let mut b = original.clone();
        edit(&mut b);
        write_baseline(&dir, &b);
        let (code, stdout, stderr) = check(&sc, &baselines, &[]);
        assert_eq!(code, 0, "{expected}: {stdout}{stderr}");
        assert!(flat(&stdout).contains(expected), "{expected}: {stdout}");
        assert!(flat(&stdout).contains("note:"), "{stdout}");
        assert!(flat(&stdout).contains("ok, nothing moved"), "{stdout}");
        assert!(flat(&stdout).contains("paired t test"), "{stdout}");
    }
    // Refused, saying why.
    let refused: Vec<(&str, Edit)> = vec![
        ("run with seed 7", Box::new(|b| b["seed"] = 7.into())),
        (
            "it has 15 intervals",
            Box::new(|b| {
                b["intervals"].as_array_mut().unwrap().pop();
            }),
        ),
        (
            "intervals start at other times",
            Box::new(|b| b["intervals"][3]["start"] = "10:45".into()),
        ),
    ];
    for (expected, edit) in refused {
        let mut b = original.clone();
        edit(&mut b);
        write_baseline(&dir, &b);
        let (code, stdout, stderr) = check(&sc, &baselines, &[]);
        assert_eq!(code, 2, "{expected}: {stdout}{stderr}");
        assert!(flat(&stdout).contains(expected), "{expected}: {stdout}");
        assert!(flat(&stdout).contains("not"), "{stdout}");
        assert!(flat(&stdout).contains("compared"), "{stdout}");
        assert!(!flat(&stdout).contains("FAIL"), "{stdout}");
    }
    // The seed flag makes another seed's baseline comparable.
    write_baseline(&dir, &original);
    let (code, stdout, _) = check(&sc, &baselines, &["--seed", "7"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(flat(&stdout).contains("--seed 1"), "{stdout}");
    // Not a summary at all.
    std::fs::write(
        dir.join("baselines/hotline.json"),
        "{\"schema\": \"other\"}",
    )
    .unwrap();
    let (code, stdout, _) = check(&sc, &baselines, &[]);
    assert_eq!(code, 2);
    assert!(flat(&stdout).contains("cannot be used"), "{stdout}");
    // --update refreshes any of them.
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    assert_eq!(read_baseline(&dir), original);
}

/// Other replications than the baseline's: compared (with a note), paired over the
/// replications both runs have (replication n has the same random numbers either way).
#[test]
fn other_replications_are_paired_over_those_both_runs_have() {
    let dir = TempDir::new("check-reps");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let (code, stdout, _) = check(&sc, &baselines, &["--replications", "40", "--json"]);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let s = &v["scenarios"][0];
    assert_eq!(s["comparison"]["pairs"], 30, "{stdout}");
    assert_eq!(s["baseline_replications"], 30);
    assert!(
        s["notes"][0]
            .as_str()
            .unwrap()
            .contains("40 replications now")
    );
    // The first 30 replications are identical: every paired difference is zero, so
    // nothing regresses although the means moved.
    assert_eq!(code, 0, "{stdout}");
    let moved = s["comparison"]["moved"].as_array().unwrap();
    assert!(!moved.is_empty());
    assert!(
        moved.iter().all(|m| m["paired_difference"] == 0.0),
        "{stdout}"
    );
}

#[test]
fn bad_check_input_exits_2() {
    let dir = TempDir::new("check-bad");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    for extra in [
        &["--metrics", "service_levle"][..],
        &["--tolerance", "-1"][..],
        &["--alpha", "0"][..],
        &["--alpha", "1.5"][..],
        &["--junit", ""][..],
        &["--bogus"][..],
    ] {
        let (code, _, stderr) = check(&sc, &baselines, extra);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
    }
    let (code, _, stderr) = check(&dir.arg("missing.toml"), &baselines, &["--update"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!dir.join("baselines").exists());
}

/// A baseline whose confidence half-widths are absurd (huge or negative) would pass any
/// result, even half the agents: it is refused as unreadable (exit 2), not trusted.
#[test]
fn baselines_with_absurd_confidence_intervals_are_refused() {
    let dir = TempDir::new("check-absurd");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    let (code, stdout, stderr) = check(&sc, &baselines, &["--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let good = read_baseline(&dir);
    for (metric, field, value) in [
        ("offered", "ci95", 1e300),
        ("service_level", "ci95", -0.01),
        ("service_level", "mean", 1.5),
    ] {
        let mut v = good.clone();
        v["overall"][metric][field] = serde_json::json!(value);
        write_baseline(&dir, &v);
        let half = scenario_in(&dir, |t| t.replace("agents = 6", "agents = 3"));
        let (code, stdout, stderr) = check(&half, &baselines, &[]);
        assert_eq!(code, 2, "{metric}.{field} = {value}: {stdout}{stderr}");
        assert!(flat(&stdout).contains("cannot be used"), "{stdout}");
    }
}

/// Every number of every example's summary.json reads back as the very same f64 (the
/// reason "69 moved" once showed on an unchanged commit), and so does every value of
/// the companion.
#[test]
fn json_numbers_read_back_bit_identical_for_every_metric_of_the_examples() {
    let mut examples: Vec<_> = std::fs::read_dir(repo_file("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 3, "the example scenarios");
    for path in examples {
        let name = path.display().to_string();
        let sc = ccsim::scenario::load(&name).unwrap();
        let result = crate::support::simulate(&sc);
        let value = ccsim::report::json::summary_value(&ccsim::report::RunReport {
            scenario: &sc,
            result: &result,
        });
        let text = ccsim::report::json::to_text(&value);
        let back = Summary::from_json(&serde_json::from_str(&text).unwrap()).unwrap();
        let est = &result.estimates;
        let mut compared = 0;
        let rows = std::iter::once((&est.overall, &back.overall)).chain(
            est.intervals
                .iter()
                .zip(back.intervals.iter().map(|(_, r)| r)),
        );
        let metrics = Metric::reported(sc.model.has_redials());
        for (written, read) in rows {
            for &m in metrics {
                let (w, r) = (written[m as usize], read[m as usize]);
                assert_eq!(
                    w.mean.map(f64::to_bits),
                    r.mean.map(f64::to_bits),
                    "{name} {}",
                    m.key()
                );
                assert_eq!(w.ci95.map(f64::to_bits), r.ci95.map(f64::to_bits));
                compared += 1;
            }
        }
        assert_eq!(compared, (est.intervals.len() + 1) * metrics.len());
        // The same summary compared with itself: nothing moved.
        let c = check::compare(&back, &back, None, &Tolerance::default());
        assert!(c.moved.is_empty(), "{name}: {:?}", c.moved.first());
    }
}

#[test]
fn the_companion_reads_back_exactly_and_refuses_damage_with_the_line() {
    let labels = vec!["09:00".to_string(), "09:30".to_string()];
    let metrics = vec![Metric::ServiceLevel, Metric::AsaS];
    let values = vec![
        vec![vec![0.8123456, 0.9], vec![1.0, f64::NAN], vec![0.5, 0.25]],
        vec![vec![12.3456, 7.0], vec![0.0, f64::NAN], vec![3.0, 4.0]],
    ];
    let r = Replications::from_values(labels, metrics, values);
    // Rounded to a tenth of the floor: 1e-5 for shares, 1e-3 s for times.
    assert_eq!(r.values(Metric::ServiceLevel, 0).unwrap()[0], 0.81235);
    assert_eq!(r.values(Metric::AsaS, 0).unwrap()[0], 12.346);
    let csv = r.csv();
    assert!(
        csv.starts_with("replication,metric,day,09:00,09:30\n1,service_level,0.81235,1,0.5\n"),
        "{csv}"
    );
    assert!(csv.contains("\n2,asa_s,7,,4\n"), "{csv}");
    let back = Replications::from_gz(&r.to_gz()).unwrap();
    assert_eq!(back.csv(), csv);
    for (k, m) in r.metrics.iter().enumerate() {
        for s in 0..3 {
            let (a, b) = (r.values(*m, s).unwrap(), back.values(*m, s).unwrap());
            for (x, y) in a.iter().zip(b) {
                assert!(
                    x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
                    "{k}"
                );
            }
        }
    }
    for (bad, why) in [
        (csv.replace("0.81235", "x"), "line 2: expected a number"),
        (
            csv.replace("2,asa_s", "3,asa_s"),
            "line 5: expected replication 2",
        ),
        (csv.replace(",09:30\n", "\n"), "line 2: expected 4 cells"),
        (
            "replication,day\n".to_string(),
            "line 1: expected the header",
        ),
    ] {
        let e = Replications::from_csv(&bad).unwrap_err();
        assert!(e.contains(why), "{why}: {e}");
    }
}

/// The paired test on data whose truth is known: differences drawn from a normal law.
/// With no true change, the chance that any of m comparisons fails is at most alpha
/// (Bonferroni); with a true shift of 3 standard errors of the mean difference in one
/// place, it is caught nearly always.
#[test]
fn the_paired_test_keeps_its_false_alarm_rate_and_catches_a_true_shift() {
    use rand::SeedableRng;
    use rand_distr::{Distribution, Normal};
    let (n, places, trials, alpha) = (30usize, 20usize, 2000usize, 0.05);
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
    let noise = Normal::new(0.0, 1.0).unwrap();
    let labels: Vec<String> = (0..places - 1).map(|i| format!("{:02}:00", i)).collect();
    let tol = Tolerance {
        alpha,
        metrics: vec![Metric::AsaS],
        ..Tolerance::default()
    };
    let mut false_alarms = 0;
    let mut caught = 0;
    for t in 0..trials {
        let base: Vec<Vec<f64>> = (0..places)
            .map(|_| {
                (0..n)
                    .map(|_| 50.0 + 5.0 * noise.sample(&mut rng))
                    .collect()
            })
            .collect();
        // Half the trials: no change (differences of mean 0, sd 1 s); the other half: a
        // shift in place 3 of 1.5 times the Bonferroni threshold of the mean difference.
        let shifted = t % 2 == 1;
        let per_side = alpha / (2.0 * places as f64);
        let shift = 1.5 * check::t_critical(per_side, n as u64 - 1) / (n as f64).sqrt();
        let now: Vec<Vec<f64>> = base
            .iter()
            .enumerate()
            .map(|(p, xs)| {
                xs.iter()
                    .map(|x| {
                        let s = if shifted && p == 3 { shift } else { 0.0 };
                        x + s + noise.sample(&mut rng)
                    })
                    .collect()
            })
            .collect();
        let (b, nw) = (
            Replications::from_values(labels.clone(), vec![Metric::AsaS], vec![base]),
            Replications::from_values(labels.clone(), vec![Metric::AsaS], vec![now]),
        );
        let summary = |r: &Replications| -> Summary {
            let row = |s: usize| -> Vec<check::MeanCi> {
                let xs = r.values(Metric::AsaS, s).unwrap();
                let mean = xs.iter().sum::<f64>() / n as f64;
                let mut row = vec![
                    check::MeanCi {
                        mean: Some(0.0),
                        ci95: Some(0.0)
                    };
                    Metric::COUNT
                ];
                row[Metric::AsaS as usize] = check::MeanCi {
                    mean: Some(mean),
                    ci95: Some(1.0),
                };
                row
            };
            Summary {
                schema: ccsim::report::json::SCHEMA.into(),
                ccsim_version: "test".into(),
                scenario: "synthetic".into(),
                seed: 1,
                replications: n as u64,
                intervals: (1..places)
                    .map(|s| (labels[s - 1].clone(), row(s)))
                    .collect(),
                overall: row(0),
            }
        };
        let c = check::compare(
            &summary(&b),
            &summary(&nw),
            Some(Pairs {
                baseline: &b,
                now: &nw,
            }),
            &tol,
        );
        assert_eq!(c.paired, places);
        let failed = c.regressions() > 0;
        if shifted {
            caught += failed as usize;
        } else {
            false_alarms += failed as usize;
        }
    }
    let half = trials / 2;
    // Bonferroni: at most alpha; 1000 trials give a binomial sd of 0.7 % at 5 %, so the
    // rate must stay below alpha + 3 sd, and above alpha/2 (the test is not blind).
    let rate = false_alarms as f64 / half as f64;
    let sd = (alpha * (1.0 - alpha) / half as f64).sqrt();
    assert!(rate < alpha + 3.0 * sd, "false alarms {rate}");
    assert!(
        rate > alpha / 2.0,
        "false alarms {rate}: a test this blind is suspect"
    );
    // A shift of 1.5 thresholds (t_crit ≈ 3.4 here): the t statistic passes the threshold
    // unless its noise pulls it down by half a threshold, about 1.7 standard errors:
    // power ≈ P(T > −1.7) ≈ 0.95.
    let power = caught as f64 / half as f64;
    assert!(power > 0.85, "power {power}");
}

/// The requirement: one agent fewer in one half hour of the retail day passes
/// SPEC's unpaired rule unnoticed, and is caught by the paired test; the same commit
/// run twice passes.
#[test]
fn one_agent_fewer_in_one_half_hour_of_the_retail_day_is_caught() {
    let dir = TempDir::new("check-retail-cut");
    let text = std::fs::read_to_string(repo_file("scenarios/retail-day.toml")).unwrap();
    let path = dir.join("retail-day.toml");
    std::fs::write(&path, &text).unwrap();
    let sc = path.to_string_lossy().into_owned();
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let (code, stdout, _) = check(&sc, &baselines, &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(flat(&stdout).contains("nothing moved"), "{stdout}");

    // 10:30: 39 agents become 38.
    let cut = text.replace("36, 37, 38, 39, 41, 40,", "36, 37, 38, 38, 41, 40,");
    assert_ne!(cut, text);
    std::fs::write(&path, cut).unwrap();
    let (code, stdout, stderr) = check(&sc, &baselines, &["--metrics", "service_level"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let row = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("10:30"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(row.ends_with("FAIL"), "{row}");
    // The unpaired rule misses it.
    std::fs::remove_file(dir.join("baselines/retail-day.reps.csv.gz")).unwrap();
    let (code, stdout, _) = check(&sc, &baselines, &["--metrics", "service_level"]);
    assert_eq!(code, 0, "{stdout}");
}

/// An equivalent model whose patience is drawn by other code (Weibull of shape 1 is the
/// exponential law): the patience streams differ, so results move; they must not be
/// called a regression.
#[test]
fn an_equivalent_model_drawn_differently_is_no_regression() {
    let dir = TempDir::new("check-equivalent");
    let sc = scenario_in(&dir, |t| {
        t.replace("replications = 30", "replications = 100")
    });
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    scenario_in(&dir, |t| {
        let t = t.replace("replications = 30", "replications = 100");
        let t = t.replace(
            "distribution = \"exponential\"\nmean = \"2m\"",
            "distribution = \"weibull\"\nshape = 1\nscale = \"2m\"",
        );
        assert!(t.contains("weibull"), "the patience section changed");
        t
    });
    let (code, stdout, _) = check(&sc, &baselines, &["--json"]);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    let cmp = &v["scenarios"][0]["comparison"];
    assert!(
        cmp["moved"].as_array().unwrap().len() > 50,
        "the draws differ: {stdout}"
    );
    assert_eq!(code, 0, "{stdout}");
}

/// Several scenarios: one regressed, one without a baseline, one broken file, one fine.
/// Every one is checked, the exit code is the worst (2), the summary line names each,
/// and --json and --junit say the same.
#[test]
fn mixed_outcomes_exit_with_the_worst_code_and_name_every_scenario() {
    let dir = TempDir::new("check-mixed");
    let text = std::fs::read_to_string(repo_file("scenarios/small-business.toml"))
        .unwrap()
        .replace("replications = 200", "replications = 30");
    for name in ["fine", "worse"] {
        std::fs::write(dir.join(&format!("{name}.toml")), &text).unwrap();
    }
    let p = |n: &str| dir.arg(&format!("{n}.toml"));
    let baselines = dir.arg("baselines");
    let o = ccsim(&[
        "check",
        &p("fine"),
        &p("worse"),
        "--baseline",
        &baselines,
        "--update",
        "--quiet",
    ]);
    assert_eq!(outcome(&o).0, 0);
    std::fs::write(
        dir.join("worse.toml"),
        text.replace("agents = 6 ", "agents = 5 "),
    )
    .unwrap();
    std::fs::write(dir.join("new.toml"), &text).unwrap();
    std::fs::write(dir.join("broken.toml"), "name = 3\n").unwrap();
    let junit = dir.arg("reports/check.xml");
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = ["check", &p("worse"), &p("new"), &p("broken"), &p("fine")]
            .iter()
            .map(|s| s.to_string())
            .collect();
        v.extend(["--baseline", &baselines, "--quiet", "--junit", &junit].map(String::from));
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        outcome(&ccsim(&refs))
    };
    let (code, stdout, stderr) = run(&[]);
    fits_80_columns(&stdout);
    fits_80_columns(&stderr);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let summary = stderr.replace("\n  ", " ");
    for part in ["regression in", "worse.toml", "no baseline for", "new.toml"] {
        assert!(summary.contains(part), "{part}: {stderr}");
    }
    assert!(summary.contains("broken.toml"), "{stderr}");
    assert!(summary.contains("1 passed"), "{stderr}");
    assert!(summary.contains("exit code 2, the worst"), "{stderr}");
    assert_eq!(stderr.matches("error:").count(), 1, "one summary: {stderr}");
    assert!(flat(&stdout).contains("FAIL"), "{stdout}");
    assert!(flat(&stdout).contains("ok, nothing moved"), "{stdout}");

    // JUnit: one suite per scenario; the regressed one fails its metrics, the others
    // that could not be compared are errors.
    let xml = std::fs::read_to_string(&junit).unwrap();
    let report = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    assert_eq!(report.test_suites.len(), 4);
    let suite = |n: &str| {
        report
            .test_suites
            .iter()
            .find(|s| s.name.as_str().ends_with(&format!("{n}.toml")))
            .unwrap()
    };
    assert!(suite("worse").failures > 0);
    assert_eq!(
        suite("worse").test_cases.len(),
        Metric::reported(false).len()
    );
    assert_eq!((suite("new").errors, suite("broken").errors), (1, 1));
    assert_eq!((suite("fine").failures, suite("fine").errors), (0, 0));
    assert!(xml.contains("service_level regressed in"), "{xml}");

    // JSON: the same outcomes, valid against the published schema.
    let (code, stdout, _) = run(&["--json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&stdout).unwrap();
    crate::schema::assert_valid("check.schema.json", &v, "check --json");
    assert_eq!(v["exit_code"], 2);
    let outcomes: Vec<&str> = v["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["regressed", "no_baseline", "error", "passed"]);
    assert!(v["summary"].as_str().unwrap().contains("regression in"));

    // Only the regression left: exit 1, named.
    let o = ccsim(&[
        "check",
        &p("worse"),
        &p("fine"),
        "--baseline",
        &baselines,
        "--quiet",
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("worse.toml"), "{stderr}");
    assert!(!stderr.contains("the worst"), "{stderr}");
}
