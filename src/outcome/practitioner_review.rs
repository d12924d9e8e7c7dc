//! A practitioner's review: the article's quality signals, Medicare qualification (`MCR-06`),
//! and the questions worth asking.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::evidence::RULESET_VERSION;
use crate::model::fact::Fact;
use crate::model::medicare::Discipline;
use crate::model::modality::Modality;
use crate::model::practitioner::QualitySignal;
use crate::outcome::CONTRACT_VERSION;
use crate::outcome::finding::Finding;
use crate::outcome::medicare_review::CoverageReason;

name_enum! {
    /// The overall verdict on a practitioner (`ENG-PRACTITIONER`, engine policy): plain about
    /// when not to have needling there.
    pub enum PractitionerVerdict ("practitioner verdict") {
        /// Not licensed where the state requires it, or not using sterile single-use needles:
        /// do not have needling there.
        DoNotHaveNeedlingHere = "do_not_have_needling_here",
        /// A safety signal (licence, single-use needles) is not documented, or another signal
        /// is missing: ask before booking.
        AskFirst = "ask_first",
        /// Licensed and using single-use needles, and no signal documented as missing.
        NoConcernsFound = "no_concerns_found",
    }
}

/// One signal with what is documented about it.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignalStatus {
    /// The signal.
    pub signal: QualitySignal,
    /// `true`, `false`, or absent when not documented.
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub documented: Fact,
}

/// Medicare qualification under `MCR-06`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicareQualification {
    /// `true` when qualified, `false` when a fact rules it out, absent while a needed fact is
    /// undocumented.
    #[serde(default, skip_serializing_if = "Fact::is_undocumented")]
    pub may_furnish: Fact,
    /// What stands in the way (empty when qualified).
    pub reasons: Vec<CoverageReason>,
    /// Whether the discipline furnishes in its own right (physician, PA, NP, CNS) or as
    /// auxiliary personnel under supervision.
    pub furnishes_directly: bool,
}

/// The outcome of [`review_practitioner`](crate::review_practitioner).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PractitionerReview {
    /// Always [`CONTRACT_VERSION`].
    pub contract_version: u32,
    /// The edition of the rules.
    pub ruleset_version: Cow<'static, str>,
    /// The discipline.
    pub discipline: Discipline,
    /// Each quality signal, with what is documented.
    pub signals: Vec<SignalStatus>,
    /// Signals documented as missing.
    pub missing: Vec<QualitySignal>,
    /// Signals not documented: ask about them.
    pub unknown: Vec<QualitySignal>,
    /// The overall verdict.
    pub verdict: PractitionerVerdict,
    /// Medicare qualification (`MCR-06`).
    pub medicare: MedicareQualification,
    /// The modalities offered.
    pub offers: Vec<Modality>,
    /// Questions worth asking (the article's).
    pub questions: Cow<'static, [Cow<'static, str>]>,
    /// Every rule that fired.
    pub findings: Vec<Finding>,
}

impl PractitionerReview {
    pub(crate) fn new(discipline: Discipline) -> Self {
        PractitionerReview {
            contract_version: CONTRACT_VERSION,
            ruleset_version: Cow::Borrowed(RULESET_VERSION),
            discipline,
            signals: Vec::new(),
            missing: Vec::new(),
            unknown: Vec::new(),
            verdict: PractitionerVerdict::AskFirst,
            medicare: MedicareQualification {
                may_furnish: Fact::Undocumented,
                reasons: Vec::new(),
                furnishes_directly: false,
            },
            offers: Vec::new(),
            questions: Cow::Borrowed(&[]),
            findings: Vec::new(),
        }
    }
}
