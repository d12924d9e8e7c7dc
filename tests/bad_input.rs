//! Bad input and the messages it gets, as a new user meets them: every document type, through
//! serde_json and through the `json` facade. Each test states the rule it checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    Age, Answer, Caution, CautionAnswers, ChangePolicy, ChangePolicyError, Checkpoint, CourseLog, CoursePlan,
    GoodFitContext, Intake, IntakeError, Measure, MedicareHistory, NaiveDate, Onset, Pattern, PractitionerProfile,
    RedFlag, RedFlagAnswers, Score, Span, Threshold, Triage, assess, json, review_course,
};
use serde_json::{Value, json};

/// A complete, favourable intake (DESIGN.md §JSON contract v2, no cautions).
fn intake() -> Value {
    json!({
      "assessed_on": "2026-11-27",
      "onset": { "date": "2026-05-04" },
      "pattern": "non_specific",
      "age_years": 58,
      "red_flags": common::required_absent()
    })
}

/// A course log with an NRS baseline of 7 and `sessions`.
fn log(sessions: Value) -> Value {
    json!({ "as_of": "2026-12-04", "measure": "nrs_pain", "baseline": { "date": "2026-11-02", "score": 7 },
            "sessions": sessions })
}

/// A Medicare visit history (DESIGN.md §Medicare history).
fn history() -> Value {
    serde_json::from_str(include_str!("../examples/medicare/design_example.json")).unwrap()
}

/// A practitioner profile.
fn profile() -> Value {
    serde_json::from_str(include_str!("../examples/practitioners/licensed_acupuncturist.json")).unwrap()
}

fn parse_err<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: Value) -> String {
    serde_json::from_value::<T>(value).unwrap_err().to_string()
}

/// `value` with the node at `path` (object keys, or list indices as numbers) replaced by `new`.
fn replaced(mut value: Value, path: &[&str], new: Value) -> Value {
    let mut node = &mut value;
    for key in path {
        node = match key.parse::<usize>() {
            Ok(index) => &mut node[index],
            Err(_) => &mut node[*key],
        };
    }
    *node = new;
    value
}

/// The object at `path` in `value` turned into the list of its values, in order: what a caller
/// who reads the contract's objects as positional records would send.
fn as_array(value: &Value, path: &[&str]) -> Value {
    let mut node = value;
    for key in path {
        node = match key.parse::<usize>() {
            Ok(index) => &node[index],
            Err(_) => &node[*key],
        };
    }
    Value::Array(node.as_object().unwrap().values().cloned().collect())
}

/// No error message leaks a Rust type name or serde's struct wording.
fn assert_no_internal_names(err: &str) {
    for leak in ["Raw", "Wire", "struct ", "Object<", "tuple"] {
        assert!(!err.contains(leak), "{err:?} leaks {leak:?}");
    }
}

// ---- A present safety answer is never dropped ----

/// A chronic intake, aged `age`, with the nine required red flags absent.
fn chronic_clear(age: i64) -> Intake {
    let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut intake = Intake::new(on, Onset::DaysAgo(200), Pattern::NonSpecific, Age::new(age).unwrap()).unwrap();
    for flag in RedFlag::REQUIRED {
        intake = intake.with_red_flag(flag, Answer::Absent).unwrap();
    }
    intake
}

#[test]
fn immunosuppression_set_as_a_red_flag_is_the_caution_of_that_name() {
    let as_flag = chronic_clear(40).with_red_flag(RedFlag::Immunosuppression, Answer::Present).unwrap();
    let as_caution = chronic_clear(40).with_caution(Caution::Immunosuppression, Answer::Present);
    assert_eq!(as_flag, as_caution);
    assert_eq!(assess(&as_flag).unwrap().triage, Triage::EvaluationFirst);
}

#[test]
fn the_age_factors_follow_age_years_and_setting_one_is_an_error() {
    for flag in [RedFlag::AgeOver50, RedFlag::AgeUnder20] {
        for answer in [Answer::Present, Answer::Absent, Answer::Unknown] {
            let err = chronic_clear(40).with_red_flag(flag, answer).unwrap_err();
            assert_eq!(err, IntakeError::DerivedItem { item: flag });
            assert_eq!(err.to_string(), format!("red_flags.{flag} cannot be set: it is read from age_years"));
        }
    }
    let err =
        acupuncture_guidance::RedFlagAnswers::new().with(RedFlag::Immunosuppression, Answer::Present).unwrap_err();
    assert_eq!(
        err.to_string(),
        "red_flags.immunosuppression cannot be set: it is read from cautions.immunosuppression"
    );
}

