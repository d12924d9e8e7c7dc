//! Validated outcome measures (reference §9, §9.1, §10): their scales, directions, codes and
//! licence notes. No questionnaire item text is shipped (see each instrument's licence note).

use serde::{Deserialize, Serialize};

use crate::evidence::SourceId;
use crate::model::score::Score;

name_enum! {
    /// A validated measure to track during a course (reference §9).
    pub enum Measure ("measure") {
        /// Pain on a 0–10 numeric rating scale.
        NrsPain = "nrs_pain",
        /// PEG: pain, enjoyment of life, general activity (0–10 each); score is their mean.
        Peg = "peg",
        /// Roland-Morris Disability Questionnaire (0–24).
        Rmdq = "rmdq",
        /// Oswestry Disability Index (0–100%).
        Odi = "odi",
        /// Patient-Specific Functional Scale: the patient's own activities (0–10 each), mean.
        Psfs = "psfs",
    }
}

/// What the crate knows about an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instrument {
    /// The measure.
    pub measure: Measure,
    /// Its usual name.
    pub name: &'static str,
    /// The highest score (the lowest is 0).
    pub max: u8,
    /// Whether scores are whole numbers only (single ratings and counts) or may be means.
    pub whole_only: bool,
    /// Whether a higher score is better (only the PSFS).
    pub higher_is_better: bool,
    /// The LOINC code of the score, where the reference found one.
    pub loinc: Option<&'static str>,
    /// Licence and code notes. The crate ships no item text.
    pub licence: &'static str,
    /// The sources of the scale.
    pub sources: &'static [SourceId],
}

impl Measure {
    /// The instrument's catalogue row (reference §9 table, CODES.md).
    #[must_use]
    pub const fn instrument(self) -> &'static Instrument {
        match self {
            Measure::NrsPain => &Instrument {
                measure: Measure::NrsPain,
                name: "pain numeric rating scale",
                max: 10,
                whole_only: true,
                higher_is_better: false,
                loinc: Some("72514-3"),
                licence: "a single 0-10 rating; no licensed text",
                sources: &[SourceId::Ostelo2008, SourceId::Loinc],
            },
            Measure::Peg => &Instrument {
                measure: Measure::Peg,
                name: "PEG",
                max: 10,
                whole_only: false,
                higher_is_better: false,
                loinc: Some("91147-9"),
                licence: "public domain; item codes 75893-8, 91145-3, 91146-1, panel 91148-7 (panel code V2)",
                sources: &[SourceId::Peg2009, SourceId::PegMid2023, SourceId::Loinc],
            },
            Measure::Rmdq => &Instrument {
                measure: Measure::Rmdq,
                name: "Roland-Morris Disability Questionnaire",
                max: 24,
                whole_only: true,
                higher_is_better: false,
                loinc: None,
                licence: "item text licensed separately, not shipped; no LOINC code found for the total (use a local code)",
                sources: &[SourceId::Rmdq1983, SourceId::Ostelo2008],
            },
            Measure::Odi => &Instrument {
                measure: Measure::Odi,
                name: "Oswestry Disability Index",
                max: 100,
                whole_only: false,
                higher_is_better: false,
                loinc: Some("97909-6"),
                licence: "ODI (c) Jeremy Fairbank, licensed through Mapi; item text not shipped; panel 97908-8",
                sources: &[SourceId::Odi2000, SourceId::Ostelo2008, SourceId::Loinc],
            },
            Measure::Psfs => &Instrument {
                measure: Measure::Psfs,
                name: "Patient-Specific Functional Scale",
                max: 10,
                whole_only: false,
                higher_is_better: true,
                loinc: None,
                licence: "free to use; the activities are the patient's own words",
                sources: &[SourceId::Psfs1995],
            },
        }
    }

    /// The highest score on the scale.
    #[must_use]
    pub const fn max(self) -> Score {
        Score::whole(self.instrument().max)
    }
}

/// Why item scores are not a valid questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MeasureError {
    /// An item or score outside its range.
    #[error("{what} {value} is outside 0..={max}")]
    OutOfRange {
        /// Which item or score.
        what: &'static str,
        /// The value given.
        value: i64,
        /// The highest allowed.
        max: u8,
    },
    /// The wrong number of items.
    #[error("{instrument} needs {expected} items, got {got}")]
    ItemCount {
        /// The instrument.
        instrument: &'static str,
        /// How many it needs.
        expected: &'static str,
        /// How many were given.
        got: usize,
    },
    /// More Oswestry sections missing than the scoring allows.
    #[error("Oswestry has {missing} sections missing; at most 1 is scored (engine policy)")]
    TooManyMissingSections {
        /// Sections missing.
        missing: usize,
    },
}

