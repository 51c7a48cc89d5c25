//! The charts a run leaves behind, each as SVG and PNG of 1200×700: service level against
//! target, calls beside agents, the distribution of waits, occupancy and abandonment.
//!
//! Text is drawn with DejaVu Sans embedded in the binary ([`ensure_font`]), so PNGs
//! render the same on a machine with no fonts installed; SVGs name `sans-serif` and let
//! the viewer draw it. Every chart is drawn once per backend by the same code ([`Figure`]),
//! and the helpers here (frame with title and legend, clock axis, PNG encoding) are
//! public so other charts (a sweep's, say) look the same.

use std::error::Error as StdError;
use std::sync::Once;

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, RGBAColor, register_font};
use rayon::prelude::*;

use super::RunReport;
use super::i18n::{Key, Lang};
use crate::error::{Error, Result};
use crate::model::{SlDefinition, clock_label};
use crate::scenario::Scenario;
use crate::staffing::{Method, StaffingSection};
use crate::stats::tally::{WAIT_BUCKETS, bucket_value};
use crate::stats::{Estimate, Metric};

/// Size of every chart, in pixels.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 700;

/// The font family charts ask for; [`ensure_font`] maps it to the embedded DejaVu Sans.
pub const FONT: &str = "sans-serif";

/// An error while drawing, from either backend.
pub type DrawError = Box<dyn StdError + Send + Sync>;

/// Registers the embedded DejaVu Sans (regular and bold) as `sans-serif`, once per process.
pub fn ensure_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for (style, bytes) in [
            (FontStyle::Normal, dejavu::sans::regular()),
            (FontStyle::Bold, dejavu::sans::bold()),
        ] {
            // The font is part of the binary: failing to parse it is a build defect.
            assert!(
                register_font(FONT, style, bytes).is_ok(),
                "the embedded DejaVu Sans font is valid"
            );
        }
    });
}

/// A drawing that can be rendered on any plotters backend.
pub trait Figure {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static;
}

/// Renders a figure as SVG text and PNG bytes of `WIDTH`×`HEIGHT`.
pub fn render<F: Figure>(fig: &F) -> std::result::Result<(String, Vec<u8>), DrawError> {
    ensure_font();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        fig.draw(&root)?;
        root.present()?;
    }
    let mut rgb = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)).into_drawing_area();
        fig.draw(&root)?;
        root.present()?;
    }
    Ok((svg, encode_png(&rgb, WIDTH, HEIGHT)?))
}

/// Encodes 8-bit RGB pixels as PNG.
pub fn encode_png(rgb: &[u8], width: u32, height: u32) -> std::result::Result<Vec<u8>, DrawError> {
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut writer = enc.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

/// A finished chart.
#[derive(Debug, Clone)]
pub struct Chart {
    pub kind: ChartKind,
    /// The chart's title, as drawn (also the report's alt text).
    pub title: String,
    pub svg: String,
    pub png: Vec<u8>,
}

impl Chart {
    /// "chart-service-level.svg" and so on.
    pub fn file_name(&self, ext: &str) -> String {
        format!("chart-{}.{ext}", self.kind.stem())
    }
}

/// The charts of a run, in the order the report shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    ServiceLevel,
    CallsAgents,
    Waits,
    OccupancyAbandonment,
}

impl ChartKind {
    pub const ALL: [ChartKind; 4] = [
        ChartKind::ServiceLevel,
        ChartKind::CallsAgents,
        ChartKind::Waits,
        ChartKind::OccupancyAbandonment,
    ];

