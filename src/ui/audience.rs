//! The audience window: what the room reads on the wall, large, in the
//! projector theme whatever the laptop uses. No buttons, no text fields, no
//! menus: it draws from the state like every screen, and hands back the
//! commands of the keys pressed in it (a clicker's focus ends up wherever
//! the last click was), which act as in the presenter window.
//!
//! The app shows it as a second native window (an immediate egui
//! viewport, `WorkshopApp::audience_viewport`); tests draw it in a harness
//! of its own with [`audience_ui`].

use egui::{Color32, RichText, Ui, ViewportBuilder, ViewportId};

use super::bidi::bidi_label;
use super::shortcuts::{KeyContext, KeyWindow, read_shortcuts};
use super::source_quote::{source_open, source_quote_ui};
use super::state::{AppState, AudienceWindow, Command, Screen};
use super::theme::{self, Palette, ThemeChoice, palette};
use super::walkthrough::focused_indicator_id;
use super::widgets::answer_colour;
use crate::workshop::timebox::{Pace, TimeStatus, clock_text};
use crate::workshop::{Assessment, Horizon, Workshop};

/// Indicator statements on the wall, in points at 100% zoom: at least 40
/// pixels on a 1920x1080 projector at 1 pixel per point.
pub const STATEMENT_SIZE: f32 = 46.0;

/// The audience window's viewport.
pub fn viewport_id() -> ViewportId {
    ViewportId::from_hash_of("maturity-workshop-audience")
}

/// The window as it opens: where it was last time, or 1280x720.
pub fn builder(window: &AudienceWindow) -> ViewportBuilder {
    let mut builder = ViewportBuilder::default()
        .with_title("Audience – Maturity Workshop")
        .with_app_id("maturity-workshop")
        .with_inner_size(window.size.unwrap_or([1280.0, 720.0]))
        .with_min_inner_size([480.0, 270.0])
        .with_fullscreen(window.fullscreen);
    if let Some(position) = window.position {
        builder = builder.with_position(position);
    }
    builder
}

/// One frame of the audience window: reads its keys, then draws the wall.
/// `blocked` is true while the presenter window asks a question: keys wait
/// for its answer there.
pub fn audience_ui(ui: &mut Ui, state: &AppState, blocked: bool) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let keys = KeyContext {
        screen: state.screen(),
        // Nothing to type in here: keys always navigate.
        typing: false,
        blocked,
        has_workshop: state.session().is_some(),
        model: state.nav().model,
        focused_indicator: focused_indicator_id(state),
        presenting: state.presenting(),
        help_open: state.help_open(),
        window: KeyWindow::Audience,
    };
    let commands = read_shortcuts(&ctx, &keys);
    wall_ui(ui, state);
    commands
}

/// Draws what the room sees.
pub fn wall_ui(ui: &mut Ui, state: &AppState) {
    let zoom = state.settings().audience_zoom;
    let base = ui.style().clone();
    ui.set_style(theme::wall_style(&base, zoom));
    let colours = palette(ThemeChoice::Projector);
    let background = if state.blank() { Color32::BLACK } else { Color32::WHITE };
    let margin = (40.0 * zoom).round() as i8;
    let status = state.time_status().filter(|s| !s.is_idle() && !state.blank());
    if let Some(status) = status {
        egui::Panel::bottom("wall_timer")
            .show_separator_line(false)
            .frame(
                egui::Frame::new().fill(background).inner_margin(egui::Margin::symmetric(margin, margin / 2)),
            )
            .show(ui, |ui| timer_line(ui, &status, &colours, zoom));
    }
    if let Some(status) = state.voting().filter(|_| !state.blank() && state.session().is_some()) {
        super::voting::wall_voting_panel(ui, status, &colours, zoom, background);
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new().fill(background).inner_margin(egui::Margin::same(margin)))
        .show(ui, |ui| {
            if state.blank() {
                // A blank wall, as presentation tools give for a pause.
                return;
            }
            slide_ui(ui, state, &colours);
        });
}

