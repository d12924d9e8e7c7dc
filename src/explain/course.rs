//! The course review as text: what to do now, the change so far, and the safety net.

use std::fmt::{self, Display, Formatter};

use super::{FindingLine, count, emergency_headline, join, list, pivot_words, safety_net};
use crate::model::course::AdverseEffect;
use crate::model::measures::Measure;
use crate::outcome::assessment::PivotOption;
use crate::outcome::course_review::{CourseDecision, CourseReview};
use crate::outcome::finding::Detail;
use crate::questions::red_flag_label;
use crate::{RedFlag, Tier};

impl CourseReview {
    /// The review in plain words for the patient.
    #[must_use]
    pub fn patient_text(&self) -> String {
        CoursePatientText(self).to_string()
    }

    /// The review for a clinician: decision, change against thresholds, rule ids and sources.
    #[must_use]
    pub fn clinician_text(&self) -> String {
        CourseClinicianText(self).to_string()
    }
}

/// Renders a course review for the patient (see [`CourseReview::patient_text`]).
#[derive(Debug, Clone, Copy)]
pub struct CoursePatientText<'a>(pub &'a CourseReview);

/// Renders a course review for a clinician (see [`CourseReview::clinician_text`]).
#[derive(Debug, Clone, Copy)]
pub struct CourseClinicianText<'a>(pub &'a CourseReview);

const fn measure_name(measure: Measure) -> &'static str {
    match measure {
        Measure::NrsPain => "pain score",
        Measure::Peg => "PEG score (pain and how much it gets in the way)",
        Measure::Rmdq => "Roland-Morris score (daily function)",
        Measure::Odi => "Oswestry score (daily function)",
        Measure::Psfs => "rating of the activities you named",
    }
}

/// Where the measure's meaningful-change threshold comes from (OUT-01), for the label.
const fn threshold_basis(measure: Measure) -> &'static str {
    match measure {
        Measure::NrsPain | Measure::Rmdq | Measure::Odi => "clinically meaningful by the Ostelo 2008 consensus",
        Measure::Peg => "the low end of the PEG's anchor-based MID (Reed 2023)",
        Measure::Psfs => "the PSFS detectable change (Stratford 1995), not an Ostelo MIC",
    }
}

const fn effect_label(effect: AdverseEffect) -> &'static str {
    match effect {
        AdverseEffect::Soreness => "soreness",
        AdverseEffect::Bruising => "bruising",
        AdverseEffect::MinorBleeding => "a little bleeding",
        AdverseEffect::Tiredness => "tiredness",
        AdverseEffect::LightHeadedness => "light-headedness",
        AdverseEffect::Fainting => "fainting",
        AdverseEffect::Infection => "an infection where a needle went in",
        AdverseEffect::Pneumothorax => "a collapsed lung",
        AdverseEffect::NerveInjury => "a nerve injury",
        AdverseEffect::Other => "another effect",
    }
}

impl Display for CoursePatientText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let new_flags: Vec<RedFlag> = r
            .findings
            .iter()
            .filter_map(|x| if let Detail::NewRedFlag { item, .. } = x.detail { Some(item) } else { None })
            .collect();
        let serious: Vec<AdverseEffect> = r
            .findings
            .iter()
            .filter_map(|x| if let Detail::SeriousAdverseEvent { effect, .. } = x.detail { Some(effect) } else { None })
            .collect();
        match r.escalation {
            Some(Tier::Emergency) => {
                emergency_headline(f, "Stop acupuncture.")?;
                if !new_flags.is_empty() {
                    writeln!(f, "You reported {}.", list(&new_flags, red_flag_label))?;
                }
                if !serious.is_empty() {
                    writeln!(f, "You reported {}.", list(&serious, effect_label))?;
                }
                return Ok(());
            }
            Some(tier) => {
                let when = if tier == Tier::UrgentEvaluation {
                    "within the next few days, and today if you can"
                } else {
                    "before any more sessions"
                };
                writeln!(f, "Stop the sessions and see a doctor {when}.")?;
                let mut reported = new_flags.iter().map(|i| red_flag_label(*i)).collect::<Vec<_>>();
                reported.extend(serious.iter().map(|e| effect_label(*e)));
                writeln!(
                    f,
                    "You reported {}. This needs a medical check before acupuncture goes on.",
                    reported.join(", ")
                )?;
            }
            None => decision_text(f, r)?,
        }
        let minor: Vec<AdverseEffect> = r.adverse_effects.iter().copied().filter(|e| e.minor()).collect();
        if !minor.is_empty() {
            writeln!(
                f,
                "You noted {}. {}, not a reason to stop.",
                list(&minor, effect_label),
                if minor.len() == 1 { "That is a common, minor reaction" } else { "These are common, minor reactions" }
            )?;
        }
        if r.adverse_effects.contains(&AdverseEffect::Other) {
            writeln!(f, "Tell your practitioner about the other effect you noted, so they can judge it.")?;
        }
        writeln!(f)?;
        safety_net(f, &RedFlag::SAFETY_NET)
    }
}

