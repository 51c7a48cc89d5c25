//! The report of a sweep folder (`ccsim report DIR`): read back from the `sweep.json` and
//! `sweep.csv` that `sweep` or `merge` wrote, with the variants table, the sweep charts
//! redrawn in the report's language, and a plain-words reading: which variants meet the
//! target, and the cheapest one that does.
//!
//! "Cheapest" needs nothing but the folder: variants that differ only in staffing are
//! ranked by their staffing values (fewer agents added, a smaller share of the plan, fewer
//! agents set), separately for each combination of the other swept values.

use std::path::Path;

use super::chart::{self, column_title, named_value, value_text};
use super::merge::{ShardFiles, merge};
use super::{Manifest, files::SCHEMA};
use crate::error::{Error, Result};
use crate::report::charts::Chart;
use crate::report::client::doc::{Block, Document, Figure, Row, RowKind, Table, meta_line};
use crate::report::client::{ReportOptions, document_files};
use crate::report::i18n::{Key, Lang};
use crate::report::output::Files;
use crate::stats::{Estimate, Metric};
use crate::sweep::VariantResult;

/// A whole sweep read back from its folder.
pub struct SweepFolder {
    pub dir: String,
    pub manifest: Manifest,
    pub rows: Vec<VariantResult>,
}

/// Whether `dir` looks like a sweep folder (it holds a `sweep.json`): what tells
/// `ccsim report DIR` from `ccsim report A.toml B.toml`.
pub fn is_sweep_folder(dir: &str) -> bool {
    Path::new(dir).join("sweep.json").is_file()
}

impl SweepFolder {
    /// Reads a folder written by `ccsim sweep` (unsharded) or `ccsim merge`; anything else
    /// is an input error that says what was expected.
    pub fn read(dir: &str) -> Result<SweepFolder> {
        let path = Path::new(dir);
        if !path.is_dir() {
            return Err(Error::input(format!(
                "report: {dir}: expected a scenario file (.toml) or a folder written by \
                 `ccsim sweep`, found {}",
                if path.exists() {
                    "something else"
                } else {
                    "no such file or folder"
                }
            )));
        }
        if !is_sweep_folder(dir) {
            return Err(Error::input(format!(
                "report: {dir}: expected a sweep folder (sweep.json and sweep.csv written by \
                 `ccsim sweep` or `ccsim merge`), found no sweep.json"
            )));
        }
        let reword = |e: Error| match e {
            Error::Input(m) => Error::input(match m.strip_prefix("merge: ") {
                Some(rest) => format!("report: {rest}"),
                None => m,
            }),
            other => other,
        };
        let part = ShardFiles::read(dir).map_err(reword)?;
        if part.manifest.schema != SCHEMA {
            return Err(Error::input(format!(
                "report: {dir}/sweep.json: expected schema \"{SCHEMA}\", found \"{}\"",
                part.manifest.schema
            )));
        }
        let shard = part.manifest.shard;
        if shard.count > 1 {
            return Err(Error::input(format!(
                "report: {dir}: expected a whole sweep, found shard {}/{} of one; join the \
                 shard folders with `ccsim merge DIR... --out DIR` and report on that",
                shard.index, shard.count
            )));
        }
        let (manifest, rows) = merge(&[part]).map_err(reword)?;
        Ok(SweepFolder {
            dir: dir.to_string(),
            manifest,
            rows,
        })
    }
}

/// Redraws the sweep charts (unless told not to) and renders `report.html` and
/// `report.md` of a sweep folder.
pub fn files(sweep: &SweepFolder, opts: &ReportOptions) -> Result<Files> {
    let drawn = if opts.charts {
        chart::draw(&sweep.manifest, &sweep.rows, opts.lang)?
    } else {
        vec![]
    };
    let document = build(sweep, opts, &drawn);
    Ok(document_files(&document, &drawn, opts.lang))
}

fn sl(r: &VariantResult) -> Option<f64> {
    r.overall[Metric::ServiceLevel as usize].mean
}

