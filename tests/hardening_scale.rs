//! Hardening (issue 16) on generated inputs: large outlines keep honest moves,
//! degraded diffs count right and say so. Sizes, never times, are asserted
//! (the timings are in docs/performance.md, from scripts/scaling-bench.sh).

mod common;
use common::*;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// A report of 10 parts × 6 chapters × `items` numbered items whose bodies
/// are nearly alike (the hard case for pairing); `reword` changes part 3.
fn many_sections(items: usize, reword: bool) -> String {
    let mut t = String::from("2025年某市政府工作报告\n各位代表：\n现在，我代表市人民政府，向大会报告工作。\n");
    for (p, part) in NUMERALS.iter().enumerate() {
        t.push_str(&format!("{part}、第{}部分工作\n", p + 1));
        for chapter in NUMERALS.iter().take(6) {
            t.push_str(&format!("（{chapter}）重点方面\n"));
            for k in 0..items {
                let verb = if reword && p == 2 { "加快" } else { "推进" };
                t.push_str(&format!(
                    "{}.重点任务。{verb}高质量发展，完善体制机制，提升服务水平，第{}项。\n",
                    k + 1,
                    k % 3
                ));
            }
        }
    }
    t.push_str("各位代表！让我们团结奋斗。\n");
    t
}

#[test]
fn many_sections_with_one_part_changed_report_no_moves() {
    let d = tempfile::tempdir().unwrap();
    let old = d.path().join("old.txt");
    let new = d.path().join("new.txt");
    // 10 + 60 + 600 sections a side: far above the full-matrix limit.
    std::fs::write(&old, many_sections(10, false)).unwrap();
    std::fs::write(&new, many_sections(10, true)).unwrap();
    let v = run_json(&["diff", old.to_str().unwrap(), new.to_str().unwrap()], 1);
    let s = &v["summary"];
    assert_eq!(s["sections_moved"], 0, "{s}");
    assert_eq!(s["sections_added"], 0, "{s}");
    assert_eq!(s["sections_removed"], 0, "{s}");
    // Only part 3 (its 60 items, 6 chapters and the part itself) can change.
    assert!(s["sections_changed"].as_u64().unwrap() <= 67, "{s}");
}

/// `count` copies of one sentence, with `extra` inserted after `at` of them.
fn repeated(count: usize, extra: Option<(usize, &str)>) -> String {
    let mut t = String::from("2025年某市政府工作报告\n各位代表：\n");
    for i in 0..count {
        if let Some((at, s)) = extra {
            if i == at {
                t.push_str(s);
            }
        }
        t.push_str("我们坚持稳中求进工作总基调，推动经济社会高质量发展。");
    }
    t.push('\n');
    t
}

#[test]
fn one_sentence_among_thousands_of_identical_ones_counts_right() {
    let d = tempfile::tempdir().unwrap();
    let old = d.path().join("old.txt");
    let new = d.path().join("new.txt");
    std::fs::write(&old, repeated(5_000, None)).unwrap();
    std::fs::write(&new, repeated(5_000, Some((2_500, "新增一项重点任务。")))).unwrap();
    let v = run_json(&["diff", old.to_str().unwrap(), new.to_str().unwrap()], 1);
    let s = &v["summary"];
    assert_eq!(s["words_deleted"], 0, "{s}");
    assert!(s["words_inserted"].as_u64().unwrap() <= 5, "{s}");
    assert_eq!(v["degraded"], false);

    // check says the same: a tiny share passes a 1 % limit (was "100% changed").
    let config = d.path().join("reportdiff.toml");
    std::fs::write(
        &config,
        "reports = [{ path = \"old.txt\", year = 2024 }, { path = \"new.txt\", year = 2025 }]\n[changes]\nmax_changed_share = 0.01\n",
    )
    .unwrap();
    let out = bin()
        .args(["check", "--config", config.to_str().unwrap(), "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("degraded"), "{text}");
}
