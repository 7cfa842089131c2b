//! The portfolio seen through a filter: teams by name, models side by
//! side, each team's latest level per model, its trend over time, and per
//! model the dimensions met and the gaps most teams share. Derived once per
//! filter, so the screen and the exports only read it.

use std::collections::BTreeMap;

use super::summary::{ModelCatalogue, ModelSummary};
use super::{Filter, Portfolio};
use crate::model::MaturityModel;

/// How many shared gaps are listed per model.
pub const COMMON_GAPS: usize = 10;

/// A level's name the way people say it: "Level 2" and "Casual".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LevelLabel {
    pub number: String,
    pub short_name: String,
}

impl LevelLabel {
    pub fn of(model: &MaturityModel, index: usize) -> Option<Self> {
        let level = model.levels.get(index)?;
        let (number, short_name) = crate::roadmap::split_level_name(&level.name, index);
        Some(Self { number, short_name })
    }

    /// "L2 · Casual".
    pub fn short(&self) -> String {
        format!("L{} · {}", self.number, self.short_name)
    }

    /// "Level 2 · Casual".
    pub fn long(&self) -> String {
        format!("Level {} · {}", self.number, self.short_name)
    }
}

/// A team and its workshops, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    /// As written in its latest workshop.
    pub name: String,
    /// Indexes into [`Portfolio::workshops`], by date.
    pub workshops: Vec<usize>,
    /// Per model (in the view's model order) the levels over time.
    pub trends: Vec<Trend>,
}

impl Team {
    /// The highest level index this team's trend chart shows: the levels it
    /// has reached or aims for (at least 2), so its lines do not huddle at
    /// the foot of the tallest ladder. The screen and the PDF both use it.
    pub fn chart_top(&self) -> usize {
        self.trends
            .iter()
            .flat_map(|t| t.points.iter().map(|p| p.current.max(p.target.unwrap_or(0))))
            .max()
            .unwrap_or(1)
            .max(2)
    }
}

/// One model in the view.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelColumn {
    pub id: String,
    /// From the newest version met.
    pub title: String,
    pub newest_version: u32,
    /// The newest version's levels.
    pub levels: Vec<LevelLabel>,
    /// Versions among the workshops shown, oldest first.
    pub versions: Vec<u32>,
    /// Teams with at least one workshop of the model.
    pub teams: usize,
}

impl ModelColumn {
    /// Workshops used different versions: levels are compared by index.
    pub fn versions_differ(&self) -> bool {
        self.versions.len() > 1
    }

    pub fn level(&self, index: usize) -> Option<&LevelLabel> {
        self.levels.get(index)
    }

    /// "v1, v2".
    pub fn version_list(&self) -> String {
        self.versions.iter().map(|v| format!("v{v}")).collect::<Vec<_>>().join(", ")
    }
}

/// A team's latest workshop with a model.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Index into [`Portfolio::workshops`].
    pub workshop: usize,
    pub date: String,
    pub version: u32,
    pub current: usize,
    pub current_label: LevelLabel,
    pub target: Option<usize>,
    pub target_label: Option<LevelLabel>,
    pub level_count: usize,
    pub answered_share: f32,
    pub gaps: usize,
}

/// One model's levels over a team's workshops.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    pub model_id: String,
    pub points: Vec<TrendPoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub date: String,
    /// Days since 1970-01-01; `None` for a date that is not `YYYY-MM-DD`.
    pub day: Option<i64>,
    pub current: usize,
    pub target: Option<usize>,
    pub version: u32,
}

/// Of the teams with the dimension in reach (an indicator of it at or
/// below their target), how many have none of its indicators open.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionShare {
    pub id: String,
    pub name: String,
    pub met: usize,
    pub teams: usize,
}

impl DimensionShare {
    pub fn share(&self) -> f32 {
        if self.teams == 0 { 0.0 } else { self.met as f32 / self.teams as f32 }
    }
}

/// An indicator many teams have open.
#[derive(Clone, Debug, PartialEq)]
pub struct CommonGap {
    pub indicator_id: String,
    pub statement: String,
    /// The level it belongs to in the newest version that has it.
    pub level: Option<LevelLabel>,
    /// Teams with it open in their latest workshop.
    pub open: usize,
    /// Teams whose latest workshop used the model.
    pub teams: usize,
}

