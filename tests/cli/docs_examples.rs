//! The documented examples are real: every ```text block of README.md and
//! docs/examples.md that starts with `$ reportdiff …` is run with the built
//! binary and its output compared with the block.
//!
//! In a block, a line `$ [VAR=value …] reportdiff ARGS [| head -N | tail -N |
//! sed -n A,Bp]` is a command (run from the repository root with `COLUMNS=100`
//! unless set, words with `*` expanded as globs, no shell); the lines up to
//! the next `$ ` line are its output. A line
//! that is only `…` stands for any run of lines. Exit codes 0 and 1 are fine
//! (`diff` exits 1 when the reports differ); 2 fails.
//!
//! After a deliberate change of output, refresh the documents with
//! `DOCS_EXAMPLES=overwrite cargo test --test cli docs_examples -- --include-ignored`
//! and review the
//! diff: blocks that no longer match are rewritten with the real output
//! (elided lines written out in full; trim long output with `| head -N`).

use crate::common;

use common::{bin, root};

/// Documents whose examples are checked.
const DOCUMENTS: [&str; 2] = ["README.md", "docs/examples.md"];

/// An example: a command and the output the document shows.
struct Example {
    /// Line index of the `$ ` line in the document.
    line: usize,
    command: String,
    expected: Vec<String>,
}

/// The examples of a document, in order.
fn examples(doc: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut in_text = false;
    // An example of the current block is open (text before the first `$` is not output).
    let mut open = false;
    for (i, line) in doc.lines().enumerate() {
        if line.starts_with("```") {
            in_text = line.trim() == "```text" && !in_text;
            open = false;
            continue;
        }
        if !in_text {
            continue;
        }
        if let Some(command) = command_of(line) {
            out.push(Example {
                line: i,
                command: command.to_string(),
                expected: Vec::new(),
            });
            open = true;
        } else if let Some(e) = out.last_mut().filter(|_| open) {
            e.expected.push(line.to_string());
        }
    }
    // Blank lines between two examples separate them; they are not output.
    for e in &mut out {
        while e.expected.last().is_some_and(|l| l.trim().is_empty()) {
            e.expected.pop();
        }
    }
    out
}

/// The command of a `$ [VAR=value …] reportdiff ARGS` line, without the `$ `.
fn command_of(line: &str) -> Option<&str> {
    let command = line.strip_prefix("$ ")?;
    command
        .split_whitespace()
        .find(|w| !w.contains('='))
        .filter(|w| *w == "reportdiff")
        .map(|_| command)
}

/// Runs `[VAR=value …] reportdiff ARGS`, then the filters after `|`; the output lines.
fn run(command: &str) -> Vec<String> {
    let mut stages = command.split(" | ");
    let words: Vec<&str> = stages.next().unwrap_or_default().split_whitespace().collect();
    let env: Vec<(&str, &str)> = words.iter().map_while(|w| w.split_once('=')).collect();
    let args: Vec<String> = words[env.len() + 1..]
        .iter()
        .flat_map(|w| {
            if w.contains('*') {
                let pattern = root().join(w).to_string_lossy().into_owned();
                let mut found: Vec<String> = glob::glob(&pattern)
                    .unwrap_or_else(|e| panic!("{w}: {e}"))
                    .map(|p| {
                        let p = p.unwrap();
                        // Relative to the root, as the document wrote it.
                        p.strip_prefix(root()).unwrap_or(&p).to_string_lossy().into_owned()
                    })
                    .collect();
                found.sort();
                assert!(!found.is_empty(), "{w} matches no file");
                found
            } else {
                vec![w.to_string()]
            }
        })
        .collect();
    let out = bin()
        .current_dir(root())
        .env("COLUMNS", "100")
        .envs(env)
        .args(&args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "`{command}` failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    for filter in stages {
        let words: Vec<&str> = filter.split_whitespace().collect();
        let n = |w: &str| -> usize { w.trim_start_matches('-').parse().unwrap_or_else(|_| panic!("{filter}")) };
        lines = match words.as_slice() {
            ["head"] => lines.into_iter().take(10).collect(),
            ["head", w] => lines.into_iter().take(n(w)).collect(),
            ["tail", w] => {
                let skip = lines.len().saturating_sub(n(w));
                lines.into_iter().skip(skip).collect()
            }
            ["sed", "-n", range] => {
                let (a, b) = range
                    .trim_end_matches('p')
                    .split_once(',')
                    .unwrap_or_else(|| panic!("{filter}"));
                let (a, b) = (n(a), n(b));
                lines.into_iter().skip(a - 1).take(b + 1 - a).collect()
            }
            _ => panic!("unsupported filter `{filter}` in a documented example"),
        };
    }
    lines
}

