//! A `QuestionnaireResponse` to the intake [`questionnaire()`](super::questionnaire()) →
//! [`Intake`], and back ([`response_from_intake`]).
//!
//! Reading rules:
//!
//! - `resourceType` must be `QuestionnaireResponse` and `questionnaire` the crate's
//!   [`QUESTIONNAIRE_URL`] (with or without a `|version` suffix); a response whose `status` is
//!   `entered-in-error` is not a response.
//! - A missing item, or an item without an answer, is `unknown` (for a list: not given). An
//!   explicit `unknown` coding is `unknown` too.
//! - An unknown `linkId`, an item outside its group (`onset.date` belongs in `onset`), the same
//!   `linkId` twice, an answer of the wrong type, a coding in another system or a code not in
//!   the item's answer set, a second answer to a single-answer item, nested answer items, or
//!   a value the intake's own validation rejects is a [`FhirError`] naming the element by its
//!   path in the response (`item[3].answer[0]`). This reading is strict; the same items in a
//!   CDS Hooks prefetch are skipped and listed instead (see
//!   [`prefetch`](super::prefetch#lenient-element-by-element)).
//! - Answers are taken at face value; `enableWhen` is not re-checked (an answer to an item the
//!   form would have hidden is still an answer).
//! - `onset.days_ago` and `onset.weeks_ago` count back from the day the response was
//!   `authored` (engine policy: that is the day the patient answered). When that day is before
//!   the assessment date, the onset becomes the date it names; without `authored`, or on the
//!   assessment date itself, it stays relative to `assessed_on`. An `authored` after the
//!   assessment date is an error.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};
use serde_json::{Value, json};

use super::error::{FhirError, FhirErrorKind};
use super::ignored::{Ignored, IgnoredReason};
use super::questionnaire::{ContextItem, Slot, ValueType};
use super::read::{Node, full_date, instant, malformed};
use crate::interop::canonical::{ANSWER_SYSTEM, QUESTIONNAIRE_URL};
use crate::model::answers::{Answer, CautionAnswers, RedFlagAnswers};
use crate::{
    Age, Caution, Goals, GoodFitContext, Intake, Modality, Onset, Pattern, PreviousAcupuncture, RedFlag, StartBackRisk,
};

/// What a response answers, before it becomes an intake (a prefetch fills the gaps from other
/// resources).
#[derive(Debug, Clone, Default)]
pub(crate) struct ResponseAnswers {
    /// The onset and the path of the element that gave it.
    pub(crate) onset: Option<(Onset, String)>,
    pub(crate) age: Option<(Age, String)>,
    pub(crate) pattern: Option<Pattern>,
    modalities: Vec<Modality>,
    pub(crate) red_flags: RedFlagAnswers,
    pub(crate) cautions: CautionAnswers,
    context: GoodFitContext,
    previous: Option<PreviousAcupuncture>,
    start_back: Option<StartBackRisk>,
    goals: Vec<String>,
    /// When the response was authored (as an instant in UTC), if it says.
    pub(crate) authored: Option<NaiveDateTime>,
    /// The path of each item answered, by `linkId`.
    paths: BTreeMap<String, String>,
    /// The items a lenient reading passed over (always empty for a strict one).
    pub(crate) skipped: Vec<Ignored>,
}

/// How a response is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every problem is an error ([`intake_from_response`]).
    Strict,
    /// An item that cannot be read is skipped and listed; every other item is still read
    /// (a prefetch: one bad item must not lose the others, an emergency answer above all).
    Lenient,
}

/// Whether `questionnaire` names the crate's intake questionnaire (any version).
pub(crate) fn is_intake_questionnaire(questionnaire: &str) -> bool {
    questionnaire.split_once('|').map_or(questionnaire, |(url, _)| url) == QUESTIONNAIRE_URL
}

