//! The whole roadmap of a workshop as plain data: what the roadmap screen,
//! the PDF and the Markdown export all show, derived in one place so that
//! the three never disagree.

use crate::model::MaturityModel;
use crate::voting::Spread;
use crate::workshop::{Action, Answer, Assessment, Horizon, OrphanedAnswer, Workshop};

use super::{Gap, effective_target, gaps};

/// Everything a roadmap document shows, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub struct Roadmap {
    pub team: String,
    pub facilitator: String,
    pub participants: Vec<String>,
    /// ISO date of the workshop as entered; may be empty.
    pub date: String,
    /// RFC 3339 time of the last change to the workshop.
    pub modified: String,
    pub models: Vec<ModelRoadmap>,
    /// Actions that name no model, or a model this workshop does not assess.
    pub general_actions: HorizonGroups,
    pub general_notes: String,
    /// The time-box's appendix; `None` without one.
    pub time: Option<super::TimeReport>,
}

/// One model's part of the roadmap.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelRoadmap {
    pub model_id: String,
    pub title: String,
    pub summary: String,
    /// "Title, by Author (year)" with the URL, ready to print as a credit.
    pub source: String,
    pub levels: Vec<LevelSummary>,
    /// Index into `levels`.
    pub current: usize,
    pub suggested: usize,
    /// Why the facilitator placed the team away from the suggestion; `None`
    /// when the suggestion stands.
    pub override_reason: Option<String>,
    /// Index into `levels`: the target set in the workshop, or the level
    /// above the current one when none was set. `None` only at the top with
    /// no target.
    pub target: Option<usize>,
    /// True when `target` was not chosen by the team but assumed.
    pub target_assumed: bool,
    /// Share of indicators answered, 0.0 to 1.0.
    pub answered_share: f32,
    pub gaps: Vec<Gap>,
    pub next_steps: Vec<NextStep>,
    pub actions: HorizonGroups,
    /// Notes on indicators that are not gaps (met, on the floor, or above the target): they
    /// belong on the record too.
    pub other_notes: Vec<IndicatorNote>,
    /// Answers to indicators the model no longer has.
    pub orphaned: Vec<OrphanedAnswer>,
    /// Every indicator the room voted on, in the model's order.
    pub room_votes: Vec<RoomVote>,
}

/// An indicator the room voted on, with the answer the team settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomVote {
    pub level_index: usize,
    pub indicator_id: String,
    pub statement: String,
    pub answer: Option<Answer>,
    pub spread: Spread,
}

impl RoomVote {
    pub fn is_disagreement(&self) -> bool {
        self.spread.is_disagreement()
    }
}

/// One rung of a model's ladder with how its indicators were answered.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelSummary {
    pub id: String,
    /// The number people call the level by: the model's own ("Level 0: …"
    /// is 0) or, when the name carries none, its position counting from 1.
    pub number: String,
    /// The name without a leading "Level N:", for tight spaces.
    pub short_name: String,
    /// The name as the model gives it.
    pub name: String,
    pub summary: String,
    pub counts: AnswerCounts,
    /// The team's note on the level as a whole; may be empty.
    pub note: String,
}

/// How the indicators of one level were answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnswerCounts {
    pub yes: usize,
    pub partly: usize,
    pub no: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
}

impl AnswerCounts {
    pub fn total(&self) -> usize {
        self.yes + self.partly + self.no + self.not_applicable + self.unanswered
    }

    /// Each answer category with its count, in the order charts draw them.
    pub fn parts(&self) -> [(Option<Answer>, usize); 5] {
        [
            (Some(Answer::Yes), self.yes),
            (Some(Answer::Partly), self.partly),
            (Some(Answer::No), self.no),
            (Some(Answer::NotApplicable), self.not_applicable),
            (None, self.unanswered),
        ]
    }

    fn add(&mut self, answer: Option<Answer>) {
        match answer {
            Some(Answer::Yes) => self.yes += 1,
            Some(Answer::Partly) => self.partly += 1,
            Some(Answer::No) => self.no += 1,
            Some(Answer::NotApplicable) => self.not_applicable += 1,
            None => self.unanswered += 1,
        }
    }
}

/// A next step of a level on the way from the current level to the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// The level the step leads away from (index into the model's levels).
    pub from_level: usize,
    pub text: String,
}

/// A note on an indicator that is not listed as a gap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorNote {
    pub level_index: usize,
    pub indicator_id: String,
    pub statement: String,
    pub answer: Option<Answer>,
    pub note: String,
    /// How the room voted on it, when it did.
    pub room: Option<Spread>,
}

