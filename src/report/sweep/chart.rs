//! The charts of a sweep: service level against the first swept parameter, one line per
//! value of the second (with its 95 % band when there is one line), and for two or more
//! swept parameters a heat map of the service level over the first two.
//!
//! They are drawn from `sweep.json`'s manifest and rows alone, so `merge` redraws exactly
//! the charts of an unsharded run. They share the look and the embedded font of the run
//! charts: both are drawn with the [`crate::report::charts::kit`], and worded by
//! [`crate::report::i18n`]. Swept values are written as on the command line ("+2", "95%",
//! "4m30s" in English), in the language's own way in others ("4 min 30 s").

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Manifest;
use crate::error::{Error, Result};
use crate::report::charts::Chart;
use crate::report::charts::kit::{
    BLUE_LINE, BROWN, DrawError, Figure, FixedTicks, GREEN_LINE, LegendItem, MIN_TEXT, MUTED,
    ORANGE, PURPLE, RED_MARK, Swatch, TARGET, TEXT, desc_style, frame, grid_style, label_style,
    render, text_style,
};
use crate::report::i18n::{Key, Lang};
use crate::stats::Metric;
use crate::sweep::VariantResult;

/// At most this many lines (values of the second parameter) on the line chart; with more,
/// the heat map shows them.
const MAX_LINES: usize = 8;

/// Line colours, in order.
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

/// Draws the sweep's charts in `lang` (none for a shard: its rows are only part of the
/// grid).
pub fn draw(manifest: &Manifest, rows: &[VariantResult], lang: Lang) -> Result<Vec<Chart>> {
    if manifest.shard.count > 1 || rows.is_empty() {
        return Ok(vec![]);
    }
    let data = Data::new(manifest, rows, lang);
    let mut figures: Vec<SweepFigure<'_>> = Vec::new();
    if data.axes.len() == 1 || data.axes[1].values.len() <= MAX_LINES {
        figures.push(SweepFigure {
            data: &data,
            heatmap: false,
        });
    }
    if data.axes.len() >= 2 {
        figures.push(SweepFigure {
            data: &data,
            heatmap: true,
        });
    }
    figures
        .iter()
        .map(|fig| {
            let stem = if fig.heatmap {
                "sweep-heatmap"
            } else {
                "sweep-service-level"
            };
            let (svg, png) = render(fig)
                .map_err(|e| Error::runtime(format!("cannot draw the chart {stem}: {e}")))?;
            Ok(Chart {
                stem,
                title: fig.title(),
                svg,
                png,
            })
        })
        .collect()
}

/// How the values of a swept parameter are written on the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueFormat {
    /// Added: "+2", "−1", "0".
    Signed,
    /// A percentage: "95%".
    Pct,
    /// A count: "12".
    Plain,
    /// A duration: "20s", "4m30s".
    Secs,
    /// A duration added: "+15s", "−30s".
    SignedSecs,
}

impl ValueFormat {
    fn text(self, x: f64, lang: Lang) -> String {
        // A typographic minus: a hyphen looks too short beside the digits.
        match self {
            ValueFormat::Signed if x > 0.0 => format!("+{}", lang.plain(x)),
            ValueFormat::Signed if x < 0.0 => format!("−{}", lang.plain(-x)),
            ValueFormat::Signed => "0".into(),
            ValueFormat::Pct => lang.plain_pct(x),
            ValueFormat::Plain => lang.plain(x),
            ValueFormat::Secs => lang.duration_compact(x),
            ValueFormat::SignedSecs if x < 0.0 => format!("−{}", lang.duration_compact(-x)),
            ValueFormat::SignedSecs => format!("+{}", lang.duration_compact(x)),
        }
    }
}

/// One swept parameter as the charts show it.
struct ChartAxis {
    /// "Agents added to every interval", for the axis.
    name: &'static str,
    /// "Agents", before a value in legends and titles: "Agents +2".
    short: &'static str,
    /// Its distinct values, in the order of the grid.
    values: Vec<f64>,
    format: ValueFormat,
}

impl ChartAxis {
    /// A value with the parameter's short name: "Agents +2".
    fn named_value(&self, x: f64, lang: Lang) -> String {
        lang.fill(
            Key::SweepNamedValue,
            &[("name", self.short), ("value", &self.format.text(x, lang))],
        )
    }
}

