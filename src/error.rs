//! Errors, one enum per boundary. Every message is one lowercase line that shows the bad value,
//! and every error names the input field it is about ([`IntakeError::field`] and the like), so
//! that the [`json`](crate::json) facade reports it as the error's path.

use std::borrow::Cow;

use chrono::NaiveDate;

/// A name that is not one of a closed set (an answer, a red flag, a source id, …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}, expected one of {}", .expected.join(", "))]
pub struct UnknownName {
    /// What kind of name was expected.
    pub what: &'static str,
    /// The name given.
    pub value: String,
    /// The names that would have been accepted.
    pub expected: &'static [&'static str],
}

/// Why an intake was rejected. Missing answers are not errors: they are an outcome
/// (`screening_incomplete`, `unanswered`, `also_ask`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IntakeError {
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    #[error("{field} {value:?} is not a calendar date in YYYY-MM-DD form")]
    InvalidDate {
        /// The field (`assessed_on`, `onset.date`).
        field: &'static str,
        /// The text given.
        value: String,
    },
    /// The onset date is after the assessment date.
    #[error("onset {onset} is after the assessment date {assessed_on}")]
    OnsetAfterAssessment {
        /// The onset date given.
        onset: NaiveDate,
        /// The assessment date.
        assessed_on: NaiveDate,
    },
    /// An onset without exactly one of `date`, `days_ago`, `weeks_ago`.
    #[error("onset needs exactly one of date, days_ago, weeks_ago; got [{given}]")]
    OnsetShape {
        /// The fields given.
        given: String,
    },
    /// A relative onset that is negative.
    #[error("{field} {value} is negative")]
    NegativeOnset {
        /// The field (`onset.days_ago`, `onset.weeks_ago`).
        field: &'static str,
        /// The value given.
        value: i64,
    },
    /// A relative onset further back than any plausible episode of back pain.
    #[error("{field} {value} is more than {max_days} days before the assessment date")]
    OnsetTooLongAgo {
        /// The field (`onset.days_ago`, `onset.weeks_ago`).
        field: &'static str,
        /// The value given (days or weeks as the field says).
        value: i64,
        /// The largest accepted duration in days.
        max_days: i64,
    },
    /// An onset date further back than any plausible episode of back pain (120 years).
    #[error(
        "onset.date {onset} is more than 120 years before the assessment date {assessed_on}: the earliest accepted is {earliest}"
    )]
    OnsetDateTooEarly {
        /// The onset date given.
        onset: NaiveDate,
        /// The earliest accepted onset date.
        earliest: NaiveDate,
        /// The assessment date.
        assessed_on: NaiveDate,
    },
    /// The onset is before the person was born.
    #[error("onset {days} days ago is before birth at age_years {age_years}")]
    OnsetBeforeBirth {
        /// Days since onset.
        days: i64,
        /// The age given.
        age_years: u8,
    },
    /// An age outside 0–120.
    #[error("age_years {value} is outside 0..=120")]
    AgeOutOfRange {
        /// The value given.
        value: i64,
    },
    /// `proposed_modalities` was given but empty.
    #[error("proposed_modalities is empty: name at least one modality or omit the field")]
    NoModality,
    /// A modality listed twice.
    #[error("proposed_modalities lists {modality} twice")]
    DuplicateModality {
        /// The repeated modality.
        modality: crate::Modality,
    },
    /// A red flag that is not answered in `red_flags` ([`RedFlag::derived_from`](crate::RedFlag::derived_from)):
    /// the age factors follow `age_years`; immunosuppression is the caution of that name.
    #[error("red_flags.{item} cannot be set: it is read from {}", .item.derived_from().unwrap_or("another field"))]
    DerivedItem {
        /// The item.
        item: crate::RedFlag,
    },
    /// A name in `cleared_by_clinician` that is no red flag or caution.
    #[error("cleared_by_clinician: {0}")]
    UnknownClearedItem(UnknownName),
    /// More goals than the patient-specific scale uses.
    #[error("goals has {count} entries, at most {max} are allowed")]
    TooManyGoals {
        /// Entries given.
        count: usize,
        /// The maximum.
        max: usize,
    },
    /// A goal that is blank or too long.
    #[error("goals[{index}] {value:?} must be 1 to {max_chars} characters of text")]
    InvalidGoal {
        /// Position in the list.
        index: usize,
        /// The text given.
        value: String,
        /// The longest accepted goal.
        max_chars: usize,
    },
    /// Free text with a control character (a line break, a tab, an escape …): text the crate
    /// puts into patient and clinician text must not break its lines or carry terminal codes.
    /// The value is shown escaped.
    #[error("{field} {value:?} contains a control character: write it on one line, without tabs")]
    ControlCharacter {
        /// The field (`goals[1]`).
        field: String,
        /// The text given.
        value: String,
    },
    /// Two answers that cannot both be true: a severe bleeding disorder reported present while
    /// having a bleeding disorder at all is reported absent. Refused rather than guessed, so that
    /// the app that sent it asks again (added in ruleset 2026-12.2).
    #[error(
        "cautions.{item} is present but cautions.{implies} is absent, which it implies: one of the two answers is wrong"
    )]
    ContradictoryAnswers {
        /// The answer reported present.
        item: crate::Caution,
        /// The answer it implies, reported absent.
        implies: crate::Caution,
    },
}

