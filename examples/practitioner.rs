//! Check a practitioner: the signals of a good one, whether they may furnish Medicare-covered
//! acupuncture, acupuncture vs dry needling, and the questions worth asking.
//!
//! ```text
//! cargo run --example practitioner                        # a built-in profile
//! cargo run --example practitioner -- FILE.json           # a profile from a file ("-" for stdin)
//! cargo run --example practitioner -- FILE.json --json    # the review as JSON
//! ```

use std::process::ExitCode;

use acupuncture_guidance::{PractitionerProfile, review_practitioner};

#[path = "shared/cli.rs"]
mod cli;

/// The built-in example: a licensed acupuncturist with most signals documented.
const EXAMPLE: &str = include_str!("practitioners/licensed_acupuncturist.json");

const USAGE: &str = "usage: practitioner [FILE.json | -] [--json]";

fn main() -> ExitCode {
    let (mut path, mut json) = (None, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => return cli::finish("practitioner", Ok(format!("{USAGE}\n"))),
            flag if flag.starts_with("--") => {
                return cli::usage("practitioner", &format!("unknown option {flag}"), USAGE);
            }
            _ if path.is_some() => return cli::usage("practitioner", "more than one input file", USAGE),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("practitioner", run(path.as_deref(), json))
}

fn run(path: Option<&str>, json: bool) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let profile: PractitionerProfile =
        acupuncture_guidance::json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let review = review_practitioner(&profile);
    if json {
        return serde_json::to_string_pretty(&review).map(|s| s + "\n").map_err(|e| e.to_string());
    }
    Ok(review.text())
}
