//! `ccsim erlang b|c|a`: turns the raw flags into validated settings (every bad or
//! contradictory flag is named in the error), evaluates or solves with
//! [`crate::erlang`], and formats the figures as text for people or one JSON object.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::cli::erlang::{ErlangArgs, ErlangModel, SlOfArg};
use crate::duration::{format_duration, parse_duration};
use crate::erlang::{self, ErlangError, Goal, MAX_AGENTS, ServiceLevelGoal, SlOf};
use crate::error::{Error, Result};

/// Runs the calculator and returns the text for stdout.
pub fn run(args: &ErlangArgs) -> Result<String> {
    let settings = Settings::from_args(args)?;
    let report = settings.evaluate()?;
    Ok(if args.json {
        report.to_json()
    } else {
        report.to_text()
    })
}

/// Validated settings: every value checked, every flag combination consistent.
struct Settings {
    model: ErlangModel,
    calls: f64,
    per_s: f64,
    aht_s: f64,
    load: f64,
    /// Fixed agents (Erlang B: lines); `None` means solve with `goal`.
    agents: Option<u32>,
    /// M/M/c/K lines (Erlang C only).
    lines: Option<u32>,
    threshold_s: Option<f64>,
    patience_s: Option<f64>,
    goal: Goal,
    shrinkage: Option<f64>,
    sl_of: SlOf,
}

fn input(msg: impl Into<String>) -> Error {
    Error::input(msg)
}

/// Parses a duration flag; `what` names the quantity, `example` shows one.
fn parse_duration_flag(
    flag: &str,
    text: &Option<String>,
    what: &str,
    example: &str,
) -> Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    let v = parse_duration(text).map_err(|e| {
        input(format!(
            "{flag}: expected {what} such as {example}, found {e}"
        ))
    })?;
    Ok(Some(v))
}

/// A duration flag that must be above zero.
fn positive_duration(
    flag: &str,
    text: &Option<String>,
    what: &str,
    example: &str,
) -> Result<Option<f64>> {
    let v = parse_duration_flag(flag, text, what, example)?;
    if let Some(v) = v
        && v <= 0.0
    {
        return Err(input(format!(
            "{flag}: expected {what} above zero such as {example}, found {}",
            text.as_deref().unwrap_or_default()
        )));
    }
    Ok(v)
}

/// A number for messages: plain for everyday sizes, scientific for extreme ones.
fn show(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e7 || v.abs() < 1e-3) {
        format!("{v:.3e}")
    } else {
        format!("{v:.3}")
    }
}

/// Parses a fraction written as `0.8` or `80%`, checking it lies in the given range.
fn fraction_flag(
    flag: &str,
    text: &Option<String>,
    ok: impl Fn(f64) -> bool,
    range: &str,
) -> Result<Option<f64>> {
    let Some(text) = text else { return Ok(None) };
    let t = text.trim();
    let parsed = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
        None => t.parse::<f64>(),
    };
    match parsed {
        Ok(v) if v.is_finite() && ok(v) => Ok(Some(v)),
        _ => Err(input(format!(
            "{flag}: expected a fraction {range} such as 0.8 or 80%, found \"{text}\""
        ))),
    }
}

fn count_flag(flag: &str, v: Option<i64>, what: &str) -> Result<Option<u32>> {
    match v {
        None => Ok(None),
        Some(n) if n >= 1 && n <= MAX_AGENTS as i64 => Ok(Some(n as u32)),
        Some(n) => Err(input(format!(
            "{flag}: expected {what}, a whole number from 1 to {MAX_AGENTS}, found {n}"
        ))),
    }
}

/// Rejects a flag the model has no use for, saying why.
fn reject(flag: &str, given: bool, why: &str) -> Result<()> {
    if given {
        Err(input(format!("{flag} does not apply here: {why}")))
    } else {
        Ok(())
    }
}

