//! The cards for the `order-sign` hook (a draft acupuncture or dry-needling order) and for a
//! record that lacks what the triage needs.

use std::fmt::Write as _;

use serde_json::Value;

use super::cards::{
    DRY_NEEDLING_LINE, Origin, SCREEN_SOURCES, advice_label, asked_about, card, dry_needling_proposed, emergency_signs,
    emergency_summary, flag_label, flags_text, item_label, modality_label, timeframe_label, triage_card, triage_detail,
    triage_reasons, with_reasons,
};
use super::{Action, ActionType, CdsResponse, Hook, Indicator, Link, LinkType, SelectionBehavior, Suggestion};
use crate::interop::canonical::QUESTIONNAIRE_URL;
use crate::interop::canonical::external::CPT;
use crate::outcome::assessment::{Advice, Assessment, Timeframe, Triage};
use crate::questions::caution_label;
use crate::rules::safety::caution_advice;
use crate::{Caution, Cpt, Modality, RedFlag, RuleId, Tier};

/// The outcome code of a card that asks for missing data.
const INCOMPLETE: &str = "screening_incomplete";

/// The link to the intake questionnaire (its canonical URL, for an EHR that can open it).
fn questionnaire_link() -> Link {
    Link {
        label: "Intake questionnaire (FHIR Questionnaire)".to_owned(),
        url: QUESTIONNAIRE_URL.to_owned(),
        kind: LinkType::Absolute,
        app_context: None,
        autolaunchable: None,
    }
}

/// "about X" or "about X and N more": the first item and how many more, so that the summary
/// stays under 140 characters whatever the items (a test checks each).
fn first_and_more(first: &str, count: usize) -> String {
    match count {
        0 | 1 => first.to_owned(),
        n => format!("{first} and {} more", n - 1),
    }
}

/// The summary of an incomplete screen on `order-sign`: what to ask before signing.
fn ask_summary(unanswered: &[RedFlag]) -> String {
    let first = unanswered.first().map_or("the required red-flag questions", |f| flag_label(*f));
    format!("Red-flag screen incomplete: ask about {} before signing.", first_and_more(first, unanswered.len()))
}

/// The delete suggestion for the draft orders.
fn remove_orders(orders: &[&(String, Modality)], why: &str) -> Suggestion {
    let plural = if orders.len() == 1 { "order" } else { "orders" };
    Suggestion {
        label: format!("Remove the draft {plural}"),
        uuid: None,
        is_recommended: Some(true),
        actions: orders
            .iter()
            .map(|(id, modality)| Action {
                kind: ActionType::Delete,
                description: Some(format!("Remove the draft {} order {id}: {why}.", modality_label(*modality))),
                resource: None,
                resource_id: Some(id.clone()),
            })
            .collect(),
        action_selection_behavior: None,
    }
}

/// The cards for `order-sign` with the draft acupuncture and dry-needling orders
/// (`("ServiceRequest/{id}", modality)`), over an assessment of the ordered modalities: the
/// same as [`order_sign_cards_with_drafts`] without the draft resources (so with no `update`
/// suggestion and no coding card).
#[must_use]
pub fn order_sign_cards(a: &Assessment, orders: &[(String, Modality)], hook_instance: &str) -> CdsResponse {
    order_sign_cards_with_drafts(a, orders, &[], hook_instance)
}

/// The CPT codes (system [`CPT`]) of a draft ServiceRequest.
fn cpt_codes(resource: &Value) -> Vec<Cpt> {
    let codings = resource.get("code").and_then(|c| c.get("coding")).and_then(Value::as_array);
    codings
        .into_iter()
        .flatten()
        .filter(|c| c.get("system").and_then(Value::as_str) == Some(CPT))
        .filter_map(|c| c.get("code").and_then(Value::as_str)?.parse::<Cpt>().ok())
        .collect()
}

