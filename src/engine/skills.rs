//! The general engine: several call types, skilled agent groups and routing, event by
//! event, exactly as SPEC "Several call types and agent groups" states the rules.
//!
//! State: a first-come-first-served queue per call type, and per group the count of
//! busy agents, the current staffing and the idle agents ordered by when they became
//! idle (a deque: the front has been idle longest, the back most recently). Agents are
//! otherwise interchangeable, so that is all a routing rule can tell apart.
//!
//! Pending events sit in a calendar ordered by time, then by SPEC's order of events at
//! one instant (agents leaving, calls ending, agents arriving, hang-ups, overflow delays,
//! arrivals), then by group order for staffing changes and by scheduling order otherwise.
//! Hang-ups are resolved lazily, as in the one-queue engines: a caller found at a queue
//! head past their deadline is recorded as having hung up at that deadline; their place
//! in SPEC's order is kept by comparing deadlines strictly (an agent freed at a caller's
//! deadline still answers) or not (an overflow or arrival at a deadline comes after the
//! hang-up). Waiting calls live in a slab reused across calls and replications: no
//! allocation per call once the buffers have grown.

use std::collections::VecDeque;

use rand::RngExt;
use rand_xoshiro::Xoshiro256PlusPlus;

use super::Outcome;
use super::arrivals::{Arrivals, CallDraws};
use super::calendar::{Calendar, Ranked};
use super::redials::{Caller, Reason, Redials};
use super::rng::{Purpose, stream, stream_for};
use crate::model::{AgentChoice, Model, Policy};
use crate::scenario::Experiment;
use crate::stats::Tally;
use crate::stats::tally::{Breakdown, GroupTally};

#[path = "shifts.rs"]
mod shifts;
use shifts::{NO_AGENT, RosterEv};

/// Kinds of event; the discriminant order is not used, see [`Ev::class`].
#[derive(Debug, Clone, Copy)]
enum Ev {
    /// Group `group` moves to staffing step `step`, which has fewer agents.
    Leave { group: u32, step: u32 },
    /// An agent of `group` finishes a call (`agent`: the person, in a roster group).
    End { group: u32, agent: u32 },
    /// Group `group` moves to staffing step `step`, which has more agents.
    Join { group: u32, step: u32 },
    /// Call `call` (slab index, with its serial) has waited its type's `delay`-th delay.
    Overflow { call: u32, serial: u32, delay: u32 },
    /// A call of type `ty` arrives.
    Arrival { ty: u32 },
    /// A shift or break of a roster group (engine/shifts.rs).
    Roster(RosterEv),
    /// With redials: waiting call `call` hangs up now (found out at once, so that the
    /// caller's next attempt is scheduled in time).
    HangUp { call: u32, serial: u32 },
    /// With redials: the next pending attempt of type `ty` arrives (after new callers).
    Redial { ty: u32 },
}

impl Ranked for Ev {
    /// SPEC's order of events at one instant (hang-ups, rank 3, are resolved lazily).
    fn class(&self) -> u8 {
        match self {
            Ev::Leave { .. } => 0,
            Ev::End { .. } => 1,
            Ev::Join { .. } => 2,
            Ev::HangUp { .. } => 3,
            Ev::Overflow { .. } => 4,
            Ev::Arrival { .. } => 5,
            Ev::Roster(r) => r.class(),
            Ev::Redial { .. } => 6,
        }
    }
}

/// A call in the centre, waiting.
#[derive(Debug, Clone, Copy, Default)]
struct Call {
    arrival: f64,
    /// When the caller hangs up (+∞ without patience).
    deadline: f64,
    /// Handle time before the serving group's factor.
    service: f64,
    ty: u32,
    slot: u32,
    /// Bumped whenever the slab entry is freed: queue entries and overflow events that
    /// carry an older serial refer to a call that has left.
    serial: u32,
    /// The person calling (with redials).
    caller: Caller,
}

/// One group able to serve a call type, as an arriving or overflowing call sees it.
#[derive(Debug, Clone, Copy)]
struct Server {
    group: u32,
    rank: u32,
    delay_s: f64,
}

/// One group able to take a call type, as its freed agent sees it.
#[derive(Debug, Clone, Copy)]
struct Skill {
    ty: u32,
    rank: u32,
    delay_s: f64,
}

