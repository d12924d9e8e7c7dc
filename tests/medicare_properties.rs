//! Laws of the Medicare review (NCD 30.3.3), over generated visit histories.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{
    CapYear, CoverageReason, Cpt, Discipline, Eligibility, Fact, MedicareHistory, MedicareOptions,
    MedicarePractitioner, MedicareReview, MedicareVisit, Modality, Progress, WindowStart, review_medicare,
};
use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

fn fact() -> impl Strategy<Value = Fact> {
    prop_oneof![6 => Just(Fact::Yes), 1 => Just(Fact::No), 1 => Just(Fact::Undocumented)]
}

fn practitioner() -> impl Strategy<Value = MedicarePractitioner> {
    (proptest::sample::select(Discipline::ALL.to_vec()), fact(), fact(), fact(), fact()).prop_map(
        |(kind, a, b, c, d)| MedicarePractitioner {
            kind,
            state_licensed: a,
            acupuncture_degree: b,
            acupuncture_license: c,
            supervised: d,
        },
    )
}

fn progress() -> impl Strategy<Value = Progress> {
    prop_oneof![12 => Just(Progress::NotRecorded), 6 => Just(Progress::Improving),
                1 => Just(Progress::NotImproving), 1 => Just(Progress::Regressing)]
}

fn visit_kind() -> impl Strategy<Value = (Modality, Vec<Cpt>)> {
    prop_oneof![
        Just((Modality::ManualAcupuncture, vec![Cpt::C97810])),
        Just((Modality::ManualAcupuncture, vec![Cpt::C97810, Cpt::C97811])),
        Just((Modality::Electroacupuncture, vec![Cpt::C97813, Cpt::C97814])),
        Just((Modality::DryNeedling, vec![Cpt::C20561])),
    ]
}

prop_compose! {
    fn history()(
        onset_day in 0u64..2500,
        first_after in 0u64..200,
        gaps in proptest::collection::vec(1u64..=14, 0..=32),
        visits in proptest::collection::vec((progress(), visit_kind()), 32),
        eligibility in (fact(), prop_oneof![8 => Just(Fact::No), 1 => Just(Fact::Yes), 1 => Just(Fact::Undocumented)]),
        practitioner in practitioner(),
        calendar in any::<bool>(),
        chronic_onset in any::<bool>(),
        restarts in any::<bool>(),
        pregnancy in prop_oneof![8 => Just(Fact::No), 1 => Just(Fact::Yes), 1 => Just(Fact::Undocumented)],
    ) -> MedicareHistory {
        let onset = NaiveDate::from_ymd_opt(2019, 6, 1).unwrap().checked_add_days(Days::new(onset_day)).unwrap();
        let mut day = onset.checked_add_days(Days::new(first_after)).unwrap();
        let mut sessions = Vec::new();
        for (i, (gap, (progress, (modality, cpt)))) in gaps.iter().zip(visits).enumerate() {
            if i > 0 {
                day = day.checked_add_days(Days::new(*gap)).unwrap();
            }
            sessions.push(MedicareVisit::new(day, modality, cpt, progress).unwrap());
        }
        let eligibility = Eligibility {
            onset,
            non_specific: eligibility.0,
            associated_with_surgery: eligibility.1,
            associated_with_pregnancy: pregnancy,
        };
        let options = MedicareOptions {
            window_start: if chronic_onset { WindowStart::ChronicOnset } else { WindowStart::FirstCoveredVisit },
            year: if calendar { CapYear::CalendarYear } else { CapYear::Rolling12Months },
            allotment_restarts_each_year: restarts,
        };
        MedicareHistory::new(eligibility, practitioner, sessions, options).unwrap()
    }
}

fn run(h: &MedicareHistory) -> MedicareReview {
    review_medicare(h).unwrap()
}

fn covered_dates(r: &MedicareReview) -> Vec<NaiveDate> {
    r.sessions.iter().filter(|s| s.covered).map(|s| s.date).collect()
}

