//! Parsing `--vary KEY=VALUES` into an [`Axis`]: each comma-separated item is one value
//! or a range `A..B[/STEP]`; the form of the values (percentages, signed amounts added,
//! amounts set) picks the axis's `sweep.csv` column and the [`Change`] each value makes.

use super::grid::{Axis, AxisValue, Form, MAX_VARIANTS, Param};
use crate::duration::{clean_number, parse_duration, round9};
use crate::error::{Error, Result};
use crate::model::{Change, MAX_COUNT};

impl Param {
    /// The forms of values this key takes, for messages and help.
    fn forms(self) -> &'static str {
        match self {
            Param::Agents => {
                "agents added to every interval (-2..+2), a percentage of each interval's agents \
                 (90%..110%/5%), or agents in every interval (10..20)"
            }
            Param::Calls => "a percentage of the expected calls (100%..130%/10%)",
            Param::Aht => {
                "a percentage of the mean handle time (90%..110%/5%), seconds added to it \
                 (+0s..+30s/10s), or the mean itself (4m..5m/30s)"
            }
            Param::Patience => {
                "a percentage of the mean patience (50%..150%/25%), seconds added to it \
                 (-30s..+30s/15s), or the mean itself (1m..3m/1m)"
            }
            Param::Lines => "the number of lines (40..60/5) or lines added (-5..+5)",
            Param::Threshold => "the service-level threshold as a duration (10s..30s/5s)",
            Param::Cross => {
                "agents of the group who also take the call type, as `cross@GROUP+TYPE=0..4`"
            }
        }
    }
}

/// A parsed value before it is tied to a key: a number with its written form.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Amount {
    /// The number: a percentage (90 for 90 %), a count, or seconds.
    x: f64,
    form: Form,
}

/// One `--vary` flag, `KEY=VALUES`, as an axis; every fault is an input error naming it.
pub(super) fn parse_axis(spec: &str) -> Result<Axis> {
    let Some((key, values)) = spec.split_once('=') else {
        return Err(Error::input(format!(
            "--vary {spec}: expected KEY=VALUES such as agents=-2..+2 or aht=90%..110%/5%, \
             found no `=`"
        )));
    };
    let (key, target) = match key.split_once('@') {
        Some((k, name)) => (k.trim(), Some(name.trim())),
        None => (key.trim(), None),
    };
    let param = Param::ALL
        .into_iter()
        .find(|p| p.key() == key)
        .ok_or_else(|| {
            Error::input(format!(
                "--vary {spec}: expected one of the keys {}, found \"{key}\"",
                Param::ALL.map(Param::key).join(", ")
            ))
        })?;
    let err = |why: String| {
        Error::input(format!(
            "--vary {spec}: expected {}, found {why}",
            param.forms()
        ))
    };
    if let Some(name) = target {
        check_target(spec, param, name)?;
    } else if param == Param::Cross {
        return Err(Error::input(format!(
            "--vary {spec}: expected cross@GROUP+TYPE=0..4 (agents of GROUP who also take \
             TYPE calls), found no `@GROUP+TYPE`"
        )));
    }
    let mut amounts: Vec<Amount> = Vec::new();
    for item in values.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(err("an empty value".into()));
        }
        amounts.extend(expand_item(param, item).map_err(err)?);
    }
    // A signed value anywhere makes the whole axis "added" (`-2,0,+2` adds 0 in the middle).
    let form = if amounts.iter().any(|a| a.form == Form::Percent) {
        if let Some(other) = amounts.iter().find(|a| a.form != Form::Percent) {
            return Err(err(format!(
                "percentages mixed with {} (one kind of value per --vary)",
                clean_number(other.x)
            )));
        }
        Form::Percent
    } else if amounts.iter().any(|a| a.form == Form::Add) {
        Form::Add
    } else {
        Form::Set
    };
    let column = column_name(param, form).map(|c| match target {
        Some(name) => format!("{c}@{name}"),
        None => c,
    });
    let column = column.ok_or_else(|| {
        err(match form {
            Form::Percent => "a percentage".to_string(),
            Form::Add => "an amount to add".to_string(),
            Form::Set => format!("the value {}", clean_number(amounts[0].x)),
        })
    })?;
    let mut values: Vec<AxisValue> = Vec::with_capacity(amounts.len());
    for a in amounts {
        let change = to_change(param, form, a.x).map_err(err)?;
        let change = match target {
            None => change,
            Some(name) if param == Param::Cross => cross_change(name, &change),
            Some(name) if param == Param::Agents => Change::ForGroup(name.into(), Box::new(change)),
            Some(name) => Change::ForType(name.into(), Box::new(change)),
        };
        let cell = clean_number(a.x).to_string();
        if values.iter().any(|v| v.cell == cell) {
            return Err(err(format!("the value {cell} twice")));
        }
        values.push(AxisValue { cell, change });
    }
    Ok(Axis {
        param,
        spec: spec.to_string(),
        column,
        target: target.map(str::to_string),
        values,
    })
}

