//! The roadmap screen: per model, the gaps between the current and the
//! target level and the next steps in between, each one click away from
//! becoming an action; then the actions, grouped Now / Next / Later, to
//! edit and reorder.

use egui::{RichText, Ui};

use super::bidi::bidi_label;
use super::state::{AppState, Command};
use super::theme::Palette;
use super::widgets::{
    accessibility_on, answer_colour, card, colours, date_field_ui, muted, note_preview, only_on_screen,
    scrolling_column, tag,
};
use crate::roadmap::{ModelRoadmap, Roadmap, action_for_gap, action_for_next_step};
use crate::workshop::validate::{MAX_LINE_CHARS, MAX_NOTE_CHARS};
use crate::workshop::{Action, Edit, Horizon, Workshop};

const CONTENT_WIDTH: f32 = 1250.0;

pub fn roadmap_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(workshop) = state.workshop() else { return commands };
    // Derived afresh: a few hundred strings, far below a frame's budget, and
    // never stale after an undo.
    let roadmap = Roadmap::from_workshop(workshop);
    scrolling_column(ui, "roadmap_scroll", CONTENT_WIDTH, |ui| {
        ui.add_space(12.0);
        let heading = bidi_label(ui, RichText::new(format!("Roadmap · {}", workshop.details.team)).heading());
        let lay_out_all = accessibility_on(ui, &heading);
        let palette = colours(ui, state.settings().theme);
        muted(
            ui,
            &palette,
            "Gaps are the indicators not yet Yes up to each model's target. Turn a gap or a next step into an action with one click.",
        );
        ui.add_space(8.0);
        commands.extend(actions_ui(ui, state, workshop, &palette));
        ui.add_space(16.0);
        for model in &roadmap.models {
            commands.extend(model_gaps_ui(ui, state, workshop, model, &palette, lay_out_all));
            ui.add_space(12.0);
        }
        ui.add_space(24.0);
    });
    commands
}

fn is_addressed(workshop: &Workshop, model_id: &str, indicator_id: &str) -> bool {
    workshop.actions.iter().any(|a| {
        a.model_id.as_deref() == Some(model_id) && a.indicator_ids.iter().any(|id| id == indicator_id)
    })
}

fn has_action_titled(workshop: &Workshop, model_id: &str, title: &str) -> bool {
    workshop.actions.iter().any(|a| a.model_id.as_deref() == Some(model_id) && a.title == title)
}

fn model_gaps_ui(
    ui: &mut Ui,
    state: &AppState,
    workshop: &Workshop,
    model: &ModelRoadmap,
    palette: &Palette,
    lay_out_all: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    card(palette.card).show(ui, |ui| {
        ui.set_width(ui.available_width());
        bidi_label(ui, RichText::new(&model.title).strong().size(body * 1.2));
        let current = model.current_level().map_or("", |l| l.name.as_str());
        let target = model.target_level().map_or("", |l| l.name.as_str());
        ui.horizontal_wrapped(|ui| {
            tag(ui, "Current", palette.current);
            bidi_label(ui, RichText::new(current).strong());
            ui.label("→");
            tag(ui, if model.target_assumed { "Next level" } else { "Target" }, palette.target);
            bidi_label(ui, RichText::new(target).strong());
        });
        if model.gaps.is_empty() {
            muted(ui, palette, "No gaps: every indicator up to the target is Yes or Not applicable.");
        } else {
            ui.add_space(6.0);
            ui.label(RichText::new(format!("Gaps ({})", model.gaps.len())).strong());
        }
        for gap in &model.gaps {
            let row = egui::Id::unique(("gap_row", &model.model_id, &gap.indicator_id));
            only_on_screen(ui, row, lay_out_all, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let level = model.level(gap.level_index).map_or("", |l| l.short_name.as_str());
                    tag(ui, level, palette.muted);
                    match gap.answer {
                        Some(answer) => tag(ui, answer.label(), answer_colour(palette, answer)),
                        None => tag(ui, "Unanswered", palette.muted),
                    }
                    bidi_label(ui, &gap.statement);
                    if state.presenting() {
                        return;
                    }
                    if is_addressed(workshop, &model.model_id, &gap.indicator_id) {
                        ui.label(RichText::new("Has an action").small().color(palette.current));
                    } else if ui.small_button("Make action").on_hover_text(&gap.statement).clicked() {
                        commands.push(Command::Edit(Edit::AddAction(action_for_gap(&model.model_id, gap))));
                    }
                });
                if !gap.note.is_empty() {
                    ui.indent(("gap_note", &model.model_id, &gap.indicator_id), |ui| {
                        bidi_label(ui, RichText::new(note_preview(&gap.note)).italics().color(palette.muted));
                    });
                }
            });
        }
        if !model.next_steps.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Next steps").strong());
        }
        for (step_index, step) in model.next_steps.iter().enumerate() {
            let row = egui::Id::unique(("step_row", &model.model_id, step_index));
            only_on_screen(ui, row, lay_out_all, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let level = model.level(step.from_level).map_or("", |l| l.short_name.as_str());
                    tag(ui, &format!("From {level}"), palette.muted);
                    bidi_label(ui, &step.text);
                    if state.presenting() {
                        return;
                    }
                    if has_action_titled(workshop, &model.model_id, &step.text) {
                        ui.label(RichText::new("Has an action").small().color(palette.current));
                    } else if ui.small_button("Make action").on_hover_text(&step.text).clicked() {
                        commands.push(Command::Edit(Edit::AddAction(action_for_next_step(
                            &model.model_id,
                            step,
                        ))));
                    }
                });
            });
        }
    });
    commands
}

