//! The course log contract, bad input, and what the review says, used as another crate would.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    AdverseEffect, ChangePolicy, CourseDecision, CourseError, CourseLog, CourseReview, CourseSession, Measure,
    Measurement, RedFlag, Score, Threshold, Tier, review_course, review_course_with,
};
use common::ymd as date;
use serde_json::{Value, json};

/// The course log of DESIGN.md §Course log and review, verbatim.
fn design_log() -> Value {
    json!({
      "as_of": "2026-12-04",
      "measure": "nrs_pain",
      "baseline": { "date": "2026-11-02", "score": 7 },
      "sessions": [
        { "date": "2026-11-02", "score": 7 },
        { "date": "2026-11-06" },
        { "date": "2026-11-09", "score": 6, "adverse_effects": ["bruising"] },
        { "date": "2026-11-13", "score": 6, "new_red_flags": ["fever"] }
      ]
    })
}

fn parse(value: Value) -> Result<CourseLog, String> {
    serde_json::from_value::<CourseLog>(value).map_err(|e| e.to_string())
}

fn review(value: Value) -> CourseReview {
    review_course(&parse(value).unwrap()).unwrap()
}

#[test]
fn the_design_example_gives_the_contract_fields() {
    let out = serde_json::to_value(review(design_log())).unwrap();
    assert_eq!(out["contract_version"], 2);
    assert_eq!(out["decision"], "stop_and_reassess");
    assert_eq!(out["escalation"], "urgent_evaluation");
    assert_eq!(out["sessions_done"], 4);
    // Exact values in the JSON: decimal strings when they terminate, fractions otherwise.
    assert_eq!(out["change"]["absolute"], "1");
    assert_eq!(out["change"]["relative"], "100/7");
    assert_eq!(out["change"]["baseline"], "7");
    assert_eq!(out["change"]["meaningful"], false);
    assert!(out["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "COURSE-04"));
}

#[test]
fn a_new_cauda_equina_sign_says_emergency_care_now() {
    let mut log = design_log();
    log["sessions"][3]["new_red_flags"] = json!(["saddle_numbness"]);
    let r = review(log);
    assert_eq!(r.escalation, Some(Tier::Emergency));
    assert!(r.patient_text().starts_with("SEEK EMERGENCY CARE NOW."), "{}", r.patient_text());
}

#[test]
fn minor_reactions_are_explained_and_do_not_stop() {
    let mut log = design_log();
    log["sessions"][3] = json!({ "date": "2026-11-13", "score": 6, "adverse_effects": ["soreness", "tiredness"] });
    let r = review(log);
    assert_ne!(r.decision, CourseDecision::StopAndReassess);
    assert_eq!(r.adverse_effects, [AdverseEffect::Soreness, AdverseEffect::Bruising, AdverseEffect::Tiredness]);
    assert!(r.patient_text().contains("not a reason to stop"));
}

#[test]
fn complete_course_says_no_open_ended_maintenance() {
    let sessions: Vec<Value> = (0..12)
        .map(|i| json!({ "date": date(2026, 11, 2 + i).to_string(), "score": if i > 6 { 3 } else { 7 } }))
        .collect();
    let r = review(json!({ "as_of": "2026-11-30", "measure": "nrs_pain",
        "baseline": { "date": "2026-11-02", "score": 7 }, "sessions": sessions }));
    assert_eq!(r.decision, CourseDecision::CourseComplete);
    assert_eq!(r.sessions_remaining, 0);
    assert!(r.patient_text().contains("maintenance"));
}

#[test]
fn a_typed_policy_changes_the_thresholds() {
    // NRS 7 to 5 is meaningful by default (2 points) but not with a 3-point, 50% policy.
    let log = parse(json!({ "as_of": "2026-11-20", "measure": "nrs_pain",
        "baseline": { "date": "2026-11-02", "score": 7 },
        "sessions": (0..6).map(|i| json!({ "date": date(2026, 11, 2 + 3 * i).to_string(), "score": 5 })).collect::<Vec<_>>() }))
    .unwrap();
    assert_eq!(review_course(&log).unwrap().decision, CourseDecision::Continue);
    let strict = ChangePolicy::default().with(Measure::NrsPain, Threshold::new(Score::whole(3), Some(50)).unwrap());
    assert_eq!(review_course_with(&log, &strict).unwrap().decision, CourseDecision::Pivot);
}

#[test]
fn bad_logs_get_errors_that_name_the_field_and_value() {
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({ "sessions": [{ "date": "2026-11-02", "score": 11 }] }),
            "sessions[0].score 11 is not a nrs_pain score: a whole number from 0 to 10",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "score": 6.5 }] }),
            "sessions[0].score 6.5 is not a nrs_pain score",
        ),
        (json!({ "sessions": [{ "date": "2026-11-02", "score": 101 }] }), "sessions[0].score: 101 is larger than 100"),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "score": "7" }] }),
            "invalid type: string \"7\", expected a number",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "score": -1 }] }),
            "sessions[0].score: -1 is not a non-negative decimal number",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-06" }, { "date": "2026-11-03" }] }),
            "sessions[1].date 2026-11-03 is not after the previous session's date 2026-11-06",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-06" }, { "date": "2026-11-06" }] }),
            "sessions[1].date 2026-11-06 is not after",
        ),
        (json!({ "sessions": [{ "date": "2026-12-05" }] }), "sessions[0].date 2026-12-05 is after as_of 2026-12-04"),
        (
            json!({ "sessions": [{ "date": "2026-11-01" }] }),
            "sessions[0].date 2026-11-01 is before the baseline date 2026-11-02",
        ),
        (json!({ "sessions": [{ "date": "2026-11-31" }] }), "sessions[0].date \"2026-11-31\" is not a calendar date"),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "measure": "odi", "score": 30 }] }),
            "sessions[0].measure odi is not the baseline's instrument nrs_pain",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "items": [1, 2, 3] }] }),
            "sessions[0].items: nrs_pain has no item scores",
        ),
        (
            json!({ "sessions": [{ "date": "2026-11-02", "new_red_flags": ["age_over_50"] }] }),
            "sessions[0].new_red_flags: age_over_50 follows age_years",
        ),
        (json!({ "sessions": [{ "date": "2026-11-02", "new_red_flags": ["fevr"] }] }), "unknown variant `fevr`"),
        (json!({ "sessions": [{ "date": "2026-11-02", "adverse_effects": ["rash"] }] }), "unknown variant `rash`"),
        (json!({ "sessions": [{ "date": "2026-11-02", "scor": 5 }] }), "unknown field `scor`"),
        (json!({ "baseline": { "date": "2026-11-02" } }), "baseline needs a score or item scores"),
        (
            json!({ "plan": { "course_sessions": { "min": 8, "max": 6 } } }),
            "plan.course_sessions: needs 1 <= min <= max",
        ),
        (
            json!({ "plan": { "checkpoint": { "min_sessions": 4, "sessions": 14, "days": 28 } } }),
            "plan.checkpoint: needs 1 <= min_sessions <= sessions <= course_sessions.max",
        ),
        (json!({ "payer": "acme" }), "unknown variant `acme`, expected `original_medicare`"),
    ];
    for (patch, expected) in cases {
        let mut log = design_log();
        for (key, value) in patch.as_object().unwrap() {
            log[key] = value.clone();
        }
        let err = parse(log.clone()).unwrap_err();
        assert!(err.contains(expected), "{patch}: got {err:?}, expected {expected:?}");
    }
}

