//! The output formats of `staff`: `staffing.json` (schema `ccsim.staffing.v1`, published
//! as `schema/staffing.schema.json`), `staffing.csv`, and the tables printed for people.

use schemars::JsonSchema;
use serde::Serialize;

use super::sheet::{Cell, CsvLocale, Table, Unit};
use super::table::align;
use super::term::wrap;
use crate::scenario::Scenario;
use crate::staffing::{
    Figure, Figures, GoalSet, GroupStaffing, Staffing, agent_hours, scheduled, worse_than_planned,
};
use crate::stats::{Estimate, Metric};

pub const SCHEMA: &str = "ccsim.staffing.v1";

/// `staffing.json`: one method's required agents per interval, every goal's figure, and
/// with `--compare` every method side by side.
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
    /// Every goal the staffing meets in every interval.
    pub goals: GoalsJson,
    /// `staffing.shrinkage` of the scenario (0 without it).
    pub shrinkage: f64,
    pub intervals: Vec<IntervalJson>,
    /// Agent-hours on the phones of the required staffing.
    pub agent_hours: f64,
    /// Agent-hours to schedule (required agents after shrinkage).
    pub scheduled_agent_hours: f64,
    /// Agent-hours of the scenario's own staffing.
    pub planned_agent_hours: f64,
    /// `staffing.cost_per_hour` of the scenario (null without it).
    pub cost_per_hour: Option<f64>,
    /// Cost of the scheduled agent-hours (null without `cost_per_hour`).
    pub cost: Option<f64>,
    /// Cost of the planned agent-hours after shrinkage (null without `cost_per_hour`).
    pub planned_cost: Option<f64>,
    /// Every goal's figure over the day: the recommendation's and the plan's.
    pub overall: OverallJson,
    /// With `--compare`: every method's required agents and simulated figures.
    pub comparison: Option<Vec<MethodJson>>,
    /// How the search by simulation went (null for erlang-c and erlang-a).
    pub search: Option<SearchJson>,
    /// Several call types only: each group's required agents per interval (the top-level
    /// figures are then the whole centre's, agents summed over groups).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agent_groups: Option<Vec<GroupStaffJson>>,
    /// Several call types only: each type's figures with the required staffing, and
    /// Erlang C's agents for it (the two-step method's first step).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub call_types: Option<Vec<TypeStaffJson>>,
    /// Several call types only: the classic two-step method (Erlang C per call type, then
    /// the cheapest groups covering those needs), simulated, and what the search saves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub two_step: Option<TwoStepJson>,
}

/// One agent group's staffing (several call types).
#[derive(Serialize, JsonSchema)]
pub struct GroupStaffJson {
    pub name: String,
    /// The group's `cost_per_hour` (null without it).
    pub cost_per_hour: Option<f64>,
    /// The scenario's agents per interval.
    pub planned_agents: Vec<u32>,
    /// Agents needed on the phones per interval.
    pub required_agents: Vec<u32>,
    /// Agents to schedule per interval (the group's shrinkage applied).
    pub scheduled_agents: Vec<u32>,
    /// The two-step method's agents per interval.
    pub two_step_agents: Vec<u32>,
    pub agent_hours: f64,
    /// Simulated occupancy per interval with the required agents.
    pub occupancy: Vec<MeanCi>,
}

/// One call type's figures (several call types).
#[derive(Serialize, JsonSchema)]
pub struct TypeStaffJson {
    pub name: String,
    pub service_level_target: f64,
    pub threshold_s: f64,
    /// The group the two-step method hires this type's agents in.
    pub two_step_group: String,
    pub intervals: Vec<TypeIntervalJson>,
}

/// One interval of one call type.
#[derive(Serialize, JsonSchema)]
pub struct TypeIntervalJson {
    /// Erlang C's agents for this type alone.
    pub erlang_c_agents: u32,
    /// Simulated with the required staffing.
    pub service_level: MeanCi,
    pub abandon_rate: MeanCi,
    pub asa_s: MeanCi,
    /// Whether every goal of this type is met with the required staffing.
    pub meets_goals: bool,
    /// The same with the two-step method's staffing.
    pub two_step_service_level: MeanCi,
    pub two_step_meets_goals: bool,
}

