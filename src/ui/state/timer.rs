//! The time-box clock: which level the seconds go to, and handing them to
//! the workshop as the facilitator moves on. What changes anything here is
//! `pub(super)`: reached only through `AppState::execute`.

use std::time::Duration;

use super::{AppState, Screen};
use crate::workshop::timebox::{self, TimeStatus};
use crate::workshop::{TimeSlot, clock};

impl AppState {
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

    /// Hands the running clock's whole seconds to where they were spent
    /// when the facilitator has moved on, or once `every` has run up on one
    /// place (so an autosave holds them), and moves the clock to what is on
    /// screen now.
    pub(super) fn record_timer(&mut self, every: Duration) {
        let now = self.now();
        let slot = self.current_slot();
        let moved = self.timer.slot().is_some_and(|running| *running != slot);
        if moved || self.timer.unrecorded(now) >= every {
            self.hand_out_time(now, slot);
        }
    }

    pub(super) fn hand_out_time(&mut self, now: Duration, next: TimeSlot) {
        if let Some((slot, seconds)) = self.timer.take(next, now)
            && let Some(session) = &mut self.session
        {
            session.doc.record_time(&slot, seconds, &clock::now_rfc3339());
        }
    }

    /// Before the workshop is saved, closed or replaced: every second run
    /// so far goes into it.
    pub(super) fn flush_timer(&mut self) {
        let slot = self.current_slot();
        let now = self.now();
        self.hand_out_time(now, slot);
    }

    /// Starts the clock on what is on screen, or pauses it and hands its
    /// seconds to the workshop.
    pub(super) fn toggle_timer(&mut self) {
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
}
