//! The machine's fonts for the scripts the bundled DejaVu Sans lacks (CJK,
//! Devanagari, emoji beyond Noto Emoji) or draws less well than a font made
//! for them (Arabic, Hebrew): a fallback chain shared by the PDF and the
//! app, found in the standard font folders and through fontconfig. No egui
//! here; `discover` does the I/O and is meant for a worker thread, the
//! chain itself is plain data.
//!
//! The chain is in a fixed order (the table below, then what fontconfig
//! adds, by path), so the same fonts on disk always give the same PDF.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A group of scripts that one fallback font is chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Arabic,
    Hebrew,
    Devanagari,
    /// Han, kana, Hangul and their punctuation: one pan-CJK font.
    Cjk,
    /// Emoji and other pictographs.
    Symbols,
    /// Everything else with a direction of its own (Latin, Greek, ...).
    Other,
    /// Spaces, digits, punctuation and combining marks: they take the
    /// script of the text around them.
    Common,
}

impl Script {
    /// The script group of `c`, for choosing a font and cutting shaping
    /// runs. Ranges from the Unicode Blocks file, coarse on purpose.
    pub fn of(c: char) -> Script {
        let code = c as u32;
        if code < 0x0300 {
            return if c.is_alphabetic() { Script::Other } else { Script::Common };
        }
        match code {
            0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
                Script::Arabic
            }
            0x0900..=0x097F | 0xA8E0..=0xA8FF | 0x1CD0..=0x1CFF => Script::Devanagari,
            0x1100..=0x11FF
            | 0x2E80..=0x2FDF
            | 0x3000..=0x303F
            | 0x3040..=0x30FF
            | 0x3100..=0x318F
            | 0x31A0..=0x31FF
            | 0x3200..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA960..=0xA97F
            | 0xAC00..=0xD7FF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x20000..=0x3FFFF => Script::Cjk,
            0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x27BF | 0x2B00..=0x2BFF | 0x1F000..=0x1FAFF => {
                Script::Symbols
            }
            _ if c.is_alphabetic() && !is_mark(c) => Script::Other,
            _ => Script::Common,
        }
    }
}

/// Combining marks (Mn, Mc, Me) in the blocks notes use: they belong to the
/// letter before them.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// Characters that are never drawn (joiners, variation selectors, marks
/// of direction): no font needs a glyph for them.
pub fn is_invisible(c: char) -> bool {
    matches!(c as u32, 0x00AD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFE00..=0xFE0F | 0xFEFF | 0xE0100..=0xE01EF)
}

/// One face in a font file (a collection such as Noto Sans CJK holds
/// several).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FontFile {
    pub path: PathBuf,
    pub index: u32,
}

/// A fallback font: its regular face, a bold one when the machine has it,
/// and the script it is preferred for (ahead of the bundled font).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    pub name: String,
    pub regular: FontFile,
    pub bold: Option<FontFile>,
    pub prefer_for: Option<Script>,
}

