//! The one place rule families are combined. The precedence is written here, once.
//!
//! ```text
//! emergency > urgent_evaluation > screening_incomplete > evaluation_first
//!           > acupuncture_reasonable (chronic) | conservative_care_first (acute, subacute)
//! ```
//!
//! 1. Duration under `DUR-01` (with `DUR-02` and `DUR-03` recorded beside it).
//! 2. The red-flag screen (`RF-E`, `RF-U`, `RF-M`, `RF-CLEAR`). A present red flag outranks
//!    an incomplete screen, because an unanswered question cannot make a known emergency less
//!    urgent; an incomplete screen outranks `evaluation_first`, because an unknown required
//!    item may still be an emergency.
//! 3. `RF-00`: under `emergency` and `urgent_evaluation` acupuncture messaging is withheld
//!    (no guideline positions, no evidence statements, no trial plan).
//! 4. Safety advice per modality (`SAFE-01`), capped by the triage; cautions never change the
//!    triage (immunosuppression, also an `RF-M` risk factor, is read by the screen as well).
//! 5. Guideline positions side by side and evidence statements.
//! 6. The trial plan, only with the two favourable outcomes, and the good-fit findings.
//! 7. Safety-netting (`RF-NET`) with every outcome but `emergency`.

use std::borrow::Cow;

use crate::error::IntakeError;
use crate::evidence::RULESET_VERSION;
use crate::model::answers::{RedFlag, Tier};
use crate::model::assessment::{
    Assessment, CONTRACT_VERSION, Detail, DurationCategory, Finding, SymptomDuration, Triage,
};
use crate::rules::{course, duration, guidelines, red_flags, safety};
use crate::{Intake, RuleId};

/// Decides the triage from the screen's tier, its unanswered items and the duration.
#[must_use]
pub fn decide(tier: Option<Tier>, screen_complete: bool, category: DurationCategory) -> Triage {
    match tier {
        Some(Tier::Emergency) => Triage::Emergency,
        Some(Tier::UrgentEvaluation) => Triage::UrgentEvaluation,
        _ if !screen_complete => Triage::ScreeningIncomplete,
        Some(Tier::EvaluationFirst) => Triage::EvaluationFirst,
        None if category == DurationCategory::Chronic => Triage::AcupunctureReasonable,
        None => Triage::ConservativeCareFirst,
    }
}

/// The emergency signs every non-emergency outcome names (`RF-NET`).
pub const SAFETY_NET: [RedFlag; 5] = [
    RedFlag::SaddleNumbness,
    RedFlag::BladderOrBowelChange,
    RedFlag::ProgressiveLegWeakness,
    RedFlag::BilateralLegSymptoms,
    RedFlag::NewFootDrop,
];

/// Triages an intake for acupuncture.
///
/// ```
/// use acupuncture_guidance::{assess, Answer, Intake, Triage};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let intake: Intake = serde_json::from_str(r#"{
///     "assessed_on": "2026-11-27", "onset": {"weeks_ago": 20},
///     "pattern": "non_specific", "age_years": 44,
///     "red_flags": {"saddle_numbness": "present"}
/// }"#)?;
/// let assessment = assess(&intake)?;
/// assert_eq!(assessment.triage, Triage::Emergency);
/// assert!(assessment.trial_plan.is_none());
/// # Ok(())
/// # }
/// ```
///
/// # Errors
///
/// None at present: every check runs when the [`Intake`] is built or deserialized, and missing
/// answers are an outcome, not an error. The `Result` is part of the contract so that later
/// editions can add cross-field checks without breaking callers.
pub fn assess(intake: &Intake) -> Result<Assessment, IntakeError> {
    let mut findings = Vec::with_capacity(24);
    let on = intake.assessed_on();
    let days = intake.duration_days();
    let onset = on - chrono::Days::new(u64::from(days));
    let category = duration::classify(days, onset, on, &mut findings);

    let screen = red_flags::screen(intake, category, &mut findings);
    let triage = decide(screen.tier, screen.unanswered.is_empty(), category);
    let withheld = matches!(triage, Triage::Emergency | Triage::UrgentEvaluation);
    if withheld {
        findings.push(Finding::new(RuleId::Rf00, Detail::AcupunctureWithheld { triage }));
    }

    let modalities = safety::advise_all(intake, triage, screen.tier, &mut findings);

    let (guideline_positions, evidence) = if withheld {
        (Vec::new(), Cow::Borrowed(&[][..]))
    } else {
        let positions = guidelines::positions(category, duration::cdc_category(onset, on));
        guidelines::record(intake, &positions, category, &mut findings);
        (positions, Cow::Borrowed(guidelines::EVIDENCE))
    };

    let trial_plan = triage.allows_trial().then(|| {
        course::good_fit(intake, category, &mut findings);
        safety::course_safety(&mut findings);
        course::plan(intake, &mut findings)
    });

    let safety_net: &'static [RedFlag] = if triage == Triage::Emergency { &[] } else { &SAFETY_NET };
    if !safety_net.is_empty() {
        findings.push(Finding::new(RuleId::RfNet, Detail::SafetyNet { signs: Cow::Borrowed(safety_net) }));
    }

    let also_ask = screen
        .also_ask
        .iter()
        .map(|f| f.as_str())
        .chain(safety::unanswered_cautions(&modalities).map(|c| c.as_str()))
        .map(Cow::Borrowed)
        .collect();

    Ok(Assessment {
        contract_version: CONTRACT_VERSION,
        ruleset_version: Cow::Borrowed(RULESET_VERSION),
        assessed_on: on,
        triage,
        duration: SymptomDuration { days, category },
        pattern: intake.pattern(),
        unanswered: screen.unanswered,
        also_ask,
        red_flags: screen.flags,
        modalities,
        guideline_positions,
        evidence,
        trial_plan,
        safety_net: Cow::Borrowed(safety_net),
        findings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use DurationCategory::{Acute, Chronic, Subacute};

    #[test]
    fn precedence_is_emergency_urgent_incomplete_evaluation_then_duration() {
        assert_eq!(decide(Some(Tier::Emergency), false, Chronic), Triage::Emergency);
        assert_eq!(decide(Some(Tier::UrgentEvaluation), false, Chronic), Triage::UrgentEvaluation);
        assert_eq!(decide(Some(Tier::EvaluationFirst), false, Chronic), Triage::ScreeningIncomplete);
        assert_eq!(decide(None, false, Chronic), Triage::ScreeningIncomplete);
        assert_eq!(decide(Some(Tier::EvaluationFirst), true, Chronic), Triage::EvaluationFirst);
        assert_eq!(decide(None, true, Chronic), Triage::AcupunctureReasonable);
        assert_eq!(decide(None, true, Subacute), Triage::ConservativeCareFirst);
        assert_eq!(decide(None, true, Acute), Triage::ConservativeCareFirst);
    }
}
