//! FHIR R4 in and out (feature `fhir`): the intake Questionnaire, a QuestionnaireResponse
//! assessed, an intake written as a response, and the score Observations the crate emits.
//!
//! ```text
//! cargo run --features fhir --example fhir                                  # assess a built-in response
//! cargo run --features fhir --example fhir -- questionnaire                 # the intake Questionnaire
//! cargo run --features fhir --example fhir -- assess RESPONSE.json [--json] # assess a response ("-" for stdin)
//! cargo run --features fhir --example fhir -- response INTAKE.json          # an intake JSON as a response
//! cargo run --features fhir --example fhir -- observations                  # score Observations, as a Bundle
//! ```
//!
//! The assessment date is fixed (2026-11-27, as in the example intakes) so that the output is
//! reproducible; `--assessed-on YYYY-MM-DD` changes it. A bad document gets a one-line error
//! naming the element (`item[3].answer[0]: ...`) and exit status 1; a bad command line, 2.

use std::fmt::Write as _;
use std::process::ExitCode;

use acupuncture_guidance::interop::fhir::{
    bundle_of, intake_from_response, observation_from_measurement, observation_from_start_back, questionnaire,
    response_from_intake,
};
use acupuncture_guidance::{
    Bothersomeness, Intake, ItemScores, Measure, Measurement, NaiveDate, Odi, Peg, Psfs, Score, StartBack, assess, json,
};

#[path = "shared/cli.rs"]
mod cli;

/// The built-in response: chronic pain, a complete screen, on a blood thinner.
const EXAMPLE: &str = include_str!("fhir/complete.json");

const USAGE: &str = "usage: fhir [questionnaire | assess [RESPONSE.json | -] [--json] | response INTAKE.json | observations] [--assessed-on YYYY-MM-DD]";

const ASSESSED_ON: &str = "2026-11-27";

fn main() -> ExitCode {
    let mut words = Vec::new();
    let mut json = false;
    let mut assessed_on = ASSESSED_ON.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return cli::finish("fhir", Ok(format!("{USAGE}\n"))),
            "--json" => json = true,
            "--assessed-on" => match args.next() {
                Some(value) => assessed_on = value,
                None => return cli::usage("fhir", "--assessed-on needs a date", USAGE),
            },
            flag if flag.starts_with("--") => return cli::usage("fhir", &format!("unknown option {flag}"), USAGE),
            word => words.push(word.to_owned()),
        }
    }
    let Ok(assessed_on) = assessed_on.parse::<NaiveDate>() else {
        return cli::usage("fhir", &format!("--assessed-on {assessed_on:?} is not a YYYY-MM-DD date"), USAGE);
    };
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let result = match words.as_slice() {
        [] => run_assess(None, json, assessed_on),
        ["assess"] => run_assess(None, json, assessed_on),
        ["assess", file] => run_assess(Some(file), json, assessed_on),
        ["questionnaire"] => pretty(&questionnaire()),
        ["response", file] => run_response(file),
        ["observations"] => observations(assessed_on),
        _ => return cli::usage("fhir", &format!("unexpected arguments: {}", words.join(" ")), USAGE),
    };
    cli::finish("fhir", result)
}

fn pretty(value: &serde_json::Value) -> Result<String, String> {
    serde_json::to_string_pretty(value).map(|s| s + "\n").map_err(|e| e.to_string())
}

/// Reads a QuestionnaireResponse, assesses it, and prints the two reports (or the JSON).
fn run_assess(path: Option<&str>, json: bool, assessed_on: NaiveDate) -> Result<String, String> {
    let (name, text) = cli::read_input(path, EXAMPLE)?;
    let response: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let intake = intake_from_response(&response, assessed_on).map_err(|e| format!("{name}: {e}"))?;
    let assessment = assess(&intake).map_err(|e| format!("{name}: {e}"))?;
    if json {
        return serde_json::to_string_pretty(&assessment).map(|s| s + "\n").map_err(|e| e.to_string());
    }
    let mut out = String::new();
    let _ = write!(
        out,
        "== For the patient ({name}) ==\n\n{}\n== For the clinician ==\n\n{}",
        assessment.patient_text(),
        assessment.clinician_text()
    );
    Ok(out)
}

/// An intake document (the crate's JSON contract) as a QuestionnaireResponse.
fn run_response(path: &str) -> Result<String, String> {
    let (name, text) = cli::read_input(Some(path), "")?;
    let intake: Intake = json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    pretty(&response_from_intake(&intake))
}

/// One Observation of each kind the crate writes, in a collection Bundle.
fn observations(day: NaiveDate) -> Result<String, String> {
    let subject = Some("Patient/example");
    let err = |e: &dyn std::fmt::Display| e.to_string();
    let measurements = [
        (Measure::NrsPain, Measurement::score(Score::whole(6))),
        (Measure::Peg, Measurement::items(ItemScores::Peg(Peg::new([7, 6, 5]).map_err(|e| err(&e))?))),
        (Measure::Rmdq, Measurement::score(Score::whole(11))),
        (
            Measure::Odi,
            Measurement::items(ItemScores::Odi(
                Odi::new([Some(2), Some(3), None, Some(1), Some(0), Some(2), Some(3), Some(1), Some(2), Some(4)])
                    .map_err(|e| err(&e))?,
            )),
        ),
        (Measure::Psfs, Measurement::items(ItemScores::Psfs(Psfs::new([3, 5]).map_err(|e| err(&e))?))),
    ];
    let mut resources = Vec::new();
    for (measure, measurement) in &measurements {
        resources.push(observation_from_measurement(*measure, measurement, day, subject).map_err(|e| err(&e))?);
    }
    let start_back = StartBack {
        leg_pain: true,
        shoulder_or_neck_pain: false,
        walking: true,
        dressing: false,
        fear: true,
        worry: false,
        catastrophising: false,
        low_mood: false,
        bothersomeness: Bothersomeness::Moderately,
    };
    resources.push(observation_from_start_back(&start_back, day, subject));
    pretty(&bundle_of(resources))
}
