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

use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use crate::duration::parse_duration;
use crate::error::{Error, Result};
use crate::model::{Change, MAX_COUNT};
use crate::replicate::{self, RunOptions};
use crate::scenario::Scenario;
use crate::stats::EstimateRow;

/// At most this many variants in one sweep: a guard against a typo such as `/0.01%`.
pub const MAX_VARIANTS: usize = 100_000;

/// What a `--vary` key changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Agents,
    Calls,
    Aht,
    Patience,
    Lines,
    Threshold,
}

impl Param {
    pub const ALL: [Param; 6] = [
        Param::Agents,
        Param::Calls,
        Param::Aht,
        Param::Patience,
        Param::Lines,
        Param::Threshold,
    ];

    /// The key as written on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Param::Agents => "agents",
            Param::Calls => "calls",
            Param::Aht => "aht",
            Param::Patience => "patience",
            Param::Lines => "lines",
            Param::Threshold => "threshold",
        }
    }

    /// The forms of values this key takes, for messages and help.
    fn forms(self) -> &'static str {
        match self {
            Param::Agents => {
                "agents added to every interval (-2..+2), a percentage of each interval's agents \
                 (90%..110%/5%), or agents in every interval (10..20)"
            }
            Param::Calls => "a percentage of the expected calls (100%..130%/10%)",
            Param::Aht => {
                "a percentage of the mean handle time (90%..110%/5%), seconds added to it \
                 (+0s..+30s/10s), or the mean itself (4m..5m/30s)"
            }
            Param::Patience => {
                "a percentage of the mean patience (50%..150%/25%), seconds added to it \
                 (-30s..+30s/15s), or the mean itself (1m..3m/1m)"
            }
            Param::Lines => "the number of lines (40..60/5) or lines added (-5..+5)",
            Param::Threshold => "the service-level threshold as a duration (10s..30s/5s)",
        }
    }
}

/// How the values of one axis are written: the column of `sweep.csv` they go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A percentage: `90%`.
    Percent,
    /// A signed amount added: `+2`, `-30s`.
    Add,
    /// An amount set: `12`, `4m`.
    Set,
}

/// One value of an axis: its cell in `sweep.csv` and the change it makes.
#[derive(Debug, Clone, PartialEq)]
pub struct AxisValue {
    pub cell: String,
    pub change: Change,
}

/// One `--vary` flag, expanded.
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub param: Param,
    /// The flag as given, `KEY=VALUES`.
    pub spec: String,
    /// Its column in `sweep.csv`: the key with the unit of its values, such as
    /// `agents_add`, `aht_pct` or `threshold_s`.
    pub column: String,
    pub values: Vec<AxisValue>,
}

/// The variants of a sweep: every combination of the axes' values.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub axes: Vec<Axis>,
}

impl Grid {
    /// Parses `--vary` flags; each key may be varied once.
    pub fn parse(specs: &[String]) -> Result<Grid> {
        if specs.is_empty() {
            return Err(Error::input(
                "--vary: expected at least one KEY=VALUES such as `--vary agents=-2..+2`, found none",
            ));
        }
        let mut axes: Vec<Axis> = Vec::new();
        for spec in specs {
            let axis = parse_axis(spec)?;
            if let Some(prev) = axes.iter().find(|a| a.param == axis.param) {
                return Err(Error::input(format!(
                    "--vary {spec}: `{}` is already varied by `--vary {}`; list all its values in one flag \
                     (values may be combined with commas: {}=-2..+2,+5)",
                    axis.param.key(),
                    prev.spec,
                    axis.param.key()
                )));
            }
            axes.push(axis);
        }
        let grid = Grid { axes };
        let mut total: usize = 1;
        for a in &grid.axes {
            total = total.saturating_mul(a.values.len());
        }
        if total > MAX_VARIANTS {
            return Err(Error::input(format!(
                "--vary: expected at most {MAX_VARIANTS} variants in one sweep, found {total} \
                 ({}); use coarser steps",
                grid.axes
                    .iter()
                    .map(|a| format!("{} values of {}", a.values.len(), a.param.key()))
                    .collect::<Vec<_>>()
                    .join(" × ")
            )));
        }
        Ok(grid)
    }

    /// Number of variants.
    pub fn len(&self) -> usize {
        self.axes.iter().map(|a| a.values.len()).product()
    }

    /// Whether the grid has no variant (never true for a parsed grid).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `sweep.csv` columns of the varied values, one per axis.
    pub fn columns(&self) -> Vec<&str> {
        self.axes.iter().map(|a| a.column.as_str()).collect()
    }

