//! The roadmap as a PDF: the document a team hands to management. Laid out
//! here (measured wrapping, page breaks, vector charts) and written with
//! printpdf; nothing in this module knows about the GUI.
//!
//! The same workshop always gives the same bytes: dates come from the
//! workshop, font and document ids from fixed names and a content hash.

mod chart;
mod emit;
mod flow;
pub mod fonts;
pub mod layout;
mod model_section;
mod pages;
mod portfolio;
pub mod shape;
mod style;

pub use portfolio::render_portfolio;
pub use style::Paper;

use crate::roadmap::Roadmap;
use crate::workshop::Workshop;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("font error: {0}")]
    Font(String),
    #[error("could not write the PDF: {0}")]
    Write(String),
}

/// Characters of one line that no font on the machine could draw: they
/// show as empty boxes but are still in the document's text (ActualText).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MissingGlyphs {
    /// Counted from 1.
    pub page: usize,
    pub chars: Vec<char>,
    /// The line they are on, to find them by.
    pub line: String,
}

impl std::fmt::Display for MissingGlyphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let chars: Vec<String> = self.chars.iter().map(|c| format!("{c} (U+{:04X})", *c as u32)).collect();
        let line: String = self.line.chars().take(60).collect();
        let more = if self.line.chars().count() > 60 { "…" } else { "" };
        write!(f, "page {}: no font draws {} in “{line}{more}”", self.page, chars.join(", "))
    }
}

/// A rendered document (roadmap or portfolio) and what it could not draw.
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// Empty when every character has a glyph.
    pub missing: Vec<MissingGlyphs>,
}

impl Rendered {
    /// A document of text (Markdown, CSV): nothing goes undrawn.
    pub fn text(text: String) -> Self {
        Self { bytes: text.into_bytes(), missing: Vec::new() }
    }

    /// One sentence for the facilitator when something could not be drawn.
    pub fn missing_summary(&self) -> Option<String> {
        let count: usize = self.missing.iter().map(|missing| missing.chars.len()).sum();
        let first = self.missing.first()?;
        let others = match self.missing.len() {
            1 => String::new(),
            n => format!(" and {} more lines", n - 1),
        };
        Some(format!(
            "{count} character{} could not be drawn (no installed font has them; they are kept as text): {first}{others}",
            if count == 1 { "" } else { "s" }
        ))
    }
}

/// The roadmap of `workshop` as PDF bytes.
pub fn render_pdf(workshop: &Workshop, paper: Paper) -> Result<Vec<u8>, PdfError> {
    render(workshop, paper).map(|rendered| rendered.bytes)
}

/// The roadmap of `workshop` as PDF, with the characters no font could draw.
pub fn render(workshop: &Workshop, paper: Paper) -> Result<Rendered, PdfError> {
    let fonts = fonts::fonts()?;
    let roadmap = Roadmap::from_workshop(workshop);
    let pages = layout_pages(&roadmap, paper)?;
    let written = emit::write_pdf(fonts, &roadmap, &pages, paper, &content_id(workshop, paper))?;
    Ok(Rendered { bytes: written.bytes, missing: written.missing })
}

/// The laid-out pages, before they become PDF: what the layout tests check.
pub fn layout_pages(roadmap: &Roadmap, paper: Paper) -> Result<Vec<layout::Page>, PdfError> {
    let fonts = fonts::fonts()?;
    Ok(pages::build(fonts, roadmap, style::Geometry::for_paper(paper)))
}

/// Page box and printable area (inside the margins) of `paper`, as
/// (left, top, right, bottom) from the top-left corner in points.
pub fn areas(paper: Paper) -> (layout::Bounds, layout::Bounds) {
    let geometry = style::Geometry::for_paper(paper);
    let page = layout::Bounds { left: 0.0, top: 0.0, right: geometry.width, bottom: geometry.height };
    let content = layout::Bounds {
        left: geometry.left,
        top: geometry.top,
        right: geometry.content_right(),
        bottom: geometry.content_bottom(),
    };
    (page, content)
}

/// A stable identifier of the document's content (FNV-1a over the
/// workshop's debug form, which prints maps in key order), for the PDF's
/// /ID instead of printpdf's random one.
fn content_id(workshop: &Workshop, paper: Paper) -> String {
    let text = format!("{workshop:?}{paper:?}");
    let hash = |seed: u64| {
        text.bytes().fold(seed, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3))
    };
    format!("{:016x}{:016x}", hash(0xcbf2_9ce4_8422_2325), hash(0x6c62_272e_07bb_0142))
}
