//! How answers turn into levels. The rule is deliberately simple so that a
//! facilitator can explain it to the room; [`SUGGESTION_RULE`] is the one
//! wording of it, shown on screen and in the PDF and quoted in the README.
//!
//! The first level is the floor. A model's first level describes where a
//! team starts, in its source's words, and those words are often problems
//! ("it is your users who find out if something has gone wrong"). Asking a
//! team to answer Yes to its own problems before it may climb would invert
//! them, so the floor's indicators record the starting point and gate
//! nothing: the climb starts at the second level. Unanswered indicators
//! count as not met; a level without indicators has nothing to meet and
//! counts as met.

use super::types::{Answer, Assessment};

/// The rule in one sentence, for the screen.
pub const SUGGESTION_RULE: &str = "Suggested: the highest level whose indicators, and those of every level \
between it and the first, are all Yes or Not applicable. The first level is the floor: every team starts there, \
and its indicators describe that start without counting towards the suggestion.";

/// How far one level's indicators have been answered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LevelProgress {
    pub indicators: usize,
    pub answered: usize,
    /// Yes or Not applicable.
    pub met: usize,
}

impl LevelProgress {
    pub fn is_met(&self) -> bool {
        self.met == self.indicators
    }
}

impl Assessment {
    pub fn answer(&self, indicator_id: &str) -> Option<Answer> {
        self.answers.get(indicator_id).copied()
    }

    pub fn level_progress(&self, level_index: usize) -> LevelProgress {
        let Some(level) = self.model.levels.get(level_index) else {
            return LevelProgress::default();
        };
        let mut progress = LevelProgress { indicators: level.indicators.len(), ..LevelProgress::default() };
        for indicator in &level.indicators {
            if let Some(answer) = self.answer(&indicator.id) {
                progress.answered += 1;
                if answer.is_met() {
                    progress.met += 1;
                }
            }
        }
        progress
    }

    /// The level the answers suggest (see the module documentation): the
    /// floor, or the top of the unbroken run of met levels above it.
    pub fn suggested_level(&self) -> usize {
        (1..self.model.levels.len())
            .take_while(|&index| self.level_progress(index).is_met())
            .last()
            .unwrap_or(0)
    }

    /// The override when there is one (and it names a level of the model),
    /// else the suggestion.
    pub fn current_level(&self) -> usize {
        self.current_override
            .as_ref()
            .and_then(|over| self.model.level_index(&over.level_id))
            .unwrap_or_else(|| self.suggested_level())
    }

    pub fn is_current_overridden(&self) -> bool {
        self.current_override.as_ref().is_some_and(|over| self.model.level_index(&over.level_id).is_some())
    }

    pub fn target_level(&self) -> Option<usize> {
        self.target_level.as_deref().and_then(|id| self.model.level_index(id))
    }

