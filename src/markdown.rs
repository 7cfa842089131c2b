//! The roadmap as Markdown (GitHub-flavoured), for teams to paste into a
//! wiki or an issue tracker and keep editing there. Same content as the
//! PDF; user text is escaped wherever it could break the structure.

use std::fmt::Write;

use crate::roadmap::wording::{
    self, ROOM_HEADING, ROOM_INTRO, answer_name, level_label, room_remark, target_label,
};
use crate::roadmap::{ActionItem, HorizonGroups, ModelRoadmap, Roadmap, TimeReport};
use crate::voting::Spread;
use crate::workshop::Workshop;

/// The roadmap of `workshop` as a Markdown document.
pub fn render_markdown(workshop: &Workshop) -> String {
    let roadmap = Roadmap::from_workshop(workshop);
    let mut out = String::new();
    document(&mut out, &roadmap);
    out
}

fn document(out: &mut String, roadmap: &Roadmap) {
    let team = if roadmap.team.trim().is_empty() { "Unnamed team" } else { roadmap.team.as_str() };
    line(out, &format!("# Deployment maturity roadmap: {}", inline(team)));
    line(out, "");
    let participants = roadmap.participants.iter().map(|p| inline(p)).collect::<Vec<_>>().join(", ");
    for (label, value) in [
        ("Date", inline(&roadmap.date)),
        ("Facilitator", inline(&roadmap.facilitator)),
        ("Participants", participants),
    ] {
        if !value.trim().is_empty() {
            line(out, &format!("- **{label}:** {value}"));
        }
    }
    line(out, "");

    line(out, "## Summary");
    line(out, "");
    if roadmap.models.is_empty() {
        line(out, wording::NO_MODELS);
        line(out, "");
    } else {
        line(out, "| Model | Current | Target | Answered | Gaps | Actions |");
        line(out, "| --- | --- | --- | ---: | ---: | ---: |");
        for model in &roadmap.models {
            line(
                out,
                &format!(
                    "| {} | {} | {} | {:.0} % | {} | {} |",
                    cell(&model.title),
                    cell(&level_label(model, Some(model.current))),
                    cell(&target_label(model)),
                    model.answered_share * 100.0,
                    model.gaps.len(),
                    model.actions.len()
                ),
            );
        }
        line(out, "");
    }

    for model in &roadmap.models {
        model_section(out, model);
    }

    line(out, &format!("## {}", wording::GENERAL_NOTES_HEADING));
    line(out, "");
    if roadmap.general_notes.trim().is_empty() {
        line(out, wording::NO_GENERAL_NOTES);
    } else {
        paragraphs(out, &roadmap.general_notes);
    }
    line(out, "");
    if !roadmap.general_actions.is_empty() {
        line(out, &format!("## {}", wording::GENERAL_ACTIONS_HEADING));
        line(out, "");
        actions_table(out, &roadmap.general_actions);
    }
    if let Some(time) = &roadmap.time {
        time_appendix(out, time);
    }
}

/// The time-box: planned and spent per level (words from `roadmap`).
fn time_appendix(out: &mut String, time: &TimeReport) {
    line(out, &format!("## {}", wording::TIME_HEADING));
    line(out, "");
    line(out, &inline(&time.intro()));
    line(out, "");
    let [model, level, planned, spent] = wording::TIME_COLUMNS;
    line(out, &format!("| {model} | {level} | {planned} | {spent} |"));
    line(out, "| --- | --- | ---: | ---: |");
    for row in time.rows.iter().cloned().chain(time.elsewhere_row()) {
        line(
            out,
            &format!(
                "| {} | {} | {} | {} |",
                cell(&row.model),
                cell(&row.level),
                row.planned_text(),
                row.spent_text()
            ),
        );
    }
    line(out, "");
}

fn model_section(out: &mut String, model: &ModelRoadmap) {
    line(out, &format!("## {}", inline(&model.title)));
    line(out, "");
    paragraphs(out, &model.summary);
    line(out, "");
    line(out, &format!("*Source: {}*", inline(&model.source)));
    line(out, "");
    line(
        out,
        &format!(
            "**Current → target:** {} → {}",
            inline(&level_label(model, Some(model.current))),
            inline(&target_label(model))
        ),
    );
    line(out, "");
    if let Some(reason) = &model.override_reason {
        let intro = inline(&wording::override_intro(model));
        if reason.trim().is_empty() {
            line(out, &format!("{intro}."));
        } else {
            line(out, &format!("{intro}:"));
            line(out, "");
            quote(out, "", reason);
        }
        line(out, "");
    }
    levels(out, model);
    gaps(out, model);
    next_steps(out, model);

    line(out, &format!("### {}", wording::ACTIONS_HEADING));
    line(out, "");
    if model.actions.is_empty() {
        line(out, wording::NO_MODEL_ACTIONS);
        line(out, "");
    } else {
        actions_table(out, &model.actions);
    }
    other_notes(out, model);
}

