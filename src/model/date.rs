//! Calendar dates as the contract spells them: `YYYY-MM-DD`, exactly.

use chrono::NaiveDate;

use crate::error::IntakeError;

/// Parses a `YYYY-MM-DD` date, naming `field` in the error.
///
/// # Errors
///
/// [`IntakeError::InvalidDate`] when `text` is not a calendar date in that form.
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate, IntakeError> {
    let invalid = || IntakeError::InvalidDate { field, value: text.to_owned() };
    // chrono accepts some non-canonical forms (signs, short fields); the contract is exact.
    if text.len() != 10 {
        return Err(invalid());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| invalid())
}
