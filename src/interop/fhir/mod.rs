//! FHIR R4 in and out (feature `fhir`): the intake questions as a `Questionnaire`, a
//! `QuestionnaireResponse` as an [`Intake`](crate::Intake), a CDS Hooks prefetch as an intake,
//! the acupuncture orders of `order-sign`, and outcome scores as `Observation`s.
//!
//! Pure like the rest of the crate: JSON values in ([`serde_json::Value`]), JSON values or
//! crate types out; no I/O, no clock (dates are arguments). Every problem with a document is a
//! [`FhirError`] naming the element by its path (`item[3].answer[0]`); missing data is never an
//! error and never `absent`: it is `unknown`. The one lenient reader is the CDS Hooks
//! prefetch ([`intake_from_prefetch`]): there a bad element is an [`Ignored`] entry (path,
//! [`IgnoredReason`], plain message) and the rest is still read, so that one bad element
//! never loses an emergency answer; it reads only the hook's own patient, and answers older
//! than the engine's window ([`ANSWER_MAX_AGE_DAYS`]) are unknown.
//!
//! One file per job:
//!
//! - [`questionnaire()`] ([`questionnaire`](mod@questionnaire)): the crate's questions as a
//!   `Questionnaire`, with the item mapping in the module docs.
//! - [`intake_from_response`], [`response_from_intake`] ([`response`]): the reading rules.
//! - [`intake_from_prefetch`] with [`PrefetchContext`] ([`prefetch`]): the prefetch keys, the
//!   CODES.md §5b semantics, lenient reading, the patient check, and the engine's policies
//!   where the reference is silent.
//! - [`modalities_from_orders`] ([`orders`]): CPT-coded draft `ServiceRequest`s.
//! - [`observation_from_measurement`], [`observation_to_measurement`],
//!   [`course_log_from_bundle`] ([`observations`]): scores as `Observation`s and back, with
//!   their codes ([`MEASURE_CODES`]: LOINC where CODES.md has one, local otherwise).
//! - Code tables ([`codes`]): [`LOW_BACK_PAIN_CODES`], [`PREGNANCY_ANSWERS`], each dated
//!   ([`CODE_TABLES_AS_OF`]) with its [`CodeStatus`]; and [`CodeTable`] for the tables a
//!   deployment supplies (anticoagulants: the crate ships no medication list).
//!
//! Codes come from the project's `reference/CODES.md` §5b only; the crate's own URLs are in
//! [`canonical`](crate::interop::canonical).
//!
//! ```
//! use acupuncture_guidance::interop::fhir::{intake_from_response, questionnaire, response_from_intake};
//! use acupuncture_guidance::{assess, Age, Answer, Intake, NaiveDate, Onset, Pattern, RedFlag, Triage};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let q = questionnaire();
//! assert_eq!(q["url"], acupuncture_guidance::interop::canonical::QUESTIONNAIRE_URL);
//!
//! let assessed_on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
//! let intake = Intake::new(assessed_on, Onset::DaysAgo(3), Pattern::NonSpecific, Age::new(44)?)?
//!     .with_red_flag(RedFlag::SaddleNumbness, Answer::Present)?;
//! let response = response_from_intake(&intake);
//! let read = intake_from_response(&response, assessed_on)?;
//! assert_eq!(read, intake);
//! assert_eq!(assess(&read)?.triage, Triage::Emergency);
//! # Ok(())
//! # }
//! ```

// The job modules are public for their docs (the item mapping, the reading rules, the
// prefetch semantics and policies); their items are re-exported here, the path to use.
pub mod codes;
mod error;
mod ignored;
pub mod observations;
pub mod orders;
pub mod prefetch;
pub mod questionnaire;
mod read;
pub mod response;

pub use codes::{
    CODE_TABLES_AS_OF, CodeStatus, CodeTable, CodeTables, ConditionCode, LOW_BACK_PAIN_CODES, PREGNANCY_ANSWERS,
    PREGNANCY_STATUS, PREGNANCY_SYSTEM, RETIRED_CONDITION_CODES, RetiredCode,
};
pub use error::{FhirError, FhirErrorKind};
pub use ignored::{Ignored, IgnoredReason};
pub use observations::{
    CourseReading, MEASURE_CODES, MeasureCode, ObservedScore, PEG_ITEM_CODES, START_BACK_CODES, bundle_of,
    course_log_from_bundle, measure_code, observation_from_measurement, observation_from_start_back,
    observation_to_measurement,
};
pub use orders::modalities_from_orders;
pub use prefetch::{
    ANSWER_MAX_AGE_DAYS, FieldSource, KeyReading, KeyStatus, PREFETCH_KEYS, PrefetchContext, PrefetchReading,
    intake_from_prefetch, set_aside_red_flags,
};
pub use questionnaire::questionnaire;
pub use response::{intake_from_response, response_from_intake};
