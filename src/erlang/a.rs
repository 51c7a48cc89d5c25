//! Erlang A (M/M/c+M): callers hang up after an exponential patience. The queue is an
//! infinite birth-death chain, summed term by term ([`abandonment_chain`]).

use super::scaled::{Scaled, negligible};
use super::{
    ErlangError, MAX_COUNT_TERMS, check_agents, check_load, check_non_negative, check_positive,
    idle_mass,
};

/// Most terms summed in an Erlang A chain before giving up; reached only with a patience
/// so long relative to the overload that Erlang C is the right model.
const MAX_CHAIN_TERMS: usize = 20_000_000;

/// Erlang A (M/M/c+M): callers wait first come first served and hang up after an
/// exponential patience if not yet answered.
#[derive(Clone, Debug, PartialEq)]
pub struct ErlangA {
    /// Offered load in Erlangs.
    pub load_erlangs: f64,
    /// Agents.
    pub agents: u32,
    /// Mean handle time in seconds.
    pub aht_s: f64,
    /// Mean patience in seconds.
    pub patience_s: f64,
    /// Service-level threshold T in seconds.
    pub threshold_s: f64,
    /// P(W > 0): share of callers who find every agent busy.
    pub prob_wait: f64,
    /// Share of callers who hang up.
    pub prob_abandon: f64,
    /// P(hang up | W > 0).
    pub prob_abandon_given_wait: f64,
    /// E(W) over all callers, hang-ups counted to their hang-up.
    pub mean_wait_all_s: f64,
    /// Mean wait of answered calls (the ASA an ACD reports).
    pub mean_wait_served_s: f64,
    /// Mean time to hang up.
    pub mean_wait_abandoned_s: f64,
    /// E[W | W > 0].
    pub mean_wait_given_wait_s: f64,
    /// E(V), V the wait an infinitely patient caller would have (zero included).
    pub mean_virtual_wait_s: f64,
    /// Answered within T ÷ offered.
    pub sl_offered: f64,
    /// Answered within T ÷ answered.
    pub sl_answered: f64,
    /// Answered within T ÷ (offered − hung up within T).
    pub sl_excl_short_abandons: f64,
    /// P(W ≤ T) whatever the outcome.
    pub sl_wait_le_t_all: f64,
    /// P(V ≤ T).
    pub sl_virtual: f64,
    /// P(hung up and W ≤ T).
    pub prob_abandon_within_t: f64,
    /// P(W > T).
    pub prob_wait_gt_t: f64,
    /// Carried load ÷ agents.
    pub occupancy: f64,
    /// Mean number of callers waiting.
    pub mean_queue_len: f64,
}

/// Sums over the queue part of the Erlang A chain, `q_j = y^j / ((s+1)(s+2)…(s+j))`, the
/// probability of j waiting relative to all agents busy with nobody waiting.
struct ChainSums {
    /// How many terms (j = 0..terms) were summed.
    terms: usize,
    /// Σ q_j.
    q: Scaled,
    /// Σ_{j≥1} q_j.
    q_past_first: Scaled,
    /// Σ j q_j.
    jq: Scaled,
    /// Σ q_j H_j with H_j = Σ_{i=1..j} 1/(s+i).
    hq: Scaled,
    /// Σ q_j G_j with G_j = Σ_{i=1..j} i/(s+i).
    gq: Scaled,
}

/// Sums the chain with ratio y/(s+j+1) until a geometric bound on the tail of every sum
/// is negligible against that sum.
fn abandonment_chain(y: f64, s: f64) -> Result<ChainSums, ErlangError> {
    let mut q = Scaled::ONE;
    let mut sums = ChainSums {
        terms: 1,
        q: Scaled::ONE,
        q_past_first: Scaled::ZERO,
        jq: Scaled::ZERO,
        hq: Scaled::ZERO,
        gq: Scaled::ZERO,
    };
    let (mut h, mut g) = (0.0, 0.0);
    let mut j = 0usize;
    loop {
        let r = y / (s + (j + 1) as f64);
        if j >= 1 && r < 1.0 {
            // Future ratios only shrink and H, G grow by less than 1 a step, so each of the
            // tails Σ_{k>j} q_k, Σ k q_k, Σ q_k H_k, Σ q_k G_k is at most
            // q_j r/(1−r)² (2 + j + H_j + G_j).
            let tail = q.mul(r / ((1.0 - r) * (1.0 - r)) * (2.0 + j as f64 + h + g));
            if negligible(tail, sums.q)
                && negligible(tail, sums.jq)
                && negligible(tail, sums.hq)
                && negligible(tail, sums.gq)
            {
                break;
            }
        }
        if sums.terms >= MAX_CHAIN_TERMS {
            return Err(ErlangError::TooLarge(format!(
                "the Erlang A queue would need more than {MAX_CHAIN_TERMS} terms: the \
                 patience is very long for this overload (use Erlang C instead)"
            )));
        }
        j += 1;
        q = q.mul(r);
        let sj = s + j as f64;
        h += 1.0 / sj;
        g += j as f64 / sj;
        sums.q = sums.q.add(q);
        sums.q_past_first = sums.q_past_first.add(q);
        sums.jq = sums.jq.add(q.mul(j as f64));
        sums.hq = sums.hq.add(q.mul(h));
        sums.gq = sums.gq.add(q.mul(g));
        sums.terms += 1;
    }
    Ok(sums)
}

