//! The spreadsheets: numbers rounded to the precision they carry, the French CSV form,
//! the `.xlsx` workbook read back, forecast column maps, and the week's time axis.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use ccsim::report::charts::kit::{ClockAxis, MIN_TEXT, WIDTH};
use ccsim::report::i18n::Lang;
use ccsim::report::sheet::rounding::{Rounded, estimate};

use crate::support::{TempDir, ccsim, outcome, repo_file};

fn pair(m: f64, h: f64) -> (String, String) {
    let (m, h) = estimate(Some(m), Some(h));
    (m.unwrap().text().to_string(), h.unwrap().text().to_string())
}

/// The GUM rule: the half-width to two significant digits, the mean to the same place.
#[test]
fn means_are_rounded_to_the_place_of_their_interval() {
    for (m, h, want_m, want_h) in [
        (0.834_567, 0.004_123, "0.8346", "0.0041"),
        (20.859_999_999_999_99, 0.31, "20.86", "0.31"),
        (11.469_999_999_999_997, 2.345, "11.5", "2.3"),
        (4567.8, 123.0, "4570", "120"),
        (119.87, 2.1, "119.9", "2.1"),
        // Rounding the half-width up to the next power of ten drops one decimal.
        (0.5, 0.0996, "0.50", "0.10"),
        (0.5, 0.000_999_9, "0.5000", "0.0010"),
        // A mean that rounds to zero is written without a sign.
        (-0.0001, 0.0123, "0.000", "0.012"),
        // Exact powers of ten (log10 is exact or one unit off there).
        (3.0, 1.0, "3.0", "1.0"),
        (3.0, 0.001, "3.0000", "0.0010"),
        // A half-width far below the mean's own precision: at most nine significant
        // digits of the mean.
        (1_234.567_890_123, 1e-12, "1234.56789", "0.0000000000010"),
    ] {
        let (got_m, got_h) = pair(m, h);
        assert_eq!(
            (got_m.as_str(), got_h.as_str()),
            (want_m, want_h),
            "{m} ± {h}"
        );
    }
    // No interval (one replication) or a zero one: six significant digits.
    let (m, h) = estimate(Some(0.822_222_222_2), Some(0.0));
    assert_eq!((m.unwrap().text(), h.unwrap().text()), ("0.822222", "0"));
    let (m, h) = estimate(Some(1_234_567.0), None);
    assert_eq!((m.unwrap().text(), h), ("1234570", None));
    assert_eq!(Rounded::plain(0.25).text(), "0.25");
    assert_eq!(Rounded::plain(-0.0).text(), "0");
    assert_eq!(estimate(None, Some(0.1)).0, None);
}

/// Rounding loses at most about a twentieth of the half-width (1/19.9: 0.0996 becomes
/// 0.10, so the mean is rounded to hundredths), and rounding a rounded pair
/// again changes nothing (a file read back and written again is the same file).
#[test]
fn rounding_is_within_a_twentieth_of_the_interval_and_idempotent() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        // A deterministic spread of magnitudes from 1e-6 to 1e6.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let u = (x >> 11) as f64 / (1u64 << 53) as f64;
        let v = ((x >> 3) & 0xFFFF) as f64 / 65_536.0;
        let h = 10f64.powf(-6.0 + 12.0 * u);
        let m = (v - 0.3) * h * 50.0;
        let (rm, rh) = estimate(Some(m), Some(h));
        let (rm, rh) = (rm.unwrap(), rh.unwrap());
        assert!((rm.value() - m).abs() <= h / 19.9, "{m} ± {h}: {rm:?}");
        assert!((rh.value() - h).abs() <= h / 19.9, "{h}: {rh:?}");
        let (again_m, again_h) = estimate(Some(rm.value()), Some(rh.value()));
        assert_eq!(again_m.unwrap().text(), rm.text(), "{m} ± {h}");
        assert_eq!(again_h.unwrap().text(), rh.text(), "{m} ± {h}");
    }
}

