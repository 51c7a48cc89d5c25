//! Staffing goals and the smallest staffing meeting them: what a goal asks for, how each
//! model's figures are judged against it, and the searches behind the `required_*`
//! functions.

use super::{
    ErlangA, ErlangB, ErlangC, ErlangError, MAX_AGENTS, Mmck, check_agents, check_load,
    check_non_negative, check_positive, erlang_a, erlang_b, erlang_c, invalid, mmck,
};
use crate::model::SlDefinition;

/// A service-level goal: at least `target` of calls answered within `threshold_s`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceLevelGoal {
    /// T in seconds.
    pub threshold_s: f64,
    /// The fraction to reach, in (0, 1).
    pub target: f64,
    /// Which definition of service level.
    pub of: SlDefinition,
}

/// What a staffing must achieve; every part that is set must hold.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Goal {
    /// Service level of at least the target.
    pub service_level: Option<ServiceLevelGoal>,
    /// Mean wait of answered (admitted) calls at most this many seconds.
    pub max_asa_s: Option<f64>,
    /// Occupancy at most this fraction.
    pub max_occupancy: Option<f64>,
    /// Blocking probability at most this fraction (models with lines only).
    pub max_blocking: Option<f64>,
}

impl Goal {
    fn validate(&self) -> Result<(), ErlangError> {
        if self.service_level.is_none()
            && self.max_asa_s.is_none()
            && self.max_occupancy.is_none()
            && self.max_blocking.is_none()
        {
            return Err(invalid("goal", "at least one target", "none"));
        }
        if let Some(sl) = self.service_level {
            check_non_negative("threshold_s", sl.threshold_s)?;
            if !(sl.target > 0.0 && sl.target < 1.0) {
                return Err(invalid(
                    "target",
                    "a fraction above 0 and below 1",
                    sl.target,
                ));
            }
        }
        if let Some(v) = self.max_asa_s {
            check_positive("max_asa_s", v)?;
        }
        if let Some(v) = self.max_occupancy
            && !(v > 0.0 && v <= 1.0)
        {
            return Err(invalid(
                "max_occupancy",
                "a fraction above 0 and at most 1",
                v,
            ));
        }
        if let Some(v) = self.max_blocking
            && !(v > 0.0 && v < 1.0)
        {
            return Err(invalid("max_blocking", "a fraction above 0 and below 1", v));
        }
        Ok(())
    }

    /// The threshold to evaluate at: the goal's, or 0 when it has no service level.
    fn threshold(&self) -> f64 {
        self.service_level.map_or(0.0, |sl| sl.threshold_s)
    }

    fn holds(
        &self,
        sl: impl Fn(SlDefinition) -> f64,
        asa: f64,
        occupancy: f64,
        blocking: f64,
    ) -> bool {
        self.service_level.is_none_or(|g| sl(g.of) >= g.target)
            && self.max_asa_s.is_none_or(|m| asa <= m)
            && self.max_occupancy.is_none_or(|m| occupancy <= m)
            && self.max_blocking.is_none_or(|m| blocking <= m)
    }
}

impl ErlangB {
    /// Whether these figures meet `goal` (blocking and occupancy parts).
    pub fn meets(&self, goal: &Goal) -> bool {
        goal.holds(|_| 1.0, 0.0, self.occupancy, self.blocking_prob)
    }
}

impl ErlangC {
    /// Whether these figures meet `goal` (every service-level definition coincides).
    pub fn meets(&self, goal: &Goal) -> bool {
        goal.holds(|_| self.service_level, self.asa_s, self.occupancy, 0.0)
    }
}

impl Mmck {
    /// Whether these figures meet `goal`; `Answered` means ÷ admitted, the others ÷
    /// offered (no one abandons, so excluding short abandons changes nothing).
    pub fn meets(&self, goal: &Goal) -> bool {
        let sl = |of| match of {
            SlDefinition::Answered => self.sl_admitted,
            SlDefinition::Offered | SlDefinition::ExclShortAbandons => self.sl_offered,
        };
        goal.holds(
            sl,
            self.mean_wait_admitted_s,
            self.occupancy,
            self.prob_block,
        )
    }
}

