//! The numbers a time-limited trial follows (reference §11): session ranges, the checkpoint,
//! and the plan a course log may carry.
//!
//! The defaults are the article's practice heuristic (trial 4–6 sessions, course 6–12, needles
//! in for 15–30 minutes) and the engine's checkpoint default (at least 4 sessions and either 6
//! sessions or 28 days, after AETNA-CPB-0135's four weeks), labelled as such where they are
//! shown.

use serde::Serialize;

use crate::error::CourseError;

/// Sessions in the trial before deciding (ARTICLE heuristic).
pub const TRIAL_SESSIONS: Span = Span { min: 4, max: 6 };
/// Sessions in a typical course (ARTICLE heuristic).
pub const COURSE_SESSIONS: Span = Span { min: 6, max: 12 };
/// `COURSE-01` checkpoint (engine default).
pub const CHECKPOINT: Checkpoint = Checkpoint { min_sessions: 4, sessions: 6, days: 28 };
/// Needle retention in minutes (ARTICLE; GERAC-2007 used 30-minute sessions, PV).
pub const NEEDLE_MINUTES: Span = Span { min: 15, max: 30 };

object_struct! {
    /// An inclusive range of whole numbers.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub struct Span {
        /// Lowest.
        pub min: u32,
        /// Highest.
        pub max: u32,
    }
}

object_struct! {
    /// When a trial is reviewed (`COURSE-01`): at least `min_sessions`, and either `sessions`
    /// sessions or `days` days since the first session.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    pub struct Checkpoint {
        /// Sessions needed in any case.
        pub min_sessions: u32,
        /// Sessions that reach the checkpoint on their own.
        pub sessions: u32,
        /// Days since the first session that reach it together with `min_sessions`.
        pub days: u32,
    }
}

object_struct! {
    default;
    /// The numbers a course follows (reference §11): by default the trial plan of
    /// [`assess`](crate::assess) (course 6–12 sessions, checkpoint at 4 sessions and either 6
    /// sessions or 28 days).
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
    #[serde(deny_unknown_fields, default)]
    pub struct CoursePlan {
        /// Sessions in the trial.
        pub trial_sessions: Span,
        /// Sessions in the course: its maximum ends the course.
        pub course_sessions: Span,
        /// When to reassess.
        pub checkpoint: Checkpoint,
    }
}

impl Default for CoursePlan {
    fn default() -> Self {
        CoursePlan { trial_sessions: TRIAL_SESSIONS, course_sessions: COURSE_SESSIONS, checkpoint: CHECKPOINT }
    }
}

impl CoursePlan {
    /// Checks that the plan can be followed.
    ///
    /// # Errors
    ///
    /// [`CourseError::InvalidPlan`] when a range is empty or reversed, or the checkpoint does
    /// not fit in the course.
    pub fn validate(&self) -> Result<(), CourseError> {
        let bad = |field, reason: &str| Err(CourseError::InvalidPlan { field, reason: reason.to_owned() });
        let (trial, course, check) = (self.trial_sessions, self.course_sessions, self.checkpoint);
        if course.min == 0 || course.min > course.max {
            return bad("course_sessions", "needs 1 <= min <= max");
        }
        if trial.min == 0 || trial.min > trial.max || trial.max > course.max {
            return bad("trial_sessions", "needs 1 <= min <= max <= course_sessions.max");
        }
        if check.min_sessions == 0 || check.min_sessions > check.sessions || check.sessions > course.max {
            return bad("checkpoint", "needs 1 <= min_sessions <= sessions <= course_sessions.max");
        }
        if check.days == 0 {
            return bad("checkpoint.days", "must be at least 1");
        }
        Ok(())
    }
}
