//! [`intake_from_prefetch`]: a CDS Hooks prefetch (FHIR resources the EHR sends with a hook
//! call) → an [`Intake`], with a report of what could and could not be read.
//!
//! # Keys
//!
//! | key | resources | read as |
//! |---|---|---|
//! | `patient` | `Patient` (a read) | `birthDate` → `age_years` on the assessment date |
//! | `conditions` | Bundle of `Condition` | the low-back-pain codes of [`LOW_BACK_PAIN_CODES`] → `onset`, `pattern` |
//! | `pregnancy` | `Observation`(s), LOINC [`PREGNANCY_STATUS`] 82810-3 | `cautions.pregnancy` |
//! | `intake` | Bundle of `QuestionnaireResponse` | the latest response to the crate's questionnaire: every answer it gives |
//! | `medications` | Bundle of `MedicationRequest` / `MedicationStatement` | `cautions.anticoagulants`, only through the deployment's [`CodeTables::anticoagulants`] |
//! | `scores` | `Observation`s | not read into the intake (see `observation_to_measurement`) |
//!
//! # Semantics (CODES.md §5b, CDS Hooks 2.0.1)
//!
//! A missing key, an `OperationOutcome`, `null` or an empty Bundle is "nothing known":
//! every answer it would have given stays `unknown`, never `absent`. Only an explicit negative
//! coding is `absent` (LOINC `LA26683-5` "Not pregnant", or the patient's own `absent` answer
//! in the response). No medicine record is ever a "no": a medication can set
//! `anticoagulants` to `present` (its code in the deployment's table) and nothing else; the
//! crate ships no medication list. A malformed resource is a [`FhirError`] whose path starts
//! with `prefetch.<key>`. A resource that is well formed but not usable (another
//! questionnaire, a resolved condition, an unknown answer code) is passed over and listed in
//! [`PrefetchReading::ignored`] with the reason: nothing is dropped silently.
//!
//! # Engine policy (the reference is silent; each choice is the conservative one)
//!
//! - **Current episode.** A `Condition` whose `clinicalStatus` is `inactive`, `resolved` or
//!   `remission`, or whose `verificationStatus` is `refuted` or `entered-in-error` (FHIR's own
//!   status codes), is not the current episode. Of the others, the latest onset
//!   (`onsetDateTime`, or `onsetPeriod.start`) is the episode's onset: the shorter duration
//!   never makes acupuncture look more suitable than the longer one would, and keeps the
//!   non-chronic red-flag questions in play.
//! - **Pattern.** `radicular` if any current low-back-pain condition, or the response, says
//!   so (radicular wins: it asks the emergency follow-ups).
//! - **Latest response.** The response with the latest `authored` instant is read, alone. A
//!   response without a full `authored` day cannot be ranked and is passed over; two
//!   responses authored at the same latest instant are both passed over (neither can be
//!   called the latest), so their answers stay unknown.
//! - **Precedence.** Age: `Patient.birthDate` wins over the response's `age_years` (the
//!   answer was the age on the day it was given), which is used only when there is no
//!   birthDate. Onset: of the condition's and the response's, the later. A caution from two
//!   places (pregnancy from the Observation and from the response; anticoagulants from a
//!   medication and from the response): `present` if either says present, else `absent` if
//!   either says absent, else `unknown`.
//! - **Pregnancy status.** The latest 82810-3 Observation (by `effectiveDateTime`,
//!   `effectivePeriod.start` or `issued`) is read; ones entered in error or cancelled are
//!   passed over. An answer code other than the three of [`PREGNANCY_ANSWERS`] is `unknown`.
//! - **Medicines.** A `MedicationRequest` or `MedicationStatement` counts unless its status
//!   is `entered-in-error`, `cancelled`, `stopped`, `not-taken` or `draft`; only
//!   `medicationCodeableConcept` is read (a `medicationReference` is not resolved, and is
//!   listed as ignored).

