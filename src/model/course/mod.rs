//! A course of acupuncture in progress: the log that comes in (`CourseLog`) and the review
//! that goes out (`CourseReview`).

use chrono::NaiveDate;

use crate::error::CourseError;
use crate::model::answers::{RedFlag, Tier};
use crate::model::exact::Exact;
use crate::model::measures::{Measure, MeasureError, Odi, Peg, Psfs};
use crate::model::plan::CoursePlan;
use crate::model::score::Score;

name_enum! {
    /// An adverse effect recorded at a session (reference §8.3, `SAFE-AE-01`).
    pub enum AdverseEffect ("adverse effect") {
        /// Soreness or aching at needle sites (minor).
        Soreness = "soreness",
        /// Bruising (minor).
        Bruising = "bruising",
        /// A spot of bleeding (minor).
        MinorBleeding = "minor_bleeding",
        /// Tiredness or drowsiness (minor).
        Tiredness = "tiredness",
        /// Light-headedness (minor).
        LightHeadedness = "light_headedness",
        /// Fainting (treated as serious: the log cannot say whether it caused an injury).
        Fainting = "fainting",
        /// Infection at a needle site (serious).
        Infection = "infection",
        /// Pneumothorax, a collapsed lung (serious).
        Pneumothorax = "pneumothorax",
        /// Nerve injury (serious).
        NerveInjury = "nerve_injury",
        /// Something else: recorded for the practitioner, not classified.
        Other = "other",
    }
}

impl AdverseEffect {
    /// Whether this is one of the common minor reactions (`SAFE-AE-01`): recorded and
    /// explained, never a reason to stop.
    #[must_use]
    pub const fn minor(self) -> bool {
        matches!(
            self,
            AdverseEffect::Soreness
                | AdverseEffect::Bruising
                | AdverseEffect::MinorBleeding
                | AdverseEffect::Tiredness
                | AdverseEffect::LightHeadedness
        )
    }
}

name_enum! {
    /// Who pays for the course, where a payer's limits apply (`COURSE-02`).
    pub enum Payer ("payer") {
        /// Original Medicare (NCD 30.3.3).
        OriginalMedicare = "original_medicare",
    }
}

/// Item scores behind a measurement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemScores {
    /// PEG items.
    Peg(Peg),
    /// PSFS activity ratings.
    Psfs(Psfs),
    /// Oswestry section scores.
    Odi(Odi),
}

impl ItemScores {
    /// The measure these items belong to.
    #[must_use]
    pub const fn measure(&self) -> Measure {
        match self {
            ItemScores::Peg(_) => Measure::Peg,
            ItemScores::Psfs(_) => Measure::Psfs,
            ItemScores::Odi(_) => Measure::Odi,
        }
    }

    /// The score of the items.
    #[must_use]
    pub fn score(&self) -> Score {
        match self {
            ItemScores::Peg(peg) => peg.score(),
            ItemScores::Psfs(psfs) => psfs.score(),
            ItemScores::Odi(odi) => odi.score(),
        }
    }

    fn to_wire(&self) -> Vec<Option<u8>> {
        match self {
            ItemScores::Peg(peg) => peg.items().iter().map(|i| Some(*i)).collect(),
            ItemScores::Psfs(psfs) => psfs.ratings().iter().map(|i| Some(*i)).collect(),
            ItemScores::Odi(odi) => odi.sections().to_vec(),
        }
    }

