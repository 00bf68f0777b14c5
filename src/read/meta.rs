//! Report metadata: title, jurisdiction, year of delivery and kind, detected from
//! the title, the delivery line, the body and the file name (in that order).
//! The year rules live in `meta/dates.rs`, the place rules in `meta/places.rs`.

mod dates;
mod places;

pub use crate::read::kind::{Kind, KindSpec, KINDS};
pub use dates::{delivered_on, year_from_path};

use dates::{adoption_year, leading_year, numbered_plan_start, period_start, year_in_text, year_in_title};
use places::{congress_place, jurisdiction_in_body, jurisdiction_in_title, most_frequent_place};
use serde::Serialize;

/// Metadata of one report (the `meta` object of the JSON contract).
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct ReportMeta {
    /// The input path as given.
    pub path: String,
    /// The title: the front matter's, the scrape's title line, or
    /// `政府工作报告` when the text says it is one.
    pub title: Option<String>,
    /// City, district, town, province or 国务院 (official full name when the
    /// gazetteer knows it).
    pub jurisdiction: Option<String>,
    /// The year whose work the report plans: the year of delivery, or the next
    /// one for a report delivered in November or December.
    pub year: Option<i32>,
    /// Kind of document.
    pub kind: Kind,
    /// The original address (`source:` of a Markdown front matter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl ReportMeta {
    /// A short human label: `2025 广州市` or the file name, its control
    /// characters and bidi overrides escaped: a name is the one label part
    /// that normalization never saw, and with colour on an escape sequence in
    /// it would otherwise pass for one of the renderer's own.
    pub fn label(&self) -> String {
        match (self.year, &self.jurisdiction) {
            (Some(y), Some(j)) => format!("{y} {j}"),
            (Some(y), None) => format!("{y}"),
            (None, Some(j)) => j.clone(),
            (None, None) => crate::text::escape_for_display(&self.path).into_owned(),
        }
    }

    /// The title, or a Chinese description (`（政府工作报告）`) when the scrape
    /// had none: readers of these reports read Chinese, in pages and terminal.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => format!("（{}）", self.kind.label()),
        }
    }
}

/// How much of the text's start holds the title block, the delivery line and
/// the speaker (a congress resolution printed first may come before them).
const HEAD_CHARS: usize = 3000;

/// Detects the metadata of a report with normalized `text` and `title`.
/// `article` is true for a piece that began at a `原标题:` marker.
pub fn detect(path: &str, title: Option<&str>, text: &str, article: bool) -> ReportMeta {
    let head: String = text.chars().take(HEAD_CHARS).collect();
    let kind = detect_kind(title, &head, text.chars().count(), article);
    let adopted = (kind == Kind::Plan)
        .then(|| {
            adoption_year(&head)
                .or_else(|| title.and_then(period_start))
                .or_else(|| title.and_then(numbered_plan_start))
        })
        .flatten();
    let year = adopted
        .or_else(|| title.and_then(year_in_title))
        .or_else(|| year_in_text(&head, text))
        .or_else(|| year_from_path(path))
        .or_else(|| leading_year(&head));
    let jurisdiction = match (title.and_then(jurisdiction_in_title), congress_place(&head)) {
        // The congress the report is delivered to outranks a mislabelled title
        // (`大理市政府工作报告` delivered to 大理白族自治州's congress), unless
        // one names the other (`增城区中新镇` / `中新镇`).
        (Some(t), Some(c)) if !t.contains(&c) && !c.contains(&t) => Some(c),
        (Some(t), _) => Some(t),
        (None, _) => jurisdiction_in_body(&head).or_else(|| most_frequent_place(text)),
    };
    // A plan or a proposal of the whole country is the nation's, not the
    // government's (国务院) nor its dateline's (新华社北京…电).
    let national = title.is_some_and(|t| t.starts_with("中华人民共和国"))
        || jurisdiction.as_deref() == Some("国务院")
        || (title.and_then(jurisdiction_in_title).is_none() && national_opening(&head));
    let jurisdiction = if matches!(kind, Kind::Plan | Kind::PlanProposal) && national {
        Some("全国".to_string())
    } else {
        jurisdiction
    };
    let title = title
        .map(str::to_string)
        .or_else(|| (kind == Kind::WorkReport && names_itself(&head)).then(|| "政府工作报告".to_string()));
    ReportMeta {
        path: path.to_string(),
        title,
        jurisdiction,
        year,
        kind,
        source: None,
    }
}

/// The opening speaks for the whole country.
fn national_opening(head: &str) -> bool {
    let opening: String = head.chars().take(600).collect();
    ["全国人民代表大会", "中华人民共和国", "我国", "全国"]
        .iter()
        .any(|k| opening.contains(k))
}

/// The opening says what the text is: `向大会报告政府工作`, `作政府工作报告`.
fn names_itself(head: &str) -> bool {
    let opening: String = head.chars().take(800).collect();
    [
        "政府工作报告",
        "报告政府工作",
        "向大会报告工作",
        "向大会作工作报告",
        "报告过去",
    ]
    .iter()
    .any(|k| opening.contains(k))
        || (opening.contains("向大会报告") && opening.contains("工作"))
}

fn detect_kind(title: Option<&str>, head: &str, text_len: usize, article: bool) -> Kind {
    if let Some(kind) = title.and_then(Kind::of_title) {
        return kind;
    }
    if article {
        return Kind::News;
    }
    // A newspaper summary is short; an untitled long text is the report itself.
    if head.contains("各位代表") || head.contains("向大会报告") || text_len > 8000 {
        Kind::WorkReport
    } else {
        Kind::Summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_address_is_named_by_its_title() {
        assert_eq!(
            detect_kind(Some("行政長官2023年施政報告"), "", 50000, false),
            Kind::PolicyAddress
        );
        assert_eq!(Kind::PolicyAddress.label(), "施政报告");
    }
}
