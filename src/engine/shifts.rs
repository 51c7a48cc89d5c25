//! Rosters in the general engine: each agent of a shift is a person who follows SPEC
//! "Shifts, uncertain days and redials" exactly. A child module of `skills` (it extends
//! its `Sim` with the roster's events and hooks), kept apart so that the routing engine
//! stays readable and groups without rosters keep their code path untouched.
//!
//! A group with a roster keeps the general engine's bookkeeping: `Group::staffing` counts
//! its people on the phones (idle or busy, including those finishing a call past their
//! shift end or a due break), `Group::idle` their idle-since times oldest first, and the
//! roster state here the ids of those idle people in the same order, ties going to the
//! shift declared first (ids are given shift by shift in declared order).
//!
//! A person's breaks are taken in order. `opened` counts the breaks whose start has come
//! and `closed` those whose window has ended (a fixed break closes when it opens): the
//! next break is *due* once opened, and *forced* once closed. A freed person (call ended,
//! break ended, shift started) takes a due break if it is forced or no call waits for
//! them, else answers; a due break therefore waits for the end of a call or of another
//! break, which is SPEC's delayed break and "a break due during another is due when that
//! one ends".

use std::collections::VecDeque;

use super::{Ev, GeneralWorkspace, Sim};
use crate::model::{Model, Roster};
use crate::stats::shifts::ShiftTally;

/// No person: the agent id of groups without rosters.
pub(super) const NO_AGENT: u32 = u32::MAX;

/// A roster event of one group.
#[derive(Debug, Clone, Copy)]
pub(super) struct RosterEv {
    group: u32,
    shift: u32,
    /// The break (ShiftStart, ShiftEnd: 0) or, for BreakEnd, the person.
    item: u32,
    kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    ShiftEnd,
    BreakOpen,
    BreakClose,
    ShiftStart,
    BreakEnd,
}

impl RosterEv {
    /// SPEC's order at one instant: shift ends and breaks falling due with agents leaving
    /// (0), shift starts and break ends with agents arriving (2).
    pub(super) fn class(&self) -> u8 {
        match self.kind {
            Kind::ShiftEnd | Kind::BreakOpen | Kind::BreakClose => 0,
            Kind::ShiftStart | Kind::BreakEnd => 2,
        }
    }

    /// Order among events of one class at one instant: groups in declared order (as
    /// staffing changes, whose tie is `group << 44`), then shifts in declared order.
    pub(super) fn tie(&self) -> u64 {
        let kind = self.kind as u64;
        (u64::from(self.group) << 44)
            | (u64::from(self.shift) << 24)
            | (kind << 21)
            | u64::from(self.item & 0x1f_ffff)
    }
}

/// The tie of a group's staffing changes, in the same order as roster events.
pub(super) fn group_tie(group: u32) -> u64 {
    u64::from(group) << 44
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before the shift starts.
    Off,
    Idle,
    Busy,
    Break,
    Gone,
}

#[derive(Debug, Clone, Copy)]
struct Person {
    shift: u32,
    phase: Phase,
    /// The next break to take.
    next_break: u32,
    /// Breaks whose start has come.
    opened: u32,
    /// Breaks whose window has ended (fixed breaks: at their start).
    closed: u32,
    /// The shift has ended during a call: leaves when it ends (close shifts: when no
    /// call waits).
    leaving: bool,
}

/// A group's people and what they did in this replication.
#[derive(Debug, Clone, Default)]
pub(super) struct RosterState {
    people: Vec<Person>,
    /// The first person of each shift; shift `s` has `first[s]..first[s + 1]`.
    first: Vec<u32>,
    /// Ids of idle people, in the order of `Group::idle`.
    ids: VecDeque<u32>,
    tally: ShiftTally,
}

impl RosterState {
    fn prepare(&mut self, roster: &Roster, intervals: usize) {
        self.people.clear();
        self.first.clear();
        for (s, shift) in roster.shifts.iter().enumerate() {
            self.first.push(self.people.len() as u32);
            self.people.extend(std::iter::repeat_n(
                Person {
                    shift: s as u32,
                    phase: Phase::Off,
                    next_break: 0,
                    opened: 0,
                    closed: 0,
                    leaving: false,
                },
                shift.count as usize,
            ));
        }
        self.first.push(self.people.len() as u32);
        self.ids.clear();
        if self.tally.on_phones_s.len() == intervals {
            self.tally.reset();
        } else {
            self.tally = ShiftTally::new(intervals);
        }
    }

    fn people_of(&self, shift: u32) -> std::ops::Range<u32> {
        self.first[shift as usize]..self.first[shift as usize + 1]
    }
}

impl GeneralWorkspace {
    /// Prepares each roster group's people for a replication (groups without a roster
    /// get no state).
    pub(super) fn prepare_rosters(&mut self, model: &Model) {
        for (group, g) in self.groups.iter_mut().zip(&model.agent_groups) {
            match &g.roster {
                Some(r) => group
                    .roster
                    .get_or_insert_with(Box::default)
                    .prepare(r, model.intervals()),
                None => group.roster = None,
            }
        }
    }

