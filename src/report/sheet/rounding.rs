//! How numbers are rounded for spreadsheets: to the precision they carry.
//!
//! * An estimate with a confidence interval: the `ci95` half-width to two significant
//!   digits, and the mean to the same decimal place (the rule of the ISO Guide to the
//!   expression of uncertainty in measurement): `0.8346` ± `0.0041`, `119.9` ± `2.1`,
//!   `4570` ± `120`. Digits beyond carry no information: a second run with another seed
//!   moves them. The mean keeps at most [`MAX_SIGNIFICANT`] significant digits, so a
//!   half-width that is float noise around zero does not bring noise back.
//! * A number without a confidence interval (one replication, a value equal in every
//!   replication, a percentile across replications, expected calls): six significant
//!   digits, trailing zeros dropped.
//! * Whole numbers (indices, agents) as they are.
//!
//! Rounding twice gives the same text: a rounded file read back and rounded again is
//! unchanged.

/// The most significant digits a mean keeps, whatever its half-width.
pub const MAX_SIGNIFICANT: i32 = 9;
/// Significant digits of a number without a confidence interval.
pub const PLAIN_SIGNIFICANT: i32 = 6;

/// A number rounded for a spreadsheet: its text (with a decimal point) and the value that
/// text denotes.
#[derive(Debug, Clone, PartialEq)]
pub struct Rounded {
    text: String,
    value: f64,
}

impl Rounded {
    pub fn whole(n: u64) -> Rounded {
        Rounded {
            text: n.to_string(),
            value: n as f64,
        }
    }

    /// Six significant digits, trailing zeros dropped: `0.822222`, `120`, `1234570`.
    pub fn plain(x: f64) -> Rounded {
        if x == 0.0 || !x.is_finite() {
            return Rounded::from_text("0".into());
        }
        let place = exponent(x) - (PLAIN_SIGNIFICANT - 1);
        let text = at_place(x, place);
        Rounded::from_text(trim_zeros(text))
    }

    /// A number already written as it should be (a swept value as on the command line).
    pub fn exact(text: &str) -> Rounded {
        Rounded {
            text: text.to_string(),
            value: text.parse().unwrap_or(f64::NAN),
        }
    }

    /// The text as written in an international CSV: `0.8346`, `-12`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The value the text denotes.
    pub fn value(&self) -> f64 {
        self.value
    }

    fn from_text(text: String) -> Rounded {
        let value: f64 = text.parse().expect("a formatted number parses");
        // "-0.00" is zero: written without its sign.
        let text = if value == 0.0 {
            text.trim_start_matches('-').to_string()
        } else {
            text
        };
        Rounded {
            value: value.abs().copysign(if value == 0.0 { 1.0 } else { value }),
            text,
        }
    }
}

/// A mean and its half-width rounded together (see the module's documentation).
pub fn estimate(mean: Option<f64>, ci95: Option<f64>) -> (Option<Rounded>, Option<Rounded>) {
    match ci95 {
        Some(h) if h > 0.0 && h.is_finite() => {
            let (half, place) = two_significant(h);
            let mean = mean.map(|m| {
                let place = if m == 0.0 || !m.is_finite() {
                    place
                } else {
                    place.max(exponent(m) - (MAX_SIGNIFICANT - 1))
                };
                Rounded::from_text(at_place(m, place))
            });
            (mean, Some(half))
        }
        _ => (mean.map(Rounded::plain), ci95.map(Rounded::plain)),
    }
}

/// `h` > 0 to two significant digits, and the decimal place of its last digit (−4 for
/// `0.0041`, 1 for `120`).
fn two_significant(h: f64) -> (Rounded, i32) {
    let mut place = exponent(h) - 1;
    let mut text = at_place(h, place);
    // 0.0996 rounds up to 0.100: one more digit in front, so one fewer behind.
    if text.parse::<f64>().unwrap_or(0.0) >= 10f64.powi(place + 2) {
        place += 1;
        text = at_place(h, place);
    }
    (Rounded::from_text(text), place)
}

/// The power of ten of `x`'s first significant digit (−3 for 0.0041), corrected where
/// `log10` is one unit off near a power of ten.
fn exponent(x: f64) -> i32 {
    let x = x.abs();
    let mut e = x.log10().floor() as i32;
    if 10f64.powi(e) > x {
        e -= 1;
    } else if 10f64.powi(e + 1) <= x {
        e += 1;
    }
    e
}

/// `x` rounded to a multiple of 10^place, written with exactly the decimals that place
/// needs (none for place ≥ 0).
fn at_place(x: f64, place: i32) -> String {
    if place >= 0 {
        let step = 10f64.powi(place);
        format!("{:.0}", (x / step).round() * step)
    } else {
        format!("{:.*}", (-place) as usize, x)
    }
}

/// "0.500" → "0.5", "120.000" → "120", "120" → "120".
fn trim_zeros(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}
