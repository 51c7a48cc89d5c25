//! `ccsim backtest LOG SCENARIO`: the log's figures per interval beside the scenario's
//! simulated ones with their bands, a table, `backtest.csv` and a plain verdict; exit 1
//! when the scenario does not reproduce the log.

use std::path::Path;

use crate::calllog::backtest::{compare, observe};
use crate::calllog::read::{map_from_flags, parse_weekday, read_log};
use crate::cli::calllog::BacktestArgs;
use crate::error::{Error, Result};
use crate::settings::SimSettings;

/// What backtest prints, and its verdict (exit 1 when the log is not reproduced).
pub struct BacktestOutput {
    pub text: String,
    pub verdict: Option<Error>,
}

/// Runs `backtest`.
pub fn run(args: &BacktestArgs) -> Result<BacktestOutput> {
    let sim = SimSettings::from_flags(&args.sim)?;
    let sc = sim.load_one(&args.scenario)?;
    if sc.model.single_queue().is_none() {
        return Err(Error::input(format!(
            "{}: expected a scenario with one call type and one agent group (the back-test \
             compares the whole log with one queue), found several",
            args.scenario
        )));
    }
    let weekday = args.weekday.as_deref().map(parse_weekday).transpose()?;
    let (map, policy) = map_from_flags(&args.log_flags)?;
    let log = read_log(&args.log, &map, policy)?;
    log.skipped_summary()
        .iter()
        .for_each(|l| crate::progress::warn(l));
    let days: Vec<usize> = (0..log.days.len())
        .filter(|&d| weekday.is_none() || log.days[d].weekday() == weekday)
        .collect();
    if days.is_empty() {
        return Err(Error::input(format!(
            "{}: expected days of the weekday given with --weekday, found none",
            args.log
        )));
    }
    let obs = observe(&log, &days, &sc.model);
    let result = super::shared::simulate(&sc, &sim)?;
    let bt = compare(&sc.model, &obs, &result.estimates);
    let dir = crate::settings::output_dir(args.out.as_deref(), &sc, "-backtest")?;
    crate::report::output::ensure_dir(&dir)?;
    let csv = bt.csv();
    let mut folder = crate::report::output::OutputFolder::new(&dir);
    folder.add("backtest.csv", csv.as_bytes());
    let charts = if args.no_charts {
        Vec::new()
    } else {
        crate::report::charts::fit::draw_backtest(&bt, &sc.labels.name, args.lang)?
    };
    folder.extend(crate::report::charts::files(&charts));
    folder.commit()?;
    let verdict = bt.verdict();
    let text = if args.csv {
        csv
    } else {
        format!(
            "{} vs {}:\n{}{}\nwrote {}\n",
            args.log,
            args.scenario,
            bt.table(),
            crate::report::term::wrap(&format!("Verdict: {verdict}."), 0),
            Path::new(&dir).join("backtest.csv").display()
        )
    };
    let verdict = (!bt.passes()).then(|| {
        Error::Verdict(format!(
            "backtest: {} does not reproduce {} ({} of {} figures outside the band)",
            args.scenario,
            args.log,
            bt.counts().1,
            bt.counts().0
        ))
    });
    Ok(BacktestOutput { text, verdict })
}
