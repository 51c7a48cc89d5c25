//! French: decimal commas, thin spaces between thousands, a no-break space before "%",
//! ":" and ";" as French typography wants.

use super::{Key, Language};

pub const LANGUAGE: Language = Language {
    code: "fr",
    name: "français",
    decimal: ',',
    thousands: "\u{202f}",
    percent: "{}\u{a0}%",
    compact_gaps: ("\u{a0}", " "),
    text,
    singular,
    clock_in_text,
};

/// French takes the singular below 2: "0 appel", "1 tranche", "1,5 heure".
fn singular(n: &str) -> bool {
    let plain: String = n
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    plain.parse::<f64>().is_ok_and(|x| x.abs() < 2.0)
}

/// "08:30" → "8 h 30", "17:00" → "17 h" (no-break spaces), as French running text writes
/// times; a label with seconds stays as it is.
fn clock_in_text(label: &str) -> String {
    let parts: Vec<&str> = label.split(':').collect();
    match parts.as_slice() {
        [h, m] if h.parse::<u32>().is_ok() && m.len() == 2 => {
            let h: u32 = h.parse().unwrap_or(0);
            if *m == "00" {
                format!("{h}\u{a0}h")
            } else {
                format!("{h}\u{a0}h\u{a0}{m}")
            }
        }
        _ => label.to_string(),
    }
}

