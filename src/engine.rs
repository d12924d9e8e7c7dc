//! The one place rule families are combined. The precedence is written here, once.
//!
//! ```text
//! emergency > urgent_evaluation > screening_incomplete > evaluation_first
//!           > acupuncture_reasonable (chronic) | conservative_care_first (acute, subacute)
//! ```
//!
//! 1. Duration under `DUR-01` (with `DUR-02` and `DUR-03` recorded beside it).
//! 2. The red-flag screen (`RF-E`, `RF-U`, `RF-M`, `RF-CLEAR`). A present red flag outranks
//!    an incomplete screen, because an unanswered question cannot make a known emergency less
//!    urgent; an incomplete screen outranks `evaluation_first`, because an unknown required
//!    item may still be an emergency.
//! 3. `RF-00`: under `emergency` and `urgent_evaluation` acupuncture messaging is withheld
//!    (no guideline positions, no evidence statements, no trial plan).
//! 4. Safety advice per modality (`SAFE-01`), capped by the triage; cautions never change the
//!    triage (immunosuppression, also an `RF-M` risk factor, is read by the screen as well).
//! 5. Guideline positions side by side and evidence statements.
//! 6. The trial plan, only with the two favourable outcomes, and only when a proposed modality
//!    is usable and no earlier course failed (revision 2026-12); the good-fit findings with it.
//! 7. Safety-netting (`RF-NET`, both tiers) with every outcome but `emergency`, and the one
//!    deadline of the output ([`Timeframe`]).
//!
//! The course review's precedence is written on [`review_course`]; Medicare coverage is a walk
//! over the visits, in date order, described on [`review_medicare`]. The rules themselves live
//! in the crate's private `rules` module, one file per reference section; the engine only
//! orders their decisions.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::error::{CourseError, CoverageError, IntakeError};
use crate::evidence::RULESET_VERSION;
use crate::model::answers::{RedFlag, Tier};
use crate::model::change_policy::ChangePolicy;
use crate::model::course::{CourseLog, CourseSession, Measurement, Payer};
use crate::model::medicare::MedicareHistory;
use crate::model::practitioner::PractitionerProfile;
use crate::outcome::CONTRACT_VERSION;
use crate::outcome::assessment::{
    Advice, Assessment, DurationCategory, Jurisdiction, PivotOption, SymptomDuration, Timeframe, Triage,
};
use crate::outcome::course_review::{CourseDecision, CourseReview};
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::medicare_review::MedicareReview;
use crate::outcome::practitioner_review::PractitionerReview;
use crate::rules::outcomes;
use crate::rules::{course, duration, guidelines, medicare, practitioner, red_flags, safety};
use crate::{Intake, Modality, PreviousAcupuncture, RuleId};

/// Decides the triage from the screen's tier, its unanswered items and the duration.
#[must_use]
pub(crate) fn decide(tier: Option<Tier>, screen_complete: bool, category: DurationCategory) -> Triage {
    match tier {
        Some(Tier::Emergency) => Triage::Emergency,
        Some(Tier::UrgentEvaluation) => Triage::UrgentEvaluation,
        _ if !screen_complete => Triage::ScreeningIncomplete,
        Some(Tier::EvaluationFirst) => Triage::EvaluationFirst,
        None if category == DurationCategory::Chronic => Triage::AcupunctureReasonable,
        None => Triage::ConservativeCareFirst,
    }
}

/// Triages an intake for acupuncture.
///
/// ```
/// use acupuncture_guidance::{assess, Answer, Intake, Triage};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let intake: Intake = serde_json::from_str(r#"{
///     "assessed_on": "2026-11-27", "onset": {"weeks_ago": 20},
///     "pattern": "non_specific", "age_years": 44,
///     "red_flags": {"saddle_numbness": "present"}
/// }"#)?;
/// let assessment = assess(&intake)?;
/// assert_eq!(assessment.triage, Triage::Emergency);
/// assert!(assessment.trial_plan.is_none());
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// None at present: every check runs when the [`Intake`] is built or deserialized, and missing
/// answers are an outcome, not an error. The `Result` is part of the contract so that later
/// editions can add cross-field checks without breaking callers.
pub fn assess(intake: &Intake) -> Result<Assessment, IntakeError> {
    assess_with(intake, &AssessOptions::default())
}

