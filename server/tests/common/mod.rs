//! Shared by the service tests: a server on a loopback port, signed test tokens, the example
//! hook calls, and a small FHIR server.

#![allow(dead_code, reason = "each test binary uses part of it")]

use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use acupuncture_guidance::NaiveDate;
use acupuncture_guidance_server::auth::{Issuers, KeySet};
use acupuncture_guidance_server::config::{Auth, Config};
use acupuncture_guidance_server::mapping::Tables;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};
use tokio::sync::oneshot;

/// The issuer the test server trusts (with `tests/keys/jwks.json`).
pub const ISS: &str = "https://ehr.test/";

pub const PATIENT_VIEW: &str = "acupuncture-lbp-patient-view";
pub const ORDER_SIGN: &str = "acupuncture-lbp-order-sign";

/// A running server.
pub struct Server {
    pub base: String,
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Reads a file of the package.
pub fn file(path: &str) -> String {
    std::fs::read_to_string(dir().join(path)).unwrap()
}

/// An example hook call from `examples/`.
pub fn example(name: &str) -> Value {
    serde_json::from_str(&file(&format!("examples/{name}"))).unwrap()
}

pub struct Options {
    pub auth: bool,
    pub cors: Vec<String>,
    /// An anticoagulant code table document (`--anticoagulant-codes`).
    pub anticoagulants: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options { auth: true, cors: vec!["https://ehr.example.org".to_owned()], anticoagulants: None }
    }
}

/// Starts the service on 127.0.0.1:0, assessing on 2026-11-27.
pub async fn start(options: Options) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let auth = if options.auth {
        let mut issuers = Issuers::new();
        issuers.trust(ISS, KeySet::from_json(&file("tests/keys/jwks.json")).unwrap());
        Auth::Required(issuers)
    } else {
        Auth::Disabled
    };
    let config = Config {
        listen: addr,
        base_url: None,
        auth,
        cors_origins: options.cors,
        today: NaiveDate::from_ymd_opt(2026, 11, 27),
        tables: options.anticoagulants.as_deref().map_or_else(Tables::default, |t| Tables::from_json(t).unwrap()),
    };
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = acupuncture_guidance_server::serve(listener, config, async {
            let _ = stopped.await;
        })
        .await;
    });
    Server { base: format!("http://{addr}"), addr, stop: Some(stop) }
}

/// The test keys.
#[derive(Debug, Clone, Copy)]
pub enum Key {
    Es256,
    Es384,
    Rs384,
    /// A key no issuer lists, under the kid of `Es256`.
    Unlisted,
}

#[allow(clippy::disallowed_methods, reason = "test tokens are signed for the real time the server reads")]
pub fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

static JTI: AtomicU64 = AtomicU64::new(0);

/// Claims for `aud`, valid for five minutes, with a fresh jti.
pub fn claims(aud: &str) -> Value {
    let n = JTI.fetch_add(1, Ordering::Relaxed);
    json!({ "iss": ISS, "aud": aud, "exp": now() + 300, "iat": now(), "jti": format!("jti-{}-{n}", std::process::id()) })
}

/// Signs `claims` with `key`.
pub fn sign(key: Key, claims: &Value) -> String {
    let (alg, kid, pem, rsa) = match key {
        Key::Es256 => (Algorithm::ES256, "test-es256", "es256.pem", false),
        Key::Es384 => (Algorithm::ES384, "test-es384", "es384.pem", false),
        Key::Rs384 => (Algorithm::RS384, "test-rs384", "rs384.pem", true),
        Key::Unlisted => (Algorithm::ES256, "test-es256", "other.pem", false),
    };
    let pem = std::fs::read(dir().join("tests/keys").join(pem)).unwrap();
    let key = if rsa { EncodingKey::from_rsa_pem(&pem) } else { EncodingKey::from_ec_pem(&pem) }.unwrap();
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    jsonwebtoken::encode(&header, claims, &key).unwrap()
}

/// A valid token for the URL `base` + `path`.
pub fn token(server: &Server, path: &str) -> String {
    sign(Key::Es384, &claims(&format!("{}{path}", server.base)))
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().build().unwrap()
}

/// POSTs `body` to `path` with a valid token.
pub async fn call(server: &Server, path: &str, body: &Value) -> reqwest::Response {
    client().post(format!("{}{path}", server.base)).bearer_auth(token(server, path)).json(body).send().await.unwrap()
}

type FhirState = (Arc<Mutex<Seen>>, Arc<Vec<(&'static str, Value)>>);

/// What the small FHIR server saw.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    pub requests: Vec<(String, Option<String>)>,
}

/// A FHIR server on a loopback port serving `resources` (path → resource; others 404), and
/// what it was asked (path with query, Authorization header).
pub async fn fhir_server(resources: Vec<(&'static str, Value)>) -> (String, Arc<Mutex<Seen>>, oneshot::Sender<()>) {
    use axum::extract::{Request, State};
    use axum::http::StatusCode;
    use axum::response::IntoResponse;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let resources = Arc::new(resources);
    let state = (seen.clone(), resources);
    let app = axum::Router::new().fallback(|State((seen, resources)): State<FhirState>, request: Request| async move {
        let path = request.uri().path().trim_start_matches("/fhir/").to_owned();
        let auth = request.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let full = request.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
        seen.lock().unwrap().requests.push((full, auth));
        match resources.iter().find(|(p, _)| *p == path) {
            Some((_, resource)) => axum::Json(resource.clone()).into_response(),
            None => (StatusCode::NOT_FOUND, "{}").into_response(),
        }
    });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app.with_state(state))
            .with_graceful_shutdown(async {
                let _ = stopped.await;
            })
            .await;
    });
    (format!("http://{addr}/fhir"), seen, stop)
}

/// The card topics (outcome codes) of a response.
pub fn topics(response: &Value) -> Vec<String> {
    response["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"]["topic"]["code"].as_str().unwrap().to_owned())
        .collect()
}
