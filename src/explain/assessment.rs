//! The assessment as text: the patient report and the clinician report.

use std::fmt::{self, Display, Formatter};

use super::{FindingLine, count, emergency_headline, join, list, pivot_words, safety_net};
use crate::model::measures::Measure;
use crate::outcome::assessment::{Advice, Assessment, DurationCategory, GoodFit, PivotOption, Stance, Triage};
use crate::outcome::finding::Detail;
use crate::questions::{caution_label, caution_question, red_flag_label, red_flag_question};
use crate::{Caution, Modality, Pattern, RedFlag, RuleId, Tier};

impl Assessment {
    /// The assessment in plain words for the patient.
    #[must_use]
    pub fn patient_text(&self) -> String {
        PatientText(self).to_string()
    }

    /// The assessment for a clinician: rule ids, sources, grades and statuses.
    #[must_use]
    pub fn clinician_text(&self) -> String {
        ClinicianText(self).to_string()
    }
}

/// Renders an assessment for the patient (see [`Assessment::patient_text`]).
#[derive(Debug, Clone, Copy)]
pub struct PatientText<'a>(pub &'a Assessment);

/// Renders an assessment for a clinician (see [`Assessment::clinician_text`]).
#[derive(Debug, Clone, Copy)]
pub struct ClinicianText<'a>(pub &'a Assessment);

const fn modality_name(modality: Modality) -> &'static str {
    match modality {
        Modality::ManualAcupuncture => "Acupuncture",
        Modality::Electroacupuncture => "Electroacupuncture (a mild electric current through the needles)",
        Modality::DryNeedling => "Dry needling",
    }
}

const fn advice_words(advice: Advice) -> &'static str {
    match advice {
        Advice::Suitable => "nothing you told us stands in the way",
        Advice::DiscussFirst => "talk it over with the practitioner first",
        Advice::NeedsClearance => "only once the problem below is sorted out (needles must avoid that area)",
        Advice::NotAdvised => "not advised for now",
    }
}

/// What to do about a present caution (SAFE-01 and the notes of reference §8.2).
const fn caution_note(caution: Caution) -> &'static str {
    match caution {
        Caution::Anticoagulants => {
            "Blood thinners: also check with the doctor who prescribes them; deep needling should be avoided."
        }
        Caution::BleedingDisorder => {
            "Bleeding disorder: talk it over with the practitioner and the team that treats your bleeding disorder."
        }
        Caution::SevereBleedingDisorder => {
            "Severe bleeding disorder: needling is not advised unless the team that treats it agrees."
        }
        Caution::Immunosuppression => {
            "Weakened immune system: insist on strict clean technique and sterile single-use needles."
        }
        Caution::Pregnancy => {
            "Pregnancy: always tell the practitioner. Some points, including some in the lower back, are avoided, and electroacupuncture is not advised."
        }
        Caution::ImplantedElectricalDevice => {
            "Implanted device: needles stay away from the device, and electroacupuncture only with your device team's clearance."
        }
        Caution::SkinLesionAtNeedleSite => "Skin problem: needles must not go into that area; other areas may be used.",
        Caution::SeizureDisorder => "Epilepsy or seizures: tell the practitioner before you start.",
        Caution::LossOfSkinSensation | Caution::ImpairedCirculation => {
            "Electroacupuncture is not advised with this; plain needling can be discussed."
        }
    }
}

const fn good_fit_words(factor: GoodFit) -> &'static str {
    match factor {
        GoodFit::NotImprovedWithSelfCare => "your pain has not improved with basic self-care",
        GoodFit::LimitMedication => "you want to rely less on medicines, or some medicines do not suit you",
        GoodFit::StressSleepOrTension => "stress, poor sleep and muscle tension are part of your back pain",
        GoodFit::BridgeToExercise => "you want something that makes exercise or physical therapy easier to do",
    }
}

const fn measure_words(measure: Measure) -> &'static str {
    match measure {
        Measure::NrsPain => "your pain on a 0 to 10 scale",
        Measure::Peg => "how much pain gets in the way of enjoying life and daily activity (the PEG)",
        Measure::Rmdq => "a short back-pain function questionnaire (Roland-Morris)",
        Measure::Odi => "the Oswestry back-pain function questionnaire",
        Measure::Psfs => "how well you can do the activities you named, each on a 0 to 10 scale",
    }
}

