//! Stage 1, **source**: read bytes and decode them to text.
//!
//! Order of decisions: an explicit `--encoding` wins; then a BOM (UTF-8, UTF-16);
//! then strict UTF-8; then UTF-16 without BOM (recognised by its NUL pattern);
//! then detection with `chardetng` among the legacy encodings (GB18030/GBK, Big5, …).
//! Binary data is an error, never silently decoded.

use crate::error::{Error, Result};
use crate::read::bounded::{self, Accept};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};
use std::io::Read;
use std::path::Path;

/// Default upper bound on the size of one input, in bytes.
pub const DEFAULT_MAX_INPUT: u64 = 256 * 1024 * 1024;

/// Longest decoded text accepted, in bytes: offsets into a report are kept as
/// `u32` (tokens, the origin map), which halves the memory of large inputs.
/// Reached only with a raised `--max-input-size`.
pub const MAX_TEXT_BYTES: usize = u32::MAX as usize;

/// A decoded input file (for HTML input: the page's extracted text).
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path as the user gave it (`-` for standard input).
    pub path: String,
    /// The decoded text, exactly as in the file (no normalization yet).
    pub text: String,
    /// Name of the encoding the bytes were decoded from.
    pub encoding: &'static str,
}

/// Options for reading inputs.
#[derive(Debug, Clone, Default)]
pub struct SourceOptions {
    /// Encoding label forced by the user (`--encoding`).
    pub encoding: Option<String>,
    /// Largest accepted input in bytes (`--max-input-size`); `None` = default.
    pub max_size: Option<u64>,
}

/// Reads and decodes `path` (`-` is standard input).
pub fn read_source(path: &str, opts: &SourceOptions) -> Result<SourceText> {
    let bytes = read_limited(path, opts.max_size)?;
    source_of_bytes(path, bytes, opts)
}

/// Decodes the `bytes` read from `path` (see [`read_source`]).
pub fn source_of_bytes(path: &str, bytes: Vec<u8>, opts: &SourceOptions) -> Result<SourceText> {
    let (text, encoding) = decode(&bytes, opts.encoding.as_deref()).map_err(|p| Error::input(path, p))?;
    drop(bytes);
    // A saved web page: its main text, parsed with a real HTML parser.
    let text = if crate::read::html_input::is_html(path, &text) {
        crate::read::html_input::extract_text(&text).map_err(|p| Error::input(path, p))?
    } else {
        text
    };
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::input(
            path,
            format!("is larger than {MAX_TEXT_BYTES} bytes once decoded, the most reportdiff can compare"),
        ));
    }
    Ok(SourceText {
        path: path.to_string(),
        text,
        encoding,
    })
}

/// The bytes of `path` (`-` is standard input), refused above `limit` bytes
/// (`None`: [`DEFAULT_MAX_INPUT`]). Every file named on the command line is
/// read through here, so `--config /dev/zero` ends with a message instead of
/// exhausting memory (see [`bounded`]).
pub fn read_limited(path: &str, limit: Option<u64>) -> Result<Vec<u8>> {
    let limit = limit.unwrap_or(DEFAULT_MAX_INPUT);
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|e| Error::input("<stdin>", format!("cannot read: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(Error::input(path, bounded::ReadProblem::TooLarge(limit)));
        }
        return Ok(buf);
    }
    bounded::read_input(Path::new(path), limit, Accept::Named).map_err(|p| Error::input(path, p))
}

/// Decodes `bytes`, returning the text and the encoding's name, or the problem.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> std::result::Result<(String, &'static str), String> {
    if let Some(label) = forced {
        let enc = lookup_encoding(label).ok_or_else(|| format!("unknown encoding '{label}'"))?;
        if enc == encoding_rs::REPLACEMENT {
            // encoding_rs maps these labels (ISO-2022-KR, HZ, …) to a decoder
            // that yields nothing: say so instead of "no report text".
            return Err(format!(
                "encoding '{label}' is not supported (convert the file, e.g. with iconv)"
            ));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(strip_bom(bytes, enc));
        if had_errors && replacement_share(&text) > 0.01 {
            return Err(format!("is not valid {} text", enc.name()));
        }
        // A forced encoding does not make binary data text.
        return check_text(text.into_owned(), enc.name());
    }
    if let Some((text, name)) = utf32(bytes) {
        return check_text(text, name);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        // A BOM does not make binary data text: same rules as without one.
        return check_text(text.into_owned(), enc.name());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return check_text(text.into_owned(), enc.name());
    }
    if bytes.contains(&0) {
        return Err(NUL_PROBLEM.to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string(), "UTF-8");
    }
    decode_by_line(bytes)
}

