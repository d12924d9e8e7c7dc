//! # acupuncture-guidance
//!
//! Typed, explainable guidance on acupuncture for low back pain: red flags, safety cautions,
//! guideline positions side by side, and a time-limited trial plan. Every decision says which
//! rule produced it and which sources that rule stands on.
//!
//! **This is guidance logic, not a diagnosis.** It helps an app or a clinician ask the right
//! questions and explain the evidence; it does not examine anyone, and it never replaces
//! clinical judgement.
//!
//! ```
//! use acupuncture_guidance::{assess, Advice, Intake, Modality, Triage};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let intake: Intake = serde_json::from_str(r#"{
//!   "assessed_on": "2026-11-27",
//!   "onset": { "date": "2026-05-04" },
//!   "pattern": "non_specific",
//!   "age_years": 58,
//!   "red_flags": {
//!     "saddle_numbness": "absent", "bladder_or_bowel_change": "absent",
//!     "progressive_leg_weakness": "absent", "fever": "absent",
//!     "unexplained_weight_loss": "absent", "history_of_cancer": "absent",
//!     "recent_serious_infection": "absent", "major_trauma": "absent",
//!     "severe_worsening_pain": "absent"
//!   },
//!   "cautions": { "anticoagulants": "present" },
//!   "proposed_modalities": ["manual_acupuncture", "electroacupuncture"]
//! }"#)?;
//!
//! let assessment = assess(&intake)?;
//! assert_eq!(assessment.triage, Triage::AcupunctureReasonable);
//! assert_eq!(assessment.duration.days, 207);
//! assert_eq!(assessment.advice_for(Modality::ManualAcupuncture), Some(Advice::DiscussFirst));
//! println!("{}", assessment.patient_text());
//! # Ok(())
//! # }
//! ```
//!
//! ## Concepts
//!
//! - An [`Intake`] holds tri-state [`Answer`]s: `present`, `absent`, `unknown`. Unknown is never
//!   read as absent. [`questions()`] lists what to ask, in order, in plain words.
//! - Dates are [`NaiveDate`], chrono's date re-exported at the crate root, so an app that builds
//!   inputs in Rust (`Intake::new(assessed_on, ..)`) needs no chrono dependency of its own.
//! - [`assess`] returns an [`Assessment`]: a [`Triage`] outcome by fixed precedence
//!   (`emergency` > `urgent_evaluation` > `screening_incomplete` > `evaluation_first` >
//!   `acupuncture_reasonable` | `conservative_care_first`, see [`engine`]), advice per proposed
//!   [`Modality`], guideline positions side by side, and a trial plan with the two favourable
//!   outcomes only.
//! - Every [`Finding`] names its [`RuleId`] and cites [`SourceId`]s from one catalogue
//!   ([`evidence`]), with each source's verification status. Rules that are this engine's
//!   policy rather than a source's statement are labelled [`Basis::EnginePolicy`]. The
//!   repository's `docs/RULES.md`, generated from that catalogue, lists every rule with the
//!   section of the clinical reference it comes from, its status, basis and sources.
//! - [`Assessment::patient_text`] and [`Assessment::clinician_text`] render the same decision
//!   for two audiences; the stable codes in the JSON let apps localize.
//! - [`review_course`] judges a course in progress from a [`CourseLog`]: validated outcome
//!   measures ([`Measure`], [`Peg`], [`Odi`], [`Psfs`], [`StartBack`], …) scored exactly
//!   ([`Score`]), meaningful change and regression by a typed [`ChangePolicy`], new red flags and
//!   adverse events, giving a [`CourseDecision`] with its reasons.
//! - [`review_medicare`] decides Original Medicare coverage of each visit of a
//!   [`MedicareHistory`] under NCD 30.3.3, with the rule behind every decision and the NCD's
//!   open questions answered by labelled [`MedicareOptions`]; [`review_practitioner`] checks a
//!   [`PractitionerProfile`].
//!
//! ## Scope and non-goals
//!
//! - Sources and editions: ACP 2017, NICE NG59 (2016, updated 2020), CDC 2022, the red-flag
//!   literature summarized in the project's clinical reference (whose sections and sources are
//!   listed in `docs/RULES.md`), and the consumer article the project started from (for
//!   patient guidance only, never as evidence). VA/DoD positions could not be verified and are
//!   kept out of patient text.
//! - Not a diagnostic tool and not the payer's coverage decision (the Medicare review applies
//!   the NCD as published; private plans are never inferred); no free-text symptom parsing:
//!   every answer is a typed field.
//! - Pure: no I/O, no clock, no global state. The date is an input.
//!
//! ## JSON and interop
//!
//! Inputs and outputs follow the crate's JSON contract v2 (`snake_case`, unknown fields
//! rejected, every object an object: an array is never read by position, omitted answers
//! unknown); every output carries `contract_version` and
//! `ruleset_version` ([`RULESET_VERSION`]). The [`json`] facade runs every job on JSON text
//! with errors that name the field path.
//!
//! ## Features
//!
//! - `cds-hooks`: CDS Hooks 2.0.1 cards and a discovery document (`interop::cds_hooks`).
//! - `fhir`: FHIR R4 in and out (`interop::fhir`): the questions as a `Questionnaire`, a
//!   `QuestionnaireResponse` or a CDS Hooks prefetch as an [`Intake`], the acupuncture orders
//!   of `order-sign`, and scores as `Observation`s. No new dependency.
//! - `schema`: JSON Schema for every input and output type (`interop::schema`).
//!
//! All are off by default; serde and the JSON facade are always on.

