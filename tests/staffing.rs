//! Staffing by simulation: the result meets the target everywhere and is lean.

use std::sync::atomic::AtomicBool;

use ccsim::scenario;
use ccsim::staffing::{staff_by_simulation, with_agents};

fn below_target(sc: &scenario::Scenario, agents: &[u32]) -> Vec<usize> {
    let s = with_agents(sc, agents).unwrap();
    crate::support::simulate(&s)
        .estimates
        .intervals_below_target(s.model.service_level.target)
}

#[test]
fn simulated_staffing_meets_target_and_is_lean() {
    let mut sc = scenario::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/small-business.toml"
    ))
    .unwrap();
    sc.experiment.replications = 60;
    let cancel = AtomicBool::new(false);
    let t = std::time::Instant::now();
    let found = staff_by_simulation(&sc, 2, &cancel, &|| {}).unwrap();
    println!(
        "staffing {:?} in {} evaluations, {:.2?}",
        found.agents,
        found.evaluations,
        t.elapsed()
    );
    assert!(
        below_target(&sc, &found.agents).is_empty(),
        "target met everywhere"
    );
    for i in 0..found.agents.len() {
        if found.agents[i] == 0 {
            continue;
        }
        let mut fewer = found.agents.clone();
        fewer[i] -= 1;
        assert!(
            !below_target(&sc, &fewer).is_empty(),
            "one agent fewer at interval {i} still meets the target: not lean"
        );
    }
}

mod cli {
    use crate::support::{ccsim, temp_dir};
    use ccsim::erlang::{self, Goal, ServiceLevelGoal, SlDefinition};

    fn staff(args: &[&str]) -> serde_json::Value {
        let o = ccsim(args);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_slice(&o.stdout).unwrap()
    }