/// Reads a response, checking that it is one to the crate's questionnaire.
pub(crate) fn read_response(node: &Node<'_>, assessed_on: NaiveDate, mode: Mode) -> Result<ResponseAnswers, FhirError> {
    let kind = node.resource_type()?;
    if kind != "QuestionnaireResponse" {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            node.join("resourceType"),
            format!("expected \"QuestionnaireResponse\", found {kind:?}"),
        ));
    }
    let questionnaire = node.string("questionnaire")?;
    if !questionnaire.is_some_and(is_intake_questionnaire) {
        let found = questionnaire.map_or_else(|| "nothing".to_owned(), |q| format!("{q:?}"));
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            node.join("questionnaire"),
            format!("expected {QUESTIONNAIRE_URL:?}, found {found}"),
        ));
    }
    if node.string("status")? == Some("entered-in-error") {
        return Err(FhirError::new(
            FhirErrorKind::WrongResource,
            node.join("status"),
            "a response entered in error is not a response",
        ));
    }
    let mut answers = ResponseAnswers::default();
    let mut authored_on = None;
    if let Some(authored) = node.get("authored")? {
        let text = authored.as_str()?;
        let Some(day) = full_date(&authored)? else {
            return Err(malformed(
                authored.path,
                format!("{text:?} has no day: the crate needs the day it was answered"),
            ));
        };
        if day > assessed_on {
            return Err(FhirError::new(
                FhirErrorKind::Invalid,
                authored.path,
                format!("authored {day} is after the assessment date {assessed_on}"),
            ));
        }
        answers.authored = instant(text);
        authored_on = Some(day);
    }
    let mut seen = BTreeMap::new();
    let mut skipped = Vec::new();
    walk(node.array("item")?, None, &mut seen, &mut answers, mode, &mut skipped)?;
    answers.paths = seen;
    answers.skipped = skipped;
    // A relative onset counts back from the day the patient answered.
    if let (Some(day), Some((onset, path))) = (authored_on.filter(|d| *d < assessed_on), answers.onset.clone()) {
        let days = match onset {
            Onset::DaysAgo(n) => Some(u64::from(n)),
            Onset::WeeksAgo(n) => Some(u64::from(n) * 7),
            Onset::Date(_) => None,
        };
        if let Some(days) = days {
            match day.checked_sub_days(Days::new(days)) {
                Some(date) => answers.onset = Some((Onset::Date(date), path)),
                None if mode == Mode::Lenient => {
                    answers.skipped.push(Ignored::new(&path, IgnoredReason::Invalid, "the onset is unknown"));
                    answers.onset = None;
                }
                None => {
                    return Err(FhirError::new(
                        FhirErrorKind::Invalid,
                        path,
                        format!("{days} days before {day} is not a date"),
                    ));
                }
            }
        }
    }
    if mode == Mode::Lenient {
        answers.settle_leniently(assessed_on);
    }
    Ok(answers)
}

/// Whether an item (readable or not) carries a `present` coding of the crate's answer system:
/// a skipped item that said `present` is named as such, so that a card can ask about it.
fn codes_present(item: &Node<'_>) -> bool {
    item.array("answer").is_ok_and(|answers| {
        answers.iter().any(|answer| {
            answer.get("valueCoding").ok().flatten().is_some_and(|coding| {
                coding.string("system").ok().flatten() == Some(ANSWER_SYSTEM)
                    && coding.string("code").ok().flatten() == Some(Answer::Present.as_str())
            })
        })
    })
}

/// Whether the item is a red flag or a caution: for these, a `present` among several answers
/// is read (engine policy: a yes is never outvoted; doubt never becomes a no).
const fn is_screen_item(slot: Slot) -> bool {
    matches!(slot, Slot::RedFlag(_) | Slot::Caution(_))
}

