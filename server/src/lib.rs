//! `acupuncture-guidance-server`: a CDS Hooks 2.0.1 service over the `acupuncture-guidance`
//! library.
//!
//! - `GET /cds-services`: the library's discovery document (services
//!   `acupuncture-lbp-patient-view` on `patient-view` and `acupuncture-lbp-order-sign` on
//!   `order-sign`, with their prefetch templates).
//! - `POST /cds-services/{id}`: prefetch (with the `fhirServer` fallback for missing keys) →
//!   intake → `assess` → cards.
//! - `POST /cds-services/{id}/feedback`: checked, accepted (200) and logged.
//!
//! Every call carries the EHR's JWT ([`auth`]); errors are `OperationOutcome`s naming the
//! field ([`outcome`]); one JSON audit line per call ([`audit`]). The clock is read in one
//! place ([`clock`]).

pub mod app;
pub mod audit;
pub mod auth;
pub mod clock;
pub mod config;
pub mod fetch;
pub mod mapping;
pub mod outcome;
pub mod request;

use std::sync::Arc;

use tokio::net::TcpListener;

/// Serves on `listener` until `shutdown` completes.
///
/// # Errors
///
/// When the state cannot be built or the listener fails.
pub async fn serve(
    listener: TcpListener,
    config: config::Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), String> {
    let local = listener.local_addr().map_err(|e| format!("listener: {e}"))?;
    let base_url = config.base_url.clone().unwrap_or_else(|| format!("http://{local}"));
    let issuers = match config.auth {
        config::Auth::Required(issuers) => Some(issuers),
        config::Auth::Disabled => None,
    };
    let state = app::AppState::new(base_url, issuers, config.today, config.tables)?;
    let router = app::router(Arc::new(state), &config.cors_origins);
    axum::serve(listener, router).with_graceful_shutdown(shutdown).await.map_err(|e| format!("serve: {e}"))
}
