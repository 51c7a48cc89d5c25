//! The outputs of `ccsim schedule`: `schedule.json` (schema `ccsim.schedule.v1`),
//! `schedule.csv` (one row per shift), `roster.toml` (the scenario with the roster as
//! `[[staffing.shifts]]`), `schedule.md` (a short report) and the 80-column summary.
//! Nothing here depends on the machine or the clock: timings are the terminal's only.

use schemars::JsonSchema;
use serde::Serialize;

use super::i18n::{Key, Lang};
use super::staffing::GoalsJson;
use super::term::wrap;
use crate::model::{Clock, clock_label};
use crate::scenario::Scenario;
use crate::schedule::requirement::Source;
use crate::schedule::{Schedule, ShiftRules};
use crate::staffing::{Figure, GoalSet, agent_hours};

pub const SCHEMA: &str = "ccsim.schedule.v1";

/// `schedule.json`: the roster chosen, how it was found, and how it fares in simulation.
#[derive(Serialize, JsonSchema)]
pub struct ScheduleJson<'a> {
    /// Always "ccsim.schedule.v1".
    pub schema: &'static str,
    pub ccsim_version: &'static str,
    /// The scenario's name.
    pub scenario: &'a str,
    /// The shift-rules file.
    pub rules: &'a str,
    pub replications: u64,
    pub seed: u64,
    /// The goals every interval of the final roster meets in simulation.
    pub goals: GoalsJson,
    pub requirement: RequirementJson,
    pub program: ProgramJson,
    pub repair: RepairJson,
    pub totals: TotalsJson,
    /// Agents per shift type of the final roster.
    pub by_shift_type: Vec<TypeJson>,
    /// The final roster, one entry per shift (type, start and break times).
    pub shifts: Vec<ShiftJson>,
    pub intervals: Vec<IntervalJson>,
}

/// Where the requirement came from.
#[derive(Serialize, JsonSchema)]
pub struct RequirementJson {
    /// "sim", "erlang-c", "erlang-a" (computed now) or "file" (a staffing.json).
    pub source: &'static str,
    /// The staffing.json read (null when computed).
    pub file: Option<String>,
    /// The method that found it.
    pub method: String,
    /// Agent-hours on the phones the requirement asks for.
    pub agent_hours: f64,
}

/// The integer program.
#[derive(Serialize, JsonSchema)]
pub struct ProgramJson {
    pub variables: usize,
    pub constraints: usize,
    /// Branch-and-bound nodes solved.
    pub nodes: u64,
    /// Whether the solver proved the program's schedule optimal (else its node budget
    /// ran out: `gap_to_bound` says how far it may be).
    pub optimal: bool,
    /// The LP relaxation's optimum: no schedule costs less.
    pub lower_bound: f64,
    /// The program's schedule's cost (paid hours when the rules give no cost).
    pub cost: f64,
    pub paid_hours: f64,
    /// cost ÷ lower_bound − 1.
    pub gap_to_bound: f64,
}

/// Verification by simulation and repair.
#[derive(Serialize, JsonSchema)]
pub struct RepairJson {
    /// Rounds that added shifts (0: the program's schedule met every goal).
    pub rounds: usize,
    /// Agents added by the repair.
    pub agents_added: u32,
    /// Whether the round cap ended the repair before every goal held.
    pub capped: bool,
    /// Whether the final roster meets every goal in every interval in simulation.
    pub meets_every_goal: bool,
    /// Intervals of the final roster missing some goal (empty when it meets them all).
    pub missing: Vec<String>,
}

/// The final roster's totals.
#[derive(Serialize, JsonSchema)]
pub struct TotalsJson {
    pub agents: u32,
    pub paid_hours: f64,
    /// Cost of the paid hours (paid hours when the rules give no cost).
    pub cost: f64,
    /// Whether the rules give a cost per hour.
    pub has_cost: bool,
    /// Agent-hours on the phones the requirement asks for.
    pub required_agent_hours: f64,
    /// Agent-hours on the phones the roster plans (breaks taken on time).
    pub planned_agent_hours: f64,
    /// The program's lower bound (cost).
    pub lower_bound: f64,
    /// cost ÷ lower_bound − 1.
    pub above_bound: f64,
}

