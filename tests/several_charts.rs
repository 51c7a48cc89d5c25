//! Issue 15: the charts of a run with several call types (each type's service level per
//! interval against its own target, each group's occupancy per interval), their place in
//! the client report, and that one-queue runs do not gain them.

use std::path::{Path, PathBuf};

use ccsim::report::charts::several::{GROUPS_STEM, TYPES_STEM};
use ccsim::report::i18n::{Key, Lang};
use ccsim::scenario::{Scenario, parse_scenario};

use crate::report::{assert_text_at_least_min, visible_text};
use crate::support::{ccsim, temp_dir};

const SALES_SUPPORT: &str = "scenarios/sales-support.toml";

fn load(path: &str) -> Scenario {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    parse_scenario(path, &std::fs::read_to_string(full).unwrap()).unwrap()
}

/// `ccsim run path` with 30 replications and `extra` flags, into a fresh folder.
fn run(path: &str, tag: &str, extra: &[&str]) -> PathBuf {
    let out = temp_dir(tag);
    let mut args = vec![
        "run",
        path,
        "--replications",
        "30",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    let o = ccsim(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The chart's texts, all at least the minimum size (and there are texts to check).
fn assert_text_large_enough(svg: &str, what: &str) {
    let texts = svg.matches("font-size=\"").count();
    assert!(texts > 10, "{what}: only {texts} texts");
    assert_text_at_least_min(svg, what);
}

/// Sales and support: both charts are written (SVG and PNG), name every call type and
/// every group in their legend, keep every text at the minimum size, and sit in the
/// report's "Call types and agent groups" section, before the run's charts.
#[test]
fn several_call_types_get_a_types_chart_and_a_groups_chart() {
    let sc = load(SALES_SUPPORT);
    let out = run(SALES_SUPPORT, "several-charts", &[]);
    for stem in [TYPES_STEM, GROUPS_STEM] {
        let png = std::fs::read(out.join(format!("{stem}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG", "{stem}.png");
        assert_text_large_enough(&read(&out, &format!("{stem}.svg")), stem);
    }
    let types = visible_text(&read(&out, &format!("{TYPES_STEM}.svg")));
    for t in &sc.model.call_types {
        assert!(types.contains(&t.name), "call type {:?} not named", t.name);
    }
    let en = Lang::En;
    // One target shared by every type: one grey line, labelled without type names.
    let target = en.fill(Key::LegendTarget, &[("target", &en.pct(0.8, 0))]);
    assert_eq!(types.matches(&target).count(), 1, "{types}");
    let groups = visible_text(&read(&out, &format!("{GROUPS_STEM}.svg")));
    for g in &sc.model.agent_groups {
        assert!(groups.contains(&g.name), "group {:?} not named", g.name);
    }
    assert!(groups.contains(en.t(Key::ChartOccupancyAxis)));
    let md = read(&out, "report.md");
    let section = md
        .find(&format!("## {}", en.t(Key::GroupsHeading)))
        .unwrap();
    let charts = md
        .find(&format!("## {}", en.t(Key::ChartsHeading)))
        .unwrap();
    for stem in [TYPES_STEM, GROUPS_STEM] {
        let at = md.find(&format!("({stem}.png)")).expect(stem);
        assert!(section < at && at < charts, "{stem} outside its section");
    }
    let html = read(&out, "report.html");
    assert!(html.contains(en.t(Key::CaptionTypes)) && html.contains(en.t(Key::CaptionGroups)));
    let _ = std::fs::remove_dir_all(&out);
}

/// Types with different targets: one dashed line per target, each labelled with the
/// types it belongs to.
#[test]
fn different_targets_are_drawn_and_named_per_type() {
    let dir = temp_dir("several-targets");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SALES_SUPPORT))
        .unwrap()
        .replace(
            "service_level = { threshold = \"60s\", target = 0.80 }",
            "service_level = { threshold = \"60s\", target = 0.70 }",
        );
    let path = dir.join("targets.toml");
    std::fs::write(&path, &text).unwrap();
    let sc = parse_scenario("targets.toml", &text).unwrap();
    let targets: Vec<f64> = sc
        .model
        .call_types
        .iter()
        .map(|t| t.service_level.target)
        .collect();
    assert_eq!(targets, [0.8, 0.7], "the edit reached the support type");
    let out = run(path.to_str().unwrap(), "several-targets-out", &[]);
    let svg = visible_text(&read(&out, &format!("{TYPES_STEM}.svg")));
    let en = Lang::En;
    for (t, target) in sc.model.call_types.iter().zip(targets) {
        let label = en.fill(
            Key::LegendTypeTarget,
            &[("target", &en.pct(target, 0)), ("types", &t.name)],
        );
        assert!(svg.contains(&label), "{label:?} missing from {svg}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&out);
}

/// A one-queue run writes none of them, and its report does not mention them.
#[test]
fn one_queue_runs_have_no_several_type_charts() {
    let out = run("scenarios/retail-day.toml", "several-one-queue", &[]);
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        names.iter().any(|n| n == "chart-service-level.svg"),
        "{names:?}"
    );
    for stem in [TYPES_STEM, GROUPS_STEM] {
        assert!(!names.iter().any(|n| n.starts_with(stem)), "{names:?}");
        assert!(!read(&out, "report.md").contains(stem));
    }
    let _ = std::fs::remove_dir_all(&out);
}

/// In French the charts are French: French titles and axis names, none of the English
/// ones; texts still at the minimum size.
#[test]
fn french_charts_have_no_english_titles() {
    let out = run("scenarios/bilingual.toml", "several-fr", &["--lang", "fr"]);
    for (stem, axis) in [
        (TYPES_STEM, Key::ChartServiceLevelAxis),
        (GROUPS_STEM, Key::ChartOccupancyAxis),
    ] {
        let svg = read(&out, &format!("{stem}.svg"));
        assert_text_large_enough(&svg, stem);
        let text = visible_text(&svg);
        for key in [axis, Key::TimeOfDay, Key::LegendBand] {
            assert!(
                text.contains(Lang::Fr.t(key)),
                "{stem}: {key:?} not in French"
            );
            assert!(
                !text.contains(Lang::En.t(key)),
                "{stem}: {key:?} in English"
            );
        }
        for english in ["of each call type", "of each agent group", "simulated days"] {
            assert!(!text.contains(english), "{stem}: {english:?} in {text}");
        }
    }
    let types = visible_text(&read(&out, &format!("{TYPES_STEM}.svg")));
    assert!(
        types.contains("niveau de service de chaque type"),
        "{types}"
    );
    let groups = visible_text(&read(&out, &format!("{GROUPS_STEM}.svg")));
    assert!(
        groups.contains("taux d’occupation de chaque groupe"),
        "{groups}"
    );
    let _ = std::fs::remove_dir_all(&out);
}

/// Same scenario and seed: the same charts and report, byte for byte, on 1 or 2 threads.
#[test]
fn several_type_charts_are_byte_identical_for_any_thread_count() {
    let a = run(SALES_SUPPORT, "several-threads1", &["--threads", "1"]);
    let b = run(SALES_SUPPORT, "several-threads2", &["--threads", "2"]);
    for stem in [TYPES_STEM, GROUPS_STEM] {
        for ext in ["svg", "png"] {
            let name = format!("{stem}.{ext}");
            assert!(
                std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(),
                "{name} differs between 1 and 2 threads"
            );
        }
    }
    assert_eq!(read(&a, "report.html"), read(&b, "report.html"));
    let _ = std::fs::remove_dir_all(&a);
    let _ = std::fs::remove_dir_all(&b);
}
