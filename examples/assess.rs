//! Triage a back-pain intake for acupuncture and print the reports.
//!
//! ```text
//! cargo run --example assess                      # a built-in example intake
//! cargo run --example assess -- FILE.json         # an intake from a file ("-" for stdin)
//! cargo run --example assess -- FILE.json --json  # the assessment as JSON
//! cargo run --example assess -- --questions       # the intake questions, in order
//! ```
//!
//! A bad intake gets a one-line error and exit status 1; a bad command line, status 2.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::process::ExitCode;

use acupuncture_guidance::{Intake, assess, questions};

/// The built-in example: chronic pain, a complete screen, on a blood thinner.
const EXAMPLE: &str = include_str!("intakes/chronic_anticoagulants.json");

const USAGE: &str = "usage: assess [FILE.json | -] [--json] [--questions]";

fn main() -> ExitCode {
    let mut json = false;
    let mut list_questions = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "--questions" => list_questions = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with("--") => {
                eprintln!("assess: unknown option {flag}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ if path.is_some() => {
                eprintln!("assess: more than one input file\n{USAGE}");
                return ExitCode::from(2);
            }
            file => path = Some(file.to_owned()),
        }
    }
    match run(path.as_deref(), json, list_questions) {
        // A closed pipe (`| head`) is not an error worth reporting.
        Ok(report) => match std::io::stdout().lock().write_all(report.as_bytes()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                eprintln!("assess: stdout: {e}");
                ExitCode::FAILURE
            }
            _ => ExitCode::SUCCESS,
        },
        Err(message) => {
            eprintln!("assess: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Produces the report, or a one-line error.
fn run(path: Option<&str>, json: bool, list_questions: bool) -> Result<String, String> {
    let mut out = String::new();
    if list_questions {
        let questions = questions();
        if json {
            return Ok(serde_json::to_string_pretty(&questions).map_err(|e| e.to_string())? + "\n");
        }
        for q in questions {
            let tier = q.tier.map_or_else(|| "caution".to_owned(), |t| t.to_string());
            let required = if q.required { ", required" } else { "" };
            let _ = writeln!(out, "{} ({}: {tier}{required})\n    {}", q.id, q.kind, q.text);
        }
        return Ok(out);
    }
    let (name, text) = match path {
        None => ("built-in example".to_owned(), EXAMPLE.to_owned()),
        Some("-") => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| format!("stdin: {e}"))?;
            ("stdin".to_owned(), text)
        }
        Some(file) => (file.to_owned(), std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?),
    };
    let intake: Intake = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let assessment = assess(&intake).map_err(|e| format!("{name}: {e}"))?;
    if json {
        return Ok(serde_json::to_string_pretty(&assessment).map_err(|e| e.to_string())? + "\n");
    }
    let _ = write!(
        out,
        "== For the patient ({name}) ==\n\n{}\n== For the clinician ==\n\n{}",
        assessment.patient_text(),
        assessment.clinician_text()
    );
    Ok(out)
}
