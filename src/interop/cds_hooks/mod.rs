//! CDS Hooks 2.0.1 cards for assessments and course reviews (feature `cds-hooks`).
//!
//! Cards are valid by construction: a [`Summary`] is shorter than 140 Unicode scalars, a
//! [`Source`] has a label, suggestions come with a selection behaviour, override reasons are
//! codings with a display. [`Card::validate`] checks every constraint of the specification
//! again (`cds-resp-1`…`cds-resp-7`, the summary length, the source label), and deserializing
//! a card runs it, so a card read from elsewhere is checked too. Card `uuid`s are name-based
//! (UUID v5) over the request's `hookInstance` and the card's content: the library stays pure,
//! and two requests never share a uuid.
//!
//! ```
//! use acupuncture_guidance::interop::cds_hooks::{assessment_cards, Indicator};
//! use acupuncture_guidance::{assess, Intake};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let intake: Intake = serde_json::from_str(r#"{"assessed_on": "2026-11-27", "onset": {"days_ago": 5},
//!     "pattern": "radicular", "age_years": 40, "red_flags": {"saddle_numbness": "present"}}"#)?;
//! let response = assessment_cards(&assess(&intake)?, "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
//! assert_eq!(response.cards[0].indicator(), Indicator::Critical);
//! assert!(response.cards.iter().all(|card| card.validate().is_empty()));
//! # Ok(())
//! # }
//! ```

//!
//! Layout: `spec` holds the specification's types (cards, links, suggestions, the response and
//! discovery documents) and their checks; `services` holds this crate's services and their
//! prefetch templates; `cards` maps assessments and course reviews onto cards; `orders` holds
//! the `order-sign` cards and the card for a record that lacks what the triage needs.
//!
//! Every card names its outcome in `source.topic`: a coding in
//! [`OUTCOME_SYSTEM`](crate::interop::canonical::OUTCOME_SYSTEM) whose code is the triage,
//! advice or course-decision code (`emergency`, `screening_incomplete`,
//! `acupuncture_reasonable`, `not_advised`, ...), so that an EHR can act on a card without
//! reading its text.

mod cards;
mod orders;
#[cfg(feature = "fhir")]
mod record;
mod services;
mod spec;

pub use cards::{assessment_cards, course_review_cards, escape_markdown};
pub use orders::{missing_data_cards, order_sign_cards, order_sign_cards_with_drafts, unassessed_cards};
#[cfg(feature = "fhir")]
pub use record::{record_cards, with_record_cards};
pub use services::{Hook, discovery, prefetch_templates};
pub use spec::*;