const NUL_PROBLEM: &str = "looks like binary data (contains NUL bytes), not text";

/// How one line of a file that is not valid UTF-8 as a whole is read.
#[derive(Clone, Copy, PartialEq)]
enum LineKind {
    /// Valid UTF-8.
    Utf8,
    /// UTF-8 with a few broken bytes: read with replacement characters.
    DamagedUtf8,
    /// A legacy encoding (GBK, Big5, …), chosen once for all such lines.
    Legacy,
}

/// Classifies a line: at least as many valid non-ASCII UTF-8 characters as
/// broken spots means UTF-8 with damage (GBK text forms valid UTF-8 sequences
/// only by chance, for a small share of its characters).
fn line_kind(line: &[u8]) -> LineKind {
    if std::str::from_utf8(line).is_ok() {
        return LineKind::Utf8;
    }
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in line.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    if valid >= broken {
        LineKind::DamagedUtf8
    } else {
        LineKind::Legacy
    }
}

/// Decodes text that is not valid UTF-8 line by line: scraped files mix UTF-8
/// lines with GBK lines (a page saved in one encoding, pasted into a file in
/// another), and UTF-8 with a few broken bytes must stay UTF-8. The legacy
/// lines share one encoding, chosen by [`legacy_encoding`].
fn decode_by_line(bytes: &[u8]) -> std::result::Result<(String, &'static str), String> {
    let lines: Vec<(&[u8], LineKind)> = bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|l| (l, line_kind(l)))
        .collect();
    let legacy_bytes: Vec<u8> = lines
        .iter()
        .filter(|(_, k)| *k == LineKind::Legacy)
        .flat_map(|(l, _)| l.iter().copied())
        .collect();
    let mut legacy = (!legacy_bytes.is_empty()).then(|| legacy_encoding(&legacy_bytes));
    if let Some(enc) = legacy.filter(|&enc| !is_cjk_legacy(enc)) {
        if legacy_bytes.len() * 20 < bytes.len() {
            // A few stray lines in a UTF-8 file: damage, not another encoding.
            legacy = None;
        } else {
            // Single-byte encodings decode anything; a Chinese report is never in
            // one, and text in one has few high bytes. Mostly high bytes read as
            // windows-1252 would be silent mojibake.
            let high = legacy_bytes.iter().filter(|b| !b.is_ascii()).count();
            if high * 4 > legacy_bytes.len() {
                return Err(format!(
                    "cannot be decoded as text (neither UTF-8 nor GBK/GB18030 nor Big5; the best guess, {}, gives mojibake); use --encoding",
                    enc.name()
                ));
            }
        }
    }
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for (line, kind) in &lines {
        match (kind, legacy) {
            (LineKind::Legacy, Some(enc)) => text.push_str(&enc.decode_without_bom_handling(line).0),
            _ => text.push_str(&String::from_utf8_lossy(line)),
        }
    }
    let any_utf8 = lines.iter().any(|(l, k)| *k != LineKind::Legacy && !l.is_ascii());
    let name = match legacy {
        None => "UTF-8",
        Some(enc) if any_utf8 => mixed_name(enc),
        Some(enc) => enc.name(),
    };
    // UTF-8 with a few per cent broken bytes is still the report; more is not text.
    let replaced = text.matches('\u{FFFD}').count();
    if replaced * 20 > bytes.len() {
        return Err(format!(
            "cannot be decoded as text (tried UTF-8 and {name}); use --encoding"
        ));
    }
    check_text(text, name)
}

/// Name of a UTF-8 + legacy mix (a `&'static str`, as every encoding name is).
fn mixed_name(enc: &'static Encoding) -> &'static str {
    match enc.name() {
        "GBK" => "UTF-8 + GBK",
        "gb18030" => "UTF-8 + gb18030",
        "Big5" => "UTF-8 + Big5",
        _ => enc.name(),
    }
}

/// The encoding of the lines that are not UTF-8. Chinese encodings come first:
/// bytes that GB18030 decodes without error are read as GBK/GB18030 (short GBK
/// text is otherwise often guessed as Shift_JIS or EUC-JP) unless the detector
/// says Big5 and Big5 decodes them cleanly too.
fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Not `last`: a download cut off inside a double-byte character is a prefix of
    // a longer stream, and must not disqualify GBK or Big5 for one missing byte.
    detector.feed(bytes, false);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let clean = |enc: &'static Encoding| {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        !had_errors || !text.trim_end_matches('\u{FFFD}').contains('\u{FFFD}')
    };
    if guess == encoding_rs::BIG5 && clean(encoding_rs::BIG5) {
        return guess;
    }
    if clean(encoding_rs::GB18030) {
        return if guess == encoding_rs::GB18030 {
            guess
        } else {
            encoding_rs::GBK
        };
    }
    guess
}

