//! `summary.json` (schema `ccsim.summary.v1`, SPEC.md): keys in a fixed order, undefined
//! metrics as `null`, so the bytes are stable for a given scenario and seed.

use schemars::JsonSchema;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::RunReport;
use crate::stats::breakdown::{BreakdownEstimates, GroupColumn};
use crate::stats::{Estimate, EstimateRow, Metric, Percentiles};

pub const SCHEMA: &str = "ccsim.summary.v1";

/// The results of one `ccsim run` of one scenario (`summary.json`).
#[derive(Serialize, JsonSchema)]
#[schemars(title = "ccsim summary.json")]
struct Summary<'a> {
    #[schemars(extend("const" = SCHEMA))]
    schema: &'static str,
    /// Version of ccsim that wrote the file.
    ccsim_version: &'static str,
    /// The scenario's `name`.
    scenario: &'a str,
    replications: u64,
    seed: u64,
    /// Length of a planning interval, seconds.
    interval_s: f64,
    /// Calls arriving before this time were simulated but not counted, seconds.
    warmup_s: f64,
    service_level: SlInfo,
    /// Every metric over the whole day (with shifts, the roster's figures too).
    overall: OverallEntry<'a>,
    /// Mean number of calls still waiting when arrivals stopped.
    waiting_at_close: f64,
    /// Every metric per interval, for the calls that arrived in it.
    intervals: Vec<IntervalEntry<'a>>,
    /// With several call types or agent groups: every metric per call type, each judged
    /// against its own goal (`overall` and `intervals` above then describe the centre).
    #[serde(skip_serializing_if = "Option::is_none")]
    call_types: Option<Vec<TypeEntry<'a>>>,
    /// With several call types or agent groups: occupancy and calls answered per group.
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_groups: Option<Vec<GroupEntry>>,
}

/// One call type's figures.
#[derive(Serialize, JsonSchema)]
struct TypeEntry<'a> {
    name: &'a str,
    service_level: SlInfo,
    overall: Metrics<'a>,
    intervals: Vec<TypeInterval<'a>>,
}

/// One call type's figures in one interval, for its calls that arrived in it.
#[derive(Serialize, JsonSchema)]
struct TypeInterval<'a> {
    index: usize,
    start: String,
    #[serde(flatten)]
    metrics: Metrics<'a>,
}

/// One agent group: what it serves and how busy it was.
#[derive(Serialize, JsonSchema)]
struct GroupEntry {
    name: String,
    skills: Vec<SkillInfo>,
    overall: GroupFigures,
    intervals: Vec<GroupInterval>,
}

/// A call type the group serves.
#[derive(Serialize, JsonSchema)]
struct SkillInfo {
    call_type: String,
    /// 1 = first choice.
    rank: u32,
    /// The group takes such a call only once it has waited this long, seconds.
    delay_s: f64,
    handle_time_factor: f64,
}

/// A group's figures in one interval (calls by their arrival interval).
#[derive(Serialize, JsonSchema)]
struct GroupInterval {
    index: usize,
    start: String,
    /// The group's agents on the phones.
    agents: u32,
    #[serde(flatten)]
    figures: GroupFigures,
}

/// A group's occupancy and the calls it answered.
#[derive(Serialize, JsonSchema)]
struct GroupFigures {
    /// Busy time ÷ time on the phones.
    occupancy: MeanCi,
    /// Calls answered, all types together.
    answered: MeanCi,
    /// Per call type: calls answered, and their share of that type's answered calls.
    by_call_type: Vec<TypeShare>,
}

#[derive(Serialize, JsonSchema)]
struct TypeShare {
    call_type: String,
    answered: MeanCi,
    share: MeanCi,
}

/// The scenario's service-level settings.
#[derive(Serialize, JsonSchema)]
struct SlInfo {
    /// "Answered within", seconds.
    threshold_s: f64,
    target: f64,
    /// Which definition `service_level` reports.
    #[schemars(extend("enum" = ["answered", "offered", "excl_short_abandons"]))]
    of: &'static str,
    /// "pooled" when ratio metrics are ratios of sums over replications (absent: the
    /// mean of per-replication ratios).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["pooled"]))]
    estimator: Option<&'static str>,
}

/// One interval's figures, for the calls that arrived in it.
#[derive(Serialize, JsonSchema)]
#[schemars(description = "One interval's figures, for the calls that arrived in it.")]
struct IntervalEntry<'a> {
    /// 0-based interval number.
    index: usize,
    /// Clock time the interval starts, "HH:MM" (or "HH:MM:SS").
    start: String,
    /// Agents on the phones: per interval as planned; with shifts, the roster's
    /// time-weighted mean over the interval (breaks at their due time).
    agents: Agents,
    #[serde(flatten)]
    metrics: Metrics<'a>,
    #[serde(flatten)]
    shifts: Option<ShiftFigures>,
}

