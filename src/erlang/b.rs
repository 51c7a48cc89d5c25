//! Erlang B (M/M/c/c): lost calls.

use super::{ErlangError, check_agents, check_load, idle_mass};

/// Erlang B (M/M/c/c): calls that find every line busy are lost.
#[derive(Clone, Debug, PartialEq)]
pub struct ErlangB {
    /// Offered load in Erlangs.
    pub load_erlangs: f64,
    /// Lines, each able to carry one call (here also the agents).
    pub lines: u32,
    /// Share of callers who find every line busy.
    pub blocking_prob: f64,
    /// Carried load ÷ lines.
    pub occupancy: f64,
}

/// Erlang B for `load` Erlangs offered to `lines` lines.
pub fn erlang_b(load: f64, lines: u32) -> Result<ErlangB, ErlangError> {
    check_load(load)?;
    check_agents("lines", lines)?;
    let idle = idle_mass(load, lines);
    // B = 1/(1 + R) and 1 − B = 1/(1 + 1/R), each without cancellation.
    let blocking_prob = 1.0 / (1.0 + idle.value());
    let carried_share = 1.0 / (1.0 + idle.recip().value());
    Ok(ErlangB {
        load_erlangs: load,
        lines,
        blocking_prob,
        occupancy: load * carried_share / lines as f64,
    })
}
