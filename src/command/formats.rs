//! The command line's output flags mapped to the output stage: formats to the
//! renderers' [`OutputFormat`], `--color` and `-o` to [`crate::output`] (so
//! neither [`crate::render`] nor [`crate::output`] imports [`crate::cli`]).

use crate::cli::{self, CheckFormat, Format, ListFormat, OutputArgs, SeriesFormat};
use crate::error::Result;
use crate::output::{self, Destination};
use crate::render::OutputFormat;
use clap::ValueEnum;

/// Colour decision for a command's output flags.
pub fn color_for<F: ValueEnum + Clone + Send + Sync + 'static>(out: &OutputArgs<F>) -> bool {
    let choice = match out.color {
        cli::ColorChoice::Auto => output::ColorChoice::Auto,
        cli::ColorChoice::Always => output::ColorChoice::Always,
        cli::ColorChoice::Never => output::ColorChoice::Never,
    };
    output::use_color(choice, out.output.is_some())
}

/// The `-o` file reserved (or standard output); see [`Destination::open`].
pub fn destination<F: ValueEnum + Clone + Send + Sync + 'static>(
    out: &OutputArgs<F>,
    inputs: &[&str],
) -> Result<Destination> {
    Destination::open(out.output.as_deref(), inputs)
}

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

impl From<SeriesFormat> for OutputFormat {
    fn from(f: SeriesFormat) -> Self {
        match f {
            SeriesFormat::Terminal => OutputFormat::Terminal,
            SeriesFormat::Json => OutputFormat::Json,
            SeriesFormat::Html => OutputFormat::Html,
            SeriesFormat::Markdown => OutputFormat::Markdown,
            SeriesFormat::Csv => OutputFormat::Csv,
        }
    }
}

impl From<ListFormat> for OutputFormat {
    fn from(f: ListFormat) -> Self {
        match f {
            ListFormat::Terminal => OutputFormat::Terminal,
            ListFormat::Json => OutputFormat::Json,
            ListFormat::Markdown => OutputFormat::Markdown,
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
