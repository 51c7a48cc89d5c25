//! Writes a synthetic call log made from a one-queue scenario, as a switch would export
//! it: `cargo run --example synthetic_log -- SCENARIO DAYS SEED FIRST_DATE [DECIMALS]`.
//! `scenarios/example-log.csv` was made with
//! `cargo run --example synthetic_log -- scenarios/example-log-source.toml 10 7 2026-11-02 0`.

use ccsim::calllog::read::parse_date;
use ccsim::calllog::synth::{SynthOptions, simulate_days, write_csv};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 4 {
        eprintln!("usage: synthetic_log SCENARIO DAYS SEED FIRST_DATE [DECIMALS]");
        std::process::exit(2);
    }
    let sc = ccsim::scenario::load(&args[0]).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(2)
    });
    let opts = SynthOptions {
        days: args[1].parse().expect("DAYS: a whole number"),
        seed: args[2].parse().expect("SEED: a whole number"),
        first_day: parse_date(&args[3], false).expect("FIRST_DATE: such as 2026-11-02"),
        ivr_share: 0.05,
        decimals: args
            .get(4)
            .map_or(1, |d| d.parse().expect("DECIMALS: 0 to 3")),
    };
    let calls = simulate_days(&sc.model, &opts);
    print!("{}", write_csv(&calls, &opts));
}
