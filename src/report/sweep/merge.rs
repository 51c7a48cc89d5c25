//! Reading shard folders back for `merge`: their `sweep.json` manifests must describe one
//! sweep, and their rows are put back in variant order, so the merged files are byte for
//! byte what an unsharded run writes. Rows are read from `sweep.json`, which keeps every
//! number at full precision (`sweep.csv` is rounded for people and spreadsheets, and may
//! be in the French form).

use std::path::Path;

use super::files::{Manifest, SCHEMA, ShardInfo};
use crate::error::{Error, Result, io_reason};
use crate::stats::{Estimate, EstimateRow, Metric};
use crate::sweep::{Grid, MAX_VARIANTS, VariantResult};

/// One shard's folder as read by `merge`.
pub struct ShardFiles {
    /// The folder, for messages.
    pub dir: String,
    pub manifest: Manifest,
    /// The text of its `sweep.json`, whose rows are read by [`merge`].
    pub json: String,
}

impl ShardFiles {
    /// Reads `sweep.json` from a folder written by `ccsim sweep`.
    pub fn read(dir: &str) -> Result<ShardFiles> {
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
        if manifest.schema != SCHEMA {
            return Err(Error::input(format!(
                "merge: {dir}/sweep.json: expected schema \"{SCHEMA}\", found \"{}\"",
                manifest.schema
            )));
        }
        check_sizes(dir, &manifest)?;
        Ok(ShardFiles {
            dir: dir.to_string(),
            manifest,
            json,
        })
    }
}

/// Refuses a manifest whose counts no sweep can have (a tampered or corrupt file), before
/// anything is allocated for them.
fn check_sizes(dir: &str, m: &Manifest) -> Result<()> {
    let bad = |what: String| {
        Err(Error::input(format!(
            "merge: {dir}/sweep.json: expected {what}; the file is not as `ccsim sweep` wrote it"
        )))
    };
    if m.variants == 0 || m.variants > MAX_VARIANTS {
        return bad(format!(
            "from 1 to {MAX_VARIANTS} variants, found {}",
            m.variants
        ));
    }
    if m.shard.count == 0 || m.shard.count > MAX_VARIANTS {
        return bad(format!(
            "from 1 to {MAX_VARIANTS} shards, found {}",
            m.shard.count
        ));
    }
    if m.shard.index == 0 || m.shard.index > m.shard.count {
        return bad(format!(
            "a shard number from 1 to {}, found {}",
            m.shard.count, m.shard.index
        ));
    }
    Ok(())
}

/// Joins the shards of one sweep into the whole sweep's manifest and rows, exactly as an
/// unsharded run would have produced them; every inconsistency is an input error.
pub fn merge(parts: &[ShardFiles]) -> Result<(Manifest, Vec<VariantResult>)> {
    let Some(first) = parts.first() else {
        return Err(Error::input(
            "merge: expected at least one shard folder, found none",
        ));
    };
    check_same_sweep(first, parts)?;
    let total = first.manifest.variants;
    // The grid the manifest names: each row's varied values must be its variant's, so a
    // shard whose rows were re-sorted (in a spreadsheet, say) is not merged mislabelled.
    let grid = Grid::parse(&first.manifest.vary).ok();
    let mut rows: Vec<Option<VariantResult>> = vec![None; total];
    for p in in_shard_order(parts, first.manifest.shard.count)? {
        let shard = p.manifest.shard();
        let parsed = parse_rows(p)?;
        let expected: Vec<usize> = shard.variants(total).collect();
        if parsed.len() != expected.len() {
            return Err(Error::input(format!(
                "merge: {}/sweep.json: expected {} rows (the variants of shard {}/{}), found {}; \
                 did that shard finish?",
                p.dir,
                expected.len(),
                shard.index,
                shard.count,
                parsed.len()
            )));
        }
        for (mut row, index) in parsed.into_iter().zip(expected) {
            if let Some(grid) = &grid {
                let want: Vec<&str> = grid
                    .variant(index)
                    .iter()
                    .map(|v| v.cell.as_str())
                    .collect();
                if row.cells != want {
                    return Err(Error::input(format!(
                        "merge: {}/sweep.json: the row of variant {index} holds the values {} \
                         where the grid has {}; were the rows re-sorted or edited?",
                        p.dir,
                        row.cells.join(", "),
                        want.join(", ")
                    )));
                }
            }
            row.index = index;
            rows[index] = Some(row);
        }
    }
    let mut manifest = first.manifest.clone();
    manifest.shard = ShardInfo { index: 1, count: 1 };
    Ok((
        manifest,
        rows.into_iter()
            .map(|r| r.expect("every shard's rows placed"))
            .collect(),
    ))
}

