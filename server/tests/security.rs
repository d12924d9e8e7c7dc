//! The EHR's JWT ("Trusting CDS Clients"), CORS, and bad bodies, over real HTTP on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use base64::Engine as _;
use common::{Key, Options, PATIENT_VIEW, claims, client, example, sign, start};
use serde_json::{Value, json};

async fn discovery_with(server: &common::Server, token: &str) -> reqwest::Response {
    client().get(format!("{}/cds-services", server.base)).bearer_auth(token).send().await.unwrap()
}

async fn assert_refused(response: reqwest::Response) {
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["www-authenticate"], "Bearer");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["resourceType"], "OperationOutcome");
    assert_eq!(body["issue"][0]["code"], "security");
    assert_eq!(body["issue"][0]["expression"][0], "Authorization");
    // The same words whatever failed: nothing says which check passed.
    assert_eq!(body["issue"][0]["diagnostics"], "the request needs a valid bearer JWT from a trusted CDS client");
}

#[tokio::test]
async fn valid_tokens_of_each_algorithm_are_accepted_on_discovery() {
    let server = start(Options::default()).await;
    let aud = format!("{}/cds-services", server.base);
    for key in [Key::Es256, Key::Es384, Key::Rs384] {
        let response = discovery_with(&server, &sign(key, &claims(&aud))).await;
        assert_eq!(response.status(), 200, "{key:?}");
    }
    // aud as an array holding the URL.
    let mut c = claims(&aud);
    c["aud"] = json!(["https://elsewhere.example/", aud]);
    assert_eq!(discovery_with(&server, &sign(Key::Es256, &c)).await.status(), 200);
}

#[tokio::test]
async fn no_token_expired_replayed_wrong_aud_or_unknown_iss_is_refused() {
    let server = start(Options::default()).await;
    let aud = format!("{}/cds-services", server.base);
    assert_refused(client().get(&aud).send().await.unwrap()).await;

    let mut expired = claims(&aud);
    expired["exp"] = json!(common::now() - 600);
    expired["iat"] = json!(common::now() - 900);
    assert_refused(discovery_with(&server, &sign(Key::Es384, &expired)).await).await;

    let once = sign(Key::Es384, &claims(&aud));
    assert_eq!(discovery_with(&server, &once).await.status(), 200);
    assert_refused(discovery_with(&server, &once).await).await;

    // aud of another endpoint (the hook service) used on discovery.
    let other = sign(Key::Es384, &claims(&format!("{}/cds-services/{PATIENT_VIEW}", server.base)));
    assert_refused(discovery_with(&server, &other).await).await;

    let mut stranger = claims(&aud);
    stranger["iss"] = json!("https://stranger.example/");
    assert_refused(discovery_with(&server, &sign(Key::Es384, &stranger)).await).await;

    let mut future = claims(&aud);
    future["iat"] = json!(common::now() + 600);
    assert_refused(discovery_with(&server, &sign(Key::Es384, &future)).await).await;

    let mut no_jti = claims(&aud);
    no_jti.as_object_mut().unwrap().remove("jti");
    assert_refused(discovery_with(&server, &sign(Key::Es384, &no_jti)).await).await;
}

#[tokio::test]
async fn hs256_none_and_a_wrong_or_unlisted_key_are_refused() {
    let server = start(Options::default()).await;
    let aud = format!("{}/cds-services", server.base);
    let c = claims(&aud);
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
    header.kid = Some("test-es256".into());
    let hs = jsonwebtoken::encode(&header, &c, &jsonwebtoken::EncodingKey::from_secret(b"shared secret")).unwrap();
    assert_refused(discovery_with(&server, &hs).await).await;

    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    let none = format!("{}.{}.", b64(&json!({"alg": "none", "typ": "JWT", "kid": "test-es256"})), b64(&claims(&aud)));
    assert_refused(discovery_with(&server, &none).await).await;

    // Signed with a key no issuer lists, under a listed kid: the signature fails.
    assert_refused(discovery_with(&server, &sign(Key::Unlisted, &claims(&aud))).await).await;

    // A listed key under another kid.
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES256);
    header.kid = Some("rotated-away".into());
    let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/es256.pem")).unwrap();
    let wrong_kid =
        jsonwebtoken::encode(&header, &claims(&aud), &jsonwebtoken::EncodingKey::from_ec_pem(&pem).unwrap()).unwrap();
    assert_refused(discovery_with(&server, &wrong_kid).await).await;

    // An ES384 token whose kid names the ES256 key.
    let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::ES384);
    header.kid = Some("test-es256".into());
    let pem = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/keys/es384.pem")).unwrap();
    let mismatched =
        jsonwebtoken::encode(&header, &claims(&aud), &jsonwebtoken::EncodingKey::from_ec_pem(&pem).unwrap()).unwrap();
    assert_refused(discovery_with(&server, &mismatched).await).await;
}

#[tokio::test]
async fn the_token_is_checked_before_the_body_is_read() {
    let server = start(Options::default()).await;
    let response = client()
        .post(format!("{}/cds-services/{PATIENT_VIEW}", server.base))
        .json(&example("patient-view.json"))
        .send()
        .await
        .unwrap();
    assert_refused(response).await;
}

