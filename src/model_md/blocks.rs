//! A Markdown document as the few blocks a model is made of: headings,
//! paragraphs and lists, each with its byte offset in the source. Built
//! from pulldown-cmark's events without recursion, so that no nesting,
//! however deep, can exhaust the stack: anything below a list item's own
//! text (a nested list, a quote) is kept only as a skipped block.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A run of text as pulldown-cmark decoded it.
#[derive(Clone, Debug)]
pub struct Piece {
    pub text: String,
    /// The text is written as is in the source: no escape, no character
    /// reference, no markup turned it into something else.
    pub literal: bool,
}

/// One source line of a paragraph, heading or list item.
#[derive(Clone, Debug, Default)]
pub struct Line {
    pub pieces: Vec<Piece>,
    /// Where the line's first text starts.
    pub at: usize,
    /// Follows a hard line break (two trailing spaces or a backslash).
    pub hard: bool,
}

impl Line {
    pub fn text(&self) -> String {
        self.pieces.iter().map(|piece| piece.text.as_str()).collect()
    }
}

/// The text of a paragraph or heading, line by line.
#[derive(Clone, Debug, Default)]
pub struct Inlines {
    pub lines: Vec<Line>,
    pub at: usize,
}

/// Lines joined as a reader sees them: a soft break is a space, a hard
/// break a new line.
pub fn join_lines(lines: &[Line]) -> String {
    let mut text = String::new();
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            text.push(if line.hard { '\n' } else { ' ' });
        }
        text.push_str(&line.text());
    }
    text
}

#[derive(Clone, Debug)]
pub enum Block {
    Heading {
        depth: usize,
        inlines: Inlines,
        range: Range<usize>,
    },
    Paragraph(Inlines),
    List {
        items: Vec<Item>,
        at: usize,
    },
    /// Something a model has no place for, with a name for messages.
    Skipped {
        what: &'static str,
        at: usize,
    },
}

#[derive(Clone, Debug, Default)]
pub struct Item {
    pub blocks: Vec<Block>,
    pub at: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The text of a YAML front matter block (`---` lines) and its offset.
    pub front_matter: Option<(String, usize)>,
    pub blocks: Vec<Block>,
}

/// Inline content being collected, and what it will become.
struct Collecting {
    heading: Option<(usize, usize)>,
    inlines: Inlines,
    /// Link destinations waiting for their text to end, with where their
    /// text starts and the `written` count there.
    links: Vec<(String, (usize, usize), usize)>,
    /// Bytes of text, pieces and line breaks taken in so far: how much a
    /// link's text holds, known without reading it again.
    written: usize,
}

impl Collecting {
    fn new(at: usize, heading: Option<(usize, usize)>) -> Self {
        Self {
            heading,
            inlines: Inlines { lines: vec![Line { at, ..Line::default() }], at },
            links: Vec::new(),
            written: 0,
        }
    }

    fn push(&mut self, text: &str, at: usize, literal: bool) {
        let Some(line) = self.inlines.lines.last_mut() else { return };
        if line.pieces.is_empty() {
            line.at = at;
        }
        line.pieces.push(Piece { text: text.to_owned(), literal });
        self.written += text.len() + 1;
    }

    fn line_break(&mut self, hard: bool, at: usize) {
        self.inlines.lines.push(Line { pieces: Vec::new(), at, hard });
        self.written += 1;
    }

    /// Where the next piece will go: line and piece index.
    fn mark(&self) -> (usize, usize) {
        let line = self.inlines.lines.len().saturating_sub(1);
        (line, self.inlines.lines.get(line).map_or(0, |l| l.pieces.len()))
    }

    /// Keeps a link's destination after its text, unless the text is the
    /// destination already: a model's text is plain.
    fn close_link(&mut self, at: usize) {
        let Some((url, (line, piece), written)) = self.links.pop() else { return };
        if url.is_empty() {
            return;
        }
        // Text much longer than the destination is not it (short of a
        // hundred spaces around it) and is not read again: links nested in
        // links would read the same text once per level.
        if self.written - written > 2 * url.len() + 256 {
            self.push(&format!(" ({url})"), at, false);
            return;
        }
        let text: String = self
            .inlines
            .lines
            .iter()
            .enumerate()
            .skip(line)
            .flat_map(|(index, l)| l.pieces.iter().skip(if index == line { piece } else { 0 }))
            .map(|p| p.text.as_str())
            .collect();
        if text.trim() != url {
            self.push(&format!(" ({url})"), at, false);
        }
    }

