//! The thresholds of meaningful change (`OUT-01`) and regression (`OUT-02`), one per measure:
//! engine policy built on OSTELO-2008, PEG-MID-2023 and PSFS-1995, never a payer's definition.

use serde::{Deserialize, Serialize};

use crate::model::measures::Measure;
use crate::model::score::Score;

/// A measure's threshold for meaningful change.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Threshold {
    /// Points of improvement that count on their own.
    pub absolute: Score,
    /// Improvement as a percentage of the baseline that counts on its own; `None` where the
    /// measure uses an absolute threshold only (PSFS).
    pub relative_percent: Option<u8>,
}

/// The thresholds of `OUT-01`, one per measure. [`ChangePolicy::default`] is the reference's:
/// NRS 2 points, PEG 1.0 point (the low end of the anchor-based MID, PEG-MID-2023), RMDQ 5,
/// ODI 10 (OSTELO-2008), each or 30% of baseline; PSFS 2 points on the mean, absolute only
/// (PSFS-1995 detectable change). These are engine policy, never a payer's definition.
///
/// ```
/// use acupuncture_guidance::{ChangePolicy, Threshold};
/// use acupuncture_guidance::{Measure, Score};
/// let strict = ChangePolicy::default()
///     .with(Measure::NrsPain, Threshold { absolute: Score::whole(3), relative_percent: Some(50) });
/// assert_eq!(strict.threshold(Measure::NrsPain).absolute, Score::whole(3));
/// assert_eq!(strict.threshold(Measure::Rmdq).absolute, Score::whole(5));
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangePolicy {
    /// Pain NRS.
    pub nrs_pain: Threshold,
    /// PEG.
    pub peg: Threshold,
    /// RMDQ.
    pub rmdq: Threshold,
    /// ODI.
    pub odi: Threshold,
    /// PSFS.
    pub psfs: Threshold,
}

const fn ostelo(points: u8) -> Threshold {
    Threshold { absolute: Score::whole(points), relative_percent: Some(30) }
}

impl Default for ChangePolicy {
    fn default() -> Self {
        ChangePolicy {
            nrs_pain: ostelo(2),
            peg: ostelo(1),
            rmdq: ostelo(5),
            odi: ostelo(10),
            psfs: Threshold { absolute: Score::whole(2), relative_percent: None },
        }
    }
}

impl ChangePolicy {
    /// The threshold for `measure`.
    #[must_use]
    pub const fn threshold(&self, measure: Measure) -> Threshold {
        match measure {
            Measure::NrsPain => self.nrs_pain,
            Measure::Peg => self.peg,
            Measure::Rmdq => self.rmdq,
            Measure::Odi => self.odi,
            Measure::Psfs => self.psfs,
        }
    }

    /// The same policy with `measure`'s threshold replaced.
    #[must_use]
    pub const fn with(mut self, measure: Measure, threshold: Threshold) -> Self {
        match measure {
            Measure::NrsPain => self.nrs_pain = threshold,
            Measure::Peg => self.peg = threshold,
            Measure::Rmdq => self.rmdq = threshold,
            Measure::Odi => self.odi = threshold,
            Measure::Psfs => self.psfs = threshold,
        }
        self
    }
}