/// The draft ServiceRequest whose reference (`ServiceRequest/{id}`) is `reference`.
fn draft<'a>(drafts: &'a [Value], reference: &str) -> Option<&'a Value> {
    let id = reference.strip_prefix("ServiceRequest/")?;
    drafts.iter().find(|d| {
        d.get("resourceType").and_then(Value::as_str) == Some("ServiceRequest")
            && d.get("id").and_then(Value::as_str) == Some(id)
    })
}

/// The suggestion that changes a draft order to manual acupuncture (CPT 97810): the draft
/// with its `code` replaced, everything else kept.
fn change_to_manual(reference: &str, resource: &Value, modality: Modality) -> Option<Suggestion> {
    let mut changed = resource.clone();
    let code = serde_json::json!({ "coding": [{ "system": CPT, "code": Cpt::C97810.as_str() }] });
    changed.as_object_mut()?.insert("code".to_owned(), code);
    Some(Suggestion {
        label: "Change the order to manual acupuncture (CPT 97810)".to_owned(),
        uuid: None,
        is_recommended: Some(false),
        actions: vec![Action {
            kind: ActionType::Update,
            description: Some(format!(
                "Change the draft {} order {reference} to manual acupuncture (CPT 97810), which the cautions allow \
                 after discussion.",
                modality_label(modality)
            )),
            resource: Some(changed),
            resource_id: None,
        }],
        action_selection_behavior: None,
    })
}

/// The advice manual acupuncture would have with the cautions present for `modality`.
fn manual_advice(advice: &crate::outcome::assessment::ModalityAdvice) -> Advice {
    advice
        .because
        .iter()
        .chain(advice.also_present.iter())
        .map(|c| caution_advice(*c, Modality::ManualAcupuncture))
        .max()
        .unwrap_or(Advice::Suitable)
}

/// Cautions in plain words: "pregnancy" or "pregnancy and 1 more".
fn cautions_text(cautions: &[Caution]) -> String {
    let first = cautions.first().map_or("a caution", |c| caution_label(*c));
    first_and_more(first, cautions.len())
}

/// What a yes to an unanswered caution would make of a modality.
const fn if_yes(advice: Advice) -> &'static str {
    match advice {
        Advice::NotAdvised => "not advised",
        Advice::NeedsClearance => "held until the caution is cleared",
        Advice::DiscussFirst => "discuss first",
        Advice::Suitable => "suitable",
    }
}

/// The summary of the card asking an unanswered caution that would hold `modality` back.
fn ask_caution_summary(strict: &[Caution], modality: Modality) -> String {
    let name = modality_label(modality);
    match strict {
        [one] => format!(
            "Ask about {} before signing {name}: if yes, it is {}.",
            caution_label(*one),
            if_yes(caution_advice(*one, modality))
        ),
        _ => format!("Ask about {} before signing {name}: a yes can hold it back.", cautions_text(strict)),
    }
}

/// The summary of the card naming the present cautions that make `modality` discuss-first.
fn discuss_summary(because: &[Caution], modality: Modality) -> String {
    format!(
        "Before signing {}: discuss {} with the patient first (SAFE-01).",
        modality_label(modality),
        cautions_text(because)
    )
}