    fn parse(measure: Measure, raw: &[Option<i64>]) -> Result<Option<ItemScores>, MeasureError> {
        let all = || raw.iter().copied().collect::<Option<Vec<i64>>>();
        let missing_not_allowed =
            |instrument, expected| MeasureError::ItemCount { instrument, expected, got: raw.len() };
        Ok(Some(match measure {
            Measure::Peg => {
                let items = all().and_then(|v| <[i64; 3]>::try_from(v).ok()).ok_or(missing_not_allowed("PEG", "3"))?;
                ItemScores::Peg(Peg::new(items)?)
            }
            Measure::Psfs => ItemScores::Psfs(Psfs::new(all().ok_or(missing_not_allowed("PSFS", "1 to 5 answered"))?)?),
            Measure::Odi => {
                let sections = <[Option<i64>; 10]>::try_from(raw.to_vec()).map_err(|_| MeasureError::ItemCount {
                    instrument: "Oswestry",
                    expected: "10 (null for a missing section)",
                    got: raw.len(),
                })?;
                ItemScores::Odi(Odi::new(sections)?)
            }
            Measure::NrsPain | Measure::Rmdq => return Ok(None),
        }))
    }
}

/// A score on the log's measure: as stated, from item scores, or both (which must agree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    stated: Option<Score>,
    items: Option<ItemScores>,
}

impl Measurement {
    /// A score as stated (NRS, RMDQ and ODI percentages; PEG and PSFS means taken as given).
    #[must_use]
    pub const fn score(score: Score) -> Self {
        Measurement { stated: Some(score), items: None }
    }

    /// A score from item scores.
    #[must_use]
    pub const fn items(items: ItemScores) -> Self {
        Measurement { stated: None, items: Some(items) }
    }

    /// The score the review uses: the exact score of the items when they are given (a stated
    /// mean only has to agree with it to two decimals, `COURSE-05`), else the stated score.
    #[must_use]
    pub fn value(&self) -> Score {
        self.items.as_ref().map(ItemScores::score).or(self.stated).unwrap_or(Score::ZERO)
    }

    /// The score as stated, if one was given.
    #[must_use]
    pub const fn stated(&self) -> Option<Score> {
        self.stated
    }

    /// The item scores, if given.
    #[must_use]
    pub const fn item_scores(&self) -> Option<&ItemScores> {
        self.items.as_ref()
    }

    /// Checks the measurement against `measure`, naming `field` in errors.
    fn check(&self, measure: Measure, field: &str) -> Result<(), CourseError> {
        if self.stated.is_none() && self.items.is_none() {
            return Err(CourseError::NoScore { field: field.to_owned() });
        }
        if let Some(items) = &self.items {
            match items.measure() {
                _ if matches!(measure, Measure::NrsPain | Measure::Rmdq) => {
                    return Err(CourseError::ItemsNotAllowed { field: format!("{field}.items"), measure });
                }
                given if given != measure => {
                    return Err(CourseError::DifferentInstrument {
                        field: format!("{field}.items"),
                        measure: given,
                        baseline: measure,
                    });
                }
                _ => {}
            }
        }
        let instrument = measure.instrument();
        if let Some(stated) = self.stated {
            if stated > measure.max() || (instrument.whole_only && !stated.is_whole()) {
                let expected = format!(
                    "{} from 0 to {}",
                    if instrument.whole_only { "a whole number" } else { "a number" },
                    instrument.max
                );
                return Err(CourseError::InvalidScore {
                    field: format!("{field}.score"),
                    value: stated,
                    measure,
                    expected,
                });
            }
        }
        let (Some(stated), Some(items)) = (self.stated, &self.items) else {
            return Ok(());
        };
        // COURSE-05: a stated mean must equal the items' exact score after rounding both to two
        // decimals (7.66 does not match items whose mean is 7.667); the items' score decides.
        let computed = items.score();
        let hundredths = |score: Score| Exact::from_score(score).rounded(2);
        if hundredths(stated) != hundredths(computed) {
            return Err(CourseError::ScoreDoesNotMatchItems { field: format!("{field}.score"), stated, computed });
        }
        Ok(())
    }
}

/// One treatment session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseSession {
    date: NaiveDate,
    measurement: Option<Measurement>,
    adverse_effects: Vec<AdverseEffect>,
    new_red_flags: Vec<RedFlag>,
    cleared_red_flags: Vec<RedFlag>,
}

