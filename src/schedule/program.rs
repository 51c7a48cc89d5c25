//! The integer program of `ccsim schedule`: how many agents work each shift (shift type,
//! start time and placement of its breaks) so that every interval's coverage meets the
//! requirement at least cost.
//!
//! **Coverage rule.** An agent covers an interval by the share of it spent on the phones
//! (on shift and not on a break, breaks at their planned times): an agent on a 15-minute
//! break in a 30-minute interval covers half of it. An interval is covered when the sum
//! of these shares (the time-weighted mean of agents on the phones, what the simulation
//! reports as the interval's `agents` with shifts) is at least the required agents. The
//! rule is exact for the agent-time the requirement asks for; it cannot see that half an
//! agent for a whole interval and a whole agent for half of it serve callers differently,
//! which is what the simulation that follows judges and repairs.
//!
//! **Program.** Variables: `x_v` ≥ 0 integer, agents on column `v` (one per shift type,
//! start and break placement); for shift types with `min_agents` above 1, a binary `y_g`
//! per start `g` (the start is used or not). Constraints: per interval with a requirement,
//! `Σ_v cover(v, i)·x_v ≥ required_i`; per start `g`, `Σ_{v∈g} x_v ≤ max_g` (times `y_g`
//! with a minimum, and `Σ x_v ≥ min_g·y_g`). Objective: `Σ_v cost_v·x_v` with `cost_v` the
//! shift's paid hours times its cost per hour. Solved by branch and bound (microlp, pure
//! Rust) with a node budget rather than a time limit so that the answer is the same on
//! every machine; the LP relaxation's optimum is a lower bound on any schedule's cost.

use std::time::{Duration, Instant};

use microlp::{ComparisonOp, OptimizationDirection, Problem, SolveOptions, Variable};

use super::rules::{ShiftRules, hours};
use crate::error::{Error, Result};
use crate::model::{Break, Clock, Roster, Shift, clock_label};

/// Branch-and-bound nodes at most: beyond, the best schedule found is kept and the gap
/// to the bound reported.
pub const NODE_LIMIT: u64 = 10_000;

/// One way of working: a shift type starting at a time, with its breaks placed.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Index into the rules' shift types.
    pub shift_type: usize,
    /// Index into [`Program::groups`]: the (shift type, start) it belongs to.
    pub group: usize,
    pub start_s: f64,
    pub end_s: f64,
    /// (start, length) of each break, simulated seconds.
    pub breaks: Vec<(f64, f64)>,
    /// Cost of one agent on it.
    pub cost: f64,
    pub paid_hours: f64,
    /// (interval, share of the interval on the phones), for intervals it touches.
    pub coverage: Vec<(usize, f64)>,
}

/// The agents of one (shift type, start): at most `max`, and 0 or at least `min`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Group {
    pub min: u32,
    pub max: u32,
}

/// The program's data: columns, their groups, and the requirement per interval.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub columns: Vec<Column>,
    pub groups: Vec<Group>,
    pub required: Vec<u32>,
}

/// A solved program.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    /// Agents per column.
    pub counts: Vec<u32>,
    pub cost: f64,
    /// The LP relaxation's optimum: no schedule costs less.
    pub lp_bound: f64,
    pub variables: usize,
    pub constraints: usize,
    /// Branch-and-bound nodes solved.
    pub nodes: u64,
    /// Whether optimality was proved (else the node budget ended the search).
    pub optimal: bool,
    pub solve_time: Duration,
}

impl Column {
    /// Agents of this column on the phones in interval `i`, per agent.
    pub fn cover(&self, i: usize) -> f64 {
        self.coverage.iter().find(|c| c.0 == i).map_or(0.0, |c| c.1)
    }

    /// This column as one roster shift of `count` agents, breaks at fixed times.
    pub fn shift(&self, count: u32) -> Shift {
        Shift {
            start_s: self.start_s,
            end_s: self.end_s,
            count,
            breaks: self
                .breaks
                .iter()
                .map(|&(start_s, length_s)| Break {
                    start_s,
                    length_s,
                    window_s: 0.0,
                })
                .collect(),
        }
    }
}

