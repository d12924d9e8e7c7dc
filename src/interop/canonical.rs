//! The crate's own identifiers on the wire, in one place: the intake questionnaire's canonical
//! URL, the crate's code systems, and the CDS Hooks service ids.
//!
//! The namespace `http://acupuncture-guidance.org/fhir` is the crate's own; the project does not
//! serve pages there (a FHIR canonical URL is an identifier, not a location). Changing any of
//! these is a contract change: EHR configurations and stored resources refer to them.

/// The base of every canonical URL below.
pub const NAMESPACE: &str = "http://acupuncture-guidance.org/fhir";

/// Canonical URL of the intake `Questionnaire` (the crate's [`questions()`](fn@crate::questions)).
pub const QUESTIONNAIRE_URL: &str = "http://acupuncture-guidance.org/fhir/Questionnaire/intake";

/// Code system of the intake answers: `present`, `absent`, `unknown` (and the names of the
/// other answer values, such as `radicular` or `manual_acupuncture`).
pub const ANSWER_SYSTEM: &str = "http://acupuncture-guidance.org/fhir/CodeSystem/answer";

/// Code system of the decision codes: a triage (`emergency`, `screening_incomplete`, ...), an
/// advice (`suitable`, `discuss_first`, `not_advised`) or a course decision. Used in a card's
/// `source.topic`, so that an EHR can act on a card without reading its text.
pub const OUTCOME_SYSTEM: &str = "http://acupuncture-guidance.org/fhir/CodeSystem/outcome";

/// Code system for outcome measures that have no LOINC code (RMDQ total, PSFS), labelled local.
pub const MEASURE_SYSTEM: &str = "http://acupuncture-guidance.org/fhir/CodeSystem/measure";

/// The CDS Hooks service for the `patient-view` hook.
pub const PATIENT_VIEW_SERVICE: &str = "acupuncture-lbp-patient-view";

/// The CDS Hooks service for the `order-sign` hook (a draft acupuncture or dry-needling order).
pub const ORDER_SIGN_SERVICE: &str = "acupuncture-lbp-order-sign";
