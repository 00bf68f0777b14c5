//! Where output goes and how it looks: colour decided once, files written
//! atomically, broken pipes treated as a normal end.

use crate::error::{Error, Result};
use crate::interrupt::Temporary;
use crate::writing_rule;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// When to colour (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Decides whether terminal output is coloured. The only place that decides.
pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    colored::control::set_override(on);
    on
}

/// Where a command's output goes: standard output, or the `-o` file. The file
/// is reserved (its temporary file created beside it) before the command reads
/// anything, so a missing or read-only folder fails at once, not after minutes
/// of work, and an interrupt during the work removes the reservation.
pub struct Destination(Option<Staged>);

impl Destination {
    /// Refuses a `-o` file that is one of the command's `inputs` (see
    /// [`refuse_input_as_output`]) and reserves it; call before reading anything.
    pub fn open(output: Option<&Path>, inputs: &[&str]) -> Result<Self> {
        match output {
            Some(path) => {
                refuse_input_as_output(path, inputs)?;
                Ok(Destination(Some(reserve(path)?)))
            }
            None => Ok(Destination(None)),
        }
    }

    /// Writes `content`: the `-o` file atomically, or standard output.
    pub fn emit(self, content: &str) -> Result<()> {
        match self.0 {
            Some(mut staged) => {
                staged.write(content.as_bytes())?;
                staged.commit()
            }
            None => to_stdout(content.as_bytes()),
        }
    }

    /// Writes what `write` writes, as it writes it (buffered), where
    /// [`Destination::emit`] writes a whole string: for output larger than
    /// what it describes (the JSON of a long series), never held whole.
    pub fn emit_with(self, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        match self.0 {
            Some(mut staged) => {
                staged.write_with(write)?;
                staged.commit()
            }
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                stdout_result(write(&mut out).and_then(|_| out.flush()))
            }
        }
    }
}

/// Writes bytes to standard output. A reader that went away (`| head`) is not
/// an error and does not change the verdict: the command still exits with its
/// own status (1 for differences or violations), so `set -o pipefail` cannot
/// turn a failing gate into a passing one.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    stdout_result(out.write_all(bytes).and_then(|_| out.flush()))
}

/// The result of writing to standard output, a broken pipe being no error (see [`to_stdout`]).
fn stdout_result(written: std::io::Result<()>) -> Result<()> {
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Output {
            path: "<stdout>".into(),
            problem: e.to_string(),
        }),
        Ok(()) => Ok(()),
    }
}

/// Notes `inputs` as the command's inputs and refuses an output path that
/// names one of them, or any input read so far (the same file, however
/// spelled: another relative path, a symlink, a hard link), so a command never
/// replaces the report it reads. `-` (standard input) is never a clash. The
/// rule itself is [`crate::writing_rule`].
pub fn refuse_input_as_output(output: &Path, inputs: &[&str]) -> Result<()> {
    for input in inputs.iter().filter(|i| **i != "-") {
        writing_rule::note_input_path(Path::new(input));
    }
    writing_rule::refuse_file(output)
}

/// Writes a file through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file and an error leaves none behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    stage(path, bytes)?.commit()
}

/// A file written to a temporary name beside its destination, not yet renamed
/// into place. Dropping it removes the temporary file.
pub struct Staged {
    /// The path as the user gave it (named in messages).
    path: PathBuf,
    /// Where the rename goes: the symlink's target when `path` is a symlink.
    target: PathBuf,
    /// `None` for a device or pipe, which is written in place. A closed path
    /// once written, not an open file: a split into hundreds of pieces must
    /// not run out of file descriptors.
    temp: Option<Temporary>,
    /// The temporary file, open until [`Staged::write`].
    file: Option<std::fs::File>,
    /// The existing file's permissions, given to the new one after writing
    /// (a read-only mode set before would forbid the write).
    keep: Option<std::fs::Permissions>,
}

impl Staged {
    /// Whether the destination existed before (so removing it on a failed
    /// batch would lose the user's file).
    pub fn replaces_existing(&self) -> bool {
        std::fs::symlink_metadata(&self.target).is_ok()
    }

