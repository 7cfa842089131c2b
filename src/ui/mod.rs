//! The desktop app: one module per screen, plus theme and shortcuts. Screens
//! are `fn something_ui(ui, state) -> Vec<Command>`: they draw from the state
//! and hand back commands, which `AppState::execute` applies. File commands
//! go through `WorkshopApp::handle_file`, which runs the disk work as tasks
//! and hands what they bring back to `execute` as commands too. The state's
//! fields are private: one place mutates, so undo and autosave see every
//! change.

mod audience;
mod bidi;
mod chrome;
mod file_chooser;
mod file_commands;
mod files;
mod floor_hint;
pub mod fonts;
mod help;
mod ladder;
mod library;
mod model_preview;
mod portfolio;
mod presenter;
mod prompts;
mod roadmap;
mod shortcuts;
mod source_quote;
mod start;
mod state;
mod summary;
mod tasks;
pub mod theme;
mod voting;
mod voting_flow;
mod walkthrough;
mod widgets;

use std::path::PathBuf;
use std::sync::Arc;

pub use audience::{STATEMENT_SIZE, audience_ui};
pub use library::{LibraryModel, ModelLibrary, Origin};
pub use portfolio::{PortfolioCommand, PortfolioState};
pub use state::{
    AppState, AudienceWindow, Command, FileCommand, Navigation, Notice, OpenedFile, Place, Screen, Session,
    Settings, Step,
};

use crate::storage::AppPaths;
use files::FileFlows;
use tasks::AfterSave;

const SETTINGS_KEY: &str = "maturity-workshop-settings";
/// The desktop entry, icon, file type and AppStream id (see packaging/).
pub const APP_ID: &str = "org.maturity_workshop.MaturityWorkshop";
/// eframe's settings folder: `~/.local/share/maturity-workshop` on Linux.
const SETTINGS_FOLDER: &str = "maturity-workshop";
/// The window's icon where the desktop takes it from the window (X11).
const WINDOW_ICON: &[u8] =
    include_bytes!("../../assets/icons/hicolor/128x128/apps/org.maturity_workshop.MaturityWorkshop.png");

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
    /// The audience window as it was opened; kept while it is open, since
    /// a changed builder would move it back.
    audience_builder: Option<egui::ViewportBuilder>,
    applied_audience_fullscreen: Option<bool>,
    /// The room's vote while it is open (issue 11).
    voting: Option<voting_flow::VotingRun>,
    /// `--vote`: open voting once a workshop is open.
    vote_pending: bool,
    /// `--vote-bind`.
    vote_bind: Option<std::net::SocketAddr>,
    /// Asks for a frame from another thread (the voting server).
    repaint: Option<crate::voting::server::Repaint>,
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
            audience_builder: None,
            applied_audience_fullscreen: None,
            voting: None,
            vote_pending: false,
            vote_bind: None,
            repaint: None,
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
        self.voting_news();
        self.guard_close(&ctx);
        self.sync_viewport(&ctx);
        if self.state.timer().is_running() {
            self.state.execute(Command::TimerTick);
        }
        let key_context = shortcuts::KeyContext {
            screen: self.state.screen(),
            typing: ctx.egui_wants_keyboard_input(),
            blocked: self.is_blocked(),
            has_workshop: self.state.session().is_some(),
            model: self.state.nav().model,
            focused_indicator: walkthrough::focused_indicator_id(&self.state),
            presenting: self.state.presenting(),
            help_open: self.state.help_open(),
            window: shortcuts::KeyWindow::Presenter,
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
        commands.extend(presenter::presenter_strip_ui(ui, &self.state));
        commands.extend(match self.state.screen() {
            _ if self.state.presenting() && self.state.blank() => {
                // Presenting on a single screen: B blanks this window.
                egui::CentralPanel::default()
                    .frame(egui::Frame::new().fill(egui::Color32::BLACK))
                    .show(ui, |_| ());
                Vec::new()
            }
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
        if self.state.help_open() {
            commands.extend(help::help_ui(&ctx));
        }
        // One-shot requests have been seen by this frame's widgets.
        self.state.end_frame();
        self.apply_commands(&ctx, commands);
        // The wall follows at once: drawn after this window's commands, and
        // its own keys' commands applied in the same place.
        let from_the_wall = self.audience_viewport(&ctx);
        if !from_the_wall.is_empty() {
            self.apply_commands(&ctx, from_the_wall);
            // Both windows show the change (immediate viewports repaint
            // with their parent).
            ctx.request_repaint_of(egui::ViewportId::ROOT);
        }
        self.voting_frame();
        self.files.autosave(self.state.session());
        // Commands may have changed what the next frame shows.
        self.sync_viewport(&ctx);
        // A running clock ticks once a second, in both windows; paused, it
        // asks for nothing.
        if let Some(delay) = self.state.timer().until_next_second(self.state.now()) {
            ctx.request_repaint_after(delay);
        }
    }

    /// One frame of the audience window drawn into `ui`, its keys applied
    /// to the state: what the second window runs, for a test harness of
    /// its own (the app runs it in `audience_viewport`).
    pub fn audience_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let commands = audience::audience_ui(ui, &self.state, self.is_blocked());
        self.apply_commands(&ctx, commands);
    }

    /// A question or the file chooser is open: only it takes keys.
    fn is_blocked(&self) -> bool {
        self.files.prompt.is_some() || self.files.chooser.is_some()
    }

    fn apply_commands(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            let dirty = self.state.is_dirty();
            match command {
                Command::File(file_command) => {
                    // Saved, exported or closed: with every second run so far.
                    self.state.execute(Command::FlushTimer);
                    self.handle_file(ctx, file_command);
                }
                // Replacing a workshop with unsaved changes asks first.
                Command::CreateWorkshop if dirty => {
                    self.files.prompt = Some(files::Prompt::UnsavedChanges(AfterSave::NewWorkshop));
                }
                Command::OpenSampleWorkshop if dirty => {
                    self.files.prompt = Some(files::Prompt::UnsavedChanges(AfterSave::OpenSample));
                }
                Command::ToggleVoting => self.toggle_voting(),
                Command::RevealVotes | Command::ClearVotes => {
                    self.voting_command(&command);
                    self.state.execute(command);
                }
                other => self.state.execute(other),
            }
        }
    }

    /// The audience window, while it is open: a second native window (an
    /// immediate viewport, so it borrows the state and hands back
    /// commands). Where the platform cannot open a second window (and in
    /// test harnesses, which have one), there is none.
    fn audience_viewport(&mut self, ctx: &egui::Context) -> Vec<Command> {
        if !self.state.audience_open() {
            self.audience_builder = None;
            self.applied_audience_fullscreen = None;
            return Vec::new();
        }
        if ctx.embed_viewports() {
            return Vec::new();
        }
        let window = self.state.settings().audience_window;
        let builder = self.audience_builder.get_or_insert_with(|| audience::builder(&window)).clone();
        // The builder opened it as remembered; F11 there toggles it after.
        let fullscreen_command = (self.applied_audience_fullscreen.is_some_and(|f| f != window.fullscreen))
            .then_some(window.fullscreen);
        self.applied_audience_fullscreen = Some(window.fullscreen);
        let blocked = self.is_blocked();
        let state = &self.state;
        ctx.show_viewport_immediate(audience::viewport_id(), builder, |ui, _class| {
            if let Some(fullscreen) = fullscreen_command {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Fullscreen(fullscreen));
            }
            let mut commands = audience::audience_ui(ui, state, blocked);
            let (close, remembered) = ui.ctx().input(|input| {
                let info = input.viewport();
                let fullscreen = info.fullscreen.unwrap_or(window.fullscreen);
                let remembered = Command::RememberAudienceWindow {
                    position: info.outer_rect.map(|r| [r.min.x, r.min.y]),
                    size: info.inner_rect.map(|r| [r.width(), r.height()]),
                    fullscreen,
                };
                (info.close_requested(), remembered)
            });
            if let Command::RememberAudienceWindow { position, size, fullscreen } = &remembered {
                let moved = !fullscreen
                    && (position.is_some_and(|p| Some(p) != window.position)
                        || size.is_some_and(|s| Some(s) != window.size));
                if moved || *fullscreen != window.fullscreen && fullscreen_command.is_none() {
                    commands.push(remembered);
                }
            }
            if close {
                commands.push(Command::CloseAudience);
            }
            commands
        })
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
        // Whatever happened, the last change (and the clock's last seconds)
        // reaches the autosave.
        self.state.execute(Command::FlushTimer);
        self.files.autosave(self.state.session());
        if let Some(autosave) = &self.files.autosave
            && let Err(error) = autosave.flush()
        {
            crate::cli::output::err(format_args!("maturity-workshop: {error}"));
        }
    }
}

