//! `ccsim sweep`: simulate every variant of a what-if grid and write `sweep.csv` and
//! `sweep.json` (and a table for people).

use std::path::{Path, PathBuf};

use super::shared;
use crate::cli::SweepArgs;
use crate::error::Result;
use crate::progress::Progress;
use crate::report::table::{column_widths, format_row, pct, secs};
use crate::report::{output, sweep_chart};
use crate::scenario::Scenario;
use crate::settings::SimSettings;
use crate::stats::Metric;
use crate::sweep::{self, Grid, Manifest, Shard, SweepOptions, VariantResult};

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
    let dir = output_dir(&base, shard, args.out.as_deref());

    let variants = shard.variants(grid.len()).count() as u64;
    let label = if shard.is_whole() {
        format!("{} variants", grid.len())
    } else {
        format!("shard {}/{}: {variants} variants", shard.index, shard.count)
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
    let (json, files) = write_sweep(&dir, &manifest, &rows, !args.no_charts)?;
    if args.json {
        return Ok(json);
    }
    let mut text = table(&base, &manifest, &rows);
    text.push_str(&format!(
        "\nResults written to {}/ ({})\n",
        dir.display(),
        files.join(", ")
    ));
    if !shard.is_whole() {
        text.push_str(&format!(
            "This is shard {}/{} of {} variants; join all {} shard folders with `ccsim merge DIR... --out DIR`.\n",
            shard.index,
            shard.count,
            grid.len(),
            shard.count
        ));
    }
    Ok(text)
}

/// `--out`, or `output/<stem>-sweep/` (with a `shard-I-of-N/` sub-folder for a shard, so
/// shards run on one machine or a shared disk never overwrite each other).
fn output_dir(base: &Scenario, shard: Shard, out: Option<&str>) -> PathBuf {
    match out {
        Some(dir) => PathBuf::from(dir),
        None => {
            let dir = Path::new("output").join(format!("{}-sweep", base.labels.stem()));
            if shard.is_whole() {
                dir
            } else {
                dir.join(format!("shard-{}-of-{}", shard.index, shard.count))
            }
        }
    }
}

/// Writes `sweep.csv`, `sweep.json` and (unless `charts` is false, or for a shard) the
/// sweep charts atomically; returns the JSON text and the names of the files written.
pub fn write_sweep(
    dir: &Path,
    manifest: &Manifest,
    rows: &[VariantResult],
    charts: bool,
) -> Result<(String, Vec<String>)> {
    let json = sweep::json_text(manifest, rows);
    // Draw before writing anything, so a drawing failure leaves no partial folder.
    let charts = if charts {
        sweep_chart::draw(manifest, rows)?
    } else {
        vec![]
    };
    output::ensure_dir(dir)?;
    // Both tables or neither, as `run` does for its results.
    output::write_all_atomic(
        dir,
        &[
            (
                "sweep.csv",
                sweep::csv_text(&manifest.columns, rows).as_bytes(),
            ),
            ("sweep.json", json.as_bytes()),
        ],
    )?;
    let mut files = vec!["sweep.csv".to_string(), "sweep.json".to_string()];
    for c in &charts {
        for (ext, bytes) in [("svg", c.svg.as_bytes()), ("png", &c.png[..])] {
            let name = format!("{}.{ext}", c.stem);
            output::write_atomic(dir, &name, bytes)?;
            files.push(name);
        }
    }
    Ok((json, files))
}

/// The human summary: one line per variant with the headline metrics.
pub fn table(base: &Scenario, manifest: &Manifest, rows: &[VariantResult]) -> String {
    let mut header: Vec<String> = manifest.columns.clone();
    header.extend(
        ["Service level", "ASA", "Abandoned", "Occupancy"]
            .iter()
            .map(|s| s.to_string()),
    );
    let mut lines: Vec<Vec<String>> = vec![header];
    for r in rows {
        let mut line = r.cells.clone();
        line.push(pct(r.overall[Metric::ServiceLevel as usize]));
        line.push(secs(r.overall[Metric::AsaS as usize]));
        line.push(pct(r.overall[Metric::AbandonRate as usize]));
        line.push(pct(r.overall[Metric::Occupancy as usize]));
        lines.push(line);
    }
    let all: Vec<&[String]> = lines.iter().map(|l| &l[..]).collect();
    let widths = column_widths(&all);
    let mut out = format!(
        "{} — sweep of {} variants ({}), {} replications each, seed {}\n\n",
        base.labels.name,
        manifest.variants,
        manifest
            .vary
            .iter()
            .map(|v| format!("--vary {v}"))
            .collect::<Vec<_>>()
            .join(" "),
        manifest.replications,
        manifest.seed
    );
    for l in &lines {
        out.push_str(&format_row(l, &widths, &[]));
    }
    out
}
