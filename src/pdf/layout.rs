//! Page layout without printpdf: measured line wrapping, blocks of placed
//! items, and a flow that breaks blocks across pages. Everything is in
//! points with the origin at the top-left corner and y growing downwards,
//! the way a page is read; `emit` flips it for PDF.

use super::fonts::{Face, Fonts};
use super::style::{Geometry, Rgb, TextStyle};

/// Tolerance for comparisons of accumulated float positions.
const EPSILON: f32 = 0.01;

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

    fn shift(&mut self, dy: f32) {
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
            // Too wide even on a line of its own (a URL, a path): break it
            // between characters.
            for c in word.chars() {
                let advance = face.advance(c) * size;
                if line_width + advance > width + EPSILON && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += advance;
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

/// The unit a block breaks at: its items stay on one page together.
#[derive(Clone, Debug, Default, PartialEq)]
struct Part {
    top: f32,
    bottom: f32,
    items: Vec<Item>,
    /// A rule that separates from what is above: pointless, and dropped,
    /// at the top of a page.
    separator: bool,
}

/// Items placed relative to the block's top-left, grouped into parts that
/// may go to different pages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Block {
    parts: Vec<Part>,
    pub height: f32,
}

impl Block {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds items that occupy `top..bottom` and must not be separated.
    pub fn add(&mut self, top: f32, bottom: f32, items: Vec<Item>) {
        self.height = self.height.max(bottom);
        self.parts.push(Part { top, bottom, items, separator: false });
    }

    /// Adds a separating rule, left out when it would open a page.
    pub fn separator(&mut self, y: f32, item: Item) {
        self.height = self.height.max(y);
        self.parts.push(Part { top: y, bottom: y, items: vec![item], separator: true });
    }

    /// Leaves empty space at the end of the block.
    pub fn pad(&mut self, bottom: f32) {
        self.height = self.height.max(bottom);
    }

    /// Adds `text` wrapped to `width` at `x`, first line box at `top`, one
    /// part per line; returns the y below the last line.
    pub fn text(&mut self, fonts: &Fonts, x: f32, top: f32, width: f32, style: TextStyle, text: &str) -> f32 {
        let face = fonts.face(style.weight);
        let offset = baseline_offset(face, style);
        let mut y = top;
        for line in wrap(face, style.size, text, width) {
            if line.is_empty() {
                // A blank line between paragraphs: a visible pause, not a
                // full empty line.
                self.add(y, y + style.leading * 0.5, Vec::new());
                y += style.leading * 0.5;
                continue;
            }
            self.add(y, y + style.leading, vec![Item::text(face, x, y + offset, style, line)]);
            y += style.leading;
        }
        y
    }

    /// The vertical extent of every part, in the order they were added.
    pub fn spans(&self) -> Vec<(f32, f32)> {
        self.parts.iter().map(|part| (part.top, part.bottom)).collect()
    }

    /// Every item of `other`, moved down by `dy`, keeping its parts.
    pub fn append(&mut self, other: Block, dy: f32) {
        for mut part in other.parts {
            part.items.iter_mut().for_each(|item| item.shift(dy));
            part.top += dy;
            part.bottom += dy;
            self.height = self.height.max(part.bottom);
            self.parts.push(part);
        }
        self.pad(other.height + dy);
    }

    /// Merges every part into one, so the block never breaks.
    pub fn unbreakable(mut self) -> Self {
        let items = self.parts.drain(..).flat_map(|part| part.items).collect();
        let height = self.height;
        self.add(0.0, height, items);
        self
    }

    /// Where the first `lines` lines end: parts that start together (a line
    /// and its decorations) count as one line.
    fn head(&self, lines: usize) -> f32 {
        let mut tops: Vec<f32> = Vec::new();
        let mut bottom: f32 = 0.0;
        let mut parts: Vec<&Part> = self.parts.iter().filter(|part| !part.separator).collect();
        parts.sort_by(|a, b| a.top.total_cmp(&b.top));
        for part in parts {
            if !tops.iter().any(|top| (top - part.top).abs() < EPSILON) {
                if tops.len() == lines {
                    break;
                }
                tops.push(part.top);
            }
            bottom = bottom.max(part.bottom);
        }
        if tops.is_empty() { self.height } else { bottom }
    }
}

/// Pours blocks onto pages from top to bottom, starting a new page when
/// the next part does not fit.
pub struct Flow<'f> {
    pub fonts: &'f Fonts,
    pub geometry: Geometry,
    pages: Vec<Page>,
    y: f32,
    /// Headings waiting for the content they introduce, so that they move
    /// to the next page with it rather than stay behind alone.
    held: Option<Block>,
}

impl<'f> Flow<'f> {
    pub fn new(fonts: &'f Fonts, geometry: Geometry) -> Self {
        Self { fonts, geometry, pages: vec![Page::default()], y: geometry.top, held: None }
    }

    pub fn new_page(&mut self) {
        self.release(0.0);
        self.break_page();
    }

