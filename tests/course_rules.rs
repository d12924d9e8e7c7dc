//! The trial-course rules (reference §11 `COURSE-01`, `COURSE-04`, §8.3 `SAFE-AE-01`, §17
//! `ENG-FIT`), checked through `assess`, `review_course` and the JSON contract v2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{CourseDecision, CourseLog, CourseReview, Intake, PivotOption, assess, review_course};
use serde_json::{Value, json};

/// A course log on the pain NRS with a baseline of 7 on 2026-11-02 and one session per given
/// `(date, score)`; a `None` score is a session without a measurement.
fn log(as_of: &str, sessions: &[(&str, Option<u32>)]) -> Value {
    let sessions: Vec<Value> = sessions
        .iter()
        .map(|(date, score)| match score {
            Some(score) => json!({ "date": date, "score": score }),
            None => json!({ "date": date }),
        })
        .collect();
    json!({ "as_of": as_of, "measure": "nrs_pain", "baseline": { "date": "2026-11-02", "score": 7 }, "sessions": sessions })
}

fn review(value: Value) -> CourseReview {
    review_course(&serde_json::from_value::<CourseLog>(value).unwrap()).unwrap()
}

fn codes(r: &CourseReview) -> Vec<String> {
    let out = serde_json::to_value(r).unwrap();
    out["findings"].as_array().unwrap().iter().map(|f| f["code"].as_str().unwrap().to_owned()).collect()
}

/// Four sessions over four weeks at 7, 8, 8, 8: the last two scored visits are worse than the
/// baseline of 7 (`OUT-02`).
fn regressing() -> Value {
    log(
        "2026-11-30",
        &[("2026-11-02", Some(7)), ("2026-11-09", Some(8)), ("2026-11-16", Some(8)), ("2026-11-30", Some(8))],
    )
}

#[test]
fn course_04_a_regressing_course_stops_and_offers_the_alternatives() {
    // COURSE-04 / COURSE-01: a course whose scores regress stops for reassessment; the trial is
    // not helping, so the review names what to try instead (the pivot list).
    let r = review(regressing());
    assert_eq!(r.decision, CourseDecision::StopAndReassess);
    assert_eq!(r.escalation, None, "no red flag, no serious adverse event");
    assert!(r.change.as_ref().unwrap().regressing);
    assert_eq!(&*r.pivot_options, PivotOption::ALL);
    assert_eq!(r.sessions_remaining, 0);
}

#[test]
fn course_01_a_course_that_goes_on_offers_no_alternatives() {
    // COURSE-01: the alternatives come with `pivot` and `stop_and_reassess`; a course that
    // goes on (too early to judge, or meaningfully improving) is not told to switch.
    let too_early = review(log("2026-11-09", &[("2026-11-02", Some(7)), ("2026-11-09", Some(7))]));
    assert_eq!(too_early.decision, CourseDecision::TooEarly);
    assert!(too_early.pivot_options.is_empty(), "{:?}", too_early.pivot_options);

    let improving = review(log(
        "2026-11-20",
        &[
            ("2026-11-02", Some(7)),
            ("2026-11-05", None),
            ("2026-11-09", Some(6)),
            ("2026-11-12", None),
            ("2026-11-16", Some(5)),
            ("2026-11-20", Some(4)),
        ],
    ));
    assert_eq!(improving.decision, CourseDecision::Continue);
    assert!(improving.pivot_options.is_empty(), "{:?}", improving.pivot_options);
}

#[test]
fn safe_ae_01_an_effect_recorded_as_other_is_flagged_for_the_practitioner_and_a_minor_one_is_not() {
    // SAFE-AE-01: an adverse effect recorded as `other` cannot be classified as minor or
    // serious, so it is flagged for the practitioner to assess, dated at its session; a known
    // minor reaction is explained as minor, not flagged as unclassified.
    let mut value = log("2026-11-09", &[("2026-11-02", Some(7)), ("2026-11-09", Some(7))]);
    value["sessions"][0]["adverse_effects"] = json!(["bruising"]);
    value["sessions"][1]["adverse_effects"] = json!(["other"]);
    let r = review(value);
    let out = serde_json::to_value(&r).unwrap();
    let unclassified: Vec<&Value> =
        out["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "unclassified_adverse_effect").collect();
    assert_eq!(unclassified.len(), 1, "{unclassified:?}");
    assert_eq!(unclassified[0]["date"], "2026-11-09");
    assert_eq!(unclassified[0]["rule"], "SAFE-AE-01");
    assert_ne!(r.decision, CourseDecision::StopAndReassess, "not a serious event by itself");

    let mut minor_only = log("2026-11-09", &[("2026-11-02", Some(7)), ("2026-11-09", Some(7))]);
    minor_only["sessions"][1]["adverse_effects"] = json!(["soreness", "tiredness"]);
    let r = review(minor_only);
    assert!(codes(&r).contains(&"minor_reactions".to_owned()));
    assert!(!codes(&r).contains(&"unclassified_adverse_effect".to_owned()), "{:?}", codes(&r));
}

/// A chronic (200 days) or subacute (40 days) intake with a complete screen and nothing
/// present, with the article's good-fit context answered as given.
fn good_fit_intake(days: u32, context: Value) -> Value {
    json!({
      "assessed_on": "2026-11-27",
      "onset": { "days_ago": days },
      "pattern": "non_specific",
      "age_years": 45,
      "red_flags": common::required_absent(),
      "context": context
    })
}

/// The good-fit factors an assessment records (`ENG-FIT`).
fn good_fit(value: Value) -> Vec<String> {
    let intake: Intake = serde_json::from_value(value).unwrap();
    let out = serde_json::to_value(assess(&intake).unwrap()).unwrap();
    assert!(out["trial_plan"].is_object(), "good-fit factors come with a trial plan");
    out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "good_fit")
        .map(|f| {
            assert_eq!(f["rule"], "ENG-FIT");
            f["factor"].as_str().unwrap().to_owned()
        })
        .collect()
}

#[test]
fn eng_fit_records_the_good_fit_scenarios_answered_present_and_no_others() {
    // ENG-FIT (§17): each of the article's good-fit scenarios answered present is recorded;
    // one answered absent or unknown is not.
    let all = |a: &str| {
        json!({ "not_improved_with_self_care": a, "limit_medication": a, "stress_sleep_or_tension": a,
                "bridge_to_exercise": a })
    };
    assert_eq!(
        good_fit(good_fit_intake(200, all("present"))),
        ["not_improved_with_self_care", "limit_medication", "stress_sleep_or_tension", "bridge_to_exercise"]
    );
    assert!(good_fit(good_fit_intake(200, all("absent"))).is_empty());
    assert!(good_fit(good_fit_intake(200, json!({}))).is_empty(), "omitted answers are unknown");
    assert_eq!(
        good_fit(good_fit_intake(200, json!({ "limit_medication": "present", "bridge_to_exercise": "absent" }))),
        ["limit_medication"]
    );
}

#[test]
fn eng_fit_not_improved_with_self_care_is_a_good_fit_for_chronic_pain_only() {
    // ENG-FIT (§17): "chronic low back pain that has not improved with basic self-care" is the
    // article's scenario; for acute or subacute pain it is not one (most episodes still
    // improve with time), while the other scenarios apply at any duration.
    let context = json!({ "not_improved_with_self_care": "present", "stress_sleep_or_tension": "present" });
    assert_eq!(
        good_fit(good_fit_intake(200, context.clone())),
        ["not_improved_with_self_care", "stress_sleep_or_tension"]
    );
    assert_eq!(good_fit(good_fit_intake(40, context)), ["stress_sleep_or_tension"]);
}
