//! Properties of the foundation stages on arbitrary and mangled input:
//! normalization is idempotent and keeps an exact origin map, no input makes
//! decode → split → normalize → meta → outline panic, and every outline is
//! well formed.
//!
//! Case counts are small so `cargo test` stays fast; set
//! `REPORTDIFF_LONG_PROPTEST=1` for a long run (100,000 cases per property).

use crate::common;

use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use reportdiff::read::document::{self, LoadOptions};
use reportdiff::read::normalize::normalize;
use reportdiff::read::outline::{outline, Section};
use reportdiff::read::source::{decode, SourceText};
use reportdiff::render::outline as outline_render;
use std::sync::OnceLock;

/// `cases` normally; 100,000 when `REPORTDIFF_LONG_PROPTEST=1`.
fn config(cases: u32) -> ProptestConfig {
    let long = std::env::var("REPORTDIFF_LONG_PROPTEST").is_ok_and(|v| v == "1");
    // PROPTEST_CASES sets every property's count (a long run of a chosen size).
    let chosen = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok());
    ProptestConfig {
        // Persisted failures would land in tests/; shrunk cases are printed instead.
        failure_persistence: None,
        ..ProptestConfig::with_cases(chosen.unwrap_or(if long { 100_000 } else { cases }))
    }
}

/// Pieces of text that exercise one rule of the normalizer or the outline each.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\u{2028}",
    " ",
    "  ",
    "\t",
    "\u{3000}",
    "\u{3000}\u{3000}",
    "\u{00A0}",
    "\u{200B}",
    "\u{200D}",
    "\u{2060}",
    "\u{FEFF}",
    "\u{00AD}",
    "\u{FFFD}",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "。",
    ",",
    "，",
    ";",
    "：",
    "!",
    "！",
    "“",
    "”",
    "(",
    ")",
    "（",
    "）",
    "、",
    "—",
    "——",
    "《",
    "》",
    "现代化",
    "经济发展",
    "各位代表",
    "各位代表!",
    "各位代表：",
    "现在，我代表市人民政府，向大会报告工作，请予审议。",
    "加快推进新型工业化。围绕先进制造业强市建设出台政策,动工建设。",
    "现(xiàn)",
    "現(xiàn)",
    "經(jīng)濟",
    "發(fā)展",
    "(xiàn)",
    "(ǎ)",
    "xiàn)",
    "現((xiàn)",
    "國務院",
    "們這個來為國會說時對學發經過與點當還",
    "乾隆",
    "著",
    "来源:x",
    "来源：广州日报",
    "來源:x",
    "首页 > a",
    "首页 > 信息中心 > 头条要闻",
    "首页>",
    "原标题:",
    "原标题:坚定不移推动高质量发展",
    "2025-07-08",
    "2025-07-0",
    "8",
    "2025/07/08 10:31",
    "我要",
    "回帖",
    "我要回帖",
    "-",
    "Copyright",
    "本作品是",
    "中华人民共和国的",
    "本作品是中华人民共和国的",
    "本作品是中華人民共和國的",
    "ＧＤＰ",
    "５．５％",
    "０１２３４５６７８９",
    "Ａ",
    "ｚ",
    "～",
    "工作回顾",
    "2024年工作回顾",
    "2025年政府工作报告",
    "政府工作报告",
    "——2025年2月20日在广州市第十六届人民代表大会第五次会议上",
    "【广州招商】2019年甲镇政府工作报告",
    "广州市",
    "天津",
    "x",
    "GDP",
    "😀",
    "\u{20000}",
    "\u{0301}",
];

/// Section markers of every style, and near misses.
const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "十二、",
    "一百、",
    "四分之一、",
    "第一,",
    "第二、",
    "(一)",
    "（二）",
    "(三)",
    "(十一)",
    "1.",
    "2、",
    "3 ",
    "10.",
    "1.5%",
    "1 坚持",
    "(1)",
    "(2)",
    "(58)",
    "(1234)",
    "专栏一",
    "专栏二",
    "专栏",
    "一",
    "二",
    "各位代表!",
];

/// A string assembled from fragments, CJK and full-width runs and arbitrary chars.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => proptest::sample::select(MARKERS).prop_map(str::to_string),
        2 => "[\u{4E00}-\u{9FFF}]{1,12}",
        1 => "[\u{FF01}-\u{FF5E}\u{3000}-\u{303F}]{1,6}",
        1 => "[\u{2000}-\u{206F}\u{FE00}-\u{FEFF}]{1,3}",
        1 => any::<String>(),
        1 => "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü()]{1,8}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Any string: arbitrary Unicode or the biased mixture.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![1 => any::<String>(), 3 => messy_text()]
}