impl Program {
    /// The columns of `rules` over the day of `clock`, for the requirement `required`
    /// (agents per interval). Refuses requirements no shift can cover.
    pub fn new(rules: &ShiftRules, clock: &Clock, required: &[u32]) -> Result<Program> {
        let mut columns = Vec::new();
        let mut groups = Vec::new();
        let peak = required.iter().copied().max().unwrap_or(0);
        for (k, ty) in rules.types.iter().enumerate() {
            for &start in &ty.starts {
                let group = groups.len();
                let first = columns.len();
                for placement in ty.placements() {
                    let breaks: Vec<(f64, f64)> = placement
                        .iter()
                        .zip(&ty.breaks)
                        .map(|(&o, b)| (start + o, b.length_s))
                        .collect();
                    let mut col = Column {
                        shift_type: k,
                        group,
                        start_s: start,
                        end_s: start + ty.length_s,
                        breaks,
                        cost: ty.paid_hours() * ty.cost_per_hour,
                        paid_hours: ty.paid_hours(),
                        coverage: vec![],
                    };
                    col.coverage = coverage_of(&col, clock);
                    columns.push(col);
                }
                // Without a maximum: more agents than ⌈peak ÷ smallest share⌉ + 1 on one
                // start never help (one fewer still covers every interval it touches).
                let smallest = columns[first..]
                    .iter()
                    .flat_map(|c| c.coverage.iter().map(|x| x.1))
                    .fold(1.0f64, f64::min)
                    .max(1e-3);
                let bound = (f64::from(peak) / smallest).ceil() as u32 + 1;
                groups.push(Group {
                    min: ty.min_agents,
                    max: ty.max_agents.unwrap_or(bound.max(ty.min_agents)),
                });
            }
        }
        let p = Program {
            columns,
            groups,
            required: required.to_vec(),
        };
        p.check_coverable(rules, clock)?;
        Ok(p)
    }

    /// Every interval's requirement can be covered with every start at its maximum.
    fn check_coverable(&self, rules: &ShiftRules, clock: &Clock) -> Result<()> {
        let n = self.required.len();
        let mut most = vec![0.0f64; n];
        for (g, group) in self.groups.iter().enumerate() {
            for (i, m) in most.iter_mut().enumerate() {
                let best = self
                    .columns
                    .iter()
                    .filter(|c| c.group == g)
                    .map(|c| c.cover(i))
                    .fold(0.0, f64::max);
                *m += best * f64::from(group.max);
            }
        }
        for (i, (&m, &r)) in most.iter().zip(&self.required).enumerate() {
            if m + 1e-9 < f64::from(r) {
                let label = clock.label(i);
                return Err(Error::input(format!(
                    "{}: the shift rules cannot cover {label}: expected shifts that put {r} \
                     agents on the phones there, found {}; allow starts (`earliest`, \
                     `latest`) or lengths that reach {label}, or raise `max_agents`",
                    rules.path,
                    if m == 0.0 {
                        "no shift working then".to_string()
                    } else {
                        format!("at most {m:.1} with every shift at its max_agents")
                    }
                )));
            }
        }
        Ok(())
    }

    /// The roster of a solution: one shift per column used, in column order.
    pub fn roster(&self, counts: &[u32]) -> Roster {
        Roster {
            shifts: self
                .columns
                .iter()
                .zip(counts)
                .filter(|(_, n)| **n > 0)
                .map(|(c, &n)| c.shift(n))
                .collect(),
        }
    }

    /// Coverage per interval of a solution (the program's own rule).
    pub fn coverage(&self, counts: &[u32]) -> Vec<f64> {
        let mut cov = vec![0.0; self.required.len()];
        for (c, &n) in self.columns.iter().zip(counts) {
            for &(i, s) in &c.coverage {
                cov[i] += s * f64::from(n);
            }
        }
        cov
    }

