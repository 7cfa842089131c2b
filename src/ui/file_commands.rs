//! How the app carries out file commands and takes in task results.
//!
//! Nothing here changes the [`AppState`](super::AppState) itself: what a
//! task brings back becomes a [`Command`] for `AppState::execute`, the one
//! place that mutates. This module keeps only the file flows' own state
//! (prompts, the chooser, the autosave worker).

use super::WorkshopApp;
use super::file_chooser::{ChooserAction, file_chooser_ui};
use super::files::{ModelPreview, Prompt, suggested_file_name};
use super::library::Origin;
use super::state::{Command, FileCommand, Notice, OpenedFile};
use super::tasks::{AfterSave, Purpose, TaskResult};

fn error(text: impl Into<String>) -> Notice {
    Notice::error(text)
}

impl WorkshopApp {
    fn notify(&mut self, notice: Notice) {
        self.state.execute(Command::Notify(notice));
    }

    pub(super) fn handle_file(&mut self, ctx: &egui::Context, command: FileCommand) {
        let dirty = self.state.is_dirty();
        match command {
            FileCommand::Open => {
                if dirty {
                    self.files.prompt = Some(Prompt::UnsavedChanges(AfterSave::OpenAnother));
                } else {
                    self.files.choose(ctx, Purpose::OpenWorkshop, None);
                }
            }
            FileCommand::OpenRecent(path) => {
                if dirty {
                    self.notify(error("Save or close the open workshop first."));
                } else {
                    self.files.open_workshop(ctx, path);
                }
            }
            FileCommand::Save => self.save(ctx, AfterSave::Nothing),
            FileCommand::SaveAs => {
                self.pending_after_save = AfterSave::Nothing;
                self.save_as(ctx);
            }
            FileCommand::OpenModel => self.files.choose(ctx, Purpose::OpenModel, None),
            FileCommand::OpenFolder(folder) => {
                // Launching a program is not disk work for a frame, but it can
                // block on a slow desktop: a thread of its own.
                std::thread::spawn(move || {
                    if let Err(error) = open_in_file_manager(&folder) {
                        crate::cli::output::err(format_args!(
                            "maturity-workshop: cannot open {}: {error}",
                            folder.display()
                        ));
                    }
                });
            }
            FileCommand::ExportPdf | FileCommand::ExportMarkdown => {
                let Some(workshop) = self.state.workshop() else { return };
                let purpose = if command == FileCommand::ExportPdf {
                    Purpose::ExportPdf
                } else {
                    Purpose::ExportMarkdown
                };
                let name =
                    suggested_file_name(&format!("{} roadmap", workshop.details.team), purpose.extension());
                self.files.choose(ctx, purpose, Some(name));
            }
            FileCommand::Close => {
                if dirty {
                    self.files.prompt = Some(Prompt::UnsavedChanges(AfterSave::CloseWorkshop));
                } else {
                    self.close_workshop();
                }
            }
            FileCommand::Quit => {
                if dirty {
                    self.files.prompt = Some(Prompt::UnsavedChanges(AfterSave::QuitApp));
                } else {
                    self.quit(ctx);
                }
            }
            FileCommand::SaveThenContinue => {
                if let Some(Prompt::UnsavedChanges(then)) = self.files.prompt.take() {
                    self.save(ctx, then);
                }
            }
            FileCommand::DiscardThenContinue => {
                if let Some(Prompt::UnsavedChanges(then)) = self.files.prompt.take() {
                    self.continue_after_save(ctx, then);
                }
            }
            FileCommand::CancelPrompt => self.files.prompt = None,
            FileCommand::Recover => {
                if let Some(Prompt::Recover(found)) = self.files.prompt.take() {
                    self.state.execute(Command::OpenRecovered(found));
                }
            }
            FileCommand::DiscardRecovery => {
                if matches!(self.files.prompt, Some(Prompt::Recover(_))) {
                    self.files.prompt = None;
                    if let Some(failure) = self.files.discard_recovery() {
                        self.notify(failure);
                    }
                }
            }
            FileCommand::UpgradeModels => {
                if let Some(Prompt::Drift(drifts)) = self.files.prompt.take() {
                    self.state.execute(Command::UpgradeModels(drifts));
                }
            }
            FileCommand::KeepModelVersions => self.files.prompt = None,
            FileCommand::OpenPortfolio => self.files.choose(ctx, Purpose::OpenPortfolio, None),
            FileCommand::OpenPortfolioAt(path) => self.open_portfolio(ctx, vec![path]),
            FileCommand::ReloadPortfolio => {
                if let Some(portfolio) = self.state.portfolio() {
                    let sources = portfolio.data.sources.clone();
                    self.open_portfolio(ctx, sources);
                }
            }
            FileCommand::CancelPortfolio => self.files.stop_portfolio(),
            FileCommand::AddPreviewedModel => {
                if let Some(Prompt::AddModel(preview)) = self.files.prompt.take() {
                    match preview.result {
                        // Already a model file of the folder: nothing to save.
                        Ok(model) if preview.save_to.is_none() => {
                            self.model_saved(model, preview.path.clone(), Ok(preview.path));
                        }
                        Ok(model) => self.files.save_model(ctx, model, preview.path),
                        Err(_) => self.files.prompt = Some(Prompt::AddModel(preview)),
                    }
                }
            }
            FileCommand::ReadPreviewedModelAgain => {
                if let Some(Prompt::AddModel(preview)) = self.files.prompt.take() {
                    self.files.read_model(ctx, preview.path);
                }
            }
        }
    }

