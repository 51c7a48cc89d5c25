//! Synthetic call logs: days of a one-queue scenario simulated call by call, written as a
//! switch would export them (one row per call, with the agent who answered).
//!
//! This is an independent small simulator, not the engine: the engine keeps no per-call
//! records, and a second implementation of the same rules (first come, first served; a
//! waiting call is answered only while fewer agents are busy than the staffing; after
//! close the last interval's agents serve the queue; a hang-up at the deadline loses to
//! an answer at the same instant) makes the back-test of a synthetic log a check of the
//! engine as well. It serves the tests and the example log of `scenarios/`.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

use rand::SeedableRng;
use rand_distr::{Distribution, Gamma, Poisson};
use rand_xoshiro::Xoshiro256PlusPlus;

use super::read::date_label;
use crate::model::{Model, Staffing, clock_label};

/// How many days, from which date, with what seed.
#[derive(Debug, Clone)]
pub struct SynthOptions {
    pub days: u32,
    pub seed: u64,
    /// The first day, as days since 1970-01-01.
    pub first_day: i64,
    /// Share of extra rows handled in the voice menu (outcome `ivr`).
    pub ivr_share: f64,
    /// Decimals of times and durations (switches often write whole seconds).
    pub decimals: usize,
}

/// One simulated call.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SynthCall {
    pub day: u32,
    /// Seconds after midnight.
    pub arrival_s: f64,
    pub wait_s: f64,
    pub answered: bool,
    pub handle_s: f64,
    pub agent: u32,
}

/// A total order on times for the heap of busy agents.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Time(f64);
impl Eq for Time {}
impl PartialOrd for Time {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Time {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Simulates the days of a one-queue model. Panics on a model with several call types
/// (the generator is for tests and examples).
pub fn simulate_days(model: &Model, opts: &SynthOptions) -> Vec<SynthCall> {
    let (calls, group) = model
        .single_queue()
        .expect("synthetic logs are made from one-queue scenarios");
    let clock = &model.clock;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(opts.seed);
    let mut out = Vec::new();
    for day in 0..opts.days {
        let factor = if calls.busyness.day_cv > 0.0 {
            let cv2 = calls.busyness.day_cv.powi(2);
            Gamma::new(1.0 / cv2, cv2)
                .expect("busyness cv is positive")
                .sample(&mut rng)
        } else {
            1.0
        };
        let mut arrivals: Vec<(f64, usize)> = Vec::new();
        for i in 0..clock.len() {
            let (a, b) = clock.bounds(i);
            let mean = calls.rates[i] * factor * (b - a);
            if mean <= 0.0 {
                continue;
            }
            let n = Poisson::new(mean)
                .expect("a positive mean")
                .sample(&mut rng) as usize;
            arrivals.extend((0..n).map(|_| (a + (b - a) * crate::dist::unit_f64(&mut rng), i)));
        }
        arrivals.sort_by(|x, y| x.0.total_cmp(&y.0));
        let mut queue = Queue::new(&group.staffing);
        for (t, i) in arrivals {
            let handle = calls.handle_time.sample(&mut rng) * calls.aht_scale[i];
            let patience = calls
                .patience
                .as_ref()
                .map_or(f64::INFINITY, |p| p.sample(&mut rng));
            if let Some((wait, answered, agent)) = queue.offer(t, patience, handle) {
                out.push(SynthCall {
                    day,
                    arrival_s: clock.start_s + t,
                    wait_s: wait,
                    answered,
                    handle_s: handle,
                    agent,
                });
            }
        }
    }
    out
}

/// First come, first served with the counter rule of the staffing (model time: 0 is the
/// first interval's start).
pub(crate) struct Queue<'a> {
    staffing: &'a Staffing,
    busy: BinaryHeap<Reverse<(Time, u32)>>,
    idle: BTreeSet<u32>,
    /// No capacity was free for waiting callers before this instant.
    now: f64,
}

impl<'a> Queue<'a> {
    pub(crate) fn new(staffing: &'a Staffing) -> Self {
        let most = staffing.steps().iter().map(|s| s.agents).max().unwrap_or(0);
        Queue {
            staffing,
            busy: BinaryHeap::new(),
            idle: (0..most).collect(),
            now: 0.0,
        }
    }

    fn next_change(&self, t: f64) -> f64 {
        self.staffing
            .steps()
            .iter()
            .find(|s| s.at > t)
            .map_or(f64::INFINITY, |s| s.at)
    }

    /// A caller arriving at `a`: (wait, answered, agent), or None if never answered nor
    /// hung up (no agents left and no patience).
    pub(crate) fn offer(&mut self, a: f64, patience: f64, handle: f64) -> Option<(f64, bool, u32)> {
        let deadline = a + patience;
        let mut t = a.max(self.now);
        loop {
            while let Some(Reverse((Time(end), id))) = self.busy.peek().copied() {
                if end > t {
                    break;
                }
                self.busy.pop();
                self.idle.insert(id);
            }
            if (self.busy.len() as u32) < self.staffing.agents_at(t) {
                let id = self
                    .idle
                    .pop_first()
                    .expect("an idle agent below the staffing");
                self.busy.push(Reverse((Time(t + handle), id)));
                self.now = t;
                return Some((t - a, true, id));
            }
            let next_end = self.busy.peek().map_or(f64::INFINITY, |r| (r.0).0.0);
            let next = next_end.min(self.next_change(t));
            if next > deadline {
                if deadline.is_infinite() {
                    return None;
                }
                self.now = self.now.max(deadline);
                return Some((patience, false, 0));
            }
            t = next;
        }
    }
}

/// The CSV a switch would export: `arrival` (a timestamp), `wait`, `outcome`
/// (answered / abandoned / ivr), `talk` and `agent`; voice-menu rows have no wait.
pub fn write_csv(calls: &[SynthCall], opts: &SynthOptions) -> String {
    let d = opts.decimals;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(opts.seed ^ 0x5eed_1a7e);
    let mut s = String::from("arrival,wait,outcome,talk,agent\n");
    let stamp = |day: u32, t: f64| {
        let whole = t.floor();
        let frac = t - whole;
        let base = clock_label(whole, true);
        let date = date_label(opts.first_day + day as i64);
        if d == 0 {
            format!("{date} {base}")
        } else {
            let f = format!("{frac:.d$}");
            // "0.25" → ".25"; a fraction rounding up to 1 keeps the whole second.
            let f = if f.starts_with('1') {
                format!(".{}", "9".repeat(d))
            } else {
                f[1..].to_string()
            };
            format!("{date} {base}{f}")
        }
    };
    for c in calls {
        if opts.ivr_share > 0.0 && crate::dist::unit_f64(&mut rng) < opts.ivr_share {
            s.push_str(&format!("{},,ivr,,\n", stamp(c.day, c.arrival_s)));
        }
        if c.answered {
            s.push_str(&format!(
                "{},{:.d$},answered,{:.d$},A{:03}\n",
                stamp(c.day, c.arrival_s),
                c.wait_s,
                c.handle_s,
                c.agent + 1
            ));
        } else {
            s.push_str(&format!(
                "{},{:.d$},abandoned,,\n",
                stamp(c.day, c.arrival_s),
                c.wait_s
            ));
        }
    }
    s
}