    /// The file name stem, the same in every language.
    pub fn stem(self) -> &'static str {
        match self {
            ChartKind::ServiceLevel => "service-level",
            ChartKind::CallsAgents => "calls-agents",
            ChartKind::Waits => "waits",
            ChartKind::OccupancyAbandonment => "occupancy-abandonment",
        }
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
                kind,
                title: fig.title(),
                svg,
                png,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Shared look: colours, frame with title, subtitle and legend, the clock axis.

pub const BLUE_LINE: RGBColor = RGBColor(31, 119, 180);
pub const BAR: RGBColor = RGBColor(166, 200, 228);
pub const ORANGE: RGBColor = RGBColor(230, 115, 0);
/// Darker orange for text about agents, readable on white.
pub const AGENTS_TEXT: RGBColor = RGBColor(178, 80, 0);
pub const GREEN_LINE: RGBColor = RGBColor(35, 139, 69);
pub const RED_MARK: RGBColor = RGBColor(204, 37, 41);
pub const PURPLE: RGBColor = RGBColor(106, 81, 163);
pub const BROWN: RGBColor = RGBColor(140, 86, 75);
pub const TEXT: RGBColor = RGBColor(33, 33, 33);
pub const MUTED: RGBColor = RGBColor(90, 90, 90);
pub const TARGET: RGBColor = RGBColor(60, 60, 60);

/// How a legend entry is drawn.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    Line(RGBColor),
    Dashed(RGBColor),
    Fill(RGBAColor),
    Dot(RGBColor),
    LineDot(RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone)]
pub struct LegendItem {
    pub swatch: Swatch,
    pub label: String,
}

/// Text style of the given size and colour in the chart font.
pub fn text_style(size: f64, color: RGBColor) -> TextStyle<'static> {
    let font: FontDesc<'static> = (FONT, size).into_font();
    font.color(&color)
}

/// Paints the background, the title, a subtitle and a legend row above the plot; returns
/// the area left for the plot.
pub fn frame<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
    legend: &[LegendItem],
) -> std::result::Result<DrawingArea<DB, Shift>, DrawError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE)?;
    let left = 30;
    let room = WIDTH as i32 - 2 * left;
    let title_size = fitting_size(root, title, 28.0, 18.0, room, FontStyle::Bold)?;
    let title_font: FontDesc<'static> = (FONT, title_size, FontStyle::Bold).into_font();
    root.draw_text(title, &title_font.color(&TEXT), (left, 16))?;
    let sub_size = fitting_size(root, subtitle, 18.0, 13.0, room, FontStyle::Normal)?;
    root.draw_text(subtitle, &text_style(sub_size, MUTED), (left, 54))?;
    // Legend entries flow left to right, wrapping when the row is full; text is centred
    // on the swatch.
    let label_style = text_style(17.0, TEXT);
    let centred = label_style.pos(Pos::new(HPos::Left, VPos::Center));
    let (mut x, mut y) = (left, 96);
    for item in legend {
        let (w, _) = root.estimate_text_size(&item.label, &label_style)?;
        let width = 34 + w as i32 + 28;
        if x > left && x + width > WIDTH as i32 - left {
            x = left;
            y += 26;
        }
        draw_swatch(root, item.swatch, (x, y))?;
        root.draw_text(&item.label, &centred, (x + 34, y))?;
        x += width;
    }
    let (_, plot) = root.split_vertically(y + 22);
    Ok(plot)
}

/// The largest font size from `max` down to `min` at which `text` fits in `room` pixels.
fn fitting_size<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    max: f64,
    min: f64,
    room: i32,
    style: FontStyle,
) -> std::result::Result<f64, DrawError>
where
    DB::ErrorType: 'static,
{
    let mut size = max;
    while size > min {
        let font: FontDesc<'static> = (FONT, size, style).into_font();
        let (w, _) = root.estimate_text_size(text, &TextStyle::from(font))?;
        if w as i32 <= room {
            break;
        }
        size -= 1.0;
    }
    Ok(size)
}

fn draw_swatch<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    swatch: Swatch,
    (x, y): (i32, i32),
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    match swatch {
        Swatch::Line(c) => root.draw(&PathElement::new(
            vec![(x, y), (x + 26, y)],
            c.stroke_width(3),
        ))?,
        Swatch::Dashed(c) => {
            for dx in [0, 10, 20] {
                root.draw(&PathElement::new(
                    vec![(x + dx, y), (x + dx + 6, y)],
                    c.stroke_width(3),
                ))?;
            }
        }
        Swatch::Fill(c) => root.draw(&Rectangle::new([(x, y - 8), (x + 26, y + 8)], c.filled()))?,
        Swatch::Dot(c) => root.draw(&Circle::new((x + 13, y), 6, c.filled()))?,
        Swatch::LineDot(c) => {
            root.draw(&PathElement::new(
                vec![(x, y), (x + 26, y)],
                c.stroke_width(3),
            ))?;
            root.draw(&Circle::new((x + 13, y), 5, c.filled()))?;
        }
    }
    Ok(())
}

