//! The desktop app: one module per screen, plus theme and shortcuts. Screens
//! are `fn something_ui(ui, state) -> Vec<Command>`: they draw from the state
//! and hand back commands, which `AppState::execute` applies. File commands
//! go through `WorkshopApp::handle_file`, which runs the disk work as tasks
//! and hands what they bring back to `execute` as commands too. The state's
//! fields are private: one place mutates, so undo and autosave see every
//! change.

mod chrome;
mod file_chooser;
mod file_commands;
mod files;
mod floor_hint;
pub mod fonts;
mod ladder;
mod library;
mod portfolio;
mod prompts;
mod roadmap;
mod shortcuts;
mod source_quote;
mod start;
mod state;
mod summary;
mod tasks;
pub mod theme;
mod walkthrough;
mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

pub use library::{LibraryModel, ModelLibrary, Origin};
pub use portfolio::{PortfolioCommand, PortfolioState};
pub use state::{AppState, Command, FileCommand, Navigation, Notice, OpenedFile, Screen, Session, Settings};

use crate::storage::AppPaths;
use files::FileFlows;
use tasks::AfterSave;

const SETTINGS_KEY: &str = "maturity-workshop-settings";

/// The eframe shell around [`AppState`].
pub struct WorkshopApp {
    pub state: AppState,
    files: FileFlows,
    /// What to do once a "Save as" started by another command finishes.
    pending_after_save: AfterSave,
    applied_theme: Option<theme::ThemeChoice>,
    applied_zoom: Option<f32>,
    applied_fullscreen: bool,
    applied_title: String,
}

impl WorkshopApp {
    fn new(state: AppState, files: FileFlows) -> Self {
        Self {
            state,
            files,
            pending_after_save: AfterSave::Nothing,
            applied_theme: None,
            applied_zoom: None,
            applied_fullscreen: false,
            applied_title: String::new(),
        }
    }

    /// For tests and benchmarks: the bundled models, default settings, no
    /// autosave, no native dialogs, disk work done in place; files the app
    /// keeps for itself (recent list) go to `data_dir`.
    pub fn headless(data_dir: PathBuf) -> Self {
        let state = AppState::new(Settings::default(), ModelLibrary::bundled());
        Self::new(state, FileFlows::headless(AppPaths::at(data_dir)))
    }

    /// Runs a file command as if the facilitator had chosen it (tests; the
    /// app itself gets them from menus and keys).
    pub fn files_command(&mut self, command: FileCommand) {
        let ctx = egui::Context::default();
        self.handle_file(&ctx, command);
    }

    /// Pushes theme, zoom, fullscreen and title to egui only when they change.
    fn sync_viewport(&mut self, ctx: &egui::Context) {
        let settings = self.state.settings();
        if self.applied_theme.is_none() {
            fonts::install(ctx);
        }
        if self.applied_theme != Some(settings.theme) {
            theme::apply(ctx, settings.theme);
            self.applied_theme = Some(settings.theme);
        }
        if self.applied_zoom != Some(settings.zoom) {
            ctx.set_zoom_factor(settings.zoom);
            self.applied_zoom = Some(settings.zoom);
        }
        if self.applied_fullscreen != self.state.fullscreen() {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.state.fullscreen()));
            self.applied_fullscreen = self.state.fullscreen();
        }
        let title = window_title(&self.state);
        if title != self.applied_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.applied_title = title;
        }
    }

    /// Draws one frame and applies what the facilitator did.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.process_tasks(&ctx);
        self.guard_close(&ctx);
        self.sync_viewport(&ctx);
        let key_context = shortcuts::KeyContext {
            screen: self.state.screen(),
            typing: ctx.egui_wants_keyboard_input(),
            blocked: self.files.prompt.is_some() || self.files.chooser.is_some(),
            has_workshop: self.state.session().is_some(),
            model: self.state.nav().model,
            focused_indicator: walkthrough::focused_indicator_id(&self.state),
        };
        let mut commands = shortcuts::read_shortcuts(&ctx, &key_context);
        let save_status = chrome::SaveStatus {
            busy: self.files.tasks.is_busy(),
            // Headless runs (tests, benchmarks) have no autosave by design.
            autosave_ok: self.files.synchronous
                || self.files.autosave.as_ref().is_some_and(|a| a.last_error().is_none()),
            autosave_problem: match &self.files.autosave {
                None => Some("autosave could not start".to_owned()),
                Some(autosave) => autosave.last_error(),
            },
            portfolio_loading: self.files.portfolio_loading().is_some(),
        };
        commands.extend(chrome::top_bar_ui(ui, &self.state, &save_status));
        commands.extend(chrome::notice_ui(ui, &self.state));
        commands.extend(match self.state.screen() {
            Screen::Start => {
                let (form, library) = self.state.start_form();
                start::start_ui(ui, form, library, &self.files.recent, &self.files.recent_portfolios)
            }
            Screen::Walkthrough => walkthrough::walkthrough_ui(ui, &self.state),
            Screen::Summary => summary::summary_ui(ui, &self.state),
            Screen::Roadmap => roadmap::roadmap_ui(ui, &self.state),
            Screen::Portfolio => portfolio::portfolio_ui(ui, &self.state, self.files.portfolio_loading()),
        });
        commands.extend(self.dialogs_ui(&ctx));
        // One-shot requests have been seen by this frame's widgets.
        self.state.end_frame();
        for command in commands {
            let dirty = self.state.is_dirty();
            match command {
                Command::File(file_command) => self.handle_file(&ctx, file_command),
                // Replacing a workshop with unsaved changes asks first.
                Command::CreateWorkshop if dirty => {
                    self.files.prompt = Some(files::Prompt::UnsavedChanges(AfterSave::NewWorkshop));
                }
                Command::OpenSampleWorkshop if dirty => {
                    self.files.prompt = Some(files::Prompt::UnsavedChanges(AfterSave::OpenSample));
                }
                other => self.state.execute(other),
            }
        }
        self.files.autosave(self.state.session());
        // Commands may have changed what the next frame shows.
        self.sync_viewport(&ctx);
    }
}

