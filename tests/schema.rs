//! The committed JSON Schemas (feature `schema`). The tests are in `features/schema.rs`;
//! without the feature this file shows one ignored test that says what it needs, instead of
//! running 0 tests.

#[cfg(feature = "schema")]
#[path = "features/schema.rs"]
mod schema;

/// Stands in for the schema tests when the feature is off: `cargo test` lists it as ignored,
/// with the reason.
#[cfg(not(feature = "schema"))]
#[test]
#[ignore = "needs --features schema"]
fn feature_schema_is_needed_for_these_tests() {}
