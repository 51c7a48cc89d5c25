//! The charts of a run, each as SVG and PNG of 1200×700: service level against target,
//! calls beside agents, the distribution of waits, occupancy and abandonment. Drawn with
//! the [`super::kit`], worded by [`crate::report::i18n`].

use plotters::coord::Shift;
use plotters::prelude::*;
use rayon::prelude::*;

use super::Chart;
use super::kit::*;
use crate::error::{Error, Result};
use crate::model::SlDefinition;
use crate::report::RunReport;
use crate::report::i18n::{Key, Lang};
use crate::scenario::Scenario;
use crate::staffing::{Method, StaffingSection};
use crate::stats::tally::{WAIT_BUCKETS, bucket_value};
use crate::stats::{Estimate, Metric};

/// The charts of a run, in the order the report shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    ServiceLevel,
    CallsAgents,
    Waits,
    OccupancyAbandonment,
    ServiceLevelDays,
}

impl ChartKind {
    pub const ALL: [ChartKind; 5] = [
        ChartKind::ServiceLevel,
        ChartKind::CallsAgents,
        ChartKind::Waits,
        ChartKind::OccupancyAbandonment,
        ChartKind::ServiceLevelDays,
    ];

    /// The short name, the same in every language: "service-level".
    pub fn stem(self) -> &'static str {
        match self {
            ChartKind::ServiceLevel => "service-level",
            ChartKind::CallsAgents => "calls-agents",
            ChartKind::Waits => "waits",
            ChartKind::OccupancyAbandonment => "occupancy-abandonment",
            ChartKind::ServiceLevelDays => "service-level-days",
        }
    }

    /// The file name stem of its [`Chart`]: "chart-service-level".
    pub fn file_stem(self) -> &'static str {
        match self {
            ChartKind::ServiceLevel => "chart-service-level",
            ChartKind::CallsAgents => "chart-calls-agents",
            ChartKind::Waits => "chart-waits",
            ChartKind::OccupancyAbandonment => "chart-occupancy-abandonment",
            ChartKind::ServiceLevelDays => "chart-service-level-days",
        }
    }

    /// Which run chart `chart` is, if it is one.
    pub fn of(chart: &Chart) -> Option<ChartKind> {
        ChartKind::ALL
            .into_iter()
            .find(|k| k.file_stem() == chart.stem)
    }
}

/// Draws every chart of a run, in parallel (each chart is independent).
pub fn draw_all(
    rep: &RunReport<'_>,
    staffing: Option<&StaffingSection>,
    lang: Lang,
) -> Result<Vec<Chart>> {
    let ctx = Ctx::new(rep, staffing, lang);
    ChartKind::ALL
        .par_iter()
        .map(|&kind| {
            let fig = RunFigure { ctx: &ctx, kind };
            let (svg, png) = render(&fig).map_err(|e| {
                Error::runtime(format!("cannot draw the chart {}: {e}", kind.stem()))
            })?;
            Ok(Chart {
                stem: kind.file_stem(),
                title: fig.title(),
                svg,
                png,
            })
        })
        .collect()
}

/// Everything the run's charts read, computed once.
struct Ctx<'a> {
    rep: &'a RunReport<'a>,
    staffing: Option<&'a StaffingSection>,
    lang: Lang,
    axis: ClockAxis,
    /// Each interval's start, middle and end on the clock axis, in hours.
    spans: Vec<(f64, f64, f64)>,
    runs: String,
    per: String,
}

impl<'a> Ctx<'a> {
    fn new(rep: &'a RunReport<'a>, staffing: Option<&'a StaffingSection>, lang: Lang) -> Self {
        let sc = rep.scenario;
        let clock = &sc.model.clock;
        let end_s = clock.start_s + clock.bounds(sc.model.intervals() - 1).1;
        let spans = (0..sc.model.intervals())
            .map(|i| {
                let (a, b) = sc.model.clock.bounds(i);
                let (a, b) = (
                    (sc.model.clock.start_s + a) / 3600.0,
                    (sc.model.clock.start_s + b) / 3600.0,
                );
                (a, (a + b) / 2.0, b)
            })
            .collect();
        Ctx {
            rep,
            staffing,
            lang,
            axis: ClockAxis::new(clock.start_s, end_s),
            spans,
            runs: lang.num(rep.result.estimates.replications as f64, 0),
            per: lang.per_interval(sc.model.clock.interval_s),
        }
    }

