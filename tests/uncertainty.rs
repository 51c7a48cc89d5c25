//! Issue 13, uncertain days: known answers for volume uncertainty (Poisson–Gamma moments),
//! absenteeism (binomial head counts of the same people all day) and redials (an exact
//! truncated geometric series, and the exact Markov chain of a small retrial queue with
//! abandonment and busy signals), plus the planner's sanity check on the risk view.
//!
//! Every statistical check states its tolerance as a z-score: |z| < 4 fails by chance about
//! once in 16,000 runs of a correct program.

use ccsim::engine::{self, Present, Workspace};
use ccsim::model::{Clock, Staffing};
use ccsim::scenario::Scenario;
use ccsim::stats::{IntervalTally, Metric, Tally};

use crate::support::{scenario, simulate};

const Z: f64 = 4.0;

/// Each replication's tally slots (intervals, then the warm-up sink).
fn tallies(sc: &Scenario, reps: u64) -> Vec<Vec<IntervalTally>> {
    let mut ws = Workspace::default();
    let mut tally = Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
    (0..reps)
        .map(|rep| {
            engine::simulate(&sc.model, &sc.experiment, rep, &mut tally, &mut ws);
            tally.slots.clone()
        })
        .collect()
}

fn mean(x: &[f64]) -> f64 {
    x.iter().sum::<f64>() / x.len() as f64
}

/// Sample variance, and the standard error of it from the sample fourth moment.
fn variance_and_se(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let m = mean(x);
    let m2 = x.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n;
    let m4 = x.iter().map(|v| (v - m).powi(4)).sum::<f64>() / n;
    (m2 * n / (n - 1.0), ((m4 - m2 * m2) / n).sqrt())
}

/// z-score of the claim that `x`'s mean is `expected`.
fn z_of_mean(x: &[f64], expected: f64) -> f64 {
    let (var, _) = variance_and_se(x);
    (mean(x) - expected) / (var / x.len() as f64).sqrt()
}

#[test]
fn gamma_busyness_gives_negative_binomial_counts() {
    let sc = scenario(
        r#"
name = "busy"
interval = "30m"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [200, 300]
busyness = { cv = 0.2 }
interval_busyness = { cv = "10%" }
[handle_time]
distribution = "exponential"
mean = "30s"
[staffing]
agents = 10
"#,
    );
    let reps = 6000;
    let slots = tallies(&sc, reps);
    let (cd, ci) = (0.2f64, 0.1f64);
    // A product of independent mean-1 factors: E[F²] = (1 + cd²)(1 + ci²).
    let factor_var = (1.0 + cd * cd) * (1.0 + ci * ci) - 1.0;
    let counts: Vec<Vec<f64>> = (0..2)
        .map(|i| slots.iter().map(|s| s[i].offered as f64).collect())
        .collect();
    for (i, lambda) in [200.0, 300.0].into_iter().enumerate() {
        let z = z_of_mean(&counts[i], lambda);
        eprintln!("busyness interval {i}: mean z = {z:.2}");
        assert!(z.abs() < Z, "interval {i}: mean z = {z}");
        let (var, se) = variance_and_se(&counts[i]);
        let expected = lambda + factor_var * lambda * lambda;
        let z = (var - expected) / se;
        eprintln!("busyness interval {i}: variance {var:.1} vs exact {expected:.1}, z = {z:.2}");
        assert!(
            z.abs() < Z,
            "interval {i}: variance {var} vs {expected}, z = {z}"
        );
    }
    // Only the day's factor is shared: Cov = cd² λ0 λ1.
    let (m0, m1) = (mean(&counts[0]), mean(&counts[1]));
    let products: Vec<f64> = counts[0]
        .iter()
        .zip(&counts[1])
        .map(|(a, b)| (a - m0) * (b - m1))
        .collect();
    let z = z_of_mean(&products, cd * cd * 200.0 * 300.0);
    eprintln!("covariance z = {z:.2}");
    assert!(z.abs() < Z, "covariance z = {z}");
}

