//! Saving, opening, autosave, recovery and exports, as the app sees them:
//! every disk access runs as a task, never inside a frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use super::file_chooser::FileChooser;
use super::state::{Notice, Session};
use super::tasks::{AfterSave, Purpose, TaskResult, Tasks, native_dialog};
use crate::model::MaturityModel;
use crate::problem::Problems;
use crate::storage::autosave::{
    Autosaver, RecoveredWorkshop, Recovery, clear_autosave, recoverable_autosave,
};
use crate::storage::{
    AppPaths, ReadProgress, read_model_document, read_workshop_file, save_user_model, write_workshop_file,
};
use crate::workshop::{ModelDrift, detect_drift};

/// A native dialog that closes faster than this without a path most likely
/// never appeared (no XDG portal): fall back to the in-app chooser.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(250);

/// A question the app is waiting on.
#[derive(Clone, Debug)]
pub enum Prompt {
    /// Unsaved changes before closing, opening another or quitting.
    UnsavedChanges(AfterSave),
    /// Work from a run that did not close normally.
    Recover(Box<RecoveredWorkshop>),
    /// Newer versions of models the open workshop uses.
    Drift(Vec<ModelDrift>),
    /// A model read from a file, shown before it is added.
    AddModel(Box<ModelPreview>),
}

/// What *Add a model from a file* read, for the facilitator to look at
/// before the model joins the list.
#[derive(Clone, Debug)]
pub struct ModelPreview {
    pub path: PathBuf,
    pub markdown: bool,
    pub result: Result<MaturityModel, Problems>,
    /// What adding replaces: the model already listed with the same id.
    pub replaces: Option<String>,
    /// Where the model will be saved; `None` for a model file that is in
    /// the user models folder already.
    pub save_to: Option<PathBuf>,
}

pub struct FileFlows {
    pub paths: AppPaths,
    pub tasks: Tasks,
    pub autosave: Option<Autosaver>,
    /// The session, revision and file last handed to the autosave.
    pub autosaved: Option<(u64, u64, Option<PathBuf>)>,
    pub prompt: Option<Prompt>,
    pub chooser: Option<FileChooser>,
    /// Once a native dialog failed to appear, use the in-app chooser.
    pub native_dialogs: bool,
    /// Run tasks on the calling thread (tests).
    pub synchronous: bool,
    pub recent: Vec<PathBuf>,
    /// Folders recently read as a portfolio, most recent first.
    pub recent_portfolios: Vec<PathBuf>,
    /// The portfolio read under way: its number and progress.
    pub portfolio_read: Option<(u64, Arc<ReadProgress>)>,
    /// Portfolio reads started so far, to number the next one.
    portfolio_reads: u64,
    /// The window may close: set once unsaved work has been dealt with.
    pub close_confirmed: bool,
    /// Set from the signal thread on SIGTERM and friends: close without
    /// asking, leaving unsaved work in the autosave for the next start.
    pub terminating: Arc<AtomicBool>,
    /// Held while this copy of the app owns the shared autosave.
    _instance_lock: Option<std::fs::File>,
}

impl FileFlows {
    /// For the real app: autosave on, recovery checked. Runs before the
    /// first frame, so the disk reads here are fine.
    pub fn start(paths: AppPaths, on_autosave: Option<Arc<dyn Fn() + Send + Sync>>) -> (Self, Vec<Notice>) {
        let mut notices = Vec::new();
        let mut prompt = None;
        // The first copy of the app running owns the shared autosave (and
        // what it holds from a crash); a second copy keeps its own, so
        // neither overwrites nor "recovers" the other's live work.
        let instance_lock = lock_instance(&paths);
        let autosave_file = if instance_lock.is_some() {
            paths.autosave_file()
        } else {
            paths.data_dir.join(format!("autosave-{}.workshop.ron", std::process::id()))
        };
        let recovery = if instance_lock.is_some() { recoverable_autosave(&paths) } else { None };
        match recovery {
            Some(Recovery::Recovered(found)) => prompt = Some(Prompt::Recover(found)),
            Some(Recovery::Broken { problems, kept_as, .. }) => notices.push(Notice {
                text: format!(
                    "An autosave could not be read and was kept as {}: {problems}",
                    kept_as.display()
                ),
                is_error: true,
                folder: None,
            }),
            None => {}
        }
        let options =
            crate::storage::autosave::AutosaveOptions { on_change: on_autosave, ..Default::default() };
        // The worker writes only what it is handed, so an autosave offered
        // for recovery stays as it is until the facilitator decides.
        let autosave = start_autosave(autosave_file, options, &mut notices);
        let recent = crate::storage::load_recent_files(&paths);
        let recent_portfolios = crate::storage::load_recent_portfolios(&paths);
        let flows = Self {
            recent_portfolios,
            portfolio_read: None,
            portfolio_reads: 0,
            _instance_lock: instance_lock,
            paths,
            tasks: Tasks::default(),
            autosave,
            autosaved: None,
            prompt,
            chooser: None,
            native_dialogs: native_dialogs_possible(),
            synchronous: false,
            recent,
            close_confirmed: false,
            terminating: Arc::new(AtomicBool::new(false)),
        };
        (flows, notices)
    }

