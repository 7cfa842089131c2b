//! The words the exports use for the parts of a roadmap: level labels,
//! answer names, section headings and the sentences that stand in for an
//! empty section. The PDF and the Markdown both read them from here, so the
//! two documents a team hands on never name the same thing differently.

use super::ModelRoadmap;
use crate::voting::Spread;
use crate::workshop::Answer;

/// Stands for a level that does not exist (no target on a model whose
/// top level is reached).
pub const NO_LEVEL: &str = "—";

/// "Level 2 · Casual", or [`NO_LEVEL`] when there is no such level.
pub fn level_label(model: &ModelRoadmap, index: Option<usize>) -> String {
    match index.and_then(|index| model.level(index)) {
        Some(level) => format!("Level {} · {}", level.number, level.short_name),
        None => NO_LEVEL.to_owned(),
    }
}

/// The target as a label, marked when it is assumed (no target set, so the
/// next level up).
pub fn target_label(model: &ModelRoadmap) -> String {
    match model.target {
        Some(_) if model.target_assumed => format!("{} (assumed)", level_label(model, model.target)),
        Some(_) => level_label(model, model.target),
        None => NO_TARGET.to_owned(),
    }
}

/// A model without a target level.
pub const NO_TARGET: &str = "None set";

/// "Level 1 → Level 3", the move a model's roadmap is about.
pub fn movement(model: &ModelRoadmap) -> String {
    let number = |index: usize| model.level(index).map_or_else(String::new, |level| level.number.clone());
    match model.target {
        Some(target) => format!("Level {} → Level {}", number(model.current), number(target)),
        None => format!("Level {} (no target)", number(model.current)),
    }
}

/// "From Level 1 · Initial to Level 2 · Managed", heading the next steps
/// that lead out of level `from`.
pub fn step_heading(model: &ModelRoadmap, from: usize) -> String {
    format!("From {} to {}", level_label(model, Some(from)), level_label(model, Some(from + 1)))
}

/// An answer in full; `None` is an unanswered indicator.
pub fn answer_name(answer: Option<Answer>) -> &'static str {
    answer.map_or("Not answered", Answer::label)
}

/// An answer in tight spaces (the PDF's answer pills).
pub fn answer_short(answer: Option<Answer>) -> &'static str {
    match answer {
        Some(Answer::NotApplicable) => "N/A",
        Some(answer) => answer.label(),
        None => "Open",
    }
}

/// Every answer and the unanswered state, in the order legends list them.
pub const ANSWER_STATES: [Option<Answer>; 5] =
    [Some(Answer::Yes), Some(Answer::Partly), Some(Answer::No), Some(Answer::NotApplicable), None];

/// Why the current level is not the suggested one, without the closing
/// punctuation: the PDF follows it with the facilitator's reason on the same
/// line, the Markdown with a quote.
pub fn override_intro(model: &ModelRoadmap) -> String {
    format!(
        "The current level was set by the facilitator (the answers suggest {})",
        level_label(model, Some(model.suggested))
    )
}

pub const GAPS_HEADING: &str = "Gaps to close";
pub const NEXT_STEPS_HEADING: &str = "Next steps";
pub const ACTIONS_HEADING: &str = "Actions";
pub const OTHER_NOTES_HEADING: &str = "Other notes from the workshop";
pub const ORPHANED_HEADING: &str = "Answers to indicators no longer in the model";
pub const GENERAL_NOTES_HEADING: &str = "General notes";
pub const GENERAL_ACTIONS_HEADING: &str = "Actions across models";

/// What "Gaps to close" says when there are none.
pub fn no_gaps(model: &ModelRoadmap) -> &'static str {
    match model.target {
        Some(_) => "None: every indicator up to the target is met.",
        None => "None: the team is at the top of the model and has set no target.",
    }
}

pub const NO_NEXT_STEPS: &str = "None: the target is not above the current level.";
pub const NO_MODEL_ACTIONS: &str = "No actions recorded for this model yet.";
/// A horizon (now, next, later) without actions.
pub const NOTHING_PLANNED: &str = "Nothing planned.";
pub const NO_GENERAL_NOTES: &str = "No general notes were recorded.";
pub const NO_MODELS: &str = "No models were assessed in this workshop.";

/// The time-box's appendix (see `time.rs`): its heading, its table's
/// columns, the row for time away from the levels, and the mark for no
/// time (nothing planned, or a level not reached).
pub const TIME_HEADING: &str = "Time spent";
pub const TIME_COLUMNS: [&str; 4] = ["Model", "Level", "Planned", "Spent"];
pub const ELSEWHERE_ROW: &str = "Start, summary and roadmap";
pub const NO_TIME: &str = "—";

/// The sentence above the time-box's table; times as `duration_text` writes them.
pub fn time_intro(planned: Option<&str>, spent: &str) -> String {
    match planned {
        Some(planned) => {
            format!(
                "Planned: {planned}, split across the levels by their number of indicators. Spent: {spent}."
            )
        }
        None => format!("No length was planned for the workshop. Spent: {spent}."),
    }
}

/// The heading of a model's list of indicators the room voted on.
pub const ROOM_HEADING: &str = "How the room voted";
/// Under it.
pub const ROOM_INTRO: &str = "Anonymous votes and raised hands, counted per answer. Where the room disagreed (votes in three or more answers, or no answer chosen by more than half) the indicator is worth a second conversation.";
/// Beside an indicator where the room disagreed.
pub const SECOND_CONVERSATION: &str = "The room disagreed: worth a second conversation.";

/// "Room: 3 Yes · 5 Partly · 1 No" (answers nobody chose are left out).
pub fn spread_words(spread: &Spread) -> String {
    let parts: Vec<String> = spread
        .parts()
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(answer, count)| format!("{count} {}", answer.label()))
        .collect();
    if parts.is_empty() { "Room: no votes".to_owned() } else { format!("Room: {}", parts.join(" · ")) }
}

/// The spread's words, with the second-conversation mark when the room
/// disagreed: what every export prints beside an answer.
pub fn room_remark(spread: &Spread) -> String {
    if spread.is_disagreement() {
        format!("{}. {SECOND_CONVERSATION}", spread_words(spread))
    } else {
        spread_words(spread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roadmap::Roadmap;
    use crate::workshop::sample::sample_workshop;

    #[test]
    fn labels_name_levels_by_their_numbers() {
        let roadmap = Roadmap::from_workshop(&sample_workshop());
        let eight =
            roadmap.models.iter().find(|m| m.model_id == "eight-levels-of-deployment-maturity").unwrap();
        assert!(level_label(eight, Some(0)).starts_with("Level 0 · "));
        let first = &roadmap.models[0];
        assert_eq!(level_label(first, Some(0)), format!("Level 1 · {}", first.levels[0].short_name));
        assert_eq!(level_label(first, None), "—");
        assert!(movement(first).contains('→'));
        assert!(step_heading(first, 0).starts_with("From Level 1 · "));
    }

    #[test]
    fn answers_have_a_full_and_a_short_name() {
        assert_eq!(answer_name(None), "Not answered");
        assert_eq!(answer_name(Some(Answer::NotApplicable)), "Not applicable");
        assert_eq!(answer_short(Some(Answer::NotApplicable)), "N/A");
        assert_eq!(answer_short(Some(Answer::Partly)), "Partly");
        assert_eq!(answer_short(None), "Open");
        assert_eq!(ANSWER_STATES.map(answer_name).len(), 5);
    }
}
