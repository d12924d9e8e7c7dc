//! The assessment as text: the patient report and the clinician report.

use std::fmt::{self, Display, Formatter};

use super::{FindingLine, count, emergency_headline, join, list, pivot_words, safety_net_lists};
use crate::model::intake::StartBackRisk;
use crate::model::measures::Measure;
use crate::outcome::assessment::{
    Advice, Assessment, Comparator, DurationCategory, GoodFit, PivotOption, Stance, Timeframe, Triage,
};
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
        Advice::NeedsClearance => "needles must not go into the area with the skin problem (see below)",
        Advice::NotAdvised => "not advised for now",
    }
}

/// What to do about a present caution (SAFE-01 and the notes of reference §8.2).
const fn caution_note(caution: Caution) -> &'static str {
    match caution {
        Caution::Anticoagulants => {
            "Blood thinners: also check with the doctor who prescribes them. Deep needling should be avoided."
        }
        Caution::BleedingDisorder => {
            "Bleeding disorder: talk it over with the practitioner and the team that treats your bleeding disorder."
        }
        Caution::SevereBleedingDisorder => {
            "Severe bleeding disorder: needling is not advised unless the team that treats it agrees."
        }
        Caution::Immunosuppression => {
            "Weak immune system: insist on strict clean technique and sterile, single-use needles."
        }
        Caution::Pregnancy => {
            "Pregnancy: always tell the practitioner. Some points are avoided, including some in the lower back. Electroacupuncture is not advised."
        }
        Caution::ImplantedElectricalDevice => {
            "Implanted device: needles stay away from the device. Electroacupuncture only if your device team says it is safe."
        }
        Caution::SkinLesionAtNeedleSite => {
            "Skin problem: needles must not go into that area. Show it to the practitioner first. They can use other areas, or wait until it heals."
        }
        Caution::SeizureDisorder => "Epilepsy or seizures: tell the practitioner before you start.",
        Caution::LossOfSkinSensation => {
            "Area without normal feeling: electroacupuncture is not advised. Plain needles should stay away from that area."
        }
        Caution::ImpairedCirculation => {
            "Poor circulation: electroacupuncture is not advised. Plain needles should stay away from areas with poor blood flow."
        }
    }
}

const fn good_fit_words(factor: GoodFit) -> &'static str {
    match factor {
        GoodFit::NotImprovedWithSelfCare => "your pain has not improved with basic self-care",
        GoodFit::LimitMedication => "you want to rely less on medicines, or some medicines do not suit you",
        GoodFit::StressSleepOrTension => "stress, poor sleep and tight muscles are part of your back pain",
        GoodFit::BridgeToExercise => "you want something that makes exercise or physical therapy easier",
    }
}

/// Plain names for the measures (revision 2026-12: the questionnaires by what they ask).
const fn measure_words(measure: Measure) -> &'static str {
    match measure {
        Measure::NrsPain => "your pain, on a scale from 0 to 10",
        Measure::Peg => "three short questions on pain and how it gets in the way (the PEG)",
        Measure::Rmdq => "a short list of daily tasks your back makes harder (the Roland-Morris)",
        Measure::Odi => "a form on how your back pain affects daily life (the Oswestry)",
        Measure::Psfs => "how well you can do the things you named, each from 0 to 10",
    }
}

/// The word for what the person asked about, for every stop or wait instruction (`DN-01`).
fn needling(a: &Assessment) -> &'static str {
    let dry = a.modalities.iter().any(|m| m.modality == Modality::DryNeedling);
    let acupuncture = a.modalities.iter().any(|m| m.modality != Modality::DryNeedling);
    match (acupuncture, dry) {
        (true, true) => "acupuncture or dry needling",
        (false, true) => "dry needling",
        _ => "acupuncture",
    }
}

/// The open red-flag questions of the output (required first, then optional), and the
/// unanswered cautions.
fn open_questions(a: &Assessment) -> (Vec<RedFlag>, Vec<RedFlag>, Vec<Caution>) {
    let optional: Vec<RedFlag> = a.also_ask.iter().filter_map(|n| n.parse::<RedFlag>().ok()).collect();
    let flags: Vec<RedFlag> = a.unanswered.iter().copied().chain(optional.iter().copied()).collect();
    let (emergency, other): (Vec<RedFlag>, Vec<RedFlag>) =
        flags.into_iter().filter(|f| !f.is_derived()).partition(|f| f.tier() == Tier::Emergency);
    let cautions = crate::outcome::assessment::unanswered_cautions(&a.modalities).collect();
    (emergency, other, cautions)
}

