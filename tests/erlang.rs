//! The analytic calculators against exact reference values, the staffing solves against
//! their definition (met at c, missed at c − 1), and `ccsim erlang` end to end.

use std::collections::BTreeMap;

use ccsim::erlang::{self, Goal, ServiceLevelGoal, SlDefinition};

use crate::support::outcome;

const GRID: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/erlang-grid.csv");

/// The exactness the reference values are held to.
const REL_TOL: f64 = 1e-9;

fn rel_err(got: f64, want: f64) -> f64 {
    if want == 0.0 {
        got.abs()
    } else {
        ((got - want) / want).abs()
    }
}

/// One parameter set of the grid: every metric the reference gives for it.
struct GridCase {
    model: String,
    lam_per_hour: f64,
    aht_s: f64,
    agents: u32,
    patience_s: Option<f64>,
    trunks: Option<u32>,
    t_s: Option<f64>,
    metrics: Vec<(String, f64)>,
}

fn grid_cases() -> Vec<GridCase> {
    let text = std::fs::read_to_string(GRID)
        .unwrap_or_else(|e| panic!("cannot read the reference grid {GRID}: {e}"));
    let mut cases: BTreeMap<Vec<String>, GridCase> = BTreeMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        // The grid is plain CSV: no quoted fields.
        let r: Vec<&str> = line.split(',').collect();
        let field = |i: usize| r.get(i).copied().unwrap_or("").to_string();
        let opt = |i: usize| Some(field(i)).filter(|s| !s.is_empty());
        let key: Vec<String> = (0..8).map(field).collect();
        let case = cases.entry(key).or_insert_with(|| GridCase {
            model: field(1),
            lam_per_hour: field(2).parse().unwrap(),
            aht_s: field(3).parse().unwrap(),
            agents: field(4).parse().unwrap(),
            patience_s: opt(5).map(|s| s.parse().unwrap()),
            trunks: opt(6).map(|s| s.parse().unwrap()),
            t_s: opt(7).map(|s| s.parse().unwrap()),
            metrics: Vec::new(),
        });
        case.metrics.push((field(8), field(9).parse().unwrap()));
    }
    cases.into_values().collect()
}

