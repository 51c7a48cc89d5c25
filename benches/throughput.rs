//! Throughput benchmark: calls simulated per second.
//!
//! `cargo bench --bench throughput` prints, for each case, the best of several runs:
//! * M/M/50 at 90 % load, one long replication (library call, and the whole `ccsim run`
//!   process), beside a minimal Kiefer–Wolfowitz recursion for the same model (a heap of
//!   agent free times and nothing else) as the yardstick of what the hardware can do;
//! * the 48-interval retail example (lognormal handle times, abandonment);
//! * a 5,000-agent centre, to show cost per call grows slowly with centre size;
//! * the retail example on 1 and 2 threads, for scaling with cores;
//! * the retail example with busyness, absence and redials, for what they cost.
//!
//! Set CCSIM_BENCH_RUNS to change the number of runs per case (default 3).

use std::collections::BinaryHeap;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use ccsim::replicate::{self, RunOptions};
use ccsim::scenario::{self, Scenario};
use rand::SeedableRng;
use rand_distr::{Distribution, Exp1};
use rand_xoshiro::Xoshiro256PlusPlus;

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
    scenario::load(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .expect("bench scenario is valid")
}

fn simulate(sc: &Scenario, replications: u64, threads: usize) -> u64 {
    let cancel = AtomicBool::new(false);
    let opts = RunOptions {
        replications,
        threads,
        on_progress: &|_| {},
        cancel: &cancel,
    };
    replicate::run(sc, &opts).expect("runs").calls_simulated
}

/// The yardstick: M/M/c by the Kiefer–Wolfowitz recursion, FIFO, with nothing but a heap
/// of agent free times. Returns the mean wait so the work cannot be optimised away.
fn kiefer_wolfowitz(calls: u64, agents: usize, rate: f64, aht: f64) -> f64 {
    let mut arrivals = Xoshiro256PlusPlus::seed_from_u64(1);
    let mut services = Xoshiro256PlusPlus::seed_from_u64(2);
    // Max-heap of negated free times = min-heap of free times.
    let mut free: BinaryHeap<std::cmp::Reverse<u64>> =
        (0..agents).map(|_| std::cmp::Reverse(0u64)).collect();
    let mut t = 0.0f64;
    let mut wait_sum = 0.0;
    for _ in 0..calls {
        let gap: f64 = Exp1.sample(&mut arrivals);
        t += gap / rate;
        let std::cmp::Reverse(bits) = free.pop().expect("agents");
        let earliest = f64::from_bits(bits);
        let start = t.max(earliest);
        wait_sum += start - t;
        let service: f64 = Exp1.sample(&mut services);
        // Positive f64s order like their bit patterns.
        free.push(std::cmp::Reverse((start + service * aht).to_bits()));
    }
    wait_sum / calls as f64
}

fn main() {
    // `cargo test` also runs benches with --bench absent: skip quietly then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!(
        "ccsim throughput, best of {} runs (calls simulated per second)",
        runs()
    );

    let mm50 = load("benches/scenarios/mm50.toml");
    let lib = best_rate(|| simulate(&mm50, 1, 1));
    let bin = env!("CARGO_BIN_EXE_ccsim");
    let out = std::env::temp_dir().join("ccsim-bench-out");
    let calls = simulate(&mm50, 1, 1);
    let process = best_rate(|| {
        let status = Command::new(bin)
            .args(["run", "benches/scenarios/mm50.toml", "--quiet", "--out"])
            .arg(&out)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(std::process::Stdio::null())
            .status()
            .expect("ccsim runs");
        assert!(status.success());
        calls
    });
    let kw_calls = 10_000_000;
    let floor = best_rate(|| {
        std::hint::black_box(kiefer_wolfowitz(kw_calls, 50, 0.25, 180.0));
        kw_calls
    });
    println!("M/M/50 at 90% load, one replication of {calls} calls:");
    println!(
        "  ccsim library                 {:>7.2} M calls/s",
        lib / 1e6
    );
    println!(
        "  ccsim run (whole process)     {:>7.2} M calls/s",
        process / 1e6
    );
    println!(
        "  minimal recursion (yardstick) {:>7.2} M calls/s",
        floor / 1e6
    );
    println!("  ratio ccsim process / yardstick  {:.2}", process / floor);

    let retail = load("scenarios/retail-day.toml");
    let retail_1 = best_rate(|| simulate(&retail, 2000, 1));
    let retail_2 = best_rate(|| simulate(&retail, 2000, 2));
    println!("Retail day (48 intervals, lognormal, abandonment), 2000 replications:");
    println!(
        "  1 thread                      {:>7.2} M calls/s  ({:.2}x the M/M/50 figure)",
        retail_1 / 1e6,
        lib / retail_1
    );
    println!(
        "  2 threads                     {:>7.2} M calls/s  ({:.2}x speed-up)",
        retail_2 / 1e6,
        retail_2 / retail_1
    );

    let uncertain = load("benches/scenarios/retail-uncertain.toml");
    let uncertain_1 = best_rate(|| simulate(&uncertain, 2000, 1));
    println!("Retail day with busyness, absence and redials, 2000 replications:");
    println!(
        "  1 thread                      {:>7.2} M calls/s  ({:.0}% of the plain retail day)",
        uncertain_1 / 1e6,
        100.0 * uncertain_1 / retail_1
    );

    let large = load("benches/scenarios/large-centre.toml");
    let large_rate = best_rate(|| simulate(&large, 1, 1));
    println!("5,000 agents at 90% load, one replication:");
    println!(
        "  ccsim library                 {:>7.2} M calls/s  ({:.2}x slower than 50 agents)",
        large_rate / 1e6,
        lib / large_rate
    );
}
