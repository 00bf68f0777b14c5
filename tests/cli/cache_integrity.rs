//! The corpus cache is verified: a damaged entry (truncated, edited) or one
//! that is not a regular file is a miss, never used, and the output stays
//! what an uncached run gives.

use crate::common;

use common::{bin, sample};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Runs `corpus c` with the cache in `cache`; returns its JSON output.
fn corpus(dir: &Path, cache: &str) -> String {
    let out = bin()
        .current_dir(dir)
        .args(["corpus", "c", "--cache-dir", cache, "--format", "json"])
        // Stops a hang (a FIFO entry); measures nothing.
        .timeout(Duration::from_secs(300))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("c");
    std::fs::create_dir(&c).unwrap();
    for name in ["guangzhou-2021.txt", "guangzhou-2025.txt"] {
        std::fs::copy(sample(name), c.join(name)).unwrap();
    }
    dir
}

#[test]
fn truncated_entries_are_misses() {
    let dir = folder();
    let first = corpus(dir.path(), "cache");
    let cached = entries(&dir.path().join("cache"));
    assert!(cached.iter().any(|p| p.extension().is_some_and(|e| e == "txt")));
    for entry in &cached {
        let bytes = std::fs::read(entry).unwrap();
        std::fs::write(entry, &bytes[..bytes.len() / 10]).unwrap();
    }
    assert_eq!(corpus(dir.path(), "cache"), first);
    // The damaged entries were replaced: a further run reads them whole.
    assert_eq!(corpus(dir.path(), "cache"), first);
}

#[test]
fn a_fifo_entry_is_a_miss_without_waiting() {
    let dir = folder();
    let first = corpus(dir.path(), "cache");
    for entry in entries(&dir.path().join("cache")) {
        std::fs::remove_file(&entry).unwrap();
        let made = std::process::Command::new("mkfifo").arg(&entry).status().unwrap();
        assert!(made.success());
    }
    assert_eq!(corpus(dir.path(), "cache"), first);
}