/// Our value of `metric` for a grid case, or a panic naming a metric we do not cover.
fn computed(case: &GridCase) -> impl Fn(&str) -> f64 {
    let load = erlang::offered_load(case.lam_per_hour, 3600.0, case.aht_s);
    let (c, aht, t) = (case.agents, case.aht_s, case.t_s.unwrap_or(0.0));
    let model = case.model.clone();
    let values: BTreeMap<&'static str, f64> = match model.as_str() {
        "ErlangB" => {
            let lines = case.trunks.unwrap_or(c);
            let b = erlang::erlang_b(load, lines).unwrap();
            BTreeMap::from([
                ("offered_load_erlangs", b.load_erlangs),
                ("blocking_prob", b.blocking_prob),
                ("occupancy", b.occupancy),
            ])
        }
        "ErlangC" => {
            let r = erlang::erlang_c(load, c, aht, t).unwrap();
            BTreeMap::from([
                ("offered_load_erlangs", r.load_erlangs),
                ("occupancy", r.occupancy),
                ("prob_wait", r.prob_wait),
                ("asa_s", r.asa_s),
                ("mean_wait_given_wait_s", r.mean_wait_given_wait_s),
                ("service_level", r.service_level),
                ("prob_wait_gt_t", r.prob_wait_gt_t),
                ("mean_queue_len", r.mean_queue_len),
                ("mean_in_system", r.mean_in_system),
            ])
        }
        "MMcK" => {
            let r = erlang::mmck(load, c, case.trunks.unwrap(), aht, t).unwrap();
            BTreeMap::from([
                ("offered_load_erlangs", r.load_erlangs),
                ("prob_block", r.prob_block),
                ("prob_wait_admitted", r.prob_wait_admitted),
                ("prob_wait_offered", r.prob_wait_offered),
                ("mean_wait_admitted_s", r.mean_wait_admitted_s),
                ("mean_wait_given_wait_s", r.mean_wait_given_wait_s.unwrap()),
                ("sl_admitted", r.sl_admitted),
                ("sl_offered", r.sl_offered),
                ("occupancy", r.occupancy),
                ("throughput_per_hour", r.throughput_per_s * 3600.0),
                ("mean_queue_len", r.mean_queue_len),
                ("mean_in_system", r.mean_in_system),
            ])
        }
        "ErlangA" => {
            let r = erlang::erlang_a(load, c, aht, case.patience_s.unwrap(), t).unwrap();
            BTreeMap::from([
                ("offered_load_erlangs", r.load_erlangs),
                ("prob_wait", r.prob_wait),
                ("prob_abandon", r.prob_abandon),
                ("prob_abandon_given_wait", r.prob_abandon_given_wait),
                ("mean_wait_all_s", r.mean_wait_all_s),
                ("mean_wait_served_s", r.mean_wait_served_s),
                ("mean_wait_abandoned_s", r.mean_wait_abandoned_s),
                ("mean_wait_given_wait_s", r.mean_wait_given_wait_s),
                ("mean_virtual_wait_s", r.mean_virtual_wait_s),
                ("sl_offered", r.sl_offered),
                ("sl_answered", r.sl_answered),
                ("sl_excl_short_abandons", r.sl_excl_short_abandons),
                ("sl_wait_le_t_all", r.sl_wait_le_t_all),
                ("sl_virtual", r.sl_virtual),
                ("prob_abandon_within_t", r.prob_abandon_within_t),
                ("prob_wait_gt_t", r.prob_wait_gt_t),
                ("occupancy", r.occupancy),
                ("mean_queue_len", r.mean_queue_len),
            ])
        }
        other => panic!("the grid has a model the calculators do not cover: {other}"),
    };
    move |metric: &str| {
        *values
            .get(metric)
            .unwrap_or_else(|| panic!("{model}: metric {metric} is not covered"))
    }
}

