//! The indicator a figure measures: the noun phrase before the number, read
//! backwards through the linking verb (`国内生产总值增长`, `城镇新增就业`).

/// Linking verbs between indicator and number, longest first. The bool says
/// whether the verb makes the figure a change (part of the indicator's name).
const VERBS: &[(&str, bool)] = &[
    ("提高到", false),
    ("下降到", false),
    ("降低到", false),
    ("增长到", false),
    ("增加到", false),
    ("减少到", false),
    ("控制在", false),
    ("保持在", false),
    ("稳定在", false),
    ("不低于", false),
    ("不超过", false),
    ("不少于", false),
    ("拟按", false),
    ("定为", false),
    ("达到", false),
    ("突破", false),
    ("超过", false),
    ("低于", false),
    ("高于", false),
    ("增至", false),
    ("提高", true),
    ("下降", true),
    ("降低", true),
    ("增长", true),
    ("上涨", true),
    ("增加", true),
    ("减少", true),
    ("回落到", false),
    ("提升到", false),
    ("提升至", false),
    ("提高至", false),
    ("提升", true),
    ("超", false),
    ("逾", false),
    ("近", false),
    ("达", false),
    ("在", false),
    ("为", false),
    ("约", false),
];

/// Words that open a clause without being part of the indicator.
const LEADING_FILLERS: &[&str] = &[
    "初步核算",
    "拟安排",
    "拟",
    "今年",
    "全年",
    "去年",
    "明年",
    "其中",
    "力争",
    "预计",
    "确保",
    "实现",
    "全市",
    "全省",
    "全区",
    "全国",
    "我国",
    "我市",
    "我省",
    "累计",
    "计划",
    "完成",
    "全州",
    "全县",
    "我州",
    "本市",
    "比上年",
    "同比",
    "分别",
    "并",
    "和",
    "及",
    "要",
    "将",
    "把",
    "提出",
    "争取",
    "推动",
];

/// Modifiers that leave a clause without its own noun (`年均增长6%`).
const MODIFIERS: &[&str] = &[
    "年均",
    "平均",
    "比上年",
    "同比",
    "分别",
    "实际",
    "名义",
    "可比",
    "现价",
    "计划",
    "预定",
];

/// Nouns that stand for the indicator before them (`地区生产总值增长6%，总量突破8100亿元`).
const STAND_INS: &[&str] = &["总量", "经济总量"];

/// Words a `分别` list folds into one noun: each stands for the items in order
/// (`城乡居民人均可支配收入分别增长9%、10%` → 城镇…, 农村…).
const FOLDED: &[(&str, &[&str])] = &[
    ("城乡", &["城镇", "农村"]),
    ("存贷款", &["存款", "贷款"]),
    ("进出口", &["进口", "出口"]),
];

/// Indicators longer than this (in chars) are run-on text, not a name.
/// Long official names exist (`全社会研发经费支出相当于全市生产总值的比例`, 21).
const MAX_INDICATOR_CHARS: usize = 30;

/// The indicator nouns, the verb and whether the verb names a change, from the
/// text before a number; `previous` is the noun of the figure before (for a
/// clause with only a verb).
pub(super) fn indicator_of(head: &str, previous: Option<&str>) -> Option<(Vec<String>, String, bool)> {
    let head = head.trim().trim_start_matches('、').trim_start_matches(['和', '及']);
    let (noun, verb, change) = split_verb(head);
    let noun = strip_fillers(noun);
    let noun = MODIFIERS.iter().fold(noun, |n, m| n.trim_end_matches(m));
    let (verb, change) = (verb.to_string(), change);
    if noun.is_empty()
        || MODIFIERS.contains(&noun)
        || all_fillers(noun)
        || (STAND_INS.contains(&noun) && previous.is_some())
    {
        let p = previous?;
        return Some((vec![p.to_string()], verb, change));
    }
    let name_like = |n: &str| {
        let chars = n.chars().count();
        (2..=MAX_INDICATOR_CHARS).contains(&chars)
            && n.chars().all(|c| crate::text::is_cjk(c) || c.is_ascii_uppercase())
            && !n.ends_with('的')
            && !n.contains("关于")
    };
    let parts: Vec<&str> = noun.split('、').collect();
    let nouns: Vec<String> = if parts.len() > 1 && parts.iter().all(|p| p.chars().count() >= 4) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![noun.replace('、', "")]
    };
    if !nouns.iter().all(|n| name_like(n)) {
        return None;
    }
    Some((nouns, verb, change))
}

/// The nouns, verb and change flag of a `分别` clause with `n` numbers:
/// the items of its noun (`城镇和农村居民人均可支配收入`, `城乡…`, `存贷款…`),
/// else the last `n` levels stated before in the sentence (`财政总收入85.4亿元，
/// 财政总支出111.6亿元，分别增长18.3%和11.7%`).
pub(super) fn respectively(head: &str, n: usize, levels: &[String]) -> Option<(Vec<String>, String, bool)> {
    if let Some((nouns, verb, change)) = indicator_of(head, None) {
        let items = match nouns.as_slice() {
            [one] => items_of(one),
            _ => nouns,
        };
        return (items.len() == n || (n == 1 && items.len() > 1)).then_some((items, verb, change));
    }
    let (_, verb, change) = split_verb(head.trim());
    (levels.len() >= n && n > 1).then(|| (levels[levels.len() - n..].to_vec(), verb.to_string(), change))
}