/// Per model: dimensions met and the most common gaps, over each team's
/// latest workshop with the model.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelInsight {
    pub dimensions: Vec<DimensionShare>,
    pub common_gaps: Vec<CommonGap>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PortfolioView {
    pub teams: Vec<Team>,
    pub models: Vec<ModelColumn>,
    /// `teams × models`, row by row.
    cells: Vec<Option<Cell>>,
    /// Parallel to `models`.
    pub insights: Vec<ModelInsight>,
    /// Workshops inside the filter.
    pub workshops: usize,
}

impl PortfolioView {
    pub fn new(portfolio: &Portfolio, filter: &Filter) -> Self {
        let shown: Vec<usize> = (0..portfolio.workshops.len())
            .filter(|&index| {
                let workshop = &portfolio.workshops[index];
                filter.admits_date(&workshop.date)
                    && filter.model.as_ref().is_none_or(|model| workshop.model(model).is_some())
            })
            .collect();
        let models = model_columns(portfolio, &shown, filter);
        let mut teams = group_teams(portfolio, &shown);
        let mut cells = Vec::with_capacity(teams.len() * models.len());
        for team in &mut teams {
            for model in &models {
                cells.push(latest_cell(portfolio, team, model));
                team.trends.push(trend(portfolio, team, &model.id));
            }
        }
        let mut view = Self { teams, models, cells, insights: Vec::new(), workshops: shown.len() };
        view.insights = (0..view.models.len()).map(|m| insight(portfolio, &view, m)).collect();
        view
    }

    pub fn cell(&self, team: usize, model: usize) -> Option<&Cell> {
        self.cells.get(team * self.models.len() + model)?.as_ref()
    }

    pub fn model_index(&self, model_id: &str) -> Option<usize> {
        self.models.iter().position(|model| model.id == model_id)
    }
}

fn model_columns(portfolio: &Portfolio, shown: &[usize], filter: &Filter) -> Vec<ModelColumn> {
    let mut versions: BTreeMap<&str, (Vec<u32>, Vec<String>)> = BTreeMap::new();
    for &index in shown {
        let workshop = &portfolio.workshops[index];
        for model in &workshop.models {
            if filter.model.as_ref().is_some_and(|wanted| *wanted != model.model_id) {
                continue;
            }
            let entry = versions.entry(model.model_id.as_str()).or_default();
            if !entry.0.contains(&model.version) {
                entry.0.push(model.version);
            }
            let key = workshop.team_key();
            if !entry.1.contains(&key) {
                entry.1.push(key);
            }
        }
    }
    let mut columns: Vec<ModelColumn> = versions
        .into_iter()
        .filter_map(|(id, (mut versions, teams))| {
            let newest = portfolio.catalogue.newest(id)?;
            versions.sort_unstable();
            Some(ModelColumn {
                id: id.to_owned(),
                title: newest.title.clone(),
                newest_version: newest.version,
                levels: (0..newest.levels.len()).filter_map(|i| LevelLabel::of(newest, i)).collect(),
                versions,
                teams: teams.len(),
            })
        })
        .collect();
    columns.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()).then(a.id.cmp(&b.id)));
    columns
}

/// Teams by name (trimmed, case ignored), each with its workshops by date.
/// The portfolio is sorted that way already, so a team is a run.
fn group_teams(portfolio: &Portfolio, shown: &[usize]) -> Vec<Team> {
    let mut teams: Vec<Team> = Vec::new();
    let mut last_key: Option<String> = None;
    for &index in shown {
        let workshop = &portfolio.workshops[index];
        let key = workshop.team_key();
        match teams.last_mut() {
            Some(team) if last_key.as_deref() == Some(key.as_str()) => {
                team.workshops.push(index);
                team.name = workshop.team.clone();
            }
            _ => {
                teams.push(Team { name: workshop.team.clone(), workshops: vec![index], trends: Vec::new() });
                last_key = Some(key);
            }
        }
    }
    teams
}

