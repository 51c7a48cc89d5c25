//! The charts of `ccsim fit`: how well the fitted laws follow the log. Handle times: the
//! log's distribution function beside the fitted lognormal and gamma ones; patience:
//! the Kaplan–Meier curve (which uses answered callers as censored observations) beside
//! the exponential fit. A reader sees at once where a law bends away from the data.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::Chart;
use super::kit::*;
use crate::calllog::fit::{Family, Fit, HandleFit, PatienceFit};
use crate::calllog::numeric::{gamma_p, normal_cdf};
use crate::error::{Error, Result};
use crate::report::i18n::{Key, Lang};

/// The fit's charts: handle times and patience, where the log had them.
pub fn draw(fit: &Fit, name: &str, lang: Lang) -> Result<Vec<Chart>> {
    let mut charts = Vec::new();
    if let Some(h) = &fit.handle {
        charts.push(chart(
            "fit-handle-time",
            &HandleFigure { h, name, lang },
            lang.fill(Key::FitHandleTitle, &[("name", name)]),
        )?);
    }
    if let Some(p) = &fit.patience {
        charts.push(chart(
            "fit-patience",
            &PatienceFigure { p, name, lang },
            lang.fill(Key::FitPatienceTitle, &[("name", name)]),
        )?);
    }
    Ok(charts)
}

fn chart<F: Figure>(stem: &'static str, fig: &F, title: String) -> Result<Chart> {
    let (svg, png) =
        render(fig).map_err(|e| Error::runtime(format!("cannot draw the chart {stem}: {e}")))?;
    Ok(Chart {
        stem,
        title,
        svg,
        png,
    })
}

/// The lognormal and gamma distribution functions with a given mean and sd.
fn lognormal_cdf(mean: f64, sd: f64) -> impl Fn(f64) -> f64 {
    let s2 = (1.0 + (sd / mean).powi(2)).ln();
    let (mu, sigma) = (mean.ln() - s2 / 2.0, s2.sqrt());
    move |x| {
        if x <= 0.0 {
            0.0
        } else {
            normal_cdf((x.ln() - mu) / sigma)
        }
    }
}

fn gamma_cdf(mean: f64, sd: f64) -> impl Fn(f64) -> f64 {
    let k = (mean / sd).powi(2);
    let theta = sd * sd / mean;
    move |x| if x <= 0.0 { 0.0 } else { gamma_p(k, x / theta) }
}

struct HandleFigure<'a> {
    h: &'a HandleFit,
    name: &'a str,
    lang: Lang,
}

