//! Settings in words: the header line, the threshold and goal as descriptions say them,
//! the flags of a goal for messages, and numbers formatted for people.

use crate::cli::erlang::ErlangModel;
use crate::duration::format_duration;
use crate::erlang::{Goal, SlDefinition};

use super::settings::Settings;

impl Settings {
    /// The JSON name of the model evaluated.
    pub(super) fn model_key(&self) -> &'static str {
        match (self.model, self.lines) {
            (ErlangModel::B, _) => "erlang_b",
            (ErlangModel::C, None) => "erlang_c",
            (ErlangModel::C, Some(_)) => "mmck",
            (ErlangModel::A, _) => "erlang_a",
        }
    }

    /// The first line of the text output: the model, the inputs and the staffing.
    pub(super) fn header(&self, agents: u32) -> String {
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

    /// The threshold as a duration, or "the threshold" when none was given.
    pub(super) fn threshold_words(&self) -> String {
        self.threshold_s
            .map_or_else(|| "the threshold".to_string(), format_duration)
    }

    pub(super) fn t_words(&self) -> String {
        match self.threshold_s {
            Some(t) => format!("answered within {}", format_duration(t)),
            None => "answered within the threshold".into(),
        }
    }

    /// What the service level is divided by, under `--sl-of`.
    pub(super) fn sl_words(&self) -> &'static str {
        match (self.model, self.sl_of) {
            (ErlangModel::C, SlDefinition::Answered) => "÷ admitted",
            (ErlangModel::C, _) => "÷ offered",
            (_, SlDefinition::Answered) => "÷ answered",
            (_, SlDefinition::Offered) => "÷ offered",
            (_, SlDefinition::ExclShortAbandons) => "÷ offered less short hang-ups",
        }
    }

    /// The goal in words: "service level ≥ 80% within 20s, occupancy ≤ 85%".
    pub(super) fn goal_words(&self) -> String {
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

/// The flags that make up a goal, for messages.
pub(super) fn goal_flags(g: &Goal) -> String {
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

/// A number for messages: plain for everyday sizes, scientific for extreme ones.
pub(super) fn show(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e7 || v.abs() < 1e-3) {
        format!("{v:.3e}")
    } else {
        format!("{v:.3}")
    }
}

/// Formats a number without trailing zeros: 80, 85.5.
fn trim_num(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
