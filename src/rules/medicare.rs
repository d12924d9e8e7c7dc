//! Medicare NCD 30.3.3 visit by visit (reference §4.1): `MCR-01`…`MCR-08`, with the engine
//! interpretations the reference lists, each labelled in the output.
//!
//! - One history is one episode of chronic low back pain; `MCR-05`'s stop is final within it.
//! - Progress is the status recorded at a visit and affects later visits only; the latest
//!   recorded status carries forward; `not_recorded` never stops coverage by itself.
//! - The allotment has two parts (revision 2026-12): up to 12 initial visits in the 90-day
//!   window (the start date and the next 89 days), then up to 8 additional visits, beyond the
//!   12th or after the window, each only while the latest recorded status is improving (KX on
//!   these only); the cap of 20 in the year window holds on top. By default a new year window
//!   opens a new allotment (`allotment_restarts_each_year`).
//! - An episode that MCR-01 excludes gets no counts of visits left and no next-visit guidance;
//!   covered visits by auxiliary personnel are billed incident-to.
//! - Eligibility is judged at each visit's date; appending a visit never changes the coverage
//!   of earlier ones. Coverage counts visits, not codes.
//!
//! `MCR-08`: this is NCD 30.3.3 version 1 (effective 2020-01-21). Reported later modifications
//! (dates of service from 2024, a change effective May 2026) could not be verified (UV) and are
//! not applied. Two initial codes at one visit are coding errors (CODES.md); an add-on with the
//! other acupuncture modality's initial code is accepted and labelled (UV).

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::evidence::Status;
use crate::model::fact::Fact;
use crate::model::medicare::{
    CapYear, Discipline, Eligibility, MedicareHistory, MedicarePractitioner, MedicareVisit, Progress, WindowStart,
};
use crate::outcome::course_review::CourseDecision;
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::medicare_review::{
    BenefitRemaining, CoverageReason, MedicareReview, NcdReading, VisitCoverage, interpretation,
};
use crate::rules::duration::medicare_chronic;
use crate::{Modality, RuleId};

/// Visits covered in the initial window (`MCR-02`).
pub const INITIAL_VISITS: u32 = 12;
/// Days in the initial window (`MCR-02`): the start date and the 89 days after it.
pub const WINDOW_DAYS: u64 = 90;
/// Treatments covered in a year (`MCR-04`).
pub const ANNUAL_CAP: u32 = 20;

/// The NCD's effective date (`MCR-08`): services on or after 21 January 2020.
#[must_use]
pub fn effective_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 21).unwrap_or(NaiveDate::MIN)
}

/// `MCR-01` at `date`: what stands between the episode and eligibility (empty when eligible).
/// The duration is `DUR-02`: 84 days counts.
#[must_use]
pub fn eligibility_reasons(e: &Eligibility, date: NaiveDate) -> Vec<CoverageReason> {
    let mut reasons = Vec::new();
    let days = u32::try_from((date - e.onset).num_days()).unwrap_or(0);
    if !medicare_chronic(days) {
        reasons.push(CoverageReason::NotChronicYet);
    }
    let fact = |value: Fact, wanted: Fact, wrong, undocumented| match value {
        Fact::Undocumented => Some(undocumented),
        v if v == wanted => None,
        _ => Some(wrong),
    };
    reasons.extend(fact(
        e.non_specific,
        Fact::Yes,
        CoverageReason::NotNonSpecific,
        CoverageReason::NonSpecificUndocumented,
    ));
    reasons.extend(fact(
        e.associated_with_surgery,
        Fact::No,
        CoverageReason::AssociatedWithSurgery,
        CoverageReason::SurgeryUndocumented,
    ));
    reasons.extend(fact(
        e.associated_with_pregnancy,
        Fact::No,
        CoverageReason::AssociatedWithPregnancy,
        CoverageReason::PregnancyUndocumented,
    ));
    reasons
}

