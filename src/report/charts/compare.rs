//! The chart of a comparison (`ccsim report A.toml B.toml …`): every scenario's service
//! level per interval, one line each, against the target, on the run charts' clock axis
//! and with their look (a [`Curves`] figure).

use super::Chart;
use super::curves::{Curve, Curves, colour};
use super::kit::{TARGET, render};
use crate::compare::Comparison;
use crate::error::{Error, Result};
use crate::model::SlDefinition;
use crate::report::i18n::{Key, Lang};
use crate::stats::Metric;

/// The file name stem of the comparison's chart.
pub const STEM: &str = "compare-service-level";

/// Draws the service-level chart of a comparison in `lang`.
pub fn draw(cmp: &Comparison, lang: Lang) -> Result<Chart> {
    let fig = figure(cmp, lang);
    let (svg, png) =
        render(&fig).map_err(|e| Error::runtime(format!("cannot draw the chart {STEM}: {e}")))?;
    Ok(Chart {
        stem: STEM,
        title: fig.title.clone(),
        svg,
        png,
    })
}

/// One curve per scenario, without bands, and one dashed line per distinct target.
fn figure(cmp: &Comparison, lang: Lang) -> Curves {
    let clock = &cmp.variants[0].scenario.model.clock;
    let title = lang.fill(
        Key::CmpChartTitle,
        &[
            ("per", &lang.per_interval(clock.interval_s)),
            ("n", &cmp.variants.len().to_string()),
        ],
    );
    let mut fig = Curves::on_clock(clock, lang, title, subtitle(cmp, lang));
    fig.curves = cmp
        .variants
        .iter()
        .enumerate()
        .map(|(i, v)| Curve {
            label: v.name.clone(),
            colour: colour(i),
            values: v
                .result
                .estimates
                .intervals
                .iter()
                .map(|row| row[Metric::ServiceLevel as usize])
                .collect(),
        })
        .collect();
    for v in &cmp.variants {
        let t = v.scenario.model.service_level.target;
        let label = lang.fill(Key::LegendTarget, &[("target", &lang.pct(t, 0))]);
        fig.add_target(t, TARGET, label);
    }
    fig
}

fn subtitle(cmp: &Comparison, lang: Lang) -> String {
    let mut thresholds: Vec<String> = Vec::new();
    for v in &cmp.variants {
        let t = lang.duration(v.scenario.model.service_level.threshold_s);
        if !thresholds.contains(&t) {
            thresholds.push(t);
        }
    }
    let threshold = lang.list(&thresholds);
    let definition = match cmp.variants[0].scenario.model.service_level.of {
        SlDefinition::Offered => lang.t(Key::DefOffered).to_string(),
        SlDefinition::Answered => lang.t(Key::DefAnswered).to_string(),
        SlDefinition::ExclShortAbandons => lang.fill(Key::DefExcl, &[("threshold", &threshold)]),
    };
    lang.fill(
        Key::CmpChartSubtitle,
        &[
            ("threshold", &threshold),
            ("definition", &definition),
            ("runs", &lang.num(cmp.replications as f64, 0)),
        ],
    )
}
