//! Call logs (issue 14): reading switch exports, fitting a scenario to synthetic logs made
//! from a known scenario (recovery within stated confidence, the censored patience case),
//! and the back-test against the generating scenario and an understaffed one.

use ccsim::calllog::backtest::{compare, observe};
use ccsim::calllog::fit::{Family, FitOptions, fit};
use ccsim::calllog::read::{BadRowPolicy, ColumnMap, Outcome, parse_log};
use ccsim::calllog::synth::{SynthOptions, simulate_days, write_csv};

use crate::support::{TempDir, ccsim, outcome, scenario, simulate};

/// 8 half hours, overloaded at lunch so that many callers hang up, with busy days.
const CENTRE: &str = r#"
name = "synthetic"
interval = "30m"
start = "10:00"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [100, 140, 180, 200, 200, 180, 140, 100]
busyness = { cv = 0.15 }
[handle_time]
distribution = "lognormal"
mean = "5m"
sd = "4m"
[patience]
distribution = "exponential"
mean = "3m"
[staffing]
agents = [16, 22, 24, 26, 26, 24, 22, 16]
"#;

fn synth_log(text: &str, days: u32, seed: u64) -> String {
    let sc = scenario(text);
    let opts = SynthOptions {
        days,
        seed,
        first_day: 20_395, // 2025-11-03, a Monday
        ivr_share: 0.02,
        decimals: 2,
    };
    write_csv(&simulate_days(&sc.model, &opts), &opts)
}

#[test]
fn fit_recovers_rates_busyness_handle_time_and_censored_patience() {
    let days = 40;
    let text = synth_log(CENTRE, days, 11);
    let log = parse_log(
        "synth.csv",
        &text,
        &ColumnMap::default(),
        BadRowPolicy::Refuse,
    )
    .expect("a synthetic log reads");
    assert!(
        log.ivr.iter().sum::<u64>() > 0,
        "voice-menu rows are kept apart"
    );
    let f = fit(
        &log,
        &FitOptions {
            interval_s: 1800.0,
            weekday: None,
            agents: None,
        },
    )
    .unwrap();
    assert_eq!(f.start_s, 36_000.0);
    assert_eq!(f.calls.len(), 8);
    // Arrivals: per interval, Var(mean over D days) = (λ + cv²λ²)/D.
    let lambdas = [100.0, 140.0, 180.0, 200.0, 200.0, 180.0, 140.0, 100.0];
    for (i, (&got, &l)) in f.calls.iter().zip(&lambdas).enumerate() {
        let se = ((l + 0.0225 * l * l) / days as f64).sqrt();
        let z = (got - l) / se;
        eprintln!("calls[{i}] {got:.2} vs {l} (z {z:.2})");
        assert!(z.abs() < 4.0, "interval {i}: {got} vs {l}, z = {z}");
    }
    // Busyness: cv² from 40 day totals; se(cv) ≈ √(2/(D−1))·(cv² + 1/m)/(2cv).
    let b = f.busyness.expect("several days");
    let m = lambdas.iter().sum::<f64>();
    let se = (2.0 / (days as f64 - 1.0)).sqrt() * (0.0225 + 1.0 / m) / (2.0 * 0.15);
    let z = (b.cv - 0.15) / se;
    eprintln!("busyness cv {:.4} vs 0.15 (z {z:.2})", b.cv);
    assert!(z.abs() < 4.0, "busyness cv {} vs 0.15", b.cv);
    // Handle time: lognormal chosen, mean and log-sd within 4 standard errors.
    let h = f.handle.as_ref().expect("talk times");
    assert_eq!(
        h.choice,
        Family::LogNormal,
        "KS picks the true family: {h:?}"
    );
    let n = h.n as f64;
    let z_mean = (h.lognormal.mean - 300.0) / (240.0 / n.sqrt());
    let sigma = |mean: f64, sd: f64| (1.0 + (sd / mean).powi(2)).ln().sqrt();
    let true_sigma = sigma(300.0, 240.0);
    let z_sigma =
        (sigma(h.lognormal.mean, h.lognormal.sd) - true_sigma) / (true_sigma / (2.0 * n).sqrt());
    eprintln!(
        "handle mean {:.2} (z {z_mean:.2}), sd {:.2} (sigma z {z_sigma:.2}), KS {:.4} / {:.4}",
        h.lognormal.mean, h.lognormal.sd, h.lognormal.ks, h.ks_critical
    );
    assert!(z_mean.abs() < 4.0 && z_sigma.abs() < 4.0);
    // Patience: the censoring case. A large share of callers is answered before their
    // patience runs out, so the naive mean (waits of those who hung up) is far too low;
    // the censored estimate is within 4 standard errors (mean/√hang-ups).
    let p = f.patience.as_ref().expect("hang-ups");
    let answered_share = p.censored as f64 / (p.censored + p.abandoned) as f64;
    assert!(
        (0.5..0.95).contains(&answered_share),
        "the case needs many answered callers: {answered_share}"
    );
    let z = (p.mean - 180.0) / p.se;
    let z_naive = (p.naive_mean - 180.0) / p.se;
    eprintln!(
        "patience {:.2} ± {:.2} (z {z:.2}); naive {:.2} (z {z_naive:.1}); {} hang-ups, {} answered",
        p.mean, p.se, p.naive_mean, p.abandoned, p.censored
    );
    assert!(
        z.abs() < 4.0,
        "censored patience estimate {} vs 180",
        p.mean
    );
    assert!(
        z_naive < -20.0,
        "the naive estimate is badly off: {}",
        p.naive_mean
    );
    // Kaplan–Meier follows the exponential it was drawn from.
    let gap = p.km_max_gap.expect("many callers");
    eprintln!("Kaplan-Meier vs exponential: largest gap {gap:.4}");
    assert!(gap < 0.03, "KM vs exponential gap {gap}");
    // Agents: distinct agents answering per interval equal the staffing when busy.
    eprintln!("agents {:?}", f.agents);
    assert_eq!(f.agents, vec![16, 22, 24, 26, 26, 24, 22, 16]);
}