    /// Takes the idle agent at `pos` of group `g` off the idle list: its id, or
    /// [`NO_AGENT`] in a group without roster.
    pub(super) fn take_idle(&mut self, g: usize, pos: usize) -> u32 {
        let group = &mut self.groups[g];
        group.idle.remove(pos);
        match group.roster.as_mut() {
            Some(r) => r.ids.remove(pos).expect("ids follow the idle list"),
            None => NO_AGENT,
        }
    }

    /// Puts agent `agent` of group `g` on the idle list, idle since `t`: at the back,
    /// except that among people idle since the same instant the shift declared first
    /// comes first.
    pub(super) fn push_idle(&mut self, g: usize, agent: u32, t: f64) {
        let group = &mut self.groups[g];
        let Some(r) = group.roster.as_mut() else {
            group.idle.push_back(t);
            return;
        };
        let mut pos = group.idle.len();
        while pos > 0 && group.idle[pos - 1] == t && r.ids[pos - 1] > agent {
            pos -= 1;
        }
        group.idle.insert(pos, t);
        r.ids.insert(pos, agent);
        r.people[agent as usize].phase = Phase::Idle;
    }

    /// Marks a roster person as on a call.
    pub(super) fn roster_busy(&mut self, g: usize, agent: u32) {
        if let Some(r) = self.groups[g].roster.as_mut() {
            r.people[agent as usize].phase = Phase::Busy;
        }
    }

    /// Moves each roster group's figures into `tally`, with the agent time on the phones
    /// the engine accounted for the group (`staffed`, per interval).
    pub(super) fn roster_tally(&self, tally: &mut ShiftTally, staffed: impl Fn(usize) -> f64) {
        for (i, on_phones) in tally.on_phones_s.iter_mut().enumerate() {
            *on_phones = staffed(i);
        }
        for r in self.groups.iter().filter_map(|g| g.roster.as_ref()) {
            let t = &r.tally;
            for (a, b) in [
                (&mut tally.break_s, &t.break_s),
                (&mut tally.overtime_s, &t.overtime_s),
                (&mut tally.delayed_break_s, &t.delayed_break_s),
            ] {
                a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
            }
            tally.dropped_breaks += t.dropped_breaks;
        }
    }
}