/// `cross@GROUP+TYPE=n`: n agents of GROUP who also take TYPE (the last `+` splits).
fn cross_change(name: &str, agents: &Change) -> Change {
    let (group, call_type) = name.rsplit_once('+').unwrap_or((name, ""));
    let Change::SetAgents(n) = *agents else {
        unreachable!("cross-training values are agent counts")
    };
    Change::CrossTrain {
        group: group.trim().to_string(),
        call_type: call_type.trim().to_string(),
        agents: n,
    }
}

/// `KEY@NAME`: agents of one group, or calls, handle time or patience of one call type.
fn check_target(spec: &str, param: Param, name: &str) -> Result<()> {
    if param == Param::Cross && !name.contains('+') {
        return Err(Error::input(format!(
            "--vary {spec}: expected cross@GROUP+TYPE (a group, `+`, a call type), found \
             \"{name}\""
        )));
    }
    if !matches!(
        param,
        Param::Agents | Param::Calls | Param::Aht | Param::Patience | Param::Cross
    ) {
        return Err(Error::input(format!(
            "--vary {spec}: expected `@NAME` only after agents (an agent group) or calls, aht, \
             patience (a call type), found it after {}",
            param.key()
        )));
    }
    if name.is_empty() || name.contains([',', '"']) || name.chars().any(char::is_control) {
        return Err(Error::input(format!(
            "--vary {spec}: expected the name of an agent group or call type after `@`, \
             without commas or quotes, found \"{name}\""
        )));
    }
    Ok(())
}

/// The `sweep.csv` column for a key and form, or None where that form does not apply.
fn column_name(param: Param, form: Form) -> Option<String> {
    use Form::*;
    use Param::*;
    let suffix = match (param, form) {
        (Agents, Add) => "_add",
        (Agents, Set) | (Lines, Set) => "",
        (Cross, Set) => "_agents",
        (Lines, Add) => "_add",
        (Aht | Patience, Add) => "_add_s",
        (Aht | Patience, Set) | (Threshold, Set) => "_s",
        (Agents | Calls | Aht | Patience, Percent) => "_pct",
        _ => return None,
    };
    Some(format!("{}{suffix}", param.key()))
}

fn to_change(param: Param, form: Form, x: f64) -> std::result::Result<Change, String> {
    use Form::*;
    let whole = |x: f64| -> std::result::Result<i64, String> {
        if x.fract() != 0.0 || x.abs() > MAX_COUNT as f64 {
            Err(format!("{} (not a whole number)", clean_number(x)))
        } else {
            Ok(x as i64)
        }
    };
    let factor = |x: f64, allow_zero: bool| -> std::result::Result<f64, String> {
        if x < 0.0 || (!allow_zero && x == 0.0) {
            Err(format!("{}% (must be above 0%)", clean_number(x)))
        } else {
            Ok(x / 100.0)
        }
    };
    Ok(match (param, form) {
        (Param::Agents, Add) => Change::AddAgents(whole(x)?),
        (Param::Agents, Set) => Change::SetAgents(whole(x)?),
        (Param::Agents, Percent) => Change::ScaleAgents(factor(x, true)?),
        (Param::Calls, Percent) => Change::ScaleCalls(factor(x, true)?),
        (Param::Aht, Percent) => Change::ScaleAht(factor(x, false)?),
        (Param::Aht, Add) => Change::AddAht(x),
        (Param::Aht, Set) => Change::SetAht(x),
        (Param::Patience, Percent) => Change::ScalePatience(factor(x, false)?),
        (Param::Patience, Add) => Change::AddPatience(x),
        (Param::Patience, Set) => Change::SetPatience(x),
        (Param::Lines, Add) => Change::AddLines(whole(x)?),
        (Param::Lines, Set) => Change::SetLines(whole(x)?),
        (Param::Cross, Set) => Change::SetAgents(whole(x)?),
        (Param::Threshold, Set) => Change::SetThreshold(x),
        _ => return Err("a value of another kind".into()),
    })
}

