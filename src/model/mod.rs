//! The model of the centre: what is simulated, apart from how (the experiment settings
//! of [`crate::scenario::Experiment`]) and what it is called (its labels).
//!
//! Demand and supply are kept apart. Demand is a list of [`CallType`]s (arrivals, handle
//! time, patience, service-level goal); supply is a list of [`AgentGroup`]s (a staffing
//! timeline and the call types they serve). A [`Clock`] owns the planning intervals and
//! their labels. The one-queue scenario of today's files is one call type served by one
//! group. Every figure derived from the model (expected calls, mean handle time, offered
//! load) is a method here, computed in one place.
//!
//! Changes to a model (a sweep's `--vary`, a staffing candidate) are [`Change`]s, applied
//! by [`Model::apply`].

mod canonical;
mod change;
mod clock;
mod roster;
mod uncertainty;

pub use canonical::fnv1a_hex;
pub use change::{Change, ChangeError, MAX_CALLS, MAX_COUNT};
pub use clock::{Clock, clock_label};
pub use roster::{Break, Roster, Shift};
pub use uncertainty::{Busyness, Redial};

use clap::ValueEnum;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::dist::Dist;

/// Which calls a service level is a share of (SPEC `service_level.of`, Metrics): one type
/// for the scenario file, the model, the Erlang calculators and `--sl-of`.
///
/// Doc comments are the `--sl-of` help; the scenario schema keeps its own wording.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema, ValueEnum,
)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "A service-level definition.")]
pub enum SlDefinition {
    /// Answered within the threshold ÷ answered (M/M/c/K: ÷ admitted).
    #[schemars(description = "Answered within the threshold ÷ answered.")]
    Answered,
    /// Answered within the threshold ÷ offered.
    #[schemars(description = "Answered within the threshold ÷ offered.")]
    Offered,
    /// Answered within the threshold ÷ (offered − hung up within the threshold).
    #[default]
    #[value(name = "excl_short_abandons")]
    #[schemars(
        description = "Answered within the threshold ÷ (offered − hung up within the threshold)."
    )]
    ExclShortAbandons,
}

impl SlDefinition {
    pub const ALL: [SlDefinition; 3] = [
        SlDefinition::Answered,
        SlDefinition::Offered,
        SlDefinition::ExclShortAbandons,
    ];

    /// The definition named `key` in files and flags ("answered", ...).
    pub fn from_key(key: &str) -> Option<SlDefinition> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }

    /// The name in files, flags and JSON.
    pub fn key(self) -> &'static str {
        match self {
            SlDefinition::Answered => "answered",
            SlDefinition::Offered => "offered",
            SlDefinition::ExclShortAbandons => "excl_short_abandons",
        }
    }
}

/// A service-level goal: `target` of calls answered within `threshold_s`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceLevel {
    pub threshold_s: f64,
    pub target: f64,
    pub of: SlDefinition,
}

/// Demand: one kind of call, with its own arrivals, durations and goal.
#[derive(Debug, Clone)]
pub struct CallType {
    pub name: String,
    /// Poisson arrival rate of each planning interval, calls per second.
    pub rates: Vec<f64>,
    /// Per interval: multiplies every handle-time sample of calls arriving in it (1 unless
    /// a forecast gives the interval its own mean handle time).
    pub aht_scale: Vec<f64>,
    pub handle_time: Dist,
    /// How long callers wait before hanging up; `None`: nobody hangs up.
    pub patience: Option<Dist>,
    pub service_level: ServiceLevel,
    /// How much busier or quieter than forecast a simulated day may be.
    pub busyness: Busyness,
    /// Who calls again after hanging up or a busy signal; `None`: nobody.
    pub redial: Option<Redial>,
    /// Share of callers who leave at once when no agent takes them on arrival.
    pub balk: f64,
    /// `weighted_wait` routing: a head call's score is weight × wait + bonus.
    pub weight: f64,
    pub bonus_s: f64,
}

impl CallType {
    /// Mean handle time of calls arriving in interval `i`, seconds.
    #[inline]
    pub fn mean_handle_time(&self, i: usize) -> f64 {
        self.handle_time.mean() * self.aht_scale[i]
    }

    /// Expected calls arriving in interval `i`.
    pub fn expected_calls(&self, clock: &Clock, i: usize) -> f64 {
        self.rates[i] * clock.length_of(i)
    }

