//! CDS Hooks cards (feature `cds-hooks`). The tests are in `features/cds_hooks.rs`; without the
//! feature this file shows one ignored test that says what it needs, instead of running 0 tests.

#[cfg(feature = "cds-hooks")]
#[path = "features/cds_hooks.rs"]
mod cds_hooks;

/// Stands in for the CDS Hooks tests when the feature is off: `cargo test` lists it as ignored,
/// with the reason.
#[cfg(not(feature = "cds-hooks"))]
#[test]
#[ignore = "needs --features cds-hooks"]
fn feature_cds_hooks_is_needed_for_these_tests() {}
