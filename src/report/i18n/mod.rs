//! Every word a person reads in the charts and the client report, per language, and the
//! way each language writes numbers, percentages and durations.
//!
//! A language is one file (`en.rs`, `fr.rs`): a [`Language`] with its number conventions
//! and a `match` over every [`Key`], so the compiler refuses a language that forgets a
//! sentence. Adding a third language means writing that file and listing it in [`Lang`].
//! Texts with values in them are templates with named `{placeholders}`, filled by
//! [`Lang::fill`], so word order stays each language's own. A template agrees with its
//! numbers through plural selectors, `{n:interval|intervals}`: the text before the bar
//! when the value of `n` takes the singular in that language (English: exactly "1";
//! French: 0 and 1, "1,5 heure" included), the text after it otherwise. A selector's text
//! may hold placeholders ("{n:the first {unit}|the first {n} {unit}}").
//!
//! The words themselves follow [`GLOSSARY`]: one term per notion in each language;
//! [`FORBIDDEN_FR`] lists the variants a French report must never show (tested on
//! rendered reports).

mod en;
mod fr;

use crate::dist::Dist;

/// The glossary: one term per notion in each language, and the rule that goes with it.
/// Every English and French text follows it; [`FORBIDDEN_FR`] holds the French variants
/// it rules out.
pub const GLOSSARY: &[(&str, &str, &str)] = &[
    (
        "service level",
        "niveau de service",
        "share of calls answered within the threshold",
    ),
    (
        "average wait (ASA)",
        "délai moyen de réponse (ASA)",
        "mean wait of answered calls, zero waits included; never « attente moyenne », « temps moyen d’attente » or « vitesse moyenne de réponse »",
    ),
    (
        "hang up, hang-ups, abandonment",
        "abandonner, abandons, taux d’abandon",
        "one word family: never « raccrocher », « appels perdus », nor « abandonnés » for the calls",
    ),
    (
        "excluding short hang-ups",
        "hors abandons de moins de 20 s",
        "the service level that leaves aside callers who hang up within the threshold",
    ),
    (
        "busy signal",
        "ligne occupée",
        "a caller turned away because every line is taken; never « tonalité occupée »",
    ),
    (
        "occupancy",
        "taux d’occupation",
        "share of the agents' time on the phones spent on calls; never « occupation » alone",
    ),
    ("standard deviation", "écart-type", "with a hyphen"),
    ("agent", "conseiller", "never « agent » in French"),
    (
        "agent-hours",
        "heures de conseiller",
        "« 508 heures de conseiller »; never « heures-conseiller »",
    ),
    (
        "interval",
        "tranche",
        "a planning interval; « intervalle » only in « intervalle de confiance »",
    ),
    (
        "calls offered, answered",
        "appels reçus, décrochés",
        "answered: an agent took the call",
    ),
    (
        "percentage points",
        "points",
        "« 6,2 points » (singular below 2: « 1,5 point »); English tables keep « pts »",
    ),
    (
        "simulated day",
        "journée simulée",
        "one replication; feminine like « période », so one template serves both",
    ),
    (
        "over the day / over the period",
        "sur la journée / sur la période",
        "« day » only for a run of planning intervals spanning 6 to 24 hours; otherwise « period »",
    ),
    ("shrinkage", "taux d’indisponibilité", ""),
    (
        "clock times",
        "9 h, 17 h 30",
        "in French running text « de 9 h à 17 h »; tables and chart axes keep 09:00",
    ),
    (
        "numbers",
        "7 305,3 ; 83,1 %",
        "decimal comma; narrow no-break space between thousands; no-break space before % : ; ! ? and inside « »; apostrophe ’",
    ),
];