    /// Writes the content: into the temporary file, or straight into a device.
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.write_with(|w| w.write_all(bytes))
    }

    /// Writes what `write` writes (buffered), as [`Staged::write`] writes bytes.
    fn write_with(&mut self, write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        let err = |e: &std::io::Error| output_error(&self.path, e);
        let mut file = match self.file.take() {
            Some(f) => f,
            None if self.temp.is_none() => std::fs::OpenOptions::new()
                .write(true)
                .open(&self.target)
                .map_err(|e| err(&e))?,
            None => return Ok(()),
        };
        let mut out = std::io::BufWriter::new(&mut file);
        write(&mut out).and_then(|_| out.flush()).map_err(|e| err(&e))?;
        drop(out);
        if let Some(mode) = self.keep.take() {
            file.set_permissions(mode).map_err(|e| err(&e))?;
        }
        Ok(())
    }

    /// Renames the temporary file into place, unless the destination has
    /// become an input since it was reserved (a file the command read in
    /// between: `corpus DIR -o DIR/report.md`, `check -o` a report).
    pub fn commit(self) -> Result<()> {
        writing_rule::refuse_file(&self.target)?;
        let Some(temp) = self.temp else { return Ok(()) };
        temp.persist(&self.target).map_err(|e| output_error(&self.path, &e))
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Writes `bytes` to a temporary file beside `path` (or, for a device such as
/// `/dev/null` or a FIFO, in place: renaming over it would replace the device).
pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
    let mut staged = reserve(path)?;
    staged.write(bytes)?;
    Ok(staged)
}

/// Creates the empty temporary file beside `path` that [`Staged::write`] fills
/// (nothing for a device). The temporary file gets the existing file's mode,
/// or for a new file the default mode 0666 reduced by the umask, like any
/// other program's output.
fn reserve(path: &Path) -> Result<Staged> {
    let target = resolve_symlinks(path);
    writing_rule::refuse_file(&target)?;
    let existing = std::fs::metadata(&target).ok();
    let mut staged = Staged {
        path: path.to_path_buf(),
        target,
        temp: None,
        file: None,
        keep: None,
    };
    if existing.as_ref().is_some_and(|m| !m.is_file() && !m.is_dir()) {
        return Ok(staged);
    }
    if existing.as_ref().is_some_and(|m| m.is_dir()) {
        return Err(Error::Output {
            path: path.display().to_string(),
            problem: "is a folder".into(),
        });
    }
    let dir = match staged.target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Output {
            path: path.display().to_string(),
            problem: format!("folder {} does not exist", dir.display()),
        });
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".reportdiff-").suffix(".tmp");
    #[cfg(unix)]
    let new_file_mode = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_file_mode);
    let (file, temp) = Temporary::create(&builder, dir).map_err(|e| output_error(path, &e))?;
    staged.temp = Some(temp);
    staged.file = Some(file);
    staged.keep = existing.map(|m| m.permissions());
    Ok(staged)
}

/// Follows symlinks (also dangling ones) so the write replaces the target, not
/// the link. Gives up after 40 links, as the kernel does.
fn resolve_symlinks(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(parent) if next.is_relative() => parent.join(next),
                    _ => next,
                };
            }
            Err(_) => break,
        }
    }
    current
}

/// An output error naming the user's path; the operating system's reason
/// without the temporary file's name, which the user never chose.
fn output_error(path: &Path, e: &std::io::Error) -> Error {
    let problem = match e.raw_os_error() {
        Some(code) => std::io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    };
    Error::Output {
        path: path.display().to_string(),
        problem,
    }
}

/// Widest side-by-side output accepted from `COLUMNS`; wider values are
/// clamped so a bogus setting cannot allocate gigabytes of padding.
pub const MAX_WIDTH: usize = 1000;

/// Width for side-by-side output: the terminal's, else `COLUMNS`, else 120;
/// at most [`MAX_WIDTH`].
pub fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return (w as usize).min(MAX_WIDTH);
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &usize| w >= 40)
        .map_or(120, |w| w.min(MAX_WIDTH))
}
