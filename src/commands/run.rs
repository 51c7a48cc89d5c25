//! `ccsim run`: simulate scenarios, write their results, print a summary.

use crate::report::term::wrap;
use std::path::{Path, PathBuf};

use super::shared;
use crate::cli::RunArgs;
use crate::error::Result;
use crate::progress;
use crate::report::client::ReportOptions;
use crate::report::output::OutputFolder;
use crate::report::{self, RunReport};
use crate::scenario::Scenario;
use crate::settings::{self, SimSettings};
use crate::warnings;

/// Loads every scenario first (so bad input writes nothing), then simulates each.
pub fn run(args: &RunArgs) -> Result<String> {
    let sim = SimSettings::from_flags(&args.sim)?;
    let report_opts = ReportOptions::from_flags(&args.report);
    let scenarios = sim.load(&args.scenarios)?;
    let dirs = output_dirs(&scenarios, args.out.as_deref())?;
    let mut text = String::new();
    let mut summaries = Vec::new();
    for (sc, dir) in scenarios.iter().zip(&dirs) {
        // Warnings print even with --quiet, which only hides the progress bar: they say
        // the results may not mean what the user thinks.
        warnings::scenario_warnings(sc)
            .iter()
            .for_each(|w| progress::warn(w));
        let result = shared::simulate(sc, &sim)?;
        warnings::result_warnings(sc, &result)
            .iter()
            .for_each(|w| progress::warn(w));
        let rep = RunReport {
            scenario: sc,
            result: &result,
        };
        let summary = report::json::summary_value(&rep);
        let mut folder = OutputFolder::new(dir);
        folder.extend(report::run_files(&rep, &summary, args.sheets.csv_locale));
        if args.sheets.xlsx {
            let book = report::sheet::xlsx::workbook(&report::run_tables(&rep))?;
            folder.add("intervals.xlsx", book);
        }
        folder.extend(report::client::files(
            &rep,
            None,
            &report_opts.with_scenario(sc),
        )?);
        folder.commit()?;
        if !args.json {
            text.push_str(&report::table::summary_table(&rep));
            text.push_str(&wrap(
                &format!("Results written to {}/\n\n", dir.display()),
                2,
            ));
        }
        summaries.push(summary);
    }
    if args.json {
        let value = if summaries.len() == 1 {
            summaries.remove(0)
        } else {
            serde_json::Value::Array(summaries)
        };
        text = report::json::to_text(&value);
    }
    Ok(text)
}

/// Where each scenario's results go: `--out` (a sub-folder per scenario when there are
/// several), or `output/<stem>/`.
fn output_dirs(scenarios: &[Scenario], out: Option<&str>) -> Result<Vec<PathBuf>> {
    let out = out.map(settings::checked_out).transpose()?;
    if let (Some(dir), [_]) = (out, scenarios) {
        return Ok(vec![PathBuf::from(dir)]);
    }
    let stems = settings::distinct_folder_names(scenarios, |_| {
        "would write to the same output folder".into()
    })?;
    Ok(stems
        .iter()
        .map(|stem| match out {
            Some(dir) => Path::new(dir).join(stem),
            None => Path::new("output").join(stem),
        })
        .collect())
}
