//! Duration distributions built from the parameters users think in (mean and standard
//! deviation, never the library's internal parametrisation), and fast samplers for them.

use std::sync::Arc;

use rand::Rng;
use rand_distr::{Distribution, Exp1, Gamma, StandardNormal, Weibull};

/// A distribution of positive durations, in seconds.
#[derive(Debug, Clone)]
pub enum Dist {
    Exponential {
        mean: f64,
    },
    /// Lognormal given by its mean and sd; `mu` and `sigma` are those of the underlying normal.
    LogNormal {
        mean: f64,
        sd: f64,
        mu: f64,
        sigma: f64,
    },
    Gamma {
        mean: f64,
        sd: f64,
        sampler: Gamma<f64>,
    },
    /// Sum of `k` exponential phases with the given overall mean.
    Erlang {
        mean: f64,
        k: u32,
    },
    Fixed {
        value: f64,
    },
    Uniform {
        min: f64,
        max: f64,
    },
    Weibull {
        shape: f64,
        scale: f64,
        sampler: Weibull<f64>,
    },
    /// Resamples observed durations with equal weight.
    Empirical {
        values: Arc<Vec<f64>>,
        source: String,
    },
}

impl Dist {
    pub fn exponential(mean: f64) -> Self {
        Dist::Exponential { mean }
    }

    pub fn lognormal(mean: f64, sd: f64) -> Self {
        let sigma2 = (1.0 + (sd / mean).powi(2)).ln();
        Dist::LogNormal {
            mean,
            sd,
            mu: mean.ln() - sigma2 / 2.0,
            sigma: sigma2.sqrt(),
        }
    }

    /// Gamma with the given mean and sd; both must be positive.
    pub fn gamma(mean: f64, sd: f64) -> Self {
        let shape = (mean / sd).powi(2);
        let scale = sd * sd / mean;
        let sampler = Gamma::new(shape, scale).expect("validated positive gamma parameters");
        Dist::Gamma { mean, sd, sampler }
    }

    pub fn erlang(mean: f64, k: u32) -> Self {
        Dist::Erlang { mean, k }
    }

    pub fn weibull(shape: f64, scale: f64) -> Self {
        let sampler = Weibull::new(scale, shape).expect("validated positive weibull parameters");
        Dist::Weibull {
            shape,
            scale,
            sampler,
        }
    }

    /// The same distribution stretched by `factor` (> 0): every sample is multiplied by it.
    /// Shape parameters are kept bit for bit, so a scaled distribution turns the same random
    /// numbers into proportionally longer durations (common random numbers for what-ifs).
    pub fn scaled(&self, factor: f64) -> Dist {
        match self {
            Dist::Exponential { mean } => Dist::Exponential {
                mean: mean * factor,
            },
            Dist::LogNormal {
                mean,
                sd,
                mu,
                sigma,
            } => Dist::LogNormal {
                mean: mean * factor,
                sd: sd * factor,
                mu: mu + factor.ln(),
                sigma: *sigma,
            },
            Dist::Gamma { mean, sd, .. } => {
                // The shape as `Dist::gamma` computed it from this mean and sd, so the sampler
                // makes the same accept/reject decisions as the unscaled one.
                let shape = (mean / sd).powi(2);
                let scale = sd * sd / mean * factor;
                Dist::Gamma {
                    mean: mean * factor,
                    sd: sd * factor,
                    sampler: Gamma::new(shape, scale)
                        .expect("positive gamma parameters stay positive when scaled"),
                }
            }
            Dist::Erlang { mean, k } => Dist::Erlang {
                mean: mean * factor,
                k: *k,
            },
            Dist::Fixed { value } => Dist::Fixed {
                value: value * factor,
            },
            Dist::Uniform { min, max } => Dist::Uniform {
                min: min * factor,
                max: max * factor,
            },
            Dist::Weibull { shape, scale, .. } => Dist::weibull(*shape, scale * factor),
            Dist::Empirical { values, source } => Dist::Empirical {
                values: Arc::new(values.iter().map(|v| v * factor).collect()),
                source: source.clone(),
            },
        }
    }

    /// The mean, in seconds.
    pub fn mean(&self) -> f64 {
        match self {
            Dist::Exponential { mean }
            | Dist::LogNormal { mean, .. }
            | Dist::Gamma { mean, .. } => *mean,
            Dist::Erlang { mean, .. } => *mean,
            Dist::Fixed { value } => *value,
            Dist::Uniform { min, max } => (min + max) / 2.0,
            Dist::Weibull { shape, scale, .. } => scale * gamma_fn(1.0 + 1.0 / shape),
            Dist::Empirical { values, .. } => values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// The standard deviation, in seconds.
    pub fn sd(&self) -> f64 {
        match self {
            Dist::Exponential { mean } => *mean,
            Dist::LogNormal { sd, .. } | Dist::Gamma { sd, .. } => *sd,
            Dist::Erlang { mean, k } => mean / (*k as f64).sqrt(),
            Dist::Fixed { .. } => 0.0,
            Dist::Uniform { min, max } => (max - min) / 12f64.sqrt(),
            Dist::Weibull { shape, scale, .. } => {
                let g1 = gamma_fn(1.0 + 1.0 / shape);
                let g2 = gamma_fn(1.0 + 2.0 / shape);
                scale * (g2 - g1 * g1).max(0.0).sqrt()
            }
            Dist::Empirical { values, .. } => {
                let m = self.mean();
                let n = values.len() as f64;
                (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / n).sqrt()
            }
        }
    }

    /// One sample, in seconds. The common call-centre shapes are inlined into the
    /// engine's hot loop; the others go through an out-of-line call.
    #[inline(always)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Dist::Exponential { mean } => mean * Distribution::<f64>::sample(&Exp1, rng),
            Dist::LogNormal { mu, sigma, .. } => {
                let z: f64 = StandardNormal.sample(rng);
                (mu + sigma * z).exp()
            }
            _ => self.sample_other(rng),
        }
    }

