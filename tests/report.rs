//! Charts and the client report (issue 4): every chart is a real PNG and SVG of the stated
//! size with its title and axis text, the HTML stands alone and lists every interval, the
//! French report has no English left in it, and staffing results render when present.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::AtomicBool;

use ccsim::replicate::{self, RunOptions};
use ccsim::report::RunReport;
use ccsim::report::charts::{ChartKind, HEIGHT, WIDTH};
use ccsim::report::client::{self, ReportOptions, doc, html};
use ccsim::report::i18n::{Key, Lang};
use ccsim::staffing::{Method, StaffingRow, StaffingSection};
use ccsim::stats::Estimate;

use crate::support::temp_dir;

const SCENARIO: &str = "scenarios/small-business.toml";

/// Runs `ccsim run` on the small-business example with few replications.
fn run(out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ccsim"))
        .args(["run", SCENARIO, "--replications", "20", "--quiet", "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap()
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Width and height from a PNG's IHDR chunk, after checking the signature.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&bytes[16..20]), be(&bytes[20..24]))
}

/// Decodes a PNG fully (so a corrupt file fails) and counts dark pixels in a band of rows.
fn dark_pixels_in_rows(bytes: &[u8], rows: std::ops::Range<usize>) -> usize {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(info.color_type, png::ColorType::Rgb);
    let stride = info.line_size;
    rows.flat_map(|y| {
        buf[y * stride..(y + 1) * stride]
            .chunks(3)
            .collect::<Vec<_>>()
    })
    .filter(|px| px.iter().map(|&c| c as u32).sum::<u32>() < 200)
    .count()
}

/// The visible text of an HTML page: no style sheet, no tags, entities decoded.
pub(crate) fn visible_text(html: &str) -> String {
    let without_style = match (html.find("<style>"), html.find("</style>")) {
        (Some(a), Some(b)) => format!("{}{}", &html[..a], &html[b..]),
        _ => html.to_string(),
    };
    let mut out = String::new();
    let mut in_tag = false;
    for c in without_style.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[test]
fn every_chart_is_a_png_and_an_svg_of_the_stated_size_with_its_text() {
    let dir = temp_dir("charts");
    let out = run(&dir, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = "Small-business hotline, 9 to 5";
    let expected: [(ChartKind, &[&str]); 5] = [
        (
            ChartKind::ServiceLevel,
            &[
                "service level per 30\u{a0}min interval",
                "Time of day",
                "Service level (% of calls)",
                "Target 80%",
                "09:00",
                "17:00",
            ],
        ),
        (
            ChartKind::CallsAgents,
            &[
                "calls and agents",
                "Calls offered per interval",
                "Agents on the phones",
                "Agents planned (right scale)",
            ],
        ),
        (
            ChartKind::Waits,
            &[
                "how long answered callers waited",
                "Wait before an agent answers (seconds)",
                "Answered calls that waited at most this long (%)",
                "Threshold 20\u{a0}s",
            ],
        ),
        (
            ChartKind::OccupancyAbandonment,
            &[
                "occupancy and abandonment",
                "Occupancy (% of time)",
                "Calls lost (% of offered)",
                "Time of day",
            ],
        ),
        (
            ChartKind::ServiceLevelDays,
            &[
                "service level across 20",
                "Service level of the day (%)",
                "Simulated days",
                "Days below the target",
                "Target 80%",
            ],
        ),
    ];
    for (kind, texts) in expected {
        let stem = format!("chart-{}", kind.stem());
        let png = std::fs::read(dir.join(format!("{stem}.png"))).unwrap();
        assert_eq!(png_size(&png), (WIDTH, HEIGHT), "{stem}.png");
        assert_eq!((WIDTH, HEIGHT), (1200, 700));
        // The title is drawn with the embedded font: its band holds plenty of dark pixels.
        assert!(
            dark_pixels_in_rows(&png, 12..48) > 500,
            "{stem}.png: no title text drawn"
        );
        let svg = read(&dir, &format!("{stem}.svg"));
        assert!(
            svg.starts_with("<svg width=\"1200\" height=\"700\""),
            "{stem}.svg size"
        );
        assert!(svg.trim_end().ends_with("</svg>"));
        assert!(svg.contains(name), "{stem}.svg: scenario name in the title");
        for t in texts {
            assert!(svg.contains(t), "{stem}.svg: missing {t:?}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_html_report_stands_alone_and_lists_every_interval() {
    let dir = temp_dir("html");
    let out = run(&dir, &[]);
    assert!(out.status.success());
    let html = read(&dir, "report.html");
    for external in ["http://", "https://", "<link", "<script", "src=", "url("] {
        assert!(
            !html.contains(external),
            "report.html refers outside: {external}"
        );
    }
    assert_eq!(
        html.matches("<svg ").count(),
        ChartKind::ALL.len(),
        "every chart inlined"
    );
    // small-business: 16 half hours from 09:00 to 17:00.
    for i in 0..16 {
        let (h, m) = (9 + i / 2, (i % 2) * 30);
        let (h2, m2) = (9 + (i + 1) / 2, ((i + 1) % 2) * 30);
        let label = format!("{h:02}:{m:02}–{h2:02}:{m2:02}");
        assert!(
            html.contains(&format!("<td>{label}</td>")),
            "no row {label}"
        );
    }
    let text = visible_text(&html);
    assert!(text.contains("With the planned staffing, "), "headline");
    assert!(text.contains("of callers are answered within 20\u{a0}seconds over the day"));
    assert!(text.contains("How to read this report"));
    // The Markdown report says the same and links the PNGs written beside it.
    let md = read(&dir, "report.md");
    assert!(md.contains("With the planned staffing, "));
    for kind in ChartKind::ALL {
        let png = format!("(chart-{}.png)", kind.stem());
        assert!(md.contains(&png), "report.md links {png}");
    }
    assert!(md.contains("| 16:30–17:00 |"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Literal pieces of an English template (between placeholders) long enough to be
/// a phrase rather than a shared word such as "Erlang C".
pub(crate) fn english_phrases() -> Vec<String> {
    let mut out = Vec::new();
    for &k in Key::ALL {
        let (en, fr) = (Lang::En.t(k), Lang::Fr.t(k));
        if en == fr {
            continue;
        }
        for piece in en.split(['{', '}']).step_by(2) {
            let piece = piece.trim_matches(|c: char| !c.is_alphanumeric());
            if piece.split_whitespace().count() >= 3 {
                out.push(piece.to_string());
            }
        }
    }
    assert!(out.len() > 50, "the English phrases were collected");
    out
}

/// Everyday English words that have no place in French text.
const ENGLISH_WORDS: [&str; 16] = [
    "the",
    "of",
    "and",
    "with",
    "within",
    "calls",
    "callers",
    "answered",
    "interval",
    "intervals",
    "agents",
    "target",
    "average",
    "wait",
    "hang",
    "per",
];

pub(crate) fn assert_no_english(what: &str, text: &str, phrases: &[String]) {
    for p in phrases {
        assert!(!text.contains(p.as_str()), "{what}: English left: {p:?}");
    }
    for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
        assert!(
            !ENGLISH_WORDS.contains(&w.to_lowercase().as_str()),
            "{what}: English word {w:?}"
        );
    }
}

#[test]
fn the_french_report_and_charts_have_no_english_left() {
    let dir = temp_dir("fr");
    let out = run(&dir, &["--lang", "fr"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let phrases = english_phrases();
    let name = "Small-business hotline, 9 to 5";
    let html = read(&dir, "report.html");
    assert!(html.contains("<html lang=\"fr\">"));
    let text = visible_text(&html).replace(name, "");
    assert_no_english("report.html", &text, &phrases);
    assert!(
        text.contains("Avec les effectifs prévus, "),
        "French headline"
    );
    assert!(
        text.contains("\u{a0}%"),
        "French percentages: {}",
        &text[..400]
    );
    assert_no_english(
        "report.md",
        &read(&dir, "report.md").replace(name, ""),
        &phrases,
    );
    for kind in ChartKind::ALL {
        let svg = read(&dir, &format!("chart-{}.svg", kind.stem()));
        assert_no_english(kind.stem(), &visible_text(&svg).replace(name, ""), &phrases);
    }
    // Decimal commas in the French table ("12,3 s"), none of the English "12.3 s".
    let table_start = text.find("Tranche par tranche").unwrap();
    // Up to the technical appendix (whose "ccsim 0.1.0" is a version, not a number).
    let table_end = text.find("Détails techniques").unwrap_or(text.len());
    let table = &text[table_start..table_end];
    assert!(table.contains(",") && table.contains("\u{a0}s"));
    let decimal_point = table
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit());
    assert!(!decimal_point, "a decimal point in the French table");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_charts_skips_them_and_an_unknown_language_is_refused() {
    let dir = temp_dir("nocharts");
    let out = run(&dir, &["--no-charts"]);
    assert!(out.status.success());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.starts_with("chart-")), "{names:?}");
    let html = read(&dir, "report.html");
    assert!(html.contains("--no-charts") && !html.contains("<svg"));

    let bad = temp_dir("badlang");
    let out = run(&bad, &["--lang", "de"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--lang") && err.contains("fr (français)"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&bad);
}

#[test]
fn reports_and_charts_do_not_depend_on_the_thread_count() {
    let (a, b) = (temp_dir("threads1"), temp_dir("threads2"));
    assert!(run(&a, &["--threads", "1"]).status.success());
    assert!(run(&b, &["--threads", "2"]).status.success());
    for name in [
        "report.html",
        "report.md",
        "chart-service-level.svg",
        "chart-waits.png",
    ] {
        assert_eq!(
            std::fs::read(a.join(name)).unwrap(),
            std::fs::read(b.join(name)).unwrap(),
            "{name} differs"
        );
    }
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}

/// Staffing results made by hand, as `ccsim staff` will make them.
fn staffing(n: usize) -> StaffingSection {
    StaffingSection {
        method: Method::Sim,
        intervals: (0..n)
            .map(|i| StaffingRow {
                required_agents: 5 + (i % 3) as u32,
                scheduled_agents: Some(8 + (i % 3) as u32),
                erlang_c_agents: Some(6 + (i % 3) as u32),
                service_level: Some(Estimate {
                    mean: Some(0.84),
                    ci95: Some(0.02),
                    n: 10,
                }),
                abandon_rate: Some(Estimate {
                    mean: Some(0.05),
                    ci95: Some(0.01),
                    n: 10,
                }),
                asa_s: Some(Estimate {
                    mean: Some(9.0),
                    ci95: Some(1.0),
                    n: 10,
                }),
                occupancy: Some(Estimate {
                    mean: Some(0.8),
                    ci95: Some(0.01),
                    n: 10,
                }),
                worse_than_planned: if i == 1 { vec!["abandon_rate"] } else { vec![] },
            })
            .collect(),
    }
}

#[test]
fn staffing_results_render_when_present() {
    let sc = ccsim::scenario::load(SCENARIO).unwrap();
    let cancel = AtomicBool::new(false);
    let result = replicate::run(
        &sc,
        &RunOptions {
            replications: 10,
            threads: 1,
            on_progress: &|_| {},
            cancel: &cancel,
        },
    )
    .unwrap();
    let rep = RunReport {
        scenario: &sc,
        result: &result,
    };
    let st = staffing(sc.model.intervals());
    let dir = temp_dir("staffing");
    for lang in Lang::ALL {
        let opts = ReportOptions {
            lang,
            charts: true,
            ..Default::default()
        };
        let mut folder = ccsim::report::output::OutputFolder::new(&dir);
        folder.extend(client::files(&rep, Some(&st), &opts).unwrap());
        folder.commit().unwrap();
        let html = read(&dir, "report.html");
        let text = visible_text(&html);
        let svg = read(&dir, "chart-calls-agents.svg");
        match lang {
            Lang::En => {
                assert!(text.contains("Agents required against agents planned"));
                // 16 half hours: planned 6 agents = 48 agent-hours; required 5,6,7,...
                assert!(text.contains("The plan has 48.0 agent-hours on the phones"));
                assert!(text.contains("by the Erlang C formula"));
                assert!(text.contains(
                    "The simulation needs fewer agent-hours than Erlang C (47.5 against 55.5)"
                ));
                assert!(text.contains("callers hang up and so shorten the queue"));
                assert!(text.contains("To schedule (with shrinkage)"));
                // What to do, first: the changes as runs of intervals, and their effect.
                assert!(text.contains("What to do"));
                assert!(text.contains(
                    "To meet the goals in every interval, add 1 agent 10:00–10:30, \
                     1 agent 11:30–12:00"
                ));
                assert!(text.contains("agent-hours can go elsewhere: 1 agent fewer 09:00–09:30"));
                assert!(text.contains("Staffing then takes 47.5 agent-hours instead of 48.0."));
                assert!(text.contains(
                    "at least 84% are answered within 20\u{a0}seconds, and at most 5% hang up"
                ));
                assert!(svg.contains("Agents required by simulation (right scale)"));
            }
            Lang::Fr => {
                assert!(text.contains("Conseillers nécessaires et conseillers prévus"));
                assert!(text.contains("Que faire"));
                assert!(text.contains("ajouter 1 conseiller de 10\u{a0}h à 10\u{a0}h\u{a0}30"));
                assert!(
                    text.contains("moins d’heures de conseiller qu’Erlang C (47,5 contre 55,5)")
                );
                assert!(svg.contains("Conseillers nécessaires selon la simulation"));
                let name = &sc.labels.name;
                assert_no_english(
                    "staffing fr",
                    &text.replace(name.as_str(), ""),
                    &english_phrases(),
                );
            }
        }
    }
    // Without staffing results the section is absent.
    let opts = ReportOptions {
        lang: Lang::En,
        charts: false,
        ..Default::default()
    };
    let document = doc::build(&rep, None, &opts, &[]);
    let page = html::render(&document, Lang::En);
    assert!(!page.contains("Agents required against agents planned"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A scenario name is the user's text, not markup: links and remote images in it stay
/// text in report.md, and control characters never reach a terminal (refused up front).
#[test]
fn names_cannot_inject_markdown_or_terminal_codes() {
    let dir = crate::support::temp_dir("inject");
    let base = std::fs::read_to_string("scenarios/small-business.toml").unwrap();
    let name_line = base
        .lines()
        .find(|l| l.starts_with("name"))
        .unwrap()
        .to_string();
    let path = dir.join("s.toml");
    std::fs::write(
        &path,
        base.replace(
            &name_line,
            "name = \"[click](http://x.example) ![pic](http://x.example/a.png)\"",
        ),
    )
    .unwrap();
    let out = dir.join("out");
    let o = crate::support::ccsim(&[
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
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("\\[click\\](http://x.example)"), "{md}");
    assert!(!md.contains("![pic]"), "{md}");
    std::fs::write(&path, base.replace(&name_line, "name = \"red\\u001b[31m\"")).unwrap();
    let o = crate::support::ccsim(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("control characters") && !err.contains('\u{1b}'),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 12: text in PNG charts is shaped, not placed glyph by glyph. For each word, the
/// widest run of blank pixel columns between its first and last ink must stay well under
/// the width of a space (about 0.32 em in DejaVu Sans): "hotl ine" had a space-wide gap.
#[test]
fn png_text_has_no_gaps_inside_words() {
    use ccsim::report::charts::kit::{MIN_TEXT, rasterise};
    let size = MIN_TEXT;
    // The widest run of blank columns between the first and the last ink of `text`.
    let widest_gap = |text: &str| -> usize {
        let (w, h) = (400u32, 60u32);
        let svg = format!(
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\
             <text x=\"10\" y=\"40\" font-family=\"sans-serif\" font-size=\"{size}\" fill=\"#000\">{text}</text></svg>"
        );
        let rgb = rasterise(&svg, w, h).unwrap();
        let inked: Vec<bool> = (0..w as usize)
            .map(|x| (0..h as usize).any(|y| rgb[(y * w as usize + x) * 3] < 160))
            .collect();
        let first = inked.iter().position(|&i| i).expect("the text is drawn");
        let last = inked.iter().rposition(|&i| i).unwrap();
        assert!(
            last - first > text.chars().count() * 5,
            "{text}: too narrow"
        );
        let (mut widest, mut run) = (0, 0);
        for &i in &inked[first..=last] {
            run = if i { 0 } else { run + 1 };
            widest = widest.max(run);
        }
        widest
    };
    // Side bearings leave up to 4 blank columns at this size (r then n); a space (0.32 em)
    // with its neighbours' bearings leaves 7 or more.
    let limit = 0.27 * size;
    for word in [
        "hotline",
        "Answered",
        "simulated",
        "journée",
        "délai",
        "Available",
        "Tuesday",
        "conseillers",
        "WAVY",
    ] {
        let gap = widest_gap(word);
        assert!(
            (gap as f64) < limit,
            "{word}: a gap of {gap} px inside the word"
        );
    }
    // The measure sees a real space: the test can fail.
    assert!(widest_gap("hotl ine") as f64 >= limit);
}

/// Every `font-size` of a chart's SVG is at least the kit's [`MIN_TEXT`].
pub(crate) fn assert_text_at_least_min(svg: &str, what: &str) {
    use ccsim::report::charts::kit::MIN_TEXT;
    for size in svg.split("font-size=\"").skip(1) {
        let px: f64 = size.split('"').next().unwrap().parse().unwrap();
        assert!(px >= MIN_TEXT, "{what}: text of {px} px");
    }
}

/// Issue 12: no chart text under 8 pt when printed across A4 (19 chart pixels), which is
/// over 14 screen pixels at the HTML report's width; long scenario names wrap or end
/// with "…", never run off the picture.
#[test]
fn chart_text_is_large_enough_to_print_and_long_names_are_not_cut() {
    let dir = temp_dir("chart-text");
    let long_name =
        "Centre de relation client de la mutuelle régionale, accueil téléphonique du lundi matin";
    let text = std::fs::read_to_string(SCENARIO).unwrap().replace(
        "name = \"Small-business hotline, 9 to 5\"",
        &format!("name = \"{long_name}\""),
    );
    let path = dir.join("long.toml");
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ccsim"))
        .args([
            "run",
            path.to_str().unwrap(),
            "--replications",
            "5",
            "--quiet",
            "--lang",
            "fr",
            "--out",
        ])
        .arg(dir.join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for kind in ChartKind::ALL {
        let svg = read(&dir.join("out"), &format!("{}.svg", kind.file_stem()));
        assert_text_at_least_min(&svg, kind.stem());
        // Every word of the name appears: wrapped onto lines, not cut.
        let visible = visible_text(&svg);
        for word in long_name.split(' ') {
            assert!(visible.contains(word), "{}: {word:?} missing", kind.stem());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 12: the header says who the report is for, by whom and when, with a short note;
/// the seed and ccsim version go to a technical appendix at the end.
#[test]
fn report_metadata_from_flags_and_a_technical_appendix() {
    let dir = temp_dir("meta");
    let out = run(
        &dir,
        &[
            "--no-charts",
            "--client",
            "Boulangerie [Martin](http://x)",
            "--author",
            "A. Consultant",
            "--date",
            "29 November 2026",
            "--note",
            "Draft for Monday.",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = visible_text(&read(&dir, "report.html"));
    assert!(
        text.contains(
            "Prepared for Boulangerie [Martin](http://x) by A. Consultant, 29 November 2026"
        ),
        "{text}"
    );
    assert!(text.contains("Draft for Monday."));
    let md = read(&dir, "report.md");
    assert!(
        md.contains("Boulangerie \\[Martin\\](http://x)"),
        "a link went live in report.md"
    );
    let appendix = text.split("Technical details").nth(1).expect("an appendix");
    assert!(appendix.contains("random seed 1") && appendix.contains("ccsim "));
    let head = text.split("In one sentence").next().unwrap();
    assert!(
        !head.contains("random seed"),
        "the seed is not in the header"
    );
    // Control characters are refused, like in scenario names.
    let bad = run(&dir, &["--client", "a\u{1b}[31mb"]);
    assert_eq!(bad.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}