/// French variants the glossary rules out, with the term to use instead; none may appear
/// in a French report, chart or help text (tested on rendered reports).
pub const FORBIDDEN_FR: &[(&str, &str)] = &[
    ("attente moyenne", "délai moyen de réponse"),
    ("Attente moyenne", "Délai moyen de réponse"),
    ("temps moyen d’attente", "délai moyen de réponse"),
    ("vitesse moyenne de réponse", "délai moyen de réponse"),
    ("raccroch", "abandonner, abandon"),
    ("Raccroch", "Abandon"),
    ("abandonnés", "abandons"),
    ("abandonnées", "abandons"),
    ("appels perdus", "abandons"),
    ("Appels perdus", "Abandons"),
    ("tonalité occupée", "ligne occupée"),
    ("heures-conseiller", "heures de conseiller"),
    ("écart type", "écart-type"),
    ("pts", "points"),
    (" intervalles", "tranches"),
    ("Occupation", "Taux d’occupation"),
    ("L’occupation", "Le taux d’occupation"),
    ("sans compter", "hors"),
    ("'", "’"),
];

/// A language of the charts and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

/// How a language writes numbers, and where its sentences are.
pub struct Language {
    /// The code users pass to `--lang`.
    pub code: &'static str,
    /// The language's own name, for help texts.
    pub name: &'static str,
    /// Decimal separator: '.' or ','.
    pub decimal: char,
    /// Separator of thousands ("7,305", "7 305").
    pub thousands: &'static str,
    /// A percentage from a number already formatted: "{}%" or "{} %".
    pub percent: &'static str,
    /// Compact durations, as in the sweep charts' values ("4m30s", "4 min 30 s"): what
    /// goes between a number and its unit, and between a unit and the next number.
    pub compact_gaps: (&'static str, &'static str),
    /// The text of every key.
    pub text: fn(Key) -> &'static str,
    /// Whether a number, as this language writes it, takes the singular.
    pub singular: fn(&str) -> bool,
    /// A clock label in running text: "08:30" (English), "8 h 30" (French).
    pub clock_in_text: fn(&str) -> String,
}

/// Declares the keys and the list of all of them (for tests and completeness checks).
macro_rules! keys {
    ($($k:ident),* $(,)?) => {
        /// One piece of wording. Templates name their placeholders in `{braces}`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($k),* }
        impl Key {
            /// Every key, in declaration order.
            pub const ALL: &'static [Key] = &[$(Key::$k),*];
        }
    };
}

