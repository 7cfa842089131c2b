//! Every change to a workshop goes through [`Edit`], so undo, redo and
//! autosave see all of them. Undo keeps whole snapshots: a workshop is small
//! and its models are shared (`Arc`), so a snapshot costs a few maps.

use super::timebox::TimeSlot;
use super::types::{Action, Answer, Assessment, LevelOverride, Workshop, WorkshopDetails};
use crate::voting::Spread;

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    SetAnswer {
        model: usize,
        indicator_id: String,
        answer: Option<Answer>,
    },
    SetIndicatorNote {
        model: usize,
        indicator_id: String,
        text: String,
    },
    SetLevelNote {
        model: usize,
        level_id: String,
        text: String,
    },
    SetCurrentOverride {
        model: usize,
        level_override: Option<LevelOverride>,
    },
    SetTarget {
        model: usize,
        level_id: Option<String>,
    },
    SetGeneralNotes(String),
    SetDetails(WorkshopDetails),
    AddAction(Action),
    UpdateAction {
        index: usize,
        action: Action,
    },
    RemoveAction(usize),
    MoveAction {
        from: usize,
        to: usize,
    },
    /// Replaces an assessment with its upgrade to a newer version of the
    /// same model (see `upgrade::upgrade_edit`). Boxed: an assessment is
    /// far larger than every other edit.
    UpgradeModel {
        model: usize,
        assessment: Box<Assessment>,
    },
    /// The workshop's planned length in minutes (`None`: no time-box).
    SetPlannedTime(Option<u32>),
    /// One more raised hand for an answer (tally keys).
    AddHand {
        model: usize,
        indicator_id: String,
        answer: Answer,
    },
    /// The phones' votes, revealed, added to the indicator's spread.
    AddVotes {
        model: usize,
        indicator_id: String,
        spread: Spread,
    },
    /// Forgets the indicator's spread, for the room to vote again.
    ClearVotes {
        model: usize,
        indicator_id: String,
    },
}

impl Edit {
    /// Edits with the same key merge into one undo step while they follow
    /// each other: typing a note is one step, not one per keystroke.
    pub fn merge_key(&self) -> Option<String> {
        match self {
            Edit::SetIndicatorNote { model, indicator_id, .. } => Some(format!("in:{model}:{indicator_id}")),
            Edit::SetLevelNote { model, level_id, .. } => Some(format!("ln:{model}:{level_id}")),
            Edit::SetCurrentOverride { model, level_override: Some(over) } => {
                Some(format!("co:{model}:{}", over.level_id))
            }
            Edit::SetGeneralNotes(_) => Some("gn".to_owned()),
            Edit::SetDetails(_) => Some("details".to_owned()),
            // Dragging the length is one step.
            Edit::SetPlannedTime(_) => Some("planned".to_owned()),
            Edit::UpdateAction { index, .. } => Some(format!("ua:{index}")),
            _ => None,
        }
    }
}

fn set_or_remove(map: &mut std::collections::BTreeMap<String, String>, key: String, text: String) {
    if text.is_empty() {
        map.remove(&key);
    } else {
        map.insert(key, text);
    }
}

impl Workshop {
    /// Applies an edit. Returns false (and changes nothing) when the edit
    /// does not apply, such as an index past the end.
    pub fn apply(&mut self, edit: Edit) -> bool {
        match edit {
            Edit::SetAnswer { model, indicator_id, answer } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                match answer {
                    Some(answer) => assessment.answers.insert(indicator_id, answer),
                    None => assessment.answers.remove(&indicator_id),
                };
            }
            Edit::SetIndicatorNote { model, indicator_id, text } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                set_or_remove(&mut assessment.indicator_notes, indicator_id, text);
            }
            Edit::SetLevelNote { model, level_id, text } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                set_or_remove(&mut assessment.level_notes, level_id, text);
            }
            Edit::SetCurrentOverride { model, level_override } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                assessment.current_override = level_override;
            }
            Edit::SetTarget { model, level_id } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                assessment.target_level = level_id;
            }
            Edit::SetGeneralNotes(text) => self.general_notes = text,
            Edit::SetDetails(details) => self.details = details,
            Edit::AddAction(action) => self.actions.push(action),
            Edit::UpdateAction { index, action } => {
                let Some(slot) = self.actions.get_mut(index) else { return false };
                *slot = action;
            }
            Edit::RemoveAction(index) => {
                if index >= self.actions.len() {
                    return false;
                }
                self.actions.remove(index);
            }
            Edit::MoveAction { from, to } => {
                if from >= self.actions.len() || to >= self.actions.len() {
                    return false;
                }
                let action = self.actions.remove(from);
                self.actions.insert(to, action);
            }
            Edit::UpgradeModel { model, assessment } => {
                let Some(slot) = self.assessments.get_mut(model) else { return false };
                // Another model in the slot means the edit is stale.
                if slot.model.id != assessment.model.id {
                    return false;
                }
                *slot = *assessment;
            }
            Edit::AddHand { model, indicator_id, answer } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                if assessment.model.find_indicator(&indicator_id).is_none() {
                    return false;
                }
                assessment.votes.entry(indicator_id).or_default().add(answer);
            }
            Edit::AddVotes { model, indicator_id, spread } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                if spread.is_empty() || assessment.model.find_indicator(&indicator_id).is_none() {
                    return false;
                }
                let sum = assessment.votes.get(&indicator_id).copied().unwrap_or_default().plus(&spread);
                assessment.votes.insert(indicator_id, sum);
            }
            Edit::ClearVotes { model, indicator_id } => {
                let Some(assessment) = self.assessments.get_mut(model) else { return false };
                if assessment.votes.remove(&indicator_id).is_none() {
                    return false;
                }
            }
            Edit::SetPlannedTime(minutes) => {
                self.timebox.planned_minutes =
                    minutes.map(|m| m.clamp(1, super::timebox::MAX_PLANNED_MINUTES))
            }
        }
        true
    }
}

