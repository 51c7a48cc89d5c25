//! The chart kit: what every chart of ccsim shares, whatever it shows. A chart is a
//! [`Figure`] drawn once per backend by the same code and rendered as SVG and PNG of
//! [`WIDTH`]×[`HEIGHT`] ([`render`]); [`frame`] paints the title, subtitle and legend the
//! same way on every chart; the colours, the plot styles, [`FixedTicks`] and
//! [`ClockAxis`] axes, step lines, bands and thick lines are here so the run's charts and
//! the sweep's look alike.
//!
//! Text is drawn with DejaVu Sans embedded in the binary ([`ensure_font`]), so PNGs
//! render the same on a machine with no fonts installed; SVGs name `sans-serif` and let
//! the viewer draw it. The PNG is the SVG rasterised by resvg, whose text goes through a
//! real shaper (rustybuzz: kerning, ligatures, accents): glyph-by-glyph drawing left
//! gaps inside words ("hotl ine").

use std::error::Error as StdError;
use std::ops::Range;
use std::sync::{Arc, Once, OnceLock};

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, RGBAColor, register_font};

use crate::model::clock_label;
use crate::report::i18n::{Key, Lang};

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

/// Renders a figure as SVG text and PNG bytes of `WIDTH`×`HEIGHT`: the PNG is the SVG
/// rasterised, so the two always show the same picture.
pub fn render<F: Figure>(fig: &F) -> std::result::Result<(String, Vec<u8>), DrawError> {
    ensure_font();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        fig.draw(&root)?;
        root.present()?;
    }
    let rgb = rasterise(&svg, WIDTH, HEIGHT)?;
    Ok((svg, encode_png(&rgb, WIDTH, HEIGHT)?))
}

/// The embedded DejaVu Sans as a font database, with every generic family mapped to it.
fn font_db() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(dejavu::sans::regular().to_vec());
        db.load_font_data(dejavu::sans::bold().to_vec());
        db.set_sans_serif_family("DejaVu Sans");
        db.set_serif_family("DejaVu Sans");
        db.set_monospace_family("DejaVu Sans");
        Arc::new(db)
    })
    .clone()
}

/// Rasterises SVG text at `width`×`height` to 8-bit RGB on white, with text shaped and
/// drawn from the embedded font only.
pub fn rasterise(svg: &str, width: u32, height: u32) -> std::result::Result<Vec<u8>, DrawError> {
    use resvg::{tiny_skia, usvg};
    let options = usvg::Options {
        font_family: "DejaVu Sans".into(),
        fontdb: font_db(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or("an empty picture")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // Opaque on white: premultiplied RGBA is plain RGBA; drop the alpha.
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect())
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

// ---------------------------------------------------------------------------------------
// Colours, the frame with title, subtitle and legend, plot styles.

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
/// Text of `px` pixels (the height of the letters' em square, as SVG's `font-size`).
pub fn text_style(px: f64, color: RGBColor) -> TextStyle<'static> {
    let font: FontDesc<'static> = (FONT, px * PLOTTERS_PX).into_font();
    font.color(&color)
}

/// Plotters' font sizes are this many times the `font-size` its SVG backend writes (it
/// divides by 1.24): sizes here are given in real pixels and converted once.
const PLOTTERS_PX: f64 = 1.24;

/// The smallest text on a chart, in chart pixels (SVG `font-size`): 8.1 pt when a
/// 1200-pixel chart is printed across an A4 page's 186 mm (0.44 pt per pixel), and 14
/// screen pixels at the HTML report's 912-pixel width. Every label is at least this size.
pub const MIN_TEXT: f64 = 18.5;

/// Paints the background, the title, a subtitle and a legend row above the plot; returns
/// the area left for the plot. Long titles and subtitles wrap at spaces (titles onto at
/// most two lines, subtitles three); what still does not fit ends with "…", so nothing is
/// ever cut at the edge.
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
    let title_font: FontDesc<'static> = (FONT, 26.0 * PLOTTERS_PX, FontStyle::Bold).into_font();
    let title_style = title_font.color(&TEXT);
    let mut y = 14;
    for line in wrap(root, title, &title_style, room, 2)? {
        root.draw_text(&line, &title_style, (left, y))?;
        y += 33;
    }
    let sub_style = text_style(MIN_TEXT, MUTED);
    y += 4;
    for line in wrap(root, subtitle, &sub_style, room, 3)? {
        root.draw_text(&line, &sub_style, (left, y))?;
        y += 24;
    }
    // Legend entries flow left to right, wrapping when the row is full; text is centred
    // on the swatch.
    let label_style = text_style(MIN_TEXT, TEXT);
    let centred = label_style.pos(Pos::new(HPos::Left, VPos::Center));
    let (mut x, mut y) = (left, y + 20);
    for item in legend {
        let (w, _) = root.estimate_text_size(&item.label, &label_style)?;
        let width = 34 + w as i32 + 28;
        if x > left && x + width > WIDTH as i32 - left {
            x = left;
            y += 28;
        }
        draw_swatch(root, item.swatch, (x, y))?;
        root.draw_text(&item.label, &centred, (x + 34, y))?;
        x += width;
    }
    let (_, plot) = root.split_vertically(y + 24);
    Ok(plot)
}

