//! The app's state and the small set of commands that change it. Screens
//! read the state and return commands; `AppState::execute` is the one place
//! that mutates, so undo and autosave see every change.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::library::ModelLibrary;
use super::portfolio::{PortfolioCommand, PortfolioState};
use super::theme::ThemeChoice;
use crate::model::MaturityModel;
use crate::pdf::Paper;
use crate::storage::autosave::RecoveredWorkshop;
use crate::workshop::clock::{Clock, SystemClock};
use crate::workshop::timebox::{self, TimeStatus};
use crate::workshop::{
    Answer, Edit, EditableWorkshop, LevelOverride, ModelDrift, TimeSlot, Timer, Workshop, WorkshopDetails,
    clock, upgrade_edit,
};

/// Remembered between runs (eframe persistence).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub zoom: f32,
    /// Paper size for PDF exports.
    pub paper: Paper,
    /// Where the audience window was, for the next workshop: a projector
    /// is usually in the same place.
    pub audience_window: AudienceWindow,
    /// The audience window's own zoom: the wall may need larger type than
    /// the laptop.
    pub audience_zoom: f32,
    /// The presenter strip under the screens.
    pub presenter_strip: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::Projector,
            zoom: 1.0,
            paper: Paper::A4,
            audience_window: AudienceWindow::default(),
            audience_zoom: 1.0,
            presenter_strip: true,
        }
    }
}

/// The audience window's place on the desktop, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AudienceWindow {
    pub position: Option<[f32; 2]>,
    pub size: Option<[f32; 2]>,
    pub fullscreen: bool,
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
    /// The workshop's length: minutes, or hours:minutes; blank for none.
    pub time: String,
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
            timebox::parse_planned(&self.time).err()
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

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: false, folder: None }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self { text: text.into(), is_error: true, folder: None }
    }
}

/// The open workshop with its undo history. Its fields are private: only
/// [`AppState::execute`] changes a session, so "saved" and "autosaved" are
/// always judged against what the facilitator sees.
#[derive(Clone, Debug)]
pub struct Session {
    doc: EditableWorkshop,
    path: Option<PathBuf>,
    /// The revision last saved to `path`; `None` for work never saved.
    saved_revision: Option<u64>,
    /// Tells this session from the one before it: revisions restart at 0.
    generation: u64,
}

impl Session {
    pub fn doc(&self) -> &EditableWorkshop {
        &self.doc
    }

    pub fn workshop(&self) -> &Workshop {
        self.doc.workshop()
    }

    /// The file the workshop was read from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn revision(&self) -> u64 {
        self.doc.revision()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

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
    /// Answers to the preview of a model read from a file.
    AddPreviewedModel,
    ReadPreviewedModelAgain,
}

