//! Snapshots of `outline` (terminal, JSON, Markdown) and `split` (terminal,
//! JSON) on the files in samples/, as a user runs them. The project root is
//! replaced by `[ROOT]` so snapshots do not depend on the machine.
//!
//! Review changes with `cargo insta review`, or accept them all with
//! `INSTA_UPDATE=always cargo test --test cli outline_snapshots`.

use crate::common;
use common::*;

const SAMPLES: &[&str] = &[
    "guangzhou-2025",
    "guangzhou-2021",
    "guangzhou-2023-summary",
    "national-2013",
    "national-1957",
];

/// Runs the binary (exit 0 expected) and makes its output machine-independent.
fn output(args: &[&str]) -> String {
    let out = run_ok(args, 0);
    let root = root().to_string_lossy().into_owned();
    assert!(
        !out.contains('\u{1b}'),
        "colour codes with --color never / JSON / Markdown"
    );
    out.replace(&root, "[ROOT]")
}

fn snapshot(name: String, args: &[&str]) {
    let text = output(args);
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn outline_terminal() {
    for s in SAMPLES {
        let path = sample(&format!("{s}.txt"));
        snapshot(format!("outline-terminal-{s}"), &["outline", &path, "--color", "never"]);
    }
}

#[test]
fn outline_terminal_with_leads() {
    let path = sample("guangzhou-2025.txt");
    snapshot(
        "outline-terminal-leads-guangzhou-2025".to_string(),
        &["outline", &path, "--leads", "--color", "never"],
    );
}

#[test]
fn outline_json() {
    for s in SAMPLES {
        let path = sample(&format!("{s}.txt"));
        snapshot(format!("outline-json-{s}"), &["outline", &path, "--format", "json"]);
    }
}

#[test]
fn outline_markdown() {
    for s in SAMPLES {
        let path = sample(&format!("{s}.txt"));
        snapshot(
            format!("outline-markdown-{s}"),
            &["outline", &path, "--format", "markdown"],
        );
    }
}

#[test]
fn split_terminal() {
    for s in SAMPLES {
        let path = sample(&format!("{s}.txt"));
        snapshot(format!("split-terminal-{s}"), &["split", &path, "--color", "never"]);
    }
    // A multi-report scrape: the ten reports of seed 003.
    snapshot(
        "split-terminal-seed-003".to_string(),
        &["split", &seed("003"), "--color", "never"],
    );
}

#[test]
fn split_json() {
    for s in SAMPLES {
        let path = sample(&format!("{s}.txt"));
        snapshot(format!("split-json-{s}"), &["split", &path, "--format", "json"]);
    }
}

/// The JSON snapshots carry the portable path, so the placeholder is really applied.
#[test]
fn json_paths_use_the_placeholder() {
    let v: serde_json::Value =
        serde_json::from_str(&output(&["outline", &sample("national-2013.txt"), "--format", "json"])).unwrap();
    assert_eq!(v["reports"][0]["path"], "[ROOT]/samples/national-2013.txt");
}

/// City reports in Markdown (samples/cities): `**一、…**` headings (扬州
/// 2024), bold lead-ins that run into their paragraph (宿州 2014), unnumbered
/// part headings (中山 2016), and a congress resolution before and a
/// 名词解释 appendix after the report (鄂尔多斯 2015).
const CITY_SAMPLES: &[&str] = &[
    "yangzhou-2024",
    "suzhou-anhui-2014",
    "zhongshan-2016",
    "ordos-2015-resolution",
];

#[test]
fn outline_markdown_input() {
    for s in CITY_SAMPLES {
        let path = fixture(&format!("cities/{s}.md"));
        snapshot(
            format!("outline-terminal-city-{s}"),
            &["outline", &path, "--color", "never"],
        );
        snapshot(
            format!("outline-json-city-{s}"),
            &["outline", &path, "--format", "json"],
        );
    }
    let path = fixture("cities/ordos-2015-resolution.md");
    snapshot(
        "split-terminal-city-ordos-2015-resolution".to_string(),
        &["split", &path, "--color", "never"],
    );
}
