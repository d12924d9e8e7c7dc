//! [`questionnaire()`]: the crate's [`questions()`] as an R4 `Questionnaire`, and the item
//! table a `QuestionnaireResponse` is read against.
//!
//! Mapping (each question is one top-level item, in the order of [`questions()`]):
//!
//! | question | `linkId` | `type` | answers |
//! |---|---|---|---|
//! | onset | `onset` (group) with `onset.date`, `onset.days_ago`, `onset.weeks_ago` | `group` of `date`, `integer`, `integer` | one of the three |
//! | age | `age_years` | `integer` | 0 to 120 |
//! | pattern | `pattern` | `choice` | `non_specific`, `radicular` |
//! | modalities | `proposed_modalities` | `choice`, `repeats` | `manual_acupuncture`, `electroacupuncture`, `dry_needling` |
//! | a red flag | `red_flags.<name>` | `choice` | `present`, `absent`, `unknown` |
//! | a caution | `cautions.<name>` (also `cautions.immunosuppression`) | `choice` | as a red flag |
//! | a good-fit factor | `context.<name>` | `choice` | as a red flag |
//! | previous course | `previous_acupuncture` | `choice` | `none`, `helped`, `did_not_help` |
//! | STarT Back | `start_back_risk` | `choice` | `low`, `medium`, `high` |
//! | goals | `goals` | `string`, `repeats`, `maxLength` 80 | up to five |
//!
//! Every coded answer is a `valueCoding` in [`ANSWER_SYSTEM`] whose code is the crate's name.
//! The crate's own flags ride on each item as extensions (values are `valueCode`):
//! [`TIER_EXTENSION`] (the red-flag tier), [`REQUIRED_WHEN_EXTENSION`] (the
//! question's `required_when`, absent for an optional question) and
//! [`ASKED_WHEN_EXTENSION`] (its `asked_when`, absent when always asked). FHIR's own
//! `required` is `true` for the nine required red flags and for onset, age and pattern
//! (without which no intake exists). `enableWhen` is set only where it says exactly what
//! `asked_when` says (a caution asked when `bleeding_disorder` is `present`, or when
//! `electroacupuncture` is proposed); a condition FHIR cannot express (`subacute`) is carried
//! by the extension alone.

use std::borrow::Cow;

use serde_json::{Value, json};

use crate::interop::canonical::{
    ANSWER_SYSTEM, ASKED_WHEN_EXTENSION, QUESTIONNAIRE_URL, REQUIRED_WHEN_EXTENSION, TIER_EXTENSION,
};
use crate::model::answers::{Answer, Caution, RedFlag};
use crate::{Condition, Modality, Pattern, PreviousAcupuncture, Question, QuestionKind, StartBackRisk, questions};

/// One of the four good-fit factors of `context`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContextItem {
    NotImprovedWithSelfCare,
    LimitMedication,
    StressSleepOrTension,
    BridgeToExercise,
}

impl ContextItem {
    const ALL: [ContextItem; 4] = [
        ContextItem::NotImprovedWithSelfCare,
        ContextItem::LimitMedication,
        ContextItem::StressSleepOrTension,
        ContextItem::BridgeToExercise,
    ];

    pub(crate) const fn name(self) -> &'static str {
        match self {
            ContextItem::NotImprovedWithSelfCare => "not_improved_with_self_care",
            ContextItem::LimitMedication => "limit_medication",
            ContextItem::StressSleepOrTension => "stress_sleep_or_tension",
            ContextItem::BridgeToExercise => "bridge_to_exercise",
        }
    }
}

/// Where an item's answer goes in the intake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    OnsetGroup,
    OnsetDate,
    OnsetDaysAgo,
    OnsetWeeksAgo,
    Age,
    Pattern,
    Modalities,
    RedFlag(RedFlag),
    Caution(Caution),
    Context(ContextItem),
    PreviousAcupuncture,
    StartBack,
    Goals,
}

/// The FHIR answer type of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueType {
    Group,
    Coding,
    Integer,
    Date,
    String,
}

impl ValueType {
    /// The `answer.value[x]` element of this type.
    pub(crate) const fn element(self) -> &'static str {
        match self {
            ValueType::Group => "item",
            ValueType::Coding => "valueCoding",
            ValueType::Integer => "valueInteger",
            ValueType::Date => "valueDate",
            ValueType::String => "valueString",
        }
    }

    const fn item_type(self) -> &'static str {
        match self {
            ValueType::Group => "group",
            ValueType::Coding => "choice",
            ValueType::Integer => "integer",
            ValueType::Date => "date",
            ValueType::String => "string",
        }
    }
}