/// The day's figures.
#[derive(Serialize, JsonSchema)]
struct OverallEntry<'a> {
    #[serde(flatten)]
    metrics: Metrics<'a>,
    #[serde(flatten)]
    shifts: Option<ShiftFigures>,
}

/// Agents of an interval: a count, or with shifts a time-weighted mean.
#[derive(Serialize, JsonSchema)]
#[serde(untagged)]
enum Agents {
    Count(u32),
    Mean(f64),
}

/// With shifts (SPEC "Shifts, uncertain days and redials"): the roster's figures, each a
/// mean over replications with its 95 % half-width. Time is counted where it is spent;
/// a delay where the break fell due; what happens after the close in the last interval.
#[derive(Serialize, JsonSchema)]
struct ShiftFigures {
    /// Simulated agents on the phones (idle or on a call), time-weighted mean.
    on_phones: MeanCi,
    /// Agent-hours paid by the roster (shift time, breaks included, overtime excluded).
    paid_hours: MeanCi,
    /// Agent-minutes on breaks actually taken.
    break_min: MeanCi,
    /// Agent-minutes from shift ends to agents leaving (finishing calls).
    overtime_min: MeanCi,
    /// Minutes breaks started late: actual start minus scheduled start (or window end).
    delayed_break_min: MeanCi,
}

impl From<&crate::stats::shifts::ShiftRow> for ShiftFigures {
    fn from(row: &crate::stats::shifts::ShiftRow) -> Self {
        ShiftFigures {
            on_phones: (&row[0]).into(),
            paid_hours: (&row[1]).into(),
            break_min: (&row[2]).into(),
            overtime_min: (&row[3]).into(),
            delayed_break_min: (&row[4]).into(),
        }
    }
}

/// A metric's mean over replications and the half-width of its 95 % confidence interval;
/// both null where the metric was undefined in every replication.
#[derive(Serialize, JsonSchema)]
struct MeanCi {
    mean: Option<f64>,
    ci95: Option<f64>,
}

impl From<&Estimate> for MeanCi {
    fn from(e: &Estimate) -> Self {
        MeanCi {
            mean: e.mean,
            ci95: e.ci95,
        }
    }
}

/// Every metric of a row as `"key": {"mean": .., "ci95": ..}`, in SPEC order; with a
/// spread, the service level's percentiles across replications after `p_meets_target`.
pub struct Metrics<'a> {
    row: &'a EstimateRow,
    metrics: &'static [Metric],
    spread: Option<Option<Percentiles>>,
}

impl<'a> Metrics<'a> {
    /// The metrics every run reports (a sweep's rows).
    pub fn base(row: &'a EstimateRow) -> Self {
        Metrics {
            row,
            metrics: Metric::reported(false),
            spread: None,
        }
    }

    /// A summary's row: the metrics of the model, and the spread (null where undefined).
    pub fn of_run(row: &'a EstimateRow, redials: bool, spread: Option<Percentiles>) -> Self {
        Metrics {
            row,
            metrics: Metric::reported(redials),
            spread: Some(spread),
        }
    }
}

/// The keys of the service level's percentiles across replications.
pub const SPREAD_KEYS: [&str; 3] = [
    "service_level_p10",
    "service_level_p50",
    "service_level_p90",
];

impl JsonSchema for Metrics<'_> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Metrics".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mean_ci = generator.subschema_for::<MeanCi>();
        let mut properties: serde_json::Map<String, serde_json::Value> = Metric::ALL
            .iter()
            .map(|m| (m.key().to_string(), mean_ci.clone().to_value()))
            .collect();
        for k in SPREAD_KEYS {
            properties.insert(
                k.to_string(),
                serde_json::json!({
                    "type": ["number", "null"],
                    "description": "Percentile of the service level across replications \
                        (simulated days), nearest rank; in summary.json only."
                }),
            );
        }
        let required: Vec<&str> = Metric::reported(false).iter().map(|m| m.key()).collect();
        schemars::json_schema!({
            "type": "object",
            "description": "Every metric of SPEC.md's Metrics table, each as {\"mean\", \"ci95\"}; \
                the per-caller metrics (callers, callers_answered, redials, caller_service_level, \
                caller_abandon_rate) only for scenarios with redials.",
            "properties": properties,
            "required": required,
        })
    }
}

/// The JSON Schema of `summary.json`, generated from the types that write it.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<Summary<'static>>()
        .to_value()
}

impl Serialize for Metrics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for &m in self.metrics {
            map.serialize_entry(m.key(), &MeanCi::from(&self.row[m as usize]))?;
            if let (Metric::PMeetsTarget, Some(spread)) = (m, self.spread) {
                let values = spread.map(|p| [p.p10, p.p50, p.p90]);
                for (k, i) in SPREAD_KEYS.iter().zip(0..) {
                    map.serialize_entry(k, &values.map(|v| v[i]))?;
                }
            }
        }
        map.end()
    }
}

