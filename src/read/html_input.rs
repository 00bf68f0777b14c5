//! Saved web pages as input: the main text of an `.html` file, extracted with a
//! real HTML parser (`scraper`/html5ever). Scripts, styles, navigation, headers,
//! footers, forms and asides are dropped; block elements become line breaks.

use scraper::{ElementRef, Html, Node, Selector};

/// Elements whose content is never report text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "iframe", "svg", "head",
    "template", "select", "menu",
];

/// Elements that break lines.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "section",
    "article",
    "pre",
    "blockquote",
    "dd",
    "dt",
    "center",
    "main",
    "title",
];

/// True when `path` or the text's start says it is an HTML document.
pub fn is_html(path: &str, text: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(64)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// The readable text of an HTML document: the `<article>` or `<main>` element if
/// there is one, else the body, without page furniture.
pub fn extract_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let root = ["article", "main", "body"]
        .iter()
        .filter_map(|s| Selector::parse(s).ok())
        .find_map(|sel| doc.select(&sel).next())
        .unwrap_or_else(|| doc.root_element());
    let mut out = String::new();
    // The page title first: it usually names the report.
    if let Some(title) = Selector::parse("title").ok().and_then(|s| doc.select(&s).next()) {
        let t: String = title.text().collect();
        if !t.trim().is_empty() && root.value().name() != "html" {
            out.push_str(t.trim());
            out.push('\n');
        }
    }
    walk(root, &mut out);
    // Each block is its own line; no blank lines (they would make the normalizer
    // join lines inside blank-separated blocks).
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn walk(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push('\n');
                }
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out);
                }
                if block {
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn main_text_without_furniture() {
        let html = r#"<!DOCTYPE html><html><head><title>2025年广州市政府工作报告</title><style>p{color:red}</style></head>
<body><nav>首页 &gt; 信息中心</nav><script>var x = "一、假标题";</script>
<div class="content"><p>各位代表:</p><p>一、2024年工作回顾</p><p>正文&amp;数据。</p></div>
<footer>版权所有</footer></body></html>"#;
        let t = extract_text(html);
        assert_eq!(
            t,
            "2025年广州市政府工作报告\n各位代表:\n一、2024年工作回顾\n正文&数据。"
        );
        assert!(is_html("page.HTM", ""));
        assert!(is_html("x.txt", "  <!DOCTYPE html><html>"));
        assert!(!is_html("x.txt", "各位代表"));
    }
}
