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

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::model::change_policy::WirePolicy;
use crate::model::course::wire::{RawScore, WireLog};
use crate::model::intake::RawIntake;
use crate::model::medicare::WireHistory;
use crate::model::object::Object;

/// Why a document could not be processed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JsonError {
    /// The document is not valid for the job: malformed JSON, a wrong type, an unknown field or
    /// value, or a value the crate's validation rejects.
    ///
    /// Shown as `path: message`, or as the message alone when it already starts with the path
    /// (`sessions[2].score 11 is not a nrs_pain score: …`).
    #[error("{}", invalid_text(path, message))]
    Invalid {
        /// The path of the offending field (`red_flags.fever`, `sessions[2].score`). Every
        /// problem with a field names it, including those the crate's validation finds after
        /// reading (a cross-field problem names the field it is reported on: an onset after
        /// the assessment date is `onset.date`). Empty only when the problem is the document
        /// as a whole: not JSON, not an object, trailing characters.
        path: String,
        /// What is wrong.
        message: String,
        /// Line of the problem in the document (1-based); 0 when the problem was found by
        /// validation after the document was read, where the path alone locates it.
        line: usize,
        /// Column of the problem in the document (1-based); 0 as for `line`.
        column: usize,
    },
    /// The result could not be written (not expected to happen).
    #[error("writing the result: {0}")]
    Output(String),
}

fn invalid_text(path: &str, message: &str) -> String {
    let names_path =
        message.strip_prefix(path).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'));
    if path.is_empty() || names_path { message.to_owned() } else { format!("{path}: {message}") }
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

mod sealed {
    pub trait Sealed {}
}

/// A type [`from_str`] reads: the jobs' inputs ([`Intake`](crate::Intake),
/// [`CourseLog`](crate::CourseLog), [`MedicareHistory`](crate::MedicareHistory),
/// [`PractitionerProfile`](crate::PractitionerProfile), [`ChangePolicy`](crate::ChangePolicy))
/// and outputs. Reading one runs the same validation as deserializing it, and an error the
/// validation finds names its field as the [`JsonError`] path.
pub trait FromJson: sealed::Sealed + Sized {
    /// Reads `document`.
    ///
    /// # Errors
    ///
    /// [`JsonError::Invalid`] with the path of the offending field.
    fn from_json(document: &str) -> Result<Self, JsonError>;
}

/// An error a validation step reports, with the input field it is about.
trait FieldError: std::fmt::Display {
    fn field(&self) -> Option<Cow<'_, str>>;
}

macro_rules! field_errors {
    ($($error:ty),+) => {
        $(
            impl FieldError for $error {
                fn field(&self) -> Option<Cow<'_, str>> {
                    <$error>::field(self)
                }
            }
        )+
    };
}

field_errors!(crate::IntakeError, crate::CourseError, crate::CoverageError, crate::ChangePolicyError);

/// A validation error as a [`JsonError`]: its field is the path. There is no position: the
/// document has been read.
fn invalid<E: FieldError>(error: &E) -> JsonError {
    JsonError::Invalid {
        path: error.field().map(Cow::into_owned).unwrap_or_default(),
        message: error.to_string(),
        line: 0,
        column: 0,
    }
}

/// serde quotes caller text as given (``unknown variant `a<newline>b` ``, and a key in the
/// path): a control character is shown escaped, so that an error stays one line whatever the
/// document holds.
fn one_line(message: &str) -> String {
    message.chars().fold(String::with_capacity(message.len()), |mut out, c| {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
        out
    })
}

/// Reads `W` from the document, naming the field path in errors.
fn read<W: DeserializeOwned>(document: &str) -> Result<W, JsonError> {
    let mut de = serde_json::Deserializer::from_str(document);
    let value: W = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = one_line(&e.path().to_string());
        let inner = e.into_inner();
        let (line, column) = (inner.line(), inner.column());
        // serde_json appends " at line L column C"; the position is kept in its own fields.
        let text = inner.to_string();
        let message = one_line(text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m));
        // "." is the document itself, "?" a position serde_path_to_error could not name (JSON
        // that ends or breaks before the first field).
        let path = if path == "." || path == "?" { String::new() } else { path };
        JsonError::Invalid { path, message, line, column }
    })?;
    de.end().map_err(|e| JsonError::Invalid {
        path: String::new(),
        message: "trailing characters after the document".into(),
        line: e.line(),
        column: e.column(),
    })?;
    Ok(value)
}

