//! Build identity for the corpus cache (`src/cache.rs`): a hash of every
//! input that can change what the tool reads, segments or renders (`src/`,
//! `data/`, `templates/` and the escaper configuration `askama.toml`,
//! `Cargo.toml`, `Cargo.lock`), exported as
//! `REPORTDIFF_BUILD`. Two binaries of the same version built from different
//! sources get different cache keys, so a rebuilt binary never reuses entries
//! its predecessor prepared. Only file paths and contents are hashed — no
//! timestamps, no absolute paths — so the same sources give the same value on
//! every machine.
//!
//! It also prebuilds jieba's dictionary for `src/compare/segment.rs`
//! ([`dictionary`]): the entries grouped by their first two characters, with an
//! index of the groups, so a run looks up the groups its inputs can use instead
//! of scanning all 349k lines; and an index of the rows of the background
//! tables ([`keyed_index`]), so a run looks a phrase up without parsing them.

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

/// Bits of an entry record ([`dictionary`]) that hold the frequency; the
/// word's length in bytes is above them.
const FREQUENCY_BITS: u32 = 26;

/// Writes `jieba-dict-words.txt`, `jieba-dict-entries.bin` and
/// `jieba-dict-index.bin` into `out`.
///
/// The entries of `data/jieba-dict.txt` are ordered by their key (first
/// character, second character or 0 for a one-character word), equal keys in
/// file order. The words text holds their words one after another, with
/// nothing between them. The entries file holds one u32 (little-endian) per
/// entry, in the same order: the word's length in bytes above the lowest
/// [`FREQUENCY_BITS`] bits, its frequency in them. The index opens with the
/// total frequency of all entries (u64, little-endian), then one 16-byte record
/// per key in ascending order: first character, second character (0 for none),
/// the group's first entry and the byte where its first word starts (u32
/// each, little-endian), and ends with one more record of `u32::MAX` keys
/// holding the number of entries and the length of the words text. A run reads
/// a group's words and frequencies without parsing lines.
fn dictionary(root: &Path, out: &Path) {
    let text =
        std::fs::read_to_string(root.join("data/jieba-dict.txt")).expect("data/jieba-dict.txt is readable UTF-8");
    let mut entries: Vec<((u32, u32), &str, u32)> = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (word, freq) = l.split_once(' ').unwrap_or((l, ""));
            let mut cs = word.chars();
            let a = cs.next().map_or(0, u32::from);
            let b = cs.next().map_or(0, u32::from);
            let freq = freq.trim().parse::<u32>().expect("a dictionary frequency is a number");
            assert!(freq < 1 << FREQUENCY_BITS, "frequency {freq} of {word} fits its field");
            assert!(word.len() < 1 << (32 - FREQUENCY_BITS), "{word} fits its length field");
            ((a, b), word, freq)
        })
        .collect();
    entries.sort_by_key(|&(k, _, _)| k); // stable: equal keys keep file order
    let mut words = String::with_capacity(text.len());
    let mut records: Vec<u8> = Vec::with_capacity(entries.len() * 4);
    let mut index: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    let mut i = 0;
    while i < entries.len() {
        let key = entries[i].0;
        for v in [key.0, key.1, i as u32, words.len() as u32] {
            index.extend_from_slice(&v.to_le_bytes());
        }
        while i < entries.len() && entries[i].0 == key {
            let (_, word, freq) = entries[i];
            total += u64::from(freq);
            words.push_str(word);
            records.extend_from_slice(&(((word.len() as u32) << FREQUENCY_BITS) | freq).to_le_bytes());
            i += 1;
        }
    }
    for v in [u32::MAX, u32::MAX, entries.len() as u32, words.len() as u32] {
        index.extend_from_slice(&v.to_le_bytes());
    }
    let mut bin = total.to_le_bytes().to_vec();
    bin.extend_from_slice(&index);
    std::fs::write(out.join("jieba-dict-words.txt"), words).expect("OUT_DIR is writable");
    std::fs::write(out.join("jieba-dict-entries.bin"), records).expect("OUT_DIR is writable");
    std::fs::write(out.join("jieba-dict-index.bin"), bin).expect("OUT_DIR is writable");
}

