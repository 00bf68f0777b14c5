//! Hardening III (issue 16, and the leftover of issue 14): output quotes the
//! report's own characters and shows nothing a terminal would obey; an
//! interrupt leaves no temporary file behind.

use crate::common;
use common::*;

/// National 2013 numbers its parts `（一）` with full-width parentheses; the
/// outline compares `(一)` but must print what the report says, in every format.
#[test]
fn outline_quotes_full_width_markers_in_every_format() {
    let file = shared("corpus/national/2013.txt");
    let source = std::fs::read_to_string(&file).unwrap();
    assert!(source.contains("（一）加快转变经济发展方式，促进经济持续健康发展"));
    let terminal = run_ok(&["outline", &file, "--color", "never"], 0);
    assert!(
        terminal.contains("（一） 加快转变经济发展方式，促进经济持续健康发展"),
        "{terminal}"
    );
    let markdown = run_ok(&["outline", &file, "--format", "markdown"], 0);
    assert!(
        markdown.contains("- （一）加快转变经济发展方式，促进经济持续健康发展"),
        "{markdown}"
    );
    let json = run_json(&["outline", &file], 0);
    let sections = json["reports"][0]["sections"].as_array().unwrap();
    let first = sections
        .iter()
        .find(|s| s["marker"] == "（一）")
        .expect("（一） as written");
    assert_eq!(first["heading"], "加快转变经济发展方式，促进经济持续健康发展");
    for out in [&terminal, &markdown, &json.to_string()] {
        assert!(!out.contains("(一)"), "a narrowed marker: {out}");
        assert!(!out.contains("发展方式,促进"), "a narrowed comma: {out}");
    }
    // `diff --stat` quotes the headings as written too.
    let stat = run_ok(
        &[
            "diff",
            &shared("corpus/national/2012.txt"),
            &file,
            "--stat",
            "--color",
            "never",
        ],
        1,
    );
    assert!(stat.contains("（一）加强和改善宏观调控，遏制物价过快上涨"), "{stat}");
    assert!(!stat.contains("(一)"), "{stat}");
}

