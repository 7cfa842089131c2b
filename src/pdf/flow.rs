//! Blocks of placed items and the flow that pours them onto pages: breaks
//! between lines where a page ends, keeps headings with what follows, and
//! never leaves a lone first line at the foot of a page.

use super::fonts::Fonts;
use super::layout::{EPSILON, Item, Page, baseline_offset, wrap};
use super::style::{Geometry, TextStyle};

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

    /// Adds a rule that separates this block from its neighbours, left out
    /// when it would open a page.
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
        for line in wrap(fonts, style.weight, style.size, text, width) {
            if line.text.is_empty() {
                // A blank line between paragraphs: a visible pause, not a
                // full empty line.
                self.add(y, y + style.leading * 0.5, Vec::new());
                y += style.leading * 0.5;
                continue;
            }
            let mut item = Item::line(fonts, x, y + offset, style, line);
            // A right-to-left paragraph lines up on the right.
            if let Item::Text { x: left, width: drawn, rtl: true, .. } = &mut item {
                *left += (width - *drawn).max(0.0);
            }
            self.add(y, y + style.leading, vec![item]);
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
pub struct Flow {
    pub geometry: Geometry,
    pages: Vec<Page>,
    y: f32,
    /// Headings waiting for the content they introduce, so that they move
    /// to the next page with it rather than stay behind alone.
    held: Option<Block>,
}

impl Flow {
    pub fn new(geometry: Geometry) -> Self {
        Self { geometry, pages: vec![Page::default()], y: geometry.top, held: None }
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

    /// Whether `height` more points fit on the current page.
    pub fn fits(&self, height: f32) -> bool {
        self.held.is_none() && height <= self.remaining() + EPSILON
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
    use crate::pdf::layout::Bounds;
    use crate::pdf::style::{BODY, Paper};

    #[test]
    fn long_text_breaks_across_pages_within_the_margins() {
        let fonts = fonts().unwrap();
        let geometry = Geometry::for_paper(Paper::A4);
        let mut flow = Flow::new(geometry);
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
        let mut flow = Flow::new(geometry);
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