/// The items a noun names together: `城镇和农村居民人均可支配收入` → 城镇居民…,
/// 农村居民…; `城乡…`, `存贷款…` unfolded.
fn items_of(noun: &str) -> Vec<String> {
    for (folded, items) in FOLDED {
        if noun.contains(folded) {
            return items.iter().map(|i| noun.replacen(folded, i, 1)).collect();
        }
    }
    let parts: Vec<&str> = noun.split(['和', '、']).collect();
    let Some(last) = parts.last().filter(|_| parts.len() > 1) else {
        return vec![noun.to_string()];
    };
    parts
        .iter()
        .map(|p| {
            let len = p.chars().count();
            if len < 4 && last.chars().count() > len {
                format!("{p}{}", last.chars().skip(len).collect::<String>())
            } else {
                p.to_string()
            }
        })
        .collect()
}

/// True when `head` is a linking verb with only fillers and modifiers before it
/// (`实际增长`, `分别增长`).
pub(super) fn verb_only(head: &str) -> bool {
    let (noun, verb, _) = split_verb(head.trim().trim_start_matches('、'));
    let noun = strip_fillers(noun);
    !verb.is_empty() && (noun.is_empty() || MODIFIERS.contains(&noun) || all_fillers(noun))
}

/// Splits the linking verb off the end of `head`: (noun, verb, names a change).
fn split_verb(head: &str) -> (&str, &str, bool) {
    for &(v, change) in VERBS {
        if let Some(noun) = head.strip_suffix(v) {
            return (strip_target_words(noun), v, change);
        }
    }
    (strip_target_words(head), "", false)
}

/// Removes a closing `预期目标为` (`国内生产总值预期目标为增长5%左右`).
fn strip_target_words(noun: &str) -> &str {
    [
        "预期目标为",
        "预期目标是",
        "预期目标定为",
        "预期目标",
        "目标为",
        "目标是",
        "预期",
        "为",
    ]
    .iter()
    .find_map(|w| noun.strip_suffix(w))
    .unwrap_or(noun)
}

/// Removes opening fillers (`今年`, `2024年`, `其中`…), repeatedly.
fn strip_fillers(mut s: &str) -> &str {
    loop {
        let before = s;
        for f in LEADING_FILLERS {
            s = s.strip_prefix(f).unwrap_or(s);
        }
        s = strip_year(s);
        if s == before {
            return s;
        }
    }
}

/// Removes a leading `2024年` (or `5年`, `1-11月`-free year spans).
fn strip_year(s: &str) -> &str {
    // Digits, or digits spaced out by a scrape (`1 9 9 7 年`).
    let digits = s.find(|c: char| !c.is_ascii_digit() && c != ' ').unwrap_or(s.len());
    if s[..digits].trim().chars().any(|c| c.is_ascii_digit()) {
        if let Some(rest) = s[digits..].strip_prefix('年') {
            return rest;
        }
    }
    s
}

/// True when `s` is only fillers and modifiers.
fn all_fillers(s: &str) -> bool {
    let mut rest = s;
    while !rest.is_empty() {
        let Some(w) = LEADING_FILLERS.iter().chain(MODIFIERS).find(|w| rest.starts_with(*w)) else {
            return false;
        };
        rest = &rest[w.len()..];
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_and_verbs_before_the_number() {
        assert_eq!(strip_fillers("其中2024年全市地区生产总值"), "地区生产总值");
        assert_eq!(
            indicator_of("国内生产总值增长", None),
            Some((vec!["国内生产总值".to_string()], "增长".to_string(), true))
        );
        // A clause with only a verb takes the noun of the figure before it.
        assert_eq!(
            indicator_of("、增长", Some("地区生产总值")),
            Some((vec!["地区生产总值".to_string()], "增长".to_string(), true))
        );
        assert_eq!(indicator_of("关于推进工作达到", None), None);
    }

    #[test]
    fn respectively_lists() {
        let items = |h: &str, n: usize| respectively(h, n, &[]).map(|(i, _, _)| i);
        assert_eq!(
            items("城镇和农村居民人均可支配收入分别增长", 2),
            Some(vec![
                "城镇居民人均可支配收入".to_string(),
                "农村居民人均可支配收入".to_string()
            ])
        );
        assert_eq!(
            items("城乡居民人均可支配收入分别增长", 1),
            Some(vec![
                "城镇居民人均可支配收入".to_string(),
                "农村居民人均可支配收入".to_string()
            ])
        );
        assert_eq!(
            items("金融机构存贷款余额分别增长", 2),
            Some(vec!["金融机构存款余额".to_string(), "金融机构贷款余额".to_string()])
        );
        let levels = ["财政总收入".to_string(), "财政总支出".to_string()];
        assert_eq!(
            respectively("分别增长", 2, &levels),
            Some((levels.to_vec(), "增长".to_string(), true))
        );
    }
}
