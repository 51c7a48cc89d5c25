//! The report of a comparison (`ccsim report A.toml B.toml …`): one plain-words sentence
//! per scenario against the first, the scenarios side by side, their service-level
//! curves on one chart, and the differences from the first with paired confidence
//! intervals. The same [`Document`] as the run's report, rendered by the same HTML and
//! Markdown renderers, so it reads and prints alike.

use super::charts::{self, Chart};
use super::client::doc::{Block, Document, Figure, Row, RowKind, Table, meta_line};
use super::client::{ReportOptions, document_files};
use super::i18n::{Key, Lang};
use super::output::Files;
use crate::compare::{Comparison, Difference, Variant};
use crate::error::Result;
use crate::stats::{Estimate, Metric};

/// Draws the chart (unless told not to) and renders `report.html` and `report.md`.
pub fn files(cmp: &Comparison, opts: &ReportOptions) -> Result<Files> {
    let chart = if opts.charts {
        Some(charts::compare::draw(cmp, opts.lang)?)
    } else {
        None
    };
    let document = build(cmp, opts, chart.as_ref());
    Ok(document_files(&document, chart.as_slice(), opts.lang))
}

/// The metrics of the side-by-side and difference tables, in order, with their row names.
/// Busy signals only where some scenario has them.
fn metrics(cmp: &Comparison) -> Vec<(Metric, Key)> {
    let busy = cmp.variants.iter().any(|v| {
        v.result.estimates.overall[Metric::BlockRate as usize]
            .mean
            .is_some_and(|b| b > 0.0)
    });
    let mut out = vec![
        (Metric::ServiceLevel, Key::CmpRowServiceLevel),
        (Metric::AsaS, Key::CmpRowAsa),
        (Metric::AbandonRate, Key::CmpRowAbandon),
    ];
    if busy {
        out.push((Metric::BlockRate, Key::CmpRowBusy));
    }
    out.push((Metric::Occupancy, Key::CmpRowOccupancy));
    out
}

/// Builds the comparison's report.
pub fn build(cmp: &Comparison, opts: &ReportOptions, chart: Option<&Chart>) -> Document {
    let lang = opts.lang;
    let w = Words { lang };
    let base = &cmp.variants[0].name;
    let mut blocks = Vec::new();
    if let Some(note) = &opts.meta.note {
        blocks.push(Block::Para(note.clone()));
    }
    let runs = lang.num(cmp.replications as f64, 0);
    blocks.push(Block::Heading(lang.t(Key::CmpReadingHeading).into()));
    blocks.push(Block::Para(
        lang.fill(Key::CmpReadingIntro, &[("base", base), ("runs", &runs)]),
    ));
    blocks.push(Block::List(
        (1..cmp.variants.len())
            .map(|v| w.sentence(cmp, v))
            .collect(),
    ));
    blocks.push(Block::Heading(lang.t(Key::CmpSideHeading).into()));
    blocks.push(Block::Para(lang.t(Key::CmpSideIntro).into()));
    blocks.push(Block::Table(w.side_by_side(cmp)));
    blocks.push(Block::Heading(lang.t(Key::ChartsHeading).into()));
    match chart {
        Some(c) => blocks.push(Block::Figure(Figure {
            title: c.title.clone(),
            caption: lang.t(Key::CmpCaption).into(),
            svg: c.svg.clone(),
            png_file: c.file_name("png"),
        })),
        None => blocks.push(Block::Para(lang.t(Key::ChartsSkipped).into())),
    }
    blocks.push(Block::Heading(
        lang.fill(Key::CmpDiffHeading, &[("base", base)]),
    ));
    blocks.push(Block::Para(lang.fill(Key::CmpDiffIntro, &[("base", base)])));
    blocks.push(Block::Table(w.differences(cmp)));
    let noise = (1..cmp.variants.len()).any(|v| {
        metrics(cmp)
            .iter()
            .any(|(m, _)| !cmp.difference(v, *m).significant())
    });
    if noise {
        blocks.push(Block::Para(lang.t(Key::CmpDiffNote).into()));
    }
    blocks.push(Block::Heading(lang.t(Key::HowHeading).into()));
    blocks.push(Block::Term(
        lang.t(Key::HowCiTerm).into(),
        lang.t(Key::HowCi).into(),
    ));
    blocks.push(Block::Heading(lang.t(Key::TechnicalHeading).into()));
    let files: Vec<String> = cmp
        .variants
        .iter()
        .map(|v| v.scenario.labels.path.clone())
        .collect();
    blocks.push(Block::Para(lang.fill(
        Key::CmpTechnical,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            ("runs", &runs),
            ("seed", &cmp.seed.to_string()),
            ("files", &files.join(", ")),
        ],
    )));
    Document {
        title: lang.fill(Key::CmpTitle, &[("n", &cmp.variants.len().to_string())]),
        meta: meta_line(&opts.meta, lang, cmp.replications),
        blocks,
    }
}

