//! `ccsim merge`: join the shard folders of a sweep into one `sweep.csv` and `sweep.json`,
//! byte for byte what a single machine would have written.

use crate::report::term::{plural, wrap};
use std::path::Path;

use crate::cli::MergeArgs;
use crate::error::Result;
use crate::report::output::OutputFolder;
use crate::report::sweep::{ShardFiles, merge, sweep_files};

/// Reads every shard folder, checks they belong together, and writes the merged sweep.
pub fn run(args: &MergeArgs) -> Result<String> {
    let parts = args
        .dirs
        .iter()
        .map(|d| ShardFiles::read(d))
        .collect::<Result<Vec<_>>>()?;
    let (manifest, rows) = merge(&parts)?;
    let out = Path::new(crate::settings::checked_out(&args.out)?);
    let (_, files) = sweep_files(
        &manifest,
        &rows,
        (!args.no_charts).then_some(args.lang),
        args.sheets,
    )?;
    let mut folder = OutputFolder::new(out);
    folder.extend(files);
    let files = folder.commit()?;
    Ok(wrap(
        &format!(
            "Merged {} shard{} of \"{}\" ({}) into {}/ ({})\n",
            parts.len(),
            if parts.len() == 1 { "" } else { "s" },
            manifest.scenario,
            plural(manifest.variants, "variant", "variants"),
            out.display(),
            files.join(", ")
        ),
        2,
    ))
}
