//! What the jobs return: findings, the assessment, and the course, Medicare and practitioner
//! reviews.
//!
//! This layer reads the [`model`](crate::model) and nothing else of the crate but
//! [`evidence`](crate::evidence): the rules build these values, and
//! [`explain`](crate::explain) and the interop layer read them.

pub mod assessment;
pub mod course_review;
pub mod finding;
pub mod medicare_review;
pub mod practitioner_review;
pub mod set;

/// The version of the JSON contract every output carries: 2 since the 2026-12 revision made
/// the course review's numbers exact strings and Medicare's `remaining` nullable.
pub const CONTRACT_VERSION: u32 = 2;
