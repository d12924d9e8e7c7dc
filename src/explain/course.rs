//! The course review as text: what to do now, the change so far, and the safety net.

use std::fmt::{self, Display, Formatter};

use super::{FindingLine, count, emergency_headline, join, list, pivot_words, safety_net_lists};
use crate::model::course::AdverseEffect;
use crate::model::measures::Measure;
use crate::outcome::course_review::{Change, CourseDecision, CourseReview};
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
        Measure::Psfs => "the PSFS detectable change (Stratford 1995, V2), not an Ostelo MIC",
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

/// Decimal places for people: two for a PEG mean, one for every other score and change.
const fn places(measure: Measure) -> u32 {
    if matches!(measure, Measure::Peg) { 2 } else { 1 }
}

const fn better_way(measure: Measure) -> &'static str {
    if measure.instrument().higher_is_better { "higher is better" } else { "lower is better" }
}

/// A date as people write it: `30 November 2026`.
pub(crate) fn day(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The red flags still in force: logged, and not since cleared by a clinician.
fn open_flags(r: &CourseReview) -> Vec<RedFlag> {
    let cleared: Vec<RedFlag> = cleared_flags(r);
    let mut flags: Vec<RedFlag> = Vec::new();
    for finding in &r.findings {
        if let Detail::NewRedFlag { item, tier, .. } = finding.detail {
            if !flags.contains(&item) && (tier == Tier::Emergency || !cleared.contains(&item)) {
                flags.push(item);
            }
        }
    }
    flags
}

fn cleared_flags(r: &CourseReview) -> Vec<RedFlag> {
    r.findings
        .iter()
        .filter_map(|x| if let Detail::RedFlagCleared { item } = x.detail { Some(item) } else { None })
        .collect()
}

impl Display for CoursePatientText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let new_flags = open_flags(r);
        let serious: Vec<AdverseEffect> = r
            .findings
            .iter()
            .filter_map(|x| if let Detail::SeriousAdverseEvent { effect, .. } = x.detail { Some(effect) } else { None })
            .collect();
        match r.escalation {
            Some(Tier::Emergency) => {
                emergency_headline(f, "Stop acupuncture. Do not wait for your next session.")?;
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
        // The safety net as "any of these" lists with the same-day tier (RF-NET), as in the
        // assessment text.
        safety_net_lists(f, &RedFlag::SAFETY_NET, &RedFlag::SAME_DAY_NET)
    }
}

/// "So far: ..." with numbers rounded for people, and the PSFS activities beside the mean.
fn change_text(f: &mut Formatter<'_>, r: &CourseReview, change: &Change) -> fmt::Result {
    let name = measure_name(r.measure);
    let p = places(r.measure);
    let amount = change.absolute.abs().rounded(p);
    let how = if amount == "0" {
        "about the same".to_owned()
    } else {
        let points = if amount == "1" { "point" } else { "points" };
        let direction = if change.absolute.is_negative() { "worse" } else { "better" };
        // The percentage only where the measure's threshold uses one (not the PSFS).
        let relative = change
            .relative
            .filter(|_| change.threshold.relative_percent().is_some())
            .map(|percent| format!(" ({}%)", percent.abs().rounded(0)))
            .unwrap_or_default();
        format!("{amount} {points} {direction}{relative}")
    };
    writeln!(
        f,
        "So far: your {name} went from {} to {} ({}). That is {how}.",
        change.baseline.rounded(p),
        change.latest.rounded(p),
        better_way(r.measure)
    )?;
    for a in &change.activities {
        let moved = match a.change {
            0 => "no change".to_owned(),
            c if c > 0 => format!("{c} {} better", if c == 1 { "point" } else { "points" }),
            c => format!("{} {} worse", c.unsigned_abs(), if c == -1 { "point" } else { "points" }),
        };
        writeln!(f, "Activity {}: from {} to {}, {moved}.", a.activity, a.baseline, a.latest)?;
    }
    let detectable: Vec<u8> = change.activities.iter().filter(|a| a.detectable).map(|a| a.activity).collect();
    if !detectable.is_empty() {
        let which = detectable.iter().map(ToString::to_string).collect::<Vec<_>>().join(" and ");
        writeln!(
            f,
            "A gain of 3 points in one activity is a real change, so activity {which} did improve. The decision uses the average."
        )?;
    }
    Ok(())
}

fn fired(r: &CourseReview, wanted: fn(&Detail) -> bool) -> bool {
    r.findings.iter().any(|x| wanted(&x.detail))
}

fn decision_text(f: &mut Formatter<'_>, r: &CourseReview) -> fmt::Result {
    let name = measure_name(r.measure);
    let cleared = cleared_flags(r);
    if !cleared.is_empty() {
        writeln!(
            f,
            "A clinician has checked {} that you reported, and cleared it. So the course can go on.",
            list(&cleared, red_flag_label)
        )?;
    }
    if let Some(change) = &r.change {
        if r.decision != CourseDecision::MeasureNow {
            change_text(f, r, change)?;
        }
    }
    let medicare_limit = fired(r, |d| matches!(d, Detail::MedicareLimitReached));
    match r.decision {
        CourseDecision::TooEarly => {
            writeln!(f, "It is too early to judge: {} done.", count(r.sessions_done, "session", "sessions"))?;
            if let Some(next) = &r.next_review {
                let date = next
                    .date
                    .map(|d| format!(", or on {} if you have had {} sessions by then", day(d), next.min_sessions));
                writeln!(
                    f,
                    "Keep going. Score your {name} again at session {}{}.",
                    next.sessions,
                    date.unwrap_or_default()
                )?;
            }
        }
        CourseDecision::Continue => {
            writeln!(f, "That is a meaningful improvement.")?;
            writeln!(f, "Carry on and finish the course: up to {} more sessions.", r.sessions_remaining)?;
            writeln!(f, "After the course, open-ended \"maintenance\" sessions are not recommended.")?;
        }
        CourseDecision::MeasureNow => {
            writeln!(f, "No score has been taken since the first one. So nobody can tell yet if this is working.")?;
            writeln!(
                f,
                "Next step: score your {name} at this visit. Then decide with your practitioner whether to go on."
            )?;
        }
        CourseDecision::Pivot => {
            if medicare_limit {
                writeln!(
                    f,
                    "Original Medicare covers no more visits of this course, and the change so far is not a meaningful one."
                )?;
            } else if fired(r, |d| matches!(d, Detail::CourseEndedWithoutChange { .. })) {
                writeln!(f, "You have had all {} sessions of the course.", r.sessions_done)?;
                writeln!(f, "The change is not a meaningful one, so acupuncture has not helped enough.")?;
            } else {
                writeln!(f, "After a fair trial, that is not a meaningful change.")?;
            }
            writeln!(f, "It is time to try something else. That is useful information, not a failure.")?;
        }
        CourseDecision::StopAndReassess => {
            let lapse = r.findings.iter().find_map(|x| match x.detail {
                Detail::CourseLapsed { days_since_last, allowed_days } => Some((days_since_last, allowed_days)),
                _ => None,
            });
            if let Some((days, allowed)) = lapse {
                writeln!(
                    f,
                    "It has been {days} days since your last session. The plan allows at most {allowed} days."
                )?;
                writeln!(f, "Next step: see your practitioner to reassess before going on.")?;
            } else {
                writeln!(f, "Your {name} is getting worse.")?;
                writeln!(f, "Stop the sessions and talk to your clinician about what to do next.")?;
            }
        }
        CourseDecision::CourseComplete => {
            writeln!(
                f,
                "You have finished the course ({} sessions), and your {name} improved in a meaningful way.",
                r.sessions_done
            )?;
            if medicare_limit {
                writeln!(f, "Original Medicare covers no more visits of this course.")?;
            }
            writeln!(f, "Open-ended \"maintenance\" sessions are not recommended.")?;
            writeln!(
                f,
                "In a large trial in older adults, extra sessions after a course did not help daily life any more."
            )?;
            writeln!(f, "Keep up walking, strengthening and the habits that help.")?;
        }
    }
    if r.payer.is_some() && matches!(r.decision, CourseDecision::TooEarly | CourseDecision::Continue) {
        writeln!(f, "Original Medicare may pay for up to {} more visits, if you qualify.", r.sessions_remaining)?;
        writeln!(f, "After the first 12 visits, it pays only while your notes show you are getting better.")?;
    }
    if !r.pivot_options.is_empty() {
        writeln!(f, "Options to discuss:")?;
        for option in r.pivot_options.iter() {
            writeln!(f, "  - {}", pivot_words(*option))?;
        }
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
            "Sessions: {} done, {} remaining; course {}-{}{}",
            r.sessions_done,
            r.sessions_remaining,
            r.course_sessions.min,
            r.course_sessions.max,
            r.payer.map(|p| format!("; payer {p} (COURSE-02)")).unwrap_or_default()
        )?;
        match &r.change {
            Some(c) => {
                let p = places(r.measure);
                let relative = c
                    .relative
                    .map_or_else(|| "n/a (zero baseline)".to_owned(), |x| format!("{}% (exact {x})", x.rounded(0)));
                let threshold_relative =
                    c.threshold.relative_percent().map_or_else(|| "absolute only".to_owned(), |p| format!("or {p}%"));
                let improvement = c.absolute.rounded(p);
                let points = if improvement == "1" { "point" } else { "points" };
                writeln!(
                    f,
                    "Change ({}, {}): baseline {} -> {} on {} (exact {} -> {}); improvement {improvement} {points} (exact {}), {relative}; threshold {} {threshold_relative} ({}; OUT-01, engine policy); meaningful {}; regressing {} (OUT-02)",
                    r.measure,
                    better_way(r.measure),
                    c.baseline.rounded(p),
                    c.latest.rounded(p),
                    c.latest_date,
                    c.baseline,
                    c.latest,
                    c.absolute,
                    c.threshold.absolute(),
                    threshold_basis(r.measure),
                    c.meaningful,
                    c.regressing
                )?;
                for a in &c.activities {
                    writeln!(
                        f,
                        "  PSFS activity {}: {} -> {} ({:+}){}",
                        a.activity,
                        a.baseline,
                        a.latest,
                        a.change,
                        if a.detectable {
                            "; reaches the single-activity detectable change of 3 (PSFS-1995, V2)"
                        } else {
                            ""
                        }
                    )?;
                }
            }
            None => writeln!(f, "Change ({}): no follow-up score after the baseline date (COURSE-05)", r.measure)?,
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
            writeln!(f, "Pivot options: {}", join(r.pivot_options.iter()))?;
        }
        writeln!(f, "Findings:")?;
        for finding in &r.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