#[test]
fn every_item_of_all_is_either_recorded_or_refused_never_ignored() {
    for flag in RedFlag::ALL {
        match chronic_clear(40).with_red_flag(*flag, Answer::Present) {
            Ok(intake) if *flag == RedFlag::Immunosuppression => {
                assert_eq!(intake.cautions().get(Caution::Immunosuppression), Some(Answer::Present));
            }
            Ok(intake) => assert_eq!(intake.red_flags().get(*flag), Some(Answer::Present), "{flag}"),
            Err(err) => assert_eq!(err, IntakeError::DerivedItem { item: *flag }),
        }
    }
    // A form built from ASKED sets every answer it asks.
    let mut intake = chronic_clear(40);
    for flag in RedFlag::ASKED {
        intake = intake.with_red_flag(flag, Answer::Absent).unwrap();
        assert_eq!(intake.red_flags().get(flag), Some(Answer::Absent), "{flag}");
    }
}

#[test]
fn a_derived_item_in_json_red_flags_is_an_error_naming_the_field() {
    for name in ["age_over_50", "age_under_20", "immunosuppression"] {
        let mut doc = intake();
        doc["red_flags"][name] = json!("present");
        let err = json::assess(&doc.to_string()).unwrap_err();
        assert_eq!(err.path(), format!("red_flags.{name}"), "{err}");
        let from = if name == "immunosuppression" { "cautions.immunosuppression" } else { "age_years" };
        assert!(err.to_string().ends_with(&format!("red_flags.{name} cannot be set: it is read from {from}")), "{err}");
    }
}

// ---- Free text ----

const HOSTILE_GOAL: &str = "walk\n\nSEEK EMERGENCY CARE NOW\n**bold** [x](http://evil)";

#[test]
fn a_goal_with_a_control_character_is_refused_with_its_field_and_value_escaped() {
    let doc = replaced(intake(), &["goals"], json!(["sit", HOSTILE_GOAL]));
    let err = json::assess(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "goals[1]");
    assert_eq!(
        err.to_string(),
        r#"goals[1] "walk\n\nSEEK EMERGENCY CARE NOW\n**bold** [x](http://evil)" contains a control character: write it on one line, without tabs"#
    );
    for control in ["\t", "\r", "\u{1b}[31m", "\u{7f}", "\u{85}", "\0"] {
        let goal = format!("walk{control}far");
        let err = chronic_clear(40).with_goals([goal.as_str()]).unwrap_err();
        assert_eq!(err, IntakeError::ControlCharacter { field: "goals[0]".into(), value: goal.clone() });
        assert!(!err.to_string().contains(control), "the value is shown escaped: {err}");
    }
}

#[test]
fn a_goal_is_at_most_80_characters_and_the_error_names_it() {
    let long = "a".repeat(81);
    let err = chronic_clear(40).with_goals(["walk", long.as_str()]).unwrap_err();
    assert_eq!(err.field().as_deref(), Some("goals[1]"));
    assert!(err.to_string().starts_with("goals[1] \"aaaa"), "{err}");
    assert!(chronic_clear(40).with_goals(["a".repeat(80)]).is_ok());
}

#[test]
fn caller_text_in_an_error_message_never_breaks_its_line() {
    let cases = [
        replaced(intake(), &["assessed_on"], json!("2026-11-27\nSEEK EMERGENCY CARE NOW")),
        replaced(intake(), &["onset"], json!({ "date": "2026\n05-04" })),
        replaced(intake(), &["cleared_by_clinician"], json!(["fever\nSEEK EMERGENCY CARE NOW"])),
        replaced(intake(), &["goals"], json!([HOSTILE_GOAL])),
        replaced(log(json!([])), &["as_of"], json!("2026-12-04\n")),
        replaced(history(), &["sessions", "0", "date"], json!("2026-01-05\n")),
        replaced(intake(), &["pattern"], json!("axial\nSEEK EMERGENCY CARE NOW")),
        replaced(intake(), &["red_flags"], json!({ "fever\nSEEK EMERGENCY CARE NOW": "present" })),
        replaced(intake(), &["context"], json!({ "vibes\t": "present" })),
    ];
    for (i, doc) in cases.into_iter().enumerate() {
        let err = if i == 4 {
            json::review_course(&doc.to_string())
        } else if i == 5 {
            json::review_medicare(&doc.to_string())
        } else {
            json::assess(&doc.to_string())
        }
        .unwrap_err()
        .to_string();
        assert!(!err.contains('\n'), "case {i}: {err:?}");
    }
}

