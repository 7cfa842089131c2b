//! Many workshops at once: a coach's teams, each assessed again every
//! quarter. Summaries of workshop files, grouped by team and ordered by
//! date; the teams × models heatmap, each team's trend, and per model the
//! dimensions met and the gaps most teams share; CSV and Markdown of it.
//!
//! No egui and no disk here: `storage::portfolio_files` finds and reads the
//! files, the screen and the exporters read what is derived here.

pub mod colour;
mod csv;
mod markdown;
mod summary;
mod view;

pub use csv::{CSV_HEADER, render_csv};
pub use markdown::{cell_text, overview, render_markdown};
pub use summary::{
    ModelCatalogue, ModelSummary, SkipReason, SkippedFile, WorkshopSummary, summarise, team_key,
};
pub use view::{
    COMMON_GAPS, Cell, CommonGap, DimensionShare, LevelLabel, ModelColumn, ModelInsight, PortfolioView, Team,
    Trend, TrendPoint,
};

use std::path::PathBuf;

use crate::workshop::clock::is_iso_date;

/// Everything read from a set of workshop files.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Portfolio {
    /// What was asked for: folders and files, as given.
    pub sources: Vec<PathBuf>,
    /// By team (trimmed, case ignored), then date, then file.
    pub workshops: Vec<WorkshopSummary>,
    pub catalogue: ModelCatalogue,
    /// Files left out, by file name.
    pub skipped: Vec<SkippedFile>,
}

impl Portfolio {
    pub fn new(
        sources: Vec<PathBuf>,
        mut workshops: Vec<WorkshopSummary>,
        catalogue: ModelCatalogue,
        mut skipped: Vec<SkippedFile>,
    ) -> Self {
        workshops.sort_by_cached_key(|w| (w.team_key(), w.date.clone(), w.path.clone()));
        skipped.sort_by(|a, b| a.file.cmp(&b.file));
        Self { sources, workshops, catalogue, skipped }
    }

    /// The portfolio of workshops already in memory (tests, benchmarks, a
    /// workshop just made): each is summarised as a file read from `path`.
    pub fn from_workshops<'a>(
        sources: Vec<PathBuf>,
        workshops: impl IntoIterator<Item = (PathBuf, &'a crate::workshop::Workshop)>,
    ) -> Self {
        let mut catalogue = ModelCatalogue::default();
        let summaries =
            workshops.into_iter().map(|(path, workshop)| summarise(workshop, path, &mut catalogue)).collect();
        Self::new(sources, summaries, catalogue, Vec::new())
    }

    /// Files that were found, read or not.
    pub fn files(&self) -> usize {
        self.workshops.len() + self.skipped.len()
    }

    /// Earliest and latest workshop dates (ISO dates only).
    pub fn date_span(&self) -> Option<(&str, &str)> {
        let mut dates = self.workshops.iter().map(|w| w.date.as_str()).filter(|d| is_iso_date(d));
        let first = dates.next()?;
        let (min, max) = dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        Some((min, max))
    }
}

/// Which workshops the portfolio shows: one model or all, and a date range
/// (inclusive, ISO dates; a bound left out is open).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub model: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Filter {
    /// Inside the date range. With a bound set, a workshop without a
    /// proper date is left out: nobody can say it is inside.
    pub fn admits_date(&self, date: &str) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        is_iso_date(date)
            && self.from.as_deref().is_none_or(|from| date >= from)
            && self.to.as_deref().is_none_or(|to| date <= to)
    }

    /// "all models, 2026-01-01 to 2026-12-31", for headings.
    pub fn describe(&self, model_title: Option<&str>) -> String {
        let model = match (&self.model, model_title) {
            (None, _) => "all models".to_owned(),
            (Some(_), Some(title)) => title.to_owned(),
            (Some(id), None) => id.clone(),
        };
        let dates = match (&self.from, &self.to) {
            (None, None) => "all dates".to_owned(),
            (Some(from), None) => format!("from {from}"),
            (None, Some(to)) => format!("up to {to}"),
            (Some(from), Some(to)) => format!("{from} to {to}"),
        };
        format!("{model}, {dates}")
    }
}

#[cfg(test)]
mod tests;
