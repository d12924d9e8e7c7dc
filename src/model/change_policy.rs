//! The thresholds of meaningful change (`OUT-01`) and regression (`OUT-02`), one per measure:
//! engine policy built on OSTELO-2008, PEG-MID-2023 and PSFS-1995, never a payer's definition.

use serde::{Deserialize, Serialize};

use crate::error::ChangePolicyError;
use crate::model::measures::Measure;
use crate::model::object::Object;
use crate::model::score::Score;

/// A measure's threshold for meaningful change: `absolute` points, or `relative_percent` of
/// the baseline where given. Built with [`Threshold::new`], which checks it; deserializing
/// runs the same check.
///
/// ```
/// use acupuncture_guidance::{Score, Threshold};
/// let nrs = Threshold::new(Score::whole(2), Some(30))?;
/// assert_eq!(nrs.absolute(), Score::whole(2));
/// assert!(Threshold::new(Score::ZERO, None).is_err(), "a zero threshold counts no change as meaningful");
/// # Ok::<(), acupuncture_guidance::ChangePolicyError>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Object<WireThreshold>")]
pub struct Threshold {
    /// Points of improvement that count on their own.
    absolute: Score,
    /// Improvement as a percentage of the baseline that counts on its own; `None` where the
    /// measure uses an absolute threshold only (PSFS).
    relative_percent: Option<u8>,
}

impl Threshold {
    /// A threshold of `absolute` points, or `relative_percent` of the baseline.
    ///
    /// # Errors
    ///
    /// [`ChangePolicyError::AbsoluteNotPositive`] for an absolute threshold of 0 (every
    /// course, even a flat one, would be both a meaningful change and a regression);
    /// [`ChangePolicyError::RelativeOutOfRange`] for a percentage outside 1–100. The error
    /// names the field `absolute` or `relative_percent`.
    pub fn new(absolute: Score, relative_percent: Option<u8>) -> Result<Threshold, ChangePolicyError> {
        if absolute == Score::ZERO {
            return Err(ChangePolicyError::AbsoluteNotPositive { field: "absolute".into(), value: absolute });
        }
        if let Some(value) = relative_percent.filter(|p| !(1..=100).contains(p)) {
            return Err(ChangePolicyError::RelativeOutOfRange { field: "relative_percent".into(), value });
        }
        Ok(Threshold { absolute, relative_percent })
    }

    /// Points of improvement that count on their own (more than 0).
    #[must_use]
    pub const fn absolute(self) -> Score {
        self.absolute
    }

    /// Improvement as a percentage of the baseline (1–100) that counts on its own; `None`
    /// where the measure uses an absolute threshold only (PSFS).
    #[must_use]
    pub const fn relative_percent(self) -> Option<u8> {
        self.relative_percent
    }
}

/// A threshold as read, before [`Threshold::new`] checks it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Threshold"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireThreshold {
    /// Points of improvement that count on their own, more than 0.
    absolute: Score,
    /// Improvement as a percentage of the baseline, 1 to 100, that counts on its own; omitted
    /// or `null` for an absolute threshold only.
    #[serde(default)]
    relative_percent: Option<u8>,
}

impl TryFrom<Object<WireThreshold>> for Threshold {
    type Error = ChangePolicyError;
    fn try_from(Object(wire): Object<WireThreshold>) -> Result<Self, ChangePolicyError> {
        Threshold::new(wire.absolute, wire.relative_percent)
    }
}

/// The thresholds of `OUT-01`, one per measure. [`ChangePolicy::default`] is the reference's:
/// NRS 2 points, PEG 1.0 point (the low end of the anchor-based MID, PEG-MID-2023), RMDQ 5,
/// ODI 10 (OSTELO-2008), each or 30% of baseline; PSFS 2 points on the mean, absolute only
/// (PSFS-1995 detectable change). These are engine policy, never a payer's definition.
///
/// ```
/// use acupuncture_guidance::{ChangePolicy, Threshold};
/// use acupuncture_guidance::{Measure, Score};
/// let strict = ChangePolicy::default().with(Measure::NrsPain, Threshold::new(Score::whole(3), Some(50))?);
/// assert_eq!(strict.threshold(Measure::NrsPain).absolute(), Score::whole(3));
/// assert_eq!(strict.threshold(Measure::Rmdq).absolute(), Score::whole(5));
/// # Ok::<(), acupuncture_guidance::ChangePolicyError>(())
/// ```
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Object<WirePolicy>")]
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

/// A change policy as read: each threshold is checked with its measure's name in the field
/// path (`nrs_pain.absolute`).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ChangePolicy"))]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WirePolicy {
    nrs_pain: Object<WireThreshold>,
    peg: Object<WireThreshold>,
    rmdq: Object<WireThreshold>,
    odi: Object<WireThreshold>,
    psfs: Object<WireThreshold>,
}

impl TryFrom<Object<WirePolicy>> for ChangePolicy {
    type Error = ChangePolicyError;
    fn try_from(Object(wire): Object<WirePolicy>) -> Result<Self, ChangePolicyError> {
        let check = |measure: &str, t| Threshold::try_from(t).map_err(|e: ChangePolicyError| e.within(measure));
        Ok(ChangePolicy {
            nrs_pain: check("nrs_pain", wire.nrs_pain)?,
            peg: check("peg", wire.peg)?,
            rmdq: check("rmdq", wire.rmdq)?,
            odi: check("odi", wire.odi)?,
            psfs: check("psfs", wire.psfs)?,
        })
    }
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
