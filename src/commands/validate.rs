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
        out.push_str(&format!(
            "{path}: ok — \"{}\", {} intervals, {:.0} calls expected, {} replications\n",
            sc.labels.name,
            sc.model.intervals(),
            sc.model.expected_calls(),
            sc.experiment.replications
        ));
    }
    Ok(out)
}