#[test]
fn absence_gives_binomial_head_counts_of_the_same_people() {
    let clock = Clock {
        interval_s: 1800.0,
        start_s: 0.0,
        horizon_s: 5400.0,
        intervals: 3,
    };
    let roster = Staffing::per_interval(&clock, &[10, 4, 12]);
    let p = 0.15;
    let mut present = Present::default();
    let reps = 20_000u64;
    let mut counts = vec![Vec::new(); 3];
    for rep in 0..reps {
        present.draw(&roster, p, 9, rep);
        let s = &present.staffing;
        let c: Vec<u32> = (0..3).map(|i| s.agents_in(&clock, i)).collect();
        // The 4 are among the 10, who are among the 12: absent all day.
        assert!(c[1] <= c[0] && c[0] <= c[2] && c[1] <= 4, "{c:?}");
        (0..3).for_each(|i| counts[i].push(c[i] as f64));
    }
    for (i, n) in [10.0, 4.0, 12.0].into_iter().enumerate() {
        let z = z_of_mean(&counts[i], n * (1.0 - p));
        eprintln!("absence step {i}: mean z = {z:.2}");
        assert!(z.abs() < Z, "step {i}: mean z = {z}");
        let (var, se) = variance_and_se(&counts[i]);
        let z = (var - n * p * (1.0 - p)) / se;
        eprintln!("absence step {i}: variance {var:.3}, z = {z:.2}");
        assert!(z.abs() < Z, "step {i}: variance {var}, z = {z}");
    }
    // Same people: Cov(present of 10, present of 12) = Var(present of 10) = 10 p (1 − p).
    let (m0, m2) = (mean(&counts[0]), mean(&counts[2]));
    let products: Vec<f64> = counts[0]
        .iter()
        .zip(&counts[2])
        .map(|(a, b)| (a - m0) * (b - m2))
        .collect();
    let z = z_of_mean(&products, 10.0 * p * (1.0 - p));
    eprintln!("covariance z = {z:.2}");
    assert!(z.abs() < Z, "covariance z = {z}");
}

#[test]
fn absence_simulates_the_day_with_the_agents_who_came() {
    // Occupancy is busy time over the present agents' time: with a quarter absent on
    // average and the same calls (common random numbers), it rises.
    let text = |absence: &str| {
        format!(
            r#"
name = "absent"
interval = "30m"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [100, 100, 100]
[handle_time]
distribution = "exponential"
mean = "2m"
[patience]
distribution = "exponential"
mean = "2m"
[staffing]
agents = 12
{absence}
[simulation]
replications = 300
"#
        )
    };
    let all = simulate(&scenario(&text("")));
    let some = simulate(&scenario(&text("absence = 0.25")));
    let get =
        |r: &ccsim::replicate::RunResult, m: Metric| r.estimates.overall[m as usize].mean.unwrap();
    assert_eq!(get(&all, Metric::Offered), get(&some, Metric::Offered));
    assert!(get(&some, Metric::Occupancy) > get(&all, Metric::Occupancy) + 0.05);
    assert!(get(&some, Metric::AbandonRate) > get(&all, Metric::AbandonRate));
    assert!(get(&some, Metric::PMeetsTarget) < get(&all, Metric::PMeetsTarget));
}

