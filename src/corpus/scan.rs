//! Reading the files: walking the folders, scanning each file into summaries
//! (cached by content), and reading a report again when its text is needed.

use super::{CorpusOptions, Problem, ReportEntry};
use crate::compare::phrases::{self, PhraseKind, PhraseOptions};
use crate::corpus::cache::{Key, KeyParts};
use crate::read::bounded::{read_input, Accept};
use crate::read::document::{self, LoadOptions, Report};
use crate::read::meta::ReportMeta;
use crate::read::source::DEFAULT_MAX_INPUT;
use crate::writing_rule::{self, Identity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Where a report is read from again, and its cache identity.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct SourceRef {
    /// Key of the file's scan (content, name, options).
    pub(super) file_key: Key,
    /// Index of the report in the file.
    pub(super) index: usize,
}

impl SourceRef {
    pub(super) fn text_key(&self) -> Key {
        KeyParts::new()
            .text("text")
            .text(self.file_key.as_str())
            .int(self.index as i128)
            .key()
    }
}

/// Every file under `paths` (folders recursively, hidden entries skipped), in
/// a deterministic order, each file once (by identity: a hard link or a
/// second spelling is read once); folders that cannot be listed become
/// problems. Folders inside them whose identity is in `skip` (the run's own
/// output and cache folders, see [`crate::writing_rule`]) are left out. The folders and
/// files found are noted as inputs. A path given that does not exist is an
/// error (a typo, not a bad input).
pub fn walk(paths: &[String], skip: &[Identity]) -> crate::error::Result<(Vec<String>, Vec<Problem>)> {
    fn visit(dir: &Path, skip: &[Identity], files: &mut Vec<String>, problems: &mut Vec<Problem>) {
        writing_rule::note_input_folder(dir);
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push(Problem {
                    path: dir.display().to_string(),
                    message: format!("cannot list the folder: {e}"),
                });
                return;
            }
        };
        let mut children: Vec<std::path::PathBuf> = entries
            .filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect();
        children.sort();
        for child in children {
            // Paths are text from here on: a name that is not UTF-8 is named
            // as such, not read under a lossy name that does not exist.
            if child.to_str().is_none() {
                problems.push(Problem {
                    path: child.display().to_string(),
                    message: "the name is not valid UTF-8; not read (rename it)".to_string(),
                });
                continue;
            }
            // Symbolic links to folders are not followed: no cycles.
            match std::fs::symlink_metadata(&child) {
                Ok(m) if m.is_dir() => {
                    if !Identity::of(&child).is_some_and(|id| skip.contains(&id)) {
                        visit(&child, skip, files, problems);
                    }
                }
                _ => files.push(child.display().to_string()),
            }
        }
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            visit(path, skip, &mut files, &mut problems);
        } else if path.exists() {
            files.push(p.clone());
        } else {
            return Err(crate::error::Error::input(p, "no such file or folder"));
        }
    }
    let mut seen = BTreeSet::new();
    files.retain(|f| match Identity::of(Path::new(f)) {
        Some(id) => seen.insert(id),
        // Gone, or a dangling link: reading it says which.
        None => true,
    });
    for f in &files {
        writing_rule::note_input_path(Path::new(f));
    }
    Ok((files, problems))
}

/// What the scan keeps of one report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Scanned {
    pub(super) meta: ReportMeta,
    pub(super) chars: usize,
    /// The outline found a closing (a copy that lost its end has none).
    pub(super) closing: bool,
    /// BLAKE3 of the text (hex): copies of one year that read the same.
    pub(super) digest: String,
    pub(super) candidates: Vec<(String, PhraseKind)>,
}

/// Reads `path` into summaries, from the cache when its bytes were seen before.
pub(super) fn scan_file(path: &str, opts: &CorpusOptions) -> Result<(Key, Vec<Scanned>), Problem> {
    let problem = |message: String| Problem {
        path: path.to_string(),
        message,
    };
    let bytes = read_file(path, opts).map_err(problem)?;
    let key = file_key(path, &bytes, &opts.load);
    if let Some(cache) = &opts.cache {
        if let Some(mut scanned) = cache.get::<Vec<Scanned>>("scan", &key) {
            // The same bytes may sit at another path now.
            for s in &mut scanned {
                s.meta.path = path.to_string();
            }
            return Ok((key, scanned));
        }
    }
    let reports = document::load_bytes(path, bytes, &opts.load).map_err(|e| match e {
        crate::error::Error::Input { problem: message, .. } => problem(message),
        other => problem(other.to_string()),
    })?;
    let scanned: Vec<Scanned> = reports
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let counting = phrases::counting_text(r.text());
            if let Some(cache) = &opts.cache {
                cache.put_text(
                    "text",
                    &SourceRef {
                        file_key: key.clone(),
                        index: i,
                    }
                    .text_key(),
                    &counting,
                );
            }
            Scanned {
                meta: r.meta.clone(),
                chars: r.text().chars().count(),
                closing: r.sections.iter().any(|s| s.role == crate::read::outline::Role::Closing),
                digest: blake3::hash(r.text().as_bytes()).to_hex().to_string(),
                // Marked terms and lexicon entries; ordinary words only quoted.
                candidates: phrases::candidates_of([r.text()], &PhraseOptions::default())
                    .into_iter()
                    .collect(),
            }
        })
        .collect();
    if let Some(cache) = &opts.cache {
        cache.put("scan", &key, &scanned);
    }
    Ok((key, scanned))
}

