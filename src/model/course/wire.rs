//! The wire form of a course log. One flat struct per object: unknown fields are rejected.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{AdverseEffect, Payer};
use super::{CourseLog, CourseSession, ItemScores, Measurement};
use crate::error::CourseError;
use crate::model::answers::RedFlag;
use crate::model::measures::Measure;
use crate::model::plan::CoursePlan;
use crate::model::score::{Score, ScoreError};

// ---- The wire form. One flat struct per object: unknown fields are rejected. ----

/// A number read as a score, its error kept for the validation that knows the field name.
pub(crate) struct RawScore(Result<Score, ScoreError>);

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
    /// Red flags logged at this or an earlier session that a clinician has since evaluated
    /// and cleared (COURSE-05, RF-CLEAR; emergency signs cannot be cleared this way).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    cleared_red_flags: Vec<RedFlag>,
}

/// A course in progress (JSON contract v2 §Course log).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "CourseLog"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireLog<S> {
    /// The review date, `YYYY-MM-DD`.
    as_of: String,
    /// The measure tracked.
    measure: Measure,
    /// The baseline measurement.
    #[serde(deserialize_with = "crate::model::object::object", bound(deserialize = "S: Deserialize<'de>"))]
    baseline: WireMeasurement<S>,
    /// The sessions so far, in date order.
    #[serde(default, deserialize_with = "crate::model::object::objects", bound(deserialize = "S: Deserialize<'de>"))]
    sessions: Vec<WireSession<S>>,
    /// A plan replacing the default (course 6-12, checkpoint at 4 and either 6 or 28 days).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan: Option<CoursePlan>,
    /// A payer whose limits overlay the course (`original_medicare`: COURSE-02).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    payer: Option<Payer>,
}

fn date(field: &str, text: &str) -> Result<NaiveDate, CourseError> {
    crate::model::date::parse_date("date", text)
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
                .with_new_red_flags(s.new_red_flags.iter().copied())
                .with_cleared_red_flags(s.cleared_red_flags.iter().copied());
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
                        cleared_red_flags: s.cleared_red_flags.clone(),
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
        let crate::model::object::Object(wire) =
            crate::model::object::Object::<WireLog<RawScore>>::deserialize(deserializer)?;
        CourseLog::try_from(wire).map_err(serde::de::Error::custom)
    }
}