fn item(what: &'static str, value: i64, max: u8) -> Result<u8, MeasureError> {
    u8::try_from(value).ok().filter(|v| *v <= max).ok_or(MeasureError::OutOfRange { what, value, max })
}

/// Pain on a 0–10 numeric rating scale (LOINC 72514-3). Lower is better.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct PainScore(u8);

impl PainScore {
    /// A rating, 0–10.
    ///
    /// # Errors
    ///
    /// [`MeasureError::OutOfRange`] outside 0–10.
    pub fn new(value: i64) -> Result<Self, MeasureError> {
        item("pain score", value, 10).map(PainScore)
    }

    /// The score.
    #[must_use]
    pub const fn score(self) -> Score {
        Score::whole(self.0)
    }
}

/// The PEG (Krebs 2009): three 0–10 items (average pain, interference with enjoyment of life,
/// interference with general activity), past week. The score is their mean, kept exact (LOINC
/// advises rounding to a whole number for clinical display; this type does not round).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "[i64; 3]", into = "[u8; 3]")]
pub struct Peg([u8; 3]);

impl Peg {
    /// The three item scores, in P, E, G order.
    ///
    /// # Errors
    ///
    /// [`MeasureError::OutOfRange`] for an item outside 0–10.
    pub fn new(items: [i64; 3]) -> Result<Self, MeasureError> {
        let [p, e, g] = items;
        Ok(Peg([item("PEG pain item", p, 10)?, item("PEG enjoyment item", e, 10)?, item("PEG activity item", g, 10)?]))
    }

    /// The item scores.
    #[must_use]
    pub const fn items(self) -> [u8; 3] {
        self.0
    }

    /// The exact mean of the three items.
    #[must_use]
    pub fn score(self) -> Score {
        let [p, e, g] = self.0;
        Score::mean(u32::from(p) + u32::from(e) + u32::from(g), 3).unwrap_or(Score::ZERO)
    }
}

/// The Roland-Morris Disability Questionnaire total: 24 yes/no items, 0–24, higher is worse.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Rmdq(u8);

impl Rmdq {
    /// A total, 0–24.
    ///
    /// # Errors
    ///
    /// [`MeasureError::OutOfRange`] outside 0–24.
    pub fn new(total: i64) -> Result<Self, MeasureError> {
        item("RMDQ total", total, 24).map(Rmdq)
    }

    /// The score.
    #[must_use]
    pub const fn score(self) -> Score {
        Score::whole(self.0)
    }
}

/// The Oswestry Disability Index from its ten section scores (0–5 each): total ÷ maximum
/// possible × 100 (reference §9), higher is worse.
///
/// A missing section lowers the maximum possible (45 instead of 50). The reference gives no
/// limit on missing sections; this crate scores at most one missing section and rejects more
/// (engine policy).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "[Option<i64>; 10]", into = "[Option<u8>; 10]")]
pub struct Odi([Option<u8>; 10]);

impl Odi {
    /// The ten section scores, `None` for a section not answered.
    ///
    /// # Errors
    ///
    /// [`MeasureError::OutOfRange`] for a section outside 0–5;
    /// [`MeasureError::TooManyMissingSections`] for two or more missing.
    pub fn new(sections: [Option<i64>; 10]) -> Result<Self, MeasureError> {
        let mut scored = [None; 10];
        for (slot, section) in scored.iter_mut().zip(sections) {
            *slot = section.map(|v| item("Oswestry section", v, 5)).transpose()?;
        }
        let missing = scored.iter().filter(|s| s.is_none()).count();
        if missing > 1 {
            return Err(MeasureError::TooManyMissingSections { missing });
        }
        Ok(Odi(scored))
    }

    /// The section scores.
    #[must_use]
    pub const fn sections(self) -> [Option<u8>; 10] {
        self.0
    }

    /// The exact percentage, 0–100.
    #[must_use]
    pub fn score(self) -> Score {
        let total: u32 = self.0.iter().flatten().map(|s| u32::from(*s)).sum();
        let answered = self.0.iter().flatten().count();
        let max = if answered == 10 { 50 } else { 45 };
        Score::percent(total, max).unwrap_or(Score::ZERO)
    }
}