use serde_json::{Map, Value};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::codes::{CodeTables, LOW_BACK_PAIN_CODES, PREGNANCY_ANSWERS, PREGNANCY_STATUS, PREGNANCY_SYSTEM};
use super::error::{FhirError, FhirErrorKind};
use super::read::{Node, full_date, instant};
use super::response::{ResponseAnswers, is_intake_questionnaire, read_response};
use crate::interop::canonical::external::{CONDITION_CLINICAL, CONDITION_VERIFICATION};
use crate::{Age, Answer, Caution, Intake, Onset, Pattern};

/// The prefetch keys the crate reads, in the order it reads them. A deployment's discovery
/// document names its prefetch templates with these keys.
pub const PREFETCH_KEYS: [&str; 6] = ["patient", "conditions", "pregnancy", "intake", "medications", "scores"];

/// What a prefetch key held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyStatus {
    /// The key was not sent (the client did not or could not fetch it).
    Missing,
    /// `null`: a read that found nothing.
    Null,
    /// An `OperationOutcome`: the client's fetch failed.
    OperationOutcome,
    /// A Bundle with no resources: a search that found nothing.
    Empty,
    /// This many resources.
    Read(usize),
}

impl KeyStatus {
    /// Whether the key gave nothing to read (every status but [`KeyStatus::Read`]). Whatever
    /// such a key would have answered stays `unknown`.
    #[must_use]
    pub const fn is_unknown(self) -> bool {
        !matches!(self, KeyStatus::Read(_))
    }
}

/// One prefetch key and what it held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyReading {
    /// The key (one of [`PREFETCH_KEYS`]).
    pub key: &'static str,
    /// What it held.
    pub status: KeyStatus,
}

/// A resource, key or element the reading passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignored {
    /// Where it is (`prefetch.intake.entry[1].resource`).
    pub path: String,
    /// Why it was not read.
    pub reason: String,
}

/// Where an intake field's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSource {
    /// The intake field (`age_years`, `onset`, `pattern`, `cautions.pregnancy`, ...).
    pub field: &'static str,
    /// The element it was read from (`prefetch.patient.birthDate`).
    pub path: String,
}

/// What [`intake_from_prefetch`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrefetchReading {
    /// The intake; `None` when onset, age or pattern could not be read (see `missing`).
    pub intake: Option<Intake>,
    /// The intake fields that could not be read and that an intake cannot do without, of
    /// `onset`, `age_years`, `pattern`. Empty exactly when `intake` is `Some`.
    pub missing: Vec<&'static str>,
    /// What each key of [`PREFETCH_KEYS`] held, in that order.
    pub keys: Vec<KeyReading>,
    /// Where the facts that are not answers of the response came from, and which response
    /// gave the answers (field `intake`).
    pub sources: Vec<FieldSource>,
    /// What was passed over, and why.
    pub ignored: Vec<Ignored>,
}

/// A date and the path of the element that gave it.
type Dated = (NaiveDate, String);

/// The reading in progress.
struct Reader<'a> {
    prefetch: &'a Map<String, Value>,
    assessed_on: NaiveDate,
    keys: Vec<KeyReading>,
    sources: Vec<FieldSource>,
    ignored: Vec<Ignored>,
}

impl<'a> Reader<'a> {
    fn ignore(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.ignored.push(Ignored { path: path.into(), reason: reason.into() });
    }

