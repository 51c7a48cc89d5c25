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
    fn class(self) -> u8 {
        match self {
            Event::Completion => 0,
            Event::StaffingChange(_) => 1,
            Event::Arrival => 2,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    t: f64,
    class: u8,
    seq: u64,
    event: Event,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Entry {}

impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Entry {
    /// Reversed, so that the max-heap pops the earliest entry first.
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .t
            .total_cmp(&self.t)
            .then(other.class.cmp(&self.class))
            .then(other.seq.cmp(&self.seq))
    }
}

/// Pending events, earliest first.
#[derive(Debug, Default)]
pub struct Calendar {
    heap: BinaryHeap<Entry>,
    scheduled: u64,
}

impl Calendar {
    /// Schedules `event` at `t`; an event at +∞ never happens and is not kept.
    pub fn schedule(&mut self, t: f64, event: Event) {
        if t < f64::INFINITY {
            self.heap.push(Entry {
                t,
                class: event.class(),
                seq: self.scheduled,
                event,
            });
            self.scheduled += 1;
        }
    }

    /// Takes the next event.
    pub fn pop(&mut self) -> Option<(f64, Event)> {
        self.heap.pop().map(|e| (e.t, e.event))
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