fn check_normalize(s: &str, base: usize) -> Result<(), TestCaseError> {
    let once = normalize(s, base);
    let n_chars = once.text.chars().count();
    prop_assert_eq!(once.origin.len(), n_chars, "one origin per output char");
    let origins: Vec<usize> = once.origin.iter().collect();
    prop_assert_eq!(origins.len(), n_chars, "one origin per output char");
    for (i, &o) in origins.iter().enumerate() {
        prop_assert_eq!(once.origin.get(i), Some(o), "lookup and walk disagree");
    }
    let len = s.chars().count();
    for &o in &origins {
        prop_assert!(
            (base..base + len).contains(&o),
            "origin {} outside the input [{}, {})",
            o,
            base,
            base + len
        );
    }
    prop_assert!(origins.windows(2).all(|w| w[0] <= w[1]), "origins go backwards");
    prop_assert!(!once.text.starts_with('\n') && !once.text.ends_with('\n'));
    prop_assert!(!once.text.contains("\n\n"), "no empty lines");
    prop_assert!(!once.text.contains("  "), "space runs collapsed");
    prop_assert!(
        !once
            .text
            .chars()
            .any(|c| matches!(c, '\r' | '\u{200B}' | '\u{FEFF}' | '\u{3000}' | '\u{FF01}'..='\u{FF5E}')),
        "{:?}",
        once.text
    );
    let twice = normalize(&once.text, 0);
    prop_assert_eq!(&twice.text, &once.text, "normalize is not idempotent on {:?}", s);
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn normalize_is_idempotent_with_exact_origins(s in any_text(), base in 0usize..1000) {
        check_normalize(&s, base)?;
    }

    #[test]
    fn normalize_line_structure_is_idempotent(
        lines in proptest::collection::vec(messy_text(), 0..12),
        sep in proptest::sample::select(vec!["\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n"]),
    ) {
        check_normalize(&lines.join(sep), 0)?;
    }
}

/// Outline invariants: sorted by start, extents inside the text, levels from 1.
fn check_outline(text: &str, sections: &[Section]) -> Result<(), TestCaseError> {
    let len = text.chars().count();
    for w in sections.windows(2) {
        prop_assert!(w[0].start <= w[1].start, "not sorted: {:?}", sections);
    }
    for s in sections {
        prop_assert!(s.start <= s.end && s.end <= len, "bad extent {:?} in {} chars", s, len);
        prop_assert!(s.level >= 1, "level 0: {:?}", s);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn outline_of_arbitrary_text_is_well_formed(s in any_text()) {
        check_outline(&s, &outline(&s))?;
    }

    #[test]
    fn outline_of_normalized_text_is_well_formed(s in any_text()) {
        let n = normalize(&s, 0);
        check_outline(&n.text, &outline(&n.text))?;
    }

    #[test]
    fn outline_of_heading_soup_is_well_formed(
        parts in proptest::collection::vec(
            (proptest::sample::select(MARKERS), "[\u{4E00}-\u{9FFF}。 ]{0,30}", proptest::sample::select(vec!["\n", " ", "。", ""])),
            0..80,
        )
    ) {
        let text: String = parts.iter().map(|(m, body, sep)| format!("{m}{body}{sep}")).collect();
        check_outline(&text, &outline(&text))?;
    }
}

/// Runs decode and, if it succeeds, the whole analysis of every report, checking
/// what every report must satisfy.
fn check_pipeline(bytes: &[u8], path: &str) -> Result<(), TestCaseError> {
    let Ok((text, encoding)) = decode(bytes, None) else {
        return Ok(());
    };
    let src = SourceText {
        path: path.to_string(),
        text,
        encoding,
    };
    let total = src.text.chars().count();
    let reports = document::reports_of(&src, &LoadOptions::default());
    prop_assert!(!reports.is_empty(), "every text gives at least one piece");
    let mut previous_end = 0;
    for r in &reports {
        prop_assert!(previous_end <= r.char_start && r.char_start <= r.char_end && r.char_end <= total);
        previous_end = r.char_end;
        prop_assert_eq!(r.normalized.origin.len(), r.text().chars().count());
        for o in r.normalized.origin.iter() {
            prop_assert!((r.char_start..r.char_end).contains(&o));
        }
        check_outline(r.text(), &r.sections)?;
        for s in &r.sections {
            prop_assert!(r.file_offset(s.start) <= r.file_offset(s.end), "{:?}", s);
        }
    }
    // What `outline` and `split` print: every renderer takes every report.
    let json: serde_json::Value = serde_json::from_str(&outline_render::json(&reports, true)).expect("valid JSON");
    prop_assert_eq!(json["reports"].as_array().map(Vec::len), Some(reports.len()));
    for leads in [false, true] {
        outline_render::terminal(&reports, leads);
        outline_render::markdown(&reports, leads);
    }
    outline_render::split_terminal(&reports);
    outline_render::split_markdown(&reports);
    Ok(())
}

/// The real inputs: the seeds and a few national reports.
fn real_inputs() -> &'static [Vec<u8>] {
    static INPUTS: OnceLock<Vec<Vec<u8>>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(common::root().join("../shared/seeds"))
            .expect("seeds folder")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for year in ["1957", "2013"] {
            paths.push(common::root().join(format!("../shared/corpus/national/{year}.txt")));
        }
        paths.iter().map(|p| std::fs::read(p).expect("real input")).collect()
    })
}

