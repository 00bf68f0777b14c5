//! reportdiff: section-aligned, word-level diffs of Chinese government reports.
//!
//! The pipeline runs one direction, one module per stage:
//! [`source`] → [`split`] → [`normalize`] → [`meta`] → [`outline`] →
//! segment → align → diff → phrases → render. [`document`] assembles the first
//! stages into a [`document::Report`].

pub mod align;
pub mod app;
pub mod check;
pub mod cli;
pub mod compare;
pub mod diff;
pub mod document;
pub mod error;
pub mod html_input;
pub mod meta;
pub mod normalize;
pub mod outline;
pub mod output;
pub mod phrases;
pub mod render;
pub mod segment;
pub mod series;
pub mod source;
pub mod split;
pub mod text;
