//! The EHR's JWT, checked as CDS Hooks "Trusting CDS Clients" requires.
//!
//! [`verify`] is pure: given the trusted issuers and their key sets, the URL called, the time
//! and the set of `jti`s already seen, it accepts or refuses a token, reading no clock and
//! changing nothing. The service then records the `jti` with [`ReplayCache::insert`], under
//! the same lock as a last [`ReplayCache::contains`], so that two copies of one token racing
//! each other cannot both pass.
//!
//! What is checked (CDS Hooks 2.0.1, "Trusting CDS Clients"; `reference/CDS_HOOKS.md` §7):
//! the algorithm is asymmetric (ES256, ES384, RS256/384/512, PS256/384/512, EdDSA; never
//! `none` and never HMAC, which `jsonwebtoken` cannot even parse as `none`); `typ`, when
//! present, is `JWT`; `iss` is on the allowlist; `kid` names a key of that issuer's JWK Set
//! whose own `alg`, when it has one, is the header's; the signature verifies; `aud` (a string
//! or an array) contains the exact URL called; `exp` has not passed and `iat` is not in the
//! future (each with [`LEEWAY_SECONDS`]); `exp` is at most [`MAX_LIFETIME_SECONDS`] ahead
//! (so a replay-cache entry never outlives that window); `jti` is present and not seen before.

use std::collections::{BTreeMap, BTreeSet};

use base64::Engine as _;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

/// Clock skew allowed on `exp` and `iat`, in seconds.
pub const LEEWAY_SECONDS: i64 = 60;

/// How far ahead of now a token's `exp` may be, in seconds: the spec's examples use a few
/// minutes; an hour bounds how long the replay cache must remember a `jti`.
pub const MAX_LIFETIME_SECONDS: i64 = 3600;

/// The most `jti`s the replay cache holds at once (about 100 bytes each).
pub const REPLAY_CAPACITY: usize = 200_000;

/// Why a token was refused. The service logs the reason and answers every one of them with
/// the same 401, so that a caller never learns which check passed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// No `Authorization: Bearer` header.
    #[error("no bearer token")]
    Missing,
    /// Not a compact JWS, or its header or payload does not parse (this includes `alg: none`).
    #[error("malformed token")]
    Malformed,
    /// A symmetric (HMAC) algorithm.
    #[error("symmetric algorithm {0:?} refused")]
    Symmetric(Algorithm),
    /// `typ` is present and not `JWT`.
    #[error("typ is not JWT")]
    Type,
    /// `iss` is not on the allowlist.
    #[error("issuer not trusted")]
    UnknownIssuer,
    /// No `kid`, or no key of the issuer has it, or the key's own `alg` differs.
    #[error("no matching key")]
    UnknownKey,
    /// The signature does not verify with the key, or the claims do not parse.
    #[error("signature or claims invalid")]
    Signature,
    /// `aud` does not contain the URL called.
    #[error("audience mismatch")]
    Audience,
    /// `exp` has passed.
    #[error("expired")]
    Expired,
    /// `iat` is in the future.
    #[error("issued in the future")]
    NotYetValid,
    /// `exp` is further ahead than [`MAX_LIFETIME_SECONDS`].
    #[error("lifetime too long")]
    Lifetime,
    /// `jti` was seen before.
    #[error("jti replayed")]
    Replayed,
    /// The replay cache is full of unexpired `jti`s.
    #[error("replay cache full")]
    CacheFull,
}

impl AuthError {
    /// A short machine-readable reason for the audit line.
    #[must_use]
    pub const fn code(&self) -> &'static str {
        match self {
            AuthError::Missing => "missing",
            AuthError::Malformed => "malformed",
            AuthError::Symmetric(_) => "symmetric_alg",
            AuthError::Type => "typ",
            AuthError::UnknownIssuer => "unknown_iss",
            AuthError::UnknownKey => "unknown_kid",
            AuthError::Signature => "signature",
            AuthError::Audience => "aud",
            AuthError::Expired => "expired",
            AuthError::NotYetValid => "iat_future",
            AuthError::Lifetime => "lifetime",
            AuthError::Replayed => "replayed",
            AuthError::CacheFull => "replay_cache_full",
        }
    }
}

