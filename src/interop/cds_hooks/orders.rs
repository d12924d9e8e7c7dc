//! The cards for the `order-sign` hook (a draft acupuncture or dry-needling order) and for a
//! record that lacks what the triage needs.

use std::fmt::Write as _;

use super::cards::{
    Origin, SCREEN_SOURCES, card, emergency_signs, emergency_summary, flags_text, timeframe_label, triage_card,
    triage_detail, triage_reasons, with_reasons,
};
use super::{Action, ActionType, CdsResponse, Hook, Indicator, Link, LinkType, SelectionBehavior, Suggestion};
use crate::interop::canonical::QUESTIONNAIRE_URL;
use crate::outcome::assessment::{Advice, Assessment, Timeframe, Triage};
use crate::questions::{caution_label, red_flag_label};
use crate::{Modality, RedFlag, RuleId, Tier};

/// The outcome code of a card that asks for missing data.
const INCOMPLETE: &str = "screening_incomplete";

/// A modality in plain words.
fn modality_label(modality: Modality) -> &'static str {
    match modality {
        Modality::ManualAcupuncture => "manual acupuncture",
        Modality::Electroacupuncture => "electroacupuncture",
        Modality::DryNeedling => "dry needling",
    }
}

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
    let first = unanswered.first().map_or("the required red-flag questions", |f| red_flag_label(*f));
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
/// (`("ServiceRequest/{id}", modality)`), over an assessment of the ordered modalities:
///
/// - emergency or urgent evaluation: one `critical` card with a recommended suggestion that
///   deletes every draft order (nothing else competes with it);
/// - an incomplete screen: a `warning` card that names the questions to ask, with a link to
///   the intake questionnaire;
/// - otherwise, for each ordered modality that is `not_advised`, a `warning` card with a
///   suggestion to remove that order; for one that `needs_clearance`, a `warning` card saying
///   what must be cleared first; and the triage card as on `patient-view`.
///
/// No orders, no cards: the service has nothing to say about other orders. Every card's
/// `source.topic` is its outcome code (triage or advice).
#[must_use]
pub fn order_sign_cards(a: &Assessment, orders: &[(String, Modality)], hook_instance: &str) -> CdsResponse {
    let mut cards = Vec::new();
    if orders.is_empty() {
        return CdsResponse { cards };
    }
    let all: Vec<&(String, Modality)> = orders.iter().collect();
    match a.triage {
        Triage::Emergency | Triage::UrgentEvaluation => {
            let (text, why) = match (a.triage, a.timeframe) {
                (Triage::Emergency, _) => (emergency_summary(&emergency_signs(a)), "emergency signs are present"),
                (_, Some(Timeframe::Today)) => (
                    "Red flags present: urgent medical evaluation today, before any acupuncture. Remove the draft order."
                        .to_owned(),
                    "red flags need urgent medical evaluation first",
                ),
                _ => (
                    "Red flags present: urgent medical evaluation before any acupuncture. Remove the draft order."
                        .to_owned(),
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
                let _ = writeln!(detail, "**Also open:** {}\n", a.also_ask.join(", "));
            }
            let _ = writeln!(
                detail,
                "The red-flag screen decides whether acupuncture may go ahead; an unanswered question is not a no."
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
                let Some(advice) = a.modalities.iter().find(|m| m.modality == *modality) else { continue };
                let because: Vec<&str> = advice.because.iter().map(|c| caution_label(*c)).collect();
                let mut detail = String::new();
                let _ = writeln!(
                    detail,
                    "**{}** ({id}): {} because of {} (SAFE-01).",
                    modality_label(*modality),
                    advice.advice,
                    because.join(", ")
                );
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
                        let text = format!(
                            "Ordered {} is not advised for this patient (SAFE-01): change or remove the order.",
                            modality_label(*modality)
                        );
                        let why = "not advised because of a safety caution";
                        cards.extend(
                            card(text, Indicator::Warning, &origin, detail)
                                .and_then(|c| {
                                    c.with_suggestions(SelectionBehavior::AtMostOne, vec![remove_orders(&[order], why)])
                                        .ok()
                                })
                                .map(|c| with_reasons(c, &reasons)),
                        );
                    }
                    Advice::NeedsClearance => {
                        let text = format!(
                            "Ordered {} only after a caution is cleared (SAFE-01): see the detail before signing.",
                            modality_label(*modality)
                        );
                        cards
                            .extend(card(text, Indicator::Warning, &origin, detail).map(|c| with_reasons(c, &reasons)));
                    }
                    Advice::Suitable | Advice::DiscussFirst => {}
                }
            }
            cards.extend(triage_card(a));
        }
    }
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
    let tier_card = if !emergency.is_empty() {
        let mut detail = String::new();
        let _ = writeln!(detail, "**Red flags:** {}\n", flags_text(&raised));
        let _ = writeln!(detail, "**By when:** {}\n", timeframe_label(Timeframe::Now));
        let _ = writeln!(
            detail,
            "The record lacks {}, so the rest of the assessment could not run; an emergency sign decides on its \
             own (RF-E): no acupuncture.",
            labels.join(", ")
        );
        let origin = Origin { outcome: Triage::Emergency.as_str(), label: "triage", cited: &SCREEN_SOURCES };
        card(emergency_summary(&emergency), Indicator::Critical, &origin, detail)
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
                "Urgent medical evaluation today, before any acupuncture: red flags present.".to_owned(),
                Indicator::Warning,
                &origin,
                detail,
            )
            .map(|c| with_reasons(c, reasons))
        } else {
            card(
                "Red flags present: urgent medical evaluation today, before any acupuncture. Remove the draft order."
                    .to_owned(),
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