/// The two-step method, simulated.
#[derive(Serialize, JsonSchema)]
pub struct TwoStepJson {
    pub agent_hours: f64,
    /// Cost of its scheduled hours, when every group has a `cost_per_hour`.
    pub cost: Option<f64>,
    /// What the comparison is on: "cost" or "agent_hours".
    pub compared_on: &'static str,
    /// The search's saving: 1 − simulation ÷ two-step, on `compared_on`.
    pub saving: Option<f64>,
    /// (call type, interval) pairs where the two-step staffing misses some goal.
    pub missed: usize,
    /// The day's simulated figures of the whole centre.
    pub overall: FiguresJson,
}

/// How the search by simulation went.
#[derive(Serialize, JsonSchema)]
pub struct SearchJson {
    /// Candidate staffings judged.
    pub evaluations: u64,
    /// Agent-intervals saved by moving an agent to a neighbouring interval together with
    /// removing one nearby, beyond what removing single agents could.
    pub improved_by_moves: u32,
}

/// The goals of a staffing; null where not set.
#[derive(Serialize, JsonSchema)]
pub struct GoalsJson {
    pub service_level_target: f64,
    pub threshold_s: f64,
    /// Which service-level definition the target is on.
    pub of: &'static str,
    pub max_abandon_rate: Option<f64>,
    pub max_asa_s: Option<f64>,
    pub max_occupancy: Option<f64>,
    /// Share of replications (simulated days) that must meet the service-level target.
    pub confidence: Option<f64>,
}

/// Every goal's simulated figure with its 95 % half-width.
#[derive(Serialize, JsonSchema)]
pub struct FiguresJson {
    pub service_level: MeanCi,
    pub abandon_rate: MeanCi,
    pub asa_s: MeanCi,
    pub occupancy: MeanCi,
    /// Share of replications meeting the service-level target (over the day: in every
    /// interval), half-width by the normal approximation.
    pub p_meets_target: MeanCi,
}

/// The day's figures.
#[derive(Serialize, JsonSchema)]
pub struct OverallJson {
    /// The required staffing, simulated.
    pub simulated: FiguresJson,
    /// The scenario's own staffing, simulated.
    pub planned: FiguresJson,
    /// Figures the plan meets (or has no goal on) that the recommendation makes worse
    /// beyond noise.
    pub worse_than_planned: Vec<&'static str>,
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
    /// Every goal's figure with the required agents, simulated.
    pub simulated: FiguresJson,
    /// Every goal's figure with the planned agents, simulated.
    pub planned: FiguresJson,
    /// Whether the simulated figures meet every goal.
    pub meets_goals: bool,
    /// Figures the plan meets (or has no goal on) that the recommendation makes worse
    /// beyond noise: "service_level", "abandon_rate", "asa_s", "occupancy",
    /// "p_meets_target".
    pub worse_than_planned: Vec<&'static str>,
}

/// One method of `--compare`.
#[derive(Serialize, JsonSchema)]
pub struct MethodJson {
    pub method: &'static str,
    pub agent_hours: f64,
    pub scheduled_agent_hours: f64,
    pub cost: Option<f64>,
    /// Intervals where the method's staffing, simulated, misses some goal.
    pub intervals_missing_goals: usize,
    /// The day's simulated figures.
    pub overall: FiguresJson,
    pub intervals: Vec<MethodIntervalJson>,
}

/// One interval of one method of `--compare`.
#[derive(Serialize, JsonSchema)]
pub struct MethodIntervalJson {
    pub required_agents: u32,
    pub simulated: FiguresJson,
}

/// A mean and its 95 % confidence half-width; null where undefined.
#[derive(Serialize, JsonSchema)]
pub struct MeanCi {
    pub mean: Option<f64>,
    pub ci95: Option<f64>,
}

impl From<Estimate> for MeanCi {
    fn from(e: Estimate) -> MeanCi {
        MeanCi {
            mean: e.mean,
            ci95: e.ci95,
        }
    }
}

