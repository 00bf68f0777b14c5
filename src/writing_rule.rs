//! The writing rule: no command writes onto, into or over one of its inputs.
//!
//! Inputs are compared by file identity (device and inode on Unix), however
//! they are spelled: another relative path, a symlink, a hard link. Every file
//! the program reads as an input (command-line files, watch lists, rules
//! files, baselines, reports found in folders or through globs) is noted here
//! when it is opened, with the identity of the open handle; the folders a
//! command scans are noted too. Every write goes through [`refuse_file`]
//! (`-o`, pages, tables, split pieces, baselines, cache entries; checked when
//! the file is reserved and again just before it is renamed into place) or
//! [`refuse_folder`] (`--out-dir`, `--cache-dir`): this module is the one
//! place that decides. An output folder inside a scanned folder is left out
//! of the scan ([`crate::compare::corpus::walk`] skips it), so a site written
//! into the folder it describes is not read back as reports by the next run.
//!
//! The cache's own entries are not inputs: a damaged entry is replaced.

use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// What makes two paths the same file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Identity {
    #[cfg(unix)]
    dev: u64,
    #[cfg(unix)]
    ino: u64,
    /// Elsewhere: the canonical path.
    #[cfg(not(unix))]
    canonical: PathBuf,
}

impl Identity {
    /// The identity of what `path` names (symlinks followed); `None` when
    /// nothing is there.
    pub fn of(path: &Path) -> Option<Identity> {
        #[cfg(unix)]
        {
            std::fs::metadata(path).ok().map(|m| Identity::of_metadata(&m))
        }
        #[cfg(not(unix))]
        {
            std::fs::canonicalize(path).ok().map(|canonical| Identity { canonical })
        }
    }

    /// The identity of an open file.
    #[cfg(unix)]
    pub fn of_metadata(meta: &std::fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }
}

/// The inputs of this run: files read and folders scanned, by identity, with
/// the path as first given (named in refusals).
#[derive(Default)]
struct Inputs {
    files: BTreeMap<Identity, String>,
    folders: BTreeMap<Identity, String>,
}

static INPUTS: Mutex<Inputs> = Mutex::new(Inputs {
    files: BTreeMap::new(),
    folders: BTreeMap::new(),
});

fn inputs() -> MutexGuard<'static, Inputs> {
    // A thread that panicked while holding the lock left a valid map.
    INPUTS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Notes `path`, just opened for reading as an input, by the identity of the
/// open handle.
pub fn note_input_file(path: &Path, file: &std::fs::File) {
    #[cfg(unix)]
    let id = file.metadata().ok().map(|m| Identity::of_metadata(&m));
    #[cfg(not(unix))]
    let id = {
        let _ = file;
        Identity::of(path)
    };
    if let Some(id) = id {
        note(&mut inputs().files, id, path);
    }
}

/// Notes `path` under `id`, replacing a path noted before whose file is gone
/// (its inode reused): the refusal must name a path that is the input.
fn note(map: &mut BTreeMap<Identity, String>, id: Identity, path: &Path) {
    if still(map, &id).is_none() {
        map.insert(id, path.display().to_string());
    }
}

/// Notes a file that will be read as an input (before it is opened: a
/// command that reserves its output first must still refuse that file).
pub fn note_input_path(path: &Path) {
    if let Some(id) = Identity::of(path) {
        let mut inputs = inputs();
        let is_dir = path.is_dir();
        let map = if is_dir { &mut inputs.folders } else { &mut inputs.files };
        note(map, id, path);
    }
}

/// Notes a folder whose files are read (a `corpus` folder, a glob's folder).
pub fn note_input_folder(path: &Path) {
    if let Some(id) = Identity::of(path) {
        note(&mut inputs().folders, id, path);
    }
}

/// The input noted under `id`, if its path still names that file (an input
/// removed since, whose inode was reused, is no longer one).
fn still<'a>(map: &'a BTreeMap<Identity, String>, id: &Identity) -> Option<&'a String> {
    map.get(id)
        .filter(|path| Identity::of(Path::new(path.as_str())).as_ref() == Some(id))
}

