//! The bar across the top (the "editing chrome") and the notice strip.

use egui::{RichText, Ui};

use super::shortcuts;
use super::state::{AppState, Command, FileCommand, Screen};
use super::theme::ThemeChoice;
use super::widgets::colours;
use crate::pdf::Paper;

/// What the bar says about saving, beside the screens.
pub struct SaveStatus {
    /// A read, write or export is running.
    pub busy: bool,
    /// Autosave is running and its last write (if any) succeeded.
    pub autosave_ok: bool,
    /// Why autosave is not keeping the work, when it is not.
    pub autosave_problem: Option<String>,
    /// Workshop files are being read for the portfolio.
    pub portfolio_loading: bool,
}

pub fn top_bar_ui(ui: &mut Ui, state: &AppState, save: &SaveStatus) -> Vec<Command> {
    let mut commands = Vec::new();
    if state.presenting() {
        egui::Panel::top("presenting_bar").show_separator_line(false).show(ui, |ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("Show controls (F5)").clicked() {
                    commands.push(Command::TogglePresenting);
                }
                // One screen for the room and the facilitator: the
                // time-box shows here, as on the audience window.
                if let Some(status) = state.time_status().filter(|s| !s.is_idle()) {
                    let palette = colours(ui, state.settings().theme);
                    let normal = ui.visuals().text_color();
                    let (text, colour) = super::audience::timer_text(&status, &palette, normal);
                    let text = if status.running { text } else { format!("{text} (paused)") };
                    ui.label(egui::RichText::new(text).small().strong().color(colour));
                }
            });
        });
        return commands;
    }
    let palette = colours(ui, state.settings().theme);
    egui::Panel::top("top_bar").show(ui, |ui| {
        chrome_text(ui);
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            file_menu_ui(ui, state, &mut commands);
            edit_menu_ui(ui, state, &mut commands);
            view_menu_ui(ui, state, &mut commands);
            vote_menu_ui(ui, state, &mut commands);
            if let Some(workshop) = state.workshop() {
                ui.separator();
                if ui.selectable_label(state.screen() == Screen::Start, "Start").clicked() {
                    commands.push(Command::Show(Screen::Start));
                }
                for (index, assessment) in workshop.assessments.iter().enumerate() {
                    let selected = state.screen() == Screen::Walkthrough && state.nav().model == index;
                    if ui
                        .selectable_label(
                            selected,
                            super::bidi::bidi_text(ui, assessment.model.title.as_str()),
                        )
                        .clicked()
                    {
                        commands.push(Command::SelectModel(index));
                    }
                }
                if ui.selectable_label(state.screen() == Screen::Summary, "Summary").clicked() {
                    commands.push(Command::Show(Screen::Summary));
                }
                if ui.selectable_label(state.screen() == Screen::Roadmap, "Roadmap").clicked() {
                    commands.push(Command::Show(Screen::Roadmap));
                }
                ui.separator();
            }
            if state.portfolio().is_some() || state.screen() == Screen::Portfolio || save.portfolio_loading {
                if state.workshop().is_none() {
                    ui.separator();
                    if ui.selectable_label(state.screen() == Screen::Start, "Start").clicked() {
                        commands.push(Command::Show(Screen::Start));
                    }
                }
                if ui.selectable_label(state.screen() == Screen::Portfolio, "Portfolio").clicked() {
                    commands.push(Command::Show(Screen::Portfolio));
                }
                ui.separator();
            }
            if save.busy {
                ui.spinner();
                ui.label(RichText::new("Working…").color(palette.muted));
            } else if let Some(session) = &state.session() {
                if !session.is_dirty() {
                    ui.label(RichText::new("Saved").color(palette.muted));
                } else if save.autosave_ok {
                    ui.label(RichText::new("Unsaved changes (autosaved)").color(palette.muted));
                } else {
                    let problem = save.autosave_problem.as_deref().unwrap_or("autosave is off");
                    ui.label(
                        RichText::new(format!(
                            "Unsaved changes, not autosaved: {problem}. Save with Ctrl+S."
                        ))
                        .color(palette.no)
                        .strong(),
                    );
                }
            }
        });
        ui.add_space(2.0);
    });
    commands
}

