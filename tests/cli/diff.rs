//! `reportdiff diff` as a user runs it, on real reports.

use crate::common;
use common::*;
use serde_json::Value;

fn diff_json(old: &str, new: &str, extra: &[&str], code: i32) -> Value {
    let mut args = vec!["diff", old, new];
    args.extend_from_slice(extra);
    run_json(&args, code)
}

fn sections(v: &Value) -> &Vec<Value> {
    v["sections"].as_array().unwrap()
}

fn label(side: &Value) -> String {
    format!(
        "{}{}",
        side["marker"].as_str().unwrap_or(""),
        side["heading"].as_str().unwrap_or("")
    )
}

#[test]
fn guangzhou_2021_to_2025_pairs_review_with_review_and_plan_with_plan() {
    let v = diff_json(&sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt"), &[], 1);
    assert_eq!(v["schema_version"], 2);
    assert_eq!(
        (v["old"]["year"].as_i64(), v["new"]["year"].as_i64()),
        (Some(2021), Some(2025))
    );
    assert_eq!(v["old"]["jurisdiction"], "广州市");
    let pair = |old_prefix: &str| {
        sections(&v)
            .iter()
            .find(|s| !s["old"].is_null() && label(&s["old"]).starts_with(old_prefix) && s["old"]["level"] == 1)
            .map(|s| label(&s["new"]))
    };
    assert_eq!(pair("一、“十三五”时期发展成就").as_deref(), Some("一、2024年工作回顾"));
    assert_eq!(pair("三、2021年工作安排").as_deref(), Some("二、2025年工作安排"));
    // Review sections mostly stay with review sections, plan with plan; a pair that
    // crosses parts is reported as moved.
    let pairs: Vec<&Value> = sections(&v)
        .iter()
        .filter(|s| !s["old"].is_null() && !s["new"].is_null() && s["old"]["level"] == 2)
        .collect();
    let review = |p: &Value| p["path"].as_str().unwrap().starts_with("一、");
    let crossing: Vec<&&Value> = pairs
        .iter()
        .filter(|s| review(&s["old"]) != review(&s["new"]))
        .collect();
    assert!(
        pairs.len() >= 10 && crossing.len() * 5 <= pairs.len(),
        "{} of {} pairs cross parts",
        crossing.len(),
        pairs.len()
    );
    assert!(crossing.iter().all(|s| s["status"] == "moved"));
}

#[test]
fn policy_phrases_appear_whole_inside_insertions() {
    let v = diff_json(&sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt"), &[], 1);
    for phrase in ["百千万工程", "12218"] {
        let hunks: Vec<&Value> = sections(&v)
            .iter()
            .flat_map(|s| s["hunks"].as_array().unwrap())
            .filter(|h| h["op"] != "equal" && h["new"].as_str().unwrap().contains(phrase))
            .collect();
        assert!(!hunks.is_empty(), "{phrase} not inserted");
        assert!(hunks
            .iter()
            .all(|h| h["phrases"].as_array().is_some_and(|p| p.iter().any(|x| x == phrase))));
        let p = v["phrases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["text"] == phrase)
            .unwrap();
        assert_eq!(p["status"], "new");
        assert_eq!(p["old_count"], 0);
    }
    let terminal = run_ok(
        &[
            "diff",
            &sample("guangzhou-2021.txt"),
            &sample("guangzhou-2025.txt"),
            "--color",
            "never",
            "--full",
        ],
        1,
    );
    assert!(terminal.contains("{+") && terminal.contains("“12218”") && terminal.contains("百千万工程"));
}

#[test]
fn summary_counts_agree_with_sections_and_hunks() {
    let v = diff_json(&sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt"), &[], 1);
    let s = &v["summary"];
    for (key, status) in [
        ("sections_added", "added"),
        ("sections_removed", "removed"),
        ("sections_moved", "moved"),
        ("sections_changed", "changed"),
        ("sections_unchanged", "unchanged"),
    ] {
        let n = sections(&v).iter().filter(|x| x["status"] == status).count();
        assert_eq!(s[key].as_u64(), Some(n as u64), "{key}");
    }
    let sum = |k: &str| sections(&v).iter().map(|x| x[k].as_u64().unwrap()).sum::<u64>();
    assert_eq!(s["words_inserted"].as_u64(), Some(sum("words_inserted")));
    assert_eq!(s["words_deleted"].as_u64(), Some(sum("words_deleted")));
    assert!(sum("words_inserted") > 1000);
    for x in sections(&v) {
        let hunks = x["hunks"].as_array().unwrap();
        match x["status"].as_str().unwrap() {
            "added" => assert!(hunks.iter().all(|h| h["op"] == "insert")),
            "removed" => assert!(hunks.iter().all(|h| h["op"] == "delete")),
            "unchanged" => assert!(hunks.iter().all(|h| h["op"] == "equal")),
            _ => assert!(hunks.iter().any(|h| h["op"] != "equal")),
        }
    }
    let phrases = v["phrases"].as_array().unwrap();
    for (key, status) in [
        ("phrases_new", "new"),
        ("phrases_dropped", "dropped"),
        ("phrases_recurring", "recurring"),
    ] {
        assert_eq!(
            s[key].as_u64(),
            Some(phrases.iter().filter(|p| p["status"] == status).count() as u64)
        );
    }
}

#[test]
fn same_report_in_gbk_and_utf8_is_identical() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let p = dir.path().join("gz2025-gbk.txt");
    std::fs::write(&p, &gbk).unwrap();
    let v = diff_json(&sample("guangzhou-2025.txt"), p.to_str().unwrap(), &[], 0);
    assert!(sections(&v).iter().all(|s| s["status"] == "unchanged"));
    assert_eq!(v["summary"]["words_inserted"], 0);
}

/// Swaps the bodies of `(三)` in part 一 and part 二 of the 2025 report and edits
/// one sentence in each: both land under another parent and must come out moved.
#[test]
fn swapped_sections_come_out_moved_with_their_word_changes() {
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    let block = |start: &str| -> (usize, usize) {
        let s = lines.iter().position(|l| l.starts_with(start)).unwrap();
        let e = s
            + 1
            + lines[s + 1..]
                .iter()
                .position(|l| l.starts_with('(') || l.starts_with("二、"))
                .unwrap();
        (s, e)
    };
    let (a0, a1) = block("(三)扎实推进科教人才融合发展");
    let (b0, b1) = block("(三)一体推进全面创新");
    let mut out: Vec<String> = Vec::new();
    out.extend(lines[..a0].iter().map(|s| s.to_string()));
    out.extend(
        lines[b0..b1]
            .iter()
            .map(|s| s.replace("支持加强基础研究", "大力支持加强基础研究")),
    );
    out.extend(lines[a1..b0].iter().map(|s| s.to_string()));
    out.extend(
        lines[a0..a1]
            .iter()
            .map(|s| s.replace("设立100亿元天使母基金", "设立200亿元天使母基金")),
    );
    out.extend(lines[b1..].iter().map(|s| s.to_string()));
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("gz2025-swapped.txt");
    std::fs::write(&p, out.join("\n")).unwrap();
    let v = diff_json(&sample("guangzhou-2025.txt"), p.to_str().unwrap(), &[], 1);
    let moved: Vec<&Value> = sections(&v).iter().filter(|s| s["status"] == "moved").collect();
    assert_eq!(
        moved.len(),
        2,
        "{:#?}",
        sections(&v)
            .iter()
            .map(|s| (&s["status"], &s["new"]["path"]))
            .collect::<Vec<_>>()
    );
    let changes: Vec<(String, String)> = moved
        .iter()
        .flat_map(|s| s["hunks"].as_array().unwrap())
        .filter(|h| h["op"] != "equal")
        .map(|h| {
            (
                h["old"].as_str().unwrap().to_string(),
                h["new"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        changes.contains(&("100亿元".to_string(), "200亿元".to_string())),
        "{changes:?}"
    );
    // Whole words: jieba reads 大力支持 as one word.
    assert!(
        changes.iter().any(|(o, n)| !o.contains("大力") && n.contains("大力")),
        "{changes:?}"
    );
    assert_eq!(v["summary"]["sections_added"], 0);
    assert_eq!(v["summary"]["sections_removed"], 0);
}

#[test]
fn national_2012_to_2013_diffs_sensibly() {
    let v = diff_json(&sample("national-2012.txt"), &sample("national-2013.txt"), &[], 1);
    assert_eq!(v["degraded"], false);
    let first = sections(&v)
        .iter()
        .find(|s| !s["old"].is_null() && s["old"]["level"] == 1 && s["old"]["marker"] == "一、")
        .unwrap();
    assert_eq!(label(&first["new"]), "一、过去五年工作回顾");
}

#[test]
fn number_changes_and_year_shifts_are_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2024.txt");
    let new = dir.path().join("2025.txt");
    std::fs::write(&old, "各位代表:\n一、2024年工作安排\n地区生产总值增长5%左右。\n").unwrap();
    std::fs::write(&new, "各位代表:\n一、2025年工作安排\n地区生产总值增长5.5%左右。\n").unwrap();
    let v = diff_json(old.to_str().unwrap(), new.to_str().unwrap(), &[], 1);
    let hunks: Vec<&Value> = sections(&v)
        .iter()
        .flat_map(|s| s["hunks"].as_array().unwrap())
        .filter(|h| h["op"] != "equal")
        .collect();
    assert!(hunks
        .iter()
        .any(|h| h["old"] == "5%" && h["new"] == "5.5%" && h["tag"] == "number"));
    assert!(hunks
        .iter()
        .any(|h| h["old"] == "2024年" && h["new"] == "2025年" && h["tag"] == "year"));
    assert_eq!(v["summary"]["year_shifts"], 1);
    // With --ignore-years only the number change remains.
    let v = diff_json(old.to_str().unwrap(), new.to_str().unwrap(), &["--ignore-years"], 1);
    assert_eq!(v["summary"]["words_inserted"], 1);
    // A pure year shift is no difference at all with --ignore-years.
    std::fs::write(&new, "各位代表:\n一、2025年工作安排\n地区生产总值增长5%左右。\n").unwrap();
    diff_json(old.to_str().unwrap(), new.to_str().unwrap(), &["--ignore-years"], 0);
}

#[test]
fn multi_report_file_needs_a_selector() {
    let out = bin()
        .args(["diff", &seed("003"), &sample("guangzhou-2025.txt")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("holds 10 reports") && err.contains("--old-report"),
        "{err}"
    );
    let by_number = diff_json(&seed("003"), &sample("guangzhou-2025.txt"), &["--old-report", "5"], 1);
    let by_text = diff_json(
        &seed("003"),
        &sample("guangzhou-2025.txt"),
        &["--old-report", "广州市"],
        1,
    );
    assert_eq!(by_number["old"]["year"].as_i64(), Some(2021));
    assert_eq!(by_number["summary"], by_text["summary"]);
}

#[test]
fn terminal_views() {
    let args = |extra: &[&str]| {
        let mut a = vec![
            "diff".to_string(),
            sample("national-2012.txt"),
            sample("national-2013.txt"),
        ];
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |extra: &[&str]| {
        let out = bin().args(args(extra)).env("COLUMNS", "100").output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let stat = run(&["--stat"]);
    assert!(stat.lines().count() < 40 && stat.contains("sections:"));
    assert!(!stat.contains("[-"));
    let sbs = run(&["--side-by-side", "--context", "0"]);
    let widths: Vec<usize> = sbs
        .lines()
        .filter(|l| l.contains(" │ "))
        .map(reportdiff::render::layout::width)
        .collect();
    assert!(
        !widths.is_empty() && widths.iter().all(|&w| w <= 100),
        "max width {:?}",
        widths.iter().max()
    );
    let coloured = run(&["--color", "always"]);
    assert!(coloured.contains("\u{1b}["));
    assert!(!run(&[]).contains("\u{1b}["));
}

#[test]
fn output_to_a_device_writes_through_it() {
    use std::os::unix::fs::FileTypeExt;
    run_ok(
        &["outline", &sample("guangzhou-2023-summary.txt"), "-o", "/dev/null"],
        0,
    );
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("diff.json");
    run_ok(
        &[
            "diff",
            &sample("national-2012.txt"),
            &sample("national-2013.txt"),
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        1,
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "temporary files left behind"
    );
}

/// A Markdown report and the same text with its bold markers removed read the
/// same: same sections, same words (exit 0).
#[test]
fn markdown_and_plain_text_diff_identical() {
    for name in [
        "yangzhou-2024",
        "suzhou-anhui-2014",
        "zhongshan-2016",
        "ordos-2015-resolution",
    ] {
        let md = fixture(&format!("cities/{name}.md"));
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join(format!("{name}.txt"));
        std::fs::write(&plain, std::fs::read_to_string(&md).unwrap().replace("**", "")).unwrap();
        let out = run_ok(&["diff", &md, plain.to_str().unwrap(), "--color", "never", "--stat"], 0);
        assert!(!out.is_empty(), "{name}");
    }
}
