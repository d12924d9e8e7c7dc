//! Medicare NCD 30.3.3 rules (reference §4.1 `MCR-02`…`MCR-05`) and the course overlay
//! (§11 `COURSE-02`), checked through `review_medicare`, `review_course` and the JSON contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    CourseDecision, CourseLog, CourseReview, CoverageReason, MedicareHistory, MedicareReview, review_course,
    review_medicare,
};
use chrono::Days;
use common::date;
use serde_json::{Value, json};

fn plus(d: &str, days: u64) -> String {
    date(d).checked_add_days(Days::new(days)).unwrap().to_string()
}

/// A history of an eligible episode (onset 2025-06-01) with a qualified physician, one manual
/// acupuncture visit per `(date, progress)`, and `options`.
fn history(visits: &[(String, &str)], options: Value) -> Value {
    let sessions: Vec<Value> = visits
        .iter()
        .map(|(d, progress)| json!({ "date": d, "modality": "manual_acupuncture", "cpt": ["97810"], "progress": progress }))
        .collect();
    json!({
        "eligibility": { "onset": { "date": "2025-06-01" }, "non_specific": true,
                         "associated_with_surgery": false, "associated_with_pregnancy": false },
        "practitioner": { "kind": "physician", "state_licensed": true },
        "sessions": sessions,
        "options": options,
    })
}

fn review(value: Value) -> MedicareReview {
    review_medicare(&serde_json::from_value::<MedicareHistory>(value).unwrap()).unwrap()
}

/// 21 visits five days apart from 2026-01-05, improving from the first: 20 covered (12 in the
/// window, 8 more while improving), the 21st over the cap.
fn a_full_year() -> Vec<(String, &'static str)> {
    (0..21).map(|i| (plus("2026-01-05", i * 5), if i == 0 { "improving" } else { "not_recorded" })).collect()
}

#[test]
fn mcr_04_a_rolling_year_ends_after_twelve_months_and_the_next_one_has_its_own_cap() {
    // MCR-04 (rolling 12 months, the default reading): the month of the first covered visit
    // plus the next 11 full months. The cap of 20 counts the visits of that window only: a
    // visit on its last day is still over the cap, one on the first day of the next window is
    // counted afresh (and covered while improving, MCR-03).
    let mut visits = a_full_year();
    visits.push(("2026-12-31".to_owned(), "not_recorded"));
    visits.push(("2027-01-01".to_owned(), "not_recorded"));
    visits.push(("2027-01-08".to_owned(), "not_recorded"));
    let r = review(history(&visits, json!({ "year": "rolling_12_months" })));

    assert_eq!(r.sessions[19].covered_in_year, 20);
    assert_eq!(r.sessions[20].reasons, [CoverageReason::AnnualCapReached]);
    assert_eq!(r.sessions[21].reasons, [CoverageReason::AnnualCapReached], "2026-12-31 is in the first year");
    assert_eq!(r.sessions[21].covered_in_year, 20);

    assert!(r.sessions[22].covered, "2027-01-01 opens the second rolling year");
    assert_eq!(r.sessions[22].covered_in_year, 1);
    assert_eq!(r.sessions[23].covered_in_year, 2);
    assert_eq!(r.covered_count, 22);
    assert_eq!(r.remaining.as_ref().unwrap().year_window, 18);
    assert_eq!(r.remaining.as_ref().unwrap().year_until, Some(date("2027-12-31")));
}

#[test]
fn mcr_04_the_rolling_year_starts_in_the_month_of_the_first_covered_visit() {
    // MCR-04: a first covered visit in mid-March starts the year window on 1 March, so the
    // window runs to the end of February and the second one starts on 1 March of next year;
    // a visit in a later month of the first year stays in the first window.
    let visits: Vec<(String, &str)> = vec![
        ("2026-03-16".to_owned(), "improving"),
        ("2026-07-01".to_owned(), "not_recorded"),
        ("2027-02-28".to_owned(), "not_recorded"),
        ("2027-03-01".to_owned(), "not_recorded"),
        ("2028-03-01".to_owned(), "not_recorded"),
    ];
    let r = review(history(&visits, json!({})));
    let in_year: Vec<u32> = r.sessions.iter().map(|s| s.covered_in_year).collect();
    assert_eq!(in_year, [1, 2, 3, 1, 1]);
    assert!(r.sessions.iter().all(|s| s.covered), "{:?}", r.sessions);
    assert_eq!(r.remaining.as_ref().unwrap().year_until, Some(date("2029-02-28")));
}

/// A course log under Original Medicare with a pain NRS baseline of 7 on the first date and
/// one session per `(date, score)`.
fn medicare_course(as_of: &str, sessions: &[(String, Option<u32>)], course_max: u32) -> Value {
    let first = sessions[0].0.clone();
    let sessions: Vec<Value> = sessions
        .iter()
        .map(|(d, score)| match score {
            Some(s) => json!({ "date": d, "score": s }),
            None => json!({ "date": d }),
        })
        .collect();
    json!({ "as_of": as_of, "measure": "nrs_pain", "baseline": { "date": first, "score": 7 },
            "payer": "original_medicare", "sessions": sessions,
            "plan": { "course_sessions": { "min": 6, "max": course_max } } })
}

