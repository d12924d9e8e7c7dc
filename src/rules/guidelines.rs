//! Guideline positions side by side (reference §3, §14), evidence statements (`EV-01`,
//! `EV-BIA-01`), dry needling (`DN-01`) and risk stratification (`GL-NICE-02`).
//!
//! Positions are never merged into one verdict. Each keeps its jurisdiction and its own
//! strength and evidence labels; VA/DoD is carried with status `UV` and kept out of patient
//! text.

use std::borrow::Cow;

use crate::evidence::SourceId;
use crate::outcome::assessment::{
    Comparator, DurationCategory, EvidenceStatement, GuidelinePosition, Jurisdiction, Stance,
};
use crate::outcome::finding::{Detail, Finding};
use crate::{Intake, Modality, RuleId};

/// The positions that apply to a person whose pain is `acp` under `DUR-01` and `cdc` under
/// `DUR-03`, in a fixed order: ACP, NICE, CDC, VA/DoD.
#[must_use]
pub fn positions(acp: DurationCategory, cdc: DurationCategory) -> Vec<GuidelinePosition> {
    // A position's status is its rule's, from the catalogue row (`evidence`), never typed here.
    let position = |source, rule: RuleId, jurisdiction, population, stance, strength, evidence| GuidelinePosition {
        source,
        rule,
        jurisdiction,
        population: Cow::Borrowed(population),
        stance,
        strength_native: Cow::Borrowed(strength),
        evidence_native: Cow::Borrowed(evidence),
        status: rule.info().status,
    };
    let us = Jurisdiction::UnitedStates;
    let acp_position = if acp == DurationCategory::Chronic {
        position(
            SourceId::Acp2017,
            RuleId::GlAcp02,
            us,
            "adults with chronic low back pain (Rec 2: initial non-drug treatment)",
            Stance::Recommend,
            "strong recommendation",
            "moderate-quality evidence",
        )
    } else {
        position(
            SourceId::Acp2017,
            RuleId::GlAcp01,
            us,
            "adults with acute or subacute low back pain (Rec 1: initial non-drug options; most improve over time regardless of treatment)",
            Stance::Recommend,
            "strong recommendation",
            "low-quality evidence",
        )
    };
    let cdc_position = match cdc {
        DurationCategory::Acute => position(
            SourceId::Cdc2022,
            RuleId::GlCdc01,
            us,
            "acute pain (Rec 1: maximise non-drug therapies; acupuncture named for acute low back pain, citing ACP)",
            Stance::Consider,
            "category B recommendation",
            "evidence type 3",
        ),
        DurationCategory::Subacute => position(
            SourceId::Cdc2022,
            RuleId::GlCdc01,
            us,
            "subacute pain (Rec 2: non-opioid therapies preferred; acupuncture is named for chronic, not subacute, low back pain)",
            Stance::NotAddressed,
            "none for acupuncture in subacute pain (Rec 2's category A is about non-opioid therapies in general)",
            "none for acupuncture in subacute pain",
        ),
        DurationCategory::Chronic => position(
            SourceId::Cdc2022,
            RuleId::GlCdc01,
            us,
            "chronic pain (Rec 2: non-opioid therapies preferred; acupuncture named among non-drug options for chronic low back pain)",
            Stance::Consider,
            "category A recommendation",
            "evidence type 2",
        ),
    };
    vec![
        acp_position,
        position(
            SourceId::NiceNg59,
            RuleId::GlNice01,
            Jurisdiction::UnitedKingdom,
            "people aged 16 and over with low back pain with or without sciatica, any duration",
            Stance::RecommendAgainst,
            "\"do not offer acupuncture for managing low back pain with or without sciatica\" (recommendation number, believed 1.2.8, is unverified)",
            "no treatment-specific effect over sham shown; the review found benefit against usual care",
        ),
        cdc_position,
        position(
            SourceId::Vadod2022,
            RuleId::GlVadod01,
            us,
            "veterans and service members with low back pain",
            Stance::Unverified,
            "not retrieved (unverified)",
            "not retrieved (unverified)",
        ),
    ]
}

/// `EV-01`: the usual-care and the sham comparison, always together.
pub const EVIDENCE: &[EvidenceStatement] = &[
    EvidenceStatement {
        comparator: Comparator::UsualCare,
        statement: Cow::Borrowed(
            "Compared with usual care or no treatment, acupuncture gives a small-to-moderate benefit on pain and function, mostly short term and partly persisting.",
        ),
        sources: Cow::Borrowed(RuleId::Ev01.sources()),
    },
    EvidenceStatement {
        comparator: Comparator::Sham,
        statement: Cow::Borrowed(
            "Compared with sham (simulated) acupuncture, the difference is small or not clinically important.",
        ),
        sources: Cow::Borrowed(RuleId::Ev01.sources()),
    },
];