#[test]
fn backtest_passes_its_own_scenario_and_fails_with_a_fifth_fewer_agents() {
    let source = std::fs::read_to_string(crate::support::repo_file(
        "scenarios/example-log-source.toml",
    ))
    .unwrap();
    let text = synth_log(&source, 20, 5);
    let log = parse_log(
        "synth.csv",
        &text,
        &ColumnMap::default(),
        BadRowPolicy::Refuse,
    )
    .unwrap();
    let days: Vec<usize> = (0..log.days.len()).collect();
    let right = scenario(&source);
    let obs = observe(&log, &days, &right.model);
    let bt = compare(&right.model, &obs, &simulate(&right).estimates);
    let (cells, outside) = bt.counts();
    eprintln!("right scenario: {}", bt.verdict());
    assert!(
        bt.passes(),
        "{outside} of {cells} outside: {}",
        bt.verdict()
    );
    assert_eq!(cells, 64);
    // 20 % fewer agents in every interval (rounded): fails, and says where.
    let fewer = source.replace(
        "agents = [4, 6, 7, 7, 7, 6, 5, 6, 7, 7, 6, 5, 5, 4, 4, 3]",
        "agents = [3, 5, 6, 6, 6, 5, 4, 5, 6, 6, 5, 4, 4, 3, 3, 2]",
    );
    assert_ne!(fewer, source);
    let wrong = scenario(&fewer);
    let bt = compare(&wrong.model, &obs, &simulate(&wrong).estimates);
    let verdict = bt.verdict();
    eprintln!("fewer agents: {verdict}");
    assert!(!bt.passes());
    assert!(
        verdict.contains("overestimates abandonment at"),
        "{verdict}"
    );
    assert!(
        verdict.contains("underestimates service level at"),
        "{verdict}"
    );
}

