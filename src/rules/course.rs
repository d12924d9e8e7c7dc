//! The time-limited trial (reference §11: `COURSE-01`, `COURSE-03`), the article's good-fit
//! scenarios (§17, `ENG-FIT`) and a previous course that did not help (`ENG-REPEAT`).
//!
//! The numbers are the article's practice heuristic (trial 4–6 sessions, course 6–12, needles
//! in for 15–30 minutes) and the engine's checkpoint default (at least 4 sessions and either 6
//! sessions or 28 days, after AETNA-CPB-0135's four weeks). They are labelled as such.

use std::borrow::Cow;

use crate::model::answers::{Answer, Tier};
use crate::model::course::{AdverseEffect, CourseSession};
use crate::model::measures::Measure;
use crate::model::plan::{CHECKPOINT, COURSE_SESSIONS, Checkpoint, NEEDLE_MINUTES, TRIAL_SESSIONS};
use crate::outcome::assessment::{DurationCategory, GoodFit, PivotOption, TrialPlan};
use crate::outcome::finding::{Detail, Finding};
use crate::{Intake, RuleId};

/// The trial plan for this intake, with its findings. The engine asks for one only when a
/// proposed modality is usable and no earlier course failed (`ENG-REPEAT`).
///
/// `EV-01` scope (revision 2026-12): the 6-12 session course comes from chronic-pain trials,
/// so for pain that is not chronic the course is the 4-6 session trial only.
pub fn plan(intake: &Intake, category: DurationCategory, findings: &mut Vec<Finding>) -> TrialPlan {
    findings.push(Finding::new(RuleId::Course01, Detail::TrialPlan));
    findings.push(Finding::new(RuleId::Course03, Detail::NoOpenEndedMaintenance));
    let chronic = category == DurationCategory::Chronic;
    if !chronic {
        findings.push(Finding::new(RuleId::Ev01, Detail::TrialOnlyWhenNotChronic));
    }
    // The patient's own activities (PSFS) join the standard measures when goals were named.
    let measures: &'static [Measure] = if intake.goals().is_empty() {
        &[Measure::NrsPain, Measure::Peg, Measure::Rmdq]
    } else {
        &[Measure::NrsPain, Measure::Peg, Measure::Rmdq, Measure::Psfs]
    };
    TrialPlan {
        trial_sessions: TRIAL_SESSIONS,
        course_sessions: if chronic { COURSE_SESSIONS } else { TRIAL_SESSIONS },
        checkpoint: CHECKPOINT,
        needle_minutes: NEEDLE_MINUTES,
        measures: Cow::Borrowed(measures),
        goals: intake.goals().to_vec(),
        pivot_options: Cow::Borrowed(PivotOption::ALL),
        maintenance_recommended: false,
    }
}

/// `ENG-FIT`: the article's good-fit scenarios that apply. They explain; they never decide.
/// "Not improved with self-care" is a good-fit scenario for chronic pain only.
pub fn good_fit(intake: &Intake, category: DurationCategory, findings: &mut Vec<Finding>) {
    let context = intake.context();
    let factors = [
        (GoodFit::NotImprovedWithSelfCare, context.not_improved_with_self_care, category == DurationCategory::Chronic),
        (GoodFit::LimitMedication, context.limit_medication, true),
        (GoodFit::StressSleepOrTension, context.stress_sleep_or_tension, true),
        (GoodFit::BridgeToExercise, context.bridge_to_exercise, true),
    ];
    for (factor, answer, applies) in factors {
        if answer == Answer::Present && applies {
            findings.push(Finding::new(RuleId::EngFit, Detail::GoodFit { factor }));
        }
    }
}

/// Whether the `COURSE-01` checkpoint is reached: at least `min_sessions` done, and either
/// `sessions` done or `days` passed since the first session.
#[must_use]
pub const fn checkpoint_reached(checkpoint: Checkpoint, sessions_done: u32, days_since_first: u32) -> bool {
    sessions_done >= checkpoint.min_sessions
        && (sessions_done >= checkpoint.sessions || days_since_first >= checkpoint.days)
}