impl Settings {
    fn from_args(args: &ErlangArgs) -> Result<Settings> {
        let model = args.model;
        let calls = match args.calls {
            None => {
                return Err(input(
                    "--calls is missing: expected the number of calls arriving per --per \
                     period, e.g. --calls 480 --per 1h",
                ));
            }
            Some(v) if v.is_finite() && v > 0.0 => v,
            Some(v) => {
                return Err(input(format!(
                    "--calls: expected a number of calls above zero, found {v}"
                )));
            }
        };
        let per_s = positive_duration("--per", &args.per, "the period --calls covers", "1h")?
            .ok_or_else(|| {
                input("--per is missing: expected the period --calls covers, e.g. --per 1h")
            })?;
        let aht_s = positive_duration("--aht", &args.aht, "an average handle time", "4m")?
            .ok_or_else(|| {
                input("--aht is missing: expected the average handle time, e.g. --aht 240s")
            })?;
        let load = erlang::offered_load(calls, per_s, aht_s);
        if !(load.is_finite() && load >= 1e-12 && load <= MAX_AGENTS as f64) {
            return Err(input(format!(
                "--calls, --per and --aht give an offered load of {} Erlangs: expected \
                 between 1e-12 and {MAX_AGENTS}",
                show(load)
            )));
        }
        let threshold_s = parse_duration_flag(
            "--threshold",
            &args.threshold,
            "a service-level threshold",
            "20s",
        )?;
        if let Some(t) = threshold_s
            && t < 0.0
        {
            return Err(input(format!(
                "--threshold: expected a time of zero or more, found {}",
                args.threshold.as_deref().unwrap_or_default()
            )));
        }
        let patience_s = positive_duration("--patience", &args.patience, "a mean patience", "2m")?;
        let mut agents = count_flag("--agents", args.agents, "the agents on the phones")?;
        let mut lines = count_flag("--lines", args.lines, "the number of lines")?;
        let target = fraction_flag(
            "--target",
            &args.target,
            |v| v > 0.0 && v < 1.0,
            "above 0 and below 1",
        )?;
        let max_asa_s = positive_duration(
            "--asa-target",
            &args.asa_target,
            "a mean wait of answered calls",
            "30s",
        )?;
        let max_occupancy = fraction_flag(
            "--max-occupancy",
            &args.max_occupancy,
            |v| v > 0.0 && v <= 1.0,
            "above 0 and at most 1",
        )?;
        let max_blocking = fraction_flag(
            "--max-blocking",
            &args.max_blocking,
            |v| v > 0.0 && v < 1.0,
            "above 0 and below 1",
        )?;
        let shrinkage = fraction_flag(
            "--shrinkage",
            &args.shrinkage,
            |v| (0.0..1.0).contains(&v),
            "of at least 0 and below 1",
        )?;
        let sl_of = match args.sl_of {
            None | Some(SlOfArg::ExclShortAbandons) => SlOf::ExclShortAbandons,
            Some(SlOfArg::Answered) => SlOf::Answered,
            Some(SlOfArg::Offered) => SlOf::Offered,
        };

        match model {
            ErlangModel::B => {
                let why = "erlang b has no queue: a call finding every line busy is lost";
                reject("--threshold", threshold_s.is_some(), why)?;
                reject("--target", target.is_some(), why)?;
                reject("--asa-target", max_asa_s.is_some(), why)?;
                reject("--sl-of", args.sl_of.is_some(), why)?;
                reject(
                    "--patience",
                    patience_s.is_some(),
                    "erlang b has no waiting callers to hang up (see erlang a)",
                )?;
                // Each line carries one call, so lines and agents are the same number.
                agents = match (agents, lines) {
                    (Some(a), Some(l)) if a != l => {
                        return Err(input(format!(
                            "--agents {a} and --lines {l} contradict each other: in erlang b \
                             every line is answered by an agent; give only --lines"
                        )));
                    }
                    (a, l) => l.or(a),
                };
                lines = None;
            }
            ErlangModel::C => {
                reject(
                    "--patience",
                    patience_s.is_some(),
                    "erlang c assumes callers wait as long as it takes; use erlang a for \
                     callers who hang up",
                )?;
                reject(
                    "--max-blocking",
                    max_blocking.is_some() && lines.is_none(),
                    "without --lines erlang c blocks nobody",
                )?;
                if let (Some(a), Some(l)) = (agents, lines)
                    && l < a
                {
                    return Err(input(format!(
                        "--lines: expected at least --agents ({a}): lines hold the calls \
                         being answered plus those waiting, found {l}"
                    )));
                }
            }
            ErlangModel::A => {
                if patience_s.is_none() {
                    return Err(input(
                        "--patience is missing: erlang a needs the mean time a waiting \
                         caller holds before hanging up, e.g. --patience 2m",
                    ));
                }
                reject(
                    "--lines",
                    lines.is_some(),
                    "erlang a has no line limit (use erlang c --lines for M/M/c/K)",
                )?;
                reject(
                    "--max-blocking",
                    max_blocking.is_some(),
                    "erlang a blocks nobody",
                )?;
            }
        }
        if target.is_some() && threshold_s.is_none() {
            return Err(input(
                "--target needs --threshold: the time within which a call counts as \
                 answered in time, e.g. --threshold 20s --target 0.8",
            ));
        }

        let goal = Goal {
            service_level: target.map(|target| ServiceLevelGoal {
                threshold_s: threshold_s.unwrap_or(0.0),
                target,
                of: sl_of,
            }),
            max_asa_s,
            max_occupancy,
            max_blocking,
        };
        let solving = goal != Goal::default();
        let staff_flag = if model == ErlangModel::B {
            "--lines"
        } else {
            "--agents"
        };
        match (agents.is_some(), solving) {
            (true, true) => {
                return Err(input(format!(
                    "{staff_flag} and {} contradict each other: {staff_flag} fixes the \
                     staffing while a goal asks ccsim to find it; give one or the other",
                    goal_flags(&goal)
                )));
            }
            (false, false) => {
                let goals = if model == ErlangModel::B {
                    "--max-blocking or --max-occupancy"
                } else {
                    "--target with --threshold, --asa-target or --max-occupancy"
                };
                return Err(input(format!(
                    "{staff_flag} is missing: give the staffing to evaluate, or a goal \
                     ({goals}) to solve for the fewest that meets it"
                )));
            }
            _ => {}
        }

        Ok(Settings {
            model,
            calls,
            per_s,
            aht_s,
            load,
            agents,
            lines,
            threshold_s,
            patience_s,
            goal,
            shrinkage,
            sl_of,
        })
    }

