//! The presenter strip under the screens, for the facilitator only: what
//! the wall shows now, what PageDown shows next, the level's notes, and the
//! time-box with its controls. Hidden while presenting (F5), when this
//! window is the wall.

use egui::{RichText, Ui};

use super::audience::timer_text;
use super::bidi::bidi_label;
use super::chrome::chrome_text;
use super::shortcuts;
use super::state::{AppState, Command, Screen, Step};
use super::widgets::{colours, note_preview};
use crate::workshop::Edit;
use crate::workshop::timebox::{MAX_PLANNED_MINUTES, clock_text};

/// Longest text a cell of the strip shows (two lines or so, to leave the
/// screen above room on a 720-line laptop); the screens show it whole.
const CELL_CHARS: usize = 110;

pub fn presenter_strip_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.presenting() || !state.settings().presenter_strip || state.session().is_none() {
        return commands;
    }
    let palette = colours(ui, state.settings().theme);
    egui::Panel::bottom("presenter_strip").show(ui, |ui| {
        chrome_text(ui);
        ui.add_space(4.0);
        ui.columns(5, |columns| {
            // Left-aligned, not justified: justified text spreads its words.
            let left = egui::Layout::top_down(egui::Align::Min);
            columns[0].with_layout(left, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new("On the wall").strong().color(palette.muted));
                    let keys = format!("{:?}", shortcuts::AUDIENCE);
                    let wall_button = if state.audience_open() {
                        format!("Close it ({keys})")
                    } else {
                        format!("Open it ({keys})")
                    };
                    let button = egui::Button::new(RichText::new(wall_button).small()).small();
                    if ui.add(button).clicked() {
                        commands.push(Command::ToggleAudience);
                    }
                });
                bidi_label(ui, short(&wall_text(state)));
            });
            columns[1].with_layout(left, |ui| cell(ui, &palette, "Next (PageDown)", &next_text(state)));
            columns[2].with_layout(left, |ui| cell(ui, &palette, "Level notes", &notes_text(state)));
            columns[3].with_layout(left, |ui| commands.extend(timer_cell(ui, state, &palette)));
            columns[4].with_layout(left, |ui| {
                commands.extend(super::voting::presenter_cell_ui(ui, state, &palette));
            });
        });
        ui.add_space(2.0);
    });
    commands
}

fn cell(ui: &mut Ui, palette: &super::theme::Palette, heading: &str, text: &str) {
    ui.label(RichText::new(heading).strong().color(palette.muted));
    bidi_label(ui, short(text));
}

fn short(text: &str) -> String {
    if text.chars().count() <= CELL_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(CELL_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// What the audience window (or, without one, this window) shows.
pub fn wall_text(state: &AppState) -> String {
    let mut text = if state.blank() {
        "Nothing: the wall is blank (B shows it again)".to_owned()
    } else {
        match state.screen() {
            Screen::Start => "The start screen".to_owned(),
            Screen::Summary => "The summary: current → target per model".to_owned(),
            Screen::Roadmap => "The roadmap: actions by horizon".to_owned(),
            Screen::Portfolio => "The workshop's title (the portfolio stays on this screen)".to_owned(),
            Screen::Walkthrough => {
                indicator_text(state, state.nav().model, state.nav().level, state.nav().indicator)
                    .unwrap_or_else(|| "The walk-through".to_owned())
            }
        }
    };
    if !state.audience_open() {
        text.push_str(" (no audience window: this window is the wall)");
    }
    text
}

/// "Level 2 · 3 of 7: statement" for an indicator of a model.
fn indicator_text(state: &AppState, model: usize, level: usize, indicator: usize) -> Option<String> {
    let assessment = state.workshop()?.assessments.get(model)?;
    let level_entry = assessment.model.levels.get(level)?;
    let mut text = String::new();
    if model != state.nav().model || state.screen() != Screen::Walkthrough {
        text.push_str(&format!("{} · ", assessment.model.title));
    }
    text.push_str(&level_entry.name);
    match level_entry.indicators.get(indicator) {
        Some(entry) => text.push_str(&format!(
            " · {} of {}: {}",
            indicator + 1,
            level_entry.indicators.len(),
            entry.statement
        )),
        None => text.push_str(" (no indicators)"),
    }
    Some(text)
}

/// What PageDown shows next.
pub fn next_text(state: &AppState) -> String {
    match state.step_forward() {
        Step::Indicator { model, level, indicator } => {
            indicator_text(state, model, level, indicator).unwrap_or_default()
        }
        Step::Screen(Screen::Summary) => "The summary".to_owned(),
        Step::Screen(Screen::Roadmap) => "The roadmap".to_owned(),
        Step::Screen(_) => String::new(),
        Step::End => "Nothing further: this is the last screen".to_owned(),
    }
}

fn notes_text(state: &AppState) -> String {
    let level = (state.screen() == Screen::Walkthrough)
        .then(|| {
            let assessment = state.workshop()?.assessments.get(state.nav().model)?;
            let level = assessment.model.levels.get(state.nav().level)?;
            Some((assessment, level))
        })
        .flatten();
    let Some((assessment, level)) = level else {
        return "Notes are kept per level in the walk-through.".into();
    };
    let indicator_notes =
        level.indicators.iter().filter(|i| assessment.indicator_notes.contains_key(&i.id)).count();
    let mut text = match assessment.level_notes.get(&level.id) {
        Some(note) => note_preview(note),
        None => "No level note yet.".to_owned(),
    };
    if indicator_notes > 0 {
        let s = if indicator_notes == 1 { "" } else { "s" };
        text.push_str(&format!(" · {indicator_notes} indicator note{s} on this level"));
    }
    text
}

fn timer_cell(ui: &mut Ui, state: &AppState, palette: &super::theme::Palette) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(status) = state.time_status() else { return commands };
    let normal = ui.visuals().text_color();
    let (text, colour) = timer_text(&status, palette, normal);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Time-box").strong().color(palette.muted));
        ui.label(RichText::new(text).strong().color(colour));
    });
    let workshop = match status.planned {
        Some(planned) => format!("Workshop: {} of {}", clock_text(status.total_spent), clock_text(planned)),
        None => format!("Workshop: {} (no length set)", clock_text(status.total_spent)),
    };
    let level = match status.share {
        Some(share) => format!("This level: {} of {}", clock_text(status.spent), clock_text(share)),
        None => format!("Here: {}", clock_text(status.spent)),
    };
    ui.label(format!("{level} · {workshop}"));
    ui.horizontal_wrapped(|ui| {
        let toggle = if status.running { "Pause clock" } else { "Start clock" };
        if ui.add(egui::Button::new(toggle).shortcut_text("P")).clicked() {
            commands.push(Command::ToggleTimer);
        }
        let label = ui.label("Length (min)");
        let mut minutes = state.workshop().and_then(|w| w.timebox.planned_minutes).unwrap_or(0);
        let response = ui
            .add(
                egui::DragValue::new(&mut minutes)
                    .range(0..=MAX_PLANNED_MINUTES)
                    .speed(1.0)
                    .custom_formatter(
                        |value, _| if value < 1.0 { "none".to_owned() } else { format!("{value:.0}") },
                    )
                    .custom_parser(|text| match text.trim() {
                        "" | "none" => Some(0.0),
                        other => other.parse().ok(),
                    }),
            )
            .labelled_by(label.id);
        if response.changed() {
            commands.push(Command::Edit(Edit::SetPlannedTime((minutes > 0).then_some(minutes))));
        }
        if response.drag_stopped() || response.lost_focus() {
            commands.push(Command::SealUndo);
        }
    });
    commands
}
