//! Moving through the walk-through: where the facilitator is, where
//! PageDown and PageUp lead, and keeping the place on the ladder when the
//! model under it changes. What moves is `pub(super)`: reached only
//! through `AppState::execute`.

use super::{AppState, Command, Screen, Step};

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

impl AppState {
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

    pub(super) fn take_step(&mut self, step: Step) {
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
    pub(super) fn focused_level(&self) -> Option<(usize, String)> {
        if self.screen != Screen::Walkthrough {
            return None;
        }
        let assessment = self.workshop()?.assessments.get(self.nav.model)?;
        let level = assessment.model.levels.get(self.nav.level)?;
        Some((self.nav.model, level.id.clone()))
    }

    pub(super) fn level_count(&self) -> usize {
        self.workshop().and_then(|w| w.assessments.get(self.nav.model)).map_or(0, |a| a.model.levels.len())
    }

    pub(super) fn indicator_count(&self, level: usize) -> usize {
        self.workshop()
            .and_then(|w| w.assessments.get(self.nav.model))
            .and_then(|a| a.model.levels.get(level))
            .map_or(0, |l| l.indicators.len())
    }

    /// The indicator votes and hands go to: the one on screen in the walk-through.
    pub(super) fn voting_indicator(&self) -> Option<String> {
        (self.screen == Screen::Walkthrough).then(|| self.focused_indicator_id()).flatten()
    }

    pub(super) fn focused_indicator_id(&self) -> Option<String> {
        let assessment = self.workshop()?.assessments.get(self.nav.model)?;
        let level = assessment.model.levels.get(self.nav.level)?;
        level.indicators.get(self.nav.indicator).map(|ind| ind.id.clone())
    }

    /// Keeps the walk-through on a level and an indicator that exist, after
    /// an undo or an upgrade changed the model under it.
    pub(super) fn clamp_nav(&mut self) {
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

    pub(super) fn step_level(&mut self, delta: isize) {
        let target = self.nav.level as isize + delta;
        if target >= 0 && (target as usize) < self.level_count() {
            self.nav.level = target as usize;
            self.nav.indicator = 0;
            self.nav.scroll_to_focus = true;
        }
    }

    pub(super) fn show(&mut self, screen: Screen) {
        if matches!(screen, Screen::Start | Screen::Portfolio) || self.session.is_some() {
            self.screen = screen;
            self.nav.scroll_to_focus = true;
        }
    }

    pub(super) fn select_model(&mut self, model: usize) {
        let count = self.workshop().map_or(0, |w| w.assessments.len());
        if model < count {
            self.nav = Navigation { model, scroll_to_focus: true, ..Navigation::default() };
            self.screen = Screen::Walkthrough;
        }
    }

    pub(super) fn select_level(&mut self, level: usize) {
        if level < self.level_count() {
            self.nav.level = level;
            self.nav.indicator = 0;
            self.nav.scroll_to_focus = true;
        }
    }

    pub(super) fn focus_indicator(&mut self, indicator: usize) {
        if indicator < self.indicator_count(self.nav.level) {
            self.nav.indicator = indicator;
        }
    }
}