    fn est(&self, i: usize, m: Metric) -> Estimate {
        self.rep.result.estimates.intervals[i][m as usize]
    }

    fn sc(&self) -> &Scenario {
        self.rep.scenario
    }

    fn title(&self, key: Key) -> String {
        self.lang.fill(
            key,
            &[
                ("scenario", &self.sc().labels.name),
                ("per", &self.per),
                ("runs", &self.runs),
            ],
        )
    }

    fn threshold(&self) -> String {
        self.lang
            .duration(self.sc().model.service_level.threshold_s)
    }

    fn pct_label(&self, y: f64, decimals: usize) -> String {
        self.lang.pct(y, decimals)
    }

    /// Per-interval line (mean) with its 95 % band, broken where undefined.
    fn series(&self, m: Metric) -> Vec<Vec<(f64, f64, f64)>> {
        runs((0..self.spans.len()).map(|i| {
            let e = self.est(i, m);
            e.mean.map(|v| (self.spans[i].1, v, e.ci95.unwrap_or(0.0)))
        }))
    }
}

struct RunFigure<'a> {
    ctx: &'a Ctx<'a>,
    kind: ChartKind,
}

impl RunFigure<'_> {
    fn title(&self) -> String {
        self.ctx.title(match self.kind {
            ChartKind::ServiceLevel => Key::ChartServiceLevelTitle,
            ChartKind::CallsAgents => Key::ChartCallsTitle,
            ChartKind::Waits => Key::ChartWaitsTitle,
            ChartKind::OccupancyAbandonment => Key::ChartAbandonTitle,
            ChartKind::ServiceLevelDays => Key::ChartDaysTitle,
        })
    }
}

impl Figure for RunFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        match self.kind {
            ChartKind::ServiceLevel => service_level(self.ctx, &self.title(), root),
            ChartKind::CallsAgents => calls_agents(self.ctx, &self.title(), root),
            ChartKind::Waits => waits(self.ctx, &self.title(), root),
            ChartKind::OccupancyAbandonment => occupancy_abandonment(self.ctx, &self.title(), root),
            ChartKind::ServiceLevelDays => service_level_days(self.ctx, &self.title(), root),
        }
    }
}

fn service_level<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let sl = &ctx.sc().model.service_level;
    let (subtitle, legend) = service_level_text(ctx);
    let area = frame(root, title, &subtitle, &legend)?;
    let ax = &ctx.axis;
    let floor = service_level_floor(ctx);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(ax.range(), floor..1.0)?;
    let mut mesh = chart.configure_mesh();
    // A week is shown as days: the separators at midnight replace the x grid.
    if ax.day_view() {
        mesh.disable_x_mesh();
    }
    mesh.x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| ctx.pct_label(*y, 0))
        .y_labels(((1.0 - floor) * 20.0).round() as usize + 1)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartServiceLevelAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    ax.draw_separators(&mut chart, (floor, 1.0))?;
    // Intervals below target get a pale red background.
    for (i, span) in ctx.spans.iter().enumerate() {
        if ctx
            .est(i, Metric::ServiceLevel)
            .mean
            .is_some_and(|m| m < sl.target)
        {
            chart.plotting_area().draw(&Rectangle::new(
                [(span.0, floor), (span.2, 1.0)],
                RED_MARK.mix(0.08).filled(),
            ))?;
        }
    }
    service_level_series(ctx, &mut chart, floor)
}

/// The bottom of the service-level axis: zoomed to the data and the target (their lowest
/// point less 5 points, down to a multiple of 10 %), so that 70–95 % values are not
/// squeezed into the top of a 0–100 % axis.
fn service_level_floor(ctx: &Ctx<'_>) -> f64 {
    let target = ctx.sc().model.service_level.target;
    let lowest = (0..ctx.spans.len())
        .filter_map(|i| {
            let e = ctx.est(i, Metric::ServiceLevel);
            e.mean.map(|m| m - e.ci95.unwrap_or(0.0))
        })
        .fold(target, f64::min);
    (((lowest - 0.05) * 10.0).floor() / 10.0).clamp(0.0, 0.9)
}

