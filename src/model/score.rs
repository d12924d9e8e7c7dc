//! [`Score`]: an exact questionnaire score, so that threshold tests never suffer floating-point
//! near-misses (reference §9 `OUT-01`: "a value exactly at a threshold counts").

use std::fmt;

use serde::{Deserialize, Serialize};

/// Decimal places a score given as a decimal number may have.
pub const MAX_DECIMALS: u32 = 18;

/// `10^MAX_DECIMALS`.
const POW10: i128 = 1_000_000_000_000_000_000;

/// The unit: every score is a whole number of `1 / (180 × 10^18)`. 180 is divisible by every
/// denominator a mean of the crate's instruments can have (PEG: 3; PSFS: 1 to 5; Oswestry with
/// one missing section: 45/100 = 9/20), and `10^18` holds any decimal JSON number given, so all
/// of them are exact.
const UNIT: i128 = 180 * POW10;

/// An exact, non-negative score on one of the crate's scales (at most 100).
///
/// Built from whole numbers, from decimals as given (never rounded), or as the exact mean of
/// item scores. Compare and subtract exactly; convert to `f64` only for display.
///
/// ```
/// use acupuncture_guidance::Score;
/// let baseline: Score = "8.2".parse()?;
/// let latest: Score = "6.2".parse()?;
/// // In f64, 8.2 - 6.2 = 1.9999999999999991; here it is exactly 2.
/// assert_eq!(baseline.minus(latest), Score::whole(2).minus(Score::whole(0)));
/// # Ok::<(), acupuncture_guidance::ScoreError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(i128);

// The `as` casts in this file only widen (u8, u32, i32 to i128), which is lossless; `From` is
// not callable in a `const fn`.

/// A signed difference between two scores, exact.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Delta(i128);

/// Why a number is not a score.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ScoreError {
    /// Not a finite, non-negative decimal number.
    #[error("{0} is not a non-negative decimal number")]
    NotANumber(String),
    /// More decimal places than [`MAX_DECIMALS`].
    #[error("{0} has more than 18 decimal places")]
    TooPrecise(String),
    /// Larger than any scale the crate knows (100).
    #[error("{0} is larger than 100")]
    TooLarge(String),
}

impl Score {
    /// Zero.
    pub const ZERO: Score = Score(0);

    /// A whole-number score.
    #[must_use]
    pub const fn whole(n: u8) -> Score {
        Score(n as i128 * UNIT)
    }

    /// The exact mean `sum / count`, for `count` in 1–5 (the crate's item counts).
    #[must_use]
    pub const fn mean(sum: u32, count: u8) -> Option<Score> {
        match count {
            1..=5 => Some(Score(sum as i128 * UNIT / count as i128)),
            _ => None,
        }
    }

    /// The exact percentage `points × 100 / max`, for the Oswestry maxima 45 and 50.
    #[must_use]
    pub const fn percent(points: u32, max: u32) -> Option<Score> {
        match max {
            45 | 50 if points <= max => Some(Score(points as i128 * 100 * UNIT / max as i128)),
            _ => None,
        }
    }

    /// Parses a JSON-style value read as `f64`, exactly as its shortest decimal form reads.
    ///
    /// # Errors
    ///
    /// As [`Score::from_str`](std::str::FromStr).
    pub fn from_f64(value: f64) -> Result<Score, ScoreError> {
        if !value.is_finite() {
            return Err(ScoreError::NotANumber(value.to_string()));
        }
        // Rust prints the shortest decimal that reads back as the same f64, never in
        // exponent form: that decimal is the value the caller wrote.
        value.to_string().parse()
    }

    /// Whether the score is a whole number.
    #[must_use]
    pub const fn is_whole(self) -> bool {
        self.0 % UNIT == 0
    }

    /// `self - other`, exactly.
    #[must_use]
    pub const fn minus(self, other: Score) -> Delta {
        Delta(self.0 - other.0)
    }

    /// Whether `|self - other|` is less than `tolerance_hundredths / 100`.
    #[must_use]
    pub const fn within(self, other: Score, tolerance_hundredths: u8) -> bool {
        (self.0 - other.0).abs() < tolerance_hundredths as i128 * UNIT / 100
    }

