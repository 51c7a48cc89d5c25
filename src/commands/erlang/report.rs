//! The figures of one evaluation, in output order, printed as a text table for people
//! or as one JSON object (described by `schema/erlang.schema.json`).

use crate::report::term::{wrap, wrap_at};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

use crate::duration::format_duration;

/// One output figure: its JSON key and value, and optionally a line for people.
pub(super) struct Figure {
    key: &'static str,
    value: Value,
    /// (label, formatted value, meaning) for the text output.
    human: Option<(String, String, String)>,
}

impl Figure {
    /// A figure for the JSON output only.
    pub(super) fn json(key: &'static str, value: Value) -> Figure {
        Figure {
            key,
            value,
            human: None,
        }
    }

    /// A string for the JSON output only.
    pub(super) fn text(key: &'static str, value: &str) -> Figure {
        Figure::json(key, Value::from(value))
    }

    fn human(key: &'static str, value: Value, label: &str, shown: String, meaning: &str) -> Figure {
        Figure {
            key,
            value,
            human: Some((label.to_string(), shown, meaning.to_string())),
        }
    }

    pub(super) fn count(key: &'static str, label: &str, n: u32, meaning: &str) -> Figure {
        Figure::human(key, n.into(), label, n.to_string(), meaning)
    }

    pub(super) fn number(
        key: &'static str,
        label: &str,
        v: f64,
        shown: String,
        meaning: &str,
    ) -> Figure {
        Figure::human(key, v.into(), label, shown, meaning)
    }

    /// A fraction shown as a percentage; `None` (undefined) is JSON null and "n/a".
    pub(super) fn pct(key: &'static str, label: &str, v: Option<f64>, meaning: &str) -> Figure {
        let shown = v.map_or("n/a".into(), |v| format!("{:.2}%", v * 100.0));
        Figure::human(
            key,
            v.map_or(Value::Null, Value::from),
            label,
            shown,
            meaning,
        )
    }

    /// Seconds shown as a duration; `None` is JSON null and "n/a".
    pub(super) fn secs(key: &'static str, label: &str, v: Option<f64>, meaning: &str) -> Figure {
        let shown = v.map_or("n/a".into(), |v| {
            if v < 60.0 {
                format!("{v:.1}s")
            } else {
                format_duration(v)
            }
        });
        Figure::human(
            key,
            v.map_or(Value::Null, Value::from),
            label,
            shown,
            meaning,
        )
    }
}

/// The figures of one evaluation, in output order.
pub(super) struct Report {
    header: String,
    figures: Vec<Figure>,
    /// A last line for the text output.
    pub(super) footer: Option<String>,
}

impl Report {
    /// An empty report under a header line.
    pub(super) fn new(header: String) -> Report {
        Report {
            header,
            figures: Vec::new(),
            footer: None,
        }
    }

    pub(super) fn push(&mut self, f: Figure) {
        self.figures.push(f);
    }

    /// The header, one aligned line per figure meant for people, and the footer.
    pub(super) fn to_text(&self) -> String {
        let mut out = wrap(&format!("{}\n", self.header), 2);
        let rows: Vec<_> = self
            .figures
            .iter()
            .filter_map(|f| f.human.as_ref())
            .collect();
        let lw = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
        let vw = rows.iter().map(|r| r.1.chars().count()).max().unwrap_or(0);
        // A long meaning continues under itself, after the label and value columns.
        let column = 2 + lw + 2 + vw + 2;
        for (label, shown, meaning) in rows {
            let line = format!("  {label:<lw$}  {shown:>vw$}  {meaning}\n");
            out.push_str(&wrap_at(&line, column));
        }
        if let Some(f) = &self.footer {
            out.push_str(&wrap(f, 0));
            out.push('\n');
        }
        out
    }

    /// Every figure as one pretty-printed JSON object, keys in output order.
    pub(super) fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }
}

impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.figures.len()))?;
        for f in &self.figures {
            map.serialize_entry(f.key, &f.value)?;
        }
        map.end()
    }
}
