//! Shifts and breaks (SPEC "Shifts, uncertain days and redials"): each agent a person,
//! checked against constant staffing, hand-computed days, conservation of agent time,
//! Erlang C, every validation error, and thread-count independence.

use crate::support::{TempDir, assert_same_tally_to, ccsim, outcome};
use ccsim::engine::{Workspace, simulate};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::shifts::ShiftTally;
use ccsim::stats::{Estimate, Metric, Tally, t975};

fn parse(name: &str, text: &str) -> Scenario {
    parse_scenario(&format!("{name}.toml"), text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn parse_err(text: &str) -> String {
    match parse_scenario("bad.toml", text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e.to_string(),
    }
}

/// One replication through `engine::simulate`: its tally (with the roster's figures).
fn replication(sc: &Scenario, rep: u64, ws: &mut Workspace) -> Tally {
    let mut t = Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
    let o = simulate(&sc.model, &sc.experiment, rep, &mut t, ws);
    assert_eq!(o.stranded, 0);
    t
}

const HEAD: &str = "[service_level]\nthreshold = 20\ntarget = 0.8\n";

fn day(staffing: &str) -> String {
    format!(
        "name = \"day\"\ninterval = \"30m\"\nstart = \"08:00\"\n{HEAD}[arrivals]\n\
         calls = [60, 90, 120, 100, 80, 70]\n[handle_time]\ndistribution = \"lognormal\"\n\
         mean = \"4m\"\nsd = \"3m\"\n[patience]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
         {staffing}"
    )
}

/// (a) Whole-day shifts without breaks are the same constant staffing: the general
/// engine following people gives the recursion's calls exactly.
#[test]
fn whole_day_shifts_equal_constant_staffing() {
    let constant = parse("constant", &day("[staffing]\nagents = 9\n"));
    let roster = parse(
        "roster",
        &day(
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 5\n\
              [[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 4\n",
        ),
    );
    let (mut a, mut b) = (Workspace::default(), Workspace::default());
    for rep in 0..30 {
        let fast = replication(&constant, rep, &mut a);
        let people = replication(&roster, rep, &mut b);
        assert_same_tally_to(1e-9, &format!("rep {rep}"), &fast, &people, true);
        let s = people.shifts.as_ref().unwrap();
        assert!(
            s.break_s
                .iter()
                .chain(&s.delayed_break_s)
                .all(|&x| x == 0.0)
        );
    }
}

/// (b) A day computed by hand. Calls arrive far faster than three agents serve them
/// (600/h against 45/h), so from the shifts' start at 00:30 each agent answers calls of
/// exactly 4 minutes back to back: calls end at 00:30 + 4 min × n. Agent A (00:30–03:00)
/// has a fixed break due 01:00 (busy: it starts at 01:02, delay 2 min, 15 min long) and a
/// 10-minute break in the window 02:00–02:10 (never free without a call waiting: it starts
/// at the first call end after 02:10, 02:13, delay 3 min); its last call ends at 03:03
/// (overtime 3 min). Agent B (00:30–02:00) has a 20-minute break due 01:39, started at
/// 01:42 (delay 3 min) and cut at 02:00 (18 minutes taken, no overtime). Agent C
/// (00:30–01:00) has a break due 00:59 while on a call that ends at 01:02: the shift ends
/// first, so the break is dropped and C leaves at 01:02 (overtime 2 min).
#[test]
fn hand_computed_breaks_delays_and_overtime() {
    let sc = parse(
        "hand",
        &format!(
            "name = \"hand\"\ninterval = \"1h\"\n{HEAD}[arrivals]\ncalls = [600, 600, 600, 600]\n\
             [handle_time]\ndistribution = \"fixed\"\nvalue = \"4m\"\n\
             [patience]\ndistribution = \"fixed\"\nvalue = \"20h\"\n\
             [[staffing.shifts]]\nstart = \"00:30\"\nend = \"03:00\"\ncount = 1\n\
             breaks = [{{ start = \"01:00\", length = \"15m\" }}, \
                       {{ start = \"02:00\", length = \"10m\", window = \"10m\" }}]\n\
             [[staffing.shifts]]\nstart = \"00:30\"\nend = \"02:00\"\ncount = 1\n\
             breaks = [{{ start = \"01:39\", length = \"20m\" }}]\n\
             [[staffing.shifts]]\nstart = \"00:30\"\nend = \"01:00\"\ncount = 1\n\
             breaks = [{{ start = \"00:59\", length = \"1m\" }}]\n\
             [simulation]\nreplications = 3\n"
        ),
    );
    let mut ws = Workspace::default();
    for rep in 0..3 {
        let t = replication(&sc, rep, &mut ws);
        let s: &ShiftTally = t.shifts.as_ref().unwrap();
        assert_eq!(s.delayed_break_s, [0.0, 120.0 + 180.0, 180.0, 0.0]);
        assert_eq!(s.break_s, [0.0, 900.0 + 1080.0, 600.0, 0.0]);
        assert_eq!(s.overtime_s, [0.0, 120.0, 0.0, 180.0]);
        assert_eq!(s.dropped_breaks, 1);
        // Paid 5400, 7200, 3600, 0 agent-seconds: on the phones = paid − breaks + overtime.
        assert_eq!(s.on_phones_s, [5400.0, 5340.0, 3000.0, 180.0]);
        for slot in &t.slots[..4] {
            assert_eq!(slot.answered + slot.abandoned + slot.blocked, slot.offered);
        }
    }
}

/// (c) Conservation, replication by replication and interval by interval: the engine's
/// own accounting of agent time on the phones equals the roster's paid time minus the
/// breaks taken plus overtime; every offered call ends answered, abandoned or blocked.
#[test]
fn agent_time_is_conserved() {
    let sc = parse(
        "conserve",
        &format!(
            "name = \"conserve\"\ninterval = \"30m\"\nstart = \"08:00\"\nlines = 30\n{HEAD}\
             [arrivals]\ncalls = [80, 120, 160, 150, 140, 120, 100, 90]\n\
             [handle_time]\ndistribution = \"exponential\"\nmean = \"4m\"\n\
             [patience]\ndistribution = \"exponential\"\nmean = \"2m\"\n\
             [[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 6\n\
             breaks = [{{ start = \"09:00\", length = \"15m\" }}, \
                       {{ start = \"10:00\", length = \"20m\", window = \"30m\" }}]\n\
             [[staffing.shifts]]\nstart = \"08:45\"\nend = \"11:10\"\ncount = 5\n\
             breaks = [{{ start = \"10:07\", length = \"10m\", window = \"15m\" }}]\n\
             [[staffing.shifts]]\nstart = \"09:20\"\nend = \"10:50\"\ncount = 3\n\
             breaks = [{{ start = \"10:40\", length = \"10m\" }}]\n"
        ),
    );
    let paid = ccsim::stats::shifts::paid_seconds_per_interval(&sc.model);
    let mut ws = Workspace::default();
    let (mut overtime, mut delayed, mut dropped) = (0.0, 0.0, 0);
    for rep in 0..40 {
        let t = replication(&sc, rep, &mut ws);
        let s = t.shifts.as_ref().unwrap();
        for (i, paid) in paid.iter().enumerate() {
            let expected = paid - s.break_s[i] + s.overtime_s[i];
            assert!(
                (s.on_phones_s[i] - expected).abs() < 1e-6,
                "rep {rep} interval {i}: on the phones {} vs {expected}",
                s.on_phones_s[i]
            );
            assert!((s.on_phones_s[i] - t.slots[i].staffed_time).abs() < 1e-9);
            let c = &t.slots[i];
            assert_eq!(c.answered + c.abandoned + c.blocked, c.offered);
        }
        overtime += s.overtime_s.iter().sum::<f64>();
        delayed += s.delayed_break_s.iter().sum::<f64>();
        dropped += s.dropped_breaks;
    }
    // The test is only worth something if delays and overtime happened.
    assert!(overtime > 0.0 && delayed > 0.0, "{overtime} {delayed}");
    println!("conservation: overtime {overtime:.0} s, delays {delayed:.0} s, dropped {dropped}");
}

/// (d) Coverage held at 5 agents by a whole-day shift of 3 and two 2-agent shifts that
/// hand over at noon: against Erlang C (M/M/5), within 4 standard errors.
#[test]
fn constant_coverage_with_a_handover_matches_erlang_c() {
    let calls = ["80"; 12].join(", ");
    let sc = parse(
        "handover",
        &format!(
            "name = \"handover\"\ninterval = \"1h\"\nstart = \"06:00\"\n{HEAD}[arrivals]\n\
             calls = [{calls}]\n[handle_time]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
             [[staffing.shifts]]\nstart = \"06:00\"\nend = \"18:00\"\ncount = 3\n\
             [[staffing.shifts]]\nstart = \"06:00\"\nend = \"12:00\"\ncount = 2\n\
             [[staffing.shifts]]\nstart = \"12:00\"\nend = \"18:00\"\ncount = 2\n\
             [simulation]\nreplications = 400\nwarmup = \"1h\"\n"
        ),
    );
    let r = crate::support::simulate(&sc);
    let exact = ccsim::erlang::erlang_c(4.0, 5, 180.0, 20.0).unwrap();
    let z = |e: Estimate, x: f64| (e.mean.unwrap() - x) / (e.ci95.unwrap() / t975(e.n - 1));
    let o = &r.estimates.overall;
    for (what, e, x) in [
        (
            "service level",
            o[Metric::SlOffered as usize],
            exact.service_level,
        ),
        ("ASA", o[Metric::AsaS as usize], exact.asa_s),
    ] {
        let z = z(e, x);
        println!(
            "handover {what}: simulated {:.5} ±{:.5}, Erlang C {x:.5}, z = {z:+.2}",
            e.mean.unwrap(),
            e.ci95.unwrap()
        );
        assert!(z.abs() <= 4.0, "{what}: z = {z:.2}");
    }
}

/// (e) Every bad roster: exit 2 material, naming the file, line, key, expected, found.
#[test]
fn bad_rosters_are_refused_with_file_line_key() {
    let with = |shifts: &str| day(shifts);
    let cases: [(&str, &[&str]); 10] = [
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 2\n\
             breaks = [{ start = \"09:00\", length = \"30m\" }, { start = \"09:15\", length = \"15m\" }]\n",
            &[
                "bad.toml:20:",
                "staffing.shifts[0].breaks[1].start",
                "do not overlap",
                "\"09:15\"",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 2\n\
             breaks = [{ start = \"07:00\", length = \"15m\" }]\n",
            &[
                "bad.toml:20:",
                "breaks[0].start",
                "inside its shift",
                "\"07:00\"",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"12:00\"\ncount = 2\n",
            &[
                "bad.toml:18:",
                "staffing.shifts[0].end",
                "at or before the close",
                "11:00",
                "\"12:00\"",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = -3\n",
            &[
                "bad.toml:19:",
                "staffing.shifts[0].count",
                "whole number",
                "-3",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 2.5\n",
            &[
                "bad.toml:19:",
                "staffing.shifts[0].count",
                "whole number",
                "2.5",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"10:00\"\nend = \"09:00\"\ncount = 2\n",
            &[
                "bad.toml:18:",
                "staffing.shifts[0].end",
                "after its start",
                "\"09:00\"",
            ],
        ),
        (
            "[staffing]\nagents = 4\n[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 2\n",
            &[
                "staffing.shifts",
                "either agents per interval or shifts",
                "bad.toml:17:",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"8 am\"\nend = \"11:00\"\ncount = 2\n",
            &[
                "bad.toml:17:",
                "staffing.shifts[0].start",
                "clock time",
                "\"8 am\"",
            ],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 2\nbreaks = [{ start = \"09:00\", lenght = \"5m\" }]\n",
            &["bad.toml:20:", "lenght", "length"],
        ),
        (
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\n",
            &["staffing.shifts[0].count", "missing"],
        ),
    ];
    for (shifts, parts) in cases {
        let msg = parse_err(&with(shifts));
        for p in parts {
            assert!(msg.contains(p), "{msg:?} should mention {p:?}");
        }
    }
    // No shift reaches the close and nobody hangs up.
    let no_patience = format!(
        "name = \"x\"\ninterval = \"30m\"\nstart = \"08:00\"\n{HEAD}[arrivals]\ncalls = [60, 90]\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = \"4m\"\n\
         [[staffing.shifts]]\nstart = \"08:00\"\nend = \"08:45\"\ncount = 3\n"
    );
    let msg = parse_err(&no_patience);
    for p in [
        "bad.toml:",
        "staffing.shifts",
        "ends at the close (09:00)",
        "nobody hangs up",
    ] {
        assert!(msg.contains(p), "{msg:?} should mention {p:?}");
    }
    // The several-type form: shifts in an agent group, mixed with agents.
    let multi = format!(
        "name = \"m\"\ninterval = \"30m\"\n{HEAD}[[call_types]]\nname = \"a\"\ncalls = [10, 10]\n\
         handle_time = {{ distribution = \"exponential\", mean = \"3m\" }}\n\
         [[agent_groups]]\nname = \"g\"\nagents = 3\nskills = {{ a = 1 }}\n\
         [[agent_groups.shifts]]\nstart = \"00:00\"\nend = \"01:00\"\ncount = 2\n"
    );
    let msg = parse_err(&multi);
    assert!(
        msg.contains("agent_groups[0].shifts") && msg.contains("not both"),
        "{msg}"
    );
    // Through the binary: exit 2, one message, nothing written.
    let dir = TempDir::new("bad-roster");
    std::fs::write(dir.join("bad.toml"), with(cases[0].0)).unwrap();
    let (code, _, err) = outcome(&ccsim(&[
        "run",
        &dir.arg("bad.toml"),
        "--out",
        &dir.arg("out"),
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("do not overlap") && !err.contains("panicked"),
        "{err}"
    );
    assert!(!dir.join("out").exists());
}

/// The several-type form takes shifts per group, and a roster CSV (`;` separated, one
/// row per agent or per shift) is the same roster as the tables.
#[test]
fn group_shifts_and_roster_csv() {
    let dir = TempDir::new("roster-csv");
    std::fs::write(
        dir.join("roster.csv"),
        "agent;start;end;count;break1_start;break1_length;break1_window\n\
         team a;08:00;11:00;5;09:00;15m;\n\
         Ann;08:00;11:00;;10:00;20m;30m\n",
    )
    .unwrap_or_default();
    // `count` empty is not a number: refused with the file's line and column.
    let text = day("[staffing]\nroster = \"roster.csv\"\n");
    let path = dir.join("day.toml");
    std::fs::write(&path, &text).unwrap();
    let err = match ccsim::scenario::load(path.to_str().unwrap()) {
        Ok(_) => panic!("an empty count must be refused"),
        Err(e) => e.to_string(),
    };
    assert!(err.contains("roster.csv:3: column `count`"), "{err}");
    std::fs::write(
        dir.join("roster.csv"),
        "agent;start;end;count;break1_start;break1_length;break1_window\n\
         team a;08:00;11:00;5;09:00;15m;\n\
         Ann;08:00;11:00;1;10:00;20m;30m\n",
    )
    .unwrap();
    let from_csv = ccsim::scenario::load(path.to_str().unwrap()).unwrap();
    let tables = parse(
        "tables",
        &day(
            "[[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 5\n\
              breaks = [{ start = \"09:00\", length = \"15m\" }]\n\
              [[staffing.shifts]]\nstart = \"08:00\"\nend = \"11:00\"\ncount = 1\n\
              breaks = [{ start = \"10:00\", length = \"20m\", window = \"30m\" }]\n",
        ),
    );
    assert_eq!(
        from_csv.model.agent_groups[0].roster,
        tables.model.agent_groups[0].roster
    );
}

/// (f) The same bytes for any thread count.
#[test]
fn shifts_are_deterministic_across_threads() {
    let dir = TempDir::new("shift-threads");
    let file = crate::support::repo_file("scenarios/retail-shifts.toml");
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let out = dir.arg(&format!("out{threads}"));
        let (code, _, err) = outcome(&ccsim(&[
            "run",
            &file,
            "--replications",
            "8",
            "--threads",
            threads,
            "--out",
            &out,
            "--quiet",
        ]));
        assert_eq!(code, 0, "{err}");
        let summary = std::fs::read(dir.join(&format!("out{threads}/summary.json"))).unwrap();
        let csv = std::fs::read(dir.join(&format!("out{threads}/intervals.csv"))).unwrap();
        outputs.push((summary, csv));
    }
    assert!(outputs[0] == outputs[1]);
}

/// The several-type form: a group on shifts beside a group with agents per interval.
/// The roster group's time is conserved, every call is accounted for, and the roster
/// figures count only the group that works shifts.
#[test]
fn a_roster_group_beside_a_counter_group() {
    let sc = parse(
        "multi",
        &format!(
            "name = \"m\"\ninterval = \"30m\"\nstart = \"08:00\"\n{HEAD}\
             [[call_types]]\nname = \"sales\"\ncalls = [80, 120, 100, 90]\n\
             handle_time = {{ distribution = \"exponential\", mean = \"4m\" }}\n\
             patience = {{ distribution = \"exponential\", mean = \"2m\" }}\n\
             [[call_types]]\nname = \"support\"\ncalls = [30, 40, 40, 30]\n\
             handle_time = {{ distribution = \"gamma\", mean = \"6m\", sd = \"4m\" }}\n\
             [[agent_groups]]\nname = \"desk\"\nskills = {{ sales = 1, support = 2 }}\n\
             [[agent_groups.shifts]]\nstart = \"08:00\"\nend = \"10:00\"\ncount = 8\n\
             breaks = [{{ start = \"08:40\", length = \"10m\", window = \"20m\" }}]\n\
             [[agent_groups.shifts]]\nstart = \"08:30\"\nend = \"09:40\"\ncount = 4\n\
             breaks = [{{ start = \"09:00\", length = \"15m\" }}]\n\
             [[agent_groups]]\nname = \"support\"\nagents = [4, 5, 5, 4]\n\
             skills = {{ support = 1, sales = 2 }}\n"
        ),
    );
    let paid = ccsim::stats::shifts::paid_seconds_per_interval(&sc.model);
    assert_eq!(paid.iter().sum::<f64>(), 8.0 * 7200.0 + 4.0 * 4200.0);
    let mut ws = Workspace::default();
    let mut delayed = 0.0;
    for rep in 0..30 {
        let t = replication(&sc, rep, &mut ws);
        let s = t.shifts.as_ref().unwrap();
        let desk = &t.breakdown.as_ref().unwrap().groups[0];
        let n = paid.len();
        for (i, paid) in paid.iter().enumerate() {
            let expected = paid - s.break_s[i] + s.overtime_s[i];
            // The last interval also holds what the desk did after the close.
            if i + 1 < n {
                assert!((s.on_phones_s[i] - expected).abs() < 1e-6, "rep {rep} {i}");
            }
            assert!((s.on_phones_s[i] - desk.staffed_time[i]).abs() < 1e-9);
            let c = &t.slots[i];
            assert_eq!(c.answered + c.abandoned + c.blocked, c.offered);
        }
        delayed += s.delayed_break_s.iter().sum::<f64>();
    }
    assert!(delayed > 0.0);
}
