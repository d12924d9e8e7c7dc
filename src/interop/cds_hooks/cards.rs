//! The cards for assessments and course reviews.

use std::fmt::Write as _;

use super::{Card, CdsResponse, Coding, Indicator, Link, LinkType, SUMMARY_LIMIT, Source, Summary};
use crate::evidence::SourceId;
use crate::explain::FindingLine;
use crate::interop::canonical::OUTCOME_SYSTEM;
use crate::outcome::assessment::{Advice, Assessment, Stance, Timeframe, Triage};
use crate::outcome::course_review::{CourseDecision, CourseReview};
use crate::questions::{caution_label, red_flag_label};
use crate::{Caution, Modality, RedFlag, Tier};

/// A red flag in a clinician's words (the patient-facing phrase, but about the patient).
pub(super) const fn flag_label(flag: RedFlag) -> &'static str {
    match flag {
        RedFlag::BladderOrBowelChange => "new bladder or bowel trouble",
        other => red_flag_label(other),
    }
}

/// An item name of the crate (`bilateral_leg_symptoms`, `anticoagulants`) in plain words: the
/// red flag's or caution's phrase, else the name with spaces.
pub(super) fn item_label(name: &str) -> String {
    if let Ok(flag) = name.parse::<RedFlag>() {
        flag_label(flag).to_owned()
    } else if let Ok(caution) = name.parse::<Caution>() {
        caution_label(caution).to_owned()
    } else {
        name.replace('_', " ")
    }
}

/// An advice level in plain words.
pub(super) const fn advice_label(advice: Advice) -> &'static str {
    match advice {
        Advice::Suitable => "suitable",
        Advice::DiscussFirst => "discuss first",
        Advice::NeedsClearance => "only after the caution is cleared",
        Advice::NotAdvised => "not advised",
    }
}

/// A modality in plain words.
pub(super) const fn modality_label(modality: Modality) -> &'static str {
    match modality {
        Modality::ManualAcupuncture => "manual acupuncture",
        Modality::Electroacupuncture => "electroacupuncture",
        Modality::DryNeedling => "dry needling",
    }
}

/// What the assessment was asked about, by name (DN-01, revision 2026-12: every stop or wait
/// instruction names the modality asked about): `acupuncture`, `dry needling`, or
/// `acupuncture or dry needling`.
pub(super) fn asked_about(a: &Assessment) -> &'static str {
    let dry = a.modalities.iter().any(|m| m.modality == Modality::DryNeedling);
    let acupuncture = a.modalities.iter().any(|m| m.modality != Modality::DryNeedling);
    match (acupuncture, dry) {
        (false, true) => "dry needling",
        (true, true) => "acupuncture or dry needling",
        _ => "acupuncture",
    }
}

/// Whether dry needling is among the proposed modalities.
pub(super) fn dry_needling_proposed(a: &Assessment) -> bool {
    a.modalities.iter().any(|m| m.modality == Modality::DryNeedling)
}

/// Whether a trauma (major, or minor with a partner) is in force as an urgent red flag.
pub(super) fn trauma_route(a: &Assessment) -> bool {
    a.red_flags
        .iter()
        .any(|f| matches!(f.item, RedFlag::MajorTrauma | RedFlag::MinorTrauma) && f.tier == Tier::UrgentEvaluation)
}

/// The trauma route's same-day line (as the patient text has it), when one is in force.
pub(super) fn trauma_line(a: &Assessment) -> Option<&'static str> {
    if !trauma_route(a) {
        return None;
    }
    let recent = a.findings.iter().any(|f| matches!(f.detail, crate::Detail::RecentTrauma { .. }));
    Some(if recent {
        "**Injury:** the pain began in the last few days: same day; emergency care if the patient cannot walk or \
         bear weight, or it cannot wait."
    } else {
        "**Injury:** same day if the injury was in the last few days or the patient cannot walk or bear weight; \
         emergency care if it cannot wait."
    })
}

/// The DN-01 line of a card's detail when dry needling is proposed.
pub(super) const DRY_NEEDLING_LINE: &str = "**Dry needling:** its evidence for low back pain was not reviewed here \
     (DN-01, revision 2026-12); acupuncture's guideline positions, evidence and trial plan do not apply to it.";

