//! Medicare NCD 30.3.3 visit by visit, at the boundaries the reference names, as another crate
//! would call it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    CourseDecision, CourseLog, CoverageReason, MedicareHistory, MedicareReview, RuleId, review_course, review_medicare,
};
use chrono::{Days, NaiveDate};
use common::ymd as date;
use serde_json::{Value, json};

fn plus(d: NaiveDate, days: u64) -> String {
    d.checked_add_days(Days::new(days)).unwrap().to_string()
}

const ONSET: &str = "2025-06-01";

fn physician() -> Value {
    json!({ "kind": "physician", "state_licensed": true })
}

/// A history with an eligible episode (onset 2025-06-01), `practitioner`, and visits given as
/// (days after 2026-01-05, progress).
fn history(practitioner: Value, visits: &[(u64, &str)], options: Value) -> Value {
    let start = date(2026, 1, 5);
    let sessions: Vec<Value> = visits
        .iter()
        .map(|(day, progress)| {
            json!({ "date": plus(start, *day), "modality": "manual_acupuncture", "cpt": ["97810"], "progress": progress })
        })
        .collect();
    json!({
        "eligibility": { "onset": { "date": ONSET }, "non_specific": true,
                         "associated_with_surgery": false, "associated_with_pregnancy": false },
        "practitioner": practitioner,
        "sessions": sessions,
        "options": options,
    })
}

fn review(value: Value) -> MedicareReview {
    review_medicare(&serde_json::from_value::<MedicareHistory>(value).unwrap()).unwrap()
}

fn covered(r: &MedicareReview) -> Vec<bool> {
    r.sessions.iter().map(|s| s.covered).collect()
}

fn weekly(n: u64, progress: impl Fn(u64) -> &'static str) -> Vec<(u64, &'static str)> {
    (0..n).map(|i| (i * 5, progress(i))).collect()
}

#[test]
fn mcr_02_covers_12_visits_and_the_13th_needs_improvement() {
    let r = review(history(physician(), &weekly(13, |_| "not_recorded"), json!({})));
    assert_eq!(covered(&r)[..12], [true; 12]);
    assert!(!r.sessions[12].covered);
    assert_eq!(r.sessions[12].reasons, [CoverageReason::NoImprovementRecorded]);
    assert_eq!(r.sessions[12].rules, [RuleId::Mcr03]);

    let r = review(history(physician(), &weekly(13, |i| if i == 9 { "improving" } else { "not_recorded" }), json!({})));
    assert!(r.sessions[12].covered);
    assert_eq!(r.sessions[12].reasons, [CoverageReason::WhileImproving]);
    assert!(r.sessions[12].kx_modifier && !r.sessions[11].kx_modifier);
}

#[test]
fn the_90_day_window_holds_day_89_but_not_day_90_or_91() {
    for (day, inside) in [(89, true), (90, false), (91, false)] {
        let r = review(history(physician(), &[(0, "not_recorded"), (day, "not_recorded")], json!({})));
        assert_eq!(r.sessions[1].covered, inside, "day {day}");
        let r = review(history(physician(), &[(0, "improving"), (day, "not_recorded")], json!({})));
        assert!(r.sessions[1].covered, "day {day} while improving");
    }
}

#[test]
fn mcr_04_caps_20_in_the_year_window() {
    let r = review(history(physician(), &weekly(21, |i| if i == 0 { "improving" } else { "not_recorded" }), json!({})));
    assert_eq!(r.covered_count, 20);
    assert!(r.sessions[19].covered);
    assert_eq!(r.sessions[20].reasons, [CoverageReason::AnnualCapReached]);
    assert_eq!(r.sessions[20].covered_in_year, 20);
}