/// UTF-32 (with a BOM, or without one when every code unit has two zero high
/// bytes): encoding_rs does not decode it, and its NULs would otherwise call it
/// binary.
fn utf32(bytes: &[u8]) -> Option<(String, &'static str)> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(4) {
        return None;
    }
    let (little, start) = match bytes {
        [0xFF, 0xFE, 0, 0, ..] => (true, 4),
        [0, 0, 0xFE, 0xFF, ..] => (false, 4),
        _ if bytes
            .chunks_exact(4)
            .all(|u| u[2] == 0 && u[3] == 0 && u[0..2] != [0, 0]) =>
        {
            (true, 0)
        }
        _ if bytes
            .chunks_exact(4)
            .all(|u| u[0] == 0 && u[1] == 0 && u[2..4] != [0, 0]) =>
        {
            (false, 0)
        }
        _ => return None,
    };
    let text: Option<String> = bytes[start..]
        .chunks_exact(4)
        .map(|u| {
            let unit = [u[0], u[1], u[2], u[3]];
            char::from_u32(if little {
                u32::from_le_bytes(unit)
            } else {
                u32::from_be_bytes(unit)
            })
        })
        .collect();
    text.map(|t| (t, if little { "UTF-32LE" } else { "UTF-32BE" }))
}

fn is_cjk_legacy(enc: &'static Encoding) -> bool {
    matches!(
        enc.name(),
        "GBK" | "gb18030" | "Big5" | "EUC-JP" | "Shift_JIS" | "EUC-KR"
    )
}

/// Rejects decoded text that is really binary: a NUL character, or many
/// control characters.
fn check_text(text: String, name: &'static str) -> std::result::Result<(String, &'static str), String> {
    if text.contains('\0') {
        return Err(NUL_PROBLEM.to_string());
    }
    let total = text.chars().count().max(1);
    if stray_controls(&text) * 20 > total {
        return Err("looks like binary data, not text".to_string());
    }
    Ok((text, name))
}

/// The control characters (`char::is_control`: U+0000–U+001F and
/// U+007F–U+009F) of `text` other than line and page breaks and tabs,
/// counted on its bytes (a C1 control is the two bytes C2 80–C2 9F): every
/// input is asked, and decoding every char cost some 25 instructions a byte.
fn stray_controls(text: &str) -> usize {
    let bytes = text.as_bytes();
    // Counted with plain byte compares the compiler vectorizes; the rare
    // C2 lead bytes are looked at one by one.
    let ascii: usize = bytes
        .iter()
        .map(|&b| usize::from((b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c)) || b == 0x7f))
        .sum();
    let c1 = memchr::memchr_iter(0xc2, bytes)
        .filter(|&i| bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)))
        .count();
    ascii + c1
}

/// Share of replacement characters; one at the very end is a download cut off
/// inside a character, not damage.
fn replacement_share(text: &str) -> f64 {
    let text = text.strip_suffix('\u{FFFD}').unwrap_or(text);
    let total = text.chars().count().max(1);
    text.chars().filter(|&c| c == '\u{FFFD}').count() as f64 / total as f64
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// UTF-16 without a BOM: text in the BMP puts a NUL in every other byte for ASCII,
/// and CJK text never decodes cleanly as UTF-8; require even length, NULs on one
/// side only and a clean decode. Chinese text has few ASCII characters, so its
/// NULs are rare (line breaks, digits); it is recognised instead by the high
/// bytes of its code units, which nearly all fall in the CJK blocks.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    // Both tests below need NUL bytes (the high bytes of ASCII code units).
    if !bytes.contains(&0) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let zero_even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    // High byte of a code unit in ASCII, general punctuation, CJK punctuation,
    // CJK ideographs or full-width forms.
    let text_high = |b: &u8| matches!(b, 0x00 | 0x20 | 0x30 | 0x4E..=0x9F | 0xFF);
    let mostly_text =
        |high: usize| bytes.iter().skip(high).step_by(2).filter(|b| text_high(b)).count() * 10 >= pairs * 9;
    let looks_utf16 = |zeros_high: usize, zeros_low: usize, high: usize| {
        zeros_low * 20 < pairs.max(20) && (zeros_high * 4 > pairs || (zeros_high > 0 && mostly_text(high)))
    };
    let candidate = if looks_utf16(zero_odd, zero_even, 1) {
        UTF_16LE
    } else if looks_utf16(zero_even, zero_odd, 0) {
        UTF_16BE
    } else {
        return None;
    };
    let (text, had_errors) = candidate.decode_without_bom_handling(bytes);
    if had_errors || check_text(text.into_owned(), "").is_err() {
        return None;
    }
    Some(candidate)
}