impl ErlangA {
    /// The service level under definition `of`.
    pub fn service_level(&self, of: SlDefinition) -> f64 {
        match of {
            SlDefinition::Answered => self.sl_answered,
            SlDefinition::Offered => self.sl_offered,
            SlDefinition::ExclShortAbandons => self.sl_excl_short_abandons,
        }
    }

    /// Whether these figures meet `goal` (ASA is the mean wait of answered calls).
    pub fn meets(&self, goal: &Goal) -> bool {
        goal.holds(
            |of| self.service_level(of),
            self.mean_wait_served_s,
            self.occupancy,
            0.0,
        )
    }
}

/// The staffing above which no search goes: far enough past the load that waiting
/// probabilities underflow (so every target below 1 is met), and past load ÷ occupancy cap.
fn search_ceiling(load: f64, goal: &Goal) -> u32 {
    let mut hi = load + 60.0 * load.sqrt() + 100.0;
    if let Some(cap) = goal.max_occupancy {
        hi = hi.max(load / cap + 2.0);
    }
    hi.min(MAX_AGENTS as f64).ceil() as u32
}

/// Smallest n in [lo, hi] for which `meets` holds, assuming it holds for every n past the
/// first that does. Gallops from `guess` (up if it fails, down if it holds) to bracket the
/// answer, then bisects, so most evaluations happen near the answer, where Erlang A's
/// chains are short.
fn smallest_meeting(
    lo: u32,
    hi: u32,
    guess: u32,
    mut meets: impl FnMut(u32) -> Result<bool, ErlangError>,
) -> Result<u32, ErlangError> {
    if lo > hi {
        return Err(ErlangError::Unreachable { max_agents: hi });
    }
    let guess = guess.clamp(lo, hi);
    let mut step = 1u32;
    // Bracket: `bad` fails (or is below `lo`), `good` meets.
    let (mut bad, mut good) = if meets(guess)? {
        let mut good = guess;
        loop {
            if good == lo {
                return Ok(lo);
            }
            let cand = good.saturating_sub(step).max(lo);
            if !meets(cand)? {
                break (cand, good);
            }
            good = cand;
            step = step.saturating_mul(2);
        }
    } else {
        let mut bad = guess;
        loop {
            if bad == hi {
                return Err(ErlangError::Unreachable { max_agents: hi });
            }
            let cand = bad.saturating_add(step).min(hi);
            if meets(cand)? {
                break (bad, cand);
            }
            bad = cand;
            step = step.saturating_mul(2);
        }
    };
    while good - bad > 1 {
        let mid = bad + (good - bad) / 2;
        if meets(mid)? {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Ok(good)
}

/// A first guess for a search: the load rounded up, where service starts to be possible.
fn load_guess(load: f64) -> u32 {
    (load.ceil() as u32).max(1)
}

/// Fewest lines for Erlang B meeting `goal` (its `max_blocking` and `max_occupancy`).
/// Like every `required_*` function, a load of exactly zero needs none.
pub fn required_lines_b(load: f64, goal: &Goal) -> Result<u32, ErlangError> {
    goal.validate()?;
    if goal.service_level.is_some() || goal.max_asa_s.is_some() {
        return Err(invalid(
            "goal",
            "blocking or occupancy targets only (Erlang B has no queue)",
            "a waiting-time target",
        ));
    }
    if load == 0.0 {
        return Ok(0);
    }
    check_load(load)?;
    let hi = search_ceiling(load, goal);
    smallest_meeting(1, hi, load_guess(load), |n| {
        Ok(erlang_b(load, n)?.meets(goal))
    })
}

/// Fewest agents for Erlang C meeting `goal`, for `load` Erlangs and mean handle time
/// `aht_s` (e.g. one planning interval: load = calls × AHT ÷ interval length).
pub fn required_agents_c(load: f64, aht_s: f64, goal: &Goal) -> Result<u32, ErlangError> {
    check_positive("aht_s", aht_s)?;
    goal.validate()?;
    if load == 0.0 {
        return Ok(0);
    }
    check_load(load)?;
    let t = goal.threshold();
    let lo = (load.floor() as u32).saturating_add(1); // the least stable staffing
    let hi = search_ceiling(load, goal);
    smallest_meeting(lo, hi, lo, |n| Ok(erlang_c(load, n, aht_s, t)?.meets(goal)))
}

/// Fewest agents for M/M/c/K with `lines` lines meeting `goal` (agents cannot exceed
/// lines).
pub fn required_agents_mmck(
    load: f64,
    aht_s: f64,
    lines: u32,
    goal: &Goal,
) -> Result<u32, ErlangError> {
    check_positive("aht_s", aht_s)?;
    check_agents("lines", lines)?;
    goal.validate()?;
    if load == 0.0 {
        return Ok(0);
    }
    check_load(load)?;
    let t = goal.threshold();
    let hi = search_ceiling(load, goal).min(lines);
    smallest_meeting(1, hi, load_guess(load), |n| {
        Ok(mmck(load, n, lines, aht_s, t)?.meets(goal))
    })
}

/// Fewest agents for Erlang A meeting `goal`, for `load` Erlangs, mean handle time
/// `aht_s` and mean patience `patience_s`.
pub fn required_agents_a(
    load: f64,
    aht_s: f64,
    patience_s: f64,
    goal: &Goal,
) -> Result<u32, ErlangError> {
    check_positive("aht_s", aht_s)?;
    check_positive("patience_s", patience_s)?;
    goal.validate()?;
    if load == 0.0 {
        return Ok(0);
    }
    check_load(load)?;
    let t = goal.threshold();
    let hi = search_ceiling(load, goal);
    smallest_meeting(1, hi, load_guess(load), |n| {
        Ok(erlang_a(load, n, aht_s, patience_s, t)?.meets(goal))
    })
}

/// Agents to schedule so that `required` remain after `shrinkage` (the share of paid
/// time off the phones): the smallest n with n·(1 − shrinkage) ≥ required, ignoring
/// floating-point noise (so 7 at 30 % gives 10, not 11).
pub fn scheduled_agents(required: u32, shrinkage: f64) -> Result<u32, ErlangError> {
    if !(0.0..1.0).contains(&shrinkage) {
        return Err(invalid(
            "shrinkage",
            "a fraction of at least 0 and below 1",
            shrinkage,
        ));
    }
    let exact = required as f64 / (1.0 - shrinkage);
    let n = (exact * (1.0 - 1e-12)).ceil();
    if n > u32::MAX as f64 {
        return Err(invalid(
            "shrinkage",
            "a value leaving a schedulable number of agents",
            shrinkage,
        ));
    }
    Ok(n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinkage_rounds_up_without_float_noise() {
        assert_eq!(scheduled_agents(7, 0.3), Ok(10));
        assert_eq!(scheduled_agents(10, 0.3), Ok(15));
        assert_eq!(scheduled_agents(10, 0.0), Ok(10));
        assert!(scheduled_agents(10, 1.0).is_err());
    }

    #[test]
    fn zero_load_needs_no_agents() {
        let goal = Goal {
            max_asa_s: Some(20.0),
            ..Goal::default()
        };
        assert_eq!(required_agents_c(0.0, 180.0, &goal), Ok(0));
        assert_eq!(required_agents_a(0.0, 180.0, 60.0, &goal), Ok(0));
        assert!(required_agents_c(0.0, 180.0, &Goal::default()).is_err());
    }
}
