//! `reportdiff phrases`: policy phrases in each report, with counts and
//! keyword-in-context lines.

use super::input::{load_all, read_watch, select_report};
use super::Status;
use crate::cli::PhrasesArgs;
use crate::error::Result;
use crate::read::document::Report;
use crate::render::{self, Rows};

/// Runs `phrases`: every report of each file unless `--report` picks one.
pub fn run(args: PhrasesArgs) -> Result<Status> {
    let mut inputs: Vec<&str> = args.files.iter().map(String::as_str).collect();
    inputs.extend(args.select.watch.file.as_deref());
    let destination = super::formats::destination(&args.out, &inputs)?;
    let loaded = load_all(&args.files, &args.load)?;
    let mut reports: Vec<Report> = Vec::new();
    for (file, rs) in args.files.iter().zip(loaded) {
        match args.select.report.as_deref() {
            Some(sel) => reports.push(select_report(file, rs, Some(sel))?),
            None => reports.extend(rs),
        }
    }
    let watch = read_watch(args.select.watch.file.as_deref(), &args.load)?;
    let report = crate::compare::phrases::report::phrases_report(
        &reports,
        &crate::command::input::phrase_options(&args.phrase, watch),
        args.context,
        args.top,
    );
    let view = Rows {
        color: super::formats::color_for(&args.out),
        limit: args.limit,
    };
    let text = render::render(&report, "phrases", args.out.format, &view)?;
    destination.emit(&text)?;
    Ok(0)
}
