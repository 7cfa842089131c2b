//! The embedded typeface and its measurements. DejaVu Sans covers Latin
//! with accents, Greek and Cyrillic, which is what workshop teams write in,
//! and its licence allows embedding (see assets/fonts/LICENSE-DejaVu.txt).

use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

use super::PdfError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Characters below this are measured from a table filled once, which
/// covers Latin, Greek and Cyrillic; the rest go through the font's cmap.
const TABLE_CHARS: u32 = 0x0530;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face: the parsed font printpdf embeds, and what layout needs to know.
pub struct Face {
    pub parsed: ParsedFont,
    /// Fixed rather than printpdf's random ids so that the same workshop
    /// gives the same bytes; printpdf also takes the subset tag (six capital
    /// letters, ISO 32000-1 9.6.4) from the first six characters.
    pub id: FontId,
    units_per_em: f32,
    /// Advance widths in em of the characters below `TABLE_CHARS`.
    table: Vec<f32>,
    /// Above the baseline, in em.
    pub ascent: f32,
    /// Below the baseline, in em (positive).
    pub descent: f32,
}

impl Face {
    fn load(bytes: &[u8], id: &str) -> Result<Self, PdfError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| PdfError::Font(format!("the embedded font {id} could not be read")))?;
        let metrics = parsed.get_font_metrics();
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Self {
            id: FontId(id.to_owned()),
            units_per_em,
            table: Vec::new(),
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent.abs() / units_per_em,
            parsed,
        };
        face.table =
            (0..TABLE_CHARS).map(|code| char::from_u32(code).map_or(0.0, |c| face.lookup(c))).collect();
        Ok(face)
    }

    fn lookup(&self, c: char) -> f32 {
        // Characters the font lacks are drawn with glyph 0 (.notdef), so
        // they take its width.
        let glyph = self.parsed.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(glyph)) / self.units_per_em
    }

    /// Advance width of `c` in em.
    pub fn advance(&self, c: char) -> f32 {
        self.table.get(c as usize).copied().unwrap_or_else(|| self.lookup(c))
    }

    /// Width of `text` at `size` points, the way printpdf will place it: one
    /// glyph per character, no kerning.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Whether the font draws `c` (rather than an empty box).
    pub fn has_glyph(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(c as u32).is_some_and(|glyph| glyph != 0)
    }
}

pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

/// Parsed once per process: parsing the two faces costs more than laying
/// out a whole roadmap.
pub fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Result<Fonts, PdfError>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts { regular: Face::load(REGULAR_TTF, "DJVREG")?, bold: Face::load(BOLD_TTF, "DJVBLD")? })
        })
        .as_ref()
        .map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        let fonts = fonts().unwrap();
        let regular = &fonts.regular;
        // DejaVu Sans: 'i' is narrower than 'm', bold is wider than regular.
        assert!(regular.advance('i') < regular.advance('m'));
        assert!(fonts.bold.width("Roadmap", 10.0) > regular.width("Roadmap", 10.0));
        assert!((regular.width("mm", 10.0) - 2.0 * regular.width("m", 10.0)).abs() < 1e-4);
        for c in ['é', 'Ø', 'λ', 'Ж', '→', '•'] {
            assert!(regular.has_glyph(c), "{c}");
            assert!(regular.advance(c) > 0.0, "{c}");
        }
        assert!(regular.ascent > 0.7 && regular.descent > 0.1);
    }
}
