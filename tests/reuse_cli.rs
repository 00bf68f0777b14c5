//! `reportdiff reuse` as a user runs it, on real city reports.

mod common;
use common::*;
use std::path::Path;

/// Copies the 2021 reports of some cities into `dir/<city>/2021.md`.
fn folder(dir: &Path, cities: &[&str]) {
    for c in cities {
        std::fs::create_dir_all(dir.join(c)).expect("mkdir");
        std::fs::copy(
            shared(&format!("corpus/cities/{c}/2021.md")),
            dir.join(c).join("2021.md"),
        )
        .expect("copy");
    }
}

/// Chars `[from, to)` of a file.
fn cut(path: &str, from: u64, to: u64) -> String {
    let text = std::fs::read_to_string(path).expect("read");
    text.chars().skip(from as usize).take((to - from) as usize).collect()
}

#[test]
fn shared_passages_come_with_offsets_that_cut_them_out_of_each_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    folder(tmp.path(), &["平顶山市", "开封市", "三亚市"]);
    let dir = tmp.path().to_string_lossy().to_string();
    let r = run_json(&["reuse", &dir], 0);
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["reports"], 3);
    let passages = r["passages"].as_array().expect("passages");
    // 平顶山 and 开封 (both Henan) share their 指导思想 paragraph word for word.
    let guide = passages
        .iter()
        .find(|p| {
            p["occurrences"][0]["text"]
                .as_str()
                .is_some_and(|t| t.contains("经济社会发展的指导思想是"))
        })
        .expect("the shared 指导思想 passage");
    let names: Vec<&str> = guide["occurrences"]
        .as_array()
        .expect("occurrences")
        .iter()
        .map(|o| o["jurisdiction"].as_str().expect("name"))
        .collect();
    assert_eq!(names, ["平顶山市", "开封市"]);
    for p in passages {
        assert!(p["chars"].as_u64().expect("chars") >= 50);
        for o in p["occurrences"].as_array().expect("occurrences") {
            let path = o["path"].as_str().expect("path");
            let text = cut(
                path,
                o["char_start"].as_u64().expect("start"),
                o["char_end"].as_u64().expect("end"),
            );
            assert_eq!(text, o["text"].as_str().expect("text"), "offsets of {path}");
        }
    }
    // Both were delivered on 2021-02-01: no direction can be told.
    assert!(guide["direction"].is_null());
    let pair = &r["pairs"][0];
    assert_eq!(
        (pair["a"].as_str(), pair["b"].as_str()),
        (Some("平顶山市"), Some("开封市"))
    );
    assert_eq!(pair["same_province"], true);
}

#[test]
fn a_planted_passage_with_edits_is_found_and_directed_by_delivery_date() {
    let tmp = tempfile::tempdir().expect("tmp");
    folder(tmp.path(), &["三亚市", "鄂州市"]);
    // 鄂州 (delivered in January) gets 90 chars of 三亚's report with two characters changed.
    let sanya = std::fs::read_to_string(tmp.path().join("三亚市/2021.md")).expect("read");
    let mid = sanya.chars().count() / 2;
    let from = sanya.chars().skip(mid).position(|c| c == '。').expect("a stop") + mid + 1;
    let mut passage: Vec<char> = sanya.chars().skip(from).take(90).collect();
    passage[30] = '改';
    passage[60] = '动';
    let passage: String = passage.into_iter().collect();
    let ezhou_path = tmp.path().join("鄂州市/2021.md");
    let mut ezhou = std::fs::read_to_string(&ezhou_path).expect("read");
    ezhou.push_str("\n\n");
    ezhou.push_str(&passage);
    ezhou.push('\n');
    std::fs::write(&ezhou_path, ezhou).expect("write");
    let dir = tmp.path().to_string_lossy().to_string();
    let r = run_json(&["reuse", &dir, "--group-by-folder"], 0);
    let found = r["passages"]
        .as_array()
        .expect("passages")
        .iter()
        .find(|p| {
            p["occurrences"]
                .as_array()
                .is_some_and(|o| o.iter().any(|o| o["jurisdiction"] == "鄂州市"))
        })
        .expect("the planted passage");
    assert!(found["identity"].as_f64().expect("identity") < 1.0);
    assert!(found["chars"].as_u64().expect("chars") >= 70, "{found}");
    // The direction is the delivery order when the days are a week or more apart.
    let occ = found["occurrences"].as_array().expect("occurrences");
    let day = |j: &str| {
        occ.iter()
            .find(|o| o["jurisdiction"] == j)
            .and_then(|o| o["delivered"].as_str())
            .map(str::to_string)
    };
    let (sanya_day, ezhou_day) = (
        day("三亚市").expect("三亚 gives its date"),
        day("鄂州市").expect("鄂州 gives its date"),
    );
    let days = |d: &str| {
        let v: Vec<i64> = d.split('-').map(|x| x.parse().expect("number")).collect();
        v[0] * 372 + v[1] * 31 + v[2]
    };
    let want = match days(&ezhou_day) - days(&sanya_day) {
        d if d >= 7 => Some("三亚市->鄂州市"),
        d if d <= -7 => Some("鄂州市->三亚市"),
        _ => None,
    };
    assert_eq!(found["direction"].as_str(), want, "{sanya_day} {ezhou_day}");
}

#[test]
fn tables_and_the_html_page_are_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    folder(&tmp.path().join("in"), &["平顶山市", "开封市"]);
    let input = tmp.path().join("in").to_string_lossy().to_string();
    let out = tmp.path().join("tables");
    run_ok(
        &["reuse", &input, "--format", "csv", "--out-dir", &out.to_string_lossy()],
        0,
    );
    let passages = std::fs::read_to_string(out.join("passages.csv")).expect("passages.csv");
    assert!(passages.starts_with("passage,chars,jurisdictions,weight,identity,source,direction,path,"));
    assert!(passages.lines().count() > 2);
    let pairs = std::fs::read_to_string(out.join("pairs.csv")).expect("pairs.csv");
    assert!(
        pairs
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("平顶山市,开封市,true,")),
        "{pairs}"
    );
    let html = run_ok(&["reuse", &input, "--format", "html"], 0);
    assert!(html.contains("Content-Security-Policy") && html.contains("<mark>") && html.contains("平顶山市"));
}

#[test]
fn a_missing_folder_is_an_error_and_tables_need_a_folder() {
    let out = bin().args(["reuse", "/nonexistent/folder"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).lines().count(), 1);
    let out = bin()
        .args(["reuse", &sample("guangzhou-2021.txt"), "--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
}