    /// The value as `f64`, for display and charts only.
    #[must_use]
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    /// The exact value as a fraction `(numerator, denominator)`, not reduced (the denominator
    /// is the crate's internal unit). See [`Exact`](crate::model::exact::Exact) for a reduced,
    /// printable form.
    #[must_use]
    pub const fn as_ratio(self) -> (i128, i128) {
        (self.0, UNIT)
    }
}

impl Delta {
    /// A difference of whole points.
    #[must_use]
    pub const fn points(n: i32) -> Delta {
        Delta(n as i128 * UNIT)
    }

    /// The difference as a score-like magnitude, for display.
    #[must_use]
    pub fn to_f64(self) -> f64 {
        let magnitude = Score(self.0.abs()).to_f64();
        if self.0 < 0 { -magnitude } else { magnitude }
    }

    /// Whether `self ≥ percent% of base`, exactly (`self × 100 ≥ percent × base`).
    #[must_use]
    pub const fn at_least_percent_of(self, percent: u8, base: Score) -> bool {
        self.0 * 100 >= percent as i128 * base.0
    }

    /// `self` as a percentage of `base`, for display; `None` for a zero base.
    #[must_use]
    pub fn percent_of(self, base: Score) -> Option<f64> {
        if base.0 == 0 {
            return None;
        }
        // Round to two decimals through exact integer arithmetic.
        let hundredths = (self.0 * 10_000 + base.0 / 2 * self.0.signum()) / base.0;
        let text = format!(
            "{}{}.{:02}",
            if hundredths < 0 { "-" } else { "" },
            hundredths.abs() / 100,
            hundredths.abs() % 100
        );
        text.parse().ok()
    }

    /// The exact difference as a fraction `(numerator, denominator)`, not reduced.
    #[must_use]
    pub const fn as_ratio(self) -> (i128, i128) {
        (self.0, UNIT)
    }

    /// Whether the difference is positive.
    #[must_use]
    pub const fn is_positive(self) -> bool {
        self.0 > 0
    }

    /// The negated difference.
    #[must_use]
    pub const fn neg(self) -> Delta {
        Delta(-self.0)
    }
}

impl std::str::FromStr for Score {
    type Err = ScoreError;

    /// Parses a plain decimal (`7`, `6.67`, `0.125`); no sign, no exponent.
    fn from_str(s: &str) -> Result<Score, ScoreError> {
        let not_a_number = || ScoreError::NotANumber(s.to_owned());
        let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || (s.contains('.') && fraction.is_empty()) {
            return Err(not_a_number());
        }
        let fraction = fraction.trim_end_matches('0');
        let places = u32::try_from(fraction.len()).map_err(|_| ScoreError::TooPrecise(s.to_owned()))?;
        if places > MAX_DECIMALS {
            return Err(ScoreError::TooPrecise(s.to_owned()));
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 3 {
            return Err(ScoreError::TooLarge(s.to_owned()));
        }
        let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| not_a_number())? };
        let fraction: i128 = if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| not_a_number())? };
        let scale = 10_i128.pow(MAX_DECIMALS - places);
        let score = Score(whole * UNIT + fraction * scale * 180);
        if score > Score::whole(100) {
            return Err(ScoreError::TooLarge(s.to_owned()));
        }
        Ok(score)
    }
}

impl fmt::Display for Score {
    /// The exact decimal when it terminates within 18 places (every decimal input does),
    /// otherwise cut at 18 places, more than an `f64` holds.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0 / UNIT)?;
        let mut rest = self.0 % UNIT;
        if rest == 0 {
            return Ok(());
        }
        f.write_str(".")?;
        for _ in 0..MAX_DECIMALS {
            rest *= 10;
            write!(f, "{}", rest / UNIT)?;
            rest %= UNIT;
            if rest == 0 {
                break;
            }
        }
        Ok(())
    }
}

/// The decimal value (`Score(7.5)`), not the internal unit count.
impl fmt::Debug for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Score({self})")
    }
}

