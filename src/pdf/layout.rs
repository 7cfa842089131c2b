//! What a page is made of, without printpdf: placed items, their boxes,
//! and measured line wrapping. Everything is in points with the origin at
//! the top-left corner and y growing downwards, the way a page is read;
//! `emit` flips it for PDF.

use unicode_segmentation::UnicodeSegmentation;

use super::fonts::{Face, Fonts, Weight};
use super::shape;
use super::style::{Rgb, TextStyle};

/// Tolerance for comparisons of accumulated float positions.
pub(super) const EPSILON: f32 = 0.01;

/// Something drawn on a page.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A line of text; `rtl` is the direction of its paragraph, which
    /// decides the order of its right-to-left and left-to-right runs.
    Text {
        x: f32,
        baseline: f32,
        style: TextStyle,
        text: String,
        width: f32,
        rtl: bool,
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
    /// A label: text on one line, left to right, measured the way it will
    /// be drawn.
    pub fn text(fonts: &Fonts, x: f32, baseline: f32, style: TextStyle, text: impl Into<String>) -> Self {
        Self::line(fonts, x, baseline, style, Line { text: text.into(), rtl: false })
    }

    /// A wrapped line, starting at `x` (its left end, whatever its direction).
    pub fn line(fonts: &Fonts, x: f32, baseline: f32, style: TextStyle, line: Line) -> Self {
        let width = shape::width(fonts, style.weight, style.size, &line.text, line.rtl);
        Item::Text { x, baseline, style, text: line.text, width, rtl: line.rtl }
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

/// One line of wrapped text, and the direction of its paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub rtl: bool,
}

/// Whether a paragraph reads right to left (its first strong letter): the
/// app's labels decide their alignment by the same function.
pub use crate::text_direction::is_rtl;

/// The line being filled by `wrap`. Its width is the sum of its parts'
/// widths, each measured as drawn: exact for simple text (one glyph per
/// character), an estimate otherwise (shaping may join across a part), so a
/// shaped line is measured whole when it is finished and gives back parts
/// until it fits. Measuring the whole line at every word instead made a
/// page of Arabic or Chinese take seconds.
struct Filling<'a> {
    fonts: &'a Fonts,
    weight: Weight,
    size: f32,
    rtl: bool,
    limit: f32,
    text: String,
    /// Where each part starts in `text`.
    parts: Vec<usize>,
    width: f32,
    simple: bool,
}

impl Filling<'_> {
    fn part_width(&self, part: &str) -> f32 {
        shape::width(self.fonts, self.weight, self.size, part, self.rtl)
    }

    fn fits(&self, part: &str) -> bool {
        self.width + self.part_width(part) <= self.limit + EPSILON
    }

    fn push(&mut self, part: &str) {
        if part.is_empty() {
            return;
        }
        self.width += self.part_width(part);
        self.simple &= shape::is_simple(self.fonts.face(self.weight), part);
        self.parts.push(self.text.len());
        self.text.push_str(part);
    }

    /// Ends the line, and starts the next with the parts it gave back; true
    /// when it gave back any.
    fn break_into(&mut self, lines: &mut Vec<Line>) -> bool {
        let carry = self.finish_line(lines);
        let carried = !carry.is_empty();
        self.push(&carry);
        carried
    }

    /// Ends the line before its last part, which starts the next line:
    /// so that a closing mark does not open a line, nor an opening one end
    /// it.
    fn break_before_last(&mut self, lines: &mut Vec<Line>) {
        let Some(mut start) = self.parts.pop() else {
            self.break_into(lines);
            return;
        };
        // A run of closing marks ("。」") moves with the character before it.
        while never_starts_a_line(&self.text[start..]) && self.parts.len() > 1 {
            let Some(earlier) = self.parts.pop() else { break };
            start = earlier;
        }
        let last = self.text.split_off(start);
        self.width -= self.part_width(&last);
        let carry = self.finish_line(lines);
        self.push(&carry);
        self.push(&last);
    }

    /// The last part of the line.
    fn last_part(&self) -> &str {
        self.parts.last().and_then(|&start| self.text.get(start..)).unwrap_or_default()
    }

    /// Pushes the line, first giving back the last parts (and the space
    /// before them) while its shaped width is over the limit.
    fn finish_line(&mut self, lines: &mut Vec<Line>) -> String {
        let mut carry = String::new();
        if !self.simple {
            while self.parts.len() > 1 && self.part_width(&self.text) > self.limit + EPSILON {
                let Some(start) = self.parts.pop() else { break };
                carry.insert_str(0, &self.text[start..]);
                self.text.truncate(start);
                while self.parts.len() > 1 && self.text.ends_with(' ') {
                    let Some(space) = self.parts.pop() else { break };
                    self.text.truncate(space);
                }
            }
        }
        lines.push(Line { text: std::mem::take(&mut self.text), rtl: self.rtl });
        self.parts.clear();
        self.width = 0.0;
        self.simple = true;
        carry.trim_start_matches(' ').to_owned()
    }

    /// The paragraph's last line (and any its shaped width pushes over).
    fn finish(mut self, lines: &mut Vec<Line>) {
        loop {
            let carry = self.finish_line(lines);
            if carry.is_empty() {
                return;
            }
            self.push(&carry);
        }
    }
}