fn decision_text(f: &mut Formatter<'_>, r: &CourseReview) -> fmt::Result {
    let name = measure_name(r.measure);
    if let Some(change) = &r.change {
        let direction = if change.absolute >= 0.0 { "better" } else { "worse" };
        // The percentage only where the measure's threshold uses one (not the PSFS).
        let relative = change
            .relative
            .filter(|_| change.threshold.relative_percent().is_some())
            .map(|p| format!(" ({}%)", p.abs()))
            .unwrap_or_default();
        writeln!(
            f,
            "So far: your {name} went from {} to {}, {} {direction}{relative}.",
            change.baseline,
            change.latest,
            count(change.absolute.abs(), "point", "points")
        )?;
    }
    match r.decision {
        CourseDecision::TooEarly => {
            writeln!(f, "It is too early to judge: {} done.", count(r.sessions_done, "session", "sessions"))?;
            if let Some(next) = &r.next_review {
                let sessions = count(next.min_sessions, "session is", "sessions are");
                let date = next.date.map(|d| format!(", or from {d} once {sessions} done"));
                writeln!(
                    f,
                    "Keep going and check your {name} again at session {}{}.",
                    next.sessions,
                    date.unwrap_or_default()
                )?;
            }
        }
        CourseDecision::Continue => {
            writeln!(
                f,
                "That is a meaningful improvement. Carry on and finish the course: up to {} more.",
                count(r.sessions_remaining, "session", "sessions")
            )?;
            writeln!(f, "After the course, open-ended \"maintenance\" sessions are not recommended.")?;
        }
        CourseDecision::Pivot => {
            if r.change.is_none() {
                writeln!(
                    f,
                    "No score has been recorded since the start, so the trial has not shown that it helps. Record your {name} now."
                )?;
            } else {
                writeln!(f, "After a fair trial, that is not a meaningful change.")?;
            }
            writeln!(f, "It is time to try something else. That is useful information, not a failure.")?;
        }
        CourseDecision::StopAndReassess => {
            writeln!(
                f,
                "Your {name} is getting worse. Stop the sessions and talk to your clinician about what to do next."
            )?;
        }
        CourseDecision::CourseComplete => {
            writeln!(f, "You have finished the course ({}).", count(r.sessions_done, "session", "sessions"))?;
            writeln!(
                f,
                "Open-ended \"maintenance\" sessions are not recommended: in a large trial in older adults, extra sessions after a course added no further benefit for daily function. Keep up walking, strengthening and the habits that help."
            )?;
        }
    }
    if !r.pivot_options.is_empty() {
        writeln!(f, "Options to discuss: {}.", list(&r.pivot_options, pivot_words))?;
    }
    Ok(())
}

impl Display for CourseClinicianText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        write!(
            f,
            "Decision: {} (as of {}; ruleset {}; contract v{})",
            r.decision, r.as_of, r.ruleset_version, r.contract_version
        )?;
        if let Some(tier) = r.escalation {
            write!(f, "; escalation {tier}")?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Sessions: {} done, {} remaining; course {}-{}",
            r.sessions_done, r.sessions_remaining, r.course_sessions.min, r.course_sessions.max
        )?;
        match &r.change {
            Some(c) => {
                let relative = c.relative.map_or_else(|| "n/a (zero baseline)".to_owned(), |p| format!("{p}%"));
                let threshold_relative =
                    c.threshold.relative_percent().map_or_else(|| "absolute only".to_owned(), |p| format!("or {p}%"));
                writeln!(
                    f,
                    "Change ({}): baseline {} -> {} on {}; improvement {}, {relative}; threshold {} {threshold_relative} ({}; OUT-01, engine policy); meaningful {}; regressing {} (OUT-02)",
                    r.measure,
                    c.baseline,
                    c.latest,
                    c.latest_date,
                    count(c.absolute, "point", "points"),
                    c.threshold.absolute(),
                    threshold_basis(r.measure),
                    c.meaningful,
                    c.regressing
                )?;
            }
            None => writeln!(f, "Change ({}): no session scored since baseline", r.measure)?,
        }
        if let Some(next) = &r.next_review {
            writeln!(
                f,
                "Next review: at session {} (min {}){}",
                next.sessions,
                next.min_sessions,
                next.date.map(|d| format!(" or from {d}")).unwrap_or_default()
            )?;
        }
        if !r.adverse_effects.is_empty() {
            writeln!(f, "Adverse effects recorded: {}", join(&r.adverse_effects))?;
        }
        if !r.pivot_options.is_empty() {
            writeln!(f, "Pivot options: {}", join::<PivotOption>(&r.pivot_options))?;
        }
        writeln!(f, "Findings:")?;
        for finding in &r.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