/// `text` broken at spaces into lines at most `room` pixels wide, at most `max_lines` of
/// them; the last line ends with "…" where text had to go.
fn wrap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle<'_>,
    room: i32,
    max_lines: usize,
) -> std::result::Result<Vec<String>, DrawError>
where
    DB::ErrorType: 'static,
{
    let fits = |s: &str| -> std::result::Result<bool, DrawError> {
        Ok(root.estimate_text_size(s, style)?.0 as i32 <= room)
    };
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || fits(&candidate)? {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    lines.push(current);
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    }
    // The last line (or a single word too long for any line) is shortened to fit.
    for line in &mut lines {
        if !fits(line)? {
            let mut chars: Vec<char> = line.chars().collect();
            while !chars.is_empty() {
                chars.pop();
                let short: String = chars.iter().collect::<String>().trim_end().to_string() + "…";
                if fits(&short)? {
                    *line = short;
                    break;
                }
            }
        }
    }
    Ok(lines)
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

/// The plot of a share (0–100 %) against an amount from 0 to `max_x` (a wait, a handle
/// time): the axes, grid and labels shared by the waits chart and `fit`'s charts.
pub fn share_axes<'a, DB>(
    area: &'a DrawingArea<DB, Shift>,
    max_x: f64,
    x_labels: Option<usize>,
    (x_desc, y_desc): (&str, &str),
    lang: Lang,
) -> std::result::Result<ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>, DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
{
    let mut chart = ChartBuilder::on(area)
        .margin(10)
        .margin_right(40)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(0f64..max_x, 0f64..1.0)?;
    let mut mesh = chart.configure_mesh();
    if let Some(n) = x_labels {
        mesh.x_labels(n);
    }
    mesh.x_label_formatter(&|x| lang.num(*x, if x.fract().abs() < 1e-9 { 0 } else { 1 }))
        .y_label_formatter(&|y| lang.pct(*y, 0))
        .y_labels(11)
        .x_desc(x_desc)
        .y_desc(y_desc)
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    Ok(chart)
}

/// Tick labels of the plot areas.
pub fn label_style() -> TextStyle<'static> {
    text_style(MIN_TEXT, TEXT)
}

/// Axis names of the plot areas.
pub fn desc_style() -> TextStyle<'static> {
    text_style(19.0, TEXT)
}

/// The light grid behind the data.
pub fn grid_style() -> ShapeStyle {
    RGBColor(0, 0, 0).mix(0.12).stroke_width(1)
}

// ---------------------------------------------------------------------------------------
// Axes.

/// The time-of-day axis of per-interval charts: hours since midnight of the first day,
/// with round clock ticks. A period of three to ten days (a week of 15-minute
/// intervals, say) is shown as days: one label per day at its middle ("day 3") and a
/// separator line at each midnight ([`ClockAxis::day_separators`]); there the x grid is
/// off, the separators take its place.
#[derive(Debug, Clone)]
pub struct ClockAxis {
    pub from_h: f64,
    pub to_h: f64,
    pub ticks: Vec<f64>,
    /// Prefix labels with the day when the period spans more than one day.
    multi_day: bool,
    with_seconds: bool,
    /// One label per day, separators at midnight.
    day_view: bool,
    /// Ticks every few days, at midnight: the day alone is the label.
    days_only: bool,
}

/// Clock labels on one day ("08:00") fit twelve to an axis; with the day in front ("day
/// 2 08:00") only six do without overlapping.
const MAX_CLOCK_TICKS: f64 = 12.0;
const MAX_DAY_CLOCK_TICKS: f64 = 6.0;
/// Periods of this many days or more, up to [`MAX_DAY_VIEW_DAYS`], are shown as days.
const MIN_DAY_VIEW_DAYS: f64 = 3.0;
/// Beyond ten days a label per day ("jour 10") no longer fits; ticks then fall every few
/// days, labelled with the day alone.
const MAX_DAY_VIEW_DAYS: f64 = 10.0;

