//! What varies from one simulated day to the next besides the calls themselves (SPEC
//! "Shifts, uncertain days and redials"): how busy the day is, who is absent, and who
//! calls again after hanging up or getting a busy signal.

use crate::dist::Dist;

/// Day-to-day volume uncertainty of a call type: its rates are multiplied, per simulated
/// day, by a Gamma factor with mean 1 and coefficient of variation `day_cv`, and per
/// interval by an independent one with `interval_cv` (0: no such factor). Gamma mixing of
/// Poisson arrivals is the doubly stochastic model of Jongbloed & Koole (2001): a day's
/// count over an interval of expected count λ then has variance λ + cv²λ².
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Busyness {
    pub day_cv: f64,
    pub interval_cv: f64,
}

impl Busyness {
    /// Whether the rates are exactly the forecast's (today's behaviour).
    pub fn is_none(&self) -> bool {
        self.day_cv == 0.0 && self.interval_cv == 0.0
    }
}

/// Callers who try again: after hanging up (`after_abandon`) or a busy signal
/// (`after_busy`), each with that probability, after a `delay` drawn from its law, for at
/// most `max_attempts` attempts in all (the first call included).
#[derive(Debug, Clone)]
pub struct Redial {
    pub after_abandon: f64,
    pub after_busy: f64,
    pub delay: Dist,
    pub max_attempts: u32,
}

impl Redial {
    /// No limit on attempts: redials stop only when a caller decides not to try again.
    pub const UNLIMITED: u32 = u32::MAX;
}
