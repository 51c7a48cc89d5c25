//! Issue 7, bad input: mutated scenarios and forecast files never panic or hang; each is
//! either accepted (and then simulates with every call accounted for) or refused with one
//! message naming the file and, where there is one, the line and the key. Inputs whose
//! meaning is unambiguous (a byte-order mark, Windows line endings, a French spreadsheet
//! export) are accepted and read exactly like their plain equivalents.
//!
//! Property tests run `PROPTEST_CASES` cases each (default [`DEFAULT_CASES`], a few
//! seconds in all); `PROPTEST_CASES=20000 PROPTEST_RNG_SEED=$RANDOM cargo test robustness` is a longer
//! run with fresh cases (the default seed is fixed so that CI runs the same cases).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ccsim::engine::{self, Outcome, Workspace};
use ccsim::error::Error;
use ccsim::scenario::{self, Scenario};
use ccsim::stats::Tally;
use proptest::prelude::*;

pub use crate::support::{ccsim, temp_dir};

/// Cases per property test when `PROPTEST_CASES` is not set: sized for CI.
pub const DEFAULT_CASES: u32 = 300;

pub fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

/// Proptest's defaults (which read the `PROPTEST_*` variables) with CI's case count and,
/// unless `PROPTEST_RNG_SEED` is set, a fixed seed so that CI runs the same cases each time.
fn config() -> ProptestConfig {
    let mut c = ProptestConfig {
        cases: cases(),
        // Failures are reported with their minimal input; no files are written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        c.rng_seed = proptest::test_runner::RngSeed::Fixed(7);
    }
    c
}

/// Simulates `reps` replications and checks that every call of every interval (and of
/// the warm-up) ended answered, abandoned or blocked.
pub fn simulate_checked(sc: &Scenario, reps: u64) -> Vec<(Tally, Outcome)> {
    let mut ws = Workspace::default();
    (0..reps)
        .map(|rep| {
            let mut tally = Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
            let out = engine::simulate(&sc.model, &sc.experiment, rep, &mut tally, &mut ws);
            assert_eq!(out.stranded, 0, "{}: calls stranded", sc.labels.path);
            for (i, s) in tally.slots.iter().enumerate() {
                assert_eq!(
                    s.offered,
                    s.answered + s.abandoned + s.blocked,
                    "{}: slot {i} of replication {rep} loses calls: {s:?}",
                    sc.labels.path
                );
                assert!(s.answered_within <= s.answered && s.abandoned_within <= s.abandoned);
                assert!(s.wait_sum.is_finite() && s.wait_sum >= 0.0);
                assert!(s.busy_time.is_finite() && s.busy_time >= 0.0);
                assert!(s.busy_time <= s.staffed_time * (1.0 + 1e-9) + 1e-9);
            }
            (tally, out)
        })
        .collect()
}

/// What every refusal must look like: an input error (exit code 2), one line, starting
/// with the file it is about, saying what was expected; a `file:line:col` location must
/// point inside the file.
pub fn check_refusal(err: &Error, files: &[(&str, &str)]) {
    let Error::Input(msg) = err else {
        panic!("bad input must be an input error (exit 2), got {err:?}");
    };
    assert_eq!(err.exit_code(), 2);
    assert!(!msg.contains('\n'), "one line, got {msg:?}");
    assert!(
        msg.contains("expected") || msg.contains("invalid TOML") || msg.contains("cannot read"),
        "message says what was expected: {msg}"
    );
    let Some((path, text)) = files.iter().find(|(p, _)| msg.starts_with(p)) else {
        // Another file the scenario names (a CSV the mutation pointed elsewhere).
        let named = msg.split(": ").next().unwrap();
        let named = named.trim_end_matches(|c: char| c.is_ascii_digit() || c == ':');
        let name = Path::new(named)
            .file_name()
            .unwrap_or_default()
            .to_string_lossy();
        assert!(
            !name.is_empty() && files.iter().any(|(_, t)| t.contains(&*name)),
            "message names the file ({files:?}): {msg}"
        );
        return;
    };
    let rest = &msg[path.len()..];
    if let Some(loc) = rest
        .strip_prefix(':')
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
    {
        let line: usize = loc
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|l| l.parse().ok())
            .unwrap_or_else(|| panic!("a line number after the file name: {msg}"));
        let lines = text.lines().count().max(1) + 1;
        assert!(line >= 1 && line <= lines, "line {line} of {lines}: {msg}");
    }
    assert!(!msg.contains("NaN") && !msg.contains("panick"), "{msg}");
}

