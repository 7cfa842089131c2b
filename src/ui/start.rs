//! The start screen: a new workshop (team, people, date, models), the sample
//! workshop, and opening files.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::library::{ModelLibrary, Origin};
use super::state::{Command, FileCommand, StartForm};
use super::widgets::scrolling_column;

/// Widest the form grows; wider lines are hard to read on a wall.
const FORM_WIDTH: f32 = 980.0;

pub fn start_ui(
    ui: &mut Ui,
    form: &mut StartForm,
    library: &ModelLibrary,
    recent: &[PathBuf],
    recent_portfolios: &[PathBuf],
) -> Vec<Command> {
    let mut commands = Vec::new();
    scrolling_column(ui, "start_scroll", FORM_WIDTH, |ui| {
        form_ui(ui, form, library, recent, recent_portfolios, &mut commands);
    });
    commands
}

fn form_ui(
    ui: &mut Ui,
    form: &mut StartForm,
    library: &ModelLibrary,
    recent: &[PathBuf],
    recent_portfolios: &[PathBuf],
    commands: &mut Vec<Command>,
) {
    ui.add_space(16.0);
    ui.heading("Run a deployment-maturity workshop");
    ui.label("Walk the team through a maturity model on the shared screen, settle where you are and where you want to be, and leave with a roadmap.");
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Open workshop…").clicked() {
            commands.push(Command::File(FileCommand::Open));
        }
        if ui.button("Open sample workshop").clicked() {
            commands.push(Command::OpenSampleWorkshop);
        }
        if ui
            .button("Open portfolio folder…")
            .on_hover_text("Compare many workshops: every workshop file in a folder and its subfolders")
            .clicked()
        {
            commands.push(Command::File(FileCommand::OpenPortfolio));
        }
    });
    if !recent.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Recent workshops").strong());
        for path in recent {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            let folder = path.parent().map(|p| p.display().to_string()).unwrap_or_default();
            if ui.link(name).on_hover_text(&folder).clicked() {
                commands.push(Command::File(FileCommand::OpenRecent(path.clone())));
            }
        }
    }
    if !recent_portfolios.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Recent portfolios").strong());
        for path in recent_portfolios {
            let name = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| format!("{}/", n.to_string_lossy()));
            if ui.link(name).on_hover_text(path.display().to_string()).clicked() {
                commands.push(Command::File(FileCommand::OpenPortfolioAt(path.clone())));
            }
        }
    }
    ui.add_space(16.0);
    ui.separator();
    ui.heading("New workshop");
    ui.add_space(8.0);
    // The widest label sets the first column; the fields take the rest. The
    // width is worked out here because a grid's cells only know last
    // frame's column widths.
    let label_width = ["Team", "Facilitator", "Date", "Length", "Participants"]
        .iter()
        .map(|label| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            ui.ctx().fonts_mut(|fonts| {
                fonts.layout_no_wrap((*label).to_owned(), font, egui::Color32::BLACK).size().x
            })
        })
        .fold(0.0_f32, f32::max);
    let field_width = (ui.available_width() - label_width - 16.0).max(120.0);
    egui::Grid::new("new_workshop_form")
        .num_columns(2)
        .min_col_width(label_width)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            for (label, text, hint) in [
                ("Team", &mut form.team, "e.g. Payments Platform"),
                ("Facilitator", &mut form.facilitator, "Your name"),
                ("Date", &mut form.date, "YYYY-MM-DD"),
                ("Length", &mut form.time, "Optional: minutes (120) or hours:minutes (2:00)"),
            ] {
                let label = ui.label(label);
                let field = egui::TextEdit::singleline(text).hint_text(hint).desired_width(field_width);
                ui.add(field.char_limit(crate::workshop::validate::MAX_LINE_CHARS)).labelled_by(label.id);
                ui.end_row();
            }
            let label = ui.label("Participants");
            ui.add(
                egui::TextEdit::multiline(&mut form.participants)
                    .hint_text("One per line, or separated by commas")
                    .desired_rows(2)
                    .desired_width(field_width),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
    ui.add_space(12.0);
    ui.label(RichText::new("Models to walk through").strong());
    for entry in &library.models {
        let model = &entry.model;
        let mut picked = form.picked.contains(&model.id);
        let origin = match &entry.origin {
            Origin::Bundled => "bundled".to_owned(),
            Origin::File(path) => path.display().to_string(),
        };
        if ui.checkbox(&mut picked, RichText::new(&model.title).strong()).changed() {
            if picked {
                form.picked.push(model.id.clone());
            } else {
                form.picked.retain(|id| id != &model.id);
            }
        }
        ui.indent(("model_info", &model.id), |ui| {
            ui.label(
                RichText::new(format!(
                    "{} levels · {} indicators · {} · {}",
                    model.levels.len(),
                    model.indicator_count(),
                    model.source.title,
                    origin
                ))
                .small(),
            );
            let ladder: Vec<&str> = model.levels.iter().map(|level| level.name.as_str()).collect();
            ui.label(RichText::new(ladder.join("  ›  ")).small());
        });
    }
    if ui
        .button("Add a model from a file…")
        .on_hover_text("A model file (.ron) or a model written in Markdown (.md); see models/README.md")
        .clicked()
    {
        commands.push(Command::File(FileCommand::OpenModel));
    }
    for problem in &library.problems {
        ui.label(RichText::new(problem).small().color(ui.visuals().error_fg_color));
    }
    ui.add_space(12.0);
    let blocker = form.blocker();
    ui.horizontal_wrapped(|ui| {
        let create =
            ui.add_enabled(blocker.is_none(), egui::Button::new(RichText::new("Start workshop").strong()));
        if create.clicked() {
            commands.push(Command::CreateWorkshop);
        }
        if let Some(reason) = blocker {
            ui.label(RichText::new(reason).small());
        } else {
            ui.label(RichText::new("or Ctrl+Enter").small());
        }
    });
    ui.add_space(24.0);
}
