//! [`intake_from_prefetch`]: a CDS Hooks prefetch (FHIR resources the EHR sends with a hook
//! call) → an [`Intake`], with a report of what could and could not be read.
//!
//! # Keys
//!
//! | key | resources | read as |
//! |---|---|---|
//! | `patient` | `Patient` (a read) whose `id` is `context.patientId` | `birthDate` → `age_years` on the assessment date |
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
//! crate ships no medication list. A resource that is well formed but not usable (another
//! questionnaire, a resolved condition, an unknown answer code) is passed over and listed in
//! [`PrefetchReading::ignored`] with the reason: nothing is dropped silently.
//!
//! # Lenient, element by element
//!
//! A hook call must not lose an emergency answer because another element is bad, so the
//! prefetch reading never fails. A key that is not a resource, a malformed resource, a
//! condition's onset or a birth date after the assessment date, and, in the intake response,
//! each item that cannot be read (an unknown `linkId`, a wrong answer type, a code not in the
//! answer set, a second answer, an onset date after the assessment date, the severe-bleeding
//! contradiction) is skipped and listed in [`PrefetchReading::ignored`] with its path, an
//! [`IgnoredReason`] and a plain message; every other element is still read. An item is read
//! whole or not at all. Two conservative exceptions: a red flag or caution with several
//! answers (or given twice) of which one is `present` is read as `present` (a yes is never
//! outvoted; without a `present` it is skipped, unknown); and of the contradictory pair
//! severe bleeding disorder `present` / bleeding disorder `absent`, the `present` is kept and
//! the `absent` is skipped. [`PrefetchReading::skipped_answers`] lists the response's skipped
//! items, which a card names. Reading a `QuestionnaireResponse` on its own,
//! [`intake_from_response`](super::intake_from_response), stays strict: each of these is a
//! [`FhirError`] there.
//!
//! Whatever is missing, the reading carries the red-flag and caution answers it could read
//! ([`PrefetchReading::red_flags`], [`PrefetchReading::cautions`]), also when onset, age or
//! pattern is missing and there is no intake: a card raises a present emergency or urgent
//! item by its [`RedFlag::tier`] regardless.
//!
//! # The hook's patient
//!
//! [`PrefetchContext::patient_id`] is the hook's `context.patientId`. The `patient` key's
//! `Patient` is read only if its `id` is that id; another id, or none, is
//! [`KeyStatus::OtherPatient`] and the Patient is treated as not had
//! ([`PrefetchReading::has_patient`] is false: the `412` case of a CDS Hooks service). Every
//! other resource must name the patient in `subject` (or `patient`) as `Patient/{id}`,
//! relative or absolute (`https://ehr.example/fhir/Patient/{id}`, with or without
//! `/_history/{v}`); one naming another patient is listed as
//! [`IgnoredReason::OtherPatient`], and one naming no patient at all (no reference) as
//! [`IgnoredReason::NoPatient`]: it cannot be told to be this patient's, so it is not used
//! (engine policy, conservative).
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
//! - **Answer window.** The reference is silent on how old a pregnancy status or an intake
//!   response may be and still count as current. A pregnancy-status Observation or an intake
//!   response recorded more than [`ANSWER_MAX_AGE_DAYS`] (30) days before the assessment date
//!   ([`PrefetchContext::answer_max_age_days`]) is passed over ([`IgnoredReason::Stale`],
//!   listed with its date), so its answers are unknown: a "not pregnant" of 2023 does not
//!   clear electroacupuncture in 2026. Exactly 30 days still counts. One without a day (no
//!   effective date, no `authored`) cannot be dated and is passed over too. The window
//!   applies before the latest is chosen.
//! - **Earlier episode.** An intake response authored before the current episode's onset
//!   (the conditions' onset, when both dates are known) is about an earlier episode and is
//!   passed over ([`IgnoredReason::EarlierEpisode`]); one authored on the onset day is read.
//! - **Retired codes.** A condition coded only with a code of [`RETIRED_CONDITION_CODES`]
//!   (ICD-10-CM M54.5, not billable since 2021-10-01, now a category header) is not read as
//!   low back pain, but is listed ([`IgnoredReason::RetiredCode`]) so that a card can say why
//!   onset and pattern are missing.
//! - **Medicines.** A `MedicationRequest` or `MedicationStatement` counts unless its status
//!   is `entered-in-error`, `cancelled`, `stopped`, `not-taken` or `draft`; only
//!   `medicationCodeableConcept` is read (a `medicationReference` is not resolved, and is
//!   listed as ignored).