fn run_args<'a>(scenario: &'a str, out: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec![
        "run",
        scenario,
        "--replications",
        "8",
        "--quiet",
        "--no-charts",
        "--out",
        out,
    ];
    a.extend(extra);
    a
}

fn run_ok(args: &[&str]) {
    let o = ccsim(args);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stdout}{stderr}");
}

/// Lines of a CSV file split on `sep`, quoted fields unquoted.
fn cells(text: &str, sep: char) -> Vec<Vec<String>> {
    text.lines()
        .map(|l| {
            let mut fields = vec![String::new()];
            let mut quoted = false;
            let mut chars = l.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    '"' if quoted && chars.peek() == Some(&'"') => {
                        chars.next();
                        fields.last_mut().unwrap().push('"');
                    }
                    '"' => quoted = !quoted,
                    c if c == sep && !quoted => fields.push(String::new()),
                    c => fields.last_mut().unwrap().push(c),
                }
            }
            fields
        })
        .collect()
}

/// No float noise in intervals.csv: every number has at most nine significant digits.
#[test]
fn intervals_csv_has_no_float_noise() {
    let out = TempDir::new("sheets-noise");
    let sc = repo_file("scenarios/retail-day.toml");
    run_ok(&run_args(&sc, &out.arg(""), &[]));
    let csv = std::fs::read_to_string(out.join("intervals.csv")).unwrap();
    for row in cells(&csv, ',').iter().skip(1) {
        for c in row.iter().filter(|c| c.parse::<f64>().is_ok()) {
            let digits = c.chars().filter(char::is_ascii_digit).count();
            let significant = c
                .trim_start_matches(['-', '0', '.'])
                .chars()
                .filter(char::is_ascii_digit)
                .count();
            assert!(significant <= 9 && digits <= 16, "{c} in {row:?}");
        }
    }
}

/// `--csv-locale fr`: a byte-order mark, semicolons, decimal commas; the same cells as
/// the international form otherwise, for run, staff and sweep (and merge).
#[test]
fn french_csv_is_the_international_one_with_semicolons_and_decimal_commas() {
    let out = TempDir::new("sheets-fr");
    let sc = repo_file("scenarios/small-business.toml");
    run_ok(&run_args(&sc, &out.arg("en"), &[]));
    run_ok(&run_args(&sc, &out.arg("fr"), &["--csv-locale", "fr"]));
    for (cmd, file) in [("run", "intervals.csv"), ("staff", "staffing.csv")] {
        if cmd == "staff" {
            for (dir, extra) in [("staff-en", None), ("staff-fr", Some("fr"))] {
                let mut a = vec![
                    "staff",
                    &sc,
                    "--method",
                    "erlang-c",
                    "--replications",
                    "5",
                    "--quiet",
                    "--no-charts",
                ];
                let d = out.arg(dir);
                a.extend(["--out", &d]);
                if let Some(l) = extra {
                    a.extend(["--csv-locale", l]);
                }
                run_ok(&a);
            }
        }
        let (en_dir, fr_dir) = if cmd == "run" {
            ("en", "fr")
        } else {
            ("staff-en", "staff-fr")
        };
        let en = std::fs::read_to_string(out.join(&format!("{en_dir}/{file}"))).unwrap();
        let fr = std::fs::read_to_string(out.join(&format!("{fr_dir}/{file}"))).unwrap();
        let fr = fr
            .strip_prefix('\u{feff}')
            .unwrap_or_else(|| panic!("{file}: a UTF-8 byte-order mark first"));
        assert!(
            !en.starts_with('\u{feff}'),
            "{file}: none in the international form"
        );
        let (en, fr) = (cells(&en, ','), cells(fr, ';'));
        assert_eq!(en.len(), fr.len(), "{file}");
        let mut decimals = 0;
        for (a, b) in en.iter().zip(&fr) {
            assert_eq!(a.len(), b.len(), "{file}: {a:?} vs {b:?}");
            for (x, y) in a.iter().zip(b) {
                if x.parse::<f64>().is_ok() {
                    assert_eq!(&x.replace('.', ","), y, "{file}");
                    decimals += usize::from(x.contains('.'));
                } else {
                    assert_eq!(x, y, "{file}");
                }
            }
        }
        assert!(decimals > 10, "{file}: decimal numbers were compared");
    }
    // A sweep in the French form, sharded and merged, is the unsharded French file.
    let sweep = |extra: &[&str], dir: &str| {
        let d = out.arg(dir);
        let mut a = vec![
            "sweep",
            &sc,
            "--vary",
            "agents=-1..+1",
            "--replications",
            "5",
            "--quiet",
            "--no-charts",
            "--csv-locale",
            "fr",
            "--out",
            &d,
        ];
        a.extend(extra);
        run_ok(&a);
    };
    sweep(&[], "sweep");
    sweep(&["--shard", "1/2"], "s1");
    sweep(&["--shard", "2/2"], "s2");
    let (s1, s2, m) = (out.arg("s1"), out.arg("s2"), out.arg("merged"));
    run_ok(&[
        "merge",
        &s1,
        &s2,
        "--out",
        &m,
        "--no-charts",
        "--csv-locale",
        "fr",
    ]);
    let whole = std::fs::read(out.join("sweep/sweep.csv")).unwrap();
    assert_eq!(std::fs::read(out.join("merged/sweep.csv")).unwrap(), whole);
    assert!(String::from_utf8(whole).unwrap().contains(';'));
}

