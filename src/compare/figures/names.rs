//! The pairing key of an indicator: its name with spaces, quote marks and scope
//! words removed and known synonyms and abbreviations written one way, so
//! `规上工业增加值增长` pairs with `规模以上工业增加值增长` and `GDP增长` with
//! `地区生产总值增长`. The tables are data: add a row, not a rule.

/// Scope words opening a name (`全市地区生产总值`): ignored.
const SCOPES: &[&str] = &["全市", "全省", "全区", "全州", "全县", "全国", "我市", "我省", "本市"];

/// Words closing a name that belong to the number (`城镇新增就业超`, `…力争`): ignored.
const TRAILING: &[&str] = &["力争", "超", "近"];

/// Written forms and the one form the key uses, applied in order as substrings.
const SYNONYMS: &[(&str, &str)] = &[
    ("规上", "规模以上"),
    ("居民消费价格指数涨幅", "居民消费价格涨幅"),
    ("居民消费价格总水平涨幅", "居民消费价格涨幅"),
    ("居民消费价格总水平", "居民消费价格涨幅"),
    ("居民消费价格指数", "居民消费价格涨幅"),
    ("地区生产总值", "生产总值"),
    ("国内生产总值", "生产总值"),
    ("GDP", "生产总值"),
    ("公共财政预算收入", "一般公共预算收入"),
    ("地方一般公共预算收入", "一般公共预算收入"),
    ("外贸进出口总额", "进出口总额"),
    ("商品进出口总值", "进出口总额"),
    ("进出口总值", "进出口总额"),
    ("研发经费投入强度", "研发投入强度"),
];

/// The key figures are paired by: the indicator without spaces, quote marks,
/// scope words and trailing `力争`/`超`/`近`, synonyms written one way.
pub fn key(indicator: &str) -> String {
    let mut k: String = indicator
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」'))
        .collect();
    while let Some(rest) = SCOPES.iter().find_map(|s| k.strip_prefix(s)) {
        k = rest.to_string();
    }
    while let Some(rest) = TRAILING.iter().find_map(|s| k.strip_suffix(s)) {
        k = rest.to_string();
    }
    for (from, to) in SYNONYMS {
        if k.contains(from) {
            k = k.replace(from, to);
        }
    }
    k
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn synonyms_scopes_and_abbreviations() {
        assert_eq!(key("规上工业增加值增长"), key("规模以上工业增加值增长"));
        assert_eq!(key("居民消费价格指数涨幅"), key("居民消费价格涨幅"));
        assert_eq!(key("居民消费价格总水平涨幅"), key("居民消费价格涨幅"));
        assert_eq!(key("全市地区生产总值增长"), key("GDP增长"));
        assert_eq!(key("城镇新增就业超"), key("城镇新增就业"));
        assert_eq!(key("“赤字率”"), "赤字率");
        // Different statistics stay apart.
        assert_ne!(key("城镇调查失业率"), key("城镇登记失业率"));
        assert_ne!(key("生产总值"), key("生产总值增长"));
    }
}
