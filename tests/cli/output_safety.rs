//! Hardening: a gate that a closed pipe cannot fool, outputs that never harm an
//! input, and clear one-line errors. Each test reproduces a defect of issue 16.

use crate::common;
use common::*;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

fn binary() -> std::path::PathBuf {
    assert_cmd::cargo::cargo_bin("reportdiff")
}

/// Runs expecting exit 2 and one stderr line; returns that line.
fn fails(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "args {args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one line expected: {err:?}");
    err
}

fn copy_sample(dir: &Path, name: &str) -> String {
    let p = dir.join(name);
    std::fs::copy(sample(name), &p).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn closed_stdout_keeps_the_difference_status() {
    let mut child = StdCommand::new(binary())
        .args(["diff", &sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before the first byte (`| head -0`).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
}

#[test]
fn output_that_is_an_input_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let old = copy_sample(d.path(), "guangzhou-2021.txt");
    let new = copy_sample(d.path(), "guangzhou-2025.txt");
    let before = std::fs::read(&new).unwrap();
    // The same file under another spelling, and through a hard link.
    let respelled = d.path().join(".").join("guangzhou-2025.txt");
    let hard = d.path().join("hard.txt");
    std::fs::hard_link(&new, &hard).unwrap();
    for out in [
        new.clone(),
        respelled.to_str().unwrap().into(),
        hard.to_str().unwrap().into(),
    ] {
        let err = fails(&["diff", &old, &new, "-o", &out]);
        assert!(err.contains("refusing to overwrite an input"), "{err}");
        fails(&["series", &old, &new, "-o", &out]);
        fails(&["phrases", &old, &new, "-o", &out]);
        fails(&["outline", &new, "-o", &out]);
        fails(&["split", &new, "-o", &out]);
    }
    assert_eq!(std::fs::read(&new).unwrap(), before);
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn output_keeps_mode_and_honours_umask() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let existing = d.path().join("private.txt");
    std::fs::write(&existing, "old").unwrap();
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o600)).unwrap();
    run_ok(
        &[
            "outline",
            &sample("guangzhou-2025.txt"),
            "-o",
            existing.to_str().unwrap(),
        ],
        0,
    );
    assert_eq!(mode(&existing), 0o600);
    assert!(std::fs::read_to_string(&existing).unwrap().contains("广州"));

    let fresh = d.path().join("fresh.txt");
    let status = StdCommand::new("sh")
        .arg("-c")
        .arg("umask 027; exec \"$0\" outline \"$1\" -o \"$2\"")
        .arg(binary())
        .arg(sample("guangzhou-2025.txt"))
        .arg(&fresh)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&fresh), 0o640);
}

#[cfg(unix)]
#[test]
fn output_writes_through_a_symlink() {
    let d = tempfile::tempdir().unwrap();
    let target = d.path().join("real.txt");
    std::fs::write(&target, "old").unwrap();
    let link = d.path().join("link.txt");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    run_ok(
        &["outline", &sample("guangzhou-2025.txt"), "-o", link.to_str().unwrap()],
        0,
    );
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("广州"));
}

#[test]
fn output_leaves_no_temporary_files_and_names_the_users_path() {
    let d = tempfile::tempdir().unwrap();
    let missing = d.path().join("no-such-folder").join("out.txt");
    let err = fails(&[
        "outline",
        &sample("guangzhou-2025.txt"),
        "-o",
        missing.to_str().unwrap(),
    ]);
    let err = err.replace(d.path().to_str().unwrap(), "<dir>");
    assert!(err.contains("<dir>/no-such-folder/out.txt"), "{err}");
    assert!(!err.contains("tmp"), "temporary name in {err}");
    assert!(err.contains("does not exist"), "{err}");
    // Writing over a folder fails before anything is renamed; no temp file stays.
    let folder = d.path().join("taken");
    std::fs::create_dir(&folder).unwrap();
    fails(&["outline", &sample("guangzhou-2025.txt"), "-o", folder.to_str().unwrap()]);
    let names: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn failing_split_removes_the_pieces_it_wrote() {
    let d = tempfile::tempdir().unwrap();
    let out_dir = d.path().join("pieces");
    run_ok(&["split", &seed("003"), "--out-dir", out_dir.to_str().unwrap()], 0);
    let mut names: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(names.len() >= 3);
    // Occupy the last piece's name with a folder: its rename fails.
    let blocked = d.path().join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    std::fs::create_dir(blocked.join(names.last().unwrap())).unwrap();
    fails(&["split", &seed("003"), "--out-dir", blocked.to_str().unwrap()]);
    let left: Vec<_> = std::fs::read_dir(&blocked)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![names.last().unwrap().clone()], "pieces left behind");
}