/// Refuses parts whose manifests differ from the first's in anything but the shard number.
fn check_same_sweep(first: &ShardFiles, parts: &[ShardFiles]) -> Result<()> {
    for p in parts {
        let (a, b) = (&first.manifest, &p.manifest);
        let differs = [
            ("ccsim versions", a.ccsim_version != b.ccsim_version),
            ("scenario names", a.scenario != b.scenario),
            ("seeds", a.seed != b.seed),
            ("replication counts", a.replications != b.replications),
            ("--vary flags", a.vary != b.vary),
            ("variant counts", a.variants != b.variants),
            ("shard counts", a.shard.count != b.shard.count),
            (
                "scenarios (the files or their forecast files were edited)",
                a.fingerprint != b.fingerprint,
            ),
        ];
        if let Some((what, _)) = differs.iter().find(|(_, d)| *d) {
            return Err(Error::input(format!(
                "merge: {} and {} are not shards of the same sweep: their {what} differ \
                 ({} vs {})",
                first.dir,
                p.dir,
                describe_manifest(a),
                describe_manifest(b)
            )));
        }
    }
    Ok(())
}

/// The parts ordered by shard number, each of the `count` shards exactly once.
fn in_shard_order(parts: &[ShardFiles], count: usize) -> Result<Vec<&ShardFiles>> {
    let mut by_shard: Vec<Option<&ShardFiles>> = vec![None; count];
    for p in parts {
        let i = p.manifest.shard.index;
        if i == 0 || i > count {
            return Err(Error::input(format!(
                "merge: {}/sweep.json: expected a shard number from 1 to {count}, found {i}",
                p.dir
            )));
        }
        if let Some(prev) = by_shard[i - 1] {
            return Err(Error::input(format!(
                "merge: shard {i}/{count} is given twice: {} and {}",
                prev.dir, p.dir
            )));
        }
        by_shard[i - 1] = Some(p);
    }
    let missing: Vec<String> = by_shard
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(i, _)| format!("{}/{count}", i + 1))
        .collect();
    if !missing.is_empty() {
        return Err(Error::input(format!(
            "merge: expected all {count} shards, found {}; missing shard{} {}",
            parts.len(),
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", ")
        )));
    }
    Ok(by_shard.into_iter().flatten().collect())
}

fn describe_manifest(m: &Manifest) -> String {
    format!(
        "\"{}\" seed {}, {} replications, ccsim {}, {}, shard {}/{}",
        m.scenario,
        m.seed,
        m.replications,
        m.ccsim_version,
        m.vary
            .iter()
            .map(|v| format!("--vary {v}"))
            .collect::<Vec<_>>()
            .join(" "),
        m.shard.index,
        m.shard.count
    )
}

/// One row of `sweep.json` as `merge` reads it.
#[derive(serde::Deserialize)]
struct JsonRow {
    values: Vec<f64>,
    overall: serde_json::Map<String, serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct JsonRows {
    rows: Vec<JsonRow>,
}

/// Reads a shard's `sweep.json` rows back (indices are filled in by the caller); the
/// varied values are written back as the grid writes them, which the caller checks.
fn parse_rows(p: &ShardFiles) -> Result<Vec<VariantResult>> {
    let path = format!("{}/sweep.json", p.dir);
    let doc: JsonRows = serde_json::from_str(&p.json).map_err(|e| {
        Error::input(format!(
            "merge: {path}:{}:{}: expected the rows `ccsim sweep` writes, found {e}",
            e.line(),
            e.column()
        ))
    })?;
    let k = p.manifest.columns.len();
    doc.rows
        .into_iter()
        .enumerate()
        .map(|(n, row)| parse_row(row, k, &format!("{path}: row {}", n + 1)))
        .collect()
}

/// One row: `k` varied values, then each metric's mean and ci95 (null where undefined).
/// `at` names the row, for messages.
fn parse_row(row: JsonRow, k: usize, at: &str) -> Result<VariantResult> {
    if row.values.len() != k {
        return Err(Error::input(format!(
            "{at}: expected {k} varied values, found {}",
            row.values.len()
        )));
    }
    let mut overall: EstimateRow = [Estimate {
        mean: None,
        ci95: None,
        n: 0,
    }; Metric::COUNT];
    for &m in Metric::reported(false) {
        let field = |name: &str| -> Result<Option<f64>> {
            match row.overall.get(m.key()).and_then(|v| v.get(name)) {
                Some(serde_json::Value::Null) => Ok(None),
                Some(v) => v.as_f64().map(Some).ok_or_else(|| {
                    Error::input(format!(
                        "{at}: expected a number or null for {}.{name}, found {v}",
                        m.key()
                    ))
                }),
                None => Err(Error::input(format!(
                    "{at}: expected {}.{name}, found none",
                    m.key()
                ))),
            }
        };
        overall[m as usize].mean = field("mean")?;
        overall[m as usize].ci95 = field("ci95")?;
    }
    Ok(VariantResult {
        index: 0,
        cells: row.values.iter().map(|v| number_cell(*v)).collect(),
        overall,
    })
}

/// A varied value as the grid writes it ("-1", "95", "4.5").
fn number_cell(v: f64) -> String {
    crate::duration::clean_number(v)
}
