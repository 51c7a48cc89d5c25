//! The charts of a sweep: service level against the first swept parameter, one line per
//! value of the second (with its 95 % band when there is one line), and for two or more
//! swept parameters a heat map of the service level over the first two.
//!
//! They are drawn from `sweep.json`'s manifest and rows alone, so `merge` redraws exactly
//! the charts of an unsharded run. They share the look and the embedded font of the run
//! charts: both are drawn with the [`crate::report::charts::kit`].

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Manifest;
use crate::duration::format_duration;
use crate::error::{Error, Result};
use crate::report::charts::Chart;
use crate::report::charts::kit::{
    BLUE_LINE, BROWN, DrawError, Figure, FixedTicks, GREEN_LINE, LegendItem, MUTED, ORANGE, PURPLE,
    RED_MARK, Swatch, TARGET, TEXT, desc_style, frame, grid_style, label_style, render, text_style,
};
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

/// Draws the sweep's charts (none for a shard: its rows are only part of the grid).
pub fn draw(manifest: &Manifest, rows: &[VariantResult]) -> Result<Vec<Chart>> {
    if manifest.shard.count > 1 || rows.is_empty() {
        return Ok(vec![]);
    }
    let data = Data::new(manifest, rows);
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

/// One swept parameter as the charts show it.
struct ChartAxis {
    /// "Agents added to every interval", for the axis.
    name: String,
    /// "Agents", before a value in legends and titles: "Agents +2".
    short: &'static str,
    /// Its distinct values, in the order of the grid.
    values: Vec<f64>,
    /// How a value is written on the chart: "+2", "95%", "20s".
    format: fn(f64) -> String,
}

/// The service level of every variant, on the grid of the first two parameters (the
/// others held at one value, named in the subtitle).
struct Data<'a> {
    manifest: &'a Manifest,
    axes: Vec<ChartAxis>,
    /// (index along axis 0, index along axis 1 or 0, mean, ci95) of the variants shown.
    points: Vec<(usize, usize, f64, f64)>,
    /// "calls_pct = 100" for parameters beyond the second, held fixed.
    held: Vec<String>,
}

impl<'a> Data<'a> {
    fn new(manifest: &'a Manifest, rows: &[VariantResult]) -> Self {
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
                let (name, short, format) = describe(&manifest.columns[a]);
                ChartAxis {
                    name,
                    short,
                    values: distinct,
                    format,
                }
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
            .map(|a| format!("{} {}", axes[a].short, (axes[a].format)(held_at[a])))
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
            axes,
            points,
            held,
        }
    }

    fn subtitle(&self) -> String {
        let sl = &self.manifest.service_level;
        let within = if self.manifest.columns.iter().any(|c| c == "threshold_s") {
            "Answered within the threshold shown".to_string()
        } else {
            format!("Answered within {}", format_duration(sl.threshold_s))
        };
        let mut s = format!(
            "{within}, target {:.0}% · mean of {} replications per variant, common random numbers",
            sl.target * 100.0,
            self.manifest.replications
        );
        if !self.held.is_empty() {
            s.push_str(&format!(" · {}", self.held.join(", ")));
        }
        s
    }
}

