//! What the portfolio keeps of one workshop file: a few numbers per model,
//! never the file's own copy of the model. A thousand files then cost a
//! thousand small summaries plus one copy of each distinct model version.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::model::MaturityModel;
use crate::problem::Problem;
use crate::roadmap::{effective_target, gaps};
use crate::workshop::Workshop;

/// One model as one workshop assessed it.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelSummary {
    pub model_id: String,
    pub version: u32,
    /// Index of the current level (the override, else the suggestion).
    pub current: usize,
    /// Index of the target level the team set; `None` when none was set.
    pub target: Option<usize>,
    /// The target, or the next level up when none was set, as the roadmap
    /// reads it: how far the gaps reach.
    pub horizon: Option<usize>,
    /// Share of the model's indicators answered, 0.0 to 1.0.
    pub answered_share: f32,
    /// Indicators at or below the horizon not answered Yes or Not
    /// applicable (the roadmap's gaps), as indexes into the model
    /// version's indicators in reading order.
    pub gaps: Vec<u16>,
}

/// One workshop file as the portfolio sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkshopSummary {
    pub path: PathBuf,
    /// As written in the file, trimmed.
    pub team: String,
    /// ISO date as written in the file; may be empty.
    pub date: String,
    pub models: Vec<ModelSummary>,
}

impl WorkshopSummary {
    /// The key teams are grouped by: the name trimmed, case ignored.
    pub fn team_key(&self) -> String {
        team_key(&self.team)
    }

    pub fn model(&self, model_id: &str) -> Option<&ModelSummary> {
        self.models.iter().find(|model| model.model_id == model_id)
    }
}

pub fn team_key(team: &str) -> String {
    team.trim().to_lowercase()
}

/// The distinct model versions met in the files, one shared copy each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelCatalogue {
    models: BTreeMap<(String, u32), Arc<MaturityModel>>,
}

impl ModelCatalogue {
    /// Keeps `model` unless a copy of its version is already known.
    pub fn add(&mut self, model: &Arc<MaturityModel>) {
        self.models.entry((model.id.clone(), model.version)).or_insert_with(|| model.clone());
    }

    pub fn merge(&mut self, other: ModelCatalogue) {
        for (key, model) in other.models {
            self.models.entry(key).or_insert(model);
        }
    }

    pub fn get(&self, model_id: &str, version: u32) -> Option<&MaturityModel> {
        self.models.get(&(model_id.to_owned(), version)).map(|model| &**model)
    }

    /// The newest version of a model met.
    pub fn newest(&self, model_id: &str) -> Option<&MaturityModel> {
        self.models
            .range((model_id.to_owned(), 0)..=(model_id.to_owned(), u32::MAX))
            .next_back()
            .map(|(_, model)| &**model)
    }

    /// Every version of a model met, oldest first.
    pub fn versions(&self, model_id: &str) -> Vec<u32> {
        self.models
            .range((model_id.to_owned(), 0)..=(model_id.to_owned(), u32::MAX))
            .map(|((_, version), _)| *version)
            .collect()
    }

    pub fn len(&self) -> usize {
        self.models.len()
    }

    pub fn is_empty(&self) -> bool {
        self.models.is_empty()
    }
}

/// The summary of a workshop read from `path`, adding its models to
/// `catalogue`.
pub fn summarise(workshop: &Workshop, path: PathBuf, catalogue: &mut ModelCatalogue) -> WorkshopSummary {
    let models = workshop
        .assessments
        .iter()
        .map(|assessment| {
            catalogue.add(&assessment.model);
            let positions: BTreeMap<&str, u16> = assessment
                .model
                .indicators()
                .enumerate()
                .map(|(index, (_, indicator))| (indicator.id.as_str(), index.min(u16::MAX as usize) as u16))
                .collect();
            let gaps = gaps(assessment)
                .iter()
                .filter_map(|gap| positions.get(gap.indicator_id.as_str()).copied())
                .collect();
            ModelSummary {
                model_id: assessment.model.id.clone(),
                version: assessment.model.version,
                current: assessment.current_level(),
                target: assessment.target_level(),
                horizon: effective_target(assessment),
                answered_share: assessment.answered_share(),
                gaps,
            }
        })
        .collect();
    WorkshopSummary {
        path,
        team: workshop.details.team.trim().to_owned(),
        date: workshop.details.date.trim().to_owned(),
        models,
    }
}

/// Why a file is not in the portfolio.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// It could not be read or parsed.
    Broken,
    /// Written by a newer version of the app, in a format this one does
    /// not read yet.
    NewerFormat(u32),
}

/// A file left out, with its problems pinned to line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedFile {
    /// The file as found.
    pub file: String,
    /// At least one.
    pub problems: Vec<Problem>,
    pub reason: SkipReason,
}

impl SkippedFile {
    pub fn new(file: String, problems: Vec<Problem>, reason: SkipReason) -> Self {
        Self { file, problems, reason }
    }

    /// The first problem, `FILE:LINE:COLUMN: message`, for one-line lists.
    pub fn headline(&self) -> String {
        self.problems.first().map_or_else(|| format!("{}: cannot be read", self.file), Problem::to_string)
    }
}

/// Every problem, one a line, as `FILE:LINE:COLUMN: message`.
impl std::fmt::Display for SkippedFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", crate::problem::Problems(self.problems.clone()))
    }
}
