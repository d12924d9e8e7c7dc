//! The intake: what an app knows about a person with back pain when it asks about acupuncture.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::IntakeError;
use crate::model::answers::{Answer, Caution, CautionAnswers, RedFlag, RedFlagAnswers};
use crate::model::date::parse_date;
use crate::model::modality::{Modalities, Modality};
use crate::model::object::Object;

/// The longest onset the crate accepts: 120 years of 365.25 days.
pub const MAX_ONSET_DAYS: i64 = 43_830;

/// When the back pain started.
///
/// JSON: `{"date": "YYYY-MM-DD"}`, `{"days_ago": N}` or `{"weeks_ago": N}` (1 week = 7 days;
/// months are never converted to weeks, reference §0.2).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", try_from = "Object<RawOnset>")]
pub enum Onset {
    /// The calendar date the pain started.
    Date(NaiveDate),
    /// The number of days before the assessment date.
    DaysAgo(u32),
    /// The number of weeks before the assessment date.
    WeeksAgo(u32),
}

/// When the back pain started: exactly one of `date` (`YYYY-MM-DD`), `days_ago`, `weeks_ago`
/// (1 week = 7 days).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Onset"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOnset {
    date: Option<String>,
    days_ago: Option<i64>,
    weeks_ago: Option<i64>,
}

impl TryFrom<Object<RawOnset>> for Onset {
    type Error = IntakeError;

