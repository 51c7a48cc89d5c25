//! Random small several-type centres (proptest): invariants that hold exactly, call for
//! call, whatever the routing: calls and busy time conserved, each group's answered calls
//! adding up to its types', busy time within time on the phones, a call type without
//! calls changing nothing, and the same bytes for one or two threads.

use std::sync::atomic::AtomicBool;

use ccsim::engine::{Workspace, simulate};
use ccsim::replicate::{self, RunOptions};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::Tally;
use proptest::prelude::*;

/// A small deterministic generator (SplitMix64) that turns a proptest seed into a case.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A random centre: 2–3 call types, 2–3 groups, 2–4 intervals of 15 minutes, random
/// skills, ranks, delays, factors, balking, lines, patience and routing. `empty_type`
/// appends a call type without calls, served by the first group at rank 9.
fn case(seed: u64, empty_type: bool) -> String {
    let mut g = Gen(seed);
    let (nt, ng, n) = (2 + g.below(2), 2 + g.below(2), 2 + g.below(3));
    let policy = ["priority", "fifo", "weighted_wait"][g.below(3) as usize];
    let choice = ["longest_idle", "most_idle", "random", "first"][g.below(4) as usize];
    let mut t = format!(
        "name = \"random\"\ninterval = \"15m\"\n[service_level]\nthreshold = \"20s\"\ntarget = 0.8\n\
         [routing]\npolicy = \"{policy}\"\nagent_choice = \"{choice}\"\n[simulation]\nseed = {}\n",
        g.below(1000)
    );
    if g.chance(0.4) {
        t = t.replacen(
            "[service_level]",
            &format!("lines = {}\n[service_level]", 3 + g.below(15)),
            1,
        );
    }
    let list = |g: &mut Gen, hi: u64| -> String {
        let v: Vec<String> = (0..n).map(|_| g.below(hi).to_string()).collect();
        format!("[{}]", v.join(", "))
    };
    for k in 0..nt {
        t.push_str(&format!(
            "[[call_types]]\nname = \"t{k}\"\ncalls = {}\nhandle_time = {{ distribution = \"exponential\", mean = \"{}s\" }}\n\
             weight = {}\nbonus = \"{}s\"\n",
            list(&mut g, 40),
            30 + g.below(300),
            1 + g.below(3),
            g.below(30)
        ));
        // Every type hangs up, so no call waits forever.
        t.push_str(&format!(
            "patience = {{ distribution = \"exponential\", mean = \"{}s\" }}\n",
            20 + g.below(200)
        ));
        if g.chance(0.3) {
            t.push_str("balk = 0.2\n");
        }
    }
    if empty_type {
        t.push_str(&format!(
            "[[call_types]]\nname = \"none\"\ncalls = [{}]\nhandle_time = {{ distribution = \"exponential\", mean = \"60s\" }}\n",
            vec!["0"; n as usize].join(", ")
        ));
    }
    let mut served = vec![false; nt as usize];
    for j in 0..ng {
        // Group j serves type j mod nt at least, and each other type with chance 1/2;
        // the last group every type no group serves yet.
        let mut skills = vec![];
        let mut delays = vec![];
        let mut factors = vec![];
        for k in 0..nt {
            let unserved = j + 1 == ng && !served[k as usize];
            if k == j % nt || g.chance(0.5) || unserved {
                served[k as usize] = true;
                skills.push(format!("t{k} = {}", 1 + g.below(3)));
                if g.chance(0.3) {
                    delays.push(format!("t{k} = \"{}s\"", 5 * (1 + g.below(6))));
                }
                if g.chance(0.3) {
                    factors.push(format!("t{k} = 1.25"));
                }
            }
        }
        if empty_type && j == 0 {
            skills.push("none = 9".into());
        }
        t.push_str(&format!(
            "[[agent_groups]]\nname = \"g{j}\"\nagents = {}\nskills = {{ {} }}\n",
            list(&mut g, 6),
            skills.join(", ")
        ));
        if !delays.is_empty() {
            t.push_str(&format!("delay = {{ {} }}\n", delays.join(", ")));
        }
        if !factors.is_empty() {
            t.push_str(&format!(
                "handle_time_factor = {{ {} }}\n",
                factors.join(", ")
            ));
        }
    }
    t
}

