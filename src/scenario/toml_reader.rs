//! Reads a TOML document key by key, keeping every value's position, so that each
//! complaint names the file, line, column and key, what was expected and what was found.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::suggest::is_near;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::duration::{MAX_SECONDS, parse_duration};
use crate::error::Error;

/// The source text of one file and its name, for messages.
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl Source<'_> {
    /// `file:line:col` for a byte offset (1-based line and column, counted in characters).
    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.text[..self.text.floor_char_boundary(offset)]
            .matches('\n')
            .count()
            + 1
    }

    pub fn location(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let before = &self.text[..self.text.floor_char_boundary(offset)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{col}", self.path)
    }

    /// An input error at a position, naming the key, what was expected and what was found.
    pub fn error(&self, span: &Range<usize>, key: &str, expected: &str, found: &str) -> Error {
        Error::input(format!(
            "{}: `{}`: expected {expected}, found {}",
            self.location(span.start),
            crate::error::one_line(key),
            crate::error::one_line(found)
        ))
    }

    /// Parses the whole document, turning TOML syntax errors into located messages.
    pub fn parse(&self) -> Result<Spanned<DeTable<'_>>, Error> {
        DeTable::parse(self.text).map_err(|first| {
            // The parser stops at the error it notices first, which can be far below the
            // mistake (an unclosed string found only as an unclosed array at the end);
            // with recovery it lists them all, and the earliest is the one to fix.
            // The parser's own error stands when it is on that earliest line.
            let (_, all) = DeTable::parse_recoverable(self.text);
            let line = |e: &toml::de::Error| e.span().map(|s| self.line_of(s.start));
            let earliest = all
                .into_iter()
                .filter(|e| e.span().is_some())
                .min_by_key(|e| e.span().map_or(usize::MAX, |s| s.start));
            let e = match earliest {
                Some(e) if line(&e) < line(&first) => e,
                _ => first,
            };
            let loc = e
                .span()
                .map_or_else(|| self.path.to_string(), |s| self.location(s.start));
            let msg = e.message().trim().replace('\n', " ");
            Error::input(format!("{loc}: invalid TOML: {msg}"))
        })
    }
}