    fn open_portfolio(&mut self, ctx: &egui::Context, sources: Vec<std::path::PathBuf>) {
        self.state.execute(super::Command::Show(super::Screen::Portfolio));
        self.files.read_portfolio(ctx, sources);
    }

    fn save(&mut self, ctx: &egui::Context, then: AfterSave) {
        let Some(session) = self.state.session() else { return };
        match session.path().map(ToOwned::to_owned) {
            Some(path) => self.files.save(ctx, session, path, then),
            None => {
                self.pending_after_save = then;
                self.save_as(ctx);
            }
        }
    }

    fn save_as(&mut self, ctx: &egui::Context) {
        let Some(workshop) = self.state.workshop() else { return };
        let name = suggested_file_name(&workshop.details.team, crate::workshop::file::WORKSHOP_EXTENSION);
        self.files.choose(ctx, Purpose::SaveWorkshopAs, Some(name));
    }

    fn continue_after_save(&mut self, ctx: &egui::Context, then: AfterSave) {
        match then {
            AfterSave::Nothing => {}
            AfterSave::CloseWorkshop => self.close_workshop(),
            AfterSave::OpenAnother => {
                self.close_workshop();
                self.files.choose(ctx, Purpose::OpenWorkshop, None);
            }
            AfterSave::QuitApp => self.quit(ctx),
            AfterSave::NewWorkshop => self.state.execute(Command::CreateWorkshop),
            AfterSave::OpenSample => self.state.execute(Command::OpenSampleWorkshop),
        }
    }

    /// The autosave follows at the end of the frame (`FileFlows::autosave`):
    /// no session, nothing to recover.
    fn close_workshop(&mut self) {
        self.state.execute(Command::CloseWorkshop);
    }

