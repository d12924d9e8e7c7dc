//! The assessment: what [`assess`](crate::assess) decides, with the rules and sources behind it.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::evidence::{Basis, RuleId, SourceId, Status};
use crate::model::answers::{Caution, RedFlag, Tier};
use crate::model::course::AdverseEffect;
use crate::model::intake::{Modality, StartBackRisk};
use crate::model::measures::Measure;

/// The version of the JSON contract every output carries.
pub const CONTRACT_VERSION: u32 = 1;

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

impl Triage {
    /// Whether a trial plan comes with this outcome (only the two favourable ones).
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
    /// The present cautions that shaped the advice, in catalogue order.
    pub because: Vec<Caution>,
    /// Cautions still unanswered: each caps the advice at `discuss_first` until answered.
    pub unanswered: Vec<Caution>,
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

/// An inclusive range of whole numbers.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Lowest.
    pub min: u32,
    /// Highest.
    pub max: u32,
}

/// When a trial is reviewed (`COURSE-01`): at least `min_sessions`, and either `sessions`
/// sessions or `days` days since the first session.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Sessions needed in any case.
    pub min_sessions: u32,
    /// Sessions that reach the checkpoint on their own.
    pub sessions: u32,
    /// Days since the first session that reach it together with `min_sessions`.
    pub days: u32,
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
    pub goals: Vec<String>,
    /// What to try if the trial does not help.
    pub pivot_options: Cow<'static, [PivotOption]>,
    /// Open-ended maintenance is not recommended (`COURSE-03`).
    pub maintenance_recommended: bool,
}

