//! Input handling shared by the commands: loading options from the flags,
//! loading files in parallel, picking one report of a file, watch lists.

use crate::cli::{LoadArgs, SourceArgs};
use crate::error::{Error, Result};
use crate::read::document::{self, LoadOptions, Report};
pub use crate::read::select::select_report;
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

/// Reads a watch list file (none: no phrases).
pub fn read_watch(path: Option<&str>, load: &LoadArgs) -> Result<Vec<String>> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let src = crate::read::source::read_source(path, &source_options(&load.source))?;
    let list = crate::compare::phrases::parse_watch_list(&src.text);
    for phrase in &list {
        check_phrase_length(phrase).map_err(|problem| Error::input(path, problem))?;
    }
    Ok(list)
}

/// A watched phrase of at most [`MAX_PHRASE_CHARS`](phrases::MAX_PHRASE_CHARS)
/// characters; longer, the problem to report.
pub fn check_phrase_length(phrase: &str) -> std::result::Result<(), String> {
    use crate::compare::phrases;
    let n = phrase.chars().count();
    if n > phrases::MAX_PHRASE_CHARS {
        let start: String = phrase.chars().take(12).collect();
        return Err(format!(
            "the phrase {start}… has {n} characters; a watched phrase has at most {}",
            phrases::MAX_PHRASE_CHARS
        ));
    }
    Ok(())
}

/// Loads `file` and counts its quoted terms left out of the phrase candidates
/// because a sentence holds too many (for [`note_left_out_terms`]): the scan
/// runs on the thread that read the file.
pub fn load_counting_left_out(file: &str, opts: &LoadOptions) -> Result<(Vec<Report>, usize)> {
    let reports = document::load(file, opts)?;
    let left_out = reports
        .iter()
        .map(|r| crate::compare::phrases::candidates::quoted_over_cap(r.text()))
        .sum();
    Ok((reports, left_out))
}

/// Notes on stderr the `left_out` quoted terms of `file` (see
/// [`load_counting_left_out`]); called in argument order, so the notes come
/// in a fixed order.
pub fn note_left_out_terms(file: &str, left_out: usize) {
    use crate::compare::phrases::candidates;
    if left_out > 0 {
        eprintln!(
            "reportdiff: {}: {left_out} quoted terms left out of the phrase candidates (more than {} in one sentence)",
            crate::text::escape_for_display(file),
            candidates::MAX_QUOTED_PER_SENTENCE
        );
    }
}

/// Loads several files in parallel, keeping argument order.
pub fn load_all(files: &[String], load: &LoadArgs) -> Result<Vec<Vec<Report>>> {
    use rayon::prelude::*;
    if files.iter().filter(|f| f.as_str() == "-").count() > 1 {
        return Err(Error::Usage("standard input (-) can be given only once".into()));
    }
    let opts = load_options(load);
    let loaded: Vec<(Vec<Report>, usize)> = files
        .par_iter()
        .map(|f| load_counting_left_out(f, &opts))
        .collect::<Result<_>>()?;
    for (file, (_, left_out)) in files.iter().zip(&loaded) {
        note_left_out_terms(file, *left_out);
    }
    let loaded: Vec<Vec<Report>> = loaded.into_iter().map(|(reports, _)| reports).collect();
    Ok(loaded)
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