/// The service level chart's subtitle and legend.
fn service_level_text(ctx: &Ctx<'_>) -> (String, [LegendItem; 4]) {
    let lang = ctx.lang;
    let sl = &ctx.sc().model.service_level;
    let target_txt = lang.pct(sl.target, 0);
    let definition = match sl.of {
        SlDefinition::Offered => lang.t(Key::DefOffered).to_string(),
        SlDefinition::Answered => lang.t(Key::DefAnswered).to_string(),
        SlDefinition::ExclShortAbandons => {
            lang.fill(Key::DefExcl, &[("threshold", &ctx.threshold())])
        }
    };
    let subtitle = lang.fill(
        Key::ChartServiceLevelSubtitle,
        &[
            ("threshold", &ctx.threshold()),
            ("definition", &definition),
            ("runs", &ctx.runs),
        ],
    );
    let legend = [
        LegendItem {
            swatch: Swatch::LineDot(BLUE_LINE),
            label: lang.t(Key::LegendServiceLevel).into(),
        },
        LegendItem {
            swatch: Swatch::Fill(BLUE_LINE.mix(0.25)),
            label: lang.t(Key::LegendBand).into(),
        },
        LegendItem {
            swatch: Swatch::Dashed(TARGET),
            label: lang.fill(Key::LegendTarget, &[("target", &target_txt)]),
        },
        LegendItem {
            swatch: Swatch::Dot(RED_MARK),
            label: lang.t(Key::LegendBelowTarget).into(),
        },
    ];
    (subtitle, legend)
}

/// The service level per interval: its band (within 0–100 %), the target, the line, and
/// a dot per interval, red below target.
fn service_level_series<DB, CT>(
    ctx: &Ctx<'_>,
    chart: &mut ChartContext<'_, DB, CT>,
    floor: f64,
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let sl = &ctx.sc().model.service_level;
    let ax = &ctx.axis;
    let series = ctx.series(Metric::ServiceLevel);
    let clamp = |v: f64| v.clamp(floor, 1.0);
    let clamped: Vec<Vec<(f64, f64, f64)>> = series
        .iter()
        .map(|r| {
            r.iter()
                .map(|&(x, y, h)| {
                    let (lo, hi) = (clamp(y - h), clamp(y + h));
                    (x, (lo + hi) / 2.0, (hi - lo) / 2.0)
                })
                .collect()
        })
        .collect();
    band(chart, &clamped, band_half_width(ctx), BLUE_LINE.mix(0.25))?;
    chart.draw_series(DashedLineSeries::new(
        [(ax.from_h, sl.target), (ax.to_h, sl.target)],
        10,
        6,
        TARGET.stroke_width(2),
    ))?;
    for run in &series {
        chart.draw_series(LineSeries::new(
            run.iter().map(|(x, y, _)| (*x, *y)),
            BLUE_LINE.stroke_width(2),
        ))?;
    }
    let dot = dot_radius(ctx.spans.len());
    chart.draw_series(series.iter().flatten().map(|&(x, y, _)| {
        if y < sl.target {
            Circle::new((x, y), dot + 1, RED_MARK.filled())
        } else {
            Circle::new((x, y), dot, BLUE_LINE.filled())
        }
    }))?;
    Ok(())
}