/// Text as literal Markdown for a card's `detail`: every ASCII punctuation character (`\`,
/// `` ` ``, `*`, `_`, `[`, `]`, `(`, `)`, `#`, `+`, `-`, `!`, `<`, `>`, `|`, `:` …) is
/// backslash-escaped, which CommonMark and GitHub-flavoured Markdown read as the character
/// itself, and a control character becomes a space, so the text cannot start a line, a list,
/// a heading, a link, an autolink, HTML or a table cell.
///
/// The cards this crate builds carry no caller text (the patient's goals stay out of them);
/// an integration that adds text of its own to a card (`Card::with_detail`) escapes it with
/// this.
///
/// ```
/// use acupuncture_guidance::interop::cds_hooks::escape_markdown;
/// assert_eq!(escape_markdown("**bold** [x](http://evil)"), r"\*\*bold\*\* \[x\]\(http\:\/\/evil\)");
/// assert_eq!(escape_markdown("walk\n# now"), r"walk \# now");
/// ```
#[must_use]
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_control() {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// The card's outcome as a coding in [`OUTCOME_SYSTEM`]: a triage, advice or course-decision
/// code, so that an EHR can act on a card without reading its text.
pub(super) fn topic(code: &str) -> Coding {
    Coding { code: code.to_owned(), system: OUTCOME_SYSTEM.to_owned(), display: Some(code.replace('_', " ")) }
}

pub(super) fn source(label: &str, cited: &[SourceId], outcome: &str) -> Source {
    let ids: Vec<&str> = cited.iter().map(|s| s.as_str()).collect();
    Source {
        label: format!("acupuncture-guidance {}: {label} ({})", crate::RULESET_VERSION, ids.join(", ")),
        url: cited.iter().find_map(|s| s.info().url).map(str::to_owned),
        icon: None,
        topic: Some(topic(outcome)),
    }
}

pub(super) fn summary(text: String) -> Summary {
    // Every summary below is built from short fixed phrases; the fallback keeps the function
    // total should one ever grow too long.
    Summary::new(text).unwrap_or_else(|_| Summary("See the detail for this guidance.".to_owned()))
}

/// What a card says and where it comes from: its outcome code (`source.topic`), the source
/// label and the sources cited.
pub(super) struct Origin<'a> {
    pub(super) outcome: &'a str,
    pub(super) label: &'a str,
    pub(super) cited: &'a [SourceId],
}

pub(super) fn card(summary_text: String, indicator: Indicator, origin: &Origin<'_>, detail: String) -> Option<Card> {
    let Origin { outcome, label, cited } = *origin;
    let mut card = Card::new(summary(summary_text), indicator, source(label, cited, outcome)).ok()?.with_detail(detail);
    let mut seen = Vec::new();
    for id in cited {
        if let Some(url) = id.info().url.filter(|u| !seen.contains(u)) {
            seen.push(url);
            card = card
                .with_link(Link {
                    label: id.to_string(),
                    url: url.to_owned(),
                    kind: LinkType::Absolute,
                    app_context: None,
                    autolaunchable: None,
                })
                .ok()?;
        }
    }
    Some(card)
}

pub(super) fn with_reasons(card: Card, reasons: &[(&str, &str)]) -> Card {
    reasons.iter().fold(card, |card, (code, display)| {
        card.clone().with_override_reason(Coding::override_reason(code, display)).unwrap_or(card)
    })
}

