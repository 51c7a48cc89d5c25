//! `sweep.csv` and `sweep.json`: written by `sweep` and by `merge`, read back by `merge`.
//! The types here are the format: `schema/sweep.schema.json` is generated from them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::report::json::Metrics;
use crate::report::sheet::{Cell, CsvLocale, Rounded, Table, Unit};
use crate::scenario::Scenario;
use crate::stats::Metric;
use crate::sweep::{Grid, Shard, VariantResult};

/// The `schema` value of `sweep.json`.
pub const SCHEMA: &str = "ccsim.sweep.v1";

/// Which shard a `sweep.json` holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ShardInfo {
    /// 1-based shard number.
    pub index: usize,
    /// Number of shards the sweep was split into.
    pub count: usize,
}

/// Service-level settings as in `summary.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SlSettings {
    /// "Answered within", seconds.
    pub threshold_s: f64,
    pub target: f64,
    /// Which definition `service_level` reports: answered, offered or excl_short_abandons.
    pub of: String,
}

/// What identifies a sweep: shards must agree on all of it (but `shard`) to be merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Manifest {
    /// Always "ccsim.sweep.v1".
    pub schema: String,
    /// Version of ccsim that ran the sweep.
    pub ccsim_version: String,
    /// The scenario's name.
    pub scenario: String,
    /// The scenario's file name (without its folder).
    pub scenario_file: String,
    /// A fingerprint of the validated scenario, forecast and duration files included.
    pub fingerprint: String,
    pub seed: u64,
    /// Replications of every variant.
    pub replications: u64,
    /// The scenario's service-level settings (the threshold as in the file, whatever a
    /// `threshold` variant sets).
    pub service_level: SlSettings,
    /// The `--vary` flags, as given.
    pub vary: Vec<String>,
    /// The `sweep.csv` columns of the varied values, one per `--vary`.
    pub columns: Vec<String>,
    /// Variants in the whole sweep (all shards).
    pub variants: usize,
    pub shard: ShardInfo,
}

impl Manifest {
    pub fn new(base: &Scenario, grid: &Grid, shard: Shard) -> Manifest {
        Manifest {
            schema: SCHEMA.into(),
            ccsim_version: env!("CARGO_PKG_VERSION").into(),
            scenario: base.labels.name.clone(),
            scenario_file: std::path::Path::new(&base.labels.path)
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned()),
            fingerprint: base.fingerprint(),
            seed: base.experiment.seed,
            replications: base.experiment.replications,
            service_level: SlSettings {
                threshold_s: base.model.service_level.threshold_s,
                target: base.model.service_level.target,
                of: base.model.service_level.of.key().into(),
            },
            vary: grid.axes.iter().map(|a| a.spec.clone()).collect(),
            columns: grid.axes.iter().map(|a| a.column.clone()).collect(),
            variants: grid.len(),
            shard: ShardInfo {
                index: shard.index,
                count: shard.count,
            },
        }
    }

    /// The shard this manifest describes.
    pub fn shard(&self) -> Shard {
        Shard {
            index: self.shard.index,
            count: self.shard.count,
        }
    }
}

/// `sweep.json`: the manifest and every variant's overall results.
#[derive(Serialize, JsonSchema)]
pub struct SweepJson<'a> {
    #[serde(flatten)]
    pub manifest: &'a Manifest,
    /// One entry per variant of this shard, in variant order.
    pub rows: Vec<SweepJsonRow<'a>>,
}

/// One variant in `sweep.json`.
#[derive(Serialize, JsonSchema)]
pub struct SweepJsonRow<'a> {
    /// Index of the variant in the whole sweep (row-major over the `--vary` flags).
    pub variant: usize,
    /// The varied values, in the order of `columns`.
    pub values: Vec<f64>,
    /// Every metric over the day, as in summary.json's `overall`.
    pub overall: Metrics<'a>,
}

/// The JSON Schema of `sweep.json`, generated from the types that write it.
pub fn schema(settings: schemars::generate::SchemaSettings) -> serde_json::Value {
    settings
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<SweepJson<'static>>()
        .to_value()
}

/// The text of `sweep.json`.
pub fn json_text(manifest: &Manifest, rows: &[VariantResult]) -> String {
    let doc = SweepJson {
        manifest,
        rows: rows
            .iter()
            .map(|r| SweepJsonRow {
                variant: r.index,
                values: r
                    .cells
                    .iter()
                    .map(|c| c.parse().expect("cells are numbers"))
                    .collect(),
                overall: Metrics::base(&r.overall),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("sweep.json serialises");
    s.push('\n');
    s
}

/// The text of `sweep.csv` in `locale`.
pub fn csv_text(columns: &[String], rows: &[VariantResult], locale: CsvLocale) -> String {
    table(columns, rows).csv(locale)
}

/// The table of `sweep.csv`: one row per variant, the varied values first (as on the
/// command line), then every overall metric's mean and ci95 (empty where undefined).
pub fn table(columns: &[String], rows: &[VariantResult]) -> Table {
    let mut t = Table::new("sweep");
    for c in columns {
        t.column(c.clone(), Unit::Number);
    }
    for &m in Metric::reported(false) {
        t.metric_columns(m.key(), Unit::of_metric(m));
    }
    for r in rows {
        let mut cells: Vec<Cell> = r
            .cells
            .iter()
            .map(|c| Cell::Number(Rounded::exact(c)))
            .collect();
        for &m in Metric::reported(false) {
            cells.extend(Cell::estimate(r.overall[m as usize]));
        }
        t.rows.push(cells);
    }
    t
}