    /// Cost of a solution.
    pub fn cost(&self, counts: &[u32]) -> f64 {
        self.columns
            .iter()
            .zip(counts)
            .map(|(c, &n)| c.cost * f64::from(n))
            .sum()
    }

    /// Paid hours of a solution.
    pub fn paid_hours(&self, counts: &[u32]) -> f64 {
        self.columns
            .iter()
            .zip(counts)
            .map(|(c, &n)| c.paid_hours * f64::from(n))
            .sum()
    }

    /// Whether a solution meets every requirement and every start's limits.
    pub fn feasible(&self, counts: &[u32]) -> bool {
        let cov = self.coverage(counts);
        let covered = cov
            .iter()
            .zip(&self.required)
            .all(|(c, &r)| *c + 1e-9 >= f64::from(r));
        let mut per_group = vec![0u32; self.groups.len()];
        for (c, &n) in self.columns.iter().zip(counts) {
            per_group[c.group] += n;
        }
        covered
            && per_group
                .iter()
                .zip(&self.groups)
                .all(|(&n, g)| n == 0 || (n >= g.min && n <= g.max))
    }

    /// Solves the program: the cheapest schedule, and the LP bound. The search starts
    /// from the LP optimum rounded up and made lean ([`Program::lean`]), so that a node
    /// budget that runs out still leaves a good schedule.
    pub fn solve(&self, rules: &ShiftRules) -> Result<Solved> {
        let started = Instant::now();
        let (lp, lp_xs, _, _) = self.build(false);
        let (lp_bound, relaxed) = match lp.solve() {
            Ok(o) => {
                let sol = o
                    .solution()
                    .ok_or_else(|| Error::runtime("the linear relaxation was interrupted"))?;
                let x: Vec<f64> = lp_xs.iter().map(|&v| sol.var_value(v)).collect();
                (sol.objective(), x)
            }
            Err(e) => return Err(self.solver_error(rules, e)),
        };
        // Two starts, the cheaper kept: the LP optimum rounded up, and rounded down then
        // completed greedily; both made lean.
        let start = [
            self.lean(self.rounded_up(&relaxed)),
            self.lean(self.completed(&relaxed)),
        ]
        .into_iter()
        .flatten()
        .min_by(|a, b| self.cost(a).total_cmp(&self.cost(b)));
        let (ip, xs, variables, constraints) = self.build(true);
        let mut options = SolveOptions::default();
        options.node_limit = Some(NODE_LIMIT);
        if let Some(start) = &start {
            options.warm_start = Some(
                xs.iter()
                    .zip(start)
                    .map(|(&x, &n)| (x, f64::from(n)))
                    .collect(),
            );
        }
        let outcome = ip
            .solve_with(options)
            .map_err(|e| self.solver_error(rules, e))?;
        let nodes = outcome.stats().nodes_solved;
        let optimal = outcome.is_optimal();
        let found: Option<Vec<u32>> = outcome.solution().map(|sol| {
            xs.iter()
                .map(|&x| sol.var_value(x).round().max(0.0) as u32)
                .collect()
        });
        // The solver's answer, or the lean start where it found none as good.
        let counts = match (found.filter(|c| self.feasible(c)), start) {
            (Some(c), Some(s)) if self.cost(&s) + 1e-9 < self.cost(&c) => s,
            (Some(c), _) => c,
            (None, Some(s)) => s,
            (None, None) => {
                return Err(Error::runtime(format!(
                    "{}: the integer program found no schedule within {NODE_LIMIT} \
                     branch-and-bound nodes; fewer start times or break placements make it \
                     smaller",
                    rules.path
                )));
            }
        };
        Ok(Solved {
            cost: self.cost(&counts),
            counts,
            lp_bound: lp_bound.max(0.0),
            variables,
            constraints,
            nodes,
            optimal,
            solve_time: started.elapsed(),
        })
    }

