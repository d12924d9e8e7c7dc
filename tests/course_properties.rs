//! Laws of the course review (issue: trial courses), over generated logs.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    AdverseEffect, CourseDecision, CourseError, CourseLog, CourseReview, CourseSession, Measure, Measurement, RedFlag,
    Score, review_course,
};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

/// A generated log: its measure, baseline, session gaps, scores (in hundredths of a point,
/// whole points on whole-number scales) and the days from the last session to `as_of`.
#[derive(Debug, Clone)]
struct Plan {
    measure: Measure,
    baseline: u32,
    gaps: Vec<u64>,
    scores: Vec<Option<u32>>,
    tail: u64,
}

fn score(measure: Measure, hundredths: u32) -> Score {
    let max = u32::from(measure.instrument().max) * 100;
    let h = hundredths.min(max);
    let h = if measure.instrument().whole_only { h / 100 * 100 } else { h };
    format!("{}.{:02}", h / 100, h % 100).parse().unwrap()
}

fn plan() -> impl Strategy<Value = Plan> {
    (proptest::sample::select(Measure::ALL.to_vec()), 0u32..=10_000, 0usize..=14).prop_flat_map(
        |(measure, baseline, n)| {
            (
                Just(measure),
                Just(baseline),
                proptest::collection::vec(1u64..=8, n),
                proptest::collection::vec(proptest::option::weighted(0.7, 0u32..=10_000), n),
                0u64..=10,
            )
                .prop_map(|(measure, baseline, gaps, scores, tail)| Plan {
                    measure,
                    baseline,
                    gaps,
                    scores,
                    tail,
                })
        },
    )
}

fn build(p: &Plan, adjust: impl Fn(usize, CourseSession) -> CourseSession) -> Result<CourseLog, CourseError> {
    let start = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let mut day = start;
    let mut sessions = Vec::new();
    for (i, (gap, s)) in p.gaps.iter().zip(&p.scores).enumerate() {
        if i > 0 {
            day = day.checked_add_days(Days::new(*gap)).unwrap();
        }
        let mut session = CourseSession::new(day);
        if let Some(h) = s {
            session = session.with_measurement(Measurement::score(score(p.measure, *h)));
        }
        sessions.push(adjust(i, session));
    }
    let as_of = day.checked_add_days(Days::new(p.tail)).unwrap();
    CourseLog::new(as_of, p.measure, start, Measurement::score(score(p.measure, p.baseline)), sessions, None)
}

fn run(p: &Plan) -> CourseReview {
    review_course(&build(p, |_, s| s).unwrap()).unwrap()
}

