//! Several call types and agent groups (SPEC "Several call types and agent groups"):
//! the general engine against the one-queue recursion call for call, exact reductions,
//! and the file format's checks.

use ccsim::engine::skills::{self, GeneralWorkspace};
use ccsim::engine::{Workspace, simulate};
use ccsim::scenario::{Scenario, parse_scenario};
use ccsim::stats::Tally;

fn parse(name: &str, text: &str) -> Scenario {
    parse_scenario(&format!("{name}.toml"), text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Asserts two tallies count the same calls the same way; agent time to 1e-9.
fn assert_same_tally(ctx: &str, a: &Tally, b: &Tally, with_agent_time: bool) {
    let n = a.intervals();
    for slot in 0..=n {
        let (f, s) = (&a.slots[slot], &b.slots[slot]);
        let ctx = format!("{ctx} slot {slot}");
        assert_eq!(
            (f.offered, f.answered, f.abandoned, f.blocked),
            (s.offered, s.answered, s.abandoned, s.blocked),
            "{ctx}: counts"
        );
        assert_eq!(
            (f.answered_within, f.abandoned_within),
            (s.answered_within, s.abandoned_within),
            "{ctx}: within threshold"
        );
        assert!(
            (f.wait_sum - s.wait_sum).abs() <= 1e-9 * s.wait_sum.max(1.0),
            "{ctx}: wait sum {} vs {}",
            f.wait_sum,
            s.wait_sum
        );
        if slot < n {
            assert_eq!(a.histogram(slot), b.histogram(slot), "{ctx}: histogram");
            if with_agent_time {
                for (x, y, what) in [
                    (f.busy_time, s.busy_time, "busy"),
                    (f.staffed_time, s.staffed_time, "on the phones"),
                ] {
                    assert!(
                        (x - y).abs() <= 1e-9 * y.max(1.0),
                        "{ctx}: {what} time {x} vs {y}"
                    );
                }
            }
        }
    }
}

/// The general engine on a one-queue model gives the recursion's calls exactly.
fn oracle(name: &str, sc: &Scenario, replications: u64) {
    let n = sc.model.intervals();
    let (mut ws, mut general) = (Workspace::default(), GeneralWorkspace::default());
    for rep in 0..replications {
        let mut fast = Tally::new(n, sc.model.service_level.threshold_s);
        let mut slow = Tally::new(n, sc.model.service_level.threshold_s);
        let a = simulate(&sc.model, &sc.experiment, rep, &mut fast, &mut ws);
        let b = skills::simulate(&sc.model, &sc.experiment, rep, &mut slow, &mut general);
        assert_eq!(a, b, "{name} rep {rep}: outcome");
        assert_same_tally(&format!("{name} rep {rep}"), &fast, &slow, true);
    }
}

const HEAD: &str = "[service_level]\nthreshold = 20\ntarget = 0.8\n";

#[test]
fn general_engine_equals_the_recursion_on_one_queue() {
    for f in ["retail-day", "small-business"] {
        let path = format!("{}/scenarios/{f}.toml", env!("CARGO_MANIFEST_DIR"));
        oracle(f, &parse(f, &std::fs::read_to_string(path).unwrap()), 10);
    }
    let swings = format!(
        "name = \"swings\"\ninterval = \"15m\"\n{HEAD}[arrivals]\ncalls = [60, 80, 80, 40, 90, 90, 10, 70, 0, 50]\n\
         [handle_time]\ndistribution = \"lognormal\"\nmean = \"6m\"\nsd = \"8m\"\n\
         [patience]\ndistribution = \"weibull\"\nshape = 0.8\nscale = \"4m\"\n\
         [staffing]\nagents = [8, 2, 9, 1, 12, 0, 5, 3, 0, 6]\n"
    );
    oracle("swings", &parse("swings", &swings), 40);
    let lines = format!(
        "name = \"lines\"\ninterval = \"30m\"\nlines = 9\n{HEAD}[arrivals]\ncalls = [50, 70, 90, 30]\n\
         [handle_time]\ndistribution = \"gamma\"\nmean = \"3m\"\nsd = \"1m\"\n\
         [staffing]\nagents = [4, 6, 3, 5]\n[simulation]\nwarmup = \"20m\"\n"
    );
    oracle("lines", &parse("lines", &lines), 40);
    let lines_patience = format!(
        "name = \"lp\"\ninterval = \"30m\"\nlines = 5\n{HEAD}[arrivals]\ncalls = [80, 90]\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"1m\"\n[staffing]\nagents = [3, 2]\n"
    );
    oracle("lines-patience", &parse("lp", &lines_patience), 40);
}
