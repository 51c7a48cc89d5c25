//! `ccsim report` (issue 12): comparing scenarios with common random numbers and paired
//! confidence intervals, the report of a sweep folder, and the `[report]` table.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use ccsim::compare::{self, CompareOptions, Comparison};
use ccsim::report::client::doc::Block;
use ccsim::report::client::{ReportOptions, markdown};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::Metric;

use crate::report::{assert_no_english, english_phrases, visible_text};
use crate::support::{TempDir, ccsim, flat, outcome, repo_file};

const SMALL: &str = "scenarios/small-business.toml";

/// The small-business example with its text changed by `edit`, as a scenario file path.
fn variant(dir: &TempDir, file: &str, edit: &dyn Fn(&str) -> String) -> String {
    let text = std::fs::read_to_string(repo_file(SMALL)).unwrap();
    let path = dir.arg(file);
    std::fs::write(&path, edit(&text)).unwrap();
    path
}

fn renamed(text: &str, name: &str) -> String {
    text.replace(
        "name = \"Small-business hotline, 9 to 5\"",
        &format!("name = \"{name}\""),
    )
}

/// One more agent all day: 7 instead of 6.
fn plus_one(text: &str) -> String {
    renamed(text, "One more agent").replace("agents = 6 ", "agents = 7 ")
}

fn load(path: &str) -> Scenario {
    let text = std::fs::read_to_string(path).unwrap();
    parse_scenario(path, &text).unwrap()
}

/// Compares scenarios through the library, `replications` each, on `threads` threads.
fn compare_all(scenarios: Vec<Scenario>, replications: u64, threads: usize) -> Comparison {
    let (prepared, _) = compare::prepare(scenarios, None, Some(replications)).unwrap();
    let cancel = AtomicBool::new(false);
    compare::simulate(
        prepared,
        &CompareOptions {
            threads,
            on_progress: &|_| {},
            cancel: &cancel,
        },
    )
    .unwrap()
}

/// The metrics the report's tables show.
const SHOWN: [Metric; 5] = [
    Metric::ServiceLevel,
    Metric::AsaS,
    Metric::AbandonRate,
    Metric::BlockRate,
    Metric::Occupancy,
];

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero() {
    let sc = load(&repo_file(SMALL));
    let cmp = compare_all(vec![sc.clone(), sc], 40, 2);
    for m in SHOWN {
        let d = cmp.difference(1, m);
        assert_eq!(d.mean, Some(0.0), "{m:?}");
        assert_eq!(d.ci95, Some(0.0), "{m:?}: a zero-width interval");
        assert!(!d.significant(), "{m:?}");
        assert_eq!(d.n, 40);
    }
    // The same file twice: names fall back to the stem, then are numbered.
    assert_eq!(
        cmp.variants
            .iter()
            .map(|v| v.name.as_str())
            .collect::<Vec<_>>(),
        [
            "Small-business hotline, 9 to 5 (1)",
            "Small-business hotline, 9 to 5 (2)"
        ]
    );
}

#[test]
fn pairing_narrows_the_interval_of_a_one_more_agent_variant() {
    let dir = TempDir::new("cmp-crn");
    let base = load(&repo_file(SMALL));
    let more = load(&variant(&dir, "more.toml", &plus_one));
    let cmp = compare_all(vec![base.clone(), more.clone()], 200, 2);
    let d = cmp.difference(1, Metric::ServiceLevel);
    let (paired, unpaired) = (d.ci95.unwrap(), d.unpaired_ci95.unwrap());
    eprintln!(
        "one more agent: +{:.4} ± {:.4} paired, ± {:.4} unpaired",
        d.mean.unwrap(),
        paired,
        unpaired
    );
    assert!(d.significant() && d.mean.unwrap() > 0.0, "{d:?}");
    // Common random numbers: the same callers in both, so most of the noise cancels.
    assert!(
        paired < 0.5 * unpaired,
        "paired {paired} vs unpaired {unpaired}"
    );

    // The control: the same two scenarios on different random numbers (seeds 1 and 2).
    // Pairing then gains nothing, so the test above measures common random numbers.
    let (mut prepared, _) = compare::prepare(vec![base, more], None, Some(200)).unwrap();
    prepared[1].experiment.seed = 2;
    let cancel = AtomicBool::new(false);
    let independent = compare::simulate(
        prepared,
        &CompareOptions {
            threads: 2,
            on_progress: &|_| {},
            cancel: &cancel,
        },
    )
    .unwrap();
    let d = independent.difference(1, Metric::ServiceLevel);
    let (p, u) = (d.ci95.unwrap(), d.unpaired_ci95.unwrap());
    eprintln!("independent seeds: ± {p:.4} paired, ± {u:.4} unpaired");
    assert!(
        p > 0.7 * u,
        "without common random numbers, paired {p} vs {u}"
    );
}