/// The emergency card's summary: the first sign and how many more, so that it stays under 140
/// characters whatever the signs (a test checks each).
pub(super) fn emergency_summary(signs: &[RedFlag], asked: &str) -> String {
    let first = signs.first().map_or("an emergency sign", |f| flag_label(*f));
    let more = match signs.len() {
        0 | 1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    format!("Emergency: {first}{more}. Send for emergency assessment now; no {asked}.")
}

pub(super) fn flags_text(flags: &[RedFlag]) -> String {
    flags.iter().map(|f| flag_label(*f)).collect::<Vec<_>>().join(", ")
}

/// The sources of the triage cards (emergency, urgent, screening): the red-flag sources the
/// findings cite (`RF-00`), not the treatment guideline.
pub(super) const SCREEN_SOURCES: [SourceId; 2] = [SourceId::AcpAps2007, SourceId::Ahcpr1994];

/// A deadline in plain words, for a clinician.
pub(super) const fn timeframe_label(timeframe: Timeframe) -> &'static str {
    match timeframe {
        Timeframe::Now => "now: emergency assessment",
        Timeframe::Today => "today",
        Timeframe::WithinDays => "within a few days (today if possible)",
        Timeframe::WithinTwoWeeks => "within about two weeks, before any needling",
        Timeframe::IfNotImprovingWithinAMonth => "see a clinician if not improving within a month",
    }
}

/// The present emergency-tier signs, most urgent first.
pub(super) fn emergency_signs(a: &Assessment) -> Vec<RedFlag> {
    a.red_flags.iter().filter(|f| f.tier == Tier::Emergency).map(|f| f.item).collect()
}

/// The triage card (without its uuid): its summary and indicator by triage, the red flags,
/// open questions, deadline, safety net and every finding in the detail.
pub(super) fn triage_card(a: &Assessment) -> Option<Card> {
    let asked = asked_about(a);
    let dry = dry_needling_proposed(a);
    let only_dry = asked == "dry needling";
    let usable = a.modalities.iter().any(|m| m.advice != Advice::NotAdvised);
    let mut outcome = a.triage.as_str();
    let (text, indicator) = match a.triage {
        Triage::Emergency => (emergency_summary(&emergency_signs(a), asked), Indicator::Critical),
        Triage::UrgentEvaluation if a.timeframe == Some(Timeframe::Today) => (
            format!("Urgent medical evaluation today, before any {asked}: red flags present."),
            Indicator::Warning,
        ),
        Triage::UrgentEvaluation if trauma_route(a) => (
            format!(
                "Urgent evaluation before any {asked}: within days; same day if injured in the last few days or cannot bear weight."
            ),
            Indicator::Warning,
        ),
        Triage::UrgentEvaluation => (
            format!("Urgent medical evaluation within a few days, before any {asked}: red flags present."),
            Indicator::Warning,
        ),
        Triage::ScreeningIncomplete => {
            let n = a.unanswered.len();
            let questions = if n == 1 { "question" } else { "questions" };
            (format!("Ask the {n} red-flag {questions} before {asked}: the screen is incomplete."), Indicator::Info)
        }
        Triage::EvaluationFirst => (
            format!("Medical assessment (within about two weeks) recommended before a course of {asked}."),
            Indicator::Info,
        ),
        // RF-ASK: an open question is never a plain "reasonable" card; the summary says to ask.
        Triage::AcupunctureReasonable | Triage::ConservativeCareFirst if !a.also_ask.is_empty() => (
            format!(
                "No red flags reported, but {} question(s) are open: ask them before {asked} (listed below).",
                a.also_ask.len()
            ),
            Indicator::Info,
        ),
        Triage::AcupunctureReasonable | Triage::ConservativeCareFirst if a.trial_plan.is_none() && !usable => {
            // The card says that nothing proposed may be done: its topic is the advice.
            outcome = Advice::NotAdvised.as_str();
            (
                format!("No red flags, but no proposed modality is usable for this patient: no {asked}; other options first."),
                Indicator::Info,
            )
        }
        Triage::AcupunctureReasonable | Triage::ConservativeCareFirst if a.trial_plan.is_none() => (
            "No red flags, but an earlier acupuncture course did not help: no new trial; other options first.".to_owned(),
            Indicator::Info,
        ),
        Triage::AcupunctureReasonable if only_dry => (
            "Chronic low back pain, no red flags: dry needling's evidence was not reviewed here (DN-01); decide with care."
                .to_owned(),
            Indicator::Info,
        ),
        Triage::AcupunctureReasonable if dry => (
            "Chronic low back pain, no red flags: acupuncture is a reasonable trial; dry needling's evidence was not reviewed."
                .to_owned(),
            Indicator::Info,
        ),
        Triage::AcupunctureReasonable => (
            "Chronic low back pain, no red flags: acupuncture is a reasonable option for a time-limited trial."
                .to_owned(),
            Indicator::Info,
        ),
        Triage::ConservativeCareFirst if only_dry => (
            "Acute/subacute low back pain, no red flags: conservative care first; dry needling's evidence was not reviewed."
                .to_owned(),
            Indicator::Info,
        ),
        Triage::ConservativeCareFirst => (
            format!("Acute/subacute low back pain, no red flags: conservative care first; {asked} is one option."),
            Indicator::Info,
        ),
    };
    // A favourable outcome also rests on the treatment guideline; a triage outcome on the
    // red-flag sources only.
    let favourable = [SourceId::AcpAps2007, SourceId::Ahcpr1994, SourceId::Acp2017];
    let cited: &[SourceId] = if a.triage.allows_trial() { &favourable } else { &SCREEN_SOURCES };
    let origin = Origin { outcome, label: "triage", cited };
    card(text, indicator, &origin, triage_detail(a)).map(|c| with_reasons(c, triage_reasons(a.triage)))
}