/// Accepted input must be simulatable: every derived number finite, and (when small
/// enough to do quickly) a replication accounts for every call.
fn check_accepted(sc: &Scenario) {
    let calls = sc.model.main_type();
    assert!(sc.model.intervals() > 0);
    assert!(sc.model.clock.interval_s.is_finite() && sc.model.clock.interval_s > 0.0);
    assert!(sc.model.clock.horizon_s.is_finite() && sc.model.clock.horizon_s > 0.0);
    for (rate, scale) in calls.rates.iter().zip(&calls.aht_scale) {
        assert!(rate.is_finite() && *rate >= 0.0, "rate {rate}");
        assert!(scale.is_finite() && *scale > 0.0, "aht scale {scale}");
    }
    let m = sc.model.main_type().handle_time.mean();
    assert!(m.is_finite() && m > 0.0);
    // The engine must finish: a last interval without agents needs patience.
    if sc.model.agents_in(sc.model.intervals() - 1) == 0 && sc.model.expected_calls() > 0.0 {
        assert!(
            sc.model.main_type().patience.is_some(),
            "accepted a scenario that never drains"
        );
    }
    let busy_hours =
        sc.model.expected_calls() * m * calls.aht_scale.iter().copied().fold(0.0, f64::max);
    if sc.model.expected_calls() < 5_000.0 && sc.model.intervals() < 5_000 && busy_hours < 1e7 {
        simulate_checked(sc, 1);
    }
}

fn check(path: &str, text: &str, res: Result<Scenario, Error>, others: &[(&str, &str)]) {
    match res {
        Ok(sc) => check_accepted(&sc),
        Err(e) => {
            let mut files = vec![(path, text)];
            files.extend_from_slice(others);
            check_refusal(&e, &files)
        }
    }
}

const SMALL: &str = include_str!("../scenarios/small-business.toml");
const RETAIL: &str = include_str!("../scenarios/retail-day.toml");
const TEXTBOOK: &str = include_str!("../scenarios/erlang-c-textbook.toml");
/// Every optional key at once, with a forecast file and an empirical distribution.
const FULL: &str = r#"name = "Every key"
interval = "15m"
start = "08:00"
lines = 40

[service_level]
threshold = "20s"
target = 0.8
of = "offered"

[arrivals]
file = "forecast.csv"

[handle_time]
distribution = "empirical"
file = "durations.csv"
column = "handle_s"

[patience]
distribution = "weibull"
shape = 1.5
scale = "2m"

[staffing]
shrinkage = 0.3

[simulation]
replications = 3
seed = 9
warmup = "15m"
"#;
const FORECAST: &str =
    "time,calls,aht_s,agents\n08:00,20,240,3\n08:15,25.5,250,4\n08:30,30,4m,5\n08:45,12,200,2\n";
const DURATIONS: &str = "id;handle_s\n1;120\n2;300,5\n3;4m\n4;45\n";

/// Values that break parsers: huge, tiny, non-finite, negative, wrong type.
const JUNK: &[&str] = &[
    "nan",
    "inf",
    "-inf",
    "+nan",
    "-1",
    "0",
    "-0.0",
    "1e308",
    "1e-308",
    "5e-324",
    "99999999999999999999",
    "18446744073709551615",
    "9223372036854775807",
    "0x7fffffffffffffff",
    "1_000_000",
    "1e15",
    "1e9",
    "0.5",
    "1.000000001",
    "100",
    "\"\"",
    "\" \"",
    "\"abc\"",
    "true",
    "[]",
    "[1, \"a\"]",
    "[nan]",
    "[-1, 2]",
    "[1e308, 1e308]",
    "{}",
    "{ a = 1 }",
    "1979-05-27",
    "07:32:00",
    "\"nan\"",
    "\"inf\"",
    "\"1e400s\"",
    "\"-5m\"",
    "\"5 parsecs\"",
    "\"1h30\"",
    "\"0s\"",
    "\"1ms\"",
    "\"1e-9s\"",
    "\"100000000000d\"",
    "\"600/h\"",
    "\"1e300/s\"",
    "\"-3/min\"",
    "\"nan/h\"",
    "\"08:00\"",
    "\"25:99\"",
    "\"answered\"",
    "\"lognormal\"",
    "\"gamma\"",
    "\"fixed\"",
    "\"uniform\"",
    "\"weibull\"",
    "\"erlang\"",
    "\"empirical\"",
    "\"exponential\"",
    "\"pareto\"",
    "\"forecast.csv\"",
    "\"missing.csv\"",
    "\"durations.csv\"",
    "\"../\"",
    "\"/dev/null\"",
    "\"é\"",
    "'''multi\nline'''",
];