fn calls_agents<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let subtitle = lang.fill(Key::ChartCallsSubtitle, &[("runs", &ctx.runs)]);
    let area = frame(root, title, &subtitle, &calls_agents_legend(ctx))?;
    let offered: Vec<f64> = (0..ctx.spans.len())
        .map(|i| ctx.est(i, Metric::Offered).mean.unwrap_or(0.0))
        .collect();
    let max_calls = nice_ceil(offered.iter().cloned().fold(0.0, f64::max) * 1.05);
    let (planned, required) = planned_and_required(ctx);
    let max_agents = planned
        .iter()
        .chain(required.iter().flatten())
        .cloned()
        .fold(0.0, f64::max);
    let max_agents = nice_ceil((max_agents * 1.05).max(1.0));
    let ax = &ctx.axis;
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .right_y_label_area_size(100)
        .build_cartesian_2d(ax.range(), 0f64..max_calls)?
        .set_secondary_coord(ax.from_h..ax.to_h, 0f64..max_agents);
    let mut mesh = chart.configure_mesh();
    // A week is shown as days: the separators at midnight replace the x grid.
    if ax.day_view() {
        mesh.disable_x_mesh();
    }
    mesh.x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| lang.num(*y, if max_calls < 10.0 { 1 } else { 0 }))
        .y_labels(11)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartCallsAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    ax.draw_separators(&mut *chart, (0.0, max_calls))?;
    // The right scale takes the colour of the agents' line, so it reads as theirs.
    chart
        .configure_secondary_axes()
        .y_label_formatter(&|y| lang.num(*y, if max_agents < 10.0 { 1 } else { 0 }))
        .y_labels(11)
        .y_desc(lang.t(Key::ChartAgentsAxis))
        .label_style(text_style(MIN_TEXT, AGENTS_TEXT))
        .axis_desc_style(text_style(19.0, AGENTS_TEXT))
        .draw()?;
    chart.draw_series(ctx.spans.iter().zip(&offered).map(|(s, v)| {
        let gap = (s.2 - s.0) * 0.1;
        Rectangle::new([(s.0 + gap, 0.0), (s.2 - gap, *v)], BAR.filled())
    }))?;
    chart.draw_secondary_series(LineSeries::new(
        steps(&ctx.spans, planned.iter().cloned()),
        ORANGE.stroke_width(3),
    ))?;
    if let Some(req) = &required {
        chart.draw_secondary_series(DashedLineSeries::new(
            steps(&ctx.spans, req.iter().cloned()),
            10,
            6,
            GREEN_LINE.stroke_width(3),
        ))?;
    }
    Ok(())
}

/// Calls offered, agents planned and (with staffing results) agents required.
fn calls_agents_legend(ctx: &Ctx<'_>) -> Vec<LegendItem> {
    let lang = ctx.lang;
    let mut legend = vec![
        LegendItem {
            swatch: Swatch::Fill(BAR.into()),
            label: lang.t(Key::LegendOffered).into(),
        },
        LegendItem {
            swatch: Swatch::Line(ORANGE),
            label: lang.t(Key::LegendAgents).into(),
        },
    ];
    if let Some(st) = ctx.staffing {
        legend.push(LegendItem {
            swatch: Swatch::Dashed(GREEN_LINE),
            label: lang.fill(
                Key::LegendRequired,
                &[("method", method_name(st.method, lang))],
            ),
        });
    }
    legend
}

/// Agents per interval: as planned in the scenario, and as required by the staffing
/// results when there are some.
fn planned_and_required(ctx: &Ctx<'_>) -> (Vec<f64>, Option<Vec<f64>>) {
    let planned: Vec<f64> = ctx
        .sc()
        .model
        .agents_per_interval()
        .iter()
        .map(|&a| a as f64)
        .collect();
    let required: Option<Vec<f64>> = ctx.staffing.map(|st| {
        (0..ctx.spans.len())
            .map(|i| {
                st.intervals
                    .get(i)
                    .map_or(0.0, |r| r.required_agents as f64)
            })
            .collect()
    });
    (planned, required)
}

fn method_name(m: Method, lang: Lang) -> &'static str {
    lang.t(match m {
        Method::Sim => Key::MethodSim,
        Method::ErlangC => Key::MethodErlangC,
        Method::ErlangA => Key::MethodErlangA,
    })
}

/// The share of answered calls at or below each bucket's wait.
fn wait_cdf(hist: &[u64]) -> Option<Vec<(f64, f64)>> {
    let total: u64 = hist.iter().sum();
    if total == 0 {
        return None;
    }
    let mut seen = 0u64;
    let mut out = Vec::new();
    for (b, &c) in hist.iter().enumerate().take(WAIT_BUCKETS) {
        if c == 0 {
            continue;
        }
        seen += c;
        out.push((bucket_value(b), seen as f64 / total as f64));
    }
    Some(out)
}

