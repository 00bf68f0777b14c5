//! Output that cannot be written is an error: `--help`, `--version` and
//! command output to a full standard output exit non-zero with one line,
//! never 0 with the output lost.

use crate::common;

use common::{bin, sample};

fn to_dev_full(args: &[&str]) -> (Option<i32>, String) {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
        .args(args)
        .stdout(full)
        .output()
        .unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn help_and_version_to_a_full_stdout_fail() {
    for args in [&["--help"][..], &["--version"], &["diff", "--help"]] {
        let (code, err) = to_dev_full(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("<stdout>"), "{err}");
    }
    let out = bin().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn command_output_to_a_full_stdout_fails() {
    let file = sample("guangzhou-2021.txt");
    let (code, err) = to_dev_full(&["outline", &file]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}
