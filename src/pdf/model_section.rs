//! One model's pages: the key facts and ladder, then the gaps with the
//! team's notes, the next steps, the actions by horizon, and the notes that
//! are not gaps.

use super::chart;
use super::flow::Block;
use super::fonts::Fonts;
use super::layout::{Item, baseline_offset};
use super::pages::{Writer, short_date, table_row};
use super::style::{
    ACCENT, BODY, BODY_BOLD, INK, MUTED, SMALL, SMALL_BOLD, answer_colour, answer_text_colour,
};
use crate::roadmap::wording::{self, ROOM_HEADING, ROOM_INTRO, answer_short, level_label, room_remark};
use crate::roadmap::{ActionItem, HorizonGroups, ModelRoadmap};
use crate::workshop::Answer;

pub(super) fn model_section(w: &mut Writer<'_>, model: &ModelRoadmap, index: usize, count: usize) {
    // The model's description waits for "About the models" at the end, so
    // that the facts and the whole ladder open the section on one page.
    w.title(Some(&format!("MODEL {} OF {}", index + 1, count)), &model.title);
    w.intro(SMALL, &format!("Source: {}", model.source));
    w.flow.gap(14.0);
    let (left, width) = (w.left(), w.width());
    w.flow.place_together(chart::key_facts(w.fonts, model, left, width));
    if let Some(reason) = &model.override_reason {
        w.flow.gap(10.0);
        let intro = wording::override_intro(model);
        let text = if reason.trim().is_empty() { format!("{intro}.") } else { format!("{intro}: {reason}") };
        w.paragraph(0.0, BODY, &text);
    }

    w.heading("Level ladder");
    let mut ladder = chart::ladder(w.fonts, model, left, width);
    let below = ladder.height + 8.0;
    ladder.append(chart::answer_legend(w.fonts, left, width), below);
    w.flow.place_together(ladder.unbreakable());
    let level_notes: Vec<_> = model.levels.iter().filter(|level| !level.note.trim().is_empty()).collect();
    if !level_notes.is_empty() {
        w.subheading("Notes on levels");
        for level in level_notes {
            w.flow.gap(4.0);
            w.intro(
                SMALL_BOLD.colour(INK),
                &level_label(model, model.levels.iter().position(|l| l.id == level.id)),
            );
            note(w, 0.0, &level.note);
            w.flow.gap(4.0);
        }
    }

    w.heading(wording::GAPS_HEADING);
    gaps(w, model);
    w.heading(wording::NEXT_STEPS_HEADING);
    next_steps(w, model);
    w.heading(wording::ACTIONS_HEADING);
    if model.actions.is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), wording::NO_MODEL_ACTIONS);
    } else {
        actions(w, &model.actions);
    }
    if !model.other_notes.is_empty() {
        w.heading(wording::OTHER_NOTES_HEADING);
        w.intro(SMALL, "Notes on indicators that are not gaps: met, on the first level (the floor), or above the target.");
        for item in &model.other_notes {
            w.flow.gap(6.0);
            let level = level_label(model, Some(item.level_index));
            let mut remark = format!("{level} · {}", answer_short(item.answer));
            if let Some(spread) = &item.room {
                remark.push_str(&format!(" · {}", room_remark(spread)));
            }
            statement(w, &item.statement, &remark, item.answer, &item.note);
        }
    }
    if !model.room_votes.is_empty() {
        w.heading(ROOM_HEADING);
        w.intro(SMALL, ROOM_INTRO);
        for vote in &model.room_votes {
            w.flow.gap(6.0);
            let level = level_label(model, Some(vote.level_index));
            let remark = format!("{level} · {}", room_remark(&vote.spread));
            statement(w, &vote.statement, &remark, vote.answer, "");
        }
    }
    if !model.orphaned.is_empty() {
        w.heading(wording::ORPHANED_HEADING);
        for item in &model.orphaned {
            w.flow.gap(6.0);
            statement(
                w,
                &item.statement,
                &format!("From version {}", item.from_version),
                item.answer,
                &item.note,
            );
        }
    }
}

fn gaps(w: &mut Writer<'_>, model: &ModelRoadmap) {
    if model.gaps.is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), wording::no_gaps(model));
        return;
    }
    w.intro(
        SMALL,
        "Indicators up to the target level that are not yet answered Yes (Not applicable counts as met).",
    );
    let mut level = None;
    for gap in &model.gaps {
        if level != Some(gap.level_index) {
            level = Some(gap.level_index);
            w.subheading(&level_label(model, level));
        } else {
            w.flow.gap(5.0);
        }
        let remark = gap.room.as_ref().map(room_remark).unwrap_or_default();
        statement(w, &gap.statement, &remark, gap.answer, &gap.note);
    }
}

