//! The one figure of several shares per interval on the clock axis: a line with dots per
//! curve (a scenario, a call type, an agent group), optionally its 95 % band, dashed
//! target lines, and a legend naming them all. Drawn by the comparison's chart
//! ([`super::compare`]) and the charts of several call types ([`super::several`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::kit::*;
use crate::model::Clock;
use crate::report::i18n::{Key, Lang};
use crate::stats::Estimate;

/// Line colours, in the order of the curves (repeated beyond eight).
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

/// The colour of the `i`-th curve.
pub fn colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// One curve: its estimate in each interval (a missing mean breaks the line).
pub struct Curve {
    pub label: String,
    pub colour: RGBColor,
    pub values: Vec<Estimate>,
}

/// A dashed horizontal line across the plot.
pub struct TargetLine {
    pub value: f64,
    pub colour: RGBColor,
    pub label: String,
}

/// Shares per interval on the clock axis, from the lowest value or target (less 5
/// points, down to a multiple of 10 %) to 100 %.
pub struct Curves {
    pub lang: Lang,
    pub title: String,
    pub subtitle: String,
    /// The vertical axis' name.
    pub y_desc: String,
    pub curves: Vec<Curve>,
    pub targets: Vec<TargetLine>,
    /// Draw each curve's 95 % confidence band (light, in its colour).
    pub bands: bool,
    axis: ClockAxis,
    /// Each interval's start, middle and end on the clock axis, in hours.
    spans: Vec<(f64, f64, f64)>,
    interval_h: f64,
}

impl Curves {
    /// An empty figure on `clock`'s axis; curves and targets are added by the caller.
    pub fn on_clock(clock: &Clock, lang: Lang, title: String, subtitle: String) -> Self {
        let n = clock.len();
        let spans = (0..n)
            .map(|i| {
                let (a, b) = clock.bounds(i);
                let (a, b) = ((clock.start_s + a) / 3600.0, (clock.start_s + b) / 3600.0);
                (a, (a + b) / 2.0, b)
            })
            .collect();
        Curves {
            lang,
            title,
            subtitle,
            y_desc: lang.t(Key::ChartServiceLevelAxis).to_string(),
            curves: Vec::new(),
            targets: Vec::new(),
            bands: false,
            axis: ClockAxis::new(clock.start_s, clock.start_s + clock.bounds(n - 1).1),
            spans,
            interval_h: clock.interval_s / 3600.0,
        }
    }

    /// Adds `value` as a target line unless an equal one is there already.
    pub fn add_target(&mut self, value: f64, colour: RGBColor, label: String) {
        if !self.targets.iter().any(|t| t.value == value) {
            self.targets.push(TargetLine {
                value,
                colour,
                label,
            });
        }
    }

    fn legend(&self) -> Vec<LegendItem> {
        let mut items: Vec<LegendItem> = self
            .curves
            .iter()
            .map(|c| LegendItem {
                swatch: Swatch::LineDot(c.colour),
                label: c.label.clone(),
            })
            .collect();
        if self.bands {
            items.push(LegendItem {
                swatch: Swatch::Fill(TARGET.mix(0.2)),
                label: self.lang.t(Key::LegendBand).into(),
            });
        }
        items.extend(self.targets.iter().map(|t| LegendItem {
            swatch: Swatch::Dashed(t.colour),
            label: t.label.clone(),
        }));
        items
    }

    /// The bottom of the axis: the lowest mean or target less 5 points, down to a
    /// multiple of 10 % (as the run's service-level chart).
    fn floor(&self) -> f64 {
        let lowest = self
            .curves
            .iter()
            .flat_map(|c| c.values.iter())
            .filter_map(|e| e.mean)
            .chain(self.targets.iter().map(|t| t.value))
            .fold(1.0, f64::min);
        (((lowest - 0.05) * 10.0).floor() / 10.0).clamp(0.0, 0.9)
    }

    /// A curve's band, cut to the plot's `floor..1`.
    fn band_runs(&self, c: &Curve, floor: f64) -> Vec<Vec<(f64, f64, f64)>> {
        runs(c.values.iter().enumerate().map(|(k, e)| {
            let m = e.mean?;
            let h = e.ci95.unwrap_or(0.0);
            let (lo, hi) = ((m - h).max(floor), (m + h).min(1.0));
            Some((self.spans[k].1, (lo + hi) / 2.0, (hi - lo).max(0.0) / 2.0))
        }))
    }
}

impl Figure for Curves {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        let lang = self.lang;
        let area = frame(root, &self.title, &self.subtitle, &self.legend())?;
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
            .y_desc(&self.y_desc)
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .bold_line_style(grid_style())
            .light_line_style(TRANSPARENT)
            .draw()?;
        if self.bands {
            for c in &self.curves {
                let runs = self.band_runs(c, floor);
                band(&mut chart, &runs, self.interval_h * 0.3, c.colour.mix(0.15))?;
            }
        }
        for t in &self.targets {
            chart.draw_series(DashedLineSeries::new(
                [(ax.from_h, t.value), (ax.to_h, t.value)],
                10,
                6,
                t.colour.stroke_width(2),
            ))?;
        }
        let dot = dot_radius(self.spans.len());
        for c in &self.curves {
            let series = runs(
                c.values
                    .iter()
                    .enumerate()
                    .map(|(k, e)| e.mean.map(|m| (self.spans[k].1, m.max(floor), 0.0))),
            );
            draw_line_dots(&mut chart, &series, c.colour, dot)?;
        }
        Ok(())
    }
}
