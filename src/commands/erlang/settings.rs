//! The flags of `ccsim erlang` checked against each other and against the model, into
//! [`Settings`]. When several flags are wrong, the first in this order is reported:
//! `--calls`, `--per`, `--aht`, the load they give, the optional flags in the order
//! of [`Flags::parse`], what the model rules out, then the staffing or goal.

use crate::cli::erlang::{ErlangFlags, ErlangModel};
use crate::erlang::{self, Goal, MAX_AGENTS, ServiceLevelGoal, SlDefinition};
use crate::error::Result;

use super::flags::{count_flag, fraction_flag, parse_duration_flag, positive_duration, reject};
use super::input;
use super::words::{goal_flags, show};

/// Validated settings: every value checked, every flag combination consistent.
pub(super) struct Settings {
    pub(super) model: ErlangModel,
    pub(super) calls: f64,
    pub(super) per_s: f64,
    pub(super) aht_s: f64,
    pub(super) load: f64,
    /// Fixed agents (Erlang B: lines); `None` means solve with `goal`.
    pub(super) agents: Option<u32>,
    /// M/M/c/K lines (Erlang C only).
    pub(super) lines: Option<u32>,
    pub(super) threshold_s: Option<f64>,
    pub(super) patience_s: Option<f64>,
    pub(super) goal: Goal,
    pub(super) shrinkage: Option<f64>,
    pub(super) sl_of: SlDefinition,
}

impl Settings {
    pub(super) fn from_args(model: ErlangModel, args: &ErlangFlags) -> Result<Settings> {
        let calls = calls(args.calls)?;
        let per_s = period(&args.per)?;
        let aht_s = handle_time(&args.aht)?;
        let load = checked_load(calls, per_s, aht_s)?;
        let mut flags = Flags::parse(args)?;
        flags.check_against_model(model, args.sl_of.is_some())?;
        let goal = flags.goal()?;
        check_staffing_or_goal(model, flags.agents, &goal)?;
        Ok(Settings {
            model,
            calls,
            per_s,
            aht_s,
            load,
            agents: flags.agents,
            lines: flags.lines,
            threshold_s: flags.threshold_s,
            patience_s: flags.patience_s,
            goal,
            shrinkage: flags.shrinkage,
            sl_of: flags.sl_of,
        })
    }
}

/// `--calls`: required, above zero.
fn calls(v: Option<f64>) -> Result<f64> {
    match v {
        None => Err(input(
            "--calls is missing: expected the number of calls arriving per --per \
             period, e.g. --calls 480 --per 1h",
        )),
        Some(v) if v.is_finite() && v > 0.0 => Ok(v),
        Some(v) => Err(input(format!(
            "--calls: expected a number of calls above zero, found {v}"
        ))),
    }
}

/// `--per`: required, above zero.
fn period(text: &Option<String>) -> Result<f64> {
    positive_duration("--per", text, "the period --calls covers", "1h")?
        .ok_or_else(|| input("--per is missing: expected the period --calls covers, e.g. --per 1h"))
}

/// `--aht`: required, above zero.
fn handle_time(text: &Option<String>) -> Result<f64> {
    positive_duration("--aht", text, "an average handle time", "4m")?
        .ok_or_else(|| input("--aht is missing: expected the average handle time, e.g. --aht 240s"))
}

/// The offered load of `--calls`, `--per` and `--aht`, within what the formulas accept.
fn checked_load(calls: f64, per_s: f64, aht_s: f64) -> Result<f64> {
    let load = erlang::offered_load(calls, per_s, aht_s);
    if !(load.is_finite() && load >= 1e-12 && load <= MAX_AGENTS as f64) {
        return Err(input(format!(
            "--calls, --per and --aht give an offered load of {} Erlangs: expected \
             between 1e-12 and {MAX_AGENTS}",
            show(load)
        )));
    }
    Ok(load)
}

/// `--threshold`: a duration of zero or more.
fn threshold(text: &Option<String>) -> Result<Option<f64>> {
    let threshold_s = parse_duration_flag("--threshold", text, "a service-level threshold", "20s")?;
    if let Some(t) = threshold_s
        && t < 0.0
    {
        return Err(input(format!(
            "--threshold: expected a time of zero or more, found {}",
            text.as_deref().unwrap_or_default()
        )));
    }
    Ok(threshold_s)
}

/// The optional flags, each valid on its own but not yet checked against the model.
struct Flags {
    threshold_s: Option<f64>,
    patience_s: Option<f64>,
    agents: Option<u32>,
    lines: Option<u32>,
    target: Option<f64>,
    max_asa_s: Option<f64>,
    max_occupancy: Option<f64>,
    max_blocking: Option<f64>,
    shrinkage: Option<f64>,
    sl_of: SlDefinition,
}

