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
};

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
        Points => "pts",
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
        DistMeanSd => "{mean} en moyenne, écart type {sd} (loi {law})",
        DistFixed => "toujours {value}",
        DistUniform => "entre {min} et {max}, répartie uniformément",
        DistEmpirical => "tirée de {n} durées observées dans {file}, {mean} en moyenne",
        DistWeibullShape => "paramètre de forme {shape}",

        ChartServiceLevelTitle => "{scenario}\u{a0}: niveau de service {per}",
        ChartServiceLevelSubtitle => {
            "Appels décrochés en {threshold} au plus, comptés {definition}\u{a0}; moyenne de {runs} journées simulées"
        }
        ChartServiceLevelAxis => "Niveau de service (% des appels)",
        LegendServiceLevel => "Niveau de service",
        LegendBand => "Intervalle de confiance à 95\u{a0}%",
        LegendTarget => "Objectif {target}",
        LegendBelowTarget => "Sous l’objectif",
        ChartCallsTitle => "{scenario}\u{a0}: appels et conseillers {per}",
        ChartCallsSubtitle => {
            "Appels reçus (moyenne de {runs} journées simulées) et conseillers au téléphone"
        }
        ChartCallsAxis => "Appels reçus par tranche",
        ChartAgentsAxis => "Conseillers au téléphone",
        LegendOffered => "Appels reçus",
        LegendAgents => "Conseillers prévus (échelle de droite)",
        LegendRequired => "Conseillers nécessaires selon {method} (échelle de droite)",
        ChartWaitsTitle => "{scenario}\u{a0}: temps d’attente des appels décrochés",
        ChartWaitsSubtitle => {
            "Tous les appels décrochés de {runs} journées simulées\u{a0}; {at_once} ont été pris sans attente"
        }
        ChartWaitsAxisSeconds => "Attente avant la réponse d’un conseiller (secondes)",
        ChartWaitsAxisMinutes => "Attente avant la réponse d’un conseiller (minutes)",
        ChartWaitsShareAxis => "Appels décrochés ayant attendu au plus autant (%)",
        LegendWaitCdf => "Appels décrochés ayant attendu au plus autant",
        LegendThreshold => "Seuil {threshold}",
        WaitsAnnotation => "{share} des appels décrochés en {threshold} au plus",
        WaitsNoAnswered => "Aucun appel décroché",
        ChartAbandonTitle => "{scenario}\u{a0}: occupation des conseillers et abandons {per}",
        ChartAbandonSubtitle => "Moyenne de {runs} journées simulées",
        ChartOccupancyAxis => "Occupation (% du temps)",
        ChartAbandonAxis => "Appels perdus (% des reçus)",
        LegendOccupancy => "Occupation\u{a0}: part du temps des conseillers passée en appel",
        LegendAbandoned => "Raccroché avant la réponse",
        LegendBlocked => "Tonalité occupée",
        ChartDaysTitle => {
            "{scenario}\u{a0}: niveau de service de la journée sur {runs} journées simulées"
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
            "Sur {runs} journées simulées, ce plan atteint l’objectif {share} des journées\u{a0}: une journée sur dix, le niveau de service est de {p10} ou moins, une sur dix de {p90} ou plus."
        }
        CallersSentence => {
            "En comptant les personnes plutôt que les appels (certains rappellent après avoir raccroché ou trouvé la ligne occupée)\u{a0}: {answered} des appelants obtiennent finalement une réponse, {again} sur 100 appellent plus d’une fois, et {within} obtiennent une réponse en {threshold} d’attente au plus, tous appels confondus."
        }
        BreakdownSentence => "Sur 100 appelants, {parts}.",
        BreakdownWithin => "{n} obtiennent une réponse en {threshold} au plus",
        BreakdownLater => "{n} obtiennent une réponse après une attente plus longue",
        BreakdownHungUp => "{n} raccrochent avant qu’un conseiller réponde",
        BreakdownBusy => "{n} tombent sur la tonalité occupée",
        FitHandleTitle => "{name}\u{a0}: durées de traitement du journal et lois ajustées",
        FitHandleSubtitle => {
            "{n} appels décrochés\u{a0}; distance KS lognormale {ks_ln}, gamma {ks_g} (valeur critique à 1\u{a0}% {ks_crit})\u{a0}; retenue\u{a0}: {choice}"
        }
        FitHandleAxis => "Durée de traitement (minutes)",
        FitShareAxis => "Appels traités dans ce délai (%)",
        LegendObserved => "Dans le journal",
        LegendLognormal => "Loi lognormale ajustée",
        LegendGamma => "Loi gamma ajustée",
        FitPatienceTitle => "{name}\u{a0}: combien de temps les appelants acceptent d’attendre",
        FitPatienceSubtitle => {
            "{abandoned} abandons et {censored} appelants décrochés (dont on sait seulement que la patience était plus longue)\u{a0}; moyenne exponentielle {mean}"
        }
        FitPatienceAxis => "Temps d’attente (minutes)",
        FitStillWaitingAxis => "Appelants prêts à attendre encore (%)",
        LegendKaplanMeier => "Kaplan–Meier (d’après le journal)",
        LegendExponential => "Loi exponentielle ajustée",
        BacktestTitle => "{scenario}\u{a0}: {metric} dans le journal et dans la simulation",
        BacktestSubtitle => {
            "La bande est là où la simulation attend la moyenne de {days} journées comme celles du journal\u{a0}; {within} tranches sur {n} y tombent"
        }
        LegendSimulatedBand => "Simulé (bande à 95\u{a0}%)",
        LegendLog => "Journal",
        LegendOutsideBand => "Hors de la bande",
        BacktestServiceLevel => "niveau de service",
        BacktestAbandonment => "abandons",
        WhatToDoHeading => "Que faire",
        WhatToDoAdd => "Pour atteindre les objectifs dans chaque tranche, ajouter {list}.",
        WhatToDoAddOne => "1 conseiller {span}",
        WhatToDoAddMany => "{n} conseillers {span}",
        WhatToDoSpare => "{hours} heures de conseiller peuvent servir ailleurs\u{a0}: {list}.",
        WhatToDoFewerOne => "1 conseiller de moins {span}",
        WhatToDoFewerMany => "{n} conseillers de moins {span}",
        WhatToDoNothing => "Le plan atteint les objectifs tel quel, sans conseiller en trop.",
        WhatToDoHours => {
            "La journée demande alors {required} heures de conseiller au lieu de {planned}{cost}."
        }
        WhatToDoCost => ", pour un coût de {required} au lieu de {planned}",
        WhatToDoGets => {
            "Ce que les appelants y gagnent\u{a0}: dans chaque tranche, au moins {sl} obtiennent une réponse en {threshold} au plus{abandon}."
        }
        WhatToDoGetsAbandon => ", et au plus {rate} raccrochent avant qu’un conseiller réponde",
        MetaFor => "Préparé pour {client}",
        MetaBy => "par {author}",
        MetaByOnly => "Préparé par {author}",
        MetaDays => "{runs} journées simulées",
        TechnicalHeading => "Détails techniques",
        TechnicalDetails => {
            "Simulé avec ccsim {version}\u{a0}: {runs} réplications (journées simulées) du fichier de scénario {path}, graine aléatoire {seed}. Le même fichier, la même graine et la même version donnent les mêmes chiffres, quel que soit l’ordinateur."
        }
        TimeOfDay => "Heure de la journée",

        ReportTitle => "Simulation du centre d’appels\u{a0}: {scenario}",
        ReportMeta => "ccsim {version}, {runs} journées simulées, graine aléatoire {seed}",
        HeadlineHeading => "En une phrase",
        HeadlineOffered => {
            "Avec les effectifs prévus, {sl} des appelants obtiennent une réponse en {threshold} au plus sur la journée (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineAnswered => {
            "Avec les effectifs prévus, {sl} des appelants qui joignent un conseiller obtiennent une réponse en {threshold} au plus sur la journée (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineExcl => {
            "Avec les effectifs prévus, {sl} des appelants obtiennent une réponse en {threshold} au plus sur la journée, sans compter ceux qui raccrochent avant (objectif {target})\u{a0}; {abandon}."
        }
        HeadlineNoCalls => {
            "Aucun appel n’a été reçu sur la période simulée\u{a0}: il n’y a pas de niveau de service à mesurer."
        }
        AbandonNone => "personne ne raccroche avant qu’un conseiller réponde",
        AbandonNoPatience => {
            "le scénario suppose que personne ne raccroche, quelle que soit l’attente"
        }
        AbandonFewer => "moins de 1 sur 100 raccroche avant qu’un conseiller réponde",
        AbandonInHundred => "{n} sur 100 raccrochent avant qu’un conseiller réponde",
        BlockedInHundred => "{n} sur 100 tombent sur la tonalité occupée",

        AssumptionsHeading => "Ce qui a été simulé",
        AssumptionsIntro => {
            "La simulation rejoue la journée appel par appel, de nombreuses fois, avec des appelants qui arrivent au hasard autour de la prévision. Voici ses hypothèses\u{a0}:"
        }
        ColWhat => "Hypothèse",
        ColAssumed => "Valeur",
        AsScenario => "Scénario",
        AsPeriod => "Période",
        PeriodOneInterval => "Une tranche de {len}, de {from} à {to}",
        PeriodIntervals => "{n} tranches de {len}, de {from} à {to}",
        PeriodHorizon => "{hours} d’appels à rythme constant",
        PeriodWarmup => {
            "\u{a0}; les appels des {warmup} premières sont simulés mais pas comptés (mise en régime)"
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
            "Personne ne raccroche\u{a0}: les appelants attendent aussi longtemps qu’il le faut"
        }
        AsAgents => "Conseillers au téléphone",
        AgentsConstant => "{n} en permanence",
        AgentsRange => "De {min} à {max} selon la tranche (planning par tranche)",
        AsLines => "Lignes téléphoniques",
        LinesLimit => {
            "Au plus {n} appels à la fois, en conversation ou en attente\u{a0}; au-delà, l’appelant entend la tonalité occupée"
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
        DefExcl => {
            "en part des appels reçus, sans compter les appelants qui ont raccroché en {threshold} au plus"
        }

        MissesHeading => "Où l’objectif n’est pas atteint",
        MissesNone => "Toutes les tranches atteignent l’objectif de {target}.",
        MissesSome => "{k} tranches sur {n} n’atteignent pas l’objectif de {target}.",
        MissesWorst => "La plus faible est {at}, à {sl}.",
        MissesNoise => {
            "Les tranches marquées «\u{a0}dans la marge\u{a0}» sont si proches de l’objectif que simuler davantage de journées pourrait les faire basculer d’un côté ou de l’autre."
        }
        ColInterval => "Tranche",
        ColServiceLevel => "Niveau de service",
        ColShortBy => "Écart à l’objectif",
        ColNote => "Remarque",
        NoteClear => "nettement en dessous",
        NoteNoise => "dans la marge",
        ShortBy => "{n}\u{a0}pts",

        StaffingHeading => "Conseillers nécessaires et conseillers prévus",
        StaffingIntro => {
            "Conseillers nécessaires au téléphone pour atteindre l’objectif dans chaque tranche, calculés par {method}."
        }
        StaffingTotals => {
            "Le planning prévoit {planned} heures-conseiller au téléphone\u{a0}; atteindre l’objectif dans chaque tranche en demande {required} selon la simulation et {erlang} selon la formule d’Erlang C."
        }
        StaffingTotalsNoErlang => {
            "Le planning prévoit {planned} heures-conseiller au téléphone\u{a0}; atteindre l’objectif dans chaque tranche en demande {required}."
        }
        ColPlanned => "Prévus",
        ColRequired => "Nécessaires",
        ColErlangC => "Erlang C",
        ColScheduled => "À planifier (avec indisponibilité)",
        ColSlWithRequired => "Niveau de service avec l’effectif nécessaire",
        ColAbandonWithRequired => "Abandons",
        ColAsaWithRequired => "Attente moyenne (s)",
        ColOccupancyWithRequired => "Occupation",
        StaffingWorse => {
            "Les chiffres marqués ! sont moins bons avec l’effectif nécessaire qu’avec l’effectif prévu (au-delà du bruit de la simulation), dans {n} intervalles : un effectif plus petit y fait attendre ou raccrocher davantage d’appelants."
        }
        MethodSim => "la simulation",
        MethodErlangC => "la formule d’Erlang C",
        MethodErlangA => "la formule d’Erlang A",
        WhyMore => {
            "La simulation demande plus d’heures-conseiller qu’Erlang C ({sim} contre {erlang}) car elle tient compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhyFewer => {
            "La simulation demande moins d’heures-conseiller qu’Erlang C ({sim} contre {erlang}) car elle tient compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhyEqual => {
            "La simulation demande autant d’heures-conseiller qu’Erlang C ({sim}), bien qu’elle tienne compte de ce qu’Erlang C laisse de côté\u{a0}: {reasons}."
        }
        WhySame => {
            "La simulation et Erlang C concordent ici ({sim} contre {erlang} heures-conseiller) car le scénario respecte les hypothèses d’Erlang C\u{a0}: durées d’appel exponentielles, aucun abandon et une charge constante."
        }
        ReasonAbandon => "des appelants raccrochent et raccourcissent ainsi la file",
        ReasonVarMore => {
            "la durée des appels varie plus qu’Erlang C ne le suppose (écart type de {sd} pour une moyenne de {mean})"
        }
        ReasonVarLess => {
            "la durée des appels varie moins qu’Erlang C ne le suppose (écart type de {sd} pour une moyenne de {mean})"
        }
        ReasonCarryOver => {
            "les appels encore en attente à la fin d’une tranche se reportent sur la suivante"
        }

        SweepTitle => "{scenario}\u{a0}: niveau de service selon {over}",
        SweepSubtitle => {
            "{within}, objectif {target} · moyenne de {runs} réplications par variante, nombres aléatoires communs"
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
        SweepAgentsPct => "Conseillers, en % des effectifs prévus",
        SweepAgentsSet => "Conseillers dans chaque tranche",
        SweepCallsPct => "Appels, en % de la prévision",
        SweepAhtPct => "Durée de traitement, en % de la durée prévue",
        SweepAhtAdd => "Temps ajouté à la durée moyenne de traitement",
        SweepAhtSet => "Durée moyenne de traitement",
        SweepPatiencePct => "Patience, en % de la patience prévue",
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
            "En haut\u{a0}: part du temps des conseillers passée en appel. En bas\u{a0}: part des appelants qui ont raccroché (ou entendu la tonalité occupée)."
        }

        TableHeading => "Tranche par tranche",
        TableIntro => {
            "Chaque valeur est la moyenne des journées simulées\u{a0}; ± donne l’intervalle de confiance à 95\u{a0}%. Un appel compte dans la tranche où il arrive."
        }
        ColAgents => "Conseillers",
        ColOffered => "Appels reçus",
        ColAsa => "Attente moyenne",
        ColP90 => "9 sur 10 décrochés en",
        ColAbandoned => "Raccrochés",
        ColOccupancy => "Occupation",
        ColAgainstTarget => "Face à l’objectif",
        WholeDay => "Toute la période",
        NoCalls => "aucun appel",
        WaitingAtClose => {
            "En moyenne, {n} appelants attendaient encore à la fin de la dernière tranche\u{a0}; ils ont été servis ensuite ou ont raccroché, et comptent dans la tranche de leur arrivée."
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
            "en part des appels décrochés\u{a0}: les appelants qui ont raccroché ne comptent pas du tout\u{a0};"
        }
        HowSlOffered => {
            "en part de tous les appels reçus\u{a0}: un appelant qui a raccroché compte comme un échec\u{a0};"
        }
        HowSlExcl => {
            "sans compter les abandons rapides\u{a0}: les appelants qui ont raccroché en {threshold} au plus ne comptent pas, ceux qui ont raccroché plus tard comptent comme un échec."
        }
        HowUsed => "Ce rapport compte le niveau de service {definition}.",
        HowIntervals => {
            "Un appel compte dans la tranche où il arrive, même s’il est décroché dans la suivante. L’occupation est la part du temps des conseillers au téléphone passée à traiter des appels\u{a0}; au-delà d’environ 90\u{a0}%, les conseillers n’ont plus de répit entre deux appels."
        }
        GroupsHeading => "Types d’appels et groupes de conseillers",
        RoutingFirst => "Les appels « {type} » vont d’abord {groups}",
        RoutingThen => "puis {groups}",
        RoutingThenAfter => "puis, après {delay} d’attente, {groups}",
        GroupRef => "au groupe « {name} »",
        TypesIntro => {
            "Le niveau de service de chaque type d’appel par intervalle, comparé à son propre objectif (entre parenthèses) ; une ligne où un type est sous son objectif est signalée."
        }
        GroupsIntro => {
            "L’occupation de chaque groupe de conseillers par intervalle : la part de son temps au téléphone passée en appel."
        }
        HowAsa => {
            "L’attente moyenne (ou ASA, vitesse moyenne de réponse) inclut les appelants décrochés sans attente, avec une attente nulle."
        }
    }
}
