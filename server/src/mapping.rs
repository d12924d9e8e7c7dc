//! Prefetch → intake and draft orders → modalities: the library's FHIR mapping (feature
//! `fhir`), behind the two calls the service makes.
//!
//! TEMPORARY: until the library's `interop::fhir` lands on main, this reads nothing and says
//! that the onset, age and pain pattern are missing (so every call gets the "cannot assess
//! yet" card) and that no acupuncture order is in the draft orders.

use acupuncture_guidance::{Intake, Modality, NaiveDate};
use serde_json::{Map, Value};

/// The code tables the deployment supplies (the anticoagulant table).
#[derive(Debug, Default)]
pub struct Tables {
    _loaded: bool,
}

impl Tables {
    /// Reads a table document.
    ///
    /// # Errors
    ///
    /// When the document is not a code table.
    pub fn from_json(_text: &str) -> Result<Tables, String> {
        Ok(Tables { _loaded: true })
    }
}

/// What the prefetch gave.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The intake, when the record has the onset, the age and the pattern.
    pub intake: Option<Intake>,
    /// The intake fields the record lacks.
    pub missing: Vec<&'static str>,
}

/// A prefetch or order that does not map, with the path of the item at fault.
#[derive(Debug, Clone)]
pub struct MappingError {
    /// The path, such as `prefetch.intake.item[3].answer[0]`.
    pub path: String,
    /// One line.
    pub message: String,
}

/// Reads the prefetch.
///
/// # Errors
///
/// A resource that does not map.
pub fn read_prefetch(
    _prefetch: &Map<String, Value>,
    _on: NaiveDate,
    _tables: &Tables,
) -> Result<Reading, MappingError> {
    Ok(Reading { intake: None, missing: vec!["onset", "age_years", "pattern"] })
}

/// The draft acupuncture and dry-needling orders.
///
/// # Errors
///
/// An order that does not map.
pub fn ordered_modalities(_draft_orders: &Value) -> Result<Vec<(String, Modality)>, MappingError> {
    Ok(Vec::new())
}