impl TryFrom<[Option<i64>; 10]> for Odi {
    type Error = MeasureError;
    fn try_from(sections: [Option<i64>; 10]) -> Result<Self, MeasureError> {
        Odi::new(sections)
    }
}

impl From<Odi> for [Option<u8>; 10] {
    fn from(odi: Odi) -> Self {
        odi.0
    }
}

/// The Patient-Specific Functional Scale (reference §9.1): one to five activities the patient
/// names, each rated 0 (unable) to 10 (as before the problem). The score is the mean; higher is
/// better. The same activities must be re-rated; a new activity starts a new baseline.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "Vec<i64>", into = "Vec<u8>")]
pub struct Psfs(Vec<u8>);

impl Psfs {
    /// The activity ratings, in the patient's order.
    ///
    /// # Errors
    ///
    /// [`MeasureError::ItemCount`] for no ratings or more than five;
    /// [`MeasureError::OutOfRange`] for a rating outside 0–10.
    pub fn new(ratings: impl IntoIterator<Item = i64>) -> Result<Self, MeasureError> {
        let ratings = ratings.into_iter().map(|r| item("PSFS rating", r, 10)).collect::<Result<Vec<u8>, _>>()?;
        if !(1..=5).contains(&ratings.len()) {
            return Err(MeasureError::ItemCount { instrument: "PSFS", expected: "1 to 5", got: ratings.len() });
        }
        Ok(Psfs(ratings))
    }

    /// The ratings.
    #[must_use]
    pub fn ratings(&self) -> &[u8] {
        &self.0
    }

    /// The exact mean rating.
    #[must_use]
    pub fn score(&self) -> Score {
        let sum = self.0.iter().map(|r| u32::from(*r)).sum();
        u8::try_from(self.0.len()).ok().and_then(|n| Score::mean(sum, n)).unwrap_or(Score::ZERO)
    }
}

macro_rules! via {
    ($ty:ty, $raw:ty, $out:ty) => {
        impl TryFrom<$raw> for $ty {
            type Error = MeasureError;
            fn try_from(raw: $raw) -> Result<Self, MeasureError> {
                <$ty>::new(raw)
            }
        }
        impl From<$ty> for $out {
            fn from(value: $ty) -> $out {
                value.0
            }
        }
    };
}
via!(PainScore, i64, u8);
via!(Peg, [i64; 3], [u8; 3]);
via!(Rmdq, i64, u8);
via!(Psfs, Vec<i64>, Vec<u8>);

name_enum! {
    /// STarT Back's bothersomeness item (five options).
    pub enum Bothersomeness ("bothersomeness") {
        /// Not at all.
        NotAtAll = "not_at_all",
        /// Slightly.
        Slightly = "slightly",
        /// Moderately.
        Moderately = "moderately",
        /// Very much (scores 1).
        VeryMuch = "very_much",
        /// Extremely (scores 1).
        Extremely = "extremely",
    }
}

/// The STarT Back Screening Tool (Keele; reference §10), its nine items encoded by construct
/// rather than by position (sources number them differently). `true` means the person agreed.
///
/// Licence: Keele University; free for non-commercial use, commercial use needs Keele's
/// permission. No item text is shipped. LOINC: total 91351-7, distress subscore 91350-9,
/// panel 91349-1.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartBack {
    /// Back pain has spread down the leg(s) (physical).
    pub leg_pain: bool,
    /// Pain in the shoulder or neck as well (physical).
    pub shoulder_or_neck_pain: bool,
    /// Only walked short distances because of back pain (physical).
    pub walking: bool,
    /// Dressed more slowly because of back pain (physical).
    pub dressing: bool,
    /// Not really safe to be physically active (psychosocial: fear).
    pub fear: bool,
    /// Worrying thoughts going through the mind (psychosocial: anxiety).
    pub worry: bool,
    /// The back pain is terrible and will never get better (psychosocial: catastrophising).
    pub catastrophising: bool,
    /// Not enjoyed things as before (psychosocial: low mood).
    pub low_mood: bool,
    /// How bothersome the back pain has been (psychosocial).
    pub bothersomeness: Bothersomeness,
}

impl StartBack {
    /// The distress (psychosocial) subscore, 0–5: fear, worry, catastrophising, low mood, and
    /// bothersomeness scored 1 for "very much" or "extremely".
    #[must_use]
    pub fn distress(&self) -> u8 {
        let bothered = matches!(self.bothersomeness, Bothersomeness::VeryMuch | Bothersomeness::Extremely);
        [self.fear, self.worry, self.catastrophising, self.low_mood, bothered].iter().map(|b| u8::from(*b)).sum()
    }