    fn try_from(Object(raw): Object<RawOnset>) -> Result<Self, IntakeError> {
        let relative = |field: &'static str, value: i64, days_per_unit: i64| {
            if value < 0 {
                return Err(IntakeError::NegativeOnset { field, value });
            }
            if value.saturating_mul(days_per_unit) > MAX_ONSET_DAYS {
                return Err(IntakeError::OnsetTooLongAgo { field, value, max_days: MAX_ONSET_DAYS });
            }
            u32::try_from(value).map_err(|_| IntakeError::OnsetTooLongAgo { field, value, max_days: MAX_ONSET_DAYS })
        };
        match (raw.date, raw.days_ago, raw.weeks_ago) {
            (Some(text), None, None) => parse_date("onset.date", &text).map(Onset::Date),
            (None, Some(days), None) => relative("onset.days_ago", days, 1).map(Onset::DaysAgo),
            (None, None, Some(weeks)) => relative("onset.weeks_ago", weeks, 7).map(Onset::WeeksAgo),
            (date, days, weeks) => Err(IntakeError::OnsetShape {
                given: [("date", date.is_some()), ("days_ago", days.is_some()), ("weeks_ago", weeks.is_some())]
                    .into_iter()
                    .filter_map(|(name, given)| given.then_some(name))
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

name_enum! {
    /// Where the pain is felt (reference §2.2).
    pub enum Pattern ("pain pattern") {
        /// Back pain with no identifiable specific cause.
        NonSpecific = "non_specific",
        /// Pain radiating into the leg in a nerve-root pattern (sciatica).
        Radicular = "radicular",
    }
}

name_enum! {
    /// How a previous course of acupuncture went.
    pub enum PreviousAcupuncture ("previous acupuncture") {
        /// No previous course.
        None = "none",
        /// A previous course helped.
        Helped = "helped",
        /// A previous course did not help.
        DidNotHelp = "did_not_help",
    }
}

name_enum! {
    /// A STarT Back risk group, as scored by the tool (reference §10).
    pub enum StartBackRisk ("STarT Back risk") {
        /// Total score 0–3.
        Low = "low",
        /// Total 4 or more, distress subscore 3 or less.
        Medium = "medium",
        /// Total 4 or more, distress subscore 4 or more.
        High = "high",
    }
}

/// An age in whole years, 0 to 120.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(extend("minimum" = 0, "maximum" = 120)))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Age(u8);

impl Age {
    /// The oldest accepted age.
    pub const MAX: u8 = 120;

    /// An age in years.
    ///
    /// # Errors
    ///
    /// [`IntakeError::AgeOutOfRange`] outside 0–120.
    pub fn new(years: i64) -> Result<Self, IntakeError> {
        u8::try_from(years).ok().filter(|y| *y <= Self::MAX).map(Age).ok_or(IntakeError::AgeOutOfRange { value: years })
    }

    /// The age in years.
    #[must_use]
    pub const fn years(self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Age {
    type Error = IntakeError;
    fn try_from(years: i64) -> Result<Self, IntakeError> {
        Age::new(years)
    }
}

impl From<Age> for u8 {
    fn from(age: Age) -> u8 {
        age.0
    }
}

object_struct! {
    default;
    /// The article's good-fit scenarios (reference §17). They explain why acupuncture may suit a
    /// person; they never change the triage.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
    #[serde(default, deny_unknown_fields)]
    pub struct GoodFitContext {
        /// Chronic pain that has not improved with basic self-care.
        pub not_improved_with_self_care: Answer,
        /// Wants to limit medication, or cannot tolerate some medicines.
        pub limit_medication: Answer,
        /// Back pain together with stress, poor sleep and muscle tension.
        pub stress_sleep_or_tension: Answer,
        /// Wants a bridge that makes physical therapy or exercise possible.
        pub bridge_to_exercise: Answer,
    }
}

/// Items a clinician has evaluated and cleared (`RF-CLEAR`), by their input names.
///
/// A name may be a red flag, a caution, or both (`immunosuppression` is both: one answer, read
/// by the screen and by the safety advice, so clearing it clears both). JSON: a list of names.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Cleared {
    red_flags: BTreeSet<RedFlag>,
    cautions: BTreeSet<Caution>,
}

impl Cleared {
    /// Nothing cleared.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses item names.
    ///
    /// # Errors
    ///
    /// [`IntakeError::UnknownClearedItem`] for a name that is neither a red flag nor a caution.
    pub fn from_names<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Result<Self, IntakeError> {
        let mut cleared = Cleared::new();
        for name in names {
            let name = name.as_ref();
            let flag = name.parse::<RedFlag>();
            let caution = name.parse::<Caution>();
            if let Ok(flag) = flag {
                cleared.red_flags.insert(flag);
            }
            if let Ok(caution) = caution {
                cleared.cautions.insert(caution);
            }
            if let (Err(unknown), Err(_)) = (flag, caution) {
                return Err(IntakeError::UnknownClearedItem(crate::error::UnknownName {
                    what: "red flag or caution",
                    expected: &crate::model::answers::CLEARABLE_NAMES,
                    ..unknown
                }));
            }
        }
        Ok(cleared)
    }

    /// Whether the clinician cleared this red flag.
    #[must_use]
    pub fn red_flag(&self, flag: RedFlag) -> bool {
        self.red_flags.contains(&flag)
    }

    /// Whether the clinician cleared this caution.
    #[must_use]
    pub fn caution(&self, caution: Caution) -> bool {
        self.cautions.contains(&caution)
    }

    /// The cleared red flags, in catalogue order.
    pub fn red_flags(&self) -> impl Iterator<Item = RedFlag> + '_ {
        self.red_flags.iter().copied()
    }

    /// The cleared cautions, in catalogue order.
    pub fn cautions(&self) -> impl Iterator<Item = Caution> + '_ {
        self.cautions.iter().copied()
    }

    /// Whether nothing is cleared.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.red_flags.is_empty() && self.cautions.is_empty()
    }
}

impl TryFrom<Vec<String>> for Cleared {
    type Error = IntakeError;
    fn try_from(names: Vec<String>) -> Result<Self, IntakeError> {
        Cleared::from_names(names)
    }
}

impl From<Cleared> for Vec<String> {
    fn from(cleared: Cleared) -> Vec<String> {
        let names: BTreeSet<&str> =
            cleared.red_flags().map(RedFlag::as_str).chain(cleared.cautions().map(Caution::as_str)).collect();
        names.into_iter().map(str::to_owned).collect()
    }
}

/// The activities the patient wants back (reference §9.1), at most five, each 1–80
/// characters of text on one line (no control characters: no line breaks, no tabs). They
/// become the patient-specific measures of a trial course and appear in the patient text.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<String>", into = "Vec<String>")]
pub struct Goals(Arc<[String]>);

impl Goals {
    /// The most activities the Patient-Specific Functional Scale rates.
    pub const MAX: usize = 5;
    /// The longest goal text.
    pub const MAX_CHARS: usize = 80;

    /// Validates a list of goals.
    ///
    /// # Errors
    ///
    /// [`IntakeError::TooManyGoals`] past five; [`IntakeError::ControlCharacter`] for a goal
    /// with a control character ([`char::is_control`]: a line break, a tab, …);
    /// [`IntakeError::InvalidGoal`] for a blank goal or one longer than 80 characters. Text is
    /// otherwise kept exactly as given.
    ///
    /// ```
    /// use acupuncture_guidance::{Goals, IntakeError};
    /// assert!(Goals::new(["walk the dog", "sit through a film"]).is_ok());
    /// let err = Goals::new(["walk\n\nSEEK EMERGENCY CARE NOW"]).unwrap_err();
    /// assert!(matches!(err, IntakeError::ControlCharacter { .. }));
    /// assert_eq!(err.to_string(), r#"goals[0] "walk\n\nSEEK EMERGENCY CARE NOW" contains a control character: write it on one line, without tabs"#);
    /// ```
    pub fn new<S: Into<String>>(goals: impl IntoIterator<Item = S>) -> Result<Self, IntakeError> {
        let goals: Vec<String> = goals.into_iter().map(Into::into).collect();
        if goals.len() > Self::MAX {
            return Err(IntakeError::TooManyGoals { count: goals.len(), max: Self::MAX });
        }
        for (index, goal) in goals.iter().enumerate() {
            if goal.chars().any(char::is_control) {
                return Err(IntakeError::ControlCharacter { field: format!("goals[{index}]"), value: goal.clone() });
            }
            if goal.trim().is_empty() || goal.chars().count() > Self::MAX_CHARS {
                return Err(IntakeError::InvalidGoal { index, value: goal.clone(), max_chars: Self::MAX_CHARS });
            }
        }
        Ok(Goals(goals.into()))
    }

    /// The goals, in the patient's order.
    #[must_use]
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// The goals, shared: a clone of the `Arc`, never of the text. A
    /// [`TrialPlan`](crate::TrialPlan) holds the same list.
    #[must_use]
    pub fn shared(&self) -> Arc<[String]> {
        Arc::clone(&self.0)
    }
}

impl TryFrom<Vec<String>> for Goals {
    type Error = IntakeError;
    fn try_from(goals: Vec<String>) -> Result<Self, IntakeError> {
        Goals::new(goals)
    }
}

impl From<Goals> for Vec<String> {
    fn from(goals: Goals) -> Vec<String> {
        goals.0.to_vec()
    }
}

/// A back-pain intake (JSON contract v2). Build one with [`Intake::new`] and the `with_*`
/// methods, or deserialize it; both paths run the same validation.
///
/// ```
/// use acupuncture_guidance::{Age, Answer, Caution, Intake, NaiveDate, Onset, Pattern, RedFlag};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let assessed_on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
/// let intake = Intake::new(assessed_on, Onset::WeeksAgo(20), Pattern::NonSpecific, Age::new(58)?)?
///     .with_red_flag(RedFlag::Fever, Answer::Absent)?
///     .with_caution(Caution::Anticoagulants, Answer::Present);
/// assert_eq!(intake.duration_days(), 140);
/// # Ok(())
/// # }
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Object<RawIntake>")]
pub struct Intake {
    assessed_on: NaiveDate,
    onset: Onset,
    pattern: Pattern,
    age_years: Age,
    red_flags: RedFlagAnswers,
    cautions: CautionAnswers,
    proposed_modalities: Modalities,
    #[serde(skip_serializing_if = "Cleared::is_empty")]
    cleared_by_clinician: Cleared,
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_acupuncture: Option<PreviousAcupuncture>,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_back_risk: Option<StartBackRisk>,
    context: GoodFitContext,
    goals: Goals,
    #[serde(skip)]
    duration_days: u32,
}

/// A back-pain intake (JSON contract v2). Unknown fields are rejected; omitted answers are
/// `unknown`. Cross-field rules (an onset after `assessed_on` or before birth) are beyond the
/// schema; the crate checks them.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawIntake {
    /// The assessment date, `YYYY-MM-DD` (the crate never reads a clock).
    assessed_on: String,
    /// When the pain started.
    #[cfg_attr(feature = "schema", schemars(with = "Onset"))]
    onset: Object<RawOnset>,
    /// `non_specific` or `radicular`.
    pattern: Pattern,
    /// Age in whole years, 0 to 120.
    age_years: Age,
    /// The red-flag screen; the first nine of the article's list are required.
    #[serde(default)]
    red_flags: RedFlagAnswers,
    /// Safety cautions.
    #[serde(default)]
    cautions: CautionAnswers,
    /// The modalities proposed, at least one, none twice (default: manual acupuncture).
    #[serde(default)]
    proposed_modalities: Modalities,
    /// Names of red flags or cautions a clinician has evaluated and cleared.
    #[serde(default)]
    cleared_by_clinician: Cleared,
    /// How a previous course of acupuncture went.
    #[serde(default)]
    previous_acupuncture: Option<PreviousAcupuncture>,
    /// A STarT Back risk group.
    #[serde(default)]
    start_back_risk: Option<StartBackRisk>,
    /// The article's good-fit scenarios.
    #[serde(default)]
    context: GoodFitContext,
    /// Up to five activities the patient wants back, 1 to 80 characters each.
    #[cfg_attr(feature = "schema", schemars(with = "Goals"))]
    #[serde(default)]
    goals: Vec<String>,
}

impl TryFrom<Object<RawIntake>> for Intake {
    type Error = IntakeError;

