//! Reading stages: bytes on disk → reports with metadata and a section outline.
//!
//! [`source`] → [`split`] → [`normalize`] → [`meta`] → [`outline`];
//! [`document`] assembles them into a [`document::Report`].

pub mod document;
pub mod html_input;
pub mod marker;
pub mod meta;
pub mod normalize;
pub mod outline;
pub mod source;
pub mod split;
