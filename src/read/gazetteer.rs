//! China's administrative divisions (provinces, prefecture-level divisions,
//! counties and districts) from `data/divisions.tsv` (National Bureau of
//! Statistics codes; source and licence in `data/README.md`), used to check a
//! jurisdiction read from a report and to give its official full name.
//!
//! A name as written resolves to an official name when it is one, when it is
//! a short form of one (`凉山州` → `凉山彝族自治州`: the same beginning and the
//! same kind of division), or when it starts with one (`中卫市市` → `中卫市`,
//! a typo in a title). A name is never widened to another level: a city never
//! resolves to its province.

/// The names of the data file with their levels, sorted by name, one entry
/// per name at its highest level (written by `build.rs` from the file).
const BY_NAME: &[(&str, Level)] = include!(concat!(env!("OUT_DIR"), "/divisions.rs"));

/// The level of a division, from the length of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// 省, 自治区, 直辖市 (2-digit code).
    Province,
    /// 地级市, 自治州, 地区, 盟 (4-digit code).
    Prefecture,
    /// 市辖区, 县, 县级市, 旗 (6-digit code).
    County,
}

/// One division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Official full name (`凉山彝族自治州`).
    pub name: String,
    /// Its level.
    pub level: Level,
}

/// The divisions by official name (a name may be shared by several counties; one
/// entry per name is enough to check and complete a name).
pub struct Gazetteer {
    /// Sorted by name, one entry per name.
    by_name: &'static [(&'static str, Level)],
}

/// Suffixes that end a division's name, longest first.
const SUFFIXES: &[&str] = &[
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "省",
    "市",
    "州",
    "县",
    "区",
    "盟",
    "旗",
];

/// Names in common use that are no official name or short form of one: the
/// short and traditional names of Hong Kong, Macao and Taiwan.
const ALIASES: &[(&str, &str)] = &[
    ("香港", "香港特别行政区"),
    ("香港特區", "香港特别行政区"),
    ("香港特区", "香港特别行政区"),
    ("香港特別行政區", "香港特别行政区"),
    ("澳门", "澳门特别行政区"),
    ("澳門", "澳门特别行政区"),
    ("澳门特区", "澳门特别行政区"),
    ("澳門特區", "澳门特别行政区"),
    ("澳門特別行政區", "澳门特别行政区"),
    ("台湾", "台湾省"),
    ("台灣", "台湾省"),
    ("臺灣", "台湾省"),
    ("台灣省", "台湾省"),
    ("臺灣省", "台湾省"),
];

impl Gazetteer {
    /// The embedded gazetteer.
    pub fn global() -> &'static Gazetteer {
        static G: Gazetteer = Gazetteer { by_name: BY_NAME };
        &G
    }

    /// The division with this exact official name.
    pub fn get(&self, name: &str) -> Option<Division> {
        let i = self.by_name.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
        Some(Division {
            name: name.to_string(),
            level: self.by_name[i].1,
        })
    }

    /// The official division a name as written stands for, if any (see the
    /// module documentation).
    pub fn resolve(&self, written: &str) -> Option<Division> {
        let written = written.trim();
        if let Some(d) = self.get(written) {
            return Some(d);
        }
        if let Some(&(_, official)) = ALIASES.iter().find(|(alias, _)| *alias == written) {
            return self.get(official);
        }
        self.short_form(written).or_else(|| self.official_prefix(written))
    }

    /// `凉山州` → `凉山彝族自治州`, `伊犁州` → `伊犁哈萨克自治州`: the one official
    /// name that begins with the same characters and ends with the longer form of
    /// the same suffix (`州` → `自治州`, `县` → `自治县`, `旗` → `自治旗`,
    /// `市`/`区` → themselves after a longer name, `巴州`-style one-character
    /// bases included when unique).
    fn short_form(&self, written: &str) -> Option<Division> {
        let (base, long_suffixes): (&str, &[&str]) = if let Some(b) = written.strip_suffix('州') {
            (b, &["自治州"])
        } else if let Some(b) = written.strip_suffix('县') {
            (b, &["自治县"])
        } else if let Some(b) = written.strip_suffix('旗') {
            (b, &["自治旗"])
        } else {
            return None;
        };
        if base.is_empty() || base.ends_with("自治") || !base.chars().all(crate::text::is_cjk) {
            return None;
        }
        let from = self.by_name.partition_point(|(n, _)| *n < base);
        let mut matches = self.by_name[from..]
            .iter()
            .take_while(|(n, _)| n.starts_with(base))
            .filter(|(n, _)| long_suffixes.iter().any(|s| n.ends_with(s)));
        let first = matches.next()?;
        if matches.next().is_some() {
            return None;
        }
        Some(Division {
            name: first.0.to_string(),
            level: first.1,
        })
    }

    /// The official name that `written` starts with when one character follows
    /// it: a repeated suffix or the start of the word it runs into (`中卫市市`,
    /// `克拉玛依市政`). A longer rest is a place below it (`增城区中新镇`).
    fn official_prefix(&self, written: &str) -> Option<Division> {
        let (last, _) = written.char_indices().next_back()?;
        let prefix = &written[..last];
        if prefix.chars().count() < 3 || !SUFFIXES.iter().any(|s| prefix.ends_with(s)) {
            return None;
        }
        self.get(prefix)
    }

    /// Whether `text` starts with a division's name, or with its name
    /// without the suffix (`三亚`, `六盘水`, `十堰`: [`short_name`]).
    pub fn place_at(&self, text: &str) -> bool {
        let Some(two) = text.char_indices().nth(2).map(|(b, _)| &text[..b]) else {
            return false;
        };
        let from = self.by_name.partition_point(|(n, _)| *n < two);
        self.by_name[from..]
            .iter()
            .take_while(|(n, _)| n.starts_with(two))
            .any(|(n, _)| text.starts_with(n) || short_name(n).is_some_and(|b| text.starts_with(b)))
    }

    /// Official names of the given level, in code order of their names (for
    /// finding the most-named place of a text).
    pub fn names_at(&self, level: Level) -> impl Iterator<Item = &str> {
        self.by_name.iter().filter(move |&&(_, l)| l == level).map(|&(n, _)| n)
    }
}