impl IntakeError {
    /// The input field the error is about, as a path into the intake document
    /// (`onset.days_ago`, `goals[2]`, `red_flags.age_over_50`). A cross-field problem is
    /// reported on the field that is out of line: an onset after the assessment date or before
    /// birth on the onset.
    #[must_use]
    pub fn field(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            IntakeError::InvalidDate { field, .. }
            | IntakeError::NegativeOnset { field, .. }
            | IntakeError::OnsetTooLongAgo { field, .. } => Cow::Borrowed(*field),
            IntakeError::OnsetAfterAssessment { .. } | IntakeError::OnsetDateTooEarly { .. } => {
                Cow::Borrowed("onset.date")
            }
            IntakeError::OnsetShape { .. } | IntakeError::OnsetBeforeBirth { .. } => Cow::Borrowed("onset"),
            IntakeError::AgeOutOfRange { .. } => Cow::Borrowed("age_years"),
            IntakeError::NoModality | IntakeError::DuplicateModality { .. } => Cow::Borrowed("proposed_modalities"),
            IntakeError::DerivedItem { item } => Cow::Owned(format!("red_flags.{item}")),
            IntakeError::UnknownClearedItem(_) => Cow::Borrowed("cleared_by_clinician"),
            IntakeError::TooManyGoals { .. } => Cow::Borrowed("goals"),
            IntakeError::InvalidGoal { index, .. } => Cow::Owned(format!("goals[{index}]")),
            IntakeError::ControlCharacter { field, .. } => Cow::Borrowed(field.as_str()),
            IntakeError::ContradictoryAnswers { item, .. } => Cow::Owned(format!("cautions.{item}")),
        })
    }
}

