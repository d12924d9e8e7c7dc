//! Other systems' formats. The rules never depend on this module.
//!
//! - [`canonical`]: the crate's own URLs, code systems and service ids.
//! - [`json`]: every job as JSON in, JSON out, with errors that name the field path.
//! - `cds_hooks` (feature `cds-hooks`): assessments and course reviews as CDS Hooks cards.
//! - `schema` (feature `schema`): JSON Schema for every input and output type.

pub mod canonical;
#[cfg(feature = "cds-hooks")]
pub mod cds_hooks;
pub mod json;
#[cfg(feature = "schema")]
pub mod schema;
