//! Print the CDS Hooks response a service would return for an intake (feature `cds-hooks`).
//!
//! ```text
//! cargo run --features cds-hooks --example cds_hooks                          # a built-in intake
//! cargo run --features cds-hooks --example cds_hooks -- FILE.json             # an intake ("-" for stdin)
//! cargo run --features cds-hooks --example cds_hooks -- FILE.json --hook-instance UUID
//! cargo run --features cds-hooks --example cds_hooks -- --discovery           # the discovery document
//! ```
//!
//! The response is `{"cards": [...]}`; every card is checked against the specification before
//! it is printed. Card uuids derive from the hook instance (a fixed one by default, so the
//! output is reproducible).

use std::io::{Read, Write as _};
use std::process::ExitCode;

use acupuncture_guidance::interop::cds_hooks::{assessment_cards, discovery};
use acupuncture_guidance::{assess, json};

const EXAMPLE: &str = include_str!("intakes/chronic_anticoagulants.json");
const HOOK_INSTANCE: &str = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

fn main() -> ExitCode {
    match run() {
        Ok(text) => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("cds_hooks: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<String, String> {
    let mut args = std::env::args().skip(1);
    let (mut path, mut hook_instance) = (None, HOOK_INSTANCE.to_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--discovery" => {
                return serde_json::to_string_pretty(&discovery()).map(|s| s + "\n").map_err(|e| e.to_string());
            }
            "--hook-instance" => hook_instance = args.next().ok_or("--hook-instance needs a value")?,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            file => path = Some(file.to_owned()),
        }
    }
    let text = match path.as_deref() {
        None => EXAMPLE.to_owned(),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("stdin: {e}"))?;
            text
        }
        Some(file) => std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?,
    };
    let intake = json::from_str(&text).map_err(|e| e.to_string())?;
    let assessment = assess(&intake).map_err(|e| e.to_string())?;
    let response = assessment_cards(&assessment, &hook_instance);
    for card in &response.cards {
        let violations = card.validate();
        if !violations.is_empty() {
            return Err(format!("card {:?} is invalid: {violations:?}", card.summary()));
        }
    }
    serde_json::to_string_pretty(&response).map(|s| s + "\n").map_err(|e| e.to_string())
}