fn waits<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let threshold_s = ctx.sc().model.service_level.threshold_s;
    let cdf = wait_cdf(&ctx.rep.result.wait_histogram);
    let (subtitle, legend) = waits_text(ctx, cdf.as_deref());
    let area = frame(root, title, &subtitle, &legend)?;
    let (max_s, unit, axis_key) = waits_scale(cdf.as_deref(), threshold_s);
    let max_x = max_s / unit;
    let mut chart = share_axes(
        &area,
        max_x,
        Some(12),
        (lang.t(axis_key), lang.t(Key::ChartWaitsShareAxis)),
        lang,
    )?;
    let t = threshold_s / unit;
    chart.draw_series(DashedLineSeries::new(
        [(t, 0.0), (t, 1.0)],
        10,
        6,
        TARGET.stroke_width(2),
    ))?;
    let Some(cdf) = cdf else {
        chart.draw_series(std::iter::once(Text::new(
            lang.t(Key::WaitsNoAnswered).to_string(),
            (max_x * 0.35, 0.5),
            text_style(24.0, MUTED),
        )))?;
        return Ok(());
    };
    thick_path(&chart, &cdf_line(&cdf, max_s, unit), BLUE_LINE, 3)?;
    // Mark the share answered within the threshold, as the report states it.
    let within = ctx.rep.overall(Metric::SlAnswered).mean;
    if let Some(w) = within {
        let note = lang.fill(
            Key::WaitsAnnotation,
            &[("share", &lang.pct(w, 1)), ("threshold", &ctx.threshold())],
        );
        chart.draw_series(std::iter::once(
            EmptyElement::at((t, w))
                + Circle::new((0, 0), 7, RED_MARK.filled())
                + Text::new(
                    note,
                    (14, if w > 0.85 { 8 } else { -28 }),
                    text_style(20.0, TEXT),
                ),
        ))?;
    }
    Ok(())
}

/// The longest wait shown, in seconds, and the unit of the axis (seconds, or minutes for
/// long waits) with its name. Waits are shown up to the 99th percentile, and at least to
/// three times the threshold.
fn waits_scale(cdf: Option<&[(f64, f64)]>, threshold_s: f64) -> (f64, f64, Key) {
    let p99 = cdf
        .and_then(|c| c.iter().find(|p| p.1 >= 0.99).map(|p| p.0))
        .unwrap_or(0.0);
    let max_s = nice_ceil((p99 * 1.05).max(threshold_s * 3.0).max(10.0));
    if max_s > 600.0 {
        (max_s, 60.0, Key::ChartWaitsAxisMinutes)
    } else {
        (max_s, 1.0, Key::ChartWaitsAxisSeconds)
    }
}

/// The waits chart's subtitle (with the share answered at once) and legend.
fn waits_text(ctx: &Ctx<'_>, cdf: Option<&[(f64, f64)]>) -> (String, [LegendItem; 2]) {
    let lang = ctx.lang;
    let at_once = cdf
        .and_then(|c| c.first().filter(|p| p.0 == 0.0).map(|p| p.1))
        .unwrap_or(0.0);
    let subtitle = lang.fill(
        Key::ChartWaitsSubtitle,
        &[("runs", &ctx.runs), ("at_once", &lang.pct(at_once, 1))],
    );
    let legend = [
        LegendItem {
            swatch: Swatch::Line(BLUE_LINE),
            label: lang.t(Key::LegendWaitCdf).into(),
        },
        LegendItem {
            swatch: Swatch::Dashed(TARGET),
            label: lang.fill(Key::LegendThreshold, &[("threshold", &ctx.threshold())]),
        },
    ];
    (subtitle, legend)
}