/// What a finding observed. The `code` is stable and machine-readable, for apps that localize.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Detail {
    /// `DUR-01`: the triage duration category.
    DurationCategory {
        /// Days since onset.
        days: u32,
        /// The category.
        category: DurationCategory,
    },
    /// `DUR-02`: whether Medicare's 12-weeks-or-longer criterion is met.
    MedicareDuration {
        /// Days since onset.
        days: u32,
        /// Whether it counts as chronic for Medicare.
        chronic: bool,
    },
    /// `DUR-03`: the CDC category, by calendar months.
    CdcDuration {
        /// The category.
        category: DurationCategory,
    },
    /// A red flag answered present.
    RedFlagPresent {
        /// The item.
        item: RedFlag,
        /// Its tier.
        tier: Tier,
    },
    /// Items that raise a tier together (`RF-U`).
    RedFlagCombination {
        /// The items.
        items: Vec<RedFlag>,
        /// The tier they raise.
        tier: Tier,
    },
    /// A combination that would raise the tier is possible: a partner is unknown.
    PossibleCombination {
        /// Present items.
        present: Vec<RedFlag>,
        /// Unknown partners to ask about first.
        unknown: Vec<RedFlag>,
    },
    /// A present red flag was cleared by a clinician (`RF-CLEAR`).
    RedFlagCleared {
        /// The item.
        item: RedFlag,
    },
    /// A clearance was not applied.
    ClearanceNotApplied {
        /// The item name.
        item: Cow<'static, str>,
        /// Why.
        reason: ClearanceRefusal,
    },
    /// No improvement after a month is not used once pain is chronic (`RF-M`).
    NotUsedWhenChronic {
        /// The item.
        item: RedFlag,
    },
    /// Age over 50 with pain that is not chronic: see a clinician if not improving within a
    /// month (`RF-M`).
    AgeSafetyNet {
        /// Age in years.
        age_years: u8,
    },
    /// Required screening items are unanswered (`RF-00`).
    ScreeningIncomplete {
        /// The items, by input name.
        unanswered: Vec<RedFlag>,
    },
    /// Acupuncture messaging is withheld until the person is evaluated (`RF-00`).
    AcupunctureWithheld {
        /// The outcome that withholds it.
        triage: Triage,
    },
    /// The signs that mean seek care at once (`RF-NET`).
    SafetyNet {
        /// The emergency signs.
        signs: Cow<'static, [RedFlag]>,
    },
    /// A present caution shaped the advice (`SAFE-01`).
    CautionPresent {
        /// The caution.
        caution: Caution,
    },
    /// A present caution was cleared by the clinician who manages it.
    CautionCleared {
        /// The caution.
        caution: Caution,
    },
    /// Unanswered cautions cap advice at `discuss_first`.
    CautionsUnanswered {
        /// The cautions.
        cautions: Vec<Caution>,
    },
    /// The triage holds every modality's advice.
    AdviceHeldByTriage {
        /// The outcome.
        triage: Triage,
        /// The most permissive advice it allows.
        at_most: Advice,
    },
    /// No proposed modality is usable now.
    NoUsableModality,
    /// A guideline's position applies.
    GuidelinePosition {
        /// The guideline.
        source: SourceId,
        /// Its stance.
        stance: Stance,
    },
    /// Evidence statements, sham and usual care together (`EV-01`).
    EvidenceStatements,
    /// Evidence from the BackInAction trial in adults 65 and over (`EV-BIA-01`).
    OlderAdultTrial,
    /// Dry needling's evidence was not reviewed by the reference (`DN-01`).
    DryNeedlingEvidenceNotReviewed,
    /// A good-fit scenario applies (`ENG-FIT`; explanation only).
    GoodFit {
        /// The scenario.
        factor: GoodFit,
    },
    /// A previous course did not help: a repeat trial is unlikely to help (`ENG-REPEAT`).
    RepeatTrialUnlikelyToHelp,
    /// A STarT Back risk group targets support (`GL-NICE-02`).
    RiskStratification {
        /// The risk group.
        risk: StartBackRisk,
    },
    /// A time-limited trial with a checkpoint (`COURSE-01`).
    TrialPlan,
    /// Open-ended maintenance is not recommended (`COURSE-03`).
    NoOpenEndedMaintenance,
    /// Minor effects are common, serious ones rare (`SAFE-AE-01`).
    SideEffects,
    /// The course checkpoint is reached (`COURSE-01`).
    CheckpointReached {
        /// Sessions done.
        sessions_done: u32,
        /// Days since the first session.
        days_since_first: u32,
    },
    /// The course checkpoint is not reached yet (`COURSE-01`).
    CheckpointNotReached {
        /// Sessions done.
        sessions_done: u32,
        /// Days since the first session.
        days_since_first: u32,
    },
    /// The log follows its own plan rather than the default (`COURSE-01`).
    PlanFromLog,
    /// The change from baseline is meaningful (`OUT-01`).
    MeaningfulImprovement {
        /// The measure.
        measure: Measure,
    },
    /// The change from baseline is not meaningful (`OUT-01`).
    NoMeaningfulImprovement {
        /// The measure.
        measure: Measure,
    },
    /// The scores are regressing (`OUT-02`).
    Regressing {
        /// The measure.
        measure: Measure,
    },
    /// No session has been scored since the baseline: improvement is not shown (`COURSE-01`).
    NoMeasurement,
    /// A red flag appeared during the course (`COURSE-04` with the flag's tier rule).
    NewRedFlag {
        /// The item.
        item: RedFlag,
        /// Its tier.
        tier: Tier,
        /// The session it was recorded at.
        date: chrono::NaiveDate,
    },
    /// A serious adverse event (`COURSE-04`; its tier is engine policy).
    SeriousAdverseEvent {
        /// The event.
        effect: AdverseEffect,
        /// The tier of care it calls for.
        tier: Tier,
        /// The session it was recorded at.
        date: chrono::NaiveDate,
    },
    /// Minor reactions, recorded and explained, not a reason to stop (`SAFE-AE-01`).
    MinorReactions {
        /// The reactions, once each.
        effects: Vec<AdverseEffect>,
    },
    /// An adverse effect recorded as `other`: for the practitioner to assess (`SAFE-AE-01`).
    UnclassifiedAdverseEffect {
        /// The session it was recorded at.
        date: chrono::NaiveDate,
    },
    /// The course maximum is reached (`COURSE-03`).
    CourseMaximumReached {
        /// Sessions done.
        sessions_done: u32,
    },
    /// Try something else (`COURSE-01`).
    PivotRecommended,
    /// Original Medicare covers no more visits of this course (`COURSE-02`).
    MedicareLimitReached,
    /// Original Medicare's limits cap the sessions still recommended (`COURSE-02`).
    MedicareAllowance {
        /// Visits Medicare would still cover.
        visits: u32,
    },
    /// The NCD edition applied (`MCR-08`).
    NcdApplied,
    /// Dry needling is covered only under the NCD's rules (`MCR-07`).
    DryNeedlingUnderNcd,
    /// Visits decided for one reason (the reason's rule).
    Coverage {
        /// The reason.
        reason: crate::CoverageReason,
        /// The visits it applied to.
        dates: Vec<chrono::NaiveDate>,
    },
    /// A practitioner quality signal and what is documented about it (`ENG-PRACTITIONER`).
    PractitionerSignal {
        /// The signal.
        signal: crate::QualitySignal,
        /// What is documented.
        status: crate::Fact,
    },
    /// Whether the practitioner may furnish Medicare-covered acupuncture (`MCR-06`).
    MedicareQualification {
        /// `yes`, `no`, or `undocumented` while a needed fact is missing.
        qualified: crate::Fact,
    },
    /// Dry needling is permitted, prohibited or unaddressed by state (`DN-01`; FSBPT-DN).
    DryNeedlingRulesVaryByState,
    /// How the 90-day window was read (interpretation; the NCD does not say, UV).
    WindowInterpretation {
        /// The option applied.
        window_start: crate::WindowStart,
    },
    /// How "annually" was read (interpretation; the NCD does not say, UV).
    YearInterpretation {
        /// The option applied.
        year: crate::CapYear,
    },
    /// Needles are sterile, single-use devices (`SAFE-FDA-01`).
    SingleUseNeedles,
}

