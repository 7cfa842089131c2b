//! A Markdown document read as a model: the title, fields and summary, then
//! one section per level with its indicators and next steps. Everything
//! read keeps its offset, so that problems, including those the model
//! validator finds, point at the Markdown source.

use std::collections::{HashMap, HashSet};

use super::blocks::{Block, Document, Inlines, Item, Line, join_lines, parse_blocks};
use super::fields::{Field, Key, Section, section_of, split_fields};
use super::ids::{Ids, kebab, short_kebab};
use crate::model::{Dimension, Indicator, Level, MaturityModel, Source, Step, characters, validate_with};
use crate::problem::{LineIndex, Problem, Problems};

use Step::{Field as F, Index as I};

/// A text read from the document, with where it starts.
type Placed = (String, usize);

#[derive(Default)]
struct DraftIndicator {
    statement: String,
    at: usize,
    id: Option<Placed>,
    dimension: Option<Placed>,
    guidance: Option<Placed>,
    source: Option<Placed>,
}

#[derive(Default)]
struct DraftDimension {
    name: String,
    at: usize,
    id: Option<Placed>,
    description: Option<Placed>,
}

#[derive(Default)]
struct DraftLevel {
    name: String,
    at: usize,
    id: Option<Placed>,
    summary: Option<Placed>,
    description: Vec<Placed>,
    indicators: Vec<DraftIndicator>,
    next_steps: Vec<Placed>,
}

#[derive(Default)]
struct Draft {
    title: Option<Placed>,
    id: Option<Placed>,
    version: Option<(u32, usize)>,
    summary: Vec<Placed>,
    source: Option<Placed>,
    author: Option<Placed>,
    url: Option<Placed>,
    year: Option<(u16, usize)>,
    note: Option<Placed>,
    dimensions: Vec<DraftDimension>,
    levels: Vec<DraftLevel>,
}

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

/// The first sentence of a text: what a level says in one line when the
/// document gives it no summary.
fn first_sentence(text: &str) -> String {
    let paragraph = text.split("\n\n").next().unwrap_or_default().trim();
    let end = paragraph
        .char_indices()
        .find(|(at, c)| {
            matches!(c, '.' | '!' | '?') && paragraph[at + 1..].chars().next().is_none_or(char::is_whitespace)
        })
        .map_or(paragraph.len(), |(at, _)| at + 1);
    paragraph[..end].to_owned()
}

/// Where each value of the model sits in the document, by its path.
type Positions = HashMap<Vec<Step<'static>>, usize>;

/// An id given in the document, or one made from `base` (or `fallback`
/// when the text has no letters), with its position recorded either way.
fn id_at(
    given: Option<Placed>,
    path: Vec<Step<'static>>,
    text_at: usize,
    ids: &mut Ids,
    base: String,
    fallback: impl FnOnce() -> String,
    at: &mut Positions,
) -> String {
    match given {
        Some((id, line)) => {
            at.insert(path, line);
            id
        }
        None => {
            at.insert(path, text_at);
            ids.derive(&if base.is_empty() { fallback() } else { base })
        }
    }
}

/// Reserves the ids a document gives, so that made ones keep out of their way.
fn reserved<'a>(given: impl Iterator<Item = &'a Option<Placed>>) -> Ids {
    let mut ids = Ids::default();
    for (id, _) in given.flatten() {
        ids.reserve(id);
    }
    ids
}

fn build_source(draft: &Draft, title: &str, title_at: usize, at: &mut Positions) -> Source {
    let (source_title, source_at) = draft.source.clone().unwrap_or((title.to_owned(), title_at));
    at.insert(vec![F("source"), F("title")], source_at);
    for (field, value) in [("author", &draft.author), ("url", &draft.url), ("note", &draft.note)] {
        if let Some((_, line)) = value {
            at.insert(vec![F("source"), F(field)], *line);
        }
    }
    Source {
        title: source_title,
        author: draft.author.clone().map(|(text, _)| text),
        url: draft.url.clone().map(|(text, _)| text),
        year: draft.year.map(|(year, _)| year),
        note: draft.note.clone().map(|(text, _)| text),
    }
}

fn build_dimensions(drafts: Vec<DraftDimension>, at: &mut Positions) -> Vec<Dimension> {
    let mut ids = reserved(drafts.iter().map(|d| &d.id));
    let mut dimensions = Vec::new();
    for (d, draft) in drafts.into_iter().enumerate() {
        let path = |field| vec![F("dimensions"), I(d), F(field)];
        at.insert(path("name"), draft.at);
        let base = kebab(&draft.name);
        let id = id_at(draft.id, path("id"), draft.at, &mut ids, base, || "dimension".to_owned(), at);
        if let Some((_, line)) = &draft.description {
            at.insert(path("description"), *line);
        }
        let description = draft.description.map(|(text, _)| text).unwrap_or_default();
        dimensions.push(Dimension { id, name: draft.name, description });
    }
    dimensions
}

/// Ids shared while building levels: levels among levels, indicators
/// across the model.
struct LevelIds {
    levels: Ids,
    indicators: Ids,
}

