//! [`Exact`]: an exact number in outputs, so that a score change never carries float noise.
//!
//! Scores are exact inside the crate ([`Score`], [`Delta`]); a mean of three PEG items is
//! `19/3`, which no `f64` holds. Outputs carry such values as an [`Exact`], written in JSON as a
//! **string**: the decimal when the value terminates (`"1"`, `"-0.5"`, `"6.25"`), otherwise the
//! reduced fraction (`"19/3"`, `"-1/3"`, `"100/7"`). The text for people rounds
//! ([`Exact::rounded`]); the JSON never does.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::score::{Delta, Score};

/// An exact rational number: a reduced fraction with a positive denominator.
///
/// ```
/// use acupuncture_guidance::model::exact::Exact;
/// use acupuncture_guidance::Score;
/// let peg = Exact::from_score(Score::mean(19, 3).unwrap_or(Score::ZERO));
/// assert_eq!(peg.to_string(), "19/3");
/// assert_eq!(peg.rounded(2), "6.33");
/// assert_eq!(Exact::from_score(Score::whole(7)).to_string(), "7");
/// assert_eq!("6.25".parse::<Exact>().map(|e| e.rounded(1)).ok().as_deref(), Some("6.3"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Exact {
    numer: i128,
    denom: i128,
}

/// Why a text is not an exact number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
#[error("{0:?} is not an exact number (a decimal such as \"-1.25\" or a fraction such as \"19/3\")")]
pub struct ExactError(pub String);

const fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Exact {
    /// Zero.
    pub const ZERO: Exact = Exact { numer: 0, denom: 1 };

    /// `numer / denom`, reduced; `None` for a zero denominator.
    #[must_use]
    pub const fn ratio(numer: i128, denom: i128) -> Option<Exact> {
        if denom == 0 {
            return None;
        }
        let g = gcd(numer, denom);
        let sign = if denom < 0 { -1 } else { 1 };
        Some(Exact { numer: sign * numer / g, denom: sign * denom / g })
    }

    /// The exact value of a score.
    #[must_use]
    pub const fn from_score(score: Score) -> Exact {
        let (n, d) = score.as_ratio();
        match Exact::ratio(n, d) {
            Some(e) => e,
            None => Exact::ZERO,
        }
    }

    /// The exact value of a difference of scores.
    #[must_use]
    pub const fn from_delta(delta: Delta) -> Exact {
        let (n, d) = delta.as_ratio();
        match Exact::ratio(n, d) {
            Some(e) => e,
            None => Exact::ZERO,
        }
    }

    /// `delta` as a percentage of `base`, exactly; `None` for a zero base.
    #[must_use]
    pub const fn percent_of(delta: Delta, base: Score) -> Option<Exact> {
        let (n, _) = delta.as_ratio();
        let (b, _) = base.as_ratio();
        Exact::ratio(n * 100, b)
    }

    /// The numerator (carries the sign).
    #[must_use]
    pub const fn numer(self) -> i128 {
        self.numer
    }

    /// The denominator (positive).
    #[must_use]
    pub const fn denom(self) -> i128 {
        self.denom
    }

    /// Whether the value is below zero.
    #[must_use]
    pub const fn is_negative(self) -> bool {
        self.numer < 0
    }

    /// The absolute value.
    #[must_use]
    pub const fn abs(self) -> Exact {
        Exact { numer: self.numer.abs(), denom: self.denom }
    }

    /// The value rounded for people to at most `places` decimals (half away from zero,
    /// trailing zeros dropped, never `-0`): `19/3` is `"6.3"` at one place, `"6.33"` at two.
    #[must_use]
    pub fn rounded(self, places: u32) -> String {
        let scale = 10_i128.pow(places.min(18));
        let magnitude = (2 * self.numer.abs() * scale + self.denom) / (2 * self.denom);
        let sign = if self.numer < 0 && magnitude != 0 { "-" } else { "" };
        let whole = magnitude / scale;
        let fraction = magnitude % scale;
        if fraction == 0 {
            return format!("{sign}{whole}");
        }
        let digits = format!("{fraction:0width$}", width = places as usize);
        format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
    }

    /// The value as `f64`, for charts only.
    #[must_use]
    #[expect(clippy::cast_precision_loss, reason = "for drawing only; the exact value stays in `self`")]
    pub fn to_f64(self) -> f64 {
        self.numer as f64 / self.denom as f64
    }

    /// The decimal places of the exact decimal, if the value terminates.
    fn decimal_places(self) -> Option<u32> {
        let mut d = self.denom;
        let (mut twos, mut fives) = (0u32, 0u32);
        while d % 2 == 0 {
            d /= 2;
            twos += 1;
        }
        while d % 5 == 0 {
            d /= 5;
            fives += 1;
        }
        (d == 1).then_some(twos.max(fives))
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> std::cmp::Ordering {
        (self.numer * other.denom).cmp(&(other.numer * self.denom))
    }
}

impl fmt::Display for Exact {
    /// The exact decimal when the value terminates, otherwise the reduced fraction `n/d`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decimal_places().filter(|p| *p <= 30) {
            Some(0) => write!(f, "{}", self.numer),
            Some(places) => {
                let scale = 10_i128.pow(places);
                let digits = self.numer.abs() * (scale / self.denom);
                let sign = if self.numer < 0 { "-" } else { "" };
                write!(f, "{sign}{}.{:0width$}", digits / scale, digits % scale, width = places as usize)
            }
            None => write!(f, "{}/{}", self.numer, self.denom),
        }
    }
}

