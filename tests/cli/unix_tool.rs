//! Behaving like a well-made Unix tool: help with examples, version, completions,
//! man page, quiet broken pipes.

use crate::common;
use common::*;

#[test]
fn every_subcommand_help_has_examples() {
    for cmd in [
        "split",
        "outline",
        "diff",
        "series",
        "phrases",
        "check",
        "init",
        "completions",
        "man",
    ] {
        let out = run_ok(&[cmd, "--help"], 0);
        assert!(out.contains("Examples:"), "{cmd} --help has no examples:\n{out}");
    }
    assert!(run_ok(&["--help"], 0).contains("Exit codes"));
}

#[test]
fn version() {
    let out = run_ok(&["--version"], 0);
    assert_eq!(out.trim(), format!("reportdiff {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_reportdiff()"),
        ("zsh", "#compdef reportdiff"),
        ("fish", "complete -c reportdiff"),
    ] {
        let out = run_ok(&["completions", shell], 0);
        assert!(out.contains(marker), "{shell}: {}", &out[..out.len().min(200)]);
        assert!(
            out.contains("series") && out.contains("side-by-side"),
            "{shell} completion lacks subcommands/options"
        );
    }
    let out = bin().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_page_is_roff_and_lists_commands() {
    let out = run_ok(&["man"], 0);
    assert!(out.contains(".TH reportdiff 1"));
    for cmd in ["diff", "series", "phrases", "outline", "split", "check"] {
        assert!(out.contains(cmd), "man page lacks {cmd}");
    }
}

#[test]
fn broken_pipe_ends_quietly_and_keeps_the_verdict() {
    let bin = assert_cmd::cargo::cargo_bin("reportdiff");
    let script = format!(
        // --full keeps the output far larger than a pipe's buffer, so the write fails.
        "set -o pipefail; '{}' diff '{}' '{}' --color never --full | head -c 100 >/dev/null",
        bin.display(),
        sample("guangzhou-2021.txt"),
        sample("guangzhou-2025.txt")
    );
    let out = std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
        .unwrap();
    // The reports differ: a closed pipe must not turn that into success.
    assert_eq!(
        out.status.code(),
        Some(1),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn inputs_are_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("in.txt");
    std::fs::copy(sample("guangzhou-2023-summary.txt"), &p).unwrap();
    let before = std::fs::read(&p).unwrap();
    let modified = std::fs::metadata(&p).unwrap().modified().unwrap();
    run_ok(&["diff", p.to_str().unwrap(), p.to_str().unwrap()], 0);
    run_ok(
        &[
            "split",
            p.to_str().unwrap(),
            "--out-dir",
            dir.path().join("out").to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(std::fs::read(&p).unwrap(), before);
    assert_eq!(std::fs::metadata(&p).unwrap().modified().unwrap(), modified);
}

#[test]
fn saved_web_page_input_gives_the_same_outline_as_text() {
    // A page built from seed 000: navigation, scripts, styles and a footer around
    // the report's paragraphs.
    let text = std::fs::read_to_string(seed("000")).unwrap();
    let mut html = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>2025年广州市政府工作报告(全文)</title>\
         <style>.x{color:red}</style><script>document.write('一、假的标题');</script></head><body>\
         <nav><a href=\"/\">首页</a> &gt; 信息中心</nav><div id=\"zoom\">",
    );
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let escaped = line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        html.push_str(&format!("<p>{escaped}</p>\n"));
    }
    html.push_str("</div><footer>版权所有 广州市人民政府</footer><script>track();</script></body></html>");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, html).unwrap();
    let from_html = run_json(&["outline", page.to_str().unwrap()], 0);
    let from_text = run_json(&["outline", &seed("000")], 0);
    let headings = |v: &serde_json::Value| -> Vec<String> {
        v["reports"][0]["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| format!("{}{}", s["marker"], s["heading"]))
            .collect()
    };
    assert_eq!(headings(&from_html), headings(&from_text));
    assert_eq!(from_html["reports"][0]["year"], 2025);
    let out = run_ok(&["phrases", page.to_str().unwrap(), "--format", "json"], 0);
    assert!(!out.contains("假的标题") && !out.contains("track"));
}
