//! Findings: the rules that fired, with the facts they used and the sources they stand on.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::evidence::{Basis, RuleId, SourceId, Status};
use crate::model::answers::{Caution, RedFlag, Tier};
use crate::model::course::AdverseEffect;
use crate::model::intake::StartBackRisk;
use crate::model::measures::Measure;
use crate::outcome::assessment::{Advice, ClearanceRefusal, DurationCategory, GoodFit, Stance, Triage};
use crate::outcome::set::{CautionSet, RedFlagSet};

/// What a finding observed. The `code` is stable and machine-readable, for apps that localize.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
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
    /// An item answered present that raises a tier only in combination, with no partner
    /// present or unknown: not urgent on its own (`RF-U`).
    NotUrgentAlone {
        /// The item.
        item: RedFlag,
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
        unanswered: RedFlagSet,
    },
    /// Follow-up items required for this intake are unanswered (`RF-ASK`): the radicular leg
    /// items and the unknown partners of an `RF-U` combination.
    FollowUpRequired {
        /// The items, by input name, in screen order.
        items: RedFlagSet,
    },
    /// Optional red-flag items are unanswered: they are asked, and cap every modality's advice
    /// at `discuss_first` until answered (`RF-ASK`).
    OptionalUnanswered {
        /// The items, most urgent first.
        // The optional items' catalogue order is their tier order (the screen checks this at
        // compile time), so the set lists them most urgent first.
        items: RedFlagSet,
    },
    /// A fever together with another infection risk factor: evaluation the same day (`RF-U`,
    /// engine policy).
    FeverWithInfectionRisk {
        /// The fever and the risk factors present.
        items: Vec<RedFlag>,
    },
    /// A same-day sign of `RF-NET` (a fever, or severe back pain that keeps getting worse)
    /// already present: evaluation the same day (`RF-U`, engine policy, so that the deadline
    /// is no slower than the same-day safety net gives everyone).
    SameDaySignPresent {
        /// The same-day signs present.
        items: RedFlagSet,
    },
    /// A trauma route whose pain began in the last few days: care the same day (`RF-U`; the
    /// number of days is engine policy).
    RecentTrauma {
        /// Days since onset.
        days: u32,
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
    /// The same-day tier of the safety net (`RF-NET`, revision 2026-12).
    SameDaySafetyNet {
        /// The signs.
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
        cautions: CautionSet,
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
    /// The `EV-01` statements come from studies of chronic pain; shown to a person whose pain
    /// is not chronic, they are labelled so (`EV-01` scope, revision 2026-12).
    EvidenceFromChronicPain {
        /// The person's duration category.
        category: DurationCategory,
    },
    /// Acute low back pain: limited, low-quality evidence that acupuncture is modestly
    /// effective (`GL-CHOU-01`).
    LimitedEvidenceWhenNotChronic,
    /// The trial is the 4-6 session trial only, stopping once the pain settles: the 6-12
    /// session course comes from chronic-pain trials (`EV-01` scope).
    TrialOnlyWhenNotChronic,
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
    /// No follow-up score: no session after the baseline date was scored (`COURSE-05`).
    NoMeasurement,
    /// The course stops for a new red flag or a serious adverse event (`COURSE-04`).
    CourseStopped,
    /// The course maximum was reached without a meaningful change: a pivot, never a finished
    /// course (`COURSE-05`).
    CourseEndedWithoutChange {
        /// Sessions done.
        sessions_done: u32,
    },
    /// The last session was longer ago than the plan allows: reassess before going on
    /// (`COURSE-01`; engine policy: the plan's checkpoint days).
    CourseLapsed {
        /// Days from the last session to `as_of`.
        days_since_last: u32,
        /// The longest gap the plan allows (its checkpoint days).
        allowed_days: u32,
    },
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
    /// The key is `documented`, never `status`, which every finding already uses for its
    /// verification status.
    PractitionerSignal {
        /// The signal.
        signal: crate::QualitySignal,
        /// What is documented.
        documented: crate::Fact,
    },
    /// The overall practitioner verdict (`ENG-PRACTITIONER`).
    PractitionerVerdict {
        /// The verdict.
        verdict: crate::PractitionerVerdict,
    },
    /// A reading of the NCD the Medicare review applies (an interpretation, labelled with
    /// `basis: interpretation` and its status).
    NcdInterpretation {
        /// The reading.
        reading: crate::NcdReading,
    },
    /// Covered visits furnished by auxiliary personnel: billed by the supervising physician,
    /// PA, NP or CNS (incident-to; an interpretation of `MCR-06`).
    IncidentTo {
        /// The covered visits.
        dates: Vec<chrono::NaiveDate>,
    },
    /// An add-on code billed with the other modality's initial code (97810 + 97814, 97813 +
    /// 97811): accepted, not settled by the sources (UV; an interpretation).
    CrossModalityAddOn {
        /// The visits.
        dates: Vec<chrono::NaiveDate>,
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
