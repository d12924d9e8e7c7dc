//! Errors, one enum per boundary. Every message is one lowercase line that shows the bad value.

use chrono::NaiveDate;

/// A name that is not one of a closed set (an answer, a red flag, a source id, …).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} \"{value}\", expected one of {}", .expected.join(", "))]
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
    #[error("{field} \"{value}\" is not a calendar date in YYYY-MM-DD form")]
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
    /// An onset further back than any plausible episode of back pain.
    #[error("{field} {value} is more than {max_days} days before the assessment date")]
    OnsetTooLongAgo {
        /// The field (`onset.date`, `onset.days_ago`, `onset.weeks_ago`).
        field: &'static str,
        /// The value given (days or weeks as the field says; for dates, days).
        value: i64,
        /// The largest accepted duration in days.
        max_days: i64,
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
    #[error("goals[{index}] \"{value}\" must be 1 to {max_chars} characters of text")]
    InvalidGoal {
        /// Position in the list.
        index: usize,
        /// The text given.
        value: String,
        /// The longest accepted goal.
        max_chars: usize,
    },
}
