//! The red-flag screen (reference §7.3): `RF-E`, `RF-U`, `RF-M`, `RF-CLEAR`, `RF-00`.
//!
//! Answers are tri-state and taken at face value. Unknown is never read as absent: an unknown
//! required item makes the screen incomplete, and an unknown partner of a combination is named
//! as the next question.

use std::borrow::Cow;

use crate::model::answers::{Answer, Caution, RedFlag, Tier};
use crate::outcome::assessment::{ClearanceRefusal, DurationCategory, FlagTier};
use crate::outcome::finding::{Detail, Finding};
use crate::{Intake, RuleId};

/// The weaker cancer risk factors: two or more together are urgent (`RF-U`).
const WEAKER_CANCER_FACTORS: [RedFlag; 3] =
    [RedFlag::UnexplainedWeightLoss, RedFlag::AgeOver50, RedFlag::NoImprovementAfterMonth];

/// Bone-fragility factors: with minor trauma they are urgent (`RF-U`).
const BONE_FACTORS: [RedFlag; 2] = [RedFlag::Osteoporosis, RedFlag::LongTermCorticosteroids];

/// Items that raise a tier only in combination.
const COMBINATION_ONLY: [RedFlag; 2] = [RedFlag::MinorTrauma, RedFlag::AgeOver50];

/// What the screen found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// The most urgent tier raised by an item or combination still in force.
    pub tier: Option<Tier>,
    /// Present items in force, with the tier they raise, most urgent first.
    pub flags: Vec<FlagTier>,
    /// Required items still unknown, in screen order.
    pub unanswered: Vec<RedFlag>,
    /// Optional items still unknown and worth asking, most urgent first.
    pub also_ask: Vec<RedFlag>,
}

/// The answer the screen uses for `flag`.
///
/// Derived items follow the intake: the age factors from `age_years` (age over 50 counts only
/// while the pain is not chronic), immunosuppression from the caution of the same name. Once
/// pain is chronic, "no improvement after a month" carries no information and reads as absent
/// (reference §7.3 `RF-M`).
#[must_use]
pub fn answer(intake: &Intake, flag: RedFlag, category: DurationCategory) -> Answer {
    let chronic = category == DurationCategory::Chronic;
    let yes = |b: bool| if b { Answer::Present } else { Answer::Absent };
    match flag {
        RedFlag::AgeUnder20 => yes(intake.age().years() < 20),
        RedFlag::AgeOver50 => yes(intake.age().years() > 50 && !chronic),
        RedFlag::Immunosuppression => intake.cautions().get(Caution::Immunosuppression).unwrap_or_default(),
        RedFlag::NoImprovementAfterMonth if chronic => Answer::Absent,
        _ => intake.red_flags().get(flag).unwrap_or_default(),
    }
}

/// Runs the screen and records its findings.
pub fn screen(intake: &Intake, category: DurationCategory, findings: &mut Vec<Finding>) -> Screen {
    let cleared = intake.cleared();
    let answer_of = |flag| answer(intake, flag, category);
    // A present item is in force unless a clinician cleared it; emergency signs cannot be
    // cleared through an intake (RF-CLEAR).
    let in_force = |flag: RedFlag| {
        answer_of(flag) == Answer::Present && (flag.tier() == Tier::Emergency || !cleared.red_flag(flag))
    };

    let mut flags = Vec::new();
    for &flag in RedFlag::ALL {
        if answer_of(flag) != Answer::Present {
            continue;
        }
        if !in_force(flag) {
            findings.push(Finding::new(RuleId::RfClear, Detail::RedFlagCleared { item: flag }));
        } else if !COMBINATION_ONLY.contains(&flag) {
            findings.push(Finding::new(flag.tier().rule(), Detail::RedFlagPresent { item: flag, tier: flag.tier() }));
            flags.push(FlagTier { item: flag, tier: flag.tier() });
        }
    }

    let combinations =
        [(WEAKER_CANCER_FACTORS.as_slice(), 2, &[][..]), (&[RedFlag::MinorTrauma][..], 1, BONE_FACTORS.as_slice())];
    for (group, needed, partners) in combinations {
        combination(group, needed, partners, &in_force, &answer_of, &mut flags, findings);
    }

    if category == DurationCategory::Chronic
        && intake.red_flags().get(RedFlag::NoImprovementAfterMonth) == Some(Answer::Present)
    {
        findings.push(Finding::new(RuleId::RfM, Detail::NotUsedWhenChronic { item: RedFlag::NoImprovementAfterMonth }));
    }
    if in_force(RedFlag::AgeOver50) {
        findings.push(Finding::new(RuleId::RfM, Detail::AgeSafetyNet { age_years: intake.age().years() }));
    }
    record_refused_clearances(intake, category, findings);

    flags.sort_by_key(|f| f.tier);
    let unanswered: Vec<RedFlag> = RedFlag::REQUIRED.into_iter().filter(|f| answer_of(*f) == Answer::Unknown).collect();
    if !unanswered.is_empty() {
        findings.push(Finding::new(RuleId::Rf00, Detail::ScreeningIncomplete { unanswered: unanswered.clone() }));
    }
    let mut also_ask: Vec<RedFlag> = RedFlag::ALL
        .iter()
        .copied()
        .filter(|f| !f.is_required() && !f.is_derived() && answer_of(*f) == Answer::Unknown)
        .collect();
    also_ask.sort_by_key(|f| f.tier());

    Screen { tier: flags.first().map(|f| f.tier), flags, unanswered, also_ask }
}