    /// Offered load of interval `i` in erlangs: arrival rate × mean handle time.
    pub fn offered_load(&self, i: usize) -> f64 {
        self.rates[i] * self.mean_handle_time(i)
    }
}

/// Supply: agents who answer calls, with a staffing that changes over the day.
#[derive(Debug, Clone)]
pub struct AgentGroup {
    pub name: String,
    pub staffing: Staffing,
    /// The call types this group serves (indices into [`Model::call_types`]) with their
    /// rank, 1 being the first choice.
    pub skills: Vec<Skill>,
    /// Share of paid time off the phones, to turn required into scheduled agents.
    pub shrinkage: Option<f64>,
    /// Probability that a scheduled agent is absent for the whole simulated day (0: all
    /// show up). Unlike shrinkage, which turns required into scheduled agents, absence is
    /// drawn per simulated day, so the day's head count is binomial.
    pub absence: f64,
    /// The group's people shift by shift, when the file gives shifts instead of agents
    /// per interval; `staffing` is then the roster's nominal coverage.
    pub roster: Option<Roster>,
    /// `cost_per_hour` of an agent group (several-type form): what `staff` weighs groups
    /// by. The one-queue form's `[staffing] cost_per_hour` is [`Model::cost_per_hour`].
    pub cost_per_hour: Option<f64>,
}

/// A call type a group serves, how it ranks among the group's choices, how long a call
/// must have waited before the group takes it, and the group's handle-time factor.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Skill {
    pub call_type: usize,
    pub rank: u32,
    /// The group takes a call of this type only once it has waited this long (0: at once).
    pub delay_s: f64,
    /// Multiplies the handle time of this type's calls served by the group.
    pub factor: f64,
}

impl Skill {
    /// No delay and no handle-time factor: what the one-queue form means.
    pub fn is_plain(&self) -> bool {
        self.delay_s == 0.0 && self.factor == 1.0
    }

    /// A first-choice skill without delay or factor.
    pub fn plain(call_type: usize, rank: u32) -> Skill {
        Skill {
            call_type,
            rank,
            delay_s: 0.0,
            factor: 1.0,
        }
    }
}

/// How calls and agents are matched (SPEC "Several call types and agent groups").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Routing {
    pub policy: Policy,
    pub agent_choice: AgentChoice,
}

/// Which waiting call a freed agent takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// The lowest rank, then the longest-waiting head.
    #[default]
    Priority,
    /// The longest-waiting head, whatever the rank.
    Fifo,
    /// The largest weight × wait + bonus.
    WeightedWait,
}

/// Which agent takes an arriving call among groups of equal rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AgentChoice {
    /// The agent idle the longest over those groups.
    #[default]
    LongestIdle,
    /// The group with the most idle agents.
    MostIdle,
    /// An idle agent drawn uniformly.
    Random,
    /// The group declared first.
    First,
}

impl Policy {
    pub const ALL: [(&'static str, Policy); 3] = [
        ("priority", Policy::Priority),
        ("fifo", Policy::Fifo),
        ("weighted_wait", Policy::WeightedWait),
    ];

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(k, _)| k)
    }
}

impl AgentChoice {
    pub const ALL: [(&'static str, AgentChoice); 4] = [
        ("longest_idle", AgentChoice::LongestIdle),
        ("most_idle", AgentChoice::MostIdle),
        ("random", AgentChoice::Random),
        ("first", AgentChoice::First),
    ];

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("", |(k, _)| k)
    }
}

/// Agents on the phones over time: a step function that may change at any instant.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Staffing {
    /// Changes in time order; the first is at time 0.
    steps: Vec<Step>,
}

/// From `at` (seconds) until the next step, `agents` are on the phones.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Step {
    pub at: f64,
    pub agents: u32,
}

impl Staffing {
    /// A staffing per planning interval: one step at each interval's start (kept even
    /// where the count does not change, so that agent time is split at every boundary).
    pub fn per_interval(clock: &Clock, agents: &[u32]) -> Staffing {
        Staffing {
            steps: agents
                .iter()
                .enumerate()
                .map(|(i, &agents)| Step {
                    at: clock.start_of(i),
                    agents,
                })
                .collect(),
        }
    }

