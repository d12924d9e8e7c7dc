//! [`Fact`]: a documented yes or no, or nothing documented.

use serde::{Deserialize, Serialize};

/// A fact that is documented as true or false, or not documented at all. JSON: `true`,
/// `false`, or the field omitted (or `null`). An undocumented fact never counts as met.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "Option<bool>", into = "Option<bool>")]
pub enum Fact {
    /// Documented as true.
    Yes,
    /// Documented as false.
    No,
    /// Not documented.
    #[default]
    Undocumented,
}

impl Fact {
    /// Whether nothing is documented (for `skip_serializing_if`).
    #[must_use]
    pub const fn is_undocumented(&self) -> bool {
        matches!(self, Fact::Undocumented)
    }
}

impl std::fmt::Display for Fact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Fact::Yes => "yes",
            Fact::No => "no",
            Fact::Undocumented => "undocumented",
        })
    }
}

impl From<Option<bool>> for Fact {
    fn from(value: Option<bool>) -> Fact {
        match value {
            Some(true) => Fact::Yes,
            Some(false) => Fact::No,
            None => Fact::Undocumented,
        }
    }
}

impl From<Fact> for Option<bool> {
    fn from(fact: Fact) -> Option<bool> {
        match fact {
            Fact::Yes => Some(true),
            Fact::No => Some(false),
            Fact::Undocumented => None,
        }
    }
}