#[derive(Debug, Clone, Default)]
struct Group {
    busy: u32,
    staffing: u32,
    step: usize,
    /// When each idle agent became idle, oldest first. Its length is always
    /// max(0, staffing − busy): every idle agent is available.
    idle: VecDeque<f64>,
    /// Up to when agent time has been accounted.
    accounted_to: f64,
    /// The people of a group with a roster (`staffing` then counts those on the phones).
    roster: Option<Box<shifts::RosterState>>,
}

/// Working memory of the general engine, kept between replications.
#[derive(Debug, Default)]
pub struct GeneralWorkspace {
    calendar: Calendar<Ev>,
    calls: Vec<Call>,
    free_calls: Vec<u32>,
    /// Per call type: waiting calls as (slab index, serial), oldest first.
    queues: Vec<VecDeque<(u32, u32)>>,
    groups: Vec<Group>,
    /// Per call type: the groups serving it, by rank then declared order.
    servers: Vec<Vec<Server>>,
    /// Per call type: its distinct positive overflow delays, increasing.
    delays: Vec<Vec<f64>>,
    /// Per group: its skills in the order of call types.
    skills: Vec<Vec<Skill>>,
    /// Handle-time factor of group g for type k at `g * types + k`.
    factors: Vec<f64>,
}

impl GeneralWorkspace {
    /// Prepares the routing tables and empties the state for a replication of `model`.
    fn prepare(&mut self, model: &Model) {
        let nt = model.call_types.len();
        let ng = model.agent_groups.len();
        self.calendar.clear();
        self.calls.clear();
        self.free_calls.clear();
        self.queues.resize_with(nt, VecDeque::new);
        self.queues.truncate(nt);
        self.queues.iter_mut().for_each(VecDeque::clear);
        self.groups.resize_with(ng, Group::default);
        self.groups.truncate(ng);
        for (g, group) in self.groups.iter_mut().zip(&model.agent_groups) {
            // A roster's people arrive with their shifts' start events.
            let staffing = match group.roster {
                Some(_) => 0,
                None => group.staffing.agents_of_step(0),
            };
            g.busy = 0;
            g.staffing = staffing;
            g.step = 0;
            g.idle.clear();
            g.idle.extend(std::iter::repeat_n(0.0, staffing as usize));
            g.accounted_to = 0.0;
        }
        self.prepare_rosters(model);
        self.servers = (0..nt)
            .map(|k| {
                let mut s: Vec<Server> = model
                    .agent_groups
                    .iter()
                    .enumerate()
                    .filter_map(|(g, group)| {
                        group
                            .skills
                            .iter()
                            .find(|s| s.call_type == k)
                            .map(|s| Server {
                                group: g as u32,
                                rank: s.rank,
                                delay_s: s.delay_s,
                            })
                    })
                    .collect();
                s.sort_by_key(|s| (s.rank, s.group));
                s
            })
            .collect();
        self.delays = self
            .servers
            .iter()
            .map(|servers| {
                let mut d: Vec<f64> = servers
                    .iter()
                    .map(|s| s.delay_s)
                    .filter(|&d| d > 0.0)
                    .collect();
                d.sort_by(f64::total_cmp);
                d.dedup();
                d
            })
            .collect();
        self.skills = model
            .agent_groups
            .iter()
            .map(|g| {
                let mut s: Vec<Skill> = g
                    .skills
                    .iter()
                    .map(|s| Skill {
                        ty: s.call_type as u32,
                        rank: s.rank,
                        delay_s: s.delay_s,
                    })
                    .collect();
                s.sort_by_key(|s| s.ty);
                s
            })
            .collect();
        self.factors = vec![1.0; ng * nt];
        for (g, group) in model.agent_groups.iter().enumerate() {
            for s in &group.skills {
                self.factors[g * nt + s.call_type] = s.factor;
            }
        }
    }
}