impl Flags {
    /// Parses the optional flags in the order their errors are reported (the fields of a
    /// struct expression are evaluated in the order written).
    fn parse(args: &ErlangFlags) -> Result<Flags> {
        Ok(Flags {
            threshold_s: threshold(&args.threshold)?,
            patience_s: positive_duration("--patience", &args.patience, "a mean patience", "2m")?,
            agents: count_flag("--agents", args.agents, "the agents on the phones")?,
            lines: count_flag("--lines", args.lines, "the number of lines")?,
            target: fraction_flag(
                "--target",
                &args.target,
                |v| v > 0.0 && v < 1.0,
                "above 0 and below 1",
            )?,
            max_asa_s: positive_duration(
                "--asa-target",
                &args.asa_target,
                "a mean wait of answered calls",
                "30s",
            )?,
            max_occupancy: fraction_flag(
                "--max-occupancy",
                &args.max_occupancy,
                |v| v > 0.0 && v <= 1.0,
                "above 0 and at most 1",
            )?,
            max_blocking: fraction_flag(
                "--max-blocking",
                &args.max_blocking,
                |v| v > 0.0 && v < 1.0,
                "above 0 and below 1",
            )?,
            shrinkage: fraction_flag(
                "--shrinkage",
                &args.shrinkage,
                |v| (0.0..1.0).contains(&v),
                "of at least 0 and below 1",
            )?,
            sl_of: args.sl_of.unwrap_or_default(),
        })
    }

    /// Rejects the flags `model` has no use for, or that contradict each other in it.
    fn check_against_model(&mut self, model: ErlangModel, sl_of_given: bool) -> Result<()> {
        match model {
            ErlangModel::B => self.check_erlang_b(sl_of_given),
            ErlangModel::C => self.check_erlang_c(),
            ErlangModel::A => self.check_erlang_a(),
        }
    }

    /// Erlang B has no queue. Its lines and agents are one number, kept in `agents`.
    fn check_erlang_b(&mut self, sl_of_given: bool) -> Result<()> {
        let why = "erlang b has no queue: a call finding every line busy is lost";
        reject("--threshold", self.threshold_s.is_some(), why)?;
        reject("--target", self.target.is_some(), why)?;
        reject("--asa-target", self.max_asa_s.is_some(), why)?;
        reject("--sl-of", sl_of_given, why)?;
        reject(
            "--patience",
            self.patience_s.is_some(),
            "erlang b has no waiting callers to hang up (see erlang a)",
        )?;
        // Each line carries one call, so lines and agents are the same number.
        self.agents = match (self.agents, self.lines) {
            (Some(a), Some(l)) if a != l => {
                return Err(input(format!(
                    "--agents {a} and --lines {l} contradict each other: in erlang b \
                     every line is answered by an agent; give only --lines"
                )));
            }
            (a, l) => l.or(a),
        };
        self.lines = None;
        Ok(())
    }

    /// Erlang C: callers never hang up; blocking needs `--lines`, which hold the agents.
    fn check_erlang_c(&self) -> Result<()> {
        reject(
            "--patience",
            self.patience_s.is_some(),
            "erlang c assumes callers wait as long as it takes; use erlang a for \
             callers who hang up",
        )?;
        reject(
            "--max-blocking",
            self.max_blocking.is_some() && self.lines.is_none(),
            "without --lines erlang c blocks nobody",
        )?;
        if let (Some(a), Some(l)) = (self.agents, self.lines)
            && l < a
        {
            return Err(input(format!(
                "--lines: expected at least --agents ({a}): lines hold the calls \
                 being answered plus those waiting, found {l}"
            )));
        }
        Ok(())
    }

    /// Erlang A needs a patience and has no lines.
    fn check_erlang_a(&self) -> Result<()> {
        if self.patience_s.is_none() {
            return Err(input(
                "--patience is missing: erlang a needs the mean time a waiting \
                 caller holds before hanging up, e.g. --patience 2m",
            ));
        }
        reject(
            "--lines",
            self.lines.is_some(),
            "erlang a has no line limit (use erlang c --lines for M/M/c/K)",
        )?;
        reject(
            "--max-blocking",
            self.max_blocking.is_some(),
            "erlang a blocks nobody",
        )
    }

    /// The goal the targets make up (empty when none is given); a service-level target
    /// needs a threshold.
    fn goal(&self) -> Result<Goal> {
        if self.target.is_some() && self.threshold_s.is_none() {
            return Err(input(
                "--target needs --threshold: the time within which a call counts as \
                 answered in time, e.g. --threshold 20s --target 0.8",
            ));
        }
        Ok(Goal {
            service_level: self.target.map(|target| ServiceLevelGoal {
                threshold_s: self.threshold_s.unwrap_or(0.0),
                target,
                of: self.sl_of,
            }),
            max_asa_s: self.max_asa_s,
            max_occupancy: self.max_occupancy,
            max_blocking: self.max_blocking,
        })
    }
}

/// Either a staffing to evaluate or a goal to solve for: not both, not neither.
fn check_staffing_or_goal(model: ErlangModel, agents: Option<u32>, goal: &Goal) -> Result<()> {
    let solving = *goal != Goal::default();
    let staff_flag = if model == ErlangModel::B {
        "--lines"
    } else {
        "--agents"
    };
    match (agents.is_some(), solving) {
        (true, true) => Err(input(format!(
            "{staff_flag} and {} contradict each other: {staff_flag} fixes the \
             staffing while a goal asks ccsim to find it; give one or the other",
            goal_flags(goal)
        ))),
        (false, false) => {
            let goals = if model == ErlangModel::B {
                "--max-blocking or --max-occupancy"
            } else {
                "--target with --threshold, --asa-target or --max-occupancy"
            };
            Err(input(format!(
                "{staff_flag} is missing: give the staffing to evaluate, or a goal \
                 ({goals}) to solve for the fewest that meets it"
            )))
        }
        _ => Ok(()),
    }
}
