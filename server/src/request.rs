//! A CDS Hooks request (CDS Hooks 2.0.1 "Calling a CDS Service") and a feedback document,
//! checked: every refusal names the field.

use acupuncture_guidance::interop::cds_hooks::Hook;
use serde_json::{Map, Value};

use crate::outcome::ApiError;

/// How the service may reach the EHR's FHIR server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FhirAccess {
    /// The base URL, without a trailing slash.
    pub server: String,
    /// The bearer token (`fhirAuthorization.access_token`), when the EHR gave one.
    pub access_token: Option<String>,
}

/// A checked hook call.
#[derive(Debug, Clone)]
pub struct HookRequest {
    /// The hook (equal to the service's).
    pub hook: Hook,
    /// The call's id (a UUID-like token, safe to log).
    pub hook_instance: String,
    /// `context.patientId`, a FHIR id.
    pub patient_id: String,
    /// `context.draftOrders` on `order-sign`.
    pub draft_orders: Option<Value>,
    /// The FHIR server, when given.
    pub fhir: Option<FhirAccess>,
    /// The prefetched data (possibly empty).
    pub prefetch: Map<String, Value>,
}

fn string<'a>(object: &'a Map<String, Value>, key: &str, path: &str) -> Result<Option<&'a str>, ApiError> {
    match object.get(key) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(ApiError::invalid(format!("{path} must be a string"), path)),
    }
}

fn required<'a>(object: &'a Map<String, Value>, key: &str, path: &str) -> Result<&'a str, ApiError> {
    string(object, key, path)?.ok_or_else(|| ApiError::invalid(format!("{path} is required"), path))
}

