//! Support shared by the integration tests: the proptest configuration, answer strategies and
//! date helpers. Each test binary includes this module (`mod common;`) and uses a part of it.
#![allow(dead_code, reason = "each test binary uses a part of the shared support")]

use acupuncture_guidance::{Answer, NaiveDate};
use proptest::prelude::*;

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