/// A short description of a value for "found ..." in messages.
pub fn describe(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("the string \"{}\"", truncate(s, 40)),
        DeValue::Integer(i) => format!("the integer {i}"),
        DeValue::Float(f) => format!("the number {f}"),
        DeValue::Boolean(b) => format!("the boolean {b}"),
        DeValue::Datetime(d) => format!("the date/time {d}"),
        DeValue::Array(a) => format!("an array of {} values", a.len()),
        DeValue::Table(_) => "a table".into(),
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// One table of the document with its known keys; unknown keys are reported by `finish`.
pub struct Table<'s, 'a> {
    pub src: &'s Source<'a>,
    /// Dotted path of this table for messages ("" for the top level).
    prefix: String,
    table: &'s DeTable<'a>,
    span: Range<usize>,
    allowed: BTreeSet<&'static str>,
}

impl<'s, 'a> Table<'s, 'a> {
    pub fn new(
        src: &'s Source<'a>,
        prefix: &str,
        table: &'s DeTable<'a>,
        span: Range<usize>,
    ) -> Self {
        Table {
            src,
            prefix: prefix.to_string(),
            table,
            span,
            allowed: BTreeSet::new(),
        }
    }

    /// The full dotted name of a key of this table.
    pub fn key_name(&self, key: &str) -> String {
        if self.prefix.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.prefix)
        }
    }

    /// The table's own entries, for tables whose keys are names (`skills = { sales = 1 }`).
    pub fn raw(&self) -> &'s DeTable<'a> {
        self.table
    }

    /// The dotted path of this table ("" for the top level).
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Where the table starts, for errors about missing keys.
    pub fn span(&self) -> &Range<usize> {
        &self.span
    }

    /// Looks a key up and records it as known.
    pub fn get(&mut self, key: &'static str) -> Option<&'s Spanned<DeValue<'a>>> {
        self.allowed.insert(key);
        self.table.get(key)
    }

    /// Records keys as known without reading them (read by another part of the parser).
    pub fn allow(&mut self, keys: &[&'static str]) {
        self.allowed.extend(keys);
    }

    /// Whether a key is present (and records it as known).
    pub fn has(&mut self, key: &'static str) -> bool {
        self.get(key).is_some()
    }

    /// An error about a missing required key.
    pub fn missing(&self, key: &str, expected: &str) -> Error {
        // A misspelt key is the likeliest reason a required one is missing: name it.
        let typo = self.table.iter().find(|(k, _)| {
            let k = k.get_ref().as_ref();
            k != key && !self.allowed.contains(k) && is_near(k, key)
        });
        if let Some((k, v)) = typo {
            let (noun, suggestion) = if matches!(v.get_ref(), DeValue::Table(_)) {
                ("section", format!("[{}]", self.key_name(key)))
            } else {
                ("key", format!("`{key}`"))
            };
            return self.src.error(
                &k.span(),
                &self.key_name(k.get_ref()),
                &format!("a known {noun} (did you mean {suggestion}?)"),
                &format!("an unknown {noun}"),
            );
        }
        let place = if self.prefix.is_empty() {
            "the top of the file".to_string()
        } else {
            format!("the [{}] section", self.prefix)
        };
        Error::input(format!(
            "{}: `{}`: expected {expected} in {place}, found nothing (the key is missing)",
            self.src.location(self.span.start),
            self.key_name(key)
        ))
    }

    /// Rejects keys that no part of the parser asked for: typos must not pass silently.
    pub fn finish(self) -> Result<(), Error> {
        for (key, value) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if !self.allowed.contains(name) {
                let known: Vec<_> = self.allowed.iter().copied().collect();
                // A misspelt section header reads "[handle_tme]": name it a section.
                let section = matches!(value.get_ref(), DeValue::Table(_));
                let expected = match (known.iter().find(|k| is_near(name, k)), section) {
                    (Some(k), true) => {
                        format!("a known section (did you mean [{}]?)", self.key_name(k))
                    }
                    (Some(k), false) => format!("a known key (did you mean `{k}`?)"),
                    (None, _) => format!("one of the known keys here ({})", known.join(", ")),
                };
                let found = if section {
                    "an unknown section"
                } else {
                    "an unknown key"
                };
                return Err(self.src.error(
                    &key.span(),
                    &self.key_name(key.get_ref()),
                    &expected,
                    found,
                ));
            }
        }
        Ok(())
    }

    /// A sub-table.
    pub fn table(&mut self, key: &'static str) -> Result<Option<Table<'s, 'a>>, Error> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::Table(t) => Ok(Some(Table::new(self.src, &self.key_name(key), t, v.span()))),
            other => {
                Err(self
                    .src
                    .error(&v.span(), &self.key_name(key), "a table", &describe(other)))
            }
        }
    }

    pub fn string(&mut self, key: &'static str) -> Result<Option<(String, Range<usize>)>, Error> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.get_ref() {
            DeValue::String(s) => Ok(Some((s.to_string(), v.span()))),
            other => Err(self.src.error(
                &v.span(),
                &self.key_name(key),
                "a string in quotes",
                &describe(other),
            )),
        }
    }

    /// A number (integer or float), finite.
    pub fn number(&mut self, key: &'static str) -> Result<Option<(f64, Range<usize>)>, Error> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let name = self.key_name(key);
        number_value(self.src, v, &name, "a number").map(|x| Some((x, v.span())))
    }

    /// A whole number ≥ 0.
    pub fn count(&mut self, key: &'static str) -> Result<Option<(u64, Range<usize>)>, Error> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let name = self.key_name(key);
        count_value(self.src, v, &name).map(|x| Some((x, v.span())))
    }

    /// A duration in seconds: a number, or a string with units.
    pub fn duration(&mut self, key: &'static str) -> Result<Option<(f64, Range<usize>)>, Error> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let name = self.key_name(key);
        duration_value(self.src, v, &name).map(|x| Some((x, v.span())))
    }

    /// A raw value, for keys that accept several shapes.
    pub fn value(&mut self, key: &'static str) -> Option<&'s Spanned<DeValue<'a>>> {
        self.get(key)
    }
}

