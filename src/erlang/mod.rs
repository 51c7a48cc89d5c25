//! Exact analytic Erlang B, C, A and M/M/c/K: steady-state figures for Poisson arrivals
//! and exponential handle times (Erlang A adds exponential patience), and the smallest
//! staffing that meets a goal. Pure math, no I/O; `ccsim erlang` and the analytic
//! `ccsim staff` methods are thin layers over this module.
//!
//! Numerics, because textbook formulas fail long before a 5,000-agent centre:
//! * `a^c / c!` is never formed. The idle part of every model comes from the Erlang B
//!   recursion, and every chain of terms is built from ratios of neighbours, carried as a
//!   mantissa times a power of two (`Scaled`) so that nothing overflows or underflows.
//! * Erlang A's queue is an infinite birth-death chain. It is summed term by term until a
//!   geometric bound on the rest is negligible against the queue's own sums (not against
//!   the largest state probability), so the closed form's `e^(λ/θ)` never appears.
//!   Waiting-time probabilities use the identity `P(V > t | queue) = u^s e^{x(1-u)}
//!   Q(xu) / Q(x)` (the incomplete gamma ratio written as two chains), and, where `1 − P`
//!   would cancel, an equivalent sum of positive terms over a negative binomial count.
//! * M/M/c/K with load equal to agents has no 0/0: the finite queue is summed, not taken
//!   from the geometric closed form.
//!
//! Every figure is checked against `tests/data/erlang-grid.csv` to 1e-9
//! relative in `tests/erlang.rs`.

mod a;
mod b;
mod c;
mod goal;
mod mmck;
mod scaled;

use std::fmt;

/// The service-level definition of the model, re-exported: the calculators speak of it too.
pub use crate::model::SlDefinition;
pub use a::{ErlangA, erlang_a};
pub use b::{ErlangB, erlang_b};
pub use c::{ErlangC, erlang_c};
pub use goal::{
    Goal, ServiceLevelGoal, required_agents_a, required_agents_c, required_agents_mmck,
    required_lines_b, scheduled_agents,
};
pub use mmck::{Mmck, mmck};

use scaled::Scaled;

/// Most agents (or lines) any calculation or search will consider: the Erlang B
/// recursion is linear in it, and no real centre is larger.
pub const MAX_AGENTS: u32 = 1_000_000;

/// Least load accepted: keeps every chain ratio a normal double.
const MIN_LOAD: f64 = 1e-12;

/// Most terms of the negative binomial sums (used to avoid cancellation) beyond the
/// queue chain's own length; past this the plain complement is used instead (still
/// finite, only less precise when the figure is below about 1e-7).
const MAX_COUNT_TERMS: usize = 200_000;

/// Why a calculation could not be done; worded for people, without flag names (the
/// command layer adds those).
#[derive(Debug, Clone, PartialEq)]
pub enum ErlangError {
    /// A parameter is outside its domain (negative, zero, NaN, too large).
    Invalid {
        /// The parameter's name as the API calls it (`load`, `agents`, `aht_s`, ...).
        name: &'static str,
        /// What was expected, in words.
        expected: String,
        /// The value received.
        found: String,
    },
    /// Erlang C without a line limit and with load at or above agents: the queue grows
    /// without bound, so no steady state exists.
    Unstable {
        /// Offered load in Erlangs.
        load: f64,
        /// Agents.
        agents: u32,
    },
    /// No staffing up to the search ceiling meets the goal.
    Unreachable {
        /// The largest staffing tried.
        max_agents: u32,
    },
    /// The exact evaluation would need more work than is sensible.
    TooLarge(String),
}

impl fmt::Display for ErlangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErlangError::Invalid {
                name,
                expected,
                found,
            } => write!(f, "{name}: expected {expected}, found {found}"),
            ErlangError::Unstable { load, agents } => write!(
                f,
                "the queue is unstable: {load} Erlangs of load need more than {agents} \
                 agents (load must be below agents when callers wait without limit)"
            ),
            ErlangError::Unreachable { max_agents } => {
                write!(f, "no staffing up to {max_agents} agents meets the goal")
            }
            ErlangError::TooLarge(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ErlangError {}

fn invalid(name: &'static str, expected: &str, found: impl fmt::Display) -> ErlangError {
    ErlangError::Invalid {
        name,
        expected: expected.to_string(),
        found: found.to_string(),
    }
}

fn check_positive(name: &'static str, v: f64) -> Result<(), ErlangError> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(invalid(name, "a finite number above zero", v))
    }
}

fn check_non_negative(name: &'static str, v: f64) -> Result<(), ErlangError> {
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(invalid(name, "a finite number of zero or more", v))
    }
}

fn check_agents(name: &'static str, c: u32) -> Result<(), ErlangError> {
    if (1..=MAX_AGENTS).contains(&c) {
        Ok(())
    } else {
        Err(invalid(
            name,
            &format!("a whole number from 1 to {MAX_AGENTS}"),
            c,
        ))
    }
}

fn check_load(load: f64) -> Result<(), ErlangError> {
    check_positive("load", load)?;
    if load < MIN_LOAD {
        return Err(invalid(
            "load",
            &format!("at least {MIN_LOAD} Erlangs"),
            load,
        ));
    }
    if load > MAX_AGENTS as f64 {
        return Err(invalid(
            "load",
            &format!("at most {MAX_AGENTS} Erlangs"),
            load,
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Shared building blocks
// ---------------------------------------------------------------------------------------

/// Offered load in Erlangs from calls per period and mean handle time: the number of
/// agents the arriving work would keep busy.
pub fn offered_load(calls: f64, period_s: f64, aht_s: f64) -> f64 {
    calls * aht_s / period_s
}

/// Σ_{n<c} π_n / π_c for Poisson states `π_n ∝ a^n/n!`: the states with an idle agent,
/// relative to the state with all `c` busy. Equals `1/B(a,c) − 1` and comes from the
/// stable Erlang B recursion `r_n = 1 + (n/a) r_{n−1}`.
fn idle_mass(load: f64, agents: u32) -> Scaled {
    let mut r = Scaled::ONE;
    for n in 1..agents {
        r = r.mul(n as f64 / load).add(Scaled::ONE);
    }
    r.mul(agents as f64 / load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_blocking_underflows_to_zero_not_nan() {
        let b = erlang_b(100.0, 5000).unwrap();
        assert_eq!(b.blocking_prob, 0.0);
        assert!((b.occupancy - 0.02).abs() < 1e-15);
        let c = erlang_c(100.0, 5000, 180.0, 20.0).unwrap();
        assert_eq!(c.prob_wait, 0.0);
        assert_eq!(c.service_level, 1.0);
    }
}
