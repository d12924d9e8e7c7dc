//! Safety advice per modality (reference §8, `SAFE-01`), and the user-facing safety facts
//! (`SAFE-AE-01`, `SAFE-FDA-01`).
//!
//! Cautions shape the advice only; they never change the triage. The triage, in turn, caps the
//! advice: under `emergency`, `urgent_evaluation` and `evaluation_first` every modality is
//! `not_advised` until the person is evaluated, and under `screening_incomplete` nothing is
//! better than `discuss_first`.

use crate::model::answers::{Answer, Caution, Tier};
use crate::outcome::assessment::{Advice, ModalityAdvice, Triage, unanswered_cautions};
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::set::CautionSet;
use crate::{Intake, Modality, RuleId};

/// The `SAFE-01` table: the advice a present caution calls for under `modality`.
///
/// Revision 2026-12: every present caution calls for `discuss_first` at least, under every
/// modality, including the cautions the sources name for electroacupuncture only (there
/// electroacupuncture is `not_advised`; needling without current avoids the areas concerned).
#[must_use]
pub const fn caution_advice(caution: Caution, modality: Modality) -> Advice {
    use Advice::{DiscussFirst, NeedsClearance, NotAdvised};
    let electro = matches!(modality, Modality::Electroacupuncture);
    match caution {
        Caution::Anticoagulants | Caution::BleedingDisorder | Caution::Immunosuppression | Caution::SeizureDisorder => {
            DiscussFirst
        }
        Caution::SevereBleedingDisorder => NotAdvised,
        Caution::SkinLesionAtNeedleSite => NeedsClearance,
        // WHO-1999 (secondary), SIERPINA-2005, RAPSON-2008: contraindicated for electrical
        // stimulation; needling alone is a matter to discuss. WHO-1999 (secondary quote) names
        // loss of skin sensation and impaired circulation for electroacupuncture only.
        Caution::Pregnancy
        | Caution::ImplantedElectricalDevice
        | Caution::LossOfSkinSensation
        | Caution::ImpairedCirculation => {
            if electro {
                NotAdvised
            } else {
                DiscussFirst
            }
        }
    }
}

/// The most permissive advice the triage allows. A red flag in force of any tier defers
/// needling even when an incomplete screen is what the triage reports, so that an unknown
/// answer never allows more than an absent one.
#[must_use]
pub const fn advice_cap(triage: Triage, flag_in_force: Option<Tier>) -> Advice {
    if flag_in_force.is_some() {
        return Advice::NotAdvised;
    }
    match triage {
        Triage::Emergency | Triage::UrgentEvaluation | Triage::EvaluationFirst => Advice::NotAdvised,
        Triage::ScreeningIncomplete => Advice::DiscussFirst,
        Triage::AcupunctureReasonable | Triage::ConservativeCareFirst => Advice::Suitable,
    }
}

/// Whether a caution is a question for this intake (`RF-ASK`): the severity of a bleeding
/// disorder only once a bleeding disorder is present, and the cautions the sources name for
/// electroacupuncture only when electroacupuncture is proposed.
#[must_use]
pub fn asked(intake: &Intake, caution: Caution) -> bool {
    match caution {
        Caution::SevereBleedingDisorder => intake.cautions().get(Caution::BleedingDisorder) == Some(Answer::Present),
        Caution::LossOfSkinSensation | Caution::ImpairedCirculation => {
            intake.proposed_modalities().contains(&Modality::Electroacupuncture)
        }
        _ => true,
    }
}

/// The caution answers the advice reads, each read once for every proposed modality.
#[derive(Debug, Clone, Copy)]
struct Cautions {
    /// Answered present.
    present: CautionSet,
    /// Unknown and a question for this intake ([`asked`]).
    asked: CautionSet,
    /// Cleared by the clinician who manages them.
    cleared: CautionSet,
}

impl Cautions {
    fn of(intake: &Intake) -> Self {
        let (mut present, mut asked_now) = (CautionSet::EMPTY, CautionSet::EMPTY);
        for (caution, answer) in intake.cautions().iter() {
            match answer {
                Answer::Present => {
                    present.insert(caution);
                }
                Answer::Unknown if asked(intake, caution) => {
                    asked_now.insert(caution);
                }
                Answer::Unknown | Answer::Absent => {}
            }
        }
        Cautions { present, asked: asked_now, cleared: intake.cleared().cautions().collect() }
    }

    /// The level a present `caution` calls for under `modality`: a caution cleared by the
    /// clinician who manages it is still discussed.
    fn level(&self, caution: Caution, modality: Modality) -> Advice {
        let level = caution_advice(caution, modality);
        if self.cleared.contains(&caution) { level.min(Advice::DiscussFirst) } else { level }
    }

    fn advise(&self, cap: Advice, modality: Modality) -> ModalityAdvice {
        let mut advice = cap;
        for caution in self.present {
            advice = advice.max(self.level(caution, modality));
        }
        if !self.asked.is_empty() {
            advice = advice.max(Advice::DiscussFirst);
        }
        let because: CautionSet = self.present.into_iter().filter(|c| self.level(*c, modality) == advice).collect();
        ModalityAdvice {
            modality,
            advice,
            because,
            unanswered: self.asked,
            also_present: self.present.difference(because),
        }
    }
}

