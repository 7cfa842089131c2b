//! Maturity models in Markdown: a document a coach writes in a wiki or an
//! editor, read into a model, and a model written back as such a document,
//! so that it can be reviewed where people read and come back unchanged.
//! The shape is described in `models/README.md`. Nothing here touches the
//! disk or the GUI.

mod blocks;
mod draft;
mod export;
mod fields;
mod ids;
mod import;

pub use export::model_to_markdown;
pub use import::parse_model_markdown;

use crate::model::{MAX_MODEL_FILE_BYTES, MaturityModel};
use crate::problem::{Problems, decode_text};

/// File names ending in one of these are read as Markdown.
pub const MARKDOWN_EXTENSIONS: [&str; 2] = ["md", "markdown"];

/// Whether a file name reads as a Markdown document.
pub fn is_markdown_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    MARKDOWN_EXTENSIONS.iter().any(|ext| lower.ends_with(&format!(".{ext}")))
}

/// Reads a model from a Markdown file's bytes: at most 1 MiB of UTF-8 (a
/// byte-order mark is dropped), then [`parse_model_markdown`].
pub fn import_markdown(file: &str, bytes: &[u8]) -> Result<MaturityModel, Problems> {
    let text = decode_text(file, bytes, MAX_MODEL_FILE_BYTES).map_err(Problems::single)?;
    parse_model_markdown(file, text)
}

#[cfg(test)]
mod tests;
