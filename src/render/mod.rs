//! Stage 9, **render**: pure functions from a command's result value to text.
//! No renderer computes anything the others would not see.
//!
//! Every result implements [`Render`], one method per output format, and
//! [`render`] is the one place that picks the method for a format. A new format
//! is a new [`Format`](OutputFormat) variant and a new trait method: the compiler
//! then names every result that lacks it.

pub mod check;
pub mod corpus;
pub mod corpus_targets;
pub mod diff;
pub mod figure_list;
pub mod formulations;
pub mod html;
pub mod layout;
pub mod outline;
pub mod reuse;
pub mod series;
pub mod table_rows;
pub mod tables;
pub mod targets;

/// Every output format any command writes. Each command offers its own subset
/// on the command line ([`crate::cli::Format`], [`crate::cli::CheckFormat`]),
/// mapped to this in [`crate::command::formats`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    /// Human-readable, coloured when writing to a terminal.
    Terminal,
    /// Machine-readable JSON (contract: docs/json-schema.md).
    Json,
    /// Self-contained HTML page.
    Html,
    /// Markdown for articles and pull requests.
    Markdown,
    /// GitHub Actions workflow commands.
    Github,
    /// JUnit XML.
    Junit,
    /// One CSV table.
    Csv,
}

/// What every result's view options share: whether colour is on (terminal
/// only). Each result declares its own options as [`Render::View`], built once
/// by its command from the flags it has.
pub trait ViewOptions {
    /// Colour is on (terminal only).
    fn color(&self) -> bool;
}

/// The options of a result that has none but colour (`split`, `check`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Plain {
    /// Colour is on (terminal only).
    pub color: bool,
}

/// The options of a result shown as rows (`phrases`, `corpus`, `reuse`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Rows {
    /// Colour is on (terminal only).
    pub color: bool,
    /// Rows shown at most in the terminal and Markdown.
    pub limit: usize,
}

impl ViewOptions for Plain {
    fn color(&self) -> bool {
        self.color
    }
}

impl ViewOptions for Rows {
    fn color(&self) -> bool {
        self.color
    }
}

/// A command's result in every output format; `None` where the command does
/// not offer that format. The common four have no default, so a result cannot
/// forget one; the CI formats of `check` are `None` unless a result has them.
pub trait Render {
    /// This result's view options.
    type View: ViewOptions;
    /// Terminal text.
    fn terminal(&self, view: &Self::View) -> Option<String>;
    /// JSON (contract: docs/json-schema.md).
    fn json(&self, view: &Self::View) -> Option<String>;
    /// Markdown.
    fn markdown(&self, view: &Self::View) -> Option<String>;
    /// A self-contained HTML page.
    fn html(&self, view: &Self::View) -> Option<String>;
    /// GitHub Actions workflow commands.
    fn github(&self, _view: &Self::View) -> Option<String> {
        None
    }
    /// JUnit XML.
    fn junit(&self, _view: &Self::View) -> Option<String> {
        None
    }
    /// One CSV table (`series --figures`).
    fn csv(&self, _view: &Self::View) -> Option<String> {
        None
    }
}

/// `result` in `format`: the one place that matches on the output format.
/// A format the command does not offer is a usage error naming `command`.
///
/// Terminal and Markdown text is also made safe to show here, once for every
/// command: report text can carry bidi overrides (U+202E) and names can carry
/// escape sequences, which must reach the reader visible, not obeyed (see
/// [`escape_rendered`](crate::text::escape_rendered)). JSON escapes controls
/// itself and keeps the report's characters; HTML, GitHub and JUnit output
/// escape in their own syntax.
pub fn render<R: Render>(
    result: &R,
    command: &str,
    format: impl Into<OutputFormat>,
    view: &R::View,
) -> crate::error::Result<String> {
    let format = format.into();
    let text = match format {
        OutputFormat::Terminal => result.terminal(view),
        OutputFormat::Json => result.json(view),
        OutputFormat::Html => result.html(view),
        OutputFormat::Markdown => result.markdown(view),
        OutputFormat::Github => result.github(view),
        OutputFormat::Junit => result.junit(view),
        OutputFormat::Csv => result.csv(view),
    };
    let text = text.ok_or_else(|| {
        crate::error::Error::Usage(format!("`{command}` cannot write --format {format:?}").to_lowercase())
    })?;
    Ok(match format {
        OutputFormat::Terminal => crate::text::escape_rendered(&text, view.color()).into_owned(),
        OutputFormat::Markdown => crate::text::escape_rendered(&text, false).into_owned(),
        _ => text,
    })
}

