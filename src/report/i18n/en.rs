//! English, the default language of the charts and the report.

use super::{Key, Language};

pub const LANGUAGE: Language = Language {
    code: "en",
    name: "English",
    decimal: '.',
    thousands: ",",
    percent: "{}%",
    compact_gaps: ("", ""),
    text,
    // "1 interval", but "0 intervals" and "1.0 hours".
    singular: |n| n.trim() == "1",
    clock_in_text: |label| label.to_string(),
};

fn text(k: Key) -> &'static str {
    use Key::*;
    match k {
        UnitSecond => "second",
        UnitSeconds => "seconds",
        UnitMinute => "minute",
        UnitMinutes => "minutes",
        UnitHour => "hour",
        UnitHours => "hours",
        UnitSecondShort => "s",
        UnitMinuteShort => "min",
        UnitHourShort => "h",
        Points => "pts",
        And => "and",
        NotAvailable => "n/a",
        DayN => "day {n}",
        PerInterval => "per {len} interval",

        DistExponential => "exponential",
        DistMeanOnly => {
            "{mean} on average ({law} distribution: often short, sometimes much longer)"
        }
        DistLognormal => "lognormal",
        DistGamma => "gamma",
        DistErlang => "Erlang with {k} phases",
        DistWeibull => "Weibull",
        DistMeanSd => "{mean} on average, standard deviation {sd} ({law} distribution)",
        DistFixed => "always {value}",
        DistUniform => "anywhere between {min} and {max}, evenly spread",
        DistEmpirical => "drawn from {n} observed durations in {file}, {mean} on average",
        DistWeibullShape => "shape {shape}",

        ChartServiceLevelTitle => "{scenario}: service level {per}",
        ChartServiceLevelSubtitle => {
            "Calls answered within {threshold}, as {definition}; mean of {runs} simulated {runs:day|days}"
        }
        ChartServiceLevelAxis => "Service level (% of calls)",
        LegendServiceLevel => "Service level",
        LegendBand => "95% confidence band",
        LegendTarget => "Target {target}",
        LegendBelowTarget => "Below target",
        ChartCallsTitle => "{scenario}: calls and agents {per}",
        ChartCallsSubtitle => {
            "Calls offered (mean of {runs} simulated {runs:day|days}) and agents on the phones"
        }
        ChartCallsAxis => "Calls offered per interval",
        ChartAgentsAxis => "Agents on the phones",
        LegendOffered => "Calls offered",
        LegendAgents => "Agents planned (right scale)",
        LegendRequired => "Agents required by {method} (right scale)",
        ChartWaitsTitle => "{scenario}: how long answered callers waited",
        ChartWaitsSubtitle => {
            "All answered calls of {runs} simulated {runs:day|days}; {at_once} were answered at once"
        }
        ChartWaitsAxisSeconds => "Wait before an agent answers (seconds)",
        ChartWaitsAxisMinutes => "Wait before an agent answers (minutes)",
        ChartWaitsShareAxis => "Answered calls that waited at most this long (%)",
        LegendWaitCdf => "Answered calls waiting at most this long",
        LegendThreshold => "Threshold {threshold}",
        WaitsAnnotation => "{share} of answered calls within {threshold}",
        WaitsNoAnswered => "No call was answered",
        ChartAbandonTitle => "{scenario}: agent occupancy and abandonment {per}",
        ChartAbandonSubtitle => "Mean of {runs} simulated {runs:day|days}",
        ChartOccupancyAxis => "Occupancy (% of time)",
        ChartAbandonAxis => "Calls lost (% of offered)",
        LegendOccupancy => "Occupancy: share of agents' time spent on calls",
        LegendAbandoned => "Hung up before an answer",
        LegendBlocked => "Busy signal",
        ChartDaysTitle => {
            "{scenario}: the day's service level across {runs} simulated {runs:day|days}"
        }
        ChartDaysSubtitle => {
            "Each bar counts the simulated days whose service level fell in its range; the plan meets the target on {share} of days"
        }
        ChartDaysAxis => "Service level of the day (%)",
        ChartDaysCountAxis => "Simulated days",
        LegendDaysMet => "Days meeting the target",
        LegendDaysMissed => "Days below the target",
        CaptionDays => {
            "How the day's service level varies from one simulated day to the next. The share of days at or above the target line is the chance that this plan meets its goal on a given day."
        }
        RiskSentence => {
            "Over {runs} simulated {runs:day|days} this plan meets the target on {share} of days: one day in ten the service level is {p10} or lower, one day in ten {p90} or higher."
        }
        CallersSentence => {
            "Counting people rather than calls (some callers try again after hanging up or a busy signal): {answered} of callers are answered in the end, {again} in 100 {again:calls|call} more than once, and {within} are answered within {threshold} of hold time over all their calls."
        }
        ShiftsSentence => {
            "The roster pays {paid} agent-hours; on a simulated day agents take {breaks} hours of breaks, breaks start {delayed} minutes late in all because agents finish their calls first, and agents work {overtime} minutes past the end of their shifts."
        }
        BreakdownSentence => "Of every 100 callers, {parts}.",
        BreakdownWithin => "{n} {n:is|are} answered within {threshold}",
        BreakdownLater => "{n} {n:is|are} answered after a longer wait",
        BreakdownHungUp => "{n} {n:hangs|hang} up before an agent answers",
        BreakdownBusy => "{n} {n:gets|get} a busy signal",
        FitHandleTitle => "{name}: handle times in the log and the fitted laws",
        FitHandleSubtitle => {
            "{n} answered {n:call|calls}; KS distance lognormal {ks_ln}, gamma {ks_g} (1% critical value {ks_crit}); chosen: {choice}"
        }
        FitHandleAxis => "Handle time (minutes)",
        FitShareAxis => "Calls handled within this time (%)",
        LegendObserved => "In the log",
        LegendLognormal => "Lognormal fit",
        LegendGamma => "Gamma fit",
        FitPatienceTitle => "{name}: how long callers are willing to wait",
        FitPatienceSubtitle => {
            "{abandoned} {abandoned:hang-up|hang-ups} and {censored} answered {censored:caller|callers} (whose patience was only known to be longer); exponential mean {mean}"
        }
        FitPatienceAxis => "Time waiting (minutes)",
        FitStillWaitingAxis => "Callers still willing to wait (%)",
        LegendKaplanMeier => "Kaplan–Meier (from the log)",
        LegendExponential => "Exponential fit",
        BacktestTitle => "{scenario}: {metric} in the log and in the simulation",
        BacktestSubtitle => {
            "The band is where the simulation expects the mean of {days} {days:day|days} like the log's; {within} of {n} intervals {within:falls|fall} inside it"
        }
        LegendSimulatedBand => "Simulated (95% band)",
        LegendLog => "Log",
        LegendOutsideBand => "Outside the band",
        BacktestServiceLevel => "service level",
        BacktestAbandonment => "abandonment",
        WhatToDoHeading => "What to do",
        WhatToDoAdd => "To meet the goals in every interval, add {list}.",
        WhatToDoAddOne => "1 agent {span}",
        WhatToDoAddMany => "{n} agents {span}",
        WhatToDoSpare => "{hours} {hours:agent-hour|agent-hours} can go elsewhere: {list}.",
        WhatToDoFewerOne => "1 agent fewer {span}",
        WhatToDoFewerMany => "{n} agents fewer {span}",
        WhatToDoNothing => "The plan meets the goals as it is, with no agent to spare.",
        WhatToDoHours => {
            "Staffing then takes {required} {required:agent-hour|agent-hours} instead of {planned}{cost}."
        }
        WhatToDoCost => ", and costs {required} instead of {planned}",
        WhatToDoGets => {
            "What callers get for it: in every interval at least {sl} are answered within {threshold}{abandon}."
        }
        WhatToDoGetsAbandon => ", and at most {rate} hang up before an agent answers",
        MetaFor => "Prepared for {client}",
        MetaBy => "by {author}",
        MetaByOnly => "Prepared by {author}",
        MetaDays => "{runs} simulated {runs:day|days}",
        TechnicalHeading => "Technical details",
        TechnicalDetails => {
            "Simulated with ccsim {version}: {runs} {runs:replication (simulated day)|replications (simulated days)} of the scenario file {path}, random seed {seed}. The same file, seed and version give the same figures, whatever the computer."
        }
        TimeOfDay => "Time of day",

        ReportTitle => "Call-centre simulation: {scenario}",
        ReportMeta => "ccsim {version}, {runs} simulated {runs:day|days}, random seed {seed}",
        HeadlineHeading => "In one sentence",
        HeadlineOffered => {
            "With the planned staffing, {sl} of callers are answered within {threshold} {over} (target {target}); {abandon}."
        }
        HeadlineAnswered => {
            "With the planned staffing, {sl} of the callers who reach an agent are answered within {threshold} {over} (target {target}); {abandon}."
        }
        HeadlineExcl => {
            "With the planned staffing, {sl} of callers are answered within {threshold} {over}, leaving aside those who hang up sooner (target {target}); {abandon}."
        }
        HeadlineNoCalls => {
            "No call was offered in the simulated period, so there is no service level to report."
        }
        AbandonNone => "nobody hangs up before an agent answers",
        AbandonNoPatience => "the scenario assumes that nobody hangs up, however long the wait",
        AbandonFewer => "fewer than 1 in 100 hang up before an agent answers",
        AbandonInHundred => "{n} in 100 {n:hangs|hang} up before an agent answers",
        BlockedInHundred => "{n} in 100 {n:gets|get} a busy signal",

        AssumptionsHeading => "What was simulated",
        AssumptionsIntro => {
            "The simulation replays the scenario call by call many times over, with callers arriving at random around the forecast. These are its assumptions:"
        }
        ColWhat => "Assumption",
        ColAssumed => "Value",
        AsScenario => "Scenario",
        AsPeriod => "Period",
        PeriodOneInterval => "One interval of {len}, from {from} to {to}",
        PeriodIntervals => "{n} intervals of {len}, from {from} to {to}",
        PeriodHorizon => "{hours} of calls at a steady rate",
        PeriodWarmup => {
            "; calls in the first {n:{unit}|{n} {unit}} are simulated but not counted (warm-up)"
        }
        AsCalls => "Calls expected",
        CallsPerInterval => {
            "{total} over the period; the busiest interval, {peak_at}, expects {peak}"
        }
        CallsRate => "{rate} per hour, arriving at random",
        AsHandle => "Handle time (talk, hold and after-call work)",
        HandleForecast => "; intervals with their own average in the forecast file use it",
        AsPatience => "Caller patience",
        PatienceNone => "Nobody hangs up: callers wait as long as it takes",
        AsAgents => "Agents on the phones",
        AgentsConstant => "{n} throughout",
        AgentsRange => "From {min} to {max} depending on the interval (plan per interval)",
        AsLines => "Phone lines",
        LinesLimit => {
            "At most {n} {n:call|calls} at once, talking or waiting; further callers get a busy signal"
        }
        LinesNone => "No limit: every caller gets through to the queue",
        AsGoal => "Service-level goal",
        GoalText => "{target} of calls answered within {threshold}, counted as {definition}",
        AsShrinkage => "Shrinkage",
        ShrinkageText => {
            "{share} of paid time is spent off the phones (breaks, training, meetings)"
        }
        AsQueue => "Queue",
        QueueText => {
            "One queue, first come first served; agents leaving at the end of an interval finish their current call first"
        }
        AsRuns => "Simulated days",
        RunsText => {
            "{runs} (random seed {seed}), each with its own random callers, call lengths and patience"
        }
        DefOffered => "a share of all calls offered",
        DefAnswered => "a share of the calls that were answered",
        DefExcl => "a share of calls offered, leaving aside callers who hung up within {threshold}",

        MissesHeading => "Where the target is missed",
        MissesNone => "Every interval meets the {target} target.",
        MissesSome => "{k} of the {n} intervals {k:misses|miss} the {target} target.",
        MissesWorst => "The worst is {at}, at {sl}.",
        MissesNoise => {
            "Intervals marked \"within the margin\" are so close to the target that simulating more days could tip them either way."
        }
        ColInterval => "Interval",
        ColServiceLevel => "Service level",
        ColShortBy => "Short of target by",
        ColNote => "Note",
        NoteClear => "clearly below",
        NoteNoise => "within the margin",
        ShortBy => "{n} pts",

        StaffingHeading => "Agents required against agents planned",
        StaffingIntro => {
            "Agents needed on the phones to meet the target in every interval, found by {method}."
        }
        StaffingTotals => {
            "The plan has {planned} {planned:agent-hour|agent-hours} on the phones; meeting the target in every interval takes {required} by simulation and {erlang} by the Erlang C formula."
        }
        StaffingTotalsNoErlang => {
            "The plan has {planned} {planned:agent-hour|agent-hours} on the phones; meeting the target in every interval takes {required}."
        }
        ColPlanned => "Planned",
        ColRequired => "Required",
        ColErlangC => "Erlang\u{a0}C",
        ColScheduled => "To schedule (with shrinkage)",
        ColSlWithRequired => "Service level with required agents",
        ColAbandonWithRequired => "Hang-ups",
        ColAsaWithRequired => "Average wait (s)",
        ColOccupancyWithRequired => "Occupancy",
        StaffingWorse => {
            "Figures marked\u{a0}! are worse with the required agents than with the planned ones (beyond the simulation's noise), in {n} {n:interval|intervals}: fewer agents there mean more callers waiting or hanging up."
        }
        MethodSim => "simulation",
        MethodErlangC => "the Erlang C formula",
        MethodErlangA => "the Erlang A formula",
        WhyMore => {
            "The simulation needs more agent-hours than Erlang C ({sim} against {erlang}) because it takes into account what Erlang C leaves out: {reasons}."
        }
        WhyFewer => {
            "The simulation needs fewer agent-hours than Erlang C ({sim} against {erlang}) because it takes into account what Erlang C leaves out: {reasons}."
        }
        WhyEqual => {
            "The simulation needs as many agent-hours as Erlang C ({sim}), although it takes into account what Erlang C leaves out: {reasons}."
        }
        WhySame => {
            "The simulation and Erlang C agree closely here ({sim} against {erlang} {erlang:agent-hour|agent-hours}) because the scenario meets Erlang C's assumptions: exponential call lengths, nobody hanging up and a steady load."
        }
        ReasonAbandon => "callers hang up and so shorten the queue",
        ReasonVarMore => {
            "call lengths vary more than Erlang C assumes (a standard deviation of {sd} for a {mean} average)"
        }
        ReasonVarLess => {
            "call lengths vary less than Erlang C assumes (a standard deviation of {sd} for a {mean} average)"
        }
        ReasonCarryOver => "calls still waiting at the end of an interval carry over into the next",

        SweepTitle => "{scenario}: service level by {over}",
        SweepSubtitle => {
            "{within}, target {target} · mean of {runs} {runs:replication|replications} per variant, common random numbers"
        }
        SweepWithin => "Answered within {threshold}",
        SweepWithinShown => "Answered within the threshold shown",
        SweepNamedValue => "{name} {value}",
        SweepAxisServiceLevel => "Service level",
        // Written with a space before "%", unlike the run charts' LegendBand.
        SweepLegendBand => "95 % confidence band",
        SweepBelowTarget => "Below the {target} target",
        SweepAtOrAbove => "At or above the target",
        SweepNoServiceLevel => "no variant has a defined service level",
        SweepAgentsAdd => "Agents added to every interval",
        SweepAgentsPct => "Agents, % of the plan",
        SweepAgentsSet => "Agents in every interval",
        SweepCallsPct => "Calls, % of the forecast",
        SweepAhtPct => "Handle time, % of the plan",
        SweepAhtAdd => "Added to the mean handle time",
        SweepAhtSet => "Mean handle time",
        SweepPatiencePct => "Patience, % of the plan",
        SweepPatienceAdd => "Added to the mean patience",
        SweepPatienceSet => "Mean patience",
        SweepLinesSet => "Lines",
        SweepLinesAdd => "Lines added",
        SweepThreshold => "Service-level threshold",
        SweepValue => "Value",
        SweepShortAgents => "Agents",
        SweepShortCalls => "Calls",
        SweepShortAht => "Handle time",
        SweepShortPatience => "Patience",
        SweepShortLines => "Lines",
        SweepShortThreshold => "Threshold",
        SweepShortValue => "Value",
        UnitHourCompact => "h",
        UnitMinuteCompact => "m",
        UnitSecondCompact => "s",

        ChartsHeading => "Charts",
        ChartsSkipped => "Charts were not drawn for this run (--no-charts).",
        CaptionServiceLevel => {
            "Service level per interval against the target. The shaded band is the 95% confidence interval; red points are below target."
        }
        CaptionCalls => "Calls offered per interval (bars) and agents on the phones (lines).",
        CaptionWaits => {
            "How long answered callers waited: read off the share of calls answered within any wait. The dashed line is the service-level threshold."
        }
        CaptionAbandon => {
            "Top: share of agents' time spent on calls. Bottom: share of callers who hung up (or got a busy signal)."
        }

        TableHeading => "Interval by interval",
        TableIntro => {
            "Each figure is the mean over the simulated days; ± gives the 95% confidence interval. Calls belong to the interval in which they arrive."
        }
        ColAgents => "Agents",
        ColOffered => "Calls offered",
        ColAsa => "Average wait",
        ColP90 => "9 in 10 answered within",
        ColAbandoned => "Hung up",
        ColOccupancy => "Occupancy",
        ColAgainstTarget => "Against target",
        WholeDay => "Whole period",
        NoCalls => "no calls",
        WaitingAtClose => {
            "On average {n} {n:caller was|callers were} still waiting when the last interval ended; they were answered afterwards or hung up, and count in the interval they arrived in."
        }

        // Comparing scenarios and reporting a sweep folder (`ccsim report`).
        CmpTitle => "{n} scenarios compared",
        CmpReadingHeading => "What changes",
        CmpReadingIntro => "Each scenario against {base}, on the same {runs} simulated days:",
        CmpSentence => "{variant}: {clauses}.",
        CmpSlRises => "service level rises from {from} to {to}",
        CmpSlFalls => "service level falls from {from} to {to}",
        CmpSlSame => "no significant change in service level ({from} against {to})",
        CmpAbandon => "the abandonment rate goes from {from} to {to}",
        CmpAsa => "the average wait goes from {from} to {to}",
        CmpBusy => "busy signals go from {from} to {to}",
        CmpOccupancy => "occupancy goes from {from} to {to}",
        CmpHours => "agent-hours go from {from} to {to}",
        CmpCost => "the cost goes from {from} to {to}",
        CmpNoDifference => "{variant}: no significant difference from {base}.",
        CmpSideHeading => "The scenarios side by side",
        CmpSideIntro => {
            "Figures over the whole period, each with its 95% confidence interval; agent-hours and cost are those planned."
        }
        CmpColMeasure => "Measure",
        CmpRowServiceLevel => "Service level",
        CmpRowAsa => "Average wait (ASA)",
        CmpRowAbandon => "Abandonment rate",
        CmpRowBusy => "Busy signals",
        CmpRowOccupancy => "Occupancy",
        CmpRowHours => "Agent-hours",
        CmpRowCost => "Cost",
        CmpRowBelow => "Intervals below target",
        CmpRowGoal => "Goal",
        CmpBelowCount => "{n} of {total}",
        CmpChartTitle => "Service level {per}: {n} scenarios",
        CmpChartSubtitle => {
            "Calls answered within {threshold}, as {definition}; mean of {runs} simulated days, the same days for every scenario"
        }
        CmpCaption => {
            "One line per scenario; the dashed line is the target: a point below it misses the target in that interval."
        }
        CmpDiffHeading => "Differences from {base}",
        CmpDiffIntro => {
            "Each scenario minus {base}, with the 95% confidence interval of the difference. The scenarios were simulated on the same days, so the interval comes from the day-by-day differences and is much narrower than the scenarios' own intervals would suggest. Shares differ by percentage points (pts)."
        }
        CmpNotSignificant => "not significant",
        CmpDiffNote => {
            "\u{201c}Not significant\u{201d}: the interval includes zero, so the difference may be noise; more replications (--replications) narrow the intervals."
        }
        CmpColScenario => "Scenario",
        CmpTechnical => {
            "Simulated with ccsim {version}: {runs} replications (simulated days) of each scenario, random seed {seed} for all of them (common random numbers). Scenario files: {files}."
        }
        SwpTitle => "What-if sweep: {scenario}",
        SwpIntro => {
            "{variants} of {scenario}, each simulated on the same {runs} days (common random numbers)."
        }
        SwpVariantOne => "1 variant",
        SwpVariantMany => "{n} variants",
        SwpReadingHeading => "What it says",
        SwpMeetAll => "Every variant meets the {target} target over the period.",
        SwpMeetNone => {
            "No variant meets the {target} target over the period; the best, {best}, reaches {sl}."
        }
        SwpMeetSome => "{k} of the {n} variants meet the {target} target over the period.",
        SwpMeetSomeOne => "1 of the {n} variants meets the {target} target over the period.",
        SwpCheapest => "The cheapest variant that meets it: {variant}, at {sl}.",
        SwpCheapestWith => "With {held}, the cheapest variant that meets it: {variant}, at {sl}.",
        SwpCheapestNone => "With {held}, no variant meets it.",
        SwpNoStaffing => {
            "The variants do not change the staffing, so none costs less than another."
        }
        SwpTableHeading => "The variants",
        SwpTableIntro => {
            "Figures over the whole period with their 95% confidence intervals; tinted rows miss the target."
        }
        SwpColMeets => "Meets the target",
        SwpYes => "yes",
        SwpNo => "no",
        SwpCaptionLines => {
            "Service level over the whole period against the first swept value, with the target."
        }
        SwpCaptionHeatmap => "Service level of every combination of the first two swept values.",
        SwpTechnical => {
            "Swept with ccsim {version} from the scenario file {file} ({vary}): {runs} replications (simulated days) per variant, random seed {seed}."
        }

        HowHeading => "How to read this report",
        HowCiTerm => "Confidence intervals",
        HowSlTerm => "Service level",
        HowIntervalsTerm => "Intervals",
        HowCi => {
            "Every figure is the average of many simulated days with different random callers. \"83.1% ± 0.4\" means that simulating more days would, 95 times in 100, give an average between 82.7% and 83.5%. The margin measures the simulation's own randomness, not errors in the forecast: if more or fewer calls come than forecast, results change more than that."
        }
        HowSl => {
            "The share of calls answered within {threshold}. There are three common ways to count it:"
        }
        HowSlAnswered => "of answered calls: callers who hung up are left out altogether;",
        HowSlOffered => "of all calls offered: a caller who hung up counts as a miss;",
        HowSlExcl => {
            "leaving aside short hang-ups: callers who hung up within {threshold} are left out, those who hung up later count as a miss."
        }
        HowUsed => "This report counts the service level as {definition}.",
        HowIntervals => {
            "A call belongs to the interval in which it arrives, even when it is answered in the next one. Occupancy is the share of the agents' time on the phones spent handling calls; above about 90% agents get no breathing space between calls."
        }
        GroupsHeading => "Call types and agent groups",
        RoutingFirst => "“{type}” calls go first to {groups}",
        RoutingThen => "then to {groups}",
        RoutingThenAfter => "then, after {delay} of waiting, to {groups}",
        GroupRef => "the “{name}” group",
        TypesIntro => {
            "Each call type’s service level per interval, against its own target (in brackets); a row where some type is below its target is marked."
        }
        GroupsIntro => {
            "Each agent group’s occupancy per interval: the share of its time on the phones spent on calls."
        }
        TypesChartTitle => "{scenario}: service level of each call type {per}",
        TypesChartSubtitle => {
            "Each type’s calls answered within its own threshold; mean of {runs} simulated {runs:day|days}"
        }
        LegendTypeTarget => "Target {target} ({types})",
        GroupsChartTitle => "{scenario}: occupancy of each agent group {per}",
        GroupsChartSubtitle => {
            "Share of each group’s time on the phones spent on calls; mean of {runs} simulated {runs:day|days}"
        }
        CaptionTypes => {
            "One line per call type, with its 95% confidence band; a dashed line is a target: a point below its type’s target misses it in that interval."
        }
        CaptionGroups => {
            "One line per agent group, with its 95% confidence band. Above about 90% a group’s agents get no breathing space between calls."
        }
        HowAsa => {
            "Average wait (also called ASA, average speed of answer) includes the callers answered at once, with a wait of zero."
        }
        StaffingTint => {
            "Highlighted figures miss the goal: fewer agents planned than required, or a service level below the {target} target."
        }
        OverTheDay => "over the day",
        OverThePeriod => "over the period",
        SpanInText => "{from}–{to}",
        ScheduleHeading => "Roster for {scenario}",
        ScheduleAgentsOn => "{n} agents on {shift} shifts",
        ScheduleMoreOn => "{n} on {shift} shifts",
        ScheduleSummary => {
            "{shifts}; {hours} paid hours, {above} above the requirement's lower bound."
        }
        ScheduleCost => "Cost: {cost}.",
        ScheduleProgramText => {
            "The requirement asks for {required} agent-hours on the phones. The integer program ({variables} variables, {constraints} constraints) chose how many agents work each shift; its linear relaxation shows that no roster within the shift rules costs less than {bound}."
        }
        ScheduleVerified => {
            "Verified by simulation ({days} days): every goal is met in every interval (repair rounds: {rounds}; agents added: {added})."
        }
        ScheduleCapped => {
            "Simulated over {days} days, the roster still misses a goal at {missing} when the cap on repair rounds is reached (repair rounds: {rounds}; agents added: {added})."
        }
        ScheduleChartTitle => "Agents on the phones: roster against requirement",
        ScheduleChartSubtitle => {
            "The roster's agents on the phones as planned (dips are breaks), the time-weighted mean in simulation, and the requirement per interval"
        }
        LegendRosterPlanned => "Roster as planned",
        LegendRosterSimulated => "On the phones in simulation",
        LegendScheduleRequired => "Required",
        ColShift => "Shift",
        ColHours => "Hours",
        ColBreaks => "Breaks",
    }
}
