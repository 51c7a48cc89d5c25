//! A canonical form of a model: every figure that changes what is simulated, written the
//! same way by every build of ccsim (serde_json's shortest round-trip numbers in a fixed
//! key order, never Rust's `Debug` output). Sweep shards made by different binaries are
//! compared with a hash of it.

use serde_json::{Value, json};

use super::{AgentGroup, CallType, Model, Routing, Skill};
use crate::dist::Dist;

impl Model {
    /// The model as canonical JSON.
    pub fn canonical(&self) -> Value {
        let c = &self.clock;
        let mut v = json!({
            "clock": {
                "interval_s": c.interval_s,
                "start_s": c.start_s,
                "horizon_s": c.horizon_s,
                "intervals": c.intervals,
            },
            "service_level": self.service_level,
            "lines": self.lines,
            "call_types": self.call_types.iter().map(CallType::canonical).collect::<Vec<_>>(),
            "agent_groups": self.agent_groups.iter().map(AgentGroup::canonical).collect::<Vec<_>>(),
        });
        // Keys added for several call types appear only where they differ from the
        // one-queue defaults, so that one-queue fingerprints stay what they were.
        if self.routing != Routing::default() {
            v["routing"] = json!({
                "policy": self.routing.policy.key(),
                "agent_choice": self.routing.agent_choice.key(),
            });
        }
        v
    }
}

impl CallType {
    fn canonical(&self) -> Value {
        let mut v = json!({
            "name": self.name,
            "rates": self.rates,
            "aht_scale": self.aht_scale,
            "handle_time": self.handle_time.canonical(),
            "patience": self.patience.as_ref().map(Dist::canonical),
            "service_level": self.service_level,
        });
        // Written only when given, so that models without them keep their fingerprint.
        if !self.busyness.is_none() {
            v["busyness"] = json!({
                "day_cv": self.busyness.day_cv,
                "interval_cv": self.busyness.interval_cv,
            });
        }
        if let Some(r) = &self.redial {
            v["redial"] = json!({
                "after_abandon": r.after_abandon,
                "after_busy": r.after_busy,
                "delay": r.delay.canonical(),
                "max_attempts": r.max_attempts,
            });
        }
        for (key, value, default) in [
            ("balk", self.balk, 0.0),
            ("weight", self.weight, 1.0),
            ("bonus_s", self.bonus_s, 0.0),
        ] {
            if value != default {
                v[key] = json!(value);
            }
        }
        v
    }
}

impl Skill {
    fn canonical(&self) -> Value {
        let mut v = json!({ "call_type": self.call_type, "rank": self.rank });
        if self.delay_s != 0.0 {
            v["delay_s"] = json!(self.delay_s);
        }
        if self.factor != 1.0 {
            v["factor"] = json!(self.factor);
        }
        v
    }
}

impl AgentGroup {
    fn canonical(&self) -> Value {
        let mut v = json!({
            "name": self.name,
            "staffing": self.staffing,
            "skills": self.skills.iter().map(Skill::canonical).collect::<Vec<_>>(),
            "shrinkage": self.shrinkage,
        });
        if self.absence > 0.0 {
            v["absence"] = json!(self.absence);
        }
        v
    }
}

impl Dist {
    /// The distribution by the parameters it was given (which determine the rest).
    pub fn canonical(&self) -> Value {
        match self {
            Dist::Exponential { mean } => json!({ "exponential": { "mean": mean } }),
            Dist::LogNormal { mean, sd, .. } => json!({ "lognormal": { "mean": mean, "sd": sd } }),
            Dist::Gamma { mean, sd, .. } => json!({ "gamma": { "mean": mean, "sd": sd } }),
            Dist::Erlang { mean, k } => json!({ "erlang": { "mean": mean, "k": k } }),
            Dist::Fixed { value } => json!({ "fixed": { "value": value } }),
            Dist::Uniform { min, max } => json!({ "uniform": { "min": min, "max": max } }),
            Dist::Weibull { shape, scale, .. } => {
                json!({ "weibull": { "shape": shape, "scale": scale } })
            }
            Dist::Empirical { values, .. } => {
                json!({ "empirical": { "values": values.as_slice() } })
            }
        }
    }
}

/// FNV-1a, 64 bits, as 16 hex digits: stable across platforms and releases, unlike std's
/// hasher.
pub fn fnv1a_hex(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
