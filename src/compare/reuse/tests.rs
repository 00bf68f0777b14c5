use super::*;

/// Deterministic filler text: ideographs from a simple generator, with a
/// full stop every 20 chars, so no two fillers share a window by chance.
fn filler(seed: u64, len: usize) -> String {
    let mut x = seed
        .wrapping_mul(6_364_136_223_846_793_005)
        .wrapping_add(1_442_695_040_888_963_407);
    let mut s = String::new();
    for i in 0..len {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let c = char::from_u32(0x4E00 + ((x >> 33) % 0x5000) as u32).unwrap_or('一');
        s.push(c);
        if i % 20 == 19 {
            s.push('。');
        }
    }
    s
}

fn doc<'a>(jurisdiction: &'a str, year: i32, text: &'a str) -> ReuseDoc<'a> {
    ReuseDoc {
        jurisdiction,
        province: Some("河南省"),
        level: DocLevel::Local,
        year: Some(year),
        delivered: None,
        text,
    }
}

fn chars_at(text: &str, s: &Span) -> String {
    text.chars().skip(s.start).take(s.end - s.start).collect()
}

#[test]
fn a_copied_passage_is_found_with_exact_offsets_in_both_reports() {
    let passage = filler(7, 120);
    let a = format!("{}{}{}", filler(1, 300), passage, filler(2, 200));
    let b = format!("{}{}{}", filler(3, 150), passage, filler(4, 400));
    let docs = [doc("开封市", 2021, &a), doc("平顶山市", 2021, &b)];
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
    let p = &r.passages[0];
    assert_eq!(p.occurrences.len(), 2);
    // The passage's last full stop is not compared, so the span ends before it.
    let want = passage.trim_end_matches('。');
    assert_eq!(chars_at(&a, &p.occurrences[0]), want);
    assert_eq!(chars_at(&b, &p.occurrences[1]), want);
    assert_eq!(p.identity, 1.0);
    assert_eq!(p.jurisdictions, 2);
}

#[test]
fn a_passage_with_a_few_edited_chars_is_still_found() {
    let passage: Vec<char> = filler(9, 100).chars().collect();
    let mut edited = passage.clone();
    edited[30] = '改';
    edited[61] = '动';
    edited.insert(80, '增');
    let (p1, p2): (String, String) = (passage.iter().collect(), edited.iter().collect());
    let a = format!("{}{}{}", filler(1, 200), p1, filler(2, 200));
    let b = format!("{}{}{}", filler(3, 200), p2, filler(4, 200));
    let docs = [doc("开封市", 2021, &a), doc("洛阳市", 2021, &b)];
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(r.passages.len(), 1, "{:?}", r.passages);
    let p = &r.passages[0];
    assert!(p.identity < 1.0 && p.identity > 0.9, "{}", p.identity);
    assert!(p.chars >= 95, "{}", p.chars);
}

#[test]
fn unrelated_reports_share_nothing_and_short_overlaps_are_ignored() {
    let common = filler(5, 30);
    let a = format!("{}{}{}", filler(1, 300), common, filler(2, 300));
    let b = format!("{}{}{}", filler(3, 300), common, filler(4, 300));
    let docs = [doc("开封市", 2021, &a), doc("洛阳市", 2021, &b)];
    assert!(find_reuse(&docs, &ReuseOptions::default()).passages.is_empty());
}

#[test]
fn text_in_too_many_jurisdictions_seeds_nothing() {
    let formula = filler(11, 200);
    let names: Vec<String> = (0..6).map(|i| format!("城{i}市")).collect();
    let texts: Vec<String> = (0..6)
        .map(|i| format!("{}{}{}", filler(20 + i, 100), formula, filler(40 + i, 100)))
        .collect();
    let docs: Vec<ReuseDoc> = names.iter().zip(&texts).map(|(n, t)| doc(n, 2021, t)).collect();
    let opts = ReuseOptions {
        max_jurisdictions: 5,
        ..ReuseOptions::default()
    };
    assert!(find_reuse(&docs, &opts).passages.is_empty());
    let all = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(all.passages.len(), 1);
    assert_eq!(all.passages[0].jurisdictions, 6);
    assert_eq!(all.passages[0].weight, 6);
}

#[test]
fn a_passage_also_in_the_province_report_comes_from_the_province() {
    let passage = filler(13, 150);
    let texts = [
        format!("{}{}", filler(1, 200), passage),
        format!("{}{}", passage, filler(2, 200)),
        format!("{}{}{}", filler(3, 100), passage, filler(4, 100)),
    ];
    let mut docs = vec![doc("开封市", 2021, &texts[0]), doc("洛阳市", 2021, &texts[1])];
    docs.push(ReuseDoc {
        jurisdiction: "河南省",
        province: Some("河南省"),
        level: DocLevel::Province,
        year: Some(2021),
        delivered: None,
        text: &texts[2],
    });
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(r.passages.len(), 1);
    assert_eq!(r.passages[0].source, Some(Source::Province { doc: 2 }));
    assert_eq!(r.passages[0].direction, None);
}

#[test]
fn direction_follows_delivery_days_and_the_same_week_tells_none() {
    let passage = filler(17, 120);
    let a = format!("{}{}", filler(1, 200), passage);
    let b = format!("{}{}", passage, filler(2, 200));
    let mut docs = [doc("开封市", 2021, &a), doc("洛阳市", 2021, &b)];
    docs[0].delivered = Some(day_number(2021, 1, 20));
    docs[1].delivered = Some(day_number(2021, 2, 3));
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(r.passages[0].direction, Some((0, vec![1])));
    docs[1].delivered = Some(day_number(2021, 1, 24));
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert_eq!(r.passages[0].direction, None);
}

#[test]
fn text_kept_from_the_same_jurisdictions_earlier_report_is_carried_not_shared() {
    let passage = filler(19, 120);
    let a = format!("{}{}", filler(1, 200), passage);
    let b = format!("{}{}", passage, filler(2, 200));
    let docs = [doc("开封市", 2022, &b), doc("开封市", 2021, &a)];
    let r = find_reuse(&docs, &ReuseOptions::default());
    assert!(r.passages.is_empty());
    assert_eq!(r.carried.len(), 1);
    assert_eq!(r.carried[0].earlier.doc, 1);
    assert_eq!(r.carried[0].later.doc, 0);
}

#[test]
fn day_numbers_round_trip_to_their_year() {
    for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2021, 12, 31), (2026, 3, 5)] {
        assert_eq!(year_of_day(day_number(y, m, d)), y);
    }
    assert_eq!(day_number(1970, 1, 1), 0);
    assert_eq!(day_number(2021, 2, 3) - day_number(2021, 1, 20), 14);
}
