//! The practitioner review as another crate would read it: one JSON key per meaning, a plain
//! verdict, and dry needling under Medicare's rules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use acupuncture_guidance::{PractitionerProfile, PractitionerVerdict, review_practitioner};
use serde_json::{Value, json};

fn review(profile: Value) -> acupuncture_guidance::PractitionerReview {
    review_practitioner(&serde_json::from_value::<PractitionerProfile>(profile).unwrap())
}

#[test]
fn every_finding_has_one_status_key_and_the_signal_is_documented() {
    let r =
        review(json!({ "discipline": "licensed_acupuncturist", "state_licensed": true, "single_use_needles": false }));
    let text = serde_json::to_string(&r).unwrap();
    // Parse as a stream of keys: no object may carry `status` twice.
    for finding in serde_json::to_value(&r).unwrap()["findings"].as_array().unwrap() {
        let raw = serde_json::to_string(finding).unwrap();
        assert_eq!(raw.matches("\"status\":").count(), 1, "{raw}");
        assert!(finding["status"].is_string(), "the verification status survives: {raw}");
    }
    assert!(text.contains("\"documented\":false"), "{text}");
}

#[test]
fn an_unlicensed_practitioner_without_single_use_needles_gets_a_plain_no() {
    let r =
        review(json!({ "discipline": "licensed_acupuncturist", "state_licensed": false, "single_use_needles": false }));
    assert_eq!(r.verdict, PractitionerVerdict::DoNotHaveNeedlingHere);
    let text = r.text();
    assert!(text.contains("Do not have needling here."), "{text}");
    assert!(text.contains("is not licensed where the state requires it and does not use sterile, single-use needles"));
}

#[test]
fn a_physical_therapist_offering_dry_needling_hears_about_mcr_07() {
    let r = review(json!({ "discipline": "physical_therapist", "offers": ["dry_needling"], "state_licensed": true }));
    let text = r.text();
    assert!(text.contains("Medicare covers dry needling only for chronic low back pain"), "{text}");
    assert!(text.contains("does not meet those rules as documented"), "{text}");
    assert!(r.findings.iter().any(|f| f.rule == acupuncture_guidance::RuleId::Mcr07));
}
