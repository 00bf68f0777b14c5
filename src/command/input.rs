//! Input handling shared by the commands: loading options from the flags,
//! loading files in parallel, picking one report of a file, watch lists.

use crate::cli::{LoadArgs, SourceArgs};
use crate::error::{Error, Result};
use crate::read::document::{self, LoadOptions, Report};
use crate::read::source::SourceOptions;

/// Reading options from the source flags.
pub fn source_options(source: &SourceArgs) -> SourceOptions {
    SourceOptions {
        encoding: source.encoding.clone(),
        max_size: source.max_input_size,
    }
}

/// Loading options from the load flags.
pub fn load_options(load: &LoadArgs) -> LoadOptions {
    LoadOptions {
        source: source_options(&load.source),
        year: load.year,
        jurisdiction: load.jurisdiction.clone(),
    }
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
            Err(_) => match_selector(path, &reports, sel)?,
        },
    };
    Ok(reports.swap_remove(index))
}

/// The one report whose title or jurisdiction contains `sel`. Several matches
/// are an error listing them, unless exactly one matches in full (`广州市`
/// among `广州市` and `广州市天河区`); an empty selector matches nothing.
fn match_selector(path: &str, reports: &[Report], sel: &str) -> Result<usize> {
    let describe = |indices: &[usize]| {
        indices
            .iter()
            .map(|&i| {
                format!(
                    "{} = {} {}",
                    i + 1,
                    reports[i].meta.label(),
                    reports[i].meta.display_title()
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let all: Vec<usize> = (0..reports.len()).collect();
    let sel = sel.trim();
    if sel.is_empty() {
        return Err(Error::input(
            path,
            format!(
                "an empty report selector matches every report; give a number or a name ({})",
                describe(&all)
            ),
        ));
    }
    let fields = |r: &Report| [r.meta.title.clone(), r.meta.jurisdiction.clone()];
    let matching: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&i| fields(&reports[i]).iter().flatten().any(|f| f.contains(sel)))
        .collect();
    let exact: Vec<usize> = matching
        .iter()
        .copied()
        .filter(|&i| fields(&reports[i]).iter().flatten().any(|f| f == sel))
        .collect();
    match (matching.as_slice(), exact.as_slice()) {
        ([], _) => Err(Error::input(
            path,
            format!("no report matches '{sel}' ({})", describe(&all)),
        )),
        ([only], _) | (_, [only]) => Ok(*only),
        _ => Err(Error::input(
            path,
            format!(
                "'{sel}' matches {} reports; choose one by number or a longer name ({})",
                matching.len(),
                describe(&matching)
            ),
        )),
    }
}

/// Reads a watch list file (none: no phrases).
pub fn read_watch(path: Option<&str>, load: &LoadArgs) -> Result<Vec<String>> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let src = crate::read::source::read_source(path, &source_options(&load.source))?;
    Ok(crate::compare::phrases::parse_watch_list(&src.text))
}

/// Loads several files in parallel, keeping argument order.
pub fn load_all(files: &[String], load: &LoadArgs) -> Result<Vec<Vec<Report>>> {
    use rayon::prelude::*;
    if files.iter().filter(|f| f.as_str() == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    let opts = load_options(load);
    files.par_iter().map(|f| document::load(f, &opts)).collect()
}

/// The phrase options of `--no-lexicon` and `--sort`, with the watch list read
/// from `--watch`.
pub fn phrase_options(args: &crate::cli::PhraseArgs, watch: Vec<String>) -> crate::compare::phrases::PhraseOptions {
    use crate::cli::PhraseSort as Flag;
    use crate::compare::phrases::PhraseSort;
    crate::compare::phrases::PhraseOptions {
        watch,
        no_lexicon: args.no_lexicon,
        sort: match args.sort {
            Flag::Score => PhraseSort::Score,
            Flag::First => PhraseSort::First,
            Flag::Last => PhraseSort::Last,
            Flag::Count => PhraseSort::Count,
        },
    }
}