/// The emergency questions still open, as "if yes to any of these, go now".
fn emergency_questions(f: &mut Formatter<'_>, emergency: &[RedFlag]) -> fmt::Result {
    if !emergency.is_empty() {
        writeln!(f, "If the answer to any of these is yes, go to emergency care now:")?;
        for flag in emergency {
            writeln!(f, "  - {}", red_flag_question(*flag))?;
        }
    }
    Ok(())
}

/// The other open questions, red flags and cautions together.
fn other_questions(f: &mut Formatter<'_>, heading: &str, flags: &[RedFlag], cautions: &[Caution]) -> fmt::Result {
    if flags.is_empty() && cautions.is_empty() {
        return Ok(());
    }
    writeln!(f, "{heading}")?;
    for flag in flags {
        writeln!(f, "  - {}", red_flag_question(*flag))?;
    }
    for caution in cautions {
        writeln!(f, "  - {}", caution_question(*caution))?;
    }
    Ok(())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

impl Display for PatientText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let a = self.0;
        let word = needling(a);
        match a.triage {
            Triage::Emergency => {
                emergency_headline(f, &format!("Do not wait, and do not start {word}."))?;
                let emergency: Vec<RedFlag> =
                    a.red_flags.iter().filter(|r| r.tier == Tier::Emergency).map(|r| r.item).collect();
                writeln!(f, "You told us about {}.", list(&emergency, red_flag_label))?;
                writeln!(
                    f,
                    "This can mean pressure on the nerves at the bottom of the spine. It needs to be checked straight away."
                )?;
                return Ok(());
            }
            Triage::UrgentEvaluation => urgent(f, a, word)?,
            Triage::ScreeningIncomplete => incomplete(f, a, word)?,
            Triage::EvaluationFirst => evaluation_first(f, a, word)?,
            Triage::AcupunctureReasonable | Triage::ConservativeCareFirst => favourable(f, a, word)?,
        }
        writeln!(f)?;
        // The same-day tier leaves out what the person already reported: that is in the deadline.
        let present: Vec<RedFlag> = a.red_flags.iter().map(|r| r.item).collect();
        let same_day: Vec<RedFlag> = a.same_day_signs.iter().copied().filter(|s| !present.contains(s)).collect();
        safety_net_lists(f, &a.safety_net, &same_day)
    }
}

/// `RF-U`: one deadline, the emergency questions still open first, the trauma line on every
/// trauma route.
fn urgent(f: &mut Formatter<'_>, a: &Assessment, word: &str) -> fmt::Result {
    let present: Vec<RedFlag> = a.red_flags.iter().map(|r| r.item).collect();
    let today = a.timeframe == Some(Timeframe::Today);
    if today {
        writeln!(f, "See a doctor today, before any {word}.")?;
    } else {
        writeln!(f, "See a doctor in the next few days, before any {word}.")?;
    }
    let (emergency, _, _) = open_questions(a);
    if !emergency.is_empty() {
        writeln!(f)?;
        writeln!(f, "First, check for these signs.")?;
        emergency_questions(f, &emergency)?;
    }
    writeln!(f)?;
    writeln!(f, "What this means")?;
    writeln!(f, "You told us about {}.", list(&present, red_flag_label))?;
    writeln!(f, "With back pain, this needs a medical check before any {word}.")?;
    // RF-CLEAR: a cleared item is "checked by a clinician", never absent; a new fall is not
    // covered by that check.
    let cleared: Vec<RedFlag> = a
        .findings
        .iter()
        .filter_map(|x| if let Detail::RedFlagCleared { item } = x.detail { Some(item) } else { None })
        .filter(|item| present.contains(item))
        .collect();
    if !cleared.is_empty() {
        writeln!(
            f,
            "A clinician has checked {} before. That check does not cover a new fall.",
            list(&cleared, red_flag_label)
        )?;
    }
    if a.findings.iter().any(|x| matches!(x.detail, Detail::FeverWithInfectionRisk { .. })) {
        writeln!(f, "A fever together with a higher risk of infection needs a check today.")?;
    } else if a.findings.iter().any(|x| matches!(x.detail, Detail::SameDaySignPresent { .. })) {
        writeln!(f, "A fever, or back pain that keeps getting worse, needs a check today.")?;
    }
    if present.iter().any(|p| matches!(p, RedFlag::MajorTrauma | RedFlag::MinorTrauma)) {
        if today && a.findings.iter().any(|x| matches!(x.detail, Detail::RecentTrauma { .. })) {
            writeln!(f, "You were hurt only a few days ago, so get care today.")?;
            writeln!(f, "If you cannot walk or stand, or it cannot wait, go to emergency care.")?;
        } else {
            writeln!(f, "If you were hurt in the last few days, or you cannot walk or stand, get care today.")?;
            writeln!(f, "Go to emergency care if it cannot wait.")?;
        }
    }
    writeln!(f, "If you cannot be seen in time, or you feel very unwell, go to urgent or emergency care.")?;
    writeln!(f, "{} is not the next step. Once a doctor has checked you, you can ask again.", capitalised(word))
}

