//! The `acupuncture-guidance-server` binary: flags (see `--help`), then serve until Ctrl-C or
//! SIGTERM. A bad flag is a one-line error and exit code 2.

use std::process::ExitCode;

use acupuncture_guidance_server::config::{self, Auth, Command};

/// mimalloc: a hook call parses and builds many small JSON values; on the patient-view example
/// the in-process work drops by about a third against the system allocator
/// (`examples/pipeline_cost.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn fail(message: &str, code: u8) -> ExitCode {
    eprintln!("acupuncture-guidance-server: {message}");
    ExitCode::from(code)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            term.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = term => {} }
}

fn main() -> ExitCode {
    let config = match config::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", config::USAGE);
            return ExitCode::SUCCESS;
        }
        Ok(Command::Serve(config)) => config,
        Err(message) => return fail(&message, 2),
    };
    if matches!(config.auth, Auth::Disabled) {
        eprintln!(
            "acupuncture-guidance-server: WARNING: --no-auth: calls are accepted without a JWT; for local development only"
        );
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("runtime: {e}"), 1),
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(config.listen).await {
            Ok(listener) => listener,
            Err(e) => return fail(&format!("--listen {}: {e}", config.listen), 2),
        };
        if let Ok(addr) = listener.local_addr() {
            eprintln!("acupuncture-guidance-server: listening on http://{addr}");
        }
        match acupuncture_guidance_server::serve(listener, config, shutdown()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(&e, 1),
        }
    })
}
