//! Evaluation: the staffing (given, or the fewest meeting the goal), then every figure
//! in output order: staffing, load, the model's own figures, and the inputs (JSON only).

use serde_json::Value;

use crate::cli::erlang::ErlangModel;
use crate::duration::format_duration;
use crate::erlang::{self, ErlangError};
use crate::error::{Error, Result};

use super::report::{Figure, Report};
use super::settings::Settings;
use super::words::{goal_flags, show};
use super::{input, math_error};

impl Settings {
    /// Evaluates the given staffing, or the fewest meeting the goal, into a report.
    pub(super) fn evaluate(&self) -> Result<Report> {
        let agents = match self.agents {
            Some(n) => n,
            None => self.solve()?,
        };
        let mut r = Report::new(self.header(agents));
        r.push(Figure::text("model", self.model_key()));
        self.push_staffing(&mut r, agents)?;
        r.push(Figure::number(
            "load_erlangs",
            "Offered load",
            self.load,
            format!("{:.3}", self.load),
            "Erlangs: agents' worth of work arriving (calls per second × AHT)",
        ));
        match (self.model, self.lines) {
            (ErlangModel::B, _) => self.push_erlang_b(&mut r, agents)?,
            (ErlangModel::C, None) => self.push_erlang_c(&mut r, agents)?,
            (ErlangModel::C, Some(k)) => self.push_mmck(&mut r, agents, k)?,
            (ErlangModel::A, _) => self.push_erlang_a(&mut r, agents)?,
        }
        self.push_inputs(&mut r);
        if self.threshold_s.is_none() && self.model != ErlangModel::B {
            r.footer =
                Some("Service-level figures need --threshold (e.g. --threshold 20s).".into());
        }
        Ok(r)
    }

    /// Agents (Erlang B: lines) and how they were found; the agents to schedule after
    /// shrinkage; M/M/c/K's lines.
    fn push_staffing(&self, r: &mut Report, agents: u32) -> Result<()> {
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
        Ok(())
    }

    /// The inputs and the goal, for the record (JSON only).
    fn push_inputs(&self, r: &mut Report) {
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
            r.push(Figure::text("sl_of", self.sl_of.key()));
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
    }

    /// The fewest agents (Erlang B: lines) meeting the goal.
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
            ErlangError::Unreachable { max_agents } => self.unreachable(max_agents),
            other => math_error(other),
        })
    }

    /// No staffing up to `max_agents` meets the goal: says which flags ask too much.
    fn unreachable(&self, max_agents: u32) -> Error {
        let limit = match self.lines {
            Some(k) if max_agents == k => {
                format!("even {k} agents (one per line of --lines {k}) fall short; raise --lines")
            }
            _ => format!("no staffing up to {max_agents} agents meets it"),
        };
        input(format!(
            "{} ({}) cannot be met for {} Erlangs of load: {limit}",
            goal_flags(&self.goal),
            self.goal_words(),
            show(self.load)
        ))
    }

    /// Maps Erlang C's instability to a message naming the flags involved.
    pub(super) fn unstable(&self, e: ErlangError) -> Error {
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
}
