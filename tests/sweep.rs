//! `ccsim sweep` and `ccsim merge`: grid expansion, how variants change a scenario, common
//! random numbers, determinism, and shard/merge byte identity.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ccsim::dist::Dist;
use ccsim::engine::{self, Workspace};
use ccsim::model::Change;
use ccsim::report::sheet::CsvLocale;
use ccsim::report::sweep::{Manifest, csv_text};
use ccsim::scenario::{self, Scenario};
use ccsim::stats::{Metric, ReplicationMetrics, Tally};
use ccsim::sweep::{self, Grid, Shard, SweepOptions, VariantResult};
use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::support::{TempDir, ccsim, outcome, repo_file};

fn load(name: &str, replications: u64) -> Scenario {
    let mut sc = scenario::load(&repo_file(&format!("scenarios/{name}"))).unwrap();
    sc.experiment.replications = replications;
    sc
}

fn grid(specs: &[&str]) -> Grid {
    Grid::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
}

fn run(sc: &Scenario, g: &Grid, shard: Shard, threads: usize) -> Vec<VariantResult> {
    let cancel = AtomicBool::new(false);
    sweep::run(
        sc,
        g,
        shard,
        &SweepOptions {
            threads,
            on_progress: &|_| {},
            cancel: &cancel,
        },
    )
    .unwrap()
}

fn mean(r: &VariantResult, m: Metric) -> f64 {
    r.overall[m as usize].mean.unwrap()
}

#[test]
fn grid_is_row_major_with_the_first_flag_slowest() {
    let g = grid(&["agents=-1..+1", "aht=90%..110%/10%", "threshold=20s,30s"]);
    assert_eq!(g.len(), 18);
    assert_eq!(g.columns(), ["agents_add", "aht_pct", "threshold_s"]);
    let cells = |i: usize| -> Vec<String> { g.variant(i).iter().map(|v| v.cell.clone()).collect() };
    assert_eq!(cells(0), ["-1", "90", "20"]);
    assert_eq!(cells(1), ["-1", "90", "30"]);
    assert_eq!(cells(2), ["-1", "100", "20"]);
    assert_eq!(cells(6), ["0", "90", "20"]);
    assert_eq!(cells(17), ["1", "110", "30"]);
    assert_eq!(g.variant(7)[1].change, Change::ScaleAht(0.9));
    // Every combination exactly once.
    let all: std::collections::BTreeSet<Vec<String>> = (0..g.len()).map(cells).collect();
    assert_eq!(all.len(), 18);
}

#[test]
fn grid_rejects_bad_flags() {
    for specs in [
        &["agents=-1..+1", "agents=+2"][..],
        &["speed=1..2"][..],
        &["aht=90%..110%"][..],
        &["agents=0..100000", "calls=1%..100%/1%", "aht=1%..10%/1%"][..],
    ] {
        let e = Grid::parse(&specs.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
    }
}

#[test]
fn variants_change_what_they_say() {
    let base = load("retail-day.toml", 1);
    let g = grid(&[
        "agents=-3",
        "calls=120%",
        "aht=+30s",
        "patience=50%",
        "lines=30",
        "threshold=30s",
    ]);
    let v = g.apply(&base, 0).unwrap();
    let (bt, vt) = (base.model.main_type(), v.model.main_type());
    for i in 0..base.model.intervals() {
        let (a, b) = (base.model.agents_in(i), v.model.agents_in(i));
        assert_eq!(b, a.saturating_sub(3), "never below zero");
        assert!((vt.rates[i] - bt.rates[i] * 1.2).abs() < 1e-12);
        assert!((vt.mean_handle_time(i) - (bt.mean_handle_time(i) + 30.0)).abs() < 1e-9);
    }
    let p = (
        base.model.main_type().patience.as_ref().unwrap().mean(),
        v.model.main_type().patience.as_ref().unwrap().mean(),
    );
    assert!((p.1 - p.0 * 0.5).abs() < 1e-9);
    assert_eq!(v.model.lines, Some(30));
    assert_eq!(v.model.service_level.threshold_s, 30.0);
    assert_eq!(v.experiment.seed, base.experiment.seed);

    let pct = grid(&["agents=150%"]).apply(&base, 0).unwrap();
    for i in 0..base.model.intervals() {
        let (a, b) = (base.model.agents_in(i), pct.model.agents_in(i));
        assert_eq!(b, (a as f64 * 1.5).round() as u32);
    }
    let set = grid(&["aht=5m", "agents=12"]).apply(&base, 0).unwrap();
    assert!(set.model.agents_per_interval().iter().all(|&a| a == 12));
    let st = set.model.main_type();
    assert!((0..set.model.intervals()).all(|i| (st.mean_handle_time(i) - 300.0).abs() < 1e-9));
}

#[test]
fn changes_that_do_not_fit_the_scenario_are_input_errors() {
    // The textbook case has neither patience nor lines.
    let base = load("erlang-c-textbook.toml", 1);
    for spec in ["patience=50%", "lines=+5", "aht=-10m"] {
        let e = grid(&[spec]).check(&base).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains(spec), "{e}");
    }
}

