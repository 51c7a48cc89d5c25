//! The JSON Schema of `ccsim erlang ... --json` (`schema/erlang.schema.json`).
//!
//! The JSON itself is written figure by figure by [`super::report::Report`]; the types
//! here only describe it, one per model, keys in output order, so schemars can generate
//! the schema. `tests/schema.rs` validates real output of every model against it, so the
//! two cannot drift apart unnoticed.

// Never built: they exist to be turned into a schema.
#![allow(dead_code)]

use schemars::JsonSchema;

use crate::model::SlDefinition;

/// The figures of one `ccsim erlang` evaluation: one object whose keys depend on the
/// model. Probabilities and shares are fractions (0.8, not 80), times are seconds.
#[derive(JsonSchema)]
#[serde(tag = "model", rename_all = "snake_case")]
#[schemars(title = "ccsim erlang --json")]
enum ErlangJson {
    ErlangB(ErlangBJson),
    ErlangC(ErlangCJson),
    Mmck(MmckJson),
    ErlangA(ErlangAJson),
}

/// `ccsim erlang b`: Erlang B (M/M/c/c), calls finding every line busy are lost.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ErlangBJson {
    /// Lines, each answered by an agent: given, or the fewest meeting the goal.
    #[schemars(range(min = 1))]
    agents: u32,
    /// The same number as `agents`.
    #[schemars(range(min = 1))]
    lines: u32,
    #[serde(flatten)]
    scheduled: Scheduled,
    /// Offered load in Erlangs: calls per second × AHT.
    load_erlangs: f64,
    /// Share of line time carrying calls.
    occupancy: f64,
    /// Share of callers who find every line busy and are lost.
    blocking_prob: f64,
    #[serde(flatten)]
    inputs: Inputs,
    /// Always null: Erlang B has no threshold.
    threshold_s: (),
    /// True when `agents` was solved for, false when given.
    solved: bool,
    /// `--max-occupancy`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_occupancy: Option<f64>,
    /// `--max-blocking`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_blocking: Option<f64>,
}

/// `ccsim erlang c`: Erlang C (M/M/c), callers wait as long as it takes.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ErlangCJson {
    /// Agents on the phones: given, or the fewest meeting the goal.
    #[schemars(range(min = 1))]
    agents: u32,
    #[serde(flatten)]
    scheduled: Scheduled,
    /// Offered load in Erlangs: calls per second × AHT.
    load_erlangs: f64,
    /// Share of agent time spent on calls.
    occupancy: f64,
    /// Share of callers who find every agent busy.
    prob_wait: f64,
    /// Average speed of answer: mean wait of all calls, zero waits included, seconds.
    asa_s: f64,
    /// Share of calls answered within the threshold; null without `--threshold`.
    service_level: Option<f64>,
    /// Share of calls waiting longer than the threshold; null without `--threshold`.
    prob_wait_gt_t: Option<f64>,
    /// Mean wait of the callers who wait, seconds.
    mean_wait_given_wait_s: f64,
    /// Mean number of callers waiting.
    mean_queue_len: f64,
    /// Mean number of callers talking or waiting.
    mean_in_system: f64,
    #[serde(flatten)]
    inputs: Inputs,
    /// `--threshold`, seconds; null when not given.
    threshold_s: Option<f64>,
    sl_of: SlDefinition,
    /// True when `agents` was solved for, false when given.
    solved: bool,
    #[serde(flatten)]
    wait_goals: WaitGoals,
    /// `--max-occupancy`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_occupancy: Option<f64>,
}

