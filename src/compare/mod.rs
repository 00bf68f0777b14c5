//! Comparing stages: reports → segmented tokens → aligned sections → diffs and
//! phrase changes.
//!
//! [`segment`] → [`align`] → [`diff`] → [`phrases`]; [`report`] assembles a
//! pair into a [`report::DiffReport`], [`series`] many years into a
//! [`series::SeriesReport`], [`corpus`] many jurisdictions into a
//! [`corpus::CorpusReport`].

pub mod align;
pub mod brief;
pub mod check_report;
pub mod corpus;
pub mod diff;
pub mod figures;
pub mod phrases;
pub mod report;
pub mod reuse;
pub mod segment;
pub mod series;