fn window_title(state: &AppState) -> String {
    match state.session() {
        None => "Maturity Workshop".to_owned(),
        Some(session) => {
            let name = session
                .path()
                .and_then(|path| path.file_name())
                .map_or_else(|| "Untitled workshop".to_owned(), |name| name.to_string_lossy().into_owned());
            let marker = if session.is_dirty() { "*" } else { "" };
            format!("{marker}{name} – {} – Maturity Workshop", session.workshop().details.team)
        }
    }
}

impl eframe::App for WorkshopApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self.state.settings());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Whatever happened, the last change reaches the autosave.
        if let Some(autosave) = &self.files.autosave
            && let Err(error) = autosave.flush()
        {
            crate::cli::output::err(format_args!("maturity-workshop: {error}"));
        }
    }
}

/// Opens the main window. Models, settings and any recoverable autosave are
/// read here, before the first frame.
pub fn run_app(open: Option<PathBuf>) -> Result<(), eframe::Error> {
    let paths = AppPaths::discover();
    let library = ModelLibrary::load(&paths.models_dir());
    // Parsing the PDF fonts takes tens of milliseconds: do it now, off the
    // window's thread, so the first export is as quick as the rest.
    std::thread::spawn(|| {
        let _ = crate::pdf::fonts::fonts();
    });
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Maturity Workshop")
            .with_app_id("maturity-workshop")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([800.0, 560.0]),
        ..Default::default()
    };
    eframe::run_native(
        "maturity-workshop",
        options,
        Box::new(move |creation| {
            let settings = creation
                .storage
                .and_then(|storage| eframe::get_value::<Settings>(storage, SETTINGS_KEY))
                .unwrap_or_default();
            let ctx = creation.egui_ctx.clone();
            // Style before the first frame: egui applies a style from the
            // next pass, and the window appears right after the first one.
            fonts::install(&ctx);
            fonts::load_in_background(&ctx);
            theme::apply(&ctx, settings.theme);
            let repaint = ctx.clone();
            let (files, notices) = FileFlows::start(paths, Some(Arc::new(move || repaint.request_repaint())));
            if let Some(autosave) = &files.autosave {
                // SIGTERM and friends: flush the autosave, then close as Ctrl+Q would.
                let close = ctx.clone();
                let terminating = files.terminating.clone();
                let _ = crate::storage::flush_on_termination(autosave.handle(), move || {
                    terminating.store(true, std::sync::atomic::Ordering::SeqCst);
                    close.send_viewport_cmd(egui::ViewportCommand::Close);
                    close.request_repaint();
                });
            }
            let mut state = AppState::new(settings, library);
            if let Some(notice) = notices.into_iter().last() {
                state.execute(Command::Notify(notice));
            }
            let mut app = WorkshopApp::new(state, files);
            match open {
                // A folder opens as a portfolio of the workshops in it.
                Some(path) if path.is_dir() => {
                    app.state.execute(Command::Show(Screen::Portfolio));
                    app.files.read_portfolio(&ctx, vec![path]);
                }
                Some(path) => app.files.open_workshop(&ctx, path),
                None => {}
            }
            Ok(Box::new(app))
        }),
    )
}

#[cfg(test)]
mod portfolio_tests;
#[cfg(test)]
mod tests;
