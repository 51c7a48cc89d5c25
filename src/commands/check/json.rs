//! `check --json`: the results for machines (schema `ccsim.check.v1`, published as
//! `schema/check.schema.json`): the exit code and summary line, the rules, and per
//! scenario its outcome, notes and every compared metric that moved.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Report, ScenarioCheck, Status};
use crate::check::{self, Moved, Rule};
use crate::error::Error;
use crate::stats::Metric;

pub const SCHEMA: &str = "ccsim.check.v1";

/// The output of `ccsim check --json`.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "ccsim check --json")]
struct CheckJson<'a> {
    #[schemars(extend("const" = SCHEMA))]
    schema: &'static str,
    /// Version of ccsim that ran the check.
    ccsim_version: &'static str,
    /// The process's exit code: the worst scenario's (0 fine, 1 regression, 2 missing or
    /// incomparable baseline or bad scenario, 3 runtime failure).
    exit_code: u8,
    /// The verdict line printed on stderr; null when every scenario is fine.
    summary: Option<String>,
    /// Whether `--update` wrote the baselines.
    update: bool,
    rules: Rules,
    scenarios: Vec<ScenarioJson<'a>>,
}

/// How moved metrics are judged.
#[derive(Serialize, JsonSchema)]
struct Rules {
    /// Paired test: family-wise false-alarm rate per scenario (`--alpha`).
    alpha: f64,
    /// Unpaired rule: the multiplier k (`--tolerance`).
    k: f64,
    /// Metrics compared.
    metrics: Vec<&'static str>,
    /// Whether each interval is compared, not only the day.
    per_interval: bool,
    /// The absolute floor added to every allowed change: for shares (0 to 1), and for
    /// seconds and counts.
    floor_share: f64,
    floor_other: f64,
}

/// One scenario's outcome.
#[derive(Serialize, JsonSchema)]
struct ScenarioJson<'a> {
    /// The scenario file as given.
    scenario: &'a str,
    /// The scenario's name; null when it could not be loaded.
    name: Option<&'a str>,
    baseline: String,
    /// The per-replication values used or written; null when the unpaired rule judged.
    companion: Option<String>,
    #[schemars(extend("enum" = ["passed", "regressed", "updated", "no_baseline",
        "unusable_baseline", "not_comparable", "error"]))]
    outcome: &'static str,
    /// This scenario's own exit code.
    exit_code: u8,
    /// Why nothing was compared (unusable or incomparable baseline, error); null otherwise.
    reason: Option<String>,
    /// Differences between baseline and run that did not prevent the comparison.
    notes: &'a [String],
    seed: Option<u64>,
    replications: Option<u64>,
    baseline_replications: Option<u64>,
    intervals: Option<usize>,
    /// Null when nothing was compared.
    comparison: Option<ComparisonJson>,
}

/// What was compared and what moved.
#[derive(Serialize, JsonSchema)]
struct ComparisonJson {
    /// Metric × place comparisons made.
    compared: usize,
    /// Of which judged by the paired test (the Bonferroni family).
    paired: usize,
    /// Of which judged by the unpaired rule (no pairs), not counting those undefined in
    /// both runs.
    unpaired: usize,
    /// Replications paired; null without per-replication values.
    pairs: Option<u64>,
    /// The paired test's level on each side of each comparison: alpha / (2 · paired).
    per_test_alpha: Option<f64>,
    regressions: usize,
    /// Every compared metric whose mean moved: the day first, then by interval.
    moved: Vec<MovedJson>,
}

/// One metric in one place whose mean moved.
#[derive(Serialize, JsonSchema)]
struct MovedJson {
    /// "day" or the interval's start label.
    #[serde(rename = "where")]
    place: String,
    /// The interval's index; null for the day.
    interval: Option<usize>,
    metric: &'static str,
    baseline: Option<f64>,
    now: Option<f64>,
    /// now − baseline; null where either is undefined.
    difference: Option<f64>,
    /// The largest change that is not a regression.
    allowed: f64,
    #[schemars(extend("enum" = ["paired", "unpaired"]))]
    rule: &'static str,
    /// Paired rule: replications paired, mean per-replication difference, and the
    /// two-sided p-value of the paired t test before correction.
    pairs: Option<u64>,
    paired_difference: Option<f64>,
    p_value: Option<f64>,
    regression: bool,
}

/// The JSON Schema of `check --json`, generated from the types that write it.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<CheckJson<'static>>()
        .to_value()
}

fn moved_json(m: &Moved) -> MovedJson {
    let pairs = match m.rule {
        Rule::Paired { pairs } => Some(pairs),
        Rule::Unpaired => None,
    };
    MovedJson {
        place: m.scope.clone(),
        interval: m.interval,
        metric: m.metric.key(),
        baseline: m.baseline,
        now: m.now,
        difference: m.difference(),
        allowed: m.allowed,
        rule: if pairs.is_some() {
            "paired"
        } else {
            "unpaired"
        },
        pairs,
        paired_difference: m.paired_difference,
        p_value: m.p_value,
        regression: m.regression,
    }
}

fn scenario_json(c: &ScenarioCheck) -> ScenarioJson<'_> {
    let reason = match &c.status {
        Status::Unusable(why) => Some(why.clone()),
        Status::NotComparable(why) => Some(why.join("; ")),
        Status::Failed(e) => Some(e.to_string()),
        Status::NoBaseline => Some("no baseline file".into()),
        _ => None,
    };
    ScenarioJson {
        scenario: &c.path,
        name: c.name.as_deref(),
        baseline: c.baseline.display().to_string(),
        companion: c.companion.as_ref().map(|p| p.display().to_string()),
        outcome: c.status.key(),
        exit_code: c.status.exit_code(),
        reason,
        notes: &c.notes,
        seed: c.seed,
        replications: c.replications,
        baseline_replications: c.baseline_replications,
        intervals: c.intervals,
        comparison: c.comparison.as_ref().map(|cmp| ComparisonJson {
            compared: cmp.compared,
            paired: cmp.paired,
            unpaired: cmp.unpaired,
            pairs: cmp.pairs,
            per_test_alpha: cmp.per_test_alpha,
            regressions: cmp.regressions(),
            moved: cmp.moved.iter().map(moved_json).collect(),
        }),
    }
}

/// The JSON text, pretty-printed with a final newline.
pub fn text(report: &Report<'_>, verdict: Option<&Error>) -> String {
    let tol = report.tol;
    let doc = CheckJson {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        exit_code: report.exit_code(),
        summary: verdict.map(|e| e.to_string().replace("\n  ", " ")),
        update: report.update,
        rules: Rules {
            alpha: tol.alpha,
            k: tol.k,
            metrics: tol.metrics.iter().map(|m| m.key()).collect(),
            per_interval: tol.per_interval,
            floor_share: check::floor(Metric::ServiceLevel),
            floor_other: check::floor(Metric::AsaS),
        },
        scenarios: report.checks.iter().map(scenario_json).collect(),
    };
    let value = serde_json::to_value(&doc).expect("check results serialise");
    crate::report::json::to_text(&value)
}
