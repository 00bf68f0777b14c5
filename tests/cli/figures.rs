//! Key figures as tables: `series --figures` (targets beside the next year's
//! results) in every format, and the corpus's `targets.csv` / `targets.jsonl`.

use crate::common::{run_ok, shared};

/// `series --figures` over national reports `years`, in `format`.
fn targets(years: &[i32], format: &str) -> String {
    let files: Vec<String> = years
        .iter()
        .map(|y| shared(&format!("corpus/national/{y}.txt")))
        .collect();
    let mut args = vec!["series", "--figures", "--color", "never", "--format", format];
    args.extend(files.iter().map(String::as_str));
    run_ok(&args, 0)
}

#[test]
fn series_figures_in_every_format() {
    let years = [2010, 2011, 2012, 2013];
    for format in ["terminal", "markdown", "csv", "json", "html"] {
        insta::assert_snapshot!(
            format!("series-figures-national-2010-2013-{format}"),
            targets(&years, format)
        );
    }
}

/// Over all 41 national reports: the GDP growth target of every year that
/// states one beside the growth the next report gives (read off the reports by
/// hand); years without a target, or whose next report states no annual
/// growth, are `absent`, never `missed`.
#[test]
fn national_gdp_targets_over_the_whole_series() {
    let dir = shared("corpus/national");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("national corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 41);
    let mut args = vec!["series", "--figures", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_str(&run_ok(&args, 0)).expect("JSON");
    assert_eq!(v["years"].as_array().map(Vec::len), Some(41));
    let gdp = v["indicators"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["indicator"] == "国内生产总值增长"))
        .expect("a GDP growth row");
    let cell = |year: &str| {
        let c = gdp["cells"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["year"] == year))
            .unwrap_or_else(|| panic!("no cell {year}"));
        (
            c["target"]["value"].as_str().map(str::to_string),
            c["target"]["low"].as_f64(),
            c["target"]["qualifier"].as_str().map(str::to_string),
            c["result"]["value"].as_str().map(str::to_string),
            c["status"].as_str().unwrap_or_default().to_string(),
        )
    };
    let s = |x: &str| Some(x.to_string());
    // 1994: 今年计划国内生产总值增长百分之九 → 1995 report: 比上年增长百分之十一点八.
    assert_eq!(
        cell("1994"),
        (s("百分之九"), Some(9.0), s(""), s("百分之十一点八"), "met".into())
    );
    for (year, target, low, result) in [
        ("2005", "8%左右", 8.0, "9.9%"),
        ("2006", "8%左右", 8.0, "10.7%"),
        ("2008", "8%左右", 8.0, "9%"),
        ("2009", "8%左右", 8.0, "8.7%"),
        ("2010", "8％左右", 8.0, "10.3%"),
        ("2011", "8%左右", 8.0, "9.2％"),
    ] {
        assert_eq!(
            cell(year),
            (s(target), Some(low), s("左右"), s(result), "met".into()),
            "{year}"
        );
    }
    assert_eq!(cell("2012"), (s("7.5％"), Some(7.5), s(""), s("7.8%"), "met".into()));
    // The 2008 report gives 2007's growth only as a five-year average: absent.
    assert_eq!(cell("2007").4, "absent");
    // 2013 is the last report.
    assert_eq!(cell("2013").4, "absent");
    assert!(gdp["cells"]
        .as_array()
        .is_some_and(|cs| cs.iter().all(|c| c["status"] != "missed")));
}

#[test]
fn series_csv_needs_figures() {
    let file = shared("corpus/national/2013.txt");
    let out = crate::common::bin()
        .args(["series", "--format", "csv", &file])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--figures") && err.lines().count() == 1, "{err}");
}

