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

#[test]
fn series_json_written_as_serialized_to_a_full_stdout_fails() {
    // The series JSON is written as it is serialized, not as one string.
    let (a, b) = (sample("national-2012.txt"), sample("national-2013.txt"));
    let (code, err) = to_dev_full(&["series", &a, &b, "--format", "json"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("<stdout>"), "{err}");
}

#[test]
fn series_json_to_a_file_is_what_stdout_gets() {
    let (a, b) = (sample("national-2012.txt"), sample("national-2013.txt"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("series.json");
    let to_file = bin()
        .args(["series", &a, &b, "--format", "json", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(to_file.status.code(), Some(0));
    assert!(to_file.stdout.is_empty());
    let to_stdout = bin().args(["series", &a, &b, "--format", "json"]).output().unwrap();
    let written = std::fs::read(&file).unwrap();
    assert_eq!(written, to_stdout.stdout);
    assert!(written.ends_with(b"}\n"));
    let v: serde_json::Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(v["steps"].as_array().map(Vec::len), Some(1));
}