/// Agents of one shift type.
#[derive(Serialize, JsonSchema)]
pub struct TypeJson {
    pub shift_type: String,
    pub length_h: f64,
    pub agents: u32,
    pub paid_hours: f64,
}

/// One shift of the roster.
#[derive(Serialize, JsonSchema)]
pub struct ShiftJson {
    pub shift_type: String,
    /// Clock times.
    pub start: String,
    pub end: String,
    pub agents: u32,
    /// Of those, agents the repair added.
    pub added_by_repair: u32,
    pub breaks: Vec<BreakJson>,
}

/// A break at a fixed time.
#[derive(Serialize, JsonSchema)]
pub struct BreakJson {
    pub start: String,
    pub length_min: f64,
}

/// One interval: requirement, coverage and the final roster's simulated figures.
#[derive(Serialize, JsonSchema)]
pub struct IntervalJson {
    pub index: usize,
    pub start: String,
    pub required_agents: u32,
    /// Agents on the phones by the coverage rule (the program's schedule, then the final
    /// roster).
    pub coverage_program: f64,
    pub coverage: f64,
    /// Time-weighted agents on the phones in simulation (mean over replications).
    pub simulated_agents: f64,
    pub service_level: Option<f64>,
    pub abandon_rate: Option<f64>,
    pub asa_s: Option<f64>,
    pub occupancy: Option<f64>,
    /// Share of replications meeting the service-level target.
    pub p_meets_target: Option<f64>,
    pub meets_goals: bool,
}

/// Everything the outputs read.
pub struct Context<'a> {
    pub sc: &'a Scenario,
    pub rules: &'a ShiftRules,
    pub schedule: &'a Schedule,
}