/// Looks up an encoding by its WHATWG label, also accepting a few common aliases.
pub fn lookup_encoding(label: &str) -> Option<&'static Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let l = match l.as_str() {
        "utf8" => "utf-8",
        "utf16" | "utf16le" => "utf-16le",
        "utf16be" => "utf-16be",
        "gb2312" | "cp936" | "gbk" => "gbk",
        "big-5" | "cp950" => "big5",
        other => other,
    };
    Encoding::for_label(l.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn stray_controls_count_the_control_chars(s in "(\\PC|[\\x00-\\x1f\\x7f-\\u{9f}]|\\n|\\t){0,40}") {
            let by_char = s
                .chars()
                .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}'))
                .count();
            proptest::prop_assert_eq!(stray_controls(&s), by_char);
        }
    }

    #[test]
    fn utf8_plain() {
        let (t, e) = decode("政府工作报告".as_bytes(), None).unwrap();
        assert_eq!(t, "政府工作报告");
        assert_eq!(e, "UTF-8");
    }

    #[test]
    fn utf8_bom_is_removed() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("报告".as_bytes());
        assert_eq!(decode(&b, None).unwrap().0, "报告");
    }

    #[test]
    fn gbk_detected() {
        let text = "现在，我代表市人民政府，向大会报告工作，请予审议。一、过去一年的工作回顾";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let (t, e) = decode(&bytes, None).unwrap();
        assert_eq!(t, text);
        assert!(e == "GBK" || e == "gb18030", "{e}");
    }

    #[test]
    fn gbk_cut_inside_a_character_still_detected() {
        let text = "现在，我代表市人民政府，向大会报告工作，请予审议。一、过去一年的工作回顾";
        let (bytes, _, _) = encoding_rs::GBK.encode(text);
        let (t, e) = decode(&bytes[..bytes.len() - 1], None).unwrap();
        assert!(e == "GBK" || e == "gb18030", "{e}");
        assert!(t.starts_with("现在，我代表市人民政府"), "{t}");
    }

    #[test]
    fn big5_detected() {
        let text =
            "現在，我代表市人民政府，向大會報告工作，請予審議。堅持產業第一、製造業立市，加快構建現代化產業體系。";
        let (bytes, _, _) = encoding_rs::BIG5.encode(text);
        let (t, e) = decode(&bytes, None).unwrap();
        assert_eq!(e, "Big5");
        assert_eq!(t, text);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "各位代表：现在我代表国务院作报告。";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(decode(&bom, None).unwrap().0, text);
        let ascii_le: Vec<u8> = "Report 2024: growth 5%\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&ascii_le, None).unwrap().1, "UTF-16LE");
    }

    #[test]
    fn chinese_utf16_without_bom_has_few_nuls_but_is_recognised() {
        let text =
            "政府工作报告\n各位代表：现在，我代表市人民政府，向大会报告工作，请予审议。\n一、过去一年的工作回顾\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le, None).unwrap(), (text.to_string(), "UTF-16LE"));
        assert_eq!(decode(&be, None).unwrap(), (text.to_string(), "UTF-16BE"));
    }

    #[test]
    fn nul_bytes_rejected_with_or_without_bom() {
        let mut bytes = "政府工作报告\0\0正文".as_bytes().to_vec();
        assert!(decode(&bytes, None).unwrap_err().contains("NUL"));
        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
        assert!(decode(&bytes, None).unwrap_err().contains("NUL"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("报告\0\0正文".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert!(decode(&utf16, None).unwrap_err().contains("NUL"));
    }

    #[test]
    fn binary_rejected() {
        let bytes: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert!(decode(&bytes, None).is_err());
    }

    #[test]
    fn forced_encoding_and_unknown_label() {
        let (bytes, _, _) = encoding_rs::GBK.encode("报告");
        assert_eq!(decode(&bytes, Some("gb2312")).unwrap().0, "报告");
        assert!(decode(&bytes, Some("klingon"))
            .unwrap_err()
            .contains("unknown encoding"));
    }
}
