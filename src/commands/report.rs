//! `ccsim report`: one client report comparing scenarios (simulated with common random
//! numbers, [`crate::compare`]), or the report of a sweep folder read back from its
//! files ([`crate::report::sweep::report`]).

use std::path::{Path, PathBuf};

use super::shared;
use crate::cli::ReportArgs;
use crate::compare::{self, CompareOptions};
use crate::error::{Error, Result};
use crate::progress::{self, Progress};
use crate::report::client::ReportOptions;
use crate::report::output::OutputFolder;
use crate::report::sweep::report::{self as sweep_report, SweepFolder};
use crate::report::term::{plural, wrap};
use crate::settings::{self, SimSettings};

pub fn run(args: &ReportArgs) -> Result<String> {
    let sim = SimSettings::from_flags(&args.sim)?;
    let opts = ReportOptions::from_flags(&args.report);
    if let [one] = args.inputs.as_slice()
        && Path::new(one).is_dir()
    {
        return sweep(one, args, &opts);
    }
    if let Some(dir) = args.inputs.iter().find(|p| Path::new(p).is_dir()) {
        return Err(Error::input(format!(
            "report: {dir}: expected a scenario file (.toml), found a folder; give either \
             scenario files to compare or one sweep folder alone"
        )));
    }
    let scenarios = sim.load(&args.inputs)?;
    let (scenarios, notes) = compare::prepare(scenarios, args.sim.seed, args.sim.replications)?;
    let dir = settings::output_dir(args.out.as_deref(), &scenarios[0], "-compare")?;
    let opts = opts.with_scenario(&scenarios[0]);
    notes.iter().for_each(|n| progress::warn(n));
    // As `run` does: warnings print even with --quiet.
    scenarios
        .iter()
        .flat_map(crate::warnings::scenario_warnings)
        .for_each(|w| progress::warn(&w));
    let total = scenarios
        .iter()
        .map(|s| s.experiment.replications)
        .sum::<u64>();
    let bar = Progress::new(
        total,
        &format!("{} scenarios", scenarios.len()),
        args.sim.quiet,
    );
    let cancel = shared::interrupt_flag();
    let cmp = compare::simulate(
        scenarios,
        &CompareOptions {
            threads: sim.threads,
            on_progress: &|n| bar.inc(n),
            cancel: &cancel,
        },
    )?;
    bar.finish();
    cmp.variants
        .iter()
        .flat_map(|v| crate::warnings::result_warnings(&v.scenario, &v.result))
        .for_each(|w| progress::warn(&w));
    let mut folder = OutputFolder::new(&dir);
    folder.extend(crate::report::compare::files(&cmp, &opts)?);
    folder.commit()?;
    let mut text = crate::report::compare::table(&cmp);
    text.push_str(&wrap(
        &format!("\nReport written to {}/\n", dir.display()),
        2,
    ));
    Ok(text)
}

/// The report of a sweep folder, written to `DIR/report/` unless `--out` says otherwise
/// (never into the sweep folder itself, whose files the report would replace).
fn sweep(dir: &str, args: &ReportArgs, opts: &ReportOptions) -> Result<String> {
    let folder_in = SweepFolder::read(dir)?;
    let flags = [
        ("--replications", args.sim.replications.is_some()),
        ("--seed", args.sim.seed.is_some()),
    ];
    if let Some((flag, _)) = flags.iter().find(|(_, given)| *given) {
        return Err(Error::input(format!(
            "report: {flag}: a sweep folder's figures are read back, not simulated again; give {flag} to `ccsim sweep` instead"
        )));
    }
    let out = match args.out.as_deref() {
        Some(o) => PathBuf::from(settings::checked_out(o)?),
        None => Path::new(dir).join("report"),
    };
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    };
    if same(&out, Path::new(dir)) {
        return Err(Error::input(format!(
            "report: --out {}: expected a folder other than the sweep folder (its sweep.json \
             and sweep.csv would be replaced); leave --out out to write into {}/report/",
            out.display(),
            dir.trim_end_matches('/')
        )));
    }
    let mut folder = OutputFolder::new(&out);
    folder.extend(sweep_report::files(&folder_in, opts)?);
    folder.commit()?;
    Ok(wrap(
        &format!(
            "Report of the sweep of \"{}\" ({}) written to {}/\n",
            folder_in.manifest.scenario,
            plural(folder_in.rows.len(), "variant", "variants"),
            out.display()
        ),
        2,
    ))
}
