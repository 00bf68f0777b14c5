//! Where output goes and how it looks: colour decided once, files written
//! atomically, broken pipes treated as a normal end.

use crate::cli::{ColorChoice, OutputArgs};
use crate::error::{Error, Result};
use clap::ValueEnum;
use std::io::{IsTerminal, Write};
use std::path::Path;

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

/// Colour decision for a command's output arguments.
pub fn color_for<F: ValueEnum + Clone + Send + Sync + 'static>(out: &OutputArgs<F>) -> bool {
    use_color(out.color, out.output.is_some())
}

/// Writes `content` to the `-o` file atomically, or to standard output.
/// A closed pipe on standard output is not an error.
pub fn emit<F: ValueEnum + Clone + Send + Sync + 'static>(out: &OutputArgs<F>, content: &str) -> Result<()> {
    match &out.output {
        Some(path) => write_atomically(path, content.as_bytes()),
        None => to_stdout(content.as_bytes()),
    }
}

/// Writes bytes to standard output; a closed pipe is [`Error::BrokenPipe`].
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(e) => Err(Error::Output {
            path: "<stdout>".into(),
            problem: e.to_string(),
        }),
        Ok(()) => Ok(()),
    }
}

/// Writes a file through a temporary file in the same folder and a rename, so a
/// reader never sees a partial file and an error leaves none behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let err = |e: &dyn std::fmt::Display| Error::Output {
        path: path.display().to_string(),
        problem: e.to_string(),
    };
    // A device or pipe (`-o /dev/null`, a FIFO) is written in place: renaming over
    // it would replace the device with a regular file.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|e| err(&e));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(|e| err(&e))?;
    tmp.write_all(bytes).map_err(|e| err(&e))?;
    // Temporary files are private (0600); the output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| err(&e))?;
    }
    tmp.persist(path).map_err(|e| err(&e.error))?;
    Ok(())
}

/// Narrowest and widest side-by-side output: below 40 columns two columns of
/// text are unreadable; above 400 (`COLUMNS=100000000`) lines are never read.
const WIDTH_RANGE: (usize, usize) = (40, 400);

/// Width for side-by-side output: the terminal's, else `COLUMNS`, else 120,
/// kept within [`WIDTH_RANGE`].
pub fn terminal_width() -> usize {
    let width = match terminal_size::terminal_size() {
        Some((terminal_size::Width(w), _)) => w as usize,
        None => std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
            .unwrap_or(120),
    };
    width.clamp(WIDTH_RANGE.0, WIDTH_RANGE.1)
}