/// Actions split by horizon, each keeping the order the team gave them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HorizonGroups {
    pub now: Vec<ActionItem>,
    pub next: Vec<ActionItem>,
    pub later: Vec<ActionItem>,
}

impl HorizonGroups {
    pub fn get(&self, horizon: Horizon) -> &[ActionItem] {
        match horizon {
            Horizon::Now => &self.now,
            Horizon::Next => &self.next,
            Horizon::Later => &self.later,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.now.is_empty() && self.next.is_empty() && self.later.is_empty()
    }

    pub fn len(&self) -> usize {
        self.now.len() + self.next.len() + self.later.len()
    }

    /// Every horizon with its actions, Now first.
    pub fn iter(&self) -> impl Iterator<Item = (Horizon, &[ActionItem])> {
        Horizon::ALL.into_iter().map(|horizon| (horizon, self.get(horizon)))
    }

    fn push(&mut self, item: ActionItem) {
        match item.action.horizon {
            Horizon::Now => self.now.push(item),
            Horizon::Next => self.next.push(item),
            Horizon::Later => self.later.push(item),
        }
    }
}

/// An action with where it sits in the workshop and what it addresses, in
/// words.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionItem {
    /// Position in `Workshop::actions`, so a screen can edit it in place.
    pub index: usize,
    pub action: Action,
    /// The statements of the indicators the action addresses; an indicator
    /// the model no longer has is shown by its id.
    pub addresses: Vec<String>,
}

impl Roadmap {
    pub fn from_workshop(workshop: &Workshop) -> Self {
        let details = &workshop.details;
        let models: Vec<ModelRoadmap> = workshop
            .assessments
            .iter()
            .map(|assessment| ModelRoadmap::from_assessment(assessment, &workshop.actions))
            .collect();
        let mut general_actions = HorizonGroups::default();
        for (index, action) in workshop.actions.iter().enumerate() {
            let assessed = action.model_id.as_deref().and_then(|id| workshop.assessment(id));
            if assessed.is_none() {
                general_actions.push(ActionItem {
                    index,
                    action: action.clone(),
                    addresses: action.indicator_ids.clone(),
                });
            }
        }
        Self {
            team: details.team.clone(),
            facilitator: details.facilitator.clone(),
            participants: details.participants.clone(),
            date: details.date.clone(),
            modified: workshop.modified.clone(),
            models,
            general_actions,
            general_notes: workshop.general_notes.clone(),
            time: super::TimeReport::from_workshop(workshop),
        }
    }

    pub fn action_count(&self) -> usize {
        self.general_actions.len() + self.models.iter().map(|model| model.actions.len()).sum::<usize>()
    }
}

impl ModelRoadmap {
    pub fn from_assessment(assessment: &Assessment, actions: &[Action]) -> Self {
        let model = &assessment.model;
        let levels = model
            .levels
            .iter()
            .enumerate()
            .map(|(index, level)| {
                let mut counts = AnswerCounts::default();
                for indicator in &level.indicators {
                    counts.add(assessment.answer(&indicator.id));
                }
                let (number, short_name) = split_level_name(&level.name, index);
                LevelSummary {
                    id: level.id.clone(),
                    number,
                    short_name,
                    name: level.name.clone(),
                    summary: level.summary.clone(),
                    counts,
                    note: assessment.level_notes.get(&level.id).cloned().unwrap_or_default(),
                }
            })
            .collect();
        let current = assessment.current_level();
        let target = effective_target(assessment);
        let gaps = gaps(assessment);
        let next_steps = match target {
            Some(target) if target > current => model.levels[current..target]
                .iter()
                .enumerate()
                .flat_map(|(offset, level)| {
                    level
                        .next_steps
                        .iter()
                        .map(move |text| NextStep { from_level: current + offset, text: text.clone() })
                })
                .collect(),
            _ => Vec::new(),
        };
        let mut grouped = HorizonGroups::default();
        for (index, action) in actions.iter().enumerate() {
            if action.model_id.as_deref() == Some(model.id.as_str()) {
                grouped.push(ActionItem {
                    index,
                    action: action.clone(),
                    addresses: action.indicator_ids.iter().map(|id| statement_or_id(model, id)).collect(),
                });
            }
        }
        let other_notes = model
            .indicators()
            .filter(|(_, indicator)| !gaps.iter().any(|gap| gap.indicator_id == indicator.id))
            .filter_map(|(level_index, indicator)| {
                let note =
                    assessment.indicator_notes.get(&indicator.id).filter(|note| !note.trim().is_empty())?;
                Some(IndicatorNote {
                    level_index,
                    indicator_id: indicator.id.clone(),
                    statement: indicator.statement.clone(),
                    answer: assessment.answer(&indicator.id),
                    note: note.clone(),
                    room: super::room_spread(assessment, &indicator.id),
                })
            })
            .collect();
        Self {
            model_id: model.id.clone(),
            title: model.title.clone(),
            summary: model.summary.clone(),
            source: source_credit(model),
            levels,
            current,
            suggested: assessment.suggested_level(),
            override_reason: assessment.is_current_overridden().then(|| {
                assessment.current_override.as_ref().map(|over| over.reason.clone()).unwrap_or_default()
            }),
            target,
            target_assumed: assessment.target_level().is_none() && target.is_some(),
            answered_share: assessment.answered_share(),
            gaps,
            next_steps,
            actions: grouped,
            other_notes,
            orphaned: assessment.orphaned_answers.clone(),
            room_votes: model
                .indicators()
                .filter_map(|(level_index, indicator)| {
                    Some(RoomVote {
                        level_index,
                        indicator_id: indicator.id.clone(),
                        statement: indicator.statement.clone(),
                        answer: assessment.answer(&indicator.id),
                        spread: super::room_spread(assessment, &indicator.id)?,
                    })
                })
                .collect(),
        }
    }

