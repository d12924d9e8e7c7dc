//! The red-flag screen (reference §7.3): `RF-E`, `RF-U`, `RF-M`, `RF-CLEAR`, `RF-00`.
//!
//! Answers are tri-state and taken at face value. Unknown is never read as absent: an unknown
//! required item makes the screen incomplete, and an unknown partner of a combination is named
//! as the next question.

use std::borrow::Cow;

use crate::model::answers::{Answer, Caution, RedFlag, Tier};
use crate::outcome::assessment::{ClearanceRefusal, DurationCategory, FlagTier};
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::set::RedFlagSet;
use crate::{Intake, RuleId};

/// The weaker cancer risk factors: two or more together are urgent (`RF-U`).
const WEAKER_CANCER_FACTORS: [RedFlag; 3] =
    [RedFlag::UnexplainedWeightLoss, RedFlag::AgeOver50, RedFlag::NoImprovementAfterMonth];

/// Fracture partners: with minor trauma each is urgent (`RF-U`; age over 65 from revision
/// 2026-12, engine policy: the intake does not ask sex, so the lower threshold applies).
const FRACTURE_PARTNERS: [RedFlag; 3] = [RedFlag::Osteoporosis, RedFlag::LongTermCorticosteroids, RedFlag::AgeOver65];

/// Items that raise a tier only in combination.
const COMBINATION_ONLY: [RedFlag; 3] = [RedFlag::MinorTrauma, RedFlag::AgeOver50, RedFlag::AgeOver65];

/// Infection risk factors that make a fever a same-day evaluation (`RF-U`, revision 2026-12,
/// engine policy after ACP-APS-2007's immediate work-up for major infection risk factors).
const INFECTION_RISKS: [RedFlag; 3] =
    [RedFlag::IntravenousDrugUse, RedFlag::Immunosuppression, RedFlag::RecentSeriousInfection];

/// The trauma routes of `RF-U`: major trauma, and minor trauma with a fracture partner.
pub const TRAUMA: [RedFlag; 2] = [RedFlag::MajorTrauma, RedFlag::MinorTrauma];

/// Engine policy (reference §7.3 `RF-U` says "within the last few days" without a number):
/// an urgent trauma route whose pain began this many days ago or fewer is seen the same day.
pub const RECENT_TRAUMA_DAYS: u32 = 7;

/// The items `RF-ASK` requires with a `radicular` pattern: leg symptoms make the `RF-E` leg
/// signs the questions that matter most.
const RADICULAR_REQUIRED: [RedFlag; 2] = [RedFlag::BilateralLegSymptoms, RedFlag::NewFootDrop];

/// What the screen found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    /// The most urgent tier raised by an item or combination still in force.
    pub tier: Option<Tier>,
    /// Present items in force, with the tier they raise, most urgent first.
    pub flags: Vec<FlagTier>,
    /// Required items still unknown (`RF-ASK`: the nine, the radicular leg items, the
    /// combination partners), in screen (catalogue) order.
    pub unanswered: RedFlagSet,
    /// Optional items still unknown and worth asking, most urgent first (catalogue order is tier
    /// order for them, checked at compile time). Each caps the advice at `discuss_first`
    /// (`RF-ASK`).
    pub also_ask: RedFlagSet,
    /// Whether an `RF-U` finding calls for evaluation the same day (fever with another
    /// infection risk factor; a trauma route in the last few days).
    pub same_day: bool,
}

/// The nine required items ([`RedFlag::REQUIRED`]), as a set.
const REQUIRED: RedFlagSet = RedFlagSet::of(&RedFlag::REQUIRED);

/// The optional items (neither required nor derived) are listed in catalogue order, and that
/// order is most urgent first: so a set of them, listed in catalogue order, is already sorted
/// by tier, as `also_ask` and [`Detail::OptionalUnanswered`] promise. Checked at compile time,
/// so that a catalogue change cannot reorder them silently.
const _: () = {
    let (mut rest, mut last) = (RedFlag::ALL, Tier::Emergency as u8);
    while let [flag, tail @ ..] = rest {
        if !REQUIRED.contains(flag) && !flag.is_derived() {
            assert!(flag.tier() as u8 >= last, "the optional red flags must be listed most urgent first");
            last = flag.tier() as u8;
        }
        rest = tail;
    }
};

