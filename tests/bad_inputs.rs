//! Bad input: one clear line on stderr naming the file, exit 2, no partial output.

mod common;
use common::*;

fn fails_with(args: &[&str], needle: &str) {
    let out = bin().args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "args {args:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line expected: {err}");
    assert!(err.contains(needle), "stderr {err:?} lacks {needle:?}");
    assert!(out.stdout.is_empty());
}

#[test]
fn missing_file() {
    fails_with(&["outline", "no/such/file.txt"], "no/such/file.txt: no such file");
}

#[test]
fn directory() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().to_str().unwrap().to_string();
    fails_with(&["split", &p], "is a directory");
}

#[test]
fn binary_data() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("blob.bin");
    std::fs::write(&p, (0..=255u8).cycle().take(10_000).collect::<Vec<_>>()).unwrap();
    fails_with(&["outline", p.to_str().unwrap()], "blob.bin: looks like binary data");
}

#[test]
fn empty_and_whitespace_only() {
    let d = tempfile::tempdir().unwrap();
    for (name, content) in [("empty.txt", ""), ("blank.txt", " \n\u{3000}\n\t\n")] {
        let p = d.path().join(name);
        std::fs::write(&p, content).unwrap();
        fails_with(
            &["outline", p.to_str().unwrap()],
            &format!("{name}: contains no report text"),
        );
    }
}

#[test]
fn unknown_encoding_and_format() {
    fails_with(
        &["outline", &sample("guangzhou-2025.txt"), "--encoding", "klingon"],
        "unknown encoding 'klingon'",
    );
    fails_with(
        &["outline", &sample("guangzhou-2025.txt"), "--format", "html"],
        "cannot write --format html",
    );
}

#[test]
fn size_limit() {
    fails_with(
        &["outline", &sample("guangzhou-2025.txt"), "--max-input-size", "1000"],
        "larger than the limit",
    );
}

#[test]
fn unwritable_output_leaves_no_file() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("missing-dir").join("out.json");
    fails_with(
        &["outline", &sample("guangzhou-2025.txt"), "-o", target.to_str().unwrap()],
        "cannot write output",
    );
    assert!(!target.exists());
}
