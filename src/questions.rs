//! The intake questions an app asks, in order, with plain patient wording.
//!
//! The wording names the time frame each rule needs ("new", "since your back pain began",
//! "in the last few weeks"), and the patient text of assessments reuses it, so what the app
//! asks and what the crate explains never drift apart.

use serde::Serialize;

use crate::model::answers::{Answer, Caution, RedFlag, Tier};
use crate::outcome::assessment::DurationCategory;
use crate::{Intake, Modality, Pattern};

name_enum! {
    /// Which part of the intake a question's answer goes in.
    pub enum QuestionKind ("question kind") {
        /// `onset`.
        Onset = "onset",
        /// `age_years`.
        Age = "age",
        /// `pattern`.
        Pattern = "pattern",
        /// `proposed_modalities`.
        Modalities = "modalities",
        /// `red_flags`.
        RedFlag = "red_flag",
        /// `cautions`.
        Caution = "caution",
        /// `context` (the article's good-fit factors).
        Context = "context",
        /// `previous_acupuncture`.
        PreviousAcupuncture = "previous_acupuncture",
        /// `start_back_risk`.
        StartBack = "start_back",
        /// `goals`.
        Goals = "goals",
    }
}

name_enum! {
    /// When a question is asked, or required, read against the answers given so far
    /// (`RF-ASK`, revision 2026-12). A follow-up appears with the answer or fact that makes it
    /// needed; a question that cannot matter is not asked.
    pub enum Condition ("question condition") {
        /// Always.
        Always = "always",
        /// Never (for `required_when`: an optional question).
        Never = "never",
        /// The pattern is `radicular`.
        Radicular = "radicular",
        /// The episode is subacute (28-84 days under `DUR-01`).
        Subacute = "subacute",
        /// Subacute, with a weaker cancer risk factor present: unexplained weight loss, or age
        /// over 50.
        SubacuteWithWeakerCancerFactor = "subacute_with_weaker_cancer_factor",
        /// `minor_trauma` is present.
        MinorTraumaPresent = "minor_trauma_present",
        /// Age over 65, or `osteoporosis` or `long_term_corticosteroids` present.
        FractureRisk = "fracture_risk",
        /// `bleeding_disorder` is present.
        BleedingDisorderPresent = "bleeding_disorder_present",
        /// Electroacupuncture is among the proposed modalities.
        ElectroacupunctureProposed = "electroacupuncture_proposed",
    }
}