#[test]
#[cfg_attr(not(feature = "cds-hooks"), ignore = "needs --features cds-hooks")]
fn caller_text_never_reaches_card_markdown_unescaped() {
    #[cfg(feature = "cds-hooks")]
    {
        use acupuncture_guidance::interop::cds_hooks::{assessment_cards, escape_markdown};
        // Markdown without control characters is a valid goal; it reaches the patient text
        // (plain text) but no card.
        let goal = "**bold** [x](http://evil) <img src=x> | # heading";
        let intake = chronic_clear(40).with_goals([goal]).unwrap();
        let assessment = assess(&intake).unwrap();
        assert!(assessment.patient_text().contains(goal));
        let cards =
            serde_json::to_string(&assessment_cards(&assessment, "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea")).unwrap();
        for piece in ["**bold**", "http://evil", "<img", "# heading"] {
            assert!(!cards.contains(piece), "{piece} reached a card: {cards}");
        }
        // What an integration adds to a card, it escapes.
        assert_eq!(escape_markdown(goal), r"\*\*bold\*\* \[x\]\(http\:\/\/evil\) \<img src\=x\> \| \# heading");
    }
}

// ---- Objects only ----

#[test]
fn every_input_document_is_an_object_never_an_array() {
    // The twelve-element array is the intake's values by position; `[]` is empty.
    let positional =
        Value::Array(vec![json!("2026-11-27"), json!({ "days_ago": 200 }), json!("non_specific"), json!(58)]);
    let cases: Vec<(&str, Result<String, json::JsonError>)> = vec![
        ("intake []", json::assess("[]")),
        ("intake by position", json::assess(&positional.to_string())),
        ("course log", json::review_course("[]")),
        ("medicare history", json::review_medicare("[]")),
        ("practitioner profile", json::review_practitioner("[]")),
    ];
    for (what, result) in cases {
        let err = result.unwrap_err();
        assert_eq!(err.path(), "", "{what}: {err}");
        assert!(err.to_string().starts_with("invalid type: sequence, expected an object"), "{what}: {err}");
        assert_no_internal_names(&err.to_string());
    }
    let errors = [
        parse_err::<Intake>(json!([])),
        parse_err::<CourseLog>(json!([])),
        parse_err::<MedicareHistory>(json!([])),
        parse_err::<PractitionerProfile>(json!([])),
        parse_err::<ChangePolicy>(json!([])),
        parse_err::<RedFlagAnswers>(json!(["present"])),
        parse_err::<CautionAnswers>(json!(["present"])),
        parse_err::<GoodFitContext>(json!(["present"])),
        parse_err::<Onset>(json!(["2026-05-04"])),
        parse_err::<CoursePlan>(json!([])),
        parse_err::<Span>(json!([4, 6])),
        parse_err::<Checkpoint>(json!([4, 6, 28])),
        parse_err::<Threshold>(json!([2, 30])),
    ];
    for err in errors {
        assert!(err.starts_with("invalid type: sequence, expected an object"), "{err}");
        assert_no_internal_names(&err);
    }
    // MedicareOptions and MedicarePractitioner are objects-only where a history reads them
    // (checked below); read on their own they still take serde's derive (model/medicare.rs).
}

