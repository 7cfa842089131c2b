//! A realistic, filled-in workshop over every bundled model. New users open
//! it to explore; tests and benchmarks rely on it; `maturity-workshop sample`
//! writes it out.

use std::sync::Arc;

use super::timebox::TimeSlot;
use super::types::{Action, Answer, Horizon, LevelOverride, Workshop, WorkshopDetails};
use crate::model::bundled_models;

const LONG_NOTE_PARAGRAPH: &str = "The team walked through the last three production releases step by step. \
Each release needed a different person to remember a different manual fix-up, and twice the fix-up was only \
discovered after customers reported errors. Nobody disputes that the release checklist exists, but it lives in a \
wiki page that was last edited eighteen months ago and does not mention the message queue at all. ";

/// The long note: a little over 5,000 characters, to exercise wrapping and
/// page breaks.
pub fn long_note() -> String {
    let mut note = String::from("Release retrospective, summarised by the facilitator.\n\n");
    let mut paragraph = 1;
    while note.chars().count() < 5_000 {
        note.push_str(&format!("{paragraph}. {LONG_NOTE_PARAGRAPH}\n\n"));
        paragraph += 1;
    }
    note.push_str("End of note.");
    note
}

/// Answers by position: the sample team is solid low down, patchy in the
/// middle and has not started at the top of each model.
fn answer_for(level: usize, indicator: usize, levels: usize) -> Option<Answer> {
    let top_third = levels.saturating_sub(levels / 3).max(2);
    match level {
        0 => Some(Answer::Yes),
        1 => Some(if indicator == 1 { Answer::NotApplicable } else { Answer::Yes }),
        l if l < top_third => Some(match indicator % 3 {
            0 => Answer::Yes,
            1 => Answer::Partly,
            _ => Answer::No,
        }),
        l if l == top_third => indicator.is_multiple_of(2).then_some(Answer::No),
        _ => None,
    }
}

