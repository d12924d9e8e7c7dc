//! Choosing a practitioner (reference §12, §17): the article's quality signals
//! (`ENG-PRACTITIONER`), Medicare qualification (`MCR-06`), and acupuncture vs dry needling
//! (`DN-01`), which are never substituted for each other.

use std::borrow::Cow;

use crate::model::assessment::{Detail, Finding};
use crate::model::fact::Fact;
use crate::model::medicare::{Discipline, MedicarePractitioner};
use crate::model::practitioner::{
    MedicareQualification, PractitionerProfile, PractitionerReview, QualitySignal, SignalStatus,
};
use crate::rules::medicare::practitioner_reasons;
use crate::{Modality, RuleId};

/// The article's questions worth asking a practitioner (reference §17).
pub const QUESTIONS: &[Cow<'static, str>] = &[
    Cow::Borrowed("How will we measure progress: pain, function, sleep, activity?"),
    Cow::Borrowed("What is your plan if I don't improve after 4-6 sessions?"),
    Cow::Borrowed("Do you work with people who have my type of back pain (chronic, sciatica-like, post-injury)?"),
];

/// `MCR-06` for a profile: qualified, ruled out, or undocumented.
#[must_use]
pub fn medicare_qualification(profile: &PractitionerProfile) -> MedicareQualification {
    let reasons = practitioner_reasons(&MedicarePractitioner {
        kind: profile.discipline,
        state_licensed: profile.state_licensed,
        acupuncture_degree: profile.acupuncture_degree,
        acupuncture_license: profile.acupuncture_license,
        supervised: profile.supervised,
    });
    let ruled_out = reasons.iter().any(|r| !r.undocumented());
    let may_furnish = match (reasons.is_empty(), ruled_out) {
        (true, _) => Fact::Yes,
        (false, true) => Fact::No,
        (false, false) => Fact::Undocumented,
    };
    MedicareQualification { may_furnish, reasons, furnishes_directly: profile.discipline.furnishes_directly() }
}

/// Reviews a practitioner's profile.
#[must_use]
pub fn review(profile: &PractitionerProfile) -> PractitionerReview {
    let mut review = PractitionerReview::new(profile.discipline);
    for &signal in QualitySignal::ALL {
        let documented = profile.signal(signal);
        review.signals.push(SignalStatus { signal, documented });
        match documented {
            Fact::No => review.missing.push(signal),
            Fact::Undocumented => review.unknown.push(signal),
            Fact::Yes => {}
        }
        review
            .findings
            .push(Finding::new(RuleId::EngPractitioner, Detail::PractitionerSignal { signal, status: documented }));
    }
    review.medicare = medicare_qualification(profile);
    review
        .findings
        .push(Finding::new(RuleId::Mcr06, Detail::MedicareQualification { qualified: review.medicare.may_furnish }));
    review.offers = profile.offers.clone();
    if profile.offers.contains(&Modality::DryNeedling) {
        review.findings.push(Finding::new(RuleId::Dn01, Detail::DryNeedlingEvidenceNotReviewed));
        if profile.discipline == Discipline::PhysicalTherapist {
            review.findings.push(Finding::new(RuleId::Dn01, Detail::DryNeedlingRulesVaryByState));
        }
    }
    review.questions = Cow::Borrowed(QUESTIONS);
    review
}