impl Display for PatientText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let a = self.0;
        let present: Vec<RedFlag> = a.red_flags.iter().map(|r| r.item).collect();
        match a.triage {
            Triage::Emergency => {
                emergency_headline(f, "Do not wait, and do not start acupuncture.")?;
                let emergency: Vec<RedFlag> =
                    a.red_flags.iter().filter(|r| r.tier == Tier::Emergency).map(|r| r.item).collect();
                writeln!(
                    f,
                    "You told us about {}. This can mean pressure on the nerves at the bottom of the spine, and it needs to be checked straight away.",
                    list(&emergency, red_flag_label)
                )?;
                return Ok(());
            }
            Triage::UrgentEvaluation => {
                writeln!(f, "See a doctor soon, before any acupuncture.")?;
                writeln!(
                    f,
                    "You told us about {}. With back pain, this needs a medical check first, within the next few days, and today if you can. If you cannot get seen, or you feel very unwell, go to urgent or emergency care.",
                    list(&present, red_flag_label)
                )?;
                if present.contains(&RedFlag::MajorTrauma) {
                    writeln!(
                        f,
                        "If you were hurt in the last few days, or you cannot walk or stand on your legs, get care today."
                    )?;
                }
                writeln!(f, "Acupuncture is not the next step. Once a doctor has checked you, you can ask again.")?;
            }
            Triage::ScreeningIncomplete => {
                writeln!(f, "We need a few more answers before we can say whether acupuncture makes sense for you.")?;
                writeln!(f, "Please answer these questions:")?;
                for flag in &a.unanswered {
                    writeln!(f, "  - {}", red_flag_question(*flag))?;
                }
                if !present.is_empty() {
                    writeln!(
                        f,
                        "You also told us about {}. A doctor should check this before acupuncture.",
                        list(&present, red_flag_label)
                    )?;
                }
                writeln!(f, "Until these are answered, do not start acupuncture.")?;
            }
            Triage::EvaluationFirst => {
                writeln!(f, "Please see a doctor for a check-up before starting acupuncture.")?;
                writeln!(
                    f,
                    "You told us about {}. This does not mean something serious is wrong, but it is worth a medical check first. Once a clinician has checked it, acupuncture can be considered.",
                    list(&present, red_flag_label)
                )?;
            }
            Triage::AcupunctureReasonable | Triage::ConservativeCareFirst => favourable(f, a)?,
        }
        if a.findings.iter().any(|x| matches!(x.detail, Detail::AgeSafetyNet { .. })) {
            writeln!(f)?;
            writeln!(f, "Because you are over 50, see a doctor if your back is not getting better within a month.")?;
        }
        writeln!(f)?;
        safety_net(f, &a.safety_net)
    }
}

