//! One line of text as glyphs: each grapheme cluster given to the first
//! font that draws it, right-to-left runs put in visual order (UAX #9,
//! unicode-bidi) and every run shaped by harfrust (Arabic letters joined,
//! Devanagari conjuncts and marks placed, CJK as is). Layout measures
//! lines with the same function that places their glyphs, so a line is as
//! wide on the page as it was when it was wrapped.
//!
//! Text that DejaVu Sans draws one glyph per character (Latin, Greek,
//! Cyrillic) takes a short path: no shaping, the font's advance widths, and
//! the text handed to printpdf as it is.

use std::ops::Range;

use harfrust::{BufferFlags, Direction, ShapeOptions, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};
use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{Face, Fonts, Weight};
use crate::fonts::{Script, is_invisible};

/// A glyph placed on a line, in points from the line's start (x to the
/// right, y up from the baseline).
#[derive(Clone, Debug, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub x: f32,
    pub y: f32,
    /// How far the pen moves after it (0 for a mark on the glyph before).
    pub advance: f32,
    /// The characters the glyph stands for, for the PDF's ToUnicode map,
    /// which holds one text per glyph for the whole document.
    pub text: String,
}

/// The glyphs of one grapheme cluster, left to right.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub glyphs: Vec<Glyph>,
    /// The cluster's characters when its glyphs cannot say them one by one
    /// (a conjunct, a vowel sign drawn before its consonant, a ligature, an
    /// empty box): the PDF gives them as the span's ActualText. In visual
    /// order, like the glyphs: readers turn right-to-left text back.
    pub actual_text: Option<String>,
}

/// Glyph clusters of one face, left to right.
pub struct Run<'f> {
    pub face: &'f Face,
    pub clusters: Vec<Cluster>,
}

impl Run<'_> {
    pub fn glyphs(&self) -> impl Iterator<Item = &Glyph> {
        self.clusters.iter().flat_map(|cluster| &cluster.glyphs)
    }
}

/// A shaped line.
pub struct Shaped<'f> {
    /// `None` for simple text (one face, one glyph per character).
    pub runs: Option<Vec<Run<'f>>>,
    pub width: f32,
    /// Characters no font on the machine has, in text order.
    pub missing: Vec<char>,
}

/// Whether `text` takes the short path: every character in the primary
/// face and of a script drawn one glyph per character, left to right.
pub fn is_simple(face: &Face, text: &str) -> bool {
    text.chars().all(|c| {
        matches!(Script::of(c), Script::Other | Script::Common | Script::Symbols)
            && (c.is_control() || c == ' ' || face.has_glyph(c))
    })
}

/// The width of `text` at `size`: what `shape` would make of it.
pub fn width(fonts: &Fonts, weight: Weight, size: f32, text: &str, rtl: bool) -> f32 {
    let face = fonts.face(weight);
    if is_simple(face, text) {
        return face.width(text, size);
    }
    shape(fonts, weight, size, text, rtl).width
}

/// A stretch of the line with one bidi level, script and face.
struct Segment<'f> {
    range: Range<usize>,
    level: Level,
    script: Script,
    face: &'f Face,
}

/// `text` (one line, no line breaks) as glyphs at `size`; `rtl` is the
/// direction of its paragraph.
pub fn shape<'f>(fonts: &'f Fonts, weight: Weight, size: f32, text: &str, rtl: bool) -> Shaped<'f> {
    let primary = fonts.face(weight);
    if is_simple(primary, text) {
        return Shaped { runs: None, width: primary.width(text, size), missing: Vec::new() };
    }
    let (segments, missing) = segments(fonts, weight, text, rtl);
    let levels: Vec<Level> = segments.iter().map(|segment| segment.level).collect();
    let mut runs = Vec::new();
    let mut x = 0.0;
    for index in BidiInfo::reorder_visual(&levels) {
        let segment = &segments[index];
        let clusters = shape_segment(segment, &text[segment.range.clone()], size, &mut x);
        runs.push(Run { face: segment.face, clusters });
    }
    Shaped { runs: Some(runs), width: x, missing }
}

/// Cuts the line into segments of one level, script and face, in logical
/// order, and lists the characters no face has (drawn by the primary
/// face's empty box).
fn segments<'f>(fonts: &'f Fonts, weight: Weight, text: &str, rtl: bool) -> (Vec<Segment<'f>>, Vec<char>) {
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = BidiInfo::new(text, Some(base));
    let mut segments: Vec<Segment> = Vec::new();
    let mut missing = Vec::new();
    // Spaces, digits and punctuation go with the script before them; at the
    // start, with the first script that follows.
    let mut script = text.chars().map(Script::of).find(|s| *s != Script::Common).unwrap_or(Script::Other);
    for (start, cluster) in text.grapheme_indices(true) {
        let own = cluster.chars().next().map_or(Script::Common, Script::of);
        if own != Script::Common {
            script = own;
        }
        let level = bidi.levels.get(start).copied().unwrap_or(base);
        let face = fonts.face_for(weight, script, cluster).unwrap_or_else(|| {
            missing.extend(cluster.chars().filter(|&c| !is_invisible(c) && !c.is_control()));
            fonts.face(weight)
        });
        let end = start + cluster.len();
        match segments.last_mut() {
            Some(last) if last.level == level && last.script == script && std::ptr::eq(last.face, face) => {
                last.range.end = end;
            }
            _ => segments.push(Segment { range: start..end, level, script, face }),
        }
    }
    (segments, missing)
}

