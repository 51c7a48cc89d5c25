//! The planning clock: how the simulated day is cut into intervals, and their labels.

/// Planning intervals of equal length from time 0 (the last may be cut by the horizon),
/// anchored to a clock time for labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Clock {
    /// Length of a planning interval, seconds.
    pub interval_s: f64,
    /// Clock time of the first interval's start, seconds after midnight.
    pub start_s: f64,
    /// End of arrivals ("close"): intervals × interval length, or the constant-rate horizon.
    pub horizon_s: f64,
    /// Number of planning intervals.
    pub intervals: usize,
}

impl Clock {
    /// Number of planning intervals.
    pub fn len(&self) -> usize {
        self.intervals
    }

    /// Whether the day has no interval (never true of a validated scenario).
    pub fn is_empty(&self) -> bool {
        self.intervals == 0
    }

    /// Start of interval `i` in simulated seconds.
    #[inline]
    pub fn start_of(&self, i: usize) -> f64 {
        i as f64 * self.interval_s
    }

    /// Start and end of interval `i` in simulated seconds (the last may be cut by the horizon).
    #[inline]
    pub fn bounds(&self, i: usize) -> (f64, f64) {
        (self.start_of(i), self.start_of(i + 1).min(self.horizon_s))
    }

    /// Length of interval `i`, seconds.
    pub fn length_of(&self, i: usize) -> f64 {
        let (a, b) = self.bounds(i);
        b - a
    }

    /// The interval an instant falls in; instants after the last interval's start belong
    /// to the last interval (calls still waiting after close are served by its agents).
    #[inline]
    pub fn interval_at(&self, t: f64) -> usize {
        ((t / self.interval_s) as usize).min(self.intervals - 1)
    }

    /// Start of interval `i + 1`, where per-interval staffing may change; +∞ after the last.
    #[inline]
    pub fn boundary_after(&self, i: usize) -> f64 {
        if i + 1 < self.intervals {
            self.start_of(i + 1)
        } else {
            f64::INFINITY
        }
    }

    /// Whether labels need seconds (an interval or start that is not whole minutes).
    pub fn labels_need_seconds(&self) -> bool {
        self.interval_s.fract() != 0.0
            || self.start_s % 60.0 != 0.0
            || self.interval_s % 60.0 != 0.0
    }

    /// Clock label of interval `i`'s start: "08:30", or "08:30:15" when seconds matter.
    pub fn label(&self, i: usize) -> String {
        clock_label(self.start_s + self.start_of(i), self.labels_need_seconds())
    }
}

/// "HH:MM" (or "HH:MM:SS") of a time of day given in seconds; wraps at midnight.
pub fn clock_label(seconds: f64, with_seconds: bool) -> String {
    let total = seconds.round() as u64 % 86_400;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if with_seconds {
        format!("{h:02}:{m:02}:{s:02}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock() -> Clock {
        Clock {
            interval_s: 1800.0,
            start_s: 8.0 * 3600.0,
            horizon_s: 5000.0,
            intervals: 3,
        }
    }

    #[test]
    fn bounds_labels_and_lookup() {
        let c = clock();
        assert_eq!(c.bounds(0), (0.0, 1800.0));
        assert_eq!(c.bounds(2), (3600.0, 5000.0));
        assert_eq!(c.label(1), "08:30");
        assert_eq!(c.interval_at(1799.9), 0);
        assert_eq!(c.interval_at(1800.0), 1);
        assert_eq!(c.interval_at(1e9), 2);
        assert_eq!(c.boundary_after(1), 3600.0);
        assert_eq!(c.boundary_after(2), f64::INFINITY);
    }

    #[test]
    fn seconds_in_labels_only_when_they_matter() {
        let c = Clock {
            interval_s: 90.0,
            ..clock()
        };
        assert_eq!(c.label(1), "08:01:30");
        assert_eq!(clock_label(86_400.0 + 60.0, false), "00:01");
    }
}
