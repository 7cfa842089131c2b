//! The state of one workshop: everything a team said, kept in one
//! serialisable struct so that saving, autosave and undo see all of it.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::timebox::TimeBox;
use crate::model::MaturityModel;
use crate::voting::Spread;

/// The team's answer to one indicator. Unanswered indicators have no entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    Yes,
    Partly,
    No,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Yes, Answer::Partly, Answer::No, Answer::NotApplicable];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::Partly => "Partly",
            Answer::No => "No",
            Answer::NotApplicable => "Not applicable",
        }
    }

    /// Counts towards reaching a level.
    pub fn is_met(self) -> bool {
        matches!(self, Answer::Yes | Answer::NotApplicable)
    }
}

/// The facilitator's decision to place the team somewhere other than the
/// suggested level, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelOverride {
    pub level_id: String,
    #[serde(default)]
    pub reason: String,
}

/// An answer whose indicator no longer exists in the model (after an
/// upgrade). Kept so that nobody's input silently disappears.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrphanedAnswer {
    pub indicator_id: String,
    /// The indicator's statement in the model version the answer was given to.
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub from_version: u32,
}

/// A level that no longer exists in the model (after an upgrade), with
/// what the team had said about it. Kept for the same reason as
/// [`OrphanedAnswer`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrphanedLevel {
    pub level_id: String,
    /// The level's name in the model version the notes were written for.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The facilitator had placed the team on this level.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub was_current: bool,
    /// Why, when they had.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub override_reason: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub was_target: bool,
    pub from_version: u32,
}

/// One model as assessed in this workshop, with its own copy of the model
/// so the file opens anywhere, years later, whatever the bundled version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// Shared, not copied, between undo snapshots.
    pub model: Arc<MaturityModel>,
    /// Keyed by indicator id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Keyed by indicator id.
    #[serde(default)]
    pub indicator_notes: BTreeMap<String, String>,
    /// Keyed by level id.
    #[serde(default)]
    pub level_notes: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_override: Option<LevelOverride>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_level: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphaned_answers: Vec<OrphanedAnswer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphaned_levels: Vec<OrphanedLevel>,
    /// How the room voted, keyed by indicator id: counts only, nothing
    /// that identifies a person (issue 11). Optional, so format 3 files
    /// without it still open.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub votes: BTreeMap<String, Spread>,
}

impl Assessment {
    pub fn new(model: Arc<MaturityModel>) -> Self {
        Self {
            model,
            answers: BTreeMap::new(),
            indicator_notes: BTreeMap::new(),
            level_notes: BTreeMap::new(),
            current_override: None,
            target_level: None,
            orphaned_answers: Vec::new(),
            orphaned_levels: Vec::new(),
            votes: BTreeMap::new(),
        }
    }
}

/// When an action should happen, the way roadmaps are usually told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Horizon {
    #[default]
    Now,
    Next,
    Later,
}

impl Horizon {
    pub const ALL: [Horizon; 3] = [Horizon::Now, Horizon::Next, Horizon::Later];

    pub fn label(self) -> &'static str {
        match self {
            Horizon::Now => "Now",
            Horizon::Next => "Next",
            Horizon::Later => "Later",
        }
    }
}

/// Something the team commits to doing to close a gap.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default)]
    pub horizon: Horizon,
    /// ISO date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_ids: Vec<String>,
}

/// Who was in the room and when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkshopDetails {
    pub team: String,
    #[serde(default)]
    pub facilitator: String,
    #[serde(default)]
    pub participants: Vec<String>,
    /// ISO date of the workshop, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
}

/// The whole workshop, as saved to a `.workshop.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workshop {
    /// The file format's version, [`super::FORMAT_VERSION`] in memory
    /// whatever the file said: older files are migrated as they are read.
    pub format_version: u32,
    pub details: WorkshopDetails,
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub general_notes: String,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The planned length and the time spent per level (format 3).
    #[serde(default, skip_serializing_if = "TimeBox::is_empty")]
    pub timebox: TimeBox,
    /// RFC 3339 UTC timestamps.
    pub created: String,
    pub modified: String,
}

impl Workshop {
    pub fn new(details: WorkshopDetails, models: Vec<Arc<MaturityModel>>, now: &str) -> Self {
        Self {
            format_version: super::FORMAT_VERSION,
            details,
            assessments: models.into_iter().map(Assessment::new).collect(),
            general_notes: String::new(),
            actions: Vec::new(),
            timebox: TimeBox::default(),
            created: now.to_owned(),
            modified: now.to_owned(),
        }
    }

    /// The model with the most indicators (then levels) and its level with
    /// the most indicators (the first of equals): the busiest walk-through
    /// screen, which benchmarks and idle tests measure.
    pub fn busiest_level(&self) -> Option<(usize, usize)> {
        let (model, assessment) = self
            .assessments
            .iter()
            .enumerate()
            .max_by_key(|(_, a)| (a.model.indicator_count(), a.model.levels.len()))?;
        let level = assessment
            .model
            .levels
            .iter()
            .enumerate()
            .max_by_key(|(index, level)| (level.indicators.len(), std::cmp::Reverse(*index)))
            .map_or(0, |(index, _)| index);
        Some((model, level))
    }

    pub fn assessment(&self, model_id: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.model.id == model_id)
    }
}