impl std::str::FromStr for Exact {
    type Err = ExactError;

    /// Parses what [`Display`](fmt::Display) writes: `-1.25`, `7`, `19/3`.
    fn from_str(s: &str) -> Result<Exact, ExactError> {
        let bad = || ExactError(s.to_owned());
        let int = |t: &str| -> Result<i128, ExactError> {
            let digits = t.strip_prefix('-').unwrap_or(t);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse().map_err(|_| bad())
        };
        if let Some((n, d)) = s.split_once('/') {
            return Exact::ratio(int(n)?, int(d)?).filter(|_| !d.starts_with('-')).ok_or_else(bad);
        }
        let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
        if s.contains('.') && (fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let places = u32::try_from(fraction.len()).ok().filter(|p| *p <= 30).ok_or_else(bad)?;
        let scale = 10_i128.pow(places);
        let digits = whole.strip_prefix('-').unwrap_or(whole);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let magnitude = int(digits)?
            .checked_mul(scale)
            .and_then(|w| w.checked_add(if fraction.is_empty() { 0 } else { fraction.parse().unwrap_or(0) }))
            .ok_or_else(bad)?;
        let numer = if whole.starts_with('-') { -magnitude } else { magnitude };
        Exact::ratio(numer, scale).ok_or_else(bad)
    }
}

impl Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Exact {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Exact, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Exact {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Exact")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^-?[0-9]+(\\.[0-9]+|/[0-9]+)?$",
            "description": "An exact number, never rounded: the decimal when it terminates (\"1\", \"-0.5\"), otherwise the reduced fraction (\"19/3\"). Text for people rounds; this does not."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(text: &str) -> Exact {
        text.parse().unwrap()
    }

    #[test]
    fn terminating_values_print_as_decimals_and_others_as_fractions() {
        assert_eq!(Exact::ratio(19, 3).unwrap().to_string(), "19/3");
        assert_eq!(Exact::ratio(-2, 6).unwrap().to_string(), "-1/3");
        assert_eq!(Exact::ratio(5, 4).unwrap().to_string(), "1.25");
        assert_eq!(Exact::ratio(-1, 2).unwrap().to_string(), "-0.5");
        assert_eq!(Exact::ratio(1, 20).unwrap().to_string(), "0.05");
        assert_eq!(Exact::ratio(0, 7).unwrap().to_string(), "0");
        assert_eq!(Exact::ratio(1, 0), None);
    }

    #[test]
    fn display_round_trips() {
        for text in ["0", "7", "-7", "19/3", "-1/3", "1.25", "-0.05", "100/7", "0.333"] {
            assert_eq!(e(text).to_string(), text);
        }
        for bad in ["", "-", "1.", ".5", "1/0", "1/-3", "a", "1e3", "--1"] {
            assert!(bad.parse::<Exact>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn rounding_is_for_people_half_away_from_zero() {
        assert_eq!(e("19/3").rounded(1), "6.3");
        assert_eq!(e("19/3").rounded(2), "6.33");
        assert_eq!(e("23/3").rounded(2), "7.67");
        assert_eq!(e("2/3").rounded(1), "0.7");
        assert_eq!(e("0.25").rounded(1), "0.3");
        assert_eq!(e("-0.25").rounded(1), "-0.3");
        assert_eq!(e("-0.01").rounded(1), "0");
        assert_eq!(e("100/7").rounded(0), "14");
        assert_eq!(e("6.5").rounded(0), "7");
        assert_eq!(e("7").rounded(2), "7");
    }

    #[test]
    fn scores_and_deltas_are_exact() {
        let a = Score::mean(19, 3).unwrap();
        let b = Score::mean(16, 3).unwrap();
        assert_eq!(Exact::from_delta(a.minus(b)), e("1"));
        assert_eq!(Exact::from_score(a), e("19/3"));
        assert_eq!(Exact::percent_of(Delta::points(1), Score::whole(7)), Some(e("100/7")));
        assert_eq!(Exact::percent_of(Delta::points(1), Score::ZERO), None);
        assert!(e("1/3") < e("0.34") && e("-1") < e("0"));
    }
}