/// Scaled distributions turn the same random numbers into proportionally scaled samples,
/// which is what keeps handle-time and patience what-ifs on common random numbers.
#[test]
fn scaled_distributions_reuse_the_random_numbers() {
    let dists = [
        Dist::exponential(200.0),
        Dist::lognormal(240.0, 240.0),
        Dist::gamma(240.0, 120.0),
        Dist::gamma(240.0, 400.0),
        Dist::erlang(240.0, 3),
        Dist::Fixed { value: 30.0 },
        Dist::Uniform {
            min: 10.0,
            max: 50.0,
        },
        Dist::weibull(1.5, 200.0),
        Dist::Empirical {
            values: Arc::new(vec![10.0, 20.0, 60.0]),
            source: "t".into(),
        },
    ];
    for d in dists {
        let s = d.scaled(1.1);
        assert!((s.mean() - d.mean() * 1.1).abs() < 1e-9 * d.mean());
        let mut r1 = Xoshiro256PlusPlus::seed_from_u64(3);
        let mut r2 = Xoshiro256PlusPlus::seed_from_u64(3);
        for _ in 0..10_000 {
            let (a, b) = (d.sample(&mut r1), s.sample(&mut r2));
            assert!(
                (b - 1.1 * a).abs() <= 1e-9 * b.abs().max(1.0),
                "{}: {a} scaled to {b}",
                d.describe()
            );
        }
    }
}

/// Adding agents never lowers the service level: every variant serves the same callers
/// with the same handle times and patience, so with common random numbers the service
/// level is non-decreasing in the agents added, for every handle-time variant. Without
/// common random numbers neighbouring variants would differ by noise of the order of
/// their confidence intervals and this would fail.
#[test]
fn service_level_never_falls_when_agents_are_added() {
    for (name, reps) in [("small-business.toml", 40), ("retail-day.toml", 8)] {
        let sc = load(name, reps);
        let g = grid(&["aht=90%..110%/10%", "agents=-3..+3"]);
        let rows = run(&sc, &g, Shard::WHOLE, 2);
        for aht in rows.chunks(7) {
            for w in aht.windows(2) {
                for m in [Metric::ServiceLevel, Metric::SlAnswered, Metric::SlOffered] {
                    let (a, b) = (mean(&w[0], m), mean(&w[1], m));
                    assert!(
                        b >= a,
                        "{name}: {} fell from {a} ({:?}) to {b} ({:?})",
                        m.key(),
                        w[0].cells,
                        w[1].cells
                    );
                }
                // The callers are the same ones: offered calls do not change at all.
                assert_eq!(
                    w[0].overall[Metric::Offered as usize],
                    w[1].overall[Metric::Offered as usize]
                );
            }
        }
    }
}

