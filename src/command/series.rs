//! `reportdiff series`: one jurisdiction over many years.

use super::input::{load_all, read_watch, select_report};
use super::Status;
use crate::cli::{SeriesArgs, SeriesFormat};
use crate::compare::series::duplicates::set_aside_duplicates;
use crate::compare::series::{build_series, order_by_year, targets_table, SeriesOptions, SeriesReport};
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::Report;
use crate::render::{self, series::SeriesView};

/// Runs `series`: reports ordered by year, every consecutive pair compared.
pub fn run(args: SeriesArgs) -> Result<Status> {
    let mut inputs: Vec<&str> = args.files.iter().map(String::as_str).collect();
    inputs.extend(args.select.watch.file.as_deref());
    if args.out.format == SeriesFormat::Csv && !args.figures {
        return Err(Error::Usage(
            "`series --format csv` writes the targets table: add --figures".to_string(),
        ));
    }
    let destination = super::formats::destination(&args.out, &inputs)?;
    let loaded = load_all(&args.files, &args.load)?;
    let mut reports: Vec<Report> = Vec::with_capacity(loaded.len());
    for (file, rs) in args.files.iter().zip(loaded) {
        reports.push(select_report(file, rs, args.select.report.as_deref())?);
    }
    let (mut reports, duplicates) = set_aside_duplicates(reports);
    order_by_year(&mut reports);
    if args.figures {
        // The table has no place for them: say so on stderr.
        for d in &duplicates {
            eprintln!("reportdiff: {}", render::series::duplicate_line(d));
        }
        let view = render::Plain {
            color: super::formats::color_for(&args.out),
        };
        let text = render::render(&targets_table(&reports), "series --figures", args.out.format, &view)?;
        destination.emit(&text)?;
        return Ok(0);
    }
    let watch = read_watch(args.select.watch.file.as_deref(), &args.load)?;
    let progress = progress_bar(reports.len().saturating_sub(1) as u64);
    let report = build_series(
        &reports,
        &SeriesOptions {
            phrases: crate::command::input::phrase_options(&args.phrase, watch),
            top: args.top,
            ignore_years: args.compare.ignore_years,
            // Only the HTML pages show the diffs themselves.
            keep_diffs: args.out.format == SeriesFormat::Html || args.out_dir.is_some(),
        },
        &|| progress.inc(1),
    );
    progress.finish_and_clear();
    let report = SeriesReport { duplicates, ..report };
    if let Some(dir) = &args.out_dir {
        write_pages(dir, &report)?;
    }
    let view = SeriesView {
        color: super::formats::color_for(&args.out),
        limit: args.limit,
    };
    if args.out.format == SeriesFormat::Json {
        // Written as it is serialized, never held whole.
        destination.emit_with(|out| render::series::write_json(report, out))?;
        return Ok(0);
    }
    let text = render::render(&report, "series", args.out.format, &view)?;
    destination.emit(&text)?;
    Ok(0)
}

/// Sentences of context around each change on the step pages, as `diff`'s default.
const STEP_CONTEXT: usize = 1;

/// Writes the linked HTML pages of `--out-dir`.
/// Every page is checked against the inputs before the first is written, so
/// a refusal (`series A/index.html --out-dir A`) leaves no partial site.
fn write_pages(dir: &std::path::Path, report: &SeriesReport) -> Result<()> {
    let pages = render::html::series_pages(report, STEP_CONTEXT);
    for (name, _) in &pages {
        crate::writing_rule::refuse_file(&dir.join(name))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Output {
        path: dir.display().to_string(),
        problem: e.to_string(),
    })?;
    for (name, page) in pages {
        output::write_atomically(&dir.join(name), page.as_bytes())?;
    }
    Ok(())
}

/// A progress bar on stderr when stderr is a terminal, else a hidden one.
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} diffing {pos}/{len} year pairs {bar:30} {elapsed}")
    {
        bar.set_style(style);
    }
    bar
}
