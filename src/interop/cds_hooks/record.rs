//! The cards about the record itself (features `cds-hooks` and `fhir`): what a prefetch
//! reading could not use, and why, so that a clinician never reads a screen as complete when
//! part of it was not read.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::cards::{Origin, SCREEN_SOURCES, card, flags_text, with_reasons};
use super::{Card, CdsResponse, Coding, Indicator, Summary};
use crate::interop::fhir::{Ignored, IgnoredReason, PrefetchReading, set_aside_red_flags};
use crate::outcome::assessment::Triage;
use crate::questions::red_flag_label;

/// Whether an entry the reading passed over changes what the clinician can rely on: an
/// answer or a resource that would have counted, were it readable, current or this
/// patient's. Passed over silently: an earlier response or second copy (`superseded`), a
/// status that says it does not count, another code or questionnaire, what the crate does not
/// read, and a search message.
fn matters(ignored: &Ignored) -> bool {
    !matches!(
        ignored.reason,
        IgnoredReason::Superseded
            | IgnoredReason::Status
            | IgnoredReason::OtherCode
            | IgnoredReason::OtherQuestionnaire
            | IgnoredReason::NotRead
            | IgnoredReason::SearchMessage
    )
}

/// Where an entry is, in plain words (from its path's prefetch key; never record text).
fn place(ignored: &Ignored, skipped: bool) -> &'static str {
    let key = ignored.path.strip_prefix("prefetch.").and_then(|rest| rest.split(['.', '[']).next()).unwrap_or("");
    match key {
        _ if skipped => "An intake answer",
        "patient" => "The Patient record",
        "conditions" => "A back-pain condition",
        "pregnancy" => "A pregnancy status",
        "intake" => "An intake response",
        "medications" => "A medication record",
        "scores" => "A score",
        _ => "A record entry",
    }
}

/// Whether a skipped item was answered `present` (the library's message says so).
fn answered_present(ignored: &Ignored) -> bool {
    ignored.message.contains("answered present")
}

/// The cards about what the prefetch reading could not use (without uuids: identify them,
/// with [`Card::identified`], in their place among the call's cards):
///
/// - a `warning` "an answer reported yes could not be read: ask again before needling" when a
///   skipped intake item was answered present, or when an intake response set aside as too
///   old (or about an earlier episode) reported a red flag ([`set_aside_red_flags`]: named,
///   with the day of the response);
/// - a `warning` listing every other entry passed over that would have counted (an answer
///   that could not be read, a stale response or pregnancy status, another patient's
///   resource, a retired code, a date after the assessment date, ...), each with the
///   library's reason and the rule that an answer that could not be read counts as not
///   answered.
///
/// No text of the record is shown: the reasons are the crate's own wording. `source.topic` is
/// `screening_incomplete` on both.
#[must_use]
pub fn record_cards(prefetch: &Map<String, Value>, reading: &PrefetchReading) -> Vec<Card> {
    let skipped: Vec<&Ignored> = reading.skipped_answers().collect();
    let set_aside = set_aside_red_flags(prefetch, reading);
    let yes_skipped: Vec<&Ignored> = skipped.iter().copied().filter(|i| answered_present(i)).collect();
    let origin = Origin { outcome: Triage::ScreeningIncomplete.as_str(), label: "record", cited: &SCREEN_SOURCES };
    let reasons =
        [("action-completed", "Already asked again"), ("cds-not-applicable", "Not applicable to this patient")];
    let mut cards = Vec::new();

    if !yes_skipped.is_empty() || !set_aside.is_empty() {
        let text = if yes_skipped.is_empty() {
            let first =
                set_aside.first().and_then(|(_, flags)| flags.first()).map_or("a red flag", |f| red_flag_label(*f));
            let count: usize = set_aside.iter().map(|(_, flags)| flags.len()).sum();
            let more = if count > 1 { format!(" and {} more", count - 1) } else { String::new() };
            format!("An older intake response reported {first}{more}: ask again before needling.")
        } else {
            "An answer reported yes could not be read: ask again before needling.".to_owned()
        };
        let mut detail = String::new();
        for (day, flags) in &set_aside {
            let _ = writeln!(
                detail,
                "- An intake response from {day} reported {}: ask again (too old, or about an earlier episode, to count \
                 as an answer now).",
                flags_text(flags)
            );
        }
        for ignored in &yes_skipped {
            let _ = writeln!(detail, "- An intake answer reported yes but could not be read: {}.", ignored.message);
        }
        let _ = writeln!(
            detail,
            "\nAn answer that could not be read counts as not answered: the outcome on the other cards does not \
             include it. Ask again and record the answer before needling."
        );
        cards.extend(card(text, Indicator::Warning, &origin, detail).map(|c| with_reasons(c, &reasons)));
    }

    // A set-aside response already named on the first card is not listed again.
    let named = |i: &Ignored| {
        matches!(i.reason, IgnoredReason::Stale | IgnoredReason::EarlierEpisode)
            && i.path.starts_with("prefetch.intake")
            && set_aside.iter().any(|(day, _)| i.date == Some(*day))
    };
    let others: Vec<(&Ignored, bool)> = reading
        .ignored
        .iter()
        .filter(|i| matters(i) && !yes_skipped.contains(i) && !named(i))
        .map(|i| (i, skipped.contains(&i)))
        .collect();
    if !others.is_empty() {
        let entries = if others.len() == 1 { "1 entry".to_owned() } else { format!("{} entries", others.len()) };
        let text = format!(
            "Not used from the record: {entries} (why in the detail); what they would say counts as not answered."
        );
        let mut detail = String::new();
        for (ignored, skipped) in &others {
            let _ = writeln!(detail, "- {}: {}.", place(ignored, *skipped), ignored.message);
        }
        let _ = writeln!(
            detail,
            "\nAn answer that could not be read, or was not used, counts as not answered (never as a no)."
        );
        cards.extend(card(text, Indicator::Warning, &origin, detail).map(|c| with_reasons(c, &reasons)));
    }
    cards
}

