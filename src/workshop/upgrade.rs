//! Model drift: a workshop keeps its own copy of every model it used, so it
//! opens unchanged years later. When the app brings a newer version of one
//! of those models, the facilitator is told and may upgrade. Answers and
//! notes move by id; whatever has nowhere to go is kept aside, listed, and
//! never dropped.

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use super::edit::Edit;
use super::types::{Assessment, OrphanedAnswer, OrphanedLevel, Workshop};
use crate::model::MaturityModel;

/// An assessment whose model has a newer version available.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelDrift {
    /// Index into [`Workshop::assessments`].
    pub assessment: usize,
    pub model_id: String,
    /// The title of the copy in the workshop.
    pub title: String,
    pub workshop_version: u32,
    pub newer: Arc<MaturityModel>,
}

impl fmt::Display for ModelDrift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is at version {} in this workshop; version {} is available",
            self.title, self.workshop_version, self.newer.version
        )
    }
}

/// Every assessment for which `available` holds a model with the same id
/// and a higher version (the highest one when several are).
pub fn detect_drift(workshop: &Workshop, available: &[Arc<MaturityModel>]) -> Vec<ModelDrift> {
    workshop
        .assessments
        .iter()
        .enumerate()
        .filter_map(|(index, assessment)| {
            let newest = available
                .iter()
                .filter(|model| model.id == assessment.model.id && model.version > assessment.model.version)
                .max_by_key(|model| model.version)?;
            Some(ModelDrift {
                assessment: index,
                model_id: assessment.model.id.clone(),
                title: assessment.model.title.clone(),
                workshop_version: assessment.model.version,
                newer: Arc::clone(newest),
            })
        })
        .collect()
}

/// What an upgrade did, to tell the facilitator.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UpgradeReport {
    pub model_id: String,
    pub title: String,
    pub from_version: u32,
    pub to_version: u32,
    pub moved_answers: usize,
    pub moved_notes: usize,
    /// Answers and notes whose indicator is gone, now in `orphaned_answers`.
    pub orphaned_answers: Vec<OrphanedAnswer>,
    /// Level notes, override and target whose level is gone, now in
    /// `orphaned_levels`.
    pub orphaned_levels: Vec<OrphanedLevel>,
    /// Indicators kept by id whose statement changed: their answers may
    /// deserve a second look.
    pub reworded: Vec<String>,
    /// Indicators new in this version, so unanswered.
    pub new_indicators: Vec<String>,
    /// The current level's name before and after (answers may weigh
    /// differently against the new levels).
    pub current_before: String,
    pub current_after: String,
}

impl UpgradeReport {
    /// Whether anything the team said has been set aside.
    pub fn has_orphans(&self) -> bool {
        !self.orphaned_answers.is_empty() || !self.orphaned_levels.is_empty()
    }
}

impl fmt::Display for UpgradeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} upgraded from version {} to {}: {} answers and {} notes moved",
            self.title, self.from_version, self.to_version, self.moved_answers, self.moved_notes
        )?;
        if !self.orphaned_answers.is_empty() {
            write!(f, "; {} kept aside (indicator no longer in the model):", self.orphaned_answers.len())?;
            for orphan in &self.orphaned_answers {
                let answer = orphan.answer.map_or("no answer", |answer| answer.label());
                write!(f, " {} \u{201c}{}\u{201d} ({answer})", orphan.indicator_id, orphan.statement)?;
            }
        }
        if !self.orphaned_levels.is_empty() {
            write!(f, "; levels no longer in the model, their notes kept aside:")?;
            for level in &self.orphaned_levels {
                write!(f, " {} ({})", level.name, level.level_id)?;
            }
        }
        if !self.reworded.is_empty() {
            write!(f, "; {} indicators reworded", self.reworded.len())?;
        }
        if !self.new_indicators.is_empty() {
            write!(f, "; {} new indicators to answer", self.new_indicators.len())?;
        }
        if self.current_before != self.current_after {
            write!(f, "; current level {} \u{2192} {}", self.current_before, self.current_after)?;
        }
        Ok(())
    }
}

