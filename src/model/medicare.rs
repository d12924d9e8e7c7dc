//! A Medicare visit history (one episode of chronic low back pain) and its visit-by-visit
//! review under NCD 30.3.3 (reference §4.1, §4.2).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::CoverageError;
use crate::model::fact::Fact;
use crate::model::modality::Modality;

name_enum! {
    /// A CPT code for acupuncture or dry needling (reference §4.2). Codes only: the AMA's
    /// descriptor text is not shipped.
    pub enum Cpt ("CPT code") {
        /// Acupuncture without electrical stimulation, initial 15 minutes.
        C97810 = "97810",
        /// Acupuncture without electrical stimulation, each additional 15 minutes (add-on).
        C97811 = "97811",
        /// Acupuncture with electrical stimulation, initial 15 minutes.
        C97813 = "97813",
        /// Acupuncture with electrical stimulation, each additional 15 minutes (add-on).
        C97814 = "97814",
        /// Needle insertion without injection, 1 or 2 muscles (dry needling).
        C20560 = "20560",
        /// Needle insertion without injection, 3 or more muscles (dry needling).
        C20561 = "20561",
    }
}

impl Cpt {
    /// The modality the code bills (`DN-01`: acupuncture and dry needling codes never stand in
    /// for each other).
    #[must_use]
    pub const fn modality(self) -> Modality {
        match self {
            Cpt::C97810 | Cpt::C97811 => Modality::ManualAcupuncture,
            Cpt::C97813 | Cpt::C97814 => Modality::Electroacupuncture,
            Cpt::C20560 | Cpt::C20561 => Modality::DryNeedling,
        }
    }

    /// For an add-on code, the initial code it needs at the same visit.
    #[must_use]
    pub const fn initial(self) -> Option<Cpt> {
        match self {
            Cpt::C97811 => Some(Cpt::C97810),
            Cpt::C97814 => Some(Cpt::C97813),
            _ => None,
        }
    }
}

name_enum! {
    /// The progress status recorded at a visit. It affects later visits only.
    #[derive(Default)]
    pub enum Progress ("progress") {
        /// Demonstrating an improvement (MCR-03).
        Improving = "improving",
        /// Not improving (MCR-05: coverage ends).
        NotImproving = "not_improving",
        /// Regressing (MCR-05: coverage ends).
        Regressing = "regressing",
        /// Nothing recorded: never stops coverage, never counts as improving.
        #[default]
        NotRecorded = "not_recorded",
    }
}

name_enum! {
    /// The practitioner's discipline.
    pub enum Discipline ("discipline") {
        /// Physician (SSA §1861(r)(1)).
        Physician = "physician",
        /// Physician assistant.
        PhysicianAssistant = "physician_assistant",
        /// Nurse practitioner.
        NursePractitioner = "nurse_practitioner",
        /// Clinical nurse specialist.
        ClinicalNurseSpecialist = "clinical_nurse_specialist",
        /// Licensed acupuncturist (not a Medicare-enrolled provider type).
        LicensedAcupuncturist = "licensed_acupuncturist",
        /// Physical therapist.
        PhysicalTherapist = "physical_therapist",
        /// Chiropractor.
        Chiropractor = "chiropractor",
        /// Any other discipline.
        Other = "other",
    }
}

impl Discipline {
    /// Whether Medicare lets this discipline furnish acupuncture in its own right (physicians,
    /// PAs, NPs and CNSs); everyone else furnishes it as auxiliary personnel under supervision.
    #[must_use]
    pub const fn furnishes_directly(self) -> bool {
        matches!(
            self,
            Discipline::Physician
                | Discipline::PhysicianAssistant
                | Discipline::NursePractitioner
                | Discipline::ClinicalNurseSpecialist
        )
    }
}

/// The eligibility facts of the episode (`MCR-01`). An omitted fact is not documented, and an
/// undocumented fact means the visit is not covered, with that reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Eligibility {
    /// When the low back pain began.
    pub onset: NaiveDate,
    /// No identifiable systemic cause (not metastatic, inflammatory or infectious disease).
    pub non_specific: Fact,
    /// Associated with surgery.
    pub associated_with_surgery: Fact,
    /// Associated with pregnancy.
    pub associated_with_pregnancy: Fact,
}

