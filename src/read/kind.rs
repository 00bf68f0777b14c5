//! Document kinds: what a report is (work report, plan, policy address…),
//! its names and the title words that identify it, as data.

use serde::Serialize;

/// What sort of document a report is. What each kind is called and how it
/// is recognised is data: [`KINDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 政府工作报告.
    WorkReport,
    /// A five-year (or ten-year) plan, 规划纲要 / 五年计划: parts 篇, chapters
    /// 章, sections 节; dated by the year of its adoption.
    Plan,
    /// 关于制定…规划的建议: the party's proposal for a plan.
    PlanProposal,
    /// 施政报告: the Chief Executive's policy address (Hong Kong, Macao).
    PolicyAddress,
    /// A summary or digest of a report (newspaper version).
    Summary,
    /// A news story about reports.
    News,
}

/// One kind of document: its names and the title words that identify it.
pub struct KindSpec {
    /// The kind.
    pub kind: Kind,
    /// The JSON name.
    pub name: &'static str,
    /// The Chinese name a reader sees.
    pub label: &'static str,
    /// A title holding one of these is of this kind (checked in [`KINDS`] order,
    /// so a plan proposal's `规划的建议` wins over the plan's `规划`).
    pub title_words: &'static [&'static str],
    /// One a year: a series of them misses the years with none. A plan
    /// follows the previous plan, not the previous year.
    pub annual: bool,
}

/// Every kind, in the order titles are checked.
pub const KINDS: &[KindSpec] = &[
    KindSpec {
        kind: Kind::PlanProposal,
        name: "plan_proposal",
        label: "规划建议",
        title_words: &["规划的建议", "规划建议", "计划的建议"],
        annual: false,
    },
    KindSpec {
        kind: Kind::Plan,
        name: "plan",
        label: "规划纲要",
        title_words: &[
            "规划纲要",
            "计划纲要",
            "远景目标纲要",
            "五年计划",
            "五年规划",
            "十年规划",
        ],
        annual: false,
    },
    KindSpec {
        kind: Kind::PolicyAddress,
        name: "policy_address",
        label: "施政报告",
        title_words: &["施政报告", "施政報告"],
        annual: true,
    },
    KindSpec {
        kind: Kind::WorkReport,
        name: "work_report",
        label: "政府工作报告",
        title_words: &["工作报告", "工作報告"],
        annual: true,
    },
    KindSpec {
        kind: Kind::Summary,
        name: "summary",
        label: "报告摘要",
        title_words: &[],
        annual: true,
    },
    KindSpec {
        kind: Kind::News,
        name: "news",
        label: "新闻报道",
        title_words: &[],
        annual: true,
    },
];

impl Kind {
    fn spec(self) -> &'static KindSpec {
        KINDS.iter().find(|k| k.kind == self).unwrap_or(&KINDS[0])
    }

    /// The JSON name, also used in terminal output.
    pub fn as_str(self) -> &'static str {
        self.spec().name
    }

    /// The Chinese name a reader sees in pages and in place of a missing title.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// True for a kind delivered once a year (a series of them misses the
    /// years without one).
    pub fn annual(self) -> bool {
        self.spec().annual
    }

    /// The kind a title names, if any.
    pub fn of_title(title: &str) -> Option<Kind> {
        KINDS
            .iter()
            .find(|k| k.title_words.iter().any(|w| title.contains(w)))
            .map(|k| k.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_names() {
        for kind in [
            Kind::WorkReport,
            Kind::Plan,
            Kind::PlanProposal,
            Kind::PolicyAddress,
            Kind::Summary,
            Kind::News,
        ] {
            assert_eq!(kind.spec().kind, kind);
        }
        assert_eq!(
            Kind::of_title("中共中央关于制定国民经济和社会发展第十四个五年规划的建议"),
            Some(Kind::PlanProposal)
        );
        assert_eq!(
            Kind::of_title("国民经济和社会发展第十一个五年规划纲要"),
            Some(Kind::Plan)
        );
        assert!(!Kind::Plan.annual() && Kind::WorkReport.annual());
    }
}