#[test]
fn every_nested_object_is_an_object_and_the_error_names_its_field() {
    let mut plan_log = log(json!([{ "date": "2026-11-06", "score": 6 }]));
    plan_log["plan"] = json!({ "trial_sessions": { "min": 4, "max": 6 }, "checkpoint": { "min_sessions": 4, "sessions": 6, "days": 28 } });
    let mut options_history = history();
    options_history["options"] = json!({ "window_start": "first_covered_visit" });
    let mut red_flags = intake();
    red_flags["red_flags"] = json!(vec!["absent"; 17]);
    let run = |job: fn(&str) -> Result<String, json::JsonError>, doc: &Value, path: &[&str]| {
        let bad = replaced(doc.clone(), path, as_array(doc, path));
        job(&bad.to_string()).unwrap_err()
    };
    let intake_context = replaced(intake(), &["context"], json!({ "limit_medication": "present" }));
    let intake_cautions = replaced(intake(), &["cautions"], json!({ "anticoagulants": "present" }));
    let cases: Vec<(json::JsonError, &str)> = vec![
        (json::assess(&red_flags.to_string()).unwrap_err(), "red_flags"),
        (run(json::assess, &intake(), &["red_flags"]), "red_flags"),
        (run(json::assess, &intake_cautions, &["cautions"]), "cautions"),
        (run(json::assess, &intake_context, &["context"]), "context"),
        (run(json::assess, &intake(), &["onset"]), "onset"),
        (run(json::review_course, &plan_log, &["baseline"]), "baseline"),
        (run(json::review_course, &plan_log, &["sessions", "0"]), "sessions[0]"),
        (run(json::review_course, &plan_log, &["plan"]), "plan"),
        (run(json::review_course, &plan_log, &["plan", "trial_sessions"]), "plan.trial_sessions"),
        (run(json::review_course, &plan_log, &["plan", "checkpoint"]), "plan.checkpoint"),
        (run(json::review_medicare, &history(), &["eligibility"]), "eligibility"),
        (run(json::review_medicare, &history(), &["eligibility", "onset"]), "eligibility.onset"),
        (run(json::review_medicare, &history(), &["practitioner"]), "practitioner"),
        (run(json::review_medicare, &history(), &["sessions", "1"]), "sessions[1]"),
        (run(json::review_medicare, &options_history, &["options"]), "options"),
    ];
    for (err, path) in cases {
        assert_eq!(err.path(), path, "{err}");
        assert_eq!(err.to_string(), format!("{path}: invalid type: sequence, expected an object"));
    }
    let mut policy = serde_json::to_value(ChangePolicy::default()).unwrap();
    policy["peg"] = json!([1, 30]);
    let err = parse_err::<ChangePolicy>(policy);
    assert!(err.starts_with("invalid type: sequence, expected an object"), "{err}");
    let err = parse_err::<PractitionerProfile>(replaced(profile(), &["offers"], json!({ "a": "dry_needling" })));
    assert!(err.starts_with("invalid type: map, expected a sequence"), "lists stay lists: {err}");
}

// ---- Every error names its field ----

#[test]
fn a_validation_error_found_after_reading_has_its_field_as_the_path() {
    let session = |score: Value| json!([{ "date": "2026-11-02", "score": 7 }, { "date": "2026-11-06" }, { "date": "2026-11-09", "score": score }]);
    let mut plan = log(session(json!(6)));
    plan["plan"] = json!({ "course_sessions": { "min": 8, "max": 6 } });
    let mut onset_date = history();
    onset_date["eligibility"]["onset"] = json!({ "days_ago": 3 });
    let mut add_on = history();
    add_on["sessions"][1]["cpt"] = json!(["97811"]);
    let mut early = history();
    early["sessions"][0]["date"] = json!("2025-08-01");
    let mut policy = serde_json::to_value(ChangePolicy::default()).unwrap();
    policy["rmdq"]["relative_percent"] = json!(101);
    let intake_with = |key: &str, value: Value| replaced(intake(), &[key], value).to_string();
    let cases: Vec<(Result<String, json::JsonError>, &str, &str)> = vec![
        (
            json::review_course(&log(session(json!(11))).to_string()),
            "sessions[2].score",
            "sessions[2].score 11 is not a nrs_pain score: a whole number from 0 to 10",
        ),
        (
            json::review_course(&log(json!([{ "date": "2026-12-05" }])).to_string()),
            "sessions[0].date",
            "sessions[0].date 2026-12-05 is after as_of 2026-12-04",
        ),
        (json::review_course(&plan.to_string()), "plan.course_sessions", "plan.course_sessions: needs 1 <= min <= max"),
        (
            json::assess(&intake_with("onset", json!({ "date": "2026-12-01" }))),
            "onset.date",
            "onset.date: onset 2026-12-01 is after the assessment date 2026-11-27",
        ),
        (
            json::assess(&intake_with("onset", json!({ "weeks_ago": -1 }))),
            "onset.weeks_ago",
            "onset.weeks_ago -1 is negative",
        ),
        (
            json::assess(&intake_with("onset", json!({ "days_ago": 30000 }))),
            "onset",
            "onset 30000 days ago is before birth at age_years 58",
        ),
        (json::assess(&intake_with("assessed_on", json!("2026-13-01"))), "assessed_on", "assessed_on \"2026-13-01\""),
        (json::assess(&intake_with("goals", json!(["walk", ""]))), "goals[1]", "goals[1] \"\" must be 1 to 80"),
        (json::assess(&intake_with("age_years", json!(121))), "age_years", "age_years 121 is outside 0..=120"),
        (json::review_medicare(&onset_date.to_string()), "eligibility.onset", "eligibility.onset must be {\"date\""),
        (json::review_medicare(&add_on.to_string()), "sessions[1].cpt", "sessions[1].cpt: add-on code 97811 needs"),
        (
            json::review_medicare(&early.to_string()),
            "sessions[0].date",
            "sessions[0].date 2025-08-01 is before the onset",
        ),
    ];
    for (result, path, text) in cases {
        let err = result.unwrap_err();
        assert_eq!(err.path(), path, "{err}");
        assert!(err.to_string().starts_with(text), "{err:?} should start with {text:?}");
    }
    let err = json::from_str::<ChangePolicy>(&policy.to_string()).unwrap_err();
    assert_eq!(err.path(), "rmdq.relative_percent");
    assert_eq!(err.to_string(), "rmdq.relative_percent 101 is outside 1..=100");
    // The facade and serde_json agree on what is wrong; the facade adds where.
    let direct = parse_err::<CourseLog>(log(session(json!(11))));
    assert!(direct.starts_with("sessions[2].score 11 is not a nrs_pain score"), "{direct}");
}