/// Simulates replication `replication` of `model` (any number of call types and groups),
/// filling `tally`: its breakdown per type and group, and the centre as their sum.
pub fn simulate(
    model: &Model,
    exp: &Experiment,
    replication: u64,
    tally: &mut Tally,
    ws: &mut GeneralWorkspace,
) -> Outcome {
    tally.reset();
    let mut breakdown = tally
        .breakdown
        .take()
        .unwrap_or_else(|| Box::new(Breakdown::new(model)));
    breakdown.reset();
    ws.prepare(model);
    let outcome = {
        let mut sim = Sim {
            model,
            warmup: exp.warmup_s,
            horizon: model.clock.horizon_s,
            ws,
            bd: &mut breakdown,
            arrivals: model
                .call_types
                .iter()
                .enumerate()
                .map(|(k, t)| Arrivals::of_type(t, &model.clock, exp.seed, replication, k))
                .collect(),
            draws: model
                .call_types
                .iter()
                .enumerate()
                .map(|(k, t)| CallDraws::of_type(t, exp.seed, replication, k))
                .collect(),
            balk_rngs: (0..model.call_types.len())
                .map(|k| stream_for(exp.seed, replication, Purpose::Balk, k))
                .collect(),
            route_rng: stream(exp.seed, replication, Purpose::Routing),
            redials: model
                .call_types
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    let rule = t.redial.as_ref()?;
                    Some(Redials::for_type(rule, exp.seed, replication, k))
                })
                .collect(),
            capped: false,
            busy_total: 0,
            waiting_total: 0,
            lines: model.lines.map_or(usize::MAX, |l| l as usize),
        };
        sim.run()
    };
    for t in &breakdown.types {
        tally.absorb(t);
    }
    for g in &breakdown.groups {
        for slot in 0..model.intervals() {
            tally.agent_time(slot, g.busy_time[slot], g.staffed_time[slot]);
        }
    }
    if model.agent_groups.iter().any(|g| g.roster.is_some()) {
        let shifts = tally.shifts.get_or_insert_with(|| {
            Box::new(crate::stats::shifts::ShiftTally::new(model.intervals()))
        });
        // Time on the phones of the groups that work shifts (paid hours count only them).
        let groups = &breakdown.groups;
        let on_phones = |i: usize| -> f64 {
            (model.agent_groups.iter().zip(groups))
                .filter(|(g, _)| g.roster.is_some())
                .map(|(_, t)| t.staffed_time[i])
                .sum()
        };
        ws.roster_tally(shifts, on_phones);
    }
    tally.breakdown = Some(breakdown);
    outcome
}

struct Sim<'a> {
    model: &'a Model,
    warmup: f64,
    horizon: f64,
    ws: &'a mut GeneralWorkspace,
    bd: &'a mut Breakdown,
    arrivals: Vec<Arrivals<'a>>,
    draws: Vec<CallDraws<'a>>,
    balk_rngs: Vec<Xoshiro256PlusPlus>,
    route_rng: Xoshiro256PlusPlus,
    /// Per call type: its callers' pending attempts, when it has redials.
    redials: Vec<Option<Redials<'a>>>,
    /// The day's redials passed the cap on calls in a day: the day ends there.
    capped: bool,
    /// Agents talking, all groups together.
    busy_total: usize,
    /// Calls in the queues that have not been recorded as gone (some may be past their
    /// deadline, found out lazily).
    waiting_total: usize,
    lines: usize,
}

