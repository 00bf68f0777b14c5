//! Terminal output a reader sees: `--side-by-side` keeps to the terminal's
//! width (measured in display columns, CJK = 2), and headers name a report by
//! its title or a Chinese description, never an English placeholder.

use crate::common;
use common::*;
use unicode_width::UnicodeWidthStr;

/// `diff --side-by-side` of the Guangzhou samples with `COLUMNS` set.
fn side_by_side(columns: &str, color: &str) -> String {
    let (a, b) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let out = bin()
        .env("COLUMNS", columns)
        .args(["diff", &a, &b, "--side-by-side", "--color", color])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

/// Display width of a line without its colour escapes.
fn columns(line: &str) -> usize {
    let mut plain = String::new();
    let mut rest = line;
    while let Some(i) = rest.find('\u{1b}') {
        plain.push_str(&rest[..i]);
        rest = rest[i..].find('m').map_or("", |m| &rest[i + m + 1..]);
    }
    plain.push_str(rest);
    plain.width()
}

#[test]
fn side_by_side_never_exceeds_80_columns() {
    for color in ["never", "always"] {
        let out = side_by_side("80", color);
        let widest = out.lines().map(columns).max().unwrap();
        assert!(widest <= 80, "--color {color}: a line of {widest} columns");
        // The summary, headings and phrase lists are there, wrapped.
        assert!(out.contains("sections: "));
        assert!(out.lines().count() > 100);
    }
    // Nothing is lost by wrapping: every phrase of the phrase list is shown.
    let out = side_by_side("80", "never");
    assert!(out.contains("百千万工程"));
}

#[test]
fn absurd_columns_are_clamped() {
    let huge = side_by_side("100000000", "never");
    let widest = huge.lines().map(columns).max().unwrap();
    assert!(widest <= reportdiff::output::MAX_WIDTH, "a line of {widest} columns");
}

#[test]
fn terminal_headers_have_no_english_placeholder() {
    let dir = std::path::PathBuf::from(shared("corpus/national"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".txt"))
        .collect();
    files.sort();
    for pair in files.windows(2) {
        let out = bin().args(["diff", &pair[0], &pair[1], "--stat"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let header = text.lines().next().unwrap();
        // No `(word …)` placeholder: an ASCII parenthesis opening on a Latin letter.
        assert!(
            !header
                .as_bytes()
                .windows(2)
                .any(|w| w[0] == b'(' && w[1].is_ascii_alphabetic()),
            "{header}"
        );
    }
    let mut args = vec!["series"];
    args.extend(files.iter().map(String::as_str));
    let series = run_ok(&args, 0);
    assert!(!series.contains("(work report)"));
}
