//! Rule families, one file each, named after the sections of the clinical reference.
//!
//! Each rule is a pure function over model values that returns its result and records
//! [`Finding`](crate::Finding)s citing its [`RuleId`](crate::RuleId). Families never call each
//! other; [`engine`](crate::engine) combines them.

pub mod course;
pub mod duration;
pub mod guidelines;
pub mod medicare;
pub mod outcomes;
pub mod practitioner;
pub mod red_flags;
pub mod safety;