fn workbook(path: &std::path::Path) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(std::fs::read(path).unwrap())).unwrap()
}

/// The workbook's sheet holds intervals.csv: same header, same numbers (text cells as
/// text, empty cells empty).
fn assert_sheet_is_csv(book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str, csv: &str) {
    let range = book.worksheet_range(sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let csv = cells(csv, ',');
    assert_eq!(rows.len(), csv.len(), "{sheet}: rows");
    let mut numbers = 0;
    for (r, (row, line)) in rows.iter().zip(&csv).enumerate() {
        assert_eq!(row.len(), line.len(), "{sheet}: row {r}");
        for (cell, text) in row.iter().zip(line) {
            match cell {
                Data::Float(x) => {
                    assert_eq!(*x, text.parse::<f64>().unwrap(), "{sheet} row {r}");
                    numbers += 1;
                }
                Data::Int(x) => assert_eq!(*x as f64, text.parse::<f64>().unwrap()),
                Data::String(s) => assert_eq!(s, text, "{sheet} row {r}"),
                Data::Empty => assert_eq!(text, "", "{sheet} row {r}"),
                other => panic!("{sheet} row {r}: unexpected {other:?}"),
            }
        }
    }
    assert!(numbers > 50, "{sheet}: {numbers} numbers compared");
}

/// `--xlsx`: one sheet per table, read back equal to the CSV; the same bytes on every
/// run and for any thread count.
#[test]
fn the_workbook_reads_back_as_the_csv_and_is_deterministic() {
    let out = TempDir::new("sheets-xlsx");
    let sc = repo_file("scenarios/retail-day.toml");
    run_ok(&run_args(&sc, &out.arg("a"), &["--xlsx", "--threads", "1"]));
    run_ok(&run_args(&sc, &out.arg("b"), &["--xlsx", "--threads", "2"]));
    let a = std::fs::read(out.join("a/intervals.xlsx")).unwrap();
    assert_eq!(a, std::fs::read(out.join("b/intervals.xlsx")).unwrap());
    // Without --xlsx, no workbook.
    run_ok(&run_args(&sc, &out.arg("c"), &[]));
    assert!(!out.join("c/intervals.xlsx").exists());
    let mut book = workbook(&out.join("a/intervals.xlsx"));
    assert_eq!(book.sheet_names(), ["intervals"]);
    let csv = std::fs::read_to_string(out.join("a/intervals.csv")).unwrap();
    assert_sheet_is_csv(&mut book, "intervals", &csv);

    // Several call types: the centre's intervals, then a sheet per type.
    let sc = repo_file("scenarios/sales-support.toml");
    run_ok(&run_args(&sc, &out.arg("types"), &["--xlsx"]));
    let mut book = workbook(&out.join("types/intervals.xlsx"));
    let names = book.sheet_names();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "intervals");
    let csv = std::fs::read_to_string(out.join("types/intervals.csv")).unwrap();
    assert_sheet_is_csv(&mut book, "intervals", &csv);
    let per_type = book.worksheet_range(&names[1]).unwrap();
    let header: Vec<String> = per_type
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(&header[..3], ["index", "start", "offered"]);

    // Staffing and sweep workbooks.
    let small = repo_file("scenarios/small-business.toml");
    let d = out.arg("staff");
    run_ok(&[
        "staff",
        &small,
        "--method",
        "erlang-c",
        "--replications",
        "5",
        "--quiet",
        "--no-charts",
        "--xlsx",
        "--out",
        &d,
    ]);
    let mut book = workbook(&out.join("staff/staffing.xlsx"));
    assert_eq!(book.sheet_names(), ["staffing", "intervals"]);
    let csv = std::fs::read_to_string(out.join("staff/staffing.csv")).unwrap();
    assert_sheet_is_csv(&mut book, "staffing", &csv);
    let d = out.arg("sweep");
    run_ok(&[
        "sweep",
        &small,
        "--vary",
        "agents=-1..+1",
        "--replications",
        "5",
        "--quiet",
        "--no-charts",
        "--xlsx",
        "--out",
        &d,
    ]);
    let mut book = workbook(&out.join("sweep/sweep.xlsx"));
    assert_eq!(book.sheet_names(), ["sweep"]);
    let csv = std::fs::read_to_string(out.join("sweep/sweep.csv")).unwrap();
    assert_sheet_is_csv(&mut book, "sweep", &csv);
}