/// Whether one of `answers` is a well-formed `present` for `slot`.
fn present_among(slot: Slot, link_id: &str, answers: &[Node<'_>]) -> bool {
    answers.iter().any(|answer| {
        value(slot, link_id, answer).is_ok_and(|v| code(slot, link_id, &v).is_ok_and(|c| c == Answer::Present.as_str()))
    })
}

/// Records `present` for a red flag or caution.
/// Lenient reading of a screen item answered more than once: when one answer is `present`,
/// records it as present (a yes is never lost to a duplicate) and says so.
fn read_present_among(slot: Slot, link_id: &str, answers: &[Node<'_>], out: &mut ResponseAnswers) -> bool {
    let present = is_screen_item(slot) && present_among(slot, link_id, answers);
    if present {
        set_present(slot, out);
    }
    present
}

/// The `ignored` entry for a screen item read as present despite a second answer.
fn second_answer(path: &str, what: String) -> Ignored {
    Ignored::with_message(path.to_owned(), IgnoredReason::SecondAnswer, format!("{what}: read as present"))
}

fn set_present(slot: Slot, out: &mut ResponseAnswers) {
    match slot {
        Slot::RedFlag(flag) => {
            // Asked items only: `Slot::from_link_id` refuses a derived one.
            let _ = out.red_flags.set(flag, Answer::Present);
        }
        Slot::Caution(caution) => out.cautions.set(caution, Answer::Present),
        _ => {}
    }
}

fn walk(
    items: Vec<Node<'_>>,
    parent: Option<Slot>,
    seen: &mut BTreeMap<String, String>,
    out: &mut ResponseAnswers,
    mode: Mode,
    skipped: &mut Vec<Ignored>,
) -> Result<(), FhirError> {
    for item in items {
        match mode {
            Mode::Strict => read_item(&item, parent, seen, out, mode, skipped)?,
            Mode::Lenient => {
                // An item is read whole or not at all: its partial answers are undone.
                let before = out.clone();
                if let Err(e) = read_item(&item, parent, seen, out, mode, skipped) {
                    *out = before;
                    let then = if codes_present(&item) {
                        "the item is skipped, its answer unknown; it was answered present (check the form)"
                    } else {
                        "the item is skipped, its answer unknown"
                    };
                    skipped.push(Ignored::from_error(&e, then));
                }
            }
        }
    }
    Ok(())
}

fn read_item(
    item: &Node<'_>,
    parent: Option<Slot>,
    seen: &mut BTreeMap<String, String>,
    out: &mut ResponseAnswers,
    mode: Mode,
    skipped: &mut Vec<Ignored>,
) -> Result<(), FhirError> {
    let link_id = item
        .string("linkId")?
        .ok_or_else(|| FhirError::new(FhirErrorKind::Missing, item.join("linkId"), "an item needs a linkId"))?;
    let slot = Slot::from_link_id(link_id).ok_or_else(|| {
        FhirError::new(
            FhirErrorKind::UnknownItem,
            item.path.clone(),
            format!("unknown linkId {link_id:?}: not an item of {QUESTIONNAIRE_URL}"),
        )
    })?;
    if slot.parent() != parent {
        let message = match (slot.parent(), parent) {
            (Some(group), _) => format!("{link_id} belongs in the {} group", group.link_id()),
            (None, Some(group)) => format!("{link_id} is not part of the {} group", group.link_id()),
            (None, None) => String::new(),
        };
        return Err(FhirError::new(FhirErrorKind::UnknownItem, item.path.clone(), message));
    }
    let answers = item.array("answer")?;
    if let Some(first) = seen.get(link_id) {
        if mode == Mode::Lenient && read_present_among(slot, link_id, &answers, out) {
            skipped
                .push(second_answer(&item.path, format!("{} is given twice; one answer is present", slot.link_id())));
            return Ok(());
        }
        return Err(FhirError::new(
            FhirErrorKind::SecondAnswer,
            item.path.clone(),
            format!("linkId {link_id:?} appears twice (first at {first})"),
        ));
    }
    seen.insert(link_id.to_owned(), item.path.clone());
    if slot.value_type() == ValueType::Group {
        if let Some(answer) = answers.first() {
            return Err(FhirError::new(
                FhirErrorKind::WrongAnswerType,
                answer.path.clone(),
                format!("{link_id} is a group: it is answered by its items"),
            ));
        }
        return walk(item.array("item")?, Some(slot), seen, out, mode, skipped);
    }
    if let Some(children) = item.get("item")? {
        return Err(FhirError::new(
            FhirErrorKind::UnknownItem,
            children.path,
            format!("{link_id} has no items of its own"),
        ));
    }
    if !slot.repeats() {
        if let Some(second) = answers.get(1) {
            if mode == Mode::Lenient && read_present_among(slot, link_id, &answers, out) {
                skipped.push(second_answer(
                    &second.path,
                    format!("{} has several answers; one is present", slot.link_id()),
                ));
                return Ok(());
            }
            return Err(FhirError::new(
                FhirErrorKind::SecondAnswer,
                second.path.clone(),
                format!("{link_id} takes one answer"),
            ));
        }
    }
    for answer in &answers {
        read_answer(slot, link_id, item, answer, out)?;
    }
    if slot == Slot::Goals {
        Goals::new(out.goals.clone())
            .map_err(|e| FhirError::new(FhirErrorKind::Invalid, item.path.clone(), e.to_string()))?;
    }
    Ok(())
}

/// The one `value[x]` of an answer, checked against the item's type.
fn value<'a>(slot: Slot, link_id: &str, answer: &Node<'a>) -> Result<Node<'a>, FhirError> {
    let fields = answer.object()?;
    if let Some(nested) = answer.get("item")? {
        return Err(FhirError::new(
            FhirErrorKind::UnknownItem,
            nested.path,
            format!("{link_id} has no items under its answers"),
        ));
    }
    let expected = slot.value_type().element();
    let given: Vec<&str> = fields.keys().map(String::as_str).filter(|k| k.starts_with("value")).collect();
    match given.as_slice() {
        [] => Err(FhirError::new(
            FhirErrorKind::Missing,
            answer.path.clone(),
            format!("an answer needs a value: {link_id} takes {expected}"),
        )),
        [one] if *one == expected => {
            answer.get(expected)?.ok_or_else(|| malformed(answer.join(expected), format!("{expected} is null")))
        }
        [one] => Err(FhirError::new(
            FhirErrorKind::WrongAnswerType,
            answer.path.clone(),
            format!("{link_id} takes {expected}, found {one}"),
        )),
        several => {
            Err(malformed(answer.path.clone(), format!("an answer has one value, found {}", several.join(", "))))
        }
    }
}