/// Breaks `text` into lines no wider than `width` at `size`, each measured
/// as it will be drawn (shaped, in the fonts that draw it): at spaces where
/// possible, inside a word only when the word alone is too wide, and never
/// inside a grapheme cluster. Line breaks in the text are kept; an empty
/// line stands for a blank line.
pub fn wrap(fonts: &Fonts, weight: Weight, size: f32, text: &str, width: f32) -> Vec<Line> {
    let text = printable(text);
    let mut lines = Vec::new();
    for paragraph in text.trim_end().split('\n') {
        let rtl = is_rtl(paragraph);
        let mut line = Filling {
            fonts,
            weight,
            size,
            rtl,
            limit: width,
            text: String::new(),
            parts: Vec::new(),
            width: 0.0,
            simple: true,
        };
        let mut started = false;
        for word in paragraph.split(' ') {
            if !started {
                started = true;
            } else if line.fits(&format!(" {word}")) {
                line.push(" ");
            } else if line.break_into(&mut lines) {
                // The words given back and this one stay apart.
                line.push(" ");
            }
            if line.fits(word) {
                line.push(word);
                continue;
            }
            // Too wide even on a line of its own (a double-barrelled name,
            // a URL): break after hyphens and slashes, and between
            // characters only where a piece is still too wide.
            for piece in word.split_inclusive(['-', '/']) {
                if !line.text.is_empty() && !line.fits(piece) {
                    line.break_into(&mut lines);
                }
                if line.fits(piece) {
                    line.push(piece);
                    continue;
                }
                for cluster in piece.graphemes(true) {
                    if !line.text.is_empty() && !line.fits(cluster) {
                        let keep_together = line.parts.len() > 1
                            && (never_starts_a_line(cluster) || never_ends_a_line(line.last_part()));
                        if keep_together {
                            line.break_before_last(&mut lines);
                        } else {
                            line.break_into(&mut lines);
                        }
                    }
                    line.push(cluster);
                }
            }
        }
        line.finish(&mut lines);
    }
    lines
}

/// Closing punctuation, small kana and the prolonged sound mark, which
/// Chinese and Japanese typesetting never put at the start of a line
/// (JIS X 4051's line-start prohibition, the common part).
fn never_starts_a_line(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(|c| {
        "、。，．・：；？！）」』】〕〉》〙〗〟’”ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ！），．：；？］｝,.;:!?)]}"
            .contains(c)
    })
}

/// Opening brackets, which never end a line.
fn never_ends_a_line(cluster: &str) -> bool {
    cluster.chars().next().is_some_and(|c| "（「『【〔〈《〘〖〝‘“（［｛([{".contains(c))
}