impl Sim<'_> {
    fn schedule(&mut self, t: f64, ev: Ev) {
        match ev {
            // Groups changing staffing at one instant go in declared order.
            Ev::Leave { group, .. } | Ev::Join { group, .. } => {
                self.ws
                    .calendar
                    .schedule_with_tie(t, ev, shifts::group_tie(group))
            }
            Ev::Roster(r) => self.ws.calendar.schedule_with_tie(t, ev, r.tie()),
            _ => self.ws.calendar.schedule(t, ev),
        }
    }

    /// Schedules group `g`'s next change of staffing after step `k`.
    fn schedule_staffing_after(&mut self, g: usize, k: usize) {
        let staffing = &self.model.agent_groups[g].staffing;
        let now = staffing.agents_of_step(k);
        let mut next = k + 1;
        while next < staffing.steps().len() && staffing.agents_of_step(next) == now {
            next += 1;
        }
        if next < staffing.steps().len() {
            let t = staffing.steps()[next].at;
            let (group, step) = (g as u32, next as u32);
            let ev = if staffing.agents_of_step(next) < now {
                Ev::Leave { group, step }
            } else {
                Ev::Join { group, step }
            };
            self.schedule(t, ev);
        }
    }

    fn run(&mut self) -> Outcome {
        for k in 0..self.model.call_types.len() {
            let first = self.arrivals[k].first();
            self.schedule(first, Ev::Arrival { ty: k as u32 });
        }
        for g in 0..self.model.agent_groups.len() {
            match self.model.agent_groups[g].roster {
                Some(_) => self.schedule_roster(g),
                None => self.schedule_staffing_after(g, 0),
            }
        }
        let mut waiting_at_close = None;
        while let Some((t, ev)) = self.ws.calendar.pop() {
            if waiting_at_close.is_none() && t > self.horizon {
                waiting_at_close = Some(self.still_waiting_at(self.horizon));
            }
            match ev {
                Ev::Leave { group, step } => self.agents_leave(t, group as usize, step as usize),
                Ev::End { group, agent } => self.call_ends(t, group as usize, agent),
                Ev::Join { group, step } => self.agents_join(t, group as usize, step as usize),
                Ev::Overflow {
                    call,
                    serial,
                    delay,
                } => self.overflow(t, call, serial, delay as usize),
                Ev::Arrival { ty } => {
                    let k = ty as usize;
                    self.arrive(t, k);
                    let next = self.arrivals[k].next(t);
                    self.schedule(next, Ev::Arrival { ty });
                }
                Ev::Roster(r) => self.roster_event(t, r),
                Ev::HangUp { call, serial } => self.hang_up(t, call, serial),
                Ev::Redial { ty } => self.redial_arrives(t, ty as usize),
            }
            if self.capped {
                break;
            }
        }
        for g in 0..self.ws.groups.len() {
            self.account(g, self.horizon);
        }
        let waiting_at_close =
            waiting_at_close.unwrap_or_else(|| self.still_waiting_at(self.horizon));
        let stranded = self.flush_queues();
        Outcome {
            stranded,
            waiting_at_close,
            redials_capped: self.capped,
        }
    }

    /// Adds group `g`'s agent time from where it was accounted to `t`, split by interval,
    /// counting only between warm-up and the end of arrivals. Called before every change
    /// of the group's busy or staffed agents.
    fn account(&mut self, g: usize, t: f64) {
        let group = &mut self.ws.groups[g];
        let mut from = group.accounted_to.max(self.warmup);
        let to = t.min(self.horizon);
        group.accounted_to = group.accounted_to.max(t);
        if to <= from {
            return;
        }
        let busy = group.busy as f64;
        let on_phones = group.busy.max(group.staffing) as f64;
        let tally: &mut GroupTally = &mut self.bd.groups[g];
        let clock = &self.model.clock;
        while to > from {
            let i = clock.interval_at(from);
            let end = clock.boundary_after(i).min(to);
            let dt = end - from;
            tally.busy_time[i] += busy * dt;
            tally.staffed_time[i] += on_phones * dt;
            from = end;
        }
    }

    /// Callers in the queues who have not hung up by `t`.
    fn still_waiting_at(&self, t: f64) -> u64 {
        let ws = &*self.ws;
        ws.queues
            .iter()
            .flatten()
            .filter(|&&(i, serial)| {
                let c = &ws.calls[i as usize];
                c.serial == serial && c.deadline > t
            })
            .count() as u64
    }

    fn arrive(&mut self, t: f64, k: usize) {
        let interval = self.arrivals[k].interval();
        let caller = if self.redials[k].is_some() {
            let slot = self.slot_of(t, interval, k);
            self.bd.types[k].caller(slot);
            Caller::first(slot)
        } else {
            Caller::first(0)
        };
        self.attempt(t, k, interval, caller);
    }

    /// The tally slot of a call of type `k` arriving at `t` in `interval`.
    fn slot_of(&self, t: f64, interval: usize, k: usize) -> usize {
        if t >= self.warmup {
            interval
        } else {
            self.bd.types[k].sink()
        }
    }

    /// One attempt of `caller`, of type `k`, arriving at `t` in `interval`.
    fn attempt(&mut self, t: f64, k: usize, interval: usize, caller: Caller) {
        let (service, deadline) = self.draws[k].draw(t, interval);
        let call_type = &self.model.call_types[k];
        // Drawn for every call whatever happens to it, so variants keep their streams.
        let balks = call_type.balk > 0.0 && self.balk_rngs[k].random::<f64>() < call_type.balk;
        let tally = &mut self.bd.types[k];
        let slot = if t >= self.warmup {
            interval
        } else {
            tally.sink()
        };
        tally.offered(slot);
        if self.busy_total + self.waiting_total >= self.lines {
            // Hang-ups at this instant come before arrivals.
            self.purge_gone(t, true);
            if self.busy_total + self.waiting_total >= self.lines {
                self.bd.types[k].blocked(slot);
                self.consider_redial(t, k, caller, Reason::BusySignal);
                return;
            }
        }
        if let Some((g, agent)) = self.choose_group(k, 0.0) {
            self.bd.types[k].answered(slot, 0.0);
            self.caller_answered(k, caller, 0.0);
            self.start_call(t, g, agent, k, slot, service);
            return;
        }
        if balks {
            self.bd.types[k].abandoned(slot, 0.0);
            self.consider_redial(t, k, caller, Reason::HungUp);
            return;
        }
        let index = match self.ws.free_calls.pop() {
            Some(i) => i,
            None => {
                self.ws.calls.push(Call::default());
                (self.ws.calls.len() - 1) as u32
            }
        };
        let call = &mut self.ws.calls[index as usize];
        call.arrival = t;
        call.deadline = deadline;
        call.service = service;
        call.ty = k as u32;
        call.slot = slot as u32;
        call.caller = caller;
        let serial = call.serial;
        self.ws.queues[k].push_back((index, serial));
        self.waiting_total += 1;
        if self.redials[k].is_some() && deadline.is_finite() {
            self.schedule(
                deadline,
                Ev::HangUp {
                    call: index,
                    serial,
                },
            );
        }
        for d in 0..self.ws.delays[k].len() {
            let at = t + self.ws.delays[k][d];
            if at < deadline {
                self.schedule(
                    at,
                    Ev::Overflow {
                        call: index,
                        serial,
                        delay: d as u32,
                    },
                );
            }
        }
    }

    /// The group that takes a call of type `k` that has waited `waited` (0 on arrival,
    /// an overflow delay later), and its agent, taken off the idle list; None if no group
    /// with the skill, a delay of at most `waited` and an available agent.
    fn choose_group(&mut self, k: usize, waited: f64) -> Option<(usize, u32)> {
        let ws = &mut *self.ws;
        let servers = &ws.servers[k];
        let groups = &ws.groups;
        let eligible =
            |s: &Server| s.delay_s <= waited && !groups[s.group as usize].idle.is_empty();
        let first = servers.iter().position(eligible)?;
        let rank = servers[first].rank;
        let same_rank = servers[first..]
            .iter()
            .take_while(|s| s.rank == rank)
            .filter(|s| eligible(s));
        let mut chosen = servers[first].group as usize;
        match self.model.routing.agent_choice {
            AgentChoice::First => {}
            AgentChoice::LongestIdle => {
                let mut oldest = groups[chosen].idle[0];
                for s in same_rank {
                    let since = groups[s.group as usize].idle[0];
                    if since < oldest {
                        (oldest, chosen) = (since, s.group as usize);
                    }
                }
            }
            AgentChoice::MostIdle => {
                let mut most = groups[chosen].idle.len();
                for s in same_rank {
                    let n = groups[s.group as usize].idle.len();
                    if n > most {
                        (most, chosen) = (n, s.group as usize);
                    }
                }
            }
            AgentChoice::Random => {
                let candidates: usize = same_rank
                    .clone()
                    .map(|s| groups[s.group as usize].idle.len())
                    .sum();
                let mut pick = self.route_rng.random_range(0..candidates);
                let mut drawn = None;
                for s in same_rank {
                    let n = groups[s.group as usize].idle.len();
                    if pick < n {
                        drawn = Some((s.group as usize, pick));
                        break;
                    }
                    pick -= n;
                }
                let (g, agent) = drawn.expect("the pick is below the number of candidates");
                return Some((g, ws.take_idle(g, agent)));
            }
        }
        // Within the chosen group, its longest-idle agent.
        Some((chosen, ws.take_idle(chosen, 0)))
    }

    /// Group `g`'s agent (already off the idle list) starts a call of type `k` at `t`.
    fn start_call(&mut self, t: f64, g: usize, agent: u32, k: usize, slot: usize, service: f64) {
        self.account(g, t);
        self.ws.roster_busy(g, agent);
        self.ws.groups[g].busy += 1;
        self.busy_total += 1;
        self.bd.groups[g].count_answered(slot, k);
        let factor = self.ws.factors[g * self.ws.queues.len() + k];
        let group = g as u32;
        self.schedule(t + service * factor, Ev::End { group, agent });
    }

    /// An agent of group `g` finishes a call: leaves if the group is over its staffing,
    /// else takes the next call the policy gives it, or idles.
    fn call_ends(&mut self, t: f64, g: usize, agent: u32) {
        self.account(g, t);
        let group = &mut self.ws.groups[g];
        group.busy -= 1;
        self.busy_total -= 1;
        if group.roster.is_some() {
            self.roster_call_ended(t, g, agent);
        } else if group.busy < group.staffing {
            self.agent_available(t, g, agent);
        }
    }

    /// A free agent of group `g` takes a waiting call or goes on the idle list.
    fn agent_available(&mut self, t: f64, g: usize, agent: u32) {
        if !self.take_call(t, g, agent) {
            self.ws.push_idle(g, agent, t);
        }
    }

    /// A free agent of group `g` takes the waiting call the policy gives it, if any.
    fn take_call(&mut self, t: f64, g: usize, agent: u32) -> bool {
        let Some(k) = self.choose_call(t, g) else {
            return false;
        };
        let (index, _) = self.ws.queues[k].pop_front().expect("a live head");
        let call = self.release(index);
        self.bd.types[k].answered(call.slot as usize, t - call.arrival);
        self.caller_answered(k, call.caller, t - call.arrival);
        self.start_call(t, g, agent, k, call.slot as usize, call.service);
        true
    }

    /// The call type whose queue head a free agent of group `g` takes at `t` by the
    /// routing policy, among heads that have waited at least the group's delay.
    fn choose_call(&mut self, t: f64, g: usize) -> Option<usize> {
        let mut best: Option<(usize, f64, f64)> = None; // type, primary, secondary keys
        for s in 0..self.ws.skills[g].len() {
            let Skill { ty, rank, delay_s } = self.ws.skills[g][s];
            let k = ty as usize;
            let Some(arrival) = self.live_head(k, t) else {
                continue;
            };
            // Compared as the overflow event's time is computed, so that a call at its
            // delay is seen as having waited it.
            if arrival + delay_s > t {
                continue;
            }
            let key = match self.model.routing.policy {
                Policy::Priority => (rank as f64, arrival),
                Policy::Fifo => (arrival, 0.0),
                Policy::WeightedWait => {
                    let c = &self.model.call_types[k];
                    (-(c.weight * (t - arrival) + c.bonus_s), 0.0)
                }
            };
            if best.is_none_or(|(_, a, b)| key.0 < a || (key.0 == a && key.1 < b)) {
                best = Some((k, key.0, key.1));
            }
        }
        best.map(|(k, _, _)| k)
    }

    /// The arrival time of the first caller of type `k` still waiting at `t`, recording
    /// those before it who hung up before `t`.
    fn live_head(&mut self, k: usize, t: f64) -> Option<f64> {
        while let Some(&(index, serial)) = self.ws.queues[k].front() {
            let call = self.ws.calls[index as usize];
            if call.serial != serial {
                self.ws.queues[k].pop_front();
            } else if call.deadline < t {
                self.ws.queues[k].pop_front();
                self.release(index);
                self.bd.types[k].abandoned(call.slot as usize, call.deadline - call.arrival);
            } else {
                return Some(call.arrival);
            }
        }
        None
    }

    /// Frees a waiting call's slab entry (it was answered or hung up) and returns it.
    fn release(&mut self, index: u32) -> Call {
        let call = &mut self.ws.calls[index as usize];
        let c = *call;
        call.serial = call.serial.wrapping_add(1);
        self.ws.free_calls.push(index);
        self.waiting_total -= 1;
        c
    }

    /// Records every caller who has hung up by `t` (at `t` too when `inclusive`), in
    /// every queue.
    fn purge_gone(&mut self, t: f64, inclusive: bool) {
        for k in 0..self.ws.queues.len() {
            let mut queue = std::mem::take(&mut self.ws.queues[k]);
            queue.retain(|&(index, serial)| {
                let call = self.ws.calls[index as usize];
                if call.serial != serial {
                    return false;
                }
                let gone = call.deadline < t || (inclusive && call.deadline == t);
                if gone {
                    self.release(index);
                    self.bd.types[k].abandoned(call.slot as usize, call.deadline - call.arrival);
                }
                !gone
            });
            self.ws.queues[k] = queue;
        }
    }

    /// A waiting call reaches one of its type's overflow delays: groups whose delay for
    /// it is at most that long may take it now.
    fn overflow(&mut self, t: f64, index: u32, serial: u32, d: usize) {
        let call = self.ws.calls[index as usize];
        // Hang-ups at this instant come before overflow delays.
        if call.serial != serial || call.deadline <= t {
            return;
        }
        let k = call.ty as usize;
        let waited = self.ws.delays[k][d];
        if let Some((g, agent)) = self.choose_group(k, waited) {
            // Its queue entry is left behind with an old serial and skipped later.
            self.release(index);
            // The wait is the delay itself: `t - arrival` can round to a hair above it,
            // and a delay equal to the threshold must count as answered within it.
            self.bd.types[k].answered(call.slot as usize, waited);
            self.caller_answered(k, call.caller, waited);
            self.start_call(t, g, agent, k, call.slot as usize, call.service);
        }
    }

    /// Group `g`'s staffing falls: its most recently idle agents leave now; busy agents
    /// over the new staffing leave as their calls end.
    fn agents_leave(&mut self, t: f64, g: usize, step: usize) {
        self.account(g, t);
        let group = &mut self.ws.groups[g];
        group.staffing = self.model.agent_groups[g].staffing.agents_of_step(step);
        group.step = step;
        let keep = group.staffing.saturating_sub(group.busy) as usize;
        group.idle.truncate(keep);
        self.schedule_staffing_after(g, step);
    }

    /// Group `g`'s staffing rises: each new agent takes a waiting call at once or idles.
    fn agents_join(&mut self, t: f64, g: usize, step: usize) {
        self.account(g, t);
        let group = &mut self.ws.groups[g];
        group.staffing = self.model.agent_groups[g].staffing.agents_of_step(step);
        group.step = step;
        let available = group.staffing.saturating_sub(group.busy) as usize;
        let new = available.saturating_sub(group.idle.len());
        for _ in 0..new {
            self.agent_available(t, g, NO_AGENT);
        }
        self.schedule_staffing_after(g, step);
    }

    /// With redials: a caller reached by an agent after `wait` on this attempt.
    fn caller_answered(&mut self, k: usize, caller: Caller, wait: f64) {
        if self.redials[k].is_some() {
            self.bd.types[k].caller_answered(caller.first_slot as usize, caller.held_s + wait);
        }
    }

    /// With redials: a caller who hung up or got a busy signal at `at` may call again
    /// (counted as a redialer on the first redial).
    fn consider_redial(&mut self, at: f64, k: usize, caller: Caller, reason: Reason) {
        let Some(r) = self.redials[k].as_mut() else {
            return;
        };
        let Some((when, first)) = r.consider_when(at, caller, reason) else {
            return;
        };
        self.capped |= r.over_cap();
        if first {
            self.bd.types[k].redialer(caller.first_slot as usize);
        }
        self.schedule(when, Ev::Redial { ty: k as u32 });
    }

    /// With redials: waiting call `index` hangs up at `t` unless it has left.
    fn hang_up(&mut self, t: f64, index: u32, serial: u32) {
        let call = self.ws.calls[index as usize];
        if call.serial != serial {
            return;
        }
        // Its queue entry is left behind with an old serial and skipped later.
        self.release(index);
        let k = call.ty as usize;
        let wait = call.deadline - call.arrival;
        self.bd.types[k].abandoned(call.slot as usize, wait);
        let held = Caller {
            held_s: call.caller.held_s + wait,
            ..call.caller
        };
        self.consider_redial(t, k, held, Reason::HungUp);
    }

    /// With redials: type `k`'s next pending attempt arrives at `t` (none answers after
    /// the close: such a caller has given up).
    fn redial_arrives(&mut self, t: f64, k: usize) {
        let r = self.redials[k].as_mut().expect("redials of this type");
        let (at, caller) = r.pop().expect("a redial is pending");
        debug_assert_eq!(at, t);
        if t < self.horizon {
            let interval = self.model.clock.interval_at(t);
            self.attempt(t, k, interval, caller);
        }
    }

    /// After the last event: callers still queued hang up at their deadline, or are
    /// stranded if they never would.
    fn flush_queues(&mut self) -> u64 {
        let mut stranded = 0;
        for k in 0..self.ws.queues.len() {
            while let Some((index, serial)) = self.ws.queues[k].pop_front() {
                let call = self.ws.calls[index as usize];
                if call.serial != serial {
                    continue;
                }
                self.release(index);
                if call.deadline.is_finite() {
                    self.bd.types[k].abandoned(call.slot as usize, call.deadline - call.arrival);
                } else {
                    stranded += 1;
                }
            }
        }
        stranded
    }
}