#[test]
fn redials_without_agents_follow_the_truncated_geometric_series() {
    // Nobody is ever answered: every attempt ends in a hang-up, a caller tries again with
    // probability 1/2, four attempts at most: 1 + 1/2 + 1/4 + 1/8 = 1.875 attempts each.
    let sc = scenario(
        r#"
name = "redial"
interval = "30m"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [100, 0, 0, 0]
[handle_time]
distribution = "exponential"
mean = "1m"
[patience]
distribution = "exponential"
mean = "1m"
[staffing]
agents = 0
[redials]
after_abandon = 0.5
delay = { distribution = "exponential", mean = "10s" }
max_attempts = 4
"#,
    );
    let reps = 3000;
    let slots = tallies(&sc, reps);
    let day = |s: &Vec<IntervalTally>, f: fn(&IntervalTally) -> u64| -> f64 {
        s[..4].iter().map(f).sum::<u64>() as f64
    };
    let excess: Vec<f64> = slots
        .iter()
        .map(|s| day(s, |t| t.offered) - 1.875 * day(s, |t| t.callers))
        .collect();
    let z = z_of_mean(&excess, 0.0);
    eprintln!("attempts per caller: z = {z:.2}");
    assert!(z.abs() < Z, "attempts per caller: z = {z}");
    let redialers: Vec<f64> = slots
        .iter()
        .map(|s| day(s, |t| t.redialers) - 0.5 * day(s, |t| t.callers))
        .collect();
    let z = z_of_mean(&redialers, 0.0);
    eprintln!("callers who redial: z = {z:.2}");
    assert!(z.abs() < Z, "callers who redial: z = {z}");
    for s in &slots {
        assert_eq!(day(s, |t| t.callers_answered), 0.0);
        // People are counted where they first called; redials land where they fall.
        assert_eq!(s[1].callers, 0);
        assert_eq!(day(s, |t| t.offered), day(s, |t| t.abandoned));
    }
    assert!(
        slots.iter().any(|s| s[1].offered > 0),
        "no redial crossed 08:30"
    );
}

/// The exact stationary law of a retrial queue: `c` agents, `lines` calls in the centre,
/// Poisson arrivals `lambda`, exponential handle (`mu`), patience (`theta`) and redial
/// delay (`nu`); a caller who hangs up tries again with probability `ra`, one who gets a
/// busy signal with `rb`. State (n in the centre, j waiting to redial), j truncated at
/// `orbit_max`. Returns π[n][j].
/// A transition: its rate and the state it leads to.
type Move = (f64, (usize, usize));

struct Retrial {
    c: usize,
    lines: usize,
    lambda: f64,
    mu: f64,
    theta: f64,
    nu: f64,
    ra: f64,
    rb: f64,
}

impl Retrial {
    fn stationary(&self, orbit_max: usize) -> Vec<Vec<f64>> {
        let (k, jm) = (self.lines, orbit_max);
        // Transitions out of each state: (rate, to).
        let moves = |n: usize, j: usize| -> Vec<Move> {
            let mut v = Vec::new();
            if n < k {
                v.push((self.lambda, (n + 1, j)));
                if j > 0 {
                    v.push((j as f64 * self.nu, (n + 1, j - 1)));
                }
            } else {
                // Busy signal: a new caller joins the orbit with rb; one from the orbit
                // stays there with rb, else leaves.
                if j < jm {
                    v.push((self.lambda * self.rb, (n, j + 1)));
                }
                if j > 0 {
                    v.push((j as f64 * self.nu * (1.0 - self.rb), (n, j - 1)));
                }
            }
            if n > 0 {
                v.push((n.min(self.c) as f64 * self.mu, (n - 1, j)));
            }
            if n > self.c {
                let ab = (n - self.c) as f64 * self.theta;
                if j < jm {
                    v.push((ab * self.ra, (n - 1, j + 1)));
                    v.push((ab * (1.0 - self.ra), (n - 1, j)));
                } else {
                    v.push((ab, (n - 1, j)));
                }
            }
            v
        };
        let out: Vec<Vec<Vec<Move>>> = (0..=k)
            .map(|n| (0..=jm).map(|j| moves(n, j)).collect())
            .collect();
        let total = |n: usize, j: usize| out[n][j].iter().map(|m| m.0).sum::<f64>();
        let uniform = (0..=k)
            .flat_map(|n| (0..=jm).map(move |j| (n, j)))
            .map(|(n, j)| total(n, j))
            .fold(0.0, f64::max)
            * 1.01;
        let mut pi = vec![vec![1.0 / ((k + 1) * (jm + 1)) as f64; jm + 1]; k + 1];
        for _ in 0..400_000 {
            let mut next = vec![vec![0.0; jm + 1]; k + 1];
            for n in 0..=k {
                for j in 0..=jm {
                    let p = pi[n][j];
                    next[n][j] += p * (1.0 - total(n, j) / uniform);
                    for &(rate, (a, b)) in &out[n][j] {
                        next[a][b] += p * rate / uniform;
                    }
                }
            }
            let change: f64 = next
                .iter()
                .flatten()
                .zip(pi.iter().flatten())
                .map(|(a, b)| (a - b).abs())
                .sum();
            pi = next;
            if change < 1e-14 {
                return pi;
            }
        }
        panic!("the retrial chain did not converge");
    }
}

