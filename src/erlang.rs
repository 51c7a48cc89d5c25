//! Exact analytic Erlang B, C, A and M/M/c/K: steady-state figures for Poisson arrivals
//! and exponential handle times (Erlang A adds exponential patience), and the smallest
//! staffing that meets a goal. Pure math, no I/O; `ccsim erlang` and the analytic
//! `ccsim staff` methods are thin layers over this module.
//!
//! Numerics, because textbook formulas fail long before a 5,000-agent centre:
//! * `a^c / c!` is never formed. The idle part of every model comes from the Erlang B
//!   recursion, and every chain of terms is built from ratios of neighbours, carried as a
//!   mantissa times a power of two ([`Scaled`]) so that nothing overflows or underflows.
//! * Erlang A's queue is an infinite birth-death chain. It is summed term by term until a
//!   geometric bound on the rest is negligible against the queue's own sums (not against
//!   the largest state probability), so the closed form's `e^(λ/θ)` never appears.
//!   Waiting-time probabilities use the identity `P(V > t | queue) = u^s e^{x(1-u)}
//!   Q(xu) / Q(x)` (the incomplete gamma ratio written as two chains), and, where `1 − P`
//!   would cancel, an equivalent sum of positive terms over a negative binomial count.
//! * M/M/c/K with load equal to agents has no 0/0: the finite queue is summed, not taken
//!   from the geometric closed form.
//!
//! Every figure is checked against `../shared/reference/erlang-grid.csv` to 1e-9
//! relative in `tests/erlang.rs`.

use std::fmt;

/// Most agents (or lines) any calculation or search will consider: the Erlang B
/// recursion is linear in it, and no real centre is larger.
pub const MAX_AGENTS: u32 = 1_000_000;

/// Least load accepted: keeps every chain ratio a normal double.
const MIN_LOAD: f64 = 1e-12;

/// Most terms summed in an Erlang A chain before giving up; reached only with a patience
/// so long relative to the overload that Erlang C is the right model.
const MAX_CHAIN_TERMS: usize = 20_000_000;

/// Most terms of the negative binomial sums (used to avoid cancellation) beyond the
/// queue chain's own length; past this the plain complement is used instead (still
/// finite, only less precise when the figure is below about 1e-7).
const MAX_COUNT_TERMS: usize = 200_000;

/// A chain is truncated once a bound on everything left is below this fraction of the
/// sums it feeds: far below double precision, so truncation never shows in a result.
const TOL: f64 = 1e-18;

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
// Scaled numbers
// ---------------------------------------------------------------------------------------

const SHIFT: i64 = 512;
const LN_SHIFT: f64 = SHIFT as f64 * std::f64::consts::LN_2;

/// 2^e as a double, saturating to infinity or zero outside the range.
fn pow2(e: i64) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else if e >= -1074 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        0.0
    }
}

/// A non-negative number `m · 2^(512·k)` with `m` kept in `[2^-256, 2^256]` (or zero), so
/// long products and sums of chain terms neither overflow nor underflow. Scaling is by
/// exact powers of two, so it adds no rounding.
#[derive(Clone, Copy, Debug)]
struct Scaled {
    m: f64,
    k: i64,
}

impl Scaled {
    const ZERO: Scaled = Scaled { m: 0.0, k: 0 };
    const ONE: Scaled = Scaled { m: 1.0, k: 0 };

    /// e^l, for any finite l.
    fn from_ln(l: f64) -> Scaled {
        let k = (l / LN_SHIFT).floor();
        Scaled {
            m: (l - k * LN_SHIFT).exp(),
            k: k as i64,
        }
        .norm()
    }

    fn norm(mut self) -> Scaled {
        if self.m == 0.0 || !self.m.is_finite() {
            return if self.m == 0.0 { Scaled::ZERO } else { self };
        }
        let hi = pow2(SHIFT / 2);
        let lo = pow2(-SHIFT / 2);
        while self.m > hi {
            self.m *= pow2(-SHIFT);
            self.k += 1;
        }
        while self.m < lo {
            self.m *= pow2(SHIFT);
            self.k -= 1;
        }
        self
    }

    fn is_zero(self) -> bool {
        self.m == 0.0
    }

    fn mul(self, f: f64) -> Scaled {
        Scaled {
            m: self.m * f,
            k: self.k,
        }
        .norm()
    }

    fn mul_s(self, o: Scaled) -> Scaled {
        Scaled {
            m: self.m * o.m,
            k: self.k + o.k,
        }
        .norm()
    }

