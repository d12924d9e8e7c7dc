//! Duration categories per source (reference §2.1): `DUR-01` (ACP/VA, used for triage),
//! `DUR-02` (Medicare), `DUR-03` (CDC, calendar months). Separate classifiers, never one global
//! function: 84 days is subacute under `DUR-01` but chronic for Medicare.

use chrono::{Months, NaiveDate};

use crate::RuleId;
use crate::outcome::assessment::DurationCategory;
use crate::outcome::finding::{Detail, Finding};

/// `DUR-01`: acute under 28 days, subacute 28–84 days, chronic over 84 days.
#[must_use]
pub const fn acp_category(days: u32) -> DurationCategory {
    match days {
        0..28 => DurationCategory::Acute,
        28..=84 => DurationCategory::Subacute,
        _ => DurationCategory::Chronic,
    }
}

/// `DUR-02`: Medicare's criterion, 12 weeks or longer (84 days counts).
#[must_use]
pub const fn medicare_chronic(days: u32) -> bool {
    days >= 84
}

/// `DUR-03`: CDC's scheme by calendar months: acute under 1 month, subacute 1–3 months,
/// chronic over 3 months. Months are compared as calendar dates, never converted to days.
///
/// Where the day count alone settles it, the calendar is not consulted: one calendar month
/// is never shorter than 28 days and three are never longer than 92 (31 + 31 + 30), so fewer
/// than 28 days is always acute and more than 92 always chronic. A test checks this against
/// the calendar for every onset date of four years.
#[must_use]
pub fn cdc_category(onset: NaiveDate, on: NaiveDate) -> DurationCategory {
    match (on - onset).num_days() {
        ..28 => DurationCategory::Acute,
        93.. => DurationCategory::Chronic,
        _ => cdc_category_by_calendar(onset, on),
    }
}

/// [`cdc_category`] from the calendar alone.
fn cdc_category_by_calendar(onset: NaiveDate, on: NaiveDate) -> DurationCategory {
    let reached = |months: u32| onset.checked_add_months(Months::new(months)).is_some_and(|d| d <= on);
    let beyond = |months: u32| onset.checked_add_months(Months::new(months)).is_some_and(|d| d < on);
    if !reached(1) {
        DurationCategory::Acute
    } else if beyond(3) {
        DurationCategory::Chronic
    } else {
        DurationCategory::Subacute
    }
}

/// The categories the assessment uses: `DUR-01` for triage, `DUR-03` for the CDC's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Categories {
    /// Under `DUR-01` (ACP/VA).
    pub acp: DurationCategory,
    /// Under `DUR-03` (CDC).
    pub cdc: DurationCategory,
}

/// Classifies under all three schemes and records the findings.
pub fn classify(days: u32, onset: NaiveDate, on: NaiveDate, findings: &mut Vec<Finding>) -> Categories {
    let categories = Categories { acp: acp_category(days), cdc: cdc_category(onset, on) };
    findings.push(Finding::new(RuleId::Dur01, Detail::DurationCategory { days, category: categories.acp }));
    findings.push(Finding::new(RuleId::Dur02, Detail::MedicareDuration { days, chronic: medicare_chronic(days) }));
    findings.push(Finding::new(RuleId::Dur03, Detail::CdcDuration { category: categories.cdc }));
    categories
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dur_01_category_boundaries() {
        assert_eq!(acp_category(27), Acute);
        assert_eq!(acp_category(28), Subacute);
        assert_eq!(acp_category(84), Subacute);
        assert_eq!(acp_category(85), Chronic);
    }
    use DurationCategory::{Acute, Chronic, Subacute};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dur_01_boundaries_27_28_84_85() {
        assert_eq!(acp_category(0), Acute);
        assert_eq!(acp_category(27), Acute);
        assert_eq!(acp_category(28), Subacute);
        assert_eq!(acp_category(84), Subacute, "12 weeks exactly is subacute under ACP");
        assert_eq!(acp_category(85), Chronic);
    }

    #[test]
    fn dur_02_counts_84_days_as_chronic() {
        assert!(!medicare_chronic(83));
        assert!(medicare_chronic(84));
    }

    #[test]
    fn dur_03_compares_calendar_months() {
        let onset = date(2026, 1, 31);
        // One calendar month after 31 Jan is 28 Feb (chrono clamps to the month's end).
        assert_eq!(cdc_category(onset, date(2026, 2, 27)), Acute);
        assert_eq!(cdc_category(onset, date(2026, 2, 28)), Subacute);
        // Three months after 31 Jan is 30 Apr: exactly three months is still subacute.
        assert_eq!(cdc_category(onset, date(2026, 4, 30)), Subacute);
        assert_eq!(cdc_category(onset, date(2026, 5, 1)), Chronic);
    }

    #[test]
    fn dur_03_day_bounds_agree_with_the_calendar() {
        // Four years, one of them leap, every onset date, up to 120 days.
        let mut onset = date(2027, 1, 1);
        while onset < date(2031, 1, 1) {
            for days in 0..=120 {
                let on = onset + chrono::Days::new(days);
                assert_eq!(cdc_category(onset, on), cdc_category_by_calendar(onset, on), "{onset} + {days} days");
            }
            onset = onset.succ_opt().unwrap();
        }
    }

    #[test]
    fn schemes_disagree_where_the_reference_says_they_do() {
        // 84 days: subacute for ACP, chronic for Medicare.
        assert_eq!(acp_category(84), Subacute);
        assert!(medicare_chronic(84));
        // 2026-05-04 to 2026-08-03 is 91 days (chronic for ACP) but not yet 3 months + 1 day.
        let onset = date(2026, 5, 4);
        let on = date(2026, 8, 3);
        assert_eq!(acp_category(u32::try_from((on - onset).num_days()).unwrap()), Chronic);
        assert_eq!(cdc_category(onset, on), Subacute);
    }
}