/// The same, replication by replication: with one more agent each replication's service
/// level is at least as high (the callers, their handle times and patience are the same).
#[test]
fn each_replication_gains_from_an_extra_agent() {
    let base = load("small-business.toml", 1);
    let more = grid(&["agents=+1"]).apply(&base, 0).unwrap();
    let n = base.model.intervals();
    let mut ws = Workspace::default();
    let (mut ta, mut tb) = (
        Tally::new(n, base.model.service_level.threshold_s),
        Tally::new(n, base.model.service_level.threshold_s),
    );
    let mut strictly_better = 0;
    for rep in 0..300 {
        engine::simulate(&base.model, &base.experiment, rep, &mut ta, &mut ws);
        engine::simulate(&more.model, &more.experiment, rep, &mut tb, &mut ws);
        let a = ReplicationMetrics::from_tally(&ta, &base.model.service_level).overall;
        let b = ReplicationMetrics::from_tally(&tb, &base.model.service_level).overall;
        let sl = Metric::SlOffered as usize;
        assert!(b[sl] >= a[sl], "replication {rep}: {} < {}", b[sl], a[sl]);
        assert_eq!(a[Metric::Offered as usize], b[Metric::Offered as usize]);
        strictly_better += (b[sl] > a[sl]) as u32;
    }
    assert!(strictly_better > 250, "{strictly_better} of 300");
}

#[test]
fn output_does_not_depend_on_threads() {
    let sc = load("small-business.toml", 30);
    let g = grid(&["agents=-1..+1", "calls=90%..110%/10%"]);
    let m = Manifest::new(&sc, &g, Shard::WHOLE);
    let one = csv_text(&m.columns, &run(&sc, &g, Shard::WHOLE, 1), CsvLocale::En);
    let two = csv_text(&m.columns, &run(&sc, &g, Shard::WHOLE, 2), CsvLocale::En);
    let five = csv_text(&m.columns, &run(&sc, &g, Shard::WHOLE, 5), CsvLocale::En);
    assert_eq!(one, two);
    assert_eq!(one, five);
    assert_eq!(one.lines().count(), 10);
    assert!(one.starts_with("agents_add,calls_pct,offered,offered_ci95,answered,"));
}

fn read(dir: &TempDir, file: &str) -> Vec<u8> {
    std::fs::read(dir.join(file)).unwrap()
}

