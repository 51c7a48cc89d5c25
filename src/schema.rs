//! The JSON Schemas ccsim publishes under `schema/`: the scenario file, `summary.json`,
//! `sweep.json` and the output of `ccsim erlang --json`. Each is generated from the Rust
//! types that read or write the format (or, for `erlang`, describe it), and a test fails
//! when the committed files differ from what the code generates.

use schemars::generate::SchemaSettings;
use serde_json::Value;

/// A published schema: its file name under `schema/` and its text.
pub struct SchemaFile {
    pub file: &'static str,
    pub text: String,
}

/// Draft-07: the draft editors' TOML and JSON language servers understand best.
fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
}

/// Removes schemars' `format` hints for Rust number types (`uint32`, `double`, ...): they
/// are not JSON Schema formats, and strict validators reject unknown formats.
fn strip_number_formats(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str).is_some_and(|f| {
                matches!(
                    f,
                    "double"
                        | "float"
                        | "int"
                        | "uint"
                        | "int8"
                        | "int16"
                        | "int32"
                        | "int64"
                        | "uint8"
                        | "uint16"
                        | "uint32"
                        | "uint64"
                )
            }) {
                map.remove("format");
            }
            map.values_mut().for_each(strip_number_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_number_formats),
        _ => {}
    }
}

/// Drops `null` as an allowed value: TOML has no null, an optional key is simply left out.
fn no_nulls(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(branches)) = map.get_mut("anyOf") {
                branches.retain(|b| b.get("type").is_none_or(|t| t != "null"));
                // A single alternative left: `allOf`, so errors come from inside it.
                if branches.len() == 1
                    && let Some(only) = map.remove("anyOf")
                {
                    map.insert("allOf".into(), only);
                }
            }
            map.values_mut().for_each(no_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(no_nulls),
        _ => {}
    }
}

/// Rewrites a `oneOf` whose branches are told apart by a constant property (the
/// `distribution` of a duration distribution) as `if`/`then` per value of that property.
/// Validators and editors then report the actual mistake ("`sdd` is not allowed",
/// "`mean` does not match") instead of "not valid under any of the schemas in oneOf", and
/// complete the property's values from its `enum`.
fn discriminate(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Array(branches)) = map.get("oneOf")
                && let Some(tag) = common_tag(branches)
            {
                let values: Vec<Value> = branches
                    .iter()
                    .map(|b| b["properties"][&tag]["const"].clone())
                    .collect();
                let rules: Vec<Value> = branches
                    .iter()
                    .map(|b| {
                        serde_json::json!({
                            "if": {
                                "properties": {(tag.clone()): {"const": b["properties"][&tag]["const"]}},
                                "required": [tag],
                            },
                            "then": b,
                        })
                    })
                    .collect();
                map.remove("oneOf");
                map.insert("type".into(), "object".into());
                map.insert("required".into(), serde_json::json!([tag]));
                map.insert(
                    "properties".into(),
                    serde_json::json!({(tag.clone()): {"type": "string", "enum": values}}),
                );
                map.insert("allOf".into(), Value::Array(rules));
            }
            map.values_mut().for_each(discriminate);
        }
        Value::Array(items) => items.iter_mut().for_each(discriminate),
        _ => {}
    }
}

/// The property every branch fixes with `const`, if there is one.
fn common_tag(branches: &[Value]) -> Option<String> {
    let first = branches.first()?.get("properties")?.as_object()?;
    first
        .iter()
        .filter(|(_, p)| p.get("const").is_some())
        .map(|(k, _)| k.clone())
        .find(|k| {
            branches
                .iter()
                .all(|b| b["properties"][k.as_str()].get("const").is_some())
        })
}

fn text(mut value: Value) -> String {
    strip_number_formats(&mut value);
    let mut s = serde_json::to_string_pretty(&value).expect("a schema serialises");
    s.push('\n');
    s
}

/// Every published schema, generated now.
pub fn all() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            file: "scenario.schema.json",
            text: text({
                let mut v = crate::scenario::file::schema(settings());
                no_nulls(&mut v);
                discriminate(&mut v);
                v
            }),
        },
        SchemaFile {
            file: "summary.schema.json",
            text: text(crate::report::json::schema(settings())),
        },
        SchemaFile {
            file: "staffing.schema.json",
            text: text(crate::report::staffing::schema(settings())),
        },
        SchemaFile {
            file: "schedule.schema.json",
            text: text(crate::report::schedule::schema(settings())),
        },
        SchemaFile {
            file: "sweep.schema.json",
            text: text(crate::report::sweep::schema(settings())),
        },
        SchemaFile {
            file: "check.schema.json",
            text: text(crate::commands::check::schema(settings())),
        },
        SchemaFile {
            file: "erlang.schema.json",
            text: text({
                let mut v = crate::commands::erlang::schema(settings());
                discriminate(&mut v);
                v
            }),
        },
    ]
}
