//! The Medicare review: coverage of each visit, what is left, and the interpretations applied.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::evidence::{Basis, RULESET_VERSION, RuleId, Status};
use crate::model::medicare::{CapYear, Cpt, WindowStart};
use crate::model::modality::Modality;
use crate::outcome::CONTRACT_VERSION;
use crate::outcome::finding::Finding;

name_enum! {
    /// Why a visit is or is not covered. Each reason belongs to one rule ([`CoverageReason::rule`]).
    #[non_exhaustive]
    pub enum CoverageReason ("coverage reason") {
        /// Covered: within the first 12 visits of the 90-day window (MCR-02).
        InitialWindow = "initial_window",
        /// Covered: one of the 8 additional visits, beyond the initial 12 or after the 90-day
        /// window, while the latest recorded progress is improving (MCR-03; bill with the KX
        /// modifier).
        WhileImproving = "while_improving",
        /// Before the NCD's effective date, 2020-01-21 (MCR-08).
        BeforeEffectiveDate = "before_effective_date",
        /// The pain has lasted under 12 weeks at the visit (MCR-01, DUR-02).
        NotChronicYet = "not_chronic_yet",
        /// The pain has an identifiable systemic cause (MCR-01).
        NotNonSpecific = "not_non_specific",
        /// Whether the pain is non-specific is not documented (MCR-01).
        NonSpecificUndocumented = "non_specific_undocumented",
        /// The pain is associated with surgery (MCR-01).
        AssociatedWithSurgery = "associated_with_surgery",
        /// Whether the pain is associated with surgery is not documented (MCR-01).
        SurgeryUndocumented = "surgery_undocumented",
        /// The pain is associated with pregnancy (MCR-01).
        AssociatedWithPregnancy = "associated_with_pregnancy",
        /// Whether the pain is associated with pregnancy is not documented (MCR-01).
        PregnancyUndocumented = "pregnancy_undocumented",
        /// The practitioner does not meet state requirements (MCR-06).
        NoStateLicense = "no_state_license",
        /// State licensure is not documented (MCR-06).
        StateLicenseUndocumented = "state_license_undocumented",
        /// No accredited acupuncture degree (MCR-06).
        NoAcupunctureDegree = "no_acupuncture_degree",
        /// The acupuncture degree is not documented (MCR-06).
        AcupunctureDegreeUndocumented = "acupuncture_degree_undocumented",
        /// No current, full, unrestricted acupuncture licence (MCR-06).
        NoAcupunctureLicense = "no_acupuncture_license",
        /// The acupuncture licence is not documented (MCR-06).
        AcupunctureLicenseUndocumented = "acupuncture_license_undocumented",
        /// Auxiliary personnel not supervised as 42 CFR 410.26/410.27 require (MCR-06).
        NotSupervised = "not_supervised",
        /// Supervision is not documented (MCR-06).
        SupervisionUndocumented = "supervision_undocumented",
        /// An earlier visit recorded not improving: coverage has ended (MCR-05).
        StoppedNotImproving = "stopped_not_improving",
        /// An earlier visit recorded regressing: coverage has ended (MCR-05).
        StoppedRegressing = "stopped_regressing",
        /// Beyond the initial window, and the latest recorded progress is not improving (MCR-03).
        NoImprovementRecorded = "no_improvement_recorded",
        /// 20 visits already covered in the year window (MCR-04).
        AnnualCapReached = "annual_cap_reached",
        /// The 8 additional visits of this allotment are used (MCR-03: "an additional eight
        /// sessions").
        AdditionalVisitsUsed = "additional_visits_used",
    }
}

name_enum! {
    /// A reading of NCD 30.3.3 that the review applies where the NCD does not settle the
    /// question (reference §4.1, "Engine interpretations for the Medicare review"). Each is
    /// reported as a finding with `basis: interpretation` and its own status
    /// ([`NcdReading::status`]), never as a source rule.
    pub enum NcdReading ("NCD reading") {
        /// One history is one episode of chronic low back pain; MCR-05's stop is final within it.
        OneEpisode = "one_episode",
        /// Progress recorded at a visit affects later visits only; the latest recorded status
        /// carries forward; `not_recorded` never stops coverage by itself.
        ProgressCarriesForward = "progress_carries_forward",
        /// CMS does not define improvement numerically: the progress recorded is taken as given.
        ImprovementAsRecorded = "improvement_as_recorded",
        /// The allotment has two parts: at most 12 initial visits in the 90-day window, then at
        /// most 8 additional visits, each only while improving; unused initial visits do not
        /// carry over.
        TwoPartAllotment = "two_part_allotment",
        /// KX goes on the additional visits only, never on an initial visit.
        KxOnAdditionalOnly = "kx_on_additional_only",
        /// A new year window opens a new allotment (option `allotment_restarts_each_year`).
        AllotmentRestartsEachYear = "allotment_restarts_each_year",
        /// One allotment for the whole episode (option `allotment_restarts_each_year: false`).
        AllotmentOncePerEpisode = "allotment_once_per_episode",
        /// Eligibility (MCR-01) is judged at each visit's date.
        EligibilityAtEachVisit = "eligibility_at_each_visit",
        /// An excluded episode gets no counts of visits left and no next-visit guidance.
        ExcludedShowsNoCounts = "excluded_shows_no_counts",
        /// Auxiliary personnel furnish it incident-to, billed by the supervising practitioner.
        IncidentTo = "incident_to",
        /// Coverage counts visits, not codes; appending a visit never changes earlier ones.
        VisitsNotCodes = "visits_not_codes",
    }
}