fn latest_cell(portfolio: &Portfolio, team: &Team, column: &ModelColumn) -> Option<Cell> {
    team.workshops.iter().rev().find_map(|&index| {
        let workshop = &portfolio.workshops[index];
        let summary = workshop.model(&column.id)?;
        let model = portfolio.catalogue.get(&summary.model_id, summary.version)?;
        Some(Cell {
            workshop: index,
            date: workshop.date.clone(),
            version: summary.version,
            current: summary.current,
            current_label: LevelLabel::of(model, summary.current)?,
            target: summary.target,
            target_label: summary.target.and_then(|target| LevelLabel::of(model, target)),
            level_count: model.levels.len(),
            answered_share: summary.answered_share,
            gaps: summary.gaps.len(),
        })
    })
}

fn trend(portfolio: &Portfolio, team: &Team, model_id: &str) -> Trend {
    let points = team
        .workshops
        .iter()
        .filter_map(|&index| {
            let workshop = &portfolio.workshops[index];
            let summary = workshop.model(model_id)?;
            Some(TrendPoint {
                date: workshop.date.clone(),
                day: crate::workshop::clock::days_from_iso(&workshop.date),
                current: summary.current,
                target: summary.target,
                version: summary.version,
            })
        })
        .collect();
    Trend { model_id: model_id.to_owned(), points }
}

fn insight(portfolio: &Portfolio, view: &PortfolioView, model_index: usize) -> ModelInsight {
    let column = &view.models[model_index];
    let catalogue = &portfolio.catalogue;
    let latest: Vec<&ModelSummary> = (0..view.teams.len())
        .filter_map(|team| view.cell(team, model_index))
        .filter_map(|cell| portfolio.workshops[cell.workshop].model(&column.id))
        .collect();
    let Some(newest) = catalogue.newest(&column.id) else {
        return ModelInsight { dimensions: Vec::new(), common_gaps: Vec::new() };
    };
    let mut dimensions: Vec<DimensionShare> = newest
        .dimensions
        .iter()
        .map(|d| DimensionShare { id: d.id.clone(), name: d.name.clone(), met: 0, teams: 0 })
        .collect();
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for summary in &latest {
        let Some(model) = catalogue.get(&summary.model_id, summary.version) else { continue };
        let indicators: Vec<_> = model.indicators().collect();
        let gap_ids: Vec<&str> = summary
            .gaps
            .iter()
            .filter_map(|&gap| indicators.get(usize::from(gap)).map(|(_, ind)| ind.id.as_str()))
            .collect();
        for id in &gap_ids {
            *open.entry(id).or_default() += 1;
        }
        for dimension in &mut dimensions {
            let in_reach = |level: usize| summary.horizon.is_some_and(|horizon| level <= horizon);
            let of_dimension: Vec<&str> = indicators
                .iter()
                .filter(|(level, ind)| in_reach(*level) && ind.dimension.as_deref() == Some(&dimension.id))
                .map(|(_, ind)| ind.id.as_str())
                .collect();
            if of_dimension.is_empty() {
                continue;
            }
            dimension.teams += 1;
            if !of_dimension.iter().any(|id| gap_ids.contains(id)) {
                dimension.met += 1;
            }
        }
    }
    let mut common: Vec<CommonGap> = open
        .into_iter()
        .map(|(id, count)| {
            let (level, statement) = describe_indicator(catalogue, column, id);
            CommonGap { indicator_id: id.to_owned(), statement, level, open: count, teams: latest.len() }
        })
        .collect();
    let level_of = |gap: &CommonGap| gap.level.as_ref().map_or(usize::MAX, |l| level_rank(column, l));
    common.sort_by(|a, b| {
        b.open.cmp(&a.open).then(level_of(a).cmp(&level_of(b))).then(a.indicator_id.cmp(&b.indicator_id))
    });
    common.truncate(COMMON_GAPS);
    ModelInsight { dimensions, common_gaps: common }
}

fn level_rank(column: &ModelColumn, label: &LevelLabel) -> usize {
    column.levels.iter().position(|level| level == label).unwrap_or(usize::MAX)
}

/// The statement and level of an indicator, from the newest version that
/// has it.
fn describe_indicator(
    catalogue: &ModelCatalogue,
    column: &ModelColumn,
    indicator_id: &str,
) -> (Option<LevelLabel>, String) {
    for version in catalogue.versions(&column.id).into_iter().rev() {
        if let Some(model) = catalogue.get(&column.id, version)
            && let Some((level, indicator)) = model.find_indicator(indicator_id)
        {
            return (LevelLabel::of(model, level), indicator.statement.clone());
        }
    }
    (None, indicator_id.to_owned())
}
