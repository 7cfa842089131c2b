//! The app's fonts: egui's own for the look, then fonts made for the
//! scripts it lacks (Arabic, Hebrew, Devanagari, CJK, from the machine's
//! fallback chain), DejaVu Sans and Noto Emoji (bundled) and symbol fonts,
//! so a note in any of the team's languages shows as text, not boxes.
//!
//! The machine's fonts are found and read on a worker thread at start-up,
//! small ones first and the large CJK face last; no frame waits for the
//! disk. The small script fonts are installed as soon as they are in
//! memory. The large ones (CJK, symbols) are handed to egui only when a
//! frame first shows one of their characters (an egui `FontProvider`), so a
//! workshop without CJK never pays for parsing 20 MB of font tables.

use std::sync::{Arc, Mutex};

use egui::epaint::text::{FallbackRequest, FontInsert, FontProvider};
use egui::{FontData, FontDefinitions, FontFamily};
use skrifa::MetadataProvider;

use crate::fonts::{Fallback, Script, fallbacks};

const DEJAVU: &str = "dejavu-sans";
/// Bundled for the PDF (emoji as outlines), and here so that emoji show on
/// a machine without emoji fonts.
const EMOJI: &str = "noto-emoji";

/// A fallback font in memory.
struct Loaded {
    name: String,
    data: Arc<FontData>,
    /// Ahead of DejaVu Sans: made for a script DejaVu also draws, or one
    /// it lacks.
    ahead: bool,
    /// Given to egui on demand (see `OnDemand`) rather than installed.
    on_demand: bool,
}

impl Loaded {
    fn has(&self, c: char) -> bool {
        let bytes: &[u8] = (*self.data.font).as_ref();
        skrifa::FontRef::from_index(bytes, self.data.index)
            .is_ok_and(|font| font.charmap().map(c).is_some_and(|glyph| glyph.to_u32() != 0))
    }
}

/// Hands egui a loaded large font the first time a character needs it.
struct OnDemand;

impl FontProvider for OnDemand {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let loaded = LOADED.lock().ok()?;
        let font = loaded.iter().filter(|font| font.on_demand).find(|font| font.has(c))?;
        Some(FontInsert { name: font.name.clone(), data: (*font.data).clone(), families: Vec::new() })
    }
}

static LOADED: Mutex<Vec<Loaded>> = Mutex::new(Vec::new());

