//! Laws of the decision (DESIGN.md §Testing), over generated intakes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeSet;

use acupuncture_guidance::{
    Advice, Age, Answer, Assessment, Caution, Cleared, GoodFitContext, Intake, Modality, Onset, Pattern,
    PreviousAcupuncture, QuestionKind, RedFlag, SourceId, StartBackRisk, Tier, Timeframe, Triage, assess, questions,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::subsequence;

/// Answers that are mostly absent, so that every outcome is reached often.
fn mostly_absent() -> impl Strategy<Value = Answer> {
    prop_oneof![8 => Just(Answer::Absent), 1 => Just(Answer::Present), 1 => Just(Answer::Unknown)]
}

fn asked_flags() -> Vec<RedFlag> {
    RedFlag::ALL.iter().copied().filter(|f| !f.is_derived()).collect()
}

prop_compose! {
    fn intake()(
        days in prop_oneof![0u32..=120, 0u32..=3000],
        age in 0i64..=120,
        radicular in any::<bool>(),
        flags in proptest::collection::vec(mostly_absent(), asked_flags().len()),
        cautions in proptest::collection::vec(mostly_absent(), Caution::ALL.len()),
        modalities in subsequence(Modality::ALL.to_vec(), 1..=3).prop_shuffle(),
        cleared in subsequence(
            RedFlag::ALL.iter().map(|f| f.as_str()).chain(Caution::ALL.iter().map(|c| c.as_str())).collect::<Vec<_>>(),
            0..=2),
        previous in proptest::option::of(prop_oneof![Just(PreviousAcupuncture::None), Just(PreviousAcupuncture::Helped), Just(PreviousAcupuncture::DidNotHelp)]),
        start_back in proptest::option::of(prop_oneof![Just(StartBackRisk::Low), Just(StartBackRisk::Medium), Just(StartBackRisk::High)]),
        context in (common::answer(), common::answer(), common::answer(), common::answer()),
        goals in proptest::collection::vec("[a-z ]{1,20}[a-z]", 0..=5),
    ) -> Intake {
        let on = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        // Keep the onset after birth.
        let days = days.min(u32::try_from(age).unwrap() * 365);
        let pattern = if radicular { Pattern::Radicular } else { Pattern::NonSpecific };
        let mut intake = Intake::new(on, Onset::DaysAgo(days), pattern, Age::new(age).unwrap()).unwrap();
        for (flag, answer) in asked_flags().into_iter().zip(flags) {
            intake = intake.with_red_flag(flag, answer).unwrap();
        }
        for (caution, answer) in Caution::ALL.iter().zip(cautions) {
            intake = intake.with_caution(*caution, answer);
        }
        // A severe bleeding disorder is a bleeding disorder (`ContradictoryAnswers` otherwise).
        if intake.cautions().get(Caution::SevereBleedingDisorder) == Some(Answer::Present)
            && intake.cautions().get(Caution::BleedingDisorder) == Some(Answer::Absent)
        {
            intake = intake.with_caution(Caution::BleedingDisorder, Answer::Present);
        }
        intake = intake
            .with_modalities(modalities).unwrap()
            .with_cleared(Cleared::from_names(cleared).unwrap())
            .with_context(GoodFitContext {
                not_improved_with_self_care: context.0,
                limit_medication: context.1,
                stress_sleep_or_tension: context.2,
                bridge_to_exercise: context.3,
            })
            .with_goals(goals).unwrap();
        if let Some(previous) = previous {
            intake = intake.with_previous_acupuncture(previous);
        }
        if let Some(risk) = start_back {
            intake = intake.with_start_back_risk(risk);
        }
        intake
    }
}

/// `intake` with `caution` answered, kept consistent: a severe bleeding disorder is a bleeding
/// disorder, so answering one side of that pair moves the other only as far as it must
/// (`IntakeError::ContradictoryAnswers` covers the contradiction itself).
fn set_caution(intake: &Intake, caution: Caution, answer: Answer) -> Intake {
    let mut intake = intake.clone().with_caution(caution, answer);
    let (severe, any) = (Caution::SevereBleedingDisorder, Caution::BleedingDisorder);
    if intake.cautions().get(severe) == Some(Answer::Present) && intake.cautions().get(any) == Some(Answer::Absent) {
        intake = if caution == severe {
            intake.with_caution(any, Answer::Present)
        } else {
            intake.with_caution(severe, Answer::Absent)
        };
    }
    intake
}

fn run(intake: &Intake) -> Assessment {
    assess(intake).unwrap()
}

/// Whether the assessment records `caution` as present.
fn a_present(a: &Assessment, caution: Caution) -> bool {
    a.findings.iter().any(|f| f.detail == acupuncture_guidance::Detail::CautionPresent { caution })
}

/// How restrictive a triage is: a red flag ranks above everything; an incomplete screen above
/// evaluation first; the two favourable outcomes share the bottom rank.
fn rank(triage: Triage) -> u8 {
    match triage {
        Triage::Emergency => 4,
        Triage::UrgentEvaluation => 3,
        Triage::ScreeningIncomplete => 2,
        Triage::EvaluationFirst => 1,
        Triage::AcupunctureReasonable | Triage::ConservativeCareFirst => 0,
    }
}

/// Every modality's advice in `b` is at least as restrictive as in `a`.
fn no_more_permissive(a: &Assessment, b: &Assessment) -> bool {
    a.modalities.iter().zip(&b.modalities).all(|(x, y)| y.advice >= x.advice)
}

fn set_flag(intake: &Intake, flag: RedFlag, answer: Answer) -> Intake {
    if flag == RedFlag::Immunosuppression {
        intake.clone().with_caution(Caution::Immunosuppression, answer)
    } else {
        intake.clone().with_red_flag(flag, answer).unwrap()
    }
}

fn answerable_flag() -> impl Strategy<Value = RedFlag> {
    proptest::sample::select(
        RedFlag::ALL
            .iter()
            .copied()
            .filter(|f| !f.is_derived() || *f == RedFlag::Immunosuppression)
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// A present red flag in force is never outranked by anything milder.
    #[test]
    fn prop_red_flag_never_outranked(intake in intake()) {
        let a = run(&intake);
        for flag in &a.red_flags {
            match flag.tier {
                Tier::Emergency => prop_assert_eq!(a.triage, Triage::Emergency),
                Tier::UrgentEvaluation => prop_assert!(rank(a.triage) >= rank(Triage::UrgentEvaluation)),
                Tier::EvaluationFirst => prop_assert!(rank(a.triage) >= rank(Triage::EvaluationFirst)),
            }
        }
        let emergency_answered = RedFlag::ALL.iter().any(|f| f.tier() == Tier::Emergency
            && intake.red_flags().get(*f) == Some(Answer::Present));
        prop_assert_eq!(emergency_answered, a.triage == Triage::Emergency,
            "emergency exactly when an emergency sign is present, cleared or not");
    }

    /// Adding a present red flag never makes the triage milder or any advice more permissive.
    #[test]
    fn prop_present_flag_never_more_permissive(intake in intake(), flag in answerable_flag()) {
        let absent = run(&set_flag(&intake, flag, Answer::Absent));
        let present = run(&set_flag(&intake, flag, Answer::Present));
        prop_assert!(rank(present.triage) >= rank(absent.triage), "{} -> {}", absent.triage, present.triage);
        prop_assert!(no_more_permissive(&absent, &present));
        // Against an unknown answer too, unless a clinician has evaluated and cleared the item
        // (RF-CLEAR): a cleared present item is better known than an unanswered one.
        if !intake.cleared().red_flag(flag) {
            let unknown = run(&set_flag(&intake, flag, Answer::Unknown));
            prop_assert!(no_more_permissive(&unknown, &present));
        }
    }

    /// Unknown is never better than absent, for red flags and cautions alike.
    #[test]
    fn prop_unknown_never_better_than_absent(intake in intake(), flag in answerable_flag(), caution in proptest::sample::select(Caution::ALL.to_vec())) {
        let absent = run(&set_flag(&intake, flag, Answer::Absent));
        let unknown = run(&set_flag(&intake, flag, Answer::Unknown));
        prop_assert!(rank(unknown.triage) >= rank(absent.triage), "{} -> {}", absent.triage, unknown.triage);
        prop_assert!(no_more_permissive(&absent, &unknown));

        let absent = run(&set_caution(&intake, caution, Answer::Absent));
        let unknown = run(&set_caution(&intake, caution, Answer::Unknown));
        prop_assert!(rank(unknown.triage) >= rank(absent.triage));
        prop_assert!(no_more_permissive(&absent, &unknown));
    }

    /// Adding a caution never makes advice more permissive, and never changes the triage
    /// (immunosuppression, also an RF-M risk factor, can only make it stricter).
    #[test]
    fn prop_caution_never_more_permissive(intake in intake(), caution in proptest::sample::select(Caution::ALL.to_vec())) {
        let absent = run(&set_caution(&intake, caution, Answer::Absent));
        let present = run(&set_caution(&intake, caution, Answer::Present));
        prop_assert!(no_more_permissive(&absent, &present));
        if caution == Caution::Immunosuppression {
            prop_assert!(rank(present.triage) >= rank(absent.triage));
        } else {
            prop_assert_eq!(present.triage, absent.triage);
        }
    }

    /// Every finding cites at least one registered source, the ones its rule catalogues.
    #[test]
    fn prop_findings_cite_registered_sources(intake in intake()) {
        for finding in run(&intake).findings {
            prop_assert!(!finding.sources.is_empty());
            prop_assert_eq!(finding.sources.as_ref(), finding.rule.sources());
            prop_assert!(finding.sources.iter().all(|s| SourceId::ALL.contains(s)));
        }
    }

    /// No output without a trial plan recommends needling: no `suitable` advice, no session
    /// text. A plan needs a favourable triage, a usable modality and no failed earlier course
    /// of acupuncture when acupuncture is proposed (DN-01: it says nothing about dry needling).
    #[test]
    fn prop_no_trial_plan_no_needling(intake in intake()) {
        let a = run(&intake);
        if a.trial_plan.is_some() {
            prop_assert!(a.triage.allows_trial());
            prop_assert!(a.modalities.iter().any(|m| m.advice != Advice::NotAdvised));
            let acupuncture = intake.proposed_modalities().iter().any(|m| *m != Modality::DryNeedling);
            prop_assert!(!acupuncture || intake.previous_acupuncture() != Some(PreviousAcupuncture::DidNotHelp));
        } else {
            prop_assert!(a.modalities.iter().all(|m| m.advice != Advice::Suitable));
            let text = a.patient_text();
            for offer in ["How many sessions", "sessions first", "sessions at most", "session is like"] {
                prop_assert!(!text.contains(offer), "{:?} offered without a plan:\n{}", offer, text);
            }
        }
        if matches!(a.triage, Triage::Emergency | Triage::UrgentEvaluation) {
            prop_assert!(a.guideline_positions.is_empty() && a.evidence.is_empty());
        }
    }

    /// An unanswered question, required or optional, red flag or caution, never yields
    /// `suitable` (RF-ASK).
    #[test]
    fn prop_open_question_never_suitable(intake in intake()) {
        let a = run(&intake);
        if !a.unanswered.is_empty() || !a.also_ask.is_empty() {
            prop_assert!(a.modalities.iter().all(|m| m.advice != Advice::Suitable), "{:?}", a.modalities);
        }
    }

    /// A present caution never yields `suitable`, for any modality (SAFE-01, revision 2026-12),
    /// and a modality's `because` names only cautions that are present.
    #[test]
    fn prop_present_caution_never_suitable(intake in intake(), caution in proptest::sample::select(Caution::ALL.to_vec())) {
        let a = run(&set_caution(&intake, caution, Answer::Present));
        for m in &a.modalities {
            prop_assert_ne!(m.advice, Advice::Suitable);
            prop_assert!(m.because.iter().chain(&m.also_present).all(|c| a_present(&a, *c)));
        }
    }

    /// An urgent or emergency text never carries a longer deadline than its own; an
    /// evaluation-first text never carries the one-month line.
    #[test]
    fn prop_urgent_text_never_carries_a_longer_deadline(intake in intake()) {
        let a = run(&intake);
        let text = a.patient_text();
        let longer: &[&str] = match a.triage {
            Triage::Emergency => &["within a month", "2 weeks", "few days", "today"],
            Triage::UrgentEvaluation => &["within a month", "2 weeks"],
            Triage::EvaluationFirst => &["within a month"],
            _ => &[],
        };
        for phrase in longer {
            prop_assert!(!text.contains(phrase), "{} text carries {:?}:\n{}", a.triage, phrase, text);
        }
        if a.triage == Triage::UrgentEvaluation {
            prop_assert!(matches!(a.timeframe, Some(Timeframe::Today | Timeframe::WithinDays)));
        }
    }

    /// RF-ASK with RF-U's one deadline: while an open required answer would, if yes, make the
    /// output urgent or an emergency, the incomplete output carries no longer deadline than
    /// that yes would (no month or two-week line; a timeframe at least as urgent).
    #[test]
    fn prop_incomplete_screen_deadline_is_what_an_open_yes_would_need(intake in intake()) {
        let a = run(&intake);
        if a.triage != Triage::ScreeningIncomplete {
            return Ok(());
        }
        let rank = |t: Option<Timeframe>| match t {
            Some(Timeframe::Now) => 0,
            Some(Timeframe::Today) => 1,
            Some(Timeframe::WithinDays) => 2,
            Some(Timeframe::WithinTwoWeeks) => 3,
            Some(Timeframe::IfNotImprovingWithinAMonth) => 4,
            _ => 5,
        };
        let text = a.patient_text();
        for flag in &a.unanswered {
            let yes = run(&intake.clone().with_red_flag(*flag, Answer::Present).expect("unanswered lists asked items"));
            if matches!(yes.triage, Triage::Emergency | Triage::UrgentEvaluation) {
                for phrase in ["within a month", "2 weeks"] {
                    prop_assert!(!text.contains(phrase), "{} open, text carries {:?}:\n{}", flag, phrase, text);
                }
                prop_assert!(rank(a.timeframe) <= rank(yes.timeframe),
                    "{} open: timeframe {:?}, a yes gives {:?}", flag, a.timeframe, yes.timeframe);
            }
        }
    }

    /// The patient text never says no warning sign is present when one was answered present
    /// (in force, cleared, or not urgent alone) or a red-flag question is still open.
    #[test]
    fn prop_text_never_denies_a_reported_sign(intake in intake()) {
        let a = run(&intake);
        let reported = RedFlag::ALL.iter().any(|f| intake.red_flags().get(*f) == Some(Answer::Present))
            || intake.cautions().get(Caution::Immunosuppression) == Some(Answer::Present)
            || !a.unanswered.is_empty()
            || a.also_ask.iter().any(|n| n.parse::<RedFlag>().is_ok());
        if reported {
            prop_assert!(!a.patient_text().contains("None of the warning signs"), "{}", a.patient_text());
        }
    }

    /// `suitable` needs a complete screen, a favourable triage and no caution present or
    /// unanswered for that modality.
    #[test]
    fn prop_suitable_needs_everything_answered(intake in intake()) {
        let a = run(&intake);
        for m in a.modalities.iter().filter(|m| m.advice == Advice::Suitable) {
            prop_assert!(a.unanswered.is_empty() && a.triage.allows_trial());
            prop_assert!(m.because.is_empty() && m.unanswered.is_empty() && m.also_present.is_empty());
        }
    }

    /// `unanswered` holds every unknown item of the nine, only unknown items, and never an item
    /// of `also_ask`.
    #[test]
    fn prop_unanswered_holds_the_unknown_required_items(intake in intake()) {
        let a = run(&intake);
        for flag in RedFlag::REQUIRED.iter().filter(|f| intake.red_flags().get(**f) == Some(Answer::Unknown)) {
            prop_assert!(a.unanswered.contains(flag), "{}", flag);
        }
        prop_assert!(a.unanswered.iter().all(|f| intake.red_flags().get(*f) == Some(Answer::Unknown)));
        let ask: BTreeSet<&str> = a.also_ask.iter().map(AsRef::as_ref).collect();
        prop_assert_eq!(ask.len(), a.also_ask.len(), "no duplicates");
        prop_assert!(a.unanswered.iter().all(|f| !ask.contains(f.as_str())));
    }

    /// Every non-emergency outcome carries both tiers of the safety net, as "any of these"
    /// lists; emergency text comes first.
    #[test]
    fn prop_safety_net_and_emergency_text(intake in intake()) {
        let a = run(&intake);
        let text = a.patient_text();
        if a.triage == Triage::Emergency {
            prop_assert!(text.starts_with("SEEK EMERGENCY CARE NOW."));
            prop_assert!(a.safety_net.is_empty() && a.same_day_signs.is_empty());
        } else {
            prop_assert!(!a.safety_net.is_empty() && !a.same_day_signs.is_empty());
            prop_assert!(text.contains("Go to emergency care now if you have any of these:"));
        }
    }

    /// An app that answers every question `questions()` lists under its conditions (checking
    /// them again as answers come in) never gets `screening_incomplete`, and no question stays
    /// open: `unanswered` and `also_ask` are empty (RF-ASK).
    #[test]
    fn prop_questions_answered_under_their_conditions_complete_the_screen(
        base in intake(),
        answers in proptest::collection::vec(prop_oneof![6 => Just(Answer::Absent), 1 => Just(Answer::Present)], 64),
    ) {
        let mut intake = Intake::new(base.assessed_on(), base.onset(), base.pattern(), base.age()).unwrap()
            .with_modalities(base.proposed_modalities().iter().copied()).unwrap();
        // Each pass may make a follow-up needed; the conditions only ever add questions.
        for _ in 0..4 {
            for (i, q) in questions().iter().enumerate() {
                if !q.asked_when.holds(&intake) {
                    continue;
                }
                let answer = answers[i % answers.len()];
                intake = match (q.kind, q.id.parse::<RedFlag>(), q.id.parse::<Caution>()) {
                    (QuestionKind::RedFlag, Ok(flag), _) if intake.red_flags().get(flag) == Some(Answer::Unknown) => {
                        intake.with_red_flag(flag, answer).expect("questions() lists only asked red flags")
                    }
                    (QuestionKind::Caution, _, Ok(caution)) if intake.cautions().get(caution) == Some(Answer::Unknown) => {
                        intake.with_caution(caution, answer)
                    }
                    _ => intake,
                };
            }
        }
        let a = run(&intake);
        prop_assert_ne!(a.triage, Triage::ScreeningIncomplete, "{:?}", a.unanswered);
        prop_assert!(a.unanswered.is_empty() && a.also_ask.is_empty(), "{:?} {:?}", a.unanswered, a.also_ask);
        // Every question asked under its conditions could matter: none is listed as not asked.
        for q in questions().iter().filter(|q| q.required_when.holds(&intake)) {
            prop_assert!(q.asked_when.holds(&intake), "{} required but not asked", q.id);
        }
    }

    /// Same input, same output.
    #[test]
    fn prop_assess_is_deterministic(intake in intake()) {
        prop_assert_eq!(run(&intake), run(&intake));
    }

    /// Intakes and assessments round-trip through JSON.
    #[test]
    fn prop_serde_round_trips(intake in intake()) {
        let json = serde_json::to_string(&intake).unwrap();
        let back: Intake = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &intake);
        let a = run(&intake);
        let back: Assessment = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        prop_assert_eq!(back, a);
    }

    /// The engine agrees with the small table-driven reference model below.
    #[test]
    fn prop_engine_agrees_with_reference_model(intake in intake()) {
        let json = serde_json::to_value(&intake).unwrap();
        prop_assert_eq!(run(&intake).triage.as_str(), reference_model(&json, intake.duration_days()));
    }

    /// No input panics: arbitrary text, and arbitrary edits of a valid intake.
    #[test]
    fn prop_no_input_panics(text in ".{0,200}", key in "[a-z_]{1,30}", value in prop_oneof![
        Just(serde_json::json!(null)), any::<i64>().prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from), Just(serde_json::json!([])), Just(serde_json::json!({})),
    ]) {
        let _ = serde_json::from_str::<Intake>(&text);
        let mut doc = serde_json::json!({
            "assessed_on": "2026-11-27", "onset": {"days_ago": 10}, "pattern": "non_specific", "age_years": 40
        });
        for target in [&["red_flags"][..], &["cautions"], &["onset"], &[]] {
            let mut node = &mut doc;
            for k in target { node = &mut node[*k]; }
            node[key.as_str()] = value.clone();
            if let Ok(intake) = serde_json::from_value::<Intake>(doc.clone()) {
                let a = run(&intake);
                let _ = (a.patient_text(), a.clinician_text());
            }
        }
    }
}

