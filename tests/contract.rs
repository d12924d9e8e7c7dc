//! The JSON contract v2 and bad input, exercised the way another crate would use the library:
//! through the root re-exports and serde_json.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use acupuncture_guidance::{
    Advice, Age, Assessment, CONTRACT_VERSION, Intake, IntakeError, Modality, Onset, Pattern, RULESET_VERSION, RuleId,
    SourceId, Triage, assess,
};
use chrono::NaiveDate;
use serde_json::{Value, json};

/// The intake of DESIGN.md §JSON contract v2, verbatim.
fn design_intake() -> Value {
    json!({
      "assessed_on": "2026-11-27",
      "onset": { "date": "2026-05-04" },
      "pattern": "non_specific",
      "age_years": 58,
      "red_flags": {
        "saddle_numbness": "absent", "bladder_or_bowel_change": "absent",
        "progressive_leg_weakness": "absent", "fever": "absent",
        "unexplained_weight_loss": "absent", "history_of_cancer": "absent",
        "recent_serious_infection": "absent", "major_trauma": "absent",
        "severe_worsening_pain": "absent"
      },
      "cautions": {
        "anticoagulants": "present", "bleeding_disorder": "absent", "immunosuppression": "absent",
        "pregnancy": "absent", "implanted_electrical_device": "absent"
      },
      "proposed_modalities": ["manual_acupuncture", "electroacupuncture"]
    })
}

fn parse(value: Value) -> Result<Intake, String> {
    serde_json::from_value::<Intake>(value).map_err(|e| e.to_string())
}

fn with(mut value: Value, path: &[&str], new: Value) -> Value {
    let (last, parents) = path.split_last().unwrap();
    let mut node = &mut value;
    for key in parents {
        node = &mut node[*key];
    }
    node[*last] = new;
    value
}

