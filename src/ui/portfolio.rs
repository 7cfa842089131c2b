//! The Portfolio screen: many workshops side by side. A heatmap of teams by
//! models (click a cell to open that workshop), the selected team's trend,
//! and per model the dimensions met and the gaps most teams share; a
//! filter by model and dates. Reading happens on a worker; this screen
//! shows its progress and stays usable meanwhile.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, RichText, Sense, Stroke, Ui, vec2};

use super::state::{AppState, Command, FileCommand};
use super::theme::Palette;
use super::widgets::{accessibility_on, colours, muted, only_on_screen};
use crate::portfolio::colour::{self, Rgb8};
use crate::portfolio::{
    Cell, Filter, ModelColumn, ModelInsight, Portfolio, PortfolioView, SkipReason, cell_text, overview,
};
use crate::workshop::clock::{is_iso_date, iso_from_days};

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

/// The fill of a cell and the text on it: the card colour (with a touch of
/// the accent, so the lowest level still reads as a cell) low on the
/// ladder, the accent at the top, so the wall reads "darker is further".
fn level_fill(palette: &Palette, cell: &Cell) -> (Color32, Color32) {
    let (card, accent) = (Rgb8::from(palette.card), Rgb8::from(palette.accent));
    let fill = colour::level_fill(cell, card.mix(accent, 0.12), accent);
    (fill.into(), colour::text_on(fill, Rgb8::WHITE, Rgb8::hex(0x101010)).into())
}

/// The heatmap's measures, in points.
#[derive(Clone, Copy)]
struct Grid {
    body: f32,
    team_width: f32,
    cell_width: f32,
    row_height: f32,
}

fn heatmap_ui(
    ui: &mut Ui,
    portfolio: &PortfolioState,
    palette: &Palette,
    lay_out_all: bool,
    commands: &mut Vec<Command>,
) {
    let view = &portfolio.view;
    if view.teams.is_empty() {
        muted(ui, palette, "No workshops match the filter.");
        return;
    }
    let body = ui.text_style_height(&egui::TextStyle::Body);
    let width = ui.available_width();
    let team_width = (width * 0.22).clamp(160.0, 320.0);
    let columns = view.models.len().max(1) as f32;
    let cell_width = ((width - team_width) / columns).min(360.0);
    let grid = Grid { body, team_width, cell_width, row_height: (body * 3.3).round() };
    heatmap_header_ui(ui, view, palette, grid);
    let fonts = (FontId::proportional((body * 0.85).round()), FontId::proportional((body * 0.7).round()));
    for (t, team) in view.teams.iter().enumerate() {
        let (row, _) =
            ui.allocate_exact_size(vec2(team_width + cell_width * columns, grid.row_height), Sense::hover());
        if !lay_out_all && !ui.is_rect_visible(row) {
            continue;
        }
        let name_rect = egui::Rect::from_min_size(row.min, vec2(team_width - 8.0, grid.row_height));
        if team_name_ui(ui, name_rect, &team.name, team.workshops.len(), portfolio.team == t).clicked() {
            commands.push(Command::Portfolio(PortfolioCommand::SelectTeam(t)));
        }
        for m in 0..view.models.len() {
            let rect = egui::Rect::from_min_size(
                row.min + vec2(team_width + cell_width * m as f32, 0.0),
                vec2(cell_width, grid.row_height),
            )
            .shrink(2.0);
            heat_cell_ui(ui, portfolio, palette, (t, m), rect, &fonts, commands);
        }
    }
    ui.add_space(4.0);
    muted(
        ui,
        palette,
        "Each team's latest workshop: darker is further up the ladder; the outlined step on the bar is the target. Click a cell to open that workshop, a team to see its trend.",
    );
}

/// Column headers: "Team" over the names, then each model and its version note.
fn heatmap_header_ui(ui: &mut Ui, view: &PortfolioView, palette: &Palette, grid: Grid) {
    let Grid { body, team_width, cell_width, .. } = grid;
    ui.horizontal_top(|ui| {
        // Ends where the cells begin (the next column comes after the item spacing).
        let team_header = team_width - ui.spacing().item_spacing.x;
        ui.allocate_ui_with_layout(vec2(team_header, body * 3.0), egui::Layout::top_down(egui::Align::Min), |ui| {
            ui.set_width(team_header);
            // Over the names, which start inside their buttons.
            ui.horizontal_top(|ui| {
                ui.add_space(ui.spacing().button_padding.x);
                ui.label(RichText::new("Team").strong());
            });
        });
        for model in &view.models {
            ui.allocate_ui(vec2(cell_width, body * 3.0), |ui| {
                ui.set_width(cell_width - 8.0);
                ui.vertical(|ui| {
                    ui.label(RichText::new(&model.title).strong());
                    if model.versions_differ() {
                        ui.label(RichText::new(format!("versions {} · compared by level", model.version_list())).small().color(palette.target))
                            .on_hover_text("Workshops used different versions of this model; levels are compared by their position in the ladder.");
                    } else {
                        ui.label(RichText::new(format!("{} of {} teams", model.teams, view.teams.len())).small().color(palette.muted));
                    }
                });
            });
        }
    });
}