    fn try_from(Object(raw): Object<RawIntake>) -> Result<Self, IntakeError> {
        // The onset and the goals are checked here rather than while reading, so that their
        // errors carry the exact field (`onset.days_ago`, `goals[2]`) to the json facade.
        let assessed_on = parse_date("assessed_on", &raw.assessed_on)?;
        let onset = Onset::try_from(raw.onset)?;
        let goals = Goals::new(raw.goals)?;
        let mut intake = Intake::new(assessed_on, onset, raw.pattern, raw.age_years)?
            .with_red_flags(raw.red_flags)
            .with_cautions(raw.cautions)
            .with_cleared(raw.cleared_by_clinician)
            .with_context(raw.context);
        intake.proposed_modalities = raw.proposed_modalities;
        intake.previous_acupuncture = raw.previous_acupuncture;
        intake.start_back_risk = raw.start_back_risk;
        intake.goals = goals;
        Ok(intake)
    }
}

impl Intake {
    /// An intake with every answer unknown and manual acupuncture proposed.
    ///
    /// # Errors
    ///
    /// [`IntakeError::OnsetAfterAssessment`] for an onset date after `assessed_on`;
    /// [`IntakeError::OnsetDateTooEarly`] for an onset date, and
    /// [`IntakeError::OnsetTooLongAgo`] for `days_ago` or `weeks_ago`, more than 120 years back;
    /// [`IntakeError::OnsetBeforeBirth`] for an onset before the person was born.
    pub fn new(assessed_on: NaiveDate, onset: Onset, pattern: Pattern, age: Age) -> Result<Self, IntakeError> {
        let (field, value, days) = match onset {
            Onset::Date(date) => {
                if date > assessed_on {
                    return Err(IntakeError::OnsetAfterAssessment { onset: date, assessed_on });
                }
                let days = (assessed_on - date).num_days();
                ("onset.date", days, days)
            }
            Onset::DaysAgo(days) => ("onset.days_ago", i64::from(days), i64::from(days)),
            Onset::WeeksAgo(weeks) => ("onset.weeks_ago", i64::from(weeks), i64::from(weeks) * 7),
        };
        // Said in the caller's terms: a date against the earliest date, a count against the
        // longest count.
        let too_long = || match onset {
            Onset::Date(date) => IntakeError::OnsetDateTooEarly {
                onset: date,
                earliest: assessed_on
                    .checked_sub_days(chrono::Days::new(MAX_ONSET_DAYS.unsigned_abs()))
                    .unwrap_or(NaiveDate::MIN),
                assessed_on,
            },
            Onset::DaysAgo(_) | Onset::WeeksAgo(_) => {
                IntakeError::OnsetTooLongAgo { field, value, max_days: MAX_ONSET_DAYS }
            }
        };
        if days > MAX_ONSET_DAYS {
            return Err(too_long());
        }
        // A person aged N has lived fewer than (N + 1) × 366 days.
        if days > (i64::from(age.years()) + 1) * 366 {
            return Err(IntakeError::OnsetBeforeBirth { days, age_years: age.years() });
        }
        let duration_days = u32::try_from(days).map_err(|_| too_long())?;
        Ok(Intake {
            assessed_on,
            onset,
            pattern,
            age_years: age,
            red_flags: RedFlagAnswers::new(),
            cautions: CautionAnswers::new(),
            proposed_modalities: Modalities::default(),
            cleared_by_clinician: Cleared::new(),
            previous_acupuncture: None,
            start_back_risk: None,
            context: GoodFitContext::default(),
            goals: Goals::default(),
            duration_days,
        })
    }

