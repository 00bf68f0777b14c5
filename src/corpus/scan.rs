//! Reading the files: walking the folders, scanning each file into summaries
//! (cached by content), and reading a report again when its text is needed.

use super::{CorpusOptions, Problem, ReportEntry};
use crate::compare::phrases::{self, PhraseKind, PhraseOptions};
use crate::corpus::cache::Key;
use crate::read::document::{self, LoadOptions, Report};
use crate::read::meta::ReportMeta;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;

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
        Key::of(&[b"text", self.file_key.as_str().as_bytes(), &self.index.to_le_bytes()])
    }
}

/// Every file under `paths` (folders recursively, hidden entries skipped), in
/// a deterministic order; folders that cannot be listed become problems. A
/// path given that does not exist is an error (a typo, not a bad input).
pub fn walk(paths: &[String]) -> crate::error::Result<(Vec<String>, Vec<Problem>)> {
    fn visit(dir: &Path, files: &mut Vec<String>, problems: &mut Vec<Problem>) {
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
            // Symbolic links to folders are not followed: no cycles.
            match std::fs::symlink_metadata(&child) {
                Ok(m) if m.is_dir() => visit(&child, files, problems),
                _ => files.push(child.display().to_string()),
            }
        }
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            visit(path, &mut files, &mut problems);
        } else if path.exists() {
            files.push(p.clone());
        } else {
            return Err(crate::error::Error::input(p, "no such file or folder"));
        }
    }
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(f.clone()));
    Ok((files, problems))
}

/// What the scan keeps of one report.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Scanned {
    pub(super) meta: ReportMeta,
    pub(super) chars: usize,
    pub(super) candidates: Vec<(String, PhraseKind)>,
}

/// Reads `path` into summaries, from the cache when its bytes were seen before.
pub(super) fn scan_file(path: &str, opts: &CorpusOptions) -> Result<(Key, Vec<Scanned>), Problem> {
    let problem = |message: String| Problem {
        path: path.to_string(),
        message,
    };
    let bytes = std::fs::read(path).map_err(|e| problem(format!("cannot read: {e}")))?;
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
    drop(bytes);
    let reports = document::load(path, &opts.load).map_err(|e| match e {
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

/// The cache key of a file: its bytes, its name (the year may come from it)
/// and the options that change reading.
fn file_key(path: &str, bytes: &[u8], load: &LoadOptions) -> Key {
    let name = Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let options = format!(
        "{:?}|{:?}|{:?}|{:?}",
        load.source.encoding, load.year, load.jurisdiction, load.source.max_size
    );
    Key::of(&[b"file", name.as_bytes(), options.as_bytes(), bytes])
}

/// The counting text of a report: from the cache, else read again.
pub(super) fn counting_text_of(entry: &ReportEntry, opts: &CorpusOptions) -> Result<String, Problem> {
    let key = entry.source.text_key();
    if let Some(text) = opts.cache.as_ref().and_then(|c| c.get_text("text", &key)) {
        return Ok(text);
    }
    let report = reload(entry, opts)?;
    let counting = phrases::counting_text(report.text());
    if let Some(cache) = &opts.cache {
        cache.put_text("text", &key, &counting);
    }
    Ok(counting)
}

/// Reads a report of the scan again (the file may have changed since: then a problem).
pub(super) fn reload(entry: &ReportEntry, opts: &CorpusOptions) -> Result<Report, Problem> {
    let problem = |message: String| Problem {
        path: entry.path.clone(),
        message,
    };
    let bytes = std::fs::read(&entry.path).map_err(|e| problem(format!("cannot read: {e}")))?;
    if file_key(&entry.path, &bytes, &opts.load) != entry.source.file_key {
        return Err(problem("changed while being read; run again".to_string()));
    }
    drop(bytes);
    let mut reports = document::load(&entry.path, &opts.load).map_err(|e| problem(e.to_string()))?;
    if entry.source.index >= reports.len() {
        return Err(problem("changed while being read; run again".to_string()));
    }
    Ok(reports.swap_remove(entry.source.index))
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
        assert!(walk(&[root.join("missing").display().to_string()]).is_err());
        let (files, problems) = walk(&[root.display().to_string()]).unwrap();
        let rel: Vec<String> = files
            .iter()
            .map(|f| f.trim_start_matches(&root.display().to_string()).to_string())
            .collect();
        assert_eq!(rel, ["/a/z.md", "/b/1.md", "/b/inner/2.md"]);
        assert!(problems.is_empty());
    }
}
