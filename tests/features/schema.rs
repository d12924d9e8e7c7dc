//! The committed JSON Schemas (`schema/*.json`) agree with the types. Run with
//! `UPDATE_SCHEMA=1` to rewrite them after a deliberate change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use acupuncture_guidance::interop::schema::schemas;

#[test]
fn committed_schemas_match_the_types() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema");
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for (name, schema) in schemas() {
        let path = dir.join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "schema/ disagrees with the types for {stale:?}: run UPDATE_SCHEMA=1 cargo test --features schema --test schema"
    );
}

#[test]
fn the_intake_schema_names_the_contract_fields_and_rejects_unknown_ones() {
    let (_, intake) = schemas().into_iter().find(|(n, _)| *n == "intake").unwrap();
    let json = serde_json::to_value(&intake).unwrap();
    for field in ["assessed_on", "onset", "pattern", "age_years", "red_flags", "cautions", "proposed_modalities"] {
        assert!(json["properties"].get(field).is_some(), "{field}");
    }
    assert_eq!(json["additionalProperties"], false);
    let required: Vec<&str> = json["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(required, ["assessed_on", "onset", "pattern", "age_years"]);
}
