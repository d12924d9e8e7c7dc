//! The red-flag screen's rules (reference §7.3: `RF-M`, `RF-U`, `RF-CLEAR`), checked through
//! `assess` and the JSON contract v2 the way another crate would use them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use acupuncture_guidance::{Intake, assess};
use serde_json::{Value, json};

use common::clear_intake as intake;

/// `value` with `section.name` answered `answer`.
fn answer(mut value: Value, section: &str, name: &str, answer: &str) -> Value {
    value[section][name] = json!(answer);
    value
}

fn flag(value: Value, name: &str, a: &str) -> Value {
    answer(value, "red_flags", name, a)
}

fn cleared(mut value: Value, names: &[&str]) -> Value {
    value["cleared_by_clinician"] = json!(names);
    value
}

/// The assessment of `value`, as JSON.
fn run(value: Value) -> Value {
    let intake: Intake = serde_json::from_value(value).unwrap();
    serde_json::to_value(assess(&intake).unwrap()).unwrap()
}

/// The findings of `out` whose stable code is `code`.
fn findings<'a>(out: &'a Value, code: &str) -> Vec<&'a Value> {
    out["findings"].as_array().unwrap().iter().filter(|f| f["code"] == code).collect()
}

/// The assessment's red flags in force, as sorted `(item, tier)` pairs.
fn flags_in_force(out: &Value) -> Vec<(String, String)> {
    let mut flags: Vec<(String, String)> = out["red_flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["item"].as_str().unwrap().to_owned(), f["tier"].as_str().unwrap().to_owned()))
        .collect();
    flags.sort();
    flags
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = list.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
    pairs.sort();
    pairs
}

#[test]
fn rf_m_no_improvement_after_a_month_is_set_aside_only_when_present_and_chronic() {
    // RF-M: "no improvement after a month" carries no information once pain is chronic, so it
    // is set aside then (and said so); before that it counts, and an item not answered present
    // has nothing to set aside.
    let chronic_present = run(flag(intake(200, 40), "no_improvement_after_month", "present"));
    assert_eq!(chronic_present["triage"], "acupuncture_reasonable");
    assert_eq!(findings(&chronic_present, "not_used_when_chronic").len(), 1);

    for a in ["absent", "unknown"] {
        let chronic = run(flag(intake(200, 40), "no_improvement_after_month", a));
        assert!(findings(&chronic, "not_used_when_chronic").is_empty(), "chronic, answered {a}");
    }

    let subacute = run(flag(intake(40, 40), "no_improvement_after_month", "present"));
    assert_eq!(subacute["triage"], "evaluation_first", "it counts while the pain is not chronic");
    assert!(findings(&subacute, "not_used_when_chronic").is_empty(), "it is used, not set aside");
}

#[test]
fn rf_u_each_member_of_a_combination_raises_the_urgent_tier_once() {
    // RF-U: two or more weaker cancer risk factors together (here unexplained weight loss and
    // age over 50 with non-chronic pain) are urgent; each member is in force at that tier, and
    // an item is listed once.
    let out = run(flag(intake(40, 60), "unexplained_weight_loss", "present"));
    assert_eq!(out["triage"], "urgent_evaluation");
    assert_eq!(
        flags_in_force(&out),
        pairs(&[("unexplained_weight_loss", "urgent_evaluation"), ("age_over_50", "urgent_evaluation")])
    );

    // RF-U: minor trauma in someone with osteoporosis; osteoporosis alone would only defer.
    let out = run(flag(flag(intake(10, 40), "minor_trauma", "present"), "osteoporosis", "present"));
    assert_eq!(out["triage"], "urgent_evaluation");
    assert_eq!(
        flags_in_force(&out),
        pairs(&[("minor_trauma", "urgent_evaluation"), ("osteoporosis", "urgent_evaluation")])
    );
}

#[test]
fn rf_u_a_possible_combination_names_only_unknown_items_that_would_complete_it() {
    // RF-U / unknown is never absent: an unknown item is named as the question to ask first
    // exactly when a present answer would complete a combination with what is in force. Absent
    // items are never named, and unknown items that could not complete one are not either.
    let weight_loss = |days, age| flag(intake(days, age), "unexplained_weight_loss", "present");

    let out = run(weight_loss(40, 40));
    let possible = findings(&out, "possible_combination");
    assert_eq!(possible.len(), 1, "{possible:?}");
    assert_eq!(possible[0]["rule"], "RF-U");
    assert_eq!(possible[0]["present"], json!(["unexplained_weight_loss"]));
    assert_eq!(possible[0]["unknown"], json!(["no_improvement_after_month"]));

    // The partner answered absent: nothing is left that could complete the combination (age 40
    // is known, and known not to be over 50).
    let out = run(flag(weight_loss(40, 40), "no_improvement_after_month", "absent"));
    assert_eq!(out["triage"], "evaluation_first");
    assert!(findings(&out, "possible_combination").is_empty(), "{:?}", findings(&out, "possible_combination"));

    // Nothing present: one unknown answer cannot make two factors, nor minor trauma with a
    // bone factor, so there is no combination to ask about.
    let out = run(intake(40, 40));
    assert_eq!(out["triage"], "conservative_care_first");
    assert!(findings(&out, "possible_combination").is_empty(), "{:?}", findings(&out, "possible_combination"));
}

#[test]
fn rf_clear_clearing_a_caution_not_answered_present_is_refused() {
    // RF-CLEAR: a clearance applies to an item answered present; clearing an absent caution
    // has nothing to clear and is reported as not applied (`not_present`).
    let out = run(cleared(intake(200, 40), &["anticoagulants"]));
    let refused = findings(&out, "clearance_not_applied");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["rule"], "RF-CLEAR");
    assert_eq!(refused[0]["item"], "anticoagulants");
    assert_eq!(refused[0]["reason"], "not_present");
    assert!(findings(&out, "caution_cleared").is_empty());
}

