//! The chart kit: what every chart of ccsim shares, whatever it shows. A chart is a
//! [`Figure`] drawn once per backend by the same code and rendered as SVG and PNG of
//! [`WIDTH`]×[`HEIGHT`] ([`render`]); [`frame`] paints the title, subtitle and legend the
//! same way on every chart; the colours, the plot styles, [`FixedTicks`] and
//! [`ClockAxis`] axes, step lines, bands and thick lines are here so the run's charts and
//! the sweep's look alike.
//!
//! Text is drawn with DejaVu Sans embedded in the binary ([`ensure_font`]), so PNGs
//! render the same on a machine with no fonts installed; SVGs name `sans-serif` and let
//! the viewer draw it.

use std::error::Error as StdError;
use std::ops::Range;
use std::sync::Once;

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

/// Tick labels of the plot areas.
pub fn label_style() -> TextStyle<'static> {
    text_style(16.0, TEXT)
}

/// Axis names of the plot areas.
pub fn desc_style() -> TextStyle<'static> {
    text_style(18.0, TEXT)
}

/// The light grid behind the data.
pub fn grid_style() -> ShapeStyle {
    RGBColor(0, 0, 0).mix(0.12).stroke_width(1)
}

// ---------------------------------------------------------------------------------------
// Axes.

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
    /// The axis from `from_s` to `to_s`, seconds after midnight of the first day.
    pub fn new(from_s: f64, to_s: f64) -> Self {
        let from_h = from_s / 3600.0;
        let to_h = to_s / 3600.0;
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

/// A line of `width` pixels drawn as parallel one-pixel lines: plotters' bitmap backend
/// draws wide lines made of many short segments with notches.
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
