//! `ccsim schedule`: the integer program against brute force (every integer vector of
//! small instances), its LP bound, the rules file's errors, the final roster checked by
//! an independent simulation, and the command's files.

use ccsim::model::{Clock, Roster};
use ccsim::schedule::program::Program;
use ccsim::schedule::rules;
use ccsim::stats::Metric;

use crate::support::{TempDir, ccsim, outcome, repo_file};

const RETAIL: &str = "scenarios/retail-day.toml";
const RULES: &str = "scenarios/rules/shift-rules.toml";

/// A day of `n` half-hour intervals from 00:00.
fn clock(n: usize) -> Clock {
    Clock {
        interval_s: 1800.0,
        start_s: 0.0,
        horizon_s: n as f64 * 1800.0,
        intervals: n,
    }
}

/// A small, deterministic pseudo-random sequence (no need for statistical quality).
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// Shift rules for a 4-hour day: 2-hour shifts (a fixed 15-minute break, or none) and
/// 3-hour shifts (a 15-minute break placed in a 30-minute window), with random limits
/// and costs.
fn small_rules(r: &mut Lcg) -> String {
    let break_a = if r.below(2) == 0 {
        "breaks = [{ after = \"1h\", length = \"15m\" }]"
    } else {
        ""
    };
    format!(
        "[[shifts]]\nname = \"2h\"\nlength = \"2h\"\nevery = \"1h\"\nmax_agents = {}\n\
         cost_per_hour = {}\n{break_a}\n\n\
         [[shifts]]\nname = \"3h\"\nlength = \"3h\"\nevery = \"1h\"\nmin_agents = {}\n\
         max_agents = {}\ncost_per_hour = {}\n\
         breaks = [{{ after = \"1h\", length = \"15m\", window = \"30m\", every = \"15m\" }}]\n",
        1 + r.below(3),
        [10, 11, 13][r.below(3) as usize],
        1 + r.below(2),
        2,
        [9, 10, 12][r.below(3) as usize],
    )
}

/// Coverage of a roster per interval, from the roster's own nominal staffing (not the
/// program's coverage matrix).
fn roster_coverage(roster: &Roster, clock: &Clock) -> Vec<f64> {
    let st = roster.nominal_staffing();
    (0..clock.len())
        .map(|i| {
            let (a, b) = clock.bounds(i);
            st.agent_seconds(a, b) / (b - a)
        })
        .collect()
}

