//! `reportdiff outline`: the section tree and metadata of each report in a file.

use super::input::load_options;
use super::Status;
use crate::cli::OutlineArgs;
use crate::error::Result;
use crate::read::document;
use crate::render::{
    self,
    outline::{Outline, OutlineView},
};

/// Runs `outline`.
pub fn run(args: OutlineArgs) -> Result<Status> {
    let destination = super::formats::destination(&args.out, &[&args.file])?;
    let reports = document::load(&args.file, &load_options(&args.load))?;
    let view = OutlineView {
        color: super::formats::color_for(&args.out),
        leads: args.leads,
    };
    let text = render::render(&Outline(&reports), "outline", args.out.format, &view)?;
    destination.emit(&text)?;
    Ok(0)
}
