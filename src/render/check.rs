//! Output of `check`: terminal, JSON, GitHub workflow commands, JUnit XML and
//! Markdown (the GitHub step summary). All read one [`CheckReport`].

use super::outline::md_escape;
use super::{plural, to_json};
use crate::check::report::{CheckReport, RuleResult};
use colored::Colorize;

/// GitHub shows at most this many annotations of one level per step.
pub const GITHUB_ANNOTATIONS_PER_STEP: usize = 10;

impl super::Render for CheckReport {
    type View = super::Plain;
    fn terminal(&self, view: &super::Plain) -> Option<String> {
        Some(terminal(self, view.color))
    }
    fn json(&self, _view: &super::Plain) -> Option<String> {
        Some(json(self))
    }
    fn markdown(&self, _view: &super::Plain) -> Option<String> {
        Some(markdown(self))
    }
    fn html(&self, _view: &super::Plain) -> Option<String> {
        None
    }
    fn github(&self, _view: &super::Plain) -> Option<String> {
        Some(github(self))
    }
    fn junit(&self, _view: &super::Plain) -> Option<String> {
        Some(junit(self))
    }
}

fn mark(r: &RuleResult) -> &'static str {
    if !r.passed {
        "✗"
    } else if r.notice {
        "•"
    } else {
        "✓"
    }
}

/// `2 reports: 2021 广州市 → 2025 广州市`.
fn reports_line(report: &CheckReport) -> String {
    let labels: Vec<String> = report.reports.iter().map(|m| m.label()).collect();
    format!("{}: {}", plural(report.reports.len(), "report"), labels.join(" → "))
}

/// `9 rules: 8 passed, 1 failed · 1 tracked phrase changed status`.
fn counts_line(report: &CheckReport) -> String {
    let s = &report.summary;
    let mut line = format!("{}: {} passed, {} failed", plural(s.rules, "rule"), s.passed, s.failed);
    if s.notices > 0 {
        line.push_str(&format!(" · {} changed status", plural(s.notices, "tracked phrase")));
    }
    line
}

/// One line per rule (✓ holds, ✗ violated, • tracked phrase changed status),
/// details under failures and notices, then the counts.
pub fn terminal(report: &CheckReport, color: bool) -> String {
    let paint = |r: &RuleResult, s: &str| -> String {
        if !color {
            s.to_string()
        } else if !r.passed {
            s.red().bold().to_string()
        } else if r.notice {
            s.yellow().bold().to_string()
        } else {
            s.green().to_string()
        }
    };
    // File names and report text are escaped: a name cannot end a line or
    // carry a terminal escape sequence.
    let shown = crate::text::escape_for_display;
    let mut out = format!(
        "reportdiff check {} · {}\n",
        shown(&report.config),
        shown(&reports_line(report))
    );
    for r in &report.results {
        out.push_str(&format!(
            "{} {}: {}\n",
            paint(r, mark(r)),
            paint(r, &r.name),
            shown(&r.message)
        ));
        if !r.passed || r.notice {
            for d in &r.details {
                out.push_str(&format!("    {}\n", shown(d)));
            }
        }
    }
    let counts = counts_line(report);
    out.push_str(&if color && !report.passed() {
        counts.red().bold().to_string()
    } else {
        counts
    });
    out.push('\n');
    out
}

/// JSON: `{schema_version, config, reports, results, summary}`.
pub fn json(report: &CheckReport) -> String {
    to_json(report)
}

/// Escapes the data (message) of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command: `::error file=…,line=…,title=…::message`.
fn command(level: &str, file: Option<&str>, line: Option<usize>, title: &str, data: &str) -> String {
    let mut props: Vec<String> = Vec::new();
    if let Some(f) = file {
        props.push(format!("file={}", escape_property(f)));
        if let Some(l) = line {
            props.push(format!("line={l}"));
        }
    }
    props.push(format!("title={}", escape_property(title)));
    format!("::{level} {}::{}\n", props.join(","), escape_data(data))
}

/// The annotation of one rule: its message, then its details on their own lines.
fn rule_command(level: &str, r: &RuleResult) -> String {
    let mut data = r.message.clone();
    for d in &r.details {
        data.push('\n');
        data.push_str(d);
    }
    command(
        level,
        r.file.as_deref(),
        r.line,
        &format!("reportdiff {}", r.name),
        &data,
    )
}

/// Annotations of one level, at most [`GITHUB_ANNOTATIONS_PER_STEP`]: past the
/// limit, the last slot says how many more there are.
fn annotations(level: &str, results: &[&RuleResult], what: &str) -> String {
    let mut out = String::new();
    let shown = if results.len() > GITHUB_ANNOTATIONS_PER_STEP {
        GITHUB_ANNOTATIONS_PER_STEP - 1
    } else {
        results.len()
    };
    for r in &results[..shown] {
        out.push_str(&rule_command(level, r));
    }
    if shown < results.len() {
        let more = format!(
            "{} more {what} not annotated (GitHub shows {GITHUB_ANNOTATIONS_PER_STEP} per step); see the log and the step summary",
            results.len() - shown
        );
        out.push_str(&command(level, None, None, "reportdiff check", &more));
    }
    out
}