#[test]
fn across_a_calendar_year_boundary_the_two_year_options_differ() {
    // 16 visits from 2026-11-01 every 4 days (to 2026-12-31), then 10 in January 2027.
    let start = date(2026, 11, 1);
    let mut sessions: Vec<Value> = (0..16)
        .map(|i| {
            json!({ "date": plus(start, 4 * i), "modality": "manual_acupuncture", "cpt": ["97810"],
                         "progress": if i == 0 { "improving" } else { "not_recorded" } })
        })
        .collect();
    sessions.extend(
        (0..10).map(
            |i| json!({ "date": plus(date(2027, 1, 4), 4 * i), "modality": "manual_acupuncture", "cpt": ["97810"] }),
        ),
    );
    let make = |year: &str| {
        json!({ "eligibility": { "onset": { "date": ONSET }, "non_specific": true,
                                 "associated_with_surgery": false, "associated_with_pregnancy": false },
                "practitioner": physician(), "sessions": sessions, "options": { "year": year } })
    };
    let rolling = review(make("rolling_12_months"));
    assert_eq!(rolling.covered_count, 20);
    assert_eq!(rolling.sessions[20].reasons, [CoverageReason::AnnualCapReached]);
    let calendar = review(make("calendar_year"));
    assert_eq!(calendar.covered_count, 26, "January 2027 starts a new calendar year window");
    assert_eq!(calendar.sessions[16].covered_in_year, 1);
}

#[test]
fn eligibility_is_judged_at_each_visit_83_days_no_84_days_yes() {
    let onset = date(2025, 10, 9);
    let visit = |days: u64| json!({ "date": plus(onset, days), "modality": "manual_acupuncture", "cpt": ["97810"] });
    let r = review(json!({
        "eligibility": { "onset": { "date": onset.to_string() }, "non_specific": true,
                         "associated_with_surgery": false, "associated_with_pregnancy": false },
        "practitioner": physician(), "sessions": [visit(83), visit(84)] }));
    assert_eq!(r.sessions[0].reasons, [CoverageReason::NotChronicYet]);
    assert_eq!(r.sessions[0].rules, [RuleId::Mcr01]);
    assert!(r.sessions[1].covered);
}

#[test]
fn mcr_08_covers_services_from_2020_01_21() {
    let visit = |d: &str| json!({ "date": d, "modality": "manual_acupuncture", "cpt": ["97810"] });
    let r = review(json!({
        "eligibility": { "onset": { "date": "2019-09-01" }, "non_specific": true,
                         "associated_with_surgery": false, "associated_with_pregnancy": false },
        "practitioner": physician(), "sessions": [visit("2020-01-20"), visit("2020-01-21")] }));
    assert_eq!(r.sessions[0].reasons, [CoverageReason::BeforeEffectiveDate]);
    assert!(r.sessions[1].covered);
    assert!(r.findings.iter().any(|f| f.rule == RuleId::Mcr08));
}

#[test]
fn mcr_05_ends_coverage_after_not_improving_or_regressing_and_not_recorded_never_does() {
    for stop in ["not_improving", "regressing"] {
        let visits = [(0, "not_recorded"), (5, stop), (10, "not_recorded"), (15, "improving"), (20, "not_recorded")];
        let r = review(history(physician(), &visits, json!({})));
        assert_eq!(covered(&r), [true, true, false, false, false], "{stop}");
        assert!(r.stopped);
        assert_eq!(r.sessions[2].rules, [RuleId::Mcr05]);
        assert_eq!(r.remaining, None, "no counts once coverage has ended");
    }
    let r = review(history(physician(), &weekly(12, |_| "not_recorded"), json!({})));
    assert!(!r.stopped && covered(&r).iter().all(|c| *c));
}

#[test]
fn the_latest_recorded_progress_carries_forward() {
    let r = review(history(physician(), &weekly(15, |i| if i == 4 { "improving" } else { "not_recorded" }), json!({})));
    assert_eq!(r.covered_count, 15);
}

#[test]
fn mcr_06_qualification_per_discipline() {
    let visits = [(0, "not_recorded")];
    let check = |practitioner: Value, expected: &[CoverageReason]| {
        let r = review(history(practitioner.clone(), &visits, json!({})));
        assert_eq!(r.sessions[0].reasons, expected, "{practitioner}");
    };
    check(json!({ "kind": "physician", "state_licensed": true }), &[CoverageReason::InitialWindow]);
    check(json!({ "kind": "physician" }), &[CoverageReason::StateLicenseUndocumented]);
    check(
        json!({ "kind": "nurse_practitioner", "state_licensed": true, "acupuncture_degree": true, "acupuncture_license": true }),
        &[CoverageReason::InitialWindow],
    );
    check(
        json!({ "kind": "physician_assistant", "state_licensed": true, "acupuncture_license": true }),
        &[CoverageReason::AcupunctureDegreeUndocumented],
    );
    check(
        json!({ "kind": "licensed_acupuncturist", "state_licensed": true, "acupuncture_degree": true, "acupuncture_license": true }),
        &[CoverageReason::SupervisionUndocumented],
    );
    check(
        json!({ "kind": "licensed_acupuncturist", "state_licensed": true, "acupuncture_degree": true,
                "acupuncture_license": true, "supervised": true }),
        &[CoverageReason::InitialWindow],
    );
    check(
        json!({ "kind": "chiropractor", "state_licensed": true, "acupuncture_degree": false, "acupuncture_license": true, "supervised": false }),
        &[CoverageReason::NoAcupunctureDegree, CoverageReason::NotSupervised],
    );
}

