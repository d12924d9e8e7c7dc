//! Tri-state answers and the items they answer: red flags and safety cautions.

name_enum! {
    /// An answer to a screening question. Omitted answers are `unknown`, and unknown is never
    /// read as absent.
    #[derive(Default)]
    pub enum Answer ("answer") {
        /// The person has it.
        Present = "present",
        /// The person does not have it.
        Absent = "absent",
        /// Not asked, or the person does not know.
        #[default]
        Unknown = "unknown",
    }
}

name_enum! {
    /// How urgently a red flag needs medical care (reference §7.3). Ordered from the most to
    /// the least urgent, so `Ord` puts emergencies first.
    pub enum Tier ("red-flag tier") {
        /// `RF-E`: seek emergency care now.
        Emergency = "emergency",
        /// `RF-U`: urgent medical evaluation before any acupuncture.
        UrgentEvaluation = "urgent_evaluation",
        /// `RF-M` (engine policy): medical assessment before a course.
        EvaluationFirst = "evaluation_first",
    }
}

impl Tier {
    /// The rule that defines this tier.
    #[must_use]
    pub const fn rule(self) -> crate::RuleId {
        match self {
            Tier::Emergency => crate::RuleId::RfE,
            Tier::UrgentEvaluation => crate::RuleId::RfU,
            Tier::EvaluationFirst => crate::RuleId::RfM,
        }
    }
}

name_enum! {
    /// A red flag of the screen (reference §7.1–§7.3), named as in the intake's `red_flags`.
    ///
    /// The first nine of the article's list are *required*: while one of them is unknown the
    /// screen is incomplete. Four items are not fields of `red_flags` (see
    /// [`RedFlag::is_derived`]).
    pub enum RedFlag ("red flag") {
        /// New numbness in the groin, genitals or saddle area (cauda equina). Required.
        SaddleNumbness = "saddle_numbness",
        /// New trouble passing urine, leaking urine or stool, or loss of bowel control. Required.
        BladderOrBowelChange = "bladder_or_bowel_change",
        /// Leg weakness that is getting worse. Required.
        ProgressiveLegWeakness = "progressive_leg_weakness",
        /// New numbness, tingling or weakness in both legs.
        BilateralLegSymptoms = "bilateral_leg_symptoms",
        /// New foot drop.
        NewFootDrop = "new_foot_drop",
        /// Ever had cancer. Required.
        HistoryOfCancer = "history_of_cancer",
        /// Fever with the back pain. Required.
        Fever = "fever",
        /// A serious infection in the last few weeks. Required.
        RecentSeriousInfection = "recent_serious_infection",
        /// A major injury (fall, car accident) or a suspected broken bone. Required.
        MajorTrauma = "major_trauma",
        /// Severe pain that is getting worse fast, or bad pain at night or at rest. Required.
        SevereWorseningPain = "severe_worsening_pain",
        /// A minor fall, knock or strain before the pain (urgent with osteoporosis or steroids).
        MinorTrauma = "minor_trauma",
        /// Weight loss without trying. Required.
        UnexplainedWeightLoss = "unexplained_weight_loss",
        /// No improvement after a month of self-care (asked only before pain is chronic).
        NoImprovementAfterMonth = "no_improvement_after_month",
        /// Inflammatory back pain features (morning stiffness easing with exercise, …).
        InflammatoryFeatures = "inflammatory_features",
        /// Steroid tablets taken for three months or more.
        LongTermCorticosteroids = "long_term_corticosteroids",
        /// Osteoporosis (thin bones).
        Osteoporosis = "osteoporosis",
        /// Ever injected drugs.
        IntravenousDrugUse = "intravenous_drug_use",
        /// A weakened immune system, a risk factor for spinal infection. Asked once, among the
        /// cautions (`cautions.immunosuppression`); the screen reads that answer.
        Immunosuppression = "immunosuppression",
        /// Age under 20 (from `age_years`).
        AgeUnder20 = "age_under_20",
        /// Age over 50 with pain that is not yet chronic (from `age_years`).
        AgeOver50 = "age_over_50",
        /// Age over 65 (from `age_years`): with minor trauma, urgent (`RF-U`, revision 2026-12).
        AgeOver65 = "age_over_65",
    }
}

impl RedFlag {
    /// The emergency signs every non-emergency outcome names (`RF-NET`): seek care at once
    /// if any of them appears.
    pub const SAFETY_NET: [RedFlag; 5] = [
        RedFlag::SaddleNumbness,
        RedFlag::BladderOrBowelChange,
        RedFlag::ProgressiveLegWeakness,
        RedFlag::BilateralLegSymptoms,
        RedFlag::NewFootDrop,
    ];

