//! Hardening III (issue 16, and the leftover of issue 14): output quotes the
//! report's own characters and shows nothing a terminal would obey; an
//! interrupt leaves no temporary file behind.

mod common;
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

/// An interrupt while a command works removes the temporary file of its `-o`
/// output and exits with 128 + the signal. The command reads its NEW report
/// from a pipe that the test keeps open, so the interrupt always arrives while
/// the output is reserved and nothing is finished: no timing is involved.
#[cfg(unix)]
mod interrupt {
    use super::common::shared;
    use std::io::Write;
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    fn temporaries(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
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
        let out = child.wait_with_output().unwrap();
        drop(stdin);
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        out.status.code()
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