/// Records the guideline and evidence findings for this intake.
pub fn record(intake: &Intake, positions: &[GuidelinePosition], acp: DurationCategory, findings: &mut Vec<Finding>) {
    for p in positions {
        findings.push(Finding::new(p.rule, Detail::GuidelinePosition { source: p.source, stance: p.stance }));
    }
    findings.push(Finding::new(RuleId::Ev01, Detail::EvidenceStatements));
    // EV-01 scope (revision 2026-12): the statements come from chronic-pain studies.
    if acp != DurationCategory::Chronic {
        findings.push(Finding::new(RuleId::Ev01, Detail::EvidenceFromChronicPain { category: acp }));
        findings.push(Finding::new(RuleId::GlChou01, Detail::LimitedEvidenceWhenNotChronic));
    }
    // BackInAction enrolled adults aged 65 and over with chronic low back pain, and gave manual
    // needling only (reference §5): its finding goes with a manual acupuncture proposal.
    if acp == DurationCategory::Chronic
        && intake.age().years() >= 65
        && intake.proposed_modalities().contains(&Modality::ManualAcupuncture)
    {
        findings.push(Finding::new(RuleId::EvBia01, Detail::OlderAdultTrial));
    }
    if intake.proposed_modalities().contains(&Modality::DryNeedling) {
        findings.push(Finding::new(RuleId::Dn01, Detail::DryNeedlingEvidenceNotReviewed));
    }
    if let Some(risk) = intake.start_back_risk() {
        findings.push(Finding::new(RuleId::GlNice02, Detail::RiskStratification { risk }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::Status;
    use DurationCategory::{Acute, Chronic, Subacute};

    #[test]
    fn acp_position_follows_dur_01_and_keeps_its_own_grade() {
        let chronic = positions(Chronic, Chronic);
        assert_eq!(chronic[0].rule, RuleId::GlAcp02);
        assert_eq!(chronic[0].evidence_native, "moderate-quality evidence");
        let acute = positions(Acute, Acute);
        assert_eq!(acute[0].rule, RuleId::GlAcp01);
        assert_eq!(acute[0].evidence_native, "low-quality evidence");
    }

    #[test]
    fn nice_is_against_at_every_duration_and_never_merged_away() {
        for category in [Acute, Subacute, Chronic] {
            let list = positions(category, category);
            let nice = list.iter().find(|p| p.source == SourceId::NiceNg59).unwrap();
            assert_eq!(nice.stance, Stance::RecommendAgainst);
            assert_eq!(nice.jurisdiction, Jurisdiction::UnitedKingdom);
            assert!(list.iter().any(|p| p.stance == Stance::Recommend), "ACP stays beside NICE");
        }
    }

    #[test]
    fn a_position_carries_its_rule_rows_status_and_cdc_subacute_carries_no_acupuncture_grade() {
        for category in [Acute, Subacute, Chronic] {
            for p in positions(category, category) {
                assert_eq!(p.status, p.rule.info().status, "{} {category}", p.source);
            }
        }
        let subacute = positions(Subacute, Subacute);
        let cdc = subacute.iter().find(|p| p.source == SourceId::Cdc2022).unwrap();
        assert_eq!(cdc.stance, Stance::NotAddressed);
        assert!(!cdc.evidence_native.contains("evidence type"), "{}", cdc.evidence_native);
    }

    #[test]
    fn vadod_is_carried_unverified() {
        let list = positions(Chronic, Chronic);
        let va = list.iter().find(|p| p.source == SourceId::Vadod2022).unwrap();
        assert_eq!(va.status, Status::Uv);
        assert_eq!(va.stance, Stance::Unverified);
    }

    #[test]
    fn a_position_takes_its_status_from_its_rule_row() {
        for category in [Acute, Subacute, Chronic] {
            for p in positions(category, category) {
                assert_eq!(p.status, p.rule.info().status, "{}", p.rule);
            }
        }
    }

    #[test]
    fn ev_01_pairs_sham_with_usual_care() {
        let comparators: Vec<_> = EVIDENCE.iter().map(|e| e.comparator).collect();
        assert_eq!(comparators, [Comparator::UsualCare, Comparator::Sham]);
    }
}