keys! {
    // Units and small words.
    UnitSecond, UnitSeconds, UnitMinute, UnitMinutes, UnitHour, UnitHours,
    UnitSecondShort, UnitMinuteShort, UnitHourShort, Points, And, NotAvailable, DayN,
    PerInterval,
    // Distributions, in plain words.
    DistExponential, DistMeanOnly, DistLognormal, DistGamma, DistErlang, DistWeibull,
    DistMeanSd, DistFixed, DistUniform, DistEmpirical, DistWeibullShape,
    // Charts.
    ChartServiceLevelTitle, ChartServiceLevelSubtitle, ChartServiceLevelAxis, LegendServiceLevel,
    LegendBand, LegendTarget, LegendBelowTarget,
    ChartCallsTitle, ChartCallsSubtitle, ChartCallsAxis, ChartAgentsAxis, LegendOffered,
    LegendAgents, LegendRequired,
    ChartWaitsTitle, ChartWaitsSubtitle, ChartWaitsAxisSeconds, ChartWaitsAxisMinutes,
    ChartWaitsShareAxis, LegendWaitCdf, LegendThreshold, WaitsAnnotation, WaitsNoAnswered,
    ChartAbandonTitle, ChartAbandonSubtitle, ChartOccupancyAxis, ChartAbandonAxis,
    LegendOccupancy, LegendAbandoned, LegendBlocked, TimeOfDay,
    ChartDaysTitle, ChartDaysSubtitle, ChartDaysAxis, ChartDaysCountAxis, LegendDaysMet,
    LegendDaysMissed, CaptionDays, RiskSentence, CallersSentence, ShiftsSentence,
    BreakdownSentence, BreakdownWithin, BreakdownLater, BreakdownHungUp, BreakdownBusy,
    FitHandleTitle, FitHandleSubtitle, FitHandleAxis, FitShareAxis, LegendObserved,
    LegendLognormal, LegendGamma, FitPatienceTitle, FitPatienceSubtitle, FitPatienceAxis,
    FitStillWaitingAxis, LegendKaplanMeier, LegendExponential,
    BacktestTitle, BacktestSubtitle, LegendSimulatedBand, LegendLog, LegendOutsideBand,
    BacktestServiceLevel, BacktestAbandonment,
    WhatToDoHeading, WhatToDoAdd, WhatToDoAddOne, WhatToDoAddMany, WhatToDoSpare,
    WhatToDoFewerOne, WhatToDoFewerMany, WhatToDoNothing, WhatToDoHours, WhatToDoCost,
    WhatToDoGets, WhatToDoGetsAbandon,
    MetaFor, MetaBy, MetaByOnly, MetaDays, TechnicalHeading, TechnicalDetails,
    // Report: frame.
    ReportTitle, ReportMeta, HeadlineHeading,
    HeadlineOffered, HeadlineAnswered, HeadlineExcl, HeadlineNoCalls,
    AbandonNone, AbandonNoPatience, AbandonFewer, AbandonInHundred, BlockedInHundred,
    // Assumptions.
    AssumptionsHeading, AssumptionsIntro, ColWhat, ColAssumed,
    AsScenario, AsPeriod, PeriodOneInterval, PeriodIntervals, PeriodHorizon, PeriodWarmup,
    AsCalls, CallsPerInterval, CallsRate, AsHandle, HandleForecast, AsPatience, PatienceNone,
    AsAgents, AgentsConstant, AgentsRange, AsLines, LinesLimit, LinesNone,
    AsGoal, GoalText, AsShrinkage, ShrinkageText, AsQueue, QueueText, AsRuns, RunsText,
    DefOffered, DefAnswered, DefExcl,
    // Missed target.
    MissesHeading, MissesNone, MissesSome, MissesWorst, MissesNoise, ColInterval, ColServiceLevel,
    ColShortBy, ColNote, NoteClear, NoteNoise, ShortBy,
    // Staffing.
    StaffingHeading, StaffingIntro, StaffingTotals, StaffingTotalsNoErlang, ColPlanned,
    ColRequired, ColErlangC, ColScheduled, ColSlWithRequired, ColAbandonWithRequired,
    ColAsaWithRequired, ColOccupancyWithRequired, StaffingWorse,
    MethodSim, MethodErlangC, MethodErlangA,
    WhyMore, WhyFewer, WhyEqual, WhySame, ReasonAbandon, ReasonVarMore,
    ReasonVarLess, ReasonCarryOver,
    // Sweep charts.
    SweepTitle, SweepSubtitle, SweepWithin, SweepWithinShown, SweepNamedValue,
    SweepAxisServiceLevel, SweepLegendBand, SweepBelowTarget, SweepAtOrAbove,
    SweepNoServiceLevel,
    SweepAgentsAdd, SweepAgentsPct, SweepAgentsSet, SweepCallsPct, SweepAhtPct, SweepAhtAdd,
    SweepAhtSet, SweepPatiencePct, SweepPatienceAdd, SweepPatienceSet, SweepLinesSet,
    SweepLinesAdd, SweepThreshold, SweepValue,
    SweepShortAgents, SweepShortCalls, SweepShortAht, SweepShortPatience, SweepShortLines,
    SweepShortThreshold, SweepShortValue,
    UnitHourCompact, UnitMinuteCompact, UnitSecondCompact,
    // Charts section.
    ChartsHeading, ChartsSkipped, CaptionServiceLevel, CaptionCalls, CaptionWaits, CaptionAbandon,
    // Per-interval table.
    TableHeading, TableIntro, ColAgents, ColOffered, ColAsa, ColP90, ColAbandoned,
    ColOccupancy, ColAgainstTarget, WholeDay, NoCalls, WaitingAtClose,
    // Comparing scenarios and reporting a sweep folder (`ccsim report`, issue 12).
    CmpTitle, CmpReadingHeading, CmpReadingIntro, CmpSentence, CmpSlRises, CmpSlFalls,
    CmpSlSame, CmpAbandon, CmpAsa, CmpBusy, CmpOccupancy, CmpHours, CmpCost, CmpNoDifference,
    CmpSideHeading, CmpSideIntro, CmpColMeasure, CmpRowServiceLevel, CmpRowAsa, CmpRowAbandon,
    CmpRowBusy, CmpRowOccupancy, CmpRowHours, CmpRowCost, CmpRowBelow, CmpRowGoal,
    CmpBelowCount, CmpChartTitle, CmpChartSubtitle, CmpCaption, CmpDiffHeading, CmpDiffIntro,
    CmpNotSignificant, CmpDiffNote, CmpColScenario, CmpTechnical,
    SwpTitle, SwpIntro, SwpVariantOne, SwpVariantMany, SwpReadingHeading, SwpMeetAll,
    SwpMeetNone, SwpMeetSome, SwpMeetSomeOne, SwpCheapest, SwpCheapestWith, SwpCheapestNone,
    SwpNoStaffing, SwpTableHeading, SwpTableIntro, SwpColMeets, SwpYes, SwpNo,
    SwpCaptionLines, SwpCaptionHeatmap, SwpTechnical,
    // How to read.
    HowHeading, HowCiTerm, HowSlTerm, HowIntervalsTerm, HowCi, HowSl, HowSlAnswered, HowSlOffered, HowSlExcl, HowUsed, HowIntervals,
    HowAsa,
    // Print and words (issue 12): the required-agents table's tint, plural-free wording.
    StaffingTint, OverTheDay, OverThePeriod, SpanInText,
    // Schedule (`ccsim schedule`).
    ScheduleHeading, ScheduleAgentsOn, ScheduleMoreOn, ScheduleSummary, ScheduleCost,
    ScheduleProgramText, ScheduleVerified, ScheduleCapped, ScheduleChartTitle,
    ScheduleChartSubtitle, LegendRosterPlanned, LegendRosterSimulated, LegendScheduleRequired,
    ColShift, ColHours, ColBreaks,
    // Several call types and agent groups.
    GroupsHeading, RoutingFirst, RoutingThen, RoutingThenAfter, GroupRef, TypesIntro,
    GroupsIntro,
    // Charts of several call types and agent groups.
    TypesChartTitle, TypesChartSubtitle, LegendTypeTarget, GroupsChartTitle,
    GroupsChartSubtitle, CaptionTypes, CaptionGroups,
}