/// `1 rule`, `2 rules`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Thousands separators for counts shown to people: 12345 → `12,345`.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A year as shown to people, `unknown` when the report's year is not known
/// (`????` in text tables, `?` in the HTML pages).
pub fn year_text(year: Option<i32>, unknown: &str) -> String {
    year.map_or_else(|| unknown.to_string(), |y| y.to_string())
}

/// Years as ranges of consecutive years, `1958–1963, 1965–1974, 1977`
/// (sorted and deduplicated first).
pub fn year_ranges(years: &[i32]) -> String {
    let mut years = years.to_vec();
    years.sort_unstable();
    years.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < years.len() {
        let mut j = i;
        while j + 1 < years.len() && years[j + 1] == years[j] + 1 {
            j += 1;
        }
        parts.push(if j == i {
            years[i].to_string()
        } else {
            format!("{}–{}", years[i], years[j])
        });
        i = j + 1;
    }
    parts.join(", ")
}

/// Serializes a value as pretty JSON with a trailing newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// Writes the JSON of `shell`, whose top-level list `key` is empty, with
/// `items` in that list: the same bytes as the shell holding them, but the
/// items serialized side by side, a window at a time (bounding the memory
/// held), each indented where it stands. A series' phrase timelines are three
/// quarters of its 11 MB.
pub(crate) fn write_json_spliced<S, T, W>(out: &mut W, shell: &S, key: &str, items: &[T]) -> std::io::Result<()>
where
    S: serde::Serialize + Sync,
    T: serde::Serialize + Sync,
    W: std::io::Write,
{
    use rayon::prelude::*;
    // The items of window `w`, serialized side by side, each after its separator.
    let window = |w: usize, window: &[T]| -> std::io::Result<Vec<Vec<u8>>> {
        let parts: Vec<std::io::Result<Vec<u8>>> = window
            .par_chunks(SPLICE_CHUNK)
            .enumerate()
            .map(|(c, chunk)| {
                let mut bytes = Vec::new();
                for (i, item) in chunk.iter().enumerate() {
                    let first = w == 0 && c == 0 && i == 0;
                    bytes.extend_from_slice(if first { b"\n    " } else { b",\n    " });
                    item.serialize(&mut serde_json::Serializer::with_formatter(
                        &mut bytes,
                        two_levels_in()?,
                    ))?;
                }
                Ok(bytes)
            })
            .collect();
        parts.into_iter().collect()
    };
    let write_parts = |out: &mut W, parts: Vec<Vec<u8>>| parts.iter().try_for_each(|p| out.write_all(p));
    let mut windows = items.chunks(SPLICE_WINDOW).enumerate();
    // The shell is serialized while the first window is.
    let (shell, first) = rayon::join(
        || serde_json::to_string_pretty(shell),
        || windows.next().map(|(w, items)| window(w, items)).transpose(),
    );
    let (shell, first) = (shell?, first?);
    // Only the top level has a key indented by two spaces.
    let slot = format!("\n  {}: []", serde_json::to_string(key)?);
    let at = shell.find(&slot).map(|i| i + slot.len() - 1);
    let (Some(at), Some(first)) = (at, first) else {
        if !items.is_empty() {
            return Err(std::io::Error::other(format!(
                "internal error: no list {key:?} in the JSON"
            )));
        }
        // Nothing to splice: the shell as it is (with the list empty).
        out.write_all(shell.as_bytes())?;
        return out.write_all(b"\n");
    };
    out.write_all(&shell.as_bytes()[..at])?;
    write_parts(out, first)?;
    for (w, items) in windows {
        write_parts(out, window(w, items)?)?;
    }
    out.write_all(b"\n  ")?;
    out.write_all(&shell.as_bytes()[at..])?;
    out.write_all(b"\n")
}

/// Items serialized per window and per task within a window by [`write_json_spliced`].
const SPLICE_WINDOW: usize = 1024;
const SPLICE_CHUNK: usize = 64;

/// The pretty formatter of a value two levels deep (an item of a top-level
/// list), its first line written where it stands: entered twice (into the
/// output nowhere), so it indents every later line by four more spaces, and
/// writes its bytes once.
fn two_levels_in() -> std::io::Result<serde_json::ser::PrettyFormatter<'static>> {
    use serde_json::ser::Formatter;
    let mut formatter = serde_json::ser::PrettyFormatter::new();
    for _ in 0..2 {
        formatter.begin_array(&mut std::io::sink())?;
    }
    Ok(formatter)
}

#[cfg(test)]
mod year_range_tests {
    use super::year_ranges;

    #[test]
    fn consecutive_years_become_ranges() {
        assert_eq!(
            year_ranges(&[1965, 1958, 1959, 1960, 1961, 1962, 1963, 1966, 1977]),
            "1958–1963, 1965–1966, 1977"
        );
        assert_eq!(year_ranges(&[2020]), "2020");
        assert_eq!(year_ranges(&[]), "");
    }
}