/// Team `t`'s cell for model `m`: a button that opens that workshop, or a
/// dash where the team did not use the model.
fn heat_cell_ui(
    ui: &mut Ui,
    portfolio: &PortfolioState,
    palette: &Palette,
    (t, m): (usize, usize),
    rect: egui::Rect,
    (font, small): &(FontId, FontId),
    commands: &mut Vec<Command>,
) {
    let view = &portfolio.view;
    let (team, model) = (&view.teams[t], &view.models[m]);
    let Some(cell) = view.cell(t, m) else {
        ui.painter().rect_filled(rect, 6.0, palette.card);
        ui.painter().text(
            rect.left_center() + vec2(10.0, 0.0),
            Align2::LEFT_CENTER,
            "—",
            font.clone(),
            palette.muted,
        );
        return;
    };
    let path = portfolio.data.workshops[cell.workshop].path.clone();
    let response = ui.interact(rect, egui::Id::unique(("portfolio_cell", t, m)), Sense::click());
    let description = cell_label(&team.name, model, cell);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &description));
    paint_cell(ui, palette, rect, model, cell, font, small, response.hovered() || response.has_focus());
    if response.on_hover_text(format!("{description}\nOpen {}", path.display())).clicked() {
        commands.push(Command::File(FileCommand::OpenRecent(path)));
    }
}

/// A team's name as the heatmap's first column: left-aligned like a
/// table's, the whole row's height to click, cut with an ellipsis when
/// long; the tooltip always has the whole name.
fn team_name_ui(
    ui: &mut Ui,
    rect: egui::Rect,
    name: &str,
    workshops: usize,
    selected: bool,
) -> egui::Response {
    // The main align also places the text inside the button (centred by default).
    let layout = egui::Layout::left_to_right(egui::Align::Center)
        .with_main_align(egui::Align::Min)
        .with_main_justify(true)
        .with_cross_justify(true);
    let button = egui::Button::selectable(selected, RichText::new(name).strong()).truncate();
    ui.scope_builder(egui::UiBuilder::new().max_rect(rect).layout(layout), |ui| ui.add(button))
        .inner
        .on_hover_text(format!("{name}\n{workshops} workshops; show this team's trend"))
}

/// What a heatmap cell says to a screen reader (and to tests).
pub fn cell_label(team: &str, model: &ModelColumn, cell: &Cell) -> String {
    let version =
        if model.versions_differ() { format!(", model version {}", cell.version) } else { String::new() };
    format!("{team}, {}: {} on {}{version}", model.title, cell_text(cell), cell.date)
}

#[allow(clippy::too_many_arguments)]
fn paint_cell(
    ui: &Ui,
    palette: &Palette,
    rect: egui::Rect,
    model: &ModelColumn,
    cell: &Cell,
    font: &FontId,
    small: &FontId,
    hot: bool,
) {
    let painter = ui.painter();
    let (fill, text) = level_fill(palette, cell);
    painter.rect_filled(rect, 6.0, fill);
    if hot {
        painter.rect_stroke(
            rect,
            6.0,
            Stroke::new(2.5, ui.visuals().strong_text_color()),
            egui::StrokeKind::Inside,
        );
    }
    let inner = rect.shrink2(vec2(10.0, 6.0));
    // One line, cut with an ellipsis: the cell's size never changes.
    let mut job = egui::text::LayoutJob::simple_singleline(cell.current_label.short(), font.clone(), text);
    job.wrap = egui::text::TextWrapping::truncate_at_width(inner.width());
    let galley = painter.layout_job(job);
    let first_height = galley.size().y;
    painter.galley(inner.left_top(), galley, text);
    let mut second = match &cell.target_label {
        Some(target) => format!("→ L{}", target.number),
        None => "no target".to_owned(),
    };
    if model.versions_differ() {
        second.push_str(&format!(" · v{}", cell.version));
    }
    second.push_str(&format!(" · {}", cell.date));
    painter.text(
        inner.left_top() + vec2(0.0, first_height + 1.0),
        Align2::LEFT_TOP,
        second,
        small.clone(),
        text,
    );
    // The ladder in miniature along the foot: steps reached filled, the
    // target outlined.
    let steps = cell.level_count.max(1);
    let track = egui::Rect::from_min_max(inner.left_bottom() - vec2(0.0, 5.0), inner.right_bottom());
    let step = track.width() / steps as f32;
    for index in 0..steps {
        let r = egui::Rect::from_min_size(
            track.min + vec2(step * index as f32, 0.0),
            vec2(step - 2.0, track.height()),
        );
        let reached = index <= cell.current;
        let colour = if reached { text } else { text.gamma_multiply(0.3) };
        painter.rect_filled(r, 1.0, colour);
        if cell.target == Some(index) {
            painter.rect_stroke(r.expand(1.5), 1.0, Stroke::new(2.0, text), egui::StrokeKind::Outside);
        }
    }
}

