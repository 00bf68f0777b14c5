//! `reportdiff init`: writes a commented starter rules file (built by
//! [`crate::check::init`]) into a folder of reports.

use crate::check::init::{starter_rules, REPORT_EXTENSIONS};
use crate::check::load::resolve;
use crate::check::DEFAULT_CONFIG;
use crate::cli::InitArgs;
use crate::command::Status;
use crate::error::{Error, Result};
use crate::output;
use crate::read::document::{self, LoadOptions, Report};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs `reportdiff init [DIR]`: writes a commented starter rules file.
pub fn run(args: InitArgs) -> Result<Status> {
    let dir = args.dir.unwrap_or_else(|| PathBuf::from("."));
    let target = resolve(&dir, DEFAULT_CONFIG);
    if target.exists() {
        return Err(Error::Usage(format!(
            "{}: already exists; edit it, or remove it to start again",
            target.display()
        )));
    }
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::input(dir.display(), e))?;
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            !n.starts_with('.')
                && Path::new(n)
                    .extension()
                    .is_some_and(|x| REPORT_EXTENSIONS.contains(&x.to_string_lossy().to_lowercase().as_str()))
        })
        .collect();
    names.sort();
    let opts = LoadOptions::default();
    let scanned: Vec<(String, Result<Vec<Report>>)> = names
        .par_iter()
        .map(|n| (n.clone(), document::load(&resolve(&dir, n).to_string_lossy(), &opts)))
        .collect();
    let starter = starter_rules(&dir, &scanned)?;
    output::write_atomically(&target, starter.text.as_bytes())?;
    // A closed pipe is no reason to fail: the file is written.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "wrote {}: {}\ncheck with: reportdiff check --config {}",
        target.display(),
        starter.summary,
        target.display()
    );
    Ok(0)
}
