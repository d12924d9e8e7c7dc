//! Support shared by the integration tests: the proptest configuration, answer strategies and
//! date helpers. Each test binary includes this module (`mod common;`) and uses a part of it.
#![allow(dead_code, reason = "each test binary uses a part of the shared support")]

use acupuncture_guidance::{Answer, NaiveDate};
use proptest::prelude::*;
use serde_json::{Value, json};

/// The property-test configuration: 512 cases by default; `PROPTEST_CASES` raises (or, for
/// mutation runs, lowers) it.
pub fn proptest_config() -> ProptestConfig {
    ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512))
}

/// Any answer, each of the three equally likely.
pub fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![Just(Answer::Present), Just(Answer::Absent), Just(Answer::Unknown)]
}

/// A calendar date; panics on an impossible one (test data only).
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a calendar date")
}

/// A `YYYY-MM-DD` date; panics on a malformed one (test data only).
pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

/// An intake document with a complete screen (the nine required items absent) and every
/// caution absent, `days` since onset, aged `age`; the optional red flags stay unknown.
pub fn clear_intake(days: u32, age: u8) -> Value {
    json!({
      "assessed_on": "2026-11-27",
      "onset": { "days_ago": days },
      "pattern": "non_specific",
      "age_years": age,
      "red_flags": required_absent(),
      "cautions": {
        "anticoagulants": "absent", "bleeding_disorder": "absent", "severe_bleeding_disorder": "absent",
        "immunosuppression": "absent", "pregnancy": "absent", "implanted_electrical_device": "absent",
        "skin_lesion_at_needle_site": "absent", "seizure_disorder": "absent",
        "loss_of_skin_sensation": "absent", "impaired_circulation": "absent"
      }
    })
}

/// The nine required red flags of the article's list, each answered absent (`red_flags`).
pub fn required_absent() -> Value {
    json!({
        "saddle_numbness": "absent", "bladder_or_bowel_change": "absent",
        "progressive_leg_weakness": "absent", "fever": "absent",
        "unexplained_weight_loss": "absent", "history_of_cancer": "absent",
        "recent_serious_infection": "absent", "major_trauma": "absent",
        "severe_worsening_pain": "absent"
    })
}
