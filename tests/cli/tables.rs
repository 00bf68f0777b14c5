//! Tables in the text and image links: a pipe table's rows are units of the
//! diff (a changed row shows as that row with its cells old → new), rows with a
//! label and year columns become figures, image links are listed per side.
//! Fixture: two tables of the 1953 plan (tests/fixtures/README.md), a row of
//! each changed in the NEW copy.

use crate::common::{fixture, root, run_json, run_ok};
use serde_json::Value;

fn pair() -> (String, String) {
    (fixture("tables/plan-1953-old.md"), fixture("tables/plan-1953-new.md"))
}

#[test]
fn a_changed_table_row_is_one_row_of_the_diff() {
    let (old, new) = pair();
    let out = run_ok(&["diff", &old, &new, "--color", "never"], 1);
    // The row stays whole, the changed cells marked inside it; the row before is context.
    assert!(out.contains("    | 猪 | 8,977万头 | [-13,834万-]{+14,200万+}头 | [-154-]{+158+} |\n"));
    assert!(out.contains("    | 山羊 | 2,490万只 | 4,432万只 | 178 |\n"));
    // No row is glued to the next one or to the paragraph after the table.
    assert!(!out.contains("| 154 | |") && !out.contains("| 158 | 此外"));
    // After the sections, each changed row with its cells old → new under the column names.
    assert!(out.contains(
        "\ntable rows\n  changed  猪  1957年计划数 13,834万头 → 14,200万头 · 1957年为1952年的百分比 154 → 158\n"
    ));
    insta::assert_snapshot!("tables-diff-plan-1953-terminal", out);
    let json = run_ok(&["diff", &old, &new, "--format", "json"], 1);
    let j: Value = serde_json::from_str(&json).expect("JSON");
    let rows = j["table_rows"].as_array().expect("table_rows");
    assert_eq!(rows.len(), 2);
    assert_eq!(
        (rows[1]["label"].as_str(), rows[1]["status"].as_str()),
        (Some("工 业"), Some("changed"))
    );
    assert_eq!(rows[1]["cells"][1]["column"].as_str(), Some("1957年人数"));
    assert_eq!(
        (rows[1]["cells"][1]["old"].as_str(), rows[1]["cells"][1]["new"].as_str()),
        (Some("513.5"), Some("520.0"))
    );
    // The project root is replaced so the snapshot does not depend on the checkout.
    let json = json.replace(root().to_string_lossy().as_ref(), "[ROOT]");
    insta::assert_snapshot!("tables-diff-plan-1953-json", json);
}

fn figure<'a>(j: &'a Value, indicator: &str, kind: &str) -> &'a Value {
    j["all_figures"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["indicator"] == indicator && f["kind"] == kind))
        .unwrap_or_else(|| panic!("no {kind} figure {indicator}"))
}

#[test]
fn table_rows_become_figures_in_json() {
    let (old, new) = pair();
    let j = run_json(&["diff", &old, &new], 1);
    // 种类 | 1952年数 | 1957年计划数: the 1957 column is the plan's target, 1952 the base.
    let pig = figure(&j, "猪", "target");
    assert_eq!(
        (pig["status"].as_str(), pig["horizon"].as_str()),
        (Some("changed"), Some("plan"))
    );
    assert_eq!(
        (pig["old"]["value"].as_str(), pig["new"]["value"].as_str()),
        (Some("13,834万头"), Some("14,200万头"))
    );
    assert_eq!(
        (pig["old"]["low"].as_f64(), pig["old"]["unit"].as_str()),
        (Some(138_340_000.0), Some("头"))
    );
    assert_eq!(pig["old"]["end_year"].as_i64(), Some(1957));
    assert_eq!(
        pig["new"]["sentence"].as_str(),
        Some("| 猪 | 8,977万头 | 14,200万头 | 158 |")
    );
    assert_eq!(figure(&j, "猪", "result")["status"].as_str(), Some("unchanged"));
    // Bare numbers take the unit of the line before the table (`单位――万人`).
    let industry = figure(&j, "工业", "target");
    assert_eq!(industry["status"].as_str(), Some("changed"));
    assert_eq!(
        (industry["old"]["low"].as_f64(), industry["new"]["low"].as_f64()),
        (Some(5_135_000.0), Some(5_200_000.0))
    );
    assert_eq!(industry["new"]["unit"].as_str(), Some("人"));
    // Seven animals, a target and a base each; no figure from the percentage column.
    let from_rows = |side: &str| {
        j["all_figures"].as_array().map_or(0, |a| {
            a.iter()
                .filter(|f| f[side]["sentence"].as_str().is_some_and(|s| s.starts_with("| ")))
                .count()
        })
    };
    assert_eq!(from_rows("old"), from_rows("new"));
    assert!(j["all_figures"]
        .as_array()
        .is_some_and(|a| a.iter().all(|f| f["old"]["value"] != "154")));
}

#[test]
fn image_links_are_listed_per_side_and_said_in_the_brief() {
    let (old, new) = pair();
    let j = run_json(&["diff", &old, &new], 1);
    assert_eq!(j["images"]["old"].as_array().map(Vec::len), Some(0));
    let image = &j["images"]["new"][0];
    assert_eq!(image["path"].as_str(), Some("images/zhuyao.jpg"));
    assert_eq!(image["caption"].as_str(), Some("专栏1 主要指标"));
    assert_eq!(image["table"].as_bool(), Some(true));
    let text = std::fs::read_to_string(&new).expect("fixture");
    let at = image["char_start"].as_u64().expect("offset") as usize;
    assert!(text
        .chars()
        .skip(at)
        .collect::<String>()
        .starts_with("![](images/zhuyao.jpg"));
    let brief = run_ok(&["diff", &old, &new, "--brief", "--color", "never"], 1);
    assert!(brief.contains("images  old: none · new: 1 table as an image (not compared)\n"));
    let md = run_ok(&["diff", &old, &new, "--brief", "--format", "markdown"], 1);
    assert!(md.contains("**Images:** old: none · new: 1 table as an image (not compared)"));
    let html = run_ok(&["diff", &old, &new, "--format", "html"], 1);
    assert!(html.contains("旧报告无图片，新报告1 张图片（其中表格 1 张）"));
    // The changed rows, after the sections.
    assert!(html.contains("<th scope=\"row\">猪</th><td>修改</td><td>1957年计划数：13,834万头 → 14,200万头；"));
}