    /// Sets one red-flag answer. `immunosuppression` is asked once, among the cautions: it
    /// sets [`Caution::Immunosuppression`], as [`Intake::with_caution`] does.
    ///
    /// # Errors
    ///
    /// [`IntakeError::DerivedItem`] for `age_under_20` and `age_over_50`, which follow
    /// `age_years` and cannot be answered (an answer is never dropped silently). A form that
    /// loops over [`RedFlag::ASKED`] never meets it.
    pub fn with_red_flag(mut self, flag: RedFlag, answer: Answer) -> Result<Self, IntakeError> {
        if flag == RedFlag::Immunosuppression {
            self.cautions.set(Caution::Immunosuppression, answer);
        } else {
            self.red_flags.set(flag, answer)?;
        }
        Ok(self)
    }

    /// Replaces all red-flag answers.
    #[must_use]
    pub fn with_red_flags(mut self, answers: RedFlagAnswers) -> Self {
        self.red_flags = answers;
        self
    }

    /// Sets one caution answer.
    #[must_use]
    pub fn with_caution(mut self, caution: Caution, answer: Answer) -> Self {
        self.cautions.set(caution, answer);
        self
    }

    /// Replaces all caution answers.
    #[must_use]
    pub fn with_cautions(mut self, answers: CautionAnswers) -> Self {
        self.cautions = answers;
        self
    }