/// Erlang A for `load` Erlangs, `agents` agents, mean handle time `aht_s`, mean patience
/// `patience_s` and threshold `threshold_s`. Any load is allowed, including load above
/// agents: abandonment keeps the queue finite.
pub fn erlang_a(
    load: f64,
    agents: u32,
    aht_s: f64,
    patience_s: f64,
    threshold_s: f64,
) -> Result<ErlangA, ErlangError> {
    check_load(load)?;
    check_agents("agents", agents)?;
    check_positive("aht_s", aht_s)?;
    check_positive("patience_s", patience_s)?;
    check_non_negative("threshold_s", threshold_s)?;
    let c = agents as f64;
    let x = load * patience_s / aht_s; // λ/θ
    let s = c * patience_s / aht_s; // cμ/θ
    let idle = idle_mass(load, agents);
    let main = abandonment_chain(x, s)?;

    let prob_wait = 1.0 / (1.0 + idle.ratio(main.q));
    let prob_no_wait = 1.0 / (1.0 + main.q.ratio(idle));
    // Given a wait: abandonment flow θ·E[queue] over arrivals, P(ab | wait) = Σjq/(xΣq);
    // served share s(Σq − 1)/(xΣq).
    let abandon_w = main.jq.ratio(main.q) / x;
    let served_w = s / x * main.q_past_first.ratio(main.q);
    let prob_abandon = prob_wait * abandon_w;
    let prob_served = prob_no_wait + prob_wait * served_w;

    // Threshold: u = e^{−θT}; X = P(V > T | wait); Y = P(V > T | served, wait);
    // Z = P(W > T | abandoned, wait), each a ratio of chains at xu and x.
    let t = threshold_s;
    let u = (-t / patience_s).exp();
    let eps = -(-t / patience_s).exp_m1();
    let small = abandonment_chain(x * u, s)?;
    let pref = Scaled::from_ln(-c * t / aht_s + x * eps);
    let big_x = pref.mul_s(small.q).ratio(main.q);
    let big_y = pref.mul_s(small.q_past_first).ratio(main.q_past_first);
    let big_z = pref.mul_s(small.jq).ratio(main.jq);

    let (virtual_le, served_le, abandon_le) = if big_x > 0.5 || big_y > 0.5 || big_z > 0.5 {
        count_sums(x, s, c * t / aht_s, t / patience_s, &main)
            .map(|(a0, a1, a2)| {
                (
                    a0.ratio(main.q),
                    s / x * a2.ratio(main.q),
                    a1.ratio(main.q) / x + eps * big_x,
                )
            })
            .unwrap_or_else(|| {
                (
                    (1.0 - big_x).max(0.0),
                    served_w * (1.0 - big_y).max(0.0),
                    abandon_w * (1.0 - big_z).max(0.0),
                )
            })
    } else {
        (
            1.0 - big_x,
            served_w * (1.0 - big_y),
            abandon_w * (1.0 - big_z),
        )
    };

    let sl_offered = prob_no_wait + prob_wait * served_le;
    let prob_abandon_within_t = prob_wait * abandon_le;
    // 1 − P(hung up within T) = served + hung up after T: a sum, not a difference.
    let not_short_abandon = prob_served + prob_abandon * big_z;
    Ok(ErlangA {
        load_erlangs: load,
        agents,
        aht_s,
        patience_s,
        threshold_s,
        prob_wait,
        prob_abandon,
        prob_abandon_given_wait: abandon_w,
        mean_wait_all_s: prob_abandon * patience_s,
        mean_wait_served_s: prob_wait * s / x * patience_s * main.hq.ratio(main.q) / prob_served,
        mean_wait_abandoned_s: patience_s * main.gq.ratio(main.jq),
        mean_wait_given_wait_s: abandon_w * patience_s,
        mean_virtual_wait_s: prob_wait * patience_s * (1.0 / s + main.hq.ratio(main.q)),
        sl_offered,
        sl_answered: sl_offered / prob_served,
        sl_excl_short_abandons: sl_offered / not_short_abandon,
        sl_wait_le_t_all: prob_no_wait + prob_wait * (virtual_le + eps * big_x),
        sl_virtual: prob_no_wait + prob_wait * virtual_le,
        prob_abandon_within_t,
        prob_wait_gt_t: prob_wait * u * big_x,
        occupancy: load * prob_served / c,
        mean_queue_len: prob_wait * main.jq.ratio(main.q),
    })
}