/// The line a favourable card gets while a yes could not be read.
const NOT_COMPLETE: &str = "**Not complete:** an answer reported yes could not be read (see the warning card): \
     this outcome does not include it; ask again before needling.";

/// A call's cards with the [`record_cards`] placed after the critical ones, every card
/// identified in its place. While an answer reported yes could not be read (or a set-aside
/// response reported a red flag), a favourable card (topic `acupuncture_reasonable` or
/// `conservative_care_first`) is not presented as complete: its detail starts with a "Not
/// complete" line, its summary says "Not complete" first, and its topic becomes
/// `screening_incomplete`, so that an EHR acting on the topic alone does not read it as a
/// favourable outcome.
#[must_use]
pub fn with_record_cards(
    main: CdsResponse,
    prefetch: &Map<String, Value>,
    reading: &PrefetchReading,
    hook_instance: &str,
) -> CdsResponse {
    let notes = record_cards(prefetch, reading);
    let unread_yes =
        notes.iter().any(|c| c.summary().contains("could not be read") || c.summary().starts_with("An older"));
    let favourable = |c: &Card| {
        c.source().topic.as_ref().is_some_and(|t| {
            t.code == Triage::AcupunctureReasonable.as_str() || t.code == Triage::ConservativeCareFirst.as_str()
        })
    };
    let (critical, rest): (Vec<Card>, Vec<Card>) =
        main.cards.into_iter().partition(|c| c.indicator() == Indicator::Critical);
    let rest = rest.into_iter().map(|c| {
        if unread_yes && favourable(&c) {
            let detail = format!("{NOT_COMPLETE}\n\n{}", c.detail().unwrap_or(""));
            let summary =
                Summary::new(format!("Not complete (a yes could not be read): {}", c.summary())).or_else(|_| {
                    Summary::new("Not complete: an answer reported yes could not be read; ask again before needling.")
                });
            let topic =
                c.source().topic.clone().map(|t| Coding { code: Triage::ScreeningIncomplete.as_str().to_owned(), ..t });
            match summary {
                Ok(summary) => c.with_detail(detail).with_summary_and_topic(summary, topic),
                Err(_) => c.with_detail(detail),
            }
        } else {
            c
        }
    });
    let all = critical.into_iter().chain(notes).chain(rest);
    CdsResponse { cards: all.enumerate().map(|(i, c)| c.identified(hook_instance, i)).collect() }
}
