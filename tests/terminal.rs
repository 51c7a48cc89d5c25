//! What ccsim prints to the terminal fits 80 columns (counted in characters, not bytes:
//! "—", "±" and "é" are one column each) for realistic inputs: the example scenarios, a
//! long scenario name, busy signals, sweeps of two to four `--vary`, `check` with long
//! file names, `staff --compare`, and every `--help`.

use crate::support::{TempDir, ccsim, outcome};

/// Fails naming the widest line when any line of `text` is wider than 80 characters.
fn assert_fits(what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{what} printed nothing");
    for line in text.lines() {
        let w = line.chars().count();
        assert!(
            w <= 80,
            "{what}: a line of {w} characters:\n{line}\n\n{text}"
        );
    }
}

/// Runs ccsim, expecting `code`, and returns its stdout.
fn stdout_of(args: &[&str], code: i32) -> String {
    let (got, out, err) = outcome(&ccsim(args));
    assert_eq!(got, code, "{args:?}: {out}{err}");
    out
}

/// A scenario with a long name, fewer lines than agents (busy signals) and an interval
/// that misses its target, written into `dir` under a long file name.
fn crowded_scenario(dir: &TempDir) -> String {
    let path = dir.arg("a-rather-long-scenario-file-name-for-the-nightly-regression-suite.toml");
    std::fs::write(
        &path,
        "name = \"Customer service hotline of the regional energy supplier — winter peak\"\n\
         interval = \"30m\"\nstart = \"08:00\"\nlines = 9\n\
         [service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
         [arrivals]\ncalls = [40, 90, 160, 150, 120, 60]\n\
         [handle_time]\ndistribution = \"lognormal\"\nmean = \"4m\"\nsd = \"2m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"2m\"\n\
         [staffing]\nagents = [6, 8, 10, 10, 8, 6]\n\
         [simulation]\nreplications = 10\nseed = 3\n",
    )
    .unwrap();
    path
}

#[test]
fn run_tables_fit_80_columns() {
    let dir = TempDir::new("fit-run");
    for sc in [
        "scenarios/retail-day.toml",
        "scenarios/small-business.toml",
        "scenarios/erlang-c-textbook.toml",
    ] {
        let out = stdout_of(
            &[
                "run",
                sc,
                "--replications",
                "5",
                "--quiet",
                "--no-charts",
                "--out",
                &dir.arg("run"),
            ],
            0,
        );
        assert_fits(sc, &out);
    }
    // Busy signals add a column; a long name wraps; every figure is still there.
    let sc = crowded_scenario(&dir);
    let out = stdout_of(
        &[
            "run",
            &sc,
            "--quiet",
            "--no-charts",
            "--out",
            &dir.arg("crowded"),
        ],
        0,
    );
    assert_fits("a crowded scenario", &out);
    for needle in [
        "Busy %",
        "Abandon %",
        "Occup. %",
        "SL %",
        "ASA s",
        "*",
        "winter peak",
    ] {
        assert!(out.contains(needle), "{needle:?} missing:\n{out}");
    }
    // Every interval has its row, with the same number of figures as the header.
    for label in ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30"] {
        let row = out
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{out}"));
        assert_eq!(row.matches('±').count(), 5, "{row}");
    }
}

#[test]
fn staff_compare_fits_80_columns() {
    let dir = TempDir::new("fit-staff");
    let out = stdout_of(
        &[
            "staff",
            "scenarios/small-business.toml",
            "--compare",
            "--replications",
            "20",
            "--quiet",
            "--no-charts",
            "--out",
            &dir.arg("staff"),
        ],
        0,
    );
    assert_fits("staff --compare", &out);
    for needle in [
        "Erlang C",
        "Erlang A",
        "Simulation",
        "Agent-hours",
        "Intervals missing a goal",
    ] {
        assert!(out.contains(needle), "{needle:?} missing:\n{out}");
    }
    let out = stdout_of(
        &[
            "staff",
            "scenarios/small-business.toml",
            "--method",
            "erlang-c",
            "--quiet",
            "--no-charts",
            "--out",
            &dir.arg("staff-c"),
        ],
        0,
    );
    assert_fits("staff --method erlang-c", &out);
}