/// A workshop file that was read, for [`Command::OpenFile`].
#[derive(Clone, Debug, PartialEq)]
pub struct OpenedFile {
    pub workshop: Workshop,
    pub path: PathBuf,
    /// The file's format version when it was older than this build's.
    pub migrated_from: Option<u32>,
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
    /// A workshop read from its file: shown clean.
    OpenFile(Box<OpenedFile>),
    /// Work from an autosave: shown unsaved, with the file it belongs to.
    OpenRecovered(Box<RecoveredWorkshop>),
    /// A save of `revision` of session `generation` reached `path`.
    MarkSaved {
        generation: u64,
        revision: u64,
        path: PathBuf,
    },
    /// Upgrade each drifted model, each as one undoable step.
    UpgradeModels(Vec<ModelDrift>),
    /// A model read from a file joins the library and is picked.
    AddModel {
        model: Box<MaturityModel>,
        path: PathBuf,
    },
    CloseWorkshop,
    SetTheme(ThemeChoice),
    SetPaper(Paper),
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ToggleFullscreen,
    TogglePresenting,
    Notify(Notice),
    DismissNotice,
    Portfolio(PortfolioCommand),
    /// Jump to a screen or a model's walk-through (Alt+digit, Alt+S, …).
    GoTo(Place),
    /// Keys on the focused level: make it the target (again: no target),
    /// place the team on it, or accept the suggested level.
    TargetFocusedLevel,
    PlaceTeamOnFocusedLevel,
    AcceptSuggestedLevel,
    /// Start or pause the time-box clock.
    ToggleTimer,
    /// Hands the running timer's time to the level shown (each frame
    /// while it runs; it records at most once a minute).
    TimerTick,
    /// Every second run so far into the workshop, before a save.
    FlushTimer,
    /// Open or close the audience window.
    ToggleAudience,
    /// The audience window's own close button.
    CloseAudience,
    ToggleAudienceFullscreen,
    AudienceZoomIn,
    AudienceZoomOut,
    AudienceZoomReset,
    /// The audience window moved or was resized (points).
    RememberAudienceWindow {
        position: Option<[f32; 2]>,
        size: Option<[f32; 2]>,
        fullscreen: bool,
    },
    /// A blank wall (B), as presentation tools do for a pause.
    ToggleBlank,
    ToggleHelp,
    CloseHelp,
    TogglePresenterStrip,
    /// Open or close the room's vote (the app runs the server).
    ToggleVoting,
    /// Show the focused indicator's votes to everyone.
    RevealVotes,
    /// One more raised hand for an answer on the focused indicator.
    AddHand(Answer),
    /// Forget the focused indicator's spread: the room votes again.
    ClearVotes,
    /// The app opened the voting server, or closed it (`None`).
    VotingStatus(Option<super::voting::VotingStatus>),
    /// What the room did so far, from the voting server.
    VotingTally(crate::voting::Tally),
}

/// A place to go by key: a screen, or a model's walk-through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    Start,
    Model(usize),
    Summary,
    Roadmap,
}

/// Where the walk-through forward (PageDown) and back (PageUp) lead: an
/// indicator, or a screen after or before the levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Indicator {
        model: usize,
        level: usize,
        indicator: usize,
    },
    Screen(Screen),
    /// Nowhere further.
    End,
}

