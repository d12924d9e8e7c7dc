//! Outcome scores ↔ FHIR R4 `Observation`s, and a Bundle of them → a [`CourseLog`].
//!
//! An Observation here: `status` `final`, `category` `survey`, `code` from
//! [`MEASURE_CODES`] (LOINC where CODES.md §5b has a code; the crate's [`MEASURE_SYSTEM`]
//! for RMDQ and PSFS, labelled local in the coding's `display`), `effectiveDateTime` the day
//! measured, `subject` when given, and the score as `valueInteger` (NRS, RMDQ: whole numbers)
//! or `valueQuantity` (PEG and PSFS means, the ODI percentage). Item scores ride as
//! `component`s: the three PEG items under their LOINC codes ([`PEG_ITEM_CODES`]), PSFS
//! ratings under local codes `psfs-activity-1` … `psfs-activity-5`. Oswestry section scores
//! are not carried (no section codes in CODES.md): the ODI percentage is.
//!
//! STarT Back results are written ([`observation_from_start_back`]: total 91351-7, distress
//! subscore 91350-9 as a component) but not read back: the crate scores STarT Back from its
//! nine answers, which an Observation of the totals does not hold.

use chrono::NaiveDate;
use serde_json::{Map, Value, json};

use super::codes::CodeStatus;
use super::error::{FhirError, FhirErrorKind};
use super::ignored::{Ignored, IgnoredReason};
use super::read::{Node, full_date, malformed};
use crate::interop::canonical::MEASURE_SYSTEM;
use crate::interop::canonical::external::{LOINC, OBSERVATION_CATEGORY, UCUM};
use crate::{CourseLog, CourseSession, ItemScores, Measure, Measurement, Peg, Psfs, Score, StartBack};

/// The code of a measure's score in an Observation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureCode {
    /// The measure.
    pub measure: Measure,
    /// The code system: LOINC, or the crate's [`MEASURE_SYSTEM`] (local).
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// The coding's display; a local code says so.
    pub display: &'static str,
    /// How well the code was checked (CODES.md §5b).
    pub status: CodeStatus,
}

/// The score codes, one per measure, as of [`CODE_TABLES_AS_OF`](super::CODE_TABLES_AS_OF).
pub const MEASURE_CODES: [MeasureCode; 5] = [
    MeasureCode {
        measure: Measure::NrsPain,
        system: LOINC,
        code: "72514-3",
        display: "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
        status: CodeStatus::Verified,
    },
    MeasureCode {
        measure: Measure::Peg,
        system: LOINC,
        code: "91147-9",
        display: "Mean score [PEG]",
        status: CodeStatus::Verified,
    },
    MeasureCode {
        measure: Measure::Rmdq,
        system: MEASURE_SYSTEM,
        code: "rmdq",
        display: "Roland-Morris Disability Questionnaire total (local code: no LOINC code found)",
        status: CodeStatus::Local,
    },
    MeasureCode {
        measure: Measure::Odi,
        system: LOINC,
        code: "97909-6",
        display: "Oswestry disability index score ODI",
        status: CodeStatus::Verified,
    },
    MeasureCode {
        measure: Measure::Psfs,
        system: MEASURE_SYSTEM,
        code: "psfs",
        display: "Patient-Specific Functional Scale mean (local code: no LOINC code found)",
        status: CodeStatus::Local,
    },
];

/// The PEG item codes (LOINC, verified), in P, E, G order.
pub const PEG_ITEM_CODES: [&str; 3] = ["75893-8", "91145-3", "91146-1"];

/// STarT Back total score (LOINC 91351-7, verified) and distress subscore (91350-9, verified).
pub const START_BACK_CODES: (&str, &str) = ("91351-7", "91350-9");

/// The local code of the `n`th PSFS activity rating (1-based).
fn psfs_code(n: usize) -> String {
    format!("psfs-activity-{n}")
}

/// A measure's score code.
#[must_use]
pub fn measure_code(measure: Measure) -> &'static MeasureCode {
    match measure {
        Measure::NrsPain => &MEASURE_CODES[0],
        Measure::Peg => &MEASURE_CODES[1],
        Measure::Rmdq => &MEASURE_CODES[2],
        Measure::Odi => &MEASURE_CODES[3],
        Measure::Psfs => &MEASURE_CODES[4],
    }
}

