//! Durations as users write them: `90`, `"20s"`, `"4m30s"`, `"1.5h"`, `"2d"`, always in seconds.

/// The longest duration accepted anywhere, in seconds (about 31 years): longer ones are
/// typos, and would overflow the simulation clock's precision.
pub const MAX_SECONDS: f64 = 1e9;

/// Parses a duration written with units (`ms`, `s`, `m`/`min`, `h`, `d`) or a bare number
/// of seconds. Components may be chained (`"1h30m"`). Returns seconds, or a short
/// description of what was wrong for the caller to place in a full message.
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("an empty string".into());
    }
    if let Ok(v) = s.parse::<f64>() {
        return check_finite(v, text);
    }
    let mut total = 0.0;
    let mut rest = s;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(format!("\"{text}\" (a unit without a number)"));
        }
        let value: f64 = rest[..num_len]
            .parse()
            .map_err(|_| format!("\"{text}\" (\"{}\" is not a number)", &rest[..num_len]))?;
        rest = rest[num_len..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        let factor = match unit {
            "ms" => 0.001,
            "s" | "sec" | "secs" => 1.0,
            "m" | "min" | "mins" => 60.0,
            "h" | "hr" | "hrs" => 3600.0,
            "d" | "day" | "days" => 86400.0,
            "" => {
                return Err(format!(
                    "\"{text}\" (a number without a unit inside a combined duration)"
                ));
            }
            other => {
                return Err(format!(
                    "\"{text}\" (unknown unit \"{other}\"; use ms, s, m, h or d)"
                ));
            }
        };
        total += value * factor;
        rest = rest[unit_len..].trim_start();
    }
    check_finite(total, text)
}

fn check_finite(v: f64, text: &str) -> Result<f64, String> {
    if !v.is_finite() {
        Err(format!("\"{text}\" (not a finite number)"))
    } else if v.abs() > MAX_SECONDS {
        Err(format!(
            "\"{text}\" (longer than {} seconds, about 31 years)",
            MAX_SECONDS
        ))
    } else {
        Ok(v)
    }
}

/// Formats seconds compactly for people: `20s`, `4m30s`, `1h30m`, `1.5s`.
pub fn format_duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "n/a".into();
    }
    if seconds < 60.0 {
        let r = (seconds * 10.0).round() / 10.0;
        return if r.fract() == 0.0 {
            format!("{r:.0}s")
        } else {
            format!("{r:.1}s")
        };
    }
    let total = seconds.round() as u64;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 {
        out.push_str(&format!("{s}s"));
    }
    out
}

/// `x` rounded to nine decimals, with -0 made 0: what `sweep` keeps of a value.
pub fn round9(x: f64) -> f64 {
    let r = (x * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else if r.is_finite() {
        r
    } else {
        // Beyond about 1.8e299, x · 1e9 overflows: such a number has no decimals anyway.
        x
    }
}

/// A number as users write it (and `sweep.csv` stores it): nine decimals at most, shortest
/// form, no trailing `.0`; from 1e15 on in exponent form (`1e300`, not 301 digits).
pub fn clean_number(x: f64) -> String {
    let r = round9(x);
    if r.abs() >= 1e15 {
        format!("{r:e}")
    } else {
        format!("{r}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_numbers_stay_numbers() {
        assert_eq!(round9(1e300), 1e300);
        assert_eq!(clean_number(1e300), "1e300");
        assert_eq!(clean_number(-3.5e20), "-3.5e20");
        assert_eq!(clean_number(105.0), "105");
        assert_eq!(clean_number(0.1 + 0.2), "0.3");
    }

    #[test]
    fn parses_units_and_bare_numbers() {
        assert_eq!(parse_duration("90"), Ok(90.0));
        assert_eq!(parse_duration("20s"), Ok(20.0));
        assert_eq!(parse_duration("4m30s"), Ok(270.0));
        assert_eq!(parse_duration("1.5h"), Ok(5400.0));
        assert_eq!(parse_duration("250ms"), Ok(0.25));
        assert_eq!(parse_duration("1h 30m"), Ok(5400.0));
        assert_eq!(parse_duration("2d"), Ok(172800.0));
    }

    #[test]
    fn rejects_nonsense_with_a_reason() {
        assert!(parse_duration("").is_err());
        assert!(
            parse_duration("5 parsecs")
                .unwrap_err()
                .contains("unknown unit")
        );
        assert!(parse_duration("m").is_err());
        assert!(parse_duration("nan").is_err());
        assert!(parse_duration("inf").is_err());
        assert!(parse_duration("1h30").is_err());
        assert!(
            parse_duration("100000000000d")
                .unwrap_err()
                .contains("31 years")
        );
        assert!(parse_duration("1e300").is_err());
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(format_duration(20.0), "20s");
        assert_eq!(format_duration(270.0), "4m30s");
        assert_eq!(format_duration(5400.0), "1h30m");
        assert_eq!(format_duration(1.25), "1.3s");
    }
}
