//! A Markdown document read as a model: the title, fields and summary, then
//! one section per level with its indicators and next steps. Everything
//! read keeps its offset, so that problems, including those the model
//! validator finds, point at the Markdown source. What is read goes into
//! a draft (`draft.rs`), which then becomes the model.

use super::blocks::{Block, Document, Inlines, Item, Line, join_lines, parse_blocks};
use super::draft::{Draft, DraftDimension, DraftIndicator, DraftLevel, Placed, build};
use super::fields::{Field, Key, Section, section_of, split_fields};
use crate::model::{MaturityModel, Step, characters, validate_with};
use crate::problem::{LineIndex, Problem, Problems};

/// Where the blocks being read belong.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Model,
    Level,
    Section(Section),
    /// Under a heading already reported: its content is not read.
    Ignored,
}

struct Reader<'s> {
    source: &'s str,
    draft: Draft,
    problems: Vec<(usize, String)>,
}

/// Sets a field once; a second one is a problem.
fn set_once(slot: &mut Option<Placed>, field: &Field, problems: &mut Vec<(usize, String)>, owner: &str) {
    if slot.is_some() {
        problems.push((field.at, format!("{owner} has a second {}: line; keep one", field.key.name())));
    } else {
        *slot = Some((field.value.clone(), field.at));
    }
}

fn fields_list(keys: &[Key]) -> String {
    keys.iter().map(|key| format!("{}:", key.name())).collect::<Vec<_>>().join(", ")
}

impl<'s> Reader<'s> {
    fn problem(&mut self, at: usize, message: impl Into<String>) {
        self.problems.push((at, message.into()));
    }

    fn wrong_field(&mut self, field: &Field, owner: &str, keys: &[Key]) {
        self.problem(
            field.at,
            format!("{}: is not a field of {owner}; {owner} takes {}", field.key.name(), fields_list(keys)),
        );
    }

    /// A paragraph before the first level: summary text and model fields.
    fn model_paragraph(&mut self, inlines: &Inlines) {
        let (text, fields) = split_fields(&inlines.lines, self.source);
        if !text.is_empty() {
            self.draft.summary.push((join_lines(text), inlines.at));
        }
        for field in fields {
            let draft = &mut self.draft;
            let problems = &mut self.problems;
            match field.key {
                Key::Id => set_once(&mut draft.id, &field, problems, "the model"),
                Key::Source => set_once(&mut draft.source, &field, problems, "the model"),
                Key::Author => set_once(&mut draft.author, &field, problems, "the source"),
                Key::Url => set_once(&mut draft.url, &field, problems, "the source"),
                Key::Note => set_once(&mut draft.note, &field, problems, "the source"),
                Key::Version => match field.value.trim().parse::<u32>() {
                    Ok(version) if draft.version.is_none() => draft.version = Some((version, field.at)),
                    Ok(_) => {
                        problems.push((field.at, "the model has a second Version: line; keep one".into()))
                    }
                    Err(_) => problems.push((
                        field.at,
                        format!("Version: \"{}\" is not a whole number", field.value.trim()),
                    )),
                },
                Key::Year => match field.value.trim().parse::<u16>() {
                    Ok(year) if draft.year.is_none() => draft.year = Some((year, field.at)),
                    Ok(_) => problems.push((field.at, "the source has a second Year: line; keep one".into())),
                    Err(_) => {
                        problems.push((field.at, format!("Year: \"{}\" is not a year", field.value.trim())))
                    }
                },
                _ => self.wrong_field(
                    &field,
                    "the model",
                    &[Key::Id, Key::Version, Key::Source, Key::Author, Key::Url, Key::Year, Key::Note],
                ),
            }
        }
    }

    fn level_paragraph(&mut self, inlines: &Inlines) {
        let (text, fields) = split_fields(&inlines.lines, self.source);
        let Some(level) = self.draft.levels.last_mut() else { return };
        if !text.is_empty() {
            level.description.push((join_lines(text), inlines.at));
        }
        for field in fields {
            let Some(level) = self.draft.levels.last_mut() else { return };
            match field.key {
                Key::Id => set_once(&mut level.id, &field, &mut self.problems, "a level"),
                Key::Summary => set_once(&mut level.summary, &field, &mut self.problems, "a level"),
                _ => self.wrong_field(&field, "a level", &[Key::Id, Key::Summary]),
            }
        }
    }