/// The CPT coding problems of the draft orders taken together (one signing, one visit;
/// CODES.md §5b): errors, and the unsettled cross-modality add-on.
fn coding_problems(drafts: &[Value]) -> (Vec<String>, Vec<String>) {
    let codes: Vec<Cpt> = drafts.iter().flat_map(cpt_codes).collect();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    let initial: Vec<Cpt> = codes.iter().copied().filter(|c| matches!(c, Cpt::C97810 | Cpt::C97813)).collect();
    if initial.len() > 1 {
        let listed: Vec<&str> = initial.iter().take(2).map(|c| c.as_str()).collect();
        errors
            .push(format!("{} are initial acupuncture codes: one visit takes one initial code", listed.join(" and ")));
    }
    let dry: Vec<Cpt> = codes.iter().copied().filter(|c| c.modality() == Modality::DryNeedling).collect();
    if dry.len() > 1 {
        let listed: Vec<&str> = dry.iter().take(2).map(|c| c.as_str()).collect();
        errors.push(format!(
            "{} are dry-needling codes for different muscle counts: one visit takes one",
            listed.join(" and ")
        ));
    }
    for add_on in codes.iter().copied().filter(|c| c.initial().is_some()) {
        let Some(own) = add_on.initial() else { continue };
        if initial.is_empty() {
            errors.push(format!("{add_on} is an add-on code: it needs the initial code {own} at the same visit"));
        } else if !initial.contains(&own) {
            notes.push(format!(
                "{add_on} with {}: whether an add-on may go with the other modality's initial code is not settled \
                 by the sources here (unverified); accepted",
                initial.iter().take(2).map(|c| c.as_str()).collect::<Vec<_>>().join(" and ")
            ));
        }
    }
    errors.dedup();
    notes.dedup();
    (errors, notes)
}

/// The coding card, if the draft orders' CPT codes have a problem.
fn coding_card(drafts: &[Value]) -> Option<super::Card> {
    let (errors, notes) = coding_problems(drafts);
    let (text, indicator, outcome) = match (errors.first(), notes.first()) {
        (Some(first), _) => {
            (format!("CPT coding error: {first}. Correct before signing."), Indicator::Warning, "coding_error")
        }
        (None, Some(_)) => (
            "CPT coding: an add-on code goes with the other modality's initial code (unsettled; accepted).".to_owned(),
            Indicator::Info,
            "coding_unsettled",
        ),
        (None, None) => return None,
    };
    let mut detail = String::new();
    for line in errors.iter().chain(notes.iter()) {
        let _ = writeln!(detail, "- {line}.");
    }
    let _ = writeln!(detail, "\nThe codes of all the draft orders are read as one visit.");
    let origin = Origin { outcome, label: "CPT pairing", cited: RuleId::Mcr02.sources() };
    card(text, indicator, &origin, detail)
        .map(|c| with_reasons(c, &[("cds-not-applicable", "Not applicable to this order")]))
}