fn favourable(f: &mut Formatter<'_>, a: &Assessment) -> fmt::Result {
    writeln!(f, "What this means")?;
    if a.triage == Triage::AcupunctureReasonable {
        writeln!(
            f,
            "Your back pain has lasted more than 12 weeks, and none of the warning signs we asked about are present. For long-lasting (chronic) low back pain, US guidelines list acupuncture as one reasonable option that does not rely on medicines. It is not a cure: on average the benefit is small to moderate, and results vary from person to person."
        )?;
    } else {
        let weeks = if a.duration.category == DurationCategory::Acute { "under 4 weeks" } else { "4 to 12 weeks" };
        writeln!(
            f,
            "Your back pain started {weeks} ago, and none of the warning signs we asked about are present. Most new back pain gets better with time, staying active and simple self-care, so start there. Acupuncture is one option US guidelines list, but the evidence for new back pain is weaker (low quality)."
        )?;
    }
    let fits: Vec<GoodFit> = a
        .findings
        .iter()
        .filter_map(|x| if let Detail::GoodFit { factor } = x.detail { Some(factor) } else { None })
        .collect();
    if !fits.is_empty() {
        writeln!(
            f,
            "It may suit you because {}. It works best as part of a bigger plan: movement, strengthening, sleep, stress care and medical care.",
            list(&fits, good_fit_words)
        )?;
    }
    if a.fired(RuleId::EngRepeat) {
        writeln!(
            f,
            "An earlier course of acupuncture did not help you, so another one is unlikely to help. Other options may serve you better: {}.",
            list(PivotOption::ALL, pivot_words)
        )?;
    }

    writeln!(f)?;
    writeln!(f, "What to do next")?;
    if a.findings.iter().any(|x| x.detail == Detail::NoUsableModality) {
        writeln!(
            f,
            "None of the needling options you asked about is advised for you right now (see below). Ask your clinician about other options: {}.",
            list(PivotOption::ALL, pivot_words)
        )?;
    } else if a.triage == Triage::AcupunctureReasonable {
        writeln!(
            f,
            "If you want to try it, choose a licensed practitioner and agree on a time-limited trial with a check after 4-6 sessions. Keep walking and doing gentle exercise alongside it. If you pay yourself, ask for a clear treatment plan and a date to review progress."
        )?;
    } else {
        writeln!(
            f,
            "Keep moving as much as you comfortably can, and use simple self-care such as heat. If you want to try acupuncture too, keep it to a short, time-limited trial. See a clinician if your pain is not getting better."
        )?;
    }
    writeln!(f)?;
    writeln!(f, "What the research shows")?;
    for statement in a.evidence.iter() {
        writeln!(f, "  - {}", statement.statement)?;
    }
    let against = a.guideline_positions.iter().any(|p| p.stance == Stance::RecommendAgainst && p.status.user_facing());
    if against {
        writeln!(
            f,
            "Guidelines do not all agree. US guidelines (American College of Physicians) recommend it; UK guidelines (NICE) advise against offering it, because it has not clearly beaten sham (pretend) acupuncture."
        )?;
    }
    if a.fired(RuleId::EvBia01) {
        writeln!(
            f,
            "A large trial in adults 65 and older found that a 12-week course helped with daily function compared with usual care, and that extra \"maintenance\" sessions afterwards did not add more."
        )?;
    }

    writeln!(f)?;
    writeln!(f, "Your options")?;
    for m in &a.modalities {
        writeln!(f, "  - {}: {}.", modality_name(m.modality), advice_words(m.advice))?;
        if !m.because.is_empty() {
            writeln!(f, "    Because of {}.", list(&m.because, caution_label))?;
        }
    }
    // One note per present caution, under the modalities it concerns (SAFE-01 notes).
    let mut noted = Vec::new();
    for caution in a.modalities.iter().flat_map(|m| m.because.iter().copied()) {
        if !noted.contains(&caution) {
            noted.push(caution);
            writeln!(f, "  {}", caution_note(caution))?;
        }
    }
    if a.fired(RuleId::Dn01) {
        writeln!(
            f,
            "  Dry needling is not the same as acupuncture: it targets trigger points in muscle, is usually done by physical therapists, and its evidence for back pain was not reviewed here."
        )?;
    }
    let unanswered: Vec<Caution> = crate::outcome::assessment::unanswered_cautions(&a.modalities).collect();
    if !unanswered.is_empty() {
        writeln!(f, "Before you start, please also answer:")?;
        for caution in unanswered {
            writeln!(f, "  - {}", caution_question(caution))?;
        }
    }

    writeln!(f)?;
    writeln!(f, "What a session is like")?;
    writeln!(
        f,
        "The first visit is mostly talking: where it hurts, what makes it worse, sleep, stress, movement and your goals. Then very thin needles go in at chosen points, often in the back and sometimes in the hips, legs, hands or feet. You rest for about 15 to 30 minutes with the needles in. Most people feel little or no pain: maybe a quick pinch, a dull ache, tingling, warmth or heaviness. Needles must be sterile and used only once; ask to see them opened."
    )?;
    writeln!(
        f,
        "Common, minor side effects: soreness where the needles went in, small bruises or a spot of bleeding, feeling tired or very relaxed, and sometimes light-headedness. Serious problems are rare, about 1 in 10,000 people."
    )?;

    if let Some(plan) = &a.trial_plan {
        writeln!(f)?;
        writeln!(f, "How many sessions")?;
        writeln!(
            f,
            "Try {}-{} sessions first, then check whether it is helping. A full course is usually {}-{} sessions over several weeks. Early wins are often about movement (getting out of a chair, walking farther, sitting longer) more than pain disappearing.",
            plan.trial_sessions.min, plan.trial_sessions.max, plan.course_sessions.min, plan.course_sessions.max
        )?;
        writeln!(f, "Before the first session and at the check, measure: {}.", list(&plan.measures, measure_words))?;
        if !plan.goals.is_empty() {
            writeln!(f, "Your goals: {}.", plan.goals.join("; "))?;
        }
        writeln!(
            f,
            "If nothing has changed after the trial, stop and try something else; that is useful information, not a failure. Do not keep paying out of hope alone, and do not sign up for open-ended \"maintenance\" sessions."
        )?;
    }

    writeln!(f)?;
    writeln!(f, "Questions to ask a practitioner")?;
    writeln!(f, "  - How will we measure progress: pain, function, sleep, activity?")?;
    writeln!(f, "  - What is the plan if I do not improve after 4-6 sessions?")?;
    writeln!(f, "  - Do you treat people with my kind of back pain?")?;
    if a.pattern == Pattern::Radicular {
        writeln!(
            f,
            "Leg pain (sciatica): acupuncture does not repair a disc. It may help with pain, muscle guarding and function while your body heals."
        )?;
    }
    writeln!(
        f,
        "It is fine to be sceptical: you do not need to believe in it for it to work or not. Combining it with physical therapy or exercise is encouraged."
    )?;
    Ok(())
}

