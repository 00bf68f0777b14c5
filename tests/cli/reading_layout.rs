//! Layouts the reader must see through (tests/fixtures/layout/, and the
//! plans of ../shared/corpus/plans): a plain table of contents is no outline,
//! paragraph numbers glued to headings are no heading text, a `.txt` laid out
//! in Markdown headings is read as Markdown, image links are listed, not text.

use crate::common;

/// The outline JSON of `path`'s only report.
fn report(path: &str) -> serde_json::Value {
    let v = common::run_json(&["outline", path], 0);
    assert_eq!(v["reports"].as_array().map(Vec::len), Some(1), "{path}: one report");
    v["reports"][0].clone()
}

/// (marker, heading) of the level-1 headings.
fn parts(r: &serde_json::Value) -> Vec<(String, String)> {
    r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] == "heading" && s["level"] == 1)
        .map(|s| {
            (
                s["marker"].as_str().unwrap().to_string(),
                s["heading"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_plain_contents_list_is_no_outline() {
    let path = common::fixture("layout/contents-list.txt");
    let raw = std::fs::read_to_string(&path).unwrap();
    let r = report(&path);
    let address = raw[..raw.find("各位代表").unwrap()].chars().count();
    let headings: Vec<&serde_json::Value> = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["role"] == "heading")
        .collect();
    assert_eq!(headings.len(), 3);
    // Each part is the body's heading, after the address, not the list's entry.
    for h in &headings {
        assert!(h["char_start"].as_u64().unwrap() as usize > address, "{h}");
    }
    let closing = r["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["role"] == "closing");
    let closing_start = closing.expect("a closing")["char_start"].as_u64().unwrap() as usize;
    assert_eq!(closing_start, raw[..raw.rfind("各位代表").unwrap()].chars().count());
}

#[test]
fn paragraph_numbers_glued_to_headings_are_split_off() {
    let r = report(&common::fixture("layout/glued-numbers.txt"));
    assert_eq!(r["kind"], "policy_address");
    let headings: Vec<String> = parts(&r).into_iter().map(|(m, h)| format!("{m}{h}")).collect();
    // In the report's own (traditional) script.
    assert_eq!(headings, ["前言", "一、穩固經濟", "二、改善民生", "結語"]);
}

#[test]
fn a_txt_in_markdown_headings_is_read_as_markdown() {
    let r = report(&common::fixture("layout/markdown-headings.txt"));
    assert_eq!(r["title"], "政府工作报告");
    let headings: Vec<String> = parts(&r).into_iter().map(|(m, h)| format!("{m}{h}")).collect();
    assert_eq!(
        headings,
        ["一、2023年工作回顾", "二、2024年工作安排", "三、政府自身建设"]
    );
}

#[test]
fn plan_images_are_listed_with_their_sections() {
    let path = common::shared("corpus/plans/2011-十二五规划纲要.md");
    let raw = std::fs::read_to_string(&path).unwrap();
    let r = report(&path);
    let images = r["images"].as_array().expect("images");
    assert_eq!(images.len(), raw.matches("![").count());
    assert_eq!(images[0]["section"], "第一章 发展环境");
    assert!(images[0]["caption"].as_str().unwrap().contains("主要指标"));
    assert!(images.iter().all(|im| !im["section"].as_str().unwrap().is_empty()));
    // The picture's link is no text of the report.
    let out = common::run_ok(&["outline", &path, "--color", "never"], 0);
    assert!(out.contains(&format!("{} images", images.len())));
}
