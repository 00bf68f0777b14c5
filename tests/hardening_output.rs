//! Hardening III (issue 16, and the leftover of issue 14): output quotes the
//! report's own characters and shows nothing a terminal would obey; an
//! interrupt leaves no temporary file behind.

mod common;
use common::*;

/// National 2013 numbers its parts `（一）` with full-width parentheses; the
/// outline compares `(一)` but must print what the report says, in every format.
#[test]
fn outline_quotes_full_width_markers_in_every_format() {
    let file = shared("corpus/national/2013.txt");
    let source = std::fs::read_to_string(&file).unwrap();
    assert!(source.contains("（一）加快转变经济发展方式，促进经济持续健康发展"));
    let terminal = run_ok(&["outline", &file, "--color", "never"], 0);
    assert!(
        terminal.contains("（一） 加快转变经济发展方式，促进经济持续健康发展"),
        "{terminal}"
    );
    let markdown = run_ok(&["outline", &file, "--format", "markdown"], 0);
    assert!(
        markdown.contains("- （一）加快转变经济发展方式，促进经济持续健康发展"),
        "{markdown}"
    );
    let json = run_json(&["outline", &file], 0);
    let sections = json["reports"][0]["sections"].as_array().unwrap();
    let first = sections
        .iter()
        .find(|s| s["marker"] == "（一）")
        .expect("（一） as written");
    assert_eq!(first["heading"], "加快转变经济发展方式，促进经济持续健康发展");
    for out in [&terminal, &markdown, &json.to_string()] {
        assert!(!out.contains("(一)"), "a narrowed marker: {out}");
        assert!(!out.contains("发展方式,促进"), "a narrowed comma: {out}");
    }
    // `diff --stat` quotes the headings as written too.
    let stat = run_ok(
        &[
            "diff",
            &shared("corpus/national/2012.txt"),
            &file,
            "--stat",
            "--color",
            "never",
        ],
        1,
    );
    assert!(stat.contains("（一）加强和改善宏观调控，遏制物价过快上涨"), "{stat}");
    assert!(!stat.contains("(一)"), "{stat}");
}