/// One comma-separated item: a single value or a range `A..B[/STEP]`.
fn expand_item(param: Param, item: &str) -> std::result::Result<Vec<Amount>, String> {
    let Some((a, rest)) = item.split_once("..") else {
        return Ok(vec![parse_amount(param, item)?]);
    };
    let (b, step) = match rest.split_once('/') {
        Some((b, s)) => (b, Some(s)),
        None => (rest, None),
    };
    let from = parse_amount(param, a.trim())?;
    let to = parse_amount(param, b.trim())?;
    let percent = from.form == Form::Percent;
    if percent != (to.form == Form::Percent) {
        return Err(format!(
            "\"{item}\" (both ends of a range must be percentages, or neither)"
        ));
    }
    let form = if from.form == Form::Add || to.form == Form::Add {
        Form::Add
    } else {
        from.form
    };
    let step = match step {
        Some(s) => {
            let st = parse_amount(param, s.trim().trim_start_matches('+'))
                .map_err(|_| format!("\"{item}\" (the step \"{s}\" is not a value)"))?;
            if st.x <= 0.0 {
                return Err(format!("\"{item}\" (the step must be above zero)"));
            }
            st.x
        }
        None if from.x == to.x => 1.0,
        None if !percent && matches!(param, Param::Agents | Param::Lines | Param::Cross) => 1.0,
        None => {
            return Err(format!(
                "\"{item}\" without a step; add one, such as {a}..{b}/{}",
                if percent { "5%" } else { "10s" }
            ));
        }
    };
    let span = (to.x - from.x).abs();
    let n = (span / step + 1e-9).floor() + 1.0;
    if n > MAX_VARIANTS as f64 {
        return Err(format!("\"{item}\" ({n} values; at most {MAX_VARIANTS})"));
    }
    let dir = if to.x >= from.x { 1.0 } else { -1.0 };
    Ok((0..n as usize)
        .map(|i| Amount {
            x: round9(from.x + dir * i as f64 * step),
            form,
        })
        .collect())
}

/// One value: `90%`, `+2`, `-30s`, `4m`, `12`.
fn parse_amount(param: Param, text: &str) -> std::result::Result<Amount, String> {
    let t = text.trim();
    let found = || format!("\"{t}\"");
    if let Some(p) = t.strip_suffix('%') {
        let x: f64 = p.trim().parse().map_err(|_| found())?;
        if !x.is_finite() {
            return Err(found());
        }
        return Ok(Amount {
            x,
            form: Form::Percent,
        });
    }
    let signed = t.starts_with('+') || t.starts_with('-');
    let form = if signed { Form::Add } else { Form::Set };
    let x = match param {
        Param::Agents | Param::Lines | Param::Calls | Param::Cross => {
            let x: f64 = t.parse().map_err(|_| found())?;
            if !x.is_finite() {
                return Err(found());
            }
            x
        }
        Param::Aht | Param::Patience | Param::Threshold => {
            let (sign, body) = match t.as_bytes().first() {
                Some(b'-') => (-1.0, &t[1..]),
                Some(b'+') => (1.0, &t[1..]),
                _ => (1.0, t),
            };
            sign * parse_duration(body).map_err(|why| format!("{} ({why})", found()))?
        }
    };
    Ok(Amount { x, form })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(spec: &str) -> Vec<String> {
        parse_axis(spec)
            .unwrap()
            .values
            .into_iter()
            .map(|v| v.cell)
            .collect()
    }

    #[test]
    fn ranges_lists_and_columns() {
        assert_eq!(cells("agents=-2..+2"), ["-2", "-1", "0", "1", "2"]);
        assert_eq!(parse_axis("agents=-2..+2").unwrap().column, "agents_add");
        assert_eq!(cells("agents=-2,0,+2"), ["-2", "0", "2"]);
        assert_eq!(parse_axis("agents=10..12").unwrap().column, "agents");
        assert_eq!(cells("aht=90%..110%/5%"), ["90", "95", "100", "105", "110"]);
        assert_eq!(parse_axis("aht=90%..110%/5%").unwrap().column, "aht_pct");
        assert_eq!(cells("calls=100%..130%/10"), ["100", "110", "120", "130"]);
        assert_eq!(cells("aht=+0s..+30s/10s"), ["0", "10", "20", "30"]);
        assert_eq!(parse_axis("aht=+0s..+30s/10s").unwrap().column, "aht_add_s");
        assert_eq!(cells("threshold=10s..30s/10s"), ["10", "20", "30"]);
        assert_eq!(cells("threshold=1m"), ["60"]);
        assert_eq!(cells("lines=40..50/5"), ["40", "45", "50"]);
        assert_eq!(
            cells("calls=100%..100.3%/0.1%"),
            ["100", "100.1", "100.2", "100.3"]
        );
        assert_eq!(cells("agents=+2..-2/2"), ["2", "0", "-2"]);
    }

    #[test]
    fn bad_specs_are_input_errors() {
        for spec in [
            "agents",
            "staff=1..2",
            "aht=90%..110%",
            "calls=+2",
            "threshold=+5s",
            "agents=1.5",
            "agents=90%,+2",
            "aht=90%..110%/0%",
            "aht=0%",
            "agents=1..1000000/0.000001",
            "agents=1,1",
            "agents=",
        ] {
            let e = parse_axis(spec).unwrap_err();
            assert!(matches!(e, Error::Input(_)), "{spec}: {e}");
            assert!(e.to_string().contains(spec), "{spec}: {e}");
        }
    }
}
