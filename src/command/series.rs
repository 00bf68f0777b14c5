//! `reportdiff series`: one jurisdiction over many years.

use super::input::{load_all, load_options, read_watch, select_report};
use super::Status;
use crate::cli::{Format, SeriesArgs};
use crate::compare::phrases::{self, PhraseKind};
use crate::compare::segment::{DictionaryFilter, Segmenter};
use crate::compare::series::{build_series, order_by_year, SeriesBuilder, SeriesOptions, SeriesReport};
use crate::error::Result;
use crate::output;
use crate::read::document;
use crate::read::document::Report;
use crate::render::{self, View};
use std::collections::BTreeMap;

/// Runs `series`: reports ordered by year, every consecutive pair compared.
/// Files are read twice (phrase candidates and dictionary first, then one
/// report at a time into the series), so memory holds two prepared reports,
/// not all of them; standard input can only be read once and is held.
pub fn run(args: SeriesArgs) -> Result<Status> {
    let watch = read_watch(args.select.watch.as_deref(), &args.load)?;
    let opts = SeriesOptions {
        watch,
        top: args.top,
        ignore_years: args.compare.ignore_years,
    };
    let keep_diffs = args.out.format == Format::Html;
    let progress = progress_bar(args.files.len().saturating_sub(1) as u64);
    let report = if args.files.iter().any(|f| f == "-") {
        let loaded = load_all(&args.files, &args.load)?;
        let mut reports: Vec<Report> = Vec::with_capacity(loaded.len());
        for (file, rs) in args.files.iter().zip(loaded) {
            reports.push(select_report(file, rs, args.select.report.as_deref())?);
        }
        order_by_year(&mut reports);
        build_series(&reports, &opts, &|| progress.inc(1))
    } else {
        streaming(&args, opts, keep_diffs, &|| progress.inc(1))?
    };
    progress.finish_and_clear();
    let view = View {
        color: output::color_for(&args.out),
        limit: args.limit,
        ..View::default()
    };
    let text = render::render(&report, "series", args.out.format, &view)?;
    output::emit(&args.out, &text)?;
    Ok(0)
}

/// What the first reading keeps of a report.
struct Scanned {
    year: Option<i32>,
    candidates: BTreeMap<String, PhraseKind>,
    filter: DictionaryFilter,
}

/// The series read in two passes over the files (see [`run`]).
fn streaming(args: &SeriesArgs, opts: SeriesOptions, keep_diffs: bool, tick: &dyn Fn()) -> Result<SeriesReport> {
    use rayon::prelude::*;
    let load = load_options(&args.load);
    let selector = args.select.report.as_deref();
    let read = |file: &String| -> Result<Report> { select_report(file, document::load(file, &load)?, selector) };
    let scanned: Vec<Scanned> = args
        .files
        .par_iter()
        .map(|f| {
            let r = read(f)?;
            let mut filter = DictionaryFilter::default();
            filter.add(r.text());
            Ok(Scanned {
                year: r.meta.year,
                candidates: phrases::candidates(r.text()),
                filter,
            })
        })
        .collect::<Result<_>>()?;
    // Year order, reports without a year last, ties in argument order (as `order_by_year`).
    let mut order: Vec<usize> = (0..scanned.len()).collect();
    order.sort_by_key(|&i| (scanned[i].year.is_none(), scanned[i].year));
    let mut candidates: BTreeMap<String, PhraseKind> = BTreeMap::new();
    let mut filter = DictionaryFilter::default();
    for s in scanned {
        for (text, kind) in s.candidates {
            let e = candidates.entry(text).or_insert(kind);
            *e = (*e).min(kind);
        }
        filter.merge(s.filter);
    }
    for w in &opts.watch {
        candidates.insert(w.clone(), PhraseKind::Watch);
    }
    let protected: Vec<String> = candidates.keys().cloned().collect();
    let seg = Segmenter::filtered(&filter, &protected);
    drop(filter);
    let mut builder = SeriesBuilder::new(&seg, candidates, opts, keep_diffs);
    for (n, &i) in order.iter().enumerate() {
        builder.push(read(&args.files[i])?);
        if n > 0 {
            tick();
        }
    }
    Ok(builder.finish())
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
