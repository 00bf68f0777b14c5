//! `reportdiff corpus`: every report under some folders, grouped by
//! jurisdiction, with phrase diffusion, a static site and export tables.

use super::input;
use crate::cli::{CorpusArgs, CorpusFormat, LoadArgs};
use crate::compare::series::SeriesOptions;
use crate::corpus::cache::Cache;
use crate::corpus::site::{self, Site};
use crate::corpus::{self, CorpusOptions, Progress};
use crate::error::{Error, Result};
use crate::render::{self, OutputFormat, Rows};
use crate::writing_rule::{self, Identity};
use std::path::Path;

/// A progress bar on stderr when stderr is a terminal, else nothing.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return Bar(indicatif::ProgressBar::hidden());
        }
        let bar = indicatif::ProgressBar::new(0);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{spinner} {msg} {pos}/{len} {bar:30} {elapsed}") {
            bar.set_style(style);
        }
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&self, label: &str, len: u64) {
        self.0.set_message(label.to_string());
        self.0.set_length(len);
        self.0.set_position(0);
    }

    fn tick(&self) {
        self.0.inc(1);
    }
}

fn write(path: &Path, content: &str) -> Result<()> {
    site::write(path, content)
}

/// Runs `corpus`.
pub fn run(args: CorpusArgs) -> Result<super::Status> {
    let format = args.out.format;
    let tables = matches!(format, CorpusFormat::Csv | CorpusFormat::Jsonl);
    if tables && args.out_dir.is_none() {
        return Err(Error::Usage(format!(
            "`corpus --format {}` writes two tables: give --out-dir DIR",
            format!("{format:?}").to_lowercase()
        )));
    }
    let cache_dir = if args.no_cache {
        None
    } else {
        args.cache_dir.clone().or_else(Cache::default_dir)
    };
    // The writing rule: the site and the cache are left out of the scan when
    // they lie inside a scanned folder, and refused when they are, or hold,
    // an input; `-o` is refused when it is an input (checked again on writing).
    let skip: Vec<Identity> = [args.out_dir.as_deref(), cache_dir.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(Identity::of)
        .collect();
    let walked = corpus::walk(&args.paths, &skip)?;
    if let Some(watch) = &args.watch.file {
        writing_rule::note_input_path(Path::new(watch));
    }
    for dir in [args.out_dir.as_deref(), cache_dir.as_deref()].into_iter().flatten() {
        writing_rule::refuse_folder(dir)?;
    }
    let destination = super::formats::destination(&args.out, &[])?;
    let load = LoadArgs {
        source: args.source.clone(),
        year: None,
        jurisdiction: None,
    };
    let watch = input::read_watch(args.watch.file.as_deref(), &load)?;
    if let Some(phrase) = &args.phrase {
        input::check_phrase_length(phrase).map_err(|problem| Error::Usage(format!("--phrase: {problem}")))?;
    }
    let cache = cache_dir.map(Cache::new);
    let opts = CorpusOptions {
        load: input::load_options(&load),
        series: SeriesOptions {
            phrases: crate::command::input::phrase_options(&args.phrase_options, watch),
            top: args.top,
            ignore_years: args.compare.ignore_years,
            keep_diffs: false,
        },
        phrase: args.phrase.clone(),
        min_jurisdictions: args.min_jurisdictions,
        cache,
        group_by_folder: args.group_by_folder,
    };
    let site = if tables {
        None
    } else {
        args.out_dir.as_deref().map(Site::new)
    };
    let bar = Bar::new();
    let report = corpus::build_corpus(walked, &opts, &bar, site.as_ref())?;
    bar.0.finish_and_clear();
    if let Some(site) = &site {
        site.write_index(&report)?;
    }
    let view = Rows {
        color: super::formats::color_for(&args.out),
        limit: args.limit,
    };
    let text = match format {
        CorpusFormat::Terminal => render::render(&report, "corpus", OutputFormat::Terminal, &view)?,
        CorpusFormat::Json => render::render(&report, "corpus", OutputFormat::Json, &view)?,
        // Two tables are two files, not one text: they go into --out-dir.
        CorpusFormat::Csv | CorpusFormat::Jsonl => {
            let dir = args.out_dir.as_deref().unwrap_or(Path::new("."));
            for (name, content) in render::corpus::tables(&report, format == CorpusFormat::Csv) {
                write(&dir.join(name), &content)?;
            }
            return Ok(0);
        }
    };
    destination.emit(&text)?;
    Ok(0)
}
