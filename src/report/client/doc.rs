//! The report's content, in the chosen language, as a list of blocks that the HTML and
//! Markdown renderers lay out. All reasoning about what to say (the headline, which
//! intervals miss the target, why simulation and Erlang C differ) happens here.

use super::ReportOptions;
use crate::model::{SlDefinition, clock_label};
use crate::report::RunReport;
use crate::report::charts::several::{GROUPS_STEM, TYPES_STEM};
use crate::report::charts::{Chart, ChartKind};
use crate::report::i18n::{Key, Lang};
use crate::scenario::Scenario;
use crate::staffing::{self, Method, StaffingSection};
use crate::stats::{Estimate, Metric};

/// A whole report.
#[derive(Debug, Clone)]
pub struct Document {
    pub title: String,
    /// One line under the title: version, simulated days, seed.
    pub meta: String,
    pub blocks: Vec<Block>,
}

/// One piece of the report.
#[derive(Debug, Clone)]
pub enum Block {
    Heading(String),
    /// The one-sentence summary, set apart.
    Headline(String),
    Para(String),
    /// A paragraph led by the term it explains, set in bold.
    Term(String, String),
    List(Vec<String>),
    Table(Table),
    Figure(Figure),
}

/// A chart in the report: inline SVG for HTML, the PNG file for Markdown.
#[derive(Debug, Clone)]
pub struct Figure {
    pub title: String,
    pub caption: String,
    pub svg: String,
    pub png_file: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Normal,
    /// An interval below target.
    Below,
    /// Only these cells (bit i for cell i) miss the goal.
    BelowCells(u32),
    /// The whole-period total.
    Total,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<String>,
    pub kind: RowKind,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub header: Vec<String>,
    /// Right-aligned (numeric) columns.
    pub numeric: Vec<bool>,
    pub rows: Vec<Row>,
    /// Small print for long tables.
    pub compact: bool,
    /// Keep the first column (interval names) on one line.
    pub nowrap_first: bool,
}

/// Builds the report of a run, with staffing results when there are some.
pub fn build(
    rep: &RunReport<'_>,
    staffing: Option<&StaffingSection>,
    opts: &ReportOptions,
    charts: &[Chart],
) -> Document {
    let b = Builder {
        rep,
        sc: rep.scenario,
        lang: opts.lang,
    };
    let sc = rep.scenario;
    let lang = opts.lang;
    let mut blocks = Vec::new();
    if let Some(note) = &opts.meta.note {
        blocks.push(Block::Para(note.clone()));
    }
    blocks.extend([
        Block::Heading(lang.t(Key::HeadlineHeading).into()),
        Block::Headline(b.headline()),
    ]);
    blocks.extend(b.breakdown());
    // A staffing result comes with its consequence first: what to change and what for.
    if let Some(st) = staffing {
        blocks.extend(b.what_to_do(st));
    }
    blocks.extend(b.risk());
    blocks.extend([
        Block::Heading(lang.t(Key::AssumptionsHeading).into()),
        Block::Para(lang.t(Key::AssumptionsIntro).into()),
        Block::Table(b.assumptions()),
    ]);
    blocks.extend(b.misses());
    blocks.extend(b.several(charts));
    if let Some(st) = staffing {
        blocks.extend(b.staffing(st));
    }
    blocks.push(Block::Heading(lang.t(Key::ChartsHeading).into()));
    if charts.is_empty() {
        blocks.push(Block::Para(lang.t(Key::ChartsSkipped).into()));
    }
    // Only the run's charts are given here, each with its own caption.
    for (c, kind) in charts.iter().filter_map(|c| Some((c, ChartKind::of(c)?))) {
        blocks.push(Block::Figure(Figure {
            title: c.title.clone(),
            caption: lang
                .t(match kind {
                    ChartKind::ServiceLevel => Key::CaptionServiceLevel,
                    ChartKind::CallsAgents => Key::CaptionCalls,
                    ChartKind::Waits => Key::CaptionWaits,
                    ChartKind::OccupancyAbandonment => Key::CaptionAbandon,
                    ChartKind::ServiceLevelDays => Key::CaptionDays,
                })
                .into(),
            svg: c.svg.clone(),
            png_file: c.file_name("png"),
        }));
    }
    blocks.push(Block::Heading(lang.t(Key::TableHeading).into()));
    blocks.push(Block::Para(lang.t(Key::TableIntro).into()));
    blocks.push(Block::Table(b.interval_table(staffing)));
    if rep.result.mean_waiting_at_close >= 0.5 {
        blocks.push(Block::Para(lang.fill(
            Key::WaitingAtClose,
            &[("n", &lang.num(rep.result.mean_waiting_at_close, 0))],
        )));
    }
    blocks.extend(b.how_to_read());
    // Version and seed: for whoever reruns it, at the end rather than under the title.
    blocks.push(Block::Heading(lang.t(Key::TechnicalHeading).into()));
    blocks.push(Block::Para(lang.fill(
        Key::TechnicalDetails,
        &[
            ("version", env!("CARGO_PKG_VERSION")),
            (
                "runs",
                &lang.num(rep.result.estimates.replications as f64, 0),
            ),
            ("path", &sc.labels.path),
            ("seed", &sc.experiment.seed.to_string()),
        ],
    )));
    Document {
        title: lang.fill(Key::ReportTitle, &[("scenario", &sc.labels.name)]),
        meta: meta_line(&opts.meta, lang, rep.result.estimates.replications),
        blocks,
    }
}

struct Builder<'a> {
    rep: &'a RunReport<'a>,
    sc: &'a Scenario,
    lang: Lang,
}

