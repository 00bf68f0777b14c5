//! Stage 1, **source**: read bytes and decode them to text.
//!
//! Order of decisions: an explicit `--encoding` wins; then a BOM (UTF-8, UTF-16);
//! then strict UTF-8; then UTF-16 without BOM (recognised by its NUL pattern);
//! then detection with `chardetng` among the legacy encodings (GB18030/GBK, Big5, …).
//! Binary data is an error, never silently decoded.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use std::io::Read;
use std::path::Path;

/// Default upper bound on the size of one input, in bytes.
pub const DEFAULT_MAX_INPUT: u64 = 256 * 1024 * 1024;

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
    let limit = opts.max_size.unwrap_or(DEFAULT_MAX_INPUT);
    let bytes = read_bytes(path, limit)?;
    let (text, encoding) = decode(&bytes, opts.encoding.as_deref()).map_err(|p| Error::input(path, p))?;
    // A saved web page: its main text, parsed with a real HTML parser.
    let text = if crate::read::html_input::is_html(path, &text) {
        crate::read::html_input::extract_text(&text)
    } else {
        text
    };
    Ok(SourceText {
        path: path.to_string(),
        text,
        encoding,
    })
}

fn read_bytes(path: &str, limit: u64) -> Result<Vec<u8>> {
    let too_big = || {
        Error::input(
            path,
            format!("input is larger than the limit of {limit} bytes (see --max-input-size)"),
        )
    };
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| Error::input("<stdin>", format!("cannot read: {e}")))?;
        if buf.len() as u64 > limit {
            return Err(too_big());
        }
        return Ok(buf);
    }
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| Error::input(path, io_problem(&e)))?;
    if meta.is_dir() {
        return Err(Error::input(path, "is a directory, not a file"));
    }
    if meta.len() > limit {
        return Err(too_big());
    }
    let mut buf = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(p)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut buf))
        .map_err(|e| Error::input(path, io_problem(&e)))?;
    if buf.len() as u64 > limit {
        return Err(too_big());
    }
    Ok(buf)
}

fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    }
}

/// Decodes `bytes`, returning the text and the encoding's name, or the problem.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> std::result::Result<(String, &'static str), String> {
    if let Some(label) = forced {
        let enc = lookup_encoding(label).ok_or_else(|| format!("unknown encoding '{label}'"))?;
        let (text, had_errors) = enc.decode_without_bom_handling(strip_bom(bytes, enc));
        if had_errors && replacement_share(&text) > 0.01 {
            return Err(format!("is not valid {} text", enc.name()));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        // A BOM does not make binary data text: same rules as without one.
        if text.contains('\0') {
            return Err(NUL_PROBLEM.to_string());
        }
        return check_text(text.into_owned(), enc.name());
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), enc.name()));
    }
    if bytes.contains(&0) {
        return Err(NUL_PROBLEM.to_string());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return check_text(text.to_string(), "UTF-8");
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Not `last`: a download cut off inside a double-byte character is a prefix of
    // a longer stream, and must not disqualify GBK or Big5 for one missing byte.
    detector.feed(bytes, false);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let enc = if enc == UTF_8 || !is_cjk_legacy(enc) {
        // Mostly-UTF-8 with a few broken bytes, or a non-Chinese guess: UTF-8 with
        // replacement characters is the most faithful reading if damage is small.
        let (text, _) = UTF_8.decode_without_bom_handling(bytes);
        if replacement_share(&text) <= 0.02 {
            return check_text(text.into_owned(), "UTF-8");
        }
        enc
    } else {
        enc
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && replacement_share(&text) > 0.02 {
        return Err(format!(
            "cannot be decoded as text (tried UTF-8 and {}); use --encoding",
            enc.name()
        ));
    }
    check_text(text.into_owned(), enc.name())
}

const NUL_PROBLEM: &str = "looks like binary data (contains NUL bytes), not text";

fn is_cjk_legacy(enc: &'static Encoding) -> bool {
    matches!(
        enc.name(),
        "GBK" | "gb18030" | "Big5" | "EUC-JP" | "Shift_JIS" | "EUC-KR"
    )
}

/// Rejects decoded text that is really binary: many control characters.
fn check_text(text: String, name: &'static str) -> std::result::Result<(String, &'static str), String> {
    let total = text.chars().count().max(1);
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{b}'))
        .count();
    if controls * 20 > total {
        return Err("looks like binary data, not text".to_string());
    }
    Ok((text, name))
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