pub fn sample_workshop() -> Workshop {
    let (models, _) = bundled_models();
    let details = WorkshopDetails {
        team: "Payments Platform".to_owned(),
        facilitator: "Zoë Lindqvist".to_owned(),
        participants: [
            "Ana Müller",
            "Søren Østergaard",
            "Έλενα Παπαδοπούλου",
            "Дмитрий Иванов",
            "Kwame Mensah",
        ]
        .map(str::to_owned)
        .to_vec(),
        date: "2026-11-20".to_owned(),
    };
    let mut workshop =
        Workshop::new(details, models.into_iter().map(Arc::new).collect(), "2026-11-20T09:00:00Z");
    workshop.modified = "2026-11-20T16:45:00Z".to_owned();

    for (model_index, assessment) in workshop.assessments.iter_mut().enumerate() {
        let model = assessment.model.clone();
        let levels = model.levels.len();
        for (level_index, level) in model.levels.iter().enumerate() {
            for (i, indicator) in level.indicators.iter().enumerate() {
                if let Some(answer) = answer_for(level_index, i, levels) {
                    assessment.answers.insert(indicator.id.clone(), answer);
                }
            }
        }
        let notes = [
            "Café-style release reviews happen on Fridays; the façade service is the exception.",
            "Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία.",
            "Команда согласна: откат должен занимать не больше пяти минут.",
        ];
        if let Some(level) = model.levels.get(2) {
            for (indicator, note) in level.indicators.iter().zip(notes) {
                assessment.indicator_notes.insert(indicator.id.clone(), note.to_owned());
            }
            assessment.level_notes.insert(
                level.id.clone(),
                "Most of this level is in place for the API; the batch jobs lag behind.".to_owned(),
            );
        }
        let target = (assessment.suggested_level() + 2).min(levels - 1);
        assessment.target_level = Some(model.levels[target].id.clone());
        if model_index == 0 {
            // The facilitator placed the team one level below the suggestion.
            let placed = assessment.suggested_level().saturating_sub(1);
            assessment.current_override = Some(LevelOverride {
                level_id: model.levels[placed].id.clone(),
                reason:
                    "The answers say one level higher, but production still needs a manual database step, \
so the team placed itself lower."
                        .to_owned(),
            });
            if let Some(first) = model.levels.first().and_then(|level| level.indicators.first()) {
                assessment.indicator_notes.insert(first.id.clone(), long_note());
            }
        }
    }

    let first_model = workshop.assessments.first().map(|a| a.model.id.clone());
    let gap_indicator = workshop
        .assessments
        .first()
        .and_then(|a| a.model.levels.get(2))
        .and_then(|level| level.indicators.get(2))
        .map(|ind| ind.id.clone());
    workshop.actions = vec![
        Action {
            title: "Script the database migration step of the release".to_owned(),
            owner: "Søren Østergaard".to_owned(),
            horizon: Horizon::Now,
            due: Some("2026-12-15".to_owned()),
            note: "Start with the payments schema; it changes most often.".to_owned(),
            model_id: first_model.clone(),
            indicator_ids: gap_indicator.into_iter().collect(),
        },
        Action {
            title: "Keep environment configuration in version control".to_owned(),
            owner: "Ana Müller".to_owned(),
            horizon: Horizon::Now,
            due: None,
            note: String::new(),
            model_id: first_model.clone(),
            indicator_ids: Vec::new(),
        },
        Action {
            title: "Rehearse a rollback in staging every sprint".to_owned(),
            owner: "Дмитрий Иванов".to_owned(),
            horizon: Horizon::Next,
            due: Some("2027-02-01".to_owned()),
            note: "Measure how long it takes; aim for under five minutes.".to_owned(),
            model_id: first_model,
            indicator_ids: Vec::new(),
        },
        Action {
            title: "Introduce feature switches for the checkout redesign".to_owned(),
            owner: "Έλενα Παπαδοπούλου".to_owned(),
            horizon: Horizon::Later,
            due: None,
            note: String::new(),
            model_id: Some("practicing-deployment".to_owned()),
            indicator_ids: Vec::new(),
        },
    ];
    workshop.general_notes = "Strong engineering habits, held back by a release process nobody owns. \
The team will revisit this assessment after the first quarter of 2027."
        .to_owned();
    sample_time(&mut workshop);
    workshop
}

/// Team names for generated portfolios: varied lengths and scripts, as a
/// real organisation's are.
const TEAM_NAMES: [&str; 12] = [
    "Payments Platform",
    "Checkout",
    "Search & Discovery",
    "Identity",
    "Mobile Apps",
    "Data Pipeline",
    "Équipe Facturation",
    "Логистика",
    "Notifications",
    "Developer Experience",
    "Fraud Detection",
    "Customer Support Tools",
];

/// The name of generated team `index`: the list above, then numbered.
pub fn generated_team_name(index: usize) -> String {
    let base = TEAM_NAMES[index % TEAM_NAMES.len()];
    match index / TEAM_NAMES.len() {
        0 => base.to_owned(),
        round => format!("{base} {}", round + 1),
    }
}

