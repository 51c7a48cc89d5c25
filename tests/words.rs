//! The report's words (issue 12): plurals and agreement for 0, 1 and 2 of every counted
//! thing in English and French, "over the day" only for a run that is a day, French
//! typography, and none of the French variants the glossary rules out in any rendered
//! report, chart or table.

use ccsim::report::RunReport;
use ccsim::report::client::{ReportOptions, doc, html};
use ccsim::report::i18n::{FORBIDDEN_FR, Key, Lang};
use ccsim::staffing::{Method, StaffingRow, StaffingSection};
use ccsim::stats::Estimate;

use crate::report::visible_text;
use crate::support::{scenario, simulate, temp_dir};

/// A scenario of `intervals` half hours from 10:00, `replications` simulated days; the
/// first `missed` intervals are swamped (one agent for 100 calls), the others have 60
/// agents for 10 calls, so which intervals miss the target is certain.
fn counted(intervals: usize, missed: usize, replications: u32, extra: &str) -> String {
    let calls: Vec<String> = (0..intervals)
        .map(|i| if i < missed { "100" } else { "10" }.to_string())
        .collect();
    let agents: Vec<String> = (0..intervals)
        .map(|i| if i < missed { "1" } else { "60" }.to_string())
        .collect();
    format!(
        r#"name = "W"
interval = "30m"
start = "10:00"
{extra}
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [{}]
[handle_time]
distribution = "exponential"
mean = "4m"
[staffing]
agents = [{}]
[simulation]
replications = {replications}
seed = 3
"#,
        calls.join(", "),
        agents.join(", ")
    )
}

/// The report's visible text, with staffing results when given.
fn render(text: &str, lang: Lang, staffing: Option<&StaffingSection>) -> String {
    let sc = scenario(text);
    let result = simulate(&sc);
    let rep = RunReport {
        scenario: &sc,
        result: &result,
    };
    let opts = ReportOptions {
        lang,
        charts: false,
        ..Default::default()
    };
    let d = doc::build(&rep, staffing, &opts, &[]);
    visible_text(&html::render(&d, lang))
}

fn has(text: &str, phrase: &str) {
    assert!(text.contains(phrase), "{phrase:?} not in:\n{text}");
}

fn lacks(text: &str, phrase: &str) {
    assert!(!text.contains(phrase), "{phrase:?} in:\n{text}");
}

const NB: &str = "\u{a0}";

#[test]
fn intervals_replications_and_misses_agree_with_their_number() {
    // One interval, one replication, missed.
    let one = counted(1, 1, 1, "");
    let en = render(&one, Lang::En, None);
    has(&en, "One interval of 30");
    has(&en, "1 of the 1 intervals misses the 80% target.");
    has(&en, "1 replication (simulated day)");
    has(&en, "mean over the simulated days");
    let fr = render(&one, Lang::Fr, None);
    has(&fr, "Une tranche de 30");
    has(&fr, "1 tranche sur 1 n’atteint pas l’objectif de 80");
    has(&fr, "1 réplication (journée simulée)");
    // Two intervals, two replications, one missed.
    let two = counted(2, 1, 2, "");
    let en = render(&two, Lang::En, None);
    has(&en, "2 intervals of 30");
    has(&en, "1 of the 2 intervals misses the 80% target.");
    has(&en, "2 replications (simulated days)");
    let fr = render(&two, Lang::Fr, None);
    has(&fr, "2 tranches de 30");
    has(&fr, "1 tranche sur 2 n’atteint pas l’objectif");
    has(&fr, "2 réplications (journées simulées)");
    // French clock times in running text: "de 10 h à 11 h"; the worst interval too.
    has(&fr, &format!("de 10{NB}h à 11{NB}h"));
    has(
        &fr,
        &format!("La plus faible est celle de 10{NB}h à 10{NB}h{NB}30"),
    );
    // Two missed, and none missed.
    let both = counted(2, 2, 2, "");
    has(
        &render(&both, Lang::En, None),
        "2 of the 2 intervals miss the 80% target.",
    );
    has(
        &render(&both, Lang::Fr, None),
        "2 tranches sur 2 n’atteignent pas l’objectif",
    );
    let none = counted(2, 0, 2, "");
    has(
        &render(&none, Lang::En, None),
        "Every interval meets the 80% target.",
    );
    has(
        &render(&none, Lang::Fr, None),
        "Toutes les tranches atteignent l’objectif de 80",
    );
}

