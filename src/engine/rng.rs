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
    /// Whether a caller balks (several-call-type form).
    Balk = 7,
    /// Random agent choice (`agent_choice = "random"`).
    Routing = 8,
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

/// The generator for one (seed, replication, purpose) of call type `call_type`: the first
/// type uses the one-queue streams, so a call type of a several-type model served by its
/// own group draws exactly the calls of the same one-queue scenario.
pub fn stream_for(
    seed: u64,
    replication: u64,
    purpose: Purpose,
    call_type: usize,
) -> Xoshiro256PlusPlus {
    if call_type == 0 {
        return stream(seed, replication, purpose);
    }
    let key = mix(mix(mix(mix(seed) ^ replication) ^ purpose as u64) ^ (call_type as u64) << 16);
    Xoshiro256PlusPlus::seed_from_u64(key)
}
