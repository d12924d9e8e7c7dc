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

/// A position, from the guideline's own labels. Its status is its rule's, from the catalogue
/// row (`evidence`), never typed here.
const fn position(
    source: SourceId,
    rule: RuleId,
    jurisdiction: Jurisdiction,
    population: &'static str,
    stance: Stance,
    [strength, evidence]: [&'static str; 2],
) -> GuidelinePosition {
    GuidelinePosition {
        source,
        rule,
        jurisdiction,
        population: Cow::Borrowed(population),
        stance,
        strength_native: Cow::Borrowed(strength),
        evidence_native: Cow::Borrowed(evidence),
        status: rule.info().status,
    }
}

const US: Jurisdiction = Jurisdiction::UnitedStates;

/// `GL-ACP-02`: chronic pain under `DUR-01`.
const ACP_CHRONIC: GuidelinePosition = position(
    SourceId::Acp2017,
    RuleId::GlAcp02,
    US,
    "adults with chronic low back pain (Rec 2: initial non-drug treatment)",
    Stance::Recommend,
    ["strong recommendation", "moderate-quality evidence"],
);

/// `GL-ACP-01`: acute or subacute pain under `DUR-01`.
const ACP_ACUTE_OR_SUBACUTE: GuidelinePosition = position(
    SourceId::Acp2017,
    RuleId::GlAcp01,
    US,
    "adults with acute or subacute low back pain (Rec 1: initial non-drug options; most improve over time regardless of treatment)",
    Stance::Recommend,
    ["strong recommendation", "low-quality evidence"],
);

/// `GL-NICE-01`, at every duration.
const NICE: GuidelinePosition = position(
    SourceId::NiceNg59,
    RuleId::GlNice01,
    Jurisdiction::UnitedKingdom,
    "people aged 16 and over with low back pain with or without sciatica, any duration",
    Stance::RecommendAgainst,
    [
        "\"do not offer acupuncture for managing low back pain with or without sciatica\" (recommendation number, believed 1.2.8, is unverified)",
        "no treatment-specific effect over sham shown; the review found benefit against usual care",
    ],
);

/// `GL-CDC-01`: acute pain under `DUR-03`.
const CDC_ACUTE: GuidelinePosition = position(
    SourceId::Cdc2022,
    RuleId::GlCdc01,
    US,
    "acute pain (Rec 1: maximise non-drug therapies; acupuncture named for acute low back pain, citing ACP)",
    Stance::Consider,
    ["category B recommendation", "evidence type 3"],
);

/// `GL-CDC-01`: subacute pain under `DUR-03`.
const CDC_SUBACUTE: GuidelinePosition = position(
    SourceId::Cdc2022,
    RuleId::GlCdc01,
    US,
    "subacute pain (Rec 2: non-opioid therapies preferred; acupuncture is named for chronic, not subacute, low back pain)",
    Stance::NotAddressed,
    [
        "none for acupuncture in subacute pain (Rec 2's category A is about non-opioid therapies in general)",
        "none for acupuncture in subacute pain",
    ],
);

/// `GL-CDC-01`: chronic pain under `DUR-03`.
const CDC_CHRONIC: GuidelinePosition = position(
    SourceId::Cdc2022,
    RuleId::GlCdc01,
    US,
    "chronic pain (Rec 2: non-opioid therapies preferred; acupuncture named among non-drug options for chronic low back pain)",
    Stance::Consider,
    ["category A recommendation", "evidence type 2"],
);

/// `GL-VADOD-01`, carried unverified.
const VADOD: GuidelinePosition = position(
    SourceId::Vadod2022,
    RuleId::GlVadod01,
    US,
    "veterans and service members with low back pain",
    Stance::Unverified,
    ["not retrieved (unverified)", "not retrieved (unverified)"],
);

/// The positions that apply to a person whose pain is `acp` under `DUR-01` and `cdc` under
/// `DUR-03`, in a fixed order: ACP, NICE, CDC, VA/DoD. (The engine asks for [`ordered`].)
#[cfg(test)]
#[must_use]
pub fn positions(acp: DurationCategory, cdc: DurationCategory) -> &'static [GuidelinePosition] {
    ordered(acp, cdc, None)
}

/// The positions for `acp` and `cdc` ([`positions`]), with the `governing` jurisdiction's
/// first and the others in catalogue order (reference §14.1: a deployment setting orders the
/// positions; it never hides one).
///
/// The lists are static, so an assessment borrows them: every combination is written out
/// once here, and a test checks each against the stable sort that defines the order.
#[must_use]
pub fn ordered(
    acp: DurationCategory,
    cdc: DurationCategory,
    governing: Option<Jurisdiction>,
) -> &'static [GuidelinePosition] {
    // The three orders of the positions `$acp` and `$cdc` beside NICE and VA/DoD.
    macro_rules! orders {
        ($acp:ident, $cdc:ident) => {{
            static CATALOGUE: [GuidelinePosition; 4] = [$acp, NICE, $cdc, VADOD];
            static US_FIRST: [GuidelinePosition; 4] = [$acp, $cdc, VADOD, NICE];
            static UK_FIRST: [GuidelinePosition; 4] = [NICE, $acp, $cdc, VADOD];
            match governing {
                None => &CATALOGUE,
                Some(Jurisdiction::UnitedStates) => &US_FIRST,
                Some(Jurisdiction::UnitedKingdom) => &UK_FIRST,
            }
        }};
    }
    match (acp == DurationCategory::Chronic, cdc) {
        (true, DurationCategory::Acute) => orders!(ACP_CHRONIC, CDC_ACUTE),
        (true, DurationCategory::Subacute) => orders!(ACP_CHRONIC, CDC_SUBACUTE),
        (true, DurationCategory::Chronic) => orders!(ACP_CHRONIC, CDC_CHRONIC),
        (false, DurationCategory::Acute) => orders!(ACP_ACUTE_OR_SUBACUTE, CDC_ACUTE),
        (false, DurationCategory::Subacute) => orders!(ACP_ACUTE_OR_SUBACUTE, CDC_SUBACUTE),
        (false, DurationCategory::Chronic) => orders!(ACP_ACUTE_OR_SUBACUTE, CDC_CHRONIC),
    }
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
    fn a_governing_jurisdiction_comes_first_and_the_rest_keep_catalogue_order() {
        for acp in [Acute, Subacute, Chronic] {
            for cdc in [Acute, Subacute, Chronic] {
                let catalogue = positions(acp, cdc);
                let sources: Vec<SourceId> = catalogue.iter().map(|p| p.source).collect();
                assert_eq!(sources, [SourceId::Acp2017, SourceId::NiceNg59, SourceId::Cdc2022, SourceId::Vadod2022]);
                for governing in Jurisdiction::ALL.iter().copied() {
                    let mut expected = catalogue.to_vec();
                    expected.sort_by_key(|p| p.jurisdiction != governing);
                    assert_eq!(ordered(acp, cdc, Some(governing)), expected, "{acp} {cdc} {governing}");
                }
            }
        }
    }

    #[test]
    fn ev_01_pairs_sham_with_usual_care() {
        let comparators: Vec<_> = EVIDENCE.iter().map(|e| e.comparator).collect();
        assert_eq!(comparators, [Comparator::UsualCare, Comparator::Sham]);
    }
}
