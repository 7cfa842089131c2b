//! The app's state and the small set of commands that change it. Screens
//! read the state and return commands; `AppState::execute` is the one place
//! that mutates, so undo and autosave see every change.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::library::ModelLibrary;
use super::portfolio::{PortfolioCommand, PortfolioState};
use super::theme::ThemeChoice;
use crate::workshop::{Edit, EditableWorkshop, Workshop, WorkshopDetails, clock};

/// Remembered between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub zoom: f32,
    pub paper: PdfPaper,
}

impl Default for Settings {
    fn default() -> Self {
        Self { theme: ThemeChoice::Projector, zoom: 1.0, paper: PdfPaper::A4 }
    }
}

pub const MIN_ZOOM: f32 = 0.5;
pub const MAX_ZOOM: f32 = 2.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start,
    Walkthrough,
    Summary,
    Roadmap,
    /// Many workshops side by side: teams, trends, common gaps.
    Portfolio,
}

/// Where the facilitator is in the walk-through.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Navigation {
    pub model: usize,
    pub level: usize,
    /// Index of the focused indicator within the level.
    pub indicator: usize,
    /// The indicator whose note field should take keyboard focus next frame.
    pub focus_note: Option<String>,
    /// Scroll the focused indicator into view next frame.
    pub scroll_to_focus: bool,
    /// The action whose fields are open on the roadmap screen.
    pub editing_action: Option<usize>,
}

/// Names typed one per line or separated by commas.
pub fn split_names(text: &str) -> Vec<String> {
    text.split([',', '\n']).map(str::trim).filter(|name| !name.is_empty()).map(str::to_owned).collect()
}

/// The new-workshop form on the start screen.
#[derive(Clone, Debug, Default)]
pub struct StartForm {
    pub team: String,
    pub facilitator: String,
    /// One name per line or separated by commas.
    pub participants: String,
    pub date: String,
    /// Ids of the models picked for the workshop.
    pub picked: Vec<String>,
}

impl StartForm {
    pub fn participants(&self) -> Vec<String> {
        split_names(&self.participants)
    }

    /// Why the workshop cannot be created yet, if it cannot.
    pub fn blocker(&self) -> Option<&'static str> {
        if self.team.trim().is_empty() {
            Some("Enter the team's name.")
        } else if self.picked.is_empty() {
            Some("Pick at least one model.")
        } else if !self.date.is_empty() && !clock::is_iso_date(self.date.trim()) {
            Some("Write the date as YYYY-MM-DD.")
        } else {
            None
        }
    }
}

/// A message shown in the status strip until dismissed or replaced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// A folder the facilitator may want to open (where an export went).
    pub folder: Option<PathBuf>,
}

/// Paper size for PDF exports, remembered between runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PdfPaper {
    #[default]
    A4,
    Letter,
}

impl PdfPaper {
    pub const ALL: [PdfPaper; 2] = [PdfPaper::A4, PdfPaper::Letter];

    pub fn label(self) -> &'static str {
        match self {
            PdfPaper::A4 => "A4",
            PdfPaper::Letter => "US Letter",
        }
    }

    pub fn paper(self) -> crate::pdf::Paper {
        match self {
            PdfPaper::A4 => crate::pdf::Paper::A4,
            PdfPaper::Letter => crate::pdf::Paper::Letter,
        }
    }
}

/// The open workshop with its undo history.
#[derive(Clone, Debug)]
pub struct Session {
    pub doc: EditableWorkshop,
    pub path: Option<PathBuf>,
    /// The revision last saved to `path`; `None` for work never saved.
    pub saved_revision: Option<u64>,
    /// Tells this session from the one before it: revisions restart at 0.
    pub generation: u64,
}

impl Session {
    /// Has changes that are not in its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.doc.revision())
    }
}

/// Commands that reach the disk; the app runs them as tasks.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCommand {
    Open,
    OpenRecent(PathBuf),
    Save,
    SaveAs,
    OpenModel,
    ExportPdf,
    ExportMarkdown,
    /// Shows a folder in the desktop's file manager.
    OpenFolder(PathBuf),
    /// Close the workshop, asking first about unsaved changes.
    Close,
    Quit,
    /// Answers to the unsaved-changes question.
    SaveThenContinue,
    DiscardThenContinue,
    CancelPrompt,
    Recover,
    DiscardRecovery,
    UpgradeModels,
    KeepModelVersions,
    /// Choose a folder of workshop files and read it as a portfolio.
    OpenPortfolio,
    /// Read this folder (or file) as the portfolio.
    OpenPortfolioAt(PathBuf),
    /// Read the portfolio's folders again (files changed on disk).
    ReloadPortfolio,
    /// Stop a portfolio read that is under way.
    CancelPortfolio,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    File(FileCommand),
    Edit(Edit),
    Undo,
    Redo,
    /// Ends a run of merged text edits (a text field lost focus).
    SealUndo,
    Show(Screen),
    SelectModel(usize),
    SelectLevel(usize),
    FocusIndicator(usize),
    NextIndicator,
    PreviousIndicator,
    NextLevel,
    PreviousLevel,
    OpenNote,
    EditAction(Option<usize>),
    CreateWorkshop,
    OpenSampleWorkshop,
    CloseWorkshop,
    SetTheme(ThemeChoice),
    SetPaper(PdfPaper),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleFullscreen,
    TogglePresenting,
    Notify(Notice),
    DismissNotice,
    Portfolio(PortfolioCommand),
}

