//! Any workshop, whatever people typed into it, reads back exactly as it was
//! saved (its copies of models hold only the characters a model may).

use std::collections::BTreeMap;
use std::sync::Arc;

use maturity_workshop::model::characters::refusal;
use maturity_workshop::model::{Dimension, Indicator, Level, MaturityModel, Source};
use maturity_workshop::workshop::file::{parse_workshop, workshop_to_ron};
use maturity_workshop::workshop::{
    Action, Answer, Assessment, FORMAT_VERSION, Horizon, LevelOverride, OrphanedAnswer, OrphanedLevel,
    Workshop, WorkshopDetails,
};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;

/// Text as people type it, plus the characters that break quoting: quotes,
/// backslashes, line breaks, RON's own punctuation, control characters,
/// and any other Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\\n\r\t'#(){}\\[\\],:/* a-zA-Zéøß€ΩЖ😀\u{0}\u{7f}\u{200b}\u{feff}]{0,24}",
        Just(String::new()),
        Just("r#\"raw\"#".to_owned()),
        Just("\\u{41}\\n\"".to_owned()),
    ]
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![Just(Answer::Yes), Just(Answer::Partly), Just(Answer::No), Just(Answer::NotApplicable)]
}

fn horizon() -> impl Strategy<Value = Horizon> {
    prop_oneof![Just(Horizon::Now), Just(Horizon::Next), Just(Horizon::Later)]
}

/// Text of a model: any text but the control and bidirectional override
/// characters a model may not hold (a workshop holding them in its copy of
/// a model is refused, as a model file is; see tests/model_commands.rs).
fn model_text() -> impl Strategy<Value = String> {
    text().prop_map(|text| text.chars().filter(|c| refusal(*c).is_none()).collect())
}

fn indicator() -> impl Strategy<Value = Indicator> {
    (model_text(), model_text(), option::of(model_text()), option::of(model_text()), option::of(model_text()))
        .prop_map(|(id, statement, dimension, guidance, source)| Indicator {
            id,
            statement,
            dimension,
            guidance,
            source,
        })
}

fn level() -> impl Strategy<Value = Level> {
    (model_text(), model_text(), model_text(), model_text(), vec(indicator(), 0..3), vec(model_text(), 0..2))
        .prop_map(|(id, name, summary, description, indicators, next_steps)| Level {
            id,
            name,
            summary,
            description,
            indicators,
            next_steps,
        })
}

fn model() -> impl Strategy<Value = MaturityModel> {
    let source = (
        model_text(),
        option::of(model_text()),
        option::of(model_text()),
        option::of(any::<u16>()),
        option::of(model_text()),
    )
        .prop_map(|(title, author, url, year, note)| Source { title, author, url, year, note });
    let dimension = (model_text(), model_text(), model_text())
        .prop_map(|(id, name, description)| Dimension { id, name, description });
    (model_text(), any::<u32>(), model_text(), model_text(), source, vec(dimension, 0..2), vec(level(), 1..3))
        .prop_map(|(id, version, title, summary, source, dimensions, levels)| MaturityModel {
            id,
            version,
            title,
            summary,
            source,
            dimensions,
            levels,
        })
}

fn orphaned_answer() -> impl Strategy<Value = OrphanedAnswer> {
    (text(), text(), option::of(answer()), text(), any::<u32>()).prop_map(
        |(indicator_id, statement, answer, note, from_version)| OrphanedAnswer {
            indicator_id,
            statement,
            answer,
            note,
            from_version,
        },
    )
}

fn orphaned_level() -> impl Strategy<Value = OrphanedLevel> {
    (text(), text(), text(), any::<bool>(), text(), any::<bool>(), any::<u32>()).prop_map(
        |(level_id, name, note, was_current, override_reason, was_target, from_version)| OrphanedLevel {
            level_id,
            name,
            note,
            was_current,
            override_reason,
            was_target,
            from_version,
        },
    )
}

fn notes() -> impl Strategy<Value = BTreeMap<String, String>> {
    btree_map(text(), text(), 0..4)
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let decisions = (
        option::of((text(), text()).prop_map(|(level_id, reason)| LevelOverride { level_id, reason })),
        option::of(text()),
        vec(orphaned_answer(), 0..2),
        vec(orphaned_level(), 0..2),
    );
    (model(), btree_map(text(), answer(), 0..5), notes(), notes(), decisions).prop_map(
        |(
            model,
            answers,
            indicator_notes,
            level_notes,
            (current_override, target_level, orphans, levels),
        )| {
            let mut assessment = Assessment::new(Arc::new(model));
            assessment.answers = answers;
            assessment.indicator_notes = indicator_notes;
            assessment.level_notes = level_notes;
            assessment.current_override = current_override;
            assessment.target_level = target_level;
            assessment.orphaned_answers = orphans;
            assessment.orphaned_levels = levels;
            assessment
        },
    )
}

fn action() -> impl Strategy<Value = Action> {
    (text(), text(), horizon(), option::of(text()), text(), option::of(text()), vec(text(), 0..3)).prop_map(
        |(title, owner, horizon, due, note, model_id, indicator_ids)| Action {
            title,
            owner,
            horizon,
            due,
            note,
            model_id,
            indicator_ids,
        },
    )
}

fn workshop() -> impl Strategy<Value = Workshop> {
    let details =
        (text(), text(), vec(text(), 0..4), text()).prop_map(|(team, facilitator, participants, date)| {
            WorkshopDetails { team, facilitator, participants, date }
        });
    (details, vec(assessment(), 0..3), text(), vec(action(), 0..4), text(), text()).prop_map(
        |(details, assessments, general_notes, actions, created, modified)| Workshop {
            format_version: FORMAT_VERSION,
            details,
            assessments,
            general_notes,
            actions,
            created,
            modified,
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_workshop_reads_back_as_written(workshop in workshop()) {
        let text = workshop_to_ron(&workshop).unwrap();
        let loaded = parse_workshop("random.workshop.ron", text.as_bytes())
            .unwrap_or_else(|problems| panic!("{problems}\n{text}"));
        prop_assert_eq!(loaded.migrated_from, None);
        prop_assert_eq!(loaded.workshop, workshop);
    }
}