/// What to look for: file names as Debian, Fedora, macOS and Windows ship
/// them, best first within a script. (name, regular file, bold file, face
/// index, preferred for)
const KNOWN: &[(&str, &str, &str, u32, Option<Script>)] = &[
    ("Noto Sans Arabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0, Some(Script::Arabic)),
    ("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", 0, Some(Script::Arabic)),
    ("Noto Sans Hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", 0, Some(Script::Hebrew)),
    (
        "Noto Sans Devanagari",
        "NotoSansDevanagari-Regular.ttf",
        "NotoSansDevanagari-Bold.ttf",
        0,
        Some(Script::Devanagari),
    ),
    ("Lohit Devanagari", "Lohit-Devanagari.ttf", "", 0, Some(Script::Devanagari)),
    ("Nirmala UI", "Nirmala.ttf", "NirmalaB.ttf", 0, Some(Script::Devanagari)),
    ("Kohinoor Devanagari", "Kohinoor.ttc", "", 0, Some(Script::Devanagari)),
    // Face 0 of the pan-CJK collection is the Japanese one; every face
    // holds the whole Han, kana and Hangul repertoire.
    ("Noto Sans CJK", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 0, Some(Script::Cjk)),
    ("Noto Sans CJK JP", "NotoSansCJKjp-Regular.otf", "NotoSansCJKjp-Bold.otf", 0, Some(Script::Cjk)),
    ("Noto Sans CJK SC", "NotoSansCJKsc-Regular.otf", "NotoSansCJKsc-Bold.otf", 0, Some(Script::Cjk)),
    ("Source Han Sans", "SourceHanSans-Regular.ttc", "SourceHanSans-Bold.ttc", 0, Some(Script::Cjk)),
    ("WenQuanYi Zen Hei", "wqy-zenhei.ttc", "", 0, Some(Script::Cjk)),
    ("Droid Sans Fallback", "DroidSansFallbackFull.ttf", "", 0, Some(Script::Cjk)),
    ("PingFang", "PingFang.ttc", "", 0, Some(Script::Cjk)),
    ("Hiragino Sans", "ヒラギノ角ゴシック W3.ttc", "ヒラギノ角ゴシック W6.ttc", 0, Some(Script::Cjk)),
    ("Apple SD Gothic Neo", "AppleSDGothicNeo.ttc", "", 0, Some(Script::Cjk)),
    ("Microsoft YaHei", "msyh.ttc", "msyhbd.ttc", 0, Some(Script::Cjk)),
    ("Yu Gothic", "YuGothR.ttc", "YuGothB.ttc", 0, Some(Script::Cjk)),
    ("Malgun Gothic", "malgun.ttf", "malgunbd.ttf", 0, Some(Script::Cjk)),
    ("Noto Sans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0, None),
    ("Noto Sans Symbols", "NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf", 0, None),
    ("Noto Sans Symbols 2", "NotoSansSymbols2-Regular.ttf", "", 0, None),
    ("Symbola", "Symbola.ttf", "", 0, None),
    ("Symbola", "Symbola_hint.ttf", "", 0, None),
    ("Segoe UI Symbol", "seguisym.ttf", "", 0, None),
    ("Arial Unicode MS", "Arial Unicode.ttf", "", 0, None),
];

/// The folders fonts are installed in, on Linux (XDG), macOS and Windows.
fn font_folders() -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
        folders.push(PathBuf::from(data).join("fonts"));
    }
    if let Some(home) = &home {
        folders.push(home.join(".local/share/fonts"));
        folders.push(home.join(".fonts"));
        folders.push(home.join("Library/Fonts"));
    }
    let data_dirs = std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".into());
    folders
        .extend(data_dirs.split(':').filter(|dir| !dir.is_empty()).map(|dir| Path::new(dir).join("fonts")));
    folders.extend(["/System/Library/Fonts", "/Library/Fonts"].map(PathBuf::from));
    if let Some(windows) = std::env::var_os("WINDIR") {
        folders.push(PathBuf::from(windows).join("Fonts"));
    }
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        folders.push(PathBuf::from(local).join("Microsoft/Windows/Fonts"));
    }
    folders
}

/// Every font file under `folders` by file name, the first found winning;
/// folders are read in sorted order so the choice is stable.
fn index_folders(folders: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, depth: usize, found: &mut BTreeMap<String, PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.is_dir() {
                if depth < 5 {
                    walk(&path, depth + 1, found);
                }
            } else if let Some(name) = path.file_name().and_then(|name| name.to_str()) {
                found.entry(name.to_owned()).or_insert_with(|| path.clone());
            }
        }
    }
    let mut found = BTreeMap::new();
    for folder in folders {
        walk(folder, 0, &mut found);
    }
    found
}

/// The fallback chain found on this machine, in preference order.
pub fn discover() -> Vec<Fallback> {
    chain_from(&index_folders(&font_folders()))
}

