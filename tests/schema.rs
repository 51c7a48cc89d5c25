//! The published JSON Schemas (schema/): up to date with the code, valid draft-07, and in
//! step with what the scenario parser accepts and what `run`, `sweep` and `erlang --json`
//! write.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

const UPDATE_VAR: &str = "CCSIM_UPDATE_SCHEMAS";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(file: &str) -> Value {
    let s = ccsim::schema::all()
        .into_iter()
        .find(|s| s.file == file)
        .expect("a published schema");
    serde_json::from_str(&s.text).unwrap()
}

/// Fails with every validation error of `instance` against the schema in `file`.
pub fn assert_valid(file: &str, instance: &Value, what: &str) {
    let schema = schema(file);
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} does not validate against schema/{file}:\n{}",
        errors.join("\n")
    );
}

fn is_valid(file: &str, instance: &Value) -> bool {
    jsonschema::validator_for(&schema(file))
        .unwrap()
        .is_valid(instance)
}

/// Every scenario file shipped with the repository: the examples and test fixtures.
fn scenario_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["scenarios", "tests/fixtures"] {
        let Ok(entries) = std::fs::read_dir(repo().join(dir)) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "toml") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 3, "found the example scenarios");
    files
}

fn toml_to_json(text: &str) -> Value {
    toml::from_str::<Value>(text).expect("valid TOML")
}

#[test]
fn committed_schemas_match_the_code() {
    let update = std::env::var_os(UPDATE_VAR).is_some();
    let dir = repo().join("schema");
    let mut stale = Vec::new();
    for s in ccsim::schema::all() {
        let path = dir.join(s.file);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &s.text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(s.text.as_str()) {
            stale.push(format!("schema/{}", s.file));
        }
    }
    assert!(
        stale.is_empty(),
        "{} differ from the schemas the code generates; refresh them with\n    \
         {UPDATE_VAR}=1 cargo test --test tests schema::\nand commit the result",
        stale.join(", ")
    );
}

#[test]
fn schemas_are_valid_draft_07() {
    for s in ccsim::schema::all() {
        let v: Value = serde_json::from_str(&s.text).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        if let Err(e) = jsonschema::meta::validate(&v) {
            panic!("schema/{} is not a valid JSON Schema: {e}", s.file);
        }
    }
}

#[test]
fn every_example_scenario_matches_the_schema_and_the_file_types() {
    for path in scenario_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path.display().to_string();
        ccsim::scenario::load(&shown).unwrap_or_else(|e| panic!("{e}"));
        assert_valid("scenario.schema.json", &toml_to_json(&text), &shown);
        toml::from_str::<ccsim::scenario::file::ScenarioFile>(&text)
            .unwrap_or_else(|e| panic!("{shown} does not deserialise into ScenarioFile: {e}"));
    }
}

/// The keys the parser accepts in a table, read from its unknown-key message.
fn parser_keys(text: &str) -> BTreeSet<String> {
    let err = ccsim::scenario::parse_scenario("probe.toml", text)
        .expect_err("the probe key is unknown")
        .to_string();
    let list = err
        .split("one of the known keys here (")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap_or_else(|| panic!("an unknown-key message, found: {err}"));
    list.split(", ").map(str::to_string).collect()
}

/// Property names of a schema object, following `$ref`s and the branches of
/// `anyOf`/`oneOf` (the union of their keys).
fn schema_keys(root: &Value, node: &Value) -> BTreeSet<String> {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        return schema_keys(root, &root["definitions"][name]);
    }
    let mut keys: BTreeSet<String> = node
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for k in ["anyOf", "oneOf", "allOf"] {
        for branch in node.get(k).and_then(Value::as_array).into_iter().flatten() {
            keys.extend(schema_keys(root, branch));
        }
    }
    keys
}

/// The schema node of a top-level key (unwrapping Option's `anyOf [.., null]`).
fn property<'a>(root: &'a Value, key: &str) -> &'a Value {
    &root["properties"][key]
}

const BASE: &str = r#"
name = "probe"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [10, 20]
[handle_time]
distribution = "exponential"
mean = "4m"
[staffing]
agents = 3
[simulation]
replications = 1
[report]
client = "probe"
"#;