/// Everything the screens draw from. Only `start` (the form being typed)
/// is open to the screens; the rest changes through [`AppState::execute`].
pub struct AppState {
    settings: Settings,
    library: ModelLibrary,
    screen: Screen,
    nav: Navigation,
    session: Option<Session>,
    pub start: StartForm,
    /// Editing chrome hidden: the wall shows only the content.
    presenting: bool,
    fullscreen: bool,
    notice: Option<Notice>,
    /// The workshops read as a portfolio, with the screen's filter.
    portfolio: Option<PortfolioState>,
    /// The time-box clock; runs only when the facilitator starts it.
    timer: Timer,
    clock: Arc<dyn Clock>,
    /// The second window, for the wall.
    audience_open: bool,
    /// The wall shows nothing (B).
    blank: bool,
    /// The key-help overlay (F1 or ?).
    help_open: bool,
    /// Sessions opened so far, to number the next one.
    generations: u64,
    /// The room's vote, while it is open.
    voting: Option<super::voting::VotingStatus>,
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
            timer: Timer::default(),
            clock: Arc::new(SystemClock::default()),
            audience_open: false,
            blank: false,
            help_open: false,
            generations: 0,
            voting: None,
        }
    }

    pub fn workshop(&self) -> Option<&Workshop> {
        self.session.as_ref().map(Session::workshop)
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open session has changes that are not in its file.
    pub fn is_dirty(&self) -> bool {
        self.session.as_ref().is_some_and(Session::is_dirty)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn library(&self) -> &ModelLibrary {
        &self.library
    }

    /// The start screen's form, typed into directly, beside the models
    /// it picks from.
    pub fn start_form(&mut self) -> (&mut StartForm, &ModelLibrary) {
        (&mut self.start, &self.library)
    }

    pub fn screen(&self) -> Screen {
        self.screen
    }

    pub fn nav(&self) -> &Navigation {
        &self.nav
    }

    pub fn presenting(&self) -> bool {
        self.presenting
    }

    pub fn fullscreen(&self) -> bool {
        self.fullscreen
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// The workshops read as a portfolio, when some are.
    pub fn portfolio(&self) -> Option<&PortfolioState> {
        self.portfolio.as_ref()
    }

    pub fn timer(&self) -> &Timer {
        &self.timer
    }

    pub fn audience_open(&self) -> bool {
        self.audience_open
    }

    /// The wall shows nothing (B).
    pub fn blank(&self) -> bool {
        self.blank
    }

    pub fn help_open(&self) -> bool {
        self.help_open
    }

    /// The clock the time-box reads: the machine's, or a test's.
    pub fn set_clock(&mut self, clock: Arc<dyn Clock>) {
        self.clock = clock;
    }

    pub fn now(&self) -> Duration {
        self.clock.elapsed()
    }

    /// Where the time-box clock's seconds go right now: the level on the
    /// screen, or elsewhere (start, summary, roadmap).
    pub fn current_slot(&self) -> TimeSlot {
        let level = (self.screen == Screen::Walkthrough)
            .then(|| {
                let assessment = self.workshop()?.assessments.get(self.nav.model)?;
                let level = assessment.model.levels.get(self.nav.level)?;
                Some(TimeSlot::Level { model_id: assessment.model.id.clone(), level_id: level.id.clone() })
            })
            .flatten();
        level.unwrap_or(TimeSlot::Elsewhere)
    }

    /// The time-box as the screens show it: spent and share of what is on
    /// screen, and the workshop's total. `None` without a workshop.
    pub fn time_status(&self) -> Option<TimeStatus> {
        let workshop = self.workshop()?;
        let slot = self.current_slot();
        let running_here = self.timer.slot() == Some(&slot);
        let unrecorded = if running_here { self.timer.unrecorded(self.now()).as_secs() } else { 0 };
        Some(timebox::status(workshop, &slot, unrecorded, self.timer.is_running()))
    }

    /// Where PageDown leads from here.
    pub fn step_forward(&self) -> Step {
        let Some(workshop) = self.workshop() else { return Step::End };
        let models = &workshop.assessments;
        match self.screen {
            // Paging is for the workshop in the room, not the portfolio.
            Screen::Portfolio => Step::End,
            Screen::Start if models.is_empty() => Step::Screen(Screen::Summary),
            Screen::Start => Step::Indicator {
                model: self.nav.model,
                level: self.nav.level,
                indicator: self.nav.indicator,
            },
            Screen::Summary => Step::Screen(Screen::Roadmap),
            Screen::Roadmap => Step::End,
            Screen::Walkthrough => {
                let Some(model) = models.get(self.nav.model) else { return Step::Screen(Screen::Summary) };
                let count = |level: usize| model.model.levels.get(level).map_or(0, |l| l.indicators.len());
                let (m, l, i) = (self.nav.model, self.nav.level, self.nav.indicator);
                if i + 1 < count(l) {
                    Step::Indicator { model: m, level: l, indicator: i + 1 }
                } else if l + 1 < model.model.levels.len() {
                    Step::Indicator { model: m, level: l + 1, indicator: 0 }
                } else if m + 1 < models.len() {
                    Step::Indicator { model: m + 1, level: 0, indicator: 0 }
                } else {
                    Step::Screen(Screen::Summary)
                }
            }
        }
    }

    /// Where PageUp leads from here.
    pub fn step_back(&self) -> Step {
        let Some(workshop) = self.workshop() else { return Step::End };
        let models = &workshop.assessments;
        let last_of = |model: usize| {
            let levels = &models[model].model.levels;
            let level = levels.len().saturating_sub(1);
            let indicator = levels.get(level).map_or(0, |l| l.indicators.len().saturating_sub(1));
            Step::Indicator { model, level, indicator }
        };
        match self.screen {
            Screen::Start | Screen::Portfolio => Step::End,
            Screen::Roadmap => Step::Screen(Screen::Summary),
            Screen::Summary if models.is_empty() => Step::End,
            Screen::Summary => last_of(models.len() - 1),
            Screen::Walkthrough => {
                let (m, l, i) = (self.nav.model, self.nav.level, self.nav.indicator);
                let Some(model) = models.get(m) else { return Step::End };
                if i > 0 {
                    Step::Indicator { model: m, level: l, indicator: i - 1 }
                } else if l > 0 {
                    let indicator =
                        model.model.levels.get(l - 1).map_or(0, |lv| lv.indicators.len().saturating_sub(1));
                    Step::Indicator { model: m, level: l - 1, indicator }
                } else if m > 0 {
                    last_of(m - 1)
                } else {
                    Step::End
                }
            }
        }
    }

    fn take_step(&mut self, step: Step) {
        match step {
            Step::End => {}
            Step::Screen(screen) => self.apply(Command::Show(screen)),
            Step::Indicator { model, level, indicator } => {
                if model != self.nav.model || self.screen != Screen::Walkthrough {
                    let keep = model == self.nav.model;
                    self.screen = Screen::Walkthrough;
                    if !keep {
                        self.nav = Navigation::default();
                        self.nav.model = model;
                    }
                }
                if level != self.nav.level {
                    self.nav.editing_action = None;
                }
                self.nav.level = level;
                self.nav.indicator = indicator;
                self.nav.scroll_to_focus = true;
            }
        }
    }

    /// The focused level of the walk-through: its model index and level id.
    fn focused_level(&self) -> Option<(usize, String)> {
        if self.screen != Screen::Walkthrough {
            return None;
        }
        let assessment = self.workshop()?.assessments.get(self.nav.model)?;
        let level = assessment.model.levels.get(self.nav.level)?;
        Some((self.nav.model, level.id.clone()))
    }

    /// Hands the running clock's whole seconds to where they were spent
    /// when the facilitator has moved on, or once `every` has run up on one
    /// place (so an autosave holds them), and moves the clock to what is on
    /// screen now.
    fn record_timer(&mut self, every: Duration) {
        let now = self.now();
        let slot = self.current_slot();
        let moved = self.timer.slot().is_some_and(|running| *running != slot);
        if moved || self.timer.unrecorded(now) >= every {
            self.hand_out_time(now, slot);
        }
    }

    fn hand_out_time(&mut self, now: Duration, next: TimeSlot) {
        if let Some((slot, seconds)) = self.timer.take(next, now)
            && let Some(session) = &mut self.session
        {
            session.doc.record_time(&slot, seconds, &clock::now_rfc3339());
        }
    }

    /// Before the workshop is saved, closed or replaced: every second run
    /// so far goes into it.
    fn flush_timer(&mut self) {
        let slot = self.current_slot();
        let now = self.now();
        self.hand_out_time(now, slot);
    }

    /// One-shot requests (focus a note, scroll to the focused indicator)
    /// have been seen by this frame's widgets.
    /// The room's vote, while it is open.
    pub fn voting(&self) -> Option<&super::voting::VotingStatus> {
        self.voting.as_ref()
    }

    pub fn end_frame(&mut self) {
        self.nav.focus_note = None;
        self.nav.scroll_to_focus = false;
    }

    /// Shows `workshop`; `saved` says whether it is the content of `path`
    /// (a file just read) or work not in any file yet.
    fn open_workshop(&mut self, workshop: Workshop, path: Option<PathBuf>, saved: bool) {
        let saved_revision = saved.then_some(0);
        // The previous workshop's time stays with it; a new one opens paused.
        self.flush_timer();
        self.timer = Timer::default();
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

    /// The indicator votes and hands go to: the one on screen in the walk-through.
    fn voting_indicator(&self) -> Option<String> {
        (self.screen == Screen::Walkthrough).then(|| self.focused_indicator_id()).flatten()
    }

    fn focused_indicator_id(&self) -> Option<String> {
        let assessment = self.workshop()?.assessments.get(self.nav.model)?;
        let level = assessment.model.levels.get(self.nav.level)?;
        level.indicators.get(self.nav.indicator).map(|ind| ind.id.clone())
    }

    pub fn execute(&mut self, command: Command) {
        self.apply(command);
        // Whatever moved, the clock's seconds go to where they were spent.
        self.record_timer(Duration::from_secs(60));
    }

    fn apply(&mut self, command: Command) {
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
            Command::NextIndicator => self.take_step(self.step_forward()),
            Command::PreviousIndicator => self.take_step(self.step_back()),
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
                // Nothing to lose until the facilitator changes something.
                self.open_workshop(sample, None, true);
                self.notice =
                    Some(Notice::info("Sample workshop opened. It is not saved anywhere until you save it."));
            }
            Command::OpenFile(opened) => {
                let OpenedFile { workshop, path, migrated_from } = *opened;
                let mut text = format!("Opened {}.", path.display());
                if let Some(version) = migrated_from {
                    text.push_str(&format!(
                        " It was written in format version {version} and will be saved in the current one."
                    ));
                }
                self.open_workshop(workshop, Some(path), true);
                self.notice = Some(Notice::info(text));
            }
            Command::OpenRecovered(found) => {
                let RecoveredWorkshop { workshop, file, .. } = *found;
                self.notice = Some(Notice::info(match &file {
                    Some(file) => {
                        format!("Recovered unsaved work on {}. Save it with Ctrl+S.", file.display())
                    }
                    None => "Recovered an unsaved workshop. Save it with Ctrl+S.".to_owned(),
                }));
                // Recovered work is not in its file yet.
                self.open_workshop(workshop, file, false);
            }
            Command::MarkSaved { generation, revision, path } => {
                if let Some(session) = &mut self.session
                    && session.generation == generation
                {
                    self.notice = Some(Notice::info(format!("Saved to {}.", path.display())));
                    session.path = Some(path);
                    session.saved_revision = Some(revision);
                }
            }
            Command::UpgradeModels(drifts) => self.upgrade_models(&drifts),
            Command::AddModel { model, path } => {
                let (id, title) = (model.id.clone(), model.title.clone());
                self.library.add(*model, super::library::Origin::File(path));
                if !self.start.picked.contains(&id) {
                    self.start.picked.push(id);
                }
                self.notice = Some(Notice::info(format!("Added the model {title}.")));
            }
            Command::CloseWorkshop => {
                self.flush_timer();
                self.timer = Timer::default();
                self.session = None;
                self.nav = Navigation::default();
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
            Command::GoTo(place) => match place {
                Place::Start => self.apply(Command::Show(Screen::Start)),
                Place::Model(model) => self.apply(Command::SelectModel(model)),
                Place::Summary => self.apply(Command::Show(Screen::Summary)),
                Place::Roadmap => self.apply(Command::Show(Screen::Roadmap)),
            },
            Command::TargetFocusedLevel => {
                if let Some((model, level_id)) = self.focused_level() {
                    let is_target = self
                        .workshop()
                        .and_then(|w| w.assessments.get(model))
                        .is_some_and(|a| a.target_level.as_deref() == Some(level_id.as_str()));
                    let level_id = (!is_target).then_some(level_id);
                    self.apply(Command::Edit(Edit::SetTarget { model, level_id }));
                }
            }
            Command::PlaceTeamOnFocusedLevel => {
                if let Some((model, level_id)) = self.focused_level() {
                    let Some(assessment) = self.workshop().and_then(|w| w.assessments.get(model)) else {
                        return;
                    };
                    // On the suggested level, placing the team there is accepting it.
                    let suggested =
                        assessment.model.levels.get(assessment.suggested_level()).map(|l| l.id.clone());
                    let level_override = if suggested.as_deref() == Some(level_id.as_str()) {
                        None
                    } else {
                        let reason = assessment
                            .current_override
                            .as_ref()
                            .map(|o| o.reason.clone())
                            .unwrap_or_default();
                        Some(LevelOverride { level_id, reason })
                    };
                    self.apply(Command::Edit(Edit::SetCurrentOverride { model, level_override }));
                }
            }
            Command::AcceptSuggestedLevel => {
                if let Some((model, _)) = self.focused_level() {
                    self.apply(Command::Edit(Edit::SetCurrentOverride { model, level_override: None }));
                }
            }
            Command::ToggleTimer => {
                let now = self.now();
                if self.timer.is_running() {
                    if let Some((slot, seconds)) = self.timer.pause(now)
                        && let Some(session) = &mut self.session
                    {
                        session.doc.record_time(&slot, seconds, &clock::now_rfc3339());
                    }
                } else if self.session.is_some() {
                    self.timer.start(self.current_slot(), now);
                }
            }
            Command::TimerTick => {}
            Command::FlushTimer => self.flush_timer(),
            Command::ToggleAudience => self.audience_open = !self.audience_open,
            Command::CloseAudience => self.audience_open = false,
            Command::ToggleAudienceFullscreen => {
                let window = &mut self.settings.audience_window;
                window.fullscreen = !window.fullscreen;
            }
            Command::AudienceZoomIn => {
                self.settings.audience_zoom = (self.settings.audience_zoom + 0.1).min(MAX_ZOOM);
            }
            Command::AudienceZoomOut => {
                self.settings.audience_zoom = (self.settings.audience_zoom - 0.1).max(MIN_ZOOM);
            }
            Command::AudienceZoomReset => self.settings.audience_zoom = 1.0,
            Command::RememberAudienceWindow { position, size, fullscreen } => {
                let window = &mut self.settings.audience_window;
                // A full-screen window's place is the screen's: remember the
                // window it came from, to go back to.
                if !fullscreen {
                    window.position = position.or(window.position);
                    window.size = size.or(window.size);
                }
                window.fullscreen = fullscreen;
            }
            Command::ToggleBlank => self.blank = !self.blank,
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::CloseHelp => self.help_open = false,
            Command::TogglePresenterStrip => self.settings.presenter_strip = !self.settings.presenter_strip,
            // The app runs the server: it opens, closes and reveals.
            Command::ToggleVoting | Command::RevealVotes => {}
            Command::AddHand(answer) => {
                if let Some(indicator_id) = self.voting_indicator() {
                    let model = self.nav.model;
                    self.apply(Command::Edit(Edit::AddHand { model, indicator_id, answer }));
                }
            }
            Command::VotingStatus(status) => self.voting = status,
            Command::VotingTally(tally) => {
                if let Some(status) = &mut self.voting {
                    status.tally = tally;
                }
            }
            Command::ClearVotes => {
                if let Some(indicator_id) = self.voting_indicator() {
                    let model = self.nav.model;
                    self.apply(Command::Edit(Edit::ClearVotes { model, indicator_id }));
                }
            }
        }
    }

    fn upgrade_models(&mut self, drifts: &[ModelDrift]) {
        let mut reports = Vec::new();
        for drift in drifts {
            let Some((edit, report)) = self.workshop().and_then(|workshop| upgrade_edit(workshop, drift))
            else {
                continue;
            };
            self.execute(Command::Edit(edit));
            reports.push(report.to_string());
        }
        if !reports.is_empty() {
            self.notice = Some(Notice::info(reports.join(" ")));
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
            self.notice = Some(Notice::error(reason));
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
        let mut workshop = Workshop::new(details, models, &clock::now_rfc3339());
        workshop.timebox.planned_minutes = timebox::parse_planned(&self.start.time).ok().flatten();
        self.open_workshop(workshop, None, false);
        self.notice = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_state() -> AppState {
        let mut state = AppState::new(Settings::default(), ModelLibrary::bundled());
        state.execute(Command::OpenSampleWorkshop);
        state
    }

    #[test]
    fn a_level_past_the_end_after_an_undo_is_pulled_back_onto_the_ladder() {
        let mut state = sample_state();
        state.execute(Command::Edit(Edit::SetGeneralNotes("x".into())));
        state.execute(Command::SelectModel(1));
        state.execute(Command::SelectLevel(8));
        state.nav.level = 42;
        state.execute(Command::Undo);
        assert_eq!(state.nav().level, 8);
    }

    #[test]
    fn a_save_marks_only_the_session_it_wrote() {
        let mut state = sample_state();
        state.execute(Command::Edit(Edit::SetGeneralNotes("x".into())));
        let session = state.session().unwrap();
        let (generation, revision) = (session.generation(), session.revision());
        assert!(state.is_dirty());
        // A save of the session before this one changes nothing here.
        state.execute(Command::MarkSaved { generation: generation - 1, revision, path: "old".into() });
        assert!(state.is_dirty());
        state.execute(Command::MarkSaved { generation, revision, path: "a.workshop.ron".into() });
        assert!(!state.is_dirty());
        assert_eq!(state.session().unwrap().path(), Some(Path::new("a.workshop.ron")));
        assert_eq!(state.notice().unwrap().text, "Saved to a.workshop.ron.");
    }

    #[test]
    fn recovered_work_is_unsaved_and_says_where_it_belongs() {
        let mut state = sample_state();
        let found = RecoveredWorkshop {
            workshop: crate::workshop::sample::sample_workshop(),
            file: Some("team.workshop.ron".into()),
            autosaved_at: None,
            migrated_from: None,
        };
        state.execute(Command::OpenRecovered(Box::new(found)));
        assert!(state.is_dirty());
        assert_eq!(state.session().unwrap().path(), Some(Path::new("team.workshop.ron")));
        assert!(state.notice().unwrap().text.contains("team.workshop.ron"));
        state.execute(Command::CloseWorkshop);
        assert!(state.session().is_none());
        assert_eq!(state.screen(), Screen::Start);
    }

    #[test]
    fn the_running_clock_records_on_moving_on_and_once_a_minute_and_a_new_workshop_opens_paused() {
        use crate::workshop::clock::ManualClock;
        let mut state = sample_state();
        let clock = Arc::new(ManualClock::default());
        state.set_clock(clock.clone());
        let (model, level) = {
            let a = &state.workshop().unwrap().assessments[0];
            (a.model.id.clone(), a.model.levels[0].id.clone())
        };
        let before = state.workshop().unwrap().timebox.spent_on(&model, &level);
        state.execute(Command::ToggleTimer);
        let revision = state.session().unwrap().revision();
        clock.advance(Duration::from_secs(59));
        state.execute(Command::TimerTick);
        assert_eq!(state.session().unwrap().revision(), revision, "under a minute: nothing recorded yet");
        assert_eq!(state.time_status().unwrap().spent, before + 59, "but shown");
        clock.advance(Duration::from_secs(2));
        state.execute(Command::TimerTick);
        assert_eq!(state.workshop().unwrap().timebox.spent_on(&model, &level), before + 61);
        // The summary is not a level: its time goes elsewhere.
        let elsewhere = state.workshop().unwrap().timebox.spent_elsewhere;
        clock.advance(Duration::from_secs(5));
        state.execute(Command::Show(Screen::Summary));
        assert_eq!(state.workshop().unwrap().timebox.spent_on(&model, &level), before + 66);
        clock.advance(Duration::from_secs(7));
        state.execute(Command::FlushTimer);
        assert_eq!(state.workshop().unwrap().timebox.spent_elsewhere, elsewhere + 7);
        // Another workshop: the clock stops, this one keeps its time.
        state.execute(Command::OpenSampleWorkshop);
        assert!(!state.timer().is_running());
        assert_eq!(state.workshop().unwrap().timebox, crate::workshop::sample::sample_workshop().timebox);
    }
}