/// A rule that fired, with the facts it used and the sources it stands on.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub rule: RuleId,
    /// Its sources (from the catalogue).
    pub sources: Cow<'static, [SourceId]>,
    /// Its verification status.
    pub status: Status,
    /// Source rule or engine policy.
    pub basis: Basis,
    /// What it observed.
    #[serde(flatten)]
    pub detail: Detail,
}

impl Finding {
    /// A finding of `rule`, citing the rule's sources from the catalogue.
    #[must_use]
    pub fn new(rule: RuleId, detail: Detail) -> Self {
        let info = rule.info();
        Finding { rule, sources: Cow::Borrowed(info.sources), status: info.status, basis: info.basis, detail }
    }
}

/// The outcome of [`assess`](crate::assess) (JSON contract v1).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// Always [`CONTRACT_VERSION`].
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
    pub unanswered: Vec<RedFlag>,
    /// Other unknown items worth asking (names of red flags and cautions), emergency-tier
    /// first, then urgent, then evaluation-first, then cautions.
    pub also_ask: Vec<Cow<'static, str>>,
    /// Present red flags still in force, with their tiers, most urgent first.
    pub red_flags: Vec<FlagTier>,
    /// Advice per proposed modality, in the order proposed.
    pub modalities: Vec<ModalityAdvice>,
    /// Guideline positions side by side (empty under `emergency` and `urgent_evaluation`).
    pub guideline_positions: Vec<GuidelinePosition>,
    /// Evidence statements, sham and usual care together (empty under `emergency` and
    /// `urgent_evaluation`).
    pub evidence: Cow<'static, [EvidenceStatement]>,
    /// The trial plan: present only with `acupuncture_reasonable` or
    /// `conservative_care_first`.
    pub trial_plan: Option<TrialPlan>,
    /// The signs that mean seek care at once (`RF-NET`); empty only under `emergency`,
    /// whose text is the instruction itself.
    pub safety_net: Cow<'static, [RedFlag]>,
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