/// Deployment settings for [`assess_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AssessOptions {
    /// The jurisdiction whose guideline should be listed first (reference §14.1: a deployment
    /// setting orders the positions; it never hides one). `None` keeps the catalogue order
    /// (ACP, NICE, CDC, VA/DoD).
    pub governing_jurisdiction: Option<Jurisdiction>,
}

/// [`assess`] with deployment settings.
///
/// ```
/// use acupuncture_guidance::{assess_with, AssessOptions, Intake, Jurisdiction, SourceId};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let intake: Intake = serde_json::from_str(r#"{"assessed_on": "2026-11-27", "onset": {"weeks_ago": 20},
///     "pattern": "non_specific", "age_years": 50}"#)?;
/// let uk = AssessOptions { governing_jurisdiction: Some(Jurisdiction::UnitedKingdom) };
/// let a = assess_with(&intake, &uk)?;
/// assert_eq!(a.guideline_positions[0].source, SourceId::NiceNg59);
/// assert_eq!(a.guideline_positions.len(), 4, "ordered, never hidden");
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// As [`assess`].
pub fn assess_with(intake: &Intake, options: &AssessOptions) -> Result<Assessment, IntakeError> {
    intake.check_consistent()?;
    let mut findings = Vec::with_capacity(24);
    let on = intake.assessed_on();
    let days = intake.duration_days();
    // The intake bounds the duration to 120 years, so this cannot leave chrono's range.
    let onset = on.checked_sub_days(chrono::Days::new(u64::from(days))).unwrap_or(chrono::NaiveDate::MIN);
    let categories = duration::classify(days, onset, on, &mut findings);
    let category = categories.acp;

    let screen = red_flags::screen(intake, category, &mut findings);
    let triage = decide(screen.tier, screen.unanswered.is_empty(), category);
    let withheld = matches!(triage, Triage::Emergency | Triage::UrgentEvaluation);
    if withheld {
        findings.push(Finding::new(RuleId::Rf00, Detail::AcupunctureWithheld { triage }));
    }

    // Held at discuss_first: optional red-flag questions still open (RF-ASK); an item reported
    // present that is not urgent on its own, such as a minor fall without bone risk (engine
    // policy: a present answer never allows more than an unknown one); an earlier course that
    // did not help (ENG-REPEAT: no trial plan follows).
    let questions_open = !screen.also_ask.is_empty();
    let reported_alone = findings.iter().any(|f| matches!(f.detail, Detail::NotUrgentAlone { .. }));
    // DN-01: a failed acupuncture course says nothing about dry needling, so ENG-REPEAT holds
    // only when acupuncture (manual or electro) is proposed.
    let acupuncture_proposed = intake.proposed_modalities().iter().any(|m| *m != Modality::DryNeedling);
    let repeat_failed = acupuncture_proposed && intake.previous_acupuncture() == Some(PreviousAcupuncture::DidNotHelp);
    let discuss_first = questions_open || reported_alone || repeat_failed;
    let modalities = safety::advise_all(intake, triage, screen.tier, discuss_first, &mut findings);

    let (guideline_positions, evidence): (&'static [_], &'static [_]) = if withheld {
        (&[], &[])
    } else {
        // Static lists: the governing jurisdiction first, the rest in catalogue order.
        let positions = guidelines::ordered(category, categories.cdc, options.governing_jurisdiction);
        guidelines::record(intake, positions, category, &mut findings);
        (positions, guidelines::EVIDENCE)
    };

    // Revision 2026-12 (SAFE-01, ENG-REPEAT): no trial plan when nothing may be done, or when
    // an earlier course did not help; the text leads with the other options instead.
    let usable = modalities.iter().any(|m| m.advice != Advice::NotAdvised);
    if triage.allows_trial() && repeat_failed {
        findings.push(Finding::new(RuleId::EngRepeat, Detail::RepeatTrialUnlikelyToHelp));
    }
    let trial_plan = (triage.allows_trial() && usable && !repeat_failed).then(|| {
        course::good_fit(intake, category, &mut findings);
        safety::course_safety(&mut findings);
        course::plan(intake, category, &mut findings)
    });

    let (safety_net, same_day_signs): (&'static [RedFlag], &'static [RedFlag]) =
        if triage == Triage::Emergency { (&[], &[]) } else { (&RedFlag::SAFETY_NET, &RedFlag::SAME_DAY_NET) };
    if !safety_net.is_empty() {
        findings.push(Finding::new(RuleId::RfNet, Detail::SafetyNet { signs: Cow::Borrowed(safety_net) }));
        findings.push(Finding::new(RuleId::RfNet, Detail::SameDaySafetyNet { signs: Cow::Borrowed(same_day_signs) }));
    }
    let timeframe = timeframe(triage, &screen, intake.duration_days(), &findings);

    let also_ask = screen
        .also_ask
        .iter()
        .map(|f| f.as_str())
        .chain(crate::outcome::assessment::unanswered_cautions(&modalities).map(|c| c.as_str()))
        .map(Cow::Borrowed)
        .collect();

    Ok(Assessment {
        contract_version: CONTRACT_VERSION,
        ruleset_version: Cow::Borrowed(RULESET_VERSION),
        assessed_on: on,
        triage,
        duration: SymptomDuration { days, category },
        pattern: intake.pattern(),
        unanswered: screen.unanswered,
        also_ask,
        red_flags: screen.flags,
        modalities,
        guideline_positions: Cow::Borrowed(guideline_positions),
        evidence: Cow::Borrowed(evidence),
        trial_plan,
        safety_net: Cow::Borrowed(safety_net),
        same_day_signs: Cow::Borrowed(same_day_signs),
        timeframe,
        findings,
    })
}