/// A position: taken modulo the length of whatever it indexes.
#[derive(Debug, Clone, Copy)]
struct At(usize);

impl At {
    fn index(self, len: usize) -> usize {
        self.0 % len.max(1)
    }
}

fn at() -> impl Strategy<Value = At> {
    any::<usize>().prop_map(At)
}

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(At),
    DeleteLine(At),
    DuplicateLine(At),
    /// Replaces the value of the n-th `key = value` line (or of line n, when exhaustive).
    Junk(At, At),
    /// Replaces the value with a random number.
    Number(At, f64),
    /// Quotes an unquoted value, unquotes a quoted one.
    FlipType(At),
    /// Misspells a key.
    TypoKey(At),
    Insert(At, String),
    /// Moves a line elsewhere (a key into another section).
    MoveLine(At, At),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => at().prop_map(Mutation::Truncate),
        1 => at().prop_map(Mutation::DeleteLine),
        1 => at().prop_map(Mutation::DuplicateLine),
        3 => (at(), at()).prop_map(|(a, b)| Mutation::Junk(a, b)),
        2 => (at(), prop_oneof![any::<f64>(), -1e6..1e6f64, 0.0..2.0f64])
            .prop_map(|(a, x)| Mutation::Number(a, x)),
        1 => at().prop_map(Mutation::FlipType),
        1 => at().prop_map(Mutation::TypoKey),
        1 => (at(), "\\PC{0,12}|[\\[\\]=\"'#\\n.,{}]{1,4}")
            .prop_map(|(a, s)| Mutation::Insert(a, s)),
        1 => (at(), at()).prop_map(|(a, b)| Mutation::MoveLine(a, b)),
    ]
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let kv: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = lines[i].trim_start();
            !l.starts_with('#') && !l.starts_with('[') && l.contains('=')
        })
        .collect();
    let set_value = |lines: &mut Vec<String>, i: usize, v: &str| {
        let (k, _) = lines[i].split_once('=').unwrap();
        lines[i] = format!("{k}= {v}");
    };
    match m {
        Mutation::Truncate(at) => {
            let mut cut = at.index(text.len() + 1);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            return text[..cut].to_string();
        }
        Mutation::DeleteLine(i) if !lines.is_empty() => {
            lines.remove(i.index(lines.len()));
        }
        Mutation::DuplicateLine(i) if !lines.is_empty() => {
            let i = i.index(lines.len());
            lines.insert(i, lines[i].clone());
        }
        Mutation::Junk(i, j) if !kv.is_empty() => {
            // An index that is itself a key line means that line; otherwise the n-th key line.
            let line = if kv.contains(&i.0) {
                i.0
            } else {
                kv[i.index(kv.len())]
            };
            set_value(&mut lines, line, JUNK[j.index(JUNK.len())])
        }
        Mutation::Number(i, x) if !kv.is_empty() => {
            let v = if x.is_finite() {
                format!("{x:?}")
            } else {
                "nan".into()
            };
            set_value(&mut lines, kv[i.index(kv.len())], &v)
        }
        Mutation::FlipType(i) if !kv.is_empty() => {
            let i = kv[i.index(kv.len())];
            let (_, v) = lines[i].split_once('=').unwrap();
            let v = v.split('#').next().unwrap().trim().to_string();
            let flipped = match v.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                Some(inner) => inner.to_string(),
                None => format!("\"{v}\""),
            };
            set_value(&mut lines, i, &flipped)
        }
        Mutation::TypoKey(i) if !kv.is_empty() => {
            let i = kv[i.index(kv.len())];
            lines[i] = lines[i].replacen(" =", "s =", 1);
        }
        Mutation::Insert(at, s) => {
            let mut pos = at.index(text.len() + 1);
            while !text.is_char_boundary(pos) {
                pos -= 1;
            }
            return format!("{}{s}{}", &text[..pos], &text[pos..]);
        }
        Mutation::MoveLine(a, b) if !kv.is_empty() => {
            let line = lines.remove(kv[a.index(kv.len())]);
            let to = b.index(lines.len() + 1);
            lines.insert(to, line);
        }
        _ => {}
    }
    lines.join("\n") + "\n"
}

/// A folder holding the FULL scenario's CSV files, made once per process.
fn full_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let d = temp_dir("full");
        std::fs::write(d.join("forecast.csv"), FORECAST).unwrap();
        std::fs::write(d.join("durations.csv"), DURATIONS).unwrap();
        d
    })
}

