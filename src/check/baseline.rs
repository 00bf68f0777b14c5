//! The baseline: a committed snapshot of the two newest reports' diff, and the
//! first difference between it and the current one.

use super::load::PairView;
use crate::check::report::RuleResult;
use crate::compare::report::DiffReport;
use crate::error::{Error, Result};
use crate::render;
use serde_json::Value;
use std::path::Path;

/// The committed form of a diff: its JSON with the report paths removed (they
/// differ between checkouts). Equal to `reportdiff diff OLD NEW --format json`
/// without `old.path` and `new.path`.
pub fn snapshot(diff: &DiffReport) -> Value {
    // Through text, so a snapshot read back from its file compares equal.
    let text = render::to_json(diff);
    let mut value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    for side in ["old", "new"] {
        if let Some(meta) = value.get_mut(side).and_then(Value::as_object_mut) {
            meta.remove("path");
        }
    }
    value
}

/// The text of one side of a snapshot, rebuilt from its hunks in document
/// order, with the start of each section (char offset, section path).
fn side_text(snapshot: &Value, side: &str) -> (String, Vec<(usize, String)>) {
    let mut parts: Vec<(usize, String, String)> = Vec::new();
    for s in snapshot["sections"].as_array().into_iter().flatten() {
        let reference = &s[side];
        let Some(index) = reference["id"]
            .as_str()
            .and_then(|id| id.strip_prefix('s')?.parse().ok())
        else {
            continue;
        };
        let text: String = s["hunks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|h| h[side].as_str())
            .collect();
        let path = reference["path"].as_str().unwrap_or("").to_string();
        parts.push((index, path, text));
    }
    parts.sort_by_key(|(i, _, _)| *i);
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut offset = 0;
    for (_, path, t) in parts {
        starts.push((offset, path));
        offset += t.chars().count();
        text.push_str(&t);
    }
    (text, starts)
}

/// Where two texts first differ: (char offset, baseline excerpt, current excerpt).
fn first_text_difference(baseline: &str, current: &str) -> Option<(usize, String, String)> {
    let b: Vec<char> = baseline.chars().collect();
    let c: Vec<char> = current.chars().collect();
    let prefix = b.iter().zip(&c).take_while(|(x, y)| x == y).count();
    if prefix == b.len() && prefix == c.len() {
        return None;
    }
    let max_suffix = b.len().min(c.len()) - prefix;
    let suffix = b
        .iter()
        .rev()
        .zip(c.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    let context_start = (prefix.saturating_sub(12)..prefix)
        .find(|&i| !b[i..prefix].contains(&'\n'))
        .unwrap_or(prefix);
    let context: String = b[context_start..prefix].iter().collect();
    let excerpt = |chars: &[char], end: usize| {
        let changed: String = chars[prefix..end].iter().take(24).collect();
        let more = if end - prefix > 24 { "…" } else { "" };
        let after: String = chars[end..].iter().take(6).take_while(|&&ch| ch != '\n').collect();
        format!("…{context}[{changed}{more}]{after}…")
    };
    Some((prefix, excerpt(&b, b.len() - suffix), excerpt(&c, c.len() - suffix)))
}

/// The first place two JSON values differ: (path, baseline, current).
fn first_value_difference(path: &str, a: &Value, b: &Value) -> Option<(String, String, String)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|k| {
                let child = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                first_value_difference(
                    &child,
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) => (0..x.len().max(y.len())).find_map(|i| {
            first_value_difference(
                &format!("{path}[{i}]"),
                x.get(i).unwrap_or(&Value::Null),
                y.get(i).unwrap_or(&Value::Null),
            )
        }),
        _ if a == b => None,
        _ => Some((path.to_string(), clip(&a.to_string(), 60), clip(&b.to_string(), 60))),
    }
}

pub(super) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// Compares the current snapshot with the committed one.
pub(super) fn baseline_result(file: &str, baseline: &Value, current: &Value, pair: &PairView) -> RuleResult {
    if baseline == current {
        return RuleResult::new(
            "baseline",
            None,
            true,
            format!(
                "the diff of {} → {} equals the baseline {file}",
                pair.old.report.meta.label(),
                pair.new.report.meta.label()
            ),
        )
        .at(pair.new, None);
    }
    for (side, loaded) in [("new", pair.new), ("old", pair.old)] {
        let (b, _) = side_text(baseline, side);
        let (c, starts) = side_text(current, side);
        if let Some((offset, was, now)) = first_text_difference(&b, &c) {
            let section = starts
                .iter()
                .rev()
                .find(|(start, _)| *start <= offset)
                .map_or(String::new(), |(_, p)| p.clone());
            let details = vec![
                format!("baseline: {was}"),
                format!("now:      {now}"),
                format!("if the change is intended, run `reportdiff check --update-baseline` and commit {file}"),
            ];
            let within = if section.is_empty() {
                String::new()
            } else {
                format!(", in “{section}”")
            };
            return RuleResult::new(
                "baseline",
                None,
                false,
                format!(
                    "the text of {} differs from the baseline {file} at line {}{within}",
                    loaded.described(),
                    loaded.line_of(offset),
                ),
            )
            .at(loaded, Some(offset))
            .details(details);
        }
    }
    let (path, was, now) = first_value_difference("", baseline, current).unwrap_or_default();
    RuleResult::new(
        "baseline",
        None,
        false,
        format!(
            "the diff of {} differs from the baseline {file} at {path}",
            pair.new.described()
        ),
    )
    .at(pair.new, None)
    .details(vec![
        format!("baseline: {was}"),
        format!("now:      {now}"),
        "the report texts match the baseline; their comparison changed (another reportdiff version or `ignore_years`?)"
            .into(),
        format!("if that is intended, run `reportdiff check --update-baseline` and commit {file}"),
    ])
}

/// Reads the committed snapshot (`None` when the file does not exist yet),
/// within the input size limit. A file that is not a snapshot (truncated, not
/// UTF-8, other JSON) is an error saying so, not a "text differs" verdict.
pub(super) fn read_baseline(path: &Path, limit: Option<u64>) -> Result<Option<Value>> {
    if std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
        return Ok(None);
    }
    let bytes = crate::read::source::read_limited(&path.to_string_lossy(), limit)?;
    let not_snapshot = |why: String| {
        Error::input(
            path.display(),
            format!(
                "is not a reportdiff baseline snapshot ({why}); recreate it with `reportdiff check --update-baseline`"
            ),
        )
    };
    let text = String::from_utf8(bytes).map_err(|_| not_snapshot("not UTF-8 text; truncated or damaged?".into()))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        not_snapshot(if e.is_eof() {
            "the JSON ends early: truncated?".into()
        } else {
            format!("invalid JSON: {e}")
        })
    })?;
    let is_snapshot = value.get("schema_version").is_some_and(Value::is_u64)
        && value.get("sections").is_some_and(Value::is_array)
        && value.get("summary").is_some_and(Value::is_object);
    if !is_snapshot {
        return Err(not_snapshot(
            "JSON without `schema_version`, `sections` and `summary`".into(),
        ));
    }
    Ok(Some(value))
}

/// Writes the snapshot to the baseline file (atomically).
pub fn write(path: &Path, snapshot: &Value) -> Result<()> {
    crate::output::write_atomically(path, render::to_json(snapshot).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_difference_shows_the_changed_words() {
        let (at, was, now) = first_text_difference("推进百千万工程建设。", "推进千百万工程建设。").unwrap();
        assert_eq!(at, 2);
        assert_eq!(was, "…推进[百千]万工程建设。…");
        assert_eq!(now, "…推进[千百]万工程建设。…");
        assert!(first_text_difference("同", "同").is_none());
        let (_, was, now) = first_text_difference("abc", "abcd").unwrap();
        assert_eq!((was.as_str(), now.as_str()), ("…abc[]…", "…abc[d]…"));
    }

    #[test]
    fn value_difference_has_a_path() {
        let a: Value = serde_json::json!({"summary": {"x": 1}, "sections": [{"status": "moved"}]});
        let b: Value = serde_json::json!({"summary": {"x": 1}, "sections": [{"status": "changed"}]});
        let (path, was, now) = first_value_difference("", &a, &b).unwrap();
        assert_eq!(path, "sections[0].status");
        assert_eq!((was.as_str(), now.as_str()), ("\"moved\"", "\"changed\""));
    }
}
