//! JSON Schema (draft 2020-12) for every input and output type, generated with `schemars`.
//! The committed copies live in the repository's `schema/` folder; a test fails when they and
//! the types disagree (`UPDATE_SCHEMA=1 cargo test --features schema --test schema` rewrites
//! them).
//!
//! Inputs are described as they are read, outputs as they are written. Some rules are beyond a
//! schema (a score's range depends on the measure; sessions must be in date order; an add-on
//! code needs its initial code); the descriptions say so, and the crate checks them.
//!
//! ```
//! let schemas = acupuncture_guidance::interop::schema::schemas();
//! assert!(schemas.iter().any(|(name, _)| *name == "intake"));
//! ```

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

fn input<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12().for_deserialize().into_generator().into_root_schema_for::<T>()
}

fn output<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12().for_serialize().into_generator().into_root_schema_for::<T>()
}

/// Every schema, by file name (without `.json`): the four inputs, then the outputs.
#[must_use]
pub fn schemas() -> Vec<(&'static str, Schema)> {
    vec![
        ("intake", input::<crate::Intake>()),
        ("course_log", input::<crate::CourseLog>()),
        ("medicare_history", input::<crate::MedicareHistory>()),
        ("practitioner_profile", input::<crate::PractitionerProfile>()),
        ("assessment", output::<crate::Assessment>()),
        ("questions", output::<crate::QuestionList>()),
        ("course_review", output::<crate::CourseReview>()),
        ("medicare_review", output::<crate::MedicareReview>()),
        ("practitioner_review", output::<crate::PractitionerReview>()),
    ]
}