/// The service level of every variant, on the grid of the first two parameters (the
/// others held at one value, named in the subtitle).
struct Data<'a> {
    manifest: &'a Manifest,
    lang: Lang,
    axes: Vec<ChartAxis>,
    /// (index along axis 0, index along axis 1 or 0, mean, ci95) of the variants shown.
    points: Vec<(usize, usize, f64, f64)>,
    /// "Calls 100%" for each parameter beyond the second, held fixed.
    held: Vec<String>,
}

impl<'a> Data<'a> {
    fn new(manifest: &'a Manifest, rows: &[VariantResult], lang: Lang) -> Self {
        let k = manifest.columns.len();
        let values: Vec<Vec<f64>> = rows
            .iter()
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| c.parse().unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        let mut axes: Vec<ChartAxis> = (0..k)
            .map(|a| {
                let mut distinct: Vec<f64> = Vec::new();
                for v in &values {
                    if !distinct.contains(&v[a]) {
                        distinct.push(v[a]);
                    }
                }
                describe(&manifest.columns[a], distinct, lang)
            })
            .collect();
        // Parameters beyond the second are held at their neutral value (no change) if they
        // have one, otherwise at their middle value.
        let held_at: Vec<f64> = axes
            .iter()
            .enumerate()
            .map(|(a, ax)| {
                let neutral = neutral(&manifest.columns[a]);
                neutral
                    .filter(|n| ax.values.contains(n))
                    .unwrap_or(ax.values[ax.values.len() / 2])
            })
            .collect();
        let held = (2..k)
            .map(|a| axes[a].named_value(held_at[a], lang))
            .collect();
        let points = rows
            .iter()
            .zip(&values)
            .filter(|(_, v)| (2..k).all(|a| v[a] == held_at[a]))
            .filter_map(|(r, v)| {
                let e = r.overall[Metric::ServiceLevel as usize];
                let i = axes[0].values.iter().position(|x| *x == v[0])?;
                let j = if k > 1 {
                    axes[1].values.iter().position(|x| *x == v[1])?
                } else {
                    0
                };
                Some((i, j, e.mean?, e.ci95.unwrap_or(0.0)))
            })
            .collect();
        axes.truncate(2);
        Data {
            manifest,
            lang,
            axes,
            points,
            held,
        }
    }

    fn subtitle(&self) -> String {
        let lang = self.lang;
        let sl = &self.manifest.service_level;
        let within = if self.manifest.columns.iter().any(|c| c == "threshold_s") {
            lang.t(Key::SweepWithinShown).to_string()
        } else {
            let threshold = lang.duration_compact(sl.threshold_s);
            lang.fill(Key::SweepWithin, &[("threshold", &threshold)])
        };
        let mut s = lang.fill(
            Key::SweepSubtitle,
            &[
                ("within", &within),
                ("target", &lang.pct(sl.target, 0)),
                ("runs", &self.manifest.replications.to_string()),
            ],
        );
        if !self.held.is_empty() {
            s.push_str(&format!(" · {}", self.held.join(", ")));
        }
        s
    }
}

/// A swept parameter as the charts show it, from its `sweep.csv` column.
fn describe(column: &str, values: Vec<f64>, lang: Lang) -> ChartAxis {
    use ValueFormat::*;
    let (name, short, format) = match column {
        "agents_add" => (Key::SweepAgentsAdd, Key::SweepShortAgents, Signed),
        "agents_pct" => (Key::SweepAgentsPct, Key::SweepShortAgents, Pct),
        "agents" => (Key::SweepAgentsSet, Key::SweepShortAgents, Plain),
        "calls_pct" => (Key::SweepCallsPct, Key::SweepShortCalls, Pct),
        "aht_pct" => (Key::SweepAhtPct, Key::SweepShortAht, Pct),
        "aht_add_s" => (Key::SweepAhtAdd, Key::SweepShortAht, SignedSecs),
        "aht_s" => (Key::SweepAhtSet, Key::SweepShortAht, Secs),
        "patience_pct" => (Key::SweepPatiencePct, Key::SweepShortPatience, Pct),
        "patience_add_s" => (Key::SweepPatienceAdd, Key::SweepShortPatience, SignedSecs),
        "patience_s" => (Key::SweepPatienceSet, Key::SweepShortPatience, Secs),
        "lines" => (Key::SweepLinesSet, Key::SweepShortLines, Plain),
        "lines_add" => (Key::SweepLinesAdd, Key::SweepShortLines, Signed),
        "threshold_s" => (Key::SweepThreshold, Key::SweepShortThreshold, Secs),
        _ => (Key::SweepValue, Key::SweepShortValue, Plain),
    };
    ChartAxis {
        name: lang.t(name),
        short: lang.t(short),
        values,
        format,
    }
}