/// The workshop with its undo and redo history.
#[derive(Clone, Debug)]
pub struct EditableWorkshop {
    /// Private: every change goes through [`Self::apply`], undo or redo, so
    /// the revision (which savers and the autosave go by) never misses one.
    workshop: Workshop,
    undo: Vec<Workshop>,
    redo: Vec<Workshop>,
    last_merge_key: Option<String>,
    /// Bumped on every change, so savers can tell what they have written.
    revision: u64,
}

/// How many steps back undo reaches.
const UNDO_LIMIT: usize = 500;

impl EditableWorkshop {
    pub fn new(workshop: Workshop) -> Self {
        Self { workshop, undo: Vec::new(), redo: Vec::new(), last_merge_key: None, revision: 0 }
    }

    pub fn workshop(&self) -> &Workshop {
        &self.workshop
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Applies `edit` as one undoable step; `now` stamps `modified`.
    pub fn apply(&mut self, edit: Edit, now: &str) -> bool {
        let key = edit.merge_key();
        let merges = key.is_some() && key == self.last_merge_key;
        let before = self.workshop.clone();
        if !self.workshop.apply(edit) || self.workshop == before {
            return false;
        }
        if !merges {
            self.undo.push(before);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.last_merge_key = key;
        self.workshop.modified = now.to_owned();
        self.revision += 1;
        true
    }

    /// Ends the current merge run (e.g. when a text field loses focus), so
    /// the next edit of the same note is its own undo step.
    pub fn seal(&mut self) {
        self.last_merge_key = None;
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.undo.pop() else { return false };
        let replaced = self.restore(previous);
        self.redo.push(replaced);
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(next) = self.redo.pop() else { return false };
        let replaced = self.restore(next);
        self.undo.push(replaced);
        true
    }

    /// Puts a snapshot back, keeping the time spent: that is a record of
    /// the room, not an edit, and undoing an answer does not give back the
    /// minutes spent talking about it.
    fn restore(&mut self, mut snapshot: Workshop) -> Workshop {
        snapshot.timebox.spent = std::mem::take(&mut self.workshop.timebox.spent);
        snapshot.timebox.spent_elsewhere = self.workshop.timebox.spent_elsewhere;
        self.last_merge_key = None;
        self.revision += 1;
        std::mem::replace(&mut self.workshop, snapshot)
    }

    /// Adds time the timer ran to the workshop. Not an undo step (see
    /// [`Self::restore`]), but a change to save like any other.
    pub fn record_time(&mut self, slot: &TimeSlot, seconds: u64, now: &str) {
        if seconds == 0 {
            return;
        }
        self.workshop.timebox.add(slot, seconds);
        self.workshop.modified = now.to_owned();
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::scoring_fixtures::small_model;

    fn editable() -> EditableWorkshop {
        EditableWorkshop::new(Workshop::new(WorkshopDetails::default(), vec![Arc::new(small_model())], "t0"))
    }

    fn answer(id: &str, answer: Answer) -> Edit {
        Edit::SetAnswer { model: 0, indicator_id: id.into(), answer: Some(answer) }
    }

    fn note(text: &str) -> Edit {
        Edit::SetIndicatorNote { model: 0, indicator_id: "l0-a".into(), text: text.into() }
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut w = editable();
        assert!(w.apply(answer("l0-a", Answer::Yes), "t1"));
        assert!(w.apply(answer("l0-a", Answer::No), "t2"));
        assert!(w.undo());
        assert_eq!(w.workshop.assessments[0].answer("l0-a"), Some(Answer::Yes));
        assert!(w.undo());
        assert_eq!(w.workshop.assessments[0].answer("l0-a"), None);
        assert!(!w.undo());
        assert!(w.redo());
        assert!(w.redo());
        assert_eq!(w.workshop.assessments[0].answer("l0-a"), Some(Answer::No));
        assert!(!w.redo());
    }

    #[test]
    fn typing_merges_into_one_step_until_sealed() {
        let mut w = editable();
        w.apply(note("h"), "t");
        w.apply(note("he"), "t");
        w.apply(note("hey"), "t");
        w.seal();
        w.apply(note("hey!"), "t");
        w.undo();
        assert_eq!(w.workshop.assessments[0].indicator_notes["l0-a"], "hey");
        w.undo();
        assert!(w.workshop.assessments[0].indicator_notes.is_empty());
    }

    #[test]
    fn a_new_edit_clears_redo_and_noops_are_not_steps() {
        let mut w = editable();
        w.apply(answer("l0-a", Answer::Yes), "t");
        assert!(!w.apply(answer("l0-a", Answer::Yes), "t"), "no change, no step");
        w.undo();
        w.apply(answer("l0-b", Answer::Yes), "t");
        assert!(!w.can_redo());
        assert!(!w.apply(Edit::RemoveAction(3), "t"));
    }

    #[test]
    fn actions_move_and_undo() {
        let mut w = editable();
        for title in ["a", "b", "c"] {
            w.apply(Edit::AddAction(Action { title: title.into(), ..Action::default() }), "t");
        }
        w.apply(Edit::MoveAction { from: 2, to: 0 }, "t");
        let titles: Vec<_> = w.workshop.actions.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["c", "a", "b"]);
        w.undo();
        let titles: Vec<_> = w.workshop.actions.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["a", "b", "c"]);
        assert_eq!(w.workshop.modified, "t");
    }

    #[test]
    fn a_model_upgrade_is_one_undoable_step() {
        let mut w = editable();
        w.apply(answer("l0-a", Answer::Yes), "t1");
        let before = w.workshop.clone();
        let mut newer = small_model();
        newer.version = 2;
        newer.levels[0].indicators.remove(0);
        let (upgraded, report) =
            crate::workshop::upgrade_assessment(&w.workshop.assessments[0], Arc::new(newer));
        assert_eq!(report.orphaned_answers.len(), 1);
        assert!(w.apply(Edit::UpgradeModel { model: 0, assessment: Box::new(upgraded.clone()) }, "t2"));
        assert_eq!(w.workshop.assessments[0], upgraded);
        assert!(w.undo());
        assert_eq!(w.workshop, before);
        assert!(w.redo());
        assert_eq!(w.workshop.assessments[0], upgraded);
        assert_eq!(w.workshop.assessments[0].model.version, 2);
        assert!(w.undo());
        assert!(w.undo());
        assert_eq!(w.workshop.assessments[0].answer("l0-a"), None);
    }

    #[test]
    fn an_upgrade_for_another_model_does_not_apply() {
        let mut w = editable();
        let mut other = small_model();
        other.id = "other".into();
        let assessment = Box::new(crate::workshop::Assessment::new(Arc::new(other)));
        assert!(!w.apply(Edit::UpgradeModel { model: 0, assessment: assessment.clone() }, "t"));
        assert!(!w.apply(Edit::UpgradeModel { model: 5, assessment }, "t"));
        assert!(!w.can_undo());
    }

    #[test]
    fn time_spent_survives_undo_and_redo_but_the_plan_is_an_edit() {
        let mut w = editable();
        let slot = TimeSlot::Level { model_id: "small".into(), level_id: "l0".into() };
        w.apply(Edit::SetPlannedTime(Some(90)), "t1");
        w.record_time(&slot, 30, "t2");
        let revision = w.revision();
        w.record_time(&slot, 0, "t3");
        assert_eq!(w.revision(), revision, "nothing recorded, nothing changed");
        w.apply(answer("l0-a", Answer::Yes), "t4");
        w.record_time(&slot, 15, "t5");
        assert!(w.undo());
        assert_eq!(w.workshop.assessments[0].answer("l0-a"), None);
        assert_eq!(w.workshop.timebox.spent_on("small", "l0"), 45, "undo keeps the time");
        assert!(w.undo());
        assert_eq!(w.workshop.timebox.planned_minutes, None, "the plan was an edit");
        assert_eq!(w.workshop.timebox.spent_on("small", "l0"), 45);
        assert!(w.redo());
        assert!(w.redo());
        assert_eq!(w.workshop.timebox.planned_minutes, Some(90));
        assert_eq!(w.workshop.timebox.spent_on("small", "l0"), 45);
        assert!(!w.apply(Edit::SetPlannedTime(Some(90)), "t6"), "no change, no step");
        w.apply(Edit::SetPlannedTime(Some(u32::MAX)), "t7");
        assert_eq!(w.workshop.timebox.planned_minutes, Some(crate::workshop::timebox::MAX_PLANNED_MINUTES));
    }
}
