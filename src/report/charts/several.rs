//! The charts of a run with several call types or agent groups: each call type's
//! service level per interval against its own target, and each group's occupancy per
//! interval. Both are [`Curves`] figures; a one-queue run has neither.

use super::Chart;
use super::curves::{Curve, Curves, colour};
use super::kit::{TARGET, render};
use crate::error::{Error, Result};
use crate::report::RunReport;
use crate::report::i18n::{Key, Lang};
use crate::stats::Metric;
use crate::stats::breakdown::{BreakdownEstimates, GroupColumn};

/// The file name stem of the call types' service-level chart.
pub const TYPES_STEM: &str = "chart-call-types";
/// The file name stem of the groups' occupancy chart.
pub const GROUPS_STEM: &str = "chart-groups-occupancy";

/// The two charts of a run with several call types or groups (none for one queue).
pub fn draw(rep: &RunReport<'_>, lang: Lang) -> Result<Vec<Chart>> {
    let Some(bd) = rep.result.breakdown.as_ref() else {
        return Ok(Vec::new());
    };
    [
        (TYPES_STEM, types_figure(rep, bd, lang)),
        (GROUPS_STEM, groups_figure(rep, bd, lang)),
    ]
    .into_iter()
    .map(|(stem, fig)| {
        let (svg, png) = render(&fig)
            .map_err(|e| Error::runtime(format!("cannot draw the chart {stem}: {e}")))?;
        Ok(Chart {
            stem,
            title: fig.title.clone(),
            svg,
            png,
        })
    })
    .collect()
}

/// An empty figure on the run's clock, titled by `title` and `subtitle` keys.
fn figure(rep: &RunReport<'_>, lang: Lang, title: Key, subtitle: Key) -> Curves {
    let sc = rep.scenario;
    let clock = &sc.model.clock;
    let runs = lang.num(rep.result.estimates.replications as f64, 0);
    let title = lang.fill(
        title,
        &[
            ("scenario", &sc.labels.name),
            ("per", &lang.per_interval(clock.interval_s)),
        ],
    );
    let subtitle = lang.fill(subtitle, &[("runs", &runs)]);
    let mut fig = Curves::on_clock(clock, lang, title, subtitle);
    fig.bands = true;
    fig
}

/// One curve per call type; one dashed line per distinct target, grey when all types
/// share it, else in the colour of the first type with that target and naming them.
fn types_figure(rep: &RunReport<'_>, bd: &BreakdownEstimates, lang: Lang) -> Curves {
    let mut fig = figure(rep, lang, Key::TypesChartTitle, Key::TypesChartSubtitle);
    let types = &rep.scenario.model.call_types;
    fig.curves = types
        .iter()
        .zip(&bd.types)
        .enumerate()
        .map(|(k, (t, est))| Curve {
            label: t.name.clone(),
            colour: colour(k),
            values: est
                .intervals
                .iter()
                .map(|row| row[Metric::ServiceLevel as usize])
                .collect(),
        })
        .collect();
    let target = |k: usize| types[k].service_level.target;
    let one_target = (0..types.len()).all(|k| target(k) == target(0));
    for k in 0..types.len() {
        let pct = lang.pct(target(k), 0);
        if one_target {
            fig.add_target(
                target(k),
                TARGET,
                lang.fill(Key::LegendTarget, &[("target", &pct)]),
            );
        } else {
            let names: Vec<String> = (0..types.len())
                .filter(|&j| target(j) == target(k))
                .map(|j| types[j].name.clone())
                .collect();
            let label = lang.fill(
                Key::LegendTypeTarget,
                &[("target", &pct), ("types", &lang.list(&names))],
            );
            fig.add_target(target(k), colour(k), label);
        }
    }
    fig
}

/// One curve per agent group: its occupancy.
fn groups_figure(rep: &RunReport<'_>, bd: &BreakdownEstimates, lang: Lang) -> Curves {
    let mut fig = figure(rep, lang, Key::GroupsChartTitle, Key::GroupsChartSubtitle);
    fig.y_desc = lang.t(Key::ChartOccupancyAxis).into();
    let occupancy = GroupColumn::all(rep.scenario.model.call_types.len())
        .iter()
        .position(|c| *c == GroupColumn::Occupancy)
        .expect("a group's row has its occupancy");
    fig.curves = rep
        .scenario
        .model
        .agent_groups
        .iter()
        .zip(&bd.groups)
        .enumerate()
        .map(|(g, (group, est))| Curve {
            label: group.name.clone(),
            colour: colour(g),
            values: est.intervals.iter().map(|row| row[occupancy]).collect(),
        })
        .collect();
    fig
}
