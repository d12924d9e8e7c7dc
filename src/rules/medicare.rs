//! Medicare NCD 30.3.3 visit by visit (reference §4.1): `MCR-01`…`MCR-08`, with the engine
//! interpretations the reference lists, each labelled in the output.
//!
//! - One history is one episode of chronic low back pain; `MCR-05`'s stop is final within it.
//! - Progress is the status recorded at a visit and affects later visits only; the latest
//!   recorded status carries forward; `not_recorded` never stops coverage by itself.
//! - Up to 12 covered visits in the 90-day window (the start date and the next 89 days); beyond
//!   the 12th, or after the window, visits are covered only while the latest recorded status is
//!   improving, up to 20 covered in the year window.
//! - Eligibility is judged at each visit's date; appending a visit never changes the coverage
//!   of earlier ones. Coverage counts visits, not codes.
//!
//! `MCR-08`: this is NCD 30.3.3 version 1 (effective 2020-01-21). Reported later modifications
//! (dates of service from 2024, a change effective May 2026) could not be verified (UV) and are
//! not applied. "Only one initial code per day" is standard CPT guidance the reference could not
//! re-check (UV), so it is not enforced.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::model::fact::Fact;
use crate::model::medicare::{
    CapYear, Discipline, Eligibility, MedicareHistory, MedicarePractitioner, Progress, WindowStart,
};
use crate::outcome::course_review::CourseDecision;
use crate::outcome::finding::{Detail, Finding};
use crate::outcome::medicare_review::{BenefitRemaining, CoverageReason, MedicareReview, VisitCoverage};
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

/// The walk over the visits.
struct Walk<'a> {
    history: &'a MedicareHistory,
    window: Option<(NaiveDate, NaiveDate)>,
    covered_in_window: u32,
    covered_total: u32,
    anchor: Option<NaiveDate>,
    covered_dates: Vec<NaiveDate>,
    latest: Option<Progress>,
    stopped: Option<CoverageReason>,
}