/// `text` cut with an ellipsis to fit `width`, for one-line places such as
/// the running header.
pub fn fit(fonts: &Fonts, weight: Weight, size: f32, text: &str, width: f32) -> String {
    let text = printable(text).replace('\n', " ");
    let measure = |candidate: &str| shape::width(fonts, weight, size, candidate, false);
    if measure(&text) <= width {
        return text;
    }
    let mut out = String::new();
    for cluster in text.graphemes(true) {
        if measure(&format!("{out}{cluster}…")) > width {
            break;
        }
        out.push_str(cluster);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Width of a label in the primary face of `weight`, for centring.
pub fn label_width(fonts: &Fonts, style: TextStyle, text: &str) -> f32 {
    shape::width(fonts, style.weight, style.size, text, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;

    fn texts(lines: Vec<Line>) -> Vec<String> {
        lines.into_iter().map(|line| line.text).collect()
    }

    fn wrap_regular(text: &str, width: f32) -> Vec<String> {
        texts(wrap(fonts().unwrap(), Weight::Regular, 10.0, text, width))
    }

    #[test]
    fn wrapping_respects_the_width_and_keeps_every_word() {
        let face = &fonts().unwrap().regular;
        let text = "Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία. Команда согласна: откат.";
        for width in [40.0, 90.0, 200.0, 1000.0] {
            let lines = wrap_regular(text, width);
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
        assert_eq!(wrap_regular(name, width), ["Παπαδοπούλου-Иванова-", "Østergaard"]);
        let url = "https://example.com/a-long-path/segment";
        let lines = wrap_regular(url, face.width("https://example.com/", 10.0) + 1.0);
        assert_eq!(lines.concat(), url);
        assert_eq!(lines[0], "https://example.com/");
    }

    #[test]
    fn wrapping_keeps_line_breaks_and_blank_lines() {
        assert_eq!(wrap_regular("a\n\nb\tc\r", 500.0), ["a", "", "b c"]);
        assert_eq!(wrap_regular("", 500.0), [""]);
    }

    #[test]
    fn lines_of_other_scripts_are_measured_as_drawn() {
        let fonts = fonts().unwrap();
        // Arabic is shaped (joined forms are narrower than isolated ones),
        // so the wrapped lines are measured shaped, not letter by letter.
        let text = "نشر الإصدار كل يوم جمعة بعد المراجعة، मंगलवार को परिनियोजन, デプロイ 배포";
        for width in [60.0, 120.0, 300.0] {
            for line in wrap(fonts, Weight::Regular, 10.0, text, width) {
                let drawn = shape::shape(fonts, Weight::Regular, 10.0, &line.text, line.rtl).width;
                assert!(drawn <= width + EPSILON || line.text.chars().count() == 1, "{line:?} at {width}");
            }
        }
        assert!(wrap(fonts, Weight::Regular, 10.0, "نشر الإصدار", 500.0)[0].rtl);
        assert!(!wrap(fonts, Weight::Regular, 10.0, "Release نشر", 500.0)[0].rtl);
    }

    #[test]
    fn chinese_and_japanese_lines_never_start_with_closing_punctuation() {
        let fonts = fonts().unwrap();
        if fonts.face_for(Weight::Regular, crate::fonts::Script::Cjk, "日").is_none() {
            eprintln!("skipped: no CJK font on this machine (fonts-noto-cjk)");
            return;
        }
        let text = "日本語：リリース前に自動ロールバックを用意し、デプロイのたびに監視を確認します。「監視は大切です。」とチームは言います。";
        for step in 0..40 {
            let width = 60.0 + step as f32 * 5.0;
            let lines = wrap_regular(text, width);
            assert_eq!(lines.concat(), text);
            for line in &lines[1..] {
                assert!(!never_starts_a_line(line), "{line:?} at {width}");
            }
            for line in &lines[..lines.len() - 1] {
                let last = line.graphemes(true).next_back().unwrap_or_default();
                assert!(!never_ends_a_line(last), "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn fit_adds_an_ellipsis_only_when_needed() {
        let fonts = fonts().unwrap();
        let face = &fonts.regular;
        assert_eq!(fit(fonts, Weight::Regular, 10.0, "short", 100.0), "short");
        let cut = fit(fonts, Weight::Regular, 10.0, "a very long team name that cannot fit", 60.0);
        assert!(cut.ends_with('…') && face.width(&cut, 10.0) <= 60.0, "{cut}");
    }
}
