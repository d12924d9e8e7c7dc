//! The routes, the per-call pipeline and the layers around them.
//!
//! Layers, outermost first: CORS (answers preflights itself) → audit (one JSON line per call;
//! reads the clock once and hands the time on) → catch-panic (a 500 OperationOutcome, never a
//! trace) → JWT check → the routes.

use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use acupuncture_guidance::interop::cds_hooks::{
    CdsResponse, Hook, assessment_cards, discovery, order_sign_cards_with_drafts, prefetch_templates, unassessed_cards,
    with_record_cards,
};
use acupuncture_guidance::{Modality, NaiveDate, RedFlag, assess};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::audit::{Audit, CallNote};
use crate::auth::{Issuers, ReplayCache, verify};
use crate::clock::{self, Now};
use crate::mapping::{self, Tables};
use crate::outcome::{ApiError, ErrorNote};
use crate::request::{self, HookRequest};

/// The largest request body, in bytes (1 MiB): larger gets 413.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What every call shares.
pub struct AppState {
    /// The public base URL (no trailing slash): a JWT's `aud` is this and the path.
    pub base_url: String,
    /// The trusted issuers; `None` under `--no-auth`.
    pub issuers: Option<Issuers>,
    /// The `jti`s seen.
    pub replay: RwLock<ReplayCache>,
    /// A fixed assessment date (`--today`).
    pub today: Option<NaiveDate>,
    /// The client for `fhirServer` queries.
    pub http: reqwest::Client,
    /// The deployment's code tables.
    pub tables: Tables,
    /// The discovery document, serialized once.
    pub discovery: Bytes,
    /// The prefetch templates, in key order.
    pub templates: Vec<(String, String)>,
}

impl AppState {
    /// The state for a configuration.
    ///
    /// # Errors
    ///
    /// When the HTTP client cannot start, or the discovery document does not serialize.
    pub fn new(
        base_url: String,
        issuers: Option<Issuers>,
        today: Option<NaiveDate>,
        tables: Tables,
    ) -> Result<AppState, String> {
        let http = crate::fetch::client().map_err(|e| format!("http client: {e}"))?;
        let discovery = serde_json::to_vec(&discovery()).map_err(|e| format!("discovery: {e}"))?;
        Ok(AppState {
            base_url,
            issuers,
            replay: RwLock::new(ReplayCache::new()),
            today,
            http,
            tables,
            discovery: Bytes::from(discovery),
            templates: prefetch_templates().into_iter().collect(),
        })
    }
}

/// The router with every layer.
pub fn router(state: Arc<AppState>, cors_origins: &[String]) -> Router {
    let origins: Vec<HeaderValue> = cors_origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .allow_credentials(false)
        .max_age(Duration::from_secs(600));
    Router::new()
        .route("/cds-services", get(discovery_route))
        .route("/cds-services/{id}", post(call_route))
        .route("/cds-services/{id}/feedback", post(feedback_route))
        .fallback(|| async { ApiError::not_found("no such endpoint; the services are listed at /cds-services") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "not-supported", "method not allowed on this endpoint")
        })
        .layer(middleware::from_fn_with_state(state.clone(), authenticate))
        .layer(CatchPanicLayer::custom(|_panic: Box<dyn std::any::Any + Send>| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "exception", "internal error").into_response()
        }))
        .layer(middleware::from_fn(audit))
        .layer(cors)
        .with_state(state)
}

/// The audit layer: reads the clock once for the call, and writes one line when it is done.
async fn audit(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    request.extensions_mut().insert(clock::now());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    Audit::new(&method, &path, &response, started.elapsed()).write();
    response
}

/// Why a JWT was refused, for the audit line only.
#[derive(Debug, Clone, Copy)]
pub struct AuthNote(pub &'static str);

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// The JWT layer: every call, discovery included, carries the EHR's token (CDS Hooks
/// "Trusting CDS Clients"). Every refusal is the same 401.
async fn authenticate(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let Some(issuers) = &state.issuers else { return next.run(request).await };
    let now = request.extensions().get::<Now>().copied().unwrap_or_else(clock::now);
    let url = format!("{}{}", state.base_url, request.uri().path());
    let checked = match bearer(request.headers()) {
        None => Err(crate::auth::AuthError::Missing),
        Some(token) => {
            let seen = state.replay.read().unwrap_or_else(PoisonError::into_inner);
            verify(token, issuers, &url, now.unix_seconds, &seen)
        }
    };
    let recorded = checked.and_then(|accepted| {
        state.replay.write().unwrap_or_else(PoisonError::into_inner).insert(&accepted, now.unix_seconds)
    });
    match recorded {
        Ok(()) => next.run(request).await,
        Err(refused) => {
            let mut response = ApiError::unauthorized().into_response();
            response.extensions_mut().insert(AuthNote(refused.code()));
            response
        }
    }
}

async fn discovery_route(State(state): State<Arc<AppState>>) -> Response {
    let mut response = Body::from(state.discovery.clone()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// Checks the content type and reads the body within [`BODY_LIMIT`].
async fn json_body(headers: &HeaderMap, body: Body) -> Result<Value, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") && !essence.eq_ignore_ascii_case("application/fhir+json") {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not-supported",
            "the body must be application/json",
        )
        .at("Content-Type"));
    }
    let too_large =
        || ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too-long", format!("the body is over {BODY_LIMIT} bytes"));
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    // An error here is the limit, or a body the client stopped sending (which no one reads).
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| too_large())?;
    serde_json::from_slice(&bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            format!("the body is not JSON ({:?} at line {} column {})", e.classify(), e.line(), e.column()),
        )
        .at("$this")
    })
}

