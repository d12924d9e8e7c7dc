//! The safety advice's rules (reference §8.2 `SAFE-01`, DESIGN.md "Triage policy" step 3): the
//! findings that explain each modality's advice, checked through `assess` and the JSON contract.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use acupuncture_guidance::{Intake, assess};
use serde_json::{Value, json};

/// Chronic pain (200 days), every red flag and every caution answered `absent` (no question
/// left open), the three modalities proposed: acupuncture is reasonable and every modality
/// suitable.
fn intake() -> Value {
    json!({
      "assessed_on": "2026-11-27",
      "onset": { "days_ago": 200 },
      "pattern": "non_specific",
      "age_years": 45,
      "red_flags": {
        "saddle_numbness": "absent", "bladder_or_bowel_change": "absent",
        "progressive_leg_weakness": "absent", "fever": "absent",
        "unexplained_weight_loss": "absent", "history_of_cancer": "absent",
        "recent_serious_infection": "absent", "major_trauma": "absent",
        "severe_worsening_pain": "absent",
        "bilateral_leg_symptoms": "absent", "new_foot_drop": "absent", "minor_trauma": "absent",
        "no_improvement_after_month": "absent", "inflammatory_features": "absent",
        "long_term_corticosteroids": "absent", "osteoporosis": "absent", "intravenous_drug_use": "absent"
      },
      "cautions": {
        "anticoagulants": "absent", "bleeding_disorder": "absent", "severe_bleeding_disorder": "absent",
        "immunosuppression": "absent", "pregnancy": "absent", "implanted_electrical_device": "absent",
        "skin_lesion_at_needle_site": "absent", "seizure_disorder": "absent",
        "loss_of_skin_sensation": "absent", "impaired_circulation": "absent"
      },
      "proposed_modalities": ["manual_acupuncture", "electroacupuncture", "dry_needling"]
    })
}

fn caution(mut value: Value, name: &str, answer: &str) -> Value {
    value["cautions"][name] = json!(answer);
    value
}

fn flag(mut value: Value, name: &str, answer: &str) -> Value {
    value["red_flags"][name] = json!(answer);
    value
}

fn modalities(mut value: Value, list: &[&str]) -> Value {
    value["proposed_modalities"] = json!(list);
    value
}

fn run(value: Value) -> Value {
    let intake: Intake = serde_json::from_value(value).unwrap();
    serde_json::to_value(assess(&intake).unwrap()).unwrap()
}

fn findings<'a>(out: &'a Value, code: &str) -> Vec<&'a Value> {
    out["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).collect()
}

fn advice(out: &Value) -> Vec<&str> {
    out["modalities"].as_array().unwrap().iter().map(|m| m["advice"].as_str().unwrap()).collect()
}

#[test]
fn safe_01_the_baseline_is_suitable_and_needs_no_explaining() {
    // SAFE-01: `suitable` needs a complete screen, a favourable triage and every caution
    // answered absent; then nothing holds the advice, so no safety finding explains a limit.
    let out = run(intake());
    assert_eq!(out["triage"], "acupuncture_reasonable");
    assert_eq!(advice(&out), ["suitable"; 3]);
    for code in ["caution_present", "cautions_unanswered", "advice_held_by_triage", "no_usable_modality"] {
        assert!(findings(&out, code).is_empty(), "{code}: {:?}", findings(&out, code));
    }
}

#[test]
fn safe_01_a_caution_finding_names_each_present_caution_and_no_other() {
    // SAFE-01: a present caution shapes the advice and is reported as such; absent and
    // unknown cautions are not reported as present.
    let value = caution(caution(intake(), "anticoagulants", "present"), "seizure_disorder", "unknown");
    let out = run(value);
    let present: Vec<&Value> = findings(&out, "caution_present").iter().map(|f| &f["caution"]).collect();
    assert_eq!(present, [&json!("anticoagulants")]);
    assert_eq!(findings(&out, "caution_present")[0]["rule"], "SAFE-01");
    assert_eq!(advice(&out), ["discuss_first"; 3]);
}

#[test]
fn safe_01_unanswered_cautions_are_named_once_and_only_when_there_are_some() {
    // SAFE-01: an unanswered caution is a question to ask (advice at most discuss_first);
    // the finding lists exactly the unanswered ones, and there is none when all are answered.
    let out = run(caution(intake(), "pregnancy", "unknown"));
    let unanswered = findings(&out, "cautions_unanswered");
    assert_eq!(unanswered.len(), 1, "{unanswered:?}");
    assert_eq!(unanswered[0]["cautions"], json!(["pregnancy"]));
    assert_eq!(advice(&out), ["discuss_first"; 3]);

    assert!(findings(&run(intake()), "cautions_unanswered").is_empty());
}

#[test]
fn safe_01_the_triage_hold_is_reported_exactly_when_the_triage_caps_the_advice() {
    // SAFE-01: under evaluation_first (and the red-flag tiers) every modality is not_advised,
    // under screening_incomplete at most discuss_first; each says so. A favourable triage
    // holds nothing.
    let deferred = run(flag(intake(), "unexplained_weight_loss", "present"));
    assert_eq!(deferred["triage"], "evaluation_first");
    let held = findings(&deferred, "advice_held_by_triage");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["at_most"], "not_advised");
    assert_eq!(advice(&deferred), ["not_advised"; 3]);

    let incomplete = run(flag(intake(), "fever", "unknown"));
    assert_eq!(incomplete["triage"], "screening_incomplete");
    let held = findings(&incomplete, "advice_held_by_triage");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0]["at_most"], "discuss_first");

    assert!(findings(&run(intake()), "advice_held_by_triage").is_empty());
}

#[test]
fn safe_01_no_usable_modality_is_said_only_when_the_cautions_rule_out_every_proposed_one() {
    // SAFE-01: when no proposed modality is usable, say so. Pregnancy rules out
    // electroacupuncture only, so with manual acupuncture also proposed something is usable.
    let pregnant = caution(intake(), "pregnancy", "present");
    let out = run(modalities(pregnant.clone(), &["electroacupuncture"]));
    assert_eq!(advice(&out), ["not_advised"]);
    assert_eq!(findings(&out, "no_usable_modality").len(), 1);

    let out = run(modalities(pregnant, &["manual_acupuncture", "electroacupuncture"]));
    assert_eq!(advice(&out), ["discuss_first", "not_advised"]);
    assert!(findings(&out, "no_usable_modality").is_empty());
}
