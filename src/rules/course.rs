//! The time-limited trial (reference §11: `COURSE-01`, `COURSE-03`), the article's good-fit
//! scenarios (§17, `ENG-FIT`) and a previous course that did not help (`ENG-REPEAT`).
//!
//! The numbers are the article's practice heuristic (trial 4–6 sessions, course 6–12, needles
//! in for 15–30 minutes) and the engine's checkpoint default (at least 4 sessions and either 6
//! sessions or 28 days, after AETNA-CPB-0135's four weeks). They are labelled as such.

use std::borrow::Cow;

use crate::model::answers::{Answer, RedFlag, Tier};
use crate::model::course::{AdverseEffect, CourseSession, clearable};
use crate::model::measures::Measure;
use crate::model::plan::{CHECKPOINT, COURSE_SESSIONS, Checkpoint, NEEDLE_MINUTES, TRIAL_SESSIONS};
use crate::outcome::assessment::{ClearanceRefusal, DurationCategory, GoodFit, PivotOption, TrialPlan};
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
        goals: intake.shared_goals(),
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
/// (its date counted from the first session, dropped once it has passed, so the review is
/// then at `min_sessions`), then the end of the course. `limit` caps the session numbers
/// (a payer's allowance, `COURSE-02`): a review is never set beyond what the payer allows.
#[must_use]
pub fn next_review(
    checkpoint: Checkpoint,
    course_max: u32,
    first_session: Option<chrono::NaiveDate>,
    as_of: chrono::NaiveDate,
    reached: bool,
    limit: u32,
) -> crate::outcome::course_review::NextReview {
    use crate::outcome::course_review::NextReview;
    if reached {
        let end = course_max.min(limit);
        return NextReview { min_sessions: end, sessions: end, date: None };
    }
    let date = first_session
        .and_then(|d| d.checked_add_days(chrono::Days::new(u64::from(checkpoint.days))))
        .filter(|d| *d > as_of);
    let sessions = if date.is_some() { checkpoint.sessions } else { checkpoint.min_sessions };
    NextReview { min_sessions: checkpoint.min_sessions.min(limit), sessions: sessions.min(limit), date }
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

/// `COURSE-04` at every session: new red flags and serious adverse events, and the most
/// urgent tier among those still in force (the course stops whatever the scores say).
///
/// A new red flag is a finding of its own tier's rule (`RF-E`, `RF-U`, `RF-M`), a serious
/// adverse event one of `SAFE-AE-01`; the stop itself is `COURSE-04`. A flag a clinician has
/// since cleared (`COURSE-05`, `RF-CLEAR`) no longer stops the course; an emergency sign cannot
/// be cleared this way, and a serious adverse event is never cleared. Effects recorded as
/// `other` are left to the practitioner (`SAFE-AE-01`), and the minor reactions are recorded
/// once each, never a reason to stop.
pub fn escalation(sessions: &[CourseSession], findings: &mut Vec<Finding>) -> Option<Tier> {
    let mut open_flags: Vec<(RedFlag, Tier)> = Vec::new();
    let mut serious: Option<Tier> = None;
    for session in sessions {
        let date = session.date();
        for &item in session.new_red_flags() {
            let tier = item.tier();
            findings.push(Finding::new(tier.rule(), Detail::NewRedFlag { item, tier, date }));
            if !open_flags.iter().any(|(open, _)| *open == item) {
                open_flags.push((item, tier));
            }
        }
        for &item in session.cleared_red_flags() {
            if !clearable(item.tier()) {
                findings.push(Finding::new(
                    RuleId::RfClear,
                    Detail::ClearanceNotApplied {
                        item: Cow::Borrowed(item.as_str()),
                        reason: ClearanceRefusal::EmergencyItem,
                    },
                ));
            } else if open_flags.iter().any(|(open, _)| *open == item) {
                open_flags.retain(|(open, _)| *open != item);
                findings.push(Finding::new(RuleId::RfClear, Detail::RedFlagCleared { item }));
            }
        }
        for &effect in session.adverse_effects() {
            if let Some(tier) = serious_tier(effect) {
                serious = Some(serious.map_or(tier, |e| e.min(tier)));
                findings.push(Finding::new(RuleId::SafeAe01, Detail::SeriousAdverseEvent { effect, tier, date }));
            } else if effect == AdverseEffect::Other {
                findings.push(Finding::new(RuleId::SafeAe01, Detail::UnclassifiedAdverseEffect { date }));
            }
        }
    }
    let escalation = open_flags.iter().map(|(_, tier)| *tier).chain(serious).min();
    if escalation.is_some() {
        findings.push(Finding::new(RuleId::Course04, Detail::CourseStopped));
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
        let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 10).unwrap();
        let next = next_review(CHECKPOINT, 12, first, as_of, false, u32::MAX);
        assert_eq!((next.min_sessions, next.sessions), (4, 6));
        assert_eq!(next.date, chrono::NaiveDate::from_ymd_opt(2026, 11, 30));
        let end = next_review(CHECKPOINT, 12, first, as_of, true, u32::MAX);
        assert_eq!((end.sessions, end.date), (12, None));
    }

    #[test]
    fn next_review_is_never_in_the_past_nor_beyond_the_payer() {
        let first = chrono::NaiveDate::from_ymd_opt(2026, 11, 2);
        let late = chrono::NaiveDate::from_ymd_opt(2026, 12, 20).unwrap();
        let next = next_review(CHECKPOINT, 12, first, late, false, u32::MAX);
        assert_eq!((next.sessions, next.date), (4, None), "the checkpoint date has passed: review at session 4");
        let capped = next_review(CHECKPOINT, 24, first, late, true, 20);
        assert_eq!(capped.sessions, 20);
    }
}