/// The triage card's detail: red flags, unanswered items, open questions, the deadline, the
/// safety net and every finding.
pub(super) fn triage_detail(a: &Assessment) -> String {
    let flags: Vec<RedFlag> = a.red_flags.iter().map(|f| f.item).collect();
    let mut detail = String::new();
    if !flags.is_empty() {
        let _ = writeln!(detail, "**Red flags:** {}\n", flags_text(&flags));
    }
    if !a.unanswered.is_empty() {
        let _ = writeln!(detail, "**Unanswered required items:** {}\n", flags_text(&a.unanswered.to_vec()));
    }
    if !a.also_ask.is_empty() {
        let items: Vec<String> = a.also_ask.iter().map(|i| item_label(i)).collect();
        let _ =
            writeln!(detail, "**Ask first (until answered, at most discuss first; RF-ASK):** {}\n", items.join(", "));
    }
    if let Some(timeframe) = a.timeframe {
        if a.triage == Triage::ScreeningIncomplete {
            // Not a deadline yet: what a yes to an open question would call for.
            let _ = writeln!(detail, "**If an open answer is yes:** {}\n", timeframe_label(timeframe));
        } else {
            let _ = writeln!(detail, "**By when:** {}\n", timeframe_label(timeframe));
        }
    }
    if let Some(line) = trauma_line(a) {
        let _ = writeln!(detail, "{line}\n");
    }
    if !a.safety_net.is_empty() {
        let _ = writeln!(detail, "**Safety net:** emergency care now for any of: {}.\n", flags_text(&a.safety_net));
    }
    if !a.same_day_signs.is_empty() {
        let _ = writeln!(detail, "**Same day** for any of: {}.\n", flags_text(&a.same_day_signs));
    }
    if dry_needling_proposed(a) {
        let _ = writeln!(detail, "{DRY_NEEDLING_LINE}\n");
    }
    let _ = writeln!(detail, "**Findings:**\n");
    for finding in &a.findings {
        let _ = writeln!(detail, "- {}", FindingLine(finding));
    }
    detail
}

/// The override reasons offered on a triage card.
pub(super) fn triage_reasons(triage: Triage) -> &'static [(&'static str, &'static str)] {
    if triage == Triage::Emergency {
        &[("cds-not-applicable", "Not applicable to this patient"), ("action-completed", "Already done")]
    } else {
        &[
            ("cds-not-applicable", "Not applicable to this patient"),
            ("recipient-disagrees-evidence", "Disagree with the evidence"),
            ("does-not-align-preferences", "Does not fit the patient's preferences"),
        ]
    }
}