/// The assessment re-based on `model`, with a report. The input is not
/// changed, so the caller can show the report before applying it (see
/// [`upgrade_edit`]).
pub fn upgrade_assessment(old: &Assessment, model: Arc<MaturityModel>) -> (Assessment, UpgradeReport) {
    let from = &old.model;
    let mut new = Assessment::new(Arc::clone(&model));
    new.orphaned_answers = old.orphaned_answers.clone();
    new.orphaned_levels = old.orphaned_levels.clone();
    // The room's spreads move by indicator id too; those of indicators now
    // gone stay in the file (counts only), as nothing a room said is dropped.
    new.votes = old.votes.clone();
    let mut report = UpgradeReport {
        model_id: model.id.clone(),
        title: model.title.clone(),
        from_version: from.version,
        to_version: model.version,
        ..UpgradeReport::default()
    };

    let indicator_ids: BTreeSet<&String> = old.answers.keys().chain(old.indicator_notes.keys()).collect();
    for id in indicator_ids {
        let answer = old.answers.get(id).copied();
        let note = old.indicator_notes.get(id);
        if model.find_indicator(id).is_some() {
            if let Some(answer) = answer {
                new.answers.insert(id.clone(), answer);
                report.moved_answers += 1;
            }
            if let Some(note) = note {
                new.indicator_notes.insert(id.clone(), note.clone());
                report.moved_notes += 1;
            }
        } else {
            let orphan = OrphanedAnswer {
                indicator_id: id.clone(),
                statement: from.find_indicator(id).map(|(_, ind)| ind.statement.clone()).unwrap_or_default(),
                answer,
                note: note.cloned().unwrap_or_default(),
                from_version: from.version,
            };
            new.orphaned_answers.push(orphan.clone());
            report.orphaned_answers.push(orphan);
        }
    }

    let override_level = old.current_override.as_ref().map(|over| &over.level_id);
    let level_ids: BTreeSet<&String> =
        old.level_notes.keys().chain(override_level).chain(old.target_level.as_ref()).collect();
    for id in level_ids {
        if model.level_index(id).is_some() {
            if let Some(note) = old.level_notes.get(id) {
                new.level_notes.insert(id.clone(), note.clone());
                report.moved_notes += 1;
            }
            continue;
        }
        let orphan = OrphanedLevel {
            level_id: id.clone(),
            name: from.level_index(id).map(|index| from.levels[index].name.clone()).unwrap_or_default(),
            note: old.level_notes.get(id).cloned().unwrap_or_default(),
            was_current: override_level == Some(id),
            override_reason: old
                .current_override
                .as_ref()
                .filter(|over| over.level_id == *id)
                .map(|over| over.reason.clone())
                .unwrap_or_default(),
            was_target: old.target_level.as_ref() == Some(id),
            from_version: from.version,
        };
        new.orphaned_levels.push(orphan.clone());
        report.orphaned_levels.push(orphan);
    }
    new.current_override =
        old.current_override.clone().filter(|over| model.level_index(&over.level_id).is_some());
    new.target_level = old.target_level.clone().filter(|id| model.level_index(id).is_some());

    for (_, indicator) in model.indicators() {
        match from.find_indicator(&indicator.id) {
            Some((_, before)) if before.statement != indicator.statement => {
                report.reworded.push(indicator.id.clone());
            }
            Some(_) => {}
            None => report.new_indicators.push(indicator.id.clone()),
        }
    }
    report.current_before = level_name(old);
    report.current_after = level_name(&new);
    (new, report)
}

fn level_name(assessment: &Assessment) -> String {
    assessment
        .model
        .levels
        .get(assessment.current_level())
        .map(|level| level.name.clone())
        .unwrap_or_default()
}

/// The undoable edit that performs `drift`'s upgrade on `workshop`, with
/// its report; `None` when the assessment is no longer there.
pub fn upgrade_edit(workshop: &Workshop, drift: &ModelDrift) -> Option<(Edit, UpgradeReport)> {
    let old = workshop.assessments.get(drift.assessment).filter(|a| a.model.id == drift.model_id)?;
    let (assessment, report) = upgrade_assessment(old, Arc::clone(&drift.newer));
    Some((Edit::UpgradeModel { model: drift.assessment, assessment: Box::new(assessment) }, report))
}

#[cfg(test)]
#[path = "upgrade_tests.rs"]
mod tests;
