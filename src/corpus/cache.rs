//! A directory of prepared-report summaries, keyed by content hash, so that a
//! second `corpus` run only prepares what changed.
//!
//! Keys are BLAKE3 hashes of the tool version, the build fingerprint (a hash
//! of the sources, data and templates the binary was built from, see
//! `build.rs`: a rebuilt binary whose reading or segmentation changed under
//! the same version must not reuse its predecessor's entries), the cache
//! format, the options that change results, and the input bytes. BLAKE3 because hashing must not
//! cost more than reading (it runs at several GB/s, so the 65 MB city corpus
//! hashes in tens of milliseconds) and because a cryptographic hash lets the
//! key stand for the content: two different inputs never share an entry.
//!
//! The cache is an optimisation only. Deleting the directory at any time is
//! safe; an entry that cannot be read or parsed is a miss; a write that fails
//! (read-only or full disk) is skipped. Concurrent runs are safe: every entry
//! is written to a temporary file in the same directory and renamed into
//! place, so a reader sees either no entry or a whole one, and two writers of
//! the same key write the same bytes.

use crate::interrupt::Temporary;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped when the layout or meaning of cached entries changes.
const FORMAT: &str = "corpus-cache-1";

/// The build fingerprint (see `build.rs`).
const BUILD: &str = env!("REPORTDIFF_BUILD");

/// A cache key: the hex BLAKE3 hash of its parts.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(String);

impl Key {
    /// The key of `parts` (each length-prefixed, so `["ab", "c"]` and
    /// `["a", "bc"]` differ), the tool version, this binary's build
    /// fingerprint and the cache format.
    pub fn of(parts: &[&[u8]]) -> Key {
        Key::built(BUILD, parts)
    }

    /// [`Key::of`] for the binary whose build fingerprint is `build`.
    fn built(build: &str, parts: &[&[u8]]) -> Key {
        let mut h = blake3::Hasher::new();
        for p in [
            env!("CARGO_PKG_VERSION").as_bytes(),
            build.as_bytes(),
            FORMAT.as_bytes(),
        ]
        .iter()
        .chain(parts)
        {
            h.update(&(p.len() as u64).to_le_bytes());
            h.update(p);
        }
        Key(h.finalize().to_hex().to_string())
    }

    /// The hex digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The default directory: `$XDG_CACHE_HOME/reportdiff`, else
    /// `~/.cache/reportdiff`; `None` when neither variable is set.
    pub fn default_dir() -> Option<PathBuf> {
        let non_empty = |v: &str| std::env::var_os(v).filter(|s| !s.is_empty()).map(PathBuf::from);
        non_empty("XDG_CACHE_HOME")
            .or_else(|| non_empty("HOME").map(|h| h.join(".cache")))
            .map(|d| d.join("reportdiff"))
    }

    /// A cache in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Cache {
        Cache { dir }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, bucket: &str, key: &Key, ext: &str) -> PathBuf {
        // Two-hex-digit fan-out keeps directories small for large corpora.
        self.dir.join(bucket).join(&key.0[..2]).join(format!("{}.{ext}", key.0))
    }

    /// The value stored under `key`, if present and readable.
    pub fn get<T: DeserializeOwned>(&self, bucket: &str, key: &Key) -> Option<T> {
        let bytes = std::fs::read(self.path(bucket, key, "json")).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Stores `value` under `key` (best effort).
    pub fn put<T: Serialize>(&self, bucket: &str, key: &Key, value: &T) {
        if let Ok(bytes) = serde_json::to_vec(value) {
            self.write(&self.path(bucket, key, "json"), &bytes);
        }
    }

    /// The text stored under `key`, if present.
    pub fn get_text(&self, bucket: &str, key: &Key) -> Option<String> {
        std::fs::read_to_string(self.path(bucket, key, "txt")).ok()
    }

    /// Stores `text` under `key` (best effort).
    pub fn put_text(&self, bucket: &str, key: &Key, text: &str) {
        self.write(&self.path(bucket, key, "txt"), text.as_bytes());
    }

    /// Writes a temporary file beside `path` and renames it into place.
    fn write(&self, path: &Path, bytes: &[u8]) {
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        let Ok((mut file, tmp)) = Temporary::create(&tempfile::Builder::new(), parent) else {
            return;
        };
        if file.write_all(bytes).is_ok() {
            drop(file);
            // A failed rename leaves no entry and removes the temporary file.
            let _ = tmp.persist(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(Key::of(&[b"ab", b"c"]), Key::of(&[b"a", b"bc"]));
        assert_eq!(Key::of(&[b"x"]), Key::of(&[b"x"]));
        assert_eq!(Key::of(&[b"x"]).as_str().len(), 64);
    }

    #[test]
    fn another_build_misses_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf());
        let parts: &[&[u8]] = &[b"file", b"2024.md"];
        assert_eq!(Key::of(parts), Key::built(BUILD, parts));
        assert_eq!(BUILD.len(), 32);
        cache.put_text("text", &Key::of(parts), "prepared by this build");
        let rebuilt = Key::built("0123456789abcdef0123456789abcdef", parts);
        assert_ne!(rebuilt, Key::of(parts));
        assert_eq!(cache.get_text("text", &rebuilt), None);
        assert!(cache.get_text("text", &Key::of(parts)).is_some());
    }

    #[test]
    fn round_trip_and_misses() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("c"));
        let k = Key::of(&[b"report"]);
        assert_eq!(cache.get::<Vec<u32>>("b", &k), None);
        cache.put("b", &k, &vec![1u32, 2]);
        assert_eq!(cache.get::<Vec<u32>>("b", &k), Some(vec![1, 2]));
        cache.put_text("t", &k, "新质生产力");
        assert_eq!(cache.get_text("t", &k).as_deref(), Some("新质生产力"));
        // A damaged entry is a miss, not an error.
        std::fs::write(cache.path("b", &k, "json"), b"{not json").unwrap();
        assert_eq!(cache.get::<Vec<u32>>("b", &k), None);
        // Deleting the directory is safe.
        std::fs::remove_dir_all(dir.path().join("c")).unwrap();
        assert_eq!(cache.get_text("t", &k), None);
    }
}
