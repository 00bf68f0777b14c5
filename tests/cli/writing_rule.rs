//! The writing rule: no command writes onto, into or over one of its inputs
//! (docs/usage.md, "What reportdiff writes"). Each refusal exits 2 with one
//! line and leaves every input byte for byte as it was.

use crate::common;

use common::{bin, sample};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// A folder `c` holding two reports of one city, and the bytes of each file.
fn corpus_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir(&c).unwrap();
    for name in ["guangzhou-2021.txt", "guangzhou-2025.txt"] {
        std::fs::copy(sample(name), c.join(name)).unwrap();
    }
    (dir, c)
}

/// Every file under `dir` with its bytes, sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.clone(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// Runs the binary in `dir`; asserts a refusal (exit 2, one line naming the
/// output) and that nothing under `dir` changed.
fn refused(dir: &Path, args: &[&str]) {
    let before = snapshot(dir);
    let out = bin().current_dir(dir).args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains("refusing"), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert!(snapshot(dir) == before, "{args:?} changed a file");
}

#[test]
fn corpus_never_writes_onto_an_input() {
    let (dir, _) = corpus_folder();
    std::fs::write(dir.path().join("watch.txt"), "新质生产力\n").unwrap();
    refused(dir.path(), &["corpus", "c", "--no-cache", "-o", "c/guangzhou-2021.txt"]);
    refused(
        dir.path(),
        &[
            "corpus",
            "c/guangzhou-2021.txt",
            "--no-cache",
            "-o",
            "c/guangzhou-2021.txt",
        ],
    );
    refused(
        dir.path(),
        &["corpus", "c", "--no-cache", "--watch", "watch.txt", "-o", "watch.txt"],
    );
}

#[test]
fn corpus_never_writes_its_site_into_a_scanned_folder() {
    let (dir, _) = corpus_folder();
    refused(dir.path(), &["corpus", "c", "--no-cache", "--out-dir", "c"]);
    refused(
        dir.path(),
        &["corpus", "c", "--no-cache", "--format", "csv", "--out-dir", "c"],
    );
}

#[test]
fn a_site_inside_the_scanned_folder_is_not_read_back() {
    let (dir, _) = corpus_folder();
    let run = || {
        let out = bin()
            .current_dir(dir.path())
            .args(["corpus", "c", "--out-dir", "c/site", "--no-cache", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let reports: usize = v["jurisdictions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|j| j["reports"].as_array().unwrap().len())
            .sum();
        (reports, v["problems"].as_array().unwrap().len())
    };
    assert_eq!(run(), (2, 0));
    assert!(dir.path().join("c/site/index.html").exists());
    // The second run finds the site in `c` and leaves it out.
    assert_eq!(run(), (2, 0));
}

#[test]
fn series_pages_never_replace_an_input() {
    let (dir, c) = corpus_folder();
    std::fs::rename(c.join("guangzhou-2025.txt"), c.join("index.html")).unwrap();
    refused(
        dir.path(),
        &["series", "c/guangzhou-2021.txt", "c/index.html", "--out-dir", "c"],
    );
}

#[test]
fn check_never_writes_onto_its_rules_baseline_or_reports() {
    let (dir, _) = corpus_folder();
    let rules = "reports = [\"c/guangzhou-2021.txt\", \"c/guangzhou-2025.txt\"]\n\
                 [changes]\nmax_changed_share = 1.0\n[baseline]\npath = \"baseline.json\"\n";
    std::fs::write(dir.path().join("reportdiff.toml"), rules).unwrap();
    let made = bin()
        .current_dir(dir.path())
        .args(["check", "--update-baseline"])
        .output()
        .unwrap();
    assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
    for target in ["reportdiff.toml", "baseline.json", "c/guangzhou-2025.txt"] {
        refused(dir.path(), &["check", "-o", target]);
        refused(dir.path(), &["check", "--update-baseline", "-o", target]);
    }
}

#[test]
fn check_never_writes_its_baseline_over_its_rules() {
    let (dir, _) = corpus_folder();
    let rules = "reports = [\"c/guangzhou-2021.txt\", \"c/guangzhou-2025.txt\"]\n\
                 [changes]\nmax_changed_share = 1.0\n[baseline]\npath = \"reportdiff.toml\"\n";
    std::fs::write(dir.path().join("reportdiff.toml"), rules).unwrap();
    refused(dir.path(), &["check", "--update-baseline"]);
}

/// The rules file of the property test's `check` runs.
const CHECK_RULES: &str = "reports = [\"c/guangzhou-2021.txt\", \"c/guangzhou-2025.txt\"]\n\
                           [changes]\nmax_changed_share = 1.0\n[baseline]\npath = \"baseline.json\"\n";

/// A command and its inputs (relative to the folder).
fn command(which: usize) -> (Vec<&'static str>, Vec<&'static str>) {
    let a = "c/guangzhou-2021.txt";
    let b = "c/guangzhou-2025.txt";
    match which {
        0 => (vec!["diff", a, b, "--watch", "watch.txt"], vec![a, b, "watch.txt"]),
        1 => (vec!["series", a, b, "--watch", "watch.txt"], vec![a, b, "watch.txt"]),
        2 => (vec!["phrases", a, b], vec![a, b]),
        3 => (vec!["outline", a], vec![a]),
        4 => (vec!["split", b], vec![b]),
        5 => (vec!["check"], vec!["reportdiff.toml", a, b]),
        6 => (
            vec!["check", "--update-baseline"],
            vec!["reportdiff.toml", "baseline.json", b],
        ),
        _ => (
            vec!["corpus", "c", "--no-cache", "--watch", "watch.txt"],
            vec![a, b, "watch.txt"],
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Whatever the command and whichever input `-o` names (directly, through
    /// a symlink or a hard link), the run is refused and no input changes.
    #[test]
    fn no_command_ever_writes_to_one_of_its_inputs(which in 0usize..8, pick in 0usize..3, spelling in 0usize..3) {
        let (dir, _) = corpus_folder();
        std::fs::write(dir.path().join("watch.txt"), "新质生产力\n").unwrap();
        std::fs::write(dir.path().join("reportdiff.toml"), CHECK_RULES).unwrap();
        if which >= 5 {
            // A real baseline, so that `check` itself would pass.
            let made = bin().current_dir(dir.path()).args(["check", "--update-baseline"]).output().unwrap();
            prop_assert_eq!(made.status.code(), Some(0), "{}", String::from_utf8_lossy(&made.stderr));
        }
        let (args, inputs) = command(which);
        let input = inputs[pick % inputs.len()];
        let target = match spelling {
            0 => input.to_string(),
            1 => {
                std::os::unix::fs::symlink(dir.path().join(input), dir.path().join("link")).unwrap();
                "link".to_string()
            }
            _ => {
                std::fs::hard_link(dir.path().join(input), dir.path().join("hard")).unwrap();
                "hard".to_string()
            }
        };
        let before = snapshot(dir.path());
        let out = bin().current_dir(dir.path()).args(&args).args(["-o", &target]).output().unwrap();
        prop_assert_eq!(out.status.code(), Some(2), "{:?} -o {}: {}", args, target, String::from_utf8_lossy(&out.stderr));
        prop_assert!(snapshot(dir.path()) == before, "{:?} -o {} changed a file", args, target);
    }
}
