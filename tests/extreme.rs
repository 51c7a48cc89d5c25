//! Issue 7, extreme scenarios: each completes, accounts for every call (offered =
//! answered + abandoned + blocked, per replication in the library's tallies and in the
//! reported means), and reports metrics that make sense; a metric with nothing to
//! measure is `null` in JSON, an empty cell in CSV and "n/a" in the table, never NaN.

use std::sync::atomic::AtomicBool;

use ccsim::replicate::{self, RunOptions, RunResult};
use ccsim::report::{self, RunReport};
use ccsim::scenario::{self, Scenario};
use ccsim::stats::Metric;
use ccsim::warnings;
use serde_json::Value;

use crate::robustness::{ccsim, simulate_checked, temp_dir};

/// A scenario from its parts; `extra` goes in the top-level keys, `tail` after staffing.
fn text(extra: &str, calls: &str, agents: &str, handle: &str, tail: &str) -> String {
    format!(
        "name = \"extreme\"\nstart = \"08:00\"\n{extra}\n\
         [service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
         [arrivals]\ncalls = {calls}\n\
         [handle_time]\n{handle}\n\
         [staffing]\nagents = {agents}\n{tail}\n"
    )
}

const EXP_3M: &str = "distribution = \"exponential\"\nmean = \"3m\"";
const PATIENCE_2M: &str = "[patience]\ndistribution = \"exponential\"\nmean = \"2m\"";

struct Ran {
    sc: Scenario,
    result: RunResult,
    json: Value,
    table: String,
    csv: String,
}