/// Why a course log was rejected. Field names carry the session index (`sessions[3].score`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CourseError {
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    #[error("{field} {value:?} is not a calendar date in YYYY-MM-DD form")]
    InvalidDate {
        /// The field.
        field: String,
        /// The text given.
        value: String,
    },
    /// A number that is not a score at all (negative, over 100, too many decimals).
    #[error("{field}: {source}")]
    NotAScore {
        /// The field.
        field: String,
        /// What is wrong.
        source: crate::ScoreError,
    },
    /// A score outside the measure's scale, or fractional on a whole-number scale.
    #[error("{field} {value} is not a {measure} score: {expected}")]
    InvalidScore {
        /// The field.
        field: String,
        /// The value given.
        value: crate::Score,
        /// The measure.
        measure: crate::Measure,
        /// What the measure accepts.
        expected: String,
    },
    /// Item scores that are not a valid questionnaire for the measure.
    #[error("{field}: {source}")]
    InvalidItems {
        /// The field.
        field: String,
        /// What is wrong.
        source: crate::MeasureError,
    },
    /// Item scores given for a measure that has none.
    #[error("{field}: {measure} has no item scores")]
    ItemsNotAllowed {
        /// The field.
        field: String,
        /// The measure.
        measure: crate::Measure,
    },
    /// A stated score that is not the mean of its items.
    #[error("{field} {stated} does not match {computed}, the score of its items")]
    ScoreDoesNotMatchItems {
        /// The field.
        field: String,
        /// The score given.
        stated: crate::Score,
        /// The score of the items.
        computed: crate::Score,
    },
    /// A measurement with neither a score nor items.
    #[error("{field} needs a score or item scores")]
    NoScore {
        /// The field.
        field: String,
    },
    /// PSFS activities that differ in number from the baseline's.
    #[error(
        "{field} rates {got} activities, the baseline {baseline}: re-rate the same activities (a new activity starts a new baseline)"
    )]
    ActivitiesChanged {
        /// The field.
        field: String,
        /// Activities rated.
        got: usize,
        /// Activities at baseline.
        baseline: usize,
    },
    /// A measurement on another instrument than the baseline's.
    #[error("{field} {measure} is not the baseline's instrument {baseline}")]
    DifferentInstrument {
        /// The field.
        field: String,
        /// The instrument given.
        measure: crate::Measure,
        /// The baseline's instrument.
        baseline: crate::Measure,
    },
    /// Sessions not in strictly increasing date order (shuffled input is rejected, never
    /// reordered).
    #[error("{field} {date} is not after the previous session's date {previous}")]
    OutOfOrder {
        /// The field.
        field: String,
        /// The date given.
        date: NaiveDate,
        /// The previous session's date.
        previous: NaiveDate,
    },
    /// A date after `as_of`.
    #[error("{field} {date} is after as_of {as_of}")]
    AfterAsOf {
        /// The field.
        field: String,
        /// The date given.
        date: NaiveDate,
        /// The review date.
        as_of: NaiveDate,
    },
    /// A session before the baseline measurement.
    #[error("{field} {date} is before the baseline date {baseline}")]
    BeforeBaseline {
        /// The field.
        field: String,
        /// The date given.
        date: NaiveDate,
        /// The baseline date.
        baseline: NaiveDate,
    },
    /// A red flag that cannot newly appear in a session (the age factors follow the age).
    #[error("{field}: {item} follows age_years and cannot be reported as a new red flag")]
    NotReportable {
        /// The field.
        field: String,
        /// The item.
        item: crate::RedFlag,
    },
    /// A clearance of a red flag that no session up to this one logged (`COURSE-05`).
    #[error("{field}: {item} was not logged at this or an earlier session, so there is nothing to clear")]
    NothingToClear {
        /// The field.
        field: String,
        /// The item.
        item: crate::RedFlag,
    },
    /// A plan that cannot be followed.
    #[error("plan.{field}: {reason}")]
    InvalidPlan {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
}

impl CourseError {
    /// The input field the error is about, as a path into the course log document
    /// (`sessions[2].score`, `plan.checkpoint`).
    #[must_use]
    pub fn field(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            CourseError::InvalidDate { field, .. }
            | CourseError::NotAScore { field, .. }
            | CourseError::InvalidScore { field, .. }
            | CourseError::InvalidItems { field, .. }
            | CourseError::ItemsNotAllowed { field, .. }
            | CourseError::ScoreDoesNotMatchItems { field, .. }
            | CourseError::NoScore { field }
            | CourseError::ActivitiesChanged { field, .. }
            | CourseError::DifferentInstrument { field, .. }
            | CourseError::OutOfOrder { field, .. }
            | CourseError::AfterAsOf { field, .. }
            | CourseError::BeforeBaseline { field, .. }
            | CourseError::NotReportable { field, .. }
            | CourseError::NothingToClear { field, .. } => Cow::Borrowed(field.as_str()),
            CourseError::InvalidPlan { field, .. } => Cow::Owned(format!("plan.{field}")),
        })
    }
}

/// Why a change policy (the `OUT-01` thresholds of [`ChangePolicy`](crate::ChangePolicy)) was
/// rejected. The field is `absolute` or `relative_percent`, under the measure's name when the
/// threshold is part of a policy (`nrs_pain.absolute`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChangePolicyError {
    /// An absolute threshold of 0: no change at all would count as meaningful and as a
    /// regression.
    #[error("{field} {value} must be more than 0")]
    AbsoluteNotPositive {
        /// The field.
        field: String,
        /// The value given.
        value: crate::Score,
    },
    /// A relative threshold outside 1–100 percent.
    #[error("{field} {value} is outside 1..=100")]
    RelativeOutOfRange {
        /// The field.
        field: String,
        /// The value given.
        value: u8,
    },
}

