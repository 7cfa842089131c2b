//! What a page is made of, without printpdf: placed items, their boxes,
//! and measured line wrapping. Everything is in points with the origin at
//! the top-left corner and y growing downwards, the way a page is read;
//! `emit` flips it for PDF.

use super::fonts::{Face, Fonts};
use super::style::{Rgb, TextStyle};

/// Tolerance for comparisons of accumulated float positions.
pub(super) const EPSILON: f32 = 0.01;

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text {
        x: f32,
        baseline: f32,
        style: TextStyle,
        text: String,
        width: f32,
    },
    /// `stroke` is a colour and a width; the outline is drawn inside the box.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb,
        width: f32,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
}

/// An axis-aligned box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
}

impl Bounds {
    pub fn within(&self, outer: &Bounds) -> bool {
        self.left >= outer.left - EPSILON
            && self.top >= outer.top - EPSILON
            && self.right <= outer.right + EPSILON
            && self.bottom <= outer.bottom + EPSILON
    }

    pub fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right - EPSILON
            && other.left < self.right - EPSILON
            && self.top < other.bottom - EPSILON
            && other.top < self.bottom - EPSILON
    }
}

impl Item {
    pub fn text(face: &Face, x: f32, baseline: f32, style: TextStyle, text: impl Into<String>) -> Self {
        let text = text.into();
        let width = face.width(&text, style.size);
        Item::Text { x, baseline, style, text, width }
    }

    pub fn fill(x: f32, y: f32, w: f32, h: f32, colour: Rgb) -> Self {
        Item::Rect { x, y, w, h, fill: Some(colour), stroke: None }
    }

    pub fn hline(x0: f32, x1: f32, y: f32, colour: Rgb, width: f32) -> Self {
        Item::Line { from: (x0, y), to: (x1, y), colour, width }
    }

    pub(super) fn shift(&mut self, dy: f32) {
        match self {
            Item::Text { baseline, .. } => *baseline += dy,
            Item::Rect { y, .. } => *y += dy,
            Item::Line { from, to, .. } => {
                from.1 += dy;
                to.1 += dy;
            }
            Item::Polygon { points, .. } => points.iter_mut().for_each(|point| point.1 += dy),
        }
    }

    /// The box the item paints into (text: its advance width by the font's
    /// ascent and descent; lines: half their width either side).
    pub fn bounds(&self, fonts: &Fonts) -> Bounds {
        match self {
            Item::Text { x, baseline, style, width, .. } => {
                let face = fonts.face(style.weight);
                Bounds {
                    left: *x,
                    top: baseline - face.ascent * style.size,
                    right: x + width,
                    bottom: baseline + face.descent * style.size,
                }
            }
            // Outlines are drawn inside the box (see `emit`).
            Item::Rect { x, y, w, h, .. } => Bounds { left: *x, top: *y, right: x + w, bottom: y + h },
            Item::Line { from, to, width, .. } => {
                // PDF's default butt caps end a line exactly at its end
                // points, so it only spreads across its direction.
                let half = width / 2.0;
                let (half_x, half_y) = match (from.0 == to.0, from.1 == to.1) {
                    (true, false) => (half, 0.0),
                    (false, true) => (0.0, half),
                    _ => (half, half),
                };
                Bounds {
                    left: from.0.min(to.0) - half_x,
                    top: from.1.min(to.1) - half_y,
                    right: from.0.max(to.0) + half_x,
                    bottom: from.1.max(to.1) + half_y,
                }
            }
            Item::Polygon { points, .. } => points.iter().fold(
                Bounds { left: f32::MAX, top: f32::MAX, right: f32::MIN, bottom: f32::MIN },
                |b, &(x, y)| Bounds {
                    left: b.left.min(x),
                    top: b.top.min(y),
                    right: b.right.max(x),
                    bottom: b.bottom.max(y),
                },
            ),
        }
    }
}

/// One laid-out page: the body inside the margins, and the running header
/// and footer in them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub body: Vec<Item>,
    pub furniture: Vec<Item>,
}

/// Where the baseline of a line of `style` sits below the top of its line
/// box: the glyphs' ascent and descent centred in the leading, so that the
/// drawn text always stays inside the box.
pub fn baseline_offset(face: &Face, style: TextStyle) -> f32 {
    let glyphs = (face.ascent + face.descent) * style.size;
    (style.leading - glyphs).max(0.0) / 2.0 + face.ascent * style.size
}

