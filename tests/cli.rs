//! The command line end to end: outputs, determinism across thread counts, exit codes.

use crate::support::{ccsim, temp_dir};

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let dir = temp_dir("threads");
    let mut outputs = vec![];
    for threads in ["1", "2", "3"] {
        let out = dir.join(threads);
        let o = ccsim(&[
            "run",
            "scenarios/retail-day.toml",
            "--replications",
            "40",
            "--threads",
            threads,
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        outputs.push((
            read(&out.join("summary.json")),
            read(&out.join("intervals.csv")),
            String::from_utf8(o.stdout).unwrap(),
        ));
    }
    assert_eq!(
        outputs[0].0, outputs[1].0,
        "summary.json differs between 1 and 2 threads"
    );
    assert_eq!(
        outputs[0].0, outputs[2].0,
        "summary.json differs between 1 and 3 threads"
    );
    assert_eq!(
        outputs[0].1, outputs[1].1,
        "intervals.csv differs between 1 and 2 threads"
    );
    assert_eq!(outputs[0].1, outputs[2].1);
}

#[test]
fn json_flag_prints_the_summary_file() {
    let dir = temp_dir("json");
    let o = ccsim(&[
        "run",
        "scenarios/small-business.toml",
        "--replications",
        "20",
        "--json",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let printed = String::from_utf8(o.stdout).unwrap();
    assert_eq!(printed, read(&dir.join("summary.json")));
    let v: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(v["schema"], "ccsim.summary.v1");
    assert_eq!(v["replications"], 20);
    assert_eq!(v["intervals"].as_array().unwrap().len(), 16);
    assert_eq!(v["intervals"][0]["start"], "09:00");
    assert_eq!(v["intervals"][15]["start"], "16:30");
    assert_eq!(v["service_level"]["threshold_s"], 20.0);
    let keys = [
        "offered",
        "answered",
        "abandoned",
        "blocked",
        "service_level",
        "sl_answered",
        "sl_offered",
        "sl_excl_short_abandons",
        "asa_s",
        "abandon_rate",
        "block_rate",
        "occupancy",
        "wait_p50_s",
        "wait_p90_s",
    ];
    for row in std::iter::once(&v["overall"]).chain(v["intervals"].as_array().unwrap()) {
        for k in keys {
            assert!(row[k]["mean"].is_number(), "{k} mean in {row}");
            assert!(row[k]["ci95"].is_number(), "{k} ci95");
        }
    }
    let csv = read(&dir.join("intervals.csv"));
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("index,start,agents,offered,offered_ci95,answered,answered_ci95,"));
    assert_eq!(csv.lines().count(), 17);
}

#[test]
fn every_call_ends_answered_abandoned_or_blocked() {
    let dir = temp_dir("conservation");
    for sc in ["retail-day", "small-business", "erlang-c-textbook"] {
        let out = dir.join(sc);
        let path = format!("scenarios/{sc}.toml");
        let o = ccsim(&[
            "run",
            &path,
            "--replications",
            "5",
            "--json",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success());
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        for row in std::iter::once(&v["overall"]).chain(v["intervals"].as_array().unwrap()) {
            let m = |k: &str| row[k]["mean"].as_f64().unwrap();
            let ended = m("answered") + m("abandoned") + m("blocked");
            assert!(
                (m("offered") - ended).abs() < 1e-9 * m("offered").max(1.0),
                "{sc}: {row}"
            );
        }
    }
}

#[test]
fn several_scenarios_give_an_array_and_a_folder_each() {
    let dir = temp_dir("several");
    let o = ccsim(&[
        "run",
        "scenarios/small-business.toml",
        "scenarios/retail-day.toml",
        "--replications",
        "3",
        "--json",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(dir.join("small-business/summary.json").exists());
    assert!(dir.join("retail-day/intervals.csv").exists());
}

#[test]
fn table_shows_target_and_intervals() {
    let dir = temp_dir("table");
    let o = ccsim(&[
        "run",
        "scenarios/retail-day.toml",
        "--replications",
        "10",
        "--out",
        dir.to_str().unwrap(),
    ]);
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("target 80%"));
    assert!(text.contains("12:30") && text.contains("below target"));
    assert!(text.contains("Day"));
}

/// A scenario file named `...toml` would send default output to `output/../`: refused,
/// and fine with `--out`.
#[test]
fn a_file_name_that_is_no_folder_name_needs_out() {
    let dir = temp_dir("dots");
    let path = dir.join("...toml");
    std::fs::copy("scenarios/small-business.toml", &path).unwrap();
    let o = ccsim(&[
        "run",
        path.to_str().unwrap(),
        "--replications",
        "2",
        "--quiet",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("gives no folder name") && err.contains("--out"),
        "{err}"
    );
    let out = dir.join("out");
    let o = ccsim(&[
        "run",
        path.to_str().unwrap(),
        "--replications",
        "2",
        "--quiet",
        "--no-charts",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.join("summary.json").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A seed given with --seed can be written back into the file, and the file reads it
/// exactly (a seed above 2^53 was rounded through a float into another seed).
#[test]
fn seeds_have_one_range_and_are_read_exactly() {
    let dir = temp_dir("seed");
    let text = std::fs::read_to_string("scenarios/small-business.toml").unwrap();
    let text = text
        .replace("seed = 1", "seed = 9007199254740993")
        .replace("replications = 200", "replications = 2");
    assert!(
        text.contains("seed = 9007199254740993"),
        "the example sets its seed"
    );
    let path = dir.join("s.toml");
    std::fs::write(&path, &text).unwrap();
    let o = ccsim(&[
        "run",
        path.to_str().unwrap(),
        "--json",
        "--quiet",
        "--no-charts",
        "--out",
        dir.join("o").to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["seed"].as_u64(), Some(9_007_199_254_740_993));
    std::fs::write(
        &path,
        text.replace("9007199254740993", "9223372036854775807"),
    )
    .unwrap();
    assert!(
        ccsim(&["validate", path.to_str().unwrap()])
            .status
            .success()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// More threads than replications in a chunk (256) used to make the chunk bounds cross
/// and panic: on a machine with over 256 cores every run did, with no flag at all.
#[test]
fn more_threads_than_a_chunk_still_give_the_same_bytes() {
    let dir = temp_dir("many-threads");
    let mut summaries = vec![];
    for threads in ["1", "300"] {
        let out = dir.join(threads);
        let o = ccsim(&[
            "run",
            "scenarios/small-business.toml",
            "--replications",
            "20",
            "--threads",
            threads,
            "--quiet",
            "--no-charts",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        summaries.push(read(&out.join("summary.json")));
    }
    assert_eq!(summaries[0], summaries[1]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn flags_are_checked() {
    for args in [
        vec!["run", "scenarios/retail-day.toml", "--replications", "0"],
        vec!["run", "scenarios/retail-day.toml", "--threads", "0"],
        vec!["run", "scenarios/retail-day.toml", "--threads", "100000"],
        vec!["run", "scenarios/retail-day.toml", "--out", ""],
        vec![
            "run",
            "scenarios/retail-day.toml",
            "--seed",
            "9223372036854775808",
        ],
        vec!["staff", "scenarios/retail-day.toml", "--out", " "],
        vec![
            "sweep",
            "scenarios/retail-day.toml",
            "--vary",
            "agents=+1",
            "--out",
            "",
        ],
        vec!["check", "scenarios/retail-day.toml", "--baseline", ""],
        vec!["run", "scenarios/retail-day.toml", "--bogus"],
        vec!["run"],
    ] {
        let o = ccsim(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!o.stderr.is_empty());
    }
}

#[test]
fn validate_checks_without_writing() {
    let o = ccsim(&[
        "validate",
        "scenarios/retail-day.toml",
        "scenarios/small-business.toml",
        "scenarios/erlang-c-textbook.toml",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.contains("retail-day.toml: ok"));
    // One entry per file (long ones wrap onto an indented second line).
    assert_eq!(text.lines().filter(|l| !l.starts_with(' ')).count(), 3);
}

#[test]
fn unwritable_output_is_a_runtime_failure() {
    let dir = temp_dir("unwritable");
    let file = dir.join("a-file");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("sub");
    let o = ccsim(&[
        "run",
        "scenarios/small-business.toml",
        "--replications",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("cannot create the output folder"), "{err}");
}

/// With fewer lines than agents most callers get a busy signal: the table shows it (a
/// column that appears only when there are busy signals) and a warning says why.
#[test]
fn busy_signals_show_in_the_table_and_fewer_lines_than_agents_warn() {
    let dir = temp_dir("busy");
    let path = dir.join("tight.toml");
    std::fs::write(
        &path,
        "name = \"tight lines\"\nlines = 3\n[service_level]\nthreshold = \"20s\"\n\
         target = 0.8\n[arrivals]\ncalls = [60, 80]\n[handle_time]\n\
         distribution = \"exponential\"\nmean = \"3m\"\n[staffing]\nagents = 6\n",
    )
    .unwrap();
    let run = |p: &std::path::Path| {
        ccsim(&[
            "run",
            p.to_str().unwrap(),
            "--replications",
            "5",
            "--quiet",
            "--no-charts",
            "--out",
            dir.join("out").to_str().unwrap(),
        ])
    };
    let o = run(&path);
    assert!(o.status.success());
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(out.contains("Busy %"), "{out}");
    assert!(err.contains("`lines` (3) is below the agents"), "{err}");
    assert!(
        !err.contains("grows without bound"),
        "lines bound the queue: {err}"
    );
    let o = run(std::path::Path::new("scenarios/small-business.toml"));
    assert!(!String::from_utf8_lossy(&o.stdout).contains("Busy %"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Flag mistakes say which flag, what was expected and an example, in ccsim's words
/// (not "invalid digit found in string", not "to pass '-1' as a value, use '-- -1'").
#[test]
fn flag_mistakes_are_explained() {
    for (args, expected) in [
        (
            vec![
                "run",
                "scenarios/small-business.toml",
                "--replications",
                "ten",
            ],
            "--replications <N>': expected a whole number of replications, such as 200",
        ),
        (
            vec!["run", "scenarios/small-business.toml", "--threads", "two"],
            "expected a whole number of threads, such as 2",
        ),
        (
            vec![
                "check",
                "scenarios/small-business.toml",
                "--baseline",
                "b",
                "--tolerance",
                "-1",
            ],
            "--tolerance: expected a multiplier of 0 or more",
        ),
        (
            vec![
                "check",
                "scenarios/small-business.toml",
                "--baseline",
                "b",
                "--metrics",
                "servce_level",
            ],
            "did you mean service_level?",
        ),
    ] {
        let o = ccsim(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

/// An output folder holds one run's results: a rerun with --no-charts removes the charts
/// the previous run wrote, temporaries a killed run left are removed, and files ccsim did
/// not write stay.
#[test]
fn a_rerun_replaces_the_previous_results_as_a_whole() {
    let dir = temp_dir("rerun");
    let out = dir.join("out");
    let run = |extra: &[&str]| {
        let o = ccsim(
            &[
                &[
                    "run",
                    "scenarios/small-business.toml",
                    "--replications",
                    "3",
                    "--quiet",
                    "--out",
                    out.to_str().unwrap(),
                ][..],
                extra,
            ]
            .concat(),
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run(&[]);
    assert!(out.join("chart-service-level.png").is_file());
    std::fs::write(out.join("my-notes.txt"), "mine").unwrap();
    std::fs::write(out.join(".summary.json.tmp-1-deadbeef"), "half a file").unwrap();
    run(&["--no-charts"]);
    assert!(
        !out.join("chart-service-level.png").exists(),
        "stale chart kept"
    );
    assert!(out.join("report.html").is_file() && out.join("summary.json").is_file());
    assert!(
        !out.join(".summary.json.tmp-1-deadbeef").exists(),
        "stale temporary kept"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("my-notes.txt")).unwrap(),
        "mine"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A run killed between its renames leaves a mix and its journal (`.ccsim-commit`); the
/// next ccsim command writing into the folder first completes the killed run's commit, so
/// the folder then holds that run's complete results. The kill is the test-only hook
/// CCSIM_TEST_ABORT_AFTER_RENAMES (the process aborts after that many renames).
#[test]
fn a_run_killed_between_renames_is_completed_by_the_next_writer() {
    let dir = temp_dir("killed");
    let out = dir.join("out");
    let run = |scenario: &str, abort_after: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_ccsim"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
            "run",
            scenario,
            "--replications",
            "3",
            "--quiet",
            "--out",
            out.to_str().unwrap(),
        ]);
        if let Some(n) = abort_after {
            cmd.env("CCSIM_TEST_ABORT_AFTER_RENAMES", n);
        }
        cmd.output().unwrap()
    };
    assert!(run("scenarios/small-business.toml", None).status.success());
    let killed = run("scenarios/retail-day.toml", Some("1"));
    assert!(!killed.status.success(), "the hook aborts the run");
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap();
    let scenario_of_summary = || {
        let v: serde_json::Value = serde_json::from_str(&read("summary.json")).unwrap();
        v["scenario"].as_str().unwrap().to_string()
    };
    // The kill left a mix: the new summary beside the old intervals, and the journal.
    assert_eq!(scenario_of_summary(), "Retail hotline, Monday");
    assert_eq!(read("intervals.csv").lines().count(), 1 + 16);
    assert!(out.join(".ccsim-commit").is_file());

    // Any command writing there completes it first: here `check --update` writing a
    // baseline into the same folder.
    let o = ccsim(&[
        "check",
        "scenarios/erlang-c-textbook.toml",
        "--baseline",
        out.to_str().unwrap(),
        "--update",
        "--replications",
        "3",
        "--quiet",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(scenario_of_summary(), "Retail hotline, Monday");
    assert_eq!(read("intervals.csv").lines().count(), 1 + 48);
    assert!(
        read("report.md")
            .lines()
            .next()
            .unwrap()
            .ends_with("Retail hotline, Monday")
    );
    assert!(!out.join(".ccsim-commit").exists());
    let listed: Vec<String> = read(".ccsim-files").lines().map(String::from).collect();
    assert!(listed.contains(&"report.html".to_string()), "{listed:?}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    // check writes its baseline and the baseline's per-replication values.
    names.retain(|n| {
        n != ".ccsim-files" && n != "erlang-c-textbook.json" && n != "erlang-c-textbook.reps.csv.gz"
    });
    names.sort();
    let mut expected = listed.clone();
    expected.sort();
    assert_eq!(
        names, expected,
        "exactly the killed run's files, no temporaries"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two runs writing to one folder at once: each writes all its files under the folder's
/// lock, so the folder ends with one run's summary, table and report, never a mix.
#[test]
fn concurrent_runs_into_one_folder_leave_one_runs_results() {
    let dir = temp_dir("race");
    let out: &'static std::path::Path = Box::leak(dir.join("out").into_boxed_path());
    let spawn = move |scenario: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_ccsim"))
            .args([
                "run",
                scenario,
                "--replications",
                "20",
                "--quiet",
                "--no-charts",
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap()
    };
    // Measured without the lock: ten rounds ended mixed in 2 test runs of 3 (and never
    // with it). A race test can only make a mix likely, not certain.
    for _ in 0..10 {
        let a = std::thread::spawn(move || spawn("scenarios/small-business.toml"));
        let b = spawn("scenarios/retail-day.toml");
        let a = a.join().unwrap();
        assert!(a.status.success() && b.status.success());
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap())
                .unwrap();
        let name = summary["scenario"].as_str().unwrap().to_string();
        let rows = std::fs::read_to_string(out.join("intervals.csv"))
            .unwrap()
            .lines()
            .count();
        let report = std::fs::read_to_string(out.join("report.md")).unwrap();
        assert_eq!(
            rows - 1,
            summary["intervals"].as_array().unwrap().len(),
            "{name}"
        );
        // The report's title names the scenario of the summary beside it.
        let title = report.lines().next().unwrap();
        assert!(title.ends_with(&name), "{title} beside a summary of {name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