#[test]
fn mcr_07_dry_needling_only_under_the_same_rules() {
    let visit = json!({ "date": "2026-01-05", "modality": "dry_needling", "cpt": ["20560"] });
    let make = |practitioner: Value| {
        json!({ "eligibility": { "onset": { "date": ONSET }, "non_specific": true,
                                 "associated_with_surgery": false, "associated_with_pregnancy": false },
                "practitioner": practitioner, "sessions": [visit] })
    };
    let pt = review(make(json!({ "kind": "physical_therapist", "state_licensed": true, "acupuncture_degree": false })));
    assert!(!pt.sessions[0].covered);
    assert!(pt.sessions[0].rules.contains(&RuleId::Mcr07) && pt.sessions[0].rules.contains(&RuleId::Mcr06));
    let qualified =
        review(make(json!({ "kind": "physical_therapist", "state_licensed": true, "acupuncture_degree": true,
                                         "acupuncture_license": true, "supervised": true })));
    assert!(qualified.sessions[0].covered);
    assert!(qualified.findings.iter().any(|f| f.rule == RuleId::Mcr07));
}

#[test]
fn eligibility_facts_that_are_false_or_undocumented_are_named() {
    let mut h = history(physician(), &[(0, "not_recorded")], json!({}));
    h["eligibility"] = json!({ "onset": { "date": ONSET }, "non_specific": false, "associated_with_surgery": true });
    let r = review(h);
    assert_eq!(
        r.sessions[0].reasons,
        [CoverageReason::NotNonSpecific, CoverageReason::AssociatedWithSurgery, CoverageReason::PregnancyUndocumented]
    );
    assert!(r.excluded, "a systemic cause or surgery excludes the episode");
    assert!(r.next_visit_needs.is_empty() && r.remaining.is_none(), "no next-visit guidance, no counts");
    let text = r.text();
    assert!(!text.contains("Left in the 90-day window") && !text.contains("For the next visit"), "{text}");
    assert!(text.contains("Not eligible (MCR-01)"), "{text}");
}

#[test]
fn the_window_can_start_at_chronic_onset() {
    // Onset 2025-06-01: 12 weeks on 2025-08-24; the window ends 2025-11-21, before 2026.
    let r = review(history(physician(), &[(0, "not_recorded")], json!({ "window_start": "chronic_onset" })));
    assert_eq!(r.sessions[0].reasons, [CoverageReason::NoImprovementRecorded]);
    assert_eq!(r.interpretations.window_from, Some(date(2025, 8, 24)));
    assert!(r.findings.iter().any(|f| f.rule == RuleId::Mcr02));
}

#[test]
fn remaining_and_next_visit_needs() {
    let r = review(history(physician(), &weekly(3, |_| "not_recorded"), json!({})));
    let left = r.remaining.unwrap();
    assert_eq!(left.initial_window, 9);
    assert_eq!(left.window_until, Some(date(2026, 4, 4)));
    assert_eq!(left.additional, 8);
    assert_eq!(left.year_window, 17);
    assert!(r.next_visit_needs.is_empty());
    assert_eq!(r.private_plan_coverage, "unknown");
    let r = review(history(physician(), &weekly(12, |_| "not_recorded"), json!({})));
    assert_eq!(r.next_visit_needs, [CoverageReason::NoImprovementRecorded]);
}