fn figures_json(f: &[Estimate; 5]) -> FiguresJson {
    FiguresJson {
        service_level: f[0].into(),
        abandon_rate: f[1].into(),
        asa_s: f[2].into(),
        occupancy: f[3].into(),
        p_meets_target: f[4].into(),
    }
}

/// The JSON Schema of `staffing.json`, generated from the types that write it.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<StaffingJson<'static>>()
        .to_value()
}

/// The figures `staff` shows beside a staffing: the plan's, and how the recommendation
/// compares with them.
pub struct Context<'a> {
    pub sc: &'a Scenario,
    /// The scenario's own staffing, simulated.
    pub planned: &'a Figures,
    /// Every method run (one, or all with `--compare`).
    pub compared: &'a [Staffing],
    pub compare: bool,
}

impl Context<'_> {
    fn goals(&self) -> GoalSet {
        GoalSet::of(&self.sc.model)
    }

    /// The keys of figures worse than planned in one row.
    fn worse(&self, planned: &[Estimate; 5], rec: &[Estimate; 5]) -> Vec<&'static str> {
        let goals = self.goals();
        Figure::ALL
            .iter()
            .enumerate()
            .filter(|&(k, &f)| worse_than_planned(&goals, f, planned[k], rec[k]))
            .map(|(_, f)| f.key())
            .collect()
    }

    fn meets(&self, f: &[Estimate; 5]) -> bool {
        let goals = self.goals();
        Figure::ALL
            .iter()
            .enumerate()
            .all(|(k, &fig)| goals.meets(fig, f[k].mean))
    }

    fn cost(&self, required: &[u32]) -> Option<f64> {
        let model = &self.sc.model;
        let sched = required.iter().map(|&r| scheduled(model, r));
        model
            .cost_per_hour
            .map(|c| c * agent_hours(&model.clock, sched))
    }
}

/// `staffing.json` of a staffing.
pub fn json_value(cx: &Context<'_>, st: &Staffing) -> serde_json::Value {
    serde_json::to_value(doc(cx, st)).expect("staffing serialises")
}

/// `staffing.json` of a several-type centre: the centre's figures as for one queue, then
/// per group, per call type and the two-step method.
pub fn groups_json_value(cx: &Context<'_>, g: &GroupStaffing) -> serde_json::Value {
    let st = g.as_staffing();
    let model = &cx.sc.model;
    let mut d = doc(cx, &st);
    let est = |plan: &crate::staffing::GroupPlan, k: usize, i: usize, m: Metric| -> MeanCi {
        plan.result.breakdown.as_ref().expect("several types").types[k].intervals[i][m as usize]
            .into()
    };
    d.agent_groups = Some(
        model
            .agent_groups
            .iter()
            .enumerate()
            .map(|(k, grp)| {
                let s = grp.shrinkage.unwrap_or(0.0);
                let occ = g
                    .sim
                    .result
                    .breakdown
                    .as_ref()
                    .expect("several types")
                    .groups[k]
                    .intervals
                    .iter()
                    .map(|row| row[0].into())
                    .collect();
                GroupStaffJson {
                    name: grp.name.clone(),
                    cost_per_hour: grp.cost_per_hour,
                    planned_agents: g.planned.agents[k].clone(),
                    required_agents: g.sim.agents[k].clone(),
                    scheduled_agents: g.sim.agents[k]
                        .iter()
                        .map(|&r| crate::erlang::scheduled_agents(r, s).unwrap_or(r))
                        .collect(),
                    two_step_agents: g.two_step.agents[k].clone(),
                    agent_hours: agent_hours(&model.clock, g.sim.agents[k].iter().copied()),
                    occupancy: occ,
                }
            })
            .collect(),
    );
    d.call_types = Some(
        model
            .call_types
            .iter()
            .enumerate()
            .map(|(k, t)| TypeStaffJson {
                name: t.name.clone(),
                service_level_target: t.service_level.target,
                threshold_s: t.service_level.threshold_s,
                two_step_group: model.agent_groups[g.covering[k]].name.clone(),
                intervals: (0..model.intervals())
                    .map(|i| TypeIntervalJson {
                        erlang_c_agents: g.type_needs[k][i],
                        service_level: est(&g.sim, k, i, Metric::ServiceLevel),
                        abandon_rate: est(&g.sim, k, i, Metric::AbandonRate),
                        asa_s: est(&g.sim, k, i, Metric::AsaS),
                        meets_goals: g.sim.type_meets[k][i],
                        two_step_service_level: est(&g.two_step, k, i, Metric::ServiceLevel),
                        two_step_meets_goals: g.two_step.type_meets[k][i],
                    })
                    .collect(),
            })
            .collect(),
    );
    d.two_step = Some(TwoStepJson {
        agent_hours: GroupStaffing::hours(model, &g.two_step.agents),
        cost: g.cost(model, &g.two_step.agents),
        compared_on: if g.costs.is_some() {
            "cost"
        } else {
            "agent_hours"
        },
        saving: g.saving(model),
        missed: g
            .two_step
            .type_meets
            .iter()
            .flatten()
            .filter(|m| !**m)
            .count(),
        overall: figures_json(&g.two_step.figures.overall),
    });
    serde_json::to_value(d).expect("staffing serialises")
}

