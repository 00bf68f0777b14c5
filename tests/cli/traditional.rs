//! A traditional-script report whose headings a PDF conversion letter-spaced
//! (`1 堅 持 產 業 第 一 、…`), built from the traditional seed 002
//! (tests/fixtures/traditional/): the outline is found with its words joined
//! and shown in traditional, and a watch list in either script matches.

use crate::common;
use common::*;

fn spaced() -> String {
    fixture("traditional/guangzhou-2023-spaced.txt")
}

fn snapshot(name: &str, text: String) {
    let text = text.replace(&root().to_string_lossy().into_owned(), "[ROOT]");
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, text);
    });
}

#[test]
fn letter_spaced_traditional_outline() {
    let out = run_ok(&["outline", &spaced(), "--color", "never"], 0);
    // Joined and in the report's own script.
    assert!(
        out.contains("1 堅持產業第一、制造業立市加快構建現代化產業體系"),
        "{out}"
    );
    snapshot("traditional-spaced-outline", out);
}

#[test]
fn watch_list_in_either_script_matches() {
    let watch = fixture("traditional/watch.txt");
    let v = run_json(&["phrases", &spaced(), "--watch", &watch], 0);
    let text = v.to_string();
    // 產業第一 (traditional entry) and 制造业立市 (simplified entry) are both counted.
    for phrase in ["产业第一", "制造业立市"] {
        assert!(text.contains(phrase), "{phrase} missing");
    }
    let out = run_ok(&["phrases", &spaced(), "--watch", &watch, "--color", "never"], 0);
    let watched: Vec<&str> = out.lines().filter(|l| l.contains("watch")).collect();
    snapshot("traditional-spaced-watch", watched.join("\n"));
}
