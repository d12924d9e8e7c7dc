//! Errors as FHIR `OperationOutcome`s (CDS Hooks 3.0 ballot, "Returning OperationOutcome"):
//! `issue[0].diagnostics` names the problem in one line, `issue[0].expression` the field.
//! Never a stack trace, never the caller's data.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// A refused call: its status, the FHIR issue code, the problem and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The FHIR issue type (`invalid`, `security`, `not-found`, `too-long`, ...).
    pub code: &'static str,
    /// One line: what is wrong.
    pub diagnostics: String,
    /// The field (a FHIRPath-like path into the request), when one is at fault.
    pub expression: Option<String>,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, diagnostics: impl Into<String>) -> ApiError {
        ApiError { status, code, diagnostics: diagnostics.into(), expression: None }
    }

    /// Names the field at fault.
    #[must_use]
    pub fn at(mut self, expression: impl Into<String>) -> ApiError {
        self.expression = Some(expression.into());
        self
    }

    /// 400 for a request that is not a valid CDS Hooks call.
    pub fn invalid(diagnostics: impl Into<String>, expression: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid", diagnostics).at(expression)
    }

    /// 401: the same answer whatever check failed.
    #[must_use]
    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "security",
            "the request needs a valid bearer JWT from a trusted CDS client",
        )
        .at("Authorization")
    }

    /// 404 for an unknown service or path.
    pub fn not_found(diagnostics: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not-found", diagnostics)
    }

    /// The `OperationOutcome` body.
    #[must_use]
    pub fn body(&self) -> serde_json::Value {
        let mut issue = json!({ "severity": "error", "code": self.code, "diagnostics": self.diagnostics });
        if let (Some(expression), Some(map)) = (&self.expression, issue.as_object_mut()) {
            map.insert("expression".into(), json!([expression]));
        }
        json!({ "resourceType": "OperationOutcome", "issue": [issue] })
    }
}

/// What the audit line records of an error: its expression, never its diagnostics (which may
/// one day echo a value).
#[derive(Debug, Clone)]
pub struct ErrorNote {
    /// The field at fault.
    pub expression: Option<String>,
    /// A short machine reason (the auth failure code), when there is one.
    pub reason: Option<&'static str>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = self.body().to_string();
        let mut response = (self.status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/fhir+json"));
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(ErrorNote { expression: self.expression, reason: None });
        response
    }
}
