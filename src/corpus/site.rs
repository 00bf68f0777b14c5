//! The static site of `corpus --out-dir DIR`: `index.html`, one page per
//! phrase, and one series page per jurisdiction under `j/`. The corpus build
//! renders and writes the series pages as it goes (through [`Site`]), so no
//! rendered page travels back through the comparing stages.

use super::CorpusReport;
use crate::compare::series::SeriesReport;
use crate::error::{Error, Result};
use crate::{output, render};
use std::path::{Path, PathBuf};

/// Where the site is written.
#[derive(Debug, Clone)]
pub struct Site {
    dir: PathBuf,
}

impl Site {
    /// A site written into `dir`.
    pub fn new(dir: &Path) -> Site {
        Site { dir: dir.to_path_buf() }
    }

    /// The series page of one jurisdiction, linking back to the index.
    pub fn series_page(series: &SeriesReport) -> String {
        render::html::series_linked(series, Some("../index.html"))
    }

    /// Writes a jurisdiction's series page, `name` being its file name.
    pub fn write_series_page(&self, name: &str, html: &str) -> Result<()> {
        write(&self.dir.join("j").join(name), html)
    }

    /// Writes the index page and one page per phrase.
    pub fn write_index(&self, report: &CorpusReport) -> Result<()> {
        write(&self.dir.join("index.html"), &render::corpus::index_page(report))?;
        for (i, d) in report.phrases.iter().enumerate() {
            write(
                &self.dir.join(render::corpus::phrase_page(i)),
                &render::corpus::diffusion_page(report, d),
            )?;
        }
        Ok(())
    }
}

/// Writes `content` to `path`, creating its folder.
pub fn write(path: &Path, content: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Output {
            path: parent.display().to_string(),
            problem: e.to_string(),
        })?;
    }
    output::write_atomically(path, content.as_bytes())
}