/// The cards for `order-sign` with the draft acupuncture and dry-needling orders
/// (`("ServiceRequest/{id}", modality)`), over an assessment of the ordered modalities, and
/// the draft resources themselves (`drafts`: the ServiceRequests of `draftOrders`, for the
/// `update` suggestion and the coding check; may be empty):
///
/// - emergency or urgent evaluation: one `critical` card with a recommended suggestion that
///   deletes every draft order (nothing else competes with it);
/// - an incomplete screen: a `warning` card that names the questions to ask, with a link to
///   the intake questionnaire;
/// - otherwise, for each ordered modality: `not_advised`, a `warning` card with a suggestion
///   to remove that order and, when manual acupuncture would be usable with the same cautions
///   and the draft is known, one to change it to manual acupuncture (CPT 97810);
///   `needs_clearance`, a `warning` saying what must be cleared first; `discuss_first`
///   because of a present caution, a `warning` naming it; an unanswered caution that would
///   make the modality `not_advised` or `needs_clearance`, a `warning` naming the question
///   ("Ask about pregnancy before signing electroacupuncture: ..."); and the triage card as
///   on `patient-view`;
/// - a CPT coding card when the draft orders' codes, read as one visit, pair wrongly
///   (CODES.md §5b: two initial acupuncture codes, 20560 with 20561, an add-on alone:
///   `warning`, topic `coding_error`; an add-on with the other modality's initial code:
///   `info`, topic `coding_unsettled`).
///
/// No orders, no cards: the service has nothing to say about other orders. Every card names
/// the modality ordered (DN-01) and its outcome code in `source.topic` (triage, advice, or
/// coding).
#[must_use]
pub fn order_sign_cards_with_drafts(
    a: &Assessment,
    orders: &[(String, Modality)],
    drafts: &[Value],
    hook_instance: &str,
) -> CdsResponse {
    let mut cards = Vec::new();
    if orders.is_empty() {
        return CdsResponse { cards };
    }
    let asked = asked_about(a);
    let all: Vec<&(String, Modality)> = orders.iter().collect();
    match a.triage {
        Triage::Emergency | Triage::UrgentEvaluation => {
            let (text, why) = match (a.triage, a.timeframe) {
                (Triage::Emergency, _) => {
                    (emergency_summary(&emergency_signs(a), asked), "emergency signs are present")
                }
                (_, Some(Timeframe::Today)) => (
                    format!(
                        "Red flags present: urgent medical evaluation today, before any {asked}. Remove the draft order."
                    ),
                    "red flags need urgent medical evaluation first",
                ),
                _ => (
                    format!(
                        "Red flags present: urgent medical evaluation within days, before any {asked}. Remove the draft order."
                    ),
                    "red flags need urgent medical evaluation first",
                ),
            };
            let origin = Origin { outcome: a.triage.as_str(), label: "triage", cited: &SCREEN_SOURCES };
            cards.extend(
                card(text, Indicator::Critical, &origin, triage_detail(a))
                    .and_then(|c| c.with_suggestions(SelectionBehavior::AtMostOne, vec![remove_orders(&all, why)]).ok())
                    .map(|c| with_reasons(c, triage_reasons(a.triage))),
            );
        }
        Triage::ScreeningIncomplete => {
            let mut detail = String::new();
            let _ = writeln!(detail, "**Ask before signing (required):** {}\n", flags_text(&a.unanswered.to_vec()));
            if !a.also_ask.is_empty() {
                let items: Vec<String> = a.also_ask.iter().map(|i| item_label(i)).collect();
                let _ = writeln!(detail, "**Also open:** {}\n", items.join(", "));
            }
            if dry_needling_proposed(a) {
                let _ = writeln!(detail, "{DRY_NEEDLING_LINE}\n");
            }
            let _ = writeln!(
                detail,
                "The red-flag screen decides whether {asked} may go ahead; an unanswered question is not a no."
            );
            let origin = Origin { outcome: a.triage.as_str(), label: "triage", cited: &SCREEN_SOURCES };
            cards.extend(
                card(ask_summary(&a.unanswered.to_vec()), Indicator::Warning, &origin, detail)
                    .and_then(|c| c.with_link(questionnaire_link()).ok())
                    .map(|c| with_reasons(c, triage_reasons(a.triage))),
            );
        }
        _ => {
            for order in &all {
                let (id, modality) = order;
                let name = modality_label(*modality);
                let Some(advice) = a.modalities.iter().find(|m| m.modality == *modality) else { continue };
                let because: Vec<Caution> = advice.because.iter().copied().collect();
                let mut detail = String::new();
                if because.is_empty() {
                    let _ = writeln!(
                        detail,
                        "**{name}** ({id}): {} because of the triage outcome (SAFE-01).",
                        advice_label(advice.advice)
                    );
                } else {
                    let _ = writeln!(
                        detail,
                        "**{name}** ({id}): {} because of {} (SAFE-01).",
                        advice_label(advice.advice),
                        because.iter().map(|c| caution_label(*c)).collect::<Vec<_>>().join(", ")
                    );
                }
                if *modality == Modality::DryNeedling {
                    let _ = writeln!(detail, "\n{DRY_NEEDLING_LINE}");
                }
                let origin = Origin {
                    outcome: advice.advice.as_str(),
                    label: "safety cautions",
                    cited: RuleId::Safe01.sources(),
                };
                let reasons = [
                    ("patient-contraindication", "Contraindication addressed"),
                    ("cds-not-applicable", "Not applicable to this patient"),
                ];
                match advice.advice {
                    Advice::NotAdvised => {
                        let change = (*modality != Modality::ManualAcupuncture
                            && a.triage.allows_trial()
                            && !because.is_empty()
                            && manual_advice(advice) <= Advice::DiscussFirst)
                            .then(|| draft(drafts, id).and_then(|r| change_to_manual(id, r, *modality)))
                            .flatten();
                        let text = if change.is_some() {
                            format!(
                                "Ordered {name} is not advised for this patient (SAFE-01): remove it or change to manual acupuncture."
                            )
                        } else {
                            format!("Ordered {name} is not advised for this patient (SAFE-01): remove the order.")
                        };
                        if change.is_some() {
                            let _ = writeln!(
                                detail,
                                "\nManual acupuncture (CPT 97810) is at most discuss first with these cautions."
                            );
                        }
                        let why = "not advised because of a safety caution";
                        let suggestions: Vec<Suggestion> =
                            std::iter::once(remove_orders(&[order], why)).chain(change).collect();
                        cards.extend(
                            card(text, Indicator::Warning, &origin, detail)
                                .and_then(|c| c.with_suggestions(SelectionBehavior::AtMostOne, suggestions).ok())
                                .map(|c| with_reasons(c, &reasons)),
                        );
                    }
                    Advice::NeedsClearance => {
                        let text = format!(
                            "Ordered {name} only after a caution is cleared (SAFE-01): see the detail before signing."
                        );
                        cards
                            .extend(card(text, Indicator::Warning, &origin, detail).map(|c| with_reasons(c, &reasons)));
                    }
                    Advice::DiscussFirst if !because.is_empty() => {
                        let text = discuss_summary(&because, *modality);
                        cards
                            .extend(card(text, Indicator::Warning, &origin, detail).map(|c| with_reasons(c, &reasons)));
                    }
                    Advice::Suitable | Advice::DiscussFirst => {}
                }
                // An open question whose yes would hold this modality back.
                let strict: Vec<Caution> = advice
                    .unanswered
                    .iter()
                    .copied()
                    .filter(|c| matches!(caution_advice(*c, *modality), Advice::NotAdvised | Advice::NeedsClearance))
                    .collect();
                if !strict.is_empty() && a.triage.allows_trial() {
                    let text = ask_caution_summary(&strict, *modality);
                    let mut detail = String::new();
                    for c in &strict {
                        let _ = writeln!(
                            detail,
                            "- {}: unanswered; if present, {name} is {} (SAFE-01).",
                            caution_label(*c),
                            advice_label(caution_advice(*c, *modality))
                        );
                    }
                    let _ = writeln!(detail, "\nAn unanswered caution is a question to ask, never a no.");
                    let origin =
                        // The topic is the modality's advice now (at most discuss first while asked).
                        Origin { outcome: advice.advice.as_str(), label: "safety cautions", cited: RuleId::Safe01.sources() };
                    cards.extend(
                        card(text, Indicator::Warning, &origin, detail)
                            .and_then(|c| c.with_link(questionnaire_link()).ok())
                            .map(|c| with_reasons(c, &reasons)),
                    );
                }
            }
            cards.extend(triage_card(a));
        }
    }
    cards.extend(coding_card(drafts));
    CdsResponse { cards: cards.into_iter().enumerate().map(|(i, c)| c.identified(hook_instance, i)).collect() }
}