proptest! {
    #![proptest_config(common::proptest_config())]

    /// Never more than 20 covered in any year window: calendar years, or 12-month windows
    /// from the month of the first covered visit.
    #[test]
    fn prop_never_more_than_20_in_a_year_window(h in history()) {
        let dates = covered_dates(&run(&h));
        let Some(first) = dates.first() else { return Ok(()) };
        let anchor = first.with_day(1).unwrap();
        for d in &dates {
            let in_window = |other: &NaiveDate| match h.options().year {
                CapYear::CalendarYear => other.year() == d.year(),
                CapYear::Rolling12Months => {
                    let index = |x: &NaiveDate| (x.year() * 12 + x.month0() as i32 - anchor.year() * 12 - anchor.month0() as i32) / 12;
                    index(other) == index(d)
                }
            };
            prop_assert!(dates.iter().filter(|o| in_window(o)).count() <= 20);
        }
    }

    /// Additional (KX) visits never exceed eight per allotment: eight in the whole episode
    /// when the allotment does not restart, eight per year window when it does.
    #[test]
    fn prop_additional_visits_never_exceed_eight_per_allotment(h in history()) {
        let r = run(&h);
        let additional: Vec<NaiveDate> = r.sessions.iter().filter(|s| s.kx_modifier).map(|s| s.date).collect();
        if !h.options().allotment_restarts_each_year {
            prop_assert!(additional.len() <= 8, "{} additional visits in one allotment", additional.len());
        }
        let Some(first) = covered_dates(&r).first().copied() else { return Ok(()) };
        let anchor = first.with_day(1).unwrap();
        let index = |x: &NaiveDate| match h.options().year {
            CapYear::CalendarYear => x.year(),
            CapYear::Rolling12Months => (x.year() * 12 + x.month0() as i32 - anchor.year() * 12 - anchor.month0() as i32) / 12,
        };
        for d in &additional {
            prop_assert!(additional.iter().filter(|o| index(o) == index(d)).count() <= 8);
        }
    }

    /// KX is never on an initial visit: only covered additional visits carry it.
    #[test]
    fn prop_kx_never_on_an_initial_visit(h in history()) {
        for s in run(&h).sessions {
            if s.reasons.contains(&CoverageReason::InitialWindow) || !s.covered {
                prop_assert!(!s.kx_modifier, "{} carries KX", s.date);
            }
            if s.kx_modifier {
                prop_assert_eq!(&s.reasons[..], [CoverageReason::WhileImproving]);
            }
        }
    }

    /// An excluded history (a systemic cause, surgery or pregnancy) never shows visits left,
    /// next-visit guidance, or a covered visit.
    #[test]
    fn prop_excluded_history_never_shows_visits_left(h in history()) {
        let e = h.eligibility();
        let excluded = e.non_specific == Fact::No || e.associated_with_surgery == Fact::Yes
            || e.associated_with_pregnancy == Fact::Yes;
        let r = run(&h);
        prop_assert_eq!(r.excluded, excluded);
        if excluded {
            prop_assert!(r.remaining.is_none());
            prop_assert!(r.next_visit_needs.is_empty());
            prop_assert_eq!(r.covered_count, 0);
            let text = r.text();
            prop_assert!(!text.contains("Left in") && !text.contains("For the next visit to be covered"), "{}", text);
        }
    }

    /// Beyond 12 covered in the initial window, or after it, a covered visit always follows a
    /// latest recorded status of improving.
    #[test]
    fn prop_beyond_12_only_while_improving(h in history()) {
        // One allotment for the episode: a restart opens a new initial window (checked by
        // prop_kx_never_on_an_initial_visit instead).
        prop_assume!(!h.options().allotment_restarts_each_year);
        let r = run(&h);
        let (Some(from), Some(until)) = (r.interpretations.window_from, r.interpretations.window_until) else { return Ok(()) };
        let mut in_window = 0;
        let mut latest = None;
        for (visit, coverage) in h.sessions().iter().zip(&r.sessions) {
            if coverage.covered {
                let initial = visit.date() >= from && visit.date() <= until && in_window < 12;
                if initial {
                    in_window += 1;
                } else {
                    prop_assert_eq!(latest, Some(Progress::Improving), "{} covered without improvement", visit.date());
                }
            }
            if visit.progress() != Progress::NotRecorded {
                latest = Some(visit.progress());
            }
        }
    }

    /// Nothing is covered after a not-improving or regressing record.
    #[test]
    fn prop_nothing_covered_after_a_stop(h in history()) {
        let r = run(&h);
        let stop = h.sessions().iter().position(|v| matches!(v.progress(), Progress::NotImproving | Progress::Regressing));
        if let Some(stop) = stop {
            prop_assert!(r.sessions.iter().skip(stop + 1).all(|s| !s.covered));
            prop_assert!(r.stopped);
        }
    }

    /// A qualified practitioner never gets fewer covered visits than an unqualified one.
    #[test]
    fn prop_qualified_practitioner_never_worse(h in history()) {
        let mut qualified = *h.practitioner();
        qualified.state_licensed = Fact::Yes;
        qualified.acupuncture_degree = Fact::Yes;
        qualified.acupuncture_license = Fact::Yes;
        qualified.supervised = Fact::Yes;
        let better = MedicareHistory::new(*h.eligibility(), qualified, h.sessions().to_vec(), h.options()).unwrap();
        prop_assert!(run(&better).covered_count >= run(&h).covered_count);
    }

    /// Appending a visit never changes the coverage of earlier visits.
    #[test]
    fn prop_appending_never_changes_earlier_visits(h in history()) {
        let full = run(&h);
        let n = h.sessions().len();
        prop_assume!(n >= 1);
        let prefix = MedicareHistory::new(*h.eligibility(), *h.practitioner(), h.sessions()[..n - 1].to_vec(), h.options()).unwrap();
        prop_assert_eq!(&run(&prefix).sessions[..], &full.sessions[..n - 1]);
    }

    /// Every visit gets exactly one review entry, covered visits exactly one covering reason.
    #[test]
    fn prop_one_entry_per_visit(h in history()) {
        let r = run(&h);
        prop_assert_eq!(r.sessions.len(), h.sessions().len());
        prop_assert_eq!(r.covered_count as usize, covered_dates(&r).len());
        for s in &r.sessions {
            prop_assert!(!s.reasons.is_empty() && !s.rules.is_empty());
            let covering = matches!(s.reasons[..], [CoverageReason::InitialWindow | CoverageReason::WhileImproving]);
            prop_assert_eq!(s.covered, covering);
        }
    }

    /// Histories and reviews round-trip through JSON.
    #[test]
    fn prop_medicare_serde_round_trips(h in history()) {
        let back: MedicareHistory = serde_json::from_str(&serde_json::to_string(&h).unwrap()).unwrap();
        prop_assert_eq!(&back, &h);
        let r = run(&h);
        let back: MedicareReview = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(back, r);
    }

    /// No input panics: arbitrary edits of a valid history fail with an error or review.
    #[test]
    fn prop_no_medicare_input_panics(key in "[a-z_]{1,20}", value in prop_oneof![
        Just(serde_json::json!(null)), any::<i64>().prop_map(serde_json::Value::from),
        ".{0,12}".prop_map(serde_json::Value::from), Just(serde_json::json!(["97811"])), Just(serde_json::json!(true)),
    ], target in 0usize..5) {
        let mut doc = serde_json::json!({
            "eligibility": { "onset": { "date": "2025-09-01" }, "non_specific": true },
            "practitioner": { "kind": "physician", "state_licensed": true },
            "sessions": [ { "date": "2026-01-05", "modality": "manual_acupuncture", "cpt": ["97810"] } ] });
        let node = match target {
            0 => &mut doc,
            1 => &mut doc["eligibility"],
            2 => &mut doc["practitioner"],
            3 => &mut doc["options"],
            _ => &mut doc["sessions"][0],
        };
        node[key.as_str()] = value;
        if let Ok(h) = serde_json::from_value::<MedicareHistory>(doc) {
            let _ = run(&h).text();
        }
    }
}