/// The signed decimal value (`Delta(-2.5)`), not the internal unit count.
impl fmt::Debug for Delta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "Delta({sign}{})", Score(self.0.abs()))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Score {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("Score")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "minimum": 0,
            "maximum": 100,
            "description": "A score on the measure's scale, taken exactly as written (at most 18 decimal places). The range depends on the measure (nrs_pain and peg 0-10, rmdq 0-24, odi 0-100, psfs 0-10; nrs_pain and rmdq whole numbers only): a schema cannot express that, the crate checks it."
        })
    }
}

impl Serialize for Score {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.is_whole() {
            serializer.serialize_u64(u64::try_from(self.0 / UNIT).unwrap_or(u64::MAX))
        } else {
            serializer.serialize_f64(self.to_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Score {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Score, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Score;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a non-negative score")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Score, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Score, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Score, E> {
                Score::from_f64(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Score {
        text.parse().unwrap()
    }

    #[test]
    fn decimals_are_exact_where_f64_is_not() {
        let (a, b) = (std::hint::black_box(8.2_f64), std::hint::black_box(6.2_f64));
        assert!(a - b < 2.0, "the near-miss this type exists to avoid");
        assert_eq!(s("8.2").minus(s("6.2")), Delta::points(2));
        assert_eq!(s("0.1").minus(s("0")), s("0.3").minus(s("0.2")));
    }

    #[test]
    fn means_of_items_are_exact() {
        let peg = Score::mean(19, 3).unwrap();
        assert_eq!(peg.minus(Score::mean(16, 3).unwrap()), Delta::points(1));
        assert!(peg.within(s("6.33"), 1));
        assert!(!peg.within(s("6.32"), 1));
        // 17 of 45 is 37.777…%: not a terminating decimal, still exact in comparisons.
        assert!(Score::percent(17, 45).unwrap() > s("37.7777"));
        assert!(Score::percent(17, 45).unwrap() < s("37.7778"));
        assert_eq!(Score::percent(20, 50), Some(Score::whole(40)));
        assert_eq!(Score::mean(1, 0), None);
    }

    #[test]
    fn relative_thresholds_are_exact_at_the_boundary() {
        // 30% of 10 is 3: exactly 3 counts, 2.99 does not.
        let base = Score::whole(10);
        assert!(Score::whole(10).minus(Score::whole(7)).at_least_percent_of(30, base));
        assert!(!s("10").minus(s("7.01")).at_least_percent_of(30, base));
        // 30% of 6.67 is 2.001.
        assert!(!s("6.67").minus(s("4.67")).at_least_percent_of(30, s("6.67")));
    }

    #[test]
    fn parsing_rejects_what_is_not_a_plain_decimal() {
        for bad in ["", "-1", "1e3", "1.", ".5", "abc", "1.2.3"] {
            assert!(bad.parse::<Score>().is_err(), "{bad:?}");
        }
        assert_eq!("100.5".parse::<Score>(), Err(ScoreError::TooLarge("100.5".into())));
        assert!("0.0000000000000000001".parse::<Score>().is_err());
        assert_eq!(s("007.50"), s("7.5"));
    }

    #[test]
    fn display_and_f64_round_trip_the_decimal_given() {
        for text in ["0", "7", "6.67", "0.125", "6.666666666666667", "99.99"] {
            let score = s(text);
            assert_eq!(score.to_string(), text);
            assert_eq!(Score::from_f64(score.to_f64()).unwrap(), score);
        }
    }

    #[test]
    fn debug_shows_the_decimal_value_not_the_internal_units() {
        assert_eq!(format!("{:?}", s("7.5")), "Score(7.5)");
        assert_eq!(format!("{:?}", Score::whole(0)), "Score(0)");
        assert_eq!(format!("{:?}", Score::mean(20, 3).unwrap()), "Score(6.666666666666666666)");
        assert_eq!(format!("{:?}", s("6").minus(s("8.5"))), "Delta(-2.5)");
        assert_eq!(format!("{:?}", Delta::points(3)), "Delta(3)");
    }

    #[test]
    fn percent_of_rounds_for_display_only() {
        assert_eq!(Delta::points(3).percent_of(Score::whole(10)), Some(30.0));
        assert_eq!(Delta::points(1).percent_of(Score::whole(3)), Some(33.33));
        assert_eq!(Delta::points(-2).percent_of(Score::whole(3)), Some(-66.67));
        assert_eq!(Delta::points(1).percent_of(Score::ZERO), None);
    }
}