/// A missing intake field in plain words: the fields the FHIR mapping reports when the record
/// lacks them (`onset`, `age_years`, `pattern`); another name is shown as it is (it is the
/// crate's own field name, never text from the record).
fn missing_label(field: &str) -> &str {
    match field {
        "onset" => "when the back pain started",
        "age" | "age_years" => "the patient's age (birth date)",
        "pattern" => "whether the pain spreads down a leg",
        other => other,
    }
}

/// What the draft orders order, by name (DN-01); `acupuncture` without orders.
fn orders_named(orders: &[(String, Modality)]) -> &'static str {
    let dry = orders.iter().any(|(_, m)| *m == Modality::DryNeedling);
    let acupuncture = orders.iter().any(|(_, m)| *m != Modality::DryNeedling);
    match (acupuncture, dry) {
        (false, true) => "dry needling",
        (true, true) => "acupuncture or dry needling",
        _ => "acupuncture",
    }
}

/// The card for a record that lacks what the triage needs (without its uuid).
fn missing_card(missing: &[&str], hook: Hook) -> Option<super::Card> {
    let labels: Vec<&str> = missing.iter().map(|f| missing_label(f)).collect();
    let first = labels.first().copied().unwrap_or("the intake");
    let text = format!("Cannot assess yet: the record lacks {}; ask the patient.", first_and_more(first, labels.len()));
    let mut detail = String::new();
    let _ = writeln!(detail, "**Missing from the record:** {}\n", labels.join(", "));
    let _ = writeln!(
        detail,
        "The triage needs these to classify the pain and screen for red flags. Record them, for example with the \
         intake questionnaire, and ask the red-flag questions."
    );
    let indicator = match hook {
        Hook::OrderSign => Indicator::Warning,
        Hook::PatientView => Indicator::Info,
    };
    let origin = Origin { outcome: INCOMPLETE, label: "triage", cited: &SCREEN_SOURCES };
    card(text, indicator, &origin, detail)
        .and_then(|c| c.with_link(questionnaire_link()).ok())
        .map(|c| with_reasons(c, triage_reasons(Triage::ScreeningIncomplete)))
}