/// A key-set file that cannot be trusted as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeySetError {
    /// The JWK Set does not parse.
    #[error("not a JWK Set: {0}")]
    Parse(String),
    /// A key has no `kid` (the header's `kid` picks the key).
    #[error("key {index} has no kid")]
    NoKid {
        /// Its position in `keys`.
        index: usize,
    },
    /// Two keys share a `kid`.
    #[error("kid {kid:?} appears twice")]
    DuplicateKid {
        /// The kid.
        kid: String,
    },
    /// A symmetric (`oct`) key: CDS Hooks forbids shared secrets.
    #[error("key {kid:?} is symmetric (kty oct); only asymmetric keys are accepted")]
    Symmetric {
        /// The kid.
        kid: String,
    },
    /// A key declares a symmetric or unsupported `alg`.
    #[error("key {kid:?} declares an algorithm that is not accepted")]
    Algorithm {
        /// The kid.
        kid: String,
    },
    /// The key material does not load.
    #[error("key {kid:?} does not load: {reason}")]
    Key {
        /// The kid.
        kid: String,
        /// Why.
        reason: String,
    },
    /// The set has no keys.
    #[error("the JWK Set has no keys")]
    Empty,
}

/// One trusted public key.
struct TrustedKey {
    alg: Option<Algorithm>,
    key: DecodingKey,
}

/// One issuer's JWK Set, loaded and checked: asymmetric keys only, each with a unique `kid`.
pub struct KeySet {
    keys: BTreeMap<String, TrustedKey>,
}

impl std::fmt::Debug for KeySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeySet").field("kids", &self.keys.keys().collect::<Vec<_>>()).finish()
    }
}

fn asymmetric(alg: Algorithm) -> bool {
    !matches!(alg, Algorithm::HS256 | Algorithm::HS384 | Algorithm::HS512)
}

impl KeySet {
    /// Reads a JWK Set document (`{"keys": [...]}`).
    ///
    /// # Errors
    ///
    /// [`KeySetError`] for a document that is not a JWK Set, a key without a `kid` or with a
    /// repeated one, a symmetric key or algorithm, or key material that does not load.
    pub fn from_json(text: &str) -> Result<KeySet, KeySetError> {
        let set: JwkSet = serde_json::from_str(text).map_err(|e| KeySetError::Parse(e.to_string()))?;
        if set.keys.is_empty() {
            return Err(KeySetError::Empty);
        }
        let mut keys = BTreeMap::new();
        for (index, jwk) in set.keys.iter().enumerate() {
            let kid = jwk.common.key_id.clone().ok_or(KeySetError::NoKid { index })?;
            if matches!(jwk.algorithm, AlgorithmParameters::OctetKey(_)) {
                return Err(KeySetError::Symmetric { kid });
            }
            let alg = match jwk.common.key_algorithm {
                None => None,
                Some(declared) => {
                    let alg = declared.to_string().parse::<Algorithm>().ok().filter(|a| asymmetric(*a));
                    Some(alg.ok_or_else(|| KeySetError::Algorithm { kid: kid.clone() })?)
                }
            };
            let key =
                DecodingKey::from_jwk(jwk).map_err(|e| KeySetError::Key { kid: kid.clone(), reason: e.to_string() })?;
            if keys.insert(kid.clone(), TrustedKey { alg, key }).is_some() {
                return Err(KeySetError::DuplicateKid { kid });
            }
        }
        Ok(KeySet { keys })
    }
}

/// The trusted issuers: `iss` → its key set.
#[derive(Debug, Default)]
pub struct Issuers(BTreeMap<String, KeySet>);

impl Issuers {
    /// No issuer trusted yet.
    #[must_use]
    pub fn new() -> Issuers {
        Issuers(BTreeMap::new())
    }

    /// Trusts `iss` with its key set (replacing an earlier set for the same `iss`).
    pub fn trust(&mut self, iss: impl Into<String>, keys: KeySet) {
        self.0.insert(iss.into(), keys);
    }

    /// Whether no issuer is trusted.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The trusted `iss` values.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }
}

/// The `jti`s seen, each kept until its token's `exp` (plus the leeway) has passed.
#[derive(Debug, Default)]
pub struct ReplayCache {
    by_jti: BTreeMap<String, i64>,
    by_expiry: BTreeSet<(i64, String)>,
}

impl ReplayCache {
    /// An empty cache.
    #[must_use]
    pub fn new() -> ReplayCache {
        ReplayCache::default()
    }

