//! The command line's format choices mapped to the renderers' [`OutputFormat`]
//! (so [`crate::render`] never imports [`crate::cli`]).

use crate::cli::{CheckFormat, Format};
use crate::render::OutputFormat;

impl From<Format> for OutputFormat {
    fn from(f: Format) -> Self {
        match f {
            Format::Terminal => OutputFormat::Terminal,
            Format::Json => OutputFormat::Json,
            Format::Html => OutputFormat::Html,
            Format::Markdown => OutputFormat::Markdown,
        }
    }
}

impl From<CheckFormat> for OutputFormat {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Terminal => OutputFormat::Terminal,
            CheckFormat::Json => OutputFormat::Json,
            CheckFormat::Github => OutputFormat::Github,
            CheckFormat::Junit => OutputFormat::Junit,
            CheckFormat::Markdown => OutputFormat::Markdown,
        }
    }
}