impl ChangePolicyError {
    /// The input field the error is about (`absolute`, `nrs_pain.relative_percent`).
    #[must_use]
    pub fn field(&self) -> Option<Cow<'_, str>> {
        match self {
            ChangePolicyError::AbsoluteNotPositive { field, .. }
            | ChangePolicyError::RelativeOutOfRange { field, .. } => Some(Cow::Borrowed(field.as_str())),
        }
    }

    /// The same error with its field under `parent` (`absolute` → `nrs_pain.absolute`).
    #[must_use]
    pub(crate) fn within(self, parent: &str) -> Self {
        match self {
            ChangePolicyError::AbsoluteNotPositive { field, value } => {
                ChangePolicyError::AbsoluteNotPositive { field: format!("{parent}.{field}"), value }
            }
            ChangePolicyError::RelativeOutOfRange { field, value } => {
                ChangePolicyError::RelativeOutOfRange { field: format!("{parent}.{field}"), value }
            }
        }
    }
}

/// Why a practitioner profile was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PractitionerError {
    /// A modality listed twice in `offers`.
    #[error("offers lists {modality} twice")]
    DuplicateOffer {
        /// The repeated modality.
        modality: crate::Modality,
    },
}

impl PractitionerError {
    /// The input field the error is about (`offers`).
    #[must_use]
    pub fn field(&self) -> Option<Cow<'_, str>> {
        match self {
            PractitionerError::DuplicateOffer { .. } => Some(Cow::Borrowed("offers")),
        }
    }
}

/// Why a Medicare visit history was rejected. Field names carry the visit index
/// (`sessions[2].cpt`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CoverageError {
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    #[error("{field} {value:?} is not a calendar date in YYYY-MM-DD form")]
    InvalidDate {
        /// The field.
        field: String,
        /// The text given.
        value: String,
    },
    /// An onset that is not a date.
    #[error(
        "eligibility.onset must be {{\"date\": \"YYYY-MM-DD\"}}: a visit history has no assessment date to count back from"
    )]
    OnsetNotADate,
    /// Visits not in strictly increasing date order (rejected, never reordered).
    #[error("{field} {date} is not after the previous visit's date {previous}")]
    OutOfOrder {
        /// The field.
        field: String,
        /// The date given.
        date: NaiveDate,
        /// The previous visit's date.
        previous: NaiveDate,
    },
    /// A visit before the pain began.
    #[error("{field} {date} is before the onset {onset}")]
    BeforeOnset {
        /// The field.
        field: String,
        /// The date given.
        date: NaiveDate,
        /// The onset.
        onset: NaiveDate,
    },
    /// A visit with no CPT code.
    #[error("{field} is empty: name the codes billed at the visit")]
    NoCode {
        /// The field.
        field: String,
    },
    /// An initial code listed twice at one visit (an add-on code may repeat: each is another
    /// 15 minutes).
    /// A code that does not belong to the visit's modality.
    #[error("{field}: {code} bills {code_modality}, not {modality}")]
    CodeModalityMismatch {
        /// The field.
        field: String,
        /// The code.
        code: crate::Cpt,
        /// The modality the code belongs to.
        code_modality: crate::Modality,
        /// The visit's modality.
        modality: crate::Modality,
    },
    /// Two initial codes at one visit (97810 and 97813, or one of them twice), or both dry
    /// needling codes (20560 and 20561 describe different muscle counts): a coding error
    /// (CODES.md, CPT pairing).
    #[error("{field}: {code} cannot be billed with {other} at the same visit")]
    ConflictingCodes {
        /// The field.
        field: String,
        /// The code.
        code: crate::Cpt,
        /// The code it conflicts with (the same code when billed twice).
        other: crate::Cpt,
    },
    /// An add-on code without its initial code at the same visit.
    #[error("{field}: add-on code {code} needs its initial code {initial} at the same visit")]
    AddOnWithoutInitial {
        /// The field.
        field: String,
        /// The add-on code.
        code: crate::Cpt,
        /// The initial code it needs.
        initial: crate::Cpt,
    },
}

impl CoverageError {
    /// The input field the error is about, as a path into the visit history document
    /// (`sessions[2].cpt`, `eligibility.onset`).
    #[must_use]
    pub fn field(&self) -> Option<Cow<'_, str>> {
        Some(match self {
            CoverageError::InvalidDate { field, .. }
            | CoverageError::OutOfOrder { field, .. }
            | CoverageError::BeforeOnset { field, .. }
            | CoverageError::NoCode { field }
            | CoverageError::ConflictingCodes { field, .. }
            | CoverageError::CodeModalityMismatch { field, .. }
            | CoverageError::AddOnWithoutInitial { field, .. } => Cow::Borrowed(field.as_str()),
            CoverageError::OnsetNotADate => Cow::Borrowed("eligibility.onset"),
        })
    }
}
