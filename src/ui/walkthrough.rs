//! The walk-through: the level ladder beside the selected level, shown large
//! with its indicators, answers and notes.

use egui::{RichText, Ui};

use super::bidi::bidi_label;
use super::floor_hint::floor_hint_ui;
use super::ladder::ladder_ui;
use super::source_quote::{source_quote_ui, source_toggle_ui};
use super::state::{AppState, Command};
use super::theme::Palette;
use super::widgets::{
    accessibility_on, answer_colour, card, colours, labelled_note, muted, note_preview, only_on_screen,
    scrolling_column, tag,
};
use crate::model::{Indicator, MaturityModel};
use crate::workshop::{Answer, Assessment, Edit};

/// Widest the content column grows, for readable line lengths.
const CONTENT_WIDTH: f32 = 1150.0;

pub fn focused_indicator_id(state: &AppState) -> Option<String> {
    let assessment = state.workshop()?.assessments.get(state.nav().model)?;
    let level = assessment.model.levels.get(state.nav().level)?;
    level.indicators.get(state.nav().indicator).map(|ind| ind.id.clone())
}

pub fn walkthrough_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(assessment) = state.workshop().and_then(|w| w.assessments.get(state.nav().model)) else {
        scrolling_column(ui, "no_models", CONTENT_WIDTH, |ui| {
            ui.add_space(24.0);
            ui.heading("This workshop has no models");
            ui.label("Start a new workshop and tick the models to walk through; the roadmap and summary of this one still open from the bar above.");
        });
        return commands;
    };
    let ladder_width = (ui.available_width() * 0.26).clamp(240.0, 420.0);
    egui::Panel::left("ladder").resizable(false).exact_size(ladder_width).show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("ladder_scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.add_space(8.0);
            commands.extend(ladder_ui(ui, state, assessment));
            ui.add_space(8.0);
        });
    });
    scrolling_column(ui, "level_scroll", CONTENT_WIDTH, |ui| {
        commands.extend(level_ui(ui, state, assessment));
    });
    commands
}

fn level_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment) -> Vec<Command> {
    let mut commands = Vec::new();
    let palette = colours(ui, state.settings().theme);
    let model = &assessment.model;
    let Some(level) = model.levels.get(state.nav().level) else { return commands };
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;

    ui.add_space(12.0);
    let caption = bidi_label(
        ui,
        RichText::new(format!("Level {} of {} · {}", state.nav().level + 1, model.levels.len(), model.title))
            .color(palette.muted),
    );
    if state.nav().scroll_to_focus && state.nav().indicator == 0 && state.nav().focus_note.is_none() {
        // Arriving on a level: show its name and description first.
        caption.scroll_to_me(Some(egui::Align::Min));
    }
    bidi_label(ui, RichText::new(&level.name).size(body * 2.0).strong());
    bidi_label(ui, RichText::new(&level.summary).size(body * 1.15).color(palette.accent));
    if !level.description.is_empty() {
        ui.add_space(4.0);
        bidi_label(ui, &level.description);
    }
    floor_hint_ui(ui, &palette, state.nav().level);
    ui.add_space(12.0);
    if !state.presenting() {
        muted(
            ui,
            &palette,
            "Keys: PageDown and PageUp move · 1 Yes · 2 Partly · 3 No · 4 Not applicable · N note · S source · T target · C place the team here · F1 every key",
        );
        ui.add_space(4.0);
    }
    let lay_out_all = accessibility_on(ui, &caption);
    for (index, indicator) in level.indicators.iter().enumerate() {
        let focused = index == state.nav().indicator;
        // The focused card is always laid out: it may need scrolling to, or
        // its note field focusing.
        let card_id = egui::Id::unique(("indicator_card", state.nav().model, &indicator.id));
        only_on_screen(ui, card_id, lay_out_all || focused, |ui| {
            commands.extend(indicator_ui(ui, state, assessment, model, index, indicator, focused, &palette));
        });
        ui.add_space(8.0);
    }
    if level.indicators.is_empty() {
        muted(ui, &palette, "This level has no indicators.");
    }

    let note = assessment.level_notes.get(&level.id).map_or("", String::as_str);
    if state.presenting() {
        if !note.is_empty() {
            ui.label(RichText::new("Level note").strong());
            bidi_label(ui, note);
        }
    } else {
        let id = egui::Id::unique(("level_note", state.nav().model, &level.id));
        let (changed, lost_focus) =
            labelled_note(ui, id, "Level note", note, "What the team said about this level", false);
        if let Some(text) = changed {
            commands.push(Command::Edit(Edit::SetLevelNote {
                model: state.nav().model,
                level_id: level.id.clone(),
                text,
            }));
        }
        if lost_focus {
            commands.push(Command::SealUndo);
        }
    }

    if !level.next_steps.is_empty() {
        ui.add_space(12.0);
        let next = model.levels.get(state.nav().level + 1).map_or("the next level", |l| l.name.as_str());
        card(palette.card).show(ui, |ui| {
            ui.set_width(ui.available_width());
            bidi_label(ui, RichText::new(format!("Next steps towards {next}")).strong());
            for step in &level.next_steps {
                ui.horizontal_wrapped(|ui| {
                    ui.label("•");
                    bidi_label(ui, step);
                });
            }
        });
    }
    ui.add_space(24.0);
    commands
}

