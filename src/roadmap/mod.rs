//! From a workshop to a roadmap: the gaps between where a team is and where
//! it wants to be, as plain data shared by the screens and the exporters.

mod plan;
mod time;
pub mod wording;

pub use plan::{
    ActionItem, AnswerCounts, HorizonGroups, IndicatorNote, LevelSummary, ModelRoadmap, NextStep, Roadmap,
    RoomVote, action_for_gap, action_for_next_step, split_level_name,
};
pub use time::{TimeReport, TimeRow};

use crate::voting::Spread;
use crate::workshop::{Answer, Assessment};

/// An indicator not yet met on the way to the target level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gap {
    pub level_index: usize,
    pub indicator_id: String,
    pub statement: String,
    /// `None` while unanswered.
    pub answer: Option<Answer>,
    pub note: String,
    /// How the room voted on it, when it did.
    pub room: Option<Spread>,
}

/// Every indicator above the first level and at or below the target level
/// that is not Yes (Not applicable is not a gap). The first level is the
/// floor: its indicators describe where a team starts, often as problems,
/// so they are never gaps (see `workshop::scoring`). With no target set, the
/// next level up is the target: a roadmap always looks one step ahead.
pub fn gaps(assessment: &Assessment) -> Vec<Gap> {
    let Some(target) = effective_target(assessment) else { return Vec::new() };
    assessment
        .model
        .indicators()
        .filter(|(level, _)| (1..=target).contains(level))
        .filter_map(|(level_index, indicator)| {
            let answer = assessment.answer(&indicator.id);
            if answer.is_some_and(Answer::is_met) {
                return None;
            }
            Some(Gap {
                level_index,
                indicator_id: indicator.id.clone(),
                statement: indicator.statement.clone(),
                answer,
                note: assessment.indicator_notes.get(&indicator.id).cloned().unwrap_or_default(),
                room: room_spread(assessment, &indicator.id),
            })
        })
        .collect()
}

/// The room's spread on an indicator, if anyone voted.
pub fn room_spread(assessment: &Assessment, indicator_id: &str) -> Option<Spread> {
    assessment.votes.get(indicator_id).copied().filter(|spread| !spread.is_empty())
}

/// The target, or the level above the current one when none is set; `None`
/// when the team is already at the top with no target.
pub fn effective_target(assessment: &Assessment) -> Option<usize> {
    assessment.target_level().or_else(|| {
        let next = assessment.current_level() + 1;
        (next < assessment.model.levels.len()).then_some(next)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::scoring_fixtures::small_model;

    #[test]
    fn gaps_run_up_to_the_target_and_skip_met_answers() {
        let mut a = Assessment::new(Arc::new(small_model()));
        a.answers.insert("l0-a".into(), Answer::Yes);
        a.answers.insert("l0-b".into(), Answer::NotApplicable);
        a.answers.insert("l1-a".into(), Answer::Partly);
        a.indicator_notes.insert("l1-a".into(), "half done".into());
        a.target_level = Some("l1".into());
        let gaps = gaps(&a);
        let ids: Vec<_> = gaps.iter().map(|g| g.indicator_id.as_str()).collect();
        assert_eq!(ids, ["l1-a", "l1-b"]);
        assert_eq!(gaps[0].note, "half done");
        assert_eq!(gaps[1].answer, None);
    }

    #[test]
    fn without_a_target_the_next_level_is_the_horizon() {
        let a = Assessment::new(Arc::new(small_model()));
        assert_eq!(effective_target(&a), Some(1));
        let ids: Vec<_> = gaps(&a).into_iter().map(|g| g.indicator_id).collect();
        assert_eq!(ids, ["l1-a", "l1-b"]);
    }

    #[test]
    fn the_floor_is_never_a_gap() {
        let mut a = Assessment::new(Arc::new(small_model()));
        a.answers.insert("l0-a".into(), Answer::No);
        a.indicator_notes.insert("l0-a".into(), "not our problem".into());
        a.target_level = Some("l2".into());
        assert!(gaps(&a).iter().all(|gap| gap.level_index > 0));
        a.target_level = Some("l0".into());
        assert!(gaps(&a).is_empty());
    }
}
