//! `SBT-01`: the STarT Back risk groups (reference §10), exactly three branches. The distress
//! subscore is used only when the total is 4 or more.

use crate::StartBackRisk;

/// The risk group from the total (0–9) and the distress subscore (0–5).
///
/// ```
/// use acupuncture_guidance::rules::start_back::risk;
/// use acupuncture_guidance::StartBackRisk::*;
/// assert_eq!(risk(3, 3), Low);
/// assert_eq!(risk(4, 3), Medium);
/// assert_eq!(risk(4, 4), High);
/// ```
#[must_use]
pub const fn risk(total: u8, distress: u8) -> StartBackRisk {
    match (total, distress) {
        (0..=3, _) => StartBackRisk::Low,
        (_, 0..=3) => StartBackRisk::Medium,
        _ => StartBackRisk::High,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sbt_01_branches_at_their_boundaries() {
        // Total 0-3 is low whatever the distress subscore says.
        assert_eq!(risk(3, 5), StartBackRisk::Low);
        assert_eq!(risk(0, 0), StartBackRisk::Low);
        assert_eq!(risk(4, 3), StartBackRisk::Medium);
        assert_eq!(risk(9, 3), StartBackRisk::Medium);
        assert_eq!(risk(4, 4), StartBackRisk::High);
        assert_eq!(risk(9, 5), StartBackRisk::High);
    }
}