fn incomplete(f: &mut Formatter<'_>, a: &Assessment, word: &str) -> fmt::Result {
    let present: Vec<RedFlag> = a.red_flags.iter().map(|r| r.item).collect();
    writeln!(f, "We need a few more answers first.")?;
    writeln!(f, "Then we can say whether {word} makes sense for you.")?;
    let (emergency, other, cautions) = open_questions(a);
    // RF-ASK with RF-U's one deadline: an open answer that would make it urgent is headed by
    // what a yes means, like the emergency questions, and no longer deadline is given.
    let raising = crate::rules::red_flags::urgent_if_yes(a.unanswered, &a.findings);
    let (same_day, rest): (Vec<RedFlag>, Vec<RedFlag>) =
        other.iter().copied().partition(|o| raising.contains(o) && RedFlag::SAME_DAY_NET.contains(o));
    let (mut within_days, rest): (Vec<RedFlag>, Vec<RedFlag>) = rest.into_iter().partition(|o| raising.contains(o));
    let trauma_open = within_days.iter().any(|o| crate::rules::red_flags::opens_trauma_route(*o));
    let mut same_day = same_day;
    if trauma_open && a.duration.days <= crate::rules::red_flags::RECENT_TRAUMA_DAYS {
        // The pain began only days ago: a yes to an open trauma route means today.
        same_day.append(&mut within_days);
    }
    writeln!(f)?;
    writeln!(f, "Please answer these questions")?;
    emergency_questions(f, &emergency)?;
    if !same_day.is_empty() {
        writeln!(f, "If the answer to any of these is yes, see a doctor today, before any {word}:")?;
        for flag in &same_day {
            writeln!(f, "  - {}", red_flag_question(*flag))?;
        }
    }
    if !within_days.is_empty() {
        writeln!(f, "If the answer to any of these is yes, see a doctor in the next few days, before any {word}:")?;
        for flag in &within_days {
            writeln!(f, "  - {}", red_flag_question(*flag))?;
        }
        if trauma_open {
            writeln!(f, "If the fall was in the last few days, see a doctor today.")?;
        }
    }
    let asked = !emergency.is_empty() || !same_day.is_empty() || !within_days.is_empty();
    let heading = if asked { "Please also tell us:" } else { "Please tell us:" };
    other_questions(f, heading, &rest, &cautions)?;
    if !present.is_empty() {
        writeln!(f)?;
        writeln!(f, "You also told us about {}.", list(&present, red_flag_label))?;
        writeln!(f, "Often this is not serious, but it needs a check first.")?;
        if raising.is_empty() {
            writeln!(f, "See a doctor within about 2 weeks, before any {word}.")?;
        } else {
            writeln!(f, "See a doctor about it before any {word}.")?;
        }
        infection_line(f, &present)?;
    }
    writeln!(f)?;
    writeln!(f, "Until these are answered, do not start {word}.")?;
    age_line(f, a)
}

