//! Work that must not happen inside a frame (file dialogs, reading,
//! writing, exporting) runs on a worker thread; its result comes back
//! through a channel and wakes the window.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use crate::model::MaturityModel;
use crate::problem::Problems;
use crate::storage::ModelFile;
use crate::workshop::file::LoadedWorkshop;

/// What a file is being chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    OpenWorkshop,
    SaveWorkshopAs,
    OpenModel,
    ExportPdf,
    ExportMarkdown,
    /// A folder of workshop files, read as a portfolio.
    OpenPortfolio,
}

impl Purpose {
    /// Chooses a folder, not a file.
    pub fn picks_folder(self) -> bool {
        self == Purpose::OpenPortfolio
    }

    pub fn is_save(self) -> bool {
        matches!(self, Purpose::SaveWorkshopAs | Purpose::ExportPdf | Purpose::ExportMarkdown)
    }

    pub fn title(self) -> &'static str {
        match self {
            Purpose::OpenWorkshop => "Open workshop",
            Purpose::SaveWorkshopAs => "Save workshop as",
            Purpose::OpenModel => "Open maturity model",
            Purpose::ExportPdf => "Export PDF roadmap",
            Purpose::ExportMarkdown => "Export Markdown roadmap",
            Purpose::OpenPortfolio => "Open portfolio folder",
        }
    }

    /// The file name ending this purpose expects.
    pub fn extension(self) -> &'static str {
        match self {
            Purpose::OpenWorkshop | Purpose::SaveWorkshopAs | Purpose::OpenPortfolio => {
                crate::workshop::file::WORKSHOP_EXTENSION
            }
            Purpose::OpenModel => "ron",
            Purpose::ExportPdf => "pdf",
            Purpose::ExportMarkdown => "md",
        }
    }

    /// The endings of the files this purpose can open: a model may be a
    /// RON file or a Markdown document.
    pub fn endings(self) -> Vec<String> {
        match self {
            Purpose::OpenModel => std::iter::once("ron")
                .chain(crate::model_md::MARKDOWN_EXTENSIONS)
                .map(|ext| format!(".{ext}"))
                .collect(),
            _ => vec![format!(".{}", self.extension())],
        }
    }

    /// Adds the expected ending to a save path that lacks it.
    pub fn with_extension(self, path: PathBuf) -> PathBuf {
        let ending = format!(".{}", self.extension());
        if !self.is_save() || path.to_string_lossy().ends_with(&ending) {
            return path;
        }
        let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(&ending);
        path.with_file_name(name)
    }
}

/// What happens once a save has finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AfterSave {
    Nothing,
    CloseWorkshop,
    OpenAnother,
    QuitApp,
    /// Start the workshop filled in on the start screen.
    NewWorkshop,
    OpenSample,
}

pub enum TaskResult {
    /// A native dialog closed. `elapsed` tells a cancel from a dialog that
    /// never appeared (no portal): nobody cancels in a few milliseconds.
    Picked {
        purpose: Purpose,
        path: Option<PathBuf>,
        elapsed: Duration,
    },
    Opened {
        path: PathBuf,
        result: Result<LoadedWorkshop, Problems>,
    },
    Saved {
        path: PathBuf,
        /// The session and revision that were written.
        generation: u64,
        revision: u64,
        result: Result<(), String>,
        then: AfterSave,
    },
    /// A model file or Markdown document was read, to preview before adding.
    ModelRead {
        path: PathBuf,
        result: Result<ModelFile, Problems>,
    },
    /// A model to add was saved in the user models folder (or could not be).
    ModelSaved {
        model: Box<MaturityModel>,
        /// The file it was read from, which serves if saving failed.
        source: PathBuf,
        result: Result<PathBuf, String>,
    },
    Exported {
        path: PathBuf,
        /// The size written, and what the facilitator should know about
        /// the document (characters no font could draw).
        result: Result<(usize, Option<String>), String>,
    },
    Listed {
        folder: PathBuf,
        result: Result<Vec<FolderEntry>, String>,
    },
    /// A portfolio read finished (or was stopped).
    PortfolioRead {
        /// Which read: a newer one replaces an older one still running.
        read: u64,
        portfolio: Box<crate::portfolio::Portfolio>,
        cancelled: bool,
    },
    /// The work panicked; the message is for the facilitator.
    Failed {
        dialog: bool,
        message: String,
    },
}

impl TaskResult {
    /// Came from a native dialog, which waits on the facilitator rather
    /// than working.
    fn is_dialog(&self) -> bool {
        matches!(self, TaskResult::Picked { .. } | TaskResult::Failed { dialog: true, .. })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FolderEntry {
    pub name: String,
    pub is_dir: bool,
}

pub struct Tasks {
    sender: Sender<TaskResult>,
    receiver: Receiver<TaskResult>,
    /// Reading, writing, exporting: shown as "Working…".
    running: usize,
    /// Native dialogs waiting on the facilitator: nothing to animate.
    dialogs: usize,
}

impl Default for Tasks {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self { sender, receiver, running: 0, dialogs: 0 }
    }
}

/// Runs `work`, turning a panic into a result, so a task that fails is
/// reported rather than left "working" forever.
fn guarded(dialog: bool, work: impl FnOnce() -> TaskResult) -> TaskResult {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".to_owned());
        TaskResult::Failed { dialog, message }
    })
}