/// Lays out `add` at a scale that fits `height`: a long statement, many
/// levels, models or actions shrink the type rather than run off the wall.
/// The scale is worked out once per content and window size (`salt` tells
/// apart parts fitted on their own); when it has to change, the pass is
/// discarded and drawn again, so no frame shows the overflow.
fn fitted(ui: &mut Ui, state: &AppState, salt: &str, height: f32, add: impl FnOnce(&mut Ui, f32)) {
    let zoom = state.settings().audience_zoom;
    let key = egui::Id::unique((
        "wall_fit",
        state.screen() as u8,
        state.nav().model,
        state.nav().level,
        state.nav().indicator,
        state.session().as_ref().map(|s| (s.generation(), s.revision())),
        state.voting().map(|v| (v.tally.voted, v.tally.revealed)),
        ui.available_width().round() as i32,
        height.round() as i32,
        (zoom * 100.0).round() as i32,
    ));
    let fit_id = egui::Id::unique(("wall_fit_scale", salt));
    let fit =
        ui.data(|d| d.get_temp::<(egui::Id, f32)>(fit_id)).filter(|(k, _)| *k == key).map_or(1.0, |(_, f)| f);
    let used = ui.scope(|ui| add(ui, zoom * fit)).response.rect.height();
    let mut new_fit = fit;
    if used > height + 1.0 && fit > 0.4 {
        // Text shrinks at least as fast as the scale, lines re-wrap and get
        // fuller: the ratio fits in one step, a little margin for rounding.
        new_fit = (fit * height / used * 0.97).max(0.4);
        ui.ctx().request_discard("fit the wall");
    }
    ui.data_mut(|d| d.insert_temp(fit_id, (key, new_fit)));
}

fn slide_ui(ui: &mut Ui, state: &AppState, colours: &Palette) {
    let height = ui.available_height();
    let Some(workshop) = state.workshop() else {
        fitted(ui, state, "slide", height, |ui, scale| {
            title_slide(ui, colours, scale, "Maturity Workshop", "The workshop starts soon.");
        });
        return;
    };
    match state.screen() {
        Screen::Start => fitted(ui, state, "slide", height, |ui, scale| {
            let models: Vec<&str> = workshop.assessments.iter().map(|a| a.model.title.as_str()).collect();
            let team = format!("Maturity workshop · {}", workshop.details.team);
            title_slide(ui, colours, scale, &team, &models.join(" · "));
        }),
        Screen::Walkthrough => match workshop.assessments.get(state.nav().model) {
            Some(assessment) => indicator_slide(ui, state, assessment, colours),
            None => fitted(ui, state, "slide", height, |ui, scale| {
                title_slide(ui, colours, scale, &workshop.details.team, "This workshop has no models.");
            }),
        },
        Screen::Summary => {
            fitted(ui, state, "slide", height, |ui, scale| summary_slide(ui, workshop, colours, scale));
        }
        // The portfolio is the coach's own view across teams, not this
        // team's: the wall keeps the workshop's title.
        Screen::Portfolio => fitted(ui, state, "slide", height, |ui, scale| {
            title_slide(ui, colours, scale, &format!("Maturity workshop · {}", workshop.details.team), "");
        }),
        Screen::Roadmap => {
            fitted(ui, state, "slide", height, |ui, scale| roadmap_slide(ui, workshop, colours, scale));
        }
    }
}

fn size(scale: f32, points: f32) -> f32 {
    (points * scale).round()
}

fn title_slide(ui: &mut Ui, colours: &Palette, scale: f32, title: &str, subtitle: &str) {
    ui.add_space(size(scale, 120.0));
    ui.vertical_centered(|ui| {
        bidi_label(ui, RichText::new(title).size(size(scale, 64.0)).strong());
        ui.add_space(size(scale, 16.0));
        bidi_label(ui, RichText::new(subtitle).size(size(scale, 34.0)).color(colours.muted));
    });
}

