//! Judging staffing candidates against the goals, fast: a candidate differs from the
//! current staffing in a few intervals, and a change in interval `i` only disturbs the
//! calls from the first arrival whose answer looked at `i`'s staffing until the two
//! days' queues are alike again (the backlog has cleared). So each replication of the
//! current staffing keeps its per-interval counts and a checkpoint at every interval
//! start; a candidate is replayed from the checkpoint before the change until it is in
//! the same state as the current day at a later checkpoint, and the current day is
//! replayed over the same span: the candidate's counts are the current ones minus the
//! current replay's plus the candidate's. The cost of a candidate is then the length of
//! the disturbance, not of the day, and a whole search grows about linearly with the
//! number of intervals.
//!
//! Counts are exact integers; sums of waits and agent time may differ from a full
//! simulation of the candidate by rounding (about 1e-13 relative), so the search checks
//! its final answer with a fresh simulation. Models the recursion cannot run (several
//! call types) are simulated in full for every candidate instead.

use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use super::goals::GoalSet;
use crate::engine::{self, Checkpoint, Record, Replay, Trace, Until, Workspace};
use crate::error::{Error, Result};
use crate::model::Staffing;
use crate::scenario::Scenario;
use crate::stats::{IntervalTally, Tally};

/// Per-interval counts of one replication without wait histograms (the goals need none):
/// a whole day's, or what a replay adds.
#[derive(Debug, Clone)]
struct Counts {
    threshold_s: f64,
    intervals: usize,
    slots: Vec<IntervalTally>,
    /// The slots written since the last reset: `lo..hi`.
    lo: usize,
    hi: usize,
}

impl Counts {
    fn new(intervals: usize, threshold_s: f64) -> Counts {
        Counts {
            threshold_s,
            intervals,
            slots: vec![IntervalTally::default(); intervals + 1],
            lo: usize::MAX,
            hi: 0,
        }
    }

    fn reset(&mut self) {
        if self.lo < self.hi {
            self.slots[self.lo..self.hi].fill(IntervalTally::default());
        }
        self.lo = usize::MAX;
        self.hi = 0;
    }

    #[inline]
    fn slot(&mut self, slot: usize) -> &mut IntervalTally {
        self.lo = self.lo.min(slot);
        self.hi = self.hi.max(slot + 1);
        &mut self.slots[slot]
    }

    fn touched(&self) -> std::ops::Range<usize> {
        if self.lo < self.hi {
            self.lo..self.hi
        } else {
            0..0
        }
    }
}

impl Record for Counts {
    #[inline]
    fn offered(&mut self, slot: usize) {
        self.slot(slot).offered += 1;
    }
    #[inline]
    fn answered(&mut self, slot: usize, wait_s: f64) {
        let within = (wait_s <= self.threshold_s) as u64;
        let s = self.slot(slot);
        s.answered += 1;
        s.answered_within += within;
        s.wait_sum += wait_s;
    }
    #[inline]
    fn abandoned(&mut self, slot: usize, wait_s: f64) {
        let within = (wait_s <= self.threshold_s) as u64;
        let s = self.slot(slot);
        s.abandoned += 1;
        s.abandoned_within += within;
    }
    #[inline]
    fn blocked(&mut self, slot: usize) {
        self.slot(slot).blocked += 1;
    }
    #[inline]
    fn agent_time(&mut self, slot: usize, busy: f64, staffed: f64) {
        let s = self.slot(slot);
        s.busy_time += busy;
        s.staffed_time += staffed;
    }
    fn sink(&self) -> usize {
        self.intervals
    }
    // Replays run only without redials, where callers are calls.
    fn caller(&mut self, _: usize) {}
    fn caller_answered(&mut self, _: usize, _: f64) {}
    fn redialer(&mut self, _: usize) {}
}

/// One replication of the current staffing.
struct Day {
    /// Counts per slot (the intervals, then the warm-up sink).
    counts: Vec<IntervalTally>,
    /// Checkpoints at each interval's start and after the last arrival (incremental only).
    checkpoints: Vec<Checkpoint>,
    /// Per roster step: the checkpoint to replay from when that step changes.
    resume_from: Vec<u32>,
}