use serde_json::{Map, Value};

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::codes::{
    CodeTables, LOW_BACK_PAIN_CODES, PREGNANCY_ANSWERS, PREGNANCY_STATUS, PREGNANCY_SYSTEM, RETIRED_CONDITION_CODES,
};
use super::error::{FhirError, FhirErrorKind};
use super::ignored::{Ignored, IgnoredReason};
use super::read::{Node, full_date, instant};
use super::response::{Mode, ResponseAnswers, is_intake_questionnaire, read_response};
use crate::interop::canonical::external::{CONDITION_CLINICAL, CONDITION_VERIFICATION};
use crate::{Age, Answer, Caution, CautionAnswers, Intake, Onset, Pattern, RedFlag, RedFlagAnswers};

/// The prefetch keys the crate reads, in the order it reads them. A deployment's discovery
/// document names its prefetch templates with these keys.
pub const PREFETCH_KEYS: [&str; 6] = ["patient", "conditions", "pregnancy", "intake", "medications", "scores"];

/// Engine policy (the reference is silent on how old an answer may be and still count as
/// current): a pregnancy-status Observation or an intake `QuestionnaireResponse` recorded more
/// than this many days before the assessment date is passed over
/// ([`IgnoredReason::Stale`]) and its answers are unknown. Exactly this many days old still
/// counts. The default of [`PrefetchContext::answer_max_age_days`].
pub const ANSWER_MAX_AGE_DAYS: u32 = 30;

/// What the hook call says about the reading: whose record it is, the assessment date, the
/// deployment's code tables and the answer window.
///
/// ```
/// use acupuncture_guidance::interop::fhir::{CodeTables, PrefetchContext, ANSWER_MAX_AGE_DAYS};
/// use acupuncture_guidance::NaiveDate;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let tables = CodeTables::default();
/// let on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
/// let context = PrefetchContext::new("p1", on, &tables);
/// assert_eq!(context.answer_max_age_days, ANSWER_MAX_AGE_DAYS);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrefetchContext<'a> {
    /// The hook's `context.patientId`. The `Patient` read must have this `id`, and every
    /// other resource must name `Patient/{patient_id}` as its `subject` (or `patient`): a
    /// relative reference, or an absolute one ending in `/Patient/{patient_id}`, with or
    /// without `/_history/{version}`. Compared exactly.
    pub patient_id: &'a str,
    /// The assessment date (the crate reads no clock).
    pub assessed_on: NaiveDate,
    /// The code tables the deployment supplies.
    pub tables: &'a CodeTables,
    /// The answer window in days (engine policy, [`ANSWER_MAX_AGE_DAYS`] by default).
    pub answer_max_age_days: u32,
}

impl<'a> PrefetchContext<'a> {
    /// The context of a hook call for `patient_id` on `assessed_on`, with the default answer
    /// window [`ANSWER_MAX_AGE_DAYS`].
    #[must_use]
    pub const fn new(patient_id: &'a str, assessed_on: NaiveDate, tables: &'a CodeTables) -> Self {
        PrefetchContext { patient_id, assessed_on, tables, answer_max_age_days: ANSWER_MAX_AGE_DAYS }
    }
}

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
    /// This many resources (each still checked: some may be listed in
    /// [`PrefetchReading::ignored`]).
    Read(usize),
    /// Key `patient` only: a `Patient`, but not the hook's `context.patientId` (another `id`,
    /// or none). The Patient is treated as not had: the one gap a CDS Hooks service answers
    /// `412` for.
    OtherPatient,
    /// Not a resource, a Bundle, `null` or an OperationOutcome (listed in
    /// [`PrefetchReading::ignored`]); nothing is read from it.
    Malformed,
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
    /// The red-flag answers read, **also when `intake` is `None`**: a present emergency or
    /// urgent item (by [`RedFlag::tier`]) must be raised even when onset, age or pattern is
    /// missing. Equal to the intake's when there is one.
    pub red_flags: RedFlagAnswers,
    /// The caution answers read (the response's, with pregnancy and anticoagulants from the
    /// record as the [module docs](self) say), also when `intake` is `None`. Equal to the
    /// intake's when there is one.
    pub cautions: CautionAnswers,
    /// What each key of [`PREFETCH_KEYS`] held, in that order.
    pub keys: Vec<KeyReading>,
    /// Where the facts that are not answers of the response came from, and which response
    /// gave the answers (field `intake`).
    pub sources: Vec<FieldSource>,
    /// What was passed over, and why, in reading order.
    pub ignored: Vec<Ignored>,
}

impl PrefetchReading {
    /// What key `key` held (`None` for a key that is not one of [`PREFETCH_KEYS`]).
    #[must_use]
    pub fn status(&self, key: &str) -> Option<KeyStatus> {
        self.keys.iter().find(|k| k.key == key).map(|k| k.status)
    }

    /// Whether the hook's own `Patient` was read (key `patient` held a Patient with the id
    /// of `context.patientId`). When it was not, there is no one to assess: a CDS Hooks
    /// service answers `412` (the prefetch key was missing and cannot be fetched, or the
    /// Patient is another one, [`KeyStatus::OtherPatient`]).
    #[must_use]
    pub fn has_patient(&self) -> bool {
        matches!(self.status("patient"), Some(KeyStatus::Read(_)))
    }

