//! The preview of a model read by *Add a model from a file*: its ladder and
//! how many indicators each level has, or the problems to fix with their
//! line and column, before anything joins the list.

use egui::{RichText, Ui};

use super::files::ModelPreview;
use super::state::FileCommand;
use crate::model::MaturityModel;

fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The preview's contents; the buttons push the facilitator's answer.
pub fn model_preview_ui(ui: &mut Ui, preview: &ModelPreview, push: &mut dyn FnMut(FileCommand)) {
    let kind = if preview.markdown { "Markdown document" } else { "model file" };
    // What is not the list (heading, counts, notes, buttons) takes about
    // 500 points at the projector's text size; the list gets the rest, so
    // the buttons stay on a 720-pixel screen.
    let screen = ui.ctx().content_rect().height();
    let list_height = (screen - 500.0).clamp(120.0, screen * 0.45);
    match &preview.result {
        Ok(model) => {
            ui.heading("Add this model?");
            ui.label(RichText::new(format!("Read from the {kind} {}", preview.path.display())).small());
            ui.add_space(6.0);
            model_summary_ui(ui, model, list_height);
            if let Some(replaces) = &preview.replaces {
                ui.add_space(4.0);
                ui.label(RichText::new(replaces).color(ui.visuals().warn_fg_color));
            }
            ui.add_space(4.0);
            let saving = match &preview.save_to {
                Some(path) => format!("It will be saved as {} and listed at every start.", path.display()),
                None => "It is in your models folder, so it is listed at every start.".to_owned(),
            };
            ui.label(RichText::new(saving).small());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Add model").strong()).clicked() {
                    push(FileCommand::AddPreviewedModel);
                }
                if ui.button("Cancel").clicked() {
                    push(FileCommand::CancelPrompt);
                }
            });
        }
        Err(problems) => {
            ui.heading("This model cannot be added yet");
            ui.label(format!(
                "{} in the {kind} {}. The file was not changed.",
                plural(problems.0.len(), "problem", "problems"),
                preview.path.display()
            ));
            ui.add_space(6.0);
            let name = file_name(&preview.path);
            egui::ScrollArea::vertical().max_height(list_height).auto_shrink([false, true]).show(ui, |ui| {
                for problem in &problems.0 {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(
                            RichText::new(format!("{name}:{}:{}", problem.line, problem.column))
                                .monospace()
                                .color(ui.visuals().error_fg_color),
                        );
                        ui.label(&problem.message);
                    });
                }
            });
            ui.add_space(6.0);
            ui.label(RichText::new("Fix them in your editor, then read the file again.").small());
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(RichText::new("Read again").strong()).clicked() {
                    push(FileCommand::ReadPreviewedModelAgain);
                }
                if ui.button("Close").clicked() {
                    push(FileCommand::CancelPrompt);
                }
            });
        }
    }
}

/// Title, counts, source, and the ladder with each level's indicators.
fn model_summary_ui(ui: &mut Ui, model: &MaturityModel, list_height: f32) {
    ui.label(
        RichText::new(&model.title).strong().size(ui.text_style_height(&egui::TextStyle::Heading) * 0.9),
    );
    let mut counts = vec![
        plural(model.levels.len(), "level", "levels"),
        plural(model.indicator_count(), "indicator", "indicators"),
    ];
    if !model.dimensions.is_empty() {
        counts.push(plural(model.dimensions.len(), "dimension", "dimensions"));
    }
    counts.push(format!("version {}", model.version));
    ui.label(counts.join(" · "));
    let mut source = format!("Id {} · source: {}", model.id, model.source.title);
    for part in
        [model.source.author.clone(), model.source.year.map(|year| year.to_string())].into_iter().flatten()
    {
        source.push_str(", ");
        source.push_str(&part);
    }
    ui.label(RichText::new(source).small());
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .id_salt("preview_levels")
        .max_height(list_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("preview_levels_grid").num_columns(3).striped(true).spacing([24.0, 6.0]).show(
                ui,
                |ui| {
                    ui.label(RichText::new("Level").strong());
                    ui.label(RichText::new("Indicators").strong());
                    ui.label(RichText::new("Next steps").strong());
                    ui.end_row();
                    for (index, level) in model.levels.iter().enumerate() {
                        ui.label(format!("{}. {}", index + 1, level.name));
                        ui.label(level.indicators.len().to_string());
                        ui.label(level.next_steps.len().to_string());
                        ui.end_row();
                    }
                },
            );
        });
}
