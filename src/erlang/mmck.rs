//! M/M/c/K: Erlang C with a line limit; callers finding every line taken are blocked.

use super::scaled::{Scaled, negligible};
use super::{
    ErlangError, MAX_COUNT_TERMS, check_agents, check_load, check_non_negative, check_positive,
    idle_mass, invalid,
};

/// M/M/c/K: Erlang C with at most K calls in the centre; a caller finding K is blocked.
#[derive(Clone, Debug, PartialEq)]
pub struct Mmck {
    /// Offered load in Erlangs.
    pub load_erlangs: f64,
    /// Agents (c).
    pub agents: u32,
    /// Lines (K): most calls in the centre, talking or waiting.
    pub lines: u32,
    /// Mean handle time in seconds.
    pub aht_s: f64,
    /// Service-level threshold T in seconds.
    pub threshold_s: f64,
    /// Share of callers who get a busy signal.
    pub prob_block: f64,
    /// P(W > 0 | admitted).
    pub prob_wait_admitted: f64,
    /// P(admitted and W > 0).
    pub prob_wait_offered: f64,
    /// Mean wait of admitted calls, zero waits included (their ASA).
    pub mean_wait_admitted_s: f64,
    /// Mean wait of admitted calls that wait; `None` when nobody can wait (K = c).
    pub mean_wait_given_wait_s: Option<f64>,
    /// Answered within T ÷ admitted.
    pub sl_admitted: f64,
    /// Answered within T ÷ offered (blocked calls fail).
    pub sl_offered: f64,
    /// Carried load ÷ agents.
    pub occupancy: f64,
    /// Admitted calls per second.
    pub throughput_per_s: f64,
    /// Mean number of callers waiting.
    pub mean_queue_len: f64,
    /// Mean number of callers in the centre.
    pub mean_in_system: f64,
}

/// M/M/c/K for `load` Erlangs, `agents` agents and `lines` lines (lines ≥ agents), mean
/// handle time `aht_s` and threshold `threshold_s`. Any load is allowed, including load
/// equal to or above agents.
pub fn mmck(
    load: f64,
    agents: u32,
    lines: u32,
    aht_s: f64,
    threshold_s: f64,
) -> Result<Mmck, ErlangError> {
    check_load(load)?;
    check_agents("agents", agents)?;
    check_agents("lines", lines)?;
    check_positive("aht_s", aht_s)?;
    check_non_negative("threshold_s", threshold_s)?;
    if lines < agents {
        return Err(invalid(
            "lines",
            &format!("at least the number of agents ({agents})"),
            lines,
        ));
    }
    let c = agents as f64;
    let m = (lines - agents) as usize; // places in the queue
    let rho = load / c;
    let idle = idle_mass(load, agents);

    // Queue states relative to all-busy: w_j = ρ^j for j = 0..=m.
    let mut w = Scaled::ONE;
    let mut wait_mass = Scaled::ZERO; // Σ_{j<m} w_j: admitted and waiting
    let mut wait_steps = Scaled::ZERO; // Σ_{j<m} (j+1) w_j: services to wait for
    let mut queue = Scaled::ZERO; // Σ_{j≤m} j w_j
    for j in 0..m {
        wait_mass = wait_mass.add(w);
        wait_steps = wait_steps.add(w.mul((j + 1) as f64));
        queue = queue.add(w.mul(j as f64));
        w = w.mul(rho);
    }
    let full = w; // w_m: every line taken
    queue = queue.add(full.mul(m as f64));
    let admitted = idle.add(wait_mass);
    let total = admitted.add(full);

    let admitted_share = admitted.ratio(total);
    let carried = load * admitted_share;
    let mean_queue_len = queue.ratio(total);
    let service_scale = aht_s / c; // mean time per service completion with all busy

    // Answered within T: everyone finding an idle agent, plus waiting callers whose
    // Erlang(j+1, cμ) wait is within T, i.e. more than j completions by T.
    let within = idle.add(waits_within(rho, m, c * threshold_s / aht_s, wait_mass));

    Ok(Mmck {
        load_erlangs: load,
        agents,
        lines,
        aht_s,
        threshold_s,
        prob_block: full.ratio(total),
        prob_wait_admitted: wait_mass.ratio(admitted),
        prob_wait_offered: wait_mass.ratio(total),
        mean_wait_admitted_s: service_scale * wait_steps.ratio(admitted),
        mean_wait_given_wait_s: (m > 0).then(|| service_scale * wait_steps.ratio(wait_mass)),
        sl_admitted: within.ratio(admitted),
        sl_offered: within.ratio(total),
        occupancy: carried / c,
        throughput_per_s: carried / aht_s,
        mean_queue_len,
        mean_in_system: mean_queue_len + carried,
    })
}

/// Σ_{j<m} ρ^j P(N > j) with N ~ Poisson(x): the admitted waiting callers (relative to
/// the all-busy state) answered within T, where x = cT/AHT completions are expected by T.
/// Written as Σ_i P(N = i) Σ_{j<min(i,m)} ρ^j so every term is positive; the upper
/// Poisson tail past m is summed directly when it is the smaller side.
fn waits_within(rho: f64, m: usize, x: f64, wait_mass: Scaled) -> Scaled {
    if m == 0 {
        return Scaled::ZERO;
    }
    let mut p = Scaled::from_ln(-x); // P(N = 0)
    let mut cdf = p; // P(N ≤ i)
    let mut w = Scaled::ONE; // ρ^(i−1) as i runs
    let mut head = Scaled::ZERO; // Σ_{j<i} ρ^j
    let mut sum = Scaled::ZERO;
    for i in 1..m {
        p = p.mul(x / i as f64);
        cdf = cdf.add(p);
        head = head.add(w);
        w = w.mul(rho);
        sum = sum.add(p.mul_s(head));
    }
    // P(N ≥ m) weighted by the whole waiting mass.
    let lower = cdf.value().min(1.0);
    let complement = Scaled::ONE.mul((1.0 - lower).max(0.0));
    let upper = if lower <= 0.5 {
        complement
    } else {
        // Past the median the terms fall off like a Gaussian: sum them directly (in the
        // worst case some 10·√x terms; the cap only guards against the absurd).
        let mut tail = Scaled::ZERO;
        let mut i = m;
        loop {
            p = p.mul(x / i as f64);
            tail = tail.add(p);
            let r = x / (i + 1) as f64;
            if p.is_zero() || (r < 1.0 && negligible(p.mul(r / (1.0 - r)), tail)) {
                break tail;
            }
            if i - m > MAX_COUNT_TERMS {
                break complement;
            }
            i += 1;
        }
    };
    sum.add(wait_mass.mul_s(upper))
}