impl Lang {
    /// Every language, in the order help texts list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    fn language(self) -> &'static Language {
        match self {
            Lang::En => &en::LANGUAGE,
            Lang::Fr => &fr::LANGUAGE,
        }
    }

    /// The code users pass to `--lang` ("en", "fr").
    pub fn code(self) -> &'static str {
        self.language().code
    }

    /// The language for a `--lang` code, case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        Self::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The text of a key.
    pub fn t(self, key: Key) -> &'static str {
        (self.language().text)(key)
    }

    /// A template with its plural selectors resolved and its `{name}` placeholders
    /// replaced by values.
    pub fn fill(self, key: Key, args: &[(&str, &str)]) -> String {
        self.fill_template(self.t(key), args)
    }

    /// [`Lang::fill`] on a template given as text.
    pub fn fill_template(self, template: &str, args: &[(&str, &str)]) -> String {
        let singular = |name: &str| {
            args.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (self.language().singular)(v))
        };
        fill(&select_plurals(template, &singular), args)
    }

    /// Whether `number`, written in this language, takes the singular ("1", "1,5" in
    /// French).
    pub fn is_singular(self, number: &str) -> bool {
        (self.language().singular)(number)
    }

    /// A clock label ("08:30", "24:00") as running text writes it: unchanged in
    /// English, "8 h 30", "24 h" in French.
    pub fn clock_in_text(self, label: &str) -> String {
        (self.language().clock_in_text)(label)
    }

    /// `x` with `decimals` digits after the separator and grouped thousands.
    pub fn num(self, x: f64, decimals: usize) -> String {
        let l = self.language();
        let s = format!("{:.*}", decimals, x.abs());
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let mut grouped = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                grouped.push_str(l.thousands);
            }
            grouped.push(c);
        }
        let negative = x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
        let mut out = String::from(if negative { "-" } else { "" });
        out.push_str(&grouped);
        if !frac.is_empty() {
            out.push(l.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A fraction as a percentage: 0.831 → "83.1%" or "83,1 %".
    pub fn pct(self, fraction: f64, decimals: usize) -> String {
        self.language()
            .percent
            .replace("{}", &self.num(fraction * 100.0, decimals))
    }

    /// A duration in short units: "20 s", "4 min 30 s", "1 h 30 min", "1.5 s".
    pub fn duration(self, seconds: f64) -> String {
        self.duration_with(
            seconds,
            [
                (Key::UnitHourShort, Key::UnitHourShort),
                (Key::UnitMinuteShort, Key::UnitMinuteShort),
                (Key::UnitSecondShort, Key::UnitSecondShort),
            ],
        )
    }

    /// A duration in words: "20 seconds", "1 minute 30 seconds".
    pub fn duration_words(self, seconds: f64) -> String {
        self.duration_with(
            seconds,
            [
                (Key::UnitHour, Key::UnitHours),
                (Key::UnitMinute, Key::UnitMinutes),
                (Key::UnitSecond, Key::UnitSeconds),
            ],
        )
    }

    fn duration_with(self, seconds: f64, units: [(Key, Key); 3]) -> String {
        if !seconds.is_finite() {
            return self.t(Key::NotAvailable).into();
        }
        let unit = |n: f64, (one, many): (Key, Key)| {
            let word = if n == 1.0 { self.t(one) } else { self.t(many) };
            let decimals = if n.fract() == 0.0 { 0 } else { 1 };
            format!("{}\u{a0}{word}", self.num(n, decimals))
        };
        if seconds < 60.0 {
            let r = (seconds * 10.0).round() / 10.0;
            return unit(r, units[2]);
        }
        let total = seconds.round() as u64;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        let parts: Vec<String> = [(h, units[0]), (m, units[1]), (s, units[2])]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, k)| unit(n as f64, k))
            .collect();
        parts.join(" ")
    }

    /// A compact duration, as a sweep's values are written: "20s", "4m30s", "1.5s" in
    /// English (as on the command line), "20 s", "4 min 30 s", "1,5 s" in French.
    pub fn duration_compact(self, seconds: f64) -> String {
        if !seconds.is_finite() {
            return self.t(Key::NotAvailable).into();
        }
        let (gap, between) = self.language().compact_gaps;
        let part = |n: String, unit: Key| format!("{n}{gap}{}", self.t(unit));
        if seconds < 60.0 {
            let r = (seconds * 10.0).round() / 10.0;
            let decimals = if r.fract() == 0.0 { 0 } else { 1 };
            return part(self.num(r, decimals), Key::UnitSecondCompact);
        }
        let total = seconds.round() as u64;
        let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
        let parts: Vec<String> = [
            (h, Key::UnitHourCompact),
            (m, Key::UnitMinuteCompact),
            (s, Key::UnitSecondCompact),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        // Counts written plainly, without separators of thousands, as the user types them.
        .map(|(n, unit)| part(n.to_string(), unit))
        .collect();
        parts.join(between)
    }

    /// A value as the user wrote it on the command line: Rust's shortest form of `x`
    /// ("2.5", "100"), no separator of thousands, with the language's decimal separator.
    pub fn plain(self, x: f64) -> String {
        format!("{x}").replace('.', &self.language().decimal.to_string())
    }

    /// A value that is already a percentage (95 for 95 %), written as [`Lang::plain`].
    pub fn plain_pct(self, percent: f64) -> String {
        self.language().percent.replace("{}", &self.plain(percent))
    }

    /// Joins phrases as a list: "a, b and c".
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} {} {last}", init.join(", "), self.t(Key::And)),
        }
    }

    /// A distribution in plain words: "4 min on average, standard deviation 4 min
    /// (lognormal distribution)".
    pub fn describe_dist(self, d: &Dist) -> String {
        let dur = |s: f64| self.duration(s);
        let mean_sd = |law: Key| {
            self.fill(
                Key::DistMeanSd,
                &[
                    ("mean", &dur(d.mean())),
                    ("sd", &dur(d.sd())),
                    ("law", self.t(law)),
                ],
            )
        };
        match d {
            Dist::Exponential { mean } => self.fill(
                Key::DistMeanOnly,
                &[("mean", &dur(*mean)), ("law", self.t(Key::DistExponential))],
            ),
            Dist::LogNormal { .. } => mean_sd(Key::DistLognormal),
            Dist::Gamma { .. } => mean_sd(Key::DistGamma),
            Dist::Erlang { k, .. } => mean_sd(Key::DistErlang).replace("{k}", &k.to_string()),
            Dist::Weibull { shape, .. } => format!(
                "{} ({})",
                mean_sd(Key::DistWeibull),
                self.fill(Key::DistWeibullShape, &[("shape", &self.num(*shape, 2))])
            ),
            Dist::Fixed { value } => self.fill(Key::DistFixed, &[("value", &dur(*value))]),
            Dist::Uniform { min, max } => self.fill(
                Key::DistUniform,
                &[("min", &dur(*min)), ("max", &dur(*max))],
            ),
            Dist::Empirical { values, source } => self.fill(
                Key::DistEmpirical,
                &[
                    ("n", &self.num(values.len() as f64, 0)),
                    ("file", source),
                    ("mean", &dur(d.mean())),
                ],
            ),
        }
    }

    /// "30 min", the length of an interval in short units, for "per 30 min interval".
    pub fn per_interval(self, interval_s: f64) -> String {
        self.fill(Key::PerInterval, &[("len", &self.duration(interval_s))])
    }
}