/// The next review point of a course that goes on: the checkpoint while it is not reached
/// (its date counted from the first session), then the end of the course.
#[must_use]
pub fn next_review(
    checkpoint: Checkpoint,
    course_max: u32,
    first_session: Option<chrono::NaiveDate>,
    reached: bool,
) -> crate::outcome::course_review::NextReview {
    use crate::outcome::course_review::NextReview;
    if reached {
        return NextReview { min_sessions: course_max, sessions: course_max, date: None };
    }
    let date = first_session.and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(checkpoint.days))));
    NextReview { min_sessions: checkpoint.min_sessions, sessions: checkpoint.sessions, date }
}

/// The tier of care a serious adverse event calls for (`COURSE-04`; the tiers are engine
/// policy: pneumothorax is an emergency, infection and nerve injury urgent, fainting
/// evaluation-first because the log cannot say whether it caused an injury), or `None` for a
/// minor or unclassified effect.
#[must_use]
pub const fn serious_tier(effect: AdverseEffect) -> Option<Tier> {
    match effect {
        AdverseEffect::Pneumothorax => Some(Tier::Emergency),
        AdverseEffect::Infection | AdverseEffect::NerveInjury => Some(Tier::UrgentEvaluation),
        AdverseEffect::Fainting => Some(Tier::EvaluationFirst),
        _ => None,
    }
}

/// `COURSE-04` at every session: new red flags and serious adverse events, each a finding,
/// and the most urgent tier among them (the course stops whatever the scores say). Effects
/// recorded as `other` are left to the practitioner (`SAFE-AE-01`), and the minor reactions
/// are recorded once each, never a reason to stop.
pub fn escalation(sessions: &[CourseSession], findings: &mut Vec<Finding>) -> Option<Tier> {
    let mut escalation: Option<Tier> = None;
    let mut raise = |tier: Tier| escalation = Some(escalation.map_or(tier, |e| e.min(tier)));
    for session in sessions {
        let date = session.date();
        for &item in session.new_red_flags() {
            let tier = item.tier();
            raise(tier);
            findings.push(Finding::new(RuleId::Course04, Detail::NewRedFlag { item, tier, date }));
        }
        for &effect in session.adverse_effects() {
            if let Some(tier) = serious_tier(effect) {
                raise(tier);
                findings.push(Finding::new(RuleId::Course04, Detail::SeriousAdverseEvent { effect, tier, date }));
            } else if effect == AdverseEffect::Other {
                findings.push(Finding::new(RuleId::SafeAe01, Detail::UnclassifiedAdverseEffect { date }));
            }
        }
    }
    let minor = recorded(sessions, AdverseEffect::minor);
    if !minor.is_empty() {
        findings.push(Finding::new(RuleId::SafeAe01, Detail::MinorReactions { effects: minor }));
    }
    escalation
}

/// The adverse effects recorded at any session that `keep` selects, once each, in catalogue
/// order.
pub fn recorded(sessions: &[CourseSession], keep: fn(AdverseEffect) -> bool) -> Vec<AdverseEffect> {
    AdverseEffect::ALL
        .iter()
        .copied()
        .filter(|e| keep(*e) && sessions.iter().any(|s| s.adverse_effects().contains(e)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoint_reached_needs_the_minimum_and_either_sessions_or_days() {
        assert!(!checkpoint_reached(CHECKPOINT, 5, 27));
        assert!(checkpoint_reached(CHECKPOINT, 5, 28));
        assert!(checkpoint_reached(CHECKPOINT, 6, 10));
        assert!(!checkpoint_reached(CHECKPOINT, 3, 60));
    }

    #[test]
    fn checkpoint_at_session_4_5_6_and_day_27_28() {
        // Six sessions reach it on their own.
        assert!(!checkpoint_reached(CHECKPOINT, 5, 0));
        assert!(checkpoint_reached(CHECKPOINT, 6, 0));
        // Four or five sessions reach it once 28 days have passed, not at 27.
        assert!(!checkpoint_reached(CHECKPOINT, 4, 27));
        assert!(checkpoint_reached(CHECKPOINT, 4, 28));
        assert!(checkpoint_reached(CHECKPOINT, 5, 28));
        // Fewer than four never do.
        assert!(!checkpoint_reached(CHECKPOINT, 3, 365));
    }

    #[test]
    fn next_review_is_the_checkpoint_then_the_course_end() {
        let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 2);
        let next = next_review(CHECKPOINT, 12, first, false);
        assert_eq!((next.min_sessions, next.sessions), (4, 6));
        assert_eq!(next.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 30));
        let end = next_review(CHECKPOINT, 12, first, true);
        assert_eq!((end.sessions, end.date), (12, None));
    }
}
