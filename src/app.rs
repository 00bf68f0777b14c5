//! Runs a parsed command line and maps the outcome to an exit code.

use crate::cli::{Cli, Command, CommonArgs, DiffArgs, Format, OutlineArgs, PhrasesArgs, SeriesArgs, SplitArgs};
use crate::compare::{self, DiffOptions};
use crate::document::{self, LoadOptions, Report};
use crate::error::{Error, Result};
use crate::output;
use crate::render;
use crate::source::SourceOptions;

/// Exit status of a successful run: 0, or 1 for "differences" / "violations".
pub type Status = u8;

/// Runs the command.
pub fn run(cli: Cli) -> Result<Status> {
    match cli.command {
        Command::Split(args) => split(args),
        Command::Outline(args) => outline(args),
        Command::Diff(args) => diff(args),
        Command::Series(args) => series(args),
        Command::Phrases(args) => phrases(args),
        Command::Check(args) => crate::check::run(args),
        Command::Init(args) => crate::check::init(args),
    }
}

/// Loading options from the shared arguments.
pub fn load_options(common: &CommonArgs) -> LoadOptions {
    LoadOptions {
        source: SourceOptions {
            encoding: common.encoding.clone(),
            max_size: common.max_input_size,
        },
        year: common.year,
        jurisdiction: common.jurisdiction.clone(),
    }
}

fn unsupported(command: &str, format: Format) -> Error {
    Error::Usage(format!("`{command}` cannot write --format {format:?}").to_lowercase())
}

fn outline(args: OutlineArgs) -> Result<Status> {
    let reports = document::load(&args.file, &load_options(&args.common))?;
    output::color_for(&args.common);
    let text = match args.common.format {
        Format::Terminal => render::outline::terminal(&reports, args.leads),
        Format::Json => render::outline::json(&reports, true),
        Format::Markdown => render::outline::markdown(&reports, args.leads),
        f => return Err(unsupported("outline", f)),
    };
    output::emit(&args.common, &text)?;
    Ok(0)
}

fn split(args: SplitArgs) -> Result<Status> {
    let (src, reports) = document::load_with_source(&args.file, &load_options(&args.common))?;
    output::color_for(&args.common);
    if let Some(dir) = &args.out_dir {
        write_pieces(&src.text, dir, &reports)?;
    }
    let text = match args.common.format {
        Format::Terminal => render::outline::split_terminal(&reports),
        Format::Json => render::outline::json(&reports, false),
        Format::Markdown => render::outline::split_markdown(&reports),
        f => return Err(unsupported("split", f)),
    };
    output::emit(&args.common, &text)?;
    Ok(0)
}

/// A readable file name: `03-2019-花都区梯面镇-work_report.txt`.
pub fn piece_file_name(index: usize, report: &Report) -> String {
    let year = report
        .meta
        .year
        .map_or_else(|| "unknown".to_string(), |y| y.to_string());
    let place: String = report
        .meta
        .jurisdiction
        .as_deref()
        .unwrap_or("unknown")
        .chars()
        .filter(|c| !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control())
        .collect();
    format!("{:02}-{year}-{place}-{}.txt", index + 1, report.meta.kind.as_str())
}

fn write_pieces(text: &str, dir: &std::path::Path, reports: &[Report]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Output {
        path: dir.display().to_string(),
        problem: e.to_string(),
    })?;
    let chars: Vec<char> = text.chars().collect();
    for (i, r) in reports.iter().enumerate() {
        let piece: String = chars[r.char_start.min(chars.len())..r.char_end.min(chars.len())]
            .iter()
            .collect();
        let mut content = piece.trim().to_string();
        content.push('\n');
        output::write_atomically(&dir.join(piece_file_name(i, r)), content.as_bytes())?;
    }
    Ok(())
}

/// Picks one report of a file: by number (1-based) or by text in its title or
/// jurisdiction; a file with one report needs no selector.
pub fn select_report(path: &str, mut reports: Vec<Report>, selector: Option<&str>) -> Result<Report> {
    let listing = || {
        reports
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{} = {} {}", i + 1, r.meta.label(), r.meta.display_title()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let index = match selector {
        None if reports.len() == 1 => 0,
        None => {
            return Err(Error::input(
                path,
                format!(
                    "holds {} reports; choose one with --report/--old-report/--new-report ({})",
                    reports.len(),
                    listing()
                ),
            ))
        }
        Some(sel) => match sel.parse::<usize>() {
            Ok(n) if (1..=reports.len()).contains(&n) => n - 1,
            Ok(n) => {
                return Err(Error::input(
                    path,
                    format!("has no report {n} (it holds {})", reports.len()),
                ))
            }
            Err(_) => reports
                .iter()
                .position(|r| {
                    r.meta.title.as_deref().is_some_and(|t| t.contains(sel))
                        || r.meta.jurisdiction.as_deref().is_some_and(|j| j.contains(sel))
                })
                .ok_or_else(|| Error::input(path, format!("no report matches '{sel}' ({})", listing())))?,
        },
    };
    Ok(reports.swap_remove(index))
}