/// The code of a `valueCoding`, checked against the item's answer set.
fn code<'a>(slot: Slot, link_id: &str, coding: &Node<'a>) -> Result<&'a str, FhirError> {
    let system = coding.string("system")?;
    if system != Some(ANSWER_SYSTEM) {
        let found = system.map_or_else(|| "no system".to_owned(), |s| format!("{s:?}"));
        return Err(FhirError::new(
            FhirErrorKind::UnknownCode,
            coding.join("system"),
            format!("{link_id} is coded in {ANSWER_SYSTEM:?}, found {found}"),
        ));
    }
    let code = coding
        .string("code")?
        .ok_or_else(|| FhirError::new(FhirErrorKind::Missing, coding.join("code"), "a coding needs a code"))?;
    let codes = slot.codes();
    if codes.contains(&code) {
        Ok(code)
    } else {
        Err(FhirError::new(
            FhirErrorKind::UnknownCode,
            coding.join("code"),
            format!("{code:?} is not an answer to {link_id}: expected one of {}", codes.join(", ")),
        ))
    }
}

fn invalid(path: &str, error: impl std::fmt::Display) -> FhirError {
    FhirError::new(FhirErrorKind::Invalid, path, error.to_string())
}

fn read_answer(
    slot: Slot,
    link_id: &str,
    item: &Node<'_>,
    answer: &Node<'_>,
    out: &mut ResponseAnswers,
) -> Result<(), FhirError> {
    let value = value(slot, link_id, answer)?;
    let path = value.path.clone();
    let parsed = |code: &str| code.parse::<Answer>().map_err(|e| invalid(&path, e));
    let set_onset = |onset: Value, out: &mut ResponseAnswers| -> Result<(), FhirError> {
        let onset: Onset = serde_json::from_value(onset).map_err(|e| invalid(&path, e))?;
        if let Some((_, first)) = &out.onset {
            return Err(FhirError::new(
                FhirErrorKind::SecondAnswer,
                item.path.clone(),
                format!("onset takes one of date, days_ago, weeks_ago (another is at {first})"),
            ));
        }
        out.onset = Some((onset, path.clone()));
        Ok(())
    };
    match slot.value_type() {
        ValueType::Coding => {
            let code = code(slot, link_id, &value)?;
            match slot {
                Slot::Pattern => out.pattern = Some(code.parse().map_err(|e| invalid(&path, e))?),
                Slot::Modalities => {
                    let modality: Modality = code.parse().map_err(|e| invalid(&path, e))?;
                    if out.modalities.contains(&modality) {
                        return Err(FhirError::new(
                            FhirErrorKind::SecondAnswer,
                            answer.path.clone(),
                            format!("{modality} is given twice"),
                        ));
                    }
                    out.modalities.push(modality);
                }
                Slot::RedFlag(flag) => out.red_flags.set(flag, parsed(code)?).map_err(|e| invalid(&path, e))?,
                Slot::Caution(caution) => out.cautions.set(caution, parsed(code)?),
                Slot::Context(factor) => {
                    let answer = parsed(code)?;
                    let context = &mut out.context;
                    match factor {
                        ContextItem::NotImprovedWithSelfCare => context.not_improved_with_self_care = answer,
                        ContextItem::LimitMedication => context.limit_medication = answer,
                        ContextItem::StressSleepOrTension => context.stress_sleep_or_tension = answer,
                        ContextItem::BridgeToExercise => context.bridge_to_exercise = answer,
                    }
                }
                Slot::PreviousAcupuncture => out.previous = Some(code.parse().map_err(|e| invalid(&path, e))?),
                Slot::StartBack => out.start_back = Some(code.parse().map_err(|e| invalid(&path, e))?),
                _ => {}
            }
        }
        ValueType::Integer => {
            let n = value
                .value
                .as_i64()
                .ok_or_else(|| malformed(path.clone(), format!("expected an integer, found {}", value.value)))?;
            match slot {
                Slot::Age => out.age = Some((Age::new(n).map_err(|e| invalid(&path, e))?, path.clone())),
                Slot::OnsetDaysAgo => set_onset(json!({ "days_ago": n }), out)?,
                Slot::OnsetWeeksAgo => set_onset(json!({ "weeks_ago": n }), out)?,
                _ => {}
            }
        }
        ValueType::Date => {
            let text = value.as_str()?;
            set_onset(json!({ "date": text }), out)?;
        }
        ValueType::String => {
            let text = value.as_str()?;
            // One goal at a time, so that a bad one is named by its own answer.
            Goals::new([text]).map_err(|e| {
                let message = e.to_string();
                invalid(&path, message.strip_prefix("goals[0] ").unwrap_or(&message))
            })?;
            out.goals.push(text.to_owned());
        }
        ValueType::Group => {}
    }
    Ok(())
}