/// `MCR-06`: what stands between the practitioner and furnishing covered acupuncture (empty
/// when qualified). Physicians need the state requirements only; PAs, NPs and CNSs also an
/// accredited acupuncture degree and a full acupuncture licence; everyone else all of that
/// and supervision, as auxiliary personnel.
#[must_use]
pub fn practitioner_reasons(p: &MedicarePractitioner) -> Vec<CoverageReason> {
    use CoverageReason as R;
    let fact = |value: Fact, missing, undocumented| match value {
        Fact::Yes => None,
        Fact::No => Some(missing),
        Fact::Undocumented => Some(undocumented),
    };
    let mut reasons: Vec<CoverageReason> =
        fact(p.state_licensed, R::NoStateLicense, R::StateLicenseUndocumented).into_iter().collect();
    if p.kind != Discipline::Physician {
        reasons.extend(fact(p.acupuncture_degree, R::NoAcupunctureDegree, R::AcupunctureDegreeUndocumented));
        reasons.extend(fact(p.acupuncture_license, R::NoAcupunctureLicense, R::AcupunctureLicenseUndocumented));
    }
    if !p.kind.furnishes_directly() {
        reasons.extend(fact(p.supervised, R::NotSupervised, R::SupervisionUndocumented));
    }
    reasons
}

/// The year window (`MCR-04`) holding `date`: the calendar year, or successive 12-month
/// windows from the first day of the month of `anchor` (the first covered visit).
#[must_use]
pub fn year_window(kind: CapYear, anchor: Option<NaiveDate>, date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of_month = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let start = match kind {
        CapYear::CalendarYear => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        CapYear::Rolling12Months => {
            let anchor = first_of_month(anchor.unwrap_or(date).min(date));
            let months = (date.year() - anchor.year()) * 12 + i32::try_from(date.month()).unwrap_or(1)
                - i32::try_from(anchor.month()).unwrap_or(1);
            let windows = u32::try_from(months / 12).unwrap_or(0);
            anchor.checked_add_months(Months::new(windows * 12)).unwrap_or(anchor)
        }
    };
    let end = start.checked_add_months(Months::new(12)).and_then(|d| d.pred_opt()).unwrap_or(start);
    (start, end)
}

/// Additional visits covered per allotment (`MCR-03`: "an additional eight sessions").
pub const ADDITIONAL_VISITS: u32 = 8;

/// One allotment: the 90-day window with its initial visits, and the additional visits.
#[derive(Debug, Clone, Copy)]
struct Allotment {
    window: (NaiveDate, NaiveDate),
    /// The start of the year window it belongs to.
    year_from: NaiveDate,
    initial_used: u32,
    additional_used: u32,
}

/// The walk over the visits.
struct Walk<'a> {
    history: &'a MedicareHistory,
    /// The window of the first allotment when the option fixes it in advance.
    preset_window: Option<(NaiveDate, NaiveDate)>,
    allotment: Option<Allotment>,
    covered_total: u32,
    anchor: Option<NaiveDate>,
    covered_dates: Vec<NaiveDate>,
    latest: Option<Progress>,
    stopped: Option<CoverageReason>,
}

impl<'a> Walk<'a> {
    fn new(history: &'a MedicareHistory) -> Self {
        let preset_window = match history.options().window_start {
            WindowStart::FirstCoveredVisit => None,
            WindowStart::ChronicOnset => {
                let chronic = history.eligibility().onset.checked_add_days(Days::new(84));
                chronic.map(|d| window_from(d.max(effective_date())))
            }
        };
        Walk {
            history,
            preset_window,
            allotment: None,
            covered_total: 0,
            anchor: None,
            covered_dates: Vec::new(),
            latest: None,
            stopped: None,
        }
    }