    /// The paragraphs of a list item, and a problem for anything else in it.
    fn item_lines(&mut self, item: &Item) -> Vec<Line> {
        let mut lines = Vec::new();
        for block in &item.blocks {
            match block {
                Block::Paragraph(inlines) => {
                    if !lines.is_empty()
                        && let Some(first) = inlines.lines.first()
                    {
                        // A new paragraph in the item reads as a new line.
                        let mut first = first.clone();
                        first.hard = true;
                        lines.push(first);
                        lines.extend(inlines.lines.iter().skip(1).cloned());
                    } else {
                        lines.extend(inlines.lines.iter().cloned());
                    }
                }
                Block::Heading { inlines, .. } => {
                    self.problem(inlines.at, "a heading inside a list item; put it on a line of its own");
                }
                Block::List { at, .. } | Block::Skipped { what: "a list inside a list item", at } => {
                    self.problem(*at, "a list inside a list item; a model's lists are one level deep");
                }
                Block::Skipped { what: "a code block", at } => {
                    self.problem(*at, "a code block has no place in a model; write it as text");
                }
                Block::Skipped { .. } => {}
            }
        }
        lines
    }

    fn indicator(&mut self, item: &Item) {
        let lines = self.item_lines(item);
        let (text, fields) = split_fields(&lines, self.source);
        let mut indicator = DraftIndicator { statement: join_lines(text), at: item.at, ..Default::default() };
        if let Some(first) = text.first() {
            indicator.at = first.at;
        }
        for field in fields {
            let problems = &mut self.problems;
            match field.key {
                Key::Id => set_once(&mut indicator.id, &field, problems, "an indicator"),
                Key::Dimension => set_once(&mut indicator.dimension, &field, problems, "an indicator"),
                Key::Guidance => set_once(&mut indicator.guidance, &field, problems, "an indicator"),
                Key::Source => set_once(&mut indicator.source, &field, problems, "an indicator"),
                _ => self.wrong_field(
                    &field,
                    "an indicator",
                    &[Key::Id, Key::Dimension, Key::Guidance, Key::Source],
                ),
            }
        }
        if let Some(level) = self.draft.levels.last_mut() {
            level.indicators.push(indicator);
        }
    }

    fn next_step(&mut self, item: &Item) {
        let lines = self.item_lines(item);
        let at = lines.first().map_or(item.at, |line| line.at);
        if let Some(level) = self.draft.levels.last_mut() {
            level.next_steps.push((join_lines(&lines), at));
        }
    }

    fn dimension(&mut self, item: &Item) {
        let lines = self.item_lines(item);
        let (text, fields) = split_fields(&lines, self.source);
        let at = text.first().map_or(item.at, |line| line.at);
        let mut dimension = DraftDimension { name: join_lines(text), at, ..Default::default() };
        for field in fields {
            match field.key {
                Key::Id => set_once(&mut dimension.id, &field, &mut self.problems, "a dimension"),
                Key::Description => {
                    set_once(&mut dimension.description, &field, &mut self.problems, "a dimension");
                }
                _ => self.wrong_field(&field, "a dimension", &[Key::Id, Key::Description]),
            }
        }
        self.draft.dimensions.push(dimension);
    }

    fn list(&mut self, context: Context, items: &[Item], at: usize) {
        match context {
            Context::Model => self.problem(
                at,
                "a list before the first level; indicators and next steps go under a level's heading",
            ),
            Context::Level | Context::Section(Section::Indicators) => {
                items.iter().for_each(|item| self.indicator(item));
            }
            Context::Section(Section::NextSteps) => items.iter().for_each(|item| self.next_step(item)),
            Context::Section(Section::Dimensions) => items.iter().for_each(|item| self.dimension(item)),
            Context::Ignored => {}
        }
    }

    fn heading_text(&self, inlines: &Inlines) -> String {
        join_lines(&inlines.lines)
    }

    fn read(&mut self, document: &Document) {
        let front_title = document.front_matter.as_ref().and_then(|(text, at)| front_matter_title(text, *at));
        let headings: Vec<usize> = document
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| matches!(block, Block::Heading { .. }))
            .map(|(index, _)| index)
            .collect();
        // The title is the first heading, unless the front matter has one;
        // then a first heading that repeats it is the title too.
        let title_block =
            headings.first().copied().filter(|&index| match (&front_title, &document.blocks[index]) {
                (None, _) => true,
                (Some((title, _)), Block::Heading { inlines, .. }) => {
                    self.heading_text(inlines).trim().eq_ignore_ascii_case(title.trim())
                }
                _ => false,
            });
        match (&front_title, title_block.map(|index| &document.blocks[index])) {
            (_, Some(Block::Heading { inlines, range, .. })) => {
                self.draft.title = Some((self.heading_text(inlines), range.start));
            }
            (Some(title), _) => self.draft.title = Some(title.clone()),
            _ => {}
        }
        // Levels are the headings of the shallowest depth among those that
        // are neither the title nor a section.
        let level_depth = headings
            .iter()
            .filter(|&&index| Some(index) != title_block)
            .filter_map(|&index| match &document.blocks[index] {
                Block::Heading { depth, range, .. } if self.section(range).is_none() => Some(*depth),
                _ => None,
            })
            .min();