    fn add(self, o: Scaled) -> Scaled {
        if o.is_zero() {
            return self;
        }
        if self.is_zero() {
            return o;
        }
        let k = self.k.max(o.k);
        Scaled {
            m: self.m * scale_factor(self.k - k) + o.m * scale_factor(o.k - k),
            k,
        }
        .norm()
    }

    fn recip(self) -> Scaled {
        Scaled {
            m: 1.0 / self.m,
            k: -self.k,
        }
        .norm()
    }

    /// The value as a double (infinite or zero when out of range).
    fn value(self) -> f64 {
        if self.k == 0 {
            return self.m;
        }
        let e = self.k * SHIFT;
        self.m * pow2(e / 2) * pow2(e - e / 2)
    }

    /// self ÷ o as a double; o must not be zero.
    fn ratio(self, o: Scaled) -> f64 {
        Scaled {
            m: self.m / o.m,
            k: self.k - o.k,
        }
        .value()
    }
}

/// 2^(512·d) for d ≤ 0, the factor that aligns a smaller scale with a larger one.
fn scale_factor(d: i64) -> f64 {
    if d == 0 {
        1.0
    } else if d < -3 {
        0.0
    } else {
        pow2(d * SHIFT)
    }
}

/// True when `tail` is negligible against `acc` (both non-negative).
fn negligible(tail: Scaled, acc: Scaled) -> bool {
    tail.is_zero() || (!acc.is_zero() && tail.ratio(acc) <= TOL)
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

// ---------------------------------------------------------------------------------------
// Erlang B
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Erlang C
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// M/M/c/K
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Erlang A
// ---------------------------------------------------------------------------------------

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
    /// E[W] over all callers, hang-ups counted to their hang-up.
    pub mean_wait_all_s: f64,
    /// Mean wait of answered calls (the ASA an ACD reports).
    pub mean_wait_served_s: f64,
    /// Mean time to hang up.
    pub mean_wait_abandoned_s: f64,
    /// E[W | W > 0].
    pub mean_wait_given_wait_s: f64,
    /// E[V], V the wait an infinitely patient caller would have (zero included).
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

// ---------------------------------------------------------------------------------------
// Staffing
// ---------------------------------------------------------------------------------------

/// Which service-level definition a target refers to (SPEC `service_level.of`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SlOf {
    /// Answered within T ÷ answered (M/M/c/K: ÷ admitted).
    Answered,
    /// Answered within T ÷ offered.
    Offered,
    /// Answered within T ÷ (offered − hung up within T).
    #[default]
    ExclShortAbandons,
}

/// A service-level goal: at least `target` of calls answered within `threshold_s`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceLevelGoal {
    /// T in seconds.
    pub threshold_s: f64,
    /// The fraction to reach, in (0, 1).
    pub target: f64,
    /// Which definition of service level.
    pub of: SlOf,
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

    fn holds(&self, sl: impl Fn(SlOf) -> f64, asa: f64, occupancy: f64, blocking: f64) -> bool {
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
            SlOf::Answered => self.sl_admitted,
            SlOf::Offered | SlOf::ExclShortAbandons => self.sl_offered,
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
    pub fn service_level(&self, of: SlOf) -> f64 {
        match of {
            SlOf::Answered => self.sl_answered,
            SlOf::Offered => self.sl_offered,
            SlOf::ExclShortAbandons => self.sl_excl_short_abandons,
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
    fn scaled_round_trips_extremes() {
        let v = Scaled::from_ln(-5000.0);
        assert!((v.recip().mul_s(v).value() - 1.0).abs() < 1e-15);
        assert_eq!(v.value(), 0.0);
        assert!(Scaled::from_ln(800.0).value().is_infinite());
        let w = Scaled::from_ln(700.0);
        assert!((w.value() / 700f64.exp() - 1.0).abs() < 1e-12);
    }

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

    #[test]
    fn tiny_blocking_underflows_to_zero_not_nan() {
        let b = erlang_b(100.0, 5000).unwrap();
        assert_eq!(b.blocking_prob, 0.0);
        assert!((b.occupancy - 0.02).abs() < 1e-15);
        let c = erlang_c(100.0, 5000, 180.0, 20.0).unwrap();
        assert_eq!(c.prob_wait, 0.0);
        assert_eq!(c.service_level, 1.0);
    }

    #[test]
    fn threshold_zero_gives_no_wait_share() {
        let a = erlang_a(8.0, 9, 180.0, 120.0, 0.0).unwrap();
        assert!((a.sl_virtual - (1.0 - a.prob_wait)).abs() < 1e-15);
        assert!((a.sl_offered - (1.0 - a.prob_wait)).abs() < 1e-15);
        assert_eq!(a.prob_abandon_within_t, 0.0);
    }
}
