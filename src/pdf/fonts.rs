//! The typefaces of the PDF. DejaVu Sans is embedded in the binary and
//! draws Latin with accents, Greek, Cyrillic, Hebrew and Arabic; Noto Emoji
//! (also bundled) draws emoji as outlines, which a PDF can carry as text.
//! Behind them comes the machine's fallback chain (`crate::fonts`): CJK,
//! Devanagari and fonts made for Arabic and Hebrew, each loaded from disk
//! the first time a document needs it, and fontconfig for anything else.
//! Licences: assets/fonts/LICENSE-DejaVu.txt, assets/fonts/LICENSE-NotoEmoji.txt.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use harfrust::{Direction, FontRef, ShapePlan, ShaperData};
use printpdf::{FontId, ParsedFont};
use skrifa::MetadataProvider;
use skrifa::charmap::Charmap;
use skrifa::instance::{LocationRef, Size};

use super::PdfError;
use crate::fonts::{Fallback, FontFile, Script, fallbacks, fontconfig_font_for, is_invisible};

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
const EMOJI_TTF: &[u8] = include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf");

/// Characters below this are measured from a table filled once, which
/// covers Latin, Greek and Cyrillic; the rest go through the font's cmap.
const TABLE_CHARS: u32 = 0x0530;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// One face: its tables for shaping and measuring, and (parsed when a
/// document first uses it) the font printpdf embeds.
pub struct Face {
    /// The family, for messages.
    pub name: String,
    font: FontRef<'static>,
    charmap: Charmap<'static>,
    shaper: ShaperData,
    bytes: &'static [u8],
    index: u32,
    parsed: OnceLock<Option<ParsedFont>>,
    /// Shaping plans by direction and script: compiling one costs more than
    /// shaping a word with it.
    plans: Mutex<Vec<(Direction, harfrust::Script, std::sync::Arc<ShapePlan>)>>,
    /// Fixed rather than printpdf's random ids so that the same workshop
    /// gives the same bytes; printpdf also takes the subset tag (six capital
    /// letters, ISO 32000-1 9.6.4) from the first six characters.
    pub id: FontId,
    pub units_per_em: f32,
    /// Advance widths in em of the characters below `TABLE_CHARS`.
    table: Vec<f32>,
    /// Whether the font has the characters below `TABLE_CHARS`: asked for
    /// every character of every line measured.
    table_has: Vec<bool>,
    /// Above the baseline, in em.
    pub ascent: f32,
    /// Below the baseline, in em (positive).
    pub descent: f32,
}

impl Face {
    /// `bytes` live as long as the process: faces are loaded once and
    /// kept (see `Fonts`).
    fn load(name: &str, bytes: &'static [u8], index: u32, id: &str) -> Result<Self, PdfError> {
        let unreadable = || PdfError::Font(format!("the font {name} could not be read"));
        let font = FontRef::from_index(bytes, index).map_err(|_| unreadable())?;
        let metrics = font.metrics(Size::unscaled(), LocationRef::default());
        let units_per_em = f32::from(metrics.units_per_em.max(1));
        let mut face = Self {
            name: name.to_owned(),
            charmap: font.charmap(),
            shaper: ShaperData::new(&font),
            font,
            bytes,
            index,
            parsed: OnceLock::new(),
            plans: Mutex::new(Vec::new()),
            id: FontId(id.to_owned()),
            units_per_em,
            table: Vec::new(),
            table_has: Vec::new(),
            ascent: metrics.ascent / units_per_em,
            descent: metrics.descent.abs() / units_per_em,
        };
        face.table =
            (0..TABLE_CHARS).map(|code| char::from_u32(code).map_or(0.0, |c| face.lookup(c))).collect();
        face.table_has =
            (0..TABLE_CHARS).map(|code| char::from_u32(code).is_some_and(|c| face.cmap_has(c))).collect();
        Ok(face)
    }

    fn load_file(name: &str, file: &FontFile, id: &str) -> Option<Self> {
        let bytes = std::fs::read(&file.path).ok()?;
        // Kept for the life of the process, like the bundled fonts: a face
        // is loaded at most once (`Fonts` caches it).
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        Self::load(name, bytes, file.index, id).ok()
    }

    fn lookup(&self, c: char) -> f32 {
        // Characters the font lacks are drawn with glyph 0 (.notdef), so
        // they take its width.
        let glyph = self.charmap.map(c).unwrap_or_default();
        self.glyph_advance(glyph.to_u32())
    }

    fn glyph_advance(&self, glyph: u32) -> f32 {
        let metrics = self.font.glyph_metrics(Size::unscaled(), LocationRef::default());
        metrics.advance_width(skrifa::GlyphId::new(glyph)).unwrap_or(0.0) / self.units_per_em
    }

    /// Advance width of `c` in em, one glyph per character.
    pub fn advance(&self, c: char) -> f32 {
        self.table.get(c as usize).copied().unwrap_or_else(|| self.lookup(c))
    }

