//! Findings as text for two audiences.
//!
//! The patient text is plain and friendly (short sentences, everyday words). The clinician
//! text gives rule ids, sources, grades and verification status. Both render the same
//! assessment or course review; neither adds a decision of its own. Under `emergency` the patient text is
//! the instruction to seek emergency care and nothing that competes with it.
//! The same patient wording is used as the intake questions ([`questions`](crate::questions())).

use std::fmt::{self, Display, Formatter};

use crate::evidence::Basis;
use crate::outcome::assessment::PivotOption;
use crate::outcome::finding::{Detail, Finding};

mod assessment;
mod course;
mod medicare;
mod practitioner;

pub use assessment::{ClinicianText, PatientText};
pub use course::{CourseClinicianText, CoursePatientText};
pub use medicare::{MedicareText, reason_words};
pub use practitioner::PractitionerText;

pub(crate) fn list<'a, T: Copy + 'a>(
    items: impl IntoIterator<Item = &'a T>,
    label: impl Fn(T) -> &'static str,
) -> String {
    let labels: Vec<&str> = items.into_iter().map(|i| label(*i)).collect();
    match labels.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

pub(crate) const fn pivot_words(option: PivotOption) -> &'static str {
    match option {
        PivotOption::ExerciseRehabilitation => "an exercise or physical therapy plan",
        PivotOption::PsychologicalApproaches => "mindfulness-based or other psychological pain approaches",
        PivotOption::MedicationReview => "a review of your medicines",
        PivotOption::SpecificDiagnosisReview => "a check for a more specific cause",
        PivotOption::ImagingIfIndicated => "a scan, only if your clinician thinks it is needed",
    }
}

/// The emergency instruction that opens an emergency text; nothing else competes with it.
pub(crate) fn emergency_headline(f: &mut Formatter<'_>, then: &str) -> fmt::Result {
    writeln!(f, "SEEK EMERGENCY CARE NOW.")?;
    writeln!(f, "Go to an emergency department or call your local emergency number. {then}")
}

/// A label for a sign of the same-day tier of the safety net (`RF-NET`, revision 2026-12).
pub(crate) const fn same_day_label(flag: crate::RedFlag) -> &'static str {
    match flag {
        crate::RedFlag::Fever => "a new fever, or feeling hot and shivery",
        crate::RedFlag::SevereWorseningPain => "back pain that is severe at night or at rest and keeps getting worse",
        other => crate::questions::red_flag_label(other),
    }
}

/// The safety net (`RF-NET`, revision 2026-12) as two "any of these" lists: the emergency
/// signs, then the same-day tier.
pub(crate) fn safety_net_lists(
    f: &mut Formatter<'_>,
    emergency: &[crate::RedFlag],
    same_day: &[crate::RedFlag],
) -> fmt::Result {
    writeln!(f, "When to get help")?;
    if !emergency.is_empty() {
        writeln!(f, "Go to emergency care now if you have any of these:")?;
        for sign in emergency {
            writeln!(f, "  - {}", crate::questions::red_flag_label(*sign))?;
        }
    }
    if !same_day.is_empty() {
        writeln!(f, "Get medical help the same day if you have any of these:")?;
        for sign in same_day {
            writeln!(f, "  - {}", same_day_label(*sign))?;
        }
    }
    Ok(())
}

/// `n` with its unit in agreement: `1 point`, `2 points`, `0.5 points`.
pub(crate) fn count<N: Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let unit = if n == N::from(1) { one } else { many };
    format!("{n} {unit}")
}

pub(crate) fn join<'a, T: Display + 'a>(items: impl IntoIterator<Item = &'a T>) -> String {
    items.into_iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// One finding on one line: rule, what it observed, sources, status, basis.
#[derive(Debug, Clone, Copy)]
pub struct FindingLine<'a>(pub &'a Finding);