fn review_log(value: Value) -> CourseReview {
    review_course(&serde_json::from_value::<CourseLog>(value).unwrap()).unwrap()
}

/// The visits Original Medicare would still cover, as the review states it (`COURSE-02`).
fn allowance(r: &CourseReview) -> Option<u64> {
    let out = serde_json::to_value(r).unwrap();
    out["findings"].as_array().unwrap().iter().find(|f| f["code"] == "medicare_allowance").map(|f| {
        assert_eq!(f["rule"], "COURSE-02");
        f["visits"].as_u64().unwrap()
    })
}

#[test]
fn course_02_in_a_second_rolling_year_the_cap_counts_that_year_only() {
    // COURSE-02 with MCR-04: the annual cap of 20 counts the visits of the current rolling
    // year (from the month of the first session): fifteen sessions in early 2025 and three in
    // February 2026 leave 17 in the year from January 2026. A course log is one allotment
    // (12 initial + 8 additional, engine policy: the course does not restart it), and 18 of
    // its 20 are used: the stricter limit, 2, wins over the cap's 17 and the plan's 22.
    let mut sessions: Vec<(String, Option<u32>)> = (0..15).map(|i| (plus("2025-01-06", i * 7), Some(7))).collect();
    sessions.extend([
        ("2026-02-02".to_owned(), Some(5)),
        ("2026-02-09".to_owned(), None),
        ("2026-02-16".to_owned(), Some(4)),
    ]);
    let r = review_log(medicare_course("2026-02-16", &sessions, 40));
    assert_eq!(r.decision, CourseDecision::Continue, "meaningful improvement, 7 to 4");
    assert_eq!(allowance(&r), Some(2));
    assert_eq!(r.sessions_remaining, 2, "the allotment's 2 is stricter than the cap's 17 and the plan's 22");
}

#[test]
fn course_02_after_the_window_only_improvement_keeps_visits_covered() {
    // COURSE-02 with MCR-02/MCR-03: the 12 visits of the initial 90-day window are used
    // inside it; once it has ended, further visits are covered only while improving.
    let sessions: Vec<(String, Option<u32>)> = (0..4).map(|i| (plus("2026-01-05", i * 7), Some(7))).collect();
    // Day 21 of the window, no improvement yet: 8 of the 12 initial visits are left.
    let r = review_log(medicare_course("2026-01-26", &sessions, 12));
    assert_eq!(r.decision, CourseDecision::TooEarly);
    assert_eq!(allowance(&r), Some(8));
    assert_eq!(r.sessions_remaining, 8);

    // Three sessions, the last 11 days before day 91 (after the window, no lapse): nothing
    // left without improvement, so the course cannot go on under Medicare, and without a
    // meaningful change it is a pivot, never a finished course (COURSE-05).
    let spread: Vec<(String, Option<u32>)> = [0, 45, 80].iter().map(|d| (plus("2026-01-05", *d), Some(7))).collect();
    let r = review_log(medicare_course(&plus("2026-01-05", 91), &spread, 12));
    assert_eq!(r.decision, CourseDecision::Pivot);
    assert_eq!(r.sessions_remaining, 0);
    let out = serde_json::to_value(&r).unwrap();
    assert!(out["findings"].as_array().unwrap().iter().any(|f| f["code"] == "medicare_limit_reached"));
}

#[test]
fn mcr_02_03_each_reason_applied_is_one_finding_listing_its_visits_and_no_other_reason_is() {
    // MCR-02 / MCR-03: the review records each reason it applied with the visits it applied
    // to (12 covered in the initial window, the 13th not covered without improvement), and
    // records no reason that decided no visit.
    let visits: Vec<(String, &str)> = (0..13).map(|i| (plus("2026-01-05", i * 5), "not_recorded")).collect();
    let out = serde_json::to_value(review(history(&visits, json!({})))).unwrap();
    let coverage: Vec<&Value> =
        out["findings"].as_array().unwrap().iter().filter(|f| f["code"] == "coverage").collect();
    let reasons: Vec<&Value> = coverage.iter().map(|f| &f["reason"]).collect();
    assert_eq!(reasons, [&json!("initial_window"), &json!("no_improvement_recorded")], "{coverage:?}");
    assert_eq!(coverage[0]["rule"], "MCR-02");
    assert_eq!(coverage[0]["dates"].as_array().unwrap().len(), 12);
    assert_eq!(coverage[1]["rule"], "MCR-03");
    assert_eq!(coverage[1]["dates"], json!([plus("2026-01-05", 60)]));
}