#[test]
fn sweep_tables_fit_80_columns_and_split_when_wide() {
    let dir = TempDir::new("fit-sweep");
    let sweep = |vary: &[&str], out: &str| {
        let mut args = vec![
            "sweep",
            "scenarios/small-business.toml",
            "--replications",
            "3",
            "--quiet",
            "--no-charts",
            "--out",
            out,
        ];
        for v in vary {
            args.extend(["--vary", v]);
        }
        stdout_of(&args, 0)
    };
    let two = sweep(&["agents=-1..+1", "calls=100%..120%/10%"], &dir.arg("two"));
    assert_fits("a sweep of two --vary", &two);
    let three = sweep(
        &["agents=-1..+1", "calls=100%..120%/10%", "aht=90%..110%/10%"],
        &dir.arg("three"),
    );
    assert_fits("a sweep of three --vary", &three);
    assert_eq!(three.lines().filter(|l| l.contains("calls_pct")).count(), 1);
    // Four keys and busy signals (lines) make one table too wide: the metrics go on a
    // second table that repeats the varied values, and nothing is lost.
    let four = sweep(
        &[
            "agents=-1..+1",
            "calls=100%..120%/20%",
            "aht=90%..110%/20%",
            "lines=5..7/2",
        ],
        &dir.arg("four"),
    );
    assert_fits("a sweep of four --vary with busy signals", &four);
    for needle in ["SL %", "ASA s", "Abandon %", "Busy %", "Occup. %", "lines"] {
        assert!(four.contains(needle), "{needle:?} missing:\n{four}");
    }
    let headers = four.lines().filter(|l| l.contains("agents_add")).count();
    assert!(headers >= 1, "{four}");
    let rows_per_table = 3 * 2 * 2 * 2;
    let rows = four
        .lines()
        .filter(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.parse::<i32>().is_ok())
        })
        .count();
    assert_eq!(rows, rows_per_table * headers, "{four}");
}

#[test]
fn check_output_fits_80_columns_with_long_names() {
    let dir = TempDir::new("fit-check");
    let sc = crowded_scenario(&dir);
    let baselines = dir.arg("baselines-of-the-nightly-regression-suite");
    let out = stdout_of(
        &["check", &sc, "--baseline", &baselines, "--update", "-q"],
        0,
    );
    assert_fits("check --update", &out);
    let out = stdout_of(&["check", &sc, "--baseline", &baselines, "-q"], 0);
    assert_fits("check, nothing moved", &out);
    // Fewer agents: every metric moves, sl_excl_short_abandons (the longest key) too.
    let text = std::fs::read_to_string(&sc).unwrap();
    std::fs::write(
        &sc,
        text.replace("[6, 8, 10, 10, 8, 6]", "[5, 7, 8, 8, 7, 5]"),
    )
    .unwrap();
    let out = stdout_of(&["check", &sc, "--baseline", &baselines, "-q"], 1);
    assert_fits("check with regressions", &out);
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("day") && l.contains(" sl_excl_short_abandons "))
        .unwrap_or_else(|| panic!("no day row for sl_excl_short_abandons:\n{out}"));
    assert!(row.ends_with("FAIL") || row.ends_with("ok"), "{row}");
    // The unpaired rule (no per-replication values) with a huge k: within tolerance.
    let companion = std::path::Path::new(&baselines)
        .join("a-rather-long-scenario-file-name-for-the-nightly-regression-suite.reps.csv.gz");
    std::fs::remove_file(companion).unwrap();
    let out = stdout_of(
        &[
            "check",
            &sc,
            "--baseline",
            &baselines,
            "-q",
            "--tolerance",
            "1000",
        ],
        0,
    );
    assert_fits("check within tolerance", &out);
}

/// A file name with an escape code (from a shell glob, say) is printed escaped, never raw.
#[cfg(unix)]
#[test]
fn escape_codes_in_file_names_do_not_reach_the_terminal() {
    let dir = TempDir::new("escape");
    let path = dir.arg("red\u{1b}[31m.toml");
    std::fs::copy(
        crate::support::repo_file("scenarios/small-business.toml"),
        &path,
    )
    .unwrap();
    let out = stdout_of(&["validate", &path], 0);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("red\\u{1b}[31m.toml: ok"), "{out:?}");
}

#[test]
fn other_terminal_output_fits_80_columns() {
    let dir = TempDir::new("fit-other");
    let sc = crowded_scenario(&dir);
    assert_fits(
        "validate",
        &stdout_of(&["validate", "scenarios/retail-day.toml", &sc], 0),
    );
    for args in [
        &[
            "erlang", "b", "--calls", "300", "--per", "1h", "--aht", "240s", "--lines", "20",
        ][..],
        &[
            "erlang",
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
            "0.8",
            "--shrinkage",
            "0.3",
        ],
        &[
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
            "--lines",
            "25",
            "--threshold",
            "20s",
        ],
        &[
            "erlang",
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
        ],
    ] {
        assert_fits(&args.join(" "), &stdout_of(args, 0));
    }
    // Every --help, whatever the terminal (here no terminal at all).
    let commands: &[&[&str]] = &[
        &[],
        &["run"],
        &["validate"],
        &["erlang"],
        &["erlang", "b"],
        &["erlang", "c"],
        &["erlang", "a"],
        &["staff"],
        &["sweep"],
        &["merge"],
        &["check"],
        &["schedule"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push("--help");
        assert_fits(&args.join(" "), &stdout_of(&args, 0));
    }
    // A narrower terminal (COLUMNS where the size cannot be asked) gets narrower help.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_ccsim"))
        .args(["run", "--help"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    let help = String::from_utf8(o.stdout).unwrap();
    assert!(help.lines().all(|l| l.chars().count() <= 50), "{help}");
    assert!(help.contains("EXAMPLES"), "{help}");
}