/// Shapes one segment, placing its glyphs from `x` on; moves `x` past it.
fn shape_segment(segment: &Segment, text: &str, size: f32, x: &mut f32) -> Vec<Cluster> {
    let face = segment.face;
    let rtl = segment.level.is_rtl();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl { Direction::RightToLeft } else { Direction::LeftToRight });
    buffer.guess_segment_properties();
    // Each segment is shaped on its own: joining never crosses a change of
    // font, script or direction anyway.
    // Joiners and variation selectors shape their neighbours and then go:
    // a zero-width glyph left behind would only confuse text extraction.
    buffer.set_flags(
        BufferFlags::BEGINNING_OF_TEXT | BufferFlags::END_OF_TEXT | BufferFlags::REMOVE_DEFAULT_IGNORABLES,
    );
    let shaper = face.shaper_data().shaper(face.font()).build();
    let plan = face.plan(&shaper, buffer.direction(), buffer.script());
    let output = shaper.shape(buffer, ShapeOptions::new().plan(Some(&plan)));
    let scale = size / face.units_per_em;
    // Clusters are byte offsets into `text`; a cluster's characters run to
    // the next cluster's start in logical order.
    let mut starts: Vec<usize> = output.glyph_infos().iter().map(|info| info.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| {
        let end = starts.iter().find(|&&s| s > start).copied().unwrap_or(text.len());
        let logical = text.get(start..end).unwrap_or_default();
        if rtl { logical.chars().rev().collect() } else { logical.to_owned() }
    };
    // harfrust keeps a cluster's glyphs together in its output.
    let mut groups: Vec<(usize, Vec<Glyph>)> = Vec::new();
    for (info, position) in output.glyph_infos().iter().zip(output.glyph_positions()) {
        let glyph = Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            x: *x + position.x_offset as f32 * scale,
            y: position.y_offset as f32 * scale,
            advance: position.x_advance as f32 * scale,
            text: String::new(),
        };
        *x += position.x_advance as f32 * scale;
        match groups.last_mut() {
            Some((cluster, glyphs)) if *cluster == info.cluster as usize => glyphs.push(glyph),
            _ => groups.push((info.cluster as usize, vec![glyph])),
        }
    }
    groups.into_iter().map(|(start, glyphs)| cluster(face, cluster_text(start), glyphs)).collect()
}

/// Names a cluster's glyphs: a lone glyph by the cluster's characters, as
/// its ToUnicode entry; the glyphs of a longer cluster each by the
/// character the font's cmap gives it (so that a glyph means the same
/// everywhere in the document), and the cluster as a whole by ActualText.
fn cluster(face: &Face, text: String, mut glyphs: Vec<Glyph>) -> Cluster {
    let boxed = glyphs.iter().any(|glyph| glyph.id == 0);
    if let [glyph] = glyphs.as_mut_slice()
        && !boxed
    {
        glyph.text = text;
        return Cluster { glyphs, actual_text: None };
    }
    for glyph in &mut glyphs {
        if glyph.id != 0
            && let Some(c) = text.chars().find(|&c| face.glyph_of(c) == glyph.id)
        {
            glyph.text = c.to_string();
        }
    }
    Cluster { glyphs, actual_text: Some(text) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;

    #[test]
    fn simple_text_is_measured_by_the_font_alone() {
        let fonts = fonts().unwrap();
        let text = "Café-style façade Ωμέγα Жук";
        let shaped = shape(fonts, Weight::Regular, 10.0, text, false);
        assert!(shaped.runs.is_none());
        assert_eq!(shaped.width, fonts.regular.width(text, 10.0));
    }

    #[test]
    fn arabic_is_joined_and_read_right_to_left() {
        let fonts = fonts().unwrap();
        // "نشر" (deployment): three letters, joined, so their glyphs are
        // the contextual forms rather than the isolated ones.
        let shaped = shape(fonts, Weight::Regular, 10.0, "نشر", true);
        let runs = shaped.runs.unwrap();
        assert_eq!(runs.len(), 1);
        let glyphs: Vec<&Glyph> = runs[0].glyphs().collect();
        assert_eq!(glyphs.len(), 3);
        let face = runs[0].face;
        let isolated: Vec<u16> = "نشر".chars().map(|c| face.glyph_of(c)).collect();
        // Visual order: the last letter (ر) comes first, on the left.
        assert_eq!(glyphs[0].text, "ر");
        assert_eq!(glyphs[2].text, "ن");
        assert_ne!(glyphs[2].id, isolated[0], "ن keeps its isolated form: not joined");
        assert!(glyphs.windows(2).all(|pair| pair[0].x < pair[1].x));
        assert!(shaped.missing.is_empty());
    }

    #[test]
    fn a_right_to_left_word_inside_a_left_to_right_line_is_reversed_in_place() {
        let fonts = fonts().unwrap();
        let shaped = shape(fonts, Weight::Regular, 10.0, "a שלום b", false);
        let text: String =
            shaped.runs.unwrap().iter().flat_map(|run| run.glyphs().map(|g| g.text.clone())).collect();
        assert_eq!(text, "a םולש b");
    }

    #[test]
    fn characters_no_font_has_are_listed() {
        let fonts = fonts().unwrap();
        // A private-use character: no font is expected to have it.
        let shaped = shape(fonts, Weight::Regular, 10.0, "x\u{10FFFD}y", false);
        assert_eq!(shaped.missing, ['\u{10FFFD}']);
        assert!(shaped.width > 0.0);
    }
}
