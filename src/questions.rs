//! The intake questions an app asks, in order, with plain patient wording.
//!
//! The wording names the time frame each rule needs ("new", "since your back pain began",
//! "in the last few weeks"), and the patient text of assessments reuses it, so what the app
//! asks and what the crate explains never drift apart.

use serde::Serialize;

use crate::model::answers::{Caution, RedFlag, Tier};

name_enum! {
    /// Which object of the intake a question's answer goes in.
    pub enum QuestionKind ("question kind") {
        /// `red_flags`.
        RedFlag = "red_flag",
        /// `cautions`.
        Caution = "caution",
    }
}

/// One intake question.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The input name of the item (the field in `red_flags` or `cautions`).
    pub id: &'static str,
    /// Where the answer goes.
    pub kind: QuestionKind,
    /// The red-flag tier the item raises when present (`None` for a caution that is only a
    /// caution).
    pub tier: Option<Tier>,
    /// One of the nine items without which the screen is incomplete.
    pub required: bool,
    /// The question, in plain words for the patient.
    pub text: &'static str,
}

/// The intake questions as a document: the list with the contract and ruleset versions every
/// output carries.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionList {
    /// Always [`CONTRACT_VERSION`](crate::CONTRACT_VERSION).
    pub contract_version: u32,
    /// The edition of the rules.
    pub ruleset_version: &'static str,
    /// The questions, in order.
    pub questions: Vec<Question>,
}

impl QuestionList {
    /// The current questions.
    #[must_use]
    pub fn new() -> Self {
        QuestionList {
            contract_version: crate::CONTRACT_VERSION,
            ruleset_version: crate::RULESET_VERSION,
            questions: questions(),
        }
    }
}

impl Default for QuestionList {
    fn default() -> Self {
        QuestionList::new()
    }
}

/// The ordered intake questions: red flags from the most urgent tier down, required items
/// first within a tier, then the safety cautions.
///
/// ```
/// let questions = acupuncture_guidance::questions();
/// assert_eq!(questions[0].id, "saddle_numbness");
/// assert!(questions.iter().filter(|q| q.required).count() == 9);
/// ```
#[must_use]
pub fn questions() -> Vec<Question> {
    let mut flags: Vec<RedFlag> = RedFlag::ALL.iter().copied().filter(|f| !f.is_derived()).collect();
    flags.sort_by_key(|f| (f.tier(), !f.is_required()));
    let red_flags = flags.into_iter().map(|flag| Question {
        id: flag.as_str(),
        kind: QuestionKind::RedFlag,
        tier: Some(flag.tier()),
        required: flag.is_required(),
        text: red_flag_question(flag),
    });
    let cautions = Caution::ALL.iter().map(|&caution| Question {
        id: caution.as_str(),
        kind: QuestionKind::Caution,
        // Immunosuppression is asked once, here; the red-flag screen reads the same answer.
        tier: caution.as_str().parse::<RedFlag>().ok().map(RedFlag::tier),
        required: false,
        text: caution_question(caution),
    });
    red_flags.chain(cautions).collect()
}

/// The question for a red flag. Derived items have a description instead.
#[must_use]
pub const fn red_flag_question(flag: RedFlag) -> &'static str {
    use RedFlag as F;
    match flag {
        F::SaddleNumbness => {
            "Do you have new numbness or tingling in your groin, genitals, inner thighs or buttocks (the area that would touch a saddle)?"
        }
        F::BladderOrBowelChange => {
            "Since your back pain began, have you had new trouble passing urine, leaking urine, or losing control of your bowels?"
        }
        F::ProgressiveLegWeakness => "Is weakness in one or both of your legs getting worse?",
        F::BilateralLegSymptoms => "Do you have new numbness, tingling or weakness in both legs?",
        F::NewFootDrop => {
            "Have you newly found that you cannot lift the front of your foot, so it slaps or drags when you walk?"
        }
        F::HistoryOfCancer => "Have you ever been told you have cancer?",
        F::Fever => "Since your back pain started, have you had a fever or felt hot and shivery?",
        F::RecentSeriousInfection => {
            "In the last few weeks, have you had a serious infection, such as a urine or skin infection that needed antibiotics?"
        }
        F::MajorTrauma => {
            "Did your back pain start after a major injury, such as a bad fall or a car accident, or do you think you may have broken a bone?"
        }
        F::SevereWorseningPain => "Is your pain severe and getting worse quickly, or bad at night or when you rest?",
        F::MinorTrauma => "Did your back pain start after a small fall, bump or lifting strain?",
        F::UnexplainedWeightLoss => "Have you lost weight recently without trying?",
        F::NoImprovementAfterMonth => {
            "Have you had this back pain for a month or more without it getting any better, even with self-care?"
        }
        F::InflammatoryFeatures => {
            "Is your back stiff in the morning and easier once you get moving, or does the pain wake you in the second half of the night?"
        }
        F::LongTermCorticosteroids => {
            "Do you take steroid tablets (such as prednisone), or have you taken them for a long time?"
        }
        F::Osteoporosis => "Have you been told you have osteoporosis (thin or weak bones)?",
        F::IntravenousDrugUse => "Have you ever injected drugs?",
        F::Immunosuppression => caution_question(Caution::Immunosuppression),
        F::AgeUnder20 => "Age under 20 (from your age).",
        F::AgeOver50 => "Age over 50 with back pain that started in the last 12 weeks (from your age).",
        F::AgeOver65 => "Age over 65 (from your age).",
    }
}