fn coding(system: &str, code: &str, display: Option<&str>) -> Value {
    let mut coding = json!({ "system": system, "code": code });
    if let (Some(display), Some(fields)) = (display, coding.as_object_mut()) {
        fields.insert("display".into(), display.into());
    }
    json!({ "coding": [coding] })
}

fn number(score: Score) -> Value {
    serde_json::Number::from_f64(score.to_f64()).map_or(Value::Null, Value::Number)
}

fn observation(code: Value, effective: NaiveDate, subject: Option<&str>) -> Map<String, Value> {
    let mut obs = Map::new();
    obs.insert("resourceType".into(), "Observation".into());
    obs.insert("status".into(), "final".into());
    obs.insert(
        "category".into(),
        json!([{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey" }] }]),
    );
    obs.insert("code".into(), code);
    if let Some(subject) = subject {
        obs.insert("subject".into(), json!({ "reference": subject }));
    }
    obs.insert("effectiveDateTime".into(), effective.to_string().into());
    obs
}

/// A score as an Observation: `measurement` of `measure`, measured on `effective`, for
/// `subject` (a reference such as `Patient/p1`) when given.
///
/// # Errors
///
/// [`FhirErrorKind::Invalid`] (path `measurement`) when the item scores are of another
/// measure, or a stated score is off the measure's scale.
///
/// ```
/// use acupuncture_guidance::interop::fhir::{observation_from_measurement, observation_to_measurement};
/// use acupuncture_guidance::{ItemScores, Measure, Measurement, NaiveDate, Peg};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let day = NaiveDate::from_ymd_opt(2026, 11, 2).ok_or("date")?;
/// let peg = Measurement::items(ItemScores::Peg(Peg::new([7, 6, 5])?));
/// let obs = observation_from_measurement(Measure::Peg, &peg, day, Some("Patient/p1"))?;
/// assert_eq!(obs["code"]["coding"][0]["code"], "91147-9");
/// assert_eq!(obs["component"][0]["code"]["coding"][0]["code"], "75893-8");
/// let back = observation_to_measurement(&obs)?;
/// assert_eq!((back.measure, back.date, back.measurement), (Measure::Peg, day, peg));
/// # Ok(())
/// # }
/// ```
pub fn observation_from_measurement(
    measure: Measure,
    measurement: &Measurement,
    effective: NaiveDate,
    subject: Option<&str>,
) -> Result<Value, FhirError> {
    let instrument = measure.instrument();
    if let Some(items) = measurement.item_scores().filter(|i| i.measure() != measure) {
        return Err(FhirError::new(
            FhirErrorKind::Invalid,
            "measurement",
            format!("{} item scores for a {measure} observation", items.measure()),
        ));
    }
    let score = measurement.value();
    if score > measure.max() || (instrument.whole_only && !score.is_whole()) {
        return Err(FhirError::new(
            FhirErrorKind::Invalid,
            "measurement",
            format!("{score} is not a {measure} score (0 to {})", instrument.max),
        ));
    }
    let code = measure_code(measure);
    let mut obs = observation(coding(code.system, code.code, Some(code.display)), effective, subject);
    if instrument.whole_only {
        // Checked whole above; a whole score prints without a fraction.
        let whole: u64 = score.to_string().parse().map_err(|_| {
            FhirError::new(FhirErrorKind::Invalid, "measurement", format!("{score} is not a whole number"))
        })?;
        obs.insert("valueInteger".into(), whole.into());
    } else {
        let (unit, ucum) = if measure == Measure::Odi { ("%", "%") } else { ("score", "{score}") };
        obs.insert(
            "valueQuantity".into(),
            json!({ "value": number(score), "unit": unit, "system": UCUM, "code": ucum }),
        );
    }
    let components: Vec<Value> = match measurement.item_scores() {
        Some(ItemScores::Peg(peg)) => PEG_ITEM_CODES
            .iter()
            .zip(peg.items())
            .map(|(code, item)| json!({ "code": coding(LOINC, code, None), "valueInteger": item }))
            .collect(),
        Some(ItemScores::Psfs(psfs)) => psfs
            .ratings()
            .iter()
            .enumerate()
            .map(|(i, rating)| json!({ "code": coding(MEASURE_SYSTEM, &psfs_code(i + 1), None), "valueInteger": rating }))
            .collect(),
        Some(ItemScores::Odi(_)) | None => Vec::new(),
    };
    if !components.is_empty() {
        obs.insert("component".into(), components.into());
    }
    Ok(Value::Object(obs))
}

/// A STarT Back result as an Observation: the total (LOINC 91351-7) as `valueInteger`, the
/// distress subscore (91350-9) as a component. Written only; see the module docs.
#[must_use]
pub fn observation_from_start_back(result: &StartBack, effective: NaiveDate, subject: Option<&str>) -> Value {
    let (total, distress) = START_BACK_CODES;
    let mut obs = observation(coding(LOINC, total, Some("Total score [STarT Back]")), effective, subject);
    obs.insert("valueInteger".into(), result.total().into());
    obs.insert(
        "component".into(),
        json!([{ "code": coding(LOINC, distress, Some("Distress subscore [STarT Back]")), "valueInteger": result.distress() }]),
    );
    Value::Object(obs)
}

/// A score read from an Observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservedScore {
    /// The measure, from the Observation's code.
    pub measure: Measure,
    /// The day measured (`effectiveDateTime`).
    pub date: NaiveDate,
    /// The score, with its item scores when the Observation has them.
    pub measurement: Measurement,
}

/// The measure an Observation's code names, if it is one of [`MEASURE_CODES`].
fn measure_of(node: &Node<'_>) -> Result<Option<Measure>, FhirError> {
    let codes = node.codings("code")?;
    Ok(MEASURE_CODES
        .iter()
        .find(|known| codes.iter().any(|(s, c)| *s == Some(known.system) && *c == known.code))
        .map(|known| known.measure))
}

fn score_value(node: &Node<'_>, measure: Measure) -> Result<Option<(Score, String)>, FhirError> {
    let value = match (node.get("valueInteger")?, node.get("valueQuantity")?) {
        (Some(value), None) => value,
        (None, Some(quantity)) => quantity.get("value")?.ok_or_else(|| {
            FhirError::new(FhirErrorKind::Missing, quantity.join("value"), "a quantity needs a value")
        })?,
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => return Err(malformed(node.path.clone(), "an observation has one value[x]")),
    };
    let number = value
        .value
        .as_f64()
        .filter(|_| value.value.is_number())
        .ok_or_else(|| malformed(value.path.clone(), format!("expected a number, found {}", value.value)))?;
    let score = Score::from_f64(number)
        .map_err(|e| FhirError::new(FhirErrorKind::Invalid, value.path.clone(), e.to_string()))?;
    let instrument = measure.instrument();
    if score > measure.max() || (instrument.whole_only && !score.is_whole()) {
        let kind = if instrument.whole_only { "a whole number" } else { "a number" };
        return Err(FhirError::new(
            FhirErrorKind::Invalid,
            value.path.clone(),
            format!("{score} is not a {measure} score: expected {kind} from 0 to {}", instrument.max),
        ));
    }
    Ok(Some((score, value.path)))
}

/// The item scores of an Observation's components, for PEG and PSFS.
fn items(node: &Node<'_>, measure: Measure) -> Result<Option<ItemScores>, FhirError> {
    let components = node.array("component")?;
    if components.is_empty() {
        return Ok(None);
    }
    let expected: Vec<(&str, String)> = match measure {
        Measure::Peg => PEG_ITEM_CODES.iter().map(|c| (LOINC, (*c).to_owned())).collect(),
        Measure::Psfs => (1..=5).map(|n| (MEASURE_SYSTEM, psfs_code(n))).collect(),
        _ => Vec::new(),
    };
    let mut values = Vec::new();
    for (component, (system, code)) in
        components.iter().zip(expected.iter().chain(std::iter::repeat(&("", String::new()))))
    {
        let codes = component.codings("code")?;
        if !codes.iter().any(|(s, c)| *s == Some(*system) && c == code) {
            let wanted = if code.is_empty() { "no more components".to_owned() } else { format!("{system}|{code}") };
            return Err(FhirError::new(
                FhirErrorKind::UnknownCode,
                component.join("code"),
                format!("a {measure} observation expects {wanted} here"),
            ));
        }
        let value = component.get("valueInteger")?.ok_or_else(|| {
            FhirError::new(FhirErrorKind::WrongAnswerType, component.path.clone(), "an item score is a valueInteger")
        })?;
        let n = value
            .value
            .as_i64()
            .ok_or_else(|| malformed(value.path.clone(), format!("expected an integer, found {}", value.value)))?;
        values.push(n);
    }
    let invalid =
        |e: crate::MeasureError| FhirError::new(FhirErrorKind::Invalid, node.join("component"), e.to_string());
    Ok(Some(match measure {
        Measure::Peg => {
            let items = <[i64; 3]>::try_from(values).map_err(|v| {
                FhirError::new(
                    FhirErrorKind::Missing,
                    node.join("component"),
                    format!("PEG has 3 items, found {}", v.len()),
                )
            })?;
            ItemScores::Peg(Peg::new(items).map_err(invalid)?)
        }
        _ => ItemScores::Psfs(Psfs::new(values).map_err(invalid)?),
    }))
}

/// Reads a score Observation (as [`observation_from_measurement`] writes them).
///
/// # Errors
///
/// A [`FhirError`] naming the element: `resourceType` (not an Observation), `status` (not
/// `final`, `amended` or `corrected`), `code` (not one of [`MEASURE_CODES`]),
/// `effectiveDateTime` (missing, or without a day), `valueQuantity.value` or `valueInteger`
/// (missing, off the scale, not whole on a whole-number scale), `component[1].code` (an item
/// code out of place), `valueQuantity.value` again when a stated mean and the items disagree
/// by 0.01 or more.
pub fn observation_to_measurement(observation: &Value) -> Result<ObservedScore, FhirError> {
    read_observation(&Node::new(observation, ""))
}

fn read_observation(node: &Node<'_>) -> Result<ObservedScore, FhirError> {
    let kind = node.resource_type()?;
    if kind != "Observation" {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            node.join("resourceType"),
            format!("expected \"Observation\", found {kind:?}"),
        ));
    }
    let status = node.string("status")?;
    if !matches!(status, Some("final" | "amended" | "corrected")) {
        return Err(FhirError::new(
            FhirErrorKind::Invalid,
            node.join("status"),
            format!(
                "a score needs a final result, found {}",
                status.map_or("no status".to_owned(), |s| format!("{s:?}"))
            ),
        ));
    }
    let measure = measure_of(node)?.ok_or_else(|| {
        FhirError::new(
            FhirErrorKind::UnknownCode,
            node.join("code"),
            "not a score code the crate reads (MEASURE_CODES)",
        )
    })?;
    let effective = node.get("effectiveDateTime")?.ok_or_else(|| {
        FhirError::new(FhirErrorKind::Missing, node.join("effectiveDateTime"), "a score needs the day it was measured")
    })?;
    let date = full_date(&effective)?.ok_or_else(|| {
        malformed(effective.path.clone(), "a score needs the day it was measured, not a month or year")
    })?;
    let stated = score_value(node, measure)?;
    let items = items(node, measure)?;
    let measurement = match (stated, items) {
        (Some((stated, path)), Some(items)) => {
            if !stated.within(items.score(), 1) {
                return Err(FhirError::new(
                    FhirErrorKind::Invalid,
                    path,
                    format!("{stated} does not match the items' score {}", items.score()),
                ));
            }
            Measurement::items(items)
        }
        (None, Some(items)) => Measurement::items(items),
        (Some((stated, _)), None) => Measurement::score(stated),
        (None, None) => {
            return Err(FhirError::new(FhirErrorKind::Missing, node.path.clone(), "a score observation needs a value"));
        }
    };
    Ok(ObservedScore { measure, date, measurement })
}