fn text(k: Key) -> &'static str {
    use Key::*;
    match k {
        UnitSecond => "seconde",
        UnitSeconds => "secondes",
        UnitMinute => "minute",
        UnitMinutes => "minutes",
        UnitHour => "heure",
        UnitHours => "heures",
        UnitSecondShort => "s",
        UnitMinuteShort => "min",
        UnitHourShort => "h",
        Points => "points",
        And => "et",
        NotAvailable => "n.\u{a0}d.",
        DayN => "jour {n}",
        PerInterval => "par tranche de {len}",

        DistExponential => "exponentielle",
        DistMeanOnly => {
            "{mean} en moyenne (loi {law}\u{a0}: souvent brève, parfois bien plus longue)"
        }
        DistLognormal => "log-normale",
        DistGamma => "gamma",
        DistErlang => "d’Erlang à {k} phases",
        DistWeibull => "de Weibull",
        DistMeanSd => "{mean} en moyenne, écart-type {sd} (loi {law})",
        DistFixed => "toujours {value}",
        DistUniform => "entre {min} et {max}, répartie uniformément",
        DistEmpirical => "tirée de {n} durées observées dans {file}, {mean} en moyenne",
        DistWeibullShape => "paramètre de forme {shape}",

        ChartServiceLevelTitle => "{scenario}\u{a0}: niveau de service {per}",
        ChartServiceLevelSubtitle => {
            "Appels décrochés en {threshold} au plus, comptés {definition}\u{a0}; moyenne de {runs} {runs:journée simulée|journées simulées}"
        }
        ChartServiceLevelAxis => "Niveau de service (% des appels)",
        LegendServiceLevel => "Niveau de service",
        LegendBand => "Intervalle de confiance à 95\u{a0}%",
        LegendTarget => "Objectif {target}",
        LegendBelowTarget => "Sous l’objectif",
        ChartCallsTitle => "{scenario}\u{a0}: appels et conseillers {per}",
        ChartCallsSubtitle => {
            "Appels reçus (moyenne de {runs} {runs:journée simulée|journées simulées}) et conseillers au téléphone"
        }
        ChartCallsAxis => "Appels reçus par tranche",
        ChartAgentsAxis => "Conseillers au téléphone",
        LegendOffered => "Appels reçus",
        LegendAgents => "Conseillers prévus (échelle de droite)",
        LegendRequired => "Conseillers nécessaires selon {method} (échelle de droite)",
        ChartWaitsTitle => "{scenario}\u{a0}: temps d’attente des appels décrochés",
        ChartWaitsSubtitle => {
            "Tous les appels décrochés de {runs} {runs:journée simulée|journées simulées}\u{a0}; {at_once} ont été pris sans attente"
        }
        ChartWaitsAxisSeconds => "Attente avant la réponse d’un conseiller (secondes)",
        ChartWaitsAxisMinutes => "Attente avant la réponse d’un conseiller (minutes)",
        ChartWaitsShareAxis => "Appels décrochés ayant attendu au plus autant (%)",
        LegendWaitCdf => "Appels décrochés ayant attendu au plus autant",
        LegendThreshold => "Seuil {threshold}",
        WaitsAnnotation => "{share} des appels décrochés en {threshold} au plus",
        WaitsNoAnswered => "Aucun appel décroché",
        ChartAbandonTitle => "{scenario}\u{a0}: taux d’occupation et abandons {per}",
        ChartAbandonSubtitle => "Moyenne de {runs} {runs:journée simulée|journées simulées}",
        ChartOccupancyAxis => "Taux d’occupation (% du temps)",
        ChartAbandonAxis => "Abandons, ligne occupée (%)",
        LegendOccupancy => "Taux d’occupation\u{a0}: part du temps des conseillers passée en appel",
        LegendAbandoned => "Abandons avant la réponse",
        LegendBlocked => "Ligne occupée",
        ChartDaysTitle => {
            "{scenario}\u{a0}: niveau de service de la journée sur {runs} {runs:journée simulée|journées simulées}"
        }
        ChartDaysSubtitle => {
            "Chaque barre compte les journées simulées dont le niveau de service tombe dans sa plage\u{a0}; le plan atteint l’objectif {share} des journées"
        }
        ChartDaysAxis => "Niveau de service de la journée (%)",
        ChartDaysCountAxis => "Journées simulées",
        LegendDaysMet => "Journées à l’objectif",
        LegendDaysMissed => "Journées sous l’objectif",
        CaptionDays => {
            "Comment le niveau de service de la journée varie d’une journée simulée à l’autre. La part des journées à droite de la ligne d’objectif est la probabilité que ce plan atteigne son but un jour donné."
        }
        RiskSentence => {
            "Sur {runs} {runs:journée simulée|journées simulées}, ce plan atteint l’objectif {share} des journées\u{a0}: une journée sur dix, le niveau de service est de {p10} ou moins, une sur dix de {p90} ou plus."
        }
        CallersSentence => {
            "En comptant les personnes plutôt que les appels (certains rappellent après un abandon ou une ligne occupée)\u{a0}: {answered} des appelants obtiennent finalement une réponse, {again} sur 100 {again:appelle|appellent} plus d’une fois, et {within} obtiennent une réponse en {threshold} d’attente au plus, tous appels confondus."
        }
        ShiftsSentence => {
            "Le planning paie {paid}\u{a0}heures de travail\u{a0}; sur une journée simulée, les conseillers prennent {breaks}\u{a0}heures de pauses, les pauses commencent en tout {delayed}\u{a0}minutes en retard parce que les conseillers terminent d’abord leur appel, et ils travaillent {overtime}\u{a0}minutes après la fin de leur service."
        }
        BreakdownSentence => "Sur 100 appelants, {parts}.",
        BreakdownWithin => "{n} {n:obtient|obtiennent} une réponse en {threshold} au plus",
        BreakdownLater => "{n} {n:obtient|obtiennent} une réponse après une attente plus longue",
        BreakdownHungUp => "{n} {n:abandonne|abandonnent} avant qu’un conseiller réponde",
        BreakdownBusy => "{n} {n:tombe|tombent} sur une ligne occupée",
        FitHandleTitle => "{name}\u{a0}: durées de traitement du journal et lois ajustées",
        FitHandleSubtitle => {
            "{n} {n:appel décroché|appels décrochés}\u{a0}; distance KS lognormale {ks_ln}, gamma {ks_g} (valeur critique à 1\u{a0}% {ks_crit})\u{a0}; retenue\u{a0}: {choice}"
        }
        FitHandleAxis => "Durée de traitement (minutes)",
        FitShareAxis => "Appels traités dans ce délai (%)",
        LegendObserved => "Dans le journal",
        LegendLognormal => "Loi lognormale ajustée",
        LegendGamma => "Loi gamma ajustée",
        FitPatienceTitle => "{name}\u{a0}: combien de temps les appelants acceptent d’attendre",
        FitPatienceSubtitle => {
            "{abandoned} {abandoned:abandon|abandons} et {censored} {censored:appelant décroché|appelants décrochés} (dont on sait seulement que la patience était plus longue)\u{a0}; moyenne exponentielle {mean}"
        }
        FitPatienceAxis => "Temps d’attente (minutes)",
        FitStillWaitingAxis => "Appelants prêts à attendre encore (%)",
        LegendKaplanMeier => "Kaplan–Meier (d’après le journal)",
        LegendExponential => "Loi exponentielle ajustée",
        BacktestTitle => "{scenario}\u{a0}: {metric} dans le journal et dans la simulation",
        BacktestSubtitle => {
            "La bande est là où la simulation attend la moyenne de {days} {days:journée|journées} comme celles du journal\u{a0}; {within} {within:tranche|tranches} sur {n} y {within:tombe|tombent}"
        }
        LegendSimulatedBand => "Simulé (bande à 95\u{a0}%)",
        LegendLog => "Journal",
        LegendOutsideBand => "Hors de la bande",
        BacktestServiceLevel => "niveau de service",
        BacktestAbandonment => "taux d’abandon",
        WhatToDoHeading => "Que faire",
        WhatToDoAdd => "Pour atteindre les objectifs dans chaque tranche, ajouter {list}.",
        WhatToDoAddOne => "1 conseiller {span}",
        WhatToDoAddMany => "{n} conseillers {span}",
        WhatToDoSpare => {
            "{hours} {hours:heure|heures} de conseiller peuvent servir ailleurs\u{a0}: {list}."
        }
        WhatToDoFewerOne => "1 conseiller en trop {span}",
        WhatToDoFewerMany => "{n} conseillers en trop {span}",
        WhatToDoNothing => "Le plan atteint les objectifs tel quel, sans conseiller en trop.",
        WhatToDoHours => {
            "L’effectif recommandé demande alors {required} {required:heure|heures} de conseiller au lieu de {planned}{cost}."
        }
        WhatToDoCost => ", pour un coût de {required} au lieu de {planned}",
        WhatToDoGets => {
            "Ce que les appelants y gagnent\u{a0}: dans chaque tranche, au moins {sl} obtiennent une réponse en {threshold} au plus{abandon}."
        }
        WhatToDoGetsAbandon => ", et au plus {rate} abandonnent avant qu’un conseiller réponde",
        MetaFor => "Préparé pour {client}",
        MetaBy => "par {author}",
        MetaByOnly => "Préparé par {author}",
        MetaDays => "{runs} {runs:journée simulée|journées simulées}",
        TechnicalHeading => "Détails techniques",
        TechnicalDetails => {
            "Simulé avec ccsim {version}\u{a0}: {runs} {runs:réplication (journée simulée)|réplications (journées simulées)} du fichier de scénario {path}, graine aléatoire {seed}. Le même fichier, la même graine et la même version donnent les mêmes chiffres, quel que soit l’ordinateur."
        }
        TimeOfDay => "Heure de la journée",

        ReportTitle => "Simulation du centre d’appels\u{a0}: {scenario}",
        ReportMeta => {
            "ccsim {version}, {runs} {runs:journée simulée|journées simulées}, graine aléatoire {seed}"
        }
        HeadlineHeading => "En une phrase",
        HeadlineOffered => {
            "Avec les effectifs prévus, {sl} des appelants obtiennent une réponse en {threshold} au plus {over} (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineAnswered => {
            "Avec les effectifs prévus, {sl} des appelants qui joignent un conseiller obtiennent une réponse en {threshold} au plus {over} (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineExcl => {
            "Avec les effectifs prévus, {sl} des appelants obtiennent une réponse en {threshold} au plus {over}, hors abandons de moins de {threshold} (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineNoCalls => {
            "Aucun appel n’a été reçu sur la période simulée\u{a0}: il n’y a pas de niveau de service à mesurer."
        }
        AbandonNone => "personne n’abandonne avant qu’un conseiller réponde",
        AbandonNoPatience => {
            "le scénario suppose que personne n’abandonne, quelle que soit l’attente"
        }
        AbandonFewer => "moins de 1 sur 100 abandonne avant qu’un conseiller réponde",
        AbandonInHundred => "{n} sur 100 {n:abandonne|abandonnent} avant qu’un conseiller réponde",
        BlockedInHundred => "{n} sur 100 {n:tombe|tombent} sur une ligne occupée",

        AssumptionsHeading => "Ce qui a été simulé",
        AssumptionsIntro => {
            "La simulation rejoue le scénario appel par appel, de nombreuses fois, avec des appelants qui arrivent au hasard autour de la prévision. Voici ses hypothèses\u{a0}:"
        }
        ColWhat => "Hypothèse",
        ColAssumed => "Valeur",
        AsScenario => "Scénario",
        AsPeriod => "Période",
        PeriodOneInterval => "Une tranche de {len}, de {from} à {to}",
        PeriodIntervals => "{n} tranches de {len}, de {from} à {to}",
        PeriodHorizon => "{hours} d’appels à rythme constant",
        PeriodWarmup => {
            "\u{a0}; les appels {n:de la première {unit}|des {n} premières {unit}} sont simulés mais pas comptés (mise en régime)"
        }
        AsCalls => "Appels attendus",
        CallsPerInterval => {
            "{total} sur la période\u{a0}; la tranche la plus chargée, {peak_at}, en attend {peak}"
        }
        CallsRate => "{rate} par heure, arrivant au hasard",
        AsHandle => "Durée de traitement (conversation, mise en attente et travail après l’appel)",
        HandleForecast => {
            "\u{a0}; les tranches ayant leur propre moyenne dans le fichier de prévision l’utilisent"
        }
        AsPatience => "Patience des appelants",
        PatienceNone => {
            "Aucun abandon\u{a0}: les appelants attendent aussi longtemps qu’il le faut"
        }
        AsAgents => "Conseillers au téléphone",
        AgentsConstant => "{n} en permanence",
        AgentsRange => "De {min} à {max} selon la tranche (planning par tranche)",
        AsLines => "Lignes téléphoniques",
        LinesLimit => {
            "Au plus {n} {n:appel|appels} à la fois, en conversation ou en attente\u{a0}; au-delà, l’appelant tombe sur une ligne occupée"
        }
        LinesNone => "Sans limite\u{a0}: chaque appelant accède à la file d’attente",
        AsGoal => "Objectif de niveau de service",
        GoalText => "{target} des appels décrochés en {threshold} au plus, comptés {definition}",
        AsShrinkage => "Taux d’indisponibilité",
        ShrinkageText => {
            "{share} du temps payé se passe hors téléphone (pauses, formation, réunions)"
        }
        AsQueue => "File d’attente",
        QueueText => {
            "Une seule file, premier arrivé premier servi\u{a0}; les conseillers qui partent en fin de tranche terminent d’abord leur appel en cours"
        }
        AsRuns => "Journées simulées",
        RunsText => {
            "{runs} (graine aléatoire {seed}), chacune avec ses propres appelants, durées d’appel et patiences tirés au hasard"
        }
        DefOffered => "en part de tous les appels reçus",
        DefAnswered => "en part des appels décrochés",
        DefExcl => "en part des appels reçus, hors abandons de moins de {threshold}",

        MissesHeading => "Où l’objectif n’est pas atteint",
        MissesNone => "Toutes les tranches atteignent l’objectif de {target}.",
        MissesSome => {
            "{k} {k:tranche|tranches} sur {n} {k:n’atteint|n’atteignent} pas l’objectif de {target}."
        }
        MissesWorst => "La plus faible est celle {at}, à {sl}.",
        MissesNoise => {
            "Les tranches marquées «\u{a0}dans la marge\u{a0}» sont si proches de l’objectif que simuler davantage de journées pourrait les faire basculer d’un côté ou de l’autre."
        }
        ColInterval => "Tranche",
        ColServiceLevel => "Niveau de service",
        ColShortBy => "Écart à l’objectif",
        ColNote => "Remarque",
        NoteClear => "nettement en dessous",
        NoteNoise => "dans la marge",
        ShortBy => "{n}\u{a0}{n:point|points}",

        StaffingHeading => "Conseillers nécessaires et conseillers prévus",
        StaffingIntro => {
            "Conseillers nécessaires au téléphone pour atteindre l’objectif dans chaque tranche, calculés par {method}."
        }
        StaffingTotals => {
            "Le planning prévoit {planned} {planned:heure|heures} de conseiller au téléphone\u{a0}; atteindre l’objectif dans chaque tranche en demande {required} selon la simulation et {erlang} selon la formule d’Erlang C."
        }
        StaffingTotalsNoErlang => {
            "Le planning prévoit {planned} {planned:heure|heures} de conseiller au téléphone\u{a0}; atteindre l’objectif dans chaque tranche en demande {required}."
        }
        ColPlanned => "Prévus",
        ColRequired => "Nécessaires",
        ColErlangC => "Erlang\u{a0}C",
        ColScheduled => "À planifier (avec indisponibilité)",
        ColSlWithRequired => "Niveau de service avec l’effectif nécessaire",
        ColAbandonWithRequired => "Taux d’abandon",
        ColAsaWithRequired => "Délai moyen de réponse (s)",
        ColOccupancyWithRequired => "Taux d’occupation",
        StaffingWorse => {
            "Les chiffres marqués\u{a0}! sont moins bons avec l’effectif nécessaire qu’avec l’effectif prévu (au-delà du bruit de la simulation), dans {n} {n:tranche|tranches}\u{a0}: un effectif plus petit y fait attendre ou abandonner davantage d’appelants."
        }
        MethodSim => "la simulation",
        MethodErlangC => "la formule d’Erlang C",
        MethodErlangA => "la formule d’Erlang A",
        WhyMore => {
            "La simulation demande plus d’heures de conseiller qu’Erlang C ({sim} contre {erlang}) car elle tient compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhyFewer => {
            "La simulation demande moins d’heures de conseiller qu’Erlang C ({sim} contre {erlang}) car elle tient compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhyEqual => {
            "La simulation demande autant d’heures de conseiller qu’Erlang C ({sim}), bien qu’elle tienne compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhySame => {
            "La simulation et Erlang C concordent ici ({sim} contre {erlang} {erlang:heure|heures} de conseiller) car le scénario respecte les hypothèses d’Erlang C\u{a0}: durées d’appel exponentielles, aucun abandon et une charge constante."
        }
        ReasonAbandon => "des appelants abandonnent et raccourcissent ainsi la file",
        ReasonVarMore => {
            "la durée des appels varie plus qu’Erlang C ne le suppose (écart-type de {sd} pour une moyenne de {mean})"
        }
        ReasonVarLess => {
            "la durée des appels varie moins qu’Erlang C ne le suppose (écart-type de {sd} pour une moyenne de {mean})"
        }
        ReasonCarryOver => {
            "les appels encore en attente à la fin d’une tranche se reportent sur la suivante"
        }

        SweepTitle => "{scenario}\u{a0}: niveau de service selon {over}",
        SweepSubtitle => {
            "{within}, objectif {target} · moyenne de {runs} {runs:réplication|réplications} par variante, nombres aléatoires communs"
        }
        SweepWithin => "Appels décrochés en {threshold} au plus",
        SweepWithinShown => "Appels décrochés dans le seuil indiqué",
        SweepNamedValue => "{name} {value}",
        SweepAxisServiceLevel => "Niveau de service",
        SweepLegendBand => "Intervalle de confiance à 95\u{a0}%",
        SweepBelowTarget => "Sous l’objectif de {target}",
        SweepAtOrAbove => "À l’objectif ou au-dessus",
        SweepNoServiceLevel => "aucune variante n’a de niveau de service défini",
        SweepAgentsAdd => "Conseillers ajoutés à chaque tranche",
        SweepAgentsPct => "Conseillers (% des effectifs prévus)",
        SweepAgentsSet => "Conseillers dans chaque tranche",
        SweepCallsPct => "Appels (% de la prévision)",
        SweepAhtPct => "Durée de traitement (% de la durée prévue)",
        SweepAhtAdd => "Temps ajouté à la durée moyenne de traitement",
        SweepAhtSet => "Durée moyenne de traitement",
        SweepPatiencePct => "Patience (% de la patience prévue)",
        SweepPatienceAdd => "Temps ajouté à la patience moyenne",
        SweepPatienceSet => "Patience moyenne",
        SweepLinesSet => "Lignes téléphoniques",
        SweepLinesAdd => "Lignes téléphoniques ajoutées",
        SweepThreshold => "Seuil du niveau de service",
        SweepValue => "Valeur",
        SweepShortAgents => "Conseillers",
        SweepShortCalls => "Appels",
        SweepShortAht => "Durée de traitement",
        SweepShortPatience => "Patience",
        SweepShortLines => "Lignes",
        SweepShortThreshold => "Seuil",
        SweepShortValue => "Valeur",
        UnitHourCompact => "h",
        UnitMinuteCompact => "min",
        UnitSecondCompact => "s",

        ChartsHeading => "Graphiques",
        ChartsSkipped => "Les graphiques n’ont pas été tracés pour ce calcul (--no-charts).",
        CaptionServiceLevel => {
            "Niveau de service par tranche face à l’objectif. La bande claire est l’intervalle de confiance à 95\u{a0}%\u{a0}; les points rouges sont sous l’objectif."
        }
        CaptionCalls => "Appels reçus par tranche (barres) et conseillers au téléphone (lignes).",
        CaptionWaits => {
            "Temps d’attente des appels décrochés\u{a0}: on y lit la part des appels décrochés pour toute durée d’attente. La ligne pointillée marque le seuil du niveau de service."
        }
        CaptionAbandon => {
            "En haut\u{a0}: part du temps des conseillers passée en appel. En bas\u{a0}: taux d’abandon (et part des appels tombés sur une ligne occupée)."
        }

        TableHeading => "Tranche par tranche",
        TableIntro => {
            "Chaque valeur est la moyenne des journées simulées\u{a0}; ± donne l’intervalle de confiance à 95\u{a0}%. Un appel compte dans la tranche où il arrive."
        }
        ColAgents => "Conseillers",
        ColOffered => "Appels reçus",
        ColAsa => "Délai moyen de réponse",
        ColP90 => "9 sur 10 décrochés en",
        ColAbandoned => "Taux d’abandon",
        ColOccupancy => "Taux d’occupation",
        ColAgainstTarget => "Face à l’objectif",
        WholeDay => "Toute la période",
        NoCalls => "aucun appel",
        WaitingAtClose => {
            "En moyenne, {n} {n:appelant attendait|appelants attendaient} encore à la fin de la dernière tranche\u{a0}; {n:il a été servi ensuite ou a abandonné, et compte dans la tranche de son arrivée|ils ont été servis ensuite ou ont abandonné, et comptent dans la tranche de leur arrivée}."
        }

        // Comparer des scénarios, rendre compte d’un dossier de variantes (`ccsim report`).
        CmpTitle => "{n} scénarios comparés",
        CmpReadingHeading => "Ce qui change",
        CmpReadingIntro => {
            "Chaque scénario face à {base}, sur les mêmes {runs} journées simulées\u{a0}:"
        }
        CmpSentence => "{variant}\u{a0}: {clauses}.",
        CmpSlRises => "le niveau de service monte de {from} à {to}",
        CmpSlFalls => "le niveau de service baisse de {from} à {to}",
        CmpSlSame => "pas d’écart significatif sur le niveau de service ({from} contre {to})",
        CmpAbandon => "le taux d’abandon passe de {from} à {to}",
        CmpAsa => "le délai moyen de réponse passe de {from} à {to}",
        CmpBusy => "la part d’appels sur ligne occupée passe de {from} à {to}",
        CmpOccupancy => "le taux d’occupation passe de {from} à {to}",
        CmpHours => "les heures de conseiller passent de {from} à {to}",
        CmpCost => "le coût passe de {from} à {to}",
        CmpNoDifference => "{variant}\u{a0}: aucun écart significatif avec {base}.",
        CmpSideHeading => "Les scénarios côte à côte",
        CmpSideIntro => {
            "Chiffres sur l’ensemble de la période, chacun avec son intervalle de confiance à 95\u{a0}%\u{a0}; les heures de conseiller et le coût sont ceux prévus."
        }
        CmpColMeasure => "Indicateur",
        CmpRowServiceLevel => "Niveau de service",
        CmpRowAsa => "Délai moyen de réponse (ASA)",
        CmpRowAbandon => "Taux d’abandon",
        CmpRowBusy => "Ligne occupée",
        CmpRowOccupancy => "Taux d’occupation",
        CmpRowHours => "Heures de conseiller",
        CmpRowCost => "Coût",
        CmpRowBelow => "Tranches sous l’objectif",
        CmpRowGoal => "Objectif",
        CmpBelowCount => "{n} sur {total}",
        CmpChartTitle => "Niveau de service {per}\u{a0}: {n} scénarios",
        CmpChartSubtitle => {
            "Appels décrochés en {threshold} au plus, comptés {definition}\u{a0}; moyenne de {runs} journées simulées, les mêmes pour chaque scénario"
        }
        CmpCaption => {
            "Une ligne par scénario\u{a0}; la ligne en tirets est l’objectif\u{a0}: un point en dessous manque l’objectif sur cette tranche."
        }
        CmpDiffHeading => "Écarts par rapport à {base}",
        CmpDiffIntro => {
            "Chaque scénario moins {base}, avec l’intervalle de confiance à 95\u{a0}% de l’écart. Les scénarios ont été simulés sur les mêmes journées\u{a0}: l’intervalle vient des écarts journée par journée et il est bien plus étroit que ne le laisserait croire l’intervalle propre à chaque scénario. Les parts diffèrent en points de pourcentage."
        }
        CmpNotSignificant => "non significatif",
        CmpDiffNote => {
            "«\u{a0}Non significatif\u{a0}»\u{a0}: l’intervalle contient zéro, l’écart peut donc n’être que du bruit\u{a0}; davantage de réplications (--replications) resserrent l’intervalle."
        }
        CmpColScenario => "Scénario",
        CmpTechnical => {
            "Simulé avec ccsim {version}\u{a0}: {runs} réplications (journées simulées) de chaque scénario, graine aléatoire {seed} pour tous (nombres aléatoires communs). Fichiers de scénario\u{a0}: {files}."
        }
        SwpTitle => "Variantes étudiées\u{a0}: {scenario}",
        SwpIntro => {
            "{variants} de {scenario}, chacune simulée sur les mêmes {runs} journées (nombres aléatoires communs)."
        }
        SwpVariantOne => "1 variante",
        SwpVariantMany => "{n} variantes",
        SwpReadingHeading => "Ce qu’il en ressort",
        SwpMeetAll => "Toutes les variantes atteignent l’objectif de {target} sur la période.",
        SwpMeetNone => {
            "Aucune variante n’atteint l’objectif de {target} sur la période\u{a0}; la meilleure, {best}, atteint {sl}."
        }
        SwpMeetSome => "{k} variantes sur {n} atteignent l’objectif de {target} sur la période.",
        SwpMeetSomeOne => "1 variante sur {n} atteint l’objectif de {target} sur la période.",
        SwpCheapest => "La variante la moins chère qui l’atteint\u{a0}: {variant}, avec {sl}.",
        SwpCheapestWith => {
            "Avec {held}, la variante la moins chère qui l’atteint\u{a0}: {variant}, avec {sl}."
        }
        SwpCheapestNone => "Avec {held}, aucune variante ne l’atteint.",
        SwpNoStaffing => {
            "Les variantes ne changent pas les effectifs\u{a0}: aucune ne coûte moins qu’une autre."
        }
        SwpTableHeading => "Les variantes",
        SwpTableIntro => {
            "Chiffres sur l’ensemble de la période, chacun avec son intervalle de confiance à 95\u{a0}%\u{a0}; les lignes teintées manquent l’objectif."
        }
        SwpColMeets => "Objectif atteint",
        SwpYes => "oui",
        SwpNo => "non",
        SwpCaptionLines => {
            "Niveau de service sur l’ensemble de la période selon la première valeur étudiée, avec l’objectif."
        }
        SwpCaptionHeatmap => {
            "Niveau de service de chaque combinaison des deux premières valeurs étudiées."
        }
        SwpTechnical => {
            "Variantes simulées avec ccsim {version} à partir du fichier de scénario {file} ({vary})\u{a0}: {runs} réplications (journées simulées) par variante, graine aléatoire {seed}."
        }

        HowHeading => "Comment lire ce rapport",
        HowCiTerm => "Intervalles de confiance",
        HowSlTerm => "Niveau de service",
        HowIntervalsTerm => "Tranches",
        HowCi => {
            "Chaque valeur est la moyenne de nombreuses journées simulées avec des appelants différents tirés au hasard. «\u{a0}83,1\u{a0}% ± 0,4\u{a0}» signifie qu’en simulant davantage de journées, la moyenne tomberait 95 fois sur 100 entre 82,7\u{a0}% et 83,5\u{a0}%. Cette marge mesure le hasard propre à la simulation, pas les erreurs de prévision\u{a0}: si le nombre d’appels s’écarte de la prévision, les résultats bougent davantage."
        }
        HowSl => {
            "La part des appels décrochés en {threshold} au plus. Il y a trois façons courantes de la compter\u{a0}:"
        }
        HowSlAnswered => {
            "en part des appels décrochés\u{a0}: les abandons ne comptent pas du tout\u{a0};"
        }
        HowSlOffered => {
            "en part de tous les appels reçus\u{a0}: un abandon compte comme un échec\u{a0};"
        }
        HowSlExcl => {
            "hors abandons de moins de {threshold}\u{a0}: ces abandons courts ne comptent pas, les abandons plus tardifs comptent comme un échec."
        }
        HowUsed => "Ce rapport compte le niveau de service {definition}.",
        HowIntervals => {
            "Un appel compte dans la tranche où il arrive, même s’il est décroché dans la suivante. Le taux d’occupation est la part du temps des conseillers au téléphone passée à traiter des appels\u{a0}; au-delà d’environ 90\u{a0}%, les conseillers n’ont plus de répit entre deux appels."
        }
        GroupsHeading => "Types d’appels et groupes de conseillers",
        RoutingFirst => "Les appels «\u{a0}{type}\u{a0}» vont d’abord {groups}",
        RoutingThen => "puis {groups}",
        RoutingThenAfter => "puis, après {delay} d’attente, {groups}",
        GroupRef => "au groupe «\u{a0}{name}\u{a0}»",
        TypesIntro => {
            "Le niveau de service de chaque type d’appel par tranche, comparé à son propre objectif (entre parenthèses)\u{a0}; une ligne où un type est sous son objectif est signalée."
        }
        GroupsIntro => {
            "Le taux d’occupation de chaque groupe de conseillers par tranche\u{a0}: la part de son temps au téléphone passée en appel."
        }
        TypesChartTitle => "{scenario}\u{a0}: niveau de service de chaque type d’appel {per}",
        TypesChartSubtitle => {
            "Appels de chaque type décrochés dans son propre délai\u{a0}; moyenne de {runs} {runs:journée simulée|journées simulées}"
        }
        LegendTypeTarget => "Objectif {target} ({types})",
        GroupsChartTitle => {
            "{scenario}\u{a0}: taux d’occupation de chaque groupe de conseillers {per}"
        }
        GroupsChartSubtitle => {
            "Part du temps au téléphone de chaque groupe passée en appel\u{a0}; moyenne de {runs} {runs:journée simulée|journées simulées}"
        }
        CaptionTypes => {
            "Une ligne par type d’appel, avec son intervalle de confiance à 95\u{a0}%\u{a0}; une ligne en tirets est un objectif\u{a0}: un point sous l’objectif de son type le manque sur cette tranche."
        }
        CaptionGroups => {
            "Une ligne par groupe de conseillers, avec son intervalle de confiance à 95\u{a0}%. Au-delà d’environ 90\u{a0}%, les conseillers du groupe n’ont plus de répit entre deux appels."
        }
        HowAsa => {
            "Le délai moyen de réponse (ASA) inclut les appels décrochés sans attente, comptés avec une attente nulle."
        }
        StaffingTint => {
            "Les chiffres surlignés n’atteignent pas l’objectif\u{a0}: moins de conseillers prévus que nécessaires, ou niveau de service inférieur à l’objectif de {target}."
        }
        OverTheDay => "sur la journée",
        OverThePeriod => "sur la période",
        SpanInText => "de {from} à {to}",
        ScheduleHeading => "Planning des équipes pour {scenario}",
        ScheduleAgentsOn => "{n} conseillers en vacations de {shift}",
        ScheduleMoreOn => "{n} en vacations de {shift}",
        ScheduleSummary => {
            "{shifts}\u{a0}; {hours} heures payées, {above} au-dessus de la borne inférieure du besoin."
        }
        ScheduleCost => "Coût\u{a0}: {cost}.",
        ScheduleProgramText => {
            "Le besoin représente {required} heures de conseiller au téléphone. Le programme en nombres entiers ({variables} variables, {constraints} contraintes) a choisi combien de conseillers travaillent dans chaque vacation\u{a0}; sa relaxation linéaire montre qu’aucun planning respectant les règles ne coûte moins de {bound}."
        }
        ScheduleVerified => {
            "Vérifié par simulation ({days} journées)\u{a0}: chaque objectif est atteint dans chaque tranche (tours de réparation\u{a0}: {rounds}\u{a0}; conseillers ajoutés\u{a0}: {added})."
        }
        ScheduleCapped => {
            "Simulé sur {days} journées, le planning manque encore un objectif à {missing} quand le nombre maximal de tours de réparation est atteint (tours de réparation\u{a0}: {rounds}\u{a0}; conseillers ajoutés\u{a0}: {added})."
        }
        ScheduleChartTitle => "Conseillers au téléphone\u{a0}: planning et besoin",
        ScheduleChartSubtitle => {
            "Conseillers au téléphone selon le planning (les creux sont les pauses), moyenne pondérée par le temps en simulation, et besoin par tranche"
        }
        LegendRosterPlanned => "Planning prévu",
        LegendRosterSimulated => "Au téléphone en simulation",
        LegendScheduleRequired => "Besoin",
        ColShift => "Vacation",
        ColHours => "Horaires",
        ColBreaks => "Pauses",
    }
}
