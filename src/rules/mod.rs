//! Rule families, one file each, named after the sections of the clinical reference.
//!
//! Each rule is a pure function over model values that returns its result and records
//! [`Finding`](crate::Finding)s citing its [`RuleId`](crate::RuleId). Families never call each
//! other; [`engine`](crate::engine) combines them. The exceptions are shared pure helpers,
//! named here: the duration classifiers (`duration`, used by `medicare` for `MCR-01`), the
//! change arithmetic (`outcomes`, `OUT-01`/`OUT-02`), and the `MCR-06` practitioner test
//! (`medicare::practitioner_reasons`, which the practitioner review applies to a profile).
//!
//! The module is private: callers use the jobs at the crate root. `SBT-01` is the STarT Back
//! instrument's own scoring and lives with it in [`model::measures`](crate::model::measures).

pub mod course;
pub mod duration;
pub mod guidelines;
pub mod medicare;
pub mod outcomes;
pub mod practitioner;
pub mod red_flags;
pub mod safety;