#[test]
fn the_difference_table_holds_the_differences_of_the_summaries() {
    let dir = TempDir::new("cmp-table");
    let base = load(&repo_file(SMALL));
    let busier = load(&variant(&dir, "busier.toml", &|t| {
        renamed(t, "+10 % calls").replace(
            "calls = [14, 22, 28, 30, 27, 24, 20, 26, 30, 26, 22, 20, 18, 16, 12, 8]",
            "calls = [15.4, 24.2, 30.8, 33, 29.7, 26.4, 22, 28.6, 33, 28.6, 24.2, 22, 19.8, 17.6, 13.2, 8.8]",
        )
    }));
    let cmp = compare_all(vec![base, busier], 60, 2);
    for m in SHOWN {
        let mean = |v: usize| cmp.variants[v].result.estimates.overall[m as usize].mean;
        let (Some(a), Some(b)) = (mean(0), mean(1)) else {
            continue;
        };
        let d = cmp.difference(1, m).mean.unwrap();
        assert!(
            (d - (b - a)).abs() <= 1e-12 * (1.0 + a.abs()),
            "{m:?}: {d} vs {b} - {a}"
        );
    }
    // The rendered table shows the same numbers.
    let doc = ccsim::report::compare::build(&cmp, &ReportOptions::default(), None);
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.header[0] == "Scenario" => Some(t),
            _ => None,
        })
        .expect("a difference table");
    let sl = |v: usize| {
        cmp.variants[v].result.estimates.overall[Metric::ServiceLevel as usize]
            .mean
            .unwrap()
    };
    let expected = format!("−{:.1}\u{a0}pts\u{a0}±\u{a0}", (sl(0) - sl(1)) * 100.0);
    let cell = &table.rows[0].cells[1];
    assert!(cell.starts_with(&expected), "{cell} vs {expected}");
    let md = markdown::render(&doc);
    assert!(
        md.contains("+10 % calls: service level falls from "),
        "{md}"
    );
}

/// Runs `ccsim report` with arguments and a few replications.
fn report(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["--replications", "20", "--quiet"]);
    outcome(&ccsim(&all))
}

/// Runs `ccsim report` on a sweep folder (nothing simulated: no replication flags).
fn sweep_report(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.push("--quiet");
    outcome(&ccsim(&all))
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn the_report_compares_in_english_and_in_french() {
    let dir = TempDir::new("cmp-lang");
    let more = variant(&dir, "more.toml", &plus_one);
    let en = dir.arg("en");
    let (code, stdout, stderr) = report(&[SMALL, &more, "--out", &en]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 scenarios compared"), "{stdout}");
    for line in stdout.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line}");
    }
    let html = read(Path::new(&en), "report.html");
    let text = flat(&visible_text(&html));
    assert!(text.contains("2 scenarios compared"));
    assert!(
        text.contains("One more agent: service level rises from "),
        "{text}"
    );
    assert!(text.contains("Differences from Small-business hotline, 9 to 5"));
    assert!(
        html.contains("<svg") && !html.contains("http"),
        "self-contained"
    );
    assert!(Path::new(&en).join("compare-service-level.png").is_file());

    let fr = dir.arg("fr");
    let (code, _, stderr) = report(&[SMALL, &more, "--out", &fr, "--lang", "fr"]);
    assert_eq!(code, 0, "{stderr}");
    let html = read(Path::new(&fr), "report.html");
    assert!(html.contains("<html lang=\"fr\">"));
    let names = |t: &str| {
        t.replace("Small-business hotline, 9 to 5", "")
            .replace("One more agent", "")
    };
    let text = flat(&visible_text(&html));
    assert!(
        text.contains("le niveau de service monte de "),
        "French sentence: {text}"
    );
    assert!(
        visible_text(&html).contains("\u{a0}%"),
        "French percentages"
    );
    let phrases = english_phrases();
    // Up to the technical details, which name the files (in cargo's `target` folder).
    let before_details = |t: &str| names(t.split("Détails techniques").next().unwrap());
    assert_no_english("report.html", &before_details(&text), &phrases);
    let md = read(Path::new(&fr), "report.md");
    assert_no_english("report.md", &before_details(&md), &phrases);
    let svg = read(Path::new(&fr), "compare-service-level.svg");
    assert_no_english("chart", &names(&visible_text(&svg)), &phrases);
    // Every chart text is at least the kit's minimum size.
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size.split('"').next().unwrap().parse().unwrap();
        assert!(px >= ccsim::report::charts::kit::MIN_TEXT, "{px} px");
    }
}

