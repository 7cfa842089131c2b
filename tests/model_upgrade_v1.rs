//! Workshops saved with version 1 of the bundled models (before the
//! faithfulness pass of issue 12) upgrade to the current ones without losing
//! an answer or a note: answers follow the ids that were kept, and those of
//! indicators that were reworded in meaning are set aside and listed.
//! `tests/models-v1/` holds the version 1 files as they shipped.

use std::collections::BTreeSet;
use std::sync::Arc;

use maturity_workshop::model::{MaturityModel, bundled_models, parse_model};
use maturity_workshop::workshop::{Answer, Assessment, upgrade_assessment};

fn version_one(id: &str) -> MaturityModel {
    let path = format!("{}/tests/models-v1/{id}.ron", env!("CARGO_MANIFEST_DIR"));
    parse_model(&path, &std::fs::read(&path).unwrap()).unwrap()
}

fn ids(model: &MaturityModel) -> BTreeSet<String> {
    model.indicators().map(|(_, indicator)| indicator.id.clone()).collect()
}

#[test]
fn every_answer_to_a_version_one_model_survives_the_upgrade() {
    let (current, _) = bundled_models();
    for model in current {
        let old_model = version_one(&model.id);
        assert!(model.version > old_model.version, "{} was changed, so its version is bumped", model.id);
        let mut old = Assessment::new(Arc::new(old_model.clone()));
        for (index, (_, indicator)) in old_model.indicators().enumerate() {
            let answer = [Answer::Yes, Answer::Partly, Answer::No][index % 3];
            old.answers.insert(indicator.id.clone(), answer);
            old.indicator_notes.insert(indicator.id.clone(), format!("note on {}", indicator.id));
        }

        let (new, report) = upgrade_assessment(&old, Arc::new(model.clone()));
        let kept: BTreeSet<_> = ids(&old_model).intersection(&ids(&model)).cloned().collect();
        let gone: BTreeSet<_> = ids(&old_model).difference(&ids(&model)).cloned().collect();
        for id in &kept {
            assert_eq!(new.answers.get(id), old.answers.get(id), "{}: {id} keeps its answer", model.id);
            assert_eq!(new.indicator_notes.get(id), old.indicator_notes.get(id), "{}: {id}", model.id);
        }
        let orphaned: BTreeSet<_> = new.orphaned_answers.iter().map(|o| o.indicator_id.clone()).collect();
        assert_eq!(orphaned, gone, "{}: answers of removed indicators are set aside", model.id);
        for orphan in &new.orphaned_answers {
            assert_eq!(orphan.answer, old.answers.get(&orphan.indicator_id).copied());
            assert_eq!(orphan.note, format!("note on {}", orphan.indicator_id));
        }
        assert_eq!(report.moved_answers, kept.len(), "{}", model.id);
        assert_eq!(report.orphaned_answers.len(), gone.len(), "{}", model.id);
    }
}

#[test]
fn the_reversed_indicators_named_in_issue_12_are_gone_under_their_old_ids() {
    // An id whose meaning was reversed must not carry its old answers over.
    let (current, _) = bundled_models();
    let all: BTreeSet<String> = current.iter().flat_map(ids).collect();
    for reversed in ["level-0-problems-reported", "unaware-sign-off-considered", "initial-some-tests"] {
        assert!(!all.contains(reversed), "{reversed} still exists");
    }
}
