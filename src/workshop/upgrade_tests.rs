use std::sync::Arc;

use super::*;
use crate::model::Indicator;
use crate::workshop::file::{parse_workshop, workshop_to_ron};
use crate::workshop::scoring_fixtures::small_model;
use crate::workshop::{Answer, EditableWorkshop, LevelOverride, WorkshopDetails};

/// Version 1 of the small model, answered and annotated all over,
/// including the top level that version 2 drops.
fn answered() -> Assessment {
    let mut a = Assessment::new(Arc::new(small_model()));
    for (id, answer) in
        [("l0-a", Answer::Yes), ("l0-b", Answer::Yes), ("l1-a", Answer::No), ("l2-b", Answer::Partly)]
    {
        a.answers.insert(id.into(), answer);
    }
    a.indicator_notes.insert("l1-a".into(), "staging only".into());
    a.indicator_notes.insert("l2-a".into(), "Нужно обсудить".into());
    a.indicator_notes.insert("l2-b".into(), "half the services".into());
    a.level_notes.insert("l1".into(), "level one note".into());
    a.level_notes.insert("l2".into(), "top note".into());
    a.current_override = Some(LevelOverride { level_id: "l2".into(), reason: "because".into() });
    a.target_level = Some("l2".into());
    a
}

/// Version 2: the top level is gone, `l1-a` is reworded, `l1-c` is new.
fn version_two() -> MaturityModel {
    let mut model = small_model();
    model.version = 2;
    model.levels.pop();
    model.levels[1].indicators[0].statement = "Reworded 1a".into();
    model.levels[1].indicators.push(Indicator {
        id: "l1-c".into(),
        statement: "Statement 1c".into(),
        dimension: None,
        guidance: None,
        source: None,
    });
    model
}

#[test]
fn answers_and_notes_move_by_id_and_the_rest_is_kept_aside() {
    let old = answered();
    let (new, report) = upgrade_assessment(&old, Arc::new(version_two()));

    assert_eq!(new.model.version, 2);
    assert_eq!(new.answers.keys().collect::<Vec<_>>(), ["l0-a", "l0-b", "l1-a"]);
    assert_eq!(new.indicator_notes["l1-a"], "staging only");
    assert_eq!(new.level_notes.keys().collect::<Vec<_>>(), ["l1"]);
    assert_eq!((report.moved_answers, report.moved_notes), (3, 2));

    let expected_orphans = vec![
        OrphanedAnswer {
            indicator_id: "l2-a".into(),
            statement: "Statement 2a".into(),
            answer: None,
            note: "Нужно обсудить".into(),
            from_version: 1,
        },
        OrphanedAnswer {
            indicator_id: "l2-b".into(),
            statement: "Statement 2b".into(),
            answer: Some(Answer::Partly),
            note: "half the services".into(),
            from_version: 1,
        },
    ];
    assert_eq!(new.orphaned_answers, expected_orphans);
    assert_eq!(report.orphaned_answers, expected_orphans);

    let expected_level = OrphanedLevel {
        level_id: "l2".into(),
        name: "Level 2".into(),
        note: "top note".into(),
        was_current: true,
        override_reason: "because".into(),
        was_target: true,
        from_version: 1,
    };
    assert_eq!(new.orphaned_levels, std::slice::from_ref(&expected_level));
    assert_eq!(report.orphaned_levels, [expected_level]);
    assert_eq!(new.current_override, None);
    assert_eq!(new.target_level, None);

    assert_eq!(report.reworded, ["l1-a"]);
    assert_eq!(report.new_indicators, ["l1-c"]);
    assert_eq!((report.current_before.as_str(), report.current_after.as_str()), ("Level 2", "Level 0"));
    assert!(report.has_orphans());
    let text = report.to_string();
    assert!(
        text.starts_with("Small upgraded from version 1 to 2: 3 answers and 2 notes moved; 2 kept aside"),
        "{text}"
    );
    assert!(text.contains("l2-b \u{201c}Statement 2b\u{201d} (Partly)"), "{text}");

    // The input is untouched: the caller decides whether to apply.
    assert_eq!(old, answered());
}

#[test]
fn levels_that_remain_keep_override_and_target() {
    let mut old = answered();
    old.current_override = Some(LevelOverride { level_id: "l1".into(), reason: "r".into() });
    old.target_level = Some("l1".into());
    old.level_notes.remove("l2");
    let (new, report) = upgrade_assessment(&old, Arc::new(version_two()));
    assert_eq!(new.current_override, old.current_override);
    assert_eq!(new.target_level.as_deref(), Some("l1"));
    assert!(report.orphaned_levels.is_empty());
}

#[test]
fn earlier_orphans_survive_a_second_upgrade() {
    let (v2, _) = upgrade_assessment(&answered(), Arc::new(version_two()));
    let mut v3 = version_two();
    v3.version = 3;
    v3.levels[0].indicators.retain(|ind| ind.id != "l0-b");
    let (new, report) = upgrade_assessment(&v2, Arc::new(v3));
    let ids: Vec<_> = new.orphaned_answers.iter().map(|o| o.indicator_id.as_str()).collect();
    assert_eq!(ids, ["l2-a", "l2-b", "l0-b"]);
    assert_eq!(report.orphaned_answers.len(), 1, "the report lists what this upgrade set aside");
    assert_eq!(new.orphaned_answers[2].from_version, 2);
    assert_eq!(new.orphaned_levels.len(), 1);
}

#[test]
fn drift_finds_the_newest_version_of_the_same_model() {
    let workshop = Workshop::new(WorkshopDetails::default(), vec![Arc::new(small_model())], "t");
    let mut v3 = version_two();
    v3.version = 3;
    let mut other = version_two();
    other.id = "other".into();
    other.version = 9;
    let available = [Arc::new(small_model()), Arc::new(v3), Arc::new(version_two()), Arc::new(other)];
    let drift = detect_drift(&workshop, &available);
    assert_eq!(drift.len(), 1);
    assert_eq!((drift[0].assessment, drift[0].workshop_version, drift[0].newer.version), (0, 1, 3));
    assert_eq!(drift[0].to_string(), "Small is at version 1 in this workshop; version 3 is available");
    assert!(detect_drift(&workshop, &available[..1]).is_empty(), "same version is no drift");
}

#[test]
fn the_upgrade_edit_undoes_and_the_result_saves() {
    let created = "2026-11-22T09:00:00Z";
    let mut workshop = Workshop::new(WorkshopDetails::default(), vec![Arc::new(small_model())], created);
    workshop.assessments[0] = answered();
    let mut editable = EditableWorkshop::new(workshop.clone());
    let drift = detect_drift(&workshop, &[Arc::new(version_two())]).remove(0);
    let (edit, report) = upgrade_edit(&workshop, &drift).unwrap();
    assert_eq!(report.orphaned_answers.len(), 2);
    assert!(editable.apply(edit, "2026-11-22T10:00:00Z"));
    assert!(detect_drift(editable.workshop(), &[Arc::new(version_two())]).is_empty());

    let text = workshop_to_ron(editable.workshop()).unwrap();
    assert!(text.contains("orphaned_levels"), "{text}");
    let loaded = parse_workshop("w", text.as_bytes()).unwrap();
    assert_eq!(&loaded.workshop, editable.workshop());

    assert!(editable.undo());
    assert_eq!(editable.workshop(), &workshop);
    assert!(editable.redo());
    assert_eq!(editable.workshop(), &loaded.workshop);
}