/// A way to damage a real file.
#[derive(Debug, Clone)]
enum Mutation {
    /// Set the byte at (fraction of the length) to a value.
    Flip(f64, u8),
    /// Keep only the first (fraction) of the bytes.
    Truncate(f64),
    /// Keep the bytes from (fraction) on.
    DropHead(f64),
    /// Duplicate the line at (fraction of the line count) `n` times.
    DuplicateLine(f64, usize),
    /// Swap two lines.
    SwapLines(f64, f64),
    /// Put all lines in a random order (seeded).
    ShuffleLines(u64),
    /// Insert bytes at (fraction).
    Insert(f64, Vec<u8>),
    /// Join all lines into one (a one-line scrape).
    JoinLines,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let frac = 0.0..1.0f64;
    prop_oneof![
        4 => (frac.clone(), any::<u8>()).prop_map(|(f, b)| Mutation::Flip(f, b)),
        2 => frac.clone().prop_map(Mutation::Truncate),
        1 => frac.clone().prop_map(Mutation::DropHead),
        2 => (frac.clone(), 1usize..50).prop_map(|(f, n)| Mutation::DuplicateLine(f, n)),
        2 => (frac.clone(), frac.clone()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => any::<u64>().prop_map(Mutation::ShuffleLines),
        2 => (frac.clone(), proptest::collection::vec(any::<u8>(), 1..16)).prop_map(|(f, b)| Mutation::Insert(f, b)),
        1 => Just(Mutation::JoinLines),
    ]
}

fn at(f: f64, len: usize) -> usize {
    ((f * len as f64) as usize).min(len)
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip(f, b) => {
            if len > 0 {
                let i = at(*f, len - 1);
                bytes[i] = *b;
            }
        }
        Mutation::Truncate(f) => bytes.truncate(at(*f, len)),
        Mutation::DropHead(f) => {
            bytes.drain(..at(*f, len));
        }
        Mutation::Insert(f, ins) => {
            let i = at(*f, len);
            bytes.splice(i..i, ins.iter().copied());
        }
        Mutation::DuplicateLine(..) | Mutation::SwapLines(..) | Mutation::ShuffleLines(..) | Mutation::JoinLines => {
            let mut lines: Vec<Vec<u8>> = bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let n = lines.len();
            match m {
                Mutation::DuplicateLine(f, k) => {
                    let i = at(*f, n - 1);
                    let line = lines[i].clone();
                    for _ in 0..*k {
                        lines.insert(i, line.clone());
                    }
                }
                Mutation::SwapLines(a, b) => lines.swap(at(*a, n - 1), at(*b, n - 1)),
                Mutation::ShuffleLines(seed) => {
                    // Fisher–Yates with a small LCG: reproducible from the seed.
                    let mut state = *seed | 1;
                    for i in (1..n).rev() {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        lines.swap(i, (state >> 33) as usize % (i + 1));
                    }
                }
                _ => {
                    *bytes = lines.join(&b' ');
                    return;
                }
            }
            *bytes = lines.join(&b'\n');
        }
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn no_panic_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        check_pipeline(&bytes, "bytes.txt")?;
    }

    #[test]
    fn no_panic_on_arbitrary_text_as_utf8(s in any_text()) {
        check_pipeline(s.as_bytes(), "2025.txt")?;
    }

    #[test]
    fn no_panic_on_mutated_seeds(
        which in any::<proptest::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let inputs = real_inputs();
        let mut bytes = inputs[which.index(inputs.len())].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        check_pipeline(&bytes, "mutated.txt")?;
    }
}

#[test]
fn real_inputs_pass_the_pipeline_checks_unmutated() {
    for bytes in real_inputs() {
        let (text, _) = decode(bytes, None).expect("real inputs decode");
        check_normalize(&text, 0).unwrap();
        check_pipeline(bytes, "real.txt").unwrap();
    }
}

/// Traditional script is recognised by its share of the text; text that is
/// dropped (boilerplate, everything after the licence footer) must not dilute
/// that share, or a second pass over the kept text converts what the first kept.
#[test]
fn script_decision_ignores_dropped_lines() {
    let simplified_furniture: String = (0..12)
        .map(|i| format!("来源:{}{i}\n", "广州日报社新闻中心信息发布平台网站编辑部".repeat(3)))
        .collect();
    let footer = format!("本作品是中华人民共和国的法律{}", "中央人民政府发布的文件".repeat(80));
    for s in [format!("{simplified_furniture}們這個。"), format!("們這個。\n{footer}")] {
        check_normalize(&s, 0).unwrap();
        assert_eq!(normalize(&s, 0).text, "们这个。", "{s}");
    }
}