fn doc<'a>(cx: &Context<'a>, st: &Staffing) -> StaffingJson<'a> {
    let sc = cx.sc;
    let model = &sc.model;
    let scheduled_all: Vec<u32> = st.required.iter().map(|&r| scheduled(model, r)).collect();
    let planned = model.agents_per_interval();
    let goals = cx.goals();
    StaffingJson {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        scenario: &sc.labels.name,
        method: st.method.key(),
        replications: sc.experiment.replications,
        seed: sc.experiment.seed,
        service_level_target: model.service_level.target,
        goals: GoalsJson {
            service_level_target: goals.target,
            threshold_s: goals.threshold_s,
            of: goals.of.key(),
            max_abandon_rate: goals.goals.max_abandon_rate,
            max_asa_s: goals.goals.max_asa_s,
            max_occupancy: goals.goals.max_occupancy,
            confidence: goals.goals.confidence,
        },
        shrinkage: model.shrinkage().unwrap_or(0.0),
        intervals: (0..model.intervals())
            .map(|i| IntervalJson {
                index: i,
                start: model.clock.label(i),
                calls: model.expected_calls_in(i),
                planned_agents: planned[i],
                required_agents: st.required[i],
                scheduled_agents: scheduled_all[i],
                service_level: st.service_level[i].into(),
                simulated: figures_json(&st.figures.intervals[i]),
                planned: figures_json(&cx.planned.intervals[i]),
                meets_goals: cx.meets(&st.figures.intervals[i]),
                worse_than_planned: cx.worse(&cx.planned.intervals[i], &st.figures.intervals[i]),
            })
            .collect(),
        agent_hours: agent_hours(&model.clock, st.required.iter().copied()),
        scheduled_agent_hours: agent_hours(&model.clock, scheduled_all),
        planned_agent_hours: agent_hours(&model.clock, planned.iter().copied()),
        cost_per_hour: model.cost_per_hour,
        cost: cx.cost(&st.required),
        planned_cost: cx.cost(&planned),
        overall: OverallJson {
            simulated: figures_json(&st.figures.overall),
            planned: figures_json(&cx.planned.overall),
            worse_than_planned: cx.worse(&cx.planned.overall, &st.figures.overall),
        },
        comparison: cx.compare.then(|| {
            cx.compared
                .iter()
                .map(|m| MethodJson {
                    method: m.method.key(),
                    agent_hours: agent_hours(&model.clock, m.required.iter().copied()),
                    scheduled_agent_hours: agent_hours(
                        &model.clock,
                        m.required.iter().map(|&r| scheduled(model, r)),
                    ),
                    cost: cx.cost(&m.required),
                    intervals_missing_goals: missing_goals(cx, m),
                    overall: figures_json(&m.figures.overall),
                    intervals: (0..model.intervals())
                        .map(|i| MethodIntervalJson {
                            required_agents: m.required[i],
                            simulated: figures_json(&m.figures.intervals[i]),
                        })
                        .collect(),
                })
                .collect()
        }),
        search: st.search.map(|s| SearchJson {
            evaluations: s.evaluations,
            improved_by_moves: s.improved_by,
        }),
        agent_groups: None,
        call_types: None,
        two_step: None,
    }
}

