#![allow(dead_code)]
//! Helpers shared by the CLI tests.

use assert_cmd::Command;
use std::path::PathBuf;

/// The project root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared material: ../shared beside the repository, or `REPORTDIFF_SHARED`
/// (a git worktree sits one folder deeper).
pub fn shared_dir() -> PathBuf {
    std::env::var_os("REPORTDIFF_SHARED").map_or_else(|| root().join("../shared"), PathBuf::from)
}

/// A file of ../shared (seeds and corpus sit beside the repository).
pub fn shared(rel: &str) -> String {
    let p = shared_dir().join(rel);
    assert!(p.exists(), "missing shared input {}", p.display());
    p.to_string_lossy().into_owned()
}

/// A seed file by its number prefix (`"003"`).
pub fn seed(prefix: &str) -> String {
    let dir = shared_dir().join("seeds");
    let name = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    dir.join(name).to_string_lossy().into_owned()
}

/// A file of samples/.
pub fn sample(name: &str) -> String {
    root().join("samples").join(name).to_string_lossy().into_owned()
}

/// The binary, with colour off unless a test asks for it.
pub fn bin() -> Command {
    let mut c = Command::cargo_bin("reportdiff").expect("binary");
    c.env_remove("NO_COLOR");
    c
}

/// Runs the binary with `args`, expecting exit `code`; returns stdout.
pub fn run_ok(args: &[&str], code: i32) -> String {
    let out = bin().args(args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(code),
        "args {args:?}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Runs and parses JSON output.
pub fn run_json(args: &[&str], code: i32) -> serde_json::Value {
    let mut a: Vec<&str> = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&a, code)).expect("valid JSON")
}

/// A file of tests/fixtures/ (provenance in tests/fixtures/README.md).
pub fn fixture(name: &str) -> String {
    root().join("tests/fixtures").join(name).to_string_lossy().into_owned()
}
