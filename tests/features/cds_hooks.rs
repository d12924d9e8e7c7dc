//! CDS Hooks cards: every card the crate can emit passes `validate()`; golden responses for the
//! example intakes (`tests/cards/*.json`; `UPDATE_CARDS=1` rewrites them after a deliberate
//! change); indicators by urgency; deterministic, request-specific uuids; every card's outcome
//! in `source.topic`; the `order-sign` cards and their suggestions; the missing-data card.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::path::Path;

use acupuncture_guidance::interop::canonical::{
    ORDER_SIGN_SERVICE, OUTCOME_SYSTEM, PATIENT_VIEW_SERVICE, QUESTIONNAIRE_URL,
};
use acupuncture_guidance::interop::cds_hooks::{
    CdsResponse, Hook, Indicator, SUMMARY_LIMIT, assessment_cards, course_review_cards, discovery, missing_data_cards,
    order_sign_cards,
};
use acupuncture_guidance::{
    Advice, Age, Answer, Caution, CourseLog, Intake, Modality, Onset, Pattern, RedFlag, Triage, assess, review_course,
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
        card.summary()
            .starts_with("Emergency: new numbness in the groin or saddle area. Send for emergency assessment now"),
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
fn discovery_lists_patient_view_and_order_sign_with_their_prefetch() {
    let d = discovery();
    let hooks: Vec<(&str, &str)> = d.services.iter().map(|s| (s.hook.as_str(), s.id.as_str())).collect();
    assert_eq!(hooks, [("patient-view", PATIENT_VIEW_SERVICE), ("order-sign", ORDER_SIGN_SERVICE)]);
    let json = serde_json::to_value(&d).unwrap();
    for service in json["services"].as_array().unwrap() {
        assert!(service.get("usageRequirements").is_some());
        let prefetch = service["prefetch"].as_object().unwrap();
        let keys: Vec<&str> = prefetch.keys().map(String::as_str).collect();
        assert_eq!(keys, ["conditions", "intake", "medications", "patient", "pregnancy", "scores"]);
        assert_eq!(prefetch["patient"], "Patient/{{context.patientId}}");
        assert!(prefetch["pregnancy"].as_str().unwrap().contains("82810-3"));
        assert!(prefetch["intake"].as_str().unwrap().contains(QUESTIONNAIRE_URL));
        assert!(!service["usageRequirements"].as_str().unwrap().contains("does not read FHIR"));
    }
}

fn intake_file(name: &str) -> Intake {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/intakes").join(name);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn topic(card: &acupuncture_guidance::interop::cds_hooks::Card) -> &str {
    let topic = card.source().topic.as_ref().expect("every card names its outcome");
    assert_eq!(topic.system, OUTCOME_SYSTEM);
    &topic.code
}

#[test]
fn every_card_names_its_outcome_in_source_topic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(root.join("examples/intakes")).unwrap() {
        let intake: Intake = serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let a = assess(&intake).unwrap();
        let cards = assessment_cards(&a, HOOK).cards;
        // The first card's topic is the triage, except that a favourable triage with no usable
        // modality says so, and its topic is then the advice `not_advised` (topic matches summary).
        let nothing_usable = a.triage.allows_trial() && a.modalities.iter().all(|m| m.advice == Advice::NotAdvised);
        let expected = if nothing_usable { Advice::NotAdvised.as_str() } else { a.triage.as_str() };
        assert_eq!(topic(&cards[0]), expected, "{}", cards[0].summary());
        for card in &cards {
            let code = topic(card);
            assert!(
                Triage::ALL.iter().any(|t| t.as_str() == code) || Advice::ALL.iter().any(|x| x.as_str() == code),
                "{code}"
            );
        }
    }
}

const ORDER: &str = "ServiceRequest/draft-1";

#[test]
fn order_sign_emergency_is_critical_with_a_suggestion_that_deletes_the_draft() {
    let a = assess(&intake_file("emergency_saddle_numbness.json")).unwrap();
    let response = order_sign_cards(&a, &[(ORDER.to_owned(), Modality::ManualAcupuncture)], HOOK);
    assert_eq!(response.cards.len(), 1);
    let card = serde_json::to_value(&response.cards[0]).unwrap();
    assert_eq!(card["indicator"], "critical");
    assert_eq!(card["source"]["topic"]["code"], "emergency");
    assert_eq!(card["selectionBehavior"], "at-most-one");
    let action = &card["suggestions"][0]["actions"][0];
    assert_eq!(action["type"], "delete");
    assert_eq!(action["resourceId"], ORDER);
    assert!(response.cards[0].validate().is_empty());
}

#[test]
fn order_sign_not_advised_modality_gets_a_warning_with_a_change_suggestion() {
    let a = assess(&intake_file("pregnant_electroacupuncture.json")).unwrap();
    let not_advised: Vec<Modality> =
        a.modalities.iter().filter(|m| m.advice == Advice::NotAdvised).map(|m| m.modality).collect();
    assert!(!not_advised.is_empty(), "the example has a modality that is not advised: {:?}", a.modalities);
    let orders: Vec<(String, Modality)> =
        not_advised.iter().enumerate().map(|(i, m)| (format!("ServiceRequest/o{i}"), *m)).collect();
    let response = order_sign_cards(&a, &orders, HOOK);
    let warnings: Vec<_> = response.cards.iter().filter(|c| topic(c) == "not_advised").collect();
    assert_eq!(warnings.len(), orders.len());
    for (card, (id, _)) in warnings.iter().zip(&orders) {
        assert_eq!(card.indicator(), Indicator::Warning);
        let json = serde_json::to_value(card).unwrap();
        assert_eq!(json["suggestions"][0]["actions"][0]["resourceId"], id.as_str());
    }
    assert!(response.cards.iter().all(|c| c.validate().is_empty()));
}

#[test]
fn order_sign_incomplete_screen_names_what_to_ask_and_links_the_questionnaire() {
    let a = assess(&intake_file("acute_incomplete.json")).unwrap();
    assert_eq!(a.triage, Triage::ScreeningIncomplete);
    let response = order_sign_cards(&a, &[(ORDER.to_owned(), Modality::DryNeedling)], HOOK);
    assert_eq!(response.cards.len(), 1);
    let card = &response.cards[0];
    assert_eq!(card.indicator(), Indicator::Warning);
    assert_eq!(topic(card), "screening_incomplete");
    assert!(card.summary().contains("ask about"), "{}", card.summary());
    assert!(card.links().iter().any(|l| l.url == QUESTIONNAIRE_URL));
    assert!(card.validate().is_empty());
}

#[test]
fn order_sign_without_orders_says_nothing() {
    let a = assess(&intake_file("emergency_saddle_numbness.json")).unwrap();
    assert!(order_sign_cards(&a, &[], HOOK).cards.is_empty());
}

#[test]
fn missing_data_card_is_a_warning_on_order_sign_and_info_on_patient_view() {
    for (hook, indicator) in [(Hook::OrderSign, Indicator::Warning), (Hook::PatientView, Indicator::Info)] {
        let response = missing_data_cards(&["onset", "age_years", "pattern"], hook, HOOK);
        let card = &response.cards[0];
        assert_eq!(card.indicator(), indicator);
        assert_eq!(topic(card), "screening_incomplete");
        assert!(card.summary().contains("when the back pain started"), "{}", card.summary());
        assert!(card.detail().unwrap().contains("the patient's age"));
        assert!(card.links().iter().any(|l| l.url == QUESTIONNAIRE_URL));
        assert!(card.validate().is_empty());
    }
}
