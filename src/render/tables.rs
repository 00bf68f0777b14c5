//! The tables `corpus`, `reuse` and `series --figures` export: CSV (RFC 4180,
//! text cells neutralised against formula injection) and JSON Lines, one row
//! per serialized value.

use serde::Serialize;

/// A CSV text field, quoted when needed (RFC 4180). A text starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a
/// spreadsheet shows it as text instead of running it as a formula (formula
/// injection; the OWASP advice). Numbers are written as numbers, untouched.
pub(crate) fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub(crate) fn csv_of<T: Serialize>(rows: &[T], header: &[&str]) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let Ok(serde_json::Value::Object(map)) = serde_json::to_value(row) else {
            continue;
        };
        let fields: Vec<String> = header
            .iter()
            .map(|h| match map.get(*h) {
                Some(serde_json::Value::String(s)) => csv_field(s),
                Some(serde_json::Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

pub(crate) fn jsonl_of<T: Serialize>(rows: &[T]) -> String {
    let mut out = String::new();
    for row in rows {
        if let Ok(line) = serde_json::to_string(row) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_text_cells_cannot_start_a_formula() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("新质生产力"), "新质生产力");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