/// A FHIR id: `[A-Za-z0-9\-\.]{1,64}` (FHIR R4 `id`), so that it can go into a query.
fn fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A code the service logs (an override reason): letters, digits and `-`, 1 to 128
/// characters.
fn token(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A hook instance: a UUID (CDS Hooks: "a universally unique identifier (UUID) for this
/// particular hook call"), in its 36-character hyphenated form `8-4-4-4-12` hex digits, either
/// case.
fn uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether a `fhirServer` URL is acceptable: `https`, or `http` to a loopback host only (for
/// tests and a local EHR sandbox). The spec: "The scheme MUST be https when production data
/// is exchanged"; plain http would send the patient's data and the access token in clear.
fn acceptable_server(url: &reqwest::Url) -> bool {
    match url.scheme() {
        "https" => url.host().is_some(),
        "http" => match url.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        },
        _ => false,
    }
}

/// Checks a hook call's body for the service of `hook`.
///
/// # Errors
///
/// 400 naming the field: not an object; `hook`, `hookInstance` or `context.patientId` missing
/// or not strings; a `hook` that is not the service's; a `hookInstance` or `patientId` of
/// characters that do not belong there; `fhirAuthorization` without `fhirServer`, or not a
/// Bearer token; a `fhirServer` that is not https (or http to loopback); `prefetch` not an
/// object; `context.draftOrders` missing on `order-sign`.
pub fn hook_request(body: Value, hook: Hook) -> Result<HookRequest, ApiError> {
    let Value::Object(mut body) = body else {
        return Err(ApiError::invalid("the request body must be a JSON object", "$this"));
    };
    let called = required(&body, "hook", "hook")?;
    if called != hook.as_str() {
        return Err(ApiError::invalid(format!("hook must be {} for this service", hook.as_str()), "hook"));
    }
    let hook_instance = required(&body, "hookInstance", "hookInstance")?;
    if !uuid(hook_instance) {
        return Err(ApiError::invalid("hookInstance must be a UUID", "hookInstance"));
    }
    let hook_instance = hook_instance.to_owned();
    let context = match body.get("context") {
        Some(Value::Object(context)) => context,
        Some(_) => return Err(ApiError::invalid("context must be an object", "context")),
        None => return Err(ApiError::invalid("context is required", "context")),
    };
    let patient_id = required(context, "patientId", "context.patientId")?;
    if !fhir_id(patient_id) {
        return Err(ApiError::invalid("context.patientId must be a FHIR id", "context.patientId"));
    }
    let patient_id = patient_id.to_owned();
    let draft_orders = match (hook, context.get("draftOrders")) {
        (Hook::OrderSign, Some(orders @ Value::Object(_))) => Some(orders.clone()),
        (Hook::OrderSign, Some(_)) => {
            return Err(ApiError::invalid("context.draftOrders must be a Bundle", "context.draftOrders"));
        }
        (Hook::OrderSign, None) => {
            return Err(ApiError::invalid("context.draftOrders is required on order-sign", "context.draftOrders"));
        }
        _ => None,
    };
    let server = string(&body, "fhirServer", "fhirServer")?;
    let authorization = match body.get("fhirAuthorization") {
        None => None,
        Some(Value::Object(auth)) => Some(auth),
        Some(_) => return Err(ApiError::invalid("fhirAuthorization must be an object", "fhirAuthorization")),
    };
    let fhir = match (server, authorization) {
        (None, Some(_)) => {
            return Err(ApiError::invalid("fhirAuthorization needs fhirServer (cds-r-1)", "fhirServer"));
        }
        (None, None) => None,
        (Some(server), auth) => {
            let url = reqwest::Url::parse(server)
                .map_err(|_| ApiError::invalid("fhirServer must be an absolute URL", "fhirServer"))?;
            if !acceptable_server(&url) {
                return Err(ApiError::invalid(
                    "fhirServer must use https (http only to a loopback host)",
                    "fhirServer",
                ));
            }
            let access_token = match auth {
                None => None,
                Some(auth) => {
                    let kind = required(auth, "token_type", "fhirAuthorization.token_type")?;
                    if !kind.eq_ignore_ascii_case("bearer") {
                        return Err(ApiError::invalid(
                            "fhirAuthorization.token_type must be Bearer",
                            "fhirAuthorization.token_type",
                        ));
                    }
                    let token = required(auth, "access_token", "fhirAuthorization.access_token")?;
                    if token.is_empty() || !token.bytes().all(|b| b.is_ascii_graphic()) {
                        return Err(ApiError::invalid(
                            "fhirAuthorization.access_token must be a token",
                            "fhirAuthorization.access_token",
                        ));
                    }
                    Some(token.to_owned())
                }
            };
            Some(FhirAccess { server: server.trim_end_matches('/').to_owned(), access_token })
        }
    };
    let prefetch = match body.remove("prefetch") {
        None => Map::new(),
        Some(Value::Object(prefetch)) => prefetch,
        Some(_) => return Err(ApiError::invalid("prefetch must be an object", "prefetch")),
    };
    Ok(HookRequest { hook, hook_instance, patient_id, draft_orders, fhir, prefetch })
}

/// What a feedback document reports, for the log (no comment text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// Cards accepted.
    pub accepted: usize,
    /// Cards overridden.
    pub overridden: usize,
    /// The override reason codes given, in order.
    pub reasons: Vec<String>,
}

/// Checks a feedback document (CDS Hooks 2.0.1 "Feedback"): `{"feedback": [...]}`, each item
/// with `card`, `outcome` (`accepted` | `overridden`, cds-fb-1), `acceptedSuggestions` when
/// accepted (cds-fb-2), an `overrideReason` with a `reason` or a `userComment` when it is given
/// (cds-fb-3), and `outcomeTimestamp`.
///
/// # Errors
///
/// 400 naming the item's field.
pub fn feedback(body: &Value) -> Result<Feedback, ApiError> {
    let items = match body.get("feedback") {
        Some(Value::Array(items)) if !items.is_empty() => items,
        _ => return Err(ApiError::invalid("feedback must be a non-empty array", "feedback")),
    };
    let mut report = Feedback { accepted: 0, overridden: 0, reasons: Vec::new() };
    for (i, item) in items.iter().enumerate() {
        let at = |field: &str| format!("feedback[{i}].{field}");
        let Value::Object(item) = item else {
            return Err(ApiError::invalid("a feedback item must be an object", format!("feedback[{i}]")));
        };
        required(item, "card", &at("card"))?;
        required(item, "outcomeTimestamp", &at("outcomeTimestamp"))?;
        match required(item, "outcome", &at("outcome"))? {
            "accepted" => {
                match item.get("acceptedSuggestions") {
                    Some(Value::Array(s))
                        if !s.is_empty() && s.iter().all(|x| x.get("id").is_some_and(Value::is_string)) => {}
                    _ => {
                        return Err(ApiError::invalid(
                            "an accepted card needs acceptedSuggestions with their ids (cds-fb-2)",
                            at("acceptedSuggestions"),
                        ));
                    }
                }
                report.accepted += 1;
            }
            "overridden" => {
                if let Some(reason) = item.get("overrideReason") {
                    let code = reason.get("reason").and_then(|r| r.get("code")).and_then(Value::as_str);
                    let comment = reason.get("userComment").and_then(Value::as_str);
                    if code.is_none() && comment.is_none() {
                        return Err(ApiError::invalid(
                            "overrideReason needs a reason or a userComment (cds-fb-3)",
                            at("overrideReason"),
                        ));
                    }
                    if let Some(code) = code.filter(|c| token(c)) {
                        report.reasons.push(code.to_owned());
                    }
                }
                report.overridden += 1;
            }
            _ => return Err(ApiError::invalid("outcome must be accepted or overridden (cds-fb-1)", at("outcome"))),
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn call() -> Value {
        json!({"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
               "context": {"userId": "Practitioner/1", "patientId": "p1"}})
    }

    fn expression(body: Value, hook: Hook) -> Option<String> {
        hook_request(body, hook).err().and_then(|e| e.expression)
    }

    #[test]
    fn every_refusal_names_its_field() {
        assert!(hook_request(call(), Hook::PatientView).is_ok());
        assert_eq!(expression(call(), Hook::OrderSign).as_deref(), Some("hook"));
        let mut body = call();
        body["context"]["patientId"] = json!("a/b?x=1");
        assert_eq!(expression(body, Hook::PatientView).as_deref(), Some("context.patientId"));
        let mut body = call();
        body["fhirAuthorization"] = json!({"access_token": "t", "token_type": "Bearer"});
        assert_eq!(expression(body.clone(), Hook::PatientView).as_deref(), Some("fhirServer"));
        body["fhirServer"] = json!("http://fhir.example.org");
        assert_eq!(expression(body.clone(), Hook::PatientView).as_deref(), Some("fhirServer"), "plain http");
        body["fhirServer"] = json!("http://127.0.0.1:9/fhir/");
        let request = hook_request(body, Hook::PatientView).unwrap();
        assert_eq!(request.fhir.unwrap().server, "http://127.0.0.1:9/fhir");
        let mut body = call();
        body["hook"] = json!("order-sign");
        assert_eq!(expression(body, Hook::OrderSign).as_deref(), Some("context.draftOrders"));
        assert_eq!(expression(json!([]), Hook::PatientView).as_deref(), Some("$this"));
        let mut body = call();
        body.as_object_mut().unwrap().remove("hookInstance");
        assert_eq!(expression(body, Hook::PatientView).as_deref(), Some("hookInstance"));
    }

    #[test]
    fn feedback_follows_the_invariants() {
        let ok = json!({"feedback": [
            {"card": "c1", "outcome": "accepted", "acceptedSuggestions": [{"id": "s1"}], "outcomeTimestamp": "2026-11-27T10:00:00Z"},
            {"card": "c2", "outcome": "overridden", "overrideReason": {"reason": {"code": "cds-not-applicable", "system": "x"}, "userComment": "free text"}, "outcomeTimestamp": "2026-11-27T10:00:00Z"}
        ]});
        let report = feedback(&ok).unwrap();
        assert_eq!((report.accepted, report.overridden), (1, 1));
        assert_eq!(report.reasons, ["cds-not-applicable"]);
        let bad = json!({"feedback": [{"card": "c1", "outcome": "accepted", "outcomeTimestamp": "t"}]});
        assert_eq!(feedback(&bad).unwrap_err().expression.as_deref(), Some("feedback[0].acceptedSuggestions"));
        let bad = json!({"feedback": [{"card": "c1", "outcome": "ignored", "outcomeTimestamp": "t"}]});
        assert_eq!(feedback(&bad).unwrap_err().expression.as_deref(), Some("feedback[0].outcome"));
    }
}