/// A swept parameter's short name, as the charts write it: "Agents", "Calls"; a column
/// of one agent group or call type names it: "Agents (sales)".
pub fn column_title(column: &str, lang: Lang) -> String {
    match column.split_once('@') {
        Some((base, target)) => format!("{} ({target})", describe(base, vec![], lang).short),
        None => describe(column, vec![], lang).short.to_string(),
    }
}

/// A swept value (a `sweep.csv` cell) as the charts write it: "+2", "110%", "4m30s".
pub fn value_text(column: &str, cell: &str, lang: Lang) -> String {
    let base = column.split_once('@').map_or(column, |(b, _)| b);
    let x: f64 = cell.parse().unwrap_or(f64::NAN);
    describe(base, vec![], lang).format.text(x, lang)
}

/// A swept value with its parameter's short name: "Agents +2", "Calls 110%".
pub fn named_value(column: &str, cell: &str, lang: Lang) -> String {
    lang.fill(
        Key::SweepNamedValue,
        &[
            ("name", &column_title(column, lang)),
            ("value", &value_text(column, cell, lang)),
        ],
    )
}

/// The value of a column that leaves the scenario as it is, if any.
fn neutral(column: &str) -> Option<f64> {
    if column.ends_with("_pct") {
        Some(100.0)
    } else if column.ends_with("_add") || column.ends_with("_add_s") {
        Some(0.0)
    } else {
        None
    }
}

struct SweepFigure<'a> {
    data: &'a Data<'a>,
    heatmap: bool,
}

impl SweepFigure<'_> {
    fn title(&self) -> String {
        let d = self.data;
        let over: Vec<String> = d.axes.iter().map(|a| a.short.to_lowercase()).collect();
        d.lang.fill(
            Key::SweepTitle,
            &[
                ("scenario", &d.manifest.scenario),
                ("over", &d.lang.list(&over)),
            ],
        )
    }
}

impl Figure for SweepFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        if self.heatmap {
            heatmap(self.data, &self.title(), root)
        } else {
            lines(self.data, &self.title(), root)
        }
    }
}

/// The y range of the line chart: from a round value below the data (and the target) to 100 %.
fn y_range(d: &Data<'_>) -> (f64, f64) {
    let lowest = d
        .points
        .iter()
        .map(|p| p.2 - p.3)
        .fold(d.manifest.service_level.target, f64::min);
    let from = ((lowest - 0.02) * 10.0).floor() / 10.0;
    (from.clamp(0.0, 0.9), 1.0)
}

/// One line of the line chart: its legend label, colour and (x, mean, ci95) points.
type Line = (String, RGBColor, Vec<(f64, f64, f64)>);

/// The lines of the line chart: one for a single parameter, else one per value of the
/// second.
fn line_series(d: &Data<'_>) -> Vec<Line> {
    let x_axis = &d.axes[0];
    if d.axes.len() == 1 {
        return vec![(
            d.lang.t(Key::LegendServiceLevel).to_string(),
            BLUE_LINE,
            d.points
                .iter()
                .map(|&(i, _, m, h)| (x_axis.values[i], m, h))
                .collect(),
        )];
    }
    let second = &d.axes[1];
    second
        .values
        .iter()
        .enumerate()
        .map(|(j, v)| {
            (
                second.named_value(*v, d.lang),
                PALETTE[j % PALETTE.len()],
                d.points
                    .iter()
                    .filter(|p| p.1 == j)
                    .map(|&(i, _, m, h)| (x_axis.values[i], m, h))
                    .collect(),
            )
        })
        .collect()
}

/// A legend entry per line, the band's when there is one line, and the target's.
fn lines_legend(d: &Data<'_>, series: &[Line]) -> Vec<LegendItem> {
    let lang = d.lang;
    let mut legend: Vec<LegendItem> = series
        .iter()
        .map(|(label, color, _)| LegendItem {
            swatch: Swatch::LineDot(*color),
            label: label.clone(),
        })
        .collect();
    if series.len() == 1 {
        legend.push(LegendItem {
            swatch: Swatch::Fill(BLUE_LINE.mix(0.25)),
            label: lang.t(Key::SweepLegendBand).into(),
        });
    }
    let target = lang.pct(d.manifest.service_level.target, 0);
    legend.push(LegendItem {
        swatch: Swatch::Dashed(TARGET),
        label: lang.fill(Key::LegendTarget, &[("target", &target)]),
    });
    legend
}

