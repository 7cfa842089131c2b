//! The level ladder beside the content: every level with its progress and
//! the current and target markers; below it, the current and target level
//! controls.

use egui::{RichText, Ui};

use super::state::{AppState, Command};
use super::widgets::{colours, tag};
use crate::workshop::{Assessment, Edit, LevelOverride, SUGGESTION_RULE};

pub fn ladder_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings.theme);
    let model = &assessment.model;
    let current = assessment.current_level();
    let target = assessment.target_level();
    ui.label(RichText::new(&model.title).strong());
    ui.label(RichText::new("Highest level at the top").small().color(palette.muted));
    ui.add_space(4.0);
    for (index, level) in model.levels.iter().enumerate().rev() {
        let progress = assessment.level_progress(index);
        let selected = state.nav.level == index;
        let text = format!("{}\n{} of {} answered", level.name, progress.answered, progress.indicators);
        let button = egui::Button::selectable(selected, text)
            .wrap_mode(egui::TextWrapMode::Wrap)
            .min_size(egui::vec2(ui.available_width(), 0.0));
        if ui.add(button).clicked() {
            commands.push(Command::SelectLevel(index));
        }
        if index == current || Some(index) == target {
            ui.horizontal(|ui| {
                if index == current {
                    tag(ui, "Current", palette.current);
                }
                if Some(index) == target {
                    tag(ui, "Target", palette.target);
                }
            });
        }
    }
    if state.presenting {
        return commands;
    }
    ui.add_space(12.0);
    ui.separator();
    commands.extend(levels_controls_ui(ui, state, assessment));
    commands
}

fn levels_controls_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings.theme);
    let model = &assessment.model;
    let model_index = state.nav.model;
    let suggested = assessment.suggested_level();
    let suggested_name = model.levels.get(suggested).map_or("", |l| l.name.as_str());

    ui.label(RichText::new("Current level").strong());
    ui.label(format!("Suggested: {suggested_name}"));
    ui.label(RichText::new(SUGGESTION_RULE).small().color(palette.muted));
    let override_id = assessment.current_override.as_ref().map(|o| o.level_id.clone());
    let chosen_name = override_id
        .as_deref()
        .and_then(|id| model.levels.iter().find(|l| l.id == id))
        .map_or_else(|| format!("Use suggestion ({suggested_name})"), |l| format!("Override: {}", l.name));
    let mut choice = override_id.clone();
    let combo_label = ui.label(RichText::new("Place the team at").small());
    egui::ComboBox::from_id_salt(("current_level", model_index))
        .selected_text(chosen_name)
        .width(ui.available_width())
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut choice, None, format!("Use suggestion ({suggested_name})"));
            for level in &model.levels {
                ui.selectable_value(&mut choice, Some(level.id.clone()), level.name.as_str());
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
    if let Some(selected) = model.levels.get(state.nav.level)
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
