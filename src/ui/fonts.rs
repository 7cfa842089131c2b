//! The app's fonts: egui's own for the look, then fonts made for the
//! scripts it lacks (Arabic, Hebrew, Devanagari, CJK, from the machine's
//! fallback chain), DejaVu Sans (bundled) and symbol fonts, so a note in any
//! of the team's languages shows as text, not boxes.
//!
//! The machine's fonts are found and read on a worker thread at start-up,
//! small ones first and the large CJK face last; each batch is installed
//! when it is in memory. No frame waits for the disk: until a font is
//! loaded its characters show as boxes, for a moment.

use std::sync::{Arc, Mutex};

use egui::{FontData, FontDefinitions, FontFamily};

use crate::fonts::{Fallback, Script, fallbacks};

const DEJAVU: &str = "dejavu-sans";

/// A fallback font in memory.
struct Loaded {
    name: String,
    data: Arc<FontData>,
    /// Ahead of DejaVu Sans: made for a script DejaVu also draws, or one
    /// it lacks.
    ahead: bool,
}

static LOADED: Mutex<Vec<Loaded>> = Mutex::new(Vec::new());

/// egui's fonts, DejaVu Sans and every fallback loaded so far, in order.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        DEJAVU.to_owned(),
        Arc::new(FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf"))),
    );
    let loaded = LOADED.lock().map(|loaded| {
        loaded.iter().map(|font| (font.name.clone(), font.data.clone(), font.ahead)).collect::<Vec<_>>()
    });
    let loaded = loaded.unwrap_or_default();
    for (name, data, _) in &loaded {
        fonts.font_data.insert(name.clone(), data.clone());
    }
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = fonts.families.entry(family).or_default();
        chain.extend(loaded.iter().filter(|(_, _, ahead)| *ahead).map(|(name, _, _)| name.clone()));
        chain.push(DEJAVU.to_owned());
        chain.extend(loaded.iter().filter(|(_, _, ahead)| !*ahead).map(|(name, _, _)| name.clone()));
    }
    fonts
}

/// Installs what is loaded now; cheap when nothing changed.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
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

/// Reads the wanted fonts, calling `loaded` after each batch (all small
/// fonts, then the CJK one). Returns how many were read.
pub fn load_fallbacks(mut loaded: impl FnMut()) -> usize {
    let mut count = 0;
    let wanted = wanted(fallbacks());
    let (small, large): (Vec<_>, Vec<_>) =
        wanted.into_iter().partition(|fallback| fallback.prefer_for != Some(Script::Cjk));
    for batch in [small, large] {
        let mut read = Vec::new();
        for fallback in batch {
            let Ok(bytes) = std::fs::read(&fallback.regular.path) else { continue };
            let mut data = FontData::from_owned(bytes);
            data.index = fallback.regular.index;
            read.push(Loaded {
                name: format!("fallback: {}", fallback.name),
                data: Arc::new(data),
                ahead: fallback.prefer_for.is_some(),
            });
        }
        if read.is_empty() {
            continue;
        }
        count += read.len();
        if let Ok(mut all) = LOADED.lock() {
            all.extend(read);
        }
        loaded();
    }
    count
}

/// Starts reading the machine's fonts on a worker thread; each batch is
/// installed into `ctx` (and a frame requested) once it is in memory.
pub fn load_in_background(ctx: &egui::Context) {
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new().name("fonts".into()).spawn(move || {
        load_fallbacks(|| {
            install(&ctx);
            ctx.request_repaint();
        });
    });
    if let Err(error) = spawned {
        eprintln!("maturity-workshop: could not start the font loader: {error}");
    }
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
    fn dejavu_follows_egui_fonts() {
        let fonts = definitions();
        let chain = &fonts.families[&FontFamily::Proportional];
        assert!(chain.iter().any(|name| name == DEJAVU));
        assert_ne!(chain.first().map(String::as_str), Some(DEJAVU));
    }
}
