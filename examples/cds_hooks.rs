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

use std::process::ExitCode;

use acupuncture_guidance::interop::cds_hooks::{assessment_cards, discovery};
use acupuncture_guidance::{assess, json};

#[path = "shared/cli.rs"]
mod cli;

const EXAMPLE: &str = include_str!("intakes/chronic_anticoagulants.json");
const HOOK_INSTANCE: &str = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";

const USAGE: &str = "usage: cds_hooks [FILE.json | -] [--hook-instance UUID] | --discovery";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut path, mut hook_instance) = (None, HOOK_INSTANCE.to_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return cli::finish("cds_hooks", Ok(format!("{USAGE}\n"))),
            "--discovery" => {
                let document = serde_json::to_string_pretty(&discovery()).map(|s| s + "\n");
                return cli::finish("cds_hooks", document.map_err(|e| e.to_string()));
            }
            "--hook-instance" => match args.next() {
                Some(value) => hook_instance = value,
                None => return cli::usage("cds_hooks", "--hook-instance needs a value", USAGE),
            },
            flag if flag.starts_with("--") => return cli::usage("cds_hooks", &format!("unknown option {flag}"), USAGE),
            _ if path.is_some() => return cli::usage("cds_hooks", "more than one input file", USAGE),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("cds_hooks", run(path.as_deref(), &hook_instance))
}

fn run(path: Option<&str>, hook_instance: &str) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let intake = json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let assessment = assess(&intake).map_err(|e| e.to_string())?;
    let response = assessment_cards(&assessment, hook_instance);
    for card in &response.cards {
        let violations = card.validate();
        if !violations.is_empty() {
            return Err(format!("card {:?} is invalid: {violations:?}", card.summary()));
        }
    }
    serde_json::to_string_pretty(&response).map(|s| s + "\n").map_err(|e| e.to_string())
}
