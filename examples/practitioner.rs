//! Check a practitioner: the signals of a good one, whether they may furnish Medicare-covered
//! acupuncture, acupuncture vs dry needling, and the questions worth asking.
//!
//! ```text
//! cargo run --example practitioner                        # a built-in profile
//! cargo run --example practitioner -- FILE.json           # a profile from a file ("-" for stdin)
//! cargo run --example practitioner -- FILE.json --json    # the review as JSON
//! ```

use std::io::{Read, Write as _};
use std::process::ExitCode;

use acupuncture_guidance::{PractitionerProfile, review_practitioner};

/// The built-in example: a licensed acupuncturist with most signals documented.
const EXAMPLE: &str = include_str!("practitioners/licensed_acupuncturist.json");

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let files: Vec<&String> = args.iter().filter(|a| a.as_str() != "--json").collect();
    let text = match files.as_slice() {
        [] => Ok(EXAMPLE.to_owned()),
        [path] if path.as_str() == "-" => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map(|_| text).map_err(|e| format!("stdin: {e}"))
        }
        [path] if !path.starts_with("--") => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}")),
        _ => {
            eprintln!("usage: practitioner [FILE.json | -] [--json]");
            return ExitCode::from(2);
        }
    };
    let report = text
        .and_then(|t| serde_json::from_str::<PractitionerProfile>(&t).map_err(|e| e.to_string()))
        .and_then(|profile| {
            let review = review_practitioner(&profile);
            if json {
                serde_json::to_string_pretty(&review).map(|s| s + "\n").map_err(|e| e.to_string())
            } else {
                Ok(review.text())
            }
        });
    match report {
        Ok(report) => {
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = std::io::stdout().lock().write_all(report.as_bytes());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("practitioner: {message}");
            ExitCode::FAILURE
        }
    }
}