        let mut context = Context::Model;
        for (index, block) in document.blocks.iter().enumerate() {
            if Some(index) == title_block {
                continue;
            }
            match block {
                Block::Heading { depth, inlines, range } => {
                    context = self.heading(*depth, inlines, range, level_depth);
                }
                Block::Paragraph(inlines) => {
                    match context {
                        Context::Model => self.model_paragraph(inlines),
                        Context::Level => self.level_paragraph(inlines),
                        Context::Section(section) => {
                            let (what, example) = match section {
                                Section::Indicators => ("indicators", "- The release is scripted."),
                                Section::NextSteps => ("next steps", "- Script the release."),
                                Section::Dimensions => ("dimensions", "- Rollback"),
                            };
                            self.problem(
                            inlines.at,
                            format!("text under a heading of {what} must be a list item, such as \"{example}\""),
                        );
                        }
                        Context::Ignored => {}
                    }
                }
                Block::List { items, at } => self.list(context, items, *at),
                Block::Skipped { what: "a code block", at } if context != Context::Ignored => {
                    self.problem(*at, "a code block has no place in a model; write it as text");
                }
                Block::Skipped { .. } => {}
            }
        }
    }

    fn section(&self, range: &std::ops::Range<usize>) -> Option<Section> {
        self.source.get(range.clone()).and_then(section_of)
    }

    fn heading(
        &mut self,
        depth: usize,
        inlines: &Inlines,
        range: &std::ops::Range<usize>,
        level_depth: Option<usize>,
    ) -> Context {
        let text = self.heading_text(inlines);
        match self.section(range) {
            Some(Section::Dimensions) => Context::Section(Section::Dimensions),
            Some(_) if self.draft.levels.is_empty() => {
                self.problem(
                    range.start,
                    format!("\"{text}\" comes before the first level; put it under a level's heading"),
                );
                Context::Ignored
            }
            Some(section) => Context::Section(section),
            None if Some(depth) == level_depth => {
                self.draft.levels.push(DraftLevel { name: text, at: range.start, ..Default::default() });
                Context::Level
            }
            None => {
                let marks = "#".repeat(level_depth.unwrap_or(2));
                self.problem(
                    range.start,
                    format!(
                        "heading \"{text}\" is neither a level nor a section: levels are the {marks} headings, sections are \"Indicators\", \"Next steps\" and \"Dimensions\""
                    ),
                );
                Context::Ignored
            }
        }
    }
}

/// `title:` from YAML front matter, without quotes.
fn front_matter_title(text: &str, at: usize) -> Option<Placed> {
    text.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        if !key.trim().eq_ignore_ascii_case("title") {
            return None;
        }
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        (!unquoted.is_empty()).then(|| (unquoted.to_owned(), at))
    })
}

/// Reads a model from Markdown text. `file` names the document in problems.
pub fn parse_model_markdown(file: &str, text: &str) -> Result<MaturityModel, Problems> {
    let source = text.strip_prefix('\u{feff}').unwrap_or(text);
    let hidden = characters::scan(file, source);
    if !hidden.is_empty() {
        return Err(Problems(hidden));
    }
    let document = parse_blocks(source);
    let mut reader = Reader { source, draft: Draft::default(), problems: Vec::new() };
    reader.read(&document);
    let no_title = reader.draft.title.as_ref().is_none_or(|(title, _)| title.trim().is_empty());
    if no_title {
        reader.problem(
            0,
            "the document has no title: start it with a heading such as \"# My deployment model\"",
        );
    }
    for level in &reader.draft.levels {
        if level.indicators.is_empty() {
            reader.problems.push((
                level.at,
                format!(
                    "level \"{}\" has no indicators: list them under a heading \"Indicators\" below it",
                    level.name
                ),
            ));
        }
    }
    let lines = LineIndex::new(source);
    let mut problems: Vec<Problem> = reader
        .problems
        .iter()
        .map(|(at, message)| {
            let (line, column) = lines.position(*at);
            Problem { file: file.to_owned(), line, column, message: message.clone() }
        })
        .collect();
    // Without a title, the source (named after it) has none either: one
    // problem says it.
    let source_from_title = no_title && reader.draft.source.is_none();
    let (model, positions) = build(reader.draft);
    let locator = |path: &[Step<'static>]| {
        (0..=path.len()).rev().find_map(|len| positions.get(&path[..len])).map(|at| lines.position(*at))
    };
    problems.extend(validate_with(file, &model, &locator).into_iter().filter(|problem| {
        !(no_title && problem.message == "model title is empty"
            || source_from_title && problem.message == "source title is empty")
    }));
    problems.sort_by_key(|problem| (problem.line, problem.column));
    problems.dedup();
    if problems.is_empty() { Ok(model) } else { Err(Problems(problems)) }
}