    /// Sets the proposed modalities.
    ///
    /// # Errors
    ///
    /// As [`Modalities::new`].
    pub fn with_modalities(mut self, modalities: impl IntoIterator<Item = Modality>) -> Result<Self, IntakeError> {
        self.proposed_modalities = Modalities::new(modalities)?;
        Ok(self)
    }

    /// Sets the items a clinician has evaluated and cleared.
    #[must_use]
    pub fn with_cleared(mut self, cleared: Cleared) -> Self {
        self.cleared_by_clinician = cleared;
        self
    }

    /// Records how a previous course of acupuncture went.
    #[must_use]
    pub fn with_previous_acupuncture(mut self, previous: PreviousAcupuncture) -> Self {
        self.previous_acupuncture = Some(previous);
        self
    }

    /// Records a STarT Back risk group.
    #[must_use]
    pub fn with_start_back_risk(mut self, risk: StartBackRisk) -> Self {
        self.start_back_risk = Some(risk);
        self
    }

    /// Records the article's good-fit context.
    #[must_use]
    pub fn with_context(mut self, context: GoodFitContext) -> Self {
        self.context = context;
        self
    }

    /// Records the activities the patient wants back.
    ///
    /// # Errors
    ///
    /// As [`Goals::new`].
    pub fn with_goals<S: Into<String>>(mut self, goals: impl IntoIterator<Item = S>) -> Result<Self, IntakeError> {
        self.goals = Goals::new(goals)?;
        Ok(self)
    }