/// The answer the screen uses for `flag`.
///
/// Derived items follow the intake: the age factors from `age_years` (age over 50 counts only
/// while the pain is not chronic), immunosuppression from the caution of the same name. "No
/// improvement after a month" is asked only in a subacute episode (reference §7.3 `RF-M`,
/// `RF-ASK`): once pain is chronic it carries no information, and before 28 days a month has
/// not passed, so there it is not a question and an unanswered one reads as absent. An answer
/// of `present` is still taken at face value.
#[must_use]
pub fn answer(intake: &Intake, flag: RedFlag, category: DurationCategory) -> Answer {
    let yes = |b: bool| if b { Answer::Present } else { Answer::Absent };
    let years = intake.age().years();
    match flag {
        RedFlag::AgeUnder20 => yes(years < 20),
        RedFlag::AgeOver50 => yes(years > 50 && category != DurationCategory::Chronic),
        RedFlag::AgeOver65 => yes(years > 65),
        RedFlag::Immunosuppression => intake.cautions().get(Caution::Immunosuppression).unwrap_or_default(),
        RedFlag::NoImprovementAfterMonth if category == DurationCategory::Chronic => Answer::Absent,
        RedFlag::NoImprovementAfterMonth if category == DurationCategory::Acute => {
            yes(intake.red_flags().get(flag) == Some(Answer::Present))
        }
        _ => intake.red_flags().get(flag).unwrap_or_default(),
    }
}

/// The items that are not fields of `red_flags` ([`RedFlag::is_derived`]), as a set.
const DERIVED: RedFlagSet = {
    let (mut set, mut rest) = (RedFlagSet::EMPTY, RedFlag::ALL);
    while let [flag, tail @ ..] = rest {
        if flag.is_derived() {
            set = set.with(*flag);
        }
        rest = tail;
    }
    set
};

/// The same-day signs of `RF-NET` ([`RedFlag::SAME_DAY_NET`]), as a set.
const SAME_DAY_NET: RedFlagSet = RedFlagSet::of(&RedFlag::SAME_DAY_NET);

/// Runs the screen and records its findings.
pub fn screen(intake: &Intake, category: DurationCategory, findings: &mut Vec<Finding>) -> Screen {
    // Each answer is read once, into the items reported present and the items unknown.
    let (mut present, mut unknown) = (RedFlagSet::EMPTY, RedFlagSet::EMPTY);
    for &flag in RedFlag::ALL {
        match answer(intake, flag, category) {
            Answer::Present => present.insert(flag),
            Answer::Unknown => unknown.insert(flag),
            Answer::Absent => false,
        };
    }
    // A present item is in force unless a clinician cleared it; emergency signs cannot be
    // cleared through an intake (RF-CLEAR).
    let mut in_force = present;
    for flag in intake.cleared().red_flags().filter(|f| f.tier() != Tier::Emergency) {
        in_force.remove(flag);
    }

    let mut flags = Vec::new();
    for flag in present {
        if !in_force.contains(&flag) {
            findings.push(Finding::new(RuleId::RfClear, Detail::RedFlagCleared { item: flag }));
        } else if !COMBINATION_ONLY.contains(&flag) {
            findings.push(Finding::new(flag.tier().rule(), Detail::RedFlagPresent { item: flag, tier: flag.tier() }));
            flags.push(FlagTier { item: flag, tier: flag.tier() });
        }
    }

    // RF-ASK: the unknown partners of each combination are required answers.
    // RF-CLEAR clears an item's own deferral, not a new fall: a cleared osteoporosis or
    // steroid use (or age) still completes the fracture route with a minor trauma in force.
    // Only clearing the trigger, the trauma itself, removes that route (engine policy,
    // conservative). The cancer factors are one concern, so a cleared factor no longer counts.
    let combinations: [Combination<'_>; 2] = [
        (WEAKER_CANCER_FACTORS.as_slice(), 2, &[][..], in_force),
        (&[RedFlag::MinorTrauma][..], 1, FRACTURE_PARTNERS.as_slice(), present),
    ];
    let mut partners = RedFlagSet::EMPTY;
    for (group, needed, with, partner_counts) in combinations {
        let members = Members { in_force, partner_counts, unknown };
        partners = partners.union(combination(group, needed, with, members, &mut flags, findings));
    }

    if category == DurationCategory::Chronic
        && intake.red_flags().get(RedFlag::NoImprovementAfterMonth) == Some(Answer::Present)
    {
        findings.push(Finding::new(RuleId::RfM, Detail::NotUsedWhenChronic { item: RedFlag::NoImprovementAfterMonth }));
    }
    if in_force.contains(&RedFlag::AgeOver50) {
        findings.push(Finding::new(RuleId::RfM, Detail::AgeSafetyNet { age_years: intake.age().years() }));
    }
    record_refused_clearances(intake, present, findings);
    flags.sort_by_key(|f| f.tier);
    let same_day = same_day(intake, &flags, in_force, findings);

    let radicular = if intake.pattern() == crate::Pattern::Radicular {
        RedFlagSet::of(&RADICULAR_REQUIRED)
    } else {
        RedFlagSet::EMPTY
    };
    let required = REQUIRED.union(radicular).union(partners);
    let unanswered = unknown.intersection(required);
    if !unanswered.is_empty() {
        findings.push(Finding::new(RuleId::Rf00, Detail::ScreeningIncomplete { unanswered }));
        let follow_up = unanswered.difference(REQUIRED);
        if !follow_up.is_empty() {
            findings.push(Finding::new(RuleId::RfAsk, Detail::FollowUpRequired { items: follow_up }));
        }
    }
    // Most urgent first: for the optional items that is catalogue order (checked above).
    let also_ask = unknown.difference(required).difference(DERIVED);
    if !also_ask.is_empty() {
        findings.push(Finding::new(RuleId::RfAsk, Detail::OptionalUnanswered { items: also_ask }));
    }

    Screen { tier: flags.first().map(|f| f.tier), flags, unanswered, also_ask, same_day }
}