    /// The values of variant `index` (row-major: the last axis varies fastest).
    pub fn variant(&self, index: usize) -> Vec<&AxisValue> {
        let mut rest = index;
        let mut out: Vec<&AxisValue> = self
            .axes
            .iter()
            .rev()
            .map(|a| {
                let v = &a.values[rest % a.values.len()];
                rest /= a.values.len();
                v
            })
            .collect();
        out.reverse();
        out
    }

    /// The base scenario changed as variant `index` says.
    pub fn apply(&self, base: &Scenario, index: usize) -> Result<Scenario> {
        let mut model = base.model.clone();
        for (axis, v) in self.axes.iter().zip(self.variant(index)) {
            model
                .apply_in_place(&v.change)
                .map_err(|why| Error::input(format!("--vary {}: {}: {why}", axis.spec, v.cell)))?;
        }
        Ok(base.with_model(model))
    }

    /// Checks that every variant can be built from `base`, so bad input fails before
    /// anything is simulated.
    pub fn check(&self, base: &Scenario) -> Result<()> {
        // Each axis acts on its own part of the scenario, so checking every value of every
        // axis on its own covers every combination.
        for axis in &self.axes {
            for v in &axis.values {
                base.model.apply(&v.change).map_err(|why| {
                    Error::input(format!("--vary {}: value {}: {why}", axis.spec, v.cell))
                })?;
            }
        }
        Ok(())
    }
}

/// Which variants a machine runs: those whose index ≡ `index − 1` (mod `count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: usize,
    pub count: usize,
}

impl Shard {
    pub const WHOLE: Shard = Shard { index: 1, count: 1 };

    /// Parses `I/N` with 1 ≤ I ≤ N.
    pub fn parse(text: &str) -> Result<Shard> {
        let bad = |why: &str| {
            Error::input(format!(
                "--shard: expected I/N with 1 ≤ I ≤ N, such as 2/8, found \"{text}\"{why}"
            ))
        };
        let (i, n) = text.split_once('/').ok_or_else(|| bad(""))?;
        let i: usize = i.trim().parse().map_err(|_| bad(""))?;
        let n: usize = n.trim().parse().map_err(|_| bad(""))?;
        if n == 0 {
            return Err(bad(" (N must be at least 1)"));
        }
        if i == 0 {
            return Err(bad(
                " (shards are numbered from 1; with a 0-based index such as \
                 JOB_COMPLETION_INDEX, add 1)",
            ));
        }
        if i > n {
            return Err(bad(" (I must not exceed N)"));
        }
        Ok(Shard { index: i, count: n })
    }

    /// The variant indices of this shard, in order.
    pub fn variants(self, total: usize) -> impl Iterator<Item = usize> {
        (self.index - 1..total).step_by(self.count)
    }

    pub fn is_whole(self) -> bool {
        self.count == 1
    }
}

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

// ---------------------------------------------------------------------------------------
// Parsing `KEY=VALUES`.

/// A parsed value before it is tied to a key: a number with its written form.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Amount {
    /// The number: a percentage (90 for 90 %), a count, or seconds.
    x: f64,
    form: Form,
}

fn parse_axis(spec: &str) -> Result<Axis> {
    let Some((key, values)) = spec.split_once('=') else {
        return Err(Error::input(format!(
            "--vary {spec}: expected KEY=VALUES such as agents=-2..+2 or aht=90%..110%/5%, \
             found no `=`"
        )));
    };
    let key = key.trim();
    let param = Param::ALL
        .into_iter()
        .find(|p| p.key() == key)
        .ok_or_else(|| {
            Error::input(format!(
                "--vary {spec}: expected one of the keys {}, found \"{key}\"",
                Param::ALL.map(Param::key).join(", ")
            ))
        })?;
    let err = |why: String| {
        Error::input(format!(
            "--vary {spec}: expected {}, found {why}",
            param.forms()
        ))
    };
    let mut amounts: Vec<Amount> = Vec::new();
    for item in values.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(err("an empty value".into()));
        }
        amounts.extend(expand_item(param, item).map_err(err)?);
    }
    // A signed value anywhere makes the whole axis "added" (`-2,0,+2` adds 0 in the middle).
    let form = if amounts.iter().any(|a| a.form == Form::Percent) {
        if let Some(other) = amounts.iter().find(|a| a.form != Form::Percent) {
            return Err(err(format!(
                "percentages mixed with {} (one kind of value per --vary)",
                clean(other.x)
            )));
        }
        Form::Percent
    } else if amounts.iter().any(|a| a.form == Form::Add) {
        Form::Add
    } else {
        Form::Set
    };
    let column = column_name(param, form).ok_or_else(|| {
        err(match form {
            Form::Percent => "a percentage".to_string(),
            Form::Add => "an amount to add".to_string(),
            Form::Set => format!("the value {}", clean(amounts[0].x)),
        })
    })?;
    let mut values: Vec<AxisValue> = Vec::with_capacity(amounts.len());
    for a in amounts {
        let change = to_change(param, form, a.x).map_err(err)?;
        let cell = clean(a.x).to_string();
        if values.iter().any(|v| v.cell == cell) {
            return Err(err(format!("the value {cell} twice")));
        }
        values.push(AxisValue { cell, change });
    }
    Ok(Axis {
        param,
        spec: spec.to_string(),
        column,
        values,
    })
}

