//! The jurisdiction of a report: the title, the congress line, the speaker
//! line, the national markers, and the most-named division of the level the
//! text speaks as, each name checked against the gazetteer.

use crate::read::gazetteer::{short_name, Gazetteer, Level};

const PLACE_SUFFIXES: &[char] = &['省', '市', '区', '县', '镇', '乡', '州', '盟', '旗'];

/// A place name as written, checked: the gazetteer's official name when it
/// knows it (`凉山州` → `凉山彝族自治州`), the name as written when it is below
/// the gazetteer's levels (`增城区中新镇`), nothing when it is not a name
/// (`自治州`, `第十四届`).
fn place(written: &str) -> Option<String> {
    let s = written.trim();
    let n = s.chars().count();
    if !(2..=16).contains(&n) || !s.chars().all(crate::text::is_cjk) {
        return None;
    }
    if let Some(d) = Gazetteer::global().resolve(s) {
        return Some(d.name);
    }
    let base = s.trim_end_matches(PLACE_SUFFIXES);
    let generic = base.chars().count() < 2
        || base.ends_with("自治")
        || base.contains(['第', '届'])
        || ["本", "全", "我", "该"].iter().any(|p| base.starts_with(p));
    (s.ends_with(PLACE_SUFFIXES) && !generic).then(|| s.to_string())
}

/// `2019年增城区中新镇政府工作报告` → `增城区中新镇`;
/// `中共广州市委关于制定…` → `广州市`.
pub(super) fn jurisdiction_in_title(title: &str) -> Option<String> {
    if let Some(rest) = title.strip_prefix("中共") {
        if let Some(i) = rest.find("委") {
            return place(&rest[..i]);
        }
    }
    let end = ["人民政府工作报告", "政府工作报告", "人民政府", "工作报告"]
        .iter()
        .find_map(|k| title.find(k))?;
    let before = &title[..end];
    let start = before.rfind('年').map_or(0, |i| i + '年'.len_utf8());
    place(&before[start..])
}

/// The congress line (`在七台河市第十一届人民代表大会`), then the speaker line
/// (`我代表中新镇人民政府`, `凉山州人民政府州长 某某`); `我代表国务院` →
/// `国务院`.
pub(super) fn jurisdiction_in_body(head: &str) -> Option<String> {
    // The national markers only count in the opening: a local report may cite
    // the 全国人民代表大会 further on.
    let opening: String = head.chars().take(600).collect();
    if [
        "我代表国务院",
        "我代表中央人民政府",
        "国务院决定由我",
        "届全国人民代表大会",
    ]
    .iter()
    .any(|k| opening.contains(k))
    {
        return Some("国务院".to_string());
    }
    if let Some(p) = congress_place(head) {
        return Some(p);
    }
    if ["我国各族人民", "全国各族人民", "受中共中央和国务院"]
        .iter()
        .any(|k| opening.contains(k))
    {
        return Some("国务院".to_string());
    }
    for (i, _) in head.match_indices("人民政府") {
        let b = &head[..i];
        let start = b
            .rfind(['代', '表', '\n', ' ', ',', '。', ')'])
            .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
        if let Some(p) = place(&b[start..]) {
            return Some(p);
        }
    }
    None
}

/// The place of the congress the report is delivered to
/// (`在七台河市第十一届人民代表大会` → `七台河市`).
pub(super) fn congress_place(head: &str) -> Option<String> {
    head.match_indices("届人民代表大会").find_map(|(i, _)| {
        let before = &head[..i];
        let b = &before[..before.rfind('第')?];
        let start = b
            .rfind(['在', '\n', ' ', ')', '—', '日'])
            .map_or(0, |k| k + b[k..].chars().next().map_or(1, char::len_utf8));
        place(&b[start..])
    })
}

/// The most-named division (at least three times, by its name without suffix:
/// `天津` counts for 天津市) of the level the text speaks as: a text that says
/// `全市`/`我市` more than `全省`/`我省` is a city's, and a city's report is
/// never given its province.
pub(super) fn most_frequent_place(text: &str) -> Option<String> {
    let count = |words: &[&str]| words.iter().map(|w| text.matches(w).count()).sum::<usize>();
    let city = count(&["全市", "我市", "本市", "市委", "市政府"]);
    let province = count(&["全省", "我省", "本省", "省委", "省政府"]);
    let region = count(&["特区政府", "本港", "全港", "本澳", "全澳"]);
    let g = Gazetteer::global();
    let candidates: Vec<&str> = if region > city.max(province) {
        g.names_at(Level::Province)
            .filter(|n| n.ends_with("特别行政区"))
            .collect()
    } else if province > city {
        g.names_at(Level::Province).collect()
    } else if city > 0 {
        g.names_at(Level::Prefecture)
            .chain(g.names_at(Level::Province).filter(|n| n.ends_with('市')))
            .collect()
    } else {
        return None;
    };
    candidates
        .into_iter()
        .filter_map(|p| {
            let short = short_name(p)?;
            let short: String = short.chars().take(2).collect();
            Some((mentions(text, p, &short)?, p))
        })
        .filter(|&(n, _)| n >= 3)
        .max_by_key(|&(n, p)| (n, std::cmp::Reverse(p)))
        .map(|(_, p)| p.to_string())
}