    /// A staffing from its changes: the first at time 0, then strictly later ones.
    pub fn from_steps(steps: Vec<Step>) -> Result<Staffing, String> {
        match steps.first() {
            Some(s) if s.at == 0.0 && steps.iter().all(|s| s.at.is_finite()) => {}
            Some(s) => {
                return Err(format!(
                    "staffing steps start at 0 s and are finite, found a first step at {} s",
                    s.at
                ));
            }
            None => return Err("a staffing needs at least one step".into()),
        }
        if let Some(w) = steps.windows(2).find(|w| w[1].at <= w[0].at) {
            return Err(format!(
                "staffing steps must be in strictly increasing time order, found {} s after {} s",
                w[1].at, w[0].at
            ));
        }
        Ok(Staffing { steps })
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Writes into `out` this staffing with each step's agents mapped by `f` (same
    /// times), reusing `out`'s memory.
    pub fn map_agents_into(&self, out: &mut Staffing, f: impl Fn(u32) -> u32) {
        out.steps.clear();
        out.steps.extend(self.steps.iter().map(|s| Step {
            at: s.at,
            agents: f(s.agents),
        }));
    }

    /// Agents from step `k` on.
    #[inline]
    pub fn agents_of_step(&self, k: usize) -> u32 {
        self.steps[k].agents
    }

    /// When step `k + 1` starts; +∞ after the last.
    #[inline]
    pub fn change_after(&self, k: usize) -> f64 {
        self.steps.get(k + 1).map_or(f64::INFINITY, |s| s.at)
    }

    /// Agents on the phones at instant `t` (a change at `t` counts).
    pub fn agents_at(&self, t: f64) -> u32 {
        let k = self.steps.partition_point(|s| s.at <= t);
        self.steps[k.saturating_sub(1)].agents
    }

    /// Agents at the start of planning interval `i` (the planned agents of the interval).
    pub fn agents_in(&self, clock: &Clock, i: usize) -> u32 {
        self.agents_at(clock.start_of(i))
    }

    /// Agent-seconds on the phones over [a, b].
    pub fn agent_seconds(&self, a: f64, b: f64) -> f64 {
        let mut from_step = self.steps.partition_point(|s| s.at <= a).saturating_sub(1);
        self.agent_seconds_from(&mut from_step, a, b)
    }

    /// [`agent_seconds`](Self::agent_seconds) for spans in increasing order: `step`
    /// carries where the last span's search ended (start at 0), so that walking every
    /// interval of a day costs one pass over the steps, not a search per interval.
    pub fn agent_seconds_from(&self, step: &mut usize, a: f64, b: f64) -> f64 {
        while self.change_after(*step) <= a {
            *step += 1;
        }
        let mut total = 0.0;
        for k in *step..self.steps.len() {
            let from = self.steps[k].at.max(a);
            let to = self.change_after(k).min(b);
            if to > from {
                total += self.steps[k].agents as f64 * (to - from);
            }
            if to >= b {
                break;
            }
        }
        total
    }
}

/// The centre: demand, supply, the clock and the lines they share.
#[derive(Debug, Clone)]
pub struct Model {
    pub clock: Clock,
    /// The centre's own goal (the top-level `[service_level]`); every call type has its
    /// own, which is this one unless the file gives the type another.
    pub service_level: ServiceLevel,
    pub call_types: Vec<CallType>,
    pub agent_groups: Vec<AgentGroup>,
    /// At most this many calls in the centre (talking + waiting); others get a busy signal.
    pub lines: Option<u32>,
    /// What a staffing must achieve besides the service-level target (`[goals]`).
    pub goals: Goals,
    /// `[staffing] cost_per_hour`: the cost of one agent-hour, for staffing results.
    pub cost_per_hour: Option<f64>,
    pub routing: Routing,
}

/// Staffing goals besides the service-level target, each met in every interval
/// (`[goals]` in the scenario, or `staff` flags). They do not change what is simulated.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Goals {
    /// At most this share of callers hang up (mean over replications).
    pub max_abandon_rate: Option<f64>,
    /// At most this mean wait of answered calls, seconds (mean over replications).
    pub max_asa_s: Option<f64>,
    /// At most this occupancy (mean over replications).
    pub max_occupancy: Option<f64>,
    /// The service-level target met in at least this share of replications (simulated
    /// days), in every interval.
    pub confidence: Option<f64>,
}

