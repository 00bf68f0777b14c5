//! `reportdiff check`: reads the rules file, evaluates it (see
//! [`crate::check`]), writes the baseline when asked and renders the result.
//!
//! Exit codes: 0 every rule holds, 1 a rule is violated, 2 a configuration or
//! input error (one line naming the file and, for the rules file, the line).

use crate::check::baseline;
use crate::check::rules::{parse_rules, CheckResult, Rules};
use crate::check::{evaluate, CheckOptions};
use crate::cli::{CheckArgs, CheckFormat};
use crate::command::input::source_options;
use crate::command::Status;
use crate::error::{Error, Result};
use crate::read::document::LoadOptions;
use crate::render::{self, Plain};

use std::io::Write;
use std::path::Path;

/// Runs `reportdiff check`: exit 0 when every rule holds, 1 otherwise.
pub fn run(args: CheckArgs) -> Result<Status> {
    // The rules file, the baseline and the reports are inputs too: `-o` onto
    // any of them is refused (the reports when they have been read, before
    // the output is renamed into place; see `crate::writing_rule`).
    let config = args.config.to_string_lossy();
    let destination = super::formats::destination(&args.out, &[&config])?;
    let outcome = read_rules(&args.config, args.source.max_input_size).and_then(|(text, rules)| {
        let load = LoadOptions {
            source: source_options(&args.source),
            year: None,
            jurisdiction: None,
        };
        let opts = CheckOptions {
            update_baseline: args.update_baseline,
        };
        let evaluation = evaluate(&rules, &args.config, &text, &load, &opts)?;
        if let Some((path, snapshot)) = &evaluation.baseline {
            if let Some(output) = &args.out.output {
                crate::writing_rule::refuse_same_output(output, path)?;
            }
            baseline::write(path, snapshot)?;
        }
        Ok(evaluation.report)
    });
    let github = args.out.format == CheckFormat::Github;
    let report = match outcome {
        Ok(report) => report,
        Err(e) => {
            // In a workflow, the error also becomes an annotation on the run.
            if github {
                let annotation = render::check::github_error(&e.to_string(), e.file.as_deref(), e.line);
                let _ = destination.emit(&annotation);
            }
            return Err(e.error);
        }
    };
    let view = Plain {
        color: super::formats::color_for(&args.out),
    };
    let text = render::render(&report, "check", args.out.format, &view)?;
    if github {
        if let Some(summary) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|s| !s.is_empty()) {
            append(Path::new(&summary), &render::check::markdown(&report))?;
        }
    }
    destination.emit(&text)?;
    Ok(if report.passed() { 0 } else { 1 })
}

/// Reads the rules file within the input size limit (`--config /dev/zero` must
/// end, not exhaust memory).
fn read_rules(path: &Path, limit: Option<u64>) -> CheckResult<(String, Rules)> {
    if !path.exists() {
        return Err(Error::Usage(format!(
            "{}: cannot read the rules file: no such file (create one with `reportdiff init`, or pass --config FILE)",
            path.display()
        ))
        .into());
    }
    let bytes = crate::read::source::read_limited(&path.to_string_lossy(), limit)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::input(path.display(), format!("the rules file is not UTF-8 text ({e})")))?;
    let rules = parse_rules(path, &text)?;
    Ok((text, rules))
}

/// Appends to a file (the GitHub step summary), creating it if needed.
fn append(path: &Path, text: &str) -> Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .map_err(|e| Error::Output {
            path: path.display().to_string(),
            problem: e.to_string(),
        })
}