/// Opens the main window. Models, settings and any recoverable autosave are
/// read here, before the first frame.
/// The room's vote from the command line: `--vote`, `--vote-bind`.
#[derive(Clone, Copy, Debug, Default)]
pub struct VoteOptions {
    pub open: bool,
    pub bind: Option<std::net::SocketAddr>,
}

pub fn run_app(open: Option<PathBuf>, audience: bool, vote: VoteOptions) -> Result<(), eframe::Error> {
    let paths = AppPaths::discover();
    let library = ModelLibrary::load(&paths.models_dir());
    // Parsing the PDF fonts takes tens of milliseconds: do it now, off the
    // window's thread, so the first export is as quick as the rest.
    std::thread::spawn(|| {
        let _ = crate::pdf::fonts::fonts();
    });
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Maturity Workshop")
        // The desktop entry's id (packaging/), so the desktop shows the
        // window with the app's name and icon (Wayland app_id, X11 WM_CLASS).
        .with_app_id(APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 560.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        // eframe names its settings folder after the app id; keep the one
        // settings have always lived in.
        persistence_path: eframe::storage_dir(SETTINGS_FOLDER).map(|dir| dir.join("app.ron")),
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
                // A panic in a frame ends the app: the autosave is written first.
                crate::storage::flush_on_panic(autosave.handle());
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
            if audience {
                state.execute(Command::ToggleAudience);
            }
            let mut app = WorkshopApp::new(state, files);
            let repaint = ctx.clone();
            app.repaint = Some(Arc::new(move || repaint.request_repaint()));
            app.set_vote_bind(vote.bind);
            if vote.open {
                app.open_voting_when_ready();
            }
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
mod audience_tests;
#[cfg(test)]
mod bidi_tests;
#[cfg(test)]
mod file_tests;
#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod portfolio_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod voting_tests;