impl ClockAxis {
    /// The axis from `from_s` to `to_s`, seconds after midnight of the first day.
    pub fn new(from_s: f64, to_s: f64) -> Self {
        let from_h = from_s / 3600.0;
        let to_h = to_s / 3600.0;
        let span_s = (to_h - from_h) * 3600.0;
        let multi_day = to_h > 24.0 + 1e-9;
        let days = span_s / 86_400.0;
        if multi_day && (MIN_DAY_VIEW_DAYS - 1e-9..=MAX_DAY_VIEW_DAYS + 1e-9).contains(&days) {
            // Each day's middle, where it is inside the period.
            let ticks = (0..)
                .map(|d| d as f64 * 24.0 + 12.0)
                .take_while(|t| *t <= to_h + 1e-9)
                .filter(|t| *t >= from_h - 1e-9)
                .collect();
            return ClockAxis {
                from_h,
                to_h,
                ticks,
                multi_day,
                with_seconds: false,
                day_view: true,
                days_only: true,
            };
        }
        const STEPS: [f64; 20] = [
            1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0,
            7200.0, 10800.0, 14400.0, 21600.0, 43200.0, 86400.0, 172800.0,
        ];
        let max_ticks = if multi_day {
            MAX_DAY_CLOCK_TICKS
        } else {
            MAX_CLOCK_TICKS
        };
        let step_s = STEPS
            .into_iter()
            .find(|s| span_s / s <= max_ticks)
            .unwrap_or_else(|| (span_s / max_ticks / 86400.0).ceil() * 86400.0);
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
            multi_day,
            with_seconds: step_s < 60.0,
            day_view: false,
            days_only: step_s % 86_400.0 == 0.0,
        }
    }

    /// The axis as a plotters coordinate with ticks at the round clock times.
    pub fn range(&self) -> FixedTicks {
        FixedTicks::all(self.from_h..self.to_h, self.ticks.clone())
    }

    /// Whether the period is shown as days (labels per day, separators at midnight).
    pub fn day_view(&self) -> bool {
        self.day_view
    }

    /// The midnights inside the period, in hours, where a day view draws a separator.
    pub fn day_separators(&self) -> Vec<f64> {
        if !self.day_view {
            return vec![];
        }
        (1..)
            .map(|d| d as f64 * 24.0)
            .take_while(|t| *t < self.to_h - 1e-9)
            .filter(|t| *t > self.from_h + 1e-9)
            .collect()
    }

    /// "08:00", or "day 2 08:00" on periods longer than a day, or "day 2" in a day view
    /// and where ticks fall every few days.
    pub fn label(&self, hours: f64, lang: Lang) -> String {
        let s = (hours * 3600.0).round();
        let day = (s / 86400.0).floor() as u64 + 1;
        let day_label = || lang.fill(Key::DayN, &[("n", &day.to_string())]);
        if self.day_view || (self.multi_day && self.days_only) {
            return day_label();
        }
        let end_of_day = !self.multi_day && s > 0.0 && s % 86_400.0 == 0.0;
        let clock = if end_of_day {
            clock_label(0.0, self.with_seconds).replacen("00", "24", 1)
        } else {
            clock_label(s, self.with_seconds)
        };
        if self.multi_day {
            format!("{} {clock}", day_label())
        } else {
            clock
        }
    }

    /// Draws the day separators of a day view across the plot, from `y0` to `y1`.
    pub fn draw_separators<DB, CT>(
        &self,
        chart: &mut ChartContext<'_, DB, CT>,
        (y0, y1): (f64, f64),
    ) -> std::result::Result<(), DrawError>
    where
        DB: DrawingBackend,
        DB::ErrorType: 'static,
        CT: CoordTranslate<From = (f64, f64)>,
    {
        for x in self.day_separators() {
            chart.plotting_area().draw(&PathElement::new(
                vec![(x, y0), (x, y1)],
                MUTED.mix(0.55).stroke_width(2),
            ))?;
        }
        Ok(())
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
    // Fine steps, so that the data fill most of the axis (271 calls: 300, not 500).
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|v| *v >= x * (1.0 - 1e-12))
        .unwrap_or(10.0 * p)
}

// ---------------------------------------------------------------------------------------
// Lines, bands and markers.

/// Runs of consecutive present values, as separate point lists (a line breaks where a
/// value is missing).
pub fn runs<T: Copy>(values: impl Iterator<Item = Option<T>>) -> Vec<Vec<T>> {
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

/// A 95 % band around a line: a filled polygon per run (a bar for a lone point).
pub fn band<DB, CT>(
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

/// Markers shrink when there are many intervals.
pub fn dot_radius(intervals: usize) -> u32 {
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
pub fn steps(spans: &[(f64, f64, f64)], values: impl Iterator<Item = f64>) -> Vec<(f64, f64)> {
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

/// A line of `width` pixels through `pts` (one SVG path, rasterised by resvg with proper
/// joins).
pub fn thick_path<DB, CT>(
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
    chart.plotting_area().draw(&PathElement::new(
        pts.to_vec(),
        color.stroke_width(width as u32),
    ))?;
    Ok(())
}

/// Lines of `runs` (mean only) with a dot on every point.
pub fn draw_line_dots<DB, CT>(
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
        assert_eq!(nice_ceil(0.031), 0.04);
        assert_eq!(nice_ceil(60.0), 60.0);
        assert_eq!(nice_ceil(271.0), 300.0);
        assert_eq!(nice_ceil(32.6), 40.0);
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
