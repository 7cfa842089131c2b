//! What a Markdown model document says before it is a model: drafts of
//! the model, its dimensions, levels and indicators with the offsets they
//! were read at, and the model built from them with ids made where the
//! document gives none and the position of each value, so the validator's
//! problems point at the Markdown source.

use std::collections::{HashMap, HashSet};

use super::ids::{Ids, kebab, short_kebab};
use crate::model::{Dimension, Indicator, Level, MaturityModel, Source, Step};

use Step::{Field as F, Index as I};

/// A text read from the document, with where it starts.
pub(super) type Placed = (String, usize);

#[derive(Default)]
pub(super) struct DraftIndicator {
    pub(super) statement: String,
    pub(super) at: usize,
    pub(super) id: Option<Placed>,
    pub(super) dimension: Option<Placed>,
    pub(super) guidance: Option<Placed>,
    pub(super) source: Option<Placed>,
}

#[derive(Default)]
pub(super) struct DraftDimension {
    pub(super) name: String,
    pub(super) at: usize,
    pub(super) id: Option<Placed>,
    pub(super) description: Option<Placed>,
}

#[derive(Default)]
pub(super) struct DraftLevel {
    pub(super) name: String,
    pub(super) at: usize,
    pub(super) id: Option<Placed>,
    pub(super) summary: Option<Placed>,
    pub(super) description: Vec<Placed>,
    pub(super) indicators: Vec<DraftIndicator>,
    pub(super) next_steps: Vec<Placed>,
}

#[derive(Default)]
pub(super) struct Draft {
    pub(super) title: Option<Placed>,
    pub(super) id: Option<Placed>,
    pub(super) version: Option<(u32, usize)>,
    pub(super) summary: Vec<Placed>,
    pub(super) source: Option<Placed>,
    pub(super) author: Option<Placed>,
    pub(super) url: Option<Placed>,
    pub(super) year: Option<(u16, usize)>,
    pub(super) note: Option<Placed>,
    pub(super) dimensions: Vec<DraftDimension>,
    pub(super) levels: Vec<DraftLevel>,
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
pub(super) type Positions = HashMap<Vec<Step<'static>>, usize>;

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
pub(super) fn build(draft: Draft) -> (MaturityModel, Positions) {
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