/// One log line: line breaks folded, and never starting with `::`, so report
/// text cannot be read as a workflow command.
fn log_line(prefix: &str, text: &str) -> String {
    format!("{prefix}{}\n", text.replace(['\r', '\n'], " "))
}

/// GitHub Actions: the log (one line per rule, details as `- ` items), then
/// `::error` annotations for violated rules and `::notice` annotations for
/// tracked phrases that changed status, each within GitHub's per-step limit.
pub fn github(report: &CheckReport) -> String {
    let mut out = log_line(
        "reportdiff check ",
        &format!("{} · {}", report.config, reports_line(report)),
    );
    for r in &report.results {
        out.push_str(&log_line(
            &format!("{} ", mark(r)),
            &format!("{}: {}", r.name, r.message),
        ));
        if !r.passed || r.notice {
            for d in &r.details {
                out.push_str(&log_line("  - ", d));
            }
        }
    }
    out.push_str(&log_line("", &counts_line(report)));
    let failed: Vec<&RuleResult> = report.results.iter().filter(|r| !r.passed).collect();
    let notices: Vec<&RuleResult> = report.results.iter().filter(|r| r.passed && r.notice).collect();
    out.push_str(&annotations("error", &failed, "violated rules"));
    out.push_str(&annotations("notice", &notices, "tracked phrases changed status"));
    out
}

/// An error that stopped the check (exit 2), as an annotation on the file
/// (and line) it is about.
pub fn github_error(message: &str, file: Option<&str>, line: Option<usize>) -> String {
    command("error", file, line, "reportdiff check", message)
}

/// Escapes text for XML, dropping characters XML 1.0 cannot hold; in
/// attributes line breaks are kept as character references.
fn xml_escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// JUnit XML: one test suite, one test case per rule, `<failure>` for
/// violated rules; the details go to the failure body or `<system-out>`.
pub fn junit(report: &CheckReport) -> String {
    let s = &report.summary;
    let a = |t: &str| xml_escape(t, true);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"reportdiff check\" tests=\"{}\" failures=\"{}\" errors=\"0\">\n",
        s.rules, s.failed
    ));
    out.push_str(&format!(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        a(&format!("reportdiff check {}", report.config)),
        s.rules,
        s.failed
    ));
    out.push_str(&format!(
        "    <properties>\n      <property name=\"reports\" value=\"{}\"/>\n    </properties>\n",
        a(&reports_line(report))
    ));
    for r in &report.results {
        let mut attrs = format!(
            "name=\"{}\" classname=\"{}\"",
            a(&r.name),
            a(&format!("reportdiff.{}", r.rule))
        );
        if let Some(f) = &r.file {
            attrs.push_str(&format!(" file=\"{}\"", a(f)));
        }
        if let Some(l) = r.line {
            attrs.push_str(&format!(" line=\"{l}\""));
        }
        let body: String = std::iter::once(r.message.as_str())
            .chain(r.details.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join("\n");
        out.push_str(&format!("    <testcase {attrs}>\n"));
        if r.passed {
            out.push_str(&format!(
                "      <system-out>{}</system-out>\n",
                xml_escape(&body, false)
            ));
        } else {
            out.push_str(&format!(
                "      <failure message=\"{}\" type=\"{}\">{}</failure>\n",
                a(&r.message),
                a(&r.rule),
                xml_escape(&body, false)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Markdown (the GitHub step summary): a headline, then a table of the rules.
pub fn markdown(report: &CheckReport) -> String {
    let s = &report.summary;
    let headline = if report.passed() {
        format!("✓ all {} rules hold", s.rules)
    } else {
        format!("✗ {} of {} rules failed", s.failed, s.rules)
    };
    let cell = |t: &str| md_escape(t).replace(['\r', '\n'], " ");
    let mut out = format!(
        "### reportdiff check: {headline}\n\n`{}` · {}\n\n| | rule | result |\n|---|---|---|\n",
        report.config.replace('`', "'"),
        cell(&reports_line(report))
    );
    for r in &report.results {
        let mut result = cell(&r.message);
        if !r.passed || r.notice {
            for d in &r.details {
                result.push_str("<br>");
                result.push_str(&cell(d));
            }
        }
        out.push_str(&format!("| {} | {} | {result} |\n", mark(r), cell(&r.name)));
    }
    out.push_str(&format!("\n{}\n", cell(&counts_line(report))));
    if let Some(path) = &report.baseline_written {
        out.push_str(&format!("\nBaseline written: `{}`\n", path.replace('`', "'")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_escaping() {
        assert_eq!(escape_data("50% done\r\nnext: a,b"), "50%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("dir/a:b,c%\n"), "dir/a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn log_lines_cannot_start_commands() {
        assert_eq!(log_line("  - ", "x\n::error::injected"), "  - x ::error::injected\n");
    }

    #[test]
    fn xml_escaping_drops_invalid_characters() {
        assert_eq!(
            xml_escape("a<b & \"c\"\u{1}\n", true),
            "a&lt;b &amp; &quot;c&quot;&#10;"
        );
        assert_eq!(xml_escape("a<b\n", false), "a&lt;b\n");
    }
}