impl Slot {
    /// The item for a `linkId`, if the questionnaire has one.
    pub(crate) fn from_link_id(link_id: &str) -> Option<Slot> {
        if let Some(name) = link_id.strip_prefix("red_flags.") {
            return name.parse::<RedFlag>().ok().filter(|f| !f.is_derived()).map(Slot::RedFlag);
        }
        if let Some(name) = link_id.strip_prefix("cautions.") {
            return name.parse::<Caution>().ok().map(Slot::Caution);
        }
        if let Some(name) = link_id.strip_prefix("context.") {
            return ContextItem::ALL.into_iter().find(|c| c.name() == name).map(Slot::Context);
        }
        Some(match link_id {
            "onset" => Slot::OnsetGroup,
            "onset.date" => Slot::OnsetDate,
            "onset.days_ago" => Slot::OnsetDaysAgo,
            "onset.weeks_ago" => Slot::OnsetWeeksAgo,
            "age_years" => Slot::Age,
            "pattern" => Slot::Pattern,
            "proposed_modalities" => Slot::Modalities,
            "previous_acupuncture" => Slot::PreviousAcupuncture,
            "start_back_risk" => Slot::StartBack,
            "goals" => Slot::Goals,
            _ => return None,
        })
    }

    /// The item's `linkId`: the intake field path.
    pub(crate) fn link_id(self) -> Cow<'static, str> {
        match self {
            Slot::OnsetGroup => "onset".into(),
            Slot::OnsetDate => "onset.date".into(),
            Slot::OnsetDaysAgo => "onset.days_ago".into(),
            Slot::OnsetWeeksAgo => "onset.weeks_ago".into(),
            Slot::Age => "age_years".into(),
            Slot::Pattern => "pattern".into(),
            Slot::Modalities => "proposed_modalities".into(),
            Slot::RedFlag(flag) => format!("red_flags.{flag}").into(),
            Slot::Caution(caution) => format!("cautions.{caution}").into(),
            Slot::Context(item) => format!("context.{}", item.name()).into(),
            Slot::PreviousAcupuncture => "previous_acupuncture".into(),
            Slot::StartBack => "start_back_risk".into(),
            Slot::Goals => "goals".into(),
        }
    }

    pub(crate) const fn value_type(self) -> ValueType {
        match self {
            Slot::OnsetGroup => ValueType::Group,
            Slot::OnsetDate => ValueType::Date,
            Slot::OnsetDaysAgo | Slot::OnsetWeeksAgo | Slot::Age => ValueType::Integer,
            Slot::Goals => ValueType::String,
            _ => ValueType::Coding,
        }
    }

    /// Whether the item takes more than one answer.
    pub(crate) const fn repeats(self) -> bool {
        matches!(self, Slot::Modalities | Slot::Goals)
    }

    /// The group an item belongs in (`None`: top level).
    pub(crate) const fn parent(self) -> Option<Slot> {
        match self {
            Slot::OnsetDate | Slot::OnsetDaysAgo | Slot::OnsetWeeksAgo => Some(Slot::OnsetGroup),
            _ => None,
        }
    }

    /// The codes a coded item accepts, in the crate's order.
    pub(crate) fn codes(self) -> Vec<&'static str> {
        match self {
            Slot::Pattern => Pattern::ALL.iter().map(|p| p.as_str()).collect(),
            Slot::Modalities => Modality::ALL.iter().map(|m| m.as_str()).collect(),
            Slot::PreviousAcupuncture => PreviousAcupuncture::ALL.iter().map(|p| p.as_str()).collect(),
            Slot::StartBack => StartBackRisk::ALL.iter().map(|r| r.as_str()).collect(),
            Slot::RedFlag(_) | Slot::Caution(_) | Slot::Context(_) => Answer::ALL.iter().map(|a| a.as_str()).collect(),
            _ => Vec::new(),
        }
    }

    fn of(question: &Question) -> Option<Slot> {
        let id = question.id;
        match question.kind {
            QuestionKind::RedFlag => id.parse().ok().map(Slot::RedFlag),
            QuestionKind::Caution => id.parse().ok().map(Slot::Caution),
            QuestionKind::Context => ContextItem::ALL.into_iter().find(|c| c.name() == id).map(Slot::Context),
            _ => Slot::from_link_id(id),
        }
    }
}