/// Records an `RF-U` combination: at least `needed` items of `group` in force, together with
/// one of `partners` when partners are named. When one unknown answer would complete it,
/// records those answers as the ones to ask first.
fn combination(
    group: &[RedFlag],
    needed: usize,
    partners: &[RedFlag],
    in_force: &dyn Fn(RedFlag) -> bool,
    answer_of: &dyn Fn(RedFlag) -> Answer,
    flags: &mut Vec<FlagTier>,
    findings: &mut Vec<Finding>,
) {
    let fires = |assumed: Option<RedFlag>| {
        let present = |f: &&RedFlag| in_force(**f) || Some(**f) == assumed;
        group.iter().filter(present).count() >= needed && (partners.is_empty() || partners.iter().any(|f| present(&f)))
    };
    let present: Vec<RedFlag> = group.iter().chain(partners).copied().filter(|f| in_force(*f)).collect();
    if fires(None) {
        // Each member now raises the combination's tier.
        for item in &present {
            match flags.iter_mut().find(|f| f.item == *item) {
                Some(flag) => flag.tier = flag.tier.min(Tier::UrgentEvaluation),
                None => flags.push(FlagTier { item: *item, tier: Tier::UrgentEvaluation }),
            }
        }
        findings.push(Finding::new(
            RuleId::RfU,
            Detail::RedFlagCombination { items: present, tier: Tier::UrgentEvaluation },
        ));
        return;
    }
    let unknown: Vec<RedFlag> =
        group.iter().chain(partners).copied().filter(|f| answer_of(*f) == Answer::Unknown && fires(Some(*f))).collect();
    if !unknown.is_empty() {
        findings.push(Finding::new(RuleId::RfU, Detail::PossibleCombination { present, unknown }));
    }
}

