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
