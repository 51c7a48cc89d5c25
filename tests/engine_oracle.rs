//! The fast engine (a recursion over arrivals) against the event-by-event reference
//! engine: same scenario and seed must give the same calls' outcomes. Counts, waits and
//! histograms must agree exactly; agent time, summed in a different order, to 1e-9.
//! Hand-written scenarios pin the known hard cases; a property test ([`random`]) adds
//! random small ones.

use crate::support::assert_same_tally_to;
use ccsim::engine::{Workspace, events, simulate};
use ccsim::model::{Staffing, Step};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::Tally;

/// Compares the engines replication by replication; returns the callers left waiting at
/// close over all replications, so tests can make sure that case was exercised.
fn compare(name: &str, text: &str, replications: u64) -> u64 {
    let sc =
        parse_scenario(&format!("{name}.toml"), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    compare_scenario(name, &sc, replications)
}

/// [`compare`] for a scenario already built.
fn compare_scenario(name: &str, sc: &Scenario, replications: u64) -> u64 {
    let n = sc.model.intervals();
    let mut ws = Workspace::default();
    let mut waiting = 0;
    for rep in 0..replications {
        let mut fast = Tally::new(n, sc.model.service_level.threshold_s);
        let mut slow = Tally::new(n, sc.model.service_level.threshold_s);
        let a = simulate(&sc.model, &sc.experiment, rep, &mut fast, &mut ws);
        let b = events::simulate(&sc.model, &sc.experiment, rep, &mut slow);
        assert_eq!(a.stranded, b.stranded, "{name} rep {rep}: stranded");
        assert_eq!(
            a.waiting_at_close, b.waiting_at_close,
            "{name} rep {rep}: waiting at close"
        );
        waiting += a.waiting_at_close;
        assert_same_tally_to(1e-12, &format!("{name} rep {rep}"), &fast, &slow, true);
    }
    waiting
}

const HEAD: &str = "[service_level]\nthreshold = 20\ntarget = 0.8\n";

#[test]
fn example_scenarios() {
    for f in ["retail-day", "small-business"] {
        let text =
            std::fs::read_to_string(format!("{}/scenarios/{f}.toml", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        compare(f, &text, 20);
    }
}

#[test]
fn staffing_that_falls_and_rises_sharply() {
    // Agents leave while busy (falls), come back before the leavers are done (rises),
    // an interval with nobody, and callers who hang up.
    let text = format!(
        "name = \"swings\"\ninterval = \"15m\"\n{HEAD}[arrivals]\ncalls = [60, 80, 80, 40, 90, 90, 10, 70, 0, 50]\n\
         [handle_time]\ndistribution = \"lognormal\"\nmean = \"6m\"\nsd = \"8m\"\n\
         [patience]\ndistribution = \"weibull\"\nshape = 0.8\nscale = \"4m\"\n\
         [staffing]\nagents = [8, 2, 9, 1, 12, 0, 5, 3, 0, 6]\n"
    );
    assert!(
        compare("swings", &text, 40) > 0,
        "some callers still wait at close"
    );
}

#[test]
fn busy_days_and_absent_agents() {
    // Both change the day before it starts (the rates, the staffing), the same way in
    // both engines.
    let text = format!(
        "name = \"uncertain\"\ninterval = \"30m\"\nlines = 12\n{HEAD}[arrivals]\ncalls = [50, 70, 90, 30]\n\
         busyness = {{ cv = 0.3 }}\ninterval_busyness = {{ cv = 0.2 }}\n\
         [handle_time]\ndistribution = \"gamma\"\nmean = \"3m\"\nsd = \"1m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"1m\"\n\
         [staffing]\nagents = [4, 6, 3, 8]\nabsence = 0.2\n"
    );
    compare("uncertain", &text, 60);
}

#[test]
fn lines_warmup_and_no_patience() {
    let text = format!(
        "name = \"lines\"\ninterval = \"30m\"\nlines = 9\n{HEAD}[arrivals]\ncalls = [50, 70, 90, 30]\n\
         [handle_time]\ndistribution = \"gamma\"\nmean = \"3m\"\nsd = \"1m\"\n\
         [staffing]\nagents = [4, 6, 3, 5]\n[simulation]\nwarmup = \"20m\"\n"
    );
    compare("lines", &text, 40);
    let text = format!(
        "name = \"lines-patience\"\ninterval = \"30m\"\nlines = 5\n{HEAD}[arrivals]\ncalls = [80, 90]\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"1m\"\n[staffing]\nagents = [3, 2]\n"
    );
    compare("lines-patience", &text, 40);
}

#[test]
fn simultaneous_events_are_ordered_the_same_way() {
    // Fixed handle times equal to the interval length put completions exactly on
    // boundaries; fixed patience puts hang-ups exactly on answer times.
    let text = format!(
        "name = \"ties\"\ninterval = \"10m\"\n{HEAD}[arrivals]\ncalls = [30, 30, 30, 30, 30]\n\
         [handle_time]\ndistribution = \"fixed\"\nvalue = \"10m\"\n\
         [patience]\ndistribution = \"fixed\"\nvalue = \"10m\"\n[staffing]\nagents = [3, 1, 4, 0, 2]\n"
    );
    assert!(
        compare("ties", &text, 40) > 0,
        "some callers still wait at close"
    );
}

/// Random small one-queue scenarios, written as scenario text (and CSV files where the
/// format reads them), each compared engine against engine by [`compare`].
/// The model lets staffing change at any instant (shifts will), not only at interval
/// boundaries: both engines must follow such a timeline alike, including changes between
/// arrivals, at the very instant of a fixed-length call's end, and after close.
#[test]
fn staffing_that_changes_between_interval_boundaries() {
    let text = r#"
name = "mid-interval staffing"
interval = "10m"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [40, 60, 30]
[handle_time]
distribution = "fixed"
value = "60s"
[patience]
distribution = "exponential"
mean = "2m"
[staffing]
agents = 3
"#;
    let mut sc = parse_scenario("mid.toml", text).unwrap();
    let steps = [
        (0.0, 3),
        (60.0, 5),
        (61.5, 1),
        (420.0, 0),
        (600.0, 0),
        (900.0, 6),
        (1_230.0, 2),
        (1_800.0, 4),
        (2_000.0, 1),
    ];
    let staffing = Staffing::from_steps(
        steps
            .iter()
            .map(|&(at, agents)| Step { at, agents })
            .collect(),
    )
    .unwrap();
    assert_eq!(staffing.agents_at(61.0), 5);
    assert_eq!(staffing.agents_in(&sc.model.clock, 1), 0);
    sc.model.agent_groups[0].staffing = staffing;
    compare_scenario("mid-interval staffing", &sc, 200);
    // Refused: a timeline that does not start at 0, or goes back in time.
    assert!(Staffing::from_steps(vec![Step { at: 5.0, agents: 1 }]).is_err());
    assert!(
        Staffing::from_steps(vec![
            Step { at: 0.0, agents: 1 },
            Step { at: 0.0, agents: 2 },
        ])
        .is_err()
    );
}

mod random {
    use std::cell::RefCell;
    use std::fmt;
    use std::path::PathBuf;
    use std::sync::OnceLock;

    use ccsim::engine::{Workspace, simulate};
    use ccsim::scenario::parse_scenario;
    use ccsim::stats::Tally;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

    use super::{HEAD, compare};

    /// Valid cases per run when `PROPTEST_CASES` is not set: a fraction of a second in
    /// the dev profile. `PROPTEST_CASES=5000 PROPTEST_RNG_SEED=$RANDOM cargo test --test tests
    /// engine_oracle` is a longer run with fresh cases.
    const DEFAULT_CASES: u32 = 128;
    /// Replications compared per case.
    const REPLICATIONS: u64 = 4;
    /// The smallest step of generated durations: a multiple of it is exact in binary, so
    /// `n × interval` is exactly the horizon and fixed durations land exactly on boundaries.
    const STEP: f64 = 0.25;

    /// A duration distribution as the scenario file writes it.
    #[derive(Clone, Debug)]
    enum Law {
        Exponential(f64),
        Lognormal(f64, f64),
        Gamma(f64, f64),
        Erlang(f64, u32),
        Fixed(f64),
        Uniform(f64, f64),
        Weibull(f64, f64),
        /// Observed values, written to a CSV file (few distinct values: exact ties).
        Empirical(Vec<f64>),
    }

    #[derive(Clone, Debug)]
    enum Arrivals {
        Calls(Vec<f64>),
        /// A forecast file: calls, optional per-interval mean handle times, and agents
        /// taken from the file rather than `[staffing]`.
        File {
            calls: Vec<f64>,
            aht_s: Option<Vec<f64>>,
            agents_in_file: bool,
        },
        /// A constant rate; `interval` is written only when the case has several intervals
        /// (otherwise the horizon is one interval).
        Rate {
            per_hour: f64,
            horizon_s: f64,
        },
    }

    #[derive(Clone, Debug)]
    enum Warmup {
        /// At the start of interval k (0 when k = 0): boundary ties with the warm-up.
        Boundary(usize),
        /// This share of the horizon.
        Share(f64),
    }

    #[derive(Clone)]
    struct Case {
        interval_s: f64,
        write_interval: bool,
        arrivals: Arrivals,
        /// Agents per interval; `one_number` writes them as a single value (all equal).
        agents: Vec<u32>,
        one_number: bool,
        handle: Law,
        patience: Option<Law>,
        lines: Option<u32>,
        threshold_s: f64,
        warmup: Option<Warmup>,
        /// Semicolon-separated CSV files with decimal commas instead of commas.
        semicolons: bool,
        seed: u64,
    }

    fn n(x: f64) -> String {
        format!("{x}")
    }

    impl Law {
        fn toml(&self, section: &str) -> String {
            let body = match self {
                Law::Exponential(m) => format!("distribution = \"exponential\"\nmean = {}", n(*m)),
                Law::Lognormal(m, s) => {
                    format!(
                        "distribution = \"lognormal\"\nmean = {}\nsd = {}",
                        n(*m),
                        n(*s)
                    )
                }
                Law::Gamma(m, s) => {
                    format!("distribution = \"gamma\"\nmean = {}\nsd = {}", n(*m), n(*s))
                }
                Law::Erlang(m, k) => {
                    format!("distribution = \"erlang\"\nmean = {}\nk = {k}", n(*m))
                }
                Law::Fixed(v) => format!("distribution = \"fixed\"\nvalue = {}", n(*v)),
                Law::Uniform(a, b) => {
                    format!(
                        "distribution = \"uniform\"\nmin = {}\nmax = {}",
                        n(*a),
                        n(*b)
                    )
                }
                Law::Weibull(k, s) => {
                    format!(
                        "distribution = \"weibull\"\nshape = {}\nscale = {}",
                        n(*k),
                        n(*s)
                    )
                }
                Law::Empirical(_) => format!(
                    "distribution = \"empirical\"\nfile = \"{section}.csv\"\ncolumn = \"seconds\""
                ),
            };
            format!("[{section}]\n{body}\n")
        }
    }

    impl Case {
        fn intervals(&self) -> usize {
            self.agents.len()
        }

        fn horizon_s(&self) -> f64 {
            match &self.arrivals {
                Arrivals::Rate { horizon_s, .. } => *horizon_s,
                _ => self.intervals() as f64 * self.interval_s,
            }
        }

        fn warmup_s(&self) -> Option<f64> {
            self.warmup.as_ref().map(|w| match w {
                Warmup::Boundary(k) => (*k).min(self.intervals() - 1) as f64 * self.interval_s,
                Warmup::Share(f) => (f * self.horizon_s() / STEP).floor() * STEP,
            })
        }

        /// A number as a CSV cell: with a decimal comma in semicolon-separated files.
        fn cell(&self, x: f64) -> String {
            if self.semicolons {
                n(x).replace('.', ",")
            } else {
                n(x)
            }
        }

        fn csv(&self, header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
            let sep = if self.semicolons { ";" } else { "," };
            let mut out = header.join(sep) + "\n";
            for r in rows {
                out += &(r.join(sep) + "\n");
            }
            out
        }

        /// The CSV files the scenario reads, by name.
        fn files(&self) -> Vec<(String, String)> {
            let mut files = Vec::new();
            for (section, law) in [
                ("handle_time", Some(&self.handle)),
                ("patience", self.patience.as_ref()),
            ] {
                if let Some(Law::Empirical(values)) = law {
                    let rows = values
                        .iter()
                        .enumerate()
                        .map(|(i, v)| vec![format!("call {i}"), self.cell(*v)]);
                    files.push((
                        format!("{section}.csv"),
                        self.csv(&["label", "seconds"], rows),
                    ));
                }
            }
            if let Arrivals::File {
                calls,
                aht_s,
                agents_in_file,
            } = &self.arrivals
            {
                let mut header = vec!["time", "calls"];
                if aht_s.is_some() {
                    header.push("aht_s");
                }
                if *agents_in_file {
                    header.push("agents");
                }
                let rows = (0..calls.len()).map(|i| {
                    let mut row = vec![format!("slot {i}"), self.cell(calls[i])];
                    if let Some(a) = aht_s {
                        row.push(self.cell(a[i]));
                    }
                    if *agents_in_file {
                        row.push(self.agents[i].to_string());
                    }
                    row
                });
                files.push(("forecast.csv".into(), self.csv(&header, rows)));
            }
            files
        }

        fn toml(&self) -> String {
            let mut t = String::from("name = \"random\"\n");
            if self.write_interval {
                t += &format!("interval = {}\n", n(self.interval_s));
            }
            if let Some(l) = self.lines {
                t += &format!("lines = {l}\n");
            }
            t += &HEAD.replace(
                "threshold = 20",
                &format!("threshold = {}", n(self.threshold_s)),
            );
            let list = |v: &[f64]| v.iter().map(|x| n(*x)).collect::<Vec<_>>().join(", ");
            t += "[arrivals]\n";
            let mut agents_in_file = false;
            match &self.arrivals {
                Arrivals::Calls(calls) => t += &format!("calls = [{}]\n", list(calls)),
                Arrivals::File {
                    agents_in_file: a, ..
                } => {
                    t += "file = \"forecast.csv\"\n";
                    agents_in_file = *a;
                }
                Arrivals::Rate { per_hour, .. } => t += &format!("rate = \"{}/h\"\n", n(*per_hour)),
            }
            t += &self.handle.toml("handle_time");
            if let Some(p) = &self.patience {
                t += &p.toml("patience");
            }
            if !agents_in_file {
                t += "[staffing]\n";
                if self.one_number {
                    t += &format!("agents = {}\n", self.agents[0]);
                } else {
                    let a: Vec<String> = self.agents.iter().map(u32::to_string).collect();
                    t += &format!("agents = [{}]\n", a.join(", "));
                }
            }
            t += &format!("[simulation]\nseed = {}\n", self.seed);
            if let Arrivals::Rate { horizon_s, .. } = &self.arrivals {
                t += &format!("horizon = {}\n", n(*horizon_s));
            }
            if let Some(w) = self.warmup_s() {
                t += &format!("warmup = {}\n", n(w));
            }
            t
        }
    }

    /// Shown for a failing case: the scenario text and its files, ready to paste.
    impl fmt::Debug for Case {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            writeln!(f, "\n--- random.toml\n{}", self.toml())?;
            for (name, text) in self.files() {
                writeln!(f, "--- {name}\n{text}")?;
            }
            Ok(())
        }
    }

    /// A multiple of [`STEP`] near `x`, at least `STEP`.
    fn stepped(x: f64) -> f64 {
        ((x / STEP).round() * STEP).max(STEP)
    }

    /// Durations on the scale of `interval`, and exact fractions and multiples of it so
    /// that fixed and empirical durations put events exactly on boundaries and on each other.
    fn duration(interval: f64) -> impl Strategy<Value = f64> {
        prop_oneof![
            3 => (0.02..1.5f64).prop_map(move |f| stepped(f * interval)),
            2 => prop::sample::select(vec![0.25, 0.5, 1.0, 2.0, 3.0])
                .prop_map(move |f| stepped(f * interval)),
            1 => prop::sample::select(vec![1.0, 20.0, 30.0, 60.0, 180.0, 600.0]),
        ]
    }

    fn law(interval: f64) -> impl Strategy<Value = Law> {
        let d = move || duration(interval);
        prop_oneof![
            3 => d().prop_map(Law::Exponential),
            2 => (d(), 0.05..3.0f64).prop_map(|(m, cv)| Law::Lognormal(m, stepped(m * cv))),
            2 => (d(), 0.05..3.0f64).prop_map(|(m, cv)| Law::Gamma(m, stepped(m * cv))),
            1 => (d(), 1..=6u32).prop_map(|(m, k)| Law::Erlang(m, k)),
            3 => d().prop_map(Law::Fixed),
            1 => (prop_oneof![Just(0.0), d()], d()).prop_map(|(a, w)| Law::Uniform(a, a + w)),
            1 => (0.3..4.0f64, d())
                .prop_map(|(k, s)| Law::Weibull((k * 100.0).round() / 100.0, s)),
            1 => prop::collection::vec(d(), 1..6).prop_map(Law::Empirical),
        ]
    }

    /// Expected calls in an interval: often none, sometimes fractional.
    fn calls() -> impl Strategy<Value = f64> {
        prop_oneof![
            1 => Just(0.0),
            4 => (1..=60u32).prop_map(f64::from),
            1 => (0.5..40.0f64).prop_map(|x| (x * 10.0).round() / 10.0),
        ]
    }

    /// Agents in an interval: sometimes none, sometimes many (big swings between intervals).
    fn agents() -> impl Strategy<Value = u32> {
        prop_oneof![2 => Just(0u32), 7 => 1..=8u32, 1 => 9..=30u32]
    }

    fn interval() -> impl Strategy<Value = f64> {
        prop_oneof![
            3 => prop::sample::select(vec![15.0, 60.0, 300.0, 600.0, 900.0, 1800.0]),
            1 => (4..=7200u32).prop_map(|q| f64::from(q) * STEP),
        ]
    }

    fn case() -> impl Strategy<Value = Case> {
        (1..=6usize, interval(), 0..10u8).prop_flat_map(|(count, interval, kind)| {
            // kind: 0-5 calls, 6-7 a forecast file, 8 a constant rate over several
            // intervals, 9 a constant rate over one steady-state interval.
            let count = if kind == 9 { 1 } else { count };
            let arrivals = match kind {
                0..=5 => prop::collection::vec(calls(), count)
                    .prop_map(Arrivals::Calls)
                    .boxed(),
                6 | 7 => (
                    prop::collection::vec(calls(), count),
                    prop::option::of(prop::collection::vec(duration(interval), count)),
                    any::<bool>(),
                )
                    .prop_map(|(calls, aht_s, agents_in_file)| Arrivals::File {
                        calls,
                        aht_s,
                        agents_in_file,
                    })
                    .boxed(),
                // The last interval is whole or cut short by the horizon.
                _ => (
                    prop_oneof![1 => Just(0.0), 6 => (1..=200u32).prop_map(f64::from)],
                    prop_oneof![Just(1.0), 0.01..1.0f64],
                )
                    .prop_map(move |(per_hour, last)| Arrivals::Rate {
                        per_hour,
                        // At least a second: the shortest horizon allowed.
                        horizon_s: (count - 1) as f64 * interval
                            + stepped(last * interval).max(1.0),
                    })
                    .boxed(),
            };
            (
                arrivals,
                prop::collection::vec(agents(), count),
                prop::bool::weighted(0.15),
                law(interval),
                prop::option::weighted(0.7, law(interval)),
                prop::option::weighted(0.3, 1..=20u32),
                prop_oneof![Just(0.0), Just(20.0), duration(interval)],
                prop::option::weighted(
                    0.3,
                    prop_oneof![
                        (0..count).prop_map(Warmup::Boundary),
                        (0.0..0.95f64).prop_map(Warmup::Share),
                    ],
                ),
                any::<bool>(),
                0..1000u64,
            )
                .prop_map(
                    move |(
                        arrivals,
                        mut agents,
                        one_number,
                        handle,
                        patience,
                        lines,
                        threshold_s,
                        warmup,
                        semicolons,
                        seed,
                    )| {
                        let file_agents = matches!(
                            arrivals,
                            Arrivals::File {
                                agents_in_file: true,
                                ..
                            }
                        );
                        let one_number = one_number && !file_agents;
                        if one_number {
                            agents = vec![agents[0]; agents.len()];
                        }
                        Case {
                            interval_s: interval,
                            // The default interval (30m) is sometimes left implicit; a constant rate
                            // without `interval` is one interval over the horizon.
                            write_interval: kind == 8
                                || (kind < 8 && (interval != 1800.0 || seed % 2 == 0)),
                            arrivals,
                            agents,
                            one_number,
                            handle,
                            patience,
                            lines,
                            threshold_s,
                            warmup,
                            semicolons,
                            seed,
                        }
                    },
                )
        })
    }

    fn config() -> Config {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_CASES);
        let mut c = Config {
            cases,
            // About one case in sixteen never drains and is skipped; the test checks the
            // share itself.
            max_global_rejects: cases.max(1024),
            // Failures are reported with their minimal scenario; no files in tests/.
            failure_persistence: None,
            ..Config::default()
        };
        if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
            c.rng_seed = RngSeed::Fixed(11);
        }
        c
    }

    fn dir() -> &'static PathBuf {
        static DIR: OnceLock<PathBuf> = OnceLock::new();
        DIR.get_or_init(|| crate::support::temp_dir("oracle-random"))
    }

    #[derive(Default)]
    struct Seen {
        valid: u32,
        /// Refused because the day could never end (no patience, nobody in the last interval).
        never_drain: u32,
        /// Refused for any other reason: a generator bug.
        other_errors: Vec<String>,
        /// Cases (of the valid ones) where some callers still waited at close, got a busy
        /// signal, hung up, or arrived during the warm-up.
        waiting_at_close: u32,
        blocked: u32,
        abandoned: u32,
        warmup_calls: u32,
    }

    /// The engines agree call for call on random small scenarios.
    #[test]
    fn random_small_scenarios() {
        let seen = RefCell::new(Seen::default());
        let mut runner = TestRunner::new(config());
        let result = runner.run(&case(), |case| {
            let dir = dir();
            for (name, text) in case.files() {
                std::fs::write(dir.join(name), text).unwrap();
            }
            let name = dir.join("random");
            let name = name.to_str().unwrap();
            let text = case.toml();
            if let Err(e) = parse_scenario(&format!("{name}.toml"), &text) {
                let mut seen = seen.borrow_mut();
                let e = e.to_string();
                if e.contains("would wait forever") {
                    seen.never_drain += 1;
                } else {
                    seen.other_errors.push(format!("{e}\n{case:?}"));
                }
                return Err(TestCaseError::reject("invalid scenario"));
            }
            let waiting = compare(name, &text, REPLICATIONS);
            // What the case exercised, from its first replication.
            let sc = parse_scenario(&format!("{name}.toml"), &text).unwrap();
            let mut tally = Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
            simulate(
                &sc.model,
                &sc.experiment,
                0,
                &mut tally,
                &mut Workspace::default(),
            );
            let mut seen = seen.borrow_mut();
            seen.valid += 1;
            seen.waiting_at_close += u32::from(waiting > 0);
            seen.blocked += u32::from(tally.slots.iter().any(|s| s.blocked > 0));
            seen.abandoned += u32::from(tally.slots.iter().any(|s| s.abandoned > 0));
            seen.warmup_calls += u32::from(tally.slots[tally.sink()].offered > 0);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        // Kept after a failure, for a look at the last case's files.
        let _ = std::fs::remove_dir_all(dir());
        let seen = seen.into_inner();
        eprintln!(
            "random scenarios: {} compared, {} skipped as never draining; callers waiting at \
             close in {}, busy signals in {}, hang-ups in {}, warm-up calls in {}",
            seen.valid,
            seen.never_drain,
            seen.waiting_at_close,
            seen.blocked,
            seen.abandoned,
            seen.warmup_calls
        );
        assert!(
            seen.other_errors.is_empty(),
            "the generator wrote {} invalid scenarios, such as: {}",
            seen.other_errors.len(),
            seen.other_errors[0]
        );
        assert!(
            seen.never_drain * 5 < seen.valid,
            "too many cases skipped as never draining: {} for {} valid",
            seen.never_drain,
            seen.valid
        );
        for (count, what) in [
            (seen.waiting_at_close, "left callers waiting at close"),
            (seen.blocked, "gave a busy signal"),
            (seen.abandoned, "had callers hang up"),
            (seen.warmup_calls, "had calls in the warm-up"),
        ] {
            assert!(count * 10 > seen.valid, "too few cases {what}: {count}");
        }
    }
}
