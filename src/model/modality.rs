//! The needling modalities (reference §12, `DN-01`) and a validated list of them.

use serde::{Deserialize, Serialize};

use crate::error::IntakeError;

name_enum! {
    /// A needling modality. Acupuncture and dry needling are never substituted for each other
    /// (`DN-01`).
    pub enum Modality ("modality") {
        /// Acupuncture without electrical stimulation.
        ManualAcupuncture = "manual_acupuncture",
        /// Acupuncture with electrical stimulation through the needles.
        Electroacupuncture = "electroacupuncture",
        /// Dry needling of trigger points, usually by physical therapists.
        DryNeedling = "dry_needling",
    }
}

/// The modalities proposed: at least one, none twice, in the caller's order.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Modality>", into = "Vec<Modality>")]
pub struct Modalities(Vec<Modality>);

impl Modalities {
    /// Validates a list of modalities.
    ///
    /// # Errors
    ///
    /// [`IntakeError::NoModality`] when empty; [`IntakeError::DuplicateModality`] for a repeat.
    pub fn new(modalities: impl IntoIterator<Item = Modality>) -> Result<Self, IntakeError> {
        let mut list = Vec::with_capacity(Modality::ALL.len());
        for modality in modalities {
            if list.contains(&modality) {
                return Err(IntakeError::DuplicateModality { modality });
            }
            list.push(modality);
        }
        if list.is_empty() {
            return Err(IntakeError::NoModality);
        }
        Ok(Modalities(list))
    }

    /// The modalities, in the caller's order.
    #[must_use]
    pub fn as_slice(&self) -> &[Modality] {
        &self.0
    }
}

impl Default for Modalities {
    /// Manual acupuncture alone, the contract's default.
    fn default() -> Self {
        Modalities(vec![Modality::ManualAcupuncture])
    }
}

impl TryFrom<Vec<Modality>> for Modalities {
    type Error = IntakeError;
    fn try_from(list: Vec<Modality>) -> Result<Self, IntakeError> {
        Modalities::new(list)
    }
}

impl From<Modalities> for Vec<Modality> {
    fn from(list: Modalities) -> Vec<Modality> {
        list.0
    }
}
