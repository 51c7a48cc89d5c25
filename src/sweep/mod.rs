//! What-if sweeps: the grid of variants that `--vary` flags describe, how each variant
//! changes a scenario, and running them all.
//!
//! A `--vary KEY=VALUES` flag gives one axis; several flags form a grid whose variants are
//! numbered row by row (the first flag varies slowest). Every variant is the base scenario
//! with one change per axis: staffing, call volume, handle time, patience, lines or the
//! service-level threshold. Variants keep the seed, and the engine draws every call's
//! handle time and patience on arrival from per-purpose streams, so variants share their
//! random numbers (common random numbers): scaling handle times stretches the same draws,
//! adding agents serves the very same callers. Differences between variants are then the
//! effect of the change, not noise.
//!
//! `grid` holds the grid and how a variant changes the scenario, `parse` reads the
//! `--vary` flags into it, and `shard` picks the variants one machine runs. Their files
//! are written by [`crate::report::sweep`].

mod grid;
mod parse;
mod shard;

pub use grid::{Axis, AxisValue, Grid, MAX_VARIANTS, Param};
pub use shard::Shard;

use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::replicate::{self, RunOptions};
use crate::scenario::Scenario;
use crate::stats::EstimateRow;

/// One variant's results.
#[derive(Debug, Clone)]
pub struct VariantResult {
    /// Index in the whole grid.
    pub index: usize,
    /// Its varied values, as written in `sweep.csv`.
    pub cells: Vec<String>,
    /// Estimates of every metric over the day.
    pub overall: EstimateRow,
}

/// How to run a sweep.
pub struct SweepOptions<'a> {
    pub threads: usize,
    /// Called after every replication of every variant.
    pub on_progress: &'a (dyn Fn(u64) + Sync),
    pub cancel: &'a AtomicBool,
}

/// Simulates the shard's variants of `base` (replications as in `base`), in parallel over
/// variants and replications, on one pool. The result is in variant order and does not
/// depend on the number of threads.
pub fn run(
    base: &Scenario,
    grid: &Grid,
    shard: Shard,
    opts: &SweepOptions<'_>,
) -> Result<Vec<VariantResult>> {
    grid.check(base)?;
    let indices: Vec<usize> = shard.variants(grid.len()).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    let results: Vec<Result<VariantResult>> = pool.install(|| {
        indices
            .par_iter()
            .map(|&index| {
                let sc = grid.apply(base, index)?;
                let run = replicate::run_in_pool(
                    &sc,
                    &RunOptions {
                        replications: sc.experiment.replications,
                        threads: opts.threads,
                        on_progress: opts.on_progress,
                        cancel: opts.cancel,
                    },
                )
                .map_err(|e| in_variant(e, grid, index))?;
                Ok(VariantResult {
                    index,
                    cells: grid.variant(index).iter().map(|v| v.cell.clone()).collect(),
                    overall: run.estimates.overall,
                })
            })
            .collect()
    });
    // The first failure in variant order, so the message does not depend on scheduling.
    results.into_iter().collect()
}

/// Names the variant in a failure message.
fn in_variant(e: Error, grid: &Grid, index: usize) -> Error {
    let label = grid
        .axes
        .iter()
        .zip(grid.variant(index))
        .map(|(a, v)| format!("{}={}", a.column, v.cell))
        .collect::<Vec<_>>()
        .join(", ");
    match e {
        Error::Input(m) => Error::Input(format!("variant {index} ({label}): {m}")),
        Error::Runtime(m) if m.starts_with("interrupted") => Error::Runtime(m),
        Error::Runtime(m) => Error::Runtime(format!("variant {index} ({label}): {m}")),
        other => other,
    }
}