    #[inline(never)]
    fn sample_other<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Dist::Exponential { .. } | Dist::LogNormal { .. } => {
                unreachable!("sampled inline by `sample`")
            }
            Dist::Gamma { sampler, .. } => sampler.sample(rng),
            Dist::Erlang { mean, k } => {
                let phase = mean / *k as f64;
                (0..*k)
                    .map(|_| phase * Distribution::<f64>::sample(&Exp1, rng))
                    .sum()
            }
            Dist::Fixed { value } => *value,
            Dist::Uniform { min, max } => min + (max - min) * unit_f64(rng),
            Dist::Weibull { sampler, .. } => sampler.sample(rng),
            Dist::Empirical { values, .. } => {
                let i = ((rng.next_u64() >> 11) as f64
                    * (1.0 / (1u64 << 53) as f64)
                    * values.len() as f64) as usize;
                values[i.min(values.len() - 1)]
            }
        }
    }

    /// A one-line description for reports: "lognormal, mean 4m, sd 4m".
    pub fn describe(&self) -> String {
        use crate::duration::format_duration as f;
        match self {
            Dist::Exponential { mean } => format!("exponential, mean {}", f(*mean)),
            Dist::LogNormal { mean, sd, .. } => {
                format!("lognormal, mean {}, sd {}", f(*mean), f(*sd))
            }
            Dist::Gamma { mean, sd, .. } => format!("gamma, mean {}, sd {}", f(*mean), f(*sd)),
            Dist::Erlang { mean, k } => format!("Erlang-{k}, mean {}", f(*mean)),
            Dist::Fixed { value } => format!("fixed at {}", f(*value)),
            Dist::Uniform { min, max } => format!("uniform between {} and {}", f(*min), f(*max)),
            Dist::Weibull { shape, scale, .. } => {
                format!("Weibull, shape {shape}, scale {}", f(*scale))
            }
            Dist::Empirical { values, source } => {
                format!(
                    "observed durations from {source} ({} values, mean {})",
                    values.len(),
                    f(self.mean())
                )
            }
        }
    }
}

/// A uniform number in [0, 1) from the top 53 bits.
#[inline]
pub(crate) fn unit_f64<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The gamma function Γ(x) for x > 0 (Lanczos approximation, ~1e-15 relative).
pub fn gamma_fn(x: f64) -> f64 {
    ln_gamma(x).exp()
}

/// ln Γ(x) for x > 0.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_xoshiro::Xoshiro256PlusPlus;

    /// Sample mean and sd over many draws agree with the stated parameters within
    /// 5 standard errors (the sd check uses a loose 3 % because its SE depends on kurtosis).
    fn check(d: &Dist) {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let n = 400_000;
        let xs: Vec<f64> = (0..n).map(|_| d.sample(&mut rng)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        let se = d.sd() / (n as f64).sqrt();
        assert!(
            (m - d.mean()).abs() <= 5.0 * se + 1e-12,
            "{}: mean {m} vs {}",
            d.describe(),
            d.mean()
        );
        assert!(
            (sd - d.sd()).abs() <= 0.03 * d.sd() + 1e-12,
            "{}: sd {sd} vs {}",
            d.describe(),
            d.sd()
        );
        assert!(xs.iter().all(|x| *x >= 0.0));
    }

    #[test]
    fn samplers_match_their_parameters() {
        check(&Dist::exponential(240.0));
        check(&Dist::lognormal(240.0, 240.0));
        check(&Dist::lognormal(180.0, 60.0));
        check(&Dist::gamma(240.0, 120.0));
        check(&Dist::erlang(240.0, 3));
        check(&Dist::Fixed { value: 30.0 });
        check(&Dist::Uniform {
            min: 10.0,
            max: 50.0,
        });
        check(&Dist::weibull(1.5, 200.0));
        check(&Dist::Empirical {
            values: Arc::new(vec![10.0, 20.0, 60.0]),
            source: "t".into(),
        });
    }

    #[test]
    fn gamma_function_is_exact_on_integers() {
        for (n, f) in [(1.0, 1.0), (2.0, 1.0), (5.0, 24.0), (11.0, 3628800.0)] {
            assert!((gamma_fn(n) - f).abs() / f < 1e-13);
        }
        assert!((gamma_fn(0.5) - std::f64::consts::PI.sqrt()).abs() < 1e-13);
    }
}