/// The walk-through: the model and level, the focused indicator's
/// statement large, its guidance and its answer; the ladder beside. Each
/// column fits on its own: a tall ladder does not shrink the statement.
fn indicator_slide(ui: &mut Ui, state: &AppState, assessment: &Assessment, colours: &Palette) {
    let model = &assessment.model;
    let Some(level) = model.levels.get(state.nav().level) else { return };
    let zoom = state.settings().audience_zoom;
    let spacing = size(zoom, 48.0);
    let width = ui.available_width();
    let height = ui.available_height();
    let ladder_width = (width * 0.3).max(size(zoom, 240.0)).min(width * 0.45);
    let content_width = width - ladder_width - spacing;
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = spacing;
        column(ui, content_width, |ui| {
            fitted(ui, state, "statement", height, |ui, scale| {
                bidi_label(ui, RichText::new(&model.title).size(size(scale, 26.0)).color(colours.muted));
                bidi_label(
                    ui,
                    RichText::new(format!(
                        "Level {} of {} · {}",
                        state.nav().level + 1,
                        model.levels.len(),
                        level.name
                    ))
                    .size(size(scale, 36.0))
                    .strong()
                    .color(colours.accent),
                );
                ui.add_space(size(scale, 28.0));
                let Some(indicator) = level.indicators.get(state.nav().indicator) else {
                    bidi_label(ui, RichText::new(&level.summary).size(size(scale, STATEMENT_SIZE)));
                    if !level.description.is_empty() {
                        ui.add_space(size(scale, 12.0));
                        bidi_label(ui, RichText::new(&level.description).color(colours.muted));
                    }
                    return;
                };
                ui.label(
                    RichText::new(format!(
                        "Indicator {} of {}",
                        state.nav().indicator + 1,
                        level.indicators.len()
                    ))
                    .size(size(scale, 24.0))
                    .color(colours.muted),
                );
                ui.add_space(size(scale, 8.0));
                bidi_label(ui, RichText::new(&indicator.statement).size(size(scale, STATEMENT_SIZE)));
                if let Some(guidance) = &indicator.guidance {
                    ui.add_space(size(scale, 16.0));
                    // Sized by the scale too, so a tall slide can shrink to fit.
                    bidi_label(
                        ui,
                        RichText::new(guidance).size(size(scale, theme::WALL_BODY)).color(colours.muted),
                    );
                }
                if source_open(ui.ctx(), model, indicator) {
                    ui.add_space(size(scale, 16.0));
                    source_quote_ui(ui, colours, model, indicator, size(scale, 28.0));
                }
                ui.add_space(size(scale, 28.0));
                match assessment.answer(&indicator.id) {
                    Some(answer) => {
                        egui::Frame::new()
                            .fill(answer_colour(colours, answer))
                            .corner_radius(size(scale, 12.0) as u8)
                            .inner_margin(egui::Margin::symmetric(
                                size(scale, 24.0) as i8,
                                size(scale, 8.0) as i8,
                            ))
                            .show(ui, |ui| {
                                ui.label(
                                    RichText::new(format!("Answer: {}", answer.label()))
                                        .size(size(scale, 36.0))
                                        .strong()
                                        .color(colours.on_accent),
                                );
                            });
                    }
                    None => {
                        ui.label(
                            RichText::new("Not answered yet").size(size(scale, 30.0)).color(colours.muted),
                        );
                    }
                }
                // The room's votes (issue 11): how many are in while hidden,
                // the spread once revealed.
                super::voting::wall_votes_ui(ui, state, colours, scale);
            })
        });
        column(ui, ladder_width, |ui| {
            fitted(ui, state, "ladder", height, |ui, scale| ladder_ui(ui, state, assessment, colours, scale));
        });
    });
}

fn column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(egui::vec2(width, 0.0), egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_width(width);
        add(ui);
    });
}

/// The levels, highest at the top, with the current and target markers.
fn ladder_ui(ui: &mut Ui, state: &AppState, assessment: &Assessment, colours: &Palette, scale: f32) {
    let current = assessment.current_level();
    let target = assessment.target_level();
    for (index, level) in assessment.model.levels.iter().enumerate().rev() {
        let selected = index == state.nav().level;
        let stroke = if selected {
            egui::Stroke::new(size(scale, 3.0), colours.accent)
        } else {
            egui::Stroke::new(1.0, Color32::from_gray(0xc8))
        };
        let fill = if selected { colours.card_focused } else { colours.card };
        egui::Frame::new()
            .fill(fill)
            .stroke(stroke)
            .corner_radius(size(scale, 10.0) as u8)
            .inner_margin(egui::Margin::symmetric(size(scale, 14.0) as i8, size(scale, 6.0) as i8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                let reached = index <= current;
                let name_colour = if reached { colours.current } else { Color32::BLACK };
                bidi_label(
                    ui,
                    RichText::new(&level.name).size(size(scale, 26.0)).strong().color(name_colour),
                );
                let mut marks = Vec::new();
                if index == current {
                    marks.push(("Current", colours.current));
                }
                if Some(index) == target {
                    marks.push(("Target", colours.target));
                }
                if !marks.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        for (mark, colour) in marks {
                            ui.label(RichText::new(mark).size(size(scale, 22.0)).strong().color(colour));
                        }
                    });
                }
            });
        ui.add_space(size(scale, 4.0));
    }
}

