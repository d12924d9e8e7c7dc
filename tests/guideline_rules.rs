//! The guideline and evidence records of an assessment (reference §3.2, §5: `EV-BIA-01`),
//! checked through `assess` and the JSON contract v2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{Intake, assess};
use serde_json::Value;

use common::clear_intake as intake;

fn run(value: Value) -> Value {
    let intake: Intake = serde_json::from_value(value).unwrap();
    serde_json::to_value(assess(&intake).unwrap()).unwrap()
}

/// Whether the assessment cites the BackInAction trial of adults 65 and over (`EV-BIA-01`).
fn cites_backinaction(out: &Value) -> bool {
    out["findings"].as_array().unwrap().iter().any(|f| f["rule"] == "EV-BIA-01" && f["code"] == "older_adult_trial")
}

#[test]
fn ev_bia_01_backinaction_is_cited_for_chronic_pain_from_age_65_only() {
    // EV-BIA-01: BackInAction enrolled adults aged 65 and over with chronic low back pain, so
    // its evidence is cited when the person is in that population (chronic under DUR-01 and
    // 65 or older), and not otherwise.
    let chronic_65 = run(intake(200, 65));
    assert_eq!(chronic_65["duration"]["category"], "chronic");
    assert_eq!(chronic_65["triage"], "acupuncture_reasonable");
    assert!(cites_backinaction(&chronic_65), "65 with chronic pain");
    assert!(cites_backinaction(&run(intake(200, 80))), "80 with chronic pain");

    assert!(!cites_backinaction(&run(intake(200, 64))), "64 is not 65 and over");
    // Subacute (84 days, DUR-01) and acute pain are outside the trial's population at any age.
    let subacute_70 = run(intake(84, 70));
    assert_eq!(subacute_70["duration"]["category"], "subacute");
    assert!(!cites_backinaction(&subacute_70), "subacute pain at 70");
    assert!(!cites_backinaction(&run(intake(10, 70))), "acute pain at 70");
}