/// The cheapest schedule by enumerating every vector of agents per column (each from 0
/// to its start's maximum), judged on the roster's own coverage and the starts' limits.
fn brute_force(p: &Program, rules: &rules::ShiftRules, clock: &Clock) -> Option<f64> {
    let caps: Vec<u32> = p.columns.iter().map(|c| p.groups[c.group].max).collect();
    let mut counts = vec![0u32; caps.len()];
    let mut best: Option<f64> = None;
    loop {
        let mut per_group = vec![0u32; p.groups.len()];
        for (c, &n) in p.columns.iter().zip(&counts) {
            per_group[c.group] += n;
        }
        let limits_ok = per_group
            .iter()
            .zip(&p.groups)
            .all(|(&n, g)| n == 0 || (g.min..=g.max).contains(&n));
        if limits_ok {
            let cov = roster_coverage(&p.roster(&counts), clock);
            let covered = cov
                .iter()
                .zip(&p.required)
                .all(|(c, &r)| *c + 1e-9 >= f64::from(r));
            // Paid hours from the shift's own times, priced by the rules.
            let cost: f64 = p
                .columns
                .iter()
                .zip(&counts)
                .map(|(c, &n)| {
                    (c.end_s - c.start_s) / 3600.0
                        * f64::from(n)
                        * rules.types[c.shift_type].cost_per_hour
                })
                .sum();
            if covered && best.is_none_or(|b| cost < b) {
                best = Some(cost);
            }
        }
        // Next vector (odometer).
        let mut k = 0;
        loop {
            if k == counts.len() {
                return best;
            }
            if counts[k] < caps[k] {
                counts[k] += 1;
                break;
            }
            counts[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn the_program_finds_the_brute_force_optimum_and_its_bound_is_below_it() {
    let day = clock(8);
    let mut r = Lcg(17);
    let (mut solved, mut infeasible, mut strict_bound) = (0, 0, 0);
    for case in 0..40 {
        let text = small_rules(&mut r);
        let rules = rules::parse("small.toml", &text, &day).unwrap();
        let required: Vec<u32> = (0..8).map(|_| r.below(5) as u32).collect();
        let program = match Program::new(&rules, &day, &required) {
            Ok(p) => p,
            Err(e) => {
                // Refused up front: then no vector covers the requirement either.
                assert!(e.to_string().contains("cannot cover"), "{e}");
                infeasible += 1;
                continue;
            }
        };
        assert!(program.columns.len() <= 12, "small enough to enumerate");
        let brute = brute_force(&program, &rules, &day);
        match (program.solve(&rules), brute) {
            (Ok(s), Some(b)) => {
                assert!(
                    (s.cost - b).abs() < 1e-6,
                    "case {case}: program {} vs brute force {b}\n{text}\n{required:?}",
                    s.cost
                );
                assert!(s.optimal, "case {case}: proved optimal");
                assert!(
                    s.lp_bound <= s.cost + 1e-6,
                    "case {case}: bound below optimum"
                );
                strict_bound += usize::from(s.lp_bound < s.cost - 1e-6);
                solved += 1;
            }
            (Err(e), None) => {
                assert_eq!(e.exit_code(), 2, "{e}");
                infeasible += 1;
            }
            (s, b) => panic!("case {case}: program {s:?} but brute force {b:?}\n{text}"),
        }
    }
    eprintln!(
        "{solved} solved, {infeasible} refused or infeasible, {strict_bound} with a strict bound"
    );
    // The cases must exercise both outcomes and a bound that is not simply the optimum.
    assert!(solved >= 20, "{solved} solved");
    assert!(infeasible >= 1, "{infeasible} refused or infeasible");
    assert!(
        strict_bound >= 3,
        "{strict_bound} with the LP bound strictly below"
    );
}

#[test]
fn coverage_is_time_weighted_over_breaks() {
    let day = clock(4);
    let text = "[[shifts]]\nname = \"2h\"\nlength = \"2h\"\nearliest = \"00:00\"\nlatest = \"00:00\"\n\
                breaks = [{ after = \"45m\", length = \"30m\" }]\n";
    let rules = rules::parse("r.toml", text, &day).unwrap();
    let p = Program::new(&rules, &day, &[1, 0, 0, 0]).unwrap();
    assert_eq!(p.columns.len(), 1);
    // 00:00-00:30 on the phones; 00:30-01:00: 15 min on, 15 off; 01:00-01:30: 15 off, 15 on.
    assert_eq!(p.coverage(&[2]), vec![2.0, 1.0, 1.0, 2.0]);
    let s = p.solve(&rules).unwrap();
    assert_eq!(s.counts, vec![1]);
}

#[test]
fn requirements_no_rule_can_cover_are_refused_with_the_interval() {
    let day = clock(8);
    let text = "[[shifts]]\nname = \"2h\"\nlength = \"2h\"\nlatest = \"01:00\"\nmax_agents = 2\n";
    let rules = rules::parse("r.toml", text, &day).unwrap();
    let e = Program::new(&rules, &day, &[1, 1, 0, 0, 0, 0, 0, 1]).unwrap_err();
    assert_eq!(e.exit_code(), 2);
    assert!(e.to_string().contains("cannot cover 03:30"), "{e}");
    let e = Program::new(&rules, &day, &[3, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
    assert!(e.to_string().contains("at most 2.0"), "{e}");
}

#[test]
fn bad_rules_name_file_line_key_expected_and_found() {
    let day = clock(48);
    let ok = "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\n";
    assert!(rules::parse("r.toml", ok, &day).is_ok());
    let cases: [(&str, &str); 9] = [
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nbreaks = [{ after = \"7h\", length = \"2h\" }]\n",
            "r.toml:4:11: `shifts[0].breaks[0]`: expected a break that ends inside the 8 h shift",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nbreaks = [{ after = \"2h\", length = \"1h\" },\n  { after = \"2h30m\", length = \"15m\" }]\n",
            "r.toml:5:3: `shifts[0].breaks[1]`: expected a break after the previous one ends",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nlatest = \"17:00\"\n",
            "r.toml:4:10: `shifts[0].latest`: expected a start from the earliest (00:00) to 16:00",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nmax_agents = -3\n",
            "`shifts[0].max_agents`: expected a whole number",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"30h\"\n",
            "r.toml:3:10: `shifts[0].length`: expected a shift length above 0 and at most the scenario's day (24 h), found 30 h",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nbreaks = [{ after = \"2h\", lenght = \"15m\" }]\n",
            "`shifts[0].breaks[0].lenght`: expected a known key (did you mean `length`?)",
        ),
        (
            "[[shifts]]\nname = \"8h\"\n",
            "`shifts[0].length`: expected the shift length",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nearliest = \"25:00\"\n",
            "r.toml:4:12: `shifts[0].earliest`: expected a clock time such as \"06:30\", found \"25:00\"",
        ),
        (
            "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\n[[shifts]]\nname = \"8h\"\nlength = \"4h\"\n",
            "r.toml:5:8: `shifts[1].name`: expected a name no other shift type has",
        ),
    ];
    for (text, expected) in cases {
        let e = rules::parse("r.toml", text, &day).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(
            e.to_string().contains(expected),
            "{e}\n  expected: {expected}"
        );
    }
}

/// Intervals whose mean service level is below the target when `roster` works the
/// retail day, simulated with the plain replication runner (the roster put into the
/// model by hand): a check that shares nothing with the repair's judge but the engine.
fn below_target(sc: &ccsim::scenario::Scenario, roster: &Roster) -> Vec<String> {
    let mut model = sc.model.clone();
    model.agent_groups[0].staffing = roster.nominal_staffing();
    model.agent_groups[0].roster = Some(roster.clone());
    let result = crate::support::simulate(&sc.with_model(model));
    let target = sc.model.service_level.target;
    result
        .estimates
        .intervals
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            row[Metric::ServiceLevel as usize]
                .mean
                .is_some_and(|sl| sl < target)
        })
        .map(|(i, _)| sc.model.clock.label(i))
        .collect()
}

/// Erlang A's requirement, covered by the program, misses the target somewhere in
/// simulation (callers carried over, breaks); the repaired roster meets it everywhere.
#[test]
fn the_final_roster_meets_every_goal_in_an_independent_simulation() {
    let sc = ccsim::scenario::load(&repo_file(RETAIL)).unwrap();
    let rules = rules::load(&repo_file(RULES), &sc.model.clock).unwrap();
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let req = ccsim::schedule::requirement::compute(
        &sc,
        ccsim::staffing::Method::ErlangA,
        2,
        &cancel,
        &|| {},
    )
    .unwrap();
    let found = ccsim::schedule::schedule(
        &sc,
        &rules,
        req,
        std::time::Duration::ZERO,
        &ccsim::schedule::ScheduleOptions {
            cancel: &cancel,
            on_round: &|_| {},
            on_replication: &|| {},
        },
    )
    .unwrap();
    assert!(!found.repaired.capped);
    assert!(found.solved.lp_bound <= found.solved.cost + 1e-6);
    assert!(found.program.cost(&found.repaired.counts) >= found.solved.cost);
    let before = below_target(&sc, &found.program.roster(&found.solved.counts));
    assert!(
        !before.is_empty(),
        "the program's own roster misses somewhere"
    );
    assert!(found.repaired.added > 0);
    let after = below_target(&sc, &found.roster);
    assert!(after.is_empty(), "below target after repair: {after:?}");
    eprintln!(
        "before repair below target at {before:?}; {} agents added in {} rounds",
        found.repaired.added, found.repaired.rounds
    );
    // The roster pays at least the requirement's agent-hours.
    let paid = found.roster.paid_seconds() / 3600.0;
    let required = ccsim::staffing::agent_hours(&sc.model.clock, found.requirement.agents.clone());
    assert!(
        paid >= required,
        "{paid} paid hours for {required} required"
    );
}

#[test]
fn schedule_writes_its_files_and_they_agree() {
    let dir = TempDir::new("schedule-files");
    let out = dir.arg("out");
    let o = ccsim(&[
        "schedule",
        RETAIL,
        "--rules",
        RULES,
        "--method",
        "erlang-c",
        "--replications",
        "30",
        "--out",
        &out,
        "--quiet",
    ]);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stderr}");
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "over 80 columns: {line}");
    }
    assert!(stdout.contains("Integer program:"), "{stdout}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("out/schedule.json")).unwrap())
            .unwrap();
    crate::schema::assert_valid("schedule.schema.json", &json, "schedule.json");
    assert_eq!(json["repair"]["meets_every_goal"], true);
    let agents = json["totals"]["agents"].as_u64().unwrap();
    // schedule.csv: one row per shift, the agents adding up.
    let csv = std::fs::read_to_string(dir.join("out/schedule.csv")).unwrap();
    let csv_agents: u64 = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(3).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(csv_agents, agents);
    // roster.toml: valid TOML, per-interval agents gone, the shifts adding up.
    let roster = std::fs::read_to_string(dir.join("out/roster.toml")).unwrap();
    let v: toml::Value = toml::from_str(&roster).unwrap();
    assert!(v["staffing"].get("agents").is_none());
    assert_eq!(v["staffing"]["shrinkage"].as_float(), Some(0.30));
    let shifts = v["staffing"]["shifts"].as_array().unwrap();
    let toml_agents: i64 = shifts
        .iter()
        .map(|s| s["count"].as_integer().unwrap())
        .sum();
    assert_eq!(toml_agents as u64, agents);
    assert!(dir.join("out/schedule-coverage.svg").exists());
    assert!(dir.join("out/schedule-coverage.png").exists());
    let md = std::fs::read_to_string(dir.join("out/schedule.md")).unwrap();
    assert!(md.contains("paid hours"), "{md}");
    // The same requirement read from staff's staffing.json gives the same roster.
    let staff = dir.arg("staff");
    let o = ccsim(&[
        "staff",
        RETAIL,
        "--method",
        "erlang-c",
        "--replications",
        "30",
        "--out",
        &staff,
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", outcome(&o).2);
    let o = ccsim(&[
        "schedule",
        RETAIL,
        "--rules",
        RULES,
        "--requirement",
        &dir.arg("staff/staffing.json"),
        "--replications",
        "30",
        "--json",
        "--quiet",
        "--out",
        &dir.arg("again"),
    ]);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stderr}");
    let again: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(again["shifts"], json["shifts"]);
    assert_eq!(again["requirement"]["source"], "file");
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = TempDir::new("schedule-bad");
    let rules = dir.join("rules.toml");
    std::fs::write(
        &rules,
        "[[shifts]]\nname = \"8h\"\nlength = \"8h\"\nbreaks = [{ after = \"9h\", length = \"15m\" }]\n",
    )
    .unwrap();
    let out = dir.arg("out");
    let rules_arg = rules.to_string_lossy().into_owned();
    let o = ccsim(&[
        "schedule", RETAIL, "--rules", &rules_arg, "--out", &out, "--quiet",
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("rules.toml:4:11: `shifts[0].breaks[0]`"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
    // Several agent groups: refused until per-group staffing exists.
    let o = ccsim(&[
        "schedule",
        "scenarios/bilingual.toml",
        "--rules",
        RULES,
        "--out",
        &out,
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("one agent group"), "{stderr}");
    // A staffing.json of another day.
    let other = dir.join("staffing.json");
    std::fs::write(
        &other,
        r#"{"schema": "ccsim.staffing.v1", "intervals": [{"start": "00:00", "required_agents": 3}]}"#,
    )
    .unwrap();
    let o = ccsim(&[
        "schedule",
        RETAIL,
        "--rules",
        RULES,
        "--requirement",
        &other.to_string_lossy(),
        "--out",
        &out,
    ]);
    let (code, _, stderr) = outcome(&o);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("`intervals`: expected 48 intervals"),
        "{stderr}"
    );
    assert!(!dir.join("out").exists(), "nothing written");
}

#[test]
fn schedule_json_is_the_same_for_any_thread_count() {
    let dir = TempDir::new("schedule-threads");
    let run = |threads: &str, out: &str| {
        let o = ccsim(&[
            "schedule",
            RETAIL,
            "--rules",
            RULES,
            "--method",
            "erlang-c",
            "--replications",
            "20",
            "--threads",
            threads,
            "--out",
            &dir.arg(out),
            "--quiet",
            "--no-charts",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", outcome(&o).2);
        std::fs::read(dir.join(&format!("{out}/schedule.json"))).unwrap()
    };
    assert_eq!(run("1", "one"), run("2", "two"));
}