    /// Whether `jti` was seen (and has not been pruned).
    #[must_use]
    pub fn contains(&self, jti: &str) -> bool {
        self.by_jti.contains_key(jti)
    }

    /// How many `jti`s are held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.by_jti.len()
    }

    /// Whether it holds none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.by_jti.is_empty()
    }

    /// Forgets every `jti` whose token expired (with the leeway) before `now`: such a token
    /// would be refused as expired anyway.
    pub fn prune(&mut self, now: i64) {
        while let Some(first) = self.by_expiry.first() {
            if first.0 + LEEWAY_SECONDS >= now {
                break;
            }
            if let Some((_, jti)) = self.by_expiry.pop_first() {
                self.by_jti.remove(&jti);
            }
        }
    }

    /// Records an accepted token's `jti` until its `exp`.
    ///
    /// # Errors
    ///
    /// [`AuthError::Replayed`] when it is already there (a token racing its copy);
    /// [`AuthError::CacheFull`] when [`REPLAY_CAPACITY`] unexpired `jti`s are held.
    pub fn insert(&mut self, accepted: &Accepted, now: i64) -> Result<(), AuthError> {
        self.prune(now);
        if self.contains(&accepted.jti) {
            return Err(AuthError::Replayed);
        }
        if self.by_jti.len() >= REPLAY_CAPACITY {
            return Err(AuthError::CacheFull);
        }
        self.by_jti.insert(accepted.jti.clone(), accepted.exp);
        self.by_expiry.insert((accepted.exp, accepted.jti.clone()));
        Ok(())
    }
}

/// What an accepted token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    /// The issuer.
    pub iss: String,
    /// The nonce.
    pub jti: String,
    /// The expiry, in seconds since the epoch.
    pub exp: i64,
    /// The tenant, when given.
    pub tenant: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    aud: Audience,
    exp: i64,
    iat: i64,
    jti: String,
    #[serde(default)]
    tenant: Option<String>,
}

#[derive(Deserialize)]
struct IssuerOnly {
    iss: String,
}

/// The `iss` claim, read before the signature is checked, to pick the issuer's key set.
fn unverified_issuer(token: &str) -> Result<String, AuthError> {
    let payload = token.split('.').nth(1).ok_or(AuthError::Malformed)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).map_err(|_| AuthError::Malformed)?;
    serde_json::from_slice::<IssuerOnly>(&bytes).map(|c| c.iss).map_err(|_| AuthError::Malformed)
}