    fn evaluate(&self) -> Result<Report> {
        let agents = match self.agents {
            Some(n) => n,
            None => self.solve()?,
        };
        let t = self.threshold_s.unwrap_or(0.0);
        let mut r = Report {
            header: self.header(agents),
            ..Report::default()
        };
        r.push(Figure::text("model", self.model_key()));
        let staff_meaning = if self.agents.is_some() {
            "given".to_string()
        } else {
            format!("the fewest meeting {}", self.goal_words())
        };
        match self.model {
            ErlangModel::B => {
                r.push(Figure::count("agents", "Lines", agents, &staff_meaning));
                r.push(Figure::json("lines", agents.into()));
            }
            _ => r.push(Figure::count(
                "agents",
                "Agents on the phones",
                agents,
                &staff_meaning,
            )),
        }
        if let Some(sh) = self.shrinkage {
            let scheduled = erlang::scheduled_agents(agents, sh).map_err(math_error)?;
            r.push(Figure::count(
                "scheduled_agents",
                "Agents to schedule",
                scheduled,
                &format!(
                    "so that {agents} remain on the phones after {:.1}% shrinkage",
                    sh * 100.0
                ),
            ));
            r.push(Figure::json("shrinkage", sh.into()));
        }
        if let Some(k) = self.lines {
            r.push(Figure::count(
                "lines",
                "Lines",
                k,
                "most calls in the centre; the next caller gets a busy signal",
            ));
        }
        r.push(Figure::number(
            "load_erlangs",
            "Offered load",
            self.load,
            format!("{:.3}", self.load),
            "Erlangs: agents' worth of work arriving (calls per second × AHT)",
        ));
        let no_t = self.threshold_s.is_none();
        let tw = self
            .threshold_s
            .map_or_else(|| "the threshold".to_string(), format_duration);
        let answered_in_t = |v: f64| if no_t { None } else { Some(v) };
        match (self.model, self.lines) {
            (ErlangModel::B, _) => {
                let b = erlang::erlang_b(self.load, agents).map_err(math_error)?;
                r.push(Figure::pct(
                    "occupancy",
                    "Occupancy",
                    Some(b.occupancy),
                    "share of line time carrying calls",
                ));
                r.push(Figure::pct(
                    "blocking_prob",
                    "Blocked",
                    Some(b.blocking_prob),
                    "callers who find every line busy and are lost",
                ));
            }
            (ErlangModel::C, None) => {
                let c = erlang::erlang_c(self.load, agents, self.aht_s, t)
                    .map_err(|e| self.unstable(e))?;
                r.push(Figure::pct(
                    "occupancy",
                    "Occupancy",
                    Some(c.occupancy),
                    "share of agent time spent on calls",
                ));
                r.push(Figure::pct(
                    "prob_wait",
                    "Wait at all",
                    Some(c.prob_wait),
                    "callers who find every agent busy",
                ));
                r.push(Figure::secs(
                    "asa_s",
                    "Average speed of answer",
                    Some(c.asa_s),
                    "mean wait of all calls, zero waits included",
                ));
                r.push(Figure::pct(
                    "service_level",
                    "Service level",
                    answered_in_t(c.service_level),
                    &format!("calls {}", self.t_words()),
                ));
                r.push(Figure::pct(
                    "prob_wait_gt_t",
                    "Wait longer",
                    answered_in_t(c.prob_wait_gt_t),
                    &format!("calls waiting more than {tw}"),
                ));
                r.push(Figure::secs(
                    "mean_wait_given_wait_s",
                    "Mean wait of waiters",
                    Some(c.mean_wait_given_wait_s),
                    "mean wait of the callers who wait",
                ));
                r.push(Figure::number(
                    "mean_queue_len",
                    "Queue length",
                    c.mean_queue_len,
                    format!("{:.3}", c.mean_queue_len),
                    "mean number of callers waiting",
                ));
                r.push(Figure::number(
                    "mean_in_system",
                    "Calls in the centre",
                    c.mean_in_system,
                    format!("{:.3}", c.mean_in_system),
                    "mean number talking or waiting",
                ));
            }
            (ErlangModel::C, Some(k)) => {
                let m = erlang::mmck(self.load, agents, k, self.aht_s, t).map_err(math_error)?;
                r.push(Figure::pct(
                    "occupancy",
                    "Occupancy",
                    Some(m.occupancy),
                    "share of agent time spent on calls",
                ));
                r.push(Figure::pct(
                    "prob_block",
                    "Blocked",
                    Some(m.prob_block),
                    "callers who find every line taken and get a busy signal",
                ));
                r.push(Figure::pct(
                    "prob_wait",
                    "Wait at all",
                    Some(m.prob_wait_admitted),
                    "admitted callers who find every agent busy",
                ));
                r.push(Figure::secs(
                    "asa_s",
                    "Average speed of answer",
                    Some(m.mean_wait_admitted_s),
                    "mean wait of admitted calls, zero waits included",
                ));
                let sl = match self.sl_of {
                    SlOf::Answered => m.sl_admitted,
                    SlOf::Offered | SlOf::ExclShortAbandons => m.sl_offered,
                };
                r.push(Figure::pct(
                    "service_level",
                    "Service level",
                    answered_in_t(sl),
                    &format!("{} ({})", self.t_words(), self.sl_words()),
                ));
                r.push(Figure::pct(
                    "sl_offered",
                    "  of offered",
                    answered_in_t(m.sl_offered),
                    &format!("answered within {tw} ÷ all callers, blocked ones failing"),
                ));
                r.push(Figure::pct(
                    "sl_admitted",
                    "  of admitted",
                    answered_in_t(m.sl_admitted),
                    &format!("answered within {tw} ÷ callers who got a line"),
                ));
                r.push(Figure::secs(
                    "mean_wait_given_wait_s",
                    "Mean wait of waiters",
                    m.mean_wait_given_wait_s,
                    "mean wait of the admitted callers who wait",
                ));
                r.push(Figure::number(
                    "mean_queue_len",
                    "Queue length",
                    m.mean_queue_len,
                    format!("{:.3}", m.mean_queue_len),
                    "mean number of callers waiting",
                ));
                r.push(Figure::number(
                    "mean_in_system",
                    "Calls in the centre",
                    m.mean_in_system,
                    format!("{:.3}", m.mean_in_system),
                    "mean number talking or waiting",
                ));
                let per_hour = m.throughput_per_s * 3600.0;
                r.push(Figure::number(
                    "throughput_per_hour",
                    "Calls carried",
                    per_hour,
                    format!("{per_hour:.1}/h"),
                    "admitted calls per hour",
                ));
            }
            (ErlangModel::A, _) => {
                let patience = self.patience_s.unwrap_or_default();
                let a = erlang::erlang_a(self.load, agents, self.aht_s, patience, t)
                    .map_err(math_error)?;
                r.push(Figure::pct(
                    "occupancy",
                    "Occupancy",
                    Some(a.occupancy),
                    "share of agent time spent on calls",
                ));
                r.push(Figure::pct(
                    "prob_wait",
                    "Wait at all",
                    Some(a.prob_wait),
                    "callers who find every agent busy",
                ));
                r.push(Figure::pct(
                    "prob_abandon",
                    "Hang up",
                    Some(a.prob_abandon),
                    "callers who hang up before an answer",
                ));
                r.push(Figure::secs(
                    "asa_s",
                    "Average speed of answer",
                    Some(a.mean_wait_served_s),
                    "mean wait of answered calls, zero waits included",
                ));
                r.push(Figure::pct(
                    "service_level",
                    "Service level",
                    answered_in_t(a.service_level(self.sl_of)),
                    &format!("{} ({})", self.t_words(), self.sl_words()),
                ));
                r.push(Figure::pct(
                    "sl_answered",
                    "  of answered",
                    answered_in_t(a.sl_answered),
                    &format!("answered within {tw} ÷ answered"),
                ));
                r.push(Figure::pct(
                    "sl_offered",
                    "  of offered",
                    answered_in_t(a.sl_offered),
                    &format!("answered within {tw} ÷ all callers"),
                ));
                r.push(Figure::pct(
                    "sl_excl_short_abandons",
                    "  excl. short hang-ups",
                    answered_in_t(a.sl_excl_short_abandons),
                    &format!("answered within {tw} ÷ callers who did not hang up within {tw}"),
                ));
                r.push(Figure::pct(
                    "prob_abandon_within_t",
                    "Short hang-ups",
                    answered_in_t(a.prob_abandon_within_t),
                    &format!("callers who hang up within {tw}"),
                ));
                r.push(Figure::pct(
                    "prob_wait_gt_t",
                    "Wait longer",
                    answered_in_t(a.prob_wait_gt_t),
                    &format!("callers still waiting after {tw} (answered or not)"),
                ));
                r.push(Figure::pct(
                    "prob_abandon_given_wait",
                    "Hang up if kept waiting",
                    Some(a.prob_abandon_given_wait),
                    "callers who wait and then hang up, ÷ callers who wait",
                ));
                r.push(Figure::secs(
                    "mean_wait_all_s",
                    "Mean wait, everyone",
                    Some(a.mean_wait_all_s),
                    "mean time before an answer or a hang-up, over all callers",
                ));
                r.push(Figure::secs(
                    "mean_wait_abandoned_s",
                    "Mean time to hang up",
                    Some(a.mean_wait_abandoned_s),
                    "mean wait of the callers who hang up",
                ));
                r.push(Figure::secs(
                    "mean_virtual_wait_s",
                    "Mean wait if patient",
                    Some(a.mean_virtual_wait_s),
                    "mean wait a caller who never hangs up would have",
                ));
                r.push(Figure::number(
                    "mean_queue_len",
                    "Queue length",
                    a.mean_queue_len,
                    format!("{:.3}", a.mean_queue_len),
                    "mean number of callers waiting",
                ));
            }
        }
        // Inputs, for the record (JSON only).
        r.push(Figure::json("calls", self.calls.into()));
        r.push(Figure::json("per_s", self.per_s.into()));
        r.push(Figure::json("aht_s", self.aht_s.into()));
        r.push(Figure::json(
            "threshold_s",
            self.threshold_s.map_or(Value::Null, Value::from),
        ));
        if let Some(p) = self.patience_s {
            r.push(Figure::json("patience_s", p.into()));
        }
        if self.model != ErlangModel::B {
            r.push(Figure::text("sl_of", sl_of_key(self.sl_of)));
        }
        r.push(Figure::json("solved", (self.agents.is_none()).into()));
        if let Some(sl) = self.goal.service_level {
            r.push(Figure::json("target", sl.target.into()));
        }
        if let Some(v) = self.goal.max_asa_s {
            r.push(Figure::json("asa_target_s", v.into()));
        }
        if let Some(v) = self.goal.max_occupancy {
            r.push(Figure::json("max_occupancy", v.into()));
        }
        if let Some(v) = self.goal.max_blocking {
            r.push(Figure::json("max_blocking", v.into()));
        }
        if no_t && self.model != ErlangModel::B {
            r.footer =
                Some("Service-level figures need --threshold (e.g. --threshold 20s).".into());
        }
        Ok(r)
    }