impl Sim<'_> {
    fn roster_of(&self, g: usize) -> &Roster {
        self.model.agent_groups[g]
            .roster
            .as_ref()
            .expect("a roster group")
    }

    fn state(&mut self, g: usize) -> &mut RosterState {
        self.ws.groups[g].roster.as_mut().expect("a roster group")
    }

    /// Schedules group `g`'s shift starts and ends and its break windows.
    pub(super) fn schedule_roster(&mut self, g: usize) {
        let group = g as u32;
        let mut events = Vec::new();
        for (s, shift) in self.roster_of(g).shifts.iter().enumerate() {
            let ev = |kind, item| RosterEv {
                group,
                shift: s as u32,
                item,
                kind,
            };
            if shift.count == 0 {
                continue;
            }
            events.push((shift.start_s, ev(Kind::ShiftStart, 0)));
            events.push((shift.end_s, ev(Kind::ShiftEnd, 0)));
            for (k, b) in shift.breaks.iter().enumerate() {
                events.push((b.start_s, ev(Kind::BreakOpen, k as u32)));
                if b.window_s > 0.0 {
                    events.push((b.start_s + b.window_s, ev(Kind::BreakClose, k as u32)));
                }
            }
        }
        for (t, ev) in events {
            self.schedule(t, Ev::Roster(ev));
        }
    }

    pub(super) fn roster_event(&mut self, t: f64, ev: RosterEv) {
        let g = ev.group as usize;
        match ev.kind {
            Kind::ShiftStart => {
                for a in self.state(g).people_of(ev.shift) {
                    self.account(g, t);
                    self.ws.groups[g].staffing += 1;
                    self.person_free(t, g, a);
                }
            }
            Kind::ShiftEnd => {
                for a in self.state(g).people_of(ev.shift) {
                    self.shift_ends_for(t, g, a);
                }
            }
            Kind::BreakOpen => {
                let fixed = self.roster_of(g).shifts[ev.shift as usize].breaks[ev.item as usize]
                    .window_s
                    == 0.0;
                for a in self.state(g).people_of(ev.shift) {
                    let p = &mut self.state(g).people[a as usize];
                    p.opened = ev.item + 1;
                    if fixed {
                        p.closed = ev.item + 1;
                    }
                    // An idle person has no call to take: the break starts now. (Busy or
                    // on a break, it waits for the end of that.)
                    if p.phase == Phase::Idle {
                        self.remove_idle(g, a);
                        self.start_break(t, g, a);
                    }
                }
            }
            Kind::BreakClose => {
                for a in self.state(g).people_of(ev.shift) {
                    self.state(g).people[a as usize].closed = ev.item + 1;
                }
            }
            Kind::BreakEnd => {
                let a = ev.item;
                if self.state(g).people[a as usize].phase == Phase::Break {
                    self.account(g, t);
                    self.ws.groups[g].staffing += 1;
                    self.person_free(t, g, a);
                }
            }
        }
    }

    /// Person `a` of group `g` is free at `t` (shift start, break end, call end): takes
    /// a due break if it is forced or no call waits, else a waiting call, else idles.
    fn person_free(&mut self, t: f64, g: usize, a: u32) {
        let p = self.state(g).people[a as usize];
        let due = p.next_break < p.opened;
        if due && (p.next_break < p.closed || !self.call_waiting_for(t, g)) {
            self.start_break(t, g, a);
            return;
        }
        self.agent_available(t, g, a);
    }

    /// Whether a waiting call could go to a free agent of group `g` now.
    fn call_waiting_for(&mut self, t: f64, g: usize) -> bool {
        self.choose_call(t, g).is_some()
    }

    /// Takes idle person `a` off the idle list (staffing falls with it).
    fn remove_idle(&mut self, g: usize, a: u32) {
        let pos = self
            .state(g)
            .ids
            .iter()
            .position(|&id| id == a)
            .expect("an idle person is on the idle list");
        self.ws.take_idle(g, pos);
    }

    /// Person `a` (free, off the idle list) starts their next break at `t`: its delay
    /// counts where it fell due, its length runs to the shift end at most.
    fn start_break(&mut self, t: f64, g: usize, a: u32) {
        self.account(g, t);
        self.ws.groups[g].staffing -= 1;
        let person = self.state(g).people[a as usize];
        let model = self.model;
        let roster = model.agent_groups[g]
            .roster
            .as_ref()
            .expect("a roster group");
        let shift = &roster.shifts[person.shift as usize];
        let b = shift.breaks[person.next_break as usize];
        let end = (t + b.length_s).min(shift.end_s);
        let due = b.start_s + b.window_s;
        let clock = &model.clock;
        let due_interval = clock.interval_at(due);
        let (from, to) = (t, end);
        let state = self.ws.groups[g].roster.as_mut().expect("a roster group");
        state.tally.delayed_break_s[due_interval] += (t - due).max(0.0);
        spread(clock, &mut state.tally.break_s, from, to);
        let p = &mut state.people[a as usize];
        p.phase = Phase::Break;
        p.next_break += 1;
        // A break cut at the shift end needs no end: the shift end sends the person home.
        if end < shift.end_s {
            let ev = RosterEv {
                group: g as u32,
                shift: person.shift,
                item: a,
                kind: Kind::BreakEnd,
            };
            self.schedule(end, Ev::Roster(ev));
        }
    }

    /// The shift of person `a` ends: idle, they leave; on a break, it ends here; busy,
    /// they leave when the call ends.
    fn shift_ends_for(&mut self, t: f64, g: usize, a: u32) {
        let p = self.state(g).people[a as usize];
        let breaks = self.roster_of(g).shifts[p.shift as usize].breaks.len() as u32;
        match p.phase {
            Phase::Idle => {
                self.remove_idle(g, a);
                self.account(g, t);
                self.ws.groups[g].staffing -= 1;
                self.state(g).people[a as usize].phase = Phase::Gone;
            }
            Phase::Busy => self.state(g).people[a as usize].leaving = true,
            Phase::Break | Phase::Off | Phase::Gone => {
                self.state(g).people[a as usize].phase = Phase::Gone
            }
        }
        // Breaks not started by now are dropped (the one under way, if any, counts as
        // taken: `next_break` moved past it when it started).
        self.state(g).tally.dropped_breaks += u64::from(breaks.saturating_sub(p.next_break));
    }

    /// Person `a` of group `g` finished a call at `t` (`busy` already lowered): past the
    /// shift end they leave (agents whose shift reaches the close first answer what
    /// waits), else they are free.
    pub(super) fn roster_call_ended(&mut self, t: f64, g: usize, a: u32) {
        let p = self.state(g).people[a as usize];
        if !p.leaving {
            self.person_free(t, g, a);
            return;
        }
        let end_s = self.roster_of(g).shifts[p.shift as usize].end_s;
        if end_s >= self.horizon && self.take_call(t, g, a) {
            return;
        }
        self.account(g, t);
        self.ws.groups[g].staffing -= 1;
        let clock = &self.model.clock;
        let state = self.ws.groups[g].roster.as_mut().expect("a roster group");
        state.people[a as usize].phase = Phase::Gone;
        spread(clock, &mut state.tally.overtime_s, end_s, t);
    }
}

/// Adds the time from `from` to `to` to `per_interval`, split where it is spent (time
/// past the last interval's end counts in the last interval).
fn spread(clock: &crate::model::Clock, per_interval: &mut [f64], mut from: f64, to: f64) {
    while to > from {
        let i = clock.interval_at(from);
        let end = clock.boundary_after(i).min(to);
        per_interval[i] += end - from;
        from = end;
    }
}