// ---- Change thresholds ----

#[test]
fn a_threshold_is_more_than_0_points_and_1_to_100_percent() {
    assert_eq!(
        Threshold::new(Score::ZERO, Some(30)),
        Err(ChangePolicyError::AbsoluteNotPositive { field: "absolute".into(), value: Score::ZERO })
    );
    for bad in [0, 101, 255] {
        let err = Threshold::new(Score::whole(2), Some(bad)).unwrap_err();
        assert_eq!(err, ChangePolicyError::RelativeOutOfRange { field: "relative_percent".into(), value: bad });
        assert_eq!(err.to_string(), format!("relative_percent {bad} is outside 1..=100"));
    }
    for good in [None, Some(1), Some(100)] {
        assert_eq!(Threshold::new("0.5".parse().unwrap(), good).unwrap().relative_percent(), good);
    }
}

fn default_policy_json() -> Value {
    serde_json::to_value(ChangePolicy::default()).unwrap()
}

#[test]
fn a_change_policy_read_from_json_is_checked_and_names_the_measure() {
    let mut doc = default_policy_json();
    doc["nrs_pain"]["absolute"] = json!(0);
    let err = parse_err::<ChangePolicy>(doc);
    assert!(err.contains("nrs_pain.absolute 0 must be more than 0"), "{err}");
    let mut doc = default_policy_json();
    doc["psfs"]["relative_percent"] = json!(0);
    let err = parse_err::<ChangePolicy>(doc);
    assert!(err.contains("psfs.relative_percent 0 is outside 1..=100"), "{err}");
    let back: ChangePolicy = serde_json::from_value(default_policy_json()).unwrap();
    assert_eq!(back, ChangePolicy::default());
}

#[test]
fn a_flat_course_is_neither_meaningful_nor_regressing_and_the_review_keeps_its_threshold_shape() {
    let flat = serde_json::from_value::<CourseLog>(log(json!([{ "date": "2026-11-06", "score": 7 }]))).unwrap();
    let review = review_course(&flat).unwrap();
    let change = review.change.as_ref().unwrap();
    assert!(!change.meaningful && !change.regressing, "{change:?}");
    let out = serde_json::to_value(&review).unwrap();
    assert_eq!(out["change"]["threshold"], json!({ "absolute": 2, "relative_percent": 30 }));
    assert_eq!(ChangePolicy::default().threshold(Measure::Psfs).relative_percent(), None);
}

// ---- Repeats, names and dates ----