#[test]
fn reproduces_every_reference_grid_value() {
    // model -> (values compared, worst relative error, where)
    let mut stats: BTreeMap<String, (usize, f64, String)> = BTreeMap::new();
    let mut failures = Vec::new();
    for case in grid_cases() {
        let value_of = computed(&case);
        for (metric, want) in &case.metrics {
            let got = value_of(metric);
            let err = rel_err(got, *want);
            let where_ = format!(
                "{} c={} λ={}/h patience={:?} K={:?} {metric}",
                case.model, case.agents, case.lam_per_hour, case.patience_s, case.trunks
            );
            // Written so that a NaN counts as a failure.
            if err.is_nan() || err > REL_TOL {
                failures.push(format!(
                    "{where_}: got {got:e}, want {want:e}, rel err {err:e}"
                ));
            }
            let s = stats.entry(case.model.clone()).or_default();
            s.0 += 1;
            if err > s.1 {
                s.1 = err;
                s.2 = where_;
            }
        }
    }
    let total: usize = stats.values().map(|s| s.0).sum();
    println!("reference grid: {total} values compared");
    for (model, (n, worst, at)) in &stats {
        println!("  {model:<8} {n:>4} values, worst relative error {worst:.2e} ({at})");
    }
    assert_eq!(stats.len(), 4, "every model of the grid is compared");
    assert!(total > 1100, "only {total} grid values compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Values beyond the grid (5,000 agents, load equal to agents in M/M/c/K, a service level
/// of 1e-34, thresholds far above and below the patience), computed at 50 digits from the
/// birth-death chain by an independent route: per-queue-position negative binomial sums
/// rather than this crate's chain ratios. Quoted to 20 digits as printed by that run.
#[allow(clippy::excessive_precision)]
const BEYOND_GRID: &[(&str, &str, f64)] = &[
    ("EA3", "prob_abandon", 0.5),
    ("EA3", "mean_wait_served_s", 622.0336625020307931),
    ("EA3", "mean_wait_abandoned_s", 277.9663374979692069),
    ("EA3", "mean_virtual_wait_s", 625.6336625020307931),
    ("EA3", "sl_offered", 1.9093512891309826968e-34),
    ("EA3", "sl_answered", 3.8187025782619653937e-34),
    ("EA3", "sl_excl_short_abandons", 1.9306846023835391249e-34),
    ("EA3", "sl_virtual", 1.9234198863062412227e-34),
    ("EA3", "prob_wait_gt_t", 0.98895038929392234827),
    ("EA3", "prob_abandon_within_t", 0.011049610706077651729),
    ("EA3", "mean_queue_len", 250.0),
    ("EC1", "prob_wait", 0.36609821942272346309),
    ("EC1", "service_level", 0.9985846935205085587),
    ("EC1", "asa_s", 1.3179535899218044671),
    ("EB1", "blocking_prob", 0.000092758413396951000811),
    ("MK1", "prob_block", 0.019091024249367500184),
    ("MK1", "sl_offered", 0.96235530419245305477),
    ("MK1", "sl_admitted", 0.98108522603335197236),
    ("MK1", "mean_wait_admitted_s", 5.4300611955330025826),
    ("MK2", "prob_block", 0.0034567289907297216496),
    ("MK2", "sl_offered", 0.99654327100927027835),
    ("MK2", "sl_admitted", 1.0),
    ("MK2", "mean_wait_admitted_s", 2.5099653677444363658),
    ("MK3", "prob_block", 0.16666666666666666667),
    ("MK3", "sl_offered", 0.82919595504260301947),
    ("MK3", "sl_admitted", 0.99503514605112362337),
    ("MK3", "mean_wait_admitted_s", 17.82),
    ("EA2", "prob_wait", 7.4458770556071907857e-6),
    ("EA2", "prob_abandon", 3.2776749402215721624e-8),
    ("EA2", "mean_wait_served_s", 3.9167190788325130167e-6),
    ("EA2", "mean_wait_abandoned_s", 0.50313036257276040605),
    ("EA2", "mean_virtual_wait_s", 3.9497673874297405618e-6),
    ("EA2", "sl_offered", 0.99999996722325059778),
    ("EA2", "prob_wait_gt_t", 8.4186903755834350703e-39),
    ("EA2", "prob_abandon_within_t", 3.2776749402215721624e-8),
    ("EA2", "occupancy", 0.93999996918985556192),
    ("EA2", "mean_queue_len", 0.00010270048146027592776),
    ("EA1", "prob_wait", 0.99999999999999999954),
    ("EA1", "prob_abandon", 0.090909090909090909092),
    ("EA1", "mean_wait_served_s", 28.575054301297457495),
    ("EA1", "mean_wait_abandoned_s", 14.249456987025425052),
    ("EA1", "mean_virtual_wait_s", 28.611054301297457495),
    ("EA1", "sl_offered", 0.0039960313305104855472),
    ("EA1", "sl_answered", 0.0043956344635615341019),
    ("EA1", "sl_excl_short_abandons", 0.0042714525795901158345),
    ("EA1", "sl_virtual", 0.004257098128095143028),
    ("EA1", "prob_wait_gt_t", 0.93152443999681970687),
    ("EA1", "prob_abandon_within_t", 0.064479528672669807582),
    ("EA1", "occupancy", 1.0),
    ("EA1", "mean_queue_len", 833.33333333333333334),
    ("EA4", "sl_offered", 0.04938187024359884002),
    ("EA4", "sl_answered", 0.99999999952491962151),
    ("EA4", "sl_excl_short_abandons", 0.99999997102009772864),
    ("EA4", "sl_virtual", 0.30568891152517159945),
    ("EA4", "prob_abandon_within_t", 0.95061812832531934487),
    ("EA4", "prob_wait_gt_t", 1.4310818151091505765e-9),
    ("EA5", "sl_offered", 0.54084730830538926006),
    ("EA5", "sl_answered", 0.57330128790679375293),
    ("EA5", "sl_virtual", 0.54086693351412975227),
    ("EA5", "prob_abandon_within_t", 0.0019286996520377540049),
    ("EA5", "prob_wait_gt_t", 0.45722399204257298594),
];

fn beyond_grid_value(case: &str, metric: &str) -> f64 {
    let load = |lam: f64| erlang::offered_load(lam, 3600.0, 180.0);
    let a = |lam, c, patience, t| erlang::erlang_a(load(lam), c, 180.0, patience, t).unwrap();
    let k = |lam, c, lines| erlang::mmck(load(lam), c, lines, 180.0, 20.0).unwrap();
    let pick_a = |r: erlang::ErlangA| match metric {
        "prob_wait" => r.prob_wait,
        "prob_abandon" => r.prob_abandon,
        "mean_wait_served_s" => r.mean_wait_served_s,
        "mean_wait_abandoned_s" => r.mean_wait_abandoned_s,
        "mean_virtual_wait_s" => r.mean_virtual_wait_s,
        "sl_offered" => r.sl_offered,
        "sl_answered" => r.sl_answered,
        "sl_excl_short_abandons" => r.sl_excl_short_abandons,
        "sl_virtual" => r.sl_virtual,
        "prob_wait_gt_t" => r.prob_wait_gt_t,
        "prob_abandon_within_t" => r.prob_abandon_within_t,
        "occupancy" => r.occupancy,
        "mean_queue_len" => r.mean_queue_len,
        other => panic!("{other}"),
    };
    let pick_k = |r: erlang::Mmck| match metric {
        "prob_block" => r.prob_block,
        "sl_offered" => r.sl_offered,
        "sl_admitted" => r.sl_admitted,
        "mean_wait_admitted_s" => r.mean_wait_admitted_s,
        other => panic!("{other}"),
    };
    match case {
        "EA1" => pick_a(a(110_000.0, 5000, 300.0, 20.0)),
        "EA2" => pick_a(a(94_000.0, 5000, 120.0, 20.0)),
        "EA3" => pick_a(a(2000.0, 50, 900.0, 10.0)),
        // A threshold of 20 mean patiences (the count sums' closed tail), and one of half a
        // second (short hang-ups from a nearly cancelling difference).
        "EA4" => pick_a(a(1200.0, 3, 1.0, 20.0)),
        "EA5" => pick_a(a(1200.0, 60, 120.0, 0.5)),
        "EC1" => {
            let r = erlang::erlang_c(load(99_000.0), 5000, 180.0, 20.0).unwrap();
            match metric {
                "prob_wait" => r.prob_wait,
                "service_level" => r.service_level,
                "asa_s" => r.asa_s,
                other => panic!("{other}"),
            }
        }
        "EB1" => erlang::erlang_b(4800.0, 5000).unwrap().blocking_prob,
        "MK1" => pick_k(k(6000.0, 300, 330)),
        "MK2" => pick_k(k(100_000.0, 5000, 5200)),
        "MK3" => pick_k(k(120_000.0, 5000, 5500)),
        other => panic!("{other}"),
    }
}

#[test]
fn exact_beyond_the_grid_at_5000_agents_and_extreme_tails() {
    let (mut worst, mut at) = (0.0, String::new());
    for &(case, metric, want) in BEYOND_GRID {
        let got = beyond_grid_value(case, metric);
        let err = rel_err(got, want);
        assert!(
            err <= REL_TOL,
            "{case} {metric}: got {got:e}, want {want:e}, rel err {err:e}"
        );
        if err > worst {
            (worst, at) = (err, format!("{case} {metric}"));
        }
    }
    println!(
        "beyond the grid: {} values compared, worst relative error {worst:.2e} ({at})",
        BEYOND_GRID.len()
    );
}

#[test]
fn load_equal_to_agents_in_mmck_is_finite_and_matches_the_limit() {
    // As ρ → 1 the queue states become equally likely; no 0/0.
    let at = erlang::mmck(10.0, 10, 15, 60.0, 20.0).unwrap();
    let near = erlang::mmck(10.0 * (1.0 + 1e-9), 10, 15, 60.0, 20.0).unwrap();
    for (a, b) in [
        (at.prob_block, near.prob_block),
        (at.sl_offered, near.sl_offered),
        (at.mean_queue_len, near.mean_queue_len),
    ] {
        assert!(a.is_finite() && rel_err(a, b) < 1e-7, "{a} vs {b}");
    }
}

#[test]
fn erlang_c_rejects_load_at_or_above_agents() {
    assert!(matches!(
        erlang::erlang_c(10.0, 10, 60.0, 20.0),
        Err(erlang::ErlangError::Unstable { .. })
    ));
    // Erlang A and M/M/c/K stay finite there.
    let a = erlang::erlang_a(12.0, 10, 60.0, 30.0, 20.0).unwrap();
    assert!(a.prob_abandon > 0.0 && a.prob_abandon < 1.0);
    assert!(erlang::erlang_a(f64::NAN, 10, 60.0, 30.0, 20.0).is_err());
    assert!(erlang::erlang_a(5.0, 0, 60.0, 30.0, 20.0).is_err());
    assert!(erlang::erlang_a(5.0, 10, 60.0, 0.0, 20.0).is_err());
}

fn sl_goal(threshold_s: f64, target: f64, of: SlDefinition) -> Goal {
    Goal {
        service_level: Some(ServiceLevelGoal {
            threshold_s,
            target,
            of,
        }),
        ..Goal::default()
    }
}

#[test]
fn erlang_c_solve_is_the_exact_minimum() {
    let cases = [
        (
            erlang::offered_load(1500.0, 1800.0, 280.0),
            280.0,
            sl_goal(20.0, 0.8, SlDefinition::default()),
        ),
        (8.0, 60.0, sl_goal(20.0, 0.8, SlDefinition::default())),
        (4000.0, 180.0, sl_goal(20.0, 0.9, SlDefinition::default())),
        (
            50.0,
            300.0,
            Goal {
                max_asa_s: Some(30.0),
                ..Goal::default()
            },
        ),
        (
            50.0,
            300.0,
            Goal {
                max_occupancy: Some(0.85),
                ..sl_goal(20.0, 0.5, SlDefinition::default())
            },
        ),
    ];
    for (load, aht, goal) in cases {
        let c = erlang::required_agents_c(load, aht, &goal).unwrap();
        let t = goal.service_level.map_or(0.0, |g| g.threshold_s);
        assert!(erlang::erlang_c(load, c, aht, t).unwrap().meets(&goal));
        if let Ok(below) = erlang::erlang_c(load, c - 1, aht, t) {
            assert!(
                !below.meets(&goal),
                "load {load}: {c} − 1 also meets {goal:?}"
            );
        }
    }
    // The occupancy cap binds: 50 Erlangs at ≤ 85 % needs 59 agents.
    let capped = Goal {
        max_occupancy: Some(0.85),
        ..sl_goal(20.0, 0.5, SlDefinition::default())
    };
    assert_eq!(erlang::required_agents_c(50.0, 300.0, &capped), Ok(59));
}

#[test]
fn erlang_a_solve_is_the_exact_minimum_for_every_definition() {
    let load = erlang::offered_load(1200.0, 3600.0, 180.0);
    for of in [
        SlDefinition::Answered,
        SlDefinition::Offered,
        SlDefinition::ExclShortAbandons,
    ] {
        for (patience, target) in [(120.0, 0.8), (600.0, 0.95), (30.0, 0.6)] {
            let goal = sl_goal(20.0, target, of);
            let c = erlang::required_agents_a(load, 180.0, patience, &goal).unwrap();
            let at = erlang::erlang_a(load, c, 180.0, patience, 20.0).unwrap();
            let below = erlang::erlang_a(load, c - 1, 180.0, patience, 20.0).unwrap();
            assert!(at.service_level(of) >= target, "{of:?} {patience}: {c}");
            assert!(
                below.service_level(of) < target,
                "{of:?} {patience}: {c} − 1"
            );
        }
    }
    let asa = Goal {
        max_asa_s: Some(10.0),
        ..Goal::default()
    };
    let c = erlang::required_agents_a(load, 180.0, 120.0, &asa).unwrap();
    let wait = |n| {
        erlang::erlang_a(load, n, 180.0, 120.0, 0.0)
            .unwrap()
            .mean_wait_served_s
    };
    assert!(wait(c) <= 10.0 && wait(c - 1) > 10.0);
    // A large centre solves exactly too.
    let goal = sl_goal(20.0, 0.8, SlDefinition::default());
    let c = erlang::required_agents_a(4000.0, 180.0, 300.0, &goal).unwrap();
    let sl = |n| {
        erlang::erlang_a(4000.0, n, 180.0, 300.0, 20.0)
            .unwrap()
            .sl_excl_short_abandons
    };
    assert!(sl(c) >= 0.8 && sl(c - 1) < 0.8);
}

#[test]
fn erlang_b_and_mmck_solves_are_the_exact_minimum() {
    let goal = Goal {
        max_blocking: Some(0.01),
        ..Goal::default()
    };
    let n = erlang::required_lines_b(20.0, &goal).unwrap();
    assert!(erlang::erlang_b(20.0, n).unwrap().blocking_prob <= 0.01);
    assert!(erlang::erlang_b(20.0, n - 1).unwrap().blocking_prob > 0.01);
    assert_eq!(n, 30);

    let goal = sl_goal(20.0, 0.8, SlDefinition::Offered);
    let c = erlang::required_agents_mmck(8.0, 60.0, 25, &goal).unwrap();
    assert!(erlang::mmck(8.0, c, 25, 60.0, 20.0).unwrap().sl_offered >= 0.8);
    assert!(erlang::mmck(8.0, c - 1, 25, 60.0, 20.0).unwrap().sl_offered < 0.8);
    // Too few lines to reach the goal at all.
    assert!(matches!(
        erlang::required_agents_mmck(8.0, 60.0, 6, &goal),
        Err(erlang::ErlangError::Unreachable { max_agents: 6 })
    ));
}

// ------------------------------------------------------------------------------------
// The command line
// ------------------------------------------------------------------------------------

fn ccsim(args: &[&str]) -> (i32, String, String) {
    outcome(&crate::support::ccsim(args))
}

fn ccsim_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["erlang"];
    all.extend_from_slice(args);
    all.push("--json");
    let (code, stdout, stderr) = ccsim(&all);
    assert_eq!(code, 0, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"))
}

fn assert_numbers(v: &serde_json::Value, keys: &[&str]) {
    for k in keys {
        assert!(v[k].is_number(), "key {k} missing or not a number in {v}");
    }
}

#[test]
fn cli_erlang_c_json_has_the_spec_keys() {
    let v = ccsim_json(&[
        "c",
        "--calls",
        "480",
        "--per",
        "1h",
        "--aht",
        "60s",
        "--agents",
        "10",
        "--threshold",
        "20s",
    ]);
    assert_numbers(
        &v,
        &[
            "agents",
            "load_erlangs",
            "occupancy",
            "prob_wait",
            "asa_s",
            "service_level",
        ],
    );
    assert_eq!(v["agents"], 10);
    assert_eq!(v["load_erlangs"], 8.0);
    let c = erlang::erlang_c(8.0, 10, 60.0, 20.0).unwrap();
    assert_eq!(v["service_level"].as_f64(), Some(c.service_level));
}

#[test]
fn cli_solves_for_the_fewest_agents_with_shrinkage() {
    let v = ccsim_json(&[
        "c",
        "--calls",
        "1500",
        "--per",
        "30m",
        "--aht",
        "280s",
        "--threshold",
        "20s",
        "--target",
        "80%",
        "--shrinkage",
        "0.3",
    ]);
    let load = erlang::offered_load(1500.0, 1800.0, 280.0);
    let goal = sl_goal(20.0, 0.8, SlDefinition::default());
    let want = erlang::required_agents_c(load, 280.0, &goal).unwrap();
    assert_eq!(v["agents"], want);
    assert!(v["service_level"].as_f64().unwrap() >= 0.8);
    assert_eq!(
        v["scheduled_agents"],
        erlang::scheduled_agents(want, 0.3).unwrap()
    );

    let v = ccsim_json(&[
        "c",
        "--calls",
        "1500",
        "--per",
        "30m",
        "--aht",
        "280s",
        "--asa-target",
        "30s",
    ]);
    assert!(v["asa_s"].as_f64().unwrap() <= 30.0);
}

#[test]
fn cli_other_models_have_their_keys() {
    let b = ccsim_json(&[
        "b", "--calls", "300", "--per", "1h", "--aht", "240s", "--lines", "20",
    ]);
    assert_numbers(
        &b,
        &["agents", "load_erlangs", "occupancy", "blocking_prob"],
    );

    let k = ccsim_json(&[
        "c",
        "--calls",
        "480",
        "--per",
        "1h",
        "--aht",
        "60s",
        "--agents",
        "10",
        "--threshold",
        "20s",
        "--lines",
        "25",
    ]);
    assert_numbers(
        &k,
        &[
            "agents",
            "load_erlangs",
            "occupancy",
            "prob_block",
            "sl_offered",
            "sl_admitted",
            "asa_s",
        ],
    );

    let a = ccsim_json(&[
        "a",
        "--calls",
        "1200",
        "--per",
        "1h",
        "--aht",
        "180s",
        "--patience",
        "120s",
        "--agents",
        "58",
        "--threshold",
        "20s",
    ]);
    assert_numbers(
        &a,
        &[
            "agents",
            "load_erlangs",
            "occupancy",
            "prob_wait",
            "prob_abandon",
            "asa_s",
            "sl_answered",
            "sl_offered",
            "sl_excl_short_abandons",
        ],
    );
    let r = erlang::erlang_a(60.0, 58, 180.0, 120.0, 20.0).unwrap();
    assert_eq!(a["asa_s"].as_f64(), Some(r.mean_wait_served_s));
}

#[test]
fn cli_text_names_each_figure() {
    let (code, out, _) = ccsim(&[
        "erlang",
        "c",
        "--calls",
        "480",
        "--per",
        "1h",
        "--aht",
        "60s",
        "--agents",
        "10",
        "--threshold",
        "20s",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Service level") && out.contains("answered within 20s"),
        "{out}"
    );
    assert!(out.contains("Average speed of answer"), "{out}");
}

#[test]
fn cli_bad_input_exits_2_naming_the_flag() {
    let base = [
        "erlang", "c", "--calls", "480", "--per", "1h", "--aht", "60s",
    ];
    let cases: &[(&[&str], &str)] = &[
        (&["--agents", "5", "--threshold", "20s"], "--agents 5"),
        (&["--agents", "0"], "--agents"),
        (&["--agents", "-3"], "--agents"),
        (
            &["--agents", "10", "--target", "0.8", "--threshold", "20s"],
            "--target",
        ),
        (&["--target", "0.8"], "--threshold"),
        (&["--target", "1.5", "--threshold", "20s"], "--target"),
        (&["--agents", "10", "--patience", "2m"], "--patience"),
        (&["--agents", "10", "--lines", "8"], "--lines"),
        (&["--agents", "10", "--threshold", "soon"], "--threshold"),
        (&[], "--agents is missing"),
    ];
    for (extra, needle) in cases {
        let mut args = base.to_vec();
        args.extend_from_slice(extra);
        let (code, out, err) = ccsim(&args);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(out.is_empty(), "{extra:?} printed {out}");
        assert!(err.contains(needle), "{extra:?}: {err:?} lacks {needle:?}");
    }
    let others: &[(&[&str], &str)] = &[
        (
            &[
                "c", "--calls", "-5", "--per", "1h", "--aht", "60s", "--agents", "9",
            ],
            "--calls",
        ),
        (
            &[
                "c", "--calls", "NaN", "--per", "1h", "--aht", "60s", "--agents", "9",
            ],
            "--calls",
        ),
        (
            &["c", "--calls", "480", "--per", "1h", "--agents", "9"],
            "--aht",
        ),
        (
            &[
                "c", "--calls", "480", "--per", "0s", "--aht", "60s", "--agents", "9",
            ],
            "--per",
        ),
        (
            &[
                "a", "--calls", "480", "--per", "1h", "--aht", "60s", "--agents", "9",
            ],
            "--patience",
        ),
        (
            &["b", "--calls", "480", "--per", "1h", "--aht", "60s"],
            "--lines",
        ),
    ];
    for (args, needle) in others {
        let mut all = vec!["erlang"];
        all.extend_from_slice(args);
        let (code, _, err) = ccsim(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err:?} lacks {needle:?}");
    }
}

/// Each model's `--help` lists only the options that model uses; a flag of another
/// model is still refused with ccsim's reason rather than clap's "unexpected argument".
#[test]
fn each_model_help_shows_only_its_own_options() {
    let all = [
        "--calls",
        "--per",
        "--aht",
        "--agents",
        "--lines",
        "--threshold",
        "--target",
        "--sl-of",
        "--asa-target",
        "--max-occupancy",
        "--max-blocking",
        "--shrinkage",
        "--patience",
        "--json",
    ];
    let own: [(&str, &[&str]); 3] = [
        (
            "b",
            &[
                "--calls",
                "--per",
                "--aht",
                "--lines",
                "--max-blocking",
                "--max-occupancy",
                "--shrinkage",
                "--json",
            ],
        ),
        (
            "c",
            &[
                "--calls",
                "--per",
                "--aht",
                "--agents",
                "--lines",
                "--threshold",
                "--target",
                "--sl-of",
                "--asa-target",
                "--max-occupancy",
                "--max-blocking",
                "--shrinkage",
                "--json",
            ],
        ),
        (
            "a",
            &[
                "--calls",
                "--per",
                "--aht",
                "--patience",
                "--agents",
                "--threshold",
                "--target",
                "--sl-of",
                "--asa-target",
                "--max-occupancy",
                "--shrinkage",
                "--json",
            ],
        ),
    ];
    for (model, flags) in own {
        let (code, help, _) = ccsim(&["erlang", model, "--help"]);
        assert_eq!(code, 0, "{help}");
        assert!(
            help.contains(&format!("ccsim erlang {model} --calls")),
            "an example:\n{help}"
        );
        for flag in all {
            // "--target" is also the start of "--target-…": match the flag and its value.
            let shown = help.contains(&format!("{flag} ")) || help.contains(&format!("{flag}\n"));
            assert_eq!(
                shown,
                flags.contains(&flag),
                "erlang {model} --help and {flag}:\n{help}"
            );
        }
    }
    // The hidden flags still get a reason.
    let base = ["--calls", "300", "--per", "1h", "--aht", "240s"];
    for (model, flag, value, reason) in [
        ("b", "--patience", "2m", "erlang b has no waiting callers"),
        ("b", "--threshold", "20s", "erlang b has no queue"),
        ("c", "--patience", "2m", "use erlang a"),
        ("a", "--lines", "30", "erlang a has no line limit"),
    ] {
        let mut args = vec!["erlang", model];
        args.extend(base);
        args.extend(["--agents", "25", flag, value]);
        if model == "a" {
            args.extend(["--patience", "2m"]);
        }
        let (code, out, err) = ccsim(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains(&format!("{flag} does not apply here")),
            "{err}"
        );
        assert!(err.contains(reason), "{err}");
    }
}