/// Wording of figures and differences in one language.
struct Words {
    lang: Lang,
}

impl Words {
    fn na(&self) -> String {
        self.lang.t(Key::NotAvailable).into()
    }

    /// A metric's mean with its half-width: "83.1% ± 0.4", "12.3 s ± 0.5".
    fn with_ci(&self, m: Metric, e: Estimate) -> String {
        let lang = self.lang;
        let Some(mean) = e.mean else {
            return self.na();
        };
        let h = e.ci95.unwrap_or(0.0);
        if m.is_fraction() {
            format!("{} ± {}", lang.pct(mean, 1), lang.num(h * 100.0, 1))
        } else {
            format!(
                "{}\u{a0}{} ± {}",
                lang.num(mean, 1),
                lang.t(Key::UnitSecondShort),
                lang.num(h, 1)
            )
        }
    }

    /// A signed number with a typographic minus: "+1.2", "−0.4", "0.0".
    fn signed(&self, x: f64, decimals: usize) -> String {
        let text = self.lang.num(x.abs(), decimals);
        let zero = text.chars().all(|c| !c.is_ascii_digit() || c == '0');
        if zero {
            text
        } else if x < 0.0 {
            format!("−{text}")
        } else {
            format!("+{text}")
        }
    }

    /// A difference with its paired half-width: "−12.9 pts ± 0.8", "+35.2 s ± 4.1",
    /// and "not significant" where the interval holds zero.
    fn difference(&self, m: Metric, d: &Difference) -> String {
        let lang = self.lang;
        let Some(mean) = d.mean else {
            return self.na();
        };
        let h = d.ci95.unwrap_or(0.0);
        // No-break spaces: a narrow column wraps before "not significant", never inside
        // the figure.
        let text = if m.is_fraction() {
            format!(
                "{}\u{a0}{}\u{a0}±\u{a0}{}",
                self.signed(mean * 100.0, 1),
                lang.t(Key::Points),
                lang.num(h * 100.0, 1)
            )
        } else {
            format!(
                "{}\u{a0}{}\u{a0}±\u{a0}{}",
                self.signed(mean, 1),
                lang.t(Key::UnitSecondShort),
                lang.num(h, 1)
            )
        };
        if d.significant() {
            text
        } else {
            format!("{text}, {}", lang.t(Key::CmpNotSignificant))
        }
    }

    fn hours(&self, h: f64) -> String {
        self.lang.num(h, 1)
    }

    fn cost(&self, c: Option<f64>) -> String {
        c.map_or_else(|| self.na(), |c| self.lang.num(c, 2))
    }

    /// Two shares as whole percentages, or with a decimal where rounding would make them
    /// read alike.
    fn pct_pair(&self, a: f64, b: f64) -> (String, String) {
        let lang = self.lang;
        let d = if lang.pct(a, 0) == lang.pct(b, 0) {
            1
        } else {
            0
        };
        (lang.pct(a, d), lang.pct(b, d))
    }

