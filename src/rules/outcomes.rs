//! Meaningful change (`OUT-01`) and regression (`OUT-02`), both engine policy built on
//! OSTELO-2008, PEG-MID-2023 and PSFS-1995, computed in each measure's direction with exact
//! arithmetic: a change exactly at a threshold counts.

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::evidence::{RuleId, SourceId, Status};
use crate::model::change_policy::ChangePolicy;
use crate::model::course::{ItemScores, Measurement};
use crate::model::exact::Exact;
use crate::model::measures::Measure;
use crate::model::score::{Delta, Score};
use crate::outcome::course_review::{ActivityChange, Change};
use crate::outcome::finding::{Detail, Finding};

/// Improvement from `baseline` to `latest` in the measure's direction: positive is better.
#[must_use]
pub fn improvement(measure: Measure, baseline: Score, latest: Score) -> Delta {
    if measure.instrument().higher_is_better { latest.minus(baseline) } else { baseline.minus(latest) }
}

/// `OUT-01`: the improvement reaches the absolute threshold, or the relative one (not with a
/// zero baseline, where there is no relative change).
#[must_use]
pub fn meaningful(policy: &ChangePolicy, measure: Measure, baseline: Score, latest: Score) -> bool {
    let threshold = policy.threshold(measure);
    let gain = improvement(measure, baseline, latest);
    let absolute = gain >= threshold.absolute().minus(Score::ZERO);
    let relative = threshold.relative_percent().is_some_and(|percent| {
        baseline != Score::ZERO && gain.is_positive() && gain.at_least_percent_of(percent, baseline)
    });
    absolute || relative
}

/// `OUT-02`: the latest scored visit is worse than baseline by at least the absolute
/// threshold, or each of the last two scored visits is worse than baseline. `scored` is in
/// date order and excludes the baseline.
#[must_use]
pub fn regressing(policy: &ChangePolicy, measure: Measure, baseline: Score, scored: &[Score]) -> bool {
    let worse_by = |score: Score| improvement(measure, baseline, score).neg();
    let threshold = policy.threshold(measure).absolute().minus(Score::ZERO);
    let latest_far_worse = scored.last().is_some_and(|s| worse_by(*s) >= threshold);
    let last_two_worse = scored.len() >= 2 && scored.iter().rev().take(2).all(|s| worse_by(*s).is_positive());
    latest_far_worse || last_two_worse
}

/// The single-activity detectable change of the PSFS: 3 points (PSFS-1995, V2; reference
/// §9.1). Shown beside the mean; the mean alone decides (`OUT-01`).
pub const PSFS_ACTIVITY_CHANGE: i8 = 3;

/// The change so far: the latest of `follow_ups` (date order, each after the baseline date)
/// against the baseline, with `OUT-01` and `OUT-02` applied and, for the PSFS, each
/// activity's change. `None` without a follow-up score (`COURSE-05`).
#[must_use]
pub fn change(
    policy: &ChangePolicy,
    measure: Measure,
    baseline: &Measurement,
    follow_ups: &[(NaiveDate, &Measurement)],
) -> Option<Change> {
    let &(latest_date, latest_measurement) = follow_ups.last()?;
    let (base, latest) = (baseline.value(), latest_measurement.value());
    let scores: Vec<Score> = follow_ups.iter().map(|(_, m)| m.value()).collect();
    let gain = improvement(measure, base, latest);
    Some(Change {
        baseline: Exact::from_score(base),
        latest: Exact::from_score(latest),
        latest_date,
        absolute: Exact::from_delta(gain),
        relative: Exact::percent_of(gain, base),
        activities: activities(baseline, latest_measurement),
        meaningful: meaningful(policy, measure, base, latest),
        regressing: regressing(policy, measure, base, &scores),
        threshold: policy.threshold(measure),
    })
}

/// Each PSFS activity's change, when both measurements rate the same activities.
fn activities(baseline: &Measurement, latest: &Measurement) -> Vec<ActivityChange> {
    let (Some(ItemScores::Psfs(before)), Some(ItemScores::Psfs(after))) =
        (baseline.item_scores(), latest.item_scores())
    else {
        return Vec::new();
    };
    before
        .ratings()
        .iter()
        .zip(after.ratings())
        .zip(1u8..)
        .map(|((&b, &l), activity)| {
            // Ratings are 0-10, so the difference fits in an i8.
            let change = i8::try_from(i16::from(l) - i16::from(b)).unwrap_or(0);
            ActivityChange { activity, baseline: b, latest: l, change, detectable: change >= PSFS_ACTIVITY_CHANGE }
        })
        .collect()
}