/// Parses, checks conservation in the tallies, runs `reps` replications through the
/// library, renders every report and checks them for conservation and sense.
fn run(text: &str, reps: u64) -> Ran {
    let sc = scenario::parse_scenario("extreme.toml", text).unwrap_or_else(|e| panic!("{e}"));
    simulate_checked(&sc, reps.min(3));
    let cancel = AtomicBool::new(false);
    let result = replicate::run(
        &sc,
        &RunOptions {
            replications: reps,
            threads: 2,
            on_progress: &|_| {},
            cancel: &cancel,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let rep = RunReport {
        scenario: &sc,
        result: &result,
    };
    let json = report::json::summary_value(&rep);
    let json_text = report::json::to_text(&json);
    let table = report::table::summary_table(&rep);
    let csv = report::csv::intervals_csv(&rep, ccsim::report::sheet::CsvLocale::En);
    for (what, s) in [("json", &json_text), ("table", &table), ("csv", &csv)] {
        let lower = s.to_lowercase();
        assert!(
            !lower.contains("nan") && !lower.contains("inf"),
            "{what}:\n{s}"
        );
    }
    assert_eq!(csv.lines().count(), sc.model.intervals() + 1);
    let mut rows: Vec<&Value> = json["intervals"].as_array().unwrap().iter().collect();
    assert_eq!(rows.len(), sc.model.intervals());
    rows.push(&json["overall"]);
    for row in rows {
        let mean = |k: &str| row[k]["mean"].as_f64().unwrap();
        let sum = mean("answered") + mean("abandoned") + mean("blocked");
        assert!(
            (mean("offered") - sum).abs() <= 1e-9 * mean("offered").max(1.0),
            "offered {} vs {sum}",
            mean("offered")
        );
        for m in Metric::ALL {
            let v = &row[m.key()];
            if let Some(x) = v["mean"].as_f64() {
                assert!(x.is_finite() && x >= 0.0, "{}: {x}", m.key());
                if m.is_fraction() {
                    assert!(x <= 1.0 + 1e-12, "{}: {x}", m.key());
                }
                assert!(v["ci95"].as_f64().unwrap() >= 0.0);
            } else {
                assert!(v["mean"].is_null() && v["ci95"].is_null(), "{}", m.key());
            }
        }
    }
    Ran {
        sc,
        result,
        json,
        table,
        csv,
    }
}

fn overall(r: &Ran, key: &str) -> Option<f64> {
    r.json["overall"][key]["mean"].as_f64()
}

#[test]
fn intervals_without_agents() {
    let r = run(
        &text("", "[20, 30, 40, 10]", "[0, 5, 0, 4]", EXP_3M, PATIENCE_2M),
        30,
    );
    // Nobody answers in the first interval: its callers wait for 08:30 or hang up.
    let first = &r.json["intervals"][0];
    assert!(
        first["occupancy"]["mean"].is_null() || first["occupancy"]["mean"].as_f64() > Some(0.0)
    );
    assert!(first["abandon_rate"]["mean"].as_f64().unwrap() > 0.3);
    let w = warnings::scenario_warnings(&r.sc);
    assert!(
        w[0].contains("2 intervals with calls expected but no agents (08:00, 09:00)"),
        "{w:?}"
    );
    // Without patience the same plan works as long as the last interval is staffed.
    run(
        &text("", "[20, 30, 40, 10]", "[0, 5, 0, 4]", EXP_3M, ""),
        10,
    );
}

#[test]
fn no_calls_at_all_reports_null_and_n_a() {
    let r = run(&text("", "[0, 0, 0]", "3", EXP_3M, ""), 5);
    assert_eq!(overall(&r, "offered"), Some(0.0));
    for key in ["service_level", "asa_s", "abandon_rate", "wait_p50_s"] {
        assert!(r.json["overall"][key]["mean"].is_null(), "{key}");
    }
    // Agents sat by the phones all day: occupancy is defined, and zero.
    assert_eq!(overall(&r, "occupancy"), Some(0.0));
    assert!(r.table.contains("n/a"), "{}", r.table);
    assert!(r.csv.lines().nth(1).unwrap().contains(",,"), "{}", r.csv);
}

#[test]
fn a_single_call() {
    let r = run(&text("", "[1]", "1", EXP_3M, ""), 200);
    // Poisson with mean 1: about 37 % of days have no call, and those define no service level.
    let offered = overall(&r, "offered").unwrap();
    assert!((offered - 1.0).abs() < 0.25, "{offered}");
    let sl = &r.json["overall"]["service_level"];
    // Mostly one call meeting one free agent; some days bring two or three.
    assert!(sl["mean"].as_f64().unwrap() > 0.9, "{sl}");
    let n = r.result.estimates.overall[Metric::ServiceLevel as usize].n;
    assert!(n < 200 && n > 90, "defined in {n} of 200 replications");
}

#[test]
fn one_agent() {
    let r = run(&text("", "[8, 8, 8]", "1", EXP_3M, PATIENCE_2M), 50);
    let occ = overall(&r, "occupancy").unwrap();
    assert!(occ > 0.3 && occ < 0.9, "{occ}");
}

#[test]
fn ten_thousand_agents() {
    let r = run(&text("", "[20000, 20000]", "10000", EXP_3M, ""), 3);
    // 2,000 erlangs on 10,000 agents: nobody waits.
    assert_eq!(overall(&r, "service_level"), Some(1.0));
    assert_eq!(overall(&r, "asa_s"), Some(0.0));
    let occ = overall(&r, "occupancy").unwrap();
    assert!((occ - 0.2).abs() < 0.02, "{occ}");
}

#[test]
fn fifteen_second_intervals() {
    let calls = format!("[{}]", vec!["2"; 240].join(", "));
    let r = run(
        &text("interval = \"15s\"", &calls, "10", EXP_3M, PATIENCE_2M),
        10,
    );
    assert_eq!(r.json["intervals"][1]["start"], "08:00:15");
    assert_eq!(r.json["intervals"][239]["start"], "08:59:45");
}

#[test]
fn twenty_four_hour_intervals() {
    let r = run(
        &text(
            "interval = \"24h\"",
            "[3000, 4000]",
            "[8, 10]",
            EXP_3M,
            PATIENCE_2M,
        ),
        10,
    );
    assert_eq!(
        r.json["intervals"][1]["start"], "08:00",
        "the clock wraps at midnight"
    );
    let offered = overall(&r, "offered").unwrap();
    assert!((offered - 7000.0).abs() < 100.0, "{offered}");
}

#[test]
fn a_week_of_five_minute_intervals() {
    let n = 7 * 24 * 12;
    let calls = format!("[{}]", vec!["3"; n].join(", "));
    let r = run(
        &text("interval = \"5m\"", &calls, "3", EXP_3M, PATIENCE_2M),
        4,
    );
    assert_eq!(r.sc.model.intervals(), 2016);
    assert_eq!(r.json["intervals"][2015]["start"], "07:55");
    let offered = overall(&r, "offered").unwrap();
    assert!((offered - 6048.0).abs() < 300.0, "{offered}");
}

#[test]
fn patience_shorter_than_a_second() {
    let r = run(
        &text(
            "",
            "[100, 100]",
            "2",
            EXP_3M,
            "[patience]\ndistribution = \"exponential\"\nmean = \"500ms\"",
        ),
        20,
    );
    // 10 erlangs on 2 agents, callers gone within about a second: most hang up, and those
    // who do hang up inside the threshold (short abandons).
    assert!(overall(&r, "abandon_rate").unwrap() > 0.5);
    let sl_excl = overall(&r, "sl_excl_short_abandons").unwrap();
    assert!(sl_excl > 0.9, "answered or gone within 20 s: {sl_excl}");
}

#[test]
fn handle_times_of_a_millisecond() {
    let r = run(
        &text(
            "",
            "[500, 500]",
            "1",
            "distribution = \"fixed\"\nvalue = \"1ms\"",
            "",
        ),
        10,
    );
    assert!(overall(&r, "service_level").unwrap() > 0.999);
    let occ = overall(&r, "occupancy").unwrap();
    // 1000 calls × 1 ms in an hour.
    assert!((occ - 1000.0 * 0.001 / 3600.0).abs() < 1e-4, "{occ}");
}

#[test]
fn blocking_with_one_line() {
    let r = run(&text("lines = 1", "[50, 50]", "1", EXP_3M, PATIENCE_2M), 20);
    let br = overall(&r, "block_rate").unwrap();
    assert!(br > 0.5 && br < 1.0, "{br}");
    assert_eq!(
        overall(&r, "asa_s"),
        Some(0.0),
        "with one line nobody waits"
    );
}

/// 30 erlangs on 2 agents with nobody hanging up: the queue drains after close, and the
/// run reports the backlog.
#[test]
fn an_overloaded_centre_without_patience_drains_and_reports_the_backlog() {
    let r = run(&text("", "[150, 150]", "2", EXP_3M, ""), 5);
    assert!(
        r.result.mean_waiting_at_close > 200.0,
        "{}",
        r.result.mean_waiting_at_close
    );
    assert_eq!(overall(&r, "abandoned"), Some(0.0));
    let w = warnings::scenario_warnings(&r.sc);
    assert!(
        w.iter()
            .any(|m| m.contains("at or above capacity in 2 intervals")),
        "{w:?}"
    );
    let w = warnings::result_warnings(&r.sc, &r.result);
    assert!(
        w[0].contains("calls were still waiting when arrivals stopped"),
        "{w:?}"
    );
    assert!(r.table.contains("still waiting when arrivals stopped"));
    assert!(r.json["waiting_at_close"].as_f64().unwrap() > 200.0);
}

/// The same through the binary: exit 0, the warnings on stderr (even with --quiet), and
/// summary.json balances.
#[test]
fn the_binary_warns_and_balances_its_summary() {
    let dir = temp_dir("extreme-bin");
    let path = dir.join("overload.toml");
    std::fs::write(
        &path,
        text(
            "",
            "[150, 150]",
            "[0, 2]",
            EXP_3M,
            "[simulation]\nreplications = 3",
        ),
    )
    .unwrap();
    let out = dir.join("out");
    let o = ccsim(&[
        "run",
        path.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 3, "{err}");
    assert!(
        warnings[0].contains("overload.toml: 1 interval with calls expected but no agents (08:00)")
    );
    assert!(warnings[2].contains("calls were still waiting when arrivals stopped"));
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let m = |k: &str| summary["overall"][k]["mean"].as_f64().unwrap();
    assert!((m("offered") - m("answered") - m("abandoned") - m("blocked")).abs() < 1e-9);
    assert!(
        !std::fs::read_to_string(out.join("summary.json"))
            .unwrap()
            .contains("NaN")
    );
}
