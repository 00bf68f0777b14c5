//! Errors reported to the user: each names the input it concerns and the problem,
//! and maps to exit code 2 at the top of the program.

use std::fmt;

/// An error that ends a command. `Display` gives the one line shown on stderr.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem with one input file (missing, binary, undecodable, …).
    #[error("{path}: {problem}")]
    Input { path: String, problem: String },
    /// A problem with the command line or a configuration file.
    #[error("{0}")]
    Usage(String),
    /// Writing the output failed.
    #[error("{path}: cannot write output: {problem}")]
    Output { path: String, problem: String },
}

impl Error {
    /// An input error for `path`.
    pub fn input(path: impl fmt::Display, problem: impl fmt::Display) -> Self {
        Error::Input {
            path: path.to_string(),
            problem: problem.to_string(),
        }
    }
}

/// Result type of the library.
pub type Result<T> = std::result::Result<T, Error>;