/// Checks a bearer token. Pure: `now` is seconds since the epoch, `url` the exact URL called
/// (the base URL and the path), `seen` the `jti`s already accepted.
///
/// # Errors
///
/// The first check that fails, as an [`AuthError`] (for the log; the caller answers them all
/// alike).
pub fn verify(token: &str, issuers: &Issuers, url: &str, now: i64, seen: &ReplayCache) -> Result<Accepted, AuthError> {
    if token.split('.').count() != 3 {
        return Err(AuthError::Malformed);
    }
    let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::Malformed)?;
    if !asymmetric(header.alg) {
        return Err(AuthError::Symmetric(header.alg));
    }
    if header.typ.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case("JWT")) {
        return Err(AuthError::Type);
    }
    let iss = unverified_issuer(token)?;
    let keys = issuers.0.get(&iss).ok_or(AuthError::UnknownIssuer)?;
    let trusted = header.kid.as_deref().and_then(|kid| keys.keys.get(kid)).ok_or(AuthError::UnknownKey)?;
    if trusted.alg.is_some_and(|alg| alg != header.alg) {
        return Err(AuthError::UnknownKey);
    }
    let mut validation = Validation::new(header.alg);
    // The time and audience checks are done below, against the injected time and URL.
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    validation.leeway = 0;
    let claims =
        jsonwebtoken::decode::<Claims>(token, &trusted.key, &validation).map_err(|_| AuthError::Signature)?.claims;
    if claims.iss != iss {
        return Err(AuthError::Signature);
    }
    let audience_ok = match &claims.aud {
        Audience::One(aud) => aud == url,
        Audience::Many(list) => list.iter().any(|aud| aud == url),
    };
    if !audience_ok {
        return Err(AuthError::Audience);
    }
    if now > claims.exp.saturating_add(LEEWAY_SECONDS) {
        return Err(AuthError::Expired);
    }
    if claims.iat > now.saturating_add(LEEWAY_SECONDS) {
        return Err(AuthError::NotYetValid);
    }
    if claims.exp > now.saturating_add(MAX_LIFETIME_SECONDS) {
        return Err(AuthError::Lifetime);
    }
    if claims.jti.is_empty() || seen.contains(&claims.jti) {
        return Err(AuthError::Replayed);
    }
    Ok(Accepted { iss, jti: claims.jti, exp: claims.exp, tenant: claims.tenant })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of CDS Hooks 2.0.1, "Trusting CDS Clients" (`HL7/cds-hooks`,
    /// `input/pagecontent/index.md`): its JWK Set and complete token.
    const SPEC_JWKS: &str = r#"{"keys": [{"kty": "EC", "use": "sig", "crv": "P-384", "kid": "example-kid",
        "x": "46SDH7Znh821wblCBglA61sNE9ZrHYKKt3qRtRTmSXyOI_FIGBLWrWa0GPUkDCEk",
        "y": "XMcRuuoGW7CXjQdy-F5i3FeBE0x9hPLdeFdSoDd3ELmx404tLX0VRRcqzAsPhXcI", "alg": "ES384"}]}"#;
    const SPEC_TOKEN: &str = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCIsImtpZCI6ImV4YW1wbGUta2lkIiwiamt1IjoiaHR0cHM6Ly9maGlyLWVoci5leGFtcGxlLmNvbS9qd2tfdXJpIn0.eyJpc3MiOiJodHRwczovL2ZoaXItZWhyLmV4YW1wbGUuY29tLyIsImF1ZCI6Imh0dHBzOi8vY2RzLmV4YW1wbGUub3JnL2Nkcy1zZXJ2aWNlcy9zb21lLXNlcnZpY2UiLCJleHAiOjE0MjI1Njg4NjAsImlhdCI6MTMxMTI4MDk3MCwianRpIjoiZWUyMmIwMjEtZTFiNy00NjExLWJhNWItOGVlYzZhMzNhYzFlIiwidGVuYW50IjoiMmRkZDZjM2EtOGU5YS00NGM2LWEzMDUtNTIxMTFhZDMwMmEyIn0.d1WfLjGRKlcWB94l9do4cM8REXeYJLL6SGUBO8VHZhfM8mwKYP70EMxJ67War4TQblEpaQrp11wx5p7oPFm2ETYgCicS84vXWEIYTdjooZdooCSDf2L8-i4awdoUwiEb";
    const ISS: &str = "https://fhir-ehr.example.com/";
    const AUD: &str = "https://cds.example.org/cds-services/some-service";
    /// A minute before the example's `exp` (1422568860).
    const NOW: i64 = 1_422_568_800;

    fn issuers() -> Issuers {
        let mut issuers = Issuers::new();
        issuers.trust(ISS, KeySet::from_json(SPEC_JWKS).unwrap());
        issuers
    }

    #[test]
    fn the_specification_example_token_is_accepted_at_its_time() {
        let accepted = verify(SPEC_TOKEN, &issuers(), AUD, NOW, &ReplayCache::new()).unwrap();
        assert_eq!(accepted.jti, "ee22b021-e1b7-4611-ba5b-8eec6a33ac1e");
        assert_eq!(accepted.tenant.as_deref(), Some("2ddd6c3a-8e9a-44c6-a305-52111ad302a2"));
        assert_eq!(accepted.exp, 1_422_568_860);
    }

    #[test]
    fn the_example_is_refused_when_any_check_fails() {
        let seen = ReplayCache::new();
        assert_eq!(verify(SPEC_TOKEN, &issuers(), AUD, 1_700_000_000, &seen), Err(AuthError::Expired));
        assert_eq!(
            verify(SPEC_TOKEN, &issuers(), AUD, 1_422_568_860 + LEEWAY_SECONDS + 1, &seen),
            Err(AuthError::Expired)
        );
        assert!(verify(SPEC_TOKEN, &issuers(), AUD, 1_422_568_860 + LEEWAY_SECONDS, &seen).is_ok(), "leeway");
        assert_eq!(
            verify(SPEC_TOKEN, &issuers(), "https://cds.example.org/cds-services/other", NOW, &seen),
            Err(AuthError::Audience)
        );
        assert_eq!(verify(SPEC_TOKEN, &Issuers::new(), AUD, NOW, &seen), Err(AuthError::UnknownIssuer));
        // Long before exp: the token's lifetime is years, beyond the replay window.
        assert_eq!(verify(SPEC_TOKEN, &issuers(), AUD, 1_311_280_970, &seen), Err(AuthError::Lifetime));
        // iat in the future.
        assert_eq!(verify(SPEC_TOKEN, &issuers(), AUD, 1_311_280_970 - 3600, &seen), Err(AuthError::NotYetValid));
    }

    #[test]
    fn a_seen_jti_is_replayed_and_the_cache_prunes_by_expiry() {
        let mut seen = ReplayCache::new();
        let accepted = verify(SPEC_TOKEN, &issuers(), AUD, NOW, &seen).unwrap();
        seen.insert(&accepted, NOW).unwrap();
        assert_eq!(verify(SPEC_TOKEN, &issuers(), AUD, NOW, &seen), Err(AuthError::Replayed));
        assert_eq!(seen.insert(&accepted, NOW), Err(AuthError::Replayed));
        seen.prune(accepted.exp + LEEWAY_SECONDS);
        assert_eq!(seen.len(), 1, "kept while the token could still be accepted");
        seen.prune(accepted.exp + LEEWAY_SECONDS + 1);
        assert!(seen.is_empty());
    }

    #[test]
    fn a_tampered_token_or_key_is_refused() {
        let seen = ReplayCache::new();
        // The payload with another jti, the original signature.
        let mut parts: Vec<&str> = SPEC_TOKEN.split('.').collect();
        let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
            br#"{"iss":"https://fhir-ehr.example.com/","aud":"https://cds.example.org/cds-services/some-service","exp":1422568860,"iat":1311280970,"jti":"other"}"#,
        );
        parts[1] = &payload;
        assert_eq!(verify(&parts.join("."), &issuers(), AUD, NOW, &seen), Err(AuthError::Signature));
        // Another kid.
        let jwks = SPEC_JWKS.replace("example-kid", "rotated-kid");
        let mut other = Issuers::new();
        other.trust(ISS, KeySet::from_json(&jwks).unwrap());
        assert_eq!(verify(SPEC_TOKEN, &other, AUD, NOW, &seen), Err(AuthError::UnknownKey));
        // A key declared for another algorithm.
        let jwks = SPEC_JWKS.replace(r#""alg": "ES384""#, r#""alg": "ES256""#);
        let mut other = Issuers::new();
        other.trust(ISS, KeySet::from_json(&jwks).unwrap());
        assert_eq!(verify(SPEC_TOKEN, &other, AUD, NOW, &seen), Err(AuthError::UnknownKey));
    }

    #[test]
    fn none_and_hmac_are_refused_before_any_key_is_looked_up() {
        let seen = ReplayCache::new();
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let payload = SPEC_TOKEN.split('.').nth(1).unwrap();
        let none = format!("{}.{payload}.", b64(r#"{"alg":"none","typ":"JWT","kid":"example-kid"}"#));
        assert_eq!(verify(&none, &issuers(), AUD, NOW, &seen), Err(AuthError::Malformed));
        let hs = format!("{}.{payload}.c2ln", b64(r#"{"alg":"HS256","typ":"JWT","kid":"example-kid"}"#));
        assert_eq!(verify(&hs, &issuers(), AUD, NOW, &seen), Err(AuthError::Symmetric(Algorithm::HS256)));
        assert_eq!(verify("not a token", &issuers(), AUD, NOW, &seen), Err(AuthError::Malformed));
    }

    #[test]
    fn key_sets_refuse_symmetric_keys_and_missing_kids() {
        assert!(matches!(
            KeySet::from_json(r#"{"keys":[{"kty":"oct","kid":"s","k":"c2VjcmV0"}]}"#),
            Err(KeySetError::Symmetric { .. })
        ));
        let no_kid = SPEC_JWKS.replace(r#""kid": "example-kid","#, "");
        assert_eq!(KeySet::from_json(&no_kid).unwrap_err(), KeySetError::NoKid { index: 0 });
        assert_eq!(KeySet::from_json(r#"{"keys":[]}"#).unwrap_err(), KeySetError::Empty);
        let hs = SPEC_JWKS.replace(r#""alg": "ES384""#, r#""alg": "HS256""#);
        assert!(matches!(KeySet::from_json(&hs), Err(KeySetError::Algorithm { .. })));
    }
}