/// Writes `<file>.index.bin` into `out` for the table `data/<file>`: its
/// `key<sep>value` rows (lines starting with `#` and lines without `sep` are
/// left out) sorted by key in byte order, equal keys in file order, as the
/// start and end byte of each key in the file (u32 each, little-endian). The
/// run binary-searches the embedded file through it instead of splitting and
/// collecting its lines (`src/compare/phrases/keyed.rs`).
fn keyed_index(root: &Path, out: &Path, file: &str, sep: char) {
    let text = std::fs::read_to_string(root.join(format!("data/{file}"))).expect("the data table is readable UTF-8");
    let mut rows: Vec<(&str, u32, u32)> = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        if !line.starts_with('#') {
            if let Some(tab) = line.find(sep) {
                rows.push((&line[..tab], at as u32, (at + tab) as u32));
            }
        }
        at += line.len();
    }
    rows.sort_by(|a, b| a.0.cmp(b.0)); // stable: equal keys keep file order
    let mut bin = Vec::with_capacity(rows.len() * 8);
    for (_, start, end) in rows {
        bin.extend_from_slice(&start.to_le_bytes());
        bin.extend_from_slice(&end.to_le_bytes());
    }
    std::fs::write(out.join(format!("{file}.index.bin")), bin).expect("OUT_DIR is writable");
}

/// Writes `divisions.rs` into `out`: the names of `data/divisions.tsv`
/// (`code<TAB>name<TAB>snapshot` rows) with their level as a Rust slice
/// sorted by name, one entry per name at its highest level (a prefecture-level
/// city listed again as its own county row, 东莞市, is a prefecture), for
/// `src/read/gazetteer.rs` to binary-search without parsing the file per run.
fn divisions(root: &Path, out: &Path) {
    let text = std::fs::read_to_string(root.join("data/divisions.tsv")).expect("the gazetteer is readable UTF-8");
    let mut rows: Vec<(&str, u8)> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.split('\t');
        if let (Some(code), Some(name)) = (fields.next(), fields.next()) {
            rows.push((
                name,
                match code.len() {
                    2 => 0,
                    4 => 1,
                    _ => 2,
                },
            ));
        }
    }
    rows.sort_unstable();
    rows.dedup_by_key(|(name, _)| *name);
    let mut rs = String::from("&[\n");
    for (name, level) in rows {
        let level = ["Province", "Prefecture", "County"][level as usize];
        rs.push_str(&format!("    ({name:?}, Level::{level}),\n"));
    }
    rs.push_str("]\n");
    std::fs::write(out.join("divisions.rs"), rs).expect("OUT_DIR is writable");
}

/// Writes `<file>.rs` into `out`: the words of `data/<file>` (one per line,
/// `#` starts a comment) as a Rust slice, sorted in byte order and
/// deduplicated, for the run to binary-search without splitting the file.
fn word_list(root: &Path, out: &Path, file: &str) {
    let mut rs = String::from("&[\n");
    for w in list_words(root, file) {
        rs.push_str(&format!("    {w:?},\n"));
    }
    rs.push_str("]\n");
    std::fs::write(out.join(format!("{file}.rs")), rs).expect("OUT_DIR is writable");
}

/// The words of the list `data/{file}`, one per line (`#` starts a comment),
/// sorted and deduplicated.
fn list_words(root: &Path, file: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root.join(format!("data/{file}"))).expect("the word list is readable UTF-8");
    let mut words: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Writes `{file}.set.rs` into `out`: the words of the list `data/{file}`
/// (as [`list_words`] reads them) as a `phf::Set`, a hash table built here
/// so a run looks a word up in one probe.
fn word_set(root: &Path, out: &Path, file: &str) {
    let words = list_words(root, file);
    let mut set = phf_codegen::Set::new();
    for w in &words {
        set.entry(w.as_str());
    }
    std::fs::write(out.join(format!("{file}.set.rs")), format!("{}\n", set.build())).expect("OUT_DIR is writable");
}

/// Writes `edge-words.txt.map.rs` into `out`: each word of
/// `data/edge-words.txt` (`word first|last|both`) with (not first, not
/// last) as a `phf::Map`; a word listed twice keeps its first row.
fn edge_words(root: &Path, out: &Path) {
    let text = std::fs::read_to_string(root.join("data/edge-words.txt")).expect("the edge words are readable UTF-8");
    let mut seen = std::collections::HashSet::new();
    let mut map = phf_codegen::Map::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        if let Some((word, rule)) = line.split_once(' ') {
            if seen.insert(word) {
                let rule = rule.trim();
                map.entry(word, format!("({}, {})", rule != "last", rule != "first"));
            }
        }
    }
    std::fs::write(out.join("edge-words.txt.map.rs"), format!("{}\n", map.build())).expect("OUT_DIR is writable");
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    dictionary(&root, &out);
    keyed_index(&root, &out, "background.tsv", '\t');
    keyed_index(&root, &out, "background-national.tsv", '\t');
    divisions(&root, &out);
    word_list(&root, &out, "lexicon.txt");
    word_list(&root, &out, "ordinary-words.txt");
    word_set(&root, &out, "ordinary-words.txt");
    edge_words(&root, &out);
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
