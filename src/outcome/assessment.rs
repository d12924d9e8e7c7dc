//! The assessment: what [`assess`](crate::assess) decides, with the rules and sources behind it.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::evidence::{RuleId, SourceId, Status};
use crate::model::answers::{Caution, RedFlag, Tier};
use crate::model::measures::Measure;
use crate::model::modality::Modality;
use crate::model::plan::{Checkpoint, Span};
use crate::outcome::finding::Finding;
use crate::outcome::set::{CautionSet, RedFlagSet};

name_enum! {
    /// The triage outcome, from the most to the least urgent (DESIGN.md §Triage policy).
    pub enum Triage ("triage") {
        /// `RF-E`: seek emergency care now; no acupuncture.
        Emergency = "emergency",
        /// `RF-U`: urgent medical evaluation before any acupuncture.
        UrgentEvaluation = "urgent_evaluation",
        /// A required red-flag question is unanswered.
        ScreeningIncomplete = "screening_incomplete",
        /// `RF-M`: medical assessment before a course.
        EvaluationFirst = "evaluation_first",
        /// Chronic pain, no flags: acupuncture is a reasonable option to try.
        AcupunctureReasonable = "acupuncture_reasonable",
        /// Acute or subacute pain, no flags: most episodes improve with time and staying
        /// active; acupuncture is one option with low-quality evidence.
        ConservativeCareFirst = "conservative_care_first",
    }
}

name_enum! {
    /// When to see a clinician: the one deadline an output carries (reference §7.3, revision
    /// 2026-12: "one deadline per output"), from the most to the least urgent. An incomplete
    /// screen whose open required answer would, if yes, be urgent or an emergency carries the
    /// most urgent deadline such a yes would set (`RF-ASK` with `RF-U`, engine policy).
    pub enum Timeframe ("timeframe") {
        /// `RF-E`: emergency care now.
        Now = "now",
        /// `RF-U` same day: a fever with another infection risk factor, or a trauma route in
        /// the last few days (engine policy).
        Today = "today",
        /// `RF-U`: within the next few days, today if possible.
        WithinDays = "within_days",
        /// `RF-M` (engine policy): soon, within about two weeks, and before any needling.
        WithinTwoWeeks = "within_two_weeks",
        /// Age over 50 with pain that is not chronic: see a clinician if not improving within
        /// a month (`RF-M` safety net).
        IfNotImprovingWithinAMonth = "if_not_improving_within_a_month",
    }
}

impl Triage {
    /// Whether a trial plan may come with this outcome (only the two favourable ones). The
    /// plan is still `null` when no proposed modality is usable or an earlier course did not
    /// help (revision 2026-12).
    #[must_use]
    pub const fn allows_trial(self) -> bool {
        matches!(self, Triage::AcupunctureReasonable | Triage::ConservativeCareFirst)
    }
}

name_enum! {
    /// A duration category.
    pub enum DurationCategory ("duration category") {
        /// Acute.
        Acute = "acute",
        /// Subacute.
        Subacute = "subacute",
        /// Chronic.
        Chronic = "chronic",
    }
}

name_enum! {
    /// Advice for one modality (`SAFE-01`), from the most to the least permissive.
    pub enum Advice ("advice") {
        /// Nothing in the answers stands against it.
        Suitable = "suitable",
        /// Reasonable after talking it through with the practitioner (and prescriber, where
        /// named).
        DiscussFirst = "discuss_first",
        /// Only after the named problem is cleared (for example, avoiding an area of skin).
        NeedsClearance = "needs_clearance",
        /// Not advised until evaluated or cleared by the responsible clinician.
        NotAdvised = "not_advised",
    }
}

name_enum! {
    /// A guideline's stance on acupuncture (reference §0.3). Never merged across guidelines.
    pub enum Stance ("stance") {
        /// Recommends it.
        Recommend = "recommend",
        /// Suggests or names it among options to consider.
        Consider = "consider",
        /// Finds the evidence insufficient.
        InsufficientEvidence = "insufficient_evidence",
        /// Recommends against it.
        RecommendAgainst = "recommend_against",
        /// Does not address this population.
        NotAddressed = "not_addressed",
        /// The position could not be verified (kept out of patient text).
        Unverified = "unverified",
    }
}