#[allow(clippy::too_many_arguments)]
fn indicator_ui(
    ui: &mut Ui,
    state: &AppState,
    assessment: &Assessment,
    model: &MaturityModel,
    index: usize,
    indicator: &Indicator,
    focused: bool,
    palette: &Palette,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let model_index = state.nav().model;
    let answer = assessment.answer(&indicator.id);
    let fill = if focused { palette.card_focused } else { palette.card };
    let stroke = if focused {
        egui::Stroke::new(3.0, palette.accent)
    } else {
        egui::Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
    };
    let body = ui.style().text_styles[&egui::TextStyle::Body].size;
    let viewport_height = ui.clip_rect().height();
    let shown = card(fill).stroke(stroke).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_top(|ui| {
            ui.label(RichText::new(format!("{}", index + 1)).size(body * 1.2).strong().color(palette.accent));
            ui.vertical(|ui| {
                bidi_label(ui, RichText::new(&indicator.statement).size(body * 1.2));
                let source_open = ui
                    .horizontal_wrapped(|ui| {
                        if let Some(dimension) =
                            indicator.dimension.as_deref().and_then(|id| model.dimension(id))
                        {
                            tag(ui, &dimension.name, palette.muted);
                        }
                        source_toggle_ui(ui, palette, model, indicator, focused)
                    })
                    .inner;
                if let Some(guidance) = &indicator.guidance {
                    bidi_label(ui, RichText::new(guidance).color(palette.muted));
                }
                if source_open {
                    source_quote_ui(ui, palette, model, indicator, body);
                }
                ui.add_space(4.0);
                ui.horizontal_wrapped(|ui| {
                    for (key, choice) in Answer::ALL.iter().enumerate() {
                        let selected = answer == Some(*choice);
                        let colour = answer_colour(palette, *choice);
                        let text = if state.presenting() {
                            RichText::new(choice.label())
                        } else {
                            RichText::new(format!("{} {}", key + 1, choice.label()))
                        };
                        let button = if selected {
                            egui::Button::new(text.color(palette.on_accent).strong()).fill(colour)
                        } else {
                            egui::Button::new(text.color(colour))
                                .fill(palette.card)
                                .stroke(egui::Stroke::new(1.5, colour))
                        };
                        let clicked = ui.add(button).clicked();
                        if clicked {
                            commands.push(Command::FocusIndicator(index));
                            commands.push(Command::Edit(Edit::SetAnswer {
                                model: model_index,
                                indicator_id: indicator.id.clone(),
                                // Clicking the chosen answer again clears it.
                                answer: if selected { None } else { Some(*choice) },
                            }));
                        }
                    }
                });
                commands.extend(indicator_note_ui(ui, state, assessment, indicator, index));
            });
        });
    });
    if focused && index > 0 && state.nav().scroll_to_focus && state.nav().focus_note.is_none() {
        // Centre the card for the room; a card taller than the screen
        // starts at the top so its statement is read first.
        let rect = shown.response.rect;
        let align =
            if rect.height() < viewport_height * 0.8 { egui::Align::Center } else { egui::Align::Min };
        ui.scroll_to_rect(rect, Some(align));
    }
    commands
}

fn indicator_note_ui(
    ui: &mut Ui,
    state: &AppState,
    assessment: &Assessment,
    indicator: &Indicator,
    index: usize,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let note = assessment.indicator_notes.get(&indicator.id).map_or("", String::as_str);
    let id = egui::Id::unique(("indicator_note", state.nav().model, &indicator.id));
    if state.presenting() {
        if !note.is_empty() {
            bidi_label(ui, RichText::new(note_preview(note)).italics());
        }
        return commands;
    }
    let wants_focus = state.nav().focus_note.as_deref() == Some(indicator.id.as_str());
    let has_focus = ui.memory(|memory| memory.has_focus(id));
    if note.is_empty() && !wants_focus && !has_focus {
        if ui.small_button("Add note (N)").clicked() {
            commands.push(Command::FocusIndicator(index));
            commands.push(Command::OpenNote);
        }
        return commands;
    }
    let (changed, lost_focus) =
        labelled_note(ui, id, "Note", note, "What the team said about this indicator", wants_focus);
    if let Some(text) = changed {
        commands.push(Command::FocusIndicator(index));
        commands.push(Command::Edit(Edit::SetIndicatorNote {
            model: state.nav().model,
            indicator_id: indicator.id.clone(),
            text,
        }));
    }
    if lost_focus {
        commands.push(Command::SealUndo);
    }
    commands
}