/// A candidate's result in one replication: the slots it changes, and (to adopt it) the
/// replay's checkpoints and steps.
struct RepResult {
    slots: Vec<(usize, IntervalTally)>,
    trace: Option<Trace>,
}

/// A judged candidate staffing.
pub struct Candidate {
    pub agents: Vec<u32>,
    /// Whether it meets every goal in every interval.
    pub meets: bool,
    reps: Vec<RepResult>,
    /// Intervals whose counts differ from the current staffing's in some replication.
    affected: Vec<usize>,
}

/// The current staffing, its simulated days, and candidates judged against it.
pub struct Evaluator<'a> {
    sc: &'a Scenario,
    pub goals: GoalSet,
    cancel: &'a AtomicBool,
    on_evaluation: &'a (dyn Fn() + Sync),
    incremental: bool,
    pub agents: Vec<u32>,
    roster: Staffing,
    days: Vec<Day>,
    /// Per interval: whether the current staffing misses some goal there.
    failing: Vec<bool>,
    pub evaluations: u64,
}

impl<'a> Evaluator<'a> {
    /// Simulates `agents` in full (replications in parallel on the current pool).
    pub fn new(
        sc: &'a Scenario,
        goals: GoalSet,
        agents: Vec<u32>,
        cancel: &'a AtomicBool,
        on_evaluation: &'a (dyn Fn() + Sync),
    ) -> Result<Evaluator<'a>> {
        let mut ev = Evaluator {
            sc,
            goals,
            cancel,
            on_evaluation,
            // Replays need a roster shared by every replication and arrivals that do not
            // depend on the staffing: days with absent agents or redials are simulated
            // in full.
            incremental: sc
                .model
                .single_queue()
                .is_some_and(|(calls, group)| group.absence == 0.0 && calls.redial.is_none()),
            roster: Staffing::per_interval(&sc.model.clock, &agents),
            agents,
            days: vec![],
            failing: vec![],
            evaluations: 0,
        };
        ev.rebuild()?;
        Ok(ev)
    }

    fn n(&self) -> usize {
        self.sc.model.intervals()
    }

    /// The scenario staffed.
    pub fn scenario(&self) -> &'a Scenario {
        self.sc
    }

    /// Simulates the current staffing afresh, every replication from the start.
    pub fn rebuild(&mut self) -> Result<()> {
        self.check_cancel()?;
        let sc = self.sc;
        let candidate = super::with_agents(sc, &self.agents)?;
        let reps = sc.experiment.replications;
        let roster = &self.roster;
        let incremental = self.incremental;
        let days: Vec<Day> = (0..reps)
            .into_par_iter()
            .map_init(
                || (Workspace::default(), Trace::default()),
                |(ws, trace), rep| {
                    if incremental {
                        let mut counts =
                            Counts::new(sc.model.intervals(), sc.model.service_level.threshold_s);
                        let how = Replay {
                            replication: rep,
                            from: None,
                            until: Until::End,
                            rostered: true,
                        };
                        engine::replay(
                            &sc.model,
                            roster,
                            &sc.experiment,
                            how,
                            &mut counts,
                            ws,
                            trace,
                        );
                        let mut resume_from = vec![0u32; sc.model.intervals()];
                        for &(step, cp) in &trace.applied {
                            resume_from[step as usize] = cp;
                        }
                        (
                            Day {
                                counts: counts.slots,
                                checkpoints: std::mem::take(&mut trace.checkpoints),
                                resume_from,
                            },
                            trace.outcome.stranded,
                        )
                    } else {
                        let mut tally =
                            Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s);
                        let o =
                            engine::simulate(&candidate.model, &sc.experiment, rep, &mut tally, ws);
                        (
                            Day {
                                counts: tally.slots,
                                checkpoints: vec![],
                                resume_from: vec![],
                            },
                            o.stranded,
                        )
                    }
                },
            )
            .map(|(day, stranded)| {
                if stranded > 0 {
                    Err(Error::input(format!(
                        "{}: the queue can never drain with {} agents in the last interval \
                         and nobody hanging up",
                        sc.labels.path,
                        self.agents[self.agents.len() - 1]
                    )))
                } else {
                    Ok(day)
                }
            })
            .collect::<Result<_>>()?;
        self.days = days;
        self.failing = (0..self.n()).map(|i| !self.meets_current(i)).collect();
        self.evaluations += 1;
        (self.on_evaluation)();
        Ok(())
    }

    fn check_cancel(&self) -> Result<()> {
        super::stop_if_cancelled(self.cancel, self.sc)
    }

    fn meets_current(&self, i: usize) -> bool {
        self.goals
            .interval_meets(self.days.iter().map(|d| &d.counts[i]))
    }

    /// Intervals where the current staffing misses some goal.
    pub fn failing(&self) -> Vec<usize> {
        (0..self.n()).filter(|&i| self.failing[i]).collect()
    }

    /// Counts of interval `i` in each replication of the current staffing.
    pub fn interval_counts(&self, i: usize) -> impl Iterator<Item = &IntervalTally> {
        self.days.iter().map(move |d| &d.counts[i])
    }

    /// Sets the current staffing and simulates it afresh.
    pub fn set_agents(&mut self, agents: Vec<u32>) -> Result<()> {
        self.roster = Staffing::per_interval(&self.sc.model.clock, &agents);
        self.agents = agents;
        self.rebuild()
    }

    /// Judges the current staffing with `changes` (interval, agents) made to it.
    pub fn evaluate(&mut self, changes: &[(usize, u32)]) -> Result<Candidate> {
        self.check_cancel()?;
        let mut agents = self.agents.clone();
        for &(i, a) in changes {
            agents[i] = a;
        }
        let lo = changes.iter().map(|c| c.0).min().expect("a change");
        let hi = changes.iter().map(|c| c.0).max().expect("a change");
        let reps = if self.incremental {
            self.replay_all(&agents, lo, hi)
        } else {
            self.simulate_all(&agents)?
        };
        let mut affected: Vec<usize> = reps
            .iter()
            .flat_map(|r| r.slots.iter().map(|s| s.0))
            .filter(|&s| s < self.n())
            .collect();
        affected.sort_unstable();
        affected.dedup();
        let meets = self.all_meet(&reps, &affected);
        self.evaluations += 1;
        (self.on_evaluation)();
        Ok(Candidate {
            agents,
            meets,
            reps,
            affected,
        })
    }

    /// Whether every interval meets every goal with the candidate's counts.
    fn all_meet(&self, reps: &[RepResult], affected: &[usize]) -> bool {
        let outside_ok = (0..self.n())
            .filter(|&i| self.failing[i])
            .all(|i| affected.binary_search(&i).is_ok());
        outside_ok
            && affected.iter().all(|&i| {
                let counts = self.days.iter().zip(reps).map(|(d, r)| {
                    match r.slots.binary_search_by_key(&i, |s| s.0) {
                        Ok(k) => &r.slots[k].1,
                        Err(_) => &d.counts[i],
                    }
                });
                self.goals.interval_meets(counts)
            })
    }

    /// Makes the candidate the current staffing.
    pub fn accept(&mut self, c: Candidate) {
        for (day, rep) in self.days.iter_mut().zip(c.reps) {
            for (slot, t) in rep.slots {
                day.counts[slot] = t;
            }
            if let Some(trace) = rep.trace {
                let first = trace.first;
                for (k, cp) in trace.checkpoints.into_iter().enumerate() {
                    day.checkpoints[first + k] = cp;
                }
                for (step, cp) in trace.applied {
                    day.resume_from[step as usize] = cp;
                }
            }
        }
        self.roster = Staffing::per_interval(&self.sc.model.clock, &c.agents);
        self.agents = c.agents;
        for i in c.affected {
            self.failing[i] = !self.meets_current(i);
        }
    }

    /// Replays every replication of the candidate `agents` (changed in `lo..=hi`).
    fn replay_all(&self, agents: &[u32], lo: usize, hi: usize) -> Vec<RepResult> {
        let sc = self.sc;
        let cand_roster = Staffing::per_interval(&sc.model.clock, agents);
        let roster_delta = self.roster_delta(&cand_roster, lo, hi);
        let n = self.n();
        let threshold = sc.model.service_level.threshold_s;
        self.days
            .par_iter()
            .enumerate()
            .map_init(
                || {
                    (
                        Workspace::default(),
                        Counts::new(n, threshold),
                        Counts::new(n, threshold),
                        Trace::default(),
                    )
                },
                |(ws, cand, base, base_trace), (rep, day)| {
                    cand.reset();
                    base.reset();
                    let from = (lo > 0).then(|| {
                        let s = day.resume_from[lo] as usize;
                        (s, &day.checkpoints[s])
                    });
                    let mut trace = Trace::default();
                    let how = Replay {
                        replication: rep as u64,
                        from,
                        until: Until::Coupled {
                            base: &day.checkpoints,
                            after: hi,
                        },
                        rostered: false,
                    };
                    engine::replay(
                        &sc.model,
                        &cand_roster,
                        &sc.experiment,
                        how,
                        cand,
                        ws,
                        &mut trace,
                    );
                    let until = if trace.stopped_at > n {
                        Until::End
                    } else {
                        Until::Checkpoint(trace.stopped_at)
                    };
                    let how = Replay {
                        replication: rep as u64,
                        from,
                        until,
                        rostered: false,
                    };
                    engine::replay(
                        &sc.model,
                        &self.roster,
                        &sc.experiment,
                        how,
                        base,
                        ws,
                        base_trace,
                    );
                    let touched = union(cand.touched(), base.touched());
                    let mut slots: Vec<(usize, IntervalTally)> = touched
                        .map(|s| {
                            (
                                s,
                                difference(&day.counts[s], &base.slots[s], &cand.slots[s]),
                            )
                        })
                        .collect();
                    for &(i, staffed) in &roster_delta {
                        match slots.binary_search_by_key(&i, |s| s.0) {
                            Ok(k) => slots[k].1.staffed_time += staffed,
                            Err(k) => {
                                let mut t = day.counts[i].clone();
                                t.staffed_time += staffed;
                                slots.insert(k, (i, t));
                            }
                        }
                    }
                    RepResult {
                        slots,
                        trace: Some(trace),
                    }
                },
            )
            .collect()
    }

    /// Rostered agent time the candidate adds in each changed interval (counted part only,
    /// as the engine counts it).
    fn roster_delta(&self, cand: &Staffing, lo: usize, hi: usize) -> Vec<(usize, f64)> {
        let clock = &self.sc.model.clock;
        let warmup = self.sc.experiment.warmup_s;
        (lo..=hi)
            .filter_map(|i| {
                let (a, b) = clock.bounds(i);
                let (a, b) = (a.max(warmup), b.min(clock.horizon_s));
                (b > a && self.agents[i] != cand.agents_of_step(i)).then(|| {
                    (
                        i,
                        cand.agent_seconds(a, b) - self.roster.agent_seconds(a, b),
                    )
                })
            })
            .collect()
    }

    /// Simulates every replication of the candidate in full (models the recursion cannot run).
    fn simulate_all(&self, agents: &[u32]) -> Result<Vec<RepResult>> {
        let sc = self.sc;
        let candidate = super::with_agents(sc, agents)?;
        Ok((0..sc.experiment.replications)
            .into_par_iter()
            .map_init(
                || {
                    (
                        Workspace::default(),
                        Tally::new(sc.model.intervals(), sc.model.service_level.threshold_s),
                    )
                },
                |(ws, tally), rep| {
                    engine::simulate(&candidate.model, &sc.experiment, rep, tally, ws);
                    RepResult {
                        slots: tally.slots.iter().cloned().enumerate().collect(),
                        trace: None,
                    }
                },
            )
            .collect())
    }
}