impl CourseSession {
    /// A session on `date`, with nothing recorded.
    #[must_use]
    pub const fn new(date: NaiveDate) -> Self {
        CourseSession {
            date,
            measurement: None,
            adverse_effects: Vec::new(),
            new_red_flags: Vec::new(),
            cleared_red_flags: Vec::new(),
        }
    }

    /// Records that a clinician evaluated and cleared red flags logged at this or an earlier
    /// session (`COURSE-05`, `RF-CLEAR`). Until then a logged red flag stops the course; an
    /// emergency sign (`RF-E`) cannot be cleared this way.
    #[must_use]
    pub fn with_cleared_red_flags(mut self, flags: impl IntoIterator<Item = RedFlag>) -> Self {
        self.cleared_red_flags.extend(flags);
        self
    }

    /// The red flags a clinician cleared at this session.
    #[must_use]
    pub fn cleared_red_flags(&self) -> &[RedFlag] {
        &self.cleared_red_flags
    }

    /// Records a measurement taken at the session.
    #[must_use]
    pub fn with_measurement(mut self, measurement: Measurement) -> Self {
        self.measurement = Some(measurement);
        self
    }

    /// Records adverse effects.
    #[must_use]
    pub fn with_adverse_effects(mut self, effects: impl IntoIterator<Item = AdverseEffect>) -> Self {
        self.adverse_effects.extend(effects);
        self
    }

    /// Records red flags that appeared since the last session (intake names).
    #[must_use]
    pub fn with_new_red_flags(mut self, flags: impl IntoIterator<Item = RedFlag>) -> Self {
        self.new_red_flags.extend(flags);
        self
    }

    /// The date.
    #[must_use]
    pub const fn date(&self) -> NaiveDate {
        self.date
    }

    /// The measurement, if one was taken.
    #[must_use]
    pub const fn measurement(&self) -> Option<&Measurement> {
        self.measurement.as_ref()
    }

    /// The adverse effects recorded.
    #[must_use]
    pub fn adverse_effects(&self) -> &[AdverseEffect] {
        &self.adverse_effects
    }

    /// The new red flags recorded.
    #[must_use]
    pub fn new_red_flags(&self) -> &[RedFlag] {
        &self.new_red_flags
    }
}

/// Whether a red flag of `tier` can be cleared by a clinician during a course: emergency signs
/// (`RF-E`) cannot (`RF-CLEAR`).
#[must_use]
pub const fn clearable(tier: Tier) -> bool {
    !matches!(tier, Tier::Emergency)
}

/// A course in progress (JSON contract v2 §Course log): the measure, its baseline, and the
/// sessions so far in date order.
///
/// ```
/// use acupuncture_guidance::CourseLog;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let log: CourseLog = serde_json::from_str(r#"{
///   "as_of": "2026-12-04", "measure": "nrs_pain",
///   "baseline": { "date": "2026-11-02", "score": 7 },
///   "sessions": [ { "date": "2026-11-02", "score": 7 }, { "date": "2026-11-06" } ]
/// }"#)?;
/// assert_eq!(log.sessions().len(), 2);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseLog {
    as_of: NaiveDate,
    measure: Measure,
    baseline_date: NaiveDate,
    baseline: Measurement,
    sessions: Vec<CourseSession>,
    plan: Option<CoursePlan>,
    payer: Option<Payer>,
}

