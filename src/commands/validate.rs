//! `ccsim validate`: parse and check scenarios without simulating.

use crate::cli::ValidateArgs;
use crate::error::Result;
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
        out.push_str(&format!(
            "{path}: ok — \"{}\", {n} interval{}, {:.0} calls expected, {reps} replication{}\n",
            sc.labels.name,
            if n == 1 { "" } else { "s" },
            sc.model.expected_calls(),
            if reps == 1 { "" } else { "s" },
        ));
    }
    Ok(out)
}