    fn break_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.geometry.top;
    }

    /// True at the top of a page with nothing held back.
    pub fn at_top(&self) -> bool {
        self.held.is_none() && self.y <= self.geometry.top + EPSILON
    }

    fn remaining(&self) -> f32 {
        self.geometry.content_bottom() - self.y
    }

    /// Vertical space; swallowed at the top of a page, where it would only
    /// push the content down.
    pub fn gap(&mut self, height: f32) {
        if let Some(held) = &mut self.held {
            held.pad(held.height + height);
            return;
        }
        if self.at_top() {
            return;
        }
        if height > self.remaining() {
            self.break_page();
        } else {
            self.y += height;
        }
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if height > self.remaining() + EPSILON && self.y > self.geometry.top + EPSILON {
            self.break_page();
        }
    }

    /// Holds a heading (or an introduction to what follows) until the next
    /// content arrives, then places both on the same page.
    pub fn hold(&mut self, block: Block) {
        match &mut self.held {
            Some(held) => {
                let top = held.height;
                held.append(block, top);
            }
            None => self.held = Some(block),
        }
    }

    /// Places what is held, on a page with at least `needed` points to
    /// spare below it.
    fn release(&mut self, needed: f32) {
        if let Some(held) = self.held.take() {
            self.ensure(held.height + needed.min(self.geometry.content_height() - held.height));
            self.put(held);
        }
    }

    /// Places a block that must stay in one piece when it fits on a page
    /// (charts, table rows); one taller than a page breaks between parts.
    pub fn place_together(&mut self, block: Block) {
        let needed =
            if block.height <= self.geometry.content_height() { block.height } else { block.head(2) };
        self.release(needed);
        self.ensure(needed);
        self.put(block);
    }

    /// Places a block, breaking it between lines where the page ends, with
    /// at least its first `lines` lines together (and with whatever heading
    /// is held).
    pub fn place_keeping(&mut self, block: Block, lines: usize) {
        let head = block.head(lines.max(1));
        self.release(head);
        self.ensure(head);
        self.put(block);
    }

    /// Places a block, breaking it between lines where the page ends, never
    /// leaving a lone first line at the bottom of a page.
    pub fn place(&mut self, block: Block) {
        self.place_keeping(block, 2);
    }

    fn put(&mut self, block: Block) {
        let bottom = self.geometry.content_bottom();
        // Pages are decided top to bottom, but items are written in the
        // order they were added, which is the reading order (a table cell's
        // lines stay together), so that copied text reads right.
        let mut order: Vec<usize> = (0..block.parts.len()).collect();
        order.sort_by(|&a, &b| block.parts[a].top.total_cmp(&block.parts[b].top));
        let mut placement = vec![(0, 0.0, false); block.parts.len()];
        let mut base = self.y;
        let mut page_has_content = self.pages.last().is_some_and(|page| !page.body.is_empty());
        for index in order {
            let part = &block.parts[index];
            let first_on_page = base + part.top <= self.geometry.top + EPSILON;
            if base + part.bottom > bottom + EPSILON && !first_on_page {
                self.break_page();
                base = self.geometry.top - part.top;
                page_has_content = false;
            }
            let opens_page = !page_has_content || base + part.top <= self.geometry.top + EPSILON;
            let skip = part.separator && opens_page;
            page_has_content |= !skip && !part.items.is_empty();
            placement[index] = (self.pages.len() - 1, base, skip);
        }
        for (part, (page, base, skip)) in block.parts.into_iter().zip(placement) {
            if skip {
                continue;
            }
            if let Some(page) = self.pages.get_mut(page) {
                page.body.extend(part.items.into_iter().map(|mut item| {
                    item.shift(base);
                    item
                }));
            }
        }
        self.y = base + block.height;
    }

    pub fn finish(mut self) -> Vec<Page> {
        self.release(0.0);
        self.pages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::fonts;
    use crate::pdf::style::{BODY, Paper};

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

    #[test]
    fn long_text_breaks_across_pages_within_the_margins() {
        let fonts = fonts().unwrap();
        let geometry = Geometry::for_paper(Paper::A4);
        let mut flow = Flow::new(fonts, geometry);
        let mut block = Block::new();
        let text = "word ".repeat(3000);
        block.text(fonts, geometry.left, 0.0, geometry.content_width(), BODY, &text);
        flow.place(block);
        let pages = flow.finish();
        assert!(pages.len() > 2);
        let area = Bounds {
            left: geometry.left,
            top: geometry.top,
            right: geometry.content_right(),
            bottom: geometry.content_bottom(),
        };
        for page in &pages {
            let boxes: Vec<Bounds> = page.body.iter().map(|item| item.bounds(fonts)).collect();
            assert!(boxes.iter().all(|b| b.within(&area)));
            for (i, a) in boxes.iter().enumerate() {
                assert!(boxes[i + 1..].iter().all(|b| !a.overlaps(b)));
            }
        }
    }

    #[test]
    fn a_kept_heading_moves_to_the_next_page_with_its_text() {
        let fonts = fonts().unwrap();
        let geometry = Geometry::for_paper(Paper::A4);
        let mut flow = Flow::new(fonts, geometry);
        let mut filler = Block::new();
        filler.add(0.0, geometry.content_height() - 20.0, vec![]);
        flow.place(filler);
        let mut heading = Block::new();
        heading.text(fonts, geometry.left, 0.0, 300.0, BODY, "Heading");
        flow.hold(heading);
        let mut text = Block::new();
        text.text(fonts, geometry.left, 0.0, 300.0, BODY, "one\ntwo\nthree");
        flow.place(text);
        let pages = flow.finish();
        assert_eq!(pages.len(), 2);
        assert!(pages[0].body.is_empty());
    }
}
