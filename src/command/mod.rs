//! Commands: each module wires the stages for one subcommand and returns its
//! exit status; [`input`] holds what they share (loading, report selection,
//! watch lists). This file only dispatches.

pub mod check;
pub mod corpus;
pub mod diff;
pub mod formats;
pub mod generate;
pub mod init;
pub mod input;
pub mod outline;
pub mod phrases;
pub mod reuse;
pub mod series;
pub mod split;

use crate::cli::{Cli, Command};
use crate::error::Result;

/// Exit status of a successful run: 0, or 1 for "differences" / "violations".
pub type Status = u8;

/// Runs the command.
pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Split(args) => split::run(args),
        Command::Outline(args) => outline::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Series(args) => series::run(args),
        Command::Phrases(args) => phrases::run(args),
        Command::Corpus(args) => corpus::run(args),
        Command::Reuse(args) => reuse::run(args),
        Command::Check(args) => check::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions { shell } => generate::completions(shell),
        Command::Man => generate::man(),
    }
}
