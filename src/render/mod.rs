//! Stage 9, **render**: pure functions from a command's result value to text.
//! No renderer computes anything the others would not see.

pub mod check;
pub mod corpus;
pub mod diff;
pub mod html;
pub mod layout;
pub mod outline;
pub mod series;

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

/// Serializes a value as pretty JSON with a trailing newline.
pub fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