/// The one deadline of an assessment (reference §7.3, revision 2026-12): the most urgent tier
/// in force sets it, and an urgent or deferred output never carries the longer "if not
/// improving within a month" line.
///
/// An incomplete screen with an open required answer that would raise the tier to urgent
/// (`RF-ASK` with `RF-U`, engine policy, conservative) carries the most urgent deadline a yes
/// could set, never the two-week or month line: `now` for an open emergency sign, `today` for
/// an open same-day sign (`RF-NET`) or an open trauma route whose pain began in the last few
/// days, otherwise `within_days`.
fn timeframe(triage: Triage, screen: &red_flags::Screen, days: u32, findings: &[Finding]) -> Option<Timeframe> {
    let open = red_flags::urgent_if_yes(screen.unanswered, findings);
    match (triage, screen.tier) {
        (Triage::Emergency, _) => Some(Timeframe::Now),
        (Triage::UrgentEvaluation, _) => Some(if screen.same_day { Timeframe::Today } else { Timeframe::WithinDays }),
        (Triage::ScreeningIncomplete, _) if !open.is_empty() => {
            let recent_trauma =
                days <= red_flags::RECENT_TRAUMA_DAYS && open.iter().any(|f| red_flags::opens_trauma_route(*f));
            Some(if open.iter().any(|f| f.tier() == Tier::Emergency) {
                Timeframe::Now
            } else if recent_trauma || open.iter().any(|f| RedFlag::SAME_DAY_NET.contains(f)) {
                Timeframe::Today
            } else {
                Timeframe::WithinDays
            })
        }
        (_, Some(_)) => Some(Timeframe::WithinTwoWeeks),
        _ if findings.iter().any(|f| matches!(f.detail, Detail::AgeSafetyNet { .. })) => {
            Some(Timeframe::IfNotImprovingWithinAMonth)
        }
        _ => None,
    }
}

/// Reviews a course in progress with the default thresholds of [`ChangePolicy`].
///
/// The precedence, written once here:
///
/// 1. `stop_and_reassess` for a new red flag or a serious adverse event at any session
///    (`COURSE-04`), with `escalation` set to the most urgent tier among them; a red flag a
///    clinician has since cleared no longer counts (`COURSE-05`, `RF-CLEAR`; not `RF-E`);
/// 2. `stop_and_reassess` when the scores are regressing (`OUT-02`);
/// 3. at the course maximum: `course_complete` only with a meaningful change (`OUT-01`),
///    `measure_now` without a follow-up score, otherwise `pivot` (`COURSE-05`);
/// 4. `too_early` before the checkpoint (`COURSE-01`);
/// 5. at the checkpoint: `measure_now` without a follow-up score (`COURSE-05`: a score dated
///    on or before the baseline date is not one), `continue` with meaningful improvement,
///    otherwise `pivot`;
/// 6. a course that would go on (`too_early`, `continue`, `measure_now`) whose last session
///    is longer ago than the plan's checkpoint days: `stop_and_reassess`, reassess before
///    going on (`COURSE-01`; engine policy);
/// 7. under Original Medicare (`COURSE-02`) the stricter limit wins: the sessions left and the
///    next review never go beyond what Medicare would cover; when it covers no more, the course
///    ends (`course_complete` with a meaningful change, otherwise `pivot`).
///
/// The decision uses the exact score of item scores when they are given. Minor reactions are
/// recorded and explained, never a reason to stop.
///
/// ```
/// use acupuncture_guidance::{review_course, CourseDecision, CourseLog};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let log: CourseLog = serde_json::from_str(r#"{
///   "as_of": "2026-12-04", "measure": "nrs_pain",
///   "baseline": { "date": "2026-11-02", "score": 7 },
///   "sessions": [
///     { "date": "2026-11-02", "score": 7 }, { "date": "2026-11-06" },
///     { "date": "2026-11-09", "score": 6, "adverse_effects": ["bruising"] },
///     { "date": "2026-11-13", "score": 6, "new_red_flags": ["fever"] }
///   ]
/// }"#)?;
/// let review = review_course(&log)?;
/// assert_eq!(review.decision, CourseDecision::StopAndReassess);
/// assert_eq!(review.escalation, Some(acupuncture_guidance::Tier::UrgentEvaluation));
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// None at present: every check runs when the [`CourseLog`] is built or deserialized. The
/// `Result` is part of the contract.
pub fn review_course(log: &CourseLog) -> Result<CourseReview, CourseError> {
    review_course_with(log, &ChangePolicy::default())
}

