//! The command line: flags in, a checked configuration out (or a one-line error, exit 2).

use std::net::SocketAddr;

use acupuncture_guidance::NaiveDate;

use crate::auth::{Issuers, KeySet};
use crate::mapping::Tables;

/// The usage text (`--help`).
pub const USAGE: &str = "\
usage: acupuncture-guidance-server [--listen ADDR] [--base-url URL] [--issuer ISS=JWKS_FILE]...
                                   [--cors-origin ORIGIN]... [--today YYYY-MM-DD]
                                   [--anticoagulant-codes FILE] [--no-auth]

  --listen ADDR              address to listen on (default 127.0.0.1:8080)
  --base-url URL             the service's public base URL, which a JWT's aud must match
                             (aud = URL + /cds-services[/{id}[/feedback]]); default http://ADDR
  --issuer ISS=JWKS_FILE     trust JWTs whose iss is ISS, signed by a key of the JWK Set in
                             JWKS_FILE (asymmetric keys only); repeatable
  --cors-origin ORIGIN       allow browser calls from ORIGIN (e.g. https://ehr.example.org);
                             repeatable; none by default
  --today YYYY-MM-DD         fix the assessment date (tests, demos); default the UTC date
  --anticoagulant-codes FILE the deployment's anticoagulant code table (JSON); without it no
                             medication counts as an anticoagulant (the answer stays unknown)
  --no-auth                  accept calls without a JWT: local development only
  -h, --help                 this text
";

/// Whether calls must carry a JWT.
#[derive(Debug)]
pub enum Auth {
    /// Every call carries a JWT from one of these issuers.
    Required(Issuers),
    /// `--no-auth`: local development only.
    Disabled,
}

/// The service's configuration.
#[derive(Debug)]
pub struct Config {
    /// Where to listen.
    pub listen: SocketAddr,
    /// The public base URL (no trailing slash); `None`: `http://` and the bound address.
    pub base_url: Option<String>,
    /// JWT checking.
    pub auth: Auth,
    /// Allowed CORS origins.
    pub cors_origins: Vec<String>,
    /// A fixed assessment date.
    pub today: Option<NaiveDate>,
    /// The deployment's code tables.
    pub tables: Tables,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Print the usage.
    Help,
    /// Serve.
    Serve(Config),
}

fn value(flag: &str, next: Option<String>) -> Result<String, String> {
    next.ok_or_else(|| format!("{flag} needs a value"))
}

fn read(flag: &str, path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{flag} {path}: {e}"))
}

/// An origin: `scheme://host[:port]`, nothing after.
fn origin(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|e| format!("--cors-origin {text:?}: {e}"))?;
    let ok = matches!(url.scheme(), "http" | "https")
        && url.host().is_some()
        && url.path() == "/"
        && !text.ends_with('/')
        && url.query().is_none()
        && url.username().is_empty();
    if !ok {
        return Err(format!("--cors-origin {text:?}: an origin is scheme://host[:port], nothing after"));
    }
    Ok(text.to_owned())
}

/// Parses the arguments (without the program name) and loads the files they name.
///
/// # Errors
///
/// A one-line message for an unknown flag, a missing or bad value, a file that does not read
/// or a key set that cannot be trusted, `--no-auth` with `--issuer`, or neither.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut listen: SocketAddr = SocketAddr::from(([127, 0, 0, 1], 8080));
    let (mut base_url, mut today, mut tables, mut no_auth) = (None, None, Tables::default(), false);
    let (mut issuers, mut cors_origins) = (Issuers::new(), Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--listen" => {
                let text = value(&arg, args.next())?;
                listen =
                    text.parse().map_err(|_| format!("--listen {text:?}: not an address such as 127.0.0.1:8080"))?;
            }
            "--base-url" => {
                let text = value(&arg, args.next())?;
                let url = url::Url::parse(&text).map_err(|e| format!("--base-url {text:?}: {e}"))?;
                if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
                    return Err(format!("--base-url {text:?}: an http(s) URL without a query"));
                }
                base_url = Some(text.trim_end_matches('/').to_owned());
            }
            "--issuer" => {
                let text = value(&arg, args.next())?;
                let (iss, file) =
                    text.split_once('=').ok_or_else(|| format!("--issuer {text:?}: expected ISS=JWKS_FILE"))?;
                if iss.is_empty() {
                    return Err(format!("--issuer {text:?}: the issuer is empty"));
                }
                let keys = KeySet::from_json(&read("--issuer", file)?).map_err(|e| format!("--issuer {file}: {e}"))?;
                issuers.trust(iss, keys);
            }
            "--cors-origin" => cors_origins.push(origin(&value(&arg, args.next())?)?),
            "--today" => {
                let text = value(&arg, args.next())?;
                today = Some(
                    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                        .map_err(|_| format!("--today {text:?}: not a date YYYY-MM-DD"))?,
                );
            }
            "--anticoagulant-codes" => {
                let file = value(&arg, args.next())?;
                tables =
                    Tables::from_json(&read(&arg, &file)?).map_err(|e| format!("--anticoagulant-codes {file}: {e}"))?;
            }
            "--no-auth" => no_auth = true,
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    let auth = match (no_auth, issuers.is_empty()) {
        (true, true) => Auth::Disabled,
        (true, false) => return Err("--no-auth and --issuer exclude each other".to_owned()),
        (false, false) => Auth::Required(issuers),
        (false, true) => {
            return Err("no --issuer given: name the EHRs to trust, or --no-auth for local development".to_owned());
        }
    };
    Ok(Command::Serve(Config { listen, base_url, auth, cors_origins, today, tables }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn flags_parse_and_bad_ones_say_why_in_one_line() {
        let Ok(Command::Serve(config)) = parse(args(&[
            "--listen",
            "127.0.0.1:0",
            "--no-auth",
            "--today",
            "2026-11-27",
            "--cors-origin",
            "https://ehr.example.org",
        ])) else {
            panic!("parses");
        };
        assert_eq!(config.today, NaiveDate::from_ymd_opt(2026, 11, 27));
        assert_eq!(config.cors_origins, ["https://ehr.example.org"]);
        assert!(matches!(parse(args(&["--help"])), Ok(Command::Help)));
        for bad in [
            &["--listen", "nowhere", "--no-auth"][..],
            &["--today", "27/11/2026", "--no-auth"],
            &["--frobnicate"],
            &[],
            &["--no-auth", "--cors-origin", "https://ehr.example.org/path"],
            &["--issuer", "https://ehr=/nonexistent.json"],
            &["--no-auth", "--listen"],
        ] {
            let err = parse(args(bad)).unwrap_err();
            assert!(!err.contains('\n'), "{err}");
        }
    }
}