fn trend_ui(ui: &mut Ui, portfolio: &PortfolioState, palette: &Palette, commands: &mut Vec<Command>) {
    let view = &portfolio.view;
    let Some(team) = view.teams.get(portfolio.team) else { return };
    ui.horizontal_wrapped(|ui| {
        ui.heading("Trend");
        ui.add_space(12.0);
        let label = ui.label("Team");
        egui::ComboBox::from_id_salt("portfolio_team")
            .selected_text(RichText::new(&team.name).strong())
            .height(400.0)
            .show_ui(ui, |ui| {
                for (index, other) in view.teams.iter().enumerate() {
                    if ui.selectable_label(index == portfolio.team, &other.name).clicked() {
                        commands.push(Command::Portfolio(PortfolioCommand::SelectTeam(index)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    muted(
        ui,
        palette,
        format!(
            "Current level (solid) and target (dashed) per model over {} workshops; levels counted from the bottom of each ladder.",
            team.workshops.len()
        ),
    );
    trend_plot_ui(ui, view, portfolio.team);
}

/// The selected team's levels over time, one colour per model.
fn trend_plot_ui(ui: &mut Ui, view: &PortfolioView, team_index: usize) {
    let Some(team) = view.teams.get(team_index) else { return };
    let top = team.chart_top();
    let series = view.models.len().max(1) as f64;
    let days: Vec<i64> = team.trends.iter().flat_map(|t| t.points.iter().filter_map(|p| p.day)).collect();
    let (first, last) = (days.iter().min().copied().unwrap_or(0), days.iter().max().copied().unwrap_or(0));
    let height = (ui.text_style_height(&egui::TextStyle::Body) * 14.0).clamp(260.0, 420.0);
    egui_plot::Plot::new(("portfolio_trend_plot", team_index))
        .height(height)
        .legend(egui_plot::Legend::default().position(egui_plot::Corner::RightTop))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .include_y(-0.2)
        .include_y(top as f64 + 0.9)
        .include_x(first as f64 - 10.0)
        .include_x(last as f64 + 10.0)
        .x_axis_formatter(|mark, _| iso_from_days(mark.value.round() as i64))
        .y_axis_formatter(|mark, _| {
            let value = mark.value;
            if (value - value.round()).abs() < 1e-6 && value >= 0.0 {
                format!("{}", value as i64 + 1)
            } else {
                String::new()
            }
        })
        .y_grid_spacer(egui_plot::uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } if !plot_name.is_empty() => {
                Some(format!(
                    "{plot_name}\n{}: level {}",
                    iso_from_days(position.x.round() as i64),
                    position.y.round() as i64 + 1
                ))
            }
            _ => None,
        })
        .show(ui, |plot| {
            for (m, (model, trend)) in view.models.iter().zip(&team.trends).enumerate() {
                let colour = Color32::from(colour::series_colour(m));
                // Models on the same level would hide each other: each is
                // lifted a hair, far less than the hover label's rounding.
                let lift = (m as f64 - (series - 1.0) / 2.0) * 0.07;
                let current: Vec<[f64; 2]> = trend
                    .points
                    .iter()
                    .filter_map(|p| Some([p.day? as f64, p.current as f64 + lift]))
                    .collect();
                let target: Vec<[f64; 2]> = trend
                    .points
                    .iter()
                    .filter_map(|p| Some([p.day? as f64, p.target? as f64 + lift]))
                    .collect();
                if current.is_empty() {
                    continue;
                }
                plot.line(
                    egui_plot::Line::new(model.title.clone(), current.clone()).color(colour).width(3.0),
                );
                plot.points(
                    egui_plot::Points::new(model.title.clone(), current)
                        .color(colour)
                        .radius(5.0)
                        .filled(true),
                );
                if !target.is_empty() {
                    plot.line(
                        // Named as the current line, so the legend holds one
                        // entry per model and hides or shows both.
                        egui_plot::Line::new(model.title.clone(), target)
                            .color(colour)
                            .width(1.5)
                            .style(egui_plot::LineStyle::dashed_loose()),
                    );
                }
            }
        });
}

fn model_ui(
    ui: &mut Ui,
    view: &PortfolioView,
    model: &ModelColumn,
    insight: &ModelInsight,
    palette: &Palette,
) {
    ui.separator();
    ui.heading(&model.title);
    let mut line = format!("Used by {} of {} teams.", model.teams, view.teams.len());
    if model.versions_differ() {
        line.push_str(&format!(
            " Versions {}: levels compared by their position in the ladder.",
            model.version_list()
        ));
    }
    muted(ui, palette, line);
    let wide = ui.available_width() > 1100.0 && !insight.dimensions.is_empty();
    let columns = if wide { 2 } else { 1 };
    ui.columns(columns, |cols| {
        if !insight.dimensions.is_empty() {
            let ui = &mut cols[0];
            ui.label(
                RichText::new("Dimensions met")
                    .strong()
                    .size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
            )
            .on_hover_text(
                "A team meets a dimension when none of its indicators up to the team's target level is open.",
            );
            for dimension in &insight.dimensions {
                let text = if dimension.teams == 0 {
                    format!("{}: no team reaches it yet", dimension.name)
                } else {
                    format!(
                        "{}: {} of {} teams ({:.0} %)",
                        dimension.name,
                        dimension.met,
                        dimension.teams,
                        dimension.share() * 100.0
                    )
                };
                share_bar_ui(ui, palette, &text, dimension.share());
            }
        }
        let ui = &mut cols[columns - 1];
        if !wide && !insight.dimensions.is_empty() {
            ui.add_space(12.0);
        }
        ui.label(
            RichText::new("Common gaps").strong().size(ui.text_style_height(&egui::TextStyle::Body) * 1.15),
        )
        .on_hover_text(
            "The indicators most often not Yes up to each team's target, in their latest workshop.",
        );
        if insight.common_gaps.is_empty() {
            muted(ui, palette, "No team has an open indicator up to its target.");
        }
        for (rank, gap) in insight.common_gaps.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{}.", rank + 1)).strong());
                ui.label(RichText::new(format!("{} of {}", gap.open, gap.teams)).strong().color(palette.no));
                if let Some(level) = &gap.level {
                    ui.label(RichText::new(level.short()).small().color(palette.muted));
                }
                ui.label(&gap.statement);
            });
        }
    });
}

/// A label over a thin bar of `share`: the track in the card colour, the
/// share in the accent.
fn share_bar_ui(ui: &mut Ui, palette: &Palette, text: &str, share: f32) {
    ui.label(text);
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 10.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, palette.card);
    painter.rect_stroke(
        rect,
        3.0,
        Stroke::new(1.0, palette.muted.gamma_multiply(0.5)),
        egui::StrokeKind::Inside,
    );
    let filled =
        egui::Rect::from_min_size(rect.min, vec2(rect.width() * share.clamp(0.0, 1.0), rect.height()));
    painter.rect_filled(filled, 3.0, palette.accent);
    ui.add_space(6.0);
}

fn skipped_ui(ui: &mut Ui, data: &Portfolio, palette: &Palette) {
    if data.skipped.is_empty() {
        return;
    }
    ui.add_space(16.0);
    ui.separator();
    let newer = data.skipped.iter().filter(|s| matches!(s.reason, SkipReason::NewerFormat(_))).count();
    let mut title = format!("{} files skipped", data.skipped.len());
    if newer > 0 {
        title.push_str(&format!(" ({newer} from a newer version of the app)"));
    }
    egui::CollapsingHeader::new(RichText::new(title).strong().color(palette.no))
        .id_salt("portfolio_skipped")
        .show(ui, |ui| {
            for file in &data.skipped {
                let mut text = file.headline();
                if let SkipReason::NewerFormat(version) = file.reason {
                    text.push_str(&format!(
                        " — written in format version {version}; update Maturity Workshop to read it"
                    ));
                }
                ui.label(RichText::new(text).monospace().small());
            }
        });
}