/// A finding of an `OUT-01`/`OUT-02` rule for `measure`: it cites only those of the rule
/// row's sources that stand behind this measure (the NRS threshold cites OSTELO-2008, not the
/// PEG or PSFS sources), and its status is the weaker of the row's and theirs (the PSFS
/// threshold is V2). Sources still come only from the row; when none of them is the
/// measure's, the row's are kept.
#[must_use]
pub fn finding(rule: RuleId, measure: Measure, detail: Detail) -> Finding {
    let mut finding = Finding::new(rule, detail);
    let own = measure.instrument().sources;
    let sources: Vec<SourceId> = rule.sources().iter().copied().filter(|s| own.contains(s)).collect();
    if !sources.is_empty() {
        // The weakest of the measure's own sources: the row's status is the weakest over every
        // measure (PSFS makes it V2), which would under-claim an NRS threshold.
        finding.status = sources
            .iter()
            .map(|s| s.info().status)
            .filter(|s| *s != Status::NotApplicable)
            .fold(Status::V1, std::cmp::Ord::max);
        finding.sources = Cow::Owned(sources);
    }
    finding
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Score {
        text.parse().unwrap()
    }

    fn default_meaningful(measure: Measure, baseline: &str, latest: &str) -> bool {
        meaningful(&ChangePolicy::default(), measure, s(baseline), s(latest))
    }

    #[test]
    fn absolute_thresholds_count_exactly_at_the_threshold_and_not_one_step_below() {
        // Baselines high enough that 30% is above the absolute threshold.
        assert!(default_meaningful(Measure::NrsPain, "10", "8"));
        assert!(!default_meaningful(Measure::NrsPain, "10", "9"));
        assert!(default_meaningful(Measure::Rmdq, "20", "15"));
        assert!(!default_meaningful(Measure::Rmdq, "20", "16"));
        assert!(default_meaningful(Measure::Odi, "60", "50"));
        assert!(!default_meaningful(Measure::Odi, "60", "50.01"));
        assert!(default_meaningful(Measure::Peg, "8.2", "7.2"));
        assert!(!default_meaningful(Measure::Peg, "8.2", "7.21"));
    }

    #[test]
    fn thirty_percent_of_baseline_counts_and_29_percent_does_not() {
        // RMDQ baseline 10: 30% is 3 points, below the absolute 5.
        assert!(default_meaningful(Measure::Rmdq, "10", "7"));
        assert!(!default_meaningful(Measure::Rmdq, "10", "8"));
        // ODI baseline 30: 30% is 9; 8.7 points is 29%.
        assert!(default_meaningful(Measure::Odi, "30", "21"));
        assert!(!default_meaningful(Measure::Odi, "30", "21.3"));
        // NRS baseline 5: 30% is 1.5, so 1 point (20%) is not meaningful; 2 is.
        assert!(!default_meaningful(Measure::NrsPain, "5", "4"));
        assert!(default_meaningful(Measure::NrsPain, "5", "3"));
    }

    #[test]
    fn psfs_counts_up_and_uses_the_absolute_threshold_only() {
        assert!(default_meaningful(Measure::Psfs, "3", "5"));
        assert!(!default_meaningful(Measure::Psfs, "3", "4.99"));
        // 1.5 points from a baseline of 2 is 75%, but the PSFS has no relative threshold.
        assert!(!default_meaningful(Measure::Psfs, "2", "3.5"));
        assert!(!default_meaningful(Measure::Psfs, "5", "3"), "going down is worse on the PSFS");
    }

    #[test]
    fn a_zero_baseline_has_no_relative_change() {
        assert!(!default_meaningful(Measure::NrsPain, "0", "0"));
        assert!(!default_meaningful(Measure::Odi, "0", "0"));
    }

    #[test]
    fn worsening_is_never_meaningful_improvement() {
        assert!(!default_meaningful(Measure::NrsPain, "4", "9"));
    }

    #[test]
    fn threshold_findings_cite_their_measures_sources_only() {
        let nrs = finding(RuleId::Out01, Measure::NrsPain, Detail::NoMeasurement);
        assert_eq!(&nrs.sources[..], [SourceId::Ostelo2008]);
        assert_eq!(nrs.status, Status::V1);
        let psfs = finding(RuleId::Out01, Measure::Psfs, Detail::NoMeasurement);
        assert_eq!(&psfs.sources[..], [SourceId::Psfs1995]);
        assert_eq!(psfs.status, Status::V2, "PSFS-1995 is V2 in the reference");
        let peg = finding(RuleId::Out01, Measure::Peg, Detail::NoMeasurement);
        assert!(peg.sources.contains(&SourceId::PegMid2023), "the PEG threshold's source");
        assert!(!peg.sources.contains(&SourceId::Ostelo2008) && !peg.sources.contains(&SourceId::Psfs1995));
    }

    #[test]
    fn psfs_activities_are_compared_one_by_one() {
        let m = |r: [i64; 3]| Measurement::items(ItemScores::Psfs(crate::Psfs::new(r).unwrap()));
        let (before, after) = (m([2, 4, 5]), m([5, 4, 4]));
        let date = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let c = change(&ChangePolicy::default(), Measure::Psfs, &before, &[(date, &after)]).unwrap();
        assert_eq!(c.absolute.to_string(), "2/3");
        assert!(!c.meaningful, "the mean decides");
        assert_eq!(c.activities.len(), 3);
        assert!(c.activities[0].detectable && c.activities[0].change == 3);
        assert_eq!(c.activities[2].change, -1);
    }

    #[test]
    fn regression_by_threshold_or_two_worse_visits() {
        let p = ChangePolicy::default();
        let at = |scores: &[&str]| scores.iter().map(|t| s(t)).collect::<Vec<_>>();
        assert!(regressing(&p, Measure::NrsPain, s("5"), &at(&["7"])), "worse by the threshold");
        assert!(!regressing(&p, Measure::NrsPain, s("5"), &at(&["6"])), "one visit slightly worse");
        assert!(regressing(&p, Measure::NrsPain, s("5"), &at(&["6", "6"])), "two visits worse");
        assert!(!regressing(&p, Measure::NrsPain, s("5"), &at(&["6", "5"])), "a wobble back to baseline");
        assert!(!regressing(&p, Measure::NrsPain, s("5"), &at(&["6", "4", "6"])), "only the last visit worse");
        assert!(regressing(&p, Measure::Psfs, s("5"), &at(&["4", "4.5"])), "PSFS worse means lower");
        assert!(!regressing(&p, Measure::NrsPain, s("5"), &[]));
    }
}
