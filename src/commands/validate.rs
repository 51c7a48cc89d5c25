//! `ccsim validate`: parse and check scenarios without simulating.

use crate::cli::ValidateArgs;
use crate::error::Result;
use crate::report::term::{plural, wrap};
use crate::scenario;

/// Checks every file; the first invalid one ends the command with its message.
pub fn run(args: &ValidateArgs) -> Result<String> {
    let mut out = String::new();
    for path in &args.scenarios {
        let sc = scenario::load(path)?;
        crate::warnings::scenario_warnings(&sc)
            .iter()
            .for_each(|w| crate::progress::warn(w));
        let (n, reps) = (sc.model.intervals(), sc.experiment.replications);
        out.push_str(&wrap(
            &format!(
                "{path}: ok — \"{}\", {}, {:.0} calls expected, {}\n",
                sc.labels.name,
                plural(n, "interval", "intervals"),
                sc.model.expected_calls(),
                plural(reps, "replication", "replications"),
            ),
            2,
        ));
    }
    Ok(out)
}