/// Reads the wire form `W` of a document, then validates it with `check`, whose error names
/// its field.
fn read_checked<W: DeserializeOwned, T, E: FieldError>(
    document: &str,
    check: impl FnOnce(W) -> Result<T, E>,
) -> Result<T, JsonError> {
    check(read(document)?).map_err(|e| invalid(&e))
}

macro_rules! from_json {
    ($($t:ty => $read:expr;)+) => {
        $(
            impl sealed::Sealed for $t {}
            impl FromJson for $t {
                fn from_json(document: &str) -> Result<Self, JsonError> {
                    $read(document)
                }
            }
        )+
    };
}

from_json! {
    crate::Intake => |d| read_checked(d, |w: Object<RawIntake>| crate::Intake::try_from(w));
    crate::CourseLog => |d| read_checked(d, |Object(w): Object<WireLog<RawScore>>| crate::CourseLog::try_from(w));
    crate::MedicareHistory => |d| read_checked(d, |Object(w): Object<WireHistory>| crate::MedicareHistory::try_from(w));
    crate::PractitionerProfile => read;
    crate::ChangePolicy => |d| read_checked(d, |w: Object<WirePolicy>| crate::ChangePolicy::try_from(w));
    crate::Assessment => read;
    crate::CourseReview => read;
    crate::MedicareReview => read;
    crate::PractitionerReview => read;
}

/// Reads a document, naming the field path in errors, validation errors included.
///
/// # Errors
///
/// [`JsonError::Invalid`] with the path of the offending field.
pub fn from_str<T: FromJson>(document: &str) -> Result<T, JsonError> {
    T::from_json(document)
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
            (r#"{"onset": {"days_ago": -3}}"#, "onset.days_ago", "onset.days_ago -3 is negative"),
            (r#"{"goals": ["walk", " "]}"#, "goals[1]", "goals[1] \" \" must be 1 to 80 characters"),
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
            assert!(err.to_string().starts_with(path), "{err}");
            assert!(err.to_string().contains(message), "{err}");
        }
    }

    #[test]
    fn validation_errors_name_their_field_and_only_document_errors_have_an_empty_path() {
        let err = assess(r#"{"assessed_on": "2026-11-27", "onset": {"date": "2026-12-01"}, "pattern": "radicular", "age_years": 40}"#)
            .unwrap_err();
        assert_eq!(err.path(), "onset.date");
        assert_eq!(err.to_string(), "onset.date: onset 2026-12-01 is after the assessment date 2026-11-27");
        assert!(matches!(err, JsonError::Invalid { line: 0, column: 0, .. }), "found after reading: {err:?}");
        for document in ["{", &format!("{INTAKE} trailing"), "[]", "7"] {
            let err = assess(document).unwrap_err();
            assert_eq!(err.path(), "", "{err}");
            assert!(matches!(err, JsonError::Invalid { line: 1.., .. }), "{err:?}");
        }
    }

    #[test]
    fn the_path_is_shown_once() {
        let text = |path: &str, message: &str| invalid_text(path, message);
        assert_eq!(text("sessions[2].score", "sessions[2].score 11 is not"), "sessions[2].score 11 is not");
        assert_eq!(text("onset", "onset.days_ago -3 is negative"), "onset.days_ago -3 is negative");
        assert_eq!(text("onset", "onsetx"), "onset: onsetx");
        assert_eq!(text("red_flags.fever", "unknown variant"), "red_flags.fever: unknown variant");
        assert_eq!(text("", "trailing characters"), "trailing characters");
    }

    #[test]
    fn every_job_round_trips_documents() {
        let out: serde_json::Value = serde_json::from_str(&assess(INTAKE).unwrap()).unwrap();
        assert_eq!(out["triage"], "screening_incomplete");
        let q: serde_json::Value = serde_json::from_str(&questions().unwrap()).unwrap();
        assert_eq!(q["contract_version"], 2);
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