#[test]
fn rf_clear_clearing_a_present_caution_is_applied_not_refused() {
    // RF-CLEAR / SAFE-01: a present caution cleared by the clinician who manages it is
    // recorded as cleared and lowers the advice to discuss_first; it is not a refused clearance.
    let device = answer(intake(200, 40), "cautions", "implanted_electrical_device", "present");
    let mut value = cleared(device, &["implanted_electrical_device"]);
    value["proposed_modalities"] = json!(["electroacupuncture"]);
    let out = run(value);
    assert!(findings(&out, "clearance_not_applied").is_empty(), "{:?}", findings(&out, "clearance_not_applied"));
    assert_eq!(findings(&out, "caution_cleared").len(), 1);
    assert_eq!(out["modalities"][0]["advice"], "discuss_first");
}

#[test]
fn rf_clear_a_name_that_is_a_red_flag_and_a_caution_is_judged_once() {
    // RF-CLEAR: `immunosuppression` is one answer, read by the screen and by the safety advice;
    // clearing it while it is absent is one refused clearance, not two.
    let out = run(cleared(intake(200, 40), &["immunosuppression"]));
    let refused = findings(&out, "clearance_not_applied");
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0]["item"], "immunosuppression");
    assert_eq!(refused[0]["reason"], "not_present");

    // Present and cleared: the RF-M item no longer defers, the caution is discussed, nothing
    // is refused.
    let present = answer(intake(200, 40), "cautions", "immunosuppression", "present");
    let out = run(cleared(present, &["immunosuppression"]));
    assert_eq!(out["triage"], "acupuncture_reasonable");
    assert!(findings(&out, "clearance_not_applied").is_empty(), "{:?}", findings(&out, "clearance_not_applied"));
    assert_eq!(findings(&out, "red_flag_cleared").len(), 1);
    assert_eq!(findings(&out, "caution_cleared").len(), 1);
}

/// [`intake`] with the optional red flags answered `absent` as well: no question left open.
fn answered(days: u32, age: u8) -> Value {
    let optional = [
        "bilateral_leg_symptoms",
        "new_foot_drop",
        "minor_trauma",
        "no_improvement_after_month",
        "inflammatory_features",
        "long_term_corticosteroids",
        "osteoporosis",
        "intravenous_drug_use",
    ];
    optional.iter().fold(intake(days, age), |value, name| flag(value, name, "absent"))
}

/// The advice of every proposed modality of `out`.
fn advice(out: &Value) -> Vec<&str> {
    out["modalities"].as_array().unwrap().iter().map(|m| m["advice"].as_str().unwrap()).collect()
}

#[test]
fn rf_u_same_day_is_for_a_recent_trauma_route_not_for_every_urgent_item_in_the_first_week() {
    // RF-U: a trauma route whose pain began in the last few days is seen the same day; any
    // other urgent item in that same first week is seen within days, unless it is one of
    // RF-NET's same-day signs (fever, severe worsening pain: same day as signs, engine
    // policy), and none of them is called recent trauma: the same-day trauma line belongs to
    // the trauma, not to the date of onset.
    let recent = |name| run(flag(answered(3, 40), name, "present"));
    let trauma = recent("major_trauma");
    assert_eq!(trauma["triage"], "urgent_evaluation");
    assert_eq!(trauma["timeframe"], "today");
    assert_eq!(findings(&trauma, "recent_trauma").len(), 1);

    for (name, timeframe) in [
        ("history_of_cancer", "within_days"),
        ("recent_serious_infection", "within_days"),
        ("fever", "today"),
        ("severe_worsening_pain", "today"),
    ] {
        let out = recent(name);
        assert_eq!(out["triage"], "urgent_evaluation", "{name}");
        assert_eq!(out["timeframe"], timeframe, "{name} three days in");
        assert_eq!(findings(&out, "same_day_sign_present").is_empty(), timeframe == "within_days", "{name}");
        assert!(findings(&out, "recent_trauma").is_empty(), "{name}: {:?}", findings(&out, "recent_trauma"));
    }
}

