//! The scenario file format as serde types, from which `schema/scenario.schema.json` is
//! generated for editors and other tools.
//!
//! The parser (`parse.rs`) walks the TOML by hand so its messages can name the line, the
//! key and what was wrong; these types describe the same format declaratively. Tests keep
//! the two in step: every example scenario deserialises into [`ScenarioFile`], and the keys
//! the schema lists for each table are exactly the keys the parser accepts there.

use schemars::JsonSchema;
use serde::Deserialize;

/// A duration as written in a file: a number of seconds or a string with units.
pub const DURATION_PATTERN: &str = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$|^\s*(([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*(ms|s|sec|secs|m|min|mins|h|hr|hrs|d|day|days)\s*)+$";

/// A clock time "HH:MM" or "HH:MM:SS".
pub const CLOCK_PATTERN: &str = r"^\s*([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?\s*$";

/// A constant arrival rate such as "600/h".
pub const RATE_PATTERN: &str = r"^\s*([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*/\s*(s|sec|second|m|min|minute|h|hr|hour|d|day)\s*$";

/// One call centre's day: demand, handle times, patience and staffing, and how to
/// simulate it. See the README's "Write a scenario".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ccsim scenario")]
#[schemars(extend("oneOf" = [
    {
        "description": "The one-queue form.",
        "required": ["arrivals", "handle_time"],
        "not": { "anyOf": [{ "required": ["call_types"] }, { "required": ["agent_groups"] }, { "required": ["routing"] }] }
    },
    {
        "description": "Several call types and agent groups.",
        "required": ["call_types", "agent_groups"],
        "not": { "anyOf": [{ "required": ["arrivals"] }, { "required": ["handle_time"] }, { "required": ["patience"] }, { "required": ["staffing"] }] }
    }
]))]
pub struct ScenarioFile {
    /// The scenario's name, shown in reports.
    #[schemars(length(min = 1))]
    pub name: String,
    /// Length of a planning interval (default "30m").
    pub interval: Option<Duration>,
    /// Clock time of the first interval's start, "HH:MM" (default "00:00").
    #[schemars(pattern(CLOCK_PATTERN))]
    pub start: Option<String>,
    /// At most this many calls in the centre (talking + waiting); further callers get a
    /// busy signal.
    #[schemars(range(min = 1, max = 1_000_000))]
    pub lines: Option<u64>,
    /// Required in the one-queue form, and in the several-type form unless every call
    /// type has its own.
    pub service_level: Option<ServiceLevelFile>,
    /// One-queue form: when calls arrive.
    pub arrivals: Option<ArrivalsFile>,
    /// One-queue form: talk + hold + after-call work of one call.
    pub handle_time: Option<DistributionFile>,
    /// How long callers wait before hanging up; without it nobody hangs up.
    pub patience: Option<DistributionFile>,
    pub staffing: Option<StaffingFile>,
    /// Callers who call again after hanging up or a busy signal.
    pub redials: Option<RedialsFile>,
    pub goals: Option<GoalsFile>,
    pub simulation: Option<SimulationFile>,
    /// Several call types and agent groups: how calls and agents are matched.
    pub routing: Option<RoutingFile>,
    /// Several call types and agent groups: each kind of call (instead of `[arrivals]`,
    /// `[handle_time]` and `[patience]`).
    #[schemars(length(min = 1))]
    pub call_types: Option<Vec<CallTypeFile>>,
    /// Several call types and agent groups: who answers what (instead of `[staffing]`).
    #[schemars(length(min = 1))]
    pub agent_groups: Option<Vec<AgentGroupFile>>,
    /// The client report's header and a short note (flags of the same names override
    /// them).
    pub report: Option<ReportFile>,
}

/// How calls and agents are matched (SPEC "Several call types and agent groups").
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoutingFile {
    /// Which waiting call a freed agent takes (default "priority").
    #[schemars(extend("enum" = ["priority", "fifo", "weighted_wait"]))]
    pub policy: Option<String>,
    /// Which agent takes an arriving call among groups of equal rank (default
    /// "longest_idle").
    #[schemars(extend("enum" = ["longest_idle", "most_idle", "random", "first"]))]
    pub agent_choice: Option<String>,
}

