//! The `fhirServer` fallback: prefetch keys the EHR did not send are fetched from its FHIR
//! server, with the discovery document's queries (`{{context.patientId}}` filled) and
//! `Authorization: Bearer {fhirAuthorization.access_token}` when one was given.
//!
//! CDS Hooks 2.0.1 prefetch semantics (`reference/CDS_HOOKS.md` §7, CODES.md §5b): a missing
//! key means the client did not or could not fetch it, so the service tries; a query that
//! fails (a status other than 200, a timeout, a body that is not JSON or too large) leaves
//! the key missing, which the mapping reads as unknown, never as a no. A key the EHR did send
//! (even `null` or an OperationOutcome) is the EHR's answer and is not fetched again.

use std::time::Duration;

use serde_json::{Map, Value};

use crate::request::FhirAccess;

/// How long one FHIR query may take (the spec's budget for a whole call is about 500 ms; a
/// slow FHIR server must not hold the call much longer).
pub const QUERY_TIMEOUT: Duration = Duration::from_millis(2000);

/// The largest FHIR response read, in bytes.
pub const RESPONSE_LIMIT: usize = 4 * 1024 * 1024;

/// The HTTP client for FHIR queries (one per service: it pools connections).
///
/// # Errors
///
/// When the TLS backend cannot start.
pub fn client() -> Result<reqwest::Client, reqwest::Error> {
    reqwest::Client::builder()
        .timeout(QUERY_TIMEOUT)
        .connect_timeout(QUERY_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("acupuncture-guidance-server/", env!("CARGO_PKG_VERSION")))
        .build()
}

/// The query of a template with the patient's id (already checked to be a FHIR id).
#[must_use]
pub fn query(template: &str, patient_id: &str) -> String {
    template.replace("{{context.patientId}}", patient_id)
}

/// What one query gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    /// A 200 with a JSON body.
    Found(Value),
    /// 404 or 410: the resource is not there.
    Gone,
    /// Anything else: a status, a timeout, a body that is not JSON or too large.
    Failed,
}

async fn get(client: &reqwest::Client, access: &FhirAccess, query: &str) -> Fetched {
    let url = format!("{}/{query}", access.server);
    let mut request = client.get(url).header(reqwest::header::ACCEPT, "application/fhir+json");
    if let Some(token) = &access.access_token {
        request = request.bearer_auth(token);
    }
    let Ok(mut response) = request.send().await else { return Fetched::Failed };
    match response.status().as_u16() {
        200 => {}
        404 | 410 => return Fetched::Gone,
        _ => return Fetched::Failed,
    }
    if response.content_length().is_some_and(|n| n > RESPONSE_LIMIT as u64) {
        return Fetched::Failed;
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() <= RESPONSE_LIMIT => body.extend_from_slice(&chunk),
            Ok(Some(_)) | Err(_) => return Fetched::Failed,
            Ok(None) => break,
        }
    }
    serde_json::from_slice(&body).map_or(Fetched::Failed, Fetched::Found)
}

/// Fetches every template key missing from `prefetch`, concurrently, and adds what was found.
/// Returns the keys fetched and how each went, for the audit line.
pub async fn fill_missing(
    client: &reqwest::Client,
    access: &FhirAccess,
    templates: &[(String, String)],
    patient_id: &str,
    prefetch: &mut Map<String, Value>,
) -> Vec<(String, &'static str)> {
    let mut tasks = tokio::task::JoinSet::new();
    for (key, template) in templates.iter().filter(|(key, _)| !prefetch.contains_key(key)) {
        let (client, access, key, query) = (client.clone(), access.clone(), key.clone(), query(template, patient_id));
        tasks.spawn(async move {
            let fetched = get(&client, &access, &query).await;
            (key, fetched)
        });
    }
    let mut report = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let Ok((key, fetched)) = joined else { continue };
        let how = match fetched {
            Fetched::Found(value) => {
                prefetch.insert(key.clone(), value);
                "found"
            }
            Fetched::Gone => "gone",
            Fetched::Failed => "failed",
        };
        report.push((key, how));
    }
    report.sort();
    report
}