impl Builder<'_> {
    fn est(&self, i: usize, m: Metric) -> Estimate {
        self.rep.result.estimates.intervals[i][m as usize]
    }

    fn target(&self) -> f64 {
        self.sc.model.service_level.target
    }

    fn threshold(&self) -> String {
        self.lang.duration(self.sc.model.service_level.threshold_s)
    }

    /// "08:00–08:30".
    /// Several call types or groups only: how calls are routed, in words, then each
    /// type's service level per interval against its own target and each group's
    /// occupancy. Nothing for one queue.
    fn several(&self, charts: &[Chart]) -> Vec<Block> {
        let (model, lang) = (&self.sc.model, self.lang);
        let Some(bd) = self.rep.result.breakdown.as_ref() else {
            return vec![];
        };
        let mut out = vec![Block::Heading(lang.t(Key::GroupsHeading).into())];
        out.push(Block::List(
            (0..model.call_types.len())
                .map(|k| self.routing_words(k))
                .collect(),
        ));
        let n = model.intervals();
        let sl = Metric::ServiceLevel as usize;
        let mut header = vec![lang.t(Key::ColInterval).to_string()];
        header.extend(
            model
                .call_types
                .iter()
                .map(|t| format!("{} ({})", t.name, lang.pct(t.service_level.target, 0))),
        );
        let rows = (0..n)
            .map(|i| {
                let below = model.call_types.iter().enumerate().any(|(k, t)| {
                    bd.types[k].intervals[i][sl]
                        .mean
                        .is_some_and(|m| m < t.service_level.target)
                });
                let mut cells = vec![self.interval_name(i)];
                cells.extend(
                    (0..model.call_types.len()).map(|k| self.pct_ci(bd.types[k].intervals[i][sl])),
                );
                Row {
                    cells,
                    kind: if below {
                        RowKind::Below
                    } else {
                        RowKind::Normal
                    },
                }
            })
            .collect();
        out.push(Block::Para(lang.t(Key::TypesIntro).into()));
        out.push(Block::Table(Table {
            numeric: (0..header.len()).map(|c| c > 0).collect(),
            header,
            rows,
            compact: n > 24,
            nowrap_first: true,
        }));
        let mut header = vec![lang.t(Key::ColInterval).to_string()];
        header.extend(model.agent_groups.iter().map(|g| g.name.clone()));
        let rows = (0..n)
            .map(|i| {
                let mut cells = vec![self.interval_name(i)];
                // Column 0 of a group's row is its occupancy.
                cells.extend(bd.groups.iter().map(|g| self.pct_ci(g.intervals[i][0])));
                Row {
                    cells,
                    kind: RowKind::Normal,
                }
            })
            .collect();
        out.extend(several_figure(charts, TYPES_STEM, Key::CaptionTypes, lang));
        out.push(Block::Para(lang.t(Key::GroupsIntro).into()));
        out.push(Block::Table(Table {
            numeric: (0..header.len()).map(|c| c > 0).collect(),
            header,
            rows,
            compact: n > 24,
            nowrap_first: true,
        }));
        out.extend(several_figure(
            charts,
            GROUPS_STEM,
            Key::CaptionGroups,
            lang,
        ));
        out
    }

    /// "“sales” calls go first to the “sales desk” group, then, after 30 seconds of
    /// waiting, to the “universal” group.": the groups serving type `k` in the order an
    /// arriving call meets them (delay, then rank), those with equal delay and rank
    /// together.
    fn routing_words(&self, k: usize) -> String {
        let (model, lang) = (&self.sc.model, self.lang);
        let mut servers: Vec<(f64, u32, usize)> = model
            .agent_groups
            .iter()
            .enumerate()
            .filter_map(|(g, grp)| {
                let s = grp.skills.iter().find(|s| s.call_type == k)?;
                Some((s.delay_s, s.rank, g))
            })
            .collect();
        servers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut steps: Vec<(f64, Vec<String>)> = vec![];
        let mut last: Option<(f64, u32)> = None;
        for (delay, rank, g) in servers {
            let name = lang.fill(Key::GroupRef, &[("name", &model.agent_groups[g].name)]);
            match (last, steps.last_mut()) {
                (Some(l), Some(step)) if l == (delay, rank) => step.1.push(name),
                _ => steps.push((delay, vec![name])),
            }
            last = Some((delay, rank));
        }
        let name = &model.call_types[k].name;
        let mut parts = vec![];
        for (j, (delay, groups)) in steps.iter().enumerate() {
            let groups = lang.list(groups);
            parts.push(if j == 0 {
                lang.fill(Key::RoutingFirst, &[("type", name), ("groups", &groups)])
            } else if *delay > 0.0 && *delay != steps[j - 1].0 {
                lang.fill(
                    Key::RoutingThenAfter,
                    &[("delay", &lang.duration_words(*delay)), ("groups", &groups)],
                )
            } else {
                lang.fill(Key::RoutingThen, &[("groups", &groups)])
            });
        }
        format!("{}.", parts.join(", "))
    }

    fn interval_name(&self, i: usize) -> String {
        let (_, end) = self.sc.model.clock.bounds(i);
        format!(
            "{}–{}",
            self.sc.model.clock.label(i),
            end_label(self.sc, self.sc.model.clock.start_s + end)
        )
    }

    /// An interval in running text: "08:00–08:30", "de 8 h à 8 h 30".
    fn interval_in_text(&self, i: usize) -> String {
        self.span_in_text(i, i)
    }

    /// Intervals `a` to `b` in running text: "12:30–13:30", "de 12 h 30 à 13 h 30".
    fn span_in_text(&self, a: usize, b: usize) -> String {
        let clock = &self.sc.model.clock;
        let lang = self.lang;
        lang.fill(
            Key::SpanInText,
            &[
                ("from", &lang.clock_in_text(&clock.label(a))),
                (
                    "to",
                    &lang.clock_in_text(&end_label(self.sc, clock.start_s + clock.bounds(b).1)),
                ),
            ],
        )
    }

    /// "over the day", or "over the period" for a run that is not a day (see [`is_a_day`]).
    fn over(&self) -> &'static str {
        self.lang.t(if is_a_day(self.sc) {
            Key::OverTheDay
        } else {
            Key::OverThePeriod
        })
    }

    /// "83.1% ± 0.4", or "n/a".
    fn pct_ci(&self, e: Estimate) -> String {
        match e.mean {
            Some(m) => format!(
                "{} ± {}",
                self.lang.pct(m, 1),
                self.lang.num(e.ci95.unwrap_or(0.0) * 100.0, 1)
            ),
            None => self.lang.t(Key::NotAvailable).into(),
        }
    }

    /// Seconds with a half-width, "9 ± 1".
    fn seconds_ci(&self, e: Estimate) -> String {
        match e.mean {
            Some(m) => format!(
                "{} ± {}",
                self.lang.num(m, 0),
                self.lang.num(e.ci95.unwrap_or(0.0), 0)
            ),
            None => self.lang.t(Key::NotAvailable).into(),
        }
    }

    fn pct(&self, e: Estimate) -> String {
        e.mean.map_or_else(
            || self.lang.t(Key::NotAvailable).into(),
            |m| self.lang.pct(m, 1),
        )
    }

    /// Seconds with one decimal below a minute ("8.0 s"), so a column reads evenly.
    fn secs(&self, e: Estimate) -> String {
        let lang = self.lang;
        match e.mean {
            None => lang.t(Key::NotAvailable).into(),
            Some(m) if m < 59.95 => {
                format!("{}\u{a0}{}", lang.num(m, 1), lang.t(Key::UnitSecondShort))
            }
            Some(m) => lang.duration(m),
        }
    }

    fn calls(&self, e: Estimate) -> String {
        e.mean.map_or_else(
            || self.lang.t(Key::NotAvailable).into(),
            |m| self.lang.num(m, if m < 10.0 { 1 } else { 0 }),
        )
    }

    fn definition(&self) -> String {
        let lang = self.lang;
        match self.sc.model.service_level.of {
            SlDefinition::Offered => lang.t(Key::DefOffered).into(),
            SlDefinition::Answered => lang.t(Key::DefAnswered).into(),
            SlDefinition::ExclShortAbandons => {
                lang.fill(Key::DefExcl, &[("threshold", &self.threshold())])
            }
        }
    }

    /// A share as a whole percentage, unless rounding would hide which side of the
    /// target it is on.
    fn headline_pct(&self, x: f64) -> String {
        let t = self.target();
        let whole = (x * 100.0).round() / 100.0;
        let misleading = (x < t && whole >= t) || (x >= t && whole < t);
        self.lang.pct(x, if misleading { 1 } else { 0 })
    }

    fn headline(&self) -> String {
        let lang = self.lang;
        let sl = self.rep.overall(Metric::ServiceLevel).mean;
        if self.rep.overall(Metric::Offered).mean.unwrap_or(0.0) == 0.0 {
            return lang.t(Key::HeadlineNoCalls).into();
        }
        let key = match self.sc.model.service_level.of {
            SlDefinition::Offered => Key::HeadlineOffered,
            SlDefinition::Answered => Key::HeadlineAnswered,
            SlDefinition::ExclShortAbandons => Key::HeadlineExcl,
        };
        let in_hundred = |rate: f64, key: Key| {
            let n = (rate * 100.0).round();
            if n < 1.0 {
                None
            } else {
                Some(lang.fill(key, &[("n", &lang.num(n, 0))]))
            }
        };
        let abandon_rate = self.rep.overall(Metric::AbandonRate).mean.unwrap_or(0.0);
        let mut abandon = if !self.sc.model.has_patience() {
            lang.t(Key::AbandonNoPatience).to_string()
        } else if abandon_rate == 0.0 {
            lang.t(Key::AbandonNone).to_string()
        } else {
            in_hundred(abandon_rate, Key::AbandonInHundred)
                .unwrap_or_else(|| lang.t(Key::AbandonFewer).to_string())
        };
        let block_rate = self.rep.overall(Metric::BlockRate).mean.unwrap_or(0.0);
        if let Some(b) = in_hundred(block_rate, Key::BlockedInHundred) {
            abandon = lang.list(&[abandon, b]);
        }
        lang.fill(
            key,
            &[
                (
                    "sl",
                    &sl.map_or_else(
                        || lang.t(Key::NotAvailable).into(),
                        |x| self.headline_pct(x),
                    ),
                ),
                (
                    "threshold",
                    &lang.duration_words(self.sc.model.service_level.threshold_s),
                ),
                ("target", &lang.pct(self.target(), 0)),
                ("abandon", &abandon),
                ("over", self.over()),
            ],
        )
    }

    /// "What to do": the changes from the plan to the recommendation, as runs of intervals
    /// with the same change ("add 1 agent 12:30–13:30"), the agent-hours (and cost) they
    /// take, and what callers get for them, in plain words.
    fn what_to_do(&self, st: &StaffingSection) -> Vec<Block> {
        let lang = self.lang;
        let model = &self.sc.model;
        let n = model.intervals().min(st.intervals.len());
        let planned: Vec<u32> = model.agents_per_interval();
        let required: Vec<u32> = st.intervals[..n]
            .iter()
            .map(|r| r.required_agents)
            .collect();
        let span = |a: usize, b: usize| self.span_in_text(a, b);
        // Runs of consecutive intervals with the same change.
        let mut runs: Vec<(i64, usize, usize)> = Vec::new();
        for i in 0..n {
            let d = required[i] as i64 - planned[i] as i64;
            match runs.last_mut() {
                Some((last, _, b)) if *last == d && *b + 1 == i => *b = i,
                _ => runs.push((d, i, i)),
            }
        }
        let items = |sign: i64, one: Key, many: Key| -> Vec<String> {
            runs.iter()
                .filter(|r| r.0.signum() == sign)
                .map(|&(d, a, b)| {
                    let k = if d.abs() == 1 { one } else { many };
                    lang.fill(k, &[("n", &d.abs().to_string()), ("span", &span(a, b))])
                })
                .collect()
        };
        let (add, fewer) = (
            items(1, Key::WhatToDoAddOne, Key::WhatToDoAddMany),
            items(-1, Key::WhatToDoFewerOne, Key::WhatToDoFewerMany),
        );
        let hours = |v: &[u32]| staffing::agent_hours(&model.clock, v.iter().copied());
        let (planned_h, required_h) = (hours(&planned), hours(&required));
        let mut out = vec![Block::Heading(lang.t(Key::WhatToDoHeading).into())];
        if add.is_empty() && fewer.is_empty() {
            out.push(Block::Para(lang.t(Key::WhatToDoNothing).into()));
        }
        if !add.is_empty() {
            out.push(Block::Para(
                lang.fill(Key::WhatToDoAdd, &[("list", &lang.list(&add))]),
            ));
        }
        if !fewer.is_empty() {
            let spare: f64 = (0..n)
                .filter(|&i| required[i] < planned[i])
                .map(|i| (planned[i] - required[i]) as f64 * model.clock.length_of(i) / 3600.0)
                .sum();
            out.push(Block::Para(lang.fill(
                Key::WhatToDoSpare,
                &[("hours", &lang.num(spare, 1)), ("list", &lang.list(&fewer))],
            )));
        }
        let cost = model.cost_per_hour.map_or(String::new(), |c| {
            lang.fill(
                Key::WhatToDoCost,
                &[
                    ("required", &lang.num(required_h * c, 2)),
                    ("planned", &lang.num(planned_h * c, 2)),
                ],
            )
        });
        out.push(Block::Para(lang.fill(
            Key::WhatToDoHours,
            &[
                ("required", &lang.num(required_h, 1)),
                ("planned", &lang.num(planned_h, 1)),
                ("cost", &cost),
            ],
        )));
        // The worst interval of the recommendation, where it was simulated.
        let rows = &st.intervals[..n];
        let worst_sl = rows
            .iter()
            .filter_map(|r| r.service_level.and_then(|e| e.mean))
            .fold(f64::INFINITY, f64::min);
        if worst_sl.is_finite() {
            let worst_ab = rows
                .iter()
                .filter_map(|r| r.abandon_rate.and_then(|e| e.mean))
                .fold(f64::NEG_INFINITY, f64::max);
            let abandon = if worst_ab.is_finite() && self.sc.model.has_patience() {
                lang.fill(
                    Key::WhatToDoGetsAbandon,
                    &[("rate", &lang.pct(worst_ab, 0))],
                )
            } else {
                String::new()
            };
            out.push(Block::Para(lang.fill(
                Key::WhatToDoGets,
                &[
                    ("sl", &lang.pct(worst_sl, 0)),
                    (
                        "threshold",
                        &lang.duration_words(model.service_level.threshold_s),
                    ),
                    ("abandon", &abandon),
                ],
            )));
        }
        out
    }

    /// What became of every 100 callers, in whole numbers that add up to 100: the headline's
    /// service level may leave short hang-ups aside, this sentence never does.
    fn breakdown(&self) -> Option<Block> {
        let lang = self.lang;
        let get = |m: Metric| self.rep.overall(m).mean;
        let within = get(Metric::SlOffered)?;
        let answered = get(Metric::Answered)? / get(Metric::Offered).filter(|&o| o > 0.0)?;
        let hung_up = get(Metric::AbandonRate)?;
        let busy = get(Metric::BlockRate)?;
        let shares = [within, (answered - within).max(0.0), hung_up, busy];
        let counts = hundredths(&shares);
        let threshold = lang.duration_words(self.sc.model.service_level.threshold_s);
        let keys = [
            Key::BreakdownWithin,
            Key::BreakdownLater,
            Key::BreakdownHungUp,
            Key::BreakdownBusy,
        ];
        let parts: Vec<String> = keys
            .iter()
            .zip(counts)
            .enumerate()
            // Answered within and hung up always show; later and busy only when not 0.
            .filter(|&(i, (_, n))| n > 0 || i == 0 || (i == 2 && self.sc.model.has_patience()))
            .map(|(_, (&key, n))| {
                lang.fill(key, &[("n", &n.to_string()), ("threshold", &threshold)])
            })
            .collect();
        Some(Block::Para(lang.fill(
            Key::BreakdownSentence,
            &[("parts", &lang.list(&parts))],
        )))
    }

    /// How often the plan meets its target across simulated days and, with redials, what
    /// callers (people) live; nothing when the service level is undefined.
    fn risk(&self) -> Vec<Block> {
        let lang = self.lang;
        let mut out = Vec::new();
        let (Some(p), Some(spread)) = (
            self.rep.overall(Metric::PMeetsTarget).mean,
            self.rep.result.spread.overall,
        ) else {
            return out;
        };
        let runs = lang.num(self.rep.result.estimates.replications as f64, 0);
        out.push(Block::Para(lang.fill(
            Key::RiskSentence,
            &[
                ("runs", &runs),
                ("share", &lang.pct(p, 0)),
                ("p10", &lang.pct(spread.p10, 0)),
                ("p90", &lang.pct(spread.p90, 0)),
            ],
        )));
        if let Some(s) = &self.rep.result.shifts {
            let [_, paid, breaks, overtime, delayed] = s.overall.map(|e| e.mean.unwrap_or(0.0));
            out.push(Block::Para(lang.fill(
                Key::ShiftsSentence,
                &[
                    ("paid", &lang.num(paid, 0)),
                    ("breaks", &lang.num(breaks / 60.0, 0)),
                    ("delayed", &lang.num(delayed, 0)),
                    ("overtime", &lang.num(overtime, 0)),
                ],
            )));
        }
        if self.sc.model.has_redials() {
            let get = |m: Metric| self.rep.overall(m).mean;
            if let (Some(lost), Some(callers), Some(again), Some(within)) = (
                get(Metric::CallerAbandonRate),
                get(Metric::Callers),
                get(Metric::Redials),
                get(Metric::CallerServiceLevel),
            ) {
                let again = if callers > 0.0 { again / callers } else { 0.0 };
                out.push(Block::Para(lang.fill(
                    Key::CallersSentence,
                    &[
                        ("answered", &lang.pct(1.0 - lost, 0)),
                        ("again", &lang.num((again * 100.0).round(), 0)),
                        ("within", &lang.pct(within, 0)),
                        (
                            "threshold",
                            &lang.duration_words(self.sc.model.service_level.threshold_s),
                        ),
                    ],
                )));
            }
        }
        out
    }

    fn assumptions(&self) -> Table {
        let lang = self.lang;
        let sc = self.sc;
        let n = sc.model.intervals();
        let mut rows: Vec<(Key, String)> = vec![(Key::AsScenario, sc.labels.name.clone())];

        let calls_type = sc.model.main_type();
        let steady = calls_type.rates.iter().all(|&r| r == calls_type.rates[0]);
        let mut period = if sc.model.clock.horizon_s > 86_400.0 {
            lang.fill(
                Key::PeriodHorizon,
                &[("hours", &lang.duration_words(sc.model.clock.horizon_s))],
            )
        } else {
            lang.fill(
                if n == 1 {
                    Key::PeriodOneInterval
                } else {
                    Key::PeriodIntervals
                },
                &[
                    ("n", &n.to_string()),
                    ("len", &lang.duration(sc.model.clock.interval_s)),
                    ("from", &lang.clock_in_text(&sc.model.clock.label(0))),
                    (
                        "to",
                        &lang.clock_in_text(&end_label(
                            sc,
                            sc.model.clock.start_s + sc.model.clock.bounds(n - 1).1,
                        )),
                    ),
                ],
            )
        };
        if sc.experiment.warmup_s > 0.0 {
            // In one unit, so that it reads "the first 5 hours", "les 90 premières minutes".
            let w = sc.experiment.warmup_s;
            let (count, one, many) = if w % 3600.0 == 0.0 {
                (w / 3600.0, Key::UnitHour, Key::UnitHours)
            } else if w % 60.0 == 0.0 {
                (w / 60.0, Key::UnitMinute, Key::UnitMinutes)
            } else {
                (w, Key::UnitSecond, Key::UnitSeconds)
            };
            let count = lang.num(count, if count.fract() == 0.0 { 0 } else { 1 });
            let unit = lang.t(if lang.is_singular(&count) { one } else { many });
            period.push_str(&lang.fill(Key::PeriodWarmup, &[("n", &count), ("unit", unit)]));
        }
        rows.push((Key::AsPeriod, period));

        let calls = if steady {
            lang.fill(
                Key::CallsRate,
                &[("rate", &lang.num(calls_type.rates[0] * 3600.0, 0))],
            )
        } else {
            let (peak_i, peak) = (0..n)
                .map(|i| (i, sc.model.expected_calls_in(i)))
                .fold((0, f64::MIN), |best, x| if x.1 > best.1 { x } else { best });
            lang.fill(
                Key::CallsPerInterval,
                &[
                    ("total", &lang.num(sc.model.expected_calls(), 0)),
                    ("peak_at", &self.interval_in_text(peak_i)),
                    ("peak", &lang.num(peak, 0)),
                ],
            )
        };
        rows.push((Key::AsCalls, calls));

        let mut handle = lang.describe_dist(&calls_type.handle_time);
        if calls_type.aht_scale.iter().any(|&s| s != 1.0) {
            handle.push_str(lang.t(Key::HandleForecast));
        }
        rows.push((Key::AsHandle, handle));
        rows.push((
            Key::AsPatience,
            calls_type.patience.as_ref().map_or_else(
                || lang.t(Key::PatienceNone).into(),
                |p| lang.describe_dist(p),
            ),
        ));

        let agents = sc.model.agents_per_interval();
        let min = agents.iter().copied().min().unwrap_or(0);
        let max = agents.iter().copied().max().unwrap_or(0);
        rows.push((
            Key::AsAgents,
            if min == max {
                lang.fill(Key::AgentsConstant, &[("n", &min.to_string())])
            } else {
                lang.fill(
                    Key::AgentsRange,
                    &[("min", &min.to_string()), ("max", &max.to_string())],
                )
            },
        ));
        rows.push((
            Key::AsLines,
            sc.model.lines.map_or_else(
                || lang.t(Key::LinesNone).into(),
                |l| lang.fill(Key::LinesLimit, &[("n", &lang.num(l as f64, 0))]),
            ),
        ));
        rows.push((
            Key::AsGoal,
            lang.fill(
                Key::GoalText,
                &[
                    ("target", &lang.pct(self.target(), 0)),
                    ("threshold", &self.threshold()),
                    ("definition", &self.definition()),
                ],
            ),
        ));
        if let Some(s) = sc.model.shrinkage() {
            rows.push((
                Key::AsShrinkage,
                lang.fill(Key::ShrinkageText, &[("share", &lang.pct(s, 0))]),
            ));
        }
        rows.push((Key::AsQueue, lang.t(Key::QueueText).into()));
        rows.push((
            Key::AsRuns,
            lang.fill(
                Key::RunsText,
                &[
                    (
                        "runs",
                        &lang.num(self.rep.result.estimates.replications as f64, 0),
                    ),
                    ("seed", &sc.experiment.seed.to_string()),
                ],
            ),
        ));
        Table {
            header: vec![lang.t(Key::ColWhat).into(), lang.t(Key::ColAssumed).into()],
            numeric: vec![false, false],
            rows: rows
                .into_iter()
                .map(|(k, v)| Row {
                    cells: vec![lang.t(k).into(), v],
                    kind: RowKind::Normal,
                })
                .collect(),
            compact: false,
            nowrap_first: false,
        }
    }

    fn misses(&self) -> Vec<Block> {
        let lang = self.lang;
        let target = self.target();
        let target_txt = lang.pct(target, 0);
        let n = self.sc.model.intervals();
        let below: Vec<(usize, Estimate)> = (0..n)
            .map(|i| (i, self.est(i, Metric::ServiceLevel)))
            .filter(|(_, e)| e.mean.is_some_and(|m| m < target))
            .collect();
        let mut out = vec![Block::Heading(lang.t(Key::MissesHeading).into())];
        if below.is_empty() {
            out.push(Block::Para(
                lang.fill(Key::MissesNone, &[("target", &target_txt)]),
            ));
            return out;
        }
        let (worst_i, worst) = below
            .iter()
            .min_by(|a, b| a.1.mean.partial_cmp(&b.1.mean).expect("means are finite"))
            .expect("at least one interval is below target");
        out.push(Block::Para(format!(
            "{} {}",
            lang.fill(
                Key::MissesSome,
                &[
                    ("k", &below.len().to_string()),
                    ("n", &n.to_string()),
                    ("target", &target_txt),
                ],
            ),
            lang.fill(
                Key::MissesWorst,
                &[
                    ("at", &self.interval_in_text(*worst_i)),
                    ("sl", &self.pct(*worst))
                ],
            )
        )));
        let mut any_noise = false;
        let rows = below
            .iter()
            .map(|(i, e)| {
                let m = e.mean.expect("filtered on a defined mean");
                let noise = m + e.ci95.unwrap_or(0.0) >= target;
                any_noise |= noise;
                Row {
                    cells: vec![
                        self.interval_name(*i),
                        self.pct_ci(*e),
                        lang.fill(Key::ShortBy, &[("n", &lang.num((target - m) * 100.0, 1))]),
                        lang.t(if noise {
                            Key::NoteNoise
                        } else {
                            Key::NoteClear
                        })
                        .into(),
                    ],
                    kind: RowKind::Below,
                }
            })
            .collect();
        out.push(Block::Table(Table {
            header: [
                Key::ColInterval,
                Key::ColServiceLevel,
                Key::ColShortBy,
                Key::ColNote,
            ]
            .map(|k| lang.t(k).to_string())
            .to_vec(),
            numeric: vec![false, true, true, false],
            rows,
            compact: below.len() > 12,
            nowrap_first: true,
        }));
        if any_noise {
            out.push(Block::Para(lang.t(Key::MissesNoise).into()));
        }
        out
    }

    fn staffing(&self, st: &StaffingSection) -> Vec<Block> {
        let lang = self.lang;
        let sc = self.sc;
        let n = sc.model.intervals();
        let rows = &st.intervals[..st.intervals.len().min(n)];
        let hours = |it: &mut dyn Iterator<Item = u32>| staffing::agent_hours(&sc.model.clock, it);
        let planned_h = hours(&mut sc.model.agents_per_interval().into_iter());
        let required_h = hours(&mut rows.iter().map(|r| r.required_agents));
        let has_erlang = rows.iter().all(|r| r.erlang_c_agents.is_some()) && !rows.is_empty();
        let has_sched = rows.iter().any(|r| r.scheduled_agents.is_some());
        let has_sl = rows.iter().any(|r| r.service_level.is_some());
        let method = lang.t(match st.method {
            Method::Sim => Key::MethodSim,
            Method::ErlangC => Key::MethodErlangC,
            Method::ErlangA => Key::MethodErlangA,
        });
        let h = |x: f64| lang.num(x, 1);
        let mut out = vec![
            Block::Heading(lang.t(Key::StaffingHeading).into()),
            Block::Para(lang.fill(Key::StaffingIntro, &[("method", method)])),
        ];
        let erlang_h =
            has_erlang.then(|| hours(&mut rows.iter().map(|r| r.erlang_c_agents.unwrap_or(0))));
        out.push(Block::Para(match erlang_h {
            Some(e) if st.method != Method::ErlangC => lang.fill(
                Key::StaffingTotals,
                &[
                    ("planned", &h(planned_h)),
                    ("required", &h(required_h)),
                    ("erlang", &h(e)),
                ],
            ),
            _ => lang.fill(
                Key::StaffingTotalsNoErlang,
                &[("planned", &h(planned_h)), ("required", &h(required_h))],
            ),
        }));

        let mut header = vec![
            lang.t(Key::ColInterval).to_string(),
            lang.t(Key::ColPlanned).into(),
            lang.t(Key::ColRequired).into(),
        ];
        let mut numeric = vec![false, true, true];
        let show_erlang = has_erlang && st.method != Method::ErlangC;
        let has_more = rows.iter().any(|r| r.abandon_rate.is_some());
        for (show, key) in [
            (show_erlang, Key::ColErlangC),
            (has_sched, Key::ColScheduled),
            (has_sl, Key::ColSlWithRequired),
            (has_more, Key::ColAbandonWithRequired),
            (has_more, Key::ColAsaWithRequired),
            (has_more, Key::ColOccupancyWithRequired),
        ] {
            if show {
                header.push(lang.t(key).into());
                numeric.push(true);
            }
        }
        let dash = || "–".to_string();
        let sl_col = 3 + usize::from(show_erlang) + usize::from(has_sched);
        let mut any_tint = false;
        let table_rows: Vec<Row> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut cells = vec![
                    self.interval_name(i),
                    sc.model.agents_in(i).to_string(),
                    r.required_agents.to_string(),
                ];
                if show_erlang {
                    cells.push(r.erlang_c_agents.map_or_else(dash, |a| a.to_string()));
                }
                if has_sched {
                    cells.push(r.scheduled_agents.map_or_else(dash, |a| a.to_string()));
                }
                let mark = |key: &str, cell: String| {
                    if r.worse_than_planned.contains(&key) {
                        cell + "\u{a0}!"
                    } else {
                        cell
                    }
                };
                if has_sl {
                    let c = r.service_level.map_or_else(dash, |e| self.pct_ci(e));
                    cells.push(mark("service_level", c));
                }
                if has_more {
                    let c = r.abandon_rate.map_or_else(dash, |e| self.pct_ci(e));
                    cells.push(mark("abandon_rate", c));
                    let c = r.asa_s.map_or_else(dash, |e| self.seconds_ci(e));
                    cells.push(mark("asa_s", c));
                    let c = r.occupancy.map_or_else(dash, |e| self.pct_ci(e));
                    cells.push(mark("occupancy", c));
                }
                // Only what misses the goal is tinted: the planned agents where they are
                // fewer than required, a service level below the target.
                let mut missed = 0u32;
                if r.required_agents > sc.model.agents_in(i) {
                    missed |= 1 << 1;
                }
                let sl_missed = r
                    .service_level
                    .and_then(|e| e.mean)
                    .is_some_and(|m| m < self.target());
                if has_sl && sl_missed {
                    missed |= 1 << sl_col;
                }
                if missed != 0 {
                    any_tint = true;
                }
                Row {
                    cells,
                    kind: if missed == 0 {
                        RowKind::Normal
                    } else {
                        RowKind::BelowCells(missed)
                    },
                }
            })
            .collect();
        out.push(Block::Table(Table {
            header,
            numeric,
            rows: table_rows,
            compact: n > 12,
            nowrap_first: true,
        }));
        if any_tint {
            out.push(Block::Para(lang.fill(
                Key::StaffingTint,
                &[("target", &lang.pct(self.target(), 0))],
            )));
        }
        let worse = rows
            .iter()
            .filter(|r| !r.worse_than_planned.is_empty())
            .count();
        if worse > 0 {
            out.push(Block::Para(
                lang.fill(Key::StaffingWorse, &[("n", &worse.to_string())]),
            ));
        }
        if let Some(e) = erlang_h.filter(|_| show_erlang) {
            out.push(Block::Para(self.why_differ(required_h, e)));
        }
        out
    }

    /// One sentence on why simulation and Erlang C differ for this scenario.
    fn why_differ(&self, sim_h: f64, erlang_h: f64) -> String {
        let lang = self.lang;
        let sc = self.sc;
        let mut reasons = Vec::new();
        let calls_type = sc.model.main_type();
        if calls_type.patience.is_some() {
            reasons.push(lang.t(Key::ReasonAbandon).to_string());
        }
        let (mean, sd) = (calls_type.handle_time.mean(), calls_type.handle_time.sd());
        let cv = sd / mean;
        let var_args = [("sd", lang.duration(sd)), ("mean", lang.duration(mean))];
        let var_args: Vec<(&str, &str)> = var_args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        if cv > 1.1 {
            reasons.push(lang.fill(Key::ReasonVarMore, &var_args));
        } else if cv < 0.9 {
            reasons.push(lang.fill(Key::ReasonVarLess, &var_args));
        }
        let agents = sc.model.agents_per_interval();
        let varies = (0..sc.model.intervals())
            .any(|i| calls_type.rates[i] != calls_type.rates[0] || agents[i] != agents[0]);
        if varies {
            reasons.push(lang.t(Key::ReasonCarryOver).to_string());
        }
        let (sim, erl) = (lang.num(sim_h, 1), lang.num(erlang_h, 1));
        if reasons.is_empty() {
            return lang.fill(Key::WhySame, &[("sim", &sim), ("erlang", &erl)]);
        }
        let key = if sim == erl {
            Key::WhyEqual
        } else if sim_h > erlang_h {
            Key::WhyMore
        } else {
            Key::WhyFewer
        };
        lang.fill(
            key,
            &[
                ("sim", &sim),
                ("erlang", &erl),
                ("reasons", &lang.list(&reasons)),
            ],
        )
    }

    fn interval_table(&self, staffing: Option<&StaffingSection>) -> Table {
        let lang = self.lang;
        let sc = self.sc;
        let target = self.target();
        let mut header = vec![
            lang.t(Key::ColInterval).to_string(),
            lang.t(Key::ColAgents).into(),
        ];
        if staffing.is_some() {
            header.push(lang.t(Key::ColRequired).into());
        }
        header.extend(
            [
                Key::ColOffered,
                Key::ColServiceLevel,
                Key::ColAsa,
                Key::ColP90,
                Key::ColAbandoned,
                Key::ColOccupancy,
                Key::ColAgainstTarget,
            ]
            .map(|k| lang.t(k).to_string()),
        );
        let mut numeric = vec![true; header.len()];
        numeric[0] = false;
        let against = |e: Estimate| match e.mean {
            Some(m) if m < target => {
                format!(
                    "−{}",
                    lang.fill(Key::ShortBy, &[("n", &lang.num((target - m) * 100.0, 1))])
                )
            }
            Some(_) => "✓".into(),
            None => String::new(),
        };
        let line = |label: String,
                    agents: String,
                    required: Option<String>,
                    row: &[Estimate],
                    kind: RowKind| {
            let e = |m: Metric| row[m as usize];
            let mut cells = vec![label, agents];
            cells.extend(required);
            let no_calls = e(Metric::Offered).mean.is_some_and(|m| m == 0.0);
            let sl = if no_calls {
                lang.t(Key::NoCalls).to_string()
            } else {
                self.pct_ci(e(Metric::ServiceLevel))
            };
            cells.extend([
                self.calls(e(Metric::Offered)),
                sl,
                self.secs(e(Metric::AsaS)),
                self.secs(e(Metric::WaitP90S)),
                self.pct(e(Metric::AbandonRate)),
                self.pct(e(Metric::Occupancy)),
                against(e(Metric::ServiceLevel)),
            ]);
            Row { cells, kind }
        };
        let mut rows: Vec<Row> = self
            .rep
            .interval_rows()
            .map(|(i, row)| {
                let below = row[Metric::ServiceLevel as usize]
                    .mean
                    .is_some_and(|m| m < target);
                line(
                    self.interval_name(i),
                    sc.model.agents_in(i).to_string(),
                    staffing.map(|st| {
                        st.intervals
                            .get(i)
                            .map_or_else(String::new, |r| r.required_agents.to_string())
                    }),
                    row,
                    if below {
                        RowKind::Below
                    } else {
                        RowKind::Normal
                    },
                )
            })
            .collect();
        rows.push(line(
            lang.t(Key::WholeDay).into(),
            String::new(),
            staffing.map(|_| String::new()),
            &self.rep.result.estimates.overall,
            RowKind::Total,
        ));
        Table {
            header,
            numeric,
            rows,
            compact: true,
            nowrap_first: true,
        }
    }

    fn how_to_read(&self) -> Vec<Block> {
        let lang = self.lang;
        let th = [("threshold", self.threshold())];
        let th: Vec<(&str, &str)> = th.iter().map(|(k, v)| (*k, v.as_str())).collect();
        vec![
            Block::Heading(lang.t(Key::HowHeading).into()),
            Block::Term(lang.t(Key::HowCiTerm).into(), lang.t(Key::HowCi).into()),
            Block::Term(lang.t(Key::HowSlTerm).into(), lang.fill(Key::HowSl, &th)),
            Block::List(vec![
                lang.t(Key::HowSlAnswered).into(),
                lang.t(Key::HowSlOffered).into(),
                lang.fill(Key::HowSlExcl, &th),
            ]),
            Block::Para(lang.fill(Key::HowUsed, &[("definition", &self.definition())])),
            Block::Term(
                lang.t(Key::HowIntervalsTerm).into(),
                lang.t(Key::HowIntervals).into(),
            ),
            Block::Para(lang.t(Key::HowAsa).into()),
        ]
    }
}

