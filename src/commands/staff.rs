//! `ccsim staff`: required agents per interval, by simulation (default) or by the classic
//! interval-by-interval Erlang C and Erlang A formulas, written as `staffing.json` and
//! `staffing.csv`, with `--compare` putting the three side by side. The staffing itself
//! is [`crate::staffing`]; its formats are [`crate::report::staffing`].

use super::shared;
use crate::cli::StaffArgs;
use crate::error::Result;
use crate::progress::Progress;
use crate::report::client::ReportOptions;
use crate::report::output::Files;
use crate::report::output::OutputFolder;
use crate::report::term::wrap;
use crate::report::{self, RunReport};
use crate::scenario::Scenario;
use crate::settings::{self, SimSettings};
use crate::staffing::{self, Method, StaffOptions, Staffing, StaffingSection};

pub fn run(args: &StaffArgs) -> Result<String> {
    let sim = SimSettings::from_flags(&args.sim)?;
    let report_opts = ReportOptions::from_flags(&args.report);
    let mut sc = sim.load_one(&args.scenario)?;
    let report_opts = report_opts.with_scenario(&sc);
    goals_from_flags(&mut sc, args);
    let dir = settings::output_dir(args.out.as_deref(), &sc, "-staff")?;
    if sc.model.is_multi() {
        return run_groups(args, &sc, &sim, &report_opts, &dir);
    }
    let methods = if args.compare {
        Method::compared(&sc.model)
    } else {
        vec![args.method]
    };
    let results = methods
        .iter()
        .map(|&m| staff(&sc, m, &sim))
        .collect::<Result<Vec<_>>>()?;
    let main = results
        .iter()
        .find(|r| r.method == args.method)
        .unwrap_or(&results[results.len() - 1]);
    let planned_run = shared::simulate(&sc, &sim)?;
    let cancel = shared::interrupt_flag();
    let planned = staffing::planned_figures(
        &sc,
        &planned_run,
        &StaffOptions {
            threads: sim.threads,
            cancel: &cancel,
            on_evaluation: &|| {},
            on_progress: &|_| {},
        },
    )?;
    let cx = report::staffing::Context {
        sc: &sc,
        planned: &planned,
        compared: &results,
        compare: args.compare,
    };
    let json = report::json::to_text(&report::staffing::json_value(&cx, main));
    crate::report::output::ensure_dir(&dir)?;
    let mut folder = OutputFolder::new(&dir);
    folder.add("staffing.json", json.as_bytes());
    folder.add(
        "staffing.csv",
        report::staffing::csv_text(&cx, main, args.sheets.csv_locale),
    );
    folder.extend(report_files(
        &sc,
        main,
        (&planned_run, &planned),
        &report_opts,
        args.sheets.csv_locale,
    )?);
    if args.sheets.xlsx {
        // The staffing, then the planned run's intervals (as in intervals.csv beside it).
        let rep = RunReport {
            scenario: &sc,
            result: &planned_run,
        };
        let mut tables = vec![report::staffing::sheet(&cx, main)];
        tables.extend(report::run_tables(&rep));
        folder.add("staffing.xlsx", report::sheet::xlsx::workbook(&tables)?);
    }
    folder.commit()?;
    if args.json {
        return Ok(json);
    }
    let mut text = if args.compare {
        report::staffing::comparison_table(&cx)
    } else {
        report::staffing::table(&cx, main)
    };
    text.push_str(&wrap(
        &format!("Results written to {}/\n", dir.display()),
        2,
    ));
    Ok(text)
}

/// Goals given as flags override the scenario's `[goals]`.
fn goals_from_flags(sc: &mut Scenario, args: &StaffArgs) {
    let g = &mut sc.model.goals;
    g.max_abandon_rate = args.max_abandon_rate.or(g.max_abandon_rate);
    g.max_asa_s = args.max_asa.or(g.max_asa_s);
    g.max_occupancy = args.max_occupancy.or(g.max_occupancy);
    g.confidence = args.confidence.or(g.confidence);
}