/// Adds `zzz_unknown = 1` to a table of the probe scenario.
fn with_unknown_key(table: &str, text: &str) -> String {
    if table.is_empty() {
        format!("zzz_unknown = 1\n{text}")
    } else {
        text.replace(
            &format!("[{table}]\n"),
            &format!("[{table}]\nzzz_unknown = 1\n"),
        )
    }
}

#[test]
fn schema_and_parser_accept_the_same_keys() {
    let root = schema("scenario.schema.json");
    // Top level and the plain tables.
    assert_eq!(
        parser_keys(&with_unknown_key("", BASE)),
        schema_keys(&root, &root),
        "top-level keys"
    );
    for table in [
        "service_level",
        "arrivals",
        "staffing",
        "simulation",
        "report",
    ] {
        assert_eq!(
            parser_keys(&with_unknown_key(table, BASE)),
            schema_keys(&root, property(&root, table)),
            "keys of [{table}]"
        );
    }
    // Each distribution's keys, in the schema's branch for that distribution.
    let dists = [
        ("exponential", "mean = \"4m\""),
        ("lognormal", "mean = \"4m\"\nsd = \"2m\""),
        ("gamma", "mean = \"4m\"\nsd = \"2m\""),
        ("erlang", "mean = \"4m\"\nk = 2"),
        ("fixed", "value = \"4m\""),
        ("uniform", "min = \"1m\"\nmax = \"5m\""),
        ("weibull", "shape = 1.5\nscale = \"4m\""),
    ];
    // One `if distribution = X then {...}` rule per distribution.
    let branches: Vec<Value> = root["definitions"]["DistributionFile"]["allOf"]
        .as_array()
        .expect("distributions are if/then rules")
        .iter()
        .map(|rule| rule["then"].clone())
        .collect();
    let branch_keys = |kind: &str| -> BTreeSet<String> {
        let b = branches
            .iter()
            .find(|b| b["properties"]["distribution"]["const"] == kind)
            .unwrap_or_else(|| panic!("a schema branch for {kind}"));
        schema_keys(&root, b)
    };
    let mut covered = BTreeSet::new();
    for (kind, params) in dists {
        let text = BASE.replace(
            "distribution = \"exponential\"\nmean = \"4m\"",
            &format!("distribution = \"{kind}\"\n{params}\nzzz_unknown = 1"),
        );
        assert_eq!(parser_keys(&text), branch_keys(kind), "keys of {kind}");
        covered.insert(kind.to_string());
    }
    // `empirical` needs a file to get as far as its unknown-key check.
    let dir = std::env::temp_dir().join(format!("ccsim-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("d.csv"), "s\n10\n20\n").unwrap();
    let text = BASE.replace(
        "distribution = \"exponential\"\nmean = \"4m\"",
        "distribution = \"empirical\"\nfile = \"d.csv\"\ncolumn = \"s\"\nzzz_unknown = 1",
    );
    let path = dir.join("probe.toml");
    let err = ccsim::scenario::parse_scenario(&path.to_string_lossy(), &text)
        .unwrap_err()
        .to_string();
    let listed: BTreeSet<String> = err
        .split("known keys here (")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .unwrap()
        .split(", ")
        .map(str::to_string)
        .collect();
    assert_eq!(listed, branch_keys("empirical"), "keys of empirical");
    covered.insert("empirical".into());
    std::fs::remove_dir_all(&dir).ok();
    // And the schema offers no distribution the parser does not know.
    let offered: BTreeSet<String> = branches
        .iter()
        .map(|b| {
            b["properties"]["distribution"]["const"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(offered, covered);
}

#[test]
fn schema_rejects_what_the_parser_rejects() {
    let bad = [
        (
            "unknown key",
            BASE.replace("[staffing]\n", "[staffing]\nagent = 3\n"),
        ),
        (
            "unknown distribution",
            BASE.replace("\"exponential\"", "\"poisson\""),
        ),
        ("target as a percentage", BASE.replace("0.8", "80")),
        (
            "two kinds of arrivals",
            BASE.replace("calls = [10, 20]", "calls = [10, 20]\nrate = \"10/h\""),
        ),
        (
            "a duration without a unit",
            BASE.replace("\"4m\"", "\"4 minutes\""),
        ),
        (
            "zero replications",
            BASE.replace("replications = 1", "replications = 0"),
        ),
        ("missing name", BASE.replace("name = \"probe\"", "")),
        ("a bad clock time", format!("start = \"25:00\"\n{BASE}")),
    ];
    assert!(is_valid("scenario.schema.json", &toml_to_json(BASE)));
    ccsim::scenario::parse_scenario("probe.toml", BASE).unwrap();
    for (what, text) in bad {
        assert!(
            ccsim::scenario::parse_scenario("probe.toml", &text).is_err(),
            "the parser accepts {what}"
        );
        assert!(
            !is_valid("scenario.schema.json", &toml_to_json(&text)),
            "the schema accepts {what}"
        );
    }
}

#[test]
fn summaries_of_every_example_validate() {
    for path in scenario_files() {
        let shown = path.display().to_string();
        let mut sc = ccsim::scenario::load(&shown).unwrap();
        sc.experiment.replications = 2;
        let summary = crate::support::summary(&sc);
        assert_valid(
            "summary.schema.json",
            &summary,
            &format!("the summary of {shown}"),
        );
    }
}

#[test]
fn staffing_json_of_every_method_validates() {
    let sc = ccsim::scenario::load(
        repo()
            .join("scenarios/small-business.toml")
            .to_str()
            .unwrap(),
    )
    .unwrap();
    let mut sc = sc;
    sc.experiment.replications = 4;
    let opts = ccsim::staffing::StaffOptions {
        threads: 1,
        cancel: &std::sync::atomic::AtomicBool::new(false),
        on_evaluation: &|| {},
        on_progress: &|_| {},
    };
    let planned_run = crate::support::simulate(&sc);
    let planned = ccsim::staffing::planned_figures(&sc, &planned_run, &opts).unwrap();
    let all: Vec<_> = [
        ccsim::staffing::Method::Sim,
        ccsim::staffing::Method::ErlangC,
        ccsim::staffing::Method::ErlangA,
    ]
    .into_iter()
    .map(|m| ccsim::staffing::staff(&sc, m, &opts).unwrap())
    .collect();
    for (k, st) in all.iter().enumerate() {
        let method = st.method;
        let cx = ccsim::report::staffing::Context {
            sc: &sc,
            planned: &planned,
            compared: &all,
            compare: k == 0,
        };
        let json = ccsim::report::staffing::json_value(&cx, st);
        assert_eq!(json["method"], method.key());
        assert_valid(
            "staffing.schema.json",
            &json,
            &format!("staffing.json by {}", method.key()),
        );
    }
}

/// `ccsim erlang ... --json` for every model: staffing given and solved for, with and
/// without a threshold, and between them every key the schema lists.
const ERLANG_CASES: &[&str] = &[
    "b --calls 300 --per 1h --aht 240s --lines 20",
    "b --calls 300 --per 1h --aht 240s --max-blocking 0.01 --max-occupancy 0.8 --shrinkage 0.3",
    "c --calls 480 --per 1h --aht 60s --agents 10 --threshold 20s",
    "c --calls 480 --per 1h --aht 60s --agents 10",
    "c --calls 1500 --per 30m --aht 280s --threshold 20s --target 0.8 --asa-target 30s \
     --max-occupancy 0.9 --shrinkage 0.3 --sl-of offered",
    "c --calls 480 --per 1h --aht 60s --agents 10 --lines 25 --threshold 20s",
    "c --calls 480 --per 1h --aht 60s --agents 10 --lines 10",
    "c --calls 480 --per 1h --aht 60s --lines 25 --threshold 20s --target 0.8 --asa-target 30s \
     --max-occupancy 0.9 --max-blocking 0.05 --shrinkage 0.3 --sl-of answered",
    "a --calls 1200 --per 1h --aht 180s --patience 2m --agents 58 --threshold 20s",
    "a --calls 1200 --per 1h --aht 180s --patience 2m --agents 58",
    "a --calls 1200 --per 1h --aht 180s --patience 2m --threshold 20s --target 0.8 \
     --asa-target 30s --max-occupancy 0.95 --shrinkage 0.3 --sl-of excl_short_abandons",
];

fn erlang_json(args: &str) -> Value {
    let mut all = vec!["erlang"];
    all.extend(args.split_whitespace());
    all.push("--json");
    let (code, out, err) = crate::support::outcome(&crate::support::ccsim(&all));
    assert_eq!(code, 0, "ccsim erlang {args}: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("ccsim erlang {args}: {e}"))
}

/// The keys the erlang schema lists for `model`, in its order.
fn erlang_schema_keys(root: &Value, model: &str) -> Vec<String> {
    root["allOf"]
        .as_array()
        .expect("models are if/then rules")
        .iter()
        .map(|rule| &rule["then"])
        .find(|then| then["properties"]["model"]["const"] == model)
        .unwrap_or_else(|| panic!("a schema branch for {model}"))["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect()
}

#[test]
fn erlang_json_of_every_model_validates_with_keys_in_schema_order() {
    let root = schema("erlang.schema.json");
    let mut printed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for args in ERLANG_CASES {
        let v = erlang_json(args);
        assert_valid(
            "erlang.schema.json",
            &v,
            &format!("ccsim erlang {args} --json"),
        );
        let model = v["model"].as_str().unwrap();
        let order = erlang_schema_keys(&root, model);
        let keys: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        let at: Vec<usize> = keys
            .iter()
            .map(|k| order.iter().position(|o| o == k).unwrap())
            .collect();
        assert!(
            at.windows(2).all(|w| w[0] < w[1]),
            "ccsim erlang {args}: keys {keys:?} are not in the schema's order {order:?}"
        );
        printed.entry(model.into()).or_default().extend(keys);
    }
    for model in ["erlang_b", "erlang_c", "mmck", "erlang_a"] {
        let listed: BTreeSet<String> = erlang_schema_keys(&root, model).into_iter().collect();
        assert_eq!(
            printed.get(model),
            Some(&listed),
            "keys of {model}: printed by the cases vs listed by the schema"
        );
    }
}

/// `v` with `key` set to `value`, or removed when `value` is `None`.
fn with_key(v: &Value, key: &str, value: Option<Value>) -> Value {
    let mut v = v.clone();
    let map = v.as_object_mut().unwrap();
    match value {
        Some(value) => map.insert(key.into(), value),
        None => map.remove(key),
    };
    v
}

#[test]
fn erlang_schema_rejects_what_a_model_does_not_print() {
    let b = erlang_json(ERLANG_CASES[0]);
    let c = erlang_json(ERLANG_CASES[2]);
    assert!(is_valid("erlang.schema.json", &b) && is_valid("erlang.schema.json", &c));
    let bad = [
        (
            "an unknown model",
            with_key(&c, "model", Some("mmc".into())),
        ),
        (
            "a key of another model",
            with_key(&b, "patience_s", Some(60.into())),
        ),
        ("a missing figure", with_key(&c, "asa_s", None)),
        (
            "a threshold in erlang b",
            with_key(&b, "threshold_s", Some(20.into())),
        ),
        (
            "an unknown --sl-of",
            with_key(&c, "sl_of", Some("all".into())),
        ),
        ("no staffing", with_key(&c, "agents", Some(Value::Null))),
    ];
    for (what, v) in bad {
        assert!(
            !is_valid("erlang.schema.json", &v),
            "the schema accepts {what}"
        );
    }
}

/// `target = "80%"` reads as on the command line (0.80), in the parser and the schema
/// alike; a bare string or a share above 100 % is refused by both.
#[test]
fn a_percentage_target_reads_as_a_fraction() {
    let pct = BASE.replace("0.8", "\"80%\"");
    assert_ne!(pct, BASE, "the probe sets target = 0.8");
    let sc = ccsim::scenario::parse_scenario("probe.toml", &pct).unwrap();
    assert!((sc.model.service_level.target - 0.8).abs() < 1e-12);
    assert!(is_valid("scenario.schema.json", &toml_to_json(&pct)));
    for bad in ["\"80\"", "\"120%\"", "\"eighty%\""] {
        let text = BASE.replace("0.8", bad);
        assert!(
            ccsim::scenario::parse_scenario("probe.toml", &text).is_err(),
            "{bad}"
        );
        assert!(
            !is_valid("scenario.schema.json", &toml_to_json(&text)),
            "{bad}"
        );
    }
}