/// The question for a caution.
#[must_use]
pub const fn caution_question(caution: Caution) -> &'static str {
    use Caution as C;
    match caution {
        C::Anticoagulants => "Do you take a blood thinner, such as warfarin or heparin?",
        C::BleedingDisorder => "Do you have a bleeding disorder, or do you bleed or bruise very easily?",
        C::SevereBleedingDisorder => "Is your bleeding disorder severe, such as haemophilia?",
        C::Immunosuppression => {
            "Is your immune system weakened, for example by steroid tablets, transplant or cancer medicines, or HIV, or do you get infections easily?"
        }
        C::Pregnancy => "Are you pregnant, or could you be?",
        C::ImplantedElectricalDevice => "Do you have a pacemaker, defibrillator, nerve stimulator or implanted pump?",
        C::SkinLesionAtNeedleSite => {
            "Do you have a skin infection, wound, ulcer, burn or rash on your back or anywhere needles might go?"
        }
        C::SeizureDisorder => "Do you have epilepsy, or have you had seizures?",
        C::LossOfSkinSensation => "Is there an area of your back or legs where you cannot feel touch normally?",
        C::ImpairedCirculation => "Do you have poor circulation or severe artery disease, for example in your legs?",
    }
}

/// A short phrase for a red flag, for sentences ("you told us about …").
#[must_use]
pub const fn red_flag_label(flag: RedFlag) -> &'static str {
    use RedFlag as F;
    match flag {
        F::SaddleNumbness => "new numbness in the groin or saddle area",
        F::BladderOrBowelChange => "new trouble with your bladder or bowels",
        F::ProgressiveLegWeakness => "leg weakness that is getting worse",
        F::BilateralLegSymptoms => "new numbness, tingling or weakness in both legs",
        F::NewFootDrop => "a foot that has newly started to drag or slap",
        F::HistoryOfCancer => "a history of cancer",
        F::Fever => "a fever",
        F::RecentSeriousInfection => "a recent serious infection",
        F::MajorTrauma => "a major injury or possible broken bone",
        F::SevereWorseningPain => "severe pain that is getting worse quickly",
        F::MinorTrauma => "a small fall, bump or strain",
        F::UnexplainedWeightLoss => "weight loss without trying",
        F::NoImprovementAfterMonth => "no improvement after a month",
        F::InflammatoryFeatures => "signs of inflammatory back pain",
        F::LongTermCorticosteroids => "long-term steroid tablets",
        F::Osteoporosis => "osteoporosis",
        F::IntravenousDrugUse => "injected drug use",
        F::Immunosuppression => "a weakened immune system",
        F::AgeUnder20 => "being under 20",
        F::AgeOver50 => "being over 50 with recent back pain",
        F::AgeOver65 => "being over 65",
    }
}

/// A short phrase for a caution.
#[must_use]
pub const fn caution_label(caution: Caution) -> &'static str {
    use Caution as C;
    match caution {
        C::Anticoagulants => "blood thinners",
        C::BleedingDisorder => "a bleeding disorder",
        C::SevereBleedingDisorder => "a severe bleeding disorder",
        C::Immunosuppression => "a weakened immune system",
        C::Pregnancy => "pregnancy",
        C::ImplantedElectricalDevice => "an implanted electrical device",
        C::SkinLesionAtNeedleSite => "a skin problem where needles would go",
        C::SeizureDisorder => "epilepsy or seizures",
        C::LossOfSkinSensation => "an area of skin without normal feeling",
        C::ImpairedCirculation => "poor circulation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_answerable_item_is_asked_exactly_once() {
        let list = questions();
        let ids: Vec<&str> = list.iter().map(|q| q.id).collect();
        for flag in RedFlag::ALL.iter().filter(|f| !f.is_derived()) {
            assert_eq!(ids.iter().filter(|id| **id == flag.as_str()).count(), 1, "{flag}");
        }
        for caution in Caution::ALL {
            assert_eq!(ids.iter().filter(|id| **id == caution.as_str()).count(), 1, "{caution}");
        }
        assert!(!ids.contains(&"age_under_20") && !ids.contains(&"age_over_50"), "age factors are not asked");
    }

    #[test]
    fn red_flags_come_most_urgent_first_with_required_items_leading_each_tier() {
        let list = questions();
        let flags: Vec<&Question> = list.iter().filter(|q| q.kind == QuestionKind::RedFlag).collect();
        assert!(flags.windows(2).all(|w| (w[0].tier, !w[0].required) <= (w[1].tier, !w[1].required)));
        assert!(list.iter().skip(flags.len()).all(|q| q.kind == QuestionKind::Caution), "cautions last");
        assert_eq!(list.iter().filter(|q| q.required).count(), 9);
    }

    #[test]
    fn wording_is_a_question_with_the_time_frame_the_rule_needs() {
        for q in questions() {
            assert!(q.text.ends_with('?'), "{}: {}", q.id, q.text);
        }
        // New or worsening signs are emergencies; old, stable ones are not what RF-E means.
        for flag in [RedFlag::SaddleNumbness, RedFlag::BladderOrBowelChange, RedFlag::BilateralLegSymptoms] {
            assert!(red_flag_question(flag).contains("new"), "{flag}");
        }
        assert!(red_flag_question(RedFlag::ProgressiveLegWeakness).contains("getting worse"));
        assert!(red_flag_question(RedFlag::RecentSeriousInfection).contains("last few weeks"));
        assert!(red_flag_question(RedFlag::NoImprovementAfterMonth).contains("a month"));
    }

    #[test]
    fn immunosuppression_is_asked_as_a_caution_carrying_its_red_flag_tier() {
        let q = questions().into_iter().find(|q| q.id == "immunosuppression").unwrap();
        assert_eq!(q.kind, QuestionKind::Caution);
        assert_eq!(q.tier, Some(Tier::EvaluationFirst));
    }
}
