//! One audit line per call, JSON on stdout: the service, the hook instance, the triage, the
//! card count, the rule ids, the duration in microseconds and the status. Never free text
//! from the patient or the clinician (no goals, no names, no override comments, no error
//! diagnostics): only codes the crate defines, the field an error points at, and ids the
//! service has checked to be tokens.

use std::io::Write as _;
use std::time::Duration;

use acupuncture_guidance::interop::cds_hooks::Hook;
use acupuncture_guidance::{Assessment, RuleId};
use axum::http::Method;
use axum::response::Response;
use serde::Serialize;

use crate::app::{AuthNote, error_note};
use crate::request::Feedback;

/// What a hook call did, attached to its response for the audit line.
#[derive(Debug, Clone)]
pub struct CallNote {
    /// The service.
    pub service: Hook,
    /// The hook instance (checked to be a token).
    pub hook_instance: String,
    /// The triage code, when the call was assessed.
    pub triage: Option<&'static str>,
    /// The cards returned.
    pub cards: usize,
    /// The rules that fired, once each, in firing order.
    pub rules: Vec<RuleId>,
    /// The intake fields the record lacked (when nothing could be assessed).
    pub missing: Vec<&'static str>,
    /// The prefetch keys fetched from `fhirServer`, and how each went.
    pub fetched: Vec<(String, &'static str)>,
}

impl CallNote {
    /// A note for a call.
    #[must_use]
    pub fn new(service: Hook, hook_instance: &str) -> CallNote {
        CallNote {
            service,
            hook_instance: hook_instance.to_owned(),
            triage: None,
            cards: 0,
            rules: Vec::new(),
            missing: Vec::new(),
            fetched: Vec::new(),
        }
    }

    /// Records the assessment's triage and rules.
    pub fn record(&mut self, assessment: &Assessment) {
        self.triage = Some(assessment.triage.as_str());
        for finding in &assessment.findings {
            if !self.rules.contains(&finding.rule) {
                self.rules.push(finding.rule);
            }
        }
    }
}

/// What a feedback call reported.
#[derive(Debug, Clone)]
pub struct FeedbackNote {
    /// The service.
    pub service: Hook,
    /// The counts and reason codes.
    pub report: Feedback,
}

/// One line.
#[derive(Debug, Serialize)]
pub struct Audit<'a> {
    method: &'a str,
    path: &'a str,
    status: u16,
    duration_us: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    service: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hook_instance: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    triage: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    missing: &'a [&'static str],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fetched: &'a [(String, &'static str)],
    #[serde(skip_serializing_if = "Option::is_none")]
    feedback: Option<FeedbackCounts<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct FeedbackCounts<'a> {
    accepted: usize,
    overridden: usize,
    reasons: &'a [String],
}

impl<'a> Audit<'a> {
    /// The line for a finished call. The path is only logged when it is one of the service's
    /// own (an unknown path could carry anything).
    #[must_use]
    pub fn new(method: &'a Method, path: &'a str, response: &'a Response, elapsed: Duration) -> Audit<'a> {
        let call = response.extensions().get::<CallNote>();
        let feedback = response.extensions().get::<FeedbackNote>();
        let known = path == "/cds-services"
            || Hook::ALL.iter().any(|h| {
                path.strip_prefix("/cds-services/").is_some_and(|rest| {
                    rest == h.service_id() || rest.strip_suffix("/feedback") == Some(h.service_id())
                })
            });
        Audit {
            method: method.as_str(),
            path: if known { path } else { "(other)" },
            status: response.status().as_u16(),
            duration_us: u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
            service: call.map(|c| c.service.service_id()).or(feedback.map(|f| f.service.service_id())),
            hook_instance: call.map(|c| c.hook_instance.as_str()),
            triage: call.and_then(|c| c.triage),
            cards: call.map(|c| c.cards),
            rules: call.map(|c| c.rules.iter().map(|r| r.as_str()).collect()),
            missing: call.map_or(&[], |c| &c.missing),
            fetched: call.map_or(&[], |c| &c.fetched),
            feedback: feedback.map(|f| FeedbackCounts {
                accepted: f.report.accepted,
                overridden: f.report.overridden,
                reasons: &f.report.reasons,
            }),
            error_at: error_note(response).and_then(|n| n.expression.as_deref()),
            auth: response.extensions().get::<AuthNote>().map(|a| a.0),
        }
    }

    /// Writes the line to stdout (one `write` of the whole line; a failure to log is not a
    /// failure of the call).
    pub fn write(&self) {
        if let Ok(mut line) = serde_json::to_vec(self) {
            line.push(b'\n');
            let _ = std::io::stdout().lock().write_all(&line);
        }
    }
}
