//! Meaningful change (`OUT-01`) and regression (`OUT-02`), both engine policy built on
//! OSTELO-2008, PEG-MID-2023 and PSFS-1995, computed in each measure's direction with exact
//! arithmetic: a change exactly at a threshold counts.

use crate::model::change_policy::ChangePolicy;
use crate::model::measures::Measure;
use crate::model::score::{Delta, Score};

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

/// The change so far: the latest of `scored` (date order, baseline excluded) against the
/// baseline, with `OUT-01` and `OUT-02` applied. `None` before any session is scored.
#[must_use]
pub fn change(
    policy: &ChangePolicy,
    measure: Measure,
    baseline: Score,
    scored: &[(chrono::NaiveDate, Score)],
) -> Option<crate::outcome::course_review::Change> {
    let &(latest_date, latest) = scored.last()?;
    let scores: Vec<Score> = scored.iter().map(|(_, s)| *s).collect();
    let gain = improvement(measure, baseline, latest);
    Some(crate::outcome::course_review::Change {
        baseline,
        latest,
        latest_date,
        absolute: gain.to_f64(),
        relative: gain.percent_of(baseline),
        meaningful: meaningful(policy, measure, baseline, latest),
        regressing: regressing(policy, measure, baseline, &scores),
        threshold: policy.threshold(measure),
    })
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