#[test]
fn out_dir_that_is_a_file_is_named_clearly() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("plain.txt");
    std::fs::write(&file, "x").unwrap();
    let err = fails(&["split", &seed("003"), "--out-dir", file.to_str().unwrap()]);
    assert!(err.contains("plain.txt: cannot write output: is not a folder"), "{err}");
}

#[test]
fn side_by_side_width_is_clamped() {
    let run = |columns: &str| {
        let out = bin()
            .args([
                "diff",
                &sample("guangzhou-2021.txt"),
                &sample("guangzhou-2025.txt"),
                "--side-by-side",
            ])
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    assert!(run("100000000") == run("1000"), "COLUMNS above 1000 is not clamped");
}

#[test]
fn error_lines_escape_control_and_bidi_characters() {
    let d = tempfile::tempdir().unwrap();
    let name = "a\n::error::owned\u{1b}[31m\u{202E}txt.exe";
    let p = d.path().join(name);
    std::fs::write(&p, "").unwrap();
    let err = fails(&["outline", p.to_str().unwrap()]);
    assert!(err.contains("a\\n::error::owned\\u{1b}[31m\\u{202e}txt.exe"), "{err}");
}

/// Title and year of the only report of `path`, from `outline --format json`.
fn title_and_year(path: &str) -> (String, i64) {
    let v = run_json(&["outline", path], 0);
    let r = &v["reports"][0];
    (
        r["title"].as_str().unwrap_or("").to_string(),
        r["year"].as_i64().unwrap_or(0),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

const GUANGZHOU_2025: (&str, i64) = ("2025年广州市政府工作报告", 2025);

#[test]
fn mixed_gbk_and_utf8_lines_are_decoded_line_by_line() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let mut bytes = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(line);
        if i % 2 == 1 || unmappable {
            bytes.extend_from_slice(line.as_bytes());
        } else {
            bytes.extend_from_slice(&gbk);
        }
    }
    let p = write(d.path(), "mixed.txt", &bytes);
    let (title, year) = title_and_year(&p);
    assert_eq!((title.as_str(), year), GUANGZHOU_2025);
    let sections = |path: &str| run_json(&["outline", path], 0)["reports"][0]["sections"].clone();
    assert_eq!(sections(&p), sections(&sample("guangzhou-2025.txt")));
}

#[test]
fn utf8_with_a_few_broken_bytes_stays_utf8() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let mut bytes = Vec::new();
    // One stray byte every 12 characters: about 3 % of the bytes.
    for (i, c) in text.chars().enumerate() {
        let mut buf = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        if i % 12 == 11 {
            bytes.push(0xFF);
        }
    }
    let p = write(d.path(), "damaged.txt", &bytes);
    assert_eq!(title_and_year(&p).1, 2025);
    let v = run_json(&["outline", &p], 0);
    assert!(v["reports"][0]["title"].as_str().unwrap_or("").contains("广州"), "{v}");
}

#[test]
fn short_gbk_is_read_as_chinese_not_korean_or_japanese() {
    let d = tempfile::tempdir().unwrap();
    // chardetng guesses EUC-KR for these two characters in GBK.
    let text = "报告\n";
    let gbk = write(d.path(), "gbk.txt", &encoding_rs::GBK.encode(text).0);
    let utf8 = write(d.path(), "utf8.txt", text.as_bytes());
    run_ok(&["diff", &gbk, &utf8], 0);
}