    fn solve(&self) -> Result<u32> {
        let g = &self.goal;
        let found = match (self.model, self.lines) {
            (ErlangModel::B, _) => erlang::required_lines_b(self.load, g),
            (ErlangModel::C, None) => erlang::required_agents_c(self.load, self.aht_s, g),
            (ErlangModel::C, Some(k)) => erlang::required_agents_mmck(self.load, self.aht_s, k, g),
            (ErlangModel::A, _) => erlang::required_agents_a(
                self.load,
                self.aht_s,
                self.patience_s.unwrap_or_default(),
                g,
            ),
        };
        found.map_err(|e| match e {
            ErlangError::Unreachable { max_agents } => {
                let limit = match self.lines {
                    Some(k) if max_agents == k => format!(
                        "even {k} agents (one per line of --lines {k}) fall short; raise --lines"
                    ),
                    _ => format!("no staffing up to {max_agents} agents meets it"),
                };
                input(format!(
                    "{} ({}) cannot be met for {} Erlangs of load: {limit}",
                    goal_flags(g),
                    self.goal_words(),
                    show(self.load)
                ))
            }
            other => math_error(other),
        })
    }

    /// Maps Erlang C's instability to a message naming the flags involved.
    fn unstable(&self, e: ErlangError) -> Error {
        match e {
            ErlangError::Unstable { load, agents } => input(format!(
                "--agents {agents} cannot keep up: {} calls per {} with an AHT of {} is {load:.3} \
                 Erlangs of load, and in erlang c (callers wait without limit) the queue grows \
                 forever unless agents exceed the load; use more agents, add --lines for a \
                 finite queue, or use erlang a with --patience",
                self.calls,
                format_duration(self.per_s),
                format_duration(self.aht_s),
            )),
            other => math_error(other),
        }
    }

