//! The red-flag screen (reference §7.3): `RF-E`, `RF-U`, `RF-M`, `RF-CLEAR`, `RF-00`.
//!
//! Answers are tri-state and taken at face value. Unknown is never read as absent: an unknown
//! required item makes the screen incomplete, and an unknown partner of a combination is named
//! as the next question.

use std::borrow::Cow;

use crate::model::answers::{Answer, Caution, RedFlag, Tier};
use crate::model::assessment::{ClearanceRefusal, Detail, DurationCategory, Finding, FlagTier};
use crate::{Intake, RuleId};

/// The weaker cancer risk factors: two or more together are urgent (`RF-U`).
const WEAKER_CANCER_FACTORS: [RedFlag; 3] = [
    RedFlag::UnexplainedWeightLoss,
    RedFlag::AgeOver50,
    RedFlag::NoImprovementAfterMonth,
];

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

    let combinations = [
        (WEAKER_CANCER_FACTORS.as_slice(), 2, &[][..]),
        (&[RedFlag::MinorTrauma][..], 1, BONE_FACTORS.as_slice()),
    ];
    for (group, needed, partners) in combinations {
        combination(group, needed, partners, &in_force, &answer_of, &mut flags, findings);
    }

    if category == DurationCategory::Chronic && intake.red_flags().get(RedFlag::NoImprovementAfterMonth) == Some(Answer::Present) {
        findings.push(Finding::new(RuleId::RfM, Detail::NotUsedWhenChronic { item: RedFlag::NoImprovementAfterMonth }));
    }
    if in_force(RedFlag::AgeOver50) {
        findings.push(Finding::new(RuleId::RfM, Detail::AgeSafetyNet { age_years: intake.age().years() }));
    }
    record_refused_clearances(intake, category, findings);

    flags.sort_by_key(|f| f.tier);
    let unanswered: Vec<RedFlag> =
        RedFlag::REQUIRED.into_iter().filter(|f| answer_of(*f) == Answer::Unknown).collect();
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
        for item in present.iter().filter(|f| COMBINATION_ONLY.contains(f)) {
            flags.push(FlagTier { item: *item, tier: Tier::UrgentEvaluation });
        }
        findings.push(Finding::new(RuleId::RfU, Detail::RedFlagCombination { items: present, tier: Tier::UrgentEvaluation }));
        return;
    }
    let unknown: Vec<RedFlag> = group
        .iter()
        .chain(partners)
        .copied()
        .filter(|f| answer_of(*f) == Answer::Unknown && fires(Some(*f)))
        .collect();
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
        findings.push(Finding::new(RuleId::RfClear, Detail::ClearanceNotApplied { item: Cow::Borrowed(flag.as_str()), reason }));
    }
    for caution in cleared.cautions() {
        // A name that is also a red flag was handled above.
        let also_flag = caution.as_str().parse::<RedFlag>().is_ok();
        if !also_flag && intake.cautions().get(caution) != Some(Answer::Present) {
            findings.push(Finding::new(
                RuleId::RfClear,
                Detail::ClearanceNotApplied { item: Cow::Borrowed(caution.as_str()), reason: ClearanceRefusal::NotPresent },
            ));
        }
    }
}
