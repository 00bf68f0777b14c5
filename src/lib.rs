//! reportdiff: section-aligned, word-level diffs of Chinese government reports.
//!
//! The pipeline runs one direction, one folder per group of stages:
//! 1. [`read`]: source → split → normalize → meta → outline, assembled into a
//!    [`read::document::Report`];
//! 2. [`compare`]: segment → align → diff → phrases, assembled into the
//!    result values ([`compare::report::DiffReport`], [`compare::series::SeriesReport`],
//!    [`compare::phrases::report::PhrasesReport`]); pure: no files, cache, clap
//!    or rendering. Beside it, [`corpus`] (folders → [`corpus::CorpusReport`],
//!    with its cache and static site) and [`check`] (a rules file →
//!    [`check::report::CheckReport`]);
//! 3. [`render`]: each result as terminal text, JSON, Markdown or HTML through
//!    one [`render::Render`] trait and one [`render::render`] dispatch;
//! 4. [`command`]: one module per subcommand, wiring the stages for [`cli`]
//!    (flags declared once, in flattened groups); [`output`] writes the text.

pub mod check;
pub mod cli;
pub mod command;
pub mod compare;
pub mod corpus;
pub mod error;
pub mod interrupt;
pub mod output;
pub mod read;
pub mod render;
pub mod text;