fn build_level(
    l: usize,
    level: DraftLevel,
    ids: &mut LevelIds,
    dimensions: &DimensionNames<'_>,
    at: &mut Positions,
) -> Level {
    let path = |field| vec![F("levels"), I(l), F(field)];
    at.insert(path("name"), level.at);
    let base = kebab(&level.name);
    let level_id =
        id_at(level.id, path("id"), level.at, &mut ids.levels, base, || format!("level-{}", l + 1), at);
    let description =
        level.description.iter().map(|(text, _)| text.as_str()).collect::<Vec<_>>().join("\n\n");
    if let Some((_, line)) = level.description.first() {
        at.insert(path("description"), *line);
    }
    let summary = match level.summary {
        Some((summary, line)) => {
            at.insert(path("summary"), line);
            summary
        }
        None => first_sentence(&description),
    };
    let mut indicators = Vec::new();
    for (i, draft) in level.indicators.into_iter().enumerate() {
        let path = |field| vec![F("levels"), I(l), F("indicators"), I(i), F(field)];
        at.insert(path("statement"), draft.at);
        let words = short_kebab(&draft.statement, 4);
        let prefix = id_prefix(&level_id);
        let base = if words.is_empty() { String::new() } else { format!("{prefix}-{words}") };
        let fallback = || format!("{prefix}-{}", i + 1);
        let id = id_at(draft.id, path("id"), draft.at, &mut ids.indicators, base, fallback, at);
        let dimension = draft.dimension.map(|(value, line)| {
            at.insert(path("dimension"), line);
            dimensions.id(value)
        });
        for (field, value) in [("guidance", &draft.guidance), ("source", &draft.source)] {
            if let Some((_, line)) = value {
                at.insert(path(field), *line);
            }
        }
        let (guidance, source) = (draft.guidance.map(|(text, _)| text), draft.source.map(|(text, _)| text));
        indicators.push(Indicator { id, statement: draft.statement, dimension, guidance, source });
    }
    let mut next_steps = Vec::new();
    for (s, (step, line)) in level.next_steps.into_iter().enumerate() {
        at.insert(vec![F("levels"), I(l), F("next_steps"), I(s)], line);
        next_steps.push(step);
    }
    Level { id: level_id, name: level.name, summary, description, indicators, next_steps }
}

/// A level's id as the start of its indicators' ids: whole words, at most
/// 40 bytes of it, so that a long level name does not repeat in full in
/// every indicator id (and multiply the size of the model file).
fn id_prefix(level_id: &str) -> &str {
    const MAX: usize = 40;
    if level_id.len() <= MAX {
        return level_id;
    }
    let mut end = MAX;
    while !level_id.is_char_boundary(end) {
        end -= 1;
    }
    let head = &level_id[..end];
    match head.rfind('-') {
        Some(at) if at > 0 => &head[..at],
        _ => head,
    }
}

/// The model a finished draft describes, and where each of its values sits.
fn build(draft: Draft) -> (MaturityModel, Positions) {
    let mut at = Positions::new();
    let (title, title_at) = draft.title.clone().unwrap_or_default();
    at.insert(vec![F("title")], title_at);
    let id = id_at(
        draft.id.clone(),
        vec![F("id")],
        title_at,
        &mut Ids::default(),
        kebab(&title),
        || "model".to_owned(),
        &mut at,
    );
    let version = draft.version.map_or(1, |(version, _)| version);
    let summary = draft.summary.iter().map(|(text, _)| text.as_str()).collect::<Vec<_>>().join("\n\n");
    if let Some((_, first)) = draft.summary.first() {
        at.insert(vec![F("summary")], *first);
    }
    let source = build_source(&draft, &title, title_at, &mut at);
    let dimensions = build_dimensions(draft.dimensions, &mut at);
    let mut ids = LevelIds {
        levels: reserved(draft.levels.iter().map(|level| &level.id)),
        indicators: reserved(draft.levels.iter().flat_map(|level| level.indicators.iter().map(|i| &i.id))),
    };
    at.insert(vec![F("levels")], draft.levels.first().map_or(title_at, |level| level.at));
    let names = DimensionNames::new(&dimensions);
    let levels = draft
        .levels
        .into_iter()
        .enumerate()
        .map(|(l, level)| build_level(l, level, &mut ids, &names, &mut at))
        .collect();
    (MaturityModel { id, version, title, summary, source, dimensions, levels }, at)
}

/// The dimensions an indicator's `Dimension:` line may name: by id, or, for
/// a document written by hand, by name in any case. Looked up once per
/// indicator, so by hash: a document of many dimensions and indicators
/// stays linear.
struct DimensionNames<'d> {
    dimensions: &'d [Dimension],
    ids: HashSet<&'d str>,
    /// The first dimension of each name, trimmed and in ASCII lowercase.
    by_name: HashMap<String, usize>,
    /// The first dimension of each name as kebab case.
    by_kebab: HashMap<String, usize>,
}

impl<'d> DimensionNames<'d> {
    fn new(dimensions: &'d [Dimension]) -> Self {
        let mut by_name = HashMap::new();
        let mut by_kebab = HashMap::new();
        for (index, dimension) in dimensions.iter().enumerate() {
            by_name.entry(dimension.name.trim().to_ascii_lowercase()).or_insert(index);
            by_kebab.entry(kebab(&dimension.name)).or_insert(index);
        }
        let ids = dimensions.iter().map(|dimension| dimension.id.as_str()).collect();
        Self { dimensions, ids, by_name, by_kebab }
    }

    /// The id of the dimension `value` names: the first one whose id is
    /// `value`, or whose name is it in any case or as kebab case; `value`
    /// itself when none is (the validator then says so).
    fn id(&self, value: String) -> String {
        if self.ids.contains(value.as_str()) {
            return value;
        }
        let by_name = self.by_name.get(&value.trim().to_ascii_lowercase());
        let by_kebab = self.by_kebab.get(&kebab(&value));
        match by_name.into_iter().chain(by_kebab).min() {
            Some(&index) => self.dimensions[index].id.clone(),
            None => value,
        }
    }
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