/// The card for a record that lacks what the triage needs (the onset, the age or the pain
/// pattern), so that nothing can be assessed yet: it names what to ask, links the intake
/// questionnaire, and says `screening_incomplete` in `source.topic`. A `warning` on
/// `order-sign` (an order is about to be signed), `info` on `patient-view`.
///
/// When the intake response answers an emergency or urgent red flag present, use
/// [`unassessed_cards`]: a red flag is raised whatever else the record lacks.
#[must_use]
pub fn missing_data_cards(missing: &[&str], hook: Hook, hook_instance: &str) -> CdsResponse {
    let cards = missing_card(missing, hook).map(|c| c.identified(hook_instance, 0));
    CdsResponse { cards: cards.into_iter().collect() }
}

/// The cards for a record that lacks what the triage needs (`missing`: the onset, the age or
/// the pain pattern) while red flags are answered present (`present`, any tier): a present
/// red flag raises its tier without the rest of the assessment (`RF-00`, `RF-E`, `RF-U`).
///
/// - an emergency-tier sign ([`Tier::Emergency`]): the same `critical` emergency card as a
///   full assessment gives, with a recommended suggestion deleting every draft order on
///   `order-sign` (`orders`, empty on `patient-view`);
/// - otherwise an urgent-tier item: an urgent-evaluation card whose deadline is `today`
///   (engine policy: without the onset or age, the most urgent deadline the tier can set; the
///   card says so): `warning` on `patient-view`; on `order-sign` the same `critical` card with
///   the delete suggestion as a full assessment's urgent evaluation;
/// - then the card of [`missing_data_cards`], naming what to ask.
///
/// With no emergency or urgent item present, this is [`missing_data_cards`].
#[must_use]
pub fn unassessed_cards(
    present: &[RedFlag],
    missing: &[&str],
    hook: Hook,
    orders: &[(String, Modality)],
    hook_instance: &str,
) -> CdsResponse {
    let emergency: Vec<RedFlag> = present.iter().copied().filter(|f| f.tier() == Tier::Emergency).collect();
    let raised: Vec<RedFlag> = present.iter().copied().filter(|f| f.tier() <= Tier::UrgentEvaluation).collect();
    let labels: Vec<&str> = missing.iter().map(|f| missing_label(f)).collect();
    let all: Vec<&(String, Modality)> = orders.iter().collect();
    let mut cards = Vec::new();
    let asked = orders_named(orders);
    let tier_card = if !emergency.is_empty() {
        let mut detail = String::new();
        let _ = writeln!(detail, "**Red flags:** {}\n", flags_text(&raised));
        let _ = writeln!(detail, "**By when:** {}\n", timeframe_label(Timeframe::Now));
        let _ = writeln!(
            detail,
            "The record lacks {}, so the rest of the assessment could not run; an emergency sign decides on its \
             own (RF-E): no {asked}.",
            labels.join(", ")
        );
        let origin = Origin { outcome: Triage::Emergency.as_str(), label: "triage", cited: &SCREEN_SOURCES };
        card(emergency_summary(&emergency, asked), Indicator::Critical, &origin, detail)
            .and_then(|c| {
                if all.is_empty() {
                    Some(c)
                } else {
                    c.with_suggestions(
                        SelectionBehavior::AtMostOne,
                        vec![remove_orders(&all, "emergency signs are present")],
                    )
                    .ok()
                }
            })
            .map(|c| with_reasons(c, triage_reasons(Triage::Emergency)))
    } else if !raised.is_empty() {
        let mut detail = String::new();
        let _ = writeln!(detail, "**Red flags:** {}\n", flags_text(&raised));
        let _ = writeln!(detail, "**By when:** {}\n", timeframe_label(Timeframe::Today));
        let _ = writeln!(
            detail,
            "The record lacks {}: without them the deadline is the most urgent this tier can set, today (engine \
             policy, conservative).",
            labels.join(", ")
        );
        let origin = Origin { outcome: Triage::UrgentEvaluation.as_str(), label: "triage", cited: &SCREEN_SOURCES };
        let reasons = triage_reasons(Triage::UrgentEvaluation);
        if all.is_empty() {
            card(
                format!("Urgent medical evaluation today, before any {asked}: red flags present."),
                Indicator::Warning,
                &origin,
                detail,
            )
            .map(|c| with_reasons(c, reasons))
        } else {
            card(
                format!(
                    "Red flags present: urgent medical evaluation today, before any {asked}. Remove the draft order."
                ),
                Indicator::Critical,
                &origin,
                detail,
            )
            .and_then(|c| {
                c.with_suggestions(
                    SelectionBehavior::AtMostOne,
                    vec![remove_orders(&all, "red flags need urgent medical evaluation first")],
                )
                .ok()
            })
            .map(|c| with_reasons(c, reasons))
        }
    } else {
        None
    };
    cards.extend(tier_card);
    cards.extend(missing_card(missing, hook));
    CdsResponse { cards: cards.into_iter().enumerate().map(|(i, c)| c.identified(hook_instance, i)).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interop::cds_hooks::Summary;

    #[test]
    fn every_ask_summary_fits_without_the_fallback() {
        for first in RedFlag::ALL {
            for n in 1..=RedFlag::ALL.len() {
                let mut items = vec![*first];
                items.extend(RedFlag::ALL.iter().copied().take(n - 1));
                let text = ask_summary(&items);
                assert!(Summary::new(text.clone()).is_ok(), "{text} ({} characters)", text.chars().count());
            }
        }
    }

    #[test]
    fn every_caution_summary_fits_without_the_fallback() {
        for m in Modality::ALL {
            for (i, first) in Caution::ALL.iter().enumerate() {
                for n in 1..=Caution::ALL.len() {
                    let mut items = vec![*first];
                    items.extend(Caution::ALL.iter().copied().filter(|c| c != first).take(n - 1));
                    for text in [ask_caution_summary(&items, *m), discuss_summary(&items, *m)] {
                        assert!(Summary::new(text.clone()).is_ok(), "{i} {text} ({} characters)", text.chars().count());
                    }
                }
            }
        }
    }

    fn draft(codes: &[&str]) -> Vec<Value> {
        codes
            .iter()
            .enumerate()
            .map(|(i, code)| {
                serde_json::json!({"resourceType": "ServiceRequest", "id": format!("sr-{i}"),
                    "code": {"coding": [{"system": CPT, "code": code}]}})
            })
            .collect()
    }

    #[test]
    fn cpt_pairing_follows_codes_5b() {
        // CODES.md §5b: two initial acupuncture codes, 20560 with 20561 and an add-on alone
        // are coding errors; an add-on with the other modality's initial code is unsettled
        // (accepted, labelled); an initial code with its own add-on is fine.
        for (codes, errors, notes) in [
            (&["97810", "97813"][..], 1, 0),
            (&["97810", "97810"][..], 1, 0),
            (&["20560", "20561"][..], 1, 0),
            (&["97811"][..], 1, 0),
            (&["97810", "97814"][..], 0, 1),
            (&["97810", "97811"][..], 0, 0),
            (&["97813", "97814", "97814"][..], 0, 0),
            (&["20560"][..], 0, 0),
        ] {
            let (e, n) = coding_problems(&draft(codes));
            assert_eq!((e.len(), n.len()), (errors, notes), "{codes:?}: {e:?} {n:?}");
            let card = coding_card(&draft(codes));
            assert_eq!(card.is_some(), errors + notes > 0);
            if let Some(card) = card {
                assert!(!card.summary().starts_with("See the detail"), "{}", card.summary());
                assert_eq!(card.indicator(), if errors > 0 { Indicator::Warning } else { Indicator::Info });
            }
        }
        let (e, _) = coding_problems(&draft(&["97810", "97813", "97810"]));
        let card = coding_card(&draft(&["97810", "97813", "97810"]));
        assert!(card.is_some_and(|c| !c.summary().starts_with("See the detail")), "{e:?}");
    }

    #[test]
    fn a_present_red_flag_without_an_intake_raises_its_tier() {
        // RF-00: an emergency sign gives the critical card, an urgent item the urgent card due
        // today, each before the missing-data card; every summary fits.
        let order = [("ServiceRequest/sr-1".to_owned(), Modality::DryNeedling)];
        for flag in RedFlag::ASKED {
            for hook in [Hook::PatientView, Hook::OrderSign] {
                let orders: &[(String, Modality)] = if hook == Hook::OrderSign { &order } else { &[] };
                let response = unassessed_cards(&[flag], &["onset"], hook, orders, "h");
                let first = response.cards.first().map(|c| (c.indicator(), c.summary().to_owned()));
                match flag.tier() {
                    Tier::Emergency => {
                        assert_eq!(response.cards.len(), 2);
                        assert!(first.is_some_and(|(i, s)| i == Indicator::Critical
                            && s.ends_with("no dry needling.")
                            || hook == Hook::PatientView
                                && i == Indicator::Critical
                                && s.ends_with("no acupuncture.")));
                    }
                    Tier::UrgentEvaluation => {
                        assert_eq!(response.cards.len(), 2);
                        assert!(first.is_some_and(|(_, s)| s.contains("today")));
                    }
                    Tier::EvaluationFirst => assert_eq!(response.cards.len(), 1),
                }
                assert!(response.cards.iter().all(|c| c.validate().is_empty()));
            }
        }
    }

    #[test]
    fn every_missing_data_summary_fits() {
        let fields = ["onset", "age_years", "pattern", "assessed_on"];
        for first in fields {
            for n in 1..=fields.len() {
                let text = format!(
                    "Cannot assess yet: the record lacks {}; ask the patient.",
                    first_and_more(missing_label(first), n)
                );
                assert!(Summary::new(text.clone()).is_ok(), "{text}");
            }
        }
        for m in Modality::ALL {
            let text = format!(
                "Ordered {} only after a caution is cleared (SAFE-01): see the detail before signing.",
                modality_label(*m)
            );
            assert!(Summary::new(text).is_ok());
        }
    }
}