    fn covered_in_year(&self, date: NaiveDate) -> u32 {
        let (from, until) = year_window(self.history.options().year, self.anchor, date);
        let n = self.covered_dates.iter().filter(|d| **d >= from && **d <= until).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The allotment a covered visit on `date` would draw on: the current one, or a new one
    /// when there is none yet or (with the option) `date` falls in a new year window.
    fn allotment_for(&self, date: NaiveDate) -> Allotment {
        let options = self.history.options();
        let (year_from, _) = year_window(options.year, self.anchor, date);
        match self.allotment {
            Some(current) if !options.allotment_restarts_each_year || current.year_from == year_from => current,
            Some(_) => Allotment { window: window_from(date), year_from, initial_used: 0, additional_used: 0 },
            None => Allotment {
                window: self.preset_window.unwrap_or_else(|| window_from(date)),
                year_from,
                initial_used: 0,
                additional_used: 0,
            },
        }
    }

    /// The reasons for a visit on `date`, without recording it. Covered visits get exactly
    /// one reason, `initial_window` or `while_improving`.
    fn judge(&self, date: NaiveDate) -> Vec<CoverageReason> {
        let mut reasons: Vec<CoverageReason> = self.stopped.into_iter().collect();
        if date < effective_date() {
            reasons.push(CoverageReason::BeforeEffectiveDate);
        }
        reasons.extend(eligibility_reasons(self.history.eligibility(), date));
        reasons.extend(practitioner_reasons(self.history.practitioner()));
        if !reasons.is_empty() {
            return reasons;
        }
        let allotment = self.allotment_for(date);
        let (from, until) = allotment.window;
        let in_window = date >= from && date <= until;
        let counting = if self.covered_in_year(date) >= ANNUAL_CAP {
            CoverageReason::AnnualCapReached
        } else if in_window && allotment.initial_used < INITIAL_VISITS {
            CoverageReason::InitialWindow
        } else if allotment.additional_used >= ADDITIONAL_VISITS {
            CoverageReason::AdditionalVisitsUsed
        } else if self.latest == Some(Progress::Improving) {
            CoverageReason::WhileImproving
        } else {
            CoverageReason::NoImprovementRecorded
        };
        vec![counting]
    }

    fn record(&mut self, date: NaiveDate, reasons: &[CoverageReason], progress: Progress) -> bool {
        let covered = matches!(reasons, [CoverageReason::InitialWindow | CoverageReason::WhileImproving]);
        if covered {
            let mut allotment = self.allotment_for(date);
            if reasons == [CoverageReason::InitialWindow] {
                allotment.initial_used += 1;
            } else {
                allotment.additional_used += 1;
            }
            self.allotment = Some(allotment);
            self.covered_total += 1;
            self.anchor.get_or_insert(date);
            self.covered_dates.push(date);
        }
        match progress {
            Progress::NotRecorded => {}
            recorded => self.latest = Some(recorded),
        }
        match progress {
            Progress::NotImproving => self.stopped = self.stopped.or(Some(CoverageReason::StoppedNotImproving)),
            Progress::Regressing => self.stopped = self.stopped.or(Some(CoverageReason::StoppedRegressing)),
            Progress::Improving | Progress::NotRecorded => {}
        }
        covered
    }
}

fn window_from(start: NaiveDate) -> (NaiveDate, NaiveDate) {
    (start, start.checked_add_days(Days::new(WINDOW_DAYS - 1)).unwrap_or(start))
}

/// Whether MCR-01 excludes the episode outright: a documented systemic cause, association
/// with surgery, or with pregnancy (not a duration still short of 12 weeks, nor a fact that is
/// only undocumented).
#[must_use]
pub const fn excluded(e: &Eligibility) -> bool {
    matches!(e.non_specific, Fact::No)
        || matches!(e.associated_with_surgery, Fact::Yes)
        || matches!(e.associated_with_pregnancy, Fact::Yes)
}

/// Reviews every visit of the history, in date order.
#[must_use]
pub fn review(history: &MedicareHistory) -> MedicareReview {
    let mut walk = Walk::new(history);
    let mut review = MedicareReview::new();
    let options = history.options();
    let incident_to = !history.practitioner().kind.furnishes_directly();
    for visit in history.sessions() {
        let date = visit.date();
        let reasons = walk.judge(date);
        let covered = walk.record(date, &reasons, visit.progress());
        let mut rules: Vec<RuleId> = reasons.iter().map(|r| r.rule()).collect();
        if visit.modality() == Modality::DryNeedling {
            rules.push(RuleId::Mcr07);
        }
        rules.sort();
        rules.dedup();
        review.sessions.push(VisitCoverage {
            date,
            modality: visit.modality(),
            cpt: visit.cpt().to_vec(),
            covered,
            kx_modifier: covered && reasons == [CoverageReason::WhileImproving],
            incident_to: covered && incident_to,
            reasons,
            rules,
            covered_so_far: walk.covered_total,
            covered_in_year: walk.covered_in_year(date),
        });
    }

    review.excluded = excluded(history.eligibility());
    review.stopped = walk.stopped.is_some();
    // The benefit left, judged the day after the last visit; none for an excluded episode or
    // one whose coverage has ended (no counts, no next-visit guidance).
    if !review.excluded {
        let next_day = history
            .sessions()
            .last()
            .and_then(|v| v.date().succ_opt())
            .unwrap_or_else(|| history.eligibility().onset.checked_add_days(Days::new(84)).unwrap_or(NaiveDate::MAX))
            .max(effective_date());
        review.next_visit_needs = walk
            .judge(next_day)
            .into_iter()
            .filter(|r| !matches!(r, CoverageReason::InitialWindow | CoverageReason::WhileImproving))
            .collect();
        if !review.stopped {
            let allotment = walk.allotment_for(next_day);
            let (_, window_until) = allotment.window;
            let (_, year_until) = year_window(options.year, walk.anchor, next_day);
            let opened = walk.allotment.is_some() || walk.preset_window.is_some();
            review.remaining = Some(BenefitRemaining {
                initial_window: if next_day <= window_until {
                    INITIAL_VISITS.saturating_sub(allotment.initial_used)
                } else {
                    0
                },
                window_until: opened.then_some(window_until),
                additional: ADDITIONAL_VISITS.saturating_sub(allotment.additional_used),
                year_window: ANNUAL_CAP.saturating_sub(walk.covered_in_year(next_day)),
                year_until: walk.anchor.map(|_| year_until),
            });
        }
    }
    review.covered_count = walk.covered_total;
    let first_window =
        walk.preset_window.or_else(|| review.sessions.iter().find(|s| s.covered).map(|s| window_from(s.date)));
    review.interpretations.window_start = options.window_start;
    review.interpretations.window_from = first_window.map(|(from, _)| from);
    review.interpretations.window_until = first_window.map(|(_, until)| until);
    review.interpretations.year = options.year;
    review.interpretations.allotment_restarts_each_year = options.allotment_restarts_each_year;
    review.findings = findings(history, &review);
    review
}

/// One finding per rule applied: the NCD edition, each reading applied (labelled as an
/// interpretation with its status), each reason with its visits, incident-to billing, code
/// pairings the sources do not settle, and dry needling under the NCD.
fn findings(history: &MedicareHistory, review: &MedicareReview) -> Vec<Finding> {
    use NcdReading as N;
    let uv = Status::Uv;
    let mut findings = vec![
        Finding::new(RuleId::Mcr08, Detail::NcdApplied),
        interpretation(
            RuleId::Mcr02,
            uv,
            Detail::WindowInterpretation { window_start: review.interpretations.window_start },
        ),
        interpretation(RuleId::Mcr04, uv, Detail::YearInterpretation { year: review.interpretations.year }),
    ];
    let restart = if review.interpretations.allotment_restarts_each_year {
        N::AllotmentRestartsEachYear
    } else {
        N::AllotmentOncePerEpisode
    };
    let mut readings = vec![
        N::OneEpisode,
        N::ProgressCarriesForward,
        N::ImprovementAsRecorded,
        N::TwoPartAllotment,
        N::KxOnAdditionalOnly,
        restart,
        N::EligibilityAtEachVisit,
        N::VisitsNotCodes,
    ];
    if review.excluded {
        readings.push(N::ExcludedShowsNoCounts);
    }
    let incident_to: Vec<NaiveDate> = review.sessions.iter().filter(|s| s.incident_to).map(|s| s.date).collect();
    if !incident_to.is_empty() {
        readings.push(N::IncidentTo);
    }
    for reading in readings {
        findings.push(interpretation(reading.rule(), reading.status(), Detail::NcdInterpretation { reading }));
    }
    for reason in CoverageReason::ALL {
        let dates: Vec<NaiveDate> =
            review.sessions.iter().filter(|s| s.reasons.contains(reason)).map(|s| s.date).collect();
        if !dates.is_empty() {
            findings.push(Finding::new(reason.rule(), Detail::Coverage { reason: *reason, dates }));
        }
    }
    if !incident_to.is_empty() {
        findings.push(interpretation(RuleId::Mcr06, N::IncidentTo.status(), Detail::IncidentTo { dates: incident_to }));
    }
    let cross: Vec<NaiveDate> =
        history.sessions().iter().filter(|v| v.cross_modality_add_on()).map(MedicareVisit::date).collect();
    if !cross.is_empty() {
        findings.push(interpretation(RuleId::Mcr02, uv, Detail::CrossModalityAddOn { dates: cross }));
    }
    if review.sessions.iter().any(|s| s.modality == Modality::DryNeedling) {
        findings.push(Finding::new(RuleId::Mcr07, Detail::DryNeedlingUnderNcd));
    }
    findings
}

/// `COURSE-02`: under Original Medicare the stricter limit wins. Returns the decision and the
/// sessions still recommended, with the overlay's finding: a course that would go on ends
/// when Medicare covers no more of its visits, `course_complete` with a meaningful change
/// (`COURSE-05`), otherwise `pivot`.
pub fn course_overlay(
    dates: &[NaiveDate],
    as_of: NaiveDate,
    improving: bool,
    decision: CourseDecision,
    remaining: u32,
    findings: &mut Vec<Finding>,
) -> (CourseDecision, u32) {
    let allowance = course_allowance(dates, as_of, improving);
    let goes_on = matches!(decision, CourseDecision::TooEarly | CourseDecision::Continue);
    if goes_on && allowance == 0 {
        findings.push(Finding::new(RuleId::Course02, Detail::MedicareLimitReached));
        if improving {
            (CourseDecision::CourseComplete, 0)
        } else {
            findings.push(Finding::new(RuleId::Course01, Detail::PivotRecommended));
            (CourseDecision::Pivot, 0)
        }
    } else {
        findings.push(Finding::new(RuleId::Course02, Detail::MedicareAllowance { visits: allowance }));
        (decision, remaining.min(allowance))
    }
}

/// `COURSE-02`: the visits Original Medicare would still cover in a course whose sessions fell
/// on `dates` (all taken as covered, in one allotment), judged on `as_of`, with `improving` as
/// the course's measured improvement (`OUT-01`, engine policy: CMS does not define
/// improvement): what is left of the 12 initial visits while the 90-day window is open, plus
/// what is left of the 8 additional ones while improving, within the annual cap of 20.
fn course_allowance(dates: &[NaiveDate], as_of: NaiveDate, improving: bool) -> u32 {
    let Some(&first) = dates.first() else {
        return INITIAL_VISITS;
    };
    let count =
        |keep: &dyn Fn(&NaiveDate) -> bool| u32::try_from(dates.iter().filter(|d| keep(d)).count()).unwrap_or(u32::MAX);
    let (_, until) = window_from(first);
    let initial_used = count(&|d| *d <= until).min(INITIAL_VISITS);
    let additional_used = u32::try_from(dates.len()).unwrap_or(u32::MAX).saturating_sub(initial_used);
    let (from, year_until) = year_window(CapYear::Rolling12Months, Some(first), as_of);
    let cap_left = ANNUAL_CAP.saturating_sub(count(&|d| *d >= from && *d <= year_until));
    let initial_left = if as_of <= until { INITIAL_VISITS - initial_used } else { 0 };
    let additional_left = if improving { ADDITIONAL_VISITS.saturating_sub(additional_used) } else { 0 };
    cap_left.min(initial_left + additional_left)
}