impl ResponseAnswers {
    /// The intake these answers make with the given onset, pattern and age (`onset_path`
    /// names the element an onset error is reported on).
    pub(crate) fn into_intake(
        self,
        assessed_on: NaiveDate,
        (onset, onset_path): (Onset, &str),
        pattern: Pattern,
        age: Age,
    ) -> Result<Intake, FhirError> {
        let mut intake = Intake::new(assessed_on, onset, pattern, age)
            .map_err(|e| invalid(onset_path, e))?
            .with_red_flags(self.red_flags)
            .with_cautions(self.cautions)
            .with_context(self.context);
        if !self.modalities.is_empty() {
            intake = intake.with_modalities(self.modalities).map_err(|e| invalid("proposed_modalities", e))?;
        }
        if let Some(previous) = self.previous {
            intake = intake.with_previous_acupuncture(previous);
        }
        if let Some(risk) = self.start_back {
            intake = intake.with_start_back_risk(risk);
        }
        let intake = intake.with_goals(self.goals).map_err(|e| invalid("goals", e))?;
        // Answers that contradict each other are refused here, at the item, rather than by
        // `assess` later without a path.
        intake.check_consistent().map_err(|e| {
            // The error's field is the item's linkId (`cautions.severe_bleeding_disorder`).
            let path = e.field().and_then(|field| self.paths.get(field.as_ref()).cloned());
            invalid(path.as_deref().unwrap_or("item"), e)
        })?;
        Ok(intake)
    }