fn actions_ui(ui: &mut Ui, state: &AppState, workshop: &Workshop, palette: &Palette) -> Vec<Command> {
    let mut commands = Vec::new();
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    card(palette.card).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Actions ({})", workshop.actions.len())).strong().size(body * 1.2),
            );
            if !state.presenting() && ui.button("Add action").clicked() {
                let action = Action { title: "New action".to_owned(), ..Action::default() };
                commands.push(Command::Edit(Edit::AddAction(action)));
                commands.push(Command::EditAction(Some(workshop.actions.len())));
            }
        });
        if workshop.actions.is_empty() {
            muted(
                ui,
                palette,
                "No actions yet. Use Make action on a gap or a next step below, or Add action.",
            );
        }
        for horizon in Horizon::ALL {
            let in_horizon: Vec<usize> =
                (0..workshop.actions.len()).filter(|&i| workshop.actions[i].horizon == horizon).collect();
            if in_horizon.is_empty() {
                continue;
            }
            ui.add_space(6.0);
            ui.label(RichText::new(horizon.label()).strong().color(palette.accent));
            for (position, &index) in in_horizon.iter().enumerate() {
                let neighbours =
                    (position.checked_sub(1).map(|p| in_horizon[p]), in_horizon.get(position + 1).copied());
                commands.extend(action_row_ui(ui, state, workshop, index, neighbours, palette));
            }
        }
    });
    commands
}

/// One action: its summary line with controls, or its fields when edited.
fn action_row_ui(
    ui: &mut Ui,
    state: &AppState,
    workshop: &Workshop,
    index: usize,
    (previous, next): (Option<usize>, Option<usize>),
    palette: &Palette,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let action = &workshop.actions[index];
    let model_title =
        action.model_id.as_deref().and_then(|id| workshop.assessment(id)).map(|a| a.model.title.as_str());
    let mut details = Vec::new();
    if !action.owner.is_empty() {
        details.push(action.owner.clone());
    }
    if let Some(due) = &action.due {
        details.push(format!("due {due}"));
    }
    if let Some(title) = model_title {
        details.push(title.to_owned());
    }
    let editing = state.nav().editing_action == Some(index);
    // Text on the left, wrapping; the controls in a column of their own on
    // the right, so rows line up however long the titles are.
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    let controls_width = if state.presenting() { 0.0 } else { controls_width(ui) };
    ui.horizontal_top(|ui| {
        let text_width = (ui.available_width() - controls_width).max(body * 10.0);
        ui.allocate_ui_with_layout(
            egui::vec2(text_width, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                bidi_label(ui, RichText::new(&action.title).strong());
                if !details.is_empty() {
                    bidi_label(ui, RichText::new(details.join(" · ")).color(palette.muted));
                }
                if !action.note.is_empty() && !editing {
                    bidi_label(ui, RichText::new(note_preview(&action.note)).italics().color(palette.muted));
                }
            },
        );
        if state.presenting() {
            return;
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
            if ui.small_button("Remove").clicked() {
                commands.push(Command::EditAction(None));
                commands.push(Command::Edit(Edit::RemoveAction(index)));
            }
            let down = ui.add_enabled(next.is_some(), egui::Button::new("Down").small());
            if let Some(next) = next
                && down.on_hover_text("Move down").clicked()
            {
                commands.push(Command::Edit(Edit::MoveAction { from: index, to: next }));
            }
            let up = ui.add_enabled(previous.is_some(), egui::Button::new("Up").small());
            if let Some(previous) = previous
                && up.on_hover_text("Move up").clicked()
            {
                commands.push(Command::Edit(Edit::MoveAction { from: index, to: previous }));
            }
            if ui.small_button(if editing { "Done" } else { "Edit" }).clicked() {
                commands.push(Command::EditAction(if editing { None } else { Some(index) }));
            }
        });
    });
    ui.add_space(4.0);
    if state.nav().editing_action == Some(index) && !state.presenting() {
        commands.extend(action_editor_ui(ui, workshop, index));
    }
    commands
}