impl Figure for HandleFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        let (h, lang) = (self.h, self.lang);
        let num = |x: f64| lang.num(x, 3);
        let choice = match h.choice {
            Family::LogNormal => lang.t(Key::LegendLognormal),
            Family::Gamma => lang.t(Key::LegendGamma),
            Family::Empirical => lang.t(Key::LegendObserved),
        };
        let subtitle = lang.fill(
            Key::FitHandleSubtitle,
            &[
                ("n", &lang.num(h.n as f64, 0)),
                ("ks_ln", &num(h.lognormal.ks)),
                ("ks_g", &num(h.gamma.ks)),
                ("ks_crit", &num(h.ks_critical)),
                ("choice", choice),
            ],
        );
        let legend = [
            LegendItem {
                swatch: Swatch::Line(TEXT),
                label: lang.t(Key::LegendObserved).into(),
            },
            LegendItem {
                swatch: Swatch::Line(BLUE_LINE),
                label: lang.t(Key::LegendLognormal).into(),
            },
            LegendItem {
                swatch: Swatch::Dashed(ORANGE),
                label: lang.t(Key::LegendGamma).into(),
            },
        ];
        let title = lang.fill(Key::FitHandleTitle, &[("name", self.name)]);
        let area = frame(root, &title, &subtitle, &legend)?;
        // Up to the 99th percentile of the log: the tail would squeeze the body.
        let q = &h.quantiles;
        let top_s = q
            .get((q.len() as f64 * 0.99) as usize)
            .or(q.last())
            .copied()
            .unwrap_or(60.0);
        let max_min = nice_ceil(top_s / 60.0 * 1.05);
        let mut chart = share_axes(
            &area,
            max_min,
            None,
            (lang.t(Key::FitHandleAxis), lang.t(Key::FitShareAxis)),
            lang,
        )?;
        let m = q.len().max(1) as f64;
        let observed: Vec<(f64, f64)> = q
            .iter()
            .enumerate()
            .map(|(k, &x)| (x / 60.0, (k as f64 + 0.5) / m))
            .filter(|p| p.0 <= max_min)
            .collect();
        thick_path(&chart, &observed, TEXT, 3)?;
        let xs: Vec<f64> = (0..=400).map(|i| max_min * i as f64 / 400.0).collect();
        let ln = lognormal_cdf(h.lognormal.mean, h.lognormal.sd);
        let ln_pts: Vec<(f64, f64)> = xs.iter().map(|&x| (x, ln(x * 60.0))).collect();
        thick_path(&chart, &ln_pts, BLUE_LINE, 2)?;
        let g = gamma_cdf(h.gamma.mean, h.gamma.sd);
        chart.draw_series(DashedLineSeries::new(
            xs.iter().map(|&x| (x, g(x * 60.0))),
            10,
            6,
            ORANGE.stroke_width(2),
        ))?;
        Ok(())
    }
}

struct PatienceFigure<'a> {
    p: &'a PatienceFit,
    name: &'a str,
    lang: Lang,
}

impl Figure for PatienceFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        let (p, lang) = (self.p, self.lang);
        let subtitle = lang.fill(
            Key::FitPatienceSubtitle,
            &[
                ("abandoned", &lang.num(p.abandoned as f64, 0)),
                ("censored", &lang.num(p.censored as f64, 0)),
                ("mean", &lang.duration(p.mean)),
            ],
        );
        let legend = [
            LegendItem {
                swatch: Swatch::Line(TEXT),
                label: lang.t(Key::LegendKaplanMeier).into(),
            },
            LegendItem {
                swatch: Swatch::Dashed(BLUE_LINE),
                label: lang.t(Key::LegendExponential).into(),
            },
        ];
        let title = lang.fill(Key::FitPatienceTitle, &[("name", self.name)]);
        let area = frame(root, &title, &subtitle, &legend)?;
        let last = p.curve.last().map_or(p.mean, |c| c.0);
        let max_min = nice_ceil(last / 60.0 * 1.02);
        let mut chart = share_axes(
            &area,
            max_min,
            None,
            (
                lang.t(Key::FitPatienceAxis),
                lang.t(Key::FitStillWaitingAxis),
            ),
            lang,
        )?;
        // The Kaplan–Meier estimate is a step function: flat between hang-ups.
        let mut steps = vec![(0.0, 1.0)];
        let mut s_prev = 1.0;
        for &(t, s) in &p.curve {
            steps.push((t / 60.0, s_prev));
            steps.push((t / 60.0, s));
            s_prev = s;
        }
        steps.push((max_min, s_prev));
        thick_path(&chart, &steps, TEXT, 3)?;
        chart.draw_series(DashedLineSeries::new(
            (0..=400).map(|i| {
                let x = max_min * i as f64 / 400.0;
                (x, (-x * 60.0 / p.mean).exp())
            }),
            10,
            6,
            BLUE_LINE.stroke_width(2),
        ))?;
        Ok(())
    }
}