/// Intervals where a staffing, simulated, misses some goal.
fn missing_goals(cx: &Context<'_>, st: &Staffing) -> usize {
    st.figures.intervals.iter().filter(|f| !cx.meets(f)).count()
}

/// `staffing.csv` of a staffing in `locale`.
pub fn csv_text(cx: &Context<'_>, st: &Staffing, locale: CsvLocale) -> String {
    sheet(cx, st).csv(locale)
}

/// The table of `staffing.csv`: one row per interval; with `--compare`, each method's
/// required agents and simulated figures in columns prefixed by its key.
pub fn sheet(cx: &Context<'_>, st: &Staffing) -> Table {
    let model = &cx.sc.model;
    let mut t = Table::new("staffing");
    t.column("index", Unit::Whole);
    t.column("start", Unit::Text);
    t.column("calls", Unit::Calls);
    for key in ["planned_agents", "required_agents", "scheduled_agents"] {
        t.column(key, Unit::Whole);
    }
    t.metric_columns("service_level", Unit::Share);
    for f in Figure::ALL {
        t.metric_columns(&format!("simulated_{}", f.key()), figure_unit(f));
    }
    for f in Figure::ALL {
        t.column(format!("planned_{}", f.key()), figure_unit(f));
    }
    t.column("meets_goals", Unit::Text);
    t.column("worse_than_planned", Unit::Text);
    let methods: &[Staffing] = if cx.compare { cx.compared } else { &[] };
    for m in methods {
        let k = m.method.key().replace('-', "_");
        t.column(format!("{k}_required_agents"), Unit::Whole);
        for f in Figure::ALL {
            t.column(format!("{k}_{}", f.key()), figure_unit(f));
        }
    }
    for i in 0..model.intervals() {
        let fig = &st.figures.intervals[i];
        let plan = &cx.planned.intervals[i];
        let mut cells = vec![
            Cell::whole(i as u64),
            Cell::text(model.clock.label(i)),
            Cell::plain(Some(model.expected_calls_in(i))),
            Cell::whole(model.agents_in(i)),
            Cell::whole(st.required[i]),
            Cell::whole(scheduled(model, st.required[i])),
        ];
        cells.extend(Cell::estimate(st.service_level[i]));
        for f in fig {
            cells.extend(Cell::estimate(*f));
        }
        cells.extend(plan.iter().map(|f| Cell::mean(*f)));
        cells.push(Cell::text(cx.meets(fig).to_string()));
        cells.push(Cell::text(cx.worse(plan, fig).join(";")));
        for m in methods {
            cells.push(Cell::whole(m.required[i]));
            cells.extend(m.figures.intervals[i].iter().map(|f| Cell::mean(*f)));
        }
        t.rows.push(cells);
    }
    t
}

/// The unit of a goal's figure in the spreadsheets.
fn figure_unit(f: Figure) -> Unit {
    match f {
        Figure::Asa => Unit::Seconds,
        _ => Unit::Share,
    }
}

/// A figure in a table cell, compactly with its half-width: "82.1±1.3" (percent) or
/// "12±2" (seconds); "!" marks one worse than planned.
fn cell(f: Figure, e: Estimate, worse: bool) -> String {
    let mark = if worse { "!" } else { "" };
    let (scale, digits) = match f {
        Figure::Asa => (1.0, 0),
        _ => (100.0, 1),
    };
    match (e.mean, e.ci95) {
        (Some(m), Some(h)) if h > 0.0 => {
            format!("{:.d$}±{:.d$}{mark}", m * scale, h * scale, d = digits)
        }
        (Some(m), _) => format!("{:.d$}{mark}", m * scale, d = digits),
        _ => "n/a".into(),
    }
}

/// The figures shown in tables: the confidence only when it is a goal.
fn shown(cx: &Context<'_>) -> Vec<Figure> {
    let with_confidence = cx.goals().goals.confidence.is_some();
    Figure::ALL
        .into_iter()
        .filter(|&f| f != Figure::Confidence || with_confidence)
        .collect()
}