    fn model_key(&self) -> &'static str {
        match (self.model, self.lines) {
            (ErlangModel::B, _) => "erlang_b",
            (ErlangModel::C, None) => "erlang_c",
            (ErlangModel::C, Some(_)) => "mmck",
            (ErlangModel::A, _) => "erlang_a",
        }
    }

    fn header(&self, agents: u32) -> String {
        let name = match (self.model, self.lines) {
            (ErlangModel::B, _) => "Erlang B (lost calls, M/M/c/c)".to_string(),
            (ErlangModel::C, None) => "Erlang C (callers wait, M/M/c)".to_string(),
            (ErlangModel::C, Some(k)) => format!("Erlang C with {k} lines (M/M/c/K)"),
            (ErlangModel::A, _) => format!(
                "Erlang A (callers hang up after {} on average, M/M/c+M)",
                format_duration(self.patience_s.unwrap_or_default())
            ),
        };
        let staff = if self.model == ErlangModel::B {
            "lines"
        } else {
            "agents"
        };
        format!(
            "{name}: {} calls per {}, AHT {}, {agents} {staff}",
            self.calls,
            format_duration(self.per_s),
            format_duration(self.aht_s)
        )
    }

    fn t_words(&self) -> String {
        match self.threshold_s {
            Some(t) => format!("answered within {}", format_duration(t)),
            None => "answered within the threshold".into(),
        }
    }

    fn sl_words(&self) -> &'static str {
        match (self.model, self.sl_of) {
            (ErlangModel::C, SlOf::Answered) => "÷ admitted",
            (ErlangModel::C, _) => "÷ offered",
            (_, SlOf::Answered) => "÷ answered",
            (_, SlOf::Offered) => "÷ offered",
            (_, SlOf::ExclShortAbandons) => "÷ offered less short hang-ups",
        }
    }

    fn goal_words(&self) -> String {
        let g = &self.goal;
        let mut parts = Vec::new();
        if let Some(sl) = g.service_level {
            parts.push(format!(
                "service level ≥ {}% within {}",
                trim_num(sl.target * 100.0),
                format_duration(sl.threshold_s)
            ));
        }
        if let Some(v) = g.max_asa_s {
            parts.push(format!("ASA ≤ {}", format_duration(v)));
        }
        if let Some(v) = g.max_occupancy {
            parts.push(format!("occupancy ≤ {}%", trim_num(v * 100.0)));
        }
        if let Some(v) = g.max_blocking {
            parts.push(format!("blocking ≤ {}%", trim_num(v * 100.0)));
        }
        parts.join(", ")
    }
}

