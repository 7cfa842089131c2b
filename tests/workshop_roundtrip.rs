//! Any workshop, whatever people typed into it, reads back exactly as it was
//! saved (its copies of models hold only the characters a model may); and
//! one that holds together passes every check on reading.

use std::collections::BTreeMap;
use std::sync::Arc;

use maturity_workshop::model::characters::refusal;
use maturity_workshop::model::{Dimension, Indicator, Level, MaturityModel, Source};
use maturity_workshop::voting::Spread;
use maturity_workshop::workshop::file::{parse_workshop, workshop_to_ron};
use maturity_workshop::workshop::timebox::MAX_PLANNED_MINUTES;
use maturity_workshop::workshop::{
    Action, Answer, Assessment, FORMAT_VERSION, Horizon, LevelOverride, LevelTime, OrphanedAnswer,
    OrphanedLevel, TimeBox, Workshop, WorkshopDetails, clock,
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

/// The room's spread on an indicator (issue 11): counts only.
fn spread() -> impl Strategy<Value = Spread> {
    let count = 0..=maturity_workshop::voting::MAX_COUNT;
    (count.clone(), count.clone(), count.clone(), count)
        .prop_map(|(yes, partly, no, not_applicable)| Spread { yes, partly, no, not_applicable })
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
        btree_map(text(), spread(), 0..3),
    );
    (model(), btree_map(text(), answer(), 0..5), notes(), notes(), decisions).prop_map(
        |(
            model,
            answers,
            indicator_notes,
            level_notes,
            (current_override, target_level, orphans, levels, votes),
        )| {
            let mut assessment = Assessment::new(Arc::new(model));
            assessment.answers = answers;
            assessment.indicator_notes = indicator_notes;
            assessment.level_notes = level_notes;
            assessment.current_override = current_override;
            assessment.target_level = target_level;
            assessment.orphaned_answers = orphans;
            assessment.orphaned_levels = levels;
            assessment.votes = votes;
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

/// Any time from 1970 to 2096, as the app writes it.
fn time() -> impl Strategy<Value = String> {
    (0i64..4_000_000_000).prop_map(clock::rfc3339)
}

fn date() -> impl Strategy<Value = String> {
    time().prop_map(|time| time[..10].to_owned())
}

/// The time-box: any plan, any seconds (up to the largest a file may
/// hold), on any ids.
fn timebox() -> impl Strategy<Value = TimeBox> {
    let spent = vec((text(), text(), any::<u64>()), 0..4).prop_map(|entries| {
        entries
            .into_iter()
            .map(|(model_id, level_id, seconds)| LevelTime { model_id, level_id, seconds })
            .collect()
    });
    (option::of(1..=MAX_PLANNED_MINUTES), spent, any::<u64>()).prop_map(
        |(planned_minutes, spent, spent_elsewhere)| TimeBox { planned_minutes, spent, spent_elsewhere },
    )
}

fn workshop() -> impl Strategy<Value = Workshop> {
    let details = (text(), text(), vec(text(), 0..4), prop_oneof![Just(String::new()), date()]).prop_map(
        |(team, facilitator, participants, date)| WorkshopDetails { team, facilitator, participants, date },
    );
    let dues = vec(option::of(date()), 4);
    let times = (time(), time());
    (details, vec(assessment(), 0..3), text(), vec(action(), 0..4), dues, timebox(), times).prop_map(
        |(details, assessments, general_notes, mut actions, dues, timebox, (created, modified))| {
            for (action, due) in actions.iter_mut().zip(dues) {
                action.due = due;
            }
            consistent(Workshop {
                format_version: FORMAT_VERSION,
                details,
                assessments,
                general_notes,
                actions,
                timebox,
                created,
                modified,
            })
        },
    )
}

fn nonblank(text: &mut String) {
    if text.trim().is_empty() {
        text.push('x');
    }
}

/// `pick(n)` of `len` things: one of them, chosen by `n`.
fn pick<T: Clone>(things: &[T], n: usize) -> Option<T> {
    (!things.is_empty()).then(|| things[n % things.len()].clone())
}

/// Re-keys a map onto `keys` (keeping its values), or empties it.
fn rekey<V>(map: BTreeMap<String, V>, keys: &[String]) -> BTreeMap<String, V> {
    map.into_values().enumerate().filter_map(|(n, value)| Some((pick(keys, n)?, value))).collect()
}

/// The generators make any text; a workshop file must also hold together
/// (ids kebab-case and unique, answers keyed to indicators that exist, a
/// target that is a level, ...), which reading it checks. This makes a
/// generated workshop hold together, keeping every text people type.
fn consistent(mut workshop: Workshop) -> Workshop {
    let mut all_indicators = Vec::new();
    for (a, assessment) in workshop.assessments.iter_mut().enumerate() {
        let mut model = (*assessment.model).clone();
        model.id = format!("model-{a}");
        nonblank(&mut model.title);
        nonblank(&mut model.source.title);
        for (d, dimension) in model.dimensions.iter_mut().enumerate() {
            dimension.id = format!("d{d}");
            nonblank(&mut dimension.name);
        }
        while model.levels.len() < 2 {
            let copy = model.levels[0].clone();
            model.levels.push(copy);
        }
        let first_dimension = model.dimensions.first().map(|d| d.id.clone());
        for (l, level) in model.levels.iter_mut().enumerate() {
            level.id = format!("l{l}");
            nonblank(&mut level.name);
            for (i, indicator) in level.indicators.iter_mut().enumerate() {
                indicator.id = format!("l{l}-i{i}");
                nonblank(&mut indicator.statement);
                indicator.dimension = indicator.dimension.as_ref().and(first_dimension.clone());
            }
        }
        let levels: Vec<String> = model.levels.iter().map(|level| level.id.clone()).collect();
        let indicators: Vec<String> =
            model.levels.iter().flat_map(|level| &level.indicators).map(|i| i.id.clone()).collect();
        assessment.answers = rekey(std::mem::take(&mut assessment.answers), &indicators);
        assessment.indicator_notes = rekey(std::mem::take(&mut assessment.indicator_notes), &indicators);
        assessment.level_notes = rekey(std::mem::take(&mut assessment.level_notes), &levels);
        if let Some(over) = &mut assessment.current_override {
            over.level_id = pick(&levels, over.level_id.len()).unwrap_or_default();
        }
        assessment.target_level = assessment.target_level.as_ref().and_then(|t| pick(&levels, t.len()));
        all_indicators.push(indicators);
        assessment.model = Arc::new(model);
    }
    for action in &mut workshop.actions {
        let model = action
            .model_id
            .as_ref()
            .and_then(|id| pick(&(0..all_indicators.len()).collect::<Vec<_>>(), id.len()));
        action.model_id = model.map(|m| format!("model-{m}"));
        let known: Vec<String> = match model {
            Some(m) => all_indicators[m].clone(),
            None => all_indicators.concat(),
        };
        action.indicator_ids = action
            .indicator_ids
            .iter()
            .enumerate()
            .filter_map(|(n, id)| pick(&known, n + id.len()))
            .collect();
    }
    workshop
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