/// Builds the report of a sweep.
pub fn build(sweep: &SweepFolder, opts: &ReportOptions, charts: &[Chart]) -> Document {
    let lang = opts.lang;
    let m = &sweep.manifest;
    let mut blocks = Vec::new();
    if let Some(note) = &opts.meta.note {
        blocks.push(Block::Para(note.clone()));
    }
    let runs = lang.num(m.replications as f64, 0);
    let variants = if m.variants == 1 {
        lang.t(Key::SwpVariantOne).to_string()
    } else {
        lang.fill(Key::SwpVariantMany, &[("n", &m.variants.to_string())])
    };
    blocks.push(Block::Heading(lang.t(Key::SwpReadingHeading).into()));
    blocks.push(Block::Para(lang.fill(
        Key::SwpIntro,
        &[
            ("variants", &variants),
            ("scenario", &m.scenario),
            ("runs", &runs),
        ],
    )));
    blocks.extend(reading(sweep, lang).into_iter().map(Block::Para));
    blocks.push(Block::Heading(lang.t(Key::SwpTableHeading).into()));
    blocks.push(Block::Para(lang.t(Key::SwpTableIntro).into()));
    blocks.push(Block::Table(variants_table(sweep, lang)));
    blocks.push(Block::Heading(lang.t(Key::ChartsHeading).into()));
    if charts.is_empty() {
        blocks.push(Block::Para(lang.t(Key::ChartsSkipped).into()));
    }
    for c in charts {
        let caption = if c.stem == "sweep-heatmap" {
            Key::SwpCaptionHeatmap
        } else {
            Key::SwpCaptionLines
        };
        blocks.push(Block::Figure(Figure {
            title: c.title.clone(),
            caption: lang.t(caption).into(),
            svg: c.svg.clone(),
            png_file: c.file_name("png"),
        }));
    }
    blocks.push(Block::Heading(lang.t(Key::HowHeading).into()));
    blocks.push(Block::Term(
        lang.t(Key::HowCiTerm).into(),
        lang.t(Key::HowCi).into(),
    ));
    blocks.push(Block::Heading(lang.t(Key::TechnicalHeading).into()));
    let vary: Vec<String> = m.vary.iter().map(|v| format!("--vary {v}")).collect();
    blocks.push(Block::Para(lang.fill(
        Key::SwpTechnical,
        &[
            ("version", &m.ccsim_version),
            ("file", &m.scenario_file),
            ("vary", &vary.join(" ")),
            ("runs", &runs),
            ("seed", &m.seed.to_string()),
        ],
    )));
    Document {
        title: lang.fill(Key::SwpTitle, &[("scenario", &m.scenario)]),
        meta: meta_line(&opts.meta, lang, m.replications),
        blocks,
    }
}