/// The practitioner who furnished the visits, with the `MCR-06` facts. An omitted fact is not
/// documented.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicarePractitioner {
    /// The discipline.
    pub kind: Discipline,
    /// Meets the applicable state requirements (licensed in the state).
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub state_licensed: Fact,
    /// A master's or doctoral degree in acupuncture or Oriental Medicine from an ACAOM/ACAHM
    /// accredited school.
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub acupuncture_degree: Fact,
    /// A current, full, active, unrestricted licence to practise acupuncture in a US state,
    /// territory, commonwealth or DC.
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub acupuncture_license: Fact,
    /// Supervised by a physician, PA, NP or CNS as 42 CFR 410.26/410.27 require (how anyone
    /// else furnishes it, as auxiliary personnel).
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub supervised: Fact,
}

/// One acupuncture or dry-needling visit. The fields are private: the codes are checked
/// against the modality once, in [`MedicareVisit::new`], and nothing can change either after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicareVisit {
    date: NaiveDate,
    modality: Modality,
    cpt: Vec<Cpt>,
    progress: Progress,
}

impl MedicareVisit {
    /// A visit, its codes checked against the modality (CODES.md, CPT pairing).
    ///
    /// # Errors
    ///
    /// Naming the field `cpt`: [`CoverageError::NoCode`]; [`CoverageError::ConflictingCodes`]
    /// for a code billed twice, two initial acupuncture codes, or 20560 with 20561;
    /// [`CoverageError::CodeModalityMismatch`] for a code of another modality (an add-on with
    /// the other acupuncture modality's initial code is accepted, see
    /// [`MedicareVisit::cross_modality_add_on`]); [`CoverageError::AddOnWithoutInitial`].
    pub fn new(date: NaiveDate, modality: Modality, cpt: Vec<Cpt>, progress: Progress) -> Result<Self, CoverageError> {
        check_codes("cpt", modality, &cpt)?;
        Ok(MedicareVisit { date, modality, cpt, progress })
    }

    /// The date of service.
    #[must_use]
    pub const fn date(&self) -> NaiveDate {
        self.date
    }

    /// The modality.
    #[must_use]
    pub const fn modality(&self) -> Modality {
        self.modality
    }

    /// The codes billed.
    #[must_use]
    pub fn cpt(&self) -> &[Cpt] {
        &self.cpt
    }

    /// The progress recorded at this visit.
    #[must_use]
    pub const fn progress(&self) -> Progress {
        self.progress
    }

    /// Whether an add-on code goes with the other acupuncture modality's initial code (97810 +
    /// 97814, 97813 + 97811). The sources do not settle it (UV): accepted, never a reason to
    /// deny coverage, and recorded as a labelled finding.
    #[must_use]
    pub fn cross_modality_add_on(&self) -> bool {
        self.cpt.iter().any(|c| c.initial().is_some_and(|i| !self.cpt.contains(&i)))
    }
}

const fn is_initial_acupuncture(code: Cpt) -> bool {
    matches!(code, Cpt::C97810 | Cpt::C97813)
}