/// `corpus --format csv|jsonl` writes `targets.*`; the values below were read
/// off the reports' main-targets passages by hand.
#[test]
fn corpus_writes_the_targets_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folders = ["上饶市", "徐州市", "三亚市"].map(|c| shared(&format!("corpus/cities/{c}")));
    for format in ["csv", "jsonl"] {
        let out = dir.path().join(format);
        let mut args = vec!["corpus", "--no-cache", "--format", format, "--out-dir"];
        let out_s = out.to_string_lossy().into_owned();
        args.push(&out_s);
        args.extend(folders.iter().map(String::as_str));
        run_ok(&args, 0);
        let table = std::fs::read_to_string(out.join(format!("targets.{format}"))).expect("targets table");
        let rows: Vec<serde_json::Value> = if format == "jsonl" {
            table
                .lines()
                .map(|l| serde_json::from_str(l).expect("JSON line"))
                .collect()
        } else {
            csv_rows(&table)
        };
        let gdp = |place: &str, year: i64| {
            rows.iter()
                .find(|r| {
                    r["jurisdiction"] == place
                        && r["year"].as_i64().or_else(|| r["year"].as_str()?.parse().ok()) == Some(year)
                        && r["kind"] == "target"
                        && r["horizon"] == "year"
                        && r["indicator_key"] == "生产总值增长"
                })
                .unwrap_or_else(|| panic!("{format}: no GDP target of {place} {year}"))
        };
        // 上饶 2024: 地区生产总值增长6.0%左右.
        let r = gdp("上饶市", 2024);
        assert_eq!(
            (r["value"].as_str(), r["qualifier"].as_str()),
            (Some("6.0%左右"), Some("左右"))
        );
        assert_eq!(r["province"], "江西省");
        assert_eq!(r["level"], "city");
        assert!(r["sentence"]
            .as_str()
            .is_some_and(|s| s.contains("地区生产总值增长6.0%左右")));
        // 徐州 2021: GDP增长6.5%左右.
        assert_eq!(gdp("徐州市", 2021)["value"], "6.5%左右");
        assert_eq!(gdp("徐州市", 2021)["province"], "江苏省");
        // 三亚 2022: 地区生产总值增长10%左右; 2021: 11%以上.
        assert_eq!(gdp("三亚市", 2022)["value"], "10%左右");
        assert_eq!(gdp("三亚市", 2021)["qualifier"], "以上");
        let low = &gdp("三亚市", 2021)["low"];
        assert_eq!(low.as_f64().or_else(|| low.as_str()?.parse().ok()), Some(11.0));
    }
}

/// A CSV table as JSON objects of strings (the tables quote with `"` only
/// around commas, quotes and line breaks).
fn csv_rows(text: &str) -> Vec<serde_json::Value> {
    let mut records: Vec<Vec<String>> = Vec::new();
    let (mut field, mut record, mut quoted) = (String::new(), Vec::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => record.push(std::mem::take(&mut field)),
            '\n' if !quoted => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            c => field.push(c),
        }
    }
    let header = records.first().cloned().unwrap_or_default();
    records
        .iter()
        .skip(1)
        .map(|r| {
            serde_json::Value::Object(
                header
                    .iter()
                    .zip(r)
                    .map(|(h, v)| (h.clone(), serde_json::Value::String(v.clone())))
                    .collect(),
            )
        })
        .collect()
}

/// `diff --all-figures` lists the key set, unchanged targets included, then
/// the rest; without it the key set of a city pair stays within 40 rows.
#[test]
fn diff_all_figures_lists_the_rest() {
    let (old, new) = (
        shared("corpus/cities/三亚市/2022.md"),
        shared("corpus/cities/三亚市/2023.md"),
    );
    let v: serde_json::Value =
        serde_json::from_str(&run_ok(&["diff", &old, &new, "--format", "json"], 1)).expect("JSON");
    let key = v["figures"].as_array().map_or(0, Vec::len);
    let rest = v["all_figures"].as_array().map_or(0, Vec::len);
    assert!(key > 0 && key <= 40 && rest > key, "{key} key, {rest} more");
    let plain = run_ok(&["diff", &old, &new, "--brief", "--color", "never"], 1);
    assert!(!plain.contains("all figures"));
    let all = run_ok(&["diff", &old, &new, "--brief", "--all-figures", "--color", "never"], 1);
    assert!(all.contains(&format!("all figures ({key} key, {rest} more)")), "{all}");
    // Both reports: 地区生产总值增长10%左右.
    let gdp = all
        .lines()
        .find(|l| l.contains("unchanged") && l.contains("target year 地区生产总值增长"))
        .expect("the unchanged GDP target");
    assert!(gdp.trim_end().ends_with("10%左右 → 10%左右"), "{gdp}");
    assert_eq!(all.lines().filter(|l| l.starts_with("  * ")).count(), key);
    let md = run_ok(
        &["diff", &old, &new, "--brief", "--all-figures", "--format", "markdown"],
        1,
    );
    assert!(
        md.contains("## All figures")
            && md.contains("| key | unchanged | target | year | 地区生产总值增长 | 10%左右 | 10%左右 |")
    );
    let html = run_ok(&["diff", &old, &new, "--brief", "--all-figures", "--format", "html"], 1);
    assert!(html.contains("全部数值指标（") && html.contains("★ 地区生产总值增长"));
    let html_plain = run_ok(&["diff", &old, &new, "--brief", "--format", "html"], 1);
    assert!(!html_plain.contains("全部数值指标"));
}