fn chain_from(files: &BTreeMap<String, PathBuf>) -> Vec<Fallback> {
    let mut chain: Vec<Fallback> = Vec::new();
    for &(name, regular, bold, index, prefer_for) in KNOWN {
        let Some(path) = files.get(regular) else { continue };
        if chain.iter().any(|known| known.regular.path == *path) {
            continue;
        }
        chain.push(Fallback {
            name: name.to_owned(),
            regular: FontFile { path: path.clone(), index },
            bold: files.get(bold).map(|path| FontFile { path: path.clone(), index }),
            prefer_for,
        });
    }
    chain
}

/// The chain, discovered once per process (a few milliseconds of reading
/// folders; call it first from a worker thread).
pub fn fallbacks() -> &'static [Fallback] {
    static CHAIN: OnceLock<Vec<Fallback>> = OnceLock::new();
    CHAIN.get_or_init(|| if system_fonts_allowed() { discover() } else { Vec::new() })
}

/// Set (to anything) to use the bundled fonts only: the same PDF on every
/// machine, and a way to see the app as a machine without fonts shows it.
pub const NO_SYSTEM_FONTS: &str = "MATURITY_WORKSHOP_NO_SYSTEM_FONTS";

fn system_fonts_allowed() -> bool {
    std::env::var_os(NO_SYSTEM_FONTS).is_none()
}

/// Asks fontconfig (`fc-match`) for a font that has `c`, for scripts the
/// table does not name. `None` without fontconfig or without such a font.
pub fn fontconfig_font_for(c: char) -> Option<FontFile> {
    if !system_fonts_allowed() {
        return None;
    }
    let output = std::process::Command::new("fc-match")
        .args(["--format=%{file}\n%{index}", &format!(":charset={:x}", c as u32)])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let mut lines = text.lines();
    let path = PathBuf::from(lines.next()?.trim());
    let index = lines.next().and_then(|index| index.trim().parse().ok()).unwrap_or(0);
    path.is_file().then_some(FontFile { path, index })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_group_the_characters_notes_use() {
        assert_eq!(Script::of('ع'), Script::Arabic);
        assert_eq!(Script::of('ש'), Script::Hebrew);
        assert_eq!(Script::of('न'), Script::Devanagari);
        assert_eq!(Script::of('ि'), Script::Devanagari);
        for c in ['デ', '漢', '배', '、'] {
            assert_eq!(Script::of(c), Script::Cjk, "{c}");
        }
        assert_eq!(Script::of('🚀'), Script::Symbols);
        assert_eq!(Script::of('é'), Script::Other);
        assert_eq!(Script::of('\u{0301}'), Script::Common);
        assert_eq!(Script::of(' '), Script::Common);
        assert_eq!(Script::of('7'), Script::Common);
        assert!(is_invisible('\u{200D}') && is_invisible('\u{FE0F}') && !is_invisible('a'));
    }

    #[test]
    fn the_chain_follows_the_table_and_pairs_bold_faces() {
        let files: BTreeMap<String, PathBuf> = [
            ("Symbola_hint.ttf", "/f/a/Symbola_hint.ttf"),
            ("NotoSansCJK-Regular.ttc", "/f/b/NotoSansCJK-Regular.ttc"),
            ("NotoSansArabic-Regular.ttf", "/f/c/NotoSansArabic-Regular.ttf"),
            ("NotoSansArabic-Bold.ttf", "/f/c/NotoSansArabic-Bold.ttf"),
        ]
        .into_iter()
        .map(|(name, path)| (name.to_owned(), PathBuf::from(path)))
        .collect();
        let chain = chain_from(&files);
        let names: Vec<&str> = chain.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Noto Sans Arabic", "Noto Sans CJK", "Symbola"]);
        assert_eq!(
            chain[0].bold.as_ref().map(|b| b.path.clone()),
            Some("/f/c/NotoSansArabic-Bold.ttf".into())
        );
        assert_eq!(chain[1].bold, None);
        assert_eq!(chain[1].prefer_for, Some(Script::Cjk));
    }
}
