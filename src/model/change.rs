//! Changes to a model: what a sweep's `--vary` value or a staffing candidate does to the
//! centre. One type, one [`Model::apply`], used by the sweep and the staffing search alike.
//!
//! A change applies to every call type (demand changes) or every agent group (supply
//! changes) of the model; durations are rescaled with [`Dist::scaled`], which keeps the
//! random numbers a call draws, so variants compare under common random numbers.

use super::{Model, Staffing};
use crate::duration::clean_number;

/// At most this many agents or lines after a change (as the scenario parser allows).
pub const MAX_COUNT: i64 = 1_000_000;

/// At most this many calls expected in one simulated day (as the scenario parser allows):
/// more would run for hours and is almost surely a typo.
pub const MAX_CALLS: f64 = 1e8;

/// One change to a model.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Agents added to every staffing step (negative removes; never below zero).
    AddAgents(i64),
    /// Every staffing step's agents multiplied by the factor and rounded.
    ScaleAgents(f64),
    /// Every staffing step set to this many agents.
    SetAgents(i64),
    /// The agents of each planning interval, in order (a staffing candidate).
    AgentsPerInterval(Vec<u32>),
    /// Expected calls of every interval multiplied by the factor.
    ScaleCalls(f64),
    /// Every handle time multiplied by the factor.
    ScaleAht(f64),
    /// Seconds added to every interval's mean handle time (each call's handle time is
    /// stretched so the mean grows by that much).
    AddAht(f64),
    /// Every interval's mean handle time set to this many seconds.
    SetAht(f64),
    ScalePatience(f64),
    AddPatience(f64),
    SetPatience(f64),
    SetLines(i64),
    AddLines(i64),
    /// The service-level threshold, seconds.
    SetThreshold(f64),
    /// A supply change made to the agent group of this name only (`agents@NAME`).
    ForGroup(String, Box<Change>),
    /// A demand change made to the call type of this name only (`calls@NAME`).
    ForType(String, Box<Change>),
    /// Cross-training: `agents` of group `group` (at most its staffing at any moment) also
    /// take `call_type`, at a rank after the group's own skills. They become a new group,
    /// declared last, named "GROUP + TYPE".
    CrossTrain {
        group: String,
        call_type: String,
        agents: i64,
    },
}

/// Why a change cannot apply to a model, in words for the user.
pub type ChangeError = String;

type Applied = Result<(), ChangeError>;

impl Model {
    /// This model with `change` made to it.
    pub fn apply(&self, change: &Change) -> Result<Model, ChangeError> {
        let mut m = self.clone();
        m.apply_in_place(change)?;
        Ok(m)
    }

    /// Makes `change` to this model.
    pub fn apply_in_place(&mut self, change: &Change) -> Applied {
        match *change {
            Change::AddAgents(d) => self.map_agents(|a| count(a as i64 + d, "agents")),
            Change::ScaleAgents(f) => {
                self.map_agents(|a| count((a as f64 * f).round() as i64, "agents"))
            }
            Change::SetAgents(n) => {
                if n < 0 {
                    return Err("agents cannot be negative".into());
                }
                let n = count(n, "agents")?;
                self.map_agents(|_| Ok(n))
            }
            Change::AgentsPerInterval(ref agents) => self.set_agents_per_interval(agents),
            Change::ScaleCalls(f) => {
                for t in &mut self.call_types {
                    t.rates.iter_mut().for_each(|r| *r *= f);
                }
                let calls = self.expected_calls();
                if calls.is_nan() || calls > MAX_CALLS {
                    return Err(format!(
                        "at most {MAX_CALLS:.0} calls in the day (a larger number would take \
                         hours to simulate), found {calls:.3e}"
                    ));
                }
                Ok(())
            }
            Change::ScaleAht(f) => {
                for t in &mut self.call_types {
                    t.aht_scale.iter_mut().for_each(|s| *s *= f);
                }
                Ok(())
            }
            Change::AddAht(add) => self.add_aht(add),
            Change::SetAht(m) => self.set_aht(m),
            Change::ScalePatience(_) | Change::AddPatience(_) | Change::SetPatience(_) => {
                self.change_patience(change)
            }
            Change::SetLines(n) => {
                if n < 1 {
                    return Err("at least 1 line".into());
                }
                self.lines = Some(count(n, "lines")?);
                Ok(())
            }
            Change::AddLines(d) => self.add_lines(d),
            Change::SetThreshold(t) => {
                if t < 0.0 {
                    return Err("the threshold cannot be negative".into());
                }
                self.service_level.threshold_s = t;
                for ct in &mut self.call_types {
                    ct.service_level.threshold_s = t;
                }
                Ok(())
            }
            Change::ForGroup(ref name, ref inner) => self.change_group(name, inner),
            Change::ForType(ref name, ref inner) => self.change_type(name, inner),
            Change::CrossTrain {
                ref group,
                ref call_type,
                agents,
            } => self.cross_train(group, call_type, agents),
        }
    }

