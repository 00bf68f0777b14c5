//! Phrase matching stays bounded on hostile texts: a sentence of thousands of
//! quoted terms brings at most `MAX_QUOTED_PER_SENTENCE` candidates (with a
//! note on stderr), and a watched phrase of thousands of characters is refused
//! before an automaton is built for it.

use crate::common;

use common::bin;
use std::path::Path;

/// The cap of `compare::phrases::candidates::MAX_QUOTED_PER_SENTENCE`.
const CAP: usize = 64;

/// A report of `year` whose work plan is one sentence listing `n` terms,
/// each in `open`/`close` quote marks.
fn crowded_report(year: u32, n: usize, open: &str, close: &str) -> String {
    let terms: Vec<String> = (0..n).map(|i| format!("{open}词{i}{close}")).collect();
    format!(
        "{year}年政府工作报告\n\n各位代表:\n\n一、过去一年工作回顾\n\n我们坚持稳中求进,经济运行总体平稳。\n\n\
         二、{next}年工作安排\n\n我们要推进{list}等工作。\n\n三、加强政府自身建设\n\n我们要依法行政。\n",
        next = year + 1,
        list = terms.join("、")
    )
}

/// Runs the binary under a 1 GiB address-space cap (`ulimit -v`), as the
/// issue's attack did: without the cap on quoted terms an 8,000-term sentence
/// needed 2 GB (every term a candidate holding the whole sentence as context)
/// and aborted under the cap (exit 134).
fn run_capped(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg("ulimit -v 1048576 && exec \"$REPORTDIFF_BIN\" \"$@\"")
        .arg("sh")
        .args(args)
        .env("REPORTDIFF_BIN", assert_cmd::cargo::cargo_bin("reportdiff"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The `词N` phrases of a JSON phrase list.
fn crowded_phrases(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["text"].as_str())
        .filter(|t| t.starts_with('词'))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_sentence_of_thousands_of_quoted_terms_stays_bounded_in_diff() {
    for (open, close) in [("“", "”"), ("「", "」")] {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.txt"), crowded_report(2020, 8_000, open, close)).unwrap();
        std::fs::write(d.path().join("b.txt"), crowded_report(2021, 8_000, open, close)).unwrap();
        let out = run_capped(d.path(), &["diff", "--format", "json", "a.txt", "b.txt"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{open}: {stderr}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let found = crowded_phrases(&v["phrases"]);
        assert!(found.len() <= CAP, "{open}: {} quoted candidates", found.len());
        assert!(found.contains(&"词0".to_string()), "{open}: {found:?}");
        // One line per file says what was left out.
        let notes: Vec<&str> = stderr.lines().collect();
        assert_eq!(notes.len(), 2, "{stderr}");
        for (note, file) in notes.iter().zip(["a.txt", "b.txt"]) {
            assert!(
                note.starts_with(&format!("reportdiff: {file}: {} quoted terms left out", 8_000 - CAP)),
                "{note}"
            );
        }
        // The --stat run of the issue.
        let out = run_capped(d.path(), &["diff", "--stat", "a.txt", "b.txt"]);
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn a_sentence_of_thousands_of_quoted_terms_stays_bounded_in_series_and_phrases() {
    let d = tempfile::tempdir().unwrap();
    for year in [2019, 2020, 2021] {
        std::fs::write(
            d.path().join(format!("{year}.txt")),
            crowded_report(year, 5_000, "“", "”"),
        )
        .unwrap();
    }
    let files = ["2019.txt", "2020.txt", "2021.txt"];
    let mut args = vec!["series", "--format", "json"];
    args.extend(files);
    let out = run_capped(d.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = crowded_phrases(&v["phrases"]);
    assert!(
        !found.is_empty() && found.len() <= CAP,
        "{} quoted phrases",
        found.len()
    );

    let mut args = vec!["phrases", "--format", "json"];
    args.extend(files);
    let out = run_capped(d.path(), &args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_watched_phrase_of_thousands_of_characters_is_refused_in_one_line() {
    let d = tempfile::tempdir().unwrap();
    let report = crowded_report(2020, 10, "“", "”");
    std::fs::write(d.path().join("a.txt"), &report).unwrap();
    std::fs::write(d.path().join("b.txt"), crowded_report(2021, 10, "“", "”")).unwrap();
    let long = "新质生产力".repeat(1_200);
    std::fs::write(d.path().join("watch.txt"), format!("六稳\n{long}\n")).unwrap();
    let refused = |args: &[&str], names: &str| {
        let out = bin().current_dir(d.path()).args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: partial output");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(names) && stderr.contains("6000 characters") && stderr.contains("at most 100"),
            "{args:?}: {stderr}"
        );
    };
    refused(
        &["diff", "--stat", "--watch", "watch.txt", "a.txt", "b.txt"],
        "watch.txt",
    );
    refused(&["series", "--watch", "watch.txt", "a.txt", "b.txt"], "watch.txt");
    refused(&["phrases", "--watch", "watch.txt", "a.txt"], "watch.txt");
    std::fs::create_dir(d.path().join("c")).unwrap();
    std::fs::write(d.path().join("c/2020.txt"), &report).unwrap();
    refused(&["corpus", "c", "--no-cache", "--watch", "watch.txt"], "watch.txt");
    refused(&["corpus", "c", "--no-cache", "--phrase", &long], "--phrase");
    // A phrase of 100 characters is still watched.
    let longest = "新质生产力".repeat(20);
    std::fs::write(d.path().join("ok.txt"), format!("{longest}\n")).unwrap();
    let out = bin()
        .current_dir(d.path())
        .args(["diff", "--stat", "--watch", "ok.txt", "a.txt", "b.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_check_rule_phrase_of_thousands_of_characters_is_refused() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.txt"), crowded_report(2020, 10, "“", "”")).unwrap();
    std::fs::write(d.path().join("b.txt"), crowded_report(2021, 10, "“", "”")).unwrap();
    let long = "新质生产力".repeat(1_200);
    std::fs::write(
        d.path().join("rules.toml"),
        format!("reports = [\"a.txt\", \"b.txt\"]\n\n[phrases]\nforbid = [\"{long}\"]\n"),
    )
    .unwrap();
    let out = bin()
        .current_dir(d.path())
        .args(["check", "--config", "rules.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "partial output");
    assert!(
        stderr.contains("rules.toml") && stderr.contains("at most 100"),
        "{stderr}"
    );
}

/// Thousands of quoted terms, one per sentence (so no per-sentence cap applies),
/// half of them deleted: the terminal and Markdown diff stay under a 512 MiB
/// address-space cap (each sentence used to copy its hunk's whole phrase list:
/// 2.6 GB for 8,000 terms).
#[test]
fn thousands_of_quoted_terms_in_separate_sentences_render_in_bounded_memory() {
    let d = tempfile::tempdir().unwrap();
    let report = |year: u32, step: usize| {
        let body: String = (0..8_000).step_by(step).map(|i| format!("推进“词{i}号”。")).collect();
        format!("{year}年政府工作报告\n\n一、工作回顾\n\n{body}\n")
    };
    std::fs::write(d.path().join("a.txt"), report(2020, 1)).unwrap();
    std::fs::write(d.path().join("b.txt"), report(2021, 2)).unwrap();
    for format in ["terminal", "markdown"] {
        let out = std::process::Command::new("sh")
            .current_dir(d.path())
            .arg("-c")
            .arg("ulimit -v 524288 && exec \"$REPORTDIFF_BIN\" \"$@\"")
            .arg("sh")
            .args(["diff", "--format", format, "a.txt", "b.txt"])
            .env("REPORTDIFF_BIN", assert_cmd::cargo::cargo_bin("reportdiff"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("词1号"), "{format}");
    }
}
