//! `reportdiff split`: the reports inside a scraped file, listed or written
//! one file each.

use super::input::load_options;
use super::Status;
use crate::cli::SplitArgs;
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::{self, Report};
use crate::render::{self, outline::Listing, View};

/// Runs `split`.
pub fn run(args: SplitArgs) -> Result<Status> {
    let (src, reports) = document::load_with_source(&args.file, &load_options(&args.load))?;
    let view = View {
        color: output::color_for(&args.out),
        ..View::default()
    };
    if let Some(dir) = &args.out_dir {
        write_pieces(&src.text, dir, &reports)?;
    }
    let text = render::render(&Listing(&reports), "split", args.out.format, &view)?;
    output::emit(&args.out, &text)?;
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

/// Writes each report, trimmed, to its own file in `dir`.
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
