//! The Medicare review as text: totals, what is left and until when, what the next visit
//! needs, and the interpretations applied.

use std::fmt::{self, Display, Formatter};

use super::FindingLine;
use crate::evidence::Basis;
use crate::model::medicare::{CapYear, WindowStart};
use crate::outcome::finding::Detail;
use crate::outcome::medicare_review::{CoverageReason, MedicareReview, NcdReading};

impl MedicareReview {
    /// The review as text for a billing or patient app: totals, what is left, what the next
    /// visit needs, the interpretations applied, and the findings with their rules.
    #[must_use]
    pub fn text(&self) -> String {
        MedicareText(self).to_string()
    }
}

/// Renders a Medicare review (see [`MedicareReview::text`]).
#[derive(Debug, Clone, Copy)]
pub struct MedicareText<'a>(pub &'a MedicareReview);

/// What a reason asks of the next visit, in plain words.
#[must_use]
pub const fn reason_words(reason: CoverageReason) -> &'static str {
    use CoverageReason as R;
    match reason {
        R::InitialWindow => "within the first 12 visits of the 90-day window",
        R::WhileImproving => "covered while improvement is recorded (bill with the KX modifier)",
        R::BeforeEffectiveDate => "visits before 21 January 2020 are not covered",
        R::NotChronicYet => "the pain must have lasted 12 weeks (84 days) at the visit",
        R::NotNonSpecific => "the pain has an identifiable systemic cause, which the NCD excludes",
        R::NonSpecificUndocumented => "document that the pain has no identifiable systemic cause",
        R::AssociatedWithSurgery => "pain associated with surgery is excluded",
        R::SurgeryUndocumented => "document whether the pain is associated with surgery",
        R::AssociatedWithPregnancy => "pain associated with pregnancy is excluded",
        R::PregnancyUndocumented => "document whether the pain is associated with pregnancy",
        R::NoStateLicense => "the practitioner must meet the state's requirements",
        R::StateLicenseUndocumented => "document that the practitioner meets the state's requirements",
        R::NoAcupunctureDegree => "the practitioner needs an accredited master's or doctoral acupuncture degree",
        R::AcupunctureDegreeUndocumented => "document the practitioner's accredited acupuncture degree",
        R::NoAcupunctureLicense => "the practitioner needs a current, full, unrestricted acupuncture licence",
        R::AcupunctureLicenseUndocumented => "document the practitioner's acupuncture licence",
        R::NotSupervised => "auxiliary personnel must be supervised by a physician, PA, NP or CNS",
        R::SupervisionUndocumented => "document the supervision by a physician, PA, NP or CNS",
        R::StoppedNotImproving => "coverage ended when 'not improving' was recorded",
        R::StoppedRegressing => "coverage ended when 'regressing' was recorded",
        R::NoImprovementRecorded => "beyond the first 12 visits or the 90 days, record 'improving' progress",
        R::AnnualCapReached => "20 visits are already covered in this year window",
        R::AdditionalVisitsUsed => "the 8 additional visits of this allotment are used",
    }
}

/// A reading of the NCD the review applies, in plain words.
#[must_use]
pub const fn reading_words(reading: NcdReading) -> &'static str {
    use NcdReading as N;
    match reading {
        N::OneEpisode => "one history is one episode; a stop for not improving or regressing is final within it",
        N::ProgressCarriesForward => {
            "progress recorded at a visit affects later visits only; the latest recorded status carries forward; 'not recorded' never stops coverage"
        }
        N::ImprovementAsRecorded => {
            "CMS does not define improvement numerically; the progress recorded is taken as given"
        }
        N::TwoPartAllotment => {
            "an allotment is at most 12 initial visits in the 90-day window, then at most 8 additional visits while improving; unused initial visits do not carry over"
        }
        N::KxOnAdditionalOnly => "the KX modifier goes on the additional visits only, never on an initial visit",
        N::AllotmentRestartsEachYear => {
            "a new year window opens a new allotment (a new 90-day window at its first covered visit, then 8 additional)"
        }
        N::AllotmentOncePerEpisode => "one allotment for the whole episode, whatever the year window",
        N::EligibilityAtEachVisit => "eligibility is judged at each visit's date (84 days of pain counts)",
        N::ExcludedShowsNoCounts => "an excluded episode gets no counts of visits left and no next-visit guidance",
        N::IncidentTo => {
            "a practitioner who is not a physician, PA, NP or CNS furnishes it as auxiliary personnel under supervision, billed by the supervising practitioner (incident-to)"
        }
        N::VisitsNotCodes => "coverage counts visits, not codes; appending a visit never changes earlier ones",
    }
}