    /// The LP optimum rounded up to whole agents per column, with each start's minimum
    /// and maximum respected; None if that breaks a maximum.
    fn rounded_up(&self, relaxed: &[f64]) -> Option<Vec<u32>> {
        let mut counts: Vec<u32> = relaxed
            .iter()
            .map(|&x| (x - 1e-7).ceil().max(0.0) as u32)
            .collect();
        self.top_up_minimums(&mut counts);
        self.feasible(&counts).then_some(counts)
    }

    /// Raises every start that has agents but fewer than its shift group's minimum to
    /// that minimum (on its first column with agents); returns the agents per group.
    fn top_up_minimums(&self, counts: &mut [u32]) -> Vec<u32> {
        let mut per_group = vec![0u32; self.groups.len()];
        for (c, &n) in self.columns.iter().zip(counts.iter()) {
            per_group[c.group] += n;
        }
        for (v, c) in self.columns.iter().enumerate() {
            let g = &self.groups[c.group];
            let n = per_group[c.group];
            if n > 0 && n < g.min && counts[v] > 0 {
                counts[v] += g.min - n;
                per_group[c.group] = g.min;
            }
        }
        per_group
    }

    /// The LP optimum rounded down, then completed by adding, one agent at a time, the
    /// column that covers most of what is still missing per unit of cost (starts kept
    /// within their limits); None if no column can help any more.
    fn completed(&self, relaxed: &[f64]) -> Option<Vec<u32>> {
        let mut counts: Vec<u32> = relaxed
            .iter()
            .map(|&x| (x + 1e-7).floor().max(0.0) as u32)
            .collect();
        // A start below its minimum is topped up first.
        let mut per_group = self.top_up_minimums(&mut counts);
        let mut cov = self.coverage(&counts);
        loop {
            let deficit: Vec<f64> = cov
                .iter()
                .zip(&self.required)
                .map(|(c, &r)| (f64::from(r) - c).max(0.0))
                .collect();
            if deficit.iter().all(|&d| d <= 1e-9) {
                return Some(counts);
            }
            let mut best: Option<(usize, u32, f64)> = None;
            for (v, c) in self.columns.iter().enumerate() {
                let g = &self.groups[c.group];
                let add = if per_group[c.group] == 0 { g.min } else { 1 };
                if per_group[c.group] + add > g.max {
                    continue;
                }
                let gain: f64 = c
                    .coverage
                    .iter()
                    .map(|&(i, share)| (share * f64::from(add)).min(deficit[i]))
                    .sum();
                let score = gain / (c.cost * f64::from(add)).max(1e-12);
                if gain > 1e-9 && best.is_none_or(|b| score > b.2 + 1e-12) {
                    best = Some((v, add, score));
                }
            }
            let (v, add, _) = best?;
            counts[v] += add;
            per_group[self.columns[v].group] += add;
            for &(i, share) in &self.columns[v].coverage {
                cov[i] += share * f64::from(add);
            }
        }
    }

    /// A feasible schedule made lean: agents removed one at a time, the most expensive
    /// column first, while every interval stays covered (a start dropping below its
    /// minimum loses all its agents at once, or none).
    pub fn lean(&self, counts: Option<Vec<u32>>) -> Option<Vec<u32>> {
        let mut counts = counts?;
        let mut order: Vec<usize> = (0..self.columns.len()).collect();
        order.sort_by(|&a, &b| self.columns[b].cost.total_cmp(&self.columns[a].cost));
        loop {
            let mut removed = false;
            for &v in &order {
                while counts[v] > 0 {
                    let mut trial = counts.clone();
                    trial[v] -= 1;
                    let g = self.columns[v].group;
                    let left: u32 = self
                        .columns
                        .iter()
                        .zip(&trial)
                        .filter(|(c, _)| c.group == g)
                        .map(|(_, &n)| n)
                        .sum();
                    if left > 0 && left < self.groups[g].min {
                        break;
                    }
                    if !self.feasible(&trial) {
                        break;
                    }
                    counts = trial;
                    removed = true;
                }
            }
            if !removed {
                return Some(counts);
            }
        }
    }

