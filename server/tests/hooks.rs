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
