//! Snapshots of `diff` (terminal, side-by-side, stat, JSON, Markdown), `series`
//! and `phrases` (terminal, JSON, Markdown) on the small excerpt pair in
//! samples/excerpts. The project root is replaced by `[ROOT]`.
//!
//! Accept changes with `INSTA_UPDATE=always cargo test --test cli diff_snapshots`
//! after reviewing them.

use crate::common;
use common::*;

fn output(args: &[&str], code: i32) -> String {
    let out = bin().args(args).env("COLUMNS", "100").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no colour codes expected");
    text.replace(root().to_string_lossy().as_ref(), "[ROOT]")
}

fn snapshot(name: &str, args: &[&str], code: i32) {
    let text = output(args, code);
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name.to_string(), text);
    });
}

fn pair() -> (String, String) {
    (
        sample("excerpts/national-2012-opening.txt"),
        sample("excerpts/national-2013-opening.txt"),
    )
}

#[test]
fn diff_formats() {
    let (a, b) = pair();
    snapshot("diff_terminal", &["diff", &a, &b, "--color", "never"], 1);
    snapshot(
        "diff_terminal_context0",
        &["diff", &a, &b, "--color", "never", "--context", "0"],
        1,
    );
    snapshot(
        "diff_side_by_side",
        &["diff", &a, &b, "--color", "never", "--side-by-side", "--context", "0"],
        1,
    );
    snapshot("diff_stat", &["diff", &a, &b, "--color", "never", "--stat"], 1);
    snapshot("diff_json", &["diff", &a, &b, "--format", "json"], 1);
    snapshot("diff_markdown", &["diff", &a, &b, "--format", "markdown"], 1);
}

#[test]
fn series_and_phrases_formats() {
    let (a, b) = pair();
    snapshot("series_terminal", &["series", &b, &a, "--color", "never"], 0);
    snapshot("series_json", &["series", &b, &a, "--format", "json"], 0);
    snapshot("series_markdown", &["series", &b, &a, "--format", "markdown"], 0);
    snapshot(
        "phrases_terminal",
        &["phrases", &a, &b, "--color", "never", "--context", "1"],
        0,
    );
    snapshot(
        "phrases_json",
        &["phrases", &a, &b, "--format", "json", "--context", "1"],
        0,
    );
    snapshot("phrases_markdown", &["phrases", &a, &b, "--format", "markdown"], 0);
}

#[test]
fn output_is_byte_identical_across_runs() {
    let (a, b) = pair();
    let first = output(&["diff", &a, &b, "--format", "json"], 1);
    for _ in 0..3 {
        assert_eq!(output(&["diff", &a, &b, "--format", "json"], 1), first);
    }
}
