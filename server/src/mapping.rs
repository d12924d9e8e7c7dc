//! Prefetch → intake and draft orders → modalities: the library's FHIR mapping (feature
//! `fhir`, `acupuncture_guidance::interop::fhir`), and the deployment's code table file.
//!
//! The service does no FHIR mapping of its own: what a resource means is the library's
//! (CODES.md §5b: a missing key, an OperationOutcome, `null` or an empty search is unknown;
//! only an explicit negative coding is absent).

use acupuncture_guidance::NaiveDate;
use acupuncture_guidance::interop::fhir::{CodeTable, CodeTables, FhirError, PrefetchContext, PrefetchReading};
use acupuncture_guidance::{Modality, interop::fhir};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The code tables the deployment supplies: today the anticoagulant table
/// (`--anticoagulant-codes`). Without it, no medication counts as an anticoagulant and the
/// answer stays with the intake questionnaire.
#[derive(Debug, Clone, Default)]
pub struct Tables(CodeTables);

/// The file `--anticoagulant-codes` reads.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TableFile {
    name: String,
    system: String,
    codes: Vec<String>,
    as_of: NaiveDate,
}

impl Tables {
    /// Reads an anticoagulant code table:
    /// `{"name": "...", "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "codes":
    /// ["..."], "as_of": "YYYY-MM-DD"}` (the day the deployment compiled it).
    ///
    /// # Errors
    ///
    /// When the document is not such a table, or lists no code.
    pub fn from_json(text: &str) -> Result<Tables, String> {
        let file: TableFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.codes.is_empty() || file.system.is_empty() {
            return Err("the table needs a system and at least one code".to_owned());
        }
        let table = CodeTable::new(file.name, file.system, file.codes, file.as_of);
        Ok(Tables(CodeTables { anticoagulants: Some(table) }))
    }
}

/// What the prefetch gave (the library's reading).
pub type Reading = PrefetchReading;

/// A prefetch or order that does not map, with the path of the item at fault.
#[derive(Debug, Clone)]
pub struct MappingError {
    /// The path, such as `prefetch.intake.entry[0].resource.item[3].answer[0]`.
    pub path: String,
    /// One line.
    pub message: String,
}

impl From<FhirError> for MappingError {
    fn from(e: FhirError) -> MappingError {
        MappingError { path: e.path().to_owned(), message: e.message().to_owned() }
    }
}

/// Reads the prefetch for `patient_id` on `on`. Nothing fails: what could not be read is
/// listed in the reading's `ignored` (and its answers stay unknown).
pub fn read_prefetch(prefetch: &Map<String, Value>, patient_id: &str, on: NaiveDate, tables: &Tables) -> Reading {
    fhir::intake_from_prefetch(prefetch, &PrefetchContext::new(patient_id, on, &tables.0))
}

/// The draft acupuncture and dry-needling orders: `("ServiceRequest/{id}", modality)`.
///
/// # Errors
///
/// An order that does not map (with its path from `draftOrders`).
pub fn ordered_modalities(draft_orders: &Value) -> Result<Vec<(String, Modality)>, MappingError> {
    Ok(fhir::modalities_from_orders(draft_orders)?)
}

/// The ServiceRequests of `draftOrders` (the entries' resources), for the cards' `update`
/// suggestion and CPT coding check. What is not a ServiceRequest is left out.
pub fn draft_requests(draft_orders: &Value) -> Vec<Value> {
    let entries = draft_orders.get("entry").and_then(Value::as_array);
    entries
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("resource"))
        .filter(|r| r.get("resourceType").and_then(Value::as_str) == Some("ServiceRequest"))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_file_needs_its_system_codes_and_date() {
        let ok = r#"{"name": "formulary", "system": "http://example.org/f", "codes": ["a"], "as_of": "2026-11-01"}"#;
        assert!(Tables::from_json(ok).is_ok());
        for bad in [
            r#"{"name": "formulary", "system": "http://example.org/f", "codes": [], "as_of": "2026-11-01"}"#,
            r#"{"name": "formulary", "system": "http://example.org/f", "codes": ["a"]}"#,
            r#"{"name": "formulary", "system": "http://example.org/f", "codes": ["a"], "as_of": "2026-11-01", "x": 1}"#,
        ] {
            assert!(Tables::from_json(bad).is_err(), "{bad}");
        }
    }
}