fn edit_menu_ui(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    let doc = state.session().map(|s| s.doc());
    let can_undo = doc.is_some_and(|d| d.can_undo());
    let can_redo = doc.is_some_and(|d| d.can_redo());
    let undo_keys = ui.ctx().format_shortcut(&shortcuts::UNDO);
    let redo_keys = ui.ctx().format_shortcut(&shortcuts::REDO);
    ui.menu_button("Edit", |ui| {
        if ui.add_enabled(can_undo, egui::Button::new("Undo").shortcut_text(undo_keys)).clicked() {
            commands.push(Command::Undo);
        }
        if ui.add_enabled(can_redo, egui::Button::new("Redo").shortcut_text(redo_keys)).clicked() {
            commands.push(Command::Redo);
        }
    });
}

/// The room's vote: phones from the QR code, or hands counted by key.
fn vote_menu_ui(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    let has_workshop = state.session().is_some();
    let on_indicator = state.screen() == Screen::Walkthrough && has_workshop;
    ui.menu_button("Vote", |ui| {
        let open = state.voting().is_some();
        let label = if open { "Close room voting" } else { "Open room voting" };
        if ui.add_enabled(has_workshop, egui::Button::selectable(open, label).shortcut_text("V")).clicked() {
            commands.push(Command::ToggleVoting);
        }
        if ui
            .add_enabled(open && on_indicator, egui::Button::new("Reveal votes").shortcut_text("R"))
            .clicked()
        {
            commands.push(Command::RevealVotes);
        }
        ui.separator();
        ui.label("Count raised hands on the focused indicator:");
        for (index, answer) in crate::workshop::Answer::ALL.into_iter().enumerate() {
            let keys = format!("Ctrl+{}", index + 1);
            let button = egui::Button::new(format!("One hand for {}", answer.label())).shortcut_text(keys);
            if ui.add_enabled(on_indicator, button).clicked() {
                commands.push(Command::AddHand(answer));
            }
        }
        let clear = egui::Button::new("Vote again on this indicator").shortcut_text("Ctrl+Backspace");
        if ui.add_enabled(on_indicator, clear).clicked() {
            commands.push(Command::ClearVotes);
        }
    });
}

fn view_menu_ui(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    let zoom_in = ui.ctx().format_shortcut(&shortcuts::ZOOM_IN);
    let zoom_out = ui.ctx().format_shortcut(&shortcuts::ZOOM_OUT);
    let zoom_reset = ui.ctx().format_shortcut(&shortcuts::ZOOM_RESET);
    ui.menu_button("View", |ui| {
        for choice in ThemeChoice::ALL {
            let selected = state.settings().theme == choice;
            if ui.add(egui::Button::selectable(selected, format!("{} theme", choice.label()))).clicked() {
                commands.push(Command::SetTheme(choice));
            }
        }
        ui.separator();
        if ui.add(egui::Button::new("Present (hide the controls)").shortcut_text("F5")).clicked() {
            commands.push(Command::TogglePresenting);
        }
        if ui.add(egui::Button::selectable(state.fullscreen(), "Full screen").shortcut_text("F11")).clicked()
        {
            commands.push(Command::ToggleFullscreen);
        }
        if ui
            .add(egui::Button::selectable(state.audience_open(), "Audience window").shortcut_text("F6"))
            .on_hover_text("A second window for the projector: drag it there and press F11 in it")
            .clicked()
        {
            commands.push(Command::ToggleAudience);
        }
        if ui.add(egui::Button::selectable(state.settings().presenter_strip, "Presenter strip")).clicked() {
            commands.push(Command::TogglePresenterStrip);
        }
        if state.session().is_some() {
            let clock = if state.timer().is_running() { "Pause the clock" } else { "Start the clock" };
            if ui.add(egui::Button::new(clock).shortcut_text("P")).clicked() {
                commands.push(Command::ToggleTimer);
            }
        }
        if ui.add(egui::Button::new("Keys").shortcut_text("F1")).clicked() {
            commands.push(Command::ToggleHelp);
        }
        ui.separator();
        if ui.add(egui::Button::new("Zoom in").shortcut_text(zoom_in)).clicked() {
            commands.push(Command::ZoomIn);
        }
        if ui.add(egui::Button::new("Zoom out").shortcut_text(zoom_out)).clicked() {
            commands.push(Command::ZoomOut);
        }
        if ui
            .add(
                egui::Button::new(format!("Actual size ({:.0}%)", state.settings().zoom * 100.0))
                    .shortcut_text(zoom_reset),
            )
            .clicked()
        {
            commands.push(Command::ZoomReset);
        }
    });
}