/// The name without its division suffix (`七台河市` → `七台河`, `凉山彝族自治州`
/// → `凉山彝族`), as texts often write it; `None` when too little would remain.
pub fn short_name(name: &str) -> Option<&str> {
    let base = SUFFIXES.iter().find_map(|s| name.strip_suffix(s))?;
    (base.chars().count() >= 2).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_at_the_start_of_a_text() {
        for t in ["三亚市的旅游", "三亚旅游", "六盘水", "十堰经济", "广州市"] {
            assert!(Gazetteer::global().place_at(t), "{t}");
        }
        for t in ["六稳六保", "三农工作", "六盘", "三", ""] {
            assert!(!Gazetteer::global().place_at(t), "{t}");
        }
    }

    fn resolved(s: &str) -> Option<String> {
        Gazetteer::global().resolve(s).map(|d| d.name)
    }

    /// The table `build.rs` writes holds every name of the data file once, at
    /// the highest level the file gives it, sorted for the binary search.
    #[test]
    fn table_is_the_data_file_sorted() {
        let mut expected: std::collections::BTreeMap<&str, Level> = std::collections::BTreeMap::new();
        for line in include_str!("../../data/divisions.tsv")
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let mut fields = line.split('\t');
            let (Some(code), Some(name)) = (fields.next(), fields.next()) else {
                continue;
            };
            let level = match code.len() {
                2 => Level::Province,
                4 => Level::Prefecture,
                _ => Level::County,
            };
            let e = expected.entry(name).or_insert(level);
            *e = (*e).min(level);
        }
        assert!(expected.len() > 3_000);
        assert_eq!(BY_NAME.to_vec(), expected.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn official_names_and_levels() {
        let g = Gazetteer::global();
        assert_eq!(g.get("辽宁省").map(|d| d.level), Some(Level::Province));
        assert_eq!(g.get("丹东市").map(|d| d.level), Some(Level::Prefecture));
        assert_eq!(g.get("东莞市").map(|d| d.level), Some(Level::Prefecture));
        assert_eq!(g.get("增城区").map(|d| d.level), Some(Level::County));
        // Abolished in 2019, still in older reports.
        assert!(g.get("莱芜市").is_some());
    }

    #[test]
    fn short_forms_and_typos() {
        assert_eq!(resolved("凉山州").as_deref(), Some("凉山彝族自治州"));
        assert_eq!(resolved("伊犁州").as_deref(), Some("伊犁哈萨克自治州"));
        assert_eq!(resolved("黔南州").as_deref(), Some("黔南布依族苗族自治州"));
        assert_eq!(resolved("黔东南州").as_deref(), Some("黔东南苗族侗族自治州"));
        assert_eq!(resolved("中卫市市").as_deref(), Some("中卫市"));
        assert_eq!(resolved("克拉玛依市政").as_deref(), Some("克拉玛依市"));
    }

    #[test]
    fn hong_kong_macao_taiwan() {
        assert_eq!(resolved("香港特别行政区").as_deref(), Some("香港特别行政区"));
        assert_eq!(resolved("香港").as_deref(), Some("香港特别行政区"));
        assert_eq!(resolved("澳門特別行政區").as_deref(), Some("澳门特别行政区"));
        assert_eq!(resolved("澳门").as_deref(), Some("澳门特别行政区"));
        assert_eq!(resolved("臺灣").as_deref(), Some("台湾省"));
        assert_eq!(
            Gazetteer::global().get("香港特别行政区").map(|d| d.level),
            Some(Level::Province)
        );
    }

    #[test]
    fn no_guessing() {
        assert_eq!(resolved("丹东市").as_deref(), Some("丹东市"));
        assert_eq!(resolved("自治州"), None);
        assert_eq!(resolved("自治区"), None);
        assert_eq!(resolved("第十四届"), None);
        assert_eq!(resolved("州第十四届"), None);
        assert_eq!(short_name("七台河市"), Some("七台河"));
        assert_eq!(short_name("市"), None);
    }
}