/// `RF-U` same-day evaluations (revision 2026-12, engine policy): a fever together with
/// another infection risk factor, a same-day sign of `RF-NET` present, and a trauma route whose pain began in the last few days
/// ([`RECENT_TRAUMA_DAYS`]).
fn same_day(intake: &Intake, flags: &[FlagTier], in_force: RedFlagSet, findings: &mut Vec<Finding>) -> bool {
    let mut same_day = false;
    let risk = |f: &RedFlag| in_force.contains(f);
    if in_force.contains(&RedFlag::Fever) && INFECTION_RISKS.iter().any(risk) {
        let items = std::iter::once(RedFlag::Fever).chain(INFECTION_RISKS.iter().copied().filter(risk)).collect();
        findings.push(Finding::new(RuleId::RfU, Detail::FeverWithInfectionRisk { items }));
        same_day = true;
    }
    // Engine policy (conservative): a sign the same-day safety net (RF-NET) names is already
    // present, so its deadline is no slower than the one that net gives everyone.
    let signs = in_force.intersection(SAME_DAY_NET);
    if !signs.is_empty() {
        findings.push(Finding::new(RuleId::RfU, Detail::SameDaySignPresent { items: signs }));
        same_day = true;
    }
    let trauma = flags.iter().any(|f| TRAUMA.contains(&f.item) && f.tier == Tier::UrgentEvaluation);
    let days = intake.duration_days();
    if trauma && days <= RECENT_TRAUMA_DAYS {
        findings.push(Finding::new(RuleId::RfU, Detail::RecentTrauma { days }));
        same_day = true;
    }
    same_day
}

/// A combination: its group, how many of the group it needs, its partners, and the partners
/// that count.
type Combination<'a> = (&'a [RedFlag], usize, &'a [RedFlag], RedFlagSet);

/// How the members of a combination count.
#[derive(Debug, Clone, Copy)]
struct Members {
    /// The items of the group that count: in force (present and not cleared).
    in_force: RedFlagSet,
    /// The partners that count (for the fracture route: present, even if cleared).
    partner_counts: RedFlagSet,
    /// The items whose answer is unknown.
    unknown: RedFlagSet,
}

/// The required items still open whose `present` answer would raise the tier to urgent or
/// emergency (`RF-ASK` with `RF-U`'s one deadline): an item urgent or emergency on its own, or
/// a partner that would complete an `RF-U` combination (a [`Detail::PossibleCombination`]).
#[must_use]
pub(crate) fn urgent_if_yes(unanswered: RedFlagSet, findings: &[Finding]) -> RedFlagSet {
    let partner = |flag: &RedFlag| {
        findings
            .iter()
            .any(|f| matches!(&f.detail, Detail::PossibleCombination { unknown, .. } if unknown.contains(flag)))
    };
    unanswered.into_iter().filter(|f| f.tier() <= Tier::UrgentEvaluation || partner(f)).collect()
}

