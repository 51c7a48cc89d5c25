//! `ccsim schedule`: the requirement (computed, or read from `staff`'s staffing.json),
//! the shift rules, the cheapest roster by integer programming, verified and repaired by
//! simulation ([`crate::schedule`]); its files are [`crate::report::schedule`]'s.

use std::time::Instant;

use super::shared;
use crate::cli::ScheduleArgs;
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::report::output::OutputFolder;
use crate::report::schedule::{self as out, Context};
use crate::report::term::wrap;
use crate::schedule::{self, ScheduleOptions, requirement, rules};
use crate::settings::{self, SimSettings};

pub fn run(args: &ScheduleArgs) -> Result<String> {
    let started = Instant::now();
    let sim = SimSettings::from_flags(&args.sim)?;
    let sc = sim.load_one(&args.scenario)?;
    schedule::check_scenario(&sc)?;
    let rules = rules::load(&args.rules, &sc.model.clock)?;
    let dir = settings::output_dir(args.out.as_deref(), &sc, "-schedule")?;
    let scenario_text = crate::scenario::decode_text(
        &args.scenario,
        &crate::scenario::read_input(&args.scenario, "the scenario file")?,
    )?;
    let read = args
        .requirement
        .as_deref()
        .map(|path| requirement::read(path, &sc))
        .transpose()?;
    let cancel = shared::interrupt_flag();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(sim.threads)
        .build()
        .map_err(|e| Error::runtime(format!("cannot start worker threads: {e}")))?;
    let req_started = Instant::now();
    let requirement = match read {
        Some(r) => r,
        None => {
            let spinner = Progress::spinner(
                &format!("{}: requirement by {}", sc.labels.name, args.method.label()),
                sim.quiet,
            );
            let found =
                requirement::compute(&sc, args.method, sim.threads, &cancel, &|| spinner.inc(1));
            spinner.finish();
            found?
        }
    };
    let requirement_time = req_started.elapsed();
    let spinner = Progress::spinner(
        &format!("{}: schedule, verified by simulation", sc.labels.name),
        sim.quiet,
    );
    let found = pool.install(|| {
        schedule::schedule(
            &sc,
            &rules,
            requirement,
            requirement_time,
            &ScheduleOptions {
                cancel: &cancel,
                on_round: &|_| {},
                on_replication: &|| spinner.inc(1),
            },
        )
    });
    spinner.finish();
    let found = found?;
    let cx = Context {
        sc: &sc,
        rules: &rules,
        schedule: &found,
    };
    let json = crate::report::json::to_text(&out::json_value(&cx));
    let chart = if args.no_charts {
        None
    } else {
        Some(crate::report::charts::draw_schedule(&cx, args.lang)?)
    };
    crate::report::output::ensure_dir(&dir)?;
    let mut folder = OutputFolder::new(&dir);
    folder.add("schedule.json", json.as_bytes());
    folder.add("schedule.csv", out::csv_text(&cx));
    folder.add("roster.toml", out::roster_scenario(&cx, &scenario_text));
    folder.add(
        "schedule.md",
        out::markdown(
            &cx,
            args.lang,
            chart.as_ref().map(|c| c.file_name("png")).as_deref(),
        ),
    );
    if let Some(c) = &chart {
        folder.extend(crate::report::charts::files(std::slice::from_ref(c)));
    }
    folder.commit()?;
    if args.json {
        return Ok(json);
    }
    let t = &found.timings;
    let mut text = out::table(&cx);
    text.push_str(&wrap(
        &format!(
            "  Time: requirement {:.1} s, integer program {:.2} s, verification {:.1} s, \
             total {:.1}\u{a0}s\n",
            t.requirement.as_secs_f64(),
            t.solve.as_secs_f64(),
            t.verify.as_secs_f64(),
            started.elapsed().as_secs_f64()
        ),
        2,
    ));
    text.push_str(&wrap(
        &format!("  Results written to {}/\n", dir.display()),
        2,
    ));
    Ok(text)
}