#[test]
fn redials_match_the_exact_retrial_queue() {
    let q = Retrial {
        c: 3,
        lines: 6,
        lambda: 1.0 / 20.0,
        mu: 1.0 / 50.0,
        theta: 1.0 / 60.0,
        nu: 1.0 / 120.0,
        ra: 0.6,
        rb: 0.5,
    };
    let pi = q.stationary(40);
    assert!(
        pi.iter().map(|r| r[40]).sum::<f64>() < 1e-12,
        "orbit truncated too early"
    );
    let e = |f: &dyn Fn(usize, usize) -> f64| -> f64 {
        (0..=q.lines)
            .flat_map(|n| (0..=40).map(move |j| (n, j)))
            .map(|(n, j)| pi[n][j] * f(n, j))
            .sum()
    };
    let fresh = q.lambda;
    let retrials = e(&|_, j| j as f64 * q.nu);
    let attempts = fresh + retrials;
    let blocked = e(&|n, j| {
        if n == q.lines {
            q.lambda + j as f64 * q.nu
        } else {
            0.0
        }
    });
    let abandoned = e(&|n, _| n.saturating_sub(q.c) as f64 * q.theta);
    let answered = e(&|n, _| n.min(q.c) as f64 * q.mu);
    let exact = [
        (Metric::AbandonRate, abandoned / attempts),
        (Metric::BlockRate, blocked / attempts),
        (Metric::Occupancy, answered / q.mu / q.c as f64),
        // Each caller is answered at most once: the share of people answered.
        (Metric::CallerAbandonRate, 1.0 - answered / fresh),
    ];
    let sc = scenario(
        r#"
name = "retrial queue"
lines = 6
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
rate = "180/h"
[handle_time]
distribution = "exponential"
mean = "50s"
[patience]
distribution = "exponential"
mean = "1m"
[staffing]
agents = 3
[redials]
after_abandon = 0.6
after_busy = 0.5
delay = { distribution = "exponential", mean = "2m" }
[simulation]
horizon = "200h"
warmup = "5h"
replications = 12
"#,
    );
    // The recursion, and the general engine (SPEC's several-type engine, forced here on
    // the one-queue model) against the same chain.
    for (engine, est) in [
        ("recursion", simulate(&sc).estimates),
        ("general engine", general_engine(&sc)),
    ] {
        let attempts_per_caller = est.overall[Metric::Offered as usize].mean.unwrap()
            / est.overall[Metric::Callers as usize].mean.unwrap();
        let expected = attempts / fresh;
        eprintln!(
            "{engine}: retrial attempts per caller: simulated {attempts_per_caller:.5}, exact {expected:.5}"
        );
        assert!(
            (attempts_per_caller - expected).abs() < 0.01 * expected,
            "{engine}: attempts per caller {attempts_per_caller} vs exact {expected}"
        );
        for &(m, exact) in &exact {
            let e = est.overall[m as usize];
            let (mean, ci) = (e.mean.unwrap(), e.ci95.unwrap());
            // ci95 is t(11)·sd/√n: the standard error is ci95 / t(11).
            let z = (mean - exact) / (ci / 2.201);
            eprintln!(
                "{engine}: retrial {}: simulated {mean:.5} ± {ci:.5}, exact {exact:.5}, z = {z:.2}",
                m.key()
            );
            assert!(
                z.abs() < Z,
                "{engine}: {}: simulated {mean} ± {ci}, exact {exact}, z = {z}",
                m.key()
            );
        }
    }
}