/// Reads a watch list file.
pub fn read_watch(path: Option<&str>, common: &CommonArgs) -> Result<Vec<String>> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let src = crate::source::read_source(path, &load_options(common).source)?;
    Ok(crate::phrases::parse_watch_list(&src.text))
}

fn diff(args: DiffArgs) -> Result<Status> {
    if args.old == "-" && args.new == "-" {
        return Err(Error::Usage("only one of OLD and NEW can be standard input".into()));
    }
    let opts = load_options(&args.common);
    let (old, new) = rayon::join(|| document::load(&args.old, &opts), || document::load(&args.new, &opts));
    let old = select_report(&args.old, old?, args.old_report.as_deref().or(args.report.as_deref()))?;
    let new = select_report(&args.new, new?, args.new_report.as_deref().or(args.report.as_deref()))?;
    let watch = read_watch(args.watch.as_deref(), &args.common)?;
    let report = compare::diff_reports(
        &old,
        &new,
        &DiffOptions {
            ignore_years: args.ignore_years,
            watch,
            contexts: 2,
        },
    );
    let color = output::color_for(&args.common);
    let view = render::diff::DiffView {
        context: args.context,
        stat: args.stat,
        side_by_side: args.side_by_side.then(output::terminal_width),
        color,
    };
    let text = match args.common.format {
        Format::Terminal => render::diff::terminal(&report, view),
        Format::Json => render::diff::json(&report),
        Format::Markdown => render::diff::markdown(&report, args.context),
        Format::Html => render::html::diff(&report, args.context),
    };
    output::emit(&args.common, &text)?;
    Ok(if report.summary.identical() { 0 } else { 1 })
}

/// Loads several files in parallel, keeping argument order.
fn load_all(files: &[String], common: &CommonArgs) -> Result<Vec<Vec<Report>>> {
    use rayon::prelude::*;
    if files.iter().filter(|f| f.as_str() == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    let opts = load_options(common);
    files.par_iter().map(|f| document::load(f, &opts)).collect()
}

fn series(args: SeriesArgs) -> Result<Status> {
    let loaded = load_all(&args.files, &args.common)?;
    let mut reports: Vec<Report> = Vec::with_capacity(loaded.len());
    for (file, rs) in args.files.iter().zip(loaded) {
        reports.push(select_report(file, rs, args.report.as_deref())?);
    }
    crate::series::order_by_year(&mut reports);
    let watch = read_watch(args.watch.as_deref(), &args.common)?;
    let progress = progress_bar(reports.len().saturating_sub(1) as u64);
    let report = crate::series::build_series(
        &reports,
        &crate::series::SeriesOptions {
            watch,
            top: args.top,
            ignore_years: args.ignore_years,
        },
        &|| progress.inc(1),
    );
    progress.finish_and_clear();
    output::color_for(&args.common);
    let view = render::series::SeriesView { limit: args.limit };
    let text = match args.common.format {
        Format::Terminal => render::series::terminal(&report, view),
        Format::Json => render::series::json(&report),
        Format::Markdown => render::series::markdown(&report, view),
        f => return Err(unsupported("series", f)),
    };
    output::emit(&args.common, &text)?;
    Ok(0)
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

fn phrases(args: PhrasesArgs) -> Result<Status> {
    let loaded = load_all(&args.files, &args.common)?;
    let mut reports: Vec<Report> = Vec::new();
    for (file, rs) in args.files.iter().zip(loaded) {
        match args.report.as_deref() {
            Some(sel) => reports.push(select_report(file, rs, Some(sel))?),
            None => reports.extend(rs),
        }
    }
    let watch = read_watch(args.watch.as_deref(), &args.common)?;
    let report = crate::series::phrases_report(&reports, &watch, args.context);
    output::color_for(&args.common);
    let text = match args.common.format {
        Format::Terminal => render::series::phrases_terminal(&report, args.limit),
        Format::Json => render::series::phrases_json(&report),
        Format::Markdown => render::series::phrases_markdown(&report, args.limit),
        f => return Err(unsupported("phrases", f)),
    };
    output::emit(&args.common, &text)?;
    Ok(0)
}