/// The `sweep.csv` column for a key and form, or None where that form does not apply.
fn column_name(param: Param, form: Form) -> Option<String> {
    use Form::*;
    use Param::*;
    let suffix = match (param, form) {
        (Agents, Add) => "_add",
        (Agents, Set) | (Lines, Set) => "",
        (Lines, Add) => "_add",
        (Aht | Patience, Add) => "_add_s",
        (Aht | Patience, Set) | (Threshold, Set) => "_s",
        (Agents | Calls | Aht | Patience, Percent) => "_pct",
        _ => return None,
    };
    Some(format!("{}{suffix}", param.key()))
}

fn to_change(param: Param, form: Form, x: f64) -> std::result::Result<Change, String> {
    use Form::*;
    let whole = |x: f64| -> std::result::Result<i64, String> {
        if x.fract() != 0.0 || x.abs() > MAX_COUNT as f64 {
            Err(format!("{} (not a whole number)", clean(x)))
        } else {
            Ok(x as i64)
        }
    };
    let factor = |x: f64, allow_zero: bool| -> std::result::Result<f64, String> {
        if x < 0.0 || (!allow_zero && x == 0.0) {
            Err(format!("{}% (must be above 0%)", clean(x)))
        } else {
            Ok(x / 100.0)
        }
    };
    Ok(match (param, form) {
        (Param::Agents, Add) => Change::AddAgents(whole(x)?),
        (Param::Agents, Set) => Change::SetAgents(whole(x)?),
        (Param::Agents, Percent) => Change::ScaleAgents(factor(x, true)?),
        (Param::Calls, Percent) => Change::ScaleCalls(factor(x, true)?),
        (Param::Aht, Percent) => Change::ScaleAht(factor(x, false)?),
        (Param::Aht, Add) => Change::AddAht(x),
        (Param::Aht, Set) => Change::SetAht(x),
        (Param::Patience, Percent) => Change::ScalePatience(factor(x, false)?),
        (Param::Patience, Add) => Change::AddPatience(x),
        (Param::Patience, Set) => Change::SetPatience(x),
        (Param::Lines, Add) => Change::AddLines(whole(x)?),
        (Param::Lines, Set) => Change::SetLines(whole(x)?),
        (Param::Threshold, Set) => Change::SetThreshold(x),
        _ => return Err("a value of another kind".into()),
    })
}

/// One comma-separated item: a single value or a range `A..B[/STEP]`.
fn expand_item(param: Param, item: &str) -> std::result::Result<Vec<Amount>, String> {
    let Some((a, rest)) = item.split_once("..") else {
        return Ok(vec![parse_amount(param, item)?]);
    };
    let (b, step) = match rest.split_once('/') {
        Some((b, s)) => (b, Some(s)),
        None => (rest, None),
    };
    let from = parse_amount(param, a.trim())?;
    let to = parse_amount(param, b.trim())?;
    let percent = from.form == Form::Percent;
    if percent != (to.form == Form::Percent) {
        return Err(format!(
            "\"{item}\" (both ends of a range must be percentages, or neither)"
        ));
    }
    let form = if from.form == Form::Add || to.form == Form::Add {
        Form::Add
    } else {
        from.form
    };
    let step = match step {
        Some(s) => {
            let st = parse_amount(param, s.trim().trim_start_matches('+'))
                .map_err(|_| format!("\"{item}\" (the step \"{s}\" is not a value)"))?;
            if st.x <= 0.0 {
                return Err(format!("\"{item}\" (the step must be above zero)"));
            }
            st.x
        }
        None if from.x == to.x => 1.0,
        None if !percent && matches!(param, Param::Agents | Param::Lines) => 1.0,
        None => {
            return Err(format!(
                "\"{item}\" without a step; add one, such as {a}..{b}/{}",
                if percent { "5%" } else { "10s" }
            ));
        }
    };
    let span = (to.x - from.x).abs();
    let n = (span / step + 1e-9).floor() + 1.0;
    if n > MAX_VARIANTS as f64 {
        return Err(format!("\"{item}\" ({n} values; at most {MAX_VARIANTS})"));
    }
    let dir = if to.x >= from.x { 1.0 } else { -1.0 };
    Ok((0..n as usize)
        .map(|i| Amount {
            x: round9(from.x + dir * i as f64 * step),
            form,
        })
        .collect())
}