/// The levels as a table of answer counts, top level first, then the
/// team's notes on levels.
fn levels(out: &mut String, model: &ModelRoadmap) {
    line(out, "### Levels");
    line(out, "");
    line(out, "| Level | Yes | Partly | No | N/A | Not answered | Team |");
    line(out, "| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (index, level) in model.levels.iter().enumerate().rev() {
        let mut marks = Vec::new();
        if index == model.current {
            marks.push("**current**");
        }
        if model.target == Some(index) {
            marks.push("**target**");
        }
        let counts = &level.counts;
        line(
            out,
            &format!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                cell(&level_label(model, Some(index))),
                counts.yes,
                counts.partly,
                counts.no,
                counts.not_applicable,
                counts.unanswered,
                marks.join(", ")
            ),
        );
    }
    line(out, "");
    for (index, level) in model.levels.iter().enumerate() {
        if !level.note.trim().is_empty() {
            line(out, &format!("Note on {}:", inline(&level_label(model, Some(index)))));
            line(out, "");
            quote(out, "", &level.note);
            line(out, "");
        }
    }
}

/// The gaps as a task list grouped by level, each with the team's note.
fn gaps(out: &mut String, model: &ModelRoadmap) {
    line(out, &format!("### {}", wording::GAPS_HEADING));
    line(out, "");
    if model.gaps.is_empty() {
        line(out, wording::no_gaps(model));
        line(out, "");
    }
    let mut level = None;
    for gap in &model.gaps {
        if level != Some(gap.level_index) {
            if level.is_some() {
                line(out, "");
            }
            level = Some(gap.level_index);
            line(out, &format!("#### {}", inline(&level_label(model, level))));
            line(out, "");
        }
        line(
            out,
            &format!(
                "- [ ] {} *({})*{}",
                inline_line(&gap.statement),
                answer_name(gap.answer),
                room_suffix(gap.room.as_ref())
            ),
        );
        if !gap.note.trim().is_empty() {
            quote(out, "  ", &gap.note);
        }
    }
    if level.is_some() {
        line(out, "");
    }
}

/// The model's next steps from the current level up to the target.
fn next_steps(out: &mut String, model: &ModelRoadmap) {
    line(out, &format!("### {}", wording::NEXT_STEPS_HEADING));
    line(out, "");
    if model.next_steps.is_empty() {
        line(out, wording::NO_NEXT_STEPS);
        line(out, "");
    }
    let mut from = None;
    for step in &model.next_steps {
        if from != Some(step.from_level) {
            if from.is_some() {
                line(out, "");
            }
            from = Some(step.from_level);
            line(out, &format!("#### {}", inline(&wording::step_heading(model, step.from_level))));
            line(out, "");
        }
        line(out, &format!("- {}", inline_line(&step.text)));
    }
    if from.is_some() {
        line(out, "");
    }
}

/// Notes on indicators that are not gaps, and answers the model no longer
/// has an indicator for.
fn other_notes(out: &mut String, model: &ModelRoadmap) {
    if !model.other_notes.is_empty() {
        line(out, &format!("### {}", wording::OTHER_NOTES_HEADING));
        line(out, "");
        for item in &model.other_notes {
            line(
                out,
                &format!(
                    "- **{}** ({}, {}){}",
                    inline(&item.statement),
                    inline(&level_label(model, Some(item.level_index))),
                    answer_name(item.answer),
                    room_suffix(item.room.as_ref())
                ),
            );
            quote(out, "  ", &item.note);
        }
        line(out, "");
    }
    if !model.room_votes.is_empty() {
        line(out, &format!("### {ROOM_HEADING}"));
        line(out, "");
        line(out, ROOM_INTRO);
        line(out, "");
        for vote in &model.room_votes {
            line(
                out,
                &format!(
                    "- {} ({}, answered {}){}",
                    inline_line(&vote.statement),
                    inline(&level_label(model, Some(vote.level_index))),
                    answer_name(vote.answer),
                    room_suffix(Some(&vote.spread))
                ),
            );
        }
        line(out, "");
    }
    if !model.orphaned.is_empty() {
        line(out, &format!("### {}", wording::ORPHANED_HEADING));
        line(out, "");
        for item in &model.orphaned {
            line(
                out,
                &format!(
                    "- **{}** ({}, from version {})",
                    inline(&item.statement),
                    answer_name(item.answer),
                    item.from_version
                ),
            );
            if !item.note.trim().is_empty() {
                quote(out, "  ", &item.note);
            }
        }
        line(out, "");
    }
}