#[test]
fn warm_up_reads_the_first_hours_and_a_period_is_not_a_day() {
    let steady = |warmup: &str| {
        format!(
            r#"name = "W"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
rate = "60/h"
[handle_time]
distribution = "exponential"
mean = "1m"
[staffing]
agents = 3
[simulation]
replications = 2
horizon = "10h"
warmup = "{warmup}"
"#
        )
    };
    let five = steady("5h");
    let en = render(&five, Lang::En, None);
    has(
        &en,
        "calls in the first 5 hours are simulated but not counted",
    );
    let fr = render(&five, Lang::Fr, None);
    has(&fr, "les appels des 5 premières heures sont simulés");
    // A steady rate over a horizon is a period, not a day.
    has(&fr, "sur la période");
    lacks(&fr, "sur la journée");
    has(&en, "over the period");
    let one = steady("1h");
    has(
        &render(&one, Lang::En, None),
        "calls in the first hour are simulated",
    );
    has(
        &render(&one, Lang::Fr, None),
        "les appels de la première heure sont simulés",
    );
    has(
        &render(&steady("90m"), Lang::Fr, None),
        "des 90 premières minutes",
    );
    // Sixteen half hours (8 h) are a business day; two half hours are not.
    let day = counted(16, 0, 2, "");
    has(&render(&day, Lang::Fr, None), "sur la journée");
    has(&render(&day, Lang::En, None), "over the day");
    has(
        &render(&counted(2, 0, 2, ""), Lang::Fr, None),
        "sur la période",
    );
}

/// Staffing results for two intervals: `add` agents more than planned in the first.
fn staffing(planned: u32, add: u32) -> StaffingSection {
    let est = |m: f64| {
        Some(Estimate {
            mean: Some(m),
            ci95: Some(0.01),
            n: 2,
        })
    };
    StaffingSection {
        method: Method::Sim,
        intervals: (0..2)
            .map(|i| StaffingRow {
                required_agents: if i == 0 { planned + add } else { planned },
                scheduled_agents: None,
                erlang_c_agents: None,
                service_level: est(0.9),
                abandon_rate: None,
                asa_s: None,
                occupancy: None,
                worse_than_planned: vec![],
            })
            .collect(),
    }
}