/// The time-of-day axis of per-interval charts: hours since midnight of the first day,
/// with round clock ticks.
#[derive(Debug, Clone)]
pub struct ClockAxis {
    pub from_h: f64,
    pub to_h: f64,
    pub ticks: Vec<f64>,
    /// Prefix labels with the day when the period spans more than one day.
    multi_day: bool,
    with_seconds: bool,
}

impl ClockAxis {
    pub fn new(sc: &Scenario) -> Self {
        let n = sc.model.intervals();
        let from_h = sc.model.clock.start_s / 3600.0;
        let to_h = (sc.model.clock.start_s + sc.model.clock.bounds(n - 1).1) / 3600.0;
        let span_s = (to_h - from_h) * 3600.0;
        const STEPS: [f64; 20] = [
            1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0,
            7200.0, 10800.0, 14400.0, 21600.0, 43200.0, 86400.0, 172800.0,
        ];
        let step_s = STEPS
            .into_iter()
            .find(|s| span_s / s <= 12.0)
            .unwrap_or_else(|| (span_s / 12.0 / 86400.0).ceil() * 86400.0);
        let step_h = step_s / 3600.0;
        let first = (from_h / step_h - 1e-9).ceil();
        let ticks = (0..)
            .map(|k| (first + k as f64) * step_h)
            .take_while(|t| *t <= to_h + 1e-9)
            .collect();
        ClockAxis {
            from_h,
            to_h,
            ticks,
            multi_day: to_h > 24.0 + 1e-9,
            with_seconds: step_s < 60.0,
        }
    }

    /// The axis as a plotters coordinate with ticks at the round clock times.
    pub fn range(&self) -> FixedTicks {
        FixedTicks::all(self.from_h..self.to_h, self.ticks.clone())
    }

    /// "08:00", or "day 2 08:00" on periods longer than a day.
    pub fn label(&self, hours: f64, lang: Lang) -> String {
        let s = (hours * 3600.0).round();
        let end_of_day = !self.multi_day && s > 0.0 && s % 86_400.0 == 0.0;
        let clock = if end_of_day {
            clock_label(0.0, self.with_seconds).replacen("00", "24", 1)
        } else {
            clock_label(s, self.with_seconds)
        };
        if self.multi_day {
            let day = (s / 86400.0).floor() as u64 + 1;
            format!(
                "{} {clock}",
                lang.fill(Key::DayN, &[("n", &day.to_string())])
            )
        } else {
            clock
        }
    }
}

/// A linear f64 axis whose ticks are given (round clock times, swept values, heat-map
/// cells) rather than chosen by plotters among decimal numbers.
pub struct FixedTicks {
    inner: RangedCoordf64,
    ticks: Vec<f64>,
    /// Keep every n-th tick when there are more than the chart asks for.
    thin: bool,
}

impl FixedTicks {
    /// Every tick is labelled.
    pub fn all(range: Range<f64>, ticks: Vec<f64>) -> Self {
        FixedTicks {
            inner: range.into(),
            ticks,
            thin: false,
        }
    }

    /// Ticks are thinned evenly to the number of labels the chart asks for.
    pub fn thinned(range: Range<f64>, ticks: Vec<f64>) -> Self {
        FixedTicks {
            inner: range.into(),
            ticks,
            thin: true,
        }
    }
}

impl Ranged for FixedTicks {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let max = hint.max_num_points().max(2);
        if !self.thin || self.ticks.len() <= max {
            return self.ticks.clone();
        }
        let step = self.ticks.len().div_ceil(max);
        self.ticks.iter().step_by(step).copied().collect()
    }

    fn range(&self) -> Range<f64> {
        self.inner.range()
    }
}

