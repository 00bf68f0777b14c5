//! `reportdiff corpus` as a user runs it: folders of real city reports.

use crate::common;

use common::{bin, root, shared};
use std::collections::BTreeMap;
use std::path::Path;

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(shared(from), to).unwrap();
}

/// Runs `corpus` with `args` (cache in `cache`), expecting exit 0; returns stdout.
fn corpus(args: &[&str], cache: &Path) -> String {
    let out = bin()
        .arg("corpus")
        .args(args)
        .arg("--cache-dir")
        .arg(cache)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "args {args:?}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Two cities; 中山市 2021 carries appendices (附件1, 附件2); 乐山市 2020 is
/// there twice (a second download); one file is binary.
fn two_cities(dir: &Path) {
    copy("corpus/cities/中山市/2021.md", &dir.join("中山市/2021.md"));
    copy("corpus/cities/中山市/2022.md", &dir.join("中山市/2022.md"));
    copy("corpus/cities/乐山市/2019.md", &dir.join("乐山市/2019.md"));
    copy("corpus/cities/乐山市/2020.md", &dir.join("乐山市/2020.md"));
    copy("corpus/cities/乐山市/2020.md", &dir.join("乐山市/2020 (1).md"));
    std::fs::write(dir.join("乐山市/scan.md"), b"\x00\x01\x02PK\x03\x04\x00\x00binary").unwrap();
}

#[test]
fn groups_by_jurisdiction_and_lists_problems_without_failing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    two_cities(&dir);
    let out = corpus(
        &[dir.to_str().unwrap(), "--format", "json", "--min-jurisdictions", "2"],
        &tmp.path().join("cache"),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    let groups: Vec<(String, String, Vec<i64>)> = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| {
            (
                j["name"].as_str().unwrap().to_string(),
                j["level"].as_str().unwrap().to_string(),
                j["reports"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["year"].as_i64().unwrap())
                    .collect(),
            )
        })
        .collect();
    // The appendices stay inside 中山市 2021: one report per file.
    assert_eq!(
        groups,
        [
            ("中山市".to_string(), "city".to_string(), vec![2021, 2022]),
            ("乐山市".to_string(), "city".to_string(), vec![2019, 2020]),
        ]
    );
    for j in v["jurisdictions"].as_array().unwrap() {
        assert_eq!(j["series"]["steps"].as_array().unwrap().len(), 1);
    }
    let problems: Vec<(String, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["path"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let duplicate = problems
        .iter()
        .find(|(p, _)| p.ends_with("2020.md"))
        .expect("duplicate listed");
    assert!(
        duplicate.1.contains("2020") && duplicate.1.contains("乐山市"),
        "{duplicate:?}"
    );
    // The two downloads read the same: the first by path is kept, and the
    // jurisdiction counts the copy set aside.
    assert!(
        duplicate.1.contains("kept") && duplicate.1.contains("2020 (1).md (same text)"),
        "{duplicate:?}"
    );
    let set_aside: Vec<u64> = v["jurisdictions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["set_aside"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(set_aside, [0, 1]);
    let binary = problems
        .iter()
        .find(|(p, _)| p.ends_with("scan.md"))
        .expect("binary listed");
    assert!(binary.1.contains("binary"), "{binary:?}");
    // Shared phrases: counted in both cities.
    assert!(v["phrases"].as_array().unwrap().iter().any(|p| p["jurisdictions"] == 2));
    // One folder per city: grouping by folder gives the same groups.
    let by_folder: serde_json::Value = serde_json::from_str(&corpus(
        &[dir.to_str().unwrap(), "--format", "json", "--group-by-folder"],
        &tmp.path().join("cache"),
    ))
    .unwrap();
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["jurisdictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["name"].to_string())
            .collect()
    };
    assert_eq!(names(&by_folder), names(&v));
    assert_eq!(by_folder["problems"].as_array().unwrap().len(), 2);
}

/// Plain counts: non-overlapping `str::match_indices` in the normalized text
/// with quote marks removed, not inside a longer number (`phrases::count`; the
/// corpus command counts with one Aho–Corasick pass instead).
fn plain_count(counting: &str, phrase: &str) -> usize {
    reportdiff::compare::phrases::count(counting, phrase)
}

#[test]
fn diffusion_counts_equal_plain_substring_counts() {
    let cities = ["三亚市", "东营市", "临沂市", "六安市", "中山市"];
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("cities");
    for c in cities {
        for e in std::fs::read_dir(shared(&format!("corpus/cities/{c}"))).unwrap() {
            let e = e.unwrap();
            copy(
                &format!("corpus/cities/{c}/{}", e.file_name().to_string_lossy()),
                &dir.join(c).join(e.file_name()),
            );
        }
    }
    let watch = tmp.path().join("watch.txt");
    std::fs::write(&watch, "新质生产力\n高质量发展\n乡村振兴\n").unwrap();
    let table = tmp.path().join("table");
    let cache = tmp.path().join("cache");
    let args = [
        dir.to_str().unwrap(),
        "--watch",
        watch.to_str().unwrap(),
        "--min-jurisdictions",
        "2",
    ];
    let mut jsonl = args.to_vec();
    jsonl.extend(["--format", "jsonl", "--out-dir", table.to_str().unwrap()]);
    corpus(&jsonl, &cache);
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&corpus(&json, &cache)).unwrap();

    // (phrase, jurisdiction, year) → count, from the export.
    let mut exported: BTreeMap<(String, String, i64), usize> = BTreeMap::new();
    for line in std::fs::read_to_string(table.join("phrases.jsonl")).unwrap().lines() {
        let r: serde_json::Value = serde_json::from_str(line).unwrap();
        exported.insert(
            (
                r["phrase"].as_str().unwrap().to_string(),
                r["jurisdiction"].as_str().unwrap().to_string(),
                r["year"].as_i64().unwrap(),
            ),
            r["count"].as_u64().unwrap() as usize,
        );
    }
    let phrases: Vec<String> = v["phrases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap().to_string())
        .collect();
    assert!(phrases.len() > 20 && phrases.iter().any(|p| p == "新质生产力"));
    let opts = reportdiff::read::document::LoadOptions::default();
    let mut checked = 0;
    for j in v["jurisdictions"].as_array().unwrap() {
        for r in j["reports"].as_array().unwrap() {
            let reports = reportdiff::read::document::load(r["path"].as_str().unwrap(), &opts).unwrap();
            let counting = reportdiff::compare::phrases::counting_text(reports[0].text());
            let key = |p: &str| {
                (
                    p.to_string(),
                    j["name"].as_str().unwrap().to_string(),
                    r["year"].as_i64().unwrap(),
                )
            };
            for p in &phrases {
                let expected = plain_count(&counting, p);
                assert_eq!(
                    exported.get(&key(p)).copied().unwrap_or(0),
                    expected,
                    "{p} in {}",
                    r["path"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
    // by_year is the number of jurisdictions with a count above zero.
    for p in v["phrases"].as_array().unwrap() {
        for (year, n) in p["by_year"].as_object().unwrap() {
            let users = exported
                .keys()
                .filter(|(t, _, y)| t == p["text"].as_str().unwrap() && y.to_string() == *year)
                .count();
            assert_eq!(n.as_u64().unwrap() as usize, users, "{} {year}", p["text"]);
        }
    }
}

#[test]
fn one_phrase_quickly_and_a_second_run_reads_only_the_new_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    two_cities(&dir);
    std::fs::remove_file(dir.join("中山市/2022.md")).unwrap();
    let cache = tmp.path().join("cache");
    let entries = |bucket: &str| {
        let d = cache.join(bucket);
        if !d.exists() {
            return 0;
        }
        walkdir_count(&d)
    };
    let d = dir.to_str().unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&corpus(&[d, "--phrase", "乡村振兴", "--format", "json"], &cache)).unwrap();
    let phrases = v["phrases"].as_array().unwrap();
    assert_eq!(phrases.len(), 1);
    assert_eq!(phrases[0]["text"], "乡村振兴");
    assert!(v["jurisdictions"][0].get("series").is_none());
    let before = corpus(&[d, "--format", "json"], &cache);
    let scanned = entries("scan");
    let series = entries("series");
    // Four readable files (the copy has its own name, which can carry the
    // year, so its own entry) and two jurisdictions.
    assert_eq!((scanned, series), (4, 2));
    // Add one report: one new scan entry, one jurisdiction re-done.
    copy("corpus/cities/中山市/2022.md", &dir.join("中山市/2022.md"));
    let after = corpus(&[d, "--format", "json"], &cache);
    assert_eq!(entries("scan"), scanned + 1);
    assert_eq!(entries("series"), series + 1);
    assert_ne!(before, after);
    // The cached run says what a fresh run says.
    let fresh = bin()
        .args(["corpus", d, "--format", "json", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(fresh.stdout).unwrap(), after);
}

fn walkdir_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                walkdir_count(&p)
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn snapshots_of_json_and_terminal_on_the_samples_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let run = |format: &str| {
        let out = bin()
            .current_dir(root())
            .args([
                "corpus",
                "samples",
                "--min-jurisdictions",
                "1",
                "--limit",
                "12",
                "--format",
                format,
            ])
            .arg("--cache-dir")
            .arg(tmp.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    insta::assert_snapshot!("corpus_terminal", run("terminal"));
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    // The phrase list is long; its head and the rest of the document are the contract.
    let mut small = json.clone();
    if let Some(list) = small["phrases"].as_array_mut() {
        list.truncate(5);
    }
    insta::assert_json_snapshot!("corpus_json", small);
}

#[test]
fn static_site_links_pages_and_csv_tables_load() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("reports");
    two_cities(&dir);
    let site = tmp.path().join("site");
    corpus(
        &[
            dir.to_str().unwrap(),
            "--out-dir",
            site.to_str().unwrap(),
            "--min-jurisdictions",
            "2",
        ],
        &tmp.path().join("cache"),
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("href=\"j/中山市.html\"") && index.contains("href=\"p/0001.html\""));
    let series = std::fs::read_to_string(site.join("j/中山市.html")).unwrap();
    assert!(series.contains("href=\"../index.html\""));
    let phrase = std::fs::read_to_string(site.join("p/0001.html")).unwrap();
    assert!(phrase.contains("<svg") && phrase.contains("href=\"../j/"));
    for page in [&index, &series, &phrase] {
        assert!(page.contains("script-src") && !page.contains("<script"));
    }
    let tables = tmp.path().join("tables");
    corpus(
        &[
            dir.to_str().unwrap(),
            "--format",
            "csv",
            "--out-dir",
            tables.to_str().unwrap(),
        ],
        &tmp.path().join("cache"),
    );
    let reports = std::fs::read_to_string(tables.join("reports.csv")).unwrap();
    assert_eq!(
        reports.lines().next(),
        Some("jurisdiction,level,kind,year,path,title,report,chars")
    );
    assert_eq!(reports.lines().count(), 5);
    let phrases = std::fs::read_to_string(tables.join("phrases.csv")).unwrap();
    assert!(phrases.starts_with("phrase,phrase_kind,jurisdiction,level,year,count\n"));
    // Without --out-dir the tables have nowhere to go.
    let out = bin()
        .args(["corpus", dir.to_str().unwrap(), "--format", "csv", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
