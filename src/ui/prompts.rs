//! The questions the app asks: unsaved changes, recovering an autosave,
//! upgrading models that have a newer version, adding a model read from a
//! file.

use egui::RichText;

use super::files::Prompt;
use super::state::{AppState, Command, FileCommand};
use super::tasks::AfterSave;

pub fn prompt_ui(ctx: &egui::Context, prompt: &Prompt, state: &AppState) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut push = |command: FileCommand| commands.push(Command::File(command));
    let modal = egui::Modal::new(egui::Id::unique("prompt")).frame(super::widgets::dialog_frame(ctx)).show(ctx, |ui| {
        ui.set_max_width((ctx.content_rect().width() * 0.6).clamp(380.0, 820.0));
        match prompt {
            Prompt::UnsavedChanges(then) => {
                let name = state
                    .session()
                    .and_then(|s| s.path())
                    .and_then(|p| p.file_name())
                    .map_or_else(|| "this workshop".to_owned(), |n| n.to_string_lossy().into_owned());
                ui.heading("Save changes?");
                let after = match then {
                    AfterSave::QuitApp => "before quitting",
                    AfterSave::OpenAnother => "before opening another workshop",
                    _ => "before closing it",
                };
                ui.label(format!("{name} has changes that are not saved. Save them {after}?"));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Save").strong()).clicked() {
                        push(FileCommand::SaveThenContinue);
                    }
                    if ui.button("Don't save").clicked() {
                        push(FileCommand::DiscardThenContinue);
                    }
                    if ui.button("Cancel").clicked() {
                        push(FileCommand::CancelPrompt);
                    }
                });
            }
            Prompt::Recover(found) => {
                ui.heading("Recover unsaved work?");
                let what = match &found.file {
                    Some(file) => format!("Changes to {} were not saved", file.display()),
                    None => format!("The workshop of {} was never saved", found.workshop.details.team),
                };
                let when = found.autosaved_at.as_deref().map(|at| format!(" (autosaved {})", readable_time(at))).unwrap_or_default();
                ui.label(format!("{what} when the app last closed{when}."));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Recover").strong()).clicked() {
                        push(FileCommand::Recover);
                    }
                    if ui.button("Discard").clicked() {
                        push(FileCommand::DiscardRecovery);
                    }
                });
            }
            Prompt::AddModel(preview) => super::model_preview::model_preview_ui(ui, preview, &mut push),
            Prompt::Drift(drifts) => {
                ui.heading("Newer model versions are available");
                for drift in drifts {
                    ui.label(format!("• {drift}"));
                }
                ui.label(
                    "This workshop keeps its own copy of each model. Upgrading moves answers and notes by indicator; \
answers whose indicator is gone are kept and listed, never dropped. You can undo it.",
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(RichText::new("Upgrade").strong()).clicked() {
                        push(FileCommand::UpgradeModels);
                    }
                    if ui.button("Keep the workshop's versions").clicked() {
                        push(FileCommand::KeepModelVersions);
                    }
                });
            }
        }
    });
    if modal.should_close() && commands.is_empty() && !matches!(prompt, Prompt::Recover(_)) {
        commands.push(Command::File(match prompt {
            Prompt::Drift(_) => FileCommand::KeepModelVersions,
            _ => FileCommand::CancelPrompt,
        }));
    }
    commands
}

/// `2026-11-22T10:15:00Z` as `2026-11-22 10:15 UTC`; anything else as is.
fn readable_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16), rfc3339.ends_with('Z')) {
        (Some(date), Some(time), true) => format!("{date} {time} UTC"),
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_like_a_clock() {
        assert_eq!(super::readable_time("2026-11-22T10:15:42Z"), "2026-11-22 10:15 UTC");
        assert_eq!(super::readable_time("yesterday"), "yesterday");
    }
}