    #[test]
    fn staff_by_simulation_writes_json_and_csv() {
        let dir = temp_dir("staff-sim");
        let v = staff(&[
            "staff",
            "scenarios/small-business.toml",
            "--replications",
            "40",
            "--json",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(v["schema"], "ccsim.staffing.v1");
        assert_eq!(v["method"], "sim");
        let intervals = v["intervals"].as_array().unwrap();
        assert_eq!(intervals.len(), 16);
        let mut hours = 0.0;
        for iv in intervals {
            for k in [
                "index",
                "start",
                "required_agents",
                "scheduled_agents",
                "service_level",
            ] {
                assert!(!iv[k].is_null(), "{k}");
            }
            assert!(
                iv["service_level"]["mean"].as_f64().unwrap() >= 0.8,
                "meets the target: {iv}"
            );
            hours += iv["required_agents"].as_f64().unwrap() * 0.5;
        }
        assert!((v["agent_hours"].as_f64().unwrap() - hours).abs() < 1e-9);
        let csv = std::fs::read_to_string(dir.join("staffing.csv")).unwrap();
        assert!(
            csv.starts_with("index,start,calls,planned_agents,required_agents,scheduled_agents,")
        );
        assert_eq!(csv.lines().count(), 17);
        assert!(dir.join("staffing.json").exists());
        // The client report shows the staffing beside the plan, with Erlang C's answer.
        let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
        assert!(
            html.contains("Erlang C") && html.contains("required"),
            "staffing section in the report"
        );
        assert!(dir.join("summary.json").exists() && dir.join("chart-calls-agents.svg").exists());
    }

    #[test]
    fn erlang_c_method_matches_the_calculator() {
        let dir = temp_dir("staff-erlang-c");
        let v = staff(&[
            "staff",
            "scenarios/erlang-c-textbook.toml",
            "--method",
            "erlang-c",
            "--replications",
            "3",
            "--json",
            "--out",
            dir.to_str().unwrap(),
        ]);
        let goal = Goal {
            service_level: Some(ServiceLevelGoal {
                threshold_s: 20.0,
                target: 0.8,
                of: SlDefinition::Answered,
            }),
            ..Goal::default()
        };
        let want = erlang::required_agents_c(24.0, 180.0, &goal).unwrap();
        assert_eq!(v["method"], "erlang-c");
        assert_eq!(v["intervals"][0]["required_agents"], want);
        let sl = v["intervals"][0]["service_level"]["mean"].as_f64().unwrap();
        assert!(
            (sl - erlang::erlang_c(24.0, want, 180.0, 20.0)
                .unwrap()
                .service_level)
                .abs()
                < 1e-12
        );
    }

    #[test]
    fn compare_shows_three_methods_and_erlang_a_needs_patience() {
        let dir = temp_dir("staff-compare");
        let o = ccsim(&[
            "staff",
            "scenarios/small-business.toml",
            "--compare",
            "--replications",
            "20",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        let text = String::from_utf8(o.stdout).unwrap();
        for w in ["Erlang C", "Erlang A", "Simulation", "Agent-hours"] {
            assert!(text.contains(w), "{w} in {text}");
        }
        let o = ccsim(&[
            "staff",
            "scenarios/erlang-c-textbook.toml",
            "--method",
            "erlang-a",
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            String::from_utf8(o.stderr)
                .unwrap()
                .contains("expected a [patience] section")
        );
    }
}

/// Staffing a month of half hours (1,488) by simulation: the search used to nest a
/// thread pool per candidate inside the candidates' parallel loop, which overflowed the
/// stack and aborted from about 850 intervals (and took gigabytes before that). One pool
/// now runs the candidates, each on one thread, and no more threads than 512 MB of
/// tallies allow (34 for a month; asked for 64 threads, staffing a month peaked at 565 MB with 36,
/// 954 MB before).
#[test]
fn staffing_a_month_of_intervals_neither_aborts_nor_nests_pools() {
    let dir = crate::support::temp_dir("long-staff");
    let calls = vec!["3"; 1488].join(", ");
    let text = format!(
        "name = \"three weeks\"\ninterval = \"30m\"\n\
         [service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
         [arrivals]\ncalls = [{calls}]\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = \"4m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
         [staffing]\nagents = 1\n[simulation]\nreplications = 1\n"
    );
    let path = dir.join("weeks.toml");
    std::fs::write(&path, text).unwrap();
    let out = dir.join("out");
    let o = crate::support::ccsim(&[
        "staff",
        path.to_str().unwrap(),
        "--threads",
        "64",
        "--quiet",
        "--no-charts",
        "--json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["intervals"].as_array().unwrap().len(), 1488);
    // Memory is bounded whatever the machine: the threads a month may use.
    assert_eq!(ccsim::staffing::threads_within_budget(1488), 34);
    assert!(ccsim::staffing::threads_within_budget(48) > 1024);
    let _ = std::fs::remove_dir_all(&dir);
}

/// With `lines`, plain Erlang C recommended more agents than lines and promised a service
/// level the centre can never reach: the Erlang C method is M/M/c/K there (required
/// agents never above the lines, met at n and missed at n − 1 by M/M/c/K itself), and
/// Erlang A, which has no busy signals, is refused.
#[test]
fn erlang_staffing_respects_lines() {
    use ccsim::erlang;
    use ccsim::staffing::{Method, analytic};
    let mut sc = scenario::load("scenarios/small-business.toml").unwrap();
    let lines = 7;
    sc.model.lines = Some(lines);
    let (required, levels) = analytic(&sc, Method::ErlangC).unwrap();
    let sl = sc.model.service_level.clone();
    let calls = sc.model.main_type();
    for i in 0..sc.model.intervals() {
        let (load, aht) = (calls.offered_load(i), calls.mean_handle_time(i));
        let n = required[i];
        assert!(n <= lines, "interval {i}: {n} agents for {lines} lines");
        let at = |n| erlang::mmck(load, n, lines, aht, sl.threshold_s).unwrap();
        let level = |n| match sl.of {
            ccsim::model::SlDefinition::Answered => at(n).sl_admitted,
            _ => at(n).sl_offered,
        };
        assert!(level(n) >= sl.target, "interval {i}: target missed at {n}");
        assert_eq!(levels[i], Some(level(n)));
        if n > 1 {
            assert!(
                level(n - 1) < sl.target,
                "interval {i}: {n} is not the fewest"
            );
        }
    }
    let err = analytic(&sc, Method::ErlangA).unwrap_err().to_string();
    assert!(
        err.contains("lines = 7") && err.contains("erlang-c"),
        "{err}"
    );
    sc.model.lines = Some(1);
    let err = analytic(&sc, Method::ErlangC).unwrap_err().to_string();
    assert!(err.contains("raise `lines`"), "{err}");
}

/// Every goal's figures of a staffing, from a full simulation of it.
fn figures(sc: &scenario::Scenario, agents: &[u32]) -> ccsim::staffing::Figures {
    let s = with_agents(sc, agents).unwrap();
    let result = crate::support::simulate(&s);
    ccsim::staffing::Figures::of(sc, agents, &result, &AtomicBool::new(false)).unwrap()
}

/// Intervals where some goal is missed.
fn missing(sc: &scenario::Scenario, agents: &[u32]) -> Vec<usize> {
    let goals = ccsim::staffing::GoalSet::of(&sc.model);
    let f = figures(sc, agents);
    (0..agents.len())
        .filter(|&i| {
            !ccsim::staffing::Figure::ALL
                .iter()
                .enumerate()
                .all(|(k, &fig)| goals.meets(fig, f.intervals[i][k].mean))
        })
        .collect()
}

/// With every kind of goal, under each service-level definition: the search's answer
/// meets every goal in every interval (checked by full simulations), and one agent fewer
/// in any interval misses some goal somewhere.
#[test]
fn every_goal_is_met_everywhere_and_the_answer_is_lean() {
    use ccsim::model::{Goals, SlDefinition};
    let base = scenario::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/small-business.toml"
    ))
    .unwrap();
    let cases = [
        (
            SlDefinition::Answered,
            Goals {
                max_abandon_rate: Some(0.03),
                ..Goals::default()
            },
        ),
        (
            SlDefinition::Offered,
            Goals {
                max_asa_s: Some(6.0),
                max_occupancy: Some(0.6),
                ..Goals::default()
            },
        ),
        (
            SlDefinition::ExclShortAbandons,
            Goals {
                confidence: Some(0.9),
                ..Goals::default()
            },
        ),
    ];
    for (of, goals) in cases {
        let mut sc = base.clone();
        sc.experiment.replications = 40;
        sc.model.service_level.of = of;
        sc.model.call_types[0].service_level.of = of;
        sc.model.goals = goals;
        let cancel = AtomicBool::new(false);
        let found = staff_by_simulation(&sc, 2, &cancel, &|| {}).unwrap();
        assert_eq!(
            missing(&sc, &found.agents),
            Vec::<usize>::new(),
            "{of:?} {goals:?}: {:?}",
            found.agents
        );
        // Each goal binds: without it the answer needs fewer agent-hours.
        let mut loose = sc.clone();
        loose.model.goals = Goals::default();
        let without = staff_by_simulation(&loose, 2, &cancel, &|| {}).unwrap();
        assert!(
            without.agents.iter().sum::<u32>() < found.agents.iter().sum::<u32>(),
            "{of:?} {goals:?}: {:?} vs {:?}",
            without.agents,
            found.agents
        );
        for i in 0..found.agents.len() {
            if found.agents[i] == 0 {
                continue;
            }
            let mut fewer = found.agents.clone();
            fewer[i] -= 1;
            assert!(
                !missing(&sc, &fewer).is_empty(),
                "{of:?} {goals:?}: one agent fewer at interval {i} still meets every goal"
            );
        }
    }
}

/// `--compare` writes every method's required agents and simulated figures into
/// staffing.json and staffing.csv; the figures worse than planned are named.
#[test]
fn compare_is_written_and_worse_figures_are_flagged() {
    let dir = crate::support::temp_dir("staff-compare-written");
    let o = crate::support::ccsim(&[
        "staff",
        "scenarios/small-business.toml",
        "--compare",
        "--max-abandon-rate",
        "8%",
        "--out",
        dir.to_str().unwrap(),
        "--quiet",
        "--no-charts",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("staffing.json")).unwrap()).unwrap();
    assert_eq!(v["goals"]["max_abandon_rate"], 0.08);
    assert!(
        v["search"]["evaluations"].as_u64().unwrap() > 16,
        "{}",
        v["search"]
    );
    let cmp = v["comparison"].as_array().unwrap();
    let keys: Vec<&str> = cmp.iter().map(|m| m["method"].as_str().unwrap()).collect();
    assert_eq!(keys, ["erlang-c", "erlang-a", "sim"]);
    let csv = std::fs::read_to_string(dir.join("staffing.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), 16);
    for m in cmp {
        let k = m["method"].as_str().unwrap().replace('-', "_");
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .unwrap_or_else(|| panic!("{name}"))
        };
        let (req, ab) = (
            col(&format!("{k}_required_agents")),
            col(&format!("{k}_abandon_rate")),
        );
        for (i, row) in rows.iter().enumerate() {
            let iv = &m["intervals"][i];
            assert_eq!(row[req], iv["required_agents"].to_string());
            let json_ab = iv["simulated"]["abandon_rate"]["mean"].as_f64().unwrap();
            let ci = iv["simulated"]["abandon_rate"]["ci95"].as_f64().unwrap();
            // Rounded to the place of the ci95's second significant digit (at most
            // ci95/20 away), or to six significant digits without an interval.
            let tol = (ci / 20.0).max(json_ab.abs() * 5e-6) + 1e-15;
            let csv_ab = row[ab].parse::<f64>().unwrap();
            assert!(
                (csv_ab - json_ab).abs() <= tol,
                "{csv_ab} vs {json_ab} ± {ci}"
            );
        }
        assert!(m["agent_hours"].as_f64().unwrap() > 0.0);
    }
    // The simulation meets every goal everywhere; its abandonment is at most 8 %.
    let sim = &cmp[2];
    assert_eq!(sim["intervals_missing_goals"], 0);
    for iv in v["intervals"].as_array().unwrap() {
        assert_eq!(iv["meets_goals"], true);
        assert!(iv["simulated"]["abandon_rate"]["mean"].as_f64().unwrap() <= 0.08);
        // Flagged exactly when worse than planned beyond noise.
        let (p, r) = (
            &iv["planned"]["abandon_rate"],
            &iv["simulated"]["abandon_rate"],
        );
        let noise =
            (p["ci95"].as_f64().unwrap().powi(2) + r["ci95"].as_f64().unwrap().powi(2)).sqrt();
        let worse = r["mean"].as_f64().unwrap() - p["mean"].as_f64().unwrap() > noise;
        let flagged = iv["worse_than_planned"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "abandon_rate");
        assert_eq!(worse, flagged, "{iv}");
    }
    // The plan has six agents at 09:00 where three or four do: abandonment rises there.
    assert!(
        v["intervals"][0]["worse_than_planned"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "abandon_rate"),
        "{}",
        v["intervals"][0]
    );
}

/// The same scenario and seed give the same staffing files whatever the thread count.
#[test]
fn staffing_with_goals_does_not_depend_on_threads() {
    let run = |threads: &str| {
        let dir = crate::support::temp_dir(&format!("staff-threads-{threads}"));
        let o = crate::support::ccsim(&[
            "staff",
            "scenarios/retail-day.toml",
            "--replications",
            "20",
            "--threads",
            threads,
            "--confidence",
            "0.8",
            "--max-asa",
            "15s",
            "--out",
            dir.to_str().unwrap(),
            "--quiet",
            "--no-charts",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        ["staffing.json", "staffing.csv"].map(|f| std::fs::read(dir.join(f)).unwrap())
    };
    assert!(
        run("1") == run("3"),
        "outputs differ between 1 and 3 threads"
    );
}

/// Days with absent agents and redials (simulated in full for every candidate, as the
/// replay needs one roster for all replications and staffing-free arrivals) are staffed
/// to meet every goal too.
#[test]
fn uncertain_days_are_staffed_to_every_goal() {
    let dir = crate::support::temp_dir("staff-uncertain");
    let o = crate::support::ccsim(&[
        "staff",
        "scenarios/uncertain-day.toml",
        "--replications",
        "30",
        "--max-abandon-rate",
        "10%",
        "--json",
        "--quiet",
        "--no-charts",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for iv in v["intervals"].as_array().unwrap() {
        assert_eq!(iv["meets_goals"], true, "{iv}");
    }
}