#[test]
fn the_design_example_gives_the_design_output() {
    let assessment = assess(&parse(design_intake()).unwrap()).unwrap();
    let out = serde_json::to_value(&assessment).unwrap();
    assert_eq!(out["contract_version"], 2);
    assert_eq!(out["ruleset_version"], RULESET_VERSION);
    assert_eq!(out["triage"], "acupuncture_reasonable");
    assert_eq!(out["duration"], json!({ "days": 207, "category": "chronic" }));
    assert_eq!(out["unanswered"], json!([]));
    assert!(out["also_ask"].as_array().unwrap().contains(&json!("skin_lesion_at_needle_site")));
    assert_eq!(out["modalities"][0]["modality"], "manual_acupuncture");
    assert_eq!(out["modalities"][0]["advice"], "discuss_first");
    assert_eq!(out["modalities"][0]["because"], json!(["anticoagulants"]));
    assert_eq!(out["modalities"][1]["modality"], "electroacupuncture");
    assert_eq!(out["modalities"][1]["advice"], "discuss_first");
    assert_eq!(out["modalities"][1]["because"], json!(["anticoagulants"]));
    assert_eq!(out["guideline_positions"][0]["source"], "ACP-2017");
    assert_eq!(out["guideline_positions"][0]["stance"], "recommend");
    assert_eq!(out["trial_plan"]["trial_sessions"], json!({ "min": 4, "max": 6 }));
    assert_eq!(out["trial_plan"]["course_sessions"], json!({ "min": 6, "max": 12 }));
    let dur = out["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "DUR-01").unwrap();
    assert!(dur["sources"].as_array().unwrap().contains(&json!("ACP-2017")));
}

#[test]
fn trial_plan_is_null_unless_the_triage_allows_a_trial() {
    let emergency = with(design_intake(), &["red_flags", "saddle_numbness"], json!("present"));
    let out = serde_json::to_value(assess(&parse(emergency).unwrap()).unwrap()).unwrap();
    assert_eq!(out["triage"], "emergency");
    assert_eq!(out["trial_plan"], Value::Null);
    assert_eq!(out["guideline_positions"], json!([]), "RF-00 withholds acupuncture messaging");
}

#[test]
fn omitted_fields_take_their_documented_defaults() {
    let intake = parse(json!({
        "assessed_on": "2026-11-27", "onset": { "days_ago": 100 }, "pattern": "radicular", "age_years": 40
    }))
    .unwrap();
    assert_eq!(intake.proposed_modalities(), [Modality::ManualAcupuncture]);
    let assessment = assess(&intake).unwrap();
    assert_eq!(assessment.triage, Triage::ScreeningIncomplete, "omitted answers are unknown, never absent");
    // The nine, and with a radicular pattern the two leg signs (RF-ASK, ruleset 2026-12).
    assert_eq!(assessment.unanswered.len(), 11);
}

#[test]
fn a_misspelled_red_flag_is_rejected_not_ignored() {
    let bad = with(design_intake(), &["red_flags", "saddle_numbnes"], json!("present"));
    let err = parse(bad).unwrap_err();
    assert!(err.contains("unknown field `saddle_numbnes`"), "{err}");
}

#[test]
fn unknown_fields_anywhere_are_rejected() {
    for path in [&["surprise"][..], &["cautions", "warfarin"], &["context", "vibes"], &["onset", "date_of"]] {
        let err = parse(with(design_intake(), path, json!("x"))).unwrap_err();
        assert!(err.contains("unknown field") || err.contains("unknown variant"), "{path:?}: {err}");
    }
}

#[test]
fn unknown_enum_values_name_the_expected_ones() {
    let err = parse(with(design_intake(), &["red_flags", "fever"], json!("maybe"))).unwrap_err();
    assert!(err.contains("unknown variant `maybe`, expected one of `present`, `absent`, `unknown`"), "{err}");
    let err = parse(with(design_intake(), &["pattern"], json!("axial"))).unwrap_err();
    assert!(err.contains("unknown variant `axial`"), "{err}");
    let err = parse(with(design_intake(), &["proposed_modalities"], json!(["cupping"]))).unwrap_err();
    assert!(err.contains("unknown variant `cupping`"), "{err}");
}

#[test]
fn bad_values_get_errors_that_name_the_field_and_value() {
    let cases: &[(&[&str], Value, &str)] = &[
        (&["onset"], json!({ "date": "2026-12-01" }), "onset 2026-12-01 is after the assessment date 2026-11-27"),
        (&["onset"], json!({ "date": "2026-02-30" }), "onset.date \"2026-02-30\" is not a calendar date"),
        (&["onset"], json!({ "date": "2026-5-4" }), "onset.date \"2026-5-4\" is not a calendar date"),
        (&["onset"], json!({ "days_ago": -3 }), "onset.days_ago -3 is negative"),
        (&["onset"], json!({ "weeks_ago": -1 }), "onset.weeks_ago -1 is negative"),
        (&["onset"], json!({ "weeks_ago": 100000 }), "onset.weeks_ago 100000 is more than 43830 days"),
        (&["onset"], json!({ "days_ago": 30000 }), "onset 30000 days ago is before birth at age_years 58"),
        (&["assessed_on"], json!("27/11/2026"), "assessed_on \"27/11/2026\" is not a calendar date"),
        (&["age_years"], json!(121), "age_years 121 is outside 0..=120"),
        (&["age_years"], json!(-1), "age_years -1 is outside 0..=120"),
        (&["proposed_modalities"], json!([]), "proposed_modalities is empty"),
        (
            &["proposed_modalities"],
            json!(["dry_needling", "dry_needling"]),
            "proposed_modalities lists dry_needling twice",
        ),
        (&["cleared_by_clinician"], json!(["fevr"]), "cleared_by_clinician: unknown red flag or caution \"fevr\""),
        (&["goals"], json!(["a", "b", "c", "d", "e", "f"]), "goals has 6 entries, at most 5"),
        (&["goals"], json!(["  "]), "goals[0] \"  \" must be 1 to 80 characters"),
    ];
    for (path, value, expected) in cases {
        let err = parse(with(design_intake(), path, value.clone())).unwrap_err();
        assert!(err.contains(expected), "{path:?} = {value}: got {err:?}, expected {expected:?}");
    }
}

#[test]
fn an_onset_with_two_shapes_is_rejected() {
    let err = parse(with(design_intake(), &["onset"], json!({ "days_ago": 3, "weeks_ago": 1 }))).unwrap_err();
    assert!(err.contains("onset needs exactly one of date, days_ago, weeks_ago; got [days_ago, weeks_ago]"), "{err}");
    let err = parse(with(design_intake(), &["onset"], json!({}))).unwrap_err();
    assert!(err.contains("got []"), "{err}");
}

#[test]
fn the_rust_api_returns_typed_errors() {
    let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let later = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let err = Intake::new(on, Onset::Date(later), Pattern::NonSpecific, Age::new(40).unwrap()).unwrap_err();
    assert_eq!(err, IntakeError::OnsetAfterAssessment { onset: later, assessed_on: on });
    assert_eq!(Age::new(200).unwrap_err(), IntakeError::AgeOutOfRange { value: 200 });
    let intake = Intake::new(on, Onset::DaysAgo(3), Pattern::NonSpecific, Age::new(40).unwrap()).unwrap();
    assert_eq!(intake.with_modalities([]).unwrap_err(), IntakeError::NoModality);
}

#[test]
fn intake_and_assessment_round_trip_through_json() {
    let intake = parse(design_intake()).unwrap();
    let back: Intake = serde_json::from_str(&serde_json::to_string(&intake).unwrap()).unwrap();
    assert_eq!(back, intake);
    let assessment = assess(&intake).unwrap();
    let back: Assessment = serde_json::from_str(&serde_json::to_string(&assessment).unwrap()).unwrap();
    assert_eq!(back, assessment);
    assert_eq!(back.contract_version, CONTRACT_VERSION);
}

#[test]
fn every_finding_cites_its_rules_catalogued_sources() {
    let assessment = assess(&parse(design_intake()).unwrap()).unwrap();
    for finding in &assessment.findings {
        assert_eq!(finding.sources.as_ref(), finding.rule.sources(), "{}", finding.rule);
    }
    assert!(assessment.fired(RuleId::Ev01));
    assert!(RuleId::GlAcp02.sources().contains(&SourceId::Acp2017));
}

#[test]
fn patient_text_covers_what_the_issue_asks_and_hides_unverified_positions() {
    let radicular = with(design_intake(), &["pattern"], json!("radicular"));
    // RF-ASK: a radicular pattern makes the two leg signs required answers.
    let radicular = with(radicular, &["red_flags", "bilateral_leg_symptoms"], json!("absent"));
    let intake = parse(with(radicular, &["red_flags", "new_foot_drop"], json!("absent"))).unwrap();
    let text = assess(&intake).unwrap().patient_text();
    for needle in [
        "What this means",
        "15 to 30 minutes",
        "soreness",
        "Try 4 to 6 sessions",
        "Questions to ask a practitioner",
        "does not repair a disc",
        "Go to emergency care now if you have any of these:",
        "sham",
        "usual care",
        "NICE",
    ] {
        assert!(text.contains(needle), "patient text lacks {needle:?}:\n{text}");
    }
    assert!(!text.contains("VA/DoD") && !text.contains("VADOD"), "UV positions stay out of patient text");
}

#[test]
fn emergency_text_is_the_instruction_and_nothing_competes_with_it() {
    let intake = parse(with(design_intake(), &["red_flags", "bladder_or_bowel_change"], json!("present"))).unwrap();
    let text = assess(&intake).unwrap().patient_text();
    assert!(text.starts_with("SEEK EMERGENCY CARE NOW."), "{text}");
    for absent in ["session", "Try 4", "guideline", "suit you"] {
        assert!(!text.contains(absent), "emergency text mentions {absent:?}:\n{text}");
    }
}

#[test]
fn clinician_text_gives_rule_ids_sources_and_grades() {
    let text = assess(&parse(design_intake()).unwrap()).unwrap().clinician_text();
    for needle in
        ["DUR-01", "ACP-2017", "strong recommendation", "moderate-quality evidence", "GL-NICE-01", "UNVERIFIED"]
    {
        assert!(text.contains(needle), "clinician text lacks {needle:?}");
    }
}

#[test]
fn advice_lookup_matches_the_list() {
    let assessment = assess(&parse(design_intake()).unwrap()).unwrap();
    assert_eq!(assessment.advice_for(Modality::Electroacupuncture), Some(Advice::DiscussFirst));
    assert_eq!(assessment.advice_for(Modality::DryNeedling), None);
}

#[test]
fn a_governing_jurisdiction_orders_the_positions_and_never_hides_one() {
    use acupuncture_guidance::{AssessOptions, Jurisdiction, assess_with};
    let intake = parse(design_intake()).unwrap();
    let order = |j: Option<Jurisdiction>| -> Vec<SourceId> {
        let a = assess_with(&intake, &AssessOptions { governing_jurisdiction: j }).unwrap();
        a.guideline_positions.iter().map(|p| p.source).collect()
    };
    let catalogue = [SourceId::Acp2017, SourceId::NiceNg59, SourceId::Cdc2022, SourceId::Vadod2022];
    assert_eq!(order(None), catalogue);
    assert_eq!(
        order(Some(Jurisdiction::UnitedStates)),
        [SourceId::Acp2017, SourceId::Cdc2022, SourceId::Vadod2022, SourceId::NiceNg59]
    );
    assert_eq!(
        order(Some(Jurisdiction::UnitedKingdom)),
        [SourceId::NiceNg59, SourceId::Acp2017, SourceId::Cdc2022, SourceId::Vadod2022]
    );
    assert_eq!(assess_with(&intake, &AssessOptions::default()).unwrap(), assess(&intake).unwrap());
}