/// A value rounded up to 1, 2, 2.5 or 5 times a power of ten: a tidy axis maximum.
pub fn nice_ceil(x: f64) -> f64 {
    if x <= 0.0 || !x.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(x.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * p)
}

/// Runs of consecutive items for which `f` gives a value, as separate point lists (a
/// line breaks where a value is missing).
fn runs<T: Copy>(values: impl Iterator<Item = Option<T>>) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = vec![];
    let mut open = false;
    for v in values {
        match v {
            Some(p) if open => out.last_mut().expect("a run is open").push(p),
            Some(p) => {
                out.push(vec![p]);
                open = true;
            }
            None => open = false,
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The run's charts.

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
            axis: ClockAxis::new(sc),
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
            &[("scenario", &self.sc().labels.name), ("per", &self.per)],
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
        }
    }
}

/// Styles shared by the plot areas.
fn label_style() -> TextStyle<'static> {
    text_style(16.0, TEXT)
}

fn desc_style() -> TextStyle<'static> {
    text_style(18.0, TEXT)
}

fn grid() -> ShapeStyle {
    RGBColor(0, 0, 0).mix(0.12).stroke_width(1)
}

/// A 95 % band around a line: a filled polygon per run (a bar for a lone point).
fn band<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    runs: &[Vec<(f64, f64, f64)>],
    half_width: f64,
    color: RGBAColor,
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    for run in runs {
        if run.len() == 1 {
            let (x, y, h) = run[0];
            chart.plotting_area().draw(&Rectangle::new(
                [(x - half_width, y - h), (x + half_width, y + h)],
                color.filled(),
            ))?;
            continue;
        }
        let mut pts: Vec<(f64, f64)> = run.iter().map(|(x, y, h)| (*x, y + h)).collect();
        pts.extend(run.iter().rev().map(|(x, y, h)| (*x, y - h)));
        chart
            .plotting_area()
            .draw(&Polygon::new(pts, color.filled()))?;
    }
    Ok(())
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
    let area = frame(root, title, &subtitle, &legend)?;
    let ax = &ctx.axis;
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(ax.range(), 0f64..1.0)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| ctx.pct_label(*y, 0))
        .y_labels(11)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartServiceLevelAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid())
        .light_line_style(TRANSPARENT)
        .draw()?;
    // Intervals below target get a pale red background.
    for (i, span) in ctx.spans.iter().enumerate() {
        if ctx
            .est(i, Metric::ServiceLevel)
            .mean
            .is_some_and(|m| m < sl.target)
        {
            chart.plotting_area().draw(&Rectangle::new(
                [(span.0, 0.0), (span.2, 1.0)],
                RED_MARK.mix(0.08).filled(),
            ))?;
        }
    }
    let series = ctx.series(Metric::ServiceLevel);
    let clamp = |v: f64| v.clamp(0.0, 1.0);
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
    let half = ctx.sc().model.clock.interval_s / 3600.0 * 0.3;
    band(&mut chart, &clamped, half, BLUE_LINE.mix(0.25))?;
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

/// Markers shrink when there are many intervals.
fn dot_radius(intervals: usize) -> u32 {
    match intervals {
        0..=24 => 5,
        25..=60 => 4,
        61..=150 => 3,
        _ => 2,
    }
}