fn next_steps(w: &mut Writer<'_>, model: &ModelRoadmap) {
    if model.next_steps.is_empty() {
        w.paragraph(0.0, BODY.colour(MUTED), wording::NO_NEXT_STEPS);
        return;
    }
    let mut from = None;
    for step in &model.next_steps {
        if from != Some(step.from_level) {
            from = Some(step.from_level);
            w.subheading(&wording::step_heading(model, step.from_level));
        }
        let (left, width, fonts) = (w.left(), w.width(), w.fonts);
        let mut block = Block::new();
        let offset = baseline_offset(&fonts.regular, BODY);
        block.add(0.0, BODY.leading, vec![Item::text(fonts, left + 4.0, offset, BODY.colour(ACCENT), "•")]);
        let y = block.text(fonts, left + 16.0, 0.0, width - 16.0, BODY, &step.text);
        block.pad(y + 3.0);
        w.flow.place(block);
    }
}

pub(super) fn actions(w: &mut Writer<'_>, groups: &HorizonGroups) {
    let width = w.width();
    let columns = [width - 200.0, 120.0, 80.0];
    for (horizon, items) in groups.iter() {
        w.subheading(horizon.label());
        if items.is_empty() {
            w.paragraph(0.0, BODY.colour(MUTED), wording::NOTHING_PLANNED);
            continue;
        }
        let header = ["Action", "Owner", "Due"].map(|h| vec![(SMALL_BOLD, h.to_owned())]);
        w.flow.hold(table_row(w.fonts, w.left(), &columns, &header, true).unbreakable());
        for item in items {
            let row = action_row(w, &columns, item);
            // A row with a long note breaks rather than leave most of a
            // page empty; a short one stays whole.
            if row.height > w.geometry.content_height() / 3.0 {
                w.flow.place_keeping(row, 4);
            } else {
                w.flow.place_together(row);
            }
        }
    }
}

fn action_row(w: &Writer<'_>, columns: &[f32; 3], item: &ActionItem) -> Block {
    let action = &item.action;
    let mut first = vec![(BODY_BOLD, action.title.clone())];
    if !action.note.trim().is_empty() {
        first.push((BODY, action.note.clone()));
    }
    if !item.addresses.is_empty() {
        first.push((SMALL, format!("Addresses: {}", item.addresses.join("; "))));
    }
    let owner = if action.owner.trim().is_empty() { "—".to_owned() } else { action.owner.clone() };
    let due = action.due.as_deref().map_or_else(|| "—".to_owned(), short_date);
    table_row(w.fonts, w.left(), columns, &[first, vec![(BODY, owner)], vec![(BODY, due)]], false)
}

/// An indicator statement with its answer as a coloured pill on the left,
/// an optional muted remark, and the team's note beneath. A short note
/// stays with its statement; a long one may break, but never before its
/// first two lines.
fn statement(w: &mut Writer<'_>, text: &str, remark: &str, answer: Option<Answer>, note_text: &str) {
    let (left, width, fonts) = (w.left(), w.width(), w.fonts);
    let indent = 54.0;
    let mut block = Block::new();
    let pill = chart::pill(
        fonts,
        left,
        1.5,
        44.0,
        answer_short(answer),
        answer_colour(answer),
        answer_text_colour(answer),
    );
    block.add(0.0, BODY.leading, pill);
    let mut y = block.text(fonts, left + indent, 0.0, width - indent, BODY, text);
    if !remark.is_empty() {
        y = block.text(fonts, left + indent, y, width - indent, SMALL, remark);
    }
    let head_lines = block.spans().len();
    if !note_text.trim().is_empty() {
        let quote = note_block(fonts, left + indent, width - indent, note_text);
        let height = quote.height;
        block.append(quote, y);
        y += height;
    }
    block.pad(y + 2.0);
    let short = block.height <= 8.0 * BODY.leading;
    if short {
        w.flow.place_together(block);
    } else {
        w.flow.place_keeping(block, head_lines + 2);
    }
}

/// A note as a quotation: the team's own words, set off by a rule on the
/// left that follows the note across pages.
fn note(w: &mut Writer<'_>, indent: f32, text: &str) {
    let block = note_block(w.fonts, w.left() + indent, w.width() - indent, text);
    w.flow.place(block);
}

fn note_block(fonts: &Fonts, left: f32, width: f32, text: &str) -> Block {
    let mut lines = Block::new();
    let end = lines.text(fonts, left + 10.0, 2.0, width - 10.0, BODY, text);
    let mut block = Block::new();
    // A rule segment per line, in the line's own part, keeps the rule
    // with its line wherever the page breaks.
    for (top, bottom) in lines.spans() {
        block.add(
            top,
            bottom,
            vec![Item::Line {
                from: (left + 1.0, top),
                to: (left + 1.0, bottom),
                colour: ACCENT,
                width: 1.5,
            }],
        );
    }
    block.append(lines, 0.0);
    block.pad(end + 4.0);
    block
}