/// One kind of call: exactly one of `calls`, `rate` or `file`, as in `[arrivals]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [
    { "required": ["calls"] }, { "required": ["rate"] }, { "required": ["file"] }
]))]
pub struct CallTypeFile {
    #[schemars(length(min = 1))]
    pub name: String,
    /// Expected calls per interval.
    #[schemars(length(min = 1), inner(range(min = 0)))]
    pub calls: Option<Vec<f64>>,
    /// A constant rate such as "600/h"; needs `[simulation] horizon`.
    #[schemars(pattern(RATE_PATTERN))]
    pub rate: Option<String>,
    /// A forecast file with a `calls` column (and optionally `aht_s`).
    pub file: Option<String>,
    /// With `file`: the file's own names for ccsim's columns.
    pub columns: Option<ForecastColumnsFile>,
    pub handle_time: DistributionFile,
    pub patience: Option<DistributionFile>,
    /// Share of callers who leave at once when not answered on arrival.
    #[schemars(range(min = 0, max = 1))]
    pub balk: Option<f64>,
    /// This type's goal; else the top-level `[service_level]`.
    pub service_level: Option<ServiceLevelFile>,
    /// For `weighted_wait`: a head call's score is weight × wait + bonus.
    #[schemars(range(min = 0))]
    pub weight: Option<f64>,
    pub bonus: Option<Duration>,
    /// This type's callers who call again (else the top-level `[redials]`).
    pub redial: Option<RedialsFile>,
}

/// A group of agents with the same skills.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgentGroupFile {
    #[schemars(length(min = 1))]
    pub name: String,
    /// Agents on the phones: one number for every interval, or one per interval.
    /// Required unless the group gives `shifts` or a `roster` file.
    pub agents: Option<Agents>,
    /// Shifts instead of `agents` (`[[agent_groups.shifts]]`).
    pub shifts: Option<Vec<ShiftFile>>,
    /// A roster CSV file instead of `agents` (columns in README "Shifts and breaks").
    pub roster: Option<String>,
    /// The call types this group serves, each with its rank (1 = first choice).
    #[schemars(extend("minProperties" = 1), inner(range(min = 1, max = 1_000_000)))]
    pub skills: std::collections::BTreeMap<String, u32>,
    /// Per call type: the group takes such a call only once it has waited this long.
    pub delay: Option<std::collections::BTreeMap<String, Duration>>,
    /// Per call type: this group's handle times, scaled.
    #[schemars(inner(range(min = 0.000001, max = 1000)))]
    pub handle_time_factor: Option<std::collections::BTreeMap<String, f64>>,
    /// Share of paid time off the phones, from 0 up to (not including) 1.
    #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
    pub shrinkage: Option<f64>,
    /// The cost of one agent-hour of this group: `staff` weighs groups by it (give it
    /// for every group or none).
    #[schemars(range(min = 0))]
    pub cost_per_hour: Option<f64>,
}

/// A share from 0 to 1, or a percentage written with `%`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Probability {
    Number(#[schemars(range(min = 0, max = 1))] f64),
    Percent(#[schemars(pattern(r"^\s*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?)\s*%\s*$"))] String),
}

/// A Gamma factor with mean 1 multiplying the rates: give its coefficient of variation
/// `cv` (or, the same for a mean of 1, its standard deviation `sd`), from 0 to 3, as a
/// number or a percentage.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusynessFile {
    pub cv: Option<Spread>,
    pub sd: Option<Spread>,
}

/// A coefficient of variation from 0 to 3, or a percentage written with `%`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Spread {
    Number(#[schemars(range(min = 0, max = 3))] f64),
    Percent(#[schemars(pattern(r"^\s*[0-9]{1,3}(\.[0-9]*)?\s*%\s*$"))] String),
}

/// Who calls again: `after_abandon` and/or `after_busy`, with the `delay` before trying.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RedialsFile {
    /// Probability that a caller who hung up calls again.
    pub after_abandon: Option<Probability>,
    /// Probability that a caller who got a busy signal calls again.
    pub after_busy: Option<Probability>,
    /// Time from hanging up (or the busy signal) to the next attempt.
    pub delay: DistributionFile,
    /// The most calls a caller makes, the first included (default: no limit).
    #[schemars(range(min = 1, max = 1000))]
    pub max_attempts: Option<u32>,
}