    /// What a lenient reading does after the items, where a strict one would refuse the
    /// intake: an onset date after the assessment date is skipped (the onset is unknown); a
    /// severe bleeding disorder `present` with a bleeding disorder `absent` keeps the
    /// `present` and skips the `absent` (engine policy: the concerning answer is kept, the
    /// one it contradicts becomes unknown).
    fn settle_leniently(&mut self, assessed_on: NaiveDate) {
        if let Some((Onset::Date(date), path)) = &self.onset {
            if *date > assessed_on {
                let message = format!("onset {date} is after the assessment date {assessed_on}: the onset is unknown");
                self.skipped.push(Ignored::with_message(path, IgnoredReason::AfterAssessment, message).on(*date));
                self.onset = None;
            }
        }
        let (item, implies) = (Caution::SevereBleedingDisorder, Caution::BleedingDisorder);
        if self.cautions.get(item) == Some(Answer::Present) && self.cautions.get(implies) == Some(Answer::Absent) {
            self.cautions.set(implies, Answer::Unknown);
            let link_id = format!("cautions.{implies}");
            let path = self.paths.get(&link_id).cloned().unwrap_or_else(|| "item".to_owned());
            let message = format!(
                "{link_id} absent contradicts cautions.{item} present: the present answer is kept, {link_id} is unknown"
            );
            self.skipped.push(Ignored::with_message(path, IgnoredReason::Contradictory, message));
        }
    }

    /// Sets a caution (for a prefetch's other resources).
    pub(crate) fn set_caution(&mut self, caution: Caution, answer: Answer) {
        self.cautions.set(caution, answer);
    }
}

/// Reads a `QuestionnaireResponse` to the crate's intake questionnaire as an [`Intake`]
/// assessed on `assessed_on`. See the [module docs](self) for the rules; `cleared_by_clinician` is
/// not a question and stays empty.
///
/// # Errors
///
/// A [`FhirError`] naming the element by its path in the response: `resourceType` or
/// `questionnaire` for another resource or another questionnaire; `item[3]` for an unknown
/// `linkId` or one given twice; `item[3].answer[1]` for a second answer to a single-answer
/// item; `item[3].answer[0]` for a wrong answer type; `item[3].answer[0].valueCoding.code`
/// for a code not in the answer set; `item` when onset, age or pattern is not answered.
///
/// ```
/// use acupuncture_guidance::interop::fhir::intake_from_response;
/// use acupuncture_guidance::{NaiveDate, Pattern};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let coding = |code: &str| serde_json::json!([{ "valueCoding": {
///     "system": acupuncture_guidance::interop::canonical::ANSWER_SYSTEM, "code": code } }]);
/// let response = serde_json::json!({
///     "resourceType": "QuestionnaireResponse",
///     "questionnaire": acupuncture_guidance::interop::canonical::QUESTIONNAIRE_URL,
///     "status": "completed",
///     "item": [
///         { "linkId": "onset", "item": [{ "linkId": "onset.days_ago", "answer": [{ "valueInteger": 120 }] }] },
///         { "linkId": "age_years", "answer": [{ "valueInteger": 58 }] },
///         { "linkId": "pattern", "answer": coding("radicular") },
///         { "linkId": "red_flags.fever", "answer": coding("maybe") }
///     ]
/// });
/// let assessed_on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
/// let err = intake_from_response(&response, assessed_on).unwrap_err();
/// assert_eq!(err.path(), "item[3].answer[0].valueCoding.code");
///
/// let mut response = response;
/// response["item"][3]["answer"] = coding("absent");
/// let intake = intake_from_response(&response, assessed_on)?;
/// assert_eq!(intake.pattern(), Pattern::Radicular);
/// assert_eq!(intake.duration_days(), 120);
/// # Ok(())
/// # }
/// ```
pub fn intake_from_response(response: &Value, assessed_on: NaiveDate) -> Result<Intake, FhirError> {
    let node = Node::new(response, "");
    let answers = read_response(&node, assessed_on, Mode::Strict)?;
    let missing: Vec<&str> = [
        ("onset", answers.onset.is_none()),
        ("age_years", answers.age.is_none()),
        ("pattern", answers.pattern.is_none()),
    ]
    .into_iter()
    .filter_map(|(name, gap)| gap.then_some(name))
    .collect();
    match (answers.onset.clone(), answers.age.clone(), answers.pattern) {
        (Some((onset, path)), Some((age, _)), Some(pattern)) => {
            answers.into_intake(assessed_on, (onset, &path), pattern, age)
        }
        _ => Err(FhirError::new(
            FhirErrorKind::Missing,
            "item",
            format!(
                "the response does not answer {}: an intake needs onset, age_years and pattern",
                missing.join(", ")
            ),
        )),
    }
}