    fn quit(&mut self, ctx: &egui::Context) {
        self.files.close_confirmed = true;
        // The session's own file has what matters: the autosave is done. The
        // worker carries out the clear; `on_exit` waits for it.
        self.files.clear_autosave();
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// A file was chosen (natively or in the app) for `purpose`.
    fn chosen(&mut self, ctx: &egui::Context, purpose: Purpose, path: std::path::PathBuf) {
        let path = purpose.with_extension(path);
        match purpose {
            Purpose::OpenWorkshop => self.files.open_workshop(ctx, path),
            Purpose::OpenModel => self.files.read_model(ctx, path),
            Purpose::OpenPortfolio => self.open_portfolio(ctx, vec![path]),
            Purpose::SaveWorkshopAs => {
                let then = std::mem::replace(&mut self.pending_after_save, AfterSave::Nothing);
                if let Some(session) = self.state.session() {
                    self.files.save(ctx, session, path, then);
                }
            }
            Purpose::ExportPdf | Purpose::ExportMarkdown => {
                let Some(workshop) = self.state.workshop().cloned() else { return };
                let paper = self.state.settings().paper;
                self.files.run(ctx, move || {
                    let rendered = if purpose == Purpose::ExportPdf {
                        crate::pdf::render(&workshop, paper)
                            .map(|rendered| {
                                let warning = rendered.missing_summary();
                                (rendered.bytes, warning)
                            })
                            .map_err(|e| e.to_string())
                    } else {
                        Ok((crate::markdown::render_markdown(&workshop).into_bytes(), None))
                    };
                    let result = rendered.and_then(|(bytes, warning)| {
                        crate::storage::atomic_write(&path, &bytes, false)
                            .map(|()| (bytes.len(), warning))
                            .map_err(|e| e.to_string())
                    });
                    TaskResult::Exported { path, result }
                });
            }
        }
    }

    /// Takes in whatever the tasks have finished.
    pub(super) fn process_tasks(&mut self, ctx: &egui::Context) {
        for result in self.files.tasks.finished() {
            match result {
                TaskResult::Picked { purpose, path: Some(path), .. } => self.chosen(ctx, purpose, path),
                TaskResult::Picked { purpose, path: None, elapsed } => {
                    if !self.files.dialog_returned_nothing(ctx, purpose, elapsed) {
                        self.pending_after_save = AfterSave::Nothing;
                    }
                }
                TaskResult::Failed { message, .. } => {
                    self.pending_after_save = AfterSave::Nothing;
                    self.notify(error(format!("That did not work: {message}. Nothing was changed.")));
                }
                TaskResult::PortfolioRead { read, portfolio, cancelled } => {
                    if !self.files.portfolio_finished(read) {
                        continue;
                    }
                    if let [source] = portfolio.sources.as_slice() {
                        self.files.remember_portfolio(source);
                    }
                    self.state.execute(super::Command::Notify(portfolio_notice(&portfolio, cancelled)));
                    let portfolio = std::sync::Arc::new(*portfolio);
                    self.state.execute(super::Command::Portfolio(super::PortfolioCommand::Loaded(portfolio)));
                }
                TaskResult::Listed { folder, result } => {
                    if let Some(chooser) = &mut self.files.chooser {
                        chooser.listed(folder, result);
                    }
                }
                TaskResult::Opened { path, result } => match result {
                    Ok(loaded) => {
                        self.files.remember_recent(&path);
                        let opened = OpenedFile {
                            workshop: loaded.workshop,
                            path,
                            migrated_from: loaded.migrated_from,
                        };
                        self.state.execute(Command::OpenFile(Box::new(opened)));
                        // A pending question (a recovery above all) is not
                        // pushed aside by a model upgrade offer.
                        if let Some(session) = self.state.session()
                            && self.files.prompt.is_none()
                        {
                            self.files.prompt = self.files.drift(session, self.state.library());
                        }
                    }
                    Err(problems) => {
                        self.notify(error(format!(
                            "Could not open the workshop; the file was not changed. {problems}"
                        )));
                    }
                },
                TaskResult::Saved { path, generation, revision, result, then } => match result {
                    Ok(()) => {
                        self.files.remember_recent(&path);
                        self.state.execute(Command::MarkSaved { generation, revision, path });
                        self.continue_after_save(ctx, then);
                    }
                    Err(message) => {
                        self.notify(error(format!(
                            "Could not save to {}: {message}. The previous file is intact; try another folder with Save as (Ctrl+Shift+S).",
                            path.display()
                        )));
                    }
                },
                TaskResult::ModelRead { path, result } => self.preview_model(path, result),
                TaskResult::ModelSaved { model, source, result } => self.model_saved(*model, source, result),
                TaskResult::Exported { path, result } => match result {
                    Ok((bytes, warning)) => {
                        let folder = path.parent().map(std::path::Path::to_owned);
                        let mut text = format!(
                            "Exported {} ({} KB) to {}.",
                            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                            bytes.div_ceil(1024),
                            folder.as_deref().map(|f| f.display().to_string()).unwrap_or_default()
                        );
                        if let Some(warning) = warning {
                            text.push(' ');
                            text.push_str(&warning);
                        }
                        let mut notice = Notice::info(text);
                        notice.folder = folder;
                        self.notify(notice);
                    }
                    Err(message) => {
                        self.notify(error(format!("Could not export to {}: {message}", path.display())));
                    }
                },
            }
        }
    }

    /// Shows what was read, problems and all, before anything is added.
    fn preview_model(
        &mut self,
        path: std::path::PathBuf,
        result: Result<crate::storage::ModelFile, crate::problem::Problems>,
    ) {
        let result = result.map(|file| file.model);
        let markdown = crate::storage::is_markdown_path(&path);
        let folder = self.files.paths.models_dir();
        let in_folder = !markdown && path.parent() == Some(folder.as_path());
        let save_to = (!in_folder).then(|| {
            folder.join(format!("{}.ron", result.as_ref().map_or("model", |model| model.id.as_str())))
        });
        let replaces = result.as_ref().ok().and_then(|model| {
            let entry = self.state.library().find(&model.id)?;
            let (title, version) = (&entry.model.title, entry.model.version);
            Some(match &entry.origin {
                Origin::Bundled => {
                    format!("It has the same id as the bundled model {title}, and replaces it in the list.")
                }
                // Importing a document again: an update of the same model.
                Origin::File(file) if Some(file) == save_to.as_ref() => format!(
                    "It replaces {title} (version {version}) added before; the previous file is kept as {}.bak.",
                    file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
                ),
                Origin::File(file) => format!(
                    "It has the same id as {title} from {}, and replaces it in the list.",
                    file.display()
                ),
            })
        });
        self.files.prompt =
            Some(Prompt::AddModel(Box::new(ModelPreview { path, markdown, result, replaces, save_to })));
    }

    /// The model joins the list (and is picked for the new workshop), saved
    /// or not: a folder that cannot be written still leaves it usable now,
    /// from the file it was read from.
    fn model_saved(
        &mut self,
        model: crate::model::MaturityModel,
        source: std::path::PathBuf,
        result: Result<std::path::PathBuf, String>,
    ) {
        let title = model.title.clone();
        let folder = self.files.paths.models_dir();
        let path = result.clone().unwrap_or(source);
        self.state.execute(Command::AddModel { model: Box::new(model), path });
        self.notify(match result {
            Ok(path) => {
                let mut notice = Notice::info(format!(
                    "Added the model {title}; saved as {} for next time.",
                    path.display()
                ));
                notice.folder = Some(folder);
                notice
            }
            Err(message) => error(format!(
                "Added the model {title} for this session, but it could not be saved in {}: {message}",
                folder.display()
            )),
        });
    }

    /// The in-app chooser and the questions the app is waiting on.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) -> Vec<super::Command> {
        let mut commands = Vec::new();
        if let Some(chooser) = &mut self.files.chooser {
            match file_chooser_ui(ctx, chooser) {
                ChooserAction::None => {}
                ChooserAction::Browse(folder) => {
                    chooser.browse(folder.clone());
                    let purpose = chooser.purpose;
                    self.files.list(ctx, folder, purpose);
                }
                ChooserAction::Chosen(path) => {
                    let purpose = chooser.purpose;
                    self.files.chooser = None;
                    self.chosen(ctx, purpose, path);
                }
                ChooserAction::Cancel => {
                    // Nothing chosen: a save that was to close or quit after
                    // it did not happen, and neither will the close or quit.
                    self.files.chooser = None;
                    self.pending_after_save = AfterSave::Nothing;
                }
            }
        }
        if let Some(prompt) = &self.files.prompt {
            commands.extend(super::prompts::prompt_ui(ctx, prompt, &self.state));
        }
        commands
    }