    /// The resources of a key of the expected types (a Bundle's entries, or a single
    /// resource), recording the key's status.
    fn resources(&mut self, key: &'static str, types: &[&str]) -> Result<Vec<Node<'a>>, FhirError> {
        let (status, found) = match self.prefetch.get(key) {
            None => (KeyStatus::Missing, Vec::new()),
            Some(Value::Null) => (KeyStatus::Null, Vec::new()),
            Some(value) => {
                let node = Node::new(value, format!("prefetch.{key}"));
                match node.resource_type()? {
                    "OperationOutcome" => (KeyStatus::OperationOutcome, Vec::new()),
                    "Bundle" => {
                        let mut found = Vec::new();
                        for entry in node.array("entry")? {
                            match entry.get("resource")? {
                                None => self.ignore(entry.path.clone(), "an entry without a resource"),
                                Some(resource) if resource.resource_type()? == "OperationOutcome" => {
                                    self.ignore(resource.path.clone(), "an OperationOutcome: a search message")
                                }
                                Some(resource) => found.push(resource),
                            }
                        }
                        (if found.is_empty() { KeyStatus::Empty } else { KeyStatus::Read(found.len()) }, found)
                    }
                    _ => (KeyStatus::Read(1), vec![node]),
                }
            }
        };
        self.keys.push(KeyReading { key, status });
        let mut wanted = Vec::new();
        for resource in found {
            let kind = resource.resource_type()?;
            if types.contains(&kind) {
                wanted.push(resource);
            } else {
                self.ignore(resource.path.clone(), format!("a {kind}: key {key} is read for {}", types.join(", ")));
            }
        }
        Ok(wanted)
    }

    /// `birthDate` → age on the assessment date.
    fn age(&mut self) -> Result<Option<(Age, String)>, FhirError> {
        let patients = self.resources("patient", &["Patient"])?;
        let mut patients = patients.into_iter();
        let Some(patient) = patients.next() else { return Ok(None) };
        for extra in patients {
            self.ignore(extra.path, "a second Patient: the first is read");
        }
        let Some(birth) = patient.get("birthDate")? else { return Ok(None) };
        let Some(born) = full_date(&birth)? else {
            self.ignore(birth.path, "a birth date without a day: the age cannot be told exactly");
            return Ok(None);
        };
        if born > self.assessed_on {
            return Err(FhirError::new(
                FhirErrorKind::Invalid,
                birth.path,
                format!("birthDate {born} is after the assessment date {}", self.assessed_on),
            ));
        }
        let age = age_on(born, self.assessed_on);
        let age =
            Age::new(age).map_err(|e| FhirError::new(FhirErrorKind::Invalid, birth.path.clone(), e.to_string()))?;
        Ok(Some((age, birth.path)))
    }

    /// The current low-back-pain episode: its latest onset and whether it is radicular.
    fn episode(&mut self) -> Result<(Option<Dated>, Option<Pattern>), FhirError> {
        let mut onset: Option<Dated> = None;
        let mut pattern = None;
        for condition in self.resources("conditions", &["Condition"])? {
            let status = |name: &str, system: &str| -> Result<Vec<&str>, FhirError> {
                Ok(condition.codings(name)?.into_iter().filter(|(s, _)| *s == Some(system)).map(|(_, c)| c).collect())
            };
            if let Some(code) = status("verificationStatus", CONDITION_VERIFICATION)?
                .into_iter()
                .find(|c| matches!(*c, "refuted" | "entered-in-error"))
            {
                self.ignore(condition.path.clone(), format!("verificationStatus {code}"));
                continue;
            }
            if let Some(code) = status("clinicalStatus", CONDITION_CLINICAL)?
                .into_iter()
                .find(|c| matches!(*c, "inactive" | "resolved" | "remission"))
            {
                self.ignore(condition.path.clone(), format!("clinicalStatus {code}: not the current episode"));
                continue;
            }
            let codes = condition.codings("code")?;
            let matched: Vec<Pattern> = LOW_BACK_PAIN_CODES
                .iter()
                .filter(|known| codes.iter().any(|(s, c)| *s == Some(known.system) && *c == known.code))
                .map(|known| known.pattern)
                .collect();
            if matched.is_empty() {
                self.ignore(condition.path.clone(), "not a low-back-pain code the crate reads");
                continue;
            }
            let this = if matched.contains(&Pattern::Radicular) { Pattern::Radicular } else { Pattern::NonSpecific };
            if pattern != Some(Pattern::Radicular) {
                pattern = Some(this);
            }
            if let Some(date) = self.condition_onset(&condition)? {
                if onset.as_ref().is_none_or(|(latest, _)| date.0 > *latest) {
                    onset = Some(date);
                }
            }
        }
        Ok((onset, pattern))
    }

    fn condition_onset(&mut self, condition: &Node<'_>) -> Result<Option<Dated>, FhirError> {
        let element = match (condition.get("onsetDateTime")?, condition.get("onsetPeriod")?) {
            (Some(when), _) => Some(when),
            (None, Some(period)) => period.get("start")?,
            (None, None) => None,
        };
        let Some(element) = element else {
            let other = ["onsetAge", "onsetRange", "onsetString"];
            for name in other {
                if let Some(given) = condition.get(name)? {
                    self.ignore(given.path, "an onset the crate cannot date");
                }
            }
            return Ok(None);
        };
        let Some(date) = full_date(&element)? else {
            self.ignore(element.path, "an onset without a day");
            return Ok(None);
        };
        if date > self.assessed_on {
            return Err(FhirError::new(
                FhirErrorKind::Invalid,
                element.path,
                format!("onset {date} is after the assessment date {}", self.assessed_on),
            ));
        }
        Ok(Some((date, element.path)))
    }

    /// The latest pregnancy-status answer.
    fn pregnancy(&mut self) -> Result<Option<(Answer, String)>, FhirError> {
        let mut latest: Option<(Option<NaiveDateTime>, Answer, String)> = None;
        for observation in self.resources("pregnancy", &["Observation"])? {
            let codes = observation.codings("code")?;
            if !codes.iter().any(|(s, c)| *s == Some(PREGNANCY_SYSTEM) && *c == PREGNANCY_STATUS) {
                self.ignore(observation.path.clone(), format!("not a pregnancy status (LOINC {PREGNANCY_STATUS})"));
                continue;
            }
            if let Some(status) =
                observation.string("status")?.filter(|s| matches!(*s, "entered-in-error" | "cancelled"))
            {
                self.ignore(observation.path.clone(), format!("status {status}"));
                continue;
            }
            let when = match (observation.get("effectiveDateTime")?, observation.get("effectivePeriod")?) {
                (Some(when), _) => Some(when),
                (None, Some(period)) => period.get("start")?,
                (None, None) => observation.get("issued")?,
            };
            let when = match when {
                Some(node) => {
                    full_date(&node)?;
                    instant(node.as_str()?)
                }
                None => None,
            };
            let value = observation.codings("valueCodeableConcept")?;
            let answer = PREGNANCY_ANSWERS
                .iter()
                .find(|(code, _, _)| value.iter().any(|(s, c)| *s == Some(PREGNANCY_SYSTEM) && c == code))
                .map(|(_, answer, _)| *answer);
            let answer = answer.unwrap_or_else(|| {
                self.ignore(observation.path.clone(), "no pregnancy-status answer the crate reads: unknown");
                Answer::Unknown
            });
            let path = observation.path.clone();
            latest = match latest {
                None => Some((when, answer, path)),
                Some((at, _, _)) if when > at => Some((when, answer, path)),
                Some((at, known, first)) if when == at => Some((at, most_concerning(known, answer), first)),
                keep => keep,
            };
        }
        Ok(latest.map(|(_, answer, path)| (answer, path)))
    }

    /// The latest response to the crate's questionnaire, read.
    fn response(&mut self) -> Result<Option<(ResponseAnswers, String)>, FhirError> {
        let mut ranked: Vec<(NaiveDateTime, Node<'a>)> = Vec::new();
        for response in self.resources("intake", &["QuestionnaireResponse"])? {
            let questionnaire = response.string("questionnaire")?;
            if !questionnaire.is_some_and(is_intake_questionnaire) {
                let found = questionnaire.map_or_else(|| "no questionnaire".to_owned(), |q| format!("{q:?}"));
                self.ignore(response.path.clone(), format!("a response to {found}, not the intake questionnaire"));
                continue;
            }
            if response.string("status")? == Some("entered-in-error") {
                self.ignore(response.path.clone(), "status entered-in-error");
                continue;
            }
            let authored = match response.get("authored")? {
                Some(node) => {
                    full_date(&node)?;
                    instant(node.as_str()?)
                }
                None => None,
            };
            match authored {
                Some(at) => ranked.push((at, response)),
                None => self.ignore(response.path.clone(), "no authored day and time: it cannot be ranked"),
            }
        }
        let Some(latest) = ranked.iter().map(|(at, _)| *at).max() else { return Ok(None) };
        let (newest, older): (Vec<_>, Vec<_>) = ranked.into_iter().partition(|(at, _)| *at == latest);
        for (_, response) in older {
            self.ignore(response.path, "an earlier response: the latest is read");
        }
        let mut newest = newest.into_iter();
        match (newest.next(), newest.next()) {
            (Some((_, response)), None) => {
                let answers = read_response(&response, self.assessed_on)?;
                Ok(Some((answers, response.path)))
            }
            (first, second) => {
                for (_, response) in first.into_iter().chain(second).chain(newest) {
                    self.ignore(response.path, "authored at the same time as another response: neither is read");
                }
                Ok(None)
            }
        }
    }

    /// Whether a medicine record names an anticoagulant of the deployment's table.
    fn anticoagulant(&mut self, tables: &CodeTables) -> Result<Option<String>, FhirError> {
        let records = self.resources("medications", &["MedicationRequest", "MedicationStatement"])?;
        let Some(table) = &tables.anticoagulants else {
            if !records.is_empty() {
                self.ignore("prefetch.medications", "no anticoagulant code table supplied: medicines are not read");
            }
            return Ok(None);
        };
        let mut found = None;
        for record in records {
            if let Some(status) = record
                .string("status")?
                .filter(|s| matches!(*s, "entered-in-error" | "cancelled" | "stopped" | "not-taken" | "draft"))
            {
                self.ignore(record.path.clone(), format!("status {status}"));
                continue;
            }
            if let Some(reference) = record.get("medicationReference")? {
                self.ignore(reference.path, "a medicationReference is not resolved");
                continue;
            }
            let codes = record.codings("medicationCodeableConcept")?;
            if found.is_none() && codes.iter().any(|(s, c)| s.is_some_and(|s| table.contains(s, c))) {
                found = Some(record.path.clone());
            }
        }
        Ok(found)
    }
}

/// Whole years from `born` to `day`. A birthday on 29 February is reached on 1 March in a
/// year without one.
fn age_on(born: NaiveDate, day: NaiveDate) -> i64 {
    let years = i64::from(day.year()) - i64::from(born.year());
    if (day.month(), day.day()) < (born.month(), born.day()) { years - 1 } else { years }
}

/// Two answers to one item from two places: `present` if either is, else `absent` if either
/// is, else `unknown` (engine policy: a "yes" from anywhere is never outvoted).
fn most_concerning(a: Answer, b: Answer) -> Answer {
    match (a, b) {
        (Answer::Present, _) | (_, Answer::Present) => Answer::Present,
        (Answer::Absent, _) | (_, Answer::Absent) => Answer::Absent,
        _ => Answer::Unknown,
    }
}

/// Reads a CDS Hooks `prefetch` object as an intake assessed on `assessed_on`. The
/// [module docs](self) give the keys, the semantics and the engine's policies.
///
/// # Errors
///
/// A [`FhirError`] for a malformed resource, with its path from `prefetch`
/// (`prefetch.intake.entry[0].resource.item[3].answer[0]`): a wrong type, an answer the
/// intake questionnaire does not allow, a date that is not a date, a birth date or onset after
/// the assessment date. Missing data is not an error: it is `unknown`, or listed in
/// [`PrefetchReading::missing`].
///
/// ```
/// use acupuncture_guidance::interop::fhir::{intake_from_prefetch, CodeTables, KeyStatus};
/// use acupuncture_guidance::{Answer, Caution, NaiveDate, Pattern};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let prefetch = serde_json::json!({
///     "patient": { "resourceType": "Patient", "id": "p1", "birthDate": "1968-11-28" },
///     "conditions": { "resourceType": "Bundle", "type": "searchset", "entry": [{ "resource": {
///         "resourceType": "Condition", "subject": { "reference": "Patient/p1" },
///         "code": { "coding": [{ "system": "http://hl7.org/fhir/sid/icd-10-cm", "code": "M54.41" }] },
///         "onsetDateTime": "2026-05-04" } }] },
///     "pregnancy": { "resourceType": "OperationOutcome", "issue": [] }
/// });
/// let assessed_on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
/// let reading = intake_from_prefetch(prefetch.as_object().ok_or("object")?, assessed_on, &CodeTables::default())?;
/// let intake = reading.intake.ok_or("intake")?;
/// assert_eq!(intake.age().years(), 57, "58 tomorrow");
/// assert_eq!(intake.pattern(), Pattern::Radicular, "M54.41: lumbago with sciatica");
/// assert_eq!(intake.cautions().get(Caution::Pregnancy), Some(Answer::Unknown), "an OperationOutcome is not a no");
/// assert_eq!(reading.keys[2].status, KeyStatus::OperationOutcome);
/// # Ok(())
/// # }
/// ```
pub fn intake_from_prefetch(
    prefetch: &Map<String, Value>,
    assessed_on: NaiveDate,
    tables: &CodeTables,
) -> Result<PrefetchReading, FhirError> {
    let mut reader = Reader { prefetch, assessed_on, keys: Vec::new(), sources: Vec::new(), ignored: Vec::new() };
    let birth_age = reader.age()?;
    let (condition_onset, condition_pattern) = reader.episode()?;
    let pregnancy = reader.pregnancy()?;
    let response = reader.response()?;
    let anticoagulant = reader.anticoagulant(tables)?;
    let scores = reader.resources("scores", &["Observation"])?;
    if !scores.is_empty() {
        reader.ignore("prefetch.scores", "scores are not part of the intake");
    }
    for key in prefetch.keys().filter(|k| !PREFETCH_KEYS.contains(&k.as_str())) {
        reader.ignore(format!("prefetch.{key}"), "not a prefetch key the crate reads");
    }

    let (mut answers, response_path) = match response {
        Some((answers, path)) => (answers, Some(path)),
        None => (ResponseAnswers::default(), None),
    };
    let mut source =
        |field: &'static str, path: &str| reader.sources.push(FieldSource { field, path: path.to_owned() });
    if let Some(path) = &response_path {
        source("intake", path);
    }
    // Age: the record's birth date wins; the response's answer only without one.
    let age = match (birth_age, answers.age.take()) {
        (Some((age, path)), _) | (None, Some((age, path))) => {
            source("age_years", &path);
            Some(age)
        }
        (None, None) => None,
    };
    // Onset: the later of the episode's and the response's.
    let response_onset = answers.onset.take().map(|(onset, path)| {
        let date = match onset {
            Onset::Date(date) => Some(date),
            Onset::DaysAgo(n) => assessed_on.checked_sub_days(chrono::Days::new(u64::from(n))),
            Onset::WeeksAgo(n) => assessed_on.checked_sub_days(chrono::Days::new(u64::from(n) * 7)),
        };
        (onset, date, path)
    });
    let onset = match (condition_onset, response_onset) {
        (Some((date, path)), Some((_, Some(answered), _))) if date >= answered => Some((Onset::Date(date), path)),
        (Some((date, path)), None) => Some((Onset::Date(date), path)),
        (_, Some((onset, _, path))) => Some((onset, path)),
        (None, None) => None,
    };
    if let Some((_, path)) = &onset {
        source("onset", path);
    }
    let pattern = match (condition_pattern, answers.pattern.take()) {
        (Some(Pattern::Radicular), _) | (_, Some(Pattern::Radicular)) => Some(Pattern::Radicular),
        (Some(pattern), _) | (None, Some(pattern)) => Some(pattern),
        (None, None) => None,
    };
    if condition_pattern.is_some() {
        source("pattern", "prefetch.conditions");
    }
    if let Some((answer, path)) = pregnancy {
        let given = answers.cautions.get(Caution::Pregnancy).unwrap_or_default();
        answers.set_caution(Caution::Pregnancy, most_concerning(given, answer));
        source("cautions.pregnancy", &path);
    }
    if let Some(path) = anticoagulant {
        answers.set_caution(Caution::Anticoagulants, Answer::Present);
        source("cautions.anticoagulants", &path);
    }

    let missing: Vec<&'static str> =
        [("onset", onset.is_none()), ("age_years", age.is_none()), ("pattern", pattern.is_none())]
            .into_iter()
            .filter_map(|(name, gap)| gap.then_some(name))
            .collect();
    let intake = match (onset, age, pattern) {
        (Some((onset, path)), Some(age), Some(pattern)) => {
            Some(answers.into_intake(assessed_on, (onset, &path), pattern, age)?)
        }
        _ => None,
    };
    Ok(PrefetchReading { intake, missing, keys: reader.keys, sources: reader.sources, ignored: reader.ignored })
}