name_enum! {
    /// Where a guideline applies.
    pub enum Jurisdiction ("jurisdiction") {
        /// United States.
        UnitedStates = "us",
        /// United Kingdom (England and Wales).
        UnitedKingdom = "uk",
    }
}

name_enum! {
    /// What acupuncture was compared with (reference §14.2).
    pub enum Comparator ("comparator") {
        /// Usual care or no treatment.
        UsualCare = "usual_care",
        /// Sham (simulated) acupuncture.
        Sham = "sham",
    }
}

name_enum! {
    /// What to try instead when a trial does not help (reference §11 `COURSE-01`, §17).
    pub enum PivotOption ("pivot option") {
        /// Exercise or rehabilitation focus (physical therapy).
        ExerciseRehabilitation = "exercise_rehabilitation",
        /// Psychological approaches (mindfulness-based, cognitive behavioural).
        PsychologicalApproaches = "psychological_approaches",
        /// Medication review.
        MedicationReview = "medication_review",
        /// Re-evaluation for a more specific diagnosis.
        SpecificDiagnosisReview = "specific_diagnosis_review",
        /// Imaging, only if clinically indicated.
        ImagingIfIndicated = "imaging_if_indicated",
    }
}

name_enum! {
    /// The article's good-fit scenarios (reference §17).
    pub enum GoodFit ("good-fit factor") {
        /// Chronic pain not improved with basic self-care.
        NotImprovedWithSelfCare = "not_improved_with_self_care",
        /// Wants to limit medication or cannot tolerate some medicines.
        LimitMedication = "limit_medication",
        /// Pain with stress, poor sleep and muscle tension.
        StressSleepOrTension = "stress_sleep_or_tension",
        /// A bridge to physical therapy or exercise.
        BridgeToExercise = "bridge_to_exercise",
    }
}

name_enum! {
    /// Why a clinician's clearance was not applied.
    pub enum ClearanceRefusal ("clearance refusal") {
        /// Emergency signs need emergency assessment and a new intake, not a clearance.
        EmergencyItem = "emergency_item",
        /// The item was not answered `present`, so there was nothing to clear.
        NotPresent = "not_present",
    }
}

/// How long the pain has lasted, classified under `DUR-01` (the scheme used for triage).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SymptomDuration {
    /// Whole days from onset to the assessment date.
    pub days: u32,
    /// The `DUR-01` category.
    pub category: DurationCategory,
}

/// Advice for one proposed modality.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModalityAdvice {
    /// The modality.
    pub modality: Modality,
    /// The advice.
    pub advice: Advice,
    /// The present cautions that set the advice level, in catalogue order (`SAFE-01`: a
    /// caution that calls for a milder level is listed in `also_present`, not here).
    pub because: CautionSet,
    /// Cautions still unanswered: each caps the advice at `discuss_first` until answered.
    pub unanswered: CautionSet,
    /// Present cautions that did not set the level (they call for a milder one), in catalogue
    /// order. Added in ruleset 2026-12.
    pub also_present: CautionSet,
}

/// One guideline's position, shown beside the others and never merged with them.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelinePosition {
    /// The guideline.
    pub source: SourceId,
    /// The rule that states the position.
    pub rule: RuleId,
    /// Where it applies.
    pub jurisdiction: Jurisdiction,
    /// Who it covers.
    pub population: Cow<'static, str>,
    /// The stance on acupuncture for this person's duration category.
    pub stance: Stance,
    /// The guideline's own strength label.
    pub strength_native: Cow<'static, str>,
    /// The guideline's own evidence label.
    pub evidence_native: Cow<'static, str>,
    /// Verification status: `UV` positions are for clinicians only, labelled.
    pub status: Status,
}

/// An efficacy statement with its comparator (`EV-01`: sham and usual-care statements are
/// always shown together).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceStatement {
    /// What acupuncture was compared with.
    pub comparator: Comparator,
    /// The statement.
    pub statement: Cow<'static, str>,
    /// Where it comes from.
    pub sources: Cow<'static, [SourceId]>,
}

