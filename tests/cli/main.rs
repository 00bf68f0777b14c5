//! The integration tests: one test binary (one link step) that runs the built
//! `reportdiff` as a user would, one module per subject. Helpers are in
//! `common.rs`; insta snapshots in `snapshots/`.
//!
//! Run one subject with `cargo test --test cli diff::` (a module path filter).
//! Tests over the whole city corpus are `#[ignore]`d so that `cargo test` stays
//! quick; `.ci/run` runs them with `cargo test --test cli -- --ignored`.

mod common;

mod bad_input_corpus;
mod bad_inputs;
mod bounded_reads;
mod cache_integrity;
mod check;
mod check_inputs;
mod closing_sections;
mod corpus;
mod corpus_accuracy;
mod diff;
mod diff_content;
mod diff_properties;
mod diff_snapshots;
mod docs_examples;
mod figures;
mod html;
mod install;
mod large_inputs;
mod outline_snapshots;
mod output_quoting;
mod output_safety;
mod phrase_bounds;
mod phrase_truth;
mod phrases;
mod plans_reading;
mod properties;
mod reading_layout;
mod reading_tail;
mod reuse;
mod section_pairs;
mod series;
mod series_duplicates;
mod split_outline;
mod stdout_errors;
mod tables;
mod terminal_width;
mod traditional;
mod unix_tool;
mod writing_rule;