/// A finite number from an integer or float value.
pub fn number_value(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    key: &str,
    expected: &str,
) -> Result<f64, Error> {
    let x = match v.get_ref() {
        // An integer beyond i64 is still a number: too large, not of the wrong kind, so
        // the caller names the real limit.
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64)
            .or_else(|| {
                let digits = i.as_str().replace('_', "");
                (i.radix() == 10).then(|| digits.parse::<f64>().ok())?
            }),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    match x {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(src.error(&v.span(), key, expected, &describe(v.get_ref()))),
    }
}

/// A share: a number, or a percentage written as a string ("80%", as on the command line).
/// `expected` names the range for messages; the caller checks it.
pub fn share_value(
    src: &Source<'_>,
    v: &Spanned<DeValue<'_>>,
    key: &str,
    expected: &str,
) -> Result<f64, Error> {
    if let DeValue::String(s) = v.get_ref() {
        return s
            .trim()
            .strip_suffix('%')
            .and_then(|n| n.trim().parse::<f64>().ok())
            .filter(|p| p.is_finite())
            .map(|p| p / 100.0)
            .ok_or_else(|| src.error(&v.span(), key, expected, &describe(v.get_ref())));
    }
    number_value(src, v, key, expected)
}

/// A whole number ≥ 0 (floats with no fractional part are accepted: `10.0`).
pub fn count_value(src: &Source<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<u64, Error> {
    let expected = "a whole number (0 or more)";
    let x = number_value(src, v, key, expected)?;
    if x > 1e15 {
        // Name the real limit rather than call a large number the wrong kind of value.
        return Err(src.error(
            &v.span(),
            key,
            "a whole number of at most 1000000000000000",
            &describe(v.get_ref()),
        ));
    }
    if x < 0.0 || x.fract() != 0.0 {
        return Err(src.error(&v.span(), key, expected, &describe(v.get_ref())));
    }
    Ok(x as u64)
}

/// A random seed: a TOML integer from 0 to [`MAX_SEED`], read exactly (a seed above 2^53
/// must not be rounded through a float into another seed).
pub fn seed_value(src: &Source<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<u64, Error> {
    let expected = format!("a whole number from 0 to {MAX_SEED}");
    let seed = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .ok()
            .and_then(|n| u64::try_from(n).ok()),
        // `seed = 7.0` is 7; beyond 2^53 a float no longer names one integer.
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|x| x.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(x))
            .map(|x| x as u64),
        _ => None,
    };
    seed.ok_or_else(|| src.error(&v.span(), key, &expected, &describe(v.get_ref())))
}

/// The largest seed: the largest TOML integer, so that any seed given with `--seed` can be
/// written back into the scenario file.
pub const MAX_SEED: u64 = i64::MAX as u64;

/// A duration: a number of seconds or a string such as "4m30s".
pub fn duration_value(src: &Source<'_>, v: &Spanned<DeValue<'_>>, key: &str) -> Result<f64, Error> {
    let expected = "a duration such as \"20s\", \"4m30s\", \"1.5h\" or a number of seconds";
    match v.get_ref() {
        DeValue::String(s) => {
            parse_duration(s).map_err(|why| src.error(&v.span(), key, expected, &why))
        }
        _ => {
            let x = number_value(src, v, key, expected)?;
            if x.abs() > MAX_SECONDS {
                return Err(src.error(
                    &v.span(),
                    key,
                    "a duration of at most 1e9 seconds (about 31 years)",
                    &describe(v.get_ref()),
                ));
            }
            Ok(x)
        }
    }
}