#[test]
fn fit_command_writes_a_scenario_that_loads_and_says_what_it_rests_on() {
    let dir = TempDir::new("fit-example");
    let out = dir.arg("fitted.toml");
    let (code, stdout, stderr) =
        outcome(&ccsim(&["fit", "scenarios/example-log.csv", "--out", &out]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("3,425 reached the queue"), "{stdout}");
    assert!(stdout.contains("handled in the voice menu"), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
    let toml = std::fs::read_to_string(&out).unwrap();
    assert!(toml.contains("busyness = { cv ="), "{toml}");
    assert!(toml.contains("hang-ups"), "{toml}");
    ccsim::scenario::load(&out).expect("the fitted scenario loads");
    let (code, _, stderr) = outcome(&ccsim(&["validate", &out]));
    assert_eq!(code, 0, "{stderr}");
    // The goodness of fit as pictures beside the scenario: the log's curves and the laws.
    assert!(stdout.contains("fitted-fit-handle-time.png"), "{stdout}");
    for (stem, words) in [
        (
            "fitted-fit-handle-time",
            ["Lognormal fit", "Gamma fit", "KS distance"],
        ),
        (
            "fitted-fit-patience",
            ["Kaplan–Meier", "Exponential fit", "hang-ups"],
        ),
    ] {
        let svg = std::fs::read_to_string(dir.join(&format!("{stem}.svg"))).unwrap();
        for w in words {
            assert!(svg.contains(w), "{stem}.svg: {w:?} missing");
        }
        let png = std::fs::read(dir.join(&format!("{stem}.png"))).unwrap();
        assert!(png.starts_with(b"\x89PNG"), "{stem}.png");
    }
}

#[test]
fn a_semicolon_log_with_decimal_commas_dates_apart_and_its_own_codes_reads() {
    let dir = TempDir::new("fit-map");
    let log = dir.join("switch.csv");
    std::fs::write(
        &log,
        "Datum;Beginn;Warte;Ergebnis;Gespräch;Nacharbeit;Agent\n\
         02.11.2026;09:00:05;0;ANS;120,5;10;7\n\
         02.11.2026;09:01:00;35,5;ABN;;;\n\
         02.11.2026;09:02:00;;IVR;;;\n\
         02.11.2026;09:40:00;00:00:12;ANS;00:03:00;0;8\n\
         03.11.2026;09:10:00;3;ANS;200;15;7\n",
    )
    .unwrap();
    let map = dir.join("map.toml");
    std::fs::write(
        &map,
        "[columns]\narrival = \"Beginn\"\ndate = \"Datum\"\nwait = \"Warte\"\n\
         outcome = \"Ergebnis\"\ntalk = \"Gespräch\"\nwrap = \"Nacharbeit\"\n\
         [outcomes]\nanswered = [\"ANS\"]\nabandoned = [\"ABN\"]\nivr = [\"IVR\"]\n",
    )
    .unwrap();
    let out = dir.arg("fitted.toml");
    let (code, stdout, stderr) = outcome(&ccsim(&[
        "fit",
        &log.to_string_lossy(),
        "--columns",
        &map.to_string_lossy(),
        "--agent",
        "Agent",
        "--out",
        &out,
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("2 days (2026-11-02 to 2026-11-03)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("4 reached the queue: 3 answered, 1 abandoned"),
        "{stdout}"
    );
    assert!(stdout.contains("1 handled in the voice menu"), "{stdout}");
    let toml = std::fs::read_to_string(&out).unwrap();
    // Two intervals (09:00, 09:30) over two days: 3 and 1 calls.
    assert!(toml.contains("calls = [1.5, 0.5]"), "{toml}");
}

#[test]
fn bad_rows_are_refused_with_their_line_and_counted_or_skipped_when_allowed() {
    let dir = TempDir::new("fit-bad");
    let log = dir.join("bad.csv");
    std::fs::write(
        &log,
        "arrival,wait,outcome,talk\n\
         2026-11-02 09:00:00,0,answered,100\n\
         2026-11-02 09:01:00,-4,answered,100\n\
         2026-11-02 9h02,0,answered,100\n\
         2026-11-02 09:03:00,0,transferred,100\n\
         2026-11-02 09:04:00,90000,abandoned,\n\
         2026-11-02 09:05:00,5,abandoned,\n\
         2026-11-02 09:06:00,0,answered,-1\n",
    )
    .unwrap();
    let path = log.to_string_lossy().into_owned();
    let out = dir.arg("fitted.toml");
    let (code, stdout, stderr) = outcome(&ccsim(&["fit", &path, "--out", &out]));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{path}:3: column `wait`")),
        "{stderr}"
    );
    assert!(stderr.contains("5 bad rows of 7"), "{stderr}");
    assert!(stderr.contains("1 × unknown outcome code"), "{stderr}");
    assert!(
        stderr.contains("1 × a wait past the end of the day"),
        "{stderr}"
    );
    assert!(stderr.contains("2 × a negative duration"), "{stderr}");
    assert!(stderr.contains("1 × unreadable arrival time"), "{stderr}");
    assert!(stderr.contains("--skip-bad-rows"), "{stderr}");
    assert!(!dir.join("fitted.toml").exists(), "nothing written");
    let (code, stdout, stderr) = outcome(&ccsim(&[
        "fit",
        &path,
        "--out",
        &out,
        "--skip-bad-rows",
        "--agents",
        "2",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("skipped 5 of 7 rows"), "{stderr}");
    assert!(
        stderr.contains(&format!("{path}:5: column `outcome`")),
        "{stderr}"
    );
    assert!(stdout.contains("2 reached the queue"), "{stdout}");
}

#[test]
fn backtest_command_prints_a_verdict_and_writes_its_csv() {
    let dir = TempDir::new("backtest-cli");
    let (code, stdout, stderr) = outcome(&ccsim(&[
        "backtest",
        "scenarios/example-log.csv",
        "scenarios/example-log-source.toml",
        "--out",
        &dir.arg("bt"),
        "--replications",
        "100",
        "--quiet",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Verdict: the model reproduces"), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
    let csv = std::fs::read_to_string(dir.join("bt/backtest.csv")).unwrap();
    assert_eq!(csv.lines().count(), 17);
    assert!(csv.starts_with("interval,start,service_level_log,service_level_sim"));
    // The charts: the simulation's band beside the log, interval by interval.
    for stem in ["backtest-service-level", "backtest-abandonment"] {
        let svg = std::fs::read_to_string(dir.join(&format!("bt/{stem}.svg"))).unwrap();
        assert!(svg.contains("in the log and in the simulation"), "{stem}");
        assert!(svg.contains("Simulated (95% band)"), "{stem}");
        assert!(dir.join(&format!("bt/{stem}.png")).exists());
    }
}

#[test]
fn weekdays_are_chosen_and_agents_without_an_agent_column_come_from_calls_in_progress() {
    let text = synth_log(CENTRE, 14, 3);
    let mut log = parse_log(
        "synth.csv",
        &text,
        &ColumnMap::default(),
        BadRowPolicy::Refuse,
    )
    .unwrap();
    let opts = |weekday| FitOptions {
        interval_s: 1800.0,
        weekday,
        agents: None,
    };
    // Two weeks from a Monday: two Mondays, and the per-weekday means are shown.
    let mondays = fit(&log, &opts(Some(0))).unwrap();
    assert_eq!(mondays.days.len(), 2);
    assert!(mondays.weekday_means.is_some());
    assert_eq!(
        mondays.counts.iter().sum::<u64>(),
        log.calls.iter().filter(|c| c.day % 7 == 0).count() as u64
    );
    // Without agents, the most calls in progress at once: in this saturated centre, the
    // staffing wherever it does not fall (at a fall, leaving agents finish their calls).
    log.agents.clear();
    let f = fit(&log, &opts(None)).unwrap();
    assert_eq!(
        f.agents_source,
        ccsim::calllog::fit::AgentsSource::MostBusyAtOnce
    );
    assert_eq!(&f.agents[1..5], &[22, 24, 26, 26], "{:?}", f.agents);
}

#[test]
fn replay_with_staffing_that_never_lets_anyone_wait_reproduces_the_log_exactly() {
    use ccsim::calllog::replay::{ReplayOptions, replay};
    let ample = CENTRE.replace("agents = [16, 22, 24, 26, 26, 24, 22, 16]", "agents = 400");
    let sc = scenario(&ample);
    let text = synth_log(&ample, 3, 9);
    let log = parse_log(
        "synth.csv",
        &text,
        &ColumnMap::default(),
        BadRowPolicy::Refuse,
    )
    .unwrap();
    assert!(
        log.calls
            .iter()
            .all(|c| c.wait_s == 0.0 && c.outcome == Outcome::Answered)
    );
    let days: Vec<usize> = (0..log.days.len()).collect();
    let seen = observe(&log, &days, &sc.model);
    let opts = ReplayOptions {
        log_handle_times: true,
        replications: 1,
        seed: 1,
    };
    let replayed = replay(&log, &days, &sc.model, &opts);
    assert_eq!(replayed.intervals, seen.intervals);
    assert_eq!(
        replayed.intervals.iter().map(|o| o.offered).sum::<u64>(),
        log.calls.len() as u64
    );
    // With the scenario's own handle times instead, arrivals stay, busy time changes.
    let drawn = replay(
        &log,
        &days,
        &sc.model,
        &ReplayOptions {
            log_handle_times: false,
            ..opts
        },
    );
    let offered = |o: &[ccsim::calllog::backtest::Observed]| -> Vec<u64> {
        o.iter().map(|x| x.offered).collect()
    };
    assert_eq!(offered(&drawn.intervals), offered(&seen.intervals));
    assert_ne!(drawn.intervals[0].busy_s, seen.intervals[0].busy_s);
}

#[test]
fn replay_command_prints_log_and_replay_side_by_side() {
    let (code, stdout, stderr) = outcome(&ccsim(&[
        "replay",
        "scenarios/example-log.csv",
        "scenarios/example-log-source.toml",
        "--log-handle-times",
        "--replications",
        "20",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("log  replay"), "{stdout}");
    assert!(stdout.lines().all(|l| l.chars().count() <= 80), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("1")).count(), 14);
    // What replay does not simulate is refused, not ignored.
    let dir = TempDir::new("replay-lines");
    let text = std::fs::read_to_string("scenarios/example-log-source.toml")
        .unwrap()
        .replacen("[service_level]", "lines = 5\n\n[service_level]", 1);
    let path = dir.arg("lines.toml");
    std::fs::write(&path, text).unwrap();
    let (code, _, stderr) = outcome(&ccsim(&["replay", "scenarios/example-log.csv", &path]));
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("without `lines`"), "{stderr}");
}