/// The chart `stem` of a run with several call types, as a figure after its table (none
/// when charts were not drawn).
fn several_figure(charts: &[Chart], stem: &str, caption: Key, lang: Lang) -> Option<Block> {
    let c = charts.iter().find(|c| c.stem == stem)?;
    Some(Block::Figure(Figure {
        title: c.title.clone(),
        caption: lang.t(caption).into(),
        svg: c.svg.clone(),
        png_file: c.file_name("png"),
    }))
}

/// Whether the run is a day, so that the report may say "over the day": planning
/// intervals spanning 6 to 24 hours (a business day to a whole day). A longer run, a short
/// peak, or a constant rate over a horizon without intervals is "the period".
pub fn is_a_day(sc: &Scenario) -> bool {
    let clock = &sc.model.clock;
    let span_h = clock.horizon_s / 3600.0;
    let steady_horizon = clock.intervals == 1 && sc.model.main_type().rates.len() <= 1;
    !steady_horizon && (6.0..=24.0).contains(&span_h)
}

/// The clock label of an interval's end: like the start labels, but midnight at the end
/// of a day reads "24:00".
fn end_label(sc: &Scenario, seconds: f64) -> String {
    let with_seconds = sc.model.clock.interval_s.fract() != 0.0
        || sc.model.clock.start_s % 60.0 != 0.0
        || sc.model.clock.interval_s % 60.0 != 0.0;
    let s = seconds.round();
    if s > 0.0 && s % 86_400.0 == 0.0 {
        return if with_seconds { "24:00:00" } else { "24:00" }.into();
    }
    clock_label(s, with_seconds)
}