impl NcdReading {
    /// The rule the reading interprets.
    #[must_use]
    pub const fn rule(self) -> RuleId {
        use NcdReading as N;
        match self {
            N::OneEpisode => RuleId::Mcr05,
            N::ProgressCarriesForward | N::ImprovementAsRecorded | N::TwoPartAllotment | N::KxOnAdditionalOnly => {
                RuleId::Mcr03
            }
            N::AllotmentRestartsEachYear | N::AllotmentOncePerEpisode => RuleId::Mcr04,
            N::EligibilityAtEachVisit | N::ExcludedShowsNoCounts => RuleId::Mcr01,
            N::IncidentTo => RuleId::Mcr06,
            N::VisitsNotCodes => RuleId::Mcr02,
        }
    }

    /// The reading's verification status: V1 where it rests directly on the NCD's text (the
    /// 12 + 8 counts, eligibility, the absence of a numeric definition), V2 where on payer and
    /// billing documents (KX, incident-to billing, CPT add-on codes), UV where the NCD is
    /// silent (one episode, carrying progress forward, a new allotment each year).
    #[must_use]
    pub const fn status(self) -> Status {
        use NcdReading as N;
        match self {
            N::TwoPartAllotment | N::ImprovementAsRecorded | N::EligibilityAtEachVisit | N::ExcludedShowsNoCounts => {
                Status::V1
            }
            N::KxOnAdditionalOnly | N::IncidentTo | N::VisitsNotCodes => Status::V2,
            N::OneEpisode | N::ProgressCarriesForward | N::AllotmentRestartsEachYear | N::AllotmentOncePerEpisode => {
                Status::Uv
            }
        }
    }
}

/// A finding for an interpretation of `rule` with `status`: the rule row's sources, labelled
/// `basis: interpretation`.
#[must_use]
pub fn interpretation(rule: RuleId, status: Status, detail: crate::outcome::finding::Detail) -> Finding {
    let mut finding = Finding::new(rule, detail);
    finding.status = status;
    finding.basis = Basis::Interpretation;
    finding
}

impl CoverageReason {
    /// Whether the reason is a fact that is not documented (rather than one that is false).
    #[must_use]
    pub const fn undocumented(self) -> bool {
        use CoverageReason as R;
        matches!(
            self,
            R::NonSpecificUndocumented
                | R::SurgeryUndocumented
                | R::PregnancyUndocumented
                | R::StateLicenseUndocumented
                | R::AcupunctureDegreeUndocumented
                | R::AcupunctureLicenseUndocumented
                | R::SupervisionUndocumented
        )
    }

    /// The rule behind the reason.
    #[must_use]
    pub const fn rule(self) -> RuleId {
        use CoverageReason as R;
        match self {
            R::InitialWindow => RuleId::Mcr02,
            R::WhileImproving | R::NoImprovementRecorded => RuleId::Mcr03,
            R::BeforeEffectiveDate => RuleId::Mcr08,
            R::NotChronicYet
            | R::NotNonSpecific
            | R::NonSpecificUndocumented
            | R::AssociatedWithSurgery
            | R::SurgeryUndocumented
            | R::AssociatedWithPregnancy
            | R::PregnancyUndocumented => RuleId::Mcr01,
            R::NoStateLicense
            | R::StateLicenseUndocumented
            | R::NoAcupunctureDegree
            | R::AcupunctureDegreeUndocumented
            | R::NoAcupunctureLicense
            | R::AcupunctureLicenseUndocumented
            | R::NotSupervised
            | R::SupervisionUndocumented => RuleId::Mcr06,
            R::StoppedNotImproving | R::StoppedRegressing => RuleId::Mcr05,
            R::AnnualCapReached => RuleId::Mcr04,
            R::AdditionalVisitsUsed => RuleId::Mcr03,
        }
    }
}

