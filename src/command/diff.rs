//! `reportdiff diff`: two reports compared section by section, word by word.

use super::input::{
    load_counting_left_out, load_options, note_left_out_terms, phrase_options, read_watch, select_report,
};
use super::Status;
use crate::cli::DiffArgs;
use crate::compare::report::{self, DiffOptions};
use crate::compare::vocabulary::{Draft, TextPart};
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::Report;
use crate::render::{self, diff::DiffView};

/// Runs `diff`: exit 0 when the reports are identical, 1 otherwise.
pub fn run(args: DiffArgs) -> Result<Status> {
    if args.old == "-" && args.new == "-" {
        return Err(Error::Usage("only one of OLD and NEW can be standard input".into()));
    }
    let mut inputs = vec![args.old.as_str(), args.new.as_str()];
    inputs.extend(args.select.watch.file.as_deref());
    let destination = super::formats::destination(&args.out, &inputs)?;
    let opts = load_options(&args.load);
    // Each file is read, its report chosen and the text's part of the phrase
    // vocabulary made on one thread; the errors still come in the order of
    // reading both files, then choosing in each.
    let own = phrase_options(&args.phrase, Vec::new());
    let both = args.select.report.as_deref();
    let read = |file: &str, selector: Option<&str>| -> Result<(Result<(Report, TextPart)>, usize)> {
        let (reports, left_out) = load_counting_left_out(file, &opts)?;
        let chosen = select_report(file, reports, selector).map(|r| {
            let part = Draft::part(r.text(), &own);
            (r, part)
        });
        Ok((chosen, left_out))
    };
    let ((old, new), ()) = rayon::join(
        || {
            rayon::join(
                || read(&args.old, args.old_report.as_deref().or(both)),
                || read(&args.new, args.new_report.as_deref().or(both)),
            )
        },
        || crate::compare::phrases::warm_up(!args.phrase.no_lexicon),
    );
    let ((old, old_left_out), (new, new_left_out)) = (old?, new?);
    note_left_out_terms(&args.old, old_left_out);
    note_left_out_terms(&args.new, new_left_out);
    let ((old, old_part), (new, new_part)) = (old?, new?);
    let watch = read_watch(args.select.watch.file.as_deref(), &args.load)?;
    let phrases = phrase_options(&args.phrase, watch);
    // What needs no segmenter is made while the dictionary is built.
    let (draft, (old_cut, new_cut)) = rayon::join(
        || Draft::from_parts(vec![old_part, new_part], &phrases),
        || report::cut_pair(&old, &new),
    );
    let report = report::diff_drafted(
        old_cut,
        new_cut,
        draft,
        &DiffOptions {
            ignore_years: args.compare.ignore_years,
            phrases,
            contexts: 2,
        },
    );
    // The report quotes what it needs: the texts can go before rendering.
    drop((old, new));
    let view = DiffView {
        color: super::formats::color_for(&args.out),
        context: args.context,
        stat: args.stat,
        side_by_side: args.side_by_side.then(output::terminal_width),
        brief: args.brief,
        full: args.full,
        all_figures: args.all_figures,
    };
    if args.out.format == crate::cli::Format::Json {
        destination.emit_with(|out| render::diff::write_json(&report, out))?;
    } else {
        destination.emit(&render::render(&report, "diff", args.out.format, &view)?)?;
    }
    Ok(if report.summary.identical() { 0 } else { 1 })
}