/// A phrase's context quotes its own sentence as written, even when the same
/// normalized words occur earlier inside a longer sentence written with a
/// narrow comma: the second sentence's full-width comma stays full-width.
#[test]
fn contexts_quote_each_sentence_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    };
    let old = path(
        "old.txt",
        "政府工作报告\n一、总体要求\n我们要推进改革,发展经济。推进改革，发展经济。\n",
    );
    let new = path("new.txt", "政府工作报告\n一、总体要求\n我们要稳定就业。\n");
    let watch = path("watch.txt", "推进改革\n");
    let json = run_json(&["diff", &old, &new, "--watch", &watch], 1);
    let phrase = json["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["text"] == "推进改革")
        .expect("the watched phrase");
    let contexts: Vec<&str> = phrase["contexts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    assert_eq!(contexts, ["我们要推进改革,发展经济。", "推进改革，发展经济。"]);
}

/// An interrupt while a command works removes the temporary file of its `-o`
/// output and exits with 128 + the signal. The command reads its NEW report
/// from a pipe that the test keeps open, so the interrupt always arrives while
/// the output is reserved and nothing is finished: no timing is involved.
#[cfg(unix)]
mod interrupt {
    use super::common::shared;
    use std::io::{Read, Write};
    use std::path::Path;
    use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
    use std::time::{Duration, Instant};

    fn temporaries(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    /// Waits for `child` while its standard input stays open. A program that
    /// waits for that input instead of ending would wait forever: after a
    /// generous two minutes it is killed and the test fails with `hung`.
    /// Returns the exit status and standard error.
    fn wait_for(mut child: Child, stdin: ChildStdin, hung: &str) -> (ExitStatus, String) {
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                child.kill().unwrap();
                panic!("{hung}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        drop(stdin);
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        (status, stderr)
    }

    /// Runs `args` with half a report on standard input (left open), waits for
    /// the output's temporary file in `dir`, sends `signal`, and returns the
    /// exit code.
    fn interrupted(args: &[&str], dir: &Path, signal: &str) -> Option<i32> {
        let report = std::fs::read_to_string(shared("corpus/national/2013.txt")).unwrap();
        let half: String = report.chars().take(report.chars().count() / 2).collect();
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(half.as_bytes()).unwrap();
        // Generous: a loaded machine may take long to start the binary; the
        // loop ends as soon as the file is there.
        let deadline = Instant::now() + Duration::from_secs(120);
        while temporaries(dir).is_empty() {
            assert!(
                child.try_wait().unwrap().is_none(),
                "{args:?} ended before the interrupt"
            );
            assert!(
                Instant::now() < deadline,
                "{args:?}: no temporary file in {}",
                dir.display()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let (status, stderr) = wait_for(child, stdin, &format!("{args:?} ignored SIG{signal}"));
        assert!(stderr.is_empty(), "{stderr}");
        status.code()
    }

    /// The output is reserved before the input is read: `-o` into a missing
    /// folder fails at once, not after the work (here: never, as the input
    /// pipe stays open).
    #[test]
    fn a_missing_output_folder_fails_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("missing/outline.json");
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
            .args(["outline", "-", "-o", out.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let (status, stderr) = wait_for(child, stdin, "waited for its input before checking the output folder");
        assert_eq!(status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("does not exist"), "{stderr}");
    }

    #[test]
    fn ctrl_c_leaves_no_temporary_and_no_partial_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.html");
        let old = shared("corpus/national/2012.txt");
        let args = ["diff", &old, "-", "--format", "html", "-o", out.to_str().unwrap()];
        assert_eq!(interrupted(&args, dir.path(), "INT"), Some(130));
        assert_eq!(temporaries(dir.path()), Vec::<String>::new());
        assert!(!out.exists(), "a partial output");
    }

    #[test]
    fn terminate_and_hangup_keep_the_previous_output() {
        for (signal, code) in [("TERM", 143), ("HUP", 129)] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("outline.json");
            std::fs::write(&out, "previous\n").unwrap();
            let args = ["outline", "-", "--format", "json", "-o", out.to_str().unwrap()];
            assert_eq!(interrupted(&args, dir.path(), signal), Some(code), "SIG{signal}");
            assert_eq!(temporaries(dir.path()), Vec::<String>::new(), "SIG{signal}");
            assert_eq!(std::fs::read_to_string(&out).unwrap(), "previous\n", "SIG{signal}");
        }
    }
}

/// Characters a terminal would obey or that reorder what a reader sees.
fn obeyed(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `out` without its colour sequences (`ESC [ digits ; m`), which are the
/// only escape sequences the renderers may write.
fn without_colour(out: &str) -> String {
    let mut rest = out;
    let mut kept = String::new();
    while let Some(i) = rest.find('\u{1b}') {
        kept.push_str(&rest[..i]);
        let tail = &rest[i..];
        let params = tail[2..]
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if tail.starts_with("\u{1b}[") && tail.as_bytes().get(2 + params) == Some(&b'm') {
            rest = &tail[3 + params..];
        } else {
            kept.push('\u{1b}');
            rest = &tail[1..];
        }
    }
    kept.push_str(rest);
    kept
}

/// National 2013 with a bidi override and isolate in its text (normalization
/// keeps them, so the quoted original carries them) and screen-clearing,
/// title-setting and C1 control sequences in a heading.
fn hostile_2013(dir: &std::path::Path) -> String {
    let source = std::fs::read_to_string(shared("corpus/national/2013.txt")).unwrap();
    let hostile = source
        .replacen(
            "（一）加快转变经济发展方式",
            "（一）加快\u{202e}转变\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m\u{85}经济发展方式",
            1,
        )
        .replacen("“十二五”", "“十二五”\u{202e}\u{2066}", 1)
        .replacen("“三农”", "“三\u{202e}农”", 1);
    assert_ne!(hostile, source);
    let path = dir.join("2013.txt");
    std::fs::write(&path, hostile).unwrap();
    path.to_str().unwrap().to_string()
}

/// Report text in terminal and Markdown output shows bidi overrides and
/// control characters escaped (`\u{202e}`, like file names in error lines),
/// in every command, with and without colour; the Chinese text, its
/// full-width punctuation and the renderers' line breaks are untouched.
#[test]
fn report_text_in_terminal_and_markdown_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let new = hostile_2013(dir.path());
    let old = shared("corpus/national/2012.txt");
    std::fs::copy(&old, dir.path().join("2012.txt")).unwrap();
    let folder = dir.path().to_str().unwrap();
    let runs: Vec<(Vec<&str>, i32)> = vec![
        (vec!["corpus", folder, "--no-cache", "--min-jurisdictions", "1"], 0),
        (vec!["diff", &old, &new], 1),
        (vec!["diff", &old, &new, "--full"], 1),
        (vec!["diff", &old, &new, "--side-by-side"], 1),
        (vec!["diff", &old, &new, "--stat"], 1),
        (vec!["diff", &old, &new, "--brief"], 1),
        (vec!["diff", &old, &new, "--format", "markdown"], 1),
        (vec!["outline", &new], 0),
        (vec!["outline", &new, "--format", "markdown"], 0),
        (vec!["split", &new], 0),
        (vec!["phrases", &old, &new, "--context", "3"], 0),
        (vec!["phrases", &old, &new, "--format", "markdown"], 0),
        (vec!["series", &old, &new], 0),
        (vec!["series", &old, &new, "--format", "markdown"], 0),
    ];
    for (args, code) in &runs {
        for colour in ["never", "always"] {
            let mut with_colour = args.clone();
            with_colour.extend(["--color", colour]);
            let out = run_ok(&with_colour, *code);
            let shown = if colour == "always" {
                without_colour(&out)
            } else {
                out.clone()
            };
            let raw: Vec<char> = shown.chars().filter(|&c| obeyed(c)).collect();
            assert!(raw.is_empty(), "{with_colour:?} prints {raw:?} raw:\n{out}");
            assert!(out.ends_with('\n'), "{with_colour:?}: line breaks kept");
        }
    }
    let diff = run_ok(&["diff", &old, &new, "--color", "never"], 1);
    assert!(diff.contains("（一）加快\\u{202e}转变"), "{diff}");
    let outline = run_ok(&["outline", &new, "--color", "never"], 0);
    assert!(outline.contains("（一） 加快\\u{202e}转变"), "{outline}");
    let phrases = run_ok(&["phrases", &old, &new, "--context", "3", "--color", "never"], 0);
    assert!(phrases.contains("\\u{202e}\\u{2066}"), "{phrases}");
    let corpus = run_ok(
        &[
            "corpus",
            folder,
            "--no-cache",
            "--min-jurisdictions",
            "1",
            "--color",
            "never",
        ],
        0,
    );
    assert!(corpus.contains("三\\u{202e}农"), "{corpus}");
    // Ordinary text is untouched: no escape anywhere but at the hostile spots.
    assert_eq!(outline.matches('\\').count(), 1, "{outline}");
    assert!(
        diff.contains("（二）强化农业农村发展基础，推动城乡发展一体化"),
        "{diff}"
    );
}

/// The HTML pages show the same characters the same way: askama's escaping
/// alone would let a bidi override reorder the page.
#[test]
fn report_text_in_html_pages_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let new = hostile_2013(dir.path());
    let old = shared("corpus/national/2012.txt");
    let mut pages = vec![
        run_ok(&["diff", &old, &new, "--format", "html"], 1),
        run_ok(&["series", &old, &new, "--format", "html"], 0),
        run_ok(&["phrases", &old, &new, "--format", "html"], 0),
    ];
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(&old, input.join("2012.txt")).unwrap();
    std::fs::rename(&new, input.join("2013.txt")).unwrap();
    let site = dir.path().join("site");
    run_ok(
        &[
            "corpus",
            input.to_str().unwrap(),
            "--no-cache",
            "--min-jurisdictions",
            "1",
            "--out-dir",
            site.to_str().unwrap(),
        ],
        0,
    );
    for page in ["index.html", "j"] {
        let path = site.join(page);
        if path.is_dir() {
            for e in std::fs::read_dir(&path).unwrap() {
                pages.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
            }
        } else {
            pages.push(std::fs::read_to_string(path).unwrap());
        }
    }
    for page in &pages {
        let raw: Vec<char> = page.chars().filter(|&c| obeyed(c)).collect();
        assert!(raw.is_empty(), "{raw:?} raw in a page");
    }
    assert!(pages[0].contains("（一）加快\\u{202e}转变"));
    assert!(pages[0].contains("“十二五”\\u{202e}\\u{2066}"));
}

/// A file name is escaped in the terminal too, with colour on: escape
/// sequences other than the renderer's own colours come out visible.
#[test]
fn file_names_in_terminal_output_are_escaped_with_colour_on() {
    let dir = tempfile::tempdir().unwrap();
    let name = dir.path().join("x\u{1b}[2J\u{1b}]0;pwned\u{7}\u{202e}\u{1b}[8m.txt");
    std::fs::write(&name, "各位代表：\n一、工作回顾\n我们推进改革开放，取得新成效。\n").unwrap();
    let plain = dir.path().join("plain.txt");
    std::fs::write(&plain, "各位代表：\n一、工作回顾\n我们推进改革开放，取得很大成效。\n").unwrap();
    let out = run_ok(
        &[
            "diff",
            plain.to_str().unwrap(),
            name.to_str().unwrap(),
            "--color",
            "always",
        ],
        1,
    );
    // Even `ESC [8m` (conceal), shaped like a colour sequence, is escaped.
    assert!(
        out.contains("x\\u{1b}[2J\\u{1b}]0;pwned\\u{7}\\u{202e}\\u{1b}[8m.txt"),
        "{out}"
    );
    let raw: Vec<char> = without_colour(&out).chars().filter(|&c| obeyed(c)).collect();
    assert!(raw.is_empty(), "{raw:?}");
    // The corpus lists a file it cannot read under its name, escaped.
    std::fs::write(dir.path().join("bad\u{1b}[8m.txt"), [0u8, 1, 2, 0, 0, 0xff]).unwrap();
    let corpus = run_ok(
        &[
            "corpus",
            dir.path().to_str().unwrap(),
            "--no-cache",
            "--color",
            "always",
        ],
        0,
    );
    assert!(corpus.contains("bad\\u{1b}[8m.txt"), "{corpus}");
    let raw: Vec<char> = without_colour(&corpus).chars().filter(|&c| obeyed(c)).collect();
    assert!(raw.is_empty(), "{raw:?}");
}

/// Folder and file names carrying a colour sequence of their own (`ESC [8m`
/// hides the text after it, `ESC [32m` paints it as inserted) are printed
/// escaped by `corpus` and `reuse` also with `--color always`, where the final
/// pass keeps colour sequences: the renderers escape names before colouring.
#[test]
fn names_with_colour_sequences_are_escaped_with_colour_on() {
    let dir = tempfile::tempdir().unwrap();
    let place = dir.path().join("c/广州\u{1b}[8m隐\u{1b}[32m");
    std::fs::create_dir_all(&place).unwrap();
    for year in ["2021", "2025"] {
        std::fs::copy(
            sample(&format!("guangzhou-{year}.txt")),
            place.join(format!("{year}.txt")),
        )
        .unwrap();
    }
    // A file that is a problem, named with the sequences too.
    std::fs::write(dir.path().join("c/坏\u{1b}[8m.txt"), [0u8, 1, 2, 0, 0xff]).unwrap();
    let c = dir.path().join("c");
    let c = c.to_str().unwrap();
    for args in [
        vec![
            "corpus",
            c,
            "--no-cache",
            "--group-by-folder",
            "--min-jurisdictions",
            "1",
        ],
        vec!["reuse", c, "--group-by-folder"],
    ] {
        for colour in ["always", "never"] {
            let out = bin().args(&args).args(["--color", colour]).output().unwrap();
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            for raw in ["\u{1b}[8m", "\u{1b}[32m"] {
                assert!(
                    !stdout.contains(raw),
                    "{args:?} --color {colour} prints {raw:?} raw:\n{stdout}"
                );
            }
            assert!(stdout.contains("\\u{1b}[8m"), "{args:?} --color {colour}:\n{stdout}");
        }
    }
}