const MAPPED: &str = r#"name = "Mapped forecast"
interval = "30m"
start = "08:00"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
file = "f.csv"
COLUMNS
[handle_time]
distribution = "exponential"
mean = "4m"
[staffing]
agents = 5
[simulation]
replications = 5
"#;

fn mapped_scenario(dir: &TempDir, csv: &str, columns: &str) -> String {
    std::fs::write(dir.join("f.csv"), csv).unwrap();
    std::fs::write(dir.join("s.toml"), MAPPED.replace("COLUMNS", columns)).unwrap();
    dir.arg("s.toml")
}

/// A forecast with French WFM headers, semicolons and decimal commas reads as the same
/// forecast with ccsim's own headers; a mapped column missing is named with the file,
/// the header line and the columns found.
#[test]
fn forecast_columns_are_mapped_and_missing_ones_are_named() {
    let fr = TempDir::new("sheets-map-fr");
    let en = TempDir::new("sheets-map-en");
    let s_fr = mapped_scenario(
        &fr,
        "Heure;Appels;DMT\n08:00;12,5;240\n08:30;20;250,5\n",
        r#"columns = { calls = "Appels", aht_s = "DMT" }"#,
    );
    let s_en = mapped_scenario(
        &en,
        "start,calls,aht_s\n08:00,12.5,240\n08:30,20,250.5\n",
        "",
    );
    let (o_fr, o_en) = (fr.arg("out"), en.arg("out"));
    run_ok(&["run", &s_fr, "--quiet", "--no-charts", "--out", &o_fr]);
    run_ok(&["run", &s_en, "--quiet", "--no-charts", "--out", &o_en]);
    let csv = |d: &TempDir| std::fs::read_to_string(d.join("out/intervals.csv")).unwrap();
    assert_eq!(csv(&fr), csv(&en));

    for (columns, expected) in [
        (
            r#"columns = { calls = "Appels", aht_s = "AHT" }"#,
            "f.csv:1: expected a column `AHT` (`arrivals.columns.aht_s` maps `aht_s` to it), \
             found the columns `Heure`, `Appels`, `DMT`",
        ),
        (
            r#"columns = { calls = "Calls volume" }"#,
            "expected a column `Calls volume`",
        ),
        (
            r#"columns = { appels = "Appels" }"#,
            "`arrivals.columns.appels`: expected one of the known keys",
        ),
        (r#"columns = { calls = "" }"#, "an empty name"),
        (
            r#"columns = "Appels""#,
            "`arrivals.columns`: expected a table",
        ),
    ] {
        let s = mapped_scenario(&fr, "Heure;Appels;DMT\n08:00;12,5;240\n", columns);
        let o = ccsim(&["validate", &s]);
        let (code, _, stderr) = outcome(&o);
        assert_eq!(code, 2, "{columns}: {stderr}");
        assert!(stderr.contains(expected), "{columns}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one message: {stderr}");
    }
    // Without a map, a file without `calls` says how to name its column.
    let s = mapped_scenario(&fr, "Heure;Appels\n08:00;12\n", "");
    let (code, _, stderr) = outcome(&ccsim(&["validate", &s]));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`arrivals.columns = { calls = \"...\" }`"),
        "{stderr}"
    );
    // A map beside per-interval calls is refused, not ignored.
    let text = MAPPED
        .replace("file = \"f.csv\"", "calls = [10, 20]")
        .replace("COLUMNS", r#"columns = { calls = "Appels" }"#);
    std::fs::write(fr.join("s.toml"), text).unwrap();
    let (code, _, stderr) = outcome(&ccsim(&["validate", &fr.arg("s.toml")]));
    assert_eq!(code, 2);
    assert!(stderr.contains("only beside `file`"), "{stderr}");
}

/// The example week: 7 × 96 intervals of 15 minutes from a French export.
#[test]
fn the_week_example_reads_672_intervals() {
    let o = ccsim(&["validate", &repo_file("scenarios/week-forecast.toml")]);
    let (code, stdout, stderr) = outcome(&o);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("672"), "{stdout}");
}

