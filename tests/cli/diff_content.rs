//! What a reporter needs first: the report's own characters in every output,
//! key figures paired across years, reworded sentences shown as edits.

use crate::common;
use common::*;

fn run(args: &[&str]) -> String {
    let out = bin().args(args).env("COLUMNS", "100").output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Places where an ASCII `,` `:` or `;` sits between two Chinese characters.
fn ascii_between_cjk(text: &str) -> Vec<String> {
    let cjk = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .filter(|w| cjk(w[0]) && matches!(w[1], ',' | ':' | ';') && cjk(w[2]))
        .map(|w| w.iter().collect())
        .collect()
}

#[test]
fn every_output_quotes_the_reports_own_punctuation() {
    let (a, b) = (sample("national-2012.txt"), sample("national-2013.txt"));
    for input in [&a, &b] {
        let raw = std::fs::read_to_string(input).unwrap();
        assert!(
            ascii_between_cjk(&raw).is_empty(),
            "{input} itself has ASCII punctuation"
        );
    }
    let runs: Vec<Vec<&str>> = vec![
        vec!["diff", &a, &b],
        vec!["diff", &a, &b, "--side-by-side"],
        vec!["diff", &a, &b, "--format", "json"],
        vec!["diff", &a, &b, "--format", "markdown"],
        vec!["diff", &a, &b, "--format", "html"],
        vec!["series", &a, &b, "--format", "json"],
        vec!["series", &a, &b, "--format", "html"],
        vec!["phrases", &a, &b],
        vec!["phrases", &a, &b, "--format", "json"],
    ];
    for args in runs {
        let out = run(&args);
        let bad = ascii_between_cjk(&out);
        assert!(
            bad.is_empty(),
            "{args:?}: {} places, e.g. {:?}",
            bad.len(),
            &bad[..bad.len().min(5)]
        );
        if args[0] == "diff" {
            assert!(out.contains('，'), "{args:?}: no full-width comma at all");
        }
    }
}

/// (indicator, kind, old value, new value, status) of the diff's figures.
fn figures(a: &str, b: &str) -> Vec<(String, String, String, String, String)> {
    let json: serde_json::Value = serde_json::from_str(&run(&["diff", a, b, "--format", "json"])).unwrap();
    assert_eq!(json["text"], "original");
    let value = |v: &serde_json::Value| v["value"].as_str().unwrap_or("").to_string();
    json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["indicator"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                value(&f["old"]),
                value(&f["new"]),
                f["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(figs: &[(String, String, String, String, String)], indicator: &str, old: &str, new: &str) {
    assert!(
        figs.iter()
            .any(|f| f.0 == indicator && f.1 == "target" && f.2 == old && f.3 == new && f.4 == "changed"),
        "no changed target {indicator} {old} → {new} in {:?}",
        figs.iter().filter(|f| f.1 == "target").collect::<Vec<_>>()
    );
}

#[test]
fn changed_targets_national_2012_2013() {
    let figs = figures(&sample("national-2012.txt"), &sample("national-2013.txt"));
    has(&figs, "居民消费价格涨幅", "4％左右", "3.5%左右");
    has(&figs, "财政赤字", "8000亿元", "1.2万亿元");
    assert!(figs
        .iter()
        .any(|f| f.0 == "城镇新增就业" && f.1 == "target" && f.4 == "unchanged"));
}

#[test]
fn changed_targets_guangzhou_2021_2025() {
    let figs = figures(&sample("guangzhou-2021.txt"), &sample("guangzhou-2025.txt"));
    has(&figs, "地区生产总值增长", "6%以上", "5%左右");
    has(&figs, "居民消费价格涨幅", "3%左右", "2%左右");
    has(&figs, "城镇新增就业", "22万人", "25万人以上");
}

#[test]
fn series_lists_figures_by_year() {
    let out = run(&[
        "series",
        &sample("national-2012.txt"),
        &sample("national-2013.txt"),
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let cpi = json["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["indicator"] == "居民消费价格涨幅" && f["kind"] == "target")
        .expect("CPI target in the series");
    assert_eq!(cpi["values"]["2012"]["value"], "4％左右");
    assert_eq!(cpi["values"]["2013"]["value"], "3.5%左右");
}

/// Writes `text` to a fresh file in the temp folder and returns its path.
fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("reportdiff-story-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_string_lossy().into_owned()
}

const SENTENCE: &str = "工业投资连续三年保持两位数增长,近三年高技术制造业投资年均增长26.4%、全社会研发经费支出年均增长10.4%、民营经济增加值占GDP比重提升1.3个百分点。";

fn changed_hunks(a: &str, b: &str) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&run(&["diff", a, b, "--format", "json"])).unwrap();
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["hunks"].as_array().unwrap().clone())
        .filter(|h| h["op"] != "equal")
        .collect()
}

#[test]
fn a_number_change_is_an_in_place_edit() {
    let old = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    assert_eq!(old.matches(SENTENCE).count(), 1);
    // The number changes, and the sentences around it change too.
    let new = old
        .replace(
            SENTENCE,
            &format!(
                "{}技术合同成交额增长11.2%,创历史新高。",
                SENTENCE.replace("10.4%", "11.2%")
            ),
        )
        .replace("独角兽企业增至24家、数量居全球城市第九。", "");
    let b = temp_file("number-edit.txt", &new);
    let hunks = changed_hunks(&sample("guangzhou-2025.txt"), &b);
    assert!(
        hunks
            .iter()
            .any(|h| h["op"] == "replace" && h["old"] == "10.4%" && h["new"] == "11.2%" && h["tag"] == "number"),
        "{hunks:#?}"
    );
    assert!(!hunks
        .iter()
        .any(|h| h["op"] == "delete" && h["old"].as_str().unwrap().contains("10.4%")));
}

#[test]
fn a_sentence_moved_to_another_section_keeps_its_edits() {
    let old = std::fs::read_to_string(sample("guangzhou-2025.txt")).unwrap();
    let mut new = old.replace(SENTENCE, "");
    let at = new.find("(二)扎实推进粤港澳大湾区建设").unwrap();
    let end = at + new[at..].find('。').unwrap() + '。'.len_utf8();
    new.insert_str(end, &SENTENCE.replace("10.4%", "11.2%"));
    let b = temp_file("moved.txt", &new);
    let hunks = changed_hunks(&sample("guangzhou-2025.txt"), &b);
    let moved: Vec<&serde_json::Value> = hunks.iter().filter(|h| h["tag"] == "moved").collect();
    assert_eq!(moved.len(), 2, "{hunks:#?}");
    for h in moved {
        let edits = h["moved"]["edits"].as_array().unwrap();
        assert!(edits
            .iter()
            .any(|e| e["old"] == "10.4%" && e["new"] == "11.2%" && e["tag"] == "number"));
    }
}

#[test]
fn changed_targets_on_the_first_screen() {
    for (a, b, indicator, new) in [
        (
            sample("national-2012.txt"),
            sample("national-2013.txt"),
            "居民消费价格涨幅",
            "3.5%左右",
        ),
        (
            sample("guangzhou-2021.txt"),
            sample("guangzhou-2025.txt"),
            "地区生产总值增长",
            "5%左右",
        ),
    ] {
        let out = run(&["diff", &a, &b, "--color", "never"]);
        let first: Vec<&str> = out.lines().take(40).collect();
        assert!(
            first
                .iter()
                .any(|l| l.contains(indicator) && l.contains(new) && l.contains('→')),
            "{indicator} → {new} not in the first 40 lines:\n{}",
            first.join("\n")
        );
    }
}

#[test]
fn brief_snapshots() {
    let (a, b) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    for (name, format) in [
        ("brief-terminal", "terminal"),
        ("brief-markdown", "markdown"),
        ("brief-html", "html"),
    ] {
        let out = run(&["diff", &a, &b, "--brief", "--color", "never", "--format", format])
            .replace(root().to_string_lossy().as_ref(), "[ROOT]");
        let full = run(&["diff", &a, &b, "--color", "never", "--format", format]);
        assert!(full.len() > out.len() * 3, "{name}: --brief is not shorter");
        insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name.to_string(), out);
        });
    }
}

#[test]
fn rewritten_pairs_fold_unless_full() {
    let (a, b) = (sample("guangzhou-2021.txt"), sample("guangzhou-2025.txt"));
    let folded = run(&["diff", &a, &b, "--color", "never"]);
    let full = run(&["diff", &a, &b, "--color", "never", "--full"]);
    assert!(folded.contains("rewritten:"), "no folded pair");
    assert!(!full.contains("rewritten:"));
    assert!(full.len() > folded.len());
    let html = run(&["diff", &a, &b, "--format", "html"]);
    assert!(html.contains("<details class=\"rewritten\">"));
}