    /// Asks before the window closes with unsaved work.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.files.close_confirmed {
            return;
        }
        let dirty = self.state.is_dirty();
        if self.files.terminating.load(std::sync::atomic::Ordering::SeqCst) {
            // Nobody is there to answer a question: keep unsaved work in
            // the autosave, which the next start offers to recover.
            // `on_exit` waits for the worker to finish.
            if dirty {
                self.files.autosave(self.state.session());
            } else {
                self.files.clear_autosave();
            }
            return;
        }
        if dirty {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.prompt = Some(Prompt::UnsavedChanges(AfterSave::QuitApp));
        } else {
            self.files.clear_autosave();
        }
    }
}

/// What a finished portfolio read says in the status strip.
fn portfolio_notice(portfolio: &crate::portfolio::Portfolio, cancelled: bool) -> Notice {
    let read = portfolio.workshops.len();
    let skipped = portfolio.skipped.len();
    let mut text = if cancelled {
        format!("Stopped reading: {read} workshop files read so far are shown.")
    } else if portfolio.files() == 0 {
        "No workshop files (*.workshop.ron) were found there.".to_owned()
    } else {
        format!("Read {read} workshop files.")
    };
    if skipped > 0 {
        text.push_str(&format!(" {skipped} could not be read and are listed at the end of the portfolio."));
    }
    Notice { text, is_error: read == 0, folder: None }
}

/// Shows `folder` in the desktop's file manager.
fn open_in_file_manager(folder: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(target_os = "windows") {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program).arg(folder).spawn().map(drop)
}
