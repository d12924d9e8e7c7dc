//! A course of acupuncture in progress: the log that comes in (`CourseLog`) and the review
//! that goes out (`CourseReview`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::CourseError;
use crate::model::answers::{RedFlag, Tier};
use crate::model::assessment::{Checkpoint, Span};
use crate::model::measures::{Measure, MeasureError, Odi, Peg, Psfs};
use crate::model::score::{Score, ScoreError};

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
    /// The tier of care a serious event calls for (`COURSE-04`; the tiers are engine policy),
    /// or `None` for a minor or unclassified effect.
    #[must_use]
    pub const fn serious(self) -> Option<Tier> {
        match self {
            AdverseEffect::Pneumothorax => Some(Tier::Emergency),
            AdverseEffect::Infection | AdverseEffect::NerveInjury => Some(Tier::UrgentEvaluation),
            AdverseEffect::Fainting => Some(Tier::EvaluationFirst),
            _ => None,
        }
    }

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

    /// The score the review uses: the stated one, else the items' exact score.
    #[must_use]
    pub fn value(&self) -> Score {
        self.stated.or_else(|| self.items.as_ref().map(ItemScores::score)).unwrap_or(Score::ZERO)
    }

    /// The item scores, if given.
    #[must_use]
    pub const fn item_scores(&self) -> Option<&ItemScores> {
        self.items.as_ref()
    }

    /// Checks the measurement against `measure`, naming `field` in errors.
    fn check(&self, measure: Measure, field: &str) -> Result<(), CourseError> {
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
        // A stated mean matches its items when it is within 0.01 (the mean as given, or
        // rounded to two decimals).
        let computed = items.score();
        if !stated.within(computed, 1) {
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
}

impl CourseSession {
    /// A session on `date`, with nothing recorded.
    #[must_use]
    pub const fn new(date: NaiveDate) -> Self {
        CourseSession { date, measurement: None, adverse_effects: Vec::new(), new_red_flags: Vec::new() }
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

/// The numbers a course follows (reference §11): by default the trial plan of
/// [`assess`](crate::assess) (course 6–12 sessions, checkpoint at 4 sessions and either 6
/// sessions or 28 days).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CoursePlan {
    /// Sessions in the trial.
    pub trial_sessions: Span,
    /// Sessions in the course: its maximum ends the course.
    pub course_sessions: Span,
    /// When to reassess.
    pub checkpoint: Checkpoint,
}

impl Default for CoursePlan {
    fn default() -> Self {
        use crate::rules::course::{CHECKPOINT, COURSE_SESSIONS, TRIAL_SESSIONS};
        CoursePlan { trial_sessions: TRIAL_SESSIONS, course_sessions: COURSE_SESSIONS, checkpoint: CHECKPOINT }
    }
}

impl CoursePlan {
    /// Checks that the plan can be followed.
    ///
    /// # Errors
    ///
    /// [`CourseError::InvalidPlan`] when a range is empty or reversed, or the checkpoint does
    /// not fit in the course.
    pub fn validate(&self) -> Result<(), CourseError> {
        let bad = |field, reason: &str| Err(CourseError::InvalidPlan { field, reason: reason.to_owned() });
        let (trial, course, check) = (self.trial_sessions, self.course_sessions, self.checkpoint);
        if course.min == 0 || course.min > course.max {
            return bad("course_sessions", "needs 1 <= min <= max");
        }
        if trial.min == 0 || trial.min > trial.max || trial.max > course.max {
            return bad("trial_sessions", "needs 1 <= min <= max <= course_sessions.max");
        }
        if check.min_sessions == 0 || check.min_sessions > check.sessions || check.sessions > course.max {
            return bad("checkpoint", "needs 1 <= min_sessions <= sessions <= course_sessions.max");
        }
        if check.days == 0 {
            return bad("checkpoint.days", "must be at least 1");
        }
        Ok(())
    }
}

/// A course in progress (JSON contract v1 §Course log): the measure, its baseline, and the
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
    /// cannot be followed.
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
            if let Some(item) =
                session.new_red_flags.iter().find(|f| matches!(f, RedFlag::AgeUnder20 | RedFlag::AgeOver50))
            {
                return Err(CourseError::NotReportable { field: format!("{field}.new_red_flags"), item: *item });
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

// ---- The wire form. One flat struct per object: unknown fields are rejected. ----

/// A number read as a score, its error kept for the validation that knows the field name.
struct RawScore(Result<Score, ScoreError>);

/// Only to satisfy the bound serde's derive puts on `#[serde(default)]` fields of the generic
/// wire types; an omitted score is `None`, never this value.
impl Default for RawScore {
    fn default() -> Self {
        RawScore(Ok(Score::ZERO))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RawScore {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Score::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Score::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for RawScore {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = RawScore;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number")
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawScore, E> {
                Ok(RawScore(v.to_string().parse()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawScore, E> {
                Ok(RawScore(v.to_string().parse()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawScore, E> {
                Ok(RawScore(Score::from_f64(v)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A baseline measurement: a `score`, `items`, or both (which must agree within 0.01).
/// `S` is [`RawScore`] coming in and [`Score`] going out.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Measurement"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireMeasurement<S> {
    /// `YYYY-MM-DD`.
    date: String,
    /// If given, must be the log's measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure: Option<Measure>,
    /// The score on the log's measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<S>,
    /// Item scores: three PEG items, one to five PSFS ratings, or the ten Oswestry sections
    /// (`null` for one missing section). NRS and RMDQ have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<Option<i64>>>,
}

/// One session. Sessions must be in date order, on distinct dates, not before the baseline
/// nor after `as_of` (beyond the schema; the crate checks it).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Session"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireSession<S> {
    /// `YYYY-MM-DD`.
    date: String,
    /// If given, must be the log's measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    measure: Option<Measure>,
    /// The score on the log's measure, if measured at this session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<S>,
    /// Item scores, as for the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    items: Option<Vec<Option<i64>>>,
    /// Adverse effects recorded at the session.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    adverse_effects: Vec<AdverseEffect>,
    /// Red flags that appeared (intake names; not the age factors).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    new_red_flags: Vec<RedFlag>,
}

/// A course in progress (JSON contract v1 §Course log).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CourseLog"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireLog<S> {
    /// The review date, `YYYY-MM-DD`.
    as_of: String,
    /// The measure tracked.
    measure: Measure,
    /// The baseline measurement.
    baseline: WireMeasurement<S>,
    /// The sessions so far, in date order.
    #[serde(default)]
    sessions: Vec<WireSession<S>>,
    /// A plan replacing the default (course 6-12, checkpoint at 4 and either 6 or 28 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan: Option<CoursePlan>,
    /// A payer whose limits overlay the course (`original_medicare`: COURSE-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    payer: Option<Payer>,
}

fn date(field: &str, text: &str) -> Result<NaiveDate, CourseError> {
    crate::model::intake::parse_date("date", text)
        .map_err(|_| CourseError::InvalidDate { field: field.to_owned(), value: text.to_owned() })
}

fn measurement(
    log_measure: Measure,
    field: &str,
    measure: Option<Measure>,
    score: Option<&RawScore>,
    items: Option<&[Option<i64>]>,
) -> Result<Option<Measurement>, CourseError> {
    let score = score
        .map(|raw| raw.0.clone().map_err(|source| CourseError::NotAScore { field: format!("{field}.score"), source }))
        .transpose()?;
    if let Some(measure) = measure.filter(|m| *m != log_measure) {
        return Err(CourseError::DifferentInstrument {
            field: format!("{field}.measure"),
            measure,
            baseline: log_measure,
        });
    }
    let items = match items {
        None => None,
        Some(raw) => match ItemScores::parse(log_measure, raw) {
            Ok(None) => {
                return Err(CourseError::ItemsNotAllowed { field: format!("{field}.items"), measure: log_measure });
            }
            Ok(items) => items,
            Err(source) => return Err(CourseError::InvalidItems { field: format!("{field}.items"), source }),
        },
    };
    Ok((score.is_some() || items.is_some()).then_some(Measurement { stated: score, items }))
}

impl TryFrom<WireLog<RawScore>> for CourseLog {
    type Error = CourseError;

    fn try_from(wire: WireLog<RawScore>) -> Result<Self, CourseError> {
        let measure = wire.measure;
        let b = &wire.baseline;
        let baseline = measurement(measure, "baseline", b.measure, b.score.as_ref(), b.items.as_deref())?
            .ok_or(CourseError::NoScore { field: "baseline".into() })?;
        let mut sessions = Vec::with_capacity(wire.sessions.len());
        for (index, s) in wire.sessions.iter().enumerate() {
            let field = format!("sessions[{index}]");
            let mut session = CourseSession::new(date(&format!("{field}.date"), &s.date)?)
                .with_adverse_effects(s.adverse_effects.iter().copied())
                .with_new_red_flags(s.new_red_flags.iter().copied());
            session.measurement = measurement(measure, &field, s.measure, s.score.as_ref(), s.items.as_deref())?;
            sessions.push(session);
        }
        let log = CourseLog::new(
            date("as_of", &wire.as_of)?,
            measure,
            date("baseline.date", &b.date)?,
            baseline,
            sessions,
            wire.plan,
        )?;
        Ok(match wire.payer {
            Some(payer) => log.with_payer(payer),
            None => log,
        })
    }
}

fn wire_measurement(m: Option<&Measurement>) -> (Option<Score>, Option<Vec<Option<i64>>>) {
    let stated = m.and_then(|m| m.stated);
    let items = m.and_then(|m| m.items.as_ref()).map(|i| i.to_wire().into_iter().map(|v| v.map(i64::from)).collect());
    (stated, items)
}

impl From<&CourseLog> for WireLog<Score> {
    fn from(log: &CourseLog) -> WireLog<Score> {
        let (score, items) = wire_measurement(Some(&log.baseline));
        WireLog {
            as_of: log.as_of.to_string(),
            measure: log.measure,
            baseline: WireMeasurement { date: log.baseline_date.to_string(), measure: None, score, items },
            sessions: log
                .sessions
                .iter()
                .map(|s| {
                    let (score, items) = wire_measurement(s.measurement.as_ref());
                    WireSession {
                        date: s.date.to_string(),
                        measure: None,
                        score,
                        items,
                        adverse_effects: s.adverse_effects.clone(),
                        new_red_flags: s.new_red_flags.clone(),
                    }
                })
                .collect(),
            plan: log.plan,
            payer: log.payer,
        }
    }
}

impl Serialize for CourseLog {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireLog::from(self).serialize(serializer)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for CourseLog {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("CourseLog")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        WireLog::<Score>::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for CourseLog {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CourseLog::try_from(WireLog::<RawScore>::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}