#[test]
fn the_design_example() {
    let r = review(json!({
      "eligibility": { "onset": { "date": "2025-09-01" }, "non_specific": true,
                       "associated_with_surgery": false, "associated_with_pregnancy": false },
      "practitioner": { "kind": "physician", "state_licensed": true },
      "sessions": [
        { "date": "2026-01-05", "modality": "manual_acupuncture", "cpt": ["97810", "97811"], "progress": "not_recorded" },
        { "date": "2026-03-30", "modality": "manual_acupuncture", "cpt": ["97810"], "progress": "improving" }
      ]
    }));
    let out = serde_json::to_value(&r).unwrap();
    assert_eq!(out["covered_count"], 2);
    assert_eq!(out["sessions"][0]["date"], "2026-01-05");
    assert_eq!(out["sessions"][0]["covered"], true);
    assert_eq!(out["sessions"][0]["rules"], json!(["MCR-02"]));
}

#[test]
fn bad_histories_get_errors_that_name_the_field() {
    let base = || history(physician(), &[(0, "not_recorded"), (5, "not_recorded")], json!({}));
    let cases: Vec<(&str, &str, Value, &str)> = vec![
        ("/sessions/0", "cpt", json!(["97811"]), "sessions[0].cpt: add-on code 97811 needs its initial code 97810"),
        (
            "/sessions/0",
            "cpt",
            json!(["97814"]),
            "sessions[0].cpt: add-on code 97814 needs its initial code 97813 at the same visit",
        ),
        ("/sessions/0", "cpt", json!(["20560"]), "sessions[0].cpt: 20560 bills dry_needling, not manual_acupuncture"),
        (
            "/sessions/1",
            "date",
            json!("2026-01-05"),
            "sessions[1].date 2026-01-05 is not after the previous visit's date 2026-01-05",
        ),
        ("/sessions/0", "date", json!("2025-05-01"), "sessions[0].date 2025-05-01 is before the onset 2025-06-01"),
        ("/sessions/0", "date", json!("2026-02-30"), "sessions[0].date \"2026-02-30\" is not a calendar date"),
        ("/eligibility", "onset", json!({ "days_ago": 100 }), "eligibility.onset must be {\"date\": \"YYYY-MM-DD\"}"),
        ("/sessions/0", "cpt", json!([]), "sessions[0].cpt is empty"),
        ("/sessions/0", "cpt", json!(["97810", "97810"]), "sessions[0].cpt: 97810 cannot be billed with 97810"),
        (
            "/sessions/0",
            "cpt",
            json!(["97810", "97813"]),
            "sessions[0].cpt: 97813 cannot be billed with 97810 at the same visit",
        ),
        ("/sessions/0", "cpt", json!(["97812"]), "unknown variant `97812`"),
        ("/sessions/1", "date", json!("2026-01-01"), "sessions[1].date 2026-01-01 is not after"),
        ("/practitioner", "kind", json!("acupuncturist"), "unknown variant `acupuncturist`"),
        ("/practitioner", "licensed", json!(true), "unknown field `licensed`"),
        ("/sessions/0", "progress", json!("better"), "unknown variant `better`"),
        ("/options", "year", json!("fiscal"), "unknown variant `fiscal`"),
    ];
    for (parent, key, value, expected) in cases {
        let mut h = base();
        h.pointer_mut(parent).unwrap()[key] = value;
        let err = serde_json::from_value::<MedicareHistory>(h).unwrap_err().to_string();
        assert!(err.contains(expected), "{parent}/{key}: got {err:?}, expected {expected:?}");
    }
}

#[test]
fn histories_and_reviews_round_trip_through_json() {
    let h: MedicareHistory = serde_json::from_value(history(
        physician(),
        &weekly(14, |i| if i == 3 { "improving" } else { "not_recorded" }),
        json!({}),
    ))
    .unwrap();
    let back: MedicareHistory = serde_json::from_str(&serde_json::to_string(&h).unwrap()).unwrap();
    assert_eq!(back, h);
    let r = review_medicare(&h).unwrap();
    let back: MedicareReview = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back, r);
}

