//! The event calendar of the event engine: pending events ordered by time, then by the
//! class of event (the tie rule between kinds of events at one instant), then by the order
//! in which they were scheduled. Nothing random ever breaks a tie, so a replication is
//! reproducible whatever happens to coincide.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Something scheduled to happen. The order of the variants is the order in which events
/// at the same instant are taken (see [`Event::class`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// An agent finishes a call.
    Completion,
    /// The roster moves to step `k`: agents arrive or leave.
    StaffingChange(usize),
    /// A call arrives.
    Arrival,
}

impl Event {
    /// Rank among events at one instant: completions, then staffing changes, then
    /// arrivals (the one-queue rule of SPEC.md, which the recursion engine also follows).
    /// A new kind of event (hang-ups, overflow delays, breaks) gets its rank here.
    pub fn class(self) -> u8 {
        match self {
            Event::Completion => 0,
            Event::StaffingChange(_) => 1,
            Event::Arrival => 2,
        }
    }
}

/// What a calendar can hold: its rank among events at one instant.
pub trait Ranked: Copy {
    fn class(&self) -> u8;
}

impl Ranked for Event {
    fn class(&self) -> u8 {
        Event::class(*self)
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry<E> {
    t: f64,
    class: u8,
    tie: u64,
    event: E,
}

impl<E> PartialEq for Entry<E> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl<E> Eq for Entry<E> {}

impl<E> PartialOrd for Entry<E> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<E> Ord for Entry<E> {
    /// Reversed, so that the max-heap pops the earliest entry first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .t
            .total_cmp(&self.t)
            .then(other.class.cmp(&self.class))
            .then(other.tie.cmp(&self.tie))
    }
}

/// Pending events, earliest first: by time, then class, then tie (by default the order
/// they were scheduled). Every engine's pending events (the event engine's, the general
/// engine's, the redials') sit in one of these.
#[derive(Debug)]
pub struct Calendar<E = Event> {
    heap: BinaryHeap<Entry<E>>,
    scheduled: u64,
}

impl<E> Default for Calendar<E> {
    fn default() -> Self {
        Calendar {
            heap: BinaryHeap::new(),
            scheduled: 0,
        }
    }
}

impl<E: Ranked> Calendar<E> {
    /// Schedules `event` at `t`, after what was scheduled before it at the same instant
    /// and class; an event at +∞ never happens and is not kept.
    pub fn schedule(&mut self, t: f64, event: E) {
        let tie = self.scheduled;
        self.schedule_with_tie(t, event, tie);
    }

    /// Schedules `event` at `t` with its own tie-breaker among events of its class at
    /// that instant (groups changing staffing at once go in declared order).
    pub fn schedule_with_tie(&mut self, t: f64, event: E, tie: u64) {
        if t < f64::INFINITY {
            self.heap.push(Entry {
                t,
                class: event.class(),
                tie,
                event,
            });
            self.scheduled += 1;
        }
    }

    /// Takes the next event.
    pub fn pop(&mut self) -> Option<(f64, E)> {
        self.heap.pop().map(|e| (e.t, e.event))
    }

    /// When the next event happens (+∞ when none is pending).
    pub fn next_time(&self) -> f64 {
        self.heap.peek().map_or(f64::INFINITY, |e| e.t)
    }

    /// Events scheduled since the calendar was made or cleared.
    pub fn scheduled(&self) -> u64 {
        self.scheduled
    }

    /// Empties the calendar, keeping its memory.
    pub fn clear(&mut self) {
        self.heap.clear();
        self.scheduled = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_then_class_then_insertion() {
        let mut c = Calendar::default();
        c.schedule(2.0, Event::Arrival);
        c.schedule(1.0, Event::Arrival);
        c.schedule(1.0, Event::StaffingChange(3));
        c.schedule(1.0, Event::Completion);
        c.schedule(1.0, Event::StaffingChange(4));
        c.schedule(f64::INFINITY, Event::Completion);
        let order: Vec<_> = std::iter::from_fn(|| c.pop()).collect();
        assert_eq!(
            order,
            [
                (1.0, Event::Completion),
                (1.0, Event::StaffingChange(3)),
                (1.0, Event::StaffingChange(4)),
                (1.0, Event::Arrival),
                (2.0, Event::Arrival),
            ]
        );
        assert!(c.pop().is_none());
    }
}