    /// Takes in an inline event: text, a line break, or the start or end
    /// of a link; other markup (emphasis, code marks) only shapes the text.
    fn inline(&mut self, event: Event<'_>, range: Range<usize>, source: &str) {
        let literal = |text: &str| source.get(range.clone()) == Some(text);
        match event {
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => {
                self.push(&text, range.start, literal(&text));
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push(&text, range.start, false);
            }
            Event::SoftBreak => self.line_break(false, range.end),
            Event::HardBreak => self.line_break(true, range.end),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let mark = self.mark();
                self.links.push((dest_url.to_string(), mark, self.written));
            }
            Event::End(TagEnd::Link | TagEnd::Image) => self.close_link(range.end),
            _ => {}
        }
    }

    fn finish(self) -> Block {
        let mut inlines = self.inlines;
        // Spaces at the end of a line are the source's layout, not text.
        for line in &mut inlines.lines {
            if let Some(last) = line.pieces.last_mut()
                && last.literal
            {
                let kept = last.text.trim_end().len();
                last.text.truncate(kept);
            }
        }
        match self.heading {
            Some((depth, start)) => Block::Heading { depth, inlines, range: start..start },
            None => Block::Paragraph(inlines),
        }
    }
}

/// A block being skipped: its name, offset and how many tags are open.
struct Skipping {
    what: &'static str,
    at: usize,
    depth: usize,
}

fn skipped_name(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::BlockQuote(_) => "a block quote",
        Tag::CodeBlock(_) => "a code block",
        Tag::HtmlBlock => "an HTML block",
        Tag::List(_) => "a list inside a list item",
        Tag::Table(_) => "a table",
        Tag::FootnoteDefinition(_) => "a footnote",
        _ => "a block",
    }
}

pub fn parse_blocks(source: &str) -> Document {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut document = Document::default();
    let mut list: Option<(Vec<Item>, usize)> = None;
    let mut item: Option<Item> = None;
    let mut inline: Option<Collecting> = None;
    let mut skipping: Option<Skipping> = None;
    let mut front_matter: Option<(String, usize)> = None;

    // Where a finished block goes: the open item, else the document.
    fn place(document: &mut Document, item: &mut Option<Item>, block: Block) {
        match item {
            Some(item) => item.blocks.push(block),
            None => document.blocks.push(block),
        }
    }

    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        if let Some(skip) = &mut skipping {
            match event {
                Event::Start(_) => skip.depth += 1,
                Event::End(_) => skip.depth = skip.depth.saturating_sub(1),
                _ => {}
            }
            if skip.depth == 0 {
                let block = Block::Skipped { what: skip.what, at: skip.at };
                skipping = None;
                place(&mut document, &mut item, block);
            }
            continue;
        }
        if let Some((text, _)) = &mut front_matter {
            match event {
                Event::Text(content) => text.push_str(&content),
                Event::End(_) => document.front_matter = front_matter.take(),
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Paragraph) => inline = Some(Collecting::new(range.start, None)),
            Event::Start(Tag::Heading { level, .. }) => {
                inline = Some(Collecting::new(range.start, Some((level as usize, range.start))));
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                if let Some(collecting) = inline.take() {
                    let mut block = collecting.finish();
                    if let Block::Heading { range: heading, .. } = &mut block {
                        *heading = range.clone();
                    }
                    place(&mut document, &mut item, block);
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => front_matter = Some((String::new(), range.start)),
            Event::Start(Tag::List(_)) if item.is_none() && list.is_none() => {
                list = Some((Vec::new(), range.start));
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((items, at)) = list.take() {
                    document.blocks.push(Block::List { items, at });
                }
            }
            Event::Start(Tag::Item) => item = Some(Item { blocks: Vec::new(), at: range.start }),
            Event::End(TagEnd::Item) => {
                if let Some(collecting) = inline.take() {
                    place(&mut document, &mut item, collecting.finish());
                }
                if let (Some(done), Some((items, _))) = (item.take(), &mut list) {
                    items.push(done);
                }
            }
            Event::Start(
                tag @ (Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::FootnoteDefinition(_)
                | Tag::DefinitionList
                | Tag::DefinitionListTitle
                | Tag::DefinitionListDefinition),
            ) => {
                // The text of the item so far ends where a block starts.
                if let Some(collecting) = inline.take() {
                    place(&mut document, &mut item, collecting.finish());
                }
                skipping = Some(Skipping { what: skipped_name(&tag), at: range.start, depth: 1 });
            }
            Event::Rule => {}
            other => {
                // Inline content; in a tight list item it comes without a
                // paragraph around it.
                if inline.is_none() && item.is_some() {
                    inline = Some(Collecting::new(range.start, None));
                }
                if let Some(collecting) = &mut inline {
                    collecting.inline(other, range, source);
                }
            }
        }
    }
    if let Some(collecting) = inline.take() {
        place(&mut document, &mut item, collecting.finish());
    }
    document
}
