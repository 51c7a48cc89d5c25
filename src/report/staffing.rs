//! The output formats of `staff`: `staffing.json` (schema `ccsim.staffing.v1`, published
//! as `schema/staffing.schema.json`), `staffing.csv`, and the tables printed for people.

use schemars::JsonSchema;
use serde::Serialize;

use super::table::align;
use super::term::wrap;
use crate::scenario::Scenario;
use crate::staffing::{Staffing, agent_hours, scheduled};
use crate::stats::{Estimate, Metric};

pub const SCHEMA: &str = "ccsim.staffing.v1";

/// `staffing.json`: one method's required agents per interval.
#[derive(Serialize, JsonSchema)]
pub struct StaffingJson<'a> {
    /// Always "ccsim.staffing.v1".
    pub schema: &'static str,
    /// Version of ccsim that wrote the file.
    pub ccsim_version: &'static str,
    /// The scenario's name.
    pub scenario: &'a str,
    /// How the required agents were found: sim, erlang-c or erlang-a.
    pub method: &'static str,
    /// Replications of every simulated staffing.
    pub replications: u64,
    pub seed: u64,
    /// The service-level target every interval must meet.
    pub service_level_target: f64,
    /// `staffing.shrinkage` of the scenario (0 without it).
    pub shrinkage: f64,
    pub intervals: Vec<IntervalJson>,
    /// Agent-hours on the phones of the required staffing.
    pub agent_hours: f64,
    /// Agent-hours to schedule (required agents after shrinkage).
    pub scheduled_agent_hours: f64,
    /// Agent-hours of the scenario's own staffing.
    pub planned_agent_hours: f64,
}

/// One interval of `staffing.json`.
#[derive(Serialize, JsonSchema)]
pub struct IntervalJson {
    pub index: usize,
    /// Clock time of the interval's start.
    pub start: String,
    /// Expected calls.
    pub calls: f64,
    /// The scenario's agents.
    pub planned_agents: u32,
    /// Agents needed on the phones to meet the target.
    pub required_agents: u32,
    /// Agents to schedule once shrinkage is applied.
    pub scheduled_agents: u32,
    /// The service level with the required agents: simulated (with a 95 % half-width),
    /// or the formula's exact value (half-width 0) for erlang-c and erlang-a.
    pub service_level: MeanCi,
}

/// A mean and its 95 % confidence half-width; null where undefined.
#[derive(Serialize, JsonSchema)]
pub struct MeanCi {
    pub mean: Option<f64>,
    pub ci95: Option<f64>,
}

/// The JSON Schema of `staffing.json`, generated from the types that write it.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<StaffingJson<'static>>()
        .to_value()
}

/// `staffing.json` of a staffing.
pub fn json_value(sc: &Scenario, st: &Staffing) -> serde_json::Value {
    let model = &sc.model;
    let scheduled_all: Vec<u32> = st.required.iter().map(|&r| scheduled(model, r)).collect();
    let planned = model.agents_per_interval();
    let doc = StaffingJson {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        scenario: &sc.labels.name,
        method: st.method.key(),
        replications: sc.experiment.replications,
        seed: sc.experiment.seed,
        service_level_target: model.service_level.target,
        shrinkage: model.shrinkage().unwrap_or(0.0),
        intervals: (0..model.intervals())
            .map(|i| IntervalJson {
                index: i,
                start: model.clock.label(i),
                calls: model.expected_calls_in(i),
                planned_agents: planned[i],
                required_agents: st.required[i],
                scheduled_agents: scheduled_all[i],
                service_level: MeanCi {
                    mean: st.service_level[i].mean,
                    ci95: st.service_level[i].ci95,
                },
            })
            .collect(),
        agent_hours: agent_hours(&model.clock, st.required.iter().copied()),
        scheduled_agent_hours: agent_hours(&model.clock, scheduled_all),
        planned_agent_hours: agent_hours(&model.clock, planned),
    };
    serde_json::to_value(&doc).expect("staffing serialises")
}

/// `staffing.csv` of a staffing.
pub fn csv_text(sc: &Scenario, st: &Staffing) -> String {
    let model = &sc.model;
    let mut out = String::from(
        "index,start,calls,planned_agents,required_agents,scheduled_agents,service_level,service_level_ci95\n",
    );
    for i in 0..model.intervals() {
        let e = st.service_level[i];
        out.push_str(&format!(
            "{i},{},{},{},{},{},{},{}\n",
            model.clock.label(i),
            model.expected_calls_in(i),
            model.agents_in(i),
            st.required[i],
            scheduled(model, st.required[i]),
            e.mean.map_or(String::new(), |v| v.to_string()),
            e.ci95.map_or(String::new(), |v| v.to_string()),
        ));
    }
    out
}