/// The bytes of a file found in a folder: bounded by `--max-input-size`
/// before reading, regular files only (a FIFO or a device is a problem, not a
/// wait or an endless read).
fn read_file(path: &str, opts: &CorpusOptions) -> Result<Vec<u8>, String> {
    let limit = opts.load.source.max_size.unwrap_or(DEFAULT_MAX_INPUT);
    read_input(Path::new(path), limit, Accept::Found).map_err(|p| p.to_string())
}

/// The cache key of a file: its bytes, its name (the year may come from it),
/// its folder's name (`--group-by-folder` names jurisdictions after it) and
/// the options that change reading.
fn file_key(path: &str, bytes: &[u8], load: &LoadOptions) -> Key {
    let path = Path::new(path);
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    KeyParts::new()
        .text("file")
        .text(&name)
        .opt_text(load.source.encoding.as_deref())
        .opt_int(load.year.map(i128::from))
        .opt_text(load.jurisdiction.as_deref())
        .opt_int(load.source.max_size.map(i128::from))
        .bytes(bytes)
        .key()
}

/// The counting text of a report: from the cache, else read again.
pub(super) fn counting_text_of(
    entry: &ReportEntry,
    opts: &CorpusOptions,
    reloads: &Reloads,
) -> Result<String, Problem> {
    let key = entry.source.text_key();
    if let Some(text) = opts.cache.as_ref().and_then(|c| c.get_text("text", &key)) {
        reloads.skip(entry);
        return Ok(text);
    }
    let report = reloads.report(entry, opts)?;
    let counting = phrases::counting_text(report.text());
    if let Some(cache) = &opts.cache {
        cache.put_text("text", &key, &counting);
    }
    Ok(counting)
}

/// Reads a file of the scan again, whole (the file may have changed since: then a problem).
fn reload_file(entry: &ReportEntry, opts: &CorpusOptions) -> Result<Vec<Report>, Problem> {
    let problem = |message: String| Problem {
        path: entry.path.clone(),
        message,
    };
    let bytes = read_file(&entry.path, opts).map_err(problem)?;
    if file_key(&entry.path, &bytes, &opts.load) != entry.source.file_key {
        return Err(problem("changed while being read; run again".to_string()));
    }
    document::load_bytes(&entry.path, bytes, &opts.load).map_err(|e| problem(e.to_string()))
}

/// The reports of a file read again once for all of them (or why it could not be).
type SharedReading = Arc<OnceLock<Result<Vec<Report>, Problem>>>;

/// A file read again that holds several reports, shared by the reports of
/// it still to be read.
struct SharedFile {
    /// The file's reports, read by the first report of it that needs them.
    loaded: SharedReading,
    /// Reports of the file not asked for yet; at 0 the file is dropped.
    left: usize,
}

/// Reading reports again during one step (series, counting): a scrape holding
/// many reports is read and split once for all of them, not once per report
/// (which made a file of 280 reports quadratic), and kept only until its last
/// report has been taken. Files with one report are read as they come.
pub(super) struct Reloads {
    shared: Mutex<BTreeMap<Key, SharedFile>>,
}

impl Reloads {
    /// Prepares for reading `entries` again, each once.
    pub(super) fn new<'a>(entries: impl IntoIterator<Item = &'a ReportEntry>) -> Reloads {
        let mut left: BTreeMap<Key, usize> = BTreeMap::new();
        for e in entries {
            *left.entry(e.source.file_key.clone()).or_default() += 1;
        }
        let shared = left
            .into_iter()
            .filter(|&(_, n)| n > 1)
            .map(|(k, left)| {
                let file = SharedFile {
                    loaded: Arc::new(OnceLock::new()),
                    left,
                };
                (k, file)
            })
            .collect();
        Reloads {
            shared: Mutex::new(shared),
        }
    }

    /// Takes `entry` off its file's count without reading it (found in the cache).
    pub(super) fn skip(&self, entry: &ReportEntry) {
        self.take(entry);
    }

    /// Counts `entry` as taken; the file's shared reading, if it has one.
    fn take(&self, entry: &ReportEntry) -> Option<SharedReading> {
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        let file = shared.get_mut(&entry.source.file_key)?;
        let loaded = Arc::clone(&file.loaded);
        file.left = file.left.saturating_sub(1);
        if file.left == 0 {
            shared.remove(&entry.source.file_key);
        }
        Some(loaded)
    }

    /// The report of `entry`, read again.
    pub(super) fn report(&self, entry: &ReportEntry, opts: &CorpusOptions) -> Result<Report, Problem> {
        let changed = || Problem {
            path: entry.path.clone(),
            message: "changed while being read; run again".to_string(),
        };
        match self.take(entry) {
            Some(loaded) => {
                let reports = loaded
                    .get_or_init(|| reload_file(entry, opts))
                    .as_ref()
                    .map_err(Clone::clone)?;
                reports.get(entry.source.index).cloned().ok_or_else(changed)
            }
            None => {
                let mut reports = reload_file(entry, opts)?;
                if entry.source.index >= reports.len() {
                    return Err(changed());
                }
                Ok(reports.swap_remove(entry.source.index))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_is_sorted_recursive_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/inner")).unwrap();
        std::fs::create_dir_all(root.join("a")).unwrap();
        for f in ["b/inner/2.md", "b/1.md", "a/z.md", ".hidden.md"] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        assert!(walk(&[root.join("missing").display().to_string()], &[]).is_err());
        let (files, problems) = walk(&[root.display().to_string()], &[]).unwrap();
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.trim_start_matches(&root.display().to_string()).to_string())
            .collect();
        assert_eq!(rel, ["/a/z.md", "/b/1.md", "/b/inner/2.md"]);
        assert!(problems.is_empty());
    }
}
