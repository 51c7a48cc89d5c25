//! `[goals]`: what a staffing must achieve in every interval besides the service-level
//! target, and `[staffing] cost_per_hour`.

use super::fmt_num;
use crate::error::Result;
use crate::model::Goals;
use crate::scenario::toml_reader::{Table, share_value};

/// The `[goals]` section (every key optional; no section: no goals beyond the target).
pub fn parse_goals(top: &mut Table<'_, '_>) -> Result<Goals> {
    let Some(mut t) = top.table("goals")? else {
        return Ok(Goals::default());
    };
    let max_abandon_rate = share(&mut t, "max_abandon_rate", Bounds::ZeroToOne)?;
    let max_asa_s = match t.duration("max_asa")? {
        Some((d, span)) if d < 0.0 => {
            return Err(t.src.error(
                &span,
                "goals.max_asa",
                "a duration of 0 or more, such as \"30s\"",
                &fmt_num(d),
            ));
        }
        d => d.map(|(d, _)| d),
    };
    let max_occupancy = share(&mut t, "max_occupancy", Bounds::AboveZeroToOne)?;
    let confidence = share(&mut t, "confidence", Bounds::AboveZeroToOne)?;
    t.finish()?;
    Ok(Goals {
        max_abandon_rate,
        max_asa_s,
        max_occupancy,
        confidence,
    })
}

/// `[staffing] cost_per_hour`: a number of 0 or more.
pub fn parse_cost(st: &mut Table<'_, '_>) -> Result<Option<f64>> {
    match st.number("cost_per_hour")? {
        Some((c, span)) if c < 0.0 => Err(st.src.error(
            &span,
            "staffing.cost_per_hour",
            "the cost of one agent-hour, 0 or more, such as 25",
            &fmt_num(c),
        )),
        c => Ok(c.map(|(c, _)| c)),
    }
}

#[derive(Clone, Copy)]
enum Bounds {
    ZeroToOne,
    AboveZeroToOne,
}

/// A share: a number such as 0.05, or a percentage string such as "5%".
fn share(t: &mut Table<'_, '_>, key: &'static str, bounds: Bounds) -> Result<Option<f64>> {
    let expected = match bounds {
        Bounds::ZeroToOne => "a fraction from 0 to 1 such as 0.05, or a percentage such as \"5%\"",
        Bounds::AboveZeroToOne => {
            "a fraction above 0 and at most 1 such as 0.90, or a percentage such as \"90%\""
        }
    };
    let full = format!("goals.{key}");
    let Some(v) = t.value(key) else {
        return Ok(None);
    };
    let (x, span) = (share_value(t.src, v, &full, expected)?, v.span());
    let ok = match bounds {
        Bounds::ZeroToOne => (0.0..=1.0).contains(&x),
        Bounds::AboveZeroToOne => x > 0.0 && x <= 1.0,
    };
    if ok {
        return Ok(Some(x));
    }
    let found = if x > 1.0 && x <= 100.0 {
        format!("{} (did you mean {}?)", fmt_num(x), x / 100.0)
    } else {
        fmt_num(x)
    };
    Err(t.src.error(&span, &full, expected, &found))
}
