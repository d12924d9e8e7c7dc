//! This crate's CDS Hooks services, as listed in the discovery document, with the FHIR data
//! each asks the EHR to prefetch.

use std::collections::BTreeMap;

use super::{Discovery, Service};
use crate::interop::canonical::{ORDER_SIGN_SERVICE, PATIENT_VIEW_SERVICE, QUESTIONNAIRE_URL};

/// The hooks this crate's services answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Hook {
    /// `patient-view`: the clinician opens the patient's chart.
    PatientView,
    /// `order-sign`: the clinician is about to sign orders (a draft acupuncture or
    /// dry-needling `ServiceRequest` among them).
    OrderSign,
}

impl Hook {
    /// Both hooks, in discovery order.
    pub const ALL: &'static [Hook] = &[Hook::PatientView, Hook::OrderSign];

    /// The hook's name on the wire (`patient-view`, `order-sign`).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Hook::PatientView => "patient-view",
            Hook::OrderSign => "order-sign",
        }
    }

    /// This crate's service for the hook
    /// ([`PATIENT_VIEW_SERVICE`], [`ORDER_SIGN_SERVICE`]).
    #[must_use]
    pub const fn service_id(self) -> &'static str {
        match self {
            Hook::PatientView => PATIENT_VIEW_SERVICE,
            Hook::OrderSign => ORDER_SIGN_SERVICE,
        }
    }

    /// The hook whose service has this id, if any.
    #[must_use]
    pub fn from_service_id(id: &str) -> Option<Hook> {
        Hook::ALL.iter().copied().find(|h| h.service_id() == id)
    }
}

impl std::fmt::Display for Hook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The prefetch keys and their FHIR query templates, the same for both services: the Patient
/// (birth date → age), the Conditions (low-back-pain onset and pattern), the pregnancy status
/// (LOINC 82810-3), the latest `QuestionnaireResponse` to the intake questionnaire (red flags
/// and cautions), the active MedicationRequests (anticoagulants, only through the deployment's
/// code table) and the outcome-score Observations. A key the EHR does not send is fetched
/// from its `fhirServer` when it gives one, with the same query; otherwise it is unknown.
#[must_use]
pub fn prefetch_templates() -> BTreeMap<String, String> {
    let patient = "{{context.patientId}}";
    [
        ("patient", format!("Patient/{patient}")),
        ("conditions", format!("Condition?patient={patient}")),
        ("pregnancy", format!("Observation?patient={patient}&code=http://loinc.org|82810-3&_sort=-date&_count=1")),
        (
            "intake",
            format!(
                "QuestionnaireResponse?questionnaire={QUESTIONNAIRE_URL}&patient={patient}&_sort=-authored&_count=1"
            ),
        ),
        ("medications", format!("MedicationRequest?patient={patient}&status=active")),
        ("scores", format!("Observation?patient={patient}&category=survey&_sort=-date")),
    ]
    .into_iter()
    .map(|(key, query)| (key.to_owned(), query))
    .collect()
}

/// The crate's services: `patient-view` (back-pain acupuncture guidance for the patient in
/// view) and `order-sign` (a draft acupuncture or dry-needling order about to be signed).
#[must_use]
pub fn discovery() -> Discovery {
    let needs = "Reads the prefetched FHIR data (or the EHR's fhirServer, with fhirAuthorization, for keys not sent): \
                 the Patient, low-back-pain Conditions, pregnancy status, and the latest QuestionnaireResponse to the \
                 intake questionnaire. Data it cannot have count as unknown, never as a no. Calls must carry the EHR's \
                 signed JWT.";
    Discovery {
        services: vec![
            Service {
                hook: Hook::PatientView.as_str().into(),
                title: "Acupuncture guidance for low back pain".into(),
                description: "Red-flag triage, safety cautions per modality, guideline positions side by side, and a time-limited trial plan, each with its rule and sources.".into(),
                id: Hook::PatientView.service_id().into(),
                prefetch: prefetch_templates(),
                usage_requirements: Some(needs.into()),
            },
            Service {
                hook: Hook::OrderSign.as_str().into(),
                title: "Acupuncture order check".into(),
                description: "When a draft acupuncture (CPT 97810-97814) or dry-needling (CPT 20560, 20561) order is signed: red flags to rule out first (with a suggestion to remove the order), cautions for the ordered modality, and the questions still to ask.".into(),
                id: Hook::OrderSign.service_id().into(),
                prefetch: prefetch_templates(),
                usage_requirements: Some(needs.into()),
            },
        ],
    }
}
