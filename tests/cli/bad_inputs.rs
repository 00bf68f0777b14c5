//! Bad input: one clear line on stderr naming the file, exit 2, no partial output.

use crate::common;
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
}

/// `outline` and `split` write no HTML page: clap refuses the format before
/// anything is read and lists the formats the command has.
#[test]
fn format_a_command_lacks_is_refused_by_clap() {
    for command in ["outline", "split"] {
        let out = bin()
            .args([command, &sample("guangzhou-2025.txt"), "--format", "html"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("invalid value 'html' for '--format <FORMAT>'"), "{err}");
        assert!(err.contains("[possible values: terminal, json, markdown]"), "{err}");
        assert!(out.stdout.is_empty());
    }
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

#[test]
fn thousand_files_to_series() {
    let d = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..1000 {
        let year = 1950 + i % 150;
        let p = d.path().join(format!("{year}-{i:04}.txt"));
        std::fs::write(
            &p,
            format!("各位代表:\n一、{year}年工作回顾\n第{i}项工作取得进展。\n二、今后工作\n继续推进“重点工程”。\n"),
        )
        .unwrap();
        paths.push(p.to_string_lossy().into_owned());
    }
    let mut args: Vec<&str> = vec!["series", "--format", "json", "--top", "3"];
    args.extend(paths.iter().map(String::as_str));
    let out = bin().args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // 150 years, each given 6 or 7 times: one copy a year is followed, the
    // other 850 are set aside and listed.
    assert_eq!(v["reports"].as_array().unwrap().len(), 150);
    assert_eq!(v["steps"].as_array().unwrap().len(), 149);
    let duplicates = v["duplicates"].as_array().unwrap();
    assert_eq!(duplicates.len(), 150);
    let set_aside: usize = duplicates
        .iter()
        .map(|d| d["set_aside"].as_array().unwrap().len())
        .sum();
    assert_eq!(set_aside, 850);
    let years: Vec<i64> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn paths_with_spaces_and_cjk() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("广州 2025 政府工作报告 (copy).txt");
    std::fs::copy(sample("guangzhou-2023-summary.txt"), &p).unwrap();
    let v = run_json(&["outline", p.to_str().unwrap()], 0);
    assert_eq!(v["reports"][0]["path"], p.to_str().unwrap());
    let out_dir = d.path().join("out dir");
    run_ok(
        &["split", p.to_str().unwrap(), "--out-dir", out_dir.to_str().unwrap()],
        0,
    );
    assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 1);
}
