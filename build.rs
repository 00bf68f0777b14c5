//! Build identity for the corpus cache (`src/cache.rs`): a hash of every
//! input that can change what the tool reads, segments or renders (`src/`,
//! `data/`, `templates/` and the escaper configuration `askama.toml`,
//! `Cargo.toml`, `Cargo.lock`), exported as
//! `REPORTDIFF_BUILD`. Two binaries of the same version built from different
//! sources get different cache keys, so a rebuilt binary never reuses entries
//! its predecessor prepared. Only file paths and contents are hashed — no
//! timestamps, no absolute paths — so the same sources give the same value on
//! every machine.

use std::path::{Path, PathBuf};

/// The inputs hashed, relative to the package root.
const INPUTS: &[&str] = &["src", "data", "templates", "askama.toml", "Cargo.toml", "Cargo.lock"];

/// Every file under `path` (itself if a file), recursively.
fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        if let Ok(entries) = std::fs::read_dir(path) {
            for e in entries.flatten() {
                files(&e.path(), out);
            }
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

/// 64-bit FNV-1a, continued from `h`: no build dependency for a value that only
/// has to differ when the sources differ.
fn fnv1a(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let mut all = Vec::new();
    for input in INPUTS {
        println!("cargo:rerun-if-changed={input}");
        files(&root.join(input), &mut all);
    }
    // Relative paths with `/`, sorted: the order of `read_dir` is the file system's.
    let mut named: Vec<(String, PathBuf)> = all
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(&root).ok()?.to_string_lossy().replace('\\', "/");
            Some((rel, p))
        })
        .collect();
    named.sort();
    // Two FNV streams with different offsets make a 128-bit value.
    let mut h = [0xcbf2_9ce4_8422_2325_u64, 0x6c62_272e_07bb_0142_u64];
    for (rel, path) in &named {
        let content = std::fs::read(path).unwrap_or_default();
        for part in [rel.as_bytes(), &(content.len() as u64).to_le_bytes(), &content] {
            for x in h.iter_mut() {
                *x = fnv1a(*x, part);
            }
        }
    }
    println!("cargo:rustc-env=REPORTDIFF_BUILD={:016x}{:016x}", h[0], h[1]);
}
