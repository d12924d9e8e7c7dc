//! [`Ignored`]: an element a lenient reading passed over, with a reason code a card can render
//! without parsing text.

use chrono::NaiveDate;

use super::error::{FhirError, FhirErrorKind};

name_enum! {
    /// Why an element was passed over ([`Ignored::reason`]). The name (`as_str`) is stable:
    /// a card or an audit line can switch on it.
    #[non_exhaustive]
    pub enum IgnoredReason ("ignored reason") {
        /// The resource is about another patient than the hook's `context.patientId` (a
        /// `Patient` with another `id`, or a `subject`/`patient` reference to another Patient).
        OtherPatient = "other_patient",
        /// The resource names no patient (no `subject.reference` or `patient.reference`, or a
        /// `Patient` without an `id`): it cannot be told to be this patient's, so it is not
        /// used (engine policy, conservative).
        NoPatient = "no_patient",
        /// A key, resource or element the crate does not read (the `scores` key, an unknown
        /// key, a `medicationReference`, medicines without a deployment code table).
        NotRead = "not_read",
        /// Not the resource type the key is read for.
        WrongResource = "wrong_resource",
        /// An `OperationOutcome` among a search's entries (a search message, not data).
        SearchMessage = "search_message",
        /// Not shaped as FHIR JSON says (an array where an object belongs, a date that is not
        /// a date, an entry without a resource).
        Malformed = "malformed",
        /// Its status says it does not count (`entered-in-error`, `cancelled`, `refuted`,
        /// `resolved`, `stopped`, ...).
        Status = "status",
        /// Not a code the key is read for (a condition that is not low back pain, an
        /// Observation that is not a pregnancy status or not a score of the measure).
        OtherCode = "other_code",
        /// A retired code (ICD-10-CM M54.5, a category header since 2021-10-01): named so that
        /// a card can say why the onset and pattern are missing; see
        /// [`RETIRED_CONDITION_CODES`](super::RETIRED_CONDITION_CODES).
        RetiredCode = "retired_code",
        /// A response to another questionnaire than the crate's intake questionnaire.
        OtherQuestionnaire = "other_questionnaire",
        /// No date the crate can use (a partial date, an `onsetString`, a response without
        /// `authored`, an Observation without an effective date).
        Undated = "undated",
        /// Two responses authored at the same latest instant: neither can be called the latest.
        Unranked = "unranked",
        /// An earlier response, or a second copy of the Patient: a later or first one is read.
        Superseded = "superseded",
        /// Recorded more than the answer window (engine policy
        /// [`ANSWER_MAX_AGE_DAYS`](super::ANSWER_MAX_AGE_DAYS)) before the assessment date:
        /// its answers are unknown.
        Stale = "stale",
        /// A response authored before the current episode's onset: it is about an earlier
        /// episode.
        EarlierEpisode = "earlier_episode",
        /// A date after the assessment date (an onset, a birth date, an `authored`).
        AfterAssessment = "after_assessment",
        /// A response item whose `linkId` is not an item of the intake questionnaire, or is
        /// not in its place (outside its group, nested items where none belong).
        UnknownItem = "unknown_item",
        /// A response answer of the wrong type for its item.
        WrongAnswerType = "wrong_answer_type",
        /// A code not in the item's answer set, or a coding in another system.
        UnknownCode = "unknown_code",
        /// A second answer to a single-answer item, or an item given twice.
        SecondAnswer = "second_answer",
        /// Answers that contradict each other (a severe bleeding disorder present with a
        /// bleeding disorder absent).
        Contradictory = "contradictory",
        /// A value the intake's validation rejects (an age over 120, an onset before birth).
        Invalid = "invalid",
        /// Something the element needs is not there (an answer without a value, an item
        /// without a `linkId`).
        Missing = "missing",
    }
}

