//! The review of a course in progress: the decision, the change so far, and the reasons.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::evidence::RULESET_VERSION;
use crate::model::answers::Tier;
use crate::model::change_policy::Threshold;
use crate::model::course::AdverseEffect;
use crate::model::exact::Exact;
use crate::model::measures::Measure;
use crate::model::plan::Span;
use crate::outcome::CONTRACT_VERSION;
use crate::outcome::assessment::PivotOption;
use crate::outcome::finding::Finding;

name_enum! {
    /// What to do with the course now (`COURSE-01`…`COURSE-05`).
    pub enum CourseDecision ("course decision") {
        /// Before the checkpoint: keep going and measure at the checkpoint.
        TooEarly = "too_early",
        /// Meaningful improvement at or after the checkpoint: complete the course.
        Continue = "continue",
        /// No meaningful improvement at the checkpoint or at the course maximum: try
        /// something else (`COURSE-01`, `COURSE-05`).
        Pivot = "pivot",
        /// Regressing, a new red flag, a serious adverse event, or a lapse longer than the
        /// plan allows: stop and get reassessed before going on.
        StopAndReassess = "stop_and_reassess",
        /// The course maximum is reached with a meaningful change; open-ended maintenance is
        /// not recommended.
        CourseComplete = "course_complete",
        /// At the checkpoint (or the course maximum) with no follow-up score: record the
        /// measure, then decide (`COURSE-05`).
        MeasureNow = "measure_now",
    }
}

/// One PSFS activity's change from baseline (reference §9.1): shown beside the mean, which
/// alone decides (`OUT-01`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityChange {
    /// The activity's position in the patient's list, from 1.
    pub activity: u8,
    /// Its baseline rating (0-10).
    pub baseline: u8,
    /// Its latest rating (0-10).
    pub latest: u8,
    /// Points better (negative when worse; higher is better on the PSFS).
    pub change: i8,
    /// Whether the change reaches the single-activity detectable change of 3 points
    /// (PSFS-1995, V2).
    pub detectable: bool,
}

/// The change so far: the latest follow-up score against the baseline, in the measure's
/// direction (positive is better).
///
/// Every number here is **exact**: a JSON string holding the decimal when the value
/// terminates (`"1"`, `"-0.5"`) and the reduced fraction otherwise (`"19/3"`), see
/// [`Exact`]. Text for people rounds (scores and changes to one decimal, two for a PEG mean;
/// percentages whole); the JSON never does.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The baseline score (from the item scores when given).
    pub baseline: Exact,
    /// The latest follow-up score (from the item scores when given).
    pub latest: Exact,
    /// The latest follow-up's date (always after the baseline date, `COURSE-05`).
    pub latest_date: NaiveDate,
    /// Improvement in points (negative when worse).
    pub absolute: Exact,
    /// Improvement as a percentage of baseline; absent for a zero baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<Exact>,
    /// PSFS only: each activity's change, beside the mean (empty otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityChange>,
    /// Whether it is meaningful by `OUT-01` (engine policy on OSTELO-2008, PEG-MID-2023 or
    /// PSFS-1995; never "meets Medicare criteria").
    pub meaningful: bool,
    /// Whether it is regressing by `OUT-02` (engine policy).
    pub regressing: bool,
    /// The threshold applied.
    pub threshold: Threshold,
}

/// When the course is next reviewed: at `sessions` sessions, or on or after `date` once
/// `min_sessions` are done.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextReview {
    /// Sessions needed in any case.
    pub min_sessions: u32,
    /// Sessions that reach it on their own.
    pub sessions: u32,
    /// The date that reaches it together with `min_sessions`, if dates count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
}

/// The outcome of [`review_course`](crate::review_course) (JSON contract v2).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CourseReview {
    /// Always [`CONTRACT_VERSION`].
    pub contract_version: u32,
    /// The edition of the rules.
    pub ruleset_version: Cow<'static, str>,
    /// The review date.
    pub as_of: NaiveDate,
    /// The decision.
    pub decision: CourseDecision,
    /// The tier of care a new red flag or a serious adverse event calls for.
    pub escalation: Option<Tier>,
    /// The measure tracked.
    pub measure: Measure,
    /// Sessions done.
    pub sessions_done: u32,
    /// Sessions still recommended in the plan (0 unless the decision is `too_early` or
    /// `continue`); never beyond the course maximum.
    pub sessions_remaining: u32,
    /// The course range followed.
    pub course_sessions: Span,
    /// The change so far; `null` before any session is scored.
    pub change: Option<Change>,
    /// The next review point, while the course goes on.
    pub next_review: Option<NextReview>,
    /// The payer whose limits overlaid the course (`COURSE-02`), if one was named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<crate::model::course::Payer>,
    /// What to try instead (with `pivot` and `stop_and_reassess`).
    pub pivot_options: Cow<'static, [PivotOption]>,
    /// Every adverse effect recorded, once each, in catalogue order.
    pub adverse_effects: Vec<AdverseEffect>,
    /// Every rule that fired.
    pub findings: Vec<Finding>,
}

impl CourseReview {
    /// A review with the contract fields filled in.
    pub(crate) fn new(as_of: NaiveDate, measure: Measure, decision: CourseDecision, course_sessions: Span) -> Self {
        CourseReview {
            contract_version: CONTRACT_VERSION,
            ruleset_version: Cow::Borrowed(RULESET_VERSION),
            as_of,
            decision,
            escalation: None,
            measure,
            sessions_done: 0,
            sessions_remaining: 0,
            course_sessions,
            change: None,
            next_review: None,
            payer: None,
            pivot_options: Cow::Borrowed(&[]),
            adverse_effects: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Whether any finding comes from `rule`.
    #[must_use]
    pub fn fired(&self, rule: crate::RuleId) -> bool {
        self.findings.iter().any(|f| f.rule == rule)
    }
}
