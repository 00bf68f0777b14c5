//! What a reporter needs first: the report's own characters in every output,
//! key figures paired across years, reworded sentences shown as edits.

mod common;
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
