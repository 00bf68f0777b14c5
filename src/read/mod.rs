//! Reading stages: bytes on disk → reports with metadata and a section outline.
//!
//! [`source`] ([`markdown`] markup hidden) → [`split`] → [`normalize`] → [`meta`] (checked
//! against the [`gazetteer`]) → [`outline`];
//! [`document`] assembles them into a [`document::Report`].

pub mod bounded;
pub mod contents;
pub mod document;
pub mod gazetteer;
pub mod html_input;
pub mod kind;
pub mod markdown;
pub mod marker;
pub mod meta;
pub mod normalize;
pub mod outline;
pub mod select;
pub mod source;
pub mod split;
pub mod table;