fn evaluation_first(f: &mut Formatter<'_>, a: &Assessment, word: &str) -> fmt::Result {
    let present: Vec<RedFlag> = a.red_flags.iter().map(|r| r.item).collect();
    writeln!(f, "See a doctor within about 2 weeks, before any {word}.")?;
    writeln!(f)?;
    writeln!(f, "What this means")?;
    writeln!(f, "You told us about {}.", list(&present, red_flag_label))?;
    writeln!(f, "Often this is not serious, but it needs a check first.")?;
    writeln!(f, "Once a doctor has checked it, {word} can be considered.")?;
    // RF-ASK: a cleared item is "checked by a clinician", never absent.
    let cleared: Vec<RedFlag> = a
        .findings
        .iter()
        .filter_map(|x| if let Detail::RedFlagCleared { item } = x.detail { Some(item) } else { None })
        .collect();
    if !cleared.is_empty() {
        writeln!(f, "A clinician has checked {} and cleared you for now.", list(&cleared, red_flag_label))?;
    }
    infection_line(f, &present)?;
    let (emergency, other, cautions) = open_questions(a);
    if !emergency.is_empty() || !other.is_empty() || !cautions.is_empty() {
        writeln!(f)?;
        emergency_questions(f, &emergency)?;
        other_questions(f, "Please also tell us:", &other, &cautions)?;
    }
    Ok(())
}

/// `RF-M` timeframe: the infection risk factors add the same-day fever line.
fn infection_line(f: &mut Formatter<'_>, present: &[RedFlag]) -> fmt::Result {
    if present.iter().any(|p| matches!(p, RedFlag::IntravenousDrugUse | RedFlag::Immunosuppression)) {
        writeln!(f, "If you get a fever or chills, get medical help the same day.")?;
    }
    Ok(())
}

/// The age safety net, only when it is the output's one deadline.
fn age_line(f: &mut Formatter<'_>, a: &Assessment) -> fmt::Result {
    if a.timeframe == Some(Timeframe::IfNotImprovingWithinAMonth) {
        writeln!(f, "You are over 50. See a doctor if your back is not getting better within a month.")?;
    }
    Ok(())
}