#[test]
fn rf_m_an_item_that_defers_on_its_own_is_never_reported_as_not_urgent_alone() {
    // RF-M: unexplained weight loss, osteoporosis and long-term corticosteroids each defer a
    // course on their own, so with their RF-U partners answered absent they stay at their own
    // tier (evaluation_first); only an item that raises a tier in combination only can be "not
    // urgent on its own" (which the patient text reads as "does not need a doctor first").
    for name in ["unexplained_weight_loss", "osteoporosis", "long_term_corticosteroids"] {
        let out = run(flag(answered(40, 40), name, "present"));
        assert_eq!(out["triage"], "evaluation_first", "{name}");
        assert_eq!(flags_in_force(&out), pairs(&[(name, "evaluation_first")]));
        assert!(findings(&out, "possible_combination").is_empty(), "{name}: its partners are answered");
        assert!(findings(&out, "not_urgent_alone").is_empty(), "{name}: {:?}", findings(&out, "not_urgent_alone"));
    }
}

#[test]
fn rf_u_minor_trauma_without_a_fracture_partner_is_said_and_holds_the_advice_at_discuss_first() {
    // RF-U: minor trauma is urgent only with osteoporosis, long-term corticosteroids or age over
    // 65. Without them it raises no tier, but a present answer never allows more than an
    // unknown one (an open question holds the advice at discuss_first, RF-ASK): it is reported
    // as not urgent on its own, and no modality is suitable.
    let out = run(flag(answered(10, 40), "minor_trauma", "present"));
    assert_eq!(out["triage"], "conservative_care_first");
    assert!(flags_in_force(&out).is_empty());
    let alone = findings(&out, "not_urgent_alone");
    assert_eq!(alone.len(), 1, "{alone:?}");
    assert_eq!(alone[0]["item"], "minor_trauma");
    assert_eq!(alone[0]["rule"], "RF-U");
    assert_eq!(advice(&out), ["discuss_first"]);

    // Everything answered absent: nothing holds the advice.
    let out = run(answered(10, 40));
    assert!(findings(&out, "not_urgent_alone").is_empty());
    assert_eq!(advice(&out), ["suitable"]);
}

#[test]
fn rf_u_age_over_65_without_minor_trauma_is_not_reported_and_holds_nothing() {
    // RF-U: age over 65 is a fracture partner of minor trauma, not a red flag of its own. It is
    // derived from the age, not something the person told us: with minor trauma answered
    // absent it raises no tier, is not reported as "not urgent on its own", and holds no advice.
    let out = run(answered(200, 70));
    assert_eq!(out["triage"], "acupuncture_reasonable");
    assert!(flags_in_force(&out).is_empty());
    assert!(findings(&out, "not_urgent_alone").is_empty(), "{:?}", findings(&out, "not_urgent_alone"));
    assert!(findings(&out, "possible_combination").is_empty());
    assert_eq!(advice(&out), ["suitable"]);

    // The same age with minor trauma present is urgent on its own (revision 2026-12).
    let out = run(flag(answered(200, 70), "minor_trauma", "present"));
    assert_eq!(out["triage"], "urgent_evaluation");
    assert_eq!(
        flags_in_force(&out),
        pairs(&[("age_over_65", "urgent_evaluation"), ("minor_trauma", "urgent_evaluation")])
    );
}

#[test]
fn rf_00_an_incomplete_screen_is_reported_only_when_a_required_item_is_unanswered() {
    // RF-00 / RF-ASK: the screen is complete when no required item is unknown; only then is it
    // silent about incompleteness, and an open optional question is reported only while one is
    // open.
    let complete = run(answered(200, 40));
    assert_eq!(complete["triage"], "acupuncture_reasonable");
    assert_eq!(complete["unanswered"], json!([]));
    assert_eq!(complete["also_ask"], json!([]));
    for code in ["screening_incomplete", "follow_up_required", "optional_unanswered"] {
        assert!(findings(&complete, code).is_empty(), "{code}: {:?}", findings(&complete, code));
    }

    let out = run(flag(answered(200, 40), "fever", "unknown"));
    assert_eq!(out["triage"], "screening_incomplete");
    let incomplete = findings(&out, "screening_incomplete");
    assert_eq!(incomplete.len(), 1, "{incomplete:?}");
    assert_eq!(incomplete[0]["rule"], "RF-00");
    assert_eq!(incomplete[0]["unanswered"], json!(["fever"]));
    assert!(findings(&out, "follow_up_required").is_empty(), "fever is one of the nine, not a follow-up");

    let out = run(flag(answered(200, 40), "inflammatory_features", "unknown"));
    assert!(findings(&out, "screening_incomplete").is_empty());
    let optional = findings(&out, "optional_unanswered");
    assert_eq!(optional.len(), 1, "{optional:?}");
    assert_eq!(optional[0]["rule"], "RF-ASK");
    assert_eq!(optional[0]["items"], json!(["inflammatory_features"]));
}