#[test]
fn agents_to_add_and_agent_hours_agree_and_only_misses_are_tinted() {
    let sc = counted(2, 0, 2, "");
    for (add, en_phrase, fr_phrase) in [
        (
            1,
            "add 1 agent 10:00–10:30",
            "ajouter 1 conseiller de 10\u{a0}h à 10\u{a0}h\u{a0}30",
        ),
        (
            2,
            "add 2 agents 10:00–10:30",
            "ajouter 2 conseillers de 10\u{a0}h à 10\u{a0}h\u{a0}30",
        ),
    ] {
        let st = staffing(60, add);
        let en = render(&sc, Lang::En, Some(&st));
        has(&en, en_phrase);
        // 60 agents for two half hours: 60 agent-hours planned.
        has(&en, "The plan has 60.0 agent-hours on the phones");
        has(&en, "Highlighted figures miss the goal");
        let fr = render(&sc, Lang::Fr, Some(&st));
        has(&fr, fr_phrase);
        has(
            &fr,
            "Le planning prévoit 60,0 heures de conseiller au téléphone",
        );
        has(&fr, "Les chiffres surlignés n’atteignent pas l’objectif");
    }
    // Only the planned-agents cell of the interval short of agents is tinted, and the
    // legend is there only when something is.
    let sc_t = scenario(&sc);
    let result = simulate(&sc_t);
    let rep = RunReport {
        scenario: &sc_t,
        result: &result,
    };
    let page = |st: &StaffingSection| {
        let d = doc::build(&rep, Some(st), &ReportOptions::default(), &[]);
        html::render(&d, Lang::En)
    };
    let tinted = page(&staffing(60, 1));
    let section = &tinted[tinted.find("Agents required against").unwrap()..];
    let table = &section[..section.find("</table>").unwrap()];
    assert_eq!(table.matches("class=\"num below\"").count(), 1, "{table}");
    assert!(table.contains("<td>10:00–10:30</td><td class=\"num below\">60</td>"));
    assert!(!table.contains("tr class=\"below\""), "no whole row tinted");
    // report.md, which has no tint, sets the same cell in bold.
    let d = doc::build(&rep, Some(&staffing(60, 1)), &ReportOptions::default(), &[]);
    let md = ccsim::report::client::markdown::render(&d);
    assert!(md.contains("| 10:00–10:30 | **60** | 61 |"), "{md}");
    assert_eq!(md.matches("**60**").count(), 1);
    let clean = page(&staffing(60, 0));
    assert!(!clean.contains("class=\"num below\""));
    assert!(!clean.contains("Highlighted figures"));
}