/// What `ccsim staff` must achieve in every interval besides the service-level target
/// (every key optional).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoalsFile {
    /// At most this share of callers hang up, such as 0.05 or "5%".
    pub max_abandon_rate: Option<Probability>,
    /// At most this average speed of answer (mean wait of answered calls), such as "30s".
    pub max_asa: Option<Duration>,
    /// At most this occupancy (a burn-out cap), such as 0.85: above 0, at most 1.
    pub max_occupancy: Option<Fraction>,
    /// Meet the service-level target with at least this probability in each interval
    /// (the share of simulated days that meet it), such as 0.90: above 0, at most 1.
    pub confidence: Option<Fraction>,
}

/// A duration: a number of seconds, or a string with units such as "20s", "4m30s",
/// "1.5h", "250ms", "2d".
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Duration {
    Seconds(f64),
    Text(#[schemars(pattern(DURATION_PATTERN))] String),
}

/// A share: a number above 0 and at most 1, or a percentage written with `%`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Fraction {
    Number(#[schemars(extend("exclusiveMinimum" = 0, "maximum" = 1))] f64),
    Percent(#[schemars(pattern(r"^\s*(100(\.0*)?|[0-9]{1,2}(\.[0-9]*)?)\s*%\s*$"))] String),
}

/// What counts as good service.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ServiceLevelFile {
    /// "Answered within" this time, such as "20s".
    pub threshold: Duration,
    /// The goal: a fraction such as 0.80, or a percentage such as "80%".
    pub target: Fraction,
    /// Which definition `service_level` reports (default "excl_short_abandons").
    pub of: Option<crate::model::SlDefinition>,
    /// Top-level `[service_level]` only: "pooled" makes every ratio metric a ratio of
    /// sums over replications (delta-method confidence intervals); "mean" (default) the
    /// mean of per-replication ratios.
    #[schemars(extend("enum" = ["mean", "pooled"]))]
    pub estimator: Option<String>,
}

/// When calls arrive: exactly one of `calls`, `rate` or `file`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ArrivalsFile {
    Calls(CallsArrivals),
    Rate(RateArrivals),
    File(FileArrivals),
}

/// Expected calls per interval (Poisson, rate constant within an interval).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CallsArrivals {
    #[schemars(length(min = 1), inner(range(min = 0)))]
    pub calls: Vec<f64>,
    /// Day-to-day volume uncertainty (a Gamma factor on the rates, per simulated day).
    pub busyness: Option<BusynessFile>,
    /// Per-interval volume noise on top of the day's factor.
    pub interval_busyness: Option<BusynessFile>,
}

/// A constant rate; needs `[simulation] horizon`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateArrivals {
    /// Calls per second, minute, hour or day: "600/h", "10/min", "0.2/s".
    #[schemars(pattern(RATE_PATTERN))]
    pub rate: String,
    /// Day-to-day volume uncertainty (a Gamma factor on the rates, per simulated day).
    pub busyness: Option<BusynessFile>,
    /// Per-interval volume noise on top of the day's factor.
    pub interval_busyness: Option<BusynessFile>,
}

/// Per-interval columns from a spreadsheet export: `calls` (required), `aht_s` and
/// `agents` (optional overrides). The path is relative to the scenario file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileArrivals {
    pub file: String,
    /// The file's own names for ccsim's columns.
    pub columns: Option<ForecastColumnsFile>,
    /// Day-to-day volume uncertainty (a Gamma factor on the rates, per simulated day).
    pub busyness: Option<BusynessFile>,
    /// Per-interval volume noise on top of the day's factor.
    pub interval_busyness: Option<BusynessFile>,
}

/// A forecast file's own header names for ccsim's columns, such as
/// `{ calls = "Appels", aht_s = "DMT", agents = "ETP" }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ForecastColumnsFile {
    #[schemars(length(min = 1))]
    pub calls: Option<String>,
    #[schemars(length(min = 1))]
    pub aht_s: Option<String>,
    #[schemars(length(min = 1))]
    pub agents: Option<String>,
}

