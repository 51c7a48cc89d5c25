//! `ccsim schedule`: from the requirement (agents per interval, by `staff`'s search or
//! read from its staffing.json) and shift rules to the cheapest roster, proved by
//! simulation.
//!
//! * [`rules`]: the shift-rules file;
//! * [`program`]: the integer program (coverage rule, LP bound) and its solution;
//! * [`repair`]: simulating the roster, judging every interval on `staff`'s goals, and
//!   adding the cheapest shift where one misses.
//!
//! The formats written (schedule.csv, schedule.json, the roster as a scenario, the chart
//! and the report) are in [`crate::report::schedule`].

pub mod program;
pub mod repair;
pub mod requirement;
pub mod rules;

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::model::Roster;
use crate::scenario::Scenario;
pub use program::{Program, Solved};
pub use repair::{Judged, Repaired};
pub use requirement::Requirement;
pub use rules::ShiftRules;

/// A schedule: the program, its optimum, and the verified (repaired) roster.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub requirement: Requirement,
    pub program: Program,
    /// The integer program's optimum, before repair.
    pub solved: Solved,
    /// The final schedule, verified by simulation.
    pub repaired: Repaired,
    /// The final roster (one shift per column used).
    pub roster: Roster,
    pub timings: Timings,
}

/// Wall-clock time of each step (shown on the terminal, never written to files, which
/// must not depend on the machine).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub requirement: Duration,
    pub solve: Duration,
    pub verify: Duration,
}

/// Progress callbacks.
pub struct ScheduleOptions<'a> {
    pub cancel: &'a AtomicBool,
    /// Told the number of each verification round before it is simulated.
    pub on_round: &'a (dyn Fn(usize) + Sync),
    pub on_replication: &'a (dyn Fn() + Sync),
}

/// Refuses scenarios `schedule` cannot handle yet: several agent groups.
pub fn check_scenario(sc: &Scenario) -> Result<()> {
    if sc.model.agent_groups.len() != 1 {
        return Err(Error::input(format!(
            "{}: `ccsim schedule` rosters one agent group; expected a scenario with one \
             group, found {} ([[agent_groups]]); schedule each group from a one-group \
             scenario for now",
            sc.labels.path,
            sc.model.agent_groups.len()
        )));
    }
    Ok(())
}

/// Schedules `sc` with `rules` for `requirement`: the integer program, then verification
/// and repair by simulation on the current rayon pool.
pub fn schedule(
    sc: &Scenario,
    rules: &ShiftRules,
    requirement: Requirement,
    requirement_time: Duration,
    opts: &ScheduleOptions<'_>,
) -> Result<Schedule> {
    check_scenario(sc)?;
    let started = Instant::now();
    let program = Program::new(rules, &sc.model.clock, &requirement.agents)?;
    let solved = program.solve(rules)?;
    let solve = started.elapsed();
    let started = Instant::now();
    let repaired = repair::verify_and_repair(
        sc,
        &program,
        solved.counts.clone(),
        opts.cancel,
        opts.on_round,
        opts.on_replication,
    )?;
    let roster = program.roster(&repaired.counts);
    Ok(Schedule {
        requirement,
        program,
        solved,
        roster,
        repaired,
        timings: Timings {
            requirement: requirement_time,
            solve,
            verify: started.elapsed(),
        },
    })
}
