//! Carrying out a command: the one place the state changes, so undo,
//! autosave and the time-box see every change.

use std::path::PathBuf;
use std::time::Duration;

use super::{AppState, Command, MAX_ZOOM, MIN_ZOOM, Navigation, Notice, OpenedFile, Place, Screen, Session};
use crate::model::MaturityModel;
use crate::storage::autosave::RecoveredWorkshop;
use crate::ui::portfolio::{PortfolioCommand, PortfolioState};
use crate::workshop::timebox;
use crate::workshop::{
    Answer, Edit, EditableWorkshop, LevelOverride, ModelDrift, Timer, Workshop, WorkshopDetails, clock,
    upgrade_edit,
};

impl AppState {
    pub fn execute(&mut self, command: Command) {
        self.apply(command);
        // Whatever moved, the clock's seconds go to where they were spent.
        self.record_timer(Duration::from_secs(60));
    }

    pub(super) fn apply(&mut self, command: Command) {
        match command {
            // The app runs these: they need the disk and the window.
            Command::File(_) => {}
            Command::Edit(edit) => self.apply_edit(edit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::SealUndo => {
                if let Some(session) = &mut self.session {
                    session.doc.seal();
                }
            }
            Command::Show(screen) => self.show(screen),
            Command::SelectModel(model) => self.select_model(model),
            Command::SelectLevel(level) => self.select_level(level),
            Command::FocusIndicator(indicator) => self.focus_indicator(indicator),
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
            Command::OpenSampleWorkshop => self.open_sample(),
            Command::OpenFile(opened) => self.open_file(*opened),
            Command::OpenRecovered(found) => self.open_recovered(*found),
            Command::MarkSaved { generation, revision, path } => self.mark_saved(generation, revision, path),
            Command::UpgradeModels(drifts) => self.upgrade_models(&drifts),
            Command::AddModel { model, path } => self.add_model(*model, path),
            Command::CloseWorkshop => self.close_workshop(),
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetPaper(paper) => self.settings.paper = paper,
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom + 0.1).min(MAX_ZOOM),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom - 0.1).max(MIN_ZOOM),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::ToggleFullscreen => self.fullscreen = !self.fullscreen,
            Command::TogglePresenting => self.presenting = !self.presenting,
            Command::Notify(notice) => self.notice = Some(notice),
            Command::DismissNotice => self.notice = None,
            Command::Portfolio(command) => self.apply_portfolio(command),
            Command::GoTo(place) => match place {
                Place::Start => self.apply(Command::Show(Screen::Start)),
                Place::Model(model) => self.apply(Command::SelectModel(model)),
                Place::Summary => self.apply(Command::Show(Screen::Summary)),
                Place::Roadmap => self.apply(Command::Show(Screen::Roadmap)),
            },
            Command::TargetFocusedLevel => self.target_focused_level(),
            Command::PlaceTeamOnFocusedLevel => self.place_team_on_focused_level(),
            Command::AcceptSuggestedLevel => {
                if let Some((model, _)) = self.focused_level() {
                    self.apply(Command::Edit(Edit::SetCurrentOverride { model, level_override: None }));
                }
            }
            Command::ToggleTimer => self.toggle_timer(),
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
                self.remember_audience_window(position, size, fullscreen)
            }
            Command::ToggleBlank => self.blank = !self.blank,
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::CloseHelp => self.help_open = false,
            Command::TogglePresenterStrip => self.settings.presenter_strip = !self.settings.presenter_strip,
            // The app runs the server: it opens, closes and reveals.
            Command::ToggleVoting | Command::RevealVotes => {}
            Command::AddHand(answer) => self.add_hand(answer),
            Command::VotingStatus(status) => self.voting = status,
            Command::VotingTally(tally) => {
                if let Some(status) = &mut self.voting {
                    status.tally = tally;
                }
            }
            Command::ClearVotes => self.clear_votes(),
        }
    }

    fn apply_edit(&mut self, edit: Edit) {
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

    fn undo(&mut self) {
        if let Some(session) = &mut self.session {
            session.doc.undo();
        }
        self.nav.editing_action = None;
        self.clamp_nav();
    }

    fn redo(&mut self) {
        if let Some(session) = &mut self.session {
            session.doc.redo();
        }
        self.nav.editing_action = None;
        self.clamp_nav();
    }

    fn open_sample(&mut self) {
        let sample = crate::workshop::sample::sample_workshop();
        // Nothing to lose until the facilitator changes something.
        self.open_workshop(sample, None, true);
        self.notice =
            Some(Notice::info("Sample workshop opened. It is not saved anywhere until you save it."));
    }

    fn open_file(&mut self, opened: OpenedFile) {
        let OpenedFile { workshop, path, migrated_from } = opened;
        let mut text = format!("Opened {}.", path.display());
        if let Some(version) = migrated_from {
            text.push_str(&format!(
                " It was written in format version {version} and will be saved in the current one."
            ));
        }
        self.open_workshop(workshop, Some(path), true);
        self.notice = Some(Notice::info(text));
    }

    fn open_recovered(&mut self, found: RecoveredWorkshop) {
        let RecoveredWorkshop { workshop, file, .. } = found;
        self.notice = Some(Notice::info(match &file {
            Some(file) => {
                format!("Recovered unsaved work on {}. Save it with Ctrl+S.", file.display())
            }
            None => "Recovered an unsaved workshop. Save it with Ctrl+S.".to_owned(),
        }));
        // Recovered work is not in its file yet.
        self.open_workshop(workshop, file, false);
    }

    /// Only the session that was saved is marked: a save can finish after
    /// the workshop was closed or another opened.
    fn mark_saved(&mut self, generation: u64, revision: u64, path: PathBuf) {
        if let Some(session) = &mut self.session
            && session.generation == generation
        {
            self.notice = Some(Notice::info(format!("Saved to {}.", path.display())));
            session.path = Some(path);
            session.saved_revision = Some(revision);
        }
    }

    fn add_model(&mut self, model: MaturityModel, path: PathBuf) {
        let (id, title) = (model.id.clone(), model.title.clone());
        self.library.add(model, crate::ui::library::Origin::File(path));
        if !self.start.picked.contains(&id) {
            self.start.picked.push(id);
        }
        self.notice = Some(Notice::info(format!("Added the model {title}.")));
    }

    fn close_workshop(&mut self) {
        self.flush_timer();
        self.timer = Timer::default();
        self.session = None;
        self.nav = Navigation::default();
        self.screen = Screen::Start;
    }

    fn apply_portfolio(&mut self, command: PortfolioCommand) {
        if let PortfolioCommand::Loaded(portfolio) = command {
            let filter = self.portfolio.take().map(|state| state.filter).unwrap_or_default();
            self.portfolio = Some(PortfolioState::new(portfolio, filter));
            self.screen = Screen::Portfolio;
        } else if let Some(portfolio) = &mut self.portfolio {
            portfolio.apply(command);
        }
    }

    /// The focused level becomes the target; when it already is, there is
    /// no target.
    fn target_focused_level(&mut self) {
        if let Some((model, level_id)) = self.focused_level() {
            let is_target = self
                .workshop()
                .and_then(|w| w.assessments.get(model))
                .is_some_and(|a| a.target_level.as_deref() == Some(level_id.as_str()));
            let level_id = (!is_target).then_some(level_id);
            self.apply(Command::Edit(Edit::SetTarget { model, level_id }));
        }
    }

    fn place_team_on_focused_level(&mut self) {
        if let Some((model, level_id)) = self.focused_level() {
            let Some(assessment) = self.workshop().and_then(|w| w.assessments.get(model)) else {
                return;
            };
            // On the suggested level, placing the team there is accepting it.
            let suggested = assessment.model.levels.get(assessment.suggested_level()).map(|l| l.id.clone());
            let level_override = if suggested.as_deref() == Some(level_id.as_str()) {
                None
            } else {
                let reason =
                    assessment.current_override.as_ref().map(|o| o.reason.clone()).unwrap_or_default();
                Some(LevelOverride { level_id, reason })
            };
            self.apply(Command::Edit(Edit::SetCurrentOverride { model, level_override }));
        }
    }

    fn remember_audience_window(
        &mut self,
        position: Option<[f32; 2]>,
        size: Option<[f32; 2]>,
        fullscreen: bool,
    ) {
        let window = &mut self.settings.audience_window;
        // A full-screen window's place is the screen's: remember the
        // window it came from, to go back to.
        if !fullscreen {
            window.position = position.or(window.position);
            window.size = size.or(window.size);
        }
        window.fullscreen = fullscreen;
    }

    fn add_hand(&mut self, answer: Answer) {
        if let Some(indicator_id) = self.voting_indicator() {
            let model = self.nav.model;
            self.apply(Command::Edit(Edit::AddHand { model, indicator_id, answer }));
        }
    }

    fn clear_votes(&mut self) {
        if let Some(indicator_id) = self.voting_indicator() {
            let model = self.nav.model;
            self.apply(Command::Edit(Edit::ClearVotes { model, indicator_id }));
        }
    }

    /// Shows `workshop`; `saved` says whether it is the content of `path`
    /// (a file just read) or work not in any file yet.
    pub(super) fn open_workshop(&mut self, workshop: Workshop, path: Option<PathBuf>, saved: bool) {
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

    pub(super) fn upgrade_models(&mut self, drifts: &[ModelDrift]) {
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

    pub(super) fn create_workshop(&mut self) {
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
