//! Checks a parsed workshop for what serde cannot see: a workshop file is
//! mailed, edited by hand and merged in git, so nothing in it is taken on
//! trust. Each problem is pinned to its place in the file, as a model
//! file's are, by the same locator (`model::locate`).
//!
//! [`validate_workshop`] is the one check every reader runs (open, `info`,
//! the exports, recovery; `file::parse_workshop` calls it), and the one a
//! reader of many workshops should call.

use std::collections::BTreeMap;

use super::clock::{is_iso_date, is_rfc3339};
use super::types::{Assessment, Workshop};
use crate::model::MaturityModel;
use crate::model::locate::{Step, locate_nearest};
use crate::model::validate::{IdRegistry, validate_at};
use crate::problem::{Problem, position_of_offset};

use Step::{Field, Index, Key};

/// Models in one workshop.
pub const MAX_MODELS: usize = 64;
/// Actions on one roadmap.
pub const MAX_ACTIONS: usize = 10_000;
/// People named in the details.
pub const MAX_PARTICIPANTS: usize = 1_000;
/// Characters in a one-line text: the team, the facilitator, a
/// participant, an action's title or owner.
pub const MAX_LINE_CHARS: usize = 1_000;
/// Characters in a note (on an indicator, a level, an action, the workshop)
/// or an override's reason.
pub const MAX_NOTE_CHARS: usize = 1_000_000;

struct Finding<'w> {
    path: Vec<Step<'w>>,
    message: String,
}

struct Checker<'w> {
    findings: Vec<Finding<'w>>,
}

impl<'w> Checker<'w> {
    fn push(&mut self, path: Vec<Step<'w>>, message: String) {
        self.findings.push(Finding { path, message });
    }

    fn text(&mut self, value: &str, path: Vec<Step<'w>>, what: &str, limit: usize) {
        let chars = value.chars().count();
        if chars > limit {
            self.push(path, format!("{what} is {chars} characters long; the limit is {limit}"));
        }
    }

    fn count(&mut self, count: usize, path: Vec<Step<'w>>, what: &str, limit: usize) {
        if count > limit {
            self.push(path, format!("{count} {what}; the limit is {limit}"));
        }
    }

    fn date(&mut self, value: &str, path: Vec<Step<'w>>, what: &str) {
        if !is_iso_date(value) {
            self.push(path, format!("{what} \"{value}\" is not a date written as YYYY-MM-DD"));
        }
    }

    fn time(&mut self, value: &str, path: Vec<Step<'w>>, what: &str) {
        if !is_rfc3339(value) {
            self.push(
                path,
                format!("{what} \"{value}\" is not an RFC 3339 time such as 2026-11-22T10:15:00Z"),
            );
        }
    }
}

/// Every problem in `workshop`, positioned in `text` (the file it was read
/// from). Empty when the workshop can be trusted.
pub fn validate_workshop(file: &str, text: &str, workshop: &Workshop) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut check = Checker { findings: Vec::new() };
    details(&mut check, workshop);
    check.count(workshop.assessments.len(), vec![Field("assessments")], "models", MAX_MODELS);
    let mut model_ids = IdRegistry::at("model", Vec::new());
    for (a, assessment) in workshop.assessments.iter().enumerate() {
        let base = vec![Field("assessments"), Index(a), Field("model")];
        // The same checks as a model file, pinned inside this one.
        problems.extend(validate_at(file, text, &assessment.model, &base));
        let mut at = base.clone();
        at.push(Field("id"));
        if let Some(message) =
            model_ids.check_unique(&assessment.model.id, at.clone(), text, " in this workshop")
        {
            check.push(at, message);
        }
        answers_and_levels(&mut check, a, assessment);
    }
    actions(&mut check, workshop);
    check.text(&workshop.general_notes, vec![Field("general_notes")], "the general notes", MAX_NOTE_CHARS);
    check.time(&workshop.created, vec![Field("created")], "created");
    check.time(&workshop.modified, vec![Field("modified")], "modified");

    problems.extend(check.findings.into_iter().map(|finding| {
        let (line, column) = position_of_offset(text, locate_nearest(text, &finding.path));
        Problem { file: file.to_owned(), line, column, message: finding.message }
    }));
    problems.sort_by_key(|problem| (problem.line, problem.column));
    problems
}

