//! The review of a course in progress: the decision, the change so far, and the reasons.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::evidence::RULESET_VERSION;
use crate::model::answers::Tier;
use crate::model::change_policy::Threshold;
use crate::model::course::AdverseEffect;
use crate::model::measures::Measure;
use crate::model::plan::Span;
use crate::model::score::Score;
use crate::outcome::CONTRACT_VERSION;
use crate::outcome::assessment::PivotOption;
use crate::outcome::finding::Finding;

name_enum! {
    /// What to do with the course now (`COURSE-01`…`COURSE-04`).
    pub enum CourseDecision ("course decision") {
        /// Before the checkpoint: keep going and measure at the checkpoint.
        TooEarly = "too_early",
        /// Meaningful improvement at or after the checkpoint: complete the course.
        Continue = "continue",
        /// No meaningful improvement at the checkpoint: try something else.
        Pivot = "pivot",
        /// Regressing, a new red flag, or a serious adverse event: stop and get reassessed.
        StopAndReassess = "stop_and_reassess",
        /// The course maximum is reached; open-ended maintenance is not recommended.
        CourseComplete = "course_complete",
    }
}

/// The change so far: the latest scored session against the baseline, in the measure's
/// direction (positive is better). Threshold tests are exact; the numbers here are for
/// display.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The baseline score.
    pub baseline: Score,
    /// The latest scored session's score.
    pub latest: Score,
    /// The latest scored session's date.
    pub latest_date: NaiveDate,
    /// Improvement in points (negative when worse).
    pub absolute: f64,
    /// Improvement as a percentage of baseline (two decimals); absent for a zero baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative: Option<f64>,
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

/// The outcome of [`review_course`](crate::review_course) (JSON contract v1).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