/// The points of the waits line up to `max_s`, in `unit`s of seconds, held flat to the
/// axis's end. A point every few pixels at most: thousands of tiny segments draw a ragged
/// line.
fn cdf_line(cdf: &[(f64, f64)], max_s: f64, unit: f64) -> Vec<(f64, f64)> {
    let max_x = max_s / unit;
    let column = max_x / 200.0;
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for p in cdf.iter().filter(|p| p.0 <= max_s) {
        let pt = (p.0 / unit, p.1);
        let n = pts.len();
        if n >= 2 && pt.0 - pts[n - 2].0 < column {
            pts[n - 1] = pt;
        } else {
            pts.push(pt);
        }
    }
    if let Some(&(_, last)) = pts.last() {
        pts.push((max_x, last));
    }
    pts
}

/// The day's service level across simulated days: a histogram whose bins are aligned on
/// the target (no bar straddles it), red below it, blue at or above it.
fn service_level_days<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let target = ctx.sc().model.service_level.target;
    let share = ctx.rep.overall(Metric::PMeetsTarget).mean;
    let subtitle = lang.fill(
        Key::ChartDaysSubtitle,
        &[(
            "share",
            &share.map_or_else(|| lang.t(Key::NotAvailable).into(), |p| lang.pct(p, 0)),
        )],
    );
    let legend = [
        LegendItem {
            swatch: Swatch::Fill(BLUE_LINE.mix(0.8)),
            label: lang.t(Key::LegendDaysMet).into(),
        },
        LegendItem {
            swatch: Swatch::Fill(RED_MARK.mix(0.8)),
            label: lang.t(Key::LegendDaysMissed).into(),
        },
        LegendItem {
            swatch: Swatch::Dashed(TARGET),
            label: lang.fill(Key::LegendTarget, &[("target", &lang.pct(target, 0))]),
        },
    ];
    let area = frame(root, title, &subtitle, &legend)?;
    let bins = day_bins(&ctx.rep.result.spread.days, target);
    let (lo, hi) = bins
        .first()
        .zip(bins.last())
        .map_or((0.0, 1.0), |(a, b)| (a.0, b.1));
    let top = nice_ceil(bins.iter().map(|b| b.2).max().unwrap_or(1) as f64 * 1.1).max(1.0);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(40)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(lo..hi, 0f64..top)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| lang.pct(*x, if (hi - lo) < 0.1 { 1 } else { 0 }))
        .y_label_formatter(&|y| lang.num(*y, 0))
        .x_labels(10)
        .y_labels(8)
        .x_desc(lang.t(Key::ChartDaysAxis))
        .y_desc(lang.t(Key::ChartDaysCountAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart.draw_series(bins.iter().map(|&(a, b, n)| {
        let color = if a >= target { BLUE_LINE } else { RED_MARK };
        let gap = (b - a) * 0.06;
        Rectangle::new(
            [(a + gap, 0.0), (b - gap, n as f64)],
            color.mix(0.8).filled(),
        )
    }))?;
    if (lo..=hi).contains(&target) {
        chart.draw_series(DashedLineSeries::new(
            [(target, 0.0), (target, top)],
            10,
            6,
            TARGET.stroke_width(2),
        ))?;
    }
    Ok(())
}

/// Histogram bins `(from, to, days)` of the days' service levels: about 25 bins of a
/// round width (0.5, 1, 2 or 5 percentage points) with an edge on the target, covering
/// the data and the target; none when no day has a service level.
fn day_bins(days: &[f64], target: f64) -> Vec<(f64, f64, u32)> {
    if days.is_empty() {
        return Vec::new();
    }
    let min = days.iter().copied().fold(target, f64::min);
    let max = days.iter().copied().fold(target, f64::max);
    let width = [0.005, 0.01, 0.02, 0.05, 0.1]
        .into_iter()
        .find(|w| (max - min) / w <= 30.0)
        .unwrap_or(0.1);
    let first = ((min - target) / width).floor() as i64;
    let last = (((max - target) / width).floor() as i64).max(first);
    let mut bins: Vec<(f64, f64, u32)> = (first..=last)
        .map(|k| {
            let a = target + k as f64 * width;
            (a, a + width, 0)
        })
        .collect();
    for &d in days {
        let k = (((d - target) / width).floor() as i64).clamp(first, last);
        bins[(k - first) as usize].2 += 1;
    }
    bins
}

fn occupancy_abandonment<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let subtitle = lang.fill(Key::ChartAbandonSubtitle, &[("runs", &ctx.runs)]);
    let blocking = ctx.sc().model.lines.is_some();
    let mut legend = vec![
        LegendItem {
            swatch: Swatch::LineDot(PURPLE),
            label: lang.t(Key::LegendOccupancy).into(),
        },
        LegendItem {
            swatch: Swatch::LineDot(RED_MARK),
            label: lang.t(Key::LegendAbandoned).into(),
        },
    ];
    if blocking {
        legend.push(LegendItem {
            swatch: Swatch::LineDot(BROWN),
            label: lang.t(Key::LegendBlocked).into(),
        });
    }
    let area = frame(root, title, &subtitle, &legend)?;
    let (top, bottom) = area.split_vertically(area.dim_in_pixel().1 as i32 * 45 / 100);
    occupancy_panel(ctx, &top)?;
    lost_calls_panel(ctx, &bottom, blocking)
}