    /// Moves `agents` of a group into a new group with one more skill.
    fn cross_train(&mut self, group: &str, call_type: &str, agents: i64) -> Applied {
        refuse_rosters(self)?;
        let groups: Vec<&str> = self.agent_groups.iter().map(|g| g.name.as_str()).collect();
        let Some(g) = groups.iter().position(|n| *n == group) else {
            return Err(format!(
                "no agent group is named \"{group}\" (the groups: {})",
                groups.join(", ")
            ));
        };
        let types: Vec<&str> = self.call_types.iter().map(|t| t.name.as_str()).collect();
        let Some(k) = types.iter().position(|n| *n == call_type) else {
            return Err(format!(
                "no call type is named \"{call_type}\" (the call types: {})",
                types.join(", ")
            ));
        };
        let from = &self.agent_groups[g];
        if from.skills.iter().any(|s| s.call_type == k) {
            return Err(format!(
                "the group \"{group}\" already takes \"{call_type}\" calls"
            ));
        }
        if agents < 0 {
            return Err("agents cannot be negative".into());
        }
        let moved = count(agents, "agents")?;
        let mut trained = from.clone();
        trained.name = format!("{group} + {call_type}");
        let rank = from.skills.iter().map(|s| s.rank).max().unwrap_or(0) + 1;
        trained.skills.push(super::Skill::plain(k, rank));
        for (step, kept) in trained
            .staffing
            .steps
            .iter_mut()
            .zip(self.agent_groups[g].staffing.steps.iter_mut())
        {
            step.agents = moved.min(kept.agents);
            kept.agents -= step.agents;
        }
        self.agent_groups.push(trained);
        Ok(())
    }

    /// Makes a supply change to one agent group, named.
    fn change_group(&mut self, name: &str, inner: &Change) -> Applied {
        let names: Vec<&str> = self.agent_groups.iter().map(|g| g.name.as_str()).collect();
        let Some(i) = names.iter().position(|n| *n == name) else {
            return Err(format!(
                "no agent group is named \"{name}\" (the groups: {})",
                names.join(", ")
            ));
        };
        let mut part = self.clone();
        part.agent_groups = vec![self.agent_groups[i].clone()];
        part.apply_in_place(inner)?;
        self.agent_groups[i] = part.agent_groups.remove(0);
        Ok(())
    }

    /// Makes a demand change to one call type, named.
    fn change_type(&mut self, name: &str, inner: &Change) -> Applied {
        let names: Vec<&str> = self.call_types.iter().map(|t| t.name.as_str()).collect();
        let Some(i) = names.iter().position(|n| *n == name) else {
            return Err(format!(
                "no call type is named \"{name}\" (the call types: {})",
                names.join(", ")
            ));
        };
        let mut part = self.clone();
        part.call_types = vec![self.call_types[i].clone()];
        part.apply_in_place(inner)?;
        self.call_types[i] = part.call_types.remove(0);
        let calls = self.expected_calls();
        if calls.is_nan() || calls > MAX_CALLS {
            return Err(format!(
                "at most {MAX_CALLS:.0} calls in the day (a larger number would take hours to \
                 simulate), found {calls:.3e}"
            ));
        }
        Ok(())
    }

