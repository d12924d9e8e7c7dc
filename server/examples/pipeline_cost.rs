//! Where a patient-view call's time goes, in process and on one core: the JSON body parsed,
//! the CDS Hooks request checked, the prefetch mapped to an intake, `assess`, the cards built
//! and serialized. The HTTP figures are `server/load/run.sh`'s.
//!
//! ```text
//! cargo run --release -p acupuncture-guidance-server --example pipeline_cost [ITERATIONS]
//! ```

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use acupuncture_guidance::interop::cds_hooks::{Hook, assessment_cards};
use acupuncture_guidance::{NaiveDate, assess};
use acupuncture_guidance_server::mapping::{Tables, read_prefetch};
use acupuncture_guidance_server::request::hook_request;

/// The server's allocator (see `main.rs`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const BODY: &str = include_str!("patient-view.json");

fn time<T>(label: &str, n: u32, mut f: impl FnMut() -> Result<T, String>) -> Result<f64, String> {
    for _ in 0..n / 10 {
        black_box(f()?);
    }
    let started = Instant::now();
    for _ in 0..n {
        black_box(f()?);
    }
    let each = started.elapsed().as_secs_f64() * 1e6 / f64::from(n);
    println!("{label:<40} {each:>8.1} us");
    Ok(each)
}

fn run(n: u32) -> Result<(), String> {
    let on = NaiveDate::from_ymd_opt(2026, 11, 27).ok_or("date")?;
    let tables = Tables::default();
    let value: serde_json::Value = serde_json::from_str(BODY).map_err(|e| e.to_string())?;
    let call = hook_request(value.clone(), Hook::PatientView).map_err(|e| e.diagnostics)?;
    let reading = read_prefetch(&call.prefetch, &call.patient_id, on, &tables);
    let intake = reading.intake.ok_or("the example has an intake")?;
    let assessment = assess(&intake).map_err(|e| e.to_string())?;
    let cards = assessment_cards(&assessment, &call.hook_instance);
    println!("patient-view example: {} bytes in, {} cards", BODY.len(), cards.cards.len());
    time("parse the JSON body", n, || serde_json::from_str::<serde_json::Value>(BODY).map_err(|e| e.to_string()))?;
    time("check the CDS Hooks request", n, || {
        hook_request(value.clone(), Hook::PatientView).map_err(|e| e.diagnostics)
    })?;
    time("prefetch -> intake (interop::fhir)", n, || {
        Ok::<_, String>(read_prefetch(&call.prefetch, &call.patient_id, on, &tables))
    })?;
    let decision = time("assess (the decision)", n, || assess(&intake).map_err(|e| e.to_string()))?;
    time("assessment -> cards", n, || Ok(assessment_cards(&assessment, &call.hook_instance)))?;
    time("cards -> JSON", n, || serde_json::to_vec(&cards).map_err(|e| e.to_string()))?;
    let total = time("all of it", n, || {
        let value: serde_json::Value = serde_json::from_str(BODY).map_err(|e| e.to_string())?;
        let call = hook_request(value, Hook::PatientView).map_err(|e| e.diagnostics)?;
        let reading = read_prefetch(&call.prefetch, &call.patient_id, on, &tables);
        let intake = reading.intake.ok_or("intake")?;
        let assessment = assess(&intake).map_err(|e| e.to_string())?;
        serde_json::to_vec(&assessment_cards(&assessment, &call.hook_instance)).map_err(|e| e.to_string())
    })?;
    println!("the decision is {:.1}% of the in-process work", 100.0 * decision / total);
    Ok(())
}

fn main() -> ExitCode {
    let n = match std::env::args().nth(1).as_deref() {
        Some("--help" | "-h") => {
            println!("usage: pipeline_cost [ITERATIONS]");
            return ExitCode::SUCCESS;
        }
        Some(text) => match text.parse::<u32>() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("pipeline_cost: ITERATIONS {text:?} is not a positive number");
                return ExitCode::from(2);
            }
        },
        None => 5000,
    };
    match run(n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pipeline_cost: {e}");
            ExitCode::from(1)
        }
    }
}