    /// Share of the model's indicators that have an answer, 0.0 to 1.0.
    pub fn answered_share(&self) -> f32 {
        let total = self.model.indicator_count();
        if total == 0 {
            return 1.0;
        }
        let answered = self.model.indicators().filter(|(_, ind)| self.answers.contains_key(&ind.id)).count();
        answered as f32 / total as f32
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::LevelOverride;
    use crate::workshop::scoring_fixtures::small_model;

    fn assessment(answers: &[(&str, Answer)]) -> Assessment {
        let mut assessment = Assessment::new(Arc::new(small_model()));
        for (id, answer) in answers {
            assessment.answers.insert((*id).to_owned(), *answer);
        }
        assessment
    }

    #[test]
    fn nothing_answered_suggests_the_floor() {
        assert_eq!(assessment(&[]).suggested_level(), 0);
    }

    #[test]
    fn suggestion_climbs_only_over_fully_met_levels() {
        use Answer::*;
        let a = assessment(&[("l0-a", Yes), ("l0-b", NotApplicable), ("l1-a", Yes), ("l1-b", Partly)]);
        assert_eq!(a.suggested_level(), 0);
        let a = assessment(&[("l0-a", Yes), ("l0-b", Yes), ("l1-a", Yes), ("l1-b", Yes)]);
        assert_eq!(a.suggested_level(), 1);
        // A met upper level does not count over an unmet lower one.
        let a = assessment(&[("l1-a", No), ("l1-b", Yes), ("l2-a", Yes), ("l2-b", Yes)]);
        assert_eq!(a.suggested_level(), 0);
        // Unanswered counts as not met.
        let a = assessment(&[("l1-a", Yes), ("l1-b", Yes), ("l2-b", Yes)]);
        assert_eq!(a.suggested_level(), 1);
        let all: Vec<_> =
            ["l0-a", "l0-b", "l1-a", "l1-b", "l2-a", "l2-b"].iter().map(|id| (*id, Yes)).collect();
        assert_eq!(assessment(&all).suggested_level(), 2);
    }

    #[test]
    fn the_floor_describes_the_start_and_gates_nothing() {
        use Answer::*;
        // However the first level is answered (a No there means "this
        // problem is not ours"), the climb starts at the second level.
        for floor in [None, Some(Yes), Some(Partly), Some(No), Some(NotApplicable)] {
            let mut answers = vec![("l1-a", Yes), ("l1-b", NotApplicable)];
            if let Some(answer) = floor {
                answers.extend([("l0-a", answer), ("l0-b", answer)]);
            }
            assert_eq!(assessment(&answers).suggested_level(), 1, "floor answered {floor:?}");
            answers.extend([("l2-a", Yes), ("l2-b", Yes)]);
            assert_eq!(assessment(&answers).suggested_level(), 2, "floor answered {floor:?}");
        }
        // A model of one level only has its floor.
        let mut model = small_model();
        model.levels.truncate(1);
        assert_eq!(Assessment::new(Arc::new(model)).suggested_level(), 0);
    }

    #[test]
    fn a_level_without_indicators_counts_as_met() {
        let mut model = small_model();
        model.levels[1].indicators.clear();
        let mut a = Assessment::new(Arc::new(model));
        assert_eq!(a.suggested_level(), 1);
        a.answers.insert("l2-a".into(), Answer::Yes);
        a.answers.insert("l2-b".into(), Answer::Yes);
        assert_eq!(a.suggested_level(), 2);
    }

    #[test]
    fn the_readme_quotes_the_rule_word_for_word() {
        // The README's block quote, joined into one line, is the sentence on
        // screen: the two never drift apart.
        let readme = include_str!("../../README.md");
        let quoted: Vec<&str> = readme
            .lines()
            .skip_while(|line| !line.starts_with("### The suggested current level"))
            .skip(1)
            .skip_while(|line| line.trim().is_empty())
            .map_while(|line| line.strip_prefix('>'))
            .map(str::trim)
            .collect();
        assert_eq!(quoted.join(" "), SUGGESTION_RULE);
    }

    #[test]
    fn override_wins_unless_it_names_an_unknown_level() {
        let mut a = assessment(&[]);
        a.current_override = Some(LevelOverride { level_id: "l2".into(), reason: "r".into() });
        assert_eq!(a.current_level(), 2);
        assert!(a.is_current_overridden());
        a.current_override = Some(LevelOverride { level_id: "gone".into(), reason: String::new() });
        assert_eq!(a.current_level(), 0);
        assert!(!a.is_current_overridden());
    }

    #[test]
    fn progress_and_share() {
        use Answer::*;
        let a = assessment(&[("l0-a", Yes), ("l0-b", No), ("l1-a", Partly)]);
        assert_eq!(a.level_progress(0), LevelProgress { indicators: 2, answered: 2, met: 1 });
        assert_eq!(a.level_progress(1), LevelProgress { indicators: 2, answered: 1, met: 0 });
        assert!((a.answered_share() - 0.5).abs() < f32::EPSILON);
    }
}