/// A workshop like `base` (the sample) for another team on another day.
/// Answers vary with `seed`; `maturity` (0.0 to 1.0) makes Yes more likely
/// further up each ladder, so a team assessed again later improves. The
/// target is set one or two levels above the suggestion.
pub fn varied_workshop(base: &Workshop, team: &str, date: &str, maturity: f32, seed: u64) -> Workshop {
    let mut workshop = base.clone();
    workshop.details.team = team.to_owned();
    workshop.details.date = date.to_owned();
    workshop.created = format!("{date}T09:00:00Z");
    workshop.modified = format!("{date}T16:00:00Z");
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move || {
        // xorshift64*: deterministic, no dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 40) as f32 / (1u64 << 24) as f32
    };
    for assessment in &mut workshop.assessments {
        let model = assessment.model.clone();
        let levels = model.levels.len().max(1) as f32;
        assessment.answers.clear();
        assessment.current_override = None;
        for (level, indicator) in model.indicators() {
            let height = level as f32 / levels;
            let yes = (maturity * 1.6 - height).clamp(0.05, 0.97);
            let roll = next();
            let answer = if roll < yes {
                Some(Answer::Yes)
            } else if roll < yes + 0.05 {
                Some(Answer::NotApplicable)
            } else if roll < yes + 0.25 {
                Some(Answer::Partly)
            } else if height < maturity + 0.3 {
                Some(Answer::No)
            } else {
                None
            };
            if let Some(answer) = answer {
                assessment.answers.insert(indicator.id.clone(), answer);
            }
        }
        let step = 1 + usize::from(next() < 0.5);
        let target = (assessment.suggested_level() + step).min(model.levels.len().saturating_sub(1));
        assessment.target_level = model.levels.get(target).map(|level| level.id.clone());
    }
    workshop
}

/// `count` generated workshops over `teams` teams, each team assessed
/// every quarter from 2024: (file name, workshop). For benchmarks and
/// tests of the portfolio.
pub fn generated_portfolio(count: usize, teams: usize) -> impl Iterator<Item = (String, Workshop)> {
    let base = sample_workshop();
    let teams = teams.max(1);
    (0..count).map(move |index| {
        let (team, round) = (index % teams, index / teams);
        let name = generated_team_name(team);
        let (year, quarter) = (2024 + round / 4, round % 4);
        let date = format!("{year:04}-{:02}-{:02}", quarter * 3 + 1 + team % 3, 1 + team % 27);
        let maturity = (0.15 + 0.12 * round as f32 + 0.02 * (team % 7) as f32).min(1.0);
        let workshop = varied_workshop(&base, &name, &date, maturity, index as u64 + 1);
        let file = format!("team-{team:03}/{date}-{index:05}.workshop.ron");
        (file, workshop)
    })
}

/// A day's workshop, three hours planned; the first two models walked
/// through, a minute and a half or so per indicator, and some talk on the
/// summary and roadmap.
fn sample_time(workshop: &mut Workshop) {
    workshop.timebox.planned_minutes = Some(180);
    let mut spent = Vec::new();
    for assessment in workshop.assessments.iter().take(2) {
        for (index, level) in assessment.model.levels.iter().enumerate() {
            let seconds = level.indicators.len() as u64 * 85 + index as u64 * 37;
            let slot = TimeSlot::Level { model_id: assessment.model.id.clone(), level_id: level.id.clone() };
            spent.push((slot, seconds));
        }
    }
    for (slot, seconds) in spent {
        workshop.timebox.add(&slot, seconds);
    }
    workshop.timebox.add(&TimeSlot::Elsewhere, 14 * 60);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_uses_every_bundled_model_and_has_mixed_answers() {
        let sample = sample_workshop();
        assert_eq!(sample.assessments.len(), crate::model::BUNDLED_MODEL_FILES.len());
        for assessment in &sample.assessments {
            let answers: std::collections::HashSet<_> = assessment.answers.values().collect();
            assert!(answers.len() >= 3, "{} has too few kinds of answer", assessment.model.id);
            assert!(assessment.target_level().is_some());
            assert!(assessment.target_level() > Some(assessment.suggested_level()));
        }
        assert!(sample.actions.len() >= 3);
        let all_notes: String =
            sample.assessments.iter().flat_map(|a| a.indicator_notes.values()).cloned().collect();
        for needle in ["Café", "Η ομάδα", "Команда", "End of note."] {
            assert!(all_notes.contains(needle), "missing {needle}");
        }
        assert!(long_note().chars().count() > 5_000);
        assert_eq!(sample.timebox.planned_minutes, Some(180));
        assert!(sample.timebox.spent.len() >= 8, "time spent on the first models' levels");
    }
}