    /// "+10 % calls: service level falls from 84 % to 71 %, the average wait goes from
    /// 9 s to 41 s and agent-hours go from 120.0 to 120.0": what changes for variant `v`,
    /// significant changes only.
    fn sentence(&self, cmp: &Comparison, v: usize) -> String {
        let lang = self.lang;
        let (a, b) = (&cmp.variants[0], &cmp.variants[v]);
        let mean = |x: &Variant, m: Metric| x.result.estimates.overall[m as usize].mean;
        let mut clauses: Vec<String> = Vec::new();
        let sl = cmp.difference(v, Metric::ServiceLevel);
        if let (Some(x), Some(y)) = (mean(a, Metric::ServiceLevel), mean(b, Metric::ServiceLevel)) {
            let (from, to) = self.pct_pair(x, y);
            let key = match (sl.significant(), sl.mean.unwrap_or(0.0) > 0.0) {
                (false, _) => Key::CmpSlSame,
                (true, true) => Key::CmpSlRises,
                (true, false) => Key::CmpSlFalls,
            };
            clauses.push(lang.fill(key, &[("from", &from), ("to", &to)]));
        }
        let mut any = sl.significant();
        for (m, key) in [
            (Metric::AsaS, Key::CmpAsa),
            (Metric::AbandonRate, Key::CmpAbandon),
            (Metric::BlockRate, Key::CmpBusy),
        ] {
            let (Some(x), Some(y)) = (mean(a, m), mean(b, m)) else {
                continue;
            };
            if !cmp.difference(v, m).significant() {
                continue;
            }
            any = true;
            let (from, to) = if m.is_fraction() {
                self.pct_pair(x, y)
            } else {
                (lang.duration(x), lang.duration(y))
            };
            clauses.push(lang.fill(key, &[("from", &from), ("to", &to)]));
        }
        if (a.agent_hours - b.agent_hours).abs() > 1e-9 {
            any = true;
            clauses.push(lang.fill(
                Key::CmpHours,
                &[
                    ("from", &self.hours(a.agent_hours)),
                    ("to", &self.hours(b.agent_hours)),
                ],
            ));
        }
        if let (Some(x), Some(y)) = (a.cost, b.cost)
            && (x - y).abs() > 1e-9
        {
            any = true;
            clauses.push(lang.fill(
                Key::CmpCost,
                &[("from", &self.cost(Some(x))), ("to", &self.cost(Some(y)))],
            ));
        }
        if !any {
            return lang.fill(
                Key::CmpNoDifference,
                &[("variant", &b.name), ("base", &a.name)],
            );
        }
        lang.fill(
            Key::CmpSentence,
            &[("variant", &b.name), ("clauses", &lang.list(&clauses))],
        )
    }

    /// One column per scenario, one row per measure.
    fn side_by_side(&self, cmp: &Comparison) -> Table {
        let lang = self.lang;
        let mut header = vec![lang.t(Key::CmpColMeasure).to_string()];
        header.extend(cmp.variants.iter().map(|v| v.name.clone()));
        let row = |label: Key, cell: &dyn Fn(&Variant) -> String| Row {
            cells: std::iter::once(lang.t(label).to_string())
                .chain(cmp.variants.iter().map(cell))
                .collect(),
            kind: RowKind::Normal,
        };
        let mut rows: Vec<Row> = metrics(cmp)
            .into_iter()
            .map(|(m, key)| {
                row(key, &|v| {
                    self.with_ci(m, v.result.estimates.overall[m as usize])
                })
            })
            .collect();
        rows.push(row(Key::CmpRowBelow, &|v| {
            let target = v.scenario.model.service_level.target;
            lang.fill(
                Key::CmpBelowCount,
                &[
                    (
                        "n",
                        &v.result
                            .estimates
                            .intervals_below_target(target)
                            .len()
                            .to_string(),
                    ),
                    ("total", &v.scenario.model.intervals().to_string()),
                ],
            )
        }));
        let goal = |v: &Variant| {
            let sl = &v.scenario.model.service_level;
            format!(
                "{} / {}",
                lang.pct(sl.target, 0),
                lang.duration(sl.threshold_s)
            )
        };
        if cmp
            .variants
            .iter()
            .any(|v| goal(v) != goal(&cmp.variants[0]))
        {
            rows.push(row(Key::CmpRowGoal, &goal));
        }
        rows.push(row(Key::CmpRowHours, &|v| self.hours(v.agent_hours)));
        if cmp.variants.iter().any(|v| v.cost.is_some()) {
            rows.push(row(Key::CmpRowCost, &|v| self.cost(v.cost)));
        }
        let mut numeric = vec![true; header.len()];
        numeric[0] = false;
        Table {
            header,
            numeric,
            rows,
            compact: cmp.variants.len() > 4,
            nowrap_first: false,
        }
    }