fn header(f: Figure) -> &'static str {
    match f {
        Figure::ServiceLevel => "SL %",
        Figure::AbandonRate => "Aband. %",
        Figure::Asa => "ASA s",
        Figure::Occupancy => "Occ. %",
        Figure::Confidence => "P(SL) %",
    }
}

/// The goals in one line: "SL >= 80% in 20s (excl_short_abandons); abandonment <= 5%".
fn goals_line(cx: &Context<'_>) -> String {
    let g = cx.goals();
    let mut parts = vec![format!(
        "service level >= {}% within {}s ({})",
        g.target * 100.0,
        g.threshold_s,
        g.of.key()
    )];
    if let Some(x) = g.goals.max_abandon_rate {
        parts.push(format!("abandonment <= {}%", x * 100.0));
    }
    if let Some(x) = g.goals.max_asa_s {
        parts.push(format!("ASA <= {x}s"));
    }
    if let Some(x) = g.goals.max_occupancy {
        parts.push(format!("occupancy <= {}%", x * 100.0));
    }
    if let Some(x) = g.goals.confidence {
        parts.push(format!("target met in >= {}% of days", x * 100.0));
    }
    format!("Goals in every interval: {}", parts.join("; "))
}

/// Lines naming the day's figures the recommendation makes worse than the plan.
fn worse_lines(cx: &Context<'_>, st: &Staffing) -> String {
    let worse = cx.worse(&cx.planned.overall, &st.figures.overall);
    let intervals = (0..cx.sc.model.intervals())
        .filter(|&i| {
            !cx.worse(&cx.planned.intervals[i], &st.figures.intervals[i])
                .is_empty()
        })
        .count();
    let mut out = String::new();
    if intervals > 0 {
        out.push_str(&format!(
            "! marks a figure worse than with the planned staffing (beyond noise) where\n  \
             the plan meets its goal: {intervals} interval(s).\n"
        ));
    }
    for key in worse {
        let k = Figure::ALL
            .iter()
            .position(|f| f.key() == key)
            .expect("figure");
        let f = Figure::ALL[k];
        out.push_str(&format!(
            "Worse than planned over the day: {} {} (planned {}).\n",
            key,
            cell(f, st.figures.overall[k], false),
            cell(f, cx.planned.overall[k], false)
        ));
    }
    out
}

/// Agent-hours, and the cost when the scenario gives `cost_per_hour`.
fn hours_line(cx: &Context<'_>, st: &Staffing) -> String {
    let model = &cx.sc.model;
    let hours = agent_hours(&model.clock, st.required.iter().copied());
    let planned = agent_hours(&model.clock, model.agents_per_interval());
    let mut line = format!("Agent-hours: {hours:.1} (planned {planned:.1})");
    if let (Some(c), Some(p)) = (cx.cost(&st.required), cx.cost(&model.agents_per_interval())) {
        line.push_str(&format!(
            "; cost of scheduled hours: {c:.2} (planned {p:.2})"
        ));
    }
    line + "\n"
}

