//! A practitioner's profile: the discipline, the modalities offered, and what is documented
//! about the article's quality signals and Medicare qualification (`MCR-06`).

use serde::Serialize;

use crate::error::PractitionerError;
use crate::model::fact::Fact;
use crate::model::medicare::Discipline;
use crate::model::modality::Modality;

name_enum! {
    /// A signal of a practitioner worth choosing (reference §12, §17; the article's list).
    pub enum QualitySignal ("quality signal") {
        /// Licensed where the state requires it.
        Licensed = "licensed",
        /// National certification (NCCAOM Dipl. Ac.): private and voluntary, not a licence.
        NationalCertification = "national_certification",
        /// Sterile, single-use needles, opened in front of the patient.
        SingleUseNeedles = "single_use_needles",
        /// Explains goals and timeline and how progress will be measured.
        MeasuresProgress = "measures_progress",
        /// Has a plan if there is no improvement after 4-6 sessions.
        PlanIfNoImprovement = "plan_if_no_improvement",
        /// Willing to coordinate with the patient's clinician or physical therapist.
        CoordinatesCare = "coordinates_care",
        /// Works with people who have this type of back pain.
        TreatsThisType = "treats_this_type",
    }
}

object_struct! {
    /// What is known about a practitioner. Every fact is optional: omitted means not documented.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
    #[serde(deny_unknown_fields)]
    pub struct PractitionerProfile {
        /// The discipline.
        pub discipline: Discipline,
        /// The modalities offered (default: manual acupuncture), none twice: a profile read from
        /// JSON that repeats one is rejected.
        #[serde(default = "default_offers", deserialize_with = "unique_offers")]
        pub offers: Vec<Modality>,
        /// Meets the state's requirements (licensed where required).
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub state_licensed: Fact,
        /// An accredited master's or doctoral degree in acupuncture or Oriental Medicine.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub acupuncture_degree: Fact,
        /// A current, full, active, unrestricted acupuncture licence.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub acupuncture_license: Fact,
        /// Supervised by a physician, PA, NP or CNS (auxiliary personnel).
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub supervised: Fact,
        /// National certification (NCCAOM).
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub national_certification: Fact,
        /// Sterile, single-use needles opened in front of the patient.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub single_use_needles: Fact,
        /// Explains goals, timeline and how progress will be measured.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub measures_progress: Fact,
        /// Has a plan if there is no improvement after 4-6 sessions.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub plan_if_no_improvement: Fact,
        /// Willing to coordinate with the patient's clinician or physical therapist.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub coordinates_care: Fact,
        /// Works with people who have this type of back pain.
        #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
        pub treats_this_type: Fact,
    }
}

fn default_offers() -> Vec<Modality> {
    vec![Modality::ManualAcupuncture]
}

/// `offers`, none twice.
fn unique_offers<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Modality>, D::Error> {
    let offers = <Vec<Modality> as serde::Deserialize>::deserialize(deserializer)?;
    match offers.iter().enumerate().find_map(|(i, m)| offers.iter().take(i).any(|b| b == m).then_some(*m)) {
        Some(modality) => Err(serde::de::Error::custom(PractitionerError::DuplicateOffer { modality })),
        None => Ok(offers),
    }
}

impl PractitionerProfile {
    /// A profile with nothing documented but the discipline.
    #[must_use]
    pub fn new(discipline: Discipline) -> Self {
        PractitionerProfile {
            discipline,
            offers: default_offers(),
            state_licensed: Fact::Undocumented,
            acupuncture_degree: Fact::Undocumented,
            acupuncture_license: Fact::Undocumented,
            supervised: Fact::Undocumented,
            national_certification: Fact::Undocumented,
            single_use_needles: Fact::Undocumented,
            measures_progress: Fact::Undocumented,
            plan_if_no_improvement: Fact::Undocumented,
            coordinates_care: Fact::Undocumented,
            treats_this_type: Fact::Undocumented,
        }
    }

    /// What is documented about `signal`.
    #[must_use]
    pub const fn signal(&self, signal: QualitySignal) -> Fact {
        match signal {
            QualitySignal::Licensed => self.state_licensed,
            QualitySignal::NationalCertification => self.national_certification,
            QualitySignal::SingleUseNeedles => self.single_use_needles,
            QualitySignal::MeasuresProgress => self.measures_progress,
            QualitySignal::PlanIfNoImprovement => self.plan_if_no_improvement,
            QualitySignal::CoordinatesCare => self.coordinates_care,
            QualitySignal::TreatsThisType => self.treats_this_type,
        }
    }
}
