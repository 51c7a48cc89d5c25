//! `ccsim merge`: join the shard folders of a sweep into one `sweep.csv` and `sweep.json`,
//! byte for byte what a single machine would have written.

use std::path::Path;

use crate::cli::MergeArgs;
use crate::error::{Error, Result, io_reason};
use crate::sweep::{self, Manifest, ShardFiles};

/// Reads every shard folder, checks they belong together, and writes the merged sweep.
pub fn run(args: &MergeArgs) -> Result<String> {
    let parts = args
        .dirs
        .iter()
        .map(|d| read_shard(d))
        .collect::<Result<Vec<_>>>()?;
    let (manifest, rows) = sweep::merge(&parts)?;
    let out = Path::new(&args.out);
    let (_, files) = super::sweep::write_sweep(out, &manifest, &rows, !args.no_charts)?;
    Ok(format!(
        "Merged {} shard{} of \"{}\" ({} variants) into {}/ ({})\n",
        parts.len(),
        if parts.len() == 1 { "" } else { "s" },
        manifest.scenario,
        manifest.variants,
        out.display(),
        files.join(", ")
    ))
}

fn read_shard(dir: &str) -> Result<ShardFiles> {
    let dir = dir.trim_end_matches('/');
    let dir = if dir.is_empty() { "/" } else { dir };
    let read = |name: &str| -> Result<String> {
        let path = Path::new(dir).join(name);
        std::fs::read_to_string(&path).map_err(|e| {
            Error::input(format!(
                "merge: cannot read {}: {} (expected a folder written by `ccsim sweep`)",
                path.display(),
                io_reason(&e)
            ))
        })
    };
    let json = read("sweep.json")?;
    let manifest: Manifest = serde_json::from_str(&json).map_err(|e| {
        Error::input(format!(
            "merge: {dir}/sweep.json:{}:{}: expected a sweep.json written by `ccsim sweep`, found {}",
            e.line(),
            e.column(),
            e
        ))
    })?;
    if manifest.schema != sweep::SCHEMA {
        return Err(Error::input(format!(
            "merge: {dir}/sweep.json: expected schema \"{}\", found \"{}\"",
            sweep::SCHEMA,
            manifest.schema
        )));
    }
    Ok(ShardFiles {
        dir: dir.to_string(),
        manifest,
        csv: read("sweep.csv")?,
    })
}