impl IgnoredReason {
    /// The reason for a reading error of this kind.
    pub(crate) const fn of(kind: FhirErrorKind) -> IgnoredReason {
        match kind {
            FhirErrorKind::WrongResource => IgnoredReason::WrongResource,
            FhirErrorKind::UnknownItem => IgnoredReason::UnknownItem,
            FhirErrorKind::WrongAnswerType => IgnoredReason::WrongAnswerType,
            FhirErrorKind::UnknownCode => IgnoredReason::UnknownCode,
            FhirErrorKind::SecondAnswer => IgnoredReason::SecondAnswer,
            FhirErrorKind::Invalid => IgnoredReason::Invalid,
            FhirErrorKind::Missing => IgnoredReason::Missing,
            FhirErrorKind::Malformed => IgnoredReason::Malformed,
        }
    }

    /// A plain phrase for the reason, without any value from the document.
    pub(crate) const fn phrase(self) -> &'static str {
        match self {
            IgnoredReason::OtherPatient => "about another patient than the hook's patient",
            IgnoredReason::NoPatient => "names no patient, so it cannot be told to be this patient's",
            IgnoredReason::NotRead => "not read by the crate",
            IgnoredReason::WrongResource => "not the resource type expected here",
            IgnoredReason::SearchMessage => "a search message (OperationOutcome), not data",
            IgnoredReason::Malformed => "not shaped as FHIR JSON says",
            IgnoredReason::Status => "its status says it does not count",
            IgnoredReason::OtherCode => "not a code read here",
            IgnoredReason::RetiredCode => "a retired code",
            IgnoredReason::OtherQuestionnaire => "a response to another questionnaire",
            IgnoredReason::Undated => "no date the crate can use",
            IgnoredReason::Unranked => "cannot be ranked against another response",
            IgnoredReason::Superseded => "superseded by another resource",
            IgnoredReason::Stale => "too old to count as current",
            IgnoredReason::EarlierEpisode => "about an earlier episode",
            IgnoredReason::AfterAssessment => "a date after the assessment date",
            IgnoredReason::UnknownItem => "not an item of the intake questionnaire, or not in its place",
            IgnoredReason::WrongAnswerType => "an answer of the wrong type for its item",
            IgnoredReason::UnknownCode => "a code not in the answer set read here",
            IgnoredReason::SecondAnswer => "more than one answer where one is expected",
            IgnoredReason::Contradictory => "answers that contradict each other",
            IgnoredReason::Invalid => "a value the intake's validation rejects",
            IgnoredReason::Missing => "something it needs is missing",
        }
    }
}

/// A resource, key or element a reading passed over, and why: structured so that a card can
/// render it without parsing text. No field copies text from the document (no `text`,
/// `display`, `note`, free-text answer, or value the caller wrote): `message` is the crate's
/// own wording, naming at most the crate's own item names, codes it recognised and dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// Where it is (`prefetch.intake.entry[1].resource`, `...resource.item[3]`).
    pub path: String,
    /// Why it was not read, as a code.
    pub reason: IgnoredReason,
    /// The same in plain words, with what follows for the reading (`its answers are unknown`).
    pub message: String,
    /// The date the reason is about, when it is about one (the day a stale or earlier-episode
    /// response was authored, the day of a stale pregnancy status, an onset after the
    /// assessment date).
    pub date: Option<NaiveDate>,
}

impl Ignored {
    /// An entry with the reason's own phrase followed by `then` (what it means for the
    /// reading).
    pub(crate) fn new(path: impl Into<String>, reason: IgnoredReason, then: &str) -> Ignored {
        let message = if then.is_empty() { reason.phrase().to_owned() } else { format!("{}: {then}", reason.phrase()) };
        Ignored { path: path.into(), reason, message, date: None }
    }

    /// An entry with a message of its own (which must not copy document text).
    pub(crate) fn with_message(path: impl Into<String>, reason: IgnoredReason, message: String) -> Ignored {
        Ignored { path: path.into(), reason, message, date: None }
    }

    /// The same entry, about `date`.
    pub(crate) fn on(mut self, date: NaiveDate) -> Ignored {
        self.date = Some(date);
        self
    }

    /// A reading error, passed over: its path and a reason from its kind. The error's own
    /// message is not copied (it may quote the document's values).
    pub(crate) fn from_error(error: &FhirError, then: &str) -> Ignored {
        Ignored::new(error.path(), IgnoredReason::of(error.kind()), then)
    }
}