/// Axis name, short name and value format for a `sweep.csv` column.
fn describe(column: &str) -> (String, &'static str, fn(f64) -> String) {
    fn signed(x: f64) -> String {
        if x > 0.0 {
            format!("+{x}")
        } else if x < 0.0 {
            format!("−{}", -x)
        } else {
            "0".into()
        }
    }
    fn pct(x: f64) -> String {
        format!("{x}%")
    }
    fn plain(x: f64) -> String {
        format!("{x}")
    }
    fn secs(x: f64) -> String {
        format_duration(x)
    }
    fn signed_secs(x: f64) -> String {
        if x < 0.0 {
            format!("−{}", format_duration(-x))
        } else {
            format!("+{}", format_duration(x))
        }
    }
    let (name, short, f): (&str, &str, fn(f64) -> String) = match column {
        "agents_add" => ("Agents added to every interval", "Agents", signed),
        "agents_pct" => ("Agents, % of the plan", "Agents", pct),
        "agents" => ("Agents in every interval", "Agents", plain),
        "calls_pct" => ("Calls, % of the forecast", "Calls", pct),
        "aht_pct" => ("Handle time, % of the plan", "Handle time", pct),
        "aht_add_s" => ("Added to the mean handle time", "Handle time", signed_secs),
        "aht_s" => ("Mean handle time", "Handle time", secs),
        "patience_pct" => ("Patience, % of the plan", "Patience", pct),
        "patience_add_s" => ("Added to the mean patience", "Patience", signed_secs),
        "patience_s" => ("Mean patience", "Patience", secs),
        "lines" => ("Lines", "Lines", plain),
        "lines_add" => ("Lines added", "Lines", signed),
        "threshold_s" => ("Service-level threshold", "Threshold", secs),
        _ => ("Value", "Value", plain),
    };
    (name.to_string(), short, f)
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
        let over = d
            .axes
            .iter()
            .map(|a| a.short.to_lowercase())
            .collect::<Vec<_>>()
            .join(" and ");
        format!("{}: service level by {over}", d.manifest.scenario)
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

fn lines<DB: DrawingBackend>(
    d: &Data<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let target = d.manifest.service_level.target;
    let x_axis = &d.axes[0];
    let series: Vec<Line> = if d.axes.len() == 1 {
        vec![(
            "Service level".to_string(),
            BLUE_LINE,
            d.points
                .iter()
                .map(|&(i, _, m, h)| (x_axis.values[i], m, h))
                .collect(),
        )]
    } else {
        let second = &d.axes[1];
        second
            .values
            .iter()
            .enumerate()
            .map(|(j, v)| {
                (
                    format!("{} {}", second.short, (second.format)(*v)),
                    PALETTE[j % PALETTE.len()],
                    d.points
                        .iter()
                        .filter(|p| p.1 == j)
                        .map(|&(i, _, m, h)| (x_axis.values[i], m, h))
                        .collect(),
                )
            })
            .collect()
    };
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
            label: "95 % confidence band".into(),
        });
    }
    legend.push(LegendItem {
        swatch: Swatch::Dashed(TARGET),
        label: format!("Target {:.0}%", target * 100.0),
    });
    let area = frame(root, title, &d.subtitle(), &legend)?;

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
        .x_label_formatter(&|v| fmt(*v))
        .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
        .y_labels(11)
        .x_desc(x_axis.name.as_str())
        .y_desc("Service level")
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
    for (_, color, pts) in &series {
        let mut pts = pts.clone();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        if series.len() == 1 && pts.len() > 1 {
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
    }
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

fn heatmap<DB: DrawingBackend>(
    d: &Data<'_>,
    title: &str,
    root: &DrawingArea<DB, Shift>,
) -> std::result::Result<(), DrawError>
where
    DB::ErrorType: 'static,
{
    let target = d.manifest.service_level.target;
    let legend = [
        LegendItem {
            swatch: Swatch::Fill(heat_color(target - 0.2, target).mix(1.0)),
            label: format!("Below the {:.0}% target", target * 100.0),
        },
        LegendItem {
            swatch: Swatch::Fill(heat_color((1.0 + target) / 2.0, target).mix(1.0)),
            label: "At or above the target".into(),
        },
    ];
    let area = frame(root, title, &d.subtitle(), &legend)?;
    let (xa, ya) = (&d.axes[0], &d.axes[1]);
    let (nx, ny) = (xa.values.len(), ya.values.len());
    // Cells in the order of the values, each one unit wide; ticks at the cell centres.
    let order = |vals: &[f64]| -> Vec<usize> {
        let mut idx: Vec<usize> = (0..vals.len()).collect();
        idx.sort_by(|a, b| vals[*a].total_cmp(&vals[*b]));
        let mut pos = vec![0; vals.len()];
        for (p, i) in idx.into_iter().enumerate() {
            pos[i] = p;
        }
        pos
    };
    let (px, py) = (order(&xa.values), order(&ya.values));
    let centres = |n: usize| (0..n).map(|i| i as f64 + 0.5).collect::<Vec<_>>();
    let x = FixedTicks::thinned(0.0..nx as f64, centres(nx));
    let y = FixedTicks::thinned(0.0..ny as f64, centres(ny));
    let sorted = |vals: &[f64]| {
        let mut v = vals.to_vec();
        v.sort_by(f64::total_cmp);
        v
    };
    let (sx, sy) = (sorted(&xa.values), sorted(&ya.values));
    let mut chart = ChartBuilder::on(&area)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(62)
        .y_label_area_size(110)
        .build_cartesian_2d(x, y)?;
    let (fx, fy) = (xa.format, ya.format);
    chart
        .configure_mesh()
        .disable_mesh()
        .x_label_formatter(&|v| sx.get(v.floor() as usize).map_or(String::new(), |x| fx(*x)))
        .y_label_formatter(&|v| sy.get(v.floor() as usize).map_or(String::new(), |y| fy(*y)))
        .x_labels(nx.min(24))
        .y_labels(ny.min(20))
        .x_desc(xa.name.as_str())
        .y_desc(ya.name.as_str())
        .label_style(label_style())
        .axis_desc_style(desc_style())
        .draw()?;
    // Cell labels only where they fit.
    let (w, h) = chart.plotting_area().dim_in_pixel();
    let cell_w = w as f64 / nx as f64;
    let cell_h = h as f64 / ny as f64;
    let show_text = cell_w >= 46.0 && cell_h >= 20.0;
    let text_size = (cell_h * 0.45).clamp(11.0, 18.0);
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
            let dark =
                (color.0 as f64 * 0.299 + color.1 as f64 * 0.587 + color.2 as f64 * 0.114) < 140.0;
            let style = text_style(text_size, if dark { WHITE } else { TEXT })
                .pos(Pos::new(HPos::Center, VPos::Center));
            chart.plotting_area().draw(&Text::new(
                format!("{:.1}%", m * 100.0),
                (cx + 0.5, cy + 0.5),
                style,
            ))?;
        }
    }
    if d.points.is_empty() {
        chart.plotting_area().draw(&Text::new(
            "no variant has a defined service level".to_string(),
            (nx as f64 / 2.0, ny as f64 / 2.0),
            text_style(18.0, MUTED).pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
    }
    Ok(())
}
