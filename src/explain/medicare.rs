//! The Medicare review as text: totals, what is left and until when, what the next visit
//! needs, and the interpretations applied.

use std::fmt::{self, Display, Formatter};

use super::{FindingLine, count};
use crate::model::medicare::{CapYear, WindowStart};
use crate::outcome::medicare_review::{CoverageReason, MedicareReview};

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
    }
}

impl Display for MedicareText<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let r = self.0;
        let visits = r.sessions.len();
        writeln!(f, "Covered: {} of {}.", r.covered_count, count(visits, "visit", "visits"))?;
        if r.stopped {
            writeln!(f, "Coverage has ended for this episode (MCR-05): a visit recorded not improving or regressing.")?;
        } else {
            let left = &r.remaining;
            let until = |d: Option<chrono::NaiveDate>| d.map(|d| format!(" (until {d})")).unwrap_or_default();
            writeln!(f, "Left in the 90-day window: {}{}.", left.initial_window, until(left.window_until))?;
            writeln!(
                f,
                "Left in the year window: {}{}; each beyond the window needs 'improving' progress.",
                left.year_window,
                until(left.year_until)
            )?;
        }
        if r.next_visit_needs.is_empty() {
            writeln!(f, "The next visit can be covered as things stand.")?;
        } else {
            writeln!(f, "For the next visit to be covered:")?;
            for reason in &r.next_visit_needs {
                writeln!(f, "  - {} ({})", reason_words(*reason), reason.rule())?;
            }
        }
        let window = match r.interpretations.window_start {
            WindowStart::FirstCoveredVisit => "the first covered visit",
            WindowStart::ChronicOnset => "the day the pain reached 12 weeks",
        };
        let year = match r.interpretations.year {
            CapYear::Rolling12Months => "a rolling 12 months from the month of the first covered visit",
            CapYear::CalendarYear => "the calendar year",
        };
        writeln!(
            f,
            "Interpretations (the NCD does not say): the 90-day window starts at {window}; \"annually\" means {year}."
        )?;
        writeln!(
            f,
            "Improvement is not defined numerically by CMS; the progress recorded at each visit is taken as given."
        )?;
        writeln!(f, "Private plans: {} (never inferred).", r.private_plan_coverage)?;
        writeln!(f, "Findings:")?;
        for finding in &r.findings {
            writeln!(f, "  {}", FindingLine(finding))?;
        }
        Ok(())
    }
}
