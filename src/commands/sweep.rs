//! `ccsim sweep`: simulate every variant of a what-if grid and write `sweep.csv` and
//! `sweep.json` (and a table for people).

use crate::report::term::{plural, wrap};
use std::path::PathBuf;

use super::shared;
use crate::cli::SweepArgs;
use crate::error::Result;
use crate::progress::Progress;
use crate::report::output::OutputFolder;
use crate::report::sweep::{Manifest, sweep_files, table};
use crate::scenario::Scenario;
use crate::settings::{self, SimSettings};
use crate::sweep::{self, Grid, Shard, SweepOptions};

/// Validates everything first (so bad input writes nothing), then runs the shard's variants.
pub fn run(args: &SweepArgs) -> Result<String> {
    let sim = SimSettings::from_flags(&args.sim)?;
    let base = sim.load_one(&args.scenario)?;
    let grid = Grid::parse(&args.vary)?;
    let shard = match &args.shard {
        Some(s) => Shard::parse(s)?,
        None => Shard::WHOLE,
    };
    grid.check(&base)?;
    grid.warnings(&base)
        .iter()
        .for_each(|w| crate::progress::warn(w));
    let dir = output_dir(&base, shard, args.out.as_deref())?;

    let variants = shard.variants(grid.len()).count() as u64;
    let label = if shard.is_whole() {
        plural(grid.len(), "variant", "variants")
    } else {
        format!(
            "shard {}/{}: {}",
            shard.index,
            shard.count,
            plural(variants, "variant", "variants")
        )
    };
    let progress = Progress::new(
        variants * base.experiment.replications,
        &label,
        args.sim.quiet,
    );
    let on_progress = |n: u64| progress.inc(n);
    let cancel = shared::interrupt_flag();
    let rows = sweep::run(
        &base,
        &grid,
        shard,
        &SweepOptions {
            threads: sim.threads,
            on_progress: &on_progress,
            cancel: &cancel,
        },
    )?;
    progress.finish();

    let manifest = Manifest::new(&base, &grid, shard);
    let (json, files) = sweep_files(
        &manifest,
        &rows,
        (!args.no_charts).then_some(args.lang),
        args.sheets,
    )?;
    let mut folder = OutputFolder::new(&dir);
    folder.extend(files);
    let files = folder.commit()?;
    if args.json {
        return Ok(json);
    }
    let mut text = table(&manifest, &rows);
    text.push_str(&wrap(
        &format!(
            "\nResults written to {}/ ({})\n",
            dir.display(),
            files.join(", ")
        ),
        2,
    ));
    if !shard.is_whole() {
        text.push_str(&wrap(&format!(
            "This is shard {}/{} of {} variants; join all {} shard folders with `ccsim merge DIR... --out DIR`.\n",
            shard.index,
            shard.count,
            grid.len(),
            shard.count
        ), 0));
    }
    Ok(text)
}

/// `--out`, or `output/<stem>-sweep/` (with a `shard-I-of-N/` sub-folder for a shard, so
/// shards run on one machine or a shared disk never overwrite each other).
fn output_dir(base: &Scenario, shard: Shard, out: Option<&str>) -> Result<PathBuf> {
    let dir = settings::output_dir(out, base, "-sweep")?;
    Ok(if out.is_some() || shard.is_whole() {
        dir
    } else {
        dir.join(format!("shard-{}-of-{}", shard.index, shard.count))
    })
}
