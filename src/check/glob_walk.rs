//! The files a rules file's glob names: walked here rather than by the `glob`
//! crate, which follows a symlink loop under `**` forever (or lists a file once
//! per path to it) and skips folders it cannot read or whose names are not
//! UTF-8 without a word. Here each file is listed once (by identity: device
//! and inode), the walk always ends, and a folder or file the glob would
//! reach but cannot is an error, never a silently smaller set of reports.

use crate::writing_rule::Identity;
use glob::Pattern;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// One component of the glob below its literal folder.
enum Part {
    /// `**`: any number of folders, none included.
    AnyFolders,
    /// A pattern for one name.
    Name(Pattern),
}

/// The parsed glob: the literal folder it starts in and the parts below it.
struct Glob {
    base: PathBuf,
    parts: Vec<Part>,
}

/// Positions in [`Glob::parts`] still possible after the names walked so far.
type States = BTreeSet<usize>;

impl Glob {
    /// `pattern` (relative to `dir` unless absolute) split at its first
    /// component holding a wildcard.
    fn new(dir: &Path, pattern: &str) -> Result<Glob, String> {
        let mut base = if Path::new(pattern).is_absolute() {
            PathBuf::new()
        } else {
            dir.to_path_buf()
        };
        let mut parts = Vec::new();
        for c in Path::new(pattern).components() {
            let Component::Normal(name) = c else {
                if parts.is_empty() {
                    base.push(c.as_os_str());
                    continue;
                }
                return Err(format!("bad glob `{pattern}`: `..` or `.` after a wildcard"));
            };
            let name = name.to_string_lossy();
            let wild = name.contains(['*', '?', '[']);
            if parts.is_empty() && !wild {
                base.push(name.as_ref());
            } else if name == "**" {
                parts.push(Part::AnyFolders);
            } else {
                let p = Pattern::new(&name).map_err(|e| format!("bad glob `{pattern}`: {e}"))?;
                parts.push(Part::Name(p));
            }
        }
        Ok(Glob { base, parts })
    }

    /// `states` with every `**` skipped (it may match no folder).
    fn closure(&self, mut states: States) -> States {
        let mut todo: Vec<usize> = states.iter().copied().collect();
        while let Some(s) = todo.pop() {
            if matches!(self.parts.get(s), Some(Part::AnyFolders)) && states.insert(s + 1) {
                todo.push(s + 1);
            }
        }
        states
    }

    /// The states after an entry named `name`; `as_folder`: the entry is a
    /// folder, so a `**` may take it and stay.
    fn step(&self, states: &States, name: &str, as_folder: bool) -> States {
        let mut next = States::new();
        for &s in states {
            match self.parts.get(s) {
                Some(Part::AnyFolders) if as_folder => {
                    next.insert(s);
                }
                Some(Part::Name(p)) if p.matches(name) => {
                    next.insert(s + 1);
                }
                _ => {}
            }
        }
        self.closure(next)
    }
}

/// The files `pattern` (relative to `dir`) matches, each once, sorted by path;
/// an error message when a folder or file it would reach cannot be read or
/// has a name that is not UTF-8.
pub(super) fn expand_glob(dir: &Path, pattern: &str) -> Result<Vec<String>, String> {
    let glob = Glob::new(dir, pattern)?;
    let mut found: Vec<(String, Identity)> = Vec::new();
    let mut seen: BTreeSet<(Identity, Vec<usize>)> = BTreeSet::new();
    let start = glob.closure(States::from([0]));
    // Breadth first: a file is listed under its shortest path.
    let mut todo = std::collections::VecDeque::from([(glob.base.clone(), start)]);
    while let Some((folder, states)) = todo.pop_front() {
        let Some(id) = Identity::of(&folder) else { continue };
        // A folder is walked once per set of glob states: a symlink loop
        // comes back to a pair already seen and stops there.
        if !seen.insert((id, states.iter().copied().collect())) {
            continue;
        }
        let unreadable = |e: std::io::Error| format!("`{pattern}`: cannot read folder {}: {e}", folder.display());
        let mut entries: Vec<std::fs::DirEntry> = std::fs::read_dir(&folder)
            .map_err(unreadable)?
            .collect::<Result<_, _>>()
            .map_err(unreadable)?;
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name();
            let lossy = name.to_string_lossy();
            // Symlinks followed: a link to a folder is walked as the folder.
            let is_dir = path.is_dir();
            let next = glob.step(&states, &lossy, is_dir);
            let reached = if is_dir {
                !next.is_empty()
            } else {
                next.contains(&glob.parts.len())
            };
            if !reached {
                continue;
            }
            if name.to_str().is_none() {
                return Err(format!(
                    "`{pattern}` would match {}, whose name is not valid UTF-8 and cannot be loaded; rename it",
                    crate::text::escape_for_display(&path.to_string_lossy())
                ));
            }
            if is_dir {
                todo.push_back((path, next));
            } else if let (true, Some(id)) = (path.is_file(), Identity::of(&path)) {
                found.push((path.to_string_lossy().into_owned(), id));
            }
        }
    }
    found.sort();
    let mut files = BTreeSet::new();
    Ok(found
        .into_iter()
        .filter(|(_, id)| files.insert(id.clone()))
        .map(|(p, _)| p)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path, pattern: &str) -> Vec<String> {
        let prefix = format!("{}/", dir.display());
        expand_glob(dir, pattern)
            .unwrap()
            .into_iter()
            .map(|p| p.strip_prefix(&prefix).unwrap_or(&p).to_string())
            .collect()
    }

    #[test]
    fn globs_match_as_the_glob_crate_does() {
        let d = tempfile::tempdir().unwrap();
        for f in ["a/2021.txt", "a/b/2022.txt", "a/b/c/2023.md", "x.txt", "a/.h.txt"] {
            let p = d.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        assert_eq!(names(d.path(), "a/*.txt"), ["a/.h.txt", "a/2021.txt"]);
        assert_eq!(
            names(d.path(), "**/*.txt"),
            ["a/.h.txt", "a/2021.txt", "a/b/2022.txt", "x.txt"]
        );
        assert_eq!(
            names(d.path(), "a/**/20??.*"),
            ["a/2021.txt", "a/b/2022.txt", "a/b/c/2023.md"]
        );
        assert_eq!(names(d.path(), "*/b/*"), ["a/b/2022.txt"]);
        assert!(names(d.path(), "b/*.txt").is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_list_each_file_once() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("r/a");
        std::fs::create_dir_all(&a).unwrap();
        std::fs::write(a.join("2021.txt"), "").unwrap();
        std::os::unix::fs::symlink("..", a.join("up")).unwrap();
        std::os::unix::fs::symlink("../a", a.join("again")).unwrap();
        std::fs::hard_link(a.join("2021.txt"), d.path().join("r/hard.txt")).unwrap();
        assert_eq!(names(d.path(), "r/**/*.txt"), ["r/a/2021.txt"]);
    }
}