#[test]
fn the_unmutated_bases_are_valid() {
    for (name, text) in [
        ("small.toml", SMALL),
        ("retail.toml", RETAIL),
        ("textbook.toml", TEXTBOOK),
    ] {
        let sc = scenario::parse_scenario(name, text).unwrap();
        check_accepted(&sc);
    }
    let path = full_dir().join("full.toml");
    let sc = scenario::parse_scenario(path.to_str().unwrap(), FULL).unwrap();
    assert_eq!(sc.model.intervals(), 4);
    check_accepted(&sc);
}

proptest! {
    #![proptest_config(config())]

    /// Mutated scenario text: accepted and simulatable, or refused with a located message.
    #[test]
    fn mutated_scenarios_are_accepted_or_refused_clearly(
        base in 0..4usize,
        muts in prop::collection::vec(mutation(), 1..4),
    ) {
        let full_path = full_dir().join("full.toml");
        let (path, text) = match base {
            0 => ("scenarios/small-business.toml", SMALL),
            1 => ("scenarios/retail-day.toml", RETAIL),
            2 => ("scenarios/erlang-c-textbook.toml", TEXTBOOK),
            _ => (full_path.to_str().unwrap(), FULL),
        };
        let text = muts.iter().fold(text.to_string(), |t, m| apply(&t, m));
        let forecast = full_dir().join("forecast.csv");
        let durations = full_dir().join("durations.csv");
        let others = [(forecast.to_str().unwrap(), FORECAST), (durations.to_str().unwrap(), DURATIONS)];
        check(path, &text, scenario::parse_scenario(path, &text), &others);
    }

    /// Raw bytes: inserted binary, invalid UTF-8, BOMs, CR/LF changes, read through `load`.
    #[test]
    fn mutated_bytes_are_accepted_or_refused_clearly(
        base in 0..3usize,
        at in at(),
        bytes in prop::collection::vec(any::<u8>(), 0..8),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let text = [SMALL, RETAIL, TEXTBOOK][base];
        let text = if crlf { text.replace('\n', "\r\n") } else { text.to_string() };
        let mut data = text.into_bytes();
        let pos = at.index(data.len() + 1);
        data.splice(pos..pos, bytes);
        if bom {
            data.splice(0..0, *b"\xEF\xBB\xBF");
        }
        let dir = temp_dir("bytes");
        let path = dir.join("s.toml");
        std::fs::write(&path, &data).unwrap();
        let p = path.to_str().unwrap();
        let shown = String::from_utf8_lossy(&data).into_owned();
        check(p, &shown, scenario::load(p), &[]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// Forecast and duration CSV files, mutated cell by cell and byte by byte, in the
    /// layouts spreadsheets export.
    #[test]
    fn mutated_csv_files_are_accepted_or_refused_clearly(
        layout in 0..4usize,
        cell in at(),
        junk in prop_oneof![
            prop::sample::select(vec!["", " ", "nan", "inf", "-1", "-0", "1e308", "1e-308",
                "1e400", "12,5", "1.234,5", "1 234", "0x10", "\"3\"", "\"", "ten", "4m", "-4m",
                "0", "2.5", "1e6", "1000001", "\u{a0}12", "12\u{202f}000"]).prop_map(String::from),
            "\\PC{0,6}",
            any::<f64>().prop_map(|x| x.to_string()),
        ],
        row_op in 0..5usize,
        row in at(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        which in any::<bool>(),
    ) {
        let rows: [&[&str]; 5] = [
            &["time", "calls", "aht_s", "agents"],
            &["08:00", "20", "240", "3"],
            &["08:15", "25.5", "250", "4"],
            &["08:30", "30", "4m", "5"],
            &["08:45", "12", "200", "2"],
        ];
        let mut grid: Vec<Vec<String>> =
            rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
        // Which column and data row to spoil; the header can be spoiled too.
        let (r, c) = { let k = cell.index(20); (k / 4, k % 4) };
        grid[r][c] = junk;
        let (sep, french) = match layout { 0 => (",", false), 1 => (";", true), 2 => ("\t", false), _ => (";", false) };
        let mut lines: Vec<String> = grid.iter().map(|r| {
            r.iter().map(|c| if french { c.replace('.', ",") } else { c.clone() }).collect::<Vec<_>>().join(sep)
        }).collect();
        let i = row.index(lines.len());
        match row_op {
            0 => { lines.remove(i); }
            1 => { let l = lines[i].clone(); lines.insert(i, l); }
            2 => {
                let l = lines[i].clone();
                let mut cut = l.len() / 2;
                while !l.is_char_boundary(cut) { cut -= 1; }
                lines[i] = l[..cut].to_string();
            }
            _ => {}
        }
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut csv = lines.join(nl);
        csv.push_str(nl);
        if bom { csv.insert(0, '\u{feff}'); }
        let dir = temp_dir("csv");
        let forecast = dir.join("forecast.csv");
        let durations = dir.join("durations.csv");
        // Either the forecast or the durations file gets the spoiled content.
        let (fc, du) = if which {
            (csv.clone(), DURATIONS.to_string())
        } else {
            (FORECAST.to_string(), csv.replace("aht_s", "handle_s"))
        };
        std::fs::write(&forecast, &fc).unwrap();
        std::fs::write(&durations, &du).unwrap();
        let path = dir.join("full.toml");
        std::fs::write(&path, FULL).unwrap();
        let p = path.to_str().unwrap();
        let others = [(forecast.to_str().unwrap(), fc.as_str()), (durations.to_str().unwrap(), du.as_str())];
        check(p, FULL, scenario::load(p), &others);
        std::fs::remove_dir_all(dir).unwrap();
    }
}

/// Every junk value in place of every value of every base scenario, deterministically:
/// the exhaustive companion of the random mutations above.
#[test]
fn every_junk_value_in_every_key_is_accepted_or_refused_clearly() {
    let full_path = full_dir().join("full.toml");
    let forecast = full_dir().join("forecast.csv");
    let durations = full_dir().join("durations.csv");
    let others = [
        (forecast.to_str().unwrap(), FORECAST),
        (durations.to_str().unwrap(), DURATIONS),
    ];
    let mut n = 0;
    for (path, text) in [
        ("scenarios/small-business.toml", SMALL),
        ("scenarios/retail-day.toml", RETAIL),
        ("scenarios/erlang-c-textbook.toml", TEXTBOOK),
        (full_path.to_str().unwrap(), FULL),
    ] {
        for (line, kv) in text.lines().enumerate() {
            let kv = kv.trim_start();
            if kv.starts_with('#') || kv.starts_with('[') || !kv.contains('=') {
                continue;
            }
            for (junk, value) in JUNK.iter().enumerate() {
                let mutated = apply(text, &Mutation::Junk(At(line), At(junk)));
                let res = std::panic::catch_unwind(|| {
                    check(
                        path,
                        &mutated,
                        scenario::parse_scenario(path, &mutated),
                        &others,
                    )
                });
                if res.is_err() {
                    panic!("{path} with {value:?}:\n{mutated}");
                }
                n += 1;
            }
        }
    }
    assert!(n > 2000, "{n} cases");
}

// ---- What a user means, read as meant -------------------------------------------------

fn parse_ok(path: &str, text: &str) -> Scenario {
    scenario::parse_scenario(path, text).unwrap_or_else(|e| panic!("{e}"))
}

/// Everything that matters for the simulation, without the file name.
fn model(sc: &Scenario) -> String {
    let mut s = sc.clone();
    s.labels.path = String::new();
    format!("{s:?}")
}

#[test]
fn bom_crlf_and_missing_final_newline_read_like_plain_text() {
    let plain = model(&parse_ok("a.toml", SMALL));
    let dir = temp_dir("bom");
    for (i, variant) in [
        format!("\u{feff}{SMALL}"),
        SMALL.replace('\n', "\r\n"),
        format!("\u{feff}{}", SMALL.replace('\n', "\r\n")),
        SMALL.trim_end().to_string(),
        format!("{SMALL}\n\n\n"),
    ]
    .iter()
    .enumerate()
    {
        let path = dir.join(format!("v{i}.toml"));
        std::fs::write(&path, variant).unwrap();
        let sc =
            scenario::load(path.to_str().unwrap()).unwrap_or_else(|e| panic!("variant {i}: {e}"));
        assert_eq!(model(&sc), plain, "variant {i}");
    }
}

/// Writes the FULL scenario beside the given forecast bytes and loads it.
fn load_with_forecast(forecast: &[u8]) -> Result<Scenario, Error> {
    let dir = temp_dir("fc");
    std::fs::write(dir.join("forecast.csv"), forecast).unwrap();
    std::fs::write(dir.join("durations.csv"), DURATIONS).unwrap();
    let path = dir.join("full.toml");
    std::fs::write(&path, FULL).unwrap();
    scenario::load(path.to_str().unwrap())
}

#[test]
fn spreadsheet_exports_of_one_forecast_read_the_same() {
    let plain = model(&load_with_forecast(FORECAST.as_bytes()).unwrap());
    let french = "\u{feff}Heure;calls;aht_s;agents;Durée\r\n08:00;20;240;3;x\r\n08:15;25,5;250;4;x\r\n08:30;30;4m;5;x\r\n08:45;12;200;2;x\r\n";
    let mut latin1: Vec<u8> = b"sep=;\r\nHeure;calls;aht_s;agents;Dur".to_vec();
    latin1.extend_from_slice(b"\xE9e\r\n08:00;20;240;3;\xE9\r\n08:15;25,5;250;4;x\r\n08:30;30;4m;5;x\r\n08:45;12;200;2;x");
    let tab = "time\tcalls\taht_s\tagents\n08:00\t20\t240\t3\n08:15\t25,5\t250\t4\n08:30\t30\t4m\t5\n08:45\t12\t200\t2\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tab.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let quoted = "\"time\",\"calls\",\"aht_s\",\"agents\"\n\"08:00\",\"20\",\"240\",\"3\"\n\"08:15\",\"25.5\",\"250\",\"4\"\n\"08:30\",\"30\",\"4m\",\"5\"\n\"08:45\",\"12\",\"200\",\"2\"\n";
    let cr_only = FORECAST.replace('\n', "\r");
    let spaces = "Heure;calls;aht_s;agents\n08:00;20;240;3\n08:15;25,5;250;4\n08:30;30;4m;5\n08:45;12;200;2\n";
    for (name, bytes) in [
        (
            "French semicolons, decimal commas, BOM, CRLF",
            french.as_bytes().to_vec(),
        ),
        ("Windows-1252 with an Excel sep= line", latin1),
        ("tab separated, decimal commas", tab.as_bytes().to_vec()),
        ("UTF-16 (Excel \"Unicode text\")", utf16),
        ("every field quoted", quoted.as_bytes().to_vec()),
        ("old Mac line endings", cr_only.into_bytes()),
        ("semicolons", spaces.as_bytes().to_vec()),
    ] {
        let sc = load_with_forecast(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(model(&sc), plain, "{name}");
    }
}

#[test]
fn thousands_separators_in_decimal_comma_files_are_read_as_french_users_mean() {
    let a = load_with_forecast(b"calls;agents\n1 200;300\n1\xC2\xA0500,5;310\n").unwrap();
    assert_eq!(a.model.expected_calls_in(0), 1200.0);
    assert!((a.model.expected_calls_in(1) - 1500.5).abs() < 1e-9);
}

/// A comma-separated file with decimal commas splits each number in two: silently
/// reading "12" and "5" as two columns would shift every value, so it is refused and
/// the message says which reading was expected.
#[test]
fn decimal_commas_in_a_comma_separated_file_are_refused_with_the_expected_reading() {
    let err = load_with_forecast(b"time,calls,aht_s\n08:00,12,5,240\n08:15,20,250\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("forecast.csv:2:"), "{err}");
    assert!(err.contains("3 fields") && err.contains("found 4"), "{err}");
    assert!(err.contains("decimal comma"), "{err}");
    let err = load_with_forecast(b"calls\n\"12,5\"\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("forecast.csv:2:") && err.contains("decimal point"),
        "{err}"
    );
}

#[test]
fn duplicated_csv_columns_are_ambiguous_and_refused() {
    let err = load_with_forecast(b"calls,agents,calls\n1,2,3\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("forecast.csv:1:") && err.contains("`calls`") && err.contains("twice"),
        "{err}"
    );
}

#[test]
fn toml_files_in_other_encodings_are_refused_with_the_fix() {
    let dir = temp_dir("enc");
    let path = dir.join("latin1.toml");
    let mut bytes = SMALL.as_bytes().to_vec();
    bytes.splice(8..8, *b"\xE9");
    std::fs::write(&path, &bytes).unwrap();
    let err = scenario::load(path.to_str().unwrap())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("latin1.toml:1") && err.contains("UTF-8"),
        "{err}"
    );
    let path = dir.join("utf16.toml");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(SMALL.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(&path, &utf16).unwrap();
    let sc = scenario::load(path.to_str().unwrap()).unwrap();
    assert_eq!(model(&sc), model(&parse_ok("a.toml", SMALL)));
}

/// Named values that used to crash or hang the engine, each pinned with its message.
#[test]
fn numbers_that_would_break_the_engine_are_refused_with_the_key() {
    let cases: &[(&str, &str, &str)] = &[
        // A gamma so narrow that its shape overflows, or so wide it underflows.
        (
            "mean = \"5m\"\nsd = \"3m\"",
            "distribution = \"gamma\"\nmean = \"5m\"\nsd = 1e-200",
            "handle_time.sd",
        ),
        (
            "mean = \"5m\"\nsd = \"3m\"",
            "distribution = \"gamma\"\nmean = 1e-200\nsd = \"3m\"",
            "handle_time.mean",
        ),
        (
            "mean = \"5m\"\nsd = \"3m\"",
            "distribution = \"lognormal\"\nmean = 1\nsd = 1e200",
            "handle_time",
        ),
        // Durations beyond any clock.
        (
            "mean = \"5m\"\nsd = \"3m\"",
            "distribution = \"lognormal\"\nmean = 1e300\nsd = 1e300",
            "handle_time.mean",
        ),
        ("mean = \"2m\"", "mean = \"100000000000d\"", "patience.mean"),
        // So many calls the run would never end.
        ("calls = [14, 22", "calls = [1e300, 22", "arrivals.calls"),
        ("calls = [14, 22", "calls = [1e12, 22", "arrivals.calls"),
        // A planning interval too short to mean anything.
        ("interval = \"30m\"", "interval = 1e-300", "interval"),
    ];
    for (from, to, key) in cases {
        let text = SMALL.replacen(from, to, 1).replacen(
            "distribution = \"lognormal\"\ndistribution",
            "distribution",
            1,
        );
        assert_ne!(text, SMALL, "{from}");
        let err = scenario::parse_scenario("s.toml", &text)
            .map(|_| ())
            .unwrap_err();
        check_refusal(&err, &[("s.toml", &text)]);
        assert!(err.to_string().contains(&format!("`{key}")), "{key}: {err}");
    }
}

#[test]
fn a_scenario_that_can_never_drain_is_refused_up_front() {
    let text = SMALL
        .replace(
            "agents = 6 ",
            "agents = [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0]",
        )
        .replace("[patience]", "[no_patience]")
        .replace("distribution = \"exponential\"\nmean = \"2m\"", "");
    let text = text.replace("[no_patience]", "");
    let err = scenario::parse_scenario("s.toml", &text)
        .map(|_| ())
        .unwrap_err();
    check_refusal(&err, &[("s.toml", &text)]);
    let msg = err.to_string();
    assert!(
        msg.contains("`staffing.agents`") && msg.contains("[patience]") && msg.contains("16:30"),
        "{msg}"
    );
    // With patience, or with nobody expected to call, the same staffing is fine.
    parse_ok(
        "s.toml",
        &SMALL.replace(
            "agents = 6 ",
            "agents = [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 0]",
        ),
    );
}

// ---- The binary: exit codes, messages, and nothing written -----------------------------

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn rejected_input_exits_2_names_the_place_and_writes_nothing() {
    let dir = temp_dir("bin");
    let good = dir.join("good.toml");
    std::fs::write(
        &good,
        SMALL.replace("replications = 200", "replications = 2"),
    )
    .unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, SMALL.replace("target = 0.80", "target = 80")).unwrap();
    let out = dir.join("out");
    // The bad file comes second: the good one must not be simulated or written either.
    let o = ccsim(&[
        "run",
        good.to_str().unwrap(),
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    let line = SMALL.lines().position(|l| l.starts_with("target")).unwrap() + 1;
    assert!(
        err.starts_with(&format!("error: {}:{line}:", bad.display())),
        "{err}"
    );
    assert!(
        err.contains("`service_level.target`") && err.contains("did you mean 0.8"),
        "{err}"
    );
    assert!(
        !err.contains("panicked") && err.lines().count() == 1,
        "{err}"
    );
    assert!(!out.exists(), "nothing is written for bad input");
    assert!(o.stdout.is_empty());

    let o = ccsim(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = ccsim(&[
        "run",
        dir.join("missing.toml").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: cannot read the scenario file: no such file"),
        "{}",
        stderr(&o)
    );
    let bin = dir.join("binary.toml");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let o = ccsim(&["run", bin.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("binary.toml:1: expected a UTF-8 text file"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}

#[test]
fn an_output_path_under_a_regular_file_exits_3_and_says_why() {
    let dir = temp_dir("unwritable");
    let sc = dir.join("s.toml");
    std::fs::write(&sc, SMALL.replace("replications = 200", "replications = 2")).unwrap();
    let file = dir.join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    for out in [file.join("results"), file.clone()] {
        let o = ccsim(&[
            "run",
            sc.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&out.display().to_string()) && err.contains("not a folder"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not a folder");
}

#[test]
fn a_run_leaves_foreign_files_alone_and_no_temporary_files() {
    let dir = temp_dir("foreign");
    let sc = dir.join("s.toml");
    std::fs::write(&sc, SMALL.replace("replications = 200", "replications = 2")).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    std::fs::write(out.join("summary.json"), "old").unwrap();
    let o = ccsim(&["run", sc.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The only hidden file is the list of what the run wrote (no temporaries).
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with('.') || n == ".ccsim-files"),
        "no temporary files: {names:?}"
    );
    for expected in ["intervals.csv", "notes.txt", "summary.json", "report.html"] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} in {names:?}"
        );
    }
    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(summary["schema"], "ccsim.summary.v1");
}

/// Ctrl-C stops a long run promptly, says so, exits 3 and writes no results.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_promptly_and_writes_nothing() {
    use std::time::{Duration, Instant};
    let dir = temp_dir("sigint");
    let sc = dir.join("long.toml");
    std::fs::write(
        &sc,
        SMALL.replace("replications = 200", "replications = 100000000"),
    )
    .unwrap();
    let out = dir.join("out");
    let mut child = Command::new(env!("CARGO_BIN_EXE_ccsim"))
        .args([
            "run",
            sc.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--threads",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the run is still going"
    );
    let sent = Instant::now();
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if sent.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("the run did not stop within 10 s of Ctrl-C");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stopped_in = sent.elapsed();
    let o = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("interrupted"), "{err}");
    assert!(
        stopped_in < Duration::from_secs(2),
        "stopped after {stopped_in:?}"
    );
    assert!(!out.join("summary.json").exists() && !out.join("intervals.csv").exists());
    assert!(o.stdout.is_empty());
}

/// A folder where a result file should go: exit 3, the old summary kept, the folder and
/// everything else untouched, and no temporary file left behind.
#[test]
fn a_failed_write_changes_nothing_and_leaves_no_temporary_file() {
    let dir = temp_dir("blocked");
    let sc = dir.join("s.toml");
    std::fs::write(&sc, SMALL.replace("replications = 200", "replications = 2")).unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("intervals.csv")).unwrap();
    std::fs::write(out.join("intervals.csv").join("mine.txt"), "mine").unwrap();
    std::fs::write(out.join("summary.json"), "old").unwrap();
    let o = ccsim(&["run", sc.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("intervals.csv: a folder of that name is in the way"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("summary.json")).unwrap(),
        "old"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("intervals.csv").join("mine.txt")).unwrap(),
        "mine"
    );
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["intervals.csv", "summary.json"]);
}

/// A blank line inside a forecast used to be dropped, silently moving every later
/// interval half an hour earlier; it is now a row without calls, and refused as such.
/// Blank lines at the end of the file (and in an empirical duration file) stay harmless.
#[test]
fn a_blank_line_inside_a_forecast_is_refused_not_dropped() {
    let err = load_with_forecast(b"calls\n20\n25\n\n30\n12\n")
        .expect_err("a blank row inside the forecast is an error")
        .to_string();
    assert!(err.contains("forecast.csv:4:"), "{err}");
    assert!(err.contains("an empty line"), "{err}");
    let err = load_with_forecast(b"calls;agents\n20;3\n;\n30;4\n")
        .expect_err("a row of empty cells is an error too")
        .to_string();
    assert!(err.contains("forecast.csv:3:"), "{err}");
    let ok = load_with_forecast(b"\ncalls,agents\n20,3\n25,4\n30,5\n12,2\n\n\n").unwrap();
    assert_eq!(ok.model.intervals(), 4);
}

/// Input files are read whole: a device such as /dev/zero (or a folder) named as the
/// scenario, a forecast or a duration file is refused at once instead of eating memory.
#[test]
fn devices_and_folders_are_not_read_as_input_files() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let o = ccsim(&["validate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("regular file"), "{}", stderr(&o));
    let o = ccsim(&["validate", "scenarios"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a folder"), "{}", stderr(&o));
    let dir = temp_dir("device-forecast");
    let path = dir.join("s.toml");
    let text = FULL.replace("\"forecast.csv\"", "\"/dev/zero\"");
    assert_ne!(text, FULL, "the scenario names its forecast file");
    std::fs::write(&path, text).unwrap();
    std::fs::write(dir.join("durations.csv"), DURATIONS).unwrap();
    let o = ccsim(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a device"), "{}", stderr(&o));
}