pub struct AppState {
    pub settings: Settings,
    pub library: ModelLibrary,
    pub screen: Screen,
    pub nav: Navigation,
    pub session: Option<Session>,
    pub start: StartForm,
    /// Editing chrome hidden: the wall shows only the content.
    pub presenting: bool,
    pub fullscreen: bool,
    pub notice: Option<Notice>,
    /// The workshops read as a portfolio, with the screen's filter.
    pub portfolio: Option<PortfolioState>,
    /// Sessions opened so far, to number the next one.
    generations: u64,
}

impl AppState {
    pub fn new(settings: Settings, library: ModelLibrary) -> Self {
        let start = StartForm { date: clock::today(), ..StartForm::default() };
        Self {
            settings,
            library,
            screen: Screen::Start,
            nav: Navigation::default(),
            session: None,
            start,
            presenting: false,
            fullscreen: false,
            notice: None,
            portfolio: None,
            generations: 0,
        }
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.session.as_ref().map(|session| &session.doc.workshop)
    }

    /// Shows `workshop`; `path` is the file it was read from, whose content
    /// it is, so it starts out clean.
    pub fn open_workshop(&mut self, workshop: Workshop, path: Option<PathBuf>) {
        let saved_revision = path.is_some().then_some(0);
        self.generations += 1;
        let generation = self.generations;
        self.session =
            Some(Session { doc: EditableWorkshop::new(workshop), path, saved_revision, generation });
        self.nav = Navigation { scroll_to_focus: true, ..Navigation::default() };
        self.screen = Screen::Walkthrough;
    }

    fn level_count(&self) -> usize {
        self.workshop().and_then(|w| w.assessments.get(self.nav.model)).map_or(0, |a| a.model.levels.len())
    }

    fn indicator_count(&self, level: usize) -> usize {
        self.workshop()
            .and_then(|w| w.assessments.get(self.nav.model))
            .and_then(|a| a.model.levels.get(level))
            .map_or(0, |l| l.indicators.len())
    }

    fn focused_indicator_id(&self) -> Option<String> {
        let assessment = self.workshop()?.assessments.get(self.nav.model)?;
        let level = assessment.model.levels.get(self.nav.level)?;
        level.indicators.get(self.nav.indicator).map(|ind| ind.id.clone())
    }

