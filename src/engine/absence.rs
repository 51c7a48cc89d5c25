//! Absenteeism: which scheduled agents show up on a simulated day.
//!
//! Agents are people: where the staffing rises from 10 to 12, the first 10 are the same
//! people all day, so someone absent is missing from every step they were scheduled for.
//! Each person is absent independently with probability p, so a step of n agents has
//! Binomial(n, 1 − p) present. Drawn level by level (a binomial per rise between
//! distinct staffing levels), from the day's own stream: variants keep common random
//! numbers for calls whatever the absences.

use rand_distr::{Binomial, Distribution};

use super::rng::{Purpose, stream_for};
use crate::model::Staffing;

/// Reusable memory for the day's present staffing.
#[derive(Debug, Default)]
pub struct Present {
    pub staffing: Staffing,
    levels: Vec<u32>,
    present: Vec<u32>,
}

impl Present {
    /// The agents who show up on replication `replication` of `roster`, where each is
    /// absent with probability `absence`.
    pub fn draw(&mut self, roster: &Staffing, absence: f64, seed: u64, replication: u64) {
        self.draw_for_group(roster, absence, seed, replication, 0);
    }

    /// [`draw`](Self::draw) for agent group number `group`, from that group's own stream
    /// (the first group's is the one-queue stream).
    pub fn draw_for_group(
        &mut self,
        roster: &Staffing,
        absence: f64,
        seed: u64,
        replication: u64,
        group: usize,
    ) {
        let mut rng = stream_for(seed, replication, Purpose::Absence, group);
        self.levels.clear();
        self.levels.extend(roster.steps().iter().map(|s| s.agents));
        self.levels.sort_unstable();
        self.levels.dedup();
        self.present.clear();
        let (mut below, mut shown) = (0u32, 0u32);
        for &level in &self.levels {
            let added = (level - below) as u64;
            if added > 0 {
                let b = Binomial::new(added, 1.0 - absence).expect("absence is in [0, 1)");
                shown += b.sample(&mut rng) as u32;
            }
            self.present.push(shown);
            below = level;
        }
        let (levels, present) = (&self.levels, &self.present);
        roster.map_agents_into(&mut self.staffing, |n| {
            present[levels
                .binary_search(&n)
                .expect("every step's count is a level")]
        });
    }
}