/// egui's fonts, DejaVu Sans and every fallback loaded so far, in order.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        DEJAVU.to_owned(),
        Arc::new(FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf"))),
    );
    fonts.font_data.insert(
        EMOJI.to_owned(),
        Arc::new(FontData::from_static(include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"))),
    );
    let loaded = LOADED.lock().map(|loaded| {
        loaded
            .iter()
            .filter(|font| !font.on_demand)
            .map(|font| (font.name.clone(), font.data.clone(), font.ahead))
            .collect::<Vec<_>>()
    });
    let loaded = loaded.unwrap_or_default();
    for (name, data, _) in &loaded {
        fonts.font_data.insert(name.clone(), data.clone());
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = fonts.families.entry(family).or_default();
        chain.extend(loaded.iter().filter(|(_, _, ahead)| *ahead).map(|(name, _, _)| name.clone()));
        chain.push(DEJAVU.to_owned());
        chain.push(EMOJI.to_owned());
        chain.extend(loaded.iter().filter(|(_, _, ahead)| !*ahead).map(|(name, _, _)| name.clone()));
    }
    fonts
}

/// Installs what is loaded now; cheap when nothing changed.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// Lets egui ask for the large fonts; again once they are loaded, since
/// egui remembers a character it found no font for.
fn offer_on_demand(ctx: &egui::Context) {
    ctx.set_font_providers(vec![Arc::new(OnDemand)]);
}

/// The fonts the app takes from the chain: the first for each script, and
/// the symbol fonts, CJK last (it is by far the largest).
fn wanted(chain: &[Fallback]) -> Vec<&Fallback> {
    let mut picked: Vec<&Fallback> = Vec::new();
    for fallback in chain {
        let taken = match fallback.prefer_for {
            Some(script) => picked.iter().any(|other| other.prefer_for == Some(script)),
            None => {
                !fallback.name.contains("Symbol") || picked.iter().any(|other| other.name == fallback.name)
            }
        };
        if !taken {
            picked.push(fallback);
        }
    }
    picked.sort_by_key(|fallback| fallback.prefer_for == Some(Script::Cjk));
    picked
}

/// Whether a font is handed to egui only on demand: the large ones.
fn on_demand(fallback: &Fallback) -> bool {
    !matches!(fallback.prefer_for, Some(Script::Arabic | Script::Hebrew | Script::Devanagari))
}

/// Reads the wanted fonts, calling `loaded` after each batch (the script
/// fonts installed up front, then the ones given on demand) with whether
/// the batch was the on-demand one. Returns how many were read.
pub fn load_fallbacks(mut loaded: impl FnMut(bool)) -> usize {
    let mut count = 0;
    let (small, large): (Vec<_>, Vec<_>) =
        wanted(fallbacks()).into_iter().partition(|fallback| !on_demand(fallback));
    for (batch, lazy) in [(small, false), (large, true)] {
        let read = read_fonts(&batch, lazy);
        if read.is_empty() {
            continue;
        }
        count += read.len();
        if let Ok(mut all) = LOADED.lock() {
            all.extend(read);
        }
        loaded(lazy);
    }
    count
}

/// The fonts of `batch` that can be read and parsed.
fn read_fonts(batch: &[&Fallback], on_demand: bool) -> Vec<Loaded> {
    let mut read = Vec::new();
    for fallback in batch {
        let Ok(bytes) = std::fs::read(&fallback.regular.path) else { continue };
        // egui panics on a configured font it cannot read: a damaged file
        // on disk is left out here instead.
        if skrifa::FontRef::from_index(&bytes, fallback.regular.index).is_err() {
            continue;
        }
        let mut data = FontData::from_owned(bytes);
        data.index = fallback.regular.index;
        read.push(Loaded {
            name: format!("fallback: {}", fallback.name),
            data: Arc::new(data),
            ahead: fallback.prefer_for.is_some(),
            on_demand,
        });
    }
    read
}

/// Starts reading the machine's fonts on a worker thread; each batch is
/// installed into `ctx` (and a frame requested) once it is in memory.
pub fn load_in_background(ctx: &egui::Context) {
    let ctx = ctx.clone();
    offer_on_demand(&ctx);
    let spawned = std::thread::Builder::new().name("fonts".into()).spawn(move || {
        load_fallbacks(|lazy| {
            if lazy {
                offer_on_demand(&ctx)
            } else {
                install(&ctx)
            }
            ctx.request_repaint();
        });
    });
    if let Err(error) = spawned {
        eprintln!("maturity-workshop: could not start the font loader: {error}");
    }
}

/// Reads the machine's fonts now and installs them into `ctx` (tests; the
/// app uses `load_in_background`). Read once per process.
pub fn load_now(ctx: &egui::Context) {
    static READ: std::sync::Once = std::sync::Once::new();
    READ.call_once(|| {
        load_fallbacks(|_| {});
    });
    install(ctx);
    offer_on_demand(ctx);
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::fonts::FontFile;

    fn fallback(name: &str, prefer_for: Option<Script>) -> Fallback {
        let file = FontFile { path: PathBuf::from(format!("/f/{name}.ttf")), index: 0 };
        Fallback { name: name.to_owned(), regular: file, bold: None, prefer_for }
    }

    #[test]
    fn the_app_takes_one_font_per_script_and_cjk_last() {
        let chain = [
            fallback("Noto Sans Arabic", Some(Script::Arabic)),
            fallback("Noto Naskh Arabic", Some(Script::Arabic)),
            fallback("Noto Sans CJK", Some(Script::Cjk)),
            fallback("Droid Sans Fallback", Some(Script::Cjk)),
            fallback("Noto Sans Devanagari", Some(Script::Devanagari)),
            fallback("Noto Sans", None),
            fallback("Symbola", None),
            fallback("Symbola", None),
        ];
        let names: Vec<&str> = wanted(&chain).iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Noto Sans Arabic", "Noto Sans Devanagari", "Symbola", "Noto Sans CJK"]);
    }

    #[test]
    fn a_damaged_font_file_is_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = dir.path().join("NotoSansArabic-Regular.ttf");
        std::fs::write(&damaged, b"not a font at all").unwrap();
        let good = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/DejaVuSans.ttf"));
        let mut arabic = fallback("Noto Sans Arabic", Some(Script::Arabic));
        arabic.regular.path = damaged;
        let mut hebrew = fallback("Noto Sans Hebrew", Some(Script::Hebrew));
        hebrew.regular.path = good;
        let missing = fallback("Noto Sans Devanagari", Some(Script::Devanagari));
        let read = read_fonts(&[&arabic, &hebrew, &missing], false);
        let names: Vec<&str> = read.iter().map(|font| font.name.as_str()).collect();
        assert_eq!(names, ["fallback: Noto Sans Hebrew"]);
        assert!(read[0].has('ש') && !read[0].has('漢'));
    }

    #[test]
    fn dejavu_follows_egui_fonts() {
        let fonts = definitions();
        let chain = &fonts.families[&FontFamily::Proportional];
        assert!(chain.iter().any(|name| name == DEJAVU));
        assert_ne!(chain.first().map(String::as_str), Some(DEJAVU));
    }
}