/// How harsh a decision is, for comparing trajectories over the same sessions. A lapse
/// (reassess before going on) stops a course that would otherwise go on, whatever its scores:
/// it ranks with a pivot, below a stop for regression or safety.
fn harshness(r: &CourseReview) -> u8 {
    let lapsed = r.findings.iter().any(|f| matches!(f.detail, acupuncture_guidance::Detail::CourseLapsed { .. }));
    match r.decision {
        CourseDecision::StopAndReassess if lapsed => 1,
        CourseDecision::StopAndReassess => 2,
        CourseDecision::Pivot => 1,
        CourseDecision::TooEarly
        | CourseDecision::Continue
        | CourseDecision::CourseComplete
        | CourseDecision::MeasureNow => 0,
    }
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// A uniformly better trajectory never gets a harsher decision than a worse one.
    #[test]
    fn prop_better_trajectory_never_harsher(p in plan(), shift in 1u32..=300) {
        let better_is_higher = p.measure.instrument().higher_is_better;
        let better = Plan {
            scores: p.scores.iter().map(|s| s.map(|h| if better_is_higher { h + shift } else { h.saturating_sub(shift) })).collect(),
            ..p.clone()
        };
        // Clamping at the scale's ends can make a score equal rather than better, never worse.
        let (worse, better) = (run(&p), run(&better));
        prop_assert!(harshness(&better) <= harshness(&worse),
            "{} (better) vs {} (worse)", better.decision, worse.decision);
    }

    /// A new red flag always stops the course, with escalation at least as urgent as its tier.
    #[test]
    fn prop_new_red_flag_always_stops(
        p in plan().prop_filter("needs a session", |p| !p.gaps.is_empty()),
        at in any::<proptest::sample::Index>(),
        flag in proptest::sample::select(RedFlag::ALL.iter().copied()
            .filter(|f| !matches!(f, RedFlag::AgeUnder20 | RedFlag::AgeOver50 | RedFlag::AgeOver65)).collect::<Vec<_>>()),
    ) {
        let index = at.index(p.gaps.len());
        let log = build(&p, |i, s| if i == index { s.with_new_red_flags([flag]) } else { s }).unwrap();
        let r = review_course(&log).unwrap();
        prop_assert_eq!(r.decision, CourseDecision::StopAndReassess);
        prop_assert!(r.escalation.is_some_and(|e| e <= flag.tier()));
        prop_assert_eq!(r.sessions_remaining, 0);
    }

    /// Minor reactions never change the decision.
    #[test]
    fn prop_minor_reactions_never_stop(p in plan(), effect in proptest::sample::select(
        AdverseEffect::ALL.iter().copied().filter(|e| e.minor()).collect::<Vec<_>>())) {
        let log = build(&p, |_, s| s.with_adverse_effects([effect])).unwrap();
        prop_assert_eq!(review_course(&log).unwrap().decision, run(&p).decision);
    }

    /// No decision recommends sessions beyond the course maximum.
    #[test]
    fn prop_never_beyond_course_maximum(p in plan()) {
        let r = run(&p);
        prop_assert!(r.sessions_done.max(r.course_sessions.max) >= r.sessions_done + r.sessions_remaining);
        if r.sessions_done >= r.course_sessions.max {
            prop_assert_eq!(r.sessions_remaining, 0);
            prop_assert!(!matches!(r.decision, CourseDecision::Continue | CourseDecision::TooEarly));
        }
    }

    /// A course that reaches its maximum without a meaningful change never reads as complete,
    /// in the decision or in the patient's text.
    #[test]
    fn prop_course_maximum_without_meaningful_change_never_complete(p in plan()) {
        let r = run(&p);
        if r.sessions_done >= r.course_sessions.max && !r.change.as_ref().is_some_and(|c| c.meaningful) {
            prop_assert_ne!(r.decision, CourseDecision::CourseComplete);
            let text = r.patient_text();
            prop_assert!(!text.contains("finished the course") && !text.contains("improved"), "{}", text);
        }
    }

    /// Without a follow-up score the course neither continues nor pivots.
    #[test]
    fn prop_no_follow_up_score_never_continues_or_pivots(p in plan()) {
        let r = run(&p);
        if r.change.is_none() {
            prop_assert!(!matches!(r.decision, CourseDecision::Continue | CourseDecision::Pivot | CourseDecision::CourseComplete));
        }
    }

    /// A red flag a clinician has cleared (not an emergency sign) no longer stops the course.
    #[test]
    fn prop_cleared_red_flag_no_longer_stops(
        p in plan().prop_filter("needs a session", |p| !p.gaps.is_empty()),
        at in any::<proptest::sample::Index>(),
        flag in proptest::sample::select(RedFlag::ALL.iter().copied()
            .filter(|f| !matches!(f, RedFlag::AgeUnder20 | RedFlag::AgeOver50 | RedFlag::AgeOver65) && f.tier() != acupuncture_guidance::Tier::Emergency)
            .collect::<Vec<_>>()),
    ) {
        let index = at.index(p.gaps.len());
        let cleared = build(&p, |i, s| if i == index { s.with_new_red_flags([flag]).with_cleared_red_flags([flag]) } else { s }).unwrap();
        let r = review_course(&cleared).unwrap();
        prop_assert_eq!(r.decision, run(&p).decision);
        prop_assert!(r.escalation.is_none());
    }

    /// Shuffled sessions are always rejected, never reordered.
    #[test]
    fn prop_shuffled_input_is_rejected(p in plan().prop_filter("two sessions", |p| p.gaps.len() >= 2),
        a in any::<proptest::sample::Index>(), b in any::<proptest::sample::Index>()) {
        let log = build(&p, |_, s| s).unwrap();
        let n = p.gaps.len();
        let i = a.index(n);
        let j = (i + 1 + b.index(n - 1)) % n;
        let mut sessions = log.sessions().to_vec();
        sessions.swap(i, j);
        let err = CourseLog::new(log.as_of(), log.measure(), log.baseline_date(), log.baseline().clone(), sessions, None);
        prop_assert!(matches!(err, Err(CourseError::OutOfOrder { .. })), "{:?}", err);
    }

    /// Logs and reviews round-trip through JSON.
    #[test]
    fn prop_course_serde_round_trips(p in plan()) {
        let log = build(&p, |_, s| s).unwrap();
        let back: CourseLog = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
        prop_assert_eq!(&back, &log);
        let r = review_course(&log).unwrap();
        let back: CourseReview = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(back, r);
    }

    /// No input panics: arbitrary edits of a valid log either fail with an error or review.
    #[test]
    fn prop_no_course_input_panics(key in "[a-z_]{1,20}", value in prop_oneof![
        Just(serde_json::json!(null)), any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from), ".{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::json!([])), Just(serde_json::json!([1, null, 3])),
    ], target in 0usize..4) {
        let mut doc = serde_json::json!({ "as_of": "2026-12-04", "measure": "peg",
            "baseline": { "date": "2026-11-02", "items": [7, 6, 6] },
            "sessions": [{ "date": "2026-11-02", "score": 6.33 }, { "date": "2026-11-09", "items": [5, 5, 6] }] });
        let node = match target {
            0 => &mut doc,
            1 => &mut doc["baseline"],
            2 => &mut doc["sessions"][0],
            _ => &mut doc["sessions"][1],
        };
        node[key.as_str()] = value;
        if let Ok(log) = serde_json::from_value::<CourseLog>(doc) {
            let r = review_course(&log).unwrap();
            let _ = (r.patient_text(), r.clinician_text());
        }
    }
}