fn favourable(f: &mut Formatter<'_>, a: &Assessment, word: &str) -> fmt::Result {
    let chronic = a.duration.category == DurationCategory::Chronic;
    let dry_only = word == "dry needling";
    // DN-01: dry needling named beside acupuncture keeps its own labels.
    let dry_too = !dry_only && a.modalities.iter().any(|m| m.modality == Modality::DryNeedling);
    let cleared: Vec<RedFlag> = a
        .findings
        .iter()
        .filter_map(|x| if let Detail::RedFlagCleared { item } = x.detail { Some(item) } else { None })
        .collect();
    let (emergency, other, cautions) = open_questions(a);
    // Any open question, red flag or caution (immunosuppression is both), keeps "none".
    let flags_open = !emergency.is_empty() || !other.is_empty() || !cautions.is_empty();

    writeln!(f, "What this means")?;
    writeln!(
        f,
        "{}",
        match a.duration.category {
            DurationCategory::Chronic => "Your back pain has lasted more than 12 weeks.",
            DurationCategory::Subacute => "Your back pain started 4 to 12 weeks ago.",
            DurationCategory::Acute => "Your back pain started less than 4 weeks ago.",
        }
    )?;
    // RF-ASK: never "no warning signs" while a sign was cleared or a question is open.
    if !cleared.is_empty() {
        writeln!(f, "A clinician has checked {} and cleared you for now.", list(&cleared, red_flag_label))?;
    }
    let alone: Vec<RedFlag> = a
        .findings
        .iter()
        .filter_map(|x| match x.detail {
            Detail::NotUrgentAlone { item } | Detail::NotUsedWhenChronic { item } => Some(item),
            _ => None,
        })
        .collect();
    if !alone.is_empty() {
        writeln!(
            f,
            "You told us about {}. With your other answers, this does not need a doctor first. Tell the practitioner about it.",
            list(&alone, red_flag_label)
        )?;
    }
    if flags_open {
        writeln!(
            f,
            "You have not told us of any warning signs so far. But some questions are still open (see below)."
        )?;
    } else if !cleared.is_empty() || !alone.is_empty() {
        writeln!(f, "You did not tell us of any other warning signs.")?;
    } else {
        writeln!(f, "None of the warning signs we asked about are present.")?;
    }
    // With no trial plan the text leads with the other options (SAFE-01, ENG-REPEAT): no line
    // here speaks for acupuncture first.
    let planned = a.trial_plan.is_some();
    if chronic && planned {
        writeln!(f, "For long-lasting back pain, US guidelines list acupuncture as one option.")?;
        // DN-01: beside dry needling, "it" would read as dry needling.
        let it = if dry_only || dry_too { "Acupuncture" } else { "It" };
        writeln!(
            f,
            "{it} does not rely on medicines. It is not a cure. On average it helps a little, and results vary."
        )?;
    } else if !chronic {
        writeln!(f, "Most new back pain gets better with time, staying active and simple self-care. Start there.")?;
        if planned {
            writeln!(
                f,
                "US guidelines list acupuncture as one option. But the proof that it helps new back pain is weak."
            )?;
        }
    }
    if dry_only {
        writeln!(f, "You asked about dry needling. It is not the same as acupuncture.")?;
        writeln!(f, "We did not review the research on dry needling.")?;
    } else if dry_too {
        writeln!(f, "You also asked about dry needling. It is not the same as acupuncture.")?;
    }
    if a.fired(RuleId::GlNice02)
        && a.findings.iter().any(|x| matches!(x.detail, Detail::RiskStratification { risk: StartBackRisk::High }))
    {
        writeln!(f, "Your answers to the STarT Back questions show a higher chance that recovery takes longer.")?;
        writeln!(f, "Ask your clinician about extra support.")?;
    }
    let fits: Vec<GoodFit> = a
        .findings
        .iter()
        .filter_map(|x| if let Detail::GoodFit { factor } = x.detail { Some(factor) } else { None })
        .collect();
    if !fits.is_empty() {
        writeln!(f, "It may suit you, because:")?;
        for fit in &fits {
            writeln!(f, "  - {}", good_fit_words(*fit))?;
        }
        writeln!(
            f,
            "It works best as part of a bigger plan: movement, strength, sleep, stress care and medical care."
        )?;
    }

    writeln!(f)?;
    writeln!(f, "What to do next")?;
    let no_usable = a.findings.iter().any(|x| x.detail == Detail::NoUsableModality);
    if a.trial_plan.is_none() {
        if a.fired(RuleId::EngRepeat) {
            writeln!(f, "An earlier course of acupuncture did not help you. So we do not suggest another course now.")?;
        }
        if no_usable {
            writeln!(f, "None of the needling options you asked about is advised for you right now.")?;
        }
        writeln!(f, "Other options may help you more. Ask your clinician about:")?;
        for option in PivotOption::ALL {
            writeln!(f, "  - {}", pivot_words(*option))?;
        }
        if !chronic {
            writeln!(f, "Keep moving as much as you comfortably can, and use simple self-care such as heat.")?;
        }
    } else if chronic {
        writeln!(f, "If you want to try {word}, choose a licensed practitioner.")?;
        writeln!(f, "Agree on a short trial with a check point (see How many sessions, below).")?;
        writeln!(f, "Keep walking and doing gentle exercise alongside it.")?;
        writeln!(f, "If you pay yourself, ask for a clear plan and a date to review progress.")?;
    } else {
        writeln!(f, "Keep moving as much as you comfortably can. Use simple self-care, such as heat.")?;
        writeln!(f, "If you also want to try {word}, keep it to a short trial (see How many sessions, below).")?;
        if a.timeframe.is_none() {
            writeln!(f, "See a doctor if your pain is not getting better.")?;
        }
    }
    age_line(f, a)?;
    if flags_open {
        writeln!(f)?;
        writeln!(f, "Before you start, please also answer these")?;
        emergency_questions(f, &emergency)?;
        other_questions(f, "Please tell us:", &other, &cautions)?;
    }

    writeln!(f)?;
    writeln!(f, "Your options")?;
    for m in &a.modalities {
        writeln!(f, "  - {}: {}.", modality_name(m.modality), advice_words(m.advice))?;
        if !m.because.is_empty() {
            writeln!(f, "    This is because of {}.", list(&m.because, caution_label))?;
        } else if a.fired(RuleId::EngRepeat) && m.modality != Modality::DryNeedling {
            // ENG-REPEAT holds acupuncture at discuss_first with no caution behind it.
            writeln!(f, "    This is because an earlier course did not help you.")?;
        }
    }
    // One note per present caution, whichever modality it set (SAFE-01 notes).
    let mut noted: Vec<Caution> = Vec::new();
    for caution in a.modalities.iter().flat_map(|m| m.because.iter().chain(&m.also_present).copied()) {
        if !noted.contains(&caution) {
            noted.push(caution);
        }
    }
    noted.sort();
    for caution in noted {
        // RF-CLEAR: a cleared caution is "checked by a clinician", never ignored.
        let cleared =
            a.findings.iter().any(|x| matches!(x.detail, Detail::CautionCleared { caution: c } if c == caution));
        if cleared && caution == Caution::ImplantedElectricalDevice {
            writeln!(
                f,
                "  Implanted device: your device team has checked it. Needles stay away from the device. Tell the practitioner about it."
            )?;
        } else {
            writeln!(f, "  {}", caution_note(caution))?;
            if cleared {
                writeln!(f, "  A clinician has checked this and cleared you for now.")?;
            }
        }
    }

    if !a.evidence.is_empty() {
        writeln!(f)?;
        writeln!(f, "What the research shows")?;
        if a.fired(RuleId::Dn01) {
            writeln!(f, "This is about acupuncture. We did not review the research on dry needling.")?;
        }
        if !chronic {
            writeln!(f, "These studies were in people whose back pain had lasted a long time:")?;
        }
        for statement in a.evidence.iter() {
            writeln!(f, "  - {}", evidence_words(statement.comparator))?;
        }
        if !chronic {
            writeln!(f, "For new back pain, there is only weak proof that acupuncture helps a little.")?;
        }
        let against =
            a.guideline_positions.iter().any(|p| p.stance == Stance::RecommendAgainst && p.status.user_facing());
        if against {
            writeln!(f, "Guidelines do not all agree. US guidelines (American College of Physicians) support it.")?;
            writeln!(f, "UK guidelines (NICE) advise against it, because it has not clearly beaten sham acupuncture.")?;
        }
        // BackInAction studied manual needling: its line goes with a manual acupuncture plan only.
        let manual_planned = a.trial_plan.is_some()
            && a.modalities.iter().any(|m| m.modality == Modality::ManualAcupuncture && m.advice != Advice::NotAdvised);
        if a.fired(RuleId::EvBia01) && manual_planned {
            writeln!(f, "A large trial in adults 65 and older found that a 12-week course helped daily life.")?;
            writeln!(f, "Extra \"maintenance\" sessions afterwards did not add more.")?;
        }
    }

    let Some(plan) = &a.trial_plan else {
        return Ok(());
    };
    if !dry_only {
        writeln!(f)?;
        writeln!(f, "What an acupuncture session is like")?;
        writeln!(
            f,
            "The first visit is mostly talking: where it hurts, what makes it worse, sleep, stress and your goals."
        )?;
        writeln!(
            f,
            "Then very thin needles go in at chosen points, often in the back and sometimes in the legs, hands or feet."
        )?;
        writeln!(f, "You rest for about 15 to 30 minutes with the needles in.")?;
        writeln!(
            f,
            "Most people feel little or no pain. You may feel a quick pinch, a dull ache, tingling or warmth."
        )?;
        writeln!(f, "Minor side effects are common: soreness, a small bruise, or feeling tired or light-headed.")?;
        writeln!(f, "Serious problems are rare, about 1 in 10,000 people.")?;
    }
    writeln!(f, "Needles must be clean and used only once. Ask to see them opened.")?;

    writeln!(f)?;
    writeln!(f, "How many sessions")?;
    if dry_only {
        writeln!(f, "These numbers come from acupuncture. Ask your dry needling practitioner for their plan.")?;
    } else if dry_too {
        writeln!(f, "These numbers are for acupuncture. Ask your dry needling practitioner for their plan.")?;
    }
    if chronic && dry_only {
        // DN-01: acupuncture's numbers are reported, not given as a dry-needling instruction.
        writeln!(
            f,
            "In acupuncture, a first trial is {} to {} sessions, then a check on whether it is helping.",
            plan.trial_sessions.min, plan.trial_sessions.max
        )?;
        writeln!(
            f,
            "If it is, a full acupuncture course is usually {} to {} sessions over several weeks.",
            plan.course_sessions.min, plan.course_sessions.max
        )?;
    } else if chronic {
        writeln!(
            f,
            "Try {} to {} sessions first. Then check whether it is helping.",
            plan.trial_sessions.min, plan.trial_sessions.max
        )?;
        writeln!(
            f,
            "If it is, a full course is usually {} to {} sessions over several weeks.",
            plan.course_sessions.min, plan.course_sessions.max
        )?;
    } else {
        writeln!(
            f,
            "Try {} to {} sessions at most, and stop once the pain settles.",
            plan.trial_sessions.min, plan.trial_sessions.max
        )?;
    }
    writeln!(f, "Early gains are often in movement, like getting out of a chair or walking farther.")?;
    writeln!(f, "Before the first session and at the check, measure:")?;
    for measure in plan.measures.iter() {
        writeln!(f, "  - {}", measure_words(*measure))?;
    }
    if !plan.goals.is_empty() {
        writeln!(f, "Your goals: {}.", plan.goals.join("; "))?;
    }
    writeln!(f, "If nothing has changed after the trial, stop and try something else.")?;
    writeln!(f, "That is useful to know, not a failure. Do not keep paying out of hope alone.")?;
    writeln!(f, "Do not sign up for open-ended \"maintenance\" sessions.")?;

    writeln!(f)?;
    writeln!(f, "Questions to ask a practitioner")?;
    writeln!(f, "  - How will we measure progress: pain, daily tasks, sleep, activity?")?;
    writeln!(f, "  - What is the plan if I do not improve after the trial?")?;
    writeln!(f, "  - Do you treat people with my kind of back pain?")?;
    // DN-01: this answer is about acupuncture, so it is not given for dry needling alone.
    if a.pattern == Pattern::Radicular && !dry_only {
        writeln!(f, "Leg pain (sciatica): acupuncture does not repair a disc.")?;
        writeln!(f, "It may help with pain, tight muscles and movement while your body heals.")?;
    }
    writeln!(f, "It is fine to have doubts. You do not need to believe in it for it to work.")?;
    writeln!(f, "Pairing it with physical therapy or exercise is a good idea.")
}