impl Display for FindingLine<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let finding = self.0;
        write!(f, "{} ", finding.rule)?;
        match &finding.detail {
            Detail::DurationCategory { days, category } => write!(f, "{}: {category}", count(*days, "day", "days")),
            Detail::MedicareDuration { days, chronic } => {
                let chronic = if *chronic { "chronic" } else { "not chronic" };
                write!(f, "{}: {chronic} for Medicare", count(*days, "day", "days"))
            }
            Detail::CdcDuration { category } => write!(f, "{category} by calendar months"),
            Detail::RedFlagPresent { item, tier } => write!(f, "{item} present: {tier}"),
            Detail::RedFlagCombination { items, tier } => {
                write!(f, "{} together: {tier}", join(items))
            }
            Detail::PossibleCombination { present, unknown } => {
                write!(f, "{} present; would be urgent if {} (ask first)", join(present), join(unknown))
            }
            Detail::RedFlagCleared { item } => write!(f, "{item} cleared by a clinician"),
            Detail::NotUrgentAlone { item } => write!(f, "{item} present; no partner present: not urgent on its own"),
            Detail::ClearanceNotApplied { item, reason } => {
                write!(f, "clearance of {item} not applied: {reason}")
            }
            Detail::NotUsedWhenChronic { item } => {
                write!(f, "{item} not used once pain is chronic")
            }
            Detail::AgeSafetyNet { age_years } => {
                write!(f, "age {age_years} with non-chronic pain: review if not improving within a month")
            }
            Detail::ScreeningIncomplete { unanswered } => {
                write!(f, "screen incomplete: {}", join(unanswered))
            }
            Detail::FollowUpRequired { items } => write!(f, "required follow-up unanswered: {}", join(items)),
            Detail::OptionalUnanswered { items } => {
                write!(f, "optional items unanswered, asked; advice at most discuss_first: {}", join(items))
            }
            Detail::FeverWithInfectionRisk { items } => {
                write!(f, "{} together: evaluate the same day (engine policy)", join(items))
            }
            Detail::SameDaySignPresent { items } => {
                write!(f, "{} present, a same-day sign of RF-NET: evaluate the same day (engine policy)", join(items))
            }
            Detail::RecentTrauma { days } => {
                write!(f, "trauma route, onset {days} days ago: care the same day (engine policy: 7 days or fewer)")
            }
            Detail::EvidenceFromChronicPain { category } => {
                write!(f, "EV-01 statements are from chronic-pain studies; labelled so for {category} pain")
            }
            Detail::LimitedEvidenceWhenNotChronic => {
                write!(f, "acute LBP: limited (low-quality) evidence of a modest effect")
            }
            Detail::TrialOnlyWhenNotChronic => {
                write!(
                    f,
                    "non-chronic pain: the 4-6 session trial only, stop once the pain settles (6-12 course is from chronic-pain trials)"
                )
            }
            Detail::AcupunctureWithheld { triage } => {
                write!(f, "acupuncture messaging withheld: {triage}")
            }
            Detail::SafetyNet { signs } => write!(f, "safety net: {}", join(signs.iter())),
            Detail::SameDaySafetyNet { signs } => write!(f, "same-day safety net: {}", join(signs.iter())),
            Detail::CautionPresent { caution } => write!(f, "{caution} present"),
            Detail::CautionCleared { caution } => {
                write!(f, "{caution} cleared by the managing clinician: at most discuss_first")
            }
            Detail::CautionsUnanswered { cautions } => {
                write!(f, "unanswered cautions cap advice at discuss_first: {}", join(cautions))
            }
            Detail::AdviceHeldByTriage { triage, at_most } => {
                write!(f, "{triage} holds advice at {at_most} or stricter")
            }
            Detail::NoUsableModality => write!(f, "no proposed modality is usable now"),
            Detail::GuidelinePosition { source, stance } => write!(f, "{source}: {stance}"),
            Detail::EvidenceStatements => {
                write!(f, "usual-care and sham comparisons shown together")
            }
            Detail::OlderAdultTrial => {
                write!(f, "BackInAction (65+): course improved disability; maintenance added no disability benefit")
            }
            Detail::DryNeedlingEvidenceNotReviewed => {
                write!(f, "dry needling is a distinct modality; its evidence for chronic LBP was not reviewed")
            }
            Detail::GoodFit { factor } => write!(f, "good fit: {factor}"),
            Detail::RepeatTrialUnlikelyToHelp => {
                write!(f, "previous course did not help: pivot rather than repeat")
            }
            Detail::RiskStratification { risk } => {
                write!(f, "STarT Back {risk} risk: target support accordingly")
            }
            Detail::TrialPlan => write!(f, "time-limited trial with a checkpoint"),
            Detail::NoOpenEndedMaintenance => write!(f, "no open-ended maintenance"),
            Detail::SideEffects => write!(f, "minor effects common; serious events about 1 per 10,000 patients"),
            Detail::SingleUseNeedles => write!(f, "sterile single-use needles (Class II devices)"),
            Detail::CheckpointReached { sessions_done, days_since_first } => {
                let (sessions, days) =
                    (count(*sessions_done, "session", "sessions"), count(*days_since_first, "day", "days"));
                write!(f, "checkpoint reached: {sessions}, {days} since the first")
            }
            Detail::CheckpointNotReached { sessions_done, days_since_first } => {
                let (sessions, days) =
                    (count(*sessions_done, "session", "sessions"), count(*days_since_first, "day", "days"));
                write!(f, "checkpoint not reached: {sessions}, {days} since the first")
            }
            Detail::PlanFromLog => write!(f, "the log's own plan replaces the default"),
            Detail::MeaningfulImprovement { measure } => write!(f, "{measure}: meaningful improvement"),
            Detail::NoMeaningfulImprovement { measure } => write!(f, "{measure}: no meaningful improvement"),
            Detail::Regressing { measure } => write!(f, "{measure}: regressing"),
            Detail::NoMeasurement => write!(f, "no follow-up score after the baseline date: measure now, then decide"),
            Detail::NewRedFlag { item, tier, date } => write!(f, "new red flag {item} on {date}: {tier}"),
            Detail::SeriousAdverseEvent { effect, tier, date } => {
                write!(f, "serious adverse event {effect} on {date}: {tier} (tier is engine policy)")
            }
            Detail::MinorReactions { effects } => write!(f, "minor reactions, not a reason to stop: {}", join(effects)),
            Detail::UnclassifiedAdverseEffect { date } => {
                write!(f, "other adverse effect on {date}: for the practitioner to assess")
            }
            Detail::CourseMaximumReached { sessions_done } => {
                write!(f, "course maximum reached at {}", count(*sessions_done, "session", "sessions"))
            }
            Detail::PivotRecommended => write!(f, "pivot to other approaches"),
            Detail::MedicareLimitReached => write!(f, "Original Medicare covers no more visits of this course"),
            Detail::MedicareAllowance { visits } => write!(
                f,
                "Original Medicare would cover at most {visits} more visits, if MCR-01 eligibility holds; visits beyond the initial 12 or the 90 days need documented improvement (KX)"
            ),
            Detail::NcdApplied => write!(f, "NCD 30.3.3 version 1, effective 2020-01-21"),
            Detail::DryNeedlingUnderNcd => write!(f, "dry needling covered only under the NCD's cLBP rules"),
            Detail::Coverage { reason, dates } => write!(f, "{reason}: {}", join(dates)),
            Detail::PractitionerSignal { signal, documented } => write!(f, "{signal}: {documented}"),
            Detail::PractitionerVerdict { verdict } => write!(f, "verdict: {verdict}"),
            Detail::NcdInterpretation { reading } => write!(f, "reading: {reading}"),
            Detail::IncidentTo { dates } => write!(
                f,
                "furnished by auxiliary personnel: billed by the supervising physician, PA, NP or CNS (incident-to): {}",
                join(dates)
            ),
            Detail::CrossModalityAddOn { dates } => {
                write!(
                    f,
                    "add-on with the other modality's initial code accepted, not settled by the sources: {}",
                    join(dates)
                )
            }
            Detail::CourseStopped => write!(f, "stop and reassess: a new red flag or a serious adverse event"),
            Detail::CourseEndedWithoutChange { sessions_done } => {
                write!(
                    f,
                    "course maximum reached at {sessions_done} sessions without meaningful change: pivot, not complete"
                )
            }
            Detail::CourseLapsed { days_since_last, allowed_days } => write!(
                f,
                "{days_since_last} days since the last session, more than the plan's {allowed_days}: reassess before going on"
            ),
            Detail::MedicareQualification { qualified } => {
                write!(f, "may furnish Medicare-covered acupuncture: {qualified}")
            }
            Detail::DryNeedlingRulesVaryByState => {
                write!(f, "dry needling by physical therapists is permitted, prohibited or unaddressed by state")
            }
            Detail::WindowInterpretation { window_start } => {
                write!(f, "90-day window starts at {window_start} (interpretation: the NCD does not say)")
            }
            Detail::YearInterpretation { year } => {
                write!(f, "\"annually\" read as {year} (interpretation: the NCD does not say)")
            }
        }?;
        let policy = match finding.basis {
            Basis::EnginePolicy => ", engine policy",
            Basis::Interpretation => ", interpretation",
            Basis::Source => "",
        };
        write!(f, " [{}; {}{}]", join(finding.sources.iter()), finding.status, policy)
    }
}
