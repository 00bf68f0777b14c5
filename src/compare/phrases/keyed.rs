//! A `key<TAB>value` (or `key value`) table embedded as text, looked up through an index of its
//! rows sorted by key that `build.rs` writes (`keyed_index`): nothing is split,
//! parsed or collected when a run starts, and a lookup is a binary search.

/// An embedded table and its index: per row, in key order, the start and end
/// byte of the key in `text` (u32 each, little-endian). The separator is the
/// one byte after the key.
pub struct Keyed {
    pub text: &'static str,
    pub index: &'static [u8],
}

impl Keyed {
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.index.len() / 8
    }

    /// The byte range of row `i`'s key.
    fn span(&self, i: usize) -> (usize, usize) {
        let at = |k: usize| {
            self.index
                .get(k..k + 4)
                .and_then(|b| <[u8; 4]>::try_from(b).ok())
                .map_or(0, |b| u32::from_le_bytes(b) as usize)
        };
        (at(i * 8), at(i * 8 + 4))
    }

    /// Row `i`: its key and its value (up to the end of the line, trimmed).
    fn row(&self, i: usize) -> (&'static str, &'static str) {
        let (start, end) = self.span(i);
        let key = self.text.get(start..end).unwrap_or_default();
        let rest = self.text.get(end + 1..).unwrap_or_default();
        let value = rest.split('\n').next().unwrap_or_default();
        (key, value.trim())
    }

    /// The value of the first row whose key is `key`.
    pub fn get(&self, key: &str) -> Option<&'static str> {
        let (mut lo, mut hi) = (0, self.len());
        // The first row whose key is not below `key`.
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (start, end) = self.span(mid);
            if self.text.get(start..end).unwrap_or_default() < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let (k, value) = (lo < self.len()).then(|| self.row(lo))?;
        (k == key).then_some(value)
    }

    /// The text after `prefix` on the first `#` comment line starting with it.
    pub fn header(&self, prefix: &str) -> Option<&'static str> {
        self.text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .find_map(|l| l.strip_prefix(prefix))
    }
}