fn actions_table(out: &mut String, groups: &HorizonGroups) {
    line(out, "| Horizon | Action | Owner | Due | Note |");
    line(out, "| --- | --- | --- | --- | --- |");
    for (horizon, items) in groups.iter() {
        for item in items {
            action_row(out, horizon.label(), item);
        }
    }
    line(out, "");
}

fn action_row(out: &mut String, horizon: &str, item: &ActionItem) {
    let action = &item.action;
    let mut note = cell(&action.note);
    if !item.addresses.is_empty() {
        if !note.is_empty() {
            note.push_str("<br>");
        }
        note.push_str(&format!("Addresses: {}", cell(&item.addresses.join("; "))));
    }
    line(
        out,
        &format!(
            "| {horizon} | {} | {} | {} | {note} |",
            cell(&action.title),
            cell(&action.owner),
            cell(action.due.as_deref().unwrap_or(""))
        ),
    );
}

/// " — Room: 3 Yes · 1 No", bold where the room disagreed; nothing
/// without votes.
fn room_suffix(spread: Option<&Spread>) -> String {
    match spread {
        None => String::new(),
        Some(spread) if spread.is_disagreement() => format!(" — **{}**", room_remark(spread)),
        Some(spread) => format!(" — {}", room_remark(spread)),
    }
}

fn line(out: &mut String, text: &str) {
    let _ = writeln!(out, "{text}");
}

/// Text as paragraphs, each line escaped so it cannot turn into a heading,
/// list or quote; single line breaks are kept as hard breaks.
fn paragraphs(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    for (index, text) in lines.iter().enumerate() {
        let continues =
            lines.get(index + 1).is_some_and(|next| !next.trim().is_empty()) && !text.trim().is_empty();
        // Trailing spaces would be invisible or, two of them, a hard break.
        let escaped = inline_line(text.trim_end());
        line(out, &if continues { format!("{escaped}\\") } else { escaped });
    }
}

/// A blockquote of `text`, each line prefixed with `indent` (to nest it
/// under a list item) and escaped.
fn quote(out: &mut String, indent: &str, text: &str) {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    for (index, text) in lines.iter().enumerate() {
        if text.trim().is_empty() {
            line(out, &format!("{indent}>"));
            continue;
        }
        let continues = lines.get(index + 1).is_some_and(|next| !next.trim().is_empty());
        let escaped = inline_line(text.trim_end());
        line(out, &format!("{indent}> {escaped}{}", if continues { "\\" } else { "" }));
    }
}

/// A table cell: escaped, with line breaks as `<br>` since a cell is one line.
pub(crate) fn cell(text: &str) -> String {
    text.trim().lines().map(inline).collect::<Vec<_>>().join("<br>")
}