/// Different chars after a short name that make it a mention without the full name.
const MIN_DISTINCT_CONTEXTS: usize = 3;

/// How often a text names the division `name` by its `short` form, when it
/// names it at least once in full (or with its suffix kind, `长治市`):
/// `长治久安` and `上海合作组织` alone are no mention of 长治市 or 上海市.
/// A news dateline (`新华社北京3月5日电`) is where the story was filed, no mention.
fn mentions(text: &str, name: &str, short: &str) -> Option<usize> {
    let suffix = name.chars().last()?;
    let named = text.contains(name)
        || text.contains(&format!("{short}{suffix}"))
        || (name.ends_with("特别行政区") && text.contains(&format!("{short}特区")));
    // A text that never writes the full name still names the place when the
    // short form stands in several different phrases (`廣州將`, `廣州路徑`,
    // `廣州實驗室`); a word that merely contains it repeats one phrase
    // (`长治久安`, `上海合作组织`).
    let mut next: Vec<char> = text
        .match_indices(short)
        .filter_map(|(at, _)| text[at + short.len()..].chars().next())
        .collect();
    next.sort_unstable();
    next.dedup();
    if !named && next.len() < MIN_DISTINCT_CONTEXTS {
        return None;
    }
    let datelines = text.matches(&format!("社{short}")).count();
    Some(text.matches(short).count().saturating_sub(datelines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jurisdictions() {
        assert_eq!(
            jurisdiction_in_title("2019年增城区中新镇政府工作报告").as_deref(),
            Some("增城区中新镇")
        );
        assert_eq!(jurisdiction_in_title("广州市政府工作报告").as_deref(), Some("广州市"));
        assert_eq!(jurisdiction_in_title("政府工作报告"), None);
        assert_eq!(jurisdiction_in_title("2026年自治州政府工作报告"), None);
        assert_eq!(
            jurisdiction_in_title("黔南州政府工作报告(2025年1月8日 向承强)").as_deref(),
            Some("黔南布依族苗族自治州")
        );
        assert_eq!(
            jurisdiction_in_body("——2022年1月11日在肇庆市第十四届人民代表大会").as_deref(),
            Some("肇庆市")
        );
        assert_eq!(
            jurisdiction_in_body("2026年1月13日在克孜勒苏柯尔克孜自治州第十五届人民代表大会").as_deref(),
            Some("克孜勒苏柯尔克孜自治州")
        );
        assert_eq!(jurisdiction_in_body("在自治州第十四届人民代表大会"), None);
        assert_eq!(
            jurisdiction_in_body("凉山州人民政府州长 某某\n各位代表:").as_deref(),
            Some("凉山彝族自治州")
        );
        assert_eq!(
            jurisdiction_in_body("现在,我代表国务院,向大会报告").as_deref(),
            Some("国务院")
        );
        // A place is counted when the text names it in full once.
        let body = "我代表天津市人民政府。天津发展,天津港,天津故事,全市服务,服务业,服务";
        assert_eq!(most_frequent_place(body).as_deref(), Some("天津市"));
    }

    #[test]
    fn a_name_inside_a_word_is_no_place() {
        // 长治久安 (Tibet), 上海合作组织: no mention of 长治市 or 上海市.
        let body =
            "全市维护长治久安,长治久安,长治久安,参与上海合作组织,上海合作组织,上海合作组织,拉萨市发展,拉萨,拉萨,市委";
        assert_eq!(most_frequent_place(body).as_deref(), Some("拉萨市"));
        // A dateline names where the story was filed.
        let news = "新华社北京3月5日电 全市,新华社北京,新华社北京,新华社北京,西安市,西安,西安";
        assert_eq!(most_frequent_place(news).as_deref(), Some("西安市"));
    }

    #[test]
    fn hong_kong_policy_address() {
        let body = "施政报告。本港经济,香港特区政府,特区政府,香港发展,香港创新,深圳合作,全港市民";
        assert_eq!(most_frequent_place(body).as_deref(), Some("香港特别行政区"));
    }

    #[test]
    fn a_city_is_not_given_its_province() {
        let body =
            "在省委、省政府和市委的领导下,全市人民。辽宁振兴,辽宁全面振兴,辽宁发展。丹东港,丹东边境,丹东市场,我市,全市";
        assert_eq!(most_frequent_place(body).as_deref(), Some("丹东市"));
    }
}
