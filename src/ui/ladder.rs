//! The level ladder beside the content: every level with its progress and
//! the current and target markers; below it, the current and target level
//! controls.

use egui::{Color32, RichText, Sense, Stroke, Ui};

use super::bidi::{bidi_label, bidi_text};
use super::state::{AppState, Command};
use super::theme::Palette;
use super::widgets::{colours, tag};
use crate::workshop::LevelProgress;
use crate::workshop::{Assessment, Edit, LevelOverride, SUGGESTION_RULE};

pub fn ladder_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings().theme);
    let model = &assessment.model;
    let current = assessment.current_level();
    let target = assessment.target_level();
    bidi_label(ui, RichText::new(&model.title).strong());
    ui.label(RichText::new("Highest level at the top").small().color(palette.muted));
    ui.add_space(4.0);
    let count = model.levels.len();
    for (index, level) in model.levels.iter().enumerate().rev() {
        let row = LadderRow {
            id: &level.id,
            name: &level.name,
            progress: assessment.level_progress(index),
            selected: state.nav().level == index,
            reached: index <= current,
            is_current: index == current,
            is_target: Some(index) == target,
            is_top: index + 1 == count,
            is_bottom: index == 0,
        };
        if ladder_row_ui(ui, &palette, &row).clicked() {
            commands.push(Command::SelectLevel(index));
        }
    }
    if state.presenting() {
        return commands;
    }
    ui.add_space(12.0);
    ui.separator();
    commands.extend(levels_controls_ui(ui, state, assessment));
    commands
}

fn levels_controls_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings().theme);
    let model = &assessment.model;
    let model_index = state.nav().model;
    let suggested = assessment.suggested_level();
    let suggested_name = model.levels.get(suggested).map_or("", |l| l.name.as_str());

    ui.label(RichText::new("Current level").strong());
    bidi_label(ui, format!("Suggested: {suggested_name}"));
    ui.label(RichText::new(SUGGESTION_RULE).small().color(palette.muted));
    let override_id = assessment.current_override.as_ref().map(|o| o.level_id.clone());
    let chosen_name = override_id
        .as_deref()
        .and_then(|id| model.levels.iter().find(|l| l.id == id))
        .map_or_else(|| format!("Use suggestion ({suggested_name})"), |l| format!("Override: {}", l.name));
    let mut choice = override_id.clone();
    let combo_label = ui.label(RichText::new("Place the team at").small());
    egui::ComboBox::from_id_salt(("current_level", model_index))
        .selected_text(bidi_text(ui, chosen_name))
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            ui.selectable_value(
                &mut choice,
                None,
                bidi_text(ui, format!("Use suggestion ({suggested_name})")),
            );
            for level in &model.levels {
                ui.selectable_value(&mut choice, Some(level.id.clone()), bidi_text(ui, level.name.as_str()));
            }
        })
        .response
        .labelled_by(combo_label.id);
    if choice != override_id {
        let reason = assessment.current_override.as_ref().map(|o| o.reason.clone()).unwrap_or_default();
        commands.push(Command::Edit(Edit::SetCurrentOverride {
            model: model_index,
            level_override: choice.map(|level_id| LevelOverride { level_id, reason }),
        }));
    }
    if let Some(level_override) = &assessment.current_override {
        let label = ui.label(RichText::new("Why the override").small());
        let mut reason = level_override.reason.clone();
        let response = ui
            .add(
                egui::TextEdit::multiline(&mut reason)
                    .char_limit(crate::workshop::validate::MAX_NOTE_CHARS)
                    .hint_text("What the team said")
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if response.changed() {
            commands.push(Command::Edit(Edit::SetCurrentOverride {
                model: model_index,
                level_override: Some(LevelOverride { level_id: level_override.level_id.clone(), reason }),
            }));
        }
        if response.lost_focus() {
            commands.push(Command::SealUndo);
        }
    }

    ui.add_space(12.0);
    ui.label(RichText::new("Target level").strong());
    let target_id = assessment.target_level.clone();
    let target_name = assessment
        .target_level()
        .and_then(|index| model.levels.get(index))
        .map_or("Not set".to_owned(), |l| l.name.clone());
    let mut target_choice = target_id.clone();
    let target_label = ui.label(RichText::new("The team aims for").small());
    egui::ComboBox::from_id_salt(("target_level", model_index))
        .selected_text(target_name)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut target_choice, None, "Not set");
            for level in &model.levels {
                ui.selectable_value(&mut target_choice, Some(level.id.clone()), level.name.as_str());
            }
        })
        .response
        .labelled_by(target_label.id);
    if let Some(selected) = model.levels.get(state.nav().level)
        && target_id.as_deref() != Some(selected.id.as_str())
        && ui.button("Make the selected level the target").clicked()
    {
        target_choice = Some(selected.id.clone());
    }
    if target_choice != target_id {
        commands.push(Command::Edit(Edit::SetTarget { model: model_index, level_id: target_choice }));
    }
    commands
}