/// Whether a `present` answer to `flag`, open in [`urgent_if_yes`], would be a trauma route
/// (the trauma itself, or a fracture partner of a minor trauma).
#[must_use]
pub(crate) fn opens_trauma_route(flag: RedFlag) -> bool {
    TRAUMA.contains(&flag) || FRACTURE_PARTNERS.contains(&flag)
}

/// Records an `RF-U` combination: at least `needed` items of `group` in force, together with
/// one of `partners` when partners are named. When it does not fire, returns the unknown
/// answers whose `present` would complete it (the questions to ask first, `RF-ASK`).
fn combination(
    group: &[RedFlag],
    needed: usize,
    partners: &[RedFlag],
    members: Members,
    flags: &mut Vec<FlagTier>,
    findings: &mut Vec<Finding>,
) -> RedFlagSet {
    let Members { in_force, partner_counts, unknown } = members;
    let (group_set, partner_set) = (RedFlagSet::of(group), RedFlagSet::of(partners));
    // Whether it fires when the items of `in_group` and the partners of `partner` count.
    let fires = |in_group: RedFlagSet, partner: RedFlagSet| {
        group_set.intersection(in_group).len() >= needed
            && (partners.is_empty() || !partner_set.intersection(partner).is_empty())
    };
    // The members that count, in the order the findings list them: the group, then the partners.
    let present = || -> Vec<RedFlag> {
        let in_group = group.iter().copied().filter(|f| in_force.contains(f));
        in_group.chain(partners.iter().copied().filter(|f| partner_counts.contains(f))).collect()
    };
    if fires(in_force, partner_counts) {
        let present = present();
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
        return RedFlagSet::EMPTY;
    }
    // The unknown members one `present` answer away from firing.
    let completes = |f: &RedFlag| unknown.contains(f) && fires(in_force.with(*f), partner_counts.with(*f));
    let completing: RedFlagSet = group.iter().chain(partners).copied().filter(completes).collect();
    let counted = group_set.intersection(in_force).union(partner_set.intersection(partner_counts));
    if !completing.is_empty() {
        let unknown: Vec<RedFlag> = group.iter().chain(partners).copied().filter(completes).collect();
        findings.push(Finding::new(RuleId::RfU, Detail::PossibleCombination { present: present(), unknown }));
    } else if !counted.is_empty() {
        // An answered item that raises a tier only in combination, without its partners: said,
        // so that no text reads it as "no warning sign".
        for item in present().iter().filter(|f| COMBINATION_ONLY.contains(f) && !f.is_derived()) {
            findings.push(Finding::new(RuleId::RfU, Detail::NotUrgentAlone { item: *item }));
        }
    }
    completing
}