    /// For tests: no autosave, no native dialogs, tasks run in place.
    pub fn headless(paths: AppPaths) -> Self {
        Self {
            paths,
            tasks: Tasks::default(),
            autosave: None,
            autosaved: None,
            prompt: None,
            chooser: None,
            native_dialogs: false,
            synchronous: true,
            recent: Vec::new(),
            recent_portfolios: Vec::new(),
            portfolio_read: None,
            portfolio_reads: 0,
            close_confirmed: false,
            terminating: Arc::new(AtomicBool::new(false)),
            _instance_lock: None,
        }
    }

    pub fn run(&mut self, ctx: &egui::Context, work: impl FnOnce() -> TaskResult + Send + 'static) {
        if self.synchronous {
            self.tasks.run_here(work);
        } else {
            self.tasks.spawn(ctx, work);
        }
    }

    /// Asks for a file: the native dialog when there is one, else the
    /// in-app chooser.
    pub fn choose(&mut self, ctx: &egui::Context, purpose: Purpose, suggested_name: Option<String>) {
        let folder = self.recent.first().and_then(|p| p.parent()).map(Path::to_owned);
        if self.native_dialogs {
            self.tasks.spawn_dialog(ctx, move || native_dialog(purpose, folder, suggested_name));
        } else {
            let folder = folder.or_else(home_folder).unwrap_or_else(|| PathBuf::from("."));
            self.list(ctx, folder.clone(), purpose);
            self.chooser = Some(FileChooser::new(purpose, folder, suggested_name.unwrap_or_default()));
        }
    }

    pub fn list(&mut self, ctx: &egui::Context, folder: PathBuf, purpose: Purpose) {
        self.run(ctx, move || super::tasks::list_folder(folder, purpose));
    }

    /// A native dialog came back without a path: a cancel, or no dialog at
    /// all. In the second case, remember it and show the in-app chooser.
    /// Returns whether the in-app chooser took over (false: a real cancel).
    pub fn dialog_returned_nothing(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        elapsed: Duration,
    ) -> bool {
        if elapsed < NO_DIALOG_THRESHOLD {
            self.native_dialogs = false;
            self.choose(ctx, purpose, None);
            return true;
        }
        false
    }

    pub fn open_workshop(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.run(ctx, move || {
            let result = read_workshop_file(&path);
            TaskResult::Opened { path, result }
        });
    }

    pub fn save(&mut self, ctx: &egui::Context, session: &Session, path: PathBuf, then: AfterSave) {
        let workshop = session.workshop().clone();
        let (generation, revision) = (session.generation(), session.revision());
        self.run(ctx, move || {
            let result = write_workshop_file(&path, &workshop).map_err(|error| error.to_string());
            TaskResult::Saved { path, generation, revision, result, then }
        });
    }

    /// Reads a model file or Markdown document for the preview.
    pub fn read_model(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.run(ctx, move || {
            let result = read_model_document(&path);
            TaskResult::ModelRead { path, result }
        });
    }

    /// Saves a previewed model as RON in the user models folder, so that it
    /// is there at the next start.
    pub fn save_model(&mut self, ctx: &egui::Context, model: MaturityModel, source: PathBuf) {
        let folder = self.paths.models_dir();
        self.run(ctx, move || {
            let result = save_user_model(&folder, &model).map_err(|error| error.to_string());
            TaskResult::ModelSaved { model: Box::new(model), source, result }
        });
    }

    /// Makes the autosave describe the session on screen: its unsaved
    /// work, or nothing at all when there is no session or it is all in its
    /// file (saved, just opened, or replaced after "Don't save"). Cheap: one
    /// clone per change (models are shared), never a disk access.
    pub fn autosave(&mut self, session: Option<&Session>) {
        let Some(autosave) = &self.autosave else { return };
        if matches!(self.prompt, Some(Prompt::Recover(_))) || self.close_confirmed {
            // Still on offer for recovery: leave it be. Closing: it was
            // cleared (or, on SIGTERM, written) already.
            return;
        }
        let Some(session) = session.filter(|session| session.is_dirty()) else {
            if self.autosaved.is_some() {
                autosave.clear();
                self.autosaved = None;
            }
            return;
        };
        let key = (session.generation(), session.revision(), session.path().map(Path::to_owned));
        if self.autosaved.as_ref() == Some(&key) {
            return;
        }
        autosave.set_file(key.2.clone());
        autosave.submit(key.1, session.workshop().clone());
        self.autosaved = Some(key);
    }

    /// The workshop was closed or saved: nothing left to recover.
    pub fn clear_autosave(&mut self) {
        if matches!(self.prompt, Some(Prompt::Recover(_))) {
            // Still offered for recovery: kept for the next start.
            return;
        }
        if let Some(autosave) = &self.autosave {
            autosave.clear();
        }
        self.autosaved = None;
    }