/// Refuses to write the file `output` when it is an input file or an input
/// folder (by identity; a path that does not exist yet is no input; a
/// device or pipe is written, not replaced).
pub fn refuse_file(output: &Path) -> Result<()> {
    // Writing to a device or a pipe (`-o /dev/null`) replaces nothing.
    if std::fs::metadata(output).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Ok(());
    }
    let Some(id) = Identity::of(output) else {
        return Ok(());
    };
    let inputs = inputs();
    if let Some(input) = still(&inputs.files, &id) {
        return Err(Error::Usage(format!(
            "output {} is the input {input}; refusing to overwrite an input",
            output.display()
        )));
    }
    if let Some(input) = still(&inputs.folders, &id) {
        return Err(Error::Usage(format!(
            "output {} is the input folder {input}; refusing to write over an input",
            output.display()
        )));
    }
    Ok(())
}

/// Refuses to write `output` when it names the file `other` this run also
/// writes (`check --update-baseline -o` its baseline): by identity when both
/// exist, else by the canonical folder and the name.
pub fn refuse_same_output(output: &Path, other: &Path) -> Result<()> {
    let place = |p: &Path| {
        let folder = p
            .parent()
            .filter(|f| !f.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::canonicalize(folder)
            .ok()
            .zip(p.file_name().map(|n| n.to_owned()))
    };
    let same = match (Identity::of(output), Identity::of(other)) {
        (Some(a), Some(b)) => a == b,
        _ => place(output).is_some() && place(output) == place(other),
    };
    if same {
        return Err(Error::Usage(format!(
            "output {} is {}, which this run writes too; refusing to write one over the other",
            output.display(),
            other.display()
        )));
    }
    Ok(())
}

/// Refuses to write files into the folder `dir` when it is an input folder or
/// holds an input file at any depth, so that nothing written there can replace
/// an input. A folder that does not exist yet holds nothing.
pub fn refuse_folder(dir: &Path) -> Result<()> {
    let Some(id) = Identity::of(dir) else {
        return Ok(());
    };
    let inputs = inputs();
    if let Some(input) = still(&inputs.folders, &id) {
        return Err(Error::Usage(format!(
            "output folder {} is the input folder {input}; refusing to write into an input folder",
            dir.display()
        )));
    }
    if let Some(input) = still(&inputs.files, &id) {
        return Err(Error::Usage(format!(
            "output folder {} is the input {input}, a file",
            dir.display()
        )));
    }
    // The folders holding input files, each looked up once, with their parents.
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for input in inputs.files.values() {
        let Ok(canonical) = std::fs::canonicalize(input) else {
            continue;
        };
        for folder in canonical.ancestors().skip(1) {
            if !seen.insert(folder.to_path_buf()) {
                break;
            }
            if Identity::of(folder).as_ref() == Some(&id) {
                return Err(Error::Usage(format!(
                    "output folder {} holds the input {input}; refusing to write over an input",
                    dir.display()
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_follow_identity_not_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("in/deep")).unwrap();
        let report = root.join("in/deep/2024.txt");
        std::fs::write(&report, "政府工作报告").unwrap();
        std::fs::hard_link(&report, root.join("link.txt")).unwrap();
        let opened = std::fs::File::open(&report).unwrap();
        note_input_file(&report, &opened);
        assert!(refuse_file(&root.join("link.txt")).is_err());
        assert!(refuse_file(&root.join("in/deep/../deep/2024.txt")).is_err());
        assert!(refuse_file(&root.join("in/new.txt")).is_ok());
        assert!(refuse_folder(&root.join("in")).is_err());
        assert!(refuse_folder(&root.join("in/deep")).is_err());
        std::fs::create_dir(root.join("site")).unwrap();
        assert!(refuse_folder(&root.join("site")).is_ok());
        note_input_folder(&root.join("site"));
        assert!(refuse_folder(&root.join("site")).is_err());
        assert!(refuse_file(&root.join("site")).is_err());
    }
}