/// `actual` matches `expected`, where a `…` line matches any run of lines.
fn matches(expected: &[String], actual: &[String]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((e, rest)) if e.trim() == "…" => (0..=actual.len()).any(|k| matches(rest, &actual[k..])),
        Some((e, rest)) => actual
            .split_first()
            .is_some_and(|(a, more)| e.trim_end() == a && matches(rest, more)),
    }
}

/// Examples that read the whole city corpus (1,345 reports): minutes in a
/// debug build, so `cargo test` leaves them to the ignored test below.
fn reads_city_corpus(command: &str) -> bool {
    command.contains("corpus/cities")
}

#[test]
fn documented_examples_match_real_output() {
    check_examples(|c| !reads_city_corpus(c), 6);
}

/// The examples over the whole city corpus; `.ci/run` runs it
/// (`cargo test --test cli -- --ignored`).
#[test]
#[ignore = "reads the whole city corpus; run by .ci/run with --ignored"]
fn documented_corpus_examples_match_real_output() {
    check_examples(reads_city_corpus, 1);
}

/// Runs the examples whose command `selected` accepts (at least `minimum` of
/// them) and compares (or, with `DOCS_EXAMPLES=overwrite`, rewrites) their output.
fn check_examples(selected: impl Fn(&str) -> bool, minimum: usize) {
    let overwrite = std::env::var("DOCS_EXAMPLES").is_ok_and(|v| v == "overwrite");
    let mut failures: Vec<String> = Vec::new();
    let mut checked = 0;
    for name in DOCUMENTS {
        let path = root().join(name);
        let doc = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = doc.lines().map(str::to_string).collect();
        // Rewritten bottom up so earlier line numbers stay valid.
        for e in examples(&doc).iter().rev().filter(|e| selected(&e.command)) {
            checked += 1;
            let actual = run(&e.command);
            if matches(&e.expected, &actual) {
                continue;
            }
            if overwrite {
                lines.splice(e.line + 1..e.line + 1 + e.expected.len(), actual);
            } else {
                failures.push(format!(
                    "{name}:{}: `$ {}`\n--- documented\n{}\n--- real\n{}",
                    e.line + 1,
                    e.command,
                    e.expected.join("\n"),
                    actual.join("\n")
                ));
            }
        }
        if overwrite {
            let mut text = lines.join("\n");
            text.push('\n');
            if text != doc {
                std::fs::write(&path, text).unwrap();
            }
        }
    }
    assert!(checked >= minimum, "only {checked} documented examples found");
    assert!(
        failures.is_empty(),
        "{} documented example(s) differ from the real output (refresh with \
         DOCS_EXAMPLES=overwrite cargo test --test cli docs_examples -- --include-ignored, then review):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn elision_matches_any_run_of_lines() {
    let v = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert!(matches(&v(&["a", "…", "d"]), &v(&["a", "b", "c", "d"])));
    assert!(matches(&v(&["a", "…", "b"]), &v(&["a", "b"])));
    assert!(!matches(&v(&["a", "…", "d"]), &v(&["a", "b", "c"])));
    assert!(!matches(&v(&["a", "b"]), &v(&["a", "b", "c"])));
}
