//! The fast engine (a recursion over arrivals) against the event-by-event reference
//! engine: same scenario and seed must give the same calls' outcomes. Counts, waits and
//! histograms must agree exactly; agent time, summed in a different order, to 1e-9.

use ccsim::engine::{Workspace, events, simulate};
use ccsim::scenario::parse_scenario;
use ccsim::stats::Tally;

/// Compares the engines replication by replication; returns the callers left waiting at
/// close over all replications, so tests can make sure that case was exercised.
fn compare(name: &str, text: &str, replications: u64) -> u64 {
    let sc =
        parse_scenario(&format!("{name}.toml"), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let n = sc.model.intervals();
    let mut ws = Workspace::default();
    let mut waiting = 0;
    for rep in 0..replications {
        let mut fast = Tally::new(n, sc.model.service_level.threshold_s);
        let mut slow = Tally::new(n, sc.model.service_level.threshold_s);
        let a = simulate(&sc.model, &sc.experiment, rep, &mut fast, &mut ws);
        let b = events::simulate(&sc.model, &sc.experiment, rep, &mut slow);
        assert_eq!(a.stranded, b.stranded, "{name} rep {rep}: stranded");
        assert_eq!(
            a.waiting_at_close, b.waiting_at_close,
            "{name} rep {rep}: waiting at close"
        );
        waiting += a.waiting_at_close;
        for slot in 0..=n {
            let (f, s) = (&fast.slots[slot], &slow.slots[slot]);
            let ctx = format!("{name} rep {rep} slot {slot}");
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
                (f.wait_sum - s.wait_sum).abs() <= 1e-12 * s.wait_sum.max(1.0),
                "{ctx}: wait sum {} vs {}",
                f.wait_sum,
                s.wait_sum
            );
            if slot < n {
                assert_eq!(
                    fast.histogram(slot),
                    slow.histogram(slot),
                    "{ctx}: wait histogram"
                );
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
    waiting
}

const HEAD: &str = "[service_level]\nthreshold = 20\ntarget = 0.8\n";

#[test]
fn example_scenarios() {
    for f in ["retail-day", "small-business"] {
        let text =
            std::fs::read_to_string(format!("{}/scenarios/{f}.toml", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        compare(f, &text, 20);
    }
}

#[test]
fn staffing_that_falls_and_rises_sharply() {
    // Agents leave while busy (falls), come back before the leavers are done (rises),
    // an interval with nobody, and callers who hang up.
    let text = format!(
        "name = \"swings\"\ninterval = \"15m\"\n{HEAD}[arrivals]\ncalls = [60, 80, 80, 40, 90, 90, 10, 70, 0, 50]\n\
         [handle_time]\ndistribution = \"lognormal\"\nmean = \"6m\"\nsd = \"8m\"\n\
         [patience]\ndistribution = \"weibull\"\nshape = 0.8\nscale = \"4m\"\n\
         [staffing]\nagents = [8, 2, 9, 1, 12, 0, 5, 3, 0, 6]\n"
    );
    assert!(
        compare("swings", &text, 40) > 0,
        "some callers still wait at close"
    );
}

#[test]
fn lines_warmup_and_no_patience() {
    let text = format!(
        "name = \"lines\"\ninterval = \"30m\"\nlines = 9\n{HEAD}[arrivals]\ncalls = [50, 70, 90, 30]\n\
         [handle_time]\ndistribution = \"gamma\"\nmean = \"3m\"\nsd = \"1m\"\n\
         [staffing]\nagents = [4, 6, 3, 5]\n[simulation]\nwarmup = \"20m\"\n"
    );
    compare("lines", &text, 40);
    let text = format!(
        "name = \"lines-patience\"\ninterval = \"30m\"\nlines = 5\n{HEAD}[arrivals]\ncalls = [80, 90]\n\
         [handle_time]\ndistribution = \"exponential\"\nmean = \"3m\"\n\
         [patience]\ndistribution = \"exponential\"\nmean = \"1m\"\n[staffing]\nagents = [3, 2]\n"
    );
    compare("lines-patience", &text, 40);
}

#[test]
fn simultaneous_events_are_ordered_the_same_way() {
    // Fixed handle times equal to the interval length put completions exactly on
    // boundaries; fixed patience puts hang-ups exactly on answer times.
    let text = format!(
        "name = \"ties\"\ninterval = \"10m\"\n{HEAD}[arrivals]\ncalls = [30, 30, 30, 30, 30]\n\
         [handle_time]\ndistribution = \"fixed\"\nvalue = \"10m\"\n\
         [patience]\ndistribution = \"fixed\"\nvalue = \"10m\"\n[staffing]\nagents = [3, 1, 4, 0, 2]\n"
    );
    assert!(
        compare("ties", &text, 40) > 0,
        "some callers still wait at close"
    );
}
