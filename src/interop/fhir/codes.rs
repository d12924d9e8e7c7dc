//! The code tables the crate reads and writes, each dated and with its status as in the
//! project's `reference/CODES.md` §5b; and [`CodeTable`], the tables a deployment supplies
//! (the crate ships no medication list).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::interop::canonical::external::{ICD_10_CM, LOINC, SNOMED_CT};
use crate::{Answer, Pattern};

name_enum! {
    /// How well a code was checked, in the words of `reference/CODES.md`.
    pub enum CodeStatus ("code status") {
        /// Verified against the code system or a primary artefact.
        Verified = "verified",
        /// Verified from secondary pages and public code lists.
        VerifiedSecondary = "verified_secondary",
        /// Seen in several independent code lists, not checked in the code system's browser.
        Corroborated = "corroborated",
        /// Seen in secondary sources only.
        Secondary = "secondary",
        /// No code found in a standard system: the crate's own code system, labelled local.
        Local = "local",
        /// Supplied by the deployment; the crate has not checked it.
        DeploymentSupplied = "deployment_supplied",
    }
}

/// The day the crate's code tables were compiled from `reference/CODES.md` §5b.
pub const CODE_TABLES_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 12, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// A low-back-pain condition code the prefetch reads, with the pattern it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConditionCode {
    /// The code system.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// What the code means for the intake's `pattern`.
    pub pattern: Pattern,
    /// How well the code was checked.
    pub status: CodeStatus,
}

const fn condition(system: &'static str, code: &'static str, pattern: Pattern, status: CodeStatus) -> ConditionCode {
    ConditionCode { system, code, pattern, status }
}

/// The low-back-pain `Condition` codes (CODES.md §5b, as of [`CODE_TABLES_AS_OF`]): the
/// non-specific family and the codes with sciatica or radiculopathy (`radicular`). Matched
/// exactly, system and code (ICD-10-CM with its dot). A deployment that needs more codes
/// asks for them to be checked and added here; the crate does not read value sets.
pub const LOW_BACK_PAIN_CODES: [ConditionCode; 11] = {
    use CodeStatus::{Corroborated, Verified, VerifiedSecondary};
    use Pattern::{NonSpecific, Radicular};
    [
        condition(ICD_10_CM, "M54.50", NonSpecific, VerifiedSecondary),
        condition(ICD_10_CM, "M54.51", NonSpecific, VerifiedSecondary),
        condition(ICD_10_CM, "M54.59", NonSpecific, VerifiedSecondary),
        condition(ICD_10_CM, "M54.40", Radicular, Verified),
        condition(ICD_10_CM, "M54.41", Radicular, Verified),
        condition(ICD_10_CM, "M54.42", Radicular, Verified),
        condition(ICD_10_CM, "M51.16", Radicular, VerifiedSecondary),
        condition(ICD_10_CM, "M51.17", Radicular, VerifiedSecondary),
        condition(SNOMED_CT, "279039007", NonSpecific, Corroborated),
        condition(SNOMED_CT, "278860009", NonSpecific, Corroborated),
        condition(SNOMED_CT, "23056005", Radicular, Corroborated),
    ]
};

/// A condition code that is no longer current: never read as a pattern or onset, but named in
/// [`PrefetchReading::ignored`](super::PrefetchReading::ignored) (reason
/// [`IgnoredReason::RetiredCode`](super::IgnoredReason::RetiredCode)) so that a card can say
/// why onset and pattern are missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetiredCode {
    /// The code system.
    pub system: &'static str,
    /// The code.
    pub code: &'static str,
    /// Retired on this day.
    pub since: NaiveDate,
    /// The current codes that replaced it.
    pub replaced_by: &'static [&'static str],
    /// How well the retirement was checked.
    pub status: CodeStatus,
}

/// The retired low-back-pain codes (CODES.md, as of [`CODE_TABLES_AS_OF`]): ICD-10-CM M54.5,
/// "not billable since 2021-10-01; now a category header", replaced by M54.50, M54.51 and
/// M54.59 (CLINICAL.md §4.2; secondary sources).
pub const RETIRED_CONDITION_CODES: [RetiredCode; 1] = [RetiredCode {
    system: ICD_10_CM,
    code: "M54.5",
    since: match NaiveDate::from_ymd_opt(2021, 10, 1) {
        Some(date) => date,
        None => NaiveDate::MIN,
    },
    replaced_by: &["M54.50", "M54.51", "M54.59"],
    status: CodeStatus::Secondary,
}];

/// LOINC 82810-3, pregnancy status (verified).
pub const PREGNANCY_STATUS: &str = "82810-3";

/// The answers to [`PREGNANCY_STATUS`] the crate reads (LOINC, verified), and the caution
/// answer each means. Only `LA26683-5` (not pregnant) is `absent`.
pub const PREGNANCY_ANSWERS: [(&str, Answer, CodeStatus); 3] = [
    ("LA15173-0", Answer::Present, CodeStatus::Verified),
    ("LA26683-5", Answer::Absent, CodeStatus::Verified),
    ("LA4489-6", Answer::Unknown, CodeStatus::Verified),
];

/// The code system of [`PREGNANCY_STATUS`] and its answers.
pub const PREGNANCY_SYSTEM: &str = LOINC;

/// A code table the deployment supplies (for example its list of anticoagulant medicine
/// codes, which the crate does not ship: CODES.md §5b has no verified list). It is dated and
/// carries its status, like the crate's own tables.
///
/// ```
/// use acupuncture_guidance::interop::fhir::{CodeStatus, CodeTable};
/// use acupuncture_guidance::NaiveDate;
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let table = CodeTable::new(
///     "anticoagulants (clinic formulary)",
///     "http://www.nlm.nih.gov/research/umls/rxnorm",
///     ["11289"],
///     NaiveDate::from_ymd_opt(2026, 11, 1).ok_or("date")?,
/// );
/// assert_eq!(table.status, CodeStatus::DeploymentSupplied);
/// assert!(table.contains("http://www.nlm.nih.gov/research/umls/rxnorm", "11289"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeTable {
    /// What the table lists, for reports.
    pub name: String,
    /// The code system of every code (`Coding.system`).
    pub system: String,
    /// The codes.
    pub codes: BTreeSet<String>,
    /// The day the table was compiled.
    pub as_of: NaiveDate,
    /// How well it was checked ([`CodeStatus::DeploymentSupplied`] unless the deployment says
    /// more).
    pub status: CodeStatus,
}

impl CodeTable {
    /// A deployment-supplied table.
    pub fn new<S: Into<String>>(
        name: impl Into<String>,
        system: impl Into<String>,
        codes: impl IntoIterator<Item = S>,
        as_of: NaiveDate,
    ) -> Self {
        CodeTable {
            name: name.into(),
            system: system.into(),
            codes: codes.into_iter().map(Into::into).collect(),
            as_of,
            status: CodeStatus::DeploymentSupplied,
        }
    }

    /// Whether `system`|`code` is in the table.
    #[must_use]
    pub fn contains(&self, system: &str, code: &str) -> bool {
        system == self.system && self.codes.contains(code)
    }
}

/// The tables a deployment supplies to [`intake_from_prefetch`](super::intake_from_prefetch).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CodeTables {
    /// Anticoagulant medicine codes. Without it, no medication sets `anticoagulants`.
    pub anticoagulants: Option<CodeTable>,
}
