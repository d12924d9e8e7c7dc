//! Golden cases as data: `tests/cases/*.json` (intakes), `tests/courses/*.json` (course
//! logs) and `tests/medicare/*.json` (visit histories). Each intake comes with the expected triage, the rule ids that must fire, and
//! optionally the duration category, the unanswered and also-ask items, the advice and its
//! `because` per modality, whether a trial plan is given, the deadline, and phrases the patient
//! and clinician texts must and must not contain (`patient_must_read`, ...); each
//! log with its expected decision (see `golden_courses`). The expectations were written from
//! the clinical reference, not from the engine's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::fs;
use std::path::Path;

use acupuncture_guidance::{CourseLog, Intake, MedicareHistory, RuleId, assess, review_course, review_medicare};
use serde::Deserialize;
use serde_json::Value;

/// Runs every `*.json` file in `tests/<dir>` through `check`, which returns the case's
/// description and the problems found; fails listing every case with a problem.
fn run_golden<C: serde::de::DeserializeOwned>(dir: &str, at_least: usize, check: impl Fn(C) -> (String, Vec<String>)) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(dir);
    let mut paths: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= at_least, "expected at least {at_least} cases in {}, found {}", dir.display(), paths.len());
    let mut failures = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let case: C =
            serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (description, problems) = check(case);
        if !problems.is_empty() {
            failures.push(format!("{name} ({description}):\n    {}", problems.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} golden case(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// Every finding of `out` against the catalogue: a known rule, sources that are a non-empty
/// subset of its row's (never typed twice), and the row's basis and status unless the finding
/// is a labelled interpretation or cites fewer sources (then a status no stronger than the
/// row's).
fn catalogue_problems(out: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for f in out["findings"].as_array().unwrap() {
        let rule: RuleId = f["rule"].as_str().unwrap().parse().unwrap();
        let row = rule.info();
        let sources: Vec<String> =
            f["sources"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect();
        let row_sources: Vec<String> = row.sources.iter().map(ToString::to_string).collect();
        if sources.is_empty() || sources.iter().any(|s| !row_sources.contains(s)) {
            problems.push(format!("{rule} ({}) cites {sources:?}, not from its row {row_sources:?}", f["code"]));
        }
        let interpretation = f["basis"] == "interpretation";
        let basis = serde_json::to_value(row.basis).unwrap();
        if !interpretation && f["basis"] != basis {
            problems.push(format!("{rule} ({}) basis {} != row's {basis}", f["code"], f["basis"]));
        }
        let status = row.status.to_string();
        if !interpretation && sources == row_sources && f["status"] != status.as_str() {
            problems.push(format!("{rule} ({}) status {} != row's {status}", f["code"], f["status"]));
        }
    }
    problems
}

/// The phrases a text must and must not contain.
fn text_problems(text: &str, includes: &[String], excludes: &[String]) -> Vec<String> {
    let mut problems: Vec<String> =
        includes.iter().filter(|p| !text.contains(p.as_str())).map(|p| format!("text lacks {p:?}:\n{text}")).collect();
    problems.extend(excludes.iter().filter(|p| text.contains(p.as_str())).map(|p| format!("text has {p:?}:\n{text}")));
    problems
}

/// Whether the findings of `out` include one from `rule`.
fn fired(out: &Value, rule: &str) -> bool {
    out["findings"].as_array().unwrap().iter().any(|f| f["rule"] == *rule)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    description: String,
    intake: Value,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    triage: String,
    rules: Vec<String>,
    category: Option<String>,
    unanswered: Option<Vec<String>>,
    advice: Option<serde_json::Map<String, Value>>,
    /// The items of `also_ask`, exactly, in order.
    also_ask: Option<Vec<String>>,
    /// Whether `trial_plan` is present (`true`) or `null` (`false`).
    trial_plan: Option<bool>,
    /// The output's one deadline (`null` for none).
    timeframe: Option<Value>,
    /// `because` per modality, exactly.
    because: Option<serde_json::Map<String, Value>>,
    /// Phrases the patient text must contain.
    #[serde(default)]
    patient_must_read: Vec<String>,
    /// Phrases the patient text must not contain.
    #[serde(default)]
    patient_must_not_read: Vec<String>,
    /// Phrases the clinician text must contain.
    #[serde(default)]
    clinician_must_read: Vec<String>,
    /// Phrases the clinician text must not contain.
    #[serde(default)]
    clinician_must_not_read: Vec<String>,
}

#[test]
fn golden_cases() {
    run_golden("cases", 30, |case: Case| {
        let intake: Intake =
            serde_json::from_value(case.intake).unwrap_or_else(|e| panic!("{}: {e}", case.description));
        let assessment = assess(&intake).unwrap();
        let out = serde_json::to_value(&assessment).unwrap();
        let mut problems = catalogue_problems(&out);
        if out["triage"] != case.expect.triage {
            problems.push(format!("triage {} != expected {}", out["triage"], case.expect.triage));
        }
        for rule in &case.expect.rules {
            if !fired(&out, rule) {
                problems.push(format!("rule {rule} did not fire"));
            }
        }
        if let Some(category) = &case.expect.category {
            if out["duration"]["category"] != *category {
                problems.push(format!("category {} != expected {category}", out["duration"]["category"]));
            }
        }
        if let Some(unanswered) = &case.expect.unanswered {
            if out["unanswered"] != serde_json::json!(unanswered) {
                problems.push(format!("unanswered {} != expected {unanswered:?}", out["unanswered"]));
            }
        }
        for (modality, advice) in case.expect.advice.iter().flatten() {
            let got = out["modalities"].as_array().unwrap().iter().find(|m| m["modality"] == modality.as_str());
            match got {
                Some(m) if m["advice"] == *advice => {}
                other => problems.push(format!("advice for {modality}: {other:?}, expected {advice}")),
            }
        }
        for (modality, because) in case.expect.because.iter().flatten() {
            let got = out["modalities"].as_array().unwrap().iter().find(|m| m["modality"] == modality.as_str());
            match got {
                Some(m) if m["because"] == *because => {}
                other => problems.push(format!("because for {modality}: {other:?}, expected {because}")),
            }
        }
        if let Some(also_ask) = &case.expect.also_ask {
            if out["also_ask"] != serde_json::json!(also_ask) {
                problems.push(format!("also_ask {} != expected {also_ask:?}", out["also_ask"]));
            }
        }
        if let Some(plan) = case.expect.trial_plan {
            if out["trial_plan"].is_null() == plan {
                problems.push(format!("trial_plan {} (expected present: {plan})", out["trial_plan"]));
            }
        }
        if let Some(timeframe) = &case.expect.timeframe {
            if out["timeframe"] != *timeframe {
                problems.push(format!("timeframe {} != expected {timeframe}", out["timeframe"]));
            }
        }
        let texts = [
            ("patient", assessment.patient_text(), &case.expect.patient_must_read, &case.expect.patient_must_not_read),
            (
                "clinician",
                assessment.clinician_text(),
                &case.expect.clinician_must_read,
                &case.expect.clinician_must_not_read,
            ),
        ];
        for (audience, text, must, must_not) in texts {
            for phrase in must.iter().filter(|p| !text.contains(p.as_str())) {
                problems.push(format!("{audience} text lacks {phrase:?}"));
            }
            for phrase in must_not.iter().filter(|p| text.contains(p.as_str())) {
                problems.push(format!("{audience} text contains {phrase:?}"));
            }
        }
        (case.description, problems)
    });
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseCase {
    description: String,
    log: Value,
    expect: CourseExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CourseExpect {
    decision: String,
    escalation: Option<String>,
    rules: Vec<String>,
    sessions_remaining: Option<u32>,
    meaningful: Option<bool>,
    /// The exact `change.absolute` (a decimal string or a fraction).
    change_absolute: Option<String>,
    /// The session number of the next review.
    next_review_sessions: Option<u32>,
    #[serde(default)]
    patient_text_includes: Vec<String>,
    #[serde(default)]
    patient_text_excludes: Vec<String>,
}

/// Golden course logs: `tests/courses/*.json`, each with the expected decision, escalation,
/// rule ids and, optionally, sessions remaining and whether the change is meaningful.
#[test]
fn golden_courses() {
    run_golden("courses", 20, |case: CourseCase| {
        let log: CourseLog = serde_json::from_value(case.log).unwrap_or_else(|e| panic!("{}: {e}", case.description));
        let review = review_course(&log).unwrap();
        let out = serde_json::to_value(&review).unwrap();
        let mut problems = catalogue_problems(&out);
        let e = &case.expect;
        problems.extend(text_problems(&review.patient_text(), &e.patient_text_includes, &e.patient_text_excludes));
        if let Some(absolute) = &e.change_absolute {
            if out["change"]["absolute"] != absolute.as_str() {
                problems.push(format!("change.absolute {} != expected {absolute}", out["change"]["absolute"]));
            }
        }
        if let Some(sessions) = e.next_review_sessions {
            if out["next_review"]["sessions"] != sessions {
                problems.push(format!("next_review {} != expected session {sessions}", out["next_review"]));
            }
        }
        if out["decision"] != case.expect.decision {
            problems.push(format!("decision {} != expected {}", out["decision"], case.expect.decision));
        }
        if out["escalation"] != serde_json::json!(case.expect.escalation) {
            problems.push(format!("escalation {} != expected {:?}", out["escalation"], case.expect.escalation));
        }
        for rule in &case.expect.rules {
            if !fired(&out, rule) {
                problems.push(format!("rule {rule} did not fire"));
            }
        }
        if let Some(remaining) = case.expect.sessions_remaining {
            if out["sessions_remaining"] != remaining {
                problems.push(format!("sessions_remaining {} != expected {remaining}", out["sessions_remaining"]));
            }
        }
        if let Some(meaningful) = case.expect.meaningful {
            if out["change"]["meaningful"] != meaningful {
                problems.push(format!("meaningful {} != expected {meaningful}", out["change"]["meaningful"]));
            }
        }
        (case.description, problems)
    });
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MedicareCase {
    description: String,
    history: Value,
    expect: MedicareExpect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MedicareExpect {
    covered: Vec<bool>,
    covered_count: u32,
    rules: Vec<String>,
    /// The KX modifier, visit by visit.
    kx: Option<Vec<bool>>,
    excluded: Option<bool>,
    #[serde(default)]
    text_includes: Vec<String>,
    #[serde(default)]
    text_excludes: Vec<String>,
}

/// Golden Medicare histories: `tests/medicare/*.json`, each with the expected coverage of every
/// visit, the count, and the rule ids that must fire.
#[test]
fn golden_medicare_histories() {
    run_golden("medicare", 15, |case: MedicareCase| {
        let history: MedicareHistory =
            serde_json::from_value(case.history).unwrap_or_else(|e| panic!("{}: {e}", case.description));
        let review = review_medicare(&history).unwrap();
        let out = serde_json::to_value(&review).unwrap();
        let mut problems = catalogue_problems(&out);
        let e = &case.expect;
        problems.extend(text_problems(&review.text(), &e.text_includes, &e.text_excludes));
        if let Some(kx) = &e.kx {
            let got: Vec<bool> = review.sessions.iter().map(|s| s.kx_modifier).collect();
            if &got != kx {
                problems.push(format!("kx {got:?} != expected {kx:?}"));
            }
        }
        if let Some(excluded) = e.excluded {
            if review.excluded != excluded || (excluded && review.remaining.is_some()) {
                problems.push(format!(
                    "excluded {} (remaining {:?}), expected {excluded}",
                    review.excluded, review.remaining
                ));
            }
        }
        let covered: Vec<bool> = out["sessions"].as_array().unwrap().iter().map(|s| s["covered"] == true).collect();
        if covered != case.expect.covered {
            problems.push(format!("covered {covered:?} != expected {:?}", case.expect.covered));
        }
        if out["covered_count"] != case.expect.covered_count {
            problems.push(format!("covered_count {} != expected {}", out["covered_count"], case.expect.covered_count));
        }
        for rule in &case.expect.rules {
            if !fired(&out, rule) {
                problems.push(format!("rule {rule} did not fire"));
            }
        }
        (case.description, problems)
    });
}
