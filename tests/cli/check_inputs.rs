//! Hardening of `check`, `init` and report selection (issue 16): a baseline
//! never overwrites a report, every file read is bounded, messages say what is
//! wrong, and names cannot inject TOML or terminal/CI control sequences.

use crate::common;
use common::*;
use std::path::Path;

fn workspace(samples: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for s in samples {
        std::fs::copy(sample(s), dir.path().join(s)).unwrap();
    }
    dir
}

/// Runs `check --config CONFIG EXTRA…`; returns (exit code, stdout, stderr).
fn check(config: &Path, extra: &[&str]) -> (i32, String, String) {
    let out = bin()
        .args(["check", "--config", config.to_str().unwrap(), "--color", "never"])
        .args(extra)
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const PAIR: [&str; 2] = ["guangzhou-2021.txt", "guangzhou-2025.txt"];

fn rules_with_baseline(dir: &Path, baseline: &str) -> std::path::PathBuf {
    let config = dir.join("reportdiff.toml");
    std::fs::write(
        &config,
        format!("reports = [\"guangzhou-2021.txt\", \"guangzhou-2025.txt\"]\n[baseline]\npath = \"{baseline}\"\n"),
    )
    .unwrap();
    config
}

#[test]
fn update_baseline_never_overwrites_a_report() {
    let dir = workspace(&PAIR);
    let report = dir.path().join("guangzhou-2025.txt");
    let before = std::fs::read(&report).unwrap();
    // Spelled differently from the `reports` entry: identity, not string equality.
    let config = rules_with_baseline(dir.path(), "./guangzhou-2025.txt");
    let (code, _, err) = check(&config, &["--update-baseline"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("refusing to overwrite an input"), "{err}");
    assert_eq!(std::fs::read(&report).unwrap(), before);
}

#[test]
fn rules_and_baselines_are_read_within_the_size_limit() {
    let (code, _, err) = check(Path::new("/dev/zero"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("/dev/zero: input is larger than the limit"), "{err}");
    let dir = workspace(&PAIR);
    let config = rules_with_baseline(dir.path(), "baseline.json");
    std::fs::write(dir.path().join("baseline.json"), vec![b' '; 4096]).unwrap();
    let (code, _, err) = check(&config, &["--max-input-size", "1000"]);
    assert_eq!(code, 2);
    assert!(err.contains("input is larger than the limit"), "{err}");
}

#[test]
fn foreign_and_truncated_baselines_are_named_as_such() {
    let dir = workspace(&PAIR);
    let config = rules_with_baseline(dir.path(), "baseline.json");
    let (code, _, err) = check(&config, &["--update-baseline"]);
    assert_eq!(code, 0, "{err}");
    let good = std::fs::read(dir.path().join("baseline.json")).unwrap();

    std::fs::write(
        dir.path().join("baseline.json"),
        br#"{"name": "package.json", "version": "1.0.0"}"#,
    )
    .unwrap();
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("is not a reportdiff baseline snapshot (JSON without"),
        "{err}"
    );

    // Cut inside a multi-byte character: not a "not valid UTF-8" riddle.
    let cut = (good.len() / 2..good.len())
        .find(|&i| good[i] >= 0x80 && good[i] < 0xC0)
        .unwrap();
    std::fs::write(dir.path().join("baseline.json"), &good[..cut]).unwrap();
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("truncated"), "{err}");
    let cut = good.iter().rposition(|&b| b == b',').unwrap();
    std::fs::write(dir.path().join("baseline.json"), &good[..cut]).unwrap();
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn control_character_in_rules_file_is_named() {
    let dir = workspace(&PAIR);
    let config = dir.path().join("reportdiff.toml");
    std::fs::write(&config, "# a comment\u{1}\nreports = [\"guangzhou-2025.txt\"]\n").unwrap();
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("reportdiff.toml:1:"), "{err}");
    assert!(err.contains("control character U+0001"), "{err}");
}

#[cfg(unix)]
#[test]
fn glob_does_not_silently_drop_non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let dir = workspace(&PAIR);
    let odd = std::ffi::OsStr::from_bytes(b"guangzhou-\xff.txt");
    std::fs::copy(sample("guangzhou-2021.txt"), dir.path().join(odd)).unwrap();
    let config = dir.path().join("reportdiff.toml");
    std::fs::write(&config, "reports = [\"guangzhou-*.txt\"]\n").unwrap();
    let (code, _, err) = check(&config, &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}

#[test]
fn check_output_escapes_names() {
    let dir = workspace(&PAIR);
    let evil = "guangzhou\u{1b}c\u{202E}-2025.txt";
    std::fs::rename(dir.path().join("guangzhou-2025.txt"), dir.path().join(evil)).unwrap();
    let config = dir.path().join("reportdiff.toml");
    std::fs::write(
        &config,
        "reports = [\"guangzhou-2021.txt\", \"guangzhou\\u001bc\\u202E-2025.txt\"]\n[phrases]\nrequire = [\"不存在的短语\"]\n",
    )
    .unwrap();
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 1, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{202E}'), "{out:?}");
    assert!(out.contains("\\u{1b}c\\u{202e}"), "{out}");
}

#[test]
fn init_cannot_be_made_to_write_live_toml() {
    let dir = workspace(&PAIR);
    // A file init lists in a comment (no year), named to break out of it.
    let evil = "x\n[baseline]\npath = \"guangzhou-2025.txt\"\n#.txt";
    std::fs::write(dir.path().join(evil), "各位代表：现在我代表市人民政府作报告。\n").unwrap();
    let out = bin().args(["init", dir.path().to_str().unwrap()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(dir.path().join("reportdiff.toml")).unwrap();
    let parsed: toml::Value = toml::from_str(&text).expect("init writes valid TOML");
    assert!(parsed.get("baseline").is_none(), "{text}");
    let (code, _, err) = check(&dir.path().join("reportdiff.toml"), &[]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn ambiguous_or_empty_report_selector_lists_the_candidates() {
    let scrape = seed("003");
    let out = bin().args(["outline", &scrape]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    for sel in ["区", ""] {
        let out = bin()
            .args(["diff", &scrape, &sample("guangzhou-2025.txt"), "--old-report", sel])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "selector {sel:?}: {err}");
        assert_eq!(err.lines().count(), 1);
        assert!(err.contains("1 = ") && err.contains("2 = "), "candidates listed: {err}");
    }
}

/// A `**` glob through two symlinks that loop (`a/up -> ..`, `a/again ->
/// ../a`) and a hard link lists each report once and ends (the glob crate
/// counted a report twice with one link and never ended with two).
#[cfg(unix)]
#[test]
fn glob_through_symlink_loops_counts_each_report_once_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("r/a");
    std::fs::create_dir_all(&a).unwrap();
    for s in PAIR {
        std::fs::copy(sample(s), a.join(s)).unwrap();
    }
    std::os::unix::fs::symlink("..", a.join("up")).unwrap();
    std::os::unix::fs::symlink("../a", a.join("again")).unwrap();
    std::fs::hard_link(a.join(PAIR[1]), dir.path().join("r/copy-2025.txt")).unwrap();
    let config = dir.path().join("reportdiff.toml");
    std::fs::write(
        &config,
        "reports = [\"r/**/*.txt\"]\n[changes]\nmax_changed_share = 1.0\n",
    )
    .unwrap();
    // The timeout only stops today's endless walk; it measures nothing.
    let out = bin()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["r/a/guangzhou-2021.txt", "r/a/guangzhou-2025.txt"]);
}

/// A report in a folder whose name is not UTF-8 is refused with one line,
/// never skipped (which made a false violation, or a false pass of `forbid`).
#[cfg(unix)]
#[test]
fn glob_into_a_non_utf8_folder_is_refused_not_skipped() {
    use std::os::unix::ffi::OsStrExt;
    let dir = workspace(&PAIR);
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"r/\xff"));
    std::fs::create_dir_all(&odd).unwrap();
    std::fs::rename(dir.path().join(PAIR[1]), odd.join(PAIR[1])).unwrap();
    std::fs::create_dir(dir.path().join("r/ok")).unwrap();
    std::fs::rename(dir.path().join(PAIR[0]), dir.path().join("r/ok").join(PAIR[0])).unwrap();
    let config = dir.path().join("reportdiff.toml");
    std::fs::write(
        &config,
        "reports = [\"r/**/*.txt\"]\n[phrases]\nforbid = [\"新质生产力\"]\n",
    )
    .unwrap();
    let (code, out, err) = check(&config, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}
