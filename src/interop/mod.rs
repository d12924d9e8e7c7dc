//! Other systems' formats. The rules never depend on this module.
//!
//! - [`canonical`]: the crate's own URLs, code systems and service ids.
//! - [`json`]: every job as JSON in, JSON out, with errors that name the field path.
//! - `cds_hooks` (feature `cds-hooks`): assessments and course reviews as CDS Hooks cards.
//! - `fhir` (feature `fhir`): FHIR R4 resources in and out, and CDS Hooks prefetch.
//! - `schema` (feature `schema`): JSON Schema for every input and output type.

pub mod canonical;
#[cfg(feature = "cds-hooks")]
pub mod cds_hooks;
#[cfg(feature = "fhir")]
pub mod fhir;
pub mod json;
#[cfg(feature = "schema")]
pub mod schema;
