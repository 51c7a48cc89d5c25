//! Throughput of the general engine (several call types and agent groups), beside the
//! one-queue engines on the same one-queue model.
//!
//! `cargo bench --bench skills` prints, best of several runs (CCSIM_BENCH_RUNS, default 3),
//! calls simulated per second on one core:
//! * M/M/50 at 90 % load: the recursion, the one-queue event engine, and the general
//!   engine on the same model;
//! * a bank-like centre (3 call types, 2 specialist groups and generalists, lines,
//!   abandonment, an overflow delay);
//! * synthetic centres of growing size (types × groups, each group with 2–4 skills), to
//!   show how the cost per call grows with types and groups.

use std::time::Instant;

use ccsim::engine::skills::{self, GeneralWorkspace};
use ccsim::engine::{Workspace, events, simulate};
use ccsim::scenario::{self, Scenario};
use ccsim::stats::Tally;

fn runs() -> usize {
    std::env::var("CCSIM_BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
}

/// Best calls-per-second over several runs of `f`, which returns the calls it simulated.
fn best_rate(mut f: impl FnMut() -> u64) -> f64 {
    (0..runs())
        .map(|_| {
            let t = Instant::now();
            let calls = f();
            calls as f64 / t.elapsed().as_secs_f64()
        })
        .fold(0.0, f64::max)
}

fn load(path: &str) -> Scenario {
    scenario::load(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).expect("valid")
}

fn offered(t: &Tally) -> u64 {
    t.slots.iter().map(|s| s.offered).sum()
}

/// A synthetic centre: `types` call types at 60 calls an hour each (3-minute exponential
/// handle times, 2-minute patience), `groups` groups of 5 agents; group g serves 2 to 4
/// types (g, g+1, ... modulo types) with ranks 1, 2, ...
fn synthetic(types: usize, groups: usize, hours: u32) -> Scenario {
    let mut t =
        String::from("name = \"synthetic\"\n[service_level]\nthreshold = \"20s\"\ntarget = 0.8\n");
    for k in 0..types {
        t.push_str(&format!(
            "[[call_types]]\nname = \"t{k}\"\nrate = \"{}/h\"\n\
             handle_time = {{ distribution = \"exponential\", mean = \"3m\" }}\n\
             patience = {{ distribution = \"exponential\", mean = \"2m\" }}\n",
            (groups * 5) as f64 * 20.0 * 0.9 / types as f64
        ));
    }
    for g in 0..groups {
        let n = 2 + g % 3;
        let skills: Vec<String> = (0..n)
            .map(|i| format!("t{} = {}", (g + i * (1 + g % 5)) % types, i + 1))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        // Deduplicate by type (keep the first rank given).
        let mut seen = std::collections::BTreeSet::new();
        let skills: Vec<String> = skills
            .into_iter()
            .filter(|s| seen.insert(s.split(" = ").next().unwrap().to_string()))
            .collect();
        t.push_str(&format!(
            "[[agent_groups]]\nname = \"g{g}\"\nagents = 5\nskills = {{ {} }}\n",
            skills.join(", ")
        ));
    }
    t.push_str(&format!(
        "[simulation]\nhorizon = \"{hours}h\"\nreplications = 1\n"
    ));
    scenario::parse_scenario("synthetic.toml", &t).expect("a valid synthetic centre")
}

fn general_rate(sc: &Scenario) -> f64 {
    let mut ws = GeneralWorkspace::default();
    let mut tally = Tally::for_model(&sc.model);
    best_rate(|| {
        skills::simulate(&sc.model, &sc.experiment, 0, &mut tally, &mut ws);
        offered(&tally)
    })
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!(
        "ccsim general engine, best of {} runs (calls per second, one core)",
        runs()
    );
    let mut mm50 = load("benches/scenarios/mm50.toml");
    // A tenth of the throughput bench's replication: about a million calls.
    mm50.model.clock.horizon_s /= 10.0;
    mm50.model.clock.interval_s /= 10.0;
    let n = mm50.model.intervals();
    let mut tally = Tally::new(n, 20.0);
    let mut ws = Workspace::default();
    let recursion = best_rate(|| {
        simulate(&mm50.model, &mm50.experiment, 0, &mut tally, &mut ws);
        offered(&tally)
    });
    let one_queue_events = best_rate(|| {
        events::simulate(&mm50.model, &mm50.experiment, 0, &mut tally);
        offered(&tally)
    });
    let general = general_rate(&mm50);
    println!("M/M/50 at 90% load (one queue):");
    println!(
        "  recursion                      {:>6.2} M calls/s",
        recursion / 1e6
    );
    println!(
        "  one-queue event engine         {:>6.2} M calls/s",
        one_queue_events / 1e6
    );
    println!(
        "  general engine                 {:>6.2} M calls/s",
        general / 1e6
    );

    let bank = load("benches/scenarios/bank.toml");
    println!("Bank (3 types, 2 specialist groups + generalists, lines, abandonment):");
    println!(
        "  general engine                 {:>6.2} M calls/s",
        general_rate(&bank) / 1e6
    );

    println!("Synthetic centres (5 agents per group, 2-4 skills per group):");
    for (types, groups, hours) in [(2, 3, 2000), (5, 8, 800), (20, 30, 200), (40, 60, 100)] {
        let sc = synthetic(types, groups, hours);
        println!(
            "  {types:>2} types, {groups:>2} groups           {:>6.2} M calls/s",
            general_rate(&sc) / 1e6
        );
    }
}