    fn solver_error(&self, rules: &ShiftRules, e: microlp::Error) -> Error {
        match e {
            microlp::Error::Infeasible => Error::input(format!(
                "{}: no schedule meets the requirement within the shift rules' limits \
                 (min_agents, max_agents); relax them or allow more starts",
                rules.path
            )),
            other => Error::runtime(format!(
                "{}: the integer program could not be solved: {other}",
                rules.path
            )),
        }
    }

    /// The program as microlp's problem: integer (or relaxed) columns, the start
    /// limits and the coverage rows. Also the column variables, the numbers of
    /// variables and constraints.
    fn build(&self, integer: bool) -> (Problem, Vec<Variable>, usize, usize) {
        let mut p = Problem::new(OptimizationDirection::Minimize);
        let xs: Vec<Variable> = self
            .columns
            .iter()
            .map(|c| {
                let max = self.groups[c.group].max;
                if integer {
                    p.add_integer_var(c.cost, (0, i32::try_from(max).unwrap_or(i32::MAX)))
                } else {
                    p.add_var(c.cost, (0.0, f64::from(max)))
                }
            })
            .collect();
        let mut variables = xs.len();
        let mut constraints = 0;
        for (g, group) in self.groups.iter().enumerate() {
            let members: Vec<(Variable, f64)> = self
                .columns
                .iter()
                .zip(&xs)
                .filter(|(c, _)| c.group == g)
                .map(|(_, &x)| (x, 1.0))
                .collect();
            if group.min > 1 {
                let y = if integer {
                    p.add_binary_var(0.0)
                } else {
                    p.add_var(0.0, (0.0, 1.0))
                };
                variables += 1;
                let mut at_least = members.clone();
                at_least.push((y, -f64::from(group.min)));
                p.add_constraint(at_least.as_slice(), ComparisonOp::Ge, 0.0);
                let mut at_most = members;
                at_most.push((y, -f64::from(group.max)));
                p.add_constraint(at_most.as_slice(), ComparisonOp::Le, 0.0);
                constraints += 2;
            } else if members.len() > 1 {
                p.add_constraint(members.as_slice(), ComparisonOp::Le, f64::from(group.max));
                constraints += 1;
            }
        }
        for (i, &r) in self.required.iter().enumerate() {
            if r == 0 {
                continue;
            }
            let row: Vec<(Variable, f64)> = self
                .columns
                .iter()
                .zip(&xs)
                .filter_map(|(c, &x)| {
                    let s = c.cover(i);
                    (s > 0.0).then_some((x, s))
                })
                .collect();
            p.add_constraint(row.as_slice(), ComparisonOp::Ge, f64::from(r));
            constraints += 1;
        }
        (p, xs, variables, constraints)
    }
}

/// Share of each interval a column's agent spends on the phones, by the roster's own
/// nominal coverage (what the engine follows when breaks are taken on time).
fn coverage_of(col: &Column, clock: &Clock) -> Vec<(usize, f64)> {
    let on = Roster {
        shifts: vec![col.shift(1)],
    }
    .nominal_staffing();
    let first = clock.interval_at(col.start_s);
    (first..clock.len())
        .take_while(|&i| clock.start_of(i) < col.end_s)
        .filter_map(|i| {
            let (a, b) = clock.bounds(i);
            let share = on.agent_seconds(a, b) / (b - a);
            (share > 1e-12).then_some((i, share))
        })
        .collect()
}

/// "06:00–14:00" of a column, as clock times of the day.
pub fn span_label(clock: &Clock, start_s: f64, end_s: f64) -> String {
    let l = |s: f64| clock_label(clock.start_s + s, clock.labels_need_seconds());
    format!("{}–{}", l(start_s), l(end_s))
}

/// "8 h" of a length.
pub fn length_label(length_s: f64) -> String {
    hours(length_s)
}
