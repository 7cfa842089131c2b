//! The Portfolio screen: many workshops side by side. A heatmap of teams by
//! models (click a cell to open that workshop), the selected team's trend,
//! and per model the dimensions met and the gaps most teams share; a
//! filter by model and dates. Reading happens on a worker; this screen
//! shows its progress and stays usable meanwhile. Here the screen's state,
//! its header and filter; the heatmap, the trend and the per-model
//! insights in modules of their own.

use std::sync::Arc;

use egui::{RichText, Ui};

use super::state::{AppState, Command, FileCommand};
use super::theme::Palette;
use super::widgets::{accessibility_on, colours, muted, only_on_screen};
use crate::portfolio::{Filter, Portfolio, PortfolioView, overview};
use crate::workshop::clock::is_iso_date;

mod heatmap;
mod insights;
mod trend;

// What a cell says to a screen reader, which the tests look for.
#[cfg(test)]
pub use heatmap::cell_label;
use heatmap::heatmap_ui;
use insights::{model_ui, skipped_ui};
use trend::trend_ui;

/// The portfolio as the screen holds it: what was read, the filter, and
/// the view derived from both (recomputed when the filter changes, never
/// inside a frame's drawing).
#[derive(Clone, Debug)]
pub struct PortfolioState {
    pub data: Arc<Portfolio>,
    pub filter: Filter,
    pub view: PortfolioView,
    /// The team whose trend is shown (index into `view.teams`).
    pub team: usize,
}

impl PortfolioState {
    pub fn new(data: Arc<Portfolio>, mut filter: Filter) -> Self {
        // A model the new files do not have would hide everything.
        if filter.model.as_ref().is_some_and(|id| data.catalogue.newest(id).is_none()) {
            filter.model = None;
        }
        let view = PortfolioView::new(&data, &filter);
        Self { data, filter, view, team: 0 }
    }

    pub fn apply(&mut self, command: PortfolioCommand) {
        match command {
            PortfolioCommand::Loaded(data) => *self = Self::new(data, self.filter.clone()),
            PortfolioCommand::FilterModel(model) => self.set_filter(Filter { model, ..self.filter.clone() }),
            PortfolioCommand::FilterDates { from, to } => {
                self.set_filter(Filter { from, to, ..self.filter.clone() })
            }
            PortfolioCommand::SelectTeam(team) => {
                if team < self.view.teams.len() {
                    self.team = team;
                }
            }
        }
    }

    fn set_filter(&mut self, filter: Filter) {
        if filter == self.filter {
            return;
        }
        let selected = self.view.teams.get(self.team).map(|team| crate::portfolio::team_key(&team.name));
        self.filter = filter;
        self.view = PortfolioView::new(&self.data, &self.filter);
        // The same team stays selected when it is still shown.
        self.team = selected
            .and_then(|key| {
                self.view.teams.iter().position(|team| crate::portfolio::team_key(&team.name) == key)
            })
            .unwrap_or(0);
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum PortfolioCommand {
    /// A read finished: show these workshops.
    Loaded(Arc<Portfolio>),
    FilterModel(Option<String>),
    FilterDates {
        from: Option<String>,
        to: Option<String>,
    },
    SelectTeam(usize),
}

/// How a running read is doing: files read and found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Loading {
    pub done: usize,
    pub total: usize,
}

pub fn portfolio_ui(ui: &mut Ui, state: &AppState, loading: Option<Loading>) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings().theme);
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("portfolio_scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.set_width(ui.available_width().min(1800.0));
            small_text(ui);
            header_ui(ui, state, loading, &palette, &mut commands);
            let Some(portfolio) = state.portfolio() else { return };
            let heading = ui.heading("Where each team stands");
            let lay_out_all = accessibility_on(ui, &heading);
            filter_ui(ui, portfolio, &palette, &mut commands);
            ui.add_space(8.0);
            heatmap_ui(ui, portfolio, &palette, lay_out_all, &mut commands);
            ui.add_space(16.0);
            only_on_screen(ui, egui::Id::unique("portfolio_trend"), lay_out_all, |ui| {
                trend_ui(ui, portfolio, &palette, &mut commands);
            });
            for (index, (model, insight)) in
                portfolio.view.models.iter().zip(&portfolio.view.insights).enumerate()
            {
                ui.add_space(16.0);
                only_on_screen(ui, egui::Id::unique(("portfolio_model", index)), lay_out_all, |ui| {
                    model_ui(ui, &portfolio.view, model, insight, &palette);
                });
            }
            skipped_ui(ui, &portfolio.data, &palette);
        });
    });
    if loading.is_some() {
        // Progress comes from another thread: look again shortly.
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
    commands
}

/// The screen holds a lot: text a step smaller than the walk-through's,
/// still large enough for a projector.
fn small_text(ui: &mut Ui) {
    let style = ui.style_mut();
    let body = style.text_styles[&egui::TextStyle::Body].size;
    let size = (body * 0.75).max(14.0).round();
    for text_style in [egui::TextStyle::Body, egui::TextStyle::Button] {
        if let Some(font) = style.text_styles.get_mut(&text_style) {
            font.size = size;
        }
    }
}