/// Advice for one modality, starting from the cap the triage allows ([`advice_cap`]).
///
/// Every present caution and every unanswered caution that is asked ([`asked`]) holds the
/// advice at `discuss_first` or stricter. `because` names exactly the cautions whose own level
/// is the advice given; the other present cautions are listed in `also_present`.
/// ([`advise_all`] reads the answers once for every modality.)
#[cfg(test)]
#[must_use]
pub fn advise(intake: &Intake, cap: Advice, modality: Modality) -> ModalityAdvice {
    Cautions::of(intake).advise(cap, modality)
}

/// Advice for every proposed modality, with the findings that explain it. `discuss_first`
/// holds every modality at `discuss_first` or stricter, as unanswered cautions do: the engine
/// sets it while optional red-flag questions are open (`RF-ASK`) or when an earlier course did
/// not help (`ENG-REPEAT`: no trial plan, so nothing is `suitable`).
pub fn advise_all(
    intake: &Intake,
    triage: Triage,
    flag_in_force: Option<Tier>,
    discuss_first: bool,
    findings: &mut Vec<Finding>,
) -> Vec<ModalityAdvice> {
    let held = advice_cap(triage, flag_in_force);
    let cap = if discuss_first { held.max(Advice::DiscussFirst) } else { held };
    let cautions = Cautions::of(intake);
    let advice: Vec<ModalityAdvice> = intake.proposed_modalities().iter().map(|m| cautions.advise(cap, *m)).collect();

    for caution in cautions.present {
        findings.push(Finding::new(RuleId::Safe01, Detail::CautionPresent { caution }));
        if cautions.cleared.contains(&caution) {
            findings.push(Finding::new(RuleId::RfClear, Detail::CautionCleared { caution }));
        }
    }
    let unanswered: CautionSet = unanswered_cautions(&advice).collect();
    if !unanswered.is_empty() {
        findings.push(Finding::new(RuleId::Safe01, Detail::CautionsUnanswered { cautions: unanswered }));
    }
    if held != Advice::Suitable {
        findings.push(Finding::new(RuleId::Safe01, Detail::AdviceHeldByTriage { triage, at_most: held }));
    }
    if held != Advice::NotAdvised && advice.iter().all(|m| m.advice == Advice::NotAdvised) {
        findings.push(Finding::new(RuleId::Safe01, Detail::NoUsableModality));
    }
    advice
}

