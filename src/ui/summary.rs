//! The summary: every model's current and target level, how much was
//! answered, the open gaps and the notes. What the team looks at before the
//! roadmap.

use egui::{RichText, Ui};

use super::bidi::bidi_label;
use super::state::{AppState, Command, split_names};
use super::widgets::{
    card, colours, date_field_ui, labelled_note, muted, note_preview, scrolling_column, tag,
};
use crate::roadmap::gaps;
use crate::workshop::validate::MAX_LINE_CHARS;
use crate::workshop::{Assessment, Edit, WorkshopDetails};

const CONTENT_WIDTH: f32 = 1250.0;

pub fn summary_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(workshop) = state.workshop() else { return commands };
    scrolling_column(ui, "summary_scroll", CONTENT_WIDTH, |ui| {
        ui.add_space(12.0);
        bidi_label(ui, RichText::new(format!("Summary · {}", workshop.details.team)).heading());
        let palette = colours(ui, state.settings().theme);
        let mut people = workshop.details.date.clone();
        if !workshop.details.facilitator.is_empty() {
            people.push_str(&format!(" · facilitated by {}", workshop.details.facilitator));
        }
        if !workshop.details.participants.is_empty() {
            people.push_str(&format!(" · with {}", workshop.details.participants.join(", ")));
        }
        muted(ui, &palette, people);
        if !state.presenting() {
            commands.extend(details_editor_ui(ui, &workshop.details));
        }
        ui.add_space(8.0);
        overview_ui(ui, state, workshop);
        ui.add_space(16.0);
        for (index, assessment) in workshop.assessments.iter().enumerate() {
            commands.extend(model_summary_ui(ui, state, index, assessment));
            ui.add_space(10.0);
        }
        if state.presenting() {
            if !workshop.general_notes.is_empty() {
                ui.label(RichText::new("General notes").strong());
                bidi_label(ui, &workshop.general_notes);
            }
        } else {
            let (changed, lost_focus) = labelled_note(
                ui,
                egui::Id::unique("general_notes"),
                "General notes",
                &workshop.general_notes,
                "Anything the team wants on the record",
                false,
            );
            if let Some(text) = changed {
                commands.push(Command::Edit(Edit::SetGeneralNotes(text)));
            }
            if lost_focus {
                commands.push(Command::SealUndo);
            }
        }
        ui.add_space(24.0);
    });
    commands
}

/// One row per model: where the team is, where it aims, how far along.
fn overview_ui(ui: &mut Ui, state: &AppState, workshop: &crate::workshop::Workshop) {
    let palette = colours(ui, state.settings().theme);
    card(palette.card).show(ui, |ui| {
        ui.set_width(ui.available_width());
        // Columns share the width and their text wraps: a grid sized to its
        // longest names would run off a 1280-pixel projector.
        let spacing = ui.spacing().item_spacing.x * 2.0;
        let total = ui.available_width() - spacing * 4.0;
        let widths = [0.30, 0.25, 0.25, 0.10, 0.10].map(|share| total * share);
        let headings = ["Model", "Current", "Target", "Answered", "Open gaps"];
        table_row(ui, &widths, spacing, headings.map(|h| RichText::new(h).strong().color(palette.muted)));
        for assessment in &workshop.assessments {
            let model = &assessment.model;
            let current = model.levels.get(assessment.current_level()).map_or("", |l| l.name.as_str());
            let marker = if assessment.is_current_overridden() { " (set)" } else { "" };
            // Without a target, gaps are counted to the next level up.
            let target = match assessment.target_level().and_then(|t| model.levels.get(t)) {
                Some(level) => level.name.clone(),
                None => crate::roadmap::effective_target(assessment)
                    .and_then(|t| model.levels.get(t))
                    .map_or_else(|| "Not set".to_owned(), |l| format!("Not set (next: {})", l.name)),
            };
            ui.add_space(4.0);
            table_row(
                ui,
                &widths,
                spacing,
                [
                    RichText::new(&model.title).strong(),
                    RichText::new(format!("{current}{marker}")).color(palette.current),
                    RichText::new(target).color(palette.target),
                    RichText::new(format!("{:.0}%", assessment.answered_share() * 100.0)),
                    RichText::new(gaps(assessment).len().to_string()),
                ],
            );
        }
        ui.add_space(4.0);
        ui.label(
            RichText::new("(set): placed by the facilitator rather than suggested by the answers.")
                .small()
                .color(palette.muted),
        );
    });
}

/// One row of cells of fixed widths, each wrapping its text.
fn table_row<const N: usize>(ui: &mut Ui, widths: &[f32; N], spacing: f32, cells: [RichText; N]) {
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = spacing;
        for (width, text) in widths.iter().zip(cells) {
            ui.allocate_ui_with_layout(
                egui::vec2(*width, 0.0),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    ui.set_width(*width);
                    bidi_label(ui, text);
                },
            );
        }
    });
}