fn union(a: std::ops::Range<usize>, b: std::ops::Range<usize>) -> std::ops::Range<usize> {
    match (a.is_empty(), b.is_empty()) {
        (true, _) => b,
        (_, true) => a,
        _ => a.start.min(b.start)..a.end.max(b.end),
    }
}

/// `current − replayed current + replayed candidate`: one slot's candidate counts.
fn difference(
    current: &IntervalTally,
    base: &IntervalTally,
    cand: &IntervalTally,
) -> IntervalTally {
    IntervalTally {
        offered: current.offered + cand.offered - base.offered,
        answered: current.answered + cand.answered - base.answered,
        abandoned: current.abandoned + cand.abandoned - base.abandoned,
        blocked: current.blocked + cand.blocked - base.blocked,
        answered_within: current.answered_within + cand.answered_within - base.answered_within,
        abandoned_within: current.abandoned_within + cand.abandoned_within - base.abandoned_within,
        wait_sum: current.wait_sum - base.wait_sum + cand.wait_sum,
        busy_time: current.busy_time - base.busy_time + cand.busy_time,
        staffed_time: current.staffed_time - base.staffed_time + cand.staffed_time,
        ..current.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::staffing::with_agents;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    /// A candidate judged by replay has the counts of a full simulation of it: the same
    /// integers, and sums equal up to rounding.
    fn replay_matches_full_simulation(path: &str, lines: Option<u32>, warmup_s: f64) {
        replay_matches_full_simulation_of(path, lines, warmup_s, false);
    }

    fn replay_matches_full_simulation_of(
        path: &str,
        lines: Option<u32>,
        warmup_s: f64,
        busy: bool,
    ) {
        let mut sc =
            crate::scenario::load(&format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        sc.experiment.replications = 12;
        sc.experiment.warmup_s = warmup_s;
        sc.model.lines = lines;
        if busy {
            sc.model.call_types[0].busyness = crate::model::Busyness {
                day_cv: 0.1,
                interval_cv: 0.1,
            };
        }
        let cancel = AtomicBool::new(false);
        let planned = sc.model.agents_per_interval();
        let n = planned.len();
        let mut ev = Evaluator::new(&sc, GoalSet::of(&sc.model), planned, &cancel, &|| {}).unwrap();
        let cases: Vec<Vec<(usize, i64)>> = vec![
            vec![(0, -1)],
            vec![(1, -2)],
            vec![(n / 2, -3)],
            vec![(n / 2, 2), (n / 2 + 1, -2)],
            vec![(n - 1, -1)],
            vec![(n / 3, -1), (n / 3 + 2, 1)],
        ];
        for (case, changes) in cases.iter().enumerate() {
            let mut changes: Vec<(usize, u32)> = changes
                .iter()
                .map(|&(i, d)| (i.min(n - 1), d))
                .map(|(i, d)| (i, (ev.agents[i] as i64 + d).max(1) as u32))
                .collect();
            changes.dedup_by_key(|c| c.0);
            let c = ev.evaluate(&changes).unwrap();
            let full = with_agents(&sc, &c.agents).unwrap();
            for (rep, r) in c.reps.iter().enumerate() {
                let mut tally = Tally::new(n, sc.model.service_level.threshold_s);
                let mut ws = Workspace::default();
                engine::simulate(&full.model, &sc.experiment, rep as u64, &mut tally, &mut ws);
                for i in 0..=n {
                    let got = match r.slots.binary_search_by_key(&i, |s| s.0) {
                        Ok(k) => &r.slots[k].1,
                        Err(_) => &ev.days[rep].counts[i],
                    };
                    let want = &tally.slots[i];
                    let ctx = format!("{path} case {case} rep {rep} slot {i}: {got:?} vs {want:?}");
                    assert_eq!(
                        (got.offered, got.answered, got.abandoned, got.blocked),
                        (want.offered, want.answered, want.abandoned, want.blocked),
                        "{ctx}"
                    );
                    assert_eq!(
                        (got.answered_within, got.abandoned_within),
                        (want.answered_within, want.abandoned_within),
                        "{ctx}"
                    );
                    assert!(close(got.wait_sum, want.wait_sum), "{ctx}");
                    assert!(close(got.busy_time, want.busy_time), "{ctx}");
                    assert!(close(got.staffed_time, want.staffed_time), "{ctx}");
                }
            }
            // Adopting every other candidate keeps later replays exact too.
            if case % 2 == 0 {
                ev.accept(c);
            }
        }
    }

    #[test]
    fn replays_match_full_simulations() {
        replay_matches_full_simulation("scenarios/retail-day.toml", None, 0.0);
        replay_matches_full_simulation("scenarios/small-business.toml", None, 0.0);
        replay_matches_full_simulation("scenarios/retail-day.toml", Some(30), 3600.0);
        replay_matches_full_simulation("scenarios/erlang-c-textbook.toml", None, 0.0);
        // Busy days: the arrivals' busyness factors are part of the checkpoint.
        replay_matches_full_simulation_of("scenarios/retail-day.toml", None, 0.0, true);
    }
}