async fn post_raw(server: &common::Server, path: &str, content_type: &str, body: Vec<u8>) -> reqwest::Response {
    client()
        .post(format!("{}{path}", server.base))
        .bearer_auth(common::token(server, path))
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn outcome(response: reqwest::Response, status: u16) -> Value {
    assert_eq!(response.status(), status);
    assert_eq!(response.headers()["content-type"], "application/fhir+json");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["resourceType"], "OperationOutcome");
    assert!(body["issue"][0]["diagnostics"].as_str().is_some_and(|d| !d.contains('\n')));
    body
}

#[tokio::test]
async fn bad_bodies_get_413_415_and_400_naming_the_field() {
    let server = start(Options::default()).await;
    let path = format!("/cds-services/{PATIENT_VIEW}");
    let big = vec![b' '; 1024 * 1024 + 1];
    let body = outcome(post_raw(&server, &path, "application/json", big).await, 413).await;
    assert_eq!(body["issue"][0]["code"], "too-long");

    let json = serde_json::to_vec(&example("patient-view.json")).unwrap();
    let body = outcome(post_raw(&server, &path, "text/plain", json.clone()).await, 415).await;
    assert_eq!(body["issue"][0]["expression"][0], "Content-Type");

    let body = outcome(post_raw(&server, &path, "application/json", b"{\"hook\": ".to_vec()).await, 400).await;
    assert!(body["issue"][0]["diagnostics"].as_str().unwrap().contains("not JSON"));

    let cases: Vec<(Value, &str)> = vec![
        (json!({"hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", "context": {"patientId": "p1"}}), "hook"),
        (
            json!({"hook": "order-sign", "hookInstance": "a1b2c3d4-0000-4000-8000-000000000001", "context": {"patientId": "p1"}}),
            "hook",
        ),
        (json!({"hook": "patient-view", "context": {"patientId": "p1"}}), "hookInstance"),
        (
            json!({"hook": "patient-view", "hookInstance": "a1b2c3d4-0000-4000-8000-000000000001", "context": {}}),
            "context.patientId",
        ),
        (json!({"hook": "patient-view", "hookInstance": "a1b2c3d4-0000-4000-8000-000000000001"}), "context"),
        (
            json!({"hook": "patient-view", "hookInstance": "a1b2c3d4-0000-4000-8000-000000000001", "context": {"patientId": "p1"},
                   "fhirAuthorization": {"access_token": "t", "token_type": "Bearer"}}),
            "fhirServer",
        ),
        (
            json!({"hook": "patient-view", "hookInstance": "a1b2c3d4-0000-4000-8000-000000000001", "context": {"patientId": "p1"}, "prefetch": []}),
            "prefetch",
        ),
    ];
    for (body, field) in cases {
        let response = common::call(&server, &path, &body).await;
        let body = outcome(response, 400).await;
        assert_eq!(body["issue"][0]["expression"][0], field, "{body}");
    }
}

#[tokio::test]
async fn unknown_services_and_paths_are_404_operation_outcomes() {
    let server = start(Options::default()).await;
    let path = "/cds-services/no-such-service";
    let response = common::call(&server, path, &example("patient-view.json")).await;
    let body = outcome(response, 404).await;
    assert_eq!(body["issue"][0]["code"], "not-found");
    let response = common::call(&server, "/cds-services/no-such-service/feedback", &json!({})).await;
    outcome(response, 404).await;
    let response = client()
        .get(format!("{}/elsewhere", server.base))
        .bearer_auth(common::token(&server, "/elsewhere"))
        .send()
        .await
        .unwrap();
    outcome(response, 404).await;
}

#[tokio::test]
async fn cors_preflight_from_an_allowed_origin_and_a_refused_one() {
    let server = start(Options::default()).await;
    let url = format!("{}/cds-services/{PATIENT_VIEW}", server.base);
    let preflight = |origin: &'static str| {
        client()
            .request(reqwest::Method::OPTIONS, &url)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization, content-type")
            .send()
    };
    let allowed = preflight("https://ehr.example.org").await.unwrap();
    assert!(allowed.status().is_success());
    let h = allowed.headers();
    assert_eq!(h["access-control-allow-origin"], "https://ehr.example.org");
    let headers = h["access-control-allow-headers"].to_str().unwrap().to_ascii_lowercase();
    assert!(headers.contains("authorization") && headers.contains("content-type"), "{headers}");
    assert!(h.get("access-control-allow-credentials").is_none(), "no credentials");
    assert!(h.get_all("vary").iter().any(|v| v.to_str().unwrap().to_ascii_lowercase().contains("origin")));

    let refused = preflight("https://evil.example").await.unwrap();
    assert!(refused.headers().get("access-control-allow-origin").is_none());

    // An actual call from the allowed origin carries the header, an error response too.
    let response = client()
        .get(format!("{}/cds-services", server.base))
        .header("origin", "https://ehr.example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    assert_eq!(response.headers()["access-control-allow-origin"], "https://ehr.example.org");
}

#[tokio::test]
async fn no_auth_serves_without_a_token() {
    let server = start(Options { auth: false, ..Options::default() }).await;
    let response = client().get(format!("{}/cds-services", server.base)).send().await.unwrap();
    assert_eq!(response.status(), 200);
}