#[test]
fn a_modality_offered_twice_is_refused_naming_offers() {
    let doc = replaced(profile(), &["offers"], json!(["manual_acupuncture", "dry_needling", "dry_needling"]));
    let err = json::review_practitioner(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "offers");
    assert_eq!(err.to_string(), "offers lists dry_needling twice");
    assert!(parse_err::<PractitionerProfile>(doc).starts_with("offers lists dry_needling twice"));
}

#[test]
fn an_initial_cpt_code_billed_twice_at_one_visit_is_refused_naming_the_visit() {
    let doc = replaced(history(), &["sessions", "0", "cpt"], json!(["97810", "97811", "97810"]));
    let err = json::review_medicare(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "sessions[0].cpt");
    assert_eq!(err.to_string(), "sessions[0].cpt: 97810 cannot be billed with 97810 at the same visit");
    // An add-on code repeats for each further 15 minutes.
    let units = replaced(history(), &["sessions", "0", "cpt"], json!(["97810", "97811", "97811"]));
    assert!(json::review_medicare(&units.to_string()).is_ok());
    let on = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let err = acupuncture_guidance::MedicareVisit::new(
        on,
        acupuncture_guidance::Modality::ManualAcupuncture,
        vec![acupuncture_guidance::Cpt::C97810, acupuncture_guidance::Cpt::C97810],
        acupuncture_guidance::Progress::Improving,
    )
    .unwrap_err();
    assert!(err.to_string().contains("97810 cannot be billed with 97810 at the same visit"), "{err}");
}

#[test]
fn an_unknown_cleared_name_lists_every_red_flag_and_caution_it_accepts() {
    let err = json::assess(&replaced(intake(), &["cleared_by_clinician"], json!(["fevr"])).to_string()).unwrap_err();
    assert_eq!(err.path(), "cleared_by_clinician");
    let text = err.to_string();
    let (_, expected) = text.split_once("expected one of ").unwrap();
    let expected: Vec<&str> = expected.split(", ").collect();
    for name in RedFlag::ALL.iter().map(|f| f.as_str()).chain(Caution::ALL.iter().map(|c| c.as_str())) {
        assert_eq!(expected.iter().filter(|e| **e == name).count(), 1, "{name} in {text}");
    }
    assert_eq!(expected.len(), RedFlag::ALL.len() + Caution::ALL.len() - 1, "immunosuppression is one name");
}

#[test]
fn an_onset_date_too_long_ago_is_reported_as_a_date_against_the_earliest_date() {
    let err = json::assess(&replaced(intake(), &["onset"], json!({ "date": "1890-01-01" })).to_string()).unwrap_err();
    assert_eq!(err.path(), "onset.date");
    assert_eq!(
        err.to_string(),
        "onset.date 1890-01-01 is more than 120 years before the assessment date 2026-11-27: the earliest accepted is 1906-11-27"
    );
    // A count is reported as a count.
    let err = json::assess(&replaced(intake(), &["onset"], json!({ "days_ago": 50000 })).to_string()).unwrap_err();
    assert_eq!(err.to_string(), "onset.days_ago 50000 is more than 43830 days before the assessment date");
}

// ---- Messages read as English ----

#[test]
fn a_wrong_type_says_an_answer_name_with_the_right_article() {
    let mut doc = intake();
    doc["red_flags"]["fever"] = json!(3);
    let err = parse_err::<Intake>(doc);
    assert!(err.contains("expected an answer name"), "{err}");
    let err = parse_err::<CourseLog>(log(json!([{ "date": "2026-11-06", "adverse_effects": [1] }])));
    assert!(err.contains("expected an adverse effect name"), "{err}");
}

#[test]
fn one_minor_reaction_is_spoken_of_in_the_singular() {
    let one = log(json!([{ "date": "2026-11-06", "score": 6, "adverse_effects": ["bruising"] }]));
    let review = review_course(&serde_json::from_value::<CourseLog>(one).unwrap()).unwrap();
    let text = review.patient_text();
    assert!(text.contains("You noted bruising. That is a common, minor reaction, not a reason to stop."), "{text}");
    let two = log(json!([{ "date": "2026-11-06", "score": 6, "adverse_effects": ["bruising", "minor_bleeding"] }]));
    let text = review_course(&serde_json::from_value::<CourseLog>(two).unwrap()).unwrap().patient_text();
    assert!(text.contains("You noted bruising and a little bleeding. These are common, minor reactions"), "{text}");
}

