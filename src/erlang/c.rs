//! Erlang C (M/M/c): callers wait without limit.

use super::{ErlangError, check_agents, check_load, check_non_negative, check_positive, idle_mass};

/// Erlang C (M/M/c): every caller waits as long as it takes, first come first served.
#[derive(Clone, Debug, PartialEq)]
pub struct ErlangC {
    /// Offered load in Erlangs.
    pub load_erlangs: f64,
    /// Agents.
    pub agents: u32,
    /// Mean handle time in seconds.
    pub aht_s: f64,
    /// Service-level threshold T in seconds.
    pub threshold_s: f64,
    /// P(W > 0): share of callers who wait at all.
    pub prob_wait: f64,
    /// Mean wait over all callers, zero waits included.
    pub asa_s: f64,
    /// Mean wait of those who wait.
    pub mean_wait_given_wait_s: f64,
    /// P(W ≤ T).
    pub service_level: f64,
    /// P(W > T).
    pub prob_wait_gt_t: f64,
    /// Mean number of callers waiting.
    pub mean_queue_len: f64,
    /// Mean number of callers in the centre (waiting or talking).
    pub mean_in_system: f64,
    /// Load ÷ agents.
    pub occupancy: f64,
}

/// Erlang C for `load` Erlangs, `agents` agents, mean handle time `aht_s` and threshold
/// `threshold_s`. Fails with [`ErlangError::Unstable`] when load ≥ agents.
pub fn erlang_c(
    load: f64,
    agents: u32,
    aht_s: f64,
    threshold_s: f64,
) -> Result<ErlangC, ErlangError> {
    check_load(load)?;
    check_agents("agents", agents)?;
    check_positive("aht_s", aht_s)?;
    check_non_negative("threshold_s", threshold_s)?;
    let c = agents as f64;
    if load >= c {
        return Err(ErlangError::Unstable { load, agents });
    }
    let gap = c - load;
    // With R the idle mass and ρ = a/c, C = 1/(1 + (1−ρ)R).
    let y = idle_mass(load, agents).mul(gap / c);
    let prob_wait = 1.0 / (1.0 + y.value());
    let prob_no_wait = 1.0 / (1.0 + y.recip().value());
    // Given a wait, W is exponential with rate cμ − λ = (c − a)/AHT.
    let decay = -gap * threshold_s / aht_s;
    let prob_wait_gt_t = prob_wait * decay.exp();
    let service_level = prob_no_wait - prob_wait * decay.exp_m1();
    let mean_queue_len = prob_wait * load / gap;
    Ok(ErlangC {
        load_erlangs: load,
        agents,
        aht_s,
        threshold_s,
        prob_wait,
        asa_s: prob_wait * aht_s / gap,
        mean_wait_given_wait_s: aht_s / gap,
        service_level,
        prob_wait_gt_t,
        mean_queue_len,
        mean_in_system: mean_queue_len + load,
        occupancy: load / c,
    })
}