impl Tasks {
    /// Runs `work` on its own thread; the window repaints when it is done.
    pub fn spawn(&mut self, ctx: &egui::Context, work: impl FnOnce() -> TaskResult + Send + 'static) {
        self.start(ctx, false, work);
    }

    /// Like [`Self::spawn`], for a native file dialog.
    pub fn spawn_dialog(&mut self, ctx: &egui::Context, work: impl FnOnce() -> TaskResult + Send + 'static) {
        self.start(ctx, true, work);
    }

    fn start(
        &mut self,
        ctx: &egui::Context,
        dialog: bool,
        work: impl FnOnce() -> TaskResult + Send + 'static,
    ) {
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let counter = if dialog { &mut self.dialogs } else { &mut self.running };
        *counter += 1;
        let spawned = std::thread::Builder::new().name("task".into()).spawn(move || {
            let _ = sender.send(guarded(dialog, work));
            ctx.request_repaint();
        });
        if spawned.is_err() {
            *counter -= 1;
        }
    }

    /// Runs `work` on the calling thread (tests, where there is no window to
    /// wake and results must be in before the next assertion).
    pub fn run_here(&mut self, work: impl FnOnce() -> TaskResult) {
        self.running += 1;
        let _ = self.sender.send(guarded(false, work));
    }

    pub fn is_busy(&self) -> bool {
        self.running > 0
    }

    /// Results that have arrived since the last call.
    pub fn finished(&mut self) -> Vec<TaskResult> {
        let results: Vec<TaskResult> = self.receiver.try_iter().collect();
        for result in &results {
            let counter = if result.is_dialog() { &mut self.dialogs } else { &mut self.running };
            *counter = counter.saturating_sub(1);
        }
        results
    }
}

/// Shows the native file dialog (blocking: call it on a task thread).
pub fn native_dialog(purpose: Purpose, folder: Option<PathBuf>, file_name: Option<String>) -> TaskResult {
    let started = Instant::now();
    let mut dialog = rfd::FileDialog::new().set_title(purpose.title());
    // The dialog filters on the last part of each ending.
    let extensions: Vec<String> =
        purpose.endings().iter().filter_map(|ending| ending.rsplit('.').next().map(str::to_owned)).collect();
    if !purpose.picks_folder() {
        dialog = dialog.add_filter(purpose.title(), &extensions);
    }
    if let Some(folder) = folder {
        dialog = dialog.set_directory(folder);
    }
    if let Some(name) = file_name {
        dialog = dialog.set_file_name(name);
    }
    let path = if purpose.picks_folder() {
        dialog.pick_folder()
    } else if purpose.is_save() {
        dialog.save_file()
    } else {
        dialog.pick_file()
    };
    TaskResult::Picked { purpose, path, elapsed: started.elapsed() }
}

/// Lists a folder for the in-app chooser: folders first, then the files
/// the purpose can use; hidden entries left out.
pub fn list_folder(folder: PathBuf, purpose: Purpose) -> TaskResult {
    let endings = purpose.endings();
    let result = std::fs::read_dir(&folder).map_err(|error| error.to_string()).map(|entries| {
        let mut listed: Vec<FolderEntry> = entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                let lower = name.to_lowercase();
                let wanted = is_dir || endings.iter().any(|ending| lower.ends_with(ending.as_str()));
                (!name.starts_with('.') && wanted).then_some(FolderEntry { name, is_dir })
            })
            .collect();
        listed.sort_by(|a, b| {
            b.is_dir.cmp(&a.is_dir).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        listed
    });
    TaskResult::Listed { folder, result }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_paths_get_their_ending() {
        let path = Purpose::SaveWorkshopAs.with_extension(PathBuf::from("/tmp/team"));
        assert_eq!(path, PathBuf::from("/tmp/team.workshop.ron"));
        let path = Purpose::SaveWorkshopAs.with_extension(PathBuf::from("/tmp/team.workshop.ron"));
        assert_eq!(path, PathBuf::from("/tmp/team.workshop.ron"));
        assert_eq!(Purpose::ExportPdf.with_extension(PathBuf::from("r")), PathBuf::from("r.pdf"));
        assert_eq!(Purpose::OpenModel.with_extension(PathBuf::from("m")), PathBuf::from("m"));
    }

    #[test]
    fn listing_shows_folders_then_matching_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.workshop.ron"), "").unwrap();
        std::fs::write(dir.path().join("a.txt"), "").unwrap();
        std::fs::write(dir.path().join(".hidden.workshop.ron"), "").unwrap();
        let TaskResult::Listed { result: Ok(entries), .. } =
            list_folder(dir.path().to_owned(), Purpose::OpenWorkshop)
        else {
            panic!("listing failed");
        };
        let names: Vec<_> = entries.iter().map(|e| (e.name.as_str(), e.is_dir)).collect();
        assert_eq!(names, [("sub", true), ("b.workshop.ron", false)]);
    }

    #[test]
    fn models_are_chosen_from_ron_and_markdown_files() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.ron", "b.md", "c.MARKDOWN", "d.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        let TaskResult::Listed { result: Ok(entries), .. } =
            list_folder(dir.path().to_owned(), Purpose::OpenModel)
        else {
            panic!("listing failed");
        };
        let names: Vec<_> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.ron", "b.md", "c.MARKDOWN"]);
    }
}