fn sl_of_key(of: SlOf) -> &'static str {
    match of {
        SlOf::Answered => "answered",
        SlOf::Offered => "offered",
        SlOf::ExclShortAbandons => "excl_short_abandons",
    }
}

/// The flags that make up a goal, for messages.
fn goal_flags(g: &Goal) -> String {
    let mut f = Vec::new();
    if g.service_level.is_some() {
        f.push("--target");
    }
    if g.max_asa_s.is_some() {
        f.push("--asa-target");
    }
    if g.max_occupancy.is_some() {
        f.push("--max-occupancy");
    }
    if g.max_blocking.is_some() {
        f.push("--max-blocking");
    }
    f.join(" and ")
}

/// A math error the validation above should have prevented, still reported as bad input.
fn math_error(e: ErlangError) -> Error {
    input(e.to_string())
}

/// Formats a number without trailing zeros: 80, 85.5.
fn trim_num(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One output figure: its JSON key and value, and optionally a line for people.
struct Figure {
    key: &'static str,
    value: Value,
    /// (label, formatted value, meaning) for the text output.
    human: Option<(String, String, String)>,
}

impl Figure {
    fn json(key: &'static str, value: Value) -> Figure {
        Figure {
            key,
            value,
            human: None,
        }
    }

    fn text(key: &'static str, value: &str) -> Figure {
        Figure::json(key, Value::from(value))
    }

    fn human(key: &'static str, value: Value, label: &str, shown: String, meaning: &str) -> Figure {
        Figure {
            key,
            value,
            human: Some((label.to_string(), shown, meaning.to_string())),
        }
    }

    fn count(key: &'static str, label: &str, n: u32, meaning: &str) -> Figure {
        Figure::human(key, n.into(), label, n.to_string(), meaning)
    }

    fn number(key: &'static str, label: &str, v: f64, shown: String, meaning: &str) -> Figure {
        Figure::human(key, v.into(), label, shown, meaning)
    }

    /// A fraction shown as a percentage; `None` (undefined) is JSON null and "n/a".
    fn pct(key: &'static str, label: &str, v: Option<f64>, meaning: &str) -> Figure {
        let shown = v.map_or("n/a".into(), |v| format!("{:.2}%", v * 100.0));
        Figure::human(
            key,
            v.map_or(Value::Null, Value::from),
            label,
            shown,
            meaning,
        )
    }

    /// Seconds shown as a duration; `None` is JSON null and "n/a".
    fn secs(key: &'static str, label: &str, v: Option<f64>, meaning: &str) -> Figure {
        let shown = v.map_or("n/a".into(), |v| {
            if v < 60.0 {
                format!("{v:.1}s")
            } else {
                format_duration(v)
            }
        });
        Figure::human(
            key,
            v.map_or(Value::Null, Value::from),
            label,
            shown,
            meaning,
        )
    }
}

/// The figures of one evaluation, in output order.
#[derive(Default)]
struct Report {
    header: String,
    figures: Vec<Figure>,
    footer: Option<String>,
}

impl Report {
    fn push(&mut self, f: Figure) {
        self.figures.push(f);
    }

    fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.header);
        let rows: Vec<_> = self
            .figures
            .iter()
            .filter_map(|f| f.human.as_ref())
            .collect();
        let lw = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let vw = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
        for (label, shown, meaning) in rows {
            out.push_str(&format!("  {label:<lw$}  {shown:>vw$}  {meaning}\n"));
        }
        if let Some(f) = &self.footer {
            out.push_str(f);
            out.push('\n');
        }
        out
    }

    fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.figures.len()))?;
        for f in &self.figures {
            map.serialize_entry(f.key, &f.value)?;
        }
        map.end()
    }
}
