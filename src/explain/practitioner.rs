//! The practitioner review as text: the article's signals, Medicare qualification, dry
//! needling, and the questions worth asking.

use std::fmt::{self, Display, Formatter};

use super::medicare::reason_words;
use crate::RuleId;
use crate::model::fact::Fact;
use crate::model::medicare::Discipline;
use crate::model::practitioner::QualitySignal;
use crate::outcome::practitioner_review::{PractitionerReview, PractitionerVerdict};

impl PractitionerReview {
    /// The review in plain words.
    #[must_use]
    pub fn text(&self) -> String {
        PractitionerText(self).to_string()
    }
}

/// Renders a practitioner review (see [`PractitionerReview::text`]).
#[derive(Debug, Clone, Copy)]
pub struct PractitionerText<'a>(pub &'a PractitionerReview);

const fn signal_words(signal: QualitySignal) -> &'static str {
    match signal {
        QualitySignal::Licensed => "licensed where the state requires it",
        QualitySignal::NationalCertification => "national certification (NCCAOM; voluntary, and not a licence)",
        QualitySignal::SingleUseNeedles => "sterile, single-use needles opened in front of you",
        QualitySignal::MeasuresProgress => "explains goals, the timeline, and how progress will be measured",
        QualitySignal::PlanIfNoImprovement => "has a plan if you do not improve after 4-6 sessions",
        QualitySignal::CoordinatesCare => "willing to work with your clinician or physical therapist",
        QualitySignal::TreatsThisType => "works with people who have your type of back pain",
    }
}

impl Display for PractitionerText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        writeln!(f, "Practitioner: {}", r.discipline.as_str().replace('_', " "))?;
        match r.verdict {
            PractitionerVerdict::DoNotHaveNeedlingHere => {
                let mut why = Vec::new();
                if r.missing.contains(&QualitySignal::Licensed) {
                    why.push("is not licensed where the state requires it");
                }
                if r.missing.contains(&QualitySignal::SingleUseNeedles) {
                    why.push("does not use sterile, single-use needles");
                }
                writeln!(f, "Do not have needling here. This practitioner {}.", why.join(" and "))?;
            }
            PractitionerVerdict::AskFirst => {
                writeln!(f, "Ask before you book: some signals below are missing or not known.")?;
            }
            PractitionerVerdict::NoConcernsFound => {
                writeln!(f, "No safety concerns found: licensed, and uses sterile single-use needles.")?;
                if !r.unknown.is_empty() {
                    writeln!(f, "Ask about the items marked \"ask\" below.")?;
                }
            }
        }
        writeln!(f, "Signals of a good practitioner:")?;
        for s in &r.signals {
            let mark = match s.documented {
                Fact::Yes => "yes",
                Fact::No => "NO",
                Fact::Undocumented => "ask",
            };
            writeln!(f, "  [{mark:>3}] {}", signal_words(s.signal))?;
        }
        match r.medicare.may_furnish {
            Fact::Yes => writeln!(f, "Medicare: may give covered acupuncture for chronic low back pain (MCR-06).")?,
            Fact::No | Fact::Undocumented => {
                let verdict = if r.medicare.may_furnish == Fact::No { "would not" } else { "may not" };
                writeln!(f, "Medicare {verdict} pay for acupuncture from this practitioner (MCR-06):")?;
                for reason in &r.medicare.reasons {
                    writeln!(f, "  - {}", reason_words(*reason))?;
                }
            }
        }
        if !r.medicare.furnishes_directly {
            writeln!(
                f,
                "  Only doctors, PAs and nurse practitioners can bill Medicare for it. Others must work under one of them, who bills for the visit."
            )?;
        }
        if r.findings.iter().any(|x| x.rule == RuleId::Dn01) {
            writeln!(
                f,
                "Dry needling is not acupuncture: it targets trigger points, and its training and regulation differ."
            )?;
            writeln!(f, "Its evidence for back pain was not reviewed here.")?;
            if r.discipline == Discipline::PhysicalTherapist {
                writeln!(f, "Whether physical therapists may do it depends on the state.")?;
            }
        }
        if r.findings.iter().any(|x| x.rule == RuleId::Mcr07) {
            writeln!(
                f,
                "Medicare covers dry needling only for chronic low back pain, under the same rules as acupuncture (MCR-07)."
            )?;
            if r.medicare.may_furnish != Fact::Yes {
                writeln!(f, "This practitioner does not meet those rules as documented, so Medicare would not pay.")?;
            }
        }
        writeln!(f, "Questions worth asking:")?;
        for q in r.questions.iter() {
            writeln!(f, "  - {q}")?;
        }
        Ok(())
    }
}