    /// The same-day tier of the safety net (`RF-NET`, revision 2026-12): the `RF-U` items a
    /// person can notice at home. Get medical help the same day if any of them appears.
    pub const SAME_DAY_NET: [RedFlag; 2] = [RedFlag::Fever, RedFlag::SevereWorseningPain];

    /// The article's nine items: the screen is incomplete while any of them is unknown.
    pub const REQUIRED: [RedFlag; 9] = [
        RedFlag::SaddleNumbness,
        RedFlag::BladderOrBowelChange,
        RedFlag::ProgressiveLegWeakness,
        RedFlag::HistoryOfCancer,
        RedFlag::Fever,
        RedFlag::RecentSeriousInfection,
        RedFlag::MajorTrauma,
        RedFlag::SevereWorseningPain,
        RedFlag::UnexplainedWeightLoss,
    ];

    /// The tier this item raises when present (reference §7.3).
    ///
    /// Four items act in combination: `minor_trauma` is urgent only with osteoporosis,
    /// long-term corticosteroids or `age_over_65`, and `age_over_50` is a weaker cancer risk factor that is urgent
    /// only with another (unexplained weight loss, no improvement after a month). Their tier
    /// here is the tier of that combination.
    #[must_use]
    pub const fn tier(self) -> Tier {
        use RedFlag as F;
        match self {
            F::SaddleNumbness
            | F::BladderOrBowelChange
            | F::ProgressiveLegWeakness
            | F::BilateralLegSymptoms
            | F::NewFootDrop => Tier::Emergency,
            F::HistoryOfCancer
            | F::Fever
            | F::RecentSeriousInfection
            | F::MajorTrauma
            | F::SevereWorseningPain
            | F::MinorTrauma
            | F::AgeOver50
            | F::AgeOver65 => Tier::UrgentEvaluation,
            F::UnexplainedWeightLoss
            | F::NoImprovementAfterMonth
            | F::InflammatoryFeatures
            | F::LongTermCorticosteroids
            | F::Osteoporosis
            | F::IntravenousDrugUse
            | F::Immunosuppression
            | F::AgeUnder20 => Tier::EvaluationFirst,
        }
    }

    /// Whether this is one of the nine required items.
    #[must_use]
    pub fn is_required(self) -> bool {
        RedFlag::REQUIRED.contains(&self)
    }

    /// Whether the item is not a field of `red_flags`: the age factors follow `age_years`,
    /// and immunosuppression is the caution of the same name.
    #[must_use]
    pub const fn is_derived(self) -> bool {
        matches!(self, RedFlag::AgeUnder20 | RedFlag::AgeOver50 | RedFlag::AgeOver65 | RedFlag::Immunosuppression)
    }
}

name_enum! {
    /// A safety caution (reference §8.2, `SAFE-01`), named as in the intake's `cautions`.
    pub enum Caution ("caution") {
        /// Takes blood thinners (anticoagulants).
        Anticoagulants = "anticoagulants",
        /// Has a bleeding disorder.
        BleedingDisorder = "bleeding_disorder",
        /// The bleeding disorder is severe (for example haemophilia).
        SevereBleedingDisorder = "severe_bleeding_disorder",
        /// Immune suppression or a high risk of infection.
        Immunosuppression = "immunosuppression",
        /// Is or may be pregnant.
        Pregnancy = "pregnancy",
        /// Has a pacemaker, defibrillator, stimulator or pump.
        ImplantedElectricalDevice = "implanted_electrical_device",
        /// Skin infection, wound, ulcer, burn or lesion where needles would go.
        SkinLesionAtNeedleSite = "skin_lesion_at_needle_site",
        /// Epilepsy or another seizure disorder.
        SeizureDisorder = "seizure_disorder",
        /// Loss of skin sensation where stimulation would go (electroacupuncture only).
        LossOfSkinSensation = "loss_of_skin_sensation",
        /// Impaired circulation or severe arterial disease (electroacupuncture only).
        ImpairedCirculation = "impaired_circulation",
    }
}

/// Declares the struct of answers for one family of items: one field per item, named as the
/// item, omitted = unknown, unknown fields rejected.
macro_rules! answers {
    ($(#[$meta:meta])* $name:ident for $item:ident { $($field:ident: $variant:ident,)+ } derived { $($derived:ident),* }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $( $field: Answer, )+
        }

        impl $name {
            /// Everything unknown (nothing asked yet).
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            /// The answer for `item`; `None` for an item that is not asked.
            #[must_use]
            pub const fn get(&self, item: $item) -> Option<Answer> {
                match item {
                    $( $item::$variant => Some(self.$field), )+
                    $( $item::$derived => None, )*
                }
            }

            /// Records the answer for `item`. Items that are not asked are ignored and
            /// reported as `false`.
            pub fn set(&mut self, item: $item, answer: Answer) -> bool {
                match item {
                    $( $item::$variant => { self.$field = answer; true } )+
                    $( $item::$derived => false, )*
                }
            }

            /// The same answers with `item` set to `answer`.
            #[must_use]
            pub fn with(mut self, item: $item, answer: Answer) -> Self {
                self.set(item, answer);
                self
            }
        }
    };
}

