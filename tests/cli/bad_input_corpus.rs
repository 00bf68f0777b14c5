//! The bad-input corpus in tests/bad-inputs/ (see its README.md): every file
//! either gives a sensible result with exit 0 or fails with exit 2 and exactly
//! one stderr line naming the file. Large cases are generated into a temporary
//! folder at test time and must finish within a time limit.

use crate::common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What running `outline` and `split` on a corpus file must give.
enum Expect {
    /// Exit 0 with the outline of `reference-utf8.txt`.
    Reference,
    /// Exit 0; the Big5 copy (traditional script) shown in simplified script.
    Big5,
    /// Exit 0 with one report that is all preamble.
    NoHeadings,
    /// Exit 2 with one stderr line `reportdiff: <path>: <problem>`.
    Error(&'static str),
}

/// Every file of tests/bad-inputs/ and what it must give.
const CORPUS: &[(&str, Expect)] = &[
    ("reference-utf8.txt", Expect::Reference),
    ("crlf.txt", Expect::Reference),
    ("mixed-line-endings.txt", Expect::Reference),
    ("cr-only.txt", Expect::Reference),
    ("utf8-bom-crlf.txt", Expect::Reference),
    ("invalid-utf8-middle.txt", Expect::Reference),
    ("truncated-gbk.txt", Expect::Reference),
    ("utf16le-no-bom.txt", Expect::Reference),
    ("utf16be-no-bom.txt", Expect::Reference),
    ("utf16le-bom.txt", Expect::Reference),
    ("utf16be-bom.txt", Expect::Reference),
    ("big5.txt", Expect::Big5),
    ("no-headings.txt", Expect::NoHeadings),
    (
        "nul-bytes.txt",
        Expect::Error("looks like binary data (contains NUL bytes), not text"),
    ),
    (
        "utf8-bom-nul.txt",
        Expect::Error("looks like binary data (contains NUL bytes), not text"),
    ),
    (
        "furniture-only.txt",
        Expect::Error("contains no report text (empty or only whitespace and site furniture)"),
    ),
];

fn corpus_file(name: &str) -> String {
    root()
        .join("tests/bad-inputs")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// (role, level, marker, heading) of each section of the only report.
type Outline = Vec<(String, u64, String, String)>;

fn sections(report: &Value) -> Outline {
    report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| {
            (
                s["role"].as_str().unwrap().to_string(),
                s["level"].as_u64().unwrap(),
                s["marker"].as_str().unwrap().to_string(),
                s["heading"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn only_report(v: &Value) -> &Value {
    let reports = v["reports"].as_array().expect("reports");
    assert_eq!(reports.len(), 1, "{v}");
    &reports[0]
}

fn heading(level: u64, marker: &str, text: &str) -> (String, u64, String, String) {
    ("heading".into(), level, marker.into(), text.into())
}

fn unmarked(role: &str) -> (String, u64, String, String) {
    (role.into(), 1, String::new(), String::new())
}

/// The outline of the reference report, written out so that a change in the
/// reference itself is noticed too.
fn reference_outline() -> Outline {
    vec![
        unmarked("preamble"),
        heading(1, "一、", "2023年工作回顾"),
        heading(2, "(一)", "扎实推进产业转型升级"),
        heading(2, "(二)", "扎实推进民生事业发展"),
        heading(1, "二、", "2024年工作安排"),
        heading(2, "(一)", "加快构建现代化产业体系"),
        heading(2, "(二)", "持续增进民生福祉"),
        unmarked("closing"),
    ]
}

fn check_meta(report: &Value, name: &str) {
    // The title as the file writes it: the Big5 file is in traditional script.
    let title = if name.contains("big5") {
        "2024年廣州市政府工作報告"
    } else {
        "2024年广州市政府工作报告"
    };
    assert_eq!(report["title"], title, "{name}");
    assert_eq!(report["year"], 2024, "{name}");
    assert_eq!(report["jurisdiction"], "广州市", "{name}");
    assert_eq!(report["kind"], "work_report", "{name}");
}

fn check_error(command: &str, name: &str, problem: &str) {
    let path = corpus_file(name);
    let out = bin().args([command, &path]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{command} {name}");
    assert!(out.stdout.is_empty(), "{command} {name}: no partial output");
    let err = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert_eq!(err, format!("reportdiff: {path}: {problem}\n"), "{command} {name}");
}

#[test]
fn every_corpus_file_has_an_expectation_and_a_readme_row() {
    let dir = root().join("tests/bad-inputs");
    let readme = std::fs::read_to_string(dir.join("README.md")).expect("README.md");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    for name in &listed {
        assert!(
            readme.contains(&format!("| `{name}` |")),
            "README.md lacks a row for {name}"
        );
        let size = std::fs::metadata(dir.join(name)).unwrap().len();
        assert!(size < 4096, "{name} is {size} bytes: generate large cases at test time");
    }
}

#[test]
fn corpus_outline_and_split() {
    for (name, expect) in CORPUS {
        let path = corpus_file(name);
        match expect {
            Expect::Error(problem) => {
                check_error("outline", name, problem);
                check_error("split", name, problem);
            }
            Expect::Reference => {
                let v = run_json(&["outline", &path], 0);
                let r = only_report(&v);
                check_meta(r, name);
                assert_eq!(sections(r), reference_outline(), "{name}");
                let s = run_json(&["split", &path], 0);
                check_meta(only_report(&s), name);
                let text = run_ok(&["outline", &path, "--color", "never"], 0);
                assert!(
                    text.starts_with("2024 广州市 · 2024年广州市政府工作报告"),
                    "{name}: {text}"
                );
            }
            Expect::Big5 => {
                // A traditional report is shown in its own script (issue 25):
                // the same outline, headings as the file writes them.
                let v = run_json(&["outline", &path], 0);
                let r = only_report(&v);
                check_meta(r, name);
                let as_simplified: Outline = sections(r)
                    .into_iter()
                    .map(|(role, level, marker, heading)| (role, level, marker, hanconv::t2s(heading)))
                    .collect();
                assert_eq!(as_simplified, reference_outline(), "{name}");
                assert!(sections(r).iter().any(|s| s.3.contains("紮實")), "{name}");
                check_meta(only_report(&run_json(&["split", &path], 0)), name);
                let text = run_ok(&["outline", &path, "--color", "never"], 0);
                assert!(
                    text.contains("2024年廣州市政府工作報告") && text.contains("紮實"),
                    "{text}"
                );
            }
            Expect::NoHeadings => {
                let v = run_json(&["outline", &path], 0);
                let r = only_report(&v);
                assert_eq!(sections(r), vec![unmarked("preamble")]);
                assert_eq!(r["kind"], "work_report");
                assert_eq!(r["year"], Value::Null);
                let s = run_json(&["split", &path], 0);
                assert_eq!(only_report(&s)["char_start"], 0);
            }
        }
    }
}

/// Runs the binary with stdout and stderr in files, killing it after `limit`.
/// Returns (exit code, stdout, stderr).
fn run_limited(dir: &Path, args: &[&str], limit: Duration) -> (i32, String, String) {
    let out_path = dir.join("stdout");
    let err_path = dir.join("stderr");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reportdiff"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("spawn reportdiff");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("reportdiff {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |p: &PathBuf| String::from_utf8(std::fs::read(p).unwrap()).expect("UTF-8 output");
    (status.code().unwrap_or(-1), read(&out_path), read(&err_path))
}

/// Generous for a debug build on a slow machine; quadratic work never finishes in it.
const LIMIT: Duration = Duration::from_secs(120);

#[test]
fn fifty_megabyte_single_line_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let copy = std::fs::read_to_string(corpus_file("reference-utf8.txt"))
        .unwrap()
        .replace('\n', " ");
    let copies = 50 * 1024 * 1024 / copy.len() + 1;
    let text = copy.repeat(copies);
    let path = dir.path().join("one-line.txt");
    std::fs::write(&path, &text).unwrap();
    let p = path.to_str().unwrap();
    let json_path = dir.path().join("outline.json");
    let (code, _, err) = run_limited(
        dir.path(),
        &["outline", p, "--format", "json", "-o", json_path.to_str().unwrap()],
        LIMIT,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let r = only_report(&v);
    check_meta(r, "one-line.txt");
    assert_eq!(r["char_end"].as_u64(), Some(text.chars().count() as u64));
    // The first copy's outline comes first; every section lies inside the file.
    assert_eq!(sections(r)[..7], reference_outline()[..7]);
    for s in r["sections"].as_array().unwrap() {
        assert!(s["char_start"].as_u64() <= s["char_end"].as_u64());
        assert!(s["char_end"].as_u64() <= r["char_end"].as_u64());
    }
    let (code, out, err) = run_limited(dir.path(), &["split", p, "--color", "never"], LIMIT);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
}

fn cjk_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match (n / 10, n % 10) {
        (0, u) => DIGITS[u].to_string(),
        (1, u) => format!("十{}", DIGITS[u]),
        (t, u) => format!("{}十{}", DIGITS[t], DIGITS[u]),
    }
}

#[test]
fn report_with_2420_headings_finishes_with_all_of_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("2024年某市政府工作报告\n各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议。\n");
    for a in 1..=20 {
        text.push_str(&format!("{}、第{a}部分工作\n", cjk_numeral(a)));
        for b in 1..=20 {
            text.push_str(&format!("({})第{a}部分第{b}项任务\n", cjk_numeral(b)));
            for c in 1..=5 {
                text.push_str(&format!(
                    "{c}.推进第{a}-{b}-{c}项具体工作。围绕目标任务加强统筹协调,确保各项措施落地见效。\n"
                ));
            }
        }
    }
    text.push_str("各位代表!\n让我们团结奋斗。\n");
    let path = dir.path().join("2000-headings.txt");
    std::fs::write(&path, &text).unwrap();
    let json_path = dir.path().join("outline.json");
    let (code, _, err) = run_limited(
        dir.path(),
        &[
            "outline",
            path.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            json_path.to_str().unwrap(),
        ],
        LIMIT,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let got = sections(only_report(&v));
    let count = |level: u64| got.iter().filter(|s| s.0 == "heading" && s.1 == level).count();
    assert_eq!((count(1), count(2), count(3)), (20, 400, 2000));
    assert_eq!(got[1], heading(1, "一、", "第1部分工作"));
    assert_eq!(got.last(), Some(&unmarked("closing")));
    let markers: Vec<&str> = got.iter().filter(|s| s.1 == 3).map(|s| s.2.as_str()).collect();
    assert!(markers.chunks(5).all(|c| c == ["1.", "2.", "3.", "4.", "5."]));
}

#[test]
fn file_with_3000_reports_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let reference = std::fs::read_to_string(corpus_file("reference-utf8.txt")).unwrap();
    let text: String = (0..3000)
        .map(|i| reference.replacen("2024年广州市", &format!("{}年第{i}镇", 1990 + i % 35), 1))
        .collect();
    let path = dir.path().join("many.txt");
    std::fs::write(&path, &text).unwrap();
    let json_path = dir.path().join("split.json");
    let (code, _, err) = run_limited(
        dir.path(),
        &[
            "split",
            path.to_str().unwrap(),
            "--format",
            "json",
            "-o",
            json_path.to_str().unwrap(),
        ],
        LIMIT,
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports.len(), 3000);
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(
            r["title"].as_str(),
            Some(format!("{}年第{i}镇政府工作报告", 1990 + i % 35).as_str())
        );
    }
    let ranges: Vec<(u64, u64)> = reports
        .iter()
        .map(|r| (r["char_start"].as_u64().unwrap(), r["char_end"].as_u64().unwrap()))
        .collect();
    assert!(ranges.windows(2).all(|w| w[0].0 < w[0].1 && w[0].1 <= w[1].0));
}
