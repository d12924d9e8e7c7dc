//! Validated domain values: the intake that comes in and the assessment that goes out.
//!
//! Serde derives live here and are always on: the JSON contract is part of the model. Every
//! deserialization goes through the same validation as the constructors.

pub mod answers;
pub mod assessment;
pub mod course;
pub mod course_review;
pub mod fact;
pub mod intake;
pub mod measures;
pub mod medicare;
pub mod medicare_review;
pub mod practitioner;
pub mod score;