/// Current → target for every model.
fn summary_slide(ui: &mut Ui, workshop: &Workshop, colours: &Palette, scale: f32) {
    bidi_label(
        ui,
        RichText::new(format!("Summary · {}", workshop.details.team)).size(size(scale, 48.0)).strong(),
    );
    ui.add_space(size(scale, 24.0));
    if workshop.assessments.is_empty() {
        ui.label(RichText::new("No models were assessed.").color(colours.muted));
    }
    for assessment in &workshop.assessments {
        let model = &assessment.model;
        let current = model.levels.get(assessment.current_level()).map_or("", |l| l.name.as_str());
        let target = match assessment.target_level().and_then(|t| model.levels.get(t)) {
            Some(level) => level.name.clone(),
            None => "not set".to_owned(),
        };
        let answered = format!("{} · {:.0}% answered", model.title, assessment.answered_share() * 100.0);
        bidi_label(ui, RichText::new(answered).size(size(scale, 26.0)).color(colours.muted));
        ui.horizontal_wrapped(|ui| {
            let big = size(scale, 40.0);
            bidi_label(ui, RichText::new(current).size(big).strong().color(colours.current));
            ui.label(RichText::new("→").size(big));
            bidi_label(ui, RichText::new(target).size(big).strong().color(colours.target));
        });
        ui.add_space(size(scale, 16.0));
    }
}

/// The actions by horizon, side by side.
fn roadmap_slide(ui: &mut Ui, workshop: &Workshop, colours: &Palette, scale: f32) {
    bidi_label(
        ui,
        RichText::new(format!("Roadmap · {}", workshop.details.team)).size(size(scale, 48.0)).strong(),
    );
    ui.add_space(size(scale, 24.0));
    if workshop.actions.is_empty() {
        ui.label(RichText::new("No actions yet.").color(colours.muted));
        return;
    }
    let spacing = size(scale, 32.0);
    let width = (ui.available_width() - spacing * 2.0) / 3.0;
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = spacing;
        for horizon in Horizon::ALL {
            column(ui, width, |ui| {
                ui.label(
                    RichText::new(horizon.label()).size(size(scale, 36.0)).strong().color(colours.accent),
                );
                ui.add_space(size(scale, 8.0));
                let actions: Vec<_> = workshop.actions.iter().filter(|a| a.horizon == horizon).collect();
                if actions.is_empty() {
                    ui.label(RichText::new("Nothing yet").color(colours.muted));
                }
                for action in actions {
                    bidi_label(ui, RichText::new(&action.title).size(size(scale, 28.0)));
                    let mut about = Vec::new();
                    if !action.owner.is_empty() {
                        about.push(action.owner.clone());
                    }
                    if let Some(due) = &action.due {
                        about.push(format!("due {due}"));
                    }
                    if let Some(model) = action.model_id.as_deref().and_then(|id| workshop.assessment(id)) {
                        about.push(model.model.title.clone());
                    }
                    if !about.is_empty() {
                        bidi_label(
                            ui,
                            RichText::new(about.join(" · ")).size(size(scale, 20.0)).color(colours.muted),
                        );
                    }
                    ui.add_space(size(scale, 10.0));
                }
            });
        }
    });
}

/// The time-box, for the room: time left on this level, or spent.
fn timer_line(ui: &mut Ui, status: &TimeStatus, colours: &Palette, scale: f32) {
    let (text, colour) = timer_text(status, colours, Color32::BLACK);
    let text = if status.running { text } else { format!("{text} (paused)") };
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        ui.label(RichText::new(text).size(size(scale, 28.0)).strong().color(colour));
    });
}

/// The timer's words and colour: amber past 80% of the level's share, red
/// past 100%.
pub fn timer_text(status: &TimeStatus, colours: &Palette, normal: Color32) -> (String, Color32) {
    // Away from the levels, the workshop's own time counts.
    let pace = status.pace().or_else(|| status.planned.map(|planned| Pace::of(status.total_spent, planned)));
    let colour = match pace {
        Some(Pace::NearlyOver) => colours.partly,
        Some(Pace::Over) => colours.no,
        _ => normal,
    };
    let text = match status.left() {
        Some(left) if left >= 0 => format!("{} left on this level", clock_text(left as u64)),
        Some(left) => format!("{} over on this level", clock_text(left.unsigned_abs())),
        None => match status.planned {
            Some(planned) if status.total_spent <= planned => {
                format!("{} left of the workshop", clock_text(planned - status.total_spent))
            }
            Some(planned) => format!("{} over the workshop's time", clock_text(status.total_spent - planned)),
            None => format!("{} spent", clock_text(status.spent)),
        },
    };
    (text, colour)
}