    /// Width of `text` at `size` points drawn one glyph per character with
    /// no kerning, the way simple text is placed (see `shape`).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// The glyph the font's cmap gives `c` (0 when it has none).
    pub fn glyph_of(&self, c: char) -> u16 {
        self.charmap.map(c).map_or(0, |glyph| u16::try_from(glyph.to_u32()).unwrap_or(0))
    }

    /// Whether the font draws `c` (rather than an empty box).
    pub fn has_glyph(&self, c: char) -> bool {
        self.table_has.get(c as usize).copied().unwrap_or_else(|| self.cmap_has(c))
    }

    fn cmap_has(&self, c: char) -> bool {
        self.charmap.map(c).is_some_and(|glyph| glyph.to_u32() != 0)
    }

    /// Whether the font draws every visible character of `cluster`.
    pub fn covers(&self, cluster: &str) -> bool {
        cluster.chars().all(|c| is_invisible(c) || c.is_control() || self.has_glyph(c))
    }

    pub(super) fn font(&self) -> &FontRef<'static> {
        &self.font
    }

    pub(super) fn shaper_data(&self) -> &ShaperData {
        &self.shaper
    }

    /// The plan for shaping `script` in `direction` with this face, made
    /// the first time and kept.
    pub(super) fn plan(
        &self,
        shaper: &harfrust::Shaper<'_>,
        direction: Direction,
        script: harfrust::Script,
    ) -> std::sync::Arc<ShapePlan> {
        let make = || std::sync::Arc::new(ShapePlan::new(shaper, direction, Some(script), None, &[]));
        let Ok(mut plans) = self.plans.lock() else { return make() };
        if let Some((_, _, plan)) = plans.iter().find(|(d, s, _)| *d == direction && *s == script) {
            return plan.clone();
        }
        let plan = make();
        plans.push((direction, script, plan.clone()));
        plan
    }

    /// The face as printpdf embeds it, parsed on first use.
    pub fn parsed(&self) -> Option<&ParsedFont> {
        self.parsed
            .get_or_init(|| ParsedFont::from_bytes(self.bytes, self.index as usize, &mut Vec::new()))
            .as_ref()
    }
}

/// A fallback face, loaded the first time a document needs one of its
/// characters.
struct Slot {
    fallback: &'static Fallback,
    weight: Weight,
    id: String,
    face: OnceLock<Option<Face>>,
}

impl Slot {
    fn face(&self) -> Option<&Face> {
        self.face
            .get_or_init(|| {
                let file = match self.weight {
                    Weight::Bold => self.fallback.bold.as_ref().unwrap_or(&self.fallback.regular),
                    Weight::Regular => &self.fallback.regular,
                };
                // A font printpdf cannot embed is no use: skipped, as a
                // damaged file on disk would be.
                Face::load_file(&self.fallback.name, file, &self.id).filter(|face| face.parsed().is_some())
            })
            .as_ref()
    }
}

pub struct Fonts {
    pub regular: Face,
    pub bold: Face,
    emoji: Face,
    /// The machine's fallback chain, a regular and a bold slot per font.
    slots: Vec<Slot>,
    /// Fonts fontconfig named for characters nothing above has.
    extra: Mutex<Extra>,
}

impl Fonts {
    pub fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    fn slots(&self, weight: Weight) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(move |slot| slot.weight == weight)
    }

    /// The face that draws `cluster` (a grapheme of `script`) at `weight`:
    /// a font made for the script when the machine has one, then DejaVu
    /// Sans, Noto Emoji, the rest of the chain, and what fontconfig finds.
    /// `None` when no font on the machine has it.
    pub fn face_for(&self, weight: Weight, script: Script, cluster: &str) -> Option<&Face> {
        let preferred = self.slots(weight).filter(|slot| slot.fallback.prefer_for == Some(script));
        if let Some(face) = preferred.filter_map(Slot::face).find(|face| face.covers(cluster)) {
            return Some(face);
        }
        for face in [self.face(weight), &self.emoji] {
            if face.covers(cluster) {
                return Some(face);
            }
        }
        let rest = self.slots(weight).filter(|slot| slot.fallback.prefer_for != Some(script));
        if let Some(face) = rest.filter_map(Slot::face).find(|face| face.covers(cluster)) {
            return Some(face);
        }
        self.fontconfig_face(weight, cluster)
    }

    fn fontconfig_face(&self, weight: Weight, cluster: &str) -> Option<&Face> {
        let c = cluster.chars().find(|&c| !is_invisible(c) && !c.is_control())?;
        let Ok(mut extra) = self.extra.lock() else { return None };
        let file = extra.files.entry(c).or_insert_with(|| fontconfig_font_for(c)).clone()?;
        let face = *extra.faces.entry((file.clone(), weight)).or_insert_with(|| {
            let name = file.path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let face = Face::load_file(&name, &file, &fontconfig_id(&file, weight))?;
            face.parsed()?;
            Some(&*Box::leak(Box::new(face)))
        });
        face.filter(|face| face.covers(cluster))
    }
}

