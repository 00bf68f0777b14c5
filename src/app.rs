//! Runs a parsed command line and maps the outcome to an exit code.

use crate::cli::{Cli, Command, CommonArgs, Format, OutlineArgs, SplitArgs};
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