fn header_ui(
    ui: &mut Ui,
    state: &AppState,
    loading: Option<Loading>,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    ui.add_space(8.0);
    ui.heading("Portfolio");
    match state.portfolio() {
        None if loading.is_none() => {
            muted(
                ui,
                palette,
                "Compare many workshops at once: open a folder, and every workshop file in it and its subfolders is read. Teams are grouped by name; each team's workshops are ordered by date.",
            );
        }
        None => {}
        Some(portfolio) => {
            let sources: Vec<String> =
                portfolio.data.sources.iter().map(|p| p.display().to_string()).collect();
            muted(ui, palette, format!("From {}", sources.join(", ")));
            ui.label(overview(&portfolio.data, &portfolio.view, &portfolio.filter));
        }
    }
    ui.horizontal_wrapped(|ui| {
        if ui.button("Open portfolio folder…").clicked() {
            commands.push(Command::File(FileCommand::OpenPortfolio));
        }
        if state.portfolio().is_some() && loading.is_none() && ui.button("Read again").clicked() {
            commands.push(Command::File(FileCommand::ReloadPortfolio));
        }
    });
    if let Some(Loading { done, total }) = loading {
        ui.add_space(4.0);
        let text = if total == 0 {
            "Looking for workshop files…".to_owned()
        } else {
            format!("Reading workshop files: {done} of {total}")
        };
        let fraction = if total == 0 { 0.0 } else { done as f32 / total as f32 };
        ui.horizontal(|ui| {
            ui.add(
                egui::ProgressBar::new(fraction).text(text).desired_width(ui.available_width().min(600.0)),
            );
            if ui.button("Stop reading").clicked() {
                commands.push(Command::File(FileCommand::CancelPortfolio));
            }
        });
    }
    ui.add_space(8.0);
}

fn filter_ui(ui: &mut Ui, portfolio: &PortfolioState, palette: &Palette, commands: &mut Vec<Command>) {
    let filter = &portfolio.filter;
    let data = &portfolio.data;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Model");
        let selected = filter
            .model
            .as_ref()
            .and_then(|id| data.catalogue.newest(id))
            .map_or_else(|| "All models".to_owned(), |model| model.title.clone());
        egui::ComboBox::from_id_salt("portfolio_model_filter")
            .selected_text(selected)
            .show_ui(ui, |ui| {
                if ui.selectable_label(filter.model.is_none(), "All models").clicked() {
                    commands.push(Command::Portfolio(PortfolioCommand::FilterModel(None)));
                }
                for id in model_ids(data) {
                    let title = data.catalogue.newest(&id).map_or_else(|| id.clone(), |m| m.title.clone());
                    let chosen = filter.model.as_deref() == Some(id.as_str());
                    if ui.selectable_label(chosen, title).clicked() {
                        commands.push(Command::Portfolio(PortfolioCommand::FilterModel(Some(id))));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        ui.add_space(16.0);
        let span = data.date_span();
        let from = date_field(ui, "From", "portfolio_from", filter.from.as_deref(), span.map(|s| s.0));
        let to = date_field(ui, "To", "portfolio_to", filter.to.as_deref(), span.map(|s| s.1));
        if let (Some(from), Some(to)) = (&from, &to)
            && (from.as_ref() != filter.from.as_ref() || to.as_ref() != filter.to.as_ref())
        {
            commands.push(Command::Portfolio(PortfolioCommand::FilterDates {
                from: from.clone(),
                to: to.clone(),
            }));
        }
        if (from.is_none() || to.is_none()) && ui.is_enabled() {
            ui.label(RichText::new("Write dates as YYYY-MM-DD").color(palette.no));
        }
        if *filter != Filter::default() && ui.button("Show everything").clicked() {
            ui.data_mut(|d| {
                d.remove_temp::<String>(egui::Id::unique("portfolio_from"));
                d.remove_temp::<String>(egui::Id::unique("portfolio_to"));
            });
            commands.push(Command::Portfolio(PortfolioCommand::FilterModel(None)));
            commands.push(Command::Portfolio(PortfolioCommand::FilterDates { from: None, to: None }));
        }
    });
}

/// Every model id met, by title.
fn model_ids(data: &Portfolio) -> Vec<String> {
    let mut ids: Vec<String> =
        data.workshops.iter().flat_map(|w| w.models.iter().map(|m| m.model_id.clone())).collect();
    ids.sort();
    ids.dedup();
    ids.sort_by_cached_key(|id| data.catalogue.newest(id).map(|m| m.title.to_lowercase()));
    ids
}

/// A date bound typed as text. `Some(None)`: empty (open); `Some(date)`: a
/// valid date; `None`: not a date yet. The text lives in egui's memory
/// while it is typed; the filter changes only on a whole date.
fn date_field(
    ui: &mut Ui,
    label: &str,
    id: &str,
    current: Option<&str>,
    hint: Option<&str>,
) -> Option<Option<String>> {
    let id = egui::Id::unique(id);
    let mut text =
        ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or_else(|| current.unwrap_or_default().to_owned());
    let label = ui.label(label);
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(hint.unwrap_or("YYYY-MM-DD"))
                .desired_width(130.0),
        )
        .labelled_by(label.id);
    if response.changed() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Some(None)
    } else if is_iso_date(trimmed) {
        Some(Some(trimmed.to_owned()))
    } else {
        None
    }
}