/// The cards for an assessment: the triage (critical for an emergency, warning for urgent
/// evaluation), the safety cautions when one shapes the advice (warning when a modality is
/// held back), and the guideline positions when acupuncture messaging is not withheld. Each
/// card's `source.topic` is its outcome in [`OUTCOME_SYSTEM`]: the triage code on the triage
/// and guideline cards, the strictest advice code on the safety card.
#[must_use]
pub fn assessment_cards(a: &Assessment, hook_instance: &str) -> CdsResponse {
    let mut cards = Vec::new();
    cards.extend(triage_card(a));

    let cautioned: Vec<_> = a.modalities.iter().filter(|m| !m.because.is_empty()).collect();
    if !cautioned.is_empty() && a.triage.allows_trial() {
        let held = cautioned.iter().any(|m| matches!(m.advice, Advice::NeedsClearance | Advice::NotAdvised));
        let mut detail = String::new();
        for m in &cautioned {
            let because: Vec<&str> = m.because.iter().map(|c| caution_label(*c)).collect();
            let _ = writeln!(
                detail,
                "- **{}**: {} (because of {})",
                modality_label(m.modality),
                advice_label(m.advice),
                because.join(", ")
            );
        }
        // The summary names the strictest modality and its cautions; the generic line only if
        // the named one would not fit a summary.
        let strictest_m = cautioned.iter().max_by_key(|m| m.advice).copied();
        let named = strictest_m.map(|m| {
            let because: Vec<&str> = m.because.iter().map(|c| caution_label(*c)).collect();
            if held {
                format!(
                    "Safety: {} {} because of {} (SAFE-01).",
                    modality_label(m.modality),
                    advice_label(m.advice),
                    because.join(", ")
                )
            } else {
                format!("Safety: discuss {} before needling (SAFE-01).", because.join(", "))
            }
        });
        let generic = if held {
            "Safety: a proposed modality is held back by a caution (SAFE-01)."
        } else {
            "Safety: discuss the cautions before needling (SAFE-01)."
        };
        let text = named.filter(|t| t.chars().count() < SUMMARY_LIMIT).unwrap_or_else(|| generic.to_owned());
        // The topic is the strictest advice among the cautioned modalities.
        let strictest = cautioned.iter().map(|m| m.advice).max().unwrap_or(Advice::DiscussFirst);
        let origin =
            Origin { outcome: strictest.as_str(), label: "safety cautions", cited: crate::RuleId::Safe01.sources() };
        cards.extend(card(text, if held { Indicator::Warning } else { Indicator::Info }, &origin, detail).map(|c| {
            with_reasons(
                c,
                &[
                    ("patient-contraindication", "Contraindication addressed"),
                    ("cds-not-applicable", "Not applicable to this patient"),
                ],
            )
        }));
    }

    if !a.guideline_positions.is_empty() {
        let mut detail = String::from(
            "| Guideline | Jurisdiction | Stance | Strength | Evidence | Status |\n|---|---|---|---|---|---|\n",
        );
        for p in a.guideline_positions.iter() {
            let _ = writeln!(
                detail,
                "| {} | {} | {} | {} | {} | {} |",
                p.source, p.jurisdiction, p.stance, p.strength_native, p.evidence_native, p.status
            );
        }
        for e in a.evidence.iter() {
            let _ = write!(detail, "\n- vs {}: {}", e.comparator, e.statement);
        }
        let against = a.guideline_positions.iter().any(|p| p.stance == Stance::RecommendAgainst);
        let dry = dry_needling_proposed(a);
        if dry {
            let _ = write!(detail, "\n\nThese positions and statements are for acupuncture. {DRY_NEEDLING_LINE}");
        }
        let text = match (against, dry) {
            (true, false) => {
                "Guidelines differ on acupuncture (ACP and CDC list it; NICE advises against): positions side by side."
            }
            (false, false) => "Guideline positions on acupuncture, side by side.",
            (true, true) => {
                "For acupuncture, not dry needling: guidelines differ (ACP and CDC list it; NICE advises against)."
            }
            (false, true) => "Guideline positions for acupuncture (not dry needling), side by side.",
        };
        let cited: Vec<SourceId> =
            a.guideline_positions.iter().map(|p| p.source).chain([SourceId::Cochrane2020]).collect();
        let origin = Origin { outcome: a.triage.as_str(), label: "guideline positions", cited: &cited };
        cards.extend(card(text.to_owned(), Indicator::Info, &origin, detail).map(|c| {
            with_reasons(
                c,
                &[
                    ("recipient-disagrees-evidence", "Disagree with the evidence"),
                    ("cds-not-applicable", "Not applicable to this patient"),
                ],
            )
        }));
    }
    CdsResponse { cards: cards.into_iter().enumerate().map(|(i, c)| c.identified(hook_instance, i)).collect() }
}