/// Reviews a course in progress with the thresholds of `policy` (see [`review_course`]).
///
/// # Errors
///
/// As [`review_course`].
pub fn review_course_with(log: &CourseLog, policy: &ChangePolicy) -> Result<CourseReview, CourseError> {
    use CourseDecision as D;
    let plan = log.plan();
    let sessions = log.sessions();
    let measure = log.measure();
    let as_of = log.as_of();
    let days = |from: NaiveDate| u32::try_from((as_of - from).num_days()).unwrap_or(0);
    let done = u32::try_from(sessions.len()).unwrap_or(u32::MAX);
    let first = sessions.first().map(CourseSession::date);
    let days_since_first = first.map_or(0, days);
    let mut findings = Vec::with_capacity(12);
    if log.has_own_plan() {
        findings.push(Finding::new(RuleId::Course01, Detail::PlanFromLog));
    }

    // Safety first (COURSE-04): new red flags and serious adverse events, at any session.
    let escalation = course::escalation(sessions, &mut findings);

    // COURSE-05: only a score dated after the baseline is a follow-up.
    let follow_ups: Vec<(NaiveDate, &Measurement)> = sessions
        .iter()
        .filter(|s| s.date() > log.baseline_date())
        .filter_map(|s| s.measurement().map(|m| (s.date(), m)))
        .collect();
    let change = outcomes::change(policy, measure, log.baseline(), &follow_ups);
    if let Some(change) = &change {
        let detail = if change.meaningful {
            Detail::MeaningfulImprovement { measure }
        } else {
            Detail::NoMeaningfulImprovement { measure }
        };
        findings.push(outcomes::finding(RuleId::Out01, measure, detail));
        if change.regressing {
            findings.push(outcomes::finding(RuleId::Out02, measure, Detail::Regressing { measure }));
        }
    }
    let regressing = change.as_ref().is_some_and(|c| c.regressing);
    let meaningful = change.as_ref().is_some_and(|c| c.meaningful);

    let reached = course::checkpoint_reached(plan.checkpoint, done, days_since_first);
    findings.push(Finding::new(
        RuleId::Course01,
        if reached {
            Detail::CheckpointReached { sessions_done: done, days_since_first }
        } else {
            Detail::CheckpointNotReached { sessions_done: done, days_since_first }
        },
    ));

    let course_max = plan.course_sessions.max;
    let decision = if escalation.is_some() || regressing {
        D::StopAndReassess
    } else if !reached && done < course_max {
        D::TooEarly
    } else if change.is_none() {
        findings.push(Finding::new(RuleId::Course05, Detail::NoMeasurement));
        D::MeasureNow
    } else if done >= course_max {
        findings.push(Finding::new(RuleId::Course03, Detail::CourseMaximumReached { sessions_done: done }));
        if meaningful {
            findings.push(Finding::new(RuleId::Course03, Detail::NoOpenEndedMaintenance));
            findings.push(Finding::new(RuleId::EvBia01, Detail::OlderAdultTrial));
            D::CourseComplete
        } else {
            findings.push(Finding::new(RuleId::Course05, Detail::CourseEndedWithoutChange { sessions_done: done }));
            findings.push(Finding::new(RuleId::Course01, Detail::PivotRecommended));
            D::Pivot
        }
    } else if meaningful {
        D::Continue
    } else {
        findings.push(Finding::new(RuleId::Course01, Detail::PivotRecommended));
        D::Pivot
    };

    // A lapse longer than the plan allows (engine policy: its checkpoint days): reassess
    // before going on, never "keep going" with a review date in the past.
    let days_since_last = sessions.last().map_or(0, |s| days(s.date()));
    let decision =
        if matches!(decision, D::TooEarly | D::Continue | D::MeasureNow) && days_since_last > plan.checkpoint.days {
            findings.push(Finding::new(
                RuleId::Course01,
                Detail::CourseLapsed { days_since_last, allowed_days: plan.checkpoint.days },
            ));
            D::StopAndReassess
        } else {
            decision
        };

    let (decision, remaining) = if log.payer() == Some(Payer::OriginalMedicare) {
        let dates: Vec<NaiveDate> = sessions.iter().map(CourseSession::date).collect();
        medicare::course_overlay(&dates, as_of, meaningful, decision, course_max.saturating_sub(done), &mut findings)
    } else {
        (decision, course_max.saturating_sub(done))
    };

    let goes_on = matches!(decision, D::TooEarly | D::Continue);
    let mut review = CourseReview::new(as_of, measure, decision, plan.course_sessions);
    review.escalation = escalation;
    review.sessions_done = done;
    review.sessions_remaining = if goes_on { remaining } else { 0 };
    review.next_review = goes_on.then(|| {
        course::next_review(plan.checkpoint, course_max, first, as_of, reached, done.saturating_add(remaining))
    });
    review.payer = log.payer();
    if decision == D::Pivot || (regressing && escalation.is_none()) {
        review.pivot_options = Cow::Borrowed(PivotOption::ALL);
    }
    review.change = change;
    review.adverse_effects = course::recorded(sessions, |_| true);
    review.findings = findings;
    Ok(review)
}

