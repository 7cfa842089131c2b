//! The bar across the top (the "editing chrome") and the notice strip.

use egui::{RichText, Ui};

use super::shortcuts;
use super::state::{AppState, Command, Screen};
use super::theme::ThemeChoice;
use super::widgets::colours;

pub fn top_bar_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.presenting {
        egui::Panel::top("presenting_bar").show_separator_line(false).show(ui, |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("Show controls (F5)").clicked() {
                    commands.push(Command::TogglePresenting);
                }
            });
        });
        return commands;
    }
    let palette = colours(ui, state.settings.theme);
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Maturity Workshop").strong().color(palette.accent));
            ui.separator();
            if let Some(workshop) = state.workshop() {
                if ui.selectable_label(state.screen == Screen::Start, "Start").clicked() {
                    commands.push(Command::Show(Screen::Start));
                }
                for (index, assessment) in workshop.assessments.iter().enumerate() {
                    let selected = state.screen == Screen::Walkthrough && state.nav.model == index;
                    if ui.selectable_label(selected, assessment.model.title.as_str()).clicked() {
                        commands.push(Command::SelectModel(index));
                    }
                }
                if ui.selectable_label(state.screen == Screen::Summary, "Summary").clicked() {
                    commands.push(Command::Show(Screen::Summary));
                }
                ui.separator();
                let doc = state.session.as_ref().map(|s| &s.doc);
                let can_undo = doc.is_some_and(|d| d.can_undo());
                let can_redo = doc.is_some_and(|d| d.can_redo());
                let undo = ui.add_enabled(can_undo, egui::Button::new("Undo"));
                if undo.on_hover_text(ui.ctx().format_shortcut(&shortcuts::UNDO)).clicked() {
                    commands.push(Command::Undo);
                }
                let redo = ui.add_enabled(can_redo, egui::Button::new("Redo"));
                if redo.on_hover_text(ui.ctx().format_shortcut(&shortcuts::REDO)).clicked() {
                    commands.push(Command::Redo);
                }
            }
            ui.separator();
            let mut theme = state.settings.theme;
            egui::ComboBox::from_id_salt("theme").selected_text(format!("Theme: {}", theme.label())).show_ui(
                ui,
                |ui| {
                    for choice in ThemeChoice::ALL {
                        ui.selectable_value(&mut theme, choice, choice.label());
                    }
                },
            );
            if theme != state.settings.theme {
                commands.push(Command::SetTheme(theme));
            }
            if ui.button("Present").on_hover_text("Hide the controls (F5). F11: full screen.").clicked() {
                commands.push(Command::TogglePresenting);
            }
        });
        ui.add_space(2.0);
    });
    commands
}

pub fn notice_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(notice) = &state.notice else { return commands };
    if state.presenting {
        return commands;
    }
    let palette = colours(ui, state.settings.theme);
    let colour = if notice.is_error { palette.no } else { palette.accent };
    egui::Panel::top("notice").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&notice.text).color(colour).strong());
            if ui.small_button("Dismiss").clicked() {
                commands.push(Command::DismissNotice);
            }
        });
    });
    commands
}