impl<'a> Walk<'a> {
    fn new(history: &'a MedicareHistory) -> Self {
        let window = match history.options().window_start {
            WindowStart::FirstCoveredVisit => None,
            WindowStart::ChronicOnset => {
                let chronic = history.eligibility().onset.checked_add_days(Days::new(84));
                chronic.map(|d| window_from(d.max(effective_date())))
            }
        };
        Walk {
            history,
            window,
            covered_in_window: 0,
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
        let (from, until) = self.window.unwrap_or_else(|| window_from(date));
        let in_window = date >= from && date <= until;
        let counting = if self.covered_in_year(date) >= ANNUAL_CAP {
            CoverageReason::AnnualCapReached
        } else if in_window && self.covered_in_window < INITIAL_VISITS {
            CoverageReason::InitialWindow
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
            if self.window.is_none() {
                self.window = Some(window_from(date));
            }
            if reasons == [CoverageReason::InitialWindow] {
                self.covered_in_window += 1;
            }
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

/// Reviews every visit of the history, in date order.
#[must_use]
pub fn review(history: &MedicareHistory) -> MedicareReview {
    let mut walk = Walk::new(history);
    let mut review = MedicareReview::new();
    let options = history.options();
    for visit in history.sessions() {
        let reasons = walk.judge(visit.date);
        let covered = walk.record(visit.date, &reasons, visit.progress);
        let mut rules: Vec<RuleId> = reasons.iter().map(|r| r.rule()).collect();
        if visit.modality == Modality::DryNeedling {
            rules.push(RuleId::Mcr07);
        }
        rules.sort();
        rules.dedup();
        review.sessions.push(VisitCoverage {
            date: visit.date,
            modality: visit.modality,
            cpt: visit.cpt().to_vec(),
            covered,
            kx_modifier: covered && reasons == [CoverageReason::WhileImproving],
            reasons,
            rules,
            covered_so_far: walk.covered_total,
            covered_in_year: walk.covered_in_year(visit.date),
        });
    }

    // The benefit left, judged the day after the last visit.
    let next_day = history
        .sessions()
        .last()
        .and_then(|v| v.date.succ_opt())
        .unwrap_or_else(|| history.eligibility().onset.checked_add_days(Days::new(84)).unwrap_or(NaiveDate::MAX))
        .max(effective_date());
    let needs = walk.judge(next_day);
    let window_open = walk.window.is_some_and(|(_, until)| next_day <= until) || walk.window.is_none();
    let (_, year_until) = year_window(options.year, walk.anchor, next_day);
    review.remaining = BenefitRemaining {
        initial_window: if window_open { INITIAL_VISITS - walk.covered_in_window.min(INITIAL_VISITS) } else { 0 },
        window_until: walk.window.map(|(_, until)| until),
        year_window: if walk.stopped.is_some() { 0 } else { ANNUAL_CAP.saturating_sub(walk.covered_in_year(next_day)) },
        year_until: walk.anchor.map(|_| year_until),
    };
    review.next_visit_needs = needs
        .into_iter()
        .filter(|r| !matches!(r, CoverageReason::InitialWindow | CoverageReason::WhileImproving))
        .collect();
    review.stopped = walk.stopped.is_some();
    review.covered_count = walk.covered_total;
    review.interpretations.window_start = options.window_start;
    review.interpretations.window_from = walk.window.map(|(from, _)| from);
    review.interpretations.window_until = walk.window.map(|(_, until)| until);
    review.interpretations.year = options.year;
    review.findings = findings(&review);
    review
}

/// One finding per rule applied: the NCD edition, the interpretations, each reason with its
/// visits, and dry needling under the NCD.
fn findings(review: &MedicareReview) -> Vec<Finding> {
    let mut findings = vec![
        Finding::new(RuleId::Mcr08, Detail::NcdApplied),
        Finding::new(RuleId::Mcr02, Detail::WindowInterpretation { window_start: review.interpretations.window_start }),
        Finding::new(RuleId::Mcr04, Detail::YearInterpretation { year: review.interpretations.year }),
    ];
    for reason in CoverageReason::ALL {
        let dates: Vec<NaiveDate> =
            review.sessions.iter().filter(|s| s.reasons.contains(reason)).map(|s| s.date).collect();
        if !dates.is_empty() {
            findings.push(Finding::new(reason.rule(), Detail::Coverage { reason: *reason, dates }));
        }
    }
    if review.sessions.iter().any(|s| s.modality == Modality::DryNeedling) {
        findings.push(Finding::new(RuleId::Mcr07, Detail::DryNeedlingUnderNcd));
    }
    findings
}

/// `COURSE-02`: under Original Medicare the stricter limit wins. Returns the decision and the
/// sessions still recommended, with the overlay's finding: a course that would go on ends
/// (`course_complete`) when Medicare covers no more of its visits.
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
        (CourseDecision::CourseComplete, remaining.min(allowance))
    } else {
        findings.push(Finding::new(RuleId::Course02, Detail::MedicareAllowance { visits: allowance }));
        (decision, remaining.min(allowance))
    }
}

/// `COURSE-02`: the visits Original Medicare would still cover in a course whose sessions fell
/// on `dates` (all taken as covered), judged on `as_of`, with `improving` as the course's
/// measured improvement (`OUT-01`, engine policy: CMS does not define improvement).
fn course_allowance(dates: &[NaiveDate], as_of: NaiveDate, improving: bool) -> u32 {
    let Some(&first) = dates.first() else {
        return INITIAL_VISITS;
    };
    let (_, until) = window_from(first);
    let in_window = u32::try_from(dates.iter().filter(|d| **d <= until).count()).unwrap_or(u32::MAX);
    let (from, year_until) = year_window(CapYear::Rolling12Months, Some(first), as_of);
    let in_year = u32::try_from(dates.iter().filter(|d| **d >= from && **d <= year_until).count()).unwrap_or(u32::MAX);
    let cap_left = ANNUAL_CAP.saturating_sub(in_year);
    let initial_left = if as_of <= until { INITIAL_VISITS.saturating_sub(in_window) } else { 0 };
    let additional = if improving { cap_left } else { 0 };
    cap_left.min(initial_left.max(additional))
}
