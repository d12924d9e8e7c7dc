//! Validated inputs and the value vocabulary: what comes in, and the names every layer shares.
//!
//! Serde derives live here and are always on: the JSON contract is part of the model. Every
//! deserialization goes through the same validation as the constructors. This layer imports
//! only [`evidence`](crate::evidence) and [`error`](crate::error); what the jobs return lives
//! in [`outcome`](crate::outcome).

pub mod answers;
pub mod change_policy;
pub mod course;
pub mod date;
pub mod exact;
pub mod fact;
pub mod intake;
pub mod measures;
pub mod medicare;
pub mod modality;
pub(crate) mod object;
pub mod plan;
pub mod practitioner;
pub mod score;
