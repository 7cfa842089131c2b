//! The heatmap: a row per team (its name left-aligned, the whole name on
//! hover), a column per model, each cell the team's latest workshop on
//! that model, coloured by how far up the ladder it stands.

use egui::{Align2, Color32, FontId, RichText, Sense, Stroke, Ui, vec2};

use super::{PortfolioCommand, PortfolioState};
use crate::portfolio::colour::{self, Rgb8};
use crate::portfolio::{Cell, ModelColumn, PortfolioView, cell_text};
use crate::ui::bidi::{bidi_job, bidi_label, bidi_text};
use crate::ui::state::{Command, FileCommand};
use crate::ui::theme::Palette;
use crate::ui::widgets::muted;

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

pub(super) fn heatmap_ui(
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
    let hover = format!("{description}\nOpen {}", path.display());
    if response.on_hover_ui(|ui| _ = bidi_label(ui, hover)).clicked() {
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
    let button = egui::Button::selectable(selected, bidi_text(ui, RichText::new(name).strong())).truncate();
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
    let galley = painter.layout_job(bidi_job(ui, job));
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