/// The variant's swept values, named: "Agents +2, Calls 110%".
fn label(m: &Manifest, r: &VariantResult, lang: Lang, skip: Option<usize>) -> String {
    m.columns
        .iter()
        .zip(&r.cells)
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, (c, v))| named_value(c, v, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Which variants meet the target, and the cheapest that does.
fn reading(sweep: &SweepFolder, lang: Lang) -> Vec<String> {
    let m = &sweep.manifest;
    let target = m.service_level.target;
    let target_txt = lang.pct(target, 0);
    let meets = |r: &VariantResult| sl(r).is_some_and(|x| x >= target);
    let k = sweep.rows.iter().filter(|r| meets(r)).count();
    let n = sweep.rows.len();
    let mut out = Vec::new();
    if k == n {
        out.push(lang.fill(Key::SwpMeetAll, &[("target", &target_txt)]));
    } else if k == 0 {
        let best = sweep
            .rows
            .iter()
            .filter(|r| sl(r).is_some())
            .max_by(|a, b| sl(a).unwrap_or(0.0).total_cmp(&sl(b).unwrap_or(0.0)));
        if let Some(best) = best {
            out.push(lang.fill(
                Key::SwpMeetNone,
                &[
                    ("target", &target_txt),
                    ("best", &label(m, best, lang, None)),
                    ("sl", &lang.pct(sl(best).unwrap_or(0.0), 1)),
                ],
            ));
        }
    } else {
        let key = if k == 1 {
            Key::SwpMeetSomeOne
        } else {
            Key::SwpMeetSome
        };
        out.push(lang.fill(
            key,
            &[
                ("k", &k.to_string()),
                ("n", &n.to_string()),
                ("target", &target_txt),
            ],
        ));
    }
    out.extend(cheapest(sweep, lang));
    out
}

/// The one swept column that sets the staffing, if the variants can be ranked by it.
fn staffing_column(m: &Manifest) -> Option<usize> {
    let staffing: Vec<usize> = (0..m.columns.len())
        .filter(|&i| m.columns[i].starts_with("agents"))
        .collect();
    match staffing.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// For each combination of the values swept besides the staffing, the variant with the
/// fewest agents that meets the target.
fn cheapest(sweep: &SweepFolder, lang: Lang) -> Vec<String> {
    let m = &sweep.manifest;
    let Some(col) = staffing_column(m) else {
        if !m.columns.iter().any(|c| c.starts_with("agents")) {
            return vec![lang.t(Key::SwpNoStaffing).into()];
        }
        return vec![];
    };
    let target = m.service_level.target;
    let value = |r: &VariantResult| r.cells[col].parse::<f64>().unwrap_or(f64::NAN);
    // Groups of variants sharing the other values, in the order they first appear.
    let mut groups: Vec<(Vec<&String>, Vec<&VariantResult>)> = Vec::new();
    for r in &sweep.rows {
        let key: Vec<&String> = r
            .cells
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != col)
            .map(|(_, c)| c)
            .collect();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, g)) => g.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    groups
        .iter()
        .map(|(_, g)| {
            let held = label(m, g[0], lang, Some(col));
            let best = g
                .iter()
                .filter(|r| sl(r).is_some_and(|x| x >= target))
                .min_by(|a, b| value(a).total_cmp(&value(b)));
            match (best, held.is_empty()) {
                (None, true) => String::new(),
                (None, false) => lang.fill(Key::SwpCheapestNone, &[("held", &held)]),
                (Some(b), true) => lang.fill(
                    Key::SwpCheapest,
                    &[
                        (
                            "variant",
                            &named_value(&m.columns[col], &b.cells[col], lang),
                        ),
                        ("sl", &lang.pct(sl(b).unwrap_or(0.0), 1)),
                    ],
                ),
                (Some(b), false) => lang.fill(
                    Key::SwpCheapestWith,
                    &[
                        ("held", &held),
                        (
                            "variant",
                            &named_value(&m.columns[col], &b.cells[col], lang),
                        ),
                        ("sl", &lang.pct(sl(b).unwrap_or(0.0), 1)),
                    ],
                ),
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// One row per variant: its swept values, then the day's figures with their intervals.
fn variants_table(sweep: &SweepFolder, lang: Lang) -> Table {
    let m = &sweep.manifest;
    let target = m.service_level.target;
    let pct_ci = |e: Estimate| match e.mean {
        Some(x) => format!(
            "{} ± {}",
            lang.pct(x, 1),
            lang.num(e.ci95.unwrap_or(0.0) * 100.0, 1)
        ),
        None => lang.t(Key::NotAvailable).into(),
    };
    let secs_ci = |e: Estimate| match e.mean {
        Some(x) => format!(
            "{}\u{a0}{} ± {}",
            lang.num(x, 1),
            lang.t(Key::UnitSecondShort),
            lang.num(e.ci95.unwrap_or(0.0), 1)
        ),
        None => lang.t(Key::NotAvailable).into(),
    };
    let busy = sweep.rows.iter().any(|r| {
        r.overall[Metric::BlockRate as usize]
            .mean
            .is_some_and(|b| b > 0.0)
    });
    let mut header: Vec<String> = m.columns.iter().map(|c| column_title(c, lang)).collect();
    let mut metrics = vec![
        (Metric::ServiceLevel, Key::CmpRowServiceLevel),
        (Metric::AsaS, Key::CmpRowAsa),
        (Metric::AbandonRate, Key::CmpRowAbandon),
    ];
    if busy {
        metrics.push((Metric::BlockRate, Key::CmpRowBusy));
    }
    metrics.push((Metric::Occupancy, Key::CmpRowOccupancy));
    header.extend(metrics.iter().map(|(_, k)| lang.t(*k).to_string()));
    header.push(lang.t(Key::SwpColMeets).into());
    let rows = sweep
        .rows
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = m
                .columns
                .iter()
                .zip(&r.cells)
                .map(|(c, v)| value_text(c, v, lang))
                .collect();
            for (metric, _) in &metrics {
                let e = r.overall[*metric as usize];
                cells.push(if metric.is_fraction() {
                    pct_ci(e)
                } else {
                    secs_ci(e)
                });
            }
            let ok = sl(r).is_some_and(|x| x >= target);
            cells.push(lang.t(if ok { Key::SwpYes } else { Key::SwpNo }).into());
            Row {
                cells,
                kind: if ok { RowKind::Normal } else { RowKind::Below },
            }
        })
        .collect();
    let numeric = (0..header.len()).map(|i| i >= m.columns.len()).collect();
    Table {
        header,
        numeric,
        rows,
        compact: true,
        nowrap_first: true,
    }
}