/// Escapes the characters that mean something inline (emphasis, code,
/// links, HTML, table pipes).
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\t' => out.push(' '),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Like `inline`, for text that starts a line: also defuses what would make
/// the line a heading, list item, rule or setext underline.
pub(crate) fn inline_line(text: &str) -> String {
    let escaped = inline(text);
    let trimmed = escaped.trim_start();
    let lead = &escaped[..escaped.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &trimmed[digits..];
    if trimmed.starts_with(['#', '-', '+', '=']) {
        format!("{lead}\\{trimmed}")
    } else if digits > 0
        && (after_digits.starts_with(". ")
            || after_digits.starts_with(") ")
            || after_digits == "."
            || after_digits == ")")
    {
        format!("{lead}{}\\{}", &trimmed[..digits], after_digits)
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_spread_stands_beside_the_answer_and_disagreement_is_marked() {
        let mut workshop = crate::workshop::sample::sample_workshop();
        let assessment = &mut workshop.assessments[0];
        let (first, second) = {
            let mut ids = assessment.model.indicators().map(|(_, i)| i.id.clone());
            (ids.next().unwrap(), ids.next().unwrap())
        };
        assessment.votes.insert(first.clone(), Spread { yes: 5, partly: 1, ..Spread::default() });
        assessment.votes.insert(second, Spread { yes: 2, partly: 2, no: 1, ..Spread::default() });
        let md = render_markdown(&workshop);
        assert!(md.contains("### How the room voted\n"), "{md}");
        assert!(md.contains("— Room: 5 Yes · 1 Partly\n"), "{md}");
        assert!(
            md.contains(
                "— **Room: 2 Yes · 2 Partly · 1 No. The room disagreed: worth a second conversation.**"
            ),
            "{md}"
        );
        // Without votes, nothing of it.
        let plain = render_markdown(&crate::workshop::sample::sample_workshop());
        assert!(!plain.contains("How the room voted") && !plain.contains("Room:"));
    }
    use crate::workshop::sample::{long_note, sample_workshop};

    #[test]
    fn escapes_what_would_break_the_structure() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(inline("*bold* [x](y) <b> `c` a_b"), "\\*bold\\* \\[x\\](y) \\<b\\> \\`c\\` a\\_b");
        assert_eq!(inline_line("# not a heading"), "\\# not a heading");
        assert_eq!(inline_line("- not a list"), "\\- not a list");
        assert_eq!(inline_line("1. not a list"), "1\\. not a list");
        assert_eq!(inline_line("2026 was fine"), "2026 was fine");
        assert_eq!(inline_line("Café-style"), "Café-style");
    }

    #[test]
    fn sample_document_has_every_part() {
        let workshop = sample_workshop();
        let md = render_markdown(&workshop);
        assert!(md.starts_with("# Deployment maturity roadmap: Payments Platform\n"));
        assert!(md.contains("- **Facilitator:** Zoë Lindqvist\n"));
        assert!(md.contains("| Model | Current | Target | Answered | Gaps | Actions |\n"));
        for assessment in &workshop.assessments {
            assert!(md.contains(&format!("\n## {}\n", assessment.model.title)), "{}", assessment.model.title);
        }
        assert!(md.contains("### Gaps to close\n"));
        assert!(md.contains("\n- [ ] "));
        assert!(md.contains("### Next steps\n\n#### From Level "));
        assert!(md.contains("| Horizon | Action | Owner | Due | Note |\n"));
        assert!(md.contains(
            "| Now | Script the database migration step of the release | Søren Østergaard | 2026-12-15 | Start with the payments schema; it changes most often.<br>Addresses: "
        ));
        assert!(md.contains(
            "| Later | Introduce feature switches for the checkout redesign | Έλενα Παπαδοπούλου |  |  |"
        ));
        assert!(md.contains("> Η ομάδα θέλει αυτοματοποιημένη επαναφορά πριν από την επόμενη κυκλοφορία."));
        assert!(md.contains("> Команда согласна: откат должен занимать не больше пяти минут."));
        assert!(md.contains(
            "> Café-style release reviews happen on Fridays; the façade service is the exception."
        ));
        assert!(md.contains("## General notes\n\nStrong engineering habits"));
        // The long note keeps every paragraph, escaped where a paragraph
        // number would start a list.
        let first = long_note().lines().next().unwrap().to_owned();
        assert!(md.contains(&format!("  > {first}")));
        assert!(md.contains("  > 1\\. The team walked through"));
        assert!(md.contains("  > End of note."));
    }

    #[test]
    fn markers_show_current_and_target_levels() {
        let md = render_markdown(&sample_workshop());
        assert!(md.contains("**current**"));
        assert!(md.contains("**target**"));
        assert!(md.contains("**Current → target:** Level "));
    }

    #[test]
    fn the_time_box_is_listed_in_the_appendix() {
        let md = render_markdown(&sample_workshop());
        let appendix = &md[md.find("\n## Time spent\n").expect("an appendix")..];
        assert!(
            appendix.starts_with("\n## Time spent\n\nPlanned: 3 h, split across the levels"),
            "{appendix}"
        );
        assert!(appendix.contains("| Model | Level | Planned | Spent |\n| --- | --- | ---: | ---: |\n"));
        assert!(appendix.contains("| Start, summary and roadmap |  | — | 14 min |"), "{appendix}");
        let mut untimed = sample_workshop();
        untimed.timebox = Default::default();
        assert!(!render_markdown(&untimed).contains("## Time spent"));
    }
}