/// Clearances that cannot apply: emergency signs, and items not answered present.
fn record_refused_clearances(intake: &Intake, present: RedFlagSet, findings: &mut Vec<Finding>) {
    let cleared = intake.cleared();
    for flag in cleared.red_flags() {
        let reason = if flag.tier() == Tier::Emergency {
            ClearanceRefusal::EmergencyItem
        } else if !present.contains(&flag) {
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
        for partner in [RedFlag::Osteoporosis, RedFlag::LongTermCorticosteroids] {
            let (s, _) = run(&minor.clone().with_red_flag(partner, Answer::Present).unwrap());
            assert_eq!(s.tier, Some(Tier::UrgentEvaluation), "{partner}");
            // Without the trauma the partner alone defers.
            let (s, _) = run(&clear(10, 40).with_red_flag(partner, Answer::Present).unwrap());
            assert_eq!(s.tier, Some(Tier::EvaluationFirst), "{partner}");
        }
    }

    #[test]
    fn rf_u_clearing_a_fracture_partner_does_not_clear_a_new_fall() {
        let cleared = |name: &str| Cleared::from_names([name]).unwrap();
        for partner in [RedFlag::Osteoporosis, RedFlag::LongTermCorticosteroids] {
            let fall = all_absent(10, 60)
                .with_red_flag(RedFlag::MinorTrauma, Answer::Present)
                .unwrap()
                .with_red_flag(partner, Answer::Present)
                .unwrap();
            let (s, findings) = run(&fall.clone().with_cleared(cleared(partner.as_str())));
            assert_eq!(s.tier, Some(Tier::UrgentEvaluation), "{partner} cleared, the fall is new");
            assert!(findings.iter().any(|f| matches!(f.detail, Detail::RedFlagCleared { item } if item == partner)));
            // Clearing the trigger, the trauma itself, removes the route.
            let (s, _) = run(&fall.with_cleared(cleared("minor_trauma")));
            assert_ne!(s.tier, Some(Tier::UrgentEvaluation), "{partner}: trauma cleared");
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
        let (s, findings) = run(&clear(10, 40));
        assert_eq!(s.also_ask.first(), Some(&RedFlag::BilateralLegSymptoms));
        let tiers: Vec<Tier> = s.also_ask.iter().map(|f| f.tier()).collect();
        assert!(tiers.windows(2).all(|w| w[0] <= w[1]));
        assert!(s.also_ask.iter().all(|f| !f.is_required() && !f.is_derived()));
        assert!(findings.iter().any(|f| f.rule == RuleId::RfAsk), "RF-ASK records the open optional items");
        // "No improvement after a month" is a question only in a subacute episode.
        assert!(run(&clear(40, 40)).0.also_ask.contains(&RedFlag::NoImprovementAfterMonth), "asked when subacute");
        assert!(!s.also_ask.contains(&RedFlag::NoImprovementAfterMonth), "not asked before a month has passed");
        assert!(!run(&clear(85, 40)).0.also_ask.contains(&RedFlag::NoImprovementAfterMonth), "not asked once chronic");
    }

    /// Every optional item answered absent, on top of [`clear`].
    fn all_absent(days: u32, age: i64) -> Intake {
        RedFlag::ASKED.iter().fold(clear(days, age), |i, f| i.with_red_flag(*f, Answer::Absent).unwrap())
    }

    #[test]
    fn rf_ask_radicular_pattern_requires_the_leg_signs() {
        let radicular = |i: Intake| {
            let mut i = i;
            for f in [RedFlag::BilateralLegSymptoms, RedFlag::NewFootDrop] {
                i = i.with_red_flag(f, Answer::Unknown).unwrap();
            }
            i
        };
        let mut intake = radicular(all_absent(200, 40));
        let (s, _) = run(&intake);
        assert!(s.unanswered.is_empty(), "optional for non-specific pain");
        assert_eq!(s.also_ask, [RedFlag::BilateralLegSymptoms, RedFlag::NewFootDrop]);
        intake = Intake::new(intake.assessed_on(), intake.onset(), Pattern::Radicular, intake.age())
            .unwrap()
            .with_red_flags(*intake.red_flags());
        let (s, findings) = run(&intake);
        assert_eq!(s.unanswered, [RedFlag::BilateralLegSymptoms, RedFlag::NewFootDrop]);
        assert!(s.also_ask.is_empty());
        assert!(findings.iter().any(|f| matches!(&f.detail, Detail::FollowUpRequired { items } if items.len() == 2)));
    }

    #[test]
    fn rf_ask_combination_partners_are_required() {
        let ask = |i: Intake| run(&i).0.unanswered;
        // Minor trauma → osteoporosis and steroids.
        let minor = all_absent(10, 40)
            .with_red_flag(RedFlag::MinorTrauma, Answer::Present)
            .unwrap()
            .with_red_flag(RedFlag::Osteoporosis, Answer::Unknown)
            .unwrap()
            .with_red_flag(RedFlag::LongTermCorticosteroids, Answer::Unknown)
            .unwrap();
        assert_eq!(ask(minor), [RedFlag::LongTermCorticosteroids, RedFlag::Osteoporosis]);
        // Osteoporosis, steroids or age over 65 → minor trauma.
        let unknown_trauma = |i: Intake| i.with_red_flag(RedFlag::MinorTrauma, Answer::Unknown).unwrap();
        assert_eq!(ask(unknown_trauma(all_absent(10, 66))), [RedFlag::MinorTrauma]);
        assert!(ask(unknown_trauma(all_absent(10, 65))).is_empty(), "65 is not over 65");
        let osteo = all_absent(10, 40).with_red_flag(RedFlag::Osteoporosis, Answer::Present).unwrap();
        assert_eq!(ask(unknown_trauma(osteo)), [RedFlag::MinorTrauma]);
        // A weaker cancer risk factor → no improvement after a month, when subacute only.
        let stalled =
            |days, age| all_absent(days, age).with_red_flag(RedFlag::NoImprovementAfterMonth, Answer::Unknown).unwrap();
        assert_eq!(ask(stalled(50, 62)), [RedFlag::NoImprovementAfterMonth]);
        assert!(ask(stalled(50, 50)).is_empty(), "no weaker factor at 50");
        assert!(ask(stalled(20, 62)).is_empty(), "acute: a month has not passed");
        assert!(ask(stalled(90, 62)).is_empty(), "chronic: not asked");
        let weight = stalled(50, 40).with_red_flag(RedFlag::UnexplainedWeightLoss, Answer::Present).unwrap();
        assert_eq!(ask(weight), [RedFlag::NoImprovementAfterMonth]);
    }

    #[test]
    fn rf_u_minor_trauma_over_65_is_urgent_on_its_own() {
        let minor = |age| all_absent(3, age).with_red_flag(RedFlag::MinorTrauma, Answer::Present).unwrap();
        let (s, findings) = run(&minor(66));
        assert_eq!(s.tier, Some(Tier::UrgentEvaluation));
        assert!(s.same_day, "3 days after the fall: same day");
        assert!(findings.iter().any(|f| matches!(f.detail, Detail::RecentTrauma { days: 3 })));
        assert_eq!(run(&minor(65)).0.tier, None);
    }

    #[test]
    fn rf_u_fever_with_another_infection_risk_is_same_day() {
        let fever = all_absent(200, 40).with_red_flag(RedFlag::Fever, Answer::Present).unwrap();
        // Fever alone is same-day as an RF-NET sign, without the infection-risk finding.
        assert!(!run(&fever).1.iter().any(|f| matches!(f.detail, Detail::FeverWithInfectionRisk { .. })));
        for risk in [RedFlag::IntravenousDrugUse, RedFlag::RecentSeriousInfection] {
            let (s, findings) = run(&fever.clone().with_red_flag(risk, Answer::Present).unwrap());
            assert!(s.same_day, "{risk}");
            assert!(findings.iter().any(|f| matches!(f.detail, Detail::FeverWithInfectionRisk { .. })));
        }
        let immuno = fever.with_caution(Caution::Immunosuppression, Answer::Present);
        assert!(run(&immuno).0.same_day);
    }

    #[test]
    fn rf_u_same_day_signs_present_are_same_day() {
        for sign in RedFlag::SAME_DAY_NET {
            let (s, findings) = run(&all_absent(200, 40).with_red_flag(sign, Answer::Present).unwrap());
            assert!(s.same_day, "{sign}");
            assert!(
                findings.iter().any(|f| matches!(&f.detail, Detail::SameDaySignPresent { items } if items == &[sign]))
            );
        }
    }

    #[test]
    fn the_constant_sets_agree_with_the_catalogue() {
        for flag in RedFlag::ALL {
            assert_eq!(REQUIRED.contains(flag), flag.is_required(), "{flag}");
            assert_eq!(DERIVED.contains(flag), flag.is_derived(), "{flag}");
        }
        // Listed in catalogue order, so the set lists them as the slice does.
        assert_eq!(SAME_DAY_NET, RedFlag::SAME_DAY_NET);
        assert_eq!(REQUIRED, RedFlag::REQUIRED);
    }

    #[test]
    fn also_ask_is_most_urgent_first() {
        let (s, _) = run(&clear(40, 40));
        let mut by_tier = s.also_ask.to_vec();
        by_tier.sort_by_key(|f| f.tier());
        assert_eq!(s.also_ask, by_tier);
        assert!(s.also_ask.len() > 3, "{:?}", s.also_ask);
    }

    #[test]
    fn trauma_routes_are_same_day_within_a_week_of_onset() {
        let major = |days| all_absent(days, 40).with_red_flag(RedFlag::MajorTrauma, Answer::Present).unwrap();
        assert!(run(&major(RECENT_TRAUMA_DAYS)).0.same_day);
        assert!(!run(&major(RECENT_TRAUMA_DAYS + 1)).0.same_day);
    }
}