/// One value: `90%`, `+2`, `-30s`, `4m`, `12`.
fn parse_amount(param: Param, text: &str) -> std::result::Result<Amount, String> {
    let t = text.trim();
    let found = || format!("\"{t}\"");
    if let Some(p) = t.strip_suffix('%') {
        let x: f64 = p.trim().parse().map_err(|_| found())?;
        if !x.is_finite() {
            return Err(found());
        }
        return Ok(Amount {
            x,
            form: Form::Percent,
        });
    }
    let signed = t.starts_with('+') || t.starts_with('-');
    let form = if signed { Form::Add } else { Form::Set };
    let x = match param {
        Param::Agents | Param::Lines | Param::Calls => {
            let x: f64 = t.parse().map_err(|_| found())?;
            if !x.is_finite() {
                return Err(found());
            }
            x
        }
        Param::Aht | Param::Patience | Param::Threshold => {
            let (sign, body) = match t.as_bytes().first() {
                Some(b'-') => (-1.0, &t[1..]),
                Some(b'+') => (1.0, &t[1..]),
                _ => (1.0, t),
            };
            sign * parse_duration(body).map_err(|why| format!("{} ({why})", found()))?
        }
    };
    Ok(Amount { x, form })
}

fn round9(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 { 0.0 } else { r }
}

/// A number as written in `sweep.csv`: shortest form, no trailing `.0`.
fn clean(x: f64) -> String {
    let x = round9(x);
    format!("{x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(spec: &str) -> Vec<String> {
        parse_axis(spec)
            .unwrap()
            .values
            .into_iter()
            .map(|v| v.cell)
            .collect()
    }

    #[test]
    fn ranges_lists_and_columns() {
        assert_eq!(cells("agents=-2..+2"), ["-2", "-1", "0", "1", "2"]);
        assert_eq!(parse_axis("agents=-2..+2").unwrap().column, "agents_add");
        assert_eq!(cells("agents=-2,0,+2"), ["-2", "0", "2"]);
        assert_eq!(parse_axis("agents=10..12").unwrap().column, "agents");
        assert_eq!(cells("aht=90%..110%/5%"), ["90", "95", "100", "105", "110"]);
        assert_eq!(parse_axis("aht=90%..110%/5%").unwrap().column, "aht_pct");
        assert_eq!(cells("calls=100%..130%/10"), ["100", "110", "120", "130"]);
        assert_eq!(cells("aht=+0s..+30s/10s"), ["0", "10", "20", "30"]);
        assert_eq!(parse_axis("aht=+0s..+30s/10s").unwrap().column, "aht_add_s");
        assert_eq!(cells("threshold=10s..30s/10s"), ["10", "20", "30"]);
        assert_eq!(cells("threshold=1m"), ["60"]);
        assert_eq!(cells("lines=40..50/5"), ["40", "45", "50"]);
        assert_eq!(
            cells("calls=100%..100.3%/0.1%"),
            ["100", "100.1", "100.2", "100.3"]
        );
        assert_eq!(cells("agents=+2..-2/2"), ["2", "0", "-2"]);
    }

    #[test]
    fn bad_specs_are_input_errors() {
        for spec in [
            "agents",
            "staff=1..2",
            "aht=90%..110%",
            "calls=+2",
            "threshold=+5s",
            "agents=1.5",
            "agents=90%,+2",
            "aht=90%..110%/0%",
            "aht=0%",
            "agents=1..1000000/0.000001",
            "agents=1,1",
            "agents=",
        ] {
            let e = parse_axis(spec).unwrap_err();
            assert!(matches!(e, Error::Input(_)), "{spec}: {e}");
            assert!(e.to_string().contains(spec), "{spec}: {e}");
        }
    }

    #[test]
    fn shards() {
        let s = Shard::parse("2/3").unwrap();
        assert_eq!(s.variants(8).collect::<Vec<_>>(), [1, 4, 7]);
        assert_eq!(Shard::parse("3/3").unwrap().variants(2).count(), 0);
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }
}