fn file_menu_ui(ui: &mut Ui, state: &AppState, commands: &mut Vec<Command>) {
    let has_workshop = state.session().is_some();
    let shortcut = |s: &egui::KeyboardShortcut| ui.ctx().format_shortcut(s);
    let entries = [
        ("Open workshop…", Some(shortcut(&shortcuts::OPEN)), FileCommand::Open, true),
        ("Save", Some(shortcut(&shortcuts::SAVE)), FileCommand::Save, has_workshop),
        ("Save as…", Some(shortcut(&shortcuts::SAVE_AS)), FileCommand::SaveAs, has_workshop),
        ("Export PDF roadmap…", Some(shortcut(&shortcuts::EXPORT_PDF)), FileCommand::ExportPdf, has_workshop),
        ("Export Markdown roadmap…", None, FileCommand::ExportMarkdown, has_workshop),
        ("Add a model from a file…", None, FileCommand::OpenModel, true),
        ("Open portfolio folder…", None, FileCommand::OpenPortfolio, true),
        ("Close workshop", None, FileCommand::Close, has_workshop),
    ];
    let quit_keys = shortcut(&shortcuts::QUIT);
    ui.menu_button("File", |ui| {
        for (label, keys, command, enabled) in entries {
            let mut button = egui::Button::new(label);
            if let Some(keys) = keys {
                button = button.shortcut_text(keys);
            }
            if ui.add_enabled(enabled, button).clicked() {
                commands.push(Command::File(command));
            }
        }
        ui.separator();
        ui.label("PDF paper size");
        for paper in Paper::ALL {
            if ui.add(egui::Button::selectable(state.settings().paper == paper, paper.label())).clicked() {
                commands.push(Command::SetPaper(paper));
            }
        }
        ui.separator();
        if ui.add(egui::Button::new("Quit").shortcut_text(quit_keys)).clicked() {
            commands.push(Command::File(FileCommand::Quit));
        }
    });
}

/// The controls are for the facilitator, not the wall: smaller than the
/// content, so they take one row even in the projector theme.
pub(super) fn chrome_text(ui: &mut Ui) {
    let style = ui.style_mut();
    let body = style.text_styles[&egui::TextStyle::Body].size;
    let size = (body * 0.72).max(15.0).round();
    for text_style in [egui::TextStyle::Body, egui::TextStyle::Button] {
        if let Some(font) = style.text_styles.get_mut(&text_style) {
            font.size = size;
        }
    }
    style.spacing.interact_size.y = (size * 1.6).round();
    style.spacing.button_padding = egui::vec2((size * 0.5).round(), (size * 0.2).round());
}

pub fn notice_ui(ui: &mut Ui, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let Some(notice) = &state.notice() else { return commands };
    if state.presenting() {
        return commands;
    }
    let palette = colours(ui, state.settings().theme);
    let colour = if notice.is_error { palette.no } else { palette.accent };
    egui::Panel::top("notice").show(ui, |ui| {
        chrome_text(ui);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&notice.text).color(colour).strong());
            if let Some(folder) = &notice.folder
                && ui.small_button("Open folder").clicked()
            {
                commands.push(Command::File(FileCommand::OpenFolder(folder.clone())));
            }
            if ui.small_button("Dismiss").clicked() {
                commands.push(Command::DismissNotice);
            }
        });
    });
    commands
}