/// Reviews a Medicare visit history under NCD 30.3.3, visit by visit: eligibility (`MCR-01`)
/// at each visit's date, the 90-day window (`MCR-02`), additional visits only while improving
/// (`MCR-03`), the annual cap (`MCR-04`), the mandatory stop (`MCR-05`), who may furnish it
/// (`MCR-06`) and dry needling under the same rules (`MCR-07`). The NCD's open questions are
/// answered by [`MedicareOptions`](crate::MedicareOptions), labelled as interpretations in the
/// review.
///
/// # Errors
///
/// None at present: every check runs when the [`MedicareHistory`] is built or deserialized.
/// The `Result` is part of the contract.
pub fn review_medicare(history: &MedicareHistory) -> Result<MedicareReview, CoverageError> {
    Ok(medicare::review(history))
}

/// Reviews a practitioner: the article's quality signals, whether they may furnish
/// Medicare-covered acupuncture (`MCR-06`), acupuncture vs dry needling (`DN-01`), and the
/// questions worth asking. Nothing here can fail: undocumented facts are reported as such.
///
/// ```
/// use acupuncture_guidance::{review_practitioner, Discipline, Fact, PractitionerProfile};
/// let mut profile = PractitionerProfile::new(Discipline::Physician);
/// profile.state_licensed = Fact::Yes;
/// assert_eq!(review_practitioner(&profile).medicare.may_furnish, Fact::Yes);
/// ```
#[must_use]
pub fn review_practitioner(profile: &PractitionerProfile) -> PractitionerReview {
    practitioner::review(profile)
}

#[cfg(test)]
mod tests {
    use super::*;
    use DurationCategory::{Acute, Chronic, Subacute};

    #[test]
    fn precedence_is_emergency_urgent_incomplete_evaluation_then_duration() {
        assert_eq!(decide(Some(Tier::Emergency), false, Chronic), Triage::Emergency);
        assert_eq!(decide(Some(Tier::UrgentEvaluation), false, Chronic), Triage::UrgentEvaluation);
        assert_eq!(decide(Some(Tier::EvaluationFirst), false, Chronic), Triage::ScreeningIncomplete);
        assert_eq!(decide(None, false, Chronic), Triage::ScreeningIncomplete);
        assert_eq!(decide(Some(Tier::EvaluationFirst), true, Chronic), Triage::EvaluationFirst);
        assert_eq!(decide(None, true, Chronic), Triage::AcupunctureReasonable);
        assert_eq!(decide(None, true, Subacute), Triage::ConservativeCareFirst);
        assert_eq!(decide(None, true, Acute), Triage::ConservativeCareFirst);
    }
}