fn service(id: &str) -> Result<Hook, ApiError> {
    Hook::from_service_id(id).ok_or_else(|| ApiError::not_found("no such CDS service; see /cds-services"))
}

async fn call_route(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    now: Option<axum::Extension<Now>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let hook = service(&id)?;
    let body = json_body(&headers, body).await?;
    let mut call = request::hook_request(body, hook)?;
    let now = now.map_or_else(clock::now, |axum::Extension(now)| now);
    let on = state.today.unwrap_or(now.date);
    let mut note = CallNote::new(hook, &call.hook_instance);
    // On order-sign, the draft orders first: a call with no acupuncture or dry-needling order
    // gets no cards, and costs the EHR's FHIR server nothing.
    let orders = match &call.draft_orders {
        Some(bundle) => Some(
            mapping::ordered_modalities(bundle)
                .map_err(|e| ApiError::invalid(format!("draft order not understood: {}", e.message), e.path))?,
        ),
        None => None,
    };
    let response = if orders.as_ref().is_some_and(Vec::is_empty) {
        CdsResponse { cards: Vec::new() }
    } else {
        if let Some(access) = call.fhir.clone() {
            note.fetched = crate::fetch::fill_missing(
                &state.http,
                &access,
                &state.templates,
                &call.patient_id,
                &mut call.prefetch,
            )
            .await;
        }
        cards(&state, &call, orders.as_deref(), on, &mut note)?
    };
    note.cards = response.cards.len();
    let body = serde_json::to_vec(&response)
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "exception", "the cards did not serialize"))?;
    let mut response = Body::from(body).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response.extensions_mut().insert(note);
    Ok(response)
}

/// prefetch → intake → `assess` → cards (`orders`: the draft acupuncture orders on
/// `order-sign`, at least one), with the cards about what the record could not give
/// (`record_cards`) after the critical ones, every card identified in its place.
fn cards(
    state: &AppState,
    call: &HookRequest,
    orders: Option<&[(String, Modality)]>,
    on: NaiveDate,
    note: &mut CallNote,
) -> Result<CdsResponse, ApiError> {
    let reading = mapping::read_prefetch(&call.prefetch, &call.patient_id, on, &state.tables);
    let main = assessed_cards(call, &reading, orders, note)?;
    Ok(with_record_cards(main, &call.prefetch, &reading, &call.hook_instance))
}

/// The reading → intake → `assess` → the outcome's cards.
fn assessed_cards(
    call: &HookRequest,
    reading: &mapping::Reading,
    orders: Option<&[(String, Modality)]>,
    note: &mut CallNote,
) -> Result<CdsResponse, ApiError> {
    if !reading.has_patient() {
        // The one gap that is not an unknown answer: without the hook's own Patient (missing,
        // or another patient's) there is no one to assess (CDS Hooks: 412 when needed data
        // cannot be had).
        return Err(ApiError::new(
            StatusCode::PRECONDITION_FAILED,
            "not-found",
            "the hook's Patient (context.patientId) is neither in the prefetch nor available from fhirServer",
        )
        .at("prefetch.patient"));
    }
    let Some(mut intake) = reading.intake.clone() else {
        note.missing = reading.missing.clone();
        // A red flag answered present raises its tier whatever else the record lacks.
        let present: Vec<RedFlag> = reading.present_red_flags().collect();
        let drafts = orders.unwrap_or(&[]);
        return Ok(unassessed_cards(&present, &reading.missing, call.hook, drafts, &call.hook_instance));
    };
    if let Some(orders) = orders {
        let mut ordered: Vec<Modality> = Vec::new();
        for (_, modality) in orders {
            if !ordered.contains(modality) {
                ordered.push(*modality);
            }
        }
        intake = intake
            .with_modalities(ordered)
            .map_err(|e| ApiError::invalid(format!("draft orders: {e}"), "context.draftOrders"))?;
    }
    let assessment = assess(&intake).map_err(|e| {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", format!("the record does not make an intake: {e}"))
            .at("prefetch")
    })?;
    note.record(&assessment);
    Ok(match orders {
        Some(orders) => {
            let drafts = call.draft_orders.as_ref().map(mapping::draft_requests).unwrap_or_default();
            order_sign_cards_with_drafts(&assessment, orders, &drafts, &call.hook_instance)
        }
        None => assessment_cards(&assessment, &call.hook_instance),
    })
}

async fn feedback_route(Path(id): Path<String>, headers: HeaderMap, body: Body) -> Result<Response, ApiError> {
    let hook = service(&id)?;
    let body = json_body(&headers, body).await?;
    let report = request::feedback(&body)?;
    let mut response = StatusCode::OK.into_response();
    response.extensions_mut().insert(crate::audit::FeedbackNote { service: hook, report });
    Ok(response)
}

/// The error's note, for the audit line.
pub(crate) fn error_note(response: &Response) -> Option<&ErrorNote> {
    response.extensions().get::<ErrorNote>()
}