/// N machines each running `--shard I/N`, then `merge`, give the bytes of one machine's run.
#[test]
fn merged_shards_are_byte_identical_to_one_run() {
    let scenario = repo_file("scenarios/small-business.toml");
    let args = [
        "sweep",
        scenario.as_str(),
        "--vary",
        "agents=-1..+1",
        "--vary",
        "patience=50%..150%/50%",
        "--replications",
        "20",
        "--quiet",
    ];
    let whole = TempDir::new("sweep-whole");
    let o = ccsim(&[&args[..], &["--out", &whole.arg("")]].concat());
    assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));

    let shards = TempDir::new("sweep-shards");
    // 9 variants in 4 shards: uneven shard sizes (3, 2, 2, 2).
    for i in 1..=4 {
        let o = ccsim(
            &[
                &args[..],
                &["--shard", &format!("{i}/4"), "--threads", "1"],
                &["--out", &shards.arg(&format!("s{i}"))],
            ]
            .concat(),
        );
        assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));
    }
    let merged = TempDir::new("sweep-merged");
    // Shard folders in any order.
    let o = ccsim(&[
        "merge",
        &shards.arg("s3"),
        &shards.arg("s1"),
        &shards.arg("s4"),
        &shards.arg("s2"),
        "--out",
        &merged.arg(""),
    ]);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for file in [
        "sweep.csv",
        "sweep.json",
        "sweep-service-level.svg",
        "sweep-service-level.png",
        "sweep-heatmap.svg",
        "sweep-heatmap.png",
    ] {
        assert_eq!(read(&merged, file), read(&whole, file), "{file}");
    }
    // A shard holds part of the grid only, so it draws no chart.
    assert!(!shards.join("s1/sweep-heatmap.svg").exists());
    assert!(!shards.join("s1/sweep-service-level.png").exists());
    let csv = String::from_utf8(read(&whole, "sweep.csv")).unwrap();
    assert_eq!(csv.lines().count(), 10);
    assert!(csv.starts_with("agents_add,patience_pct,offered,"));

    let json: serde_json::Value = serde_json::from_slice(&read(&whole, "sweep.json")).unwrap();
    crate::schema::assert_valid("sweep.schema.json", &json, "sweep.json");
    let shard: serde_json::Value =
        serde_json::from_slice(&std::fs::read(shards.join("s2/sweep.json")).unwrap()).unwrap();
    crate::schema::assert_valid("sweep.schema.json", &shard, "a shard's sweep.json");

    // A missing shard, a shard given twice and a shard of another sweep are refused.
    let out = TempDir::new("sweep-bad-merge");
    for (dirs, expected) in [
        (vec!["s1", "s2", "s3"], "missing shard 4/4"),
        (vec!["s1", "s2", "s3", "s3"], "given twice"),
    ] {
        let mut a = vec!["merge".to_string()];
        a.extend(dirs.iter().map(|d| shards.arg(d)));
        a.extend(["--out".to_string(), out.arg("m")]);
        let o = ccsim(&a.iter().map(String::as_str).collect::<Vec<_>>());
        let (code, _, stderr) = outcome(&o);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!out.join("m").exists(), "nothing written on bad input");
    }
    let other = TempDir::new("sweep-other");
    let o = ccsim(
        &[
            &args[..],
            &["--seed", "2", "--shard", "4/4", "--out", &other.arg("")],
        ]
        .concat(),
    );
    assert_eq!(outcome(&o).0, 0);
    let o = ccsim(&[
        "merge",
        &shards.arg("s1"),
        &shards.arg("s2"),
        &shards.arg("s3"),
        &other.arg(""),
        "--out",
        &out.arg("m"),
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("not shards of the same sweep: their seeds differ"),
        "{stderr}"
    );

    // Rows re-sorted no longer match their variants: refused. (merge reads sweep.json,
    // whose numbers are at full precision; sweep.csv is rounded for people.)
    let path = shards.join("s1/sweep.json");
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    doc["rows"].as_array_mut().unwrap().reverse();
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let o = ccsim(&[
        "merge",
        &shards.arg("s1"),
        &shards.arg("s2"),
        &shards.arg("s3"),
        &shards.arg("s4"),
        "--out",
        &out.arg("m"),
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("re-sorted"), "{stderr}");
    // A tampered manifest with an absurd count is refused before anything is allocated.
    let json = std::fs::read_to_string(shards.join("s2/sweep.json")).unwrap();
    let json = json.replace("\"variants\": 9", "\"variants\": 18446744073709551615");
    std::fs::write(shards.join("s2/sweep.json"), json).unwrap();
    let o = ccsim(&["merge", &shards.arg("s2"), "--out", &out.arg("m")]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("variants"), "{stderr}");
    assert!(!out.join("m").exists(), "nothing written on bad input");
}

#[test]
fn bad_sweep_input_exits_2_and_writes_nothing() {
    let scenario = repo_file("scenarios/erlang-c-textbook.toml");
    let out = TempDir::new("sweep-bad");
    for extra in [
        &["--vary", "agents=-1..+1", "--shard", "0/4"][..],
        &["--vary", "agents=1.5"][..],
        &["--vary", "patience=90%"][..],
        &["--vary", "calls=+3"][..],
        &["--vary", "calls=1e300%"][..],
        &[
            "--vary",
            "agents=-1..+1",
            "--shard",
            "1/18446744073709551615",
        ][..],
    ] {
        let o = ccsim(
            &[
                &["sweep", scenario.as_str(), "--out", &out.arg("x")][..],
                extra,
            ]
            .concat(),
        );
        let (code, _, stderr) = outcome(&o);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        // The value is named as given: not "inf" (1e300 · 1e9 overflowed when rounding).
        assert!(!stderr.contains("inf"), "{stderr}");
        assert!(!out.join("x").exists());
    }
}

#[test]
fn sweep_json_on_stdout_matches_the_file() {
    let scenario = repo_file("scenarios/small-business.toml");
    let out = TempDir::new("sweep-json");
    let o = ccsim(&[
        "sweep",
        &scenario,
        "--vary",
        "threshold=10s..30s/10s",
        "--replications",
        "5",
        "--json",
        "--out",
        &out.arg(""),
    ]);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout.as_bytes(), read(&out, "sweep.json"));
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let sl: Vec<f64> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["overall"]["service_level"]["mean"].as_f64().unwrap())
        .collect();
    // A longer threshold counts more calls as answered in time, for the very same calls.
    assert!(sl[0] <= sl[1] && sl[1] <= sl[2], "{sl:?}");
}

