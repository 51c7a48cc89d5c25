//! Rosters: the people of an agent group, shift by shift, with their breaks (SPEC
//! "Shifts, uncertain days and redials").
//!
//! A roster is the seam between the file (`[[staffing.shifts]]`, `[[agent_groups.shifts]]`,
//! a roster CSV), the engine (which follows each agent as a person: delayed breaks,
//! overtime) and `ccsim schedule` (which chooses how many agents work each shift). Times
//! are seconds from the start of the simulated day, like [`super::Staffing`]'s steps.

use super::{Staffing, Step};

/// The shifts of one agent group. When a group has a roster, its `staffing` is the
/// roster's nominal coverage ([`Roster::nominal_staffing`]), so that everything that only
/// reads agents per interval (tables, charts, Erlang comparisons) keeps working.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    pub shifts: Vec<Shift>,
}

/// `count` agents working from `start_s` to `end_s`, each taking the same breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Shift {
    pub start_s: f64,
    pub end_s: f64,
    pub count: u32,
    /// In time order, inside the shift, not overlapping (checked where they are read).
    pub breaks: Vec<Break>,
}

/// A break of `length_s` due at `start_s`; with a window, it starts at the first moment
/// in `[start_s, start_s + window_s]` when the agent is free (0: a fixed break).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    pub start_s: f64,
    pub length_s: f64,
    pub window_s: f64,
}

impl Roster {
    /// Agent-seconds paid by the roster (shift lengths times counts; overtime excluded).
    pub fn paid_seconds(&self) -> f64 {
        self.shifts
            .iter()
            .map(|s| f64::from(s.count) * (s.end_s - s.start_s))
            .sum()
    }

    /// Whether some agent's shift ends at the close (`horizon_s`, the end of arrivals):
    /// such agents answer the calls still waiting then, so the day can end.
    pub fn reaches_close(&self, horizon_s: f64) -> bool {
        self.shifts
            .iter()
            .any(|s| s.count > 0 && s.end_s >= horizon_s)
    }

    /// Agents in all shifts together.
    pub fn agents(&self) -> u32 {
        self.shifts.iter().map(|s| s.count).sum()
    }

    /// Agents on the phones as planned: on shift and not on a break, breaks taken at
    /// their due time (window breaks at the window's start). The simulated coverage
    /// differs where breaks are delayed or shifts run over.
    pub fn nominal_staffing(&self) -> Staffing {
        // +count at a start, -count at an end; a break is an end then a start.
        let mut changes: Vec<(f64, i64)> = Vec::new();
        for s in &self.shifts {
            let n = i64::from(s.count);
            changes.push((s.start_s, n));
            changes.push((s.end_s, -n));
            for b in &s.breaks {
                let back = (b.start_s + b.length_s).min(s.end_s);
                changes.push((b.start_s, -n));
                changes.push((back, n));
            }
        }
        changes.push((0.0, 0));
        changes.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut steps: Vec<Step> = Vec::new();
        let mut agents: i64 = 0;
        for (at, delta) in changes {
            agents += delta;
            let now = u32::try_from(agents.max(0)).unwrap_or(u32::MAX);
            match steps.last_mut() {
                Some(last) if last.at == at => last.agents = now,
                _ => steps.push(Step { at, agents: now }),
            }
        }
        steps.dedup_by(|later, earlier| later.agents == earlier.agents);
        Staffing::from_steps(steps).expect("steps start at 0 and increase")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nominal_staffing_follows_shifts_and_breaks() {
        let roster = Roster {
            shifts: vec![
                Shift {
                    start_s: 0.0,
                    end_s: 100.0,
                    count: 3,
                    breaks: vec![Break {
                        start_s: 40.0,
                        length_s: 10.0,
                        window_s: 0.0,
                    }],
                },
                Shift {
                    start_s: 50.0,
                    end_s: 150.0,
                    count: 2,
                    breaks: vec![],
                },
            ],
        };
        let at = |t| roster.nominal_staffing().agents_at(t);
        assert_eq!((at(0.0), at(39.9), at(40.0), at(49.9)), (3, 3, 0, 0));
        assert_eq!((at(50.0), at(99.9), at(100.0), at(149.0)), (5, 5, 2, 2));
        assert_eq!(at(150.0), 0);
        assert_eq!(roster.paid_seconds(), 500.0);
    }
}