/// What fontconfig was asked, and the faces it named, each loaded once
/// (and kept: a process exports a handful of documents).
#[derive(Default)]
struct Extra {
    /// The file fontconfig gives for a character (`None`: nothing).
    files: BTreeMap<char, Option<FontFile>>,
    faces: BTreeMap<(FontFile, Weight), Option<&'static Face>>,
}

/// A stable id for a font fontconfig found: six capital letters from a hash
/// of its path, so that it does not depend on what was exported before.
fn fontconfig_id(file: &FontFile, weight: Weight) -> String {
    let text = format!("{}#{}#{weight:?}", file.path.display(), file.index);
    let mut hash =
        text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let mut id = String::from("X");
    for _ in 0..5 {
        id.push(char::from(b'A' + (hash % 26) as u8));
        hash /= 26;
    }
    id
}

/// "FBAAAR", "FBAAAB", "FBAABR", ...: the chain's ids, by position.
fn slot_id(position: usize, weight: Weight) -> String {
    let letter = |n: usize| char::from(b'A' + (n % 26) as u8);
    let tail = match weight {
        Weight::Regular => 'R',
        Weight::Bold => 'B',
    };
    format!("FB{}{}{}{tail}", letter(position / 676), letter(position / 26), letter(position))
}

/// Parsed once per process: parsing the faces costs more than laying out a
/// whole roadmap. The fallback chain is only listed here (its files are
/// read when a document needs them).
pub fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Result<Fonts, PdfError>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = Face::load("DejaVu Sans", REGULAR_TTF, 0, "DJVREG")?;
            let bold = Face::load("DejaVu Sans Bold", BOLD_TTF, 0, "DJVBLD")?;
            // The bundled faces are embedded in most documents: parse them now,
            // on the warm-up thread, rather than in the first export.
            for face in [&regular, &bold] {
                face.parsed().ok_or_else(|| PdfError::Font(format!("{} could not be parsed", face.name)))?;
            }
            let slots = fallbacks()
                .iter()
                .enumerate()
                .flat_map(|(position, fallback)| {
                    [Weight::Regular, Weight::Bold].map(|weight| Slot {
                        fallback,
                        weight,
                        id: slot_id(position, weight),
                        face: OnceLock::new(),
                    })
                })
                .collect();
            Ok(Fonts {
                regular,
                bold,
                emoji: Face::load("Noto Emoji", EMOJI_TTF, 0, "NEMOJI")?,
                slots,
                extra: Mutex::new(Extra::default()),
            })
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
        for c in ['é', 'Ø', 'λ', 'Ж', '→', '•', 'ש', 'ع'] {
            assert!(regular.has_glyph(c), "{c}");
            assert!(regular.advance(c) > 0.0, "{c}");
        }
        assert!(!regular.has_glyph('漢'));
        assert!(regular.ascent > 0.7 && regular.descent > 0.1);
    }

    #[test]
    fn emoji_are_drawn_by_the_bundled_outline_font() {
        let fonts = fonts().unwrap();
        let face = fonts.face_for(Weight::Regular, Script::Symbols, "🚀").unwrap();
        assert!(face.covers("🚀") && face.covers("👍"));
        assert!(fonts.face_for(Weight::Regular, Script::Other, "é").is_some_and(|f| f.id.0 == "DJVREG"));
    }

    #[test]
    fn a_damaged_font_file_gives_no_face() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("NotoSansCJK-Regular.ttc");
        std::fs::write(&path, b"ttcf but not really a collection").unwrap();
        assert!(Face::load_file("broken", &FontFile { path: path.clone(), index: 0 }, "XBROKE").is_none());
        assert!(
            Face::load_file("absent", &FontFile { path: dir.path().join("none.ttf"), index: 0 }, "XNONEX")
                .is_none()
        );
    }

    #[test]
    fn ids_are_six_capital_letters() {
        for id in [slot_id(0, Weight::Regular), slot_id(27, Weight::Bold)] {
            assert!(id.len() == 6 && id.chars().all(|c| c.is_ascii_uppercase()), "{id}");
        }
        assert_ne!(slot_id(0, Weight::Regular), slot_id(0, Weight::Bold));
        assert_ne!(slot_id(1, Weight::Regular), slot_id(0, Weight::Regular));
        let file = FontFile { path: "/a/b.ttf".into(), index: 0 };
        let id = fontconfig_id(&file, Weight::Regular);
        assert!(id.len() == 6 && id.chars().all(|c| c.is_ascii_uppercase()), "{id}");
        assert_eq!(id, fontconfig_id(&file, Weight::Regular));
    }
}
