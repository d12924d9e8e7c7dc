//! Test-key JWTs for the load script, and the cost of checking one.
//!
//! ```text
//! cargo run --release -p acupuncture-guidance-server --example jwt_tokens -- AUD COUNT   # COUNT ES256 tokens for AUD, one a line
//! cargo run --release -p acupuncture-guidance-server --example jwt_tokens -- --verify-cost
//! ```
//!
//! Signed with the committed test keys (`tests/keys/`, issuer `https://ehr.test/`): they
//! protect nothing and are for loopback measurements only.

use std::process::ExitCode;
use std::time::Instant;

use acupuncture_guidance_server::auth::{Issuers, KeySet, ReplayCache, verify};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

const ISS: &str = "https://ehr.test/";
const USAGE: &str = "usage: jwt_tokens AUD COUNT | --verify-cost";

fn key(name: &str) -> Result<String, String> {
    let path = format!("{}/tests/keys/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))
}

#[allow(clippy::disallowed_methods, reason = "tokens are signed for the real time the server reads")]
fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

fn sign(alg: Algorithm, kid: &str, pem: &str, aud: &str, jti: &str) -> Result<String, String> {
    let key = match alg {
        Algorithm::RS384 => EncodingKey::from_rsa_pem(pem.as_bytes()),
        _ => EncodingKey::from_ec_pem(pem.as_bytes()),
    }
    .map_err(|e| e.to_string())?;
    let mut header = Header::new(alg);
    header.kid = Some(kid.to_owned());
    let claims = json!({"iss": ISS, "aud": aud, "iat": now(), "exp": now() + 600, "jti": jti});
    jsonwebtoken::encode(&header, &claims, &key).map_err(|e| e.to_string())
}

fn tokens(aud: &str, count: &str) -> Result<(), String> {
    let count: usize = count.parse().map_err(|_| format!("COUNT {count:?} is not a number"))?;
    let pem = key("es256.pem")?;
    let mut out = String::new();
    for i in 0..count {
        out.push_str(&sign(Algorithm::ES256, "test-es256", &pem, aud, &format!("load-{}-{i}", now()))?);
        out.push('\n');
    }
    print!("{out}");
    Ok(())
}

fn verify_cost() -> Result<(), String> {
    let mut issuers = Issuers::new();
    issuers.trust(ISS, KeySet::from_json(&key("jwks.json")?).map_err(|e| e.to_string())?);
    let aud = "http://127.0.0.1:8080/cds-services/acupuncture-lbp-patient-view";
    let n = 500;
    for (alg, kid, file) in [
        (Algorithm::ES256, "test-es256", "es256.pem"),
        (Algorithm::ES384, "test-es384", "es384.pem"),
        (Algorithm::RS384, "test-rs384", "rs384.pem"),
    ] {
        let pem = key(file)?;
        let list: Vec<String> =
            (0..n).map(|i| sign(alg, kid, &pem, aud, &format!("cost-{i}"))).collect::<Result<_, _>>()?;
        let seen = ReplayCache::new();
        let started = Instant::now();
        for token in &list {
            verify(token, &issuers, aud, now(), &seen).map_err(|e| format!("{alg:?}: {e}"))?;
        }
        let each = started.elapsed().as_secs_f64() * 1e6 / f64::from(n);
        println!("{alg:?}: {each:.0} us per verification ({n} tokens, one core)");
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["--verify-cost"] => verify_cost(),
        ["-h" | "--help"] => {
            println!("{USAGE}");
            Ok(())
        }
        [aud, count] => tokens(aud, count),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jwt_tokens: {e}");
            ExitCode::from(2)
        }
    }
}
