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

/// How a result is shown, built once by each command from its flags; each
/// renderer reads the fields that concern it.
#[derive(Debug, Clone, Copy, Default)]
pub struct View {
    /// Colour is on (terminal only).
    pub color: bool,
    /// Sentences of context around each change (`diff`), or keyword-in-context
    /// lines per phrase (`phrases`, already in the result).
    pub context: usize,
    /// Summary only (`diff`).
    pub stat: bool,
    /// Two columns of this total width (`diff`, terminal only).
    pub side_by_side: Option<usize>,
    /// Rows shown at most (`series`, `phrases`).
    pub limit: usize,
    /// Also list lead paragraphs (`outline`).
    pub leads: bool,
    /// The brief only (`diff`).
    pub brief: bool,
    /// Rewritten sections in full, not folded (`diff`, terminal and Markdown;
    /// HTML always has them inside `<details>`).
    pub full: bool,
}