#[macro_use]
mod macros;

pub mod engine;
pub mod error;
pub mod evidence;
pub mod explain;
pub mod interop;
pub mod model;
pub mod outcome;
pub mod questions;
mod rules;

/// A calendar date: chrono's `NaiveDate`, re-exported so that callers need
/// no chrono dependency to build inputs.
pub use chrono::NaiveDate;
pub use engine::{
    AssessOptions, assess, assess_with, review_course, review_course_with, review_medicare, review_practitioner,
};
pub use error::{ChangePolicyError, CourseError, CoverageError, IntakeError, PractitionerError, UnknownName};
pub use evidence::{Basis, RULESET_VERSION, RuleId, RuleInfo, SourceId, SourceInfo, Status};
pub use interop::json;
pub use model::answers::{Answer, Caution, CautionAnswers, RedFlag, RedFlagAnswers, Tier};
pub use model::change_policy::{ChangePolicy, Threshold};
pub use model::course::{AdverseEffect, CourseLog, CourseSession, ItemScores, Measurement, Payer};
pub use model::exact::{Exact, ExactError};
pub use model::fact::Fact;
pub use model::intake::{
    Age, Cleared, Goals, GoodFitContext, Intake, Onset, Pattern, PreviousAcupuncture, StartBackRisk,
};
pub use model::measures::{
    Bothersomeness, Instrument, Measure, MeasureError, Odi, PainScore, Peg, Psfs, Rmdq, StartBack,
};
pub use model::medicare::{
    CapYear, Cpt, Discipline, Eligibility, MedicareHistory, MedicareOptions, MedicarePractitioner, MedicareVisit,
    Progress, WindowStart,
};
pub use model::modality::{Modalities, Modality};
pub use model::plan::{Checkpoint, CoursePlan, Span};
pub use model::practitioner::{PractitionerProfile, QualitySignal};
pub use model::score::{Delta, Score, ScoreError};
pub use outcome::CONTRACT_VERSION;
pub use outcome::assessment::{
    Advice, Assessment, Comparator, DurationCategory, EvidenceStatement, FlagTier, GoodFit, GuidelinePosition,
    Jurisdiction, ModalityAdvice, PivotOption, Stance, SymptomDuration, Timeframe, Triage, TrialPlan,
};
pub use outcome::course_review::{ActivityChange, Change, CourseDecision, CourseReview, NextReview};
pub use outcome::finding::{Detail, Finding};
pub use outcome::medicare_review::{
    BenefitRemaining, CoverageReason, MedicareReview, NcdInterpretations, NcdReading, VisitCoverage,
};
pub use outcome::practitioner_review::{MedicareQualification, PractitionerReview, PractitionerVerdict, SignalStatus};
pub use outcome::set::{CautionSet, RedFlagSet};
pub use questions::{Condition, Question, QuestionKind, QuestionList, questions};

/// The README's code runs as a doc-test, so the example a new user copies stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