    fn map_agents(&mut self, f: impl Fn(u32) -> Result<u32, ChangeError>) -> Applied {
        refuse_rosters(self)?;
        for g in &mut self.agent_groups {
            for step in &mut g.staffing.steps {
                step.agents = f(step.agents)?;
            }
        }
        Ok(())
    }

    /// Staffs the (single) group with the given agents per planning interval.
    fn set_agents_per_interval(&mut self, agents: &[u32]) -> Applied {
        if agents.len() != self.clock.len() {
            return Err(format!(
                "expected agents for {} intervals, found {}",
                self.clock.len(),
                agents.len()
            ));
        }
        let [group] = &mut self.agent_groups[..] else {
            return Err("agents per interval are for a centre with one agent group".into());
        };
        group.staffing = Staffing::per_interval(&self.clock, agents);
        // Agents per interval replace the shifts (a staffing candidate is a requirement,
        // not a roster).
        group.roster = None;
        Ok(())
    }

    fn add_aht(&mut self, add: f64) -> Applied {
        for t in &mut self.call_types {
            let mean = t.handle_time.mean();
            for (i, scale) in t.aht_scale.iter_mut().enumerate() {
                let m = mean * *scale;
                if m + add <= 0.0 {
                    return Err(format!(
                        "the mean handle time of interval {i} would be {} seconds; it must stay above zero",
                        clean_number(m + add)
                    ));
                }
                *scale *= (m + add) / m;
            }
        }
        Ok(())
    }

    fn set_aht(&mut self, m: f64) -> Applied {
        if m <= 0.0 {
            return Err("the mean handle time must be above zero".into());
        }
        for t in &mut self.call_types {
            let mean = t.handle_time.mean();
            t.aht_scale.iter_mut().for_each(|s| *s = m / mean);
        }
        Ok(())
    }

    fn change_patience(&mut self, change: &Change) -> Applied {
        if !self.has_patience() {
            return Err(
                "the scenario has no [patience] section (nobody hangs up), so there is no patience to vary"
                    .into(),
            );
        }
        for t in &mut self.call_types {
            let Some(p) = &t.patience else { continue };
            let mean = p.mean();
            let factor = match *change {
                Change::ScalePatience(f) => f,
                Change::AddPatience(add) => (mean + add) / mean,
                Change::SetPatience(m) => m / mean,
                _ => unreachable!("only patience changes come here"),
            };
            if !(factor > 0.0 && factor.is_finite()) {
                return Err("the mean patience must stay above zero".into());
            }
            t.patience = Some(p.scaled(factor));
        }
        Ok(())
    }

    fn add_lines(&mut self, d: i64) -> Applied {
        let Some(l) = self.lines else {
            return Err(
                "the scenario sets no `lines`, so there is nothing to add to; give the number of lines (40..60/5)"
                    .into(),
            );
        };
        let n = l as i64 + d;
        if n < 1 {
            return Err(format!("{l} lines {d:+} leaves fewer than 1 line"));
        }
        self.lines = Some(count(n, "lines")?);
        Ok(())
    }
}

/// A count after a change: negative becomes zero, beyond [`MAX_COUNT`] is refused.
fn count(x: i64, what: &str) -> Result<u32, ChangeError> {
    if x > MAX_COUNT {
        Err(format!("at most {MAX_COUNT} {what}"))
    } else {
        Ok(x.max(0) as u32)
    }
}

/// Agents added, scaled or moved per interval mean nothing for a group that works shifts:
/// its people are its shifts' counts.
fn refuse_rosters(model: &Model) -> Applied {
    match model.agent_groups.iter().find(|g| g.roster.is_some()) {
        Some(g) => Err(format!(
            "the agents of \"{}\" are given as shifts, not per interval: change the shifts' \
             `count` in the scenario instead",
            g.name
        )),
        None => Ok(()),
    }
}