fn parse(text: &str) -> Scenario {
    parse_scenario("random.toml", text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn day(sc: &Scenario, rep: u64) -> Tally {
    let mut tally = Tally::for_model(&sc.model);
    simulate(
        &sc.model,
        &sc.experiment,
        rep,
        &mut tally,
        &mut Workspace::default(),
    );
    tally
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Conservation: every call of every type is answered, abandoned or blocked; each
    /// type's answered calls are the sum of the groups' answers for it; the centre is
    /// the sum of its types and groups; no group is busy longer than on the phones.
    #[test]
    fn calls_and_busy_time_are_conserved(seed in any::<u64>()) {
        let sc = parse(&case(seed, false));
        let n = sc.model.intervals();
        for rep in 0..3 {
            let t = day(&sc, rep);
            let bd = t.breakdown.as_ref().unwrap();
            for (k, ty) in bd.types.iter().enumerate() {
                let all = ty.slots.iter().fold(ccsim::stats::IntervalTally::default(), |mut a, s| { a.add(s); a });
                prop_assert_eq!(all.offered, all.answered + all.abandoned + all.blocked);
                for slot in 0..=n {
                    let by_groups: u64 = bd.groups.iter().map(|g| g.answered_of(slot, k)).sum();
                    prop_assert_eq!(by_groups, ty.slots[slot].answered);
                }
            }
            for i in 0..n {
                let offered: u64 = bd.types.iter().map(|x| x.slots[i].offered).sum();
                prop_assert_eq!(offered, t.slots[i].offered);
                let busy: f64 = bd.groups.iter().map(|g| g.busy_time[i]).sum();
                prop_assert!((busy - t.slots[i].busy_time).abs() <= 1e-9 * busy.max(1.0));
                for g in &bd.groups {
                    prop_assert!(g.busy_time[i] <= g.staffed_time[i] * (1.0 + 1e-12) + 1e-9);
                }
            }
        }
    }

    /// A call type without calls (served by a group at a low rank) changes nothing for
    /// the others, call for call.
    #[test]
    fn a_call_type_without_calls_changes_nothing(seed in any::<u64>()) {
        let (a, b) = (parse(&case(seed, false)), parse(&case(seed, true)));
        for rep in 0..3 {
            let (x, y) = (day(&a, rep), day(&b, rep));
            let (bx, by) = (x.breakdown.as_ref().unwrap(), y.breakdown.as_ref().unwrap());
            prop_assert_eq!(&x.slots, &y.slots);
            for k in 0..bx.types.len() {
                prop_assert_eq!(&bx.types[k].slots, &by.types[k].slots);
            }
            prop_assert!(by.types.last().unwrap().slots.iter().all(|s| s.offered == 0));
            for (gx, gy) in bx.groups.iter().zip(&by.groups) {
                prop_assert_eq!(&gx.busy_time, &gy.busy_time);
                prop_assert_eq!(&gx.staffed_time, &gy.staffed_time);
            }
        }
    }
}

/// The same results, to the bit, with one and with two threads, on random centres.
#[test]
fn one_or_two_threads_give_the_same_results() {
    let cancel = AtomicBool::new(false);
    for seed in 0..12u64 {
        let mut sc = parse(&case(seed * 7919, false));
        sc.experiment.replications = 9;
        let run = |threads| {
            let r = replicate::run(
                &sc,
                &RunOptions {
                    replications: 9,
                    threads,
                    on_progress: &|_| {},
                    cancel: &cancel,
                },
            )
            .unwrap();
            format!("{:?} {:?}", r.estimates, r.breakdown)
        };
        assert_eq!(run(1), run(2), "seed {seed}");
    }
}
