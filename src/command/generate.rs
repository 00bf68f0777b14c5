//! `reportdiff completions` and `reportdiff man`: text generated from the
//! command-line definitions.

use super::Status;
use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::output;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<Status> {
    let mut buf: Vec<u8> = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "reportdiff",
        &mut buf,
    );
    output::to_stdout(&buf)?;
    Ok(0)
}

/// Prints the man page (roff).
pub fn man() -> Result<Status> {
    let mut buf: Vec<u8> = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
        .render(&mut buf)
        .map_err(|e| Error::Usage(format!("cannot render the man page: {e}")))?;
    output::to_stdout(&buf)?;
    Ok(0)
}
