//! This crate's CDS Hooks services, as listed in the discovery document.

use super::{Discovery, Service};

/// The crate's services: `patient-view` (back-pain acupuncture guidance) and `order-select`
/// (an acupuncture referral being ordered).
#[must_use]
pub fn discovery() -> Discovery {
    let needs = "The integrating app supplies the patient's back-pain intake in the acupuncture-guidance JSON contract v2; \
                 the service does not read FHIR data itself.";
    Discovery {
        services: vec![
            Service {
                hook: "patient-view".into(),
                title: "Acupuncture guidance for low back pain".into(),
                description: "Red-flag triage, safety cautions per modality, guideline positions side by side, and a time-limited trial plan, each with its rule and sources.".into(),
                id: "acupuncture-guidance".into(),
                usage_requirements: Some(needs.into()),
            },
            Service {
                hook: "order-select".into(),
                title: "Acupuncture referral check".into(),
                description: "When an acupuncture referral is selected: red flags to rule out first, cautions for the proposed modality, and the trial plan.".into(),
                id: "acupuncture-referral".into(),
                usage_requirements: Some(needs.into()),
            },
        ],
    }
}