/// Every replication of a model through the general engine (`engine::skills`), folded
/// as a run folds them; the day's present agents drawn as `engine::simulate` draws them.
fn general_engine(sc: &Scenario) -> ccsim::stats::Estimates {
    use ccsim::engine::skills::{self, GeneralWorkspace};
    use ccsim::stats::{Accumulator, ReplicationMetrics};
    let mut ws = GeneralWorkspace::default();
    let mut acc = Accumulator::new(sc.model.intervals());
    let mut tally = Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
    let mut present = Present::default();
    for rep in 0..sc.experiment.replications {
        let mut day = sc.model.clone();
        let group = &mut day.agent_groups[0];
        if group.absence > 0.0 {
            present.draw(&group.staffing, group.absence, sc.experiment.seed, rep);
            group.staffing = present.staffing.clone();
        }
        let o = skills::simulate(&day, &sc.experiment, rep, &mut tally, &mut ws);
        assert!(!o.redials_capped && o.stranded == 0);
        acc.push(&ReplicationMetrics::from_tally(
            &tally,
            &sc.model.service_level,
        ));
    }
    acc.finish()
}

/// Redials through the general engine agree with the recursion on a one-queue day with
/// lines, volume risk, absences and redials (`scenarios/uncertain-day.toml`): the two
/// draw the same calls but decide redials in another order (the recursion follows each
/// caller at arrival, the general engine at the hang-up), so they agree statistically:
/// every per-attempt and per-caller metric of the day within 4 standard errors of the
/// difference.
#[test]
fn redials_in_the_general_engine_agree_with_the_recursion() {
    let path = format!(
        "{}/scenarios/uncertain-day.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut sc = ccsim::scenario::load(&path).unwrap();
    sc.experiment.replications = 400;
    let fast = simulate(&sc).estimates;
    let general = general_engine(&sc);
    let mut worst: f64 = 0.0;
    for m in Metric::reported(true) {
        if matches!(
            m,
            Metric::WaitP50S | Metric::WaitP90S | Metric::PMeetsTarget
        ) {
            continue;
        }
        let (a, b) = (fast.overall[*m as usize], general.overall[*m as usize]);
        let se = |e: ccsim::stats::Estimate| e.ci95.unwrap() / ccsim::stats::t975(e.n - 1);
        let z = (a.mean.unwrap() - b.mean.unwrap()) / (se(a).powi(2) + se(b).powi(2)).sqrt();
        eprintln!(
            "redials, {}: recursion {:.5}, general engine {:.5}, z = {z:+.2}",
            m.key(),
            a.mean.unwrap(),
            b.mean.unwrap()
        );
        worst = worst.max(z.abs());
        assert!(z.abs() < Z, "{}: z = {z}", m.key());
    }
    eprintln!("largest |z| {worst:.2}");
}

/// The several-type form reads `[redials]` for every type and `redial = {...}` per type;
/// per-type callers add up to the centre's, and a type without redials has one attempt
/// per caller... counted only where it redials.
#[test]
fn redials_in_the_several_type_form() {
    let sc = scenario(
        r#"
name = "two queues that redial"
interval = "30m"
lines = 12
[service_level]
threshold = "20s"
target = 0.8
[redials]
after_abandon = 0.5
after_busy = 0.7
delay = { distribution = "exponential", mean = "3m" }
[[call_types]]
name = "sales"
calls = [60, 80, 70]
handle_time = { distribution = "exponential", mean = "3m" }
patience = { distribution = "exponential", mean = "1m" }
[[call_types]]
name = "support"
calls = [30, 40, 30]
handle_time = { distribution = "exponential", mean = "5m" }
patience = { distribution = "exponential", mean = "2m" }
redial = { after_abandon = 0.9, delay = { distribution = "exponential", mean = "1m" }, max_attempts = 3 }
[[agent_groups]]
name = "desk"
agents = 5
skills = { sales = 1, support = 2 }
[[agent_groups]]
name = "help"
agents = 4
skills = { support = 1 }
[simulation]
replications = 20
"#,
    );
    let support = sc.model.call_types[1].redial.as_ref().unwrap();
    assert_eq!(support.max_attempts, 3);
    assert_eq!(
        sc.model.call_types[0].redial.as_ref().unwrap().after_busy,
        0.7
    );
    let mut ws = Workspace::default();
    for rep in 0..sc.experiment.replications {
        let mut t = Tally::for_model(&sc.model);
        engine::simulate(&sc.model, &sc.experiment, rep, &mut t, &mut ws);
        let bd = t.breakdown.as_ref().unwrap();
        let all = t.overall();
        let types: Vec<IntervalTally> = bd.types.iter().map(|x| x.overall()).collect();
        assert_eq!(all.callers, types.iter().map(|x| x.callers).sum::<u64>());
        for x in &types {
            // Every caller's attempts are counted; people answered are answered attempts.
            assert!(x.offered >= x.callers && x.callers > 0);
            assert_eq!(x.answered, x.callers_answered);
            assert!(x.redialers <= x.callers);
        }
        // At most 3 attempts per support caller.
        assert!(types[1].offered <= 3 * types[1].callers);
    }
}

#[test]
fn volume_uncertainty_lowers_the_chance_of_meeting_the_target_and_agents_raise_it() {
    let text = |busyness: &str, agents: u32| {
        format!(
            r#"
name = "sanity"
interval = "30m"
[service_level]
threshold = "20s"
target = 0.8
[arrivals]
calls = [300, 300, 300, 300]
{busyness}
[handle_time]
distribution = "exponential"
mean = "3m"
[patience]
distribution = "exponential"
mean = "3m"
[staffing]
agents = {agents}
[simulation]
replications = 400
"#
        )
    };
    // A plan that meets its target on most days: the target is the 10th percentile of
    // the day's service level without uncertainty.
    let mut plain = scenario(&text("", 32));
    let target = simulate(&plain).spread.overall.unwrap().p10;
    plain.model.service_level.target = target;
    let with_target = |mut sc: Scenario| {
        sc.model.service_level.target = target;
        simulate(&sc)
    };
    let p = |r: &ccsim::replicate::RunResult| r.estimates.overall[Metric::PMeetsTarget as usize];
    let sl = |r: &ccsim::replicate::RunResult| r.estimates.overall[Metric::ServiceLevel as usize];
    let a = with_target(plain);
    let b = with_target(scenario(&text("busyness = { cv = 0.1 }", 32)));
    let c = with_target(scenario(&text("busyness = { cv = 0.1 }", 34)));
    let (pa, pb, pc) = (
        p(&a).mean.unwrap(),
        p(&b).mean.unwrap(),
        p(&c).mean.unwrap(),
    );
    assert!((0.85..=0.95).contains(&pa), "{pa}");
    assert!(
        pb < pa - 2.0 * p(&b).ci95.unwrap(),
        "uncertainty: {pa} -> {pb}"
    );
    assert!(
        pc > pb + 2.0 * p(&b).ci95.unwrap(),
        "two more agents: {pb} -> {pc}"
    );
    let drift = (sl(&b).mean.unwrap() - sl(&a).mean.unwrap()).abs();
    eprintln!(
        "p_meets_target: plain {pa:.3}, cv 0.1 {pb:.3}, +2 agents {pc:.3}; mean SL drift {drift:.4}"
    );
    assert!(
        drift < 0.03 && drift < (pa - pb),
        "mean service level moved by {drift}"
    );
    // The spread widens: p10 falls below the target.
    assert!(b.spread.overall.unwrap().p10 < target);
}