impl Condition {
    /// Whether the condition holds for the answers in `intake`.
    ///
    /// ```
    /// use acupuncture_guidance::{Condition, Intake};
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let intake: Intake = serde_json::from_str(r#"{"assessed_on": "2026-11-27",
    ///     "onset": {"days_ago": 40}, "pattern": "radicular", "age_years": 70}"#)?;
    /// assert!(Condition::Radicular.holds(&intake));
    /// assert!(Condition::FractureRisk.holds(&intake), "over 65");
    /// assert!(Condition::SubacuteWithWeakerCancerFactor.holds(&intake), "over 50 at 40 days");
    /// # Ok(())
    /// # }
    /// ```
    #[must_use]
    pub fn holds(self, intake: &Intake) -> bool {
        let present = |flag| intake.red_flags().get(flag) == Some(Answer::Present);
        let years = intake.age().years();
        let subacute = crate::rules::duration::acp_category(intake.duration_days()) == DurationCategory::Subacute;
        match self {
            Condition::Always => true,
            Condition::Never => false,
            Condition::Radicular => intake.pattern() == Pattern::Radicular,
            Condition::Subacute => subacute,
            Condition::SubacuteWithWeakerCancerFactor => {
                subacute && (years > 50 || present(RedFlag::UnexplainedWeightLoss))
            }
            Condition::MinorTraumaPresent => present(RedFlag::MinorTrauma),
            Condition::FractureRisk => {
                years > 65 || present(RedFlag::Osteoporosis) || present(RedFlag::LongTermCorticosteroids)
            }
            Condition::BleedingDisorderPresent => {
                intake.cautions().get(Caution::BleedingDisorder) == Some(Answer::Present)
            }
            Condition::ElectroacupunctureProposed => {
                intake.proposed_modalities().contains(&Modality::Electroacupuncture)
            }
        }
    }
}

/// One intake question.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Question {
    /// The input name of the item (the field of the intake, or of `red_flags`, `cautions` or
    /// `context` for those kinds).
    pub id: &'static str,
    /// Where the answer goes.
    pub kind: QuestionKind,
    /// The red-flag tier the item raises when present (`None` for a question that is not a
    /// red flag).
    pub tier: Option<Tier>,
    /// One of the nine items without which the screen is always incomplete.
    pub required: bool,
    /// The question, in plain words for the patient.
    pub text: &'static str,
    /// When to ask it (added in ruleset 2026-12).
    pub asked_when: Condition,
    /// When an unknown answer makes the screen incomplete (added in ruleset 2026-12):
    /// `always` for the nine, a condition for the follow-ups of `RF-ASK`, `never` for an
    /// optional question (whose unknown answer still holds the advice at `discuss_first`).
    pub required_when: Condition,
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

/// When a red flag is asked, and when it is required (`RF-ASK`).
fn red_flag_conditions(flag: RedFlag) -> (Condition, Condition) {
    use Condition::{
        Always, FractureRisk, MinorTraumaPresent, Never, Radicular, Subacute, SubacuteWithWeakerCancerFactor,
    };
    match flag {
        f if f.is_required() => (Always, Always),
        RedFlag::BilateralLegSymptoms | RedFlag::NewFootDrop => (Always, Radicular),
        RedFlag::MinorTrauma => (Always, FractureRisk),
        RedFlag::Osteoporosis | RedFlag::LongTermCorticosteroids => (Always, MinorTraumaPresent),
        // A question only in a subacute episode: before 28 days a month has not passed; once
        // chronic it carries no information.
        RedFlag::NoImprovementAfterMonth => (Subacute, SubacuteWithWeakerCancerFactor),
        _ => (Always, Never),
    }
}

/// When a caution is asked (`RF-ASK`; cautions are never required for the screen).
const fn caution_condition(caution: Caution) -> Condition {
    match caution {
        Caution::SevereBleedingDisorder => Condition::BleedingDisorderPresent,
        Caution::LossOfSkinSensation | Caution::ImpairedCirculation => Condition::ElectroacupunctureProposed,
        _ => Condition::Always,
    }
}

/// A question that is not a red flag or a caution.
const fn plain(id: &'static str, kind: QuestionKind, text: &'static str) -> Question {
    Question {
        id,
        kind,
        tier: None,
        required: false,
        text,
        asked_when: Condition::Always,
        required_when: Condition::Never,
    }
}

/// The whole intake an app asks, in order: onset, age, pattern, the proposed modalities, the
/// red flags (most urgent tier first, required items first within a tier) and the cautions,
/// the good-fit context, a previous course, STarT Back and goals. Each question carries its
/// plain wording, its tier, and the conditions under which it is asked and required, exactly
/// as `RF-ASK` decides: an app that answers every question whose `asked_when` holds (checking
/// again as answers come in) never gets `screening_incomplete`, and no open question holds
/// its advice.
///
/// ```
/// use acupuncture_guidance::{questions, Condition};
/// let questions = acupuncture_guidance::questions();
/// assert_eq!(questions[0].id, "onset");
/// assert!(questions.iter().filter(|q| q.required).count() == 9);
/// let foot_drop = questions.iter().find(|q| q.id == "new_foot_drop").unwrap();
/// assert_eq!(foot_drop.required_when, Condition::Radicular);
/// ```
#[must_use]
pub fn questions() -> Vec<Question> {
    use QuestionKind as K;
    let mut flags: Vec<RedFlag> = RedFlag::ALL.iter().copied().filter(|f| !f.is_derived()).collect();
    flags.sort_by_key(|f| (f.tier(), !f.is_required()));
    let red_flags = flags.into_iter().map(|flag| {
        let (asked_when, required_when) = red_flag_conditions(flag);
        Question {
            id: flag.as_str(),
            kind: K::RedFlag,
            tier: Some(flag.tier()),
            required: flag.is_required(),
            text: red_flag_question(flag),
            asked_when,
            required_when,
        }
    });
    let cautions = Caution::ALL.iter().map(|&caution| Question {
        id: caution.as_str(),
        kind: K::Caution,
        // Immunosuppression is asked once, here; the red-flag screen reads the same answer.
        tier: caution.as_str().parse::<RedFlag>().ok().map(RedFlag::tier),
        required: false,
        text: caution_question(caution),
        asked_when: caution_condition(caution),
        required_when: Condition::Never,
    });
    let start = [
        plain("onset", K::Onset, "When did this back pain start (a date, or how many days or weeks ago)?"),
        plain("age_years", K::Age, "How old are you?"),
        plain("pattern", K::Pattern, "Does pain spread from your back down one leg, below the knee (like sciatica)?"),
        plain(
            "proposed_modalities",
            K::Modalities,
            "What would you like to try: acupuncture, electroacupuncture (a mild current through the needles), or dry needling?",
        ),
    ];
    let end = [
        plain(
            "not_improved_with_self_care",
            K::Context,
            "Has basic self-care, like staying active and using heat, not helped enough?",
        ),
        plain(
            "limit_medication",
            K::Context,
            "Do you want to rely less on medicines, or do some medicines not suit you?",
        ),
        plain("stress_sleep_or_tension", K::Context, "Are stress, poor sleep or tight muscles part of your back pain?"),
        plain(
            "bridge_to_exercise",
            K::Context,
            "Would you like something that makes exercise or physical therapy easier?",
        ),
        plain(
            "previous_acupuncture",
            K::PreviousAcupuncture,
            "Have you had a course of acupuncture before? Did it help?",
        ),
        plain(
            "start_back_risk",
            K::StartBack,
            "If you have done the STarT Back questions (a short back pain questionnaire), was your result low, medium or high?",
        ),
        plain("goals", K::Goals, "Which everyday activities do you most want to get back to?"),
    ];
    start.into_iter().chain(red_flags).chain(cautions).chain(end).collect()
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
            "Did your back pain start after a major injury, such as a bad fall or a car accident? Or do you think you may have broken a bone?"
        }
        F::SevereWorseningPain => "Is your pain severe and getting worse quickly, or bad at night or when you rest?",
        F::MinorTrauma => "Did your back pain start after a small fall, bump or lifting strain?",
        F::UnexplainedWeightLoss => "Have you lost weight recently without trying?",
        F::NoImprovementAfterMonth => {
            "Have you had this back pain for a month or more without it getting any better, even with self-care?"
        }
        F::InflammatoryFeatures => {
            "Is your back stiff in the morning and easier once you get moving? Or does the pain wake you in the second half of the night?"
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
        assert!(
            !ids.contains(&"age_under_20") && !ids.contains(&"age_over_50") && !ids.contains(&"age_over_65"),
            "age factors are not asked"
        );
    }