    /// The entries of [`ignored`](Self::ignored) inside the response that was read: its
    /// items that could not be read (their answers are unknown). While there is one, the
    /// screen is not what the patient answered: a card names them, and does not present a
    /// permissive outcome as complete. An entry whose message says "answered present" was a
    /// `present` to an item the crate could not read.
    pub fn skipped_answers(&self) -> impl Iterator<Item = &Ignored> + '_ {
        let response = self.sources.iter().find(|s| s.field == "intake").map(|s| s.path.as_str());
        self.ignored
            .iter()
            .filter(move |i| response.is_some_and(|r| i.path.strip_prefix(r).is_some_and(|rest| rest.starts_with('.'))))
    }

    /// The red flags answered `present`, in catalogue order, with or without an intake. Their
    /// [`RedFlag::tier`] says how urgent each is.
    pub fn present_red_flags(&self) -> impl Iterator<Item = RedFlag> + '_ {
        RedFlag::ASKED.into_iter().filter(|flag| self.red_flags.get(*flag) == Some(Answer::Present))
    }
}

/// The red flags answered `present` in the intake responses a reading set aside as too old
/// ([`IgnoredReason::Stale`]) or about an earlier episode ([`IgnoredReason::EarlierEpisode`]),
/// with the day each was authored, in reading order. They are not answers (the reading's
/// `red_flags` leave them unknown): a card names them so that they are asked again ("an intake
/// response from DATE reported ...: ask again"). Only the hook's patient's responses are ever
/// set aside so (another patient's are passed over before they are dated).
///
/// `prefetch` and `reading` must be the same call's ([`intake_from_prefetch`]).
#[must_use]
pub fn set_aside_red_flags(prefetch: &Map<String, Value>, reading: &PrefetchReading) -> Vec<(NaiveDate, Vec<RedFlag>)> {
    let Some(value) = prefetch.get("intake") else { return Vec::new() };
    let node = Node::new(value, "prefetch.intake");
    let resources: Vec<Node<'_>> = match node.resource_type() {
        Ok("Bundle") => node
            .array("entry")
            .unwrap_or_default()
            .into_iter()
            .filter_map(|entry| entry.get("resource").ok().flatten())
            .collect(),
        Ok("QuestionnaireResponse") => vec![node],
        _ => Vec::new(),
    };
    let mut found = Vec::new();
    for resource in resources {
        let day = reading
            .ignored
            .iter()
            .find(|i| {
                i.path == resource.path && matches!(i.reason, IgnoredReason::Stale | IgnoredReason::EarlierEpisode)
            })
            .and_then(|i| i.date);
        let Some(day) = day else { continue };
        let Ok(answers) = read_response(&resource, day, Mode::Lenient) else { continue };
        let flags: Vec<RedFlag> =
            RedFlag::ASKED.into_iter().filter(|flag| answers.red_flags.get(*flag) == Some(Answer::Present)).collect();
        if !flags.is_empty() {
            found.push((day, flags));
        }
    }
    found
}

/// A date and the path of the element that gave it.
type Dated = (NaiveDate, String);

/// The reading in progress.
struct Reader<'a, 'c> {
    prefetch: &'a Map<String, Value>,
    context: &'c PrefetchContext<'c>,
    keys: Vec<KeyReading>,
    sources: Vec<FieldSource>,
    ignored: Vec<Ignored>,
}

/// Whether `reference` names `Patient/{id}` (relative, or absolute ending in it, with or
/// without a `_history` version).
fn names_patient(reference: &str, id: &str) -> bool {
    if id.is_empty() {
        return false;
    }
    let reference = reference.split_once("/_history/").map_or(reference, |(r, _)| r);
    reference.strip_suffix(id).is_some_and(|rest| rest == "Patient/" || rest.ends_with("/Patient/"))
}