/// A distribution of durations, given by the parameters people use.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "distribution", rename_all = "lowercase", deny_unknown_fields)]
pub enum DistributionFile {
    Exponential {
        mean: Duration,
    },
    Lognormal {
        mean: Duration,
        /// Standard deviation.
        sd: Duration,
    },
    Gamma {
        mean: Duration,
        /// Standard deviation.
        sd: Duration,
    },
    /// A sum of `k` exponential phases.
    Erlang {
        mean: Duration,
        /// Number of phases.
        #[schemars(range(min = 1, max = 1000))]
        k: u32,
    },
    Fixed {
        value: Duration,
    },
    Uniform {
        min: Duration,
        max: Duration,
    },
    Weibull {
        #[schemars(range(min = 0.05, max = 100))]
        shape: f64,
        scale: Duration,
    },
    /// Resamples observed durations (seconds) from a CSV column; the path is relative to
    /// the scenario file.
    Empirical {
        file: String,
        column: String,
    },
}

/// Who answers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffingFile {
    /// Agents on the phones: one number for every interval, or one per interval.
    /// Required unless the arrivals file has an `agents` column.
    pub agents: Option<Agents>,
    /// Share of paid time off the phones, from 0 up to (not including) 1.
    #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
    pub shrinkage: Option<f64>,
    /// Probability that a scheduled agent is absent for the whole simulated day, from 0
    /// up to (not including) 1, or a percentage.
    pub absence: Option<Probability>,
    /// Cost of one agent-hour (any currency), for the cost of a staffing.
    #[schemars(range(min = 0))]
    pub cost_per_hour: Option<f64>,
    /// Shifts instead of `agents` (`[[staffing.shifts]]`).
    pub shifts: Option<Vec<ShiftFile>>,
    /// A roster CSV file instead of `agents`: `start`, `end` (clock times), optional
    /// `count` (default 1: a row per agent) and `break<n>_start`, `break<n>_length`,
    /// `break<n>_window` columns; `,`, `;` or tab separated.
    pub roster: Option<String>,
}

/// `count` agents working from `start` to `end` (clock times), each with the same breaks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShiftFile {
    #[schemars(pattern(CLOCK_PATTERN))]
    pub start: String,
    /// At or before the close of the simulated day.
    #[schemars(pattern(CLOCK_PATTERN))]
    pub end: String,
    #[schemars(range(max = 1_000_000))]
    pub count: u32,
    /// Inside the shift, not overlapping.
    pub breaks: Option<Vec<BreakFile>>,
}

/// A break due at `start` (a clock time) lasting `length`; with a `window`, it starts at
/// the first moment in it when the agent is free.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BreakFile {
    #[schemars(pattern(CLOCK_PATTERN))]
    pub start: String,
    pub length: Duration,
    pub window: Option<Duration>,
}

/// One number of agents for all intervals, or one per interval.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Agents {
    All(#[schemars(range(max = 1_000_000))] u32),
    PerInterval(#[schemars(inner(range(max = 1_000_000)))] Vec<u32>),
}

/// The client report's header: who it is for, by whom, when, and a short note shown
/// above its first section; each optional, text without line breaks or tabs.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    /// The client the report is prepared for, such as "Boulangerie Martin".
    #[schemars(length(min = 1), pattern(REPORT_TEXT_PATTERN))]
    pub client: Option<String>,
    /// Who prepared the report.
    #[schemars(length(min = 1), pattern(REPORT_TEXT_PATTERN))]
    pub author: Option<String>,
    /// The report's date, as it should read ("29 November 2026").
    #[schemars(length(min = 1), pattern(REPORT_TEXT_PATTERN))]
    pub date: Option<String>,
    /// A short note printed at the top of the report.
    #[schemars(length(min = 1), pattern(REPORT_TEXT_PATTERN))]
    pub note: Option<String>,
}

/// Report text: something besides spaces, and no control characters.
pub const REPORT_TEXT_PATTERN: &str = r"^[^\u0000-\u001f\u007f-\u009f]*[^\s\u0000-\u001f\u007f-\u009f][^\u0000-\u001f\u007f-\u009f]*$";

/// How to simulate.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationFile {
    /// Independent replications of the day (default 100).
    #[schemars(range(min = 1))]
    pub replications: Option<u64>,
    /// Random seed (default 1), a whole number up to the largest TOML integer.
    #[schemars(range(max = 9_223_372_036_854_775_807u64))]
    pub seed: Option<u64>,
    /// Only with a constant `rate`: how long calls arrive.
    pub horizon: Option<Duration>,
    /// Calls arriving before this time are simulated but not counted.
    pub warmup: Option<Duration>,
}

/// The JSON Schema of the scenario file.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_deserialize()
        .into_generator()
        .into_root_schema_for::<ScenarioFile>()
        .to_value()
}