/// The table `staff` prints for one method.
pub fn table(cx: &Context<'_>, st: &Staffing) -> String {
    let model = &cx.sc.model;
    let figs = shown(cx);
    let mut head = vec![
        "Interval".to_string(),
        "Plan".into(),
        "Req.".into(),
        "Sched.".into(),
    ];
    head.extend(figs.iter().map(|&f| header(f).to_string()));
    let mut rows = vec![head];
    for i in 0..model.intervals() {
        let fig = &st.figures.intervals[i];
        let worse = cx.worse(&cx.planned.intervals[i], fig);
        let mut row = vec![
            model.clock.label(i),
            model.agents_in(i).to_string(),
            st.required[i].to_string(),
            scheduled(model, st.required[i]).to_string(),
        ];
        row.extend(figs.iter().map(|&f| {
            let k = f as usize;
            cell(f, fig[k], worse.contains(&f.key()))
        }));
        rows.push(row);
    }
    let sched: Vec<u32> = st.required.iter().map(|&r| scheduled(model, r)).collect();
    let mut total = vec![
        "Day".into(),
        format!(
            "{:.1}",
            agent_hours(&model.clock, model.agents_per_interval())
        ),
        format!(
            "{:.1}",
            agent_hours(&model.clock, st.required.iter().copied())
        ),
        format!("{:.1}", agent_hours(&model.clock, sched)),
    ];
    let worse = cx.worse(&cx.planned.overall, &st.figures.overall);
    total.extend(
        figs.iter()
            .map(|&f| cell(f, st.figures.overall[f as usize], worse.contains(&f.key()))),
    );
    rows.push(total);
    // Prose lines wrap at 80 columns (the tables fit).
    let text = format!(
        "{} — required agents by {} (shrinkage {:.0}%)\n{}\n\n{}\n\
         Plan, Req. and Sched. on the Day row are agent-hours; figures are simulated\n\
         (percent, or seconds for ASA; ± the 95% half-width).\n{}{}{}",
        cx.sc.labels.name,
        st.method.label(),
        model.shrinkage().unwrap_or(0.0) * 100.0,
        goals_line(cx),
        align(&rows),
        hours_line(cx, st),
        worse_lines(cx, st),
        st.search.map_or(String::new(), |s| format!(
            "Search: {} candidates judged; moving agents between neighbouring intervals\n  \
             saved {} agent-interval(s) beyond single removals.\n",
            s.evaluations, s.improved_by
        )),
    );
    wrap(&text, 2)
}

/// The table `staff --compare` prints: every method side by side.
pub fn comparison_table(cx: &Context<'_>) -> String {
    let model = &cx.sc.model;
    let results = cx.compared;
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
    if model.cost_per_hour.is_some() {
        let mut cost = vec![
            "Cost".to_string(),
            String::new(),
            format!(
                "{:.2}",
                cx.cost(&model.agents_per_interval()).unwrap_or(0.0)
            ),
        ];
        cost.extend(
            results
                .iter()
                .map(|r| format!("{:.2}", cx.cost(&r.required).unwrap_or(0.0))),
        );
        rows.push(cost);
    }
    let names = [
        "Service level, day",
        "Abandonment, day",
        "ASA (s), day",
        "Occupancy, day",
        "Days meeting it everywhere",
    ];
    for f in shown(cx) {
        let k = f as usize;
        let mut row = vec![
            names[k].to_string(),
            String::new(),
            cell(f, cx.planned.overall[k], false),
        ];
        row.extend(results.iter().map(|r| cell(f, r.figures.overall[k], false)));
        rows.push(row);
    }
    let mut missing = vec![
        "Intervals missing a goal".to_string(),
        String::new(),
        cx.planned
            .intervals
            .iter()
            .filter(|f| !cx.meets(f))
            .count()
            .to_string(),
    ];
    missing.extend(results.iter().map(|r| missing_goals(cx, r).to_string()));
    rows.push(missing);
    // Prose lines wrap at 80 columns (the tables fit).
    let text = format!(
        "{} — required agents per interval\n{}\n\n{}\n\
         Figures are simulated (percent, or seconds for ASA; ± the 95% half-width).\n\
         Erlang C ignores callers hanging up and treats each interval alone; Erlang A adds \
         hanging up; the simulation also sees the real handle-time spread and queues carried \
         from one interval into the next. Each staffing was simulated with the same random \
         numbers to show how it really fares.\n",
        cx.sc.labels.name,
        goals_line(cx),
        align(&rows)
    );
    wrap(&text, 2)
}

/// `staffing.csv` of a several-type centre in `locale`.
pub fn groups_csv_text(cx: &Context<'_>, g: &GroupStaffing, locale: CsvLocale) -> String {
    groups_sheet(cx, g).csv(locale)
}

