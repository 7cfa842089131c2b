//! Random sequences of edits, undos and redos: undo always walks back to
//! exactly what was there, redo forward to exactly what was undone, and a
//! new edit after undo forgets the redo branch.

use std::sync::LazyLock;

use maturity_workshop::workshop::sample::sample_workshop;
use maturity_workshop::workshop::{Action, Answer, Edit, EditableWorkshop, Horizon, LevelOverride, Workshop};
use proptest::prelude::*;

static SAMPLE: LazyLock<Workshop> = LazyLock::new(sample_workshop);

#[derive(Clone, Debug)]
enum Step {
    Apply(Edit),
    Seal,
    Undo,
    Redo,
}

fn indicator(model: usize, pick: usize) -> String {
    let ids: Vec<String> = SAMPLE.assessments[model % SAMPLE.assessments.len()]
        .model
        .indicators()
        .map(|(_, i)| i.id.clone())
        .collect();
    ids[pick % ids.len()].clone()
}

fn level(model: usize, pick: usize) -> String {
    let levels = &SAMPLE.assessments[model % SAMPLE.assessments.len()].model.levels;
    levels[pick % levels.len()].id.clone()
}

fn edit() -> impl Strategy<Value = Edit> {
    // Model indices reach past the end now and then: such edits must not apply.
    let model = 0..5usize;
    let answer = prop::option::of(prop_oneof![
        Just(Answer::Yes),
        Just(Answer::Partly),
        Just(Answer::No),
        Just(Answer::NotApplicable)
    ]);
    let text = "[a-cé\"\\\\\n ]{0,6}";
    prop_oneof![
        (model.clone(), any::<usize>(), answer).prop_map(|(model, pick, answer)| Edit::SetAnswer {
            model,
            indicator_id: indicator(model, pick),
            answer
        }),
        (model.clone(), any::<usize>(), text).prop_map(|(model, pick, text)| Edit::SetIndicatorNote {
            model,
            indicator_id: indicator(model, pick),
            text
        }),
        (model.clone(), any::<usize>(), text).prop_map(|(model, pick, text)| Edit::SetLevelNote {
            model,
            level_id: level(model, pick),
            text
        }),
        (model.clone(), any::<usize>(), prop::option::of(text)).prop_map(|(model, pick, reason)| {
            Edit::SetCurrentOverride {
                model,
                level_override: reason.map(|reason| LevelOverride { level_id: level(model, pick), reason }),
            }
        }),
        (model.clone(), prop::option::of(any::<usize>())).prop_map(|(model, pick)| Edit::SetTarget {
            model,
            level_id: pick.map(|pick| level(model, pick))
        }),
        text.prop_map(Edit::SetGeneralNotes),
        text.prop_map(|title| Edit::AddAction(Action { title, horizon: Horizon::Next, ..Action::default() })),
        (0..6usize, text).prop_map(|(index, title)| Edit::UpdateAction {
            index,
            action: Action { title, ..Action::default() }
        }),
        (0..6usize).prop_map(Edit::RemoveAction),
        (0..6usize, 0..6usize).prop_map(|(from, to)| Edit::MoveAction { from, to }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => edit().prop_map(Step::Apply),
        1 => Just(Step::Seal),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn undo_and_redo_retrace_history_exactly(steps in prop::collection::vec(step(), 1..60)) {
        let mut editable = EditableWorkshop::new(SAMPLE.clone());
        // The history as it should be: every state undo returns to, and
        // every state redo brings back.
        let mut past: Vec<Workshop> = Vec::new();
        let mut future: Vec<Workshop> = Vec::new();
        let mut last_key: Option<String> = None;
        for (n, step) in steps.into_iter().enumerate() {
            let before = editable.workshop().clone();
            let revision = editable.revision();
            match step {
                Step::Apply(edit) => {
                    let key = edit.merge_key();
                    if editable.apply(edit, &format!("t{n}")) {
                        prop_assert_ne!(editable.revision(), revision);
                        prop_assert_eq!(&editable.workshop().modified, &format!("t{n}"));
                        future.clear();
                        if key.is_none() || key != last_key {
                            past.push(before);
                        }
                        last_key = key;
                    } else {
                        prop_assert_eq!(editable.workshop(), &before, "an edit that does not apply changes nothing");
                        prop_assert_eq!(editable.revision(), revision);
                    }
                }
                Step::Seal => {
                    editable.seal();
                    last_key = None;
                }
                // An undo or redo with nothing to do is no step at all, and
                // does not end a run of typing either.
                Step::Undo => {
                    prop_assert_eq!(editable.undo(), !past.is_empty());
                    if let Some(previous) = past.pop() {
                        last_key = None;
                        prop_assert_eq!(editable.workshop(), &previous);
                        future.push(before);
                    }
                }
                Step::Redo => {
                    prop_assert_eq!(editable.redo(), !future.is_empty());
                    if let Some(next) = future.pop() {
                        last_key = None;
                        prop_assert_eq!(editable.workshop(), &next);
                        past.push(before);
                    }
                }
            }
            prop_assert_eq!(editable.can_undo(), !past.is_empty());
            prop_assert_eq!(editable.can_redo(), !future.is_empty());
        }
        // All the way back is where it started.
        while editable.undo() {}
        prop_assert_eq!(editable.workshop(), &*SAMPLE);
    }
}
