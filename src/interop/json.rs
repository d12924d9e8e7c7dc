//! The JSON facade: every job as `&str` in, `Result<String, JsonError>` out. This is the
//! surface a binding for another language wraps.
//!
//! A bad document's error names the path of the offending field:
//!
//! ```
//! use acupuncture_guidance::json;
//! let err = json::assess(r#"{"assessed_on": "2026-11-27", "onset": {"days_ago": 3},
//!     "pattern": "non_specific", "age_years": 40, "red_flags": {"fever": "maybe"}}"#).unwrap_err();
//! assert_eq!(err.path(), "red_flags.fever");
//! assert!(err.to_string().starts_with("red_flags.fever: unknown variant `maybe`, expected one of"));
//! ```

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a document could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The document is not valid for the job: malformed JSON, a wrong type, an unknown field or
    /// value, or a value the crate's validation rejects.
    #[error("{}{message}", if path.is_empty() { String::new() } else { format!("{path}: ") })]
    Invalid {
        /// The path of the offending field (`red_flags.fever`, `sessions[2].score`), empty when
        /// the problem is the document as a whole (the message then names the field).
        path: String,
        /// What is wrong.
        message: String,
        /// Line of the problem in the document (1-based).
        line: usize,
        /// Column of the problem in the document (1-based).
        column: usize,
    },
    /// The result could not be written (not expected to happen).
    #[error("writing the result: {0}")]
    Output(String),
}

impl JsonError {
    /// The path of the offending field (empty for the document as a whole).
    #[must_use]
    pub fn path(&self) -> &str {
        match self {
            JsonError::Invalid { path, .. } => path,
            JsonError::Output(_) => "",
        }
    }
}

/// Reads a document, naming the field path in errors.
///
/// # Errors
///
/// [`JsonError::Invalid`] with the path of the offending field.
pub fn from_str<T: DeserializeOwned>(document: &str) -> Result<T, JsonError> {
    let mut de = serde_json::Deserializer::from_str(document);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = (inner.line(), inner.column());
        // serde_json appends " at line L column C"; the position is kept in its own fields.
        let text = inner.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m).to_owned();
        JsonError::Invalid { path: if path == "." { String::new() } else { path }, message, line, column }
    })?;
    de.end().map_err(|e| JsonError::Invalid {
        path: String::new(),
        message: "trailing characters after the document".into(),
        line: e.line(),
        column: e.column(),
    })?;
    Ok(value)
}

fn to_string<T: Serialize>(value: &T) -> Result<String, JsonError> {
    serde_json::to_string(value).map_err(|e| JsonError::Output(e.to_string()))
}

/// [`assess`](crate::assess): an intake document in, an assessment document out.
///
/// # Errors
///
/// [`JsonError::Invalid`] for a bad intake, naming the field path.
pub fn assess(intake: &str) -> Result<String, JsonError> {
    let intake: crate::Intake = from_str(intake)?;
    let assessment = crate::assess(&intake).map_err(|e| invalid(&e))?;
    to_string(&assessment)
}

/// [`questions`](crate::questions()): the intake questions as a document
/// ([`QuestionList`](crate::QuestionList), with the contract and ruleset versions).
///
/// # Errors
///
/// None in practice ([`JsonError::Output`] is kept for uniformity).
pub fn questions() -> Result<String, JsonError> {
    to_string(&crate::QuestionList::new())
}

/// [`review_course`](crate::review_course): a course log in, a course review out.
///
/// # Errors
///
/// [`JsonError::Invalid`] for a bad log, naming the field path.
pub fn review_course(log: &str) -> Result<String, JsonError> {
    let log: crate::CourseLog = from_str(log)?;
    let review = crate::review_course(&log).map_err(|e| invalid(&e))?;
    to_string(&review)
}

/// [`review_medicare`](crate::review_medicare): a visit history in, a coverage review out.
///
/// # Errors
///
/// [`JsonError::Invalid`] for a bad history, naming the field path.
pub fn review_medicare(history: &str) -> Result<String, JsonError> {
    let history: crate::MedicareHistory = from_str(history)?;
    let review = crate::review_medicare(&history).map_err(|e| invalid(&e))?;
    to_string(&review)
}

