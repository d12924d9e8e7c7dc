//! Check Original Medicare coverage of acupuncture visits, visit by visit (NCD 30.3.3).
//!
//! ```text
//! cargo run --example medicare_coverage                        # a built-in visit history
//! cargo run --example medicare_coverage -- FILE.json           # a history from a file ("-" for stdin)
//! cargo run --example medicare_coverage -- FILE.json --json    # the review as JSON
//! ```
//!
//! Prints a table: date, codes, covered or not, the rule behind it, and the running counts;
//! then what is left of the benefit, what the next visit needs, and the interpretations the
//! review applied. A bad history gets a one-line error and exit status 1.

use std::fmt::Write as _;
use std::process::ExitCode;

use acupuncture_guidance::{MedicareHistory, MedicareReview, review_medicare};

#[path = "shared/cli.rs"]
mod cli;

/// The built-in example: weekly visits with a supervised licensed acupuncturist, improvement
/// recorded, then a "not improving" record that ends coverage.
const EXAMPLE: &str = include_str!("medicare/weekly_course_stops.json");

const USAGE: &str = "usage: medicare_coverage [FILE.json | -] [--json]";

fn main() -> ExitCode {
    let (mut path, mut json) = (None, false);
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => return cli::finish("medicare_coverage", Ok(format!("{USAGE}\n"))),
            flag if flag.starts_with("--") => {
                return cli::usage("medicare_coverage", &format!("unknown option {flag}"), USAGE);
            }
            _ if path.is_some() => return cli::usage("medicare_coverage", "more than one input file", USAGE),
            file => path = Some(file.to_owned()),
        }
    }
    cli::finish("medicare_coverage", run(path.as_deref(), json))
}

fn run(path: Option<&str>, json: bool) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let history: MedicareHistory = acupuncture_guidance::json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let review = review_medicare(&history).map_err(|e| format!("{name}: {e}"))?;
    if json {
        return Ok(serde_json::to_string_pretty(&review).map_err(|e| e.to_string())? + "\n");
    }
    Ok(format!("Medicare coverage ({name}), {}\n\n{}", review.ncd, table(&review)) + &review.text())
}

fn table(review: &MedicareReview) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<10}  {:<20}  {:<7}  {:<3}  {:>5}  {:>4}  rule: reason",
        "date", "codes", "covered", "KX", "total", "year"
    );
    for visit in &review.sessions {
        let codes: Vec<String> = visit.cpt.iter().map(ToString::to_string).collect();
        let why: Vec<String> = visit.reasons.iter().map(|r| format!("{}: {r}", r.rule())).collect();
        let _ = writeln!(
            out,
            "{:<10}  {:<20}  {:<7}  {:<3}  {:>5}  {:>4}  {}",
            visit.date.to_string(),
            codes.join(" "),
            if visit.covered { "yes" } else { "no" },
            if visit.kx_modifier { "KX" } else { "" },
            visit.covered_so_far,
            visit.covered_in_year,
            why.join("; ")
        );
    }
    out.push('\n');
    out
}