    /// The assessment date.
    #[must_use]
    pub const fn assessed_on(&self) -> NaiveDate {
        self.assessed_on
    }

    /// The onset as given.
    #[must_use]
    pub const fn onset(&self) -> Onset {
        self.onset
    }

    /// Whole days from onset to the assessment date.
    #[must_use]
    pub const fn duration_days(&self) -> u32 {
        self.duration_days
    }

    /// The pain pattern.
    #[must_use]
    pub const fn pattern(&self) -> Pattern {
        self.pattern
    }

    /// The age.
    #[must_use]
    pub const fn age(&self) -> Age {
        self.age_years
    }

    /// The red-flag answers.
    #[must_use]
    pub const fn red_flags(&self) -> &RedFlagAnswers {
        &self.red_flags
    }

    /// The caution answers.
    #[must_use]
    pub const fn cautions(&self) -> &CautionAnswers {
        &self.cautions
    }

    /// The proposed modalities.
    #[must_use]
    pub fn proposed_modalities(&self) -> &[Modality] {
        self.proposed_modalities.as_slice()
    }

    /// The items a clinician has cleared.
    #[must_use]
    pub const fn cleared(&self) -> &Cleared {
        &self.cleared_by_clinician
    }

    /// How a previous course went, if known.
    #[must_use]
    pub const fn previous_acupuncture(&self) -> Option<PreviousAcupuncture> {
        self.previous_acupuncture
    }

    /// The STarT Back risk group, if scored.
    #[must_use]
    pub const fn start_back_risk(&self) -> Option<StartBackRisk> {
        self.start_back_risk
    }

    /// The good-fit context.
    #[must_use]
    pub const fn context(&self) -> &GoodFitContext {
        &self.context
    }

    /// The activities the patient wants back.
    #[must_use]
    pub fn goals(&self) -> &[String] {
        self.goals.as_slice()
    }

    /// The activities the patient wants back, shared ([`Goals::shared`]): what a
    /// [`TrialPlan`](crate::TrialPlan) holds, without copying the text.
    #[must_use]
    pub fn shared_goals(&self) -> Arc<[String]> {
        self.goals.shared()
    }

    /// Checks the answers against each other ([`assess`](crate::assess) runs it): a severe
    /// bleeding disorder present with a bleeding disorder absent is refused, since one of the two
    /// answers is wrong and reading either as true would be a guess.
    ///
    /// # Errors
    ///
    /// [`IntakeError::ContradictoryAnswers`] naming both answers.
    pub fn check_consistent(&self) -> Result<(), IntakeError> {
        let (item, implies) = (Caution::SevereBleedingDisorder, Caution::BleedingDisorder);
        if self.cautions.get(item) == Some(Answer::Present) && self.cautions.get(implies) == Some(Answer::Absent) {
            return Err(IntakeError::ContradictoryAnswers { item, implies });
        }
        Ok(())
    }
}