/// The back-test's charts: the service level and the abandonment per interval, the
/// simulation's band beside the log's figure, red where the log falls outside.
pub fn draw_backtest(
    bt: &crate::calllog::backtest::Backtest,
    scenario: &str,
    lang: Lang,
) -> Result<Vec<Chart>> {
    [
        ("backtest-service-level", 0, Key::BacktestServiceLevel),
        ("backtest-abandonment", 2, Key::BacktestAbandonment),
    ]
    .into_iter()
    .map(|(stem, k, metric)| {
        let title = lang.fill(
            Key::BacktestTitle,
            &[("scenario", scenario), ("metric", lang.t(metric))],
        );
        let fig = BacktestFigure {
            bt,
            k,
            title: &title,
            lang,
        };
        chart(stem, &fig, title.clone())
    })
    .collect()
}

struct BacktestFigure<'a> {
    bt: &'a crate::calllog::backtest::Backtest,
    /// Which of the back-test's metrics (0: service level, 2: abandonment).
    k: usize,
    title: &'a str,
    lang: Lang,
}

impl Figure for BacktestFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
    ) -> std::result::Result<(), DrawError>
    where
        DB::ErrorType: 'static,
    {
        use crate::calllog::backtest::Verdict;
        let (bt, lang) = (self.bt, self.lang);
        let cells: Vec<_> = bt.cells.iter().map(|c| c[self.k]).collect();
        let compared = cells
            .iter()
            .filter(|c| c.verdict != Verdict::NotComparable)
            .count();
        let within = cells
            .iter()
            .filter(|c| c.verdict == Verdict::Within)
            .count();
        let subtitle = lang.fill(
            Key::BacktestSubtitle,
            &[
                ("days", &lang.num(bt.days as f64, 0)),
                ("within", &within.to_string()),
                ("n", &compared.to_string()),
            ],
        );
        let legend = [
            LegendItem {
                swatch: Swatch::Fill(BLUE_LINE.mix(0.25)),
                label: lang.t(Key::LegendSimulatedBand).into(),
            },
            LegendItem {
                swatch: Swatch::Dot(TEXT),
                label: lang.t(Key::LegendLog).into(),
            },
            LegendItem {
                swatch: Swatch::Dot(RED_MARK),
                label: lang.t(Key::LegendOutsideBand).into(),
            },
        ];
        let area = frame(root, self.title, &subtitle, &legend)?;
        let n = cells.len();
        let top = cells
            .iter()
            .flat_map(|c| [c.observed, c.simulated.zip(c.band).map(|(s, b)| s + b)])
            .flatten()
            .fold(0.0f64, f64::max)
            .min(1.0);
        let top = if self.k == 0 {
            1.0
        } else {
            nice_ceil(top * 1.1).min(1.0)
        };
        let mut chart = ChartBuilder::on(&area)
            .margin(10)
            .margin_right(40)
            .x_label_area_size(62)
            .y_label_area_size(100)
            .build_cartesian_2d(-0.5f64..n as f64 - 0.5, 0f64..top)?;
        let labels = &bt.labels;
        chart
            .configure_mesh()
            .x_labels(n.min(12))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && i >= 0.0 && (i as usize) < labels.len() {
                    labels[i as usize].clone()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|y| lang.pct(*y, 0))
            .y_labels(11)
            .x_desc(lang.t(Key::TimeOfDay))
            .label_style(label_style())
            .axis_desc_style(desc_style())
            .bold_line_style(grid_style())
            .light_line_style(TRANSPARENT)
            .draw()?;
        for (i, c) in cells.iter().enumerate() {
            if let (Some(s), Some(b)) = (c.simulated, c.band) {
                let x = i as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.35, (s - b).max(0.0)), (x + 0.35, (s + b).min(top))],
                    BLUE_LINE.mix(0.25).filled(),
                )))?;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x - 0.35, s), (x + 0.35, s)],
                    BLUE_LINE.stroke_width(2),
                )))?;
            }
            if let Some(o) = c.observed {
                let color = match c.verdict {
                    Verdict::Above | Verdict::Below => RED_MARK,
                    _ => TEXT,
                };
                chart.draw_series(std::iter::once(Circle::new(
                    (i as f64, o.min(top)),
                    7,
                    color.filled(),
                )))?;
            }
        }
        Ok(())
    }
}