impl<'a> Reader<'a, '_> {
    fn ignore(&mut self, ignored: Ignored) {
        self.ignored.push(ignored);
    }

    fn pass(&mut self, path: impl Into<String>, reason: IgnoredReason, then: &str) {
        self.ignored.push(Ignored::new(path, reason, then));
    }

    /// The value of a fallible reading of one resource or element; on error, the element is
    /// listed (by the error's path and kind) and `None` is returned: one bad element never
    /// stops the others from being read.
    fn lenient<T>(&mut self, result: Result<T, FhirError>, then: &str) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(e) => {
                self.ignored.push(Ignored::from_error(&e, then));
                None
            }
        }
    }

    fn assessed_on(&self) -> NaiveDate {
        self.context.assessed_on
    }

    /// Days from `day` to the assessment date.
    fn age_in_days(&self, day: NaiveDate) -> i64 {
        (self.assessed_on() - day).num_days()
    }

    /// Whether `day` is within the answer window; if not, the element at `path` is listed.
    fn fresh(&mut self, path: &str, day: NaiveDate, what: &str) -> bool {
        let window = self.context.answer_max_age_days;
        if self.age_in_days(day) <= i64::from(window) {
            return true;
        }
        let message = format!(
            "{what} recorded {day}, more than {window} days before the assessment date {} (engine policy \
             ANSWER_MAX_AGE_DAYS): its answers are unknown",
            self.assessed_on()
        );
        self.ignore(Ignored::with_message(path, IgnoredReason::Stale, message).on(day));
        false
    }

    /// Whether a resource (other than the Patient) is about the hook's patient; if not, it is
    /// listed.
    fn is_for_patient(&mut self, resource: &Node<'_>) -> bool {
        let mut references = Vec::new();
        let mut named = false;
        for field in ["subject", "patient"] {
            if let Ok(Some(node)) = resource.get(field) {
                named = true;
                if let Ok(Some(reference)) = node.string("reference") {
                    references.push(reference);
                }
            }
        }
        if references.is_empty() {
            let then = if named { "its subject has no reference: not used" } else { "no subject: not used" };
            self.pass(resource.path.clone(), IgnoredReason::NoPatient, then);
            return false;
        }
        if references.iter().all(|r| names_patient(r, self.context.patient_id)) {
            return true;
        }
        self.pass(resource.path.clone(), IgnoredReason::OtherPatient, "its subject names another Patient: not used");
        false
    }

    /// The resources of a key of the expected types (a Bundle's entries, or a single
    /// resource), recording the key's status. Resources of other patients are passed over
    /// (all keys but `patient`, whose Patient is checked by its `id`).
    fn resources(&mut self, key: &'static str, types: &[&str]) -> Vec<Node<'a>> {
        let (status, found) = match self.prefetch.get(key) {
            None => (KeyStatus::Missing, Vec::new()),
            Some(Value::Null) => (KeyStatus::Null, Vec::new()),
            Some(value) => {
                let node = Node::new(value, format!("prefetch.{key}"));
                match self.key_resources(&node) {
                    Ok(Some(found)) if found.is_empty() => (KeyStatus::Empty, found),
                    Ok(Some(found)) => (KeyStatus::Read(found.len()), found),
                    Ok(None) => (KeyStatus::OperationOutcome, Vec::new()),
                    Err(e) => {
                        self.ignore(Ignored::from_error(&e, "nothing is read from this key"));
                        (KeyStatus::Malformed, Vec::new())
                    }
                }
            }
        };
        self.keys.push(KeyReading { key, status });
        let mut wanted = Vec::new();
        for resource in found {
            match resource.resource_type() {
                Ok(kind) if types.contains(&kind) => {}
                Ok(_) => {
                    let then = format!("key {key} is read for {}", types.join(", "));
                    self.pass(resource.path.clone(), IgnoredReason::WrongResource, &then);
                    continue;
                }
                Err(e) => {
                    self.ignore(Ignored::from_error(&e, "not read"));
                    continue;
                }
            }
            if key == "patient" || self.is_for_patient(&resource) {
                wanted.push(resource);
            }
        }
        wanted
    }

    /// A key's resources; `None` for an OperationOutcome.
    fn key_resources(&mut self, node: &Node<'a>) -> Result<Option<Vec<Node<'a>>>, FhirError> {
        match node.resource_type()? {
            "OperationOutcome" => Ok(None),
            "Bundle" => {
                let mut found = Vec::new();
                for entry in node.array("entry")? {
                    match entry.get("resource") {
                        Ok(None) => {
                            self.pass(entry.path.clone(), IgnoredReason::Malformed, "an entry without a resource")
                        }
                        Ok(Some(resource)) if resource.resource_type().ok() == Some("OperationOutcome") => {
                            self.pass(resource.path.clone(), IgnoredReason::SearchMessage, "");
                        }
                        Ok(Some(resource)) => found.push(resource),
                        Err(e) => self.ignore(Ignored::from_error(&e, "the entry is not read")),
                    }
                }
                Ok(Some(found))
            }
            _ => Ok(Some(vec![node.clone()])),
        }
    }

    /// `birthDate` → age on the assessment date, from the hook's own Patient only.
    fn age(&mut self) -> Option<(Age, String)> {
        let patients = self.resources("patient", &["Patient"]);
        let any = !patients.is_empty();
        let mut own = None;
        for patient in patients {
            match patient.string("id") {
                Ok(Some(id)) if id == self.context.patient_id => {
                    if own.is_none() {
                        own = Some(patient);
                    } else {
                        self.pass(
                            patient.path,
                            IgnoredReason::Superseded,
                            "a second copy of the Patient: the first is read",
                        );
                    }
                }
                Ok(Some(_)) => self.pass(
                    patient.path,
                    IgnoredReason::OtherPatient,
                    "its id is not the hook's context.patientId: not used",
                ),
                Ok(None) => self.pass(patient.path, IgnoredReason::NoPatient, "a Patient without an id: not used"),
                Err(e) => self.ignore(Ignored::from_error(&e, "not used")),
            }
        }
        let Some(patient) = own else {
            if any {
                if let Some(key) = self.keys.iter_mut().find(|k| k.key == "patient") {
                    key.status = KeyStatus::OtherPatient;
                }
            }
            return None;
        };
        let result = self.birth_age(&patient);
        self.lenient(result, "the age is unknown").flatten()
    }

    fn birth_age(&mut self, patient: &Node<'_>) -> Result<Option<(Age, String)>, FhirError> {
        let Some(birth) = patient.get("birthDate")? else { return Ok(None) };
        let Some(born) = full_date(&birth)? else {
            self.pass(birth.path, IgnoredReason::Undated, "a birth date without a day: the age is unknown");
            return Ok(None);
        };
        if born > self.assessed_on() {
            let message =
                format!("birthDate {born} is after the assessment date {}: the age is unknown", self.assessed_on());
            self.ignore(Ignored::with_message(birth.path, IgnoredReason::AfterAssessment, message).on(born));
            return Ok(None);
        }
        let age = Age::new(age_on(born, self.assessed_on()))
            .map_err(|e| FhirError::new(FhirErrorKind::Invalid, birth.path.clone(), e.to_string()))?;
        Ok(Some((age, birth.path)))
    }

    /// The current low-back-pain episode: its latest onset and whether it is radicular.
    fn episode(&mut self) -> (Option<Dated>, Option<Pattern>) {
        let mut onset: Option<Dated> = None;
        let mut pattern = None;
        for condition in self.resources("conditions", &["Condition"]) {
            let read = self.condition(&condition);
            let Some(Some((this, date))) = self.lenient(read, "the condition is not read") else { continue };
            if pattern != Some(Pattern::Radicular) {
                pattern = Some(this);
            }
            if let Some(date) = date {
                if onset.as_ref().is_none_or(|(latest, _)| date.0 > *latest) {
                    onset = Some(date);
                }
            }
        }
        (onset, pattern)
    }

    /// A current low-back-pain condition's pattern and onset; `None` when it is passed over.
    fn condition(&mut self, condition: &Node<'_>) -> Result<Option<(Pattern, Option<Dated>)>, FhirError> {
        let status = |name: &str, system: &str| -> Result<Vec<&str>, FhirError> {
            Ok(condition.codings(name)?.into_iter().filter(|(s, _)| *s == Some(system)).map(|(_, c)| c).collect())
        };
        if let Some(code) = status("verificationStatus", CONDITION_VERIFICATION)?
            .into_iter()
            .find(|c| matches!(*c, "refuted" | "entered-in-error"))
        {
            let then = format!("verificationStatus {code}");
            self.pass(condition.path.clone(), IgnoredReason::Status, &then);
            return Ok(None);
        }
        if let Some(code) = status("clinicalStatus", CONDITION_CLINICAL)?
            .into_iter()
            .find(|c| matches!(*c, "inactive" | "resolved" | "remission"))
        {
            let then = format!("clinicalStatus {code}: not the current episode");
            self.pass(condition.path.clone(), IgnoredReason::Status, &then);
            return Ok(None);
        }
        let codes = condition.codings("code")?;
        let matched: Vec<Pattern> = LOW_BACK_PAIN_CODES
            .iter()
            .filter(|known| codes.iter().any(|(s, c)| *s == Some(known.system) && *c == known.code))
            .map(|known| known.pattern)
            .collect();
        if matched.is_empty() {
            let retired = RETIRED_CONDITION_CODES
                .iter()
                .find(|r| codes.iter().any(|(s, c)| *s == Some(r.system) && *c == r.code));
            match retired {
                Some(retired) => {
                    let message = format!(
                        "{} is retired (not billable since {}; now a category header): it is not read as low back \
                         pain, so onset and pattern are not taken from it; the current codes are {}",
                        retired.code,
                        retired.since,
                        retired.replaced_by.join(", ")
                    );
                    self.ignore(Ignored::with_message(condition.path.clone(), IgnoredReason::RetiredCode, message));
                }
                None => self.pass(
                    condition.path.clone(),
                    IgnoredReason::OtherCode,
                    "not a low-back-pain code the crate reads",
                ),
            }
            return Ok(None);
        }
        let pattern = if matched.contains(&Pattern::Radicular) { Pattern::Radicular } else { Pattern::NonSpecific };
        let onset = self.condition_onset(condition);
        let onset = self.lenient(onset, "the onset is not read").flatten();
        Ok(Some((pattern, onset)))
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
                    self.pass(given.path, IgnoredReason::Undated, "an onset the crate cannot date");
                }
            }
            return Ok(None);
        };
        let Some(date) = full_date(&element)? else {
            self.pass(element.path, IgnoredReason::Undated, "an onset without a day");
            return Ok(None);
        };
        if date > self.assessed_on() {
            let message = format!(
                "onset {date} is after the assessment date {}: this condition gives no onset",
                self.assessed_on()
            );
            self.ignore(Ignored::with_message(element.path, IgnoredReason::AfterAssessment, message).on(date));
            return Ok(None);
        }
        Ok(Some((date, element.path)))
    }

    /// The latest pregnancy-status answer within the answer window.
    fn pregnancy(&mut self) -> Option<(Answer, String)> {
        let mut latest: Option<(NaiveDateTime, Answer, String)> = None;
        for observation in self.resources("pregnancy", &["Observation"]) {
            let read = self.pregnancy_status(&observation);
            let Some(Some((when, answer))) = self.lenient(read, "the pregnancy status is not read") else { continue };
            let path = observation.path.clone();
            latest = match latest {
                None => Some((when, answer, path)),
                Some((at, _, _)) if when > at => Some((when, answer, path)),
                Some((at, known, first)) if when == at => Some((at, most_concerning(known, answer), first)),
                keep => keep,
            };
        }
        latest.map(|(_, answer, path)| (answer, path))
    }

    /// One pregnancy-status Observation: when, and its answer; `None` when it is passed over.
    fn pregnancy_status(&mut self, observation: &Node<'_>) -> Result<Option<(NaiveDateTime, Answer)>, FhirError> {
        let codes = observation.codings("code")?;
        if !codes.iter().any(|(s, c)| *s == Some(PREGNANCY_SYSTEM) && *c == PREGNANCY_STATUS) {
            let then = format!("not a pregnancy status (LOINC {PREGNANCY_STATUS})");
            self.pass(observation.path.clone(), IgnoredReason::OtherCode, &then);
            return Ok(None);
        }
        if let Some(status) = observation.string("status")?.filter(|s| matches!(*s, "entered-in-error" | "cancelled")) {
            let then = format!("status {status}");
            self.pass(observation.path.clone(), IgnoredReason::Status, &then);
            return Ok(None);
        }
        let when = match (observation.get("effectiveDateTime")?, observation.get("effectivePeriod")?) {
            (Some(when), _) => Some(when),
            (None, Some(period)) => period.get("start")?,
            (None, None) => observation.get("issued")?,
        };
        let dated = match &when {
            Some(node) => full_date(node)?.zip(instant(node.as_str()?)),
            None => None,
        };
        let Some((day, at)) = dated else {
            // Without a day, the window cannot be checked (engine policy, conservative).
            self.pass(
                observation.path.clone(),
                IgnoredReason::Undated,
                "no effective day: its age cannot be told, unknown",
            );
            return Ok(None);
        };
        if !self.fresh(&observation.path, day, "a pregnancy status") {
            return Ok(None);
        }
        let value = observation.codings("valueCodeableConcept")?;
        let answer = PREGNANCY_ANSWERS
            .iter()
            .find(|(code, _, _)| value.iter().any(|(s, c)| *s == Some(PREGNANCY_SYSTEM) && c == code))
            .map(|(_, answer, _)| *answer);
        let answer = answer.unwrap_or_else(|| {
            self.pass(
                observation.path.clone(),
                IgnoredReason::UnknownCode,
                "the value is none of LA15173-0, LA26683-5, LA4489-6: pregnancy unknown",
            );
            Answer::Unknown
        });
        Ok(Some((at, answer)))
    }

    /// The latest current response to the crate's questionnaire, read leniently: its
    /// unreadable items are listed, the others read.
    fn response(&mut self, episode_onset: Option<NaiveDate>) -> Option<(ResponseAnswers, String)> {
        let mut ranked: Vec<(NaiveDateTime, Node<'a>)> = Vec::new();
        for response in self.resources("intake", &["QuestionnaireResponse"]) {
            let rank = self.rank(&response, episode_onset);
            if let Some(Some(at)) = self.lenient(rank, "the response is not read") {
                ranked.push((at, response));
            }
        }
        let latest = ranked.iter().map(|(at, _)| *at).max()?;
        let (newest, older): (Vec<_>, Vec<_>) = ranked.into_iter().partition(|(at, _)| *at == latest);
        for (_, response) in older {
            self.pass(response.path, IgnoredReason::Superseded, "an earlier response: the latest is read");
        }
        let mut newest = newest.into_iter();
        match (newest.next(), newest.next()) {
            (Some((_, response)), None) => {
                let read = read_response(&response, self.assessed_on(), Mode::Lenient);
                let mut answers = self.lenient(read, "the response is not read")?;
                let skipped = std::mem::take(&mut answers.skipped);
                self.ignored.extend(skipped);
                Some((answers, response.path))
            }
            (first, second) => {
                for (_, response) in first.into_iter().chain(second).chain(newest) {
                    self.pass(
                        response.path,
                        IgnoredReason::Unranked,
                        "authored at the same time as another response: neither is read",
                    );
                }
                None
            }
        }
    }

    /// When a response was authored, if it is one to rank: to the crate's questionnaire, not
    /// entered in error, with an `authored` day on or before the assessment date, within the
    /// answer window and not before the current episode's onset.
    fn rank(
        &mut self,
        response: &Node<'_>,
        episode_onset: Option<NaiveDate>,
    ) -> Result<Option<NaiveDateTime>, FhirError> {
        let path = response.path.clone();
        if !response.string("questionnaire")?.is_some_and(is_intake_questionnaire) {
            self.pass(path, IgnoredReason::OtherQuestionnaire, "not the intake questionnaire: not read");
            return Ok(None);
        }
        if response.string("status")? == Some("entered-in-error") {
            self.pass(path, IgnoredReason::Status, "status entered-in-error");
            return Ok(None);
        }
        let authored = match response.get("authored")? {
            Some(node) => full_date(&node)?.zip(instant(node.as_str()?)),
            None => None,
        };
        let Some((day, at)) = authored else {
            self.pass(path, IgnoredReason::Undated, "no authored day and time: it cannot be ranked or dated");
            return Ok(None);
        };
        if day > self.assessed_on() {
            let message = format!("authored {day} is after the assessment date {}: not read", self.assessed_on());
            self.ignore(Ignored::with_message(path, IgnoredReason::AfterAssessment, message).on(day));
            return Ok(None);
        }
        if !self.fresh(&path, day, "an intake response") {
            return Ok(None);
        }
        if let Some(onset) = episode_onset.filter(|onset| day < *onset) {
            let message = format!(
                "authored {day}, before the current episode's onset {onset}: about an earlier episode, its answers \
                 are unknown"
            );
            self.ignore(Ignored::with_message(path, IgnoredReason::EarlierEpisode, message).on(day));
            return Ok(None);
        }
        Ok(Some(at))
    }

    /// Whether a medicine record names an anticoagulant of the deployment's table.
    fn anticoagulant(&mut self) -> Option<String> {
        let records = self.resources("medications", &["MedicationRequest", "MedicationStatement"]);
        let tables = self.context.tables;
        let Some(table) = &tables.anticoagulants else {
            if !records.is_empty() {
                self.pass("prefetch.medications", IgnoredReason::NotRead, "no anticoagulant code table supplied");
            }
            return None;
        };
        let mut found = None;
        for record in records {
            let read = self.medication(&record, table);
            if self.lenient(read, "the record is not read") == Some(true) && found.is_none() {
                found = Some(record.path.clone());
            }
        }
        found
    }

    fn medication(&mut self, record: &Node<'_>, table: &super::CodeTable) -> Result<bool, FhirError> {
        if let Some(status) = record
            .string("status")?
            .filter(|s| matches!(*s, "entered-in-error" | "cancelled" | "stopped" | "not-taken" | "draft"))
        {
            let then = format!("status {status}");
            self.pass(record.path.clone(), IgnoredReason::Status, &then);
            return Ok(false);
        }
        if let Some(reference) = record.get("medicationReference")? {
            self.pass(reference.path, IgnoredReason::NotRead, "a medicationReference is not resolved");
            return Ok(false);
        }
        let codes = record.codings("medicationCodeableConcept")?;
        Ok(codes.iter().any(|(s, c)| s.is_some_and(|s| table.contains(s, c))))
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

/// Reads a CDS Hooks `prefetch` object as an intake for the hook's patient, assessed on the
/// context's date. The [module docs](self) give the keys, the semantics and the engine's
/// policies.
///
/// The reading never fails: it is lenient, element by element (a CDS Hooks call must not lose
/// an emergency answer because another element is bad). A resource or response item that
/// cannot be read, a resource of another patient or of none, a stale answer and a retired code
/// are listed in [`PrefetchReading::ignored`] (path, [`IgnoredReason`], plain message), and
/// everything else is still read. The red-flag and caution answers are in the reading
/// ([`PrefetchReading::red_flags`], [`PrefetchReading::cautions`]) also when onset, age or
/// pattern is missing and there is no intake. Reading one `QuestionnaireResponse` strictly is
/// [`intake_from_response`](super::intake_from_response).
///
/// ```
/// use acupuncture_guidance::interop::fhir::{intake_from_prefetch, CodeTables, KeyStatus, PrefetchContext};
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
/// let tables = CodeTables::default();
/// let context = PrefetchContext::new("p1", NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?, &tables);
/// let reading = intake_from_prefetch(prefetch.as_object().ok_or("object")?, &context);
/// assert!(reading.has_patient());
/// let intake = reading.intake.ok_or("intake")?;
/// assert_eq!(intake.age().years(), 57, "58 tomorrow");
/// assert_eq!(intake.pattern(), Pattern::Radicular, "M54.41: lumbago with sciatica");
/// assert_eq!(intake.cautions().get(Caution::Pregnancy), Some(Answer::Unknown), "an OperationOutcome is not a no");
/// assert_eq!(reading.keys[2].status, KeyStatus::OperationOutcome);
/// # Ok(())
/// # }
/// ```
#[must_use]
pub fn intake_from_prefetch(prefetch: &Map<String, Value>, context: &PrefetchContext<'_>) -> PrefetchReading {
    let assessed_on = context.assessed_on;
    let mut reader = Reader { prefetch, context, keys: Vec::new(), sources: Vec::new(), ignored: Vec::new() };
    let birth_age = reader.age();
    let (condition_onset, condition_pattern) = reader.episode();
    let pregnancy = reader.pregnancy();
    let response = reader.response(condition_onset.as_ref().map(|(date, _)| *date));
    let anticoagulant = reader.anticoagulant();
    let scores = reader.resources("scores", &["Observation"]);
    if !scores.is_empty() {
        reader.pass("prefetch.scores", IgnoredReason::NotRead, "scores are not part of the intake");
    }
    for key in prefetch.keys().filter(|k| !PREFETCH_KEYS.contains(&k.as_str())) {
        reader.pass(format!("prefetch.{key}"), IgnoredReason::NotRead, "not a prefetch key the crate reads");
    }

    let (mut answers, response_path) = match response {
        Some((answers, path)) => (answers, Some(path)),
        None => (ResponseAnswers::default(), None),
    };
    let mut sources = std::mem::take(&mut reader.sources);
    let mut source = |field: &'static str, path: &str| sources.push(FieldSource { field, path: path.to_owned() });
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
    let mut onset = match (condition_onset, response_onset) {
        (Some((date, path)), Some((_, Some(answered), _))) if date >= answered => Some((Onset::Date(date), path)),
        (Some((date, path)), None) => Some((Onset::Date(date), path)),
        (_, Some((onset, _, path))) => Some((onset, path)),
        (None, None) => None,
    };
    // An onset the intake refuses with this age (before birth, over 120 years back) is
    // listed, and the onset is unknown.
    if let (Some((when, path)), Some(age)) = (&onset, age) {
        if Intake::new(assessed_on, *when, Pattern::NonSpecific, age).is_err() {
            let ignored =
                Ignored::new(path, IgnoredReason::Invalid, "an onset the intake refuses with this age: unknown");
            reader.ignored.push(ignored);
            onset = None;
        }
    }
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
    reader.sources = sources;

    let mut missing: Vec<&'static str> =
        [("onset", onset.is_none()), ("age_years", age.is_none()), ("pattern", pattern.is_none())]
            .into_iter()
            .filter_map(|(name, gap)| gap.then_some(name))
            .collect();
    let (red_flags, cautions) = (answers.red_flags, answers.cautions);
    let intake = match (onset, age, pattern) {
        (Some((onset, path)), Some(age), Some(pattern)) => {
            match answers.into_intake(assessed_on, (onset, &path), pattern, age) {
                Ok(intake) => Some(intake),
                Err(e) => {
                    // Not expected after the checks above; never a panic, never silent.
                    reader.ignored.push(Ignored::from_error(&e, "no intake is formed"));
                    missing.push("onset");
                    None
                }
            }
        }
        _ => None,
    };
    PrefetchReading {
        intake,
        missing,
        red_flags,
        cautions,
        keys: reader.keys,
        sources: reader.sources,
        ignored: reader.ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_names_the_patient_relative_or_absolute_and_nothing_longer_or_shorter() {
        for reference in ["Patient/p1", "http://ehr.example/fhir/Patient/p1", "Patient/p1/_history/2"] {
            assert!(names_patient(reference, "p1"), "{reference}");
        }
        for reference in
            ["Patient/p10", "Patient/xp1", "p1", "Group/p1", "http://ehr.example/fhir/Group/p1", "Patient/"]
        {
            assert!(!names_patient(reference, "p1"), "{reference}");
        }
        assert!(!names_patient("Patient/", ""), "an empty patient id names no one");
    }

    #[test]
    fn the_window_counts_days_from_the_recorded_day_to_the_assessment_date() {
        let prefetch = Map::new();
        let tables = CodeTables::default();
        let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or(NaiveDate::MIN);
        let context = PrefetchContext::new("p1", on, &tables);
        let mut reader = Reader {
            prefetch: &prefetch,
            context: &context,
            keys: Vec::new(),
            sources: Vec::new(),
            ignored: Vec::new(),
        };
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 10, d).unwrap_or(NaiveDate::MAX);
        assert!(reader.fresh("x", day(28), "a test"), "exactly 30 days");
        assert!(!reader.fresh("y", day(27), "a test"), "31 days");
        assert_eq!(reader.ignored.len(), 1);
        assert_eq!((reader.ignored[0].path.as_str(), reader.ignored[0].reason), ("y", IgnoredReason::Stale));
    }
}