    /// The total score, 0–9: the four physical items plus the distress subscore.
    #[must_use]
    pub fn total(&self) -> u8 {
        [self.leg_pain, self.shoulder_or_neck_pain, self.walking, self.dressing]
            .iter()
            .map(|b| u8::from(*b))
            .sum::<u8>()
            + self.distress()
    }

    /// The risk group by `SBT-01` (reference §10), usable as the intake's `start_back_risk`:
    /// exactly three branches; the distress subscore is used only when the total is 4 or more.
    #[must_use]
    pub fn risk(&self) -> crate::StartBackRisk {
        sbt_01(self.total(), self.distress())
    }
}

/// `SBT-01` on the total (0–9) and the distress subscore (0–5).
const fn sbt_01(total: u8, distress: u8) -> crate::StartBackRisk {
    use crate::StartBackRisk::{High, Low, Medium};
    match (total, distress) {
        (0..=3, _) => Low,
        (_, 0..=3) => Medium,
        _ => High,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sbt_01_branches_at_their_boundaries() {
        use crate::StartBackRisk;
        // Total 0-3 is low whatever the distress subscore says.
        assert_eq!(sbt_01(3, 5), StartBackRisk::Low);
        assert_eq!(sbt_01(0, 0), StartBackRisk::Low);
        assert_eq!(sbt_01(4, 3), StartBackRisk::Medium);
        assert_eq!(sbt_01(9, 3), StartBackRisk::Medium);
        assert_eq!(sbt_01(4, 4), StartBackRisk::High);
        assert_eq!(sbt_01(9, 5), StartBackRisk::High);
    }

    #[test]
    fn scales_reject_values_outside_their_range() {
        assert!(PainScore::new(10).is_ok());
        assert_eq!(PainScore::new(11), Err(MeasureError::OutOfRange { what: "pain score", value: 11, max: 10 }));
        assert!(PainScore::new(-1).is_err());
        assert!(Rmdq::new(24).is_ok() && Rmdq::new(25).is_err());
        assert!(Peg::new([10, 11, 0]).is_err());
        assert!(Psfs::new([]).is_err() && Psfs::new([1, 2, 3, 4, 5, 6]).is_err());
    }

    #[test]
    fn peg_and_psfs_scores_are_exact_means() {
        assert_eq!(Peg::new([7, 6, 6]).unwrap().score(), Score::mean(19, 3).unwrap());
        assert_eq!(Psfs::new([2, 3]).unwrap().score(), "2.5".parse().unwrap());
    }

    #[test]
    fn oswestry_divides_by_the_maximum_possible() {
        let all = Odi::new([Some(2); 10]).unwrap();
        assert_eq!(all.score(), Score::whole(40));
        // One section missing: 18 of 45 is 40%.
        let mut nine = [Some(2); 10];
        nine[3] = None;
        assert_eq!(Odi::new(nine).unwrap().score(), Score::whole(40));
        nine[4] = None;
        assert_eq!(Odi::new(nine), Err(MeasureError::TooManyMissingSections { missing: 2 }));
        assert!(Odi::new([Some(6); 10]).is_err());
        assert_eq!(Odi::new([Some(5); 10]).unwrap().score(), Score::whole(100));
    }

    #[test]
    fn start_back_scores_items_by_construct() {
        let none = StartBack {
            leg_pain: false,
            shoulder_or_neck_pain: false,
            walking: false,
            dressing: false,
            fear: false,
            worry: false,
            catastrophising: false,
            low_mood: false,
            bothersomeness: Bothersomeness::Moderately,
        };
        assert_eq!((none.total(), none.distress()), (0, 0));
        let bothered = StartBack { bothersomeness: Bothersomeness::VeryMuch, ..none };
        assert_eq!((bothered.total(), bothered.distress()), (1, 1));
        let all = StartBack {
            leg_pain: true,
            shoulder_or_neck_pain: true,
            walking: true,
            dressing: true,
            fear: true,
            worry: true,
            catastrophising: true,
            low_mood: true,
            bothersomeness: Bothersomeness::Extremely,
        };
        assert_eq!((all.total(), all.distress()), (9, 5));
    }

    #[test]
    fn only_the_psfs_counts_up() {
        for measure in Measure::ALL {
            assert_eq!(measure.instrument().measure, *measure);
            assert_eq!(measure.instrument().higher_is_better, *measure == Measure::Psfs);
        }
    }
}