fn details<'w>(check: &mut Checker<'w>, workshop: &'w Workshop) {
    let details = &workshop.details;
    let at = |field| vec![Field("details"), Field(field)];
    check.text(&details.team, at("team"), "the team's name", MAX_LINE_CHARS);
    check.text(&details.facilitator, at("facilitator"), "the facilitator's name", MAX_LINE_CHARS);
    check.count(details.participants.len(), at("participants"), "participants", MAX_PARTICIPANTS);
    for (p, name) in details.participants.iter().enumerate() {
        let path = vec![Field("details"), Field("participants"), Index(p)];
        check.text(name, path, "a participant's name", MAX_LINE_CHARS);
    }
    // Not set is allowed (the app fills in today's date for new workshops).
    if !details.date.is_empty() {
        check.date(&details.date, at("date"), "the workshop's date");
    }
}

/// Ids of a model's levels and indicators, in order.
fn ids(model: &MaturityModel) -> (Vec<&str>, Vec<&str>) {
    let levels = model.levels.iter().map(|level| level.id.as_str()).collect();
    let indicators = model
        .levels
        .iter()
        .flat_map(|level| &level.indicators)
        .map(|indicator| indicator.id.as_str())
        .collect();
    (levels, indicators)
}

fn answers_and_levels<'w>(check: &mut Checker<'w>, a: usize, assessment: &'w Assessment) {
    let model = &assessment.model;
    let (levels, indicators) = ids(model);
    let at = |field: &'static str| vec![Field("assessments"), Index(a), Field(field)];
    let keyed = |field, key| vec![Field("assessments"), Index(a), Field(field), Key(key)];
    let orphan_hint =
        "; answers and notes kept from an earlier version belong under orphaned_answers and orphaned_levels";
    for id in assessment.answers.keys() {
        if !indicators.contains(&id.as_str()) {
            let message = format!(
                "answer to unknown indicator \"{id}\": model \"{}\" has no such indicator{orphan_hint}",
                model.id
            );
            check.push(keyed("answers", id), message);
        }
    }
    unknown_keys(check, &assessment.indicator_notes, &indicators, |id| {
        (
            keyed("indicator_notes", id),
            format!(
                "note on unknown indicator \"{id}\": model \"{}\" has no such indicator{orphan_hint}",
                model.id
            ),
        )
    });
    unknown_keys(check, &assessment.level_notes, &levels, |id| {
        (
            keyed("level_notes", id),
            format!("note on unknown level \"{id}\": model \"{}\" has no such level{orphan_hint}", model.id),
        )
    });
    for (field, notes) in
        [("indicator_notes", &assessment.indicator_notes), ("level_notes", &assessment.level_notes)]
    {
        for (id, note) in notes {
            check.text(note, keyed(field, id), &format!("the note on \"{id}\""), MAX_NOTE_CHARS);
        }
    }
    let known = levels.join(", ");
    if let Some(over) = &assessment.current_override {
        let mut path = at("current_override");
        if !levels.contains(&over.level_id.as_str()) {
            path.push(Field("level_id"));
            let message = format!(
                "the current level is set to unknown level \"{}\" (levels of \"{}\": {known})",
                over.level_id, model.id
            );
            check.push(path, message);
        } else {
            path.push(Field("reason"));
            check.text(&over.reason, path, "the reason for the current level", MAX_NOTE_CHARS);
        }
    }
    if let Some(target) = &assessment.target_level
        && !levels.contains(&target.as_str())
    {
        let message =
            format!("the target is unknown level \"{target}\" (levels of \"{}\": {known})", model.id);
        check.push(at("target_level"), message);
    }
}

fn unknown_keys<'w, V>(
    check: &mut Checker<'w>,
    map: &'w BTreeMap<String, V>,
    known: &[&str],
    problem: impl Fn(&'w str) -> (Vec<Step<'w>>, String),
) {
    for id in map.keys() {
        if !known.contains(&id.as_str()) {
            let (path, message) = problem(id);
            check.push(path, message);
        }
    }
}