/// Positive-term forms of the Erlang A threshold figures, used when the ratios X, Y or Z
/// are close to 1 and `1 − ratio` would cancel. With N_s ~ NegBin(s, u) (the stages a
/// waiting caller's virtual wait clears by T; P(V > T | j ahead) = P(N_s ≤ j)):
/// returns (Σ_k P(N_s=k) Σ_{j<k} q_j, Σ_k P(N_s=k) Σ_{j<k} j q_j,
/// Σ_k P(N_{s+1}=k) Σ_{1≤j≤k} q_j), or `None` if the count would not converge in
/// reasonable time. `ct` is cμT and `theta_t` is θT.
fn count_sums(
    x: f64,
    s: f64,
    ct: f64,
    theta_t: f64,
    main: &ChainSums,
) -> Option<(Scaled, Scaled, Scaled)> {
    let eps = -(-theta_t).exp_m1();
    let mut nb = Scaled::from_ln(-ct); // P(N_s = 0) = u^s
    let mut nb1 = Scaled::from_ln(-ct - theta_t); // P(N_{s+1} = 0)
    let (mut a0, mut a1, mut a2) = (Scaled::ZERO, Scaled::ZERO, Scaled::ZERO);
    let (mut head, mut head_j, mut head_past_first) = (Scaled::ZERO, Scaled::ZERO, Scaled::ZERO);
    let mut q = Scaled::ONE; // q_k, regenerated exactly as in `abandonment_chain`
    let (mut cdf, mut cdf1) = (Scaled::ZERO, Scaled::ZERO); // P(N_s ≤ k), P(N_{s+1} ≤ k)
    for k in 0..main.terms.saturating_add(MAX_COUNT_TERMS) {
        let kf = k as f64;
        if k >= 1 {
            q = if k < main.terms {
                q.mul(x / (s + kf))
            } else {
                Scaled::ZERO
            };
            head_past_first = head_past_first.add(q);
        }
        a0 = a0.add(nb.mul_s(head));
        a1 = a1.add(nb.mul_s(head_j));
        a2 = a2.add(nb1.mul_s(head_past_first));
        head = head.add(q);
        head_j = head_j.add(q.mul(kf));
        cdf = cdf.add(nb);
        cdf1 = cdf1.add(nb1);

        if k + 1 >= main.terms {
            // Every later partial sum is the total, so the rest is total × P(N > k).
            // Taken in closed form while that tail is not so small that 1 − cdf loses
            // more than three digits; otherwise the terms are summed on.
            let (tail, tail1) = (1.0 - cdf.value(), 1.0 - cdf1.value());
            if tail >= 1e-3 && tail1 >= 1e-3 {
                a0 = a0.add(main.q.mul(tail));
                a1 = a1.add(main.jq.mul(tail));
                a2 = a2.add(main.q_past_first.mul(tail1));
                return Some((a0, a1, a2));
            }
        }
        let r = (s + kf) * eps / (kf + 1.0);
        let r1 = (s + 1.0 + kf) * eps / (kf + 1.0);
        // Later ratios stay below max(r, eps): they move monotonically towards eps.
        let (rb, rb1) = (r.max(eps), r1.max(eps));
        if rb < 1.0 && rb1 < 1.0 {
            let f = rb / (1.0 - rb);
            let f1 = rb1 / (1.0 - rb1);
            if negligible(nb.mul_s(main.q).mul(f), a0)
                && negligible(nb.mul_s(main.jq).mul(f), a1)
                && negligible(nb1.mul_s(main.q_past_first).mul(f1), a2)
            {
                return Some((a0, a1, a2));
            }
        }
        nb = nb.mul(r);
        nb1 = nb1.mul(r1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_zero_gives_no_wait_share() {
        let a = erlang_a(8.0, 9, 180.0, 120.0, 0.0).unwrap();
        assert!((a.sl_virtual - (1.0 - a.prob_wait)).abs() < 1e-15);
        assert!((a.sl_offered - (1.0 - a.prob_wait)).abs() < 1e-15);
        assert_eq!(a.prob_abandon_within_t, 0.0);
    }
}
