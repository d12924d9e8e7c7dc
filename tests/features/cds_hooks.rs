//! CDS Hooks cards: every card the crate can emit passes `validate()`; golden responses for the
//! example intakes (`tests/cards/*.json`; `UPDATE_CARDS=1` rewrites them after a deliberate
//! change); indicators by urgency; deterministic, request-specific uuids.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use acupuncture_guidance::interop::cds_hooks::{
    CdsResponse, Indicator, SUMMARY_LIMIT, assessment_cards, course_review_cards, discovery,
};
use acupuncture_guidance::{
    Age, Answer, Caution, CourseLog, Intake, Modality, Onset, Pattern, RedFlag, Triage, assess, review_course,
};
use chrono::NaiveDate;
use proptest::prelude::*;

const HOOK: &str = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![6 => Just(Answer::Absent), 1 => Just(Answer::Present), 1 => Just(Answer::Unknown)]
}

prop_compose! {
    fn intake()(
        days in 0u32..=400, age in 18i64..=95,
        flags in proptest::collection::vec(answer(), RedFlag::ASKED.len()),
        cautions in proptest::collection::vec(answer(), Caution::ALL.len()),
        modalities in proptest::sample::subsequence(Modality::ALL.to_vec(), 1..=3),
    ) -> Intake {
        let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut intake = Intake::new(on, Onset::DaysAgo(days), Pattern::NonSpecific, Age::new(age).unwrap()).unwrap()
            .with_modalities(modalities).unwrap();
        for (flag, a) in RedFlag::ASKED.iter().zip(flags) {
            intake = intake.with_red_flag(*flag, a).unwrap();
        }
        for (caution, a) in Caution::ALL.iter().zip(cautions) {
            intake = intake.with_caution(*caution, a);
        }
        // A severe bleeding disorder is a bleeding disorder (`ContradictoryAnswers` otherwise).
        if intake.cautions().get(Caution::SevereBleedingDisorder) == Some(Answer::Present) {
            intake = intake.with_caution(Caution::BleedingDisorder, Answer::Present);
        }
        intake
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512)
    ))]

    /// Every card the crate emits is valid, and its uuid belongs to this request.
    #[test]
    fn prop_every_card_is_valid(intake in intake(), other in "[0-9a-f]{8}") {
        let a = assess(&intake).unwrap();
        let response = assessment_cards(&a, HOOK);
        prop_assert!(!response.cards.is_empty());
        for card in &response.cards {
            prop_assert!(card.validate().is_empty(), "{:?}", card.validate());
            prop_assert!(card.summary().chars().count() < SUMMARY_LIMIT);
        }
        let again = assessment_cards(&a, HOOK);
        prop_assert_eq!(&again, &response, "deterministic");
        let elsewhere = assessment_cards(&a, &other);
        for (x, y) in response.cards.iter().zip(&elsewhere.cards) {
            prop_assert_ne!(x.uuid(), y.uuid());
        }
        let uuids: std::collections::BTreeSet<_> = response.cards.iter().map(|c| c.uuid()).collect();
        prop_assert_eq!(uuids.len(), response.cards.len());
        // The cards read back through the checked deserializer.
        let back: CdsResponse = serde_json::from_str(&serde_json::to_string(&response).unwrap()).unwrap();
        prop_assert_eq!(back, response);
    }

    /// The first card's indicator follows the triage's urgency.
    #[test]
    fn prop_indicator_by_urgency(intake in intake()) {
        let a = assess(&intake).unwrap();
        let first = assessment_cards(&a, HOOK).cards[0].indicator();
        let expected = match a.triage {
            Triage::Emergency => Indicator::Critical,
            Triage::UrgentEvaluation => Indicator::Warning,
            _ => Indicator::Info,
        };
        prop_assert_eq!(first, expected);
    }
}

#[test]
fn golden_responses_for_the_example_intakes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_CARDS").is_some();
    let mut paths: Vec<_> =
        std::fs::read_dir(root.join("examples/intakes")).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    let mut stale = Vec::new();
    for path in paths {
        let intake: Intake = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let response = assessment_cards(&assess(&intake).unwrap(), HOOK);
        let text = serde_json::to_string_pretty(&response).unwrap() + "\n";
        let golden = root.join("tests/cards").join(path.file_name().unwrap());
        if update {
            std::fs::write(&golden, &text).unwrap();
        } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(text.as_str()) {
            stale.push(golden.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "cards differ from {stale:?}: review, then UPDATE_CARDS=1 cargo test --features cds-hooks --test cds_hooks"
    );
}

#[test]
fn emergency_cards_are_critical_and_lead_with_the_instruction() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/intakes/emergency_saddle_numbness.json");
    let intake: Intake = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let response = assessment_cards(&assess(&intake).unwrap(), HOOK);
    assert_eq!(response.cards.len(), 1, "nothing competes with an emergency");
    let card = &response.cards[0];
    assert_eq!(card.indicator(), Indicator::Critical);
    assert!(
        card.summary().starts_with("Emergency: new numbness in the groin or saddle area present."),
        "{}",
        card.summary()
    );
}

#[test]
fn course_review_cards_escalate() {
    let log: CourseLog = serde_json::from_str(
        r#"{"as_of": "2026-12-04", "measure": "nrs_pain", "baseline": {"date": "2026-11-02", "score": 7},
            "sessions": [{"date": "2026-11-02", "score": 7}, {"date": "2026-11-13", "new_red_flags": ["bladder_or_bowel_change"]}]}"#,
    )
    .unwrap();
    let response = course_review_cards(&review_course(&log).unwrap(), HOOK);
    assert_eq!(response.cards[0].indicator(), Indicator::Critical);
    assert!(response.cards[0].validate().is_empty());
}

#[test]
fn discovery_lists_patient_view_and_order_select() {
    let d = discovery();
    let hooks: Vec<&str> = d.services.iter().map(|s| s.hook.as_str()).collect();
    assert_eq!(hooks, ["patient-view", "order-select"]);
    let json = serde_json::to_value(&d).unwrap();
    assert!(json["services"][0].get("usageRequirements").is_some());
}
