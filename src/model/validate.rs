//! Checks a parsed model for the mistakes serde cannot see, and pins each one
//! to its place in the file.

use std::collections::{HashMap, HashSet};

use super::characters::first_refused;
use super::locate::{Step, locate_nearest};
use super::types::{Dimension, MaturityModel};
use crate::problem::{Problem, position_of_offset};

/// Finds the line and column of the value at a path (inside the model) in
/// the text a model was read from: RON walks the text, Markdown keeps a
/// table of positions.
pub type Locator<'a> = &'a dyn Fn(&[Step<'static>]) -> Option<(usize, usize)>;

/// A problem found in a parsed model, with the path of the value it is about.
struct Finding {
    path: Vec<Step<'static>>,
    message: String,
}

fn finding(path: Vec<Step<'static>>, message: String) -> Finding {
    Finding { path, message }
}

use Step::{Field, Index};

fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// At most this many levels in a model, and indicators in all its levels:
/// far beyond any published model, well short of what would make a ladder
/// or a PDF unusable.
pub const MAX_LEVELS: usize = 100;
pub const MAX_INDICATORS: usize = 5_000;

/// Remembers the first place each id was seen, to report duplicates.
pub(crate) struct IdRegistry<'m> {
    kind: &'static str,
    /// Where the model sits in the text: empty for a model file.
    base: Vec<Step<'static>>,
    first: HashMap<&'m str, Vec<Step<'static>>>,
}

impl<'m> IdRegistry<'m> {
    pub(crate) fn at(kind: &'static str, base: Vec<Step<'static>>) -> Self {
        Self { kind, base, first: HashMap::new() }
    }

    /// Where `path` (inside the model) sits in `text`.
    fn position(&self, text: &str, path: &[Step<'static>]) -> (usize, usize) {
        let full: Vec<Step<'_>> = self.base.iter().chain(path).copied().collect();
        position_of_offset(text, locate_nearest(text, &full))
    }

    /// Only that `id` is not a duplicate (for ids checked elsewhere).
    pub(crate) fn check_unique(
        &mut self,
        id: &'m str,
        path: Vec<Step<'static>>,
        text: &str,
        what: &str,
    ) -> Option<String> {
        let position = |path: &[Step<'static>]| Some(self.position(text, path));
        let first = self.first.get(id).map(|first_path| position(first_path).unwrap_or((0, 0)));
        self.unique_at(id, path, first, what)
    }

    /// [`Self::check_unique`] with positions from a locator.
    fn check_unique_with(
        &mut self,
        id: &'m str,
        path: Vec<Step<'static>>,
        locator: Locator<'_>,
        what: &str,
    ) -> Option<String> {
        let first = self.first.get(id).map(|first_path| locator(first_path).unwrap_or((0, 0)));
        self.unique_at(id, path, first, what)
    }

    /// `first` is where the id was seen before, if it was.
    fn unique_at(
        &mut self,
        id: &'m str,
        path: Vec<Step<'static>>,
        first: Option<(usize, usize)>,
        what: &str,
    ) -> Option<String> {
        match first {
            Some((line, column)) => {
                Some(format!("duplicate {} id \"{id}\"{what} (first used at {line}:{column})", self.kind))
            }
            None => {
                self.first.insert(id, path);
                None
            }
        }
    }

    fn check(
        &mut self,
        id: &'m str,
        path: Vec<Step<'static>>,
        locator: Locator<'_>,
        findings: &mut Vec<Finding>,
    ) {
        if id.trim().is_empty() {
            findings.push(finding(path, format!("{} id is empty", self.kind)));
            return;
        }
        if !is_kebab_case(id) {
            findings.push(finding(
                path.clone(),
                format!(
                    "{} id \"{id}\" is not kebab-case (lowercase letters, digits and single hyphens)",
                    self.kind
                ),
            ));
        }
        if let Some(message) = self.check_unique_with(id, path.clone(), locator, "") {
            findings.push(finding(path, message));
        }
    }
}

fn check_not_empty(value: &str, path: Vec<Step<'static>>, what: &str, findings: &mut Vec<Finding>) {
    if value.trim().is_empty() {
        findings.push(finding(path, format!("{what} is empty")));
    }
}

/// Every problem in `model`, positioned in `text` (the RON file it was parsed from).
pub fn validate(file: &str, text: &str, model: &MaturityModel) -> Vec<Problem> {
    validate_at(file, text, model, &[])
}

/// [`validate`] for a model inside a larger document (a workshop file's
/// copy of it) at `base`: the same checks, positioned in that document.
pub fn validate_at(file: &str, text: &str, model: &MaturityModel, base: &[Step<'static>]) -> Vec<Problem> {
    let locator = |path: &[Step<'static>]| {
        let full: Vec<Step<'_>> = base.iter().chain(path).copied().collect();
        Some(position_of_offset(text, locate_nearest(text, &full)))
    };
    validate_with(file, model, &locator)
}

/// Every problem in `model`, positioned by `locator` (paths inside the model).
pub fn validate_with(file: &str, model: &MaturityModel, locator: Locator<'_>) -> Vec<Problem> {
    let mut findings = Vec::new();
    let registry = |kind| IdRegistry::at(kind, Vec::new());

    registry("model").check(&model.id, vec![Field("id")], locator, &mut findings);
    check_not_empty(&model.title, vec![Field("title")], "model title", &mut findings);
    check_not_empty(
        &model.source.title,
        vec![Field("source"), Field("title")],
        "source title",
        &mut findings,
    );

    let mut dimension_ids = registry("dimension");
    for (d, dimension) in model.dimensions.iter().enumerate() {
        let at = |field| vec![Field("dimensions"), Index(d), Field(field)];
        dimension_ids.check(&dimension.id, at("id"), locator, &mut findings);
        check_not_empty(&dimension.name, at("name"), "dimension name", &mut findings);
    }

    if model.levels.len() < 2 {
        findings.push(finding(
            vec![Field("levels")],
            format!("a model needs at least two levels; this one has {}", model.levels.len()),
        ));
    }

    if model.levels.len() > MAX_LEVELS {
        findings.push(finding(
            vec![Field("levels")],
            format!("a model has at most {MAX_LEVELS} levels; this one has {}", model.levels.len()),
        ));
    }
    if model.indicator_count() > MAX_INDICATORS {
        findings.push(finding(
            vec![Field("levels")],
            format!(
                "a model has at most {MAX_INDICATORS} indicators; this one has {}",
                model.indicator_count()
            ),
        ));
    }

    let known_dimensions: HashSet<&str> = model.dimensions.iter().map(|d| d.id.as_str()).collect();
    let known = known_list(&model.dimensions);
    let mut level_ids = registry("level");
    let mut indicator_ids = registry("indicator");
    for (l, level) in model.levels.iter().enumerate() {
        let at = |field| vec![Field("levels"), Index(l), Field(field)];
        level_ids.check(&level.id, at("id"), locator, &mut findings);
        check_not_empty(&level.name, at("name"), "level name", &mut findings);
        for (i, indicator) in level.indicators.iter().enumerate() {
            let at = |field| vec![Field("levels"), Index(l), Field("indicators"), Index(i), Field(field)];
            indicator_ids.check(&indicator.id, at("id"), locator, &mut findings);
            check_not_empty(&indicator.statement, at("statement"), "indicator statement", &mut findings);
            if let Some(dimension) = &indicator.dimension
                && !known_dimensions.contains(&dimension.as_str())
            {
                findings.push(finding(
                    at("dimension"),
                    format!(
                        "indicator \"{}\" refers to unknown dimension \"{dimension}\" ({known})",
                        indicator.id
                    ),
                ));
            }
        }
    }

    findings.extend(refused_characters(model));
    let mut problems: Vec<Problem> = findings
        .into_iter()
        .map(|finding| {
            let (line, column) = locator(&finding.path).unwrap_or((1, 1));
            Problem { file: file.to_owned(), line, column, message: finding.message }
        })
        .collect();
    problems.sort_by_key(|problem| (problem.line, problem.column));
    problems
}

/// The dimensions an unknown one could have been, for its message: the
/// first few ids, so that a model of many dimensions and many indicators
/// does not repeat them all in every message.
fn known_list(dimensions: &[Dimension]) -> String {
    const SHOWN: usize = 10;
    if dimensions.is_empty() {
        return "the model has no dimensions".to_owned();
    }
    let ids: Vec<&str> = dimensions.iter().take(SHOWN).map(|d| d.id.as_str()).collect();
    match dimensions.len().checked_sub(SHOWN) {
        Some(more) if more > 0 => format!("known: {} and {more} more", ids.join(", ")),
        _ => format!("known: {}", ids.join(", ")),
    }
}

/// Calls `visit` with the path, a name for people, and the value of every
/// text in `model`.
pub fn for_each_text(model: &MaturityModel, mut visit: impl FnMut(Vec<Step<'static>>, &str, &str)) {
    visit(vec![Field("id")], "model id", &model.id);
    visit(vec![Field("title")], "model title", &model.title);
    visit(vec![Field("summary")], "model summary", &model.summary);
    let source = &model.source;
    visit(vec![Field("source"), Field("title")], "source title", &source.title);
    for (field, what, value) in [
        ("author", "source author", &source.author),
        ("url", "source url", &source.url),
        ("note", "source note", &source.note),
    ] {
        if let Some(value) = value {
            visit(vec![Field("source"), Field(field)], what, value);
        }
    }
    for (d, dimension) in model.dimensions.iter().enumerate() {
        let at = |field| vec![Field("dimensions"), Index(d), Field(field)];
        visit(at("id"), "dimension id", &dimension.id);
        visit(at("name"), "dimension name", &dimension.name);
        visit(at("description"), "dimension description", &dimension.description);
    }
    for (l, level) in model.levels.iter().enumerate() {
        let at = |field| vec![Field("levels"), Index(l), Field(field)];
        visit(at("id"), "level id", &level.id);
        visit(at("name"), "level name", &level.name);
        visit(at("summary"), "level summary", &level.summary);
        visit(at("description"), "level description", &level.description);
        for (i, indicator) in level.indicators.iter().enumerate() {
            let at = |field| vec![Field("levels"), Index(l), Field("indicators"), Index(i), Field(field)];
            visit(at("id"), "indicator id", &indicator.id);
            visit(at("statement"), "indicator statement", &indicator.statement);
            for (field, what, value) in [
                ("dimension", "indicator dimension", &indicator.dimension),
                ("guidance", "indicator guidance", &indicator.guidance),
                ("source", "indicator source", &indicator.source),
            ] {
                if let Some(value) = value {
                    visit(at(field), what, value);
                }
            }
        }
        for (s, step) in level.next_steps.iter().enumerate() {
            visit(vec![Field("levels"), Index(l), Field("next_steps"), Index(s)], "next step", step);
        }
    }
}

/// Control and bidirectional override characters in any text of the model,
/// however they got there (written as an escape such as `\u{202E}`, or as
/// a character reference in Markdown).
fn refused_characters(model: &MaturityModel) -> Vec<Finding> {
    let mut findings = Vec::new();
    for_each_text(model, |path, what, value| {
        if let Some((index, why)) = first_refused(value) {
            findings.push(finding(path, format!("{what} (character {}): {why}", index + 1)));
        }
    });
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_dimension_names_the_first_ten_known_ones() {
        let dimension =
            |d: usize| Dimension { id: format!("d{d}"), name: format!("D{d}"), description: String::new() };
        assert_eq!(known_list(&[]), "the model has no dimensions");
        assert_eq!(known_list(&[dimension(1), dimension(2)]), "known: d1, d2");
        let ten: Vec<Dimension> = (0..10).map(dimension).collect();
        assert_eq!(known_list(&ten), "known: d0, d1, d2, d3, d4, d5, d6, d7, d8, d9");
        let many: Vec<Dimension> = (0..3_000).map(dimension).collect();
        assert_eq!(known_list(&many), "known: d0, d1, d2, d3, d4, d5, d6, d7, d8, d9 and 2990 more");
    }

    #[test]
    fn kebab_case_ids() {
        assert!(is_kebab_case("level-0"));
        assert!(is_kebab_case("rigid"));
        assert!(!is_kebab_case("Level 0"));
        assert!(!is_kebab_case("-a"));
        assert!(!is_kebab_case("a--b"));
        assert!(!is_kebab_case("snake_case"));
    }
}