    #[test]
    fn the_whole_intake_in_order_with_red_flags_most_urgent_first() {
        let list = questions();
        let kinds: Vec<QuestionKind> = list.iter().map(|q| q.kind).collect();
        let mut order = kinds.clone();
        order.dedup();
        use QuestionKind as K;
        assert_eq!(
            order,
            [
                K::Onset,
                K::Age,
                K::Pattern,
                K::Modalities,
                K::RedFlag,
                K::Caution,
                K::Context,
                K::PreviousAcupuncture,
                K::StartBack,
                K::Goals
            ]
        );
        let flags: Vec<&Question> = list.iter().filter(|q| q.kind == QuestionKind::RedFlag).collect();
        assert!(flags.windows(2).all(|w| (w[0].tier, !w[0].required) <= (w[1].tier, !w[1].required)));
        assert_eq!(list.iter().filter(|q| q.required).count(), 9);
        assert!(list.iter().all(|q| q.required == (q.required_when == Condition::Always)));
    }

    #[test]
    fn follow_ups_carry_the_condition_that_makes_them_needed() {
        let find = |id: &str| questions().into_iter().find(|q| q.id == id).unwrap();
        assert_eq!(find("severe_bleeding_disorder").asked_when, Condition::BleedingDisorderPresent);
        assert_eq!(find("loss_of_skin_sensation").asked_when, Condition::ElectroacupunctureProposed);
        assert_eq!(find("impaired_circulation").asked_when, Condition::ElectroacupunctureProposed);
        assert_eq!(find("no_improvement_after_month").asked_when, Condition::Subacute);
        assert_eq!(find("no_improvement_after_month").required_when, Condition::SubacuteWithWeakerCancerFactor);
        assert_eq!(find("osteoporosis").required_when, Condition::MinorTraumaPresent);
        assert_eq!(find("long_term_corticosteroids").required_when, Condition::MinorTraumaPresent);
        assert_eq!(find("minor_trauma").required_when, Condition::FractureRisk);
        assert_eq!(find("bilateral_leg_symptoms").required_when, Condition::Radicular);
        assert_eq!(find("new_foot_drop").required_when, Condition::Radicular);
        assert_eq!(find("inflammatory_features").required_when, Condition::Never);
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
