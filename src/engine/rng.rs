//! Reproducible random streams: one independent generator per replication and purpose,
//! so that variants of a scenario share their random numbers (common random numbers)
//! and results do not depend on which thread ran which replication.

use rand::SeedableRng;
use rand_xoshiro::Xoshiro256PlusPlus;

/// What a stream is used for; each purpose has its own generator.
#[derive(Debug, Clone, Copy)]
pub enum Purpose {
    Arrivals = 1,
    HandleTimes = 2,
    Patience = 3,
    Busyness = 4,
    Absence = 5,
    Redials = 6,
}

/// SplitMix64 finaliser: a strong 64-bit mix used to derive stream seeds.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator for one (seed, replication, purpose).
pub fn stream(seed: u64, replication: u64, purpose: Purpose) -> Xoshiro256PlusPlus {
    let key = mix(mix(mix(seed) ^ replication) ^ purpose as u64);
    Xoshiro256PlusPlus::seed_from_u64(key)
}