    /// One row per scenario after the first: its difference from the first in every
    /// measure.
    fn differences(&self, cmp: &Comparison) -> Table {
        let lang = self.lang;
        let ms = metrics(cmp);
        let with_cost = cmp.variants.iter().all(|v| v.cost.is_some());
        let mut header = vec![lang.t(Key::CmpColScenario).to_string()];
        header.extend(ms.iter().map(|(_, k)| lang.t(*k).to_string()));
        header.push(lang.t(Key::CmpRowHours).into());
        if with_cost {
            header.push(lang.t(Key::CmpRowCost).into());
        }
        let base = &cmp.variants[0];
        let rows = (1..cmp.variants.len())
            .map(|v| {
                let other = &cmp.variants[v];
                let mut cells = vec![other.name.clone()];
                cells.extend(
                    ms.iter()
                        .map(|(m, _)| self.difference(*m, &cmp.difference(v, *m))),
                );
                cells.push(self.signed(other.agent_hours - base.agent_hours, 1));
                if let (true, Some(x), Some(y)) = (with_cost, base.cost, other.cost) {
                    cells.push(self.signed(y - x, 2));
                }
                Row {
                    cells,
                    kind: RowKind::Normal,
                }
            })
            .collect();
        // Differences wrap ("…, not significant"); agent-hours and cost stay numbers.
        let numeric = (0..header.len()).map(|i| i > ms.len()).collect();
        Table {
            header,
            numeric,
            rows,
            compact: true,
            nowrap_first: false,
        }
    }
}

/// The terminal summary: one line per scenario with the day's headline figures and the
/// service level's difference from the first (paired), fitted to 80 columns.
pub fn table(cmp: &Comparison) -> String {
    use super::table::{CI_LEGEND, pct_cell, secs_cell};
    use super::term::{fitted_table, plural, wrap};
    let header = [
        "Scenario",
        "SL %",
        "SL vs 1st",
        "ASA s",
        "Abandon %",
        "Occup. %",
        "Agent-h",
    ];
    let mut lines: Vec<Vec<String>> = vec![header.iter().map(|h| h.to_string()).collect()];
    for (i, v) in cmp.variants.iter().enumerate() {
        let e = |m: Metric| v.result.estimates.overall[m as usize];
        let vs_first = if i == 0 {
            "(ref.)".to_string()
        } else {
            let d = cmp.difference(i, Metric::ServiceLevel);
            match (d.mean, d.ci95) {
                (Some(m), Some(h)) => format!(
                    "{:+.1}±{:.1}{}",
                    m * 100.0,
                    h * 100.0,
                    if d.significant() { "" } else { " ns" }
                ),
                _ => "n/a".into(),
            }
        };
        // Long names keep their start and their end, where variants of one scenario
        // usually differ ("Retail hotline, Monday, +10 % calls": "Retail h…+10 % calls").
        let chars: Vec<char> = v.name.chars().collect();
        let name: String = if chars.len() > 20 {
            let head: String = chars[..8].iter().collect();
            let tail: String = chars[chars.len() - 11..].iter().collect();
            format!("{head}…{tail}")
        } else {
            v.name.clone()
        };
        lines.push(vec![
            name,
            pct_cell(e(Metric::ServiceLevel)),
            vs_first,
            secs_cell(e(Metric::AsaS)),
            pct_cell(e(Metric::AbandonRate)),
            pct_cell(e(Metric::Occupancy)),
            format!("{:.1}", v.agent_hours),
        ]);
    }
    let title = format!(
        "{} compared, {} each, seed {} (common random numbers)\n\
         SL: service level over the period; SL vs 1st: difference from the first, in \
         points, with its paired 95% half-width (ns: not significant). {CI_LEGEND}\n\n",
        plural(cmp.variants.len() as u64, "scenario", "scenarios"),
        plural(cmp.replications, "replication", "replications"),
        cmp.seed
    );
    wrap(&title, 2) + &fitted_table(&lines, 1, &[0])
}