#[test]
fn high_byte_garbage_is_not_decoded_as_mojibake() {
    let d = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0x80..=0xFFu8).cycle().take(20_000).collect();
    let p = write(d.path(), "garbage.txt", &bytes);
    let err = fails(&["outline", &p]);
    assert!(err.contains("garbage.txt: cannot be decoded as text"), "{err}");
}

#[test]
fn forced_encodings_do_not_accept_binary_or_nul() {
    let d = tempfile::tempdir().unwrap();
    let random: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let p = write(d.path(), "random.bin", &random);
    assert!(fails(&["outline", &p, "--encoding", "latin1"]).contains("binary data"));
    let nul = write(
        d.path(),
        "nul.txt",
        "2024年政府工作报告\n各位代表\0\0：现在我代表市人民政府作报告。\n".as_bytes(),
    );
    assert!(fails(&["outline", &nul, "--encoding", "utf-8"]).contains("NUL"));
    assert!(fails(&["split", &nul, "--encoding", "utf-8"]).contains("NUL"));
}

#[test]
fn nul_characters_in_utf16_without_bom_are_rejected() {
    let d = tempfile::tempdir().unwrap();
    let text =
        "政府工作报告\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。\0\0\n一、过去一年的工作回顾\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let p = write(d.path(), "utf16.txt", &le);
    assert!(fails(&["split", &p]).contains("NUL"));
}

#[test]
fn utf32_is_decoded() {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let le: Vec<u8> = [0xFEFFu32]
        .into_iter()
        .chain(text.chars().map(|c| c as u32))
        .flat_map(u32::to_le_bytes)
        .collect();
    let be: Vec<u8> = text.chars().flat_map(|c| (c as u32).to_be_bytes()).collect();
    for (name, bytes) in [("le.txt", le), ("be.txt", be)] {
        let p = write(d.path(), name, &bytes);
        let (title, year) = title_and_year(&p);
        assert_eq!((title.as_str(), year), GUANGZHOU_2025);
    }
}

#[test]
fn unsupported_encoding_label_says_so() {
    let err = fails(&["outline", &sample("guangzhou-2025.txt"), "--encoding", "iso-2022-kr"]);
    assert!(err.contains("encoding 'iso-2022-kr' is not supported"), "{err}");
}

#[test]
fn largest_max_input_size_does_not_overflow() {
    let (title, _) = title_and_year_with(&["--max-input-size", "18446744073709551615"]);
    assert_eq!(title, GUANGZHOU_2025.0);
}

fn title_and_year_with(extra: &[&str]) -> (String, i64) {
    let s = sample("guangzhou-2025.txt");
    let mut args = vec!["outline", s.as_str()];
    args.extend(extra);
    let v = run_json(&args, 0);
    let r = &v["reports"][0];
    (
        r["title"].as_str().unwrap_or("").to_string(),
        r["year"].as_i64().unwrap_or(0),
    )
}

#[test]
fn deeply_nested_html_is_refused_in_one_line() {
    let d = tempfile::tempdir().unwrap();
    let deep = format!(
        "<html><body>{}政府工作报告{}</body></html>",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    let p = write(d.path(), "deep.html", deep.as_bytes());
    assert!(fails(&["outline", &p]).contains("deep.html: HTML nests elements 50000 deep"));
    let unclosed = format!("<html><body>{}政府工作报告", "<div>".repeat(300_000));
    let p = write(d.path(), "unclosed.html", unclosed.as_bytes());
    assert!(fails(&["outline", &p]).contains("unclosed.html: HTML nests elements 300000 deep"));
    // Nesting a real page could have still works, without recursion.
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let body: String = text.lines().map(|l| format!("<p>{l}</p>")).collect();
    let ok = format!(
        "<html><body>{}{body}{}</body></html>",
        "<div>".repeat(1_500),
        "</div>".repeat(1_500)
    );
    let p = write(d.path(), "nested.html", ok.as_bytes());
    assert_eq!(title_and_year(&p).1, 2025);
}