/// Parses a `--lang` value, naming the languages there are when it is unknown.
pub fn parse_lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| {
        let known: Vec<String> = Lang::ALL
            .iter()
            .map(|l| format!("{} ({})", l.code(), l.language().name))
            .collect();
        format!("expected one of {}, found \"{code}\"", known.join(", "))
    })
}

/// Resolves the plural selectors `{name:singular|plural}` of a template: `singular(name)`
/// says which text to keep (`None`, an unknown name, leaves the selector as it is).
/// Selectors nest placeholders but not other selectors.
fn select_plurals(template: &str, singular: &dyn Fn(&str) -> Option<bool>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        // The matching brace, counting the placeholders inside.
        let mut depth = 0;
        let close = after.char_indices().find_map(|(i, c)| match c {
            '{' => {
                depth += 1;
                None
            }
            '}' if depth == 0 => Some(i),
            '}' => {
                depth -= 1;
                None
            }
            _ => None,
        });
        let Some(close) = close else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        let chosen = inner.split_once(':').and_then(|(name, forms)| {
            let (one, many) = forms.split_once('|')?;
            let plain_name =
                !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            plain_name
                .then(|| singular(name))
                .flatten()
                .map(|s| if s { one } else { many })
        });
        match chosen {
            Some(text) => out.push_str(text),
            None => {
                out.push('{');
                out.push_str(inner);
                out.push('}');
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Replaces each `{name}` of `template` by its value; unknown placeholders stay as they are.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_each_language() {
        assert_eq!(Lang::En.num(7305.26, 1), "7,305.3");
        assert_eq!(Lang::Fr.num(7305.26, 1), "7\u{202f}305,3");
        assert_eq!(Lang::En.pct(0.8312, 1), "83.1%");
        assert_eq!(Lang::Fr.pct(0.8312, 1), "83,1\u{a0}%");
        assert_eq!(Lang::En.num(-0.01, 1), "0.0");
        assert_eq!(Lang::En.num(-12.0, 0), "-12");
        assert_eq!(Lang::En.num(999.0, 0), "999");
        assert_eq!(Lang::En.num(1_234_567.0, 0), "1,234,567");
    }

    #[test]
    fn durations_in_units_and_words() {
        assert_eq!(Lang::En.duration(20.0), "20\u{a0}s");
        assert_eq!(Lang::En.duration(270.0), "4\u{a0}min 30\u{a0}s");
        assert_eq!(Lang::Fr.duration(1.5), "1,5\u{a0}s");
        assert_eq!(Lang::En.duration_words(20.0), "20\u{a0}seconds");
        assert_eq!(Lang::En.duration_words(60.0), "1\u{a0}minute");
        assert_eq!(
            Lang::Fr.duration_words(5400.0),
            "1\u{a0}heure 30\u{a0}minutes"
        );
    }

    #[test]
    fn compact_durations_and_plain_values() {
        use crate::duration::format_duration;
        // English writes them as the command line does.
        for s in [
            0.0, 1.25, 20.0, 59.96, 60.0, 270.0, 3600.0, 5400.0, 90061.0, 4e6,
        ] {
            assert_eq!(Lang::En.duration_compact(s), format_duration(s), "{s}");
        }
        assert_eq!(Lang::Fr.duration_compact(270.0), "4\u{a0}min 30\u{a0}s");
        assert_eq!(Lang::Fr.duration_compact(1.25), "1,3\u{a0}s");
        assert_eq!(Lang::En.plain(1234.5), "1234.5");
        assert_eq!(Lang::Fr.plain(2.5), "2,5");
        assert_eq!(Lang::En.plain_pct(102.5), "102.5%");
        assert_eq!(Lang::Fr.plain_pct(95.0), "95\u{a0}%");
    }

    #[test]
    fn templates_fill_named_placeholders() {
        assert_eq!(
            fill("{a} and {b}, {c}", &[("a", "x"), ("b", "y")]),
            "x and y, {c}"
        );
        assert_eq!(fill("no braces", &[]), "no braces");
        assert_eq!(fill("open { only", &[]), "open { only");
    }

    #[test]
    fn every_language_has_every_key_and_the_same_placeholders() {
        for lang in Lang::ALL {
            for &k in Key::ALL {
                let en = placeholders(Lang::En.t(k));
                let other = placeholders(lang.t(k));
                assert!(
                    !lang.t(k).is_empty() || k == Key::PerInterval,
                    "{lang:?} {k:?}"
                );
                assert_eq!(en, other, "{lang:?} {k:?} placeholders differ");
            }
        }
    }

    /// The names a template uses, as placeholders or plural selectors.
    fn placeholders(t: &str) -> Vec<String> {
        let mut v: Vec<String> = t
            .split('{')
            .skip(1)
            .map(|s| {
                s.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn plural_selectors_agree_with_each_language() {
        let t = "{k} {k:interval misses|intervals miss}, {h:{h} hour|{h} hours}";
        assert_eq!(
            Lang::En.fill_template(t, &[("k", "1"), ("h", "1.0")]),
            "1 interval misses, 1.0 hours"
        );
        assert_eq!(
            Lang::En.fill_template(t, &[("k", "0"), ("h", "1")]),
            "0 intervals miss, 1 hour"
        );
        let t = "{k} {k:tranche|tranches}, {h} {h:heure|heures}";
        assert_eq!(
            Lang::Fr.fill_template(t, &[("k", "0"), ("h", "1,5")]),
            "0 tranche, 1,5 heure"
        );
        assert_eq!(
            Lang::Fr.fill_template(t, &[("k", "2"), ("h", "1\u{202f}234,5")]),
            "2 tranches, 1\u{202f}234,5 heures"
        );
        // An unknown name or a malformed selector stays as written.
        assert_eq!(
            Lang::En.fill_template("{x:a|b} {y:c}", &[]),
            "{x:a|b} {y:c}"
        );
    }

    #[test]
    fn clock_times_in_running_text() {
        assert_eq!(Lang::En.clock_in_text("09:30"), "09:30");
        assert_eq!(Lang::Fr.clock_in_text("09:00"), "9\u{a0}h");
        assert_eq!(Lang::Fr.clock_in_text("17:30"), "17\u{a0}h\u{a0}30");
        assert_eq!(Lang::Fr.clock_in_text("24:00"), "24\u{a0}h");
        assert_eq!(Lang::Fr.clock_in_text("08:00:30"), "08:00:30");
    }

    #[test]
    fn no_french_text_uses_a_forbidden_variant() {
        for &k in Key::ALL {
            let t = Lang::Fr.t(k);
            for (bad, _) in FORBIDDEN_FR {
                assert!(!t.contains(bad), "{k:?}: {bad:?} in {t:?}");
            }
        }
    }

    #[test]
    fn lang_codes() {
        assert_eq!(parse_lang("FR"), Ok(Lang::Fr));
        assert!(parse_lang("de").unwrap_err().contains("en (English)"));
    }
}