fn actions<'w>(check: &mut Checker<'w>, workshop: &'w Workshop) {
    check.count(workshop.actions.len(), vec![Field("actions")], "actions", MAX_ACTIONS);
    let model_ids: Vec<&str> = workshop.assessments.iter().map(|a| a.model.id.as_str()).collect();
    for (i, action) in workshop.actions.iter().enumerate() {
        let at = |field| vec![Field("actions"), Index(i), Field(field)];
        check.text(&action.title, at("title"), "an action's title", MAX_LINE_CHARS);
        check.text(&action.owner, at("owner"), "an action's owner", MAX_LINE_CHARS);
        check.text(&action.note, at("note"), "an action's note", MAX_NOTE_CHARS);
        if let Some(due) = &action.due {
            check.date(due, at("due"), "the action's due date");
        }
        // The indicators an action may name: its model's, or any model's.
        let indicators: Vec<&str> = match &action.model_id {
            Some(model_id) => match workshop.assessment(model_id) {
                Some(assessment) => ids(&assessment.model).1,
                None => {
                    let message = format!(
                        "the action refers to model \"{model_id}\", which this workshop does not have (it has: {})",
                        model_ids.join(", ")
                    );
                    check.push(at("model_id"), message);
                    continue;
                }
            },
            None => workshop.assessments.iter().flat_map(|a| ids(&a.model).1).collect(),
        };
        for (j, id) in action.indicator_ids.iter().enumerate() {
            if !indicators.contains(&id.as_str()) {
                let which = match &action.model_id {
                    Some(model_id) => format!("model \"{model_id}\" does not have"),
                    None => "no model in this workshop has".to_owned(),
                };
                let path = vec![Field("actions"), Index(i), Field("indicator_ids"), Index(j)];
                check.push(path, format!("the action refers to indicator \"{id}\", which {which}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::workshop::file::{parse_workshop, workshop_to_ron};
    use crate::workshop::sample::sample_workshop;
    use crate::workshop::{Action, WorkshopDetails};

    fn problems(workshop: &Workshop) -> Vec<String> {
        let text = workshop_to_ron(workshop).unwrap();
        validate_workshop("w", &text, workshop).into_iter().map(|problem| problem.to_string()).collect()
    }

    #[test]
    fn the_sample_holds_together() {
        assert_eq!(problems(&sample_workshop()), Vec::<String>::new());
    }

    #[test]
    fn counts_and_lengths_have_limits() {
        let mut workshop = sample_workshop();
        workshop.general_notes = "n".repeat(MAX_NOTE_CHARS + 1);
        workshop.actions = vec![Action { title: "a".into(), ..Action::default() }; MAX_ACTIONS + 1];
        let found = problems(&workshop);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|p| p.ends_with(": 10001 actions; the limit is 10000")), "{found:?}");
        assert!(
            found
                .iter()
                .any(|p| p.ends_with(": the general notes is 1000001 characters long; the limit is 1000000")),
            "{found:?}"
        );

        let model = Arc::clone(&sample_workshop().assessments[0].model);
        let mut many =
            Workshop::new(WorkshopDetails::default(), vec![model; MAX_MODELS + 1], "2026-11-22T10:00:00Z");
        for (n, assessment) in many.assessments.iter_mut().enumerate() {
            let mut model = (*assessment.model).clone();
            model.id = format!("model-{n}");
            assessment.model = Arc::new(model);
        }
        assert_eq!(problems(&many), ["w:9:18: 65 models; the limit is 64"]);
    }

    #[test]
    fn a_model_inside_has_the_model_files_limits() {
        let mut workshop = sample_workshop();
        let mut model = (*workshop.assessments[0].model).clone();
        let level = model.levels[0].clone();
        model.levels = (0..=crate::model::validate::MAX_LEVELS)
            .map(|n| crate::model::Level { id: format!("l{n}"), indicators: vec![], ..level.clone() })
            .collect();
        workshop.assessments[0] = crate::workshop::Assessment::new(Arc::new(model));
        let found = problems(&workshop);
        assert!(
            found.iter().any(|p| p.ends_with("a model has at most 100 levels; this one has 101")),
            "{found:?}"
        );
    }

    #[test]
    fn a_file_that_does_not_hold_together_is_refused_with_every_problem() {
        let mut workshop = sample_workshop();
        workshop.assessments[0].target_level = Some("nowhere".into());
        workshop.modified = "soon".into();
        let text = workshop_to_ron(&workshop).unwrap();
        let refused = parse_workshop("w", text.as_bytes()).unwrap_err();
        assert_eq!(refused.0.len(), 2, "{refused}");
        assert!(refused.0[0].message.starts_with("the target is unknown level \"nowhere\""), "{refused}");
        let line = text.lines().position(|line| line.contains("\"nowhere\"")).unwrap() + 1;
        assert_eq!(refused.0[0].line, line);
    }
}
