//! Staffing growth benchmark: how the time of `staff` by simulation grows with the number
//! of intervals.
//!
//! `cargo bench --bench staffing_growth` staffs a flat day of half hours (30 calls each,
//! lognormal 4-minute handle times, callers hanging up after 3 minutes on average, 100
//! replications) of 48, 96 and 192 intervals, and prints the time of each and its ratio
//! to the previous size: about 2 per doubling is linear growth, 4 quadratic. Set
//! CCSIM_BENCH_MONTH=1 to add a month of half hours (1,440 intervals), and
//! CCSIM_BENCH_GOALS=1 to add every kind of goal (abandonment, ASA, occupancy, confidence).

use std::sync::atomic::AtomicBool;
use std::time::Instant;

use ccsim::scenario::parse_scenario;
use ccsim::staffing::staff_by_simulation;

fn flat_day(intervals: usize, goals: bool) -> String {
    let calls = vec!["30"; intervals].join(", ");
    let goals = if goals {
        "[goals]\nmax_abandon_rate = 0.05\nmax_asa = \"30s\"\nmax_occupancy = 0.9\nconfidence = 0.8\n"
    } else {
        ""
    };
    format!(
        "name = \"Flat {intervals}\"\ninterval = \"30m\"\n\n[service_level]\nthreshold = \"20s\"\n\
         target = 0.8\n\n[arrivals]\ncalls = [{calls}]\n\n[handle_time]\n\
         distribution = \"lognormal\"\nmean = \"4m\"\nsd = \"4m\"\n\n[patience]\n\
         distribution = \"exponential\"\nmean = \"3m\"\n\n[staffing]\nagents = 5\n\n{goals}"
    )
}

fn main() {
    let goals = std::env::var("CCSIM_BENCH_GOALS").is_ok();
    let mut sizes = vec![48, 96, 192];
    if std::env::var("CCSIM_BENCH_MONTH").is_ok() {
        sizes.push(1440);
    }
    let cancel = AtomicBool::new(false);
    let mut last: Option<(usize, f64)> = None;
    println!("intervals  seconds  evaluations  time ratio to previous (size ratio)");
    for n in sizes {
        let sc = parse_scenario("flat.toml", &flat_day(n, goals)).expect("bench scenario");
        let t = Instant::now();
        let found = staff_by_simulation(&sc, 0, &cancel, &|| {}).expect("staffs");
        let secs = t.elapsed().as_secs_f64();
        let ratio = last.map_or(String::new(), |(m, s)| {
            format!("{:.2} ({:.1})", secs / s, n as f64 / m as f64)
        });
        println!("{n:>9}  {secs:>7.2}  {:>11}  {ratio}", found.evaluations);
        last = Some((n, secs));
    }
}
