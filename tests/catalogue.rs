//! The rule catalogue, `docs/RULES.md`, is rendered here from the public `evidence` API and
//! must agree with it: run with `UPDATE_CATALOGUE=1` to rewrite it after a deliberate change.
//!
//! Laws of the catalogue, checked against the golden cases (`tests/cases/*.json`,
//! `tests/courses/*.json`, `tests/medicare/*.json`) run through the `json` facade:
//! - every source is cited by some rule;
//! - every rule fires in some golden case, or is in [`NOT_REACHED`] with the reason;
//! - a finding's sources, status and basis, and a guideline position's status, are its rule
//!   row's.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use acupuncture_guidance::evidence::{self, RULESET_VERSION, RuleId, RuleInfo, SourceId};
use acupuncture_guidance::json;
use serde_json::Value;

/// Rules that no golden case reaches yet, each with the reason. Golden cases are data that
/// other work adds; when one reaches a rule listed here, the rule must leave this list.
const NOT_REACHED: &[(RuleId, &str)] = &[
    (
        RuleId::Sbt01,
        "no job emits an SBT-01 finding: the STarT Back scoring (StartBack::risk) is a measure API, and \
         the intake takes the risk group as given (start_back_risk, reported under GL-NICE-02)",
    ),
    (
        RuleId::EngPractitioner,
        "only review_practitioner emits it, and the golden cases are intakes, course logs and Medicare histories: \
         there are no golden practitioner profiles",
    ),
];

// ---------------------------------------------------------------------------------------------
// The catalogue

/// A table cell: one line, with `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The wire name of a serde value (`Basis` renders as `source` or `engine_policy`).
fn wire_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).unwrap().as_str().unwrap().to_owned()
}

fn join<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items.into_iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

/// `docs/RULES.md`, rendered from the public API only.
fn render() -> String {
    let mut out = String::new();
    let w = &mut out;
    writeln!(w, "# Rule catalogue").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "Every rule the crate applies and every source it cites, generated from \
         `acupuncture_guidance::evidence` by `tests/catalogue.rs`. Do not edit by hand: after a change to the \
         catalogue, run `UPDATE_CATALOGUE=1 cargo test --test catalogue`."
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(w, "Ruleset edition (`RULESET_VERSION`): `{RULESET_VERSION}`.").unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "The *reference* column names the section of the project's clinical reference that states the rule (the \
         reference itself is not part of this repository). Rules whose id starts with `ENG-` are policies of this \
         engine that the reference gives guidance for but no id; their section is the one they are built on."
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(
        w,
        "Status: `V1` checked against the primary text; `V2` checked through a reputable secondary source; `PV` \
         partially verified; `UV` unverified (kept out of patient text); `n/a` not a verification claim (the \
         consumer article). Where the reference gives parts of a rule different statuses, the rule carries the \
         weakest of the parts the crate applies or shows. Basis: `source` (the rule restates its sources) or \
         `engine_policy` (this engine's choice, built on its sources and labelled as policy)."
    )
    .unwrap();
    writeln!(w).unwrap();
    writeln!(w, "## Rules ({})", RuleId::ALL.len()).unwrap();
    writeln!(w).unwrap();
    writeln!(w, "| id | title | reference | status | basis | sources |").unwrap();
    writeln!(w, "|---|---|---|---|---|---|").unwrap();
    for info in evidence::rules() {
        let RuleInfo { id, title, section, status, basis, sources } = *info;
        let sources = join(sources.iter());
        writeln!(w, "| `{id}` | {} | {section} | {status} | {} | {sources} |", cell(title), wire_name(basis)).unwrap();
    }
    writeln!(w).unwrap();
    writeln!(w, "## Sources ({})", SourceId::ALL.len()).unwrap();
    writeln!(w).unwrap();
    writeln!(w, "| id | status | reference | cited by |").unwrap();
    writeln!(w, "|---|---|---|---|").unwrap();
    for source in SourceId::ALL {
        let info = source.info();
        let link = info.url.map(|url| format!(" <{url}>")).unwrap_or_default();
        let cited_by = join(evidence::rules().filter(|r| r.sources.contains(source)).map(|r| format!("`{}`", r.id)));
        writeln!(w, "| `{source}` | {} | {}{link} | {cited_by} |", info.status, cell(info.reference)).unwrap();
    }
    out
}