/// The width of an action's buttons (Edit or Done, Up, Down, Remove) as
/// laid out, so that its text wraps before them rather than under them.
fn controls_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let spacing = ui.spacing();
    let padding = 2.0 * spacing.button_padding.x + spacing.item_spacing.x;
    ["Remove", "Down", "Up", "Done"]
        .iter()
        .map(|text| {
            let galley = ui.fonts_mut(|fonts| {
                fonts.layout_no_wrap((*text).to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
            });
            galley.size().x + padding
        })
        .sum::<f32>()
        + spacing.item_spacing.x
}

fn action_editor_ui(ui: &mut Ui, workshop: &Workshop, index: usize) -> Vec<Command> {
    let mut commands = Vec::new();
    let original = &workshop.actions[index];
    let mut action = original.clone();
    let mut lost_focus = false;
    let mut due_not_a_date = false;
    ui.indent(("action_editor", index), |ui| {
        // Measured outside the grid: inside, a cell is only as wide as its
        // content was last frame, and the fields shrank to a few letters.
        let label_width = ["Title", "Owner", "Due", "Horizon", "Note"]
            .iter()
            .map(|label| text_width(ui, label))
            .fold(0.0_f32, f32::max);
        let width = (ui.available_width() - label_width - 12.0).max(160.0);
        egui::Grid::new(("action_fields", index)).num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            for (label, text, hint) in [
                ("Title", &mut action.title, "What will be done"),
                ("Owner", &mut action.owner, "Who makes it happen"),
            ] {
                let label = ui.label(label);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text(hint)
                            .desired_width(width)
                            .char_limit(MAX_LINE_CHARS),
                    )
                    .labelled_by(label.id);
                lost_focus |= response.lost_focus();
                ui.end_row();
            }
            let label = ui.label("Due");
            let stored = original.due.as_deref().unwrap_or_default();
            let due = date_field_ui(
                ui,
                egui::Id::unique(("action_due", index)),
                stored,
                "YYYY-MM-DD, optional",
                width,
            );
            let response = due.response.labelled_by(label.id);
            lost_focus |= response.lost_focus();
            due_not_a_date = due.not_a_date;
            if let Some(date) = due.commit {
                action.due = (!date.is_empty()).then_some(date);
            }
            ui.end_row();
            let label = ui.label("Horizon");
            ui.horizontal(|ui| {
                for horizon in Horizon::ALL {
                    ui.selectable_value(&mut action.horizon, horizon, horizon.label());
                }
            })
            .response
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Note");
            let response = ui
                .add(
                    egui::TextEdit::multiline(&mut action.note)
                        .desired_rows(2)
                        .desired_width(width)
                        .char_limit(MAX_NOTE_CHARS),
                )
                .labelled_by(label.id);
            lost_focus |= response.lost_focus();
            ui.end_row();
        });
    });
    // What is typed stays in the field; only a date reaches the workshop.
    if due_not_a_date {
        ui.indent(("due_hint", index), |ui| {
            ui.label(
                RichText::new("Write the due date as YYYY-MM-DD; it is kept once it is one.")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        });
    }
    if action != *original {
        commands.push(Command::Edit(Edit::UpdateAction { index, action }));
    }
    if lost_focus {
        commands.push(Command::SealUndo);
    }
    commands
}

/// The width `text` takes in the body font.
fn text_width(ui: &Ui, text: &str) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    ui.ctx().fonts_mut(|fonts| fonts.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE).size().x)
}