/// An independent, table-driven model of the triage (DESIGN.md §Triage policy, with the
/// revision 2026-12 rules RF-ASK and RF-U minor trauma over 65), read off the intake's JSON. Tier letters: E emergency, U urgent, M evaluation first.
fn reference_model(json: &serde_json::Value, days: u32) -> &'static str {
    const TABLE: &[(&str, char, bool)] = &[
        // (name, tier, required)
        ("saddle_numbness", 'E', true),
        ("bladder_or_bowel_change", 'E', true),
        ("progressive_leg_weakness", 'E', true),
        ("bilateral_leg_symptoms", 'E', false),
        ("new_foot_drop", 'E', false),
        ("history_of_cancer", 'U', true),
        ("fever", 'U', true),
        ("recent_serious_infection", 'U', true),
        ("major_trauma", 'U', true),
        ("severe_worsening_pain", 'U', true),
        ("unexplained_weight_loss", 'M', true),
        ("inflammatory_features", 'M', false),
        ("long_term_corticosteroids", 'M', false),
        ("osteoporosis", 'M', false),
        ("intravenous_drug_use", 'M', false),
    ];
    let chronic = days > 84;
    let subacute = (28..=84).contains(&days);
    let age = json["age_years"].as_u64().unwrap();
    let radicular = json["pattern"] == "radicular";
    let cleared: Vec<&str> = json["cleared_by_clinician"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let answer = |name: &str| {
        let v = if name == "immunosuppression" { &json["cautions"][name] } else { &json["red_flags"][name] };
        v.as_str().unwrap_or("unknown").to_owned()
    };
    let unknown = |name: &str| answer(name) == "unknown";
    let on = |name: &str, tier: char| answer(name) == "present" && (tier == 'E' || !cleared.contains(&name));
    let age_over_50 = age > 50 && !chronic && !cleared.contains(&"age_over_50");
    let age_under_20 = age < 20 && !cleared.contains(&"age_under_20");
    let stalled = !chronic && on("no_improvement_after_month", 'M');

    let emergency = TABLE.iter().any(|(n, t, _)| *t == 'E' && on(n, 'E'));
    let weaker = [on("unexplained_weight_loss", 'M'), age_over_50, stalled].iter().filter(|b| **b).count();
    // RF-CLEAR clears a bone risk's own deferral, not a new fall: a reported bone risk counts
    // with a minor trauma in force, cleared or not.
    let bone = answer("osteoporosis") == "present" || answer("long_term_corticosteroids") == "present" || age > 65;
    let fracture = on("minor_trauma", 'U') && bone;
    let urgent = TABLE.iter().any(|(n, t, _)| *t == 'U' && on(n, 'U')) || weaker >= 2 || fracture;
    // RF-ASK: the nine, the radicular leg signs, and the unknown partners of a combination
    // that has not fired.
    let partner_unknown = (!fracture
        && ((on("minor_trauma", 'U') && (unknown("osteoporosis") || unknown("long_term_corticosteroids")))
            || (bone && unknown("minor_trauma"))))
        || (subacute && weaker == 1 && !stalled && unknown("no_improvement_after_month"));
    let incomplete = TABLE.iter().any(|(n, _, required)| *required && unknown(n))
        || (radicular && (unknown("bilateral_leg_symptoms") || unknown("new_foot_drop")))
        || partner_unknown;
    let evaluation = TABLE.iter().any(|(n, t, _)| *t == 'M' && on(n, 'M'))
        || on("immunosuppression", 'M')
        || age_under_20
        || stalled;

    if emergency {
        "emergency"
    } else if urgent {
        "urgent_evaluation"
    } else if incomplete {
        "screening_incomplete"
    } else if evaluation {
        "evaluation_first"
    } else if chronic {
        "acupuncture_reasonable"
    } else {
        "conservative_care_first"
    }
}