impl Display for ClinicianText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let a = self.0;
        writeln!(
            f,
            "Triage: {} (assessed {}; ruleset {}; contract v{})",
            a.triage, a.assessed_on, a.ruleset_version, a.contract_version
        )?;
        let days = count(a.duration.days, "day", "days");
        writeln!(f, "Duration: {days}, {} under DUR-01; pattern {}", a.duration.category, a.pattern)?;
        if !a.unanswered.is_empty() {
            writeln!(f, "Unanswered required items: {}", join(&a.unanswered))?;
        }
        if !a.also_ask.is_empty() {
            writeln!(f, "Also ask: {}", a.also_ask.join(", "))?;
        }
        writeln!(f, "Modalities:")?;
        for m in &a.modalities {
            write!(f, "  {}: {}", m.modality, m.advice)?;
            if !m.because.is_empty() {
                write!(f, " (because {})", join(&m.because))?;
            }
            if !m.unanswered.is_empty() {
                write!(f, " (unanswered {})", join(&m.unanswered))?;
            }
            writeln!(f)?;
        }
        if !a.guideline_positions.is_empty() {
            writeln!(f, "Guideline positions (side by side, not merged):")?;
            for p in &a.guideline_positions {
                let hidden = if p.status.user_facing() { "" } else { "; UNVERIFIED, not shown to patients" };
                writeln!(
                    f,
                    "  {} [{}] {}: {} - {}; {} [{}{}]",
                    p.source, p.jurisdiction, p.rule, p.stance, p.strength_native, p.evidence_native, p.status, hidden
                )?;
                writeln!(f, "    population: {}", p.population)?;
            }
        }
        for e in a.evidence.iter() {
            writeln!(f, "EV-01 vs {}: {} [{}]", e.comparator, e.statement, join(&e.sources))?;
        }
        if let Some(plan) = &a.trial_plan {
            writeln!(
                f,
                "Trial plan (ARTICLE heuristic; checkpoint is engine policy COURSE-01): trial {}-{} sessions, course {}-{}, checkpoint at >= {} sessions and ({} sessions or {} days), needles {}-{} min; measures {}; maintenance not recommended (COURSE-03)",
                plan.trial_sessions.min,
                plan.trial_sessions.max,
                plan.course_sessions.min,
                plan.course_sessions.max,
                plan.checkpoint.min_sessions,
                plan.checkpoint.sessions,
                plan.checkpoint.days,
                plan.needle_minutes.min,
                plan.needle_minutes.max,
                join(&plan.measures)
            )?;
        }
        writeln!(f, "Findings:")?;
        for finding in &a.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