/// An intake as a `QuestionnaireResponse` to the crate's questionnaire (`status`
/// `completed`, `authored` the assessment date), answering every item the intake knows:
/// `unknown` answers, an empty goal list and an unset previous course or STarT Back result
/// are left out (a missing item reads as unknown). `cleared_by_clinician` has no item and is
/// not carried. [`intake_from_response`] reads it back as the same intake.
#[must_use]
pub fn response_from_intake(intake: &Intake) -> Value {
    let coded = |slot: Slot, code: &str| json!({ "linkId": slot.link_id(), "answer": [{ "valueCoding": { "system": ANSWER_SYSTEM, "code": code } }] });
    let onset = match intake.onset() {
        Onset::Date(date) => (Slot::OnsetDate, json!({ "valueDate": date.to_string() })),
        Onset::DaysAgo(n) => (Slot::OnsetDaysAgo, json!({ "valueInteger": n })),
        Onset::WeeksAgo(n) => (Slot::OnsetWeeksAgo, json!({ "valueInteger": n })),
    };
    let mut items = vec![
        json!({ "linkId": Slot::OnsetGroup.link_id(), "item": [{ "linkId": onset.0.link_id(), "answer": [onset.1] }] }),
        json!({ "linkId": Slot::Age.link_id(), "answer": [{ "valueInteger": intake.age().years() }] }),
        coded(Slot::Pattern, intake.pattern().as_str()),
    ];
    let modalities: Vec<Value> = intake
        .proposed_modalities()
        .iter()
        .map(|m| json!({ "valueCoding": { "system": ANSWER_SYSTEM, "code": m.as_str() } }))
        .collect();
    items.push(json!({ "linkId": Slot::Modalities.link_id(), "answer": modalities }));
    for flag in RedFlag::ASKED {
        if let Some(answer) = intake.red_flags().get(flag).filter(|a| *a != Answer::Unknown) {
            items.push(coded(Slot::RedFlag(flag), answer.as_str()));
        }
    }
    for (caution, answer) in intake.cautions().iter().filter(|(_, a)| *a != Answer::Unknown) {
        items.push(coded(Slot::Caution(caution), answer.as_str()));
    }
    let context = intake.context();
    for (factor, answer) in [
        (ContextItem::NotImprovedWithSelfCare, context.not_improved_with_self_care),
        (ContextItem::LimitMedication, context.limit_medication),
        (ContextItem::StressSleepOrTension, context.stress_sleep_or_tension),
        (ContextItem::BridgeToExercise, context.bridge_to_exercise),
    ] {
        if answer != Answer::Unknown {
            items.push(coded(Slot::Context(factor), answer.as_str()));
        }
    }
    if let Some(previous) = intake.previous_acupuncture() {
        items.push(coded(Slot::PreviousAcupuncture, previous.as_str()));
    }
    if let Some(risk) = intake.start_back_risk() {
        items.push(coded(Slot::StartBack, risk.as_str()));
    }
    if !intake.goals().is_empty() {
        let goals: Vec<Value> = intake.goals().iter().map(|g| json!({ "valueString": g })).collect();
        items.push(json!({ "linkId": Slot::Goals.link_id(), "answer": goals }));
    }
    json!({
        "resourceType": "QuestionnaireResponse",
        "questionnaire": QUESTIONNAIRE_URL,
        "status": "completed",
        "authored": intake.assessed_on().to_string(),
        "item": items,
    })
}
