//! The one place the service reads the clock: once per call, for the JWT's `exp`/`iat` and,
//! unless `--today` fixes it, the assessment date (the server's UTC date).

use chrono::NaiveDate;

/// The time of one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    /// Seconds since the Unix epoch.
    pub unix_seconds: i64,
    /// The UTC date.
    pub date: NaiveDate,
}

/// Reads the system clock.
#[must_use]
#[expect(clippy::disallowed_methods, reason = "the service's one clock read (DESIGN: dates are inputs to the library)")]
pub fn now() -> Now {
    let unix_seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    let date = chrono::DateTime::from_timestamp(unix_seconds, 0).map_or(NaiveDate::MIN, |t| t.date_naive());
    Now { unix_seconds, date }
}