fn lines<DB: DrawingBackend>(
    d: &Data<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let (lang, target) = (d.lang, d.manifest.service_level.target);
    let x_axis = &d.axes[0];
    let series = line_series(d);
    let area = frame(root, title, &d.subtitle(), &lines_legend(d, &series))?;
    let (lo, hi) = x_axis
        .values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(*v), b.max(*v))
        });
    let pad = if hi > lo { (hi - lo) * 0.04 } else { 1.0 };
    let mut ticks = x_axis.values.clone();
    ticks.sort_by(f64::total_cmp);
    let x = FixedTicks::thinned(lo - pad..hi + pad, ticks);
    let (y0, y1) = y_range(d);
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(100)
        .build_cartesian_2d(x, y0..y1)?;
    let fmt = x_axis.format;
    chart
        .configure_mesh()
        .x_label_formatter(&|v| fmt.text(*v, lang))
        .y_label_formatter(&|y| lang.pct(*y, 0))
        .y_labels(11)
        .x_desc(x_axis.name)
        .y_desc(lang.t(Key::SweepAxisServiceLevel))
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .bold_line_style(grid_style())
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(lo - pad, target), (hi + pad, target)],
        10,
        6,
        TARGET.stroke_width(2),
    ))?;
    // A band only when there is one line: several bands would hide each other.
    let band_floor = (series.len() == 1).then_some(y0);
    for (_, color, pts) in &series {
        draw_line(&mut chart, pts, *color, band_floor)?;
    }
    Ok(())
}

/// One line of the line chart in x order, with dots, above its 95 % band (cut at 100 %
/// and at `band_floor`) when `band_floor` is given.
fn draw_line<DB, CT>(
    chart: &mut ChartContext<'_, DB, CT>,
    pts: &[(f64, f64, f64)],
    color: RGBColor,
    band_floor: Option<f64>,
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let mut pts = pts.to_vec();
    pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    if let Some(y0) = band_floor.filter(|_| pts.len() > 1) {
        let mut band: Vec<(f64, f64)> =
            pts.iter().map(|(x, y, h)| (*x, (y + h).min(1.0))).collect();
        band.extend(pts.iter().rev().map(|(x, y, h)| (*x, (y - h).max(y0))));
        chart
            .plotting_area()
            .draw(&Polygon::new(band, color.mix(0.25).filled()))?;
    }
    chart.draw_series(LineSeries::new(
        pts.iter().map(|(x, y, _)| (*x, *y)),
        color.stroke_width(3),
    ))?;
    chart.draw_series(
        pts.iter()
            .map(|(x, y, _)| Circle::new((*x, *y), 5, color.filled())),
    )?;
    Ok(())
}

/// Colour of a service level: reds below the target, greens above it.
fn heat_color(sl: f64, target: f64) -> RGBColor {
    let mix = |a: (f64, f64, f64), b: (f64, f64, f64), t: f64| {
        let t = t.clamp(0.0, 1.0);
        RGBColor(
            (a.0 + (b.0 - a.0) * t).round() as u8,
            (a.1 + (b.1 - a.1) * t).round() as u8,
            (a.2 + (b.2 - a.2) * t).round() as u8,
        )
    };
    let red = (203.0, 24.0, 29.0);
    let pale_red = (252.0, 187.0, 161.0);
    let pale_green = (199.0, 233.0, 192.0);
    let green = (0.0, 109.0, 44.0);
    if sl < target {
        // The full red at 30 points below target.
        mix(pale_red, red, (target - sl) / 0.30)
    } else {
        mix(pale_green, green, (sl - target) / (1.0 - target).max(1e-9))
    }
}

/// Each value's rank in ascending order: the heat map's cell position along its axis.
fn ranks(vals: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..vals.len()).collect();
    idx.sort_by(|a, b| vals[*a].total_cmp(&vals[*b]));
    let mut pos = vec![0; vals.len()];
    for (p, i) in idx.into_iter().enumerate() {
        pos[i] = p;
    }
    pos
}