/// The line under the title: who the report is for, by whom and when, as given; else
/// the number of simulated days.
pub(crate) fn meta_line(meta: &super::ReportMeta, lang: Lang, replications: u64) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut head = Vec::new();
    if let Some(c) = &meta.client {
        head.push(lang.fill(Key::MetaFor, &[("client", c)]));
    }
    if let Some(a) = &meta.author {
        let key = if head.is_empty() {
            Key::MetaByOnly
        } else {
            Key::MetaBy
        };
        head.push(lang.fill(key, &[("author", a)]));
    }
    if !head.is_empty() {
        parts.push(head.join(" "));
    }
    if let Some(d) = &meta.date {
        parts.push(d.clone());
    }
    if parts.is_empty() {
        parts.push(lang.fill(
            Key::MetaDays,
            &[("runs", &lang.num(replications as f64, 0))],
        ));
    }
    parts.join(", ")
}

/// Shares (summing to about 1) as whole numbers out of 100 that sum to exactly 100, by
/// largest remainder: what a reader adds up must make 100.
fn hundredths(shares: &[f64]) -> Vec<u32> {
    let total: f64 = shares.iter().sum();
    if total <= 0.0 {
        return vec![0; shares.len()];
    }
    let exact: Vec<f64> = shares.iter().map(|s| s / total * 100.0).collect();
    let mut counts: Vec<u32> = exact.iter().map(|x| x.floor() as u32).collect();
    let short = 100 - counts.iter().sum::<u32>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    for &i in order.iter().take(short as usize) {
        counts[i] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replicate::RunResult;
    use crate::scenario::parse_scenario;
    use crate::stats::{EstimateRow, Estimates};

    const SCENARIO: &str = r#"
name = "T"
interval = "30m"
start = "22:00"
lines = 20
[service_level]
threshold = "20s"
target = 0.8
of = "offered"
[arrivals]
calls = [10, 20, 30, 40]
[handle_time]
distribution = "exponential"
mean = "3m"
[patience]
distribution = "exponential"
mean = "2m"
[staffing]
agents = 3
"#;

    fn row(sl: f64, abandon: f64, block: f64) -> EstimateRow {
        let mut r = [Estimate {
            mean: Some(10.0),
            ci95: Some(0.0),
            n: 5,
        }; Metric::COUNT];
        r[Metric::ServiceLevel as usize].mean = Some(sl);
        r[Metric::ServiceLevel as usize].ci95 = Some(0.01);
        r[Metric::AbandonRate as usize].mean = Some(abandon);
        r[Metric::BlockRate as usize].mean = Some(block);
        r
    }

    fn document(overall: EstimateRow, intervals: Vec<EstimateRow>) -> String {
        let sc = parse_scenario("t.toml", SCENARIO).unwrap();
        let result = RunResult {
            estimates: Estimates {
                intervals,
                overall,
                replications: 5,
            },
            spread: Default::default(),
            wait_histogram: vec![0; crate::stats::tally::WAIT_BUCKETS],
            mean_waiting_at_close: 0.0,
            calls_simulated: 0,
            breakdown: None,
            shifts: None,
        };
        let rep = RunReport {
            scenario: &sc,
            result: &result,
        };
        let d = build(&rep, None, &ReportOptions::default(), &[]);
        crate::report::client::markdown::render(&d)
    }

    #[test]
    fn every_hundred_callers_add_up() {
        assert_eq!(
            hundredths(&[0.786, 0.097, 0.112, 0.005]),
            vec![79, 10, 11, 0]
        );
        assert_eq!(hundredths(&[1.0 / 3.0; 3]), vec![34, 33, 33]);
        assert_eq!(hundredths(&[0.0, 0.0]), vec![0, 0]);
        let md = document(row(0.9, 0.12, 0.0), vec![row(0.9, 0.0, 0.0); 4]);
        assert!(md.contains("Of every 100 callers, "), "{md}");
    }

    #[test]
    fn headline_keeps_a_decimal_when_rounding_would_hide_a_miss() {
        let rows = vec![row(0.9, 0.0, 0.0); 4];
        let md = document(row(0.796, 0.004, 0.031), rows);
        assert!(
            md.contains(
                "With the planned staffing, 79.6% of callers are answered within 20\u{a0}seconds \
                 over the period (target 80%); fewer than 1 in 100 hang up before an agent answers \
                 and 3 in 100 get a busy signal."
            ),
            "{md}"
        );
        let md = document(row(0.834, 0.03, 0.0), vec![row(0.9, 0.0, 0.0); 4]);
        assert!(md.contains("83% of callers"), "{md}");
        assert!(md.contains("3 in 100 hang up before an agent answers."));
    }

    #[test]
    fn misses_are_listed_with_their_shortfall_and_noise_marked() {
        let rows = vec![
            row(0.9, 0.0, 0.0),
            row(0.62, 0.1, 0.0),
            row(0.795, 0.1, 0.0),
            row(0.85, 0.0, 0.0),
        ];
        let md = document(row(0.85, 0.05, 0.0), rows);
        assert!(
            md.contains("2 of the 4 intervals miss the 80% target."),
            "{md}"
        );
        assert!(md.contains("The worst is 22:30–23:00, at 62.0%."));
        assert!(md.contains("| 22:30–23:00 | 62.0% ± 1.0 | 18.0 pts | clearly below |"));
        assert!(md.contains("| 23:00–23:30 | 79.5% ± 1.0 | 0.5 pts | within the margin |"));
        // The period ends at midnight, written 24:00.
        assert!(md.contains("| 23:30–24:00 |"));
    }
}
