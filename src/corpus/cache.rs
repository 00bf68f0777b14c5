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
//! safe; a write that fails (read-only or full disk) is skipped. Every entry
//! starts with a header line giving its length and the BLAKE3 hash of its
//! content; an entry whose header, length or hash does not match (truncated,
//! edited, damaged), that is not a regular file (a FIFO, a device), or that is
//! larger than [`MAX_ENTRY`] is a miss, never used, and is replaced by the
//! next write. Concurrent runs are safe: every entry
//! is written to a temporary file in the same directory and renamed into
//! place, so a reader sees either no entry or a whole one, and two writers of
//! the same key write the same bytes.

use crate::interrupt::Temporary;
use crate::read::bounded::{read_bounded, Accept};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Bumped when the layout or meaning of cached entries changes.
const FORMAT: &str = "corpus-cache-2";

/// Largest entry read back, in bytes (a report's counting text is at most
/// [`crate::read::source::MAX_TEXT_BYTES`]; the header adds little).
pub const MAX_ENTRY: u64 = crate::read::source::MAX_TEXT_BYTES as u64 + 4096;

/// The first bytes of every entry's header line.
const MAGIC: &str = "reportdiff-cache";

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

/// The parts of a [`Key`], each written with a type tag and a length, so
/// `None` and `Some("")`, or `1` and `"1"`, never give the same key (the
/// typed replacement of formatting options as debug text).
#[derive(Debug, Clone, Default)]
pub struct KeyParts(Vec<u8>);

impl KeyParts {
    /// No parts yet.
    pub fn new() -> KeyParts {
        KeyParts::default()
    }

    fn tagged(mut self, tag: u8, bytes: &[u8]) -> KeyParts {
        self.0.push(tag);
        self.0.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        self.0.extend_from_slice(bytes);
        self
    }

    /// Adds bytes.
    pub fn bytes(self, b: &[u8]) -> KeyParts {
        self.tagged(b'b', b)
    }

    /// Adds text.
    pub fn text(self, s: &str) -> KeyParts {
        self.tagged(b's', s.as_bytes())
    }

    /// Adds an optional text.
    pub fn opt_text(self, s: Option<&str>) -> KeyParts {
        match s {
            Some(s) => self.tagged(b'S', s.as_bytes()),
            None => self.tagged(b'n', &[]),
        }
    }

    /// Adds an integer.
    pub fn int(self, n: i128) -> KeyParts {
        self.tagged(b'i', &n.to_le_bytes())
    }

    /// Adds an optional integer.
    pub fn opt_int(self, n: Option<i128>) -> KeyParts {
        match n {
            Some(n) => self.tagged(b'I', &n.to_le_bytes()),
            None => self.tagged(b'n', &[]),
        }
    }

    /// Adds a flag.
    pub fn flag(self, on: bool) -> KeyParts {
        self.tagged(b'f', &[u8::from(on)])
    }

    /// Adds a list of texts (its length first).
    pub fn texts<'a>(self, list: impl IntoIterator<Item = &'a str>) -> KeyParts {
        let list: Vec<&str> = list.into_iter().collect();
        list.iter().fold(self.int(list.len() as i128), |k, s| k.text(s))
    }

    /// The key of these parts (with the version, build and format).
    pub fn key(&self) -> Key {
        Key::of(&[&self.0])
    }
}

/// An entry's bytes: the header line (`reportdiff-cache LENGTH HASH`) and the content.
fn framed(content: &[u8]) -> Vec<u8> {
    let header = format!("{MAGIC} {} {}\n", content.len(), blake3::hash(content).to_hex());
    let mut out = Vec::with_capacity(header.len() + content.len());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(content);
    out
}

/// The content of an entry whose header matches its length and hash; `None`
/// for anything else.
fn unframed(mut bytes: Vec<u8>) -> Option<Vec<u8>> {
    let end = bytes.iter().take(200).position(|&b| b == b'\n')?;
    let header = std::str::from_utf8(&bytes[..end]).ok()?;
    let mut fields = header.split(' ');
    if fields.next()? != MAGIC {
        return None;
    }
    let len: usize = fields.next()?.parse().ok()?;
    let hash = blake3::Hash::from_hex(fields.next()?).ok()?;
    if fields.next().is_some() || bytes.len() - end - 1 != len {
        return None;
    }
    let content = bytes.split_off(end + 1);
    (blake3::hash(&content) == hash).then_some(content)
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

    /// The verified content of an entry (see the module notes), or `None`.
    fn read(&self, path: &Path) -> Option<Vec<u8>> {
        unframed(read_bounded(path, MAX_ENTRY, Accept::Found).ok()?)
    }

    /// The value stored under `key`, if present, whole and readable.
    pub fn get<T: DeserializeOwned>(&self, bucket: &str, key: &Key) -> Option<T> {
        let bytes = self.read(&self.path(bucket, key, "json"))?;
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
        String::from_utf8(self.read(&self.path(bucket, key, "txt"))?).ok()
    }

    /// Stores `text` under `key` (best effort).
    pub fn put_text(&self, bucket: &str, key: &Key, text: &str) {
        self.write(&self.path(bucket, key, "txt"), text.as_bytes());
    }

    /// Writes a temporary file beside `path` and renames it into place.
    fn write(&self, path: &Path, bytes: &[u8]) {
        if crate::writing_rule::refuse_file(path).is_err() {
            return;
        }
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        let Ok((mut file, tmp)) = Temporary::create(&tempfile::Builder::new(), parent) else {
            return;
        };
        if file.write_all(&framed(bytes)).is_ok() {
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
    fn key_parts_are_typed() {
        let k = |p: KeyParts| p.key();
        assert_ne!(k(KeyParts::new().opt_text(None)), k(KeyParts::new().opt_text(Some(""))));
        assert_ne!(k(KeyParts::new().int(1)), k(KeyParts::new().text("1")));
        assert_ne!(
            k(KeyParts::new().texts(["a", "b"]).text("c")),
            k(KeyParts::new().texts(["a"]).text("b").text("c"))
        );
        assert_eq!(k(KeyParts::new().flag(true)), k(KeyParts::new().flag(true)));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_entry_is_a_miss_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf());
        let k = Key::of(&[b"report"]);
        let path = cache.path("t", &k, "txt");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap()
            .success());
        assert_eq!(cache.get_text("t", &k), None);
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
        cache.put("b", &k, &vec![1u32, 2]);
        let entry = cache.path("b", &k, "json");
        let whole = std::fs::read(&entry).unwrap();
        // Truncated, so that what is left still parses: still a miss.
        let cut = whole.iter().rposition(|&b| b == b',').unwrap();
        let mut short = whole[..cut].to_vec();
        short.push(b']');
        std::fs::write(&entry, &short).unwrap();
        assert_eq!(cache.get::<Vec<u32>>("b", &k), None);
        // Same length, one byte changed: the hash says so.
        let mut edited = whole.clone();
        let last_digit = edited.iter().rposition(|&b| b == b'2').unwrap();
        edited[last_digit] = b'3';
        std::fs::write(&entry, &edited).unwrap();
        assert_eq!(cache.get::<Vec<u32>>("b", &k), None);
        // Deleting the directory is safe.
        std::fs::remove_dir_all(dir.path().join("c")).unwrap();
        assert_eq!(cache.get_text("t", &k), None);
    }
}
