//! Comparing stages: reports → segmented tokens → aligned sections → diffs and
//! phrase changes.
//!
//! [`segment`] → [`align`] → [`diff`] → [`phrases`]; [`report`] assembles a
//! pair into a [`report::DiffReport`], [`series`] many years into a
//! [`series::SeriesReport`]. Many jurisdictions are [`crate::corpus`]'s work;
//! the check rules are [`crate::check`]'s.

pub mod align;
pub mod diff;
pub mod figures;
pub mod phrases;
pub mod report;
pub mod reuse;
pub mod segment;
pub mod series;
pub mod vocabulary;
