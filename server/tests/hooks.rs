//! The hooks over real HTTP on loopback: discovery, patient-view (with and without the intake
//! response, an emergency, a record that lacks the onset), order-sign (emergency, a modality
//! not advised, an incomplete screen, no acupuncture order), the fhirServer fallback, 412,
//! and feedback.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::interop::cds_hooks::CdsResponse;
use common::{ORDER_SIGN, Options, PATIENT_VIEW, call, client, example, start, topics};
use serde_json::{Value, json};

async fn cards(server: &common::Server, service: &str, body: &Value) -> Value {
    let response = call(server, &format!("/cds-services/{service}"), body).await;
    let status = response.status();
    let text = response.text().await.unwrap();
    assert_eq!(status, 200, "{text}");
    // Every card passes the library's checked deserializer (Card::validate).
    let _: CdsResponse = serde_json::from_str(&text).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn without(mut body: Value, keys: &[&str]) -> Value {
    for key in keys {
        body["prefetch"].as_object_mut().unwrap().remove(*key);
    }
    body
}

#[tokio::test]
async fn discovery_lists_both_services_with_their_prefetch() {
    let server = start(Options::default()).await;
    let response = client()
        .get(format!("{}/cds-services", server.base))
        .bearer_auth(common::token(&server, "/cds-services"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    let services = body["services"].as_array().unwrap();
    let ids: Vec<(&str, &str)> =
        services.iter().map(|s| (s["id"].as_str().unwrap(), s["hook"].as_str().unwrap())).collect();
    assert_eq!(ids, [(PATIENT_VIEW, "patient-view"), (ORDER_SIGN, "order-sign")]);
    for service in services {
        assert_eq!(service["prefetch"]["patient"], "Patient/{{context.patientId}}");
        for key in ["conditions", "pregnancy", "intake", "scores"] {
            assert!(service["prefetch"][key].is_string(), "{key}");
        }
    }
}

#[tokio::test]
async fn patient_view_with_the_intake_response() {
    let server = start(Options::default()).await;
    let response = cards(&server, PATIENT_VIEW, &example("patient-view.json")).await;
    assert_eq!(topics(&response)[0], "acupuncture_reasonable", "{response}");
    assert_eq!(response["cards"][0]["indicator"], "info");
}

#[tokio::test]
async fn patient_view_without_the_intake_response_asks_the_red_flag_questions() {
    let server = start(Options::default()).await;
    let response = cards(&server, PATIENT_VIEW, &without(example("patient-view.json"), &["intake"])).await;
    assert_eq!(topics(&response)[0], "screening_incomplete", "{response}");
    assert_eq!(response["cards"][0]["indicator"], "info");
}

#[tokio::test]
async fn patient_view_emergency_is_one_critical_card() {
    let server = start(Options::default()).await;
    let response = cards(&server, PATIENT_VIEW, &example("patient-view-emergency.json")).await;
    assert_eq!(topics(&response), ["emergency"]);
    assert_eq!(response["cards"][0]["indicator"], "critical");
    assert!(response["cards"][0]["summary"].as_str().unwrap().starts_with("Emergency:"));
}

#[tokio::test]
async fn a_record_without_onset_or_pattern_cannot_be_assessed_yet() {
    let server = start(Options::default()).await;
    let response =
        cards(&server, PATIENT_VIEW, &without(example("patient-view.json"), &["conditions", "intake"])).await;
    assert_eq!(topics(&response), ["screening_incomplete"]);
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "info");
    assert!(card["summary"].as_str().unwrap().starts_with("Cannot assess yet"), "{card}");
    assert!(card["detail"].as_str().unwrap().contains("when the back pain started"), "{card}");

    let mut order = without(example("order-sign.json"), &["conditions", "intake"]);
    order["hookInstance"] = json!("b2c3b2c3-0000-4000-8000-000000000002");
    let response = cards(&server, ORDER_SIGN, &order).await;
    assert_eq!(topics(&response), ["screening_incomplete"]);
    assert_eq!(response["cards"][0]["indicator"], "warning");
}

#[tokio::test]
async fn order_sign_emergency_is_critical_with_a_suggestion_deleting_the_draft() {
    let server = start(Options::default()).await;
    let mut body = example("order-sign.json");
    body["prefetch"]["intake"] = example("patient-view-emergency.json")["prefetch"]["intake"].clone();
    let response = cards(&server, ORDER_SIGN, &body).await;
    assert_eq!(topics(&response), ["emergency"]);
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "critical");
    let action = &card["suggestions"][0]["actions"][0];
    assert_eq!(action["type"], "delete");
    assert_eq!(action["resourceId"], "ServiceRequest/sr-1");
}

#[tokio::test]
async fn order_sign_for_a_modality_not_advised_is_a_warning_with_a_change_suggestion() {
    let server = start(Options::default()).await;
    let response = cards(&server, ORDER_SIGN, &example("order-sign-pregnant-electroacupuncture.json")).await;
    let all = topics(&response);
    let i = all.iter().position(|t| t == "not_advised").unwrap_or_else(|| panic!("{response}"));
    let card = &response["cards"][i];
    assert_eq!(card["indicator"], "warning");
    assert_eq!(card["suggestions"][0]["actions"][0]["resourceId"], "ServiceRequest/sr-2");
}

#[tokio::test]
async fn order_sign_with_an_incomplete_screen_names_what_to_ask() {
    let server = start(Options::default()).await;
    let response = cards(&server, ORDER_SIGN, &without(example("order-sign.json"), &["intake"])).await;
    assert_eq!(topics(&response), ["screening_incomplete"]);
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning");
    assert!(card["summary"].as_str().unwrap().contains("ask about"), "{card}");
    let links = card["links"].as_array().unwrap();
    assert!(links.iter().any(|l| l["url"] == acupuncture_guidance::interop::canonical::QUESTIONNAIRE_URL), "{card}");
}

#[tokio::test]
async fn order_sign_without_an_acupuncture_order_has_no_cards() {
    let server = start(Options::default()).await;
    let mut body = example("order-sign.json");
    body["context"]["draftOrders"]["entry"][0]["resource"]["code"]["coding"][0]["code"] = json!("99213");
    let response = cards(&server, ORDER_SIGN, &body).await;
    assert_eq!(response["cards"], json!([]));
    // Nothing is fetched for it, and the Patient is not needed.
    let (fhir, seen, _stop) = common::fhir_server(vec![]).await;
    let mut body = without(body, &["patient", "conditions", "intake"]);
    body["fhirServer"] = json!(fhir);
    let response = cards(&server, ORDER_SIGN, &body).await;
    assert_eq!(response["cards"], json!([]));
    assert!(seen.lock().unwrap().requests.is_empty());
}

#[tokio::test]
async fn missing_prefetch_is_fetched_from_fhir_server_with_the_bearer_token() {
    let example = example("patient-view.json");
    let prefetch = &example["prefetch"];
    let (fhir, seen, _stop) = common::fhir_server(vec![
        ("Patient/p1", prefetch["patient"].clone()),
        ("Condition", prefetch["conditions"].clone()),
        ("QuestionnaireResponse", prefetch["intake"].clone()),
    ])
    .await;
    let server = start(Options::default()).await;
    let mut body = example.clone();
    body.as_object_mut().unwrap().remove("prefetch");
    body["fhirServer"] = json!(fhir);
    body["fhirAuthorization"] = json!({"access_token": "opaque-token-123", "token_type": "Bearer", "expires_in": 300, "scope": "patient/*.read", "subject": "cds"});
    let response = cards(&server, PATIENT_VIEW, &body).await;
    assert_eq!(topics(&response)[0], "acupuncture_reasonable", "{response}");
    let seen = seen.lock().unwrap().clone();
    let paths: Vec<&str> = seen.requests.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(seen.requests.len(), 6, "every template key: {paths:?}");
    assert!(paths.contains(&"/fhir/Patient/p1"), "{paths:?}");
    assert!(
        paths.iter().any(|p| p.starts_with("/fhir/QuestionnaireResponse?questionnaire=") && p.contains("patient=p1"))
    );
    for (path, auth) in &seen.requests {
        assert_eq!(auth.as_deref(), Some("Bearer opaque-token-123"), "{path}");
    }

    // A key the EHR sent is not fetched again.
    let (fhir, seen, _stop2) = common::fhir_server(vec![]).await;
    let mut body = example.clone();
    body["fhirServer"] = json!(fhir);
    let response = cards(&server, PATIENT_VIEW, &body).await;
    assert_eq!(topics(&response)[0], "acupuncture_reasonable");
    let seen = seen.lock().unwrap().clone();
    assert!(seen.requests.iter().all(|(p, auth)| !p.contains("Patient/") && auth.is_none()), "{seen:?}");
}

#[tokio::test]
async fn without_the_patient_the_answer_is_412() {
    let server = start(Options::default()).await;
    let path = format!("/cds-services/{PATIENT_VIEW}");
    let response = call(&server, &path, &without(example("patient-view.json"), &["patient"])).await;
    assert_eq!(response.status(), 412);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["resourceType"], "OperationOutcome");
    assert_eq!(body["issue"][0]["expression"][0], "prefetch.patient");

    // fhirServer has no such Patient (404): still 412; the other gaps stay unknown.
    let (fhir, _seen, _stop) = common::fhir_server(vec![]).await;
    let mut body = without(example("patient-view.json"), &["patient"]);
    body["fhirServer"] = json!(fhir);
    let response = call(&server, &path, &body).await;
    assert_eq!(response.status(), 412);
}

