//! The in-app file chooser, for desktops where no native dialog appears
//! (no XDG portal: minimal window managers, kiosks). A folder field, the
//! folder's listing (read by a task), a file name, and the action.

use std::path::PathBuf;

use egui::RichText;

use super::tasks::{FolderEntry, Purpose};

pub struct FileChooser {
    pub purpose: Purpose,
    pub folder: PathBuf,
    /// The folder field, as typed.
    pub folder_text: String,
    pub file_name: String,
    pub entries: Option<Result<Vec<FolderEntry>, String>>,
}

/// What the facilitator did in the chooser this frame.
pub enum ChooserAction {
    None,
    /// Show this folder's listing.
    Browse(PathBuf),
    Chosen(PathBuf),
    Cancel,
}

impl FileChooser {
    pub fn new(purpose: Purpose, folder: PathBuf, file_name: String) -> Self {
        let folder_text = folder.display().to_string();
        Self { purpose, folder, folder_text, file_name, entries: None }
    }

    pub fn listed(&mut self, folder: PathBuf, result: Result<Vec<FolderEntry>, String>) {
        if folder == self.folder {
            self.entries = Some(result);
        }
    }

    pub fn browse(&mut self, folder: PathBuf) {
        self.folder_text = folder.display().to_string();
        self.folder = folder;
        self.entries = None;
    }
}

pub fn file_chooser_ui(ctx: &egui::Context, chooser: &mut FileChooser) -> ChooserAction {
    let mut action = ChooserAction::None;
    let modal = egui::Modal::new(egui::Id::unique("file_chooser"))
        .frame(super::widgets::dialog_frame(ctx))
        .show(ctx, |ui| {
            let width = (ctx.content_rect().width() * 0.6).clamp(420.0, 900.0);
            ui.set_width(width);
            ui.heading(chooser.purpose.title());
            ui.horizontal(|ui| {
                let label = ui.label("Folder");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut chooser.folder_text)
                            .desired_width(ui.available_width() - 120.0),
                    )
                    .labelled_by(label.id);
                if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    action = ChooserAction::Browse(PathBuf::from(chooser.folder_text.trim()));
                }
                if ui.button("Up").clicked()
                    && let Some(parent) = chooser.folder.parent()
                {
                    action = ChooserAction::Browse(parent.to_owned());
                }
            });
            ui.separator();
            let list_height = (ctx.content_rect().height() * 0.45).max(160.0);
            egui::ScrollArea::vertical().max_height(list_height).auto_shrink([false, true]).show(ui, |ui| {
                match &chooser.entries {
                    None => {
                        ui.label("Reading the folder…");
                    }
                    Some(Err(error)) => {
                        ui.label(
                            RichText::new(format!("Cannot read this folder: {error}"))
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    Some(Ok(entries)) if entries.is_empty() => {
                        let endings = chooser.purpose.endings().join(" or ");
                        ui.label(format!("No folders or {endings} files here."));
                    }
                    Some(Ok(entries)) => {
                        for entry in entries {
                            let text =
                                if entry.is_dir { format!("{}/", entry.name) } else { entry.name.clone() };
                            let selected = !entry.is_dir && entry.name == chooser.file_name;
                            let response = ui.selectable_label(selected, text);
                            if response.clicked() {
                                if entry.is_dir {
                                    action = ChooserAction::Browse(chooser.folder.join(&entry.name));
                                } else {
                                    chooser.file_name = entry.name.clone();
                                }
                            }
                            if response.double_clicked() && !entry.is_dir {
                                action = ChooserAction::Chosen(chooser.folder.join(&entry.name));
                            }
                        }
                    }
                }
            });
            ui.separator();
            if chooser.purpose.picks_folder() {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let folder = PathBuf::from(chooser.folder_text.trim());
                    if ui.button(RichText::new("Open this folder").strong()).clicked() {
                        action = ChooserAction::Chosen(folder);
                    }
                    if ui.button("Cancel").clicked() {
                        action = ChooserAction::Cancel;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let label = ui.label("File name");
                ui.add(
                    egui::TextEdit::singleline(&mut chooser.file_name).desired_width(ui.available_width()),
                )
                .labelled_by(label.id);
            });
            // A folder typed but not yet opened with Enter still counts.
            let folder = PathBuf::from(chooser.folder_text.trim());
            let name = chooser.file_name.trim();
            let exists = chooser.purpose.is_save()
                && folder == chooser.folder
                && matches!(&chooser.entries, Some(Ok(entries)) if entries.iter().any(|e| !e.is_dir && e.name == name));
            if exists {
                ui.label(
                    RichText::new(format!("{name} already exists here; saving replaces it."))
                        .color(ui.visuals().warn_fg_color),
                );
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let verb = match (chooser.purpose.is_save(), exists) {
                    (false, _) => "Open",
                    (true, false) => "Save",
                    (true, true) => "Replace",
                };
                let ready = !name.is_empty();
                if ui.add_enabled(ready, egui::Button::new(RichText::new(verb).strong())).clicked() {
                    action = ChooserAction::Chosen(folder.join(name));
                }
                if ui.button("Cancel").clicked() {
                    action = ChooserAction::Cancel;
                }
            });
        });
    if modal.should_close() && matches!(action, ChooserAction::None) {
        action = ChooserAction::Cancel;
    }
    action
}
