//! Scaled floating point: a mantissa times a power of two, so that long products and sums
//! of chain terms neither overflow nor underflow.

/// A chain is truncated once a bound on everything left is below this fraction of the
/// sums it feeds: far below double precision, so truncation never shows in a result.
const TOL: f64 = 1e-18;

const SHIFT: i64 = 512;
const LN_SHIFT: f64 = SHIFT as f64 * std::f64::consts::LN_2;

/// 2^e as a double, saturating to infinity or zero outside the range.
fn pow2(e: i64) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else if e >= -1074 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        0.0
    }
}

/// A non-negative number `m · 2^(512·k)` with `m` kept in `[2^-256, 2^256]` (or zero), so
/// long products and sums of chain terms neither overflow nor underflow. Scaling is by
/// exact powers of two, so it adds no rounding.
#[derive(Clone, Copy, Debug)]
pub(super) struct Scaled {
    m: f64,
    k: i64,
}

impl Scaled {
    pub(super) const ZERO: Scaled = Scaled { m: 0.0, k: 0 };
    pub(super) const ONE: Scaled = Scaled { m: 1.0, k: 0 };

    /// e^l, for any finite l.
    pub(super) fn from_ln(l: f64) -> Scaled {
        let k = (l / LN_SHIFT).floor();
        Scaled {
            m: (l - k * LN_SHIFT).exp(),
            k: k as i64,
        }
        .norm()
    }

    fn norm(mut self) -> Scaled {
        if self.m == 0.0 || !self.m.is_finite() {
            return if self.m == 0.0 { Scaled::ZERO } else { self };
        }
        let hi = pow2(SHIFT / 2);
        let lo = pow2(-SHIFT / 2);
        while self.m > hi {
            self.m *= pow2(-SHIFT);
            self.k += 1;
        }
        while self.m < lo {
            self.m *= pow2(SHIFT);
            self.k -= 1;
        }
        self
    }

    pub(super) fn is_zero(self) -> bool {
        self.m == 0.0
    }

    pub(super) fn mul(self, f: f64) -> Scaled {
        Scaled {
            m: self.m * f,
            k: self.k,
        }
        .norm()
    }

    pub(super) fn mul_s(self, o: Scaled) -> Scaled {
        Scaled {
            m: self.m * o.m,
            k: self.k + o.k,
        }
        .norm()
    }

    pub(super) fn add(self, o: Scaled) -> Scaled {
        if o.is_zero() {
            return self;
        }
        if self.is_zero() {
            return o;
        }
        let k = self.k.max(o.k);
        Scaled {
            m: self.m * scale_factor(self.k - k) + o.m * scale_factor(o.k - k),
            k,
        }
        .norm()
    }

    pub(super) fn recip(self) -> Scaled {
        Scaled {
            m: 1.0 / self.m,
            k: -self.k,
        }
        .norm()
    }

    /// The value as a double (infinite or zero when out of range).
    pub(super) fn value(self) -> f64 {
        if self.k == 0 {
            return self.m;
        }
        let e = self.k * SHIFT;
        self.m * pow2(e / 2) * pow2(e - e / 2)
    }

    /// self ÷ o as a double; o must not be zero.
    pub(super) fn ratio(self, o: Scaled) -> f64 {
        Scaled {
            m: self.m / o.m,
            k: self.k - o.k,
        }
        .value()
    }
}

/// 2^(512·d) for d ≤ 0, the factor that aligns a smaller scale with a larger one.
fn scale_factor(d: i64) -> f64 {
    if d == 0 {
        1.0
    } else if d < -3 {
        0.0
    } else {
        pow2(d * SHIFT)
    }
}

/// True when `tail` is negligible against `acc` (both non-negative).
pub(super) fn negligible(tail: Scaled, acc: Scaled) -> bool {
    tail.is_zero() || (!acc.is_zero() && tail.ratio(acc) <= TOL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_round_trips_extremes() {
        let v = Scaled::from_ln(-5000.0);
        assert!((v.recip().mul_s(v).value() - 1.0).abs() < 1e-15);
        assert_eq!(v.value(), 0.0);
        assert!(Scaled::from_ln(800.0).value().is_infinite());
        let w = Scaled::from_ln(700.0);
        assert!((w.value() / 700f64.exp() - 1.0).abs() < 1e-12);
    }
}