#[test]
fn a_comparison_does_not_depend_on_the_thread_count() {
    let dir = TempDir::new("cmp-threads");
    let more = variant(&dir, "more.toml", &plus_one);
    let (a, b) = (dir.arg("t1"), dir.arg("t2"));
    for (out, threads) in [(&a, "1"), (&b, "2")] {
        let (code, _, stderr) = report(&[SMALL, &more, "--out", out, "--threads", threads]);
        assert_eq!(code, 0, "{stderr}");
    }
    for file in [
        "report.html",
        "report.md",
        "compare-service-level.svg",
        "compare-service-level.png",
    ] {
        let (x, y) = (
            std::fs::read(Path::new(&a).join(file)).unwrap(),
            std::fs::read(Path::new(&b).join(file)).unwrap(),
        );
        assert!(x == y, "{file} differs between 1 and 2 threads");
    }
}

#[test]
fn what_cannot_be_compared_exits_2_naming_the_files() {
    let dir = TempDir::new("cmp-bad");
    let out = dir.arg("out");
    let retail = "scenarios/retail-day.toml";
    let (code, _, err) = report(&[SMALL, retail, "--out", &out]);
    assert_eq!(code, 2);
    assert!(
        err.contains(SMALL) && err.contains(retail) && err.contains("planning intervals"),
        "{err}"
    );
    let offered = variant(&dir, "offered.toml", &|t| {
        t.replace("target = 0.80 ", "target = 0.80\nof = \"offered\" ")
    });
    let (code, _, err) = report(&[SMALL, &offered, "--out", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("service-level definition"), "{err}");
    let (code, _, err) = report(&[SMALL, "--out", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("at least two scenario files"), "{err}");
    let (code, _, err) = report(&[SMALL, dir.arg("").as_str(), "--out", &out]);
    assert_eq!(code, 2);
    assert!(err.contains("found a folder"), "{err}");
    // A folder that is not a sweep's.
    let (code, _, err) = report(&[dir.arg("").as_str()]);
    assert_eq!(code, 2);
    assert!(err.contains("expected a sweep folder"), "{err}");
    assert_eq!(err.lines().count(), 1, "one message: {err}");
    assert!(!Path::new(&out).exists(), "nothing is written");
}

#[test]
fn a_scenario_with_itself_reports_no_difference() {
    let dir = TempDir::new("cmp-self");
    let out = dir.arg("out");
    let (code, _, stderr) = report(&[SMALL, SMALL, "--out", &out]);
    assert_eq!(code, 0, "{stderr}");
    let md = read(Path::new(&out), "report.md");
    assert!(
        md.contains("no significant difference from Small-business hotline, 9 to 5 (1)"),
        "{md}"
    );
    assert!(
        md.contains("| 0.0\u{a0}pts\u{a0}±\u{a0}0.0, not significant |"),
        "{md}"
    );
}

/// Runs a small sweep into `dir` and returns its folder.
fn sweep(dir: &TempDir, extra: &[&str]) -> String {
    let out = dir.arg("sweep");
    let mut args = vec![
        "sweep",
        SMALL,
        "--vary",
        "agents=-1..+1",
        "--replications",
        "20",
        "--quiet",
        "--no-charts",
        "--out",
        &out,
    ];
    args.extend_from_slice(extra);
    let (code, _, err) = outcome(&ccsim(&args));
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn a_sweep_folder_gets_a_report_that_reads_its_files() {
    let dir = TempDir::new("sweep-report");
    let folder = sweep(&dir, &["--vary", "calls=100%..120%/20%"]);
    let (code, stdout, err) = sweep_report(&[&folder]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("6 variants"), "{stdout}");
    let out = Path::new(&folder).join("report");
    let md = read(&out, "report.md");
    // The reading agrees with sweep.csv: count the variants at or above the target.
    let csv = read(Path::new(&folder), "sweep.csv");
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "service_level").unwrap();
    let rows: Vec<Vec<&str>> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let meets = rows
        .iter()
        .filter(|r| r[col].parse::<f64>().unwrap() >= 0.8)
        .count();
    assert!(meets > 0 && meets < 6, "the example has both: {meets}");
    assert!(
        md.contains(&format!("{meets} of the 6 variants meet the 80% target")),
        "{md}"
    );
    // For each call volume, the fewest agents added that meet the target.
    for calls in ["100", "120"] {
        let best = rows
            .iter()
            .filter(|r| r[1] == calls && r[col].parse::<f64>().unwrap() >= 0.8)
            .map(|r| r[0].parse::<i64>().unwrap())
            .min();
        if let Some(b) = best {
            let value = match b {
                0 => "0".to_string(),
                b if b > 0 => format!("+{b}"),
                b => format!("−{}", -b),
            };
            let s = format!(
                "With Calls {calls}%, the cheapest variant that meets it: Agents {value}, at "
            );
            assert!(md.contains(&s), "{s} in {md}");
        }
    }
    assert!(md.contains("(sweep-service-level.png)"), "charts redrawn");
    assert_eq!(md.matches("| yes |").count(), meets);

    // French, into another folder.
    let fr = dir.arg("fr");
    let (code, _, err) = sweep_report(&[&folder, "--lang", "fr", "--out", &fr]);
    assert_eq!(code, 0, "{err}");
    let text = flat(&visible_text(&read(Path::new(&fr), "report.html")));
    let text = text.replace("Small-business hotline, 9 to 5", "");
    assert!(text.contains("variantes sur 6 atteignent"), "{text}");
    // The technical details quote the command line (`--vary agents=…`), in English.
    let text = text.split("Détails techniques").next().unwrap();
    assert_no_english("sweep report", text, &english_phrases());

    // Refused: simulation flags (nothing is simulated), writing over the sweep folder,
    // and a shard of a sweep.
    let (code, _, err) = outcome(&ccsim(&["report", &folder, "--seed", "3"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--seed") && err.contains("ccsim sweep"),
        "{err}"
    );
    let (code, _, err) = sweep_report(&[&folder, "--out", &folder]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("other than the sweep folder"), "{err}");
    assert!(Path::new(&folder).join("sweep.csv").is_file());
    let shard = dir.arg("shard");
    let (code, _, err) = outcome(&ccsim(&[
        "sweep",
        SMALL,
        "--vary",
        "agents=-1..+1",
        "--shard",
        "1/2",
        "--replications",
        "5",
        "--quiet",
        "--out",
        &shard,
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = sweep_report(&[&shard]);
    assert_eq!(code, 2);
    assert!(
        err.contains("shard 1/2") && err.contains("ccsim merge"),
        "{err}"
    );
}

#[test]
fn report_metadata_comes_from_the_scenario_and_flags_override_it() {
    let dir = TempDir::new("report-meta");
    let with_meta = |extra: &str| {
        let extra = extra.to_string();
        move |t: &str| format!("{t}\n[report]\n{extra}\n")
    };
    let sc = variant(
        &dir,
        "meta.toml",
        &with_meta(
            "client = \"Boulangerie Martin\"\nauthor = \"A. Consultant\"\n\
             date = \"29 November 2026\"\nnote = \"Draft for Monday.\"",
        ),
    );
    // run: from the file.
    let out = dir.arg("run");
    let (code, _, err) = outcome(&ccsim(&[
        "run",
        &sc,
        "--replications",
        "5",
        "--quiet",
        "--no-charts",
        "--out",
        &out,
    ]));
    assert_eq!(code, 0, "{err}");
    let text = flat(&visible_text(&read(Path::new(&out), "report.html")));
    assert!(
        text.contains("Prepared for Boulangerie Martin by A. Consultant, 29 November 2026"),
        "{text}"
    );
    assert!(text.contains("Draft for Monday."));
    // report: the first scenario's, with --client overriding the file's.
    let out = dir.arg("cmp");
    let (code, _, err) = report(&[&sc, SMALL, "--out", &out, "--client", "Martin & Fils"]);
    assert_eq!(code, 0, "{err}");
    let text = flat(&visible_text(&read(Path::new(&out), "report.html")));
    assert!(
        text.contains("Prepared for Martin & Fils by A. Consultant, 29 November 2026"),
        "{text}"
    );
    // staff: from the file too.
    let out = dir.arg("staff");
    let (code, _, err) = outcome(&ccsim(&[
        "staff",
        &sc,
        "--method",
        "erlang-c",
        "--replications",
        "5",
        "--quiet",
        "--no-charts",
        "--out",
        &out,
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(read(Path::new(&out), "report.md").contains("Prepared for Boulangerie Martin"));

    // Bad values: file, line, key, what was expected and what was found.
    for (body, key, expected) in [
        (
            "note = \"a\\tb\"",
            "report.note",
            "without control characters",
        ),
        ("client = 12", "report.client", "a string"),
        ("author = \"  \"", "report.author", "some text"),
        ("title = \"x\"", "title", "known keys"),
    ] {
        let bad = variant(&dir, "bad.toml", &with_meta(body));
        let (code, _, err) = outcome(&ccsim(&["validate", &bad]));
        assert_eq!(code, 2, "{body}: {err}");
        assert!(
            err.contains("bad.toml:") && err.contains(key) && err.contains(expected),
            "{body}: {err}"
        );
    }
}