/// Clearances that cannot apply: emergency signs, and items not answered present.
fn record_refused_clearances(intake: &Intake, category: DurationCategory, findings: &mut Vec<Finding>) {
    let cleared = intake.cleared();
    for flag in cleared.red_flags() {
        let reason = if flag.tier() == Tier::Emergency {
            ClearanceRefusal::EmergencyItem
        } else if answer(intake, flag, category) != Answer::Present {
            ClearanceRefusal::NotPresent
        } else {
            continue;
        };
        findings.push(Finding::new(
            RuleId::RfClear,
            Detail::ClearanceNotApplied { item: Cow::Borrowed(flag.as_str()), reason },
        ));
    }
    for caution in cleared.cautions() {
        // A name that is also a red flag was handled above.
        let also_flag = caution.as_str().parse::<RedFlag>().is_ok();
        if !also_flag && intake.cautions().get(caution) != Some(Answer::Present) {
            findings.push(Finding::new(
                RuleId::RfClear,
                Detail::ClearanceNotApplied {
                    item: Cow::Borrowed(caution.as_str()),
                    reason: ClearanceRefusal::NotPresent,
                },
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Age, Cleared, Onset, Pattern};
    use chrono::NaiveDate;

    /// A complete screen (the nine required items absent), `days` since onset, aged `age`.
    fn clear(days: u32, age: i64) -> Intake {
        let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut intake = Intake::new(on, Onset::DaysAgo(days), Pattern::NonSpecific, Age::new(age).unwrap()).unwrap();
        for flag in RedFlag::REQUIRED {
            intake = intake.with_red_flag(flag, Answer::Absent).unwrap();
        }
        intake
    }

    fn run(intake: &Intake) -> (Screen, Vec<Finding>) {
        let category = crate::rules::duration::acp_category(intake.duration_days());
        let mut findings = Vec::new();
        (screen(intake, category, &mut findings), findings)
    }

    #[test]
    fn each_required_item_has_its_tier_when_present() {
        for flag in RedFlag::REQUIRED {
            let (s, findings) = run(&clear(200, 40).with_red_flag(flag, Answer::Present).unwrap());
            assert_eq!(s.tier, Some(flag.tier()), "{flag}");
            assert!(findings.iter().any(|f| f.rule == flag.tier().rule()), "{flag} cites its tier's rule");
        }
    }

    #[test]
    fn unknown_required_items_are_unanswered_in_screen_order_and_never_absent() {
        let intake = clear(200, 40)
            .with_red_flag(RedFlag::Fever, Answer::Unknown)
            .unwrap()
            .with_red_flag(RedFlag::SaddleNumbness, Answer::Unknown)
            .unwrap();
        let (s, _) = run(&intake);
        assert_eq!(s.unanswered, [RedFlag::SaddleNumbness, RedFlag::Fever]);
        assert_eq!(s.tier, None);
    }

    #[test]
    fn age_under_20_defers_and_20_does_not() {
        assert_eq!(run(&clear(200, 19)).0.tier, Some(Tier::EvaluationFirst));
        assert_eq!(run(&clear(200, 20)).0.tier, None);
    }

    #[test]
    fn age_over_50_with_non_chronic_pain_only_adds_a_safety_net() {
        let (s, findings) = run(&clear(30, 51));
        assert_eq!(s.tier, None);
        assert!(findings.iter().any(|f| matches!(f.detail, Detail::AgeSafetyNet { age_years: 51 })));
        let (_, findings) = run(&clear(30, 50));
        assert!(!findings.iter().any(|f| matches!(f.detail, Detail::AgeSafetyNet { .. })), "50 is not over 50");
        let (_, findings) = run(&clear(85, 70));
        assert!(!findings.iter().any(|f| matches!(f.detail, Detail::AgeSafetyNet { .. })), "not with chronic pain");
    }

    #[test]
    fn two_weaker_cancer_risk_factors_escalate_to_urgent() {
        // Weight loss alone defers (RF-M); with age over 50 and non-chronic pain it is urgent.
        let weight_loss =
            |days, age| clear(days, age).with_red_flag(RedFlag::UnexplainedWeightLoss, Answer::Present).unwrap();
        assert_eq!(run(&weight_loss(30, 40)).0.tier, Some(Tier::EvaluationFirst));
        assert_eq!(run(&weight_loss(30, 51)).0.tier, Some(Tier::UrgentEvaluation));
        assert_eq!(run(&weight_loss(30, 50)).0.tier, Some(Tier::EvaluationFirst));
        // Chronic pain: age no longer counts.
        assert_eq!(run(&weight_loss(85, 70)).0.tier, Some(Tier::EvaluationFirst));
        // No improvement after a month with age over 50 (subacute): urgent.
        let stalled = clear(40, 60).with_red_flag(RedFlag::NoImprovementAfterMonth, Answer::Present).unwrap();
        assert_eq!(run(&stalled).0.tier, Some(Tier::UrgentEvaluation));
    }

    #[test]
    fn weight_loss_with_no_improvement_escalates_without_age() {
        // Two weaker factors that each defer alone are urgent together, and each now raises
        // the combination's tier.
        let intake = clear(40, 30)
            .with_red_flag(RedFlag::UnexplainedWeightLoss, Answer::Present)
            .unwrap()
            .with_red_flag(RedFlag::NoImprovementAfterMonth, Answer::Present)
            .unwrap();
        let (s, _) = run(&intake);
        assert_eq!(s.tier, Some(Tier::UrgentEvaluation));
        assert!(s.flags.iter().all(|f| f.tier == Tier::UrgentEvaluation), "{:?}", s.flags);
    }

    #[test]
    fn no_improvement_after_a_month_is_not_used_once_chronic() {
        let stalled = |days| clear(days, 40).with_red_flag(RedFlag::NoImprovementAfterMonth, Answer::Present).unwrap();
        assert_eq!(run(&stalled(84)).0.tier, Some(Tier::EvaluationFirst));
        let (s, findings) = run(&stalled(85));
        assert_eq!(s.tier, None);
        assert!(findings.iter().any(|f| matches!(f.detail, Detail::NotUsedWhenChronic { .. })));
    }

    #[test]
    fn minor_trauma_is_urgent_only_with_osteoporosis_or_steroids() {
        let minor = clear(10, 40).with_red_flag(RedFlag::MinorTrauma, Answer::Present).unwrap();
        let (s, findings) = run(&minor);
        assert_eq!(s.tier, None);
        // The partners are unknown: they are named as the questions to ask first.
        assert!(findings.iter().any(|f| matches!(&f.detail, Detail::PossibleCombination { unknown, .. }
            if unknown == &[RedFlag::Osteoporosis, RedFlag::LongTermCorticosteroids])));
        for partner in BONE_FACTORS {
            let (s, _) = run(&minor.clone().with_red_flag(partner, Answer::Present).unwrap());
            assert_eq!(s.tier, Some(Tier::UrgentEvaluation), "{partner}");
            // Without the trauma the partner alone defers.
            let (s, _) = run(&clear(10, 40).with_red_flag(partner, Answer::Present).unwrap());
            assert_eq!(s.tier, Some(Tier::EvaluationFirst), "{partner}");
        }
    }

    #[test]
    fn optional_emergency_signs_are_emergencies() {
        for flag in [RedFlag::BilateralLegSymptoms, RedFlag::NewFootDrop] {
            assert_eq!(run(&clear(10, 40).with_red_flag(flag, Answer::Present).unwrap()).0.tier, Some(Tier::Emergency));
        }
    }

    #[test]
    fn immunosuppression_is_read_from_the_caution() {
        let intake = clear(200, 40).with_caution(Caution::Immunosuppression, Answer::Present);
        assert_eq!(run(&intake).0.tier, Some(Tier::EvaluationFirst));
    }

    #[test]
    fn clearance_lifts_urgent_and_evaluation_items_but_never_emergency_ones() {
        let cleared = |names: &[&str]| Cleared::from_names(names).unwrap();
        let cancer = clear(200, 40).with_red_flag(RedFlag::HistoryOfCancer, Answer::Present).unwrap();
        let (s, findings) = run(&cancer.clone().with_cleared(cleared(&["history_of_cancer"])));
        assert_eq!(s.tier, None);
        assert!(findings.iter().any(|f| f.rule == RuleId::RfClear));

        let saddle = clear(200, 40).with_red_flag(RedFlag::SaddleNumbness, Answer::Present).unwrap();
        let (s, findings) = run(&saddle.with_cleared(cleared(&["saddle_numbness"])));
        assert_eq!(s.tier, Some(Tier::Emergency));
        assert!(
            findings.iter().any(|f| matches!(
                f.detail,
                Detail::ClearanceNotApplied { reason: ClearanceRefusal::EmergencyItem, .. }
            ))
        );

        let young = clear(200, 19).with_cleared(cleared(&["age_under_20"]));
        assert_eq!(run(&young).0.tier, None);
    }

    #[test]
    fn clearance_of_an_unknown_item_does_not_answer_it() {
        let intake = clear(200, 40)
            .with_red_flag(RedFlag::Fever, Answer::Unknown)
            .unwrap()
            .with_cleared(Cleared::from_names(["fever"]).unwrap());
        let (s, findings) = run(&intake);
        assert_eq!(s.unanswered, [RedFlag::Fever]);
        assert!(
            findings
                .iter()
                .any(|f| matches!(f.detail, Detail::ClearanceNotApplied { reason: ClearanceRefusal::NotPresent, .. }))
        );
    }

    #[test]
    fn also_ask_lists_unknown_optional_items_emergency_first() {
        let (s, _) = run(&clear(10, 40));
        assert_eq!(s.also_ask.first(), Some(&RedFlag::BilateralLegSymptoms));
        let tiers: Vec<Tier> = s.also_ask.iter().map(|f| f.tier()).collect();
        assert!(tiers.windows(2).all(|w| w[0] <= w[1]));
        assert!(s.also_ask.iter().all(|f| !f.is_required() && !f.is_derived()));
        assert!(s.also_ask.contains(&RedFlag::NoImprovementAfterMonth), "asked before pain is chronic");
        assert!(!run(&clear(85, 40)).0.also_ask.contains(&RedFlag::NoImprovementAfterMonth), "not asked once chronic");
    }
}
