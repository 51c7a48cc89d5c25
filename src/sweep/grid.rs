//! The grid of a sweep: one [`Axis`] per `--vary` flag, every combination of their values
//! a variant, numbered row by row (the first flag varies slowest). A variant is the base
//! scenario with each axis's [`Change`] applied by [`crate::model::Model::apply`].

use super::parse::parse_axis;
use crate::duration::format_duration;
use crate::error::{Error, Result};
use crate::model::Change;
use crate::scenario::Scenario;

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
    /// Cross-training: agents of a group who also take a call type (`cross@GROUP+TYPE`).
    Cross,
}

impl Param {
    pub const ALL: [Param; 7] = [
        Param::Agents,
        Param::Calls,
        Param::Aht,
        Param::Patience,
        Param::Lines,
        Param::Threshold,
        Param::Cross,
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
            Param::Cross => "cross",
        }
    }
}

/// How the values of one axis are written: the column of `sweep.csv` they go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Form {
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
    /// `agents_add`, `aht_pct` or `threshold_s` (and `@NAME` for one group or type).
    pub column: String,
    /// The agent group (`agents@NAME`) or call type (`calls@NAME`, ...) it changes alone.
    pub target: Option<String>,
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
            if let Some(prev) = axes
                .iter()
                .find(|a| a.param == axis.param && a.target == axis.target)
            {
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

    /// Warnings about axes that are valid but probably not what the user meant: handle
    /// times or patience set with bare numbers (seconds) far from the scenario's mean, as
    /// `aht=90..110/5` meant as percentages would be.
    pub fn warnings(&self, base: &Scenario) -> Vec<String> {
        let calls = base.model.main_type();
        let mut out = Vec::new();
        for axis in self.axes.iter().filter(|a| a.target.is_none()) {
            let values = axis.spec.split_once('=').map_or("", |(_, v)| v);
            if values.chars().any(|c| c.is_alphabetic() || c == '%') {
                continue;
            }
            let (set, what, mean): (Vec<f64>, &str, Option<f64>) = match axis.param {
                Param::Aht => (
                    axis.values
                        .iter()
                        .filter_map(|v| match v.change {
                            Change::SetAht(x) => Some(x),
                            _ => None,
                        })
                        .collect(),
                    "mean handle time",
                    Some(calls.handle_time.mean()),
                ),
                Param::Patience => (
                    axis.values
                        .iter()
                        .filter_map(|v| match v.change {
                            Change::SetPatience(x) => Some(x),
                            _ => None,
                        })
                        .collect(),
                    "mean patience",
                    calls.patience.as_ref().map(|p| p.mean()),
                ),
                _ => continue,
            };
            let (Some(lo), Some(hi), Some(mean)) = (
                set.iter().copied().reduce(f64::min),
                set.iter().copied().reduce(f64::max),
                mean,
            ) else {
                continue;
            };
            if mean < lo / 2.0 || mean > hi * 2.0 {
                out.push(format!(
                    "--vary {}: bare numbers are seconds, so this sets the {what} to {} .. {} \
                     (the scenario's is {}); for percentages write {}=90%..110%/5%, for \
                     minutes \"4m\"",
                    axis.spec,
                    format_duration(lo),
                    format_duration(hi),
                    format_duration(mean),
                    axis.param.key()
                ));
            }
        }
        out
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