/// The coverage of one visit.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitCoverage {
    /// The date of service.
    pub date: NaiveDate,
    /// The modality.
    pub modality: Modality,
    /// The codes billed.
    pub cpt: Vec<Cpt>,
    /// Whether the visit is covered.
    pub covered: bool,
    /// Why (covered: the one reason; not covered: every reason found).
    pub reasons: Vec<CoverageReason>,
    /// The rules behind the reasons (and `MCR-07` for dry needling), in catalogue order.
    pub rules: Vec<RuleId>,
    /// Bill with the KX modifier: the additional visits (MCR-03; V2), never an initial one.
    pub kx_modifier: bool,
    /// Covered, and furnished by auxiliary personnel (not a physician, PA, NP or CNS): billed
    /// by the supervising practitioner, incident-to (MCR-06; an interpretation, V2).
    pub incident_to: bool,
    /// Covered visits so far in the episode, this one included.
    pub covered_so_far: u32,
    /// Covered visits so far in this visit's year window, this one included.
    pub covered_in_year: u32,
}

/// What the NCD leaves open and how this review read it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NcdInterpretations {
    /// What started the 90-day window.
    pub window_start: WindowStart,
    /// The window's first day (none if no visit was covered and the option needs one).
    pub window_from: Option<NaiveDate>,
    /// The window's last day (the start plus 89 days: 90 calendar days).
    pub window_until: Option<NaiveDate>,
    /// What "annually" meant.
    pub year: CapYear,
    /// Whether a new year window opened a new allotment.
    pub allotment_restarts_each_year: bool,
}

/// What is left of the benefit after the last visit.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenefitRemaining {
    /// Visits left in the initial window, usable until `window_until`.
    pub initial_window: u32,
    /// The last day of the initial window.
    pub window_until: Option<NaiveDate>,
    /// Additional visits left in the current allotment (at most 8; each needs improving
    /// progress and carries KX).
    pub additional: u32,
    /// Visits left in the current year window (MCR-04), whatever the parts allow.
    pub year_window: u32,
    /// The last day of the current year window.
    pub year_until: Option<NaiveDate>,
}

/// The outcome of [`review_medicare`](crate::review_medicare) (JSON contract v2).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MedicareReview {
    /// Always [`CONTRACT_VERSION`].
    pub contract_version: u32,
    /// The edition of the rules.
    pub ruleset_version: Cow<'static, str>,
    /// The coverage rule set applied (`MCR-08`).
    pub ncd: Cow<'static, str>,
    /// One entry per input visit, in date order.
    pub sessions: Vec<VisitCoverage>,
    /// Visits covered.
    pub covered_count: u32,
    /// What is left, and until when; `null` when the episode is excluded (MCR-01: a
    /// systemic cause, surgery or pregnancy) or coverage has ended (MCR-05).
    pub remaining: Option<BenefitRemaining>,
    /// What the next visit needs to be covered (reasons still in force after the last visit);
    /// empty when the episode is excluded.
    pub next_visit_needs: Vec<CoverageReason>,
    /// Whether the episode is excluded by MCR-01 (a documented systemic cause, association
    /// with surgery, or with pregnancy): no visit can be covered.
    pub excluded: bool,
    /// Whether coverage has ended for the episode (`MCR-05`).
    pub stopped: bool,
    /// How the NCD's open questions were read.
    pub interpretations: NcdInterpretations,
    /// Private plans are never inferred: always `unknown` unless the caller has plan data.
    pub private_plan_coverage: Cow<'static, str>,
    /// Every rule that fired.
    pub findings: Vec<Finding>,
}

impl MedicareReview {
    pub(crate) fn new() -> Self {
        MedicareReview {
            contract_version: CONTRACT_VERSION,
            ruleset_version: Cow::Borrowed(RULESET_VERSION),
            ncd: Cow::Borrowed("NCD 30.3.3 version 1, effective 2020-01-21"),
            sessions: Vec::new(),
            covered_count: 0,
            remaining: None,
            next_visit_needs: Vec::new(),
            excluded: false,
            stopped: false,
            interpretations: NcdInterpretations {
                window_start: WindowStart::FirstCoveredVisit,
                window_from: None,
                window_until: None,
                year: CapYear::Rolling12Months,
                allotment_restarts_each_year: true,
            },
            private_plan_coverage: Cow::Borrowed("unknown"),
            findings: Vec::new(),
        }
    }
}