/// The card for a course review: critical for an emergency escalation, warning for another
/// escalation or a stop, info otherwise.
#[must_use]
pub fn course_review_cards(r: &CourseReview, hook_instance: &str) -> CdsResponse {
    let (text, indicator) = match (r.escalation, r.decision) {
        (Some(Tier::Emergency), _) => (
            "Stop acupuncture: emergency signs reported. Send for emergency assessment now.".to_owned(),
            Indicator::Critical,
        ),
        (Some(_), _) => {
            ("Stop and reassess: a new red flag or serious adverse event was reported.".to_owned(), Indicator::Warning)
        }
        (None, CourseDecision::StopAndReassess) => {
            let lapsed = r.findings.iter().any(|f| matches!(f.detail, crate::Detail::CourseLapsed { .. }));
            let why = if lapsed {
                "the course has lapsed".to_owned()
            } else {
                format!("{} scores are regressing", r.measure)
            };
            (format!("Reassess before going on: {why}."), Indicator::Warning)
        }
        (None, CourseDecision::Pivot) => (
            format!("No meaningful change in {} at the checkpoint: pivot to other approaches.", r.measure),
            Indicator::Info,
        ),
        (None, CourseDecision::Continue) => (
            format!(
                "Meaningful improvement in {}: complete the course ({} left).",
                r.measure,
                crate::explain::count(r.sessions_remaining, "session", "sessions")
            ),
            Indicator::Info,
        ),
        (None, CourseDecision::TooEarly) => {
            let done = crate::explain::count(r.sessions_done, "session", "sessions");
            (format!("Trial in progress: {done} done, before the checkpoint."), Indicator::Info)
        }
        (None, CourseDecision::MeasureNow) => (
            format!("No follow-up {} score since the baseline: record it now, then decide.", r.measure),
            Indicator::Info,
        ),
        (None, CourseDecision::CourseComplete) => {
            ("Course complete: open-ended maintenance is not recommended.".to_owned(), Indicator::Info)
        }
    };
    let mut detail = String::new();
    for finding in &r.findings {
        let _ = writeln!(detail, "- {}", FindingLine(finding));
    }
    let cited = [SourceId::Ostelo2008, SourceId::Article, SourceId::BackInAction2025];
    let origin = Origin { outcome: r.decision.as_str(), label: "course review", cited: &cited };
    let cards = card(text, indicator, &origin, detail)
        .map(|c| {
            with_reasons(
                c,
                &[
                    ("cds-not-applicable", "Not applicable to this patient"),
                    ("does-not-align-preferences", "Does not fit the patient's preferences"),
                ],
            )
        })
        .map(|c| c.identified(hook_instance, 0));
    CdsResponse { cards: cards.into_iter().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_has_no_markdown_left() {
        let text = escape_markdown("walk\n\nSEEK EMERGENCY CARE NOW\n**bold** [x](http://evil) `c` <b> | # + - ! _ \\");
        assert!(!text.contains('\n'));
        // Every punctuation character is preceded by a backslash (escaped backslashes pair up).
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                assert!(chars.next().is_some_and(|n| n.is_ascii_punctuation()), "{text}");
            } else {
                assert!(!c.is_ascii_punctuation(), "{c} unescaped in {text}");
            }
        }
    }

    #[test]
    fn every_emergency_summary_fits_without_the_fallback() {
        let signs: Vec<RedFlag> = RedFlag::ALL.iter().copied().filter(|f| f.tier() == Tier::Emergency).collect();
        for (i, first) in signs.iter().enumerate() {
            let mut present = vec![*first];
            present.extend(signs.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, f)| *f));
            for n in 1..=present.len() {
                let text = emergency_summary(&present[..n], "acupuncture or dry needling");
                assert!(Summary::new(text.clone()).is_ok(), "{text} ({} characters)", text.chars().count());
                assert!(text.starts_with(&format!("Emergency: {}", flag_label(*first))));
            }
        }
    }
}
