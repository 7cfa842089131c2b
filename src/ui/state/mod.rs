//! The app's state and the small set of commands that change it. Screens
//! read the state and return commands; `AppState::execute` is the one place
//! that mutates, so undo and autosave see every change.
//!
//! Here the state and what the screens read of it; beside it the commands
//! (`command`), carrying them out (`execute`), moving through the
//! walk-through (`navigation`), the time-box clock (`timer`), the settings
//! kept between runs and the start screen's form. The state's fields are
//! private to this module: the screens only read them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::library::ModelLibrary;
use super::portfolio::PortfolioState;
use crate::workshop::clock::{Clock, SystemClock};
use crate::workshop::{EditableWorkshop, Timer, Workshop, clock};

mod command;
mod execute;
mod navigation;
mod settings;
mod start_form;
mod timer;

pub use command::{Command, FileCommand, OpenedFile, Place, Step};
pub use navigation::Navigation;
pub use settings::{AudienceWindow, MAX_ZOOM, MIN_ZOOM, Settings};
pub use start_form::{StartForm, split_names};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Start,
    Walkthrough,
    Summary,
    Roadmap,
    /// Many workshops side by side: teams, trends, common gaps.
    Portfolio,
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
    voting: Option<crate::ui::voting::VotingStatus>,
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

    /// The room's vote, while it is open.
    pub fn voting(&self) -> Option<&crate::ui::voting::VotingStatus> {
        self.voting.as_ref()
    }

    /// One-shot requests (focus a note, scroll to the focused indicator)
    /// have been seen by this frame's widgets.
    pub fn end_frame(&mut self) {
        self.nav.focus_note = None;
        self.nav.scroll_to_focus = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::autosave::RecoveredWorkshop;
    use crate::workshop::Edit;

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