    pub fn discard_recovery(&mut self) -> Option<Notice> {
        clear_autosave(&self.paths).err().map(|error| Notice {
            text: format!("The old autosave could not be removed: {error}"),
            is_error: true,
            folder: None,
        })
    }

    pub fn remember_recent(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(crate::storage::MAX_RECENT_FILES);
        self.save_recent();
    }

    pub fn remember_portfolio(&mut self, folder: &Path) {
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
        self.recent_portfolios.retain(|p| *p != folder);
        self.recent_portfolios.insert(0, folder);
        self.recent_portfolios.truncate(crate::storage::MAX_RECENT_FILES);
        self.save_recent();
    }

    fn save_recent(&self) {
        let (paths, recent, portfolios) =
            (self.paths.clone(), self.recent.clone(), self.recent_portfolios.clone());
        // A convenience list: a failed write is not worth a message.
        std::thread::spawn(move || {
            let _ = crate::storage::save_recent(&paths, &recent, &portfolios);
        });
    }

    /// Reads `sources` as the portfolio on a worker, in parallel; a read
    /// still running is stopped and its result ignored.
    pub fn read_portfolio(&mut self, ctx: &egui::Context, sources: Vec<PathBuf>) {
        self.cancel_portfolio();
        self.portfolio_reads += 1;
        let read = self.portfolio_reads;
        let progress = Arc::new(ReadProgress::default());
        self.portfolio_read = Some((read, progress.clone()));
        self.run(ctx, move || {
            let portfolio = crate::storage::read_portfolio(&sources, &progress);
            TaskResult::PortfolioRead {
                read,
                portfolio: Box::new(portfolio),
                cancelled: progress.is_cancelled(),
            }
        });
    }

    /// Stops the read under way; what it read so far still arrives.
    pub fn stop_portfolio(&self) {
        if let Some((_, progress)) = &self.portfolio_read {
            progress.cancel();
        }
    }

    /// Stops the read under way and forgets it: another replaces it.
    fn cancel_portfolio(&mut self) {
        if let Some((_, progress)) = self.portfolio_read.take() {
            progress.cancel();
        }
    }

    /// How the read under way is doing.
    pub fn portfolio_loading(&self) -> Option<super::portfolio::Loading> {
        self.portfolio_read.as_ref().map(|(_, progress)| {
            let (done, total) = progress.counts();
            super::portfolio::Loading { done, total }
        })
    }

    /// Takes a finished read's number: true when it is the read awaited.
    pub fn portfolio_finished(&mut self, read: u64) -> bool {
        if self.portfolio_read.as_ref().is_some_and(|(awaited, _)| *awaited == read) {
            self.portfolio_read = None;
            return true;
        }
        false
    }

    pub fn drift(&self, session: &Session, library: &super::ModelLibrary) -> Option<Prompt> {
        let available: Vec<_> = library.models.iter().map(|m| m.model.clone()).collect();
        let drift = detect_drift(session.workshop(), &available);
        (!drift.is_empty()).then_some(Prompt::Drift(drift))
    }
}

/// Holds `autosave.lock` in the data folder while this copy runs; `None`
/// when another copy holds it (or the folder cannot be written, in which
/// case the autosave reports the problem itself).
fn lock_instance(paths: &AppPaths) -> Option<std::fs::File> {
    std::fs::create_dir_all(&paths.data_dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(paths.data_dir.join("autosave.lock"))
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

fn start_autosave(
    autosave_file: PathBuf,
    options: crate::storage::autosave::AutosaveOptions,
    notices: &mut Vec<Notice>,
) -> Option<Autosaver> {
    match Autosaver::start_with(autosave_file, options) {
        Ok(autosaver) => Some(autosaver),
        Err(error) => {
            notices.push(Notice {
                text: format!("Autosave is off: {error}. Save with Ctrl+S."),
                is_error: true,
                folder: None,
            });
            None
        }
    }
}

/// Without a session bus there is no XDG portal to show a native dialog.
fn native_dialogs_possible() -> bool {
    !cfg!(target_os = "linux") || std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
}

/// From the environment only: this runs in a frame, where no file may be read.
fn home_folder() -> Option<PathBuf> {
    std::env::home_dir()
}

/// A file name for a save dialog: the team's name, tidied.
pub fn suggested_file_name(team: &str, extension: &str) -> String {
    let stem: String = team
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let stem = if stem.is_empty() { "workshop".to_owned() } else { stem.to_lowercase() };
    format!("{stem}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_team() {
        assert_eq!(
            suggested_file_name("Payments Platform", "workshop.ron"),
            "payments-platform.workshop.ron"
        );
        assert_eq!(suggested_file_name("  ", "pdf"), "workshop.pdf");
        assert_eq!(suggested_file_name("Équipe / Ops", "md"), "équipe-ops.md");
    }
}