#[test]
fn the_committed_catalogue_matches_the_evidence() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join("RULES.md");
    let text = render();
    if std::env::var_os("UPDATE_CATALOGUE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "docs/RULES.md disagrees with acupuncture_guidance::evidence: run UPDATE_CATALOGUE=1 cargo test --test catalogue"
    );
}

#[test]
fn the_catalogue_lists_every_rule_and_every_source_once() {
    let text = render();
    let rows = |id: &str| text.lines().filter(|line| line.starts_with(&format!("| `{id}` |"))).count();
    for rule in RuleId::ALL {
        assert_eq!(rows(rule.as_str()), 1, "{rule}");
    }
    for source in SourceId::ALL {
        assert_eq!(rows(source.as_str()), 1, "{source}");
    }
    assert_eq!(text.lines().filter(|line| line.starts_with("| `")).count(), RuleId::ALL.len() + SourceId::ALL.len());
}

// ---------------------------------------------------------------------------------------------
// Laws

#[test]
fn every_source_is_cited_by_some_rule() {
    let cited: BTreeSet<SourceId> = evidence::rules().flat_map(|r| r.sources.iter().copied()).collect();
    let uncited: Vec<_> = SourceId::ALL.iter().filter(|s| !cited.contains(s)).collect();
    assert!(
        uncited.is_empty(),
        "no rule cites {uncited:?}: give them the rule that cites them in the reference, or remove them"
    );
}

/// A job of the `json` facade: a document in, a document out.
type Job = fn(&str) -> Result<String, json::JsonError>;

/// The outputs of every golden case, each run through the `json` facade, with the case's name.
fn golden_outputs() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let jobs: [(&str, &str, Job); 3] = [
        ("cases", "intake", json::assess),
        ("courses", "log", json::review_course),
        ("medicare", "history", json::review_medicare),
    ];
    let mut outputs = Vec::new();
    for (dir, input, job) in jobs {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
        paths.sort();
        assert!(!paths.is_empty(), "no golden cases in tests/{dir}");
        for path in paths {
            let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let document = case[input].to_string();
            let output = job(&document).unwrap_or_else(|e| panic!("{name}: {e}"));
            outputs.push((name, serde_json::from_str(&output).unwrap()));
        }
    }
    outputs
}

/// The rule ids of an output's findings.
fn finding_rules(output: &Value) -> impl Iterator<Item = RuleId> + '_ {
    output["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().parse().unwrap())
}

#[test]
fn every_rule_fires_in_a_golden_case_or_is_listed_as_not_reached() {
    let fired: BTreeSet<RuleId> = golden_outputs().iter().flat_map(|(_, out)| finding_rules(out)).collect();
    let listed: BTreeSet<RuleId> = NOT_REACHED.iter().map(|(rule, _)| *rule).collect();
    assert_eq!(listed.len(), NOT_REACHED.len(), "NOT_REACHED lists a rule twice");
    let unreached: Vec<_> = RuleId::ALL.iter().filter(|r| !fired.contains(r) && !listed.contains(r)).collect();
    assert!(
        unreached.is_empty(),
        "{unreached:?} fire in no golden case: add a golden case, or list them in NOT_REACHED with the reason"
    );
    let reached: Vec<_> = listed.intersection(&fired).collect();
    assert!(reached.is_empty(), "{reached:?} now fire in a golden case: remove them from NOT_REACHED");
    for (rule, reason) in NOT_REACHED {
        assert!(!reason.trim().is_empty(), "{rule} is listed without a reason");
    }
}

#[test]
fn guideline_positions_take_their_status_from_their_rule_row() {
    // Findings are checked against their rows by the golden runner (tests/golden.rs,
    // `catalogue_problems`), on every golden case.
    for (name, output) in golden_outputs() {
        for position in output["guideline_positions"].as_array().into_iter().flatten() {
            let rule: RuleId = position["rule"].as_str().unwrap().parse().unwrap();
            assert_eq!(position["status"], rule.info().status.as_str(), "{name}: position of {rule}");
        }
    }
}
