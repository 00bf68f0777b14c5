//! `reportdiff split`: the reports inside a scraped file, listed or written
//! one file each.

use super::input::load_options;
use super::Status;
use crate::cli::SplitArgs;
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::{self, Report};
use crate::render::{self, outline::Listing, Plain};

/// Runs `split`.
pub fn run(args: SplitArgs) -> Result<Status> {
    let destination = super::formats::destination(&args.out, &[&args.file])?;
    let (src, reports) = document::load_with_source(&args.file, &load_options(&args.load))?;
    let view = Plain {
        color: super::formats::color_for(&args.out),
    };
    if let Some(dir) = &args.out_dir {
        write_pieces(&src.text, dir, &reports, &args.file)?;
    }
    let text = render::render(&Listing(&reports), "split", args.out.format, &view)?;
    destination.emit(&text)?;
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

/// Writes every report of a scrape to its own file in `dir`. All pieces are
/// written to temporary files first and renamed only when all succeeded; if a
/// rename fails, the pieces this run created are removed again, so a failed
/// split leaves the folder as it found it (files it replaced stay replaced).
fn write_pieces(text: &str, dir: &std::path::Path, reports: &[Report], input: &str) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Output {
            path: dir.display().to_string(),
            problem: "is not a folder (--out-dir needs a folder)".into(),
        });
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::Output {
        path: dir.display().to_string(),
        problem: e.to_string(),
    })?;
    let char_starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let byte_at = |c: usize| char_starts[c.min(char_starts.len() - 1)];
    let mut staged = Vec::with_capacity(reports.len());
    for (i, r) in reports.iter().enumerate() {
        let path = dir.join(piece_file_name(i, r));
        output::refuse_input_as_output(&path, &[input])?;
        let piece = &text[byte_at(r.char_start)..byte_at(r.char_end.max(r.char_start))];
        let mut content = piece.trim().to_string();
        content.push('\n');
        staged.push(output::stage(&path, content.as_bytes())?);
    }
    let mut created: Vec<std::path::PathBuf> = Vec::new();
    for piece in staged {
        let new = !piece.replaces_existing();
        let path = piece.path().to_path_buf();
        if let Err(e) = piece.commit() {
            for p in &created {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        if new {
            created.push(path);
        }
    }
    Ok(())
}
