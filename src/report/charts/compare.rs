//! The chart of a comparison (`ccsim report A.toml B.toml …`): every scenario's service
//! level per interval, one line each, against the target, on the run charts' clock axis
//! and with their look ([`super::kit`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Chart;
use super::kit::*;
use crate::compare::Comparison;
use crate::error::{Error, Result};
use crate::model::SlDefinition;
use crate::report::i18n::{Key, Lang};
use crate::stats::Metric;

/// The file name stem of the comparison's chart.
pub const STEM: &str = "compare-service-level";

/// Line colours, in the order of the scenarios (repeated beyond eight).
const PALETTE: [RGBColor; 8] = [
    BLUE_LINE,
    ORANGE,
    GREEN_LINE,
    RED_MARK,
    PURPLE,
    BROWN,
    RGBColor(227, 119, 194),
    RGBColor(23, 190, 207),
];

/// The colour of the `i`-th scenario's line.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// Draws the service-level chart of a comparison in `lang`.
pub fn draw(cmp: &Comparison, lang: Lang) -> Result<Chart> {
    let fig = CompareFigure::new(cmp, lang);
    let (svg, png) =
        render(&fig).map_err(|e| Error::runtime(format!("cannot draw the chart {STEM}: {e}")))?;
    Ok(Chart {
        stem: STEM,
        title: fig.title.clone(),
        svg,
        png,
    })
}

struct CompareFigure<'a> {
    cmp: &'a Comparison,
    lang: Lang,
    title: String,
    axis: ClockAxis,
    /// Each interval's start, middle and end on the clock axis, in hours.
    spans: Vec<(f64, f64, f64)>,
    /// The distinct targets, in the order of the scenarios.
    targets: Vec<f64>,
}

impl<'a> CompareFigure<'a> {
    fn new(cmp: &'a Comparison, lang: Lang) -> Self {
        let model = &cmp.variants[0].scenario.model;
        let clock = &model.clock;
        let n = clock.len();
        let spans = (0..n)
            .map(|i| {
                let (a, b) = clock.bounds(i);
                let (a, b) = ((clock.start_s + a) / 3600.0, (clock.start_s + b) / 3600.0);
                (a, (a + b) / 2.0, b)
            })
            .collect();
        let mut targets: Vec<f64> = Vec::new();
        for v in &cmp.variants {
            let t = v.scenario.model.service_level.target;
            if !targets.contains(&t) {
                targets.push(t);
            }
        }
        let title = lang.fill(
            Key::CmpChartTitle,
            &[
                ("per", &lang.per_interval(clock.interval_s)),
                ("n", &cmp.variants.len().to_string()),
            ],
        );
        CompareFigure {
            cmp,
            lang,
            title,
            axis: ClockAxis::new(clock.start_s, clock.start_s + clock.bounds(n - 1).1),
            spans,
            targets,
        }
    }

    fn subtitle(&self) -> String {
        let lang = self.lang;
        let mut thresholds: Vec<String> = Vec::new();
        for v in &self.cmp.variants {
            let t = lang.duration(v.scenario.model.service_level.threshold_s);
            if !thresholds.contains(&t) {
                thresholds.push(t);
            }
        }
        let threshold = lang.list(&thresholds);
        let definition = match self.cmp.variants[0].scenario.model.service_level.of {
            SlDefinition::Offered => lang.t(Key::DefOffered).to_string(),
            SlDefinition::Answered => lang.t(Key::DefAnswered).to_string(),
            SlDefinition::ExclShortAbandons => {
                lang.fill(Key::DefExcl, &[("threshold", &threshold)])
            }
        };
        lang.fill(
            Key::CmpChartSubtitle,
            &[
                ("threshold", &threshold),
                ("definition", &definition),
                ("runs", &lang.num(self.cmp.replications as f64, 0)),
            ],
        )
    }

    fn legend(&self) -> Vec<LegendItem> {
        let mut items: Vec<LegendItem> = self
            .cmp
            .variants
            .iter()
            .enumerate()
            .map(|(i, v)| LegendItem {
                swatch: Swatch::LineDot(colour(i)),
                label: v.name.clone(),
            })
            .collect();
        items.extend(self.targets.iter().map(|t| {
            LegendItem {
                swatch: Swatch::Dashed(TARGET),
                label: self
                    .lang
                    .fill(Key::LegendTarget, &[("target", &self.lang.pct(*t, 0))]),
            }
        }));
        items
    }

    /// The bottom of the axis: the lowest mean or target less 5 points, down to a
    /// multiple of 10 % (as the run's service-level chart).
    fn floor(&self) -> f64 {
        let lowest = self
            .cmp
            .variants
            .iter()
            .flat_map(|v| v.result.estimates.intervals.iter())
            .filter_map(|row| row[Metric::ServiceLevel as usize].mean)
            .chain(self.targets.iter().copied())
            .fold(1.0, f64::min);
        (((lowest - 0.05) * 10.0).floor() / 10.0).clamp(0.0, 0.9)
    }
}

impl Figure for CompareFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        let lang = self.lang;
        let area = frame(root, &self.title, &self.subtitle(), &self.legend())?;
        let ax = &self.axis;
        let floor = self.floor();
        let mut chart = ChartBuilder::on(&area)
            .margin(10)
            .margin_right(30)
            .x_label_area_size(62)
            .y_label_area_size(100)
            .build_cartesian_2d(ax.range(), floor..1.0)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|x| ax.label(*x, lang))
            .y_label_formatter(&|y| lang.pct(*y, 0))
            .y_labels(((1.0 - floor) * 20.0).round() as usize + 1)
            .x_desc(lang.t(Key::TimeOfDay))
            .y_desc(lang.t(Key::ChartServiceLevelAxis))
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .bold_line_style(grid_style())
            .light_line_style(TRANSPARENT)
            .draw()?;
        for t in &self.targets {
            chart.draw_series(DashedLineSeries::new(
                [(ax.from_h, *t), (ax.to_h, *t)],
                10,
                6,
                TARGET.stroke_width(2),
            ))?;
        }
        let dot = dot_radius(self.spans.len());
        for (i, v) in self.cmp.variants.iter().enumerate() {
            let series = runs(
                v.result
                    .estimates
                    .intervals
                    .iter()
                    .enumerate()
                    .map(|(k, row)| {
                        row[Metric::ServiceLevel as usize]
                            .mean
                            .map(|m| (self.spans[k].1, m.max(floor), 0.0))
                    }),
            );
            draw_line_dots(&mut chart, &series, colour(i), dot)?;
        }
        Ok(())
    }
}