/// Half the width of the band drawn around a lone point, in hours.
fn band_half_width(ctx: &Ctx<'_>) -> f64 {
    ctx.sc().model.clock.interval_s / 3600.0 * 0.3
}

/// The top panel of the occupancy chart: occupancy, 0–100 %, with no time axis (the
/// bottom panel's serves both).
fn occupancy_panel<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    top: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let lang = ctx.lang;
    let occ = ctx.series(Metric::Occupancy);
    let mut chart = ChartBuilder::on(top)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(0)
        .y_label_area_size(100)
        .build_cartesian_2d(ctx.axis.range(), 0f64..1.0)?;
    let mut mesh = chart.configure_mesh();
    // A week is shown as days: the separators at midnight replace the x grid.
    if ctx.axis.day_view() {
        mesh.disable_x_mesh();
    }
    mesh.y_label_formatter(&|y| lang.pct(*y, 0))
        .y_labels(6)
        .y_desc(lang.t(Key::ChartOccupancyAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    ctx.axis.draw_separators(&mut chart, (0.0, 1.0))?;
    band(&mut chart, &occ, band_half_width(ctx), PURPLE.mix(0.2))?;
    draw_line_dots(&mut chart, &occ, PURPLE, dot_radius(ctx.spans.len()))
}

/// The bottom panel of the occupancy chart: calls lost (hung up, and busy signals when
/// lines are limited), scaled to the worst interval.
fn lost_calls_panel<DB: DrawingBackend>(
    ctx: &Ctx<'_>,
    bottom: &DrawingArea<DB, Shift>,
    blocking: bool,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let (lang, ax) = (ctx.lang, &ctx.axis);
    let (half, dot) = (band_half_width(ctx), dot_radius(ctx.spans.len()));
    let aband = ctx.series(Metric::AbandonRate);
    let block = if blocking {
        ctx.series(Metric::BlockRate)
    } else {
        vec![]
    };
    let worst = aband
        .iter()
        .chain(&block)
        .flatten()
        .map(|(_, y, h)| y + h)
        .fold(0.0, f64::max);
    let max_y = nice_ceil((worst * 1.1).max(0.05)).min(1.0);
    let decimals = if max_y <= 0.05 { 1 } else { 0 };
    let mut chart = ChartBuilder::on(bottom)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(ax.range(), 0f64..max_y)?;
    let mut mesh = chart.configure_mesh();
    // A week is shown as days: the separators at midnight replace the x grid.
    if ax.day_view() {
        mesh.disable_x_mesh();
    }
    mesh.x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| lang.pct(*y, decimals))
        .y_labels(6)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartAbandonAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    ax.draw_separators(&mut chart, (0.0, max_y))?;
    band(&mut chart, &aband, half, RED_MARK.mix(0.15))?;
    draw_line_dots(&mut chart, &aband, RED_MARK, dot)?;
    if blocking {
        band(&mut chart, &block, half, BROWN.mix(0.15))?;
        draw_line_dots(&mut chart, &block, BROWN, dot)?;
    }
    Ok(())
}