/// The time-limited trial (reference §11; article heuristic, labelled as such).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrialPlan {
    /// Sessions in the trial before deciding.
    pub trial_sessions: Span,
    /// Sessions in a full course.
    pub course_sessions: Span,
    /// When to reassess.
    pub checkpoint: Checkpoint,
    /// Needle retention per session, in minutes.
    pub needle_minutes: Span,
    /// What to measure at baseline and at the checkpoint.
    pub measures: Cow<'static, [Measure]>,
    /// The patient's own activities to re-rate (`psfs`).
    // Shared with the intake's `Goals` (`Intake::shared_goals`), never copied.
    pub goals: Arc<[String]>,
    /// What to try if the trial does not help.
    pub pivot_options: Cow<'static, [PivotOption]>,
    /// Open-ended maintenance is not recommended (`COURSE-03`).
    pub maintenance_recommended: bool,
}

/// The outcome of [`assess`](crate::assess) (JSON contract v2).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Assessment {
    /// Always [`CONTRACT_VERSION`](crate::CONTRACT_VERSION).
    pub contract_version: u32,
    /// The edition of the rules ([`RULESET_VERSION`](crate::RULESET_VERSION)).
    pub ruleset_version: Cow<'static, str>,
    /// The assessment date, as given.
    pub assessed_on: chrono::NaiveDate,
    /// The triage outcome.
    pub triage: Triage,
    /// Duration under `DUR-01`.
    pub duration: SymptomDuration,
    /// The pain pattern, as given.
    pub pattern: crate::Pattern,
    /// Required red-flag items still unknown, by input name, in screen order.
    pub unanswered: RedFlagSet,
    /// Other unknown items worth asking (names of red flags and cautions), emergency-tier
    /// first, then urgent, then evaluation-first, then cautions.
    pub also_ask: Vec<Cow<'static, str>>,
    /// Present red flags still in force, with their tiers, most urgent first.
    pub red_flags: Vec<FlagTier>,
    /// Advice per proposed modality, in the order proposed.
    pub modalities: Vec<ModalityAdvice>,
    /// Guideline positions side by side (empty under `emergency` and `urgent_evaluation`).
    pub guideline_positions: Cow<'static, [GuidelinePosition]>,
    /// Evidence statements, sham and usual care together (empty under `emergency` and
    /// `urgent_evaluation`).
    pub evidence: Cow<'static, [EvidenceStatement]>,
    /// The trial plan: present only with `acupuncture_reasonable` or
    /// `conservative_care_first`, when a proposed modality is usable and no earlier course
    /// failed.
    pub trial_plan: Option<TrialPlan>,
    /// The signs that mean seek care at once (`RF-NET`); empty only under `emergency`,
    /// whose text is the instruction itself.
    pub safety_net: Cow<'static, [RedFlag]>,
    /// The same-day tier of the safety net (`RF-NET`, revision 2026-12): signs that mean get
    /// medical help the same day; empty only under `emergency`. Added in ruleset 2026-12.
    pub same_day_signs: Cow<'static, [RedFlag]>,
    /// The one deadline this output gives for seeing a clinician, if any. Added in ruleset
    /// 2026-12.
    pub timeframe: Option<Timeframe>,
    /// Every rule that fired, in the order the engine applied them.
    pub findings: Vec<Finding>,
}

/// A red flag with the tier it raises.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagTier {
    /// The item.
    pub item: RedFlag,
    /// Its tier.
    pub tier: Tier,
}

/// The unanswered cautions of all modalities, once each, in catalogue order.
pub fn unanswered_cautions(advice: &[ModalityAdvice]) -> impl Iterator<Item = Caution> + use<> {
    advice.iter().fold(CautionSet::EMPTY, |all, m| all.union(m.unanswered)).into_iter()
}

impl Assessment {
    /// Whether any finding comes from `rule`.
    #[must_use]
    pub fn fired(&self, rule: RuleId) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }

    /// The advice for `modality`, if it was proposed.
    #[must_use]
    pub fn advice_for(&self, modality: Modality) -> Option<Advice> {
        self.modalities.iter().find(|m| m.modality == modality).map(|m| m.advice)
    }
}
