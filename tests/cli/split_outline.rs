//! `split` and `outline` on the real seeds and the national corpus, as a user runs them.

use crate::common;
use common::*;
use serde_json::Value;

fn reports(v: &Value) -> &Vec<Value> {
    v["reports"].as_array().expect("reports array")
}

fn top_level_children(report: &Value) -> Vec<(String, usize)> {
    // (heading of each level-1 numbered section, number of level-2 numbered sections under it)
    let mut out: Vec<(String, usize)> = Vec::new();
    for s in report["sections"].as_array().unwrap() {
        if s["role"] != "heading" {
            continue;
        }
        match s["level"].as_u64().unwrap() {
            1 => out.push((
                format!("{}{}", s["marker"].as_str().unwrap(), s["heading"].as_str().unwrap()),
                0,
            )),
            2 => {
                if let Some(last) = out.last_mut() {
                    last.1 += 1
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn seed_003_holds_ten_reports_with_metadata() {
    let v = run_json(&["split", &seed("003")], 0);
    let got: Vec<(i64, String, String)> = reports(&v)
        .iter()
        .map(|r| {
            (
                r["year"].as_i64().unwrap(),
                r["jurisdiction"].as_str().unwrap().to_string(),
                r["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        (2019, "增城区中新镇"),
        (2019, "增城区小楼镇"),
        (2019, "花都区梯面镇"),
        (2019, "花都区花山镇"),
        (2021, "广州市"),
        (2021, "黄埔区"),
        (2021, "荔湾区"),
        (2021, "天河区"),
        (2021, "越秀区"),
        (2021, "从化区"),
    ];
    assert_eq!(got.len(), 10);
    for ((y, j, k), (wy, wj)) in got.iter().zip(want) {
        assert_eq!((*y, j.as_str(), k.as_str()), (wy, wj, "work_report"));
    }
    // Ranges are ordered, disjoint and non-empty.
    let ranges: Vec<(u64, u64)> = reports(&v)
        .iter()
        .map(|r| (r["char_start"].as_u64().unwrap(), r["char_end"].as_u64().unwrap()))
        .collect();
    for w in ranges.windows(2) {
        assert!(w[0].0 < w[0].1 && w[0].1 <= w[1].0, "{ranges:?}");
    }
}

#[test]
fn seed_004_tianjin_zhaoqing_and_news() {
    let v = run_json(&["split", &seed("004")], 0);
    let r = reports(&v);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0]["kind"], "news");
    assert_eq!(
        (r[1]["year"].as_i64(), r[1]["jurisdiction"].as_str()),
        (Some(2023), Some("天津市"))
    );
    assert_eq!(r[1]["kind"], "work_report");
    assert_eq!(
        (r[2]["year"].as_i64(), r[2]["jurisdiction"].as_str()),
        (Some(2022), Some("肇庆市"))
    );
}

#[test]
fn seed_000_two_parts_with_8_and_12_sections() {
    let v = run_json(&["outline", &seed("000")], 0);
    let r = &reports(&v)[0];
    assert_eq!(
        (r["year"].as_i64(), r["jurisdiction"].as_str()),
        (Some(2025), Some("广州市"))
    );
    let parts = top_level_children(r);
    assert_eq!(
        parts,
        vec![
            ("一、2024年工作回顾".to_string(), 8),
            ("二、2025年工作安排".to_string(), 12)
        ]
    );
    let roles: Vec<&str> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["role"].as_str().unwrap())
        .collect();
    assert_eq!(roles.first(), Some(&"preamble"));
    assert_eq!(roles.last(), Some(&"closing"));
}

#[test]
fn seed_002_traditional_summary_has_ten_parts_in_its_own_script() {
    let v = run_json(&["outline", &seed("002")], 0);
    let r = &reports(&v)[0];
    let parts = top_level_children(r);
    assert_eq!(parts.len(), 10, "{parts:?}");
    // Headings in the report's own (traditional) script, pinyin glosses gone.
    assert_eq!(parts[0].0, "1堅持產業第一、制造業立市 加快構建現代化產業體系");
    assert!(
        parts.iter().all(|(h, _)| !h.contains('(') && !h.contains("xiàn")),
        "{parts:?}"
    );
    assert_eq!((r["year"].as_i64(), r["kind"].as_str()), (Some(2023), Some("summary")));
}

#[test]
fn seed_001_proposal_has_15_parts_items_and_10_boxes() {
    let v = run_json(&["outline", &seed("001")], 0);
    let r = &reports(&v)[0];
    assert_eq!(r["kind"], "plan_proposal");
    let sections = r["sections"].as_array().unwrap();
    let parts = top_level_children(r);
    assert_eq!(parts.len(), 15);
    assert!(parts.iter().all(|(h, _)| !h.starts_with("五、第六")));
    let boxes = sections
        .iter()
        .filter(|s| s["marker"].as_str().unwrap().starts_with("专栏"))
        .count();
    assert_eq!(boxes, 10);
    let items: Vec<u32> = sections
        .iter()
        .filter_map(|s| {
            s["marker"]
                .as_str()
                .unwrap()
                .strip_prefix('(')?
                .strip_suffix(')')?
                .parse()
                .ok()
        })
        .collect();
    assert!(items.len() >= 45 && items.windows(2).all(|w| w[0] < w[1]), "{items:?}");
    assert_eq!((items[0], *items.last().unwrap()), (1, 58));
    // The lead-in news before the title is not part of the report.
    let start = r["char_start"].as_u64().unwrap();
    assert!(start > 200, "report starts at {start}");
}

#[test]
fn guangzhou_2021_inline_headings_reject_running_text() {
    let v = run_json(&["outline", &sample("guangzhou-2021.txt")], 0);
    let r = &reports(&v)[0];
    assert_eq!(r["year"].as_i64(), Some(2021));
    let parts = top_level_children(r);
    assert_eq!(parts.len(), 3, "{parts:?}");
    assert!(parts.iter().all(|(h, _)| !h.contains("全省一半")), "{parts:?}");
    assert!(parts[2].0.starts_with("三、2021年工作安排"), "{parts:?}");
}

#[test]
fn every_national_report_gets_an_outline_and_its_year() {
    let dir = root().join("../shared/corpus/national");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 41);
    let mut with_parts = 0;
    for f in &files {
        let path = f.to_string_lossy();
        let v = run_json(&["outline", &path], 0);
        let r = reports(&v);
        assert_eq!(r.len(), 1, "{path}");
        let year: i64 = f.file_stem().unwrap().to_string_lossy().parse().unwrap();
        assert_eq!(r[0]["year"].as_i64(), Some(year), "{path}");
        assert_eq!(r[0]["jurisdiction"], "国务院", "{path}");
        if !top_level_children(&r[0]).is_empty() {
            with_parts += 1;
        }
    }
    assert!(with_parts >= 36, "only {with_parts} of 41 reports have numbered parts");
}

#[test]
fn traditional_1957_is_shown_simplified() {
    let out = run_ok(&["outline", &sample("national-1957.txt"), "--color", "never"], 0);
    assert!(!out.contains("會議") && !out.contains("經濟"), "{out}");
}

#[test]
fn split_out_dir_writes_readable_files() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("reports");
    run_ok(&["split", &seed("003"), "--out-dir", out_dir.to_str().unwrap()], 0);
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 10);
    assert_eq!(names[0], "01-2019-增城区中新镇-work_report.txt");
    // A written piece reads back as the same single report.
    let again = run_json(&["split", out_dir.join(&names[4]).to_str().unwrap()], 0);
    assert_eq!(reports(&again).len(), 1);
    assert_eq!(reports(&again)[0]["year"].as_i64(), Some(2021));
}

#[test]
fn gbk_copy_gives_the_same_outline() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let p = dir.path().join("gz-gbk.txt");
    std::fs::write(&p, &gbk).unwrap();
    let a = run_json(&["outline", &sample("guangzhou-2025.txt")], 0);
    let b = run_json(&["outline", p.to_str().unwrap()], 0);
    assert_eq!(a["reports"][0]["sections"], b["reports"][0]["sections"]);
}

#[test]
fn stdin_dash_reads_standard_input() {
    let text = std::fs::read(sample("guangzhou-2023-summary.txt")).unwrap();
    let out = bin()
        .args(["outline", "-", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports(&v)[0]["year"].as_i64(), Some(2023));
}

#[test]
fn colour_only_when_asked() {
    let plain = run_ok(&["outline", &sample("guangzhou-2025.txt")], 0);
    assert!(!plain.contains('\u{1b}'), "piped output must not be coloured");
    let forced = run_ok(&["outline", &sample("guangzhou-2025.txt"), "--color", "always"], 0);
    assert!(forced.contains('\u{1b}'));
    let out = bin()
        .args(["outline", &sample("guangzhou-2025.txt")])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}
