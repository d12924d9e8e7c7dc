//! Choosing a practitioner (reference §12, §17): the article's quality signals
//! (`ENG-PRACTITIONER`), Medicare qualification (`MCR-06`), and acupuncture vs dry needling
//! (`DN-01`), which are never substituted for each other.

use std::borrow::Cow;

use crate::model::fact::Fact;
use crate::model::medicare::{Discipline, MedicarePractitioner};
use crate::model::practitioner::{PractitionerProfile, QualitySignal};
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::practitioner_review::{
    MedicareQualification, PractitionerReview, PractitionerVerdict, SignalStatus,
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

/// The overall verdict (engine policy on the article's signals): no needling where the
/// practitioner is documented as unlicensed or not using sterile single-use needles; ask first
/// while either is undocumented or another signal is documented as missing.
#[must_use]
pub fn verdict(profile: &PractitionerProfile) -> PractitionerVerdict {
    let safety = [profile.signal(QualitySignal::Licensed), profile.signal(QualitySignal::SingleUseNeedles)];
    if safety.contains(&Fact::No) {
        PractitionerVerdict::DoNotHaveNeedlingHere
    } else if safety.contains(&Fact::Undocumented) || QualitySignal::ALL.iter().any(|s| profile.signal(*s) == Fact::No)
    {
        PractitionerVerdict::AskFirst
    } else {
        PractitionerVerdict::NoConcernsFound
    }
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
        review.findings.push(Finding::new(RuleId::EngPractitioner, Detail::PractitionerSignal { signal, documented }));
    }
    review.verdict = verdict(profile);
    review
        .findings
        .push(Finding::new(RuleId::EngPractitioner, Detail::PractitionerVerdict { verdict: review.verdict }));
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
        // MCR-07: Medicare covers dry needling only for chronic low back pain under the NCD's
        // rules, practitioner requirements included.
        review.findings.push(Finding::new(RuleId::Mcr07, Detail::DryNeedlingUnderNcd));
    }
    review.questions = Cow::Borrowed(QUESTIONS);
    review
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signals_are_sorted_into_documented_missing_and_unknown() {
        let mut profile = PractitionerProfile::new(Discipline::LicensedAcupuncturist);
        profile.single_use_needles = Fact::Yes;
        profile.measures_progress = Fact::No;
        let r = review(&profile);
        assert_eq!(r.signals.len(), QualitySignal::ALL.len());
        assert_eq!(r.missing, [QualitySignal::MeasuresProgress]);
        assert!(r.unknown.contains(&QualitySignal::Licensed) && !r.unknown.contains(&QualitySignal::SingleUseNeedles));
        assert_eq!(r.questions.len(), 3);
    }

    #[test]
    fn medicare_qualification_is_yes_no_or_undocumented() {
        let mut physician = PractitionerProfile::new(Discipline::Physician);
        assert_eq!(medicare_qualification(&physician).may_furnish, Fact::Undocumented);
        physician.state_licensed = Fact::Yes;
        assert_eq!(medicare_qualification(&physician).may_furnish, Fact::Yes);
        let mut pt = PractitionerProfile::new(Discipline::PhysicalTherapist);
        pt.state_licensed = Fact::Yes;
        pt.acupuncture_degree = Fact::No;
        let q = medicare_qualification(&pt);
        assert_eq!(q.may_furnish, Fact::No, "a fact that is false rules it out even with others undocumented");
        assert!(!q.furnishes_directly);
    }

    #[test]
    fn an_unlicensed_practitioner_without_single_use_needles_is_a_plain_no() {
        let mut p = PractitionerProfile::new(Discipline::LicensedAcupuncturist);
        p.state_licensed = Fact::No;
        p.single_use_needles = Fact::No;
        assert_eq!(review(&p).verdict, PractitionerVerdict::DoNotHaveNeedlingHere);
        p.state_licensed = Fact::Yes;
        p.single_use_needles = Fact::Undocumented;
        assert_eq!(review(&p).verdict, PractitionerVerdict::AskFirst);
        p.single_use_needles = Fact::Yes;
        assert_eq!(review(&p).verdict, PractitionerVerdict::NoConcernsFound);
    }

    #[test]
    fn dry_needling_is_kept_distinct() {
        let mut pt = PractitionerProfile::new(Discipline::PhysicalTherapist);
        pt.offers = vec![Modality::DryNeedling];
        let r = review(&pt);
        assert!(r.findings.iter().any(|f| f.detail == Detail::DryNeedlingRulesVaryByState));
        assert!(r.findings.iter().any(|f| f.rule == RuleId::Dn01));
        let acupuncturist = review(&PractitionerProfile::new(Discipline::LicensedAcupuncturist));
        assert!(!acupuncturist.findings.iter().any(|f| f.rule == RuleId::Dn01));
    }
}