/// Text as it can be drawn: tabs become spaces, and control characters,
/// which have no glyph, are dropped (line breaks are kept).
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Breaks `text` into lines no wider than `width` at `size`, by the font's
/// advance widths: at spaces where possible, inside a word only when the
/// word alone is too wide. Line breaks in the text are kept; an empty
/// string stands for a blank line.
pub fn wrap(face: &Face, size: f32, text: &str, width: f32) -> Vec<String> {
    let text = printable(text);
    let space = face.advance(' ') * size;
    let mut lines = Vec::new();
    for paragraph in text.trim_end().split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        let mut started = false;
        for word in paragraph.split(' ') {
            let word_width = face.width(word, size);
            if !started {
                started = true;
            } else if line_width + space + word_width <= width + EPSILON {
                line.push(' ');
                line_width += space;
            } else {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            if line_width + word_width <= width + EPSILON {
                line.push_str(word);
                line_width += word_width;
                continue;
            }
            // Too wide even on a line of its own (a double-barrelled name,
            // a URL): break after hyphens and slashes, and between
            // characters only where a piece is still too wide.
            for piece in word.split_inclusive(['-', '/']) {
                let piece_width = face.width(piece, size);
                if line_width + piece_width > width + EPSILON && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                if piece_width <= width + EPSILON {
                    line.push_str(piece);
                    line_width += piece_width;
                    continue;
                }
                for c in piece.chars() {
                    let advance = face.advance(c) * size;
                    if line_width + advance > width + EPSILON && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(c);
                    line_width += advance;
                }
            }
        }
        lines.push(line);
    }
    lines
}

/// `text` cut with an ellipsis to fit `width`, for one-line places such as
/// the running header.
pub fn fit(face: &Face, size: f32, text: &str, width: f32) -> String {
    let text = printable(text).replace('\n', " ");
    if face.width(&text, size) <= width {
        return text;
    }
    let budget = width - face.width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        used += face.advance(c) * size;
        if used > budget {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let face = &fonts().unwrap().regular;
        let text = "Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία. Команда согласна: откат.";
        for width in [40.0, 90.0, 200.0, 1000.0] {
            let lines = wrap(face, 10.0, text, width);
            for line in &lines {
                let chars = line.chars().count();
                assert!(face.width(line, 10.0) <= width + EPSILON || chars == 1, "{line:?} at {width}");
            }
            let joined: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect::<Vec<_>>();
            if width >= 200.0 {
                assert_eq!(joined, text.split_whitespace().collect::<Vec<_>>());
            } else {
                assert_eq!(joined.concat(), text.split_whitespace().collect::<String>());
            }
        }
    }

    #[test]
    fn long_words_break_after_hyphens_and_slashes_first() {
        let face = &fonts().unwrap().regular;
        let name = "Παπαδοπούλου-Иванова-Østergaard";
        let width = face.width("Παπαδοπούλου-Иванова-", 10.0) + 1.0;
        assert_eq!(wrap(face, 10.0, name, width), ["Παπαδοπούλου-Иванова-", "Østergaard"]);
        let url = "https://example.com/a-long-path/segment";
        let lines = wrap(face, 10.0, url, face.width("https://example.com/", 10.0) + 1.0);
        assert_eq!(lines.concat(), url);
        assert_eq!(lines[0], "https://example.com/");
    }

    #[test]
    fn wrapping_keeps_line_breaks_and_blank_lines() {
        let face = &fonts().unwrap().regular;
        assert_eq!(wrap(face, 10.0, "a\n\nb\tc\r", 500.0), ["a", "", "b c"]);
        assert_eq!(wrap(face, 10.0, "", 500.0), [""]);
    }

    #[test]
    fn fit_adds_an_ellipsis_only_when_needed() {
        let face = &fonts().unwrap().regular;
        assert_eq!(fit(face, 10.0, "short", 100.0), "short");
        let cut = fit(face, 10.0, "a very long team name that cannot fit", 60.0);
        assert!(cut.ends_with('…') && face.width(&cut, 10.0) <= 60.0, "{cut}");
    }
}
