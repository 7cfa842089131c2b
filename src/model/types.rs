//! The maturity model as data. Everything here is plain serde so that the
//! app, the PDF and the CLI read one shape, and a copy of a model can travel
//! inside a workshop file.

use serde::{Deserialize, Serialize};

/// One maturity model: an ordered ladder of levels, lowest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaturityModel {
    /// Stable kebab-case identifier; workshops refer to the model by it.
    pub id: String,
    /// Bumped whenever levels or indicators change, so an app can tell a
    /// workshop's copy of a model from a newer bundled one.
    pub version: u32,
    pub title: String,
    pub summary: String,
    pub source: Source,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dimensions: Vec<Dimension>,
    pub levels: Vec<Level>,
}

/// Where the model's ideas come from; every bundled model credits its text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    /// How the text was adapted, e.g. "Paraphrased into indicators".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An aspect the model cuts across levels, such as rollback or security.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub name: String,
    /// One line, shown on the ladder and in the PDF.
    pub summary: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub indicators: Vec<Indicator>,
    /// What moves a team from this level to the next; empty on the top level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_steps: Vec<String>,
}

/// Something a team can answer yes, partly or no to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Unique within the model and never reused: saved answers are keyed by it.
    pub id: String,
    /// Observable and in the present tense.
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dimension: Option<String>,
    /// What a "yes" looks like in practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// The quote or slide of the model's source that this indicator comes
    /// from, so a team can check the wording against the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl MaturityModel {
    pub fn indicator_count(&self) -> usize {
        self.levels.iter().map(|level| level.indicators.len()).sum()
    }

    pub fn level_index(&self, level_id: &str) -> Option<usize> {
        self.levels.iter().position(|level| level.id == level_id)
    }

    pub fn dimension(&self, dimension_id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|dim| dim.id == dimension_id)
    }

    /// Every indicator with the index of the level it belongs to.
    pub fn indicators(&self) -> impl Iterator<Item = (usize, &Indicator)> {
        self.levels
            .iter()
            .enumerate()
            .flat_map(|(index, level)| level.indicators.iter().map(move |ind| (index, ind)))
    }

    pub fn find_indicator(&self, indicator_id: &str) -> Option<(usize, &Indicator)> {
        self.indicators().find(|(_, ind)| ind.id == indicator_id)
    }
}
