//! Tri-state answers and the items they answer: red flags and safety cautions.

use crate::error::IntakeError;

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
    /// screen is incomplete.
    ///
    /// [`RedFlag::ALL`] lists every item the screen reads, including four that are not
    /// fields of `red_flags` ([`RedFlag::is_derived`]): `age_under_20`, `age_over_50` and
    /// `age_over_65` follow `age_years`, and `immunosuppression` is answered once, as the
    /// caution of that name. A form builds its red-flag questions from [`RedFlag::ASKED`], the
    /// items an app sets, in order.
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
    /// The items an app sets in `red_flags` (every item but the four derived ones), in
    /// catalogue order. Build a form from this list, not from [`RedFlag::ALL`].
    pub const ASKED: [RedFlag; 17] = [
        RedFlag::SaddleNumbness,
        RedFlag::BladderOrBowelChange,
        RedFlag::ProgressiveLegWeakness,
        RedFlag::BilateralLegSymptoms,
        RedFlag::NewFootDrop,
        RedFlag::HistoryOfCancer,
        RedFlag::Fever,
        RedFlag::RecentSeriousInfection,
        RedFlag::MajorTrauma,
        RedFlag::SevereWorseningPain,
        RedFlag::MinorTrauma,
        RedFlag::UnexplainedWeightLoss,
        RedFlag::NoImprovementAfterMonth,
        RedFlag::InflammatoryFeatures,
        RedFlag::LongTermCorticosteroids,
        RedFlag::Osteoporosis,
        RedFlag::IntravenousDrugUse,
    ];

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

    /// Whether the item is not a field of `red_flags` (see [`RedFlag::derived_from`]).
    #[must_use]
    pub const fn is_derived(self) -> bool {
        self.derived_from().is_some()
    }

    /// For an item that is not a field of `red_flags`, the input field the screen reads it
    /// from: `age_years` for the age factors, `cautions.immunosuppression` for
    /// immunosuppression (asked once, among the cautions).
    #[must_use]
    pub const fn derived_from(self) -> Option<&'static str> {
        match self {
            RedFlag::AgeUnder20 | RedFlag::AgeOver50 | RedFlag::AgeOver65 => Some("age_years"),
            RedFlag::Immunosuppression => Some("cautions.immunosuppression"),
            _ => None,
        }
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

/// Every name `cleared_by_clinician` accepts: the red flags in catalogue order, then the
/// cautions that are not also a red flag (immunosuppression is both, one name).
const CLEARABLE_COUNT: usize = RedFlag::ALL.len() + Caution::ALL.len() - 1;
pub(crate) const CLEARABLE_NAMES: [&str; CLEARABLE_COUNT] = clearable_names();

#[expect(clippy::indexing_slicing, reason = "const evaluation: an index out of range fails the build, not a caller")]
const fn clearable_names() -> [&'static str; CLEARABLE_COUNT] {
    let mut names = [""; CLEARABLE_COUNT];
    let mut n = 0;
    let mut i = 0;
    while i < RedFlag::ALL.len() {
        names[n] = RedFlag::ALL[i].as_str();
        n += 1;
        i += 1;
    }
    let mut j = 0;
    while j < Caution::ALL.len() {
        if !matches!(Caution::ALL[j], Caution::Immunosuppression) {
            names[n] = Caution::ALL[j].as_str();
            n += 1;
        }
        j += 1;
    }
    names
}

