//! Staffing by simulation: the result meets the target everywhere and is lean.

use std::sync::atomic::AtomicBool;

use ccsim::replicate::{self, RunOptions};
use ccsim::scenario;
use ccsim::staffing::{staff_by_simulation, with_agents};
use ccsim::stats::Metric;

fn below_target(sc: &scenario::Scenario, agents: &[u32]) -> Vec<usize> {
    let s = with_agents(sc, agents);
    let cancel = AtomicBool::new(false);
    let opts = RunOptions {
        replications: s.simulation.replications,
        threads: 0,
        on_progress: &|_| {},
        cancel: &cancel,
    };
    let r = replicate::run(&s, &opts).unwrap();
    r.estimates
        .intervals
        .iter()
        .enumerate()
        .filter(|(_, row)| {
            row[Metric::ServiceLevel as usize]
                .mean
                .is_some_and(|v| v < s.service_level.target)
        })
        .map(|(i, _)| i)
        .collect()
}

#[test]
fn simulated_staffing_meets_target_and_is_lean() {
    let mut sc = scenario::load(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/small-business.toml"
    ))
    .unwrap();
    sc.simulation.replications = 60;
    let cancel = AtomicBool::new(false);
    let t = std::time::Instant::now();
    let found = staff_by_simulation(&sc, 2, &cancel, &|| {}).unwrap();
    println!(
        "staffing {:?} in {} evaluations, {:.2?}",
        found.agents,
        found.evaluations,
        t.elapsed()
    );
    assert!(
        below_target(&sc, &found.agents).is_empty(),
        "target met everywhere"
    );
    for i in 0..found.agents.len() {
        if found.agents[i] == 0 {
            continue;
        }
        let mut fewer = found.agents.clone();
        fewer[i] -= 1;
        assert!(
            !below_target(&sc, &fewer).is_empty(),
            "one agent fewer at interval {i} still meets the target: not lean"
        );
    }
}
