//! [`FhirError`]: what is wrong with a FHIR document, and where.

/// What kind of problem a [`FhirError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FhirErrorKind {
    /// Not the resource expected here (`resourceType`), or not a response to the crate's
    /// questionnaire (`questionnaire`).
    WrongResource,
    /// A `linkId` that is not an item of the intake questionnaire, or one in the wrong place.
    UnknownItem,
    /// An answer of the wrong type for its item (`valueBoolean` for a coded item, ...).
    WrongAnswerType,
    /// A code that is not in the item's answer set, or a coding in another system.
    UnknownCode,
    /// A second answer to a single-answer item, or an item answered twice.
    SecondAnswer,
    /// A value the crate's validation rejects (an age over 120, an onset after the assessment).
    Invalid,
    /// Something an intake or score needs is not there (an onset, an effective date).
    Missing,
    /// Not shaped as FHIR JSON says (an array where an object belongs, a date that is not a
    /// date).
    Malformed,
}

/// A FHIR document the crate cannot read, with the path of the offending element
/// (`item[3].answer[0]`, `prefetch.conditions.entry[0].resource.onsetDateTime`). Shown as
/// `path: message`, or the message alone when the problem is the document as a whole (not a
/// JSON object), whose path is empty.
///
/// ```
/// # #[cfg(feature = "fhir")] {
/// use acupuncture_guidance::interop::fhir::{intake_from_response, FhirErrorKind};
/// use acupuncture_guidance::NaiveDate;
/// let response = serde_json::json!({"resourceType": "Patient"});
/// let err = intake_from_response(&response, NaiveDate::MIN).unwrap_err();
/// assert_eq!(err.path(), "resourceType");
/// assert_eq!(err.kind(), FhirErrorKind::WrongResource);
/// assert_eq!(err.to_string(), r#"resourceType: expected "QuestionnaireResponse", found "Patient""#);
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", if path.is_empty() { message.clone() } else { format!("{path}: {message}") })]
pub struct FhirError {
    kind: FhirErrorKind,
    path: String,
    message: String,
}

impl FhirError {
    pub(crate) fn new(kind: FhirErrorKind, path: impl Into<String>, message: impl Into<String>) -> Self {
        FhirError { kind, path: path.into(), message: message.into() }
    }

    /// The path of the offending element, from the document's root (or from `prefetch.` for
    /// a CDS Hooks prefetch, `draftOrders.` for draft orders); empty for the document as a
    /// whole.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What kind of problem it is.
    #[must_use]
    pub const fn kind(&self) -> FhirErrorKind {
        self.kind
    }

    /// What is wrong, without the path.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}
