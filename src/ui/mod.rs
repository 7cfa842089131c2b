//! The desktop app: one module per screen, plus theme and shortcuts. Screens
//! are `fn something_ui(ui, state) -> Vec<Command>`-shaped: they draw from the
//! state and hand back commands, which `AppState::execute` applies.

mod chrome;
mod ladder;
mod library;
mod shortcuts;
mod start;
mod state;
mod summary;
pub mod theme;
mod walkthrough;
mod widgets;

pub use library::{LibraryModel, ModelLibrary, Origin};
pub use state::{AppState, Command, Navigation, Screen, Settings};

use crate::storage::AppPaths;

const SETTINGS_KEY: &str = "maturity-workshop-settings";

/// The eframe shell around [`AppState`].
pub struct WorkshopApp {
    pub state: AppState,
    applied_theme: Option<theme::ThemeChoice>,
    applied_zoom: Option<f32>,
    applied_fullscreen: bool,
    applied_title: String,
}

impl WorkshopApp {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            applied_theme: None,
            applied_zoom: None,
            applied_fullscreen: false,
            applied_title: String::new(),
        }
    }

    /// For tests and benchmarks: the bundled models, default settings.
    pub fn with_bundled_models() -> Self {
        Self::new(AppState::new(Settings::default(), ModelLibrary::bundled()))
    }

    /// Pushes theme, zoom, fullscreen and title to egui only when they change.
    fn sync_viewport(&mut self, ctx: &egui::Context) {
        let settings = &self.state.settings;
        if self.applied_theme != Some(settings.theme) {
            theme::apply(ctx, settings.theme);
            self.applied_theme = Some(settings.theme);
        }
        if self.applied_zoom != Some(settings.zoom) {
            ctx.set_zoom_factor(settings.zoom);
            self.applied_zoom = Some(settings.zoom);
        }
        if self.applied_fullscreen != self.state.fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.state.fullscreen));
            self.applied_fullscreen = self.state.fullscreen;
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
        self.sync_viewport(&ctx);
        let key_context = shortcuts::KeyContext {
            screen: self.state.screen,
            typing: ctx.egui_wants_keyboard_input(),
            model: self.state.nav.model,
            focused_indicator: walkthrough::focused_indicator_id(&self.state),
        };
        let mut commands = shortcuts::read_shortcuts(&ctx, &key_context);
        commands.extend(chrome::top_bar_ui(ui, &self.state));
        commands.extend(chrome::notice_ui(ui, &self.state));
        commands.extend(match self.state.screen {
            Screen::Start => start::start_ui(ui, &mut self.state.start, &self.state.library),
            Screen::Walkthrough => walkthrough::walkthrough_ui(ui, &self.state),
            Screen::Summary => summary::summary_ui(ui, &self.state),
        });
        // One-shot requests have been seen by this frame's widgets.
        self.state.nav.focus_note = None;
        self.state.nav.scroll_to_focus = false;
        for command in commands {
            self.state.execute(command);
        }
        // Commands may have changed what the next frame shows.
        self.sync_viewport(&ctx);
    }
}

fn window_title(state: &AppState) -> String {
    match &state.session {
        None => "Maturity Workshop".to_owned(),
        Some(session) => {
            let name = session
                .path
                .as_ref()
                .and_then(|path| path.file_name())
                .map_or_else(|| "Untitled workshop".to_owned(), |name| name.to_string_lossy().into_owned());
            format!("{name} – {} – Maturity Workshop", session.doc.workshop.details.team)
        }
    }
}

impl eframe::App for WorkshopApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.state.settings);
    }
}

/// Opens the main window. Models are loaded here, before the first frame.
pub fn run_app() -> Result<(), eframe::Error> {
    let paths = AppPaths::discover();
    let library = ModelLibrary::load(&paths.models_dir());
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
            Ok(Box::new(WorkshopApp::new(AppState::new(settings, library))))
        }),
    )
}
