//! The binary's flags: `--help` exits 0; a bad flag is a one-line error and exit 2.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_acupuncture-guidance-server");

#[test]
fn help_exits_zero_and_bad_flags_exit_two_with_one_line() {
    let help = Command::new(BIN).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8(help.stdout).unwrap().starts_with("usage: acupuncture-guidance-server"));
    for args in [
        &["--frobnicate"][..],
        &[],
        &["--no-auth", "--today", "tomorrow"],
        &["--no-auth", "--listen", "not-an-address"],
        &["--issuer", "https://ehr.test/=/no/such/file.json"],
        &["--issuer", concat!("https://ehr.test/=", env!("CARGO_MANIFEST_DIR"), "/tests/keys/jwks.json"), "--no-auth"],
    ] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("acupuncture-guidance-server: "), "{err}");
    }
}

/// The real binary on a loopback port: one JSON audit line per call, with the service, hook
/// instance, triage, card count, rule ids, duration and status, and no text from the record.
#[test]
fn the_binary_writes_one_audit_line_per_call_without_patient_text() {
    use std::io::{BufRead, BufReader, Read};
    use std::process::Stdio;

    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--no-auth", "--today", "2026-11-27"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut base = None;
    let mut warned = false;
    for _ in 0..5 {
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        warned |= line.contains("WARNING: --no-auth");
        if let Some(addr) = line.trim().strip_prefix("acupuncture-guidance-server: listening on ") {
            base = Some(addr.to_owned());
            break;
        }
    }
    let base = base.expect("the server says where it listens");
    assert!(warned, "--no-auth warns at start");

    let mut body: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/patient-view.json")).unwrap(),
    )
    .unwrap();
    body["prefetch"]["patient"]["name"] = serde_json::json!([{"family": "Zebedee-Secret", "given": ["Alice"]}]);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let statuses = runtime.block_on(async {
        let client = reqwest::Client::new();
        let a =
            client.post(format!("{base}/cds-services/acupuncture-lbp-patient-view")).json(&body).send().await.unwrap();
        let b = client.get(format!("{base}/cds-services")).send().await.unwrap();
        let c = client.post(format!("{base}/cds-services/unknown")).json(&body).send().await.unwrap();
        [a.status().as_u16(), b.status().as_u16(), c.status().as_u16()]
    });
    let _ = child.kill();
    let _ = child.wait();
    let mut out = String::new();
    child.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(!out.contains("Zebedee") && !out.contains("Alice"), "{out}");
    let call = &lines[0];
    assert_eq!(call["status"], statuses[0]);
    assert_eq!(call["service"], "acupuncture-lbp-patient-view");
    assert_eq!(call["hook_instance"], "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
    for field in ["triage", "cards", "rules", "duration_us"] {
        assert!(call.get(field).is_some(), "{field} in {call}");
    }
    assert_eq!(lines[1]["status"], 200);
    assert_eq!(lines[2]["status"], 404);
}
