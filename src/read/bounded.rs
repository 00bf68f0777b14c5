//! Bounded reading: every file the program reads is opened first, its size
//! checked on the open handle, and then read through a cap, so neither a huge
//! (or sparse) file, nor `/dev/zero`, nor a FIFO found in a folder can exhaust
//! memory or block the run.
//!
//! Files the user names on the command line ([`Accept::Named`]) may be pipes
//! (`diff <(curl …) new.txt`): they are read as `cat` would, within the cap.
//! Files the program finds by itself ([`Accept::Found`]: in a `corpus` folder,
//! through a `check` glob, in the cache) must be regular files; anything else
//! is refused at once, without waiting for a writer.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Which kinds of file a read accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accept {
    /// Named by the user: regular files, pipes and character devices.
    Named,
    /// Found in a folder, by a glob or in the cache: regular files only.
    Found,
}

/// Why a bounded read failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// Nothing at that path.
    NotFound,
    /// Not readable by this user.
    PermissionDenied,
    /// A folder where a file was expected.
    Folder,
    /// A FIFO, socket or device where only regular files are accepted.
    NotRegular(&'static str),
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    /// Any other I/O error.
    Io(String),
}

impl fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadProblem::NotFound => f.write_str("no such file"),
            ReadProblem::PermissionDenied => f.write_str("permission denied"),
            ReadProblem::Folder => f.write_str("is a directory, not a file"),
            ReadProblem::NotRegular(kind) => write!(f, "is a {kind}, not a regular file; not read"),
            ReadProblem::TooLarge(limit) => {
                write!(
                    f,
                    "input is larger than the limit of {limit} bytes (see --max-input-size)"
                )
            }
            ReadProblem::Io(e) => write!(f, "cannot read: {e}"),
        }
    }
}

impl From<std::io::Error> for ReadProblem {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::NotFound => ReadProblem::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadProblem::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadProblem::Folder,
            _ => ReadProblem::Io(e.to_string()),
        }
    }
}

/// Opens `path` without blocking (a FIFO with no writer opens at once).
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// What a non-regular file is, for messages.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO (named pipe)";
        }
        if t.is_socket() {
            return "socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
    }
    let _ = meta;
    "special file"
}

/// The bytes of `path`, at most `limit` of them: the size is checked on the
/// open handle before reading (a regular file larger than `limit` is refused
/// without reading a byte), and the read is capped at `limit + 1` bytes, so a
/// file that grows, or a device that never ends, is refused after `limit`.
pub fn read_bounded(path: &Path, limit: u64, accept: Accept) -> Result<Vec<u8>, ReadProblem> {
    read(path, limit, accept, false)
}

/// [`read_bounded`] for an input of the command: the file is noted by its
/// identity (see [`crate::writing_rule`]), so no output can replace it.
pub fn read_input(path: &Path, limit: u64, accept: Accept) -> Result<Vec<u8>, ReadProblem> {
    read(path, limit, accept, true)
}

fn read(path: &Path, limit: u64, accept: Accept, input: bool) -> Result<Vec<u8>, ReadProblem> {
    let mut file = open_nonblocking(path)?;
    let mut meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ReadProblem::Folder);
    }
    if !meta.is_file() {
        if accept == Accept::Found {
            return Err(ReadProblem::NotRegular(kind_of(&meta)));
        }
        // A pipe the user named: read it as `cat` would, blocking for its writer.
        file = File::open(path)?;
        meta = file.metadata()?;
        if meta.is_dir() {
            return Err(ReadProblem::Folder);
        }
    }
    if input {
        crate::writing_rule::note_input_file(path, &file);
    }
    if meta.is_file() && meta.len() > limit {
        return Err(ReadProblem::TooLarge(limit));
    }
    let expected = if meta.is_file() { meta.len().min(limit) } else { 0 };
    let mut buf = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Err(ReadProblem::TooLarge(limit));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_file_above_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        let f = File::create(&path).unwrap();
        f.set_len(1 << 40).unwrap();
        assert_eq!(
            read_bounded(&path, 1000, Accept::Found),
            Err(ReadProblem::TooLarge(1000))
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_when_found_and_capped_when_named() {
        let zero = Path::new("/dev/zero");
        assert!(matches!(
            read_bounded(zero, 1000, Accept::Found),
            Err(ReadProblem::NotRegular(_))
        ));
        assert_eq!(
            read_bounded(zero, 1000, Accept::Named),
            Err(ReadProblem::TooLarge(1000))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_found_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        let got = read_bounded(&path, 1000, Accept::Found);
        assert_eq!(got, Err(ReadProblem::NotRegular("FIFO (named pipe)")));
    }

    #[test]
    fn regular_files_within_the_limit_are_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        std::fs::write(&path, "政府工作报告").unwrap();
        assert_eq!(
            read_bounded(&path, 18, Accept::Found).unwrap(),
            "政府工作报告".as_bytes()
        );
        assert_eq!(read_bounded(&path, 17, Accept::Found), Err(ReadProblem::TooLarge(17)));
        assert_eq!(read_bounded(dir.path(), 17, Accept::Named), Err(ReadProblem::Folder));
        assert_eq!(
            read_bounded(&dir.path().join("none"), 17, Accept::Named),
            Err(ReadProblem::NotFound)
        );
    }
}