#[test]
fn item_scores_are_checked_against_the_instrument_and_the_stated_score() {
    let with = |measure: &str, baseline: Value, session: Value| {
        parse(json!({ "as_of": "2026-12-04", "measure": measure, "baseline": baseline, "sessions": [session] }))
    };
    let b = |items: Value| json!({ "date": "2026-11-02", "items": items });
    let s = |items: Value| json!({ "date": "2026-11-03", "items": items });
    assert!(with("peg", b(json!([7, 6, 6])), s(json!([5, 5, 5]))).is_ok());
    let err = with("peg", b(json!([7, 6])), s(json!([5, 5, 5]))).unwrap_err();
    assert!(err.contains("baseline.items: PEG needs 3 items, got 2"), "{err}");
    let err = with("peg", b(json!([7, 6, 11])), s(json!([5, 5, 5]))).unwrap_err();
    assert!(err.contains("PEG activity item 11 is outside 0..=10"), "{err}");
    let err =
        with("peg", json!({ "date": "2026-11-02", "items": [7, 6, 6], "score": 6 }), s(json!([5, 5, 5]))).unwrap_err();
    assert!(err.contains("baseline.score 6 does not match 6.333333333333333333"), "{err}");
    assert!(
        with("peg", json!({ "date": "2026-11-02", "items": [7, 6, 6], "score": 6.33 }), s(json!([5, 5, 5]))).is_ok()
    );
    let err = with("psfs", b(json!([3, 4])), s(json!([3, 4, 5]))).unwrap_err();
    assert!(err.contains("sessions[0].items rates 3 activities, the baseline 2"), "{err}");
    let err = with("odi", b(json!([1, 2, 3, 4, 5, 1, 2, 3, null, null])), s(json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])))
        .unwrap_err();
    assert!(err.contains("Oswestry has 2 sections missing"), "{err}");
    assert!(with("odi", b(json!([1, 2, 3, 4, 5, 1, 2, 3, 4, null])), s(json!([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).is_ok());
}

#[test]
fn the_rust_api_builds_the_same_log_and_returns_typed_errors() {
    let baseline = Measurement::score(Score::whole(7));
    let sessions = vec![
        CourseSession::new(date(2026, 11, 2)).with_measurement(Measurement::score(Score::whole(7))),
        CourseSession::new(date(2026, 11, 6)),
        CourseSession::new(date(2026, 11, 9))
            .with_measurement(Measurement::score(Score::whole(6)))
            .with_adverse_effects([AdverseEffect::Bruising]),
        CourseSession::new(date(2026, 11, 13))
            .with_measurement(Measurement::score(Score::whole(6)))
            .with_new_red_flags([RedFlag::Fever]),
    ];
    let log = CourseLog::new(date(2026, 12, 4), Measure::NrsPain, date(2026, 11, 2), baseline.clone(), sessions, None)
        .unwrap();
    assert_eq!(log, parse(design_log()).unwrap());

    let shuffled = vec![CourseSession::new(date(2026, 11, 9)), CourseSession::new(date(2026, 11, 6))];
    let err =
        CourseLog::new(date(2026, 12, 4), Measure::NrsPain, date(2026, 11, 2), baseline, shuffled, None).unwrap_err();
    assert_eq!(
        err,
        CourseError::OutOfOrder {
            field: "sessions[1].date".into(),
            date: date(2026, 11, 6),
            previous: date(2026, 11, 9)
        }
    );
}

#[test]
fn logs_and_reviews_round_trip_through_json() {
    let log = parse(design_log()).unwrap();
    let back: CourseLog = serde_json::from_str(&serde_json::to_string(&log).unwrap()).unwrap();
    assert_eq!(back, log);
    let r = review_course(&log).unwrap();
    let back: CourseReview = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn the_rust_constructor_rejects_items_of_another_instrument_as_the_json_path_does() {
    use acupuncture_guidance::{ItemScores, Peg};
    let peg = Measurement::items(ItemScores::Peg(Peg::new([7, 6, 6]).unwrap()));
    let err =
        CourseLog::new(date(2026, 12, 4), Measure::NrsPain, date(2026, 11, 2), peg.clone(), vec![], None).unwrap_err();
    assert_eq!(err, CourseError::ItemsNotAllowed { field: "baseline.items".into(), measure: Measure::NrsPain });
    let err = CourseLog::new(date(2026, 12, 4), Measure::Psfs, date(2026, 11, 2), peg, vec![], None).unwrap_err();
    assert!(matches!(err, CourseError::DifferentInstrument { .. }), "{err}");
}

#[test]
fn a_stated_mean_must_match_its_items_to_two_decimals_and_the_items_decide() {
    let log = |stated: f64| {
        parse(
            json!({ "as_of": "2026-11-20", "measure": "peg", "baseline": { "date": "2026-11-02", "items": [9, 8, 8] },
            "sessions": [{ "date": "2026-11-09", "items": [8, 7, 8], "score": stated }] }),
        )
    };
    let err = log(7.66).unwrap_err();
    assert!(err.contains("sessions[0].score 7.66 does not match"), "{err}");
    let r = review_course(&log(7.67).unwrap()).unwrap();
    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(out["change"]["latest"], "23/3", "the items' exact value, not the stated 7.67");
    assert_eq!(out["change"]["absolute"], "2/3");
}

#[test]
fn clearing_a_red_flag_that_was_never_logged_is_an_error() {
    let mut log = design_log();
    log["sessions"][1]["cleared_red_flags"] = json!(["fever"]);
    let err = parse(log).unwrap_err();
    assert!(err.contains("sessions[1].cleared_red_flags: fever was not logged at this or an earlier session"), "{err}");
}