/// `EV-01` in plain words: the usual-care and the sham comparison, always both.
const fn evidence_words(comparator: Comparator) -> &'static str {
    match comparator {
        Comparator::UsualCare => {
            "Compared with usual care or no treatment, it helps pain and daily tasks a little. The gain is mostly short term, but some of it lasts."
        }
        Comparator::Sham => "Compared with sham (pretend) acupuncture, the difference is small or too small to matter.",
    }
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
            writeln!(f, "Also ask (open; advice at most discuss_first, RF-ASK): {}", a.also_ask.join(", "))?;
        }
        if let Some(timeframe) = a.timeframe {
            writeln!(f, "Timeframe (the output's one deadline): {timeframe}")?;
        }
        writeln!(f, "Modalities:")?;
        for m in &a.modalities {
            write!(f, "  {}: {}", m.modality, m.advice)?;
            // SAFE-01: `because` names what set the level; when the triage set it, say so, so
            // that the unanswered cautions (which cap at discuss_first only) do not read as the reason.
            let by_triage = a.findings.iter().any(
                |x| matches!(x.detail, Detail::AdviceHeldByTriage { at_most, .. } if at_most == m.advice && at_most > Advice::DiscussFirst),
            );
            if !m.because.is_empty() {
                write!(f, " (because {})", join(&m.because))?;
            } else if by_triage {
                write!(f, " (set by the triage: {})", a.triage)?;
            }
            if !m.unanswered.is_empty() {
                write!(f, " (unanswered, each at most discuss_first: {})", join(&m.unanswered))?;
            }
            if !m.also_present.is_empty() {
                write!(f, " (also present, milder: {})", join(&m.also_present))?;
            }
            writeln!(f)?;
        }
        if !a.guideline_positions.is_empty() {
            writeln!(f, "Guideline positions (side by side, not merged):")?;
            for p in a.guideline_positions.iter() {
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
            writeln!(f, "EV-01 vs {}: {} [{}]", e.comparator, e.statement, join(e.sources.iter()))?;
        }
        if a.trial_plan.is_none() && a.triage.allows_trial() {
            if a.findings.iter().any(|x| x.detail == Detail::NoUsableModality) {
                writeln!(f, "No trial plan: no proposed modality is usable now (SAFE-01)")?;
            }
            if a.fired(RuleId::EngRepeat) {
                writeln!(f, "No trial plan: an earlier course did not help (ENG-REPEAT)")?;
            }
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
                join(plan.measures.iter())
            )?;
        }
        writeln!(f, "Findings:")?;
        for finding in &a.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
