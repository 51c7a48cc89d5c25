//! The JSON Schemas ccsim publishes under `schema/`: the scenario file, `summary.json` and
//! `sweep.json`. Each is generated from the Rust types that read or write the format, and a
//! test fails when the committed files differ from what the code generates.

use schemars::generate::SchemaSettings;

/// A published schema: its file name under `schema/` and its text.
pub struct SchemaFile {
    pub file: &'static str,
    pub text: String,
}

/// Draft-07: the draft editors' TOML and JSON language servers understand best.
fn settings() -> SchemaSettings {
    SchemaSettings::draft07()
}

fn text(value: serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(&value).expect("a schema serialises");
    s.push('\n');
    s
}

/// Every published schema, generated now.
pub fn all() -> Vec<SchemaFile> {
    vec![
        SchemaFile {
            file: "scenario.schema.json",
            text: text(crate::scenario::file::schema(settings())),
        },
        SchemaFile {
            file: "summary.schema.json",
            text: text(crate::report::json::schema(settings())),
        },
        SchemaFile {
            file: "sweep.schema.json",
            text: text(crate::sweep::schema(settings())),
        },
    ]
}
