//! Checking: a CI gate over a rules file (`reportdiff check`, `reportdiff init`).
//!
//! The rules file (TOML, `reportdiff.toml` by default) names the reports of one
//! jurisdiction (paths or globs, relative to the rules file's folder) and what
//! must hold in them: phrases required or forbidden in the newest report,
//! tracked phrases (status reported, never a failure), headings that must
//! remain, a minimum outline size, a maximum share of changed words between the
//! two newest reports, and a baseline snapshot of their diff. Evaluation gives
//! one [`CheckReport`](crate::check::report::CheckReport) with a
//! [`RuleResult`](crate::check::report::RuleResult) per rule; every output format is a
//! pure function of it (see [`crate::render::check`]).
//!
//! Exit codes: 0 every rule holds, 1 a rule is violated, 2 a configuration or
//! input error (one line naming the file and, for the rules file, the line).
//!
//! [`rules`] parses the rules file, [`load`] resolves and reads its reports,
//! [`evaluate`] runs the rules into a [`report::CheckReport`], [`baseline`]
//! snapshots a diff and compares with the stored one, [`init`] writes a
//! starter rules file. The commands that drive them are in
//! [`crate::command::check`] and [`crate::command::init`].

pub mod baseline;
pub mod evaluate;
mod glob_walk;
pub mod init;
pub mod load;
pub mod report;
pub mod rules;
mod shares;

pub use evaluate::{evaluate, CheckOptions, Evaluation};

/// The rules file read when `--config` is not given.
pub const DEFAULT_CONFIG: &str = "reportdiff.toml";

/// Sections with fewer words than this on either side are left out of the
/// per-section share: a two-line preamble rewritten is not news.
pub const DEFAULT_MIN_SECTION_WORDS: usize = 50;
