//! FHIR in and out (feature `fhir`). The tests are in `features/fhir.rs`; without the feature
//! this file shows one ignored test that says what it needs, instead of running 0 tests.

#![cfg_attr(feature = "fhir", allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]

#[cfg(feature = "fhir")]
mod common;

#[cfg(feature = "fhir")]
#[path = "features/fhir.rs"]
mod fhir;

/// Stands in for the FHIR tests when the feature is off: `cargo test` lists it as ignored,
/// with the reason.
#[cfg(not(feature = "fhir"))]
#[test]
#[ignore = "needs --features fhir"]
fn feature_fhir_is_needed_for_these_tests() {}