impl Model {
    /// The one call type and the one group serving it, if the model is a single queue
    /// (what the fast engine and the Erlang formulas can handle).
    pub fn single_queue(&self) -> Option<(&CallType, &AgentGroup)> {
        match (&self.call_types[..], &self.agent_groups[..]) {
            ([t], [g]) if t.balk == 0.0 && g.skills.iter().all(Skill::is_plain) => Some((t, g)),
            _ => None,
        }
    }

    /// Whether the model has several call types or groups (or a routing feature one
    /// queue lacks): per-type and per-group results are then reported.
    pub fn is_multi(&self) -> bool {
        self.single_queue().is_none()
    }

    /// The first call type; in the one-queue form, the only one. What is written for one
    /// queue (the client report's description of the calls, the Erlang comparisons)
    /// describes it.
    pub fn main_type(&self) -> &CallType {
        &self.call_types[0]
    }

    /// The number of planning intervals.
    pub fn intervals(&self) -> usize {
        self.clock.len()
    }

    /// Agents planned in interval `i`, all groups together (with shifts, the roster's
    /// time-weighted mean over the interval, rounded).
    pub fn agents_in(&self, i: usize) -> u32 {
        if self.has_rosters() {
            return self.mean_agents_in(i).round() as u32;
        }
        self.agent_groups
            .iter()
            .map(|g| g.staffing.agents_in(&self.clock, i))
            .sum()
    }

    /// Whether some group works shifts (a roster) instead of agents per interval.
    pub fn has_rosters(&self) -> bool {
        self.agent_groups.iter().any(|g| g.roster.is_some())
    }

    /// Agents planned in interval `i`, all groups together, as a time-weighted mean over
    /// the interval (with shifts, agents change at any instant).
    pub fn mean_agents_in(&self, i: usize) -> f64 {
        let (a, b) = self.clock.bounds(i);
        let seconds: f64 = self
            .agent_groups
            .iter()
            .map(|g| g.staffing.agent_seconds(a, b))
            .sum();
        if b > a { seconds / (b - a) } else { 0.0 }
    }

    /// Agents planned per interval, all groups together.
    pub fn agents_per_interval(&self) -> Vec<u32> {
        (0..self.intervals()).map(|i| self.agents_in(i)).collect()
    }

    /// Expected calls of interval `i`, all types together.
    pub fn expected_calls_in(&self, i: usize) -> f64 {
        self.call_types
            .iter()
            .map(|t| t.expected_calls(&self.clock, i))
            .sum()
    }

    /// Expected calls offered over the day (before warm-up is excluded).
    pub fn expected_calls(&self) -> f64 {
        (0..self.intervals())
            .map(|i| self.expected_calls_in(i))
            .sum()
    }

    /// Offered load of interval `i` in erlangs, all types together.
    pub fn offered_load(&self, i: usize) -> f64 {
        self.call_types.iter().map(|t| t.offered_load(i)).sum()
    }

    /// Whether some callers hang up (some call type has a patience).
    pub fn has_patience(&self) -> bool {
        self.call_types.iter().any(|t| t.patience.is_some())
    }

    /// Whether some call type redials (its results then count callers besides attempts).
    pub fn has_redials(&self) -> bool {
        self.call_types.iter().any(|t| t.redial.is_some())
    }

    /// The shrinkage used to turn required into scheduled agents, if any group has one.
    pub fn shrinkage(&self) -> Option<f64> {
        self.agent_groups.iter().find_map(|g| g.shrinkage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staffing_is_a_step_function() {
        let clock = Clock {
            interval_s: 10.0,
            start_s: 0.0,
            horizon_s: 30.0,
            intervals: 3,
        };
        let s = Staffing::per_interval(&clock, &[2, 0, 5]);
        assert_eq!(s.agents_at(0.0), 2);
        assert_eq!(s.agents_at(9.999), 2);
        assert_eq!(s.agents_at(10.0), 0);
        assert_eq!(s.agents_at(1e9), 5);
        assert_eq!(s.agents_in(&clock, 2), 5);
        assert_eq!(s.change_after(0), 10.0);
        assert_eq!(s.change_after(2), f64::INFINITY);
        assert_eq!(s.agent_seconds(5.0, 25.0), 2.0 * 5.0 + 5.0 * 5.0);
        assert_eq!(s.agent_seconds(20.0, 30.0), 50.0);
        assert_eq!(s.agent_seconds(3.0, 3.0), 0.0);
    }
}