#[test]
fn one_point_one_session_and_one_day_are_singular() {
    let one = log(json!([{ "date": "2026-11-06", "score": 6 }]));
    let review = review_course(&serde_json::from_value::<CourseLog>(one).unwrap()).unwrap();
    let (patient, clinician) = (review.patient_text(), review.clinician_text());
    assert!(patient.contains("1 point better") && !patient.contains("1 points"), "{patient}");
    assert!(patient.contains("1 session done") && !patient.contains("1 sessions"), "{patient}");
    assert!(clinician.contains("improvement 1 point (") && !clinician.contains("1 points"), "{clinician}");
    let mut doc = intake();
    doc["onset"] = json!({ "days_ago": 1 });
    let text = acupuncture_guidance::assess(&serde_json::from_value(doc).unwrap()).unwrap().clinician_text();
    assert!(text.contains("Duration: 1 day,") && text.contains("DUR-01 1 day: acute"), "{text}");
}

#[test]
fn a_score_debugs_as_its_decimal_value() {
    let score: Score = "7.5".parse().unwrap();
    assert_eq!(format!("{score:?}"), "Score(7.5)");
    assert_eq!(format!("{:?}", Score::whole(3).minus(score)), "Delta(-4.5)");
}

// ---- The examples ----

/// `--help` prints the usage on stdout and exits 0 for every example. The examples are built by
/// `cargo test` (not by `cargo test --test bad_input`, which skips this check and says so).
#[test]
fn every_example_prints_its_usage_for_help_and_exits_0() {
    let mut names = vec!["assess", "medicare_coverage", "practitioner", "trial_course"];
    if cfg!(feature = "cds-hooks") {
        names.push("cds_hooks");
    }
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(|deps| deps.parent()).unwrap().join("examples");
    let path = |name: &str| dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    if names.iter().all(|name| !path(name).exists()) {
        eprintln!("examples not built (run the whole `cargo test`): --help not checked");
        return;
    }
    for name in names {
        for flag in ["--help", "-h"] {
            let out = std::process::Command::new(path(name)).arg(flag).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert_eq!(out.status.code(), Some(0), "{name} {flag}: {}", String::from_utf8_lossy(&out.stderr));
            assert!(stdout.starts_with(&format!("usage: {name} ")), "{name} {flag}: {stdout}");
        }
    }
}

#[test]
fn an_unknown_red_flag_lists_only_the_asked_items_and_a_repeated_one_is_refused() {
    let mut doc = intake();
    doc["red_flags"]["fevr"] = json!("present");
    let err = json::assess(&doc.to_string()).unwrap_err();
    assert_eq!(err.path(), "red_flags.fevr");
    let asked: Vec<String> = RedFlag::ASKED.iter().map(|f| format!("`{f}`")).collect();
    assert!(err.to_string().ends_with(&format!("unknown field `fevr`, expected one of {}", asked.join(", "))), "{err}");
    let repeated = r#"{"assessed_on": "2026-11-27", "onset": {"days_ago": 3}, "pattern": "non_specific",
        "age_years": 40, "red_flags": {"fever": "absent", "fever": "present"}}"#;
    let err = json::assess(repeated).unwrap_err();
    assert!(err.to_string().contains("duplicate field `fever`"), "{err}");
}

/// A severe bleeding disorder is a bleeding disorder: "present" for the first with "absent" for
/// the second is a contradiction, refused with both names, never resolved by a guess.
#[test]
fn a_severe_bleeding_disorder_with_no_bleeding_disorder_is_refused_naming_both() {
    let document = replaced(
        replaced(intake(), &["cautions", "severe_bleeding_disorder"], json!("present")),
        &["cautions", "bleeding_disorder"],
        json!("absent"),
    );
    let err = acupuncture_guidance::json::assess(&document.to_string()).unwrap_err();
    assert_eq!(err.path(), "cautions.severe_bleeding_disorder");
    assert!(err.to_string().contains("cautions.bleeding_disorder is absent"), "{err}");
    // Present with present, or present with unknown, is no contradiction.
    for other in ["present", "unknown"] {
        let document = replaced(
            replaced(intake(), &["cautions", "severe_bleeding_disorder"], json!("present")),
            &["cautions", "bleeding_disorder"],
            json!(other),
        );
        assert!(acupuncture_guidance::json::assess(&document.to_string()).is_ok(), "{other}");
    }
}