fn sorted(vals: &[f64]) -> Vec<f64> {
    let mut v = vals.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

fn heatmap<DB: DrawingBackend>(
    d: &Data<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let (lang, target) = (d.lang, d.manifest.service_level.target);
    let legend = [
        LegendItem {
            swatch: Swatch::Fill(heat_color(target - 0.2, target).mix(1.0)),
            label: lang.fill(Key::SweepBelowTarget, &[("target", &lang.pct(target, 0))]),
        },
        LegendItem {
            swatch: Swatch::Fill(heat_color((1.0 + target) / 2.0, target).mix(1.0)),
            label: lang.t(Key::SweepAtOrAbove).into(),
        },
    ];
    let area = frame(root, title, &d.subtitle(), &legend)?;
    let (xa, ya) = (&d.axes[0], &d.axes[1]);
    let (nx, ny) = (xa.values.len(), ya.values.len());
    // Cells in the order of the values, each one unit wide; ticks at the cell centres.
    let centres = |n: usize| (0..n).map(|i| i as f64 + 0.5).collect::<Vec<_>>();
    let x = FixedTicks::thinned(0.0..nx as f64, centres(nx));
    let y = FixedTicks::thinned(0.0..ny as f64, centres(ny));
    let (sx, sy) = (sorted(&xa.values), sorted(&ya.values));
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(110)
        .build_cartesian_2d(x, y)?;
    let (fx, fy) = (xa.format, ya.format);
    let at = |sorted: &[f64], v: f64, f: ValueFormat| {
        sorted
            .get(v.floor() as usize)
            .map_or(String::new(), |x| f.text(*x, lang))
    };
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&|v| at(&sx, *v, fx))
        .y_label_formatter(&|v| at(&sy, *v, fy))
        .x_labels(nx.min(24))
        .y_labels(ny.min(20))
        .x_desc(xa.name)
        .y_desc(ya.name)
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .draw()?;
    heat_cells(d, &mut chart, (nx, ny))
}

/// The heat map's cells, labelled with their service level where they are big enough,
/// or a note when no variant has a service level.
fn heat_cells<DB, CT>(
    d: &Data<'_>,
    chart: &mut ChartContext<'_, DB, CT>,
    (nx, ny): (usize, usize),
) -> std::result::Result<(), DrawError>
where
    DB: DrawingBackend,
    DB::ErrorType: 'static,
    CT: CoordTranslate<From = (f64, f64)>,
{
    let (lang, target) = (d.lang, d.manifest.service_level.target);
    let (px, py) = (ranks(&d.axes[0].values), ranks(&d.axes[1].values));
    let (w, h) = chart.plotting_area().dim_in_pixel();
    let cell_w = w as f64 / nx as f64;
    let cell_h = h as f64 / ny as f64;
    // Figures in cells only where they can be read: never below the charts' smallest text.
    let show_text = cell_w >= 64.0 && cell_h >= MIN_TEXT * 1.3;
    let text_size = (cell_h * 0.45).clamp(MIN_TEXT, 22.0);
    for &(i, j, m, _) in &d.points {
        let (cx, cy) = (px[i] as f64, py[j] as f64);
        let color = heat_color(m, target);
        chart.plotting_area().draw(&Rectangle::new(
            [(cx, cy), (cx + 1.0, cy + 1.0)],
            color.filled(),
        ))?;
        chart.plotting_area().draw(&Rectangle::new(
            [(cx, cy), (cx + 1.0, cy + 1.0)],
            WHITE.stroke_width(1),
        ))?;
        if show_text {
            // White text on dark cells, by the cell's perceived brightness.
            let dark =
                (color.0 as f64 * 0.299 + color.1 as f64 * 0.587 + color.2 as f64 * 0.114) < 140.0;
            let style = text_style(text_size, if dark { WHITE } else { TEXT })
                .pos(Pos::new(HPos::Center, VPos::Center));
            chart
                .plotting_area()
                .draw(&Text::new(lang.pct(m, 1), (cx + 0.5, cy + 0.5), style))?;
        }
    }
    if d.points.is_empty() {
        chart.plotting_area().draw(&Text::new(
            lang.t(Key::SweepNoServiceLevel).to_string(),
            (nx as f64 / 2.0, ny as f64 / 2.0),
            text_style(MIN_TEXT, MUTED).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}
