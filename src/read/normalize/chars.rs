//! Character classes normalizing asks of every character: looked up, not
//! searched for in a string each time.

const TONE_VOWELS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü";

/// `TONE_VOWELS.contains(c)`, without a search of the string for every
/// character of every line (they all lie in U+00E0..U+01DD).
pub(super) fn is_tone_vowel(c: char) -> bool {
    ('\u{e0}'..='\u{1dc}').contains(&c) && TONE_VOWELS.contains(c)
}

/// Frequent characters that exist only in traditional script.
const TRADITIONAL_ONLY: &str = "們這個來為國會說時對學發經過與點當還現問開關實長應體給從裡門後種進業義際區產動員線設運農術導觀條歷數網頭書無處聯興壓變達權並鬥擊極務華幹萬億蘇黨歲劃濟財壯屬區質費領導階級資歷貿億積擴穩";

/// `TRADITIONAL_ONLY.contains(c)` by a binary search (it is asked of every
/// CJK character of every report).
pub(super) fn is_traditional_only(c: char) -> bool {
    static SORTED: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    SORTED
        .get_or_init(|| {
            let mut v: Vec<char> = TRADITIONAL_ONLY.chars().collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .binary_search(&c)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_agree_with_the_strings() {
        for c in ('\u{0}'..='\u{ffff}').chain(['\u{20000}', '\u{10ffff}']) {
            assert_eq!(is_tone_vowel(c), TONE_VOWELS.contains(c), "{c:?}");
            assert_eq!(is_traditional_only(c), TRADITIONAL_ONLY.contains(c), "{c:?}");
        }
    }
}