    pub fn level(&self, index: usize) -> Option<&LevelSummary> {
        self.levels.get(index)
    }

    pub fn current_level(&self) -> Option<&LevelSummary> {
        self.levels.get(self.current)
    }

    pub fn target_level(&self) -> Option<&LevelSummary> {
        self.target.and_then(|index| self.levels.get(index))
    }
}

/// Splits "Level 3: Packaging" into ("3", "Packaging"); a name without a
/// number gets its position counted from 1.
pub fn split_level_name(name: &str, index: usize) -> (String, String) {
    let numbered = name.strip_prefix("Level ").and_then(|rest| {
        let (number, rest) = rest.split_once(':')?;
        let number = number.trim();
        (!number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
            .then(|| (number.to_owned(), rest.trim().to_owned()))
    });
    match numbered {
        Some((number, short)) if !short.is_empty() => (number, short),
        _ => ((index + 1).to_string(), name.to_owned()),
    }
}

fn statement_or_id(model: &MaturityModel, indicator_id: &str) -> String {
    model
        .find_indicator(indicator_id)
        .map_or_else(|| indicator_id.to_owned(), |(_, ind)| ind.statement.clone())
}

fn source_credit(model: &MaturityModel) -> String {
    let source = &model.source;
    let mut credit = source.title.clone();
    if let Some(author) = source.author.as_deref().filter(|a| !a.is_empty()) {
        credit.push_str(&format!(", by {author}"));
    }
    if let Some(year) = source.year {
        credit.push_str(&format!(" ({year})"));
    }
    if let Some(url) = source.url.as_deref().filter(|u| !u.is_empty()) {
        credit.push_str(&format!(", {url}"));
    }
    credit
}

/// A new action that closes a gap, for the roadmap screen's one click.
pub fn action_for_gap(model_id: &str, gap: &Gap) -> Action {
    Action {
        title: gap.statement.clone(),
        model_id: Some(model_id.to_owned()),
        indicator_ids: vec![gap.indicator_id.clone()],
        ..Action::default()
    }
}

/// A new action that takes a next step.
pub fn action_for_next_step(model_id: &str, step: &NextStep) -> Action {
    Action { title: step.text.clone(), model_id: Some(model_id.to_owned()), ..Action::default() }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::sample::{long_note, sample_workshop};
    use crate::workshop::scoring_fixtures::small_model;
    use crate::workshop::{LevelOverride, WorkshopDetails};

    fn small_workshop() -> Workshop {
        let details = WorkshopDetails { team: "T".into(), ..WorkshopDetails::default() };
        Workshop::new(details, vec![Arc::new(small_model())], "2026-01-01T00:00:00Z")
    }

    #[test]
    fn level_names_give_numbers() {
        assert_eq!(split_level_name("Level 0: Manual releases", 0), ("0".into(), "Manual releases".into()));
        assert_eq!(split_level_name("Unaware", 0), ("1".into(), "Unaware".into()));
        assert_eq!(split_level_name("Level 2", 4), ("5".into(), "Level 2".into()));
        assert_eq!(split_level_name("Level x: y", 1), ("2".into(), "Level x: y".into()));
    }

    #[test]
    fn next_steps_cover_the_levels_from_current_up_to_the_target() {
        let mut workshop = small_workshop();
        workshop.assessments[0].target_level = Some("l2".into());
        let roadmap = Roadmap::from_workshop(&workshop);
        let model = &roadmap.models[0];
        assert_eq!(model.current, 0);
        assert_eq!(model.target, Some(2));
        assert!(!model.target_assumed);
        let steps: Vec<_> = model.next_steps.iter().map(|s| (s.from_level, s.text.as_str())).collect();
        assert_eq!(steps, [(0, "Step from 0"), (1, "Step from 1")]);
        // Every indicator up to the target but the floor's.
        assert_eq!(model.gaps.len(), 4);
        assert!(model.gaps.iter().all(|gap| gap.level_index > 0));
        assert_eq!(model.levels[1].counts, AnswerCounts { unanswered: 2, ..AnswerCounts::default() });
    }

    #[test]
    fn a_target_below_the_current_level_has_no_next_steps() {
        let mut workshop = small_workshop();
        let assessment = &mut workshop.assessments[0];
        assessment.current_override = Some(LevelOverride { level_id: "l2".into(), reason: "why".into() });
        assessment.target_level = Some("l1".into());
        let model = &Roadmap::from_workshop(&workshop).models[0];
        assert_eq!((model.current, model.target), (2, Some(1)));
        assert!(model.next_steps.is_empty());
        assert_eq!(model.override_reason.as_deref(), Some("why"));
    }

    #[test]
    fn actions_are_grouped_by_model_and_horizon_in_order() {
        let mut workshop = small_workshop();
        let action = |title: &str, horizon, model: Option<&str>| Action {
            title: title.into(),
            horizon,
            model_id: model.map(str::to_owned),
            indicator_ids: vec!["l1-a".into(), "gone".into()],
            ..Action::default()
        };
        workshop.actions = vec![
            action("b", Horizon::Later, Some("small")),
            action("a", Horizon::Now, Some("small")),
            action("c", Horizon::Later, Some("small")),
            action("free", Horizon::Next, None),
            action("elsewhere", Horizon::Now, Some("not-assessed")),
        ];
        let roadmap = Roadmap::from_workshop(&workshop);
        let titles = |items: &[ActionItem]| items.iter().map(|i| i.action.title.clone()).collect::<Vec<_>>();
        let model = &roadmap.models[0];
        assert_eq!(titles(&model.actions.now), ["a"]);
        assert!(model.actions.next.is_empty());
        assert_eq!(titles(&model.actions.later), ["b", "c"]);
        assert_eq!(model.actions.later[1].index, 2);
        assert_eq!(model.actions.now[0].addresses, ["Statement 1a", "gone"]);
        assert_eq!(titles(&roadmap.general_actions.next), ["free"]);
        assert_eq!(titles(&roadmap.general_actions.now), ["elsewhere"]);
        assert_eq!(roadmap.action_count(), 5);
    }

    #[test]
    fn sample_roadmap_keeps_every_note() {
        let workshop = sample_workshop();
        let roadmap = Roadmap::from_workshop(&workshop);
        assert_eq!(roadmap.models.len(), workshop.assessments.len());
        let mut shown: Vec<String> = Vec::new();
        for model in &roadmap.models {
            shown.extend(model.gaps.iter().map(|g| g.note.clone()));
            shown.extend(model.other_notes.iter().map(|n| n.note.clone()));
            assert!(model.target.is_some());
            assert!(!model.next_steps.is_empty(), "{} has no next steps", model.model_id);
        }
        for assessment in &workshop.assessments {
            for note in assessment.indicator_notes.values() {
                assert!(shown.contains(note), "note lost: {note}");
            }
        }
        assert!(shown.contains(&long_note()));
        assert_eq!(
            roadmap.models[0].override_reason.as_deref().map(|r| r.starts_with("The answers say")),
            Some(true)
        );
    }

    #[test]
    fn gap_and_step_become_actions() {
        let gap = Gap {
            level_index: 1,
            indicator_id: "l1-a".into(),
            statement: "Statement 1a".into(),
            answer: None,
            note: String::new(),
            room: None,
        };
        let action = action_for_gap("small", &gap);
        assert_eq!((action.title.as_str(), action.horizon), ("Statement 1a", Horizon::Now));
        assert_eq!(action.indicator_ids, ["l1-a"]);
        let step = NextStep { from_level: 0, text: "Do it".into() };
        assert_eq!(action_for_next_step("small", &step).model_id.as_deref(), Some("small"));
    }
}