/// Declares the struct of answers for one family of items: one field per item, named as the
/// item, omitted = unknown, unknown or repeated fields rejected, read from a JSON object only.
/// Items listed as `derived` have no field: setting one is an error
/// ([`IntakeError::DerivedItem`]), in Rust and in JSON (at the item's own path,
/// `red_flags.age_over_50`), never silently dropped.
macro_rules! answers {
    (@struct $(#[$meta:meta])* $name:ident for $item:ident { $($field:ident: $variant:ident,)+ } derived { $($dfield:ident: $derived:ident),* }) => {
        $(#[$meta])*
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
        #[serde(default, deny_unknown_fields)]
        pub struct $name {
            $( $field: Answer, )+
        }

        // Read by hand rather than derived: from an object only (a derived struct also reads a
        // sequence, by position), an unknown field lists only the asked items, and a derived
        // item is refused at its own path (`red_flags.age_over_50`).
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                const FIELDS: &[&str] = &[$( stringify!($field), )+];

                struct Key($item);
                impl<'de> serde::Deserialize<'de> for Key {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        struct Name;
                        impl serde::de::Visitor<'_> for Name {
                            type Value = Key;
                            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                                f.write_str("a field name")
                            }
                            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Key, E> {
                                match name {
                                    $( stringify!($field) => Ok(Key($item::$variant)), )+
                                    $( stringify!($dfield) => Ok(Key($item::$derived)), )*
                                    _ => Err(E::unknown_field(name, FIELDS)),
                                }
                            }
                        }
                        deserializer.deserialize_identifier(Name)
                    }
                }

                struct Fields;
                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an object")
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $( let mut $field: Option<Answer> = None; )+
                        while let Some(Key(item)) = map.next_key()? {
                            match item {
                                $(
                                    $item::$variant => {
                                        if $field.is_some() {
                                            return Err(serde::de::Error::duplicate_field(stringify!($field)));
                                        }
                                        $field = Some(map.next_value()?);
                                    }
                                )+
                                $( $item::$derived => map.next_value_seed(Refused(item))?, )*
                            }
                        }
                        Ok($name { $( $field: $field.unwrap_or_default(), )+ })
                    }
                }
                deserializer.deserialize_map(Fields)
            }
        }

        impl $name {
            /// Everything unknown (nothing asked yet).
            #[must_use]
            pub fn new() -> Self {
                Self::default()
            }

            /// The answer for `item`; `None` for an item that is not asked here.
            #[must_use]
            pub const fn get(&self, item: $item) -> Option<Answer> {
                match item {
                    $( $item::$variant => Some(self.$field), )+
                    $( $item::$derived => None, )*
                }
            }
        }
    };
    ($(#[$meta:meta])* $name:ident for $item:ident { $($field:ident: $variant:ident,)+ } derived { }) => {
        answers!(@struct $(#[$meta])* $name for $item { $($field: $variant,)+ } derived { });

        impl $name {
            /// Records the answer for `item`.
            pub fn set(&mut self, item: $item, answer: Answer) {
                match item {
                    $( $item::$variant => self.$field = answer, )+
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
    ($(#[$meta:meta])* $name:ident for $item:ident { $($field:ident: $variant:ident,)+ } derived { $($dfield:ident: $derived:ident),+ }) => {
        answers!(@struct $(#[$meta])* $name for $item { $($field: $variant,)+ } derived { $($dfield: $derived),+ });

        impl $name {
            /// Records the answer for `item`.
            ///
            /// # Errors
            ///
            /// [`IntakeError::DerivedItem`] for an item that has no field here (see
            /// [`RedFlag::derived_from`]), whatever the answer: it is never dropped silently.
            pub fn set(&mut self, item: $item, answer: Answer) -> Result<(), IntakeError> {
                match item {
                    $( $item::$variant => self.$field = answer, )+
                    $( $item::$derived => return Err(IntakeError::DerivedItem { item }), )+
                }
                Ok(())
            }

            /// The same answers with `item` set to `answer`.
            ///
            /// # Errors
            ///
            /// As [`Self::set`].
            pub fn with(mut self, item: $item, answer: Answer) -> Result<Self, IntakeError> {
                self.set(item, answer)?;
                Ok(self)
            }
        }
    };
}

/// The value of a derived item's field in JSON: any value is [`IntakeError::DerivedItem`],
/// raised while reading the value so that the error's path names the field.
struct Refused(RedFlag);

impl<'de> serde::de::DeserializeSeed<'de> for Refused {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, _: D) -> Result<(), D::Error> {
        Err(serde::de::Error::custom(IntakeError::DerivedItem { item: self.0 }))
    }
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
    } derived { immunosuppression: Immunosuppression, age_under_20: AgeUnder20, age_over_50: AgeOver50, age_over_65: AgeOver65 }
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
    fn every_asked_item_has_a_field_and_setting_a_derived_one_is_an_error() {
        let mut answers = RedFlagAnswers::new();
        for flag in RedFlag::ALL {
            let set = answers.set(*flag, Answer::Present);
            if flag.is_derived() {
                assert_eq!(set, Err(IntakeError::DerivedItem { item: *flag }), "{flag}");
                assert_eq!(answers.get(*flag), None, "{flag}");
            } else {
                assert_eq!(set, Ok(()), "{flag}");
                assert_eq!(answers.get(*flag), Some(Answer::Present), "{flag}");
            }
        }
        let mut cautions = CautionAnswers::new();
        for caution in Caution::ALL {
            cautions.set(*caution, Answer::Absent);
            assert_eq!(cautions.get(*caution), Some(Answer::Absent));
        }
    }

    #[test]
    fn asked_is_all_but_the_derived_items_in_catalogue_order() {
        let asked: Vec<RedFlag> = RedFlag::ALL.iter().copied().filter(|f| !f.is_derived()).collect();
        assert_eq!(asked, RedFlag::ASKED);
        let derived: Vec<RedFlag> = RedFlag::ALL.iter().copied().filter(|f| f.is_derived()).collect();
        assert_eq!(derived, [RedFlag::Immunosuppression, RedFlag::AgeUnder20, RedFlag::AgeOver50, RedFlag::AgeOver65]);
        // The shared item is a caution, so a form that asks the cautions asks it.
        assert!(Caution::ALL.iter().any(|c| c.as_str() == RedFlag::Immunosuppression.as_str()));
    }

    #[test]
    fn the_clearable_names_are_every_red_flag_and_caution_once() {
        let mut union: Vec<&str> = RedFlag::ALL.iter().map(|f| f.as_str()).collect();
        union.extend(Caution::ALL.iter().map(|c| c.as_str()).filter(|c| RedFlag::ALL.iter().all(|f| f.as_str() != *c)));
        assert_eq!(CLEARABLE_NAMES.to_vec(), union);
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
