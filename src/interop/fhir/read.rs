//! Walking caller JSON with a path: every step knows where it is, so every error names it.
//! Nothing here indexes, unwraps or panics on caller data.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde_json::{Map, Value};

use super::error::{FhirError, FhirErrorKind};

/// A JSON value and its path from the document's root.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub(crate) value: &'a Value,
    pub(crate) path: String,
}

/// What a value is, for messages.
pub(crate) fn what(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn malformed(path: impl Into<String>, message: impl Into<String>) -> FhirError {
    FhirError::new(FhirErrorKind::Malformed, path, message)
}

impl<'a> Node<'a> {
    pub(crate) fn new(value: &'a Value, path: impl Into<String>) -> Self {
        Node { value, path: path.into() }
    }

    /// The path of a field of this node.
    pub(crate) fn join(&self, name: &str) -> String {
        if self.path.is_empty() { name.to_owned() } else { format!("{}.{name}", self.path) }
    }

    pub(crate) fn object(&self) -> Result<&'a Map<String, Value>, FhirError> {
        self.value
            .as_object()
            .ok_or_else(|| malformed(self.path.clone(), format!("expected an object, found {}", what(self.value))))
    }

    /// A field; `None` when it is absent (FHIR JSON has no `null` fields; one is read as
    /// absent).
    pub(crate) fn get(&self, name: &str) -> Result<Option<Node<'a>>, FhirError> {
        Ok(self.object()?.get(name).filter(|v| !v.is_null()).map(|v| Node::new(v, self.join(name))))
    }

    /// A string field, if present.
    pub(crate) fn string(&self, name: &str) -> Result<Option<&'a str>, FhirError> {
        match self.get(name)? {
            None => Ok(None),
            Some(node) => node.as_str().map(Some),
        }
    }

    /// This node as a string.
    pub(crate) fn as_str(&self) -> Result<&'a str, FhirError> {
        self.value
            .as_str()
            .ok_or_else(|| malformed(self.path.clone(), format!("expected a string, found {}", what(self.value))))
    }

    /// The elements of an array field (none when absent), each with its path (`item[3]`).
    pub(crate) fn array(&self, name: &str) -> Result<Vec<Node<'a>>, FhirError> {
        let Some(node) = self.get(name)? else { return Ok(Vec::new()) };
        let list = node
            .value
            .as_array()
            .ok_or_else(|| malformed(node.path.clone(), format!("expected an array, found {}", what(node.value))))?;
        Ok(list.iter().enumerate().map(|(i, v)| Node::new(v, format!("{}[{i}]", node.path))).collect())
    }

    /// The `resourceType`, which every resource has.
    pub(crate) fn resource_type(&self) -> Result<&'a str, FhirError> {
        self.string("resourceType")?.ok_or_else(|| {
            FhirError::new(FhirErrorKind::Missing, self.join("resourceType"), "a resource needs a resourceType")
        })
    }

    /// The `(system, code)` pairs of the CodeableConcept field `name` (codings without a
    /// code are skipped: they carry only text).
    pub(crate) fn codings(&self, name: &str) -> Result<Vec<(Option<&'a str>, &'a str)>, FhirError> {
        let Some(concept) = self.get(name)? else { return Ok(Vec::new()) };
        let mut out = Vec::new();
        for coding in concept.array("coding")? {
            let system = coding.string("system")?;
            if let Some(code) = coding.string("code")? {
                out.push((system, code));
            }
        }
        Ok(out)
    }
}

/// A FHIR `date` or the date part of a `dateTime`, when it gives a full day. `Ok(None)` for
/// a partial date (`2026`, `2026-05`), which FHIR allows but from which no day can be read.
pub(crate) fn full_date(node: &Node<'_>) -> Result<Option<NaiveDate>, FhirError> {
    let text = node.as_str()?;
    let bad = || malformed(node.path.clone(), format!("{text:?} is not a FHIR date or dateTime"));
    match text.len() {
        4 | 7 => {
            let year_month = text.split('-').all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            if year_month { Ok(None) } else { Err(bad()) }
        }
        10 => NaiveDate::parse_from_str(text, "%Y-%m-%d").map(Some).map_err(|_| bad()),
        _ => match text.get(..10) {
            Some(day) if text.get(10..11) == Some("T") => {
                instant(text).ok_or_else(bad)?;
                NaiveDate::parse_from_str(day, "%Y-%m-%d").map(Some).map_err(|_| bad())
            }
            _ => Err(bad()),
        },
    }
}

/// A `dateTime` with a time as an instant in UTC; a date alone as its midnight in UTC.
pub(crate) fn instant(text: &str) -> Option<NaiveDateTime> {
    if text.len() == 10 {
        return NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0));
    }
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.naive_utc())
}