fn check_codes(field: &str, modality: Modality, cpt: &[Cpt]) -> Result<(), CoverageError> {
    let conflict = |code, other| Err(CoverageError::ConflictingCodes { field: field.to_owned(), code, other });
    if cpt.is_empty() {
        return Err(CoverageError::NoCode { field: field.to_owned() });
    }
    // Add-on codes may repeat (each additional 15 minutes); two initial codes at one visit
    // (97810 twice, or 97810 with 97813) or two dry-needling codes are coding errors.
    for (index, &code) in cpt.iter().enumerate() {
        let earlier = cpt.iter().take(index);
        let clashes = |c: &Cpt| {
            (is_initial_acupuncture(code) && is_initial_acupuncture(*c))
                || (code.modality() == Modality::DryNeedling && c.modality() == Modality::DryNeedling)
        };
        if let Some(&other) = earlier.clone().find(|c| clashes(c)) {
            return conflict(code, other);
        }
    }
    for &code in cpt {
        let acupuncture_visit = matches!(modality, Modality::ManualAcupuncture | Modality::Electroacupuncture);
        match code.initial() {
            // An add-on: any acupuncture initial code at an acupuncture visit carries it.
            Some(initial) if acupuncture_visit && !cpt.iter().any(|c| is_initial_acupuncture(*c)) => {
                return Err(CoverageError::AddOnWithoutInitial { field: field.to_owned(), code, initial });
            }
            Some(_) if acupuncture_visit => {}
            _ if code.modality() != modality => {
                return Err(CoverageError::CodeModalityMismatch {
                    field: field.to_owned(),
                    code,
                    code_modality: code.modality(),
                    modality,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// The same error with its field placed under `prefix` (`cpt` → `sessions[2].cpt`).
fn under(prefix: &str, error: CoverageError) -> CoverageError {
    use CoverageError as E;
    let at = |field: String| format!("{prefix}.{field}");
    match error {
        E::NoCode { field } => E::NoCode { field: at(field) },
        E::ConflictingCodes { field, code, other } => E::ConflictingCodes { field: at(field), code, other },
        E::CodeModalityMismatch { field, code, code_modality, modality } => {
            E::CodeModalityMismatch { field: at(field), code, code_modality, modality }
        }
        E::AddOnWithoutInitial { field, code, initial } => E::AddOnWithoutInitial { field: at(field), code, initial },
        other => other,
    }
}

name_enum! {
    /// What starts the 90-day window of `MCR-02`. The NCD does not say (UV).
    #[derive(Default)]
    pub enum WindowStart ("window start") {
        /// The first visit that meets every other coverage rule (the natural reading; default).
        #[default]
        FirstCoveredVisit = "first_covered_visit",
        /// The day the pain reaches 12 weeks (`DUR-02`), or the NCD's effective date if later.
        ChronicOnset = "chronic_onset",
    }
}

name_enum! {
    /// What "annually" means for the cap of `MCR-04`. The NCD does not say (UV); secondary
    /// sources read it as rolling (PV).
    #[derive(Default)]
    pub enum CapYear ("cap year") {
        /// The month of the first covered visit plus the next 11 full months (default).
        #[default]
        Rolling12Months = "rolling_12_months",
        /// January to December.
        CalendarYear = "calendar_year",
    }
}

/// The NCD's open questions, with documented defaults that are labelled as interpretations in
/// every review.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MedicareOptions {
    /// What starts the 90-day window.
    pub window_start: WindowStart,
    /// What "annually" means.
    pub year: CapYear,
    /// Whether a new year window opens a new allotment (a new 90-day window at its first
    /// covered visit, then 8 additional). The NCD does not say (UV); default `true`, because
    /// the cap is stated per year.
    pub allotment_restarts_each_year: bool,
}

impl Default for MedicareOptions {
    fn default() -> Self {
        MedicareOptions {
            window_start: WindowStart::default(),
            year: CapYear::default(),
            allotment_restarts_each_year: true,
        }
    }
}

/// One episode's visit history (JSON contract v2 §Medicare history).
///
/// ```
/// use acupuncture_guidance::{review_medicare, MedicareHistory};
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let history: MedicareHistory = serde_json::from_str(r#"{
///   "eligibility": { "onset": { "date": "2025-09-01" }, "non_specific": true,
///                    "associated_with_surgery": false, "associated_with_pregnancy": false },
///   "practitioner": { "kind": "physician", "state_licensed": true },
///   "sessions": [
///     { "date": "2026-01-05", "modality": "manual_acupuncture", "cpt": ["97810", "97811"], "progress": "not_recorded" }
///   ]
/// }"#)?;
/// assert!(review_medicare(&history)?.sessions[0].covered);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MedicareHistory {
    eligibility: Eligibility,
    practitioner: MedicarePractitioner,
    sessions: Vec<MedicareVisit>,
    options: MedicareOptions,
}

impl MedicareHistory {
    /// A validated history.
    ///
    /// # Errors
    ///
    /// [`CoverageError::OutOfOrder`] for visits out of date order or on the same date;
    /// [`CoverageError::BeforeOnset`] for a visit before the onset.
    pub fn new(
        eligibility: Eligibility,
        practitioner: MedicarePractitioner,
        sessions: Vec<MedicareVisit>,
        options: MedicareOptions,
    ) -> Result<Self, CoverageError> {
        let mut previous: Option<NaiveDate> = None;
        for (index, visit) in sessions.iter().enumerate() {
            let field = format!("sessions[{index}].date");
            if let Some(previous) = previous.filter(|p| visit.date <= *p) {
                return Err(CoverageError::OutOfOrder { field, date: visit.date, previous });
            }
            if visit.date < eligibility.onset {
                return Err(CoverageError::BeforeOnset { field, date: visit.date, onset: eligibility.onset });
            }
            previous = Some(visit.date);
        }
        Ok(MedicareHistory { eligibility, practitioner, sessions, options })
    }

    /// The eligibility facts.
    #[must_use]
    pub const fn eligibility(&self) -> &Eligibility {
        &self.eligibility
    }

    /// The practitioner.
    #[must_use]
    pub const fn practitioner(&self) -> &MedicarePractitioner {
        &self.practitioner
    }

    /// The visits, in date order.
    #[must_use]
    pub fn sessions(&self) -> &[MedicareVisit] {
        &self.sessions
    }

    /// The interpretation options.
    #[must_use]
    pub const fn options(&self) -> MedicareOptions {
        self.options
    }
}

// ---- The wire form: one flat struct per object, unknown fields rejected. ----

/// When the low back pain began: `{"date": "YYYY-MM-DD"}` (a history has no assessment date
/// to count back from).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "HistoryOnset"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireOnset {
    /// `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    /// Accepted only to say that a history's onset must be a date.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    days_ago: Option<serde_json::Value>,
    /// Accepted only to say that a history's onset must be a date.
    #[serde(default, skip_serializing)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    weeks_ago: Option<serde_json::Value>,
}

/// The eligibility facts of the episode (MCR-01); an omitted fact is not documented.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Eligibility"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireEligibility {
    /// When the pain began.
    #[serde(deserialize_with = "crate::model::object::object")]
    onset: WireOnset,
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    non_specific: Fact,
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    associated_with_surgery: Fact,
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    associated_with_pregnancy: Fact,
}

/// One visit. Visits must be in date order, on distinct dates, not before the onset; codes
/// must match the modality and add-on codes need their initial code (beyond the schema; the
/// crate checks it).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Visit"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct WireVisit {
    /// The date of service, `YYYY-MM-DD`.
    date: String,
    /// The modality.
    modality: Modality,
    /// The CPT codes billed at the visit, at least one.
    cpt: Vec<Cpt>,
    /// The progress recorded at this visit (default `not_recorded`).
    #[serde(default)]
    progress: Progress,
}

/// One episode's visit history (JSON contract v2 §Medicare history).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "MedicareHistory"))]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WireHistory {
    /// The eligibility facts.
    #[serde(deserialize_with = "crate::model::object::object")]
    eligibility: WireEligibility,
    /// The practitioner who furnished the visits.
    #[serde(deserialize_with = "crate::model::object::object")]
    practitioner: MedicarePractitioner,
    /// The visits, in date order.
    #[serde(default, deserialize_with = "crate::model::object::objects")]
    sessions: Vec<WireVisit>,
    /// The NCD's open questions (defaults labelled as interpretations).
    #[serde(default, deserialize_with = "crate::model::object::object")]
    options: MedicareOptions,
}

fn date(field: &str, text: &str) -> Result<NaiveDate, CoverageError> {
    crate::model::date::parse_date("date", text)
        .map_err(|_| CoverageError::InvalidDate { field: field.to_owned(), value: text.to_owned() })
}

impl TryFrom<WireHistory> for MedicareHistory {
    type Error = CoverageError;

    fn try_from(wire: WireHistory) -> Result<Self, CoverageError> {
        let e = wire.eligibility;
        let onset = match (e.onset.date, e.onset.days_ago, e.onset.weeks_ago) {
            (Some(text), None, None) => date("eligibility.onset.date", &text)?,
            _ => return Err(CoverageError::OnsetNotADate),
        };
        let eligibility = Eligibility {
            onset,
            non_specific: e.non_specific,
            associated_with_surgery: e.associated_with_surgery,
            associated_with_pregnancy: e.associated_with_pregnancy,
        };
        let mut sessions = Vec::with_capacity(wire.sessions.len());
        for (index, v) in wire.sessions.into_iter().enumerate() {
            let visit_date = date(&format!("sessions[{index}].date"), &v.date)?;
            let visit = MedicareVisit::new(visit_date, v.modality, v.cpt, v.progress)
                .map_err(|e| under(&format!("sessions[{index}]"), e))?;
            sessions.push(visit);
        }
        MedicareHistory::new(eligibility, wire.practitioner, sessions, wire.options)
    }
}

impl Serialize for MedicareHistory {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = self.eligibility;
        WireHistory {
            eligibility: WireEligibility {
                onset: WireOnset { date: Some(e.onset.to_string()), days_ago: None, weeks_ago: None },
                non_specific: e.non_specific,
                associated_with_surgery: e.associated_with_surgery,
                associated_with_pregnancy: e.associated_with_pregnancy,
            },
            practitioner: self.practitioner,
            sessions: self
                .sessions
                .iter()
                .map(|v| WireVisit {
                    date: v.date.to_string(),
                    modality: v.modality,
                    cpt: v.cpt.clone(),
                    progress: v.progress,
                })
                .collect(),
            options: self.options,
        }
        .serialize(serializer)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for MedicareHistory {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("MedicareHistory")
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        WireHistory::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for MedicareHistory {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let crate::model::object::Object(wire) =
            crate::model::object::Object::<WireHistory>::deserialize(deserializer)?;
        MedicareHistory::try_from(wire).map_err(serde::de::Error::custom)
    }
}