impl Context<'_> {
    fn clock(&self) -> &Clock {
        &self.sc.model.clock
    }

    fn time(&self, s: f64) -> String {
        clock_label(self.clock().start_s + s, self.clock().labels_need_seconds())
    }

    fn agents(&self) -> u32 {
        self.schedule.repaired.counts.iter().sum()
    }

    fn paid_hours(&self) -> f64 {
        self.schedule
            .program
            .paid_hours(&self.schedule.repaired.counts)
    }

    fn cost(&self) -> f64 {
        self.schedule.program.cost(&self.schedule.repaired.counts)
    }

    fn above_bound(&self) -> f64 {
        let b = self.schedule.solved.lp_bound;
        if b > 0.0 { self.cost() / b - 1.0 } else { 0.0 }
    }

    fn required_hours(&self) -> f64 {
        agent_hours(
            self.clock(),
            self.schedule.requirement.agents.iter().copied(),
        )
    }

    fn planned_hours(&self) -> f64 {
        let cov = self
            .schedule
            .program
            .coverage(&self.schedule.repaired.counts);
        cov.iter()
            .enumerate()
            .map(|(i, c)| c * self.clock().length_of(i) / 3600.0)
            .sum()
    }

    /// (shift type, agents, paid hours) per type with agents, in the rules' order.
    pub fn by_type(&self) -> Vec<(usize, u32, f64)> {
        let p = &self.schedule.program;
        (0..self.rules.types.len())
            .filter_map(|k| {
                let n: u32 = p
                    .columns
                    .iter()
                    .zip(&self.schedule.repaired.counts)
                    .filter(|(c, _)| c.shift_type == k)
                    .map(|(_, &n)| n)
                    .sum();
                (n > 0).then(|| (k, n, f64::from(n) * self.rules.types[k].paid_hours()))
            })
            .collect()
    }

    /// The shifts used: (column, agents, added by repair), in column order.
    fn shifts(&self) -> Vec<(usize, u32, u32)> {
        let s = self.schedule;
        s.repaired
            .counts
            .iter()
            .zip(&s.solved.counts)
            .enumerate()
            .filter(|(_, (n, _))| **n > 0)
            .map(|(v, (&n, &m))| (v, n, n - m.min(n)))
            .collect()
    }

    fn breaks_text(&self, v: usize) -> String {
        self.schedule.program.columns[v]
            .breaks
            .iter()
            .map(|&(s, l)| format!("{}+{}m", self.time(s), (l / 60.0).round()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn missing(&self) -> Vec<String> {
        self.schedule
            .repaired
            .judged
            .iter()
            .enumerate()
            .filter(|(_, j)| !j.meets)
            .map(|(i, _)| self.clock().label(i))
            .collect()
    }
}

/// The one-sentence summary: "14 agents on 8 h shifts and 6 on 4 h shifts; 412 paid
/// hours, 8 % above the requirement's lower bound".
pub fn summary_sentence(cx: &Context<'_>, lang: Lang) -> String {
    let parts: Vec<String> = cx
        .by_type()
        .iter()
        .enumerate()
        .map(|(k, &(t, n, _))| {
            lang.fill(
                if k == 0 {
                    Key::ScheduleAgentsOn
                } else {
                    Key::ScheduleMoreOn
                },
                &[("n", &n.to_string()), ("shift", &cx.rules.types[t].name)],
            )
        })
        .collect();
    let mut s = lang.fill(
        Key::ScheduleSummary,
        &[
            ("shifts", &lang.list(&parts)),
            ("hours", &lang.num(cx.paid_hours(), 1)),
            ("above", &lang.pct(cx.above_bound(), 1)),
        ],
    );
    if cx.rules.has_cost {
        s.push(' ');
        s.push_str(&lang.fill(Key::ScheduleCost, &[("cost", &lang.num(cx.cost(), 2))]));
    }
    s
}

pub fn json_value(cx: &Context<'_>) -> serde_json::Value {
    let sc = cx.sc;
    let s = cx.schedule;
    let goals = GoalSet::of(&sc.model);
    let clock = cx.clock();
    let program_cov = s.program.coverage(&s.solved.counts);
    let final_cov = s.program.coverage(&s.repaired.counts);
    let (source, file, method) = match &s.requirement.source {
        Source::Method(m) => (m.key(), None, m.key().to_string()),
        Source::File { path, method } => ("file", Some(path.clone()), method.clone()),
    };
    let missing = cx.missing();
    let fig = |j: &crate::schedule::Judged, f: Figure| {
        j.figures[Figure::ALL.iter().position(|&g| g == f).expect("a figure")]
    };
    let doc = ScheduleJson {
        schema: SCHEMA,
        ccsim_version: env!("CARGO_PKG_VERSION"),
        scenario: &sc.labels.name,
        rules: &cx.rules.path,
        replications: sc.experiment.replications,
        seed: sc.experiment.seed,
        goals: GoalsJson {
            service_level_target: goals.target,
            threshold_s: goals.threshold_s,
            of: goals.of.key(),
            max_abandon_rate: goals.goals.max_abandon_rate,
            max_asa_s: goals.goals.max_asa_s,
            max_occupancy: goals.goals.max_occupancy,
            confidence: goals.goals.confidence,
        },
        requirement: RequirementJson {
            source,
            file,
            method,
            agent_hours: cx.required_hours(),
        },
        program: ProgramJson {
            variables: s.solved.variables,
            constraints: s.solved.constraints,
            nodes: s.solved.nodes,
            optimal: s.solved.optimal,
            lower_bound: s.solved.lp_bound,
            cost: s.solved.cost,
            paid_hours: s.program.paid_hours(&s.solved.counts),
            gap_to_bound: if s.solved.lp_bound > 0.0 {
                s.solved.cost / s.solved.lp_bound - 1.0
            } else {
                0.0
            },
        },
        repair: RepairJson {
            rounds: s.repaired.rounds,
            agents_added: s.repaired.added,
            capped: s.repaired.capped,
            meets_every_goal: missing.is_empty(),
            missing,
        },
        totals: TotalsJson {
            agents: cx.agents(),
            paid_hours: cx.paid_hours(),
            cost: cx.cost(),
            has_cost: cx.rules.has_cost,
            required_agent_hours: cx.required_hours(),
            planned_agent_hours: cx.planned_hours(),
            lower_bound: s.solved.lp_bound,
            above_bound: cx.above_bound(),
        },
        by_shift_type: cx
            .by_type()
            .into_iter()
            .map(|(t, n, h)| TypeJson {
                shift_type: cx.rules.types[t].name.clone(),
                length_h: cx.rules.types[t].paid_hours(),
                agents: n,
                paid_hours: h,
            })
            .collect(),
        shifts: cx
            .shifts()
            .into_iter()
            .map(|(v, n, added)| {
                let c = &s.program.columns[v];
                ShiftJson {
                    shift_type: cx.rules.types[c.shift_type].name.clone(),
                    start: cx.time(c.start_s),
                    end: cx.time(c.end_s),
                    agents: n,
                    added_by_repair: added,
                    breaks: c
                        .breaks
                        .iter()
                        .map(|&(b, l)| BreakJson {
                            start: cx.time(b),
                            length_min: l / 60.0,
                        })
                        .collect(),
                }
            })
            .collect(),
        intervals: s
            .repaired
            .judged
            .iter()
            .enumerate()
            .map(|(i, j)| IntervalJson {
                index: i,
                start: clock.label(i),
                required_agents: s.requirement.agents[i],
                coverage_program: program_cov[i],
                coverage: final_cov[i],
                simulated_agents: j.agents,
                service_level: fig(j, Figure::ServiceLevel),
                abandon_rate: fig(j, Figure::AbandonRate),
                asa_s: fig(j, Figure::Asa),
                occupancy: fig(j, Figure::Occupancy),
                p_meets_target: fig(j, Figure::Confidence),
                meets_goals: j.meets,
            })
            .collect(),
    };
    serde_json::to_value(doc).expect("the schedule serialises")
}

/// `schedule.csv`: one row per shift of the roster.
pub fn csv_text(cx: &Context<'_>) -> String {
    let mut out = String::from("shift_type,start,end,agents,added_by_repair,paid_hours,breaks\n");
    for (v, n, added) in cx.shifts() {
        let c = &cx.schedule.program.columns[v];
        out.push_str(&format!(
            "{},{},{},{n},{added},{},{}\n",
            csv_field(&cx.rules.types[c.shift_type].name),
            cx.time(c.start_s),
            cx.time(c.end_s),
            c.paid_hours * f64::from(n),
            cx.breaks_text(v)
        ));
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The scenario's own text with its per-interval `agents` replaced by the roster as
/// `[[staffing.shifts]]` (SPEC "Shifts"), ready for `ccsim run`.
pub fn roster_scenario(cx: &Context<'_>, scenario_text: &str) -> String {
    let mut text = without_agents(scenario_text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let note = format!(
        "The roster chosen by `ccsim schedule` with the shift rules {} (it replaces the \
         per-interval `agents`): {}",
        cx.rules.path,
        summary_sentence(cx, Lang::En)
    );
    text.push('\n');
    for line in wrap(&note, 0).lines() {
        text.push_str(&format!("# {}\n", toml_comment(line)));
    }
    for (v, n, _) in cx.shifts() {
        let c = &cx.schedule.program.columns[v];
        let breaks: Vec<String> = c
            .breaks
            .iter()
            .map(|&(b, l)| {
                format!(
                    "{{ start = \"{}\", length = \"{}m\" }}",
                    cx.time(b),
                    (l / 60.0).round()
                )
            })
            .collect();
        text.push_str(&format!(
            "\n[[staffing.shifts]]   # {}\nstart = \"{}\"\nend = \"{}\"\ncount = {n}\nbreaks = [{}]\n",
            toml_comment(&cx.rules.types[c.shift_type].name),
            cx.time(c.start_s),
            cx.time(c.end_s),
            breaks.join(", ")
        ));
    }
    text
}

fn toml_comment(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The scenario text without `agents = ...` in `[staffing]` (the key, its value and the
/// rest of its last line); unchanged when there is none.
fn without_agents(text: &str) -> String {
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return text.to_string();
    };
    let Some(toml::de::DeValue::Table(st)) = doc.get_ref().get("staffing").map(|v| v.get_ref())
    else {
        return text.to_string();
    };
    let Some((key, value)) = st.iter().find(|(k, _)| k.get_ref() == "agents") else {
        return text.to_string();
    };
    let from = text[..key.span().start].rfind('\n').map_or(0, |p| p + 1);
    let to = text[value.span().end..]
        .find('\n')
        .map_or(text.len(), |p| value.span().end + p + 1);
    let mut out = text[..from].to_string();
    out.push_str("# agents: replaced by the [[staffing.shifts]] at the end of the file\n");
    out.push_str(&text[to..]);
    out
}

/// `schedule.md`: the summary, the roster and how it was verified.
pub fn markdown(cx: &Context<'_>, lang: Lang, chart: Option<&str>) -> String {
    let s = cx.schedule;
    let mut md = format!(
        "# {}\n\n{}\n\n",
        lang.fill(Key::ScheduleHeading, &[("scenario", &cx.sc.labels.name)]),
        summary_sentence(cx, lang)
    );
    md.push_str(&lang.fill(
        Key::ScheduleProgramText,
        &[
            ("variables", &s.solved.variables.to_string()),
            ("constraints", &s.solved.constraints.to_string()),
            ("bound", &lang.num(s.solved.lp_bound, 1)),
            ("required", &lang.num(cx.required_hours(), 1)),
        ],
    ));
    md.push_str("\n\n");
    md.push_str(&verification_sentence(cx, lang));
    md.push_str("\n\n");
    if let Some(file) = chart {
        md.push_str(&format!(
            "![{}]({file})\n\n",
            lang.t(Key::ScheduleChartTitle)
        ));
    }
    md.push_str(&format!(
        "| {} | {} | {} | {} |\n| --- | --- | --- | ---: |\n",
        lang.t(Key::ColShift),
        lang.t(Key::ColHours),
        lang.t(Key::ColBreaks),
        lang.t(Key::ColAgents)
    ));
    for (v, n, _) in cx.shifts() {
        let c = &s.program.columns[v];
        md.push_str(&format!(
            "| {} | {}–{} | {} | {n} |\n",
            cx.rules.types[c.shift_type].name.replace('|', "/"),
            cx.time(c.start_s),
            cx.time(c.end_s),
            cx.breaks_text(v)
        ));
    }
    md
}

/// "Verified by simulation (100 days): every goal met in every interval after 2 repair
/// rounds that added 3 agents."
fn verification_sentence(cx: &Context<'_>, lang: Lang) -> String {
    let r = &cx.schedule.repaired;
    let missing = cx.missing();
    let key = if missing.is_empty() {
        Key::ScheduleVerified
    } else {
        Key::ScheduleCapped
    };
    lang.fill(
        key,
        &[
            ("days", &cx.sc.experiment.replications.to_string()),
            ("rounds", &r.rounds.to_string()),
            ("added", &r.added.to_string()),
            ("missing", &lang.list(&missing)),
        ],
    )
}

/// The 80-column terminal summary (English, like every table).
pub fn table(cx: &Context<'_>) -> String {
    let s = cx.schedule;
    let lang = Lang::En;
    let mut out = String::new();
    out.push_str(&wrap(
        &format!("{}: schedule from {}\n", cx.sc.labels.name, cx.rules.path),
        2,
    ));
    let method = match &s.requirement.source {
        Source::Method(m) => m.label().to_string(),
        Source::File { path, .. } => path.clone(),
    };
    let lines = [
        format!(
            "Requirement ({method}): {} agent-hours on the phones",
            lang.num(cx.required_hours(), 1)
        ),
        format!(
            "Integer program: {} variables, {} constraints, {} nodes, {}",
            s.solved.variables,
            s.solved.constraints,
            s.solved.nodes,
            if s.solved.optimal {
                "optimal".to_string()
            } else {
                format!(
                    "node budget reached ({} above the bound)",
                    lang.pct(s.solved.cost / s.solved.lp_bound.max(1e-12) - 1.0, 1)
                )
            }
        ),
        format!(
            "Lower bound (LP) {}; program's schedule {}; final roster {}",
            lang.num(s.solved.lp_bound, 1),
            lang.num(s.solved.cost, 1),
            lang.num(cx.cost(), 1)
        ),
        verification_sentence(cx, lang),
        summary_sentence(cx, lang),
    ];
    for l in lines {
        out.push_str(&wrap(&format!("  {l}\n"), 2));
    }
    out.push('\n');
    out.push_str("  Shift    Start  End    Agents  Breaks\n");
    for (v, n, _) in cx.shifts() {
        let c = &s.program.columns[v];
        let name: String = cx.rules.types[c.shift_type].name.chars().take(8).collect();
        let row = format!(
            "  {name:<8} {}  {}  {n:>6}  {}",
            cx.time(c.start_s),
            cx.time(c.end_s),
            cx.breaks_text(v)
        );
        out.push_str(&wrap(&format!("{row}\n"), 38));
    }
    out.push('\n');
    out
}

/// The schema of `schedule.json`.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<ScheduleJson<'static>>()
        .to_value()
}
