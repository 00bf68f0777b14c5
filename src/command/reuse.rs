//! `reportdiff reuse`: passages that reports of different jurisdictions share.

use super::input;
use crate::cli::{LoadArgs, ReuseArgs, ReuseFormat};
use crate::compare::reuse::{build_reuse, DocLevel, ReuseInput, ReuseOptions, ReuseProblem};
use crate::corpus;
use crate::error::{Error, Result};
use crate::output;
use crate::read::document;
use crate::read::meta::Kind;
use crate::render::{self, OutputFormat, Rows};
use rayon::prelude::*;
use std::path::Path;

/// The jurisdiction a report is counted under: the folder when grouping by
/// folder (or when the report names none), else the one it names.
fn jurisdiction(path: &str, named: Option<&str>, by_folder: bool) -> Option<String> {
    let folder = Path::new(path)
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().to_string());
    match (named, folder) {
        (_, Some(f)) if by_folder => Some(f),
        (Some(j), _) => Some(j.to_string()),
        (None, f) => f,
    }
}

/// Reads every file: its work reports become inputs, the rest problems.
fn read_inputs(files: &[String], load: &LoadArgs, by_folder: bool) -> (Vec<ReuseInput>, Vec<ReuseProblem>) {
    let opts = input::load_options(load);
    let read: Vec<std::result::Result<Vec<ReuseInput>, ReuseProblem>> = files
        .par_iter()
        .map(|path| {
            let (src, reports) = document::load_with_source(path, &opts).map_err(|e| ReuseProblem {
                path: path.clone(),
                message: e.to_string(),
            })?;
            Ok(reports
                .into_iter()
                .filter(|r| matches!(r.meta.kind, Kind::WorkReport | Kind::PlanProposal))
                .filter_map(|report| {
                    let jurisdiction = jurisdiction(path, report.meta.jurisdiction.as_deref(), by_folder)?;
                    let level = match corpus::level_of(&jurisdiction) {
                        "national" => DocLevel::National,
                        "province" => DocLevel::Province,
                        _ => DocLevel::Local,
                    };
                    Some(ReuseInput {
                        path: path.clone(),
                        file_text: src.text.clone(),
                        report,
                        jurisdiction,
                        level,
                    })
                })
                .collect())
        })
        .collect();
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    for r in read {
        match r {
            Ok(v) => inputs.extend(v),
            Err(p) => problems.push(p),
        }
    }
    (inputs, problems)
}

/// Runs `reuse`.
pub fn run(args: ReuseArgs) -> Result<super::Status> {
    let format = args.out.format;
    let tables = matches!(format, ReuseFormat::Csv | ReuseFormat::Jsonl);
    if tables && args.out_dir.is_none() {
        return Err(Error::Usage(
            "`reuse --format csv|jsonl` writes two tables: give --out-dir DIR".to_string(),
        ));
    }
    let destination = super::formats::destination(&args.out, &[])?;
    let load = LoadArgs {
        source: args.source.clone(),
        year: None,
        jurisdiction: None,
    };
    let (files, walk_problems) = corpus::walk(&args.paths, &[])?;
    let (inputs, read_problems) = read_inputs(&files, &load, args.group_by_folder);
    let problems = walk_problems
        .into_iter()
        .map(|p| ReuseProblem {
            path: p.path,
            message: p.message,
        })
        .chain(read_problems)
        .collect();
    let opts = ReuseOptions {
        min_chars: usize::try_from(args.min_chars).unwrap_or(usize::MAX),
        max_jurisdictions: usize::try_from(args.max_jurisdictions).unwrap_or(usize::MAX),
        ..ReuseOptions::default()
    };
    let result = build_reuse(&inputs, &opts, problems);
    drop(inputs);
    let view = Rows {
        color: super::formats::color_for(&args.out),
        limit: args.limit,
    };
    let text = match format {
        ReuseFormat::Terminal => render::render(&result, "reuse", OutputFormat::Terminal, &view)?,
        ReuseFormat::Json => render::render(&result, "reuse", OutputFormat::Json, &view)?,
        ReuseFormat::Markdown => render::render(&result, "reuse", OutputFormat::Markdown, &view)?,
        ReuseFormat::Html => render::render(&result, "reuse", OutputFormat::Html, &view)?,
        ReuseFormat::Csv | ReuseFormat::Jsonl => {
            let dir = args.out_dir.as_deref().unwrap_or(Path::new("."));
            std::fs::create_dir_all(dir).map_err(|e| Error::Output {
                path: dir.display().to_string(),
                problem: e.to_string(),
            })?;
            for (name, content) in render::reuse::tables(&result, format == ReuseFormat::Csv) {
                output::write_atomically(&dir.join(name), content.as_bytes())?;
            }
            return Ok(0);
        }
    };
    destination.emit(&text)?;
    Ok(0)
}
