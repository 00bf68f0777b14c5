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
/// there is one, else the body, without page furniture. A page nested deeper
/// than [`MAX_HTML_DEPTH`] is refused (the problem is returned).
pub fn extract_text(html: &str) -> std::result::Result<String, String> {
    let depth = nesting_depth(html);
    if depth > MAX_HTML_DEPTH {
        return Err(format!(
            "HTML nests elements {depth} deep (the limit is {MAX_HTML_DEPTH}); not a saved report page"
        ));
    }
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
    Ok(out
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n"))
}

/// Appends the text under `root`, breaking lines around block elements. An
/// explicit stack instead of recursion: a page of 50,000 nested elements must
/// not overflow the call stack.
fn walk(root: ElementRef, out: &mut String) {
    // `None` marks the end of a block element: emit its closing line break.
    let mut stack = Vec::new();
    stack.extend(root.children().rev().map(Some));
    while let Some(entry) = stack.pop() {
        let Some(node) = entry else {
            out.push('\n');
            continue;
        };
        match node.value() {
            Node::Text(t) => out.push_str(&t.replace(['\n', '\r', '\t'], " ")),
            Node::Element(e) => {
                let name = e.name();
                if SKIP.contains(&name) {
                    continue;
                }
                if BLOCKS.contains(&name) {
                    out.push('\n');
                    stack.push(None);
                }
                stack.extend(node.children().rev().map(Some));
            }
            _ => {}
        }
    }
}

/// Deepest element nesting accepted. Real pages nest a few dozen levels; the
/// HTML parser's work per start tag grows with the depth (scope checks scan
/// the stack of open elements), so 300,000 unclosed `<div>` would take minutes.
pub const MAX_HTML_DEPTH: usize = 2_000;

/// Elements whose end tag may be left out (the parser closes them itself),
/// and void elements, which have no end tag: neither deepens the nesting.
const NOT_NESTING: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "caption",
    "rb", "rt", "rp", "html", "head", "body", "br", "img", "hr", "input", "meta", "link", "area", "base", "col",
    "embed", "param", "source", "track", "wbr", "keygen",
];

/// The deepest nesting of elements, estimated from the tags alone (linear, before
/// parsing): start tags minus end tags, skipping comments, self-closing tags and
/// the elements of `NOT_NESTING`.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(offset) = memchr::memchr(b'<', &bytes[i..]) {
        i += offset + 1;
        if bytes[i..].starts_with(b"!--") {
            i = memchr::memmem::find(&bytes[i..], b"-->").map_or(bytes.len(), |end| i + end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = memchr::memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        let self_closing = tag_end > 0 && bytes.get(tag_end - 1) == Some(&b'/');
        if NOT_NESTING.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
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
        let t = extract_text(html).unwrap();
        assert_eq!(
            t,
            "2025年广州市政府工作报告\n各位代表:\n一、2024年工作回顾\n正文&数据。"
        );
        assert!(is_html("page.HTM", ""));
        assert!(is_html("x.txt", "  <!DOCTYPE html><html>"));
        assert!(!is_html("x.txt", "各位代表"));
    }

    #[test]
    fn nesting_depth_ignores_optional_end_tags_and_comments() {
        assert_eq!(
            nesting_depth("<div><p>a<p>b<br><img src=x/><!-- <div><div> --></div>"),
            1
        );
        assert_eq!(nesting_depth(&"<div>".repeat(50)), 50);
        assert_eq!(nesting_depth(&"<li>x".repeat(5000)), 0);
        assert_eq!(nesting_depth("a < b, <3 </div>"), 0);
    }
}
