//! The chart of `ccsim schedule`: the roster's agents on the phones as planned (a
//! staircase that changes at any instant, so breaks show as dips), the time-weighted
//! mean on the phones in simulation, and the requirement per interval.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Chart;
use super::kit::*;
use crate::error::{Error, Result};
use crate::report::i18n::{Key, Lang};
use crate::report::schedule::Context;

struct ScheduleFigure<'a> {
    cx: &'a Context<'a>,
    lang: Lang,
}

/// Draws the coverage chart (`schedule-coverage.svg` / `.png`).
pub fn draw(cx: &Context<'_>, lang: Lang) -> Result<Chart> {
    let fig = ScheduleFigure { cx, lang };
    let (svg, png) = render(&fig)
        .map_err(|e| Error::runtime(format!("cannot draw the chart schedule-coverage: {e}")))?;
    Ok(Chart {
        stem: "schedule-coverage",
        title: lang.t(Key::ScheduleChartTitle).to_string(),
        svg,
        png,
    })
}

impl Figure for ScheduleFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        let (cx, lang) = (self.cx, self.lang);
        let model = &cx.sc.model;
        let clock = &model.clock;
        let n = model.intervals();
        let h = |s: f64| (clock.start_s + s) / 3600.0;
        let end_s = clock.bounds(n - 1).1;
        let axis = ClockAxis::new(clock.start_s, clock.start_s + end_s);
        let spans: Vec<(f64, f64, f64)> = (0..n)
            .map(|i| {
                let (a, b) = clock.bounds(i);
                (h(a), (h(a) + h(b)) / 2.0, h(b))
            })
            .collect();
        let legend = vec![
            LegendItem {
                swatch: Swatch::Line(ORANGE),
                label: lang.t(Key::LegendRosterPlanned).into(),
            },
            LegendItem {
                swatch: Swatch::Line(BLUE_LINE),
                label: lang.t(Key::LegendRosterSimulated).into(),
            },
            LegendItem {
                swatch: Swatch::Dashed(GREEN_LINE),
                label: lang.t(Key::LegendScheduleRequired).into(),
            },
        ];
        let area = frame(
            root,
            lang.t(Key::ScheduleChartTitle),
            lang.t(Key::ScheduleChartSubtitle),
            &legend,
        )?;
        let s = cx.schedule;
        let staffing = s.roster.nominal_staffing();
        // The planned staircase: a vertex at every change, held until the next.
        let mut planned: Vec<(f64, f64)> = Vec::new();
        for st in staffing.steps().iter().filter(|st| st.at <= end_s) {
            if let Some(&(_, prev)) = planned.last() {
                planned.push((h(st.at), prev));
            }
            planned.push((h(st.at), f64::from(st.agents)));
        }
        if let Some(&(_, last)) = planned.last() {
            planned.push((h(end_s), last));
        }
        let required: Vec<f64> = s.requirement.agents.iter().map(|&a| f64::from(a)).collect();
        let simulated: Vec<f64> = s.repaired.judged.iter().map(|j| j.agents).collect();
        let top = planned
            .iter()
            .map(|p| p.1)
            .chain(required.iter().copied())
            .chain(simulated.iter().copied())
            .fold(1.0, f64::max);
        let max_y = nice_ceil(top * 1.05);
        let mut chart = ChartBuilder::on(&area)
            .margin(10)
            .x_label_area_size(62)
            .y_label_area_size(100)
            .build_cartesian_2d(axis.range(), 0f64..max_y)?;
        chart
            .configure_mesh()
            .x_label_formatter(&|x| axis.label(*x, lang))
            .y_label_formatter(&|y| lang.num(*y, if max_y < 10.0 { 1 } else { 0 }))
            .y_labels(11)
            .x_desc(lang.t(Key::TimeOfDay))
            .y_desc(lang.t(Key::ChartAgentsAxis))
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .bold_line_style(grid_style())
            .light_line_style(TRANSPARENT)
            .draw()?;
        thick_path(&chart, &planned, ORANGE, 2)?;
        thick_path(
            &chart,
            &steps(&spans, simulated.iter().copied()),
            BLUE_LINE,
            3,
        )?;
        chart.draw_series(DashedLineSeries::new(
            steps(&spans, required.iter().copied()),
            10,
            6,
            GREEN_LINE.stroke_width(3),
        ))?;
        Ok(())
    }
}