#[test]
fn course_02_the_stricter_limit_wins_for_original_medicare() {
    // Three sessions over 100 days, no score: the 90-day window has ended and no improvement
    // is shown, so Original Medicare covers no more visits of this course.
    let log = json!({ "as_of": "2026-04-15", "measure": "nrs_pain", "baseline": { "date": "2026-01-05", "score": 6 },
        "sessions": [ { "date": "2026-01-05" }, { "date": "2026-02-20" }, { "date": "2026-04-15" } ] });
    let plain: CourseLog = serde_json::from_value(log.clone()).unwrap();
    assert_eq!(review_course(&plain).unwrap().decision, CourseDecision::TooEarly);
    let mut medicare = log;
    medicare["payer"] = json!("original_medicare");
    let r = review_course(&serde_json::from_value(medicare).unwrap()).unwrap();
    assert_eq!(r.decision, CourseDecision::Pivot, "no meaningful change shown: never a finished course");
    assert_eq!(r.sessions_remaining, 0);
    assert!(r.fired(RuleId::Course02));

    // A plan of up to 20 sessions: within the window Medicare covers 12 without shown
    // improvement, so 10 remain after two, not 18.
    let log = json!({ "as_of": "2026-01-20", "measure": "nrs_pain", "baseline": { "date": "2026-01-05", "score": 6 },
        "payer": "original_medicare", "sessions": [ { "date": "2026-01-05" }, { "date": "2026-01-12" } ],
        "plan": { "course_sessions": { "min": 6, "max": 20 } } });
    let r = review_course(&serde_json::from_value(log.clone()).unwrap()).unwrap();
    assert_eq!(r.sessions_remaining, 10);
    let mut private = log;
    private.as_object_mut().unwrap().remove("payer");
    assert_eq!(review_course(&serde_json::from_value(private).unwrap()).unwrap().sessions_remaining, 18);
}

#[test]
fn dry_needling_codes_for_different_muscle_counts_are_a_coding_error_naming_the_visit() {
    let mut h = history(physician(), &[(0, "not_recorded"), (7, "not_recorded")], json!({}));
    h["sessions"][1]["modality"] = json!("dry_needling");
    h["sessions"][1]["cpt"] = json!(["20560", "20561"]);
    let err = serde_json::from_value::<MedicareHistory>(h).unwrap_err().to_string();
    assert!(err.contains("sessions[1].cpt: 20561 cannot be billed with 20560 at the same visit"), "{err}");
}

#[test]
fn the_rust_constructor_runs_the_same_code_checks_and_the_fields_stay_private() {
    use acupuncture_guidance::{CoverageError, Cpt, MedicareVisit, Modality, Progress};
    let err = MedicareVisit::new(
        date(2026, 1, 5),
        Modality::ManualAcupuncture,
        vec![Cpt::C97810, Cpt::C97810],
        Progress::Improving,
    )
    .unwrap_err();
    assert!(matches!(err, CoverageError::ConflictingCodes { .. }), "{err}");
    let visit = MedicareVisit::new(
        date(2026, 1, 5),
        Modality::Electroacupuncture,
        vec![Cpt::C97813, Cpt::C97811],
        Progress::Improving,
    )
    .unwrap();
    assert!(visit.cross_modality_add_on(), "accepted, and labelled");
    assert_eq!((visit.modality(), visit.progress()), (Modality::Electroacupuncture, Progress::Improving));
}

#[test]
fn six_in_the_window_then_fourteen_while_improving_covers_fourteen_with_kx_on_the_additional_eight() {
    let mut visits: Vec<(u64, &str)> =
        (0..6).map(|i| (i * 5, if i == 5 { "improving" } else { "not_recorded" })).collect();
    visits.extend((0..14).map(|i| (95 + i * 5, "not_recorded")));
    let r = review(history(physician(), &visits, json!({})));
    assert_eq!(r.covered_count, 14);
    assert_eq!(r.sessions.iter().filter(|s| s.kx_modifier).count(), 8);
    assert!(r.sessions[..6].iter().all(|s| !s.kx_modifier), "never KX on an initial visit");
    assert_eq!(r.sessions[14].reasons, [CoverageReason::AdditionalVisitsUsed]);
    let json = serde_json::to_value(&r).unwrap();
    let readings: Vec<&Value> =
        json["findings"].as_array().unwrap().iter().filter(|f| f["basis"] == "interpretation").collect();
    assert!(readings.iter().any(|f| f["reading"] == "two_part_allotment" && f["status"] == "V1"));
    assert!(readings.iter().any(|f| f["code"] == "window_interpretation" && f["status"] == "UV"));
    assert!(r.text().contains("(MCR-03; V2, interpretation)"), "{}", r.text());
}
