//! What an interrupt does: Ctrl-C (SIGINT), SIGTERM or a closed terminal
//! (SIGHUP) removes the temporary files of the writes in flight and exits with
//! 128 + the signal number (130 for Ctrl-C), as shells and other tools report it.
//!
//! Every temporary file the program writes (`-o`, split pieces, site pages,
//! baselines, cache entries) is a [`Temporary`], listed here while it exists.
//! Creating, renaming and removing one happen under the same lock the handler
//! takes, and the handler exits still holding it: an interrupt finds either
//! the temporary file (and removes it) or the finished output, and no write
//! can rename into place after the handler has begun.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The temporary files that exist now.
static IN_FLIGHT: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn in_flight() -> MutexGuard<'static, Vec<PathBuf>> {
    // A thread that panicked while holding the lock left a valid list.
    IN_FLIGHT.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs the handler on a thread of its own: a signal-safe handler only wakes
/// it, so taking the lock and removing files is ordinary code. Called once, by
/// `main`; where it is not called (the library in tests), signals keep their
/// default action.
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new().name("interrupt".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let list = in_flight();
            remove_all(&list);
            // Exits holding the lock (the guard is never dropped).
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

/// Without Unix signals there is nothing to install.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    Ok(())
}

/// Removes every listed file (one already gone is no error).
fn remove_all(list: &[PathBuf]) {
    for path in list {
        let _ = std::fs::remove_file(path);
    }
}

/// Takes `path` off the list.
fn unlist(list: &mut Vec<PathBuf>, path: &Path) {
    if let Some(i) = list.iter().position(|p| p == path) {
        list.swap_remove(i);
    }
}

/// A temporary file that an interrupt removes. Dropping it removes the file;
/// [`Temporary::persist`] renames it into place.
#[derive(Debug)]
pub struct Temporary {
    /// `None` once persisted.
    path: Option<tempfile::TempPath>,
}

impl Temporary {
    /// Creates a temporary file in `dir`, named and permitted as `builder`
    /// says, and lists it; returns it open for writing.
    pub fn create(builder: &tempfile::Builder, dir: &Path) -> std::io::Result<(File, Temporary)> {
        let mut list = in_flight();
        let (file, path) = builder.tempfile_in(dir)?.into_parts();
        list.push(path.to_path_buf());
        Ok((file, Temporary { path: Some(path) }))
    }

    /// Renames the file to `target`. On failure the temporary file is removed.
    pub fn persist(mut self, target: &Path) -> std::io::Result<()> {
        let mut list = in_flight();
        let Some(path) = self.path.take() else {
            return Ok(());
        };
        unlist(&mut list, &path);
        // A failed rename hands the path back; dropping it removes the file.
        path.persist(target).map_err(|e| e.error)
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            let mut list = in_flight();
            unlist(&mut list, &path);
            drop(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(path: &Path) -> bool {
        in_flight().iter().any(|p| p == path)
    }

    #[test]
    fn temporaries_are_listed_until_persisted_or_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let builder = tempfile::Builder::new();
        let (_, kept) = Temporary::create(&builder, dir.path()).unwrap();
        let kept_path = kept.path.as_ref().unwrap().to_path_buf();
        assert!(listed(&kept_path) && kept_path.exists());
        let target = dir.path().join("out.txt");
        kept.persist(&target).unwrap();
        assert!(!listed(&kept_path) && !kept_path.exists() && target.exists());

        let (_, dropped) = Temporary::create(&builder, dir.path()).unwrap();
        let dropped_path = dropped.path.as_ref().unwrap().to_path_buf();
        drop(dropped);
        assert!(!listed(&dropped_path) && !dropped_path.exists());
    }

    #[test]
    fn the_handler_removes_what_is_in_flight() {
        let dir = tempfile::tempdir().unwrap();
        let (_, temp) = Temporary::create(&tempfile::Builder::new(), dir.path()).unwrap();
        let path = temp.path.as_ref().unwrap().to_path_buf();
        assert!(listed(&path));
        // Only this test's files: other tests run in parallel with their own.
        let ours: Vec<PathBuf> = in_flight()
            .iter()
            .filter(|p| p.starts_with(dir.path()))
            .cloned()
            .collect();
        remove_all(&ours);
        assert!(!path.exists());
        // Dropping it afterwards finds nothing to remove and does not fail.
        drop(temp);
        assert!(!listed(&path));
    }

    #[test]
    fn a_failed_rename_removes_the_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let (_, temp) = Temporary::create(&tempfile::Builder::new(), dir.path()).unwrap();
        let path = temp.path.as_ref().unwrap().to_path_buf();
        assert!(temp.persist(&dir.path().join("missing/out.txt")).is_err());
        assert!(!path.exists() && !listed(&path));
    }
}