struct LadderRow<'a> {
    /// The level's id: what the row's egui id comes from, never its name.
    id: &'a str,
    name: &'a str,
    progress: LevelProgress,
    selected: bool,
    /// At or below the current level.
    reached: bool,
    is_current: bool,
    is_target: bool,
    is_top: bool,
    is_bottom: bool,
}

/// One rung: a rail with a dot on the left, the level's name, its markers
/// and how much of it is answered. The whole row is one button.
fn ladder_row_ui(ui: &mut Ui, palette: &Palette, row: &LadderRow<'_>) -> egui::Response {
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    let rail = body * 1.4;
    let fill = if row.selected { palette.card_focused } else { Color32::TRANSPARENT };
    let stroke = if row.selected { Stroke::new(2.0, palette.accent) } else { Stroke::NONE };
    let inner = egui::Frame::new()
        .fill(fill)
        .stroke(stroke)
        .corner_radius(8)
        .inner_margin(egui::Margin { left: rail as i8, right: 8, top: 6, bottom: 6 })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            bidi_label(ui, RichText::new(row.name).strong());
            // Markers sit under the name: beside a long name they would be
            // squeezed into a sliver.
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!(
                        "{} of {} answered",
                        row.progress.answered, row.progress.indicators
                    ))
                    .small()
                    .color(palette.muted),
                );
                if row.is_current {
                    tag(ui, "Current", palette.current);
                }
                if row.is_target {
                    tag(ui, "Target", palette.target);
                }
            });
        });
    let rect = inner.response.rect;
    // From the level's id: two levels may share a name (issue 10).
    let response = ui.interact(rect, ui.scope_id().with(("ladder_row", row.id)), Sense::click());
    let label = format!(
        "{}{}{}",
        row.name,
        if row.is_current { ", current level" } else { "" },
        if row.is_target { ", target level" } else { "" }
    );
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, row.selected, &label));
    if response.hovered() && !row.selected {
        ui.painter().rect_stroke(rect, 8, Stroke::new(1.0, palette.muted), egui::StrokeKind::Inside);
    }

    // The rail: a line through every rung, a dot per level, filled up to the
    // current level and ringed at the target.
    let x = rect.left() + rail * 0.5;
    let y = rect.top() + body * 0.95;
    let spacing = ui.spacing().item_spacing.y;
    let top = if row.is_top { y } else { rect.top() - spacing };
    let bottom = if row.is_bottom { y } else { rect.bottom() };
    let rail_colour = if row.reached { palette.current } else { palette.muted };
    ui.painter().line_segment([egui::pos2(x, top), egui::pos2(x, bottom)], Stroke::new(3.0, rail_colour));
    let radius = body * 0.32;
    if row.reached {
        ui.painter().circle_filled(egui::pos2(x, y), radius, palette.current);
    } else {
        ui.painter().circle(
            egui::pos2(x, y),
            radius,
            ui.visuals().panel_fill,
            Stroke::new(2.5, palette.muted),
        );
    }
    if row.is_target {
        ui.painter().circle_stroke(egui::pos2(x, y), radius + 4.0, Stroke::new(2.5, palette.target));
    }
    response
}
