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

/// Extension on a `Questionnaire` item (feature `fhir`): the red-flag tier the item raises
/// when present (`valueCode`: `emergency`, `urgent_evaluation`, `evaluation_first`).
pub const TIER_EXTENSION: &str = "http://acupuncture-guidance.org/fhir/StructureDefinition/question-tier";

/// Extension on a `Questionnaire` item (feature `fhir`): when an unknown answer makes the
/// screen incomplete (`valueCode`: a [`Condition`](crate::Condition) name such as `always` or
/// `radicular`). Absent for an optional question.
pub const REQUIRED_WHEN_EXTENSION: &str =
    "http://acupuncture-guidance.org/fhir/StructureDefinition/question-required-when";

/// Extension on a `Questionnaire` item (feature `fhir`): when the item is asked (`valueCode`:
/// a [`Condition`](crate::Condition) name). Absent when it is always asked.
pub const ASKED_WHEN_EXTENSION: &str = "http://acupuncture-guidance.org/fhir/StructureDefinition/question-asked-when";

/// Other systems' code system URLs, as FHIR spells them (feature `fhir`). The codes the crate
/// reads or writes in them are listed, dated and with their status, in `interop::fhir`.
pub mod external {
    /// LOINC.
    pub const LOINC: &str = "http://loinc.org";
    /// SNOMED CT.
    pub const SNOMED_CT: &str = "http://snomed.info/sct";
    /// ICD-10-CM.
    pub const ICD_10_CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
    /// CPT (AMA). The crate ships codes only, never descriptors.
    pub const CPT: &str = "http://www.ama-assn.org/go/cpt";
    /// FHIR's observation category code system (`survey`).
    pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
    /// FHIR's condition clinical status code system (`active`, `resolved`, ...).
    pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
    /// FHIR's condition verification status code system (`confirmed`, `refuted`, ...).
    pub const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
    /// UCUM, the unit system of `valueQuantity`.
    pub const UCUM: &str = "http://unitsofmeasure.org";
}
