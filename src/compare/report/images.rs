//! Image links of the two reports, listed beside the diff: pictures (often
//! tables printed as images) are no text, so they are not compared, but a
//! reader must know they are there.

use crate::read::document::Report;
use crate::read::markdown::Image;
use serde::Serialize;

/// One image link of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageRef {
    /// Where the picture is, as linked (`images/….jpg`).
    pub path: String,
    /// Its caption (alt text or link title), empty when it has none.
    pub caption: String,
    /// Char offset of the link in the input file.
    pub char_start: usize,
    /// The caption says it is a table (`表`, `指标`, `专栏`).
    pub table: bool,
}

/// The image links of each side.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Images {
    /// OLD's, in order.
    pub old: Vec<ImageRef>,
    /// NEW's, in order.
    pub new: Vec<ImageRef>,
}

/// Words of a caption that make the picture a table: a numbered table, an
/// indicator table, a box (`专栏`, tables of targets and projects in plans).
const TABLE_WORDS: &[&str] = &["表", "指标", "专栏"];

/// Whether a caption says its picture is a table.
pub fn caption_says_table(caption: &str) -> bool {
    TABLE_WORDS.iter().any(|w| caption.contains(w))
}

fn image_ref(im: &Image) -> ImageRef {
    ImageRef {
        path: im.path.clone(),
        caption: im.caption.clone(),
        char_start: im.char_start,
        table: caption_says_table(&im.caption),
    }
}

/// The image links of both reports.
pub fn images(old: &Report, new: &Report) -> Images {
    Images {
        old: old.images.iter().map(image_ref).collect(),
        new: new.images.iter().map(image_ref).collect(),
    }
}

/// What one side's images are, in words: `3 tables as images, 1 other image`;
/// `None` without images.
pub fn describe(images: &[ImageRef]) -> Option<String> {
    if images.is_empty() {
        return None;
    }
    let tables = images.iter().filter(|i| i.table).count();
    let other = images.len() - tables;
    let mut parts = Vec::new();
    if tables > 0 {
        parts.push(if tables == 1 {
            "1 table as an image".to_string()
        } else {
            format!("{tables} tables as images")
        });
    }
    if other > 0 {
        let noun = if other == 1 { "image" } else { "images" };
        parts.push(if tables > 0 {
            format!("{other} other {noun}")
        } else {
            format!("{other} {noun}")
        });
    }
    Some(parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(caption: &str) -> ImageRef {
        ImageRef {
            path: "images/a.jpg".into(),
            caption: caption.into(),
            char_start: 0,
            table: caption_says_table(caption),
        }
    }

    #[test]
    fn captions_decide_tables_and_counts_are_said() {
        assert!(caption_says_table("专栏2 “十二五”时期经济社会发展主要指标　新华社发"));
        assert!(!caption_says_table("图1 “七区二十三带”农业战略格局　新华社发"));
        assert!(!caption_says_table(""));
        assert_eq!(describe(&[]), None);
        let list = [img("专栏1 主要指标"), img("表2"), img(""), img("图1 格局")];
        assert_eq!(describe(&list).as_deref(), Some("2 tables as images, 2 other images"));
        assert_eq!(describe(&list[2..3]).as_deref(), Some("1 image"));
        assert_eq!(describe(&list[..1]).as_deref(), Some("1 table as an image"));
    }
}