impl CourseLog {
    /// A validated course log.
    ///
    /// # Errors
    ///
    /// A [`CourseError`] naming the field: a score off the measure's scale, items that do not
    /// fit the measure or do not match the stated score, PSFS activities that differ from the
    /// baseline's, sessions out of date order or on the same date, a session before the
    /// baseline or after `as_of`, an age factor reported as a new red flag, or a plan that
    /// cannot be followed. The JSON form goes through this constructor: both paths run the
    /// same checks.
    pub fn new(
        as_of: NaiveDate,
        measure: Measure,
        baseline_date: NaiveDate,
        baseline: Measurement,
        sessions: Vec<CourseSession>,
        plan: Option<CoursePlan>,
    ) -> Result<Self, CourseError> {
        if baseline_date > as_of {
            return Err(CourseError::AfterAsOf { field: "baseline.date".into(), date: baseline_date, as_of });
        }
        baseline.check(measure, "baseline")?;
        let baseline_activities = psfs_count(&baseline);
        let mut previous: Option<NaiveDate> = None;
        for (index, session) in sessions.iter().enumerate() {
            let field = format!("sessions[{index}]");
            let date = session.date;
            if let Some(previous) = previous.filter(|p| date <= *p) {
                return Err(CourseError::OutOfOrder { field: format!("{field}.date"), date, previous });
            }
            if date > as_of {
                return Err(CourseError::AfterAsOf { field: format!("{field}.date"), date, as_of });
            }
            if date < baseline_date {
                return Err(CourseError::BeforeBaseline {
                    field: format!("{field}.date"),
                    date,
                    baseline: baseline_date,
                });
            }
            previous = Some(date);
            if let Some(measurement) = &session.measurement {
                measurement.check(measure, &field)?;
                if let (Some(baseline), Some(got)) = (baseline_activities, psfs_count(measurement)) {
                    if got != baseline {
                        return Err(CourseError::ActivitiesChanged { field: format!("{field}.items"), got, baseline });
                    }
                }
            }
            if let Some(item) = session
                .new_red_flags
                .iter()
                .find(|f| matches!(f, RedFlag::AgeUnder20 | RedFlag::AgeOver50 | RedFlag::AgeOver65))
            {
                return Err(CourseError::NotReportable { field: format!("{field}.new_red_flags"), item: *item });
            }
            // A clearance needs a red flag logged at this or an earlier session to clear.
            let logged = |flag: &RedFlag| sessions.iter().take(index + 1).any(|s| s.new_red_flags.contains(flag));
            if let Some(item) = session.cleared_red_flags.iter().find(|f| !logged(f)) {
                return Err(CourseError::NothingToClear { field: format!("{field}.cleared_red_flags"), item: *item });
            }
        }
        if let Some(plan) = &plan {
            plan.validate()?;
        }
        Ok(CourseLog { as_of, measure, baseline_date, baseline, sessions, plan, payer: None })
    }

    /// The review date.
    #[must_use]
    pub const fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The measure.
    #[must_use]
    pub const fn measure(&self) -> Measure {
        self.measure
    }

    /// The baseline date.
    #[must_use]
    pub const fn baseline_date(&self) -> NaiveDate {
        self.baseline_date
    }

    /// The baseline measurement.
    #[must_use]
    pub const fn baseline(&self) -> &Measurement {
        &self.baseline
    }

    /// The sessions, in date order.
    #[must_use]
    pub fn sessions(&self) -> &[CourseSession] {
        &self.sessions
    }

    /// The plan the course follows (the default unless the log overrides it).
    #[must_use]
    pub fn plan(&self) -> CoursePlan {
        self.plan.unwrap_or_default()
    }

    /// The same log with a payer whose limits overlay the course (`COURSE-02`).
    #[must_use]
    pub const fn with_payer(mut self, payer: Payer) -> Self {
        self.payer = Some(payer);
        self
    }

    /// The payer, if one was named.
    #[must_use]
    pub const fn payer(&self) -> Option<Payer> {
        self.payer
    }

    /// Whether the log overrides the default plan.
    #[must_use]
    pub const fn has_own_plan(&self) -> bool {
        self.plan.is_some()
    }
}

fn psfs_count(measurement: &Measurement) -> Option<usize> {
    match &measurement.items {
        Some(ItemScores::Psfs(psfs)) => Some(psfs.ratings().len()),
        _ => None,
    }
}

pub(crate) mod wire;