/// [`review_practitioner`](crate::review_practitioner): a practitioner profile in, a review out.
///
/// # Errors
///
/// [`JsonError::Invalid`] for a bad profile, naming the field path.
pub fn review_practitioner(profile: &str) -> Result<String, JsonError> {
    let profile: crate::PractitionerProfile = from_str(profile)?;
    to_string(&crate::review_practitioner(&profile))
}

fn invalid(error: &dyn std::error::Error) -> JsonError {
    JsonError::Invalid { path: String::new(), message: error.to_string(), line: 0, column: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INTAKE: &str =
        r#"{"assessed_on": "2026-11-27", "onset": {"days_ago": 100}, "pattern": "non_specific", "age_years": 40}"#;

    #[test]
    fn errors_name_the_field_path() {
        let cases = [
            (r#"{"red_flags": {"fever": "maybe"}}"#, "red_flags.fever", "unknown variant `maybe`"),
            (r#"{"red_flags": {"fevr": "present"}}"#, "red_flags.fevr", "unknown field `fevr`"),
            (
                r#"{"proposed_modalities": ["manual_acupuncture", "cupping"]}"#,
                "proposed_modalities[1]",
                "unknown variant `cupping`",
            ),
            (r#"{"onset": {"days_ago": -3}}"#, "onset", "onset.days_ago -3 is negative"),
            (r#"{"age_years": "forty"}"#, "age_years", "invalid type: string \"forty\""),
        ];
        for (patch, path, message) in cases {
            let mut doc: serde_json::Value = serde_json::from_str(INTAKE).unwrap();
            let patch: serde_json::Value = serde_json::from_str(patch).unwrap();
            for (k, v) in patch.as_object().unwrap() {
                doc[k] = v.clone();
            }
            let err = assess(&doc.to_string()).unwrap_err();
            assert_eq!(err.path(), path, "{err}");
            assert!(err.to_string().starts_with(&format!("{path}: ")), "{err}");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn document_level_errors_have_an_empty_path_and_a_message_naming_the_field() {
        let err = assess(r#"{"assessed_on": "2026-11-27", "onset": {"date": "2026-12-01"}, "pattern": "radicular", "age_years": 40}"#)
            .unwrap_err();
        assert_eq!(err.path(), "");
        assert_eq!(err.to_string(), "onset 2026-12-01 is after the assessment date 2026-11-27");
        assert!(assess("{").is_err());
        assert!(assess(&format!("{INTAKE} trailing")).is_err());
    }

    #[test]
    fn every_job_round_trips_documents() {
        let out: serde_json::Value = serde_json::from_str(&assess(INTAKE).unwrap()).unwrap();
        assert_eq!(out["triage"], "screening_incomplete");
        let q: serde_json::Value = serde_json::from_str(&questions().unwrap()).unwrap();
        assert_eq!(q["contract_version"], 1);
        assert_eq!(q["questions"][0]["id"], "onset");
        let log = r#"{"as_of": "2026-12-04", "measure": "nrs_pain", "baseline": {"date": "2026-11-02", "score": 7},
            "sessions": [{"date": "2026-11-02", "score": 11}]}"#;
        assert!(review_course(log).unwrap_err().to_string().contains("sessions[0].score 11"));
        let history = r#"{"eligibility": {"onset": {"date": "2025-09-01"}, "non_specific": true,
            "associated_with_surgery": false, "associated_with_pregnancy": false},
            "practitioner": {"kind": "physician", "state_licensed": true},
            "sessions": [{"date": "2026-01-05", "modality": "manual_acupuncture", "cpt": ["97810"]}]}"#;
        let out: serde_json::Value = serde_json::from_str(&review_medicare(history).unwrap()).unwrap();
        assert_eq!(out["covered_count"], 1);
        let err = review_practitioner(r#"{"discipline": "wizard"}"#).unwrap_err();
        assert_eq!(err.path(), "discipline");
    }
}
