//! Each model's own figures, in output order: evaluated with [`crate::erlang`] for the
//! staffing found, and described for people. Service-level figures are `None` (JSON null,
//! "n/a" in text) when no `--threshold` was given.

use crate::erlang::{self, ErlangA, Mmck, SlDefinition};
use crate::error::Result;

use super::math_error;
use super::report::{Figure, Report};
use super::settings::Settings;

impl Settings {
    /// The threshold to evaluate at: `--threshold`, or 0 when it was left out.
    fn threshold_or_zero(&self) -> f64 {
        self.threshold_s.unwrap_or(0.0)
    }

    /// A figure that depends on the threshold: defined only when one was given.
    fn if_threshold(&self, v: f64) -> Option<f64> {
        self.threshold_s.map(|_| v)
    }

    /// Erlang B: occupancy of the lines and blocking.
    pub(super) fn push_erlang_b(&self, r: &mut Report, agents: u32) -> Result<()> {
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
        Ok(())
    }

    /// Erlang C: waiting, service level and queue.
    pub(super) fn push_erlang_c(&self, r: &mut Report, agents: u32) -> Result<()> {
        let c = erlang::erlang_c(self.load, agents, self.aht_s, self.threshold_or_zero())
            .map_err(|e| self.unstable(e))?;
        r.push(agent_occupancy(c.occupancy));
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
            self.if_threshold(c.service_level),
            &format!("calls {}", self.t_words()),
        ));
        r.push(Figure::pct(
            "prob_wait_gt_t",
            "Wait longer",
            self.if_threshold(c.prob_wait_gt_t),
            &format!("calls waiting more than {}", self.threshold_words()),
        ));
        r.push(Figure::secs(
            "mean_wait_given_wait_s",
            "Mean wait of waiters",
            Some(c.mean_wait_given_wait_s),
            "mean wait of the callers who wait",
        ));
        r.push(queue_length(c.mean_queue_len));
        r.push(calls_in_centre(c.mean_in_system));
        Ok(())
    }

    /// M/M/c/K: blocking, waiting of admitted calls, service levels, queue and throughput.
    pub(super) fn push_mmck(&self, r: &mut Report, agents: u32, lines: u32) -> Result<()> {
        let m = erlang::mmck(
            self.load,
            agents,
            lines,
            self.aht_s,
            self.threshold_or_zero(),
        )
        .map_err(math_error)?;
        r.push(agent_occupancy(m.occupancy));
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
        self.push_mmck_service_levels(r, &m);
        r.push(Figure::secs(
            "mean_wait_given_wait_s",
            "Mean wait of waiters",
            m.mean_wait_given_wait_s,
            "mean wait of the admitted callers who wait",
        ));
        r.push(queue_length(m.mean_queue_len));
        r.push(calls_in_centre(m.mean_in_system));
        let per_hour = m.throughput_per_s * 3600.0;
        r.push(Figure::number(
            "throughput_per_hour",
            "Calls carried",
            per_hour,
            format!("{per_hour:.1}/h"),
            "admitted calls per hour",
        ));
        Ok(())
    }

    /// M/M/c/K's service level under `--sl-of`, then of offered and of admitted calls.
    fn push_mmck_service_levels(&self, r: &mut Report, m: &Mmck) {
        let tw = self.threshold_words();
        let sl = match self.sl_of {
            SlDefinition::Answered => m.sl_admitted,
            SlDefinition::Offered | SlDefinition::ExclShortAbandons => m.sl_offered,
        };
        r.push(Figure::pct(
            "service_level",
            "Service level",
            self.if_threshold(sl),
            &format!("{} ({})", self.t_words(), self.sl_words()),
        ));
        r.push(Figure::pct(
            "sl_offered",
            "  of offered",
            self.if_threshold(m.sl_offered),
            &format!("answered within {tw} ÷ all callers, blocked ones failing"),
        ));
        r.push(Figure::pct(
            "sl_admitted",
            "  of admitted",
            self.if_threshold(m.sl_admitted),
            &format!("answered within {tw} ÷ callers who got a line"),
        ));
    }

    /// Erlang A: waiting and hanging up, service levels under every definition, and the
    /// waits of each kind of caller.
    pub(super) fn push_erlang_a(&self, r: &mut Report, agents: u32) -> Result<()> {
        let patience = self.patience_s.unwrap_or_default();
        let a = erlang::erlang_a(
            self.load,
            agents,
            self.aht_s,
            patience,
            self.threshold_or_zero(),
        )
        .map_err(math_error)?;
        r.push(agent_occupancy(a.occupancy));
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
        self.push_erlang_a_service_levels(r, &a);
        push_erlang_a_waits(r, &a);
        Ok(())
    }

    /// Erlang A's service level under `--sl-of`, under each definition, and the callers
    /// who hang up within or wait beyond the threshold.
    fn push_erlang_a_service_levels(&self, r: &mut Report, a: &ErlangA) {
        let tw = self.threshold_words();
        r.push(Figure::pct(
            "service_level",
            "Service level",
            self.if_threshold(a.service_level(self.sl_of)),
            &format!("{} ({})", self.t_words(), self.sl_words()),
        ));
        r.push(Figure::pct(
            "sl_answered",
            "  of answered",
            self.if_threshold(a.sl_answered),
            &format!("answered within {tw} ÷ answered"),
        ));
        r.push(Figure::pct(
            "sl_offered",
            "  of offered",
            self.if_threshold(a.sl_offered),
            &format!("answered within {tw} ÷ all callers"),
        ));
        r.push(Figure::pct(
            "sl_excl_short_abandons",
            "  excl. short hang-ups",
            self.if_threshold(a.sl_excl_short_abandons),
            &format!("answered within {tw} ÷ callers who did not hang up within {tw}"),
        ));
        r.push(Figure::pct(
            "prob_abandon_within_t",
            "Short hang-ups",
            self.if_threshold(a.prob_abandon_within_t),
            &format!("callers who hang up within {tw}"),
        ));
        r.push(Figure::pct(
            "prob_wait_gt_t",
            "Wait longer",
            self.if_threshold(a.prob_wait_gt_t),
            &format!("callers still waiting after {tw} (answered or not)"),
        ));
    }
}

/// Erlang A's hang-ups among waiting callers, the mean waits of each kind of caller and
/// the queue.
fn push_erlang_a_waits(r: &mut Report, a: &ErlangA) {
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
    r.push(queue_length(a.mean_queue_len));
}

/// Occupancy of agents (Erlang C, M/M/c/K and Erlang A).
fn agent_occupancy(v: f64) -> Figure {
    Figure::pct(
        "occupancy",
        "Occupancy",
        Some(v),
        "share of agent time spent on calls",
    )
}

fn queue_length(v: f64) -> Figure {
    Figure::number(
        "mean_queue_len",
        "Queue length",
        v,
        format!("{v:.3}"),
        "mean number of callers waiting",
    )
}

fn calls_in_centre(v: f64) -> Figure {
    Figure::number(
        "mean_in_system",
        "Calls in the centre",
        v,
        format!("{v:.3}"),
        "mean number talking or waiting",
    )
}