/// The table of a several-type centre's `staffing.csv`: the centre's columns as for one
/// queue, then per group its required and two-step agents, and per call type its
/// simulated service level, whether it meets its goals, and Erlang C's agents for it.
pub fn groups_sheet(cx: &Context<'_>, g: &GroupStaffing) -> Table {
    let model = &cx.sc.model;
    let mut t = sheet(cx, &g.as_staffing());
    for grp in &model.agent_groups {
        for col in ["required_agents", "two_step_agents"] {
            t.column(format!("{col}@{}", grp.name), Unit::Whole);
        }
    }
    for ty in &model.call_types {
        t.metric_columns(&format!("service_level@{}", ty.name), Unit::Share);
        t.column(format!("meets_goals@{}", ty.name), Unit::Text);
        t.column(format!("erlang_c_agents@{}", ty.name), Unit::Whole);
    }
    let types = g.sim.result.breakdown.as_ref().expect("several types");
    for (i, cells) in t.rows.iter_mut().enumerate() {
        for k in 0..model.agent_groups.len() {
            cells.push(Cell::whole(g.sim.agents[k][i]));
            cells.push(Cell::whole(g.two_step.agents[k][i]));
        }
        for k in 0..model.call_types.len() {
            let e = types.types[k].intervals[i][Metric::ServiceLevel as usize];
            cells.extend(Cell::estimate(e));
            cells.push(Cell::text(g.sim.type_meets[k][i].to_string()));
            cells.push(Cell::whole(g.type_needs[k][i]));
        }
    }
    t
}

/// The terminal table of a several-type centre: agents per group and interval (with the
/// two-step method's total beside), each call type's service level against its own goal,
/// and the saving against the two-step method.
pub fn groups_table(cx: &Context<'_>, g: &GroupStaffing) -> String {
    let model = &cx.sc.model;
    let mut head = vec!["Interval".to_string()];
    head.extend(model.agent_groups.iter().map(|grp| grp.name.clone()));
    head.extend(["Total".into(), "Two-step".into()]);
    let mut rows = vec![head];
    for i in 0..model.intervals() {
        let mut row = vec![model.clock.label(i)];
        row.extend(g.sim.agents.iter().map(|a| a[i].to_string()));
        row.push(g.sim.agents.iter().map(|a| a[i]).sum::<u32>().to_string());
        row.push(
            g.two_step
                .agents
                .iter()
                .map(|a| a[i])
                .sum::<u32>()
                .to_string(),
        );
        rows.push(row);
    }
    let bd = g.sim.result.breakdown.as_ref().expect("several types");
    let mut types = vec![vec![
        "Call type".to_string(),
        "Goal".into(),
        "Service level".into(),
        "Lowest interval".into(),
    ]];
    for (k, t) in model.call_types.iter().enumerate() {
        let sl = bd.types[k].overall[Metric::ServiceLevel as usize];
        let lowest = bd.types[k]
            .intervals
            .iter()
            .filter_map(|r| r[Metric::ServiceLevel as usize].mean)
            .fold(f64::INFINITY, f64::min);
        types.push(vec![
            t.name.clone(),
            format!(
                "{}% in {}s",
                t.service_level.target * 100.0,
                t.service_level.threshold_s
            ),
            cell(Figure::ServiceLevel, sl, false),
            if lowest.is_finite() {
                format!("{:.1}", lowest * 100.0)
            } else {
                "n/a".into()
            },
        ]);
    }
    let (sim, two) = g.compared(model);
    let unit = if g.costs.is_some() {
        "of scheduled cost"
    } else {
        "agent-hours"
    };
    let saving = match g.saving(model) {
        Some(s) if s >= 0.0 => format!("{:.1}% less", s * 100.0),
        Some(s) => format!("{:.1}% more", -s * 100.0),
        None => "no comparison".into(),
    };
    let missed = g
        .two_step
        .type_meets
        .iter()
        .flatten()
        .filter(|m| !**m)
        .count();
    let text = format!(
        "{}\n\nRequired agents per group (search by simulation, {} candidates):\n{}\n\
         {}\n\
         Simulation needs {sim:.1} {unit}, the two-step method (Erlang C per call type, \
         then the cheapest groups covering those needs) {two:.1}: {saving}. Simulated, the \
         two-step staffing misses some goal in {missed} of {} call-type intervals.\n",
        table(cx, &g.as_staffing()).trim_end_matches(['\n']),
        g.search.evaluations,
        align(&rows),
        align(&types),
        model.call_types.len() * model.intervals(),
    );
    wrap(&text, 2)
}