/// Points of a step line: each interval's value held from its start to its end, with a
/// vertex only where the value changes (repeated points make plotters draw wide lines
/// crooked).
fn steps(spans: &[(f64, f64, f64)], values: impl Iterator<Item = f64>) -> Vec<(f64, f64)> {
    let mut pts: Vec<(f64, f64)> = Vec::new();
    for (s, v) in spans.iter().zip(values) {
        match pts.last() {
            None => pts.push((s.0, v)),
            Some(&(_, prev)) if prev != v => {
                pts.push((s.0, prev));
                pts.push((s.0, v));
            }
            Some(_) => {}
        }
    }
    if let (Some(end), Some(&(_, v))) = (spans.last(), pts.last()) {
        pts.push((end.2, v));
    }
    pts
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
    let sc = ctx.sc();
    let subtitle = lang.fill(Key::ChartCallsSubtitle, &[("runs", &ctx.runs)]);
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
    let area = frame(root, title, &subtitle, &legend)?;
    let offered: Vec<f64> = (0..ctx.spans.len())
        .map(|i| ctx.est(i, Metric::Offered).mean.unwrap_or(0.0))
        .collect();
    let max_calls = nice_ceil(offered.iter().cloned().fold(0.0, f64::max) * 1.05);
    let planned: Vec<f64> = sc
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
    chart
        .configure_mesh()
        .x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| lang.num(*y, if max_calls < 10.0 { 1 } else { 0 }))
        .y_labels(11)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartCallsAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid())
        .light_line_style(TRANSPARENT)
        .draw()?;
    // The right scale takes the colour of the agents' line, so it reads as theirs.
    chart
        .configure_secondary_axes()
        .y_label_formatter(&|y| lang.num(*y, if max_agents < 10.0 { 1 } else { 0 }))
        .y_labels(11)
        .y_desc(lang.t(Key::ChartAgentsAxis))
        .label_style(text_style(16.0, AGENTS_TEXT))
        .axis_desc_style(text_style(18.0, AGENTS_TEXT))
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
    let at_once = cdf
        .as_ref()
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
    let area = frame(root, title, &subtitle, &legend)?;
    // Show waits up to the 99th percentile, and at least three times the threshold.
    let p99 = cdf
        .as_ref()
        .and_then(|c| c.iter().find(|p| p.1 >= 0.99).map(|p| p.0))
        .unwrap_or(0.0);
    let max_s = nice_ceil((p99 * 1.05).max(threshold_s * 3.0).max(10.0));
    let (unit, axis_key) = if max_s > 600.0 {
        (60.0, Key::ChartWaitsAxisMinutes)
    } else {
        (1.0, Key::ChartWaitsAxisSeconds)
    };
    let max_x = max_s / unit;
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(40)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(0f64..max_x, 0f64..1.0)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| lang.num(*x, if x.fract().abs() < 1e-9 { 0 } else { 1 }))
        .y_label_formatter(&|y| lang.pct(*y, 0))
        .x_labels(12)
        .y_labels(11)
        .x_desc(lang.t(axis_key))
        .y_desc(lang.t(Key::ChartWaitsShareAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid())
        .light_line_style(TRANSPARENT)
        .draw()?;
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
    // A point every few pixels at most: thousands of tiny segments draw a ragged line.
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
    thick_path(&chart, &pts, BLUE_LINE, 3)?;
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

/// A line of `width` pixels drawn as parallel one-pixel lines: plotters' bitmap backend
/// draws wide lines made of many short segments with notches.
fn thick_path<DB, CT>(
    chart: &ChartContext<'_, DB, CT>,
    pts: &[(f64, f64)],
    color: RGBColor,
    width: i32,
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let area = chart.plotting_area();
    let (bx, by) = area.get_base_pixel();
    let px: Vec<(i32, i32)> = pts
        .iter()
        .map(|p| {
            let (x, y) = area.map_coordinate(p);
            (x - bx, y - by)
        })
        .collect();
    let flat = area.strip_coord_spec();
    for dy in -(width / 2)..=(width - 1) / 2 {
        let line: Vec<(i32, i32)> = px.iter().map(|&(x, y)| (x, y + dy)).collect();
        flat.draw(&PathElement::new(line, color.stroke_width(1)))?;
    }
    Ok(())
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
    let sc = ctx.sc();
    let subtitle = lang.fill(Key::ChartAbandonSubtitle, &[("runs", &ctx.runs)]);
    let blocking = sc.model.lines.is_some();
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
    let ax = &ctx.axis;
    let dot = dot_radius(ctx.spans.len());
    let half = sc.model.clock.interval_s / 3600.0 * 0.3;

    // Top panel: occupancy, 0–100 %.
    let occ = ctx.series(Metric::Occupancy);
    let mut chart = ChartBuilder::on(&top)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(0)
        .y_label_area_size(100)
        .build_cartesian_2d(ax.range(), 0f64..1.0)?;
    chart
        .configure_mesh()
        .y_label_formatter(&|y| lang.pct(*y, 0))
        .y_labels(6)
        .y_desc(lang.t(Key::ChartOccupancyAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid())
        .light_line_style(TRANSPARENT)
        .draw()?;
    band(&mut chart, &occ, half, PURPLE.mix(0.2))?;
    draw_line_dots(&mut chart, &occ, PURPLE, dot)?;

    // Bottom panel: calls lost, scaled to the worst interval.
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
    let mut chart = ChartBuilder::on(&bottom)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(ax.range(), 0f64..max_y)?;
    chart
        .configure_mesh()
        .x_label_formatter(&|x| ax.label(*x, lang))
        .y_label_formatter(&|y| lang.pct(*y, decimals))
        .y_labels(6)
        .x_desc(lang.t(Key::TimeOfDay))
        .y_desc(lang.t(Key::ChartAbandonAxis))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid())
        .light_line_style(TRANSPARENT)
        .draw()?;
    band(&mut chart, &aband, half, RED_MARK.mix(0.15))?;
    draw_line_dots(&mut chart, &aband, RED_MARK, dot)?;
    if blocking {
        band(&mut chart, &block, half, BROWN.mix(0.15))?;
        draw_line_dots(&mut chart, &block, BROWN, dot)?;
    }
    Ok(())
}

fn draw_line_dots<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    runs: &[Vec<(f64, f64, f64)>],
    color: RGBColor,
    dot: u32,
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    for run in runs {
        chart.draw_series(LineSeries::new(
            run.iter().map(|(x, y, _)| (*x, *y)),
            color.stroke_width(2),
        ))?;
    }
    chart.draw_series(
        runs.iter()
            .flatten()
            .map(|&(x, y, _)| Circle::new((x, y), dot, color.filled())),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_axis_maxima() {
        assert_eq!(nice_ceil(0.0), 1.0);
        assert_eq!(nice_ceil(87.0), 100.0);
        assert_eq!(nice_ceil(41.0), 50.0);
        assert_eq!(nice_ceil(210.0), 250.0);
        assert_eq!(nice_ceil(0.031), 0.05);
        assert_eq!(nice_ceil(60.0), 100.0);
    }

    #[test]
    fn step_lines_have_a_vertex_only_where_the_value_changes() {
        let spans = [(0.0, 0.25, 0.5), (0.5, 0.75, 1.0), (1.0, 1.25, 1.5)];
        assert_eq!(
            steps(&spans, [6.0, 6.0, 8.0].into_iter()),
            vec![(0.0, 6.0), (1.0, 6.0), (1.0, 8.0), (1.5, 8.0)]
        );
    }

    #[test]
    fn lines_break_where_values_are_missing() {
        let r = runs([Some(1), None, Some(2), Some(3), None].into_iter());
        assert_eq!(r, vec![vec![1], vec![2, 3]]);
    }

    #[test]
    fn every_character_of_every_text_has_a_glyph() {
        use ab_glyph::{Font, FontRef};
        let font = FontRef::try_from_slice(dejavu::sans::regular()).unwrap();
        let bold = FontRef::try_from_slice(dejavu::sans::bold()).unwrap();
        for lang in Lang::ALL {
            for &k in Key::ALL {
                for c in lang.t(k).chars() {
                    assert!(
                        font.glyph_id(c).0 != 0 && bold.glyph_id(c).0 != 0,
                        "{lang:?} {k:?}: no glyph for {c:?} (U+{:04X})",
                        c as u32
                    );
                }
            }
            for c in lang.num(1234.5, 1).chars().chain(lang.pct(0.5, 0).chars()) {
                assert!(font.glyph_id(c).0 != 0, "{lang:?}: no glyph for {c:?}");
            }
        }
    }
}