/// Every template that counts something, filled with 0, 1 and 2: English takes the
/// singular for 1 only, French for 0 and 1.
#[test]
fn counted_templates_agree_for_zero_one_and_two() {
    type Case = (Key, &'static str, [&'static str; 3], [&'static str; 3]);
    let cases: [Case; 8] = [
        (
            Key::WaitingAtClose,
            "n",
            ["0 callers were", "1 caller was", "2 callers were"],
            [
                "0 appelant attendait",
                "1 appelant attendait",
                "2 appelants attendaient",
            ],
        ),
        (
            Key::AbandonInHundred,
            "n",
            ["0 in 100 hang up", "1 in 100 hangs up", "2 in 100 hang up"],
            [
                "0 sur 100 abandonne ",
                "1 sur 100 abandonne ",
                "2 sur 100 abandonnent ",
            ],
        ),
        (
            Key::BlockedInHundred,
            "n",
            ["0 in 100 get a", "1 in 100 gets a", "2 in 100 get a"],
            [
                "0 sur 100 tombe sur",
                "1 sur 100 tombe sur",
                "2 sur 100 tombent sur",
            ],
        ),
        (
            Key::BreakdownWithin,
            "n",
            ["0 are answered", "1 is answered", "2 are answered"],
            ["0 obtient une", "1 obtient une", "2 obtiennent une"],
        ),
        (
            Key::StaffingWorse,
            "n",
            ["in 0 intervals:", "in 1 interval:", "in 2 intervals:"],
            [
                "dans 0 tranche\u{a0}:",
                "dans 1 tranche\u{a0}:",
                "dans 2 tranches\u{a0}:",
            ],
        ),
        (
            Key::ShortBy,
            "n",
            ["0 pts", "1 pts", "2 pts"],
            ["0\u{a0}point", "1\u{a0}point", "2\u{a0}points"],
        ),
        (
            Key::LinesLimit,
            "n",
            [
                "At most 0 calls at",
                "At most 1 call at",
                "At most 2 calls at",
            ],
            [
                "Au plus 0 appel à",
                "Au plus 1 appel à",
                "Au plus 2 appels à",
            ],
        ),
        (
            Key::MetaDays,
            "runs",
            ["0 simulated days", "1 simulated day", "2 simulated days"],
            [
                "0 journée simulée",
                "1 journée simulée",
                "2 journées simulées",
            ],
        ),
    ];
    for (key, name, en, fr) in cases {
        for (i, n) in ["0", "1", "2"].into_iter().enumerate() {
            let e = Lang::En.fill(key, &[(name, n)]);
            let f = Lang::Fr.fill(key, &[(name, n)]);
            assert!(e.contains(en[i]), "{key:?} {n}: {e:?} lacks {:?}", en[i]);
            assert!(f.contains(fr[i]), "{key:?} {n}: {f:?} lacks {:?}", fr[i]);
        }
    }
    // The singular stops at 1 in English, below 2 in French: "1,5 heure de conseiller".
    let spare = |lang: Lang, h: &str| lang.fill(Key::WhatToDoSpare, &[("hours", h), ("list", "x")]);
    assert!(spare(Lang::Fr, "1,5").starts_with("1,5 heure de conseiller"));
    assert!(spare(Lang::Fr, "2,0").starts_with("2,0 heures de conseiller"));
    assert!(spare(Lang::En, "1.5").starts_with("1.5 agent-hours"));
    assert!(spare(Lang::En, "1").starts_with("1 agent-hour can"));
}

/// The French reports of the examples, their charts' text and tables, hold none of the
/// variants the glossary rules out, and follow French typography: a no-break space before
/// ":", ";", "!", "?" and "%", never an ordinary one or none.
#[test]
fn french_reports_use_the_glossary_and_french_typography() {
    let dir = temp_dir("words-fr");
    for (command, scenario) in [
        ("run", "scenarios/small-business.toml"),
        ("run", "scenarios/uncertain-day.toml"),
        ("run", "scenarios/erlang-c-textbook.toml"),
        ("run", "scenarios/sales-support.toml"),
        ("staff", "scenarios/small-business.toml"),
    ] {
        let out_dir = dir.join(format!(
            "{command}-{}",
            scenario.trim_start_matches("scenarios/")
        ));
        let mut args = vec![command, scenario, "--lang", "fr", "--quiet", "--out"];
        let out_arg = out_dir.to_string_lossy().into_owned();
        args.push(&out_arg);
        if command == "run" {
            args.extend(["--replications", "10"]);
        }
        let out = crate::support::ccsim(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let sc = ccsim::scenario::load(scenario).unwrap();
        let name = sc.labels.name.clone();
        let mut texts = vec![(
            "report.html".to_string(),
            visible_text(&std::fs::read_to_string(out_dir.join("report.html")).unwrap()),
        )];
        for e in std::fs::read_dir(&out_dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "svg") {
                texts.push((
                    p.display().to_string(),
                    visible_text(&std::fs::read_to_string(&p).unwrap()),
                ));
            }
        }
        for (what, text) in texts {
            let text = text.replace(&name, "").replace(&sc.labels.path, "");
            let what = format!("{command} {scenario} {what}");
            for (bad, good) in FORBIDDEN_FR {
                assert!(
                    !text.contains(bad),
                    "{what}: {bad:?} (use {good:?}) in:\n{text}"
                );
            }
            for (i, c) in text.char_indices() {
                if !matches!(c, ':' | ';' | '!' | '?' | '%') {
                    continue;
                }
                let before = text[..i].chars().next_back().unwrap_or(' ');
                // Clock times ("09:00") and a "%" opening an axis label's parenthesis.
                let clock = c == ':' && before.is_ascii_digit();
                let opening = c == '%' && before == '(';
                assert!(
                    clock || opening || before == '\u{a0}' || before == '\u{202f}',
                    "{what}: {:?} before {c:?} in {:?}",
                    before,
                    &text[text[..i].char_indices().nth_back(30).map_or(0, |x| x.0)..i + 1]
                );
            }
        }
        // Where the run is a day it says so, and only then.
        let report = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
        // The textbook case is a steady rate; sales and support, a morning.
        if scenario.contains("erlang-c") || scenario.contains("sales") {
            assert!(report.contains("sur la période") && !report.contains("sur la journée"));
        } else {
            assert!(report.contains("sur la journée"), "{scenario}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