/// A plain label for an answer code (FHIR's `display`; the code is what the crate reads).
fn display(code: &str) -> String {
    match code {
        "present" => "Yes".to_owned(),
        "absent" => "No".to_owned(),
        "unknown" => "Don't know".to_owned(),
        other => {
            let words = other.replace('_', " ");
            let mut chars = words.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

/// An `enableWhen` that says exactly what `asked_when` says, where FHIR can say it.
fn enable_when(condition: Condition) -> Option<Value> {
    let on = |question: String, code: &str| {
        json!([{ "question": question, "operator": "=",
                 "answerCoding": { "system": ANSWER_SYSTEM, "code": code } }])
    };
    match condition {
        Condition::Radicular => Some(on(Slot::Pattern.link_id().into_owned(), Pattern::Radicular.as_str())),
        Condition::MinorTraumaPresent => {
            Some(on(Slot::RedFlag(RedFlag::MinorTrauma).link_id().into_owned(), Answer::Present.as_str()))
        }
        Condition::BleedingDisorderPresent => {
            Some(on(Slot::Caution(Caution::BleedingDisorder).link_id().into_owned(), Answer::Present.as_str()))
        }
        Condition::ElectroacupunctureProposed => {
            Some(on(Slot::Modalities.link_id().into_owned(), Modality::Electroacupuncture.as_str()))
        }
        Condition::Always
        | Condition::Never
        | Condition::Subacute
        | Condition::SubacuteWithWeakerCancerFactor
        | Condition::FractureRisk => None,
    }
}

fn leaf(slot: Slot, text: &str) -> serde_json::Map<String, Value> {
    let mut item = serde_json::Map::new();
    item.insert("linkId".into(), slot.link_id().into_owned().into());
    item.insert("text".into(), text.into());
    item.insert("type".into(), slot.value_type().item_type().into());
    if slot.repeats() {
        item.insert("repeats".into(), true.into());
    }
    let codes = slot.codes();
    if !codes.is_empty() {
        let options: Vec<Value> = codes
            .into_iter()
            .map(|code| json!({ "valueCoding": { "system": ANSWER_SYSTEM, "code": code, "display": display(code) } }))
            .collect();
        item.insert("answerOption".into(), options.into());
    }
    item
}

fn item(question: &Question, slot: Slot) -> Value {
    let mut item = leaf(slot, question.text);
    let mut extensions = Vec::new();
    if let Some(tier) = question.tier {
        extensions.push(json!({ "url": TIER_EXTENSION, "valueCode": tier.as_str() }));
    }
    if question.required_when != Condition::Never {
        extensions.push(json!({ "url": REQUIRED_WHEN_EXTENSION, "valueCode": question.required_when.as_str() }));
    }
    if question.asked_when != Condition::Always {
        extensions.push(json!({ "url": ASKED_WHEN_EXTENSION, "valueCode": question.asked_when.as_str() }));
    }
    if !extensions.is_empty() {
        item.insert("extension".into(), extensions.into());
    }
    let structural = matches!(slot, Slot::OnsetGroup | Slot::Age | Slot::Pattern);
    if question.required || structural {
        item.insert("required".into(), true.into());
    }
    if let Some(when) = enable_when(question.asked_when) {
        item.insert("enableWhen".into(), when);
    }
    match slot {
        Slot::OnsetGroup => {
            let children: Vec<Value> = [
                (Slot::OnsetDate, "The date it started"),
                (Slot::OnsetDaysAgo, "Or: how many days ago"),
                (Slot::OnsetWeeksAgo, "Or: how many weeks ago"),
            ]
            .into_iter()
            .map(|(child, text)| Value::Object(leaf(child, text)))
            .collect();
            item.insert("item".into(), children.into());
        }
        Slot::Goals => {
            item.insert("maxLength".into(), crate::Goals::MAX_CHARS.into());
        }
        _ => {}
    }
    Value::Object(item)
}

/// The crate's intake questions ([`questions()`]) as a FHIR R4 `Questionnaire` (JSON), with
/// `url` [`QUESTIONNAIRE_URL`] and `version` [`RULESET_VERSION`](crate::RULESET_VERSION).
/// The [module docs](self) give the item mapping.
///
/// ```
/// use acupuncture_guidance::interop::fhir::questionnaire;
/// let q = questionnaire();
/// assert_eq!(q["resourceType"], "Questionnaire");
/// assert_eq!(q["item"].as_array().map(Vec::len), Some(acupuncture_guidance::questions().len()));
/// assert_eq!(q["item"][4]["linkId"], "red_flags.saddle_numbness");
/// ```
#[must_use]
pub fn questionnaire() -> Value {
    let items: Vec<Value> =
        questions().iter().filter_map(|question| Slot::of(question).map(|slot| item(question, slot))).collect();
    json!({
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": crate::RULESET_VERSION,
        "name": "AcupunctureLowBackPainIntake",
        "title": "Back pain and acupuncture: intake questions",
        "status": "active",
        "subjectType": ["Patient"],
        "description": "The intake questions of acupuncture-guidance: red flags, safety cautions and the facts the guidance needs. Guidance logic, not a diagnosis.",
        "item": items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_has_an_item_and_every_link_id_reads_back() {
        let list = questions();
        for question in &list {
            let slot = Slot::of(question).unwrap_or_else(|| panic!("{}", question.id));
            assert_eq!(Slot::from_link_id(&slot.link_id()), Some(slot));
        }
        assert_eq!(Slot::from_link_id("red_flags.immunosuppression"), None, "asked once, as a caution");
        assert_eq!(Slot::from_link_id("red_flags.age_over_50"), None, "derived from age_years");
    }
}
