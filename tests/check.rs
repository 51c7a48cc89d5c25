//! `ccsim check`: baselines written with --update pass, real changes fail with exit 1,
//! tolerances follow SPEC's formula, and baselines that do not belong to the run (another
//! version, scenario name, seed or interval layout) are reported, not compared.

use serde_json::Value;

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
    outcome(&o)
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

#[test]
fn update_then_check_passes_and_the_baseline_is_the_run_summary() {
    let dir = TempDir::new("check-pass");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");

    let (code, stdout, stderr) = check(&sc, &baselines, &[]);
    assert_eq!(code, 2, "no baseline yet: {stdout}{stderr}");
    assert!(stdout.contains("--update"), "{stdout}");
    assert!(
        !dir.join("baselines").exists(),
        "nothing written without --update"
    );

    let (code, stdout, stderr) = check(&sc, &baselines, &["--update"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("baseline written"), "{stdout}");
    let baseline = read_baseline(&dir);
    crate::schema::assert_valid("summary.schema.json", &baseline, "a baseline");

    // The baseline is exactly what `run --json` prints.
    let o = ccsim(&["run", &sc, "--json", "--quiet", "--out", &dir.arg("run")]);
    let run: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(run, baseline);

    let (code, stdout, stderr) = check(&sc, &baselines, &["--threads", "1"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(flat(&stdout).contains("ok, nothing moved"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
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
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("day") && l.contains(" service_level "))
        .unwrap_or_else(|| panic!("a row for the day's service level:\n{stdout}"));
    assert!(line.ends_with("REGRESSION"), "{line}");
    assert!(
        stdout.contains("baseline") && stdout.contains("allowed"),
        "{stdout}"
    );
    // Per-interval rows too (09:00 is the first interval's label).
    assert!(
        stdout.lines().any(|l| l.trim_start().starts_with("09:00")),
        "{stdout}"
    );

    // Only the day, only occupancy: still a regression; with a huge k, none.
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
    let (code, stdout, _) = check(&sc, &baselines, &["--tolerance", "1000"]);
    assert_eq!(code, 0, "{stdout}");
    // Rows within tolerance say "ok"; the verdict column is the last.
    assert!(stdout.lines().any(|l| l.ends_with("  ok")), "{stdout}");
    assert!(!stdout.contains("REGRESSION"), "{stdout}");

    // --update accepts the change.
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    assert_eq!(check(&sc, &baselines, &[]).0, 0);
}

/// SPEC's tolerance: |mean_a − mean_b| > k·sqrt(ci95_a² + ci95_b²)/1.96 + floor.
#[test]
fn the_tolerance_is_k_standard_errors_of_the_difference() {
    let dir = TempDir::new("check-tolerance");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let original = read_baseline(&dir);
    let ci = original["overall"]["asa_s"]["ci95"].as_f64().unwrap();
    let mean = original["overall"]["asa_s"]["mean"].as_f64().unwrap();
    assert!(ci > 0.0);
    // Both runs have the same half-width, so the allowed difference is k·√2·ci/1.96 + floor.
    let allowed =
        3.0 * (2.0f64).sqrt() * ci / 1.96 + ccsim::check::floor(ccsim::stats::Metric::AsaS);
    for (shift, expected) in [(0.9 * allowed, 0), (1.1 * allowed, 1)] {
        let mut b = original.clone();
        b["overall"]["asa_s"]["mean"] = (mean + shift).into();
        write_baseline(&dir, &b);
        let (code, stdout, _) = check(&sc, &baselines, &[]);
        assert_eq!(
            code, expected,
            "shift {shift} vs allowed {allowed}:\n{stdout}"
        );
        assert!(stdout.contains("asa_s"), "{stdout}");
        // Other metrics do not count when left out.
        let (code, _, _) = check(&sc, &baselines, &["--metrics", "service_level,occupancy"]);
        assert_eq!(code, 0);
        // k = 1.5 halves the statistical part of the allowance.
        if expected == 0 {
            assert_eq!(check(&sc, &baselines, &["--tolerance", "1.5"]).0, 1);
        }
    }
}

/// A change made to a stored baseline.
type Edit = Box<dyn Fn(&mut Value)>;

#[test]
fn baselines_that_do_not_belong_to_the_run_are_reported_not_compared() {
    let dir = TempDir::new("check-mismatch");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    assert_eq!(check(&sc, &baselines, &["--update"]).0, 0);
    let original = read_baseline(&dir);

    let cases: Vec<(&str, Edit)> = vec![
        (
            "written by ccsim 0.0.1",
            Box::new(|b| b["ccsim_version"] = "0.0.1".into()),
        ),
        (
            "for the scenario \"Another hotline\"",
            Box::new(|b| b["scenario"] = "Another hotline".into()),
        ),
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
    for (expected, edit) in cases {
        let mut b = original.clone();
        edit(&mut b);
        write_baseline(&dir, &b);
        let (code, stdout, stderr) = check(&sc, &baselines, &[]);
        assert_eq!(code, 2, "{expected}: {stdout}{stderr}");
        assert!(flat(&stdout).contains(expected), "{expected}: {stdout}");
        assert!(flat(&stdout).contains("not compared"), "{stdout}");
        assert!(!stdout.contains("REGRESSION"), "{stdout}");
    }
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

#[test]
fn bad_check_input_exits_2() {
    let dir = TempDir::new("check-bad");
    let sc = scenario_in(&dir, |t| t);
    let baselines = dir.arg("baselines");
    for extra in [
        &["--metrics", "service_levle"][..],
        &["--tolerance", "-1"][..],
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