/// Staffs a scenario by one method, with a spinner for the search or a progress bar for
/// the simulation of an analytic answer.
fn staff(sc: &Scenario, method: Method, sim: &SimSettings) -> Result<Staffing> {
    let cancel = shared::interrupt_flag();
    let (spinner, bar) = match method {
        Method::Sim => (
            Some(Progress::spinner(
                &format!("{}: staffing by simulation", sc.labels.name),
                sim.quiet,
            )),
            None,
        ),
        _ => (
            None,
            Some(Progress::new(
                sc.experiment.replications,
                &sc.labels.name,
                sim.quiet,
            )),
        ),
    };
    let on_evaluation = || spinner.iter().for_each(|p| p.inc(1));
    let on_progress = |n: u64| bar.iter().for_each(|p| p.inc(n));
    let found = staffing::staff(
        sc,
        method,
        &StaffOptions {
            threads: sim.threads,
            cancel: &cancel,
            on_evaluation: &on_evaluation,
            on_progress: &on_progress,
        },
    );
    spinner.iter().chain(bar.iter()).for_each(Progress::finish);
    found
}

/// Simulates the planned staffing and writes its results with the client report, which
/// then shows the required agents beside the planned ones and Erlang C's answer.
fn report_files(
    sc: &Scenario,
    main: &Staffing,
    (planned, planned_figures): (&crate::replicate::RunResult, &staffing::Figures),
    opts: &ReportOptions,
    locale: report::sheet::CsvLocale,
) -> Result<Files> {
    let rep = RunReport {
        scenario: sc,
        result: planned,
    };
    let mut files = report::run_files(&rep, &report::json::summary_value(&rep), locale);
    let section = StaffingSection::new(sc, main, Some(planned_figures));
    files.extend(report::client::files(&rep, Some(&section), opts)?);
    Ok(files)
}

/// `staff` for several call types and agent groups: agents per group by simulation, the
/// two-step method beside it, the centre's figures in the one-queue layout, then per
/// group and per call type.
fn run_groups(
    args: &StaffArgs,
    sc: &Scenario,
    sim: &SimSettings,
    report_opts: &ReportOptions,
    dir: &std::path::Path,
) -> Result<String> {
    if args.compare || args.method != Method::Sim {
        return Err(crate::error::Error::input(format!(
            "{}: --method {} / --compare: for several call types `staff` searches by \
             simulation and always shows the two-step method (Erlang C per call type, \
             then the cheapest groups) beside it; leave out --method and --compare",
            sc.labels.path,
            args.method.key()
        )));
    }
    let cancel = shared::interrupt_flag();
    let spinner = Progress::spinner(
        &format!("{}: staffing by simulation", sc.labels.name),
        sim.quiet,
    );
    let on_evaluation = || spinner.inc(1);
    let found = staffing::staff_groups(sc, sim.threads, &cancel, &on_evaluation);
    spinner.finish();
    let found = found?;
    let main = found.as_staffing();
    let compared = [main.clone()];
    let cx = report::staffing::Context {
        sc,
        planned: &found.planned.figures,
        compared: &compared,
        compare: false,
    };
    let json = report::json::to_text(&report::staffing::groups_json_value(&cx, &found));
    crate::report::output::ensure_dir(dir)?;
    let mut folder = OutputFolder::new(dir);
    folder.add("staffing.json", json.as_bytes());
    folder.add(
        "staffing.csv",
        report::staffing::groups_csv_text(&cx, &found, args.sheets.csv_locale),
    );
    folder.extend(report_files(
        sc,
        &main,
        (&found.planned.result, &found.planned.figures),
        report_opts,
        args.sheets.csv_locale,
    )?);
    if args.sheets.xlsx {
        // As for one queue: the staffing, then the planned run's intervals.
        let rep = RunReport {
            scenario: sc,
            result: &found.planned.result,
        };
        let mut tables = vec![report::staffing::groups_sheet(&cx, &found)];
        tables.extend(report::run_tables(&rep));
        folder.add("staffing.xlsx", report::sheet::xlsx::workbook(&tables)?);
    }
    folder.commit()?;
    if args.json {
        return Ok(json);
    }
    let mut text = report::staffing::groups_table(&cx, &found);
    text.push_str(&wrap(
        &format!("Results written to {}/\n", dir.display()),
        2,
    ));
    Ok(text)
}