/// A service level with its half-width, "82.1% ±1.3".
fn pct(e: Estimate) -> String {
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) if h > 0.0 => format!("{:.1}% ±{:.1}", m * 100.0, h * 100.0),
        (Some(m), _) => format!("{:.1}%", m * 100.0),
        _ => "n/a".into(),
    }
}

/// The table `staff` prints for one method.
pub fn table(sc: &Scenario, st: &Staffing) -> String {
    let model = &sc.model;
    let mut rows = vec![vec![
        "Interval".to_string(),
        "Calls".into(),
        "Planned".into(),
        "Required".into(),
        "Scheduled".into(),
        format!("Service level ({})", st.method.label()),
    ]];
    for i in 0..model.intervals() {
        rows.push(vec![
            model.clock.label(i),
            format!("{:.0}", model.expected_calls_in(i)),
            model.agents_in(i).to_string(),
            st.required[i].to_string(),
            scheduled(model, st.required[i]).to_string(),
            pct(st.service_level[i]),
        ]);
    }
    let sched: Vec<u32> = st.required.iter().map(|&r| scheduled(model, r)).collect();
    rows.push(vec![
        "Agent-hours".into(),
        String::new(),
        format!(
            "{:.1}",
            agent_hours(&model.clock, model.agents_per_interval())
        ),
        format!(
            "{:.1}",
            agent_hours(&model.clock, st.required.iter().copied())
        ),
        format!("{:.1}", agent_hours(&model.clock, sched)),
        String::new(),
    ]);
    let title = wrap(
        &format!(
            "{} — required agents by {} (target {:.0}% within {}s; shrinkage {:.0}%)",
            sc.labels.name,
            st.method.label(),
            model.service_level.target * 100.0,
            model.service_level.threshold_s,
            model.shrinkage().unwrap_or(0.0) * 100.0,
        ),
        2,
    );
    format!("{title}\n\n{}", align(&rows))
}

/// The table `staff --compare` prints: every method side by side.
pub fn comparison_table(sc: &Scenario, results: &[Staffing]) -> String {
    let model = &sc.model;
    let mut header = vec!["Interval".to_string(), "Calls".into(), "Planned".into()];
    header.extend(results.iter().map(|r| r.method.label().to_string()));
    let mut rows = vec![header];
    for i in 0..model.intervals() {
        let mut row = vec![
            model.clock.label(i),
            format!("{:.0}", model.expected_calls_in(i)),
            model.agents_in(i).to_string(),
        ];
        row.extend(results.iter().map(|r| r.required[i].to_string()));
        rows.push(row);
    }
    let mut hours = vec![
        "Agent-hours".to_string(),
        String::new(),
        format!(
            "{:.1}",
            agent_hours(&model.clock, model.agents_per_interval())
        ),
    ];
    hours.extend(results.iter().map(|r| {
        format!(
            "{:.1}",
            agent_hours(&model.clock, r.required.iter().copied())
        )
    }));
    rows.push(hours);
    let mut sl_row = vec![
        "Day's SL (simulated)".to_string(),
        String::new(),
        String::new(),
    ];
    sl_row.extend(
        results
            .iter()
            .map(|r| pct(r.simulated.estimates.overall[Metric::ServiceLevel as usize])),
    );
    rows.push(sl_row);
    let mut worst = vec![
        "Below target (simulated)".to_string(),
        String::new(),
        String::new(),
    ];
    worst.extend(results.iter().map(|r| {
        let below = r
            .simulated
            .estimates
            .intervals_below_target(model.service_level.target);
        below.len().to_string()
    }));
    rows.push(worst);
    let title = wrap(
        &format!(
            "{} — required agents per interval (target {:.0}% within {}s)",
            sc.labels.name,
            model.service_level.target * 100.0,
            model.service_level.threshold_s,
        ),
        2,
    );
    let note = wrap(
        "Erlang C ignores callers hanging up and treats each interval alone; Erlang A \
         adds hanging up; the simulation also sees the real handle-time spread and queues \
         carried from one interval into the next. Each staffing was simulated with the \
         same random numbers to show how it really fares: its service level (SL) over the \
         day and how many intervals fall below target.",
        0,
    );
    format!("{title}\n\n{}\n{note}\n", align(&rows))
}