const fn exclusion(reason: CoverageReason) -> bool {
    matches!(
        reason,
        CoverageReason::NotNonSpecific
            | CoverageReason::AssociatedWithSurgery
            | CoverageReason::AssociatedWithPregnancy
    )
}

impl Display for MedicareText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let visits = r.sessions.len();
        writeln!(f, "Covered: {} of {visits} visits.", r.covered_count)?;
        let kx: Vec<String> = r.sessions.iter().filter(|s| s.kx_modifier).map(|s| s.date.to_string()).collect();
        if !kx.is_empty() {
            writeln!(f, "Additional visits, billed with the KX modifier (MCR-03): {}.", kx.join(", "))?;
        }
        if r.excluded {
            let mut reasons: Vec<CoverageReason> = Vec::new();
            for reason in r.sessions.iter().flat_map(|s| s.reasons.iter().copied()).filter(|r| exclusion(*r)) {
                if !reasons.contains(&reason) {
                    reasons.push(reason);
                }
            }
            writeln!(f, "Not eligible (MCR-01): no visit of this episode can be covered.")?;
            for reason in reasons {
                writeln!(f, "  - {}", reason_words(reason))?;
            }
        } else if r.stopped {
            writeln!(f, "Coverage has ended for this episode (MCR-05): a visit recorded not improving or regressing.")?;
        } else if let Some(left) = &r.remaining {
            let until = |d: Option<chrono::NaiveDate>| d.map(|d| format!(" (until {d})")).unwrap_or_default();
            writeln!(f, "Left in the 90-day window: {}{}.", left.initial_window, until(left.window_until))?;
            writeln!(
                f,
                "Additional visits left: {}; each needs 'improving' progress recorded and the KX modifier.",
                left.additional
            )?;
            writeln!(f, "Left in the year window (cap of 20): {}{}.", left.year_window, until(left.year_until))?;
        }
        if !r.excluded {
            if r.next_visit_needs.is_empty() {
                writeln!(f, "The next visit can be covered as things stand.")?;
            } else {
                writeln!(f, "For the next visit to be covered:")?;
                for reason in &r.next_visit_needs {
                    writeln!(f, "  - {} ({})", reason_words(*reason), reason.rule())?;
                }
            }
        }
        if r.sessions.iter().any(|s| s.incident_to) {
            writeln!(
                f,
                "Incident-to: the covered visits were furnished by auxiliary personnel. They must be under the required supervision and billed by the supervising physician, PA, NP or CNS (MCR-06)."
            )?;
        }
        let window = match r.interpretations.window_start {
            WindowStart::FirstCoveredVisit => "the first covered visit",
            WindowStart::ChronicOnset => "the day the pain reached 12 weeks",
        };
        let year = match r.interpretations.year {
            CapYear::Rolling12Months => "a rolling 12 months from the month of the first covered visit",
            CapYear::CalendarYear => "the calendar year",
        };
        writeln!(f, "Interpretations (the NCD does not settle these; each labelled with its status):")?;
        for finding in r.findings.iter().filter(|x| x.basis == Basis::Interpretation) {
            let words = match &finding.detail {
                Detail::WindowInterpretation { .. } => format!("the 90-day window starts at {window}"),
                Detail::YearInterpretation { .. } => format!("\"annually\" means {year}"),
                Detail::NcdInterpretation { reading } => reading_words(*reading).to_owned(),
                Detail::IncidentTo { dates } => format!("incident-to billing for {} covered visits", dates.len()),
                Detail::CrossModalityAddOn { dates } => format!(
                    "an add-on code with the other modality's initial code is accepted, never a reason to deny ({} visits)",
                    dates.len()
                ),
                _ => continue,
            };
            writeln!(f, "  - {words} ({}; {}, interpretation)", finding.rule, finding.status)?;
        }
        writeln!(f, "Private plans: {} (never inferred).", r.private_plan_coverage)?;
        writeln!(f, "Findings:")?;
        for finding in &r.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
