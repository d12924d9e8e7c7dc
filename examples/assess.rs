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
use std::process::ExitCode;

use acupuncture_guidance::{Condition, Intake, QuestionList, assess, json, questions};

#[path = "shared/cli.rs"]
mod cli;

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
            "-h" | "--help" => return cli::finish("assess", Ok(format!("{USAGE}\n"))),
            flag if flag.starts_with("--") => return cli::usage("assess", &format!("unknown option {flag}"), USAGE),
            _ if path.is_some() => return cli::usage("assess", "more than one input file", USAGE),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("assess", run(path.as_deref(), json, list_questions))
}

/// Produces the report, or a one-line error.
fn run(path: Option<&str>, json: bool, list_questions: bool) -> Result<String, String> {
    let mut out = String::new();
    if list_questions {
        if json {
            return Ok(serde_json::to_string_pretty(&QuestionList::new()).map_err(|e| e.to_string())? + "\n");
        }
        for q in questions() {
            let tier = q.tier.map_or_else(String::new, |t| format!(", {t}"));
            let asked = if q.asked_when == Condition::Always {
                String::new()
            } else {
                format!(", asked when {}", q.asked_when)
            };
            let required = match q.required_when {
                Condition::Never => String::new(),
                Condition::Always => ", required".to_owned(),
                when => format!(", required when {when}"),
            };
            let _ = writeln!(out, "{} ({}{tier}{asked}{required})\n    {}", q.id, q.kind, q.text);
        }
        return Ok(out);
    }
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let intake: Intake = json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
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
