//! The normalized text's maps back to the original: each char's original
//! index ([`OriginMap`]) and the chars whose original differs only by width
//! ([`Normalized::restored`]), which output prints as written.

/// Normalized text with a map back to the original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalized {
    /// Paragraphs separated by `\n`; no empty lines, no trailing newline.
    pub text: String,
    /// For each `char` of `text`, the char index in the original text it came from.
    pub origin: OriginMap,
    /// The original was judged traditional script and converted to simplified.
    pub traditional: bool,
    /// Characters whose original differs only by width (`，` shown as `,`), as
    /// (char index in `text`, original char), sorted: what output prints instead.
    pub restored: Vec<(u32, char)>,
}

/// The original char index of every char of a normalized text, kept as runs
/// of consecutive indices: text is mostly copied through, so a report needs a
/// few runs per paragraph instead of 8 bytes a char.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OriginMap {
    /// (index in the normalized text, original index) where a run starts.
    pub(super) runs: Vec<(u32, u32)>,
    /// Number of chars mapped.
    len: u32,
}

impl OriginMap {
    /// Number of chars mapped (the chars of the normalized text).
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// True when no char is mapped.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The original index of normalized char `i`, if there is such a char.
    pub fn get(&self, i: usize) -> Option<usize> {
        if i >= self.len() {
            return None;
        }
        let run = self.runs.partition_point(|&(at, _)| at as usize <= i).checked_sub(1)?;
        let (at, origin) = self.runs[run];
        Some(origin as usize + (i - at as usize))
    }

    /// The original indices, in the order of the normalized chars.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.runs.iter().enumerate().flat_map(move |(k, &(at, origin))| {
            let end = self.runs.get(k + 1).map_or(self.len, |&(next, _)| next);
            (0..end - at).map(move |d| (origin + d) as usize)
        })
    }

    /// Maps the next normalized char to original index `origin`.
    pub(super) fn push(&mut self, origin: u32) {
        let extends = self
            .runs
            .last()
            .is_some_and(|&(at, o)| o.checked_add(self.len - at) == Some(origin));
        if !extends {
            self.runs.push((self.len, origin));
        }
        self.len += 1;
    }
}

/// A char index as stored in the origin map. Inputs longer than
/// [`crate::read::source::MAX_TEXT_BYTES`] are refused when read, so every
/// index fits and the saturation cannot happen in a run.
pub(super) fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Normalized {
    /// The original char index of normalized char index `i` (clamped to the end).
    pub fn origin_of(&self, i: usize, original_len: usize) -> usize {
        self.origin.get(i).unwrap_or(original_len)
    }

    /// The report's own characters for `normalized`, the slice of `text` that
    /// starts at char index `start`: full-width punctuation, digits and letters
    /// come back as written. Comparing uses `text`; printing uses this.
    pub fn original_of(&self, start: usize, normalized: &str) -> String {
        // The runs between restored chars are copied whole, not char by char.
        let mut out = String::with_capacity(normalized.len());
        // Byte offset in `normalized` copied up to, and its char index.
        let (mut copied, mut k) = (0, 0);
        for &(i, was) in &self.restored[self.restored.partition_point(|&(i, _)| (i as usize) < start)..] {
            let Some(skip) = (i as usize).checked_sub(start + k) else {
                break;
            };
            let Some((b, c)) = normalized[copied..].char_indices().nth(skip) else {
                break;
            };
            out.push_str(&normalized[copied..copied + b]);
            out.push(was);
            copied += b + c.len_utf8();
            k += skip + 1;
        }
        out.push_str(&normalized[copied..]);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Normalized;

    /// `original_of` char by char, as it was written first.
    fn original_by_char(n: &Normalized, start: usize, normalized: &str) -> String {
        let mut restored = n.restored[n.restored.partition_point(|&(i, _)| (i as usize) < start)..]
            .iter()
            .peekable();
        normalized
            .chars()
            .enumerate()
            .map(|(k, c)| match restored.peek() {
                Some(&&(i, o)) if i as usize == start + k => {
                    restored.next();
                    o
                }
                _ => c,
            })
            .collect()
    }

    #[test]
    fn original_of_copies_runs_as_the_char_by_char_walk_does() {
        // A report full of full-width punctuation and digits, every window
        // of a few lengths from every 7th char (ends past the text included).
        let path = format!("{}/samples/national-2013.txt", env!("CARGO_MANIFEST_DIR"));
        let source = std::fs::read_to_string(path).expect("the national 2013 sample");
        let n = super::super::normalize(&source, 0);
        assert!(n.restored.len() > 50, "{}", n.restored.len());
        let chars: Vec<(usize, char)> = n.text.char_indices().collect();
        let mut restored_seen = 0;
        for from in (0..chars.len()).step_by(7) {
            for len in [0, 1, 2, 5, 40, 400] {
                let (a, end) = (chars[from].0, chars.get(from + len).map_or(n.text.len(), |c| c.0));
                let slice = &n.text[a..end];
                let quoted = n.original_of(from, slice);
                assert_eq!(quoted, original_by_char(&n, from, slice), "{from} {len}");
                restored_seen += usize::from(quoted != slice);
            }
            // A string that is not the text at `from` is restored at the same places.
            assert_eq!(n.original_of(from, "测试,1。"), original_by_char(&n, from, "测试,1。"));
        }
        assert!(restored_seen > 1_000, "{restored_seen}");
    }
}