answers! {
    /// Answers to the red-flag screen, as the intake's `red_flags` object.
    RedFlagAnswers for RedFlag {
        saddle_numbness: SaddleNumbness,
        bladder_or_bowel_change: BladderOrBowelChange,
        progressive_leg_weakness: ProgressiveLegWeakness,
        bilateral_leg_symptoms: BilateralLegSymptoms,
        new_foot_drop: NewFootDrop,
        history_of_cancer: HistoryOfCancer,
        fever: Fever,
        recent_serious_infection: RecentSeriousInfection,
        major_trauma: MajorTrauma,
        severe_worsening_pain: SevereWorseningPain,
        minor_trauma: MinorTrauma,
        unexplained_weight_loss: UnexplainedWeightLoss,
        no_improvement_after_month: NoImprovementAfterMonth,
        inflammatory_features: InflammatoryFeatures,
        long_term_corticosteroids: LongTermCorticosteroids,
        osteoporosis: Osteoporosis,
        intravenous_drug_use: IntravenousDrugUse,
    } derived { Immunosuppression, AgeUnder20, AgeOver50, AgeOver65 }
}

answers! {
    /// Answers to the safety cautions, as the intake's `cautions` object.
    CautionAnswers for Caution {
        anticoagulants: Anticoagulants,
        bleeding_disorder: BleedingDisorder,
        severe_bleeding_disorder: SevereBleedingDisorder,
        immunosuppression: Immunosuppression,
        pregnancy: Pregnancy,
        implanted_electrical_device: ImplantedElectricalDevice,
        skin_lesion_at_needle_site: SkinLesionAtNeedleSite,
        seizure_disorder: SeizureDisorder,
        loss_of_skin_sensation: LossOfSkinSensation,
        impaired_circulation: ImpairedCirculation,
    } derived { }
}

impl CautionAnswers {
    /// Every caution, in catalogue order, with its answer.
    pub fn iter(&self) -> impl Iterator<Item = (Caution, Answer)> + '_ {
        Caution::ALL.iter().filter_map(|c| self.get(*c).map(|answer| (*c, answer)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asked_item_has_a_field_and_derived_ones_do_not() {
        let mut answers = RedFlagAnswers::new();
        for flag in RedFlag::ALL {
            assert_eq!(answers.set(*flag, Answer::Present), !flag.is_derived(), "{flag}");
            let expected = (!flag.is_derived()).then_some(Answer::Present);
            assert_eq!(answers.get(*flag), expected, "{flag}");
        }
        let mut cautions = CautionAnswers::new();
        for caution in Caution::ALL {
            assert!(cautions.set(*caution, Answer::Absent));
            assert_eq!(cautions.get(*caution), Some(Answer::Absent));
        }
    }

    #[test]
    fn the_required_items_are_the_articles_nine() {
        assert_eq!(RedFlag::REQUIRED.len(), 9);
        let names: Vec<_> = RedFlag::REQUIRED.iter().map(|f| f.as_str()).collect();
        for name in [
            "saddle_numbness",
            "bladder_or_bowel_change",
            "progressive_leg_weakness",
            "fever",
            "unexplained_weight_loss",
            "history_of_cancer",
            "recent_serious_infection",
            "major_trauma",
            "severe_worsening_pain",
        ] {
            assert!(names.contains(&name), "{name} should be required");
        }
    }

    #[test]
    fn tiers_follow_reference_7_3() {
        assert_eq!(RedFlag::SaddleNumbness.tier(), Tier::Emergency);
        assert_eq!(RedFlag::NewFootDrop.tier(), Tier::Emergency);
        assert_eq!(RedFlag::HistoryOfCancer.tier(), Tier::UrgentEvaluation);
        assert_eq!(RedFlag::SevereWorseningPain.tier(), Tier::UrgentEvaluation);
        assert_eq!(RedFlag::UnexplainedWeightLoss.tier(), Tier::EvaluationFirst);
        assert_eq!(RedFlag::AgeUnder20.tier(), Tier::EvaluationFirst);
        assert!(Tier::Emergency < Tier::UrgentEvaluation);
        assert!(Tier::UrgentEvaluation < Tier::EvaluationFirst);
    }
}