/// `ccsim erlang c --lines`: M/M/c/K, at most `lines` calls in the centre; the next
/// caller gets a busy signal.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct MmckJson {
    /// Agents on the phones: given, or the fewest meeting the goal.
    #[schemars(range(min = 1))]
    agents: u32,
    #[serde(flatten)]
    scheduled: Scheduled,
    /// `--lines`: most calls in the centre, talking or waiting.
    #[schemars(range(min = 1))]
    lines: u32,
    /// Offered load in Erlangs: calls per second × AHT.
    load_erlangs: f64,
    /// Share of agent time spent on calls.
    occupancy: f64,
    /// Share of callers who find every line taken and get a busy signal.
    prob_block: f64,
    /// Share of admitted callers who find every agent busy.
    prob_wait: f64,
    /// Average speed of answer: mean wait of admitted calls, zero waits included, seconds.
    asa_s: f64,
    /// Service level as `sl_of` defines it (`answered`: ÷ admitted, otherwise ÷ offered);
    /// null without `--threshold`.
    service_level: Option<f64>,
    /// Answered within the threshold ÷ all callers, blocked ones failing; null without
    /// `--threshold`.
    sl_offered: Option<f64>,
    /// Answered within the threshold ÷ callers who got a line; null without `--threshold`.
    sl_admitted: Option<f64>,
    /// Mean wait of the admitted callers who wait, seconds; null when nobody can wait
    /// (`lines` equal to `agents`).
    mean_wait_given_wait_s: Option<f64>,
    /// Mean number of callers waiting.
    mean_queue_len: f64,
    /// Mean number of callers talking or waiting.
    mean_in_system: f64,
    /// Admitted calls per hour.
    throughput_per_hour: f64,
    #[serde(flatten)]
    inputs: Inputs,
    /// `--threshold`, seconds; null when not given.
    threshold_s: Option<f64>,
    sl_of: SlDefinition,
    /// True when `agents` was solved for, false when given.
    solved: bool,
    #[serde(flatten)]
    wait_goals: WaitGoals,
    /// `--max-occupancy`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_occupancy: Option<f64>,
    /// `--max-blocking`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_blocking: Option<f64>,
}

/// `ccsim erlang a`: Erlang A (M/M/c+M), callers hang up after an exponential patience.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ErlangAJson {
    /// Agents on the phones: given, or the fewest meeting the goal.
    #[schemars(range(min = 1))]
    agents: u32,
    #[serde(flatten)]
    scheduled: Scheduled,
    /// Offered load in Erlangs: calls per second × AHT.
    load_erlangs: f64,
    /// Share of agent time spent on calls.
    occupancy: f64,
    /// Share of callers who find every agent busy.
    prob_wait: f64,
    /// Share of callers who hang up before an answer.
    prob_abandon: f64,
    /// Average speed of answer: mean wait of answered calls, zero waits included, seconds.
    asa_s: f64,
    /// Service level as `sl_of` defines it; null without `--threshold`.
    service_level: Option<f64>,
    /// Answered within the threshold ÷ answered; null without `--threshold`.
    sl_answered: Option<f64>,
    /// Answered within the threshold ÷ all callers; null without `--threshold`.
    sl_offered: Option<f64>,
    /// Answered within the threshold ÷ callers who did not hang up within it; null
    /// without `--threshold`.
    sl_excl_short_abandons: Option<f64>,
    /// Share of callers who hang up within the threshold; null without `--threshold`.
    prob_abandon_within_t: Option<f64>,
    /// Share of callers still waiting after the threshold (answered or not); null without
    /// `--threshold`.
    prob_wait_gt_t: Option<f64>,
    /// Callers who wait and then hang up ÷ callers who wait.
    prob_abandon_given_wait: f64,
    /// Mean time before an answer or a hang-up, over all callers, seconds.
    mean_wait_all_s: f64,
    /// Mean wait of the callers who hang up, seconds.
    mean_wait_abandoned_s: f64,
    /// Mean wait a caller who never hangs up would have, seconds.
    mean_virtual_wait_s: f64,
    /// Mean number of callers waiting.
    mean_queue_len: f64,
    #[serde(flatten)]
    inputs: Inputs,
    /// `--threshold`, seconds; null when not given.
    threshold_s: Option<f64>,
    /// `--patience`: mean time a waiting caller holds before hanging up, seconds.
    patience_s: f64,
    sl_of: SlDefinition,
    /// True when `agents` was solved for, false when given.
    solved: bool,
    #[serde(flatten)]
    wait_goals: WaitGoals,
    /// `--max-occupancy`, when solving.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    max_occupancy: Option<f64>,
}

/// With `--shrinkage`: the agents to schedule.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Scheduled {
    /// Agents to schedule so that `agents` remain on the phones after shrinkage.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u32", range(min = 1))]
    scheduled_agents: Option<u32>,
    /// `--shrinkage`: share of paid time off the phones.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    shrinkage: Option<f64>,
}

/// The arrivals and handle time, as given.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Inputs {
    /// `--calls`: calls arriving in each `--per` period.
    calls: f64,
    /// `--per`, seconds.
    per_s: f64,
    /// `--aht`: average handle time, seconds.
    aht_s: f64,
}

/// Waiting-time goals, when solving.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct WaitGoals {
    /// `--target`: the service level to reach within `threshold_s`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    target: Option<f64>,
    /// `--asa-target`: the longest mean wait of answered calls, seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "f64")]
    asa_target_s: Option<f64>,
}

/// The JSON Schema of `ccsim erlang ... --json`, generated from the types above.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ErlangJson>()
        .to_value()
}