/// The summary as a JSON value (the object SPEC describes).
pub fn summary_value(r: &RunReport<'_>) -> serde_json::Value {
    let sc = r.scenario;
    let redials = sc.model.has_redials();
    let spread = &r.result.spread;
    let pooled = pooled_key(sc);
    let summary = Summary {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        scenario: &sc.labels.name,
        replications: r.result.estimates.replications,
        seed: sc.experiment.seed,
        interval_s: sc.model.clock.interval_s,
        warmup_s: sc.experiment.warmup_s,
        service_level: SlInfo {
            threshold_s: sc.model.service_level.threshold_s,
            target: sc.model.service_level.target,
            of: sc.model.service_level.of.key(),
            estimator: pooled,
        },
        overall: OverallEntry {
            metrics: Metrics::of_run(&r.result.estimates.overall, redials, spread.overall),
            shifts: r.result.shifts.as_ref().map(|e| (&e.overall).into()),
        },
        waiting_at_close: r.result.mean_waiting_at_close,
        intervals: r
            .interval_rows()
            .map(|(i, row)| IntervalEntry {
                index: i,
                start: sc.model.clock.label(i),
                agents: match sc.model.has_rosters() {
                    true => Agents::Mean(sc.model.mean_agents_in(i)),
                    false => Agents::Count(sc.model.agents_in(i)),
                },
                metrics: Metrics::of_run(row, redials, spread.intervals[i]),
                shifts: r.result.shifts.as_ref().map(|e| (&e.intervals[i]).into()),
            })
            .collect(),
        call_types: r.result.breakdown.as_ref().map(|b| type_entries(r, b)),
        agent_groups: r.result.breakdown.as_ref().map(|b| group_entries(r, b)),
    };
    serde_json::to_value(&summary).expect("summary serialises")
}

/// `"pooled"` with the pooled estimator; nothing for the default.
fn pooled_key(sc: &crate::scenario::Scenario) -> Option<&'static str> {
    (sc.experiment.estimator == crate::stats::Estimator::Pooled).then_some("pooled")
}

fn type_entries<'a>(r: &RunReport<'a>, b: &'a BreakdownEstimates) -> Vec<TypeEntry<'a>> {
    let pooled = pooled_key(r.scenario);
    let model = &r.scenario.model;
    model
        .call_types
        .iter()
        .zip(&b.types)
        .map(|(t, e)| TypeEntry {
            name: &t.name,
            service_level: SlInfo {
                threshold_s: t.service_level.threshold_s,
                target: t.service_level.target,
                of: t.service_level.of.key(),
                estimator: pooled,
            },
            overall: Metrics::base(&e.overall),
            intervals: e
                .intervals
                .iter()
                .enumerate()
                .map(|(i, row)| TypeInterval {
                    index: i,
                    start: model.clock.label(i),
                    metrics: Metrics::base(row),
                })
                .collect(),
        })
        .collect()
}

fn group_entries(r: &RunReport<'_>, b: &BreakdownEstimates) -> Vec<GroupEntry> {
    let model = &r.scenario.model;
    let names: Vec<&str> = model.call_types.iter().map(|t| t.name.as_str()).collect();
    let columns = GroupColumn::all(names.len());
    let figures = |row: &[Estimate]| {
        let get =
            |c: GroupColumn| MeanCi::from(&row[columns.iter().position(|x| *x == c).unwrap_or(0)]);
        GroupFigures {
            occupancy: get(GroupColumn::Occupancy),
            answered: get(GroupColumn::Answered),
            by_call_type: names
                .iter()
                .enumerate()
                .map(|(k, n)| TypeShare {
                    call_type: n.to_string(),
                    answered: get(GroupColumn::AnsweredOf(k)),
                    share: get(GroupColumn::ShareOf(k)),
                })
                .collect(),
        }
    };
    model
        .agent_groups
        .iter()
        .zip(&b.groups)
        .map(|(g, e)| GroupEntry {
            name: g.name.clone(),
            skills: g
                .skills
                .iter()
                .map(|s| SkillInfo {
                    call_type: names[s.call_type].to_string(),
                    rank: s.rank,
                    delay_s: s.delay_s,
                    handle_time_factor: s.factor,
                })
                .collect(),
            overall: figures(&e.overall),
            intervals: e
                .intervals
                .iter()
                .enumerate()
                .map(|(i, row)| GroupInterval {
                    index: i,
                    start: model.clock.label(i),
                    agents: g.staffing.agents_in(&model.clock, i),
                    figures: figures(row),
                })
                .collect(),
        })
        .collect()
}

/// Pretty-printed JSON text with a final newline.
pub fn to_text(value: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("JSON value serialises");
    s.push('\n');
    s
}