#[tokio::test]
async fn feedback_is_accepted_and_checked() {
    let server = start(Options::default()).await;
    let path = format!("/cds-services/{PATIENT_VIEW}/feedback");
    let ok = json!({"feedback": [{"card": "0b65f0da-8ac1-572b-9623-4f3eb7d9a67d", "outcome": "overridden",
        "overrideReason": {"reason": {"code": "cds-not-applicable", "system": "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes"},
                           "userComment": "free text that is never logged"},
        "outcomeTimestamp": "2026-11-27T10:00:00Z"}]});
    assert_eq!(call(&server, &path, &ok).await.status(), 200);
    let bad = json!({"feedback": [{"card": "c", "outcome": "accepted", "outcomeTimestamp": "2026-11-27T10:00:00Z"}]});
    let response = call(&server, &path, &bad).await;
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["issue"][0]["expression"][0], "feedback[0].acceptedSuggestions");
}

#[tokio::test]
async fn a_medication_counts_as_an_anticoagulant_only_through_the_deployment_table() {
    // A test code system and code: the crate ships no medication list, and neither do its tests.
    let table = json!({"name": "test formulary anticoagulants", "system": "http://example.org/test-formulary",
                       "codes": ["test-anticoagulant-1"], "as_of": "2026-11-01"})
    .to_string();
    let mut body = example("patient-view.json");
    // The intake leaves anticoagulants unanswered; the medication record answers it.
    let items = body["prefetch"]["intake"]["entry"][0]["resource"]["item"].as_array_mut().unwrap();
    items.retain(|i| i["linkId"] != "cautions.anticoagulants");
    body["prefetch"]["medications"] = json!({"resourceType": "Bundle", "type": "searchset", "entry": [{"resource": {
        "resourceType": "MedicationRequest", "id": "m1", "status": "active", "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "medicationCodeableConcept": {"coding": [{"system": "http://example.org/test-formulary", "code": "test-anticoagulant-1"}]}}}]});
    let with_table = start(Options { anticoagulants: Some(table), ..Options::default() }).await;
    let response = cards(&with_table, PATIENT_VIEW, &body).await;
    let safety =
        response["cards"].as_array().unwrap().iter().find(|c| c["summary"].as_str().unwrap().starts_with("Safety"));
    let safety = safety.unwrap_or_else(|| panic!("a safety card: {response}"));
    assert!(safety["detail"].as_str().unwrap().contains("blood thinners"), "{safety}");

    let without_table = start(Options::default()).await;
    let response = cards(&without_table, PATIENT_VIEW, &body).await;
    let text = response.to_string();
    assert!(!text.contains("because of blood thinners"), "{text}");
}

// ---------------------------------------------------------------------------------------
// The clinician review of 2026-12-01 (`tests/cases/`: the reviewer's hook calls). Each test
// states the rule it checks and asserts what the clinician reads.

/// A reviewer's hook call from `tests/cases/`.
fn case(name: &str) -> Value {
    serde_json::from_str(&common::file(&format!("tests/cases/{name}.json"))).unwrap()
}

fn summaries(response: &Value) -> Vec<String> {
    response["cards"].as_array().unwrap().iter().map(|c| c["summary"].as_str().unwrap().to_owned()).collect()
}

/// The card whose topic is `code`.
fn card_with<'a>(response: &'a Value, code: &str) -> &'a Value {
    let i = topics(response).iter().position(|t| t == code).unwrap_or_else(|| panic!("no {code} card: {response}"));
    &response["cards"][i]
}

/// Sets the answer of `link_id` in the first intake response of the prefetch.
fn answer(body: &mut Value, link_id: &str, code: &str) {
    let items = body["prefetch"]["intake"]["entry"][0]["resource"]["item"].as_array_mut().unwrap();
    let item = items.iter_mut().find(|i| i["linkId"] == link_id).unwrap();
    item["answer"][0]["valueCoding"]["code"] = json!(code);
}

/// Every card's text, for checks that must hold on all of them.
fn all_text(response: &Value) -> String {
    response["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}\n{}", c["summary"].as_str().unwrap_or(""), c["detail"].as_str().unwrap_or("")))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn an_emergency_answer_is_raised_when_onset_or_age_is_missing() {
    // RF-00/RF-E: a present emergency sign decides on its own; a record that lacks the onset,
    // pattern (pv38) or age (pv39) still gets the critical emergency card, then the
    // missing-data card, never an info "cannot assess" card alone.
    let server = start(Options::default()).await;
    for (name, sign) in [
        ("pv38_conditions_missing_emergency", "new numbness in the groin or saddle area"),
        ("pv39_no_birthdate_emergency_bladder", "new bladder or bowel trouble"),
    ] {
        let response = cards(&server, PATIENT_VIEW, &case(name)).await;
        assert_eq!(topics(&response), ["emergency", "screening_incomplete"], "{name}: {response}");
        let first = &response["cards"][0];
        assert_eq!(first["indicator"], "critical");
        let summary = first["summary"].as_str().unwrap();
        assert!(summary.starts_with(&format!("Emergency: {sign}")), "{summary}");
        assert!(summary.contains("Send for emergency assessment now; no acupuncture"), "{summary}");
        assert!(summaries(&response)[1].starts_with("Cannot assess yet: the record lacks"), "{response}");
    }
    // order-sign (os24): the same critical card, with a delete suggestion for every draft order.
    let response = cards(&server, ORDER_SIGN, &case("os24_conditions_missing_emergency_bladder")).await;
    assert_eq!(topics(&response), ["emergency", "screening_incomplete"], "{response}");
    let first = &response["cards"][0];
    assert_eq!(first["indicator"], "critical");
    let suggestion = &first["suggestions"][0];
    assert_eq!(suggestion["isRecommended"], true);
    assert!(suggestion["actions"].as_array().unwrap().iter().all(|a| a["type"] == "delete"));
    assert!(!suggestion["actions"].as_array().unwrap().is_empty());
    assert_eq!(response["cards"][1]["indicator"], "warning");
}

#[tokio::test]
async fn an_urgent_answer_without_onset_is_urgent_today() {
    // RF-U, engine policy: without the onset or age, an urgent item's deadline is the most
    // urgent the tier can set (today), and the card says why.
    let server = start(Options::default()).await;
    let mut body = case("pv38_conditions_missing_emergency");
    answer(&mut body, "red_flags.saddle_numbness", "absent");
    answer(&mut body, "red_flags.history_of_cancer", "present");
    let response = cards(&server, PATIENT_VIEW, &body).await;
    assert_eq!(topics(&response), ["urgent_evaluation", "screening_incomplete"], "{response}");
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning");
    assert_eq!(card["summary"], "Urgent medical evaluation today, before any acupuncture: red flags present.");
    let detail = card["detail"].as_str().unwrap();
    assert!(detail.contains("**By when:** today"), "{detail}");
    assert!(detail.contains("a history of cancer"), "{detail}");
    assert!(detail.contains("the most urgent this tier can set"), "{detail}");
}

#[tokio::test]
async fn an_unreadable_yes_is_shown_and_blocks_a_complete_favourable_outcome() {
    // A skipped item answered present (bad01: an unknown linkId answered present) counts as
    // not answered, and a warning says so before any favourable card.
    let server = start(Options::default()).await;
    let response = cards(&server, PATIENT_VIEW, &case("bad01_unknown_linkid")).await;
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning", "{response}");
    assert_eq!(card["summary"], "An answer reported yes could not be read: ask again before needling.");
    let detail = card["detail"].as_str().unwrap();
    assert!(detail.contains("counts as not answered"), "{detail}");
    // The favourable cards are not presented as complete: not in the detail, not in the
    // summary, and not in the topic an EHR may act on without reading.
    assert!(!topics(&response).iter().any(|t| t == "acupuncture_reasonable"), "{response}");
    let held: Vec<&serde_json::Value> = response["cards"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["summary"].as_str().unwrap().starts_with("Not complete (a yes could not be read): "))
        .collect();
    assert!(!held.is_empty(), "{response}");
    for card in held {
        assert_eq!(card["source"]["topic"]["code"], "screening_incomplete", "{card}");
        assert!(card["detail"].as_str().unwrap().starts_with("**Not complete:** an answer reported yes"), "{card}");
    }
    // The library's wording only: the record's unknown linkId is not echoed.
    assert!(!all_text(&response).contains("saddle_anaesthesia"), "{response}");
}

#[tokio::test]
async fn a_stale_response_that_reported_a_red_flag_is_named_with_its_date() {
    // An intake response older than the answer window is not used, but a red flag it reported
    // present is named with its date so that it is asked again (pv27).
    let server = start(Options::default()).await;
    let response = cards(&server, PATIENT_VIEW, &case("pv27_several_qr_older_saddle_newer_clear")).await;
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning", "{response}");
    assert_eq!(
        card["summary"],
        "An older intake response reported new numbness in the groin or saddle area: ask again before needling."
    );
    assert!(card["detail"].as_str().unwrap().contains("An intake response from 2026-06-01 reported"), "{card}");
}

#[tokio::test]
async fn entries_not_used_are_listed_with_the_reason() {
    // Another patient's response (bad14), a stale pregnancy status (os26) and the retired
    // code M54.5 (pv47) are not used: a warning names each, in the library's words, and says
    // that what was not used counts as not answered.
    let server = start(Options::default()).await;
    for (service, name, reason) in [
        (PATIENT_VIEW, "bad14_qr_subject_other_patient", "about another patient than the hook's patient"),
        (ORDER_SIGN, "os26_97813_preg_not_pregnant_stale_2023", "a pregnancy status recorded 2023-02-01"),
        (PATIENT_VIEW, "pv47_M54_5_header_code", "M54.5 is retired"),
    ] {
        let response = cards(&server, service, &case(name)).await;
        let card = &response["cards"][0];
        assert_eq!(card["indicator"], "warning", "{name}: {response}");
        assert!(card["summary"].as_str().unwrap().starts_with("Not used from the record: 1 entry"), "{card}");
        let detail = card["detail"].as_str().unwrap();
        assert!(detail.contains(reason), "{name}: {detail}");
        assert!(detail.contains("counts as not answered"), "{detail}");
    }
}

#[tokio::test]
async fn another_patients_patient_is_412_and_a_hook_instance_must_be_a_uuid() {
    // CDS Hooks: 412 when the hook's Patient cannot be had (bad13: context p2, prefetch p1);
    // hookInstance is a UUID (bad15: 400 naming it).
    let server = start(Options::default()).await;
    let response =
        call(&server, "/cds-services/acupuncture-lbp-patient-view", &case("bad13_context_patient_p2_prefetch_p1"))
            .await;
    assert_eq!(response.status(), 412);
    let response =
        call(&server, "/cds-services/acupuncture-lbp-patient-view", &case("bad15_hookinstance_not_uuid")).await;
    assert_eq!(response.status(), 400);
    let outcome: Value = response.json().await.unwrap();
    assert_eq!(outcome["issue"][0]["expression"][0], "hookInstance", "{outcome}");
}

#[tokio::test]
async fn order_sign_names_the_discuss_first_caution_of_the_ordered_modality() {
    // SAFE-01: a present caution that makes the ordered modality discuss-first is a warning on
    // order-sign, naming the caution and the modality (os01 blood thinners + 97810, os17
    // pregnancy + 20560, os28 implant + 97810).
    let server = start(Options::default()).await;
    for (name, summary) in [
        (
            "os01_97810_anticoag",
            "Before signing manual acupuncture: discuss blood thinners with the patient first (SAFE-01).",
        ),
        ("os17_20560_pregnant", "Before signing dry needling: discuss pregnancy with the patient first (SAFE-01)."),
        (
            "os28_97810_97813_implant",
            "Before signing manual acupuncture: discuss an implanted electrical device with the patient first (SAFE-01).",
        ),
    ] {
        let response = cards(&server, ORDER_SIGN, &case(name)).await;
        let card = card_with(&response, "discuss_first");
        assert_eq!(card["indicator"], "warning", "{name}");
        assert_eq!(card["summary"], summary, "{name}");
    }
}

#[tokio::test]
async fn dry_needling_is_named_and_never_given_acupunctures_outcome() {
    // DN-01 (revision 2026-12): the cards name dry needling, say its evidence was not reviewed,
    // and label acupuncture's positions "for acupuncture".
    let server = start(Options::default()).await;
    let response = cards(&server, ORDER_SIGN, &case("os05_20560_chronic_clear")).await;
    let text = summaries(&response).join("\n");
    assert!(text.contains("dry needling's evidence was not reviewed here"), "{text}");
    assert!(!text.contains("acupuncture is a reasonable option"), "{text}");
    let response = cards(&server, ORDER_SIGN, &case("os10_20560_urgent_cancer")).await;
    assert!(summaries(&response)[0].contains("before any dry needling"), "{response}");
    let response = cards(&server, ORDER_SIGN, &case("os27_20560_all_emergency_signs")).await;
    assert!(summaries(&response)[0].ends_with("no dry needling."), "{response}");
    let response = cards(&server, ORDER_SIGN, &case("os06_two_orders_97810_20560")).await;
    assert!(summaries(&response)[0].contains("dry needling's evidence was not reviewed"), "{response}");
    let response = cards(&server, PATIENT_VIEW, &case("pv37_dryneedling_chronic")).await;
    let text = all_text(&response);
    assert!(text.contains("For acupuncture, not dry needling"), "{text}");
    assert!(text.contains("These positions and statements are for acupuncture"), "{text}");
    assert!(text.contains("DN-01, revision 2026-12"), "{text}");
}

#[tokio::test]
async fn an_electroacupuncture_order_with_an_open_ea_caution_asks_it() {
    // SAFE-01: an unanswered caution that would make electroacupuncture not advised is a
    // warning naming the question (os13 pregnancy unknown; os18 skin sensation, circulation).
    let server = start(Options::default()).await;
    let response = cards(&server, ORDER_SIGN, &case("os13_97813_preg_null_qr_missing_preg")).await;
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning", "{response}");
    assert_eq!(card["summary"], "Ask about pregnancy before signing electroacupuncture: if yes, it is not advised.");
    let response = cards(&server, ORDER_SIGN, &case("os18_97813_skin_sensation_unasked")).await;
    let card = &response["cards"][0];
    assert_eq!(card["indicator"], "warning", "{response}");
    let detail = card["detail"].as_str().unwrap();
    assert!(detail.contains("an area of skin without normal feeling: unanswered"), "{detail}");
    assert!(detail.contains("poor circulation: unanswered"), "{detail}");
}

#[tokio::test]
async fn not_advised_offers_manual_acupuncture_only_when_it_is_usable() {
    // SAFE-01: electroacupuncture not advised for an implant (os04) or pregnancy (os23), where
    // manual acupuncture is discuss-first: an update suggestion to CPT 97810 beside the
    // delete; a severe bleeding disorder (os02): nothing is usable, no "change".
    let server = start(Options::default()).await;
    for name in ["os04_97813_implant", "os23_97813_pregnancy_obs_absent_qr_present"] {
        let response = cards(&server, ORDER_SIGN, &case(name)).await;
        let card = card_with(&response, "not_advised");
        assert_eq!(
            card["summary"],
            "Ordered electroacupuncture is not advised for this patient (SAFE-01): remove it or change to manual acupuncture.",
            "{name}"
        );
        let suggestions = card["suggestions"].as_array().unwrap();
        assert_eq!(suggestions[0]["actions"][0]["type"], "delete");
        let update = &suggestions[1]["actions"][0];
        assert_eq!(update["type"], "update", "{name}");
        assert_eq!(update["resource"]["code"]["coding"][0]["code"], "97810");
        assert_eq!(update["resource"]["resourceType"], "ServiceRequest");
    }
    let response = cards(&server, ORDER_SIGN, &case("os02_97810_severe_bleeding")).await;
    let card = card_with(&response, "not_advised");
    assert!(!card["summary"].as_str().unwrap().contains("change"), "{card}");
    assert_eq!(card["suggestions"].as_array().unwrap().len(), 1);
    // The triage card says nothing is usable, and its topic says so too.
    let triage = &response["cards"][1];
    assert_eq!(triage["source"]["topic"]["code"], "not_advised");
    assert!(triage["summary"].as_str().unwrap().contains("no proposed modality is usable"));
}

#[tokio::test]
async fn cpt_coding_errors_on_the_draft_orders_get_a_coding_card() {
    // CODES.md §5b: two initial acupuncture codes (os08), 20560 with 20561 (os09), an add-on
    // alone (os14) are coding errors.
    let server = start(Options::default()).await;
    for (name, phrase) in [
        ("os08_97810_97813_coding_error", "97810 and 97813 are initial acupuncture codes"),
        ("os09_20560_20561", "20560 and 20561 are dry-needling codes for different muscle counts"),
        ("os14_97811_addon_only", "97811 is an add-on code: it needs the initial code 97810"),
    ] {
        let response = cards(&server, ORDER_SIGN, &case(name)).await;
        let card = card_with(&response, "coding_error");
        assert_eq!(card["indicator"], "warning", "{name}");
        let summary = card["summary"].as_str().unwrap();
        assert!(summary.starts_with("CPT coding error: ") && summary.contains(phrase), "{name}: {summary}");
    }
}

#[tokio::test]
async fn a_trauma_route_carries_the_same_day_line() {
    // RF-U trauma route (pv43 major trauma, pv19b minor trauma at 66): same day if the injury
    // was in the last few days or the patient cannot walk or bear weight.
    let server = start(Options::default()).await;
    for name in ["pv43_urgent_major_trauma", "pv19b_age66_minor_trauma"] {
        let response = cards(&server, PATIENT_VIEW, &case(name)).await;
        let card = card_with(&response, "urgent_evaluation");
        let text = format!("{}\n{}", card["summary"], card["detail"]);
        assert!(text.contains("cannot walk or bear weight") || text.contains("cannot bear weight"), "{name}: {text}");
        assert!(text.contains("last few days"), "{name}: {text}");
    }
}

#[tokio::test]
async fn triage_cards_cite_the_red_flag_sources_and_use_plain_words() {
    // The triage cards (emergency, urgent, screening) link no treatment guideline (ACP-2017);
    // their source names the red-flag sources. No raw deadline or item codes in the text.
    let server = start(Options::default()).await;
    let response = cards(&server, ORDER_SIGN, &case("os10_20560_urgent_cancer")).await;
    let card = &response["cards"][0];
    assert!(card["source"]["label"].as_str().unwrap().contains("ACP-APS-2007, AHCPR-1994)"), "{card}");
    assert!(card.get("links").is_none() || !card["links"].to_string().contains("ACP-2017"), "{card}");
    let text = all_text(&response);
    for raw in ["within_days", "Timeframe:", "your bladder"] {
        assert!(!text.contains(raw), "{raw} in {text}");
    }
    let response = cards(&server, PATIENT_VIEW, &case("bad14_qr_subject_other_patient")).await;
    let text = all_text(&response);
    assert!(text.contains("Ask the 9 red-flag questions before acupuncture"), "{text}");
    assert!(!text.contains("**Ask first (until answered, at most discuss first; RF-ASK):** bilateral_leg_symptoms"));
}