fn model_summary_ui(ui: &mut Ui, state: &AppState, index: usize, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings().theme);
    let model = &assessment.model;
    let current = model.levels.get(assessment.current_level()).map_or("", |l| l.name.as_str());
    let target =
        assessment.target_level().and_then(|t| model.levels.get(t)).map_or("not set", |l| l.name.as_str());
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    card(palette.card).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            bidi_label(ui, RichText::new(&model.title).strong().size(body * 1.2));
            if !state.presenting() && ui.small_button("Walk through").clicked() {
                commands.push(Command::SelectModel(index));
            }
        });
        ui.horizontal_wrapped(|ui| {
            tag(ui, "Current", palette.current);
            bidi_label(ui, RichText::new(current).strong());
            ui.label("→");
            tag(ui, "Target", palette.target);
            bidi_label(ui, RichText::new(target).strong());
        });
        if let Some(reason) =
            assessment.current_override.as_ref().map(|o| &o.reason).filter(|r| !r.is_empty())
        {
            muted(ui, &palette, format!("Placed by the facilitator: {reason}"));
        }
        let level_notes: Vec<_> = model
            .levels
            .iter()
            .filter_map(|level| assessment.level_notes.get(&level.id).map(|note| (level, note)))
            .collect();
        let indicator_notes: Vec<_> = model
            .indicators()
            .filter_map(|(_, ind)| assessment.indicator_notes.get(&ind.id).map(|note| (ind, note)))
            .collect();
        set_aside_ui(ui, &palette, assessment);
        if level_notes.is_empty() && indicator_notes.is_empty() {
            muted(ui, &palette, "No notes yet.");
            return;
        }
        ui.add_space(4.0);
        for (level, note) in level_notes {
            bidi_label(ui, RichText::new(format!("Level {}", level.name)).color(palette.muted));
            bidi_label(ui, note_preview(note));
        }
        for (indicator, note) in indicator_notes {
            bidi_label(ui, RichText::new(&indicator.statement).color(palette.muted));
            bidi_label(ui, note_preview(note));
        }
    });
    commands
}

/// Fixing the team's name, the people or the date after the start: they go
/// on the PDF's cover.
fn details_editor_ui(ui: &mut Ui, details: &WorkshopDetails) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::CollapsingHeader::new("Edit workshop details").id_salt("details_editor").show(ui, |ui| {
        let mut edited = details.clone();
        let width = ui.available_width();
        let mut lost_focus = false;
        let mut date_not_a_date = false;
        egui::Grid::new("details_fields").num_columns(2).spacing([12.0, 8.0]).show(ui, |ui| {
            for (label, text) in [("Team", &mut edited.team), ("Facilitator", &mut edited.facilitator)] {
                let label = ui.label(label);
                let field = egui::TextEdit::singleline(text).desired_width(width).char_limit(MAX_LINE_CHARS);
                let response = ui.add(field).labelled_by(label.id);
                lost_focus |= response.lost_focus();
                ui.end_row();
            }
            let label = ui.label("Date");
            let date =
                date_field_ui(ui, egui::Id::unique("details_date"), &details.date, "YYYY-MM-DD", width);
            lost_focus |= date.response.labelled_by(label.id).lost_focus();
            date_not_a_date = date.not_a_date;
            if let Some(typed) = date.commit {
                edited.date = typed;
            }
            ui.end_row();
            // The list is edited as text; while the field has focus the text
            // is kept as typed, so "Ana, " is not tidied away mid-word.
            let label = ui.label("Participants");
            let field = egui::Id::unique("participants_field");
            let draft = egui::Id::unique("participants_draft");
            let joined = details.participants.join(", ");
            let mut text = if ui.memory(|m| m.has_focus(field)) {
                ui.data(|d| d.get_temp::<String>(draft)).unwrap_or(joined)
            } else {
                joined
            };
            let response = ui
                .add(egui::TextEdit::singleline(&mut text).id(field).desired_width(width))
                .labelled_by(label.id);
            if response.changed() {
                edited.participants = split_names(&text);
                ui.data_mut(|d| d.insert_temp(draft, text));
            }
            lost_focus |= response.lost_focus();
            ui.end_row();
        });
        if date_not_a_date {
            ui.label(
                RichText::new("Write the date as YYYY-MM-DD; it is kept once it is one.")
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
        if edited != *details {
            commands.push(Command::Edit(Edit::SetDetails(edited)));
        }
        if lost_focus {
            commands.push(Command::SealUndo);
        }
    });
    commands
}

/// What a model upgrade could not carry over: kept in the workshop and
/// listed here, never dropped.
fn set_aside_ui(ui: &mut Ui, palette: &super::theme::Palette, assessment: &Assessment) {
    if assessment.orphaned_answers.is_empty() && assessment.orphaned_levels.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Kept from an earlier model version").strong());
    for orphan in &assessment.orphaned_answers {
        let answer = orphan.answer.map_or("unanswered", |a| a.label());
        bidi_label(ui, format!("{} — {answer} (version {})", orphan.statement, orphan.from_version));
        if !orphan.note.is_empty() {
            muted(ui, palette, note_preview(&orphan.note));
        }
    }
    for level in &assessment.orphaned_levels {
        let mut roles = Vec::new();
        if level.was_current {
            roles.push("was the current level");
        }
        if level.was_target {
            roles.push("was the target");
        }
        let roles = if roles.is_empty() { String::new() } else { format!(" ({})", roles.join(", ")) };
        bidi_label(ui, format!("Level {}{roles}, version {}", level.name, level.from_version));
        for text in [&level.note, &level.override_reason].into_iter().filter(|t| !t.is_empty()) {
            muted(ui, palette, note_preview(text));
        }
    }
}