/// A course log read from a Bundle of Observations, and what was passed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CourseReading {
    /// The log.
    pub log: CourseLog,
    /// Entries that are not scores of the log's measure, and why.
    pub ignored: Vec<Ignored>,
}

/// A [`CourseLog`] of `measure` from a Bundle (`collection` or `searchset`) of score
/// Observations, as of `as_of`, with the course's session dates.
///
/// How the log is formed (engine policy, conservative: nothing is guessed):
///
/// - An Observation says when a score was taken, not when a session was held, so the
///   sessions are `session_dates` (the caller's visit records, in date order). Each scored
///   Observation is attached to the session on its day.
/// - The baseline is the earliest Observation of `measure`. It may precede the first session
///   (an intake-day score); if it falls on a session day, that session carries it too.
/// - An Observation of `measure` after the baseline on a day with no session is an error (a
///   score without its session cannot be placed); two on one day are an error (which one
///   counts would be a guess). Bundle order does not matter (a search has none).
/// - Observations of another measure, and entries that are not Observations
///   (`OperationOutcome` search messages), are listed in [`CourseReading::ignored`].
///
/// # Errors
///
/// A [`FhirError`] naming the element: not a Bundle of type collection or searchset; a
/// malformed Observation (as [`observation_to_measurement`], paths from `entry[i].resource`);
/// no Observation of `measure` (path `entry`); the cases above; a log the course rules
/// reject (path `session_dates`, with the course error's message).
pub fn course_log_from_bundle(
    bundle: &Value,
    measure: Measure,
    as_of: NaiveDate,
    session_dates: &[NaiveDate],
) -> Result<CourseReading, FhirError> {
    let node = Node::new(bundle, "");
    let kind = node.resource_type()?;
    if kind != "Bundle" {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            "resourceType",
            format!("expected \"Bundle\", found {kind:?}"),
        ));
    }
    let bundle_type = node.string("type")?;
    if !matches!(bundle_type, Some("collection" | "searchset")) {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            "type",
            format!(
                "expected a collection or searchset, found {}",
                bundle_type.map_or("no type".to_owned(), |t| format!("{t:?}"))
            ),
        ));
    }
    let mut ignored = Vec::new();
    let mut scores: Vec<(ObservedScore, String)> = Vec::new();
    for entry in node.array("entry")? {
        let Some(resource) = entry.get("resource")? else {
            ignored.push(Ignored::new(entry.path.clone(), IgnoredReason::Malformed, "an entry without a resource"));
            continue;
        };
        if resource.resource_type()? != "Observation" {
            ignored.push(Ignored::new(resource.path.clone(), IgnoredReason::WrongResource, "not an Observation"));
            continue;
        }
        if measure_of(&resource)? != Some(measure) {
            ignored.push(Ignored::new(
                resource.path.clone(),
                IgnoredReason::OtherCode,
                &format!("not a {measure} score"),
            ));
            continue;
        }
        scores.push((read_observation(&resource)?, resource.path.clone()));
    }
    scores.sort_by_key(|(score, _)| score.date);
    if let Some([(first, first_path), (_, second_path)]) =
        scores.windows(2).find(|w| matches!(w, [a, b] if a.0.date == b.0.date))
    {
        return Err(FhirError::new(
            FhirErrorKind::SecondAnswer,
            second_path.clone(),
            format!("a second {measure} score on {} (the first is {first_path})", first.date),
        ));
    }
    let mut scores = scores.into_iter();
    let Some((baseline, _)) = scores.next() else {
        return Err(FhirError::new(FhirErrorKind::Missing, "entry", format!("no {measure} observation")));
    };
    let mut sessions: Vec<CourseSession> = session_dates.iter().map(|d| CourseSession::new(*d)).collect();
    if let Some(session) = sessions.iter_mut().find(|s| s.date() == baseline.date) {
        *session = session.clone().with_measurement(baseline.measurement.clone());
    }
    for (score, path) in scores {
        let session = sessions.iter_mut().find(|s| s.date() == score.date).ok_or_else(|| {
            FhirError::new(
                FhirErrorKind::Invalid,
                path.clone(),
                format!("no session on {}, the day of this score", score.date),
            )
        })?;
        *session = session.clone().with_measurement(score.measurement);
    }
    let log = CourseLog::new(as_of, measure, baseline.date, baseline.measurement, sessions, None)
        .map_err(|e| FhirError::new(FhirErrorKind::Invalid, "session_dates", e.to_string()))?;
    Ok(CourseReading { log, ignored })
}

/// Observations as a FHIR `Bundle` of type `collection`, in the order given.
#[must_use]
pub fn bundle_of(resources: Vec<Value>) -> Value {
    let entry: Vec<Value> = resources.into_iter().map(|resource| json!({ "resource": resource })).collect();
    json!({ "resourceType": "Bundle", "type": "collection", "entry": entry })
}