#[test]
fn sweep_charts_show_the_grid() {
    let scenario = repo_file("scenarios/small-business.toml");
    let out = TempDir::new("sweep-charts");
    let o = ccsim(&[
        "sweep",
        &scenario,
        "--vary",
        "agents=-1..+1",
        "--vary",
        "aht=+0s..+30s/15s",
        "--replications",
        "10",
        "--quiet",
        "--out",
        &out.arg("two"),
    ]);
    assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));
    let svg = std::fs::read_to_string(out.join("two/sweep-service-level.svg")).unwrap();
    assert!(
        svg.contains("service level by agents and handle time"),
        "title"
    );
    assert!(
        svg.contains("Handle time +15s"),
        "one line per value of the second parameter"
    );
    assert!(svg.contains("Target 80%"));
    let heat = std::fs::read_to_string(out.join("two/sweep-heatmap.svg")).unwrap();
    assert!(heat.contains("Agents added to every interval"));
    assert!(heat.contains("Added to the mean handle time"));
    // Nine cells, each labelled with its service level.
    let cell_labels = heat
        .lines()
        .map(str::trim)
        .filter(|l| {
            l.strip_suffix('%')
                .is_some_and(|n| n.contains('.') && n.parse::<f64>().is_ok())
        })
        .count();
    assert_eq!(cell_labels, 9, "{heat}");
    let png = std::fs::read(out.join("two/sweep-heatmap.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);

    // One parameter: a single line with its band, no heat map; --no-charts: none.
    let o = ccsim(&[
        "sweep",
        &scenario,
        "--vary",
        "calls=90%..110%/10%",
        "--replications",
        "5",
        "--quiet",
        "--out",
        &out.arg("one"),
    ]);
    assert_eq!(outcome(&o).0, 0);
    let svg = std::fs::read_to_string(out.join("one/sweep-service-level.svg")).unwrap();
    assert!(svg.contains("95 % confidence band"));
    assert!(!out.join("one/sweep-heatmap.svg").exists());
    let o = ccsim(&[
        "sweep",
        &scenario,
        "--vary",
        "calls=90%..110%/10%",
        "--replications",
        "5",
        "--quiet",
        "--no-charts",
        "--out",
        &out.arg("none"),
    ]);
    assert_eq!(outcome(&o).0, 0);
    assert!(!out.join("none/sweep-service-level.svg").exists());
    assert!(out.join("none/sweep.csv").exists());
}

#[test]
fn sweep_charts_speak_the_language_asked_for_and_english_by_default() {
    let scenario = repo_file("scenarios/small-business.toml");
    let out = TempDir::new("sweep-lang");
    let sweep = |dir: &str, extra: &[&str]| {
        let mut args = vec![
            "sweep",
            scenario.as_str(),
            "--vary",
            "agents=-1..+1",
            "--vary",
            "aht=+0s..+30s/15s",
            "--replications",
            "5",
            "--quiet",
        ];
        args.extend_from_slice(extra);
        let dir = out.arg(dir);
        args.extend(["--out", dir.as_str()]);
        let o = ccsim(&args);
        assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));
    };
    sweep("fr", &["--lang", "fr"]);
    sweep("default", &[]);
    sweep("en", &["--lang", "en"]);
    let svg = |dir: &str, chart: &str| {
        std::fs::read_to_string(out.join(&format!("{dir}/sweep-{chart}.svg"))).unwrap()
    };

    let lines = svg("fr", "service-level");
    for french in [
        // The title may wrap: its parts.
        "niveau de service selon",
        "durée de traitement",
        "Niveau de service",
        "Durée de traitement +15\u{a0}s",
        "Objectif 80\u{a0}%",
        "nombres aléatoires",
    ] {
        assert!(lines.contains(french), "{french:?} missing");
    }
    let heat = svg("fr", "heatmap");
    assert!(heat.contains("Conseillers ajoutés à chaque tranche"));
    assert!(heat.contains("Sous l’objectif de 80\u{a0}%"));
    // Cells with a decimal comma: "83,1 %".
    assert!(
        heat.lines()
            .any(|l| l.trim().ends_with("\u{a0}%") && l.contains(','))
    );
    let phrases = crate::report::english_phrases();
    for (name, text) in [("sweep-service-level", &lines), ("sweep-heatmap", &heat)] {
        let text = crate::report::visible_text(text).replace("Small-business hotline, 9 to 5", "");
        crate::report::assert_no_english(name, &text, &phrases);
    }

    // English is the default, and the same bytes as asking for it.
    for chart in ["service-level", "heatmap"] {
        assert_eq!(svg("default", chart), svg("en", chart), "{chart}");
    }
    assert!(svg("default", "service-level").contains("service level by agents and handle time"));
    assert_eq!(
        std::fs::read(out.join("default/sweep-heatmap.png")).unwrap(),
        std::fs::read(out.join("en/sweep-heatmap.png")).unwrap()
    );

    // merge draws the charts in its own --lang.
    let shards = TempDir::new("sweep-lang-shards");
    for i in ["1", "2"] {
        let o = ccsim(&[
            "sweep",
            &scenario,
            "--vary",
            "agents=-1..+1",
            "--vary",
            "aht=+0s..+30s/15s",
            "--replications",
            "5",
            "--quiet",
            "--shard",
            &format!("{i}/2"),
            "--out",
            &shards.arg(i),
        ]);
        assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));
    }
    let o = ccsim(&[
        "merge",
        &shards.arg("1"),
        &shards.arg("2"),
        "--lang",
        "fr",
        "--out",
        &shards.arg("merged"),
    ]);
    assert_eq!(outcome(&o).0, 0, "{:?}", outcome(&o));
    let merged = std::fs::read_to_string(shards.join("merged/sweep-heatmap.svg")).unwrap();
    assert_eq!(
        merged, heat,
        "merge --lang fr draws what sweep --lang fr draws"
    );
}

/// `aht=90..110/5` (meant as percentages) sets the mean handle time to 90–110 seconds:
/// valid, but a warning says so; values near the scenario's own mean do not warn.
#[test]
fn bare_numbers_far_from_the_mean_handle_time_warn() {
    let scenario = repo_file("scenarios/small-business.toml");
    let out = TempDir::new("sweep-bare");
    let run = |vary: &str| {
        let o = ccsim(&[
            "sweep",
            scenario.as_str(),
            "--vary",
            vary,
            "--replications",
            "2",
            "--quiet",
            "--no-charts",
            "--out",
            &out.arg(""),
        ]);
        let (code, _, stderr) = outcome(&o);
        assert_eq!(code, 0, "{stderr}");
        stderr
    };
    let stderr = run("aht=90..110/10");
    assert!(stderr.contains("bare numbers are seconds"), "{stderr}");
    assert!(run("aht=4m30s..5m30s/30s").is_empty());
    assert!(run("aht=90%..110%/10%").is_empty());
}