/// A generous width of a tick label in the charts' font, in pixels: DejaVu Sans's
/// widest digits and letters are about 0.64 em.
fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * 0.64 * MIN_TEXT
}

/// Time-axis labels never overlap, whatever the period; a week is shown as days with a
/// separator at each midnight.
#[test]
fn time_axis_labels_do_not_overlap_and_a_week_shows_days() {
    // The plot is the figure less the two y-label areas (100 px each) and margins.
    let plot_px = f64::from(WIDTH) - 2.0 * 100.0 - 40.0;
    for lang in [Lang::En, Lang::Fr] {
        for (from_h, to_h) in [
            (0.0, 24.0),
            (8.0, 20.0),
            (0.0, 0.25),
            (0.0, 48.0),
            (6.0, 54.0),
            (0.0, 72.0),
            (0.0, 168.0),
            (0.0, 336.0),
            (0.0, 24.0 * 30.0),
        ] {
            let ax = ClockAxis::new(from_h * 3600.0, to_h * 3600.0);
            let px_per_h = plot_px / (to_h - from_h);
            let labels: Vec<(f64, String)> =
                ax.ticks.iter().map(|t| (*t, ax.label(*t, lang))).collect();
            assert!(labels.len() >= 2, "{from_h}–{to_h} h: {labels:?}");
            for w in labels.windows(2) {
                let gap = (w[1].0 - w[0].0) * px_per_h;
                let need = (label_width(&w[0].1) + label_width(&w[1].1)) / 2.0 + 8.0;
                assert!(
                    gap >= need,
                    "{from_h}–{to_h} h: {w:?} {gap:.0} px < {need:.0}"
                );
            }
        }
    }
    let week = ClockAxis::new(0.0, 7.0 * 86_400.0);
    assert!(week.day_view());
    let labels: Vec<String> = week
        .ticks
        .iter()
        .map(|t| week.label(*t, Lang::En))
        .collect();
    assert_eq!(
        labels,
        (1..=7).map(|d| format!("day {d}")).collect::<Vec<_>>()
    );
    assert_eq!(
        week.day_separators(),
        [24.0, 48.0, 72.0, 96.0, 120.0, 144.0]
    );
    // One day keeps its clock labels and no separators.
    let day = ClockAxis::new(0.0, 86_400.0);
    assert!(!day.day_view() && day.day_separators().is_empty());
    assert_eq!(day.label(8.0, Lang::En), "08:00");
}
