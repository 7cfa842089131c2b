//! The start screen: a new workshop (team, people, date, models), the sample
//! workshop, and opening files.

use egui::{RichText, Ui};

use super::library::{ModelLibrary, Origin};
use super::state::{Command, StartForm};
use super::widgets::labelled_line;

/// Widest the form grows; wider lines are hard to read on a wall.
const FORM_WIDTH: f32 = 980.0;

pub fn start_ui(ui: &mut Ui, form: &mut StartForm, library: &ModelLibrary) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
            let width = ui.available_width().min(FORM_WIDTH);
            let margin = ((ui.available_width() - width) / 2.0).max(0.0);
            ui.horizontal(|ui| {
                ui.add_space(margin);
                ui.vertical(|ui| {
                    ui.set_width(width);
                    form_ui(ui, form, library, &mut commands);
                });
            });
        });
    });
    commands
}

fn form_ui(ui: &mut Ui, form: &mut StartForm, library: &ModelLibrary, commands: &mut Vec<Command>) {
    ui.add_space(16.0);
    ui.heading("Run a deployment-maturity workshop");
    ui.label("Walk the team through a maturity model on the shared screen, settle where you are and where you want to be, and leave with a roadmap.");
    ui.add_space(12.0);
    ui.horizontal_wrapped(|ui| {
        if ui.button("Open sample workshop").clicked() {
            commands.push(Command::OpenSampleWorkshop);
        }
    });
    ui.add_space(16.0);
    ui.separator();
    ui.heading("New workshop");
    ui.add_space(8.0);
    labelled_line(ui, "Team", &mut form.team, "e.g. Payments Platform");
    labelled_line(ui, "Facilitator", &mut form.facilitator, "Your name");
    labelled_line(ui, "Date", &mut form.date, "YYYY-MM-DD");
    let label = ui.label("Participants (one per line, or separated by commas)");
    ui.add(
        egui::TextEdit::multiline(&mut form.participants)
            .hint_text("Ana, Søren, Έλενα…")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
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
        });
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
        }
    });
    ui.add_space(24.0);
}
