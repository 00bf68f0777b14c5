//! The long tail of reading, on real text cut the way scrapes come: a report
//! whose only date is its review heading, and a 为民实事 list printed after the
//! closing without its 附件 heading or title.

use crate::common;

/// `text` written as `name` in `dir`; its path.
fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

/// The outline JSON of `path`'s only report.
fn report(path: &str) -> serde_json::Value {
    let v = common::run_json(&["outline", path], 0);
    assert_eq!(v["reports"].as_array().map(Vec::len), Some(1), "{path}: one report");
    v["reports"][0].clone()
}

/// The national reports of 2007, 2009, 2010 and 2012 open `一、YYYY年工作回顾`
/// with YYYY the year before. Cut to the address (no title, no date line) and
/// saved without a year in the file name, each is still dated its own year:
/// a review of year N is delivered in N+1.
#[test]
fn a_review_heading_dates_the_next_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    for year in [2007, 2009, 2010, 2012] {
        let text = std::fs::read_to_string(common::shared(&format!("corpus/national/{year}.txt"))).expect("read");
        let body = &text[text.find("各位代表").expect("address")..];
        assert!(body.contains(&format!("一、{}年工作回顾", year - 1)), "{year}");
        let r = report(&write(dir.path(), "report.txt", body));
        assert_eq!(r["year"], year, "{year}");
        assert_eq!(r["jurisdiction"], "国务院", "{year}");
    }
}

/// 昭通市 2023: three parts, a closing, then its 10件民生实事 (`一、…` to
/// `十、…`, each a 年度目标 and a 主办单位 line) and its 100 projects
/// (`一、十大工业项目` …). With the 名词解释, the `附件1`/`附件2` lines and both
/// titles taken out, the lists follow the closing bare: they are one appendix,
/// not parts 四、 to 十、 of the report.
#[test]
fn a_bare_list_after_the_closing_is_an_appendix() {
    let text = std::fs::read_to_string(common::shared("corpus/cities/昭通市/2023.md")).expect("read");
    let glossary = text.find("**名词解释**").expect("glossary");
    let title = "\n10件民生实事\n";
    let first_list = text.find(title).expect("first list") + title.len();
    let bare: String = text[..glossary].to_string()
        + &text[first_list..]
            .lines()
            .filter(|l| !l.starts_with("附件") && *l != "10个领域100个重大项目清单")
            .collect::<Vec<_>>()
            .join("\n");
    assert!(!bare.contains("附件") && !bare.contains("民生实事项目"));
    let dir = tempfile::tempdir().expect("tempdir");
    let r = report(&write(dir.path(), "2023.md", &bare));
    let top: Vec<(String, String)> = r["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| s["level"] == 1)
        .map(|s| {
            (
                s["role"].as_str().unwrap_or("").to_string(),
                s["marker"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String)> = [
        ("preamble", ""),
        ("heading", "一、"),
        ("heading", "二、"),
        ("heading", "三、"),
        ("closing", ""),
        ("appendix", ""),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(top, expected);
    // The lists are not diffed: the bare copy is the same report as the
    // original (exit 0), not a longer one.
    let original = common::shared("corpus/cities/昭通市/2023.md");
    let dir_path = dir.path().join("2023.md");
    let d = common::run_json(&["diff", &original, &dir_path.to_string_lossy()], 0);
    assert_eq!(d["summary"]["words_inserted"], 0, "{}", d["summary"]);
    assert_eq!(d["summary"]["words_deleted"], 0, "{}", d["summary"]);
}

/// 肇庆市 2020 prints after its closing the 2019 results and the 2020 plan of
/// its 十件惠民实事 and a glossary: 36 % of the file. With parts 三、 to 六、 of
/// its review cut (a shorter report with the same appendices, as a
/// provincial report with a longer list), `附件一` starts at 59 % of the
/// text, before the last two fifths: still an appendix, with the closing
/// before it and no part of the report after it.
#[test]
fn a_long_appendix_right_after_the_closing_is_one() {
    let text = std::fs::read_to_string(common::shared("corpus/cities/肇庆市/2020.md")).expect("read");
    let (cut_from, cut_to) = (text.find("\n三、").expect("三、"), text.find("\n七、").expect("七、"));
    let short = format!("{}{}", &text[..cut_from], &text[cut_to..]);
    let at = short[..short.find("**附件一").expect("附件一")].chars().count();
    assert!(
        at * 5 < short.chars().count() * 3,
        "the appendix starts before the last two fifths"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let r = report(&write(dir.path(), "2020.md", &short));
    let top: Vec<(&str, &str)> = r["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| s["level"] == 1)
        .map(|s| (s["role"].as_str().unwrap_or(""), s["heading"].as_str().unwrap_or("")))
        .collect();
    let closing = top.iter().position(|s| s.0 == "closing").expect("a closing");
    assert_eq!(top[closing + 1], ("appendix", "附件一："), "{top:?}");
    assert!(top[closing + 1..].iter().all(|s| s.0 == "appendix"), "{top:?}");
}