    pub fn execute(&mut self, command: Command) {
        match command {
            // The app runs these: they need the disk and the window.
            Command::File(_) => {}
            Command::Edit(edit) => {
                // The action editor follows its action when actions move.
                self.nav.editing_action = match (&edit, self.nav.editing_action) {
                    (Edit::MoveAction { from, to }, Some(editing)) if editing == *from => Some(*to),
                    (Edit::MoveAction { .. } | Edit::RemoveAction(_) | Edit::UpgradeModel { .. }, _) => None,
                    (_, editing) => editing,
                };
                if let Some(session) = &mut self.session {
                    session.doc.apply(edit, &clock::now_rfc3339());
                }
                self.clamp_nav();
            }
            Command::Undo => {
                if let Some(session) = &mut self.session {
                    session.doc.undo();
                }
                self.nav.editing_action = None;
                self.clamp_nav();
            }
            Command::Redo => {
                if let Some(session) = &mut self.session {
                    session.doc.redo();
                }
                self.nav.editing_action = None;
                self.clamp_nav();
            }
            Command::SealUndo => {
                if let Some(session) = &mut self.session {
                    session.doc.seal();
                }
            }
            Command::Show(screen) => {
                if matches!(screen, Screen::Start | Screen::Portfolio) || self.session.is_some() {
                    self.screen = screen;
                    self.nav.scroll_to_focus = true;
                }
            }
            Command::SelectModel(model) => {
                let count = self.workshop().map_or(0, |w| w.assessments.len());
                if model < count {
                    self.nav = Navigation { model, scroll_to_focus: true, ..Navigation::default() };
                    self.screen = Screen::Walkthrough;
                }
            }
            Command::SelectLevel(level) => {
                if level < self.level_count() {
                    self.nav.level = level;
                    self.nav.indicator = 0;
                    self.nav.scroll_to_focus = true;
                }
            }
            Command::FocusIndicator(indicator) => {
                if indicator < self.indicator_count(self.nav.level) {
                    self.nav.indicator = indicator;
                }
            }
            Command::NextIndicator => {
                if self.nav.indicator + 1 < self.indicator_count(self.nav.level) {
                    self.nav.indicator += 1;
                    self.nav.scroll_to_focus = true;
                } else {
                    self.step_level(1);
                }
            }
            Command::PreviousIndicator => {
                if self.nav.indicator > 0 {
                    self.nav.indicator -= 1;
                    self.nav.scroll_to_focus = true;
                } else if self.nav.level > 0 {
                    self.step_level(-1);
                    self.nav.indicator = self.indicator_count(self.nav.level).saturating_sub(1);
                }
            }
            Command::NextLevel => self.step_level(1),
            Command::PreviousLevel => self.step_level(-1),
            Command::OpenNote => {
                self.nav.focus_note = self.focused_indicator_id();
                self.nav.scroll_to_focus = true;
            }
            Command::EditAction(index) => self.nav.editing_action = index,
            Command::CreateWorkshop => self.create_workshop(),
            Command::OpenSampleWorkshop => {
                let sample = crate::workshop::sample::sample_workshop();
                self.open_workshop(sample, None);
                // Nothing to lose until the facilitator changes something.
                if let Some(session) = &mut self.session {
                    session.saved_revision = Some(session.doc.revision());
                }
                self.notice = Some(Notice {
                    text: "Sample workshop opened. It is not saved anywhere until you save it.".into(),
                    is_error: false,
                    folder: None,
                });
            }
            Command::CloseWorkshop => {
                self.session = None;
                self.screen = Screen::Start;
            }
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetPaper(paper) => self.settings.paper = paper,
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom + 0.1).min(MAX_ZOOM),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom - 0.1).max(MIN_ZOOM),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleFullscreen => self.fullscreen = !self.fullscreen,
            Command::TogglePresenting => self.presenting = !self.presenting,
            Command::Notify(notice) => self.notice = Some(notice),
            Command::DismissNotice => self.notice = None,
            Command::Portfolio(command) => {
                if let PortfolioCommand::Loaded(portfolio) = command {
                    let filter = self.portfolio.take().map(|state| state.filter).unwrap_or_default();
                    self.portfolio = Some(PortfolioState::new(portfolio, filter));
                    self.screen = Screen::Portfolio;
                } else if let Some(portfolio) = &mut self.portfolio {
                    portfolio.apply(command);
                }
            }
        }
    }

    /// Keeps the walk-through on a level and an indicator that exist, after
    /// an undo or an upgrade changed the model under it.
    fn clamp_nav(&mut self) {
        let models = self.workshop().map_or(0, |w| w.assessments.len());
        self.nav.model = self.nav.model.min(models.saturating_sub(1));
        self.nav.level = self.nav.level.min(self.level_count().saturating_sub(1));
        self.nav.indicator = self.nav.indicator.min(self.indicator_count(self.nav.level).saturating_sub(1));
        if let Some(editing) = self.nav.editing_action {
            let actions = self.workshop().map_or(0, |w| w.actions.len());
            if editing >= actions {
                self.nav.editing_action = None;
            }
        }
    }

    fn step_level(&mut self, delta: isize) {
        let target = self.nav.level as isize + delta;
        if target >= 0 && (target as usize) < self.level_count() {
            self.nav.level = target as usize;
            self.nav.indicator = 0;
            self.nav.scroll_to_focus = true;
        }
    }

    fn create_workshop(&mut self) {
        if let Some(reason) = self.start.blocker() {
            self.notice = Some(Notice { text: reason.to_owned(), is_error: true, folder: None });
            return;
        }
        let models = self
            .start
            .picked
            .iter()
            .filter_map(|id| self.library.find(id).map(|entry| entry.model.clone()))
            .collect();
        let date = if self.start.date.trim().is_empty() {
            clock::today()
        } else {
            self.start.date.trim().to_owned()
        };
        let details = WorkshopDetails {
            team: self.start.team.trim().to_owned(),
            facilitator: self.start.facilitator.trim().to_owned(),
            participants: self.start.participants(),
            date,
        };
        let workshop = Workshop::new(details, models, &clock::now_rfc3339());
        self.open_workshop(workshop, None);
        self.notice = None;
    }
}