/// The safety facts a person about to start a course is told (`SAFE-AE-01`, `SAFE-FDA-01`).
pub fn course_safety(findings: &mut Vec<Finding>) {
    findings.push(Finding::new(RuleId::SafeAe01, Detail::SideEffects));
    findings.push(Finding::new(RuleId::SafeFda01, Detail::SingleUseNeedles));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_01_device_is_not_advised_for_electroacupuncture_only() {
        assert_eq!(
            caution_advice(Caution::ImplantedElectricalDevice, Modality::Electroacupuncture),
            Advice::NotAdvised
        );
        assert_eq!(
            caution_advice(Caution::ImplantedElectricalDevice, Modality::ManualAcupuncture),
            Advice::DiscussFirst
        );
    }
    use crate::{Age, Cleared, Onset, Pattern};
    use chrono::NaiveDate;

    /// Every caution answered absent, all three modalities proposed.
    fn answered() -> Intake {
        let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut intake = Intake::new(on, Onset::DaysAgo(200), Pattern::NonSpecific, Age::new(40).unwrap())
            .unwrap()
            .with_modalities(Modality::ALL.iter().copied())
            .unwrap();
        for caution in Caution::ALL {
            intake = intake.with_caution(*caution, Answer::Absent);
        }
        intake
    }

    fn advice(intake: &Intake, triage: Triage) -> Vec<Advice> {
        let cap = advice_cap(triage, None);
        Modality::ALL.iter().map(|m| advise(intake, cap, *m).advice).collect()
    }

    const OK: Triage = Triage::AcupunctureReasonable;

    #[test]
    fn suitable_needs_every_caution_answered_absent_and_a_favourable_triage() {
        use Advice::{DiscussFirst, NotAdvised, Suitable};
        assert_eq!(advice(&answered(), OK), [Suitable; 3]);
        assert_eq!(advice(&answered(), Triage::ConservativeCareFirst), [Suitable; 3]);
        assert_eq!(advice(&answered(), Triage::ScreeningIncomplete), [DiscussFirst; 3]);
        for triage in [Triage::Emergency, Triage::UrgentEvaluation, Triage::EvaluationFirst] {
            assert_eq!(advice(&answered(), triage), [NotAdvised; 3], "{triage}");
        }
        // An incomplete screen with a flag in force already defers needling: an unknown answer
        // must not allow more than an absent one would (absent here gives evaluation_first).
        assert_eq!(advice_cap(Triage::ScreeningIncomplete, Some(Tier::EvaluationFirst)), NotAdvised);
    }

    #[test]
    fn an_unanswered_caution_caps_every_modality_at_discuss_first() {
        use Advice::{DiscussFirst, Suitable};
        let intake = answered().with_caution(Caution::SeizureDisorder, Answer::Unknown);
        assert_eq!(advice(&intake, OK), [DiscussFirst; 3]);
        // RF-ASK: an electroacupuncture-only caution is a question while electroacupuncture is
        // proposed, and then it holds every modality (its answer would: SAFE-01 revised).
        let intake = answered().with_caution(Caution::LossOfSkinSensation, Answer::Unknown);
        assert_eq!(advice(&intake, OK), [DiscussFirst; 3]);
        // Without electroacupuncture it is not asked.
        let manual = intake.with_modalities([Modality::ManualAcupuncture, Modality::DryNeedling]).unwrap();
        let m = advise(&manual, advice_cap(OK, None), Modality::ManualAcupuncture);
        assert_eq!((m.advice, m.unanswered.len()), (Suitable, 0));
    }

    #[test]
    fn safe_01_any_present_caution_caps_every_modality_and_because_names_what_set_the_level() {
        use Advice::{DiscussFirst, NotAdvised};
        for caution in [Caution::LossOfSkinSensation, Caution::ImpairedCirculation] {
            let with = advice(&answered().with_caution(caution, Answer::Present), OK);
            assert_eq!(with, [DiscussFirst, NotAdvised, DiscussFirst], "{caution}");
        }
        let both = answered()
            .with_caution(Caution::ImplantedElectricalDevice, Answer::Present)
            .with_caution(Caution::Anticoagulants, Answer::Present);
        let cap = advice_cap(OK, None);
        let electro = advise(&both, cap, Modality::Electroacupuncture);
        assert_eq!(electro.advice, NotAdvised);
        assert_eq!(electro.because, [Caution::ImplantedElectricalDevice], "only the device sets not_advised");
        assert_eq!(electro.also_present, [Caution::Anticoagulants]);
        let manual = advise(&both, cap, Modality::ManualAcupuncture);
        assert_eq!(manual.because, [Caution::Anticoagulants, Caution::ImplantedElectricalDevice]);
        assert!(manual.also_present.is_empty());
    }

    #[test]
    fn safe_01_table_per_modality() {
        use Advice::{DiscussFirst, NeedsClearance, NotAdvised};
        let with = |c| advice(&answered().with_caution(c, Answer::Present), OK);
        assert_eq!(with(Caution::ImplantedElectricalDevice), [DiscussFirst, NotAdvised, DiscussFirst]);
        assert_eq!(with(Caution::Pregnancy), [DiscussFirst, NotAdvised, DiscussFirst]);
        assert_eq!(with(Caution::Anticoagulants), [DiscussFirst; 3]);
        assert_eq!(with(Caution::BleedingDisorder), [DiscussFirst; 3]);
        assert_eq!(with(Caution::Immunosuppression), [DiscussFirst; 3]);
        assert_eq!(with(Caution::SeizureDisorder), [DiscussFirst; 3]);
        assert_eq!(with(Caution::SkinLesionAtNeedleSite), [NeedsClearance; 3]);
        assert_eq!(with(Caution::SevereBleedingDisorder), [NotAdvised; 3]);
        assert_eq!(with(Caution::ImpairedCirculation)[1], NotAdvised);
    }

    #[test]
    fn severity_is_asked_only_once_a_bleeding_disorder_is_present() {
        let unknown_severity = answered().with_caution(Caution::SevereBleedingDisorder, Answer::Unknown);
        assert_eq!(advice(&unknown_severity, OK), [Advice::Suitable; 3]);
        let possible = unknown_severity.clone().with_caution(Caution::BleedingDisorder, Answer::Unknown);
        let m = advise(&possible, advice_cap(OK, None), Modality::ManualAcupuncture);
        assert_eq!(m.unanswered, [Caution::BleedingDisorder], "the disorder is the question, not yet its severity");
        let present = unknown_severity.with_caution(Caution::BleedingDisorder, Answer::Present);
        let m = advise(&present, advice_cap(OK, None), Modality::ManualAcupuncture);
        assert_eq!(m.unanswered, [Caution::SevereBleedingDisorder]);
    }

    #[test]
    fn a_cleared_caution_lowers_the_advice_to_discuss_first_and_no_further() {
        let device = answered().with_caution(Caution::ImplantedElectricalDevice, Answer::Present);
        let cleared = device.with_cleared(Cleared::from_names(["implanted_electrical_device"]).unwrap());
        assert_eq!(advice(&cleared, OK), [Advice::DiscussFirst; 3]);
    }

    #[test]
    fn findings_say_when_no_modality_is_usable() {
        let intake = answered()
            .with_modalities([Modality::Electroacupuncture])
            .unwrap()
            .with_caution(Caution::Pregnancy, Answer::Present);
        let mut findings = Vec::new();
        let list = advise_all(&intake, OK, None, false, &mut findings);
        assert_eq!(list[0].advice, Advice::NotAdvised);
        assert!(findings.iter().any(|f| f.detail == Detail::NoUsableModality));
    }
}
